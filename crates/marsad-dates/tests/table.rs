//! The date table, `tests/data/dates.tsv`: every row is one expression in a sentence,
//! read against a publication date. One test drives all rows and reports every failing
//! row at once, each with a `help:` line.

use jiff::civil::Date;
use marsad_dates::{find_dates, find_dates_en};

struct Row<'a> {
    line: usize,
    family: &'a str,
    published: Option<Date>,
    sentence: &'a str,
    expression: &'a str,
    value: &'a str,
}

fn rows(tsv: &str) -> Vec<Row<'_>> {
    tsv.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty() && !l.starts_with("family\t"))
        .map(|(n, l)| {
            let c: Vec<&str> = l.split('\t').collect();
            assert_eq!(
                c.len(),
                5,
                "dates.tsv:{}: want 5 columns, got {}",
                n + 1,
                c.len()
            );
            Row {
                line: n + 1,
                family: c[0],
                published: (c[1] != "-").then(|| c[1].parse().expect("a publication date")),
                sentence: c[2],
                expression: c[3],
                value: c[4],
            }
        })
        .collect()
}

/// Character span of `needle` in `hay`.
fn char_span(hay: &str, needle: &str) -> Option<(usize, usize)> {
    let at = hay.find(needle)?;
    let start = hay[..at].chars().count();
    Some((start, start + needle.chars().count()))
}

/// What is wrong with one row, if anything.
fn check(row: &Row<'_>) -> Option<String> {
    // Families named «en_…» are English sentences, read by the English grammar.
    let found = if row.family.starts_with("en_") {
        find_dates_en(row.sentence, row.published)
    } else {
        find_dates(row.sentence, row.published)
    };
    let placed: Vec<String> = found
        .placed
        .iter()
        .map(|d| format!("«{}»={}", d.text, d.value))
        .collect();
    let unplaced: Vec<String> = found
        .unplaced
        .iter()
        .map(|u| format!("«{}» ({})", u.text, u.reason))
        .collect();
    let (s, e) = char_span(row.sentence, row.expression)?;
    let overlaps = |a: usize, b: usize| a < e && s < b;
    match row.value {
        "-" => {
            let bad: Vec<&String> = found
                .placed
                .iter()
                .zip(&placed)
                .filter(|(d, _)| overlaps(d.start, d.end))
                .map(|(_, p)| p)
                .chain(
                    found
                        .unplaced
                        .iter()
                        .zip(&unplaced)
                        .filter(|(u, _)| overlaps(u.start, u.end))
                        .map(|(_, p)| p),
                )
                .collect();
            (!bad.is_empty()).then(|| format!("«{}» is not a date, got {bad:?}", row.expression))
        }
        "?" => {
            let ok = found.unplaced.iter().any(|u| u.text == row.expression)
                && !found.placed.iter().any(|d| overlaps(d.start, d.end));
            (!ok).then(|| {
                format!(
                    "«{}» should be recognized and left unplaced; placed {placed:?}, unplaced {unplaced:?}",
                    row.expression
                )
            })
        }
        want => {
            let ok = found
                .placed
                .iter()
                .any(|d| d.text == row.expression && d.value == want && (d.start, d.end) == (s, e));
            (!ok).then(|| {
                format!(
                    "«{}» want {want}; placed {placed:?}, unplaced {unplaced:?}",
                    row.expression
                )
            })
        }
    }
}

#[test]
fn date_table() {
    let tsv = include_str!("data/dates.tsv");
    let rows = rows(tsv);
    assert!(rows.len() >= 200, "the table must keep at least 200 rows");
    let mut failures = Vec::new();
    for row in &rows {
        if let Some(why) = check(row) {
            failures.push(format!(
                "dates.tsv:{} [{}] {}\n    in: {}\n    help: see crates/marsad-dates/src/{}",
                row.line,
                row.family,
                why,
                row.sentence,
                match row.family {
                    f if f.starts_with("en_") => "english.rs",
                    "levant" | "egypt_gulf" | "maghreb" | "hijri" => "families/",
                    "infer" | "relative" | "month_qual" | "unplaced" => "resolve.rs",
                    _ => "parse.rs",
                }
            ));
        }
    }
    println!("{} rows, {} pass", rows.len(), rows.len() - failures.len());
    assert!(
        failures.is_empty(),
        "{} of {} rows fail:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}
