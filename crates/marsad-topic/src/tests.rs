//! The bundled model on sentences written for these tests (none comes from the corpus),
//! and the file format's checks.

use super::*;

/// Asserts that the bundled model files `title` + `text` under `want`, with at least
/// probability `min`.
fn check(title: Option<&str>, text: &str, want: Class, min: f32) {
    let t = classify(title, text);
    assert!(
        t.class == want && t.p(want) >= min,
        "{title:?} {text}\nwant {} ≥ {min}, got {} with {:?} ({} features)\n\
         help: the bundled model is crates/marsad-topic/model/topic.tsv (retrain: model/NOTE.md)",
        want.as_str(),
        t.class.as_str(),
        t.probs,
        t.evidence
    );
}

#[test]
fn a_match_between_two_clubs_is_sport_not_a_meeting_of_two_countries() {
    check(
        Some("مواجهة نارية بين برشلونة الإسباني وليون الفرنسي"),
        "يلتقي فريق برشلونة الإسباني مع ضيفه ليون الفرنسي مساء الأربعاء على ملعب كامب نو \
         في ذهاب دور الستة عشر من دوري أبطال أوروبا لكرة القدم. ويدخل المدرب المباراة \
         بتشكيلته الأساسية بعد عودة المهاجم من الإصابة، فيما يعول الضيوف على الهجمات المرتدة.",
        Class::Sport,
        0.8,
    );
}

#[test]
fn a_transfer_is_sport() {
    check(
        None,
        "وقّع نادي الهلال عقدا لمدة ثلاثة مواسم مع لاعب الوسط البرازيلي، بعد مفاوضات مع \
         ناديه السابق، ويلتحق اللاعب بمعسكر الفريق الأول استعدادا للموسم الجديد من دوري \
         المحترفين.",
        Class::Sport,
        0.8,
    );
}

#[test]
fn a_market_report_is_economy() {
    check(
        Some("الأسهم السعودية تغلق على ارتفاع"),
        "أغلق المؤشر العام لسوق الأسهم السعودية تعاملات اليوم مرتفعا بنسبة 1.2 في المئة، \
         بتداولات بلغت قيمتها خمسة مليارات ريال، وقادت أسهم المصارف والبتروكيماويات \
         الارتفاع، فيما تراجعت أسعار النفط في التعاملات الآسيوية.",
        Class::Economy,
        0.7,
    );
}

#[test]
fn a_company_result_is_economy() {
    check(
        None,
        "أعلنت الشركة عن ارتفاع صافي أرباحها في الربع الثاني إلى 300 مليون ريال مقارنة \
         بالفترة المماثلة من العام الماضي، وعزت الشركة النمو إلى زيادة المبيعات وانخفاض \
         تكاليف التمويل، وأوصى مجلس الإدارة بتوزيع أرباح نقدية على المساهمين.",
        Class::Economy,
        0.7,
    );
}

#[test]
fn a_book_fair_and_a_film_are_culture() {
    check(
        Some("معرض الكتاب يفتح أبوابه"),
        "افتتح معرض الكتاب أبوابه للزوار بمشاركة مئات من دور النشر، وتتضمن فعالياته أمسيات \
         شعرية وندوات عن الرواية العربية وتوقيع إصدارات جديدة لعدد من الأدباء والشعراء.",
        Class::Culture,
        0.5,
    );
    check(
        None,
        "تبدأ الفنانة تصوير مسلسلها الجديد الأسبوع المقبل، وتؤدي فيه دور ممثلة مسرحية \
         تعود إلى الأضواء بعد غياب، ويعرض العمل على إحدى القنوات الفضائية في رمضان.",
        Class::Culture,
        0.5,
    );
}

#[test]
fn a_ministerial_visit_is_politics() {
    check(
        Some("وزير الخارجية يبحث مع نظيره الأردني تطورات المنطقة"),
        "استقبل وزير الخارجية في الرياض أمس نظيره الأردني، وبحث الجانبان تطورات الأوضاع في \
         اليمن وسوريا وسبل تعزيز العلاقات الثنائية، وأكد الوزيران أهمية تنسيق المواقف \
         لمواجهة الإرهاب.",
        Class::Politics,
        0.8,
    );
}

#[test]
fn an_attack_is_politics() {
    check(
        None,
        "قتل خمسة جنود وأصيب عشرة آخرون في هجوم انتحاري استهدف نقطة تفتيش للجيش شمال البلاد، \
         وأعلنت وزارة الداخلية أن قوات الأمن طوقت المنطقة وبدأت التحقيق في الهجوم.",
        Class::Politics,
        0.8,
    );
}

#[test]
fn a_column_is_opinion() {
    check(
        None,
        "لا أدري لماذا نصر على تكرار الأخطاء ذاتها كل عام، فالمشكلة في رأيي ليست في القرار \
         نفسه بل في طريقة تطبيقه، وأعتقد أننا لو سألنا أنفسنا بصدق عما نريده لوجدنا أن \
         الحل أبسط مما نظن، ولكننا نحب أن نعقد الأمور ثم نشكو منها.",
        Class::Opinion,
        0.5,
    );
}

#[test]
fn probabilities_sum_to_one_and_the_best_is_the_largest() {
    let t = classify(Some("عنوان"), "نص قصير عن الاقتصاد والرياضة والسياسة");
    let sum: f32 = t.probs.iter().sum();
    assert!((sum - 1.0).abs() < 1e-4, "{sum}");
    assert!(t.probs.iter().all(|p| *p <= t.p(t.class)));
}

#[test]
fn a_page_with_no_known_feature_gets_the_prior() {
    for text in [
        "",
        "   ",
        "ـــ ـــ",
        "\u{1F600}\u{1F600} 2015",
        "The foreign minister met his Jordanian counterpart in Riyadh on Monday.",
    ] {
        let t = classify(None, text);
        assert_eq!(t.evidence, 0, "{text:?}");
        assert_eq!(t.class, Class::Politics, "the prior's largest class");
    }
}

#[test]
fn vowel_marks_and_letter_forms_do_not_change_the_verdict() {
    let plain = classify(None, "فاز الفريق في المباراة النهائية للبطولة");
    let marked = classify(None, "فَازَ الفَرِيقُ فِي المُبَارَاةِ النِّهَائِيَّةِ لِلْبُطُولَةِ");
    assert_eq!(plain, marked);
}

#[test]
fn the_bundled_model_is_small() {
    assert!(
        BUNDLED_MODEL.len() < 1 << 20,
        "{} bytes",
        BUNDLED_MODEL.len()
    );
    assert!(bundled().len() >= 1000, "{} features", bundled().len());
}

#[test]
fn classes_round_trip_their_names() {
    for c in Class::ALL {
        assert_eq!(Class::from_name(c.as_str()), Some(c));
        assert_eq!(Class::ALL[c.index()], c);
    }
}

const HEADER: &str = "marsad-topic\t1\nclasses\tpolitics\tsport\teconomy\tculture\topinion\n\
                      options\tbigrams\nbias\t0\t0\t0\t0\t0\nprior\t0.6\t0.1\t0.1\t0.1\t0.1\n";

#[test]
fn a_small_model_scores_as_documented() {
    // One feature for sport: any page holding it is sport, with
    // p = e^2 / (e^2 + 4) whatever its count, since the vector is normalised.
    let m = Model::parse(&format!("{HEADER}الدوري\t1\t0\t2\t0\t0\t0\n")).unwrap();
    let t = m.classify(None, "الدوري الدوري الدوري وكلام آخر");
    let want = 2f32.exp() / (2f32.exp() + 4.0);
    assert_eq!(t.class, Class::Sport);
    assert!((t.p(Class::Sport) - want).abs() < 1e-5, "{:?}", t.probs);
    assert_eq!(t.evidence, 1);
    // A pair of words is one feature.
    let m = Model::parse(&format!("{HEADER}كره القدم\t1\t0\t2\t0\t0\t0\n")).unwrap();
    assert_eq!(m.classify(None, "كرة القدم").class, Class::Sport);
    assert_eq!(m.classify(None, "القدم كرة").evidence, 0);
}

#[test]
fn bad_files_are_refused_with_their_line() {
    let bad = |text: &str| Model::parse(text).unwrap_err();
    assert_eq!(bad("marsad-topic\t2\n").line, 1);
    assert!(bad(&HEADER.replace("opinion", "other"))
        .message
        .contains("classes"));
    assert!(bad(&HEADER.replace("bigrams", "trigrams"))
        .message
        .contains("option"));
    assert_eq!(bad(&format!("{HEADER}الدوري\t1\t0\t2\n")).line, 6);
    assert!(bad(&format!("{HEADER}كرة\t1\t0\t2\t0\t0\t0\n"))
        .message
        .contains("not a feature"));
    let twice = format!("{HEADER}الدوري\t1\t0\t2\t0\t0\t0\nالدوري\t1\t0\t2\t0\t0\t0\n");
    assert!(bad(&twice).message.contains("twice"));
    assert!(bad(&HEADER.replace("0.6", "0.9")).message.contains("prior"));
}
