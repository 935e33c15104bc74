//! `geokg actors`: actors in the database, every actor the gazetteer
//! knows (`--all`), or everything about one (`actors show NAME`).

use super::{Context, print_table};
use crate::cli::{ActorsArgs, ActorsCommand};
use crate::lexicon::{ActorId, Lexicon};
use crate::model::ActorKind;
use crate::store::{RelationFilter, Store};
use anyhow::{Result, bail};
use serde_json::json;
use std::collections::BTreeMap;

pub fn run(cx: &Context, args: &ActorsArgs) -> Result<bool> {
    if let Some(ActorsCommand::Show { name, json }) = &args.show {
        return show(cx, name, *json);
    }
    let kind = match &args.kind {
        Some(k) => Some(k.parse::<ActorKind>().map_err(anyhow::Error::msg)?),
        None => None,
    };
    if args.all {
        return all(cx, kind, args.json);
    }
    let store = Store::open_read_only(&cx.db)?;
    let rows = store.actors(kind.map(|k| k.as_str()))?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(true);
    }
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|a| {
            vec![
                a.name.clone(),
                a.code.clone().unwrap_or_default(),
                a.kind.clone(),
                a.affiliation.clone().unwrap_or_default(),
                a.relations.to_string(),
                if a.discovered {
                    "text".into()
                } else {
                    "gazetteer".into()
                },
            ]
        })
        .collect();
    print_table(
        &mut std::io::stdout().lock(),
        &["actor", "code", "kind", "affiliation", "relations", "from"],
        &table,
    )?;
    Ok(true)
}

/// Every gazetteer actor, plus actors discovered in the database's articles.
fn all(cx: &Context, kind: Option<ActorKind>, json_out: bool) -> Result<bool> {
    let lexicon = cx.lexicon()?;
    let store = if cx.db.exists() {
        Some(Store::open_read_only(&cx.db)?)
    } else {
        None
    };
    let in_db: std::collections::HashSet<String> = match &store {
        Some(s) => s.actors(None)?.into_iter().map(|a| a.key).collect(),
        None => Default::default(),
    };
    let mut rows: Vec<serde_json::Value> = Vec::new();
    for a in lexicon
        .gazetteer
        .actors()
        .iter()
        .filter(|a| kind.is_none_or(|k| a.kind == k))
    {
        let key = match (&a.code, a.kind) {
            (Some(code), ActorKind::Country | ActorKind::Organization | ActorKind::Group) => {
                format!("{}:{}", a.kind, code)
            }
            _ => format!("{}:{}", a.kind, a.name),
        };
        let code = if a.kind == ActorKind::Person {
            None
        } else {
            a.code.clone()
        };
        rows.push(json!({"name": a.name, "code": code, "kind": a.kind.as_str(), "source": "gazetteer", "in_database": in_db.contains(&key)}));
    }
    if let Some(store) = &store {
        for a in store
            .actors(kind.map(|k| k.as_str()))?
            .into_iter()
            .filter(|a| a.discovered)
        {
            rows.push(json!({"name": a.name, "code": a.code, "kind": a.kind, "affiliation": a.affiliation, "source": "discovered", "in_database": true}));
        }
    }
    if json_out {
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(true);
    }
    let s = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                s(&r["name"]),
                s(&r["code"]),
                s(&r["kind"]),
                s(&r["source"]),
                if r["in_database"] == true {
                    "yes".into()
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    println!("{} actors", table.len());
    print_table(
        &mut std::io::stdout().lock(),
        &["actor", "code", "kind", "source", "in database"],
        &table,
    )?;
    Ok(true)
}

/// Gazetteer actors whose name, code or any alias is `query`.
pub fn lookup(lexicon: &Lexicon, query: &str) -> Vec<ActorId> {
    let g = &lexicon.gazetteer;
    if let Some(id) = g.by_code(query).or_else(|| g.by_name(query)) {
        return vec![id];
    }
    let wanted = crate::lexicon::fold::fold(query.trim()).to_lowercase();
    g.actors()
        .iter()
        .filter(|a| {
            a.names
                .iter()
                .any(|(n, _)| crate::lexicon::fold::fold(n).to_lowercase() == wanted)
        })
        .map(|a| a.id)
        .collect()
}

fn show(cx: &Context, query: &str, json_out: bool) -> Result<bool> {
    let lexicon = cx.lexicon()?;
    let store = if cx.db.exists() {
        Some(Store::open_read_only(&cx.db)?)
    } else {
        None
    };
    let stored = match &store {
        Some(s) => match s.resolve_actor(query) {
            Ok(row) => Some(row),
            Err(crate::store::StoreError::UnknownActor { .. }) => None,
            Err(e) => return Err(e.into()),
        },
        None => None,
    };
    let known: Vec<ActorId> = match &stored {
        Some(row) => lookup(&lexicon, row.code.as_deref().unwrap_or(&row.name))
            .into_iter()
            .filter(|&id| lexicon.gazetteer.actor(id).name == row.name || row.code.is_some())
            .collect(),
        None => lookup(&lexicon, query),
    };
    if known.len() > 1 && stored.is_none() {
        let names: Vec<String> = known
            .iter()
            .map(|&id| lexicon.gazetteer.actor(id).name.clone())
            .collect();
        bail!("`{query}` is ambiguous: {}", names.join(", "));
    }
    let entry = known.first().map(|&id| lexicon.gazetteer.actor(id));
    if entry.is_none() && stored.is_none() {
        bail!(
            "no actor matches `{query}` in the gazetteer{}",
            if store.is_some() {
                " or the database"
            } else {
                ""
            }
        );
    }
    let name = entry
        .map(|e| e.name.clone())
        .or_else(|| stored.as_ref().map(|s| s.name.clone()))
        .unwrap_or_default();
    let names: Vec<String> = entry
        .map(|e| e.names.iter().map(|(n, _)| n.clone()).collect())
        .unwrap_or_default();
    let roles: Vec<serde_json::Value> = entry
        .map(|e| {
            e.roles
                .iter()
                .map(|r| {
                    json!({"role": r.role, "title": r.titles.first(), "of": lexicon.gazetteer.actor(r.of).name, "of_code": lexicon.gazetteer.actor(r.of).code, "start": r.start, "end": r.end})
                })
                .collect()
        })
        .unwrap_or_default();
    let mut by_category: BTreeMap<String, i64> = BTreeMap::new();
    let mut partners: BTreeMap<String, i64> = BTreeMap::new();
    if let (Some(store), Some(row)) = (&store, &stored) {
        let filter = RelationFilter {
            actor: Some(row.id),
            include_negated: true,
            limit: 100_000,
            ..RelationFilter::default()
        };
        for r in store.relations(&filter)? {
            *by_category.entry(r.category.clone()).or_default() += 1;
            let other = if r.subject == row.name {
                r.object
            } else {
                r.subject
            };
            *partners.entry(other).or_default() += 1;
        }
    }
    let mut top: Vec<(String, i64)> = partners.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    top.truncate(10);
    let kind = entry
        .map(|e| e.kind.as_str().to_string())
        .or_else(|| stored.as_ref().map(|s| s.kind.clone()))
        .unwrap_or_default();
    let code = entry
        .and_then(|e| {
            if e.kind == ActorKind::Person {
                None
            } else {
                e.code.clone()
            }
        })
        .or_else(|| stored.as_ref().and_then(|s| s.code.clone()));
    if json_out {
        println!(
            "{}",
            serde_json::to_string_pretty(&json!({
                "name": name, "code": code, "kind": kind, "names": names, "roles": roles,
                "source": entry.map(|e| e.source.clone()).unwrap_or_else(|| "discovered in text".into()),
                "in_database": stored.is_some(), "affiliation": stored.as_ref().and_then(|s| s.affiliation.clone()),
                "relations": by_category, "partners": top,
            }))?
        );
        return Ok(true);
    }
    println!(
        "{name}{}  [{kind}]",
        code.as_deref()
            .map(|c| format!(" ({c})"))
            .unwrap_or_default()
    );
    match entry {
        Some(e) => println!("  from {}", e.source),
        None => println!("  discovered in text"),
    }
    if !names.is_empty() {
        println!("  names: {}", names.join(", "));
    }
    if let Some(aff) = stored.as_ref().and_then(|s| s.affiliation.clone()) {
        println!("  affiliation: {aff}");
    }
    if !roles.is_empty() {
        println!("  roles:");
        for r in &roles {
            let s = |v: &serde_json::Value| v.as_str().unwrap_or("").to_string();
            println!(
                "    {:<20} {} {} – {}",
                s(&r["role"]),
                s(&r["of"]),
                s(&r["start"]),
                if r["end"].is_null() {
                    "now".into()
                } else {
                    s(&r["end"])
                }
            );
        }
    }
    match &stored {
        None => println!("  not in {}", cx.db.display()),
        Some(row) => {
            println!("  {} relations in {}", row.relations, cx.db.display());
            for (c, n) in &by_category {
                println!("    {c:<12} {n}");
            }
            if !top.is_empty() {
                println!(
                    "  most related: {}",
                    top.iter()
                        .map(|(n, c)| format!("{n} ({c})"))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
        }
    }
    Ok(true)
}
