//! The input side of the driver: paths → files → items, in input order and in bounded
//! batches.
//!
//! [`Feed`] walks the paths lazily and opens one file at a time, asking the caller
//! where to start in each ([`Start`]): `extract` always starts at the beginning; `ingest`
//! asks its store, which may say the file is done (skip it) or how far it was read.
//! Batches hold at most a given number of pages and bytes, so memory stays bounded
//! whatever the size of the inputs.

use std::path::PathBuf;
use std::sync::Arc;

use marsad_extract::input::{self, Pages};
use marsad_extract::page::{InputKind, Item, Pos};
use marsad_extract::sidecar::Sidecar;
use marsad_extract::walk::{Walk, Walked};
use marsad_extract::{Error, Record};

/// One input file.
#[derive(Debug)]
pub struct FileInfo {
    /// The path as given or found by the walk.
    pub path: PathBuf,
    /// The path made absolute (symbolic links resolved): how a store knows the file
    /// again, whatever the working directory of the next run.
    pub key: String,
    /// Whether its items are records of a multi-record file (JSONL, WARC), whose errors
    /// name the record.
    pub kind: Option<InputKind>,
    /// Size in bytes (0 for standard input).
    pub size: u64,
    /// Modification time in seconds since the epoch (0 when unknown).
    pub mtime: i64,
}

impl FileInfo {
    /// What the pipeline needs to know of the input at `path`.
    pub fn new(path: PathBuf) -> FileInfo {
        let meta = std::fs::metadata(&path).ok();
        let mtime = meta
            .as_ref()
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_secs() as i64);
        let key = std::fs::canonicalize(&path)
            .unwrap_or_else(|_| path.clone())
            .to_string_lossy()
            .into_owned();
        FileInfo {
            key,
            kind: InputKind::from_path(&path),
            size: meta.map_or(0, |m| m.len()),
            mtime,
            path,
        }
    }

    /// Whether this is standard input (which cannot be resumed).
    pub fn is_stdin(&self) -> bool {
        self.path.as_os_str() == "-"
    }

    /// Puts a pipeline error about an item of this file in context: for a WARC record,
    /// the file and the record's offset (the page's URL is in the error already).
    pub fn locate(&self, pos: Pos, err: Error) -> Error {
        match self.kind {
            Some(InputKind::Warc) => err
                .with_record(Record::Offset(pos.offset))
                .with_file(&self.path),
            _ => err,
        }
    }
}

/// Where to read a file from.
pub enum Start {
    /// From this position (`Pos::default()`: the beginning).
    At(Pos),
    /// From this position to this byte offset: a part of a large WARC.gz that is a unit
    /// of work of its own (`marsad_extract::warc::split_points`).
    Until(Pos, u64),
    /// Not at all: it is done.
    Skip,
}

/// What the feed produces, in input order.
// Nearly every event is an item: boxing it would cost an allocation per page for nothing.
#[allow(clippy::large_enum_variant)]
pub enum Event {
    /// A page (or the error in its place) of `file`.
    Item(Arc<FileInfo>, Item),
    /// Every item of `file` has been produced.
    End(Arc<FileInfo>),
    /// A file passed over because it is done.
    Skipped,
    /// A path that could not be listed or opened.
    Bad(Error),
    /// A path the walk passed over (a symbolic link out of the folder or to a folder, a
    /// FIFO), with why: a warning, not a skipped page.
    Passed(String),
}

impl Event {
    /// The warning to print for a path passed over.
    pub fn passed(&self) -> Option<&str> {
        match self {
            Event::Passed(w) => Some(w),
            _ => None,
        }
    }
}

/// Paths → events, lazily.
pub struct Feed<'s> {
    files: Walk,
    sidecar: &'s Sidecar,
    current: Option<(Arc<FileInfo>, Pages)>,
}

impl<'s> Feed<'s> {
    /// A feed over `paths` (files, folders, `-`).
    pub fn new(paths: &[PathBuf], sidecar: &'s Sidecar) -> Feed<'s> {
        Feed {
            files: marsad_extract::walk::walk(paths),
            sidecar,
            current: None,
        }
    }

    /// The next events, up to `max_pages` items or about `max_bytes` of page bytes,
    /// asking `start` where to begin each new file. Empty when the inputs are exhausted.
    /// An error of `start` (a store that cannot be read) ends the batch and is returned.
    pub fn batch<E>(
        &mut self,
        max_pages: usize,
        max_bytes: usize,
        start: &mut dyn FnMut(&FileInfo) -> Result<Start, E>,
    ) -> Result<Vec<Event>, E> {
        let mut out = Vec::new();
        let (mut pages, mut bytes) = (0usize, 0usize);
        while pages < max_pages && bytes < max_bytes {
            let Some((file, open)) = &mut self.current else {
                match self.files.next() {
                    None => break,
                    Some(Walked::Failed(e)) => out.push(Event::Bad(e)),
                    Some(Walked::Passed(path, why)) => {
                        out.push(Event::Passed(format!("{}: {why}", path.display())))
                    }
                    Some(Walked::File(path)) => {
                        let file = Arc::new(FileInfo::new(path));
                        match start(&file)? {
                            Start::Skip => out.push(Event::Skipped),
                            Start::At(pos) => match input::open(&file.path, self.sidecar, pos) {
                                Ok(p) => self.current = Some((file, p)),
                                Err(e) => out.push(Event::Bad(e)),
                            },
                            Start::Until(pos, end) => {
                                match input::open_until(&file.path, self.sidecar, pos, Some(end)) {
                                    Ok(p) => self.current = Some((file, p)),
                                    Err(e) => out.push(Event::Bad(e)),
                                }
                            }
                        }
                    }
                }
                continue;
            };
            match open.next() {
                Some(item) => {
                    pages += 1;
                    bytes += item.page.as_ref().map_or(0, |p| p.bytes.len());
                    out.push(Event::Item(file.clone(), item));
                }
                None => {
                    out.push(Event::End(file.clone()));
                    self.current = None;
                }
            }
        }
        Ok(out)
    }
}
