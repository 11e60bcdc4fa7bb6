//! Learns the word clusters the tagger reads (`model/saudinewsnet.clusters`) from
//! unlabelled news: the exchange algorithm over a two-sided class bigram model, then a
//! binary tree over the classes, so that every word gets a bit string whose prefixes are
//! coarser clusters (as Brown clusters give).
//!
//! ```text
//! cargo run --release -p marsad-ner --example clusters -- \
//!     ../shared/corpus/saudinewsnet/articles.jsonl.gz crates/marsad-ner/model/saudinewsnet.clusters.gz
//! ```
//!
//! (An output path ending in `.gz` is gzipped.)
//!
//! Options (after the two paths): `--classes K` (default 1000), `--min-count N` (words
//! seen fewer times share one unknown-word token and are not written; default 5),
//! `--iterations N` (exchange passes at most, default 12), `--seed N` (order in which
//! words are visited). The same corpus and options give the same file.
//!
//! # What the text is, for the clusters
//!
//! Exactly what the tagger sees (`features::tokens`): each article's title and text cut
//! into sentences (`marsad_text::sentences`), each sentence into tokens as
//! `marsad-entities` hands them to the tagger (runs of word characters, every other
//! non-space character a token of its own), each token folded with `Chain::Match`. A
//! sentence boundary is one token of its own (`<s>`).
//!
//! # The algorithm
//!
//! 1. **Exchange** (Kneser & Ney 1993; Martin, Liermann & Ney 1998). Words are put in `K`
//!    classes (the `i`-th most frequent in class `i mod K`); then, word by word, each is
//!    moved to the class that most increases the likelihood of the class bigram model
//!    `p(w_i | w_{i-1}) = p(c_i | c_{i-1}) p(w_i | c_i)`, i.e. maximizes
//!    `Σ N(c,d) ln N(c,d) − Σ N_left(c) ln N_left(c) − Σ N_right(d) ln N_right(d)`,
//!    until a pass moves fewer than 0.1% of the words. Trying a class for a word costs
//!    the number of distinct classes around it, against a dense `K × K` count matrix and
//!    a table of `x ln x`.
//! 2. **A tree over the classes**: Ward's agglomerative clustering of the classes'
//!    context distributions (which classes precede and follow them, Hellinger-mapped),
//!    merging the pair that least increases the within-group variance, each class
//!    counting one. The root's left branch is `0`, its right `1`; a word's bit string is
//!    the path to its class. (Brown et al. 1992 build the tree with the same bigram
//!    likelihood the classes maximize; Ward's criterion on the classes' contexts is
//!    cheaper and keeps the tree balanced, so short prefixes are useful clusters.)
//!
//! It reports its time, peak memory (`VmHWM` of `/proc/self/status`) and the
//! likelihood after each pass.

use std::collections::HashMap;
use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

const BOUNDARY: &str = "<s>";
const UNKNOWN: &str = "<unk>";

struct Options {
    classes: usize,
    min_count: u64,
    iterations: usize,
    seed: u64,
}

#[path = "shared/corpus.rs"]
mod corpus;
use corpus::peak_memory_mib;

/// Reads the corpus (JSON Lines, gzipped or not) into one stream of folded tokens,
/// `<s>` between sentences.
fn read_corpus(path: &str) -> Result<(Vec<String>, usize), String> {
    let mut stream = vec![BOUNDARY.to_string()];
    let articles = corpus::for_each_sentence(path, |toks| {
        stream.extend_from_slice(toks);
        stream.push(BOUNDARY.to_string());
    })?;
    Ok((stream, articles))
}

/// xorshift64*, for the visiting order.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// The word bigram counts in both directions (compressed rows), and word totals.
struct Bigrams {
    /// Successors of word `w`: `right[right_at[w]..right_at[w + 1]]`, `(word, count)`.
    right_at: Vec<usize>,
    right: Vec<(u32, u32)>,
    left_at: Vec<usize>,
    left: Vec<(u32, u32)>,
    /// Times the word is the left / the right element of a bigram.
    n_left: Vec<u64>,
    n_right: Vec<u64>,
}

fn rows(pairs: &mut [(u32, u32)], n: usize) -> (Vec<usize>, Vec<(u32, u32)>) {
    pairs.sort_unstable();
    let mut at = vec![0usize; n + 1];
    let mut out: Vec<(u32, u32)> = Vec::new();
    let mut i = 0;
    for (w, slot) in at.iter_mut().take(n).enumerate() {
        *slot = out.len();
        while i < pairs.len() && pairs[i].0 as usize == w {
            let v = pairs[i].1;
            let mut c = 0u32;
            while i < pairs.len() && pairs[i] == (w as u32, v) {
                c += 1;
                i += 1;
            }
            out.push((v, c));
        }
    }
    at[n] = out.len();
    (at, out)
}

impl Bigrams {
    fn new(ids: &[u32], n: usize) -> Bigrams {
        let mut fwd: Vec<(u32, u32)> = ids.windows(2).map(|p| (p[0], p[1])).collect();
        let (right_at, right) = rows(&mut fwd, n);
        let mut back: Vec<(u32, u32)> = ids.windows(2).map(|p| (p[1], p[0])).collect();
        let (left_at, left) = rows(&mut back, n);
        let mut n_left = vec![0u64; n];
        let mut n_right = vec![0u64; n];
        for p in ids.windows(2) {
            n_left[p[0] as usize] += 1;
            n_right[p[1] as usize] += 1;
        }
        Bigrams {
            right_at,
            right,
            left_at,
            left,
            n_left,
            n_right,
        }
    }
}

/// The class bigram counts of the exchange algorithm.
struct Exchange<'a> {
    k: usize,
    bi: &'a Bigrams,
    class: Vec<u32>,
    /// `n[c * k + d]`: bigrams of class `c` followed by class `d`; `nt` is its transpose.
    n: Vec<u64>,
    nt: Vec<u64>,
    n_left: Vec<u64>,
    n_right: Vec<u64>,
    /// `x ln x` for every count that can occur.
    xlx: Vec<f64>,
}

impl Exchange<'_> {
    fn g(&self, x: u64) -> f64 {
        self.xlx[x as usize]
    }

    /// Log-likelihood of the stream under the class bigram model (maximum-likelihood
    /// estimates, unsmoothed).
    fn likelihood(&self) -> f64 {
        let pairs: f64 = self.n.iter().map(|&x| self.g(x)).sum();
        let l: f64 = self.n_left.iter().map(|&x| self.g(x)).sum();
        let r: f64 = self.n_right.iter().map(|&x| self.g(x)).sum();
        // p(w | c) = N(w) / N(c): the words' own term, constant under exchange.
        let words: f64 = self.bi.n_right.iter().map(|&x| self.g(x)).sum();
        pairs - l - r + words
    }

    fn add(&mut self, c: usize, d: usize, x: i64) {
        let k = self.k;
        self.n[c * k + d] = (self.n[c * k + d] as i64 + x) as u64;
        self.nt[d * k + c] = (self.nt[d * k + c] as i64 + x) as u64;
    }

    /// Moves word `w` to the best class; returns whether it moved. `right`/`left` are
    /// scratch arrays of `k` zeros, left zeroed.
    fn visit(&mut self, w: usize, right: &mut [u64], left: &mut [u64], delta: &mut [f64]) -> bool {
        let k = self.k;
        let bi = self.bi;
        let a = self.class[w] as usize;
        let mut self_pairs = 0u64;
        let mut rs: Vec<usize> = Vec::new();
        let mut ls: Vec<usize> = Vec::new();
        for &(v, c) in &bi.right[bi.right_at[w]..bi.right_at[w + 1]] {
            if v as usize == w {
                self_pairs += u64::from(c);
                continue;
            }
            let d = self.class[v as usize] as usize;
            if right[d] == 0 {
                rs.push(d);
            }
            right[d] += u64::from(c);
        }
        for &(u, c) in &bi.left[bi.left_at[w]..bi.left_at[w + 1]] {
            if u as usize == w {
                continue;
            }
            let c0 = self.class[u as usize] as usize;
            if left[c0] == 0 {
                ls.push(c0);
            }
            left[c0] += u64::from(c);
        }
        // Take w out of its class.
        for &d in &rs {
            self.add(a, d, -(right[d] as i64));
        }
        for &c in &ls {
            self.add(c, a, -(left[c] as i64));
        }
        self.add(a, a, -(self_pairs as i64));
        self.n_left[a] -= bi.n_left[w];
        self.n_right[a] -= bi.n_right[w];
        // Gain of putting it in each class b.
        delta.iter_mut().for_each(|x| *x = 0.0);
        for &d in &rs {
            let x = right[d];
            let col = &self.nt[d * k..(d + 1) * k]; // N(b, d) over b
            for (acc, &nb) in delta.iter_mut().zip(col) {
                *acc += self.xlx[(nb + x) as usize] - self.xlx[nb as usize];
            }
        }
        for &c in &ls {
            let x = left[c];
            let row = &self.n[c * k..(c + 1) * k]; // N(c, b) over b
            for (acc, &nb) in delta.iter_mut().zip(row) {
                *acc += self.xlx[(nb + x) as usize] - self.xlx[nb as usize];
            }
        }
        let (wl, wr) = (bi.n_left[w], bi.n_right[w]);
        let mut best = a;
        let mut best_gain = f64::NEG_INFINITY;
        for b in 0..k {
            let nbb = self.n[b * k + b];
            // The loops above counted the diagonal as two separate cells; it is one.
            let mut gain = delta[b];
            gain -= self.g(nbb + right[b]) - self.g(nbb);
            gain -= self.g(nbb + left[b]) - self.g(nbb);
            gain += self.g(nbb + right[b] + left[b] + self_pairs) - self.g(nbb);
            gain -= self.g(self.n_left[b] + wl) - self.g(self.n_left[b]);
            gain -= self.g(self.n_right[b] + wr) - self.g(self.n_right[b]);
            if gain > best_gain + 1e-9 || (b == a && gain >= best_gain - 1e-9) {
                best_gain = gain;
                best = b;
            }
        }
        // Put it in.
        for &d in &rs {
            self.add(best, d, right[d] as i64);
        }
        for &c in &ls {
            self.add(c, best, left[c] as i64);
        }
        self.add(best, best, self_pairs as i64);
        self.n_left[best] += wl;
        self.n_right[best] += wr;
        self.class[w] = best as u32;
        for &d in &rs {
            right[d] = 0;
        }
        for &c in &ls {
            left[c] = 0;
        }
        best != a
    }
}

/// Ward's clustering of the classes' context vectors; returns each class's bit string.
fn tree(k: usize, n: &[u64], n_left: &[u64], n_right: &[u64]) -> Vec<String> {
    // Hellinger-mapped context distributions: what follows the class, what precedes it.
    let vecs: Vec<Vec<f64>> = (0..k)
        .map(|c| {
            let mut v = Vec::with_capacity(2 * k);
            let l = n_left[c].max(1) as f64;
            let r = n_right[c].max(1) as f64;
            v.extend((0..k).map(|d| (n[c * k + d] as f64 / l).sqrt()));
            v.extend((0..k).map(|d| (n[d * k + c] as f64 / r).sqrt()));
            v
        })
        .collect();
    let mut dist = vec![f64::INFINITY; k * k];
    for i in 0..k {
        for j in i + 1..k {
            let d: f64 = vecs[i]
                .iter()
                .zip(&vecs[j])
                .map(|(a, b)| (a - b) * (a - b))
                .sum();
            // Ward's distance between two singletons: half the squared distance.
            dist[i * k + j] = d / 2.0;
            dist[j * k + i] = d / 2.0;
        }
    }
    let mut size = vec![1f64; k];
    let mut alive = vec![true; k];
    // children[node] for merged nodes; node ids: classes 0..k, then k.. for merges.
    let mut node_of: Vec<usize> = (0..k).collect();
    let mut children: Vec<(usize, usize)> = Vec::new();
    for _ in 1..k {
        let mut best = (f64::INFINITY, 0, 0);
        for i in 0..k {
            if !alive[i] {
                continue;
            }
            for j in i + 1..k {
                if alive[j] && dist[i * k + j] < best.0 {
                    best = (dist[i * k + j], i, j);
                }
            }
        }
        let (dij, i, j) = best;
        // Lance–Williams update for Ward's method; i becomes the merged group.
        for m in 0..k {
            if !alive[m] || m == i || m == j {
                continue;
            }
            let (ni, nj, nm) = (size[i], size[j], size[m]);
            let d = ((ni + nm) * dist[i * k + m] + (nj + nm) * dist[j * k + m] - nm * dij)
                / (ni + nj + nm);
            dist[i * k + m] = d;
            dist[m * k + i] = d;
        }
        size[i] += size[j];
        alive[j] = false;
        children.push((node_of[i], node_of[j]));
        node_of[i] = k + children.len() - 1;
    }
    let root = k + children.len() - 1;
    let mut paths = vec![String::new(); k];
    let mut stack = vec![(root, String::new())];
    while let Some((node, path)) = stack.pop() {
        if node < k {
            paths[node] = path;
        } else {
            let (a, b) = children[node - k];
            stack.push((a, format!("{path}0")));
            stack.push((b, format!("{path}1")));
        }
    }
    paths
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        return Err("usage: clusters CORPUS.jsonl[.gz] OUT.clusters [--classes K] [--min-count N] [--iterations N] [--seed N]".into());
    }
    let mut o = Options {
        classes: 1000,
        min_count: 5,
        iterations: 12,
        seed: 1,
    };
    let mut rest = args[2..].iter();
    while let Some(flag) = rest.next() {
        let value = rest.next().ok_or_else(|| format!("{flag} wants a value"))?;
        let bad = |e: &dyn std::fmt::Display| format!("{flag} {value}: {e}");
        match flag.as_str() {
            "--classes" => o.classes = value.parse().map_err(|e| bad(&e))?,
            "--min-count" => o.min_count = value.parse().map_err(|e| bad(&e))?,
            "--iterations" => o.iterations = value.parse().map_err(|e| bad(&e))?,
            "--seed" => o.seed = value.parse().map_err(|e| bad(&e))?,
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    let start = Instant::now();
    let (stream, articles) = read_corpus(&args[0])?;
    let mut counts: HashMap<&str, u64> = HashMap::new();
    for t in &stream {
        *counts.entry(t.as_str()).or_default() += 1;
    }
    let types = counts.len();
    let mut vocab: Vec<(&str, u64)> = counts
        .iter()
        .filter(|(w, &c)| c >= o.min_count || **w == BOUNDARY)
        .map(|(&w, &c)| (w, c))
        .collect();
    let rare: u64 = counts
        .iter()
        .filter(|(w, &c)| c < o.min_count && **w != BOUNDARY)
        .map(|(_, &c)| c)
        .sum();
    vocab.push((UNKNOWN, rare));
    vocab.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let id: HashMap<&str, u32> = vocab
        .iter()
        .enumerate()
        .map(|(i, (w, _))| (*w, i as u32))
        .collect();
    let unk = id[UNKNOWN];
    let ids: Vec<u32> = stream
        .iter()
        .map(|t| id.get(t.as_str()).copied().unwrap_or(unk))
        .collect();
    let v = vocab.len();
    let k = o.classes.min(v);
    eprintln!(
        "clusters: {articles} articles, {} tokens, {types} types; {v} words seen {}+ times (the rest, {rare} tokens, as {UNKNOWN}); {k} classes; read in {:.1?}",
        ids.len(),
        o.min_count,
        start.elapsed()
    );
    let bi = Bigrams::new(&ids, v);
    let total = ids.len();
    let mut ex = Exchange {
        k,
        bi: &bi,
        class: (0..v).map(|i| (i % k) as u32).collect(),
        n: vec![0; k * k],
        nt: vec![0; k * k],
        n_left: vec![0; k],
        n_right: vec![0; k],
        xlx: (0..=total + 1)
            .map(|x| {
                if x == 0 {
                    0.0
                } else {
                    x as f64 * (x as f64).ln()
                }
            })
            .collect(),
    };
    for p in ids.windows(2) {
        let (c, d) = (
            ex.class[p[0] as usize] as usize,
            ex.class[p[1] as usize] as usize,
        );
        ex.add(c, d, 1);
        ex.n_left[c] += 1;
        ex.n_right[d] += 1;
    }
    let per_token = |ll: f64| -ll / (total - 1) as f64;
    eprintln!(
        "clusters: start: {:.4} nats/token ({:.1?})",
        per_token(ex.likelihood()),
        start.elapsed()
    );
    let mut order: Vec<usize> = (0..v).collect();
    let mut rng = Rng(o.seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let (mut right, mut left, mut delta) = (vec![0u64; k], vec![0u64; k], vec![0f64; k]);
    for it in 1..=o.iterations {
        // Most frequent words first, in a seeded order within blocks of 1000.
        for block in order.chunks_mut(1000) {
            for i in (1..block.len()).rev() {
                let j = (rng.next() % (i as u64 + 1)) as usize;
                block.swap(i, j);
            }
        }
        let mut moved = 0;
        for &w in &order {
            if ex.visit(w, &mut right, &mut left, &mut delta) {
                moved += 1;
            }
        }
        eprintln!(
            "clusters: pass {it}: {moved} words moved, {:.4} nats/token ({:.1?})",
            per_token(ex.likelihood()),
            start.elapsed()
        );
        if (moved as f64) < 0.001 * v as f64 {
            break;
        }
    }
    let paths = tree(k, &ex.n, &ex.n_left, &ex.n_right);
    let depth = paths.iter().map(String::len).max().unwrap_or(0);
    // One line a class: its bit string, then its words by decreasing frequency.
    let mut members: Vec<Vec<&str>> = vec![Vec::new(); k];
    for (i, (w, _)) in vocab.iter().enumerate() {
        if *w != UNKNOWN && *w != BOUNDARY {
            members[ex.class[i] as usize].push(w);
        }
    }
    let mut lines: Vec<(String, Vec<&str>)> = paths.into_iter().zip(members).collect();
    lines.sort();
    let mut out = String::new();
    out.push_str(&format!(
        "# marsad-ner word clusters v1: derived from SaudiNewsNet (CC BY-NC-SA 4.0), see LICENSE-NOTE.md\n# {k} classes, words seen {}+ times, seed {}; a line: bit string, tab, words (folded) separated by spaces\n",
        o.min_count, o.seed
    ));
    for (path, words) in &lines {
        if words.is_empty() {
            continue;
        }
        out.push_str(path);
        out.push('\t');
        out.push_str(&words.join(" "));
        out.push('\n');
    }
    // Gzipped (no name, no time stamp: the same bytes every run) when the name says so.
    let bytes = if args[1].ends_with(".gz") {
        let mut gz = flate2::GzBuilder::new().write(Vec::new(), flate2::Compression::best());
        gz.write_all(out.as_bytes())
            .and_then(|()| gz.finish())
            .map_err(|e| format!("{}: {e}", args[1]))?
    } else {
        out.into_bytes()
    };
    std::fs::write(&args[1], &bytes).map_err(|e| format!("{}: {e}", args[1]))?;
    eprintln!(
        "clusters: wrote {} ({} bytes, {} words, tree depth {depth}) in {:.1?}; peak memory {:.0} MiB",
        args[1],
        bytes.len(),
        v - 1,
        start.elapsed(),
        peak_memory_mib().unwrap_or(f64::NAN)
    );
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("clusters: {e}");
            ExitCode::from(2)
        }
    }
}
