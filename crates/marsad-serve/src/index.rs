//! What the story lists, their counts per filter value and the network read of every
//! story, computed once with the stories (per generation of the store).
//!
//! A request on the SaudiNewsNet month (28,672 stories) used to walk every story
//! comparing strings, sort all of them again for any order but the rank, and count
//! filter values in maps keyed by strings (`/api/stories?…&facets=1`: p99 548 ms with 4
//! clients). Here each story's filter values are interned once, as `(facet, value id)`
//! pairs, and every order is sorted once: a request tests and counts small integers.

use std::borrow::Cow;
use std::collections::HashMap;

use marsad_stories::Story;

use crate::rank::{self, Facts, StorySort};

/// The filters whose values are counted (`facets=1`), in the order they are given.
pub const FACETS: [&str; 10] = [
    "type", "mode", "status", "actor", "country", "sector", "place", "outlet", "month", "group",
];

/// Positions in [`FACETS`].
pub const TYPE: u8 = 0;
/// `mode`.
pub const MODE: u8 = 1;
/// `status`.
pub const STATUS: u8 = 2;
/// `actor` (and `with`): an actor's key.
pub const ACTOR: u8 = 3;
/// `country`: an actor's country.
pub const COUNTRY: u8 = 4;
/// `sector`: an actor's sector.
pub const SECTOR: u8 = 5;
/// `place`.
pub const PLACE: u8 = 6;
/// `outlet`: a report's outlet.
pub const OUTLET: u8 = 7;
/// `month`: the month of the story's day (counted, not a filter).
pub const MONTH: u8 = 8;
/// `group`: actors named by description, by sector and country ([`group_key`]): the
/// network's aggregated nodes (counted, not a filter).
pub const GROUP: u8 = 9;

/// What a group's key starts with.
const GROUP_PREFIX: &str = "group:";

/// The key of the group of actors named by description of one sector and country
/// (`group:MIL:YEM`): the network draws the armed men, soldiers or civilians the reports
/// describe as one node per sector and country, where a node per description
/// («مسلحون», «المسلحين», «عناصر مسلحة») would scatter them. Officials of a country
/// («المسؤولين الروس») are its government: the country's own key. A description without
/// a country («مدنيون») is no group: a node of every civilian the month reports of
/// anywhere would say nothing and take the network's middle.
pub fn group_key(sector: &str, country: &str) -> String {
    if sector == "GOV" {
        country.to_string()
    } else {
        format!("{GROUP_PREFIX}{sector}:{country}")
    }
}

/// A group key's sector and country ([`group_key`]), or `None` for any other key.
pub fn group_parts(key: &str) -> Option<(&str, Option<&str>)> {
    let rest = key.strip_prefix(GROUP_PREFIX)?;
    Some(match rest.split_once(':') {
        Some((s, c)) => (s, Some(c)),
        None => (rest, None),
    })
}

/// A story's value of a facet: `(facet, value id)`.
pub type Pair = (u8, u32);

/// The stories' filter values, interned, and their orders.
#[derive(Default)]
pub struct StoryIndex {
    /// Each facet's values: `values[facet][id]`.
    values: Vec<Vec<String>>,
    ids: Vec<HashMap<String, u32>>,
    /// Each story's pairs, sorted, each once.
    of: Vec<Vec<Pair>>,
    /// Stories per value over the whole store: `totals[facet][id]`.
    totals: Vec<Vec<u32>>,
    /// Story positions in each order, by [`StorySort::NAMES`]' order.
    orders: Vec<Vec<usize>>,
}

/// The status as the API names it.
pub fn status_name(s: marsad_schema::EventStatus) -> &'static str {
    use marsad_schema::EventStatus::*;
    match s {
        Occurred => "occurred",
        Planned => "planned",
        Claimed => "claimed",
        Denied => "denied",
    }
}

/// A story's values of every facet, each once (what [`FACETS`] counts).
fn story_values(s: &Story) -> Vec<(u8, Cow<'_, str>)> {
    fn b(x: &str) -> Cow<'_, str> {
        Cow::Borrowed(x)
    }
    let mut v = vec![(TYPE, b(&s.kind)), (STATUS, b(status_name(s.status)))];
    if let Some(m) = &s.mode {
        v.push((MODE, b(m)));
    }
    for a in &s.actors {
        if let Some(k) = &a.key {
            v.push((ACTOR, b(k)));
        }
        if let Some(c) = &a.country {
            v.push((COUNTRY, b(c)));
        }
        if let Some(c) = &a.sector {
            v.push((SECTOR, b(c)));
            if let (None, Some(country)) = (&a.key, &a.country) {
                v.push((GROUP, Cow::Owned(group_key(c, country))));
            }
        }
    }
    if let Some(p) = &s.place {
        v.push((PLACE, b(p)));
    }
    for r in &s.reports {
        if let Some(o) = &r.outlet {
            v.push((OUTLET, b(o)));
        }
    }
    if let Some(d) = rank::day(s) {
        v.push((MONTH, b(&d[..7])));
    }
    v
}

impl StoryIndex {
    /// The index of `stories` (`facts[i]` belonging to `stories[i]`).
    pub fn new(stories: &[Story], facts: &[Facts]) -> StoryIndex {
        let mut ix = StoryIndex {
            values: vec![Vec::new(); FACETS.len()],
            ids: vec![HashMap::new(); FACETS.len()],
            totals: vec![Vec::new(); FACETS.len()],
            ..Default::default()
        };
        for s in stories {
            let mut pairs: Vec<Pair> = story_values(s)
                .into_iter()
                .map(|(f, v)| (f, ix.intern(f, &v)))
                .collect();
            pairs.sort_unstable();
            pairs.dedup();
            for &(f, id) in &pairs {
                ix.totals[f as usize][id as usize] += 1;
            }
            ix.of.push(pairs);
        }
        ix.orders = StorySort::NAMES
            .iter()
            .filter_map(|n| StorySort::parse(n))
            .map(|sort| rank::order(stories, facts, sort))
            .collect();
        ix
    }

    fn intern(&mut self, facet: u8, value: &str) -> u32 {
        let f = facet as usize;
        if let Some(&id) = self.ids[f].get(value) {
            return id;
        }
        let id = self.values[f].len() as u32;
        self.values[f].push(value.to_string());
        self.ids[f].insert(value.to_string(), id);
        self.totals[f].push(0);
        id
    }

    /// The id of a facet's value, when some story has it.
    pub fn id(&self, facet: u8, value: &str) -> Option<u32> {
        self.ids.get(facet as usize)?.get(value).copied()
    }

    /// A facet's value by id.
    pub fn value(&self, facet: u8, id: u32) -> &str {
        &self.values[facet as usize][id as usize]
    }

    /// How many values a facet has.
    pub fn len(&self, facet: u8) -> usize {
        self.values[facet as usize].len()
    }

    /// The pairs of the story at `i`, sorted.
    pub fn pairs(&self, i: usize) -> &[Pair] {
        &self.of[i]
    }

    /// Whether the story at `i` has every pair of `wanted` (sorted or not).
    pub fn has_all(&self, i: usize, wanted: &[Pair]) -> bool {
        let have = &self.of[i];
        wanted.iter().all(|p| have.binary_search(p).is_ok())
    }

    /// How many stories of the whole store have a value.
    pub fn total(&self, facet: u8, id: u32) -> u32 {
        self.totals[facet as usize][id as usize]
    }

    /// Story positions in `sort`'s order.
    pub fn order(&self, sort: StorySort) -> &[usize] {
        let at = StorySort::NAMES
            .iter()
            .position(|n| StorySort::parse(n) == Some(sort))
            .unwrap_or(0);
        self.orders.get(at).map_or(&[], Vec::as_slice)
    }

    /// How many of the stories at `picked` take each value of each facet, the most
    /// frequent first (ties by value), at most `keep` values a facet: `(facet, [(value,
    /// count)])`. `all`: `picked` is every story (the counts kept are read instead).
    pub fn facet_counts(
        &self,
        picked: &[usize],
        all: bool,
        keep: usize,
    ) -> Vec<(u8, Vec<(&str, u32)>)> {
        let counted: Vec<Vec<u32>> = if all {
            self.totals.clone()
        } else {
            let mut c: Vec<Vec<u32>> = self.values.iter().map(|v| vec![0; v.len()]).collect();
            for &i in picked {
                for &(f, id) in &self.of[i] {
                    c[f as usize][id as usize] += 1;
                }
            }
            c
        };
        counted
            .into_iter()
            .enumerate()
            .map(|(f, counts)| {
                let mut v: Vec<(&str, u32)> = counts
                    .into_iter()
                    .enumerate()
                    .filter(|&(_, n)| n > 0)
                    .map(|(id, n)| (self.values[f][id].as_str(), n))
                    .collect();
                v.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
                v.truncate(keep);
                (f as u8, v)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_schema::{Actor, ActorRole, EventStatus};

    fn story(n: usize, kind: &str, actors: &[&str], date: Option<&str>) -> Story {
        Story {
            story: n,
            kind: kind.into(),
            mode: None,
            actors: actors
                .iter()
                .map(|k| Actor::known(*k, None, ActorRole::Party))
                .collect(),
            date: date.map(str::to_string),
            status: EventStatus::Occurred,
            place: None,
            articles: 1,
            outlets: 1,
            reports: vec![],
        }
    }

    #[test]
    fn counts_and_filters_by_interned_values() {
        let s = vec![
            story(1, "CONSULT", &["A", "B"], Some("2015-07-01")),
            story(2, "CONSULT", &["A", "A"], Some("2015-08-02")),
            story(3, "ACCUSE", &["B"], None),
        ];
        let facts = vec![Facts::default(); 3];
        let ix = StoryIndex::new(&s, &facts);
        let a = ix.id(ACTOR, "A").unwrap();
        assert_eq!(
            ix.total(ACTOR, a),
            2,
            "an actor twice in a story counts once"
        );
        assert!(ix.has_all(0, &[(ACTOR, a)]) && !ix.has_all(2, &[(ACTOR, a)]));
        assert_eq!(ix.id(ACTOR, "C"), None);
        let counts = ix.facet_counts(&[0, 2], false, 30);
        let types = &counts[TYPE as usize].1;
        assert_eq!(types, &[("ACCUSE", 1), ("CONSULT", 1)]);
        let months = &counts[MONTH as usize].1;
        assert_eq!(months, &[("2015-07", 1)]);
        assert_eq!(
            ix.facet_counts(&[0, 1, 2], false, 30),
            ix.facet_counts(&[], true, 30)
        );
        assert_eq!(ix.order(StorySort::First), &[0, 1, 2]);
        assert_eq!(ix.order(StorySort::Recent), &[1, 0, 2]);
    }
}
