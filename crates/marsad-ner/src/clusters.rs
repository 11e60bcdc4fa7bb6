//! Word clusters learnt from unlabelled news: what the tagger knows of words ANERcorp never
//! shows it.
//!
//! Each known word (folded with `Chain::Match`) has a bit string; words with a long
//! common prefix are used alike in the news (they follow and precede the same kinds of
//! words), so prefixes of the bit string are clusters from coarse (4 bits) to fine (the
//! whole string). A surname seen once in ANERcorp and a thousand others that the news
//! uses the same way share a prefix, and so share weights.
//!
//! The bundled clusters (`model/saudinewsnet.clusters.gz`) were learnt by the `clusters`
//! example from SaudiNewsNet (8.8 million words of Saudi news, 2015; CC BY-NC-SA 4.0, see
//! `model/LICENSE-NOTE.md`): the exchange algorithm over a class bigram model, 1000
//! classes, then a tree over the classes.
//!
//! # File format
//!
//! UTF-8 text (gzipped when bundled): lines starting with `#` are comments; every other
//! line is a bit string (`0`/`1`), a tab, and the words of that cluster separated by
//! single spaces.

use rustc_hash::FxHashMap as HashMap;
use std::io::Read;

use marsad_text::clitics::prefixes_of;

use crate::format_error::FormatError;

/// The clusters learnt from SaudiNewsNet, gzipped (`model/saudinewsnet.clusters.gz`;
/// CC BY-NC-SA 4.0, see `model/LICENSE-NOTE.md`).
pub const BUNDLED_CLUSTERS: &[u8] = include_bytes!("../model/saudinewsnet.clusters.gz");

/// Folded word → bit string of its cluster.
#[derive(Debug, Default, Clone)]
pub struct Clusters {
    ids: HashMap<String, u32>,
    paths: Vec<String>,
}

impl Clusters {
    /// No clusters: every lookup fails, and the tagger gets no cluster features.
    pub fn empty() -> Clusters {
        Clusters::default()
    }

    /// The bundled clusters.
    pub fn bundled() -> Result<Clusters, FormatError> {
        Clusters::from_gzip(BUNDLED_CLUSTERS)
    }

    /// Reads a gzipped clusters file.
    pub fn from_gzip(bytes: &[u8]) -> Result<Clusters, FormatError> {
        let mut text = String::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_string(&mut text)
            .map_err(|e| FormatError(format!("clusters: {e}")))?;
        Clusters::parse(&text)
    }

    /// Reads a clusters file (see the module docs).
    pub fn parse(text: &str) -> Result<Clusters, FormatError> {
        let mut c = Clusters::default();
        // One word per space or line, about: room for all of them at once rather than
        // the rehashes of growing (this map is most of the tagger's start-up).
        c.ids
            .reserve(bytecount(text, b' ') + bytecount(text, b'\n'));
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let (path, words) = line
                .split_once('\t')
                .ok_or_else(|| FormatError(format!("clusters line {}: no tab", n + 1)))?;
            if !path.bytes().all(|b| b == b'0' || b == b'1') {
                return Err(FormatError(format!(
                    "clusters line {}: {path:?} is not a bit string",
                    n + 1
                )));
            }
            let id = c.paths.len() as u32;
            c.paths.push(path.to_string());
            for w in words.split(' ').filter(|w| !w.is_empty()) {
                c.ids.insert(w.to_string(), id);
            }
        }
        Ok(c)
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether there are no words.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The cluster of a folded word: its own, else (a rarer form with proclitics, as
    /// وللكرملين) that of the word without them, the article restored after ل+ال.
    pub fn cluster(&self, fold: &str) -> Option<u32> {
        if self.ids.is_empty() {
            return None;
        }
        if let Some(&c) = self.ids.get(fold) {
            return Some(c);
        }
        let mut best: Option<(usize, u32)> = None;
        for (p, rest) in prefixes_of(fold) {
            if rest.chars().count() < 2 {
                continue;
            }
            let found = if p.ends_with("لل") {
                self.ids.get(&format!("ال{rest}")).or(self.ids.get(rest))
            } else {
                self.ids.get(rest)
            };
            // The longest clitic sequence stripped that leaves a known word.
            if let Some(&c) = found {
                if best.is_none_or(|(l, _)| p.len() > l) {
                    best = Some((p.len(), c));
                }
            }
        }
        best.map(|b| b.1)
    }

    /// The bit string of cluster `id` (from [`Clusters::cluster`]).
    pub fn path(&self, id: u32) -> &str {
        &self.paths[id as usize]
    }
}

fn bytecount(text: &str, b: u8) -> usize {
    text.bytes().filter(|&x| x == b).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_looks_up_with_clitics() {
        let c = Clusters::parse("# comment\n0110\tالقاهره بيروت\n10\tقال\n").unwrap();
        assert_eq!(c.len(), 3);
        let cairo = c.cluster("القاهره").unwrap();
        assert_eq!(c.path(cairo), "0110");
        assert_eq!(c.cluster("وبيروت"), c.cluster("بيروت"));
        assert_eq!(c.cluster("للقاهره"), Some(cairo), "ل+ال restored");
        assert_eq!(c.cluster("لندن"), None);
        assert!(Clusters::parse("01x\tكلمه\n").is_err());
        assert!(Clusters::parse("01 كلمه\n").is_err());
        assert_eq!(Clusters::empty().cluster("قال"), None);
    }

    #[test]
    fn bundled_clusters_load() {
        let c = Clusters::bundled().expect("the bundled clusters load");
        assert!(c.len() > 10_000, "{}", c.len());
        // Two capitals share more of their path than a capital and a verb of saying.
        let common = |a: &str, b: &str| {
            let (a, b) = (c.path(c.cluster(a).unwrap()), c.path(c.cluster(b).unwrap()));
            a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count()
        };
        assert!(common("القاهره", "بيروت") > common("القاهره", "قال"));
    }
}
