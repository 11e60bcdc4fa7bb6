//! The store against records of our own, in memory and in temporary files.

use marsad_schema::{
    Actor, ActorRole, DateMention, Document, Entity, EntityType, Event, EventStatus, Mention,
};

use crate::{Error, HostTemplate, Outcome, Resume, SourceFile, SourceProgress, SourceState, Store};

/// A record with an entity, a date and an event, as the pipeline would write it.
fn record(doc: &str, text: &str) -> Document {
    let mut d = Document::new(doc, text.to_string());
    d.title = Some("اتصال هاتفي بين الرئيسين".into());
    d.published = Some("2023-09-26".into());
    d.lang = Some("ar".into());
    if let Some(at) = text.find("أذربيجان") {
        let start = text[..at].chars().count();
        d.entities.push(Entity {
            key: "AZE".into(),
            kind: EntityType::Gpe,
            country: Some("AZE".into()),
            mentions: vec![Mention::new(start, start + 8, "أذربيجان")],
        });
    }
    d.dates.push(DateMention {
        start: 0,
        end: 3,
        text: "أمس".into(),
        value: "2023-09-25".into(),
    });
    d.events.push(Event {
        kind: "CONSULT".into(),
        mode: Some("phone".into()),
        actors: vec![
            Actor::known("Vladimir Putin", Some("RUS".into()), ActorRole::Party),
            Actor::known("Ilham Aliyev", Some("AZE".into()), ActorRole::Party),
        ],
        date: Some("2023-09-25".into()),
        place: None,
        about: vec!["Nagorno-Karabakh".into()],
        status: EventStatus::Occurred,
        attributed_to: None,
        evidence: Mention::new(0, 10, "أمس بحث ال"),
        also: vec![],
        confidence: 0.8,
        killed: None,
        wounded: None,
        recalled: false,
    });
    d
}

const TEXT_A: &str = "أمس بحث الرئيس الروسي مع رئيس أذربيجان الوضع في قرةَ باغ.";
const TEXT_B: &str = "وصل وزير الخارجية إلى الكرملين لإجراء محادثات حول التعاون الاقتصادي.";

#[test]
fn a_batch_reads_back_as_it_went_in() {
    let mut s = Store::open_in_memory().unwrap();
    let a = record("a.txt", TEXT_A);
    let b = record("b.txt", TEXT_B);
    let r = s.insert_batch(&[a.clone(), b.clone()]).unwrap();
    assert_eq!((r.stored, r.copies, r.already), (2, 0, 0));
    assert_eq!(s.documents(10).unwrap(), vec![a.clone(), b]);
    assert_eq!(s.document("a.txt").unwrap(), Some(a));
    let c = s.counts().unwrap();
    assert_eq!((c.documents, c.entities, c.mentions), (2, 1, 1));
    assert_eq!((c.dates, c.events), (2, 2));
}

#[test]
fn everything_streams_out_in_stored_order() {
    let mut s = Store::open_in_memory().unwrap();
    let a = record("a.txt", TEXT_A);
    let mut b = record("b.txt", TEXT_B);
    b.url = Some("https://news.example/b".into());
    b.events.push(b.events[0].clone());
    s.insert_batch(&[a.clone(), b.clone()]).unwrap();
    let mut docs = Vec::new();
    s.each_document(|d| {
        docs.push(d);
        Ok::<(), crate::Error>(())
    })
    .unwrap();
    assert_eq!(docs, [a, b]);
    let mut events = Vec::new();
    s.each_event(|e| {
        events.push((e.doc, e.n, e.url, e.lang));
        Ok::<(), crate::Error>(())
    })
    .unwrap();
    let url = Some("https://news.example/b".to_string());
    let ar = Some("ar".to_string());
    assert_eq!(
        events,
        [
            ("a.txt".to_string(), 0, None, ar.clone()),
            ("b.txt".to_string(), 0, url.clone(), ar.clone()),
            ("b.txt".to_string(), 1, url, ar),
        ]
    );
    // The caller's error stops the stream.
    let mut seen = 0;
    let r = s.each_event(|_| {
        seen += 1;
        Err::<(), crate::Error>(crate::Error::Corrupt {
            what: "stop".into(),
        })
    });
    assert!(r.is_err());
    assert_eq!(seen, 1);
}

#[test]
fn the_same_text_is_stored_once() {
    let mut s = Store::open_in_memory().unwrap();
    let a = record("a.txt", TEXT_A);
    s.insert_batch(std::slice::from_ref(&a)).unwrap();
    // Again: already there. Another doc with the same text up to folding and
    // punctuation: a copy, remembered under its own doc.
    let copy = record(
        "copy.txt",
        "امس بحث الرئيس الروسي مع رئيس اذربيجان الوضع في قره باغ",
    );
    let (r, outcomes) = s.commit(&[a.clone(), copy.clone()], &[]).unwrap();
    assert_eq!((r.stored, r.copies, r.already), (0, 1, 1));
    assert_eq!(
        outcomes,
        [Outcome::Already, Outcome::Copy { of: "a.txt".into() }]
    );
    assert_eq!(s.insert_batch(&[copy]).unwrap().already, 1);
    let c = s.counts().unwrap();
    assert_eq!((c.documents, c.copies, c.events), (1, 1, 1));
    assert_eq!(s.document("copy.txt").unwrap(), Some(a));
}

#[test]
fn search_is_arabic_folded() {
    let mut s = Store::open_in_memory().unwrap();
    s.insert_batch(&[record("a.txt", TEXT_A), record("b.txt", TEXT_B)])
        .unwrap();
    let docs = |q: &str| -> Vec<String> {
        s.search(q, 10)
            .unwrap()
            .into_iter()
            .map(|h| h.document.doc)
            .collect()
    };
    // ة against ه, tashkeel in the text, hamza on the alef in the query.
    assert_eq!(docs("قره باغ"), ["a.txt"]);
    assert_eq!(docs("قرة باغ"), ["a.txt"]);
    assert_eq!(docs("اذربيجان"), ["a.txt"]);
    // Every word must occur.
    assert!(docs("قره الكرملين").is_empty());
    // The article and the prepositions joined to a word.
    assert_eq!(docs("كرملين"), ["b.txt"]);
    assert_eq!(docs("الخارجيه"), ["b.txt"]);
    assert_eq!(docs("والتعاون"), ["b.txt"]);
    // The title is searched too.
    assert_eq!(docs("هاتفي").len(), 2);
    // FTS5 syntax is searched as words, not parsed.
    assert!(docs("NEAR(\"x\"").is_empty());
    assert!(docs("").is_empty());
    let hit = &s.search("قرة", 1).unwrap()[0];
    assert!(hit.snippet.contains("[قرةَ]"), "{}", hit.snippet);
}

#[test]
fn entities_and_events_are_counted_and_read_back() {
    let mut s = Store::open_in_memory().unwrap();
    let a = record("a.txt", TEXT_A);
    let mut a2 = record("a2.txt", &format!("{TEXT_A} وأكدت أذربيجان ذلك."));
    a2.events[0].date = Some("2023-09-27".into());
    a2.events[0].kind = "AGREE".into();
    s.insert_batch(&[a.clone(), a2, record("b.txt", TEXT_B)])
        .unwrap();
    let ents = s.entities(None, 10).unwrap();
    assert_eq!(ents.len(), 1);
    assert_eq!((ents[0].key.as_str(), ents[0].documents), ("AZE", 2));
    assert!(s.entities(Some(EntityType::Person), 10).unwrap().is_empty());
    let events = s.events(None, 0.0, 10).unwrap();
    assert_eq!(events.len(), 3);
    assert_eq!(events[0].doc, "a2.txt");
    assert_eq!(events[1].event, a.events[0]);
    let consult = s.events(Some("CONSULT"), 0.0, 1).unwrap();
    assert_eq!(consult.len(), 1);
    assert_eq!(consult[0].published.as_deref(), Some("2023-09-26"));
}

#[test]
fn progress_commits_with_the_records_and_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("marsad.db");
    let file = SourceFile {
        path: "/data/crawl.warc.gz".into(),
        size: 1000,
        mtime: 17,
    };
    {
        let mut s = Store::open(&path).unwrap();
        assert_eq!(s.source_state(&file).unwrap(), SourceState::New);
        let progress = SourceProgress {
            file: file.clone(),
            resume: Resume {
                offset: 512,
                skip: 1,
            },
            complete: false,
        };
        s.commit(&[record("a.txt", TEXT_A)], &[progress]).unwrap();
    }
    let mut s = Store::open(&path).unwrap();
    assert_eq!(
        s.source_state(&file).unwrap(),
        SourceState::Partial(Resume {
            offset: 512,
            skip: 1
        })
    );
    // A file that changed is read again from the start.
    let changed = SourceFile {
        size: 2000,
        ..file.clone()
    };
    assert_eq!(s.source_state(&changed).unwrap(), SourceState::New);
    let done = SourceProgress {
        file: file.clone(),
        resume: Resume::default(),
        complete: true,
    };
    s.commit(&[], &[done]).unwrap();
    assert_eq!(s.source_state(&file).unwrap(), SourceState::Complete);
    assert_eq!(s.counts().unwrap().documents, 1);
}

#[test]
fn site_templates_are_committed_with_the_batch_and_read_back() {
    let mut s = Store::open_in_memory().unwrap();
    assert_eq!(s.template_counts("waha.example").unwrap(), None);
    let t = |pages, counts: &[u8]| HostTemplate {
        host: "waha.example".into(),
        pages,
        lines: 2,
        counts: counts.to_vec(),
    };
    s.commit_with(&[record("a.txt", TEXT_A)], &[], &[t(5, b"first")])
        .unwrap();
    s.commit_with(&[], &[], &[t(9, b"second")]).unwrap();
    assert_eq!(
        s.template_counts("waha.example").unwrap().as_deref(),
        Some(&b"second"[..])
    );
    assert_eq!(
        s.templates().unwrap(),
        vec![("waha.example".to_string(), 9, 2)]
    );
}

/// Turns the store at `path` back into what an older build left (`sql` undoes the later
/// layouts), and checks that a reader refuses it: only a writable open updates it.
fn make_older(path: &std::path::Path, sql: &str) {
    rusqlite::Connection::open(path)
        .unwrap()
        .execute_batch(sql)
        .unwrap();
    assert!(
        matches!(Store::open_read_only(path), Err(Error::Outdated { .. })),
        "a reader cannot update it"
    );
}

#[test]
fn a_layout_1_store_gains_the_templates_table_when_opened_for_writing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    drop(Store::open(&path).unwrap());
    // What a build before site templates and the desk's indexes left: layout 1, no
    // `templates` table, no `events.at`.
    make_older(
        &path,
        "DROP TABLE templates; DROP INDEX events_at; ALTER TABLE events DROP COLUMN at;
         PRAGMA user_version = 1",
    );
    let s = Store::open(&path).unwrap();
    assert_eq!(s.template_counts("x").unwrap(), None);
    drop(s);
    assert!(Store::open_read_only(&path).is_ok());
}

#[test]
fn a_layout_3_store_gets_its_full_text_index_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v3.db");
    let mut s = Store::open(&path).unwrap();
    s.insert_batch(&[record("a.txt", TEXT_A), record("b.txt", TEXT_B)])
        .unwrap();
    drop(s);
    // What layout 3 had: the index over the folded text as written, split by unicode61
    // (left empty here, so that only a rebuild can make the search below find anything).
    make_older(
        &path,
        "DROP TABLE documents_fts;
         CREATE VIRTUAL TABLE documents_fts USING fts5(
             title, text, bare, content = '', tokenize = 'unicode61');
         PRAGMA user_version = 3",
    );
    let s = Store::open(&path).unwrap();
    let docs = |q: &str| -> Vec<String> {
        let mut d: Vec<String> = s
            .search(q, 10)
            .unwrap()
            .into_iter()
            .map(|h| h.document.doc)
            .collect();
        d.sort();
        d
    };
    assert_eq!(docs("قره باغ"), ["a.txt"]);
    assert_eq!(docs("كرملين"), ["b.txt"]);
    assert_eq!(docs("هاتفي"), ["a.txt", "b.txt"]);
    let sql: String = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT sql FROM sqlite_master WHERE name = 'documents_fts'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(sql.contains("'ascii'"), "{sql}");
}

/// Layout 5 (issue 20): the desk's entity pages and default timeline read indexes, not
/// rows; a layout 4 store gains them when opened for writing.
#[test]
fn a_layout_4_store_gains_the_indexes_of_layout_5() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v4.db");
    drop(Store::open(&path).unwrap());
    make_older(
        &path,
        "DROP INDEX mentions_entity_document;
         CREATE INDEX mentions_entity ON mentions(entity_id);
         DROP INDEX events_at;
         CREATE INDEX events_at ON events(at DESC, id, type, mode, status, document_id);
         PRAGMA user_version = 4",
    );
    drop(Store::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    let sql = |name: &str| -> Option<String> {
        conn.query_row(
            "SELECT sql FROM sqlite_master WHERE name = ?1",
            [name],
            |r| r.get(0),
        )
        .ok()
    };
    assert!(sql("mentions_entity_document").is_some());
    assert!(sql("mentions_entity").is_none());
    let at = sql("events_at").unwrap();
    assert!(at.contains("confidence") && at.contains("place"), "{at}");
    drop(conn);
    assert!(Store::open_read_only(&path).is_ok());
}

#[test]
fn a_newer_layout_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    drop(Store::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("PRAGMA user_version = 99").unwrap();
    drop(conn);
    let err = Store::open(&path).err().unwrap();
    assert!(err.to_string().contains("layout version 99"), "{err}");
}

#[test]
fn a_path_that_cannot_be_a_database_names_itself() {
    let dir = tempfile::tempdir().unwrap();
    let err = Store::open(dir.path()).err().unwrap();
    assert!(
        err.to_string().contains(&dir.path().display().to_string()),
        "{err}"
    );
}

/// A report long enough for a signature.
const LONG: &str = "أعلنت وزارة الزراعة اليوم عن برنامج جديد لدعم صغار المزارعين في المناطق الريفية، يتضمن قروضا ميسرة وتدريبا على أساليب الري الحديثة.\n\nوقال وزير الزراعة في مؤتمر صحفي إن البرنامج يستهدف عشرة آلاف مزارع خلال العامين المقبلين، وإن التسجيل يبدأ مطلع الشهر المقبل عبر مكاتب الوزارة في المحافظات.";

#[test]
fn near_duplicates_are_marked_across_batches_and_runs() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("near.db");
    let mut s = Store::open(&path).unwrap();
    s.insert_batch(&[Document::new("a", LONG.into())]).unwrap();
    // Rewrapped in boilerplate, in a later batch: marked, and still stored.
    let wrapped = format!("اقرأ أيضا: أسعار الخضار اليوم\n\n{LONG}\n\nتابعونا على مواقع التواصل.");
    let other = "ناقش مجلس النواب في جلسته المسائية مشروع قانون الموازنة العامة للدولة للعام المقبل، وسط خلافات بين الكتل النيابية حول بنود الإنفاق على الدعم والأجور والاستثمارات العامة في قطاعي الصحة والتعليم.";
    let (r, outcomes) = s
        .commit(
            &[
                Document::new("b", wrapped),
                Document::new("c", other.into()),
            ],
            &[],
        )
        .unwrap();
    assert_eq!(
        outcomes,
        [Outcome::NearDuplicate { of: "a".into() }, Outcome::Stored]
    );
    assert_eq!((r.stored, r.near_duplicates), (2, 1));
    assert_eq!(
        s.document("b").unwrap().unwrap().duplicate_of.as_deref(),
        Some("a")
    );
    drop(s);
    // A later run sees the earlier documents; a near-duplicate of a near-duplicate
    // points at the first.
    let mut s = Store::open(&path).unwrap();
    let paras: Vec<&str> = LONG.split("\n\n").collect();
    let reordered = format!("{}\n\n{}", paras[1], paras[0]);
    let (_, outcomes) = s.commit(&[Document::new("d", reordered)], &[]).unwrap();
    assert_eq!(outcomes, [Outcome::NearDuplicate { of: "a".into() }]);
    assert_eq!(s.counts().unwrap().near_duplicates, 2);
}

#[test]
fn short_texts_never_match() {
    let mut s = Store::open_in_memory().unwrap();
    let (_, outcomes) = s
        .commit(
            &[
                Document::new("x", "عاجل: انفجار في الميناء".into()),
                Document::new("y", "عاجل: انفجار في الميناء الآن".into()),
                Document::new("z", String::new()),
                Document::new("w", String::new()),
            ],
            &[],
        )
        .unwrap();
    assert!(
        outcomes.iter().all(|o| *o == Outcome::Stored),
        "{outcomes:?}"
    );
}

#[test]
fn the_desk_queries_filter_page_and_count() {
    use crate::EventFilter;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("marsad.db");
    {
        let mut s = Store::open(&path).unwrap();
        let a = record("a.txt", TEXT_A);
        let mut b = record("b.txt", TEXT_B);
        b.events[0].kind = "AGREE".into();
        b.events[0].date = Some("2024-01-02".into());
        b.events[0].actors[0].sector = Some("MIL".into());
        b.outlet = Some("RT".into());
        s.insert_batch(&[a, b]).unwrap();
    }
    assert!(Store::open_read_only(dir.path().join("absent.db")).is_err());
    let s = Store::open_read_only(&path).unwrap();
    let rows = s.document_rows(10, 0).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(s.document_rows(10, 1).unwrap()[0].doc, "b.txt");
    assert_eq!(s.search_page("قرة", 10, 0).unwrap().len(), 1);
    assert!(s.search_page("قرة", 10, 1).unwrap().is_empty());
    assert_eq!(
        s.search_docs("قرة باغ", 10).unwrap(),
        vec!["a.txt".to_string()]
    );
    let all = EventFilter::default();
    assert_eq!(s.count_events(&all).unwrap(), 2);
    let ev = s.events_filtered(&all, 10, 0).unwrap();
    assert_eq!(ev[0].doc, "b.txt", "latest first");
    assert_eq!(s.events_filtered(&all, 1, 1).unwrap()[0].doc, "a.txt");
    let f = |f: EventFilter| s.events_filtered(&f, 10, 0).unwrap().len();
    let pair = EventFilter {
        actor: Some("Vladimir Putin".into()),
        with: Some("Ilham Aliyev".into()),
        ..Default::default()
    };
    assert_eq!(f(pair), 2);
    let kind = EventFilter {
        kind: Some("AGREE".into()),
        ..Default::default()
    };
    assert_eq!(f(kind), 1);
    let range = EventFilter {
        from: Some("2023-09".into()),
        to: Some("2023-09".into()),
        ..Default::default()
    };
    assert_eq!(f(range), 1);
    let outlet = EventFilter {
        outlet: Some("RT".into()),
        country: Some("AZE".into()),
        ..Default::default()
    };
    assert_eq!(f(outlet), 1);
    let text = EventFilter {
        q: Some("قره باغ".into()),
        ..Default::default()
    };
    assert_eq!(f(text), 1);
    // Issue 20: the timeline's chart, per day and type, under the same filters.
    let days = s.event_days(&all).unwrap();
    let got: Vec<(&str, &str, u64)> = days
        .iter()
        .map(|d| (d.day.as_str(), d.kind.as_str(), d.count))
        .collect();
    assert_eq!(
        got,
        vec![("2023-09-25", "CONSULT", 1), ("2024-01-02", "AGREE", 1)]
    );
    let agree = EventFilter {
        kind: Some("AGREE".into()),
        ..Default::default()
    };
    assert_eq!(s.event_days(&agree).unwrap().len(), 1);
    // Place: the fixture's events have none; sector: b's first actor.
    let nowhere = EventFilter {
        place: Some("Baku".into()),
        ..Default::default()
    };
    assert_eq!(f(nowhere.clone()), 0);
    assert!(s.event_days(&nowhere).unwrap().is_empty());
    let military = EventFilter {
        sector: Some("MIL".into()),
        ..Default::default()
    };
    assert_eq!(f(military), 1);
    assert_eq!(s.entity("AZE").unwrap().unwrap().documents, 1);
    assert!(s.entity("Atlantis").unwrap().is_none());
    assert_eq!(s.entity_spellings().unwrap().len(), 1);
    assert_eq!(s.entity_documents("AZE", 10, 0).unwrap()[0].doc, "a.txt");
    let c = s.counterparts("Vladimir Putin", 10).unwrap();
    assert_eq!((c[0].key.as_str(), c[0].events), ("Ilham Aliyev", 2));
    let m = s.entity_event_months("Vladimir Putin").unwrap();
    assert_eq!(m.len(), 2);
    assert_eq!((m[0].month.as_str(), m[0].count), ("2023-09", 1));
    assert_eq!(s.entity_document_months("AZE").unwrap()[0].month, "2023-09");
    // What stories read: the documents with their events, without their text.
    let mut light = Vec::new();
    s.each_document_with_events(0, |_, d| {
        light.push(d);
        Ok::<(), Error>(())
    })
    .unwrap();
    let held: usize = light.iter().map(|d| d.events.len()).sum();
    assert_eq!(
        s.events_through(s.generation().unwrap()).unwrap(),
        held as u64
    );
    assert_eq!(s.events_through(1).unwrap(), light[0].events.len() as u64);
    // Only what was stored after a row id.
    let mut later = Vec::new();
    s.each_document_with_events(1, |id, d| {
        later.push((id, d.doc));
        Ok::<(), Error>(())
    })
    .unwrap();
    assert_eq!(later, vec![(2, light[1].doc.clone())]);
    let whole = s.documents(10).unwrap();
    assert_eq!(light.len(), 2);
    for (l, w) in light.iter().zip(&whole) {
        assert_eq!(
            (&l.doc, &l.outlet, &l.published),
            (&w.doc, &w.outlet, &w.published)
        );
        assert_eq!(l.events, w.events);
        assert!(l.text.is_empty() && l.entities.is_empty());
    }
}

#[test]
fn a_version_1_store_is_updated_by_a_writable_open_and_refused_by_a_read_only_one() {
    use crate::EventFilter;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    {
        let mut s = Store::open(&path).unwrap();
        let a = record("a.txt", TEXT_A);
        let mut b = record("b.txt", TEXT_B);
        // No date of its own: the timeline places it by its document's.
        b.events[0].date = None;
        b.published = Some("2024-01-02".into());
        s.insert_batch(&[a, b]).unwrap();
    }
    // Back to version 1's layout, as a store written before the desk's indexes.
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(
            "DROP INDEX events_at; ALTER TABLE events DROP COLUMN at;
             DROP INDEX event_actors_key_event; DROP INDEX event_actors_country_event;
             DROP INDEX documents_outlet;
             CREATE INDEX event_actors_key ON event_actors(key);
             PRAGMA user_version = 1;",
        )
        .unwrap();
    let err = Store::open_read_only(&path).err().unwrap();
    assert!(err.to_string().contains("older"), "{err}");
    drop(Store::open(&path).unwrap());
    let s = Store::open_read_only(&path).unwrap();
    let ev = s.events_filtered(&EventFilter::default(), 10, 0).unwrap();
    assert_eq!(ev[0].doc, "b.txt", "placed by its publication date");
    let jan = EventFilter {
        from: Some("2024-01".into()),
        to: Some("2024-01-02".into()),
        ..Default::default()
    };
    assert_eq!(s.count_events(&jan).unwrap(), 1);
    let plan: String = s
        .conn
        .query_row(
            "EXPLAIN QUERY PLAN SELECT e.id FROM events e ORDER BY e.at DESC, e.id LIMIT 5",
            [],
            |r| r.get(3),
        )
        .unwrap();
    assert!(plan.contains("events_at"), "{plan}");
}

/// Issue 16: two processes creating one new store at once failed with "duplicate column
/// name" or "database is locked" (10 of 10 trials). Threads with connections of their
/// own stand for the processes here; the end-to-end test runs two `marsad ingest`s.
#[test]
fn concurrent_opens_of_a_new_store_both_succeed() {
    for trial in 0..10 {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        let opens: Vec<_> = (0..4)
            .map(|_| {
                let path = path.clone();
                std::thread::spawn(move || Store::open(&path).map(|_| ()))
            })
            .collect();
        for o in opens {
            o.join()
                .unwrap()
                .unwrap_or_else(|e| panic!("trial {trial}: {e}"));
        }
        assert!(Store::open_read_only(&path).is_ok());
    }
}
