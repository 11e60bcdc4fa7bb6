//! The Arabic text layer: folding for matching with a map back to the original
//! characters, character spans, word tokens and language identification.
//!
//! # Brief overview
//!
//! * [`fold`] turns display text into matching text one character at a time through a
//!   chain of [`FoldStep`]s (tashkeel, tatweel, alef forms, ى, ة, hamza seats, digits,
//!   spaces, Persian letters, case). The result, [`Folded`], keeps for every folded
//!   character the index of the original character it came from, so a match found on
//!   folded text is reported as a [`Span`] of the original.
//! * [`words`] yields the word tokens of a text with their spans, [`sentences`] its
//!   sentences, and [`clitics`] says where a name may start inside a word (وبوتين).
//! * [`lang::identify`] names the language of a paragraph from an allow-list.
//! * [`csv`] is the project's one CSV writer, guarded against spreadsheet formulas.
//!
//! The design decision that shaped this crate: folding is *lossy* (أ and ا become one
//! letter, ة becomes ه) and must never touch what a user reads. So folding produces a
//! second string plus an offset map, and every consumer reports offsets in the original.
//! Steps change text, never spans (tantivy's rule for token filters).
//!
//! This crate knows nothing of HTML, the knowledge base or storage.
//!
//! ```
//! use marsad_text::{fold, Chain};
//! let f = fold("قرة باغ وأذربيجانُ", Chain::Match);
//! assert_eq!(f.text, "قره باغ واذربيجان");
//! let at = f.text.find("اذربيجان").unwrap();
//! let span = f.span_of_bytes(at, at + "اذربيجان".len());
//! let original: String = "قرة باغ وأذربيجانُ".chars().skip(span.start).take(span.len()).collect();
//! assert_eq!(original, "أذربيجانُ");
//! ```
#![deny(missing_docs)]

pub mod chars;
pub mod clitics;
pub mod csv;
mod fold;
pub mod lang;
pub mod lists;
mod sentences;
mod span;
mod words;

pub use fold::{fold, fold_chars, fold_str, Chain, Fold, FoldStep, Folded};
pub use sentences::sentences;
pub use span::Span;
pub use words::{is_word_char, words, Word};
