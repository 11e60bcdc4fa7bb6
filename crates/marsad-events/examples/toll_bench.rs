//! Times `toll::find_tolls` on the texts of a JSON Lines corpus (gzipped or not): every
//! sentence of every page, as the events stage will run it. Prints MB/s of text, sentences/s
//! and the tolls found, best of N runs; `--show N` prints N tolls found, spread over the
//! corpus, with their sentence, for reading.
//!
//!     cargo run --release -p marsad-events --example toll_bench -- ARTICLES.jsonl.gz [RUNS] [--show N]

use std::io::{BufRead, BufReader, Read};
use std::time::Instant;

use marsad_events::toll::find_tolls;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .expect("usage: toll_bench FILE.jsonl[.gz] [RUNS] [--show N]");
    let (mut runs, mut show) = (3usize, 0usize);
    while let Some(a) = args.next() {
        if a == "--show" {
            show = args.next().and_then(|n| n.parse().ok()).expect("--show N");
        } else {
            runs = a.parse().expect("RUNS is a number");
        }
    }
    let file = std::fs::File::open(&path).expect("opening the corpus");
    let reader: Box<dyn Read> = if path.ends_with(".gz") {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let texts: Vec<String> = BufReader::new(reader)
        .lines()
        .map(|l| l.expect("reading the corpus"))
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| {
            let v: serde_json::Value = serde_json::from_str(&l).ok()?;
            Some(v.get("text")?.as_str()?.to_string())
        })
        .collect();
    // Sentences as the events stage cuts them.
    let sentences: Vec<&str> = texts
        .iter()
        .flat_map(|t| {
            marsad_text::sentences(t)
                .into_iter()
                .map(move |s| s.slice(t))
        })
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut best = f64::INFINITY;
    let mut found = 0;
    for _ in 0..runs {
        let t = Instant::now();
        found = sentences.iter().map(|s| find_tolls(s).len()).sum::<usize>();
        best = best.min(t.elapsed().as_secs_f64());
    }
    let t = Instant::now();
    let whole: usize = texts.iter().map(|s| find_tolls(s).len()).sum();
    let whole_secs = t.elapsed().as_secs_f64();
    println!(
        "{path}: {} texts, {} sentences, {:.1} MB; by sentence, best of {runs}: {:.3} s = {:.1} MB/s, {:.0} sentences/s, {found} tolls; whole texts at once: {:.3} s = {:.1} MB/s, {whole} tolls",
        texts.len(),
        sentences.len(),
        bytes as f64 / 1e6,
        best,
        bytes as f64 / 1e6 / best,
        sentences.len() as f64 / best,
        whole_secs,
        bytes as f64 / 1e6 / whole_secs,
    );
    if show > 0 {
        let hits: Vec<(&str, marsad_events::toll::Toll)> = sentences
            .iter()
            .flat_map(|s| find_tolls(s).into_iter().map(move |t| (*s, t)))
            .collect();
        let step = hits.len().checked_div(show).unwrap_or(1).max(1);
        for (s, t) in hits.iter().step_by(step).take(show) {
            let b = |v: Option<u32>| v.map_or("-".to_string(), |v| v.to_string());
            println!(
                "{} {} {} «{}»\n    {}",
                t.kind.as_str(),
                b(t.min),
                b(t.max),
                t.span.slice(s),
                s.chars().take(400).collect::<String>()
            );
        }
    }
}
