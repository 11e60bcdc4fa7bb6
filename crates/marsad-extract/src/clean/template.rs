//! Site templates: the lines a host repeats on many of its pages (menus, footers, site
//! blurbs, newsletter prompts, a «most read» box), learnt from the corpus and removed by
//! the cleaner.
//!
//! # Brief overview
//!
//! * [`line_hash`] turns a line into a stable 64-bit key: the cleaner's folded form
//!   ([`crate::clean::lexicon::key`]: Arabic folding, punctuation and bullets collapsed)
//!   with every digit read as `0`, so «منذ 5 دقائق» and «منذ 12 دقيقة»'s counterpart on the
//!   next page, or a footer's year, are one line. FNV-1a, not a std hasher, because the
//!   keys are stored and must mean the same thing to the next build.
//! * [`page_lines`] gives a page's distinct line keys (what the learner counts);
//!   [`host_of`] the host a page belongs to (its URL's host, else its outlet).
//! * [`HostCounts`] is one host's learner: how many distinct pages it has seen, and for
//!   each line key in how many of them it occurs. [`HostCounts::template`] is the set of
//!   lines that occur in at least `max(MIN_PAGES, FRACTION × pages)` of them: a
//!   [`Template`], which [`crate::clean::clean_with`] drops like page furniture.
//!
//! # Why this threshold
//!
//! A line is template when it is in at least [`MIN_PAGES`] (5) distinct pages of its host
//! *and* in at least [`FRACTION`] (half) of them — of its latest pages, counts being
//! halved every [`WINDOW`] pages.
//!
//! * The count floor protects article text. One article quoting another, a follow-up
//!   repeating its background paragraph, a statement carried by three reports: two to
//!   four verbatim copies inside one site are ordinary; five in a host's first pages are
//!   not. It also means a host with four pages or fewer learns nothing at all.
//! * The fraction protects article text on large hosts, where any count floor is
//!   reached by a paragraph reused over a long story, and on small ones while they are
//!   small (five pages of a host's first ten are still half of them). Menus, footers and
//!   site blurbs sit on nearly every page (90–100%), so half leaves them a wide margin,
//!   while a paragraph must be verbatim in every other page to be taken. The cost is
//!   furniture that only part of a site carries (a section's own sidebar, a «most read»
//!   box whose headlines change daily): those the cleaner's own list rules must catch.
//!   The choice leans that way on purpose: a furniture line kept costs a line of noise,
//!   an article sentence removed can cost the event it reports. (0.3 was tried first:
//!   on `bench/gen_corpus.py`'s corpus, whose sentences come from fifteen patterns, a
//!   paragraph of one fixed sentence is in a quarter of the pages, and a host's first
//!   dozen pages took such paragraphs for template.)
//!
//! Distinct documents, not occurrences: a line repeated on one page counts once, and a
//! page crawled twice (same lines, the same after digits are folded) is counted once — a
//! host's state remembers the fingerprints of its [`RECENT_PAGES`] last pages — so a
//! re-crawled article never makes itself template.
//!
//! # Bounded memory
//!
//! A host keeps at most [`MAX_LINES`] counted lines. When the map is full, the lighter
//! half is forgotten (lossy counting): template lines have the largest counts of a host by
//! far (a line in 30% of N pages against article sentences in one or two), so they are
//! never the ones dropped, and a new template line (a redesign) starts counting again and
//! overtakes the rest. A host's state is at most about 60 KB in memory and 50 KB stored.
//!
//! ```
//! use marsad_extract::template::{page_lines, HostCounts};
//! let mut host = HostCounts::default();
//! for n in 0..10 {
//!     let page = format!("الرئيسية\nسياسة\nاقتصاد\nخبر رقم {n} عن موضوع {}.\nموقعنا منصة مستقلة تهتم بالشأن المحلي.", ["ا", "ب", "ج", "د", "ه", "و", "ز", "ح", "ط", "ي"][n]);
//!     host.observe(&page_lines(&page));
//! }
//! let t = host.template();
//! assert!(t.contains_line("موقعنا منصة مستقلة تهتم بالشأن المحلي."));
//! assert!(t.contains_line("سياسة"));
//! assert!(!t.contains_line("خبر رقم 3 عن موضوع د."));
//! ```

use std::collections::VecDeque;

use rustc_hash::{FxHashMap, FxHashSet};

use super::lexicon;

/// Distinct pages of its host a line must be on, at least, to be template.
pub const MIN_PAGES: u32 = 5;

/// Share of its host's pages a line must be on, at least, to be template.
pub const FRACTION: f64 = 0.5;

/// Counted lines a host keeps, at most (see the module's *Bounded memory*).
pub const MAX_LINES: usize = 4096;

/// Pages after which a host's counts are halved (pages too): the template is what the
/// host's latest thousand or so pages share, so a redesign's new menu overtakes the old
/// one instead of waiting for as many pages as the old one had.
pub const WINDOW: u64 = 1024;

/// Fingerprints of a host's latest pages kept to recognize a page counted already.
pub const RECENT_PAGES: usize = 256;

/// The key of a line: FNV-1a over its folded form, digits as `0`. Stable across builds
/// and runs (it is stored).
pub fn line_hash(line: &str) -> u64 {
    key_hash(&lexicon::key(line))
}

/// [`line_hash`] of a line already in [`lexicon::key`] form (the cleaner has it).
pub fn key_hash(key: &str) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut h = OFFSET;
    for &b in key.trim().as_bytes() {
        // The fold makes every digit ASCII, so this is all digits.
        let b = if b.is_ascii_digit() { b'0' } else { b };
        h ^= u64::from(b);
        h = h.wrapping_mul(PRIME);
    }
    h
}

/// A page's distinct line keys, sorted, for [`HostCounts::observe`]: every non-blank
/// line with at least one letter (a line of numbers alone is dropped by the cleaner
/// anyway, and «12» on one page and «34» on another are not a template).
pub fn page_lines(text: &str) -> Vec<u64> {
    let mut keys: Vec<u64> = text
        .lines()
        .filter_map(|l| {
            let key = lexicon::key(l);
            key.chars().any(char::is_alphabetic).then(|| key_hash(&key))
        })
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The host a page belongs to, for learning its template: the host of its URL
/// (lower-cased, without `www.` and port), else `outlet:` and its outlet's name. `None`
/// when neither is known: such a page learns nothing and loses nothing.
pub fn host_of(url: Option<&str>, outlet: Option<&str>) -> Option<String> {
    if let Some(host) = url.and_then(url_host) {
        return Some(host);
    }
    let outlet = outlet?.split_whitespace().collect::<Vec<_>>().join(" ");
    (!outlet.is_empty()).then(|| format!("outlet:{}", outlet.to_lowercase()))
}

fn url_host(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    let host = match host.rsplit_once(':') {
        Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h,
        _ => host,
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    (!host.is_empty()).then(|| host.to_string())
}

/// The distinct-page count a line needs to be template on a host of `pages` pages.
pub fn threshold(pages: u64) -> u32 {
    let share = (FRACTION * pages as f64).ceil();
    MIN_PAGES.max(share.min(f64::from(u32::MAX)) as u32)
}

/// One host's learner: pages seen and, per line key, the distinct pages it was on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HostCounts {
    pages: u64,
    lines: FxHashMap<u64, u32>,
    recent: VecDeque<u64>,
}

impl HostCounts {
    /// Counts one page, given by its [`page_lines`]. Returns false (and counts nothing)
    /// when the page has no lines or the same lines as a page counted lately: a page
    /// crawled twice is one document.
    pub fn observe(&mut self, lines: &[u64]) -> bool {
        if lines.is_empty() {
            return false;
        }
        let fingerprint = lines.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &k| {
            (h ^ k).wrapping_mul(0x0000_0100_0000_01b3)
        });
        if self.recent.contains(&fingerprint) {
            return false;
        }
        if self.recent.len() == RECENT_PAGES {
            self.recent.pop_front();
        }
        self.recent.push_back(fingerprint);
        self.pages += 1;
        for &k in lines {
            *self.lines.entry(k).or_default() += 1;
        }
        if self.lines.len() > MAX_LINES {
            self.forget_lighter_half();
        }
        if self.pages >= WINDOW {
            self.pages /= 2;
            self.lines.retain(|_, n| {
                *n /= 2;
                *n > 0
            });
        }
        true
    }

    /// Keeps the heaviest half of the counted lines (by count, then key, so the result
    /// does not depend on the map's order).
    fn forget_lighter_half(&mut self) {
        let mut all: Vec<(u32, u64)> = self.lines.iter().map(|(&k, &n)| (n, k)).collect();
        let keep = MAX_LINES / 2;
        all.select_nth_unstable_by(keep, |a, b| b.cmp(a));
        all.truncate(keep);
        self.lines = all.into_iter().map(|(n, k)| (k, n)).collect();
    }

    /// Distinct pages counted.
    pub fn pages(&self) -> u64 {
        self.pages
    }

    /// The lines that are template now.
    pub fn template(&self) -> Template {
        let at_least = threshold(self.pages);
        Template {
            lines: self
                .lines
                .iter()
                .filter(|&(_, &n)| n >= at_least)
                .map(|(&k, _)| k)
                .collect(),
        }
    }

    /// The stored form: a version byte, then little-endian `pages`, the counted lines
    /// (key, count) and the recent fingerprints.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(17 + self.lines.len() * 12 + self.recent.len() * 8);
        out.push(1);
        out.extend(self.pages.to_le_bytes());
        out.extend((self.lines.len() as u32).to_le_bytes());
        let mut lines: Vec<(&u64, &u32)> = self.lines.iter().collect();
        lines.sort_unstable();
        for (k, n) in lines {
            out.extend(k.to_le_bytes());
            out.extend(n.to_le_bytes());
        }
        out.extend((self.recent.len() as u32).to_le_bytes());
        for f in &self.recent {
            out.extend(f.to_le_bytes());
        }
        out
    }

    /// Reads [`HostCounts::to_bytes`]'s form; `None` when it is not that (another
    /// version, cut short), so that a caller starts the host afresh rather than fail.
    pub fn from_bytes(bytes: &[u8]) -> Option<HostCounts> {
        let mut r = Reader(bytes);
        if r.take(1)? != [1] {
            return None;
        }
        let pages = r.u64()?;
        let n = r.u32()? as usize;
        let mut lines = FxHashMap::default();
        lines.reserve(n.min(MAX_LINES + 1));
        for _ in 0..n {
            let k = r.u64()?;
            lines.insert(k, r.u32()?);
        }
        let m = r.u32()? as usize;
        let mut recent = VecDeque::with_capacity(m.min(RECENT_PAGES));
        for _ in 0..m {
            recent.push_back(r.u64()?);
        }
        (r.0.is_empty() && lines.len() <= MAX_LINES && recent.len() <= RECENT_PAGES).then_some(
            HostCounts {
                pages,
                lines,
                recent,
            },
        )
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
}

/// A host's template lines, by key: what the cleaner drops.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Template {
    lines: FxHashSet<u64>,
}

impl Template {
    /// Whether the line with this [`line_hash`] is template.
    pub fn contains(&self, key: u64) -> bool {
        self.lines.contains(&key)
    }

    /// Whether this line (as on the page) is template.
    pub fn contains_line(&self, line: &str) -> bool {
        self.contains(line_hash(line))
    }

    /// Number of template lines.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

impl FromIterator<u64> for Template {
    fn from_iter<I: IntoIterator<Item = u64>>(iter: I) -> Template {
        Template {
            lines: iter.into_iter().collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MENU: &[&str] = &["الرئيسية", "محليات", "عربي ودولي", "منوعات"];
    const FOOTER: &str =
        "منصة الواحة الإخبارية منبر مستقل يعنى بأخبار المدن الصغيرة ويصدر من عمان منذ عام 2019.";

    /// Page `n` of an invented host: the menu, an article of its own, the footer.
    fn page(n: usize) -> String {
        let city = [
            "إربد",
            "الزرقاء",
            "العقبة",
            "مادبا",
            "جرش",
            "السلط",
            "الكرك",
        ][n % 7];
        // The page's number in words: the learner reads every digit as 0, so pages that
        // differ by their numbers alone are one page to it.
        let n = words(n);
        format!(
            "{}\nافتتحت بلدية {city} حديقة عامة جديدة في الحي رقم {n} بحضور عدد من السكان.\nوقال رئيس البلدية إن المشروع الثاني في سلسلة المشاريع رقم {n} سيكتمل قريبا.\n{FOOTER}\n",
            MENU.join("\n")
        )
    }

    fn learn(pages: impl IntoIterator<Item = String>) -> HostCounts {
        let mut h = HostCounts::default();
        for p in pages {
            h.observe(&page_lines(&p));
        }
        h
    }

    #[test]
    fn digits_spaces_and_folding_do_not_make_another_line() {
        assert_eq!(
            line_hash("جميع الحقوق محفوظة 2023"),
            line_hash("جميع  الحقوق محفوظة ٢٠٢٤")
        );
        assert_eq!(line_hash("• إقرأ أيضاً"), line_hash("اقرأ ايضا"));
        assert_ne!(line_hash("سياسة"), line_hash("رياضة"));
        // Stored keys must not change with the build: pin one.
        assert_eq!(key_hash(" abc "), 0xe71f_a219_0541_574b);
    }

    #[test]
    fn menu_and_footer_are_learnt_and_articles_are_not() {
        let h = learn((0..30).map(page));
        let t = h.template();
        assert_eq!(h.pages(), 30);
        for m in MENU {
            assert!(t.contains_line(m), "{m}");
        }
        assert!(t.contains_line(FOOTER));
        assert!(!t.contains_line(page(3).lines().nth(4).unwrap()));
        assert_eq!(t.len(), MENU.len() + 1, "only the menu and the footer");
    }

    #[test]
    fn a_sentence_quoted_by_a_few_pages_is_kept() {
        let quote = "وأكد المتحدث باسم الوزارة أن الحكومة لن تتراجع عن خطتها مهما كانت الضغوط.";
        let pages = (0..30).map(|n| {
            let mut p = page(n);
            // Four pages of thirty quote it: under the floor of five.
            if [2, 9, 17, 25].contains(&n) {
                p.push_str(quote);
                p.push('\n');
            }
            p
        });
        let t = learn(pages).template();
        assert!(!t.contains_line(quote), "four pages of thirty quoting it");
        // Ten pages of thirty: over the floor, under half of the host.
        let pages = (0..30).map(|n| {
            let mut p = page(n);
            if n % 3 == 1 {
                p.push_str(quote);
            }
            p
        });
        let t = learn(pages).template();
        assert!(!t.contains_line(quote), "ten pages of thirty quoting it");
        // On a small host the floor is what protects it: two pages of six.
        let pages = (0..6).map(|n| {
            let mut p = page(n);
            if n < 2 {
                p.push_str(quote);
            }
            p
        });
        let t = learn(pages).template();
        assert!(!t.contains_line(quote));
        assert!(t.contains_line(FOOTER));
    }

    #[test]
    fn distinct_documents_count_not_occurrences() {
        // The footer five times on one page is one page.
        let mut h = HostCounts::default();
        let p = format!("{}\n{FOOTER}\n{FOOTER}\n{FOOTER}\n{FOOTER}", page(0));
        h.observe(&page_lines(&p));
        assert_eq!(h.lines[&line_hash(FOOTER)], 1);
        // The same page crawled again (its view count changed) is not counted again.
        assert!(!h.observe(&page_lines(&p.replace("2019", "2020"))));
        assert_eq!(h.pages(), 1);
        // One article crawled ten times under ten URLs does not make itself template.
        let mut h = HostCounts::default();
        for _ in 0..10 {
            h.observe(&page_lines(&page(1)));
        }
        assert!(h.template().is_empty());
    }

    #[test]
    fn tiny_hosts_learn_nothing() {
        for n in 1..MIN_PAGES as usize {
            let h = learn((0..n).map(page));
            assert!(h.template().is_empty(), "{n} pages");
        }
        assert!(!learn((0..MIN_PAGES as usize).map(page))
            .template()
            .is_empty());
    }

    #[test]
    fn threshold_is_the_floor_then_the_share() {
        assert_eq!(threshold(1), 5);
        assert_eq!(threshold(10), 5);
        assert_eq!(threshold(11), 6);
        assert_eq!(threshold(1000), 500);
    }

    #[test]
    fn memory_is_bounded_and_templates_survive_forgetting() {
        let mut h = HostCounts::default();
        for n in 0..3000 {
            let before = h.pages();
            // Every page brings five lines of its own.
            let mut p = page(n);
            for i in 0..5 {
                p.push_str(&format!("سطر خاص بالصفحة {} من النوع {i}\n", words(n)));
            }
            h.observe(&page_lines(&p));
            assert!(h.lines.len() <= MAX_LINES);
            assert!(h.pages() == before + 1 || h.pages() * 2 == before + 1);
        }
        assert!(h.pages() < WINDOW);
        let t = h.template();
        assert!(t.contains_line(FOOTER) && MENU.iter().all(|m| t.contains_line(m)));
        assert!(h.to_bytes().len() < 60_000);
    }

    /// A number as words, so that the digit folding does not make the lines one.
    fn words(n: usize) -> String {
        const W: &[&str] = &[
            "صفر",
            "واحد",
            "اثنان",
            "ثلاثة",
            "أربعة",
            "خمسة",
            "ستة",
            "سبعة",
            "ثمانية",
            "تسعة",
        ];
        n.to_string()
            .bytes()
            .map(|b| W[(b - b'0') as usize])
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn stored_form_reads_back() {
        let h = learn((0..12).map(page));
        let bytes = h.to_bytes();
        assert_eq!(HostCounts::from_bytes(&bytes), Some(h));
        assert_eq!(HostCounts::from_bytes(&bytes[..bytes.len() - 1]), None);
        assert_eq!(HostCounts::from_bytes(&[2]), None);
    }

    #[test]
    fn hosts_from_urls_and_outlets() {
        assert_eq!(
            host_of(Some("https://www.Example.com:8080/a/b?c"), None).as_deref(),
            Some("example.com")
        );
        assert_eq!(
            host_of(Some("http://user@news.example/"), Some("X")).as_deref(),
            Some("news.example")
        );
        assert_eq!(
            host_of(None, Some(" Al  Waha ")).as_deref(),
            Some("outlet:al waha")
        );
        assert_eq!(host_of(Some("not a url"), None), None);
        assert_eq!(host_of(None, None), None);
    }
}
