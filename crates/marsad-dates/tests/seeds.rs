//! The five seed pages of `../shared/corpus/seeds`, through the real extraction pipeline
//! and then `find_dates`: every gold date must be found with its value (as
//! `shared/gold/score.py` matches them), and nothing may come from «3+3», «90 دقيقة»
//! or the boilerplate the gold lists under `drop`. Dates found beyond the gold are
//! printed for review (`cargo test -p marsad-dates --test seeds -- --nocapture`).
//!
//! Skipped, with a note, when `../shared` is absent; a failure then if `CI` is set.

use std::path::{Path, PathBuf};

use marsad_extract::sources::{self, Sidecar};
use serde_json::Value;

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if p.join("corpus/seeds").is_dir() {
        return Some(p);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "../shared not found, and CI is set: the seed test must run in CI"
    );
    println!("skipped: ../shared not found");
    None
}

fn norm_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Character spans of every occurrence of `needle` in `hay`.
fn occurrences(hay: &str, needle: &str) -> Vec<(usize, usize)> {
    hay.match_indices(needle)
        .map(|(b, _)| {
            let s = hay[..b].chars().count();
            (s, s + needle.chars().count())
        })
        .collect()
}

const FALSE_FRIENDS: &[&str] = &["3+3", "90 دقيقة"];

#[test]
fn seed_dates() {
    let Some(shared) = shared() else { return };
    let seeds = shared.join("corpus/seeds");
    let sidecar = Sidecar::read(&seeds.join("meta.tsv")).expect("meta.tsv");
    let gold_text = std::fs::read_to_string(shared.join("gold/seeds.jsonl")).expect("gold");
    let gold: Vec<Value> = gold_text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("gold JSON"))
        .collect();

    let mut problems = Vec::new();
    let mut extra = Vec::new();
    let mut checked = 0;
    for path in sources::walk(std::slice::from_ref(&seeds))
        .into_iter()
        .flatten()
    {
        for page in sources::read(&path, &sidecar).into_iter().flatten() {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let Some(g) = gold.iter().find(|g| g["doc"] == name.as_str()) else {
                continue;
            };
            // The raw page, uncleaned: false friends are not dates even there.
            let raw = String::from_utf8_lossy(&page.bytes).into_owned();
            let raw_found = marsad_dates::find_dates(&raw, None);
            for ff in FALSE_FRIENDS {
                for (s, e) in occurrences(&raw, ff) {
                    let hits = raw_found
                        .placed
                        .iter()
                        .map(|d| (d.start, d.end, &d.text))
                        .chain(raw_found.unplaced.iter().map(|u| (u.start, u.end, &u.text)));
                    for (a, b, t) in hits {
                        if a < e && s < b {
                            problems.push(format!(
                                "{name}: «{t}» read from the false friend «{ff}» in the raw page"
                            ));
                        }
                    }
                }
            }

            let docs = marsad_extract::extract(&page.source()).expect("seed extracts");
            let doc = docs
                .iter()
                .find(|d| !d.doc.contains('#'))
                .expect("a record for the page");
            let published = doc
                .published
                .as_deref()
                .and_then(|p| marsad_dates::read_published(p).ok()?.day);
            let found = marsad_dates::find_dates(&doc.text, published);
            for d in &found.placed {
                let got: String = doc
                    .text
                    .chars()
                    .skip(d.start)
                    .take(d.end - d.start)
                    .collect();
                assert_eq!(got, d.text, "{name}: offsets must slice the mention's text");
            }

            let gold_dates = g["dates"].as_array().cloned().unwrap_or_default();
            for gd in &gold_dates {
                checked += 1;
                let gt = norm_ws(gd["text"].as_str().unwrap());
                let gv = gd["value"].as_str().unwrap();
                let ok = found.placed.iter().any(|d| {
                    let t = norm_ws(&d.text);
                    d.value == gv && !t.is_empty() && (t.contains(&gt) || gt.contains(&t))
                });
                if !ok {
                    let got: Vec<String> = found
                        .placed
                        .iter()
                        .filter(|d| {
                            let t = norm_ws(&d.text);
                            t.contains(&gt) || gt.contains(&t)
                        })
                        .map(|d| format!("«{}»={}", d.text, d.value))
                        .collect();
                    problems.push(format!(
                        "{name}: gold «{gt}» = {gv} not found (got {got:?})\n    help: see crates/marsad-dates/src/resolve.rs and tests/data/dates.tsv"
                    ));
                }
            }
            for d in &found.placed {
                let t = norm_ws(&d.text);
                let in_gold = gold_dates.iter().any(|gd| {
                    let gt = norm_ws(gd["text"].as_str().unwrap());
                    t.contains(&gt) || gt.contains(&t)
                });
                if !in_gold {
                    extra.push(format!("{name}: «{}» = {}", d.text, d.value));
                }
                if FALSE_FRIENDS.iter().any(|ff| t.contains(ff)) {
                    problems.push(format!("{name}: «{t}» is a false friend"));
                }
                // No date from boilerplate: the paragraph holding it is not a `drop` passage.
                let para = doc.text[..]
                    .split("\n")
                    .find(|p| norm_ws(p).contains(&t))
                    .map(norm_ws)
                    .unwrap_or_default();
                for drop in g["drop"].as_array().into_iter().flatten() {
                    let drop = norm_ws(drop.as_str().unwrap_or(""));
                    if !drop.is_empty() && para == drop {
                        problems.push(format!("{name}: «{t}» comes from boilerplate «{drop}»"));
                    }
                }
            }
        }
    }
    println!("dates found beyond the gold, for precision review:");
    for e in &extra {
        println!("  {e}");
    }
    assert!(
        checked > 0,
        "the gold lists no dates: is seeds.jsonl the right file?"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
