//! `geokg stats`: what the database holds.

use super::{Context, print_table};
use crate::cli::JsonFlag;
use crate::store::Store;
use anyhow::Result;

pub fn run(cx: &Context, args: &JsonFlag) -> Result<bool> {
    let store = Store::open_read_only(&cx.db)?;
    let stats = store.stats()?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&stats)?);
        return Ok(true);
    }
    println!(
        "{}: {} articles ({} … {}), {} actors ({} discovered in text), {} relations on {} edges",
        cx.db.display(),
        stats.articles,
        stats.first_date.as_deref().unwrap_or("undated"),
        stats.last_date.as_deref().unwrap_or("undated"),
        stats.actors,
        stats.discovered_actors,
        stats.relations,
        stats.edges
    );
    let rows: Vec<Vec<String>> = stats
        .categories
        .iter()
        .map(|(c, n)| vec![c.clone(), n.to_string()])
        .collect();
    if !rows.is_empty() {
        print_table(
            &mut std::io::stdout().lock(),
            &["category", "relations"],
            &rows,
        )?;
    }
    Ok(true)
}
