//! The I/O edge: paths and standard input → [`Page`]s, and the TSV sidecar → [`Hints`].
//!
//! Everything that touches the file system lives here, so that [`crate::extract`] stays a
//! pure function. Every failure is an [`Error`] that names the file (and the line, for
//! JSONL and TSV), and a bad file never stops the others.

use std::fs;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

pub use crate::jsonl::{parse_json_line, read_jsonl};
pub use crate::page::{sniff, InputKind, Page, MAX_PAGE_BYTES};
pub use crate::sidecar::Sidecar;
use crate::Error;

/// The files to read under `paths`, as [`crate::walk::walk`] finds them ([`crate::walk::Walk::files`]), collected.
pub fn walk(paths: &[PathBuf]) -> Vec<Result<PathBuf, Error>> {
    crate::walk::walk(paths).files().collect()
}

/// Reads one input file (or `-`) into pages. A JSONL file yields one result per line.
pub fn read(path: &Path, sidecar: &Sidecar) -> Vec<Result<Page, Error>> {
    let doc = path.to_string_lossy().into_owned();
    let bytes = match read_bounded(path) {
        Ok(b) => b,
        Err(e) => return vec![Err(e.with_file(path))],
    };
    let kind = InputKind::from_path(path).unwrap_or_else(|| sniff(&bytes));
    match kind {
        InputKind::Page(format) => {
            let hints = sidecar.hints_for(path);
            vec![Ok(Page {
                doc,
                format,
                bytes,
                hints,
                warnings: Vec::new(),
            })]
        }
        InputKind::Jsonl => read_jsonl(&doc, &bytes)
            .into_iter()
            .map(|r| r.map_err(|e| e.with_file(path)))
            .collect(),
        // A web archive is a stream of any length: read it through `input::open`, which
        // holds one record at a time. Here (a whole file in memory) it is read the same way
        // and collected, for callers that want every page at once.
        InputKind::Warc | InputKind::JsonlGz => {
            match crate::input::open(path, sidecar, Default::default()) {
                Ok(pages) => pages.map(|item| item.page).collect(),
                Err(e) => vec![Err(e)],
            }
        }
    }
}

fn read_bounded(path: &Path) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    let limit = MAX_PAGE_BYTES * 64;
    if path.as_os_str() == "-" {
        std::io::stdin()
            .lock()
            .take(limit + 1)
            .read_to_end(&mut bytes)?;
    } else {
        let f = fs::File::open(path)?;
        let size = f.metadata()?.len();
        let is_jsonl = InputKind::from_path(path) == Some(InputKind::Jsonl);
        let page_limit = if is_jsonl { limit } else { MAX_PAGE_BYTES };
        if size > page_limit {
            return Err(Error::TooLarge {
                size,
                limit: page_limit,
            });
        }
        BufReader::new(f)
            .take(page_limit + 1)
            .read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}
