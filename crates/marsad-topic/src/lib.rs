//! The topic of a news page — politics, sport, economy, culture or opinion — with a
//! probability for each, so that the events stage can tell a political or security report
//! from a match report, a market page or a film review.
//!
//! «مواجهة قوية بين برشلونة الإسباني وليون الفرنسي» reads, word by word, like a meeting of
//! Spain and France; it is a football match. The events stage cannot see that from the
//! sentence, but the page says it everywhere: «المدرب», «المباراة», «الدوري». This crate
//! reads the whole page once and says what kind of page it is.
//!
//! # Brief overview
//!
//! * [`classify`]`(title, text)` → [`Topic`]: the most probable [`Class`], the
//!   probability of every class ([`Topic::p`]) and how many of the page's words the model
//!   knows ([`Topic::evidence`]). It uses the bundled model ([`bundled`]), parsed once.
//! * [`Model`] is a model file loaded ([`Model::parse`]) and applied
//!   ([`Model::classify`]); `model.rs` documents the format and the arithmetic.
//! * [`features`] cuts a page into the model's features — Marsad's folded words
//!   (`fold_chars(…, Chain::Match)`, cut where the store cuts its index words), each run of
//!   digits as `0`, Arabic words only — for the classifier and for the trainer alike.
//! * `train/` (the `train` example) labels SaudiNewsNet pages by the section in their
//!   URL, fits the model, evaluates it and writes `model/topic.tsv`; `model/NOTE.md`
//!   says how, with every figure below.
//!
//! # The design decision
//!
//! A multinomial logistic regression over single folded words, `(1 + ln tf) · idf`,
//! normalised per page, cut to the 5,000 words with the largest weights: a linear model is
//! enough to tell sport from politics (the vocabularies barely meet), is fast (one hash
//! lookup per word), small (277 KB of reviewable text, embedded), explainable (each
//! word's weights are a line of the file, strongest first), and its probabilities are
//! calibrated (on the test split, pages given 0.9–1.0 are right 97% of the time, 0.5–0.6:
//! 58%). Word pairs and a separate headline vocabulary were tried and measured no better
//! (`model/NOTE.md`), so the shipped model reads single words, the headline's with the
//! body's.
//!
//! The labels come for free, and that shapes the classes: three SaudiNewsNet papers put
//! the section in the URL (al-Watan `/Sports/`, 3alyoum `/finance/`, al-Jazirah
//! `sp12.htm`) and two are sport papers. `politics` is what those papers file as news —
//! politics, world, security, and local news of government and public order (a
//! governor's visit, a ministry's decision, a crash, an arrest); `culture` gathers
//! culture, art, celebrities, technology, religion pages and social occasions; `opinion`
//! is columns and readers' letters, whatever their subject. The mapping, section by
//! section, is `train/labels.rs`.
//!
//! # How good it is
//!
//! On the test split (1,189 pages of the three labelled papers, never seen in training):
//! accuracy 0.856; precision / recall politics 0.87 / 0.93, sport 0.96 / 0.93, economy
//! 0.84 / 0.71, culture 0.70 / 0.57, opinion 0.80 / 0.83. On a paper it never saw (each
//! labelled paper held out in turn) accuracy falls to 0.775, and culture, which each paper
//! fills differently, to 0.49 / 0.28; sport holds (0.92 / 0.92).
//!
//! What the events stage needs is the verdicts on pages whose URL says nothing. Read by
//! hand, from the eleven other papers: of 30 random pages, 23 were filed right, and the 7
//! wrong ones were all society or miscellany pages (a family's Eid gathering, an orphans'
//! trip, a company visiting patients) filed as politics; of 40 pages the model filed away
//! from politics (10 each as sport, economy, culture and opinion), 38 were right and none
//! was political or security news. The errors lean the safe way: the model rarely takes a
//! political page away from the events stage, and more often leaves it a society page.
//!
//! # Using it
//!
//! Weigh rather than cut: `1 − p(Politics)` is the chance the page is not news the events
//! stage is for. Read [`Topic::evidence`] too: on test pages with fewer than ten known
//! words (mostly a headline with an empty body) the verdict was right five times in eight,
//! against 84% and more above. The model knows Arabic only: a page in another language
//! has no feature, and gets the prior (politics 0.51), which leaves its events alone.
//!
//! On one core, 4 KB pages are classified at about 19,000 a second, 53 µs each
//! (`examples/topic_bench.rs`); the model loads in 6 ms.
//!
//! The bundled model is derived from SaudiNewsNet and is CC BY-NC-SA 4.0, for research use
//! (`model/NOTE.md`); the code is the workspace's licence.
//!
//! ```
//! use marsad_topic::{classify, Class};
//! let t = classify(
//!     Some("مواجهة نارية بين برشلونة الإسباني وليون الفرنسي"),
//!     "يلتقي فريق برشلونة مع ضيفه ليون مساء الأربعاء في دوري أبطال أوروبا لكرة القدم، \
//!      ويدخل المدرب المباراة بتشكيلته الأساسية بعد عودة المهاجم من الإصابة.",
//! );
//! assert_eq!(t.class, Class::Sport);
//! assert!(t.p(Class::Politics) < 0.1);
//! ```
#![deny(missing_docs)]

pub mod features;
mod model;

use std::sync::OnceLock;

pub use model::{FormatError, Model, FORMAT_VERSION};

/// The model trained on SaudiNewsNet (`model/topic.tsv`; CC BY-NC-SA 4.0 data, see
/// `model/NOTE.md`), embedded in the binary.
pub const BUNDLED_MODEL: &str = include_str!("../model/topic.tsv");

/// What a page is about, as its newspaper would file it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Class {
    /// Political, diplomatic, military and security news, and local news of government
    /// and public order (a governor's visit, a ministry's decision, a crash, an arrest).
    Politics,
    /// Sport: matches, clubs, transfers, federations.
    Sport,
    /// Economy: markets, oil prices, companies, banking, trade, real estate.
    Economy,
    /// Culture and society features: literature, art, cinema and music, celebrities,
    /// technology and gadgets, religion pages, weddings and social occasions.
    Culture,
    /// Opinion: columns, readers' letters and essays, whatever their subject.
    Opinion,
}

impl Class {
    /// Number of classes.
    pub const COUNT: usize = 5;

    /// Every class, in the order of [`Topic::probs`].
    pub const ALL: [Class; Class::COUNT] = [
        Class::Politics,
        Class::Sport,
        Class::Economy,
        Class::Culture,
        Class::Opinion,
    ];

    /// The class's name in the model file and in output: `politics`, `sport`, `economy`,
    /// `culture`, `opinion`.
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Politics => "politics",
            Class::Sport => "sport",
            Class::Economy => "economy",
            Class::Culture => "culture",
            Class::Opinion => "opinion",
        }
    }

    /// The class named `name` (as [`Class::as_str`] writes it).
    pub fn from_name(name: &str) -> Option<Class> {
        Class::ALL.into_iter().find(|c| c.as_str() == name)
    }

    /// Index into [`Topic::probs`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// The model's verdict on a page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Topic {
    /// The most probable class.
    pub class: Class,
    /// The probability of each class, in [`Class::ALL`]'s order; they sum to 1.
    pub probs: [f32; Class::COUNT],
    /// How many distinct features of the page the model knows. With none the answer is
    /// the model's prior (mostly politics); with a handful it rests on little.
    pub evidence: u32,
}

impl Topic {
    /// The probability of `class`.
    pub fn p(&self, class: Class) -> f32 {
        self.probs[class.index()]
    }

    fn from_scores(scores: [f32; Class::COUNT], evidence: u32) -> Topic {
        let max = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let mut probs = scores.map(|s| (s - max).exp());
        let sum: f32 = probs.iter().sum();
        for p in &mut probs {
            *p /= sum;
        }
        Topic::from_probs(probs, evidence)
    }

    fn from_probs(probs: [f32; Class::COUNT], evidence: u32) -> Topic {
        let mut best = 0;
        for i in 1..Class::COUNT {
            if probs[i] > probs[best] {
                best = i;
            }
        }
        Topic {
            class: Class::ALL[best],
            probs,
            evidence,
        }
    }
}

/// The bundled model, parsed on first use (a few milliseconds).
pub fn bundled() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| Model::parse(BUNDLED_MODEL).expect("the bundled topic model parses"))
}

/// The topic of a page by the bundled model: its headline (when known) and its cleaned
/// text. Pure and infallible; any text, in any language, gets an answer.
pub fn classify(title: Option<&str>, text: &str) -> Topic {
    bundled().classify(title, text)
}

#[cfg(test)]
mod tests;
