//! Page cleaning: from the lines of a scraped or extracted page to the article body,
//! its title, and the outlet, authors and date that the page's furniture states.
//!
//! # How it decides
//!
//! The cleaner is a line classifier in the tradition of jusText, tuned for Arabic news
//! and made to generalize: it reads what a line *is*, never which site it came from.
//!
//! 1. **Measure** every line ([`line::Line`]): words, share of function words (في، من،
//!    أن … — the grammar of running text), sentence-final punctuation, list bullets,
//!    links and tweet handles, script, and page-furniture vocabulary in Arabic, English,
//!    French and Turkish (`data/boilerplate.tsv`, matched on folded text behind clitics).
//! 2. **Classify** each line alone as *good* (a sentence of some length), *near-good*
//!    (headline-shaped or a short sentence), *short*, or *bad* (furniture, links,
//!    captions, numbers, foreign-script crumbs).
//! 3. **Regions**: a line that heads a list of other articles («مقالات ذات صلة»،
//!    «إقرأ أيضاً»، «Related») or a tail block (tags, comments) ends the article once the
//!    article has begun; before the article it only opens a list to skip. A run of three
//!    or more headline-shaped lines, or of short bulleted items, is a list, not prose.
//! 4. **Context**: short and near-good lines take the class of the good or bad lines
//!    around them (jusText's revision), so a subheading between two paragraphs stays and
//!    a headline between two menus goes.
//! 5. **Metadata lines** (datelines, bylines, stamps, «المصدر: …») fill `outlet`,
//!    `authors` and `published` instead of the body; a forum badge's join date never does.
//! 6. **Title**: a headline-shaped line before the article, preferring one the page
//!    repeats; it leaves the body. Repeated paragraphs are kept once.

mod classify;
pub mod lexicon;
pub mod line;
pub mod meta;
pub mod template;

pub use classify::{Class, Reason};
use template::Template;

/// The result of cleaning a page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cleaned {
    /// The article body: kept lines, one paragraph each, separated by a blank line.
    pub body: String,
    /// The headline, when one stood before the article.
    pub title: Option<String>,
    /// The outlet credited by a dateline, source line or introduction.
    pub outlet: Option<String>,
    /// Authors from a byline or stamp.
    pub authors: Vec<String>,
    /// Publication date from a stamp, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Why each line was kept or dropped, in page order (for `--explain`).
    pub report: Vec<LineReport>,
}

/// The cleaner's verdict on one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineReport {
    /// Line number in the page, from 1.
    pub no: usize,
    /// Whether the line is in the body.
    pub kept: bool,
    /// Why.
    pub reason: Reason,
    /// The line.
    pub text: String,
}

/// Cleans a page given as text, one paragraph (or block) a line. `known_title` is the
/// headline when the page's metadata already gave it (HTML); lines that repeat it leave
/// the body. Without it, the cleaner finds the headline itself.
///
/// ```
/// let page = "الرئيسية\n\nمحادثات في العاصمة\n\nبحث وزير الخارجية مع نظيره في اتصال هاتفي، الثلاثاء، العلاقات الثنائية بين البلدين.\n\nالمصدر: وكالات\n\nمقالات ذات صلة\n\nعنوان آخر لا علاقة له بالخبر\n";
/// let c = marsad_extract::clean::clean(page, None);
/// assert_eq!(c.title.as_deref(), Some("محادثات في العاصمة"));
/// assert_eq!(c.outlet.as_deref(), Some("وكالات"));
/// assert!(c.body.starts_with("بحث وزير الخارجية"));
/// assert!(!c.body.contains("عنوان آخر"));
/// ```
pub fn clean(text: &str, known_title: Option<&str>) -> Cleaned {
    classify::run(text, known_title, None)
}

/// [`clean`], with the lines of the page's site [`Template`] dropped as furniture
/// ([`Reason::Template`]) before anything else is decided. Metadata lines among them
/// (a site-wide «المصدر: …») still fill the record's fields.
pub fn clean_with(text: &str, known_title: Option<&str>, template: Option<&Template>) -> Cleaned {
    classify::run(text, known_title, template)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Lines of scraped-page shape: Arabic prose, headlines, furniture, bullets, numbers.
    fn page_line() -> impl Strategy<Value = String> {
        prop_oneof![
            "[ء-ي ،]{0,120}\\.",
            "[ء-ي ]{0,40}",
            Just("شارك على فيسبوك".to_string()),
            Just("مقالات ذات صلة".to_string()),
            Just("إقرأ أيضاً:".to_string()),
            Just("كلمات دلالية: سياسة".to_string()),
            Just("المصدر: وكالات".to_string()),
            Just("باكو/ الأناضول".to_string()),
            Just("- 34,416".to_string()),
            Just("نشر في 19.08.2024 | محدث 20.08.2024".to_string()),
            "\\PC{0,60}",
        ]
    }

    proptest! {
        #[test]
        fn body_paragraphs_are_lines_of_the_page(lines in prop::collection::vec(page_line(), 0..40)) {
            let page = lines.join("\n");
            let c = clean(&page, None);
            let originals: Vec<String> = page.lines().map(|l| line::Line::new(0, l).text.to_string()).collect();
            for p in c.body.split("\n\n").filter(|p| !p.is_empty()) {
                prop_assert!(originals.iter().any(|o| o == p), "not a line of the page: {p:?}");
            }
            // Kept once: no paragraph twice.
            let mut keys: Vec<String> = c.body.split("\n\n").map(lexicon::key).collect();
            let n = keys.len();
            keys.sort();
            keys.dedup();
            prop_assert_eq!(keys.len(), n);
            prop_assert_eq!(c.report.len(), page.lines().filter(|l| !l.trim().is_empty()).count());
        }
    }

    #[test]
    fn keeps_an_article_between_menus_once() {
        let page = "الرئيسية\nسياسة\nاقتصاد\nرياضة\n\nوزيرا الخارجية يبحثان التهدئة\n\n\
            بحث وزير الخارجية الأردني مع نظيره المصري، اليوم الأحد، سبل التهدئة في المنطقة والعلاقات الثنائية.\n\
            وأكد الوزيران أهمية مواصلة التنسيق بين البلدين في المرحلة المقبلة لمواجهة التحديات المشتركة.\n\
            وأكد الوزيران أهمية مواصلة التنسيق بين البلدين في المرحلة المقبلة لمواجهة التحديات المشتركة.\n\
            تابعونا على تويتر\nجميع الحقوق محفوظة 2024\n";
        let c = clean(page, None);
        assert_eq!(c.title.as_deref(), Some("وزيرا الخارجية يبحثان التهدئة"));
        assert_eq!(c.body.matches("وأكد الوزيران").count(), 1);
        assert!(
            !c.body.contains("تويتر") && !c.body.contains("الرئيسية") && !c.body.contains("محفوظة")
        );
    }

    const LEAD: &str = "بحث وزير الخارجية الأردني مع نظيره المصري، اليوم الأحد، سبل التهدئة في المنطقة والعلاقات الثنائية بين البلدين.\n\
        وأكد الوزيران أهمية مواصلة التنسيق بين البلدين في المرحلة المقبلة لمواجهة التحديات المشتركة في الإقليم.\n\
        وتناول اللقاء كذلك الأوضاع الإنسانية في القطاع وسبل إيصال المساعدات إلى السكان بصورة عاجلة ومستدامة.\n";

    #[test]
    fn template_lines_are_dropped_with_their_reason() {
        let blurb =
            "الواحة منبر إخباري مستقل يغطي شؤون المدن الصغيرة والقرى، ويصدر بالعربية منذ عام 2019.";
        let page = format!("{LEAD}{blurb}\n");
        assert!(clean(&page, None).body.contains("منبر إخباري"));
        let t: Template = [template::line_hash(blurb)].into_iter().collect();
        let c = clean_with(&page, None, Some(&t));
        assert!(!c.body.contains("منبر إخباري") && c.body.contains("وأكد الوزيران"));
        let r = c.report.iter().find(|r| r.text == blurb).unwrap();
        assert_eq!((r.kept, r.reason), (false, Reason::Template));
    }

    #[test]
    fn a_disclaimer_closes_the_article() {
        let page = format!(
            "{LEAD}الآراء الواردة في المقال تعبر عن رأي كاتبها ولا تعكس بالضرورة رأي الموقع.\n\
             عن الكاتب\nباحث في الشؤون الإقليمية، له كتب في العلاقات الدولية وتاريخ المنطقة الحديث.\n"
        );
        let c = clean(&page, None);
        assert!(c.body.contains("وأكد الوزيران"));
        assert!(
            !c.body.contains("بالضرورة") && !c.body.contains("باحث"),
            "{}",
            c.body
        );
    }

    #[test]
    fn a_forum_reply_is_not_the_article() {
        let page = format!(
            "{LEAD}رد مع اقتباس\n#2\nسالم الكعبي\nعضو نشيط\nتاريخ التسجيل: Feb 2020\n\
             شكرا على النقل، وأتمنى أن تتواصل هذه اللقاءات بين البلدين الشقيقين دائما.\n"
        );
        let c = clean(&page, None);
        assert!(c.body.contains("وأكد الوزيران"));
        assert!(!c.body.contains("شكرا"), "{}", c.body);
    }

    #[test]
    fn captions_and_desk_codes_are_dropped() {
        let page = format!(
            "{LEAD}جانب من اللقاء بين الوزيرين في عمان\n\
             وشدد الجانبان على ضرورة وقف التصعيد فورا وإيصال المساعدات الإنسانية دون أي عوائق.\n\
             الوزيران خلال المؤتمر الصحفي (تصوير: سالم علي)\n\
             واتفق الوزيران على مواصلة التشاور والتنسيق خلال الفترة المقبلة حول جميع الملفات.\n\
             (بترا)\nم ح/ س ص\nشارك\nفيسبوك\n"
        );
        let c = clean(&page, None);
        assert!(c.body.contains("وشدد الجانبان") && c.body.contains("واتفق الوزيران"));
        for gone in ["جانب من", "تصوير", "م ح"] {
            assert!(!c.body.contains(gone), "{gone} in {}", c.body);
        }
    }
}
