//! Arbitrary text through every stage: `extract`, then the pipeline's own chain on each
//! record (`marsad_pipeline::annotate`: the publication date, dates, entities known and
//! unknown, topic, events, places), the function `marsad extract` and `marsad ingest`
//! call. None may panic, whatever the text: the chain turns a panic into an internal
//! error, so an `Err` here is a crash too.
//!
//! The first line, when it is short, is the page's `published` hint, so that the fuzzer
//! reaches the date reading, the anchoring and office holders too.
#![no_main]

use libfuzzer_sys::fuzz_target;
use marsad_extract::{extract, Format, Hints, Source};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (first, rest) = text.split_once('\n').unwrap_or(("", text));
    let hints = Hints {
        published: (first.len() <= 40).then(|| first.to_string()),
        ..Hints::default()
    };
    let Ok(docs) = extract(&Source::new(
        "fuzz.txt",
        Format::Text,
        rest.as_bytes(),
        hints,
    )) else {
        return;
    };
    for mut d in docs {
        if let Err(e) = marsad_pipeline::annotate(&mut d) {
            panic!("{e}");
        }
    }
});
