//! The dates stage in `marsad extract`: every record's `dates`, with values placed against
//! its `published` and character offsets that slice `text` back to the expression, and
//! `--explain` naming what could not be placed. (The seeds' gold dates are checked in
//! `shared_corpus`.)

use crate::util::{field, s, Failures};

/// A news page as scraped: menu, headline, a dateline that dates it, three paragraphs
/// with a weekday, a month, false friends («3+3», «90 دقيقة») and a share button.
fn page(dateline: &str) -> String {
    [
        "الرئيسية",
        "أخبار",
        "بوتين يصل إلى باكو في زيارة رسمية تستمر يومين",
        dateline,
        "وصل الرئيس الروسي فلاديمير بوتين إلى العاصمة الأذربيجانية باكو يوم الاثنين في زيارة رسمية تستمر يومين، يبحث خلالها مع نظيره الأذربيجاني إلهام علييف العلاقات الثنائية والأوضاع في المنطقة.",
        "وكان الرئيسان قد التقيا في 24 مايو/أيار الماضي في موسكو، وبحثا صيغة «3+3» للتعاون الإقليمي التي تضم روسيا وإيران وتركيا وأذربيجان وأرمينيا وجورجيا.",
        "واستمرت المحادثات الأولى 90 دقيقة، وفق ما أعلنه الكرملين في بيان صدر مساء الأحد، مشيرا إلى أن الجانبين سيلتقيان مجددا في أكتوبر المقبل في قمة بريكس.",
        "شارك المقال",
    ]
    .join("\n")
}

/// The expressions of [`page`] and their values when it was published on Monday 19
/// August 2024.
const WANT: [(&str, &str); 4] = [
    ("يوم الاثنين", "2024-08-19"),
    ("24 مايو/أيار الماضي", "2024-05-24"),
    ("مساء الأحد", "2024-08-18"),
    ("أكتوبر المقبل", "2024-10"),
];

const FALSE_FRIENDS: [&str; 2] = ["3+3", "90 دقيقة"];

/// Characters `start..end` of `text`.
fn chars(text: &str, start: usize, end: usize) -> String {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

/// Character offset of the first `needle` in `text`.
fn char_offset(text: &str, needle: &str) -> Option<usize> {
    text.find(needle).map(|b| text[..b].chars().count())
}

marsadtest!(dates_are_placed_against_the_dateline, |dir| {
    let path = dir.write("wire.txt", page("باكو - 19 أغسطس 2024 (الأناضول)"));
    let run = dir.marsad(&["extract", s(&path)]);
    let rec = run.only_record();
    let text = field(&rec, "text").unwrap_or("");
    let mut fails = Failures::new();
    if field(&rec, "published") != Some("2024-08-19") {
        fails.push(format!(
            "published {:?}, want \"2024-08-19\" from the dateline",
            field(&rec, "published")
        ));
        fails.help("the dateline is read by crates/marsad-extract/src/clean/meta.rs");
    }
    let dates = rec["dates"].as_array().cloned().unwrap_or_default();
    let got: Vec<(String, String)> = dates
        .iter()
        .map(|d| {
            (
                field(d, "text").unwrap_or("").to_string(),
                field(d, "value").unwrap_or("").to_string(),
            )
        })
        .collect();
    let want: Vec<(String, String)> = WANT
        .iter()
        .map(|(t, v)| (t.to_string(), v.to_string()))
        .collect();
    if got != want {
        fails.push(format!("dates {got:?}\n     want {want:?}"));
        fails.help(
            "the grammar is crates/marsad-dates (parse.rs, resolve.rs, tests/data/dates.tsv)",
        );
    }
    for d in &dates {
        let (start, end) = (d["start"].as_u64(), d["end"].as_u64());
        let (Some(start), Some(end)) = (start, end) else {
            fails.push(format!("date without start/end: {d}"));
            continue;
        };
        let (start, end) = (start as usize, end as usize);
        let sliced = chars(text, start, end);
        if Some(sliced.as_str()) != field(d, "text") {
            fails.push(format!(
                "characters {start}..{end} of text are «{sliced}», the date says «{}»",
                field(d, "text").unwrap_or("")
            ));
            fails.help(
                "offsets count characters (Unicode scalar values) of `text`, not bytes (SCHEMA.md)",
            );
        }
        for ff in FALSE_FRIENDS {
            if let Some(a) = char_offset(text, ff) {
                let b = a + ff.chars().count();
                if start < b && a < end {
                    fails.push(format!(
                        "a date «{sliced}» overlaps the false friend «{ff}»"
                    ));
                }
            }
        }
    }
    if !fails.is_empty() {
        fails.help(run.context());
    }
    fails.finish("dates of a page dated by its dateline", 2 + 2 * dates.len());
});

marsadtest!(explain_lists_unplaced_dates, |dir| {
    // An undated dateline and no sidecar: nothing can be placed.
    dir.write("undated.txt", page("باكو/ الأناضول"));
    let plain = dir.marsad(&["extract", "undated.txt"]);
    let run = dir.marsad(&["extract", "undated.txt", "--explain"]);
    let rec = run.only_record();
    assert_eq!(
        plain.stdout, run.stdout,
        "--explain changed standard output"
    );
    assert!(
        field(&rec, "published").is_none(),
        "the page is undated, yet published is {:?}\n{}",
        field(&rec, "published"),
        run.context()
    );
    assert_eq!(
        rec["dates"],
        serde_json::json!([]),
        "with no publication date nothing may be placed (SCHEMA.md: left out rather than guessed)\n{}",
        run.context()
    );
    let text = field(&rec, "text").unwrap_or("");
    let lines = run.stderr_lines();
    let report_at = lines.iter().position(|l| *l == "# undated.txt");
    let mut fails = Failures::new();
    let mut last = report_at.unwrap_or(0);
    for (expr, _) in WANT {
        let at = char_offset(text, expr).expect("the expression is in the cleaned text");
        let prefix = format!("undated.txt: unplaced date «{expr}» at {at}: ");
        match lines.iter().position(|l| l.starts_with(&prefix)) {
            None => fails.push(format!("no stderr line starting {prefix:?}")),
            Some(i) => {
                if i <= last {
                    fails.push(format!(
                        "{prefix:?} is out of order (line {i}; the cleaner's report and the expressions before it come first)"
                    ));
                }
                last = i;
                if lines[i].len() == prefix.len() {
                    fails.push(format!("{prefix:?} gives no reason"));
                }
            }
        }
    }
    if report_at.is_none() {
        fails.push("no `# undated.txt` report header".to_string());
    }
    if run.summary() != "extracted 1, skipped 0" {
        fails.push("the summary is not the last stderr line".to_string());
    }
    if !fails.is_empty() {
        fails.help("crates/marsad-cli/src/extract.rs (write_unplaced) prints these lines");
        fails.help(run.context());
    }
    fails.finish("--explain on an undated page", WANT.len() + 2);
});
