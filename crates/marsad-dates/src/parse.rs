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
use marsad_text::{fold_str, Chain};

use crate::lexicon::{
    self, is_counted_noun, is_future_cue, Count, Daypart, Lex, Part, Prep, Qual, Unit,
};
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
    /// Some days of a period, by position: «أول يوم في السنة», «آخر أيام شهر 12 عام
    /// 2016», «ثاني أيام عيد الأضحى», «ليلة رأس السنة» (the day before).
    Within(Box<Expr>, Pick),
    /// The n-th given weekday of a period (n = -1: the last): «رابع خميس من نوفمبر»,
    /// «الجمعة الأخيرة من رمضان».
    NthWeekday(Box<Expr>, i8, Weekday),
    /// n units before publication, at the unit's precision: «قبل ثلاثة أيام».
    Ago(Unit, i32),
    /// The stretch from publication back (n < 0) or forward (n > 0) by |n| units, as a
    /// range of days: «منذ ثلاثة أيام», «خلال الأسبوعين الماضيين».
    Period(Unit, i32),
    /// Two expressions as the ends of one range: «من 5 أكتوبر إلى 7 نوفمبر».
    Span(Box<Expr>, Box<Expr>),
}

/// Which day of a period [`Anchor::Within`] names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pick {
    /// The first day plus n (n = -1: the eve).
    FromStart(i32),
    /// The last day minus n.
    FromEnd(i32),
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
    /// A Gregorian year written with a Hijri month or feast: «رمضان 2016», «عيد الفطر
    /// 2016» (the one that falls in that year).
    pub greg_year: Option<i32>,
    /// The day was written as an ordinal word of at most five («الخامس»): beside a
    /// weekday it may count weeks instead (see `resolve`).
    pub day_word: bool,
}

impl DateParts {
    pub(crate) fn new(calendar: Calendar) -> DateParts {
        DateParts {
            calendar,
            year: None,
            month: None,
            day: None,
            day_to: None,
            qual: None,
            year_qual: None,
            month_rel: None,
            greg_year: None,
            day_word: false,
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
const OUTLETS_BEFORE_TODAY: &[&str] = &["روسيا", "المصري", "فلسطين", "اخبار", "السودان", "عين"];

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
            .or_else(|| self.nth_weekday(i))
            .or_else(|| self.edge(i))
            .or_else(|| self.holiday_expr(i))
            .or_else(|| self.duration(i))
            .or_else(|| self.day_expr(i))
            .or_else(|| self.month_expr(i, false))
            .or_else(|| self.relative(i))
            .or_else(|| self.year_expr(i))
    }

    // ---- pieces -------------------------------------------------------------------

    /// A number 1–31 that is not part of a longer figure («3.5», «1/2», «+3»).
    fn day_number(&self, i: usize) -> Read<u8> {
        let t = self.tok(i)?;
        let n = t.num?;
        let before = i.checked_sub(1).and_then(|b| self.tok(b));
        let glued_to_figure = t.glued
            && before.is_some_and(|b| b.kind == Kind::Num || (b.kind == Kind::Punct && !b.is('(')));
        ((1..=31).contains(&n) && t.text.len() <= 2 && !glued_to_figure).then_some((n as u8, i + 1))
    }

    /// Whether the word before `i` is a unit: «الأسبوع الأول من سبتمبر», «العام الثاني
    /// من ولايته» count weeks or years, not days.
    fn after_unit(&self, i: usize) -> bool {
        i.checked_sub(1).is_some_and(|b| {
            matches!(
                self.lex(b),
                Some(Lex::Unit(Unit::Week | Unit::Month | Unit::Year, _))
            )
        })
    }

    /// An ordinal day in words, without «من»: «الخامس», «الرابع عشر», «الرابع عشرة»,
    /// «الحادي والعشرين», «الواحد والثلاثين», «العشرين», feminine «الثانية عشرة». «الحادي»
    /// and «الواحد» alone are no day.
    fn ordinal_value(&self, i: usize) -> Read<u8> {
        let t = self.tok(i)?;
        let n = match t.lex? {
            Lex::Tens(tens) => return Some((tens, i + 1)),
            Lex::Ordinal(n) => n,
            Lex::HourWord(11) => 1,
            Lex::HourWord(n) => n,
            _ => return None,
        };
        let compound_one = n == 1 && t.text != "الاول";
        match self.lex(i + 1) {
            Some(Lex::Teen) if n <= 9 => Some((n + 10, i + 2)),
            Some(Lex::Tens(tens)) if n <= 9 && self.word(i + 1)?.starts_with('و') => {
                Some((n + tens, i + 2))
            }
            _ if compound_one => None,
            _ => Some((n, i + 1)),
        }
    }

    /// A day in any of its forms, without «من»: a number, «أول» or an ordinal word.
    /// Returns the day, whether it was written as a word, and where it stopped.
    fn day_any(&self, i: usize) -> Read<(u8, bool)> {
        let t = self.tok(i)?;
        if t.num.is_some() {
            return self.day_number(i).map(|(d, j)| ((d, false), j));
        }
        match t.lex? {
            Lex::First => Some(((1, false), i + 1)),
            Lex::Ordinal(_) | Lex::Tens(_) | Lex::HourWord(_) if self.after_unit(i) => None,
            Lex::Ordinal(_) | Lex::Tens(_) | Lex::HourWord(_) => {
                self.ordinal_value(i).map(|(d, j)| ((d, true), j))
            }
            _ => None,
        }
    }

    /// A month name, alone or paired with its twin from another family: «سبتمبر/ أيلول»,
    /// «تشرين الثاني (نوفمبر)»; or a month by its number («شهر 7», «شهر سبعة», «الشهر
    /// الخامس»). Returns the month and whether it was paired.
    fn month_pair(&self, i: usize) -> Read<(Month, bool)> {
        let Some(m) = month_at(self.toks, i) else {
            let m = self.month_number(i)?;
            return Some(((m, false), i + m.words));
        };
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

    /// A Gregorian month by its number: «شهر 7», «شهر سبعة», «شهر اثني عشر» (strong),
    /// «الشهر الخامس», «الشهر الثاني عشر» (weak: «للشهر الخامس على التوالي» counts).
    fn month_number(&self, i: usize) -> Option<Month> {
        let month = |month: u8, words: usize, strength: Strength| Month {
            month,
            calendar: Calendar::Gregorian,
            strength,
            words,
            numbered: true,
        };
        match self.lex(i)? {
            Lex::Unit(Unit::Month, false) => {
                if let Some(t) = self.tok(i + 1).filter(|t| t.num.is_some()) {
                    let n = t.num?;
                    let figure = self
                        .tok(i + 2)
                        .is_some_and(|a| a.glued && (a.is('.') || a.is(':') || a.is('%')));
                    let counted = self.word(i + 2).is_some_and(is_counted_noun);
                    return ((1..=12).contains(&n) && t.text.len() <= 2 && !figure && !counted)
                        .then(|| month(n as u8, 2, Strength::Strong));
                }
                let (n, words) = match (self.lex(i + 1)?, self.lex(i + 2)) {
                    (Lex::Cardinal(n), Some(Lex::Teen)) if n <= 2 => (n + 10, 3),
                    (Lex::Cardinal(1), _) => return None,
                    (Lex::Cardinal(n @ 2..=9), _) => (n, 2),
                    (Lex::Teen, _) => (10, 2),
                    _ => return None,
                };
                if self.word(i + words).is_some_and(is_counted_noun) {
                    return None;
                }
                Some(month(n, words, Strength::Strong))
            }
            Lex::Unit(Unit::Month, true) => {
                // «الشهر الخامس», «الشهر 3».
                let (n, j) = match self.tok(i + 1)? {
                    t if t.num.is_some() && t.text.len() <= 2 && !t.glued => (t.num? as u8, i + 2),
                    t if matches!(t.lex, Some(Lex::Ordinal(_))) => self.ordinal_value(i + 1)?,
                    _ => return None,
                };
                (1..=12)
                    .contains(&n)
                    .then(|| month(n, j - i, Strength::Weak))
            }
            _ => None,
        }
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
            // «يونيو العام الماضي»: the year's qualifier without «من».
            Some(Lex::Unit(Unit::Year, true)) => match self.lex(i + 1) {
                Some(Lex::Qual(
                    q @ (Qual::Past | Qual::Current | Qual::Next | Qual::Preceding),
                )) => {
                    let q = if q == Qual::Preceding { Qual::Past } else { q };
                    Some(((None, Some(q)), i + 2))
                }
                _ => None,
            },
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
        if let Some((parts, end)) = self.date_core(i + 1) {
            if parts.day_to.is_some() {
                return Some(self.expr(i, end, Anchor::Date(parts)));
            }
        }
        // «من 5 أكتوبر إلى 7 نوفمبر», «بين الأحد والثلاثاء»: two expressions, one range.
        let end_of = |k: usize| {
            self.day_expr(k)
                .or_else(|| self.month_expr(k, false))
                .or_else(|| self.holiday_expr(k))
                .filter(|e| {
                    matches!(
                        e.anchor,
                        Anchor::Date(_) | Anchor::Weekday(None) | Anchor::Relative(Unit::Day, _)
                    )
                })
        };
        let a = end_of(i + 1)?;
        let j = a.end;
        let joined = matches!(self.lex(j), Some(Lex::And | Lex::To)) || self.punct(j, '-');
        let b = if joined {
            end_of(j + 1)?
        } else if self.word(j).is_some_and(|w| w.starts_with('و')) {
            end_of(j)?
        } else {
            return None;
        };
        Some(self.expr(i, b.end, Anchor::Span(Box::new(a), Box::new(b))))
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
        let ((to, cal_to), end) = self.year(k, Some(cal))?;
        // «1436 / 1437هـ»: the era written after the second year holds for both.
        let cal = if cal_to == Calendar::Hijri {
            cal_to
        } else {
            cal
        };
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
        let ((day, word), mut j) = self.day_any(i)?;
        let is_number = self.tok(i).is_some_and(|t| t.num.is_some());
        let mut day_to = None;
        if is_number {
            // «10-12 سبتمبر», «10 و12 سبتمبر», «10 إلى 12 سبتمبر».
            let link = self
                .tok(j)
                .is_some_and(|t| t.is('-') || matches!(t.lex, Some(Lex::And | Lex::To)));
            if link {
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
        } else if word {
            // «الخامس والسابع من أكتوبر», «الخامس إلى السابع من أكتوبر».
            let second = if self.word(j).is_some_and(|w| w.starts_with('و'))
                && matches!(self.lex(j), Some(Lex::Ordinal(_) | Lex::Tens(_)))
            {
                self.ordinal_value(j)
            } else if matches!(self.lex(j), Some(Lex::And | Lex::To)) {
                self.ordinal_value(j + 1)
            } else {
                None
            };
            if let Some((d2, k)) = second.filter(|(d2, _)| *d2 > day) {
                if self.is_prep(k, Prep::From) && self.month_ahead(k) {
                    day_to = Some(d2);
                    j = k;
                }
            }
        }
        let from = self.is_prep(j, Prep::From);
        if from {
            j += 1;
        }
        let shahr = matches!(self.lex(j), Some(Lex::Unit(Unit::Month, false)))
            && month_at(self.toks, j + 1).is_some();
        if shahr {
            j += 1;
        }
        // «العاشر من الشهر الجاري», «5 من الشهر الماضي», «الأول من هذا الشهر», «العاشر من
        // الشهر»; and without «من», as the Gulf writes it: «15 الجاري», «الخامس الماضي».
        if from && !shahr {
            let k = if self.lex(j) == Some(Lex::This) {
                j + 1
            } else {
                j
            };
            if self.lex(k) == Some(Lex::Unit(Unit::Month, true)) {
                let rel = match self.lex(k + 1) {
                    Some(Lex::Qual(Qual::Current)) => Some((0, k + 2)),
                    Some(Lex::Qual(Qual::Past | Qual::Preceding)) => Some((-1, k + 2)),
                    Some(Lex::Qual(Qual::Next)) => Some((1, k + 2)),
                    Some(Lex::Ordinal(_) | Lex::Tens(_) | Lex::Teen) => None,
                    _ if self.num(k + 1).is_some() => None,
                    _ => Some((0, k + 1)),
                };
                if let Some((rel, end)) = rel {
                    let mut parts = DateParts::new(Calendar::Gregorian);
                    parts.day = Some(day);
                    parts.day_to = day_to;
                    parts.month_rel = Some(rel);
                    parts.day_word = word && day <= 5;
                    return Some((parts, end));
                }
            }
        }
        if !from && self.lex(i) != Some(Lex::First) {
            let rel = match (self.lex(j), self.word(j)) {
                (Some(Lex::Qual(Qual::Current)), Some("الجاري" | "الحالي")) => Some(0),
                (Some(Lex::Qual(Qual::Past)), Some("الماضي" | "المنصرم" | "الفائت")) => {
                    Some(-1)
                }
                (Some(Lex::Qual(Qual::Next)), Some("المقبل" | "القادم")) => Some(1),
                _ => None,
            };
            if let Some(rel) = rel {
                let mut parts = DateParts::new(Calendar::Gregorian);
                parts.day = Some(day);
                parts.day_to = day_to;
                parts.month_rel = Some(rel);
                parts.day_word = word && day <= 5;
                return Some((parts, j + 1));
            }
        }
        // An ordinal word needs «من» or a month name right after it.
        if word && !from && month_at(self.toks, j).is_none() {
            return None;
        }
        let ((m, _paired), mut j) = self.month_pair(j)?;
        let mut parts = DateParts::new(m.calendar);
        parts.month = Some(m.month);
        parts.day = Some(day);
        parts.day_to = day_to;
        parts.day_word = word && day <= 5;
        if let Some(((y, cal), k)) = self.year_after(j, m.calendar) {
            if cal == m.calendar {
                parts.year = Some(y);
                j = k;
            } else if m.calendar == Calendar::Hijri {
                parts.greg_year = Some(y);
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

    /// The year after a month: «2016», «2016 م», «من عام 2016», «عام 2016», «، 2016»,
    /// «لعام 2016». A Hijri month may take a Gregorian year («رمضان 2016»).
    fn year_after(&self, j: usize, cal: Calendar) -> Read<(i32, Calendar)> {
        let year = |k: usize| {
            self.year(k, Some(cal)).or_else(|| {
                (cal == Calendar::Hijri)
                    .then(|| self.year(k, Some(Calendar::Gregorian)))
                    .flatten()
                    .filter(|((y, _), _)| (1900..=2100).contains(y))
            })
        };
        if let Some(r) = year(j) {
            return Some(r);
        }
        let mut k = j;
        let comma = self.punct(k, '،') || self.punct(k, ',');
        if comma || self.is_prep(k, Prep::From) || self.word(k) == Some("في") {
            k += 1;
        }
        let unit = matches!(self.lex(k), Some(Lex::Unit(Unit::Year, _)));
        if unit {
            k += 1;
        } else if !comma {
            return None;
        }
        year(k)
    }

    /// Whether a month name starts at `i`, maybe after «من» or «شهر».
    fn month_ahead(&self, mut i: usize) -> bool {
        if self.is_prep(i, Prep::From) {
            i += 1;
        }
        if matches!(self.lex(i), Some(Lex::Unit(Unit::Month, false)))
            && month_at(self.toks, i + 1).is_some()
        {
            i += 1;
        }
        month_at(self.toks, i).is_some() || self.month_number(i).is_some()
    }

    /// 19.08.2024, 19/8/2024, 2024-08-19: day first unless the year leads.
    fn numeric(&self, i: usize) -> Read<DateParts> {
        self.numeric_full(i).or_else(|| self.numeric_short(i))
    }

    /// Two numbers joined by a slash, which are a date only in a date's place: «5/2019»
    /// (a month; not after «رقم», which makes it a law's or a decision's number), and
    /// «15/3» after «يوم», «بتاريخ», «الموافق», «في», «منذ», «حتى» or a weekday.
    fn numeric_short(&self, i: usize) -> Read<DateParts> {
        let a = self.tok(i)?;
        let an = a.num?;
        let (sep, b) = (self.tok(i + 1)?, self.tok(i + 2)?);
        if !(sep.is('/') && sep.glued && b.glued) || a.text.len() > 2 {
            return None;
        }
        let bn = b.num?;
        if a.glued && !self.tok(i - 1).is_some_and(|t| t.lex == Some(Lex::And)) {
            return None;
        }
        if let Some(after) = self.tok(i + 3) {
            let longer = after.glued
                && (after.kind == Kind::Num
                    || after.is('/')
                    || after.is('.') && self.num(i + 4).is_some()
                    || after.is('%')
                    || after.is('-'));
            if longer || self.word(i + 3).is_some_and(is_counted_noun) {
                return None;
            }
        }
        let numbered = [
            "رقم",
            "رقمي",
            "المرقم",
            "العدد",
            "القانون",
            "القرار",
            "المرسوم",
        ];
        if self.before_is(i, &numbered) {
            return None;
        }
        let mut parts = DateParts::new(Calendar::Gregorian);
        if b.text.len() == 4 && (1..=12).contains(&an) && (1900..=2100).contains(&bn) {
            parts.month = Some(an as u8);
            parts.year = Some(bn as i32);
            return Some((parts, i + 3));
        }
        let placed = self.before_is(
            i,
            &[
                "يوم",
                "بتاريخ",
                "تاريخ",
                "الموافق",
                "ليوم",
                "في",
                "منذ",
                "حتى",
            ],
        ) || i
            .checked_sub(1)
            .is_some_and(|k| matches!(self.lex(k), Some(Lex::Weekday(_))));
        if placed && b.text.len() <= 2 && (1..=31).contains(&an) && (1..=12).contains(&bn) {
            parts.month = Some(bn as u8);
            parts.day = Some(an as u8);
            return Some((parts, i + 3));
        }
        None
    }

    /// «19.08.2024», «19/8/2024», «2024-08-19», «15/3/19».
    fn numeric_full(&self, i: usize) -> Read<DateParts> {
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
            if after.glued
                && (after.kind != Kind::Word
                    || !matches!(after.lex, Some(Lex::EraGregorian | Lex::EraHijri)))
            {
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
        } else if c.text.len() == 2 && a.text.len() <= 2 && b.text.len() <= 2 && !sep.is('-') {
            // «15/3/19»: a two-digit year, this century up to 40.
            (if cn <= 40 { 2000 + cn } else { 1900 + cn }, bn, a.num?)
        } else {
            return None;
        };
        if !(1000..=2200).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
            return None;
        }
        let mut j = i + 5;
        // «24/10/1436هـ», «1436/10/24»: a year of 1300–1500 is Hijri (Saudi papers print
        // Hijri dates in figures), and so is any with «هـ» after it.
        let calendar = match self.lex(j) {
            Some(Lex::EraGregorian) => {
                j += 1;
                Calendar::Gregorian
            }
            Some(Lex::EraHijri) => {
                j += 1;
                Calendar::Hijri
            }
            _ if (1300..=1500).contains(&y) => Calendar::Hijri,
            _ => Calendar::Gregorian,
        };
        if calendar == Calendar::Hijri && d > 30 {
            return None;
        }
        let mut parts = DateParts::new(calendar);
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
        if self.word(j) == Some("بعد")
            && matches!(self.lex(j + 1), Some(Lex::Morrow | Lex::Tomorrow))
        {
            let mut e = self.expr(i, j + 2, Anchor::Relative(Unit::Day, 2));
            if let Some(Lex::Weekday(wd)) = self.lex(j + 2) {
                e.weekday = Some(wd);
                e.end = j + 3;
            } else if let Some(wd) = self.weekday_in_parens(j + 2) {
                e.weekday = Some(wd);
                e.end = j + 5;
            }
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
            let core = if qual.is_none() {
                self.date_core(m)
            } else {
                None
            };
            let ordinal = if qual.is_none() && core.is_none() {
                self.weekday_ordinal(i, k, wd)
            } else {
                None
            };
            let mut e = match (core, ordinal) {
                (Some((parts, end)), _) => {
                    let end = if self.punct(end, ')') && self.punct(k, '(') {
                        end + 1
                    } else {
                        end
                    };
                    self.expr(i, end, Anchor::Date(parts))
                }
                (None, Some(e)) => e,
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
            } else if let Some(wd) = self.weekday_in_parens(k) {
                e.weekday = Some(wd);
                e.end = k + 3;
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
            // «4 ملايين برميل في اليوم», «ثلاث مرات في اليوم»: per day.
            if j >= 3
                && self.word(j - 2) == Some("في")
                && self
                    .word(j - 3)
                    .is_some_and(|w| is_counted_noun(w) || w == "مره" || w == "مرات")
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
            let mut e = self.expr(i, j, Anchor::Relative(Unit::Day, 0));
            // «اليوم (الاثنين)», as Saudi papers write it.
            if let Some(wd) = self.weekday_in_parens(j) {
                e.weekday = Some(wd);
                e.end = j + 3;
            }
            e
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
            // «الليلة الماضية», «الليلة البارحة»: last night; «الليلة»: tonight, unless an
            // adjective makes it some other night («الليلة الأولى»).
            Lex::TheNight => match self.lex(j + 1) {
                Some(Lex::Qual(Qual::Past) | Lex::Yesterday) => Some((-1, j + 2)),
                Some(Lex::Qual(_)) => None,
                _ if self.word(j + 1).is_some_and(|w| w.starts_with("ال"))
                    || self.before_is(j, &["تلك", "ذات", "نفس"]) =>
                {
                    None
                }
                _ => Some((0, j + 1)),
            },
            // «قبل أمس», «قبل امبارح»: the day before yesterday.
            Lex::Prep(Prep::Temporal)
                if self.word(j) == Some("قبل") && self.lex(j + 1) == Some(Lex::Yesterday) =>
            {
                Some((-2, j + 2))
            }
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

    /// «أواخر يونيو/ حزيران الماضي», «شهر رمضان 1445 هـ», «في سبتمبر», «مارس 2020»,
    /// «شهر 7», «الشهر الخامس من عام 2016». With `loose` (inside a longer expression:
    /// «رابع خميس من نوفمبر», «آخر جمعة من رمضان») any month name counts.
    fn month_expr(&self, i: usize, loose: bool) -> Option<Expr> {
        let mut j = i;
        let part = matches!(self.lex(j), Some(Lex::Part(_)));
        if part {
            j += 1;
        }
        let shahr = matches!(self.lex(j), Some(Lex::Unit(Unit::Month, false)))
            && month_at(self.toks, j + 1).is_some();
        if shahr {
            j += 1;
        }
        let ((m, paired), mut k) = self.month_pair(j)?;
        let mut parts = DateParts::new(m.calendar);
        parts.month = Some(m.month);
        if let Some(((y, cal), e)) = self.year_after(k, m.calendar) {
            if cal == m.calendar {
                parts.year = Some(y);
                k = e;
            } else if m.calendar == Calendar::Hijri {
                parts.greg_year = Some(y);
                k = e;
            }
        }
        if let Some(((q, yq), e)) = self.month_qual(k) {
            parts.qual = q;
            parts.year_qual = yq;
            k = e;
        }
        let told = parts.year.is_some()
            || parts.greg_year.is_some()
            || parts.qual.is_some()
            || parts.year_qual.is_some();
        let prep = i.checked_sub(1).and_then(|b| self.lex(b));
        let prep_before = !part && !shahr && matches!(prep, Some(Lex::Prep(_) | Lex::To));
        // A weak name after «في», «خلال», «منذ» … is a month unless a name's next part
        // follows it («في رجب طيب»): the next word must be a date word, carry the
        // article, or be no word at all.
        let next_fits = match self.tok(k) {
            None => true,
            Some(t) => t.kind != Kind::Word || t.lex.is_some() || t.text.starts_with("ال"),
        };
        let temporal = prep == Some(Lex::Prep(Prep::Temporal))
            && !self.before_is(i, &["مع", "عند"])
            || prep == Some(Lex::To);
        let ok = if m.numbered {
            // «للشهر الخامس على التوالي», «الشهر الخامس من الحمل» count months.
            let counts =
                self.word(k).is_some_and(|w| w == "علي") || (self.is_prep(k, Prep::From) && !told);
            match m.strength {
                Strength::Strong => !counts,
                _ => told || (temporal && !part && !counts) || (loose && !counts),
            }
        } else {
            match m.strength {
                Strength::Strong => told || paired || part || shahr || prep_before || loose,
                Strength::Weak => {
                    told || paired || part || shahr || loose || (temporal && next_fits)
                }
                Strength::Guarded => parts.year.is_some() || shahr,
            }
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
                Some(Lex::Qual(Qual::Past)) => {
                    Some(self.expr(i, j + 2, Anchor::Relative(Unit::Day, -1)))
                }
                Some(Lex::Qual(Qual::Preceding)) => {
                    Some(self.expr(i, j + 2, Anchor::Discourse(-1)))
                }
                _ => None,
            };
        }
        let mut j = i;
        // «أول الشهر», «أول العام»: «أول» before a period is its beginning.
        let part = matches!(self.lex(j), Some(Lex::Part(_)))
            || (self.lex(j) == Some(Lex::First)
                && matches!(
                    self.lex(j + 1),
                    Some(Lex::Unit(Unit::Month | Unit::Year, true))
                ));
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
        // «الأسبوع قبل الماضي», «العام بعد المقبل»: one further.
        let further =
            |w: &str, q: Qual| self.word(j) == Some(w) && self.lex(j + 1) == Some(Lex::Qual(q));
        let (offset, end) = match offset {
            Some(o) => (o, j + 1),
            None if further("قبل", Qual::Past) => (-2, j + 2),
            None if further("بعد", Qual::Next) => (2, j + 2),
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

    /// «(الاثنين)» at `k`: a weekday in brackets after «اليوم» or «أمس».
    fn weekday_in_parens(&self, k: usize) -> Option<Weekday> {
        if !self.punct(k, '(') || !self.punct(k + 2, ')') {
            return None;
        }
        match self.lex(k + 1) {
            Some(Lex::Weekday(wd)) => Some(wd),
            _ => None,
        }
    }

    /// What follows a weekday at `k` when no full date does: an ordinal day of a month
    /// the text does not name («الجمعة الخامس عشر»: the 15th, a Friday, not the Friday
    /// before publication), or an ordinal that counts weeks in a period («الجمعة
    /// الثالثة من رمضان», «الخميس الأخير من الشهر»). Feminine ordinals and «الأخير»
    /// count weeks; a masculine one names a day (a day is «يوم», masculine).
    fn weekday_ordinal(&self, i: usize, k: usize, wd: Weekday) -> Option<Expr> {
        let (n, j) = match self.lex(k)? {
            Lex::OrdinalOther(n) => (n, k + 1),
            Lex::HourWord(n @ 1..=5) if self.lex(k + 1) != Some(Lex::Teen) => (n as i8, k + 1),
            Lex::Ordinal(_) | Lex::Tens(_) => {
                let (d, j) = self.ordinal_value(k)?;
                // «الخامس من نوعه», «الثالث على التوالي»: not a day.
                if self.is_prep(j, Prep::From)
                    || self.word(j).is_some_and(|w| w == "علي")
                    || matches!(self.lex(j), Some(Lex::Unit(..)))
                {
                    return None;
                }
                let mut parts = DateParts::new(Calendar::Gregorian);
                parts.day = Some(d);
                parts.day_word = d <= 5;
                let mut e = self.expr(i, j, Anchor::Date(parts));
                e.weekday = Some(wd);
                return Some(e);
            }
            _ => return None,
        };
        if !(self.is_prep(j, Prep::From) || self.word(j) == Some("في")) {
            return None;
        }
        let inner = self.period_at(j + 1)?;
        let mut e = self.expr(i, inner.end, Anchor::NthWeekday(Box::new(inner), n, wd));
        e.weekday = Some(wd);
        Some(e)
    }

    /// «رابع خميس من نوفمبر 2016», «أول اثنين في آذار», «آخر جمعة من رمضان»: an
    /// ordinal without the article, a weekday without it, then the period.
    fn nth_weekday(&self, i: usize) -> Option<Expr> {
        let n: i8 = match self.lex(i)? {
            Lex::First => 1,
            Lex::OrdinalBare(n) => n as i8,
            Lex::Part(Part::Late) if self.is_last_word(i) => -1,
            _ => return None,
        };
        let wd = bare_weekday(self.word(i + 1)?)?;
        let j = i + 2;
        if !(self.is_prep(j, Prep::From) || self.word(j) == Some("في")) {
            return None;
        }
        let inner = self.period_at(j + 1)?;
        let mut e = self.expr(i, inner.end, Anchor::NthWeekday(Box::new(inner), n, wd));
        e.weekday = Some(wd);
        Some(e)
    }

    /// Whether the word at `i` is «آخر» (maybe after و), not «أواخر» or «نهاية».
    fn is_last_word(&self, i: usize) -> bool {
        self.word(i).is_some_and(|w| {
            let w = lexicon::strip_conjunction(w).unwrap_or(w);
            w == "اخر"
        })
    }

    /// Days of a period by position: «أول يوم في السنة», «آخر أيام شهر 12 عام 2016»,
    /// «ثاني أيام عيد الأضحى», «اليوم الأول من الشهر المقبل», «اليوم الأخير من العام».
    fn edge(&self, i: usize) -> Option<Expr> {
        let (pick, j, the_day) = match self.lex(i)? {
            Lex::First => (Pick::FromStart(0), i + 1, false),
            Lex::OrdinalBare(n) => (Pick::FromStart(i32::from(n) - 1), i + 1, false),
            Lex::Part(Part::Late) if self.is_last_word(i) => (Pick::FromEnd(0), i + 1, false),
            Lex::Unit(Unit::Day, true) => match self.lex(i + 1)? {
                Lex::OrdinalOther(-1) => (Pick::FromEnd(0), i + 2, true),
                Lex::Ordinal(_) => {
                    let (n, j) = self.ordinal_value(i + 1)?;
                    (Pick::FromStart(i32::from(n) - 1), j, true)
                }
                _ => return None,
            },
            _ => return None,
        };
        let mut k = j;
        let plural = if the_day {
            false
        } else {
            match self.lex(k) {
                Some(Lex::Days) => true,
                Some(Lex::Unit(Unit::Day, false)) => false,
                _ => return None,
            }
        };
        if !the_day {
            k += 1;
        }
        let linked = self.is_prep(k, Prep::From) || self.word(k) == Some("في");
        if linked {
            k += 1;
        } else if !plural {
            return None;
        }
        let inner = self.period_at(k)?;
        Some(self.expr(i, inner.end, Anchor::Within(Box::new(inner), pick)))
    }

    /// A period that days or weekdays are counted in: a month (any name), a feast,
    /// «الشهر الجاري», «هذا العام», a bare «الشهر» or «السنة» (the current one), a year.
    fn period_at(&self, j: usize) -> Option<Expr> {
        if let Some(e) = self.holiday_expr(j) {
            return Some(e);
        }
        if let Some(e) = self.month_expr(j, true) {
            return Some(e);
        }
        if let Some(e) = self.relative(j) {
            return Some(e);
        }
        if let Some(Lex::Unit(u @ (Unit::Week | Unit::Month | Unit::Year), true)) = self.lex(j) {
            if self.num(j + 1).is_none() {
                return Some(self.expr(j, j + 1, Anchor::Relative(u, 0)));
            }
        }
        self.year_expr(j)
    }

    /// A feast, maybe with its eve («ليلة رأس السنة», «عشية عيد الميلاد»).
    fn holiday_expr(&self, i: usize) -> Option<Expr> {
        if let Some((parts, end)) = self.holiday(i) {
            return Some(self.expr(i, end, Anchor::Date(parts)));
        }
        let eve = self.word(i).is_some_and(|w| {
            let w = lexicon::strip_conjunction(w).unwrap_or(w);
            let w = w
                .strip_prefix(['ب', 'ل'])
                .filter(|r| r.starts_with("ل") || r.starts_with("ع"))
                .unwrap_or(w);
            w == "ليله" || w == "عشيه"
        });
        if !eve {
            return None;
        }
        let (parts, end) = self.holiday(i + 1)?;
        let inner = self.expr(i + 1, end, Anchor::Date(parts));
        Some(self.expr(i, end, Anchor::Within(Box::new(inner), Pick::FromStart(-1))))
    }

    /// A feast by name at `i`, as a date in its calendar, with the year or qualifier
    /// written after it: «عيد الفطر», «عيد الأضحى المبارك 1437 هـ», «عيد الفطر 2016»,
    /// «رأس السنة 2016», «عيد الميلاد المجيد», «عاشوراء», «المولد النبوي الشريف».
    fn holiday(&self, i: usize) -> Read<DateParts> {
        let first = self.word(i)?;
        let (cal, month, day, words) = holidays().iter().find_map(|(words, cal, m, d)| {
            let head = &words[0];
            let fits = first == head
                || lexicon::strip_conjunction(first) == Some(head.as_str())
                || first
                    .strip_prefix('ب')
                    .or_else(|| first.strip_prefix('ل'))
                    .is_some_and(|r| r == head);
            let rest = words[1..]
                .iter()
                .enumerate()
                .all(|(k, w)| self.word(i + 1 + k) == Some(w.as_str()));
            (fits && rest).then_some((*cal, *m, *d, words.len()))
        })?;
        let mut k = i + words;
        if self
            .word(k)
            .is_some_and(|w| ["المبارك", "السعيد", "المجيد", "الشريف"].contains(&w))
        {
            k += 1;
        }
        // «عيد الميلاد الـ70»: a birthday.
        if (month, day) == (12, 25)
            && (self.word(k) == Some("ال")
                || self
                    .tok(k)
                    .is_some_and(|t| t.num.is_some() && t.text.len() < 4))
        {
            return None;
        }
        let mut parts = DateParts::new(cal);
        parts.month = Some(month);
        parts.day = Some(day);
        if let Some(((y, c), e)) = self.year_after(k, cal) {
            if c == cal {
                parts.year = Some(y);
            } else {
                parts.greg_year = Some(y);
            }
            k = e;
        }
        if let Some(((q, yq), e)) = self.month_qual(k) {
            parts.qual = q;
            parts.year_qual = yq;
            k = e;
        }
        Some((parts, k))
    }

    /// Durations and stretches of time counted from publication: «منذ ثلاثة أيام»
    /// (from three days ago to publication), «قبل أسبوعين» (a point: the week two weeks
    /// back), «خلال الأسبوعين الماضيين», «الأيام الثلاثة الماضية», «على مدى الأشهر الستة
    /// المقبلة», and «بعد يومين» in a clause that speaks of the future. Hours and
    /// minutes are not dates; «قبل ثلاثة أيام من الانتخابات» counts from another event
    /// and is left alone.
    fn duration(&self, i: usize) -> Option<Expr> {
        #[derive(PartialEq)]
        enum Kind2 {
            Since,
            Ago,
            After,
            Over,
            Bare,
        }
        let w = self.word(i)?;
        let w = lexicon::strip_conjunction(w)
            .filter(|r| ["منذ", "قبل", "بعد", "خلال", "طوال", "طيله"].contains(r))
            .unwrap_or(w);
        let (kind, j) = match w {
            "منذ" => (Kind2::Since, i + 1),
            "قبل" => (Kind2::Ago, i + 1),
            "بعد" => (Kind2::After, i + 1),
            "خلال" | "طوال" | "طيله" => (Kind2::Over, i + 1),
            "في" if self.word(i + 1) == Some("غضون") => (Kind2::Over, i + 2),
            "علي" if matches!(self.word(i + 1), Some("مدي" | "مدار")) => {
                (Kind2::Over, i + 2)
            }
            _ => (Kind2::Bare, i),
        };
        let (n, unit, article, k) = self.count_units(j)?;
        let (dir, end) = match self.lex(k) {
            Some(Lex::Qual(Qual::Past | Qual::Preceding)) | Some(Lex::OrdinalOther(-1)) => {
                (-1, k + 1)
            }
            Some(Lex::Qual(Qual::Next)) => (1, k + 1),
            _ => (0, k),
        };
        let from_event = self.is_prep(end, Prep::From)
            || self.word(end) == Some("علي")
            || self.word(end) == Some("علي");
        let anchor = match kind {
            Kind2::Since if dir <= 0 && !from_event => Anchor::Period(unit, -n),
            Kind2::Ago if dir == 0 && !article && !from_event => Anchor::Ago(unit, n),
            Kind2::After if dir == 0 && !article && !from_event => {
                let probe = self.expr(i, end, Anchor::Ago(unit, -n));
                if !self.future_cue(&probe) {
                    return None;
                }
                Anchor::Ago(unit, -n)
            }
            Kind2::Over | Kind2::Bare if dir != 0 => Anchor::Period(unit, dir * n),
            Kind2::Over if !from_event => {
                let probe = self.expr(i, end, Anchor::Period(unit, n));
                if !self.future_cue(&probe) {
                    return None;
                }
                Anchor::Period(unit, n)
            }
            _ => return None,
        };
        let first = match kind {
            Kind2::Over | Kind2::Bare => j,
            _ => i,
        };
        Some(self.expr(first, end, anchor))
    }

    /// A count of calendar units at `j`: «ثلاثة أيام», «3 أيام», «15 يوما», «يومين»,
    /// «أسبوع», «الأسبوعين», «الأيام الثلاثة», «الـ10 أيام». Returns (count, unit, whether
    /// the article was written, end).
    fn count_units(&self, j: usize) -> Option<(i32, Unit, bool, usize)> {
        let mut j = j;
        let mut article = false;
        // «الـ10 أيام»: the article glued to the figure (its tatweel folded away).
        if self.word(j) == Some("ال") && self.tok(j + 1).is_some_and(|t| t.glued && t.num.is_some())
        {
            article = true;
            j += 1;
        }
        let count = if let Some(t) = self.tok(j).filter(|t| t.num.is_some()) {
            let glued_figure = t.glued
                && j.checked_sub(1)
                    .and_then(|b| self.tok(b))
                    .is_some_and(|b| b.kind != Kind::Word);
            let n = t.num? as i32;
            (t.text.len() <= 3 && !glued_figure && n > 0).then_some((n, j + 1))
        } else {
            match (self.lex(j), self.lex(j + 1)) {
                (Some(Lex::Cardinal(n @ 1..=2)), Some(Lex::Teen)) => {
                    Some((i32::from(n) + 10, j + 2))
                }
                (Some(Lex::Cardinal(n)), _) if n >= 3 => Some((i32::from(n), j + 1)),
                (Some(Lex::Teen), _) => Some((10, j + 1)),
                _ => None,
            }
        };
        if let Some((n, k)) = count {
            let (unit, c, art) = lexicon::count_unit(self.word(k)?)?;
            if c == Count::Two || art {
                return None;
            }
            return Some((n, unit, article, k + 1));
        }
        if article {
            return None;
        }
        let (unit, c, art) = lexicon::count_unit(self.word(j)?)?;
        let k = j + 1;
        match c {
            Count::Two => Some((2, unit, art, k)),
            Count::One if !art => {
                // «منذ عام 2006», «قبل شهر رمضان», «منذ يوم الأحد»: a date, not a count.
                let next = self.tok(k);
                let dated = next.is_some_and(|t| {
                    t.num.is_some()
                        || t.month_start
                        || matches!(t.lex, Some(l) if !matches!(l, Lex::Qual(_) | Lex::To | Lex::And | Lex::Prep(_)))
                });
                (!dated).then_some((1, unit, false, k))
            }
            Count::Many if art => {
                // «الأيام الثلاثة الماضية»: the number after the noun.
                let w = self.word(k)?;
                let n = cardinal_word(w)?;
                Some((i32::from(n), unit, true, k + 1))
            }
            _ => None,
        }
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

/// A weekday without the article, as after an ordinal: «رابع خميس», «أول اثنين».
fn bare_weekday(w: &str) -> Option<Weekday> {
    static MAP: std::sync::OnceLock<Vec<(String, Weekday)>> = std::sync::OnceLock::new();
    let map = MAP.get_or_init(|| {
        [
            ("سبت", Weekday::Saturday),
            ("أحد", Weekday::Sunday),
            ("اثنين", Weekday::Monday),
            ("ثلاثاء", Weekday::Tuesday),
            ("أربعاء", Weekday::Wednesday),
            ("خميس", Weekday::Thursday),
            ("جمعة", Weekday::Friday),
        ]
        .iter()
        .map(|(w, d)| (fold_str(w, Chain::Match), *d))
        .collect()
    });
    map.iter().find(|(k, _)| k == w).map(|(_, d)| *d)
}

/// A cardinal word, maybe with the article («الثلاثة», «الستة», «العشر»).
fn cardinal_word(w: &str) -> Option<u8> {
    let bare = w.strip_prefix("ال").unwrap_or(w);
    match lexicon::lookup(bare)? {
        Lex::Cardinal(n) if n >= 3 => Some(n),
        Lex::Teen => Some(10),
        _ => None,
    }
}

/// A feast: its name's folded words, its calendar, month and day.
type Feast = (Vec<String>, Calendar, u8, u8);

/// Feasts by name (folded words), with the calendar and the month and day they fall on.
/// Christian feasts are those of the Gregorian calendar (25 December); feasts whose date
/// moves (Easter) are not read.
fn holidays() -> &'static [Feast] {
    static LIST: std::sync::OnceLock<Vec<Feast>> = std::sync::OnceLock::new();
    LIST.get_or_init(|| {
        let g = Calendar::Gregorian;
        let h = Calendar::Hijri;
        let mut list: Vec<Feast> = [
            ("عيد الفطر", h, 10, 1),
            ("عيد الأضحى", h, 12, 10),
            ("عيد النحر", h, 12, 10),
            ("يوم عرفة", h, 12, 9),
            ("يوم عرفات", h, 12, 9),
            ("وقفة عرفة", h, 12, 9),
            ("وقفة عرفات", h, 12, 9),
            ("رأس السنة الهجرية", h, 1, 1),
            ("رأس السنة الميلادية", g, 1, 1),
            ("رأس السنة", g, 1, 1),
            ("رأس العام", g, 1, 1),
            ("عيد رأس السنة", g, 1, 1),
            ("عيد الميلاد المجيد", g, 12, 25),
            ("عيد الميلاد", g, 12, 25),
            ("الميلاد المجيد", g, 12, 25),
            ("الكريسماس", g, 12, 25),
            ("كريسماس", g, 12, 25),
            ("المولد النبوي", h, 3, 12),
            ("عاشوراء", h, 1, 10),
            ("يوم عاشوراء", h, 1, 10),
            ("ليلة القدر", h, 9, 27),
            ("عيد الحب", g, 2, 14),
            ("عيد العمال", g, 5, 1),
            ("عيد الأم", g, 3, 21),
        ]
        .iter()
        .map(|(w, c, m, d)| {
            (
                fold_str(w, Chain::Match)
                    .split_whitespace()
                    .map(str::to_string)
                    .collect(),
                *c,
                *m,
                *d,
            )
        })
        .collect();
        // Longest names first: «رأس السنة الهجرية» before «رأس السنة».
        list.sort_by_key(|(w, ..)| std::cmp::Reverse(w.len()));
        list
    })
}
