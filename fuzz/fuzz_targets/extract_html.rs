//! Arbitrary bytes as a page as served: `extract` returns a document or an error,
//! never panics, whatever the markup, charset declaration or byte soup.
//!
//! An input that starts with `CT:` carries an HTTP `Content-Type` header up to its
//! first newline (`CT:text/html; charset=windows-1256\n<html>…`), so the fuzzer also
//! reaches the header-versus-`<meta>` charset logic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use marsad_extract::{extract, Format, Hints, Source};

fuzz_target!(|data: &[u8]| {
    let mut hints = Hints::default();
    let mut page = data;
    if let Some(rest) = data.strip_prefix(b"CT:") {
        let end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        hints.content_type = Some(String::from_utf8_lossy(&rest[..end]).into_owned());
        page = rest.get(end + 1..).unwrap_or_default();
    }
    let _ = extract(&Source::new("fuzz.html", Format::Html, page, hints));
});
