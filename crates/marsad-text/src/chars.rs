//! Character classes on the hot path.
//!
//! `char::is_alphabetic` answers for ASCII at once but binary-searches Unicode's tables
//! for everything else, and every character of an Arabic page is "everything else": it
//! was a third of `marsad extract`'s time. The blocks Arabic news is written in (Latin,
//! Latin-1, Latin Extended, Greek and Cyrillic for names, Arabic) are looked up in a
//! table built once from the standard library's own answers, so the two never disagree.

use std::sync::OnceLock;

/// Characters below this code point are answered from the table.
const TABLE_END: usize = 0x0700;

const ALPHABETIC: u8 = 1;
const NUMERIC: u8 = 2;

fn table() -> &'static [u8; TABLE_END] {
    static TABLE: OnceLock<[u8; TABLE_END]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = [0u8; TABLE_END];
        for (i, slot) in t.iter_mut().enumerate() {
            if let Some(c) = char::from_u32(i as u32) {
                *slot = if c.is_alphabetic() {
                    ALPHABETIC
                } else if c.is_numeric() {
                    NUMERIC
                } else {
                    0
                };
            }
        }
        t
    })
}

/// `c.is_alphabetic()`, fast for the scripts of Arabic news.
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    match c as usize {
        i if i < 0x80 => c.is_ascii_alphabetic(),
        i if i < TABLE_END => table()[i] & ALPHABETIC != 0,
        _ => c.is_alphabetic(),
    }
}

/// `c.is_alphanumeric()`, fast for the scripts of Arabic news.
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    match c as usize {
        i if i < 0x80 => c.is_ascii_alphanumeric(),
        i if i < TABLE_END => table()[i] != 0,
        _ => c.is_alphanumeric(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_the_standard_library() {
        for i in 0..0x3000u32 {
            if let Some(c) = char::from_u32(i) {
                assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
                assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            }
        }
    }
}
