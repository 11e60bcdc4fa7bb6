//! Times the events stage alone on records that `marsad extract` wrote (their entities and
//! dates filled): docs/s, sentences/s and MB/s of cleaned text, best of N runs.
//!
//!     cargo run --release -p marsad-events --example events_bench -- RECORDS.jsonl [RUNS]
//!
//! `bench/events.sh` runs it beside the whole `extract` pipeline.

use std::time::Instant;

use marsad_events::{extract, Lexicon};
use marsad_schema::Document;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: bench RECORDS.jsonl [RUNS]");
    let runs: usize = args
        .next()
        .map_or(5, |r| r.parse().expect("RUNS is a number"));
    let text = std::fs::read_to_string(&path).expect("reading the records");
    let docs: Vec<Document> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("a record per line"))
        .collect();
    let sentences: usize = docs
        .iter()
        .map(|d| marsad_text::sentences(&d.text).len())
        .sum();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let lex = Lexicon::bundled();
    // Records as `marsad extract` prints them: `published` is ISO already.
    let days: Vec<Option<jiff::civil::Date>> = docs
        .iter()
        .map(|d| d.anchor_day().and_then(|p| p.parse().ok()))
        .collect();
    let mut best = f64::INFINITY;
    let mut events = 0;
    for _ in 0..runs {
        let t = Instant::now();
        events = docs
            .iter()
            .zip(&days)
            .map(|(d, day)| extract(d, lex, *day).0.len())
            .sum::<usize>();
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "{path}: {} docs, {sentences} sentences, {:.2} MB, {events} events; best of {runs}: {:.3} s = {:.0} docs/s, {:.0} sentences/s, {:.1} MB/s",
        docs.len(),
        bytes as f64 / 1e6,
        best,
        docs.len() as f64 / best,
        sentences as f64 / best,
        bytes as f64 / 1e6 / best
    );
}
