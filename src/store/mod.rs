//! Stage 3 of the pipeline: the SQLite store.
//!
//! The schema lives in `migrations/NNNN_name.sql`, applied in order when a
//! database is opened for writing; `PRAGMA user_version` records how far.
//! Writes go through [`Batch`]: one transaction per batch of articles and
//! one savepoint per article, so an article is stored whole with its
//! relations or not at all, and a failure rolls back that article only.
//!
//! Relations and edges are tiered (migration 0003): written to a small
//! newest tier and merged into the large ones in bulk, so that loading into
//! a large database costs little more than into an empty one. The readers
//! here fold the tiers; commands only say when to merge (`settle_if_due`).

mod read;
mod write;

pub use read::{ActorRow, EdgeRow, Neighbor, RelationFilter, RelationRow, Stats};
pub use write::{ActorNames, Batch, LoadOutcome, StoredArticle};

use crate::embedded::MIGRATIONS;
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database {path} does not exist; create it with `geokg load`")]
    Missing { path: PathBuf },
    #[error("cannot open database {path}: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("{path} is not a geokg database ({detail})")]
    NotGeokg { path: PathBuf, detail: String },
    #[error(
        "database {path} has schema version {found}, newer than this geokg understands ({known})"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error(
        "database {path} has schema version {found} of {known}; run `geokg load` or `geokg reextract` once to upgrade it"
    )]
    Outdated {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("migration {name} failed: {source}")]
    Migration {
        name: String,
        source: rusqlite::Error,
    },
    #[error("no actor matches `{query}`{}", candidates_hint(.candidates))]
    UnknownActor {
        query: String,
        candidates: Vec<String>,
    },
    #[error("`{query}` is ambiguous: {}", .candidates.join(", "))]
    AmbiguousActor {
        query: String,
        candidates: Vec<String>,
    },
    #[error("{0}")]
    Query(String),
    #[error(transparent)]
    Sql(#[from] rusqlite::Error),
}

fn candidates_hint(candidates: &[String]) -> String {
    if candidates.is_empty() {
        " in the database".to_string()
    } else {
        format!("; did you mean {}?", candidates.join(", "))
    }
}

/// The database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// [`MERGE_AT`], smaller in tests
    merge_at: [(i64, i64); NEWEST_TIER as usize],
    /// [`read::WALK_BUDGET`] and [`read::WALK_MIN_RELATIONS`], other in
    /// tests
    walk_budget: usize,
    walk_min_relations: i64,
}

/// The tier new relations are written to; 0 is the oldest and largest.
/// (Tiers of edges and article dates; relations have tiers of their own,
/// each at one of these levels, see [`RELATION_TIERS`].)
pub const NEWEST_TIER: i64 = 3;

/// Every tier of edges and article dates, for `tier IN …` in SQL that must
/// seek each tier's region of an index; a test checks it against
/// [`NEWEST_TIER`]. (Migration 0005's triggers spell out the same list and
/// the newest tier.)
pub const TIER_LIST: &str = "(0, 1, 2, 3)";

/// Every tier of relations, for `tier IN …` in SQL that finds relations by
/// actor (migration 0007): tiers 3 and 2, one middle tier, and the frozen
/// tiers of level 0, as many as tier 1 has filled up.
pub const RELATION_TIERS: &str = "(SELECT tier FROM relation_tiers)";

/// When a tier is merged into the next older one: tier 3 at 10,000
/// relations (about 1,800 news articles), tier 2 at 100,000, tier 1 at
/// 1,000,000.
///
/// A write touches the pages of the newest tier's region of each index, so
/// the smaller that tier, the closer a load into a large database comes to
/// one into an empty one: at 50,000 (three tiers), a newest tier near full
/// made 1,000 articles cost 1.3× what they cost with it empty. A merge
/// rewrites the pages of the older tier where the merged keys land, so each
/// tier is ten times the one before: a merge then rewrites roughly a tenth
/// of the older tier's pages per merged relation. Relations move twice, to
/// tier 2 and to the middle tier, and are frozen there (see
/// [`Store::merge_tier`]); edges and dates move three times.
pub const MERGE_AT: [(i64, i64); NEWEST_TIER as usize] =
    [(3, 10_000), (2, 100_000), (1, 1_000_000)];

/// Merges the edges and article dates of tier ?1 into tier ?1 − 1: edges
/// are added to their twins there (or move), in key order.
const MERGE_EDGES_AND_DATES: [&str; 4] = [
    "INSERT INTO edges (subject_id, object_id, relation, category, weight, symmetric, negated, count, first_date, last_date, tier)
     SELECT subject_id, object_id, relation, category, weight, symmetric, negated, count, first_date, last_date, ?1 - 1
     FROM edges WHERE tier = ?1
     ORDER BY subject_id, object_id, relation, negated
     ON CONFLICT (tier, subject_id, object_id, relation, negated) DO UPDATE SET
         count = count + excluded.count,
         first_date = CASE WHEN excluded.first_date IS NULL THEN first_date
                           WHEN first_date IS NULL OR excluded.first_date < first_date THEN excluded.first_date
                           ELSE first_date END,
         last_date  = CASE WHEN excluded.last_date IS NULL THEN last_date
                           WHEN last_date IS NULL OR excluded.last_date > last_date THEN excluded.last_date
                           ELSE last_date END",
    "DELETE FROM edges WHERE tier = ?1",
    "INSERT INTO article_dates (tier, date, article_id)
     SELECT ?1 - 1, date, article_id FROM article_dates WHERE tier = ?1",
    "DELETE FROM article_dates WHERE tier = ?1",
];

/// Freezes the middle tier of relations: its relations stay, counted at
/// level 0 from now on, and a new empty tier takes level 1.
const FREEZE_MIDDLE_TIER: [&str; 2] = [
    "UPDATE relation_tiers SET level = 0 WHERE level = 1",
    "INSERT INTO relation_tiers (tier, level) SELECT max(tier) + 1, 1 FROM relation_tiers",
];

/// The schema version this build creates: the number of migrations.
pub fn schema_version() -> i64 {
    MIGRATIONS.len() as i64
}

fn is_missing(path: &Path) -> bool {
    path != Path::new(":memory:") && !path.exists()
}

impl Store {
    /// Opens (creating if needed) a database for writing and brings its
    /// schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open_with_flags(
            path,
            // one thread uses a connection at a time (it is not Sync), so
            // SQLite's per-call mutex guards nothing; its lock and unlock
            // were 6% of a load's profile
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            merge_at: MERGE_AT,
            walk_budget: read::WALK_BUDGET,
            walk_min_relations: read::WALK_MIN_RELATIONS,
        };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// Opens an existing database read-only (for queries).
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        if is_missing(path) {
            return Err(StoreError::Missing {
                path: path.to_path_buf(),
            });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
            merge_at: MERGE_AT,
            walk_budget: read::WALK_BUDGET,
            walk_min_relations: read::WALK_MIN_RELATIONS,
        };
        store.conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let found = store.version()?;
        let known = schema_version();
        if found == 0 {
            return Err(StoreError::NotGeokg {
                path: store.path.clone(),
                detail: "no geokg schema".into(),
            });
        }
        if found > known {
            return Err(StoreError::TooNew {
                path: store.path.clone(),
                found,
                known,
            });
        }
        if found < known {
            return Err(StoreError::Outdated {
                path: store.path.clone(),
                found,
                known,
            });
        }
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn configure(&self) -> Result<(), StoreError> {
        let not_geokg = |e: rusqlite::Error| StoreError::NotGeokg {
            path: self.path.clone(),
            detail: e.to_string(),
        };
        self.conn
            .busy_timeout(std::time::Duration::from_secs(5))
            .map_err(not_geokg)?;
        self.conn
            .pragma_update(None, "journal_mode", "WAL")
            .map_err(not_geokg)?;
        self.conn
            .pragma_update(None, "foreign_keys", "ON")
            .map_err(not_geokg)?;
        // WAL with synchronous=NORMAL is durable across application crashes
        self.conn
            .pragma_update(None, "synchronous", "NORMAL")
            .map_err(not_geokg)?;
        // Writes go to the small newest tier (migration 0003), so the page
        // cache need not hold the large indexes: 32 MB, several times the
        // index and edge pages of a full newest tier (about 1 MB at 10,000
        // relations).
        self.conn
            .pragma_update(None, "cache_size", -32_768)
            .map_err(not_geokg)?;
        // Copy the log into the database every 10,000 pages (40 MB), not
        // every 1,000: batches rewrite the same pages of the newest tier,
        // and each copy wrote them again. 70,000 articles: 16.5 s instead
        // of 18.4 into an empty database, 19.5 instead of 20.2 into a
        // million. `load` copies the rest before it reports.
        self.conn
            .pragma_update(None, "wal_autocheckpoint", 10_000)
            .map_err(not_geokg)?;
        // Every insert that fires triggers keeps a statement journal; in a
        // file, 1,000 articles cost 170,000 small writes (tier merges switch
        // this off, see `merge_tier`).
        self.conn
            .pragma_update(None, "temp_store", "MEMORY")
            .map_err(not_geokg)?;
        Ok(())
    }

    fn version(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| StoreError::NotGeokg {
                path: self.path.clone(),
                detail: e.to_string(),
            })
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        let found = self.version()?;
        let known = schema_version();
        if found > known {
            return Err(StoreError::TooNew {
                path: self.path.clone(),
                found,
                known,
            });
        }
        if found == 0 {
            // an existing non-empty file that is not ours must not be touched
            let tables: i64 =
                self.conn
                    .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
            if tables > 0 {
                return Err(StoreError::NotGeokg {
                    path: self.path.clone(),
                    detail: "it has tables but no geokg schema version".into(),
                });
            }
        }
        for (index, (name, sql)) in MIGRATIONS.iter().enumerate().skip(found as usize) {
            let tx = self.conn.transaction()?;
            tx.execute_batch(sql)
                .map_err(|source| StoreError::Migration {
                    name: name.to_string(),
                    source,
                })?;
            tx.pragma_update(None, "user_version", (index + 1) as i64)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// Relations per level (the tier of their edges), oldest first.
    pub fn tier_sizes(&self) -> Result<[i64; NEWEST_TIER as usize + 1], StoreError> {
        let mut sizes = [0; NEWEST_TIER as usize + 1];
        for (tier, size) in sizes.iter_mut().enumerate() {
            *size = self.tier_size(tier as i64)?;
        }
        Ok(sizes)
    }

    /// Merges each tier that has reached its size in [`MERGE_AT`] into the
    /// next older one; returns how many merges it did. Writers call it after
    /// each committed batch, so a merge never holds up an article;
    /// `announce` runs once before the first merge (a merge can take
    /// seconds: writers tell their user).
    pub fn settle_if_due(&mut self, mut announce: impl FnMut()) -> Result<usize, StoreError> {
        let mut merges = 0;
        for (tier, limit) in self.merge_at {
            // counting costs a pass over the tier's index entries; an older
            // tier only grows when a newer one was just merged into it
            if tier < NEWEST_TIER && merges == 0 {
                break;
            }
            if self.tier_size(tier)? < limit {
                break;
            }
            if merges == 0 {
                announce();
            }
            self.merge_tier(tier)?;
            merges += 1;
        }
        Ok(merges)
    }

    /// Relations at `level`: in its one tier, or in every frozen tier of
    /// level 0.
    fn tier_size(&self, level: i64) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM relations
                 WHERE tier IN (SELECT tier FROM relation_tiers WHERE level = ?1)",
            )?
            .query_row([level], |r| r.get(0))?)
    }

    /// Copies the write-ahead log into the database file. SQLite would do
    /// it when the last connection closes; writers call it before they
    /// report their time, so that the time includes it (a commit that fills
    /// the log past `wal_autocheckpoint` pays for one inside the time; a
    /// smaller load used to leave its copy to the exit, unmeasured).
    pub fn checkpoint(&self) -> Result<(), StoreError> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Merges every tier into level 0, as if every relation had been
    /// written there.
    pub fn settle(&mut self) -> Result<(), StoreError> {
        for tier in (1..=NEWEST_TIER).rev() {
            self.merge_tier(tier)?;
        }
        Ok(())
    }

    /// Moves the edges and article dates of `tier` into `tier − 1`, in one
    /// transaction, and the relations of the tier at that level into the
    /// tier at the level below: except into level 0, where the middle tier's
    /// relations are frozen in place (migration 0007). Moving them cost two
    /// thirds of a 1 → 0 merge (an index entry moved into tier 0's large
    /// indexes per relation end, 4.2 of 6.3 s for 422,000 relations on a
    /// million-article database), and it would grow with tier 0.
    ///
    /// Temporary storage goes to files meanwhile: the merge reads the edges
    /// it writes, so SQLite first copies the tier's edges aside, and the
    /// statement journal of half a million relations changing tier is large;
    /// in memory the two took a million-article load from 90 MB to 480 MB.
    fn merge_tier(&mut self, tier: i64) -> Result<(), StoreError> {
        self.conn.pragma_update(None, "temp_store", "FILE")?;
        let merged = (|| -> Result<(), StoreError> {
            let tx = self.conn.transaction()?;
            for sql in MERGE_EDGES_AND_DATES {
                tx.prepare_cached(sql)?.execute([tier])?;
            }
            let at_level = |level: i64| -> rusqlite::Result<i64> {
                tx.prepare_cached("SELECT tier FROM relation_tiers WHERE level = ?1")?
                    .query_row([level], |r| r.get(0))
            };
            let from = at_level(tier)?;
            if tier > 1 {
                tx.prepare_cached("UPDATE relations SET tier = ?2 WHERE tier = ?1")?
                    .execute([from, at_level(tier - 1)?])?;
            } else if holds_relations(&tx, from)? {
                for sql in FREEZE_MIDDLE_TIER {
                    tx.prepare_cached(sql)?.execute([])?;
                }
            }
            tx.commit()?;
            Ok(())
        })();
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        merged
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

/// Whether relation tier `tier` holds any relation.
fn holds_relations(conn: &Connection, tier: i64) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM relations WHERE tier = ?1)")?
        .query_row([tier], |r| r.get(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tier_list_names_every_tier() {
        let tiers: Vec<String> = (0..=NEWEST_TIER).map(|t| t.to_string()).collect();
        assert_eq!(TIER_LIST, format!("({})", tiers.join(", ")));
        assert_eq!(
            MERGE_AT.map(|(tier, _)| tier),
            std::array::from_fn(|i| NEWEST_TIER - i as i64),
            "every tier but 0 has a merge limit, newest first"
        );
    }

    #[test]
    fn migrations_apply_once_and_record_the_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.db");
        let store = Store::open(&path).unwrap();
        assert_eq!(store.version().unwrap(), schema_version());
        drop(store);
        let again = Store::open(&path).unwrap();
        assert_eq!(again.version().unwrap(), schema_version());
        let wal: String = again
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(wal, "wal");
        let fk: i64 = again
            .conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
    }

    #[test]
    fn read_only_needs_an_existing_current_database() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("none.db");
        assert!(matches!(
            Store::open_read_only(&missing),
            Err(StoreError::Missing { .. })
        ));
        assert!(
            !missing.exists(),
            "opening read-only must not create the file"
        );
        let garbage = dir.path().join("garbage.db");
        std::fs::write(&garbage, b"this is not sqlite at all, not even close......").unwrap();
        assert!(Store::open(&garbage).is_err());
        let foreign = dir.path().join("foreign.db");
        Connection::open(&foreign)
            .unwrap()
            .execute_batch("CREATE TABLE t(x)")
            .unwrap();
        assert!(matches!(
            Store::open(&foreign),
            Err(StoreError::NotGeokg { .. })
        ));
    }
}

#[cfg(test)]
mod load_tests {
    use super::*;
    use crate::extract::Extractor;
    use crate::lexicon::Lexicon;
    use crate::model::Article;

    fn article(id: &str, text: &str) -> Article {
        Article {
            id: id.into(),
            title: None,
            date: Some("2022-01-01".into()),
            source: None,
            url: None,
            text: text.into(),
        }
    }

    #[test]
    fn a_failing_article_rolls_back_alone() {
        let lexicon = Lexicon::embedded().unwrap();
        let extractor = Extractor::new(&lexicon);
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("g.db")).unwrap();
        // make any relation whose evidence says POISON fail mid-article
        store
            .conn
            .execute_batch("CREATE TRIGGER poison BEFORE INSERT ON relations WHEN NEW.evidence LIKE '%POISON%' BEGIN SELECT RAISE(ABORT, 'poisoned'); END;")
            .unwrap();
        let articles = [
            article("a", "Russia attacked Ukraine on Monday."),
            article("b", "Japan praised India. POISON: Iran attacked Iraq."),
            article("c", "Egypt condemned Israel."),
        ];
        let mut batch = store.batch(&lexicon).unwrap();
        let outcomes: Vec<_> = articles
            .iter()
            .map(|a| batch.load(a, &extractor.extract(a)))
            .collect();
        batch.commit().unwrap();
        assert!(matches!(outcomes[0], Ok(LoadOutcome::New { relations: 1 })));
        assert!(
            outcomes[1]
                .as_ref()
                .is_err_and(|e| e.to_string().contains("poisoned"))
        );
        assert!(matches!(outcomes[2], Ok(LoadOutcome::New { .. })));
        let keys: Vec<String> = store
            .conn
            .prepare("SELECT key FROM articles ORDER BY key")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(keys, ["a", "c"], "the poisoned article is not half-written");
        let stray: i64 = store.conn.query_row("SELECT count(*) FROM relations r JOIN actors s ON s.id = r.subject_id WHERE s.code IN ('JPN', 'IRN')", [], |r| r.get(0)).unwrap();
        assert_eq!(stray, 0, "none of its relations remain");
        let edges: i64 = store
            .conn
            .query_row("SELECT sum(count) FROM edges", [], |r| r.get(0))
            .unwrap();
        let relations: i64 = store
            .conn
            .query_row("SELECT count(*) FROM relations", [], |r| r.get(0))
            .unwrap();
        assert_eq!(edges, relations, "edge counts follow the relations");
    }

    #[test]
    fn edges_aggregate_and_follow_deletes() {
        let lexicon = Lexicon::embedded().unwrap();
        let extractor = Extractor::new(&lexicon);
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("g.db")).unwrap();
        let mut a = article("a", "Putin met Xi in Moscow.");
        a.date = Some("2020-05-01".into());
        let mut b = article("b", "Xi met Putin in Beijing.");
        b.date = Some("2021-06-01".into());
        let mut batch = store.batch(&lexicon).unwrap();
        batch.load(&a, &extractor.extract(&a)).unwrap();
        batch.load(&b, &extractor.extract(&b)).unwrap();
        batch.commit().unwrap();
        let (count, first, last): (i64, String, String) = store
            .conn
            .query_row(
                "SELECT count, first_date, last_date FROM edges WHERE relation = 'meets'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!(
            (count, first.as_str(), last.as_str()),
            (2, "2020-05-01", "2021-06-01"),
            "a symmetric relation is one edge"
        );
        // replacing b with a text without the meeting removes its share of the edge
        let b2 = Article {
            text: "Xi praised Putin.".into(),
            ..b.clone()
        };
        let mut batch = store.batch(&lexicon).unwrap();
        assert!(matches!(
            batch.load(&b2, &extractor.extract(&b2)).unwrap(),
            LoadOutcome::Replaced { .. }
        ));
        batch.commit().unwrap();
        let (count, last): (i64, String) = store
            .conn
            .query_row(
                "SELECT count, last_date FROM edges WHERE relation = 'meets'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((count, last.as_str()), (1, "2020-05-01"));
    }
}

#[cfg(test)]
mod tier_tests {
    //! The tiers (migration 0003) must be invisible to readers: whatever
    //! tier relations are in, every query answers the same.
    use super::*;
    use crate::extract::Extractor;
    use crate::lexicon::Lexicon;
    use crate::model::Article;

    fn article(id: &str, date: &str, text: &str) -> Article {
        Article {
            id: id.into(),
            title: None,
            date: Some(date.into()),
            source: None,
            url: None,
            text: text.into(),
        }
    }

    fn load(store: &mut Store, lexicon: &Lexicon, articles: &[Article]) {
        let extractor = Extractor::new(lexicon);
        let extractions: Vec<_> = articles.iter().map(|a| extractor.extract(a)).collect();
        let items: Vec<_> = articles.iter().zip(&extractions).collect();
        for outcome in store.load_batch(lexicon, &items).unwrap() {
            outcome.unwrap();
        }
        store.settle_if_due(|| {}).unwrap();
    }

    /// The graph as readers see it, without edge ids (a merge renumbers
    /// edges that move to an older tier).
    /// subject, object, relation, negated, count, first and last date
    type SeenEdge = (i64, i64, String, bool, i64, Option<String>, Option<String>);

    fn graph(store: &Store) -> Vec<SeenEdge> {
        let mut edges: Vec<_> = store
            .all_edges(true)
            .unwrap()
            .into_iter()
            .map(|e| {
                (
                    e.subject,
                    e.object,
                    e.relation,
                    e.negated,
                    e.count,
                    e.first_date,
                    e.last_date,
                )
            })
            .collect();
        edges.sort();
        edges
    }

    fn count(store: &Store, sql: &str) -> i64 {
        store.conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn an_edge_split_over_the_tiers_reads_as_one() {
        let lexicon = Lexicon::embedded().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("g.db")).unwrap();
        load(
            &mut store,
            &lexicon,
            &[
                article("a", "2020-05-01", "Putin met Xi in Moscow."),
                article("c", "2020-07-01", "Russia attacked Ukraine."),
            ],
        );
        assert_eq!(
            store.tier_sizes().unwrap(),
            [0, 0, 0, 2],
            "new relations go to the newest tier"
        );
        store.settle().unwrap();
        assert_eq!(store.tier_sizes().unwrap(), [2, 0, 0, 0]);
        assert_eq!(
            count(&store, "SELECT count(*) FROM edges WHERE tier > 0"),
            0
        );
        load(
            &mut store,
            &lexicon,
            &[article("b", "2021-06-01", "Xi met Putin in Beijing.")],
        );
        store.merge_tier(3).unwrap();
        store.merge_tier(2).unwrap();
        load(
            &mut store,
            &lexicon,
            &[article("d", "2019-03-01", "Putin met Xi Jinping.")],
        );
        assert_eq!(store.tier_sizes().unwrap(), [2, 1, 0, 1]);
        assert_eq!(
            count(
                &store,
                "SELECT count(*) FROM edges WHERE relation = 'meets'"
            ),
            3,
            "one row per tier"
        );

        let putin = store.resolve_actor("Vladimir Putin").unwrap();
        assert_eq!(putin.relations, 3, "relations of every tier are counted");
        let meets: Vec<_> = store
            .neighbors(putin.id, false)
            .unwrap()
            .into_iter()
            .filter(|n| n.edge.relation == "meets")
            .collect();
        assert_eq!(meets.len(), 1, "the two rows are one edge");
        let edge = &meets[0].edge;
        assert_eq!(
            (
                edge.count,
                edge.first_date.as_deref(),
                edge.last_date.as_deref()
            ),
            (3, Some("2019-03-01"), Some("2021-06-01"))
        );
        let oldest = count(
            &store,
            "SELECT id FROM edges WHERE relation = 'meets' AND tier = 0",
        );
        assert_eq!(edge.id, oldest, "the oldest row's id names the edge");
        let xi = store.resolve_actor("Xi Jinping").unwrap();
        let from_xi = store.neighbors(xi.id, false).unwrap();
        assert!(
            from_xi
                .iter()
                .any(|n| n.edge.id == edge.id && n.actor == putin.id)
        );
        assert_eq!(store.stats().unwrap().edges, 2, "meets and attacks");
        let filter = RelationFilter {
            actor: Some(putin.id),
            with: Some(xi.id),
            include_negated: true,
            limit: 10,
            ..Default::default()
        };
        assert_eq!(store.relations(&filter).unwrap().len(), 3);
        assert!(store.edge_evidence(edge).unwrap().is_some());

        let before = graph(&store);
        store.settle().unwrap();
        assert_eq!(
            graph(&store),
            before,
            "merging changes nothing a reader sees"
        );
        assert_eq!(
            count(
                &store,
                "SELECT count(*) FROM edges WHERE relation = 'meets'"
            ),
            1
        );
        assert_eq!(
            count(&store, "SELECT sum(count) FROM edges"),
            count(&store, "SELECT count(*) FROM relations")
        );
    }

    #[test]
    fn replacing_an_article_takes_its_share_from_the_right_tier() {
        let lexicon = Lexicon::embedded().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("g.db")).unwrap();
        load(
            &mut store,
            &lexicon,
            &[article("a", "2020-05-01", "Putin met Xi in Moscow.")],
        );
        store.settle().unwrap();
        load(
            &mut store,
            &lexicon,
            &[article("b", "2021-06-01", "Xi met Putin in Beijing.")],
        );
        // the share in tier 0 goes: the row in the newest tier alone is left
        load(
            &mut store,
            &lexicon,
            &[article("a", "2020-05-01", "Putin praised Xi.")],
        );
        let rows: Vec<(i64, i64, String)> = store
            .conn
            .prepare("SELECT tier, count, first_date FROM edges WHERE relation = 'meets'")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(rows, [(NEWEST_TIER, 1, "2021-06-01".to_string())]);
        // and the share of an article in the newest tier
        load(
            &mut store,
            &lexicon,
            &[article("b", "2021-06-01", "Xi praised Putin.")],
        );
        assert_eq!(
            count(
                &store,
                "SELECT count(*) FROM edges WHERE relation = 'meets'"
            ),
            0
        );
        assert_eq!(
            count(&store, "SELECT sum(relations) FROM actors"),
            2 * count(&store, "SELECT count(*) FROM relations"),
            "relation counts on actors follow replacements"
        );
        store.settle().unwrap();
        assert_eq!(
            count(&store, "SELECT sum(count) FROM edges"),
            count(&store, "SELECT count(*) FROM relations")
        );
    }

    #[test]
    fn replacements_leave_the_graph_a_fresh_load_builds() {
        let lexicon = Lexicon::embedded().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("g.db")).unwrap();
        let mut undated = article("d", "", "Putin met Xi again.");
        undated.date = None;
        load(
            &mut store,
            &lexicon,
            &[
                article("a", "2019-01-01", "Putin met Xi in Moscow."),
                article("b", "2020-01-01", "Xi met Putin in Beijing."),
            ],
        );
        store.settle().unwrap();
        load(
            &mut store,
            &lexicon,
            &[
                article("c", "2021-01-01", "Putin met Xi Jinping."),
                undated.clone(),
            ],
        );
        store.merge_tier(NEWEST_TIER).unwrap();
        // a date inside the edge's range moves to its end; the first date
        // goes; the article holding the new first date changes its date
        // and loses its relation
        let last = [
            article("b", "2022-01-01", "Xi met Putin in Beijing on Monday."),
            article("a", "2019-01-01", "Putin praised Xi."),
            article("c", "2023-01-01", "Putin praised Xi Jinping."),
        ];
        for a in &last {
            load(&mut store, &lexicon, std::slice::from_ref(a));
        }
        let mut fresh = Store::open(&dir.path().join("fresh.db")).unwrap();
        // in the order that numbers the actors as in `store`
        let finals = [last[1].clone(), last[0].clone(), last[2].clone(), undated];
        load(&mut fresh, &lexicon, &finals);
        assert_eq!(graph(&store), graph(&fresh));
        let meets: Vec<_> = graph(&store)
            .into_iter()
            .filter(|e| e.2 == "meets")
            .map(|e| (e.4, e.5, e.6))
            .collect();
        assert_eq!(
            meets,
            [(2, Some("2022-01-01".into()), Some("2022-01-01".into()))]
        );
    }

    #[test]
    fn merged_and_unmerged_loads_build_the_same_graph() {
        let lexicon = Lexicon::embedded().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let texts = [
            "Russia attacked Ukraine. France condemned Russia.",
            "Putin met Xi in Moscow. China praised Russia.",
            "Russia attacked Ukraine again. Germany condemned Russia.",
            "Xi met Putin in Beijing. The United States warned China.",
            "France did not condemn Germany. Japan praised India.",
            "Russia attacked Ukraine. China praised Russia.",
        ];
        let articles: Vec<Article> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| article(&format!("n{i}"), &format!("2022-0{}-01", i + 1), t))
            .collect();
        // one database merges everything after every article, one never,
        // one leaves every other article in a middle tier
        let mut eager = Store::open(&dir.path().join("eager.db")).unwrap();
        let mut lazy = Store::open(&dir.path().join("lazy.db")).unwrap();
        let mut mixed = Store::open(&dir.path().join("mixed.db")).unwrap();
        for (i, a) in articles.iter().enumerate() {
            load(&mut eager, &lexicon, std::slice::from_ref(a));
            eager.settle().unwrap();
            load(&mut lazy, &lexicon, std::slice::from_ref(a));
            load(&mut mixed, &lexicon, std::slice::from_ref(a));
            if i % 2 == 0 {
                mixed.merge_tier(NEWEST_TIER).unwrap();
            }
        }
        assert_eq!(lazy.tier_sizes().unwrap()[..3], [0, 0, 0]);
        let mixed_sizes = mixed.tier_sizes().unwrap();
        assert!(mixed_sizes[2] > 0 && mixed_sizes[3] > 0);
        for other in [&lazy, &mixed] {
            assert_eq!(graph(&eager), graph(other));
            assert_eq!(eager.stats().unwrap().edges, other.stats().unwrap().edges);
        }
        lazy.settle().unwrap();
        mixed.settle().unwrap();
        assert_eq!(graph(&eager), graph(&lazy));
        assert_eq!(graph(&eager), graph(&mixed));
    }

    #[test]
    fn loads_merge_tiers_when_they_fill_up() {
        let lexicon = Lexicon::embedded().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("g.db")).unwrap();
        store.merge_at = [(3, 2), (2, 4), (1, 8)];
        let mut eager = Store::open(&dir.path().join("eager.db")).unwrap();
        let texts = [
            "Russia attacked Ukraine.",
            "France condemned Russia.",
            "China praised Russia.",
            "Germany condemned Russia.",
            "Japan praised India.",
            "Putin met Xi in Moscow.",
            "Egypt condemned Israel.",
            "Brazil praised Argentina.",
            "Kenya condemned Somalia.",
        ];
        let mut sizes = Vec::new();
        for (i, text) in texts.iter().enumerate() {
            let a = article(&format!("n{i}"), "2022-01-01", text);
            load(&mut store, &lexicon, std::slice::from_ref(&a));
            load(&mut eager, &lexicon, std::slice::from_ref(&a));
            eager.settle().unwrap();
            sizes.push(store.tier_sizes().unwrap());
        }
        // one relation per article: tier 3 moves down at 2, tier 2 at 4,
        // tier 1 at 8
        assert_eq!(
            sizes,
            [
                [0, 0, 0, 1],
                [0, 0, 2, 0],
                [0, 0, 2, 1],
                [0, 4, 0, 0],
                [0, 4, 0, 1],
                [0, 4, 2, 0],
                [0, 4, 2, 1],
                [8, 0, 0, 0],
                [8, 0, 0, 1]
            ]
        );
        assert_eq!(graph(&store), graph(&eager));
    }

    /// (relation tier, level) of every relation tier
    fn relation_tiers(store: &Store) -> Vec<(i64, i64)> {
        store
            .conn
            .prepare("SELECT tier, level FROM relation_tiers ORDER BY tier")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }

    /// Relations by actor as `relations` lists them, without the ids.
    fn listed(store: &Store, actor: &str) -> Vec<String> {
        let filter = RelationFilter {
            actor: Some(store.resolve_actor(actor).unwrap().id),
            include_negated: true,
            limit: 100,
            ..Default::default()
        };
        let mut rows: Vec<String> = store
            .relations(&filter)
            .unwrap()
            .into_iter()
            .map(|r| format!("{} {} {} {}", r.article, r.subject, r.relation, r.object))
            .collect();
        rows.sort();
        rows
    }

    #[test]
    fn a_full_middle_tier_of_relations_is_frozen_in_place() {
        let lexicon = Lexicon::embedded().unwrap();
        let dir = tempfile::tempdir().unwrap();
        // every relation goes all the way down at once: each load freezes
        // its relations in a tier of their own
        let mut store = Store::open(&dir.path().join("g.db")).unwrap();
        store.merge_at = [(3, 1), (2, 1), (1, 1)];
        let mut lazy = Store::open(&dir.path().join("lazy.db")).unwrap();
        lazy.merge_at = [(3, i64::MAX), (2, i64::MAX), (1, i64::MAX)];
        let texts = [
            ("a", "2020-01-01", "Putin met Xi in Moscow."),
            ("b", "2021-01-01", "Xi met Putin in Beijing."),
            ("c", "2019-01-01", "Russia attacked Ukraine."),
            ("d", "2022-01-01", "Putin met Xi Jinping."),
        ];
        for (id, date, text) in texts {
            let a = article(id, date, text);
            load(&mut store, &lexicon, std::slice::from_ref(&a));
            load(&mut lazy, &lexicon, std::slice::from_ref(&a));
        }
        assert_eq!(store.tier_sizes().unwrap(), [4, 0, 0, 0]);
        assert_eq!(
            relation_tiers(&store),
            [
                (0, 0),
                (1, 0),
                (2, 2),
                (3, 3),
                (4, 0),
                (5, 0),
                (6, 0),
                (7, 1)
            ],
            "four frozen tiers, one per load, and a new middle tier"
        );
        let tiers: Vec<i64> = store
            .conn
            .prepare("SELECT r.tier FROM relations r JOIN articles a ON a.id = r.article_id ORDER BY a.key")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(tiers, [1, 4, 5, 6], "no relation moved past its tier");
        assert_eq!(
            count(&store, "SELECT count(*) FROM edges WHERE tier > 0"),
            0,
            "edges still merge into tier 0"
        );
        assert_eq!(graph(&store), graph(&lazy));
        for actor in ["Vladimir Putin", "Xi Jinping", "Ukraine"] {
            assert_eq!(listed(&store, actor), listed(&lazy, actor), "{actor}");
        }
        assert_eq!(listed(&store, "Vladimir Putin").len(), 3);
        let putin = store.resolve_actor("Vladimir Putin").unwrap().id;
        let meets = store
            .neighbors(putin, false)
            .unwrap()
            .into_iter()
            .find(|n| n.edge.relation == "meets")
            .unwrap();
        assert!(store.edge_evidence(&meets.edge).unwrap().is_some());

        // a replaced article takes its relation out of its frozen tier; the
        // edge's dates come from the relations left in the other tiers
        let again = article("d", "2022-01-01", "Putin praised Xi.");
        load(&mut store, &lexicon, std::slice::from_ref(&again));
        load(&mut lazy, &lexicon, std::slice::from_ref(&again));
        assert_eq!(graph(&store), graph(&lazy));
        let meets = store
            .neighbors(putin, false)
            .unwrap()
            .into_iter()
            .find(|n| n.edge.relation == "meets")
            .unwrap()
            .edge;
        assert_eq!(
            (
                meets.count,
                meets.first_date.as_deref(),
                meets.last_date.as_deref()
            ),
            (2, Some("2020-01-01"), Some("2021-01-01"))
        );
        assert_eq!(
            count(&store, "SELECT sum(count) FROM edges"),
            count(&store, "SELECT count(*) FROM relations")
        );

        // settling an empty middle tier freezes nothing
        store.settle().unwrap();
        let frozen = relation_tiers(&store);
        store.settle().unwrap();
        assert_eq!(relation_tiers(&store), frozen);
        assert_eq!(graph(&store), graph(&lazy));
    }

    #[test]
    fn dates_are_found_in_every_tier() {
        let lexicon = Lexicon::embedded().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("g.db")).unwrap();
        let dated = |id: &str, date: &str| article(id, date, "Russia attacked Ukraine.");
        load(&mut store, &lexicon, &[dated("a", "2019-01-01")]);
        assert_eq!(
            count(&store, "SELECT tier FROM article_dates"),
            NEWEST_TIER,
            "the trigger of migration 0005 writes to the newest tier"
        );
        store.settle().unwrap();
        load(&mut store, &lexicon, &[dated("b", "2020-01-01")]);
        store.merge_tier(NEWEST_TIER).unwrap();
        load(&mut store, &lexicon, &[dated("c", "2021-01-01")]);
        let mut undated = dated("d", "");
        undated.date = None;
        load(&mut store, &lexicon, &[undated]);
        let tiers: String = store
            .conn
            .query_row(
                "SELECT group_concat(tier || ':' || date, ' ') FROM (SELECT tier, date FROM article_dates ORDER BY date)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            tiers, "0:2019-01-01 2:2020-01-01 3:2021-01-01",
            "one date per dated article, in its tier"
        );
        let stats = store.stats().unwrap();
        assert_eq!(
            (stats.first_date.as_deref(), stats.last_date.as_deref()),
            (Some("2019-01-01"), Some("2021-01-01"))
        );
        let keys = |store: &Store, since: &str, until: &str| -> Vec<String> {
            let filter = RelationFilter {
                since: Some(since.into()),
                until: Some(until.into()),
                limit: 10,
                ..Default::default()
            };
            let mut keys: Vec<String> = store
                .relations(&filter)
                .unwrap()
                .into_iter()
                .map(|r| r.article)
                .collect();
            keys.sort();
            keys
        };
        assert_eq!(keys(&store, "2019-06-01", "2021-06-01"), ["b", "c"]);
        assert_eq!(keys(&store, "2018-01-01", "2020-01-01"), ["a", "b"]);

        // a replaced article's date moves; the old one is gone
        load(
            &mut store,
            &lexicon,
            &[article("a", "2022-01-01", "Russia attacked Ukraine again.")],
        );
        assert_eq!(keys(&store, "2018-01-01", "2020-01-01"), ["b"]);
        assert_eq!(keys(&store, "2022-01-01", "2022-01-01"), ["a"]);
        assert_eq!(
            store.stats().unwrap().first_date.as_deref(),
            Some("2020-01-01")
        );
        assert_eq!(count(&store, "SELECT count(*) FROM article_dates"), 3);
        store.settle().unwrap();
        assert_eq!(
            count(&store, "SELECT count(*) FROM article_dates WHERE tier = 0"),
            3
        );
        assert_eq!(keys(&store, "2020-01-01", "2022-01-01"), ["a", "b", "c"]);
        // with an actor the actor leads and the dates filter its articles
        let russia = store.resolve_actor("Russia").unwrap();
        let filter = RelationFilter {
            actor: Some(russia.id),
            since: Some("2021-01-01".into()),
            limit: 10,
            ..Default::default()
        };
        let mut since_2021: Vec<String> = store
            .relations(&filter)
            .unwrap()
            .into_iter()
            .map(|r| r.article)
            .collect();
        since_2021.sort();
        assert_eq!(since_2021, ["a", "c"]);
    }

    #[test]
    fn relations_come_in_date_order_across_tiers_walked_or_sorted() {
        let lexicon = Lexicon::embedded().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("g.db")).unwrap();
        let undated = |id: &str, text: &str| {
            let mut a = article(id, "", text);
            a.date = None;
            a
        };
        load(
            &mut store,
            &lexicon,
            &[
                article(
                    "m",
                    "2021-03-01",
                    "Russia attacked Ukraine. France condemned Russia.",
                ),
                undated("u2", "Japan praised India."),
            ],
        );
        store.settle().unwrap();
        load(
            &mut store,
            &lexicon,
            &[
                article(
                    "k",
                    "2019-05-01",
                    "China did not criticize Russia. Egypt condemned Israel.",
                ),
                article("z", "2021-03-01", "Germany praised France."),
            ],
        );
        store.merge_tier(NEWEST_TIER).unwrap();
        load(
            &mut store,
            &lexicon,
            &[
                undated("u1", "Brazil praised Argentina."),
                article(
                    "a",
                    "2020-01-01",
                    "Kenya condemned Somalia. Iran threatened Israel.",
                ),
            ],
        );
        // what one SQL sort of every relation gives
        let sorted = |negated: bool, actor: Option<i64>, category: Option<&str>| {
            store
                .conn
                .prepare(
                    "SELECT a.key, r.sentence FROM relations r JOIN articles a ON a.id = r.article_id
                     WHERE (?1 OR r.negated = 0)
                       AND (?2 IS NULL OR r.subject_id = ?2 OR r.object_id = ?2)
                       AND (?3 IS NULL OR r.category = ?3)
                     ORDER BY a.date, a.id, r.sentence, r.id",
                )
                .unwrap()
                .query_map(rusqlite::params![negated, actor, category], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
                })
                .unwrap()
                .map(Result::unwrap)
                .collect::<Vec<_>>()
        };
        let russia = store.resolve_actor("Russia").unwrap().id;
        let all = sorted(true, None, None);
        assert!(all.len() >= 8, "{all:?}");
        assert_eq!(all[0].0, "u2", "undated first, in load order");
        // walked (any actor counts as busy), and sorted after a walk that
        // gives up at once
        for (budget, min_relations) in [(read::WALK_BUDGET, 0), (1, 0)] {
            store.walk_budget = budget;
            store.walk_min_relations = min_relations;
            for include_negated in [false, true] {
                for (actor, category) in [
                    (None, None),
                    (Some(russia), None),
                    (None, Some("ASSAULT")),
                    (Some(russia), Some("ASSAULT")),
                ] {
                    let expected = sorted(include_negated, actor, category);
                    assert!(!expected.is_empty());
                    for limit in 0..=expected.len() + 1 {
                        let filter = RelationFilter {
                            actor,
                            category: category.map(str::to_string),
                            include_negated,
                            limit,
                            ..Default::default()
                        };
                        let got: Vec<(String, i64)> = store
                            .relations(&filter)
                            .unwrap()
                            .into_iter()
                            .map(|r| (r.article, r.sentence))
                            .collect();
                        assert_eq!(
                            got,
                            expected[..limit.min(expected.len())],
                            "budget {budget}, negated {include_negated}, {actor:?} {category:?}, limit {limit}"
                        );
                    }
                }
            }
        }
        let filter = RelationFilter {
            since: Some("2020-01-01".into()),
            until: Some("2021-03-01".into()),
            limit: 100,
            ..Default::default()
        };
        let keys: Vec<String> = store
            .relations(&filter)
            .unwrap()
            .into_iter()
            .map(|r| r.article)
            .collect();
        assert_eq!(keys, ["a", "a", "m", "m", "z"]);
    }

    #[test]
    fn a_version_2_database_upgrades_with_its_edges() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.db");
        {
            let conn = Connection::open(&path).unwrap();
            for (_, sql) in &MIGRATIONS[..2] {
                conn.execute_batch(sql).unwrap();
            }
            conn.execute_batch(
                "PRAGMA user_version = 2;
                 INSERT INTO articles (id, key, date, text, content_hash) VALUES (1, 'a', '2020-01-01', 't', 'h');
                 INSERT INTO actors (id, key, name, kind) VALUES (1, 'country:RUS', 'Russia', 'country'), (2, 'country:UKR', 'Ukraine', 'country');
                 INSERT INTO relations (article_id, subject_id, object_id, relation, category, weight, symmetric, negated, confidence, sentence, span_start, span_end, evidence)
                 VALUES (1, 1, 2, 'attacks', 'ASSAULT', -10, 0, 0, 0.9, 0, 0, 5, 'e'), (1, 1, 2, 'attacks', 'ASSAULT', -10, 0, 0, 0.9, 1, 6, 9, 'f');",
            )
            .unwrap();
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(store.version().unwrap(), schema_version());
        assert_eq!(
            graph(&store),
            [(
                1,
                2,
                "attacks".to_string(),
                false,
                2,
                Some("2020-01-01".into()),
                Some("2020-01-01".into())
            )]
        );
        assert_eq!(
            store.tier_sizes().unwrap(),
            [2, 0, 0, 0],
            "old relations are in tier 0"
        );
        let russia = store.resolve_actor("Russia").unwrap();
        assert_eq!(russia.relations, 2, "relation counts are computed once");
        assert_eq!(
            count(&store, "SELECT count(*) FROM article_dates WHERE tier = 0"),
            1,
            "old dates are in tier 0"
        );
        assert_eq!(
            store.stats().unwrap().first_date.as_deref(),
            Some("2020-01-01")
        );
    }
}
