//! Runs the extraction pipeline and then `find_dates` over a folder of pages, printing
//! one SCHEMA.md record per page with `dates` filled, for `shared/gold/score.py`:
//!
//! ```text
//! cargo run -q -p marsad-dates --example seeds -- ../shared/corpus/seeds ../shared/corpus/seeds/meta.tsv > /tmp/dates.jsonl
//! python3 ../shared/gold/score.py ../shared/gold/seeds.jsonl /tmp/dates.jsonl --verbose
//! ```
//!
//! With `--explain`, also prints to standard error what was recognized but not placed.

use std::path::PathBuf;

use marsad_extract::sources::{self, Sidecar};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let explain = args.iter().any(|a| a == "--explain");
    let args: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: seeds DIR [META.tsv] [--explain]");
        std::process::exit(2);
    };
    let sidecar = match args.get(1) {
        Some(m) => Sidecar::read(std::path::Path::new(m.as_str())).expect("reading the sidecar"),
        None => Sidecar::default(),
    };
    for path in sources::walk(&[PathBuf::from(dir.as_str())])
        .into_iter()
        .flatten()
    {
        for page in sources::read(&path, &sidecar).into_iter().flatten() {
            let Ok(docs) = marsad_extract::extract(&page.source()) else {
                continue;
            };
            for mut doc in docs {
                let published = doc
                    .published
                    .as_deref()
                    .and_then(|p| marsad_dates::read_published(p).ok()?.day);
                let found = marsad_dates::find_dates(&doc.text, published);
                if explain {
                    for u in &found.unplaced {
                        eprintln!(
                            "{}: {}..{} «{}»: {}",
                            doc.doc, u.start, u.end, u.text, u.reason
                        );
                    }
                }
                doc.dates = found.placed;
                println!(
                    "{}",
                    serde_json::to_string(&doc).expect("a record serializes")
                );
            }
        }
    }
}
