//! Errors of the readers, with the file and record they concern.

use std::fmt;
use std::path::PathBuf;

/// What went wrong with one input. The message is written for the person running
/// Marsad: it names the problem, and [`Error::WithFile`] / [`Error::WithRecord`] say
/// where.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input has no bytes, or nothing but white space.
    #[error("empty input")]
    Empty,
    /// The input looks like a binary file (NUL bytes, control characters).
    #[error("binary content ({0})")]
    Binary(String),
    /// The bytes do not decode as text in any charset we accept.
    #[error("cannot decode text: {0}")]
    Decode(String),
    /// Nothing article-like was left after extraction and cleaning.
    #[error("no article text found")]
    NoText,
    /// A JSONL line or TSV row is malformed.
    #[error("malformed {what}: {why}")]
    Malformed {
        /// What kind of record (`JSON line`, `TSV row`).
        what: &'static str,
        /// Why it was rejected.
        why: String,
    },
    /// The input is larger than the reader accepts.
    #[error("too large: {size} bytes (limit {limit})")]
    TooLarge {
        /// The input's size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// A stage panicked on this page: a bug, caught so that it costs one page, not the
    /// run. It is counted apart from bad input, and `marsad ingest` does not mark its
    /// input done past it, so that a fixed build reads the page again.
    #[error("internal error in {stage} on {doc}: please report")]
    Internal {
        /// The stage that panicked (`dates`, `events` …).
        stage: &'static str,
        /// The record's `doc`.
        doc: String,
    },
    /// Reading failed at the operating system.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// An error about a particular file.
    #[error("{}: {err}", path.display())]
    WithFile {
        /// The file.
        path: PathBuf,
        /// The cause.
        err: Box<Error>,
    },
    /// An error about one record (a JSONL line, a WARC record) of a file.
    #[error("{record}: {err}")]
    WithRecord {
        /// Where in the file: `line 12`, `record at byte 4096`.
        record: Record,
        /// The cause.
        err: Box<Error>,
    },
}

/// A place inside a multi-record file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    /// A line of a JSONL or TSV file, counted from 1.
    Line(usize),
    /// A WARC record, by the byte offset where it starts in the file (for a WARC.gz,
    /// the offset of its gzip member, as Common Crawl's indexes give it).
    Offset(u64),
}

impl fmt::Display for Record {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Record::Line(n) => write!(f, "line {n}"),
            Record::Offset(n) => write!(f, "record at byte {n}"),
        }
    }
}

impl Error {
    /// Wraps the error with the file it concerns.
    pub fn with_file(self, path: impl Into<PathBuf>) -> Error {
        Error::WithFile {
            path: path.into(),
            err: Box::new(self),
        }
    }

    /// What went wrong, in a few words, without the file or record: the key that
    /// `marsad ingest` and `extract` count skipped pages by.
    pub fn reason(&self) -> &'static str {
        match self {
            Error::Empty => "empty input",
            Error::Binary(_) => "binary content",
            Error::Decode(_) => "cannot decode text",
            Error::NoText => "no article text found",
            Error::Malformed { .. } => "malformed record",
            Error::TooLarge { .. } => "too large",
            Error::Internal { .. } => "internal error",
            Error::Io(_) => "read error",
            Error::WithFile { err, .. } | Error::WithRecord { err, .. } => err.reason(),
        }
    }

    /// Whether this is a caught panic ([`Error::Internal`]), at any depth of context: a bug
    /// in Marsad, not in the input.
    pub fn is_internal(&self) -> bool {
        match self {
            Error::Internal { .. } => true,
            Error::WithFile { err, .. } | Error::WithRecord { err, .. } => err.is_internal(),
            _ => false,
        }
    }

    /// Wraps the error with the record it concerns.
    pub fn with_record(self, record: Record) -> Error {
        Error::WithRecord {
            record,
            err: Box::new(self),
        }
    }
}
