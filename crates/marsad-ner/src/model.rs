//! The weights and their file format, and Viterbi decoding.
//!
//! A model is one weight per (feature, tag), plus tag-to-tag transition weights and
//! sentence-start weights. Decoding finds the highest-scoring valid BIO sequence
//! ([`Model::decode`]): first-order Viterbi, with `I-X` allowed only after `B-X`/`I-X`.
//!
//! # File format (`model/*.weights`), little-endian
//!
//! ```text
//! "MARSADNER\n"                      magic, 10 bytes
//! u32 format version (2)  u32 feature version (features::FEATURES_VERSION)
//! u32 number of tags (9)  u32 number of models (the tagger's file: 2, first and second pass)
//! per model:
//!   f32 scale
//!   9 × f32 start weights   81 × f32 transition weights (row: previous tag)
//!   u32 number of features
//!   per feature, by increasing hash:
//!     u64 hash   u16 mask (bit t: tag t has a weight)   one i16 per set bit (weight / scale)
//! ```
//!
//! Emission weights are quantized to 16 bits against one scale (the largest weight /
//! 32767); weights that round to zero are not stored.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::features::Position;
use crate::tag::{Tag, N_TAGS};

const MAGIC: &[u8] = b"MARSADNER\n";
const FORMAT_VERSION: u32 = 2;

/// Feature ids are already hashes: the map uses them as they are.
#[derive(Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A hash map keyed by feature id.
pub type FeatureMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// Trained weights.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Score of each tag at the sentence start.
    pub start: [f32; N_TAGS],
    /// `trans[prev][cur]`.
    pub trans: [[f32; N_TAGS]; N_TAGS],
    /// Emission weights per feature id.
    pub weights: FeatureMap<[f32; N_TAGS]>,
}

pub use crate::format_error::FormatError;

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], FormatError> {
        let s = self
            .bytes
            .get(self.at..self.at + n)
            .ok_or_else(|| FormatError(format!("truncated at byte {}", self.at)))?;
        self.at += n;
        Ok(s)
    }
    fn u16(&mut self) -> Result<u16, FormatError> {
        Ok(u16::from_le_bytes(
            self.take(2)?.try_into().expect("2 bytes"),
        ))
    }
    fn i16(&mut self) -> Result<i16, FormatError> {
        Ok(i16::from_le_bytes(
            self.take(2)?.try_into().expect("2 bytes"),
        ))
    }
    fn u32(&mut self) -> Result<u32, FormatError> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
    fn f32(&mut self) -> Result<f32, FormatError> {
        Ok(f32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
    fn u64(&mut self) -> Result<u64, FormatError> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().expect("8 bytes"),
        ))
    }
}

/// Writes the file header and the models (see the module docs).
pub fn models_to_bytes(models: &[&Model]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&crate::features::FEATURES_VERSION.to_le_bytes());
    out.extend_from_slice(&(N_TAGS as u32).to_le_bytes());
    out.extend_from_slice(&(models.len() as u32).to_le_bytes());
    for m in models {
        m.write_body(&mut out);
    }
    out
}

/// Reads a file written by [`models_to_bytes`].
pub fn models_from_bytes(bytes: &[u8]) -> Result<Vec<Model>, FormatError> {
    let mut r = Reader { bytes, at: 0 };
    if r.take(MAGIC.len())? != MAGIC {
        return Err(FormatError("not a marsad-ner model (bad magic)".into()));
    }
    let format = r.u32()?;
    if format != FORMAT_VERSION {
        return Err(FormatError(format!(
            "model format {format}, this build reads {FORMAT_VERSION}"
        )));
    }
    let features_version = r.u32()?;
    if features_version != crate::features::FEATURES_VERSION {
        return Err(FormatError(format!(
            "model trained with feature templates v{features_version}, this build extracts v{}: retrain it",
            crate::features::FEATURES_VERSION
        )));
    }
    let n = r.u32()? as usize;
    if n != N_TAGS {
        return Err(FormatError(format!("{n} tags, want {N_TAGS}")));
    }
    let count = r.u32()? as usize;
    if count > 16 {
        return Err(FormatError(format!("{count} models in one file")));
    }
    let mut models = Vec::with_capacity(count);
    for _ in 0..count {
        models.push(Model::read_body(&mut r)?);
    }
    if r.at != bytes.len() {
        return Err(FormatError(format!(
            "{} bytes after the last model",
            bytes.len() - r.at
        )));
    }
    Ok(models)
}

impl Model {
    /// An all-zero model.
    pub fn empty() -> Model {
        Model {
            start: [0.0; N_TAGS],
            trans: [[0.0; N_TAGS]; N_TAGS],
            weights: FeatureMap::default(),
        }
    }

    /// Serializes this model alone (see the module docs for the format). Deterministic:
    /// the same weights give the same bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        models_to_bytes(&[self])
    }

    /// Reads a file holding exactly one model.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, FormatError> {
        let mut models = models_from_bytes(bytes)?;
        if models.len() != 1 {
            return Err(FormatError(format!("{} models, want 1", models.len())));
        }
        Ok(models.remove(0))
    }

    fn write_body(&self, out: &mut Vec<u8>) {
        let max = self
            .weights
            .values()
            .flatten()
            .fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        out.extend_from_slice(&scale.to_le_bytes());
        for w in self.start.iter().chain(self.trans.iter().flatten()) {
            out.extend_from_slice(&w.to_le_bytes());
        }
        let mut rows: Vec<(u64, u16, Vec<i16>)> = self
            .weights
            .iter()
            .filter_map(|(&h, ws)| {
                let mut mask = 0u16;
                let mut q = Vec::new();
                for (t, w) in ws.iter().enumerate() {
                    let v = (w / scale).round().clamp(-32767.0, 32767.0) as i16;
                    if v != 0 {
                        mask |= 1 << t;
                        q.push(v);
                    }
                }
                (mask != 0).then_some((h, mask, q))
            })
            .collect();
        rows.sort_unstable_by_key(|r| r.0);
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        for (h, mask, q) in rows {
            out.extend_from_slice(&h.to_le_bytes());
            out.extend_from_slice(&mask.to_le_bytes());
            for v in q {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
    }

    fn read_body(r: &mut Reader<'_>) -> Result<Model, FormatError> {
        let scale = r.f32()?;
        let mut m = Model::empty();
        for w in m.start.iter_mut().chain(m.trans.iter_mut().flatten()) {
            *w = r.f32()?;
        }
        let count = r.u32()? as usize;
        m.weights.reserve(count.min(r.bytes.len() / 10));
        for _ in 0..count {
            let h = r.u64()?;
            let mask = r.u16()?;
            let mut ws = [0f32; N_TAGS];
            for (t, w) in ws.iter_mut().enumerate() {
                if mask & (1 << t) != 0 {
                    *w = f32::from(r.i16()?) * scale;
                }
            }
            m.weights.insert(h, ws);
        }
        Ok(m)
    }

    /// The emission scores of one position.
    pub fn emissions(&self, feats: &[u64]) -> [f32; N_TAGS] {
        let mut s = [0f32; N_TAGS];
        for f in feats {
            if let Some(w) = self.weights.get(f) {
                for (a, b) in s.iter_mut().zip(w) {
                    *a += b;
                }
            }
        }
        s
    }

    /// The transition scores into one position: the base transitions plus its edge
    /// features' weights.
    pub fn transitions(&self, edge: &[u64]) -> [[f32; N_TAGS]; N_TAGS] {
        let mut tr = self.trans;
        for (p, row) in tr.iter_mut().enumerate() {
            for &f in edge {
                if let Some(w) = self.weights.get(&edge_id(f, p)) {
                    for (a, b) in row.iter_mut().zip(w) {
                        *a += b;
                    }
                }
            }
        }
        tr
    }

    /// The best valid tag sequence for a sentence's features.
    pub fn decode(&self, feats: &[Position]) -> Vec<Tag> {
        let em: Vec<[f32; N_TAGS]> = feats.iter().map(|f| self.emissions(&f.node)).collect();
        let tr: Vec<[[f32; N_TAGS]; N_TAGS]> =
            feats.iter().map(|f| self.transitions(&f.edge)).collect();
        viterbi(&em, &self.start, &tr)
    }
}

/// The weight row of edge feature `f` after previous tag `prev` (an index of
/// [`Tag::ALL`]).
pub fn edge_id(f: u64, prev: usize) -> u64 {
    crate::features::FeatureHasher::new(255)
        .num(f)
        .num(prev as u64)
        .finish()
}

/// First-order Viterbi over emission scores, start weights and per-position transition
/// weights (`trans[i]` scores the step into position `i`; `trans[0]` is unused), allowing
/// only valid BIO sequences.
pub fn viterbi(
    em: &[[f32; N_TAGS]],
    start: &[f32; N_TAGS],
    trans: &[[[f32; N_TAGS]; N_TAGS]],
) -> Vec<Tag> {
    if em.is_empty() {
        return Vec::new();
    }
    let mut score = [f32::NEG_INFINITY; N_TAGS];
    for t in Tag::ALL {
        if t.may_follow(None) {
            score[t.index()] = start[t.index()] + em[0][t.index()];
        }
    }
    let mut back: Vec<[u8; N_TAGS]> = Vec::with_capacity(em.len());
    back.push([0; N_TAGS]);
    for (e, trans) in em[1..].iter().zip(&trans[1..]) {
        let mut next = [f32::NEG_INFINITY; N_TAGS];
        let mut bp = [0u8; N_TAGS];
        for cur in Tag::ALL {
            for prev in Tag::ALL {
                if !cur.may_follow(Some(prev)) || score[prev.index()] == f32::NEG_INFINITY {
                    continue;
                }
                let s = score[prev.index()] + trans[prev.index()][cur.index()];
                if s > next[cur.index()] {
                    next[cur.index()] = s;
                    bp[cur.index()] = prev as u8;
                }
            }
            next[cur.index()] += e[cur.index()];
        }
        score = next;
        back.push(bp);
    }
    let mut best = 0;
    for t in 1..N_TAGS {
        if score[t] > score[best] {
            best = t;
        }
    }
    let mut out = vec![Tag::O; em.len()];
    for i in (0..em.len()).rev() {
        out[i] = Tag::ALL[best];
        best = back[i][best] as usize;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Model {
        let mut m = Model::empty();
        m.start[Tag::BPers.index()] = 0.5;
        m.trans[Tag::BPers.index()][Tag::IPers.index()] = 1.25;
        m.trans[Tag::O.index()][Tag::O.index()] = -0.125;
        let mut w = [0f32; N_TAGS];
        w[Tag::BPers.index()] = 3.0;
        w[Tag::O.index()] = -1.5;
        m.weights.insert(42, w);
        let mut w = [0f32; N_TAGS];
        w[Tag::IPers.index()] = 2.0;
        m.weights.insert(7, w);
        m
    }

    #[test]
    fn round_trip_save_load() {
        let m = sample();
        let bytes = m.to_bytes();
        let back = Model::from_bytes(&bytes).expect("reads back");
        assert_eq!(back.start, m.start);
        assert_eq!(back.trans, m.trans);
        assert_eq!(back.weights.len(), 2);
        for (h, w) in &m.weights {
            for (a, b) in w.iter().zip(&back.weights[h]) {
                assert!((a - b).abs() < 1e-3, "{a} vs {b}");
            }
        }
        // Deterministic bytes.
        assert_eq!(back.to_bytes(), bytes);
    }

    #[test]
    fn refuses_bad_files() {
        assert!(Model::from_bytes(b"nope").is_err());
        let mut bytes = sample().to_bytes();
        bytes.push(0);
        assert!(Model::from_bytes(&bytes).is_err());
        let bytes = sample().to_bytes();
        assert!(Model::from_bytes(&bytes[..bytes.len() - 1]).is_err());
    }

    #[test]
    fn viterbi_keeps_bio_valid() {
        // The emissions alone would say O I-PERS; the decoder may not.
        let mut a = [0f32; N_TAGS];
        a[Tag::O.index()] = 10.0;
        let mut b = [0f32; N_TAGS];
        b[Tag::IPers.index()] = 5.0;
        b[Tag::BPers.index()] = 1.0;
        let tags = viterbi(&[a, b], &[0.0; N_TAGS], &[[[0.0; N_TAGS]; N_TAGS]; 2]);
        assert_eq!(tags, [Tag::O, Tag::BPers]);
        let m = sample();
        let pos = |f: u64| Position {
            node: vec![f],
            edge: vec![],
        };
        assert_eq!(m.decode(&[pos(42), pos(7)]), [Tag::BPers, Tag::IPers]);
    }
}
