//! Bytes → text. (Being written: charset from HTTP/meta, else chardetng.)

use crate::Error;

/// Decodes an HTML page.
pub fn decode_html(bytes: &[u8], _content_type: Option<&str>) -> Result<String, Error> {
    decode_text(bytes)
}

/// Decodes a text page.
pub fn decode_text(bytes: &[u8]) -> Result<String, Error> {
    String::from_utf8(bytes.to_vec()).map_err(|e| Error::Decode(e.to_string()))
}
