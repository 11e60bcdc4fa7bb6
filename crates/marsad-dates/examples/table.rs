//! The bench's Rust side (`bench/dates.sh`): runs the date table or a speed corpus
//! through `find_dates` and prints one JSON object, the shape the Python side
//! (`bench/dates_dateparser.py`) prints for dateparser, so the two sit side by side.
//!
//! ```text
//! cargo run --release -p marsad-dates --example table -- table crates/marsad-dates/tests/data/dates.tsv
//! cargo run --release -p marsad-dates --example table -- speed docs.jsonl
//! ```
//!
//! *table* scores each row as `score.py` matches dates: a hit when some date has the
//! row's value and its text contains the expression or is contained in it; a «-» row is
//! a hit when nothing is read from the false friend; a «?» row (no publication date)
//! when the expression is recognized and left unplaced. *speed* reads JSON Lines of
//! `{"text", "published"}` and reports dates per second.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use marsad_dates::{find_dates, find_dates_en};
use serde_json::{json, Value};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match (args.first().map(String::as_str), args.get(1)) {
        (Some("table"), Some(path)) => table(path),
        (Some("speed"), Some(path)) => speed(path),
        _ => {
            eprintln!("usage: table (table DATES.tsv | speed DOCS.jsonl)");
            std::process::exit(2);
        }
    }
}

fn overlaps(found: &str, expr: &str) -> bool {
    let (f, e) = (found.trim(), expr.trim());
    !f.is_empty() && (f.contains(e) || e.contains(f))
}

fn table(path: &str) {
    let tsv = std::fs::read_to_string(path).expect("reading the table");
    let mut families: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    let mut misses = Vec::new();
    let started = Instant::now();
    let mut dates = 0usize;
    for line in tsv.lines() {
        if line.starts_with('#') || line.starts_with("family\t") || line.trim().is_empty() {
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        let [family, published, sentence, expr, value] = c[..] else {
            continue;
        };
        let published = published.parse::<jiff::civil::Date>().ok();
        let found = if family.starts_with("en_") {
            find_dates_en(sentence, published)
        } else {
            find_dates(sentence, published)
        };
        dates += found.placed.len();
        let hit = match value {
            "-" => !found
                .placed
                .iter()
                .map(|d| &d.text)
                .chain(found.unplaced.iter().map(|u| &u.text))
                .any(|t| overlaps(t, expr)),
            "?" => {
                found.unplaced.iter().any(|u| overlaps(&u.text, expr))
                    && !found.placed.iter().any(|d| overlaps(&d.text, expr))
            }
            want => found
                .placed
                .iter()
                .any(|d| d.value == want && overlaps(&d.text, expr)),
        };
        let e = families.entry(family.to_string()).or_default();
        e.1 += 1;
        if hit {
            e.0 += 1;
        } else {
            misses.push(format!("{family}: {expr} = {value}"));
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    let fams: BTreeMap<&String, Value> = families
        .iter()
        .map(|(k, (h, n))| (k, json!({"hits": h, "rows": n})))
        .collect();
    println!(
        "{}",
        json!({"tool": "marsad-dates", "families": fams, "seconds": seconds, "dates": dates, "misses": misses})
    );
}

fn speed(path: &str) {
    let text = std::fs::read_to_string(path).expect("reading the corpus");
    let docs: Vec<(String, Option<jiff::civil::Date>)> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("JSON");
            let published = v["published"]
                .as_str()
                .and_then(|p| p.get(..10))
                .and_then(|p| p.parse().ok());
            (
                v["text"].as_str().unwrap_or_default().to_string(),
                published,
            )
        })
        .collect();
    let bytes: usize = docs.iter().map(|d| d.0.len()).sum();
    // Repeat the corpus until a second has passed, so small corpora time well.
    let started = Instant::now();
    let (mut rounds, mut dates) = (0u64, 0u64);
    while rounds == 0 || started.elapsed() < Duration::from_secs(1) {
        for (t, p) in &docs {
            dates += find_dates(t, *p).placed.len() as u64;
        }
        rounds += 1;
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{}",
        json!({
            "tool": "marsad-dates",
            "docs": docs.len(),
            "bytes": bytes,
            "rounds": rounds,
            "dates_per_round": dates / rounds,
            "seconds": seconds,
            "dates_per_sec": dates as f64 / seconds,
            "mb_per_sec": (bytes as f64 * rounds as f64) / seconds / 1e6,
        })
    );
}
