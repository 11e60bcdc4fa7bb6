//! Tagging speed in CPU time, so that a busy machine does not halve the figure:
//! tags a CoNLL file (as one document, both passes) `N` times and divides the tokens by
//! the process's user+system CPU seconds spent tagging (from `/proc/self/stat`).
//!
//! ```text
//! cargo run --release -p marsad-ner --example speed -- ../shared/corpus/anercorp/test.txt 20
//! ```

use std::process::ExitCode;
use std::time::Instant;

use marsad_ner::Tagger;

/// User + system CPU time of this process, in seconds (Linux).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) start after ") ".
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    // Clock ticks: 100 a second on Linux.
    Some((utime + stime) / 100.0)
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.first().ok_or("usage: speed FILE.conll [RUNS]")?;
    let runs: usize = match args.get(1) {
        Some(r) => r.parse().map_err(|e| format!("{r}: {e}"))?,
        None => 20,
    };
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut sentences: Vec<Vec<&str>> = vec![Vec::new()];
    for line in text.lines() {
        match line.split_whitespace().next() {
            Some(tok) => sentences.last_mut().expect("one").push(tok),
            None if !sentences.last().expect("one").is_empty() => sentences.push(Vec::new()),
            None => {}
        }
    }
    sentences.retain(|s| !s.is_empty());
    let tokens: usize = sentences.iter().map(Vec::len).sum();
    let loading = Instant::now();
    let tagger = Tagger::bundled().map_err(|e| e.to_string())?;
    let load = loading.elapsed();
    let (cpu0, wall0) = (cpu_seconds().ok_or("no /proc/self/stat")?, Instant::now());
    let mut found = 0usize;
    for _ in 0..runs {
        found += tagger
            .tag_document(&sentences)
            .iter()
            .flatten()
            .filter(|t| t.kind().is_some())
            .count();
    }
    let cpu = cpu_seconds().ok_or("no /proc/self/stat")? - cpu0;
    let wall = wall0.elapsed().as_secs_f64();
    let n = (tokens * runs) as f64;
    println!(
        "{tokens} tokens × {runs} runs: {:.0} tokens per CPU second ({:.0} per wall second); load {:.1?}; {} tagged tokens",
        n / cpu,
        n / wall,
        load,
        found / runs
    );
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("speed: {e}");
            ExitCode::from(2)
        }
    }
}
