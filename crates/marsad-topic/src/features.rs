//! From a page to the features the model weighs: folded words and, as options the shipped
//! model does not use, pairs of adjacent words and the headline's words apart.
//!
//! The words are Marsad's: the text goes through [`marsad_text::fold_chars`] with
//! [`Chain::Match`] (alef forms, ة → ه, ى → ي, tashkeel and tatweel dropped, digits made
//! ASCII, Latin lower-cased) and is cut into the maximal runs of
//! [`marsad_text::is_word_char`], exactly as the store cuts the words it indexes. One
//! step more, for this model only: every run of digits becomes one `0`, so «2015م» and
//! «1436هـ» count as the shapes `0م` and `0ه` rather than as thousands of numbers each
//! seen once. And only words with an Arabic letter are features: the model learnt
//! Arabic pages, and the dozen Latin words it had kept (`the`, `of`, `www`) let an English
//! page be filed on one of them. A page in another language (or bare numbers) has no
//! feature and gets the prior.
//!
//! A feature is known by a 64-bit key: the FNV-1a hash of the word's folded UTF-8 bytes,
//! mixed; a pair's key and a headline word's key combine these with a tag. Classifying
//! allocates no string per word (the folded word goes into one reused buffer); the trainer
//! asks for a feature's name (the folded word, `word1 word2` for a pair, `t:word` for a
//! headline word) only when it meets a key for the first time. The model file stores
//! names, which the loader hashes back to the same keys ([`key_of_name`]).

use marsad_text::{fold_chars, is_word_char, Chain};

/// Which features a model reads; written in the model file so the loader reads the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Pairs of adjacent words of the body (`word1 word2`), besides single words.
    pub bigrams: bool,
    /// Headline words as features of their own (`t:word`) rather than as more body words;
    /// `false` with a headline counts its words in the body's bag.
    pub title_apart: bool,
}

impl Default for Options {
    /// What the bundled model reads: single words, the headline's among the body's.
    /// Pairs and a headline apart were measured no better (`model/NOTE.md`).
    fn default() -> Options {
        Options {
            bigrams: false,
            title_apart: false,
        }
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;
const BIGRAM_TAG: u64 = 0x6269_6772_616d_0001;
const TITLE_TAG: u64 = 0x7469_746c_6500_0002;

/// The finaliser of SplitMix64 / MurmurHash3: spreads FNV's weak low bits.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 33)).wrapping_mul(0xff51_afd7_ed55_8ccd);
    z = (z ^ (z >> 33)).wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    z ^ (z >> 33)
}

fn combine(tag: u64, a: u64, b: u64) -> u64 {
    mix(tag ^ a.rotate_left(29) ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

fn bigram_key(a: u64, b: u64) -> u64 {
    combine(BIGRAM_TAG, a, b)
}

fn title_key(w: u64) -> u64 {
    combine(TITLE_TAG, w, 0)
}

/// FNV-1a over the UTF-8 bytes of `c`.
#[inline]
fn feed(mut h: u64, c: char) -> u64 {
    let mut buf = [0u8; 4];
    for &b in c.encode_utf8(&mut buf).as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// Whether `c` (folded) is a letter of the Arabic block: a word must hold one to be a
/// feature.
#[inline]
fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06FA}'..='\u{06FF}')
}

/// Calls `word(key, name)` for every Arabic word of `text` once folded, in order: the
/// words of `fold_str(text, Chain::Match)` cut at every character that is not
/// [`is_word_char`], each run of digits as one `0`, and only those with an Arabic letter;
/// `name` is that folded word.
#[inline]
fn scan_words(text: &str, mut word: impl FnMut(u64, &str)) {
    let mut name = String::new();
    let (mut h, mut in_digits, mut arabic) = (FNV_OFFSET, false, false);
    for c in fold_chars(text, Chain::Match) {
        if is_word_char(c) {
            if c.is_ascii_digit() {
                if in_digits {
                    continue;
                }
                in_digits = true;
                h = feed(h, '0');
                name.push('0');
            } else {
                in_digits = false;
                arabic |= is_arabic_letter(c);
                h = feed(h, c);
                name.push(c);
            }
        } else if !name.is_empty() {
            if arabic {
                word(mix(h), &name);
            }
            name.clear();
            (h, in_digits, arabic) = (FNV_OFFSET, false, false);
        }
    }
    if arabic {
        word(mix(h), &name);
    }
}

/// Calls `emit(key, name)` for every feature occurrence of a page: its headline's words
/// (as `t:word` with [`Options::title_apart`], else as body words), then its body's words,
/// then (with [`Options::bigrams`]) each pair of adjacent body words after its second
/// word. `name` builds the feature's name on demand; only a trainer calls it.
pub fn scan(
    title: Option<&str>,
    text: &str,
    opts: Options,
    mut emit: impl FnMut(u64, &dyn Fn() -> String),
) {
    if let Some(title) = title {
        scan_words(title, |k, w| {
            if opts.title_apart {
                emit(title_key(k), &|| format!("t:{w}"));
            } else {
                emit(k, &|| w.to_string());
            }
        });
    }
    let mut prev: Option<u64> = None;
    let mut prev_name = String::new();
    scan_words(text, |k, w| {
        emit(k, &|| w.to_string());
        if opts.bigrams {
            if let Some(pk) = prev {
                emit(bigram_key(pk, k), &|| format!("{prev_name} {w}"));
            }
            prev = Some(k);
            prev_name.clear();
            prev_name.push_str(w);
        }
    });
}

/// The key of a feature named as the model file names it (`word`, `word1 word2`,
/// `t:word`), or `None` when the name is not one [`scan`] could produce.
pub fn key_of_name(name: &str) -> Option<u64> {
    fn one(word: &str) -> Option<u64> {
        let mut found = None;
        let mut n = 0;
        scan_words(word, |k, w| {
            found = (w == word).then_some(k);
            n += 1;
        });
        if n == 1 {
            found
        } else {
            None
        }
    }
    if let Some(w) = name.strip_prefix("t:") {
        return one(w).map(title_key);
    }
    match name.split_once(' ') {
        Some((a, b)) => Some(bigram_key(one(a)?, one(b)?)),
        None => one(name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(title: Option<&str>, text: &str, opts: Options) -> Vec<String> {
        let mut out = Vec::new();
        scan(title, text, opts, |_, name| out.push(name()));
        out
    }

    #[test]
    fn words_are_folded_and_digits_collapsed() {
        let opts = Options {
            bigrams: false,
            title_apart: true,
        };
        assert_eq!(
            names(Some("أهداف المباراة"), "فازَ الفريقُ ٣-١ في عام 2015م", opts),
            ["t:اهداف", "t:المباراه", "فاز", "الفريق", "في", "عام", "0م"]
        );
    }

    #[test]
    fn latin_words_and_bare_numbers_are_not_features() {
        assert_eq!(
            names(
                None,
                "The iPhone 6 و«آيفون 6s» عام 2015",
                Options::default()
            ),
            ["و", "ايفون", "عام"]
        );
        assert_eq!(key_of_name("the"), None);
        assert_eq!(key_of_name("0"), None);
        assert!(key_of_name("0م").is_some());
    }

    #[test]
    fn words_split_where_the_store_splits_them() {
        // Tatweel and ZWNJ are dropped by folding and do not cut the word; punctuation does.
        let opts = Options {
            bigrams: false,
            title_apart: false,
        };
        assert_eq!(
            names(None, "الـــدوري،الممتاز می\u{200C}خواهم", opts),
            ["الدوري", "الممتاز", "ميخواهم"]
        );
    }

    #[test]
    fn bigrams_join_adjacent_body_words_only() {
        let opts = Options {
            bigrams: true,
            title_apart: true,
        };
        assert_eq!(
            names(Some("هدف"), "كرة القدم", opts),
            ["t:هدف", "كره", "القدم", "كره القدم"]
        );
    }

    #[test]
    fn names_hash_back_to_their_keys() {
        let text = "أعلنت الشركةُ أرباحها للربع الثاني ٢٠١٥هـ بنسبة 12.5% وقال Apple's CEO";
        let mut seen = 0;
        let opts = Options {
            bigrams: true,
            title_apart: true,
        };
        scan(
            Some("أرباح «أرامكو» ترتفع"),
            text,
            opts,
            |k, name| {
                assert_eq!(key_of_name(&name()), Some(k), "{}", name());
                seen += 1;
            },
        );
        assert!(seen > 15, "{seen}");
    }

    #[test]
    fn names_no_scan_produces_have_no_key() {
        assert_eq!(key_of_name(""), None);
        assert_eq!(key_of_name("كرة"), None, "not folded");
        assert_eq!(key_of_name("a b c"), None);
        assert_eq!(key_of_name("00م"), None, "digits collapse to one 0");
    }
}
