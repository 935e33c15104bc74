//! Scoring extracted relations against hand-annotated gold, with the
//! matching rules of `../shared/eval/score.py` (a test checks that both give
//! the same figures): relations are compared per article as sets of
//! (subject, category, object, negated); symmetric gold matches either
//! direction; optional gold is neither required nor an error; `alt` lists
//! other categories that satisfy a gold relation; AFFILIATION is scored
//! apart from the event categories.

use crate::model::{Actor, Category, Relation};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct GoldError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

#[derive(Deserialize)]
struct GoldLine {
    article: String,
    #[serde(default)]
    aliases: HashMap<String, Vec<String>>,
    relations: Vec<GoldRelation>,
}

#[derive(Deserialize)]
struct GoldRelation {
    s: String,
    c: String,
    o: String,
    #[serde(default)]
    neg: bool,
    #[serde(default)]
    sym: bool,
    #[serde(default)]
    optional: bool,
    #[serde(default)]
    alt: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct GoldItem {
    s: String,
    c: String,
    o: String,
    neg: bool,
    sym: bool,
}

struct GoldArticle {
    article: String,
    aliases: HashMap<String, HashSet<String>>,
    required: Vec<GoldItem>,
    optional: Vec<GoldItem>,
    alternatives: HashMap<GoldItem, HashSet<String>>,
}

/// A gold file: one object per article.
pub struct Gold {
    articles: Vec<GoldArticle>,
}

/// score.py's `norm`: lower case, runs of other characters become one space.
pub fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        } else {
            gap = true;
        }
    }
    out
}

/// score.py's `article_key`: the file name without directory and `.txt`.
pub fn article_key(article: &str) -> String {
    let name = article.rsplit(['/', '\\']).next().unwrap_or(article);
    for ending in [".txt", ".text"] {
        if let Some(stem) = name.strip_suffix(ending) {
            return stem.to_string();
        }
    }
    name.to_string()
}

impl Gold {
    pub fn parse(file: &str, content: &str) -> Result<Gold, GoldError> {
        let mut articles = Vec::new();
        for (n, line) in content.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let g: GoldLine = serde_json::from_str(line).map_err(|e| GoldError {
                file: file.into(),
                line: n + 1,
                message: format!("not a gold object: {e}"),
            })?;
            let mut aliases: HashMap<String, HashSet<String>> = HashMap::new();
            for (canon, names) in g.aliases {
                let set = aliases.entry(canon.clone()).or_default();
                set.insert(norm(&canon));
                set.extend(names.iter().map(|n| norm(n)));
            }
            let mut a = GoldArticle {
                article: article_key(&g.article),
                aliases,
                required: vec![],
                optional: vec![],
                alternatives: HashMap::new(),
            };
            for r in g.relations {
                let item = GoldItem {
                    s: r.s,
                    c: r.c.to_uppercase(),
                    o: r.o,
                    neg: r.neg,
                    sym: r.sym,
                };
                let mut alts: HashSet<String> = r.alt.iter().map(|c| c.to_uppercase()).collect();
                alts.insert(item.c.clone());
                a.alternatives.insert(item.clone(), alts);
                if r.optional {
                    a.optional.push(item);
                } else {
                    a.required.push(item);
                }
            }
            articles.push(a);
        }
        Ok(Gold { articles })
    }

    /// The article keys the gold covers.
    pub fn article_keys(&self) -> HashSet<String> {
        self.articles.iter().map(|a| a.article.clone()).collect()
    }
}

impl GoldArticle {
    fn names_of(&self, canon: &str) -> HashSet<String> {
        self.aliases
            .get(canon)
            .cloned()
            .unwrap_or_else(|| HashSet::from([norm(canon)]))
    }

    fn matches(&self, g: &GoldItem, s: &SysRel) -> bool {
        let cats = self.alternatives.get(g);
        if !cats.is_some_and(|c| c.contains(&s.category)) && s.category != g.c || g.neg != s.negated
        {
            return false;
        }
        let (gs, go) = (self.names_of(&g.s), self.names_of(&g.o));
        let fwd = !gs.is_disjoint(&s.subject) && !go.is_disjoint(&s.object);
        fwd || (g.sym && !gs.is_disjoint(&s.object) && !go.is_disjoint(&s.subject))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct SysRel {
    subject: HashSet<String>,
    category: String,
    object: HashSet<String>,
    negated: bool,
    evidence: String,
    label: String,
}

fn actor_keys(a: &Actor) -> HashSet<String> {
    let mut keys = HashSet::new();
    if let Some(code) = &a.code {
        keys.insert(norm(code));
    }
    keys.insert(norm(&a.name));
    keys
}

/// Precision, recall and F1 of one group.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct Score {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Score {
    fn finish(&mut self) {
        let p = if self.tp + self.fp > 0 {
            self.tp as f64 / (self.tp + self.fp) as f64
        } else {
            0.0
        };
        let r = if self.tp + self.fn_ > 0 {
            self.tp as f64 / (self.tp + self.fn_) as f64
        } else {
            0.0
        };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        let round = |x: f64| (x * 1000.0).round() / 1000.0;
        (self.precision, self.recall, self.f1) = (round(p), round(r), round(f));
    }
}

/// A missed gold relation or a spurious system one.
#[derive(Debug, Clone, Serialize)]
pub struct EvalError {
    pub article: String,
    pub kind: &'static str,
    pub relation: String,
    /// the sentence of a spurious relation
    pub evidence: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// EVENTS, AFFILIATION, then every category with counts
    pub groups: BTreeMap<String, Score>,
    pub errors: Vec<EvalError>,
}

/// Scores the relations of the articles in `system` against `gold`.
pub fn score(gold: &Gold, system: &[Relation]) -> Report {
    let mut by_article: HashMap<String, Vec<SysRel>> = HashMap::new();
    for r in system {
        let rel = SysRel {
            subject: actor_keys(&r.subject),
            category: r.category.as_str().to_string(),
            object: actor_keys(&r.object),
            negated: r.negated,
            evidence: r.evidence.text.clone(),
            label: format!(
                "{} {}{} {}",
                r.subject.label(),
                if r.negated { "not " } else { "" },
                r.category,
                r.object.label()
            ),
        };
        let list = by_article
            .entry(article_key(&r.evidence.article))
            .or_default();
        if !list.iter().any(|x| {
            x.subject == rel.subject
                && x.category == rel.category
                && x.object == rel.object
                && x.negated == rel.negated
        }) {
            list.push(rel);
        }
    }
    let mut tallies: BTreeMap<String, Score> = BTreeMap::new();
    let mut bump = |group: &str, category: &str, slot: usize| {
        for g in [group, category] {
            let t = tallies.entry(g.to_string()).or_default();
            match slot {
                0 => t.tp += 1,
                1 => t.fp += 1,
                _ => t.fn_ += 1,
            }
            if group == category {
                break;
            }
        }
    };
    let group_of = |c: &str| {
        if c == "AFFILIATION" {
            "AFFILIATION"
        } else {
            "EVENTS"
        }
    };
    let mut errors = Vec::new();
    let empty = Vec::new();
    for a in &gold.articles {
        let rels = by_article.get(&a.article).unwrap_or(&empty);
        let mut used = HashSet::new();
        for g in &a.required {
            match (0..rels.len()).find(|&i| !used.contains(&i) && a.matches(g, &rels[i])) {
                Some(i) => {
                    used.insert(i);
                    bump(group_of(&g.c), &g.c, 0);
                }
                None => {
                    bump(group_of(&g.c), &g.c, 2);
                    errors.push(EvalError {
                        article: a.article.clone(),
                        kind: "missed",
                        relation: format!(
                            "{} {}{} {}",
                            g.s,
                            if g.neg { "not " } else { "" },
                            g.c,
                            g.o
                        ),
                        evidence: None,
                    });
                }
            }
        }
        for (i, s) in rels.iter().enumerate() {
            if used.contains(&i)
                || a.optional
                    .iter()
                    .chain(&a.required)
                    .any(|g| a.matches(g, s))
            {
                continue;
            }
            bump(group_of(&s.category), &s.category, 1);
            errors.push(EvalError {
                article: a.article.clone(),
                kind: "spurious",
                relation: s.label.clone(),
                evidence: Some(s.evidence.clone()),
            });
        }
    }
    let mut groups = BTreeMap::new();
    for group in ["EVENTS", "AFFILIATION"] {
        groups.insert(
            group.to_string(),
            tallies.get(group).copied().unwrap_or_default(),
        );
    }
    for c in Category::ALL.iter().filter(|c| c.is_event()) {
        if let Some(t) = tallies.get(c.as_str())
            && t.tp + t.fp + t.fn_ > 0
        {
            groups.insert(c.as_str().to_string(), *t);
        }
    }
    for s in groups.values_mut() {
        s.finish();
    }
    Report { groups, errors }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActorKind, Evidence};

    fn rel(s: &str, c: Category, o: &str, neg: bool) -> Relation {
        let actor = |code: &str| Actor {
            name: code.into(),
            code: Some(code.into()),
            kind: ActorKind::Country,
            affiliation: None,
        };
        Relation {
            subject: actor(s),
            relation: "x".into(),
            category: c,
            object: actor(o),
            negated: neg,
            attributed_to: None,
            symmetric: false,
            weight: 0.0,
            confidence: 1.0,
            evidence: Evidence {
                article: "dir/a1.txt".into(),
                sentence: 0,
                start: 0,
                end: 0,
                text: "t".into(),
            },
        }
    }

    #[test]
    fn matching_follows_score_py() {
        let gold = Gold::parse(
            "g",
r#"{"article": "a1", "aliases": {"RUS": ["Russia"]}, "relations": [ {"s": "RUS", "c": "COOPERATE", "o": "CHN", "sym": true, "alt": ["AGREE"]}, {"s": "CHN", "c": "ACCUSE", "o": "RUS", "neg": true}, {"s": "USA", "c": "SANCTION", "o": "RUS", "optional": true}]}"#,
        )
        .unwrap();
        let system = [
            rel("CHN", Category::Agree, "RUS", false), // symmetric + alt: a hit
            rel("CHN", Category::Accuse, "RUS", false), // wrong negation: spurious
            rel("USA", Category::Sanction, "RUS", false), // optional: neither
            rel("USA", Category::Assault, "IRQ", false), // spurious
        ];
        let r = score(&gold, &system);
        let e = r.groups["EVENTS"];
        assert_eq!((e.tp, e.fp, e.fn_), (1, 2, 1));
        assert_eq!(r.errors.iter().filter(|e| e.kind == "missed").count(), 1);
        assert_eq!(norm("Xi  Jinping!"), "xi jinping");
        assert_eq!(article_key("../x/00-seed.txt"), "00-seed");
        assert_eq!(article_key("NEST_2.75"), "NEST_2.75");
    }
}
