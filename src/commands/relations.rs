//! `geokg relations`: who relates to whom, with filters.

use super::{Context, print_table, validate_date};
use crate::cli::RelationsArgs;
use crate::store::{RelationFilter, Store};
use anyhow::Result;

pub fn run(cx: &Context, args: &RelationsArgs) -> Result<bool> {
    let store = Store::open_read_only(&cx.db)?;
    let category = super::category_arg(args.category.as_ref())?;
    for date in [&args.since, &args.until].into_iter().flatten() {
        validate_date(date)?;
    }
    let filter = RelationFilter {
        actor: args
            .actor
            .as_deref()
            .map(|a| store.resolve_actor(a).map(|r| r.id))
            .transpose()?,
        with: args
            .with
            .as_deref()
            .map(|a| store.resolve_actor(a).map(|r| r.id))
            .transpose()?,
        category,
        since: args.since.clone(),
        until: args.until.clone(),
        include_negated: args.include_negated,
        limit: args.limit,
    };
    let rows = store.relations(&filter)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &rows)?;
        println!();
        return Ok(true);
    }
    if rows.is_empty() {
        println!("no relations match");
        return Ok(true);
    }
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.date.clone().unwrap_or_default(),
                r.subject_code.clone().unwrap_or_else(|| r.subject.clone()),
                if r.negated {
                    format!("not {}", r.relation)
                } else {
                    r.relation.clone()
                },
                r.object_code.clone().unwrap_or_else(|| r.object.clone()),
                r.category.clone(),
                format!("{}:{}", r.article, r.sentence),
            ]
        })
        .collect();
    print_table(
        &mut out,
        &[
            "date", "subject", "relation", "object", "category", "evidence",
        ],
        &table,
    )?;
    Ok(true)
}
