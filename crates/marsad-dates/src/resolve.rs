//! Placing: expressions → ISO 8601 values, anchored on the publication date.
//!
//! What a text leaves out, the publication date supplies, by these rules (SCHEMA.md and
//! DESIGN.md §4):
//!
//! * A weekday alone is the latest such day on or before publication; with «الماضي» the
//!   latest strictly before, with «المقبل» the first strictly after; in a clause that
//!   speaks of the future (سيعقد), the first on or after.
//! * A month with «الجاري» is in the current year; with «الماضي» it is the previous
//!   occurrence of that month before the publication month, with «المقبل» the next.
//!   With a day as well («24 مايو الماضي»), the last or next occurrence of that day.
//! * A day and month without a year take the year that puts them nearest publication,
//!   except that the past wins when the future candidate is more than two months away
//!   (news reports what happened), and the future wins when the clause says so. A
//!   weekday written beside them must agree, and picks the year when it can.
//! * A day-month joined by «و» to a date that has a year shares that year («11 يناير
//!   و26 يناير 2021»).
//! * «في اليوم التالي» counts from the last day named before it.
//! * «اليوم», «أمس», «غدا» with a weekday beside them that disagrees with the publication
//!   date («أمس الاثنين» in a paper dated Thursday) take the weekday: the page was
//!   written before it was dated.
//! * An ordinal day with a weekday and no month («الجمعة الخامس عشر») is that day of the
//!   publication month, the one before or the one after: the nearest on that weekday.
//! * A weekday, an ordinal word of at most five and a month («الأربعاء الخامس من تشرين
//!   الأول», «الخميس الرابع من نوفمبر»): the day when it is that weekday, else the n-th
//!   such weekday of the month (the fourth Thursday of November). The year, when not
//!   written, is chosen first without the weekday. Numbers («الخميس 4 نوفمبر») are always
//!   days; feminine ordinals and «الأخير» («الجمعة الثالثة من رمضان») always count weeks.
//! * Feasts fall on their calendar's day: a Hijri feast with a Gregorian year («عيد الفطر
//!   2016») is the one in that year; «ليلة»/«عشية» before one is the day before.
//! * «منذ ثلاثة أيام» and «خلال الأسبوعين الماضيين» are ranges ending on publication day;
//!   «خلال الأيام الثلاثة المقبلة» starts on it; «قبل ثلاثة أيام» is a point at the unit's
//!   precision (a day, an ISO week, a month, a year).
//! * Without a publication date, a day-month takes the latest year written in the text;
//!   relative expressions cannot be placed and are reported as [`crate::Unplaced`].

use std::fmt;

use icu_calendar::cal::Hijri;
use icu_calendar::Date as IcuDate;
use jiff::civil::{Date, Weekday};
use jiff::ToSpan;

use crate::families::Calendar;
use crate::lexicon::{Qual, Unit};
use crate::parse::{Anchor, DateParts, Expr, Pick};

/// A normalized value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    /// «2023»
    Year(i32),
    /// «2023-09»
    Month(i32, u8),
    /// «2023-W38»
    Week(i16, i8),
    /// «2023-09-19»
    Day(Date),
    /// «2023-09-19T23:50»
    Minute(Date, u8, u8),
    /// «1988/1994», «2023-09-10/2023-09-12»
    Interval(Box<Value>, Box<Value>),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Year(y) => write!(f, "{y:04}"),
            Value::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            Value::Week(y, w) => write!(f, "{y:04}-W{w:02}"),
            Value::Day(d) => write!(f, "{}", d),
            Value::Minute(d, h, m) => write!(f, "{d}T{h:02}:{m:02}"),
            Value::Interval(a, b) => write!(f, "{a}/{b}"),
        }
    }
}

/// Why an expression was recognized but not placed.
pub(crate) type Reason = &'static str;

const NO_PUBLICATION: Reason = "relative to the publication date, which is unknown";
const NO_YEAR: Reason = "no year in the expression or the text, and no publication date";
const NO_SUCH_DAY: Reason = "no such day in that month";
const TIME_ALONE: Reason = "a time of day with no day beside it";
const NO_PREVIOUS_DAY: Reason = "counts from a day named before it, and none was";
const OUT_OF_RANGE: Reason = "outside the calendar's range";

/// What resolution knows beyond the expression.
pub(crate) struct Context {
    /// The publication date.
    pub published: Option<Date>,
    /// Without a publication date: the latest Gregorian year written in the text.
    pub text_year: Option<i32>,
    /// The last day placed before the current expression.
    pub last_day: Option<Date>,
}

/// Places `e`. `borrowed_year` is the year of the date it is coordinated with.
pub(crate) fn resolve(
    e: &Expr,
    ctx: &Context,
    borrowed_year: Option<i32>,
) -> Result<Value, Reason> {
    let day = match &e.anchor {
        Anchor::Date(parts) => return date(parts, e, ctx, borrowed_year),
        Anchor::Years { from, to, calendar } => {
            return match calendar {
                Calendar::Gregorian => Ok(Value::Interval(
                    Box::new(Value::Year(*from)),
                    Box::new(Value::Year(*to)),
                )),
                Calendar::Hijri => {
                    let a = hijri_year_bounds(*from).ok_or(OUT_OF_RANGE)?.0;
                    let b = hijri_year_bounds(*to).ok_or(OUT_OF_RANGE)?.1;
                    Ok(interval(a, b))
                }
            }
        }
        Anchor::TimeOnly => return Err(TIME_ALONE),
        Anchor::Within(inner, pick) => {
            let (a, b) = bounds(&resolve(inner, ctx, borrowed_year)?).ok_or(OUT_OF_RANGE)?;
            match pick {
                Pick::FromStart(k) => add_days(a, i64::from(*k))?,
                Pick::FromEnd(k) => add_days(b, -i64::from(*k))?,
            }
        }
        Anchor::NthWeekday(inner, n, wd) => {
            let (a, b) = bounds(&resolve(inner, ctx, borrowed_year)?).ok_or(OUT_OF_RANGE)?;
            nth_weekday(a, b, *n, *wd).ok_or(NO_SUCH_DAY)?
        }
        Anchor::Ago(unit, n) => {
            let p = ctx.published.ok_or(NO_PUBLICATION)?;
            let d = shift(p, *unit, -*n)?;
            return Ok(match unit {
                Unit::Day => Value::Day(d),
                Unit::Week => {
                    let w = d.iso_week_date();
                    Value::Week(w.year(), w.week())
                }
                Unit::Month => Value::Month(i32::from(d.year()), d.month() as u8),
                Unit::Year => Value::Year(i32::from(d.year())),
            });
        }
        Anchor::Period(unit, n) => {
            let p = ctx.published.ok_or(NO_PUBLICATION)?;
            let other = shift(p, *unit, *n)?;
            return Ok(if *n < 0 {
                interval(other, p)
            } else {
                interval(p, other)
            });
        }
        Anchor::Span(a, b) => {
            let vb = resolve(b, ctx, None)?;
            // «من 5 أكتوبر إلى 7 نوفمبر 2016»: the first end borrows the second's year, in
            // its own calendar («من 29 شعبان حتى 5 رمضان 1437»: Hijri 1437, not the
            // Gregorian year of the second end). A first end with its own qualifier («29
            // شعبان الجاري») has its year already.
            let borrowed_a = match (&a.anchor, bounds(&vb)) {
                (Anchor::Date(pa), Some((_, end)))
                    if pa.year.is_none()
                        && pa.month.is_some()
                        && pa.qual.is_none()
                        && pa.year_qual.is_none() =>
                {
                    let (y, m) = match pa.calendar {
                        Calendar::Hijri => date_to_hijri(end).map(|(y, m, _)| (y, m)),
                        _ => Some((i32::from(end.year()), end.month() as u8)),
                    }
                    .ok_or(OUT_OF_RANGE)?;
                    Some(if pa.month > Some(m) { y - 1 } else { y })
                }
                _ => None,
            };
            let va = resolve(a, ctx, borrowed_a)?;
            let start = match va {
                Value::Interval(x, _) => *x,
                v => v,
            };
            let end = match vb {
                Value::Interval(_, y) => *y,
                v => v,
            };
            return Ok(Value::Interval(Box::new(start), Box::new(end)));
        }
        Anchor::Discourse(offset) => {
            let base = ctx.last_day.ok_or(NO_PREVIOUS_DAY)?;
            add_days(base, i64::from(*offset))?
        }
        Anchor::Relative(unit, offset) => {
            let p = ctx.published.ok_or(NO_PUBLICATION)?;
            match unit {
                // «أمس الاثنين» in a paper dated Thursday: the page was written before it
                // was dated, and the weekday is what the writer saw; it wins.
                Unit::Day => {
                    let d = add_days(p, i64::from(*offset))?;
                    match e.weekday {
                        Some(wd) if d.weekday() != wd && *offset <= 0 => on_or_before(d, wd)?,
                        Some(wd) if d.weekday() != wd => on_or_after(d, wd)?,
                        _ => d,
                    }
                }
                Unit::Week => {
                    let d = add_days(p, 7 * i64::from(*offset))?;
                    let w = d.iso_week_date();
                    return Ok(Value::Week(w.year(), w.week()));
                }
                Unit::Month => {
                    let d = p
                        .first_of_month()
                        .checked_add(offset.months())
                        .map_err(|_| OUT_OF_RANGE)?;
                    return Ok(Value::Month(i32::from(d.year()), d.month() as u8));
                }
                Unit::Year => return Ok(Value::Year(i32::from(p.year()) + offset)),
            }
        }
        Anchor::Weekday(qual) => {
            let p = ctx.published.ok_or(NO_PUBLICATION)?;
            let wd = e.weekday.unwrap_or(p.weekday());
            match qual {
                Some(Qual::Past) => on_or_before(add_days(p, -1)?, wd)?,
                Some(Qual::Next) => on_or_after(add_days(p, 1)?, wd)?,
                _ if e.future => on_or_after(p, wd)?,
                _ => on_or_before(p, wd)?,
            }
        }
    };
    Ok(with_time(day, e.time))
}

/// The first and last day a value covers.
fn bounds(v: &Value) -> Option<(Date, Date)> {
    match v {
        Value::Year(y) => Some((ymd(*y, 1, 1)?, ymd(*y, 12, 31)?)),
        Value::Month(y, m) => {
            let a = ymd(*y, *m, 1)?;
            Some((a, a.last_of_month()))
        }
        Value::Week(y, w) => {
            let a = jiff::civil::ISOWeekDate::new(*y, *w, Weekday::Monday)
                .ok()?
                .date();
            Some((a, a.checked_add(6.days()).ok()?))
        }
        Value::Day(d) | Value::Minute(d, ..) => Some((*d, *d)),
        Value::Interval(a, b) => Some((bounds(a)?.0, bounds(b)?.1)),
    }
}

/// The n-th weekday `wd` between `a` and `b` (n = -1: the last).
fn nth_weekday(a: Date, b: Date, n: i8, wd: Weekday) -> Option<Date> {
    let d = if n < 0 {
        on_or_before(b, wd).ok()?
    } else {
        on_or_after(a, wd)
            .ok()?
            .checked_add((7 * (i64::from(n) - 1)).days())
            .ok()?
    };
    (a <= d && d <= b).then_some(d)
}

/// `d` moved by `n` units.
fn shift(d: Date, unit: Unit, n: i32) -> Result<Date, Reason> {
    let span = match unit {
        Unit::Day => i64::from(n).days(),
        Unit::Week => (7 * i64::from(n)).days(),
        Unit::Month => i64::from(n).months(),
        Unit::Year => i64::from(n).years(),
    };
    d.checked_add(span).map_err(|_| OUT_OF_RANGE)
}

fn with_time(d: Date, time: Option<(u8, u8)>) -> Value {
    match time {
        Some((h, m)) => Value::Minute(d, h, m),
        None => Value::Day(d),
    }
}

fn interval(a: Date, b: Date) -> Value {
    Value::Interval(Box::new(Value::Day(a)), Box::new(Value::Day(b)))
}

fn add_days(d: Date, n: i64) -> Result<Date, Reason> {
    d.checked_add(n.days()).map_err(|_| OUT_OF_RANGE)
}

fn on_or_before(d: Date, wd: Weekday) -> Result<Date, Reason> {
    let back = d.weekday().since(wd);
    add_days(d, -i64::from(back))
}

fn on_or_after(d: Date, wd: Weekday) -> Result<Date, Reason> {
    let ahead = wd.since(d.weekday());
    add_days(d, i64::from(ahead))
}

fn ymd(y: i32, m: u8, d: u8) -> Option<Date> {
    Date::new(i16::try_from(y).ok()?, m as i8, d as i8).ok()
}

fn days_between(a: Date, b: Date) -> i64 {
    b.duration_since(a).as_hours() / 24
}

fn date(
    parts: &DateParts,
    e: &Expr,
    ctx: &Context,
    borrowed: Option<i32>,
) -> Result<Value, Reason> {
    match parts.calendar {
        Calendar::Gregorian => gregorian(parts, e, ctx, borrowed),
        Calendar::Hijri => hijri(parts, e, ctx, borrowed),
    }
}

/// Offset of a year qualifier: this year, last year, next year.
fn year_offset(q: Qual) -> i32 {
    match q {
        Qual::Past | Qual::Preceding => -1,
        Qual::Next | Qual::Following => 1,
        Qual::Current => 0,
    }
}

fn gregorian(
    parts: &DateParts,
    e: &Expr,
    ctx: &Context,
    borrowed: Option<i32>,
) -> Result<Value, Reason> {
    if let Some(rel) = parts.month_rel {
        let p = ctx.published.ok_or(NO_PUBLICATION)?;
        let m = p
            .first_of_month()
            .checked_add(rel.months())
            .map_err(|_| OUT_OF_RANGE)?;
        let parts = DateParts {
            year: Some(i32::from(m.year())),
            month: Some(m.month() as u8),
            month_rel: None,
            ..*parts
        };
        return gregorian(&parts, e, ctx, None);
    }
    let Some(month) = parts.month else {
        if let Some(day) = parts.day {
            let p = ctx.published.ok_or(NO_PUBLICATION)?;
            return Ok(with_time(day_of_near_month(p, day, e.weekday)?, e.time));
        }
        let y = parts.year.ok_or(NO_YEAR)?;
        return Ok(Value::Year(y));
    };
    let year = match (parts.year, borrowed) {
        (Some(y), _) => y,
        (None, Some(y)) => y,
        (None, None) => match (ctx.published, ctx.text_year) {
            (Some(p), _) => pick_gregorian_year(parts, month, e, p),
            (None, Some(y)) => {
                // Only the text's year to go by: a weekday may still move it by one.
                match (parts.day, e.weekday) {
                    (Some(d), Some(wd)) => [y, y - 1, y + 1]
                        .into_iter()
                        .find(|&c| ymd(c, month, d).is_some_and(|x| x.weekday() == wd))
                        .unwrap_or(y),
                    _ => y,
                }
            }
            (None, None) => return Err(NO_YEAR),
        },
    };
    let Some(day) = parts.day else {
        return Ok(Value::Month(year, month));
    };
    let first = ymd(year, month, day).ok_or(NO_SUCH_DAY)?;
    if let Some(to) = parts.day_to {
        let last = ymd(year, month, to).ok_or(NO_SUCH_DAY)?;
        return Ok(interval(first, last));
    }
    let (a, b) = (first.first_of_month(), first.last_of_month());
    Ok(with_time(weeks_or_day(parts, e, first, a, b), e.time))
}

/// «الأربعاء الخامس من تشرين الأول»: the 5th, or the fifth Wednesday. The day when it
/// is that weekday (or no weekday is written, or the day was a number); else the n-th
/// such weekday of the month when there is one; else the day as written.
fn weeks_or_day(parts: &DateParts, e: &Expr, day: Date, a: Date, b: Date) -> Date {
    match (e.weekday, parts.day) {
        (Some(wd), Some(n)) if parts.day_word && day.weekday() != wd => {
            nth_weekday(a, b, n as i8, wd).unwrap_or(day)
        }
        _ => day,
    }
}

/// Day `day` of the publication month, the one before or the one after: the nearest
/// that falls on `weekday` when one is written («الجمعة الخامس عشر»), else this month's.
fn day_of_near_month(p: Date, day: u8, weekday: Option<Weekday>) -> Result<Date, Reason> {
    let cands: Vec<Date> = [-1i64, 0, 1]
        .iter()
        .filter_map(|&k| {
            let m = p.first_of_month().checked_add(k.months()).ok()?;
            ymd(i32::from(m.year()), m.month() as u8, day)
        })
        .collect();
    if let Some(wd) = weekday {
        if let Some(d) = cands
            .iter()
            .filter(|d| d.weekday() == wd)
            .min_by_key(|d| (days_between(**d, p).abs(), **d > p))
        {
            return Ok(*d);
        }
    }
    ymd(i32::from(p.year()), p.month() as u8, day).ok_or(NO_SUCH_DAY)
}

/// The year of a Gregorian month (and maybe day) that the text does not give.
fn pick_gregorian_year(parts: &DateParts, month: u8, e: &Expr, p: Date) -> i32 {
    let py = i32::from(p.year());
    let pm = p.month() as u8;
    if let Some(q) = parts.year_qual {
        return py + year_offset(q);
    }
    // With a day, «الماضي» and «المقبل» name the last and the next occurrence of that day
    // («24 مايو الماضي»); with a month alone, of that month.
    let before = |k: i32| parts.day.and_then(|d| ymd(py - k, month, d));
    let after = |k: i32| parts.day.and_then(|d| ymd(py + k, month, d));
    match (parts.qual, parts.day) {
        (Some(Qual::Current), _) => return py,
        (Some(Qual::Past | Qual::Preceding), None) => return py - i32::from(month >= pm),
        (Some(Qual::Next | Qual::Following), None) => return py + i32::from(month <= pm),
        (Some(Qual::Past | Qual::Preceding), Some(_)) => {
            if let Some(d) = (0..8).filter_map(before).find(|d| *d < p) {
                return i32::from(d.year());
            }
        }
        (Some(Qual::Next | Qual::Following), Some(_)) => {
            if let Some(d) = (0..8).filter_map(after).find(|d| *d > p) {
                return i32::from(d.year());
            }
        }
        (None, _) => {}
    }
    let Some(day) = parts.day else {
        // A month alone: the nearest occurrence, the past preferred beyond two months.
        if month == pm {
            return py;
        }
        let past = if month < pm { py } else { py - 1 };
        let future = if month > pm { py } else { py + 1 };
        let d_past = (i32::from(pm) - i32::from(month)).rem_euclid(12);
        let d_future = (i32::from(month) - i32::from(pm)).rem_euclid(12);
        return if e.future || (d_future < d_past && d_future <= 2) {
            future
        } else {
            past
        };
    };
    if let Some(wd) = e.weekday.filter(|_| !parts.day_word) {
        let agreeing: Vec<i32> = [py - 1, py, py + 1]
            .into_iter()
            .filter(|&y| ymd(y, month, day).is_some_and(|d| d.weekday() == wd))
            .collect();
        if let [y] = agreeing[..] {
            return y;
        }
    }
    // Latest occurrence on or before publication, and first after it (29 February
    // looks a few years around).
    let past = (0..8)
        .filter_map(|k| ymd(py - k, month, day))
        .find(|d| *d <= p);
    let future = (0..8)
        .filter_map(|k| ymd(py + k, month, day))
        .find(|d| *d > p);
    nearest(past, future, p, e.future)
        .map(|d| i32::from(d.year()))
        .unwrap_or(py)
}

/// Chooses between the past and future candidates.
fn nearest(past: Option<Date>, future: Option<Date>, p: Date, future_tense: bool) -> Option<Date> {
    match (past, future) {
        (Some(a), Some(b)) => {
            let d_past = days_between(a, p);
            let d_future = days_between(p, b);
            if (future_tense && d_future <= 366) || (d_future < d_past && d_future <= 62) {
                Some(b)
            } else {
                Some(a)
            }
        }
        (a, b) => a.or(b),
    }
}

// ---- Hijri ---------------------------------------------------------------------------

/// The Gregorian date of Umm al-Qura day `y-m-d`, if that day exists.
fn hijri_to_date(y: i32, m: u8, d: u8) -> Option<Date> {
    let h = IcuDate::try_new_hijri_with_calendar(y, m, d, Hijri::new_umm_al_qura()).ok()?;
    // icu clamps nothing here, but a round trip proves the day exists.
    if h.day_of_month().0 != d || h.month().ordinal != m {
        return None;
    }
    let iso = h.to_iso();
    ymd(
        iso.extended_year(),
        iso.month().ordinal,
        iso.day_of_month().0,
    )
}

/// The Umm al-Qura (year, month, day) of a Gregorian date.
fn date_to_hijri(d: Date) -> Option<(i32, u8, u8)> {
    let iso = IcuDate::try_new_iso(i32::from(d.year()), d.month() as u8, d.day() as u8).ok()?;
    let h = iso.to_calendar(Hijri::new_umm_al_qura());
    Some((h.extended_year(), h.month().ordinal, h.day_of_month().0))
}

fn hijri_month_bounds(y: i32, m: u8) -> Option<(Date, Date)> {
    let first = hijri_to_date(y, m, 1)?;
    let last = hijri_to_date(y, m, 30).or_else(|| hijri_to_date(y, m, 29))?;
    Some((first, last))
}

fn hijri_year_bounds(y: i32) -> Option<(Date, Date)> {
    Some((hijri_month_bounds(y, 1)?.0, hijri_month_bounds(y, 12)?.1))
}

fn hijri(
    parts: &DateParts,
    e: &Expr,
    ctx: &Context,
    borrowed: Option<i32>,
) -> Result<Value, Reason> {
    let Some(month) = parts.month else {
        let y = parts.year.ok_or(NO_YEAR)?;
        let (a, b) = hijri_year_bounds(y).ok_or(OUT_OF_RANGE)?;
        return Ok(interval(a, b));
    };
    let year = match (parts.year, borrowed, parts.greg_year) {
        (Some(y), _, _) | (None, Some(y), _) => y,
        (None, None, Some(gy)) => {
            hijri_year_in(gy, month, parts.day.unwrap_or(1)).ok_or(OUT_OF_RANGE)?
        }
        (None, None, None) => {
            let p = ctx.published.ok_or(NO_YEAR)?;
            pick_hijri_year(parts, month, e, p)?
        }
    };
    let Some(day) = parts.day else {
        let (a, b) = hijri_month_bounds(year, month).ok_or(OUT_OF_RANGE)?;
        return Ok(interval(a, b));
    };
    let first = hijri_to_date(year, month, day).ok_or(NO_SUCH_DAY)?;
    if let Some(to) = parts.day_to {
        let last = hijri_to_date(year, month, to).ok_or(NO_SUCH_DAY)?;
        return Ok(interval(first, last));
    }
    let (a, b) = hijri_month_bounds(year, month).ok_or(OUT_OF_RANGE)?;
    Ok(with_time(weeks_or_day(parts, e, first, a, b), e.time))
}

/// The Hijri year in which day `d` of month `m` falls in Gregorian year `gy` («رمضان
/// 2016» is Ramadan 1437); the first such when two do (every 33 years or so).
fn hijri_year_in(gy: i32, m: u8, d: u8) -> Option<i32> {
    let approx = (gy - 622) * 33 / 32;
    (approx - 2..=approx + 3)
        .find(|&y| hijri_to_date(y, m, d).is_some_and(|g| i32::from(g.year()) == gy))
}

/// The Hijri year of a Hijri month (and maybe day) that the text does not give, by the
/// Gregorian rules applied to Hijri months.
fn pick_hijri_year(parts: &DateParts, month: u8, e: &Expr, p: Date) -> Result<i32, Reason> {
    let (hy, hm, _) = date_to_hijri(p).ok_or(OUT_OF_RANGE)?;
    if let Some(q) = parts.year_qual {
        return Ok(hy + year_offset(q));
    }
    let Some(day) = parts.day else {
        return Ok(match parts.qual {
            Some(Qual::Current) => hy,
            Some(Qual::Past | Qual::Preceding) => hy - i32::from(month >= hm),
            Some(Qual::Next | Qual::Following) => hy + i32::from(month <= hm),
            None => hy - i32::from(month > hm && !e.future),
        });
    };
    let cands: Vec<(i32, Date)> = (hy - 2..=hy + 2)
        .filter_map(|y| hijri_to_date(y, month, day).map(|g| (y, g)))
        .collect();
    let chosen = match parts.qual {
        Some(Qual::Current) => Some(hy),
        Some(Qual::Past | Qual::Preceding) => cands.iter().rev().find(|(_, g)| *g < p).map(|c| c.0),
        Some(Qual::Next | Qual::Following) => cands.iter().find(|(_, g)| *g > p).map(|c| c.0),
        None => {
            let near: Vec<(i32, Date)> = cands
                .iter()
                .copied()
                .filter(|(y, _)| (hy - 1..=hy + 1).contains(y))
                .collect();
            let agreeing: Vec<i32> = near
                .iter()
                .filter(|(_, g)| !parts.day_word && Some(g.weekday()) == e.weekday)
                .map(|c| c.0)
                .collect();
            match agreeing[..] {
                [y] => Some(y),
                _ => pick_hijri(&near, p, e.future),
            }
        }
    };
    chosen.ok_or(NO_SUCH_DAY)
}

fn pick_hijri(cands: &[(i32, Date)], p: Date, future: bool) -> Option<i32> {
    let past = cands
        .iter()
        .filter(|(_, g)| *g <= p)
        .max_by_key(|(_, g)| *g)
        .map(|c| c.1);
    let next = cands
        .iter()
        .filter(|(_, g)| *g > p)
        .min_by_key(|(_, g)| *g)
        .map(|c| c.1);
    let chosen = nearest(past, next, p, future)?;
    cands.iter().find(|(_, g)| *g == chosen).map(|c| c.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn umm_al_qura_round_trips() {
        // 1 Ramadan 1445 was Monday 11 March 2024 in Saudi Arabia.
        assert_eq!(hijri_to_date(1445, 9, 1), ymd(2024, 3, 11));
        assert_eq!(hijri_to_date(1445, 9, 15), ymd(2024, 3, 25));
        assert_eq!(
            date_to_hijri(ymd(2024, 3, 25).unwrap()),
            Some((1445, 9, 15))
        );
        assert_eq!(hijri_to_date(1445, 9, 31), None);
    }

    #[test]
    fn weekday_arithmetic() {
        let tue = ymd(2023, 9, 26).unwrap();
        assert_eq!(on_or_before(tue, Weekday::Tuesday), Ok(tue));
        assert_eq!(
            on_or_before(tue, Weekday::Wednesday),
            Ok(ymd(2023, 9, 20).unwrap())
        );
        assert_eq!(
            on_or_after(tue, Weekday::Monday),
            Ok(ymd(2023, 10, 2).unwrap())
        );
    }

    #[test]
    fn values_print_as_iso_8601() {
        let d = ymd(2024, 8, 18).unwrap();
        assert_eq!(Value::Minute(d, 23, 50).to_string(), "2024-08-18T23:50");
        assert_eq!(Value::Month(2024, 4).to_string(), "2024-04");
        assert_eq!(Value::Week(2023, 3).to_string(), "2023-W03");
        let r = Value::Interval(Box::new(Value::Year(1988)), Box::new(Value::Year(1994)));
        assert_eq!(r.to_string(), "1988/1994");
    }
}
