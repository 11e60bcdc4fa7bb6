//! Site templates end to end: thirty pages of one invented site (`waha.example`), each
//! an article of its own between the site's furniture — a menu, two «related» lines, a
//! site blurb and an imprint, all written here. The blurb and the related lines read as
//! prose, so the cleaner alone keeps them (checked first); learnt from the corpus, they
//! leave every page, and what they name (a country, a year, a «تناقش») leaves the
//! record's entities, dates and events with them. The learner's state is stored, so a
//! later ingest of three more pages of the site — too few to learn from — drops them too.

use serde_json::Value;

use crate::util::{field, TestDir};

const MENU: &[&str] = &["محليات", "بلديات", "ثقافة وفنون", "حديث المدينة"];
/// The site's furniture that the cleaner keeps on its own: sentences, with a period.
const FURNITURE: &[&str] = &[
    "ندوة في المكتبة العامة تناقش مستقبل القراءة بين الشباب.",
    "مهرجان الزيتون يعود إلى الساحة القديمة بعد غياب عامين.",
    "الواحة منبر إخباري مستقل يغطي شؤون المدن الصغيرة والقرى في الأردن، ويصدر بالعربية منذ عام 2019.",
    "تصدر الواحة عن دار الواحة للإعلام، وما ينشر فيها يعبر عن آراء كتابه وحدهم.",
];
const TOWNS: &[&str] = &[
    "بلدة السرو",
    "قرية العين",
    "بلدة التل",
    "قرية الوادي",
    "بلدة الكرمة",
    "قرية النخيل",
];
const PEOPLE: &[&str] = &[
    "سالم العمري",
    "خالد الحديد",
    "ماجد السعدي",
    "نبيل الخطيب",
    "عادل الزعبي",
    "فارس العلي",
    "هاني البطاينة",
];
const HOW: &[&str] = &[
    "استغرق ستة أشهر من العمل المتواصل",
    "مول من تبرعات الأهالي ومنحة حكومية",
    "تأخر بسبب الأمطار الغزيرة في الشتاء الماضي",
    "نفذ على مرحلتين بإشراف مهندسي البلدية",
];
const THINGS: &[&str] = &[
    "مكتبة عامة",
    "حديقة للأطفال",
    "مركز صحي",
    "ملعب بلدي",
    "سوق شعبي",
];

/// Page `n`'s own paragraphs (its article), written for this test.
fn article(n: usize) -> Vec<String> {
    let (town, thing) = (TOWNS[n % TOWNS.len()], THINGS[n % THINGS.len()]);
    vec![
        format!("افتتح المجلس البلدي في {town} صباح اليوم {thing} جديدا ضمن المشروع رقم {n}، بحضور عدد كبير من الأهالي وممثلي الجمعيات المحلية."),
        // Not only its numbers differ: the learner reads every digit as 0, and a line
        // that differs from page to page by its numbers alone is one line to it.
        format!(
            "وقال رئيس المجلس {} إن المشروع {} وإن شركات من {} شاركت في تنفيذه.",
            PEOPLE[n % PEOPLE.len()],
            HOW[n % HOW.len()],
            TOWNS[(n + 2) % TOWNS.len()]
        ),
        format!("وأضاف أن المجلس يخطط لمشروعات أخرى في {town} خلال العام المقبل، من بينها توسعة الطرق وتحسين شبكة الإنارة في الأحياء الجديدة رقم {n}."),
    ]
}

/// Page `n` as a JSON Lines record with its URL on the site.
fn record(n: usize) -> String {
    let (town, thing) = (TOWNS[n % TOWNS.len()], THINGS[n % THINGS.len()]);
    let text = format!(
        "{}\nافتتاح {thing} في {town}\n{}\n{}\n",
        MENU.join("\n"),
        article(n).join("\n"),
        FURNITURE.join("\n")
    );
    serde_json::json!({
        "id": format!("waha/{n}"),
        "url": format!("https://www.waha.example/news/{n}"),
        "published": format!("2024-05-{:02}", n % 28 + 1),
        "text": text,
    })
    .to_string()
}

fn jsonl(pages: std::ops::Range<usize>) -> String {
    pages.map(|n| record(n) + "\n").collect()
}

/// The stored records, as `marsad export` writes them.
fn stored(dir: &TestDir, db: &str) -> Vec<Value> {
    let run = dir.marsad(&["export", "--db", db]);
    run.assert_code(0);
    run.records()
}

fn text(r: &Value) -> &str {
    field(r, "text").unwrap_or_default()
}

fn page_no(r: &Value) -> usize {
    field(r, "doc")
        .unwrap()
        .trim_start_matches("waha/")
        .parse()
        .unwrap()
}

/// Every check of one record cleaned with the site's template: its own paragraphs all
/// there, the furniture gone, and nothing of the furniture in entities, dates, events;
/// offsets still index the stored text.
fn check_clean(r: &Value, fails: &mut Vec<String>) {
    let (n, t) = (page_no(r), text(r));
    for p in article(n) {
        if !t.contains(&p) {
            fails.push(format!("waha/{n}: its own paragraph is missing: {p}"));
        }
    }
    for f in FURNITURE {
        if t.contains(f) {
            fails.push(format!("waha/{n}: template line kept: {f}"));
        }
    }
    let chars: Vec<char> = t.chars().collect();
    for e in r["entities"].as_array().unwrap() {
        if e["country"] == "JOR" || e["key"] == "JOR" {
            fails.push(format!("waha/{n}: an entity of the blurb: {e}"));
        }
        for m in e["mentions"].as_array().unwrap() {
            let (s, end) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            let at: String = chars[s..end].iter().collect();
            if at != m["text"].as_str().unwrap() {
                fails.push(format!("waha/{n}: mention {m} is «{at}» in the text"));
            }
        }
    }
    for d in r["dates"].as_array().unwrap() {
        if d["value"] == "2019" {
            fails.push(format!("waha/{n}: a date of the blurb: {d}"));
        }
    }
    for ev in r["events"].as_array().unwrap() {
        if ev["evidence"]["text"].as_str().unwrap().contains("تناقش") {
            fails.push(format!("waha/{n}: an event of a related line: {ev}"));
        }
    }
}

fn finish(fails: Vec<String>) {
    assert!(
        fails.is_empty(),
        "{} failures:\n{}\nhelp: the learner is crates/marsad-extract/src/clean/template.rs, its use in \
         a run crates/marsad-cli/src/templates.rs",
        fails.len(),
        fails.join("\n")
    );
}

marsadtest!(site_templates_are_learnt_stored_and_removed, |dir| {
    dir.write("waha.jsonl", jsonl(0..30));
    dir.write("later/waha-later.jsonl", jsonl(30..33));

    // Without templates the cleaner keeps the site's furniture: this is what the
    // learner is for.
    let plain = dir.marsad(&["ingest", "waha.jsonl", "--db", "plain.db", "--no-templates"]);
    plain.assert_code(0);
    let records = stored(&dir, "plain.db");
    assert_eq!(records.len(), 30);
    for f in FURNITURE {
        let kept = records.iter().filter(|r| text(r).contains(f)).count();
        assert_eq!(
            kept, 30,
            "the cleaner alone should keep «{f}» (the test's premise)"
        );
    }
    assert!(records
        .iter()
        .all(|r| r["entities"].to_string().contains("JOR")));

    // With them (the default), it is gone from every page, the first ones too.
    let run = dir.marsad(&["ingest", "waha.jsonl", "--db", "t.db"]);
    run.assert_code(0);
    let records = stored(&dir, "t.db");
    assert_eq!(records.len(), 30, "{}", run.context());
    let mut fails = Vec::new();
    for r in &records {
        check_clean(r, &mut fails);
    }
    // The run says what it learnt and removed: the menu (which the cleaner dropped
    // anyway, now as template) and the four lines, on thirty pages.
    let report = run
        .stderr_lines()
        .into_iter()
        .find(|l| l.starts_with("template waha.example:"))
        .unwrap_or_else(|| panic!("no template line for the site\n{}", run.context()))
        .to_string();
    if report != "template waha.example: 8 lines learnt, 240 removed from 30 pages" {
        fails.push(format!("report line: {report}"));
    }
    if !run
        .summary()
        .contains("; 240 template lines removed from 30 pages of 1 sites;")
    {
        fails.push(format!("summary: {}", run.summary()));
    }
    finish(fails);

    // Three more pages of the site, later: too few to learn from on their own…
    let alone = dir.marsad(&["ingest", "later", "--db", "fresh.db"]);
    alone.assert_code(0);
    let records = stored(&dir, "fresh.db");
    assert!(records.iter().all(|r| text(r).contains(FURNITURE[2])));
    // …but the store remembers the site.
    let later = dir.marsad(&["ingest", "later", "--db", "t.db"]);
    later.assert_code(0);
    let records = stored(&dir, "t.db");
    assert_eq!(records.len(), 33);
    let mut fails = Vec::new();
    for r in &records {
        check_clean(r, &mut fails);
    }
    finish(fails);

    // `extract --templates` learns the same within its run; `extract` alone does not.
    let extracted = dir.marsad(&["extract", "--templates", "waha.jsonl"]);
    extracted.assert_summary(30, 0);
    let ingested = stored(&dir, "t.db");
    for r in extracted.records() {
        let same = ingested.iter().find(|s| s["doc"] == r["doc"]).unwrap();
        assert_eq!(text(&r), text(same), "{}", r["doc"]);
    }
    let raw = dir.marsad(&["extract", "waha.jsonl"]);
    assert!(raw.records().iter().all(|r| text(r).contains(FURNITURE[3])));
});

marsadtest!(a_re_run_counts_no_page_twice, |dir| {
    dir.write("waha.jsonl", jsonl(0..12));
    dir.marsad(&["ingest", "waha.jsonl", "--db", "t.db"])
        .assert_code(0);
    // The same file again (touched, so it is read again): nothing new is counted.
    dir.write("waha.jsonl", jsonl(0..12));
    dir.marsad(&["ingest", "waha.jsonl", "--db", "t.db"])
        .assert_code(0);
    let conn = rusqlite::Connection::open(dir.path().join("t.db")).unwrap();
    let (pages, lines): (i64, i64) = conn
        .query_row(
            "SELECT pages, lines FROM templates WHERE host = 'waha.example'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((pages, lines), (12, 8));
});
