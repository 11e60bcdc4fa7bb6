//! Language identification from an allow-list.
//!
//! Marsad reads Arabic first, and English, Persian, Turkish, Urdu and French pages or
//! paragraphs turn up beside it. Restricting whatlang to those six avoids its classic
//! confusions on short text (Arabic read as Persian or Urdu is the common one, and an
//! allow-list cannot remove it, so Arabic script with no Persian-only letter is called
//! Arabic before whatlang is asked).

use whatlang::{Detector, Lang};

const ALLOWED: [Lang; 6] = [
    Lang::Ara,
    Lang::Eng,
    Lang::Pes,
    Lang::Tur,
    Lang::Urd,
    Lang::Fra,
];

/// ISO 639-1 code of the language of `text`, or `None` when there is too little text or
/// it is in none of ar, en, fa, tr, ur, fr.
///
/// ```
/// use marsad_text::lang::identify;
/// assert_eq!(identify("بحث الرئيس الروسي مع نظيره الإيراني الوضع في المنطقة"), Some("ar"));
/// assert_eq!(identify("The two presidents discussed the situation in the region"), Some("en"));
/// ```
pub fn identify(text: &str) -> Option<&'static str> {
    let (mut arabic_script, mut persian_only, mut letters) = (0usize, 0usize, 0usize);
    for c in text.chars().take(20_000) {
        if crate::chars::is_alphabetic(c) {
            letters += 1;
            if ('\u{0600}'..='\u{06FF}').contains(&c) {
                arabic_script += 1;
                // پ چ ژ گ ک ی and Urdu's ٹ ڈ ڑ ں ہ ے do not occur in Arabic.
                if matches!(
                    c,
                    'پ' | 'چ' | 'ژ' | 'گ' | 'ک' | 'ی' | 'ٹ' | 'ڈ' | 'ڑ' | 'ں' | 'ہ' | 'ے'
                ) {
                    persian_only += 1;
                }
            }
        }
    }
    if letters < 3 {
        return None;
    }
    if arabic_script * 2 > letters && persian_only * 100 < arabic_script {
        return Some("ar");
    }
    let detector = Detector::with_allowlist(ALLOWED.to_vec());
    detector.detect_lang(text).map(|l| match l {
        Lang::Ara => "ar",
        Lang::Eng => "en",
        Lang::Pes => "fa",
        Lang::Tur => "tr",
        Lang::Urd => "ur",
        _ => "fr",
    })
}

#[cfg(test)]
mod tests {
    use super::identify;

    #[test]
    fn names_each_allowed_language() {
        assert_eq!(
            identify("Bu haberi paylaşın ve yorumlarınızı bizimle paylaşın lütfen"),
            Some("tr")
        );
        assert_eq!(
            identify("Les deux présidents ont discuté de la situation dans la région"),
            Some("fr")
        );
        assert_eq!(
            identify("رئیس جمهور ایران گفت که این کشور آماده گفتگو است"),
            Some("fa")
        );
        assert_eq!(identify("..."), None);
    }
}
