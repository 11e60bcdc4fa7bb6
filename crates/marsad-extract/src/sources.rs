//! The I/O edge: paths and standard input → [`Page`]s, and the TSV sidecar → [`Hints`].
//!
//! Everything that touches the file system lives here, so that [`crate::extract`] stays a
//! pure function. Every failure is an [`Error`] that names the file (and the line, for
//! JSONL and TSV), and a bad file never stops the others.

use std::collections::HashMap;
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::{Error, Format, Hints, Record, Source};

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
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        if name.ends_with(".warc") || name.ends_with(".warc.gz") {
            return Some(InputKind::Warc);
        }
        if name.ends_with(".jsonl.gz") || name.ends_with(".ndjson.gz") {
            return Some(InputKind::JsonlGz);
        }
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(InputKind::Page(Format::Text)),
            "html" | "htm" | "xhtml" => Some(InputKind::Page(Format::Html)),
            "jsonl" | "ndjson" => Some(InputKind::Jsonl),
            _ => None,
        }
    }
}

/// Expands `paths` into the files to read: a file stands for itself (whatever its
/// extension), a folder for the files below it with a known extension, sorted by path so
/// that output order is stable. `-` is standard input. Unreadable paths come back as
/// errors in their place.
pub fn walk(paths: &[PathBuf]) -> Vec<Result<PathBuf, Error>> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Ok(p.clone()));
            continue;
        }
        match fs::metadata(p) {
            Ok(m) if m.is_dir() => walk_dir(p, &mut out),
            Ok(_) => out.push(Ok(p.clone())),
            Err(e) => out.push(Err(Error::Io(e).with_file(p))),
        }
    }
    out
}

fn walk_dir(dir: &Path, out: &mut Vec<Result<PathBuf, Error>>) {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => return out.push(Err(Error::Io(e).with_file(dir))),
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk_dir(&p, out);
        } else if InputKind::from_path(&p).is_some() {
            out.push(Ok(p));
        }
    }
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

#[derive(Deserialize)]
struct JsonPage {
    text: Option<String>,
    html: Option<String>,
    url: Option<String>,
    published: Option<String>,
    /// When the page was crawled, under the names crawlers give it.
    #[serde(
        alias = "date_extracted",
        alias = "crawled_at",
        alias = "fetched",
        alias = "scraped_at"
    )]
    crawled: Option<String>,
    title: Option<String>,
    outlet: Option<String>,
    doc: Option<String>,
    id: Option<serde_json::Value>,
}

/// Reads JSON Lines: one page per line with `text` or `html`, and optional `url`,
/// `published`, `outlet`, and `doc` or `id` (else the record is `FILE:LINE`).
pub fn read_jsonl(file: &str, bytes: &[u8]) -> Vec<Result<Page, Error>> {
    let mut out = Vec::new();
    for (n, line) in BufReader::new(bytes).split(b'\n').enumerate() {
        let line_no = n + 1;
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                out.push(Err(Error::Io(e).with_record(Record::Line(line_no))));
                break;
            }
        };
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if line.len() as u64 > MAX_PAGE_BYTES {
            out.push(Err(Error::TooLarge {
                size: line.len() as u64,
                limit: MAX_PAGE_BYTES,
            }
            .with_record(Record::Line(line_no))));
            continue;
        }
        out.push(parse_json_line(file, line_no, &line));
    }
    out
}

/// One JSON line (not blank) of `file` as a page; errors name the line.
pub fn parse_json_line(file: &str, line_no: usize, line: &[u8]) -> Result<Page, Error> {
    let at = Record::Line(line_no);
    let page: JsonPage = serde_json::from_slice(line).map_err(|e| {
        Error::Malformed {
            what: "JSON line",
            why: e.to_string(),
        }
        .with_record(at.clone())
    })?;
    let (format, body) = match (page.html, page.text) {
        (Some(h), _) => (Format::Html, h),
        (None, Some(t)) => (Format::Text, t),
        (None, None) => {
            return Err(Error::Malformed {
                what: "JSON line",
                why: "neither \"text\" nor \"html\"".into(),
            }
            .with_record(at))
        }
    };
    let id = page.id.map(|v| match v {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    });
    Ok(Page {
        doc: page
            .doc
            .or(id)
            .unwrap_or_else(|| format!("{file}:{line_no}")),
        format,
        bytes: body.into_bytes(),
        hints: Hints {
            url: page.url,
            published: page.published,
            crawled: page.crawled,
            title: page.title,
            outlet: page.outlet,
            content_type: None,
        },
    })
}

/// A crawler's TSV sidecar: a header row naming the columns `file`, `published` and
/// optionally `url` and `outlet`, then one row per page. A page matches a row by its
/// path as given or by its file name.
#[derive(Debug, Clone, Default)]
pub struct Sidecar {
    rows: HashMap<String, Hints>,
}

impl Sidecar {
    /// Reads a sidecar file.
    pub fn read(path: &Path) -> Result<Sidecar, Error> {
        let text = fs::read_to_string(path).map_err(|e| Error::Io(e).with_file(path))?;
        Sidecar::parse(&text).map_err(|e| e.with_file(path))
    }

    /// Parses sidecar text.
    pub fn parse(text: &str) -> Result<Sidecar, Error> {
        let mut lines = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty());
        let Some((_, header)) = lines.next() else {
            return Ok(Sidecar::default());
        };
        let cols: Vec<String> = header
            .split('\t')
            .map(|c| c.trim().to_ascii_lowercase())
            .collect();
        let col = |name: &str| cols.iter().position(|c| c == name);
        let file_col = col("file").ok_or_else(|| {
            Error::Malformed {
                what: "TSV header",
                why: format!("no \"file\" column in {header:?}"),
            }
            .with_record(Record::Line(1))
        })?;
        let (published, url, outlet) = (col("published"), col("url"), col("outlet"));
        let mut rows = HashMap::new();
        for (n, line) in lines {
            let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
            let get = |c: Option<usize>| {
                c.and_then(|c| cells.get(c))
                    .filter(|v| !v.is_empty())
                    .map(|v| v.to_string())
            };
            let Some(file) = get(Some(file_col)) else {
                return Err(Error::Malformed {
                    what: "TSV row",
                    why: "empty \"file\" cell".into(),
                }
                .with_record(Record::Line(n + 1)));
            };
            rows.insert(
                file,
                Hints {
                    published: get(published),
                    url: get(url),
                    outlet: get(outlet),
                    ..Hints::default()
                },
            );
        }
        Ok(Sidecar { rows })
    }

    /// The hints for a page at `path`: by the path as given, else by file name.
    pub fn hints_for(&self, path: &Path) -> Hints {
        let by_path = self.rows.get(path.to_string_lossy().as_ref());
        let by_name = || {
            path.file_name()
                .and_then(|n| self.rows.get(n.to_string_lossy().as_ref()))
        };
        by_path.or_else(by_name).cloned().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sidecar_matches_by_file_name() {
        let s = Sidecar::parse("file\tpublished\n000.txt\t2023-09-26\n004.txt\t\n").unwrap();
        assert_eq!(
            s.hints_for(Path::new("corpus/seeds/000.txt"))
                .published
                .as_deref(),
            Some("2023-09-26")
        );
        assert_eq!(s.hints_for(Path::new("004.txt")).published, None);
        assert!(Sidecar::parse("name\tpublished\n").is_err());
    }

    #[test]
    fn jsonl_reports_bad_lines_and_reads_the_rest() {
        let input = b"{\"text\": \"a\", \"url\": \"u\"}\nnot json\n\n{\"html\": \"<p>b</p>\", \"id\": 7}\n{\"url\": 1}\n";
        let pages = read_jsonl("f.jsonl", input);
        assert_eq!(pages.len(), 4);
        let first = pages[0].as_ref().unwrap();
        assert_eq!(
            (first.doc.as_str(), first.format),
            ("f.jsonl:1", Format::Text)
        );
        assert!(pages[1]
            .as_ref()
            .unwrap_err()
            .to_string()
            .starts_with("line 2: malformed JSON line"));
        assert_eq!(pages[2].as_ref().unwrap().doc, "7");
        assert!(pages[3].is_err());
    }

    #[test]
    fn sniffs_unnamed_input() {
        assert_eq!(sniff(b"  <!doctype html>"), InputKind::Page(Format::Html));
        assert_eq!(sniff(b"{\"text\":\"x\"}"), InputKind::Jsonl);
        assert_eq!(sniff("بحث".as_bytes()), InputKind::Page(Format::Text));
    }
}
