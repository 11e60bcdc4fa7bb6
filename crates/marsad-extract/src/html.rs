//! HTML main text and metadata. (Being written.)

/// What the HTML reader found in a page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtmlPage {
    /// Main text, one block (paragraph, heading, list item) a line.
    pub text: String,
    /// Headline.
    pub title: Option<String>,
    /// Publication date, ISO 8601.
    pub published: Option<String>,
    /// Bylines.
    pub authors: Vec<String>,
    /// Site or publisher name.
    pub outlet: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
}

/// Reads a decoded page.
pub fn read_html(html: &str, _url: Option<&str>) -> HtmlPage {
    HtmlPage {
        text: html.to_string(),
        ..HtmlPage::default()
    }
}
