//! `marsad export`: the store's documents and events out as JSON Lines, CSV and PLOVER
//! JSON, checked against what the readers of the same store say, on pages of our own: a
//! phone call that happened and a visit announced for later (PLOVER: AGREE).

use serde_json::Value;

use crate::util::field;

/// Two pages written for this test (the sentences are of the events table's kind).
fn pages(dir: &crate::util::TestDir) {
    dir.write(
        "in/call.txt",
        "بحث الرئيس الروسي فلاديمير بوتين، الثلاثاء، في اتصال هاتفي مع نظيره التركي رجب طيب أردوغان الأوضاع في سوريا وأوكرانيا، وأكد الجانبان أهمية مواصلة الحوار بين البلدين.\n\n\
         سيزور الرئيس الروسي فلاديمير بوتين تركيا في أبريل المقبل بدعوة من نظيره التركي.\n",
    );
    dir.write(
        "in/other.txt",
        "اجتمع وزراء خارجية روسيا وأذربيجان وأرمينيا في موسكو لبحث فتح طرق النقل في المنطقة، وقالت الخارجية الروسية إن اللقاء كان بناء.\n",
    );
    dir.write(
        "in/meta.tsv",
        "file\tpublished\turl\toutlet\ncall.txt\t2024-03-05\thttps://news.example/call\tوكالة أ\nother.txt\t2024-03-06\t\t\n",
    );
}

fn lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

marsadtest!(export_writes_documents_and_plover_events, |dir| {
    pages(&dir);
    let ingest = dir.marsad(&["ingest", "in", "--meta", "in/meta.tsv", "--quiet"]);
    ingest.assert_code(0);

    // Documents as JSON Lines: the stored records, as `docs` reads them.
    let docs = dir.marsad(&["export"]);
    docs.assert_code(0);
    let read = dir.marsad(&["docs", "--format", "jsonl", "--limit", "0"]);
    assert_eq!(lines(&docs.stdout), lines(&read.stdout));
    assert_eq!(lines(&docs.stdout).len(), 2, "{}", docs.context());
    assert_eq!(docs.summary(), "exported 2 documents");

    // Documents as CSV: a header and a row each.
    let csv = dir.marsad(&["export", "--format", "csv"]);
    csv.assert_code(0);
    let rows: Vec<&str> = csv.stdout.lines().collect();
    assert!(
        rows[0].starts_with("doc,url,published,outlet,title"),
        "{}",
        rows[0]
    );
    assert_eq!(rows.len(), 3, "{}", csv.context());

    // Events in PLOVER form: as many as `events` reads, the call as it was, the
    // announced visit as AGREE with Marsad's reading beside it.
    let plover = dir.marsad(&["export", "--format", "plover"]);
    plover.assert_code(0);
    let events = lines(&plover.stdout);
    // The export is every event; `events` shows the trusted ones unless given `--all`.
    let all = dir.marsad(&["events", "--format", "jsonl", "--limit", "0", "--all"]);
    assert_eq!(
        events.len(),
        lines(&all.stdout).len(),
        "{}",
        plover.context()
    );
    let trusted = dir.marsad(&["events", "--format", "jsonl", "--limit", "0"]);
    let trusted = lines(&trusted.stdout);
    assert!(trusted.len() <= events.len());
    for e in &trusted {
        assert!(e["confidence"].as_f64().unwrap() >= 0.695, "{e}");
    }
    let low = dir.marsad(&["events", "--min-confidence", "0.99", "--limit", "0"]);
    low.assert_code(1);
    dir.marsad(&["events", "--min-confidence", "7"])
        .assert_code(2);
    let call = events
        .iter()
        .find(|e| field(e, "mode") == Some("phone"))
        .unwrap_or_else(|| panic!("no phone call in\n{}", plover.stdout));
    assert_eq!(field(call, "event_type"), Some("CONSULT"));
    assert_eq!(field(call, "actor_name"), Some("Vladimir Putin"));
    assert_eq!(field(call, "actor_country"), Some("RUS"));
    assert_eq!(field(call, "recipient_name"), Some("Recep Tayyip Erdoğan"));
    assert_eq!(field(call, "recipient_country"), Some("TUR"));
    assert_eq!(field(call, "event_date"), Some("2024-03-05"));
    assert_eq!(field(call, "status"), Some("occurred"));
    assert!(field(call, "event_text").unwrap().contains("اتصال هاتفي"));
    assert!(field(call, "source").unwrap().ends_with("call.txt"));
    assert_eq!(field(call, "url"), Some("https://news.example/call"));
    assert_eq!(field(call, "outlet"), Some("وكالة أ"));
    assert_eq!(field(call, "publication_date"), Some("2024-03-05"));
    assert_eq!(field(call, "language"), Some("ar"));
    assert_eq!(call["context"], serde_json::json!([]));
    assert!(call.get("marsad").is_none());

    let visit = events
        .iter()
        .find(|e| field(e, "status") == Some("planned"))
        .unwrap_or_else(|| panic!("no planned event in\n{}", plover.stdout));
    assert_eq!(field(visit, "event_type"), Some("AGREE"), "{visit}");
    assert_eq!(visit["mode"], Value::Null);
    assert_eq!(field(&visit["marsad"], "type"), Some("CONSULT"));
    assert_eq!(field(&visit["marsad"], "mode"), Some("visit"));
    // Dated as the agreement: the day it was reported; the meeting's month beside it.
    assert_eq!(field(visit, "event_date"), Some("2024-03-05"));
    assert_eq!(field(&visit["marsad"], "date"), Some("2024-04"));
    assert_eq!(field(visit, "actor_name"), Some("Vladimir Putin"));
    assert_eq!(field(visit, "recipient_country"), Some("TUR"));
    assert!(field(visit, "event_text").unwrap().contains("سيزور"));
    // Event ids: the document and the event's place in it, all different.
    let mut ids: Vec<&str> = events.iter().filter_map(|e| field(e, "event_id")).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), events.len());

    // The same events as CSV, PLOVER's columns.
    let csv = dir.marsad(&["export", "--format", "csv", "--events"]);
    csv.assert_code(0);
    let rows: Vec<&str> = csv.stdout.lines().collect();
    assert!(
        rows[0].starts_with("event_id,event_date,event_type,mode,context,actor_name"),
        "{}",
        rows[0]
    );
    assert_eq!(rows.len(), events.len() + 1);
    assert!(
        rows.iter().any(|r| r.contains(",AGREE,,")),
        "{}",
        csv.stdout
    );

    // Events as JSON Lines: Marsad's own form, with the document.
    let own = dir.marsad(&["export", "--events", "--db", "marsad.db"]);
    own.assert_code(0);
    let own = lines(&own.stdout);
    assert_eq!(own.len(), events.len());
    assert!(own
        .iter()
        .all(|e| field(e, "type").is_some() && field(e, "doc").is_some()));
});

marsadtest!(export_without_a_database_says_so, |dir| {
    let run = dir.marsad(&["export", "--db", "none.db"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("none.db: no such database"),
        "{}",
        run.context()
    );
});

// Without the `parquet` feature, `--format parquet` says how to get it.
#[cfg(not(feature = "parquet"))]
marsadtest!(export_parquet_needs_the_feature, |dir| {
    let run = dir.marsad(&["export", "--format", "parquet", "--out", "x.parquet"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("rebuild it with `--features parquet`"),
        "{}",
        run.context()
    );
});

// With the `parquet` feature: documents and events written as Parquet and read back
// with the same crate's reader, against the CSV export of the same store.
#[cfg(feature = "parquet")]
marsadtest!(export_parquet_reads_back, |dir| {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::RowAccessor;

    pages(&dir);
    dir.marsad(&["ingest", "in", "--meta", "in/meta.tsv", "--quiet"])
        .assert_code(0);
    let read = |name: &str| {
        let file = std::fs::File::open(dir.path().join(name)).expect("the Parquet file");
        SerializedFileReader::new(file).expect("a Parquet file")
    };

    // A file is required: Parquet is not written to a terminal.
    let run = dir.marsad(&["export", "--format", "parquet"]);
    run.assert_code(2);
    assert!(run.stderr.contains("--out FILE"), "{}", run.context());

    let run = dir.marsad(&["export", "--format", "parquet", "--out", "docs.parquet"]);
    run.assert_code(0);
    assert_eq!(run.summary(), "exported 2 documents");
    let docs = read("docs.parquet");
    assert_eq!(docs.metadata().file_metadata().num_rows(), 2);
    let schema = docs.metadata().file_metadata().schema_descr();
    let names: Vec<&str> = schema.columns().iter().map(|c| c.name()).collect();
    assert_eq!(
        names,
        [
            "doc",
            "url",
            "published",
            "outlet",
            "title",
            "lang",
            "chars",
            "duplicate_of",
            "entities",
            "events"
        ]
    );
    let rows: Vec<_> = docs
        .get_row_iter(None)
        .unwrap()
        .map(|r| r.expect("a row"))
        .collect();
    let call = rows
        .iter()
        .find(|r| r.get_string(0).unwrap().ends_with("call.txt"))
        .expect("the call's row");
    assert_eq!(call.get_string(1).unwrap(), "https://news.example/call");
    assert_eq!(call.get_string(2).unwrap(), "2024-03-05");
    assert_eq!(call.get_string(3).unwrap(), "وكالة أ");
    assert!(call.get_long(6).unwrap() > 100, "chars");
    assert!(call.get_long(8).unwrap() >= 3, "entities");
    let other = rows
        .iter()
        .find(|r| r.get_string(0).unwrap().ends_with("other.txt"))
        .expect("the other row");
    // No URL in the sidecar: null, not an empty string.
    assert!(other.get_string(1).is_err());

    // Events: as many rows as the CSV export, the announced visit coded AGREE.
    let run = dir.marsad(&[
        "export",
        "--format",
        "parquet",
        "--events",
        "--out",
        "events.parquet",
    ]);
    run.assert_code(0);
    let csv = dir.marsad(&["export", "--format", "csv", "--events"]);
    let want = csv.stdout.lines().count() - 1;
    assert!(want >= 2, "{}", csv.stdout);
    let events = read("events.parquet");
    assert_eq!(events.metadata().file_metadata().num_rows() as usize, want);
    let rows: Vec<_> = events
        .get_row_iter(None)
        .unwrap()
        .map(|r| r.expect("a row"))
        .collect();
    assert!(rows
        .iter()
        .any(|r| r.get_string(2).is_ok_and(|t| t == "AGREE")));
    // `confidence` (column 17, after the place's location, latitude, longitude and
    // precision) is a double.
    assert!(rows
        .iter()
        .all(|r| (0.0..=1.0).contains(&r.get_double(17).unwrap())));
    assert!(rows
        .iter()
        .any(|r| r.get_string(18).is_ok_and(|t| t.contains("سيزور"))));
});

marsadtest!(export_acled_codes_violence_and_protest_only, |dir| {
    // Sentences written for this test: a bombing that kills civilians in Baghdad, a
    // protest in Amman, and a phone call (diplomacy: not in ACLED's coding).
    dir.write(
        "in/bomb.txt",
        "قتل ثلاثة مدنيين وأصيب ستة آخرون في تفجير سيارة مفخخة استهدف سوقا في بغداد أمس.\n",
    );
    dir.write(
        "in/protest.txt",
        "تظاهر مئات الطلاب أمام مبنى البرلمان في عمان احتجاجا على رفع الرسوم الجامعية.\n",
    );
    pages(&dir);
    dir.write(
        "in/meta.tsv",
        "file\tpublished\ncall.txt\t2024-03-05\nother.txt\t2024-03-06\nbomb.txt\t2024-05-02\nprotest.txt\t2024-05-03\n",
    );
    dir.marsad(&["ingest", "in", "--meta", "in/meta.tsv", "--quiet"])
        .assert_code(0);
    let run = dir.marsad(&["export", "--format", "acled"]);
    run.assert_code(0);
    let mut rows = run.stdout.lines();
    assert_eq!(
        rows.next(),
        Some("event_id,event_date,year,event_type,sub_event_type,actor1,actor2,country,admin1,location,latitude,longitude,geo_precision,fatalities,source,notes")
    );
    let rows: Vec<&str> = rows.collect();
    let bomb = rows
        .iter()
        .find(|r| r.contains("bomb.txt"))
        .unwrap_or_else(|| panic!("no bombing in\n{}", run.stdout));
    assert!(
        bomb.contains("Explosions/Remote violence,Remote explosive/landmine/IED"),
        "{bomb}"
    );
    assert!(bomb.contains(",2024-05-01,2024,"), "{bomb}");
    assert!(
        bomb.contains("Civilians (IRQ)")
            && bomb.contains(",IRQ,Baghdad Governorate,Baghdad,33.3406,44.4009,1,3,"),
        "{bomb}"
    );
    let protest = rows
        .iter()
        .find(|r| r.contains("protest.txt"))
        .unwrap_or_else(|| panic!("no protest in\n{}", run.stdout));
    assert!(protest.contains("Protests,Peaceful protest"), "{protest}");
    assert!(
        !rows.iter().any(|r| r.contains("call.txt")),
        "{}",
        run.stdout
    );
});
