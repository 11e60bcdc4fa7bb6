//! Speed of the entities stage: `cargo run --release -p marsad-entities --example entities_bench --
//! RECORDS.jsonl [SECONDS]` reads `marsad extract` output, times loading and indexing the
//! bundled KB, then annotates the records over and over for about SECONDS (default 3) on
//! one thread and prints one JSON line: KB load time, documents and words per second.

use std::time::Instant;

use marsad_entities::{annotate, Linker};
use marsad_kb::Kb;
use marsad_schema::Document;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: bench RECORDS.jsonl [SECONDS]");
        std::process::exit(2);
    };
    let seconds: f64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(3.0);
    let docs: Vec<Document> = std::fs::read_to_string(path)
        .expect("reading the records")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("a record"))
        .collect();
    assert!(!docs.is_empty(), "no records in {path}");

    let t = Instant::now();
    let kb = Kb::load_bundled().expect("the bundled KB");
    let kb_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let linker = Linker::new(kb);
    let index_ms = t.elapsed().as_secs_f64() * 1e3;

    let words_per_pass: usize = docs
        .iter()
        .map(|d| marsad_text::words(&d.text).count())
        .sum();
    let chars_per_pass: usize = docs.iter().map(|d| d.text.chars().count()).sum();
    let (mut n_docs, mut passes, mut mentions) = (0usize, 0usize, 0usize);
    let t = Instant::now();
    while t.elapsed().as_secs_f64() < seconds || passes == 0 {
        for d in &docs {
            let mut d = d.clone();
            // Records as `marsad extract` prints them: `published` is ISO already.
            let day = d.anchor_day().and_then(|p| p.parse().ok());
            annotate(&mut d, &linker, day);
            mentions += d.entities.iter().map(|e| e.mentions.len()).sum::<usize>();
            n_docs += 1;
        }
        passes += 1;
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "{{\"kb_load_ms\": {kb_ms:.1}, \"index_ms\": {index_ms:.1}, \"records\": {}, \"passes\": {passes}, \
         \"docs_per_s\": {:.0}, \"words_per_s\": {:.0}, \"chars_per_s\": {:.0}, \"mentions_per_pass\": {}}}",
        docs.len(),
        n_docs as f64 / secs,
        (words_per_pass * passes) as f64 / secs,
        (chars_per_pass * passes) as f64 / secs,
        mentions / passes,
    );
}
