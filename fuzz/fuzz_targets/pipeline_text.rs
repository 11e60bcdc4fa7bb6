//! Arbitrary text through every stage: `extract`, the publication date, dates, entities
//! (known and unknown names), topic and events. None may panic, whatever the text.
//!
//! The chain is the CLI's (`crates/marsad-cli/src/pipeline.rs`), written again here until
//! it is a library (issue 16, item 1). The first line, when it is short, is the page's
//! `published` hint, so that the fuzzer reaches the date anchoring and office holders too.
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
    let Ok(docs) = extract(&Source::new("fuzz.txt", Format::Text, rest.as_bytes(), hints)) else {
        return;
    };
    let linker = marsad_entities::Linker::bundled();
    for mut d in docs {
        d.published = d
            .published
            .take()
            .and_then(|p| marsad_dates::read_published(&p).ok());
        let _ = marsad_dates::annotate(&mut d);
        marsad_entities::annotate(&mut d, linker);
        marsad_entities::annotate_unknown(&mut d, linker, marsad_entities::bundled_tagger());
        let _ = marsad_topic::classify(d.title.as_deref(), &d.text);
        let _ = marsad_events::annotate(&mut d);
    }
});
