//! Unit tests of the whole function on short sentences; the big table is
//! `tests/data/dates.tsv`, driven by `tests/table.rs`.

use super::*;
use jiff::civil::date;

fn check(text: &str, published: Option<jiff::civil::Date>, want: &[(&str, &str)]) {
    let got = find_dates(text, published);
    let got: Vec<(&str, &str)> = got
        .placed
        .iter()
        .map(|d| (d.text.as_str(), d.value.as_str()))
        .collect();
    assert_eq!(
        got, want,
        "in «{text}»\nhelp: see crates/marsad-dates/src/parse.rs and resolve.rs"
    );
}

#[test]
fn seed_shapes() {
    let p = Some(date(2024, 8, 19));
    check(
        "قصفت في الساعة 23:50 من مساء يوم الأحد، القوات",
        p,
        &[("الساعة 23:50 من مساء يوم الأحد", "2024-08-18T23:50")],
    );
    check(
        "منذ حرب \"قره باغ\" الأولى (1988ـ 1994).",
        p,
        &[("1988ـ 1994", "1988/1994")],
    );
    check(
        "في 27 سبتمبر/ أيلول 2020 واستمرت 44 يوما",
        p,
        &[("27 سبتمبر/ أيلول 2020", "2020-09-27")],
    );
}

#[test]
fn unplaced_carry_their_reason() {
    for (text, published, want_text, want_reason) in [
        (
            "وصل أمس إلى باكو",
            None,
            "أمس",
            "relative to the publication date, which is unknown",
        ),
        (
            "في 21 سبتمبر",
            None,
            "21 سبتمبر",
            "no year in the expression or the text, and no publication date",
        ),
        (
            "الساعة 10:30",
            Some(date(2024, 8, 19)),
            "الساعة 10:30",
            "a time of day with no day beside it",
        ),
        (
            "في 31 أبريل 2024",
            None,
            "31 أبريل 2024",
            "no such day in that month",
        ),
        (
            "في اليوم التالي",
            Some(date(2024, 8, 19)),
            "في اليوم التالي",
            "counts from a day named before it, and none was",
        ),
    ] {
        let got = find_dates(text, published);
        assert!(got.placed.is_empty(), "«{text}»: {:?}", got.placed);
        assert_eq!(got.unplaced.len(), 1, "«{text}»: {:?}", got.unplaced);
        assert_eq!(got.unplaced[0].text, want_text);
        assert_eq!(got.unplaced[0].reason, want_reason);
    }
}

#[test]
fn offsets_count_characters_of_the_original() {
    // Tashkeel and tatweel are folded away for matching; offsets still index the text.
    let text = "قالَ المتحدثُ يومَ الأحـــدِ 18 أغسطسَ 2024 إنّ…";
    let got = find_dates(text, None);
    assert_eq!(got.placed.len(), 1);
    let d = &got.placed[0];
    let slice: String = text.chars().skip(d.start).take(d.end - d.start).collect();
    assert_eq!(slice, d.text);
    assert_eq!(d.text, "يومَ الأحـــدِ 18 أغسطسَ 2024");
    assert_eq!(d.value, "2024-08-18");
}

#[test]
fn spans_helper_restarts_when_asked_backwards() {
    let mut s = Spans::new("أبجد هوز");
    assert_eq!(s.slice(5, 8), "هوز");
    assert_eq!(s.slice(0, 4), "أبجد");
}

#[test]
fn many_mentions_in_a_long_text() {
    let sentence = "وفي 19 سبتمبر/ أيلول الجاري أعلنت الوزارة، والأربعاء التقى الوفدان. ";
    let text = sentence.repeat(2000);
    let got = find_dates(&text, Some(date(2023, 9, 26)));
    assert_eq!(got.placed.len(), 4000);
    let last = got.placed.last().unwrap();
    let slice: String = text
        .chars()
        .skip(last.start)
        .take(last.end - last.start)
        .collect();
    assert_eq!(slice, "والأربعاء");
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    /// Pieces of date grammar, so that random text is dense with near-misses.
    const PIECES: &[&str] = &[
        "في ",
        "19 ",
        "سبتمبر",
        "/",
        " أيلول",
        " الجاري",
        "الماضي ",
        "الأول ",
        "من ",
        "الاثنين ",
        "اليوم ",
        "أمس ",
        "الساعة ",
        "23",
        ":",
        "50 ",
        "مساء ",
        "يوم ",
        "عام ",
        "2024",
        "هـ ",
        "(",
        ")",
        "ـ",
        "-",
        ".",
        "رمضان ",
        "1445 ",
        "بين ",
        "عامي ",
        "و",
        "الشهر ",
        "المقبل ",
        "3+3 ",
        "٢٠٢٤",
        "۱۹",
        "\n",
        "الحادي ",
        "والعشرين ",
        "شهر ",
        "كانون ",
        "الثاني ",
        "أول ",
        "غدا ",
        "\u{0651}",
        "\u{200F}",
        "31 ",
        "فبراير ",
        "29 ",
        "9999 ",
        "0 ",
    ];

    fn check_invariants(text: &str, published: Option<jiff::civil::Date>) {
        let n = text.chars().count();
        let got = find_dates(text, published);
        let mut last = 0;
        for d in &got.placed {
            assert!(d.start <= d.end && d.end <= n);
            assert!(d.start >= last, "mentions are in order and do not overlap");
            last = d.end;
            let slice: String = text.chars().skip(d.start).take(d.end - d.start).collect();
            assert_eq!(slice, d.text);
            assert!(!d.value.is_empty());
        }
        for u in &got.unplaced {
            assert!(u.start <= u.end && u.end <= n);
        }
    }

    proptest! {
        #[test]
        fn on_any_text(s in "\\PC{0,80}", y in 1i16..9999, m in 1i8..=12, d in 1i8..=28) {
            check_invariants(&s, jiff::civil::Date::new(y, m, d).ok());
            check_invariants(&s, None);
        }

        #[test]
        fn on_date_shaped_text(picks in proptest::collection::vec(0..PIECES.len(), 0..40), y in 1i16..9999) {
            let s: String = picks.iter().map(|&i| PIECES[i]).collect();
            check_invariants(&s, jiff::civil::Date::new(y, 1, 1).ok());
            check_invariants(&s, jiff::civil::Date::new(y, 12, 31).ok());
        }
    }
}

#[test]
fn pathological_inputs_stay_linear() {
    // Each is about 1 MB; a quadratic scan would take minutes, a linear one well under
    // a second even unoptimized.
    let inputs = [
        "1/".repeat(500_000),
        "الاثنين ".repeat(70_000),
        "(".repeat(1_000_000),
        "19 سبتمبر ".repeat(60_000),
        "+".repeat(500_000) + " الثلاثاء",
        "١".repeat(500_000),
        "و2022".repeat(100_000),
    ];
    let started = std::time::Instant::now();
    for text in &inputs {
        let _ = find_dates(text, Some(date(2024, 8, 19)));
    }
    assert!(
        started.elapsed() < std::time::Duration::from_secs(30),
        "took {:?}",
        started.elapsed()
    );
}
#[test]
fn today_after_a_preposition_at_the_start_of_text() {
    // Found by `on_date_shaped_text`: «في اليوم» as the first two words once looked
    // three words back for a counted noun before the preposition.
    for published in [date(1, 1, 1), date(2024, 5, 1)] {
        let got = find_dates("في اليوم ", Some(published));
        assert!(got.placed.iter().all(|d| d.start <= d.end));
    }
}
