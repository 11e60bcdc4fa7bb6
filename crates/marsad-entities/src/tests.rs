//! Unit tests: sentences written for these tests, dated by the `published` day given.

use super::*;

fn ents(text: &str, published: &str) -> Vec<Entity> {
    Linker::bundled().entities(text, published.parse().ok())
}

fn keys(text: &str, published: &str) -> Vec<String> {
    ents(text, published).into_iter().map(|e| e.key).collect()
}

fn has(text: &str, published: &str, key: &str) -> bool {
    keys(text, published).iter().any(|k| k == key)
}

fn mentions_of(text: &str, published: &str, key: &str) -> Vec<Mention> {
    ents(text, published)
        .into_iter()
        .find(|e| e.key == key)
        .map(|e| e.mentions)
        .unwrap_or_default()
}

#[test]
fn names_at_clitic_boundaries() {
    let t = "اتصل وزير الدفاع وبوتين ثم كتب لبوتين رسالة نقلت بالكرملين وإسرائيل.";
    let m = mentions_of(t, "2023-01-10", "Vladimir Putin");
    let got: Vec<&str> = m.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(got, ["بوتين", "بوتين"]);
    // Offsets are characters into the text, the clitic left out.
    let chars: Vec<char> = t.chars().collect();
    for m in &m {
        let s: String = chars[m.start..m.end].iter().collect();
        assert_eq!(s, m.text);
    }
    assert!(has(
        t,
        "2023-01-10",
        "Presidential Administration of Russia"
    ));
    assert!(has(t, "2023-01-10", "ISR"));
    // Not inside a word: «تبوتين» is no clitic run.
    assert!(!has("كلمة تبوتين غريبة", "2023-01-10", "Vladimir Putin"));
}

#[test]
fn the_article_variant_after_lam() {
    assert!(has(
        "قدم الوفد تقريرا للكرملين أمس.",
        "2023-01-10",
        "Presidential Administration of Russia"
    ));
}

#[test]
fn raisi_is_not_main() {
    let p = "2023-05-01";
    assert!(!has(
        "وكان السبب الرئيسي للأزمة اقتصاديا.",
        p,
        "Ebrahim Raisi"
    ));
    assert!(!has("وهذا سبب رئيسي للأزمة.", p, "Ebrahim Raisi"));
    assert!(has(
        "قال الرئيس الإيراني إبراهيم رئيسي إن البلاد مستعدة.",
        p,
        "Ebrahim Raisi"
    ));
    // Short name with a title, with the country adjective between.
    let m = mentions_of(
        "وقال الرئيس الإيراني رئيسي إن البلاد مستعدة.",
        p,
        "Ebrahim Raisi",
    );
    assert!(m
        .iter()
        .any(|m| m.text == "رئيسي" && m.resolved.as_ref().is_some_and(|r| r.by == "name+title")));
    // Short name after the full name earlier in the text.
    let t = "استقبل إبراهيم رئيسي الوفد. ووجه رئيسي الشكر للضيوف.";
    let m = mentions_of(t, p, "Ebrahim Raisi");
    assert_eq!(m.len(), 2, "{m:?}");
    assert_eq!(m[1].resolved.as_ref().unwrap().by, "name+full_name");
    // Without support the short name is not accepted.
    assert!(!has("ووجه رئيسي الشكر للضيوف.", p, "Ebrahim Raisi"));
}

#[test]
fn ambiguous_aliases_come_from_the_data() {
    let l = Linker::bundled();
    assert!(l.is_ambiguous("رئيسي"));
    assert!(l.is_ambiguous("مالي"));
    assert!(!l.is_ambiguous("بوتين"));
    assert!(!l.is_ambiguous("فلاديمير بوتين"));
    assert!(!has("قدمت الحكومة دعما مالي كبيرا.", "2023-01-01", "MLI"));
    assert!(has("وصل الوفد إلى مالي أمس.", "2023-01-01", "MLI"));
    assert!(!has(
        "أعلنت وزارة المالية أرقاما جديدة.",
        "2023-01-01",
        "MLI"
    ));
}

#[test]
fn countries_by_name_and_adjective() {
    let t =
        "أكدت الخارجية أن القوات الروسية والخبراء الروس وصلوا إلى أذربيجان وطائرات تركية الصنع.";
    let k = keys(t, "2022-01-01");
    for want in ["RUS", "AZE", "TUR"] {
        assert!(k.iter().any(|x| x == want), "{want} in {k:?}");
    }
    let e = ents("زار الوفد باكو ويريفان.", "2022-01-01");
    let baku = e.iter().find(|e| e.key == "Baku").expect("Baku");
    assert_eq!(baku.kind, EntityType::Gpe);
    assert_eq!(baku.country.as_deref(), Some("AZE"));
}

fn role_person(text: &str, published: &str) -> Vec<(String, String)> {
    ents(text, published)
        .into_iter()
        .filter(|e| e.kind == EntityType::Person)
        .flat_map(|e| {
            let key = e.key.clone();
            e.mentions.into_iter().filter_map(move |m| {
                let r = m.resolved?;
                (r.by != "name" && !r.by.starts_with("name+")).then(|| (key.clone(), r.by))
            })
        })
        .collect()
}

#[test]
fn us_president_by_date() {
    let t = "قال الرئيس الأمريكي إن المحادثات كانت مثمرة.";
    for (day, who) in [
        ("2016-03-01", "Barack Obama"),
        ("2018-06-12", "Donald Trump"),
        ("2022-02-24", "Joe Biden"),
        ("2026-01-08", "Donald Trump"),
    ] {
        let got = role_person(t, day);
        assert_eq!(got, [(who.to_string(), "role".to_string())], "{day}");
    }
    // No publication day: the role stays unresolved and is not reported.
    assert!(Linker::bundled()
        .entities(t, None)
        .iter()
        .all(|e| e.kind != EntityType::Person));
}

#[test]
fn counterpart_of_a_president_by_date() {
    let t = "بحث الرئيس الروسي هاتفيا مع نظيره الإيراني الأوضاع في المنطقة.";
    for (day, who) in [
        ("2016-08-08", "Hassan Rouhani"),
        ("2023-09-26", "Ebrahim Raisi"),
        ("2025-03-01", "Masoud Pezeshkian"),
    ] {
        let got = role_person(t, day);
        assert!(
            got.contains(&(who.to_string(), "counterpart".to_string())),
            "{day}: {got:?}"
        );
        assert!(got.contains(&("Vladimir Putin".to_string(), "role".to_string())));
    }
}

#[test]
fn counterpart_of_a_foreign_minister_by_date() {
    let t = "استقبل وزير الخارجية العماني في مسقط نظيره الإيراني وبحثا العلاقات الثنائية.";
    for (day, who) in [
        ("2016-05-01", "Mohammad Javad Zarif"),
        ("2023-06-01", "Hossein Amir-Abdollahian"),
        ("2025-06-01", "Abbas Araghchi"),
    ] {
        let got = role_person(t, day);
        assert!(
            got.contains(&(who.to_string(), "counterpart".to_string())),
            "{day}: {got:?}"
        );
    }
    // The evidence of a counterpart covers its subject.
    let e = ents(t, "2016-05-01");
    let zarif = e.iter().find(|e| e.key == "Mohammad Javad Zarif").unwrap();
    let r = zarif.mentions[0].resolved.as_ref().unwrap();
    assert_eq!(r.office.as_deref(), Some("foreign_minister"));
    assert!(r
        .evidence
        .as_ref()
        .unwrap()
        .text
        .starts_with("وزير الخارجية العماني"));
}

#[test]
fn counterpart_after_a_named_person() {
    let t = "وقال أردوغان إنه سيلتقي نظيره الروسي في سوتشي.";
    let got = role_person(t, "2021-09-01");
    assert!(
        got.contains(&("Vladimir Putin".to_string(), "counterpart".to_string())),
        "{got:?}"
    );
}

#[test]
fn roles_with_a_country_complement() {
    let t = "اتصل رئيس وزراء أرمينيا بالرئيس الأذربيجاني.";
    let got = role_person(t, "2022-04-09");
    assert!(
        got.contains(&("Nikol Pashinyan".to_string(), "role".to_string())),
        "{got:?}"
    );
    assert!(
        got.contains(&("Ilham Aliyev".to_string(), "role".to_string())),
        "{got:?}"
    );
    let t = "وصرح رئيس الوزراء الإسرائيلي بأن الملك الأردني تلقى رسالة.";
    let got = role_person(t, "2023-03-01");
    assert!(
        got.contains(&("Benjamin Netanyahu".to_string(), "role".to_string())),
        "{got:?}"
    );
    assert!(
        got.contains(&("Abdullah II of Jordan".to_string(), "role".to_string())),
        "{got:?}"
    );
}

#[test]
fn apposition_names_the_person() {
    let t = "قال وزير الخارجية الروسي سيرغي لافروف إن الاجتماع مهم.";
    let e = ents(t, "2020-01-01");
    let lavrov = e.iter().find(|e| e.key == "Sergey Lavrov").expect("Lavrov");
    assert_eq!(lavrov.mentions.len(), 2, "{:?}", lavrov.mentions);
    assert_eq!(lavrov.mentions[0].text, "وزير الخارجية الروسي");
}

#[test]
fn igo_offices_need_no_country() {
    let t = "دعا الأمين العام للأمم المتحدة إلى وقف القتال.";
    let got = role_person(t, "2023-10-20");
    assert!(got.iter().any(|(k, _)| k == "António Guterres"), "{got:?}");
}

#[test]
fn offices_that_name_their_country() {
    // «خادم الحرمين الشريفين» is the Saudi king's title: the holder on the day, no country
    // word needed. «ولي ولي العهد» (deputy crown prince, 2014–2017) is longer than «ولي
    // العهد».
    let king = "وجه خادم الحرمين الشريفين رسالة إلى الأمة.";
    let deputy = "استقبل ولي ولي العهد وزير الخارجية الأمريكي في جدة.";
    for (t, day, who) in [
        (king, "2015-07-20", "Salman of Saudi Arabia"),
        (king, "2010-07-20", "Abdullah of Saudi Arabia"),
        (deputy, "2015-07-20", "Mohammed bin Salman"),
        (deputy, "2015-03-01", "Muhammad bin Nayef"),
    ] {
        let got = role_person(t, day);
        assert!(got.iter().any(|(k, _)| k == who), "{day}: {got:?}");
    }
}

#[test]
fn short_latin_names_need_capitals() {
    assert!(has("UN officials said", "2023-01-01", "United Nations"));
    assert!(!has("un jour", "2023-01-01", "United Nations"));
}

#[test]
fn role_after_lam_with_the_lost_alef() {
    let t = "وجه الوفد رسالة للرئيس الروسي أمس.";
    let got = role_person(t, "2023-01-01");
    assert!(
        got.contains(&("Vladimir Putin".to_string(), "role".to_string())),
        "{got:?}"
    );
    // A prince is not the king: «أمير سعودي» is no office phrase with a country name.
    let got = role_person("التقى أمير سعودي بالوفد.", "2023-01-01");
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn ordinary_words_that_fold_onto_names() {
    let p = "2023-01-01";
    // «اليمنى» (right-hand) folds onto «اليمني» (Yemeni); only the spelling decides.
    assert!(!has("رفع يده اليمنى أمام الحضور.", p, "YEM"));
    assert!(has("قال المسؤول اليمني إن الهدنة صامدة.", p, "YEM"));
    // «ترأس» (presided) folds onto «تراس» (Truss).
    assert!(!has("ترأس الوزير الاجتماع.", p, "Liz Truss"));
    // The desert and the moon are not Western Sahara and Comoros.
    assert!(!has("ضل الرحالة طريقه في الصحراء تحت ضوء القمر.", p, "ESH"));
    assert!(!has("ضل الرحالة طريقه في الصحراء تحت ضوء القمر.", p, "COM"));
    assert!(has("زار الوفد جزر القمر.", p, "COM"));
}

#[test]
fn former_holders_are_not_resolved_by_date() {
    let got = role_person("انتقد الرئيس الأمريكي السابق السياسة الحالية.", "2022-02-24");
    assert!(got.is_empty(), "{got:?}");
    let got = role_person(
        "انتقد الرئيس الأمريكي السابق باراك أوباما السياسة الحالية.",
        "2022-02-24",
    );
    assert!(got.iter().all(|(k, _)| k != "Joe Biden"), "{got:?}");
    // A deposed president is not the one in office either.
    let got = role_person(
        "جمدت تركيا أموال الرئيس اليمني المخلوع علي عبدالله صالح.",
        "2015-08-01",
    );
    assert!(
        got.iter().all(|(k, _)| k != "Abdrabbuh Mansur Hadi"),
        "{got:?}"
    );
}

#[test]
fn adjectives_inside_organisation_names_name_the_country() {
    let e = ents(
        "قالت الخارجية الأمريكية في بيان إن المحادثات مستمرة.",
        "2023-01-01",
    );
    let k: Vec<&str> = e.iter().map(|e| e.key.as_str()).collect();
    assert!(k.contains(&"United States Department of State"), "{k:?}");
    assert!(k.contains(&"USA"), "{k:?}");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Pieces that make the linker work: names, roles, clitics, adjectives, tashkeel,
    /// tatweel, punctuation, line breaks, Latin.
    const PIECES: &[&str] = &[
        "بوتين",
        "و",
        "ل",
        "لل",
        "بال",
        "الرئيس",
        "الروسي",
        "نظيره",
        "الإيراني",
        "رئيسي",
        "إبراهيم",
        "وزير الخارجية",
        "رئيس وزراء",
        "أرمينيا",
        "الكرملين",
        "قره باغ",
        "مالي",
        "اليمنى",
        "السابق",
        "ُ",
        "ـ",
        "،",
        ".",
        " ",
        " ",
        "\n",
        "\n\n",
        "UN",
        "un",
        "ﷲ",
        "é",
        "٣",
        "«",
        "»",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn mentions_slice_the_text(
            parts in proptest::collection::vec(proptest::sample::select(PIECES), 0..40),
            day in proptest::sample::select(&["2010-05-01", "2016-08-08", "2023-09-26", "2026-01-08"][..]),
        ) {
            let text: String = parts.concat();
            let chars: Vec<char> = text.chars().collect();
            for e in Linker::bundled().entities(&text, day.parse().ok()) {
                prop_assert!(!e.mentions.is_empty());
                for m in &e.mentions {
                    prop_assert!(m.start < m.end && m.end <= chars.len(), "{m:?}");
                    let s: String = chars[m.start..m.end].iter().collect();
                    prop_assert_eq!(&s, &m.text);
                    if let Some(ev) = m.resolved.as_ref().and_then(|r| r.evidence.as_ref()) {
                        let s: String = chars[ev.start..ev.end].iter().collect();
                        prop_assert_eq!(&s, &ev.text);
                    }
                }
            }
        }
    }
}

#[test]
fn counterpart_takes_the_main_clause_subject() {
    // The Syrian president in the relative clause is not whose counterpart is meant.
    let t = "وبحث وزير الخارجية الروسي، الذي التقى أمس الرئيس السوري، مع نظيره التركي الأوضاع.";
    let got = role_person(t, "2019-03-01");
    assert!(
        got.contains(&("Mevlüt Çavuşoğlu".to_string(), "counterpart".to_string())),
        "{got:?}"
    );
}

#[test]
fn coordinated_countries_after_one_role() {
    let t = "ويلتقي بوتين في باكو نظيريه الإيراني والأذربيجاني.";
    let got = role_person(t, "2016-08-08");
    for who in ["Hassan Rouhani", "Ilham Aliyev"] {
        assert!(
            got.contains(&(who.to_string(), "counterpart".to_string())),
            "{who}: {got:?}"
        );
    }
    let t = "اجتمع الرئيسان الروسي والتركي في سوتشي.";
    let got = role_person(t, "2021-09-29");
    for who in ["Vladimir Putin", "Recep Tayyip Erdoğan"] {
        assert!(
            got.contains(&(who.to_string(), "role".to_string())),
            "{who}: {got:?}"
        );
    }
}

/// A known person's name inside another name is that other name's: a centre named after a
/// king, a man who shares a minister's surname, a president who shares another's.
#[test]
fn names_inside_other_names_are_not_the_person() {
    let d = "2015-08-01";
    assert!(!has(
        "وصلت طائرة مركز الملك سلمان للإغاثة إلى عدن.",
        d,
        "Salman of Saudi Arabia"
    ));
    // The noun with a preposition, and the person's title between.
    assert!(!has(
        "ووزعت المساعدات بمركز الملك سلمان للإغاثة في عدن.",
        d,
        "Salman of Saudi Arabia"
    ));
    assert!(!has(
        "وأقيمت الندوة بمركز الأمير سلطان بن عبدالعزيز للعلوم في الخبر.",
        d,
        "Sultan bin Abdulaziz"
    ));
    assert!(has(
        "استقبل الملك سلمان بن عبدالعزيز الوفد.",
        d,
        "Salman of Saudi Arabia"
    ));
    assert!(!has(
        "قال خالد البوسعيدي مدير الشركة إن الأرباح ارتفعت.",
        d,
        "Badr Albusaidi"
    ));
    assert!(has(
        "التقى البوسعيدي نظيره الإيراني في مسقط.",
        d,
        "Badr Albusaidi"
    ));
    // A given name and a father's name before the surname: someone else.
    assert!(!has(
        "وقالت الوزارة إن الخلية عملت بقيادة الموقوف خالد سالم البوسعيدي.",
        d,
        "Badr Albusaidi"
    ));
    // His own given name, his father's name and his surname: one mention of him (the
    // unknown-name finder then finds no «خالد محفوظ» beside «بحاح»).
    let text = "والتقى الوزير رئيس الوزراء خالد محفوظ بحاح في الرياض.";
    let m = mentions_of(text, d, "Khaled Bahah");
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(m[0].text, "خالد محفوظ بحاح");
    // A particle between is no father's name.
    assert!(has(
        "وفي مقابلة أجراها خالد مع البوسعيدي أمس تحدث عن إيران.",
        d,
        "Badr Albusaidi"
    ));
    // A known name after «بن» is a father's name in someone else's.
    assert!(!has(
        "وعبر الأمير خالد بن محمد بن سلمان عن استنكاره للهجوم.",
        d,
        "Mohammed bin Salman"
    ));
    // A kunya's country word is part of a name.
    assert!(!has("وتبيع أم تركي الخبز على الكورنيش.", d, "TUR"));
    assert!(!has(
        "فازت الرئيسة إيلين جونسون سيرليف بجائزة نوبل.",
        d,
        "Boris Johnson"
    ));
    assert!(!has(
        "وقال سليمان الأسد في مقابلة إنه غادر البلاد.",
        d,
        "Bashar al-Assad"
    ));
}

/// Every word list the linker compares folded words to is written folded: an entry written
/// as in text («رئيس» for «ريس») can never match, and does nothing without a word of warning.
#[test]
fn word_lists_are_written_folded() {
    let lists: [(&str, &[&str]); 8] = [
        ("PLACE_WORDS", PLACE_WORDS),
        ("NOT_NOW", NOT_NOW),
        ("marsad_text::lists::FORMER", marsad_text::lists::FORMER),
        ("COUNTERPARTS", COUNTERPARTS),
        ("NAME_PREFIXES", NAME_PREFIXES),
        ("places::HEADS", places::HEADS),
        ("places::PREPOSITIONS", places::PREPOSITIONS),
        ("unknown::NOT_NAME", unknown::NOT_NAME),
    ];
    let mut unfolded = Vec::new();
    for (name, words) in lists {
        for w in words {
            let folded = fold_str(w, Chain::Match);
            if folded != *w {
                unfolded.push(format!("{name}: «{w}» folds to «{folded}»"));
            }
        }
    }
    assert!(unfolded.is_empty(), "{unfolded:#?}");
}

/// A name inside an everyday phrase (`data/kb/idioms.tsv`) is no mention; the name
/// elsewhere still is.
#[test]
fn names_inside_idioms_are_not_names() {
    let d = "2015-08-01";
    assert!(!has("وعاد اللاعب إلى مسقط رأسه بعد غياب طويل.", d, "Muscat"));
    assert!(!has("ودفن في مسقط رأسها بالقرية.", d, "Muscat"));
    assert!(!has("ويفطر الصائمون بعد أذان المغرب.", d, "MAR"));
    assert!(!has("وتجمع المصلون لصلاة المغرب في الجامع.", d, "MAR"));
    assert!(has("ووصل الوزير إلى مسقط أمس في زيارة رسمية.", d, "Muscat"));
    assert!(has("وزار الوزير المغرب الأسبوع الماضي.", d, "MAR"));
}
