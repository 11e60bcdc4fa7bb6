//! Hostile input (issue 16): folders with symbolic link loops and links out of the tree,
//! file names that are not UTF-8, CSV formula injection, pathological HTML, a JSON Lines
//! record with both `text` and `html`, concurrent ingests into one new store.

use crate::util::field;

/// A page that extracts to one record.
const PAGE: &str = "بحث وزير الخارجية مع نظيره في اتصال هاتفي، اليوم الثلاثاء، العلاقات الثنائية بين البلدين وسبل تعزيزها في مختلف المجالات، إضافة إلى آخر التطورات في المنطقة.\n\nوأكد الجانبان أهمية مواصلة التنسيق والتشاور إزاء القضايا ذات الاهتمام المشترك خلال المرحلة المقبلة.\n";

// The reproduction of issue 16, item 1: `ln -s .. loop/a/up; ln -s $PWD/loop
// loop/a/abs` gave 30,051 copies of one article in 30 s and never ended; a link to a
// file outside the folder was read.
#[cfg(unix)]
marsadtest!(
    symlink_loops_end_and_links_out_of_the_folder_are_not_read,
    |dir| {
        use std::os::unix::fs::symlink;
        dir.write("loop/a/page.txt", PAGE);
        let secret = dir.write("outside/secret.txt", PAGE.replace("وزير", "سر"));
        let top = dir.path().join("loop");
        symlink("..", top.join("a/up")).unwrap();
        symlink(&top, top.join("a/abs")).unwrap();
        symlink(&secret, top.join("a/secret.txt")).unwrap();
        symlink("/etc/passwd", top.join("a/passwd.txt")).unwrap();
        let run = dir.marsad(&["extract", "loop"]);
        run.assert_code(0);
        let docs: Vec<String> = run
            .records()
            .iter()
            .map(|r| field(r, "doc").unwrap_or("").to_string())
            .collect();
        assert_eq!(docs, ["loop/a/page.txt"], "{}", run.context());
        for link in ["abs", "up", "secret.txt", "passwd.txt"] {
            assert!(
                run.stderr
                    .contains(&format!("marsad: warning: loop/a/{link}: a symbolic link")),
                "no warning for {link}: {}",
                run.context()
            );
        }
        assert!(!run.stdout.contains("سر"), "{}", run.context());
        // Ingest walks the same way.
        let ingest = dir.marsad(&["ingest", "loop", "--quiet"]);
        ingest.assert_code(0);
        let docs = dir.marsad(&["docs", "--format", "jsonl"]);
        assert_eq!(docs.records().len(), 1, "{}", docs.context());
    }
);

#[cfg(unix)]
marsadtest!(file_names_that_are_not_utf8_are_read, |dir| {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    std::fs::create_dir_all(dir.path().join("in")).unwrap();
    let name = dir
        .path()
        .join("in")
        .join(OsStr::from_bytes(b"caf\xe9.txt"));
    std::fs::write(&name, PAGE).unwrap();
    let run = dir.marsad(&["extract", "in"]);
    run.assert_code(0);
    let docs = run.records();
    assert_eq!(docs.len(), 1, "{}", run.context());
    assert_eq!(field(&docs[0], "doc"), Some("in/caf\u{fffd}.txt"));
});

/// The cells of a CSV document (RFC 4180: quoted cells may hold commas, quotes and line
/// breaks).
fn csv_cells(text: &str) -> Vec<String> {
    let (mut cells, mut cur, mut quoted, mut chars) =
        (Vec::new(), String::new(), false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cur.push('"');
            }
            ('"', true) => quoted = false,
            ('"', false) if cur.is_empty() => quoted = true,
            (',' | '\n', false) => cells.push(std::mem::take(&mut cur)),
            ('\r', false) if chars.peek() == Some(&'\n') => {}
            (c, _) => cur.push(c),
        }
    }
    cells.push(cur);
    cells
}

// Issue 16, item 3: `export --format csv` (documents and events), `events`, `search` and
// `docs --format csv` wrote cells beginning with `=`, `+`, `-`, `@` unguarded.
marsadtest!(every_csv_is_guarded_against_formulas, |dir| {
    let line = serde_json::json!({
        "doc": "=HYPERLINK(\"http://evil\",\"x\")",
        "url": "@SUM(1+1)",
        "outlet": "+cmd|' /C calc'!A0",
        "title": "-2+3",
        "published": "2024-03-05",
        "text": "بحث الرئيس الروسي فلاديمير بوتين، الثلاثاء، في اتصال هاتفي مع نظيره التركي رجب طيب أردوغان الأوضاع في سوريا وأوكرانيا، وأكد الجانبان أهمية مواصلة الحوار بين البلدين.\n",
    });
    dir.write("in/evil.jsonl", format!("{line}\n"));
    dir.marsad(&["ingest", "in", "--quiet"]).assert_code(0);
    let runs = [
        dir.marsad(&["export", "--format", "csv"]),
        dir.marsad(&["export", "--format", "csv", "--events"]),
        dir.marsad(&["events", "--format", "csv"]),
        dir.marsad(&["docs", "--format", "csv"]),
        dir.marsad(&["search", "بوتين", "--format", "csv"]),
    ];
    for run in &runs {
        run.assert_code(0);
        let cells = csv_cells(&run.stdout);
        assert!(cells.len() >= 8, "{}", run.context());
        for c in &cells {
            assert!(
                !c.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "unguarded cell {c:?}: {}",
                run.context()
            );
        }
        assert!(
            cells.iter().any(|c| c.starts_with("'=HYPERLINK")),
            "{}",
            run.context()
        );
    }
});

// Issue 16, item 2: `marsad stories` panicked on a date whose 10th byte falls inside a
// character, and took impossible dates as they came.
marsadtest!(stories_survive_dates_that_are_not_dates, |dir| {
    let line = serde_json::json!({
        "doc": "a",
        "published": "2024-03-05",
        "text": "بحث الرئيس الروسي فلاديمير بوتين، الثلاثاء، في اتصال هاتفي مع نظيره التركي رجب طيب أردوغان الأوضاع في سوريا وأوكرانيا، وأكد الجانبان أهمية مواصلة الحوار بين البلدين.\n",
    });
    dir.write("in.jsonl", format!("{line}\n"));
    let run = dir.marsad(&["extract", "in.jsonl"]);
    run.assert_code(0);
    let record = run.records().remove(0);
    assert!(
        !record["events"].as_array().unwrap().is_empty(),
        "{}",
        run.context()
    );
    let mut lines = String::new();
    for bad in [
        "19 أغسطس 2024",
        "٢٠٢٤-٠٨-١٩",
        "２０２４-０８-１９",
        "2024-13-45",
        "2024-02-30",
        "99999-01-01",
        "yesterday",
        "",
        "2024-08-1é",
    ] {
        let mut r = record.clone();
        r["doc"] = bad.into();
        r["published"] = bad.into();
        for e in r["events"].as_array_mut().unwrap() {
            e["date"] = bad.into();
        }
        lines.push_str(&format!("{r}\n"));
    }
    dir.write("records.jsonl", lines);
    let stories = dir.marsad(&["stories", "records.jsonl"]);
    stories.assert_code(0);
    assert!(
        !stories.stderr.contains("panicked"),
        "{}",
        stories.context()
    );
});

// Issue 16: `--jobs 100000` started some 18,000 threads.
marsadtest!(jobs_are_capped_with_a_note, |dir| {
    dir.write("in/a.txt", PAGE);
    let run = dir.marsad(&["extract", "in", "--jobs", "100000"]);
    run.assert_code(0);
    assert_eq!(run.records().len(), 1, "{}", run.context());
    assert!(
        run.stderr.contains("note: --jobs 100000 is more than"),
        "{}",
        run.context()
    );
});

// Issue 16: a JSON Lines record with both `text` and `html` silently ignored `text`. The
// HTML wins (its markup says more of the page: headline, date, article region), with a
// warning naming the record.
marsadtest!(jsonl_with_text_and_html_reads_the_html_and_says_so, |dir| {
    let line = serde_json::json!({
        "doc": "both",
        "text": "نص لا يقرأ.",
        "html": format!("<html><body><article><p>{}</p></article></body></html>", PAGE.replace('\n', " ")),
    });
    dir.write("in.jsonl", format!("{line}\n"));
    let run = dir.marsad(&["extract", "in.jsonl"]);
    run.assert_code(0);
    let docs = run.records();
    assert_eq!(docs.len(), 1, "{}", run.context());
    assert!(
        field(&docs[0], "text").unwrap().starts_with("بحث وزير"),
        "{}",
        run.context()
    );
    assert!(
        run.stderr
            .contains("marsad: both: both \"text\" and \"html\": the html is read"),
        "{}",
        run.context()
    );
});

// Issue 16: a store in a folder the user cannot write could not be read (SQLite makes a
// `-shm` file beside a WAL database). Root writes anywhere, so as root the readers run as
// `nobody` through `setpriv`; elsewhere the folder is made read-only.
#[cfg(unix)]
marsadtest!(a_store_in_a_read_only_folder_can_be_read, |dir| {
    use std::os::unix::fs::PermissionsExt;
    use std::process::Command;
    dir.write("in/a.txt", PAGE);
    let db = dir.path().join("ro/s.db");
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    dir.marsad(&["ingest", "in", "--db", "ro/s.db", "--quiet"])
        .assert_code(0);
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout == b"0\n");
    let setpriv = std::path::Path::new("/usr/bin/setpriv").exists();
    if root && !setpriv {
        println!("skipped: root without setpriv");
        return;
    }
    let ro = db.parent().unwrap().to_path_buf();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    let run = |args: &[&str]| {
        let bin = env!("CARGO_BIN_EXE_marsad");
        let mut cmd = if root {
            let mut c = Command::new("/usr/bin/setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups", bin]);
            c
        } else {
            Command::new(bin)
        };
        cmd.args(args).current_dir(dir.path()).output().unwrap()
    };
    let dbs = db.to_str().unwrap();
    for args in [
        &["search", "وزير", "--db", dbs][..],
        &["docs", "--db", dbs],
        &["export", "--db", dbs, "--format", "csv"],
    ] {
        let out = run(args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.stdout.is_empty());
    }
    // Nothing was written beside it.
    let names: Vec<_> = std::fs::read_dir(&ro)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names, ["s.db"]);
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
});

// Issue 16: two ingests creating the same new store at once: one failed with "duplicate
// column name" or "database is locked" (10 of 10 trials) and its inputs were lost.
marsadtest!(two_ingests_into_one_new_store_both_finish, |dir| {
    let mut a = String::new();
    let mut b = String::new();
    for i in 0..20 {
        let text = format!("{} رقم {i}.", PAGE.replace('\n', " "));
        a.push_str(&format!(
            "{}\n",
            serde_json::json!({"doc": format!("a{i}"), "text": text})
        ));
        b.push_str(&format!(
            "{}\n",
            serde_json::json!({"doc": format!("b{i}"), "text": format!("{text} ب")})
        ));
    }
    dir.write("a.jsonl", a);
    dir.write("b.jsonl", b);
    let bin = env!("CARGO_BIN_EXE_marsad");
    for trial in 0..5 {
        let db = format!("t{trial}.db");
        let spawn = |input: &str| {
            std::process::Command::new(bin)
                .args(["ingest", input, "--db", &db, "--quiet", "--jobs", "1"])
                .current_dir(dir.path())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (pa, pb) = (spawn("a.jsonl"), spawn("b.jsonl"));
        for p in [pa, pb] {
            let out = p.wait_with_output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "trial {trial}: {err}");
            assert!(err.contains("ingested 20"), "trial {trial}: {err}");
        }
        let docs = dir.marsad(&["docs", "--db", &db, "--limit", "0", "--format", "jsonl"]);
        assert_eq!(
            docs.records().len(),
            40,
            "trial {trial}: {}",
            docs.context()
        );
    }
});
