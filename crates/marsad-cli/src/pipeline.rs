//! The per-page pipeline, in one place: what `marsad extract` prints and what `marsad
//! ingest` stores are made by this one function, so a new stage is added here once.
//!
//! Per page: `marsad_extract` (decode, main text, clean, metadata), then on each record
//! the dates stage (`marsad_dates::annotate`) and the entities stage
//! (`marsad_entities::annotate`, against the bundled knowledge base, loaded once), then
//! the events stage (`marsad_events::annotate`).
//!
//! The pipeline runs in two halves, [`prepare_for`] then [`finish`], so that callers that
//! learn site templates ([`crate::templates`]) can run the first half on a whole batch,
//! learn from its lines, and then finish each page with its site's template.

use marsad_dates::Unplaced;
use marsad_extract::sources::Page;
use marsad_extract::template::Template;
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
    /// What was wrong with the record's hints (a `published` that is no date), printed
    /// whether or not `--explain` is given.
    pub warnings: Vec<String>,
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

/// A page read and reduced to its main text, with what the template learner needs.
pub struct Prepared {
    page: marsad_extract::Prepared,
    /// Its site ([`marsad_extract::template::host_of`]), when learning and known.
    pub host: Option<String>,
    /// Its distinct line keys, when learning and its site is known.
    pub lines: Vec<u64>,
    /// What the reader said of the page ([`Page::warnings`]).
    warnings: Vec<String>,
}

/// The first half of the pipeline: decode and main text; with `learn`, also the page's
/// site and line keys (here, in the worker, rather than in the learner's one thread).
pub fn prepare_for(page: &Page, learn: bool) -> Result<Prepared, Error> {
    guard("decoding or main text", || {
        let prepared = marsad_extract::prepare(&page.source())?;
        let host = if learn { prepared.host() } else { None };
        let lines = if host.is_some() {
            prepared.line_keys()
        } else {
            Vec::new()
        };
        Ok(Prepared {
            page: prepared,
            host,
            lines,
            warnings: page.warnings.clone(),
        })
    })
    .map_err(|e| e.with_file(&page.doc))
}

/// The second half of the pipeline: clean (without the lines of `template`), then dates,
/// entities and events, which so never see a template line and whose offsets index the
/// text as stored.
pub fn finish(prepared: Prepared, template: Option<&Template>) -> Outcome {
    let doc = prepared.page.doc().to_string();
    let mut page_warnings = Some(prepared.warnings);
    guard("cleaning or the annotators", move || {
        let (docs, report) = prepared.page.finish(template)?;
        let docs = docs
            .into_iter()
            .map(|mut d| {
                // The page's warnings go with its first record.
                let mut warnings = page_warnings.take().unwrap_or_default();
                warnings.extend(read_published(&mut d));
                let unplaced = marsad_dates::annotate(&mut d);
                let linker = marsad_entities::Linker::bundled();
                marsad_entities::annotate(&mut d, linker);
                marsad_entities::annotate_unknown(
                    &mut d,
                    linker,
                    marsad_entities::bundled_tagger(),
                );
                d.topic = topic_of(&d);
                let events = marsad_events::annotate(&mut d);
                marsad_entities::locate_events(&mut d, linker);
                (
                    d,
                    Notes {
                        unplaced,
                        events,
                        warnings,
                    },
                )
            })
            .collect();
        Ok((docs, report))
    })
    .map_err(|e| e.with_file(&doc))
}

/// A record's `published` (from a feed, a sidecar or the page) as an ISO date
/// ([`marsad_dates::read_published`]): every stage after this one anchors on it, so a
/// value that is no date is dropped, with a warning, rather than kept as given.
fn read_published(d: &mut Document) -> Vec<String> {
    let Some(given) = d.published.take() else {
        return Vec::new();
    };
    match marsad_dates::read_published(&given) {
        Ok(iso) => {
            d.published = Some(iso);
            Vec::new()
        }
        Err(why) => vec![format!("published «{given}» left empty: {why}")],
    }
}

/// The page's topic, when the classifier knows enough of its words to say (a headline
/// over an empty body, or a page not in Arabic, gets none rather than the prior).
fn topic_of(d: &Document) -> Option<marsad_schema::PageTopic> {
    let t = marsad_topic::classify(d.title.as_deref(), &d.text);
    (t.evidence >= 10).then(|| marsad_schema::PageTopic {
        class: t.class.as_str().to_string(),
        p: (t.p(t.class) * 100.0).round() / 100.0,
    })
}

/// `extract` and `annotate` never panic on input by design (property tests and fuzzing
/// hold them to that); should a bug slip through, it costs one page, not the batch.
fn guard<T>(stage: &'static str, f: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .unwrap_or_else(|_| Err(Error::Internal(stage)))
}
