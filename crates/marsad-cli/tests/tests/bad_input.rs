//! Bad inputs: each gets one clear line on standard error naming the file (and line), the
//! good pages are still extracted, the summary counts both, and nothing panics.

use std::path::PathBuf;

use crate::util::{s, TestDir};

/// A good page, written into every test next to the bad ones.
const GOOD: &str = "الرئيسية\nأخبار\n\nبحث وزير الخارجية مع نظيره في اتصال هاتفي، اليوم الثلاثاء، العلاقات الثنائية بين البلدين وسبل تعزيزها في مختلف المجالات، إضافة إلى آخر التطورات في المنطقة.\n\nوأكد الجانبان أهمية مواصلة التنسيق والتشاور إزاء القضايا ذات الاهتمام المشترك خلال المرحلة المقبلة.\n\nشارك على فيسبوك\n";

fn good(dir: &TestDir, name: &str) -> PathBuf {
    dir.write(name, GOOD)
}

/// Bytes that are not UTF-8 and not text in any charset: a deterministic noise of high
/// bytes with no white space, no NUL and no ASCII.
fn garbage(len: usize) -> Vec<u8> {
    let mut x: u32 = 0x2545_f491;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            0x80 | (x as u8 & 0x7f)
        })
        .collect()
}

/// The stderr lines about `path` (`marsad: PATH: reason`).
fn lines_about<'a>(stderr: &'a str, path: &str) -> Vec<&'a str> {
    let prefix = format!("marsad: {path}: ");
    stderr.lines().filter(|l| l.starts_with(&prefix)).collect()
}

/// Checks that the run extracted exactly the `good` paths (in order) and reported each
/// of `bad` (path, words the reason must contain — any one of them) on one stderr line.
fn check(run: &crate::util::Run, good: &[&str], bad: &[(&str, &[&str])], what: &str) {
    let mut fails = crate::util::Failures::new();
    let docs: Vec<String> = run
        .records()
        .iter()
        .map(|r| crate::util::field(r, "doc").unwrap_or("").to_string())
        .collect();
    if docs != good {
        fails.push(format!("records {docs:?}, want {good:?}"));
    }
    for (path, reasons) in bad {
        let lines = lines_about(&run.stderr, path);
        match lines.as_slice() {
            [line] => {
                let reason = line[format!("marsad: {path}: ").len()..].to_lowercase();
                if reason.trim().is_empty()
                    || !reasons.is_empty() && !reasons.iter().any(|r| reason.contains(r))
                {
                    fails.push(format!(
                        "{path}: reason {reason:?}, want one that says {}",
                        reasons.join(" / ")
                    ));
                }
            }
            [] => fails.push(format!("{path}: no stderr line `marsad: {path}: <reason>`")),
            many => fails.push(format!(
                "{path}: {} stderr lines, want one: {many:?}",
                many.len()
            )),
        }
    }
    let want_summary = format!("extracted {}, skipped {}", good.len(), bad.len());
    if run.summary() != want_summary {
        fails.push(format!(
            "last stderr line {:?}, want {want_summary:?}",
            run.summary()
        ));
    }
    let want_code = if good.is_empty() { 1 } else { 0 };
    if run.code != want_code {
        fails.push(format!("exit code {}, want {want_code}", run.code));
    }
    if !fails.is_empty() {
        fails.push(run.context());
    }
    fails.help("bad inputs are reported by crates/marsad-extract (sources.rs, decode.rs, error.rs) and counted by crates/marsad-cli/src/extract.rs");
    fails.finish(what, good.len() + bad.len() + 2);
}

marsadtest!(empty_files_are_reported, |dir| {
    let a = good(&dir, "a.txt");
    let empty = dir.write("empty.txt", "");
    let blank = dir.write("blank.txt", "  \n\n\t \r\n");
    let run = dir.marsad(&["extract", s(&empty), s(&a), s(&blank)]);
    check(
        &run,
        &[s(&a)],
        &[(s(&empty), &["empty"]), (s(&blank), &["empty"])],
        "empty files",
    );
});

marsadtest!(binary_files_are_reported, |dir| {
    let a = good(&dir, "a.txt");
    // A PNG-like header and NUL bytes, named as text.
    let mut bin = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0".to_vec();
    bin.extend(GOOD.as_bytes());
    bin.extend([0u8; 64]);
    let binary = dir.write("image.txt", &bin);
    // An HTML page with NUL bytes in it.
    let nul_html = dir.write(
        "nul.html",
        b"<html><body><p>\0\0\0\0abc\0\0</p></body></html>",
    );
    let run = dir.marsad(&["extract", s(&binary), s(&a), s(&nul_html)]);
    check(
        &run,
        &[s(&a)],
        &[(s(&binary), &["binary"]), (s(&nul_html), &["binary"])],
        "binary files",
    );
});

marsadtest!(undecodable_garbage_is_reported, |dir| {
    let a = good(&dir, "a.txt");
    let junk = dir.write("junk.txt", garbage(8192));
    let junk_html = dir.write("junk.html", garbage(8192));
    let run = dir.marsad(&["extract", s(&junk), s(&junk_html), s(&a)]);
    check(
        &run,
        &[s(&a)],
        &[
            (s(&junk), &["decode", "no article text", "binary"]),
            (s(&junk_html), &["decode", "no article text", "binary"]),
        ],
        "invalid UTF-8 garbage",
    );
});

marsadtest!(truncated_html_is_handled, |dir| {
    let a = good(&dir, "a.txt");
    // Cut inside the <head>: no article at all.
    let head_only = dir.write(
        "head_only.html",
        "<!doctype html><html lang=\"ar\"><head><meta charset=\"utf-8\"><title>وزير الخارجية يستقبل",
    );
    // Cut in the middle of the article, inside a tag: what arrived is extracted.
    let full =
        std::fs::read_to_string(crate::util::workspace_root().join("samples/03_news_page.html"))
            .expect("samples/03_news_page.html");
    let cut_at = full
        .find("<p>وقالت")
        .expect("the third paragraph of the sample");
    let mut partial = full[..cut_at].to_string();
    partial.push_str("<p>وقالت وزارة الخارجية الإيرانية في بي");
    let cut = dir.write("cut.html", &partial);
    let run = dir.marsad(&["extract", s(&head_only), s(&cut), s(&a)]);
    check(
        &run,
        &[s(&cut), s(&a)],
        &[(s(&head_only), &["no article text", "empty"])],
        "truncated HTML",
    );
    let recs = run.records();
    let text = crate::util::field(&recs[0], "text").unwrap_or("");
    assert!(
        text.contains("انتهت اليوم السبت في العاصمة العمانية مسقط"),
        "the paragraphs before the cut are lost: {text:?}\nhelp: a truncated page keeps what arrived; look at {}",
        cut.display()
    );
});

marsadtest!(huge_single_line_files_are_fast, |dir| {
    let a = good(&dir, "a.txt");
    let words = "بحث الرئيس مع نظيره الوضع في المنطقة والعلاقات الثنائية بين البلدين ";
    // 50 MB on one line: over the page limit, refused without reading it all.
    let fifty = words.repeat(50_000_000 / words.len() + 1);
    let huge = dir.write("huge.txt", fifty.as_bytes());
    drop(fifty);
    // Just under the limit (smaller in debug builds, where the cleaner is slow): read
    // and cleaned, however pointless, without a hang.
    let size = if cfg!(debug_assertions) {
        3_000_000
    } else {
        15_000_000
    };
    let big = dir.write("big.txt", words.repeat(size / words.len()).as_bytes());
    let run = dir.marsad(&["extract", s(&huge), s(&a)]);
    check(
        &run,
        &[s(&a)],
        &[(s(&huge), &["too large", "large"])],
        "a 50 MB single line",
    );
    assert!(
        run.elapsed.as_secs_f64() < 10.0,
        "refusing a 50 MB file took {:.1?}\nhelp: check the size before reading (crates/marsad-extract/src/sources.rs)",
        run.elapsed
    );
    let run = dir.marsad(&["extract", s(&big), s(&a)]);
    assert!(
        !run.stderr.contains("panicked") && matches!(run.code, 0 | 1),
        "{}",
        run.context()
    );
    assert!(
        run.summary().starts_with("extracted ")
            && run
                .records()
                .iter()
                .any(|r| crate::util::field(r, "doc") == Some(s(&a))),
        "a {size}-byte single line must not stop the other pages\n{}",
        run.context()
    );
    let limit = if cfg!(debug_assertions) { 30.0 } else { 15.0 };
    assert!(
        run.elapsed.as_secs_f64() < limit,
        "a {size}-byte single line took {:.1?} (limit {limit} s)\nhelp: the cleaner must stay linear on long lines (crates/marsad-extract/src/clean)",
        run.elapsed
    );
});

marsadtest!(missing_and_unreadable_paths_are_reported, |dir| {
    let a = good(&dir, "a.txt");
    let missing = dir.path().join("no/such/page.txt");
    let run = dir.marsad(&["extract", s(&missing), s(&a)]);
    check(
        &run,
        &[s(&a)],
        &[(s(&missing), &["no such file"])],
        "a missing path",
    );

    // A file without read permission (not testable as root, who reads anything).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = dir.write("locked.txt", GOOD);
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        if std::fs::read(&locked).is_err() {
            let run = dir.marsad(&["extract", s(&locked), s(&a)]);
            check(
                &run,
                &[s(&a)],
                &[(s(&locked), &["permission"])],
                "an unreadable file",
            );
        } else {
            eprintln!(
                "note: running as a user who can read mode-000 files; unreadable-file case skipped"
            );
        }
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
});

marsadtest!(malformed_jsonl_lines_are_reported_by_line, |dir| {
    let good_line = serde_json::json!({"text": GOOD}).to_string();
    let jsonl = dir.write(
        "batch.jsonl",
        format!(
            "{good_line}\nthis is not json\n{good_line}\n{{\"url\": \"https://example.invalid/x\"}}\n\n{{\"text\": \"truncated\n{good_line}\n"
        ),
    );
    let run = dir.marsad(&["extract", s(&jsonl)]);
    let p = s(&jsonl);
    let (l1, l3, l7) = (format!("{p}:1"), format!("{p}:3"), format!("{p}:7"));
    let (b2, b4, b6) = (
        format!("{p}: line 2"),
        format!("{p}: line 4"),
        format!("{p}: line 6"),
    );
    check(
        &run,
        &[&l1, &l3, &l7],
        &[(&b2, &[]), (&b4, &["text", "html"]), (&b6, &[])],
        "a JSONL file with malformed lines",
    );
});

marsadtest!(all_bad_inputs_exit_1, |dir| {
    let empty = dir.write("empty.txt", "");
    let binary = dir.write("bin.txt", [0u8, 1, 2, 3, 0, 0, 255, 0]);
    let missing = dir.path().join("missing.html");
    let run = dir.marsad(&["extract", s(&empty), s(&binary), s(&missing)]);
    check(
        &run,
        &[],
        &[
            (s(&empty), &["empty"]),
            (s(&binary), &["binary"]),
            (s(&missing), &["no such file"]),
        ],
        "only bad inputs",
    );
});

marsadtest!(empty_standard_input_is_reported, |dir| {
    let run = dir.marsad_stdin(&["extract", "-"], b"");
    check(&run, &[], &[("-", &["empty"])], "empty standard input");
});

marsadtest!(furniture_only_page_has_no_article, |dir| {
    let a = good(&dir, "a.txt");
    let menu = dir.write(
        "menu.txt",
        "الرئيسية\nأخبار\nرياضة\nاقتصاد\nفيديو\nاتصل بنا\nشارك\nفيسبوك\nتويتر\nجميع الحقوق محفوظة © 2024\n",
    );
    let run = dir.marsad(&["extract", s(&menu), s(&a)]);
    check(
        &run,
        &[s(&a)],
        &[(s(&menu), &["no article text"])],
        "a page of furniture only",
    );
});

/// `published` as feeds write it: ISO, Arabic, other digits are read into ISO days; a value
/// that is no date (or no day that exists) is left empty with a warning naming the record,
/// and the page is still extracted — never a panic in a later stage.
#[test]
fn published_hints_are_read_or_reported_never_kept_as_given() {
    let dir = TestDir::new("published");
    let text = serde_json::to_string(GOOD).unwrap();
    let cases = [
        ("iso", "2024-08-19T10:00:00+03:00", Some("2024-08-19")),
        ("arabic", "19 أغسطس 2024", Some("2024-08-19")),
        ("indic", "٢٠٢٤-٠٨-١٩", Some("2024-08-19")),
        ("fullwidth", "２０２４-０８-１９", Some("2024-08-19")),
        ("dayfirst", "19/08/2024", Some("2024-08-19")),
        ("month13", "2024-13-45", None),
        ("feb30", "2024-02-30", None),
        ("year99999", "99999-01-01", None),
        ("word", "yesterday", None),
    ];
    let lines: String = cases
        .iter()
        .map(|(doc, published, _)| {
            format!("{{\"doc\":\"{doc}\",\"published\":\"{published}\",\"text\":{text}}}\n")
        })
        .collect();
    let input = dir.write("feed.jsonl", lines);
    let run = dir.marsad(&["extract", s(&input)]);
    run.assert_summary(cases.len(), 0);
    let records = run.records();
    for ((doc, given, want), rec) in cases.iter().zip(&records) {
        assert_eq!(
            crate::util::field(rec, "doc"),
            Some(*doc),
            "{}",
            run.context()
        );
        assert_eq!(
            crate::util::field(rec, "published"),
            *want,
            "{doc}: published {given}\n{}",
            run.context()
        );
        let warned = lines_about(&run.stderr, doc);
        match want {
            Some(_) => assert!(warned.is_empty(), "{doc}: {warned:?}"),
            None => assert!(
                warned.len() == 1 && warned[0].contains(given) && warned[0].contains("left empty"),
                "{doc}: {warned:?}\n{}",
                run.context()
            ),
        }
    }
}

#[test]
fn a_text_of_one_short_sentence_is_an_article() {
    // A wire sentence or one record of an annotated corpus: kept whole. A line of page
    // furniture or a fragment that ends no sentence is still no article.
    let dir = TestDir::new("one_sentence");
    let sentence = dir.write("sentence.txt", "وصل الوزير إلى الرياض أمس.\n");
    let fragment = dir.write("fragment.txt", "أخبار ذات صلة\n");
    let run = dir.marsad(&["extract", s(&sentence), s(&fragment)]);
    run.assert_summary(1, 1);
    let records = run.records();
    assert_eq!(
        crate::util::field(&records[0], "text"),
        Some("وصل الوزير إلى الرياض أمس.")
    );
}

/// Three articles of our own, different enough that no one is a near duplicate of another.
const THREE: [(&str, &str); 3] = [
    (
        "one",
        "استقبل رئيس الوزراء في مكتبه صباح اليوم وفدا من رجال الأعمال، وبحث معهم فرص الاستثمار في قطاع الطاقة المتجددة وتطوير الموانئ.",
    ),
    (
        "two",
        "أعلنت وزارة الصحة أمس افتتاح ثلاثة مستشفيات جديدة في المحافظات الجنوبية، بطاقة استيعابية تبلغ خمسمئة سرير، ضمن خطة لتحسين الخدمات الطبية.",
    ),
    (
        "three",
        "وقع وزيرا التجارة في البلدين اتفاقية لإلغاء الرسوم الجمركية على المنتجات الزراعية، على أن تدخل حيز التنفيذ مطلع العام المقبل.",
    ),
];

/// A stage that panics (a bug, injected here with `MARSAD_TEST_PANIC`, which only debug
/// builds read) costs that page only: `ingest` says where to report it, stores the other
/// pages, and does not mark the input read past the page, so the next run (the bug fixed,
/// here the injection gone) stores it, and a third run finds nothing left to do.
#[test]
fn a_page_a_stage_panics_on_is_reported_stored_by_the_next_ingest_and_not_twice() {
    let dir = TestDir::new("panic_ingest");
    let lines: String = THREE
        .iter()
        .map(|(doc, text)| {
            format!(
                "{{\"doc\":\"{doc}\",\"text\":{}}}\n",
                serde_json::to_string(text).unwrap()
            )
        })
        .collect();
    let feed = dir.write("feed.jsonl", lines);
    let ingest = |panic_at: &[(&str, &str)]| {
        crate::util::run_marsad_env(
            dir.path(),
            &["ingest", s(&feed), "--db", "store.db"],
            None,
            panic_at,
        )
    };
    let stored = || -> Vec<String> {
        let run = dir.marsad(&[
            "docs", "--db", "store.db", "--format", "jsonl", "--limit", "0",
        ]);
        run.assert_code(0);
        let mut docs: Vec<String> = run
            .records()
            .iter()
            .map(|r| crate::util::field(r, "doc").unwrap_or("").to_string())
            .collect();
        docs.sort();
        docs
    };

    let first = ingest(&[("MARSAD_TEST_PANIC", "events@two")]);
    assert!(
        first
            .stderr
            .contains("internal error in events on two: please report"),
        "the panic must be reported as an internal error naming stage and record\n{}",
        first.context()
    );
    assert_eq!(stored(), ["one", "three"], "{}", first.context());

    let second = ingest(&[]);
    second.assert_no_panic();
    assert_eq!(stored(), ["one", "three", "two"], "{}", second.context());

    let third = ingest(&[]);
    third.assert_no_panic();
    assert_eq!(stored(), ["one", "three", "two"], "{}", third.context());

    // `extract` calls the same driver: the page is counted as skipped, the others written.
    let extract = crate::util::run_marsad_env(
        dir.path(),
        &["extract", s(&feed)],
        None,
        &[("MARSAD_TEST_PANIC", "events@two")],
    );
    extract.assert_summary(2, 1);
    let docs: Vec<_> = extract
        .records()
        .iter()
        .map(|r| crate::util::field(r, "doc").unwrap_or("").to_string())
        .collect();
    assert_eq!(docs, ["one", "three"], "{}", extract.context());
    assert!(
        extract
            .stderr
            .contains("marsad: internal error in events on two: please report"),
        "{}",
        extract.context()
    );
}
