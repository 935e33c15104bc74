//! `geokg export`: the graph, or a neighbourhood, as DOT or JSON.

use super::Context;
use crate::cli::{ExportArgs, ExportFormat};
use crate::export::{dot, json};
use crate::graph::{EdgeFilter, StoreAdjacency, neighborhood, whole_graph};
use crate::store::{EdgeRow, Store};
use anyhow::{Context as _, Result};
use std::io::Write;

pub fn run(cx: &Context, args: &ExportArgs) -> Result<bool> {
    let store = Store::open_read_only(&cx.db)?;
    let category = super::category_arg(args.category.as_ref())?;
    let filter = EdgeFilter {
        include_negated: args.include_negated,
        category,
        directed: false,
    };
    let (sub, center) = match &args.actor {
        Some(name) => {
            let center = store.resolve_actor(name)?;
            let adjacency = StoreAdjacency {
                store: &store,
                include_negated: args.include_negated,
            };
            (
                neighborhood(&adjacency, center.id, args.depth, &filter)?,
                Some(center.id),
            )
        }
        None => (whole_graph(&store, &filter)?, None),
    };
    let mut actors = Vec::new();
    for id in sub.actors() {
        actors.push(store.actor(id)?);
    }
    actors.sort_by_key(|a| a.id);
    let mut edges: Vec<EdgeRow> = sub.edges().cloned().collect();
    edges.sort_by_key(|e| e.id);
    let text = match args.format {
        ExportFormat::Dot => dot::to_dot(&actors, &edges, center),
        ExportFormat::Json => serde_json::to_string_pretty(&json::to_json(&actors, &edges))? + "\n",
    };
    match &args.output {
        Some(path) => {
            std::fs::write(path, text)
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!(
                "wrote {} actors and {} edges to {}",
                actors.len(),
                edges.len(),
                path.display()
            );
        }
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(true)
}
