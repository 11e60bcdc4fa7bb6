//! Folding: display text → matching text, one character at a time, with an offset map.
//!
//! Each [`FoldStep`] documents exactly which characters it touches. Steps are listed in
//! two orders of business, as charabia does: *lossless* steps (spaces, digits, invisible
//! format characters) change nothing a reader would call a different letter; *lossy*
//! steps (alef forms, ى, ة, hamza seats, Persian letters, case) merge letters that news
//! spells interchangeably. A [`Chain`] names the list to apply.

use crate::Span;
use std::sync::OnceLock;

/// What a step does with one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fold {
    /// Leave it.
    Keep,
    /// Put another character in its place.
    Replace(char),
    /// Remove it (its neighbours' offsets are unaffected).
    Drop,
}

/// One folding rule over single characters.
pub trait FoldStep: Sync {
    /// A short name for diagnostics and tests.
    fn name(&self) -> &'static str;
    /// Whether [`FoldStep::fold`] may do anything with `c`; a cheap guard.
    fn applies(&self, c: char) -> bool;
    /// The step's verdict on `c` (only asked when `applies(c)`).
    fn fold(&self, c: char) -> Fold;
}

/// Named chains of steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chain {
    /// Lossless steps only: spaces, digits, invisible format characters.
    Lossless,
    /// Everything: what name and keyword matching runs on.
    Match,
}

impl Chain {
    /// The steps of this chain, in order.
    pub fn steps(self) -> &'static [&'static dyn FoldStep] {
        const LOSSLESS: &[&dyn FoldStep] = &[&FormatChars, &Spaces, &Digits];
        const MATCH: &[&dyn FoldStep] = &[
            &FormatChars,
            &Spaces,
            &Digits,
            &Tashkeel,
            &Tatweel,
            &PersianLetters,
            &Alef,
            &AlefMaqsura,
            &TaMarbuta,
            &HamzaSeats,
            &LatinCase,
        ];
        match self {
            Chain::Lossless => LOSSLESS,
            Chain::Match => MATCH,
        }
    }
}

/// Folded text and, for each of its characters, the original character it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// `map[i]` is the index (in characters) in the original of folded character `i`.
    pub map: Vec<usize>,
    /// Number of characters in the original.
    pub original_len: usize,
}

impl Folded {
    /// The span of the original that folded characters `[start, end)` came from. Marks
    /// dropped right after the last character (a final damma, a tatweel) belong to it and
    /// are included.
    pub fn span_of_chars(&self, start: usize, end: usize) -> Span {
        let from = self.map.get(start).copied().unwrap_or(self.original_len);
        let to = if end >= self.map.len() {
            self.original_len
        } else {
            self.map[end]
        };
        Span::new(from.min(to), to)
    }

    /// Like [`Folded::span_of_chars`], for byte offsets into [`Folded::text`] (what
    /// `str::find` and automata return). Offsets must be on character boundaries.
    pub fn span_of_bytes(&self, start: usize, end: usize) -> Span {
        let start_c = self.text[..start].chars().count();
        let end_c = start_c + self.text[start..end].chars().count();
        self.span_of_chars(start_c, end_c)
    }
}

/// Folds `text` through `chain`.
pub fn fold(text: &str, chain: Chain) -> Folded {
    let folder = Folder::of(chain);
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    let mut n = 0;
    for (i, c) in text.chars().enumerate() {
        n = i + 1;
        if let Some(f) = folder.fold(c) {
            out.push(f);
            map.push(i);
        }
    }
    Folded {
        text: out,
        map,
        original_len: n,
    }
}

/// Folds `text` through `chain` without keeping the offset map: for keys and lookups.
pub fn fold_str(text: &str, chain: Chain) -> String {
    let folder = Folder::of(chain);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if let Some(f) = folder.fold(c) {
            out.push(f);
        }
    }
    out
}

/// The characters of [`fold_str`]`(text, chain)`, one at a time, for a caller that
/// consumes them once (hashing words for near-duplicates) and need not build the string.
pub fn fold_chars(text: &str, chain: Chain) -> impl Iterator<Item = char> + '_ {
    let folder = Folder::of(chain);
    text.chars().filter_map(move |c| folder.fold(c))
}

/// Characters below this code point fold through a table computed once per chain from
/// the steps themselves: Arabic pages are almost all Arabic-block and ASCII characters,
/// and walking eleven steps for each of them was most of the cost of folding.
const TABLE_END: u32 = 0x0700;

/// One chain, ready to fold: its table looked up once per text, not once per character
/// (every stage folds every sentence it reads, so folding is among the largest costs
/// of a page; the lookup of a `OnceLock` per character was a fifth of it).
#[derive(Clone, Copy)]
struct Folder {
    table: &'static [Option<char>],
    steps: &'static [&'static dyn FoldStep],
}

impl Folder {
    fn of(chain: Chain) -> Folder {
        static LOSSLESS: OnceLock<Vec<Option<char>>> = OnceLock::new();
        static MATCH: OnceLock<Vec<Option<char>>> = OnceLock::new();
        let cell = match chain {
            Chain::Lossless => &LOSSLESS,
            Chain::Match => &MATCH,
        };
        let steps = chain.steps();
        let table = cell.get_or_init(|| {
            (0..TABLE_END)
                .map(|i| char::from_u32(i).and_then(|c| fold_through(c, steps)))
                .collect()
        });
        Folder { table, steps }
    }

    #[inline]
    fn fold(self, c: char) -> Option<char> {
        match self.table.get(c as usize) {
            Some(&f) => f,
            None => fold_through(c, self.steps),
        }
    }
}

fn fold_through(mut c: char, steps: &[&dyn FoldStep]) -> Option<char> {
    for step in steps {
        if step.applies(c) {
            match step.fold(c) {
                Fold::Keep => {}
                Fold::Replace(r) => c = r,
                Fold::Drop => return None,
            }
        }
    }
    Some(c)
}

impl Folded {
    /// Convenience for [`fold_str`].
    pub fn key(text: &str) -> String {
        fold_str(text, Chain::Match)
    }
}

/// Invisible format characters: ZWNJ, ZWJ, LRM, RLM, ALM, bidi embeddings and isolates,
/// BOM, soft hyphen. Dropped.
struct FormatChars;
impl FoldStep for FormatChars {
    fn name(&self) -> &'static str {
        "format_chars"
    }
    fn applies(&self, c: char) -> bool {
        matches!(c, '\u{200B}'..='\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}')
    }
    fn fold(&self, _: char) -> Fold {
        Fold::Drop
    }
}

/// Every white space but the line feed (NBSP, tabs, thin and ideographic spaces, CR)
/// becomes a plain space. Line feeds stay: lines carry structure.
struct Spaces;
impl FoldStep for Spaces {
    fn name(&self) -> &'static str {
        "spaces"
    }
    fn applies(&self, c: char) -> bool {
        c != ' ' && c != '\n' && (c.is_whitespace() || c == '\u{00A0}')
    }
    fn fold(&self, _: char) -> Fold {
        Fold::Replace(' ')
    }
}

/// Arabic-Indic (٠–٩) and Persian (۰–۹) digits become ASCII digits.
struct Digits;
impl FoldStep for Digits {
    fn name(&self) -> &'static str {
        "digits"
    }
    fn applies(&self, c: char) -> bool {
        matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}')
    }
    fn fold(&self, c: char) -> Fold {
        let zero = if c >= '\u{06F0}' { 0x06F0 } else { 0x0660 };
        Fold::Replace(char::from(b'0' + (c as u32 - zero) as u8))
    }
}

/// Tashkeel (fathatan to sukun, U+064B–U+065F), the superscript alef (U+0670) and the
/// Quranic annotation marks (U+06D6–U+06ED): dropped.
struct Tashkeel;
impl FoldStep for Tashkeel {
    fn name(&self) -> &'static str {
        "tashkeel"
    }
    fn applies(&self, c: char) -> bool {
        matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06DC}' | '\u{06DF}'..='\u{06E4}' | '\u{06E7}' | '\u{06E8}' | '\u{06EA}'..='\u{06ED}')
    }
    fn fold(&self, _: char) -> Fold {
        Fold::Drop
    }
}

/// Tatweel (ـ, U+0640), the justification stroke: dropped.
struct Tatweel;
impl FoldStep for Tatweel {
    fn name(&self) -> &'static str {
        "tatweel"
    }
    fn applies(&self, c: char) -> bool {
        c == '\u{0640}'
    }
    fn fold(&self, _: char) -> Fold {
        Fold::Drop
    }
}

/// Persian and Urdu letter forms used in Arabic text: ک → ك, ی ې ۍ → ي, ە → ه, ۀ → ه.
struct PersianLetters;
impl FoldStep for PersianLetters {
    fn name(&self) -> &'static str {
        "persian_letters"
    }
    fn applies(&self, c: char) -> bool {
        matches!(c, 'ک' | 'ی' | 'ې' | 'ۍ' | 'ە' | 'ۀ' | 'ہ')
    }
    fn fold(&self, c: char) -> Fold {
        Fold::Replace(match c {
            'ک' => 'ك',
            'ی' | 'ې' | 'ۍ' => 'ي',
            _ => 'ه',
        })
    }
}

/// Alef with hamza above or below, with madda, and alef wasla (أ إ آ ٱ) → bare alef ا.
struct Alef;
impl FoldStep for Alef {
    fn name(&self) -> &'static str {
        "alef"
    }
    fn applies(&self, c: char) -> bool {
        matches!(c, 'أ' | 'إ' | 'آ' | 'ٱ')
    }
    fn fold(&self, _: char) -> Fold {
        Fold::Replace('ا')
    }
}

/// Alef maqsura ى → ya ي (مصطفى / مصطفي are one name in news).
struct AlefMaqsura;
impl FoldStep for AlefMaqsura {
    fn name(&self) -> &'static str {
        "alef_maqsura"
    }
    fn applies(&self, c: char) -> bool {
        c == 'ى'
    }
    fn fold(&self, _: char) -> Fold {
        Fold::Replace('ي')
    }
}

/// Ta marbuta ة → ha ه (قرة باغ / قره باغ).
struct TaMarbuta;
impl FoldStep for TaMarbuta {
    fn name(&self) -> &'static str {
        "ta_marbuta"
    }
    fn applies(&self, c: char) -> bool {
        c == 'ة'
    }
    fn fold(&self, _: char) -> Fold {
        Fold::Replace('ه')
    }
}

/// Hamza on its seats: ؤ → و, ئ → ي (for matching only: they are different letters).
struct HamzaSeats;
impl FoldStep for HamzaSeats {
    fn name(&self) -> &'static str {
        "hamza_seats"
    }
    fn applies(&self, c: char) -> bool {
        matches!(c, 'ؤ' | 'ئ')
    }
    fn fold(&self, c: char) -> Fold {
        Fold::Replace(if c == 'ؤ' { 'و' } else { 'ي' })
    }
}

/// Upper-case letters of any cased script → lower case, where the lower case is one
/// character (Turkish İ, whose lower case is two, is left alone).
struct LatinCase;
impl FoldStep for LatinCase {
    fn name(&self) -> &'static str {
        "case"
    }
    fn applies(&self, c: char) -> bool {
        c.is_uppercase()
    }
    fn fold(&self, c: char) -> Fold {
        let mut l = c.to_lowercase();
        match (l.next(), l.next()) {
            (Some(x), None) => Fold::Replace(x),
            _ => Fold::Keep,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    macro_rules! test_fold {
        ($name:ident, $input:expr, $lossless:expr, $matching:expr) => {
            #[test]
            fn $name() {
                assert_eq!(
                    fold($input, Chain::Lossless).text,
                    $lossless,
                    "help: lossless chain, see crates/marsad-text/src/fold.rs"
                );
                assert_eq!(
                    fold($input, Chain::Match).text,
                    $matching,
                    "help: match chain, see crates/marsad-text/src/fold.rs"
                );
            }
        };
    }

    test_fold!(alef_forms, "أإآٱا", "أإآٱا", "ااااا");
    test_fold!(
        ta_marbuta_and_maqsura,
        "قرة مصطفى",
        "قرة مصطفى",
        "قره مصطفي"
    );
    test_fold!(tashkeel_tatweel, "مُحَمَّـــد", "مُحَمَّـــد", "محمد");
    test_fold!(digits, "١٩ ۲۰۲۴", "19 2024", "19 2024");
    test_fold!(spaces, "a\u{00A0}b\tc\nd", "a b c\nd", "a b c\nd");
    test_fold!(format_chars, "می\u{200C}خواهم", "میخواهم", "ميخواهم");
    test_fold!(persian, "کیهان", "کیهان", "كيهان");
    test_fold!(case, "Bu Haberi", "Bu Haberi", "bu haberi");
    test_fold!(hamza, "مؤتمر رئيس", "مؤتمر رئيس", "موتمر رييس");

    #[test]
    fn trailing_marks_belong_to_the_match() {
        let s = "وأذربيجانُ اليوم";
        let f = fold(s, Chain::Match);
        let at = f.text.find("اذربيجان").unwrap();
        let span = f.span_of_bytes(at, at + "اذربيجان".len());
        assert_eq!(span.slice(s), "أذربيجانُ");
    }

    proptest! {
        #[test]
        fn folding_is_idempotent(s in "\\PC{0,40}") {
            for chain in [Chain::Lossless, Chain::Match] {
                let once = fold(&s, chain).text;
                prop_assert_eq!(fold(&once, chain).text, once.clone());
            }
        }

        #[test]
        fn arabic_folding_is_idempotent(s in "[\u{0600}-\u{06FF} a-zA-Z0-9\u{00A0}\u{200C}]{0,40}") {
            let once = fold(&s, Chain::Match).text;
            prop_assert_eq!(fold(&once, Chain::Match).text, once.clone());
        }

        #[test]
        fn spans_land_on_original_text_that_folds_to_the_match(
            s in "[\u{0600}-\u{06FF} a-zA-Z\u{00A0}]{1,40}",
            a in 0usize..40, b in 0usize..40,
        ) {
            let f = fold(&s, Chain::Match);
            let n = f.text.chars().count();
            let (a, b) = (a.min(n), b.min(n));
            let (a, b) = (a.min(b), a.max(b));
            let span = f.span_of_chars(a, b);
            prop_assert!(span.end <= s.chars().count());
            let want: String = f.text.chars().skip(a).take(b - a).collect();
            prop_assert_eq!(fold_str(span.slice(&s), Chain::Match), want);
        }
    }
}
