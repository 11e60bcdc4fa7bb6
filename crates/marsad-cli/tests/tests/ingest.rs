//! `marsad ingest` and the readers of the store, end to end: a WARC.gz built here (per
//! record gzip, as Common Crawl ships it) from `../shared/corpus` and pages of our own,
//! ingested, killed mid-run with SIGKILL (or stopped with SIGTERM), ingested again; then
//! counts and contents checked exactly against what `marsad extract` makes of the same
//! archive.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use flate2::write::GzEncoder;
use flate2::Compression;
use serde_json::Value;

use crate::util::{field, RUN_LIMIT};

/// Cities and topics for our pages.
const CITIES: &[&str] = &[
    "القاهرة",
    "عمّان",
    "بيروت",
    "الرباط",
    "تونس",
    "الدوحة",
    "مسقط",
    "بغداد",
    "الرياض",
    "نواكشوط",
];
const TOPICS: &[&str] = &[
    "الطاقة المتجددة",
    "النقل البحري",
    "الأمن الغذائي",
    "التعليم الرقمي",
    "إدارة المياه",
    "الصحة العامة",
    "السياحة الثقافية",
    "الزراعة المستدامة",
];

/// Page `n` of our own: a headline and four paragraphs, written for these tests. The
/// number `n` and the places make every page's text different.
fn own_page(n: usize) -> (String, Vec<String>) {
    let city = CITIES[n % CITIES.len()];
    let next = CITIES[(n * 7 + 3) % CITIES.len()];
    let topic = TOPICS[n % TOPICS.len()];
    let bodies = n % 5 + 3;
    let title = format!("اجتماع موسع في {city} لبحث ملف {topic}");
    let paras = vec![
        format!("{city} - استضافت مدينة {city} اليوم اجتماعا موسعا خصص لبحث ملف {topic}، بمشاركة ممثلين عن {bodies} جهات حكومية وخاصة، في إطار الدورة رقم {n} من اللقاءات الدورية التي تنظمها اللجنة الوطنية."),
        // Each page's own words: a paragraph on every page of the site would be its
        // template, which `ingest` learns and `extract` (this test's reference) does not.
        format!("وقال رئيس اللجنة المنظمة في {city} إن النقاشات ركزت على تحسين التنسيق بين المؤسسات المعنية ووضع جدول زمني واضح لتنفيذ التوصيات خلال الأشهر الـ{bodies} المقبلة."),
        format!("وأوضح المشاركون أن قطاع {topic} يواجه تحديات متزايدة تتعلق بالتمويل ونقص الكوادر المدربة، داعين إلى زيادة الاستثمار في التدريب المهني وتبادل الخبرات مع الدول المجاورة."),
        format!("ومن المقرر أن ترفع اللجنة تقريرها النهائي إلى مجلس الوزراء قبل نهاية العام، على أن تعقد جلستها التالية في مدينة {next} بعد {bodies} أسابيع."),
    ];
    (title, paras)
}

/// A page of ours that names Karabakh, spelt with ه.
fn karabakh_page() -> (String, Vec<String>) {
    (
        "مباحثات حول الوضع في قره باغ".to_string(),
        vec![
            "بحث وزيرا خارجية البلدين في اتصال هاتفي مساء أمس الوضع في إقليم قره باغ، وسبل دعم الاستقرار في منطقة جنوب القوقاز.".to_string(),
            "وأكد الجانبان خلال الاتصال أهمية مواصلة الحوار والتشاور بشأن القضايا الإقليمية ذات الاهتمام المشترك في المرحلة المقبلة.".to_string(),
        ],
    )
}

fn html(title: &str, paras: &[String], charset_meta: bool) -> String {
    let meta = if charset_meta {
        "<meta charset=\"utf-8\">"
    } else {
        ""
    };
    let body: String = paras.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        "<!doctype html><html lang=\"ar\" dir=\"rtl\"><head>{meta}<title>{title} | موقع الأخبار</title></head>\n<body><nav><a href=\"/\">الرئيسية</a> <a href=\"/a\">أخبار</a></nav>\n<article><h1>{title}</h1>\n{body}</article>\n<footer>جميع الحقوق محفوظة</footer></body></html>"
    )
}

/// One WARC record, gzipped on its own (one gzip member per record).
fn record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    record_with_length(kind, uri, block, block.len())
}

fn record_with_length(kind: &str, uri: &str, block: &[u8], length: usize) -> Vec<u8> {
    let mut rec = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2025-01-02T03:04:05Z\r\nWARC-Record-ID: <urn:uuid:{kind}-{uri}>\r\nContent-Type: application/http; msgtype={kind}\r\nContent-Length: {length}\r\n\r\n"
    )
    .into_bytes();
    rec.extend_from_slice(block);
    rec.extend_from_slice(b"\r\n\r\n");
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    gz.write_all(&rec).unwrap();
    gz.finish().unwrap()
}

fn http(content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut m = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    m.extend_from_slice(body);
    m
}

/// A request and its response.
fn exchange(uri: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut out = record(
        "request",
        uri,
        format!("GET {uri} HTTP/1.1\r\n\r\n").as_bytes(),
    );
    out.extend(record("response", uri, &http(content_type, body)));
    out
}

/// The bad records of [`crawl`], as (URI, words of the reason).
const BAD: &[(&str, &str)] = &[
    ("https://news.example/logo.png", "not a text page"),
    ("https://news.example/raw", "does not hold an HTTP message"),
    ("https://news.example/short", "Content-Length is wrong"),
];

/// A crawl: a warcinfo record, `pages` pages of ours (HTML, one of them in
/// windows-1256 declared only by the HTTP header, one served twice under two URLs),
/// the Karabakh page, the seeds and HTML pages of `../shared/corpus` when present, and
/// the [`BAD`] records among them.
pub(crate) fn crawl(pages: usize, shared: Option<&Path>) -> Vec<u8> {
    let mut out = record("warcinfo", "", b"software: marsad tests\r\n");
    for n in 0..pages {
        let (title, paras) = own_page(n);
        let uri = format!("https://news.example/{n}");
        if n == 7 {
            let page = html(&title, &paras, false);
            let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(&page);
            out.extend(exchange(&uri, "text/html; charset=windows-1256", &bytes));
        } else {
            out.extend(exchange(
                &uri,
                "text/html; charset=utf-8",
                html(&title, &paras, true).as_bytes(),
            ));
        }
        if n == 11 {
            // The same page again under another address: an exact copy.
            let page = html(&title, &paras, true);
            out.extend(exchange(
                "https://mirror.example/11",
                "text/html",
                page.as_bytes(),
            ));
        }
        if n == pages / 4 {
            out.extend(record(
                "response",
                BAD[0].0,
                &http("image/png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            ));
        }
        if n == pages / 2 {
            out.extend(record(
                "response",
                BAD[1].0,
                b"\0\x01\x02 not an HTTP message",
            ));
        }
        if n == 3 * pages / 4 {
            let (t, p) = own_page(1000);
            let block = http("text/html", html(&t, &p, true).as_bytes());
            out.extend(record_with_length("response", BAD[2].0, &block, 200));
        }
    }
    let (t, p) = karabakh_page();
    out.extend(exchange(
        "https://news.example/karabakh",
        "text/html; charset=utf-8",
        html(&t, &p, true).as_bytes(),
    ));
    if let Some(shared) = shared {
        for dir in ["corpus/seeds", "corpus/html"] {
            let mut files: Vec<_> = std::fs::read_dir(shared.join(dir))
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            files.sort();
            for f in files {
                let name = f.file_name().unwrap().to_string_lossy().into_owned();
                let ct = if name.ends_with(".html") {
                    "text/html"
                } else if name.ends_with(".txt") && !name.contains(".gold.") {
                    "text/plain; charset=utf-8"
                } else {
                    continue;
                };
                let uri = format!("https://shared.example/{dir}/{name}");
                out.extend(exchange(&uri, ct, &std::fs::read(&f).unwrap()));
            }
        }
    }
    out
}

/// Counts in the database, read while another process may be writing it (WAL).
fn count(db: &Path, table: &str) -> Option<i64> {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .ok()?;
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .ok()
}

/// `marsad ARGS` started in `dir`, once `db` holds at least `n` documents (how many it
/// holds then); fails if the run ends first.
fn running_past(dir: &Path, args: &[&str], db: &Path, n: i64) -> (std::process::Child, i64) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_marsad"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        if let Some(now) = count(db, "documents").filter(|&now| now >= n) {
            return (child, now);
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the ingest ended before it could be stopped; make the crawl larger"
        );
        assert!(
            started.elapsed() < RUN_LIMIT,
            "nothing committed in {RUN_LIMIT:?}"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Every stored `doc` with its record, and every copy's `doc`.
fn stored(db: &Path) -> (Vec<(String, Value)>, Vec<String>) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let docs = conn
        .prepare("SELECT doc, record FROM documents ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .unwrap()
        .map(|r| {
            let (d, rec) = r.unwrap();
            (d, serde_json::from_str(&rec).unwrap())
        })
        .collect();
    let copies = conn
        .prepare("SELECT doc FROM copies")
        .unwrap()
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    (docs, copies)
}

/// The numbers of the summary line: `ingested N: S stored, C copies, A already stored;
/// B bad; I inputs done before; …`.
fn summary(stderr: &str) -> [usize; 6] {
    let line = stderr
        .lines()
        .rev()
        .find(|l| l.starts_with("ingested "))
        .unwrap_or_else(|| panic!("no summary line in\n{stderr}"));
    let nums: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit() && c != '.')
        .filter(|w| !w.is_empty() && !w.contains('.'))
        .map(|w| w.parse().unwrap())
        .collect();
    [nums[0], nums[1], nums[2], nums[3], nums[4], nums[5]]
}

marsadtest!(
    a_crawl_killed_mid_run_resumes_with_nothing_lost_or_doubled,
    |dir| {
        let shared = crate::shared_corpus::shared();
        let pages = 120;
        dir.write("crawl.warc.gz", crawl(pages, shared.as_deref()));

        // What the pipeline makes of the archive: the reference.
        let reference = dir.marsad(&["extract", "crawl.warc.gz"]);
        reference.assert_code(0);
        let want: BTreeMap<String, Value> = reference
            .records()
            .into_iter()
            .map(|r| (field(&r, "doc").unwrap().to_string(), r))
            .collect();
        assert_eq!(
            want.len(),
            reference.records().len(),
            "a doc twice in the reference"
        );
        let seeds = if shared.is_some() { 7 } else { 0 };
        assert_eq!(
            want.len(),
            pages + 2 + seeds,
            "records of the reference\n{}",
            reference.context()
        );
        assert_eq!(
            reference.summary(),
            format!("extracted {}, skipped 3", want.len())
        );

        // Ingest in small batches on one thread, and kill it once something is committed.
        let db = dir.path().join("t.db");
        let args = [
            "ingest",
            "crawl.warc.gz",
            "--db",
            "t.db",
            "--batch",
            "4",
            "--jobs",
            "1",
        ];
        let (mut child, at_kill) = running_past(dir.path(), &args, &db, 8);
        assert!(
            child.try_wait().unwrap().is_none(),
            "the ingest ended before it could be killed"
        );
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        assert!(!status.success(), "killed, yet {status}");
        let mut first_err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut first_err)
            .unwrap();
        let after_kill = count(&db, "documents").unwrap();
        assert!(
            at_kill <= after_kill && (after_kill as usize) < want.len() - 1,
            "killed too late: {after_kill} stored"
        );

        // The same command again: goes on where the last commit ended.
        let second = dir.marsad(&args);
        second.assert_code(0);
        let [_, stored_now, _, already, bad, _] = summary(&second.stderr);
        assert_eq!(
            already,
            0,
            "the second run read again what the first had committed\n{}",
            second.context()
        );
        assert_eq!(
            stored_now + after_kill as usize,
            want.len() - 1,
            "{}",
            second.context()
        );
        assert!(bad <= BAD.len());

        // Every record once: stored or (the mirror) a copy, and as the pipeline made it.
        let (docs, copies) = stored(&db);
        let mut seen = BTreeSet::new();
        for (doc, _) in &docs {
            assert!(seen.insert(doc.clone()), "{doc} stored twice");
        }
        for doc in &copies {
            assert!(seen.insert(doc.clone()), "{doc} stored and copied");
        }
        assert_eq!(seen, want.keys().cloned().collect::<BTreeSet<_>>());
        assert_eq!(copies, ["https://mirror.example/11"]);
        // As the pipeline made it, but for `duplicate_of`, which only the store knows:
        // when set, it names a record stored before this one (our pages share their
        // template sentences, so many are near-duplicates of an earlier one).
        let order: BTreeMap<&str, usize> = docs
            .iter()
            .enumerate()
            .map(|(i, (d, _))| (d.as_str(), i))
            .collect();
        for (i, (doc, rec)) in docs.iter().enumerate() {
            let mut rec = rec.clone();
            if let Some(of) = field(&rec, "duplicate_of") {
                assert!(
                    order.get(of).is_some_and(|&j| j < i),
                    "{doc}: duplicate_of {of}"
                );
            }
            rec["duplicate_of"] = Value::Null;
            assert_eq!(
                &rec, &want[doc],
                "{doc} differs from what extract makes of it"
            );
        }
        // The page in windows-1256 decoded by its HTTP charset.
        assert!(field(&want["https://news.example/7"], "text")
            .unwrap()
            .contains("الدورة رقم 7"));

        // Each bad record reported with the file, its offset and the reason.
        let all_err = format!("{first_err}{}", second.stderr);
        for (_, why) in BAD {
            assert!(
                all_err
                    .lines()
                    .any(|l| l.starts_with("marsad: crawl.warc.gz: record at byte ")
                        && l.contains(why)),
                "no report of «{why}»\n{all_err}"
            );
        }

        // A third run: the file is done.
        let third = dir.marsad(&args);
        third.assert_code(0);
        assert_eq!(
            summary(&third.stderr)[..5],
            [0, 0, 0, 0, 0],
            "{}",
            third.context()
        );
        assert_eq!(summary(&third.stderr)[5], 1, "{}", third.context());
        assert_eq!(count(&db, "documents").unwrap() as usize, want.len() - 1);

        // Arabic-folded search finds the page written with ه by a query with ة.
        let found = dir.marsad(&["search", "قرة باغ", "--db", "t.db", "--format", "jsonl"]);
        found.assert_code(0);
        let hits: Vec<String> = found
            .records()
            .iter()
            .map(|r| field(r, "doc").unwrap().to_string())
            .collect();
        assert!(
            hits.contains(&"https://news.example/karabakh".to_string()),
            "{hits:?}"
        );
    }
);

marsadtest!(
    a_crawl_stopped_by_sigterm_commits_its_batch_says_so_and_resumes,
    |dir| {
        // Our own pages only (the test never skips): enough batches of four that the
        // run is still going when the signal comes.
        let pages = 400;
        dir.write("crawl.warc.gz", crawl(pages, None));
        let db = dir.path().join("t.db");
        let args = [
            "ingest",
            "crawl.warc.gz",
            "--db",
            "t.db",
            "--batch",
            "4",
            "--jobs",
            "1",
        ];
        let (mut child, _) = running_past(dir.path(), &args, &db, 8);
        let term = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .unwrap();
        assert!(term.success(), "kill -TERM failed");
        let status = child.wait().unwrap();
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        // Stopped, not finished, not killed: the shell's status for SIGTERM, a summary,
        // and what to do next.
        assert_eq!(status.code(), Some(143), "{status}\n{err}");
        assert!(
            err.contains("stopped by SIGTERM: what was read is committed"),
            "{err}"
        );
        // The summary counts exactly what is in the store: the batch in hand when the
        // signal came was committed, not dropped.
        let [_, stored_first, copies_first, ..] = summary(&err);
        let after_stop = count(&db, "documents").unwrap() as usize;
        assert_eq!(stored_first, after_stop, "{err}");
        assert!(
            after_stop < pages - 1,
            "stopped too late: {after_stop} stored"
        );

        // The same command again goes on from there, and every page is stored once.
        let second = dir.marsad(&args);
        second.assert_code(0);
        let [_, stored_now, copies_now, already, _, _] = summary(&second.stderr);
        assert_eq!(already, 0, "read again\n{}", second.context());
        let (docs, copies) = stored(&db);
        assert_eq!(docs.len(), stored_first + stored_now);
        assert_eq!(copies.len(), copies_first + copies_now);
        let distinct: BTreeSet<&String> = docs.iter().map(|(d, _)| d).collect();
        assert_eq!(distinct.len(), docs.len(), "a page stored twice");
        // The reference: one run that was never stopped.
        let whole = dir.marsad(&["ingest", "crawl.warc.gz", "--db", "whole.db"]);
        whole.assert_code(0);
        let (want, want_copies) = stored(&dir.path().join("whole.db"));
        assert_eq!(
            distinct,
            want.iter().map(|(d, _)| d).collect::<BTreeSet<_>>()
        );
        assert_eq!(copies.len(), want_copies.len());
    }
);

marsadtest!(ingesting_twice_adds_nothing, |dir| {
    for n in 0..6 {
        let (title, paras) = own_page(n);
        dir.write(
            &format!("pages/{n}.txt"),
            format!("{title}\n\n{}\n", paras.join("\n\n")),
        );
    }
    let jsonl: String = (6..9)
        .map(|n| {
            let (title, paras) = own_page(n);
            serde_json::json!({"id": format!("j{n}"), "html": html(&title, &paras, true)})
                .to_string()
                + "\n"
        })
        .collect();
    dir.write("pages/more.jsonl", jsonl);
    let first = dir.marsad(&["ingest", "pages"]);
    first.assert_code(0);
    assert_eq!(
        summary(&first.stderr),
        [9, 9, 0, 0, 0, 0],
        "{}",
        first.context()
    );
    assert!(
        dir.path().join("marsad.db").exists(),
        "the default database path"
    );
    let second = dir.marsad(&["ingest", "pages", "--quiet"]);
    second.assert_code(0);
    assert_eq!(
        summary(&second.stderr),
        [0, 0, 0, 0, 0, 7],
        "{}",
        second.context()
    );
    // A file written again (another modification time) is read again, and its record
    // recognized.
    std::thread::sleep(Duration::from_millis(1100));
    let (title, paras) = own_page(0);
    dir.write(
        "pages/0.txt",
        format!("{title}\n\n{}\n", paras.join("\n\n")),
    );
    let third = dir.marsad(&["ingest", "pages"]);
    assert_eq!(
        summary(&third.stderr),
        [1, 0, 0, 1, 0, 6],
        "{}",
        third.context()
    );
    let docs = dir.marsad(&["docs", "--format", "csv", "--limit", "0"]);
    docs.assert_code(0);
    assert_eq!(docs.stdout.lines().count(), 1 + 9, "{}", docs.context());
});

marsadtest!(bad_inputs_are_reported_and_the_run_goes_on, |dir| {
    let (title, paras) = own_page(1);
    dir.write(
        "in/good.txt",
        format!("{title}\n\n{}\n", paras.join("\n\n")),
    );
    let mut warc = exchange(
        "https://news.example/2",
        "text/html",
        html(&own_page(2).0, &own_page(2).1, true).as_bytes(),
    );
    let cut = warc.len();
    warc.extend(exchange(
        "https://news.example/3",
        "text/html",
        html(&own_page(3).0, &own_page(3).1, true).as_bytes(),
    ));
    warc.truncate(warc.len() - 40);
    dir.write("in/cut.warc.gz", &warc);
    dir.write("in/bad.jsonl", "{\"text\": \"x\"\nnot json\n");
    let run = dir.marsad(&["ingest", "in", "--db", "x.db"]);
    run.assert_code(0);
    let [docs, stored, ..] = summary(&run.stderr);
    assert_eq!((docs, stored), (2, 2), "{}", run.context());
    let cut_at = cut
        + record(
            "request",
            "https://news.example/3",
            b"GET https://news.example/3 HTTP/1.1\r\n\r\n",
        )
        .len();
    let want = format!(
        "marsad: in/cut.warc.gz: record at byte {cut_at}: malformed gzip member: truncated"
    );
    assert!(
        run.stderr.lines().any(|l| l == want),
        "want {want:?}\n{}",
        run.context()
    );
    assert!(
        run.stderr
            .contains("bad.jsonl: line 1: malformed JSON line"),
        "{}",
        run.context()
    );
    // The readers.
    let ents = dir.marsad(&["entities", "--db", "x.db", "--format", "csv"]);
    assert!(
        ents.stdout
            .starts_with("key,type,country,documents,mentions\r\n"),
        "{}",
        ents.context()
    );
    let none = dir.marsad(&["search", "كلمةغائبة", "--db", "x.db"]);
    none.assert_code(1);
    let missing = dir.marsad(&["search", "x", "--db", "nothing.db"]);
    missing.assert_code(2);
    assert!(
        missing.stderr.contains("no such database"),
        "{}",
        missing.context()
    );
});
