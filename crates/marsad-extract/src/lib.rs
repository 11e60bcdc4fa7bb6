//! From a page as scraped or served to a clean [`Document`]: charset, main text, page
//! cleaning, metadata and language.
//!
//! # Brief overview
//!
//! * [`Source`] is one page: its bytes, whether they are text or HTML, its name (`doc`)
//!   and the [`Hints`] a crawler may give (URL, publication date, outlet).
//! * [`extract`] is the pure per-page function: [`decode`] the bytes, for HTML take the
//!   main text and metadata with [`html`], then [`clean`] the lines (boilerplate,
//!   repeated paragraphs, title, datelines and bylines) and identify the language.
//! * [`prepare`] and [`Prepared::finish`] are the two halves of [`extract`], for callers
//!   that learn site [`template`]s from a batch of pages before cleaning them (`marsad
//!   ingest`): lines a site repeats on many of its pages are dropped like furniture.
//! * [`sources`] is the I/O edge: it walks paths, reads `.txt`, `.html` and `.jsonl`
//!   files and the TSV sidecar, and turns each into [`Source`]s, reporting bad files as
//!   [`Error`]s that name the file and record.
//!
//! The design decision: HTML and text pages meet at one representation, *lines*, and go
//! through the same cleaner. Readability-style extraction finds the article region of an
//! HTML page but keeps some lists and captions; scraped text has no markup at all. A
//! line classifier that works from what a line says and where it stands serves both.
//!
//! ```
//! use marsad_extract::{extract, Format, Hints, Source};
//! let page = "الرئيسية\nأخبار\n\nبحث الرئيس الروسي مع نظيره الإيراني في اتصال هاتفي، الثلاثاء، الوضع في المنطقة والعلاقات الثنائية بين البلدين.\n\nشارك على فيسبوك\n";
//! let docs = extract(&Source::new("a.txt", Format::Text, page.as_bytes(), Hints::default())).unwrap();
//! assert!(docs[0].text.starts_with("بحث الرئيس الروسي"));
//! assert!(!docs[0].text.contains("فيسبوك"));
//! ```
#![deny(missing_docs)]

pub mod clean;
pub mod decode;
mod error;
pub mod html;
pub mod input;
pub mod jsonl;
pub mod page;
pub mod sidecar;
pub mod sources;
pub use clean::template;
pub mod walk;
pub mod warc;

pub use clean::LineReport;
pub use error::{Error, Record};
use marsad_schema::Document;

/// How a page's bytes are to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A page already turned into text, as scraped.
    Text,
    /// A page as served.
    Html,
}

/// What a crawler or sidecar says about a page. Hints win over what the page says
/// of itself, because a crawler's metadata is usually right and page stamps are often
/// update times.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hints {
    /// Canonical URL.
    pub url: Option<String>,
    /// Publication date, ISO 8601.
    pub published: Option<String>,
    /// When the crawler took the page (`WARC-Date`, a feed's `crawled`).
    pub crawled: Option<String>,
    /// The headline, when the source gives it apart from the text (a feed's `title`).
    pub title: Option<String>,
    /// Publisher.
    pub outlet: Option<String>,
    /// The HTTP `Content-Type` header, when the page came with one.
    pub content_type: Option<String>,
}

/// One page to extract.
#[derive(Debug, Clone)]
pub struct Source<'a> {
    /// The record's `doc`: a path, a URL or a WARC record id.
    pub doc: String,
    /// Text or HTML.
    pub format: Format,
    /// The raw bytes.
    pub bytes: &'a [u8],
    /// Crawler metadata.
    pub hints: Hints,
}

impl<'a> Source<'a> {
    /// A page to extract.
    pub fn new(doc: impl Into<String>, format: Format, bytes: &'a [u8], hints: Hints) -> Self {
        Source {
            doc: doc.into(),
            format,
            bytes,
            hints,
        }
    }
}

/// Extracts one page: the article as a [`Document`] with `text`, `title`, `outlet`,
/// `authors`, `published`, `url` and `lang` filled.
///
/// Returns an error when the bytes are not text (empty, binary, undecodable) or when
/// nothing article-like survives cleaning. Never panics on input.
pub fn extract(source: &Source<'_>) -> Result<Vec<Document>, Error> {
    extract_explained(source).map(|(docs, _)| docs)
}

/// [`extract`], with the cleaner's verdict on every line of the page (what
/// `marsad extract --explain` prints).
pub fn extract_explained(source: &Source<'_>) -> Result<(Vec<Document>, Vec<LineReport>), Error> {
    prepare(source)?.finish(None)
}

/// A page decoded and, for HTML, reduced to its main text and metadata: everything
/// [`extract`] does before cleaning. Split off so that a caller that learns site
/// templates ([`template`]) can read a batch's lines before any of them is cleaned.
#[derive(Debug, Clone)]
pub struct Prepared {
    doc: String,
    hints: Hints,
    text: String,
    found: html::HtmlPage,
}

/// Decodes a page and finds its main text: the first half of [`extract`].
pub fn prepare(source: &Source<'_>) -> Result<Prepared, Error> {
    if source.bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::Empty);
    }
    let (text, found) = match source.format {
        Format::Text => (
            decode::decode_text(source.bytes)?,
            html::HtmlPage::default(),
        ),
        Format::Html => {
            let decoded = decode::decode_html(source.bytes, source.hints.content_type.as_deref())?;
            let mut page = html::read_html(&decoded, source.hints.url.as_deref());
            (std::mem::take(&mut page.text), page)
        }
    };
    Ok(Prepared {
        doc: source.doc.clone(),
        hints: source.hints.clone(),
        text,
        found,
    })
}

impl Prepared {
    /// The record's `doc`.
    pub fn doc(&self) -> &str {
        &self.doc
    }

    /// The site the page belongs to, for its template: the host of its URL (the
    /// crawler's, else the page's canonical one), else its outlet ([`template::host_of`]).
    pub fn host(&self) -> Option<String> {
        let url = self.hints.url.as_deref().or(self.found.url.as_deref());
        let outlet = self
            .hints
            .outlet
            .as_deref()
            .or(self.found.outlet.as_deref());
        template::host_of(url, outlet)
    }

    /// The page's distinct line keys, as the template learner counts them.
    pub fn line_keys(&self) -> Vec<u64> {
        template::page_lines(&self.text)
    }

    /// Cleans the page (dropping the lines of `template`, when given) and fills its
    /// record: the second half of [`extract`].
    ///
    /// Should the template leave nothing of the article (a site whose pages are one
    /// text, reposted), the page is cleaned without it: a template never costs an
    /// article.
    pub fn finish(
        self,
        template: Option<&template::Template>,
    ) -> Result<(Vec<Document>, Vec<LineReport>), Error> {
        let Prepared {
            doc,
            hints,
            text,
            found,
        } = self;
        let known_title = found.title.as_deref().or(hints.title.as_deref());
        let mut cleaned = clean::clean_with(&text, known_title, template);
        if template.is_some() && cleaned.body.trim().is_empty() {
            cleaned = clean::clean(&text, known_title);
        }
        if cleaned.body.trim().is_empty() {
            cleaned.body = one_sentence(&mut cleaned.report).ok_or(Error::NoText)?;
        }
        let mut doc = Document::new(doc, cleaned.body);
        doc.title = cleaned.title;
        doc.url = hints.url.or(found.url);
        doc.outlet = hints.outlet.or(found.outlet).or(cleaned.outlet);
        doc.published = hints.published.or(found.published).or(cleaned.published);
        doc.crawled = hints.crawled;
        doc.authors = if found.authors.is_empty() {
            cleaned.authors
        } else {
            found.authors
        };
        doc.lang = marsad_text::lang::identify(&doc.text).map(str::to_string);
        Ok((vec![doc], cleaned.report))
    }
}

/// A text that is one sentence of prose and nothing else («ولم ينم آصف جيدا منذ اغتيال
/// زوجته.»: a wire sentence, a record of an annotated corpus) is an article of one
/// sentence: the cleaner keeps short lines only beside longer prose, and without this such
/// a text would be lost for its shape. Furniture, captions and lines that end no sentence
/// are still dropped.
fn one_sentence(report: &mut [LineReport]) -> Option<String> {
    let mut lines = report.iter_mut().filter(|l| !l.text.trim().is_empty());
    let line = lines.next()?;
    let text = line.text.trim();
    let ends_sentence = text
        .trim_end_matches(['»', '"', '”', ')', '\'', ' '])
        .ends_with(['.', '!', '?', '؟', '…']);
    let words = text.split_whitespace().count();
    if lines.next().is_some()
        || line.reason != clean::Reason::AmongFurniture
        || !ends_sentence
        || words < 3
    {
        return None;
    }
    let text = text.to_string();
    line.kept = true;
    line.reason = clean::Reason::OneSentence;
    Some(text)
}
