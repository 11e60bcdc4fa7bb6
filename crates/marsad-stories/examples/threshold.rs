//! Stories at a chosen join threshold, for choosing it on the annotated pairs:
//!
//! ```sh
//! cargo run --release -p marsad-stories --example threshold -- 3.0 RECORDS.jsonl > STORIES.jsonl
//! python3 tests/stories/score.py score RECORDS.jsonl STORIES.jsonl --split dev
//! ```
//!
//! Reads records as `marsad extract` writes them and prints one story per line, as
//! `marsad stories` does; then the time the grouping took on standard error.
use std::io::{BufRead, BufReader, BufWriter, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let threshold: f32 = args
        .next()
        .ok_or("usage: threshold T FILE.jsonl...")?
        .parse()?;
    let mut docs: Vec<marsad_schema::Document> = Vec::new();
    for path in args {
        for line in BufReader::new(std::fs::File::open(&path)?).lines() {
            let line = line?;
            if !line.trim().is_empty() {
                docs.push(serde_json::from_str(&line)?);
            }
        }
    }
    let start = std::time::Instant::now();
    let stories = marsad_stories::stories_at(&docs, threshold);
    let took = start.elapsed();
    let mut out = BufWriter::new(std::io::stdout().lock());
    for s in &stories {
        serde_json::to_writer(&mut out, s)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    eprintln!(
        "{} stories from {} records, grouped in {:.2} s",
        stories.len(),
        docs.len(),
        took.as_secs_f64()
    );
    Ok(())
}
