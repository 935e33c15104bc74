//! Stage 3 of the pipeline: the SQLite store.
//!
//! The schema lives in `migrations/NNNN_name.sql`, applied in order when a
//! database is opened for writing; `PRAGMA user_version` records how far.
//! Writes go through [`Batch`]: one transaction per batch of articles and
//! one savepoint per article, so an article is stored whole with its
//! relations or not at all, and a failure rolls back that article only.

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
}

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
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
        )
        .map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
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
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(
            |source| StoreError::Open {
                path: path.to_path_buf(),
                source,
            },
        )?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
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
        // Index inserts land all over a large database (edges by actor
        // pair, mentions by actor); with SQLite's default 2 MB page cache
        // each insert re-reads pages and a load slows down as the file
        // grows. 128 MB keeps the hot index pages of a million-article
        // database in memory, within the 500 MB budget.
        self.conn
            .pragma_update(None, "cache_size", -131_072)
            .map_err(not_geokg)?;
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

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
