//! Word lists that several stages read: each list has one file under `data/kb/` and this
//! module as its one owner, so that the tagger, the linker and the unknown-name finder can
//! no longer drift apart (they had three copies of the title list).
//!
//! The format is [`marsad_text::lists`]'s: `word<TAB>readers`, each reader taking the
//! words marked with its name. Readers differ on purpose (a word that opens a window for
//! the tagger may be too broad to make a KB link on its own).

use std::sync::LazyLock;

pub use marsad_text::lists::WordList;

/// Words before a person's name (`data/kb/titles.tsv`); readers `tagger` (marsad-ner's
/// TITLE feature), `support` (a title that makes a short ambiguous alias a person) and `cue`
/// (a title that opens a window for unknown names).
pub static TITLES: LazyLock<WordList> = LazyLock::new(|| {
    WordList::parse(
        "titles.tsv",
        include_str!("../../../data/kb/titles.tsv"),
        &["tagger", "support", "cue"],
    )
});

/// Words that head an organisation's name (`data/kb/org_heads.tsv`); readers `tagger`
/// (marsad-ner's ORG_HEAD feature), `cue` (a head that opens a window for unknown names),
/// `named` (one word after it already makes a name) and `namesake` (a place, a facility
/// or a body named after someone: a title after the word introduces no one).
pub static ORG_HEADS: LazyLock<WordList> = LazyLock::new(|| {
    WordList::parse(
        "org_heads.tsv",
        include_str!("../../../data/kb/org_heads.tsv"),
        &["tagger", "cue", "named", "namesake"],
    )
});

/// Verbs after which news names who speaks (`data/kb/speaker_verbs.tsv`); reader `cue`
/// (the verb opens a window for unknown names right after it).
pub static SPEAKER_VERBS: LazyLock<WordList> = LazyLock::new(|| {
    WordList::parse(
        "speaker_verbs.tsv",
        include_str!("../../../data/kb/speaker_verbs.tsv"),
        &["cue"],
    )
});

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_text::{fold_str, Chain};
    use std::collections::HashSet;

    #[test]
    fn lists_load_and_each_folded_word_is_written_once() {
        for (name, list) in [
            ("titles", &*TITLES),
            ("org_heads", &*ORG_HEADS),
            ("speaker_verbs", &*SPEAKER_VERBS),
        ] {
            let mut seen = HashSet::new();
            for w in list.words() {
                assert!(
                    seen.insert(fold_str(w, Chain::Match)),
                    "{name}: {w} is written twice (after folding)"
                );
            }
            assert!(seen.len() > 20, "{name}");
        }
        assert!(TITLES.words_for("support").any(|w| w == "الرئيس"));
        assert!(ORG_HEADS
            .words_for("named")
            .all(|n| ORG_HEADS.words_for("cue").any(|c| c == n)));
    }
}
