//! Bytes → text: the charset a page declares or, failing that, the one it looks like.
//!
//! Arabic pages still come in windows-1256 and ISO-8859-6, often without saying so, and
//! scraped text files sometimes carry a stray invalid byte. The order of evidence is the
//! HTML standard's: a byte-order mark, then the HTTP `Content-Type` header, then a
//! `<meta>` declaration in the first kilobytes; then valid UTF-8; then chardetng's guess.
//! Binary files are refused rather than decoded into noise.

use std::borrow::Cow;
use std::sync::OnceLock;

use encoding_rs::{Encoding, UTF_8};
use regex::bytes::Regex;

use crate::Error;

/// How far into a page to look for a `<meta charset>` declaration (the HTML standard's
/// prescan reads 1024 bytes; real pages put it later, after long `<script>` blocks).
const META_PRESCAN_BYTES: usize = 8192;

/// Decodes an HTML page, honouring its declared charset.
pub fn decode_html(bytes: &[u8], content_type: Option<&str>) -> Result<String, Error> {
    refuse_binary(bytes)?;
    let declared = Encoding::for_bom(bytes)
        .map(|(enc, _)| enc)
        .or_else(|| content_type.and_then(|ct| charset_label(ct.as_bytes())))
        .or_else(|| charset_label(&bytes[..bytes.len().min(META_PRESCAN_BYTES)]));
    // A page declaring UTF-16 in a <meta> is lying: the declaration itself is ASCII.
    let declared = declared.map(|e| {
        if e.is_single_byte() || e == UTF_8 {
            e
        } else {
            UTF_8
        }
    });
    let text = match declared {
        Some(enc) => enc.decode_with_bom_removal(bytes).0,
        None => guess(bytes)?,
    };
    Ok(normalize_newlines(text))
}

/// Decodes a text page: BOM, else UTF-8 (a few invalid bytes are replaced), else the
/// charset it looks like.
pub fn decode_text(bytes: &[u8]) -> Result<String, Error> {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return Ok(normalize_newlines(enc.decode_with_bom_removal(bytes).0));
    }
    refuse_binary(bytes)?;
    Ok(normalize_newlines(guess(bytes)?))
}

fn guess(bytes: &[u8]) -> Result<Cow<'_, str>, Error> {
    match std::str::from_utf8(bytes) {
        Ok(s) => return Ok(Cow::Borrowed(s)),
        Err(_) => {
            let lossy = String::from_utf8_lossy(bytes);
            let bad = lossy.chars().filter(|&c| c == '\u{FFFD}').count();
            // One stray byte in a scraped UTF-8 page is damage, not another charset.
            if bad * 100 <= lossy.chars().count().max(300) {
                return Ok(lossy);
            }
        }
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let enc = detector.guess(None, chardetng::Utf8Detection::Allow);
    let (text, _, _) = enc.decode(bytes);
    let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    if bad * 20 > text.chars().count() || letters == 0 {
        return Err(Error::Decode(format!(
            "not text in UTF-8 or any charset detected (best guess {})",
            enc.name()
        )));
    }
    Ok(text)
}

/// NUL bytes, or many C0 control characters, mean a binary file.
fn refuse_binary(bytes: &[u8]) -> Result<(), Error> {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    if head.contains(&0) {
        return Err(Error::Binary("NUL bytes".into()));
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B))
        .count();
    if controls * 20 > head.len().max(1) {
        return Err(Error::Binary("control characters".into()));
    }
    Ok(())
}

/// `charset=…` in a Content-Type value or a `<meta>` tag.
fn charset_label(bytes: &[u8]) -> Option<&'static Encoding> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r#"(?i)charset\s*=\s*["']?\s*([a-z0-9_\-:.]+)"#).expect("charset regex")
    });
    let label = re.captures(bytes)?.get(1)?.as_bytes();
    Encoding::for_label(label)
}

fn normalize_newlines(text: Cow<'_, str>) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{ISO_8859_6, WINDOWS_1256};
    use proptest::prelude::*;

    const SENTENCE: &str = "بحث وزير الخارجية مع نظيره العلاقات الثنائية في اتصال هاتفي اليوم.";

    fn page(body: &str, meta: &str) -> String {
        format!("<html><head>{meta}<title>خبر</title></head><body><p>{body}</p><p>{body}</p></body></html>")
    }

    #[test]
    fn declared_single_byte_arabic_charsets_decode() {
        for (enc, label) in [(WINDOWS_1256, "windows-1256"), (ISO_8859_6, "iso-8859-6")] {
            let html = page(SENTENCE, &format!("<meta charset=\"{label}\">"));
            let bytes = enc.encode(&html).0;
            assert!(
                decode_html(&bytes, None).unwrap().contains(SENTENCE),
                "{label}"
            );
            let html = page(SENTENCE, "");
            let bytes = enc.encode(&html).0;
            let ct = format!("text/html; charset={label}");
            assert!(
                decode_html(&bytes, Some(&ct)).unwrap().contains(SENTENCE),
                "{label} via HTTP"
            );
        }
    }

    #[test]
    fn undeclared_arabic_charsets_are_detected() {
        let text = [SENTENCE; 6].join("\n");
        for enc in [WINDOWS_1256, ISO_8859_6] {
            let bytes = enc.encode(&text).0;
            assert_eq!(decode_text(&bytes).unwrap(), text, "{}", enc.name());
            let html = page(&text, "");
            assert!(decode_html(&enc.encode(&html).0, None)
                .unwrap()
                .contains(SENTENCE));
        }
    }

    #[test]
    fn utf8_with_a_stray_byte_is_kept() {
        let mut bytes = [SENTENCE; 4].join("\r\n").into_bytes();
        bytes.insert(10, 0xFF);
        let text = decode_text(&bytes).unwrap();
        assert!(text.contains('\u{FFFD}') && !text.contains('\r'));
    }

    #[test]
    fn binary_is_refused() {
        assert!(matches!(
            decode_text(b"PK\x03\x04\x00\x00data"),
            Err(Error::Binary(_))
        ));
        assert!(matches!(
            decode_text(&[1, 2, 3, 4, 5, 6, 7, 8, 65]),
            Err(Error::Binary(_))
        ));
    }

    proptest! {
        #[test]
        fn never_panics(bytes in prop::collection::vec(any::<u8>(), 0..512), ct in ".{0,40}") {
            let _ = decode_text(&bytes);
            let _ = decode_html(&bytes, Some(&ct));
        }
    }
}
