//! Casualty tolls on real news: SaudiNewsNet sentences with a casualty word, annotated by
//! reading (`tests/realnews/tolls*.jsonl`, the sampling script beside them). Two splits:
//! `tolls_sentences.tsv` (dev, seed 14), annotated before the toll reader was measured on
//! it and read since, and `tolls_test_sentences.tsv` (test, seed 15, drawn apart from dev),
//! annotated by a reader who never ran the reader on it and frozen.
//!
//! A sentence is exact when the reader's tolls and the annotation's are the same list of
//! (kind, min, max) — a combined «قتيل وجريح» count is compared as the reader gives it,
//! `casualties`. The texts are read from `../shared/corpus/saudinewsnet`; without it the
//! test says it was skipped (and fails when `CI` is set).

use std::collections::{HashMap, HashSet};
use std::io::BufRead;
use std::path::{Path, PathBuf};

use marsad_events::toll::{find_tolls, TollKind};

/// Share of each split's sentences that must be exact: what the reader reaches today.
const DEV_FLOOR: f64 = 0.86;
const TEST_FLOOR: f64 = 0.76;

fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/saudinewsnet/articles.jsonl.gz");
    if p.exists() {
        return Some(p);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{} is missing: CI needs ../shared",
        p.display()
    );
    println!("skipped: {} not found", p.display());
    None
}

type Tolls = Vec<(String, Option<u64>, Option<u64>)>;

/// One split's rows (id, doc, start, end) and annotations by id.
fn split(repo: &Path, sentences: &str, gold: &str) -> (Vec<Vec<String>>, HashMap<String, Tolls>) {
    let rows = std::fs::read_to_string(repo.join("tests/realnews").join(sentences)).unwrap();
    let rows = rows
        .lines()
        .skip(1)
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect();
    let gold = std::fs::read_to_string(repo.join("tests/realnews").join(gold))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let mut tolls: Tolls = v["tolls"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| {
                    (
                        t["kind"].as_str().unwrap().to_string(),
                        t["min"].as_u64(),
                        t["max"].as_u64(),
                    )
                })
                .collect();
            tolls.sort();
            (v["id"].as_str().unwrap().to_string(), tolls)
        })
        .collect();
    (rows, gold)
}

#[test]
fn tolls_on_annotated_saudinewsnet_sentences() {
    let Some(corpus) = shared() else { return };
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let splits = [
        (
            "dev",
            split(&repo, "tolls_sentences.tsv", "tolls.jsonl"),
            DEV_FLOOR,
        ),
        (
            "test",
            split(&repo, "tolls_test_sentences.tsv", "tolls_test.jsonl"),
            TEST_FLOOR,
        ),
    ];
    let wanted: HashSet<&str> = splits
        .iter()
        .flat_map(|(_, (rows, _), _)| rows.iter().map(|r| r[1].as_str()))
        .collect();
    let mut texts: HashMap<String, String> = HashMap::new();
    let gz = flate2::read::GzDecoder::new(std::fs::File::open(&corpus).unwrap());
    for line in std::io::BufReader::new(gz).lines() {
        let line = line.unwrap();
        // Each line opens with its doc: parse only the wanted ones (debug builds are slow).
        if !line
            .get(..48)
            .is_some_and(|head| wanted.iter().any(|d| head.contains(d)))
        {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        let doc = v["doc"].as_str().unwrap();
        if wanted.contains(doc) {
            texts.insert(doc.to_string(), v["text"].as_str().unwrap().to_string());
        }
    }
    let mut under = Vec::new();
    for (name, (rows, gold), floor) in &splits {
        let (mut exact, mut report) = (0, String::new());
        for r in rows {
            let (id, doc) = (&r[0], &r[1]);
            let (a, b): (usize, usize) = (r[2].parse().unwrap(), r[3].parse().unwrap());
            let sentence: String = texts[doc].chars().skip(a).take(b - a).collect();
            let mut got: Tolls = find_tolls(&sentence)
                .iter()
                .map(|t| {
                    let kind = match t.kind {
                        TollKind::Killed => "killed",
                        TollKind::Wounded => "wounded",
                        TollKind::Casualties => "casualties",
                    };
                    (kind.to_string(), t.min.map(u64::from), t.max.map(u64::from))
                })
                .collect();
            got.sort();
            if got == gold[id] {
                exact += 1;
            } else {
                report.push_str(&format!("{id}: got {got:?}, want {:?}\n", gold[id]));
            }
        }
        let share = exact as f64 / rows.len() as f64;
        println!(
            "{report}tolls on real news, {name}: {exact}/{} exact ({share:.3})",
            rows.len()
        );
        if share < *floor {
            under.push(format!(
                "{name}: {exact}/{} exact, under {floor}",
                rows.len()
            ));
        }
    }
    assert!(under.is_empty(), "{}", under.join("; "));
}
