//! Trains the topic model on SaudiNewsNet, evaluates it, and writes `model/topic.tsv`.
//!
//! ```text
//! cargo run --release -p marsad-topic --example train_topic -- \
//!     ../shared/corpus/saudinewsnet/articles.jsonl.gz crates/marsad-topic/model/topic.tsv
//! ```
//!
//! (from the workspace root; `../shared` is the project's shared data folder.) About 20 s
//! and 220 MB on one core; `--grid` adds a minute and a half.
//!
//! 1. Reads every article; labels those whose URL names a section (`labels.rs`), drops
//!    exact repeats (the same folded words in the same order), and splits the labelled
//!    pages by article, 70 / 15 / 15, by a hash of the article's `doc` id and the seed.
//! 2. Features (`marsad_topic::features`, the very code the crate classifies with). A
//!    feature is kept when at least `--min-df` training pages hold it, in at least two
//!    outlets, and it is not one paper's own word: among al-Watan, 3alyoum and
//!    al-Jazirah, the paper where it is most frequent (pages holding it over the paper's
//!    pages) holds at most `--max-share` of the three rates' sum. This drops the papers'
//!    furniture — 3alyoum's tag line «سمات», al-Jazirah's «مقالات أخرى للكاتب» under its
//!    columns — which said which paper, not which topic, and which the first models
//!    weighed among their strongest features.
//! 3. Logistic regression over `(1 + ln tf) · idf`, L2-normalised per page, fitted by
//!    L-BFGS (`lr.rs`); the `--features` columns with the largest absolute weights are
//!    kept and the model fitted again on them alone, so the shipped model is small and
//!    a page is normalised over the features the model has, as at run time.
//! 4. `--grid` prints, for C in {1, 2, 5, 10} and 2,000 to 8,000 features, the scores on
//!    the dev split and across outlets (each big outlet's train + dev pages scored by a
//!    model fitted on the other outlets' train + dev pages), with naive Bayes beside them.
//!    The test split is not touched. The defaults were chosen from it (`model/NOTE.md`).
//! 5. The final model is fitted on train + dev, written, read back with
//!    `marsad_topic::Model::parse` and scored on the test split through
//!    `Model::classify`: the figures are those of the shipped file and code path.
//! 6. Each big outlet is then held out in turn (fitted on the others' train + dev pages,
//!    scored on its test pages): what the model does on a paper it never saw.
//! 7. The pages with no section in their URL: the share of each predicted class per
//!    outlet; with `--sample N`, N of them drawn with the seed, printed for reading; with
//!    `--per-class N`, for each class but politics the first N of the same draw that the
//!    model files there.
//!
//! Options: `--seed N` (13), `--c C` (5), `--features K` (5000), `--min-df N` (3),
//! `--max-share S` (0.8), `--bigrams`, `--title-apart` (features the shipped model does not
//! use), `--grid`, `--sample N`, `--per-class N`. Training is deterministic: the same data,
//! code and options give the same bytes.

mod labels;
mod lr;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::process::ExitCode;
use std::time::Instant;

use marsad_topic::features::{self, Options};
use marsad_topic::{Class, Model};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;

use labels::Verdict;
use lr::{Data, Fit};

const K: usize = Class::COUNT;
/// Outlets that say their sections; a kept feature appears in two of them.
const LABELLED_OUTLETS: [&str; 5] = ["alwatan", "3alyoum", "aljazirah", "arreyadi", "arriyadiyah"];

#[derive(Deserialize)]
struct Article {
    doc: String,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    outlet: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Split {
    Train,
    Dev,
    Test,
}

struct Page {
    doc: String,
    outlet: String,
    title: Option<String>,
    text: String,
    verdict: Verdict,
    split: Split,
    /// Feature keys and counts, sorted by key (labelled pages only).
    feats: Vec<(u64, u32)>,
}

impl Page {
    fn class(&self) -> Option<Class> {
        match self.verdict {
            Verdict::Labelled(c, _) => Some(c),
            _ => None,
        }
    }
    /// The outlet as a bit; the two sport papers count as one outlet.
    fn outlet_bit(&self) -> u8 {
        LABELLED_OUTLETS
            .iter()
            .position(|o| *o == self.outlet)
            .map_or(0, |i| 1 << i.min(3))
    }
}

struct Config {
    seed: u64,
    c: f64,
    features: usize,
    min_df: u32,
    max_share: f64,
    grid: bool,
    sample: usize,
    per_class: usize,
    opts: Options,
}

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// A page's draw in `[0, 100)` for the split (and for sampling).
fn draw(doc: &str, seed: u64) -> u64 {
    splitmix(fnv(doc) ^ splitmix(seed)) % 100
}

fn read_pages(path: &str, cfg: &Config) -> Result<(Vec<Page>, FxHashMap<u64, String>), String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
    let reader: Box<dyn BufRead> = if path.ends_with(".gz") {
        Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(file)))
    } else {
        Box::new(BufReader::new(file))
    };
    let mut pages = Vec::new();
    let mut names: FxHashMap<u64, String> = FxHashMap::default();
    let mut seen: FxHashSet<u64> = FxHashSet::default();
    let (mut repeats, mut lines) = (0, 0);
    for (n, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| format!("{path}: line {}: {e}", n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        lines += 1;
        let a: Article =
            serde_json::from_str(&line).map_err(|e| format!("{path}: line {}: {e}", n + 1))?;
        let outlet = a.outlet.unwrap_or_default();
        let verdict = labels::verdict(&outlet, a.url.as_deref().unwrap_or(""));
        let title = a.title.filter(|t| !t.trim().is_empty());
        let mut feats = Vec::new();
        if matches!(verdict, Verdict::Labelled(..)) {
            let mut keys: Vec<u64> = Vec::new();
            features::scan(title.as_deref(), &a.text, cfg.opts, |k, name| {
                keys.push(k);
                names.entry(k).or_insert_with(name);
            });
            // An exact repeat: the same folded features in the same order.
            let whole = keys
                .iter()
                .fold(0u64, |h, &k| splitmix(h.rotate_left(7) ^ k));
            if !seen.insert(whole) {
                repeats += 1;
                continue;
            }
            keys.sort_unstable();
            feats = keys
                .chunk_by(|a, b| a == b)
                .map(|run| (run[0], run.len() as u32))
                .collect();
        }
        let split = match draw(&a.doc, cfg.seed) {
            0..70 => Split::Train,
            70..85 => Split::Dev,
            _ => Split::Test,
        };
        pages.push(Page {
            doc: a.doc,
            outlet,
            title,
            text: a.text,
            verdict,
            split,
            feats,
        });
    }
    eprintln!("{lines} articles read; {repeats} labelled exact repeats dropped");
    Ok((pages, names))
}

/// The big outlets whose word rates are compared to find one paper's own words.
const BIG_OUTLETS: [&str; 3] = ["alwatan", "3alyoum", "aljazirah"];

/// Keys held by at least `min_df` of `pages`, in at least two outlets, and not one
/// paper's own words: among the big outlets present, the share of the outlet where the
/// key is most frequent (pages holding it over that outlet's pages, divided by the sum of
/// these rates) is at most `max_share`. With their idf.
fn vocabulary(pages: &[&Page], cfg: &Config) -> (Vec<u64>, FxHashMap<u64, f32>) {
    let big = |p: &Page| BIG_OUTLETS.iter().position(|o| *o == p.outlet);
    let mut sizes = [0u32; 3];
    for p in pages {
        if let Some(i) = big(p) {
            sizes[i] += 1;
        }
    }
    let mut df: FxHashMap<u64, (u32, u8, [u32; 3])> = FxHashMap::default();
    for p in pages {
        let bit = p.outlet_bit();
        let b = big(p);
        for &(k, _) in &p.feats {
            let e = df.entry(k).or_insert((0, 0, [0; 3]));
            e.0 += 1;
            e.1 |= bit;
            if let Some(i) = b {
                e.2[i] += 1;
            }
        }
    }
    let share = |per: &[u32; 3]| -> f64 {
        let rates: Vec<f64> = (0..3)
            .filter(|&i| sizes[i] > 0)
            .map(|i| f64::from(per[i]) / f64::from(sizes[i]))
            .collect();
        let sum: f64 = rates.iter().sum();
        if rates.len() < 2 || sum == 0.0 {
            return 0.0;
        }
        rates.iter().copied().fold(0.0, f64::max) / sum
    };
    let n = pages.len() as f32;
    let mut keys: Vec<u64> = df
        .iter()
        .filter(|(_, (d, outlets, per))| {
            *d >= cfg.min_df && outlets.count_ones() >= 2 && share(per) <= cfg.max_share
        })
        .map(|(k, _)| *k)
        .collect();
    keys.sort_unstable();
    let idf = keys
        .iter()
        .map(|k| (*k, ((1.0 + n) / (1.0 + df[k].0 as f32)).ln() + 1.0))
        .collect();
    (keys, idf)
}

/// Pages as rows over `keys`: `(1 + ln tf) · idf`, L2-normalised (or raw counts).
fn matrix(pages: &[&Page], keys: &[u64], idf: &FxHashMap<u64, f32>, counts: bool) -> Data {
    let col: FxHashMap<u64, u32> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| (*k, i as u32))
        .collect();
    let rows = pages
        .iter()
        .map(|p| {
            let mut row: Vec<(u32, f32)> = p
                .feats
                .iter()
                .filter_map(|(k, c)| {
                    let j = *col.get(k)?;
                    let x = if counts {
                        *c as f32
                    } else {
                        (1.0 + (*c as f32).ln()) * idf[k]
                    };
                    Some((j, x))
                })
                .collect();
            if !counts {
                let norm = row.iter().map(|(_, x)| x * x).sum::<f32>().sqrt();
                if norm > 0.0 {
                    row.iter_mut().for_each(|(_, x)| *x /= norm);
                }
            }
            row
        })
        .collect();
    let y = pages
        .iter()
        .map(|p| p.class().unwrap().index() as u8)
        .collect();
    Data {
        rows,
        y,
        dim: keys.len(),
    }
}

/// Scores of a set of predictions against the truth.
#[derive(Default)]
struct Scores {
    confusion: [[u32; K]; K],
    log_loss: f64,
    /// Calibration: per bin of the top probability, (count, sum of p, correct).
    bins: [(u32, f64, u32); 10],
    n: u32,
}

impl Scores {
    fn add(&mut self, truth: Class, probs: &[f64; K]) {
        let best = (0..K).fold(0, |b, k| if probs[k] > probs[b] { k } else { b });
        self.confusion[truth.index()][best] += 1;
        self.log_loss -= probs[truth.index()].max(1e-12).ln();
        let bin = ((probs[best] * 10.0) as usize).min(9);
        self.bins[bin].0 += 1;
        self.bins[bin].1 += probs[best];
        self.bins[bin].2 += u32::from(best == truth.index());
        self.n += 1;
    }
    fn merge(&mut self, o: &Scores) {
        for t in 0..K {
            for p in 0..K {
                self.confusion[t][p] += o.confusion[t][p];
            }
        }
        self.log_loss += o.log_loss;
        for (a, b) in self.bins.iter_mut().zip(&o.bins) {
            a.0 += b.0;
            a.1 += b.1;
            a.2 += b.2;
        }
        self.n += o.n;
    }
    fn accuracy(&self) -> f64 {
        (0..K).map(|k| self.confusion[k][k]).sum::<u32>() as f64 / self.n as f64
    }
    fn prf(&self, k: usize) -> (f64, f64, f64) {
        let tp = self.confusion[k][k] as f64;
        let predicted: u32 = (0..K).map(|t| self.confusion[t][k]).sum();
        let actual: u32 = self.confusion[k].iter().sum();
        let p = if predicted > 0 {
            tp / predicted as f64
        } else {
            0.0
        };
        let r = if actual > 0 { tp / actual as f64 } else { 0.0 };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
    fn macro_f1(&self) -> f64 {
        (0..K).map(|k| self.prf(k).2).sum::<f64>() / K as f64
    }
    fn mean_log_loss(&self) -> f64 {
        self.log_loss / self.n as f64
    }
    /// Expected calibration error of the top probability.
    fn ece(&self) -> f64 {
        self.bins
            .iter()
            .map(|(_, p, ok)| (p - *ok as f64).abs())
            .sum::<f64>()
            / self.n as f64
    }
    fn line(&self) -> String {
        format!(
            "accuracy {:.3}  macro-F1 {:.3}  log-loss {:.3}  ECE {:.3}  (n = {})",
            self.accuracy(),
            self.macro_f1(),
            self.mean_log_loss(),
            self.ece(),
            self.n
        )
    }
    fn table(&self) -> String {
        let mut out =
            String::from("| class | precision | recall | F1 | pages |\n|---|---|---|---|---|\n");
        for c in Class::ALL {
            let (p, r, f) = self.prf(c.index());
            let n: u32 = self.confusion[c.index()].iter().sum();
            out.push_str(&format!(
                "| {} | {p:.3} | {r:.3} | {f:.3} | {n} |\n",
                c.as_str()
            ));
        }
        out.push_str("\nconfusion (rows: section says; columns: model says)\n\n| |");
        for c in Class::ALL {
            out.push_str(&format!(" {} |", c.as_str()));
        }
        out.push_str("\n|---|---|---|---|---|---|\n");
        for t in Class::ALL {
            out.push_str(&format!("| {} |", t.as_str()));
            for p in Class::ALL {
                out.push_str(&format!(" {} |", self.confusion[t.index()][p.index()]));
            }
            out.push('\n');
        }
        out.push_str("\ncalibration (top probability: pages, mean p, share right)\n");
        for (i, (c, p, ok)) in self.bins.iter().enumerate() {
            if *c > 0 {
                out.push_str(&format!(
                    "  [{:.1}, {:.1}): {c:5}  {:.3}  {:.3}\n",
                    i as f64 / 10.0,
                    (i + 1) as f64 / 10.0,
                    p / *c as f64,
                    *ok as f64 / *c as f64
                ));
            }
        }
        out
    }
}

fn score(fit: &Fit, data: &Data) -> Scores {
    let mut s = Scores::default();
    for (row, &y) in data.rows.iter().zip(&data.y) {
        s.add(Class::ALL[y as usize], &fit.probs(row));
    }
    s
}

/// A fitted model restricted to its `k` strongest features: (keys kept, fit on them).
struct Trained {
    keys: Vec<u64>,
    idf: FxHashMap<u64, f32>,
    fit: Fit,
}

fn train(pages: &[&Page], cfg: &Config, c: f64, k: usize) -> Trained {
    let (all, idf) = vocabulary(pages, cfg);
    let full = lr::fit(&matrix(pages, &all, &idf, false), c);
    let imp = full.importance(all.len());
    let mut order: Vec<usize> = (0..all.len()).collect();
    order.sort_by(|&a, &b| imp[b].total_cmp(&imp[a]).then(all[a].cmp(&all[b])));
    order.truncate(k);
    let mut keys: Vec<u64> = order.iter().map(|&i| all[i]).collect();
    keys.sort_unstable();
    let fit = lr::fit(&matrix(pages, &keys, &idf, false), c);
    Trained { keys, idf, fit }
}

/// For each C, a fit on all features of `fit_pages`, then for each K a fit on its K
/// strongest: their scores on `eval_pages`, keyed by (C, K).
fn sweep(
    fit_pages: &[&Page],
    eval_pages: &[&Page],
    cfg: &Config,
    cs: &[f64],
    ks: &[usize],
    out: &mut BTreeMap<(usize, usize), Scores>,
) {
    let (all, idf) = vocabulary(fit_pages, cfg);
    let x = matrix(fit_pages, &all, &idf, false);
    for (ci, &c) in cs.iter().enumerate() {
        let full = lr::fit(&x, c);
        let imp = full.importance(all.len());
        let mut order: Vec<usize> = (0..all.len()).collect();
        order.sort_by(|&a, &b| imp[b].total_cmp(&imp[a]).then(all[a].cmp(&all[b])));
        for &k in ks {
            let mut keys: Vec<u64> = order.iter().take(k).map(|&i| all[i]).collect();
            keys.sort_unstable();
            let fit = lr::fit(&matrix(fit_pages, &keys, &idf, false), c);
            let s = score(&fit, &matrix(eval_pages, &keys, &idf, false));
            out.entry((ci, k)).or_default().merge(&s);
        }
    }
}

/// Chooses C and the number of features: on the dev split, and across outlets (each big
/// outlet's train + dev pages scored by a model fitted on the other outlets' train + dev
/// pages, pooled). The test split is not touched.
fn grid(train_pages: &[&Page], dev_pages: &[&Page], labelled: &[&Page], cfg: &Config) {
    let (all, idf) = vocabulary(train_pages, cfg);
    println!(
        "## Choosing C and the number of features\n\n{} features pass min-df {}, two outlets, max share {}\n",
        all.len(),
        cfg.min_df,
        cfg.max_share
    );
    let counts_train = matrix(train_pages, &all, &idf, true);
    let counts_dev = matrix(dev_pages, &all, &idf, true);
    for alpha in [0.1, 1.0] {
        let nb = lr::naive_bayes(&counts_train, alpha);
        println!(
            "naive Bayes, alpha {alpha}, all features, dev: {}",
            score(&nb, &counts_dev).line()
        );
    }
    let cs = [1.0, 2.0, 5.0, 10.0];
    let ks = [2000, 3000, 5000, 8000];
    let mut dev = BTreeMap::new();
    sweep(train_pages, dev_pages, cfg, &cs, &ks, &mut dev);
    let mut cross = BTreeMap::new();
    for held in BIG_OUTLETS {
        let not_test = |p: &&&Page| p.split != Split::Test;
        let others: Vec<&Page> = labelled
            .iter()
            .filter(not_test)
            .filter(|p| p.outlet != held)
            .copied()
            .collect();
        let mine: Vec<&Page> = labelled
            .iter()
            .filter(not_test)
            .filter(|p| p.outlet == held)
            .copied()
            .collect();
        sweep(&others, &mine, cfg, &cs, &ks, &mut cross);
    }
    println!("\n| C | features | dev accuracy | dev macro-F1 | dev log-loss | cross accuracy | cross macro-F1 | cross log-loss | cross F1 sport / economy / culture / opinion |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for (key, d) in &dev {
        let x = &cross[key];
        println!(
            "| {} | {} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.2} / {:.2} / {:.2} / {:.2} |",
            cs[key.0],
            key.1,
            d.accuracy(),
            d.macro_f1(),
            d.mean_log_loss(),
            x.accuracy(),
            x.macro_f1(),
            x.mean_log_loss(),
            x.prf(1).2,
            x.prf(2).2,
            x.prf(3).2,
            x.prf(4).2
        );
    }
    println!();
}

fn write_model(
    path: &str,
    t: &Trained,
    prior: [f64; K],
    names: &FxHashMap<u64, String>,
    cfg: &Config,
    header: &str,
) -> Result<(), String> {
    let mut out = String::new();
    for l in header.lines() {
        out.push_str(&format!("# {l}\n").replace("# \n", "#\n"));
    }
    out.push_str(&format!("marsad-topic\t{}\n", marsad_topic::FORMAT_VERSION));
    out.push_str("classes");
    for c in Class::ALL {
        out.push_str(&format!("\t{}", c.as_str()));
    }
    out.push_str("\noptions");
    if cfg.opts.bigrams {
        out.push_str("\tbigrams");
    }
    if cfg.opts.title_apart {
        out.push_str("\ttitle_apart");
    }
    out.push_str("\nbias");
    for b in t.fit.bias {
        out.push_str(&format!("\t{}", num(b)));
    }
    out.push_str("\nprior");
    for p in prior {
        out.push_str(&format!("\t{p:.4}"));
    }
    out.push('\n');
    // Strongest first, so a reader meets the words that decide.
    let imp = t.fit.importance(t.keys.len());
    let mut order: Vec<usize> = (0..t.keys.len()).collect();
    order.sort_by(|&a, &b| {
        imp[b]
            .total_cmp(&imp[a])
            .then(names[&t.keys[a]].cmp(&names[&t.keys[b]]))
    });
    for j in order {
        let key = t.keys[j];
        out.push_str(&format!("{}\t{:.4}", names[&key], t.idf[&key]));
        for k in 0..K {
            out.push_str(&format!("\t{}", num(t.fit.w[j * K + k])));
        }
        out.push('\n');
    }
    std::fs::write(path, out).map_err(|e| format!("{path}: {e}"))
}

/// A weight with four decimals, without trailing zeros.
fn num(x: f64) -> String {
    let s = format!("{x:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    match s {
        "-0" | "" => "0".to_string(),
        _ => s.to_string(),
    }
}

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        return Err("usage: train ARTICLES.jsonl.gz OUT.tsv [--seed N] [--c C] [--features K] [--min-df N] [--grid] [--sample N]".into());
    }
    let mut cfg = Config {
        seed: 13,
        c: 5.0,
        features: 5000,
        min_df: 3,
        max_share: 0.8,
        grid: false,
        sample: 0,
        per_class: 0,
        opts: Options::default(),
    };
    let mut rest = args[2..].iter();
    while let Some(flag) = rest.next() {
        match flag.as_str() {
            "--grid" => cfg.grid = true,
            "--bigrams" => cfg.opts.bigrams = true,
            "--title-apart" => cfg.opts.title_apart = true,
            _ => {}
        }
        if matches!(flag.as_str(), "--grid" | "--bigrams" | "--title-apart") {
            continue;
        }
        let value = rest.next().ok_or_else(|| format!("{flag} wants a value"))?;
        let bad = |e: &dyn std::fmt::Display| format!("{flag} {value}: {e}");
        match flag.as_str() {
            "--seed" => cfg.seed = value.parse().map_err(|e| bad(&e))?,
            "--c" => cfg.c = value.parse().map_err(|e| bad(&e))?,
            "--features" => cfg.features = value.parse().map_err(|e| bad(&e))?,
            "--min-df" => cfg.min_df = value.parse().map_err(|e| bad(&e))?,
            "--max-share" => cfg.max_share = value.parse().map_err(|e| bad(&e))?,
            "--sample" => cfg.sample = value.parse().map_err(|e| bad(&e))?,
            "--per-class" => cfg.per_class = value.parse().map_err(|e| bad(&e))?,
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    let started = Instant::now();
    let (pages, names) = read_pages(&args[0], &cfg)?;
    eprintln!(
        "read and featurised in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let labelled: Vec<&Page> = pages.iter().filter(|p| p.class().is_some()).collect();
    let of =
        |s: Split| -> Vec<&Page> { labelled.iter().copied().filter(|p| p.split == s).collect() };
    let (train_pages, dev_pages, test_pages) = (of(Split::Train), of(Split::Dev), of(Split::Test));
    let mut by_section: BTreeMap<String, (u32, Option<Class>)> = BTreeMap::new();
    for p in &pages {
        match &p.verdict {
            Verdict::Labelled(c, s) => by_section.entry(s.clone()).or_insert((0, Some(*c))).0 += 1,
            Verdict::Excluded(s) => by_section.entry(s.clone()).or_insert((0, None)).0 += 1,
            Verdict::NoSection => {}
        }
    }
    println!("## Sections\n");
    for (s, (n, c)) in &by_section {
        println!("  {s:32} {n:5}  {}", c.map_or("(left out)", |c| c.as_str()));
    }
    let mut per_class = [[0u32; 3]; K];
    for p in &labelled {
        let i = match p.split {
            Split::Train => 0,
            Split::Dev => 1,
            Split::Test => 2,
        };
        per_class[p.class().unwrap().index()][i] += 1;
    }
    println!("\n## Labelled pages (train / dev / test)\n");
    for c in Class::ALL {
        let [a, b, t] = per_class[c.index()];
        println!("  {:10} {a:5} {b:5} {t:5}", c.as_str());
    }
    println!(
        "  {:10} {:5} {:5} {:5}\n",
        "all",
        train_pages.len(),
        dev_pages.len(),
        test_pages.len()
    );

    if cfg.grid {
        grid(&train_pages, &dev_pages, &labelled, &cfg);
    }

    // The final model: train + dev.
    let t = Instant::now();
    let fit_pages: Vec<&Page> = train_pages.iter().chain(&dev_pages).copied().collect();
    let trained = train(&fit_pages, &cfg, cfg.c, cfg.features);
    let fit_secs = t.elapsed().as_secs_f64();
    let read = match (cfg.opts.bigrams, cfg.opts.title_apart) {
        (false, false) => "folded words (headline and body in one bag)",
        (true, false) => "folded words and adjacent word pairs",
        (false, true) => "folded words, the headline's apart",
        (true, true) => "folded words, adjacent word pairs and headline words apart",
    };
    let header = format!(
        "Marsad topic model (crates/marsad-topic): multinomial logistic regression over\n\
         {read}.\n\
         Derived from SaudiNewsNet (M. Alhagri, 2015), CC BY-NC-SA 4.0, for research use:\n\
         see model/NOTE.md. Holds feature names and weights only, no text of the corpus.\n\
         \n\
         Written by crates/marsad-topic/train/main.rs: seed {}, C {}, {} features, min-df {},\n\
         max share {}, fitted on {} pages (train + dev).\n\
         \n\
         Lines: `feature <TAB> idf <TAB> weight per class`, strongest first.",
        cfg.seed,
        cfg.c,
        trained.keys.len(),
        cfg.min_df,
        cfg.max_share,
        fit_pages.len()
    );
    let mut prior = [0f64; K];
    for p in &fit_pages {
        prior[p.class().unwrap().index()] += 1.0 / fit_pages.len() as f64;
    }
    write_model(&args[1], &trained, prior, &names, &cfg, &header)?;
    let size = std::fs::metadata(&args[1]).map_or(0, |m| m.len());
    println!(
        "## Model\n\n{} features, {:.0} KB, fitted in {:.1} s ({} iterations)\n",
        trained.keys.len(),
        size as f64 / 1024.0,
        fit_secs,
        trained.fit.iterations
    );

    // Test, through the shipped file and code path.
    let text = std::fs::read_to_string(&args[1]).map_err(|e| format!("{}: {e}", args[1]))?;
    let model = Model::parse(&text).map_err(|e| format!("{}: {e}", args[1]))?;
    let mut test = Scores::default();
    let mut per_outlet: BTreeMap<&str, Scores> = BTreeMap::new();
    let xtest = matrix(&test_pages, &trained.keys, &trained.idf, false);
    let mut disagree = 0;
    let mut by_evidence: [Scores; 4] = Default::default();
    for (p, row) in test_pages.iter().zip(&xtest.rows) {
        let topic = model.classify(p.title.as_deref(), &p.text);
        let bucket = match topic.evidence {
            0..10 => 0,
            10..30 => 1,
            30..100 => 2,
            _ => 3,
        };
        by_evidence[bucket].add(p.class().unwrap(), &topic.probs.map(f64::from));
        let probs = topic.probs.map(f64::from);
        let inner = trained.fit.probs(row);
        if (0..K).any(|k| (probs[k] - inner[k]).abs() > 0.01) {
            disagree += 1;
        }
        test.add(p.class().unwrap(), &probs);
        per_outlet
            .entry(&p.outlet)
            .or_default()
            .add(p.class().unwrap(), &probs);
    }
    println!("## Test split, by the written model through Model::classify\n");
    println!("{}\n\n{}", test.line(), test.table());
    for (o, s) in &per_outlet {
        println!("  {o:12} {}", s.line());
    }
    println!("\nby the number of distinct known features of the page (`Topic::evidence`):");
    for (label, s) in ["0–9", "10–29", "30–99", "100+"].iter().zip(&by_evidence) {
        if s.n > 0 {
            println!("  {label:6} {}", s.line());
        }
    }
    println!(
        "\n({disagree} test pages where the written file and the trainer differ by more than 0.01)\n"
    );

    // Each big outlet held out: fitted on the others' train + dev pages, scored on its
    // own test pages.
    println!("## Outlets held out (fitted on the other outlets' train + dev pages, scored on its test pages)\n");
    let mut pooled = Scores::default();
    for held in BIG_OUTLETS {
        let others: Vec<&Page> = fit_pages
            .iter()
            .copied()
            .filter(|p| p.outlet != held)
            .collect();
        let mine: Vec<&Page> = test_pages
            .iter()
            .copied()
            .filter(|p| p.outlet == held)
            .collect();
        let t = train(&others, &cfg, cfg.c, cfg.features);
        let s = score(&t.fit, &matrix(&mine, &t.keys, &t.idf, false));
        println!("  {held:12} {}", s.line());
        pooled.merge(&s);
    }
    println!("\npooled: {}\n\n{}", pooled.line(), pooled.table());

    // Pages with no section: what the model makes of them.
    println!("## Pages whose URL names no section: share of each predicted class\n");
    let mut dist: BTreeMap<String, [u32; K]> = BTreeMap::new();
    for p in &pages {
        let key = match &p.verdict {
            Verdict::NoSection => p.outlet.clone(),
            Verdict::Excluded(s) => format!("{s} (left out)"),
            Verdict::Labelled(..) => continue,
        };
        let topic = model.classify(p.title.as_deref(), &p.text);
        dist.entry(key).or_default()[topic.class.index()] += 1;
    }
    print!("  {:36}", "");
    for c in Class::ALL {
        print!(" {:>9}", c.as_str());
    }
    println!();
    for (o, d) in &dist {
        let n: u32 = d.iter().sum();
        print!("  {o:36}");
        for v in d {
            print!(" {:>8.1}%", 100.0 * *v as f64 / n as f64);
        }
        println!("   ({n})");
    }
    if cfg.sample > 0 || cfg.per_class > 0 {
        let mut unlabelled: Vec<&Page> = pages
            .iter()
            .filter(|p| p.verdict == Verdict::NoSection)
            .collect();
        unlabelled.sort_by_key(|p| splitmix(fnv(&p.doc) ^ cfg.seed.wrapping_add(1)));
        let mut out = std::io::stdout().lock();
        let mut show = |i: usize, p: &Page, topic: &marsad_topic::Topic| {
            let opening: String = p.text.split_whitespace().collect::<Vec<_>>().join(" ");
            let opening: String = opening.chars().take(320).collect();
            let _ = writeln!(
                out,
                "{:2}. [{}] {} — {} ({})\n    {}\n    {}\n",
                i + 1,
                p.outlet,
                p.doc,
                topic.class.as_str(),
                Class::ALL
                    .iter()
                    .map(|c| format!("{} {:.2}", c.as_str(), topic.p(*c)))
                    .collect::<Vec<_>>()
                    .join(", "),
                p.title.as_deref().unwrap_or("(no title)"),
                opening
            );
        };
        if cfg.sample > 0 {
            println!(
                "\n## {} pages with no section, drawn with the seed\n",
                cfg.sample
            );
            for (i, p) in unlabelled.iter().take(cfg.sample).enumerate() {
                show(i, p, &model.classify(p.title.as_deref(), &p.text));
            }
        }
        // The pages the model would take away from the events stage: for each class but
        // politics, the first `per_class` of the same draw that the model files there.
        for class in &Class::ALL[1..] {
            if cfg.per_class == 0 {
                break;
            }
            println!(
                "\n## {} pages with no section that the model files as {}\n",
                cfg.per_class,
                class.as_str()
            );
            let found = unlabelled
                .iter()
                .map(|p| (p, model.classify(p.title.as_deref(), &p.text)))
                .filter(|(_, t)| t.class == *class)
                .take(cfg.per_class);
            for (i, (p, t)) in found.enumerate() {
                show(i, p, &t);
            }
        }
    }
    println!(
        "\ntotal {:.1} s, peak memory {:.0} MB",
        started.elapsed().as_secs_f64(),
        peak_rss_mb().unwrap_or(f64::NAN)
    );
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train: {e}");
            ExitCode::FAILURE
        }
    }
}
