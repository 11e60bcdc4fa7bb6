//! Arabic-folded full-text search: what goes into the FTS5 index, how a query becomes an
//! FTS5 expression, and the snippet cut from the original text.
//!
//! The index holds the *folded* title and text (`marsad_text`'s `Match` chain: alef
//! forms, ى, ة, hamza seats, tashkeel, tatweel, digits, case), so «قرة باغ» finds «قره
//! باغ» and «أذربيجان» finds «اذربيجان». FTS5's `unicode61` tokenizer then splits words
//! on what is not a letter or a digit, which after folding is what Marsad calls a word.
//!
//! Arabic writes conjunctions, prepositions and the article joined to the next word
//! (وقره باغ، بالكرملين). A third indexed column, `bare`, holds each word that opens with
//! such a proclitic stack with the stack taken off (longest first, and only when at least
//! three letters remain); a query word is looked for as written *or* as its own bare form
//! in any column. So «الكرملين» finds «للكرملين» and «والكرملين» (all three are «كرملين»
//! bare), and «قره» finds «وقره». The cost: a name that merely starts with those letters
//! is also indexed without them (بيروت under «يروت» as well), which only matters to a
//! query for the shorter word.

use marsad_text::clitics::PREFIXES;
use marsad_text::{fold, fold_str, words, Chain};

/// Fewest letters a word keeps once its proclitics are taken off.
const MIN_BARE_CHARS: usize = 3;

/// Characters of context on each side of the match in a snippet.
const SNIPPET_CONTEXT: usize = 70;

/// The folded form of `text` for the index.
pub fn folded(text: &str) -> String {
    fold_str(text, Chain::Match)
}

/// The `bare` column for folded text: the proclitic-stripped form of every word that has
/// one, space-separated.
pub fn bare_words(folded: &str) -> String {
    let mut out = String::new();
    for w in words(folded) {
        if let Some(b) = bare(w.text) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(b);
        }
    }
    out
}

/// A folded word without its proclitic stack, when it has one and enough stays.
fn bare(word: &str) -> Option<&str> {
    PREFIXES
        .iter()
        .filter(|p| word.starts_with(**p))
        .map(|p| &word[p.len()..])
        .filter(|rest| rest.chars().count() >= MIN_BARE_CHARS)
        .min_by_key(|rest| rest.len())
}

/// The folded words of a query.
pub fn terms(query: &str) -> Vec<String> {
    words(&folded(query)).map(|w| w.text.to_string()).collect()
}

/// The FTS5 expression for a query: every word must occur (as written or bare), in any
/// column; `None` when the query has no word. Words are quoted, so FTS5 operators typed
/// by a user (`AND`, `NEAR`, `*`, `-`) are searched as words, never parsed.
pub fn fts_query(query: &str) -> Option<String> {
    let parts: Vec<String> = terms(query)
        .iter()
        .map(|t| match bare(t) {
            Some(b) => format!("(\"{}\" OR \"{}\")", quote(t), quote(b)),
            None => format!("\"{}\"", quote(t)),
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(" AND "))
}

fn quote(term: &str) -> String {
    term.replace('"', "\"\"")
}

/// A line of the original `text` around the first place one of `terms` (folded) occurs,
/// with the match in brackets; the text's opening when none is found.
pub fn snippet(text: &str, terms: &[String]) -> String {
    let f = fold(text, Chain::Match);
    let first = terms
        .iter()
        .filter(|t| !t.is_empty())
        .filter_map(|t| f.text.find(t.as_str()).map(|at| (at, at + t.len())))
        .min();
    let chars: Vec<char> = text.chars().collect();
    let flat = |from: usize, to: usize| -> String {
        chars[from..to]
            .iter()
            .map(|&c| if c.is_whitespace() { ' ' } else { c })
            .collect()
    };
    let Some((start, end)) = first else {
        let to = chars.len().min(2 * SNIPPET_CONTEXT);
        let ell = if to < chars.len() { "…" } else { "" };
        return format!("{}{ell}", flat(0, to));
    };
    let span = f.span_of_bytes(start, end);
    let from = span.start.saturating_sub(SNIPPET_CONTEXT);
    let to = (span.end + SNIPPET_CONTEXT).min(chars.len());
    format!(
        "{}{}[{}]{}{}",
        if from > 0 { "…" } else { "" },
        flat(from, span.start),
        flat(span.start, span.end),
        flat(span.end, to),
        if to < chars.len() { "…" } else { "" },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_forms_take_the_longest_stack_off() {
        assert_eq!(bare("والكرملين"), Some("كرملين"));
        assert_eq!(bare("للكرملين"), Some("كرملين"));
        assert_eq!(bare("وقره"), Some("قره"));
        assert_eq!(bare("قره"), None);
        // Too little left: «ولد» stays a word.
        assert_eq!(bare("ولد"), None);
        assert_eq!(bare_words("وقره باغ والكرملين"), "قره كرملين");
    }

    #[test]
    fn queries_are_folded_and_quoted() {
        assert_eq!(fts_query("قرة باغ").unwrap(), "\"قره\" AND \"باغ\"");
        assert_eq!(
            fts_query("الكرملين").unwrap(),
            "(\"الكرملين\" OR \"كرملين\")"
        );
        assert_eq!(fts_query("NEAR \" *").unwrap(), "\"near\"");
        assert_eq!(fts_query("؟!"), None);
    }

    #[test]
    fn snippet_marks_the_match_in_the_original() {
        let text = "بحث الرئيسان الوضع في قرةَ باغ والعلاقات.";
        assert_eq!(
            snippet(text, &terms("قره")),
            "بحث الرئيسان الوضع في [قرةَ] باغ والعلاقات."
        );
        assert_eq!(snippet("نص قصير", &terms("غائب")), "نص قصير");
    }
}
