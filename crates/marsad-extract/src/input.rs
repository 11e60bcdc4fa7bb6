//! Inputs as streams of pages, each page with the place a reader can resume from.
//!
//! [`crate::walk`] lists the files under the paths given, lazily and in a stable order
//! (a folder of a million pages is never listed into memory at once: one directory level
//! at a time). [`open`] turns one file into [`Pages`], an iterator of [`Item`]s: a page
//! (or the error that took its place) with its [`Pos`] and how many bytes of the file
//! have been read so far (for progress bars).
//!
//! The design decision: a position is a *seekable byte offset plus a count of items
//! after it*. A page file has one item at offset 0; a JSON Lines file counts lines from
//! offset 0; a WARC file seeks to the record (or, for a WARC.gz, the gzip member) where
//! the item starts. Opening at a [`Pos`] seeks to its offset and passes over its count of
//! items without decoding them into pages, so a caller that recorded the position after
//! its last committed item resumes exactly after it, whatever the format.
//!
//! Memory is bounded by the largest single page ([`MAX_PAGE_BYTES`]), never by a file:
//! JSON Lines and WARC are read as streams, and a longer line or record is reported and
//! passed over, not loaded.

use std::fs;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

use crate::page::{sniff, Counting, InputKind, Page, MAX_PAGE_BYTES};
pub use crate::page::{Item, Pos};
use crate::sidecar::Sidecar;
use crate::{Error, Format};

/// The items of one input, in file order.
pub struct Pages {
    inner: Box<dyn Iterator<Item = Item> + Send>,
}

impl Iterator for Pages {
    type Item = Item;
    fn next(&mut self) -> Option<Item> {
        self.inner.next()
    }
}

impl Pages {
    fn new(inner: impl Iterator<Item = Item> + Send + 'static) -> Pages {
        Pages {
            inner: Box::new(inner),
        }
    }
}

/// Opens one input for reading from `from` (`Pos::default()` for the start). A failure
/// to open is an error naming the file; failures inside it come as items.
pub fn open(path: &Path, sidecar: &Sidecar, from: Pos) -> Result<Pages, Error> {
    open_until(path, sidecar, from, None)
}

/// As [`open`], reading no further than byte `until` of the file (when given): one part
/// of a large WARC.gz, from a gzip member's start to the next part's first member (see
/// [`crate::warc::split_points`]), so that several workers share one archive. The bound
/// must fall between items, as member starts do; standard input has none.
pub fn open_until(
    path: &Path,
    sidecar: &Sidecar,
    from: Pos,
    until: Option<u64>,
) -> Result<Pages, Error> {
    let (kind, reader) = if path.as_os_str() == "-" {
        let mut r =
            BufReader::with_capacity(1 << 16, Box::new(io::stdin()) as Box<dyn Read + Send>);
        let kind = sniff_stream(&mut r).map_err(|e| Error::Io(e).with_file(path))?;
        (kind, r)
    } else {
        let kind = InputKind::from_path(path).map_or_else(|| sniff_file(path), Ok)?;
        let mut f = fs::File::open(path).map_err(|e| Error::Io(e).with_file(path))?;
        if from.offset > 0 {
            f.seek(SeekFrom::Start(from.offset))
                .map_err(|e| Error::Io(e).with_file(path))?;
        }
        let f: Box<dyn Read + Send> = match until {
            Some(end) => Box::new(f.take(end.saturating_sub(from.offset))),
            None => Box::new(f),
        };
        let r = BufReader::with_capacity(1 << 16, f);
        (kind, r)
    };
    let name = path.to_string_lossy().into_owned();
    let pages = match kind {
        InputKind::Page(format) => {
            let hints = sidecar.hints_for(path);
            Pages::new(one_page(name, format, hints, reader, path.to_path_buf()))
        }
        InputKind::Jsonl => {
            let counter = Arc::new(AtomicU64::new(0));
            let lines = BufReader::new(Counting {
                inner: reader,
                count: counter.clone(),
            });
            Pages::new(crate::jsonl::items(
                name,
                lines,
                counter,
                path.to_path_buf(),
            ))
        }
        // Lines are counted from the start of the decompressed stream (a position's
        // offset stays 0), so a resume decompresses again up to its line; progress counts
        // the compressed bytes, as the file's size does.
        InputKind::JsonlGz => {
            let counter = Arc::new(AtomicU64::new(0));
            let compressed = BufReader::new(Counting {
                inner: reader,
                count: counter.clone(),
            });
            let lines =
                BufReader::with_capacity(1 << 16, flate2::bufread::MultiGzDecoder::new(compressed));
            Pages::new(crate::jsonl::items(
                name,
                lines,
                counter,
                path.to_path_buf(),
            ))
        }
        InputKind::Warc => Pages::new(crate::warc::pages(reader, from.offset, path.to_path_buf())),
    };
    Ok(Pages::new(pages.skip_while(move |item| {
        item.pos.offset == from.offset && item.pos.index < from.index
    })))
}

fn sniff_file(path: &Path) -> Result<InputKind, Error> {
    let f = fs::File::open(path).map_err(|e| Error::Io(e).with_file(path))?;
    let mut r = BufReader::with_capacity(4096, f);
    sniff_stream(&mut r).map_err(|e| Error::Io(e).with_file(path))
}

/// What unnamed bytes are: WARC (plain or gzip), else as [`crate::page::sniff`] says.
fn sniff_stream(r: &mut impl BufRead) -> io::Result<InputKind> {
    let head = r.fill_buf()?;
    Ok(
        if head.starts_with(&[0x1f, 0x8b]) || head.starts_with(b"WARC/") {
            InputKind::Warc
        } else {
            sniff(head)
        },
    )
}

/// A page file: one item.
fn one_page(
    doc: String,
    format: Format,
    hints: crate::Hints,
    reader: impl Read,
    path: PathBuf,
) -> impl Iterator<Item = Item> {
    let size = fs::metadata(&path).ok().map(|m| m.len());
    let mut bytes = Vec::new();
    let page = match reader.take(MAX_PAGE_BYTES + 1).read_to_end(&mut bytes) {
        Err(e) => Err(Error::Io(e)),
        Ok(n) if n as u64 > MAX_PAGE_BYTES => Err(Error::TooLarge {
            size: size.unwrap_or(n as u64),
            limit: MAX_PAGE_BYTES,
        }),
        Ok(_) => Ok(Page {
            doc,
            format,
            bytes,
            hints,
            warnings: Vec::new(),
        }),
    };
    let consumed = size.unwrap_or(0);
    std::iter::once(Item {
        pos: Pos::default(),
        consumed,
        page: page.map_err(|e| e.with_file(path)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("marsad-input-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn jsonl_streams_and_resumes_after_a_position() {
        let dir = temp("jsonl");
        let long = "x".repeat(100);
        let text = format!(
            "{{\"text\":\"أ\"}}\n\n{{\"text\":\"ب\"}}\nnot json\n{{\"text\":\"{long}\"}}\n{{\"text\":\"ج\"}}"
        );
        let p = dir.join("f.jsonl");
        fs::write(&p, text).unwrap();
        let items: Vec<Item> = open(&p, &Sidecar::default(), Pos::default())
            .unwrap()
            .collect();
        let docs: Vec<String> = items
            .iter()
            .map(|i| match &i.page {
                Ok(p) => p.doc.rsplit('/').next().unwrap().to_string(),
                Err(e) => e.to_string().rsplit(": ").last().unwrap_or("").to_string(),
            })
            .collect();
        assert_eq!(docs.len(), 5);
        assert_eq!(docs[0], "f.jsonl:1");
        assert_eq!(docs[1], "f.jsonl:3");
        assert!(items[2]
            .page
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("line 4"));
        assert_eq!(
            items.last().unwrap().consumed,
            fs::metadata(&p).unwrap().len()
        );
        // Resume after the second item.
        let rest: Vec<Item> = open(&p, &Sidecar::default(), items[1].pos.next())
            .unwrap()
            .collect();
        assert_eq!(rest.len(), 3);
        assert_eq!(rest[0].pos, items[2].pos);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn gzipped_jsonl_streams_and_resumes_by_line() {
        use std::io::Write;
        let dir = temp("jsonlgz");
        let p = dir.join("corpus.jsonl.gz");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        for (i, w) in ["أ", "ب", "ج"].iter().enumerate() {
            writeln!(gz, "{{\"doc\":\"d{i}\",\"text\":\"{w}\"}}").unwrap();
        }
        fs::write(&p, gz.finish().unwrap()).unwrap();
        assert_eq!(InputKind::from_path(&p), Some(InputKind::JsonlGz));
        let items: Vec<Item> = open(&p, &Sidecar::default(), Pos::default())
            .unwrap()
            .collect();
        let docs: Vec<&str> = items
            .iter()
            .map(|i| i.page.as_ref().unwrap().doc.as_str())
            .collect();
        assert_eq!(docs, ["d0", "d1", "d2"]);
        // Progress counts the file's (compressed) bytes.
        assert_eq!(
            items.last().unwrap().consumed,
            fs::metadata(&p).unwrap().len()
        );
        let rest: Vec<Item> = open(&p, &Sidecar::default(), items[0].pos.next())
            .unwrap()
            .collect();
        assert_eq!(rest[0].page.as_ref().unwrap().doc, "d1");
        assert_eq!(rest.len(), 2);
        fs::remove_dir_all(dir).unwrap();
    }
}
