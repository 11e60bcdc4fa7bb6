//! The per-page chain, in one place: what `marsad extract` prints, what `marsad ingest`
//! stores and what the events tables score are made by these functions, so a new stage is
//! added here once.
//!
//! Per page: `marsad_extract` (decode, main text, clean, metadata), then on each record
//! [`annotate`]: the publication date, dates, entities (known names from the bundled
//! knowledge base, loaded once per process, then unknown names from the tagger), topic,
//! events, and the events' places.
//!
//! The chain runs in two halves, [`prepare`] then [`finish`], so that callers that learn
//! site templates ([`crate::templates`]) can run the first half on a whole batch, learn
//! from its lines, and then finish each page with its site's template.
//!
//! Each stage runs under [`guard`]: a panic is a bug, and becomes
//! [`Error::Internal`] naming the stage and the record rather than taking the batch down
//! (see the crate docs).

use marsad_dates::Unplaced;
use marsad_extract::page::Page;
use marsad_extract::template::Template;
use marsad_extract::{Error, LineReport};
use marsad_schema::Document;

/// One page's records (as the chain made them, or as a caller's per-record function of
/// the [`crate::Driver`] turned them), each with what its stages had to say, and the
/// cleaner's line verdicts.
pub type Outcome<T = Document> = Result<(Vec<(T, Notes)>, Vec<LineReport>), Error>;

/// What the stages after cleaning have to say about one record, for `--explain`.
#[derive(Debug, Default)]
pub struct Notes {
    /// Date expressions found but not placed in time.
    pub unplaced: Vec<Unplaced>,
    /// Every trigger word and what it became.
    pub events: Vec<marsad_events::Explanation>,
    /// What was wrong with the page or the record's hints (a `published` that is no
    /// date, a JSON Lines record with both `text` and `html`): printed whether or not
    /// `--explain` is given.
    pub warnings: Vec<String>,
}

/// Starts loading and indexing the knowledge base and the tagger on a thread of their
/// own, so that the first pages are decoded and cleaned meanwhile; their entities stage
/// waits for it (`Linker::bundled` blocks until the one initialisation has finished).
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

/// The first half of the chain: decode and main text; with `learn`, also the page's
/// site and line keys (here, in the worker, rather than in the learner's one thread).
pub fn prepare(page: &Page, learn: bool) -> Result<Prepared, Error> {
    let prepared = guard("decoding or main text", &page.doc, || {
        marsad_extract::prepare(&page.source())
    })
    .and_then(|r| r)
    .map_err(|e| in_file(e, &page.doc))?;
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
}

/// The second half of the chain: clean (without the lines of `template`), then
/// [`annotate`] each record, which so never sees a template line and whose offsets index
/// the text as stored.
pub fn finish(prepared: Prepared, template: Option<&Template>) -> Outcome {
    let doc = prepared.page.doc().to_string();
    let (docs, report) = guard("cleaning", &doc, || prepared.page.finish(template))
        .and_then(|r| r)
        .map_err(|e| in_file(e, &doc))?;
    // The page's warnings go with its first record.
    let mut page_warnings = Some(prepared.warnings);
    let docs = docs
        .into_iter()
        .map(|mut d| {
            let mut notes = annotate(&mut d)?;
            let mut warnings = page_warnings.take().unwrap_or_default();
            warnings.append(&mut notes.warnings);
            notes.warnings = warnings;
            Ok((d, notes))
        })
        .collect::<Result<_, Error>>()?;
    Ok((docs, report))
}

/// The chain on one record whose `text` is clean: publication date, dates, entities,
/// unknown names, topic, events, places, each stage under [`guard`].
///
/// An error is only ever [`Error::Internal`]: odd text is not an error for any stage.
pub fn annotate(d: &mut Document) -> Result<Notes, Error> {
    let doc = d.doc.clone();
    let (day, warnings) = guard("publication date", &doc, || read_published(d))?;
    let unplaced = guard("dates", &doc, || marsad_dates::annotate(d, day))?;
    let linker = guard("entities", &doc, || {
        let linker = marsad_entities::Linker::bundled();
        marsad_entities::annotate(d, linker, day);
        linker
    })?;
    guard("unknown names", &doc, || {
        marsad_entities::annotate_unknown(d, linker, marsad_entities::bundled_tagger())
    })?;
    d.topic = guard("topic", &doc, || topic_of(d))?;
    let events = guard("events", &doc, || marsad_events::annotate(d, day))?;
    guard("places", &doc, || marsad_entities::locate_events(d, linker))?;
    Ok(Notes {
        unplaced,
        events,
        warnings,
    })
}

/// The publication date, read once, here, where the page enters the stages: the record's
/// `published` (from a feed, a sidecar or the page) becomes ISO 8601 at the precision
/// given ([`marsad_dates::read_published`]: ISO, Arabic-Indic and other digits, Arabic
/// month names); a value that is no date, or names a day that does not exist, is dropped
/// with a warning naming the record, rather than kept as given and anchoring every stage
/// on nonsense.
///
/// Returns the day every stage anchors on, typed: the publication day, else the day the
/// page was crawled (`crawled` is kept as given; a crawl stamp that is no date gives no
/// day). No stage parses a date string after this.
fn read_published(d: &mut Document) -> (Option<jiff::civil::Date>, Vec<String>) {
    let mut warnings = Vec::new();
    let mut day = None;
    if let Some(given) = d.published.take() {
        match marsad_dates::read_published(&given) {
            Ok(p) => {
                d.published = Some(p.iso);
                day = p.day;
            }
            Err(why) => warnings.push(format!("published «{given}» left empty: {why}")),
        }
    }
    let crawled = || {
        marsad_dates::read_published(d.crawled.as_deref()?)
            .ok()?
            .day
    };
    (day.or_else(crawled), warnings)
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

/// Runs one stage, turning a panic into [`Error::Internal`] for `stage` on `doc`.
///
/// `extract` and the annotators never panic on input by design (property tests and
/// fuzzing hold them to that); should a bug slip through, it costs one page, not the
/// batch, and says where to look. Unwind safety: a stage that panicked leaves its record
/// half-annotated, and the whole page is dropped with it, so nothing half-made escapes.
pub(crate) fn guard<T>(stage: &'static str, doc: &str, f: impl FnOnce() -> T) -> Result<T, Error> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        injected_panic(stage, doc);
        f()
    }))
    .map_err(|_| Error::Internal {
        stage,
        doc: doc.to_string(),
    })
}

/// Debug builds only: `MARSAD_TEST_PANIC=STAGE@DOC` makes `STAGE` panic on the record
/// `DOC`, so that the end-to-end tests can show on the real binary what a user meets when
/// a bug slips through (the message, the count, the input not marked read past the page,
/// the page read again by the next run). A release build has no such hook.
#[cfg(debug_assertions)]
fn injected_panic(stage: &str, doc: &str) {
    if let Ok(at) = std::env::var("MARSAD_TEST_PANIC") {
        if at.split_once('@') == Some((stage, doc)) {
            panic!("MARSAD_TEST_PANIC: {stage} on {doc}");
        }
    }
}

#[cfg(not(debug_assertions))]
fn injected_panic(_stage: &str, _doc: &str) {}

/// Names the file of a reader's error; an internal error names its record already.
fn in_file(e: Error, doc: &str) -> Error {
    if e.is_internal() {
        e
    } else {
        e.with_file(doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_an_internal_error_naming_stage_and_record() {
        let e = guard("events", "a.txt", || -> () { panic!("a bug") }).unwrap_err();
        assert!(e.is_internal());
        assert_eq!(e.reason(), "internal error");
        assert_eq!(
            e.to_string(),
            "internal error in events on a.txt: please report"
        );
        assert_eq!(guard("events", "a.txt", || 7).unwrap(), 7);
    }

    #[test]
    fn a_published_value_that_is_no_date_is_a_warning_and_null() {
        let mut d = Document::new("r.jsonl:3", "قال الوزير إن الاجتماع انعقد.".to_string());
        d.published = Some("2024-02-30".to_string());
        let notes = annotate(&mut d).unwrap();
        assert_eq!(d.published, None);
        assert_eq!(notes.warnings.len(), 1);
        assert!(
            notes.warnings[0].contains("«2024-02-30»"),
            "{:?}",
            notes.warnings
        );
    }

    #[test]
    fn stages_anchor_on_the_day_read_once() {
        // «أمس» is placed against the publication day however it was written, and against
        // the crawl day when there is none.
        let yesterday = |published: Option<&str>, crawled: Option<&str>| {
            let mut d = Document::new("d", "وصل الوزير أمس إلى باكو.".to_string());
            d.published = published.map(str::to_string);
            d.crawled = crawled.map(str::to_string);
            let notes = annotate(&mut d).unwrap();
            (
                d.dates.first().map(|m| m.value.clone()),
                notes.warnings.len(),
            )
        };
        let day = |v: &str, warnings| (Some(v.to_string()), warnings);
        assert_eq!(yesterday(Some("١٩ آب ٢٠٢٤"), None), day("2024-08-18", 0));
        assert_eq!(
            yesterday(Some("2024-08-19T23:00:00+03:00"), None),
            day("2024-08-18", 0)
        );
        assert_eq!(
            yesterday(None, Some("2015-07-21 02:52:12")),
            day("2015-07-20", 0)
        );
        assert_eq!(
            yesterday(Some("yesterday"), Some("2015-07-21")),
            day("2015-07-20", 1)
        );
        // A month is no day: nothing relative is placed against a guess.
        assert_eq!(yesterday(Some("2024-08"), None), (None, 0));
    }

    #[test]
    fn pages_are_finished_with_their_warnings_on_the_first_record() {
        let page = Page {
            doc: "p.txt".to_string(),
            format: marsad_extract::Format::Text,
            bytes: "استقبل الرئيس المصري في القاهرة أمس وزير الخارجية الفرنسي وبحثا العلاقات الثنائية بين البلدين.\n".as_bytes().to_vec(),
            hints: marsad_extract::Hints {
                published: Some("19 أغسطس 2024".to_string()),
                ..Default::default()
            },
            warnings: vec!["a reader's note".to_string()],
        };
        let (docs, report) = finish(prepare(&page, true).unwrap(), None).unwrap();
        assert!(!report.is_empty());
        assert_eq!(docs.len(), 1);
        let (d, notes) = &docs[0];
        assert_eq!(d.published.as_deref(), Some("2024-08-19"));
        assert_eq!(notes.warnings, ["a reader's note"]);
        assert!(
            d.entities.iter().any(|e| e.key == "Cairo"),
            "{:?}",
            d.entities
        );
    }

    #[test]
    fn bad_input_names_its_file() {
        let page = Page {
            doc: "empty.txt".to_string(),
            format: marsad_extract::Format::Text,
            bytes: b"   \n".to_vec(),
            hints: Default::default(),
            warnings: Vec::new(),
        };
        let e = prepare(&page, false).err().unwrap();
        assert!(!e.is_internal());
        assert_eq!(e.to_string(), "empty.txt: empty input");
    }
}
