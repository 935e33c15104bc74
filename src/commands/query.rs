//! `geokg query`: named read-only SQL queries from `queries/` (embedded,
//! plus any `queries/*.sql` in the current directory, which take
//! precedence), run on a read-only connection with bound parameters.

use super::{Context, print_table};
use crate::cli::QueryArgs;
use crate::embedded::QUERIES;
use crate::store::Store;
use anyhow::{Result, bail};

/// A named query and the comment that opens its file.
pub struct NamedQuery {
    pub name: String,
    pub sql: String,
}

impl NamedQuery {
    /// The header comment, without the `--`.
    pub fn description(&self) -> String {
        self.sql
            .lines()
            .take_while(|l| l.trim_start().starts_with("--"))
            .map(|l| l.trim_start().trim_start_matches("--").trim())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The embedded queries, overridden or extended by ./queries/*.sql.
pub fn named_queries() -> Vec<NamedQuery> {
    let mut queries: Vec<NamedQuery> = QUERIES
        .iter()
        .map(|(file, sql)| NamedQuery {
            name: file.trim_end_matches(".sql").to_string(),
            sql: sql.to_string(),
        })
        .collect();
    if let Ok(entries) = std::fs::read_dir("queries") {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "sql")
                && let (Some(stem), Ok(sql)) = (path.file_stem(), std::fs::read_to_string(&path))
            {
                let name = stem.to_string_lossy().into_owned();
                queries.retain(|q| q.name != name);
                queries.push(NamedQuery { name, sql });
            }
        }
    }
    queries.sort_by(|a, b| a.name.cmp(&b.name));
    queries
}

pub fn run(cx: &Context, args: &QueryArgs) -> Result<bool> {
    let queries = named_queries();
    if args.list {
        let rows: Vec<Vec<String>> = queries
            .iter()
            .map(|q| vec![q.name.clone(), q.description()])
            .collect();
        print_table(
            &mut std::io::stdout().lock(),
            &["query", "what it answers"],
            &rows,
        )?;
        return Ok(true);
    }
    let name = args.name.as_deref().unwrap_or_default();
    let Some(query) = queries.iter().find(|q| q.name == name) else {
        bail!(
            "no query named `{name}`; available: {}",
            queries
                .iter()
                .map(|q| q.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    };
    let mut params = Vec::new();
    for p in &args.params {
        let Some((k, v)) = p.split_once('=') else {
            bail!("--param `{p}` is not KEY=VALUE");
        };
        params.push((k.trim().trim_start_matches(':').to_string(), v.to_string()));
    }
    let store = Store::open_read_only(&cx.db)?;
    let (columns, rows) = store.run_query(&query.sql, &params)?;
    if args.json {
        let objects: Vec<serde_json::Map<String, serde_json::Value>> = rows
            .into_iter()
            .map(|row| columns.iter().cloned().zip(row).collect())
            .collect();
        println!("{}", serde_json::to_string_pretty(&objects)?);
        return Ok(true);
    }
    let text: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|v| match v {
                    serde_json::Value::Null => String::new(),
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    let header: Vec<&str> = columns.iter().map(String::as_str).collect();
    if text.is_empty() {
        println!("no rows");
    } else {
        print_table(&mut std::io::stdout().lock(), &header, &text)?;
    }
    Ok(true)
}
