//! JSON Lines: one page per line with `text` or `html`, and optional `url`,
//! `published`, `outlet`, `title`, `doc` or `id`; read whole ([`read_jsonl`]) or as a
//! stream of [`Item`]s ([`items`]) that holds one line at a time.

use std::io::{self, BufRead, BufReader};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use serde::Deserialize;

use crate::page::{Item, Page, Pos, MAX_PAGE_BYTES};
use crate::{Error, Format, Hints, Record};

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
    let mut warnings = Vec::new();
    // Both: the HTML wins, for what its markup says of the page (headline, date,
    // canonical URL, the article region), and the text is passed over with a warning.
    let (format, body) = match (page.html, page.text) {
        (Some(h), t) => {
            if t.is_some() {
                warnings
                    .push("both \"text\" and \"html\": the html is read, the text ignored".into());
            }
            (Format::Html, h)
        }
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
        warnings,
    })
}

/// A JSON Lines file, read a line at a time: one item per line that is not blank.
pub(crate) fn items(
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

#[cfg(test)]
mod tests {
    use super::*;

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
