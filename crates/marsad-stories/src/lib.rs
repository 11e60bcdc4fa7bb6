//! Stories: one real-world event as reported by many documents.
//!
//! GDELT counts the articles and sources that mention an event (NumArticles,
//! NumSources), but codes each article on its own, so one phone call reported by twenty
//! outlets in three spellings is often several "events". Here the events of many records
//! are grouped into stories first, and counted after: a story's `articles` is the number
//! of distinct texts that report it (a near-duplicate of an earlier document is a
//! report, not a further article), its `outlets` the number of distinct publishers of
//! those texts (an outlet that ran a copy of another's article is not one more).
//!
//! # Brief overview
//! A *report* is one event as one document tells it. [`stories`] takes every report of
//! the documents it is given and puts each in one story:
//!
//! * **Evidence, not one key** ([`evidence`]): two reports are scored by what they share
//!   — the type, the actors (by key; a country for its people), the words of their
//!   evidence sentences and of their headlines, the place — and what sets them apart (two
//!   modes, two places, a recalled event beside a current one, a plan beside its
//!   happening). Wire copies and rewrites share most of their words, so reports of one
//!   event whose type, mode or one role was read differently still meet, and a story
//!   shows the reading most of its reports give.
//! * **A date gate that cannot creep**: each report allows some days (its event's day,
//!   the day before too when that is only the publication day; a week, month or year is
//!   all its days, so a year mentioned in passing never dates a 2015 event; no date, the
//!   week either side of publication); a story keeps
//!   the days all its reports allow, and a report joins only when its days meet them
//!   within a day. The intersection only narrows, so no chain of day-apart reports
//!   stretches a story over a week.
//! * **No chaining**: a report joins the story whose members it fits *on average*
//!   ([`evidence::JOIN_THRESHOLD`]), never a story one member of which it resembles; two
//!   readings of one sentence of a page never share a story (the page's own merge would
//!   have made them one event had they been one).
//! * **Order does not matter**: reports are taken in a canonical order (their document's
//!   day — publication, else crawl —, then document, then place in the text), so the same
//!   documents give the same stories whatever order they come in; `marsad stories` and
//!   the desk call this one function.
//! * **Incremental** ([`Grouping`]): each report's story depends only on the reports
//!   before it in that order, so a new batch is grouped by keeping every decision made
//!   before its first report and taking the reports from there again. News comes in the
//!   order it is published: a day's new pages regroup that day, not the month, and the
//!   result is the one grouping everything at once gives (a test checks it). That is why
//!   the order is the document's day and not the event's: an event's first possible day
//!   may be the first of its month or year («في يوليو», «عام 2015»), and a batch holding
//!   one such report would regroup the whole month or year.
//!
//! Only stories that could take a report are scored: those sharing a named actor or one
//! of the evidence's min-hashes with it, on a day its days allow (an index by key and
//! day), in time near linear in the reports. A story that shares neither could fit only
//! through countries, descriptions and words, and two sentences that share no min-hash
//! rarely share a third of their words; where words are not shared the result is the
//! same as scoring every story (a test checks it).
#![deny(missing_docs)]

pub mod evidence;

use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::Arc;

use evidence::{min_hashes, pair_score, Days, Traits, JOIN_THRESHOLD};
use marsad_schema::{Actor, ActorRole, Document, Event, EventStatus, Mention};
use serde::Serialize;

/// One report of a story: an event as one document tells it.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The document.
    pub doc: String,
    /// Its publisher, when known.
    pub outlet: Option<String>,
    /// Its publication date.
    pub published: Option<String>,
    /// The event's type as this report reads it.
    #[serde(rename = "type")]
    pub kind: String,
    /// The event's date as this report gives it.
    pub date: Option<String>,
    /// The event's status in this report.
    pub status: EventStatus,
    /// The body this report cites.
    pub attributed_to: Option<String>,
    /// The evidence sentence in the document's cleaned text.
    pub evidence: Mention,
    /// The document's other sentences that tell the same event (the record's `also`): a
    /// call told in the lead and again in the fourth paragraph is one report with two
    /// sentences, and a reader of the story sees both.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<Mention>,
    /// The document is a near-duplicate of another (not counted as an article).
    pub duplicate: bool,
    /// The event's confidence in this report.
    pub confidence: f32,
    /// The document's day: its publication day, else the day it was crawled (what
    /// ranking reads as when a story was last reported; not written out, `published` is).
    #[serde(skip)]
    pub day: Option<String>,
}

/// A real-world event with all its reports.
#[derive(Debug, Clone, Serialize)]
pub struct Story {
    /// 1-based number, in the canonical order of first reports.
    pub story: usize,
    /// PLOVER type: the one most reports give.
    #[serde(rename = "type")]
    pub kind: String,
    /// The mode most reports of that type give, when any gives one.
    pub mode: Option<String>,
    /// The actors, the most specific a report of that type gives (a person over a country).
    pub actors: Vec<Actor>,
    /// The day most reports give (the earliest of equals), else the date most give.
    pub date: Option<String>,
    /// Occurred when any report says so; else the first report's status.
    pub status: EventStatus,
    /// Where, the place most reports that name one give.
    #[serde(rename = "where")]
    pub place: Option<String>,
    /// Distinct texts reporting it (a near-duplicate counts with the text it repeats).
    pub articles: usize,
    /// Distinct publishers of those texts (never more than `articles`).
    pub outlets: usize,
    /// Every report, in canonical order (first possible day, document, place in the text).
    pub reports: Vec<Report>,
}

/// What a report keeps of its document (shared by the document's reports).
struct Source {
    doc: String,
    outlet: Option<String>,
    published: Option<String>,
    duplicate_of: Option<String>,
    /// The headline (the report's traits read it; kept for the order).
    title: Option<String>,
    /// [`Document::anchor_day`].
    day: Option<String>,
    /// [`outlet_of`]: who is counted as its publisher.
    publisher: String,
    /// The document's number among the distinct `doc` names (compared for every
    /// candidate: two readings of one sentence of a page never share a story).
    number: usize,
    /// The day number of `day`, `i64::MAX` without one: the first key of the order.
    order_day: i64,
}

/// A report while grouping: the event, its document, and what it is compared by.
struct Member {
    event: Event,
    source: Arc<Source>,
    traits: Traits,
    /// Index keys: its actors and its evidence's min-hashes.
    keys: Vec<u64>,
}

/// A story while grouping.
struct Group {
    members: Vec<usize>,
    days: Days,
    /// Its reports' index keys, sorted: a candidate the index gives must share one (the
    /// index may also list a story under the keys of reports a cut took out of it).
    keys: Vec<u64>,
}

impl Group {
    fn of(members: &[Member], reports: Vec<usize>) -> Group {
        let days = |i: usize| members[i].traits.days;
        // Narrowed by each report in turn, as grouping narrowed it.
        let narrowed = reports[1..]
            .iter()
            .fold(days(reports[0]), |d, &i| d.meet(days(i)).unwrap_or(d));
        let mut keys: Vec<u64> = reports
            .iter()
            .flat_map(|&i| members[i].keys.iter().copied())
            .collect();
        keys.sort_unstable();
        keys.dedup();
        Group {
            members: reports,
            days: narrowed,
            keys,
        }
    }
}

/// Whether two sorted lists of keys share one.
fn share(a: &[u64], b: &[u64]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => return true,
        }
    }
    false
}

/// How wide a story's days may be and still be indexed day by day; wider ones (a month,
/// a year, no date) sit in one bucket per key that every report looks in.
const INDEXED_SPAN: i64 = 2 * evidence::UNDATED_REACH + 2;
/// The bucket of stories whose days are too wide to index day by day.
const LOOSE: i64 = i64::MIN;

fn member(event: Event, doc: &Document, source: &Arc<Source>) -> Member {
    let traits = Traits::of(&event, doc);
    // Named actors only: a country or a description is in too many reports of a day to
    // find candidates by, and a match on it alone never reaches the threshold.
    let mut keys: Vec<u64> = event
        .actors
        .iter()
        .filter(|a| evidence::named(a))
        .filter_map(|a| a.key.as_deref().map(evidence::key_hash))
        .collect();
    keys.extend(min_hashes(&traits.evidence));
    keys.sort_unstable();
    keys.dedup();
    Member {
        event,
        source: Arc::clone(source),
        traits,
        keys,
    }
}

/// The canonical order of reports: their document's day (publication, else crawl; none
/// last), document, place in the text, then the reading itself, so that the grouping
/// does not depend on the order of the input. Two records of one `doc` that differ (a
/// store holds one; records files may hold both) are told apart by the rest of what a
/// story shows of them, last by the whole event, so that nothing written out depends on
/// which came first (the fuzzer found it).
fn canonical(a: &Member, b: &Member) -> Ordering {
    a.source
        .order_day
        .cmp(&b.source.order_day)
        .then_with(|| a.source.doc.cmp(&b.source.doc))
        .then_with(|| a.event.evidence.start.cmp(&b.event.evidence.start))
        .then_with(|| a.event.evidence.end.cmp(&b.event.evidence.end))
        .then_with(|| a.event.kind.cmp(&b.event.kind))
        .then_with(|| a.event.mode.cmp(&b.event.mode))
        .then_with(|| a.event.date.cmp(&b.event.date))
        .then_with(|| actor_order(&a.event.actors).cmp(&actor_order(&b.event.actors)))
        .then_with(|| a.event.evidence.text.cmp(&b.event.evidence.text))
        .then_with(|| source_order(&a.source).cmp(&source_order(&b.source)))
        .then_with(|| format!("{:?}", a.event).cmp(&format!("{:?}", b.event)))
}

fn source_order(s: &Source) -> impl Ord + '_ {
    (
        &s.published,
        &s.day,
        &s.outlet,
        &s.publisher,
        &s.duplicate_of,
        &s.title,
    )
}

fn actor_order(actors: &[Actor]) -> Vec<(Option<&str>, Option<&str>, u8)> {
    actors
        .iter()
        .map(|a| {
            let role = match a.role {
                ActorRole::Source => 0,
                ActorRole::Target => 1,
                ActorRole::Party => 2,
            };
            (a.key.as_deref(), a.country.as_deref(), role)
        })
        .collect()
}

/// How well `m` fits `group`: its mean [`pair_score`] over the members, when its days
/// meet the story's and no member is another reading of its sentence.
fn fit(members: &[Member], group: &Group, m: &Member) -> Option<(f32, Days)> {
    let days = group.days.meet(m.traits.days)?;
    // Two readings of one sentence of one page are two events by the page's own merge
    // (which would have made them one otherwise): they never share a story. Two sentences
    // of one page may (the visit and, further down, its programme).
    let overlap = |o: &Member| {
        o.source.number == m.source.number
            && o.event.evidence.start < m.event.evidence.end
            && m.event.evidence.start < o.event.evidence.end
    };
    if group.members.iter().any(|&i| overlap(&members[i])) {
        return None;
    }
    let total: f32 = group
        .members
        .iter()
        .map(|&i| {
            let o = &members[i];
            pair_score((&o.event, &o.traits), (&m.event, &m.traits))
        })
        .sum();
    Some((total / group.members.len() as f32, days))
}

/// The story `m` joins: the one it fits best, at `threshold` or above (the lowest number
/// among equals), among `candidates`.
fn best_home(
    members: &[Member],
    groups: &[Group],
    candidates: impl Iterator<Item = usize>,
    m: &Member,
    threshold: f32,
) -> Option<(usize, Days)> {
    let mut best: Option<(f32, usize, Days)> = None;
    for g in candidates {
        if let Some((score, days)) = fit(members, &groups[g], m) {
            let better = match best {
                None => true,
                Some((s, bg, _)) => score > s || score == s && g < bg,
            };
            if score >= threshold && better {
                best = Some((score, g, days));
            }
        }
    }
    best.map(|(_, g, d)| (g, d))
}

/// The stories' candidates, by key and day. Kept from one batch to the next: a story a
/// cut shortened is still listed under the days and keys it had at that point of the
/// grouping (it was then), with more besides — the keys of reports the cut took out, a
/// number a dropped story had. So the candidates are those of an index built again and
/// some more, and the more are dropped before scoring: a candidate must share a key
/// with the report ([`Group::keys`]) and its days must meet the report's ([`fit`]), as
/// every story an index built again would give does.
#[derive(Default)]
struct Index {
    by_day: HashMap<(u64, i64), Vec<usize>>,
    by_key: HashMap<u64, Vec<usize>>,
    /// The last report for which a story was put in `found` (to take each once).
    seen: Vec<usize>,
}

impl Index {
    fn add(&mut self, g: usize, keys: &[u64], days: Days) {
        if self.seen.len() <= g {
            self.seen.resize(g + 1, usize::MAX);
        }
        // A story is added under its number, and numbers only grow: a list ending with
        // it already holds it.
        let push = |list: &mut Vec<usize>| {
            if list.last() != Some(&g) {
                list.push(g);
            }
        };
        for &k in keys {
            push(self.by_key.entry(k).or_default());
            if days.bounded() && days.last() - days.first() < INDEXED_SPAN {
                for d in days.first()..=days.last() {
                    push(self.by_day.entry((k, d)).or_default());
                }
            } else {
                push(self.by_day.entry((k, LOOSE)).or_default());
            }
        }
    }

    /// The stories that share a key with the report `r` on a day its days allow, among
    /// the first `stories` (numbers past them are stories a cut dropped, which the index
    /// still lists; a number a cut freed and a new story took again is listed under the
    /// old story's keys too, and scored for nothing).
    fn candidates(
        &mut self,
        r: usize,
        keys: &[u64],
        days: Days,
        stories: usize,
        found: &mut Vec<usize>,
    ) {
        found.clear();
        if self.seen.len() < stories {
            self.seen.resize(stories, usize::MAX);
        }
        let mut take = |list: Option<&Vec<usize>>, seen: &mut Vec<usize>| {
            for &g in list.into_iter().flatten() {
                if g < stories && seen[g] != r {
                    seen[g] = r;
                    found.push(g);
                }
            }
        };
        for &k in keys {
            if days.bounded() && days.last() - days.first() < INDEXED_SPAN {
                for d in days.first() - 1..=days.last() + 1 {
                    take(self.by_day.get(&(k, d)), &mut self.seen);
                }
                take(self.by_day.get(&(k, LOOSE)), &mut self.seen);
            } else {
                take(self.by_key.get(&k), &mut self.seen);
            }
        }
        found.sort_unstable();
    }
}

/// Groups the events of `docs` into stories (see the crate's documentation).
pub fn stories(docs: &[Document]) -> Vec<Story> {
    stories_at(docs, JOIN_THRESHOLD)
}

/// [`stories`] with another join threshold than [`JOIN_THRESHOLD`]: for choosing it on
/// the annotated pairs (`examples/threshold.rs`, `tests/stories/README.md`).
pub fn stories_at(docs: &[Document], threshold: f32) -> Vec<Story> {
    let mut grouping = Grouping::at(threshold);
    grouping.add(docs.iter().cloned());
    grouping.stories()
}

/// Stories kept between batches: [`Grouping::add`] groups a new batch of documents
/// without scoring again the reports that come before it in the canonical order, and
/// [`Grouping::stories`] gives what [`stories`] gives for every document added so far.
///
/// Each report joins the story it fits best among those made of the reports before it,
/// or starts one; nothing after it changes that. So after a batch, every story as it
/// stood before the batch's first report (in the canonical order) is still right, cut
/// to its reports before that point, and the reports from there on — the batch's and
/// the older ones after it — are taken again in order. A day's news added to a month
/// regroups that day (`examples/incremental.rs` measures it on SaudiNewsNet).
pub struct Grouping {
    /// Every report, in canonical order.
    members: Vec<Member>,
    /// The stories, in order of their first report.
    groups: Vec<Group>,
    index: Index,
    /// The number of each document name seen.
    numbers: HashMap<String, usize>,
    threshold: f32,
}

impl Default for Grouping {
    fn default() -> Self {
        Grouping::at(JOIN_THRESHOLD)
    }
}

impl Grouping {
    /// No documents yet, joining at [`JOIN_THRESHOLD`].
    pub fn new() -> Grouping {
        Grouping::default()
    }

    /// No documents yet, joining at `threshold`.
    pub fn at(threshold: f32) -> Grouping {
        Grouping {
            members: Vec::new(),
            groups: Vec::new(),
            index: Index::default(),
            numbers: HashMap::new(),
            threshold,
        }
    }

    /// How many reports (events) were added.
    pub fn reports(&self) -> usize {
        self.members.len()
    }

    /// Adds the events of `docs` and groups them, with the reports after the first of
    /// them in the canonical order. Returns how many reports were grouped again (the
    /// batch's and the older ones after its first).
    pub fn add(&mut self, docs: impl IntoIterator<Item = Document>) -> usize {
        let mut new: Vec<Member> = Vec::new();
        for mut d in docs {
            let next = self.numbers.len();
            let number = *self.numbers.entry(d.doc.clone()).or_insert(next);
            let day = d.anchor_day().map(str::to_string);
            let source = Arc::new(Source {
                publisher: outlet_of(&d),
                order_day: day
                    .as_deref()
                    .and_then(evidence::day_number)
                    .unwrap_or(i64::MAX),
                doc: d.doc.clone(),
                outlet: d.outlet.clone(),
                published: d.published.clone(),
                duplicate_of: d.duplicate_of.clone(),
                title: d.title.clone(),
                day,
                number,
            });
            let events = std::mem::take(&mut d.events);
            new.extend(events.into_iter().map(|e| member(e, &d, &source)));
        }
        if new.is_empty() {
            return 0;
        }
        // Stable, and the old reports before the new ones among equals: the order one
        // sort of everything would give.
        new.sort_by(canonical);
        let from = self
            .members
            .partition_point(|m| canonical(m, &new[0]) != Ordering::Greater);
        let later = self.members.split_off(from);
        self.members.reserve(later.len() + new.len());
        let (mut later, mut new) = (later.into_iter().peekable(), new.into_iter().peekable());
        while let (Some(a), Some(b)) = (later.peek(), new.peek()) {
            let next = if canonical(a, b) == Ordering::Greater {
                new.next()
            } else {
                later.next()
            };
            self.members.extend(next);
        }
        self.members.extend(later.chain(new));
        self.cut(from);
        self.group_from(from, true);
        self.members.len() - from
    }

    /// The stories as they stood before report `from`: later reports taken out, the
    /// stories they started dropped, each story's days narrowed again by its reports
    /// in order (as grouping narrowed them).
    fn cut(&mut self, from: usize) {
        self.groups.retain(|g| g.members[0] < from);
        for g in &mut self.groups {
            let kept = g.members.partition_point(|&i| i < from);
            if kept < g.members.len() {
                g.members.truncate(kept);
                *g = Group::of(&self.members, std::mem::take(&mut g.members));
            }
        }
        // When most reports are grouped again (a backfill), an index of the stories as
        // they now stand is smaller than one that still lists what was cut.
        if from < self.members.len() / 2 {
            self.index = Index::default();
            for (n, g) in self.groups.iter().enumerate() {
                self.index.add(n, &g.keys, g.days);
            }
        }
    }

    /// Each report from `from` on, in order, joins the story it fits best or starts one.
    /// `indexed` scores only the index's candidates; without it every story is scored
    /// (what the index stands for, kept for the test that compares them).
    fn group_from(&mut self, from: usize, indexed: bool) {
        let Grouping {
            members,
            groups,
            index,
            threshold,
            ..
        } = self;
        // Reports were numbered again by the merge: which story was taken for which
        // report is forgotten.
        index.seen.fill(usize::MAX);
        let mut found = Vec::new();
        for (r, m) in members.iter().enumerate().skip(from) {
            let home = if indexed {
                index.candidates(r, &m.keys, m.traits.days, groups.len(), &mut found);
                found.retain(|&g| share(&groups[g].keys, &m.keys));
                best_home(members, groups, found.iter().copied(), m, *threshold)
            } else {
                best_home(members, groups, 0..groups.len(), m, *threshold)
            };
            match home {
                Some((g, days)) => {
                    let group = &mut groups[g];
                    let narrowed = days != group.days;
                    group.members.push(r);
                    group.days = days;
                    group.keys.extend_from_slice(&m.keys);
                    group.keys.sort_unstable();
                    group.keys.dedup();
                    // Narrowed: every key of the story under its new days.
                    index.add(g, if narrowed { &group.keys } else { &m.keys }, days);
                }
                None => {
                    groups.push(Group::of(members, vec![r]));
                    index.add(groups.len() - 1, &m.keys, m.traits.days);
                }
            }
        }
    }

    /// Every story of the documents added so far, numbered from 1 in order of first
    /// report: what [`stories`] gives for them all at once.
    pub fn stories(&self) -> Vec<Story> {
        self.groups
            .iter()
            .enumerate()
            .map(|(i, g)| {
                let ms: Vec<&Member> = g.members.iter().map(|&i| &self.members[i]).collect();
                story(i + 1, &ms)
            })
            .collect()
    }
}

/// The value most of `values` take (the first of equals, in the order given).
fn most_common<T: PartialEq + Clone>(values: impl Iterator<Item = T>) -> Option<T> {
    let mut counts: Vec<(T, usize)> = Vec::new();
    for v in values {
        match counts.iter_mut().find(|(x, _)| *x == v) {
            Some((_, n)) => *n += 1,
            None => counts.push((v, 1)),
        }
    }
    let max = counts.iter().map(|(_, n)| *n).max()?;
    counts.into_iter().find(|(_, n)| *n == max).map(|(v, _)| v)
}

fn story(n: usize, members: &[&Member]) -> Story {
    let kind = most_common(members.iter().map(|m| m.event.kind.clone())).unwrap_or_default();
    let typed: Vec<&&Member> = members.iter().filter(|m| m.event.kind == kind).collect();
    let mode = most_common(typed.iter().filter_map(|m| m.event.mode.clone()));
    // The actors of the report that names the most people and bodies (not only countries),
    // among those of the story's type, in its mode where one is known.
    let actors = typed
        .iter()
        .filter(|m| mode.is_none() || m.event.mode == mode)
        .max_by_key(|m| {
            (
                m.event
                    .actors
                    .iter()
                    .filter(|a| a.key.is_some() && a.key != a.country)
                    .count(),
                m.event.actors.iter().any(|a| a.role != ActorRole::Party),
            )
        })
        .map(|m| m.event.actors.clone())
        .unwrap_or_default();
    // The day most reports give; a tie goes to the earliest.
    let mut days: Vec<String> = members
        .iter()
        .filter_map(|m| m.event.date.as_deref())
        .filter(|d| evidence::day_number(d).is_some())
        .map(|d| d[..10].to_string())
        .collect();
    days.sort();
    let date = most_common(days.into_iter())
        .or_else(|| most_common(members.iter().filter_map(|m| m.event.date.clone())));
    let status = if members
        .iter()
        .any(|m| m.event.status == EventStatus::Occurred)
    {
        EventStatus::Occurred
    } else {
        members[0].event.status
    };
    let (articles, outlets) = articles_and_outlets(members);
    Story {
        story: n,
        kind,
        mode,
        actors,
        date,
        status,
        place: most_common(
            members
                .iter()
                .filter_map(|m| m.event.place.as_ref().map(|w| w.key.clone())),
        ),
        articles,
        outlets,
        reports: members
            .iter()
            .map(|m| Report {
                doc: m.source.doc.clone(),
                outlet: m.source.outlet.clone(),
                published: m.source.published.clone(),
                kind: m.event.kind.clone(),
                date: m.event.date.clone(),
                status: m.event.status,
                attributed_to: m.event.attributed_to.clone(),
                evidence: m.event.evidence.clone(),
                also: m.event.also.clone(),
                duplicate: m.source.duplicate_of.is_some(),
                confidence: m.event.confidence,
                day: m.source.day.clone(),
            })
            .collect(),
    }
}

/// A story's articles and outlets: the distinct texts that report it, and the distinct
/// publishers of those texts. A near-duplicate stands for the text it repeats (its
/// `duplicate_of`): one article with it, whether that text is among the reports or only
/// copies of it are, and the text's outlet is its original's when the original is among
/// the reports, else its first report's. An outlet that ran a copy of another's article
/// repeats it; it does not corroborate it (issue 20: counted as outlets, copies gave
/// 2,303 of the SaudiNewsNet month's 28,851 stories more outlets than articles; 93% of
/// that store's near-duplicates are another outlet's copy).
fn articles_and_outlets(members: &[&Member]) -> (usize, usize) {
    // (the text's document, the outlet it is counted for, whether that is the original's)
    let mut texts: Vec<(&str, &str, bool)> = Vec::new();
    for m in members {
        let text = m.source.duplicate_of.as_deref().unwrap_or(&m.source.doc);
        let original = m.source.duplicate_of.is_none();
        match texts.iter_mut().find(|t| t.0 == text) {
            Some(t) if original && !t.2 => (t.1, t.2) = (m.source.publisher.as_str(), true),
            Some(_) => {}
            None => texts.push((text, m.source.publisher.as_str(), original)),
        }
    }
    let mut outlets: Vec<&str> = texts.iter().map(|t| t.1).collect();
    outlets.sort_unstable();
    outlets.dedup();
    (texts.len(), outlets.len())
}

/// A document's publisher: its outlet, else its URL's host, else the document itself
/// (an unknown publisher counts once per document, never merged with another unknown).
fn outlet_of(doc: &Document) -> String {
    if let Some(o) = &doc.outlet {
        return o.trim().to_lowercase();
    }
    if let Some(u) = &doc.url {
        let host = u
            .split("://")
            .nth(1)
            .unwrap_or(u)
            .split('/')
            .next()
            .unwrap_or(u);
        return host.trim_start_matches("www.").to_lowercase();
    }
    format!("doc:{}", doc.doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(key: &str, country: &str) -> Actor {
        Actor::known(key, Some(country.into()), ActorRole::Party)
    }

    fn call(date: &str, a: Actor, b: Actor, mode: Option<&str>) -> Event {
        Event {
            kind: "CONSULT".into(),
            mode: mode.map(str::to_string),
            actors: vec![a, b],
            date: Some(date.into()),
            place: None,
            about: vec![],
            status: EventStatus::Occurred,
            attributed_to: None,
            evidence: Mention::new(0, 3, "نص"),
            also: vec![],
            confidence: 0.9,
            killed: None,
            wounded: None,
            recalled: false,
        }
    }

    fn doc(name: &str, outlet: &str, events: Vec<Event>) -> Document {
        let mut d = Document::new(name, "نص".into());
        d.outlet = Some(outlet.into());
        d.events = events;
        d
    }

    #[test]
    fn one_call_many_outlets_is_one_story() {
        let putin = || actor("Vladimir Putin", "RUS");
        let raisi = || actor("Ebrahim Raisi", "IRN");
        let docs = vec![
            doc(
                "a",
                "A",
                vec![call("2023-09-26", putin(), raisi(), Some("phone"))],
            ),
            doc("b", "B", vec![call("2023-09-26", raisi(), putin(), None)]),
            // A metonym: the Kremlin (country only) for Putin; a report a day later.
            doc(
                "c",
                "C",
                vec![call(
                    "2023-09-27",
                    actor("RUS", "RUS"),
                    raisi(),
                    Some("phone"),
                )],
            ),
            doc(
                "d",
                "A",
                vec![call("2023-09-26", putin(), raisi(), Some("phone"))],
            ),
        ];
        let s = stories(&docs);
        assert_eq!(s.len(), 1, "{s:#?}");
        assert_eq!((s[0].articles, s[0].outlets, s[0].reports.len()), (4, 3, 4));
        assert_eq!(s[0].mode.as_deref(), Some("phone"));
        assert_eq!(s[0].date.as_deref(), Some("2023-09-26"));
    }

    /// Issue 16: a date whose 10th byte falls inside a character panicked here.
    #[test]
    fn dates_that_are_not_dates_do_not_panic() {
        let putin = || actor("Vladimir Putin", "RUS");
        let raisi = || actor("Ebrahim Raisi", "IRN");
        let dates = [
            "19 أغسطس 2024",
            "٢٠٢٤-٠٨-١٩",
            "2024-13-45",
            "yesterday",
            "",
            "2024-08-1é",
        ];
        let docs: Vec<Document> = dates
            .iter()
            .map(|d| doc(d, "A", vec![call(d, putin(), raisi(), None)]))
            .collect();
        let s = stories(&docs);
        assert_eq!(s.iter().map(|s| s.articles).sum::<usize>(), dates.len());
    }

    #[test]
    fn calls_on_different_days_stay_apart() {
        let putin = || actor("Vladimir Putin", "RUS");
        let aliyev = || actor("Ilham Aliyev", "AZE");
        let docs = vec![
            doc(
                "a",
                "A",
                vec![call("2022-04-09", putin(), aliyev(), Some("phone"))],
            ),
            doc(
                "b",
                "B",
                vec![call("2022-04-10", putin(), aliyev(), Some("phone"))],
            ),
            // Two days after the first: a new call, even though it is a day after the second.
            doc(
                "c",
                "C",
                vec![call("2022-04-11", putin(), aliyev(), Some("phone"))],
            ),
            doc(
                "d",
                "D",
                vec![call("2022-05-20", putin(), aliyev(), Some("phone"))],
            ),
        ];
        let s = stories(&docs);
        assert_eq!(
            s.iter().map(|s| s.reports.len()).collect::<Vec<_>>(),
            [2, 1, 1]
        );
    }

    #[test]
    fn different_modes_or_actors_stay_apart() {
        let putin = || actor("Vladimir Putin", "RUS");
        let docs = vec![doc(
            "a",
            "A",
            vec![
                call(
                    "2022-04-09",
                    putin(),
                    actor("Ilham Aliyev", "AZE"),
                    Some("phone"),
                ),
                call(
                    "2022-04-09",
                    putin(),
                    actor("Nikol Pashinyan", "ARM"),
                    Some("phone"),
                ),
                call(
                    "2022-04-09",
                    putin(),
                    actor("Ilham Aliyev", "AZE"),
                    Some("visit"),
                ),
            ],
        )];
        assert_eq!(stories(&docs).len(), 3);
    }

    #[test]
    fn near_duplicates_are_reports_not_articles() {
        let putin = || actor("Vladimir Putin", "RUS");
        let raisi = || actor("Ebrahim Raisi", "IRN");
        let mut copy = doc("b", "B", vec![call("2023-09-26", putin(), raisi(), None)]);
        copy.duplicate_of = Some("a".into());
        let docs = vec![
            doc("a", "A", vec![call("2023-09-26", putin(), raisi(), None)]),
            copy,
        ];
        let s = stories(&docs);
        assert_eq!((s[0].articles, s[0].reports.len()), (1, 2));
        // B ran A's article: one outlet, not two (issue 20).
        assert_eq!(s[0].outlets, 1);
    }

    /// Issue 20: stories of the SaudiNewsNet month showed more outlets than articles,
    /// every outlet of a near-duplicate counted. Copies of one text are one article of
    /// one outlet, the original's when it is a report too (even after a copy), else the
    /// first copy's; a second outlet's own article is a second article and outlet.
    #[test]
    fn copies_are_not_outlets() {
        let putin = || actor("Vladimir Putin", "RUS");
        let raisi = || actor("Ebrahim Raisi", "IRN");
        let call = || vec![call("2023-09-26", putin(), raisi(), None)];
        let copy = |name: &str, outlet: &str, of: &str| {
            let mut d = doc(name, outlet, call());
            d.duplicate_of = Some(of.into());
            d
        };
        // Only copies of a text no report is: one article, one outlet.
        let s = stories(&[copy("b", "B", "a"), copy("c", "C", "a")]);
        assert_eq!((s.len(), s[0].articles, s[0].outlets), (1, 1, 1));
        // The original (outlet A) after its copies, and D's own article: two of each.
        let docs = [
            copy("b", "B", "z"),
            copy("c", "C", "z"),
            doc("z", "A", call()),
            doc("d", "D", call()),
        ];
        let s = stories(&docs);
        assert_eq!((s.len(), s[0].articles, s[0].outlets), (1, 2, 2));
        // A's own second article: two articles, one outlet (B's copy adds neither).
        let docs = [
            doc("z", "A", call()),
            doc("y", "A", call()),
            copy("b", "B", "z"),
        ];
        let s = stories(&docs);
        assert_eq!((s[0].articles, s[0].outlets), (2, 1));
        for s in stories(&docs) {
            assert!(s.outlets <= s.articles);
        }
    }

    /// Every story scored for every report, as [`Grouping`] does without its index.
    fn stories_by_trying_all(docs: &[Document]) -> Vec<Vec<(String, usize)>> {
        let mut grouping = Grouping::new();
        grouping.add(docs.iter().cloned());
        grouping.groups.clear();
        grouping.group_from(0, false);
        grouping
            .groups
            .iter()
            .map(|g| {
                g.members
                    .iter()
                    .map(|&i| {
                        let m = &grouping.members[i];
                        (m.source.doc.clone(), m.event.evidence.start)
                    })
                    .collect()
            })
            .collect()
    }

    const PHRASES: [&str; 3] = [
        "اتصل الرئيسان هاتفيا",
        "بحث الوزيران العلاقات الثنائية",
        "زار الملك العاصمة",
    ];

    /// 400 documents of one to two calls among four people (two of one country), in
    /// three modes, some known only by country, some with one party, some accusations,
    /// dated over a week, a month, a year or not at all, told in one of three ways.
    fn random_docs(mut seed: u64) -> Vec<Document> {
        // A small linear congruential generator: deterministic, no dependency.
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        let people = [("A", "RUS"), ("B", "TUR"), ("C", "AZE"), ("D", "RUS")];
        let dates = [
            None,
            Some("2024-03"),
            Some("2024"),
            Some("2024-03-04"),
            Some("2024-03-05"),
            Some("2024-03-06"),
            Some("2024-03-07"),
            Some("2024-03-05T10:00"),
            Some("2024-02-29"),
        ];
        let mut docs = Vec::new();
        for i in 0..400 {
            let mut events = Vec::new();
            for j in 0..1 + next(2) {
                let a = people[next(4) as usize];
                let b = people[next(4) as usize];
                let mut e = call(
                    "2024-03-05",
                    actor(a.0, a.1),
                    actor(b.0, b.1),
                    [None, Some("phone"), Some("visit")][next(3) as usize],
                );
                if next(4) == 0 {
                    // Known only by its country.
                    e.actors[1].key = None;
                }
                if next(5) == 0 {
                    e.actors.pop();
                }
                if next(6) == 0 {
                    e.kind = "ACCUSE".into();
                }
                e.date = dates[next(dates.len() as u64) as usize].map(str::to_string);
                // Three ways of telling, sharing no word: two reports' words are the
                // same or apart. Each event is known by its place in the text.
                e.evidence.text = PHRASES[next(3) as usize].into();
                e.evidence.start = (i * 10 + j) as usize;
                events.push(e);
            }
            let mut d = doc(&format!("d{i}"), "o", events);
            d.published = [None, None, Some("2024-03-05"), Some("2024-03-06")][next(4) as usize]
                .map(str::to_string);
            if d.published.is_none() && next(2) == 0 {
                d.crawled = Some(format!("2024-03-0{}T09:00:00Z", 4 + next(3)));
            }
            docs.push(d);
        }
        docs
    }

    fn groupings(docs: &[Document]) -> Vec<Vec<(String, usize)>> {
        reports_of(&stories(docs))
    }

    /// Each story's reports, by document and place.
    fn reports_of(stories: &[Story]) -> Vec<Vec<(String, usize)>> {
        stories
            .iter()
            .map(|s| {
                s.reports
                    .iter()
                    .map(|r| (r.doc.clone(), r.evidence.start))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn the_index_groups_as_trying_every_story_does() {
        let docs = random_docs(42);
        let got = groupings(&docs);
        let want = stories_by_trying_all(&docs);
        assert!(want.len() > 20 && want.len() < 600, "{}", want.len());
        assert!(want.iter().any(|g| g.len() > 2));
        assert_eq!(got, want);
    }

    #[test]
    fn the_order_of_documents_and_events_does_not_matter() {
        let docs = random_docs(7);
        let want = groupings(&docs);
        let mut reversed = docs.clone();
        reversed.reverse();
        for d in &mut reversed {
            d.events.reverse();
        }
        assert_eq!(groupings(&reversed), want);
        // Interleaved: odd documents first.
        let mut odd_first: Vec<Document> = docs.iter().skip(1).step_by(2).cloned().collect();
        odd_first.extend(docs.iter().step_by(2).cloned());
        assert_eq!(groupings(&odd_first), want);
    }

    /// Documents added in batches give the stories of adding them all at once, whatever
    /// the batches: later days, earlier days (a backfill) or mixed.
    #[test]
    fn batches_give_the_stories_of_all_at_once() {
        let docs = random_docs(11);
        let want = groupings(&docs);
        let day = |d: &Document| d.anchor_day().map(str::to_string);
        let mut by_day = docs.clone();
        by_day.sort_by_key(day);
        let mut backfill = by_day.clone();
        backfill.reverse();
        for order in [by_day, backfill, docs.clone()] {
            let mut grouping = Grouping::new();
            for batch in order.chunks(37) {
                grouping.add(batch.iter().cloned());
            }
            assert_eq!(reports_of(&grouping.stories()), want);
        }
    }

    /// Two records of one `doc` that differ only in what a report shows of its document
    /// (or in their headlines, which scoring reads) give the same stories in either
    /// order, at once or in batches.
    #[test]
    fn two_records_of_one_doc_in_any_order() {
        let putin = || actor("Vladimir Putin", "RUS");
        let e = call("2024-03-05", putin(), actor("Ilham Aliyev", "AZE"), None);
        let mut first = doc("a", "A", vec![e.clone()]);
        first.published = Some("2024-13-45".into());
        let mut second = doc("a", "A", vec![e]);
        second.published = Some("later".into());
        second.title = Some("بحث الرئيسان".into());
        let json = |s: Vec<Story>| serde_json::to_string(&s).unwrap();
        let want = json(stories(&[first.clone(), second.clone()]));
        assert_eq!(json(stories(&[second.clone(), first.clone()])), want);
        let mut batches = Grouping::new();
        batches.add([second]);
        batches.add([first]);
        assert_eq!(json(batches.stories()), want);
    }

    /// A batch of the latest day groups that day's reports again, and the reports of
    /// documents without a day (last in the order), not the others.
    #[test]
    fn a_new_day_regroups_that_day() {
        let docs = random_docs(5);
        let (last, before): (Vec<Document>, Vec<Document>) = docs
            .into_iter()
            .partition(|d| d.anchor_day() == Some("2024-03-06"));
        let events = |ds: &[Document]| ds.iter().map(|d| d.events.len()).sum::<usize>();
        let undated: Vec<Document> = before
            .iter()
            .filter(|d| d.anchor_day().is_none())
            .cloned()
            .collect();
        assert!(events(&undated) > 0 && events(&undated) < events(&before));
        let mut grouping = Grouping::new();
        assert_eq!(grouping.add(before.clone()), grouping.reports());
        let regrouped = grouping.add(last.clone());
        assert_eq!(regrouped, events(&last) + events(&undated));
        assert_eq!(grouping.reports(), events(&last) + events(&before));
        // Nothing new, nothing regrouped.
        assert_eq!(grouping.add(Vec::new()), 0);
    }

    /// A sentence read as a call by one outlet and as a statement by another, in words
    /// that are nearly the same, is one story; the story takes the reading most give.
    #[test]
    fn one_event_read_two_ways_is_one_story() {
        let salman = || actor("Salman of Saudi Arabia", "SAU");
        let hollande = || actor("François Hollande", "FRA");
        let said = "تلقى الملك سلمان اتصالا هاتفيا أمس من الرئيس الفرنسي فرانسوا هولاند جدد خلاله ترحيبه بالملك خلال زيارته الخاصة لفرنسا";
        let mut a = call("2015-07-31", salman(), hollande(), Some("phone"));
        a.evidence.text = said.into();
        let mut b = a.clone();
        let mut c = a.clone();
        // The same sentence in another paper, read as France's statement of support.
        let mut d = a.clone();
        d.kind = "SUPPORT".into();
        d.mode = None;
        d.actors = vec![Actor::known("FRA", Some("FRA".into()), ActorRole::Source)];
        d.evidence.text = format!("{said}.");
        b.evidence.text = format!("و{said}");
        c.evidence.text = format!("{said} وبحثا العلاقات");
        let docs = vec![
            doc("a", "A", vec![a]),
            doc("b", "B", vec![b]),
            doc("c", "C", vec![c]),
            doc("d", "D", vec![d]),
        ];
        let s = stories(&docs);
        assert_eq!(s.len(), 1, "{s:#?}");
        assert_eq!((s[0].kind.as_str(), s[0].articles), ("CONSULT", 4));
    }

    /// Two meetings of the same people on one day, told in different words with
    /// different places, stay two stories; a report that resembles one member of a story
    /// but not the rest does not join it.
    #[test]
    fn no_chaining_through_one_member() {
        let kerry = || actor("John Kerry", "USA");
        let tamim = || actor("Tamim bin Hamad Al Thani", "QAT");
        let gcc = || Actor::known("Gulf Cooperation Council", None, ActorRole::Party);
        let mut emir = call("2015-08-03", kerry(), tamim(), None);
        emir.evidence.text =
            "استقبل أمير قطر الشيخ تميم بن حمد وزير الخارجية الأمريكي جون كيري في الدوحة".into();
        let mut emir2 = emir.clone();
        emir2.evidence.text =
            "التقى أمير قطر تميم بن حمد في الدوحة اليوم جون كيري وزير خارجية أمريكا".into();
        let mut ministers = call("2015-08-03", kerry(), gcc(), Some("multilateral"));
        ministers.evidence.text =
            "عقد وزراء خارجية مجلس التعاون اجتماعا مع كيري تناول الاتفاق النووي مع إيران".into();
        // Names Kerry, the emir and the council: close to one member of each, not to both.
        let mut bridge = call("2015-08-03", kerry(), tamim(), Some("multilateral"));
        bridge.actors.push(gcc());
        bridge.evidence.text =
            "وزراء خارجية مجلس التعاون عقدوا اجتماعا مع كيري تناول الاتفاق النووي".into();
        let docs = vec![
            doc("a", "A", vec![emir]),
            doc("b", "B", vec![emir2]),
            doc("c", "C", vec![ministers]),
            doc("d", "D", vec![bridge]),
        ];
        let s = stories(&docs);
        let sizes: Vec<usize> = s.iter().map(|s| s.reports.len()).collect();
        assert!(s.len() >= 2, "{s:#?}");
        assert!(
            !s.iter().any(|s| {
                let docs: Vec<&str> = s.reports.iter().map(|r| r.doc.as_str()).collect();
                docs.contains(&"a") && docs.contains(&"c")
            }),
            "{sizes:?}"
        );
    }

    /// A year mentioned in passing is no day of the story, and a recalled event does not
    /// join a current one on its actors alone.
    #[test]
    fn a_year_in_passing_or_a_recalled_event_stays_apart() {
        let putin = || actor("Vladimir Putin", "RUS");
        let raisi = || actor("Ebrahim Raisi", "IRN");
        let now = call("2023-09-26", putin(), raisi(), Some("phone"));
        let old = call("2018", putin(), raisi(), Some("phone"));
        let mut recalled = call("2023-09-26", putin(), raisi(), None);
        recalled.recalled = true;
        recalled.evidence.text = "وكان الرئيسان قد التقيا في طهران قبل عامين".into();
        let docs = vec![
            doc("a", "A", vec![now]),
            doc("b", "B", vec![old]),
            doc("c", "C", vec![recalled]),
        ];
        let s = stories(&docs);
        assert_eq!(s.len(), 3, "{s:#?}");
    }
}
