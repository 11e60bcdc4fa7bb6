//! Feature extraction: what the perceptron sees of each token.
//!
//! A sentence is first turned into [`Token`]s (folded form, clitic-stripped stem, shape,
//! knowledge-base and trigger-word marks, word cluster); then each position gets a list of hashed
//! feature ids ([`sentence_features`]). A feature is a template number plus one or more
//! strings, hashed with 64-bit FNV-1a ([`FeatureHasher`]): the model stores hashes, never
//! strings, and a feature never seen in training simply has no weights.
//!
//! The knowledge base enters twice: a whole alias matched in the sentence
//! ([`Token::gaz`]: this token begins or continues a known person, place, organisation),
//! and any word of an alias wherever it stands ([`Token::gaz_word`]: a known given name
//! before a family name no list has). The word clusters ([`Clusters`], learnt from
//! SaudiNewsNet) give the bit-string prefixes of 4, 6 and 10 bits and the whole string
//! for the word and its neighbours (4 and 6 bits two words away): what the tagger knows
//! of a word ANERcorp never shows it. The name [`Lexicon`] (also learnt from SaudiNewsNet)
//! says how often each word stands where a person's, an organisation's or a place's name
//! stands in the news, as a share bucket per kind, for the word and two words either side
//! ([`Token::lex`]).
//!
//! The second pass ([`stacked_features`]) adds the first pass's tags around each token and
//! [`DocStats`]: what the first pass said about the same word (and stem) in the
//! document's other sentences, as the most frequent kind and its share.
//!
//! Changing a template changes what the stored weights mean: bump
//! [`FEATURES_VERSION`] and retrain (the model file records the version it was
//! trained with, and loading refuses a mismatch).

use rustc_hash::FxHashMap as HashMap;

use marsad_kb::{words, AliasKind, EntityType, Kb};
use marsad_text::clitics::prefixes_of;
use marsad_text::{fold_str, Chain};

use crate::clusters::Clusters;
use crate::lexicon::Lexicon;
use crate::tag::EntityKind;

/// Version of the feature templates; stored in the model file.
/// The name-lexicon templates (95–98, 110) fire only with a non-empty [`Lexicon`], so a
/// model trained without one means what version 6 meant: the version did not change.
pub const FEATURES_VERSION: u32 = 6;

/// Longest KB alias, in tokens, that the gazetteer matches.
const MAX_ALIAS_TOKENS: usize = 6;

/// Words that head a place's name or stand right before one.
const LOC_HEADS: &[&str] = &[
    "مدينة",
    "عاصمة",
    "منطقة",
    "ولاية",
    "محافظة",
    "بلدة",
    "قرية",
    "جزيرة",
    "نهر",
    "بحر",
    "جبل",
    "إقليم",
    "دولة",
    "مقاطعة",
    "العاصمة",
    "المدينة",
    "شمال",
    "جنوب",
    "شرق",
    "غرب",
    "وسط",
    "جمهورية",
    "مملكة",
    "إمارة",
    "مخيم",
    "حي",
    "شارع",
    "ميناء",
    "مطار",
    "سهل",
    "وادي",
    "خليج",
    "قطاع",
    "الضفة",
    "بلاد",
    "أراضي",
    "مدن",
    "إلى",
    "من",
    "في",
];

/// Verbs of saying and acting that follow or precede a person.
const SPEECH: &[&str] = &[
    "قال",
    "وقال",
    "أعلن",
    "وأعلن",
    "أكد",
    "وأكد",
    "صرح",
    "وصرح",
    "أضاف",
    "وأضاف",
    "أوضح",
    "وأوضح",
    "أشار",
    "وأشار",
    "قالت",
    "وقالت",
    "ذكر",
    "وذكر",
    "اعتبر",
    "واعتبر",
    "دعا",
    "ودعا",
    "التقى",
    "استقبل",
    "يقول",
    "قاله",
    "بحسب",
    "حسب",
    "لسان",
    "يرى",
    "رأى",
    "أفاد",
];

/// Trigger classes (bit flags), set on a token's stem.
pub mod trig {
    /// A title or role (الرئيس، وزير، الشيخ).
    pub const TITLE: u8 = 1;
    /// An organisation head word (وزارة، حزب، شركة).
    pub const ORG_HEAD: u8 = 2;
    /// A place head word (مدينة، محافظة، شمال).
    pub const LOC_HEAD: u8 = 4;
    /// A verb of saying (قال، أكد).
    pub const SPEECH: u8 = 8;
}

/// What the tagger knows about one token before scoring.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The token as written.
    pub word: String,
    /// Folded with `Chain::Match`.
    pub fold: String,
    /// The folded form without its proclitics (وبالقاهرة → قاهره), when at least three
    /// letters remain; else the folded form.
    pub stem: String,
    /// The proclitics stripped off (`وبال`), empty when none.
    pub clitic: String,
    /// Character classes, runs collapsed: `a` Arabic letter, `X`/`x` Latin, `d` digit,
    /// anything else as itself.
    pub shape: String,
    /// Gazetteer marks: bit `k` = the token begins a KB name of kind `k`, bit `4 + k` =
    /// inside one, bit `8 + k` = it is the first word of a longer KB name of kind `k`
    /// (`k` in [`EntityKind`] order).
    pub gaz: u16,
    /// Trigger classes ([`trig`]).
    pub trig: u8,
    /// Word-level gazetteer marks: bit `k` = the folded word (or it without proclitics)
    /// is one of the words of a KB name of kind `k` (a given name, a family name, a
    /// word of an organisation's name), wherever it stands.
    pub gaz_word: u8,
    /// The bit string of the word's cluster ([`Clusters`]), empty when it has none.
    pub cluster: String,
    /// How much of a person's, an organisation's, a place's name the word is in the news
    /// ([`Lexicon::buckets`]; 0 when never in a name's place).
    pub lex: [u8; 3],
}

/// Known names from the knowledge base, by folded token sequence, with their kinds.
#[derive(Debug, Default, Clone)]
pub struct Gazetteer {
    /// Folded alias (tokens joined by one space) → kind bits.
    names: HashMap<String, u8>,
    /// First token of a multi-token alias → kind bits.
    first: HashMap<String, u8>,
    /// Every word of an alias → kind bits.
    words: HashMap<String, u8>,
    triggers: HashMap<String, u8>,
}

fn kind_bit(k: EntityKind) -> u8 {
    1 << (k as u8)
}

impl Gazetteer {
    /// Builds the gazetteer from the KB's alias index: people → PERS, organisations → ORG,
    /// countries and places → LOC, nationality adjectives → MISC (ANERcorp's convention).
    /// English aliases are left out.
    pub fn from_kb(kb: &Kb) -> Gazetteer {
        let mut g = Gazetteer::default();
        for (alias, cands) in kb.aliases() {
            let mut bits = 0u8;
            for c in cands {
                let k = match (c.kind, kb.entity_type(c.id)) {
                    // The gazetteer's unreviewed names and towns are not features: the
                    // model was trained with the curated KB's names.
                    (AliasKind::English | AliasKind::Gazetteer, _) => continue,
                    _ if kb.place_of(c.id).is_some_and(|p| !p.curated) => continue,
                    (AliasKind::Adjective, _) => EntityKind::Misc,
                    (_, EntityType::Per) => EntityKind::Pers,
                    (_, EntityType::Org) => EntityKind::Org,
                    (_, EntityType::Gpe | EntityType::Loc) => EntityKind::Loc,
                };
                bits |= kind_bit(k);
            }
            if bits != 0 {
                g.add(alias, bits);
            }
        }
        g.add_triggers();
        g
    }

    /// A gazetteer of the given `(name, kind)` pairs only (names are folded here); for
    /// tests and for callers without a KB.
    pub fn from_names<'a>(names: impl IntoIterator<Item = (&'a str, EntityKind)>) -> Gazetteer {
        let mut g = Gazetteer::default();
        for (name, k) in names {
            let folded = fold_str(name, Chain::Match);
            let joined = folded.split_whitespace().collect::<Vec<_>>().join(" ");
            g.add(&joined, kind_bit(k));
        }
        g.add_triggers();
        g
    }

    fn add(&mut self, alias: &str, bits: u8) {
        let n = alias.split(' ').count();
        if alias.is_empty() || n > MAX_ALIAS_TOKENS {
            return;
        }
        *self.names.entry(alias.to_string()).or_default() |= bits;
        for w in alias.split(' ') {
            *self.words.entry(w.to_string()).or_default() |= bits;
        }
        if n > 1 {
            let first = alias.split(' ').next().unwrap_or_default();
            *self.first.entry(first.to_string()).or_default() |= bits;
        }
    }

    fn add_triggers(&mut self) {
        // Titles and organisation heads are shared lists (`data/kb/titles.tsv`,
        // `org_heads.tsv`): the tagger takes the words marked `tagger`, the set its weights
        // were trained with.
        let titles: Vec<&str> = words::TITLES.words_for("tagger").collect();
        let org_heads: Vec<&str> = words::ORG_HEADS.words_for("tagger").collect();
        for (list, bit) in [
            (&titles[..], trig::TITLE),
            (&org_heads[..], trig::ORG_HEAD),
            (LOC_HEADS, trig::LOC_HEAD),
            (SPEECH, trig::SPEECH),
        ] {
            for w in list {
                let f = fold_str(w, Chain::Match);
                *self.triggers.entry(stem_of(&f).0.to_string()).or_default() |= bit;
            }
        }
    }

    /// Number of names.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether there are no names.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Marks each token with the KB names it starts or continues (`Token::gaz`) and the
    /// kinds of names it is a word of (`Token::gaz_word`). The first token of a name may
    /// carry proclitics (وبالقاهرة, للكرملين).
    fn mark(&self, toks: &mut [Token]) {
        let n = toks.len();
        for i in 0..n {
            for v in variants(&toks[i].fold) {
                if let Some(&bits) = self.words.get(&v) {
                    toks[i].gaz_word |= bits;
                }
                let mut key = v;
                let mut best: Option<(usize, u8)> = None;
                for (len, t) in toks[i..n.min(i + MAX_ALIAS_TOKENS)].iter().enumerate() {
                    if len > 0 {
                        key.push(' ');
                        key.push_str(&t.fold);
                    }
                    if let Some(&bits) = self.names.get(&key) {
                        best = Some((len + 1, bits));
                    }
                }
                if let Some((len, bits)) = best {
                    toks[i].gaz |= u16::from(bits);
                    for t in &mut toks[i + 1..i + len] {
                        t.gaz |= u16::from(bits) << 4;
                    }
                }
                let first = key.split(' ').next().unwrap_or_default();
                if let Some(&bits) = self.first.get(first) {
                    toks[i].gaz |= u16::from(bits) << 8;
                }
            }
        }
    }
}

/// The forms a name's first word may take once proclitics are removed: the word itself,
/// the word without each proclitic sequence it starts with (leaving at least two letters),
/// and, after ل+ال (للكرملين), the word with its article restored (الكرملين).
fn variants(fold: &str) -> Vec<String> {
    let mut out = vec![fold.to_string()];
    for (p, rest) in prefixes_of(fold) {
        if rest.chars().count() >= 2 {
            out.push(rest.to_string());
            if p.ends_with("لل") {
                out.push(format!("ال{rest}"));
            }
        }
    }
    out
}

/// Splits a folded word into (stem, proclitics): the longest proclitic sequence that
/// leaves at least three letters.
pub fn stem_of(fold: &str) -> (&str, &str) {
    let mut best = ("", fold);
    for (p, rest) in prefixes_of(fold) {
        if p.len() > best.0.len() && rest.chars().count() >= 3 {
            best = (p, rest);
        }
    }
    (best.1, best.0)
}

fn shape_of(word: &str) -> String {
    let mut out = String::new();
    for c in word.chars() {
        let s = if ('\u{0621}'..='\u{064A}').contains(&c) || ('\u{0671}'..='\u{06D3}').contains(&c)
        {
            'a'
        } else if c.is_ascii_digit() || ('\u{0660}'..='\u{0669}').contains(&c) {
            'd'
        } else if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if ('\u{064B}'..='\u{065F}').contains(&c) || c == '\u{0640}' || c == '\u{0670}' {
            continue;
        } else if c.is_alphabetic() {
            'o'
        } else {
            c
        };
        if !out.ends_with(s) {
            out.push(s);
        }
    }
    out
}

/// Turns the words of one sentence into [`Token`]s, with gazetteer and trigger marks,
/// clusters and name-lexicon buckets.
pub fn tokens(
    words: &[&str],
    gaz: &Gazetteer,
    clusters: &Clusters,
    lexicon: &Lexicon,
) -> Vec<Token> {
    let mut toks: Vec<Token> = words
        .iter()
        .map(|w| {
            let fold = fold_str(w, Chain::Match);
            let (stem, clitic) = stem_of(&fold);
            let trig = gaz
                .triggers
                .get(stem)
                .or_else(|| gaz.triggers.get(fold.as_str()))
                .copied()
                .unwrap_or(0);
            let cluster = clusters
                .cluster(&fold)
                .map_or_else(String::new, |c| clusters.path(c).to_string());
            Token {
                word: w.to_string(),
                gaz_word: 0,
                cluster,
                lex: lexicon.buckets(&fold),
                stem: stem.to_string(),
                clitic: clitic.to_string(),
                shape: shape_of(w),
                fold,
                gaz: 0,
                trig,
            }
        })
        .collect();
    gaz.mark(&mut toks);
    toks
}

/// Incremental 64-bit FNV-1a over a template number and its strings.
#[derive(Clone, Copy)]
pub struct FeatureHasher(u64);

impl FeatureHasher {
    /// Starts a feature of template `id`.
    pub fn new(id: u8) -> FeatureHasher {
        FeatureHasher(0xcbf2_9ce4_8422_2325).byte(id)
    }

    fn byte(self, b: u8) -> FeatureHasher {
        FeatureHasher((self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
    }

    /// Adds one string (with a separator, so ("ab","c") ≠ ("a","bc")).
    pub fn str(self, s: &str) -> FeatureHasher {
        s.bytes().fold(self, FeatureHasher::byte).byte(0xff)
    }

    /// Adds one small number.
    pub fn num(self, n: u64) -> FeatureHasher {
        n.to_le_bytes().into_iter().fold(self, FeatureHasher::byte)
    }

    /// The feature id.
    pub fn finish(self) -> u64 {
        self.0
    }
}

fn f(id: u8, s: &str) -> u64 {
    FeatureHasher::new(id).str(s).finish()
}

fn f2(id: u8, a: &str, b: &str) -> u64 {
    FeatureHasher::new(id).str(a).str(b).finish()
}

fn fnum(id: u8, n: u64) -> u64 {
    FeatureHasher::new(id).num(n).finish()
}

fn prefix(s: &str, n: usize) -> Option<&str> {
    let end = s.char_indices().nth(n).map(|(i, _)| i)?;
    Some(&s[..end])
}

fn suffix(s: &str, n: usize) -> Option<&str> {
    let count = s.chars().count();
    if count <= n {
        return None;
    }
    let start = s.char_indices().nth(count - n).map(|(i, _)| i)?;
    Some(&s[start..])
}

const BOS: &str = "<s>";
const EOS: &str = "</s>";

/// The features of one position.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Position {
    /// Observation features, weighted per tag of this position.
    pub node: Vec<u64>,
    /// Observation features weighted per (previous tag, tag) pair: they let the shape or
    /// ending of a word decide whether it continues the name before it.
    pub edge: Vec<u64>,
}

/// The features of every position of a sentence.
pub fn sentence_features(toks: &[Token]) -> Vec<Position> {
    (0..toks.len())
        .map(|i| Position {
            node: features_at(toks, i),
            edge: edge_features_at(toks, i),
        })
        .collect()
}

/// The edge features of position `i` (see [`Position::edge`]).
pub fn edge_features_at(toks: &[Token], i: usize) -> Vec<u64> {
    let t = &toks[i];
    let mut v = vec![fnum(100, 0), f(101, &t.shape), f(102, &t.clitic)];
    if let Some(s) = suffix(&t.fold, 2) {
        v.push(f(103, s));
    }
    if let Some(p) = prefix(&t.stem, 2) {
        v.push(f(104, p));
    }
    v.push(fnum(105, u64::from(t.gaz)));
    v.push(fnum(106, u64::from(t.trig)));
    v.push(f(107, &t.stem));
    if !t.cluster.is_empty() {
        v.push(f(108, cluster_prefix(&t.cluster, 6)));
        v.push(f(109, &t.cluster));
    }
    if t.lex != [0; 3] {
        v.push(fnum(110, lex_code(t.lex)));
    }
    v
}

/// The three buckets of a token's name-lexicon entry as one number.
fn lex_code(b: [u8; 3]) -> u64 {
    u64::from(b[0]) | u64::from(b[1]) << 4 | u64::from(b[2]) << 8
}

/// Name-lexicon features: each kind's bucket for the word and two words either side, the
/// word's three buckets together, and the person buckets of the word and the one before
/// (a given name then a surname both seen after titles).
fn lexicon_features(toks: &[Token], i: usize, v: &mut Vec<u64>) {
    for d in -2isize..=2 {
        let j = i as isize + d;
        let Some(t) = (j >= 0).then(|| toks.get(j as usize)).flatten() else {
            continue;
        };
        for (k, &b) in t.lex.iter().enumerate() {
            if b != 0 {
                v.push(
                    FeatureHasher::new(95)
                        .num(d as u64)
                        .num(k as u64)
                        .num(u64::from(b))
                        .finish(),
                );
            }
        }
    }
    let t = &toks[i];
    if t.lex != [0; 3] {
        v.push(fnum(96, lex_code(t.lex)));
    }
    let prev = if i > 0 { toks[i - 1].lex[0] } else { 0 };
    let next = toks.get(i + 1).map_or(0, |n| n.lex[0]);
    if t.lex[0] != 0 || prev != 0 {
        v.push(
            FeatureHasher::new(97)
                .num(u64::from(prev))
                .num(u64::from(t.lex[0]))
                .finish(),
        );
    }
    if t.lex[0] != 0 || next != 0 {
        v.push(
            FeatureHasher::new(98)
                .num(u64::from(t.lex[0]))
                .num(u64::from(next))
                .finish(),
        );
    }
}

/// The first `n` bits of a cluster's bit string (all of it when shorter).
fn cluster_prefix(path: &str, n: usize) -> &str {
    &path[..n.min(path.len())]
}

/// Prefix lengths of the cluster bit strings used as features (0: the whole string,
/// at most 20 bits in the bundled clusters).
const CLUSTER_PREFIXES: [usize; 4] = [4, 6, 10, 0];

fn cluster_feature(d: isize, n: usize, path: &str) -> u64 {
    FeatureHasher::new(90)
        .num(d as u64)
        .num(n as u64)
        .str(if n == 0 {
            path
        } else {
            cluster_prefix(path, n)
        })
        .finish()
}

/// The node feature ids of position `i` (see [`Position::node`]).
pub fn features_at(toks: &[Token], i: usize) -> Vec<u64> {
    let t = &toks[i];
    let at = |d: isize| -> Option<&Token> {
        let j = i as isize + d;
        (j >= 0).then(|| toks.get(j as usize)).flatten()
    };
    let fold_at = |d: isize| at(d).map_or(if d < 0 { BOS } else { EOS }, |t| t.fold.as_str());
    let stem_at = |d: isize| at(d).map_or(if d < 0 { BOS } else { EOS }, |t| t.stem.as_str());
    let mut v = Vec::with_capacity(64);
    v.push(fnum(0, 0)); // bias
    v.push(f(1, &t.word));
    v.push(f(2, &t.fold));
    v.push(f(3, &t.stem));
    v.push(f(4, &t.clitic));
    for n in 1..=5 {
        if let Some(p) = prefix(&t.stem, n) {
            v.push(f(60 + n as u8, p)); // 61..=65
        }
        if let Some(s) = suffix(&t.fold, n) {
            v.push(f(70 + n as u8, s)); // 71..=75
        }
    }
    // Character trigrams of the stem, with word edges marked.
    let padded: Vec<char> = std::iter::once('^')
        .chain(t.stem.chars())
        .chain(std::iter::once('$'))
        .collect();
    for w in padded.windows(3) {
        let mut buf = [0u8; 12];
        let mut n = 0;
        for c in w {
            n += c.encode_utf8(&mut buf[n..]).len();
        }
        v.push(f(80, std::str::from_utf8(&buf[..n]).unwrap_or_default()));
    }
    v.push(f(15, &t.shape));
    v.push(fnum(16, t.stem.chars().count().min(8) as u64));
    // Context words.
    v.push(f(17, fold_at(-1)));
    v.push(f(18, fold_at(1)));
    v.push(f(19, fold_at(-2)));
    v.push(f(20, fold_at(2)));
    v.push(f(21, stem_at(-1)));
    v.push(f(22, stem_at(1)));
    v.push(f2(23, fold_at(-1), &t.fold));
    v.push(f2(24, &t.fold, fold_at(1)));
    v.push(f2(25, stem_at(-1), &t.stem));
    v.push(f2(26, &t.stem, stem_at(1)));
    v.push(f2(27, stem_at(-2), stem_at(-1)));
    if let Some(s) = at(-1).and_then(|p| suffix(&p.fold, 2)) {
        v.push(f(28, s));
    }
    if let Some(s) = at(1).and_then(|n| suffix(&n.fold, 2)) {
        v.push(f(29, s));
    }
    if let Some(p) = at(1) {
        v.push(f(30, &p.clitic));
        v.push(f(31, &p.shape));
    }
    if let Some(p) = at(-1) {
        v.push(f(32, &p.shape));
    }
    // Knowledge base.
    for (d, id) in [(0isize, 40u8), (-1, 41), (1, 42), (-2, 43), (2, 44)] {
        let g = at(d).map_or(0, |t| t.gaz);
        for bit in 0..12 {
            if g & (1 << bit) != 0 {
                v.push(fnum(id, bit));
            }
        }
    }
    if t.gaz & 0x0f != 0 {
        v.push(f2(45, &format!("{:x}", t.gaz & 0xff), &t.clitic));
    }
    // Words of KB names, wherever they stand (a known given name before an unknown
    // family name).
    for (d, id) in [(0isize, 46u8), (-1, 47), (1, 48)] {
        if let Some(g) = at(d).map(|t| t.gaz_word).filter(|&g| g != 0) {
            v.push(fnum(id, u64::from(g)));
        }
    }
    // Word clusters of this word and its neighbours: the word's own at every prefix
    // length, the neighbours' coarser; a word without a cluster (or the sentence edge)
    // says so.
    for (d, lens) in [
        (0isize, &CLUSTER_PREFIXES[..]),
        (-1, &CLUSTER_PREFIXES[..]),
        (1, &CLUSTER_PREFIXES[..]),
        (-2, &CLUSTER_PREFIXES[..2]),
        (2, &CLUSTER_PREFIXES[..2]),
    ] {
        match at(d) {
            Some(n) if !n.cluster.is_empty() => {
                for &l in lens {
                    v.push(cluster_feature(d, l, &n.cluster));
                }
            }
            Some(_) => v.push(FeatureHasher::new(91).num(d as u64).finish()),
            None => {}
        }
    }
    if !t.cluster.is_empty() {
        let prev = at(-1).map_or("", |p| cluster_prefix(&p.cluster, 6));
        v.push(f2(92, prev, cluster_prefix(&t.cluster, 6)));
        v.push(f2(93, &t.cluster, &t.clitic));
    }
    lexicon_features(toks, i, &mut v);
    // Trigger words.
    for (d, id) in [
        (0isize, 50u8),
        (-1, 51),
        (-2, 52),
        (1, 53),
        (2, 54),
        (-3, 55),
    ] {
        let g = at(d).map_or(0, |t| t.trig);
        for bit in 0..4 {
            if g & (1 << bit) != 0 {
                v.push(fnum(id, bit));
            }
        }
    }
    if let Some(p) = at(-1) {
        if p.trig != 0 {
            v.push(f2(56, &p.trig.to_string(), &t.clitic));
        }
    }
    v
}

/// First-pass evidence across a document, per folded word and per stem.
#[derive(Debug, Default)]
pub struct DocStats {
    by_fold: HashMap<String, [u32; 5]>,
    by_stem: HashMap<String, [u32; 5]>,
}

fn slot(t: crate::Tag) -> usize {
    t.kind().map_or(4, |k| k as usize)
}

impl DocStats {
    /// Counts the first pass's tags of every word of the document.
    pub fn new(sentences: &[Vec<Token>], tags: &[Vec<crate::Tag>]) -> DocStats {
        let mut d = DocStats::default();
        for (toks, tags) in sentences.iter().zip(tags) {
            for (t, &tag) in toks.iter().zip(tags) {
                d.by_fold.entry(t.fold.clone()).or_default()[slot(tag)] += 1;
                d.by_stem.entry(t.stem.clone()).or_default()[slot(tag)] += 1;
            }
        }
        d
    }
}

fn doc_feature(id: u8, total: [u32; 5], own: [u32; 5]) -> Option<u64> {
    let c: Vec<u32> = total.iter().zip(own).map(|(a, b)| a - b).collect();
    let n: u32 = c.iter().sum();
    if n == 0 {
        return None;
    }
    let mut best = 0;
    for k in 1..4 {
        if c[k] > c[best] {
            best = k;
        }
    }
    let ent: u32 = c[..4].iter().sum();
    if ent == 0 {
        return Some(
            FeatureHasher::new(id)
                .str("O")
                .num(u64::from(n.min(3)))
                .finish(),
        );
    }
    let bucket = (u64::from(c[best]) * 4).div_ceil(u64::from(n));
    Some(
        FeatureHasher::new(id)
            .str(EntityKind::ALL[best].as_str())
            .num(bucket)
            .finish(),
    )
}

/// The second-pass features of a sentence: the first pass's features plus its tags
/// (here and around) and what it said about the same words elsewhere in the document.
pub fn stacked_features(toks: &[Token], first: &[crate::Tag], stats: &DocStats) -> Vec<Position> {
    stack(sentence_features(toks), toks, first, stats)
}

/// [`stacked_features`] on the first pass's features of the sentence (`pos`, from
/// [`sentence_features`]), which the tagger has computed already.
pub fn stack(
    mut pos: Vec<Position>,
    toks: &[Token],
    first: &[crate::Tag],
    stats: &DocStats,
) -> Vec<Position> {
    let mut own_fold: HashMap<&str, [u32; 5]> = HashMap::default();
    let mut own_stem: HashMap<&str, [u32; 5]> = HashMap::default();
    for (t, &tag) in toks.iter().zip(first) {
        own_fold.entry(&t.fold).or_default()[slot(tag)] += 1;
        own_stem.entry(&t.stem).or_default()[slot(tag)] += 1;
    }
    for (i, p) in pos.iter_mut().enumerate() {
        let t = &toks[i];
        let tag_at = |j: isize| {
            if j < 0 {
                BOS
            } else {
                first.get(j as usize).map_or(EOS, |t| t.as_str())
            }
        };
        p.node.push(f(120, tag_at(i as isize)));
        p.node.push(f(121, tag_at(i as isize - 1)));
        p.node.push(f(122, tag_at(i as isize + 1)));
        p.edge.push(f(123, tag_at(i as isize)));
        if let Some(&c) = stats.by_fold.get(&t.fold) {
            if let Some(x) = doc_feature(124, c, own_fold[t.fold.as_str()]) {
                p.node.push(x);
                p.node.push(
                    FeatureHasher::new(125)
                        .num(x)
                        .str(tag_at(i as isize))
                        .finish(),
                );
            }
        }
        if let Some(&c) = stats.by_stem.get(&t.stem) {
            if let Some(x) = doc_feature(126, c, own_stem[t.stem.as_str()]) {
                p.node.push(x);
            }
        }
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gaz() -> Gazetteer {
        Gazetteer::from_names([
            ("القاهرة", EntityKind::Loc),
            ("الكرملين", EntityKind::Org),
            ("فلاديمير بوتين", EntityKind::Pers),
        ])
    }

    #[test]
    fn stems_strip_proclitics_but_keep_short_words() {
        assert_eq!(stem_of("وبالقاهره"), ("قاهره", "وبال"));
        assert_eq!(stem_of("القاهره"), ("قاهره", "ال"));
        assert_eq!(stem_of("بها"), ("بها", ""));
        assert_eq!(stem_of("لبنان"), ("بنان", "ل"));
    }

    #[test]
    fn tokens_carry_fold_stem_shape_and_triggers() {
        let t = tokens(
            &["وأعلن", "الرئيسُ", "IBM", "2024"],
            &gaz(),
            &Clusters::empty(),
            &Lexicon::empty(),
        );
        assert_eq!(t[0].fold, "واعلن");
        assert_eq!(t[1].fold, "الرييس");
        assert_eq!(t[1].stem, "رييس");
        assert_eq!(t[1].clitic, "ال");
        assert_eq!(t[1].shape, "a");
        assert_ne!(t[1].trig & trig::TITLE, 0);
        assert_ne!(t[0].trig & trig::SPEECH, 0);
        assert_eq!(t[2].shape, "X");
        assert_eq!(t[3].shape, "d");
    }

    #[test]
    fn gazetteer_marks_names_behind_clitics() {
        let t = tokens(
            &["وصل", "فلاديمير", "بوتين", "إلى", "للكرملين", "وبالقاهرة"],
            &gaz(),
            &Clusters::empty(),
            &Lexicon::empty(),
        );
        let pers = EntityKind::Pers as u16;
        let loc = EntityKind::Loc as u16;
        let org = EntityKind::Org as u16;
        assert_eq!(t[0].gaz, 0);
        assert_ne!(t[1].gaz & (1 << pers), 0, "begins a person");
        assert_ne!(
            t[1].gaz & (1 << (8 + pers)),
            0,
            "first word of a longer name"
        );
        assert_ne!(t[2].gaz & (1 << (4 + pers)), 0, "inside a person");
        assert_ne!(t[4].gaz & (1 << org), 0, "ل+ال restored");
        assert_ne!(t[5].gaz & (1 << loc), 0, "وب stripped");
    }

    #[test]
    fn features_are_deterministic_and_context_sensitive() {
        let g = gaz();
        let a = tokens(&["قال", "بوتين"], &g, &Clusters::empty(), &Lexicon::empty());
        let b = tokens(&["زار", "بوتين"], &g, &Clusters::empty(), &Lexicon::empty());
        let fa = features_at(&a, 1);
        assert_eq!(fa, features_at(&a, 1));
        assert_ne!(fa, features_at(&b, 1));
        // Same word, same word-level features.
        assert!(features_at(&b, 1).contains(&f(1, "بوتين")));
        assert!(fa.contains(&f(1, "بوتين")));
        assert!(fa.contains(&f(17, "قال")));
        // Different templates over the same string differ.
        assert_ne!(f(17, "قال"), f(18, "قال"));
        assert_ne!(f2(23, "ab", "c"), f2(23, "a", "bc"));
    }

    #[test]
    fn document_evidence_comes_from_other_sentences_only() {
        use crate::Tag;
        let g = Gazetteer::default();
        let a = tokens(
            &["وصف", "رامسفيلد"],
            &g,
            &Clusters::empty(),
            &Lexicon::empty(),
        );
        let b = tokens(
            &["قال", "رامسفيلد"],
            &g,
            &Clusters::empty(),
            &Lexicon::empty(),
        );
        let first = vec![vec![Tag::O, Tag::BPers], vec![Tag::O, Tag::O]];
        let both = [a.clone(), b.clone()];
        let stats = DocStats::new(&both, &first);
        // In b, the other sentence says PERS (1 of 1): bucket 4.
        let fb = stacked_features(&b, &first[1], &stats);
        let pers = FeatureHasher::new(124).str("PERS").num(4).finish();
        assert!(fb[1].node.contains(&pers));
        // Alone, a sentence has no document evidence, only its own first-pass tags.
        let alone = DocStats::new(std::slice::from_ref(&b), &first[1..]);
        let fb = stacked_features(&b, &first[1], &alone);
        assert!(!fb[1].node.contains(&pers));
        assert!(fb[1].node.contains(&f(120, "O")));
        assert_eq!(fb[1].node.len(), features_at(&b, 1).len() + 3);
    }
}
