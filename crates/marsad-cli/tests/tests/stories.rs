//! `marsad stories` on a multi-outlet set of our own (`tests/stories/`): one phone call
//! reported by six articles of five outlets in different wording, spelling and language
//! (أردوغان/اردوغان, a role phrase for each leader, a report dated the next day with
//! «أمس الثلاثاء», an English wire), a second call between the same leaders two weeks later
//! in two outlets, and an unrelated visit. The first call is one story, the second another.

use crate::util::{s, workspace_root};
use serde_json::Value;

marsadtest!(one_call_reported_by_many_outlets_is_one_story, |dir| {
    let pages = workspace_root().join("tests/stories/one-call-many-outlets.jsonl");
    let extracted = dir.marsad(&["extract", s(&pages)]);
    extracted.assert_code(0);
    let records = dir.write("records.jsonl", &extracted.stdout);
    let run = dir.marsad(&["stories", s(&records)]);
    run.assert_code(0);
    let stories: Vec<Value> = run.records();
    let calls: Vec<&Value> = stories
        .iter()
        .filter(|st| st["type"] == "CONSULT" && st["mode"] == "phone")
        .collect();
    let summary: Vec<String> = stories
        .iter()
        .map(|st| format!("{} {} {} articles", st["type"], st["date"], st["articles"]))
        .collect();
    assert_eq!(
        calls.len(),
        2,
        "want two calls, got {summary:?}\n{}",
        run.context()
    );
    let keys = |st: &Value| -> Vec<String> {
        let mut k: Vec<String> = st["actors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["key"].as_str().unwrap_or_default().to_string())
            .collect();
        k.sort();
        k
    };
    for call in &calls {
        assert_eq!(
            keys(call),
            ["Recep Tayyip Erdoğan", "Vladimir Putin"],
            "{summary:?}"
        );
    }
    assert_eq!(calls[0]["date"], "2024-03-05", "{summary:?}");
    assert_eq!(
        (calls[0]["articles"].as_u64(), calls[0]["outlets"].as_u64()),
        (Some(6), Some(5))
    );
    assert_eq!(calls[1]["date"], "2024-03-20", "{summary:?}");
    assert_eq!(
        (calls[1]["articles"].as_u64(), calls[1]["outlets"].as_u64()),
        (Some(2), Some(2))
    );
    // Every report carries its evidence sentence, sliced from its document's text; the
    // English wire is one of them.
    for r in calls[0]["reports"].as_array().unwrap() {
        let ev = r["evidence"]["text"].as_str().unwrap();
        assert!(
            ev.contains("بوتين") || ev.contains("الرئيس الروسي") || ev.contains("Putin"),
            "{ev}"
        );
    }
    assert!(calls[0]["reports"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["doc"] == "e1"));
    // The visit is a story of its own; its programme («يلتقي خلالهما لافروف عددا من
    // المسؤولين الأتراك», a second sentence of the page, read as meetings with Turkish
    // officials) may be another, but no report of the calls joins either.
    assert!(
        stories.iter().any(|st| st["mode"] == "visit"),
        "{summary:?}"
    );
    // A background sentence of a call's page («وتأتي المكالمة بعد أسابيع من لقاء جمع
    // وزيري خارجية البلدين») may be a story of its own (the earlier meeting of the two
    // countries), but never the report of a call.
    let call_reports: Vec<(String, u64)> = calls
        .iter()
        .flat_map(|c| c["reports"].as_array().unwrap().iter())
        .map(|r| {
            (
                r["doc"].as_str().unwrap().to_string(),
                r["evidence"]["start"].as_u64().unwrap(),
            )
        })
        .collect();
    for st in stories.iter().filter(|st| st["mode"] != "phone") {
        for r in st["reports"].as_array().unwrap() {
            let at = (
                r["doc"].as_str().unwrap().to_string(),
                r["evidence"]["start"].as_u64().unwrap(),
            );
            assert!(!call_reports.contains(&at), "{summary:?}");
        }
    }
    assert!((3..=6).contains(&stories.len()), "{summary:?}");
});

marsadtest!(stories_reports_bad_lines_and_goes_on, |dir| {
    let pages = workspace_root().join("tests/stories/one-call-many-outlets.jsonl");
    let extracted = dir.marsad(&["extract", s(&pages)]);
    let mut input = b"{not json\n".to_vec();
    input.extend_from_slice(extracted.stdout.as_bytes());
    let records = dir.write("records.jsonl", input);
    let run = dir.marsad(&["stories", s(&records)]);
    run.assert_code(0);
    assert!(
        run.stderr_lines()
            .iter()
            .any(|l| l.contains("records.jsonl:1: not a record")),
        "{}",
        run.context()
    );
    // The bad line is passed over: the stories are those of the good records alone.
    let clean = dir.write("clean.jsonl", extracted.stdout.as_bytes());
    let alone = dir.marsad(&["stories", s(&clean)]);
    assert_eq!(run.records().len(), alone.records().len());
    assert_eq!(run.stdout, alone.stdout);
});

marsadtest!(the_store_gives_the_stories_of_its_records, |dir| {
    // What the desk shows (`marsad stories --db`, read as `marsad serve` reads the store)
    // is what `marsad stories` prints for the same records, whatever order they were
    // ingested in.
    let pages = workspace_root().join("tests/stories/one-call-many-outlets.jsonl");
    let text = std::fs::read_to_string(&pages).unwrap();
    let reversed: String = text.lines().rev().map(|l| format!("{l}\n")).collect();
    let backward = dir.write("backward.jsonl", reversed);
    let extracted = dir.marsad(&["extract", s(&pages)]);
    let records = dir.write("records.jsonl", &extracted.stdout);
    let from_records = dir.marsad(&["stories", s(&records)]);
    from_records.assert_code(0);
    for (db, input) in [
        ("forward.db", pages.as_path()),
        ("backward.db", backward.as_path()),
    ] {
        dir.marsad(&["ingest", s(input), "--db", db, "--quiet"])
            .assert_code(0);
        let from_store = dir.marsad(&["stories", "--db", db]);
        from_store.assert_code(0);
        assert_eq!(
            from_store.stdout,
            from_records.stdout,
            "{}",
            from_store.context()
        );
    }
});
