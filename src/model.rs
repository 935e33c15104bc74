//! The domain nouns every stage shares: articles, actors, relations and the
//! evidence that proves them. Nothing here knows about SQLite, petgraph or
//! the command line; the pipeline stages exchange these types.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A news article as read from a file, a JSONL line or stdin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Header or JSON `id`, else the file stem.
    pub id: String,
    pub title: Option<String>,
    /// `YYYY-MM-DD`; drives the resolution of dated roles ("President Bush").
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// The body, without header or title line.
    pub text: String,
}

impl Article {
    /// The text extraction reads: the title (when there is one) and the body,
    /// separated by a blank line so the title is always a sentence of its own.
    /// Evidence spans are byte offsets into this string.
    pub fn document(&self) -> String {
        match &self.title {
            Some(title) if !title.trim().is_empty() => {
                let mut doc = String::with_capacity(title.len() + 2 + self.text.len());
                doc.push_str(title.trim_end());
                doc.push_str("\n\n");
                doc.push_str(&self.text);
                doc
            }
            _ => self.text.clone(),
        }
    }

    /// Hash of everything that changes what extraction sees; equal hashes mean
    /// a re-load is a no-op.
    pub fn content_hash(&self) -> String {
        let mut hasher = blake3::Hasher::new();
        for part in [&self.title, &self.date, &self.source, &self.url] {
            hasher.update(part.as_deref().unwrap_or("").as_bytes());
            hasher.update(&[0]);
        }
        hasher.update(self.text.as_bytes());
        hasher.finalize().to_hex().to_string()
    }
}

/// What an actor is. Persons carry an affiliation; countries and
/// organisations carry a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Country,
    Person,
    Organization,
    Group,
}

impl ActorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Country => "country",
            ActorKind::Person => "person",
            ActorKind::Organization => "organization",
            ActorKind::Group => "group",
        }
    }
}

impl fmt::Display for ActorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ActorKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "country" => Ok(ActorKind::Country),
            "person" => Ok(ActorKind::Person),
            "organization" | "organisation" => Ok(ActorKind::Organization),
            "group" => Ok(ActorKind::Group),
            other => Err(format!(
                "unknown actor kind `{other}` (expected country, person, organization or group)"
            )),
        }
    }
}

/// An actor's identity as it appears in output: the contract of
/// `spec/ontology.md` ("Actor identity").
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Actor {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub code: Option<String>,
    pub kind: ActorKind,
    /// For persons: the code of the country or organisation whose role the
    /// person holds at the article's date.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub affiliation: Option<String>,
}

impl Actor {
    /// The key that identifies one real actor across articles: a code where
    /// there is one, else kind and name. Persons are keyed by name only, so
    /// an affiliation learnt later does not split the node.
    pub fn key(&self) -> String {
        match (&self.code, self.kind) {
            (Some(code), ActorKind::Country | ActorKind::Organization | ActorKind::Group) => {
                format!("{}:{}", self.kind, code)
            }
            _ => format!("{}:{}", self.kind, self.name),
        }
    }

    /// Short label for tables: the code for countries, the name otherwise.
    pub fn label(&self) -> &str {
        match (&self.code, self.kind) {
            (Some(code), ActorKind::Country) => code,
            _ => &self.name,
        }
    }
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)?;
        if let Some(code) = &self.code
            && code != &self.name
        {
            write!(f, " ({code})")?;
        }
        Ok(())
    }
}

/// Relation categories of `spec/ontology.md`: PLOVER event categories plus
/// the stative AFFILIATION. The project's relation names (`invades`,
/// `meets`, …) each map to exactly one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Category {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
    Affiliation,
}

impl Category {
    pub const ALL: [Category; 17] = [
        Category::Agree,
        Category::Consult,
        Category::Support,
        Category::Concede,
        Category::Cooperate,
        Category::Aid,
        Category::Retreat,
        Category::Request,
        Category::Accuse,
        Category::Reject,
        Category::Threaten,
        Category::Protest,
        Category::Sanction,
        Category::Mobilize,
        Category::Coerce,
        Category::Assault,
        Category::Affiliation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Agree => "AGREE",
            Category::Consult => "CONSULT",
            Category::Support => "SUPPORT",
            Category::Concede => "CONCEDE",
            Category::Cooperate => "COOPERATE",
            Category::Aid => "AID",
            Category::Retreat => "RETREAT",
            Category::Request => "REQUEST",
            Category::Accuse => "ACCUSE",
            Category::Reject => "REJECT",
            Category::Threaten => "THREATEN",
            Category::Protest => "PROTEST",
            Category::Sanction => "SANCTION",
            Category::Mobilize => "MOBILIZE",
            Category::Coerce => "COERCE",
            Category::Assault => "ASSAULT",
            Category::Affiliation => "AFFILIATION",
        }
    }

    /// The ontology's default weight on the −10..+10 cooperation/conflict
    /// scale; relation names may refine it in `seeds/lexicon/relations.toml`.
    pub fn default_weight(self) -> f64 {
        match self {
            Category::Agree => 5.0,
            Category::Consult => 1.0,
            Category::Support => 3.0,
            Category::Concede => 5.0,
            Category::Cooperate => 6.0,
            Category::Aid => 7.0,
            Category::Retreat => 4.0,
            Category::Request => -1.0,
            Category::Accuse => -2.0,
            Category::Reject => -4.0,
            Category::Threaten => -5.0,
            Category::Protest => -6.0,
            Category::Sanction => -6.0,
            Category::Mobilize => -7.0,
            Category::Coerce => -7.0,
            Category::Assault => -10.0,
            Category::Affiliation => 0.0,
        }
    }

    /// Which side of the cooperation/conflict divide a category sits on;
    /// exports colour edges by it.
    pub fn polarity(self) -> Polarity {
        let w = self.default_weight();
        if w > 0.0 {
            Polarity::Cooperation
        } else if w < 0.0 {
            Polarity::Conflict
        } else {
            Polarity::Neutral
        }
    }

    pub fn is_event(self) -> bool {
        self != Category::Affiliation
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Category {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let upper = s.trim().to_ascii_uppercase();
        Category::ALL
            .into_iter()
            .find(|c| c.as_str() == upper)
            .ok_or_else(|| {
                format!(
                    "unknown category `{s}` (expected one of {})",
                    Category::ALL.map(|c| c.as_str()).join(", ")
                )
            })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Polarity {
    Cooperation,
    Conflict,
    Neutral,
}

/// Where a relation was read: the article, the sentence and its byte span in
/// [`Article::document`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub article: String,
    /// 0-based; the title, when there is one, is sentence 0.
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// One actor–relation–actor triple found in text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Relation {
    pub subject: Actor,
    /// The project's relation name, e.g. `partners-with`, `invades`.
    pub relation: String,
    pub category: Category,
    pub object: Actor,
    pub negated: bool,
    pub attributed_to: Option<Actor>,
    /// Symmetric relations ("Putin met Xi") match either direction.
    pub symmetric: bool,
    /// Cooperation/conflict weight of the relation name.
    pub weight: f64,
    /// 0..1: how sure the rule that produced this is; see README "Confidence".
    pub confidence: f64,
    pub evidence: Evidence,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_puts_title_in_its_own_paragraph() {
        let a = Article {
            id: "a".into(),
            title: Some("Russia and China meet".into()),
            date: None,
            source: None,
            url: None,
            text: "Body text.".into(),
        };
        assert_eq!(a.document(), "Russia and China meet\n\nBody text.");
        let untitled = Article {
            title: None,
            ..a.clone()
        };
        assert_eq!(untitled.document(), "Body text.");
    }

    #[test]
    fn content_hash_changes_with_text_and_metadata() {
        let a = Article {
            id: "a".into(),
            title: None,
            date: Some("2022-01-01".into()),
            source: None,
            url: None,
            text: "x".into(),
        };
        let mut b = a.clone();
        assert_eq!(a.content_hash(), b.content_hash());
        b.text.push('y');
        assert_ne!(a.content_hash(), b.content_hash());
        let mut c = a.clone();
        c.date = Some("2022-01-02".into());
        assert_ne!(a.content_hash(), c.content_hash());
    }

    #[test]
    fn category_round_trips_through_text() {
        for c in Category::ALL {
            assert_eq!(c.as_str().parse::<Category>().unwrap(), c);
        }
        assert!("FRIENDSHIP".parse::<Category>().is_err());
        assert_eq!(Category::Assault.polarity(), Polarity::Conflict);
        assert_eq!(Category::Aid.polarity(), Polarity::Cooperation);
    }

    #[test]
    fn actor_key_prefers_code() {
        let rus = Actor {
            name: "Russia".into(),
            code: Some("RUS".into()),
            kind: ActorKind::Country,
            affiliation: None,
        };
        assert_eq!(rus.key(), "country:RUS");
        let putin = Actor {
            name: "Vladimir Putin".into(),
            code: None,
            kind: ActorKind::Person,
            affiliation: Some("RUS".into()),
        };
        assert_eq!(putin.key(), "person:Vladimir Putin");
    }
}
