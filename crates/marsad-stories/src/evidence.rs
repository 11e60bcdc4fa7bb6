//! What two reports share: the evidence that they tell the same real-world event, and
//! the score that weighs it.
//!
//! A report is an event as one document tells it. Beside its reading (type, mode,
//! actors, place, status) it carries what the reading may have got wrong but the words
//! still show: the evidence sentence and the headline, as sets of content words (folded,
//! proclitics off). Wire copies and rewrites of one item share most of these words even
//! where the reading differs (one outlet's sentence read as a call, the other's as a
//! statement), and two sentences that name the same people on the same day but tell
//! different things share few.
//!
//! [`pair_score`] adds up the evidence, each part with a weight (the table is on
//! [`Weights`]); the threshold a story's members must reach on average is
//! [`JOIN_THRESHOLD`], chosen on the dev split of the annotated pairs
//! (`tests/stories/README.md`).

use marsad_events::days_apart;
use marsad_schema::{Actor, Document, Event, EventStatus};
use marsad_text::{clitics, fold_chars, words, Chain};

/// The average score over a story's members at which a report joins it (chosen on the
/// dev pairs: see `tests/stories/README.md`).
pub const JOIN_THRESHOLD: f32 = 3.5;

/// The Jaccard similarity of two evidence sentences' words from which they are copies of
/// one sentence (one wire item in two papers, a word or a date changed): on the dev pairs
/// sentences of different events that name the same people share at most a fifth of
/// their words, copies more than three fifths.
pub const COPY: f32 = 0.6;

/// How a report's evidence words index it: [`BANDS`] keys, each the hash of
/// [`ROWS`] min-hashes of the word set. Two sentences whose word sets have a Jaccard
/// similarity J share a key with probability 1 - (1 - J^2)^6: 0.93 at J = 0.6 (copies),
/// 0.75 at J = 0.45, 0.06 at J = 0.1 (two sentences on the same people). Near-identical
/// sentences meet however differently they were read, without scoring every report of
/// a day against every other (one min-hash a key made a tenth of a day's stories
/// candidates of each report).
pub const BANDS: usize = 6;
/// Min-hashes per band key.
pub const ROWS: usize = 2;

/// The weight of each part of [`pair_score`].
///
/// | part | weight | why |
/// | --- | --- | --- |
/// | same type | +1.0 | the reading agrees; not required (a statement read as a call still joins when the words agree) |
/// | modes both known: the same, different | +0.5, −0.5 | a call is a call; a visit and a phone call are rarely one event |
/// | actors | +2.0 × share | one to one, weighted by what a match says ([`same_actor`]: a person 1, a country 0.5, a description 0.25), over the larger list, halved when only one matched |
/// | each side names someone the other does not | −2.0 | formulaic official texts (cables, condolences) differ in little but the sender |
/// | evidence words | +3.0 × Jaccard | copies and rewrites share most words, different happenings of the same people few |
/// | evidence words at [`COPY`] or more | +1.0 | a copy of one sentence in two papers is one item however it was read |
/// | headline words | +1.0 × Jaccard | a headline names the event the article is about |
/// | places both known | +0.5 same, −1.0 different | |
/// | one recalled, the other not | −1.5 | background is joined to a current story only on strong word evidence |
/// | one planned, the other occurred | −0.5 | the announcement and the happening are apart more often than not |
pub struct Weights;

impl Weights {
    /// Same type.
    pub const TYPE: f32 = 1.0;
    /// Modes both known and the same.
    pub const SAME_MODE: f32 = 0.5;
    /// Modes both known and different.
    pub const MODE_CLASH: f32 = -0.5;
    /// Times the share of actors matched.
    pub const ACTORS: f32 = 2.0;
    /// Each side names a person or body the other does not.
    pub const ACTOR_CLASH: f32 = -2.0;
    /// Times the Jaccard similarity of the evidence words.
    pub const EVIDENCE: f32 = 3.0;
    /// The evidence words are a copy's ([`COPY`]).
    pub const COPY: f32 = 1.0;
    /// Times the Jaccard similarity of the headline words.
    pub const HEADLINE: f32 = 1.0;
    /// Places both known and the same.
    pub const SAME_PLACE: f32 = 0.5;
    /// Places both known and different.
    pub const OTHER_PLACE: f32 = -1.0;
    /// One report recalls the event as background, the other does not.
    pub const RECALLED: f32 = -1.5;
    /// One planned, the other occurred.
    pub const PLANNED: f32 = -0.5;
}

/// How many days either side of its publication day an undated report may lie in.
pub const UNDATED_REACH: i64 = 7;

/// The days an event may lie in, inclusive, as day numbers (days since 0001-01-01).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Days {
    /// The first possible day.
    pub lo: i64,
    /// The last possible day.
    pub hi: i64,
}

impl Days {
    /// Every day: the report says nothing of when.
    pub const ANY: Days = Days {
        lo: i64::MIN / 4,
        hi: i64::MAX / 4,
    };

    /// Whether the report says when at all.
    pub fn bounded(self) -> bool {
        self != Days::ANY
    }

    /// The days both allow, else `None`; a day of slack between them (outlets in other
    /// time zones, a report written late at night) counts as overlap, and then the
    /// result is *inverted* (`lo` is the later day, `hi` the earlier) so the slack is
    /// spent: the intersection only narrows as reports join, and a story's span stays
    /// within a day however many reports join it. It cannot creep.
    pub fn meet(self, other: Days) -> Option<Days> {
        let lo = self.lo.max(other.lo);
        let hi = self.hi.min(other.hi);
        (lo - hi <= 1).then_some(Days { lo, hi })
    }

    /// The earliest day (of an inverted span too).
    pub fn first(self) -> i64 {
        self.lo.min(self.hi)
    }

    /// The latest day (of an inverted span too).
    pub fn last(self) -> i64 {
        self.lo.max(self.hi)
    }
}

/// A date's day number when it names a day (its first ten characters are `YYYY-MM-DD`).
pub fn day_number(date: &str) -> Option<i64> {
    days_apart(date, "0001-01-01")
}

/// The days `event` may lie in, as `doc` reports it.
///
/// A date to the day is that day; when it is the report's own publication day it may be
/// only the default the reading gives a past event (no date written), so the day before
/// is allowed too («أول من أمس» in one outlet, nothing in the other). A week, month or
/// year is all its days: a year mentioned in passing (1926) is never a day of 2015. No
/// date allows the week either side of the publication day (a plan announced for «soon»,
/// an aside with no date: a report is news of its week); no date and no publication day,
/// or a date that cannot be read, allows any day.
pub fn days_of(event: &Event, doc: &Document) -> Days {
    let published = doc.anchor_day().and_then(day_number);
    let Some(date) = event.date.as_deref() else {
        return published.map_or(Days::ANY, |p| Days {
            lo: p - UNDATED_REACH,
            hi: p + UNDATED_REACH,
        });
    };
    if let Some(d) = day_number(date) {
        if published == Some(d) && !event.recalled {
            return Days { lo: d - 1, hi: d };
        }
        return Days { lo: d, hi: d };
    }
    period(date).unwrap_or(Days::ANY)
}

/// A week (`2015-W31`), month (`2015-07`) or year (`2015`) as its days.
fn period(date: &str) -> Option<Days> {
    let num = |s: &str| s.parse::<i64>().ok();
    let day = |y: i64, m: i64, d: i64| day_number(&format!("{y:04}-{m:02}-{d:02}"));
    if let Some((y, w)) = date.split_once("-W") {
        let (y, w) = (num(y)?, num(w.get(..2)?)?);
        // ISO week 1 holds January 4th; its Monday is week 1's first day. Day 0
        // (0001-01-01) was a Monday, so a day number's remainder by 7 counts from Monday.
        let jan4 = day(y, 1, 4)?;
        let monday = jan4 - jan4.rem_euclid(7);
        let lo = monday + (w - 1) * 7;
        return Some(Days { lo, hi: lo + 6 });
    }
    match date.len() {
        7 => {
            let (y, m) = (num(&date[..4])?, num(&date[5..7])?);
            let lo = day(y, m, 1)?;
            let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            Some(Days {
                lo,
                hi: day(ny, nm, 1)? - 1,
            })
        }
        4 => {
            let y = num(date)?;
            Some(Days {
                lo: day(y, 1, 1)?,
                hi: day(y + 1, 1, 1)? - 1,
            })
        }
        _ => None,
    }
}

/// The content words of `text`: folded for matching, the proclitics off (the longest
/// sequence that leaves three letters), hashed, sorted and unique. Words of one letter
/// say nothing.
pub fn content_words(text: &str) -> Vec<u64> {
    let mut out: Vec<u64> = Vec::new();
    let mut folded = String::new();
    for w in words(text) {
        folded.clear();
        folded.extend(fold_chars(w.text, Chain::Match));
        let stem = clitics::prefixes_of(&folded)
            .filter(|(_, rest)| rest.chars().count() >= 3)
            .max_by_key(|(p, _)| p.len())
            .map_or(folded.as_str(), |(_, rest)| rest);
        if stem.chars().count() >= 2 {
            out.push(hash(stem.as_bytes(), 0));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// A string's 64-bit key (an actor's key in the index).
pub fn key_hash(s: &str) -> u64 {
    hash(s.as_bytes(), 0)
}

/// FNV-1a, then a 64-bit finalizer: fixed across runs and platforms, so a report's keys
/// never depend on the process that computed them.
fn hash(bytes: &[u8], seed: u64) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    mix(h)
}

fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// The Jaccard similarity of two sorted, unique word sets (0 when either is empty).
pub fn jaccard(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    both as f32 / (a.len() + b.len() - both) as f32
}

/// The [`BANDS`] band keys of a word set (none for an empty set).
pub fn min_hashes(words: &[u64]) -> impl Iterator<Item = u64> + '_ {
    let min_hash = move |k: u64| {
        let seed = mix(k + 1);
        words.iter().map(|w| mix(w ^ seed)).min()
    };
    (0..BANDS as u64).filter_map(move |band| {
        let mut key = mix(band << 56 | 0xba9d);
        for row in 0..ROWS as u64 {
            key = mix(key ^ min_hash(band * ROWS as u64 + row)?);
        }
        Some(key)
    })
}

/// What a report carries for comparison.
pub struct Traits {
    /// The evidence sentence's content words.
    pub evidence: Vec<u64>,
    /// The headline's content words.
    pub headline: Vec<u64>,
    /// The days the event may lie in.
    pub days: Days,
}

impl Traits {
    /// The traits of `event` in `doc`.
    pub fn of(event: &Event, doc: &Document) -> Traits {
        Traits {
            evidence: content_words(&event.evidence.text),
            headline: doc.title.as_deref().map(content_words).unwrap_or_default(),
            days: days_of(event, doc),
        }
    }
}

/// How much two actors being the same says, when they are: 1 for the same person or
/// body by key; 0.5 when one side is only a country (a metonym, «الكرملين»، «موسكو»,
/// matches any actor of that country, but a country is in many events of a day); 0.25
/// when one is named by description and the country agrees, or both are, with the same
/// sector and country («مسلحون»، «قوات الأمن العراقية»: every attack of a war has them).
/// `None` when they differ.
pub fn same_actor(a: &Actor, b: &Actor) -> Option<f32> {
    let country_only = |x: &Actor| x.key.is_some() && x.key == x.country;
    let described = |x: &Actor| x.key.is_none();
    if a.key.is_some() && a.key == b.key {
        return Some(if country_only(a) { 0.5 } else { 1.0 });
    }
    let same_country = a.country.is_some() && a.country == b.country;
    if (country_only(a) || country_only(b)) && same_country {
        return Some(0.5);
    }
    let alike = match (described(a), described(b)) {
        (true, true) => {
            a.country == b.country && a.sector == b.sector && (a.sector.is_some() || same_country)
        }
        (true, false) | (false, true) => same_country,
        (false, false) => false,
    };
    alike.then_some(0.25)
}

/// Whether an actor is named (a person or a body by key, not a country standing for
/// it): what the index finds a report's stories by.
pub fn named(a: &Actor) -> bool {
    a.key.is_some() && a.key != a.country
}

/// What two events' actors have in common: matched one to one (each actor of `a` takes
/// the first free actor of `b` that is the same), each match weighted by what it says
/// ([`same_actor`]), over the longer list, and halved when only one actor matched. Roles are not compared: two outlets often
/// read who received whom differently, and the words and the date tell the events apart
/// better than a role does.
///
/// Also says whether the actors *clash*: each side names a person or body the other
/// does not match (the king's cable and the crown prince's, in the same official words
/// to the same president, are two cables).
pub fn actor_share(a: &[Actor], b: &[Actor]) -> (f32, bool) {
    let n = a.len().max(b.len());
    if n == 0 {
        return (0.0, false);
    }
    let mut taken = vec![false; b.len()];
    let mut matched = 0.0;
    let mut a_unmatched_named = false;
    for x in a {
        let found = (0..b.len()).find_map(|i| {
            let w = if taken[i] { None } else { same_actor(x, &b[i]) };
            w.map(|w| (i, w))
        });
        match found {
            Some((i, w)) => {
                taken[i] = true;
                matched += w;
            }
            None => a_unmatched_named |= named(x),
        }
    }
    let b_unmatched_named = b.iter().zip(&taken).any(|(y, t)| !t && named(y));
    // One actor in common is half the evidence of two: a name such as the Islamic State
    // or the king is in a dozen events of any day, a pair of them in few.
    let pairs = taken.iter().filter(|t| **t).count().min(2) as f32 / 2.0;
    (
        matched / n as f32 * pairs,
        a_unmatched_named && b_unmatched_named,
    )
}

/// How strongly two reports tell the same event: the sum of [`Weights`]' parts. The
/// dates are not in it: they are a gate (a report joins only a story whose days it
/// [`Days::meet`]s), not a weight.
pub fn pair_score(a: (&Event, &Traits), b: (&Event, &Traits)) -> f32 {
    let ((ea, ta), (eb, tb)) = (a, b);
    let mut s = 0.0;
    if ea.kind == eb.kind {
        s += Weights::TYPE;
    }
    if ea.mode.is_some() && eb.mode.is_some() {
        s += if ea.mode == eb.mode {
            Weights::SAME_MODE
        } else {
            Weights::MODE_CLASH
        };
    }
    let (share, clash) = actor_share(&ea.actors, &eb.actors);
    s += Weights::ACTORS * share;
    if clash {
        s += Weights::ACTOR_CLASH;
    }
    let words = jaccard(&ta.evidence, &tb.evidence);
    s += Weights::EVIDENCE * words;
    if words >= COPY {
        s += Weights::COPY;
    }
    s += Weights::HEADLINE * jaccard(&ta.headline, &tb.headline);
    if let (Some(x), Some(y)) = (&ea.place, &eb.place) {
        s += if x.key == y.key {
            Weights::SAME_PLACE
        } else {
            Weights::OTHER_PLACE
        };
    }
    if ea.recalled != eb.recalled {
        s += Weights::RECALLED;
    }
    let planned = |e: &Event| e.status == EventStatus::Planned;
    let occurred = |e: &Event| e.status == EventStatus::Occurred;
    if planned(ea) && occurred(eb) || occurred(ea) && planned(eb) {
        s += Weights::PLANNED;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clitics_and_spelling_do_not_change_a_word() {
        assert_eq!(content_words("وبالقاهرة"), content_words("القاهره"));
        assert_eq!(content_words("للرئيس"), content_words("الرئيس"));
        assert_eq!(
            jaccard(
                &content_words("استقبل الملك"),
                &content_words("استقبل الملك")
            ),
            1.0
        );
        assert_eq!(jaccard(&[], &[]), 0.0);
    }

    #[test]
    fn periods_are_their_days() {
        let d = |s| day_number(s).unwrap();
        assert_eq!(
            period("2015-07"),
            Some(Days {
                lo: d("2015-07-01"),
                hi: d("2015-07-31")
            })
        );
        assert_eq!(
            period("2016"),
            Some(Days {
                lo: d("2016-01-01"),
                hi: d("2016-12-31")
            })
        );
        // ISO week 31 of 2015 is Monday 27 July to Sunday 2 August.
        assert_eq!(
            period("2015-W31"),
            Some(Days {
                lo: d("2015-07-27"),
                hi: d("2015-08-02")
            })
        );
        assert_eq!(period("yesterday"), None);
    }

    #[test]
    fn days_meet_within_a_day_and_never_creep() {
        let day = |n| Days { lo: n, hi: n };
        let story = day(10).meet(day(11)).unwrap();
        // A third report two days after the first cannot join, though it is a day after
        // the second.
        assert_eq!(story.meet(day(12)), None);
        assert!(story.meet(day(10)).is_some());
        assert_eq!(day(10).meet(day(13)), None);
        assert_eq!(Days::ANY.meet(day(5)), Some(day(5)));
    }

    #[test]
    fn a_sentence_shares_a_min_hash_with_its_copy() {
        let a = content_words("تلقى ولي العهد اتصالا هاتفيا اليوم من ولي عهد البحرين");
        let b = content_words("وتلقى ولي العهد اتصالا هاتفيا أمس من ولي عهد البحرين");
        let ha: Vec<u64> = min_hashes(&a).collect();
        assert_eq!(ha.len(), BANDS);
        assert!(min_hashes(&b).any(|h| ha.contains(&h)));
    }
}
