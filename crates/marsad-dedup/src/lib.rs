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

use marsad_text::{fold_chars, is_word_char, Chain};

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
/// Kept as two arrays (not pairs) so that the inner loop of [`minhash`] reads them as
/// vectors.
struct Family {
    a: [u64; PERMUTATIONS],
    b: [u64; PERMUTATIONS],
}

fn family() -> &'static Family {
    static FAMILY: std::sync::OnceLock<Family> = std::sync::OnceLock::new();
    FAMILY.get_or_init(|| {
        let mut state = 0x6d61_7273_6164_0001u64; // "marsad" 1
        let mut next = || {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        };
        let mut fam = Family {
            a: [0; PERMUTATIONS],
            b: [0; PERMUTATIONS],
        };
        // Drawn in the order (a₀, b₀, a₁, b₁ …) as before the split into two arrays:
        // the same family, so stored signatures stay valid.
        for i in 0..PERMUTATIONS {
            fam.a[i] = next() | 1;
            fam.b[i] = next();
        }
        fam
    })
}

/// The MinHash of the shingle hashes: for every hash function `i`, the least of
/// `a[i] · s + b[i]` (wrapping) over the shingles `s`. This loop is most of a
/// signature's cost (128 multiplications per shingle); written over whole arrays it
/// vectorizes, and on a CPU with AVX-512 or AVX2 (checked at run time, so one binary
/// serves every x86-64) it runs the same arithmetic eight or four lanes at a time. The result is the same bit
/// for bit on every path: persisted signatures do not depend on the machine.
fn minhash(shingles: &[u64]) -> [u64; PERMUTATIONS] {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx512dq") {
        // SAFETY: the CPU has AVX-512 DQ (and so F), checked just above.
        return unsafe { minhash_avx512(shingles) };
    }
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2, checked just above.
        return unsafe { minhash_avx2(shingles) };
    }
    minhash_portable(shingles)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn minhash_avx2(shingles: &[u64]) -> [u64; PERMUTATIONS] {
    minhash_portable(shingles)
}

/// AVX-512 DQ multiplies 64-bit lanes in one instruction (`vpmullq`), where AVX2 builds
/// each product from three 32-bit ones, and holds eight lanes to AVX2's four: signatures
/// in about two thirds of the time on the EPYC this was measured on.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512dq")]
unsafe fn minhash_avx512(shingles: &[u64]) -> [u64; PERMUTATIONS] {
    minhash_portable(shingles)
}

#[inline(always)]
fn minhash_portable(shingles: &[u64]) -> [u64; PERMUTATIONS] {
    let fam = family();
    let mut sig = [u64::MAX; PERMUTATIONS];
    for &s in shingles {
        for ((slot, &a), &b) in sig.iter_mut().zip(&fam.a).zip(&fam.b) {
            *slot = (*slot).min(a.wrapping_mul(s).wrapping_add(b));
        }
    }
    sig
}

/// A 64-bit FNV-1a hash with a final mix: stable across runs and platforms (std's
/// hashers are not), and cheap. The definition of a word's hash; [`word_hashes`]
/// computes the same while it folds, and the tests hold the two equal.
#[cfg(test)]
fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(h)
}

/// The hash (FNV-1a of its UTF-8 bytes, then `mix`) of every word of the folded text, as
/// `words(&fold_str(text, Chain::Match))` would give them, computed in one pass over the
/// folded characters without building the folded string or the words' spans: reading
/// the text was half of a signature's cost before.
fn word_hashes(text: &str) -> Vec<u64> {
    const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    let mut out = Vec::with_capacity(text.len() / 8);
    let (mut h, mut in_word) = (FNV_OFFSET, false);
    let mut buf = [0u8; 4];
    for c in fold_chars(text, Chain::Match) {
        if is_word_char(c) {
            for &b in c.encode_utf8(&mut buf).as_bytes() {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
            in_word = true;
        } else if in_word {
            out.push(mix(h));
            (h, in_word) = (FNV_OFFSET, false);
        }
    }
    if in_word {
        out.push(mix(h));
    }
    out
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 33)).wrapping_mul(0xff51_afd7_ed55_8ccd);
    z = (z ^ (z >> 33)).wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    z ^ (z >> 33)
}

impl Signature {
    /// The signature of `text`, or `None` when it has fewer than [`MIN_WORDS`] words.
    pub fn of(text: &str) -> Option<Signature> {
        let word_hashes = word_hashes(text);
        if word_hashes.len() < MIN_WORDS {
            return None;
        }
        // Order-sensitive combination of each shingle's word hashes.
        let shingles: Vec<u64> = word_hashes
            .windows(SHINGLE)
            .map(|win| {
                win.iter()
                    .fold(0u64, |acc, &h| mix(acc.rotate_left(17) ^ h))
            })
            .collect();
        let sig = minhash(&shingles);
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

/// An in-memory LSH index over compact signatures, for one-shot runs over a corpus that
/// does not need the store (and for `bench/dedup.sh`, which times signatures and LSH
/// alone). The store keeps its own index on disk (SQLite tables), which survives runs.
///
/// Its memory is fixed per indexed text, whatever the corpus holds, because it keeps
/// less than the signature and the buckets a textbook LSH keeps:
///
/// * **b-bit signatures**: the low 16 bits of each of the 128 minimum hashes (256 bytes
///   a text instead of 1 KiB). Two texts' values agree by chance with probability
///   2⁻¹⁶ per position, which moves an estimated similarity by about 0.00002 — nothing
///   next to the estimate's own spread at 128 hashes (±0.04 at 0.6). The low bits are
///   the ones to keep: the minimum of a few hundred 64-bit values has its high bits
///   nearly always zero.
/// * **one text per bucket**: each band maps a key (its hash cut to 32 bits) to the
///   first text that had it. A later text with the same key is compared with that one;
///   buckets never grow, so a band key common to thousands of template pages costs one
///   comparison, not thousands (the store bounds its buckets the same way). A chance
///   collision of 32-bit keys only adds a candidate that the comparison turns away.
///
/// Measured by `bench/dedup.sh`: see the README's speed section.
#[derive(Debug)]
pub struct Index {
    sigs: Vec<u16>,
    bands: Vec<std::collections::HashMap<u32, u32, rustc_hash::FxBuildHasher>>,
}

impl Default for Index {
    fn default() -> Index {
        Index::new()
    }
}

impl Index {
    /// An empty index.
    pub fn new() -> Index {
        Index {
            sigs: Vec::new(),
            bands: (0..BANDS).map(|_| Default::default()).collect(),
        }
    }

    /// Texts indexed.
    pub fn len(&self) -> usize {
        self.sigs.len() / PERMUTATIONS
    }

    /// Whether nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.sigs.is_empty()
    }

    fn compact(sig: &Signature) -> impl Iterator<Item = u16> + '_ {
        // Truncation is the point: the low bits of each minimum (see the type's docs).
        sig.0.iter().map(|&v| v as u16)
    }

    /// The estimated similarity of `sig` to indexed text `id`.
    ///
    /// # Panics
    ///
    /// When `id` is not one [`Index::insert`] returned.
    pub fn similarity(&self, sig: &Signature, id: u32) -> f64 {
        let start = id as usize * PERMUTATIONS;
        let stored = &self.sigs[start..start + PERMUTATIONS];
        let same = Index::compact(sig)
            .zip(stored)
            .filter(|(a, b)| a == *b)
            .count();
        same as f64 / PERMUTATIONS as f64
    }

    /// The indexed text that `sig` nearly repeats (estimated similarity at least
    /// [`THRESHOLD`]; the most similar, the earliest among equals), if any.
    pub fn find(&self, sig: &Signature) -> Option<u32> {
        let mut candidates = [u32::MAX; BANDS];
        for ((b, key), slot) in sig.bands().zip(candidates.iter_mut()) {
            if let Some(&id) = self.bands[b].get(&(key as u32)) {
                *slot = id;
            }
        }
        candidates.sort_unstable();
        let mut best: Option<(f64, u32)> = None;
        for (i, &id) in candidates.iter().enumerate() {
            if id == u32::MAX || (i > 0 && candidates[i - 1] == id) {
                continue;
            }
            let s = self.similarity(sig, id);
            if s >= THRESHOLD && best.is_none_or(|(b, _)| s > b) {
                best = Some((s, id));
            }
        }
        best.map(|(_, id)| id)
    }

    /// Adds a text's signature; returns its id (0, 1, 2 … in the order added).
    pub fn insert(&mut self, sig: &Signature) -> u32 {
        let id = u32::try_from(self.len()).expect("fewer than 4 billion texts");
        self.sigs.extend(Index::compact(sig));
        for (b, key) in sig.bands() {
            self.bands[b].entry(key as u32).or_insert(id);
        }
        id
    }

    /// The bytes the index holds on the heap (capacities, not lengths: what the
    /// allocator was asked for), for reports.
    pub fn heap_bytes(&self) -> usize {
        let table = |m: &std::collections::HashMap<u32, u32, rustc_hash::FxBuildHasher>| {
            // hashbrown: one (key, value) slot and one control byte per bucket; buckets
            // are a power of two at least capacity * 8 / 7.
            let buckets = if m.capacity() == 0 {
                0
            } else {
                (m.capacity() * 8 / 7).next_power_of_two()
            };
            buckets * (8 + 1)
        };
        self.sigs.capacity() * 2 + self.bands.iter().map(table).sum::<usize>()
    }
}

#[cfg(test)]
mod tests;
