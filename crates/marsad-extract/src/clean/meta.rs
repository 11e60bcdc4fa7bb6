//! Lines that say who published a page, who wrote it and when: datelines («باكو/
//! الأناضول»), source lines («المصدر: وكالات»), outlet introductions («شبكة … :»),
//! bylines («كتب: …», «By …») and stamps («Name | 19.08.2024 - محدث : 19.08.2024»).
//! Such lines feed the record's fields instead of its body.

use std::sync::OnceLock;

use marsad_text::{fold_str, Chain};
use regex::Regex;

use super::lexicon::Kind;
use super::line::Line;

/// What a metadata line says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Meta {
    /// The credited outlet.
    pub outlet: Option<String>,
    /// Authors, in order.
    pub authors: Vec<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
}

/// Reads `line` as a metadata line, or returns `None` when it is not one.
pub fn read(line: &Line<'_>) -> Option<Meta> {
    if line.words == 0 || line.words > 16 || line.has(Kind::Join) {
        return None;
    }
    source(line)
        .or_else(|| stamp(line))
        .or_else(|| byline(line))
        .or_else(|| dateline(line))
}

/// «المصدر: وكالات», «Source: Reuters», «(المصدر: الأناضول)».
fn source(line: &Line<'_>) -> Option<Meta> {
    if !line.starts_with(Kind::Source) || line.words > 8 {
        return None;
    }
    let t = line
        .text
        .trim_matches(|c: char| c == '(' || c == ')' || c.is_whitespace());
    let (_, rest) = t.split_once([':', '：'])?;
    let name = clean_name(rest)?;
    Some(Meta {
        outlet: Some(name),
        ..Meta::default()
    })
}

/// Words that name a kind of news outlet, for lines that introduce one.
const OUTLET_WORDS: &[&str] = &[
    "شبكه",
    "وكاله",
    "موقع",
    "صحيفه",
    "جريده",
    "قناه",
    "نيوز",
    "بوابه",
    "اذاعه",
    "تلفزيون",
    "مجله",
    "news",
    "agency",
    "press",
    "radio",
    "tv",
    "times",
    "post",
];

/// A short line that names an outlet and ends with a colon, standing before the lead:
/// «شبكة أخبار تركيا للناطقين باللغة العربية :».
pub fn outlet_intro(line: &Line<'_>) -> Option<String> {
    let t = line.text.trim_end();
    if line.words > 10
        || !t.ends_with([':', '：'])
        || line.has(Kind::Marker)
        || line.has(Kind::Tail)
    {
        return None;
    }
    if !line
        .key
        .split_whitespace()
        .any(|w| OUTLET_WORDS.contains(&w))
    {
        return None;
    }
    clean_name(t.trim_end_matches([':', '：']))
}

/// «باكو/ الأناضول», «عمان - بترا», «القاهرة (رويترز)» on a line of their own.
fn dateline(line: &Line<'_>) -> Option<Meta> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^(?P<place>[\p{L}\-]+(?: [\p{L}\-]+){0,2})\s*(?:/|\s[-–—]\s|\()\s*(?P<outlet>[\p{L}][\p{L} .]{1,40}?)\s*\)?\s*[:\-–]?$")
            .expect("dateline regex")
    });
    if line.words > 6 || line.ends_sentence {
        return None;
    }
    let c = re.captures(line.text.trim())?;
    // «م ح/ س ص» is an editor's desk code, initials on both sides: a place and an
    // outlet are each spelled with at least one word of three letters.
    let has_word = |s: &str| s.split_whitespace().any(|w| w.chars().count() >= 3);
    if !has_word(&c["place"]) || !has_word(&c["outlet"]) {
        return None;
    }
    let outlet = clean_name(&c["outlet"])?;
    Some(Meta {
        outlet: Some(outlet),
        ..Meta::default()
    })
}

/// The dateline that opens a lead paragraph: «AMMAN (Reuters) - …», «ALMATY, May 10
/// (Reuters) - …», «القاهرة (رويترز) - …», «عمان - بترا: …», «مسقط في 9 يناير /العمانية/
/// …». Returns the outlet; the paragraph itself stays in the body.
pub fn lead_dateline(text: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"(?x)
            ^\s*[\p{L}][\p{L}\-.\ ]{0,30}?
            # The day may stand between place and outlet: «, May 10», «في 9 يناير».
            (?:,?\s*(?:في\s+)?(?:\d{1,2}\s+\p{L}+|\p{L}+\.?\s+\d{1,2}))?
            \s*
            (?: \((?P<a>[^()]{2,40})\)\s*[-–—:]
              | [-–—/]\s*(?P<b>[\p{L}][\p{L}\ .]{0,30}?)\s*[:：]
              | /\s*(?P<c>[\p{L}][\p{L}\ .]{0,30}?)\s*/ )",
        )
        .expect("lead dateline regex")
    });
    let c = re.captures(text)?;
    let outlet = c.name("a").or(c.name("b")).or(c.name("c"))?.as_str();
    // «(الأناضول)» is an outlet; «(يقصد التدخل)» in running text is not: keep it short.
    (outlet.split_whitespace().count() <= 4)
        .then(|| clean_name(outlet))
        .flatten()
}

/// «كتب: أحمد سالم», «بقلم محمد علي», «By Jane Doe», «Par Karim B.».
fn byline(line: &Line<'_>) -> Option<Meta> {
    if !line.starts_with(Kind::Byline) || line.words > 8 || line.ends_sentence {
        return None;
    }
    let t = line.text.trim();
    let rest = match t.split_once([':', '：']) {
        Some((head, rest)) if head.split_whitespace().count() <= 2 => rest,
        // Without a colon only the unambiguous openers: بقلم, By, Par.
        _ => {
            let (head, rest) = t.split_once(char::is_whitespace)?;
            let head = fold_str(head, Chain::Match);
            match head.as_str() {
                "بقلم" | "by" | "par" => rest,
                // «كتب أحمد عبد الحميد» alone on a line, a name of two to four words.
                "كتب" | "كتبت" if (2..=4).contains(&rest.split_whitespace().count()) => rest,
                _ => return None,
            }
        }
    };
    let authors = split_names(rest);
    if authors.is_empty() {
        return None;
    }
    Some(Meta {
        authors,
        ..Meta::default()
    })
}

/// A line that carries a date beside names, separators and stamp words: the publication
/// date is the first date not introduced by an update word.
fn stamp(line: &Line<'_>) -> Option<Meta> {
    // No digit, no date: most lines stop here, before folding and the date pattern.
    if !line.text.chars().any(|c| c.is_numeric()) {
        return None;
    }
    let digits = fold_str(line.text, Chain::Lossless);
    let found = dates(&digits);
    if found.is_empty() {
        return None;
    }
    // A date inside a sentence is news, not a stamp: stamps are mostly date, clock
    // and furniture. Count the words that are neither.
    let mut rest = String::with_capacity(digits.len());
    let mut at = 0;
    for d in &found {
        rest.push_str(&digits[at..d.start]);
        rest.push(' ');
        at = d.end;
    }
    rest.push_str(&digits[at..]);
    let other_words = lexicon_key(&rest)
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic) && !CLOCK_WORDS.contains(w))
        .count();
    let has_stamp_word = line.has(Kind::Update) || line.has(Kind::Publish);
    if other_words > 8 || (!has_stamp_word && !digits.contains('|') && other_words > 3) {
        return None;
    }
    let mut meta = Meta::default();
    // «الأربعاء، 28 آب 2013، آخر تحديث 14:00»: one date and an update word is an update;
    // but «May 10, 2024 10:42 AM Updated 2 hours ago» dates the story and says, relative
    // to now, when it changed.
    let relative = line
        .key
        .split_whitespace()
        .any(|w| RELATIVE_WORDS.contains(&w));
    let update_only =
        found.len() == 1 && line.has(Kind::Update) && !line.has(Kind::Publish) && !relative;
    for d in found.iter().filter(|_| !update_only) {
        let before = &digits[..d.start];
        let segment_start = before
            .char_indices()
            .rev()
            .find(|(_, c)| matches!(c, '|' | '-' | '،' | ','))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let segment = lexicon_key(&before[segment_start..]);
        let is_update = super::lexicon::hits(&segment)
            .iter()
            .any(|h| h.kind == Kind::Update);
        if !is_update && meta.published.is_none() {
            meta.published = Some(d.iso.clone());
        }
    }
    if let Some((names, _)) = digits.split_once('|') {
        if !names.chars().any(|c| c.is_ascii_digit()) {
            meta.authors = split_names(names);
        }
    }
    // A stamp with only an update date is still a stamp: furniture, not a headline.
    Some(meta)
}

/// Words that go with a clock time in a stamp («03:00 م», «10:42 AM GMT+3»), folded.
const CLOCK_WORDS: &[&str] = &[
    "am",
    "pm",
    "gmt",
    "utc",
    "ص",
    "م",
    "صباحا",
    "مساء",
    "مساءا",
    "ظهرا",
    "بتوقيت",
    "توقيت",
    "الساعه",
];

/// Words that date an update relative to the reader's now («منذ ساعتين», «2 hours ago»).
const RELATIVE_WORDS: &[&str] = &["ago", "منذ", "il", "depuis"];

fn lexicon_key(s: &str) -> String {
    super::lexicon::key(s)
}

fn clean_name(s: &str) -> Option<String> {
    let name = s
        .trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, ':' | '-' | '–' | '(' | ')' | '.' | '«' | '»' | '"')
        })
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (!name.is_empty() && name.split(' ').count() <= 8).then_some(name)
}

fn split_names(s: &str) -> Vec<String> {
    s.split([',', '،', '&', '؛', ';'])
        .flat_map(|p| p.split(" and ").flat_map(|p| p.split(" و")))
        .filter_map(clean_name)
        .filter(|n| n.split(' ').count() <= 5 && !n.chars().any(|c| c.is_ascii_digit()))
        .collect()
}

/// A date found in a stamp: byte range and ISO value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StampDate {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset past the last character.
    pub end: usize,
    /// `YYYY-MM-DD`.
    pub iso: String,
}

/// Month names of the families Arabic pages print stamps in (Egypt and Gulf, Levant,
/// Maghreb), with English and French, folded. The full date grammar lives with the
/// temporal annotator; stamps only ever need day, month name and year.
const MONTHS: &[(&str, u32)] = &[
    ("يناير", 1),
    ("جانفي", 1),
    ("كانون الثاني", 1),
    ("كانون ثاني", 1),
    ("فبراير", 2),
    ("فيفري", 2),
    ("شباط", 2),
    ("مارس", 3),
    ("اذار", 3),
    ("ابريل", 4),
    ("افريل", 4),
    ("نيسان", 4),
    ("مايو", 5),
    ("ماي", 5),
    ("ايار", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("جوان", 6),
    ("حزيران", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("جويليه", 7),
    ("تموز", 7),
    ("اغسطس", 8),
    ("اغسطس", 8),
    ("اوت", 8),
    ("اب", 8),
    ("سبتمبر", 9),
    ("ايلول", 9),
    ("اكتوبر", 10),
    ("تشرين الاول", 10),
    ("نوفمبر", 11),
    ("تشرين الثاني", 11),
    ("ديسمبر", 12),
    ("دجنبر", 12),
    ("كانون الاول", 12),
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("janvier", 1),
    ("fevrier", 2),
    ("février", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("aout", 8),
    ("août", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("decembre", 12),
    ("décembre", 12),
];

fn month_number(name: &str) -> Option<u32> {
    let f = fold_str(name, Chain::Match);
    let f = f.split_whitespace().collect::<Vec<_>>().join(" ");
    MONTHS.iter().find(|(m, _)| *m == f).map(|&(_, n)| n)
}

/// Dates in a stamp line whose digits are ASCII: `19.08.2024`, `19/8/2024`,
/// `2024-08-19`, `19 أغسطس 2024`, `August 19, 2024`.
pub fn dates(s: &str) -> Vec<StampDate> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"(?x)
            \b(?P<y1>(?:19|20)\d{2})[-/.](?P<m1>\d{1,2})[-/.](?P<d1>\d{1,2})\b
          | \b(?P<d2>\d{1,2})[-/.](?P<m2>\d{1,2})[-/.](?P<y2>(?:19|20)\d{2})\b
          | \b(?P<d3>\d{1,2})\s+(?P<mn3>\p{L}+(?:\s+\p{L}+)?)\s*(?:/\s*\p{L}+(?:\s+\p{L}+)?\s*)?,?\s+(?P<y3>(?:19|20)\d{2})\b
          | \b(?P<mn4>\p{L}+)\s+(?P<d4>\d{1,2}),?\s+(?P<y4>(?:19|20)\d{2})\b",
        )
        .expect("stamp date regex")
    });
    let mut out = Vec::new();
    for c in re.captures_iter(s) {
        let whole = c.get(0).expect("match");
        let num = |n: &str| c.name(n).and_then(|m| m.as_str().parse::<u32>().ok());
        let ymd = if let (Some(y), Some(m), Some(d)) = (num("y1"), num("m1"), num("d1")) {
            Some((y, m, d))
        } else if let (Some(y), Some(m), Some(d)) = (num("y2"), num("m2"), num("d2")) {
            Some((y, m, d))
        } else if let (Some(y), Some(d)) = (num("y3"), num("d3")) {
            // «19 أغسطس/آب 2024»: the month may be two words (كانون الثاني) or a pair.
            let name = &c["mn3"];
            month_number(name)
                .or_else(|| name.split_whitespace().next().and_then(month_number))
                .map(|m| (y, m, d))
        } else if let (Some(y), Some(d)) = (num("y4"), num("d4")) {
            month_number(&c["mn4"]).map(|m| (y, m, d))
        } else {
            None
        };
        if let Some((y, m, d)) = ymd {
            if (1..=12).contains(&m) && (1..=31).contains(&d) {
                out.push(StampDate {
                    start: whole.start(),
                    end: whole.end(),
                    iso: format!("{y:04}-{m:02}-{d:02}"),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(s: &str) -> Option<Meta> {
        read(&Line::new(1, s))
    }

    #[test]
    fn reads_datelines_and_sources() {
        assert_eq!(
            meta("باكو/ الأناضول").unwrap().outlet.as_deref(),
            Some("الأناضول")
        );
        assert_eq!(meta("عمان - بترا").unwrap().outlet.as_deref(), Some("بترا"));
        assert_eq!(
            meta("المصدر: وكالات").unwrap().outlet.as_deref(),
            Some("وكالات")
        );
        assert_eq!(
            meta("Source: Reuters").unwrap().outlet.as_deref(),
            Some("Reuters")
        );
        assert_eq!(meta("بحث الرئيسان الوضع في المنطقة."), None);
        assert_eq!(meta("م ح/ س ص"), None);
    }

    #[test]
    fn prefers_publication_over_update_stamps() {
        let m = meta("Jane Roe, John Doe  | 19.08.2024 - محدث : 20.08.2024").unwrap();
        assert_eq!(m.published.as_deref(), Some("2024-08-19"));
        assert_eq!(m.authors, ["Jane Roe", "John Doe"]);
        let m = meta("آخر تحديث: 21/08/2024 | نشر في 19/08/2024").unwrap();
        assert_eq!(m.published.as_deref(), Some("2024-08-19"));
        assert_eq!(
            meta("نشر في ١٢ جوان ٢٠٢٣").unwrap().published.as_deref(),
            Some("2023-06-12")
        );
    }

    #[test]
    fn never_takes_a_join_date() {
        assert_eq!(meta("إنضم 20 نوفمبر 2021"), None);
    }

    #[test]
    fn reads_bylines() {
        assert_eq!(
            meta("كتب أحمد عبد الحميد").unwrap().authors,
            vec!["أحمد عبد الحميد"]
        );
        assert_eq!(meta("كتب الرئيس رسالة إلى نظيره يدعوه فيها للحوار."), None);
        assert_eq!(meta("كتب: سامي الأحمد").unwrap().authors, ["سامي الأحمد"]);
        assert_eq!(
            meta("By Jane Roe and John Doe").unwrap().authors,
            ["Jane Roe", "John Doe"]
        );
        assert_eq!(meta("كتب الوزير رسالة إلى نظيره يطلب فيها عقد لقاء."), None);
    }

    #[test]
    fn reads_lead_datelines() {
        assert_eq!(
            lead_dateline("AMMAN (Reuters) - Jordan's minister met …").as_deref(),
            Some("Reuters")
        );
        assert_eq!(
            lead_dateline("القاهرة (رويترز) - قال مسؤول …").as_deref(),
            Some("رويترز")
        );
        assert_eq!(
            lead_dateline("عمان - بترا: بحث وزير …").as_deref(),
            Some("بترا")
        );
        assert_eq!(
            lead_dateline("ALMATY, May 10 (Reuters) - The foreign ministers …").as_deref(),
            Some("Reuters")
        );
        assert_eq!(
            lead_dateline("مسقط في 9 يناير /العمانية/ استقبل الوزير …").as_deref(),
            Some("العمانية")
        );
        assert_eq!(lead_dateline("بحث الرئيس الروسي مع نظيره الوضع."), None);
        assert_eq!(lead_dateline("قال إن 5 آلاف/ شخص نزحوا."), None);
        assert!(
            meta("آخر تحديث: 12/03/2024 - 18:40").is_some(),
            "an update stamp is still a stamp"
        );
    }

    #[test]
    fn introduces_outlets() {
        let l = Line::new(1, "شبكة أخبار المشرق للناطقين بالعربية  :");
        assert_eq!(
            outlet_intro(&l).as_deref(),
            Some("شبكة أخبار المشرق للناطقين بالعربية")
        );
        assert_eq!(outlet_intro(&Line::new(1, "وقال الوزير:")), None);
    }
}
