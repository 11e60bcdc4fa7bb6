//! Annotates records: `marsad-entities --example annotate < RECORDS.jsonl` reads one
//! record a line (at least `doc` and `text`; `published` when known) and prints each with
//! its `entities` filled. For checking the linker on other corpora.

use std::io::{BufRead, Write};

use marsad_entities::{annotate, Linker};
use marsad_schema::Document;

fn main() {
    let linker = Linker::bundled();
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line.expect("reading standard input");
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line).expect("a JSON record");
        let mut doc = Document::new(
            v["doc"].as_str().unwrap_or(""),
            v["text"].as_str().unwrap_or("").to_string(),
        );
        doc.published = v["published"].as_str().map(String::from);
        // A record as `marsad extract` prints it: `published` is ISO already.
        let day = doc
            .published
            .as_deref()
            .and_then(|p| p.get(..10)?.parse().ok());
        annotate(&mut doc, linker, day);
        serde_json::to_writer(&mut out, &doc).expect("writing");
        out.write_all(b"\n").expect("writing");
    }
}
