//! Month-name families, one module each, listed in one registry.
//!
//! Arabic news names the Gregorian months in three families and the Hijri months in a
//! fourth. A page may use two at once, in a pair ("سبتمبر/ أيلول", "تشرين الثاني
//! (نوفمبر)"): every family is always active, and the grammar accepts any two names of
//! one month side by side. Adding a family (the Assyrian month names of Iraqi Kurdistan,
//! say) is one new module copied from `template.rs` and one line in [`FAMILIES`].
//!
//! Names are written here as a reader would spell them; the registry folds them with the
//! same chain as the text (`marsad_text::Chain::Match`), so أ/إ/آ, ى/ي and ة/ه variants
//! need no entries of their own.

use std::collections::HashMap;
use std::sync::OnceLock;

use marsad_text::{fold_str, Chain};

mod egypt_gulf;
mod hijri;
mod levant;
mod maghreb;
#[allow(dead_code)]
mod template;

/// Which calendar a month name counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Calendar {
    /// Proleptic Gregorian.
    Gregorian,
    /// Hijri, Umm al-Qura.
    Hijri,
}

/// A name that means nothing but its month (a family's `s(…)` entries).
pub(crate) const fn strong(words: &'static str, month: u8) -> MonthName {
    MonthName {
        words,
        month,
        strength: Strength::Strong,
    }
}

/// A name that is a month only with a day, a year or «شهر» beside it (a family's `g(…)`
/// entries).
pub(crate) const fn guarded(words: &'static str, month: u8) -> MonthName {
    MonthName {
        words,
        month,
        strength: Strength::Guarded,
    }
}

/// A name that is also an ordinary word (a family's `w(…)` entries).
pub(crate) const fn weak(words: &'static str, month: u8) -> MonthName {
    MonthName {
        words,
        month,
        strength: Strength::Weak,
    }
}

/// How much a bare name can be trusted to be a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Strength {
    /// The word means nothing but the month (يناير، أيلول، جانفي): after a preposition
    /// («في سبتمبر») it is a month.
    Strong,
    /// The word is also an ordinary word or a name: مارس "practised", آب ~ أب "father"
    /// once folded, نيسان the carmaker, رجب and رمضان first names, صفر "zero". It is a
    /// month only with a day before it, a year or a qualifier after it, «شهر» before
    /// it, or another month name paired with it.
    Weak,
    /// Weak and also a common number or word in a date's place: صفر ("zero", and a
    /// score: «3 صفر»). A month only with a year after it or «شهر» before it.
    Guarded,
}

/// One spelling of one month.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MonthName {
    /// The spelling, one or more words, as written (folded when the registry is built).
    pub words: &'static str,
    /// 1 to 12.
    pub month: u8,
    /// Whether it can stand alone.
    pub strength: Strength,
}

/// A family of month names.
pub(crate) struct Family {
    /// Short name for diagnostics (read by the registry's tests).
    #[cfg_attr(not(test), allow(dead_code))]
    pub name: &'static str,
    /// The calendar its months count in.
    pub calendar: Calendar,
    /// Its spellings, variants included.
    pub names: &'static [MonthName],
}

/// Every family the grammar knows. Order does not matter: a spelling shared by two
/// families (سبتمبر is Egyptian and Maghrebi) must mean the same month in both, which a
/// unit test checks.
pub(crate) const FAMILIES: &[&Family] = &[
    &levant::FAMILY,
    &egypt_gulf::FAMILY,
    &maghreb::FAMILY,
    &hijri::FAMILY,
];

/// A month name found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Month {
    /// 1 to 12.
    pub month: u8,
    /// Gregorian or Hijri.
    pub calendar: Calendar,
    /// Whether it may stand alone.
    pub strength: Strength,
    /// How many words the name took.
    pub words: usize,
    /// Named by its number («شهر 7», «الشهر الخامس»), not by a family's name.
    pub numbered: bool,
}

/// Entries keyed by their first folded word; the rest of the words follow.
type Index = HashMap<String, Vec<(Vec<String>, Month)>>;

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut map: Index = HashMap::new();
        for family in FAMILIES {
            for name in family.names {
                let folded: Vec<String> = fold_str(name.words, Chain::Match)
                    .split_whitespace()
                    .map(str::to_string)
                    .collect();
                let Some((first, rest)) = folded.split_first() else {
                    continue;
                };
                let entry = Month {
                    month: name.month,
                    calendar: family.calendar,
                    strength: name.strength,
                    words: folded.len(),
                    numbered: false,
                };
                let list = map.entry(first.clone()).or_default();
                if !list.iter().any(|(r, m)| r == rest && m == &entry) {
                    list.push((rest.to_vec(), entry));
                }
            }
        }
        // Longest spellings first, so «كانون الثاني» wins over a bare «كانون».
        for list in map.values_mut() {
            list.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
        }
        map
    })
}

/// The month whose name starts with folded word `first` and continues with the words
/// `next` yields (already folded, clitics not stripped), if any.
pub(crate) fn lookup<'a>(
    first: &str,
    mut next: impl FnMut(usize) -> Option<&'a str>,
) -> Option<Month> {
    let list = index().get(first)?;
    'entries: for (rest, month) in list {
        for (i, want) in rest.iter().enumerate() {
            if next(i) != Some(want.as_str()) {
                continue 'entries;
            }
        }
        return Some(*month);
    }
    None
}

/// Whether folded `word` starts some month name (a cheap pre-check).
pub(crate) fn starts_month(word: &str) -> bool {
    index().contains_key(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_spellings_agree() {
        let mut seen: HashMap<(String, Calendar), (u8, &str)> = HashMap::new();
        for family in FAMILIES {
            for name in family.names {
                let key = (fold_str(name.words, Chain::Match), family.calendar);
                if let Some((m, other)) = seen.insert(key.clone(), (name.month, family.name)) {
                    assert_eq!(
                        m, name.month,
                        "{:?} is month {m} in {other} and {} in {}; help: see crates/marsad-dates/src/families/",
                        key.0, name.month, family.name
                    );
                }
            }
        }
    }

    #[test]
    fn every_family_names_every_month() {
        for family in FAMILIES {
            for m in 1..=12 {
                assert!(
                    family.names.iter().any(|n| n.month == m),
                    "{} lacks month {m}",
                    family.name
                );
            }
        }
    }

    #[test]
    fn multiword_names_win() {
        let words = ["الثاني"];
        let m = lookup("كانون", |i| words.get(i).copied()).unwrap();
        assert_eq!((m.month, m.words), (1, 2));
        let words = ["اول"];
        let m = lookup("كانون", |i| words.get(i).copied()).unwrap();
        assert_eq!(m.month, 12);
    }
}
