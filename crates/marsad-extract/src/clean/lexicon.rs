//! The cleaner's vocabulary: page-furniture terms (`data/boilerplate.tsv`) and function
//! words, matched on folded text as whole words or behind an Arabic clitic.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use marsad_text::{clitics, fold_str, Chain};
use rustc_hash::FxHashSet;

/// What a vocabulary hit means; see the header of `data/boilerplate.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Interface vocabulary prose almost never uses.
    Strong,
    /// Interface vocabulary prose also uses.
    Weak,
    /// Heads a list of links to other articles.
    Marker,
    /// A block that only follows an article: tags, comments.
    Tail,
    /// Forum membership badge.
    Join,
    /// Update stamp.
    Update,
    /// Publication stamp.
    Publish,
    /// Introduces an author.
    Byline,
    /// Introduces the credited outlet.
    Source,
    /// Photo caption or credit.
    Caption,
    /// A disclaimer or author's note that closes an article.
    Close,
}

/// A term found in a line, as byte offsets into the line's [`key`] form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// What the term means.
    pub kind: Kind,
    /// Start of the term (after any clitic) in the key form.
    pub start: usize,
    /// End of the term in the key form.
    pub end: usize,
}

struct Lexicon {
    matcher: AhoCorasick,
    kinds: Vec<Kind>,
    /// Fx hashing: every word of every line is looked up here, and SipHash's
    /// protection against adversarial keys buys nothing for a fixed word list.
    function_words: FxHashSet<String>,
}

const TERMS: &str = include_str!("../../data/boilerplate.tsv");

/// Words that make up the grammar of running text. Their share of a line's words is
/// what separates a sentence from a menu or a headline (jusText's stop-word density).
const FUNCTION_WORDS: &str = "في من على الى إلى عن مع ان أن إن التي الذي الذين اللذين اللتين \
    هذا هذه ذلك تلك هناك بين بعد قبل خلال حيث كما قد لقد لا لم لن ما او أو ثم بل منذ عند حول \
    ضد دون لدى كان كانت يكون تكون وقد وكان وكانت فقد انه أنه انها أنها حتى اذا إذا كل بعض غير \
    اي أي ايضا أيضا وفي ومن وعلى والى وإلى وعن ومع وأن وان ولا ولم وهو وهي هو هي هم نحو عبر \
    عليه عليها فيه فيها منه منها له لها به بها الا إلا لكن ولكن وذلك وهذا وهذه فيما بينما كذلك \
    إنه وإن بأن لأن وبين وبعد وقبل وخلال التى \
    the of and to in a is that for on with as was by at from it an be are has have had this \
    which said were been will would not but their its they he she who \
    le la les de des du et en un une est que qui dans pour par sur au aux il elle ont a été \
    ve bir bu da de ile için olarak";

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut patterns = Vec::new();
        let mut kinds = Vec::new();
        for line in TERMS.lines() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(term), Some(kind)) = (cols.next(), cols.next()) else {
                continue;
            };
            let kind = match kind {
                "strong" => Kind::Strong,
                "weak" => Kind::Weak,
                "marker" => Kind::Marker,
                "tail" => Kind::Tail,
                "join" => Kind::Join,
                "update" => Kind::Update,
                "publish" => Kind::Publish,
                "byline" => Kind::Byline,
                "source" => Kind::Source,
                "caption" => Kind::Caption,
                "close" => Kind::Close,
                other => panic!("data/boilerplate.tsv: unknown kind {other:?} for {term:?}"),
            };
            let term = key(term).trim().to_string();
            // ل before ال drops the alef: ل + المشتركين is written للمشتركين.
            if let Some(variant) = clitics::article_variant(&term) {
                patterns.push(variant);
                kinds.push(kind);
            }
            patterns.push(term);
            kinds.push(kind);
        }
        // A full DFA: every line of every page is searched, and its one transition
        // lookup per byte beats the default NFA's failure-link walks (the vocabulary is
        // small, so the table is too).
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .expect("boilerplate vocabulary builds");
        let function_words = FUNCTION_WORDS
            .split_whitespace()
            .map(|w| key(w).trim().to_string())
            .collect();
        Lexicon {
            matcher,
            kinds,
            function_words,
        }
    })
}

/// The form lines and terms are compared in: folded for matching, every character that
/// is not part of a word turned into a space, runs of spaces collapsed, one space at
/// each end so that word boundaries are plain spaces.
pub fn key(s: &str) -> String {
    let folded = fold_str(s, Chain::Match);
    let mut out = String::with_capacity(folded.len() + 2);
    out.push(' ');
    for c in folded.chars() {
        if marsad_text::chars::is_alphanumeric(c) {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

/// Every vocabulary term in `line_key` (a [`key`] form), at word boundaries.
pub fn hits(line_key: &str) -> Vec<Hit> {
    let lex = lexicon();
    let mut out: Vec<Hit> = Vec::new();
    for m in lex.matcher.find_overlapping_iter(line_key) {
        let (s, e) = (m.start(), m.end());
        if !line_key[e..].starts_with(' ') || !clitics::at_boundary(line_key, s) {
            continue;
        }
        let kind = lex.kinds[m.pattern().as_usize()];
        if !out
            .iter()
            .any(|h| h.kind == kind && h.start < e && s < h.end)
        {
            out.push(Hit {
                kind,
                start: s,
                end: e,
            });
        }
    }
    out
}

/// How many words `line_key` has, and how many of them are function words, in one pass.
pub fn count_words(line_key: &str) -> (usize, usize) {
    let lex = lexicon();
    line_key
        .split_whitespace()
        .fold((0, 0), |(all, function), w| {
            (
                all + 1,
                function + usize::from(lex.function_words.contains(w)),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<Kind> {
        let mut k: Vec<_> = hits(&key(s)).into_iter().map(|h| h.kind).collect();
        k.sort_by_key(|k| *k as u8);
        k.dedup();
        k
    }

    #[test]
    fn finds_terms_behind_clitics() {
        assert!(kinds("من أجل الاشتراك للمشتركين").contains(&Kind::Strong));
        assert_eq!(kinds("وبالفيسبوك"), vec![Kind::Strong]);
        assert!(kinds("الفيسبوكية").is_empty(), "the term must end the word");
        assert_eq!(
            kinds("لمتابعة صفحتنا على تويتر"),
            vec![Kind::Strong, Kind::Weak]
        );
    }

    #[test]
    fn folds_spelling_variants() {
        assert_eq!(kinds("إقرأ أيضاً:"), vec![Kind::Marker]);
        assert_eq!(kinds("مقالات ذات صلة"), vec![Kind::Marker]);
        assert!(kinds("Bu haberi paylaşın").contains(&Kind::Strong));
    }

    #[test]
    fn does_not_match_inside_words() {
        assert!(kinds("المشاركون في القمة").is_empty());
        assert!(kinds("الرئيس يشارك في القمة").is_empty());
    }

    #[test]
    fn counts_words_and_function_words() {
        assert_eq!(
            count_words(&key("بحث الرئيس مع نظيره الوضع في المنطقة")),
            (7, 2)
        );
    }
}
