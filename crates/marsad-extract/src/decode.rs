//! Bytes → text: the charset a page declares or, failing that, the one it looks like.
//!
//! Arabic pages still come in windows-1256 and ISO-8859-6, often without saying so, and
//! scraped text files sometimes carry a stray invalid byte. The order of evidence is the
//! HTML standard's: a byte-order mark, then the HTTP `Content-Type` header, then a
//! `<meta>` declaration near the top; without one, the bytes themselves (valid UTF-8,
//! else chardetng's guess). Declarations are checked against the bytes, because servers
//! that label every page UTF-8 serve old windows-1256 archives too. Binary files are
//! refused rather than decoded into noise.

use std::borrow::Cow;
use std::sync::OnceLock;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use regex::bytes::Regex;
use unicode_normalization::UnicodeNormalization;

use crate::Error;

/// How far into a page to look for a `<meta>` charset declaration. The HTML standard's
/// prescan reads 1024 bytes; real pages put the declaration later, after long `<script>`
/// and `<link>` blocks.
const META_PRESCAN_BYTES: usize = 8192;

/// Percentage of replacement characters (U+FFFD) that a reading may have and still be
/// taken as damaged text in that charset rather than text in another one.
const STRAY_PERCENT: usize = 1;

/// Percentage of undecodable characters above which a text is refused.
const UNDECODABLE_PERCENT: usize = 5;

/// Decodes an HTML page: byte-order mark, else the `charset` of the HTTP `Content-Type`
/// header, else a `<meta>` declaration, else detection. Line endings become `\n` and
/// Arabic presentation forms letters (`normalize_text`).
///
/// Refuses empty and binary input, and bytes that no charset reads as text.
pub fn decode_html(bytes: &[u8], content_type: Option<&str>) -> Result<String, Error> {
    if let Some(text) = decode_with_bom(bytes)? {
        return Ok(text);
    }
    refuse_binary(bytes.iter().map(|&b| u32::from(b)), bytes.len())?;
    let declared = content_type
        .and_then(|ct| charset_param(ct.as_bytes()))
        .or_else(|| meta_charset(&bytes[..bytes.len().min(META_PRESCAN_BYTES)]));
    let text = match declared {
        Some(enc) => decode_declared(bytes, enc)?,
        None => guess(bytes)?,
    };
    Ok(normalize_text(text))
}

/// Decodes a text file: byte-order mark (UTF-8, UTF-16), else UTF-8 (a few invalid bytes
/// are replaced, not fatal), else the charset it looks like. Line endings become `\n` and
/// Arabic presentation forms letters (`normalize_text`).
///
/// Refuses empty and binary input, and bytes that no charset reads as text.
pub fn decode_text(bytes: &[u8]) -> Result<String, Error> {
    if let Some(text) = decode_with_bom(bytes)? {
        return Ok(text);
    }
    refuse_binary(bytes.iter().map(|&b| u32::from(b)), bytes.len())?;
    Ok(normalize_text(guess(bytes)?))
}

/// Refuses empty input; then a byte-order mark, if any, settles the charset. UTF-16 text
/// has NUL bytes by nature, so the binary check runs on the decoded characters instead.
fn decode_with_bom(bytes: &[u8]) -> Result<Option<String>, Error> {
    if bytes.is_empty() {
        return Err(Error::Empty);
    }
    let Some((enc, bom_len)) = Encoding::for_bom(bytes) else {
        return Ok(None);
    };
    let text = enc.decode_without_bom_handling(&bytes[bom_len..]).0;
    refuse_binary(text.chars().map(u32::from), text.chars().count())?;
    Ok(Some(normalize_text(text)))
}

/// Decodes with a declared charset unless the bytes contradict it: UTF-8 that is not
/// valid UTF-8 is detected afresh, and a legacy label on valid non-ASCII UTF-8 (which a
/// legacy text almost never is by chance) is ignored. A UTF-16 label without a BOM is
/// not believed: the declaration itself was readable as ASCII.
fn decode_declared<'a>(bytes: &'a [u8], enc: &'static Encoding) -> Result<Cow<'a, str>, Error> {
    if enc == UTF_8 || is_utf16(enc) || !bytes.is_ascii() && is_utf8(bytes) {
        return guess(bytes);
    }
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors && too_many_replacements(&text, STRAY_PERCENT) {
        // ISO-8859-6 leaves many high bytes unmapped: a page labelled so but written in
        // windows-1256 shows it here.
        return guess(bytes);
    }
    Ok(text)
}

fn is_utf16(enc: &Encoding) -> bool {
    enc == UTF_16LE || enc == UTF_16BE
}

fn is_utf8(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_ok()
}

/// Valid UTF-8; else UTF-8 with a few stray bytes replaced; else chardetng's guess,
/// refused when even that leaves much undecoded or no letters at all.
fn guess(bytes: &[u8]) -> Result<Cow<'_, str>, Error> {
    let lossy = String::from_utf8_lossy(bytes);
    if let Cow::Borrowed(_) = lossy {
        return Ok(lossy);
    }
    // One stray byte in a scraped UTF-8 page is damage, not another charset.
    if !too_many_replacements(&lossy, STRAY_PERCENT) {
        return Ok(lossy);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let enc = detector.guess(None, chardetng::Utf8Detection::Allow);
    let text = enc.decode_without_bom_handling(bytes).0;
    if too_many_replacements(&text, UNDECODABLE_PERCENT)
        || !text.chars().any(char::is_alphabetic)
        || !has_word_spacing(&text)
    {
        return Err(Error::Decode(format!(
            "not text in UTF-8 or any charset detected (best guess {})",
            enc.name()
        )));
    }
    Ok(text)
}

/// Whether the text is split into words the way prose in a legacy charset is. Every
/// single-byte charset maps random high bytes to *some* letters (windows-1252 reads
/// them as «ÃŒ´ÈóË…»), so letters alone prove nothing; but every charset chardetng
/// can guess writes its space as ASCII 0x20, and prose has one every dozen characters
/// or so. A long run with almost none is bytes, not a page.
fn has_word_spacing(text: &str) -> bool {
    let (mut spaces, mut all) = (0usize, 0usize);
    for c in text.chars() {
        all += 1;
        spaces += usize::from(c.is_whitespace());
    }
    all < 64 || spaces * 50 >= all
}

/// Whether more than `percent` of the characters are U+FFFD, and more than three: a
/// short text with one bad byte is not judged by percentages.
fn too_many_replacements(text: &str, percent: usize) -> bool {
    let (mut bad, mut all) = (0usize, 0usize);
    for c in text.chars() {
        all += 1;
        bad += usize::from(c == '\u{FFFD}');
    }
    bad > 3 && bad * 100 > all * percent
}

/// Refuses input with NUL characters, or where more than one character in twenty is a
/// C0 control other than tab, line feed, carriage return and form feed: such files are
/// images, archives or office documents, not pages.
fn refuse_binary(units: impl Iterator<Item = u32>, len: usize) -> Result<(), Error> {
    let mut controls = 0usize;
    for u in units {
        if u == 0 {
            return Err(Error::Binary("NUL bytes".into()));
        }
        controls += usize::from(u < 0x20 && !matches!(u, 0x09 | 0x0A | 0x0C | 0x0D));
    }
    if controls * 20 > len.max(1) {
        return Err(Error::Binary(format!(
            "{controls} control characters in {len}"
        )));
    }
    Ok(())
}

/// The charset of a `Content-Type` value: `text/html; charset="windows-1256"`.
fn charset_param(value: &[u8]) -> Option<&'static Encoding> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r#"(?i)charset\s*=\s*["']?\s*([a-z0-9_\-:.]+)"#).expect("charset regex")
    });
    Encoding::for_label(re.captures(value)?.get(1)?.as_bytes())
}

/// The charset a `<meta charset>` or `<meta http-equiv="Content-Type" content="…;
/// charset=…">` tag declares. Only `<meta>` tags are read: a `charset=` in a script or
/// a `<script charset>` attribute says nothing of the page.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"(?i)<meta\s[^>]*>").expect("meta regex"));
    re.find_iter(head)
        .find_map(|m| charset_param(m.as_bytes()))
        // The standard reads a UTF-16 label in a <meta> as UTF-8: the tag was ASCII.
        .map(|enc| if is_utf16(enc) { UTF_8 } else { enc })
}

/// Line endings become `\n`; Arabic presentation forms become the letters they show.
///
/// Some publishing systems store the positional shapes of Arabic letters and the lam-alef
/// ligature (U+FE70–U+FEFC: «ﺍﻟﻌﺸﺮﺍﺕ» for «العشرات», «ﻻ») and other ligatures (U+FB50–U+FDFF:
/// «ﷲ») instead of the letters; 204 of SaudiNewsNet's 31,030 articles hold some. No word list, name or date
/// matches them, so each such character is replaced by its compatibility form (NFKC of
/// the character alone; the rest of the text is left as written). This is the cleaned
/// text every later stage reads and every offset points into.
fn normalize_text(text: Cow<'_, str>) -> String {
    let text = if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        text
    };
    if !text.chars().any(presentation_form) {
        return text.into_owned();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if presentation_form(c) {
            out.extend(std::iter::once(c).nfkc());
        } else {
            out.push(c);
        }
    }
    out
}

/// An Arabic presentation form (Forms-A and Forms-B, not the byte-order mark U+FEFF).
fn presentation_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}')
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

    const ARABIC_CHARSETS: [(&Encoding, &str); 2] =
        [(WINDOWS_1256, "windows-1256"), (ISO_8859_6, "iso-8859-6")];

    #[test]
    fn presentation_forms_become_letters() {
        // «أسر العشرات من المسلحين» in positional shapes, a lam-alef ligature and «ﷲ».
        let shaped = "ﺃﺳﺮ ﺍﻟﻌﺸﺮﺍﺕ ﻣﻦ ﺍﻟﻤﺴﻠﺤﻴﻦ ﻻ ﷲ";
        let text = decode_text(shaped.as_bytes()).unwrap();
        assert_eq!(text, "أسر العشرات من المسلحين لا الله");
        // Text without them is returned as written, tashkeel and all.
        let plain = "وَصَلَ الوزير\r\nإلى الرياض";
        assert_eq!(
            decode_text(plain.as_bytes()).unwrap(),
            "وَصَلَ الوزير\nإلى الرياض"
        );
    }

    #[test]
    fn declared_arabic_charsets_decode() {
        for (enc, label) in ARABIC_CHARSETS {
            for meta in [
                format!("<meta charset=\"{label}\">"),
                format!(
                    "<meta http-equiv=\"Content-Type\" content=\"text/html; charset={label}\">"
                ),
            ] {
                let html = page(SENTENCE, &meta);
                let decoded = decode_html(&enc.encode(&html).0, None).unwrap();
                assert_eq!(decoded, html, "{label} via {meta}");
            }
            let html = page(SENTENCE, "");
            let ct = format!("text/html; charset={label}");
            let decoded = decode_html(&enc.encode(&html).0, Some(&ct)).unwrap();
            assert_eq!(decoded, html, "{label} via HTTP");
        }
    }

    #[test]
    fn undeclared_arabic_charsets_are_detected() {
        let text = [SENTENCE; 6].join("\n");
        for (enc, label) in ARABIC_CHARSETS {
            let bytes = enc.encode(&text).0;
            assert_eq!(decode_text(&bytes).unwrap(), text, "{label}");
            let html = page(&text, "");
            assert_eq!(
                decode_html(&enc.encode(&html).0, None).unwrap(),
                html,
                "{label}"
            );
        }
    }

    #[test]
    fn declarations_that_contradict_the_bytes_are_overruled() {
        // Labelled UTF-8 by a server default, written in windows-1256.
        let html = page(&[SENTENCE; 4].join(" "), "");
        let bytes = WINDOWS_1256.encode(&html).0;
        let ct = Some("text/html; charset=utf-8");
        assert_eq!(decode_html(&bytes, ct).unwrap(), html);
        // Labelled windows-1256, written in UTF-8.
        let html = page(SENTENCE, "<meta charset=\"windows-1256\">");
        assert_eq!(decode_html(html.as_bytes(), None).unwrap(), html);
        // Other multi-byte labels are believed.
        let html = "<meta charset=\"gbk\"><p>北京的新闻</p>";
        let bytes = encoding_rs::GBK.encode(html).0;
        assert_eq!(decode_html(&bytes, None).unwrap(), html);
        // A charset in a script is not the page's.
        let html = format!(
            "<script charset=\"iso-8859-6\">var c = 'charset=iso-8859-6';</script>{}",
            page(SENTENCE, "")
        );
        let bytes = WINDOWS_1256.encode(&html).0;
        assert_eq!(decode_html(&bytes, None).unwrap(), html);
    }

    #[test]
    fn byte_order_marks_win() {
        let text = format!("{SENTENCE}\r\nسطر ثان\rسطر ثالث");
        let expected = format!("{SENTENCE}\nسطر ثان\nسطر ثالث");
        // encoding_rs encodes only to ASCII-compatible charsets; build UTF-16 by hand.
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode_text(&utf16).unwrap(), expected);
        assert_eq!(
            decode_html(&utf16, Some("charset=windows-1256")).unwrap(),
            expected
        );
        let utf8 = [&[0xEF, 0xBB, 0xBF], text.as_bytes()].concat();
        assert_eq!(decode_text(&utf8).unwrap(), expected);
    }

    #[test]
    fn utf8_with_a_stray_byte_is_kept() {
        let mut bytes = [SENTENCE; 4].join("\r\n").into_bytes();
        bytes.insert("بحث ".len(), 0xFF);
        let text = decode_text(&bytes).unwrap();
        assert_eq!(text.matches('\u{FFFD}').count(), 1);
        assert!(!text.contains('\r'));
        assert_eq!(text.matches(SENTENCE).count(), 3);
    }

    #[test]
    fn binary_and_empty_are_refused() {
        assert!(matches!(
            decode_text(b"PK\x03\x04\x00\x00data"),
            Err(Error::Binary(r)) if r == "NUL bytes"
        ));
        assert!(matches!(
            decode_html(&[1, 2, 3, 4, 5, 6, 7, 8, 65], None),
            Err(Error::Binary(_))
        ));
        assert!(matches!(decode_text(b""), Err(Error::Empty)));
        // Tabs, form feeds and newlines are text.
        assert!(decode_text(b"a\tb\x0cc\r\nd").is_ok());
    }

    #[test]
    fn undecodable_bytes_are_refused() {
        // High bytes with no letters in any charset's reading.
        let bytes: Vec<u8> = (0..400)
            .map(|i| if i % 2 == 0 { 0x81 } else { b' ' })
            .collect();
        assert!(matches!(decode_text(&bytes), Err(Error::Decode(_))));
        // High bytes every charset reads as letters, but with no spaces between words.
        let mut x: u32 = 7;
        let noise: Vec<u8> = (0..2000)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                0x80 | (x >> 16) as u8
            })
            .collect();
        assert!(matches!(decode_text(&noise), Err(Error::Decode(_))));
    }

    proptest! {
        #[test]
        fn never_panics(bytes in prop::collection::vec(any::<u8>(), 0..512), ct in ".{0,40}") {
            let _ = decode_text(&bytes);
            let _ = decode_html(&bytes, Some(&ct));
            let _ = decode_html(&bytes, None);
        }
    }
}
