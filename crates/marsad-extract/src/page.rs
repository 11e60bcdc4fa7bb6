//! What every reader yields: a [`Page`] with the [`Pos`] it can be resumed from, and
//! the kinds of input ([`InputKind`]) by file name or by sniffing.
//!
//! The readers (`jsonl`, `warc`, the one-page files of [`crate::input`]) depend on this
//! module and on nothing else of each other's.

use std::io::{self, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use crate::{Error, Format, Hints, Source};

/// Pages larger than this are refused: no news article is 16 MiB of text, and a file
/// that size is a dump, a binary or a scraping accident.
pub const MAX_PAGE_BYTES: u64 = 16 << 20;

/// One page read from an input, owning its bytes.
#[derive(Debug, Clone)]
pub struct Page {
    /// The record's `doc`.
    pub doc: String,
    /// Text or HTML.
    pub format: Format,
    /// The raw bytes.
    pub bytes: Vec<u8>,
    /// Crawler metadata.
    pub hints: Hints,
    /// What the reader noticed and decided about the page (a JSON Lines record with
    /// both `text` and `html`), for the caller to print as warnings.
    pub warnings: Vec<String>,
}

impl Page {
    /// The page as a [`Source`] for [`crate::extract`].
    pub fn source(&self) -> Source<'_> {
        Source::new(
            self.doc.clone(),
            self.format,
            &self.bytes,
            self.hints.clone(),
        )
    }
}

/// What kind of file an input is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// One page.
    Page(Format),
    /// One page per line (JSON Lines).
    Jsonl,
    /// JSON Lines compressed with gzip (`.jsonl.gz`), as corpora are shipped: read as a
    /// stream through the decoder, resumed by counting lines again.
    JsonlGz,
    /// Web archive records (`.warc`, or `.warc.gz` as Common Crawl ships it): the HTTP
    /// responses are the pages.
    Warc,
}

impl InputKind {
    /// The kind a file name's extension says, if it is one Marsad reads.
    pub fn from_path(path: &Path) -> Option<InputKind> {
        // Lossy: a name that is not UTF-8 is read like any other.
        let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
        if name.ends_with(".warc") || name.ends_with(".warc.gz") {
            return Some(InputKind::Warc);
        }
        if name.ends_with(".jsonl.gz") || name.ends_with(".ndjson.gz") {
            return Some(InputKind::JsonlGz);
        }
        let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(InputKind::Page(Format::Text)),
            "html" | "htm" | "xhtml" => Some(InputKind::Page(Format::Html)),
            "jsonl" | "ndjson" => Some(InputKind::Jsonl),
            _ => None,
        }
    }
}

/// Guesses what unnamed bytes are: JSON Lines if the first line is a JSON object, HTML if
/// markup opens the document, text otherwise.
pub fn sniff(bytes: &[u8]) -> InputKind {
    let head = &bytes[..bytes.len().min(1024)];
    let head = String::from_utf8_lossy(head);
    let start = head.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with('{') {
        InputKind::Jsonl
    } else if start.starts_with('<') {
        InputKind::Page(Format::Html)
    } else {
        InputKind::Page(Format::Text)
    }
}

/// Where an item stands in its file: a byte offset a reader can seek to, and the number
/// of items between that offset and this item.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Pos {
    /// A byte offset of the file where reading can start.
    pub offset: u64,
    /// Items after `offset` before this one.
    pub index: u64,
}

impl Pos {
    /// The position just after this item: where a re-run goes on from once it is done.
    pub fn next(self) -> Pos {
        Pos {
            offset: self.offset,
            index: self.index + 1,
        }
    }
}

/// One item of an input: a page, or the error in its place.
#[derive(Debug)]
pub struct Item {
    /// Where it stands.
    pub pos: Pos,
    /// Bytes of the file read so far (compressed bytes, for a WARC.gz).
    pub consumed: u64,
    /// The page, or why there is none.
    pub page: Result<Page, Error>,
}

/// A reader that counts the bytes it hands out.
pub(crate) struct Counting<R> {
    pub(crate) inner: R,
    pub(crate) count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_unnamed_input() {
        assert_eq!(sniff(b"  <!doctype html>"), InputKind::Page(Format::Html));
        assert_eq!(sniff(b"{\"text\":\"x\"}"), InputKind::Jsonl);
        assert_eq!(sniff("بحث".as_bytes()), InputKind::Page(Format::Text));
    }
}
