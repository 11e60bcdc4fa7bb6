//! Property tests: whatever the text and whatever entity and date spans an earlier stage
//! hands over, the events stage does not panic, every evidence span slices the text, and
//! every event has the actors its type needs.

use marsad_schema::{DateMention, Document, Entity, EntityType, Mention};
use proptest::prelude::*;

/// Words that exercise the reading: triggers, cues, clause openers, names' words,
/// punctuation, digits and Latin.
const WORDS: &[&str] = &[
    "بحث",
    "وبحث",
    "استقبل",
    "زار",
    "زيارة",
    "لقائه",
    "اتصال",
    "هاتفيا",
    "مع",
    "بين",
    "و",
    "أن",
    "الذي",
    "حيث",
    "قد",
    "لم",
    "سيزور",
    "المرتقبة",
    "نفت",
    "قصفت",
    "قصف",
    "هدد",
    "بفرض",
    "عقوبات",
    "فرض",
    "على",
    "في",
    "إلى",
    "من",
    "الرئيس",
    "الروسي",
    "نظيره",
    "بوتين",
    "باكو",
    "موسكو",
    "الوضع",
    "قمة",
    "ثلاثية",
    "،",
    ".",
    ":",
    "«",
    "»",
    "23:50",
    "2024",
    "the",
    "met",
    "\n",
    "",
];

fn doc_from(words: Vec<usize>, spans: Vec<(usize, usize, u8)>) -> Document {
    let text: String = words
        .iter()
        .map(|&w| WORDS[w % WORDS.len()])
        .collect::<Vec<_>>()
        .join(" ");
    let n = text.chars().count();
    let slice = |a: usize, b: usize| text.chars().skip(a).take(b - a).collect::<String>();
    let mut doc = Document::new("prop", text.clone());
    doc.published = Some("2024-03-05".into());
    for (i, (a, len, kind)) in spans.into_iter().enumerate() {
        if n == 0 {
            break;
        }
        let start = a % n;
        let end = (start + 1 + len % 12).min(n);
        let (key, kind, country) = match kind % 5 {
            0 => (format!("P{i}"), EntityType::Person, Some("RUS")),
            1 => ("AZE".to_string(), EntityType::Gpe, Some("AZE")),
            2 => (format!("City{i}"), EntityType::Gpe, Some("TUR")),
            3 => (format!("Org{i}"), EntityType::Organization, None),
            _ => (format!("Region{i}"), EntityType::Location, Some("AZE")),
        };
        if kind == EntityType::Location && i % 3 == 0 {
            doc.dates.push(DateMention {
                start,
                end,
                text: slice(start, end),
                value: "2024-03-04".into(),
            });
        }
        doc.entities.push(Entity {
            key,
            kind,
            country: country.map(str::to_string),
            mentions: vec![Mention::new(start, end, slice(start, end))],
        });
    }
    doc
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn never_panics_and_evidence_slices_the_text(
        words in prop::collection::vec(0usize..1000, 0..60),
        spans in prop::collection::vec((0usize..400, 0usize..20, 0u8..5), 0..12),
    ) {
        let mut doc = doc_from(words, spans);
        marsad_events::annotate(&mut doc, Some(jiff::civil::date(2024, 3, 5)));
        let chars: Vec<char> = doc.text.chars().collect();
        for e in &doc.events {
            prop_assert!(e.evidence.end <= chars.len() && e.evidence.start <= e.evidence.end);
            let slice: String = chars[e.evidence.start..e.evidence.end].iter().collect();
            prop_assert_eq!(&slice, &e.evidence.text);
            prop_assert!(!e.actors.is_empty());
            prop_assert!((0.0..=1.0).contains(&e.confidence));
        }
    }
}
