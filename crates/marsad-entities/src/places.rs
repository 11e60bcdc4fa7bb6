//! Which place a place name is: one name, several places (طرابلس in Libya and in Lebanon,
//! hundreds of small homonyms), and towns only the gazetteer knows.
//!
//! A name the gazetteer gives (a GeoNames town, or a GeoNames spelling of a known place) is
//! never believed on sight: thousands of them are also words or names of people. Of the places
//! a name may be, the pass prefers one the document supports — a country of the document's
//! other entities (countries by name or adjective, known places, organisations), or its
//! first-level division, or for a division one of its towns — and among those the most
//! populous. A place with no support is taken only when it is a known place (the curated
//! KB's), or when it outnumbers every homonym tenfold and is either a city of 100,000 or
//! written after a head word («مدينة»، «بلدة»، «محافظة»، «شمال» …): an ambiguous small place
//! with no support is not guessed. A name that is also a person, an organisation or a
//! country keeps the older rules unless a head word makes it a place.
//!
//! A division and a city of the same name inside it («البصرة»: the city and the
//! governorate) are the city, unless the name is written with its head («محافظة البصرة»,
//! which is an alias of the division of its own) or only the gazetteer says the city has
//! that name (عكار is the governorate, not the town of Halba).

use std::sync::LazyLock;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use marsad_kb::{AliasKind, Candidate, EntityId, Place, PlaceKind};

use marsad_schema::Document;

use crate::{decide, Decided, Hit, Linker, Pass};

/// Words (folded) before a name that say it is a settlement or a division. They support a
/// place the document does not otherwise support; they do not choose between homonyms. «حي»
/// and «مخيم» are not among them: «حي الروضة» is a district of some city, not the town of
/// that name elsewhere.
pub const HEADS: &[&str] = &[
    "مدينه",
    "بلده",
    "قريه",
    "بلدات",
    "قري",
    "محافظه",
    "محافظات",
    "منطقه",
    "ولايه",
    "اماره",
    "مديريه",
    "ناحيه",
    "قضاء",
    "ريف",
    "ضواحي",
    "اطراف",
];

/// Directions (folded; `data/text/directions.tsv`, the words marked `places`): «شمال
/// بغداد» is a place, but «شمال البلاد» is "the north of the country", so a direction
/// supports a name that is not also an everyday word.
static DIRECTIONS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| marsad_text::lists::DIRECTIONS.words_for("places").collect());

/// Prepositions and verbs of travel (folded) that put the next word in a place: a gazetteer town of the
/// document's country is taken after one of them (or after the clitic ب), not after a title
/// or a given name («وزير الدفاع العراقي ثابت العباسي» names no town).
pub(crate) const PREPOSITIONS: &[&str] = &[
    "في",
    "الي",
    "من",
    "قرب",
    "نحو",
    "داخل",
    "حول",
    "عند",
    "قرابه",
    "باتجاه",
    "بين",
    "زار",
    "زياره",
    "زيارته",
    "عاصمه",
];

/// Everyday words that GeoNames also gives as a town's name: such a town needs a head word.
const GAZETTEER_WORDS: &str = include_str!("../../../data/kb/gazetteer_words.tsv");

fn gazetteer_words() -> &'static HashSet<String> {
    static WORDS: std::sync::OnceLock<HashSet<String>> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        GAZETTEER_WORDS
            .lines()
            .map(|l| l.split('#').next().unwrap_or("").trim())
            .filter(|l| !l.is_empty())
            .map(marsad_kb::fold_name)
            .collect()
    })
}

/// A town with no support in the document is taken only from this population …
const BIG_TOWN: u32 = 100_000;
/// … and only when it outnumbers every homonym this many times.
const DOMINANT: u32 = 10;

/// The document's support for places: countries and divisions, with the first mention
/// (folded bytes) that names each.
struct Context {
    countries: HashMap<String, (usize, usize)>,
    divisions: HashMap<String, (usize, usize)>,
}

fn geo(p: &Place) -> (PlaceKind, Option<&str>, u32) {
    match &p.geo {
        Some(g) => (g.kind, g.division.as_deref(), g.population),
        None => (PlaceKind::City, None, 0),
    }
}

fn context(pass: &Pass<'_>, hits: &[Hit<u32>], decided: &[Option<Decided>]) -> Context {
    let kb = &pass.l.kb;
    let mut cx = Context {
        countries: HashMap::default(),
        divisions: HashMap::default(),
    };
    for (h, d) in hits.iter().zip(decided) {
        let Some(d) = d else { continue };
        let at = (h.b0, h.b1);
        // People move about: a person's nationality says nothing of where the story is.
        if matches!(d.id, EntityId::Person(_)) {
            continue;
        }
        if let Some(c) = pass.country_of(d.id) {
            cx.countries.entry(c.to_string()).or_insert(at);
        }
        if let Some(p) = kb.place_of(d.id) {
            match geo(p) {
                (PlaceKind::Division, _, _) => {
                    cx.divisions.entry(p.key.clone()).or_insert(at);
                }
                (PlaceKind::City, Some(div), _) => {
                    cx.divisions.entry(div.to_string()).or_insert(at);
                }
                _ => {}
            }
        }
    }
    cx
}

/// Decides the hits whose names may be several places or a gazetteer town.
pub(crate) fn decide_places(pass: &Pass<'_>, hits: &[Hit<u32>], decided: &mut [Option<Decided>]) {
    let cx = context(pass, hits, decided);
    let heads: HashSet<&str> = HEADS.iter().copied().collect();
    for k in 0..hits.len() {
        let info = &pass.l.infos[hits[k].value as usize];
        if decided[k].is_some() || info.geo.is_empty() {
            continue;
        }
        decided[k] = decide_place(pass, &cx, &heads, hits, decided, k);
    }
}

/// How a possible place name `hits[k]` is written: the words before it and its own.
struct Written {
    /// A settlement or division head right before it (evidence: head through name).
    settlement: Option<(usize, usize)>,
    /// A head that makes it a place: a settlement head, or for a name that is not an
    /// everyday word a direction too.
    head: Option<(usize, usize)>,
    /// The name is an everyday word too (`gazetteer_words.tsv`).
    word: bool,
    /// A preposition or verb of travel as the word before it.
    word_prep: bool,
    /// A preposition of any kind: the word before, the clitic ب, or a list of places.
    prep: bool,
    /// The name's own first word is a head («محافظة البصرة»).
    own_head: bool,
}

/// How `hits[k]` is written, or None for a head word alone (GeoNames gives «مدينة» as
/// Medina's name).
fn written(
    pass: &Pass<'_>,
    heads: &HashSet<&str>,
    hits: &[Hit<u32>],
    decided: &[Option<Decided>],
    k: usize,
) -> Option<Written> {
    let h = hits[k];
    let l = pass.l;
    // A head word right before the name (or the name's own first word: «محافظة البصرة»).
    let is_in = |t: usize, set: &[&str]| {
        let tok = pass.toks[t];
        let w = &pass.ftext()[tok.start..tok.end];
        set.contains(&w)
            || ["و", "ف", "ب", "ل", "وب", "ول"]
                .iter()
                .any(|p| w.strip_prefix(p).is_some_and(|r| set.contains(&r)))
    };
    let before = |set: &[&str]| {
        (h.t0 > 0 && pass.adjacent(h.t0 - 1, h.t0) && is_in(h.t0 - 1, set))
            .then(|| (pass.toks[h.t0 - 1].start, h.b1))
    };
    let settlement = before(HEADS);
    let direction = before(&DIRECTIONS);
    let name = &pass.ftext()[h.b0..h.b1];
    if heads.contains(name) || l.place_words.contains(name) {
        return None;
    }
    // A word before it that puts it in a place; the clitic ب counts only where the
    // document supports the place (بلاتر is Blatter, not ب + Latur).
    // The name's own word carries no clitic: after «من», «ورقة» is "paper", not و + the
    // town of Raqqa.
    let word_prep = h.t0 > 0
        && pass.toks[h.t0].start == h.b0
        && pass.adjacent(h.t0 - 1, h.t0)
        && PREPOSITIONS.contains(&pass.bare(h.t0 - 1));
    // Not for a name of three letters: «بصدد» ("about to") is not ب + the town of Sadad.
    let clitic_prep = {
        let tok = pass.toks[h.t0];
        pass.ftext()[tok.start..h.b0].ends_with('ب') && name.chars().count() > 3
    };
    // An everyday word that is also a town's name is a town only after a settlement or
    // division head; other names after a direction too.
    let word = gazetteer_words().contains(name);
    let head = if word {
        settlement
    } else {
        settlement.or(direction)
    };
    // «في مأرب وصعدة»: a name joined by و to a place just before it is in a list of places.
    let listed = {
        let tok = pass.toks[h.t0];
        let clitic = &pass.ftext()[tok.start..h.b0];
        clitic.starts_with('و')
            && k > 0
            && hits[k - 1].t1 == h.t0
            && decided[k - 1]
                .as_ref()
                .is_some_and(|d| l.kb.place_of(d.id).is_some())
    };
    let own_head = heads.contains(name.split(' ').next().unwrap_or_default()) && h.t1 - h.t0 > 1;
    Some(Written {
        settlement,
        head,
        word,
        word_prep,
        prep: word_prep || clitic_prep || listed,
        own_head,
    })
}

/// The places a name may be, as (candidate, place), a division dropped for a city of its
/// own inside it: the weaker name of the pair goes; between equals, the division unless
/// the name carries its head (`own_head`).
fn candidate_places<'kb>(
    kb: &'kb marsad_kb::Kb,
    geo_cands: &[Candidate],
    own_head: bool,
) -> Vec<(Candidate, &'kb Place)> {
    let all: Vec<(Candidate, &Place)> = geo_cands
        .iter()
        .filter_map(|c| kb.place_of(c.id).map(|p| (*c, p)))
        .collect();
    all.iter()
        .filter(|(c, p)| {
            let (kind, _, _) = geo(p);
            !all.iter().any(|(c2, p2)| {
                let (kind2, div2, _) = geo(p2);
                let nested = match (kind, kind2) {
                    (PlaceKind::Division, PlaceKind::City) => div2 == Some(p.key.as_str()),
                    (PlaceKind::City, PlaceKind::Division) => geo(p).1 == Some(p2.key.as_str()),
                    _ => false,
                };
                if !nested {
                    return false;
                }
                match (strong(c), strong(c2)) {
                    (false, true) => true,
                    (true, false) => false,
                    _ => (kind == PlaceKind::Division) != own_head,
                }
            })
        })
        .cloned()
        .collect()
}

/// A name the curated KB gives (not only the gazetteer).
fn strong(c: &Candidate) -> bool {
    c.kind != AliasKind::Gazetteer
}

fn pop(p: &Place) -> u32 {
    geo(p).2
}

/// Which place `hits[k]` is, if any: one the document supports, else a known place or a
/// dominant town written as a place.
fn decide_place(
    pass: &Pass<'_>,
    cx: &Context,
    heads: &HashSet<&str>,
    hits: &[Hit<u32>],
    decided: &[Option<Decided>],
    k: usize,
) -> Option<Decided> {
    let h = hits[k];
    let info = &pass.l.infos[h.value as usize];
    let w = written(pass, heads, hits, decided, k)?;
    // A person, organisation or country of the same name keeps the older rules, unless
    // a head word makes this one a place.
    let other = info
        .cands
        .iter()
        .any(|c| !matches!(c.id, EntityId::Place(_)));
    if other && w.head.is_none() {
        return None;
    }
    let places = candidate_places(&pass.l.kb, &info.geo, w.own_head);
    if places.is_empty() {
        return None;
    }
    let rank = |x: &&(Candidate, &Place)| (pop(x.1), strong(&x.0));
    let best_all = places.iter().max_by_key(rank).expect("not empty");
    if let Some(d) = supported_place(cx, &w, &places, best_all, (h.b0, h.b1)) {
        return Some(d);
    }
    // No support: a known place as before; a gazetteer town only when it dominates its
    // homonyms and is big or written after a head word.
    let (c, p) = *best_all;
    if strong(&c) {
        return (!info.ambiguous && !other).then(|| decide(&c, "name", None));
    }
    let runner_up = places
        .iter()
        .filter(|(c2, _)| c2.id != c.id)
        .map(|(_, p2)| pop(p2))
        .max()
        .unwrap_or(0);
    let dominant = runner_up == 0 || pop(p) >= DOMINANT.saturating_mul(runner_up);
    if !dominant || (w.word && w.head.is_none() && !w.own_head) {
        return None;
    }
    if let Some(ev) = w.head {
        Some(decide(&c, "name+head", Some(ev)))
    } else if w.own_head {
        Some(decide(&c, "name+head", None))
    } else if w.word_prep && pop(p) >= BIG_TOWN && !info.ambiguous {
        Some(decide(&c, "name+population", None))
    } else {
        None
    }
}

/// Where the document supports a place by its country or division (the first mention of
/// it): for a division, itself; for a city, its division; else its country.
fn support(cx: &Context, p: &Place) -> Option<(usize, usize)> {
    let (kind, div, _) = geo(p);
    if kind == PlaceKind::Division {
        if let Some(&at) = cx.divisions.get(&p.key) {
            return Some(at);
        }
    }
    if let Some(&at) = div.and_then(|d| cx.divisions.get(d)) {
        return Some(at);
    }
    p.country
        .as_ref()
        .and_then(|c| cx.countries.get(c))
        .copied()
}

/// The place the document supports, of those the name may be, with the name (`at`) and
/// the supporting mention as evidence. The document supports a known place by its country
/// or division alone; a gazetteer town also needs to be written as a place (a head, a
/// preposition) or to be big. None when nothing is supported, or when a country named in
/// passing would move a famous name (`best_all`) to a small namesake.
fn supported_place(
    cx: &Context,
    w: &Written,
    places: &[(Candidate, &Place)],
    best_all: &(Candidate, &Place),
    at: (usize, usize),
) -> Option<Decided> {
    let rank = |x: &&(Candidate, &Place)| (pop(x.1), strong(&x.0));
    let best = places
        .iter()
        .filter(|(c, p)| {
            support(cx, p).is_some()
                && (strong(c) || w.head.is_some() || w.own_head || (w.prep && !w.word))
        })
        .max_by_key(rank)?;
    // A country named in passing does not move a famous name to a small namesake
    // (Moscow is not Mesquite because the United States is mentioned); a head word
    // or the namesake's own division does.
    let specific = w.settlement.is_some()
        || w.own_head
        || geo(best.1).1.is_some_and(|d| cx.divisions.contains_key(d))
        || cx.divisions.contains_key(&best.1.key);
    let bigger_elsewhere = !specific
        && support(cx, best_all.1).is_none()
        && pop(best_all.1) >= DOMINANT.saturating_mul(pop(best.1)).max(1);
    if bigger_elsewhere {
        return None;
    }
    let ev = support(cx, best.1).map(|(a, b)| (a.min(at.0), b.max(at.1)));
    Some(decide(&best.0, "name+context", ev))
}

/// Fills each event's `where` from the knowledge base: the name the record's text gives the
/// place, its country, first-level division, coordinates and precision (`city`, `division`,
/// `country`, or `region` for a place without coordinates such as a sea). A key the KB does
/// not know is left as it is.
pub fn locate_events(doc: &mut Document, linker: &Linker) {
    let kb = linker.kb();
    for ev in &mut doc.events {
        let Some(w) = ev.place.as_mut() else { continue };
        let written = doc
            .entities
            .iter()
            .find(|e| e.key == w.key)
            .and_then(|e| e.mentions.first())
            .map(|m| m.text.clone());
        if let Some(c) = kb.country(&w.key) {
            w.name = written.or_else(|| c.ar.first().cloned());
            w.country = Some(c.key.clone());
            w.precision = Some("country".into());
            continue;
        }
        let Some(p) = kb.place(&w.key) else { continue };
        w.name = written.or_else(|| p.ar.first().cloned());
        w.country = p.country.clone();
        match &p.geo {
            Some(g) => {
                w.lat = Some(g.lat);
                w.lon = Some(g.lon);
                w.admin1 = match g.kind {
                    PlaceKind::Division => Some(p.key.clone()),
                    PlaceKind::City => g.division.clone(),
                };
                w.precision = Some(g.kind.as_str().into());
            }
            None => {
                w.precision = Some(match p.etype {
                    marsad_kb::EntityType::Gpe => "city".into(),
                    _ => "region".into(),
                });
            }
        }
    }
}

/// Heads of a first-level division (folded), singular, dual and plural, with the singular
/// the division's alias is written with.
const DIVISION_HEADS: &[(&str, &str)] = &[
    ("محافظه", "محافظه"),
    ("محافظتي", "محافظه"),
    ("محافظات", "محافظه"),
    ("منطقه", "منطقه"),
    ("منطقتي", "منطقه"),
    ("مناطق", "منطقه"),
    ("ولايه", "ولايه"),
    ("ولايتي", "ولايه"),
    ("ولايات", "ولايه"),
];

/// «محافظتي البصرة وذي قار», «محافظات أسيوط وأسوان»: a city named after a division head,
/// or joined by و to one so named, is the division of that name (the KB's alias «محافظة
/// البصرة»), not the city.
pub(crate) fn divisions_after_heads(
    pass: &Pass<'_>,
    hits: &[Hit<u32>],
    decided: &mut [Option<Decided>],
) {
    let l = pass.l;
    let kb = &l.kb;
    let mut head_of: Vec<Option<&str>> = vec![None; hits.len()];
    for k in 0..hits.len() {
        let h = hits[k];
        let Some(d) = &decided[k] else { continue };
        let is_city = kb
            .place_of(d.id)
            .is_some_and(|p| p.geo.as_ref().is_some_and(|g| g.kind == PlaceKind::City));
        if !is_city {
            continue;
        }
        let tok = pass.toks[h.t0];
        let clitic = &pass.ftext()[tok.start..h.b0];
        let head = if h.t0 > 0 && pass.adjacent(h.t0 - 1, h.t0) && clitic.is_empty() {
            let before = pass.bare(h.t0 - 1);
            let before = before.strip_prefix('ب').unwrap_or(before);
            DIVISION_HEADS
                .iter()
                .find(|(w, _)| *w == before)
                .map(|(_, s)| *s)
        } else {
            None
        };
        let head = head.or_else(|| {
            (clitic == "و" && k > 0 && hits[k - 1].t1 == h.t0)
                .then(|| head_of[k - 1])
                .flatten()
        });
        let Some(head) = head else { continue };
        let alias = format!("{head} {}", &pass.ftext()[h.b0..h.b1]);
        let division = l.names.get(alias.as_str()).and_then(|&i| {
            l.infos[i as usize].cands.iter().find(|c| {
                kb.place_of(c.id).is_some_and(|p| {
                    p.geo
                        .as_ref()
                        .is_some_and(|g| g.kind == PlaceKind::Division)
                })
            })
        });
        if let Some(c) = division {
            let start = pass.toks[h.t0.saturating_sub(1)].start;
            decided[k] = Some(decide(c, "name+head", Some((start.min(h.b0), h.b1))));
            head_of[k] = Some(head);
        }
    }
}

/// A place's name alone between quotation marks is a title — most often a newspaper named
/// after its city or region («الرياض», «الشرق الأوسط», "عكاظ") — not the place.
pub(crate) fn drop_quoted_places(
    pass: &Pass<'_>,
    hits: &[Hit<u32>],
    decided: &mut [Option<Decided>],
) {
    let kb = &pass.l.kb;
    for (h, d) in hits.iter().zip(decided.iter_mut()) {
        if d.as_ref().is_none_or(|d| kb.place_of(d.id).is_none()) {
            continue;
        }
        let m = pass.mention(h.b0, h.b1);
        let before = pass.text[..pass.obyte[m.start]].chars().next_back();
        let after = pass.text[pass.obyte[m.end]..].chars().next();
        let quoted = matches!(
            (before, after),
            (Some('«'), Some('»')) | (Some('"'), Some('"')) | (Some('“'), Some('”'))
        );
        if quoted {
            *d = None;
        }
    }
}
