//! Inputs as streams of pages, each page with the place a reader can resume from.
//!
//! [`walk`] lists the files under the paths given, lazily and in a stable order (a
//! folder of a million pages is never listed into memory at once: one directory level
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
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use crate::sources::{parse_json_line, InputKind, Page, Sidecar, MAX_PAGE_BYTES};
use crate::{Error, Format, Record};

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

/// The files to read under `paths`, in order: a file stands for itself (whatever its
/// extension), a folder for the files below it with a known extension, sorted by path
/// within each folder. `-` is standard input. A path that cannot be read comes back as
/// an error in its place.
pub fn walk(paths: &[PathBuf]) -> impl Iterator<Item = Result<PathBuf, Error>> {
    // A stack of sorted listings still to visit, each reversed so `pop` is the next one.
    let mut stack: Vec<Vec<(PathBuf, bool)>> =
        vec![paths.iter().rev().map(|p| (p.clone(), true)).collect()];
    std::iter::from_fn(move || loop {
        let level = stack.last_mut()?;
        let Some((path, given)) = level.pop() else {
            stack.pop();
            continue;
        };
        if given && path.as_os_str() == "-" {
            return Some(Ok(path));
        }
        let meta = match fs::metadata(&path) {
            Ok(m) => m,
            Err(e) if given => return Some(Err(Error::Io(e).with_file(&path))),
            Err(_) => continue, // vanished while walking
        };
        if !meta.is_dir() {
            if given || InputKind::from_path(&path).is_some() {
                return Some(Ok(path));
            }
            continue;
        }
        match fs::read_dir(&path) {
            Ok(entries) => {
                let mut children: Vec<(PathBuf, bool)> = entries
                    .filter_map(|e| e.ok().map(|e| (e.path(), false)))
                    .collect();
                children.sort_by(|a, b| b.0.cmp(&a.0));
                stack.push(children);
            }
            Err(e) => return Some(Err(Error::Io(e).with_file(&path))),
        }
    })
}

/// Opens one input for reading from `from` (`Pos::default()` for the start). A failure
/// to open is an error naming the file; failures inside it come as items.
pub fn open(path: &Path, sidecar: &Sidecar, from: Pos) -> Result<Pages, Error> {
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
        let r = BufReader::with_capacity(1 << 16, Box::new(f) as Box<dyn Read + Send>);
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
            Pages::new(jsonl(name, lines, counter, path.to_path_buf()))
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
            Pages::new(jsonl(name, lines, counter, path.to_path_buf()))
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

/// What unnamed bytes are: WARC (plain or gzip), else as [`crate::sources::sniff`] says.
fn sniff_stream(r: &mut impl BufRead) -> io::Result<InputKind> {
    let head = r.fill_buf()?;
    Ok(
        if head.starts_with(&[0x1f, 0x8b]) || head.starts_with(b"WARC/") {
            InputKind::Warc
        } else {
            crate::sources::sniff(head)
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
        }),
    };
    let consumed = size.unwrap_or(0);
    std::iter::once(Item {
        pos: Pos::default(),
        consumed,
        page: page.map_err(|e| e.with_file(path)),
    })
}

/// A JSON Lines file, read a line at a time: one item per line that is not blank.
fn jsonl(
    file: String,
    mut reader: impl BufRead + Send,
    counter: Arc<AtomicU64>,
    path: PathBuf,
) -> impl Iterator<Item = Item> {
    let mut line_no = 0usize;
    let mut index = 0u64;
    let mut buf = Vec::new();
    let mut done = false;
    std::iter::from_fn(move || loop {
        if done {
            return None;
        }
        line_no += 1;
        let at = Record::Line(line_no);
        let page = match read_line_bounded(&mut reader, &mut buf, MAX_PAGE_BYTES as usize) {
            Ok(Line::End) => return None,
            Ok(Line::Blank) => continue,
            Ok(Line::TooLong(size)) => Err(Error::TooLarge {
                size,
                limit: MAX_PAGE_BYTES,
            }
            .with_record(at)),
            Ok(Line::Text) => parse_json_line(&file, line_no, &buf),
            Err(e) => {
                done = true;
                Err(Error::Io(e).with_record(at))
            }
        };
        let item = Item {
            pos: Pos { offset: 0, index },
            consumed: counter.load(Ordering::Relaxed),
            page: page.map_err(|e| e.with_file(&path)),
        };
        index += 1;
        return Some(item);
    })
}

enum Line {
    End,
    Blank,
    Text,
    TooLong(u64),
}

/// Reads one line into `buf` (without its line feed), refusing to hold more than `limit`
/// bytes: a longer line is read through and reported by its length.
fn read_line_bounded(r: &mut impl BufRead, buf: &mut Vec<u8>, limit: usize) -> io::Result<Line> {
    buf.clear();
    let mut len: u64 = 0;
    let mut any = false;
    loop {
        let avail = r.fill_buf()?;
        if avail.is_empty() {
            break;
        }
        any = true;
        let (chunk, found) = match memchr(b'\n', avail) {
            Some(i) => (&avail[..i], Some(i + 1)),
            None => (avail, None),
        };
        len += chunk.len() as u64;
        if len <= limit as u64 {
            buf.extend_from_slice(chunk);
        }
        let used = found.unwrap_or(avail.len());
        r.consume(used);
        if found.is_some() {
            break;
        }
    }
    Ok(if !any {
        Line::End
    } else if len > limit as u64 {
        buf.clear();
        Line::TooLong(len)
    } else if buf.iter().all(u8::is_ascii_whitespace) {
        Line::Blank
    } else {
        Line::Text
    })
}

fn memchr(b: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&c| c == b)
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

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("marsad-input-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn walks_folders_in_order_lazily() {
        let dir = temp("walk");
        for f in [
            "b/2.txt",
            "b/1.html",
            "a.jsonl",
            "c.warc.gz",
            "skip.png",
            "b/c/3.txt",
        ] {
            let p = dir.join(f);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, "x").unwrap();
        }
        let got: Vec<String> = walk(&[dir.clone(), dir.join("missing")])
            .map(|r| match r {
                Ok(p) => p.strip_prefix(&dir).unwrap().display().to_string(),
                Err(e) => format!("error: {}", e.to_string().contains("missing")),
            })
            .collect();
        assert_eq!(
            got,
            [
                "a.jsonl",
                "b/1.html",
                "b/2.txt",
                "b/c/3.txt",
                "c.warc.gz",
                "error: true"
            ]
        );
        fs::remove_dir_all(dir).unwrap();
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

    #[test]
    fn a_line_over_the_limit_is_reported_not_held() {
        let input = format!("{}\nok\n", "y".repeat(50));
        let mut r = BufReader::with_capacity(8, input.as_bytes());
        let mut buf = Vec::new();
        assert!(matches!(
            read_line_bounded(&mut r, &mut buf, 10).unwrap(),
            Line::TooLong(50)
        ));
        assert!(buf.is_empty());
        assert!(matches!(
            read_line_bounded(&mut r, &mut buf, 10).unwrap(),
            Line::Text
        ));
        assert_eq!(buf, b"ok");
        assert!(matches!(
            read_line_bounded(&mut r, &mut buf, 10).unwrap(),
            Line::End
        ));
    }
}
