//! Arbitrary text through the dates stage's public functions: `find_dates`,
//! `find_dates_en` and `find_dates_in` with a publication day, and `read_published` on
//! the first line (what a feed, a sidecar or a page gives as `published`). None may
//! panic, and what they return must index the text they were given.
//!
//! The first line, when short, is the publication date: read as the pipeline reads it,
//! then used as the anchor, so that relative expressions («أمس», «الاثنين الماضي») are
//! placed against days the fuzzer chose too, year bounds included.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (first, rest) = text.split_once('\n').unwrap_or(("", text));
    let day = if first.len() <= 64 {
        match marsad_dates::read_published(first) {
            Ok(p) => {
                // The stored form is ISO at the precision given, and its day exists.
                assert!(p.iso.len() >= 4 && p.iso.is_ascii(), "{p:?}");
                if let Some(d) = p.day {
                    assert_eq!(d.to_string(), p.iso);
                }
                p.day
            }
            Err(_) => None,
        }
    } else {
        None
    };
    let chars = rest.chars().count();
    for lang in [None, Some("en"), Some("ar")] {
        let found = marsad_dates::find_dates_in(rest, day, lang);
        for d in &found.placed {
            assert!(d.start <= d.end && d.end <= chars, "{d:?}");
            let written: String = rest.chars().skip(d.start).take(d.end - d.start).collect();
            assert_eq!(written, d.text);
        }
        for u in &found.unplaced {
            assert!(u.start <= u.end && u.end <= chars, "{u:?}");
        }
    }
    let _ = marsad_dates::find_dates(rest, day);
});
