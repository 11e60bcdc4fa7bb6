//! Highlighted snippets for search hits: the original text around the first match, cut
//! into plain and matched pieces (the UI shows the pieces as text; no markup is made
//! from page text anywhere).

use marsad_text::{fold, Chain};
use serde::Serialize;

/// Characters of context before the first match.
const BEFORE: usize = 80;
/// Characters of snippet after the first match's start.
const AFTER: usize = 220;

/// A piece of a snippet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Piece {
    /// The original text.
    pub text: String,
    /// Whether it is a match.
    pub hit: bool,
}

/// The snippet of `text` for folded `terms`: pieces, with `…` where text was cut.
pub fn snippet(text: &str, terms: &[String]) -> Vec<Piece> {
    let f = fold(text, Chain::Match);
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for t in terms.iter().filter(|t| !t.is_empty()) {
        let mut from = 0;
        while let Some(at) = f.text[from..].find(t.as_str()) {
            let (s, e) = (from + at, from + at + t.len());
            let span = f.span_of_bytes(s, e);
            spans.push((span.start, span.end));
            from = e;
        }
    }
    spans.sort_unstable();
    let chars: Vec<char> = text.chars().collect();
    let flat = |a: usize, b: usize| -> String {
        chars[a..b]
            .iter()
            .map(|&c| if c.is_whitespace() { ' ' } else { c })
            .collect()
    };
    let first = spans.first().map_or(0, |s| s.0);
    let from = first.saturating_sub(BEFORE);
    let to = (first + AFTER).min(chars.len());
    let mut out = Vec::new();
    let mut at = from;
    if from > 0 {
        out.push(Piece {
            text: "…".into(),
            hit: false,
        });
    }
    for (s, e) in spans {
        let (s, e) = (s.max(at), e.min(to));
        if s >= e {
            continue;
        }
        if s > at {
            out.push(Piece {
                text: flat(at, s),
                hit: false,
            });
        }
        out.push(Piece {
            text: flat(s, e),
            hit: true,
        });
        at = e;
    }
    if at < to {
        out.push(Piece {
            text: flat(at, to),
            hit: false,
        });
    }
    if to < chars.len() {
        out.push(Piece {
            text: "…".into(),
            hit: false,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_match_is_a_piece_of_its_own_in_the_original_spelling() {
        let terms = marsad_store::search::terms("قرة باغ");
        let p = snippet("بحث الرئيسان الوضع في قرةَ باغ والعلاقات.", &terms);
        let hits: Vec<&str> = p
            .iter()
            .filter(|p| p.hit)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(hits, vec!["قرةَ", "باغ"]);
        let all: String = p.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(all, "بحث الرئيسان الوضع في قرةَ باغ والعلاقات.");
        assert!(snippet("نص", &terms).iter().all(|p| !p.hit));
    }
}
