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

pub use classify::{Class, Reason};

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

/// Cleans a page given as text, one paragraph (or block) a line.
///
/// ```
/// let page = "الرئيسية\n\nمحادثات في العاصمة\n\nبحث وزير الخارجية مع نظيره في اتصال هاتفي، الثلاثاء، العلاقات الثنائية بين البلدين.\n\nالمصدر: وكالات\n\nمقالات ذات صلة\n\nعنوان آخر لا علاقة له بالخبر\n";
/// let c = marsad_extract::clean::clean(page);
/// assert_eq!(c.title.as_deref(), Some("محادثات في العاصمة"));
/// assert_eq!(c.outlet.as_deref(), Some("وكالات"));
/// assert!(c.body.starts_with("بحث وزير الخارجية"));
/// assert!(!c.body.contains("عنوان آخر"));
/// ```
pub fn clean(text: &str) -> Cleaned {
    classify::run(text)
}
