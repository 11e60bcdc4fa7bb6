//! Who protests when the roles do not say it (`read/complete.rs`, `protesters`), on
//! sentences written for this test.

use marsad_schema::{ActorRole, Document};

fn protests(text: &str) -> Vec<marsad_schema::Event> {
    let mut doc = Document::new("protest-test", text.to_string());
    marsad_pipeline::annotate(&mut doc).expect("the chain reads the sentence");
    doc.events
        .into_iter()
        .filter(|e| e.kind == "PROTEST")
        .collect()
}

#[test]
fn a_gathering_of_protesters_is_a_demonstration_not_a_meeting() {
    let found = protests("وتجمع نحو 300 متظاهر أمام مقر البرلمان في العاصمة أمس.");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].mode.as_deref(), Some("demonstration"));
    let source = found[0].actors.iter().find(|a| a.role == ActorRole::Source);
    assert!(
        source.is_some_and(|a| a.text.as_deref().is_some_and(|t| t.contains("متظاهر"))),
        "{found:?}"
    );
}

#[test]
fn a_protest_verb_takes_the_people_described_in_its_clause() {
    let found = protests("وتظاهر أمس مئات من طلاب الجامعة وسط المدينة للمطالبة بإطلاق سراح زملائهم.");
    assert!(
        found
            .iter()
            .any(|e| e.actors.iter().any(|a| a.role == ActorRole::Source)),
        "{found:?}"
    );
}

#[test]
fn a_protest_spoken_of_borrows_no_one() {
    // A noun: the police dispersed a protest; nobody here is reported protesting.
    let found = protests("وقدرت الشرطة عدد المتظاهرين في المظاهرة بنحو ألف.");
    assert!(found.is_empty(), "{found:?}");
}
