//! The WARC reader on archives built here, good and broken.

use std::io::Write;

use flate2::write::GzEncoder;
use flate2::Compression;

use super::*;
use crate::input::{self, Pos};
use crate::sources::Sidecar;

const BODY: &str = "<html><head><meta charset=\"utf-8\"><title>خبر</title></head><body><p>وقّع البلدان اتفاقية للتعاون في مجال الطاقة المتجددة خلال زيارة رسمية استمرت يومين.</p></body></html>";

/// One WARC record with `block`.
fn record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-03-01T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:{uri}>\r\nContent-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn http(content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

fn response(uri: &str) -> Vec<u8> {
    record(
        "response",
        uri,
        &http("text/html; charset=utf-8", BODY.as_bytes()),
    )
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// Every record (or bad record) of `bytes` as `(offset, uri or error)`.
fn read_all(bytes: &[u8]) -> Vec<(u64, String)> {
    Reader::new(bytes, 0)
        .map(|r| match r {
            Ok(rec) => (
                rec.offset,
                rec.headers.get("WARC-Target-URI").unwrap_or("").to_string(),
            ),
            Err(bad) => (bad.offset, format!("error: {}", bad.error)),
        })
        .collect()
}

/// The pages of `bytes` as `(pos, doc or error)`.
fn pages_of(bytes: Vec<u8>) -> Vec<(Pos, String)> {
    pages(std::io::Cursor::new(bytes), 0, "a.warc".into())
        .map(|i| {
            let what = match i.page {
                Ok(p) => p.doc,
                Err(e) => format!("error: {e}"),
            };
            (i.pos, what)
        })
        .collect()
}

#[test]
fn per_record_gzip_gives_each_record_its_member_offset() {
    let members = [
        gz(&record("warcinfo", "", b"software: test")),
        gz(&record(
            "request",
            "https://a.example/1",
            b"GET /1 HTTP/1.1\r\n\r\n",
        )),
        gz(&response("https://a.example/1")),
        gz(&response("https://a.example/2")),
    ];
    let offsets: Vec<u64> = members
        .iter()
        .scan(0u64, |at, m| {
            let o = *at;
            *at += m.len() as u64;
            Some(o)
        })
        .collect();
    let file = members.concat();
    let got = read_all(&file);
    assert_eq!(got.len(), 4);
    assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), offsets);
    let pages = pages_of(file);
    assert_eq!(
        pages,
        [
            (
                Pos {
                    offset: offsets[2],
                    index: 0
                },
                "https://a.example/1".to_string()
            ),
            (
                Pos {
                    offset: offsets[3],
                    index: 0
                },
                "https://a.example/2".to_string()
            ),
        ]
    );
}

#[test]
fn a_member_whose_header_straddles_a_buffer_refill_is_read() {
    // Through buffers of every size up to past the first member's end, so that the
    // second member's header is split at every byte, the first one alone in a buffer too.
    let file = [
        gz(&response("https://a.example/1")),
        gz(&response("https://a.example/2")),
    ]
    .concat();
    let want = read_all(&file);
    assert_eq!(want.len(), 2);
    assert!(
        want.iter().all(|(_, u)| !u.starts_with("error")),
        "{want:?}"
    );
    for cap in 1..file.len() / 2 + 4 {
        let got: Vec<(u64, String)> =
            Reader::new(std::io::BufReader::with_capacity(cap, &file[..]), 0)
                .map(|r| match r {
                    Ok(rec) => (
                        rec.offset,
                        rec.headers.get("WARC-Target-URI").unwrap_or("").to_string(),
                    ),
                    Err(bad) => (bad.offset, format!("error: {}", bad.error)),
                })
                .collect();
        assert_eq!(got, want, "buffer of {cap} bytes");
    }
}

#[test]
fn plain_and_whole_file_gzip_read_the_same_pages() {
    let plain = [
        response("https://a.example/1"),
        response("https://a.example/2"),
    ]
    .concat();
    let second = response("https://a.example/1").len() as u64;
    assert_eq!(
        pages_of(plain.clone()),
        [
            (
                Pos {
                    offset: 0,
                    index: 0
                },
                "https://a.example/1".to_string()
            ),
            (
                Pos {
                    offset: second,
                    index: 0
                },
                "https://a.example/2".to_string()
            ),
        ]
    );
    // Gzipped whole: one member, records told apart by index.
    assert_eq!(
        pages_of(gz(&plain)),
        [
            (
                Pos {
                    offset: 0,
                    index: 0
                },
                "https://a.example/1".to_string()
            ),
            (
                Pos {
                    offset: 0,
                    index: 1
                },
                "https://a.example/2".to_string()
            ),
        ]
    );
}

#[test]
fn a_page_reads_with_its_url_and_content_type_and_never_a_crawl_date() {
    let rec = Reader::new(&response("<https://a.example/x>")[..], 0)
        .next()
        .unwrap()
        .unwrap();
    let page = response_page(&rec).unwrap().unwrap();
    assert_eq!(page.doc, "https://a.example/x");
    assert_eq!(page.hints.url.as_deref(), Some("https://a.example/x"));
    assert_eq!(
        page.hints.content_type.as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(page.hints.published, None);
    assert_eq!(page.format, Format::Html);
    assert_eq!(page.bytes, BODY.as_bytes());
}

#[test]
fn a_truncated_gzip_is_reported_after_the_good_records() {
    let mut file = [
        gz(&response("https://a.example/1")),
        gz(&response("https://a.example/2")),
    ]
    .concat();
    let second = gz(&response("https://a.example/1")).len() as u64;
    file.truncate(file.len() - 30);
    let got = read_all(&file);
    assert_eq!(got[0], (0, "https://a.example/1".to_string()));
    assert_eq!(got[1].0, second);
    assert!(got[1].1.contains("gzip member: truncated"), "{got:?}");
    assert_eq!(got.len(), 2);
}

#[test]
fn a_corrupt_member_is_reported_once_and_the_next_one_read() {
    let a = gz(&response("https://a.example/1"));
    let mut b = gz(&response("https://a.example/2"));
    let c = gz(&response("https://a.example/3"));
    for byte in &mut b[12..40] {
        *byte = 0xff;
    }
    let file = [a.clone(), b, c].concat();
    let got = read_all(&file);
    let uris: Vec<&str> = got.iter().map(|g| g.1.as_str()).collect();
    assert_eq!(uris.first(), Some(&"https://a.example/1"));
    assert_eq!(uris.last(), Some(&"https://a.example/3"));
    assert_eq!(
        got.iter().filter(|g| g.1.starts_with("error")).count(),
        1,
        "{got:?}"
    );
    assert_eq!(got[1].0, a.len() as u64);
}

#[test]
fn a_wrong_content_length_is_reported_and_reading_goes_on() {
    let good = response("https://a.example/ok");
    // Too short: the block ends early, the rest is not a record.
    let short = String::from_utf8(response("https://a.example/short"))
        .unwrap()
        .replacen(
            &format!(
                "Content-Length: {}",
                http("text/html; charset=utf-8", BODY.as_bytes()).len()
            ),
            "Content-Length: 40",
            1,
        )
        .into_bytes();
    // Too long: more than the member holds.
    let long = String::from_utf8(response("https://a.example/long"))
        .unwrap()
        .replacen("Content-Length: ", "Content-Length: 9", 1)
        .into_bytes();
    for (name, file) in [
        ("gzip", [gz(&short), gz(&long), gz(&good)].concat()),
        ("plain", [short.clone(), good.clone()].concat()),
    ] {
        let got = read_all(&file);
        let errors: Vec<&String> = got
            .iter()
            .map(|g| &g.1)
            .filter(|g| g.starts_with("error"))
            .collect();
        assert!(
            errors.iter().all(|e| e.contains("Content-Length")),
            "{name}: {got:?}"
        );
        assert_eq!(
            got.last().unwrap().1,
            "https://a.example/ok",
            "{name}: {got:?}"
        );
        assert!(
            !got.iter()
                .any(|g| g.1.contains("short") || g.1.contains("long")),
            "{name}: {got:?}"
        );
    }
}

#[test]
fn responses_that_are_not_text_pages_are_reported() {
    let file = [
        gz(&record(
            "response",
            "https://a.example/img",
            &http("image/png", &[0x89, b'P', b'N', b'G']),
        )),
        gz(&record(
            "response",
            "https://a.example/raw",
            b"\x00\x01 not http at all",
        )),
        gz(&record(
            "response",
            "https://a.example/moved",
            b"HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n",
        )),
        gz(&record(
            "response",
            "dns:a.example",
            b"a.example. 300 IN A 10.0.0.1",
        )),
        gz(&response("https://a.example/ok")),
    ]
    .concat();
    let got: Vec<String> = pages_of(file).into_iter().map(|p| p.1).collect();
    assert_eq!(got.len(), 4, "{got:?}");
    assert!(got[0].contains("not a text page (image/png)"), "{got:?}");
    assert!(got[1].contains("does not hold an HTTP message"), "{got:?}");
    assert!(got[2].contains("status 301"), "{got:?}");
    assert_eq!(got[3], "https://a.example/ok");
    assert!(
        got[0].starts_with("error: a.warc: record at byte 0: "),
        "{got:?}"
    );
}

#[test]
fn an_oversized_record_is_read_through_not_held() {
    let huge = vec![b'x'; (MAX_BLOCK + 10) as usize];
    let file = [
        gz(&record("response", "https://a.example/huge", &huge)),
        gz(&response("https://a.example/ok")),
    ]
    .concat();
    let got = read_all(&file);
    assert!(got[0].1.contains("too large"), "{got:?}");
    assert_eq!(got[1].1, "https://a.example/ok");
}

#[test]
fn chunked_and_gzip_bodies_are_undone() {
    let body = gz(BODY.as_bytes());
    let mut chunked = Vec::new();
    for part in body.chunks(50) {
        chunked.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
        chunked.extend_from_slice(part);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let mut msg = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
    msg.extend_from_slice(&chunked);
    let rec = Reader::new(&record("response", "https://a.example/c", &msg)[..], 0)
        .next()
        .unwrap()
        .unwrap();
    assert_eq!(response_page(&rec).unwrap().unwrap().bytes, BODY.as_bytes());
}

#[test]
fn a_file_opened_at_a_position_goes_on_after_it() {
    let dir = std::env::temp_dir().join(format!("marsad-warc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("a.warc.gz");
    let file: Vec<u8> = (1..=4)
        .flat_map(|i| gz(&response(&format!("https://a.example/{i}"))))
        .collect();
    std::fs::write(&path, &file).unwrap();
    let all: Vec<_> = input::open(&path, &Sidecar::default(), Pos::default())
        .unwrap()
        .collect();
    assert_eq!(all.len(), 4);
    assert_eq!(all.last().unwrap().consumed, file.len() as u64);
    let rest: Vec<String> = input::open(&path, &Sidecar::default(), all[1].pos.next())
        .unwrap()
        .map(|i| i.page.unwrap().doc)
        .collect();
    assert_eq!(rest, ["https://a.example/3", "https://a.example/4"]);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_parts_of_a_split_archive_read_every_record_once() {
    let dir = std::env::temp_dir().join(format!("marsad-warc-split-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("a.warc.gz");
    let members: Vec<Vec<u8>> = (0..40)
        .map(|i| gz(&response(&format!("https://a.example/{i}"))))
        .collect();
    let file: Vec<u8> = members.concat();
    std::fs::write(&path, &file).unwrap();
    let starts: Vec<u64> = members
        .iter()
        .scan(0u64, |at, m| {
            let s = *at;
            *at += m.len() as u64;
            Some(s)
        })
        .collect();
    let every = file.len() as u64 / 5;
    let cuts = super::split_points(&path, every).unwrap();
    // About five parts, each cut a member's start, at least `every` after the one before.
    assert!((3..=5).contains(&cuts.len()), "{cuts:?}");
    let mut last = 0;
    for c in &cuts {
        assert!(starts.contains(c), "{c} is not a member's start");
        assert!(*c >= last + every, "{c} is less than {every} after {last}");
        last = *c;
    }
    // Read part by part, as workers do: every record once, in order.
    let bounds: Vec<u64> = std::iter::once(0)
        .chain(cuts.iter().copied())
        .chain(std::iter::once(file.len() as u64))
        .collect();
    let mut docs = Vec::new();
    for w in bounds.windows(2) {
        let from = Pos {
            offset: w[0],
            index: 0,
        };
        let part = input::open_until(&path, &Sidecar::default(), from, Some(w[1])).unwrap();
        docs.extend(part.map(|i| i.page.unwrap().doc));
    }
    let want: Vec<String> = (0..40).map(|i| format!("https://a.example/{i}")).collect();
    assert_eq!(docs, want);
    // Nothing to split: a small file, a plain WARC.
    assert!(super::split_points(&path, file.len() as u64)
        .unwrap()
        .is_empty());
    let plain = dir.join("b.warc");
    std::fs::write(&plain, response("https://b.example/1").repeat(20)).unwrap();
    assert!(super::split_points(&plain, 100).unwrap().is_empty());
    std::fs::remove_dir_all(dir).unwrap();
}
