//! Reading: relations with filters, actors, statistics, actor lookup by
//! name, graph adjacency and named queries.

use super::write::normalize_alias;
use super::{NEWEST_TIER, RELATION_TIERS, Store, StoreError, TIER_LIST};
use rusqlite::types::ValueRef;
use rusqlite::{OptionalExtension, params_from_iter};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ActorRow {
    pub id: i64,
    pub key: String,
    pub name: String,
    pub code: Option<String>,
    pub kind: String,
    pub affiliation: Option<String>,
    pub discovered: bool,
    /// relations this actor takes part in
    pub relations: i64,
}

impl ActorRow {
    /// "Russia (RUS)", "Vladimir Putin"
    pub fn label(&self) -> String {
        match &self.code {
            Some(code) if *code != self.name => format!("{} ({code})", self.name),
            _ => self.name.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct RelationRow {
    pub subject: String,
    pub subject_code: Option<String>,
    pub relation: String,
    pub category: String,
    pub object: String,
    pub object_code: Option<String>,
    pub negated: bool,
    pub attributed_to: Option<String>,
    pub confidence: f64,
    pub weight: f64,
    pub date: Option<String>,
    pub article: String,
    pub sentence: i64,
    pub evidence: String,
}

/// Filters of `geokg relations`.
#[derive(Debug, Clone, Default)]
pub struct RelationFilter {
    pub actor: Option<i64>,
    pub with: Option<i64>,
    pub category: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub include_negated: bool,
    pub limit: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub articles: i64,
    pub actors: i64,
    pub discovered_actors: i64,
    pub relations: i64,
    pub edges: i64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub categories: Vec<(String, i64)>,
}

/// An aggregated edge of the graph.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EdgeRow {
    pub id: i64,
    pub subject: i64,
    pub object: i64,
    pub relation: String,
    pub category: String,
    pub weight: f64,
    pub symmetric: bool,
    pub negated: bool,
    pub count: i64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

/// An edge seen from one of its ends.
#[derive(Debug, Clone)]
pub struct Neighbor {
    pub actor: i64,
    pub edge: EdgeRow,
}

const ACTOR_COLUMNS: &str =
    "a.id, a.key, a.name, a.code, a.kind, a.affiliation, a.discovered, a.relations";

fn actor_row(r: &rusqlite::Row) -> rusqlite::Result<ActorRow> {
    Ok(ActorRow {
        id: r.get(0)?,
        key: r.get(1)?,
        name: r.get(2)?,
        code: r.get(3)?,
        kind: r.get(4)?,
        affiliation: r.get(5)?,
        discovered: r.get(6)?,
        relations: r.get(7)?,
    })
}

fn edge_row(r: &rusqlite::Row) -> rusqlite::Result<EdgeRow> {
    Ok(EdgeRow {
        id: r.get(0)?,
        subject: r.get(1)?,
        object: r.get(2)?,
        relation: r.get(3)?,
        category: r.get(4)?,
        weight: r.get(5)?,
        symmetric: r.get(6)?,
        negated: r.get(7)?,
        count: r.get(8)?,
        first_date: r.get(9)?,
        last_date: r.get(10)?,
    })
}

const EDGE_COLUMNS: &str = "id, subject_id, object_id, relation, category, weight, symmetric, negated, count, first_date, last_date, tier";

/// An edge row and its tier.
fn tiered_edge_row(r: &rusqlite::Row) -> rusqlite::Result<(EdgeRow, i64)> {
    Ok((edge_row(r)?, r.get(11)?))
}

/// One row per edge: the rows of an edge in the newer tiers (same subject,
/// object, relation and negation) are added into its row in the oldest
/// tier, whose id names the edge, so an edge met from both ends is the
/// same edge. Rows of tier 0 keep their order; edges without one follow.
fn fold_tiers(rows: Vec<(EdgeRow, i64)>) -> Vec<EdgeRow> {
    let add = |into: &mut EdgeRow, from: EdgeRow| {
        into.count += from.count;
        into.first_date = earliest(into.first_date.take(), from.first_date);
        into.last_date = into.last_date.take().max(from.last_date);
    };
    // rows of the newer tiers by (subject, object, negated), the relation
    // compared in place: the rows of tier 0, nearly all of a whole-graph
    // export, are matched without building a key each
    let mut newer: HashMap<(i64, i64, bool), Vec<(EdgeRow, i64)>> = HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for (edge, tier) in rows {
        if tier == 0 {
            out.push(edge);
            continue;
        }
        let same = newer
            .entry((edge.subject, edge.object, edge.negated))
            .or_default();
        match same.iter_mut().find(|(e, _)| e.relation == edge.relation) {
            None => same.push((edge, tier)),
            Some((held, held_tier)) if tier < *held_tier => {
                let younger = std::mem::replace(held, edge);
                *held_tier = tier;
                add(held, younger);
            }
            Some((held, _)) => add(held, edge),
        }
    }
    if newer.is_empty() {
        return out;
    }
    for edge in &mut out {
        if let Some(same) = newer.get_mut(&(edge.subject, edge.object, edge.negated))
            && let Some(i) = same.iter().position(|(e, _)| e.relation == edge.relation)
        {
            add(edge, same.swap_remove(i).0);
        }
    }
    let mut rest: Vec<EdgeRow> = newer.into_values().flatten().map(|(e, _)| e).collect();
    rest.sort_by_key(|e| e.id);
    out.extend(rest);
    out
}

/// The earlier of two optional dates; a missing date is no date.
fn earliest(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Articles `relations` walks in date order before it gives up and sorts:
/// one indexed query each, up to 10 µs with the rows it builds, so a walk
/// that fails adds at most 0.2 s to the sort.
pub(super) const WALK_BUDGET: usize = 20_000;

/// An actor with fewer relations is listed by sorting them: the walk could
/// pass thousands of articles between two of them.
pub(super) const WALK_MIN_RELATIONS: i64 = 1_000;

/// `select(tier)` for every tier, joined by `UNION ALL`: one index range
/// per tier, read in index order (and merged in order under `ORDER BY`).
fn each_tier(select: impl Fn(i64) -> String) -> String {
    (0..=NEWEST_TIER)
        .map(select)
        .collect::<Vec<_>>()
        .join(" UNION ALL ")
}

/// The date bounds of a filter: `(">=", since)`, `("<=", until)`.
fn date_bounds(f: &RelationFilter) -> impl Iterator<Item = (&'static str, &str)> {
    [(">=", f.since.as_deref()), ("<=", f.until.as_deref())]
        .into_iter()
        .filter_map(|(op, date)| Some((op, date?)))
}

/// The columns of a [`RelationRow`], joined; callers add `WHERE …`.
const RELATION_SELECT: &str = "SELECT s.name, s.code, r.relation, r.category, o.name, o.code, r.negated, t.name, r.confidence, r.weight, a.date, a.key, r.sentence, r.evidence
     FROM relations r
     JOIN actors s ON s.id = r.subject_id
     JOIN actors o ON o.id = r.object_id
     LEFT JOIN actors t ON t.id = r.attributed_to
     JOIN articles a ON a.id = r.article_id";

fn relation_row(r: &rusqlite::Row) -> rusqlite::Result<RelationRow> {
    Ok(RelationRow {
        subject: r.get(0)?,
        subject_code: r.get(1)?,
        relation: r.get(2)?,
        category: r.get(3)?,
        object: r.get(4)?,
        object_code: r.get(5)?,
        negated: r.get(6)?,
        attributed_to: r.get(7)?,
        confidence: r.get(8)?,
        weight: r.get(9)?,
        date: r.get(10)?,
        article: r.get(11)?,
        sentence: r.get(12)?,
        evidence: r.get(13)?,
    })
}

/// The filter "actor `?n` is subject or object". `tier IN`
/// [`RELATION_TIERS`] is always true: it lets SQLite seek every tier of the
/// indexes that lead with `tier` (migrations 0003 and 0007).
fn involving(n: usize) -> String {
    format!(
        " AND ((r.tier IN {RELATION_TIERS} AND r.subject_id = ?{n}) OR (r.tier IN {RELATION_TIERS} AND r.object_id = ?{n}))"
    )
}

impl Store {
    /// Relations that pass `f`, by article date (undated articles first),
    /// article, sentence; at most `f.limit`.
    pub fn relations(&self, f: &RelationFilter) -> Result<Vec<RelationRow>, StoreError> {
        if self.worth_walking(f)?
            && let Some(rows) = self.relations_in_date_order(f)?
        {
            return Ok(rows);
        }
        let mut sql = format!("{RELATION_SELECT} WHERE 1 = 1");
        let mut values: Vec<rusqlite::types::Value> = Vec::new();
        let mut bind = |v: rusqlite::types::Value| {
            values.push(v);
            values.len()
        };
        if let Some(actor) = f.actor {
            let n = bind(actor.into());
            match f.with {
                Some(with) => {
                    let m = bind(with.into());
                    sql.push_str(&format!(" AND ((r.tier IN {RELATION_TIERS} AND r.subject_id = ?{n} AND r.object_id = ?{m}) OR (r.tier IN {RELATION_TIERS} AND r.subject_id = ?{m} AND r.object_id = ?{n}))"));
                }
                None => sql.push_str(&involving(n)),
            }
        } else if let Some(with) = f.with {
            let n = bind(with.into());
            sql.push_str(&involving(n));
        }
        if let Some(category) = &f.category {
            let n = bind(category.to_uppercase().into());
            sql.push_str(&format!(" AND r.category = ?{n}"));
        }
        // (comparison, parameter) of each date bound
        let dates: Vec<(&str, usize)> = date_bounds(f)
            .map(|(op, date)| (op, bind(date.to_string().into())))
            .collect();
        for (op, n) in &dates {
            sql.push_str(&format!(" AND a.date {op} ?{n}"));
        }
        // a category without an actor: its index leads, the dates filter
        // through the tiered date index (migration 0005)
        if !dates.is_empty() && f.actor.is_none() && f.with.is_none() {
            let bounds: String = dates
                .iter()
                .map(|(op, n)| format!(" AND date {op} ?{n}"))
                .collect();
            sql.push_str(&format!(
                " AND r.article_id IN (SELECT article_id FROM article_dates WHERE tier IN {TIER_LIST}{bounds})"
            ));
        }
        if !f.include_negated {
            sql.push_str(" AND r.negated = 0");
        }
        let n = bind((f.limit as i64).into());
        sql.push_str(&format!(
            " ORDER BY a.date, a.id, r.sentence, r.id LIMIT ?{n}"
        ));
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt
            .query_map(params_from_iter(values.iter()), relation_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// Whether to try [`Store::relations_in_date_order`] first: for no
    /// filter, one actor with many relations, or one category. A partner,
    /// or an actor and a category together, can match a few relations
    /// spread over the whole archive; the sort is then cheap and the walk
    /// would not stop early.
    fn worth_walking(&self, f: &RelationFilter) -> Result<bool, StoreError> {
        if f.with.is_some() || (f.actor.is_some() && f.category.is_some()) {
            return Ok(false);
        }
        Ok(match f.actor {
            Some(actor) => self.actor(actor)?.relations >= self.walk_min_relations,
            None => true,
        })
    }

    /// [`Store::relations`] by walking articles in date order, each with
    /// its relations that pass `f`, until the limit is reached; `None` if
    /// [`WALK_BUDGET`] articles were not enough (the caller sorts instead).
    ///
    /// Sorting every relation by date to keep the first hundred took 2.2 s
    /// on a million articles (27 s with negated ones, 0.9 s for one
    /// category). Each tier of `article_dates` is in date order, and SQLite
    /// merges the ordered tiers of a `UNION ALL … ORDER BY` as it reads
    /// them, so the walk stops as soon as it has enough.
    fn relations_in_date_order(
        &self,
        f: &RelationFilter,
    ) -> Result<Option<Vec<RelationRow>>, StoreError> {
        let c = self.conn();
        let mut sql =
            format!("{RELATION_SELECT} WHERE r.article_id = ?1 AND (?2 OR r.negated = 0)");
        let mut values: Vec<rusqlite::types::Value> = vec![0.into(), f.include_negated.into()];
        if let Some(actor) = f.actor {
            values.push(actor.into());
            let n = values.len();
            sql.push_str(&format!(" AND (r.subject_id = ?{n} OR r.object_id = ?{n})"));
        }
        if let Some(category) = &f.category {
            values.push(category.to_uppercase().into());
            sql.push_str(&format!(" AND r.category = ?{}", values.len()));
        }
        sql.push_str(" ORDER BY r.sentence, r.id");
        let mut of_article = c.prepare(&sql)?;
        let mut out = Vec::new();
        let mut visited = 0;
        // Some(done) after one article; None when the budget is spent
        let mut take =
            |article: i64, out: &mut Vec<RelationRow>| -> Result<Option<bool>, StoreError> {
                visited += 1;
                if visited > self.walk_budget {
                    return Ok(None);
                }
                values[0] = article.into();
                let rows = of_article.query_map(params_from_iter(values.iter()), relation_row)?;
                for row in rows {
                    if out.len() == f.limit {
                        return Ok(Some(true));
                    }
                    out.push(row?);
                }
                Ok(Some(out.len() == f.limit))
            };
        if f.limit == 0 {
            return Ok(Some(out));
        }
        // undated articles sort first, as NULL does in SQL; a date bound
        // excludes them (migration 0006 indexes them)
        if f.since.is_none() && f.until.is_none() {
            let mut undated =
                c.prepare("SELECT id FROM articles WHERE date IS NULL ORDER BY id")?;
            let mut ids = undated.query([])?;
            while let Some(row) = ids.next()? {
                match take(row.get(0)?, &mut out)? {
                    None => return Ok(None),
                    Some(true) => return Ok(Some(out)),
                    Some(false) => {}
                }
            }
        }
        let mut bounds = String::new();
        let mut dates = Vec::new();
        for (op, date) in date_bounds(f) {
            dates.push(date);
            bounds.push_str(&format!(" AND date {op} ?{}", dates.len()));
        }
        let tiers = each_tier(|t| {
            format!("SELECT date, article_id FROM article_dates WHERE tier = {t}{bounds}")
        });
        let mut dated = c.prepare(&format!("{tiers} ORDER BY date, article_id"))?;
        let mut ids = dated.query(params_from_iter(dates))?;
        while let Some(row) = ids.next()? {
            match take(row.get(1)?, &mut out)? {
                None => return Ok(None),
                Some(true) => break,
                Some(false) => {}
            }
        }
        Ok(Some(out))
    }

    /// Actors in the database, most related first.
    pub fn actors(&self, kind: Option<&str>) -> Result<Vec<ActorRow>, StoreError> {
        let sql = format!(
            "SELECT {ACTOR_COLUMNS} FROM actors a WHERE ?1 IS NULL OR a.kind = ?1 ORDER BY 8 DESC, a.name"
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt
            .query_map([kind], actor_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    pub fn actor(&self, id: i64) -> Result<ActorRow, StoreError> {
        let sql = format!("SELECT {ACTOR_COLUMNS} FROM actors a WHERE a.id = ?1");
        Ok(self
            .conn()
            .prepare_cached(&sql)?
            .query_row([id], actor_row)?)
    }

    /// The actor with this key (`country:RUS`), if stored.
    pub fn actor_by_key(&self, key: &str) -> Result<Option<ActorRow>, StoreError> {
        let sql = format!("SELECT {ACTOR_COLUMNS} FROM actors a WHERE a.key = ?1");
        Ok(self
            .conn()
            .prepare_cached(&sql)?
            .query_row([key], actor_row)
            .optional()?)
    }

    /// Finds an actor by name, code or alias, case- and accent-insensitively.
    /// No match or several give an error that lists close candidates.
    pub fn resolve_actor(&self, query: &str) -> Result<ActorRow, StoreError> {
        let norm = normalize_alias(query);
        let mut stmt = self.conn().prepare_cached(
            "SELECT actor_id FROM aliases WHERE norm = ?1
             UNION SELECT id FROM actors WHERE upper(code) = upper(?2) OR lower(name) = ?1",
        )?;
        let ids: Vec<i64> = stmt
            .query_map(rusqlite::params![norm, query.trim()], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        match ids.len() {
            1 => self.actor(ids[0]),
            0 => Err(StoreError::UnknownActor {
                query: query.to_string(),
                candidates: self.close_names(&norm)?,
            }),
            _ => {
                let mut names = Vec::new();
                for id in ids {
                    names.push(self.actor(id)?.label());
                }
                Err(StoreError::AmbiguousActor {
                    query: query.to_string(),
                    candidates: names,
                })
            }
        }
    }

    /// Up to five actor names close to `norm`: containing it, or a small
    /// edit distance away.
    fn close_names(&self, norm: &str) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT DISTINCT a.norm, a.actor_id FROM aliases a")?;
        let mut scored: Vec<(usize, i64)> = Vec::new();
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        for row in rows {
            let (alias, id) = row?;
            let distance =
                if alias.contains(norm) || norm.contains(alias.as_str()) && alias.len() >= 3 {
                    0
                } else {
                    edit_distance(&alias, norm)
                };
            if distance <= 2.max(norm.len() / 4) {
                scored.push((distance, id));
            }
        }
        scored.sort();
        let mut names = Vec::new();
        for (_, id) in scored {
            let label = self.actor(id)?.label();
            if !names.contains(&label) {
                names.push(label);
            }
            if names.len() == 5 {
                break;
            }
        }
        Ok(names)
    }

    /// Persons found in the text of loaded articles (not in the gazetteer)
    /// with an affiliation, as `(name, code)`: the next load recognises them
    /// by full name. Single-word names are left out; they are too easily
    /// someone else.
    pub fn discovered_persons(&self) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT name, affiliation FROM actors
             WHERE kind = 'person' AND discovered = 1 AND affiliation IS NOT NULL
               AND instr(trim(name), ' ') > 0
             ORDER BY id",
        )?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<Vec<(String, String)>, _>>()?;
        Ok(rows)
    }

    pub fn stats(&self) -> Result<Stats, StoreError> {
        let c = self.conn();
        let count =
            |sql: &str| -> Result<i64, StoreError> { Ok(c.query_row(sql, [], |r| r.get(0))?) };
        // min() or max() alone over a tier is one seek to an end of its
        // dates (migration 0005); both in one SELECT would scan the tier
        let end = |agg: &str| {
            let tiers = each_tier(|t| {
                format!("SELECT {agg}(date) AS d FROM article_dates WHERE tier = {t}")
            });
            format!("(SELECT {agg}(d) FROM ({tiers}))")
        };
        let (first_date, last_date) =
            c.query_row(&format!("SELECT {}, {}", end("min"), end("max")), [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        let mut stmt = c.prepare(
            "SELECT category, count(*) FROM relations GROUP BY category ORDER BY 2 DESC, 1",
        )?;
        let categories = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Stats {
            articles: count("SELECT count(*) FROM articles")?,
            actors: count("SELECT count(*) FROM actors")?,
            discovered_actors: count("SELECT count(*) FROM actors WHERE discovered")?,
            relations: count("SELECT count(*) FROM relations")?,
            // an edge is counted in the oldest tier it has a row in
            edges: count(&format!(
                "SELECT (SELECT count(*) FROM edges WHERE tier = 0)
                      + (SELECT count(*) FROM edges e WHERE e.tier IN {TIER_LIST} AND e.tier > 0 AND NOT EXISTS (
                           SELECT 1 FROM edges t WHERE t.tier IN {TIER_LIST} AND t.tier < e.tier
                              AND t.subject_id = e.subject_id AND t.object_id = e.object_id
                              AND t.relation = e.relation AND t.negated = e.negated))",
            ))?,
            first_date,
            last_date,
            categories,
        })
    }

    /// Edges at an actor (both directions), from the indexed adjacency.
    pub fn neighbors(
        &self,
        actor: i64,
        include_negated: bool,
    ) -> Result<Vec<Neighbor>, StoreError> {
        let mut out = Vec::new();
        for (sql, other_is_object) in [
            (
                format!(
                    "SELECT {EDGE_COLUMNS} FROM edges WHERE tier IN {TIER_LIST} AND subject_id = ?1 AND (?2 OR negated = 0)"
                ),
                true,
            ),
            (
                format!(
                    "SELECT {EDGE_COLUMNS} FROM edges WHERE tier IN {TIER_LIST} AND object_id = ?1 AND (?2 OR negated = 0)"
                ),
                false,
            ),
        ] {
            let mut stmt = self.conn().prepare_cached(&sql)?;
            let rows = stmt
                .query_map(rusqlite::params![actor, include_negated], tiered_edge_row)?
                .collect::<Result<Vec<_>, _>>()?;
            for edge in fold_tiers(rows) {
                let other = if other_is_object {
                    edge.object
                } else {
                    edge.subject
                };
                out.push(Neighbor { actor: other, edge });
            }
        }
        Ok(out)
    }

    /// Every edge (for whole-graph export).
    pub fn all_edges(&self, include_negated: bool) -> Result<Vec<EdgeRow>, StoreError> {
        let sql = format!("SELECT {EDGE_COLUMNS} FROM edges WHERE ?1 OR negated = 0 ORDER BY id");
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt
            .query_map([include_negated], tiered_edge_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(fold_tiers(rows))
    }

    /// The most confident evidence of an edge: article key, date, sentence.
    pub fn edge_evidence(
        &self,
        edge: &EdgeRow,
    ) -> Result<Option<(String, Option<String>, String)>, StoreError> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT a.key, a.date, r.evidence FROM relations r JOIN articles a ON a.id = r.article_id
             WHERE ((r.tier IN {RELATION_TIERS} AND r.subject_id = ?1 AND r.object_id = ?2)
                 OR (r.tier IN {RELATION_TIERS} AND r.symmetric AND r.subject_id = ?2 AND r.object_id = ?1))
               AND r.relation = ?3 AND r.negated = ?4
             ORDER BY r.confidence DESC, r.id LIMIT 1"
        ))?;
        Ok(stmt
            .query_row(
                rusqlite::params![edge.subject, edge.object, edge.relation, edge.negated],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?)
    }

    /// Runs a read-only SQL query with named parameters (`:key`), bound,
    /// never spliced. Returns column names and rows as JSON values.
    pub fn run_query(
        &self,
        sql: &str,
        params: &[(String, String)],
    ) -> Result<(Vec<String>, Vec<Vec<serde_json::Value>>), StoreError> {
        let mut stmt = self.conn().prepare(sql)?;
        if !stmt.readonly() {
            return Err(StoreError::Query("a named query must only read".into()));
        }
        for (key, value) in params {
            let name = format!(":{key}");
            let index = stmt
                .parameter_index(&name)?
                .ok_or_else(|| StoreError::Query(format!("the query has no parameter :{key}")))?;
            stmt.raw_bind_parameter(index, value)?;
        }
        for i in 1..=stmt.parameter_count() {
            let name = stmt.parameter_name(i).unwrap_or("?").to_string();
            if !params.iter().any(|(k, _)| format!(":{k}") == name) {
                return Err(StoreError::Query(format!(
                    "missing parameter {name} (pass --param {}=VALUE)",
                    name.trim_start_matches(':')
                )));
            }
        }
        let columns: Vec<String> = stmt.column_names().map(|c| c.to_string()).collect();
        let mut rows = Vec::new();
        let mut raw = stmt.raw_query();
        while let Some(row) = raw.next()? {
            let mut values = Vec::with_capacity(columns.len());
            for i in 0..columns.len() {
                values.push(match row.get_ref(i)? {
                    ValueRef::Null => serde_json::Value::Null,
                    ValueRef::Integer(n) => n.into(),
                    ValueRef::Real(x) => serde_json::Number::from_f64(x)
                        .map(serde_json::Value::Number)
                        .unwrap_or(serde_json::Value::Null),
                    ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
                    ValueRef::Blob(b) => format!("<{} bytes>", b.len()).into(),
                });
            }
            rows.push(values);
        }
        Ok((columns, rows))
    }
}

/// Levenshtein distance, for "did you mean" suggestions.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::edit_distance;

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("putin", "putin"), 0);
        assert_eq!(edit_distance("puttin", "putin"), 1);
        assert_eq!(edit_distance("china", "chile"), 2);
    }
}
