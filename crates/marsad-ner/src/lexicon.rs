//! The name lexicon learnt from unlabelled news: how often each word stands where a
//! person's, an organisation's or a place's name stands.
//!
//! ANERcorp's 120k training tokens show the tagger a few thousand names; the news shows
//! many more after a title («الوزير …»), before «بن», after an organisation's or a place's
//! head word («شركة …», «محافظة …»). The `names` example counts, for every word seen five
//! times or more in SaudiNewsNet, its occurrences and how many of them such a pattern
//! marks as a person's, an organisation's or a place's name; the tagger reads the share
//! per kind, in buckets ([`Lexicon::buckets`]), for the word and its neighbours. A
//! surname ANERcorp never shows, seen after a title in a third of its occurrences in the
//! news, is a name; «الأمريكي», seen after «الرئيس» as often but in thousands of other
//! places, is not.
//!
//! # File format
//!
//! UTF-8 text (gzipped when bundled): `#` comment lines, then
//! `word<TAB>occurrences<TAB>as person<TAB>as organisation<TAB>as place`, words folded
//! with `Chain::Match`.

use rustc_hash::FxHashMap as HashMap;
use std::io::Read;

use marsad_text::clitics::prefixes_of;

use crate::format_error::FormatError;

/// Number of share buckets above "never in a name's place" (0).
pub const BUCKETS: u8 = 4;

/// Folded word → share bucket per kind (person, organisation, place).
#[derive(Debug, Default, Clone)]
pub struct Lexicon {
    words: HashMap<String, [u8; 3]>,
}

/// The bucket of `evidence` occurrences in a name's place out of `total`: 0 for fewer
/// than two (one may be chance), then shares under 5%, 20%, 50%, and the rest.
fn bucket(evidence: u32, total: u32) -> u8 {
    if evidence < 2 || total == 0 {
        return 0;
    }
    let share = f64::from(evidence) / f64::from(total);
    match share {
        s if s < 0.05 => 1,
        s if s < 0.2 => 2,
        s if s < 0.5 => 3,
        _ => BUCKETS,
    }
}

impl Lexicon {
    /// No words: every lookup gives zeros, and the tagger gets no lexicon features.
    pub fn empty() -> Lexicon {
        Lexicon::default()
    }

    /// Reads a gzipped lexicon file.
    pub fn from_gzip(bytes: &[u8]) -> Result<Lexicon, FormatError> {
        let mut text = String::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_string(&mut text)
            .map_err(|e| FormatError(format!("names: {e}")))?;
        Lexicon::parse(&text)
    }

    /// Reads a lexicon file (see the module docs).
    pub fn parse(text: &str) -> Result<Lexicon, FormatError> {
        let mut words = HashMap::default();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let bad = || FormatError(format!("names line {}: want word and 4 counts", n + 1));
            let mut f = line.split('\t');
            let word = f.next().filter(|w| !w.is_empty()).ok_or_else(bad)?;
            let mut c = [0u32; 4];
            for x in &mut c {
                *x = f.next().and_then(|v| v.parse().ok()).ok_or_else(bad)?;
            }
            if f.next().is_some() {
                return Err(bad());
            }
            let b = [bucket(c[1], c[0]), bucket(c[2], c[0]), bucket(c[3], c[0])];
            if b != [0; 3] {
                words.insert(word.to_string(), b);
            }
        }
        Ok(Lexicon { words })
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether there are no words.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The share buckets (person, organisation, place; 0 to [`BUCKETS`]) of a folded
    /// word: its own, else (a rarer form with proclitics) those of the word without the
    /// longest proclitic sequence that leaves a known word, the article restored after
    /// ل+ال. Zeros for an unknown word.
    pub fn buckets(&self, fold: &str) -> [u8; 3] {
        if self.words.is_empty() {
            return [0; 3];
        }
        if let Some(&b) = self.words.get(fold) {
            return b;
        }
        let mut best: Option<(usize, [u8; 3])> = None;
        for (p, rest) in prefixes_of(fold) {
            if rest.chars().count() < 2 {
                continue;
            }
            let found = if p.ends_with("لل") {
                self.words
                    .get(&format!("ال{rest}"))
                    .or(self.words.get(rest))
            } else {
                self.words.get(rest)
            };
            if let Some(&b) = found {
                if best.is_none_or(|(l, _)| p.len() > l) {
                    best = Some((p.len(), b));
                }
            }
        }
        best.map_or([0; 3], |b| b.1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_buckets_and_looks_up_with_clitics() {
        let l = Lexicon::parse(
            "# c\nكاميرون\t100\t60\t0\t0\nالامريكي\t5000\t90\t3\t0\nنادر\t9\t1\t0\t0\n",
        )
        .unwrap();
        assert_eq!(l.len(), 2, "a single occurrence is no evidence");
        assert_eq!(l.buckets("كاميرون"), [4, 0, 0]);
        assert_eq!(l.buckets("الامريكي"), [1, 1, 0]);
        assert_eq!(l.buckets("وكاميرون"), [4, 0, 0]);
        assert_eq!(l.buckets("لندن"), [0, 0, 0]);
        assert!(Lexicon::parse("كلمه\t1\t2\n").is_err());
        assert!(Lexicon::parse("كلمه\t1\t2\t3\tx\n").is_err());
    }

    #[test]
    fn shipped_lexicon_loads() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/model/saudinewsnet.names.gz");
        let bytes = std::fs::read(path).expect("model/saudinewsnet.names.gz");
        let l = Lexicon::from_gzip(&bytes).expect("the lexicon loads");
        assert!(l.len() > 1_000, "{}", l.len());
    }
}
