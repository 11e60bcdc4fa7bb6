//! Times MinHash signatures and LSH alone, for `bench/dedup.sh` (beside datasketch on
//! the same documents). Not a test: timings belong to the bench script.
//!
//! ```text
//! cargo run --release -p marsad-dedup --example lsh_bench -- FILE.jsonl...
//! cargo run --release -p marsad-dedup --example lsh_bench -- --synthetic 1000000
//! ```
//!
//! With files: reads every line's `text` into memory first (untimed), then on one
//! thread computes each text's signature, looks it up in an [`Index`] and adds it when
//! it repeats nothing indexed (the usual dedup loop; datasketch's side does the same).
//! Prints one JSON line: documents, seconds for signatures and for LSH, documents per
//! second, near-duplicates found, the index's heap bytes.
//!
//! With `--synthetic N`: adds N random signatures (none repeats another, so every one is
//! indexed: the worst case for memory) without reading any text, so that the peak
//! resident memory of the process (`/usr/bin/time -f %M`) is the index's at N texts.

use std::io::BufRead;
use std::time::Instant;

use marsad_dedup::{Index, Signature, PERMUTATIONS};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--synthetic") {
        let n: usize = args
            .get(1)
            .and_then(|n| n.parse().ok())
            .expect("--synthetic N");
        synthetic(n);
        return;
    }
    let mut texts: Vec<String> = Vec::new();
    for path in &args {
        let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        for line in std::io::BufReader::new(file).lines() {
            let line = line.expect("reading");
            let v: serde_json::Value = serde_json::from_str(&line).expect("JSON line");
            if let Some(t) = v["text"].as_str() {
                texts.push(t.to_string());
            }
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();

    let t0 = Instant::now();
    let sigs: Vec<Option<Signature>> = texts.iter().map(|t| Signature::of(t)).collect();
    let sig_s = t0.elapsed().as_secs_f64();

    let t1 = Instant::now();
    let mut index = Index::new();
    let mut duplicates = 0usize;
    for s in sigs.iter().flatten() {
        if index.find(s).is_some() {
            duplicates += 1;
        } else {
            index.insert(s);
        }
    }
    let lsh_s = t1.elapsed().as_secs_f64();
    let total = sig_s + lsh_s;
    println!(
        "{{\"tool\":\"marsad-dedup\",\"docs\":{},\"mb\":{:.1},\"signature_s\":{sig_s:.3},\"lsh_s\":{lsh_s:.3},\"total_s\":{total:.3},\"docs_per_s\":{:.0},\"duplicates\":{duplicates},\"indexed\":{},\"index_mb\":{:.1}}}",
        texts.len(),
        bytes as f64 / 1e6,
        texts.len() as f64 / total,
        index.len(),
        index.heap_bytes() as f64 / 1e6
    );
}

fn synthetic(n: usize) {
    let mut state = 0x5eed_u64;
    let mut next = || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let t = Instant::now();
    let mut index = Index::new();
    let mut sig = Signature(vec![0; PERMUTATIONS]);
    for _ in 0..n {
        for v in sig.0.iter_mut() {
            *v = next();
        }
        index.insert(&sig);
    }
    println!(
        "{{\"synthetic\":{n},\"indexed\":{},\"index_mb\":{:.1},\"s\":{:.1}}}",
        index.len(),
        index.heap_bytes() as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
}
