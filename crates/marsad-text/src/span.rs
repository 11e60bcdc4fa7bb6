//! Character spans into a text.

use std::fmt;

/// A half-open range `[start, end)` of characters (Unicode scalar values) into a text.
///
/// Marsad counts characters, not bytes, because that is what SCHEMA.md promises to
/// consumers in every language. `start <= end` holds by construction, so no consumer
/// checks it again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    ///
    /// # Panics
    /// When `start > end`: that is a bug in the caller, never a property of the input.
    pub fn new(start: usize, end: usize) -> Span {
        assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    /// Number of characters covered.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers nothing.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The covered slice of `text` (which must be the text the span was made for).
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        let mut it = text.char_indices().map(|(b, _)| b).chain([text.len()]);
        let from = it.nth(self.start).unwrap_or(text.len());
        let to = if self.is_empty() {
            from
        } else {
            it.nth(self.len() - 1).unwrap_or(text.len())
        };
        &text[from..to]
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_by_characters() {
        let t = "باكو/ الأناضول";
        assert_eq!(Span::new(0, 4).slice(t), "باكو");
        assert_eq!(Span::new(6, 14).slice(t), "الأناضول");
        assert_eq!(Span::new(3, 3).slice(t), "");
    }

    #[test]
    #[should_panic]
    fn rejects_reversed() {
        Span::new(2, 1);
    }
}
