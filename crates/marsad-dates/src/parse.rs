//! Recognition: tokens → date expressions with their parts, not yet placed in time.
//!
//! The scan goes left to right. At each token it tries the patterns below, longest
//! first, and on a match jumps past it, so a token belongs to at most one expression and
//! the work per token is bounded by the longest pattern (about fifteen tokens). Each
//! pattern is a small function that returns the parts it read and where it stopped:
//!
//! | pattern | reads |
//! | --- | --- |
//! | [`Parser::range_prefix`] | «بين عامي 2020 و2022», «من 10 إلى 12 سبتمبر» |
//! | [`Parser::time_first`] | «الساعة 23:50 من مساء يوم الأحد» |
//! | [`Parser::day_expr`] | weekdays, «أمس», «اليوم السبت», a day-month-year, each with a time after it |
//! | [`Parser::month_expr`] | «أواخر يونيو/ حزيران الماضي», «شهر رمضان 1445» |
//! | [`Parser::relative`] | «الشهر الماضي», «مطلع العام المقبل», «في اليوم التالي» |
//! | [`Parser::year_expr`] | «عام 2006», «في 2009», «(1988ـ 1994)», «1445 هـ» |
//!
//! What a pattern may not do is as important: a number is a day only before a month
//! name, a year only after «عام», a preposition, or with an era mark, so counts, scores,
//! sums of money and phone numbers never start an expression.

use jiff::civil::Weekday;

use crate::families::{Calendar, Month, Strength};
use crate::lexicon::{is_counted_noun, is_future_cue, Daypart, Lex, Prep, Qual, Unit};
use crate::tokens::{month_at, Kind, Tok};

/// A recognized expression.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Expr {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub end: usize,
    /// What places it in time.
    pub anchor: Anchor,
    /// A weekday written beside it.
    pub weekday: Option<Weekday>,
    /// A time of day, 24-hour.
    pub time: Option<(u8, u8)>,
    /// Whether the clause speaks of the future (سيعقد، المقرر).
    pub future: bool,
}

/// What an expression says about its place in time.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Anchor {
    /// A calendar date at some precision; what it lacks comes from the publication date.
    Date(DateParts),
    /// An offset from the publication date: أمس is (Day, -1), الشهر الماضي (Month, -1).
    Relative(Unit, i32),
    /// An offset in days from the last day named before it: «في اليوم التالي».
    Discourse(i32),
    /// A weekday alone, maybe with «الماضي» or «المقبل».
    Weekday(Option<Qual>),
    /// A range of years.
    Years {
        /// First year.
        from: i32,
        /// Last year.
        to: i32,
        /// Gregorian or Hijri.
        calendar: Calendar,
    },
    /// A time of day with no day beside it.
    TimeOnly,
}

/// The fields of a calendar date as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DateParts {
    /// Gregorian or Hijri.
    pub calendar: Calendar,
    /// The year, when written.
    pub year: Option<i32>,
    /// The month, when written (None: a year alone).
    pub month: Option<u8>,
    /// The day, when written.
    pub day: Option<u8>,
    /// The last day of a range inside one month («من 10 إلى 12 سبتمبر»).
    pub day_to: Option<u8>,
    /// «الجاري», «الماضي», «المقبل» after the month.
    pub qual: Option<Qual>,
    /// «من العام الماضي» after the month: a qualifier of the year.
    pub year_qual: Option<Qual>,
    /// «من الشهر الماضي» in place of a month name: months from the publication month.
    pub month_rel: Option<i32>,
}

impl DateParts {
    fn new(calendar: Calendar) -> DateParts {
        DateParts {
            calendar,
            year: None,
            month: None,
            day: None,
            day_to: None,
            qual: None,
            year_qual: None,
            month_rel: None,
        }
    }
}

/// Finds every expression in `toks`, in order, none overlapping.
pub(crate) fn parse(toks: &[Tok<'_>]) -> Vec<Expr> {
    let p = Parser { toks };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match p.at(i) {
            Some(mut e) => {
                e.future = p.future_cue(&e);
                i = e.end.max(i + 1);
                out.push(e);
            }
            None => i += 1,
        }
    }
    out
}

/// Words after «الاثنين» that make it «the two» (folded).
const THE_TWO_AFTER: &[&str] = &["الاخرين", "الاخران", "كليهما", "معا", "الباقيين"];

/// «نفسه», «ذاته» after a period: the same one as named before (folded).
const SAME: &[&str] = &["نفسه", "ذاته", "نفسها", "ذاتها"];

/// Outlets whose name ends in «اليوم»: «روسيا اليوم» is a channel, not today.
const OUTLETS_BEFORE_TODAY: &[&str] = &["روسيا", "المصري", "فلسطين", "اخبار", "السودان"];

struct Parser<'a, 't> {
    toks: &'a [Tok<'t>],
}

/// Where a sub-pattern stopped and what it read.
type Read<T> = Option<(T, usize)>;

impl Parser<'_, '_> {
    fn tok(&self, i: usize) -> Option<&Tok<'_>> {
        self.toks.get(i)
    }

    fn lex(&self, i: usize) -> Option<Lex> {
        self.toks.get(i).and_then(|t| t.lex)
    }

    fn word(&self, i: usize) -> Option<&str> {
        self.toks
            .get(i)
            .filter(|t| t.kind == Kind::Word)
            .map(|t| t.text)
    }

    fn num(&self, i: usize) -> Option<u32> {
        self.toks.get(i).and_then(|t| t.num)
    }

    fn punct(&self, i: usize, c: char) -> bool {
        self.toks.get(i).is_some_and(|t| t.is(c))
    }

    fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.glued)
    }

    fn is_prep(&self, i: usize, which: Prep) -> bool {
        self.lex(i) == Some(Lex::Prep(which))
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

    /// The first pattern that matches at `i`.
    fn at(&self, i: usize) -> Option<Expr> {
        let t = self.tok(i)?;
        // Most tokens can start nothing: skip them cheaply.
        if t.kind == Kind::Word && t.lex.is_none() && !t.month_start {
            return None;
        }
        if matches!(t.kind, Kind::Break) {
            return None;
        }
        self.range_prefix(i)
            .or_else(|| self.time_first(i))
            .or_else(|| self.day_expr(i))
            .or_else(|| self.month_expr(i))
            .or_else(|| self.relative(i))
            .or_else(|| self.year_expr(i))
    }

    // ---- pieces -------------------------------------------------------------------

    /// A day of the month: a number 1–31, an ordinal phrase followed by «من»
    /// («السادس من», «الحادي والعشرين من»), or «أول» («أول يناير»).
    fn day(&self, i: usize) -> Read<u8> {
        let t = self.tok(i)?;
        if let Some(n) = t.num {
            // Part of a longer figure («3.5», «1/2», «+3») is not a day.
            let before = i.checked_sub(1).and_then(|b| self.tok(b));
            let glued_to_figure = t.glued
                && before
                    .is_some_and(|b| b.kind == Kind::Num || (b.kind == Kind::Punct && !b.is('(')));
            if (1..=31).contains(&n) && t.text.len() <= 2 && !glued_to_figure {
                return Some((n as u8, i + 1));
            }
            return None;
        }
        match t.lex? {
            Lex::First => Some((1, i + 1)),
            // «الأسبوع الأول من سبتمبر», «العام الثاني من ولايته»: the ordinal counts
            // weeks or years, not days.
            Lex::Ordinal(_) | Lex::Tens(_)
                if i.checked_sub(1).is_some_and(|b| {
                    matches!(
                        self.lex(b),
                        Some(Lex::Unit(Unit::Week | Unit::Month | Unit::Year, _))
                    )
                }) =>
            {
                None
            }
            Lex::Ordinal(n) => {
                let (day, j) = match self.lex(i + 1) {
                    Some(Lex::Teen) => (n + 10, i + 2),
                    Some(Lex::Tens(tens)) if self.word(i + 1)?.starts_with('و') => {
                        (n + tens, i + 2)
                    }
                    _ if n == 1 && self.word(i)? == "الحادي" => return None,
                    _ => (n, i + 1),
                };
                self.is_prep(j, Prep::From).then_some((day, j + 1))
            }
            Lex::Tens(tens) => self.is_prep(i + 1, Prep::From).then_some((tens, i + 2)),
            _ => None,
        }
    }

    /// A month name, alone or paired with its twin from another family: «سبتمبر/ أيلول»,
    /// «تشرين الثاني (نوفمبر)». Returns the month and whether it was paired.
    fn month_pair(&self, i: usize) -> Read<(Month, bool)> {
        let m = month_at(self.toks, i)?;
        let j = i + m.words;
        // «ديسمبر كانون الأول 2019»: twins side by side, without a mark between.
        if let Some(m2) = month_at(self.toks, j) {
            if m2.month == m.month && m2.calendar == m.calendar {
                return Some(((m, true), j + m2.words));
            }
        }
        let sep = self
            .tok(j)
            .filter(|t| t.is('/') || t.is('(') || t.is('-') || t.is('،'));
        if let Some(sep) = sep {
            if let Some(m2) = month_at(self.toks, j + 1) {
                if m2.month == m.month && m2.calendar == m.calendar {
                    let k = j + 1 + m2.words;
                    if sep.is('(') {
                        if self.punct(k, ')') {
                            return Some(((m, true), k + 1));
                        }
                    } else {
                        return Some(((m, true), k));
                    }
                }
            }
        }
        Some(((m, false), j))
    }

    /// A four-digit year at `i` plausible in `calendar`, not a count («2000 جندي») and
    /// not part of a longer figure; with an era mark after it when there is one.
    fn year(&self, i: usize, calendar: Option<Calendar>) -> Read<(i32, Calendar)> {
        let t = self.tok(i)?;
        let n = t.num? as i32;
        if t.text.len() != 4 {
            return None;
        }
        if t.glued {
            let b = self.tok(i.checked_sub(1)?)?;
            if b.kind == Kind::Num
                || b.is('/')
                || b.is('.')
                || b.is(':')
                || b.is('+')
                || (b.is('-') && self.tok(i.checked_sub(2)?).is_none_or(|t| t.num.is_none()))
            {
                return None;
            }
        }
        // Part of a longer figure: «2024.5», «2024-08-19» (a date, read elsewhere);
        // «2011-2013» is a range and stays.
        if let Some(a) = self.tok(i + 1) {
            if a.is('%') {
                return None;
            }
            if let Some(b) = self
                .tok(i + 2)
                .filter(|b| a.glued && b.glued && b.kind == Kind::Num)
            {
                let range = (a.is('-') || a.is('/')) && b.text.len() == 4;
                if a.kind == Kind::Punct && !range {
                    return None;
                }
            }
        }
        let mut j = i + 1;
        let era = match self.lex(j) {
            Some(Lex::EraHijri) => Some(Calendar::Hijri),
            Some(Lex::EraGregorian) => Some(Calendar::Gregorian),
            _ => None,
        };
        if era.is_some() {
            j += 1;
            // «هـ.» and «م.»: the abbreviation's dot is part of the mark.
            if self.punct(j, '.')
                && self.tok(j).is_some_and(|t| t.glued)
                && self.num(j + 1).is_none()
            {
                j += 1;
            }
        } else if self.word(j).is_some_and(is_counted_noun) {
            return None;
        }
        let calendar = era.or(calendar).unwrap_or(Calendar::Gregorian);
        let plausible = match calendar {
            Calendar::Gregorian => (1000..=2200).contains(&n),
            Calendar::Hijri => (1..=1700).contains(&n),
        };
        plausible.then_some(((n, calendar), j))
    }

    /// A qualifier after a month: «الجاري», «الماضي», «المقبل», or «من العام الماضي»,
    /// «من هذا العام». Returns (month qualifier, year qualifier).
    fn month_qual(&self, i: usize) -> Read<(Option<Qual>, Option<Qual>)> {
        match self.lex(i) {
            Some(Lex::Qual(q @ (Qual::Current | Qual::Past | Qual::Next | Qual::Preceding))) => {
                let q = if q == Qual::Preceding { Qual::Past } else { q };
                Some(((Some(q), None), i + 1))
            }
            Some(Lex::Prep(Prep::From)) => match (self.lex(i + 1), self.lex(i + 2)) {
                (Some(Lex::Unit(Unit::Year, true)), Some(Lex::Qual(q))) => {
                    let q = match q {
                        Qual::Preceding => Qual::Past,
                        Qual::Following => return None,
                        q => q,
                    };
                    Some(((None, Some(q)), i + 3))
                }
                (Some(Lex::This), Some(Lex::Unit(Unit::Year, _))) => {
                    Some(((None, Some(Qual::Current)), i + 3))
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// A time of day: «23:50», «8» or «الثامنة والنصف», then «مساء» or «صباحا».
    /// Returns (hour, minute) on a 24-hour clock.
    fn clock(&self, i: usize, daypart: Option<Daypart>) -> Read<(u8, u8)> {
        let (mut h, mut m, mut j) = if let Some(h) = self.num(i) {
            if self.punct(i + 1, ':') && self.glued(i + 1) && self.glued(i + 2) {
                let m = self.num(i + 2)?;
                if self.tok(i + 2)?.text.len() != 2 {
                    return None;
                }
                (h, m, i + 3)
            } else {
                (h, 0, i + 1)
            }
        } else if let Some(Lex::HourWord(h)) = self.lex(i) {
            // «الحادية عشرة» is 11, «الثانية عشرة» 12; «الحادية» alone is no hour.
            let teen = self.word(i + 1) == Some("عشره");
            let (h, mut j) = match (h, teen) {
                (11, true) => (11, i + 2),
                (2, true) => (12, i + 2),
                (11, false) => return None,
                (_, true) => return None,
                (h, false) => (h, i + 1),
            };
            let mut m = 0;
            if let Some(Lex::Fraction(f)) = self.lex(j) {
                m = f;
                j += 1;
            }
            (u32::from(h), u32::from(m), j)
        } else {
            return None;
        };
        if h > 24 || m > 59 {
            return None;
        }
        let mut part = daypart;
        if let Some(Lex::Daypart(d)) = self.lex(j) {
            part = Some(d);
            j += 1;
        }
        if let Some(d) = part {
            h = u32::from(shift(h as u8, d));
        }
        if h == 24 {
            if m != 0 {
                return None;
            }
            h = 0;
        }
        m = m.min(59);
        Some(((h as u8, m as u8), j))
    }

    /// «الساعة 23:50» after a day: optional comma, «في» or «عند», then the hour.
    fn time_suffix(&self, i: usize, daypart: Option<Daypart>) -> Read<(u8, u8)> {
        let mut j = i;
        if self.punct(j, '،') || self.punct(j, ',') {
            j += 1;
        }
        if matches!(self.lex(j), Some(Lex::Prep(Prep::Temporal))) {
            j += 1;
        }
        if self.lex(j) == Some(Lex::Hour) {
            return self.clock(j + 1, daypart);
        }
        None
    }

    // ---- patterns -----------------------------------------------------------------

    /// «بين عامي 2020 و2022», «من 2020 إلى 2022», «بين 10 و12 سبتمبر».
    fn range_prefix(&self, i: usize) -> Option<Expr> {
        if !(self.is_prep(i, Prep::Between) || self.is_prep(i, Prep::From)) {
            return None;
        }
        if let Some(e) = self.year_range(i + 1) {
            return Some(Expr { first: i, ..e });
        }
        let (parts, end) = self.date_core(i + 1)?;
        parts.day_to?;
        Some(self.expr(i, end, Anchor::Date(parts)))
    }

    /// Two years joined by و، إلى، حتى، a dash or a slash, after «عامي» or «عام».
    fn year_range(&self, i: usize) -> Option<Expr> {
        let mut j = i;
        let dual = matches!(self.lex(j), Some(Lex::YearsDual));
        if dual || matches!(self.lex(j), Some(Lex::Unit(Unit::Year, _))) {
            j += 1;
        }
        let ((from, cal), k) = self.year(j, None)?;
        let mut k = k;
        let joined = match self.tok(k) {
            Some(t) if t.lex == Some(Lex::And) => true,
            Some(t) if t.lex == Some(Lex::To) => true,
            Some(t) if t.is('-') || t.is('/') || t.is('–') => true,
            _ => false,
        };
        if !joined {
            return None;
        }
        k += 1;
        if matches!(self.lex(k), Some(Lex::Unit(Unit::Year, _))) {
            k += 1;
        }
        let ((to, _), end) = self.year(k, Some(cal))?;
        (to > from && to - from < 200).then(|| {
            self.expr(
                i,
                end,
                Anchor::Years {
                    from,
                    to,
                    calendar: cal,
                },
            )
        })
    }

    /// A date with at least a day and a month, or a numeric date.
    fn date_core(&self, i: usize) -> Read<DateParts> {
        if let Some(r) = self.numeric(i) {
            return Some(r);
        }
        let (day, mut j) = self.day(i)?;
        let mut day_to = None;
        // «10-12 سبتمبر», «10 و12 سبتمبر», «10 إلى 12 سبتمبر».
        let link = self
            .tok(j)
            .is_some_and(|t| t.is('-') || matches!(t.lex, Some(Lex::And | Lex::To)));
        if link && self.tok(i).is_some_and(|t| t.num.is_some()) {
            let d2 = self
                .tok(j + 1)
                .filter(|t| t.text.len() <= 2)
                .and_then(|t| t.num);
            if let Some(d2) = d2.filter(|d| (1..=31).contains(d) && *d as u8 > day) {
                if self.month_ahead(j + 2) {
                    day_to = Some(d2 as u8);
                    j += 2;
                }
            }
        }
        if self.is_prep(j, Prep::From) && self.tok(i).is_some_and(|t| t.num.is_some()) {
            j += 1;
        }
        let shahr = matches!(self.lex(j), Some(Lex::Unit(Unit::Month, false)));
        if shahr {
            j += 1;
        }
        // «العاشر من الشهر الجاري», «5 من الشهر الماضي», «الأول من هذا الشهر».
        if !shahr && self.is_prep(j - 1, Prep::From) {
            let (this, k) = match self.lex(j) {
                Some(Lex::This) => (true, j + 1),
                _ => (false, j),
            };
            if self.lex(k) == Some(Lex::Unit(Unit::Month, true)) {
                let rel = match self.lex(k + 1) {
                    Some(Lex::Qual(Qual::Current)) => Some((0, k + 2)),
                    Some(Lex::Qual(Qual::Past | Qual::Preceding)) => Some((-1, k + 2)),
                    Some(Lex::Qual(Qual::Next)) => Some((1, k + 2)),
                    _ if this => Some((0, k + 1)),
                    _ => None,
                };
                let (rel, end) = rel?;
                let mut parts = DateParts::new(Calendar::Gregorian);
                parts.day = Some(day);
                parts.day_to = day_to;
                parts.month_rel = Some(rel);
                return Some((parts, end));
            }
        }
        let ((m, _paired), mut j) = self.month_pair(j)?;
        let mut parts = DateParts::new(m.calendar);
        parts.month = Some(m.month);
        parts.day = Some(day);
        parts.day_to = day_to;
        if let Some(((y, cal), k)) = self.year(j, Some(m.calendar)) {
            if cal == m.calendar {
                parts.year = Some(y);
                j = k;
            }
        }
        if m.strength == Strength::Guarded && parts.year.is_none() && !shahr {
            return None;
        }
        if let Some(((q, yq), k)) = self.month_qual(j) {
            parts.qual = q;
            parts.year_qual = yq;
            j = k;
        }
        Some((parts, j))
    }

    /// Whether a month name starts at `i`, maybe after «من» or «شهر».
    fn month_ahead(&self, mut i: usize) -> bool {
        if self.is_prep(i, Prep::From) {
            i += 1;
        }
        if matches!(self.lex(i), Some(Lex::Unit(Unit::Month, false))) {
            i += 1;
        }
        month_at(self.toks, i).is_some()
    }

    /// 19.08.2024, 19/8/2024, 2024-08-19: day first unless the year leads.
    fn numeric(&self, i: usize) -> Read<DateParts> {
        let a = self.tok(i)?;
        a.num?;
        let sep = self.tok(i + 1)?;
        if !(sep.is('/') || sep.is('.') || sep.is('-')) || !sep.glued {
            return None;
        }
        let b = self.tok(i + 2)?;
        let sep2 = self.tok(i + 3)?;
        let c = self.tok(i + 4)?;
        if !(b.glued && sep2.glued && c.glued && sep2.text == sep.text) {
            return None;
        }
        let (bn, cn) = (b.num?, c.num?);
        // Inside a longer string of figures (an id, a phone number, a URL path).
        if a.glued {
            let before = self.tok(i - 1)?;
            let clitic = before.kind == Kind::Word && before.lex == Some(Lex::And);
            let opening =
                before.kind == Kind::Punct && !(before.is('/') || before.is('-') || before.is('.'));
            if !clitic && !opening {
                return None;
            }
        }
        if let Some(after) = self.tok(i + 5) {
            if after.glued && (after.kind != Kind::Word || after.lex != Some(Lex::EraGregorian)) {
                let closes = after.kind == Kind::Punct
                    && !(after.is('/')
                        || after.is('-')
                        || after.is('.') && self.num(i + 6).is_some());
                if !closes {
                    return None;
                }
            }
        }
        let (y, m, d) = if a.text.len() == 4 && b.text.len() <= 2 && c.text.len() <= 2 {
            (a.num?, bn, cn)
        } else if c.text.len() == 4 && a.text.len() <= 2 && b.text.len() <= 2 {
            (cn, bn, a.num?)
        } else {
            return None;
        };
        if !(1000..=2200).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
            return None;
        }
        let mut j = i + 5;
        if self.lex(j) == Some(Lex::EraGregorian) {
            j += 1;
        }
        let mut parts = DateParts::new(Calendar::Gregorian);
        parts.year = Some(y as i32);
        parts.month = Some(m as u8);
        parts.day = Some(d as u8);
        Some((parts, j))
    }

    /// Weekdays, «أمس», «اليوم», a day-month-year, each maybe with «يوم», «مساء»,
    /// «صباح» before and a time after.
    fn day_expr(&self, i: usize) -> Option<Expr> {
        let mut j = i;
        let mut daypart = None;
        if let Some(Lex::Daypart(d)) = self.lex(j) {
            daypart = Some(d);
            j += 1;
        }
        let mut today = false;
        match self.lex(j) {
            Some(Lex::Unit(Unit::Day, false)) => j += 1,
            Some(Lex::Unit(Unit::Day, true)) => {
                today = true;
                j += 1;
            }
            _ => {}
        }
        // «بعد غد».
        if j == i && self.word(i) == Some("بعد") && self.lex(i + 1) == Some(Lex::Morrow) {
            let mut e = self.expr(i, i + 2, Anchor::Relative(Unit::Day, 2));
            self.with_time(&mut e, daypart);
            return Some(e);
        }
        let mut e = if let Some(Lex::Weekday(wd)) = self.lex(j) {
            // «بين الاثنين», «الاثنين الآخرين»: «the two», not Monday.
            if wd == Weekday::Monday
                && ((j == i && self.before_is(i, &["بين", "كلا", "هذين", "هاذين"]))
                    || self.word(j + 1).is_some_and(|w| THE_TWO_AFTER.contains(&w)))
            {
                return None;
            }
            let mut k = j + 1;
            let mut qual = None;
            if let Some(Lex::Qual(q @ (Qual::Past | Qual::Next | Qual::Preceding))) = self.lex(k) {
                qual = Some(if q == Qual::Preceding { Qual::Past } else { q });
                k += 1;
            }
            // «الاثنين 8 أغسطس», «الاثنين، 8 أغسطس», «الاثنين (8 أغسطس)», «الاثنين الموافق …».
            let mut m = k;
            if qual.is_none() && (self.punct(m, '،') || self.punct(m, ',') || self.punct(m, '(')) {
                m += 1;
            }
            if self.lex(m) == Some(Lex::Corresponding) {
                m += 1;
            }
            let mut e = match (qual, self.date_core(m)) {
                (None, Some((parts, end))) => {
                    let end = if self.punct(end, ')') && self.punct(k, '(') {
                        end + 1
                    } else {
                        end
                    };
                    self.expr(i, end, Anchor::Date(parts))
                }
                _ if today => self.expr(i, k, Anchor::Relative(Unit::Day, 0)),
                _ => self.expr(i, k, Anchor::Weekday(qual)),
            };
            e.weekday = Some(wd);
            e
        } else if let Some((offset, k)) = self.near_day(j) {
            let mut e = self.expr(i, k, Anchor::Relative(Unit::Day, offset));
            if let Some(Lex::Weekday(wd)) = self.lex(k) {
                e.weekday = Some(wd);
                e.end = k + 1;
            }
            e
        } else if let Some((parts, end)) = self.date_core(j) {
            self.expr(i, end, Anchor::Date(parts))
        } else if today && self.word(j).is_some_and(|w| SAME.contains(&w)) {
            // «في اليوم نفسه»: the day just named.
            self.expr(i, j + 1, Anchor::Discourse(0))
        } else if today {
            if self.before_is(j - 1, OUTLETS_BEFORE_TODAY)
                || self.before_is(j - 1, &["ذلك", "نفس", "ذات"])
            {
                return None;
            }
            // «اليوم العالمي», «اليوم الأول»: an adjective makes it a day, not today.
            if let Some(t) = self.tok(j) {
                let adjective = t.kind == Kind::Word
                    && t.text.starts_with("ال")
                    && !matches!(t.lex, Some(Lex::Hour | Lex::To | Lex::Prep(_)));
                if adjective {
                    return None;
                }
            }
            self.expr(i, j, Anchor::Relative(Unit::Day, 0))
        } else {
            return None;
        };
        self.with_time(&mut e, daypart);
        Some(e)
    }

    /// «أمس», «أول أمس», «أول من أمس», «أمس الأول», «غدا».
    fn near_day(&self, j: usize) -> Read<i32> {
        match self.lex(j)? {
            Lex::Yesterday => {
                if self.lex(j + 1) == Some(Lex::Ordinal(1)) {
                    Some((-2, j + 2))
                } else {
                    Some((-1, j + 1))
                }
            }
            Lex::Tomorrow => Some((1, j + 1)),
            Lex::First => {
                if self.lex(j + 1) == Some(Lex::Yesterday) {
                    Some((-2, j + 2))
                } else if self.is_prep(j + 1, Prep::From) && self.lex(j + 2) == Some(Lex::Yesterday)
                {
                    Some((-2, j + 3))
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    /// Adds a time written after the expression.
    fn with_time(&self, e: &mut Expr, daypart: Option<Daypart>) {
        if e.time.is_none() {
            let bare = matches!(&e.anchor, Anchor::Date(p) if p.day.is_some())
                && self.num(e.end).is_some()
                && self.punct(e.end + 1, ':');
            let found = if bare {
                self.clock(e.end, daypart)
            } else {
                self.time_suffix(e.end, daypart)
            };
            if let Some((t, end)) = found {
                e.time = Some(t);
                e.end = end;
            }
        }
    }

    /// Whether the token before `i` is one of `words` (folded).
    fn before_is(&self, i: usize, words: &[&str]) -> bool {
        i.checked_sub(1)
            .and_then(|b| self.word(b))
            .is_some_and(|w| words.contains(&w))
    }

    /// «الساعة 23:50 من مساء يوم الأحد»: a time, then the day it belongs to.
    fn time_first(&self, i: usize) -> Option<Expr> {
        if self.lex(i) != Some(Lex::Hour) {
            return None;
        }
        let (clock, clock_end) = self.clock(i + 1, None)?;
        let after_part = matches!(self.lex(clock_end - 1), Some(Lex::Daypart(_)));
        let mut j = clock_end;
        if self.is_prep(j, Prep::From) || self.punct(j, '،') || self.punct(j, ',') {
            j += 1;
        }
        if let Some(mut day) = self.day_expr(j) {
            if day.time.is_none() {
                let mut clock = clock;
                // The daypart may come after the hour («الساعة 11 من مساء الأحد»).
                if !after_part {
                    if let Some(Lex::Daypart(d)) = self.lex(j) {
                        clock.0 = shift(clock.0, d);
                    }
                }
                day.time = Some(clock);
                day.first = i;
                return Some(day);
            }
        }
        let mut e = self.expr(i, clock_end, Anchor::TimeOnly);
        e.time = Some(clock);
        Some(e)
    }

    /// «أواخر يونيو/ حزيران الماضي», «شهر رمضان 1445 هـ», «في سبتمبر», «مارس 2020».
    fn month_expr(&self, i: usize) -> Option<Expr> {
        let mut j = i;
        let part = matches!(self.lex(j), Some(Lex::Part(_)));
        if part {
            j += 1;
        }
        let shahr = matches!(self.lex(j), Some(Lex::Unit(Unit::Month, false)));
        if shahr {
            j += 1;
        }
        let ((m, paired), mut k) = self.month_pair(j)?;
        let mut parts = DateParts::new(m.calendar);
        parts.month = Some(m.month);
        if let Some(((y, cal), e)) = self.year(k, Some(m.calendar)) {
            if cal == m.calendar {
                parts.year = Some(y);
                k = e;
            }
        }
        if let Some(((q, yq), e)) = self.month_qual(k) {
            parts.qual = q;
            parts.year_qual = yq;
            k = e;
        }
        let told = parts.year.is_some() || parts.qual.is_some() || parts.year_qual.is_some();
        let prep_before = !part
            && !shahr
            && i.checked_sub(1)
                .is_some_and(|b| matches!(self.lex(b), Some(Lex::Prep(_) | Lex::To)));
        let ok = match m.strength {
            Strength::Strong => told || paired || part || shahr || prep_before,
            Strength::Weak => told || paired || part || shahr,
            Strength::Guarded => parts.year.is_some() || shahr,
        };
        ok.then(|| self.expr(i, k, Anchor::Date(parts)))
    }

    /// «الشهر الماضي», «مطلع العام المقبل», «هذا الأسبوع», «في اليوم التالي».
    fn relative(&self, i: usize) -> Option<Expr> {
        let mut j = i;
        if self.word(j) == Some("في") {
            j += 1;
        }
        if self.lex(j) == Some(Lex::Unit(Unit::Day, true)) {
            return match self.lex(j + 1) {
                Some(Lex::Qual(Qual::Following)) => Some(self.expr(i, j + 2, Anchor::Discourse(1))),
                Some(Lex::Qual(Qual::Preceding)) => {
                    Some(self.expr(i, j + 2, Anchor::Discourse(-1)))
                }
                _ => None,
            };
        }
        let mut j = i;
        let part = matches!(self.lex(j), Some(Lex::Part(_)));
        if part {
            j += 1;
        }
        let this = self.lex(j) == Some(Lex::This);
        if this {
            j += 1;
        }
        let unit = match self.lex(j) {
            Some(Lex::Unit(u @ (Unit::Week | Unit::Month | Unit::Year), true)) => u,
            _ => return None,
        };
        j += 1;
        // «الشهر نفسه», «العام ذاته»: the period named before, not the publication's.
        if self.word(j).is_some_and(|w| SAME.contains(&w)) {
            return None;
        }
        let offset = match self.lex(j) {
            Some(Lex::Qual(Qual::Current)) => Some(0),
            Some(Lex::Qual(Qual::Past | Qual::Preceding)) => Some(-1),
            Some(Lex::Qual(Qual::Next)) => Some(1),
            _ => None,
        };
        let (offset, end) = match offset {
            Some(o) => (o, j + 1),
            None if this || part => (0, j),
            None => return None,
        };
        // «العام 2006» is a year, not this year.
        if offset == 0 && !this && self.num(end).is_some() {
            return None;
        }
        Some(self.expr(i, end, Anchor::Relative(unit, offset)))
    }

    /// «عام 2006», «في 2009», «مطلع 2020», «(1988ـ 1994)», «1445 هـ».
    fn year_expr(&self, i: usize) -> Option<Expr> {
        let t = self.tok(i)?;
        // «(1988ـ 1994)»: the tatweel that served as a dash is folded away.
        if t.is('(') {
            let ((from, cal), k) = self.year(i + 1, None)?;
            let mut k = k;
            if self.punct(k, '-') || self.punct(k, '–') || self.punct(k, '/') {
                k += 1;
            }
            let ((to, _), end) = self.year(k, Some(cal))?;
            if self.punct(end, ')') && to > from && to - from < 200 {
                return Some(self.expr(
                    i + 1,
                    end,
                    Anchor::Years {
                        from,
                        to,
                        calendar: cal,
                    },
                ));
            }
            return None;
        }
        let mut j = i;
        let part = matches!(self.lex(j), Some(Lex::Part(_)));
        if part {
            j += 1;
        }
        let unit = matches!(
            self.lex(j),
            Some(Lex::Unit(Unit::Year, _)) | Some(Lex::YearsDual)
        );
        let mut first = i;
        let mut prep = false;
        if unit {
            j += 1;
        } else if !part
            && matches!(
                self.lex(j),
                Some(Lex::Prep(Prep::Temporal | Prep::From) | Lex::To)
            )
        {
            j += 1;
            first = j;
            prep = true;
        }
        if let Some(e) = self.year_range(j) {
            // Bare, two years are a range when a dash or «إلى» joins them («1929 إلى 1937»).
            let joiner = self
                .tok(j + 1)
                .is_some_and(|t| (t.is('-') && t.glued) || t.lex == Some(Lex::To));
            if unit || part || prep || joiner {
                return Some(Expr { first, ..e });
            }
        }
        let ((y, cal), end) = self.year(j, None)?;
        // An era mark makes a bare number a year, except «م» alone: it also abbreviates
        // metres («على ارتفاع 1500 م»).
        let era = end > j + 1 && self.word(j + 1) != Some("م");
        let plausible_bare = (1900..=2100).contains(&y) && !self.month_ahead(end);
        let ok = unit || part || era || (prep && plausible_bare);
        if !ok {
            return None;
        }
        let mut parts = DateParts::new(cal);
        parts.year = Some(y);
        Some(self.expr(first, end, Anchor::Date(parts)))
    }

    /// Whether the clause before `e` speaks of the future: up to six words back, not
    /// past the start of the sentence.
    fn future_cue(&self, e: &Expr) -> bool {
        let mut seen = 0;
        let mut k = e.first;
        // Bounded in tokens too, so a run of punctuation cannot make the scan quadratic.
        let stop = e.first.saturating_sub(24);
        while k > stop && seen < 6 {
            k -= 1;
            let t = &self.toks[k];
            match t.kind {
                Kind::Break => break,
                Kind::Punct if t.is('.') || t.is('!') || t.is('؟') || t.is('?') || t.is(':') => {
                    break
                }
                Kind::Word => {
                    seen += 1;
                    if is_future_cue(t.text) {
                        return true;
                    }
                }
                _ => {}
            }
        }
        false
    }
}

/// A 12-hour reading moved to the 24-hour clock by the part of day written beside it.
fn shift(h: u8, d: Daypart) -> u8 {
    match d {
        Daypart::Evening if h < 12 => h + 12,
        Daypart::Noon if h <= 5 => h + 12,
        Daypart::Night if (6..12).contains(&h) => h + 12,
        _ => h,
    }
}
