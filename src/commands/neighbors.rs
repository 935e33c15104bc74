//! `geokg neighbors A --depth N`: the actors within N hops.

use super::{Context, print_table};
use crate::cli::NeighborsArgs;
use crate::graph::{EdgeFilter, StoreAdjacency, neighborhood};
use crate::store::Store;
use anyhow::Result;
use serde_json::json;
use std::collections::BTreeMap;

pub fn run(cx: &Context, args: &NeighborsArgs) -> Result<bool> {
    let store = Store::open_read_only(&cx.db)?;
    let center = store.resolve_actor(&args.actor)?;
    let filter = EdgeFilter {
        include_negated: args.include_negated,
        ..EdgeFilter::default()
    };
    let adjacency = StoreAdjacency {
        store: &store,
        include_negated: args.include_negated,
    };
    let sub = neighborhood(&adjacency, center.id, args.depth, &filter)?;
    // for each actor: hop distance and the relations that reach it from the layer before
    let mut rows: Vec<(usize, crate::store::ActorRow, BTreeMap<String, i64>)> = Vec::new();
    for actor in sub.actors().filter(|&a| a != center.id) {
        let hop = sub.depth.get(&actor).copied().unwrap_or(0);
        let mut relations = BTreeMap::new();
        for e in sub.incident(actor) {
            let other = if e.subject == actor {
                e.object
            } else {
                e.subject
            };
            if sub.depth.get(&other).is_some_and(|d| d + 1 == hop) {
                let name = if e.negated {
                    format!("not {}", e.relation)
                } else {
                    e.relation.clone()
                };
                *relations.entry(name).or_insert(0) += e.count;
            }
        }
        rows.push((hop, store.actor(actor)?, relations));
    }
    rows.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(b.1.relations.cmp(&a.1.relations))
            .then(a.1.name.cmp(&b.1.name))
    });
    if args.json {
        let nodes: Vec<serde_json::Value> = rows
            .iter()
            .map(|(hop, a, rel)| json!({"name": a.name, "code": a.code, "kind": a.kind, "hops": hop, "relations": rel}))
            .collect();
        let edges: Vec<&crate::store::EdgeRow> = sub.edges().collect();
        println!(
            "{}",
            serde_json::to_string_pretty(
                &json!({"center": center.name, "depth": args.depth, "nodes": nodes, "edges": edges})
            )?
        );
        return Ok(true);
    }
    if rows.is_empty() {
        println!(
            "{} has no relations{}",
            center.label(),
            if args.include_negated {
                ""
            } else {
                " (try --include-negated)"
            }
        );
        return Ok(true);
    }
    println!(
        "{} actors within {} hop{} of {}",
        rows.len(),
        args.depth,
        if args.depth == 1 { "" } else { "s" },
        center.label()
    );
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|(hop, a, rel)| {
            let summary = rel
                .iter()
                .map(|(r, n)| {
                    if *n > 1 {
                        format!("{r} ×{n}")
                    } else {
                        r.clone()
                    }
                })
                .collect::<Vec<_>>()
                .join(", ");
            vec![hop.to_string(), a.label(), a.kind.clone(), summary]
        })
        .collect();
    print_table(
        &mut std::io::stdout().lock(),
        &["hops", "actor", "kind", "via"],
        &table,
    )?;
    Ok(true)
}
