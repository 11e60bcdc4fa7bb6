//! The Syriac-derived names of Syria, Lebanon, Jordan, Palestine and Iraq (كانون الثاني …
//! كانون الأول), which pan-Arab outlets print beside the Egyptian name («سبتمبر/ أيلول»).
//!
//! «كانون ثاني» and «تشرين أول» without the article are common in wire copy and listed.
//! آب folds to the same letters as أب ("father"), نيسان is also a carmaker and تموز a
//! god: those are weak and need a day, a year, a qualifier or a pair.

use super::{strong as s, weak as w};
use super::{Calendar, Family};

/// The Levantine family.
pub(crate) const FAMILY: Family = Family {
    name: "levant",
    calendar: Calendar::Gregorian,
    names: &[
        s("كانون الثاني", 1),
        s("كانون ثاني", 1),
        s("شباط", 2),
        s("آذار", 3),
        w("نيسان", 4),
        s("أيار", 5),
        s("حزيران", 6),
        w("تموز", 7),
        w("آب", 8),
        s("أيلول", 9),
        s("تشرين الأول", 10),
        s("تشرين أول", 10),
        s("تشرين الثاني", 11),
        s("تشرين ثاني", 11),
        s("كانون الأول", 12),
        s("كانون أول", 12),
    ],
};
