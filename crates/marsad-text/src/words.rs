//! Word tokens with their character spans.

use crate::Span;

/// A run of letters, digits or combining marks, with its place in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'t> {
    /// The word as written.
    pub text: &'t str,
    /// Where it stands, in characters.
    pub span: Span,
}

/// The words of `text`: maximal runs of alphanumeric characters and marks (tashkeel and
/// tatweel stay inside the word they decorate). Punctuation and spaces separate words
/// and are not returned.
///
/// ```
/// let w: Vec<_> = marsad_text::words("بوتين، الثلاثاء: 3+3").map(|w| w.text).collect();
/// assert_eq!(w, ["بوتين", "الثلاثاء", "3", "3"]);
/// ```
pub fn words(text: &str) -> impl Iterator<Item = Word<'_>> {
    let mut chars = text.char_indices().enumerate().peekable();
    std::iter::from_fn(move || {
        // Skip separators.
        let (start_char, (start_byte, _)) = loop {
            let &(ci, (bi, c)) = chars.peek()?;
            if is_word_char(c) {
                break (ci, (bi, c));
            }
            chars.next();
        };
        let mut end_char = start_char;
        let mut end_byte = start_byte;
        while let Some(&(ci, (bi, c))) = chars.peek() {
            if !is_word_char(c) {
                break;
            }
            end_char = ci + 1;
            end_byte = bi + c.len_utf8();
            chars.next();
        }
        Some(Word {
            text: &text[start_byte..end_byte],
            span: Span::new(start_char, end_char),
        })
    })
}

/// Letters, digits, Arabic marks and tatweel belong to words: [`words`] returns the
/// maximal runs of these.
pub fn is_word_char(c: char) -> bool {
    crate::chars::is_alphanumeric(c)
        || matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_index_characters() {
        let t = "وقال بوتين: «نعم»";
        let w: Vec<_> = words(t).collect();
        assert_eq!(w.len(), 3);
        assert_eq!(w[1].span.slice(t), "بوتين");
        assert_eq!(w[2].text, "نعم");
    }

    #[test]
    fn keeps_marks_inside_words() {
        let w: Vec<_> = words("وأذربيجانُ ـــ").map(|w| w.text).collect();
        assert_eq!(w, ["وأذربيجانُ", "ـــ"]);
    }
}
