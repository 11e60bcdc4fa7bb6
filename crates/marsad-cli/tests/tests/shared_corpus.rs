//! The real pages in `../shared/corpus`: the five scraped seeds (cleaning and, against
//! `../shared/gold/seeds.jsonl`, dates), the two HTML pages, and `marsad ner` on the
//! ANERcorp test portion.
//! Skipped (with a note) when `../shared` is absent, unless `CI` is set: then it fails.

use std::path::PathBuf;

use serde_json::Value;

use crate::util::{doc_name, field, run_marsad, s, short, workspace_root, ws, Failures, Run};

/// `../shared` beside the workspace (or `$MARSAD_SHARED`, as in `.ci/run`), or `None`
/// (after failing under `CI`) when absent.
pub(crate) fn shared() -> Option<PathBuf> {
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

/// The gold records of `path` (JSON Lines).
fn read_gold(path: &std::path::Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .expect("the gold")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("gold JSON"))
        .collect()
}

/// `marsad extract` on the seeds with their sidecar.
fn extract_seeds(seeds: &std::path::Path, meta: &std::path::Path) -> Run {
    run_marsad(
        &workspace_root(),
        &["extract", s(seeds), "--meta", s(meta)],
        None,
    )
}

#[test]
fn seeds_extract_cleanly() {
    let Some(shared) = shared() else { return };
    let seeds = shared.join("corpus/seeds");
    let meta = seeds.join("meta.tsv");
    let run = extract_seeds(&seeds, &meta);
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
    let gold: Vec<Value> = read_gold(&gold_path);
    let run = extract_seeds(&seeds, &meta);
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

/// Entity-level F1 floors of `marsad ner` on `../shared/corpus/anercorp/test.txt` (as
/// `score_conll.py` counts them); `.ci/floors.py` holds the same figures. Issue 3 reached
/// PERS 0.677, LOC 0.848, ORG 0.572, MISC 0.800; the floors leave about a point for
/// retraining after knowledge-base edits (the KB is the tagger's gazetteer).
const NER_F1_FLOORS: [(&str, f64); 4] =
    [("PERS", 0.66), ("LOC", 0.83), ("ORG", 0.55), ("MISC", 0.79)];

#[test]
fn anercorp_test_ner_f1_floors() {
    let Some(shared) = shared() else { return };
    let gold = shared.join("corpus/anercorp/test.txt");
    let scorer = shared.join("gold/score_conll.py");
    let run = run_marsad(&workspace_root(), &["ner", "--conll", s(&gold)], None);
    run.assert_code(0);
    let dir = crate::util::TestDir::new("anercorp_test_ner_f1_floors");
    let pred = dir.write("pred.conll", &run.stdout);
    let out = match std::process::Command::new("python3")
        .arg(&scorer)
        .arg(&gold)
        .arg(&pred)
        .output()
    {
        Ok(out) => out,
        Err(e) if std::env::var_os("CI").is_none() => {
            eprintln!("skipped: cannot run python3 ({e})");
            return;
        }
        Err(e) => panic!("cannot run python3 {}: {e}", scorer.display()),
    };
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "score_conll.py failed: {}\n{report}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut fails = Failures::new();
    for (ty, floor) in NER_F1_FLOORS {
        // `LOC    precision 0.868 recall 0.831 f1 0.849  (gold 681, found 652)`
        let f1 = report
            .lines()
            .find(|l| l.split_whitespace().next() == Some(ty))
            .and_then(|l| {
                let w: Vec<&str> = l.split_whitespace().collect();
                w.iter()
                    .position(|&x| x == "f1")
                    .and_then(|i| w.get(i + 1)?.parse::<f64>().ok())
            });
        match f1 {
            Some(f) if f >= floor => {}
            other => fails.push(format!("{ty}: F1 {other:?} < floor {floor}")),
        }
    }
    fails.help(format!(
        "score_conll.py says:\n{report}the tagger is crates/marsad-ner (retrain: see model/LICENSE-NOTE.md)"
    ));
    fails.finish("NER on ANERcorp test", NER_F1_FLOORS.len());
}

/// The entities and events stages on the seeds, scored by `../shared/gold/score.py` (run
/// with `python3`): `entity_recall`, `entity_precision_per_country`, `core_event_recall`
/// and `event_precision_approx` at or above the floors reached (also in `.ci/floors.py`),
/// no event with a forbidden actor, and no entity whose key is among a seed's
/// `forbidden_actors` (names that only occur in the page furniture).
#[test]
fn seeds_entities_and_events_reach_their_floors() {
    const FLOORS: [(&str, f64); 4] = [
        ("entity_recall", 1.0),
        ("entity_precision_per_country", 1.0),
        ("core_event_recall", 1.0),
        ("event_precision_approx", 0.55),
    ];
    let Some(shared) = shared() else { return };
    let seeds = shared.join("corpus/seeds");
    let meta = seeds.join("meta.tsv");
    let gold_path = shared.join("gold/seeds.jsonl");
    let run = extract_seeds(&seeds, &meta);
    run.assert_code(0);
    let out = std::env::temp_dir().join(format!(
        "marsad-seeds-entities-{}.jsonl",
        std::process::id()
    ));
    std::fs::write(&out, &run.stdout).expect("writing the output");
    let scored = std::process::Command::new("python3")
        .arg(shared.join("gold/score.py"))
        .arg(&gold_path)
        .arg(&out)
        .arg("--json")
        .output();
    let scored = match scored {
        Ok(o) if o.status.success() => o,
        other => {
            let _ = std::fs::remove_file(&out);
            if std::env::var_os("CI").is_some() {
                panic!("score.py did not run: {other:?}");
            }
            eprintln!("skipped: python3 could not run score.py ({other:?})");
            return;
        }
    };
    let _ = std::fs::remove_file(&out);
    let res: Value = serde_json::from_slice(&scored.stdout).expect("score.py --json prints JSON");
    let mut fails = Failures::new();
    for (name, floor) in FLOORS {
        let got = res[name].as_f64().unwrap_or(-1.0);
        if got < floor {
            fails.push(format!("{name} {got} < floor {floor}"));
        }
    }
    if res["forbidden_events"].as_f64() != Some(0.0) {
        fails.push(format!(
            "forbidden_events {} (want 0)",
            res["forbidden_events"]
        ));
    }
    let gold: Vec<Value> = read_gold(&gold_path);
    let recs = run.records();
    let mut checks = FLOORS.len() + 1;
    for g in &gold {
        let name = field(g, "doc").expect("a gold doc");
        let Some(rec) = recs.iter().find(|r| doc_name(r) == name) else {
            fails.push(format!("{name}: no record"));
            continue;
        };
        for f in g["forbidden_actors"].as_array().into_iter().flatten() {
            checks += 1;
            let f = f.as_str().unwrap_or("").to_lowercase();
            let found = rec["entities"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|e| field(e, "key").unwrap_or("").to_lowercase() == f);
            if found {
                fails.push(format!("{name}: entity {f} comes from the page furniture"));
            }
        }
    }
    fails.help(format!(
        "`python3 {}/gold/score.py {} OUT.jsonl --verbose` lists missed and spurious entities; the linker is crates/marsad-entities, the names data/kb/, events crates/marsad-events (`marsad extract --explain` says what each trigger became)",
        shared.display(),
        gold_path.display()
    ));
    fails.finish("seed entities", checks);
}

/// Every key an event gives (actors, `attributed_to`, `about`) names an entity of its own
/// record, or a country by its ISO code: on every hundredth SaudiNewsNet article (about
/// 310, spread over the month). A described actor («كبار المسؤولين الروس», «مصدر أمني»)
/// has a null key and its words; the reader's own handle for it (`~GOV:RUS:…`) once leaked
/// into actors that a merge had upgraded, into citations and topics, and the desk showed
/// it as a name.
#[test]
fn saudinewsnet_events_name_only_entities_of_their_record() {
    use std::io::BufRead;
    let Some(shared) = shared() else { return };
    let gz = std::fs::File::open(shared.join("corpus/saudinewsnet/articles.jsonl.gz"))
        .expect("SaudiNewsNet");
    let sample: String = std::io::BufReader::new(flate2::read::GzDecoder::new(gz))
        .lines()
        .step_by(100)
        .map(|l| l.expect("SaudiNewsNet line") + "\n")
        .collect();
    let dir = crate::util::TestDir::new("snn-keys");
    let input = dir.write("snn.jsonl", sample);
    let run = dir.marsad(&["extract", s(&input)]);
    run.assert_code(0);
    let country = |k: &str| k.len() == 3 && k.bytes().all(|b| b.is_ascii_uppercase());
    let (mut events, mut bad) = (0, Vec::new());
    for rec in run.records() {
        let known: std::collections::HashSet<&str> = rec["entities"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| e["key"].as_str())
            .collect();
        for e in rec["events"].as_array().into_iter().flatten() {
            events += 1;
            let actors = e["actors"].as_array().into_iter().flatten();
            let keys = actors
                .map(|a| &a["key"])
                .chain([&e["attributed_to"]])
                .chain(e["about"].as_array().into_iter().flatten())
                .filter_map(Value::as_str);
            for k in keys.filter(|k| !known.contains(k) && !country(k)) {
                bad.push(format!("{}: {k}", field(&rec, "doc").unwrap_or("?")));
            }
        }
    }
    assert!(events > 200, "only {events} events on the sample");
    assert!(
        bad.is_empty(),
        "keys of no entity of the record:\n{}",
        bad.join("\n")
    );
}
