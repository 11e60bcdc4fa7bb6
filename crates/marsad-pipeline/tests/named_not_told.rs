//! Attacks that a sentence names without reporting them (`read/reject.rs`,
//! `assault_named_not_told`, and the verbal attack read as ACCUSE), each beside a sentence
//! of the same shape that does report one. The sentences are written for this test.

use marsad_schema::Document;

fn read(text: &str) -> (Document, Vec<String>) {
    let mut doc = Document::new("named-test", text.to_string());
    let notes = marsad_pipeline::annotate(&mut doc).expect("the chain reads the sentence");
    let outcomes = notes.events.iter().map(|x| x.outcome.clone()).collect();
    (doc, outcomes)
}

fn kinds(doc: &Document) -> Vec<&str> {
    doc.events.iter().map(|e| e.kind.as_str()).collect()
}

fn assert_no_attack(text: &str, why: &str) {
    let (doc, outcomes) = read(text);
    assert!(
        !kinds(&doc).contains(&"ASSAULT"),
        "{text}: {:?} {outcomes:?}",
        doc.events
    );
    assert!(
        outcomes.iter().any(|o| o.starts_with(why)),
        "{text}: expected «{why}» in {outcomes:?}"
    );
}

fn assert_attack(text: &str) {
    let (doc, outcomes) = read(text);
    assert!(kinds(&doc).contains(&"ASSAULT"), "{text}: {outcomes:?}");
}

#[test]
fn a_purpose_is_not_a_report_but_exposure_to_an_attack_is() {
    assert_no_attack(
        "وكشفت التحقيقات أن الخلية خططت لاغتيال وزير الداخلية الأسبق.",
        "a purpose or a plan",
    );
    assert_attack("وتعرض موكب وزير الداخلية لهجوم مسلح قرب العاصمة أمس.");
}

#[test]
fn an_imperfect_verb_describes_unless_it_counts_or_goes_on() {
    assert_no_attack(
        "وقال الوزير إن الجماعات التي تستهدف المدنيين ستلقى عقابها.",
        "an imperfect verb",
    );
    assert_attack("تفجير انتحاري في سوق شعبي يقتل 12 شخصا.");
    assert_attack("ومنذ يوم الجمعة تقصف الطائرات التركية مواقع المسلحين شمال العراق.");
    assert_attack("وتقدم رجل نحو الحشد قبل أن يفجر نفسه وسط المصلين.");
}

#[test]
fn an_attack_named_by_its_date_is_history_but_one_by_its_attacker_is_news() {
    assert_no_attack(
        "وأعاد الحادث إلى الأذهان تفجيرات 2005 في العاصمة الأردنية.",
        "an attack named by its place or its date",
    );
    assert_attack("وأدان رئيس الإقليم قصف تركيا لقرية حدودية أمس.");
}

#[test]
fn an_attack_in_words_is_an_accusation() {
    let (doc, outcomes) =
        read("وشن وزير الخارجية الإيراني هجوما شديدا على الحكومة الأمريكية بسبب العقوبات.");
    assert!(!kinds(&doc).contains(&"ASSAULT"), "{outcomes:?}");
    assert!(kinds(&doc).contains(&"ACCUSE"), "{outcomes:?}");
    let (doc, outcomes) = read("وشن المسلحون هجوما عنيفا على مركز للشرطة في المدينة.");
    assert!(kinds(&doc).contains(&"ASSAULT"), "{outcomes:?}");
}
