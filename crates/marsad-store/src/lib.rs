//! The corpus store: document records with their entities, dates and events in one
//! SQLite file, searchable in Arabic-folded full text.
//!
//! # Brief overview
//!
//! * [`Store::open`] opens (or creates) the database, in WAL mode, and checks its layout
//!   version ([`schema`]).
//! * [`Store::commit`] writes a batch of [`Document`]s and the reading progress of the
//!   inputs they came from in **one transaction**; [`Store::insert_batch`] is the same
//!   without progress. Each record's text is identified by its [content hash](hash) (the
//!   folded words), unique in the table: a text seen again is not stored twice but kept
//!   as a *copy* (another `doc` for the same text), or recognized as already stored.
//! * [`Store::commit_with`] also saves the site-template learners ([`HostTemplate`]) the
//!   batch updated, read back by [`Store::template_counts`].
//!   [`Store::commit_prepared`] is the same for records whose hashing, signature, JSON
//!   and folding were done ahead on other threads ([`Prepared`]), so that the one
//!   writer only runs SQL.
//! * [`Store::source_state`] tells a reader how far an input was read ([`sources`]), so
//!   an interrupted ingest goes on where its last commit ended.
//! * [`Store::search`], [`Store::entities`], [`Store::events`], [`Store::documents`] and
//!   [`Store::counts`] read it back as schema types.
//!
//! The design decision: the record is stored **whole, as JSON**, beside the columns and
//! tables that SQL needs to filter, count and join (entities, mentions, dates, events,
//! actors, and the FTS5 index over folded text). Readers give back exactly the record the
//! pipeline wrote, whatever fields later stages add to it (events, stories), while
//! queries stay plain SQL. The tables are derived from the record, never the other way.
//!
//! ```
//! use marsad_schema::Document;
//! use marsad_store::Store;
//!
//! let mut store = Store::open_in_memory().unwrap();
//! let doc = Document::new("a.txt", "بحث الرئيسان الوضع في قره باغ.".to_string());
//! let report = store.insert_batch(&[doc.clone()]).unwrap();
//! assert_eq!(report.stored, 1);
//! // Ingesting the same record again adds nothing.
//! assert_eq!(store.insert_batch(&[doc]).unwrap().already, 1);
//! // Arabic-folded search: ة and ه are one letter for matching.
//! let hits = store.search("قرة باغ", 10).unwrap();
//! assert_eq!(hits[0].document.doc, "a.txt");
//! ```
#![deny(missing_docs)]

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use marsad_schema::Document;

mod desk;
pub mod hash;
mod read;
mod reader;
pub mod schema;
pub mod search;
pub mod sources;
mod write;

pub use desk::{
    event_clauses, place_counts, Counterpart, DayCount, Dialect, DocumentRow, EventFacets,
    EventFilter, FacetLookup, FacetTally, MonthCount, PlaceCount, FACET_VALUES,
};
pub use read::{
    at_least, entity_type_code, entity_type_from_code, Counts, EntitySummary, Hit, StoredEvent,
};
pub use reader::Reader;
pub use sources::{Resume, SourceFile, SourceProgress, SourceState};
pub use write::{
    compared, BatchReport, HostTemplate, Outcome, Prepared, CANDIDATES_COMPARED,
    CANDIDATES_PER_BAND,
};

/// What went wrong with the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The database could not be opened or created.
    #[error("cannot open the database {}: {err}", path.display())]
    Open {
        /// The database file.
        path: PathBuf,
        /// The cause.
        err: rusqlite::Error,
    },
    /// The database was written by a newer Marsad.
    #[error("the database has layout version {found}; this marsad reads up to {supported}")]
    Version {
        /// The version found in the file.
        found: i64,
        /// The newest version this build reads.
        supported: i64,
    },
    /// A read-only open of a database of an older layout, which only a writable open
    /// brings up to date.
    #[error(
        "{} has layout version {found}, older than this marsad's {current}: open it once for \
         writing to update it (`marsad docs --db {} --limit 1`, or an ingest into it)",
        path.display(),
        path.display()
    )]
    Outdated {
        /// The database file.
        path: PathBuf,
        /// The version found in the file.
        found: i64,
        /// The version this build writes.
        current: i64,
    },
    /// A stored value is not what this build wrote.
    #[error("the database holds an unexpected value: {what}")]
    Corrupt {
        /// What was found.
        what: String,
    },
    /// A stored record is not a valid record.
    #[error("a stored record does not read back: {0}")]
    Record(#[from] serde_json::Error),
    /// SQLite refused a statement.
    #[error("{0}")]
    Sqlite(#[from] rusqlite::Error),
    /// Another engine's error (PostgreSQL's, through [`Reader`]), or the reason a
    /// reader's callback gave for stopping.
    #[error("{0}")]
    Other(Box<dyn std::error::Error + Send + Sync>),
}

/// The SQLite store (one writer at a time; readers may run beside it).
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens the database at `path`, creating it (and its tables) when absent.
    pub fn open(path: impl AsRef<Path>) -> Result<Store, Error> {
        let path = path.as_ref();
        let conn = Connection::open(path).map_err(|err| Error::Open {
            path: path.to_path_buf(),
            err,
        })?;
        Store::init(conn).map_err(|e| match e {
            Error::Sqlite(err) => Error::Open {
                path: path.to_path_buf(),
                err,
            },
            other => other,
        })
    }

    /// A store in memory, for tests.
    pub fn open_in_memory() -> Result<Store, Error> {
        Store::init(Connection::open_in_memory()?)
    }

    fn init(conn: Connection) -> Result<Store, Error> {
        retry_busy(|| Ok(conn.execute_batch(schema::PRAGMAS)?))?;
        // Room for every statement a batch uses, so none is prepared twice.
        conn.set_prepared_statement_cache_capacity(64);
        // The bundled SQLite is built with STAT4, under which a statement whose bound
        // values might change its plan is compiled again each time they change: every
        // lookup of a content hash or a band key, a tenth of an ingest's time. The plans
        // here do not depend on the values (equality on unique or leading index columns),
        // so the planner is asked to keep them.
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )?;
        let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if found > schema::VERSION {
            return Err(Error::Version {
                found,
                supported: schema::VERSION,
            });
        }
        if found < schema::VERSION {
            retry_busy(|| Store::migrate(&conn))?;
        }
        Ok(Store { conn })
    }

    /// Brings the layout up to date. A new store gets the tables and every migration; an
    /// older one the migrations after its version. One transaction, taken with the write
    /// lock *before* the version is read again: two processes opening one new store at
    /// once (two ingests) take turns, and the second finds the work done ("duplicate
    /// column name" before). A failure leaves the store as it was.
    fn migrate(conn: &Connection) -> Result<(), Error> {
        conn.execute_batch("BEGIN IMMEDIATE")?;
        let step = || -> Result<(), Error> {
            let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            if found >= schema::VERSION {
                return Ok(());
            }
            let mut sql = String::new();
            if found == 0 {
                sql.push_str(schema::CREATE);
            }
            for (version, step) in schema::MIGRATIONS {
                if *version > found {
                    sql.push_str(step);
                }
            }
            sql.push_str(&format!("PRAGMA user_version = {};", schema::VERSION));
            conn.execute_batch(&sql)?;
            // Version 4 made a new, empty full-text index: fill it from the records.
            if found > 0 && found < 4 {
                write::rebuild_fts(conn)?;
            }
            Ok(())
        };
        match step() {
            Ok(()) => Ok(conn.execute_batch("COMMIT")?),
            Err(e) => {
                let _ = conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }
}

/// How long a writer waits for another process's lock, in all (SQLite's `busy_timeout`
/// is per attempt; some lock upgrades fail at once rather than wait).
pub(crate) const BUSY_PATIENCE: std::time::Duration = std::time::Duration::from_secs(120);

/// Whether SQLite said the database is busy or locked.
pub(crate) fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// Runs `f` again while SQLite says the database is busy or locked, for up to
/// [`BUSY_PATIENCE`].
fn retry_busy<T>(mut f: impl FnMut() -> Result<T, Error>) -> Result<T, Error> {
    let started = std::time::Instant::now();
    let mut pause = std::time::Duration::from_millis(5);
    loop {
        match f() {
            Err(Error::Sqlite(e)) if is_busy(&e) && started.elapsed() < BUSY_PATIENCE => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(std::time::Duration::from_millis(500));
            }
            other => return other,
        }
    }
}

#[cfg(test)]
mod tests;
