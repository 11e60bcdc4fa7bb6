//! Stories grouped in batches against stories grouped at once: the same stories, and
//! what each costs. Issue 22 asks that a new batch of pages join the existing stories
//! without grouping everything again, whatever the order of the batches.
//!
//! ```sh
//! cargo run --release -p marsad-stories --example incremental -- --db marsad.db
//! cargo run --release -p marsad-stories --example incremental -- RECORDS.jsonl...
//! ```
//!
//! Reads the documents with events of a store (as the desk does) or records as
//! `marsad extract` writes them, then groups them three ways: all at once; one day at a
//! time in the order of their days (publication, else crawl: a daily feed); and in eight
//! batches of documents taken by a hash of their name (a backfill, days in any order).
//! Prints the time of each and fails (exit 1) when the stories differ in any way.
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::io::{BufRead, BufReader};
use std::time::{Duration, Instant};

use marsad_schema::Document;
use marsad_stories::{Grouping, Story};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let docs = read(&args)?;
    let events: usize = docs.iter().map(|d| d.events.len()).sum();
    println!("{} documents with {events} events", docs.len());

    let start = Instant::now();
    let mut once = Grouping::new();
    once.add(docs.iter().cloned());
    let grouped = start.elapsed();
    let want = once.stories();
    println!(
        "at once: {} stories, grouped in {:.2} s, listed in {:.2} s",
        want.len(),
        grouped.as_secs_f64(),
        (start.elapsed() - grouped).as_secs_f64()
    );

    // A daily feed: each day's documents added after the days before.
    let mut days: BTreeMap<Option<String>, Vec<Document>> = BTreeMap::new();
    for d in &docs {
        days.entry(d.anchor_day().map(str::to_string))
            .or_default()
            .push(d.clone());
    }
    // Documents without a day come last in the order: the feed's last batch.
    let undated = days.remove(&None);
    let mut batches: Vec<Vec<Document>> = days.into_values().collect();
    batches.extend(undated);
    let daily = in_batches(batches);
    report("a day at a time", &daily, &want);

    // A backfill: eight batches of documents in no order of days.
    let mut batches: Vec<Vec<Document>> = vec![Vec::new(); 8];
    for d in &docs {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        d.doc.hash(&mut h);
        batches[(h.finish() % 8) as usize].push(d.clone());
    }
    let backfill = in_batches(batches);
    report("eight batches of any days", &backfill, &want);

    if same(&daily.stories, &want) && same(&backfill.stories, &want) {
        println!("the same stories every way");
        Ok(())
    } else {
        Err("batches gave other stories than grouping everything at once".into())
    }
}

/// Documents from a store (`--db PATH`) or from records files.
fn read(args: &[String]) -> Result<Vec<Document>, Box<dyn std::error::Error>> {
    let mut docs = Vec::new();
    if args.first().map(String::as_str) == Some("--db") {
        let path = args.get(1).ok_or("usage: incremental --db STORE")?;
        let store = marsad_store::Store::open_read_only(std::path::Path::new(path))?;
        store.each_document_with_events(0, |_, d| {
            docs.push(d);
            Ok::<(), marsad_store::Error>(())
        })?;
        return Ok(docs);
    }
    if args.is_empty() {
        return Err("usage: incremental (--db STORE | RECORDS.jsonl...)".into());
    }
    for path in args {
        for line in BufReader::new(std::fs::File::open(path)?).lines() {
            let line = line?;
            if !line.trim().is_empty() {
                docs.push(serde_json::from_str(&line)?);
            }
        }
    }
    Ok(docs)
}

/// What adding batches one after the other cost, and the stories at the end.
struct Batched {
    stories: Vec<Story>,
    batches: usize,
    /// The time of each batch's [`Grouping::add`].
    adds: Vec<Duration>,
    /// Reports grouped again in all, beyond the batches' own.
    regrouped: usize,
    reports: usize,
}

fn in_batches(batches: Vec<Vec<Document>>) -> Batched {
    let mut grouping = Grouping::new();
    let mut adds = Vec::new();
    let (mut regrouped, mut reports) = (0, 0);
    let n = batches.len();
    for batch in batches {
        let own: usize = batch.iter().map(|d| d.events.len()).sum();
        let start = Instant::now();
        let again = grouping.add(batch);
        adds.push(start.elapsed());
        regrouped += again - own.min(again);
        reports += own;
    }
    Batched {
        stories: grouping.stories(),
        batches: n,
        adds,
        regrouped,
        reports,
    }
}

fn report(name: &str, b: &Batched, want: &[Story]) {
    let total: Duration = b.adds.iter().sum();
    let mut sorted = b.adds.clone();
    sorted.sort();
    let at = |q: f64| sorted[((sorted.len() - 1) as f64 * q) as usize].as_secs_f64() * 1e3;
    println!(
        "{name}: {} batches, {:.2} s in all; per batch median {:.1} ms, max {:.1} ms; \
         {} reports grouped again beyond the batches' {}; same stories: {}",
        b.batches,
        total.as_secs_f64(),
        at(0.5),
        at(1.0),
        b.regrouped,
        b.reports,
        same(&b.stories, want)
    );
}

/// Whether two lists of stories are the same, to the last field written out.
fn same(a: &[Story], b: &[Story]) -> bool {
    let json = |s: &[Story]| serde_json::to_string(s).unwrap_or_default();
    a.len() == b.len() && json(a) == json(b)
}
