//! The Hijri months, counted in the Umm al-Qura calendar (icu_calendar's compiled
//! tables), which Saudi and Gulf outlets print beside or instead of the Gregorian date
//! («15 رمضان 1445 هـ»).
//!
//! Every Hijri name is weak: رجب، رمضان، شعبان are first names (رجب طيب أردوغان), صفر is
//! "zero", محرم "forbidden", ربيع "spring". They are months only with a day before them,
//! a year after them, or «شهر» before them.

use super::{guarded as g, weak as w};
use super::{Calendar, Family};

/// The Hijri family.
pub(crate) const FAMILY: Family = Family {
    name: "hijri",
    calendar: Calendar::Hijri,
    names: &[
        w("محرم", 1),
        g("صفر", 2),
        w("ربيع الأول", 3),
        w("ربيع أول", 3),
        w("ربيع الآخر", 4),
        w("ربيع الثاني", 4),
        w("ربيع ثاني", 4),
        w("جمادى الأولى", 5),
        w("جمادى الأول", 5),
        w("جمادى الآخرة", 6),
        w("جمادى الثانية", 6),
        w("جمادى الآخر", 6),
        w("جمادى الثاني", 6),
        w("رجب", 7),
        w("شعبان", 8),
        w("رمضان", 9),
        w("شوال", 10),
        w("ذو القعدة", 11),
        w("ذي القعدة", 11),
        w("ذو الحجة", 12),
        w("ذي الحجة", 12),
    ],
};
