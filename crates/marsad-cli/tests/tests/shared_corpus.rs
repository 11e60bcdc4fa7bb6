//! The real pages in `../shared/corpus`: the five scraped seeds (cleaning and, against
//! `../shared/gold/seeds.jsonl`, dates) and the two HTML pages.
//! Skipped (with a note) when `../shared` is absent, unless `CI` is set: then it fails.

use std::path::PathBuf;

use serde_json::Value;

use crate::util::{doc_name, field, run_marsad, s, short, workspace_root, ws, Failures};

/// `../shared` beside the workspace (or `$MARSAD_SHARED`, as in `.ci/run`), or `None`
/// (after failing under `CI`) when absent.
fn shared() -> Option<PathBuf> {
    let p = match std::env::var_os("MARSAD_SHARED") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
    };
    if p.join("corpus").is_dir() {
        return Some(p.canonicalize().expect("../shared"));
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "../shared not found at {} and CI is set\nhelp: CI needs the shared corpus beside the clone (see .ci/run)",
            p.display()
        );
    }
    eprintln!("skipped: ../shared not found");
    None
}

#[test]
fn seeds_extract_cleanly() {
    let Some(shared) = shared() else { return };
    let seeds = shared.join("corpus/seeds");
    let meta = seeds.join("meta.tsv");
    let run = run_marsad(
        &workspace_root(),
        &["extract", s(&seeds), "--meta", s(&meta)],
        None,
    );
    run.assert_code(0);
    run.assert_summary(5, 0);
    let recs = run.records();
    let mut fails = Failures::new();
    if recs.len() != 5 {
        fails.push(format!("{} records, want 5", recs.len()));
    }
    for r in &recs {
        let doc = doc_name(r);
        let text = field(r, "text").unwrap_or("");
        if text.trim().is_empty() {
            fails.push(format!("{doc}: empty text"));
        }
        if field(r, "lang") != Some("ar") {
            fails.push(format!("{doc}: lang {:?}, want \"ar\"", field(r, "lang")));
        }
        for furniture in ["زر الذهاب إلى الأعلى", "pic.twitter.com"] {
            if text.contains(furniture) {
                fails.push(format!("{doc}: «{furniture}» in the text"));
            }
        }
    }
    match recs.iter().find(|r| doc_name(r).starts_with("004_")) {
        None => fails.push("004: no record".to_string()),
        Some(r) => {
            // meta.tsv leaves 004 undated: the date comes from the page's stamp
            // («19.08.2024 - محدث : 19.08.2024»).
            if field(r, "published") != Some("2024-08-19") {
                fails.push(format!(
                    "004: published {:?}, want \"2024-08-19\" (from the page's stamp)",
                    field(r, "published")
                ));
            }
        }
    }
    fails.help(format!(
        "the pages are in {}; score them with `python3 {}/gold/score.py {}/gold/seeds.jsonl OUT.jsonl --verbose`",
        seeds.display(),
        shared.display(),
        shared.display()
    ));
    fails.finish("shared seeds", 5 * 4 + 2);
}

/// Every gold date of `../shared/gold/seeds.jsonl` is in its record's `dates` with its
/// value, matched as `score.py` matches them (equal value, one text containing the other
/// with white space folded): `date_accuracy` 1.0. And every date's offsets slice `text`
/// (in characters) back to the date's text.
#[test]
fn seeds_dates_match_the_gold() {
    let Some(shared) = shared() else { return };
    let seeds = shared.join("corpus/seeds");
    let meta = seeds.join("meta.tsv");
    let gold_path = shared.join("gold/seeds.jsonl");
    let gold: Vec<Value> = std::fs::read_to_string(&gold_path)
        .expect("the gold")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("gold JSON"))
        .collect();
    let run = run_marsad(
        &workspace_root(),
        &["extract", s(&seeds), "--meta", s(&meta)],
        None,
    );
    run.assert_code(0);
    let recs = run.records();
    let mut fails = Failures::new();
    let (mut checks, mut matched, mut gold_dates) = (0, 0, 0);
    for r in &recs {
        let text: Vec<char> = field(r, "text").unwrap_or("").chars().collect();
        for d in r["dates"].as_array().into_iter().flatten() {
            checks += 1;
            let (start, end) = (
                d["start"].as_u64().unwrap_or(0) as usize,
                d["end"].as_u64().unwrap_or(0) as usize,
            );
            let sliced: String = text
                .get(start..end.min(text.len()))
                .unwrap_or_default()
                .iter()
                .collect();
            if Some(sliced.as_str()) != field(d, "text") {
                fails.push(format!(
                    "{}: characters {start}..{end} of text are «{sliced}», the date says «{}»",
                    doc_name(r),
                    field(d, "text").unwrap_or("")
                ));
            }
        }
    }
    for g in &gold {
        let name = field(g, "doc").expect("a gold doc");
        let rec = recs.iter().find(|r| doc_name(r) == name);
        let dates = rec
            .and_then(|r| r["dates"].as_array())
            .cloned()
            .unwrap_or_default();
        for gd in g["dates"].as_array().into_iter().flatten() {
            checks += 1;
            gold_dates += 1;
            let gt = ws(field(gd, "text").unwrap_or(""));
            let gv = field(gd, "value").unwrap_or("");
            let overlapping: Vec<&Value> = dates
                .iter()
                .filter(|d| {
                    let t = ws(field(d, "text").unwrap_or(""));
                    !t.is_empty() && (t.contains(&gt) || gt.contains(&t))
                })
                .collect();
            if overlapping.iter().any(|d| field(d, "value") == Some(gv)) {
                matched += 1;
            } else {
                let got: Vec<&str> = overlapping
                    .iter()
                    .filter_map(|d| field(d, "value"))
                    .collect();
                fails.push(format!("{name}: date «{gt}» want {gv}, got {got:?}"));
            }
        }
    }
    assert!(gold_dates > 0, "{} lists no dates", gold_path.display());
    if !fails.is_empty() {
        fails.help(format!(
            "date_accuracy {matched}/{gold_dates}; `python3 {}/gold/score.py {} OUT.jsonl --verbose` lists the same",
            shared.display(),
            gold_path.display()
        ));
        fails
            .help("the grammar is crates/marsad-dates (`cargo test -p marsad-dates --test seeds`)");
    }
    fails.finish("seed dates", checks);
}

#[test]
fn html_pages_have_gold_titles_and_dates() {
    let Some(shared) = shared() else { return };
    let dir = shared.join("corpus/html");
    // The folder also holds the gold .txt files: name the pages themselves.
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus/html")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    pages.sort();
    assert_eq!(pages.len(), 2, "want the two pages in {}", dir.display());
    let mut args = vec!["extract"];
    args.extend(pages.iter().map(|p| s(p)));
    let run = run_marsad(&workspace_root(), &args, None);
    run.assert_code(0);
    run.assert_summary(2, 0);
    let recs = run.records();
    let mut fails = Failures::new();
    for page in &pages {
        let name = page.file_name().unwrap().to_string_lossy().into_owned();
        let stem = name.trim_end_matches(".html");
        let gold_path = dir.join(format!("{stem}.gold.meta.json"));
        let gold: Value =
            serde_json::from_str(&std::fs::read_to_string(&gold_path).expect("the gold metadata"))
                .expect("gold metadata is JSON");
        let Some(rec) = recs.iter().find(|r| doc_name(r) == name) else {
            fails.push(format!("{name}: no record"));
            continue;
        };
        let want_title = field(&gold, "title").expect("a gold title");
        if field(rec, "title") != Some(want_title) {
            fails.push(format!(
                "{name}: title {:?}, want «{want_title}» (the headline, not <title> with the site's suffix)",
                field(rec, "title")
            ));
        }
        if field(rec, "text").is_none_or(|t| t.chars().count() < 200) {
            fails.push(format!(
                "{name}: text too short: {:?}",
                field(rec, "text").map(|t| short(t, 200))
            ));
        }
        if name.starts_with("cnn") {
            // The stamp under the headline is the last update (28 August); the article
            // was published on 3 August 2013 (the URL's date path).
            if field(rec, "published").is_none_or(|p| !p.starts_with("2013-08-03")) {
                fails.push(format!(
                    "{name}: published {:?}, want 2013-08-03 (the stamp under the headline is an update time)",
                    field(rec, "published")
                ));
            }
        }
    }
    fails.help(format!(
        "see {}/README.md for the traps; word F1 with `python3 {}/gold/score_text.py {} OUT.jsonl`",
        dir.display(),
        shared.display(),
        dir.display()
    ));
    fails.finish("shared HTML pages", 7);
}
