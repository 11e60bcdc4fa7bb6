//! The KB's invariants and the facts the seed documents need.

use std::time::Instant;

use marsad_kb::{AliasKind, Date, EntityId, Kb};

fn kb() -> Kb {
    Kb::load_bundled().expect("bundled KB loads")
}

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

#[test]
fn load_time_and_counts() {
    let t = Instant::now();
    let kb = kb();
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    println!("loaded {:?} in {ms:.1} ms", kb);
    assert!(
        ms < 1000.0,
        "help: the KB must load well under a second, took {ms:.0} ms"
    );
    assert_eq!(
        kb.countries().count(),
        198,
        "193 UN members + PSE, XKX, TWN, ESH, VAT"
    );
    assert!(kb.places().count() >= 400);
}

#[test]
fn invariants_hold() {
    let problems = kb().validate();
    assert!(
        problems.is_empty(),
        "{} problems:\n{}\nhelp: fix the rows in data/kb/",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn ambiguous_aliases_are_few() {
    let kb = kb();
    let amb: Vec<_> = kb
        .aliases()
        // The gazetteer's towns and unreviewed names are homonyms by the thousand, decided
        // by the annotator from the document's places; this counts the curated names.
        .filter(|(_, c)| {
            let mut ids: Vec<EntityId> = c
                .iter()
                .filter(|c| {
                    c.kind != AliasKind::Gazetteer && kb.place_of(c.id).is_none_or(|p| p.curated)
                })
                .map(|c| c.id)
                .collect();
            ids.dedup();
            ids.len() > 1
        })
        .map(|(a, c)| {
            format!(
                "{a} -> {:?}",
                c.iter().map(|c| kb.key(c.id)).collect::<Vec<_>>()
            )
        })
        .collect();
    println!(
        "{} ambiguous aliases of {}:\n{}",
        amb.len(),
        kb.alias_count(),
        amb.join("\n")
    );
    assert!(amb.len() < 60, "help: too many ambiguous aliases");
}

#[test]
fn gold_keys_of_the_seeds_exist() {
    let kb = kb();
    for k in [
        "RUS", "IRN", "AZE", "ARM", "GEO", "TUR", "CHN", "BRA", "IND", "ZAF", "SYR", "AFG", "UKR",
    ] {
        assert!(kb.country(k).is_some(), "country {k}");
    }
    for k in [
        "Vladimir Putin",
        "Ebrahim Raisi",
        "Ilham Aliyev",
        "Nikol Pashinyan",
        "Hassan Rouhani",
        "Yuri Ushakov",
        "Recep Tayyip Erdoğan",
        "Jeyhun Bayramov",
    ] {
        assert!(kb.person(k).is_some(), "person {k}");
    }
    for k in [
        "Baku",
        "Tehran",
        "Moscow",
        "Saint Petersburg",
        "Brussels",
        "Yerevan",
        "Stepanakert",
    ] {
        assert_eq!(
            kb.place(k).map(|p| p.etype.as_str()),
            Some("GPE"),
            "place {k}"
        );
    }
    for k in [
        "Nagorno-Karabakh",
        "Caspian Sea",
        "South Caucasus",
        "Middle East",
    ] {
        assert_eq!(
            kb.place(k).map(|p| p.etype.as_str()),
            Some("LOC"),
            "place {k}"
        );
    }
    for k in [
        "BRICS",
        "United Nations",
        "NATO",
        "OSCE Minsk Group",
        "Presidential Administration of Russia",
    ] {
        assert!(kb.org(k).is_some(), "org {k}");
    }
}

#[test]
fn names_resolve() {
    let kb = kb();
    let one = |name: &str, key: &str| {
        let c = kb.lookup(name);
        assert!(
            c.iter().any(|c| kb.key(c.id) == key),
            "{name} -> {key}: got {:?}",
            c
        );
    };
    for n in [
        "قره باغ",
        "قرة باغ",
        "قره باخ",
        "ناغورني قره باغ",
        "ناجورنو كاراباخ",
        "آرتساخ",
    ] {
        one(n, "Nagorno-Karabakh");
    }
    one("أردوغان", "Recep Tayyip Erdoğan");
    one("اردوغان", "Recep Tayyip Erdoğan");
    one("شويجو", "Sergei Shoigu");
    one("لافروف", "Sergey Lavrov");
    one("الكرملين", "Presidential Administration of Russia");
    one(
        "وزارة الدفاع الأذربيجانية",
        "Ministry of Defense (Azerbaijan)",
    );
    one("بحر قزوين", "Caspian Sea");
    one("سان بطرسبرغ", "Saint Petersburg");
    one("باكو", "Baku");
    for adj in ["روسي", "روسية", "الروسي", "الروسية", "الروس"] {
        one(adj, "RUS");
        assert!(kb
            .lookup(adj)
            .iter()
            .any(|c| c.kind == AliasKind::Adjective));
    }
    one("الإيراني", "IRN");
    one("الأذربيجانية", "AZE");
    one("الكوري الجنوبي", "KOR");
}

#[test]
fn office_holders() {
    let kb = kb();
    let h = |office: &str, c: Option<&str>, date: &str| {
        kb.holder(office, c, d(date)).map(|p| p.key.clone())
    };
    assert_eq!(
        h("head_of_state", Some("IRN"), "2013-08-02").as_deref(),
        Some("Mahmoud Ahmadinejad")
    );
    assert_eq!(
        h("head_of_state", Some("IRN"), "2016-08-08").as_deref(),
        Some("Hassan Rouhani")
    );
    assert_eq!(
        h("head_of_state", Some("IRN"), "2023-09-26").as_deref(),
        Some("Ebrahim Raisi")
    );
    assert_eq!(
        h("head_of_state", Some("IRN"), "2024-06-01").as_deref(),
        Some("Mohammad Mokhber")
    );
    assert_eq!(
        h("head_of_state", Some("IRN"), "2026-11-24").as_deref(),
        Some("Masoud Pezeshkian")
    );
    assert_eq!(
        h("head_of_state", Some("RUS"), "2022-04-09").as_deref(),
        Some("Vladimir Putin")
    );
    assert_eq!(
        h("head_of_state", Some("RUS"), "2010-01-01").as_deref(),
        Some("Dmitry Medvedev")
    );
    assert_eq!(
        h("head_of_government", Some("ARM"), "2023-09-20").as_deref(),
        Some("Nikol Pashinyan")
    );
    assert_eq!(
        h("foreign_minister", Some("AZE"), "2024-08-19").as_deref(),
        Some("Jeyhun Bayramov")
    );
    assert_eq!(
        h("head_of_state", Some("USA"), "2025-06-01").as_deref(),
        Some("Donald Trump")
    );
    assert_eq!(
        h("head_of_state", Some("USA"), "2024-06-01").as_deref(),
        Some("Joe Biden")
    );
    assert_eq!(
        h("head_of_government", Some("SAU"), "2023-01-01").as_deref(),
        Some("Mohammed bin Salman")
    );
    assert_eq!(
        h("head_of_state", Some("SAU"), "2023-01-01").as_deref(),
        Some("Salman of Saudi Arabia")
    );
    assert_eq!(
        h("defence_minister", Some("RUS"), "2016-08-08").as_deref(),
        Some("Sergei Shoigu")
    );
    assert_eq!(
        h("un_secretary_general", None, "2016-08-08").as_deref(),
        Some("Ban Ki-moon")
    );
    assert_eq!(
        h("head_of_state", Some("LBN"), "2023-06-01"),
        None,
        "vacancy"
    );
    assert_eq!(kb.office_of_role("وزير الخارجية"), Some("foreign_minister"));
    assert_eq!(
        kb.office_of_role("رئيس الحكومة"),
        Some("head_of_government")
    );
}

#[test]
fn finds_names_in_folded_text() {
    let kb = kb();
    let text = marsad_text::fold_str(
        "بحث الرئيس الروسي فلاديمير بوتين مع نظيره الإيراني إبراهيم رئيسي الوضع في ناغورني قره باغ",
        marsad_text::Chain::Match,
    );
    let keys: Vec<&str> = kb
        .find_iter(&text)
        .map(|f| kb.key(f.candidates[0].id))
        .collect();
    assert_eq!(
        keys,
        [
            "RUS",
            "Vladimir Putin",
            "IRN",
            "Ebrahim Raisi",
            "Nagorno-Karabakh"
        ],
        "help: leftmost-longest over folded aliases"
    );
}

#[test]
fn user_file_adds_names() {
    let user = "key\ttype\tcountry\tar\ten_aliases\nBaku\tGPE\tAZE\tباكو العاصمة\t\nJohn Doe\tPER\tUSA\tجون دو\tJ. Doe\n";
    let kb = Kb::load_with_user_str("user.tsv", user).unwrap();
    assert_eq!(kb.key(kb.lookup("جون دو")[0].id), "John Doe");
    assert_eq!(kb.key(kb.lookup("باكو العاصمة")[0].id), "Baku");
    assert!(kb.validate().is_empty());
}
