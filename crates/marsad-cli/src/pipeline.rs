//! The per-page pipeline, in one place: what `marsad extract` prints and what `marsad
//! ingest` stores are made by this one function, so a new stage is added here once.
//!
//! Per page: `marsad_extract` (decode, main text, clean, metadata), then on each record
//! the dates stage (`marsad_dates::annotate`) and the entities stage
//! (`marsad_entities::annotate`, against the bundled knowledge base, loaded once), then
//! the events stage (`marsad_events::annotate`).

use marsad_dates::Unplaced;
use marsad_extract::sources::Page;
use marsad_extract::{Error, LineReport};
use marsad_schema::Document;

/// One page's records, each with what its stages had to say, and the cleaner's line
/// verdicts.
pub type Outcome = Result<(Vec<(Document, Notes)>, Vec<LineReport>), Error>;

/// What the stages after cleaning have to say about one record, for `--explain`.
pub struct Notes {
    /// Date expressions found but not placed in time.
    pub unplaced: Vec<Unplaced>,
    /// Every trigger word and what it became.
    pub events: Vec<marsad_events::Explanation>,
}

/// Starts loading and indexing the knowledge base on a thread of its own, so that the
/// first pages are decoded and cleaned meanwhile; their entities stage waits for it
/// (`Linker::bundled` blocks until the one initialisation has finished).
pub fn warm_up() {
    std::thread::spawn(|| {
        marsad_entities::Linker::bundled();
        marsad_entities::bundled_tagger();
    });
}

/// Runs every stage on one page. Errors name the page (`doc`, which for a file page is
/// its path and for a record of a JSONL or WARC file its id or URL).
pub fn process(page: &Page) -> Outcome {
    // `extract` and `annotate` never panic on input by design (property tests and fuzzing
    // hold them to that); should a bug slip through, it costs one page, not the batch.
    let outcome = std::panic::catch_unwind(|| {
        let (docs, report) = marsad_extract::extract_explained(&page.source())?;
        let docs = docs
            .into_iter()
            .map(|mut d| {
                let unplaced = marsad_dates::annotate(&mut d);
                let linker = marsad_entities::Linker::bundled();
                marsad_entities::annotate(&mut d, linker);
                marsad_entities::annotate_unknown(
                    &mut d,
                    linker,
                    marsad_entities::bundled_tagger(),
                );
                let events = marsad_events::annotate(&mut d);
                (d, Notes { unplaced, events })
            })
            .collect();
        Ok((docs, report))
    })
    .unwrap_or_else(|_| {
        Err(Error::Decode(
            "internal error while extracting (a bug: please report this page)".into(),
        ))
    });
    outcome.map_err(|e| e.with_file(&page.doc))
}
