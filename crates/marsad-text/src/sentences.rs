//! Sentence splitting on Arabic and Latin punctuation and line breaks.

use crate::Span;

/// The sentences of `text`, as spans without surrounding white space.
///
/// A sentence ends at a line break, or after `.`, `!`, `?`, `؟`, `؛`, `…` (and any
/// closing quotes or brackets after them) followed by white space. A full stop does not
/// end a sentence inside a number or abbreviation (`3.5`, `19.08.2024`, `سي.سي.تي.في`)
/// nor after a single letter (`د. محمد`, `U.S.`), because those are not followed by
/// white space or stand after a one-letter word.
///
/// ```
/// let t = "بحث الرئيسان الوضع. وقال د. أحمد: «نعم»! ثم انتهى\nسطر آخر";
/// let s: Vec<&str> = marsad_text::sentences(t).iter().map(|s| s.slice(t)).collect();
/// assert_eq!(s, ["بحث الرئيسان الوضع.", "وقال د. أحمد: «نعم»!", "ثم انتهى", "سطر آخر"]);
/// ```
pub fn sentences(text: &str) -> Vec<Span> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let end = if c == '\n' {
            Some(i)
        } else if matches!(c, '.' | '!' | '?' | '؟' | '؛' | '…') {
            // Take closing punctuation and quotes with the sentence.
            let mut j = i + 1;
            while j < chars.len() && is_closer(chars[j]) {
                j += 1;
            }
            let followed_by_space = j == chars.len() || chars[j].is_whitespace();
            // Scraped text often loses the space after a full stop: «لن يتأخر».ودعت».
            // An Arabic letter right after the punctuation starts a sentence too, unless
            // the full stop follows a short word (the letters of an abbreviation such as
            // «سي.سي.تي.في» are one or two letters each).
            let glued = j < chars.len()
                && is_arabic_letter(chars[j])
                && (c != '.'
                    || j > i + 1
                    || word_before(&chars, i) >= 3
                    || i > 0 && is_closer(chars[i - 1]));
            if (followed_by_space || glued) && !(c == '.' && after_single_letter(&chars, i)) {
                i = j - 1;
                Some(j)
            } else {
                None
            }
        } else {
            None
        };
        if let Some(end) = end {
            push_trimmed(&chars, start, end, &mut out);
            start = end;
        }
        i += 1;
    }
    push_trimmed(&chars, start, chars.len(), &mut out);
    out
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '؟' | '"' | '\'' | '»' | '”' | '’' | ')' | ']' | '″' | '…'
    )
}

fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{064A}')
}

/// How many letters the word right before position `at` has.
fn word_before(chars: &[char], at: usize) -> usize {
    chars[..at]
        .iter()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .count()
}

/// `د.` and `U.S.`: a full stop right after a one-letter word.
fn after_single_letter(chars: &[char], dot: usize) -> bool {
    dot >= 1 && chars[dot - 1].is_alphabetic() && (dot == 1 || !chars[dot - 2].is_alphanumeric())
}

fn push_trimmed(chars: &[char], mut start: usize, mut end: usize, out: &mut Vec<Span>) {
    while start < end && chars[start].is_whitespace() {
        start += 1;
    }
    while end > start && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    if start < end {
        out.push(Span::new(start, end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn split(t: &str) -> Vec<&str> {
        sentences(t).iter().map(|s| s.slice(t)).collect()
    }

    #[test]
    fn keeps_numbers_dates_and_dotted_names() {
        assert_eq!(
            split("نما 3.5 في المئة في 19.08.2024 وفق سي.سي.تي.في اليوم."),
            ["نما 3.5 في المئة في 19.08.2024 وفق سي.سي.تي.في اليوم."]
        );
        assert_eq!(
            split("قال: \"نعم.\" ثم غادر؟ لا"),
            ["قال: \"نعم.\"", "ثم غادر؟", "لا"]
        );
        assert_eq!(split("  \n\n "), Vec::<&str>::new());
    }

    #[test]
    fn a_stop_glued_to_the_next_sentence_ends_it() {
        assert_eq!(
            split("وقالت الحركة إن الرد «لن يتأخر».ودعت إلى يوم غضب.وتظاهر المئات؟ثم انتهى"),
            [
                "وقالت الحركة إن الرد «لن يتأخر».",
                "ودعت إلى يوم غضب.",
                "وتظاهر المئات؟",
                "ثم انتهى"
            ]
        );
        // Not inside an abbreviation, a number or a Latin address.
        assert_eq!(
            split("زار موقع sabq.org ومقر سي.ان.ان أمس"),
            ["زار موقع sabq.org ومقر سي.ان.ان أمس"]
        );
    }

    proptest! {
        #[test]
        fn spans_are_ordered_trimmed_and_cover_every_word(t in "[ء-ي a-z0-9.!؟،\n\"»]{0,200}") {
            let spans = sentences(&t);
            let n = t.chars().count();
            let mut last = 0;
            for s in &spans {
                prop_assert!(s.start >= last && s.end <= n && !s.is_empty());
                let text = s.slice(&t);
                prop_assert_eq!(text.trim(), text);
                last = s.end;
            }
            let covered: usize = spans.iter().map(|s| s.slice(&t).chars().filter(|c| !c.is_whitespace()).count()).sum();
            prop_assert_eq!(covered, t.chars().filter(|c| !c.is_whitespace()).count());
        }
    }
}
