//! Entity mentions: which known people, countries, places and organisations a cleaned
//! text names, where, and how each mention was tied to its entity.
//!
//! # Brief overview
//!
//! [`Linker`] wraps a [`Kb`] with the indexes this stage needs; [`annotate`] fills a
//! record's `entities` from its cleaned `text` and its `published` day. Three passes over
//! the words of the folded text (`marsad_text::fold`, `Chain::Match`): names, context for
//! ambiguous names, then role phrases.
//!
//! 1. **Names.** At each word, the longest KB alias that starts there — or right after a
//!    proclitic run that is not the article (و ف ب ل ك and their stacks: وبوتين، لبوتين،
//!    بالكرملين = ب + الكرملين) — and ends at a word end. «للكرملين» is looked up as
//!    «الكرملين». Names never take the article as a clitic (الرئيسي is not رئيسي), and a
//!    word the corpus writes far more often than the place's name it would split into is
//!    never split (`data/kb/clitic_words_snn.tsv`: «باكرا» "early" is not ب + Accra). Countries
//!    are found by name and by nationality adjective (الروسية، الروس); an adjective inside an
//!    organisation's or place's name (الخارجية الأمريكية) names its country too. Of several
//!    candidates, a country wins over a place, an organisation and a person.
//! 2. **Ambiguous names need context.** Which names are ambiguous is decided from the data:
//!    a one-word alias that is listed in `data/kb/common_words.tsv` (Arabic words that are
//!    also names: رئيسي "main", مالي "financial", الأسد "the lion", القمر "the moon"), or a
//!    person's one-word name that opens another person's full name (a first name), or a
//!    one-word alias shared by several entities, or a person's name of at most three
//!    letters. A `=` line of that file marks a spelling that only folds onto a name
//!    (اليمنى "right-hand" → اليمني "Yemeni"): only that spelling, as written, is ambiguous.
//!    An ambiguous person name is accepted with support: a title or role phrase right before
//!    it (optionally with the person's country adjective between: «الرئيس الإيراني
//!    رئيسي»), the person's full name earlier in the text, or the person's country adjective
//!    right after it. An ambiguous place or country name needs a place word right before it
//!    (في، إلى، جمهورية … — not for a name written with the article: «في الصحراء» is "in
//!    the desert") or another, unambiguous mention of the same entity; an ambiguous
//!    adjective (المالي) needs a role phrase right before it. The mention records which
//!    support decided (`resolved.by`: `name+title`, `name+full_name`, `name+adjective`) and
//!    where (`resolved.evidence`).
//!
//!    **Places** (the `places` module): a name that may be several
//!    places (طرابلس), or a town only the gazetteer knows, is decided by the document's
//!    countries and first-level divisions, then population; a gazetteer town also needs a
//!    head word («مدينة», «محافظة»), a preposition or a list of places before it, and an
//!    everyday word that GeoNames gives as a town a head word (`data/kb/gazetteer_words.tsv`,
//!    read; `data/kb/gazetteer_words_snn.tsv`, counted in SaudiNewsNet: for these a
//!    preposition also serves when the document names the town's province). `resolved.by`
//!    says `name+context`, `name+head` or `name+population`.
//!    [`locate_events`] then gives each event's `where` its country, division,
//!    coordinates and precision.
//! 3. **Roles by date.** Role phrases of `office_roles.tsv` (longest first). A definite one
//!    («الرئيس», «رئيس الوزراء», «وزير الخارجية») followed by a country adjective («الرئيس
//!    الأمريكي», «رئيس الوزراء الإسرائيلي», «الملك الأردني»), or a construct one («رئيس»،
//!    «رئيس وزراء»، «أمير») followed by a country name («رئيس روسيا», «أمير قطر»), or one
//!    with a country inside («المتحدث باسم الكرملين»), resolves to the office's holder on the
//!    record's `published` day ([`Kb::holder`]); IGO offices («الأمين العام للأمم المتحدة»)
//!    need no country. «نظيره الإيراني» (and نظيرته، نظيريه …) takes the office of its
//!    sentence's first subject (the main clause's actor; else the last one before it in the
//!    paragraph) — a role phrase, or a named person who held an office that day (head of state before head of government before foreign and defence
//!    minister) — in the other country: after «وزير الخارجية العماني» it is Iran's foreign
//!    minister. A role phrase followed by a person's name is an apposition: the name wins
//!    when the two differ. «… السابق» (former), «المنتخب» (elect) and the like leave the
//!    phrase unresolved, and so does a record without a `published` day (dates in the text
//!    are not used). Each resolved mention carries `office`, `on` and the evidence span.
//!
//! Offsets are characters into the cleaned `text` (SCHEMA.md); a clitic is not part of
//! the mention (وبوتين → بوتين; after «لل» the mention starts after it: للكرملين → كرملين).
//! The stage sees only the cleaned text, so nothing comes from dropped page furniture.
//!
//! The design decision: everything is word-aligned hash lookups on slices of one folded
//! string (no allocation per lookup, no per-document automaton), with prefix sets that
//! stop extending a phrase as soon as no alias continues it; the KB is folded the same way
//! at load time, so spelling families (أ/ا, ة/ه, ى/ي) meet.
//!
//! ```
//! use marsad_entities::{annotate, Linker};
//! use marsad_schema::Document;
//! let linker = Linker::bundled();
//! let mut doc = Document::new("a.txt", "اتصل الرئيس الأمريكي بنظيره الروسي.".to_string());
//! annotate(&mut doc, linker, Some(jiff::civil::date(2022, 3, 1)));
//! let keys: Vec<&str> = doc.entities.iter().map(|e| e.key.as_str()).collect();
//! assert!(keys.contains(&"Joe Biden") && keys.contains(&"Vladimir Putin"));
//! ```
#![deny(missing_docs)]

// Fx hashing: every word of every document is looked up in these tables, and SipHash's
// protection against chosen keys buys nothing for tables built from our own data.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use marsad_kb::{AliasKind, Candidate, Date, EntityId, EntityType as KbType, Kb};
use marsad_schema::{Document, Entity, EntityType, Evidence, Mention, Resolution};
use marsad_text::clitics::opens_with;
use marsad_text::{fold, fold_str, words, Chain};

mod places;
mod unknown;
pub use places::locate_events;
pub use unknown::{annotate_unknown, bundled_tagger};

/// Everyday phrases in which a name of the KB is an ordinary word («مسقط رأس»: a
/// birthplace, not Muscat), one a line, `#` comments; folded at load.
pub const IDIOMS: &str = include_str!("../../../data/kb/idioms.tsv");

/// Arabic words that are also names in the KB (one a line, `#` comments; folded at load).
pub const COMMON_WORDS: &str = include_str!("../../../data/kb/common_words.tsv");

/// Words that read as a proclitic and a place's name but are words of their own («باكرا»
/// "early", not ب + Accra), counted in a month of Saudi press
/// (generated by `data/kb/gen/gen_gazetteer_words.py`; the counts are in the file).
pub const CLITIC_WORDS: &str = include_str!("../../../data/kb/clitic_words_snn.tsv");

/// Proclitic runs a name may carry (not the article: names do not take ال).
const NAME_PREFIXES: &[&str] = &["و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك"];
/// Whether `word` (folded), whole or without one of the proclitic runs of
/// [`NAME_PREFIXES`], passes `test`.
fn with_or_without_prefix(word: &str, test: impl Fn(&str) -> bool) -> bool {
    std::iter::once(word)
        .chain(NAME_PREFIXES.iter().filter_map(|p| word.strip_prefix(p)))
        .any(test)
}

/// Runs ending in the ل that swallowed the article's alef: للكرملين = ل + الكرملين.
const ARTICLE_L_PREFIXES: &[&str] = &["لل", "ولل", "فلل"];

/// Words before an ambiguous place or country name that make it one (folded).
const PLACE_WORDS: &[&str] = &[
    "في",
    "الي",
    "من",
    "دوله",
    "جمهوريه",
    "عاصمه",
    "مدينه",
    "شمال",
    "جنوب",
    "شرق",
    "غرب",
    "وسط",
    "حكومه",
    "رييس",
    "الرييس",
    "مع",
    "بين",
    "زار",
    "زيارته",
    "زياره",
];

/// Words after a role phrase's country that move it off the present holder (folded),
/// besides a former holder's (`marsad_text::lists::FORMER`): the holder elect, the next or
/// the new one.
const NOT_NOW: &[&str] = &[
    "المنتخب",
    "المنتخبه",
    "المقبل",
    "المقبله",
    "القادم",
    "القادمه",
    "الجديد",
    "الجديده",
    "المرتقب",
];

/// «نظيره» and its forms (folded): his/her/their counterpart(s).
const COUNTERPARTS: &[&str] = &[
    "نظيره",
    "نظيرته",
    "نظيرها",
    "نظيرتها",
    "نظيريه",
    "نظيرتيه",
    "نظيرهما",
    "نظيرهم",
    "نظرايه",
    "نظراوه",
    "نظراءه",
    "نظيري",
    "نظيرتي",
];

/// Whether a short English name is written as a name: an acronym of up to three letters
/// in capitals (UN, EU, UAE — not "un", "eu"), a four-letter name with its capital
/// (Iran, Iraq, Oman, Cuba, NATO — not "iran" in a URL or "cuba" as a word).
fn short_latin_cased(original: &str) -> bool {
    let mut chars = original.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    if original.chars().count() <= 3 {
        !original.chars().any(char::is_lowercase)
    } else {
        first_upper
    }
}

/// Offices in the order a person is best described by (for «نظيره» after a name).
const OFFICE_RANK: &[&str] = &[
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
];

#[derive(Debug)]
struct AliasInfo {
    /// The candidates a name stands for on sight: all but the gazetteer's (its towns and its
    /// unreviewed names of known places). Empty for a name only the gazetteer gives.
    cands: Vec<Candidate>,
    /// Every place the name may be, when the gazetteer is among them or the known places are
    /// several: decided by the document's places ([`places`]). Empty otherwise.
    geo: Vec<Candidate>,
    ambiguous: bool,
    multiword: bool,
    /// Only English names of at most four letters: written as names (`short_latin_cased`).
    short_latin: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Role {
    /// An office, and its country when the phrase names it by itself.
    Office(String, Option<String>),
    Counterpart,
}

/// The KB and the lookup tables of this stage. Build once ([`Linker::new`] or
/// [`Linker::bundled`]) and share between threads.
pub struct Linker {
    kb: Kb,
    names: HashMap<String, u32>,
    infos: Vec<AliasInfo>,
    name_prefixes: HashSet<String>,
    roles: HashMap<String, u32>,
    role_list: Vec<(String, Role)>,
    role_prefixes: HashSet<String>,
    /// Titles (folded) that support a short name right after them, besides the role
    /// phrases of `office_roles.tsv`: the `support` words of `data/kb/titles.tsv`.
    titles: HashSet<String>,
    /// The phrases of `data/kb/idioms.tsv`, folded, as words.
    idioms: Vec<Vec<String>>,
    /// The words of `data/kb/clitic_words_snn.tsv`, folded: never a proclitic and a name.
    clitic_words: HashSet<String>,
    /// Nouns that name a place, a body or a prize after a person («مركز الملك سلمان»,
    /// «جامعة الملك عبدالعزيز», «شارع الملك فهد»), folded: the `namesake` words of
    /// `data/kb/org_heads.tsv`. A person's name after one is part of another name.
    namesakes: HashSet<String>,
    place_words: HashSet<&'static str>,
    igo_offices: HashSet<String>,
    /// Spellings (as written, marks removed) that fold onto a name but are ordinary words.
    exact_common: HashSet<String>,
    /// The same, folded: only hits with these folded forms are checked.
    exact_folded: HashSet<String>,
}

impl std::fmt::Debug for Linker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Linker")
            .field("kb", &self.kb)
            .field("names", &self.names.len())
            .field("roles", &self.roles.len())
            .finish()
    }
}

/// All leading word sequences of a multi-word phrase, short of the whole.
fn word_prefixes(phrase: &str) -> impl Iterator<Item = &str> {
    phrase.match_indices(' ').map(move |(i, _)| &phrase[..i])
}

impl Linker {
    /// Indexes `kb` for annotation.
    pub fn new(kb: Kb) -> Linker {
        let entries: Vec<&str> = COMMON_WORDS
            .lines()
            .map(|l| l.split('#').next().unwrap_or("").trim())
            .filter(|l| !l.is_empty())
            .collect();
        let common: HashSet<String> = entries
            .iter()
            .filter(|l| !l.starts_with('='))
            .map(|l| marsad_kb::fold_name(l))
            .collect();
        let exact_common: HashSet<String> = entries
            .iter()
            .filter_map(|l| l.strip_prefix('='))
            .map(|l| l.trim().to_string())
            .collect();
        // First words of people's multi-word Arabic names: first names.
        let mut first_names: HashMap<String, HashSet<EntityId>> = HashMap::default();
        for (alias, cands) in kb.aliases() {
            if let Some((first, _)) = alias.split_once(' ') {
                for c in cands {
                    if matches!(c.id, EntityId::Person(_)) && c.kind == AliasKind::Name {
                        first_names
                            .entry(first.to_string())
                            .or_default()
                            .insert(c.id);
                    }
                }
            }
        }
        let mut names = HashMap::default();
        let mut infos = Vec::new();
        let mut name_prefixes = HashSet::default();
        for (alias, all) in kb.aliases() {
            let multiword = alias.contains(' ');
            let weak = |c: &Candidate| {
                c.kind == AliasKind::Gazetteer || kb.place_of(c.id).is_some_and(|p| !p.curated)
            };
            let cands: Vec<Candidate> = all.iter().filter(|c| !weak(c)).copied().collect();
            let place_ids = {
                let mut v: Vec<EntityId> = all
                    .iter()
                    .filter(|c| matches!(c.id, EntityId::Place(_)))
                    .map(|c| c.id)
                    .collect();
                v.sort();
                v.dedup();
                v
            };
            let geo: Vec<Candidate> = if all.iter().any(weak) || place_ids.len() > 1 {
                place_ids
                    .iter()
                    .map(|&id| Candidate {
                        id,
                        kind: if all.iter().any(|c| c.id == id && !weak(c)) {
                            AliasKind::Name
                        } else {
                            AliasKind::Gazetteer
                        },
                    })
                    .collect()
            } else {
                Vec::new()
            };
            let mut ids: Vec<EntityId> = cands.iter().map(|c| c.id).collect();
            ids.sort();
            ids.dedup();
            // A person's one-word name that opens another person's full name (عباس).
            let first_name_of_other = ids.iter().all(|id| matches!(id, EntityId::Person(_)))
                && first_names
                    .get(alias)
                    .is_some_and(|people| people.iter().any(|p| !ids.contains(p)));
            let ambiguous = !multiword
                && (common.contains(alias)
                    || first_name_of_other
                    || ids.len() > 1
                    || (alias.chars().count() <= 3
                        && ids.iter().all(|id| matches!(id, EntityId::Person(_)))));
            let short_latin = !cands.is_empty()
                && cands.iter().all(|c| c.kind == AliasKind::English)
                && alias.chars().count() <= 4;
            let ambiguous = ambiguous && !(short_latin && ids.len() == 1);
            for p in word_prefixes(alias) {
                name_prefixes.insert(p.to_string());
            }
            names.insert(alias.to_string(), infos.len() as u32);
            infos.push(AliasInfo {
                cands,
                geo,
                ambiguous,
                multiword,
                short_latin,
            });
        }
        let mut roles: HashMap<String, u32> = HashMap::default();
        let mut role_list: Vec<(String, Role)> = Vec::new();
        let mut role_prefixes = HashSet::default();
        for (office, country, phrases) in kb.office_roles() {
            for p in phrases {
                let f = marsad_kb::fold_name(p);
                for w in word_prefixes(&f) {
                    role_prefixes.insert(w.to_string());
                }
                if !roles.contains_key(&f) {
                    roles.insert(f.clone(), role_list.len() as u32);
                    role_list.push((
                        f,
                        Role::Office(office.to_string(), country.map(String::from)),
                    ));
                }
            }
        }
        for c in COUNTERPARTS {
            roles.insert(c.to_string(), role_list.len() as u32);
            role_list.push((c.to_string(), Role::Counterpart));
        }
        // An office is an IGO's when no term of it names a country.
        let mut with_country = HashSet::default();
        let mut all = HashSet::default();
        for p in kb.people() {
            for t in &p.terms {
                all.insert(t.office.clone());
                if t.country.is_some() {
                    with_country.insert(t.office.clone());
                }
            }
        }
        let igo_offices = all.difference(&with_country).cloned().collect();
        Linker {
            kb,
            names,
            infos,
            name_prefixes,
            roles,
            role_list,
            role_prefixes,
            titles: marsad_kb::words::TITLES
                .words_for("support")
                .map(|w| fold_str(w, Chain::Match))
                .collect(),
            idioms: IDIOMS
                .lines()
                .map(|l| l.split('#').next().unwrap_or("").trim())
                .filter(|l| !l.is_empty())
                .map(|l| {
                    fold_str(l, Chain::Match)
                        .split_whitespace()
                        .map(String::from)
                        .collect()
                })
                .collect(),
            clitic_words: CLITIC_WORDS
                .lines()
                .filter(|l| !l.starts_with('#') && !l.starts_with("word\t"))
                .filter_map(|l| l.split('\t').next())
                .filter(|w| !w.is_empty())
                .map(|w| fold_str(w, Chain::Match))
                .collect(),
            namesakes: marsad_kb::words::ORG_HEADS
                .words_for("namesake")
                .map(|w| fold_str(w, Chain::Match))
                .collect(),
            place_words: PLACE_WORDS.iter().copied().collect(),
            igo_offices,
            exact_folded: exact_common
                .iter()
                .map(|w| marsad_kb::fold_name(w))
                .collect(),
            exact_common,
        }
    }

    /// The bundled KB, loaded and indexed once per process.
    ///
    /// # Panics
    /// When the bundled data does not load: a bug caught by the KB's own tests.
    pub fn bundled() -> &'static Linker {
        static LINKER: OnceLock<Linker> = OnceLock::new();
        LINKER.get_or_init(|| Linker::new(Kb::load_bundled().expect("the bundled KB loads")))
    }

    /// The knowledge base.
    pub fn kb(&self) -> &Kb {
        &self.kb
    }

    /// Whether a name (folded as the KB folds it) needs context before it is accepted.
    pub fn is_ambiguous(&self, name: &str) -> bool {
        self.names
            .get(&marsad_kb::fold_name(name))
            .is_some_and(|&i| self.infos[i as usize].ambiguous)
    }

    /// The entities of `text`, with role phrases resolved on `published` (when known).
    pub fn entities(&self, text: &str, published: Option<Date>) -> Vec<Entity> {
        Pass::new(self, text, published).run()
    }
}

/// Fills `doc.entities` from `doc.text`, resolving role phrases on `day`: the record's
/// publication day or, for a page whose publication day is unknown, the day it was
/// crawled (who holds an office changes seldom, and the day a page was taken is near the
/// day it was written). The pipeline reads that day once where the page enters
/// (`marsad_dates::read_published`); it is not parsed again here.
pub fn annotate(doc: &mut Document, linker: &Linker, day: Option<jiff::civil::Date>) {
    let day = day.map(|d| Date::ymd(d.year().into(), d.month() as u8, d.day() as u8));
    doc.entities = linker.entities(&doc.text, day);
}

/// A word of the folded text: byte range.
#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
}

/// A match of a table entry over words `t0..t1`, from byte `b0` (after any clitic) to `b1`.
#[derive(Debug, Clone, Copy)]
struct Hit<V> {
    t0: usize,
    t1: usize,
    b0: usize,
    b1: usize,
    value: V,
}

/// What a name hit was decided to be.
#[derive(Debug, Clone)]
struct Decided {
    id: EntityId,
    adjective: bool,
    by: &'static str,
    evidence: Option<(usize, usize)>,
}

/// A resolved role mention.
struct RoleMention {
    b0: usize,
    b1: usize,
    person: EntityId,
    by: &'static str,
    office: String,
    evidence: (usize, usize),
}

/// A subject for «نظيره»: a person named, or a role resolved, with the office and country
/// a counterpart is sought in.
struct Subject {
    /// Byte start (folded text).
    b0: usize,
    office: String,
    country: String,
}

/// Who a role phrase names: the country it is said of (`None` for an office of an
/// international organisation), the mention's folded bytes, and the person hit in
/// apposition after it, if any.
struct Target {
    country: Option<String>,
    b0: usize,
    b1: usize,
    appos: Option<usize>,
}

/// The state of [`Pass::resolve_roles`] over a page: the decided name hits, and the
/// subjects so far (in text order) that «نظيره» looks back to.
struct Roles<'p, 'a> {
    pass: &'p Pass<'a>,
    date: Date,
    name_hits: &'p [Hit<u32>],
    decided: &'p [Option<Decided>],
    /// Name hits by their first word.
    at_word: HashMap<usize, usize>,
    subjects: Vec<Subject>,
    /// Name hits used as appositions of a role (not subjects of their own).
    apposed: HashSet<usize>,
}

impl Roles<'_, '_> {
    /// A decided person's main office on the date (by [`OFFICE_RANK`]) and its country.
    fn primary_office(&self, id: EntityId) -> Option<(String, String)> {
        let kb = &self.pass.l.kb;
        let p = kb.person(kb.key(id))?;
        let terms: Vec<_> = p
            .terms
            .iter()
            .filter(|t| t.country.is_some() && t.covers(self.date))
            .collect();
        let best = OFFICE_RANK
            .iter()
            .find_map(|o| terms.iter().find(|t| t.office == *o))
            .or_else(|| terms.first())?;
        Some((best.office.clone(), best.country.clone()?))
    }

    /// Name hit `k`, a person holding an office, becomes a subject (unless it was the
    /// apposition of a role).
    fn feed_subject(&mut self, k: usize) {
        if self.apposed.contains(&k) {
            return;
        }
        let Some(d) = &self.decided[k] else { return };
        if let Some((office, country)) = self.primary_office(d.id) {
            self.subjects.push(Subject {
                b0: self.name_hits[k].b0,
                office,
                country,
            });
        }
    }

    /// The name hit starting at word `t`, right after the previous word.
    fn hit_at(&self, t: usize) -> Option<usize> {
        let k = *self.at_word.get(&t)?;
        (t > 0 && self.pass.adjacent(t - 1, t)).then_some(k)
    }

    /// The person hit at word `t` (an apposition), right after the phrase or set off by a
    /// comma («مع نظيره التركي، فريدون سينيرلي أوغلو،»); not a name that opens with «و»
    /// (a second person).
    fn person_at(&self, t: usize) -> Option<usize> {
        let p = self.pass;
        let after_comma = || {
            let k = *self.at_word.get(&t)?;
            let gap = &p.ftext()[p.toks[t - 1].end..p.toks[t].start];
            let word = &p.ftext()[p.toks[t].start..p.toks[t].end];
            (matches!(gap.trim(), "،" | ",") && !gap.contains('\n') && !word.starts_with('و'))
                .then_some(k)
        };
        let hit = if t > 0 && t < p.toks.len() {
            self.hit_at(t).or_else(after_comma)
        } else {
            None
        };
        hit.filter(|&k| {
            self.decided[k]
                .as_ref()
                .is_some_and(|d| matches!(d.id, EntityId::Person(_)))
        })
    }

    /// «… السابق» at word `t`: a former holder, whom the date cannot name.
    fn not_now_at(&self, t: usize) -> bool {
        let p = self.pass;
        t > 0 && t < p.toks.len() && p.adjacent(t - 1, t) && {
            let w = &p.ftext()[p.toks[t].start..p.toks[t].end];
            NOT_NOW.contains(&w) || marsad_text::lists::FORMER.contains(&w)
        }
    }

    /// The country name hit `k` is, written as the phrase wants it (`definite`: as an
    /// adjective).
    fn country_at(&self, k: usize, definite: bool) -> Option<String> {
        let d = self.decided[k].as_ref()?;
        (matches!(d.id, EntityId::Country(_)) && d.adjective == definite)
            .then(|| self.pass.l.kb.key(d.id).to_string())
    }

    /// Who the role phrase `r` names: an international office as it stands; else the
    /// country right after the phrase and the ones coordinated with it; else a country
    /// inside the phrase.
    fn targets(&self, r: &Hit<u32>, role: &Role) -> Vec<Target> {
        let p = self.pass;
        // The phrase as listed (after ل the article lost its alef: للرئيس).
        let phrase = &p.l.role_list[r.value as usize].0;
        // A definite phrase («الرئيس», «رئيس الوزراء», «نظيره») takes the adjective
        // («الروسي»); a construct one («رئيس», «رئيس وزراء») the country's name.
        let last_word = phrase.rsplit(' ').next().unwrap_or(phrase);
        let definite = *role == Role::Counterpart || last_word.starts_with("ال");
        let mut targets = Vec::new();
        let igo = matches!(role, Role::Office(o, _) if p.l.igo_offices.contains(o));
        let first = self
            .hit_at(r.t1)
            .and_then(|k| self.country_at(k, definite).map(|c| (k, c)));
        if let Role::Office(_, Some(c)) = role {
            // «خادم الحرمين الشريفين»: the phrase names its country.
            if !self.not_now_at(r.t1) {
                targets.push(Target {
                    country: Some(c.clone()),
                    b0: r.b0,
                    b1: r.b1,
                    appos: self.person_at(r.t1),
                });
            }
        } else if igo {
            if !self.not_now_at(r.t1) {
                targets.push(Target {
                    country: None,
                    b0: r.b0,
                    b1: r.b1,
                    appos: self.person_at(r.t1),
                });
            }
        } else if let Some((k, c)) = first {
            self.countries_after(r, k, c, definite, &mut targets);
        } else if matches!(role, Role::Office(..)) {
            // A country inside the phrase: «المتحدث باسم الكرملين».
            let inside = (r.t0 + 1..r.t1).find_map(|t| {
                let k = *self.at_word.get(&t)?;
                (self.name_hits[k].t1 <= r.t1)
                    .then(|| self.decided[k].as_ref())
                    .flatten()
                    .filter(|d| !matches!(d.id, EntityId::Person(_)))
                    .and_then(|d| p.country_of(d.id).map(String::from))
            });
            if let Some(c) = inside {
                if !self.not_now_at(r.t1) {
                    targets.push(Target {
                        country: Some(c),
                        b0: r.b0,
                        b1: r.b1,
                        appos: self.person_at(r.t1),
                    });
                }
            }
        }
        targets
    }

    /// The country `c` (name hit `k`) right after the phrase `r`, then coordinated ones,
    /// each with its apposition: «نظيريه الإيراني حسن روحاني والأذربيجاني إلهام علييف».
    fn countries_after(
        &self,
        r: &Hit<u32>,
        mut k: usize,
        mut c: String,
        definite: bool,
        targets: &mut Vec<Target>,
    ) {
        let p = self.pass;
        let ft = p.ftext();
        let mut m_b0 = r.b0;
        loop {
            let mut t = self.name_hits[k].t1;
            if self.not_now_at(t) {
                break;
            }
            let ap = self.person_at(t);
            targets.push(Target {
                country: Some(c),
                b0: m_b0,
                b1: self.name_hits[k].b1,
                appos: ap,
            });
            if let Some(a) = ap {
                t = self.name_hits[a].t1;
            }
            let Some(k2) = self.hit_at(t) else { break };
            let h2 = self.name_hits[k2];
            let word = &ft[p.toks[t].start..p.toks[t].end];
            if !(word.starts_with('و') && h2.b0 == p.toks[t].start + 'و'.len_utf8()) {
                break;
            }
            let Some(c2) = self.country_at(k2, definite) else {
                break;
            };
            (k, c, m_b0) = (k2, c2, h2.b0);
        }
    }

    /// The subject «نظيره» at byte `b0` is the counterpart of, from a country other than
    /// `c`: the sentence's first subject (the main clause's), else the last one before it
    /// in the paragraph.
    fn counterpart_of(&self, b0: usize, c: &str) -> Option<&Subject> {
        let ft = self.pass.ftext();
        let sentence = ft[..b0]
            .rfind(['.', '!', '?', '؟', '؛', '\n'])
            .map_or(0, |i| i + 1);
        let paragraph = ft[..b0].rfind('\n').map_or(0, |i| i + 1);
        self.subjects
            .iter()
            .find(|s| s.b0 >= sentence && s.country != c)
            .or_else(|| {
                self.subjects
                    .iter()
                    .rev()
                    .find(|s| s.b0 >= paragraph && s.country != c)
            })
    }

    /// The person a target of role phrase `r` names: the office holder on the date, or the
    /// person in apposition when they differ; the target becomes a subject.
    fn resolve(&mut self, r: &Hit<u32>, role: &Role, target: Target, out: &mut Vec<RoleMention>) {
        // The KB through a copy of the page's reference, not through `self`: the subjects
        // change below.
        let pass = self.pass;
        let kb = &pass.l.kb;
        let Target {
            country,
            b0: m_b0,
            b1: m_b1,
            appos,
        } = target;
        // A person of another country after the role is someone else, not its apposition
        // («هنّأ الرئيس الفرنسي الأمير محمد بن سلمان»: the French president congratulated
        // the Saudi prince).
        let foreign = |id: EntityId| {
            let person_country = kb.person(kb.key(id)).map(|p| p.country.as_str());
            matches!((country.as_deref(), person_country), (Some(c), Some(pc)) if !pc.is_empty() && c != pc)
        };
        let appos = appos.filter(|&a| {
            !self.decided[a]
                .as_ref()
                .is_some_and(|d| matches!(d.id, EntityId::Person(_)) && foreign(d.id))
        });
        let appos_person = appos.and_then(|a| self.decided[a].as_ref().map(|d| d.id));
        if let Some(a) = appos {
            self.apposed.insert(a);
        }
        let (office, holder, by_holder, evidence_b0) = match role {
            Role::Office(o, _) => {
                let h = kb.holder(o, country.as_deref(), self.date);
                (o.clone(), h, "role", r.b0)
            }
            Role::Counterpart => {
                let Some(c) = &country else { return };
                let Some(s) = self.counterpart_of(r.b0, c) else {
                    return;
                };
                let h = kb.holder(&s.office, Some(c), self.date);
                (s.office.clone(), h, "counterpart", s.b0)
            }
        };
        let holder = holder.and_then(|p| kb.id(&p.key));
        let (person, by) = match (appos_person, holder) {
            (Some(a), Some(h)) if a == h => (Some(h), by_holder),
            (Some(a), _) => (Some(a), "apposition"),
            (None, h) => (h, by_holder),
        };
        if let Some(p) = person {
            out.push(RoleMention {
                b0: m_b0,
                b1: m_b1,
                person: p,
                by,
                office: office.clone(),
                evidence: (evidence_b0, m_b1),
            });
        }
        if let Some(c) = country {
            self.subjects.push(Subject {
                b0: m_b0,
                office,
                country: c,
            });
        }
    }
}

struct Pass<'a> {
    l: &'a Linker,
    text: &'a str,
    date: Option<Date>,
    folded: marsad_text::Folded,
    /// Folded byte offset → folded character index (at character boundaries).
    fchar: Vec<u32>,
    /// Original character index → byte offset.
    obyte: Vec<usize>,
    toks: Vec<Tok>,
}

impl<'a> Pass<'a> {
    fn new(l: &'a Linker, text: &'a str, date: Option<Date>) -> Pass<'a> {
        let folded = fold(text, Chain::Match);
        let mut fchar = vec![0u32; folded.text.len() + 1];
        let mut n = 0u32;
        for (b, _) in folded.text.char_indices() {
            fchar[b] = n;
            n += 1;
        }
        fchar[folded.text.len()] = n;
        let mut obyte: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        obyte.push(text.len());
        let base = folded.text.as_ptr() as usize;
        let toks = words(&folded.text)
            .map(|w| {
                let start = w.text.as_ptr() as usize - base;
                Tok {
                    start,
                    end: start + w.text.len(),
                }
            })
            .collect();
        Pass {
            l,
            text,
            date,
            folded,
            fchar,
            obyte,
            toks,
        }
    }

    fn ftext(&self) -> &str {
        &self.folded.text
    }

    /// The longest entry of `table` starting at word `i` (possibly after a name clitic).
    fn longest<V: Copy>(
        &self,
        i: usize,
        lookup: impl Fn(&str) -> Option<V>,
        prefixes: &HashSet<String>,
    ) -> Option<Hit<V>> {
        let ft = self.ftext();
        let tok = self.toks[i];
        let word = &ft[tok.start..tok.end];
        let mut best: Option<Hit<V>> = None;
        let mut consider = |skip: usize, article: bool| {
            let b0 = tok.start + skip;
            for j in i..self.toks.len() {
                let end = self.toks[j].end;
                let (found, go_on) = if article {
                    let key = format!("ال{}", &ft[b0..end]);
                    (lookup(&key), prefixes.contains(&key))
                } else {
                    let key = &ft[b0..end];
                    (lookup(key), prefixes.contains(key))
                };
                if let Some(v) = found {
                    let better = match &best {
                        None => true,
                        Some(h) => end > h.b1,
                    };
                    if better {
                        best = Some(Hit {
                            t0: i,
                            t1: j + 1,
                            b0,
                            b1: end,
                            value: v,
                        });
                    }
                }
                if !go_on {
                    break;
                }
            }
        };
        consider(0, false);
        if self.l.clitic_words.contains(word) {
            return best;
        }
        for p in NAME_PREFIXES {
            if opens_with(word, p) && word[p.len()..].chars().count() >= 3 {
                consider(p.len(), false);
            }
        }
        for p in ARTICLE_L_PREFIXES {
            if opens_with(word, p) && word[p.len()..].chars().count() >= 2 {
                consider(p.len(), true);
            }
        }
        best
    }

    fn scan<V: Copy>(
        &self,
        lookup: impl Fn(&str) -> Option<V> + Copy,
        prefixes: &HashSet<String>,
    ) -> Vec<Hit<V>> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            match self.longest(i, lookup, prefixes) {
                Some(h) => {
                    i = h.t1;
                    out.push(h);
                }
                None => i += 1,
            }
        }
        out
    }

    /// Only white space between words `a` (end) and `b` (start), no line break.
    fn adjacent(&self, a: usize, b: usize) -> bool {
        let gap = &self.ftext()[self.toks[a].end..self.toks[b].start];
        gap.chars().all(|c| c == ' ')
    }

    /// Word `t`, folded, as the text has it.
    fn word(&self, t: usize) -> &str {
        let tok = self.toks[t];
        &self.ftext()[tok.start..tok.end]
    }

    /// Word `t` without a leading و or ف.
    fn bare(&self, t: usize) -> &str {
        let w = self.word(t);
        for p in ["و", "ف"] {
            if let Some(rest) = w.strip_prefix(p) {
                if self.l.titles.contains(rest) || self.l.place_words.contains(rest) {
                    return rest;
                }
            }
        }
        w
    }

    fn country_of(&self, id: EntityId) -> Option<&str> {
        let kb = &self.l.kb;
        match id {
            EntityId::Country(_) => Some(kb.key(id)),
            EntityId::Place(_) => kb.place(kb.key(id)).and_then(|p| p.country.as_deref()),
            EntityId::Org(_) => kb.org(kb.key(id)).and_then(|o| o.country.as_deref()),
            EntityId::Person(_) => kb.person(kb.key(id)).map(|p| p.country.as_str()),
        }
    }

    fn run(self) -> Vec<Entity> {
        let l = self.l;
        let mut name_hits = self.scan(|k| l.names.get(k).copied(), &l.name_prefixes);
        let role_hits = self.scan(|k| l.roles.get(k).copied(), &l.role_prefixes);
        // Role phrases with their word ranges, for title support.
        let role_end: HashSet<usize> = role_hits.iter().map(|h| h.t1).collect();

        // Pass 1: decide unambiguous names, remember full names.
        let (mut decided, full_name_at) = self.decide_unambiguous(&name_hits);
        // Pass 1b: names that may be several places, or a town only the gazetteer knows,
        // decided by the document's countries and divisions, then population.
        places::decide_places(&self, &name_hits, &mut decided);
        // Pass 2: ambiguous names with context.
        self.decide_in_context(&name_hits, &mut decided, &role_end, &full_name_at);

        places::divisions_after_heads(&self, &name_hits, &mut decided);
        places::cities_named_like_countries(&self, &name_hits, &mut decided);
        places::drop_quoted_places(&self, &name_hits, &mut decided);

        // Pass 3: a known person's name inside another name; any name inside an idiom.
        self.drop_people_inside_names(&mut name_hits, &mut decided);
        self.drop_names_in_idioms(&name_hits, &mut decided);
        self.drop_countries_in_kunyas(&name_hits, &mut decided);

        // Roles, in text order with the named people (for «نظيره»).
        let mut role_mentions: Vec<RoleMention> = Vec::new();
        if let Some(date) = self.date {
            self.resolve_roles(date, &name_hits, &decided, &role_hits, &mut role_mentions);
        }

        let inner = self.adjectives_inside_names(&name_hits, &decided);
        self.entities(&name_hits, &decided, &inner, &role_mentions)
    }

    /// Pass 1: the names that stand for one entity on sight (not a place to decide, not
    /// ambiguous, not a common word as written), and where each known person's full name
    /// first stands.
    fn decide_unambiguous(
        &self,
        name_hits: &[Hit<u32>],
    ) -> (Vec<Option<Decided>>, HashMap<EntityId, usize>) {
        let l = self.l;
        let mut decided: Vec<Option<Decided>> = vec![None; name_hits.len()];
        let mut full_name_at: HashMap<EntityId, usize> = HashMap::default();
        for (k, h) in name_hits.iter().enumerate() {
            let info = &l.infos[h.value as usize];
            if info.short_latin && !short_latin_cased(self.original(h.b0, h.b1)) {
                continue;
            }
            if !info.geo.is_empty() || info.ambiguous || self.exact_common(h) {
                continue;
            }
            let c = pick(&info.cands);
            decided[k] = Some(Decided {
                id: c.id,
                adjective: c.kind == AliasKind::Adjective,
                by: "name",
                evidence: None,
            });
            if info.multiword && matches!(c.id, EntityId::Person(_)) {
                full_name_at.entry(c.id).or_insert(h.b0);
            }
        }
        (decided, full_name_at)
    }

    /// Pass 2: the names pass 1 and the places pass left, by their context (a title, the
    /// full name earlier, the person's country).
    fn decide_in_context(
        &self,
        name_hits: &[Hit<u32>],
        decided: &mut [Option<Decided>],
        role_end: &HashSet<usize>,
        full_name_at: &HashMap<EntityId, usize>,
    ) {
        let l = self.l;
        let mut first_plain: HashMap<EntityId, usize> = HashMap::default();
        for (k, d) in decided.iter().enumerate() {
            if let Some(d) = d {
                first_plain.entry(d.id).or_insert(k);
            }
        }
        for k in 0..name_hits.len() {
            let h = name_hits[k];
            let info = &l.infos[h.value as usize];
            if decided[k].is_some() || info.cands.is_empty() {
                continue;
            }
            let plain = !(info.ambiguous || self.exact_common(&h));
            if plain && info.geo.is_empty() {
                continue;
            }
            if info.short_latin && !short_latin_cased(self.original(h.b0, h.b1)) {
                continue;
            }
            if plain {
                // A name the places pass left: its known entity, as pass 1 would have it.
                decided[k] = Some(decide(&pick(&info.cands), "name", None));
                continue;
            }
            decided[k] = self.support(
                k,
                name_hits,
                decided,
                role_end,
                (full_name_at, &first_plain),
                info,
            );
        }
    }

    /// Pass 3b: a name inside an everyday phrase (`data/kb/idioms.tsv`): «عاد إلى مسقط
    /// رأسه» is his birthplace, «بعد صلاة المغرب» the sunset prayer. The phrase's first
    /// word may carry proclitics, its last a pronoun suffix.
    fn drop_names_in_idioms(&self, name_hits: &[Hit<u32>], decided: &mut [Option<Decided>]) {
        let n = self.toks.len();
        for (k, h) in name_hits.iter().enumerate() {
            if decided[k].is_none() {
                continue;
            }
            let inside = self.l.idioms.iter().any(|idiom| {
                (0..idiom.len()).any(|j| {
                    // The idiom's word j is the hit's first word; the rest stand around it.
                    let Some(first) = h.t0.checked_sub(j) else {
                        return false;
                    };
                    first + idiom.len() <= n
                        && h.t1 <= first + idiom.len()
                        && idiom.iter().enumerate().all(|(i, want)| {
                            let w = self.word(first + i);
                            let suffixed = i + 1 == idiom.len()
                                && w.strip_prefix(want.as_str()).is_some_and(|rest| {
                                    matches!(rest, "ه" | "ها" | "هم" | "هما" | "هن")
                                });
                            w == want
                                || i == 0 && with_or_without_prefix(w, |x| x == want)
                                || suffixed
                        })
                })
            });
            if inside {
                decided[k] = None;
            }
        }
    }

    /// Pass 3c: a country's one word right after «أم», «أبو», «بن», «ابن», «بنت» or «آل» is
    /// part of a person's name: «أم تركي» is Turki's mother, «محمد بن تركي» Turki's son, not
    /// Turkey. A place named with the word («أبو ظبي») is one name and no concern here.
    fn drop_countries_in_kunyas(&self, name_hits: &[Hit<u32>], decided: &mut [Option<Decided>]) {
        for (k, h) in name_hits.iter().enumerate() {
            let Some(d) = &decided[k] else { continue };
            if !matches!(d.id, EntityId::Country(_)) || h.t1 != h.t0 + 1 || h.t0 == 0 {
                continue;
            }
            let tok = self.toks[h.t0];
            let clitic = &self.ftext()[tok.start..h.b0];
            let kin = matches!(
                self.bare(h.t0 - 1),
                "ام" | "ابو" | "ابي" | "ابا" | "بن" | "ابن" | "بنت" | "ال"
            );
            if clitic.is_empty() && kin && self.adjacent(h.t0 - 1, h.t0) {
                decided[k] = None;
            }
        }
    }

    /// Pass 3: a known person's name inside another name. «مركز الملك سلمان للإغاثة» is a
    /// centre, not the king; «خالد البوسعيدي» is someone whose surname a minister shares
    /// (a given name that is none of the known person's own words stands before it).
    fn drop_people_inside_names(
        &self,
        name_hits: &mut [Hit<u32>],
        decided: &mut [Option<Decided>],
    ) {
        let l = self.l;
        for k in 0..name_hits.len() {
            let Some(d) = &decided[k] else { continue };
            if !matches!(d.id, EntityId::Person(_)) {
                continue;
            }
            let h = name_hits[k];
            let Some(before) = h.t0.checked_sub(1).map(|t| self.bare(t)) else {
                continue;
            };
            // The noun may stand before the person's title («بمركز الأمير سلطان بن
            // عبدالعزيز») and carry proclitics.
            let head = match h.t0.checked_sub(2) {
                Some(t) if l.titles.contains(before) => self.word(t),
                _ => self.word(h.t0 - 1),
            };
            let inside_name = with_or_without_prefix(head, |w| l.namesakes.contains(w));
            let own_word = |w: &str| {
                l.kb.person(l.kb.key(d.id)).is_some_and(|p| {
                    p.ar.iter()
                        .any(|n| fold(n, Chain::Match).text.split(' ').any(|x| x == w))
                })
            };
            // «هادي قطيم الشيباني»: a given name and a father's name before the surname.
            let father_shape = h.t0 >= 2 && {
                let given = self.bare(h.t0 - 2);
                unknown::given_names().contains(given)
                    && !before.starts_with("ال")
                    && !l.titles.contains(before)
                    // A particle between is no father's name («فريد زكريا مع أوباما»).
                    && before.chars().count() > 2
                    && !matches!(
                        before,
                        "مع" | "من" | "الي" | "علي" | "عن" | "في" | "ان" | "انه" | "لدي" | "عند"
                            | "بين" | "ضد" | "حول" | "ثم" | "او" | "قد" | "لقد" | "كما" | "بعد"
                            | "قبل" | "منذ" | "حتي" | "لكن" | "بينما" | "فيما" | "خلال" | "لان"
                    )
                    && self.word(h.t0 - 1) == before
                    && self.adjacent(h.t0 - 2, h.t0 - 1)
                    && self.adjacent(h.t0 - 1, h.t0)
            };
            let father = father_shape && !own_word(self.bare(h.t0 - 2));
            // «خالد محفوظ بحاح» for Khaled Bahah: his own given name, his father's, his
            // surname — one mention of him, not an unknown «خالد محفوظ» beside «بحاح».
            if father_shape && !father {
                let t0 = h.t0 - 2;
                let taken = name_hits
                    .iter()
                    .zip(decided.iter())
                    .any(|(o, od)| od.is_some() && o.t1 > t0 && o.t0 < h.t0);
                if !taken {
                    name_hits[k].t0 = t0;
                    let skip = self.word(t0).len() - self.bare(t0).len();
                    name_hits[k].b0 = self.toks[t0].start + skip;
                }
                continue;
            }
            let other_person = !l.infos[h.value as usize].multiword
                && (unknown::given_names().contains(before) || father)
                && !own_word(before);
            // «الأمير فهد بن سلطان بن عبدالعزيز»: a known name after «بن» is the father's
            // name in someone else's.
            let nasab = matches!(before, "بن" | "ابن" | "بنت") && self.word(h.t0 - 1) == before;
            if inside_name || other_person || nasab {
                decided[k] = None;
            }
        }
    }

    /// A nationality adjective inside an organisation's or a place's name (الخارجية
    /// الأمريكية، العاصمة الروسية موسكو) names the country too: (start, end, country, hit).
    fn adjectives_inside_names(
        &self,
        name_hits: &[Hit<u32>],
        decided: &[Option<Decided>],
    ) -> Vec<(usize, usize, EntityId, usize)> {
        let l = self.l;
        let mut inner: Vec<(usize, usize, EntityId, usize)> = Vec::new();
        for (k, (h, d)) in name_hits.iter().zip(decided).enumerate() {
            let Some(d) = d else { continue };
            if !matches!(d.id, EntityId::Org(_) | EntityId::Place(_)) || h.t1 - h.t0 < 2 {
                continue;
            }
            let mut t = h.t0 + 1;
            while t < h.t1 {
                match self.longest(t, |x| l.names.get(x).copied(), &l.name_prefixes) {
                    Some(i) if i.b1 <= h.b1 => {
                        let info = &l.infos[i.value as usize];
                        let adj = info.cands.iter().find(|c| {
                            c.kind == AliasKind::Adjective && matches!(c.id, EntityId::Country(_))
                        });
                        if let (Some(c), false) = (adj, info.ambiguous) {
                            inner.push((i.b0, i.b1, c.id, k));
                        }
                        t = i.t1;
                    }
                    _ => t += 1,
                }
            }
        }
        inner
    }

    /// The entities, each with its mentions (by name, inside a name, by role), in the order
    /// of their first mention.
    fn entities(
        &self,
        name_hits: &[Hit<u32>],
        decided: &[Option<Decided>],
        inner: &[(usize, usize, EntityId, usize)],
        role_mentions: &[RoleMention],
    ) -> Vec<Entity> {
        let l = self.l;
        let mut order: Vec<EntityId> = Vec::new();
        let mut by_id: HashMap<EntityId, Vec<Mention>> = HashMap::default();
        let mut add = |id: EntityId, m: Mention| {
            let v = by_id.entry(id).or_insert_with(|| {
                order.push(id);
                Vec::new()
            });
            if !v.iter().any(|x| x.start == m.start && x.end == m.end) {
                v.push(m);
            }
        };
        for (h, d) in name_hits.iter().zip(decided) {
            if let Some(d) = d {
                let mut m = self.mention(h.b0, h.b1);
                m.resolved = Some(Resolution {
                    by: d.by.to_string(),
                    office: None,
                    on: None,
                    evidence: d.evidence.map(|(a, b)| self.evidence(a, b)),
                });
                add(d.id, m);
            }
        }
        for &(b0, b1, id, k) in inner {
            let mut m = self.mention(b0, b1);
            let h = name_hits[k];
            m.resolved = Some(Resolution {
                by: "name".to_string(),
                office: None,
                on: None,
                evidence: Some(self.evidence(h.b0, h.b1)),
            });
            add(id, m);
        }
        for r in role_mentions {
            let mut m = self.mention(r.b0, r.b1);
            m.resolved = Some(Resolution {
                by: r.by.to_string(),
                office: Some(r.office.clone()),
                on: self.date.map(|d| d.to_string()),
                evidence: Some(self.evidence(r.evidence.0, r.evidence.1)),
            });
            add(r.person, m);
        }
        let kb = &l.kb;
        let mut out: Vec<Entity> = order
            .into_iter()
            .map(|id| {
                let mut mentions = by_id.remove(&id).unwrap_or_default();
                mentions.sort_by_key(|m| (m.start, m.end));
                Entity {
                    key: kb.key(id).to_string(),
                    kind: match kb.entity_type(id) {
                        KbType::Per => EntityType::Person,
                        KbType::Org => EntityType::Organization,
                        KbType::Gpe => EntityType::Gpe,
                        KbType::Loc => EntityType::Location,
                    },
                    country: self.country_of(id).map(String::from),
                    mentions,
                }
            })
            .collect();
        out.sort_by_key(|e| e.mentions.first().map_or(0, |m| m.start));
        out
    }

    /// Decides an ambiguous name from its context, or `None`.
    fn support(
        &self,
        k: usize,
        hits: &[Hit<u32>],
        decided: &[Option<Decided>],
        role_end: &HashSet<usize>,
        (full_name_at, first_plain): (&HashMap<EntityId, usize>, &HashMap<EntityId, usize>),
        info: &AliasInfo,
    ) -> Option<Decided> {
        let h = hits[k];
        let prev = (k > 0)
            .then(|| hits[k - 1])
            .filter(|p| p.t1 == h.t0 && self.adjacent(p.t0.max(p.t1 - 1), h.t0));
        let prev_adj = prev.and_then(|p| {
            let d = decided[k - 1].as_ref()?;
            d.adjective
                .then(|| (p, self.country_of(d.id).map(String::from)))
        });
        let next = hits
            .get(k + 1)
            .copied()
            .filter(|n| n.t0 == h.t1 && self.adjacent(h.t1 - 1, n.t0));
        let next_adj_country = next.and_then(|_| {
            let d = decided[k + 1].as_ref();
            let info = &self.l.infos[hits[k + 1].value as usize];
            match d {
                Some(d) if d.adjective => self.country_of(d.id).map(String::from),
                None => info
                    .cands
                    .iter()
                    .find(|c| c.kind == AliasKind::Adjective)
                    .and_then(|c| self.country_of(c.id).map(String::from)),
                _ => None,
            }
        });
        // The word that may be a title: before the name, or before its country adjective.
        let title_word = |before: usize| -> Option<(usize, usize)> {
            if before == 0 {
                return None;
            }
            let t = before - 1;
            if !self.adjacent(t, before) {
                return None;
            }
            if role_end.contains(&before) || self.l.titles.contains(self.bare(t)) {
                return Some((self.toks[t].start, self.toks[before].start));
            }
            None
        };
        // The name's own word must not carry a clitic for title support to count
        // (a title then the name: «الرئيس رئيسي», not «الرئيس لرئيسي»).
        let own_start = self.toks[h.t0].start;
        for c in &info.cands {
            match c.id {
                EntityId::Person(_) => {
                    let pc = self.country_of(c.id).map(String::from);
                    if own_start == h.b0 {
                        if let Some(ev) = title_word(h.t0) {
                            return Some(decide(c, "name+title", Some((ev.0, h.b1))));
                        }
                        if let Some((p, Some(country))) = &prev_adj {
                            if Some(country) == pc.as_ref() {
                                if let Some(ev) = title_word(p.t0) {
                                    return Some(decide(c, "name+title", Some((ev.0, h.b1))));
                                }
                            }
                        }
                    }
                    if let Some(&at) = full_name_at.get(&c.id) {
                        if at < h.b0 {
                            let end = hits.iter().find(|x| x.b0 == at).map_or(at, |x| x.b1);
                            return Some(decide(c, "name+full_name", Some((at, end))));
                        }
                    }
                    if next_adj_country.is_some() && next_adj_country == pc {
                        let n = next.expect("an adjective after");
                        return Some(decide(c, "name+adjective", Some((h.b0, n.b1))));
                    }
                }
                _ if c.kind == AliasKind::Adjective => {
                    // An ambiguous adjective (المالي) right after a role phrase.
                    if h.t0 > 0 && role_end.contains(&h.t0) && self.adjacent(h.t0 - 1, h.t0) {
                        let s = self.toks[h.t0 - 1].start;
                        return Some(decide(c, "name+title", Some((s, h.b1))));
                    }
                }
                _ => {
                    // A place word before it (not for a name with the article: «في الصحراء»
                    // is "in the desert"), or an unambiguous mention of the same entity.
                    let definite = self.ftext()[h.b0..h.b1].starts_with("ال");
                    if !definite
                        && h.t0 > 0
                        && self.adjacent(h.t0 - 1, h.t0)
                        && (self.l.place_words.contains(self.bare(h.t0 - 1))
                            || role_end.contains(&h.t0))
                    {
                        let s = self.toks[h.t0 - 1].start;
                        return Some(decide(c, "name+title", Some((s, h.b1))));
                    }
                    if let Some(&j) = first_plain.get(&c.id) {
                        return Some(decide(c, "name+full_name", Some((hits[j].b0, hits[j].b1))));
                    }
                }
            }
        }
        None
    }

    fn resolve_roles(
        &self,
        date: Date,
        name_hits: &[Hit<u32>],
        decided: &[Option<Decided>],
        role_hits: &[Hit<u32>],
        out: &mut Vec<RoleMention>,
    ) {
        let mut roles = Roles {
            pass: self,
            date,
            name_hits,
            decided,
            at_word: name_hits
                .iter()
                .enumerate()
                .map(|(k, h)| (h.t0, k))
                .collect(),
            subjects: Vec::new(),
            apposed: HashSet::default(),
        };
        let mut ni = 0; // next name hit to feed as a subject
        for r in role_hits {
            // Feed the named people before this role as subjects.
            while ni < name_hits.len() && name_hits[ni].b0 < r.b0 {
                roles.feed_subject(ni);
                ni += 1;
            }
            let role = self.l.role_list[r.value as usize].1.clone();
            for target in roles.targets(r, &role) {
                roles.resolve(r, &role, target, out);
            }
        }
    }

    /// Whether a hit is written as one of the ordinary words of `common_words.tsv` that
    /// fold onto a name (اليمنى).
    fn exact_common(&self, h: &Hit<u32>) -> bool {
        if !self.l.exact_folded.contains(&self.ftext()[h.b0..h.b1]) {
            return false;
        }
        let s: String = self
            .original(h.b0, h.b1)
            .chars()
            .filter(|&c| !matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}'))
            .collect();
        self.l.exact_common.contains(&s)
    }

    /// The original text covered by folded bytes `b0..b1`.
    fn original(&self, b0: usize, b1: usize) -> &str {
        let span = self
            .folded
            .span_of_chars(self.fchar[b0] as usize, self.fchar[b1] as usize);
        &self.text[self.obyte[span.start]..self.obyte[span.end]]
    }

    fn mention(&self, b0: usize, b1: usize) -> Mention {
        let span = self
            .folded
            .span_of_chars(self.fchar[b0] as usize, self.fchar[b1] as usize);
        Mention::new(
            span.start,
            span.end,
            &self.text[self.obyte[span.start]..self.obyte[span.end]],
        )
    }

    fn evidence(&self, b0: usize, b1: usize) -> Evidence {
        let m = self.mention(b0, b1);
        Evidence {
            start: m.start,
            end: m.end,
            text: m.text,
        }
    }
}

fn decide(c: &Candidate, by: &'static str, evidence: Option<(usize, usize)>) -> Decided {
    Decided {
        id: c.id,
        adjective: c.kind == AliasKind::Adjective,
        by,
        evidence,
    }
}

/// Of several candidates, countries first (by name before by adjective), then places,
/// organisations and people.
fn pick(cands: &[Candidate]) -> Candidate {
    let rank = |c: &Candidate| {
        let t = match c.id {
            EntityId::Country(_) => 0,
            EntityId::Place(_) => 1,
            EntityId::Org(_) => 2,
            EntityId::Person(_) => 3,
        };
        (t, c.kind != AliasKind::Name)
    };
    *cands
        .iter()
        .min_by_key(|c| rank(c))
        .expect("an alias has a candidate")
}

#[cfg(test)]
mod tests;
