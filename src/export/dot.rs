//! Graphviz DOT: nodes labelled and shaped by kind, edges labelled by
//! relation, coloured by cooperation (green) or conflict (red), dashed when
//! negated. Every label is escaped, so names with quotes, backslashes or
//! any script stay valid DOT.

use crate::model::{Category, Polarity};
use crate::store::{ActorRow, EdgeRow};
use std::fmt::Write;

/// Escapes text for a double-quoted DOT string. Backslashes are doubled
/// because Graphviz reads `\n`, `\l`, `\N` in labels as escapes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn shape(kind: &str) -> &'static str {
    match kind {
        "country" => "box",
        "person" => "ellipse",
        "organization" => "hexagon",
        _ => "octagon",
    }
}

fn color(category: &str) -> &'static str {
    match category.parse::<Category>().map(Category::polarity) {
        Ok(Polarity::Cooperation) => "#1b7837",
        Ok(Polarity::Conflict) => "#b2182b",
        _ => "#666666",
    }
}

/// A DOT digraph of the given actors and edges. `highlight` marks the
/// actor a neighbourhood is centred on.
pub fn to_dot(actors: &[ActorRow], edges: &[EdgeRow], highlight: Option<i64>) -> String {
    let mut out = String::new();
    out.push_str("digraph geokg {\n  graph [rankdir=LR, overlap=false, fontname=\"Helvetica\"];\n");
    out.push_str("  node [fontname=\"Helvetica\", style=filled, fillcolor=\"#f7f7f7\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n");
    for a in actors {
        let fill = if Some(a.id) == highlight {
            ", fillcolor=\"#fee08b\""
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  a{} [label=\"{}\", shape={}{}];",
            a.id,
            escape(&a.label()),
            shape(&a.kind),
            fill
        );
    }
    for e in edges {
        let mut label = e.relation.clone();
        if e.count > 1 {
            label.push_str(&format!(" ×{}", e.count));
        }
        if e.negated {
            label = format!("not {label}");
        }
        let mut attrs = format!(
            "label=\"{}\", color=\"{}\", fontcolor=\"{}\"",
            escape(&label),
            color(&e.category),
            color(&e.category)
        );
        if e.negated {
            attrs.push_str(", style=dashed");
        }
        if e.symmetric {
            attrs.push_str(", dir=none");
        }
        let _ = writeln!(out, "  a{} -> a{} [{}];", e.subject, e.object, attrs);
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(id: i64, name: &str, kind: &str) -> ActorRow {
        ActorRow {
            id,
            key: format!("{kind}:{name}"),
            name: name.into(),
            code: None,
            kind: kind.into(),
            affiliation: None,
            discovered: false,
            relations: 1,
        }
    }

    #[test]
    fn hostile_names_are_escaped() {
        assert_eq!(escape(r#"Say "hi" \n"#), r#"Say \"hi\" \\n"#);
        let actors = [
            actor(1, "Quote \" Back\\slash", "person"),
            actor(2, "Ελλάδα", "country"),
        ];
        let edges = [EdgeRow {
            id: 1,
            subject: 1,
            object: 2,
            relation: "attacks".into(),
            category: "ASSAULT".into(),
            weight: -9.0,
            symmetric: false,
            negated: true,
            count: 2,
            first_date: None,
            last_date: None,
        }];
        let dot = to_dot(&actors, &edges, Some(2));
        assert!(dot.contains(r#"label="Quote \" Back\\slash""#), "{dot}");
        assert!(dot.contains("Ελλάδα"));
        assert!(dot.contains("style=dashed"));
        assert!(dot.contains("#b2182b"), "conflict is red");
        assert!(dot.contains("not attacks ×2"));
    }
}
