//! Arbitrary bytes as a WARC file: the reader yields records or bad records with their
//! offsets and ends, never panics, whatever the headers, lengths, gzip members or byte
//! soup; each response record's HTTP message (status, headers, chunked and gzip bodies)
//! is read into a page or an error, also without panicking.
//!
//! The first byte chooses how the rest is served, so that the fuzzer reaches the WARC
//! grammar inside gzip as well as the gzip handling itself:
//!
//! * even: the rest as it is (a plain WARC, or gzip members the fuzzer wrote);
//! * odd, and its second bit clear: the rest gzipped as one member (a file gzipped whole);
//! * odd, second bit set: the rest cut before every `WARC/` and each piece gzipped on its
//!   own, one member per record as Common Crawl ships it; a bit further up then
//!   truncates the last member, as a download cut short does.
#![no_main]

use std::io::Write;

use flate2::write::GzEncoder;
use flate2::Compression;
use libfuzzer_sys::fuzz_target;
use marsad_extract::warc::{response_page, Reader};

/// Records looked at, at most: a tiny gzip member can inflate to very many records, and
/// the smoke run wants many inputs per second, not one huge one.
const MAX_RECORDS: usize = 2000;

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    gz.write_all(bytes).expect("writing to memory");
    gz.finish().expect("writing to memory")
}

/// `rest` cut before every `WARC/` that starts a line, each piece gzipped.
fn per_record(rest: &[u8]) -> Vec<u8> {
    let mut starts = vec![0];
    for i in 1..rest.len() {
        if rest[i..].starts_with(b"WARC/") && rest[i - 1] == b'\n' {
            starts.push(i);
        }
    }
    starts.push(rest.len());
    starts.windows(2).flat_map(|w| gzip(&rest[w[0]..w[1]])).collect()
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let input: Vec<u8> = match mode & 0b111 {
        m if m & 1 == 0 => rest.to_vec(),
        m if m & 0b10 == 0 => gzip(rest),
        m => {
            let mut all = per_record(rest);
            if m & 0b100 != 0 {
                all.truncate(all.len().saturating_sub(usize::from(mode >> 3) + 1));
            }
            all
        }
    };
    let len = input.len() as u64;
    let base = u64::from(mode) * 1000;
    for item in Reader::new(&input[..], base).take(MAX_RECORDS) {
        match item {
            Ok(rec) => {
                assert!(
                    (base..=base + len).contains(&rec.offset),
                    "record offset {} outside {base}..={}",
                    rec.offset,
                    base + len
                );
                let _ = response_page(&rec);
            }
            Err(bad) => assert!(
                (base..=base + len).contains(&bad.offset),
                "bad record offset {} outside {base}..={}",
                bad.offset,
                base + len
            ),
        }
    }
});
