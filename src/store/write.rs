//! Writing: articles with their relations and mentions, each article all
//! or nothing inside a batch transaction (see `each_all_or_nothing`).

use super::{NEWEST_TIER, Store, StoreError};
use crate::extract::Extraction;
use crate::lexicon::fold::fold;
use crate::model::{Actor, Article};
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::HashMap;

/// What loading one article did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadOutcome {
    New {
        relations: usize,
    },
    /// identical content was already stored: nothing changed
    Unchanged,
    /// the same id with different content: its relations were replaced
    Replaced {
        relations: usize,
    },
}

/// The names an actor is known by, for alias lookups; and whether the
/// gazetteer knows it (else it was discovered in text).
pub trait ActorNames {
    fn names(&self, actor: &Actor) -> Vec<String>;
    fn is_known(&self, actor: &Actor) -> bool;
}

/// An article as stored, for re-extraction.
pub struct StoredArticle {
    pub row_id: i64,
    pub article: Article,
}

/// A write transaction over many articles; commit it with [`Batch::commit`].
pub struct Batch<'s> {
    tx: rusqlite::Transaction<'s>,
    names: &'s dyn ActorNames,
    /// one savepoint per article; off on the fast path of
    /// [`Store::load_batch`], which redoes the batch with them on failure
    savepoints: bool,
    /// actor key → row id, for actors committed or written in this batch
    actors: HashMap<String, i64>,
}

impl Store {
    /// Starts a batch of writes.
    pub fn batch<'s>(&'s mut self, names: &'s dyn ActorNames) -> Result<Batch<'s>, StoreError> {
        let tx = self.conn.transaction()?;
        Ok(Batch {
            tx,
            names,
            savepoints: true,
            actors: HashMap::new(),
        })
    }

    /// Stores a batch of articles in one transaction, each all or nothing,
    /// and returns what happened to each, in order.
    pub fn load_batch(
        &mut self,
        names: &dyn ActorNames,
        items: &[(&Article, &Extraction)],
    ) -> Result<Vec<Result<LoadOutcome, StoreError>>, StoreError> {
        self.each_all_or_nothing(names, items, |batch, (article, extraction)| {
            batch.load(article, extraction)
        })
    }

    /// Replaces the relations and mentions of stored articles (row id and
    /// new extraction) in one transaction, each all or nothing; returns what
    /// happened to each, in order: `Unchanged` when the extraction is the
    /// one the article was stored with.
    pub fn replace_batch(
        &mut self,
        names: &dyn ActorNames,
        items: &[(i64, &Extraction)],
    ) -> Result<Vec<Result<LoadOutcome, StoreError>>, StoreError> {
        self.each_all_or_nothing(names, items, |batch, (row_id, extraction)| {
            batch.replace(*row_id, extraction)
        })
    }

    /// Runs `write` on each item in one transaction, each all or nothing.
    ///
    /// A savepoint per item costs a copy of every page it touches (the
    /// sub-journal), a third of the write time. So the batch is first
    /// written without savepoints; should any item fail, the whole
    /// transaction is rolled back and the batch redone with a savepoint per
    /// item, so the failing one is skipped and the others are kept.
    fn each_all_or_nothing<I, T>(
        &mut self,
        names: &dyn ActorNames,
        items: &[I],
        write: impl Fn(&mut Batch, &I) -> Result<T, StoreError>,
    ) -> Result<Vec<Result<T, StoreError>>, StoreError> {
        {
            let mut fast = self.batch(names)?;
            fast.savepoints = false;
            let mut outcomes = Vec::with_capacity(items.len());
            for item in items {
                match write(&mut fast, item) {
                    Ok(outcome) => outcomes.push(Ok(outcome)),
                    Err(_) => break,
                }
            }
            if outcomes.len() == items.len() {
                fast.commit()?;
                return Ok(outcomes);
            }
            // dropping `fast` rolls the whole batch back
        }
        let mut safe = self.batch(names)?;
        let outcomes = items.iter().map(|item| write(&mut safe, item)).collect();
        safe.commit()?;
        Ok(outcomes)
    }

    /// Ids of all stored articles, in load order.
    pub fn article_row_ids(&self) -> Result<Vec<i64>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT id FROM articles ORDER BY id")?;
        let ids = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<Vec<i64>, _>>()?;
        Ok(ids)
    }

    /// Reads stored articles by row id.
    pub fn stored_articles(&self, ids: &[i64]) -> Result<Vec<StoredArticle>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT key, title, date, source, url, text FROM articles WHERE id = ?1",
        )?;
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            let article = stmt.query_row([id], |r| {
                Ok(Article {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    date: r.get(2)?,
                    source: r.get(3)?,
                    url: r.get(4)?,
                    text: r.get(5)?,
                })
            })?;
            out.push(StoredArticle {
                row_id: id,
                article,
            });
        }
        Ok(out)
    }
}

fn alias_key(name: &str) -> String {
    fold(name)
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl<'s> Batch<'s> {
    /// Stores one article with its extraction, all or nothing.
    pub fn load(
        &mut self,
        article: &Article,
        extraction: &Extraction,
    ) -> Result<LoadOutcome, StoreError> {
        let hashes = Hashes {
            content: article.content_hash(),
            extraction: extraction.fingerprint(),
        };
        let names = self.names;
        self.per_article(|conn, cache, added| {
            load_article(conn, article, extraction, &hashes, names, cache, added)
        })
    }

    /// Replaces the relations and mentions of a stored article
    /// (re-extraction), unless `extraction` is the one they were written
    /// from.
    pub fn replace(
        &mut self,
        row_id: i64,
        extraction: &Extraction,
    ) -> Result<LoadOutcome, StoreError> {
        let fingerprint = extraction.fingerprint();
        let names = self.names;
        self.per_article(|conn, cache, added| {
            let stored: Option<String> = conn
                .prepare_cached("SELECT extraction_hash FROM articles WHERE id = ?1")?
                .query_row([row_id], |r| r.get(0))?;
            if stored.as_deref() == Some(fingerprint) {
                return Ok(LoadOutcome::Unchanged);
            }
            clear_article(conn, row_id)?;
            let relations = write_extraction(conn, row_id, extraction, names, cache, added)?;
            conn.prepare_cached("UPDATE articles SET extraction_hash = ?2 WHERE id = ?1")?
                .execute(params![row_id, fingerprint])?;
            Ok(LoadOutcome::Replaced { relations })
        })
    }

    /// Runs the writes of one article: in a savepoint that a failure rolls
    /// back, or (fast path) on the batch transaction, which the caller then
    /// rolls back whole. Either way actors first written by a failed
    /// article are forgotten by the cache.
    fn per_article<T>(
        &mut self,
        write: impl FnOnce(
            &Connection,
            &mut HashMap<String, i64>,
            &mut Vec<String>,
        ) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut added = Vec::new();
        let result = if self.savepoints {
            let sp = self.tx.savepoint()?;
            match write(&sp, &mut self.actors, &mut added) {
                Ok(value) => sp.commit().map(|_| value).map_err(StoreError::from),
                Err(e) => Err(e), // dropping `sp` rolls this article back
            }
        } else {
            write(&self.tx, &mut self.actors, &mut added)
        };
        if result.is_err() {
            for key in added {
                self.actors.remove(&key);
            }
        }
        result
    }

    pub fn commit(self) -> Result<(), StoreError> {
        self.tx.commit()?;
        Ok(())
    }
}

/// An article's content hash, which tells a re-load of the same text, and
/// its extraction's fingerprint, which tells a re-extraction that changes
/// nothing.
struct Hashes<'a> {
    content: String,
    extraction: &'a str,
}

/// Writes one article and its extraction on `conn` (a savepoint or the
/// batch transaction).
fn load_article(
    conn: &Connection,
    article: &Article,
    extraction: &Extraction,
    hashes: &Hashes<'_>,
    names: &dyn ActorNames,
    cache: &mut HashMap<String, i64>,
    added: &mut Vec<String>,
) -> Result<LoadOutcome, StoreError> {
    let existing: Option<(i64, String)> = conn
        .prepare_cached("SELECT id, content_hash FROM articles WHERE key = ?1")?
        .query_row([&article.id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (row_id, replaced) = match existing {
        Some((_, ref stored)) if *stored == hashes.content => return Ok(LoadOutcome::Unchanged),
        Some((id, _)) => {
            // relations first, while the article has the date they were
            // counted with (the delete trigger of migration 0008 needs it)
            clear_article(conn, id)?;
            conn.prepare_cached("UPDATE articles SET title = ?2, date = ?3, source = ?4, url = ?5, text = ?6, content_hash = ?7, extraction_hash = ?8, loaded_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1")?
                .execute(params![id, article.title, article.date, article.source, article.url, article.text, hashes.content, hashes.extraction])?;
            (id, true)
        }
        None => {
            conn.prepare_cached("INSERT INTO articles (key, title, date, source, url, text, content_hash, extraction_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")?
                .execute(params![article.id, article.title, article.date, article.source, article.url, article.text, hashes.content, hashes.extraction])?;
            (conn.last_insert_rowid(), false)
        }
    };
    let relations = write_extraction(conn, row_id, extraction, names, cache, added)?;
    Ok(if replaced {
        LoadOutcome::Replaced { relations }
    } else {
        LoadOutcome::New { relations }
    })
}

fn clear_article(sp: &Connection, id: i64) -> Result<(), StoreError> {
    sp.prepare_cached("DELETE FROM relations WHERE article_id = ?1")?
        .execute([id])?;
    sp.prepare_cached("DELETE FROM mentions WHERE article_id = ?1")?
        .execute([id])?;
    Ok(())
}

fn write_extraction(
    sp: &Connection,
    article: i64,
    extraction: &Extraction,
    names: &dyn ActorNames,
    cache: &mut HashMap<String, i64>,
    added: &mut Vec<String>,
) -> Result<usize, StoreError> {
    let mut actor_id =
        |actor: &Actor| -> Result<i64, StoreError> { upsert_actor(sp, actor, names, cache, added) };
    for m in &extraction.mentions {
        let id = actor_id(&m.actor)?;
        sp.prepare_cached("INSERT INTO mentions (article_id, actor_id, sentence, span_start, span_end) VALUES (?1, ?2, ?3, ?4, ?5)")?
            .execute(params![article, id, m.sentence as i64, m.start as i64, m.end as i64])?;
    }
    for r in &extraction.relations {
        let subject = actor_id(&r.subject)?;
        let object = actor_id(&r.object)?;
        let attributed = r.attributed_to.as_ref().map(&mut actor_id).transpose()?;
        sp.prepare_cached(
            "INSERT INTO relations (article_id, subject_id, object_id, relation, category, weight, symmetric, negated, attributed_to, confidence, sentence, span_start, span_end, evidence, tier)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        )?
        .execute(params![
            article,
            subject,
            object,
            r.relation,
            r.category.as_str(),
            r.weight,
            r.symmetric,
            r.negated,
            attributed,
            r.confidence,
            r.evidence.sentence as i64,
            r.evidence.start as i64,
            r.evidence.end as i64,
            r.evidence.text,
            NEWEST_TIER,
        ])?;
    }
    Ok(extraction.relations.len())
}

/// The row id of an actor, inserting it (with its aliases) on first sight.
/// A person's affiliation is kept up to date with the latest article.
fn upsert_actor(
    sp: &Connection,
    actor: &Actor,
    names: &dyn ActorNames,
    cache: &mut HashMap<String, i64>,
    added: &mut Vec<String>,
) -> Result<i64, StoreError> {
    let key = actor.key();
    if let Some(&id) = cache.get(&key) {
        return Ok(id);
    }
    let existing: Option<i64> = sp
        .prepare_cached("SELECT id FROM actors WHERE key = ?1")?
        .query_row([&key], |r| r.get(0))
        .optional()?;
    let id = match existing {
        Some(id) => {
            if actor.affiliation.is_some() {
                sp.prepare_cached(
                    "UPDATE actors SET affiliation = ?2 WHERE id = ?1 AND affiliation IS NOT ?2",
                )?
                .execute(params![id, actor.affiliation])?;
            }
            id
        }
        None => {
            sp.prepare_cached("INSERT INTO actors (key, name, code, kind, affiliation, discovered) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?
                .execute(params![key, actor.name, actor.code, actor.kind.as_str(), actor.affiliation, !names.is_known(actor)])?;
            let id = sp.last_insert_rowid();
            let mut aliases: Vec<String> =
                names.names(actor).iter().map(|n| alias_key(n)).collect();
            aliases.push(alias_key(&actor.name));
            if let Some(code) = &actor.code {
                aliases.push(alias_key(code));
            }
            aliases.sort();
            aliases.dedup();
            let mut stmt = sp
                .prepare_cached("INSERT OR IGNORE INTO aliases (actor_id, norm) VALUES (?1, ?2)")?;
            for a in aliases.iter().filter(|a| !a.is_empty()) {
                stmt.execute(params![id, a])?;
            }
            added.push(key.clone());
            id
        }
    };
    cache.insert(key, id);
    Ok(id)
}

pub(super) fn normalize_alias(name: &str) -> String {
    alias_key(name)
}

impl ActorNames for crate::lexicon::Lexicon {
    fn names(&self, actor: &Actor) -> Vec<String> {
        self.gazetteer_entry(actor)
            .map(|e| e.names.iter().map(|(n, _)| n.clone()).collect())
            .unwrap_or_default()
    }

    fn is_known(&self, actor: &Actor) -> bool {
        self.gazetteer_entry(actor).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Extractor;
    use crate::lexicon::Lexicon;

    fn article(id: &str, text: &str) -> Article {
        Article {
            id: id.into(),
            title: None,
            date: Some("2022-06-01".into()),
            source: None,
            url: None,
            text: text.into(),
        }
    }

    #[test]
    fn a_failing_article_in_a_batch_is_skipped_and_the_others_kept() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("g.db")).unwrap();
        // a database error for one article only, after it wrote some rows
        store
            .conn
            .execute_batch(
                "CREATE TRIGGER fail_bad AFTER INSERT ON mentions
                 WHEN (SELECT key FROM articles WHERE id = NEW.article_id) = 'bad'
                 BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;",
            )
            .unwrap();
        let lexicon = Lexicon::embedded().unwrap();
        let extractor = Extractor::new(&lexicon);
        let articles = [
            article("good1", "Russia criticized China on Monday."),
            article("bad", "France praised Germany on Tuesday."),
            article("good2", "Japan condemned North Korea on Friday."),
        ];
        let extractions: Vec<Extraction> = articles.iter().map(|a| extractor.extract(a)).collect();
        let items: Vec<(&Article, &Extraction)> = articles.iter().zip(&extractions).collect();
        let outcomes = store.load_batch(&lexicon, &items).unwrap();
        assert!(matches!(outcomes[0], Ok(LoadOutcome::New { relations: 1 })));
        assert!(outcomes[1].is_err());
        assert!(matches!(outcomes[2], Ok(LoadOutcome::New { relations: 1 })));
        let stats = store.stats().unwrap();
        assert_eq!(stats.articles, 2);
        assert_eq!(stats.relations, 2);
        let orphans: i64 = store
            .conn
            .query_row(
                "SELECT count(*) FROM actors WHERE code IN ('FRA', 'DEU')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(orphans, 0, "nothing of the failed article is left");
        // a clean batch takes the fast path and stores everything
        let again = store.load_batch(&lexicon, &items[..1]).unwrap();
        assert!(matches!(again[0], Ok(LoadOutcome::Unchanged)));
        // mention counts on actors follow the mentions, through replacements
        let counts_agree = |store: &Store| -> bool {
            store
                .conn
                .query_row(
                    "SELECT (SELECT count(*) FROM mentions) = (SELECT sum(mentions) FROM actors)",
                    [],
                    |r| r.get(0),
                )
                .unwrap()
        };
        assert!(counts_agree(&store));
        let changed = article("good1", "Russia praised India on Monday.");
        let extraction = extractor.extract(&changed);
        let out = store
            .load_batch(&lexicon, &[(&changed, &extraction)])
            .unwrap();
        assert!(matches!(out[0], Ok(LoadOutcome::Replaced { .. })));
        assert!(counts_agree(&store));
    }
}
