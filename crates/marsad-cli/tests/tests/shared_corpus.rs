//! The real pages in `../shared/corpus`: the five scraped seeds and the two HTML pages.
//! Skipped (with a note) when `../shared` is absent, unless `CI` is set: then it fails.

use std::path::PathBuf;

use serde_json::Value;

use crate::util::{doc_name, field, run_marsad, s, short, workspace_root, Failures};

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
