//! Arabic-folded full-text search: what goes into the FTS5 index, how a query becomes an
//! FTS5 expression, and the snippet cut from the original text.
//!
//! The index holds the *folded* title and text (`marsad_text`'s `Match` chain: alef
//! forms, ى, ة, hamza seats, tashkeel, tatweel, digits, case), so «قرة باغ» finds «قره
//! باغ» and «أذربيجان» finds «اذربيجان», written as its words ([`marsad_text::words`]'s
//! definition) with one space between them ([`index_columns`]). FTS5's `ascii` tokenizer
//! then only has to split on the spaces: it takes every non-ASCII character as part of a
//! token and folds nothing itself. The words are cut, folded and joined in the ingest's
//! worker pool, beside the folding the content hash needs anyway; `unicode61` did the
//! same work again, character class by character class, on the store's one writer
//! thread, where it was a tenth of an ingest's CPU. Query words are cut by the same
//! function, so index and query agree on what a word is.
//!
//! Arabic writes conjunctions, prepositions and the article joined to the next word
//! (وقره باغ، بالكرملين). A third indexed column, `bare`, holds each word that opens with
//! such a proclitic stack with the stack taken off (longest first, and only when at least
//! three letters remain); a query word is looked for as written *or* as its own bare form
//! in any column. So «الكرملين» finds «للكرملين» and «والكرملين» (all three are «كرملين»
//! bare), and «قره» finds «وقره». The cost: a name that merely starts with those letters
//! is also indexed without them (بيروت under «يروت» as well), which only matters to a
//! query for the shorter word.

use marsad_text::clitics::prefixes_of;
use marsad_text::{fold, fold_str, is_word_char, words, Chain};

/// Fewest letters a word keeps once its proclitics are taken off.
const MIN_BARE_CHARS: usize = 3;

/// Characters of context on each side of the match in a snippet.
const SNIPPET_CONTEXT: usize = 70;

/// The folded form of `text` for the index.
pub fn folded(text: &str) -> String {
    fold_str(text, Chain::Match)
}

/// The `documents_fts` columns for a folded title and text: each as its words separated
/// by one space, and `bare`, the proclitic-stripped form of every word of either that has
/// one.
pub fn index_columns(title: &str, text: &str) -> [String; 3] {
    let mut bare_words = String::new();
    let title = index_words(title, &mut bare_words);
    let text = index_words(text, &mut bare_words);
    [title, text, bare_words]
}

/// The words of folded text separated by one space; each word's bare form, if any, is
/// appended to `bare_words`.
fn index_words(folded: &str, bare_words: &mut String) -> String {
    let mut out = String::with_capacity(folded.len());
    for w in folded.split(|c| !is_word_char(c)).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
        if let Some(b) = bare(w) {
            if !bare_words.is_empty() {
                bare_words.push(' ');
            }
            bare_words.push_str(b);
        }
    }
    out
}

/// A folded word without its proclitic stack, when it has one and enough stays.
fn bare(word: &str) -> Option<&str> {
    prefixes_of(word)
        .map(|(_, rest)| rest)
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

/// The same expression in PostgreSQL's `tsquery` syntax, each word a quoted lexeme taken
/// as is (no parser, no dictionary: the words were cut and folded here, as the index's
/// were; see [`index_lexemes`]).
pub fn tsquery(query: &str) -> Option<String> {
    let lexeme = |t: &str| format!("'{}'", t.replace('\\', "\\\\").replace('\'', "''"));
    let parts: Vec<String> = terms(query)
        .iter()
        .map(|t| match bare(t) {
            Some(b) => format!("({} | {})", lexeme(t), lexeme(b)),
            None => lexeme(t),
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(" & "))
}

/// The distinct words of [`index_columns`] as PostgreSQL lexemes (`array_to_tsvector`):
/// the same words FTS5 indexes, so that both engines find the same documents. Words
/// PostgreSQL cannot index (over 2,046 bytes) are left out.
pub fn index_lexemes(columns: &[String; 3]) -> Vec<&str> {
    let mut words: Vec<&str> = columns
        .iter()
        .flat_map(|c| c.split(' '))
        .filter(|w| !w.is_empty() && w.len() < 2047)
        .collect();
    words.sort_unstable();
    words.dedup();
    words
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
    }

    #[test]
    fn index_columns_are_words_between_single_spaces() {
        let [title, text, bare] = index_columns(
            &folded("قرة باغ: «اتصال»"),
            &folded("وقرة باغ، والكرملين!\n\n(2023) Putin-Aliyev"),
        );
        assert_eq!(title, "قره باغ اتصال");
        assert_eq!(text, "وقره باغ والكرملين 2023 putin aliyev");
        // Title first, then text; words without proclitics add nothing.
        assert_eq!(bare, "قره كرملين");
        assert_eq!(
            index_columns("", ""),
            [String::new(), String::new(), String::new()]
        );
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
        assert_eq!(
            tsquery("قرة الكرملين").unwrap(),
            "'قره' & ('الكرملين' | 'كرملين')"
        );
        assert_eq!(tsquery("o'neil").unwrap(), "'o' & 'neil'");
        assert_eq!(tsquery("؟!"), None);
        let cols = index_columns(&folded("قمة الكرملين"), &folded("بالكرملين قمة"));
        assert_eq!(
            index_lexemes(&cols),
            ["الكرملين", "بالكرملين", "قمه", "كرملين"]
        );
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
