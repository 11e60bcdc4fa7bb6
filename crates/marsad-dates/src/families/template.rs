//! Template for the next month-name family: copy this file, rename it after the region
//! or calendar (not after a source), fill in `names`, and add `&yourfamily::FAMILY` to
//! `FAMILIES` in `mod.rs`.
//!
//! Rules of thumb, learned from the families already here:
//! * Write names as readers see them, hamza and ta marbuta included; the registry folds
//!   them, so أ/ا and ة/ه variants need no separate rows, but genuinely different
//!   spellings (يونيو / يونيه) do.
//! * A name that is also a common word or a first name is `Weak`: it then counts as a
//!   month only with a day, a year, a qualifier («الماضي») or a paired name beside it.
//! * Multi-word names («كانون الثاني») are one string with a space; list the form
//!   without the article too if wire copy uses it («كانون ثاني»).
//! * A spelling shared with another family must mean the same month there (a unit test
//!   in `mod.rs` checks).
//! * Then add table rows for the family to `tests/data/dates.tsv`.

use super::{strong as s, weak as w};
use super::{Calendar, Family};

/// An example family: the Assyrian-Kurdish names used in some Iraqi outlets would go
/// here. Left empty and out of the registry.
pub(crate) const FAMILY: Family = Family {
    name: "template",
    calendar: Calendar::Gregorian,
    // `s(…)` for a name that means only its month, `w(…)` for one that is also a word.
    names: &[s("مثال", 1), w("مثال آخر", 2)],
};
