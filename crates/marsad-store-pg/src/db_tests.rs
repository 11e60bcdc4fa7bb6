//! The store against a real server (`$MARSAD_TEST_PG`, as `.ci/run` sets it; a database
//! of its own per test). Skipped with a note without the variable, unless `CI` is set:
//! then they fail, so that CI cannot pass without running them.

use std::sync::atomic::{AtomicUsize, Ordering};

use marsad_schema::Document;
use marsad_store::{Outcome, Prepared};

use crate::units::NewUnit;
use crate::write::UnitProgress;
use crate::{Error, PgStore};

static DATABASES: AtomicUsize = AtomicUsize::new(0);

/// A store in a new, empty database, or `None` (after failing under `CI`).
fn store(name: &str) -> Option<(PgStore, String)> {
    let Some(server) = std::env::var("MARSAD_TEST_PG")
        .ok()
        .filter(|u| !u.is_empty())
    else {
        assert!(
            std::env::var_os("CI").is_none(),
            "MARSAD_TEST_PG is not set and CI is set: the PostgreSQL tests did not run\n\
             help: .ci/run starts a cluster with .ci/pg.sh and sets MARSAD_TEST_PG"
        );
        eprintln!("skipped: MARSAD_TEST_PG not set (a postgres:// URL; see .ci/pg.sh)");
        return None;
    };
    let n = DATABASES.fetch_add(1, Ordering::SeqCst);
    let db = format!("marsad_unit_{name}_{}_{n}", std::process::id());
    let mut admin = postgres::Client::connect(&server, postgres::NoTls).expect("MARSAD_TEST_PG");
    for sql in [
        format!("DROP DATABASE IF EXISTS {db}"),
        format!("CREATE DATABASE {db}"),
    ] {
        admin.batch_execute(&sql).expect("creating a test database");
    }
    let (base, _) = server.rsplit_once('/').expect("a URL with a database name");
    let url = format!("{base}/{db}");
    Some((PgStore::connect(&url).expect("connecting"), url))
}

const TEXT_A: &str =
    "أمس بحث الرئيس الروسي مع رئيس أذربيجان الوضع في قرةَ باغ وسبل التهدئة بين الطرفين.";
const TEXT_B: &str =
    "وصل وزير الخارجية إلى الكرملين لإجراء محادثات حول التعاون الاقتصادي بين البلدين.";

fn prepared(doc: &str, text: &str) -> Prepared {
    Prepared::new(Document::new(doc, text.to_string())).unwrap()
}

fn unit(path: &str) -> NewUnit {
    NewUnit {
        path: path.to_string(),
        meta: None,
        size: 10,
        mtime: 1,
        start: 0,
        end: None,
    }
}

#[test]
fn records_read_back_and_a_text_is_stored_once() {
    let Some((mut s, _)) = store("records") else {
        return;
    };
    let (r, _) = s
        .commit(&[prepared("a", TEXT_A), prepared("b", TEXT_B)], None, &[])
        .unwrap();
    assert_eq!((r.stored, r.copies, r.already), (2, 0, 0));
    let docs = s.documents(0).unwrap();
    assert_eq!(docs[0], Document::new("a", TEXT_A.to_string()));
    assert_eq!(docs[1].doc, "b");
    // The same records again, and one of them under another name: a copy.
    let again = [prepared("a", TEXT_A), prepared("a2", TEXT_A)];
    let (r, outcomes) = s.commit(&again, None, &[]).unwrap();
    assert_eq!((r.stored, r.copies, r.already), (0, 1, 1));
    assert_eq!(outcomes[1], Outcome::Copy { of: "a".into() });
    let c = s.counts().unwrap();
    assert_eq!((c.documents, c.copies), (2, 1));
}

#[test]
fn two_workers_never_claim_the_same_unit() {
    let Some((mut s, url)) = store("claims") else {
        return;
    };
    assert_eq!(
        s.register(&[unit("/in/a.jsonl"), unit("/in/b.jsonl")])
            .unwrap(),
        2
    );
    // Registered again unchanged: nothing queued.
    assert_eq!(s.register(&[unit("/in/a.jsonl")]).unwrap(), 0);
    let mut other = PgStore::connect(&url).unwrap();
    let a = s.claim("w1", 60.0).unwrap().unwrap();
    let b = other.claim("w2", 60.0).unwrap().unwrap();
    assert_eq!(
        (a.path.as_str(), b.path.as_str()),
        ("/in/a.jsonl", "/in/b.jsonl")
    );
    assert!(!a.taken_over && !b.taken_over);
    assert_eq!(s.claim("w3", 60.0).unwrap(), None);
    let st = s.status().unwrap();
    assert_eq!((st.pending, st.running, st.done), (0, 2, 0));
    assert!(!st.finished());
    assert_eq!(st.units[0].worker.as_deref(), Some("w1"));
}

#[test]
fn a_worker_whose_lease_was_taken_over_commits_nothing() {
    let Some((mut s, _)) = store("fence") else {
        return;
    };
    s.register(&[unit("/in/a.jsonl")]).unwrap();
    let old = s.claim("w1", 0.05).unwrap().unwrap();
    let progress = |c: &crate::Claim, offset| UnitProgress {
        unit: c.unit,
        claim: c.claim,
        path: c.path.clone(),
        offset,
        skip: 0,
        complete: false,
        records: 1,
        lease_secs: 0.05,
    };
    s.commit(&[prepared("a:1", TEXT_A)], Some(&progress(&old, 100)), &[])
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(200));
    // The lease ran out: the next claim takes the unit over from the committed position.
    let new = s.claim("w2", 60.0).unwrap().unwrap();
    assert!(new.taken_over);
    assert_eq!((new.unit, new.offset), (old.unit, 100));
    let late = s.commit(&[prepared("a:2", TEXT_B)], Some(&progress(&old, 200)), &[]);
    assert!(matches!(late, Err(Error::LeaseLost { .. })), "{late:?}");
    assert_eq!(
        s.counts().unwrap().documents,
        1,
        "the late batch was rolled back"
    );
    let mut done = progress(&new, 200);
    done.complete = true;
    s.commit(&[prepared("a:2", TEXT_B)], Some(&done), &[])
        .unwrap();
    let st = s.status().unwrap();
    assert_eq!((st.running, st.done), (0, 1));
    assert!(st.finished());
    assert_eq!(s.counts().unwrap().documents, 2);
}

#[test]
fn parts_of_a_file_are_units_and_a_changed_file_is_cut_again() {
    let Some((mut s, _)) = store("parts") else {
        return;
    };
    let part = |start: u64, end: Option<u64>| NewUnit {
        start,
        end,
        ..unit("/in/big.warc.gz")
    };
    let parts = [part(0, Some(4)), part(4, Some(7)), part(7, None)];
    assert_eq!(s.register(&parts).unwrap(), 3);
    // The same file again, cut otherwise (another --unit-mb): left as it is.
    assert_eq!(s.register(&[unit("/in/big.warc.gz")]).unwrap(), 0);
    let a = s.claim("w1", 60.0).unwrap().unwrap();
    assert_eq!((a.offset, a.end), (0, Some(4)));
    let b = s.claim("w1", 60.0).unwrap().unwrap();
    assert_eq!((b.offset, b.end), (4, Some(7)));
    assert_eq!(s.status().unwrap().units[1].range, Some((4, 7)));
    let c = s.claim("w1", 60.0).unwrap().unwrap();
    assert_eq!((c.offset, c.end), (7, None));
    // Given back, a part is claimed again from where it stood.
    s.release(&b).unwrap();
    let again = s.claim("w2", 60.0).unwrap().unwrap();
    assert_eq!(
        (again.unit, again.offset, again.taken_over),
        (b.unit, 4, true)
    );
    // Changed since: its parts are dropped, the file queued whole from its start.
    let changed = NewUnit {
        size: 11,
        ..unit("/in/big.warc.gz")
    };
    assert_eq!(s.register(&[changed]).unwrap(), 1);
    let st = s.status().unwrap();
    assert_eq!((st.pending, st.running), (1, 0));
}

#[test]
fn a_database_of_layout_1_is_brought_up_to_date_by_a_writer_only() {
    let Some((mut s, url)) = store("upgrade") else {
        return;
    };
    s.commit(&[prepared("a", TEXT_A), prepared("b", TEXT_B)], None, &[])
        .unwrap();
    // Layout 1 as it was: one unit per path, no ranges, no full-text column.
    s.client
        .batch_execute(
            "ALTER TABLE units DROP CONSTRAINT units_path_range_start_key;
             ALTER TABLE units DROP COLUMN range_start, DROP COLUMN range_end;
             ALTER TABLE units ADD CONSTRAINT units_path_key UNIQUE (path);
             ALTER TABLE documents DROP COLUMN search;
             ALTER TABLE events ALTER COLUMN at TYPE text COLLATE \"default\";
             ALTER TABLE entities ALTER COLUMN key TYPE text COLLATE \"default\";
             DROP INDEX events_place;
             UPDATE marsad_meta SET version = 1;",
        )
        .unwrap();
    s.client
        .execute(
            "INSERT INTO units (path, size, mtime) VALUES ('/in/old.jsonl', 10, 1)",
            &[],
        )
        .unwrap();
    drop(s);
    // A reader (the desk) does not upgrade: it says how to.
    let refused = PgStore::connect_read_only(&url)
        .err()
        .map(|e| e.to_string());
    assert!(
        refused
            .as_deref()
            .is_some_and(|e| e.contains("layout version 1")),
        "{refused:?}"
    );
    let mut s = PgStore::connect(&url).unwrap();
    // Dates and keys compare bytes, as in SQLite, whatever the database's collation.
    for (table, column) in [("events", "at"), ("entities", "key")] {
        let collation: Option<String> = s
            .client
            .query_one(
                "SELECT collation_name::text FROM information_schema.columns
                 WHERE table_name = $1 AND column_name = $2",
                &[&table, &column],
            )
            .unwrap()
            .get(0);
        assert_eq!(collation.as_deref(), Some("C"), "{table}.{column}");
    }
    assert!(PgStore::connect_read_only(&url).is_ok());
    let version: i32 = s
        .client
        .query_one("SELECT version FROM marsad_meta", &[])
        .unwrap()
        .get(0);
    assert_eq!(version, crate::schema::VERSION);
    // The documents stored before are found by words folded and without proclitics.
    let hits = s.search("قرة باغ", 0).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].document.doc, "a");
    assert!(hits[0].snippet.contains('['), "{}", hits[0].snippet);
    assert_eq!(s.search("للكرملين", 0).unwrap()[0].document.doc, "b");
    assert!(s.search("موسكو", 0).unwrap().is_empty());
    // The old unit is still known; a path in parts can be queued.
    assert_eq!(s.register(&[unit("/in/old.jsonl")]).unwrap(), 0);
    let parts = [
        NewUnit {
            end: Some(5),
            ..unit("/in/new.warc.gz")
        },
        NewUnit {
            start: 5,
            ..unit("/in/new.warc.gz")
        },
    ];
    assert_eq!(s.register(&parts).unwrap(), 2);
}
