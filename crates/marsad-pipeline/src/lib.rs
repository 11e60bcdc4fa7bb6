//! Marsad's pipeline as a library: the stages every page goes through, in one place, and
//! the driver that runs them over a corpus in bounded, parallel batches.
//!
//! # Brief overview
//!
//! * [`annotate`] is the chain on one record once its text is clean: the publication
//!   date read once ([`marsad_dates::read_published`]), then dates, entities (known and
//!   unknown names), topic, events and the events' places. The events test tables, the
//!   fuzz targets and the two halves below all call it, so that what a test measures is
//!   what `marsad extract` prints and `marsad ingest` stores.
//! * [`prepare`] and [`finish`] are the whole chain on one page, in two halves: decode
//!   and main text, then clean (with the site's template, when one is learnt) and
//!   [`annotate`]. A caller that learns site templates ([`templates`]) runs the first
//!   half on a whole batch, counts its lines, and only then finishes each page.
//! * [`Feed`] turns paths into bounded batches of items, lazily, asking the caller where
//!   each input starts; [`Driver`] runs a batch through both halves in a rayon pool and
//!   gives back, in input order, one [`Done`] per item; [`Progress`] says how far each
//!   input may be marked read once a batch is committed.
//!
//! `marsad extract` and `marsad ingest` differ only in what they do with a [`Done`]
//! (print it; commit it with the progress of its input), which is why the batch loop is
//! here and not in either of them.
//!
//! # The design decision: a panic is a bug, and costs one page
//!
//! Every stage is written never to panic on input (property tests and fuzzing hold them
//! to it). Should one slip through, the page is not lost silently and the run does not
//! stop: each stage runs under [`std::panic::catch_unwind`], and a panic becomes
//! [`Error::Internal`] («internal error in events on a.txt: please report»), counted apart
//! from bad input. [`Progress`] never marks an input read past such a page, so the next
//! `ingest` with a fixed build reads it again; content hashes keep the pages after it from
//! being stored twice.
//!
//! I/O stays at the edges: [`Feed`] reads files, the caller writes; every function
//! between them is a function of its input.
//!
//! ```
//! use marsad_schema::Document;
//! let mut doc = Document::new("a.txt", "أجرى الرئيس الروسي فلاديمير بوتين اتصالا هاتفيا مع الرئيس الإيراني إبراهيم رئيسي أمس.".to_string());
//! doc.published = Some("٢٠٢٣-٠٩-٢٦".to_string());
//! let notes = marsad_pipeline::annotate(&mut doc).unwrap();
//! assert!(notes.warnings.is_empty());
//! assert_eq!(doc.published.as_deref(), Some("2023-09-26"));
//! assert!(doc.events.iter().any(|e| e.kind == "CONSULT"));
//! ```
#![deny(missing_docs)]

mod chain;
mod driver;
mod feed;
pub mod templates;

pub use chain::{annotate, finish, prepare, warm_up, Notes, Outcome, Prepared};
pub use driver::{Config, Done, Driver, PageDone, Progress, Resume};
pub use feed::{Event, Feed, FileInfo, Start};
pub use marsad_extract::Error;
