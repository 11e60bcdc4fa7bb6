//! The closed-class words of Arabic date expressions, keyed by their folded form.
//!
//! Each word has one role ([`Lex`]). A word met in the text is looked up as written,
//! then without a leading و or ف («والأربعاء»), then, when what remains starts with the
//! article, without ب، ل or ك («بالأمس», «للعام» → «العام»): the conjunctions and
//! prepositions that cling to the next word. Stripping is never tried on a word that
//! matched as written, so «فبراير» stays a month.

use std::collections::HashMap;
use std::sync::OnceLock;

use jiff::civil::Weekday;
use marsad_text::{fold_str, Chain};

/// Relative position a qualifier gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Qual {
    /// الجاري، الحالي، هذا: the one we are in.
    Current,
    /// الماضي، المنصرم، الفائت: the previous one.
    Past,
    /// المقبل، القادم: the next one.
    Next,
    /// التالي، الموالي، اللاحق: the one after the date just named (discourse).
    Following,
    /// السابق: the one before (the date just named for days, publication otherwise).
    Preceding,
}

/// Calendar units that relative expressions count in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    /// يوم
    Day,
    /// أسبوع
    Week,
    /// شهر
    Month,
    /// عام، سنة
    Year,
}

/// Part of a month or year («مطلع», «منتصف», «أواخر»). The value keeps the precision of
/// the month or year: the text says no day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// مطلع، بداية، أوائل، مستهل
    Early,
    /// منتصف، أواسط
    Middle,
    /// أواخر، نهاية، آخر، ختام
    Late,
}

/// Time of day words, which shift a 12-hour clock reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Daypart {
    /// فجر، صباح
    Morning,
    /// ظهر: noon, 12 to 3 pm.
    Noon,
    /// عصر، مساء
    Evening,
    /// ليل، ليلة
    Night,
}

/// Prepositions that may introduce a date but are not part of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Prep {
    /// في، منذ، خلال، حتى، بحلول، قبل، بعد، مع، الى، عند: a year after these is a year.
    Temporal,
    /// من: a range may start here, and «من» joins an ordinal day to its month.
    From,
    /// بين: a range starts here.
    Between,
}

/// The role of a word in date grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lex {
    /// A day of the week, with the article.
    Weekday(Weekday),
    /// An ordinal 1–10 (الأول … العاشر); الحادي is 1 and combines with عشر and the tens.
    Ordinal(u8),
    /// عشر (ten, in 11–19).
    Teen,
    /// العشرين، والثلاثين … as a whole ordinal or after a units ordinal.
    Tens(u8),
    /// A calendar unit; `bool` is whether it carries the article (اليوم، الشهر).
    Unit(Unit, bool),
    /// عامي / سنتي: the dual, «بين عامي 2020 و2022».
    YearsDual,
    /// A qualifier.
    Qual(Qual),
    /// Part of a period.
    Part(Part),
    /// A time of day.
    Daypart(Daypart),
    /// أمس، الأمس، البارحة.
    Yesterday,
    /// غدا، الغد.
    Tomorrow,
    /// غد (in «بعد غد»).
    Morrow,
    /// أول (in «أول أمس», «أول يناير»).
    First,
    /// A preposition.
    Prep(Prep),
    /// الساعة.
    Hour,
    /// هـ، هجري: a Hijri year.
    EraHijri,
    /// م، ميلادي: a Gregorian year.
    EraGregorian,
    /// هذا، هذه.
    This,
    /// الموافق: joins a Hijri date to its Gregorian twin, or a weekday to its date.
    Corresponding,
    /// The conjunction و standing alone (or glued to a number: «و2022»).
    And,
    /// إلى / حتى between two ends of a range.
    To,
    /// النصف، الربع: half and quarter past, after an hour.
    Fraction(u8),
    /// Feminine ordinal hours: الواحدة … الثانية عشرة.
    HourWord(u8),
}

const WORDS: &[(&str, Lex)] = &[
    ("السبت", Lex::Weekday(Weekday::Saturday)),
    ("الأحد", Lex::Weekday(Weekday::Sunday)),
    ("الاثنين", Lex::Weekday(Weekday::Monday)),
    ("الإثنين", Lex::Weekday(Weekday::Monday)),
    ("الثلاثاء", Lex::Weekday(Weekday::Tuesday)),
    ("الأربعاء", Lex::Weekday(Weekday::Wednesday)),
    ("الخميس", Lex::Weekday(Weekday::Thursday)),
    ("الجمعة", Lex::Weekday(Weekday::Friday)),
    ("الأول", Lex::Ordinal(1)),
    ("الثاني", Lex::Ordinal(2)),
    ("الثالث", Lex::Ordinal(3)),
    ("الرابع", Lex::Ordinal(4)),
    ("الخامس", Lex::Ordinal(5)),
    ("السادس", Lex::Ordinal(6)),
    ("السابع", Lex::Ordinal(7)),
    ("الثامن", Lex::Ordinal(8)),
    ("التاسع", Lex::Ordinal(9)),
    ("العاشر", Lex::Ordinal(10)),
    ("الحادي", Lex::Ordinal(1)),
    ("عشر", Lex::Teen),
    ("العشرين", Lex::Tens(20)),
    ("العشرون", Lex::Tens(20)),
    ("الثلاثين", Lex::Tens(30)),
    ("الثلاثون", Lex::Tens(30)),
    ("يوم", Lex::Unit(Unit::Day, false)),
    ("يومي", Lex::Unit(Unit::Day, false)),
    ("اليوم", Lex::Unit(Unit::Day, true)),
    ("أسبوع", Lex::Unit(Unit::Week, false)),
    ("الأسبوع", Lex::Unit(Unit::Week, true)),
    ("شهر", Lex::Unit(Unit::Month, false)),
    ("الشهر", Lex::Unit(Unit::Month, true)),
    ("عام", Lex::Unit(Unit::Year, false)),
    ("العام", Lex::Unit(Unit::Year, true)),
    ("سنة", Lex::Unit(Unit::Year, false)),
    ("السنة", Lex::Unit(Unit::Year, true)),
    ("عامي", Lex::YearsDual),
    ("عامى", Lex::YearsDual),
    ("سنتي", Lex::YearsDual),
    ("الجاري", Lex::Qual(Qual::Current)),
    ("الجارية", Lex::Qual(Qual::Current)),
    ("الحالي", Lex::Qual(Qual::Current)),
    ("الحالية", Lex::Qual(Qual::Current)),
    ("الماضي", Lex::Qual(Qual::Past)),
    ("الماضية", Lex::Qual(Qual::Past)),
    ("المنصرم", Lex::Qual(Qual::Past)),
    ("المنصرمة", Lex::Qual(Qual::Past)),
    ("الفائت", Lex::Qual(Qual::Past)),
    ("الفائتة", Lex::Qual(Qual::Past)),
    ("المقبل", Lex::Qual(Qual::Next)),
    ("المقبلة", Lex::Qual(Qual::Next)),
    ("القادم", Lex::Qual(Qual::Next)),
    ("القادمة", Lex::Qual(Qual::Next)),
    ("التالي", Lex::Qual(Qual::Following)),
    ("التالية", Lex::Qual(Qual::Following)),
    ("الموالي", Lex::Qual(Qual::Following)),
    ("اللاحق", Lex::Qual(Qual::Following)),
    ("السابق", Lex::Qual(Qual::Preceding)),
    ("السابقة", Lex::Qual(Qual::Preceding)),
    ("مطلع", Lex::Part(Part::Early)),
    ("بداية", Lex::Part(Part::Early)),
    ("أوائل", Lex::Part(Part::Early)),
    ("مستهل", Lex::Part(Part::Early)),
    ("منتصف", Lex::Part(Part::Middle)),
    ("أواسط", Lex::Part(Part::Middle)),
    ("أواخر", Lex::Part(Part::Late)),
    ("نهاية", Lex::Part(Part::Late)),
    ("آخر", Lex::Part(Part::Late)),
    ("ختام", Lex::Part(Part::Late)),
    ("صباح", Lex::Daypart(Daypart::Morning)),
    ("صباحا", Lex::Daypart(Daypart::Morning)),
    ("فجر", Lex::Daypart(Daypart::Morning)),
    ("فجرا", Lex::Daypart(Daypart::Morning)),
    ("ظهر", Lex::Daypart(Daypart::Noon)),
    ("ظهرا", Lex::Daypart(Daypart::Noon)),
    ("عصر", Lex::Daypart(Daypart::Evening)),
    ("عصرا", Lex::Daypart(Daypart::Evening)),
    ("مساء", Lex::Daypart(Daypart::Evening)),
    ("مساءا", Lex::Daypart(Daypart::Evening)),
    ("ليل", Lex::Daypart(Daypart::Night)),
    ("ليلا", Lex::Daypart(Daypart::Night)),
    ("ليلة", Lex::Daypart(Daypart::Night)),
    ("أمس", Lex::Yesterday),
    ("الأمس", Lex::Yesterday),
    ("البارحة", Lex::Yesterday),
    ("غدا", Lex::Tomorrow),
    ("الغد", Lex::Tomorrow),
    ("غد", Lex::Morrow),
    ("أول", Lex::First),
    ("في", Lex::Prep(Prep::Temporal)),
    ("منذ", Lex::Prep(Prep::Temporal)),
    ("خلال", Lex::Prep(Prep::Temporal)),
    ("بحلول", Lex::Prep(Prep::Temporal)),
    ("قبل", Lex::Prep(Prep::Temporal)),
    ("بعد", Lex::Prep(Prep::Temporal)),
    ("مع", Lex::Prep(Prep::Temporal)),
    ("عند", Lex::Prep(Prep::Temporal)),
    ("طوال", Lex::Prep(Prep::Temporal)),
    ("من", Lex::Prep(Prep::From)),
    ("بين", Lex::Prep(Prep::Between)),
    ("إلى", Lex::To),
    ("حتى", Lex::To),
    ("لغاية", Lex::To),
    ("الساعة", Lex::Hour),
    ("ساعة", Lex::Hour),
    ("هـ", Lex::EraHijri),
    ("هجري", Lex::EraHijri),
    ("هجرية", Lex::EraHijri),
    ("للهجرة", Lex::EraHijri),
    ("م", Lex::EraGregorian),
    ("ميلادي", Lex::EraGregorian),
    ("ميلادية", Lex::EraGregorian),
    ("للميلاد", Lex::EraGregorian),
    ("هذا", Lex::This),
    ("هذه", Lex::This),
    ("الموافق", Lex::Corresponding),
    ("الموافقة", Lex::Corresponding),
    ("و", Lex::And),
    ("النصف", Lex::Fraction(30)),
    ("الربع", Lex::Fraction(15)),
    ("الواحدة", Lex::HourWord(1)),
    ("الثانية", Lex::HourWord(2)),
    ("الثالثة", Lex::HourWord(3)),
    ("الرابعة", Lex::HourWord(4)),
    ("الخامسة", Lex::HourWord(5)),
    ("السادسة", Lex::HourWord(6)),
    ("السابعة", Lex::HourWord(7)),
    ("الثامنة", Lex::HourWord(8)),
    ("التاسعة", Lex::HourWord(9)),
    ("العاشرة", Lex::HourWord(10)),
    ("الحادية", Lex::HourWord(11)),
];

fn table() -> &'static HashMap<String, Lex> {
    static TABLE: OnceLock<HashMap<String, Lex>> = OnceLock::new();
    TABLE.get_or_init(|| {
        WORDS
            .iter()
            .map(|(w, lex)| (fold_str(w, Chain::Match), *lex))
            .collect()
    })
}

/// The role of folded word `w`, trying it as written and then without its clitics.
pub(crate) fn lookup(w: &str) -> Option<Lex> {
    let t = table();
    if let Some(l) = t.get(w) {
        return Some(*l);
    }
    let rest = strip_conjunction(w);
    if let Some(l) = rest.and_then(|r| t.get(r)) {
        return Some(*l);
    }
    let stem = strip_preposition(rest.unwrap_or(w))?;
    let lex = t.get(stem.as_ref()).copied()?;
    // «لعام 2024»: a unit may lose its article to the preposition; anything else must
    // keep it («بالأمس»), or «باب» would be «آب».
    (stem.starts_with("ال") || matches!(lex, Lex::Unit(_, false))).then_some(lex)
}

/// `w` without a leading و or ف, when something is left.
pub(crate) fn strip_conjunction(w: &str) -> Option<&str> {
    let rest = w.strip_prefix('و').or_else(|| w.strip_prefix('ف'))?;
    (!rest.is_empty()).then_some(rest)
}

/// `w` without a clinging ب، ل or ك («بالأمس», «للعام» → «العام», «لعام» → «عام»).
fn strip_preposition(w: &str) -> Option<std::borrow::Cow<'_, str>> {
    if let Some(rest) = w.strip_prefix("لل") {
        return Some(format!("ال{rest}").into());
    }
    let rest = w
        .strip_prefix('ب')
        .or_else(|| w.strip_prefix('ل'))
        .or_else(|| w.strip_prefix('ك'))?;
    (!rest.is_empty()).then_some(rest.into())
}

/// Units that follow a number when it counts something rather than naming a day or a
/// year: «44 يوما», «90 دقيقة», «4 مليارات دولار». A year is never followed by one.
pub(crate) fn is_counted_noun(w: &str) -> bool {
    static SET: OnceLock<std::collections::HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        [
            "يوما",
            "يوم",
            "أيام",
            "ساعة",
            "ساعات",
            "دقيقة",
            "دقائق",
            "ثانية",
            "ثوان",
            "أسبوع",
            "أسابيع",
            "أسبوعا",
            "شهرا",
            "أشهر",
            "شهور",
            "عاما",
            "أعوام",
            "سنة",
            "سنوات",
            "دولار",
            "دولارا",
            "مليار",
            "مليارات",
            "مليون",
            "ملايين",
            "ألف",
            "آلاف",
            "يورو",
            "جنيه",
            "ريال",
            "درهم",
            "دينار",
            "ليرة",
            "روبل",
            "كيلومتر",
            "كم",
            "متر",
            "شخص",
            "شخصا",
            "قتيل",
            "قتيلا",
            "جريح",
            "جريحا",
            "جندي",
            "جنديا",
            "طن",
            "برميل",
            "بالمئة",
            "بالمائة",
            "في المئة",
            "نقطة",
            "هدف",
            "أهداف",
            "صوت",
            "صوتا",
            "مقعد",
            "مقعدا",
            "قرية",
            "قرى",
            "عضو",
            "عضوا",
            "دولة",
            "دول",
            "لاجئ",
            "منزل",
            "طائرة",
        ]
        .iter()
        .map(|w| fold_str(w, Chain::Match))
        .collect()
    })
    .contains(w)
}

/// Whether folded word `w` marks the future tense or a scheduled event: a verb with the
/// future prefix س (سيعقد، ستجري، سنعمل), «سوف», or words of scheduling (المقرر،
/// المرتقب، يعتزم). Nouns that happen to start with سي/ست/سن (سياسة، سيطرة، سيارة،
/// سنة، ستة …) are excluded by a stop list of stems; a miss here only weakens a
/// preference, it never creates a date.
pub(crate) fn is_future_cue(w: &str) -> bool {
    static CUES: OnceLock<std::collections::HashSet<String>> = OnceLock::new();
    static STOP: OnceLock<Vec<String>> = OnceLock::new();
    let cues = CUES.get_or_init(|| {
        [
            "سوف",
            "المقرر",
            "المقررة",
            "المرتقب",
            "المرتقبة",
            "المزمع",
            "المزمعة",
            "يعتزم",
            "تعتزم",
            "يزمع",
            "تزمع",
            "المنتظر",
            "المتوقع",
            "مقرر",
            "مقررة",
        ]
        .iter()
        .map(|w| fold_str(w, Chain::Match))
        .collect()
    });
    let w = strip_conjunction(w)
        .filter(|r| r.starts_with('س'))
        .unwrap_or(w);
    if cues.contains(w) {
        return true;
    }
    let mut chars = w.chars();
    if chars.next() != Some('س') || !matches!(chars.next(), Some('ي' | 'ت' | 'ن')) {
        return false;
    }
    if w.chars().count() < 4 {
        return false;
    }
    let stop = STOP.get_or_init(|| {
        [
            "سياس",
            "سيطر",
            "سيار",
            "سيد",
            "سنة",
            "سنو",
            "سنت",
            "ستين",
            "ستة",
            "ستار",
            "سينا",
            "سيول",
            "سيف",
            "سير",
            "سياق",
            "سياد",
            "سينم",
            "ستوك",
            "سنغاف",
            "سيئ",
            "ستالين",
            "ستيف",
            "ستيب",
            "ستان",
            "سيبير",
            "سيريلانك",
            "سيمفون",
            "سين",
            "سنود",
            "سنين",
            "ستوديو",
            "سيسي",
            "سيكو",
            "سيول",
            "سيج",
            "سيناتور",
            "سنجار",
            "ستراس",
            "سيرغي",
            "سيرجي",
            "ستولتنبرغ",
            "سيليكون",
            "ستر",
        ]
        .iter()
        .map(|w| fold_str(w, Chain::Match))
        .collect()
    });
    !stop.iter().any(|s| w.starts_with(s.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clitics_are_stripped_only_when_needed() {
        assert_eq!(lookup("والاربعاء"), Some(Lex::Weekday(Weekday::Wednesday)));
        assert_eq!(lookup("بالامس"), Some(Lex::Yesterday));
        assert_eq!(lookup("للعام"), Some(Lex::Unit(Unit::Year, true)));
        assert_eq!(
            lookup("فبراير"),
            None,
            "months live in the families registry"
        );
        assert_eq!(lookup("لعام"), Some(Lex::Unit(Unit::Year, false)));
        assert_eq!(
            lookup("بامس"),
            None,
            "ب is stripped only before the article or a unit"
        );
    }

    #[test]
    fn future_cues() {
        for (w, want) in [
            ("سيعقد", true),
            ("وستجري", true),
            ("سيتم", true),
            ("سوف", true),
            ("سياسه", false),
            ("سيطره", false),
            ("سنه", false),
            ("ستيباناكرت", false),
            ("عقد", false),
        ] {
            assert_eq!(is_future_cue(w), want, "{w}");
        }
    }
}
