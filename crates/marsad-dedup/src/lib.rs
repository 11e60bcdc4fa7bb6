//! Near-duplicate detection: MinHash signatures over word shingles of folded text, and
//! the LSH band keys that find candidate pairs without comparing every two documents.
//!
//! # Brief overview
//!
//! * [`Signature::of`] folds a text (`marsad_text`'s `Match` chain, so spelling variants
//!   of one wire story agree), takes its words, hashes every run of [`SHINGLE`] words,
//!   and keeps for each of [`PERMUTATIONS`] hash functions the smallest value: the
//!   MinHash signature. Two signatures agree in a position with probability equal to the
//!   Jaccard similarity of the two shingle sets, so [`Signature::similarity`] estimates
//!   it. A text of fewer than [`MIN_WORDS`] words has no signature: empty and very short
//!   texts (a caption, a one-line brief) never match each other.
//! * [`Signature::bands`] cuts the signature into [`BANDS`] bands of [`ROWS`] rows and
//!   hashes each band to a key. Two documents share at least one key with probability
//!   `1 - (1 - s^ROWS)^BANDS` for similarity `s`: about 0.98 at s = 0.8, 0.6 at s = 0.6,
//!   0.03 at s = 0.3. A store keeps the keys in an index; a new document's keys find its
//!   candidates, and [`Signature::similarity`] ≥ [`THRESHOLD`] confirms one.
//!
//! The design decision: word shingles over *folded* text, with the threshold set well
//! above what separate reports of one event reach. A copy with its boilerplate rewrapped,
//! its paragraphs reordered or its headline changed keeps most of its three-word runs
//! (only those across a moved boundary change), while five outlets writing up the same
//! press conference share names and phrases but few runs of three words in a row.
//!
//! ```
//! use marsad_dedup::Signature;
//! let a = "أعلنت الحكومة اليوم عن خطة جديدة لدعم قطاع الطاقة المتجددة في المحافظات الجنوبية، وقال وزير الطاقة إن الخطة تتضمن بناء محطات شمسية وتدريب آلاف الفنيين خلال ثلاث سنوات.";
//! let b = format!("{a} تابعونا على مواقع التواصل.");
//! let (sa, sb) = (Signature::of(a).unwrap(), Signature::of(&b).unwrap());
//! assert!(sa.similarity(&sb) > 0.7);
//! assert!(Signature::of("خبر عاجل").is_none());
//! ```
#![deny(missing_docs)]

use marsad_text::{fold_str, words, Chain};

/// Words per shingle.
pub const SHINGLE: usize = 3;
/// Hash functions, the length of a signature.
pub const PERMUTATIONS: usize = 128;
/// Bands for LSH.
pub const BANDS: usize = 32;
/// Rows per band (`BANDS * ROWS == PERMUTATIONS`).
pub const ROWS: usize = PERMUTATIONS / BANDS;
/// Estimated Jaccard similarity from which two texts are near-duplicates.
pub const THRESHOLD: f64 = 0.6;
/// Fewest words a text needs to have a signature.
pub const MIN_WORDS: usize = 25;

/// A MinHash signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub Vec<u64>);

/// The multipliers and offsets of the hash family: fixed, so that signatures persisted
/// by one run compare with those of the next. A splitmix64 sequence from a constant seed.
fn family() -> &'static [(u64, u64); PERMUTATIONS] {
    static FAMILY: std::sync::OnceLock<[(u64, u64); PERMUTATIONS]> = std::sync::OnceLock::new();
    FAMILY.get_or_init(|| {
        let mut state = 0x6d61_7273_6164_0001u64; // "marsad" 1
        let mut next = || {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        };
        std::array::from_fn(|_| (next() | 1, next()))
    })
}

/// A 64-bit FNV-1a hash with a final mix: stable across runs and platforms (std's
/// hashers are not), and cheap.
fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(h)
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 33)).wrapping_mul(0xff51_afd7_ed55_8ccd);
    z = (z ^ (z >> 33)).wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    z ^ (z >> 33)
}

impl Signature {
    /// The signature of `text`, or `None` when it has fewer than [`MIN_WORDS`] words.
    pub fn of(text: &str) -> Option<Signature> {
        let folded = fold_str(text, Chain::Match);
        let word_hashes: Vec<u64> = words(&folded)
            .map(|w| hash_bytes(w.text.as_bytes()))
            .collect();
        if word_hashes.len() < MIN_WORDS {
            return None;
        }
        let mut sig = [u64::MAX; PERMUTATIONS];
        let fam = family();
        for win in word_hashes.windows(SHINGLE) {
            // Order-sensitive combination of the shingle's word hashes.
            let s = win
                .iter()
                .fold(0u64, |acc, &h| mix(acc.rotate_left(17) ^ h));
            for (slot, &(a, b)) in sig.iter_mut().zip(fam.iter()) {
                let v = a.wrapping_mul(s).wrapping_add(b);
                if v < *slot {
                    *slot = v;
                }
            }
        }
        Some(Signature(sig.to_vec()))
    }

    /// The estimated Jaccard similarity of the two texts' shingle sets: the share of
    /// positions where the signatures agree.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f64 / self.0.len().max(1) as f64
    }

    /// The LSH keys: one per band, `(band, hash of the band's rows)`. The hash is kept to
    /// 63 bits so it stores as a SQLite integer.
    pub fn bands(&self) -> impl Iterator<Item = (usize, i64)> + '_ {
        self.0.chunks(ROWS).enumerate().map(|(i, rows)| {
            let h = rows.iter().fold(i as u64, |acc, &r| mix(acc ^ r));
            (i, (h >> 1) as i64)
        })
    }

    /// The signature as bytes (little-endian), to persist.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// A signature read back from [`Signature::to_bytes`]; `None` when the length is
    /// not a signature's.
    pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
        (bytes.len() == PERMUTATIONS * 8).then(|| {
            Signature(
                bytes
                    .chunks_exact(8)
                    .map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes")))
                    .collect(),
            )
        })
    }
}

#[cfg(test)]
mod tests;
