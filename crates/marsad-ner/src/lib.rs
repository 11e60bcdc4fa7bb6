//! A statistical named-entity tagger for Arabic news: people, places, organisations and
//! other names (PERS, LOC, ORG, MISC) in BIO tags, for the names no knowledge base lists.
//!
//! # Brief overview
//!
//! * [`Tagger`] is what callers hold: trained weights (two [`Model`]s, one per pass), a
//!   [`Gazetteer`] built from the knowledge base, and the word [`Clusters`] and name
//!   [`Lexicon`] learnt from SaudiNewsNet. [`Tagger::tag`] takes one sentence's
//!   tokens and returns one [`Tag`] per token; [`Tagger::tag_document`] takes a document's
//!   sentences. [`Tagger::bundled`] loads the weights shipped in
//!   `model/anercorp.weights` and the clusters in `model/saudinewsnet.clusters.gz` (both
//!   embedded in the binary) and the bundled KB, without the name lexicon
//!   (`model/saudinewsnet.names.gz` is for training with `--names`: see the README's
//!   issue-15 figures for why the bundled weights do not use it).
//! * [`features`] turns a sentence into per-token feature ids: word, folded form,
//!   clitic-stripped stem, prefixes and suffixes, shape, neighbouring words, KB-name marks
//!   (whole names and single words of names), word-cluster prefixes of the word and its
//!   neighbours, name-lexicon buckets of the word and its neighbours, and trigger words (titles such as الرئيس, organisation heads such as
//!   وزارة).
//! * [`clusters`] reads the word clusters (`examples/clusters.rs` learns them).
//! * [`lexicon`] reads the name lexicon: how often each word stands where a name stands
//!   in the news (`examples/names.rs` learns it by distant supervision).
//! * [`model`] holds the weights, their compact file format, and Viterbi decoding.
//! * [`train`] reads CoNLL data and trains the model (`examples/train.rs` is the command).
//!
//! # The design decision
//!
//! An averaged structured perceptron with first-order Viterbi decoding, in plain Rust,
//! trained by this project on ANERcorp: no downloaded model, no runtime beyond the standard
//! library, and weights small enough to embed (a few MB, loaded in milliseconds). Feature
//! templates are hashed (64-bit FNV-1a), so the model stores no vocabulary strings and
//! unseen features cost nothing. The price is accuracy: about ten F1 points below fine-tuned
//! transformers (CAMeLBERT ≈ 0.83 on ANERcorp), bought back partly with the knowledge base
//! as a gazetteer, with word clusters learnt from 10 million tokens of unlabelled news
//! (the pre-trained representation a perceptron can use: a bit string per word, 351 kB
//! gzipped), and with the document-level second pass.
//!
//! [`Tagger::tag_document`] runs two passes over a document: the second sees what the
//! first said about the same words in the other sentences (stacking, trained on
//! jackknifed first-pass output), so a surname found with a title in one sentence is found
//! alone in the next.
//!
//! **Quality** (entity-level F1 on the ANERcorp test portion as one document,
//! `score_conll.py`): PERS 0.71, LOC 0.84, ORG 0.61, MISC 0.79, all 0.75 (before the
//! clusters: 0.68, 0.85, 0.57, 0.80; 0.73). On a development split of the training file
//! (`bench/ner_ablation.sh`, 3 seeds) the clusters add 5 points of F1 on people and 5 on
//! organisations to the gazetteer's model (0.73 → 0.78, 0.60 → 0.65), short of the 0.80
//! and 0.65 hoped for on the test portion, where people stay at 0.71: most misses are
//! still people and organisations never seen in training (PERS recall 0.64), and
//! organisations' spans (ORG recall 0.54).
//! `bench/ner.sh` measures speed and load time; `examples/speed.rs` measures speed in CPU
//! time.
//!
//! The weights derive from ANERcorp and are GPL-3.0, the clusters from SaudiNewsNet and are
//! CC BY-NC-SA 4.0 (`model/LICENSE-NOTE.md`); the code is the workspace's licence.
//!
//! ```
//! use marsad_ner::{Tag, Tagger};
//! let tagger = Tagger::bundled().unwrap();
//! let tags = tagger.tag(&["وقال", "الرئيس", "المصري", "عبد", "الفتاح", "السيسي", "في", "القاهرة"]);
//! assert_eq!(tags[7], Tag::BLoc);
//! assert_eq!(tags[3], Tag::BPers);
//! ```
#![deny(missing_docs)]

pub mod clusters;
pub mod features;
mod format_error;
pub mod lexicon;
pub mod model;
mod tag;
pub mod train;

use std::fmt;

pub use clusters::Clusters;
pub use features::Gazetteer;
pub use lexicon::Lexicon;
pub use model::Model;
pub use tag::{repair_bio, spans, EntityKind, Tag};

/// The weights trained on ANERcorp (`model/anercorp.weights`; GPL-3.0, see
/// `model/LICENSE-NOTE.md`).
pub const BUNDLED_WEIGHTS: &[u8] = include_bytes!("../model/anercorp.weights");

/// Why a tagger could not be built.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The knowledge base failed to load.
    Kb(marsad_kb::Error),
    /// The weights (or the clusters) are not a model this build reads.
    Model(model::FormatError),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Kb(e) => write!(f, "loading the knowledge base: {e}"),
            Error::Model(e) => write!(f, "reading the NER weights: {e}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Kb(e) => Some(e),
            Error::Model(e) => Some(e),
        }
    }
}

/// A loaded tagger: the two passes' weights, the gazetteer, the clusters and the name
/// lexicon.
#[derive(Debug, Clone)]
pub struct Tagger {
    first: Model,
    second: Model,
    gazetteer: Gazetteer,
    clusters: Clusters,
    lexicon: Lexicon,
}

impl Tagger {
    /// The bundled weights with the bundled knowledge base as gazetteer.
    pub fn bundled() -> Result<Tagger, Error> {
        Tagger::from_bytes(BUNDLED_WEIGHTS)
    }

    /// Weights from `bytes` (a `.weights` file) with the bundled knowledge base as
    /// gazetteer and the bundled clusters (the weights were trained with them), and no
    /// name lexicon.
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, Error> {
        let kb = marsad_kb::Kb::load_bundled().map_err(Error::Kb)?;
        Tagger::from_bytes_with_kb(bytes, &kb)
    }

    /// Weights from `bytes` with `kb` as gazetteer, for a caller that holds the bundled
    /// knowledge base already (loading it costs more than the weights).
    pub fn from_bytes_with_kb(bytes: &[u8], kb: &marsad_kb::Kb) -> Result<Tagger, Error> {
        let mut models = model::models_from_bytes(bytes).map_err(Error::Model)?;
        if models.len() != 2 {
            return Err(Error::Model(model::FormatError(format!(
                "{} models, want 2 (first and second pass)",
                models.len()
            ))));
        }
        let second = models.pop().expect("two models");
        let first = models.pop().expect("two models");
        let clusters = Clusters::bundled().map_err(Error::Model)?;
        // The bundled weights were trained without the name lexicon (issue 15: it gained
        // on the dev split, lost on the test portion); weights trained with one need
        // `Tagger::new` and the same lexicon.
        Ok(Tagger::new(
            first,
            second,
            Gazetteer::from_kb(kb),
            clusters,
            Lexicon::empty(),
        ))
    }

    /// A tagger of the given parts (the gazetteer, clusters and name lexicon the weights
    /// were trained with).
    pub fn new(
        first: Model,
        second: Model,
        gazetteer: Gazetteer,
        clusters: Clusters,
        lexicon: Lexicon,
    ) -> Tagger {
        Tagger {
            first,
            second,
            gazetteer,
            clusters,
            lexicon,
        }
    }

    /// The weights file of this tagger's two passes (what [`Tagger::from_bytes`] reads).
    pub fn weights_to_bytes(&self) -> Vec<u8> {
        model::models_to_bytes(&[&self.first, &self.second])
    }

    /// Tags one sentence's tokens (as ANERcorp tokenizes: clitics stay attached, and
    /// punctuation stands alone) with the first pass alone: no document to draw on.
    /// Always valid BIO; one tag per token.
    pub fn tag(&self, words: &[&str]) -> Vec<Tag> {
        let toks = features::tokens(words, &self.gazetteer, &self.clusters, &self.lexicon);
        let mut tags = self.first.decode(&features::sentence_features(&toks));
        repair_bio(&mut tags);
        tags
    }

    /// Tags the sentences of one document in two passes: the first tags each sentence
    /// alone; the second sees, besides the same features, the first pass's tags and what
    /// it said about the same words in the document's other sentences
    /// ([`features::DocStats`]). A story names someone in full with a title once
    /// (الوزير دونالد رامسفيلد) and by surname alone afterwards (وصف رامسفيلد), where the
    /// sentence by itself says little. A document of one sentence gets [`Tagger::tag`].
    pub fn tag_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<Tag>> {
        if sentences.len() < 2 {
            return sentences.iter().map(|s| self.tag(s)).collect();
        }
        let toks: Vec<Vec<features::Token>> = sentences
            .iter()
            .map(|s| features::tokens(s, &self.gazetteer, &self.clusters, &self.lexicon))
            .collect();
        let feats: Vec<Vec<features::Position>> = toks
            .iter()
            .map(|t| features::sentence_features(t))
            .collect();
        let first: Vec<Vec<Tag>> = feats.iter().map(|p| self.first.decode(p)).collect();
        let stats = features::DocStats::new(&toks, &first);
        toks.iter()
            .zip(feats)
            .zip(&first)
            .map(|((t, p), f)| {
                let mut tags = self.second.decode(&features::stack(p, t, f, &stats));
                repair_bio(&mut tags);
                tags
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_weights_round_trip_to_the_same_bytes() {
        let t = Tagger::bundled().expect("the bundled weights load");
        assert_eq!(t.weights_to_bytes(), BUNDLED_WEIGHTS);
    }

    #[test]
    fn refuses_a_file_without_two_passes() {
        let one = Model::empty().to_bytes();
        let err = Tagger::from_bytes(&one).unwrap_err().to_string();
        assert!(err.contains("want 2"), "{err}");
        assert!(Tagger::from_bytes(b"MARSADNER\n").is_err());
    }

    #[test]
    fn one_sentence_documents_get_the_first_pass() {
        let t = Tagger::bundled().unwrap();
        let s = ["زار", "الرئيس", "الفرنسي", "باريس", "أمس"];
        assert_eq!(t.tag_document(&[s.to_vec()]), [t.tag(&s)]);
        let tags = t.tag_document(&[s.to_vec(), vec!["وعاد", "إلى", "باريس"]]);
        assert_eq!(tags.len(), 2);
        assert_eq!(tags[1].len(), 3);
        assert_eq!(tags[1][2], Tag::BLoc);
    }
}
