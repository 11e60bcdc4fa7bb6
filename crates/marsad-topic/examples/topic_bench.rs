//! Times `marsad_topic::classify` on one core: pages/s and MB/s, best of N runs, on the
//! articles of a JSON Lines file (gzipped or not), each whole and each cut to its first
//! 4 KB (only those at least that long).
//!
//!     cargo run --release -p marsad-topic --example topic_bench -- \
//!         ../shared/corpus/saudinewsnet/articles.jsonl.gz [RUNS]

use std::io::{BufRead, BufReader};
use std::time::Instant;

#[derive(serde::Deserialize)]
struct Article {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    text: String,
}

/// The first `n` bytes of `s`, cut back to a character boundary.
fn head(s: &str, n: usize) -> &str {
    let mut end = n.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn time(label: &str, pages: &[(Option<String>, &str)], runs: usize) {
    let bytes: usize = pages
        .iter()
        .map(|(t, x)| x.len() + t.as_ref().map_or(0, |t| t.len()))
        .sum();
    let mut best = f64::INFINITY;
    let mut check = 0f32;
    for _ in 0..runs {
        let t = Instant::now();
        for (title, text) in pages {
            check += marsad_topic::classify(title.as_deref(), text).probs[1];
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "{label}: {} pages, {:.1} MB, best of {runs}: {:.3} s = {:.0} pages/s, {:.1} MB/s, {:.1} µs/page  (checksum {check:.1})",
        pages.len(),
        bytes as f64 / 1e6,
        best,
        pages.len() as f64 / best,
        bytes as f64 / 1e6 / best,
        best * 1e6 / pages.len() as f64
    );
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .expect("usage: topic_bench ARTICLES.jsonl[.gz] [RUNS]");
    let runs: usize = args
        .next()
        .map_or(3, |r| r.parse().expect("RUNS is a number"));
    let file = std::fs::File::open(&path).expect("opening the articles");
    let reader: Box<dyn BufRead> = if path.ends_with(".gz") {
        Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(file)))
    } else {
        Box::new(BufReader::new(file))
    };
    let articles: Vec<Article> = reader
        .lines()
        .map(|l| l.expect("reading"))
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(&l).expect("an article per line"))
        .collect();
    let t = Instant::now();
    marsad_topic::bundled();
    println!("model loaded in {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let whole: Vec<(Option<String>, &str)> = articles
        .iter()
        .map(|a| (a.title.clone(), a.text.as_str()))
        .collect();
    let four_kb: Vec<(Option<String>, &str)> = articles
        .iter()
        .filter(|a| a.text.len() >= 4096)
        .map(|a| (a.title.clone(), head(&a.text, 4096)))
        .collect();
    time("4 KB pages", &four_kb, runs);
    time("whole pages", &whole, runs);
}
