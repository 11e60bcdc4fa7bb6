//! The closed-class words of Arabic date expressions, keyed by their folded form.
//!
//! Each word has one role ([`Lex`]). A word met in the text is looked up as written,
//! then without a leading و or ف («والأربعاء»), then, when what remains starts with the
//! article, without ب، ل or ك («بالأمس», «للعام» → «العام»): the conjunctions and
//! prepositions that cling to the next word. Stripping is never tried on a word that
//! matched as written, so «فبراير» stays a month.

// Every word of every sentence is looked up here, in maps built once: a fast hasher
// (no flooding risk: the keys are our own word lists) instead of SipHash, which was
// a tenth of the dates stage.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
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
    /// Feminine ordinal hours: الواحدة … الثانية عشرة; also feminine ordinals in dates
    /// («الجمعة الثالثة من رمضان»).
    HourWord(u8),
    /// A cardinal number word: ثلاثة، سبعة، اثني … (a month by number, a count of days).
    Cardinal(u8),
    /// An ordinal without the article: ثاني، ثالث، رابع … («رابع خميس», «ثاني أيام»);
    /// «أول» is [`Lex::First`] and «آخر» is [`Lex::Part`].
    OrdinalBare(u8),
    /// الأولى (feminine first) and الأخير، الأخيرة (last), after a weekday.
    OrdinalOther(i8),
    /// أيام: «أول أيام عيد الفطر», «آخر أيام الشهر».
    Days,
    /// الليلة: tonight; «الليلة الماضية» is last night.
    TheNight,
    /// A counted unit with the article, which may open a stretch of time: «الأسبوعين
    /// الماضيين», «الأيام الثلاثة المقبلة» (read by `lexicon::count_unit`).
    Counted,
    /// The first word of a holiday's name (عيد، رأس، الكريسماس، عاشوراء …), looked up
    /// whole by `parse::holiday`.
    Feast,
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
    ("الواحد", Lex::Ordinal(1)),
    ("عشر", Lex::Teen),
    ("عشرة", Lex::Teen),
    ("واحد", Lex::Cardinal(1)),
    ("أحد", Lex::Cardinal(1)),
    ("إحدى", Lex::Cardinal(1)),
    ("اثنين", Lex::Cardinal(2)),
    ("اثنان", Lex::Cardinal(2)),
    ("اثني", Lex::Cardinal(2)),
    ("اثنا", Lex::Cardinal(2)),
    ("اثنتي", Lex::Cardinal(2)),
    ("اثنتا", Lex::Cardinal(2)),
    ("ثلاثة", Lex::Cardinal(3)),
    ("ثلاث", Lex::Cardinal(3)),
    ("أربعة", Lex::Cardinal(4)),
    ("أربع", Lex::Cardinal(4)),
    ("خمسة", Lex::Cardinal(5)),
    ("خمس", Lex::Cardinal(5)),
    ("ستة", Lex::Cardinal(6)),
    ("ست", Lex::Cardinal(6)),
    ("سبعة", Lex::Cardinal(7)),
    ("سبع", Lex::Cardinal(7)),
    ("ثمانية", Lex::Cardinal(8)),
    ("ثماني", Lex::Cardinal(8)),
    ("ثمان", Lex::Cardinal(8)),
    ("تسعة", Lex::Cardinal(9)),
    ("تسع", Lex::Cardinal(9)),
    ("عشرين", Lex::Cardinal(20)),
    ("عشرون", Lex::Cardinal(20)),
    ("ثلاثين", Lex::Cardinal(30)),
    ("ثاني", Lex::OrdinalBare(2)),
    ("ثالث", Lex::OrdinalBare(3)),
    ("رابع", Lex::OrdinalBare(4)),
    ("خامس", Lex::OrdinalBare(5)),
    ("الأولى", Lex::OrdinalOther(1)),
    ("الأخير", Lex::OrdinalOther(-1)),
    ("الأخيرة", Lex::OrdinalOther(-1)),
    ("أيام", Lex::Days),
    ("الأيام", Lex::Counted),
    ("اليومين", Lex::Counted),
    ("الأسابيع", Lex::Counted),
    ("الأسبوعين", Lex::Counted),
    ("الأشهر", Lex::Counted),
    ("الشهور", Lex::Counted),
    ("الشهرين", Lex::Counted),
    ("الأعوام", Lex::Counted),
    ("العامين", Lex::Counted),
    ("السنوات", Lex::Counted),
    ("السنين", Lex::Counted),
    ("السنتين", Lex::Counted),
    ("الليلة", Lex::TheNight),
    ("عيد", Lex::Feast),
    ("رأس", Lex::Feast),
    ("الكريسماس", Lex::Feast),
    ("كريسماس", Lex::Feast),
    ("عاشوراء", Lex::Feast),
    ("المولد", Lex::Feast),
    ("وقفة", Lex::Feast),
    ("الميلاد", Lex::Feast),
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
    ("الماضيين", Lex::Qual(Qual::Past)),
    ("الماضيان", Lex::Qual(Qual::Past)),
    ("الأخيرين", Lex::Qual(Qual::Past)),
    ("المقبلين", Lex::Qual(Qual::Next)),
    ("القادمين", Lex::Qual(Qual::Next)),
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
    ("البارح", Lex::Yesterday),
    ("امبارح", Lex::Yesterday),
    ("مبارح", Lex::Yesterday),
    ("مبارحة", Lex::Yesterday),
    ("النهارده", Lex::Unit(Unit::Day, true)),
    ("النهاردة", Lex::Unit(Unit::Day, true)),
    ("بكرة", Lex::Tomorrow),
    ("بكره", Lex::Tomorrow),
    ("بكرا", Lex::Tomorrow),
    ("غدا", Lex::Tomorrow),
    ("الغد", Lex::Tomorrow),
    ("غد", Lex::Morrow),
    ("عشية", Lex::Daypart(Daypart::Night)),
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
    // A feast's first word may take the preposition too: «بعيد الفطر», «لعيد الأضحى».
    (stem.starts_with("ال") || matches!(lex, Lex::Unit(_, false) | Lex::Feast)).then_some(lex)
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
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
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

/// How a calendar unit word counts: «يومين» is two days, «أيام» wants a number before
/// it, «أسبوع» alone is one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Count {
    /// The singular: one, or the counted noun after a number of 11 or more («15 يوما»).
    One,
    /// The dual: two.
    Two,
    /// The plural: a number must come before or after it.
    Many,
}

/// A calendar unit as counted in durations («منذ ثلاثة أيام», «خلال الأسبوعين
/// الماضيين»), with whether it carried the article. Hours and minutes are not dates.
pub(crate) fn count_unit(w: &str) -> Option<(Unit, Count, bool)> {
    static MAP: OnceLock<HashMap<String, (Unit, Count)>> = OnceLock::new();
    let map = MAP.get_or_init(|| {
        [
            ("يوم", Unit::Day, Count::One),
            ("يوما", Unit::Day, Count::One),
            ("يومين", Unit::Day, Count::Two),
            ("يومان", Unit::Day, Count::Two),
            ("أيام", Unit::Day, Count::Many),
            ("أسبوع", Unit::Week, Count::One),
            ("أسبوعا", Unit::Week, Count::One),
            ("أسبوعين", Unit::Week, Count::Two),
            ("أسبوعان", Unit::Week, Count::Two),
            ("أسابيع", Unit::Week, Count::Many),
            ("شهر", Unit::Month, Count::One),
            ("شهرا", Unit::Month, Count::One),
            ("شهرين", Unit::Month, Count::Two),
            ("شهران", Unit::Month, Count::Two),
            ("أشهر", Unit::Month, Count::Many),
            ("شهور", Unit::Month, Count::Many),
            ("عام", Unit::Year, Count::One),
            ("عاما", Unit::Year, Count::One),
            ("عامين", Unit::Year, Count::Two),
            ("عامان", Unit::Year, Count::Two),
            ("أعوام", Unit::Year, Count::Many),
            ("سنة", Unit::Year, Count::One),
            ("سنتين", Unit::Year, Count::Two),
            ("سنتان", Unit::Year, Count::Two),
            ("سنوات", Unit::Year, Count::Many),
            ("سنين", Unit::Year, Count::Many),
        ]
        .iter()
        .map(|(w, u, c)| (fold_str(w, Chain::Match), (*u, *c)))
        .collect()
    });
    let w = strip_conjunction(w)
        .filter(|r| !map.contains_key(w) && r.len() > 2)
        .unwrap_or(w);
    if let Some(&(u, c)) = map.get(w) {
        return Some((u, c, false));
    }
    let bare = w
        .strip_prefix("ال")
        .or_else(|| w.strip_prefix("لل"))
        .or_else(|| w.strip_prefix("بال"))?;
    map.get(bare).map(|&(u, c)| (u, c, true))
}

/// Whether folded word `w` marks the future tense or a scheduled event: a verb with the
/// future prefix س (سيعقد، ستجري، سنعمل), «سوف», or words of scheduling (المقرر،
/// المرتقب، يعتزم). Nouns that happen to start with سي/ست/سن (سياسة، سيطرة، سيارة،
/// سنة، ستة …) are excluded by a stop list of stems; a miss here only weakens a
/// preference, it never creates a date.
pub(crate) fn is_future_cue(w: &str) -> bool {
    static CUES: OnceLock<HashSet<String>> = OnceLock::new();
    static STOP: OnceLock<Vec<String>> = OnceLock::new();
    // The shared list (`data/text/future_cues.tsv`), the words marked `dates`.
    let cues = CUES.get_or_init(|| {
        marsad_text::lists::FUTURE_CUES
            .words_for("dates")
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
