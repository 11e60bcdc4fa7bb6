//! Inputs already read, so that a re-run skips them.
//!
//! An input is known by its path, size and modification time: a file that changed since
//! is read again from the start (its records that did not change are recognized by their
//! content hash and not stored twice). How far a file was read is a seekable byte offset
//! plus a count of records after it already done, because not every record starts where
//! a reader can seek: in a WARC.gz a reader can only start at a gzip member, and a member
//! may hold several records.

use rusqlite::{params, OptionalExtension, Transaction};

use crate::{Error, Store};

/// One input file, as it stands on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// The path, as the reader canonicalized it.
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// Modification time, in seconds (or any stable stamp the caller chooses).
    pub mtime: i64,
}

/// How far an input has been read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Resume {
    /// A byte offset the reader can seek to.
    pub offset: u64,
    /// Records after `offset` already done.
    pub skip: u64,
}

/// How far into an input the committed records reach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceProgress {
    /// The input.
    pub file: SourceFile,
    /// Where to go on from.
    pub resume: Resume,
    /// Whether every record of the input is done.
    pub complete: bool,
}

/// What the store knows of an input that has not changed since.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceState {
    /// Never read, or changed since it was.
    New,
    /// Read in part: go on from there.
    Partial(Resume),
    /// Read to the end.
    Complete,
}

impl Store {
    /// What the store knows of `file`: [`SourceState::New`] when its size or
    /// modification time differ from the ones recorded.
    pub fn source_state(&self, file: &SourceFile) -> Result<SourceState, Error> {
        let row: Option<(i64, i64, i64, i64, bool)> = self
            .conn
            .prepare_cached(
                "SELECT size, mtime, resume_offset, resume_skip, complete FROM sources WHERE path = ?1",
            )?
            .query_row([&file.path], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .optional()?;
        Ok(match row {
            Some((size, mtime, offset, skip, complete))
                if size as u64 == file.size && mtime == file.mtime =>
            {
                if complete {
                    SourceState::Complete
                } else {
                    SourceState::Partial(Resume {
                        offset: offset as u64,
                        skip: skip as u64,
                    })
                }
            }
            _ => SourceState::New,
        })
    }
}

/// Records `p` (inside a batch's transaction).
pub(crate) fn save(tx: &Transaction<'_>, p: &SourceProgress) -> Result<(), Error> {
    tx.prepare_cached(
        "INSERT INTO sources (path, size, mtime, resume_offset, resume_skip, complete)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime = excluded.mtime,
             resume_offset = excluded.resume_offset, resume_skip = excluded.resume_skip,
             complete = excluded.complete",
    )?
    .execute(params![
        p.file.path,
        p.file.size as i64,
        p.file.mtime,
        p.resume.offset as i64,
        p.resume.skip as i64,
        p.complete
    ])?;
    Ok(())
}
