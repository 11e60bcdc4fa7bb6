//! Arbitrary bytes as a page already turned into text: `extract` returns a document or
//! an error, never panics, whatever the charset, line structure or byte soup.
#![no_main]

use libfuzzer_sys::fuzz_target;
use marsad_extract::{extract, Format, Hints, Source};

fuzz_target!(|data: &[u8]| {
    let _ = extract(&Source::new("fuzz.txt", Format::Text, data, Hints::default()));
});
