//! The JSONL form of extracted relations: the contract of
//! `spec/ontology.md` ("Extraction output"), plus fields it allows us to add
//! (`confidence`, `weight`, `symmetric`, `span`, `relation_id`).

use crate::model::{Actor, Relation};
use serde::Serialize;

#[derive(Serialize)]
struct ActorRecord<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'a str>,
    kind: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    affiliation: Option<&'a str>,
}

impl<'a> From<&'a Actor> for ActorRecord<'a> {
    fn from(a: &'a Actor) -> Self {
        ActorRecord {
            name: &a.name,
            code: a.code.as_deref(),
            kind: a.kind.as_str(),
            affiliation: a.affiliation.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct RelationRecord<'a> {
    article: &'a str,
    sentence: usize,
    subject: ActorRecord<'a>,
    relation: &'a str,
    category: &'a str,
    object: ActorRecord<'a>,
    negated: bool,
    attributed_to: Option<ActorRecord<'a>>,
    evidence: &'a str,
    span: [usize; 2],
    symmetric: bool,
    weight: f64,
    confidence: f64,
}

/// One relation as a JSON line (without the newline).
pub fn relation_line(r: &Relation) -> String {
    let record = RelationRecord {
        article: &r.evidence.article,
        sentence: r.evidence.sentence,
        subject: (&r.subject).into(),
        relation: &r.relation,
        category: r.category.as_str(),
        object: (&r.object).into(),
        negated: r.negated,
        attributed_to: r.attributed_to.as_ref().map(Into::into),
        evidence: &r.evidence.text,
        span: [r.evidence.start, r.evidence.end],
        symmetric: r.symmetric,
        weight: r.weight,
        confidence: r.confidence,
    };
    serde_json::to_string(&record).expect("relation records serialize")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActorKind, Category, Evidence};

    #[test]
    fn line_has_the_contract_fields() {
        let country = |name: &str, code: &str| Actor {
            name: name.into(),
            code: Some(code.into()),
            kind: ActorKind::Country,
            affiliation: None,
        };
        let r = Relation {
            subject: country("Russia", "RUS"),
            relation: "partners-with".into(),
            category: Category::Cooperate,
            object: country("China", "CHN"),
            negated: false,
            attributed_to: None,
            symmetric: true,
            weight: 6.0,
            confidence: 0.9,
            evidence: Evidence {
                article: "seed".into(),
                sentence: 1,
                start: 10,
                end: 20,
                text: "Russia and China agreed".into(),
            },
        };
        let v: serde_json::Value = serde_json::from_str(&relation_line(&r)).unwrap();
        assert_eq!(v["article"], "seed");
        assert_eq!(v["sentence"], 1);
        assert_eq!(v["subject"]["code"], "RUS");
        assert_eq!(v["subject"]["kind"], "country");
        assert_eq!(v["relation"], "partners-with");
        assert_eq!(v["category"], "COOPERATE");
        assert_eq!(v["object"]["name"], "China");
        assert_eq!(v["negated"], false);
        assert!(v["attributed_to"].is_null());
        assert_eq!(v["evidence"], "Russia and China agreed");
        assert!(v["subject"].get("affiliation").is_none());
    }
}
