//! The model: its text file format, its loading, and the scoring of a page.
//!
//! The file is tab-separated text, reviewable like the rest of Marsad's data (below,
//! `→` stands for a tab):
//!
//! ```text
//! # comments: provenance, licence
//! marsad-topic → 1
//! classes → politics → sport → economy → culture → opinion
//! options                                  (or: options → bigrams → title_apart)
//! bias → 1.1268 → 0.5793 → -0.6537 → 0.7877 → -1.8401
//! prior → 0.5146 → 0.1628 → 0.0889 → 0.1075 → 0.1261       (the training pages' shares)
//! الاتحاد → 3.6911 → -2.2054 → 4.0715 → -0.6118 → -1.6214 → 0.3671   (feature, idf, weights)
//! ```
//!
//! A feature is named as [`crate::features::scan`] names it: a folded word (`الدوري`),
//! and, with the options, two adjacent words (`كره القدم`) or a headline word
//! (`t:الهلال`). A page's score for class `c` is `bias[c] + Σ x_f · w[f][c]` over the
//! features `f` it holds, where `x_f = (1 + ln count_f) · idf_f` divided by the Euclidean
//! norm of all the page's `x`; the probabilities are the softmax of the scores. That is
//! exactly the trainer's (`train/main.rs`) multinomial logistic regression, so the
//! figures it measured through this code are the ones callers get. A page with none of
//! the model's features gets the prior instead: the softmax of the biases alone means
//! nothing (no training page had an empty vector).
//!
//! Loading hashes every name back to its key ([`crate::features::key_of_name`]) into one
//! hash map; scoring looks each word of the page up once, sorts the hits and weighs each
//! distinct feature once. There is no string building and one allocation per page.

use std::fmt;

use rustc_hash::FxHashMap;

use crate::features::{self, Options};
use crate::{Class, Topic};

/// Why a model file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    /// 1-based line number.
    pub line: usize,
    /// What was wrong.
    pub message: String,
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for FormatError {}

/// A loaded topic model.
#[derive(Debug, Clone)]
pub struct Model {
    options: Options,
    bias: [f32; Class::COUNT],
    prior: [f32; Class::COUNT],
    /// Feature key → row.
    rows: FxHashMap<u64, u32>,
    /// Per row: the idf and the class weights.
    idf: Vec<f32>,
    weights: Vec<[f32; Class::COUNT]>,
}

/// The format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

impl Model {
    /// Reads a model from its text form.
    pub fn parse(text: &str) -> Result<Model, FormatError> {
        let err = |line: usize, message: String| FormatError { line, message };
        let mut lines = text
            .lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l))
            .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty());
        let mut header = |what: &str| {
            let (n, l) = lines
                .next()
                .ok_or_else(|| err(0, format!("ends before the `{what}` line")))?;
            let mut cells = l.split('\t');
            if cells.next() != Some(what) {
                return Err(err(n, format!("expected the `{what}` line")));
            }
            Ok((n, cells.map(str::to_string).collect::<Vec<_>>()))
        };
        let (n, version) = header("marsad-topic")?;
        if version != [FORMAT_VERSION.to_string()] {
            return Err(err(
                n,
                format!("format {version:?}, this build reads {FORMAT_VERSION}"),
            ));
        }
        let (n, classes) = header("classes")?;
        let want: Vec<&str> = Class::ALL.iter().map(|c| c.as_str()).collect();
        if classes != want {
            return Err(err(
                n,
                format!("classes {classes:?}, this build has {want:?}"),
            ));
        }
        let (n, opts) = header("options")?;
        let mut options = Options {
            bigrams: false,
            title_apart: false,
        };
        for o in &opts {
            match o.as_str() {
                "bigrams" => options.bigrams = true,
                "title_apart" => options.title_apart = true,
                _ => return Err(err(n, format!("unknown option {o:?}"))),
            }
        }
        let (n, bias) = header("bias")?;
        let bias = numbers(&bias).ok_or_else(|| err(n, "bias: one number per class".into()))?;
        let (n, prior) = header("prior")?;
        let prior = numbers(&prior)
            .filter(|p| p.iter().all(|v| *v >= 0.0) && (p.iter().sum::<f32>() - 1.0).abs() < 0.01)
            .ok_or_else(|| err(n, "prior: one share per class, summing to 1".into()))?;
        let mut model = Model {
            options,
            bias,
            prior,
            rows: FxHashMap::default(),
            idf: Vec::new(),
            weights: Vec::new(),
        };
        for (n, l) in lines {
            let (name, rest) = l
                .split_once('\t')
                .ok_or_else(|| err(n, "a feature line has a name, an idf and weights".into()))?;
            let key = features::key_of_name(name)
                .ok_or_else(|| err(n, format!("{name:?} is not a feature name")))?;
            let (idf, w) = rest
                .split_once('\t')
                .ok_or_else(|| err(n, "no weights".into()))?;
            let idf: f32 = idf
                .parse()
                .map_err(|e| err(n, format!("idf {idf:?}: {e}")))?;
            let cells: Vec<String> = w.split('\t').map(str::to_string).collect();
            let w = numbers(&cells).ok_or_else(|| err(n, "one weight per class".into()))?;
            let row = model.idf.len() as u32;
            if model.rows.insert(key, row).is_some() {
                return Err(err(n, format!("{name:?} twice (or a hash collision)")));
            }
            model.idf.push(idf);
            model.weights.push(w);
        }
        Ok(model)
    }

    /// The feature options the model was trained with.
    pub fn options(&self) -> Options {
        self.options
    }

    /// Number of features the model weighs.
    pub fn len(&self) -> usize {
        self.idf.len()
    }

    /// Whether the model weighs no feature at all (it then answers its bias).
    pub fn is_empty(&self) -> bool {
        self.idf.is_empty()
    }

    /// The topic of a page: its headline (when known) and its cleaned text.
    pub fn classify(&self, title: Option<&str>, text: &str) -> Topic {
        let mut hits: Vec<u32> = Vec::with_capacity(text.len() / 16);
        features::scan(title, text, self.options, |k, _| {
            if let Some(&row) = self.rows.get(&k) {
                hits.push(row);
            }
        });
        hits.sort_unstable();
        let mut scores = [0f32; Class::COUNT];
        let mut norm2 = 0f32;
        let mut distinct = 0u32;
        for run in hits.chunk_by(|a, b| a == b) {
            let row = run[0] as usize;
            let x = (1.0 + (run.len() as f32).ln()) * self.idf[row];
            norm2 += x * x;
            distinct += 1;
            for (s, w) in scores.iter_mut().zip(&self.weights[row]) {
                *s += x * w;
            }
        }
        if distinct == 0 {
            return Topic::from_probs(self.prior, 0);
        }
        let inv = norm2.sqrt().recip();
        for (s, b) in scores.iter_mut().zip(&self.bias) {
            *s = *s * inv + b;
        }
        Topic::from_scores(scores, distinct)
    }
}

fn numbers(cells: &[String]) -> Option<[f32; Class::COUNT]> {
    if cells.len() != Class::COUNT {
        return None;
    }
    let mut out = [0f32; Class::COUNT];
    for (o, c) in out.iter_mut().zip(cells) {
        *o = c.parse().ok()?;
    }
    Some(out)
}
