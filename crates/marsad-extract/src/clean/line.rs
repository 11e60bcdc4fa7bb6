//! A line of a page and what the cleaner measures on it.

use super::lexicon::{self, Hit, Kind};

/// One non-blank line of the page, with the features the classifier reads.
#[derive(Debug, Clone)]
pub struct Line<'t> {
    /// Line number in the page, from 1.
    pub no: usize,
    /// The line without surrounding white space and without a list bullet.
    pub text: &'t str,
    /// The line's [`lexicon::key`] form.
    pub key: String,
    /// Number of words.
    pub words: usize,
    /// Number of function words (في، من، أن، the, de …).
    pub function_words: usize,
    /// Vocabulary hits.
    pub hits: Vec<Hit>,
    /// The line began with a list bullet (•, -, *, ▪ …).
    pub bulleted: bool,
    /// The line ends the way sentences end (. ! ? ؟ …), quotes and brackets aside.
    pub ends_sentence: bool,
    /// Contains a URL, a `pic.twitter.com` link or an e-mail address.
    pub has_link: bool,
    /// Contains an @handle in brackets, as tweet embeds sign off.
    pub has_handle: bool,
    /// Letters in the Arabic script.
    pub arabic: usize,
    /// Letters in the Latin script.
    pub latin: usize,
}

const BULLETS: &[char] = &[
    '•', '-', '*', '▪', '►', '·', '–', '—', '◦', '■', '●', '»', '>',
];

impl<'t> Line<'t> {
    /// Measures one line.
    pub fn new(no: usize, raw: &'t str) -> Line<'t> {
        let trimmed = raw.trim();
        let unbulleted = trimmed.trim_start_matches(BULLETS).trim_start();
        // A dash that opens a sentence («- قال …») is as much a bullet as «•».
        // A line of bullets alone stays as it is, so it still gets a verdict.
        let bulleted =
            unbulleted.len() < trimmed.len() && !unbulleted.is_empty() && !trimmed.starts_with("—");
        let text = if bulleted { unbulleted } else { trimmed };
        let key = lexicon::key(text);
        let (words, function_words) = lexicon::count_words(&key);
        let hits = lexicon::hits(&key);
        let (mut arabic, mut latin) = (0, 0);
        for c in text.chars() {
            if ('\u{0620}'..='\u{064A}').contains(&c) || ('\u{066E}'..='\u{06D3}').contains(&c) {
                arabic += 1;
            } else if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) {
                latin += 1;
            }
        }
        let lower = text.to_ascii_lowercase();
        let has_link = lower.contains("http://")
            || lower.contains("https://")
            || lower.contains("www.")
            || lower.contains("pic.twitter.com")
            || lower.contains("t.co/")
            || has_email(text);
        let has_handle = text.contains("(@") || text.contains("( @");
        Line {
            no,
            text,
            key,
            words,
            function_words,
            hits,
            bulleted,
            ends_sentence: ends_sentence(text),
            has_link,
            has_handle,
            arabic,
            latin,
        }
    }

    /// Number of vocabulary hits of `kind`.
    pub fn count(&self, kind: Kind) -> usize {
        self.hits.iter().filter(|h| h.kind == kind).count()
    }

    /// Whether the line has a hit of `kind`.
    pub fn has(&self, kind: Kind) -> bool {
        self.hits.iter().any(|h| h.kind == kind)
    }

    /// Whether a term of `kind` opens the line.
    pub fn starts_with(&self, kind: Kind) -> bool {
        self.hits.iter().any(|h| h.kind == kind && h.start <= 1)
    }

    /// The line's words that are not covered by a vocabulary term of one of `kinds`.
    pub fn words_outside(&self, kinds: &[Kind]) -> usize {
        let covered: usize = self
            .hits
            .iter()
            .filter(|h| kinds.contains(&h.kind))
            .map(|h| self.key[h.start..h.end].split_whitespace().count())
            .sum();
        self.words.saturating_sub(covered)
    }

    /// Words of two letters or more: «م ح/ س ص», an editor's initials, is not four words.
    pub fn words_of_two_letters(&self) -> usize {
        self.key
            .split_whitespace()
            .filter(|w| w.chars().nth(1).is_some())
            .count()
    }

    /// Share of function words among the words.
    pub fn function_density(&self) -> f32 {
        if self.words == 0 {
            0.0
        } else {
            self.function_words as f32 / self.words as f32
        }
    }

    /// Whether the line is only numbers and punctuation (post counts, scores, times).
    pub fn is_numeric(&self) -> bool {
        self.arabic + self.latin == 0
    }
}

fn ends_sentence(text: &str) -> bool {
    let core = text.trim_end_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '"' | '\'' | '”' | '“' | '»' | '«' | ')' | ']' | '″' | '’'
            )
    });
    core.ends_with(['.', '!', '?', '؟', '…', '。', '؛'])
}

fn has_email(text: &str) -> bool {
    text.split_whitespace().any(|w| {
        let mut parts = w.split('@');
        matches!((parts.next(), parts.next(), parts.next()), (Some(a), Some(b), None)
            if !a.is_empty() && b.contains('.') && a.is_ascii() && b.is_ascii())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_a_sentence() {
        let l = Line::new(1, "  وأشار البيان إلى رد القوات لمصادر النيران.  ");
        assert_eq!(l.words, 7);
        assert!(l.ends_sentence);
        assert!(!l.bulleted);
        assert_eq!(l.function_words, 1);
    }

    #[test]
    fn sees_bullets_links_and_handles() {
        let l = Line::new(1, "• كأس أمم إفريقيا 2025");
        assert!(l.bulleted);
        assert_eq!(l.text, "كأس أمم إفريقيا 2025");
        assert!(Line::new(1, "see pic.twitter.com/abc").has_link);
        assert!(Line::new(1, "— Agency (@agency) May 1, 2024").has_handle);
        assert!(Line::new(1, "- 34,416").is_numeric());
        assert!(Line::new(1, "قال: \"نعم\".").ends_sentence);
    }
}
