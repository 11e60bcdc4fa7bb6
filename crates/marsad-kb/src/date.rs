//! Calendar dates of day, month or year precision.

use std::fmt;
use std::str::FromStr;

/// A date as the KB writes it: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
///
/// Comparisons between terms use [`Date::first_day`]: a term "from 2025-08" starts on the
/// first of August, and one "until 2025-08" ends before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month 1–12, if known.
    pub month: Option<u8>,
    /// Day 1–31, if known.
    pub day: Option<u8>,
}

impl Date {
    /// A date of day precision.
    pub fn ymd(year: i32, month: u8, day: u8) -> Date {
        Date {
            year,
            month: Some(month),
            day: Some(day),
        }
    }

    /// The first day of the period this date names, as `(year, month, day)`.
    pub fn first_day(self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }
}

/// A string that is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadDate(pub String);

impl fmt::Display for BadDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "bad date {:?}: expected YYYY-MM-DD, YYYY-MM or YYYY",
            self.0
        )
    }
}

impl std::error::Error for BadDate {}

impl FromStr for Date {
    type Err = BadDate;

    fn from_str(s: &str) -> Result<Date, BadDate> {
        let bad = || BadDate(s.to_string());
        let mut parts = s.split('-');
        let y = parts.next().filter(|p| p.len() == 4).ok_or_else(bad)?;
        let year: i32 = y.parse().map_err(|_| bad())?;
        let mut num = |max: u8| -> Result<Option<u8>, BadDate> {
            match parts.next() {
                None => Ok(None),
                Some(p) if p.len() == 2 => match p.parse::<u8>() {
                    Ok(n) if (1..=max).contains(&n) => Ok(Some(n)),
                    _ => Err(bad()),
                },
                Some(_) => Err(bad()),
            }
        };
        let month = num(12)?;
        let day = if month.is_some() { num(31)? } else { None };
        if parts.next().is_some() {
            return Err(bad());
        }
        Ok(Date { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}
