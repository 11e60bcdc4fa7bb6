//! Training: CoNLL reading, the averaged structured perceptron, and entity-level scoring.
//!
//! The perceptron (Collins 2002) decodes each training sentence with the current weights
//! and, where the best sequence differs from the gold one, adds the gold sequence's
//! features and subtracts the predicted one's. The kept weights are the average over every
//! step, which generalizes far better than the last ones. Sentences are visited in an
//! order shuffled per epoch by a fixed-seed generator, and nothing iterates a hash map in
//! an order that matters, so the same data and options give the same bytes.

use crate::clusters::Clusters;
use crate::features::{
    sentence_features, stacked_features, tokens, DocStats, Gazetteer, Position, Token,
};
use crate::lexicon::Lexicon;
use crate::model::{edge_id, viterbi, FeatureMap, Model};
use crate::tag::{spans, EntityKind, Tag, N_TAGS};

/// One tagged sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// The tokens.
    pub words: Vec<String>,
    /// One tag per token.
    pub tags: Vec<Tag>,
}

/// Reads CoNLL text: `token TAG` a line (the tag is the last space-separated field), a
/// blank line between sentences. Errors give the 1-based line number.
pub fn read_conll(text: &str) -> Result<Vec<Sentence>, String> {
    let mut out = Vec::new();
    let mut cur = Sentence {
        words: Vec::new(),
        tags: Vec::new(),
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::replace(
                    &mut cur,
                    Sentence {
                        words: Vec::new(),
                        tags: Vec::new(),
                    },
                ));
            }
            continue;
        }
        let (word, tag) = line
            .trim()
            .rsplit_once(char::is_whitespace)
            .ok_or_else(|| format!("line {}: want `token TAG`, got {line:?}", n + 1))?;
        let tag =
            Tag::parse(tag.trim()).ok_or_else(|| format!("line {}: unknown tag {tag:?}", n + 1))?;
        cur.words.push(word.trim().to_string());
        cur.tags.push(tag);
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Training options.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Passes over the data.
    pub epochs: usize,
    /// Seed of the shuffling.
    pub seed: u64,
    /// Averaged weights smaller than this (in absolute value) are dropped.
    pub prune: f32,
    /// Features seen fewer times than this in the training data get no weights.
    pub min_count: u32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 10,
            seed: 0x6d61_7273_6164,
            prune: 0.1,
            min_count: 3,
        }
    }
}

/// xorshift64*: a small, fixed generator for the shuffles.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Weights and their running sums for averaging.
struct Averaged {
    /// Row of each feature id (node features, and edge features per previous tag).
    index: FeatureMap<u32>,
    /// Feature id of each row.
    ids: Vec<u64>,
    w: Vec<[f32; N_TAGS]>,
    u: Vec<[f64; N_TAGS]>,
    start: [f32; N_TAGS],
    start_u: [f64; N_TAGS],
    trans: [[f32; N_TAGS]; N_TAGS],
    trans_u: [[f64; N_TAGS]; N_TAGS],
    step: f64,
}

/// One training position: node features as rows, edge features as ids.
struct Prepared {
    node: Vec<u32>,
    edge: Vec<u64>,
}

impl Averaged {
    fn row(&mut self, id: u64) -> usize {
        let next = self.ids.len() as u32;
        let r = *self.index.entry(id).or_insert(next);
        if r == next {
            self.ids.push(id);
            self.w.push([0.0; N_TAGS]);
            self.u.push([0.0; N_TAGS]);
        }
        r as usize
    }

    fn bump(&mut self, row: usize, tag: Tag, d: f32) {
        self.w[row][tag.index()] += d;
        self.u[row][tag.index()] += self.step * f64::from(d);
    }

    fn update_sentence(&mut self, feats: &[Prepared], gold: &[Tag], pred: &[Tag]) {
        let c = self.step;
        for (i, (&g, &p)) in gold.iter().zip(pred).enumerate() {
            if g != p {
                for &f in &feats[i].node {
                    self.bump(f as usize, g, 1.0);
                    self.bump(f as usize, p, -1.0);
                }
            }
            if i == 0 {
                if g != p {
                    self.start[g.index()] += 1.0;
                    self.start_u[g.index()] += c;
                    self.start[p.index()] -= 1.0;
                    self.start_u[p.index()] -= c;
                }
                continue;
            }
            let (gp, pp) = (gold[i - 1], pred[i - 1]);
            if (gp, g) != (pp, p) {
                self.trans[gp.index()][g.index()] += 1.0;
                self.trans_u[gp.index()][g.index()] += c;
                self.trans[pp.index()][p.index()] -= 1.0;
                self.trans_u[pp.index()][p.index()] -= c;
                for &f in &feats[i].edge {
                    let r = self.row(edge_id(f, gp.index()));
                    self.bump(r, g, 1.0);
                    let r = self.row(edge_id(f, pp.index()));
                    self.bump(r, p, -1.0);
                }
            }
        }
    }

    fn decode(&self, feats: &[Prepared]) -> Vec<Tag> {
        let em: Vec<[f32; N_TAGS]> = feats
            .iter()
            .map(|pos| {
                let mut s = [0f32; N_TAGS];
                for &f in &pos.node {
                    for (a, b) in s.iter_mut().zip(&self.w[f as usize]) {
                        *a += b;
                    }
                }
                s
            })
            .collect();
        let tr: Vec<[[f32; N_TAGS]; N_TAGS]> = feats
            .iter()
            .map(|pos| {
                let mut tr = self.trans;
                for (p, row) in tr.iter_mut().enumerate() {
                    for &f in &pos.edge {
                        if let Some(&r) = self.index.get(&edge_id(f, p)) {
                            for (a, b) in row.iter_mut().zip(&self.w[r as usize]) {
                                *a += b;
                            }
                        }
                    }
                }
                tr
            })
            .collect();
        viterbi(&em, &self.start, &tr)
    }

    /// The averaged model, weights below `prune` dropped.
    fn average(&self, prune: f32) -> Model {
        let c = self.step;
        let avg = |w: f32, u: f64| (f64::from(w) - u / c) as f32;
        let mut m = Model::empty();
        for t in 0..N_TAGS {
            m.start[t] = avg(self.start[t], self.start_u[t]);
            for s in 0..N_TAGS {
                m.trans[t][s] = avg(self.trans[t][s], self.trans_u[t][s]);
            }
        }
        let mut weights = FeatureMap::default();
        for (i, &h) in self.ids.iter().enumerate() {
            let mut row = [0f32; N_TAGS];
            for (r, (&w, &u)) in row.iter_mut().zip(self.w[i].iter().zip(&self.u[i])) {
                let v = avg(w, u);
                if v.abs() >= prune {
                    *r = v;
                }
            }
            if row.iter().any(|&v| v != 0.0) {
                weights.insert(h, row);
            }
        }
        m.weights = weights;
        m
    }
}

/// Called after each epoch with its number and the averaged model so far.
pub type EpochHook<'a> = dyn FnMut(usize, &Model) + 'a;

/// Trains a model. `each_epoch`, when given, sees the averaged model after each pass
/// (1-based epoch number), e.g. to score a development set.
pub fn train(
    data: &[Sentence],
    gaz: &Gazetteer,
    clusters: &Clusters,
    lexicon: &Lexicon,
    opts: &TrainOptions,
    each_epoch: Option<&mut EpochHook<'_>>,
) -> Model {
    let hashed: Vec<Vec<Position>> = data
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            sentence_features(&tokens(&words, gaz, clusters, lexicon))
        })
        .collect();
    train_features(hashed, data, opts, each_epoch)
}

/// Trains the two passes of a [`Tagger`](crate::Tagger): the first on `data`; the second
/// on the first pass's output too, produced without cheating by jackknifing: `data` is
/// cut into `folds` consecutive blocks, each block is tagged by a first-pass model
/// trained on the other blocks, and each block is one document for
/// [`DocStats`]. `log` hears progress. Returns `(first, second)`.
pub fn train_two_pass(
    data: &[Sentence],
    gaz: &Gazetteer,
    clusters: &Clusters,
    lexicon: &Lexicon,
    opts: &TrainOptions,
    folds: usize,
    log: &mut dyn FnMut(String),
) -> (Model, Model) {
    let folds = folds.clamp(2, data.len().max(2));
    let toks: Vec<Vec<Token>> = data
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            tokens(&words, gaz, clusters, lexicon)
        })
        .collect();
    let n = data.len();
    let mut second_feats = Vec::with_capacity(n);
    for k in 0..folds {
        let (lo, hi) = (n * k / folds, n * (k + 1) / folds);
        let rest: Vec<Sentence> = data[..lo].iter().chain(&data[hi..]).cloned().collect();
        let m = train(&rest, gaz, clusters, lexicon, opts, None);
        let first: Vec<Vec<Tag>> = toks[lo..hi]
            .iter()
            .map(|t| m.decode(&sentence_features(t)))
            .collect();
        let stats = DocStats::new(&toks[lo..hi], &first);
        for (t, f) in toks[lo..hi].iter().zip(&first) {
            second_feats.push(stacked_features(t, f, &stats));
        }
        log(format!(
            "fold {}/{folds}: sentences {lo}..{hi} tagged",
            k + 1
        ));
    }
    let first = train(data, gaz, clusters, lexicon, opts, None);
    log("first pass trained".to_string());
    let second = train_features(second_feats, data, opts, None);
    log("second pass trained".to_string());
    (first, second)
}

/// Trains on precomputed features (one `Vec<Position>` per sentence of `data`, whose tags
/// are the gold).
pub fn train_features(
    hashed: Vec<Vec<Position>>,
    data: &[Sentence],
    opts: &TrainOptions,
    mut each_epoch: Option<&mut EpochHook<'_>>,
) -> Model {
    let mut counts: FeatureMap<u32> = FeatureMap::default();
    for pos in hashed.iter().flatten() {
        for f in &pos.node {
            *counts.entry(*f).or_default() += 1;
        }
    }
    let mut p = Averaged {
        index: FeatureMap::default(),
        ids: Vec::new(),
        w: Vec::new(),
        u: Vec::new(),
        start: [0.0; N_TAGS],
        start_u: [0.0; N_TAGS],
        trans: [[0.0; N_TAGS]; N_TAGS],
        trans_u: [[0.0; N_TAGS]; N_TAGS],
        step: 1.0,
    };
    // Node features indexed in first-seen order (deterministic).
    let feats: Vec<Vec<Prepared>> = hashed
        .into_iter()
        .map(|sent| {
            sent.into_iter()
                .map(|pos| Prepared {
                    node: pos
                        .node
                        .iter()
                        .filter(|f| counts[f] >= opts.min_count)
                        .map(|&f| p.row(f) as u32)
                        .collect(),
                    edge: pos.edge,
                })
                .collect()
        })
        .collect();
    // Mixed, so that every seed gives its own order (`seed | 1` made 2 and 3 one seed).
    let mut rng =
        Rng((opts.seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0x6a09_e667_f3bc_c909).max(1));
    let mut order: Vec<usize> = (0..data.len()).collect();
    for epoch in 1..=opts.epochs {
        rng.shuffle(&mut order);
        for &k in &order {
            let pred = p.decode(&feats[k]);
            if pred != data[k].tags {
                p.update_sentence(&feats[k], &data[k].tags, &pred);
            }
            p.step += 1.0;
        }
        if let Some(cb) = each_epoch.as_deref_mut() {
            cb(epoch, &p.average(opts.prune));
        }
    }
    p.average(opts.prune)
}

/// Entity-level counts per kind, as conlleval counts them (exact span and kind).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scores {
    /// `(true positives, false positives, false negatives)` per kind, in
    /// [`EntityKind::ALL`] order.
    pub counts: [(usize, usize, usize); 4],
}

impl Scores {
    /// Adds one sentence.
    pub fn add(&mut self, gold: &[Tag], pred: &[Tag]) {
        let g = spans(gold);
        let p = spans(pred);
        for s in &p {
            let c = &mut self.counts[s.2 as usize];
            if g.contains(s) {
                c.0 += 1;
            } else {
                c.1 += 1;
            }
        }
        for s in &g {
            if !p.contains(s) {
                self.counts[s.2 as usize].2 += 1;
            }
        }
    }

    /// Precision, recall and F1 of one kind, or of all (`None`).
    pub fn prf(&self, kind: Option<EntityKind>) -> (f64, f64, f64) {
        let (tp, fp, fneg) = match kind {
            Some(k) => self.counts[k as usize],
            None => self
                .counts
                .iter()
                .fold((0, 0, 0), |a, c| (a.0 + c.0, a.1 + c.1, a.2 + c.2)),
        };
        let p = tp as f64 / (tp + fp).max(1) as f64;
        let r = tp as f64 / (tp + fneg).max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_conll() {
        let s = read_conll("زار B-PERS\nx O\n\n\nب I-LOC\n").unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].words, ["زار", "x"]);
        assert_eq!(s[0].tags, [Tag::BPers, Tag::O]);
        assert_eq!(s[1].tags, [Tag::ILoc]);
        assert!(read_conll("a\n").unwrap_err().contains("line 1"));
        assert!(read_conll("a B-FOO\n").unwrap_err().contains("B-FOO"));
    }

    #[test]
    fn learns_a_toy_task_deterministically() {
        let data = read_conll(
            "قال O\nمحمد B-PERS\nعلي I-PERS\nفي O\nالقاهرة B-LOC\n\n\
             زار O\nأحمد B-PERS\nبيروت B-LOC\n\n\
             قال O\nأحمد B-PERS\nفي O\nبيروت B-LOC\n",
        )
        .unwrap();
        let gaz = Gazetteer::default();
        let opts = TrainOptions {
            epochs: 5,
            prune: 0.0,
            ..TrainOptions::default()
        };
        let none = Clusters::empty();
        let lex = Lexicon::empty();
        let m = train(&data, &gaz, &none, &lex, &opts, None);
        let again = train(&data, &gaz, &none, &lex, &opts, None);
        assert_eq!(m.to_bytes(), again.to_bytes());
        let mut scores = Scores::default();
        for s in &data {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            let pred = m.decode(&sentence_features(&tokens(&words, &gaz, &none, &lex)));
            scores.add(&s.tags, &pred);
        }
        assert_eq!(scores.prf(None).2, 1.0, "{scores:?}");
    }

    #[test]
    fn scores_count_exact_spans() {
        let mut s = Scores::default();
        s.add(
            &[Tag::BPers, Tag::IPers, Tag::O, Tag::BLoc],
            &[Tag::BPers, Tag::O, Tag::O, Tag::BLoc],
        );
        assert_eq!(s.counts[EntityKind::Pers as usize], (0, 1, 1));
        assert_eq!(s.counts[EntityKind::Loc as usize], (1, 0, 0));
    }
}
