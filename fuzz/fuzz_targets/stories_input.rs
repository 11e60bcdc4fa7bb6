//! Arbitrary bytes as the input of `marsad stories`: JSON Lines of records, each parsed
//! as `marsad stories` parses it (`serde_json` into a `Document`; a line that is not one
//! is skipped), then every record that parsed grouped into stories. Records are whatever
//! the fuzzer writes: dates that are no dates, offsets past the text, events with no
//! actors, the same `doc` twice. Grouping must not panic, and every report must land in
//! exactly one story; added in two batches (the last record first, then the rest), the
//! records must give the stories of grouping them at once.
#![no_main]

use libfuzzer_sys::fuzz_target;
use marsad_schema::Document;

fuzz_target!(|data: &[u8]| {
    let docs: Vec<Document> = data
        .split(|&b| b == b'\n')
        .filter_map(|line| serde_json::from_slice(line).ok())
        .collect();
    if docs.is_empty() {
        return;
    }
    let stories = marsad_stories::stories(&docs);
    let events: usize = docs.iter().map(|d| d.events.len()).sum();
    let reports: usize = stories.iter().map(|s| s.reports.len()).sum();
    assert!(reports <= events, "{reports} reports of {events} events");
    let mut batches = marsad_stories::Grouping::new();
    let (last, rest) = docs.split_last().expect("not empty");
    batches.add([last.clone()]);
    batches.add(rest.iter().cloned());
    let json = |s: &[marsad_stories::Story]| serde_json::to_string(s).expect("serializes");
    assert_eq!(json(&batches.stories()), json(&stories));
});
