//! The corpus store on PostgreSQL: the same records and derived tables as the SQLite
//! store (`marsad-store`), shared by any number of `marsad ingest --worker` processes on
//! any machines that reach the database.
//!
//! # Brief overview
//!
//! * [`PgStore::connect`] opens a connection to a `postgres://` URL and creates the
//!   tables ([`schema`]) the first time, under an advisory lock so that workers starting
//!   together take turns.
//! * [`units`]: the work queue. [`PgStore::register`] adds input files as *units*;
//!   [`PgStore::claim`] gives a worker the next one (`SELECT … FOR UPDATE SKIP LOCKED`)
//!   under a lease; [`PgStore::status`] counts them.
//! * [`PgStore::commit`] writes a batch of records ([`marsad_store::Prepared`]: hash,
//!   signature and JSON done ahead in the worker's pool) together with its unit's
//!   progress and the site templates it updated, in **one transaction**, after checking
//!   that the unit is still this worker's (the lease is a fence, not a hint).
//! * [`PgStore::each_document`], [`PgStore::each_event`], [`PgStore::documents`] and
//!   [`PgStore::counts`] read it back as schema types, as the SQLite store's readers do.
//!
//! The design decision: **commits take turns, extraction does not.** Each batch's
//! transaction first takes one transaction-scoped advisory lock ([`write::WRITE_LOCK`]).
//! Extraction, the pipeline's work on each page, is nearly all of an ingest's CPU and
//! runs in every worker at once; only the SQL of a commit is serial. In exchange every
//! batch sees every batch committed before it, so the dedup decisions are the SQLite
//! store's, made in commit order: an exact copy is recognized by the unique content
//! hash (with `INSERT … ON CONFLICT` as the second line of defence), a near-duplicate by
//! the LSH band keys of the earlier documents, and two workers storing the same text at
//! the same moment can never both store it as an original. No deadlock between batches
//! is possible either (entity upserts and unique-index waits all happen under the lock).
//! What depends on timing is only *which* of two copies in different units is the
//! original: the one whose batch committed first.
//!
//! With one worker, the store holds what a SQLite ingest of the same inputs holds, record
//! for record (the tests compare `marsad export` of both).
#![deny(missing_docs)]

use postgres::{Client, NoTls};

pub mod desk;
pub mod read;
pub mod schema;
pub mod units;
pub mod write;

pub use units::{Claim, Status, UnitState};

/// What went wrong with the PostgreSQL store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The database could not be reached or refused the connection.
    #[error("cannot connect to the PostgreSQL database {url}: {err}")]
    Connect {
        /// The URL, without its password.
        url: String,
        /// The cause.
        err: postgres::Error,
    },
    /// The database was set up by a newer Marsad.
    #[error(
        "the PostgreSQL database has layout version {found}; this marsad reads up to {supported}"
    )]
    Version {
        /// The version found.
        found: i32,
        /// The newest version this build reads.
        supported: i32,
    },
    /// A read-only connection found no Marsad tables in the database.
    #[error("the PostgreSQL database {url} holds no Marsad store (ingest into it first)")]
    Empty {
        /// The URL, without its password.
        url: String,
    },
    /// A read-only connection found a layout older than this build's, which only a
    /// connection that may write brings up to date.
    #[error(
        "the PostgreSQL database {url} has layout version {found}, older than this marsad's \
         {current}: bring it up to date once with `marsad status --db URL` (which may write)"
    )]
    Outdated {
        /// The URL, without its password.
        url: String,
        /// The version found.
        found: i32,
        /// The version this build writes.
        current: i32,
    },
    /// The unit's lease passed to another worker before this batch could be committed:
    /// the batch was rolled back, and the other worker goes on from the last commit.
    #[error("unit {unit} ({path}) is no longer this worker's (its lease expired and another worker took it over)")]
    LeaseLost {
        /// The unit's id.
        unit: i64,
        /// Its input.
        path: String,
    },
    /// A stored record is not a valid record.
    #[error("a stored record does not read back: {0}")]
    Record(#[from] serde_json::Error),
    /// A stored value is not what this build wrote.
    #[error("the database holds an unexpected value: {what}")]
    Corrupt {
        /// What was found.
        what: String,
    },
    /// PostgreSQL refused a statement.
    #[error("PostgreSQL: {what}: {err}")]
    Sql {
        /// What was being done.
        what: &'static str,
        /// The cause.
        err: postgres::Error,
    },
}

impl Error {
    /// Whether the connection to the server failed or was closed (the server went away,
    /// restarted, or shut the session down), as opposed to a statement it refused: what a
    /// worker waits out and reconnects after.
    pub fn is_connection(&self) -> bool {
        use postgres::error::SqlState;
        let lost = |err: &postgres::Error| {
            err.is_closed()
                || match err.code() {
                    None => true,
                    Some(code) => [
                        SqlState::ADMIN_SHUTDOWN,
                        SqlState::CRASH_SHUTDOWN,
                        SqlState::CANNOT_CONNECT_NOW,
                        SqlState::CONNECTION_FAILURE,
                        SqlState::CONNECTION_EXCEPTION,
                    ]
                    .contains(code),
                }
        };
        match self {
            Error::Connect { .. } => true,
            Error::Sql { err, .. } => lost(err),
            _ => false,
        }
    }
}

/// Wraps a PostgreSQL error with what was being done.
pub(crate) trait Context<T> {
    fn at(self, what: &'static str) -> Result<T, Error>;
}

impl<T> Context<T> for Result<T, postgres::Error> {
    fn at(self, what: &'static str) -> Result<T, Error> {
        self.map_err(|err| Error::Sql { what, err })
    }
}

/// Whether `db` (a `--db` value) names a PostgreSQL database rather than a SQLite file.
pub fn is_url(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// `url` with any password replaced by `***`, for messages.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (auth, host) = match rest.split_once('@') {
        Some(p) => p,
        None => return url.to_string(),
    };
    match auth.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_string(),
    }
}

/// A connection to the PostgreSQL store.
pub struct PgStore {
    client: Client,
    /// The writer's statements, prepared on this connection ([`write`]).
    statements: std::collections::HashMap<&'static str, postgres::Statement>,
    /// The session's planner is set for full-text matches ([`PgStore::plan_for`]).
    matching_words: bool,
}

impl PgStore {
    /// Connects to `url` (`postgres://user@host:port/db`) and brings the tables up to
    /// date (creating them in an empty database).
    pub fn connect(url: &str) -> Result<PgStore, Error> {
        let client = Client::connect(url, NoTls).map_err(|err| Error::Connect {
            url: redact(url),
            err,
        })?;
        let mut store = PgStore {
            client,
            statements: Default::default(),
            matching_words: false,
        };
        schema::migrate(&mut store.client)?;
        Ok(store)
    }

    /// Sets the session's planner for the next query: `words` when it matches the
    /// full-text column. Such a query must find its documents through the GIN index
    /// (a bitmap scan: 1 to 31 ms on the SaudiNewsNet month, the rarest word to one in
    /// 3,642 documents). Left to itself, the planner, which does not know that testing
    /// a row means reading its `tsvector` out of TOAST (40 µs), scanned the table (1.1 s
    /// for a common word) or walked the primary key backwards testing every row until a
    /// page was found (1.1 s for a word no document has). Sequential and plain index
    /// scans are switched off for those queries only, at the session's level, and only
    /// when the kind of query changes (one statement, then none while it does not).
    pub(crate) fn plan_for(&mut self, words: bool) -> Result<(), Error> {
        if words != self.matching_words {
            let set = if words { "off" } else { "on" };
            self.client
                .batch_execute(&format!(
                    "SET enable_seqscan = {set}; SET enable_indexscan = {set}"
                ))
                .at("setting the planner for full-text search")?;
            self.matching_words = words;
        }
        Ok(())
    }

    /// The connection, its planner set for a query that matches the full-text column
    /// (`words`) or not ([`PgStore::plan_for`]): every reader's query goes through it.
    pub(crate) fn sql(&mut self, words: bool) -> Result<&mut Client, Error> {
        self.plan_for(words)?;
        Ok(&mut self.client)
    }

    /// Connects to `url` for reading only (`marsad serve`): every transaction of the
    /// session is read-only, so nothing this connection runs can change the store, and
    /// the tables are checked, not created or upgraded.
    pub fn connect_read_only(url: &str) -> Result<PgStore, Error> {
        let mut client = Client::connect(url, NoTls).map_err(|err| Error::Connect {
            url: redact(url),
            err,
        })?;
        client
            .batch_execute("SET default_transaction_read_only = on")
            .at("making the session read-only")?;
        match schema::version(&mut client)? {
            None => Err(Error::Empty { url: redact(url) }),
            Some(v) if v > schema::VERSION => Err(Error::Version {
                found: v,
                supported: schema::VERSION,
            }),
            Some(v) if v < schema::VERSION => Err(Error::Outdated {
                url: redact(url),
                found: v,
                current: schema::VERSION,
            }),
            Some(_) => Ok(PgStore {
                client,
                statements: Default::default(),
                matching_words: false,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_told_from_paths_and_passwords_kept_out_of_messages() {
        assert!(is_url("postgres://marsad@db.example/news"));
        assert!(is_url("postgresql://localhost/news"));
        assert!(!is_url("news.db"));
        assert!(!is_url("./postgres://x"));
        assert_eq!(
            redact("postgres://marsad:secret@db.example:5432/news"),
            "postgres://marsad:***@db.example:5432/news"
        );
        assert_eq!(
            redact("postgres://marsad@db/news"),
            "postgres://marsad@db/news"
        );
    }
}

#[cfg(test)]
mod db_tests;
