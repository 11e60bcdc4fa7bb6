//! English dates, for English pages: the same [`DateMention`]s as the Arabic grammar,
//! placed by the same rules (`resolve`), read by a small closed grammar of its own.
//!
//! No crate on crates.io finds dates in running English text with their offsets and
//! keeps the precision the text gives (`2023-09` for «September 2023», a week for «last
//! week»): the parsers there read one string that is a date (`partial-date`,
//! `date_time_parser`), and the port of dateparser's `search_dates` (`dateoxide-core`)
//! returns matched text and a full timestamp. So, as for Arabic, the grammar is ours,
//! and closed in the same way: a number is a day only beside a month name, a year only
//! after a temporal preposition, with a month, or in a range, so counts and scores never
//! start a date. Month names must be capitalized, and «May» and «March» (a verb and a
//! noun) need a day, a year or a temporal word beside them.
//!
//! What it reads: «Sept. 26», «September 26, 2023», «26 September 2023», «the 26th of
//! September», «Tuesday», «last Tuesday», «Tuesday, Sept. 26», «yesterday», «last
//! night», «last week», «this month», «next year», «earlier this week», «three days
//! ago», «the past two weeks», «in 2019», «early September», «mid-2020», «the end of
//! the month», «2019-2021», «between 2019 and 2021», «Oct. 5-7», «from Oct. 5 to Nov.
//! 7», «the fourth Thursday of November», «Christmas», «New Year's Eve», «Eid al-Fitr»,
//! «Ramadan», ISO and slashed numeric dates, and a clock time after a day («on Tuesday
//! at 3 p.m.»).

use jiff::civil::Weekday;

use crate::families::Calendar;
use crate::lexicon::{Part, Qual, Unit};
use crate::parse::{Anchor, DateParts, Expr, Pick};

/// A token of English text: its text, its lowercase form, its character range.
#[derive(Debug, Clone)]
pub(crate) struct ETok<'t> {
    pub text: &'t str,
    pub lower: String,
    pub chars: (usize, usize),
    pub glued: bool,
    pub num: Option<u32>,
    pub kind: EKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EKind {
    Word,
    Num,
    Punct,
    Break,
}

/// Splits text into words (letters and apostrophes), numbers, punctuation and breaks,
/// counting characters.
pub(crate) fn tokenize(text: &str) -> Vec<ETok<'_>> {
    let mut out: Vec<ETok<'_>> = Vec::new();
    let mut it = text.char_indices().peekable();
    let mut nchar = 0;
    let mut glued = false;
    while let Some((start, c)) = it.next() {
        let cstart = nchar;
        nchar += 1;
        if c == '\n' {
            out.push(ETok {
                text: &text[start..start + 1],
                lower: String::new(),
                chars: (cstart, nchar),
                glued: false,
                num: None,
                kind: EKind::Break,
            });
            glued = false;
            continue;
        }
        if c.is_whitespace() {
            glued = false;
            continue;
        }
        let kind = if c.is_ascii_digit() {
            EKind::Num
        } else if c.is_alphabetic() {
            EKind::Word
        } else {
            EKind::Punct
        };
        let mut end = start + c.len_utf8();
        if kind != EKind::Punct {
            while let Some(&(b, d)) = it.peek() {
                let same = match kind {
                    EKind::Num => d.is_ascii_digit(),
                    _ => d.is_alphabetic() || d == '\'' || d == '’',
                };
                if !same {
                    break;
                }
                end = b + d.len_utf8();
                nchar += 1;
                it.next();
            }
        }
        let t = &text[start..end];
        let lower = t.to_lowercase().replace('’', "'");
        let num = (kind == EKind::Num && t.len() <= 4)
            .then(|| t.parse().ok())
            .flatten();
        out.push(ETok {
            text: t,
            lower,
            chars: (cstart, nchar),
            glued: glued && !out.is_empty(),
            num,
            kind,
        });
        glued = true;
    }
    out
}

fn month_of(w: &str) -> Option<u8> {
    Some(match w {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

fn weekday_of(w: &str) -> Option<Weekday> {
    Some(match w {
        "monday" => Weekday::Monday,
        "tuesday" => Weekday::Tuesday,
        "wednesday" => Weekday::Wednesday,
        "thursday" => Weekday::Thursday,
        "friday" => Weekday::Friday,
        "saturday" => Weekday::Saturday,
        "sunday" => Weekday::Sunday,
        _ => return None,
    })
}

fn ordinal_word(w: &str) -> Option<u8> {
    const WORDS: [&str; 31] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "thirtieth",
        "",
    ];
    WORDS
        .iter()
        .position(|x| !x.is_empty() && *x == w)
        .map(|p| p as u8 + 1)
}

fn cardinal_word(w: &str) -> Option<i32> {
    Some(match w {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "fifteen" => 15,
        "twenty" => 20,
        "thirty" => 30,
        "several" | "few" => return None,
        _ => return None,
    })
}

fn unit_of(w: &str) -> Option<(Unit, bool)> {
    Some(match w {
        "day" => (Unit::Day, false),
        "days" => (Unit::Day, true),
        "week" => (Unit::Week, false),
        "weeks" => (Unit::Week, true),
        "month" => (Unit::Month, false),
        "months" => (Unit::Month, true),
        "year" => (Unit::Year, false),
        "years" => (Unit::Year, true),
        _ => return None,
    })
}

const TEMPORAL: &[&str] = &[
    "in",
    "since",
    "by",
    "during",
    "until",
    "till",
    "through",
    "throughout",
    "before",
    "after",
    "from",
    "to",
    "between",
    "and",
    "or",
    "early",
    "late",
    "mid",
    "on",
    "of",
    "for",
];

const COUNTED: &[&str] = &[
    "people",
    "troops",
    "soldiers",
    "dollars",
    "euros",
    "votes",
    "seats",
    "percent",
    "km",
    "miles",
    "tonnes",
    "tons",
    "barrels",
    "cases",
    "deaths",
    "points",
    "residents",
    "members",
    "workers",
    "children",
    "refugees",
    "homes",
    "metres",
    "meters",
    "feet",
    "hours",
    "minutes",
];

/// English words of the future (`data/text/future_cues.tsv`, the words marked `dates_en`),
/// lower case as written.
static FUTURE: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    marsad_text::lists::FUTURE_CUES
        .words_for("dates_en")
        .collect()
});

struct P<'a, 't> {
    t: &'a [ETok<'t>],
}

type Read<T> = Option<(T, usize)>;

impl P<'_, '_> {
    fn w(&self, i: usize) -> Option<&str> {
        self.t
            .get(i)
            .filter(|t| t.kind == EKind::Word)
            .map(|t| t.lower.as_str())
    }
    fn is(&self, i: usize, w: &str) -> bool {
        self.w(i) == Some(w)
    }
    fn punct(&self, i: usize, c: char) -> bool {
        self.t
            .get(i)
            .is_some_and(|t| t.kind == EKind::Punct && t.text.starts_with(c))
    }
    fn num(&self, i: usize) -> Option<u32> {
        self.t.get(i).and_then(|t| t.num)
    }
    fn capital(&self, i: usize) -> bool {
        self.t
            .get(i)
            .is_some_and(|t| t.text.chars().next().is_some_and(char::is_uppercase))
    }
    fn expr(&self, first: usize, end: usize, anchor: Anchor) -> Expr {
        Expr {
            first,
            end,
            anchor,
            weekday: None,
            time: None,
            future: false,
        }
    }

    /// A month name (capitalized), its abbreviation's dot included. Returns (month,
    /// whether it is «May» or «March», which need a date beside them).
    fn month(&self, i: usize) -> Read<(u8, bool)> {
        let m = month_of(self.w(i)?)?;
        if !self.capital(i) {
            return None;
        }
        let mut j = i + 1;
        let abbreviated = matches!(
            self.t[i].lower.as_str(),
            "jan"
                | "feb"
                | "mar"
                | "apr"
                | "jun"
                | "jul"
                | "aug"
                | "sep"
                | "sept"
                | "oct"
                | "nov"
                | "dec"
        );
        if abbreviated && self.punct(j, '.') && self.t[j].glued {
            j += 1;
        }
        let weak = matches!(self.w(i), Some("may" | "march" | "mar" | "jan" | "sun"));
        Some(((m, weak), j))
    }

    /// A day number 1–31, with «st», «nd», «rd», «th» glued or not.
    fn day(&self, i: usize) -> Read<u8> {
        let t = self.t.get(i)?;
        let n = t.num?;
        if !(1..=31).contains(&n) || t.text.len() > 2 {
            return None;
        }
        if t.glued && i > 0 && matches!(self.t[i - 1].kind, EKind::Num | EKind::Punct) {
            // «3.5», «1/2», «$5»: part of a figure; a dash only in «5-7».
            if !(self.punct(i - 1, '-') || self.punct(i - 1, '(')) {
                return None;
            }
        }
        let mut j = i + 1;
        if let Some(s) = self.w(j) {
            if matches!(s, "st" | "nd" | "rd" | "th") && self.t[j].glued {
                j += 1;
            }
        }
        Some((n as u8, j))
    }

    /// A four-digit year 1000–2200 not counting something.
    fn year(&self, i: usize) -> Read<i32> {
        let t = self.t.get(i)?;
        if t.text.len() != 4 {
            return None;
        }
        let y = t.num? as i32;
        if !(1000..=2200).contains(&y) {
            return None;
        }
        if t.glued && i > 0 && self.t[i - 1].kind == EKind::Num {
            return None;
        }
        if self.w(i + 1).is_some_and(|w| COUNTED.contains(&w)) || self.punct(i + 1, '%') {
            return None;
        }
        Some((y, i + 1))
    }

    /// «, 2023», «2023» after a month or a day.
    fn year_after(&self, j: usize) -> Read<i32> {
        if self.punct(j, ',') {
            if let Some(r) = self.year(j + 1) {
                return Some(r);
            }
        }
        if self.is(j, "of") {
            if let Some(r) = self.year(j + 1) {
                return Some(r);
            }
        }
        self.year(j)
    }

    /// «last year», «of last year», «this year», «next year» after a month or date.
    fn year_qual(&self, j: usize) -> Read<Qual> {
        let k = if self.is(j, "of") { j + 1 } else { j };
        let q = match self.w(k)? {
            "last" | "past" => Qual::Past,
            "this" => Qual::Current,
            "next" => Qual::Next,
            _ => return None,
        };
        self.is(k + 1, "year").then_some((q, k + 2))
    }

    /// A date with a day and a month: «Sept. 26», «September 26, 2023», «26 September
    /// 2023», «the 26th of September», «Oct. 5-7», «5-7 October», numeric dates.
    fn date_core(&self, i: usize) -> Read<DateParts> {
        if let Some(r) = self.numeric(i) {
            return Some(r);
        }
        let mut parts = DateParts::new(Calendar::Gregorian);
        let j;
        if let Some(((m, _), k)) = self.month(i) {
            // Month first.
            let (d, mut k) = self.day(k)?;
            if self.w(k).is_some_and(|w| COUNTED.contains(&w)) {
                return None;
            }
            parts.month = Some(m);
            parts.day = Some(d);
            if (self.punct(k, '-') || self.punct(k, '–') || self.is(k, "to"))
                && self.num(k + 1).is_some()
            {
                if let Some((d2, k2)) = self.day(k + 1).filter(|(d2, _)| *d2 > d) {
                    if self.t[k + 1].text.len() <= 2 && self.year(k + 1).is_none() {
                        parts.day_to = Some(d2);
                        k = k2;
                    }
                }
            }
            j = k;
        } else {
            // Day first: «26 September», «the 26th of September», «5-7 October».
            let mut k = i;
            if self.is(k, "the") {
                k += 1;
            }
            let (d, word) = if let Some(o) = self.w(k).and_then(ordinal_word) {
                (o, k + 1)
            } else {
                self.day(k)?
            };
            let mut k = word;
            let mut to = None;
            if (self.punct(k, '-') || self.punct(k, '–')) && self.num(k + 1).is_some() {
                if let Some((d2, k2)) = self.day(k + 1).filter(|(d2, _)| *d2 > d) {
                    to = Some(d2);
                    k = k2;
                }
            }
            if self.is(k, "of") {
                k += 1;
            }
            let ((m, _), k2) = self.month(k)?;
            parts.month = Some(m);
            parts.day = Some(d);
            parts.day_to = to;
            j = k2;
        }
        let mut j = j;
        if let Some((y, k)) = self.year_after(j) {
            parts.year = Some(y);
            j = k;
        } else if let Some((q, k)) = self.year_qual(j) {
            parts.year_qual = Some(q);
            j = k;
        }
        Some((parts, j))
    }

    /// «2023-09-26», «26/09/2023», «9/26/2023» (month first when the day cannot be a
    /// month, or when both could: American usage), «26.09.2023».
    fn numeric(&self, i: usize) -> Read<DateParts> {
        let a = self.t.get(i)?;
        a.num?;
        let s1 = self.t.get(i + 1)?;
        let b = self.t.get(i + 2)?;
        let s2 = self.t.get(i + 3)?;
        let c = self.t.get(i + 4)?;
        if s1.kind != EKind::Punct
            || s1.text != s2.text
            || !(s1.glued && b.glued && s2.glued && c.glued)
        {
            return None;
        }
        if !matches!(s1.text, "-" | "/" | ".") {
            return None;
        }
        if a.glued && i > 0 && self.t[i - 1].kind != EKind::Punct {
            return None;
        }
        if self
            .t
            .get(i + 5)
            .is_some_and(|t| t.glued && (t.kind == EKind::Num || matches!(t.text, "/" | "-")))
        {
            return None;
        }
        let (an, bn, cn) = (a.num?, b.num?, c.num?);
        let (y, m, d) = if a.text.len() == 4 && b.text.len() <= 2 && c.text.len() <= 2 {
            (an, bn, cn)
        } else if c.text.len() == 4 && a.text.len() <= 2 && b.text.len() <= 2 && s1.text != "-" {
            if an > 12 || s1.text == "." {
                (cn, bn, an)
            } else {
                (cn, an, bn)
            }
        } else {
            return None;
        };
        if !(1000..=2200).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
            return None;
        }
        let mut p = DateParts::new(Calendar::Gregorian);
        p.year = Some(y as i32);
        p.month = Some(m as u8);
        p.day = Some(d as u8);
        Some((p, i + 5))
    }

    /// «at 3 p.m.», «at 10:30 a.m.», «at 14:00» after a day.
    fn time(&self, i: usize) -> Read<(u8, u8)> {
        let mut j = i;
        if self.punct(j, ',') {
            j += 1;
        }
        if !self.is(j, "at") {
            return None;
        }
        j += 1;
        let h = self.num(j)?;
        j += 1;
        let mut m = 0;
        if self.punct(j, ':') && self.t[j].glued {
            m = self.num(j + 1)?;
            j += 2;
        }
        let mut h = h;
        let ampm = |k: usize| -> Option<(bool, usize)> {
            let w = self.w(k)?;
            match w {
                "am" | "pm" => Some((w == "pm", k + 1)),
                "a" | "p" if self.punct(k + 1, '.') && self.is(k + 2, "m") => {
                    let end = if self.punct(k + 3, '.') { k + 4 } else { k + 3 };
                    Some((w == "p", end))
                }
                _ => None,
            }
        };
        if let Some((pm, k)) = ampm(j) {
            if h > 12 {
                return None;
            }
            if pm && h < 12 {
                h += 12;
            } else if !pm && h == 12 {
                h = 0;
            }
            j = k;
        } else if m == 0 && !self.punct(j - 2, ':') {
            // «at 3» alone is no clock.
            return None;
        }
        (h < 24 && m < 60).then_some(((h as u8, m as u8), j))
    }

    fn weekday(&self, i: usize) -> Option<Weekday> {
        if !self.capital(i) {
            return None;
        }
        weekday_of(self.w(i)?)
    }

    /// Skips «morning», «afternoon», «evening», «night» after a day.
    fn daypart(&self, j: usize) -> usize {
        match self.w(j) {
            Some("morning" | "afternoon" | "evening" | "night") => j + 1,
            _ => j,
        }
    }

    fn at(&self, i: usize) -> Option<Expr> {
        let t = self.t.get(i)?;
        if t.kind == EKind::Break || t.kind == EKind::Punct {
            return None;
        }
        self.range(i)
            .or_else(|| self.nth_weekday(i))
            .or_else(|| self.holiday(i))
            .or_else(|| self.day_expr(i))
            .or_else(|| self.month_expr(i, false))
            .or_else(|| self.relative(i))
            .or_else(|| self.year_expr(i))
    }

    /// Weekdays, «yesterday», a date; each maybe with a time after it.
    fn day_expr(&self, i: usize) -> Option<Expr> {
        let mut e = if let Some(wd) = self.weekday(i) {
            let mut k = i + 1;
            let mut m = k;
            if self.punct(m, ',') {
                m += 1;
            }
            let mut e = if let Some((parts, end)) = self.date_core(m) {
                self.expr(i, end, Anchor::Date(parts))
            } else if self.is(k, "the")
                && self.day(k + 1).is_some()
                && self.month(self.day(k + 1)?.1).is_none()
            {
                // «Friday the 15th»: the 15th of a month the text does not name.
                let (d, end) = self.day(k + 1)?;
                let mut parts = DateParts::new(Calendar::Gregorian);
                parts.day = Some(d);
                self.expr(i, end, Anchor::Date(parts))
            } else {
                let qual = match i.checked_sub(1).and_then(|b| self.w(b)) {
                    Some("last") => Some(Qual::Past),
                    Some("next") => Some(Qual::Next),
                    _ => None,
                };
                k = self.daypart(k);
                let first = if qual.is_some() || self.is(i.wrapping_sub(1), "this") {
                    i - 1
                } else {
                    i
                };
                self.expr(first, k, Anchor::Weekday(qual))
            };
            e.weekday = Some(wd);
            e
        } else if let Some((off, end)) = self.near_day(i) {
            self.expr(i, end, Anchor::Relative(Unit::Day, off))
        } else if let Some((parts, end)) = self.date_core(i) {
            self.expr(i, end, Anchor::Date(parts))
        } else {
            return None;
        };
        if let Some((t, end)) = self.time(e.end) {
            e.time = Some(t);
            e.end = end;
        }
        Some(e)
    }

    /// «yesterday», «today», «tomorrow», «tonight», «last night», «this morning», «the
    /// day before yesterday», «the day after tomorrow».
    fn near_day(&self, i: usize) -> Read<i32> {
        match self.w(i)? {
            "yesterday" => Some((-1, self.daypart(i + 1))),
            "today" | "tonight" => Some((0, i + 1)),
            "tomorrow" => Some((1, self.daypart(i + 1))),
            "last" if self.is(i + 1, "night") => Some((-1, i + 2)),
            "this" if matches!(self.w(i + 1), Some("morning" | "afternoon" | "evening")) => {
                Some((0, i + 2))
            }
            "the"
                if self.is(i + 1, "day")
                    && self.is(i + 2, "before")
                    && self.is(i + 3, "yesterday") =>
            {
                Some((-2, i + 4))
            }
            "the"
                if self.is(i + 1, "day")
                    && self.is(i + 2, "after")
                    && self.is(i + 3, "tomorrow") =>
            {
                Some((2, i + 4))
            }
            _ => None,
        }
    }

    /// «early/mid/late», «the end/beginning/start/middle of» before a period.
    fn part(&self, i: usize) -> Read<Part> {
        let mut k = i;
        if self.is(k, "the") {
            k += 1;
        }
        let p = match self.w(k)? {
            "early" if k == i => Part::Early,
            "mid" if k == i => Part::Middle,
            "late" if k == i => Part::Late,
            "beginning" | "start" => Part::Early,
            "middle" => Part::Middle,
            "end" => Part::Late,
            _ => return None,
        };
        let mut j = k + 1;
        // «mid-July»: the dash is part of the word.
        if k == i && self.punct(j, '-') {
            j += 1;
        }
        if k > i || matches!(self.w(i), Some("beginning" | "start" | "middle" | "end")) {
            if !self.is(j, "of") {
                return None;
            }
            j += 1;
        }
        Some((p, j))
    }

    /// «September», «September 2023», «last September», «early September», «mid-March
    /// 2020», «September last year». `loose`: inside a longer expression.
    fn month_expr(&self, i: usize, loose: bool) -> Option<Expr> {
        let (part, j) = match self.part(i) {
            Some((p, j)) => (Some(p), j),
            None => (None, i),
        };
        let before = i.checked_sub(1).and_then(|b| self.w(b));
        let (qual, j) = match self.w(j) {
            Some("last") if part.is_none() => (Some(Qual::Past), j + 1),
            Some("next") if part.is_none() => (Some(Qual::Next), j + 1),
            Some("this") if part.is_none() => (Some(Qual::Current), j + 1),
            _ => (None, j),
        };
        let ((m, weak), mut k) = self.month(j)?;
        let mut parts = DateParts::new(Calendar::Gregorian);
        parts.month = Some(m);
        parts.qual = qual;
        if let Some((y, e)) = self.year_after(k) {
            parts.year = Some(y);
            k = e;
        } else if let Some((q, e)) = self.year_qual(k) {
            parts.year_qual = Some(q);
            k = e;
        }
        let told = parts.year.is_some() || parts.qual.is_some() || parts.year_qual.is_some();
        let prep = before.is_some_and(|b| TEMPORAL.contains(&b) && b != "and" && b != "or");
        // «in May», «since March»; not «by May» or «to May» (Theresa May).
        let firm = before
            .is_some_and(|b| matches!(b, "in" | "since" | "until" | "till" | "during" | "through"));
        let ok = told || part.is_some() || loose || (prep && !weak) || firm;
        ok.then(|| self.expr(i, k, Anchor::Date(parts)))
    }

    /// «last week», «this month», «next year», «earlier this week», «the end of the
    /// month», «three days ago», «the past two weeks», «the next three days».
    fn relative(&self, i: usize) -> Option<Expr> {
        // «three days ago», «a week ago».
        if let Some((n, unit, k)) = self.count(i) {
            if self.is(k, "ago") {
                return Some(self.expr(i, k + 1, Anchor::Ago(unit, n)));
            }
        }
        // «(will meet) in two weeks»: only in a clause that speaks of the future.
        if self.is(i, "in") {
            if let Some((n, unit, k)) = self.count(i + 1) {
                let e = self.expr(i, k, Anchor::Ago(unit, -n));
                if !self.is(k, "of") && self.future(&e) {
                    return Some(e);
                }
            }
        }
        let (part, j) = match self.part(i) {
            Some((p, j)) => (Some(p), j),
            None => (None, i),
        };
        let mut j = j;
        let mut first = i;
        if part.is_none()
            && matches!(self.w(j), Some("earlier" | "later"))
            && self.is(j + 1, "this")
        {
            j += 1;
        }
        if self.is(j, "the") && part.is_none() {
            // «the past two weeks», «the next three days», «the past week».
            if matches!(self.w(j + 1), Some("past" | "last" | "next" | "coming")) {
                let dir = if matches!(self.w(j + 1), Some("next" | "coming")) {
                    1
                } else {
                    -1
                };
                if let Some((n, unit, k)) = self.count(j + 2) {
                    return Some(self.expr(j, k, Anchor::Period(unit, dir * n)));
                }
                if let Some((unit, false)) = self.w(j + 2).and_then(unit_of) {
                    return Some(self.expr(j, j + 3, Anchor::Period(unit, dir)));
                }
                return None;
            }
            return None;
        }
        // «the end of the month», «the beginning of the year»: the current one.
        if part.is_some() && self.is(j, "the") {
            return match self.w(j + 1).and_then(unit_of) {
                Some((unit, false)) if unit != Unit::Day => {
                    Some(self.expr(i, j + 2, Anchor::Relative(unit, 0)))
                }
                _ => None,
            };
        }
        let off = match self.w(j)? {
            "last" => -1,
            "this" | "current" => 0,
            "next" | "coming" => 1,
            "past" => {
                // «(over) past two weeks».
                if let Some((n, unit, k)) = self.count(j + 1) {
                    return Some(self.expr(j, k, Anchor::Period(unit, -n)));
                }
                -1
            }
            _ => return None,
        };
        if let Some((n, unit, k)) = self.count(j + 1).filter(|(n, ..)| *n > 1) {
            // «last two weeks», «next three days».
            let dir = if off > 0 { 1 } else { -1 };
            return Some(self.expr(j, k, Anchor::Period(unit, dir * n)));
        }
        let (unit, plural) = self.w(j + 1).and_then(unit_of)?;
        if plural || unit == Unit::Day {
            return None;
        }
        if part.is_none() && matches!(self.w(i), Some("earlier" | "later")) {
            first = i;
        }
        Some(self.expr(first, j + 2, Anchor::Relative(unit, off)))
    }

    /// «three days», «two weeks», «a week», «10 years», «24 days».
    fn count(&self, i: usize) -> Option<(i32, Unit, usize)> {
        let n = if let Some(n) = self.num(i) {
            if self.t[i].text.len() > 3 {
                return None;
            }
            n as i32
        } else {
            cardinal_word(self.w(i)?)?
        };
        let (unit, plural) = self.w(i + 1).and_then(unit_of)?;
        ((n == 1) != plural).then_some((n, unit, i + 2))
    }

    /// «in 2019», «since 2019», «early 2020», «mid-2020», «the end of 2019», «2019-2021»,
    /// «from 2019 to 2021», «between 2019 and 2021».
    fn year_expr(&self, i: usize) -> Option<Expr> {
        let (part, j) = match self.part(i) {
            Some((p, j)) => (Some(p), j),
            None => (None, i),
        };
        let (y, k) = self.year(j)?;
        // «2019-2021», «2019 to 2021».
        if (self.punct(k, '-') || self.punct(k, '–') || self.is(k, "to"))
            && self.year(k + 1).is_some()
        {
            let (to, end) = self.year(k + 1)?;
            if to > y && to - y < 200 {
                return Some(self.expr(
                    j,
                    end,
                    Anchor::Years {
                        from: y,
                        to,
                        calendar: Calendar::Gregorian,
                    },
                ));
            }
        }
        let before = i.checked_sub(1).and_then(|b| self.w(b));
        let prep = before.is_some_and(|b| {
            TEMPORAL.contains(&b) && b != "and" && b != "or" && b != "of" && b != "for"
        });
        if part.is_none() && !prep && !self.is(i.wrapping_sub(1), "year") {
            return None;
        }
        let mut p = DateParts::new(Calendar::Gregorian);
        p.year = Some(y);
        Some(self.expr(i, k, Anchor::Date(p)))
    }

    /// «between 2019 and 2021», «from 2019 to 2021», «between Oct. 5 and 7», «from Oct.
    /// 5 to Nov. 7».
    fn range(&self, i: usize) -> Option<Expr> {
        let (join, _) = match self.w(i)? {
            "between" => ("and", ()),
            "from" => ("to", ()),
            _ => return None,
        };
        if let Some((y, k)) = self.year(i + 1) {
            if (self.is(k, join) || self.punct(k, '-')) && self.year(k + 1).is_some() {
                let (to, end) = self.year(k + 1)?;
                return (to > y && to - y < 200).then(|| {
                    self.expr(
                        i,
                        end,
                        Anchor::Years {
                            from: y,
                            to,
                            calendar: Calendar::Gregorian,
                        },
                    )
                });
            }
        }
        let a = self
            .day_expr(i + 1)
            .or_else(|| self.month_expr(i + 1, true))?;
        let k = a.end;
        if !(self.is(k, join) || self.is(k, "through") || self.is(k, "until")) {
            return None;
        }
        // «between Oct. 5 and 7»: the second end borrows the month.
        if let (Anchor::Date(pa), Some((d2, end))) = (&a.anchor, self.day(k + 1)) {
            if pa.day.is_some_and(|d| d < d2) && self.month(end).is_none() && !self.punct(end, '/')
            {
                let mut p = *pa;
                p.day_to = Some(d2);
                let mut end = end;
                if p.year.is_none() {
                    if let Some((y, e)) = self.year_after(end) {
                        p.year = Some(y);
                        end = e;
                    }
                }
                return Some(self.expr(i, end, Anchor::Date(p)));
            }
        }
        let b = self
            .day_expr(k + 1)
            .or_else(|| self.month_expr(k + 1, true))?;
        Some(self.expr(i, b.end, Anchor::Span(Box::new(a), Box::new(b))))
    }

    /// «the fourth Thursday of November», «the first Monday in March 2024», «the last
    /// Friday of Ramadan».
    fn nth_weekday(&self, i: usize) -> Option<Expr> {
        let mut k = i;
        if self.is(k, "the") {
            k += 1;
        }
        let n: i8 = match self.w(k)? {
            "last" => -1,
            w => ordinal_word(w).filter(|n| *n <= 5)? as i8,
        };
        let wd = self.weekday(k + 1)?;
        if !(self.is(k + 2, "of") || self.is(k + 2, "in")) {
            return None;
        }
        let inner = self.period(k + 3)?;
        let mut e = self.expr(i, inner.end, Anchor::NthWeekday(Box::new(inner), n, wd));
        e.weekday = Some(wd);
        Some(e)
    }

    /// A period to count in: a month, «Ramadan», «this month», «next month», a year.
    fn period(&self, j: usize) -> Option<Expr> {
        if self.is(j, "the") {
            if let Some((unit @ (Unit::Month | Unit::Year | Unit::Week), false)) =
                self.w(j + 1).and_then(unit_of)
            {
                return Some(self.expr(j, j + 2, Anchor::Relative(unit, 0)));
            }
        }
        self.month_expr(j, true)
            .or_else(|| self.holiday(j))
            .or_else(|| self.relative(j))
            .or_else(|| {
                let (y, k) = self.year(j)?;
                let mut p = DateParts::new(Calendar::Gregorian);
                p.year = Some(y);
                Some(self.expr(j, k, Anchor::Date(p)))
            })
    }

    /// Feasts: «Christmas (Day|Eve)», «New Year's (Day|Eve)», «Eid al-Fitr», «Eid
    /// al-Adha», «Ramadan», «Thanksgiving», «Valentine's Day», maybe with a year or
    /// «last»/«next» before.
    fn holiday(&self, i: usize) -> Option<Expr> {
        let (qual, j) = match self.w(i)? {
            "last" => (Some(Qual::Past), i + 1),
            "next" => (Some(Qual::Next), i + 1),
            "this" => (Some(Qual::Current), i + 1),
            _ => (None, i),
        };
        if !self.capital(j) {
            return None;
        }
        let w = self.w(j)?;
        let mut eve = false;
        let (cal, month, day, mut k, ramadan, thanksgiving) = match w {
            "christmas" => {
                let mut k = j + 1;
                if self.is(k, "day") {
                    k += 1;
                } else if self.is(k, "eve") {
                    eve = true;
                    k += 1;
                }
                (Calendar::Gregorian, 12, 25, k, false, false)
            }
            "new" if matches!(self.w(j + 1), Some("year's" | "year")) => {
                let mut k = j + 2;
                if self.is(k, "day") {
                    k += 1;
                } else if self.is(k, "eve") {
                    eve = true;
                    k += 1;
                }
                (Calendar::Gregorian, 1, 1, k, false, false)
            }
            "valentine's" if self.is(j + 1, "day") => {
                (Calendar::Gregorian, 2, 14, j + 2, false, false)
            }
            "thanksgiving" => (Calendar::Gregorian, 11, 1, j + 1, false, true),
            "ramadan" => (Calendar::Hijri, 9, 1, j + 1, true, false),
            "eid" => {
                // «Eid al-Fitr», «Eid al Fitr», «Eid-al-Adha».
                let mut k = j + 1;
                if self.punct(k, '-') {
                    k += 1;
                }
                if self.is(k, "al") || self.is(k, "ul") || self.is(k, "el") {
                    k += 1;
                    if self.punct(k, '-') {
                        k += 1;
                    }
                }
                match self.w(k)? {
                    "fitr" => (Calendar::Hijri, 10, 1, k + 1, false, false),
                    "adha" => (Calendar::Hijri, 12, 10, k + 1, false, false),
                    _ => return None,
                }
            }
            _ => return None,
        };
        // «New Year» after a year number is a holiday only with a qualifier or «'s».
        if month == 1
            && day == 1
            && self.is(j + 1, "year")
            && !eve
            && qual.is_none()
            && self.year_after(k).is_none()
        {
            return None;
        }
        let mut p = DateParts::new(cal);
        p.month = Some(month);
        if !ramadan && !thanksgiving {
            p.day = Some(day);
        }
        p.qual = qual;
        if let Some((y, e)) = self.year_after(k) {
            if cal == Calendar::Hijri {
                p.greg_year = Some(y);
            } else {
                p.year = Some(y);
            }
            k = e;
        }
        let inner = self.expr(i, k, Anchor::Date(p));
        if thanksgiving {
            return Some(self.expr(
                i,
                k,
                Anchor::NthWeekday(Box::new(inner), 4, Weekday::Thursday),
            ));
        }
        if eve {
            return Some(self.expr(i, k, Anchor::Within(Box::new(inner), Pick::FromStart(-1))));
        }
        Some(inner)
    }

    /// Whether the clause before `e` speaks of the future («will meet on Tuesday»).
    fn future(&self, e: &Expr) -> bool {
        let mut k = e.first;
        let mut seen = 0;
        while k > 0 && seen < 8 {
            k -= 1;
            let t = &self.t[k];
            match t.kind {
                EKind::Break => break,
                EKind::Punct if matches!(t.text, "." | "!" | "?" | ";") => break,
                EKind::Word => {
                    seen += 1;
                    if FUTURE.contains(&t.lower.as_str()) || t.lower.ends_with("'ll") {
                        return true;
                    }
                }
                _ => {}
            }
        }
        false
    }
}

/// The English expressions of `toks`, in order, none overlapping.
pub(crate) fn parse(toks: &[ETok<'_>]) -> Vec<Expr> {
    let p = P { t: toks };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match p.at(i) {
            Some(mut e) => {
                e.future = p.future(&e);
                i = e.end.max(i + 1);
                out.push(e);
            }
            None => i += 1,
        }
    }
    out
}

/// For each expression, the year it shares with the next when joined by «and», a comma or
/// «to» and only the next has one: «Jan. 11 and Jan. 26, 2021».
pub(crate) fn coordinated_years(exprs: &[Expr], toks: &[ETok<'_>]) -> Vec<Option<i32>> {
    let mut out = vec![None; exprs.len()];
    for k in (0..exprs.len().saturating_sub(1)).rev() {
        let (a, b) = (&exprs[k], &exprs[k + 1]);
        let (Anchor::Date(pa), Anchor::Date(pb)) = (&a.anchor, &b.anchor) else {
            continue;
        };
        if pa.year.is_some() || pa.month.is_none() || pb.month.is_none() {
            continue;
        }
        let gap = &toks[a.end..b.first];
        let joined = gap.len() <= 2
            && gap
                .iter()
                .all(|t| matches!(t.lower.as_str(), "and" | "to" | "or" | "," | "-" | "–"));
        let year_b = pb.year.or(out[k + 1]);
        if let (true, Some(yb), Some(ma), Some(mb)) = (joined, year_b, pa.month, pb.month) {
            out[k] = Some(if ma > mb { yb - 1 } else { yb });
        }
    }
    out
}
