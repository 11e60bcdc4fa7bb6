//! `marsad extract` on our own pages (`tests/pages/`), checked against
//! `tests/expect/pages.jsonl`, and the input forms and flags of the CLI contract.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::{
    doc_name, field, pages_dir, run_marsad, s, short, workspace_root, ws, Failures, Run,
};

/// One line of `tests/expect/pages.jsonl` (the gold format of `shared/gold/FORMAT.md`).
struct Expect {
    doc: String,
    title: Option<String>,
    outlet: Option<String>,
    published: Option<String>,
    lang: Option<String>,
    keep: Vec<String>,
    drop: Vec<String>,
    once: Vec<String>,
}

fn load_expect() -> Vec<Expect> {
    let path = pages_dir().join("../expect/pages.jsonl");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let strings = |v: &Value, key: &str| -> Vec<String> {
        v.get(key)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .map(|x| x.as_str().expect("a string").to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            let v: Value = serde_json::from_str(l).unwrap_or_else(|e| {
                panic!("tests/expect/pages.jsonl line {}: not JSON: {e}", i + 1)
            });
            let opt = |key: &str| field(&v, key).map(str::to_string);
            Expect {
                doc: opt("doc").expect("every expectation names its doc"),
                title: opt("title"),
                outlet: opt("outlet"),
                published: opt("published"),
                lang: opt("lang"),
                keep: strings(&v, "keep"),
                drop: strings(&v, "drop"),
                once: strings(&v, "once"),
            }
        })
        .collect()
}

/// The page files in `tests/pages` (`.txt`, `.html`, `.htm`), sorted by name.
fn page_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(pages_dir())
        .expect("tests/pages")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("txt" | "html" | "htm")
            )
        })
        .collect();
    files.sort();
    files
}

/// Relative paths (`tests/pages/NAME`) for running in the workspace root.
fn rel_pages() -> Vec<String> {
    page_files()
        .iter()
        .map(|p| format!("tests/pages/{}", p.file_name().unwrap().to_string_lossy()))
        .collect()
}

/// Runs `marsad extract` on every page of `tests/pages` with its sidecar, plus `extra`
/// flags, in the workspace root.
fn run_pages(extra: &[&str]) -> Run {
    let pages = rel_pages();
    let mut args: Vec<&str> = vec!["extract"];
    args.extend(pages.iter().map(String::as_str));
    args.extend(["--meta", "tests/pages/meta.tsv"]);
    args.extend(extra);
    run_marsad(&workspace_root(), &args, None)
}

/// How much of a lost passage is still there: the longest run of its leading words
/// found in the text.
fn leading_words_found(passage: &str, text: &str) -> usize {
    let words: Vec<&str> = passage.split_whitespace().collect();
    (0..=words.len())
        .rev()
        .find(|&n| text.contains(&words[..n].join(" ")))
        .unwrap_or(0)
}

/// The text around the first occurrence of `needle` in `text`.
fn around(text: &str, needle: &str) -> String {
    match text.find(needle) {
        None => String::new(),
        Some(at) => {
            let before: String = text[..at]
                .chars()
                .rev()
                .take(40)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let after: String = text[at + needle.len()..].chars().take(40).collect();
            format!("…{before}⟦{needle}⟧{after}…")
        }
    }
}

#[test]
fn pages_meet_their_expectations() {
    let expect = load_expect();
    let files = page_files();
    let mut fails = Failures::new();
    let mut checks = 0;

    // The expectations and the pages must describe each other.
    let names: Vec<String> = files
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for name in &names {
        checks += 1;
        if !expect.iter().any(|e| &e.doc == name) {
            fails.push(format!(
                "{name}: page without an expectation in tests/expect/pages.jsonl"
            ));
        }
    }
    for e in &expect {
        checks += 1;
        if !names.contains(&e.doc) {
            fails.push(format!(
                "{}: expectation for a page that does not exist",
                e.doc
            ));
        }
    }

    let run = run_pages(&[]);
    checks += 2;
    if run.code != 0 {
        fails.push(format!("exit code {} (want 0)", run.code));
    }
    let want_summary = format!("extracted {}, skipped 0", files.len());
    if run.summary() != want_summary {
        fails.push(format!(
            "summary line {:?} (want {want_summary:?}); stderr:\n{}",
            run.summary(),
            run.stderr
        ));
    }
    let records = run.records();
    let mut by_name: BTreeMap<String, Vec<&Value>> = BTreeMap::new();
    for r in &records {
        by_name.entry(doc_name(r)).or_default().push(r);
    }

    for e in &expect {
        let doc = &e.doc;
        let mut failed_here = false;
        let mut fail = |fails: &mut Failures, msg: String| {
            failed_here = true;
            fails.push(format!("{doc}: {msg}"));
        };
        checks += 1;
        let rec = match by_name.get(doc).map(Vec::as_slice) {
            Some([one]) => *one,
            Some(many) => {
                fail(
                    &mut fails,
                    format!("{} records, want exactly one", many.len()),
                );
                many[0]
            }
            None => {
                fail(&mut fails, "no record in the output".into());
                fails.help(format!(
                    "tests/pages/{doc}: run `cargo run -p marsad-cli -- extract tests/pages/{doc}` to see why it is skipped"
                ));
                continue;
            }
        };
        let text = ws(field(rec, "text").unwrap_or(""));
        for k in &e.keep {
            checks += 1;
            let k = ws(k);
            if !text.contains(&k) {
                let n = leading_words_found(&k, &text);
                let total = k.split_whitespace().count();
                fail(
                    &mut fails,
                    format!(
                        "lost content (keep): «{}» — not in the text ({n} of its {total} leading words are)",
                        short(&k, 90)
                    ),
                );
            }
        }
        for d in &e.drop {
            checks += 1;
            let d = ws(d);
            if text.contains(&d) {
                fail(
                    &mut fails,
                    format!("kept boilerplate (drop): «{d}» in {}", around(&text, &d)),
                );
            }
        }
        for o in &e.once {
            checks += 1;
            let o = ws(o);
            let n = text.matches(&o).count();
            if n != 1 {
                fail(
                    &mut fails,
                    format!("appears {n} times, want once: «{}»", short(&o, 70)),
                );
            }
        }
        if let Some(want) = &e.title {
            checks += 1;
            let got = field(rec, "title").map(ws);
            if got.as_deref() != Some(ws(want).as_str()) {
                fail(
                    &mut fails,
                    format!("title: want «{}», got {:?}", ws(want), got),
                );
            }
        }
        if let Some(want) = &e.outlet {
            checks += 1;
            // An outlet may be credited longer or shorter («بترا», «وكالة بترا»).
            let got = field(rec, "outlet").map(|g| ws(g).to_lowercase());
            let w = ws(want).to_lowercase();
            let ok = got
                .as_deref()
                .is_some_and(|g| !g.is_empty() && (g.contains(&w) || w.contains(g)));
            if !ok {
                fail(
                    &mut fails,
                    format!("outlet: want «{want}», got {:?}", field(rec, "outlet")),
                );
            }
        }
        if let Some(want) = &e.published {
            checks += 1;
            let got = field(rec, "published");
            if !got.is_some_and(|g| g.starts_with(want.as_str())) {
                fail(&mut fails, format!("published: want {want}, got {got:?}"));
            }
        }
        if let Some(want) = &e.lang {
            checks += 1;
            let got = field(rec, "lang");
            if got != Some(want.as_str()) {
                fail(&mut fails, format!("lang: want {want}, got {got:?}"));
            }
        }
        if failed_here {
            fails.help(format!(
                "tests/pages/{doc}: `cargo run -p marsad-cli -- extract tests/pages/{doc} --meta tests/pages/meta.tsv --explain` shows the cleaner's verdict on every line"
            ));
        }
    }
    if !fails.is_empty() {
        fails.help("the expectations are in tests/expect/pages.jsonl (keep/drop/once compare with white space folded, like shared/gold/score.py)");
    }
    fails.finish("tests/pages", checks);
}

/// Every page that `tests/pages/meta.tsv` dates gets that date (and URL) in its record:
/// the sidecar wins over what the page says.
#[test]
fn sidecar_fields_reach_the_records() {
    let meta = std::fs::read_to_string(pages_dir().join("meta.tsv")).expect("meta.tsv");
    let mut lines = meta.lines();
    let header: Vec<&str> = lines.next().expect("a header row").split('\t').collect();
    let col = |name: &str| header.iter().position(|c| *c == name);
    let (file, published, url) = (
        col("file").expect("a file column"),
        col("published").expect("a published column"),
        col("url"),
    );
    let run = run_pages(&[]);
    let records = run.records();
    let mut fails = Failures::new();
    let mut checks = 0;
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let cells: Vec<&str> = line.split('\t').collect();
        let name = cells[file];
        let Some(rec) = records.iter().find(|r| doc_name(r) == name) else {
            checks += 1;
            fails.push(format!("{name}: no record"));
            continue;
        };
        let want_pub = cells.get(published).copied().unwrap_or("");
        if !want_pub.is_empty() {
            checks += 1;
            if field(rec, "published") != Some(want_pub) {
                fails.push(format!(
                    "{name}: published {:?}, want {want_pub} from meta.tsv",
                    field(rec, "published")
                ));
            }
        }
        if let Some(want_url) = url.and_then(|c| cells.get(c)).filter(|u| !u.is_empty()) {
            checks += 1;
            if field(rec, "url") != Some(*want_url) {
                fails.push(format!(
                    "{name}: url {:?}, want {want_url} from meta.tsv",
                    field(rec, "url")
                ));
            }
        }
    }
    fails
        .help("tests/pages/meta.tsv is the sidecar; crates/marsad-extract/src/sources.rs reads it");
    fails.finish("meta.tsv", checks);
}

/// A forum member's join date («تاريخ التسجيل: Mar 2019») is never the publication date.
#[test]
fn forum_join_date_is_not_the_publication_date() {
    let run = run_marsad(
        &workspace_root(),
        &["extract", "tests/pages/03_forum_thread.txt"],
        None,
    );
    run.assert_code(0);
    let recs = run.records();
    let published = field(&recs[0], "published");
    assert!(
        published.is_none_or(|p| p.starts_with("2023-04-06")),
        "published is {published:?}: a forum badge's join date (Mar 2019, Jan 2021) is not a publication date; the post stamp «قديم 06-04-2023» or nothing is right\n{}\nhelp: look at tests/pages/03_forum_thread.txt and crates/marsad-extract/src/clean/meta.rs",
        run.context()
    );
}

marsadtest!(same_article_as_txt_jsonl_and_stdin, |dir| {
    let page = std::fs::read_to_string(pages_dir().join("01_wire_petra.txt")).unwrap();
    let txt = dir.write("wire.txt", &page);
    let line = serde_json::json!({
        "text": page,
        "url": "https://example.invalid/petra/1",
        "published": "2024-03-19",
    });
    let with_id = serde_json::json!({"text": page, "id": "petra-1"});
    let jsonl = dir.write("pages.jsonl", format!("{line}\n{with_id}\n"));

    let a = dir.marsad(&["extract", s(&txt)]);
    let b = dir.marsad(&["extract", s(&jsonl)]);
    let c = dir.marsad_stdin(&["extract", "-"], page.as_bytes());
    for r in [&a, &b, &c] {
        r.assert_code(0);
    }
    let (ra, rb, rc) = (a.records(), b.records(), c.records());
    assert_eq!(ra.len(), 1, "{}", a.context());
    assert_eq!(rb.len(), 2, "{}", b.context());
    assert_eq!(rc.len(), 1, "{}", c.context());
    let text = |r: &Value| field(r, "text").unwrap_or("").to_string();
    let mut fails = Failures::new();
    if text(&ra[0]).is_empty() {
        fails.push("the .txt page has an empty text".to_string());
    }
    for (what, r) in [
        ("JSONL line 1", &rb[0]),
        ("JSONL line 2", &rb[1]),
        ("standard input", &rc[0]),
    ] {
        if text(r) != text(&ra[0]) {
            fails.push(format!(
                "{what}: text differs from the .txt page's\n     .txt : {}\n     {what}: {}",
                short(&text(&ra[0]), 300),
                short(&text(r), 300)
            ));
        }
    }
    let want_doc = format!("{}:1", s(&jsonl));
    if field(&rb[0], "doc") != Some(want_doc.as_str()) {
        fails.push(format!(
            "JSONL line without doc/id: doc {:?}, want {want_doc:?}",
            field(&rb[0], "doc")
        ));
    }
    if field(&rb[1], "doc") != Some("petra-1") {
        fails.push(format!(
            "JSONL line with \"id\": doc {:?}, want \"petra-1\"",
            field(&rb[1], "doc")
        ));
    }
    if field(&rb[0], "url") != Some("https://example.invalid/petra/1") {
        fails.push(format!("JSONL url not carried: {:?}", field(&rb[0], "url")));
    }
    if field(&rb[0], "published") != Some("2024-03-19") {
        fails.push(format!(
            "JSONL published not carried: {:?}",
            field(&rb[0], "published")
        ));
    }
    if field(&ra[0], "doc") != Some(s(&txt)) {
        fails.push(format!(
            ".txt doc {:?}, want the path as given {:?}",
            field(&ra[0], "doc"),
            s(&txt)
        ));
    }
    if field(&rc[0], "doc") != Some("-") {
        fails.push(format!("stdin doc {:?}, want \"-\"", field(&rc[0], "doc")));
    }
    fails.help(format!(
        "the inputs are in {}; readers: crates/marsad-extract/src/sources.rs",
        dir.path().display()
    ));
    fails.finish("one article, three input forms", 9);
});

#[test]
fn format_text_is_for_reading() {
    let pages = [
        "tests/pages/01_wire_petra.txt",
        "tests/pages/09_english_wire.txt",
    ];
    let root = workspace_root();
    let json = run_marsad(&root, &[&["extract"][..], &pages[..]].concat(), None);
    let text = run_marsad(
        &root,
        &[&["extract"][..], &pages[..], &["--format", "text"][..]].concat(),
        None,
    );
    text.assert_code(0);
    let out = &text.stdout;
    let mut fails = Failures::new();
    if out.lines().any(|l| l.trim_start().starts_with("{\"")) {
        fails.push("--format text printed JSON lines".to_string());
    }
    let recs = json.records();
    if recs.len() != pages.len() {
        fails.push(format!("{} JSON records, want {}", recs.len(), pages.len()));
    }
    for r in &recs {
        let doc = field(r, "doc").unwrap_or("?");
        if !out.contains(doc) {
            fails.push(format!("{doc}: the document is not named"));
        }
        match field(r, "title") {
            Some(t) if !out.contains(t) => {
                fails.push(format!("{doc}: the title «{t}» is not shown"))
            }
            None => fails.push(format!("{doc}: no title to show (a title is expected)")),
            _ => {}
        }
        let first = field(r, "text")
            .and_then(|t| t.lines().next())
            .unwrap_or("");
        if first.is_empty() || !out.contains(first) {
            fails.push(format!(
                "{doc}: the body («{}») is not shown",
                short(first, 50)
            ));
        }
    }
    if !fails.is_empty() {
        fails.push(format!("output was:\n{}", short(out, 2000)));
    }
    fails.help("crates/marsad-cli/src/extract.rs (write_doc) prints --format text");
    fails.finish("--format text", 7);
}

#[test]
fn jobs_do_not_change_the_output() {
    let one = run_pages(&["--jobs", "1"]);
    let two = run_pages(&["--jobs", "2"]);
    let many = run_pages(&["--jobs", "8"]);
    one.assert_code(0);
    let docs: Vec<String> = one
        .records()
        .iter()
        .map(|r| field(r, "doc").unwrap_or("").to_string())
        .collect();
    assert_eq!(
        docs,
        rel_pages(),
        "records are not in input order\nhelp: crates/marsad-cli/src/extract.rs must write records in the order of the inputs"
    );
    for (n, other) in [(2, &two), (8, &many)] {
        assert!(
            other.stdout == one.stdout,
            "--jobs {n} gives a different output than --jobs 1\n--jobs 1:\n{}\n--jobs {n}:\n{}\nhelp: crates/marsad-cli/src/extract.rs: parallel extraction must not change what is written or its order",
            short(&one.stdout, 1500),
            short(&other.stdout, 1500)
        );
    }
}

marsadtest!(folders_are_walked_sorted_by_known_extension, |dir| {
    let art = "بحث وزير الخارجية مع نظيره في اتصال هاتفي، اليوم الثلاثاء، العلاقات الثنائية بين البلدين وسبل تعزيزها في مختلف المجالات، إضافة إلى آخر التطورات في المنطقة.\n\nوأكد الجانبان أهمية مواصلة التنسيق والتشاور إزاء القضايا ذات الاهتمام المشترك خلال المرحلة المقبلة.\n";
    let html = format!(
        "<html><head><title>x</title></head><body><h1>عنوان الخبر</h1><p>{}</p></body></html>",
        art.replace("\n\n", "</p><p>")
    );
    dir.write("in/b.txt", art);
    dir.write("in/a.html", &html);
    dir.write("in/sub/c.htm", &html);
    dir.write(
        "in/sub/d.jsonl",
        format!("{}\n", serde_json::json!({"text": art})),
    );
    dir.write("in/notes.md", art);
    dir.write("in/data.csv", "a,b\n1,2\n");
    dir.write("in/page.TXT.bak", art);
    // Named explicitly, a file is read whatever its extension; HTML is sniffed.
    let named = dir.write("named.dat", &html);
    let run = dir.marsad(&["extract", "in", s(&named)]);
    run.assert_code(0);
    run.assert_summary(5, 0);
    let docs: Vec<String> = run
        .records()
        .iter()
        .map(|r| field(r, "doc").unwrap_or("").to_string())
        .collect();
    let want = [
        "in/a.html",
        "in/b.txt",
        "in/sub/c.htm",
        "in/sub/d.jsonl:1",
        s(&named),
    ];
    assert_eq!(
        docs,
        want,
        "folder walk: want the .txt/.html/.htm/.jsonl files sorted by path, then the named file\n{}\nhelp: crates/marsad-extract/src/sources.rs (walk)",
        run.context()
    );
    let recs = run.records();
    let named_rec = recs.last().unwrap();
    assert!(
        !field(named_rec, "text").unwrap_or("").contains("<p>"),
        "named.dat is HTML and must be sniffed as HTML, got text {:?}\nhelp: crates/marsad-extract/src/sources.rs (sniff)",
        field(named_rec, "text")
    );
});

marsadtest!(explain_reports_on_stderr_only, |dir| {
    let page = pages_dir().join("05_tags_portal.txt");
    let plain = dir.marsad(&["extract", s(&page)]);
    let explained = dir.marsad(&["extract", s(&page), "--explain"]);
    explained.assert_code(0);
    assert_eq!(
        plain.stdout, explained.stdout,
        "--explain changed standard output\nhelp: --explain writes on standard error only"
    );
    assert!(
        explained.stderr_lines().len() > plain.stderr_lines().len() + 10,
        "--explain printed (almost) nothing on stderr:\n{}\nhelp: crates/marsad-cli/src/extract.rs (write_report)",
        explained.stderr
    );
    let summary = explained.summary();
    assert_eq!(
        summary, "extracted 1, skipped 0",
        "with --explain the summary must still be the last stderr line"
    );
});

marsadtest!(usage_errors_exit_2, |dir| {
    let page = dir.write("a.txt", "نص");
    let cases: [(&str, Vec<&str>); 4] = [
        ("no path", vec!["extract"]),
        ("unknown flag", vec!["extract", s(&page), "--no-such-flag"]),
        ("bad --format", vec!["extract", s(&page), "--format", "xml"]),
        ("no subcommand", vec![]),
    ];
    let mut fails = Failures::new();
    for (what, args) in &cases {
        let run = dir.marsad(args);
        if run.code != 2 {
            fails.push(format!(
                "{what}: exit {} (want 2)\n{}",
                run.code,
                run.context()
            ));
        }
        if run.stderr.trim().is_empty() {
            fails.push(format!("{what}: nothing on stderr"));
        }
    }
    let missing_meta = dir.marsad(&["extract", s(&page), "--meta", "nope.tsv"]);
    if missing_meta.code != 2 || !missing_meta.stderr.contains("nope.tsv") {
        fails.push(format!(
            "--meta naming a missing file: want exit 2 and a message naming nope.tsv\n{}",
            missing_meta.context()
        ));
    }
    fails.help("crates/marsad-cli/src/main.rs defines the flags and exit codes");
    fails.finish("usage errors", 9);
});

/// The README's first command works on the bundled sample.
#[test]
fn bundled_sample_extracts() {
    let run = run_marsad(
        &workspace_root(),
        &["extract", "samples", "--meta", "samples/meta.tsv"],
        None,
    );
    run.assert_code(0);
    let recs = run.records();
    let n_files = std::fs::read_dir(workspace_root().join("samples"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            matches!(
                Path::new(&e.file_name())
                    .extension()
                    .and_then(|x| x.to_str()),
                Some("txt" | "html" | "htm" | "jsonl")
            )
        })
        .count();
    run.assert_summary(n_files, 0);
    let furniture = [
        "فيسبوك",
        "واتساب",
        "طباعة",
        "أخبار ذات صلة",
        "جميع الحقوق محفوظة",
        "رد مع اقتباس",
        "تاريخ التسجيل",
        "التوقيع",
        "الأكثر قراءة",
    ];
    for r in &recs {
        let text = field(r, "text").unwrap_or("");
        for f in furniture {
            assert!(
                !text.contains(f),
                "sample {}: boilerplate «{f}» in the text:\n{text}\nhelp: look at samples/ and run `cargo run -p marsad-cli -- extract samples --explain`",
                field(r, "doc").unwrap_or("?")
            );
        }
        assert!(
            field(r, "title").is_some_and(|t| !t.is_empty())
                && field(r, "text").is_some_and(|t| t.chars().count() > 200)
                && field(r, "published").is_some(),
            "sample {} lacks a title, a text or a date: {r}\nhelp: look at samples/ and samples/meta.tsv",
            field(r, "doc").unwrap_or("?")
        );
    }
}
