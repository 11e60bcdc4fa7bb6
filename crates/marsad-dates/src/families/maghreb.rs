//! The Maghreb's names: Algeria and Tunisia take theirs from French (جانفي، فيفري، أفريل،
//! ماي، جوان، جويلية، أوت), Morocco keeps older ones for the second half of the year
//! (يوليوز، غشت، شتنبر، نونبر، دجنبر). Names shared with the Egyptian family (مارس،
//! سبتمبر، أكتوبر …) are listed again so that this family reads whole on its own.
//!
//! ماي, جوان (also a first name), أوت and غشت are short or ambiguous: weak.

use super::{strong as s, weak as w};
use super::{Calendar, Family};

/// The Maghrebi family.
pub(crate) const FAMILY: Family = Family {
    name: "maghreb",
    calendar: Calendar::Gregorian,
    names: &[
        s("جانفي", 1),
        s("يناير", 1),
        s("فيفري", 2),
        s("فبراير", 2),
        w("مارس", 3),
        s("أفريل", 4),
        s("أبريل", 4),
        w("ماي", 5),
        w("جوان", 6),
        s("يونيو", 6),
        s("جويلية", 7),
        s("جويلة", 7),
        s("يوليوز", 7),
        w("أوت", 8),
        w("غشت", 8),
        s("سبتمبر", 9),
        s("شتنبر", 9),
        s("أكتوبر", 10),
        s("نوفمبر", 11),
        s("نونبر", 11),
        s("ديسمبر", 12),
        s("دجنبر", 12),
    ],
};
