//! Word lists that several stages read, and the format they share.
//!
//! A list has one file under `data/` and one owner, the lowest crate whose readers need
//! it, so that copies cannot drift apart. The file is a TSV of `word<TAB>readers`: the
//! word as written in text (hamza, ة), and the comma-separated readers that take it.
//! Readers differ on purpose (a word one stage counts as a cue may mislead another), and
//! the column keeps those differences in one reviewable place. Readers fold the words
//! themselves, with the chain they match on. This crate owns the lists of the stages that
//! share nothing higher: the future cues of dates and events, the directions of entities
//! and events; `marsad-kb` owns the titles
//! and organisation heads (`marsad_kb::words`). A closed class of a few words that two
//! stages read alike, folded, is a constant here rather than a file ([`FORMER`]).

use std::sync::LazyLock;

/// Words after a title and its country that make it a former holder's (folded; the
/// article on): «الرئيس الأمريكي السابق», «الرئيس اليمني المخلوع علي عبدالله صالح». The
/// entities stage does not resolve such a title to the holder on the publication day;
/// the events stage reads the name after it as the one person.
pub const FORMER: &[&str] = &[
    "السابق",
    "السابقه",
    "الاسبق",
    "الاسبقه",
    "المخلوع",
    "المخلوعه",
    "المعزول",
    "المعزوله",
    "الراحل",
    "الراحله",
];

/// A word list: each word with the readers that take it.
#[derive(Debug)]
pub struct WordList {
    /// `(word, readers)` in file order.
    rows: Vec<(&'static str, Vec<&'static str>)>,
}

impl WordList {
    /// Parses a bundled list (`file` names it in messages); `readers` are the reader names
    /// the file may use. A row that is malformed or names another reader is a bug in the
    /// bundled data: it panics, and the owning crate's tests load every list.
    pub fn parse(file: &str, text: &'static str, readers: &[&str]) -> WordList {
        let mut rows = Vec::new();
        let mut header = true;
        for (i, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            if std::mem::take(&mut header) {
                assert_eq!(line, "word\treaders", "{file}:{}: header", i + 1);
                continue;
            }
            let (word, who) = line
                .split_once('\t')
                .unwrap_or_else(|| panic!("{file}:{}: expected word<TAB>readers", i + 1));
            let who: Vec<&str> = who.split(',').map(str::trim).collect();
            for r in &who {
                assert!(
                    readers.contains(r),
                    "{file}:{}: unknown reader {r:?} (expected one of {readers:?})",
                    i + 1
                );
            }
            assert!(
                !word.is_empty() && !word.contains(' '),
                "{file}:{}: one word a row",
                i + 1
            );
            rows.push((word, who));
        }
        WordList { rows }
    }

    /// The words `reader` takes, as written, in file order.
    pub fn words_for(&self, reader: &str) -> impl Iterator<Item = &'static str> + '_ {
        let reader = reader.to_string();
        self.rows
            .iter()
            .filter(move |(_, who)| who.iter().any(|r| *r == reader))
            .map(|(w, _)| *w)
    }

    /// Every word of the list, as written.
    pub fn words(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.rows.iter().map(|(w, _)| *w)
    }
}

/// Words that announce the future or a schedule (`data/text/future_cues.tsv`); readers
/// `dates` (marsad-dates, Arabic: a weekday or date near one is read forward), `dates_en`
/// (the same for English text) and `events` (marsad-events: the event is planned).
pub static FUTURE_CUES: LazyLock<WordList> = LazyLock::new(|| {
    WordList::parse(
        "future_cues.tsv",
        include_str!("../../../data/text/future_cues.tsv"),
        &["dates", "dates_en", "events"],
    )
});

/// Directions («شمال», «جنوبي», «وسط»; `data/text/directions.tsv`); readers `places`
/// (marsad-entities: a direction before a gazetteer name supports it as a place),
/// `attack` (marsad-events: a town after a direction is where an attack happened, not what
/// it hit) and `setting` (marsad-events: a name after a place and a direction says where
/// the place is). Each word is its own folded form.
pub static DIRECTIONS: LazyLock<WordList> = LazyLock::new(|| {
    WordList::parse(
        "directions.tsv",
        include_str!("../../../data/text/directions.tsv"),
        &["places", "attack", "setting"],
    )
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directions_load_and_are_folded_as_written() {
        assert!(DIRECTIONS.words_for("places").any(|w| w == "شمال"));
        assert!(DIRECTIONS.words_for("setting").any(|w| w == "وسط"));
        assert!(!DIRECTIONS.words_for("attack").any(|w| w == "وسط"));
        for w in DIRECTIONS.words() {
            assert_eq!(crate::fold_str(w, crate::Chain::Match), w);
        }
    }

    #[test]
    fn future_cues_load() {
        assert!(FUTURE_CUES.words_for("dates").any(|w| w == "سوف"));
        assert!(FUTURE_CUES.words_for("dates_en").any(|w| w == "will"));
        assert!(FUTURE_CUES.words_for("events").any(|w| w == "المقبل"));
    }

    #[test]
    #[should_panic(expected = "unknown reader")]
    fn an_unknown_reader_is_refused() {
        WordList::parse("t.tsv", "word\treaders\nسوف\tnobody\n", &["dates"]);
    }
}
