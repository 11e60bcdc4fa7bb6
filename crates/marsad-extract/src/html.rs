//! HTML pages: the article's main text, one block a line, and what the page's metadata
//! says of it (headline, publication date, authors, outlet, canonical URL).
//!
//! Main text comes from dom_smoothie, a port of Mozilla's Readability, in its formatted
//! text mode (blocks separated by blank lines), which is exactly the line representation
//! the cleaner reads. Metadata is read before Readability runs, because Readability edits
//! the document as it goes, and it is read in order of trust: JSON-LD and explicit
//! `published_time` metadata first, the URL's date path next. The visible stamp near the
//! headline is left to the text cleaner, which tells publication from update stamps.

use std::sync::OnceLock;

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};
use regex::Regex;
use serde_json::Value;

/// What the HTML reader found in a page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtmlPage {
    /// Main text, one block (paragraph, heading, list item) a line, blocks separated by
    /// blank lines.
    pub text: String,
    /// The headline, without the site's name.
    pub title: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Bylines.
    pub authors: Vec<String>,
    /// Site or publisher name.
    pub outlet: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
}

/// Below this many characters Readability found no article; the page's body text, with
/// navigation, headers, footers, asides and forms removed, is used instead.
const MIN_ARTICLE_CHARS: usize = 200;

/// Reads a decoded page. `url` is where it was fetched from, when known.
pub fn read_html(html: &str, url: Option<&str>) -> HtmlPage {
    let doc = Document::from(html);
    let meta = Meta::read(&doc);
    let url = meta
        .canonical
        .clone()
        .or_else(|| meta.og_url.clone())
        .or_else(|| url.map(str::to_string));
    let absolute = url
        .as_deref()
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let article = Readability::with_document(doc, absolute, Some(config))
        .ok()
        .and_then(|mut r| r.parse().ok());
    let (text, readability_title, byline) = match article {
        Some(a) if a.text_content.trim().chars().count() >= MIN_ARTICLE_CHARS => (
            a.text_content.to_string(),
            Some(a.title),
            a.byline.filter(|b| looks_like_name(b)),
        ),
        other => (
            body_text(html),
            other.as_ref().map(|a| a.title.clone()),
            other.and_then(|a| a.byline).filter(|b| looks_like_name(b)),
        ),
    };
    let outlet = meta.site_name.clone();
    let title = meta
        .og_title
        .clone()
        .or_else(|| meta.ld_headline.clone())
        .or_else(|| meta.h1.clone())
        .or(readability_title)
        .map(|t| strip_site_name(&t, outlet.as_deref(), url.as_deref()))
        .filter(|t| !t.is_empty());
    let published = meta
        .published
        .clone()
        .or_else(|| url.as_deref().and_then(date_in_url));
    let mut authors: Vec<String> = Vec::new();
    for a in meta.authors.iter().cloned().chain(byline) {
        let a = collapse(&a);
        let is_outlet = outlet.as_deref().is_some_and(|o| {
            let (o, a) = (o.to_lowercase(), a.to_lowercase());
            o.contains(&a) || a.contains(&o)
        });
        if !a.is_empty()
            && !is_outlet
            && !a.contains("://")
            && a.chars().count() <= 60
            && !authors.contains(&a)
        {
            authors.push(a);
        }
    }
    HtmlPage {
        text,
        title,
        published,
        authors,
        outlet,
        url,
    }
}

/// Metadata read from the page before Readability edits it.
#[derive(Debug, Default)]
struct Meta {
    canonical: Option<String>,
    og_url: Option<String>,
    og_title: Option<String>,
    site_name: Option<String>,
    ld_headline: Option<String>,
    h1: Option<String>,
    published: Option<String>,
    authors: Vec<String>,
}

impl Meta {
    fn read(doc: &Document) -> Meta {
        let attr = |selector: &str, name: &str| -> Option<String> {
            doc.select(selector)
                .iter()
                .filter_map(|s| s.attr(name))
                .map(|v| collapse(&v))
                .find(|v| !v.is_empty())
        };
        let mut m = Meta {
            canonical: attr("link[rel=\"canonical\"]", "href"),
            og_url: attr("meta[property=\"og:url\"]", "content"),
            og_title: attr("meta[property=\"og:title\"]", "content"),
            site_name: attr("meta[property=\"og:site_name\"]", "content")
                .or_else(|| attr("meta[name=\"application-name\"]", "content")),
            h1: doc
                .select("h1")
                .iter()
                .map(|h| collapse(&h.text()))
                .find(|t| !t.is_empty()),
            ..Meta::default()
        };
        for script in doc.select("script[type=\"application/ld+json\"]").iter() {
            if let Ok(v) = serde_json::from_str::<Value>(script.text().trim()) {
                m.read_json_ld(&v);
            }
        }
        const PUBLISHED: &[(&str, &str)] = &[
            ("meta[property=\"article:published_time\"]", "content"),
            ("meta[property=\"og:published_time\"]", "content"),
            ("meta[itemprop=\"datePublished\"]", "content"),
            ("meta[name=\"pubdate\"]", "content"),
            ("meta[name=\"publishdate\"]", "content"),
            ("meta[name=\"publish-date\"]", "content"),
            ("meta[name=\"date\"]", "content"),
            ("meta[name=\"DC.date.issued\"]", "content"),
            ("meta[name=\"dc.date.issued\"]", "content"),
            ("meta[name=\"sailthru.date\"]", "content"),
            ("meta[name=\"parsely-pub-date\"]", "content"),
            ("time[itemprop=\"datePublished\"]", "datetime"),
            ("time[pubdate]", "datetime"),
        ];
        if m.published.is_none() {
            m.published = PUBLISHED
                .iter()
                .filter_map(|(sel, a)| attr(sel, a))
                .find_map(|v| iso_date(&v));
        }
        if m.authors.is_empty() {
            m.authors.extend(attr("meta[name=\"author\"]", "content"));
            m.authors
                .extend(attr("meta[property=\"article:author\"]", "content"));
        }
        m
    }

    /// Reads a JSON-LD object, its `@graph` and arrays, for the news article's fields.
    fn read_json_ld(&mut self, v: &Value) {
        match v {
            Value::Array(items) => items.iter().for_each(|i| self.read_json_ld(i)),
            Value::Object(o) => {
                if let Some(g) = o.get("@graph") {
                    self.read_json_ld(g);
                }
                if self.published.is_none() {
                    self.published = o
                        .get("datePublished")
                        .and_then(Value::as_str)
                        .and_then(iso_date);
                }
                if self.ld_headline.is_none() {
                    self.ld_headline = o.get("headline").and_then(Value::as_str).map(collapse);
                }
                if self.authors.is_empty() {
                    if let Some(a) = o.get("author") {
                        self.authors = names(a);
                    }
                }
                if self.site_name.is_none() {
                    self.site_name = o.get("publisher").and_then(|p| names(p).into_iter().next());
                }
            }
            _ => {}
        }
    }
}

/// The `name`s of a JSON-LD person or organisation, or a list of them.
fn names(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![collapse(s)],
        Value::Array(items) => items.iter().flat_map(names).collect(),
        Value::Object(o) => o.get("name").map(names).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// `YYYY-MM-DD` from the start of an ISO-like date or date-time.
fn iso_date(s: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re =
        RE.get_or_init(|| Regex::new(r"^\s*((?:19|20)\d{2})-(\d{2})-(\d{2})").expect("iso regex"));
    let c = re.captures(s)?;
    let (m, d): (u32, u32) = (c[2].parse().ok()?, c[3].parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{}-{m:02}-{d:02}", &c[1]))
}

/// The date a news URL's path carries: `/2024/05/07/`, `/2013/middle_east/8/3/`.
fn date_in_url(url: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"/((?:19|20)\d{2})/(?:[a-zA-Z_\-]+/)?(\d{1,2})/(\d{1,2})(?:/|$)")
            .expect("url date regex")
    });
    let c = re.captures(url)?;
    let (m, d): (u32, u32) = (c[2].parse().ok()?, c[3].parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{}-{m:02}-{d:02}", &c[1]))
}

/// Removes a site-name segment from a title: «Headline - Site», «Site | Headline».
fn strip_site_name(title: &str, site: Option<&str>, url: Option<&str>) -> String {
    let title = collapse(title);
    let host = url
        .and_then(|u| u.split("://").nth(1))
        .and_then(|rest| rest.split('/').next())
        .map(|h| h.trim_start_matches("www.").to_lowercase());
    let is_site = |segment: &str| {
        let s = segment.trim().to_lowercase();
        let squeezed: String = s.chars().filter(|c| c.is_alphanumeric()).collect();
        !s.is_empty()
            && (site.is_some_and(|site| {
                let site = site.to_lowercase();
                site == s || site.contains(&s) || s.contains(&site)
            }) || host.as_deref().is_some_and(|h| {
                let h: String = h
                    .split('.')
                    .next()
                    .unwrap_or(h)
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .collect();
                !h.is_empty() && (squeezed.contains(&h) || h.contains(&squeezed))
            }))
    };
    for sep in [" | ", " - ", " – ", " — ", " :: ", " « ", " » "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if is_site(tail) {
                return head.trim().to_string();
            }
        }
        if let Some((head, tail)) = title.split_once(sep) {
            if is_site(head) {
                return tail.trim().to_string();
            }
        }
    }
    title
}

/// Body text without navigation and furniture elements, for pages Readability declines.
fn body_text(html: &str) -> String {
    let doc = Document::from(html);
    doc.select("script, style, noscript, nav, header, footer, aside, form, iframe, svg")
        .remove();
    let body = doc.select("body");
    let text = if body.exists() {
        body.formatted_text()
    } else {
        doc.root().formatted_text()
    };
    text.to_string()
}

/// Readability's byline guess is often a section label («منوعات», «Politics»): a name
/// has at least two words and no more than six.
fn looks_like_name(s: &str) -> bool {
    (2..=6).contains(&s.split_whitespace().count())
}

/// White space folded to single spaces, HTML entities already decoded by the parser.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const PAGE: &str = r#"<!doctype html><html><head>
        <title>الوزيران يبحثان التهدئة - موقع الأخبار</title>
        <meta property="og:site_name" content="موقع الأخبار">
        <link rel="canonical" href="https://news.example/2024/05/07/talks">
        <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
          "datePublished":"2024-05-06T09:30:00+03:00","dateModified":"2024-05-08T10:00:00+03:00",
          "author":[{"@type":"Person","name":"سامي الأحمد"}],"publisher":{"name":"موقع الأخبار"}}</script>
        </head><body><nav><a href="/">الرئيسية</a> <a href="/pol">سياسة</a></nav>
        <article><h1>الوزيران يبحثان التهدئة</h1>
        <p>بحث وزير الخارجية الأردني مع نظيره المصري، اليوم الاثنين، في عمان سبل التهدئة في المنطقة والعلاقات الثنائية بين البلدين.</p>
        <p>وأكد الوزيران في مؤتمر صحفي مشترك أهمية مواصلة التنسيق بين البلدين في المرحلة المقبلة لمواجهة التحديات المشتركة.</p>
        <p>وقال الوزير الأردني إن الاتصالات مستمرة مع الأطراف المعنية كافة من أجل الوصول إلى وقف دائم لإطلاق النار.</p>
        </article><footer>جميع الحقوق محفوظة</footer></body></html>"#;

    #[test]
    fn reads_article_and_metadata() {
        let p = read_html(PAGE, None);
        assert_eq!(p.title.as_deref(), Some("الوزيران يبحثان التهدئة"));
        assert_eq!(
            p.published.as_deref(),
            Some("2024-05-06"),
            "datePublished, not dateModified"
        );
        assert_eq!(p.authors, ["سامي الأحمد"]);
        assert_eq!(p.outlet.as_deref(), Some("موقع الأخبار"));
        assert_eq!(
            p.url.as_deref(),
            Some("https://news.example/2024/05/07/talks")
        );
        assert!(p.text.contains("بحث وزير الخارجية الأردني"));
        assert!(!p.text.contains("جميع الحقوق"));
        assert!(p.text.contains("\n\n"), "one block a line: {:?}", p.text);
    }

    #[test]
    fn url_path_dates() {
        assert_eq!(
            date_in_url("http://arabic.cnn.com/2013/middle_east/8/3/syria/index.html").as_deref(),
            Some("2013-08-03")
        );
        assert_eq!(
            date_in_url("https://x.example/2024/05/07/a").as_deref(),
            Some("2024-05-07")
        );
        assert_eq!(date_in_url("https://x.example/news/898682/a"), None);
    }

    #[test]
    fn strips_site_names() {
        assert_eq!(
            strip_site_name("عنوان الخبر | LBCI Lebanon", Some("LBCI"), None),
            "عنوان الخبر"
        );
        assert_eq!(
            strip_site_name(
                "Site News - Headline here",
                None,
                Some("https://sitenews.com/a")
            ),
            "Headline here"
        );
        assert_eq!(
            strip_site_name("بوتين - أردوغان: قمة", None, None),
            "بوتين - أردوغان: قمة"
        );
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,300}", cut in 0usize..2000) {
            let _ = read_html(&s, None);
            let end = PAGE.char_indices().map(|(i, _)| i).nth(cut).unwrap_or(PAGE.len());
            let _ = read_html(&PAGE[..end], Some("not a url"));
        }
    }
}
