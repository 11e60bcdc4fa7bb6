//! Web archives: WARC and WARC.gz records as a stream, their HTTP responses as pages.
//!
//! [`Reader`] reads WARC records one at a time from any [`BufRead`], plain or gzip. A
//! WARC.gz as Common Crawl ships it is a series of gzip members, one record each; the
//! reader decodes member by member (flate2's `bufread::GzDecoder`, which stops exactly at
//! a member's end) and counts the compressed bytes it has consumed, so every record
//! carries the byte offset of its member: the offset Common Crawl's indexes give, the
//! offset a report can name, and an offset a later run can seek to. A file gzipped whole
//! (one member) reads the same way; its records then share the member's offset and are
//! told apart by their index within it.
//!
//! The reader is written by hand rather than with the `warc` crate because it has to do
//! three things that crate does not: give each record its compressed offset, refuse a
//! record larger than a page can be *without* allocating it (its block is read through
//! and dropped), and go on after a bad record — a wrong `Content-Length` (the bytes after
//! the block do not start a record), a truncated or corrupt gzip member (the reader looks
//! for the next gzip header and goes on from there), a header that is not WARC.
//!
//! [`pages`] keeps the `response` records and reads their HTTP message: status line,
//! headers (the `Content-Type` with its charset goes to the decoder), chunked transfer
//! coding and gzip or deflate content coding undone. `WARC-Target-URI` is the page's
//! `doc` and `url`; `WARC-Date` is when it was *crawled*, which says nothing of when it
//! was published, so it is not used as a date. Request, metadata and warcinfo records
//! are passed over without a word; a response that is not a text page (an image, a PDF,
//! a redirect) is reported and skipped.

use std::io::{self, BufRead, BufReader, Read};
use std::ops::ControlFlow::{self, Break, Continue};
use std::path::PathBuf;

use flate2::bufread::{GzDecoder, MultiGzDecoder};

use crate::page::{Item, Page, Pos, MAX_PAGE_BYTES};
use crate::{Error, Format, Hints, Record as At};

/// Longest WARC or HTTP header line kept.
const MAX_LINE: usize = 64 << 10;
/// Most header lines in one WARC or HTTP header.
const MAX_HEADERS: usize = 256;
/// Largest record block read into memory: a page plus its HTTP headers.
const MAX_BLOCK: u64 = MAX_PAGE_BYTES + (256 << 10);

/// The header fields of a WARC record or an HTTP message, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Headers(pub Vec<(String, String)>);

impl Headers {
    /// The first value of the field `name` (case-insensitive), trimmed.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim())
    }
}

/// One WARC record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Byte offset in the file of the record (of its gzip member, in a WARC.gz).
    pub offset: u64,
    /// The record's header fields.
    pub headers: Headers,
    /// The record's block (for a response, the HTTP message).
    pub block: Vec<u8>,
}

/// A bad record: where it starts and what is wrong.
#[derive(Debug)]
pub struct Bad {
    /// Byte offset in the file of the record (of its gzip member, in a WARC.gz).
    pub offset: u64,
    /// What is wrong.
    pub error: Error,
}

/// A [`BufRead`] that counts the bytes consumed through it.
struct Tell<R> {
    inner: R,
    pos: u64,
}

impl<R: BufRead> Read for Tell<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Tell<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, n: usize) {
        self.pos += n as u64;
        self.inner.consume(n);
    }
}

enum State<R: BufRead> {
    /// Not yet known whether gzip or plain.
    Start(Tell<R>),
    /// A plain WARC.
    Plain(Tell<R>),
    /// A WARC.gz, between members.
    Between(Tell<R>),
    /// Inside the gzip member that starts at `offset`.
    Member {
        r: Box<BufReader<GzDecoder<Tell<R>>>>,
        offset: u64,
    },
    /// Finished.
    Done,
}

/// WARC records from a plain or gzip stream. Yields each record or the [`Bad`] one in
/// its place; never more than one record block ([`MAX_BLOCK`]) in memory.
pub struct Reader<R: BufRead> {
    state: State<R>,
    base: u64,
    /// After a corrupt gzip member: members that fail while looking for the next good
    /// one are not reported again.
    resyncing: bool,
}

impl<R: BufRead> Reader<R> {
    /// Reads from `inner`, whose first byte is at offset `base` of the file.
    pub fn new(inner: R, base: u64) -> Reader<R> {
        Reader {
            state: State::Start(Tell { inner, pos: 0 }),
            base,
            resyncing: false,
        }
    }

    /// Bytes of the input consumed so far, counted from the file's start.
    pub fn position(&self) -> u64 {
        self.base
            + match &self.state {
                State::Start(t) | State::Plain(t) | State::Between(t) => t.pos,
                State::Member { r, .. } => r.get_ref().get_ref().pos,
                State::Done => 0,
            }
    }
}

/// Where to cut a WARC.gz of `size` bytes into parts of about `every` bytes, so that
/// several workers can share one archive: the offsets, in increasing order, of the gzip
/// members that open the second part, the third, and so on (none for a file smaller than
/// `every`, a plain WARC, or an archive without a member start past a cut).
///
/// A member start is found without reading the archive up to it: from each multiple of
/// `every`, the first gzip header (`1f 8b 08`) whose member inflates to a record's first
/// bytes (`WARC/1.`). Compressed bytes can look like a header by chance, but not also
/// inflate into a WARC version line; and since every record of a WARC.gz is a member of
/// its own (as crawlers write them), every part starts at a record. Cost: one window read
/// per cut, whatever the archive's size.
pub fn split_points(path: &std::path::Path, every: u64) -> io::Result<Vec<u64>> {
    use std::io::{Seek, SeekFrom};
    let mut f = std::fs::File::open(path)?;
    let size = f.metadata()?.len();
    let mut magic = [0u8; 2];
    if f.read_exact(&mut magic).is_err() || magic != [0x1f, 0x8b] || every == 0 {
        return Ok(Vec::new());
    }
    let is_member = |at: u64| -> bool {
        let Ok(mut g) = std::fs::File::open(path) else {
            return false;
        };
        if g.seek(SeekFrom::Start(at)).is_err() {
            return false;
        }
        let mut head = [0u8; 7];
        let mut z = flate2::read::GzDecoder::new(g);
        z.read_exact(&mut head).is_ok() && &head == b"WARC/1."
    };
    let mut cuts: Vec<u64> = Vec::new();
    let mut window = vec![0u8; 1 << 16];
    let mut target = every;
    'cuts: while target < size {
        let mut at = target;
        while at < size {
            f.seek(SeekFrom::Start(at))?;
            let n = f.read(&mut window)?;
            if n < 3 {
                break 'cuts;
            }
            let found = window[..n]
                .windows(3)
                .enumerate()
                .filter(|(_, w)| *w == [0x1f, 0x8b, 0x08])
                .map(|(i, _)| at + i as u64)
                .find(|&c| is_member(c));
            if let Some(c) = found {
                cuts.push(c);
                target = c + every;
                continue 'cuts;
            }
            // The next window overlaps by two bytes, so that no header is cut in two.
            at += n as u64 - 2;
        }
        break;
    }
    Ok(cuts)
}

/// What went wrong reading one record.
enum RecErr {
    /// The stream failed (for gzip: the member is truncated or corrupt).
    Io(io::Error),
    /// The record is bad, and the stream stands right after it.
    Bad(Error),
    /// The record is bad and its end is unknown.
    Lost(Error),
}

impl From<io::Error> for RecErr {
    fn from(e: io::Error) -> RecErr {
        RecErr::Io(e)
    }
}

fn malformed(why: impl Into<String>) -> Error {
    Error::Malformed {
        what: "WARC record",
        why: why.into(),
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Result<Record, Bad>;

    /// One state of the reader after another until one gives a record, a bad record or
    /// the end: [`State`] says where in the stream it stands, and each state has its step.
    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let step = match std::mem::replace(&mut self.state, State::Done) {
                State::Done => return None,
                State::Start(t) => self.start(t),
                State::Plain(t) => self.plain(t),
                State::Between(t) => self.between(t),
                State::Member { r, offset } => self.member(r, offset),
            };
            if let Break(item) = step {
                return item;
            }
        }
    }
}

/// What one step of the reader gives: an item (or the end) to return, or `Continue` when
/// it only moved to another state.
type Step = ControlFlow<Option<Result<Record, Bad>>>;

impl<R: BufRead> Reader<R> {
    /// The first bytes say whether the stream is gzip or plain.
    fn start(&mut self, mut t: Tell<R>) -> Step {
        let head = match t.fill_buf() {
            Ok(h) => h,
            Err(e) => return Break(Some(Err(self.bad(0, Error::Io(e))))),
        };
        self.state = if gzip_starts(head) {
            State::Between(t)
        } else {
            State::Plain(t)
        };
        Continue(())
    }

    /// A plain WARC: the next record, or after a bad one the next line that opens one.
    fn plain(&mut self, mut t: Tell<R>) -> Step {
        if let Err(e) = skip_newlines(&mut t) {
            return Break(Some(Err(self.bad(t.pos, Error::Io(e)))));
        }
        let offset = self.base + t.pos;
        let outcome = read_record(&mut t).and_then(|rec| match rec {
            Some(rec) => check_follows(&mut t).map(|()| Some(rec)),
            None => Ok(None),
        });
        let item = match outcome {
            Ok(None) => return Break(None),
            Ok(Some((headers, block))) => {
                self.state = State::Plain(t);
                Ok(Record {
                    offset,
                    headers,
                    block,
                })
            }
            Err(RecErr::Bad(e)) => {
                self.state = State::Plain(t);
                Err(Bad { offset, error: e })
            }
            Err(RecErr::Lost(e)) => {
                // Go on at the next line that opens a record.
                if resync_plain(&mut t).is_ok() {
                    self.state = State::Plain(t);
                }
                Err(Bad { offset, error: e })
            }
            Err(RecErr::Io(e)) => Err(Bad {
                offset,
                error: Error::Io(e),
            }),
        };
        Break(Some(item))
    }

    /// A WARC.gz between members: a gzip header opens the next member; anything else is
    /// reported once and passed over up to the next header.
    fn between(&mut self, mut t: Tell<R>) -> Step {
        let offset = self.base + t.pos;
        let head = match t.fill_buf() {
            Ok(h) => h,
            Err(e) => {
                return Break(Some(Err(Bad {
                    offset,
                    error: Error::Io(e),
                })))
            }
        };
        if head.is_empty() {
            return Break(None);
        }
        if !gzip_starts(head) {
            // Not a gzip member where one should start.
            let report = !self.resyncing;
            self.resyncing = true;
            t.consume(1);
            if find_gzip_header(&mut t).is_ok() {
                self.state = State::Between(t);
            }
            if report {
                return Break(Some(Err(Bad {
                    offset,
                    error: Error::Malformed {
                        what: "gzip member",
                        why: "no gzip header where a member should start".into(),
                    },
                })));
            }
            return Continue(());
        }
        self.state = State::Member {
            r: Box::new(BufReader::with_capacity(1 << 16, GzDecoder::new(t))),
            offset,
        };
        Continue(())
    }

    /// Inside a gzip member: its next record; at its end, the next member; on a bad
    /// record, the rest of the member dropped; on a truncated or corrupt member, the next
    /// gzip header looked for.
    fn member(&mut self, mut r: Box<BufReader<GzDecoder<Tell<R>>>>, offset: u64) -> Step {
        let outcome = match skip_newlines(&mut r) {
            Err(e) => Err(RecErr::Io(e)),
            Ok(()) => read_record(&mut r).and_then(|rec| match rec {
                Some(rec) => check_follows(&mut r).map(|()| Some(rec)),
                None => Ok(None),
            }),
        };
        match outcome {
            Ok(None) => {
                // The member is done: the next one starts right after it.
                self.resyncing = false;
                self.state = State::Between((*r).into_inner().into_inner());
            }
            Ok(Some((headers, block))) => {
                self.resyncing = false;
                self.state = State::Member { r, offset };
                return Break(Some(Ok(Record {
                    offset,
                    headers,
                    block,
                })));
            }
            Err(RecErr::Bad(e)) => {
                self.state = State::Member { r, offset };
                return Break(Some(Err(Bad { offset, error: e })));
            }
            Err(RecErr::Lost(e)) => {
                // The rest of this member cannot be read as records: drop it.
                let drained = io::copy(&mut *r, &mut io::sink());
                let mut t = (*r).into_inner().into_inner();
                if drained.is_err() && find_gzip_header(&mut t).is_err() {
                    return Break(Some(Err(Bad { offset, error: e })));
                }
                self.state = State::Between(t);
                return Break(Some(Err(Bad { offset, error: e })));
            }
            Err(RecErr::Io(e)) => {
                // A truncated or corrupt member: look for the next one.
                let report = !self.resyncing;
                self.resyncing = true;
                let mut t = (*r).into_inner().into_inner();
                if t.pos == offset - self.base {
                    t.consume(1);
                }
                if find_gzip_header(&mut t).is_ok() {
                    self.state = State::Between(t);
                }
                if report {
                    let why = if e.kind() == io::ErrorKind::UnexpectedEof {
                        "truncated".to_string()
                    } else {
                        format!("corrupt ({e})")
                    };
                    return Break(Some(Err(Bad {
                        offset,
                        error: Error::Malformed {
                            what: "gzip member",
                            why,
                        },
                    })));
                }
            }
        }
        Continue(())
    }
}

impl<R: BufRead> Reader<R> {
    fn bad(&self, pos: u64, error: Error) -> Bad {
        Bad {
            offset: self.base + pos,
            error,
        }
    }
}

/// Consumes the line feeds and carriage returns that separate records.
fn skip_newlines(r: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        let n = buf
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count();
        let all = n == buf.len();
        r.consume(n);
        if !all {
            return Ok(());
        }
    }
}

/// Consumes bytes up to the next gzip header (`1f 8b 08`); `Err` at the end of input.
/// Whether buffered bytes `head` (not empty) open a gzip member. A buffer may end one
/// byte into the magic number (one member in 8,192 of a file read through an 8 KiB
/// buffer did, and was reported as bad): a lone 0x1f at its end is taken as a start, and
/// the decoder then checks the whole header.
fn gzip_starts(head: &[u8]) -> bool {
    head.starts_with(&[0x1f, 0x8b]) || head == [0x1f]
}

fn find_gzip_header(r: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buf = r.fill_buf()?;
        if buf.len() < 3 {
            if buf.is_empty() {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            // Too few bytes left to hold a header (a header split across two buffer
            // fills is missed; the member after it is found instead).
            let n = buf.len();
            r.consume(n);
            continue;
        }
        match buf.windows(3).position(|w| w == [0x1f, 0x8b, 0x08]) {
            Some(i) => {
                r.consume(i);
                return Ok(());
            }
            None => {
                let n = buf.len() - 2;
                r.consume(n);
            }
        }
    }
}

/// In a plain WARC after a bad record: consumes lines up to one that opens a record.
fn resync_plain(r: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() || buf.starts_with(b"WARC/") {
            return Ok(());
        }
        let n = buf
            .iter()
            .position(|&b| b == b'\n')
            .map_or(buf.len(), |i| i + 1);
        r.consume(n);
    }
}

/// After a record's block: what follows must be the end of the stream (of the member)
/// or the next record. Anything else means the `Content-Length` was wrong.
fn check_follows(r: &mut impl BufRead) -> Result<(), RecErr> {
    skip_newlines(r)?;
    let next = r.fill_buf()?;
    if next.is_empty() || next.starts_with(b"WARC/") {
        Ok(())
    } else {
        Err(RecErr::Lost(malformed(
            "the bytes after its block do not start a record: its Content-Length is wrong",
        )))
    }
}

/// Reads one line, without its line end, refusing more than `limit` bytes. `None` at
/// the end of the stream.
fn read_line(r: &mut impl BufRead, limit: usize) -> Result<Option<String>, RecErr> {
    let mut line = Vec::new();
    let n = r.take(limit as u64 + 1).read_until(b'\n', &mut line)?;
    if n == 0 {
        return Ok(None);
    }
    if line.len() > limit {
        return Err(RecErr::Lost(malformed(format!(
            "a header line longer than {limit} bytes"
        ))));
    }
    while line.last().is_some_and(|&b| b == b'\n' || b == b'\r') {
        line.pop();
    }
    Ok(Some(String::from_utf8_lossy(&line).into_owned()))
}

/// Reads header lines up to the blank line that ends them.
fn read_headers(r: &mut impl BufRead) -> Result<Headers, RecErr> {
    let mut headers: Vec<(String, String)> = Vec::new();
    loop {
        let Some(line) = read_line(r, MAX_LINE)? else {
            return Err(RecErr::Lost(malformed("the input ends inside its header")));
        };
        if line.is_empty() {
            return Ok(Headers(headers));
        }
        if line.starts_with([' ', '\t']) {
            if let Some(last) = headers.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
            continue;
        }
        let Some((k, v)) = line.split_once(':') else {
            return Err(RecErr::Lost(malformed(format!(
                "a header line without a colon: {:?}",
                line.chars().take(60).collect::<String>()
            ))));
        };
        if headers.len() == MAX_HEADERS {
            return Err(RecErr::Lost(malformed("too many header lines")));
        }
        headers.push((k.trim().to_string(), v.trim().to_string()));
    }
}

/// Reads one record (the stream stands at its version line, or at the end).
fn read_record(r: &mut impl BufRead) -> Result<Option<(Headers, Vec<u8>)>, RecErr> {
    let Some(version) = read_line(r, 64)? else {
        return Ok(None);
    };
    if !version.starts_with("WARC/") {
        return Err(RecErr::Lost(malformed(format!(
            "no WARC version line (found {:?})",
            version.chars().take(40).collect::<String>()
        ))));
    }
    let headers = read_headers(r)?;
    let len: u64 = headers
        .get("Content-Length")
        .ok_or_else(|| RecErr::Lost(malformed("no Content-Length")))?
        .parse()
        .map_err(|_| RecErr::Lost(malformed("a Content-Length that is not a number")))?;
    if len > MAX_BLOCK {
        // Read through, never held.
        let skipped = io::copy(&mut r.take(len), &mut io::sink())?;
        return Err(if skipped < len {
            RecErr::Lost(malformed(format!(
                "Content-Length is {len} but the input ends after {skipped} bytes"
            )))
        } else {
            RecErr::Bad(Error::TooLarge {
                size: len,
                limit: MAX_BLOCK,
            })
        });
    }
    let mut block = Vec::with_capacity(len as usize);
    r.take(len).read_to_end(&mut block)?;
    if (block.len() as u64) < len {
        return Err(RecErr::Bad(malformed(format!(
            "Content-Length is {len} but the record ends after {} bytes",
            block.len()
        ))));
    }
    Ok(Some((headers, block)))
}

/// The pages of a WARC stream whose first byte is at `base` in the file, as input
/// items (see [`crate::input`]): one per `response` record with an HTTP message, and one
/// per bad record.
pub(crate) fn pages<R: BufRead + Send + 'static>(
    reader: R,
    base: u64,
    path: PathBuf,
) -> impl Iterator<Item = Item> + Send {
    let mut records = Reader::new(reader, base);
    let mut last = Pos {
        offset: u64::MAX,
        index: 0,
    };
    std::iter::from_fn(move || loop {
        let (offset, page) = match records.next()? {
            Ok(rec) => match response_page(&rec) {
                None => continue,
                Some(page) => (rec.offset, page),
            },
            Err(bad) => (bad.offset, Err(bad.error)),
        };
        let pos = if offset == last.offset {
            last.next()
        } else {
            Pos { offset, index: 0 }
        };
        last = pos;
        return Some(Item {
            pos,
            consumed: records.position(),
            page: page.map_err(|e| e.with_record(At::Offset(offset)).with_file(&path)),
        });
    })
}

/// The page in a `response` record, `None` for other records (requests, metadata,
/// warcinfo, DNS lookups).
pub fn response_page(rec: &Record) -> Option<Result<Page, Error>> {
    let kind = rec.headers.get("WARC-Type")?;
    if !kind.eq_ignore_ascii_case("response") {
        return None;
    }
    let uri = rec
        .headers
        .get("WARC-Target-URI")
        .map(|u| u.trim_start_matches('<').trim_end_matches('>').to_string());
    if uri.as_deref().is_some_and(|u| u.starts_with("dns:")) {
        return None;
    }
    let doc = uri
        .clone()
        .or_else(|| rec.headers.get("WARC-Record-ID").map(str::to_string))
        .unwrap_or_else(|| format!("record at byte {}", rec.offset));
    Some(
        http_page(&rec.block).map(|(format, content_type, bytes)| Page {
            doc,
            format,
            bytes,
            hints: Hints {
                url: uri,
                published: None,
                crawled: rec.headers.get("WARC-Date").map(str::to_string),
                title: None,
                outlet: None,
                content_type,
            },
            warnings: Vec::new(),
        }),
    )
}

fn not_a_page(why: impl Into<String>) -> Error {
    Error::Malformed {
        what: "HTTP response",
        why: why.into(),
    }
}

/// An HTTP response message: its format, `Content-Type` and body (transfer and content
/// codings undone).
fn http_page(block: &[u8]) -> Result<(Format, Option<String>, Vec<u8>), Error> {
    if !block.starts_with(b"HTTP/") {
        return Err(not_a_page(
            "the response record does not hold an HTTP message",
        ));
    }
    let mut r = block;
    let status = match read_line(&mut r, 1024) {
        Ok(Some(l)) => l,
        _ => return Err(not_a_page("no status line")),
    };
    let code: u16 = status
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| not_a_page(format!("a status line without a status: {status:?}")))?;
    let headers = match read_headers(&mut r) {
        Ok(h) => h,
        Err(_) => return Err(not_a_page("its header does not end")),
    };
    if !(200..300).contains(&code) {
        return Err(not_a_page(format!("status {code}, not a page")));
    }
    let content_type = headers.get("Content-Type").map(str::to_string);
    let mime = content_type.as_deref().map(|c| {
        c.split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase()
    });
    let format = match mime.as_deref() {
        None | Some("") => {
            let head = String::from_utf8_lossy(&r[..r.len().min(512)]).to_ascii_lowercase();
            if head.contains('<') {
                Format::Html
            } else {
                Format::Text
            }
        }
        Some("text/html" | "application/xhtml+xml") => Format::Html,
        Some("text/plain") => Format::Text,
        Some(other) => return Err(not_a_page(format!("not a text page ({other})"))),
    };
    let mut body = r.to_vec();
    if headers
        .get("Transfer-Encoding")
        .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"))
    {
        body = dechunk(&body).ok_or_else(|| not_a_page("a broken chunked body"))?;
    }
    match headers
        .get("Content-Encoding")
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        None | Some("" | "identity") => {}
        Some("gzip" | "x-gzip") => body = inflate(MultiGzDecoder::new(&body[..]))?,
        Some("deflate") => body = inflate(flate2::bufread::ZlibDecoder::new(&body[..]))?,
        Some(other) => return Err(not_a_page(format!("content coding {other} is not read"))),
    }
    Ok((format, content_type, body))
}

/// Decompresses a body, at most a page's worth.
fn inflate(r: impl Read) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    r.take(MAX_PAGE_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| not_a_page(format!("a compressed body that does not decompress ({e})")))?;
    if out.len() as u64 > MAX_PAGE_BYTES {
        return Err(Error::TooLarge {
            size: out.len() as u64,
            limit: MAX_PAGE_BYTES,
        });
    }
    Ok(out)
}

/// Undoes the chunked transfer coding.
fn dechunk(mut r: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(r.len());
    loop {
        let end = r.iter().position(|&b| b == b'\n')?;
        let line = std::str::from_utf8(&r[..end]).ok()?;
        let size = usize::from_str_radix(line.split(';').next()?.trim(), 16).ok()?;
        r = &r[end + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(r.get(..size)?);
        r = &r[size..];
        r = r.strip_prefix(b"\r\n").or_else(|| r.strip_prefix(b"\n"))?;
    }
}

#[cfg(test)]
mod tests;
