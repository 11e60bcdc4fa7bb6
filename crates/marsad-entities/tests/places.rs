//! The homonym table (`tests/places.tsv`): one name, several places, or a place and a word or
//! a person; every row is checked and all failures are reported together.

use marsad_entities::{annotate, Linker};
use marsad_schema::Document;

#[test]
fn homonym_table() {
    let table = include_str!("places.tsv");
    let linker = Linker::bundled();
    let mut failures = Vec::new();
    let mut rows = 0;
    for line in table.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(
            cols.len(),
            3,
            "help: three columns in tests/places.tsv: {line}"
        );
        let (sentence, name, want) = (cols[0], cols[1], cols[2]);
        rows += 1;
        let mut doc = Document::new("t", sentence.to_string());
        annotate(&mut doc, linker, Some(jiff::civil::date(2015, 6, 1)));
        let found: Vec<&str> = doc
            .entities
            .iter()
            .filter(|e| linker.kb().place(&e.key).is_some())
            .filter(|e| e.mentions.iter().any(|m| m.text.contains(name)))
            .map(|e| e.key.as_str())
            .collect();
        let ok = if want == "-" {
            found.is_empty()
        } else {
            found == [want]
        };
        if !ok {
            failures.push(format!(
                "{sentence}\n    {name}: want {want}, got {found:?}"
            ));
        }
    }
    assert!(rows >= 40, "the table has {rows} rows, fewer than 40");
    assert!(
        failures.is_empty(),
        "{} of {rows} rows wrong:\n{}\nhelp: see crates/marsad-entities/src/places.rs",
        failures.len(),
        failures.join("\n")
    );
}
