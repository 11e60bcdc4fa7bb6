//! Trains the events gate (`crates/marsad-events/src/gate.rs`) on the judged newswire
//! sentences, development half (`../shared/corpus/gsr`), and writes `data/events/gate.tsv`.
//!
//! ```sh
//! cargo run --release -p marsad-pipeline --example train_gate -- ../shared/corpus/gsr data/events/gate.tsv
//! ```
//!
//! Each sentence is read by the whole chain ([`marsad_pipeline::annotate`]); every draft
//! of the sentence's type (an ASSAULT draft in `assault.tsv`, a PROTEST one in
//! `protest.tsv`) is an example, labelled by the annotators' verdict on the sentence
//! (`yes` against `easy no` and `difficult no`; `ambiguous` is left out, as the scorer
//! leaves it out). A logistic regression per type (L2, AdaGrad, 40 passes in an order
//! shuffled with seed 1: deterministic) gives each draft a probability.
//!
//! The threshold, and the L2 strength, are chosen by five-fold cross-validation *by
//! article* (no article's sentences on both sides of a fold; the fold of an article from
//! the seeded shuffle of the sorted article ids): each sentence is scored by the model
//! that did not see its article, and it is *detected* when one of its drafts scores at or
//! over the threshold, as `score_gsr.py` detects a sentence. The threshold kept is the one
//! with the best cross-validated F1; a type whose best is no better than no gate at all
//! gets no line (the gate passes it untouched). The figures go into the file's header.
//! The evaluation half of the set is never read.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use marsad_schema::Document;

const FOLDS: usize = 5;
const PASSES: usize = 40;
const SEED: u64 = 1;
/// How much better than no gate, in cross-validated F1, a type's gate must be to be
/// used: a smaller gain is within what a different shuffle of the folds changes.
const MARGIN: f64 = 0.02;
const L2: [f64; 5] = [1e-3, 1e-2, 3e-2, 1e-1, 3e-1];

struct Sentence {
    article: String,
    yes: bool,
    /// Each draft's features, as indices; `None` for a draft the gate does not judge
    /// (it always passes).
    drafts: Vec<Option<Vec<usize>>>,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [gsr, out] = &args[..] else {
        eprintln!("usage: train_gate GSR_DIR OUT.tsv");
        std::process::exit(2);
    };
    let started = std::time::Instant::now();
    let mut file = String::new();
    writeln!(
        file,
        "# The events gate (crates/marsad-events/src/gate.rs): a logistic regression per type\n\
         # over a draft's features, trained on the judged newswire sentences of\n\
         # openeventdata/arabic_event_gsr (MIT, (c) 2018 Open Event Data Alliance), the\n\
         # development half in ../shared/corpus/gsr, by\n\
         #   cargo run --release -p marsad-pipeline --example train_gate -- ../shared/corpus/gsr data/events/gate.tsv\n\
         # (deterministic: seed {SEED}, {PASSES} passes, {FOLDS} folds by article). Cross-validated figures\n\
         # (sentence detected when a draft of its type scores at or over the threshold):"
    )
    .unwrap();
    let mut body = String::new();
    for kind in ["ASSAULT", "PROTEST"] {
        let path = format!("{gsr}/{}.tsv", kind.to_lowercase());
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            eprintln!("train_gate: cannot read {path}: {e}");
            std::process::exit(1);
        });
        let mut names: BTreeMap<String, usize> = BTreeMap::new();
        let sentences = read(&text, kind, &mut names);
        let (header, model) = fit(kind, &sentences, &names);
        file.push_str(&header);
        body.push_str(&model);
    }
    file.push_str(&body);
    std::fs::write(out, file).unwrap_or_else(|e| {
        eprintln!("train_gate: cannot write {out}: {e}");
        std::process::exit(1);
    });
    eprintln!(
        "train_gate: wrote {out} in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

/// The judged sentences of one file, read by the chain, with their drafts' features.
fn read(text: &str, kind: &str, names: &mut BTreeMap<String, usize>) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        let f: Vec<&str> = line.splitn(6, '\t').collect();
        let [id, label, _, _, _, sentence] = f[..] else {
            eprintln!("train_gate: line {} of {kind}: not six columns", n + 1);
            continue;
        };
        if label == "ambiguous" {
            continue;
        }
        let mut doc = Document::new(id, sentence.to_string());
        if let Err(e) = marsad_pipeline::annotate(&mut doc) {
            eprintln!("train_gate: {id}: {e}");
            continue;
        }
        let drafts = marsad_events::gate_samples(&doc, None)
            .into_iter()
            .filter(|s| s.kind == kind)
            .map(|s| {
                s.judged.then(|| {
                    s.features
                        .into_iter()
                        .map(|f| {
                            let next = names.len();
                            *names.entry(f).or_insert(next)
                        })
                        .collect()
                })
            })
            .collect();
        out.push(Sentence {
            article: id.rsplit_once('-').map_or(id, |(a, _)| a).to_string(),
            yes: label == "yes",
            drafts,
        });
    }
    out
}

/// Cross-validates, picks L2 and the threshold, trains on everything: the header lines
/// and the model lines for the type.
fn fit(kind: &str, sentences: &[Sentence], names: &BTreeMap<String, usize>) -> (String, String) {
    let articles: BTreeSet<&str> = sentences.iter().map(|s| s.article.as_str()).collect();
    let mut order: Vec<&str> = articles.into_iter().collect();
    shuffle(&mut order, SEED);
    let fold_of: BTreeMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(i, a)| (*a, i % FOLDS))
        .collect();
    let n_features = names.len();
    let baseline = f1_at(sentences, &[], 0.0, true);
    let mut best: Option<(f64, f64, f64, (f64, f64))> = None; // (f1, l2, threshold, (p, r))
    for l2 in L2 {
        // Out-of-fold probabilities of every draft.
        let mut probs: Vec<Vec<f64>> = sentences
            .iter()
            .map(|s| vec![0.0; s.drafts.len()])
            .collect();
        for fold in 0..FOLDS {
            let train: Vec<&Sentence> = sentences
                .iter()
                .filter(|s| fold_of[s.article.as_str()] != fold)
                .collect();
            let (w, b) = train_lr(&train, n_features, l2);
            for (i, s) in sentences.iter().enumerate() {
                if fold_of[s.article.as_str()] == fold {
                    probs[i] = s
                        .drafts
                        .iter()
                        .map(|d| d.as_ref().map_or(1.0, |d| prob(&w, b, d)))
                        .collect();
                }
            }
        }
        for step in 1..20 {
            let t = step as f64 * 0.05;
            let (f1, p, r) = f1_at(sentences, &probs, t, false);
            if best.is_none_or(|(bf, ..)| f1 > bf) {
                best = Some((f1, l2, t, (p, r)));
            }
        }
    }
    let (f1, l2, threshold, (p, r)) = best.expect("a grid");
    let (bf1, bp, br) = baseline;
    let yes = sentences.iter().filter(|s| s.yes).count();
    let mut header = format!(
        "# {kind}: {} sentences judged ({yes} yes), {} drafts. No gate: P {bp:.3} R {br:.3} F1 {bf1:.3}.\n",
        sentences.len(),
        sentences.iter().map(|s| s.drafts.len()).sum::<usize>()
    );
    let mut model = String::new();
    if f1 < bf1 + MARGIN {
        writeln!(
            header,
            "# {kind}: the gate does not pay (best F1 {f1:.3}): not gated."
        )
        .unwrap();
        return (header, model);
    }
    writeln!(
        header,
        "# {kind}: gated, L2 {l2}, threshold {threshold:.2}: P {p:.3} R {r:.3} F1 {f1:.3} (cross-validated)."
    )
    .unwrap();
    let all: Vec<&Sentence> = sentences.iter().collect();
    let (w, b) = train_lr(&all, n_features, l2);
    writeln!(model, "type {kind} {b:.4} {threshold:.2}").unwrap();
    for (name, &i) in names {
        if name.starts_with(&format!("{kind}|")) && w[i].abs() >= 0.005 {
            writeln!(model, "{name}\t{:.4}", w[i]).unwrap();
        }
    }
    (header, model)
}

/// Precision, recall and F1 of sentence detection at a threshold (`none` = no gate: every
/// sentence with a draft is detected).
fn f1_at(sentences: &[Sentence], probs: &[Vec<f64>], t: f64, none: bool) -> (f64, f64, f64) {
    let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
    for (i, s) in sentences.iter().enumerate() {
        let got = if none {
            !s.drafts.is_empty()
        } else {
            probs[i].iter().any(|&p| p >= t)
        };
        match (got, s.yes) {
            (true, true) => tp += 1.0,
            (true, false) => fp += 1.0,
            (false, true) => fn_ += 1.0,
            _ => {}
        }
    }
    let p = tp / f64::max(tp + fp, 1.0);
    let r = tp / f64::max(tp + fn_, 1.0);
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (f1, p, r)
}

fn prob(w: &[f64], b: f64, features: &[usize]) -> f64 {
    let z = b + features.iter().map(|&i| w[i]).sum::<f64>();
    1.0 / (1.0 + (-z).exp())
}

/// Logistic regression by AdaGrad over the drafts, each labelled with its sentence's
/// verdict; the order of the drafts shuffled with the seed, again each pass.
fn train_lr(sentences: &[&Sentence], n: usize, l2: f64) -> (Vec<f64>, f64) {
    let mut examples: Vec<(&[usize], f64)> = sentences
        .iter()
        .flat_map(|s| {
            s.drafts
                .iter()
                .flatten()
                .map(move |d| (d.as_slice(), if s.yes { 1.0 } else { 0.0 }))
        })
        .collect();
    let (mut w, mut b) = (vec![0.0; n], 0.0);
    let (mut g2, mut gb2) = (vec![1e-8; n], 1e-8);
    let rate = 0.5;
    for pass in 0..PASSES {
        shuffle(&mut examples, SEED + pass as u64);
        for (x, y) in &examples {
            let g = prob(&w, b, x) - y;
            for &i in x.iter() {
                let gi = g + l2 * w[i];
                g2[i] += gi * gi;
                w[i] -= rate * gi / g2[i].sqrt();
            }
            gb2 += g * g;
            b -= rate * g / f64::sqrt(gb2);
        }
    }
    (w, b)
}

/// Fisher–Yates with a small deterministic generator (splitmix64).
fn shuffle<T>(v: &mut [T], seed: u64) {
    let mut state = seed;
    let mut next = || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    for i in (1..v.len()).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        v.swap(i, j);
    }
}
