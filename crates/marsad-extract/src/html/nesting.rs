//! A bound on element nesting, applied to the markup before it is parsed.
//!
//! html5ever's tree builder looks through the stack of open elements for each tag (the
//! "in scope" checks), so a page of `n` nested elements costs `n²`: 100,000 nested
//! `<div>`s (1.1 MB) took 46 s. No real page nests more than a few dozen levels, so
//! [`cap`] drops every tag that would open an element deeper than a limit (and the end
//! tag that closes it), keeping all the text: the parse then stays linear in the size of
//! the page, and what the page says is still read.
//!
//! The scan is a small tokenizer, linear in the bytes: comments, doctypes and processing
//! instructions are passed over, quoted attribute values may hold `>`, and the text of
//! raw-text elements (`script`, `style`, `textarea`, `title`, …) is never read as tags.
//! Its depth is an approximation of the parser's, erring low: void elements and
//! self-closing tags inside `svg` and `math` are not counted (in HTML, `<div/>` opens a
//! `div`), nor elements the parser closes by itself (`p`,
//! `li`, `td`, `option`, …); an end tag closes the nearest open element of its name
//! within a few levels and is ignored otherwise. A page that never goes past the limit
//! is passed through untouched.

use std::borrow::Cow;
use std::collections::HashMap;

/// Void elements: never open.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "basefont", "bgsound", "frame",
];

/// Elements the parser closes when the next of their kind (or their parent's end)
/// comes: not counted, so sloppy pages of unclosed `<p>`s are not taken for deep ones.
const SELF_CLOSING: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rb",
    "rt", "rp", "rtc", "colgroup", "caption",
];

/// Elements whose content is text up to their own end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// How far down the open elements an end tag looks for its start.
const END_TAG_REACH: usize = 16;

/// The markup with every tag that would nest an element deeper than `max` removed, with
/// its end tag; borrowed when nothing is removed.
pub fn cap(html: &str, max: usize) -> Cow<'_, str> {
    let b = html.as_bytes();
    let mut open: Vec<String> = Vec::new();
    // Start tags dropped and not yet closed, by name.
    let mut dropped: HashMap<String, usize> = HashMap::new();
    let mut cut: Vec<(usize, usize)> = Vec::new();
    // The number of open elements when the outermost open `svg` or `math` was opened:
    // inside, `<x/>` closes itself, as in XML; in HTML, `<div/>` opens a `div`.
    let mut foreign: Option<usize> = None;
    let mut i = 0;
    while let Some(off) = memchr(b'<', &b[i..]) {
        let start = i + off;
        let rest = &b[start + 1..];
        if rest.starts_with(b"!--") {
            i = find(b, start + 4, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        if rest.starts_with(b"!") || rest.starts_with(b"?") {
            i = memchr(b'>', &b[start..]).map_or(b.len(), |e| start + e + 1);
            continue;
        }
        let end_tag = rest.starts_with(b"/");
        let name_at = start + 1 + usize::from(end_tag);
        let name_len = b[name_at..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-' || **c == b':')
            .count();
        if name_len == 0 || !b[name_at].is_ascii_alphabetic() {
            i = start + 1;
            continue;
        }
        let name = html[name_at..name_at + name_len].to_ascii_lowercase();
        let (close, self_closed) = tag_end(b, name_at + name_len);
        i = close;
        if end_tag {
            if let Some(d) = dropped.get_mut(&name) {
                *d -= 1;
                if *d == 0 {
                    dropped.remove(&name);
                }
                cut.push((start, close));
            } else if let Some(at) = open
                .iter()
                .rev()
                .take(END_TAG_REACH)
                .position(|n| *n == name)
            {
                open.truncate(open.len() - 1 - at);
                if foreign.is_some_and(|f| open.len() < f) {
                    foreign = None;
                }
            }
            continue;
        }
        if RAW_TEXT.contains(&name.as_str()) {
            i = raw_text_end(html, close, &name);
        } else if name == "plaintext" {
            break;
        }
        let is_foreign = name == "svg" || name == "math";
        let self_closed = self_closed && (foreign.is_some() || is_foreign);
        if self_closed || VOID.contains(&name.as_str()) || SELF_CLOSING.contains(&name.as_str()) {
            continue;
        }
        if open.len() >= max {
            cut.push((start, close));
            *dropped.entry(name).or_default() += 1;
        } else {
            open.push(name);
            if is_foreign && foreign.is_none() {
                foreign = Some(open.len());
            }
        }
    }
    if cut.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    for (s, e) in cut {
        // Raw text is never cut into: a cut range is a whole tag, found in order.
        out.push_str(&html[at..s]);
        at = e;
    }
    out.push_str(&html[at..]);
    Cow::Owned(out)
}

/// Where a tag whose name ends at `i` ends (after its `>`), and whether it closes itself
/// (`/>`). Quoted attribute values may hold `>`.
fn tag_end(b: &[u8], mut i: usize) -> (usize, bool) {
    let mut quote: Option<u8> = None;
    let mut after_eq = false;
    while i < b.len() {
        let c = b[i];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                b'>' => return (i + 1, i > 0 && b[i - 1] == b'/'),
                b'"' | b'\'' if after_eq => quote = Some(c),
                b'=' => {
                    after_eq = true;
                    i += 1;
                    continue;
                }
                c if c.is_ascii_whitespace() && after_eq => {
                    i += 1;
                    continue;
                }
                _ => {}
            },
        }
        after_eq = false;
        i += 1;
    }
    (b.len(), false)
}

/// Where the raw text of a `name` element that starts at `i` ends: at its end tag.
fn raw_text_end(html: &str, i: usize, name: &str) -> usize {
    let b = html.as_bytes();
    let mut j = i;
    while let Some(off) = find(b, j, b"</") {
        let n = off + 2;
        if b.len() >= n + name.len() && b[n..n + name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return off;
        }
        j = off + 2;
    }
    b.len()
}

fn memchr(c: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&x| x == c)
}

/// The first `needle` in `b` at or after `from`.
fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= b.len() {
        return None;
    }
    b[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_within_the_limit_is_untouched() {
        let html = "<!doctype html><html><body><div class=\"a>b\"><p>x<p>y<br><img src=x/></div>\
                    <script>if (a<b) document.write('<div><div><div>')</script></body></html>";
        assert!(matches!(cap(html, 4), Cow::Borrowed(_)));
    }

    #[test]
    fn tags_past_the_limit_go_and_the_text_stays() {
        let html = "<div><div><div><span>نص</span></div></div></div><p>بعد</p>";
        assert_eq!(cap(html, 2), "<div><div>نص</div></div><p>بعد</p>");
        let deep = format!("{}نص{}", "<div>".repeat(10), "</div>".repeat(10));
        assert_eq!(
            cap(&deep, 3),
            format!("{}نص{}", "<div>".repeat(3), "</div>".repeat(3))
        );
    }

    #[test]
    fn a_slash_closes_only_void_and_foreign_elements() {
        let divs = "<div/>".repeat(5);
        assert_eq!(cap(&divs, 2), "<div/><div/>");
        let icons = format!(
            "<svg>{}</svg><div><div>x</div></div>",
            "<path d=\"M0\"/>".repeat(5)
        );
        assert!(matches!(cap(&icons, 2), Cow::Borrowed(_)));
    }

    #[test]
    fn comments_and_raw_text_are_not_tags() {
        let html =
            "<div><!-- <div><div> --><style>div{}</style><textarea><div><div></textarea>x</div>";
        assert!(matches!(cap(html, 2), Cow::Borrowed(_)));
    }

    #[test]
    fn broken_markup_does_not_panic() {
        for html in [
            "<",
            "<div",
            "<div a=\"",
            "</",
            "<!--",
            "<script>",
            "<a=b>",
            "<ب>",
            "<div é>",
        ] {
            let _ = cap(html, 0);
            let _ = cap(&html.repeat(3), 1);
        }
    }
}
