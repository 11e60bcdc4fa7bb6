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

#[test]
fn the_index_finds_copies_and_keeps_reports_apart() {
    let mut index = Index::new();
    assert!(index.is_empty());
    let ids: Vec<u32> = REPORTS
        .iter()
        .map(|r| {
            let s = sig(r);
            assert_eq!(index.find(&s), None, "a report found as a duplicate");
            index.insert(&s)
        })
        .collect();
    assert_eq!(ids, [0, 1, 2, 3, 4]);
    for (i, c) in copies().iter().enumerate() {
        let s = sig(c);
        assert_eq!(index.find(&s), Some(0), "copy {i}");
        // The compact signature estimates as the full one does, to a position or two.
        let full = sig(REPORTS[0]).similarity(&s);
        assert!((index.similarity(&s, 0) - full).abs() <= 2.0 / 128.0);
    }
    assert_eq!(index.len(), 5);
    assert!(index.heap_bytes() >= 5 * PERMUTATIONS * 2);
}

/// The one-pass word hashes are those of the words of the folded string, whatever the
/// text: tashkeel and tatweel inside words, punctuation, digits, Latin, marks alone.
#[test]
fn word_hashes_are_the_folded_words_hashes() {
    let texts = [
        REPORTS[0],
        "أَعْلَنَتْ الحكومـــة، اليوم (الثلاثاء): «خطة» 2024 و٣+٣ Kremlin's e-mail ـ ً … !؟",
        "",
        "   ",
        "كلمة",
    ];
    for t in texts {
        let folded = marsad_text::fold_str(t, Chain::Match);
        let want: Vec<u64> = marsad_text::words(&folded)
            .map(|w| hash_bytes(w.text.as_bytes()))
            .collect();
        assert_eq!(word_hashes(t), want, "{t}");
    }
}

/// Signatures are persisted: a change to the hash family, the word hashes or the
/// shingles would make a later ingest blind to every stored text. These values were
/// computed before the one-pass word hashes and the vectorized MinHash loop, and must
/// not move.
#[test]
fn signature_values_are_pinned() {
    let s = sig(REPORTS[0]);
    const PINNED: [u64; 4] = [
        207_926_564_050_308_928,
        325_743_724_698_141_590,
        28_801_640_287_911_898,
        627_756_508_940_911_591,
    ];
    assert_eq!(s.0[..4], PINNED, "{:?}", &s.0[..4]);
}

/// Every MinHash path the CPU can run gives the portable loop's bits.
#[test]
fn every_minhash_path_gives_the_same_bits() {
    let shingles: Vec<u64> = (0u64..500)
        .map(|i| mix(i.wrapping_mul(0x9e37_79b9_7f4a_7c15)))
        .collect();
    let want = minhash_portable(&shingles);
    assert_eq!(minhash(&shingles), want);
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: checked just above.
            assert_eq!(unsafe { minhash_avx2(&shingles) }, want);
        }
        if std::arch::is_x86_feature_detected!("avx512dq") {
            // SAFETY: checked just above.
            assert_eq!(unsafe { minhash_avx512(&shingles) }, want);
        }
    }
}
