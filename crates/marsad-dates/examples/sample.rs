//! Prints every date expression `find_dates` reads in JSON Lines of `{"text",
//! "published"}` (the form `marsad` reads), one per line, tab-separated: `placed` or
//! `unplaced`, the record's publication date, the expression, its value or the reason,
//! and the words around it. For reading a real corpus's dates by hand:
//!
//! ```text
//! cargo run --release -p marsad-dates --example sample -- docs.jsonl > found.tsv
//! ```

use std::io::BufRead;

use serde_json::Value;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: sample DOCS.jsonl");
        std::process::exit(2);
    };
    let file = std::fs::File::open(&path).expect("opening the corpus");
    for line in std::io::BufReader::new(file).lines().map_while(Result::ok) {
        let Ok(v) = serde_json::from_str::<Value>(&line) else {
            continue;
        };
        let text = v["text"].as_str().unwrap_or_default();
        let published = v["published"].as_str().unwrap_or_default();
        let found = marsad_dates::find_dates_in(
            text,
            marsad_dates::read_published(published)
                .ok()
                .and_then(|p| p.day),
            v["lang"].as_str(),
        );
        let chars: Vec<char> = text.chars().collect();
        let around = |s: usize, e: usize| {
            let a = s.saturating_sub(40);
            let b = (e + 40).min(chars.len());
            let t: String = chars[a..s]
                .iter()
                .chain(['['].iter())
                .chain(chars[s..e].iter())
                .chain([']'].iter())
                .chain(chars[e..b].iter())
                .collect();
            t.replace(['\n', '\t'], " ")
        };
        for d in &found.placed {
            println!(
                "placed\t{published}\t{}\t{}\t{}",
                d.text,
                d.value,
                around(d.start, d.end)
            );
        }
        for u in &found.unplaced {
            println!(
                "unplaced\t{published}\t{}\t{}\t{}",
                u.text,
                u.reason,
                around(u.start, u.end)
            );
        }
    }
}
