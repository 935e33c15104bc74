//! The relation vocabulary from `seeds/lexicon/relations.toml`: relation
//! names with category, CAMEO code and weight, and the verb and noun
//! patterns that express them (syntax documented at the top of the file).

use super::LexiconError;
use super::inflect::{Irregulars, VerbForm, noun_forms, verb_forms};
use crate::model::{ActorKind, Category};
use rustc_hash::FxHashMap as HashMap;
use serde::Deserialize;

pub type RelationId = u16;

#[derive(Debug, Clone)]
pub struct RelationType {
    pub name: String,
    pub category: Category,
    pub cameo: String,
    pub weight: f64,
    pub symmetric: bool,
    /// empty: any kind
    pub object_kinds: Vec<ActorKind>,
    pub subject_kinds: Vec<ActorKind>,
}

impl RelationType {
    pub fn accepts(&self, subject: ActorKind, object: ActorKind) -> bool {
        (self.subject_kinds.is_empty() || self.subject_kinds.contains(&subject))
            && (self.object_kinds.is_empty() || self.object_kinds.contains(&object))
    }
}

/// How a pattern's object is introduced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ObjectMarker {
    /// a direct object: the noun phrase right after the pattern
    Direct,
    /// a preposition ("with", "on")
    Prep(String),
    /// the first actor of a following that-clause
    That,
}

/// One position of a pattern: any of these word forms.
pub type Alternatives = Vec<String>;

#[derive(Debug, Clone)]
pub struct VerbPattern {
    pub relation: RelationId,
    /// words after the verb, in order
    pub words: Vec<Alternatives>,
    /// empty: the pattern takes no object
    pub markers: Vec<ObjectMarker>,
    /// the pattern as written, for `eval --errors` and debugging
    pub source: String,
}

#[derive(Debug, Clone)]
pub struct NounPattern {
    pub relation: RelationId,
    /// words that must directly precede the head noun, in order
    pub modifiers: Vec<Alternatives>,
    pub markers: Vec<ObjectMarker>,
    pub source: String,
}

pub struct Vocabulary {
    relations: Vec<RelationType>,
    pub verb_patterns: Vec<VerbPattern>,
    pub noun_patterns: Vec<NounPattern>,
    verb_index: HashMap<String, Vec<(u32, VerbForm)>>,
    noun_index: HashMap<String, Vec<u32>>,
    /// every lemma a verb pattern starts with (to register verb forms)
    pub verb_lemmas: Vec<String>,
}

impl Vocabulary {
    pub fn relations(&self) -> &[RelationType] {
        &self.relations
    }

    pub fn relation(&self, id: RelationId) -> &RelationType {
        &self.relations[id as usize]
    }

    pub fn by_name(&self, name: &str) -> Option<RelationId> {
        self.relations
            .iter()
            .position(|r| r.name == name)
            .map(|i| i as RelationId)
    }

    /// Verb patterns whose verb has this (lower-case) form.
    pub fn verb_patterns_for(&self, word: &str) -> &[(u32, VerbForm)] {
        self.verb_index.get(word).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Every verb form that heads a pattern, with its patterns.
    pub fn verb_index(&self) -> impl Iterator<Item = (&str, &[(u32, VerbForm)])> {
        self.verb_index
            .iter()
            .map(|(w, p)| (w.as_str(), p.as_slice()))
    }

    /// Every noun form that heads a pattern, with its patterns.
    pub fn noun_index(&self) -> impl Iterator<Item = (&str, &[u32])> {
        self.noun_index
            .iter()
            .map(|(w, p)| (w.as_str(), p.as_slice()))
    }

    /// Noun patterns whose head noun has this (lower-case) form.
    pub fn noun_patterns_for(&self, word: &str) -> &[u32] {
        self.noun_index.get(word).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn parse(content: &str, irregulars: &Irregulars) -> Result<Vocabulary, LexiconError> {
        const FILE: &str = "lexicon/relations.toml";
        let line_of = |span: std::ops::Range<usize>| {
            content[..span.start.min(content.len())]
                .lines()
                .count()
                .max(1)
        };
        let file: RelationsFile = toml::from_str(content).map_err(|e| {
            LexiconError::at(
                FILE,
                e.span().map(line_of).unwrap_or(0),
                e.message().to_string(),
            )
        })?;
        let mut vocabulary = Vocabulary {
            relations: Vec::new(),
            verb_patterns: Vec::new(),
            noun_patterns: Vec::new(),
            verb_index: HashMap::default(),
            noun_index: HashMap::default(),
            verb_lemmas: Vec::new(),
        };
        for entry in file.relation {
            let line = line_of(entry.name.span());
            let name = entry.name.into_inner();
            if vocabulary.relations.iter().any(|r| r.name == name) {
                return Err(LexiconError::at(
                    FILE,
                    line,
                    format!("duplicate relation name `{name}`"),
                ));
            }
            let category: Category =
                entry.category.get_ref().parse().map_err(|e: String| {
                    LexiconError::at(FILE, line_of(entry.category.span()), e)
                })?;
            if !(-10.0..=10.0).contains(&entry.weight) {
                return Err(LexiconError::at(
                    FILE,
                    line,
                    format!("weight {} is outside −10..+10", entry.weight),
                ));
            }
            let kinds = |list: &[String]| -> Result<Vec<ActorKind>, LexiconError> {
                list.iter()
                    .map(|k| {
                        k.parse()
                            .map_err(|e: String| LexiconError::at(FILE, line, e))
                    })
                    .collect()
            };
            let id = vocabulary.relations.len() as RelationId;
            vocabulary.relations.push(RelationType {
                name,
                category,
                cameo: entry.cameo,
                weight: entry.weight,
                symmetric: entry.symmetric,
                object_kinds: kinds(&entry.object_kinds)?,
                subject_kinds: kinds(&entry.subject_kinds)?,
            });
            for pattern in entry.verbs {
                let line = line_of(pattern.span());
                let source = pattern.into_inner();
                let (words, markers) =
                    split_pattern(&source).map_err(|e| LexiconError::at(FILE, line, e))?;
                let index = vocabulary.verb_patterns.len() as u32;
                let mut positions = words.into_iter();
                let verbs = positions
                    .next()
                    .ok_or_else(|| LexiconError::at(FILE, line, "empty verb pattern"))?;
                for lemma in &verbs {
                    for (form, verb_form) in verb_forms(lemma, irregulars) {
                        let slot = vocabulary.verb_index.entry(form).or_default();
                        if !slot.iter().any(|(p, _)| *p == index) {
                            slot.push((index, verb_form));
                        }
                    }
                    if !vocabulary.verb_lemmas.contains(lemma) {
                        vocabulary.verb_lemmas.push(lemma.clone());
                    }
                }
                let words = positions.map(|alts| expand_nouns(&alts)).collect();
                vocabulary.verb_patterns.push(VerbPattern {
                    relation: id,
                    words,
                    markers,
                    source,
                });
            }
            for pattern in entry.nouns {
                let line = line_of(pattern.span());
                let source = pattern.into_inner();
                let (mut words, markers) =
                    split_pattern(&source).map_err(|e| LexiconError::at(FILE, line, e))?;
                let heads = words
                    .pop()
                    .ok_or_else(|| LexiconError::at(FILE, line, "empty noun pattern"))?;
                let index = vocabulary.noun_patterns.len() as u32;
                for form in expand_nouns(&heads) {
                    let slot = vocabulary.noun_index.entry(form).or_default();
                    if !slot.contains(&index) {
                        slot.push(index);
                    }
                }
                vocabulary.noun_patterns.push(NounPattern {
                    relation: id,
                    modifiers: words.iter().map(|alts| expand_nouns(alts)).collect(),
                    markers,
                    source,
                });
            }
        }
        Ok(vocabulary)
    }
}

fn expand_nouns(alternatives: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for word in alternatives {
        for form in noun_forms(word) {
            if !out.contains(&form) {
                out.push(form);
            }
        }
    }
    out
}

/// Splits "impose sanction > on|against" into positions and object markers.
fn split_pattern(pattern: &str) -> Result<(Vec<Alternatives>, Vec<ObjectMarker>), String> {
    let (words, object) = match pattern.split_once('>') {
        Some((w, o)) => (w, Some(o)),
        None => (pattern, None),
    };
    let positions: Vec<Alternatives> = words
        .split_whitespace()
        .map(|p| {
            p.split('|')
                .map(|w| w.trim().to_lowercase())
                .filter(|w| !w.is_empty())
                .collect()
        })
        .collect();
    if positions.is_empty() || positions.iter().any(|p: &Alternatives| p.is_empty()) {
        return Err(format!("pattern `{pattern}` has an empty word"));
    }
    let mut markers = Vec::new();
    if let Some(object) = object {
        for m in object.split('|').map(str::trim) {
            markers.push(match m {
                "-" => ObjectMarker::Direct,
                "that" => ObjectMarker::That,
                "" => return Err(format!("pattern `{pattern}` has an empty object marker")),
                prep if prep.chars().all(|c| c.is_ascii_lowercase() || c == ' ') => {
                    ObjectMarker::Prep(prep.to_string())
                }
                other => {
                    return Err(format!(
                        "object marker `{other}` in `{pattern}` is not `-`, `that` or a preposition"
                    ));
                }
            });
        }
    }
    Ok((positions, markers))
}

#[derive(Deserialize)]
struct RelationsFile {
    relation: Vec<RelationEntry>,
}

#[derive(Deserialize)]
struct RelationEntry {
    name: toml::Spanned<String>,
    category: toml::Spanned<String>,
    #[serde(default)]
    cameo: String,
    weight: f64,
    #[serde(default)]
    symmetric: bool,
    #[serde(default)]
    verbs: Vec<toml::Spanned<String>>,
    #[serde(default)]
    nouns: Vec<toml::Spanned<String>>,
    #[serde(default)]
    object_kinds: Vec<String>,
    #[serde(default)]
    subject_kinds: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Vocabulary, LexiconError> {
        Vocabulary::parse(s, &Irregulars::default())
    }

    #[test]
    fn patterns_are_indexed_by_every_form() {
        let v = parse(
            r#"
[[relation]]
name = "sanctions"
category = "SANCTION"
cameo = "163"
weight = -6.0
verbs = ["impose|slap sanction > on|against"]
nouns = ["sanction > against"]
"#,
        )
        .unwrap();
        assert_eq!(v.verb_patterns_for("slapped").len(), 1);
        assert_eq!(v.verb_patterns_for("imposes").len(), 1);
        let p = &v.verb_patterns[0];
        assert!(p.words[0].contains(&"sanctions".to_string()));
        assert_eq!(
            p.markers,
            [
                ObjectMarker::Prep("on".into()),
                ObjectMarker::Prep("against".into())
            ]
        );
        assert_eq!(v.noun_patterns_for("sanctions"), [0]);
        assert_eq!(v.relation(0).category, Category::Sanction);
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse("[[relation]]\nname = \"x\"\ncategory = \"FRIENDSHIP\"\nweight = 1.0\n")
            .err()
            .unwrap();
        assert!(
            e.to_string()
                .starts_with("lexicon/relations.toml:3: unknown category `FRIENDSHIP`"),
            "{e}"
        );
        let e = parse("[[relation]]\nname = \"x\"\ncategory = \"AID\"\nweight = 1.0\nverbs = [\"give aid > to|%\"]\n")
            .err()
            .unwrap();
        assert!(
            e.to_string()
                .starts_with("lexicon/relations.toml:5: object marker `%`"),
            "{e}"
        );
        let e = parse("[[relation]]\nname = \"x\"\ncategory = \"AID\"\nweight = 11.0\n")
            .err()
            .unwrap();
        assert!(e.to_string().contains("outside"), "{e}");
    }
}
