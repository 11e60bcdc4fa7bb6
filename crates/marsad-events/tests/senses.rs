//! Readings that are no report of an event, and their counterparts that are: sentences
//! written for these tests, run through dates, entities and events as `extract` does.

use marsad_schema::Document;

/// `text` read as `extract` reads it, published on 2015-07-21 (the SaudiNewsNet month).
fn read(text: &str) -> Document {
    read_on(text, jiff::civil::date(2015, 7, 21))
}

/// `text` read as `extract` reads it, published on `day`.
fn read_on(text: &str, day: jiff::civil::Date) -> Document {
    let mut doc = Document::new("senses", text.to_string());
    marsad_dates::annotate(&mut doc, Some(day));
    marsad_entities::annotate(&mut doc, marsad_entities::Linker::bundled(), Some(day));
    marsad_events::annotate(&mut doc, Some(day));
    doc
}

fn types(text: &str) -> Vec<String> {
    read(text).events.into_iter().map(|e| e.kind).collect()
}

#[test]
fn violence_named_as_the_topic_of_a_case_is_no_assault() {
    for text in [
        "وطالب المحامي بتسريع التحقيق في اغتيال الصحافي اللبناني.",
        "ونظرت المحكمة في قضية اختطاف السياح الأجانب.",
        "وأحيا أنصار الحزب ذكرى تفجير السفارة.",
        "واعتقلت الشرطة رجلا متهما بخطة لتفجير الملعب.",
    ] {
        let got = types(text);
        assert!(!got.iter().any(|t| t == "ASSAULT"), "{text}: {got:?}");
    }
    // The same nouns reporting violence stay events.
    for text in [
        "وقتل ثلاثة جنود في هجوم انتحاري استهدف نقطة تفتيش.",
        "وأسفر تفجير سيارة مفخخة عن مقتل خمسة مدنيين.",
    ] {
        let got = types(text);
        assert!(got.iter().any(|t| t == "ASSAULT"), "{text}: {got:?}");
    }
}

#[test]
fn protesters_named_are_no_protest_of_their_own() {
    // A protest is reported by its own word; protesters who are fired at or counted are
    // the target of another event.
    let got = types("وأطلقت الشرطة الغاز المسيل للدموع على المتظاهرين.");
    assert!(!got.iter().any(|t| t == "PROTEST"), "{got:?}");
    let got = types("وتظاهر مئات الطلاب أمام مبنى البرلمان.");
    assert!(got.iter().any(|t| t == "PROTEST"), "{got:?}");
}

#[test]
fn deaths_in_an_accident_are_no_assault() {
    let got = types("وأعلنت مصادر عسكرية مقتل تسعة أشخاص جراء تحطم مروحية قرب الحدود.");
    assert!(!got.iter().any(|t| t == "ASSAULT"), "{got:?}");
    let got = types("وأعلنت مصادر عسكرية مقتل تسعة جنود في هجوم قرب الحدود.");
    assert!(got.iter().any(|t| t == "ASSAULT"), "{got:?}");
}

#[test]
fn an_owner_after_a_described_actor_makes_one_actor() {
    // «مقاتلات التحالف»: the coalition's jets are the coalition, not jets against it.
    let doc = read("قصفت مقاتلات التحالف مواقع للمسلحين في المدينة.");
    let e = doc
        .events
        .iter()
        .find(|e| e.kind == "ASSAULT")
        .expect("an attack");
    let sources: Vec<_> = e
        .actors
        .iter()
        .filter(|a| a.role == marsad_schema::ActorRole::Source)
        .filter_map(|a| a.text.as_deref())
        .collect();
    assert_eq!(sources, ["مقاتلات التحالف"], "{:?}", e.actors);
    assert!(!e
        .actors
        .iter()
        .any(|a| a.text.as_deref() == Some("التحالف")));
}

/// The actors of the events of `kind` in `text`, by key.
fn actor_keys(text: &str, kind: &str) -> Vec<Vec<String>> {
    read(text)
        .events
        .iter()
        .filter(|e| e.kind == kind)
        .map(|e| e.actors.iter().filter_map(|a| a.key.clone()).collect())
        .collect()
}

#[test]
fn a_nationality_adjective_after_a_thing_is_no_actor() {
    // Whose banks, whose bison: the adjective names no state that acts.
    for (text, kind) in [
        ("ورفضت المصارف الماليزية طلب العميل.", "REJECT"),
        ("وتسببت السياسات في مقتل آلاف من الثور الأميركي.", "ASSAULT"),
    ] {
        let got = actor_keys(text, kind);
        assert!(got.iter().all(|a| a.is_empty()), "{text}: {got:?}");
    }
    // A noun that stands for the state keeps it: a side, a body, its land.
    for (text, kind, key) in [
        ("ورفض الجانب الماليزي الاقتراح.", "REJECT", "MYS"),
        ("وانسحبت قوات الاحتلال من الأراضي اللبنانية.", "RETREAT", "LBN"),
    ] {
        let got = actor_keys(text, kind);
        assert!(got.iter().flatten().any(|k| k == key), "{text}: {got:?}");
    }
}

#[test]
fn killing_as_a_prohibition_a_wish_or_a_road_toll_is_no_assault() {
    for text in [
        "وأكد الخطيب أن الشريعة جاءت بتحريم قتل المدنيين.",
        "وقال إن النظام كان يرغب في قتل المعارضين وتهجيرهم.",
        "وسجلت الإحصاءات مقتل ألفي شخص العام الماضي في حوادث الطرق.",
    ] {
        let got = types(text);
        assert!(!got.iter().any(|t| t == "ASSAULT"), "{text}: {got:?}");
    }
    let got = types("وقتل النظام عشرات المعارضين في قصف على المدينة.");
    assert!(got.iter().any(|t| t == "ASSAULT"), "{got:?}");
}

#[test]
fn whose_role_a_stance_praises_is_its_target() {
    // «بالدور الذي تؤديه X»: the relative clause's doer is the one praised.
    let got = actor_keys(
        "وأشاد الرئيس الفرنسي إيمانويل ماكرون بالدور الذي تؤديه مصر في المنطقة.",
        "SUPPORT",
    );
    assert!(got.iter().any(|a| a.iter().any(|k| k == "EGY")), "{got:?}");
    // A relative clause whose verb says what was done, not who does it, names no target.
    let got = actor_keys("وأدان الوزير العمل الإجرامي الذي استهدف مصر.", "ACCUSE");
    assert!(!got.iter().flatten().any(|k| k == "EGY"), "{got:?}");
}

#[test]
fn a_report_merged_into_an_earlier_one_stays_evidence() {
    // One call told twice in a page is one event; the second sentence is listed in `also`.
    let first =
        "بحث الرئيس الروسي فلاديمير بوتين هاتفيا مع الرئيس الأذربيجاني إلهام علييف الوضع في المنطقة.";
    let second = "وتناول الاتصال الهاتفي بين بوتين وعلييف العلاقات الثنائية.";
    let text = format!("{first} {second}");
    let doc = read_on(&text, jiff::civil::date(2023, 9, 25));
    let calls: Vec<_> = doc.events.iter().filter(|e| e.kind == "CONSULT").collect();
    assert_eq!(calls.len(), 1, "{:?}", doc.events);
    let also = &calls[0].also;
    assert_eq!(also.len(), 1, "{:?}", calls[0]);
    let at = text[..text.find(second).unwrap()].chars().count();
    assert_eq!(also[0].start, at);
    assert!(also[0].text.contains("الاتصال الهاتفي"));
    assert!(calls[0].evidence.text.contains("بحث"));
}

/// The sentences of `text` (split at «. ») each meeting event lists as its evidence, first
/// `evidence` then `also`.
fn meeting_sentences(text: &str, day: jiff::civil::Date) -> Vec<Vec<String>> {
    read_on(text, day)
        .events
        .iter()
        .filter(|e| e.kind == "CONSULT")
        .map(|e| {
            std::iter::once(&e.evidence)
                .chain(&e.also)
                .map(|m| m.text.clone())
                .collect()
        })
        .collect()
}

#[test]
fn later_sentences_that_tell_the_meeting_again_are_its_evidence() {
    let day = jiff::civil::date(2015, 7, 26);
    // A verb in the dual with no subject is the two who met.
    let got = meeting_sentences(
        "التقى الملك سلمان بن عبدالعزيز الرئيس الفرنسي فرانسوا هولاند في جدة أمس. \
         وبحثا العلاقات الثنائية بين البلدين. كما استعرضا الأوضاع في المنطقة.",
        day,
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].len(), 3, "{got:?}");
    // «خلال الاتصال» after a call, even when what was discussed names a country.
    let got = meeting_sentences(
        "تلقى الأمير محمد بن سلمان اتصالا هاتفيا من الرئيس اليمني عبدربه منصور هادي. \
         وجرى خلال الاتصال بحث الجهود التي تقودها المملكة العربية السعودية في اليمن.",
        day,
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].len(), 2, "{got:?}");
    // Of two meetings in one sentence, the dual is the main clause's, not the talks it
    // names as a topic.
    let got = meeting_sentences(
        "بحث الرئيس الأفغاني أشرف غني في اتصال هاتفي مع رئيس الوزراء الباكستاني نواز شريف \
         دعم المحادثات بين الحكومة الأفغانية وحركة طالبان. كما استعرضا العلاقات الثنائية.",
        day,
    );
    let call = got.iter().find(|s| s[0].contains("غني")).expect("the call");
    assert!(call.iter().any(|s| s.contains("استعرضا")), "{got:?}");
    // «خلال اللقاء» is no call's: a meeting told after a call is not that call.
    let got = meeting_sentences(
        "تلقى الأمير محمد بن سلمان اتصالا هاتفيا من الرئيس اليمني عبدربه منصور هادي. \
         وجرى خلال اللقاء بحث العلاقات الثنائية.",
        day,
    );
    assert!(got.iter().all(|s| s.len() == 1), "{got:?}");
}

/// The countries of the described actors of the first event of `kind` read in `text`.
fn described_countries(text: &str, kind: &str) -> Vec<Option<String>> {
    read(text)
        .events
        .iter()
        .find(|e| e.kind == kind)
        .map(|e| {
            e.actors
                .iter()
                .filter(|a| a.key.is_none())
                .map(|a| a.country.clone())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn the_place_gives_its_country_to_described_actors_but_not_to_a_coalition() {
    // Conflict data codes an unnamed actor with the country where it acted…
    let got = described_countries("وقتل مسلحون ثلاثة جنود في بغداد أمس.", "ASSAULT");
    assert_eq!(got, vec![Some("IRQ".into()), Some("IRQ".into())]);
    // …but a coalition's aircraft are of many countries, none of them the place's.
    let got = described_countries(
        "وشنت طائرات التحالف غارات على مواقع للمسلحين في محافظة مأرب.",
        "ASSAULT",
    );
    assert_eq!(got.first(), Some(&None), "{got:?}");
}
