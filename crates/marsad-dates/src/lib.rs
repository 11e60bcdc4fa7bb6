//! Arabic temporal expressions, found in cleaned news text and placed in time against the
//! publication date.
//!
//! # Brief overview
//!
//! [`find_dates`] is the whole API: text and publication date in, [`Dates`] out
//! ([`annotate`] is the same on a [`Document`], for the pipeline). It runs four small
//! stages, each in its own module:
//!
//! 1. *Fold* the text with `marsad_text::fold` (Arabic-Indic and Persian digits become
//!    ASCII, أ/إ/آ become ا, tashkeel and tatweel go), keeping the map back to the
//!    original so that every offset reported is an offset into `text`.
//! 2. *Tokenize* (`tokens`) into words, numbers and punctuation, looking each word up
//!    once in the closed-class lexicon (`lexicon`: weekdays, ordinals, «الماضي»,
//!    «مطلع», «الساعة» …) and the month-name registry (`families`: one module per
//!    family — Levant, Egypt and Gulf, Maghreb, Hijri).
//! 3. *Recognize* (`parse`) expressions left to right with a handful of bounded
//!    patterns: day-month-year in every spelling, numeric dates, weekdays, times,
//!    relative expressions, months with «الجاري»/«الماضي», years and ranges.
//! 4. *Place* (`resolve`) each expression: what it does not say (the year of «21
//!    سبتمبر», the date of «الثلاثاء») comes from the publication date by the rules
//!    documented in that module. An expression that cannot be placed goes to
//!    [`Dates::unplaced`] with the reason, never into [`Dates::placed`] as a guess.
//!
//! English text has its own grammar (`english`: tokens, patterns) feeding the same
//! placing stage ([`find_dates_en`]); [`annotate`] picks it by the record's `lang`.
//!
//! # The design decision
//!
//! No library parses Arabic news dates well: general parsers find a fraction of them and
//! turn «3+3» or a score into a date. The grammar here is therefore ours, and it is
//! *closed*: a number becomes a day only before a month name, a year only after «عام»,
//! a temporal preposition or an era mark, so counts («44 يوما»), money, scores and ids
//! never start an expression. Recall comes from knowing every way Arabic news writes a
//! month, not from accepting any number; precision comes from refusing everything else.
//! Values are ISO 8601 at the precision the text supports (`2023`, `2023-09`,
//! `2023-09-19`, `2023-09-19T23:50`; `2023-W38` for a week; `a/b` for a range).
//!
//! # Where the rules are checked
//!
//! `tests/data/dates.tsv` holds one expression per row (family, publication date,
//! sentence, expression, value; «-» for a false friend that must stay no date, «?» for an
//! expression that must be recognized and left unplaced), driven by `tests/table.rs`.
//! `tests/seeds.rs` runs the real pipeline over `../shared/corpus/seeds` against the
//! gold. `bench/dates.sh` runs the same table and corpora through dateparser. The
//! examples `probe` (what is read in each line of standard input), `seeds` (records for
//! `score.py`) and `table` (the bench's side) are the quickest way to try a change.
//!
//! ```
//! use jiff::civil::date;
//! use marsad_dates::find_dates;
//!
//! let text = "بحث بوتين، الثلاثاء، مع رئيسي الوضع. وفي 19 سبتمبر/ أيلول الجاري أعلنت الوزارة، والأربعاء وقعت اتفاقا ضمن «3+3».";
//! let found = find_dates(text, Some(date(2023, 9, 26)));
//! let got: Vec<(&str, &str)> = found.placed.iter().map(|d| (d.text.as_str(), d.value.as_str())).collect();
//! assert_eq!(got, [
//!     ("الثلاثاء", "2023-09-26"),
//!     ("19 سبتمبر/ أيلول الجاري", "2023-09-19"),
//!     ("والأربعاء", "2023-09-20"),
//! ]);
//!
//! // Without a publication date, relative expressions are recognized but not placed.
//! let found = find_dates("وصل أمس إلى باكو", None);
//! assert!(found.placed.is_empty());
//! assert_eq!(found.unplaced[0].text, "أمس");
//! ```
#![deny(missing_docs)]
#![doc(test(attr(deny(warnings))))]

mod english;
mod families;
mod lexicon;
mod parse;
mod resolve;
mod tokens;

use marsad_schema::{DateMention, Document};
use marsad_text::{fold, Chain};

use crate::families::Calendar;
use crate::lexicon::Lex;
use crate::parse::{Anchor, Expr};
use crate::resolve::{resolve, Context, Value};
use crate::tokens::{Kind, Tok};

/// The dates of one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dates {
    /// Expressions placed in time, in text order, with ISO 8601 values.
    pub placed: Vec<DateMention>,
    /// Expressions recognized but not placed, in text order, each with the reason.
    pub unplaced: Vec<Unplaced>,
}

/// A temporal expression that was recognized but could not be placed in time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unplaced {
    /// First character in the text (Unicode scalar values).
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The expression as written.
    pub text: String,
    /// Why it was not placed, for `marsad extract --explain`.
    pub reason: String,
}

/// Finds the temporal expressions of `text` and places them against `published`.
///
/// Pure and total: any input gives an answer, and the work is linear in the text.
/// Offsets count characters of `text`, end exclusive.
pub fn find_dates(text: &str, published: Option<jiff::civil::Date>) -> Dates {
    let folded = fold(text, Chain::Match);
    let toks = tokens::tokenize(&folded.text);
    let exprs = parse::parse(&toks);
    if exprs.is_empty() {
        return Dates::default();
    }
    let borrowed = coordinated_years(&exprs, &toks);
    let spans = exprs.iter().map(|e| {
        let (first, last) = (&toks[e.first], &toks[e.end - 1]);
        let span = folded.span_of_chars(first.chars.0, last.chars.1);
        (span.start, span.end)
    });
    place(text, published, &exprs, borrowed, spans)
}

/// [`find_dates`] for English text: «Sept. 26», «last week», «26 September 2023», «on
/// Tuesday», placed by the same rules into the same values. The grammar is described in
/// the `english` module.
///
/// ```
/// use jiff::civil::date;
/// let found = marsad_dates::find_dates_en("Putin met Raisi on Tuesday and will visit Baku on Sept. 28.", Some(date(2023, 9, 26)));
/// let got: Vec<(&str, &str)> = found.placed.iter().map(|d| (d.text.as_str(), d.value.as_str())).collect();
/// assert_eq!(got, [("Tuesday", "2023-09-26"), ("Sept. 28", "2023-09-28")]);
/// ```
pub fn find_dates_en(text: &str, published: Option<jiff::civil::Date>) -> Dates {
    let toks = english::tokenize(text);
    let exprs = english::parse(&toks);
    if exprs.is_empty() {
        return Dates::default();
    }
    let borrowed = english::coordinated_years(&exprs, &toks);
    let spans = exprs
        .iter()
        .map(|e| (toks[e.first].chars.0, toks[e.end - 1].chars.1));
    place(text, published, &exprs, borrowed, spans)
}

/// The dates of `text` in language `lang` (an ISO 639-1 code, as `Document::lang`):
/// English text goes through [`find_dates_en`], anything else through [`find_dates`].
pub fn find_dates_in(
    text: &str,
    published: Option<jiff::civil::Date>,
    lang: Option<&str>,
) -> Dates {
    match lang {
        Some("en") => find_dates_en(text, published),
        _ => find_dates(text, published),
    }
}

/// Places recognized expressions (with their character spans in `text`) in time.
fn place(
    text: &str,
    published: Option<jiff::civil::Date>,
    exprs: &[Expr],
    borrowed: Vec<Option<i32>>,
    spans: impl Iterator<Item = (usize, usize)>,
) -> Dates {
    let text_year = if published.is_none() {
        exprs
            .iter()
            .filter_map(|e| match &e.anchor {
                Anchor::Date(p) if p.calendar == Calendar::Gregorian => p.year,
                _ => None,
            })
            .max()
    } else {
        None
    };
    let mut slicer = Spans::new(text);
    let mut out = Dates::default();
    let mut ctx = Context {
        published,
        text_year,
        last_day: None,
    };
    for ((e, borrowed), (start, end)) in exprs.iter().zip(borrowed).zip(spans) {
        let written = slicer.slice(start, end).to_string();
        match resolve(e, &ctx, borrowed) {
            Ok(value) => {
                if let Value::Day(d) | Value::Minute(d, ..) = value {
                    ctx.last_day = Some(d);
                }
                out.placed.push(DateMention {
                    start,
                    end,
                    text: written,
                    value: value.to_string(),
                });
            }
            Err(reason) => out.unplaced.push(Unplaced {
                start,
                end,
                text: written,
                reason: reason.to_string(),
            }),
        }
    }
    out
}

/// The dates stage of the pipeline: fills `doc.dates` with the placed expressions of
/// `doc.text` and returns the ones recognized but not placed (for `--explain`).
///
/// `anchor` is the day relative expressions are placed against: the record's publication
/// day, else the day it was crawled, read once where the page entered the pipeline
/// ([`read_published`]), never parsed again here. An English record (`lang` is `en`) is
/// read by [`find_dates_en`], any other by [`find_dates`]. Offsets are characters of
/// `doc.text`, as SCHEMA.md wants. Values are those of [`find_dates`], including the two
/// ISO 8601 forms beyond SCHEMA.md's examples: `2023-W38` for a week and `a/b` for a
/// range (see [`marsad_schema::DateMention::value`]). Pure: reads and writes `doc` only.
///
/// ```
/// let mut doc = marsad_schema::Document::new("a.txt", "وصل الوزير أمس إلى باكو".to_string());
/// let unplaced = marsad_dates::annotate(&mut doc, Some(jiff::civil::date(2023, 9, 26)));
/// assert!(unplaced.is_empty());
/// assert_eq!((doc.dates[0].start, doc.dates[0].end), (11, 14));
/// assert_eq!(doc.dates[0].value, "2023-09-25");
/// ```
pub fn annotate(doc: &mut Document, anchor: Option<jiff::civil::Date>) -> Vec<Unplaced> {
    let found = find_dates_in(&doc.text, anchor, doc.lang.as_deref());
    doc.dates = found.placed;
    found.unplaced
}

/// A publication date as read where a page enters: the form a record stores, and the day
/// stages anchor on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    /// ISO 8601 at the precision given (`2024-08-19`, `2024-08`, `2024`): the record's
    /// `published` (SCHEMA.md).
    pub iso: String,
    /// The day, when the value names one (`None` for a month or a year: nothing relative
    /// is placed against a guessed day).
    pub day: Option<jiff::civil::Date>,
}

/// Days between two days written `YYYY-MM-DD…` (a time after the day is ignored), or
/// `None` when either is coarser than a day: how far apart two events' dates are, for the
/// merge of a page's events, the stories across pages and the reader's recalled events.
///
/// ```
/// assert_eq!(marsad_dates::days_apart("2024-08-18T23:50", "2024-08-19"), Some(1));
/// assert_eq!(marsad_dates::days_apart("2024-08", "2024-08-19"), None);
/// ```
pub fn days_apart(a: &str, b: &str) -> Option<i64> {
    let day = |d: &str| d.get(..10)?.parse::<jiff::civil::Date>().ok();
    let span = day(a)?.since(day(b)?).ok()?;
    Some(i64::from(span.get_days()).abs())
}

/// A `published` value as crawlers and feeds write it, read into an ISO 8601 date: ISO
/// (`2024-08-19`, `2024-08-19T10:00:00+03:00`, `2024-08-19 10:00`, `2024-08`, `2024`),
/// numeric dates with slashes or dots (`2024/08/19`, `19/08/2024`, day first as the Arab
/// world writes it), Arabic-Indic, Persian and full-width digits, and Arabic dates read by
/// this crate's grammar (`19 أغسطس 2024`, `الاثنين 19 آب 2024`). The value keeps the
/// precision given (a day, a month or a year; a time of day is dropped: stages anchor on
/// the day).
///
/// A value that is not a date, or names a day that does not exist (`2024-13-45`,
/// `2024-02-30`), or a year outside 1800–2200 (`99999-01-01`), is an error saying why:
/// a record keeps no `published` rather than a wrong one.
///
/// ```
/// use marsad_dates::read_published;
/// let iso = |v: &str| read_published(v).map(|p| p.iso);
/// assert_eq!(iso("2024-08-19T10:00:00+03:00").unwrap(), "2024-08-19");
/// assert_eq!(iso("19 أغسطس 2024").unwrap(), "2024-08-19");
/// assert_eq!(iso("٢٠٢٤-٠٨-١٩").unwrap(), "2024-08-19");
/// assert_eq!(iso("19/08/2024").unwrap(), "2024-08-19");
/// assert_eq!(read_published("١٩ آب ٢٠٢٤").unwrap().day, Some(jiff::civil::date(2024, 8, 19)));
/// assert_eq!(read_published("2024-08").unwrap().day, None);
/// assert!(read_published("2024-02-30").is_err());
/// assert!(read_published("yesterday").is_err());
/// ```
pub fn read_published(value: &str) -> Result<Published, &'static str> {
    let iso = published_iso(value)?;
    // The forms above are the only ones made: `YYYY-MM-DD` is a day that exists.
    let day = if iso.len() == 10 {
        iso.parse().ok()
    } else {
        None
    };
    Ok(Published { iso, day })
}

/// [`read_published`]'s ISO form.
fn published_iso(value: &str) -> Result<String, &'static str> {
    let ascii: String = value
        .trim()
        .chars()
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            '\u{FF10}'..='\u{FF19}' => char::from(b'0' + (c as u32 - 0xFF10) as u8),
            _ => c,
        })
        .collect();
    if ascii.is_empty() {
        return Err("empty");
    }
    if let Some(v) = numeric_date(&ascii) {
        return v;
    }
    // Arabic (or any wording this crate reads): one expression that places a day or a
    // month by itself, with no publication date to lean on.
    let found = find_dates(&ascii, None);
    let whole = found.placed.len() == 1
        && found.unplaced.is_empty()
        && found.placed[0].text.chars().count() * 2 >= ascii.chars().count();
    match found.placed.first() {
        Some(d) if whole && !d.value.contains(['/', 'W', 'T']) => Ok(d.value.clone()),
        _ => Err("not a date"),
    }
}

/// `YYYY-MM-DD[T…]`, `YYYY-MM`, `YYYY`, `YYYY/MM/DD`, `DD/MM/YYYY`, `DD.MM.YYYY`; `None`
/// when the value is not numeric in one of these shapes.
fn numeric_date(v: &str) -> Option<Result<String, &'static str>> {
    // Digits, separators and a time of day only («T», «Z», a zone offset).
    let numeric = v
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '.' | ':' | '+' | ' ' | 'T' | 'Z'));
    if !numeric {
        return None;
    }
    let date_part = v
        .split(['T', ' '])
        .next()
        .unwrap_or(v)
        .trim_end_matches('Z');
    let parts: Vec<&str> = date_part.split(['-', '/', '.']).collect();
    if parts.is_empty()
        || parts.len() > 3
        || parts
            .iter()
            .any(|p| p.is_empty() || p.len() > 5 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let n: Vec<i64> = parts.iter().map(|p| p.parse().unwrap_or(-1)).collect();
    // Year first (ISO), or last (day first).
    let (y, m, d) = match (parts.len(), parts[0].len()) {
        (1, _) => (n[0], None, None),
        (2, 4) => (n[0], Some(n[1]), None),
        (2, _) => (n[1], Some(n[0]), None),
        (3, 4) => (n[0], Some(n[1]), Some(n[2])),
        (3, _) if parts[2].len() == 4 => (n[2], Some(n[1]), Some(n[0])),
        _ => return Some(Err("not a date")),
    };
    if !(1800..=2200).contains(&y) {
        return Some(Err("a year out of range"));
    }
    Some(match (m, d) {
        (None, _) => Ok(format!("{y:04}")),
        (Some(m), None) if (1..=12).contains(&m) => Ok(format!("{y:04}-{m:02}")),
        (Some(m), Some(d)) => {
            match jiff::civil::Date::new(y as i16, m.clamp(0, 99) as i8, d.clamp(0, 99) as i8) {
                Ok(date) => Ok(date.to_string()),
                Err(_) => Err("no such day"),
            }
        }
        _ => Err("no such month"),
    })
}

/// For each expression, the year it shares with the next one when the two are joined by
/// «و», a comma, «إلى» or a dash and only the second has a year: «11 يناير و26 يناير
/// 2021». Filled right to left so that a chain of three shares the last one's year.
fn coordinated_years(exprs: &[Expr], toks: &[Tok<'_>]) -> Vec<Option<i32>> {
    let mut out = vec![None; exprs.len()];
    for k in (0..exprs.len().saturating_sub(1)).rev() {
        let (a, b) = (&exprs[k], &exprs[k + 1]);
        let (Anchor::Date(pa), Anchor::Date(pb)) = (&a.anchor, &b.anchor) else {
            continue;
        };
        if pa.year.is_some()
            || pa.month.is_none()
            || pb.month.is_none()
            || pa.calendar != pb.calendar
        {
            continue;
        }
        let gap = &toks[a.end..b.first];
        let joined = gap.len() <= 2
            && gap.iter().all(|t| {
                matches!(t.lex, Some(Lex::And | Lex::To))
                    || (t.kind == Kind::Punct && (t.is('،') || t.is(',') || t.is('-')))
                    || t.text == "او"
                    || t.text == "ثم"
            });
        let year_b = pb.year.or(out[k + 1]);
        if let (true, Some(yb), Some(ma), Some(mb)) = (joined, year_b, pa.month, pb.month) {
            out[k] = Some(if ma > mb { yb - 1 } else { yb });
        }
    }
    out
}

/// Slices of the original text by character offsets that only move forward, so that
/// slicing every mention of a long text stays linear.
struct Spans<'t> {
    text: &'t str,
    /// Character index and byte offset of the last position looked up.
    at: (usize, usize),
}

impl<'t> Spans<'t> {
    fn new(text: &'t str) -> Spans<'t> {
        Spans { text, at: (0, 0) }
    }

    /// Byte offset of character `c` (`c` at least the last one asked, or a restart).
    fn byte(&mut self, c: usize) -> usize {
        if c < self.at.0 {
            self.at = (0, 0);
        }
        let (mut ci, mut bi) = self.at;
        let mut chars = self.text[bi..].chars();
        while ci < c {
            match chars.next() {
                Some(ch) => {
                    bi += ch.len_utf8();
                    ci += 1;
                }
                None => break,
            }
        }
        self.at = (ci, bi);
        bi
    }

    fn slice(&mut self, start: usize, end: usize) -> &'t str {
        let a = self.byte(start);
        let b = self.byte(end);
        &self.text[a..b.max(a)]
    }
}

#[cfg(test)]
mod tests;
