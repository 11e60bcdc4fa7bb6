//! The content hash: what makes two records "the same text" and an ingest idempotent.

use marsad_text::{fold_str, words, Chain};

/// BLAKE3 of the text's folded words joined by single spaces.
///
/// Folding (Arabic letter variants, tashkeel, digits, case) and dropping punctuation and
/// spacing make the hash ignore what differs between two copies of one wire story that
/// nobody would call a different text: «أعلن» against «اعلن», a comma, a double space.
/// A text with no words at all hashes with its `doc`, so that two empty records never
/// count as copies of each other.
pub fn content_hash(text: &str, doc: &str) -> [u8; 32] {
    content_hash_folded(&fold_str(text, Chain::Match), doc)
}

/// [`content_hash`] of a text already folded (`fold_str(text, Chain::Match)`), for a
/// writer that folds the text for the index anyway.
pub fn content_hash_folded(folded: &str, doc: &str) -> [u8; 32] {
    let mut h = blake3::Hasher::new();
    let mut any = false;
    for w in words(folded) {
        if any {
            h.update(b" ");
        }
        h.update(w.text.as_bytes());
        any = true;
    }
    if !any {
        h.update(b"\0empty\0");
        h.update(doc.as_bytes());
    }
    *h.finalize().as_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_spacing_and_punctuation_do_not_change_the_hash() {
        let a = content_hash("أعلنت الوزارة،  اليوم، عن خطة جديدة.", "a");
        let b = content_hash("اعلنت الوزاره اليوم عن خطه جديده", "b");
        assert_eq!(a, b);
        assert_ne!(a, content_hash("أعلنت الوزارة أمس عن خطة جديدة.", "a"));
    }

    #[test]
    fn empty_texts_differ_by_doc() {
        assert_ne!(content_hash("", "a"), content_hash("  ...  ", "b"));
        assert_eq!(content_hash("", "a"), content_hash(" ", "a"));
    }
}
