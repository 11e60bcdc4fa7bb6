//! Stories: one real-world event as reported by many documents.
//!
//! GDELT counts the articles and sources that mention an event (NumArticles,
//! NumSources), but codes each article on its own, so one phone call reported by twenty
//! outlets in three spellings is often several "events". Here the events of many records
//! are grouped into stories first, and counted after: a story's `articles` is the number
//! of distinct documents that report it (a near-duplicate of an earlier document is a
//! report, not a further article), its `outlets` the number of distinct publishers.
//!
//! Two events are the same story when they have
//! * the same PLOVER type, and modes that agree (equal, or one unknown: an outlet that
//!   says only «بحث» joins the ones that say «هاتفيا»);
//! * the same actors: matched one to one by entity key, where a side known only by its
//!   country (a metonym, «الكرملين»، «موسكو») matches any actor of that country, and roles
//!   agree where both events are directed;
//! * dates within a day of each other (outlets in different time zones, a report written
//!   the day after), or one without a date; a planned event joins the story of its
//!   occurrence when their dates agree or the planned one has none.
//!
//! A story is compared through all its reports (an event joins when it matches one of
//! them), and the date window is checked against the story's whole span, so a chain of
//! day-apart reports cannot stretch one story over a week: two calls between the same
//! leaders on different days stay two stories.
#![deny(missing_docs)]

use std::collections::{BTreeSet, HashMap};

use marsad_events::{days_apart, same_actors};
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
    /// The event's date as this report gives it.
    pub date: Option<String>,
    /// The event's status in this report.
    pub status: EventStatus,
    /// The body this report cites.
    pub attributed_to: Option<String>,
    /// The evidence sentence in the document's cleaned text.
    pub evidence: Mention,
    /// The document is a near-duplicate of another (not counted as an article).
    pub duplicate: bool,
}

/// A real-world event with all its reports.
#[derive(Debug, Clone, Serialize)]
pub struct Story {
    /// 1-based number, in order of first report.
    pub story: usize,
    /// PLOVER type.
    #[serde(rename = "type")]
    pub kind: String,
    /// The most specific mode any report gives.
    pub mode: Option<String>,
    /// The actors, the most specific any report gives (a person over a country).
    pub actors: Vec<Actor>,
    /// The earliest date of the reports that say it occurred, else of any report.
    pub date: Option<String>,
    /// Occurred when any report says so; else the first report's status.
    pub status: EventStatus,
    /// Where, when a report says it.
    #[serde(rename = "where")]
    pub place: Option<String>,
    /// Distinct documents reporting it (near-duplicates not counted).
    pub articles: usize,
    /// Distinct outlets reporting it.
    pub outlets: usize,
    /// Every report, in input order.
    pub reports: Vec<Report>,
}

struct Member<'d> {
    event: &'d Event,
    doc: &'d Document,
}

fn same_actor(a: &Actor, b: &Actor) -> bool {
    let country_only = |x: &Actor| x.key.is_none() || x.key == x.country;
    a.key.is_some() && a.key == b.key
        || (country_only(a) || country_only(b)) && a.country.is_some() && a.country == b.country
}

fn alike(a: &Event, b: &Event) -> bool {
    a.kind == b.kind
        && (a.mode.is_none() || b.mode.is_none() || a.mode == b.mode)
        && same_actors(&a.actors, &b.actors, same_actor, |x| x.role)
}

/// Whether `event` can join a story: its date equal to each dated report's at the
/// coarser precision, and within a day of every report dated to the day — so the story's
/// whole span stays within a day, however many reports join it.
fn fits(members: &[Member], event: &Event) -> bool {
    let Some(d) = &event.date else { return true };
    members
        .iter()
        .filter_map(|m| m.event.date.as_ref())
        .all(|x| {
            let n = x.len().min(d.len()).min(10);
            match days_apart(x, d) {
                Some(days) => days <= 1,
                // Bytes, not characters: a date as the input gives it may be anything
                // («19 أغسطس 2024» has a character across byte 10).
                None => x.as_bytes()[..n] == d.as_bytes()[..n],
            }
        })
}

/// A date's day number when it names a day (its first ten characters are `YYYY-MM-DD`),
/// on the scale [`days_apart`] measures: two day numbers differ by the days between.
fn day_number(date: &str) -> Option<i64> {
    days_apart(date, "0001-01-01")
}

/// The groups of one type and number of actors (every member of a group has both of its
/// first member's: [`alike`] requires the same type and, through `same_actors`, the same
/// number of actors), indexed by the day of their first report dated to the day.
#[derive(Default)]
struct Block {
    /// Every group, in order of creation.
    all: Vec<usize>,
    /// Groups by the day of their first report dated to the day.
    by_day: HashMap<i64, Vec<usize>>,
    /// Groups with no report dated to the day yet.
    undayed: BTreeSet<usize>,
}

/// Groups the events of `docs` into stories.
///
/// Each event joins the first story (in order of creation) it is [`alike`] and [`fits`]
/// in, else starts one. Only stories that could take it are tried: those of its type and
/// number of actors and, for an event dated to the day D, those whose reports dated to the
/// day began on D-1, D or D+1, or that have none (every report of a story dated to the day
/// lies within a day of every other, so a story whose first such report is two days from
/// D cannot take it). The result is the same as trying every story in order, in time
/// near linear in the events rather than events × stories (a 100,000-document store has
/// tens of thousands of stories).
pub fn stories(docs: &[Document]) -> Vec<Story> {
    let mut groups: Vec<Vec<Member>> = Vec::new();
    let mut blocks: HashMap<(&str, usize), Block> = HashMap::new();
    let mut candidates: Vec<usize> = Vec::new();
    for doc in docs {
        for event in &doc.events {
            let block = blocks
                .entry((event.kind.as_str(), event.actors.len()))
                .or_default();
            let day = event.date.as_deref().and_then(day_number);
            candidates.clear();
            match day {
                Some(d) => {
                    for k in [d - 1, d, d + 1] {
                        candidates.extend(block.by_day.get(&k).into_iter().flatten());
                    }
                    candidates.extend(block.undayed.iter());
                    candidates.sort_unstable();
                    candidates.dedup();
                }
                None => candidates.extend(&block.all),
            }
            let home = candidates.iter().copied().find(|&g| {
                groups[g].iter().any(|m| alike(m.event, event)) && fits(&groups[g], event)
            });
            let g = match home {
                Some(g) => {
                    groups[g].push(Member { event, doc });
                    g
                }
                None => {
                    groups.push(vec![Member { event, doc }]);
                    block.all.push(groups.len() - 1);
                    block.undayed.insert(groups.len() - 1);
                    groups.len() - 1
                }
            };
            if let Some(d) = day {
                if block.undayed.remove(&g) {
                    block.by_day.entry(d).or_default().push(g);
                }
            }
        }
    }
    groups
        .into_iter()
        .enumerate()
        .map(|(i, g)| story(i + 1, &g))
        .collect()
}

fn story(n: usize, members: &[Member]) -> Story {
    let first = members[0].event;
    let mode = members.iter().find_map(|m| m.event.mode.clone());
    // The actors of the report that names the most people and bodies (not only countries).
    let actors = members
        .iter()
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
    let occurred: Vec<&Member> = members
        .iter()
        .filter(|m| m.event.status == EventStatus::Occurred)
        .collect();
    let dated = |ms: &[&Member]| ms.iter().filter_map(|m| m.event.date.clone()).min();
    let date = dated(&occurred).or_else(|| dated(&members.iter().collect::<Vec<_>>()));
    let status = if occurred.is_empty() {
        first.status
    } else {
        EventStatus::Occurred
    };
    let mut docs_seen: Vec<&str> = Vec::new();
    let mut outlets_seen: Vec<String> = Vec::new();
    for m in members {
        if m.doc.duplicate_of.is_none() && !docs_seen.contains(&m.doc.doc.as_str()) {
            docs_seen.push(&m.doc.doc);
        }
        let outlet = outlet_of(m.doc);
        if !outlets_seen.contains(&outlet) {
            outlets_seen.push(outlet);
        }
    }
    Story {
        story: n,
        kind: first.kind.clone(),
        mode,
        actors,
        date,
        status,
        place: members
            .iter()
            .find_map(|m| m.event.place.as_ref().map(|w| w.key.clone())),
        articles: docs_seen.len(),
        outlets: outlets_seen.len(),
        reports: members
            .iter()
            .map(|m| Report {
                doc: m.doc.doc.clone(),
                outlet: m.doc.outlet.clone(),
                published: m.doc.published.clone(),
                date: m.event.date.clone(),
                status: m.event.status,
                attributed_to: m.event.attributed_to.clone(),
                evidence: m.event.evidence.clone(),
                duplicate: m.doc.duplicate_of.is_some(),
            })
            .collect(),
    }
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
    }

    /// The plain loop the index in [`stories`] stands for: every story tried in order.
    fn stories_by_trying_all(docs: &[Document]) -> Vec<Vec<String>> {
        let mut groups: Vec<Vec<Member>> = Vec::new();
        for doc in docs {
            for event in &doc.events {
                let home = groups
                    .iter_mut()
                    .find(|g| g.iter().any(|m| alike(m.event, event)) && fits(g, event));
                match home {
                    Some(g) => g.push(Member { event, doc }),
                    None => groups.push(vec![Member { event, doc }]),
                }
            }
        }
        groups
            .iter()
            .map(|g| g.iter().map(|m| m.event.evidence.text.clone()).collect())
            .collect()
    }

    #[test]
    fn the_index_groups_as_trying_every_story_does() {
        // A small linear congruential generator: deterministic, no dependency.
        let mut seed = 42u64;
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
                // Each event known by its evidence, to compare the groupings.
                e.evidence.text = format!("d{i}e{j}");
                events.push(e);
            }
            docs.push(doc(&format!("d{i}"), "o", events));
        }
        let got: Vec<Vec<String>> = stories(&docs)
            .iter()
            .map(|s| s.reports.iter().map(|r| r.evidence.text.clone()).collect())
            .collect();
        let want = stories_by_trying_all(&docs);
        assert!(want.len() > 20 && want.len() < 600, "{}", want.len());
        assert_eq!(got, want);
    }
}
