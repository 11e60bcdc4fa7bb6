//! The events gate (`marsad_events::gate`) in the whole chain, on sentences written for
//! this test: a definite «الهجوم» that a sentence names (a claim of an attack told
//! before) is dropped, with the gate's reason in the explanation; a verb that reports an
//! attack is never judged.

use marsad_schema::Document;

fn read(text: &str) -> (Document, Vec<String>) {
    let mut doc = Document::new("gate-test", text.to_string());
    let notes = marsad_pipeline::annotate(&mut doc).expect("the chain reads the sentence");
    let outcomes = notes.events.iter().map(|x| x.outcome.clone()).collect();
    (doc, outcomes)
}

#[test]
fn the_bundled_gate_judges_attacks_only() {
    let gate = marsad_events::Gate::bundled();
    assert!(gate.threshold("ASSAULT").is_some());
    assert!(gate.threshold("CONSULT").is_none());
}

#[test]
fn an_attack_named_in_a_claim_is_not_a_report() {
    let (doc, outcomes) = read("وتبنت حركة طالبان الهجوم في بيان نشرته على موقعها.");
    assert!(
        doc.events.iter().all(|e| e.kind != "ASSAULT"),
        "{:?}",
        doc.events
    );
    assert!(
        outcomes.iter().any(|o| o.starts_with("the gate")),
        "{outcomes:?}"
    );
}

#[test]
fn a_verb_reporting_an_attack_is_not_judged() {
    let (doc, outcomes) = read("قتل مسلحون ثلاثة جنود في هجوم على نقطة تفتيش شمال بغداد أمس.");
    assert!(
        doc.events.iter().any(|e| e.kind == "ASSAULT"),
        "{outcomes:?}"
    );
    assert!(
        !outcomes.iter().any(|o| o.starts_with("the gate")),
        "{outcomes:?}"
    );
}
