//! `geokg path A B`: how two actors are connected, hop by hop, with evidence.

use super::Context;
use crate::cli::PathArgs;
use crate::graph::{EdgeFilter, StoreAdjacency, shortest_path};
use crate::store::Store;
use anyhow::Result;
use serde_json::json;

pub fn run(cx: &Context, args: &PathArgs) -> Result<bool> {
    let store = Store::open_read_only(&cx.db)?;
    let from = store.resolve_actor(&args.from)?;
    let to = store.resolve_actor(&args.to)?;
    let filter = EdgeFilter {
        include_negated: args.include_negated,
        category: None,
        directed: args.directed,
    };
    let adjacency = StoreAdjacency {
        store: &store,
        include_negated: args.include_negated,
    };
    let Some(steps) = shortest_path(&adjacency, from.id, to.id, &filter)? else {
        if args.json {
            println!(
                "{}",
                json!({ "from": from.name, "to": to.name, "hops": null })
            );
        } else {
            println!(
                "{} and {} are not connected{}",
                from.label(),
                to.label(),
                if args.directed {
                    " (following relation direction)"
                } else {
                    ""
                }
            );
        }
        return Ok(false);
    };
    let mut hops = Vec::new();
    for step in &steps {
        let a = store.actor(step.from)?;
        let b = store.actor(step.to)?;
        let evidence = store.edge_evidence(&step.edge)?;
        hops.push((a, b, step, evidence));
    }
    if args.json {
        let list: Vec<serde_json::Value> = hops
            .iter()
            .map(|(a, b, step, evidence)| {
                json!({
                    "from": a.name, "to": b.name,
                    "relation": step.edge.relation, "category": step.edge.category,
                    "direction": if step.edge.symmetric { "both" } else if step.forward { "forward" } else { "backward" },
                    "negated": step.edge.negated, "count": step.edge.count,
                    "evidence": evidence.as_ref().map(|(article, date, text)| json!({"article": article, "date": date, "text": text})),
                })
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(
                &json!({ "from": from.name, "to": to.name, "hops": list })
            )?
        );
        return Ok(true);
    }
    if steps.is_empty() {
        println!("{} is {}", from.label(), to.label());
        return Ok(true);
    }
    println!(
        "{} → {}: {} hop{}",
        from.label(),
        to.label(),
        steps.len(),
        if steps.len() == 1 { "" } else { "s" }
    );
    for (n, (a, b, step, evidence)) in hops.iter().enumerate() {
        let negation = if step.edge.negated { "not " } else { "" };
        let arrow = if step.edge.symmetric {
            format!("{} —{}{}— {}", a.name, negation, step.edge.relation, b.name)
        } else if step.forward {
            format!("{} —{}{}→ {}", a.name, negation, step.edge.relation, b.name)
        } else {
            format!("{} ←{}{}— {}", a.name, negation, step.edge.relation, b.name)
        };
        println!(
            "{}. {arrow}  [{}, ×{}]",
            n + 1,
            step.edge.category,
            step.edge.count
        );
        if let Some((article, date, text)) = evidence {
            println!(
                "   {} ({}): {}",
                article,
                date.as_deref().unwrap_or("undated"),
                text.trim()
            );
        }
    }
    Ok(true)
}
