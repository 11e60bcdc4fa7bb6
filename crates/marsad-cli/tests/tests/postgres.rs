//! The PostgreSQL store (issue 17) against a real server: `$MARSAD_TEST_PG`, a URL of a
//! database whose user may create databases (`.ci/run` starts a throwaway cluster with
//! `.ci/pg.sh` and sets it). Each test makes a database of its own.
//!
//! The corpus: a few dozen SaudiNewsNet articles taken from `../shared/corpus` at test
//! time (never committed), split into several JSON Lines files so that there are units
//! for several workers, and the five seed pages with their sidecar. What every test
//! checks is that `marsad export` (documents and events) of the PostgreSQL store is the
//! export of a SQLite ingest of the same inputs, compared as sets of lines: one worker,
//! three workers at once, a worker killed with SIGKILL whose unit another worker takes
//! over once its lease has expired, a worker stopped with SIGTERM that gives its unit back
//! at once, and a worker whose sessions the server terminates mid-run (as a restart
//! does), which reconnects and goes on.
//!
//! Skipped (with a note) when `MARSAD_TEST_PG` is not set, unless `CI` is set: then they
//! fail, so that CI cannot pass without running them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::shared_corpus::shared;
use crate::util::{run_marsad, s, Run, TestDir};

/// The server's URL, or `None` (after failing under `CI`) when not given.
fn server() -> Option<String> {
    match std::env::var("MARSAD_TEST_PG") {
        Ok(url) if !url.is_empty() => Some(url),
        _ if std::env::var_os("CI").is_some() => panic!(
            "MARSAD_TEST_PG is not set and CI is set: the PostgreSQL tests did not run\n\
             help: .ci/run starts a cluster with .ci/pg.sh and sets MARSAD_TEST_PG"
        ),
        _ => {
            eprintln!("skipped: MARSAD_TEST_PG not set (a postgres:// URL; see .ci/pg.sh)");
            None
        }
    }
}

static DATABASES: AtomicUsize = AtomicUsize::new(0);

/// A new, empty database on the server: its URL.
fn database(server: &str, name: &str) -> String {
    let n = DATABASES.fetch_add(1, Ordering::SeqCst);
    let db = format!("marsad_{name}_{}_{n}", std::process::id());
    let mut admin = postgres::Client::connect(server, postgres::NoTls)
        .unwrap_or_else(|e| panic!("connecting to MARSAD_TEST_PG ({server}): {e}"));
    for sql in [
        format!("DROP DATABASE IF EXISTS {db}"),
        format!("CREATE DATABASE {db}"),
    ] {
        admin
            .batch_execute(&sql)
            .unwrap_or_else(|e| panic!("{sql}: {e}: {:?}", e.as_db_error()));
    }
    let (base, _) = server.rsplit_once('/').expect("a URL with a database name");
    format!("{base}/{db}")
}

/// The test corpus in `dir`: `files` JSON Lines files of SaudiNewsNet articles (every
/// 97th of the first `files * per_file * 97`, dealt round-robin), and the seeds folder.
fn corpus(dir: &TestDir, shared: &Path, files: usize, per_file: usize) -> Vec<PathBuf> {
    use std::io::BufRead;
    let gz = std::fs::File::open(shared.join("corpus/saudinewsnet/articles.jsonl.gz"))
        .expect("../shared/corpus/saudinewsnet/articles.jsonl.gz");
    let lines = std::io::BufReader::new(flate2::read::GzDecoder::new(gz)).lines();
    let mut parts = vec![String::new(); files];
    for (i, line) in lines.step_by(97).take(files * per_file).enumerate() {
        let line = line.expect("reading the SaudiNewsNet articles");
        parts[i % files].push_str(&line);
        parts[i % files].push('\n');
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, p)| dir.write(&format!("in/part{i}.jsonl"), p))
        .collect()
}

/// `marsad export` of a store, documents and events, each as a set of lines.
fn export(dir: &Path, db: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let docs = run_marsad(dir, &["export", "--db", db], None);
    docs.assert_code(0);
    let events = run_marsad(dir, &["export", "--events", "--db", db], None);
    events.assert_code(0);
    let set = |r: &Run| {
        r.stdout
            .lines()
            .map(str::to_string)
            .collect::<BTreeSet<_>>()
    };
    (set(&docs), set(&events))
}

/// Fails unless the two exports are the same sets, naming the first lines that differ.
fn assert_same(
    what: &str,
    sqlite: &(BTreeSet<String>, BTreeSet<String>),
    pg: &(BTreeSet<String>, BTreeSet<String>),
) {
    for (kind, a, b) in [
        ("documents", &sqlite.0, &pg.0),
        ("events", &sqlite.1, &pg.1),
    ] {
        let only_sqlite: Vec<_> = a.difference(b).take(2).collect();
        let only_pg: Vec<_> = b.difference(a).take(2).collect();
        assert!(
            only_sqlite.is_empty() && only_pg.is_empty(),
            "{what}: the {kind} differ ({} in SQLite, {} in PostgreSQL)\nonly in SQLite: {only_sqlite:#?}\nonly in PostgreSQL: {only_pg:#?}\nhelp: crates/marsad-store-pg/src/write.rs follows marsad-store's write.rs step by step",
            a.len(),
            b.len()
        );
    }
    assert!(
        !sqlite.0.is_empty() && !sqlite.1.is_empty(),
        "{what}: nothing was stored"
    );
}

/// The SQLite ingest of `paths` (and the seeds with their sidecar), exported.
fn sqlite_export(
    dir: &TestDir,
    paths: &[PathBuf],
    seeds: &Path,
) -> (BTreeSet<String>, BTreeSet<String>) {
    let db = dir.path().join("sqlite.db");
    let mut args = vec!["ingest", "--db", s(&db), "--quiet", "--no-templates"];
    args.extend(paths.iter().map(|p| s(p)));
    run_marsad(dir.path(), &args, None).assert_code(0);
    let meta = seeds.join("meta.tsv");
    let seeds_args = [
        "ingest",
        "--db",
        s(&db),
        "--quiet",
        "--no-templates",
        "--meta",
        s(&meta),
        s(seeds),
    ];
    run_marsad(dir.path(), &seeds_args, None).assert_code(0);
    export(dir.path(), s(&db))
}

/// Starts `marsad` with `args` in the background.
fn spawn(dir: &Path, args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_marsad"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starting marsad")
}

/// Waits for a background run to end (within the test's time limit): its exit code and
/// standard error.
fn finish(mut child: Child, what: &str) -> (i32, String) {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("waiting for marsad") {
            let mut err = String::new();
            use std::io::Read;
            child
                .stderr
                .take()
                .expect("piped")
                .read_to_string(&mut err)
                .unwrap();
            return (status.code().unwrap_or(-1), err);
        }
        if started.elapsed() > Duration::from_secs(240) {
            let _ = child.kill();
            panic!("{what} ran for more than 240 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// `marsad ARGS` started in the background, once it has queued its inputs in the store
/// at `url` (so that workers started next find units).
fn queuing(dir: &Path, url: &str, args: &[&str]) -> Child {
    let first = spawn(dir, args);
    let started = Instant::now();
    while status(dir, url).starts_with("units: 0 pending, 0 running, 0 done") {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the first run queued nothing"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    first
}

/// A `--worker` on the store at `url`, in batches of `batch`, in the background.
fn worker(dir: &Path, url: &str, batch: &str) -> Child {
    let args = [
        "ingest",
        "--db",
        url,
        "--quiet",
        "--no-templates",
        "--worker",
        "--batch",
        batch,
    ];
    spawn(dir, &args)
}

/// `marsad status` of the store.
fn status(dir: &Path, url: &str) -> String {
    let run = run_marsad(dir, &["status", "--db", url], None);
    run.assert_code(0);
    run.stdout
}

marsadtest!(postgres_one_worker_stores_what_sqlite_stores, |dir| {
    let Some(server) = server() else { return };
    let Some(shared) = shared() else { return };
    let seeds = shared.join("corpus/seeds");
    let paths = corpus(&dir, &shared, 3, 8);
    let want = sqlite_export(&dir, &paths, &seeds);
    let url = database(&server, "one");
    let mut args = vec!["ingest", "--db", &url, "--quiet", "--no-templates"];
    args.extend(paths.iter().map(|p| s(p)));
    run_marsad(dir.path(), &args, None).assert_code(0);
    let meta = seeds.join("meta.tsv");
    let seeds_args = [
        "ingest",
        "--db",
        &url,
        "--quiet",
        "--no-templates",
        "--meta",
        s(&meta),
        s(&seeds),
    ];
    run_marsad(dir.path(), &seeds_args, None).assert_code(0);
    assert_same("one worker", &want, &export(dir.path(), &url));
    // Search finds the same documents in both engines (folded, with or without the
    // proclitics; the order is each engine's ranking), with the same snippets.
    let found = |db: &str, q: &str| -> BTreeSet<String> {
        let run = run_marsad(
            dir.path(),
            &["search", q, "--db", db, "--limit", "0", "--format", "csv"],
            None,
        );
        assert!(run.code == 0 || run.code == 1, "{}", run.context());
        run.stdout.lines().skip(1).map(str::to_string).collect()
    };
    let sqlite = dir.path().join("sqlite.db");
    let mut some = 0;
    for q in [
        "السعودية",
        "الرئيس الروسي",
        "قرة باغ",
        "للكرملين",
        "وزير الخارجية",
    ] {
        let (a, b) = (found(s(&sqlite), q), found(&url, q));
        assert_eq!(a, b, "search {q:?}: SQLite and PostgreSQL differ");
        some += usize::from(!a.is_empty());
    }
    assert!(some >= 3, "the queries found too little to compare");
    // And the same entities, counted and ordered alike.
    for args in [vec!["entities"], vec!["entities", "--type", "PER"]] {
        let list = |db: &str| {
            let mut a = args.clone();
            a.extend(["--db", db, "--limit", "0", "--format", "csv"]);
            let run = run_marsad(dir.path(), &a, None);
            run.assert_code(0);
            run.stdout
        };
        assert_eq!(list(s(&sqlite)), list(&url), "{args:?}");
    }
    let st = status(dir.path(), &url);
    assert!(
        st.starts_with("units: 0 pending, 0 running, 8 done, 0 failed"),
        "{st}"
    );
    // Ingesting the same inputs again queues nothing and stores nothing.
    let again = run_marsad(dir.path(), &args, None);
    again.assert_code(0);
    assert!(
        again.stderr.contains("0 inputs queued"),
        "{}",
        again.context()
    );
    assert_same("a second run", &want, &export(dir.path(), &url));
    // The desk (`marsad serve`) over either store answers alike.
    assert_same_desk(&sqlite, &url);
    // So do the stories, as `marsad stories --db` lists them.
    let stories = |db: &str| {
        let run = run_marsad(
            dir.path(),
            &["stories", "--db", db, "--format", "jsonl"],
            None,
        );
        run.assert_code(0);
        run.stdout
    };
    let listed = stories(s(&sqlite));
    assert!(listed.lines().count() >= 5, "too few stories to compare");
    assert_eq!(
        listed,
        stories(&url),
        "marsad stories: SQLite and PostgreSQL differ"
    );
    // A database without a store is refused by name, not served empty.
    let empty = database(&server, "empty");
    let run = run_marsad(dir.path(), &["stories", "--db", &empty], None);
    run.assert_code(2);
    assert!(
        run.stderr.contains("holds no Marsad store"),
        "{}",
        run.context()
    );
});

/// GET `uri` from a desk: its status and JSON answer (an export's lines as strings).
async fn desk_get(app: &axum::Router, uri: &str) -> (u16, serde_json::Value) {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let req = axum::http::Request::get(uri)
        .body(axum::body::Body::empty())
        .unwrap();
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status().as_u16();
    let body = res.into_body().collect().await.unwrap().to_bytes();
    let text = String::from_utf8(body.to_vec()).unwrap();
    let v = serde_json::from_str(&text)
        .unwrap_or_else(|_| serde_json::Value::Array(text.lines().map(|l| l.into()).collect()));
    (status, v)
}

/// What the desk gives for `uri`, made comparable across engines: search hits are ranked
/// by BM25 in SQLite and listed latest first in PostgreSQL (`marsad_store::Reader`), so a search's
/// page is compared as a set (a page of everything, so that it is the same set).
fn comparable(uri: &str, mut v: serde_json::Value) -> serde_json::Value {
    if uri.starts_with("/api/search") {
        if let Some(items) = v["items"].as_array_mut() {
            items.sort_by_key(|i| i["doc"].to_string());
        }
    }
    v
}

/// Asks the desk over the SQLite store at `sqlite` and over the PostgreSQL store at
/// `url` the same questions, every endpoint with the filters a user would set (taken from
/// the answers themselves: the first actors, outlets, places, stories, documents), and
/// fails at the first answer that differs.
fn assert_same_desk(sqlite: &Path, url: &str) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let lite = marsad_serve::app(std::sync::Arc::new(
        marsad_serve::State::open(sqlite).expect("the SQLite desk"),
    ));
    let pg_url = url.to_string();
    let pg = marsad_serve::app(std::sync::Arc::new(
        marsad_serve::State::new(
            url.to_string(),
            std::sync::Arc::new(move || {
                Ok(
                    Box::new(marsad_store_pg::PgStore::connect_read_only(&pg_url)?)
                        as Box<dyn marsad_store::Reader>,
                )
            }),
        )
        .expect("the PostgreSQL desk"),
    ));
    let enc = |s: &str| -> String {
        s.bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect()
    };
    rt.block_on(async {
        let mut uris: Vec<String> = [
            "/api/stats",
            "/api/documents?limit=50",
            "/api/documents?limit=5&offset=7",
            "/api/entities?limit=200",
            "/api/entities?type=PER&limit=50",
            "/api/entities?q=%D8%A7%D9%84%D8%B3%D8%B9%D9%88%D8%AF",
            "/api/events?limit=200",
            "/api/events?limit=200&min_confidence=0",
            "/api/events?limit=7&offset=3&min_confidence=0",
            "/api/events?from=2015-08&to=2015-08-15&min_confidence=0",
            "/api/events/days",
            "/api/events/days?min_confidence=0",
            "/api/events/facets",
            "/api/events/facets?min_confidence=0",
            "/api/events/export?format=jsonl&min_confidence=0",
            "/api/events/export?min_confidence=0",
            "/api/map",
            "/api/map?min_confidence=0",
            "/api/stories?limit=200",
            "/api/stories?limit=200&facets=1&sort=recent",
            "/api/network",
            "/api/network?min=1",
            "/api/search?q=%D9%88%D8%B2%D9%8A%D8%B1&limit=200",
            "/api/search?q=%D8%A7%D9%84%D8%B3%D8%B9%D9%88%D8%AF%D9%8A%D8%A9&limit=200",
        ]
        .map(String::from)
        .to_vec();
        // Filters from the answers: every facet value of the timeline, the first
        // entities, stories and documents, and a word search inside the timeline.
        let (_, facets) = desk_get(&lite, "/api/events/facets?min_confidence=0").await;
        let mut filters = 0;
        for (facet, param) in [
            ("type", "type"),
            ("mode", "mode"),
            ("status", "status"),
            ("country", "country"),
            ("outlet", "outlet"),
            ("place", "place"),
        ] {
            for v in facets[facet].as_array().into_iter().flatten().take(4) {
                let value = v["value"].as_str().unwrap_or_default();
                if value.is_empty() {
                    continue;
                }
                filters += 1;
                let f = format!("{param}={}&min_confidence=0", enc(value));
                for base in ["/api/events?limit=100&", "/api/events/days?", "/api/events/facets?", "/api/map?"] {
                    uris.push(format!("{base}{f}"));
                }
            }
        }
        assert!(filters >= 10, "too few facet values to compare: {facets}");
        let (_, entities) = desk_get(&lite, "/api/entities?limit=12").await;
        for e in entities["items"].as_array().expect("entities") {
            let key = enc(e["key"].as_str().unwrap());
            uris.push(format!("/api/entities/{key}"));
            uris.push(format!("/api/events?actor={key}&min_confidence=0"));
            uris.push(format!("/api/stories?actor={key}"));
            uris.push(format!("/api/network?actor={key}&min=1"));
        }
        for sector in ["GOV", "MIL"] {
            uris.push(format!("/api/events?sector={sector}&min_confidence=0"));
        }
        uris.push("/api/events?q=%D9%88%D8%B2%D9%8A%D8%B1&min_confidence=0".into());
        uris.push("/api/stories?q=%D9%88%D8%B2%D9%8A%D8%B1".into());
        let (_, stories) = desk_get(&lite, "/api/stories?limit=8").await;
        for st in stories["items"].as_array().expect("stories") {
            uris.push(format!("/api/stories/{}", st["story"]));
        }
        let (_, docs) = desk_get(&lite, "/api/documents?limit=6").await;
        for d in docs["items"].as_array().expect("documents") {
            uris.push(format!("/api/documents/{}", enc(d["doc"].as_str().unwrap())));
        }
        let mut events = 0;
        for uri in &uris {
            let (a_status, a) = desk_get(&lite, uri).await;
            let (b_status, b) = desk_get(&pg, uri).await;
            assert_eq!(a_status, 200, "{uri} on SQLite: {a}");
            assert_eq!(b_status, 200, "{uri} on PostgreSQL: {b}");
            let (a, b) = (comparable(uri, a), comparable(uri, b));
            if a != b {
                let (a, b) = (a.to_string(), b.to_string());
                let at = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
                let from = at.saturating_sub(200);
                panic!(
                    "{uri}: the desk answers differently on PostgreSQL\nSQLite:     …{}\nPostgreSQL: …{}",
                    a.get(from..(at + 300).min(a.len())).unwrap_or(&a),
                    b.get(from..(at + 300).min(b.len())).unwrap_or(&b),
                );
            }
            if uri.starts_with("/api/events?") {
                events += a["items"].as_array().map_or(0, Vec::len);
            }
        }
        assert!(events >= 100, "the comparison saw only {events} events");
        eprintln!(
            "the desk answered {} requests alike on SQLite and PostgreSQL ({events} events in the timelines)",
            uris.len()
        );
    });
}

marsadtest!(postgres_three_workers_store_what_sqlite_stores, |dir| {
    let Some(server) = server() else { return };
    let Some(shared) = shared() else { return };
    let seeds = shared.join("corpus/seeds");
    let paths = corpus(&dir, &shared, 6, 5);
    let want = sqlite_export(&dir, &paths, &seeds);
    let url = database(&server, "three");
    // The first run queues the files (and the seeds, by a second run that only queues
    // them before the workers start), then works beside two `--worker`s.
    let meta = seeds.join("meta.tsv");
    let seeds_args = [
        "ingest",
        "--db",
        &url,
        "--quiet",
        "--no-templates",
        "--meta",
        s(&meta),
        s(&seeds),
        "--batch",
        "2",
    ];
    let mut args = vec![
        "ingest",
        "--db",
        &url,
        "--quiet",
        "--no-templates",
        "--batch",
        "2",
    ];
    args.extend(paths.iter().map(|p| s(p)));
    let first = queuing(dir.path(), &url, &args);
    let second = worker(dir.path(), &url, "2");
    let third = spawn(dir.path(), &seeds_args);
    let results = [
        finish(first, "the first worker"),
        finish(second, "the second worker"),
        finish(third, "the third worker"),
    ];
    for (code, err) in &results {
        assert_eq!(*code, 0, "a worker failed:\n{err}");
    }
    // Each worker did some of the work (the seeds' run at least its own five pages).
    let busy = results
        .iter()
        .filter(|(_, err)| !err.contains(": 0 units done"))
        .count();
    assert!(busy >= 2, "the work was not shared: {results:#?}");
    assert_same("three workers", &want, &export(dir.path(), &url));
});

marsadtest!(postgres_workers_share_one_warc_cut_into_parts, |dir| {
    let Some(server) = server() else { return };
    // One archive of our own pages (a member per record), queued in parts of about 20 KB.
    dir.write("crawl.warc.gz", crate::ingest::crawl(150, None));
    let url = database(&server, "parts");
    let args = [
        "ingest",
        "--db",
        &url,
        "--quiet",
        "--no-templates",
        "--batch",
        "4",
        "--unit-mb",
        "0.02",
        "crawl.warc.gz",
    ];
    let first = queuing(dir.path(), &url, &args);
    let second = worker(dir.path(), &url, "4");
    let results = [
        finish(first, "the first worker"),
        finish(second, "the second worker"),
    ];
    for (code, err) in &results {
        assert_eq!(*code, 0, "a worker failed:\n{err}");
    }
    let st = status(dir.path(), &url);
    let done: usize = st
        .strip_prefix("units: 0 pending, 0 running, ")
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{st}"));
    assert!(done >= 5, "the archive was not cut into parts:\n{st}");
    // Every page once, as one SQLite run of the whole archive stores them (which text
    // is the original of a near-duplicate may depend on the order of commits: pages are
    // compared by `doc`).
    run_marsad(
        dir.path(),
        &[
            "ingest",
            "--db",
            "whole.db",
            "--quiet",
            "--no-templates",
            "crawl.warc.gz",
        ],
        None,
    )
    .assert_code(0);
    let docs = |db: &str| -> BTreeSet<String> {
        let out = run_marsad(dir.path(), &["export", "--db", db], None);
        out.assert_code(0);
        out.stdout
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                v["doc"].as_str().unwrap().to_string()
            })
            .collect()
    };
    let (parts, whole) = (docs(&url), docs("whole.db"));
    assert!(parts.len() >= 150, "{} pages stored", parts.len());
    assert_eq!(parts, whole);
});

/// The stage of the two worker-stopping tests: the SQLite reference of one file of 40
/// articles and the seeds; a PostgreSQL store holding the seeds; and a worker on the file
/// (batches of 3, a lease of `lease` seconds) once it has committed a batch, still running.
fn a_worker_past_its_first_commit(
    dir: &TestDir,
    server: &str,
    shared: &Path,
    lease: &str,
) -> ((BTreeSet<String>, BTreeSet<String>), String, Child) {
    let seeds = shared.join("corpus/seeds");
    let paths = corpus(dir, shared, 1, 40);
    let want = sqlite_export(dir, &paths, &seeds);
    let url = database(server, &format!("stop{lease}"));
    let meta = seeds.join("meta.tsv");
    let seeds_args = [
        "ingest",
        "--db",
        &url,
        "--quiet",
        "--no-templates",
        "--meta",
        s(&meta),
        s(&seeds),
    ];
    run_marsad(dir.path(), &seeds_args, None).assert_code(0);
    let args = [
        "ingest",
        "--db",
        &url,
        "--quiet",
        "--no-templates",
        "--batch",
        "3",
        "--lease",
        lease,
        s(&paths[0]),
    ];
    let mut worker = spawn(dir.path(), &args);
    let started = Instant::now();
    loop {
        let st = status(dir.path(), &url);
        if st
            .lines()
            .any(|l| l.starts_with("running") && !l.contains(" 0 records"))
        {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "no batch was committed:\n{st}"
        );
        assert!(
            worker.try_wait().unwrap().is_none(),
            "the worker ended before it could be stopped:\n{st}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    (want, url, worker)
}

marsadtest!(postgres_a_killed_workers_unit_is_taken_over, |dir| {
    let Some(server) = server() else { return };
    let Some(shared) = shared() else { return };
    // A short lease: the next worker takes the unit over soon after the kill.
    let (want, url, mut victim) = a_worker_past_its_first_commit(&dir, &server, &shared, "3");
    victim.kill().expect("SIGKILL"); // Child::kill is SIGKILL on Unix
    victim.wait().unwrap();
    let st = status(dir.path(), &url);
    assert!(
        st.contains("1 running"),
        "the killed worker's unit is not running:\n{st}"
    );
    let worker = [
        "ingest",
        "--db",
        &url,
        "--quiet",
        "--no-templates",
        "--worker",
        "--batch",
        "3",
        "--lease",
        "3",
    ];
    let (code, err) = finish(spawn(dir.path(), &worker), "the second worker");
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("taking over"),
        "the unit was not taken over:\n{err}"
    );
    assert!(err.contains("1 taken over"), "{err}");
    assert_same(
        "a worker killed and its unit taken over",
        &want,
        &export(dir.path(), &url),
    );
    let st = status(dir.path(), &url);
    assert!(
        st.starts_with("units: 0 pending, 0 running, 6 done, 0 failed"),
        "{st}"
    );
});

marsadtest!(
    postgres_a_worker_stopped_by_sigterm_gives_its_unit_back,
    |dir| {
        let Some(server) = server() else { return };
        let Some(shared) = shared() else { return };
        // A lease far longer than the test: a unit that was not given back would keep
        // the next worker waiting (and the test would time out).
        let (want, url, victim) = a_worker_past_its_first_commit(&dir, &server, &shared, "600");
        let term = Command::new("kill")
            .args(["-TERM", &victim.id().to_string()])
            .status()
            .unwrap();
        assert!(term.success());
        let (code, err) = finish(victim, "the stopped worker");
        if code == 0 {
            // It read its last batch before the signal came: nothing left to give back.
            eprintln!("postgres SIGTERM test: the worker finished first; make the corpus larger");
            return;
        }
        assert_eq!(code, 143, "{err}");
        assert!(err.contains("given back to the queue"), "{err}");
        assert!(err.contains("stopped by SIGTERM"), "{err}");
        let st = status(dir.path(), &url);
        assert!(
            st.starts_with("units: 1 pending, 0 running, 5 done, 0 failed"),
            "the stopped worker's unit is not back in the queue:\n{st}"
        );
        let (code, err) = finish(worker(dir.path(), &url, "3"), "the second worker");
        assert_eq!(code, 0, "{err}");
        assert!(err.contains("taking over"), "{err}");
        assert_same(
            "a worker stopped by SIGTERM and its unit taken over",
            &want,
            &export(dir.path(), &url),
        );
    }
);

marsadtest!(postgres_a_worker_outlives_its_connections_cut, |dir| {
    let Some(server) = server() else { return };
    let Some(shared) = shared() else { return };
    let seeds = shared.join("corpus/seeds");
    let paths = corpus(&dir, &shared, 1, 30);
    let want = sqlite_export(&dir, &paths, &seeds);
    let url = database(&server, "cut");
    let meta = seeds.join("meta.tsv");
    let seeds_args = [
        "ingest",
        "--db",
        &url,
        "--quiet",
        "--no-templates",
        "--meta",
        s(&meta),
        s(&seeds),
    ];
    run_marsad(dir.path(), &seeds_args, None).assert_code(0);
    let args = [
        "ingest",
        "--db",
        &url,
        "--quiet",
        "--no-templates",
        "--batch",
        "3",
        "--lease",
        "2",
        s(&paths[0]),
    ];
    let worker = spawn(dir.path(), &args);
    let started = Instant::now();
    while !status(dir.path(), &url)
        .lines()
        .any(|l| l.starts_with("running") && !l.contains(" 0 records"))
    {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "no batch was committed"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // What a server restart does to a worker's sessions: they are terminated, mid-batch
    // or between batches.
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let cut: i64 = admin
        .query_one(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
             WHERE datname = current_database() AND pid <> pg_backend_pid()",
            &[],
        )
        .unwrap()
        .get(0);
    assert!(cut >= 1, "no session of the worker was found");
    let (code, err) = finish(worker, "the worker");
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("connected to the database again"), "{err}");
    assert_same(
        "a worker whose connections were cut",
        &want,
        &export(dir.path(), &url),
    );
});
