//! What an analyst reads first: the order of stories (`/api/stories?sort=`).
//!
//! # The rule (`sort=rank`, the default)
//!
//! Stories fall in three groups, shown in this order:
//!
//! 1. **dated and corroborated**: the story has a day (`YYYY-MM-DD`) and is reported by at
//!    least two outlets with a trusted confidence ([`marsad_schema::TRUSTED_CONFIDENCE`]),
//!    or one of its events carries a high confidence ([`HIGH_CONFIDENCE`]);
//! 2. **dated**, the rest;
//! 3. **undated** (no day: no date at all, only a month or a year, or a day more than a
//!    year after its last report, a misread), apart, last.
//!
//! Within a group, by score, highest first:
//!
//! ```text
//! score = 2·ln(1 + outlets) + ln(1 + articles) + 2·confidence − ln(1 + age / 7)
//! ```
//!
//! where `confidence` is the story's highest event confidence (0 to 1) and `age` the days
//! between the story's day (a planned event's: the day it was reported) and the newest day
//! any story was reported (publication, else crawl day: not today, the store may be an
//! archive). A week old costs 0.7, a month 1.7: less than what two more outlets gain, so a
//! story ten outlets told stays above yesterday's single report. Ties: the later day, then
//! the story's number. The other orders: `recent` (day, latest first;
//! undated last), `articles` (articles, then outlets), `first` (the story's number: order of
//! first report).

use marsad_stories::Story;

/// A confidence at or above which one outlet's report counts as corroborated.
pub const HIGH_CONFIDENCE: f32 = 0.85;

/// What ranking needs of a story beyond the story itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    /// The highest confidence of its events.
    pub confidence: f32,
    /// The last day it was reported (a report's publication, else crawl day).
    pub reported: Option<String>,
}

/// An order of the stories.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorySort {
    /// The analyst's order (the module's rule).
    Rank,
    /// Latest day first, undated last.
    Recent,
    /// Most articles first.
    Articles,
    /// Order of first report (the story's number).
    First,
}

impl StorySort {
    /// The values of the `sort` parameter.
    pub const NAMES: &'static [&'static str] = &["rank", "recent", "articles", "first"];

    /// The order named `name`.
    pub fn parse(name: &str) -> Option<StorySort> {
        Some(match name {
            "rank" => StorySort::Rank,
            "recent" => StorySort::Recent,
            "articles" => StorySort::Articles,
            "first" => StorySort::First,
            _ => return None,
        })
    }
}

/// The story's day (`YYYY-MM-DD`), when its date gives one.
pub fn day(s: &Story) -> Option<&str> {
    as_day(s.date.as_deref()?)
}

fn as_day(d: &str) -> Option<&str> {
    let d = d.get(..10)?;
    let b = d.as_bytes();
    let ok = b[4] == b'-'
        && b[7] == b'-'
        && [0, 1, 2, 3, 5, 6, 8, 9]
            .iter()
            .all(|&i| b[i].is_ascii_digit());
    ok.then_some(d)
}

/// The story's day when it is one to rank by: not more than a year after its last report.
pub fn ranked_day<'a>(s: &'a Story, f: &Facts) -> Option<&'a str> {
    let d = day(s)?;
    match f.reported.as_deref().and_then(as_day) {
        Some(r) if days(d) > days(r) + 366 => None,
        _ => Some(d),
    }
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` (proleptic Gregorian).
fn days(d: &str) -> i64 {
    let y: i64 = d[..4].parse().unwrap_or(1970);
    let m: i64 = d[5..7].parse().unwrap_or(1);
    let dd: i64 = d[8..10].parse().unwrap_or(1);
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + dd - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The group of the module's rule: 0 dated and corroborated, 1 dated, 2 undated.
pub fn group(s: &Story, f: &Facts) -> u8 {
    let trusted = f.confidence >= marsad_schema::TRUSTED_CONFIDENCE - 1e-4;
    match ranked_day(s, f) {
        None => 2,
        Some(_) if (s.outlets >= 2 && trusted) || f.confidence >= HIGH_CONFIDENCE - 1e-4 => 0,
        Some(_) => 1,
    }
}

/// The score of the module's rule, `newest` being the newest day reported, in days.
pub fn score(s: &Story, f: &Facts, newest: i64) -> f64 {
    let reported = f.reported.as_deref().and_then(as_day).map(days);
    let age = ranked_day(s, f).map_or(0, |d| {
        let d = days(d);
        let d = reported.map_or(d, |r| d.min(r));
        (newest - d).max(0)
    }) as f64;
    2.0 * (1.0 + s.outlets as f64).ln() + (1.0 + s.articles as f64).ln() + 2.0 * f.confidence as f64
        - (1.0 + age / 7.0).ln()
}

/// Story positions in `sort`'s order (`facts[i]` belongs to `stories[i]`).
pub fn order(stories: &[Story], facts: &[Facts], sort: StorySort) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..stories.len()).collect();
    let none = Facts::default();
    let fact = |i: usize| facts.get(i).unwrap_or(&none);
    match sort {
        StorySort::First => {}
        StorySort::Articles => idx.sort_by(|&a, &b| {
            let (x, y) = (&stories[a], &stories[b]);
            (y.articles, y.outlets)
                .cmp(&(x.articles, x.outlets))
                .then(a.cmp(&b))
        }),
        StorySort::Recent => idx.sort_by(|&a, &b| {
            let (x, y) = (
                ranked_day(&stories[a], fact(a)),
                ranked_day(&stories[b], fact(b)),
            );
            // Some(later) first, None last.
            y.cmp(&x).then(a.cmp(&b))
        }),
        StorySort::Rank => {
            let newest = facts
                .iter()
                .filter_map(|f| f.reported.as_deref().and_then(as_day))
                .max()
                .map_or(0, days);
            let keyed: Vec<(u8, f64)> = (0..stories.len())
                .map(|i| {
                    (
                        group(&stories[i], fact(i)),
                        score(&stories[i], fact(i), newest),
                    )
                })
                .collect();
            idx.sort_by(|&a, &b| {
                keyed[a]
                    .0
                    .cmp(&keyed[b].0)
                    .then(keyed[b].1.total_cmp(&keyed[a].1))
                    .then(day(&stories[b]).cmp(&day(&stories[a])))
                    .then(a.cmp(&b))
            });
        }
    }
    idx
}

/// The analyst's order ([`StorySort::Rank`]).
pub fn stories(stories: &[Story], facts: &[Facts]) -> Vec<usize> {
    order(stories, facts, StorySort::Rank)
}

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_schema::EventStatus;

    fn story(n: usize, date: Option<&str>, articles: usize, outlets: usize) -> Story {
        Story {
            story: n,
            kind: "CONSULT".into(),
            mode: None,
            actors: vec![],
            date: date.map(str::to_string),
            status: EventStatus::Occurred,
            place: None,
            articles,
            outlets,
            reports: vec![],
        }
    }

    #[test]
    fn civil_days() {
        assert_eq!(days("1970-01-01"), 0);
        assert_eq!(days("2015-07-21") - days("2015-06-30"), 21);
        assert_eq!(days("2016-03-01") - days("2016-02-28"), 2);
    }

    /// Issue 20: a two-article single-outlet story led the home page; a 47-article,
    /// 10-outlet one was fourth; undated stories came first.
    #[test]
    fn corroborated_dated_stories_lead_and_undated_ones_come_last() {
        let s = vec![
            story(1, None, 30, 8),
            story(2, Some("2015-07-20"), 2, 1),
            story(3, Some("2015-07-02"), 47, 10),
            story(4, Some("2015-07-21"), 3, 2),
            story(5, Some("2015"), 9, 5),
            story(6, Some("2015-07-21"), 1, 1),
        ];
        let conf = facts(&[0.9, 0.6, 0.8, 0.8, 0.9, 0.9]);
        let order: Vec<usize> = stories(&s, &conf).iter().map(|&i| s[i].story).collect();
        // 3 and 4 corroborated by outlets, 6 by its confidence; then 2; undated 1 and 5.
        assert_eq!(
            order[..3].iter().filter(|n| [3, 4, 6].contains(n)).count(),
            3
        );
        assert_eq!(order[0], 3, "{order:?}");
        assert_eq!(order[3], 2);
        assert_eq!(&order[4..], &[1, 5]);
    }

    fn facts(conf: &[f32]) -> Vec<Facts> {
        conf.iter()
            .map(|&c| Facts {
                confidence: c,
                reported: Some("2015-07-21".into()),
            })
            .collect()
    }

    #[test]
    fn age_costs_less_than_outlets_gain() {
        let newest = days("2015-07-21");
        let f = &facts(&[0.8])[0];
        let fresh = score(&story(1, Some("2015-07-21"), 1, 1), f, newest);
        let week = score(&story(2, Some("2015-07-14"), 1, 1), f, newest);
        let told = score(&story(3, Some("2015-06-21"), 10, 10), f, newest);
        assert!((fresh - week - 2f64.ln()).abs() < 1e-9);
        assert!(told > fresh);
        // A planned event's day after its report ages from the report.
        let planned = score(&story(4, Some("2015-09-27"), 1, 1), f, newest);
        assert!((planned - fresh).abs() < 1e-9);
    }

    /// A day centuries after the reports (a misread) is no day: the story goes with the
    /// undated ones and does not make every other story look old.
    #[test]
    fn a_day_long_after_the_reports_is_a_misread() {
        let s = vec![
            story(1, Some("2577-03-20"), 1, 1),
            story(2, Some("2015-07-20"), 3, 2),
        ];
        let conf = facts(&[0.9, 0.8]);
        assert_eq!(group(&s[0], &conf[0]), 2);
        assert_eq!(stories(&s, &conf), vec![1, 0]);
    }

    #[test]
    fn other_orders() {
        let s = vec![
            story(1, Some("2015-07-01"), 5, 1),
            story(2, None, 9, 3),
            story(3, Some("2015-07-09"), 1, 1),
        ];
        let conf = facts(&[0.5; 3]);
        let by = |sort| -> Vec<usize> {
            order(&s, &conf, sort)
                .into_iter()
                .map(|i| s[i].story)
                .collect()
        };
        assert_eq!(by(StorySort::Recent), vec![3, 1, 2]);
        assert_eq!(by(StorySort::Articles), vec![2, 1, 3]);
        assert_eq!(by(StorySort::First), vec![1, 2, 3]);
        for name in StorySort::NAMES {
            assert!(StorySort::parse(name).is_some());
        }
    }
}
