//! The names borrowed from French and English that Egypt, the Gulf, Sudan and most
//! pan-Arab outlets use (يناير … ديسمبر), with the spellings wire copy really prints
//! (أغسطس and اغسطس fold together; أغسطوس, يونيه, يوليه and إبريل are listed).
//!
//! مارس is also the verb "practised" («مارس الضغط»), so it is weak.

use super::{strong as s, weak as w};
use super::{Calendar, Family};

/// The Egyptian and Gulf family.
pub(crate) const FAMILY: Family = Family {
    name: "egypt_gulf",
    calendar: Calendar::Gregorian,
    names: &[
        s("يناير", 1),
        s("فبراير", 2),
        s("فبرایر", 2),
        w("مارس", 3),
        s("أبريل", 4),
        s("ابريل", 4),
        s("إبريل", 4),
        s("مايو", 5),
        s("يونيو", 6),
        s("يونيه", 6),
        s("يوليو", 7),
        s("يوليه", 7),
        s("أغسطس", 8),
        s("أغسطوس", 8),
        s("اغسطس", 8),
        s("سبتمبر", 9),
        s("أكتوبر", 10),
        s("اكتوبر", 10),
        s("نوفمبر", 11),
        s("ديسمبر", 12),
    ],
};
