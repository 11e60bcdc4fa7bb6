//! Arabic proclitics: the conjunctions, prepositions and article written joined to the
//! next word (وبوتين، لبوتين، بالكرملين، وإسرائيل، للمشتركين).
//!
//! Marsad matches names and terms *at a clitic boundary* instead of splitting words:
//! a match may start where a word starts, or right after a run of clitic letters that
//! starts the word. Splitting ال off every word (as charabia's Arabic segmenter does)
//! would cut names that begin with those letters (البانيا, لبنان, بيروت); checking the
//! boundary only where a known name was found cannot.

/// Proclitic sequences a word may open with, on folded text: conjunctions و ف, the
/// prepositions ب ل ك, the article ال, and their stacks. ل before ال drops the alef
/// (ل + الكرملين = للكرملين): see [`article_variant`].
pub const PREFIXES: &[&str] = &[
    "و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "كال", "وبال", "فبال", "وكال", "وب", "ول",
    "فب", "فل", "وك", "فك", "لل", "ولل", "فلل",
];

/// Whether `word` starts with `prefix`, compared byte by byte in line: the proclitic
/// checks run for every word of every page against a couple of dozen two-to-eight-byte
/// prefixes, and `str::starts_with` made each a call to `memcmp` (5% of an ingest's CPU).
/// Arabic letters share their first UTF-8 byte, so a mismatch is seen at the second.
#[inline]
pub fn opens_with(word: &str, prefix: &str) -> bool {
    let (w, p) = (word.as_bytes(), prefix.as_bytes());
    w.len() >= p.len() && w.iter().zip(p).all(|(a, b)| a == b)
}

/// The proclitic sequences of [`PREFIXES`] that `word` (folded) opens with, in that
/// order, each with what follows it.
///
/// ```
/// let p: Vec<_> = marsad_text::clitics::prefixes_of("وبالقاهرة").map(|(p, _)| p).collect();
/// assert_eq!(p, ["و", "وبال", "وب"]);
/// ```
#[inline]
pub fn prefixes_of(word: &str) -> impl Iterator<Item = (&'static str, &str)> {
    // Every sequence starts with one of these letters; most words start otherwise.
    let may_have = word.starts_with(['و', 'ف', 'ب', 'ل', 'ك', 'ا']);
    PREFIXES[..if may_have { PREFIXES.len() } else { 0 }]
        .iter()
        .filter(move |p| opens_with(word, p))
        .map(move |p| (*p, &word[p.len()..]))
}

/// Whether `p` (folded) is a proclitic sequence.
///
/// ```
/// assert!(marsad_text::clitics::is_prefix("وبال"));
/// assert!(!marsad_text::clitics::is_prefix("وت"));
/// ```
pub fn is_prefix(p: &str) -> bool {
    p.is_empty() || PREFIXES.contains(&p)
}

/// Whether a match starting at byte `start` of `text` starts a word or follows only
/// clitics within its word. `text` should be folded (the prefixes are folded forms).
///
/// ```
/// use marsad_text::clitics::at_boundary;
/// let t = "اتصل وبوتين";
/// assert!(at_boundary(t, t.find("بوتين").unwrap()));
/// let t = "مترئسا";
/// assert!(!at_boundary(t, t.find("رئس").unwrap()));
/// ```
pub fn at_boundary(text: &str, start: usize) -> bool {
    let before = &text[..start];
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !crate::words::is_word_char(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    is_prefix(&before[word_start..])
}

/// Whether a match ending at byte `end` of `text` ends a word (Arabic has enclitic
/// pronouns too — بوتينه is rare for names, and a name plus a suffix is another word).
pub fn at_word_end(text: &str, end: usize) -> bool {
    text[end..]
        .chars()
        .next()
        .is_none_or(|c| !crate::words::is_word_char(c))
}

/// For a folded term that starts with the article, the form it takes after the
/// preposition ل: الكرملين → للكرملين. `None` for other terms.
///
/// ```
/// assert_eq!(marsad_text::clitics::article_variant("الكرملين").as_deref(), Some("للكرملين"));
/// assert_eq!(marsad_text::clitics::article_variant("بوتين"), None);
/// ```
pub fn article_variant(term: &str) -> Option<String> {
    term.strip_prefix("ال").map(|rest| format!("لل{rest}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries() {
        for (text, name, ok) in [
            ("وإسرائيل", "إسرائيل", true),
            ("بالكرملين", "كرملين", true),
            ("لبوتين", "بوتين", true),
            ("فلبنان", "لبنان", true),
            ("البانيا", "بانيا", true),
            ("تبوتين", "بوتين", false),
            ("مع بوتين", "بوتين", true),
        ] {
            assert_eq!(
                at_boundary(text, text.find(name).unwrap()),
                ok,
                "{text} / {name}"
            );
        }
        assert!(at_word_end("بوتين، اليوم", "بوتين".len()));
        assert!(!at_word_end("بوتينه", "بوتين".len()));
    }
}
