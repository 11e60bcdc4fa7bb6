//! Arbitrary bytes as a JSON Lines file: the reader yields a page or an error per line,
//! never panics, and each page goes through `extract` (HTML or text, as the line says)
//! without panicking either.
#![no_main]

use libfuzzer_sys::fuzz_target;
use marsad_extract::extract;
use marsad_extract::jsonl::read_jsonl;

fuzz_target!(|data: &[u8]| {
    for page in read_jsonl("fuzz.jsonl", data).into_iter().flatten() {
        let _ = extract(&page.source());
    }
});
