//! Tokens of folded text: words, numbers, punctuation and line breaks.
//!
//! The grammar reads tokens, not characters, so that every pattern looks a bounded
//! number of tokens ahead and the whole scan stays linear in the text. A token keeps
//! its byte range in the folded text; [`crate::find_dates`] maps ranges back to
//! characters of the original once per found expression.

use crate::families::{self, Month};
use crate::lexicon::{self, Lex};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A run of letters.
    Word,
    /// A run of ASCII digits (Arabic-Indic and Persian digits are folded to ASCII).
    Num,
    /// One character that is neither letter, digit nor space.
    Punct,
    /// A line break: dates never run across lines.
    Break,
}

/// One token.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok<'t> {
    /// Its kind.
    pub kind: Kind,
    /// The folded text of the token.
    pub text: &'t str,
    /// Character range in the folded text (what `Folded::span_of_chars` takes).
    pub chars: (usize, usize),
    /// Whether the token touches the one before it (no space between): «و2022», «2024م».
    pub glued: bool,
    /// The word's role in date grammar, looked up once.
    pub lex: Option<Lex>,
    /// The number's value, when it is a number of at most four digits.
    pub num: Option<u32>,
    /// Whether a month name may start here.
    pub month_start: bool,
}

impl Tok<'_> {
    /// Whether this is the punctuation character `c`.
    pub fn is(&self, c: char) -> bool {
        self.kind == Kind::Punct && self.text.starts_with(c)
    }
}

/// Splits folded text into tokens.
pub(crate) fn tokenize(folded: &str) -> Vec<Tok<'_>> {
    let mut toks: Vec<Tok<'_>> = Vec::with_capacity(folded.len() / 4);
    let mut glued = false;
    let mut it = folded.char_indices().peekable();
    let mut nchar = 0;
    while let Some((start, c)) = it.next() {
        let cstart = nchar;
        nchar += 1;
        if c == '\n' {
            if toks.last().is_some_and(|t| t.kind != Kind::Break) {
                toks.push(Tok::new(
                    Kind::Break,
                    folded,
                    (start, start + 1),
                    (cstart, nchar),
                    false,
                ));
            }
            glued = false;
            continue;
        }
        if c.is_whitespace() {
            glued = false;
            continue;
        }
        let kind = if c.is_ascii_digit() {
            Kind::Num
        } else if marsad_text::chars::is_alphabetic(c) {
            Kind::Word
        } else {
            Kind::Punct
        };
        let mut end = start + c.len_utf8();
        if kind != Kind::Punct {
            while let Some(&(b, d)) = it.peek() {
                let same = match kind {
                    Kind::Num => d.is_ascii_digit(),
                    _ => marsad_text::chars::is_alphabetic(d) && !d.is_ascii_digit(),
                };
                if !same {
                    break;
                }
                end = b + d.len_utf8();
                nchar += 1;
                it.next();
            }
        }
        let touches = glued && !toks.is_empty();
        toks.push(Tok::new(
            kind,
            folded,
            (start, end),
            (cstart, nchar),
            touches,
        ));
        glued = true;
    }
    toks
}

impl<'t> Tok<'t> {
    fn new(
        kind: Kind,
        folded: &'t str,
        (start, end): (usize, usize),
        chars: (usize, usize),
        glued: bool,
    ) -> Tok<'t> {
        let text = &folded[start..end];
        let (lex, num, month_start) = match kind {
            Kind::Word => {
                let month_start = families::starts_month(text)
                    || lexicon::strip_conjunction(text).is_some_and(families::starts_month);
                (lexicon::lookup(text), None, month_start)
            }
            Kind::Num if text.len() <= 4 => (None, text.parse().ok(), false),
            _ => (None, None, false),
        };
        Tok {
            kind,
            text,
            chars,
            glued,
            lex,
            num,
            month_start,
        }
    }
}

/// The month name starting at token `i`, if any (the first word may carry و or ف).
pub(crate) fn month_at(toks: &[Tok<'_>], i: usize) -> Option<Month> {
    let t = toks.get(i)?;
    if !t.month_start {
        return None;
    }
    let next = |k: usize| {
        toks.get(i + 1 + k)
            .filter(|t| t.kind == Kind::Word)
            .map(|t| t.text)
    };
    families::lookup(t.text, next).or_else(|| {
        let rest = lexicon::strip_conjunction(t.text)?;
        families::lookup(rest, next)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_words_numbers_and_marks() {
        let toks = tokenize("في 19/8/2024 و2022م\nالاثنين");
        let shown: Vec<(&str, bool)> = toks.iter().map(|t| (t.text, t.glued)).collect();
        assert_eq!(
            shown,
            [
                ("في", false),
                ("19", false),
                ("/", true),
                ("8", true),
                ("/", true),
                ("2024", true),
                ("و", false),
                ("2022", true),
                ("م", true),
                ("\n", false),
                ("الاثنين", false),
            ]
        );
        assert_eq!(toks[1].num, Some(19));
        assert_eq!(toks[9].kind, Kind::Break);
    }
}
