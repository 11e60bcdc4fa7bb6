//! The unlabelled corpus as the tagger sees it, shared by the `clusters` and `names`
//! examples (included with `#[path]`, so that both read exactly the same tokens).
//!
//! Each article's title and text is cut into sentences (`marsad_text::sentences`), each
//! sentence into tokens as `marsad-entities` hands them to the tagger (runs of word
//! characters, every other non-space character a token of its own), each token folded
//! with `Chain::Match`.

use std::io::{BufRead, BufReader};

use marsad_text::{fold_str, is_word_char, sentences, Chain};

/// The tokens of one sentence as the tagger gets them, folded.
pub fn sentence_tokens(s: &str, out: &mut Vec<String>) {
    let mut start: Option<usize> = None;
    for (b, c) in s.char_indices() {
        if is_word_char(c) {
            start.get_or_insert(b);
        } else {
            if let Some(b0) = start.take() {
                out.push(fold_str(&s[b0..b], Chain::Match));
            }
            if !c.is_whitespace() {
                out.push(fold_str(&s[b..b + c.len_utf8()], Chain::Match));
            }
        }
    }
    if let Some(b0) = start {
        out.push(fold_str(&s[b0..], Chain::Match));
    }
}

/// Calls `each` with the folded tokens of every non-empty sentence of the corpus (JSON
/// Lines, gzipped or not, fields `title` and `text`), in file order; returns the number
/// of articles.
pub fn for_each_sentence(path: &str, mut each: impl FnMut(&[String])) -> Result<usize, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
    let reader: Box<dyn BufRead> = if path.ends_with(".gz") {
        Box::new(BufReader::new(flate2::read::GzDecoder::new(file)))
    } else {
        Box::new(BufReader::new(file))
    };
    let mut articles = 0;
    let mut toks = Vec::new();
    for (n, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| format!("{path}: line {}: {e}", n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(&line).map_err(|e| format!("{path}: line {}: {e}", n + 1))?;
        articles += 1;
        for field in ["title", "text"] {
            let Some(text) = v.get(field).and_then(|t| t.as_str()) else {
                continue;
            };
            for s in sentences(text) {
                toks.clear();
                sentence_tokens(s.slice(text), &mut toks);
                if !toks.is_empty() {
                    each(&toks);
                }
            }
        }
    }
    Ok(articles)
}

/// Peak resident memory of this process in MiB (`VmHWM`), on Linux.
pub fn peak_memory_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
