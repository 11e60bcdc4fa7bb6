//! Writing: one transaction per batch of records and the reading progress that goes
//! with them.
//!
//! The progress of an input (how far into a file the committed records reach) is written
//! in the *same* transaction as the records. A process killed at any instant leaves the
//! database either before the batch (records and progress both absent) or after it (both
//! present), so a re-run resumes exactly where the last commit ended: nothing lost,
//! nothing doubled. The content hash's `UNIQUE` constraint is the second line of
//! defence: a record read again (an input whose progress could not be kept, a file
//! renamed) is recognized and not stored twice.

use std::borrow::Cow;

use marsad_dedup::{Signature, THRESHOLD};
use marsad_schema::{Document, Entity, Event};
use rusqlite::{params, OptionalExtension, Transaction};

use crate::hash::content_hash_folded;
use crate::search::{folded, index_columns};
use crate::sources::SourceProgress;
use crate::{Error, Store};

/// What a committed batch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchReport {
    /// Records stored as new texts.
    pub stored: usize,
    /// Records whose text was already stored under another `doc`: kept as copies.
    pub copies: usize,
    /// Records already in the store under the same `doc` (a re-run).
    pub already: usize,
    /// Of the stored, those found to be near-duplicates of an earlier text.
    pub near_duplicates: usize,
}

impl BatchReport {
    /// Counts one record's outcome (both stores tally their batches with it).
    pub fn count(&mut self, outcome: &Outcome) {
        match outcome {
            Outcome::Stored => self.stored += 1,
            Outcome::NearDuplicate { .. } => {
                self.stored += 1;
                self.near_duplicates += 1;
            }
            Outcome::Copy { .. } => self.copies += 1,
            Outcome::Already => self.already += 1,
        }
    }

    /// Adds another batch's counts.
    pub fn add(&mut self, other: &BatchReport) {
        self.stored += other.stored;
        self.copies += other.copies;
        self.already += other.already;
        self.near_duplicates += other.near_duplicates;
    }
}

/// A site's template learner as stored: opaque to the store (the bytes are
/// `marsad_extract::template::HostCounts::to_bytes`), with two numbers for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostTemplate {
    /// The host (`news.example`) or `outlet:` and an outlet's name.
    pub host: String,
    /// Distinct pages counted.
    pub pages: u64,
    /// Lines that are template.
    pub lines: u64,
    /// The learner's state.
    pub counts: Vec<u8>,
}

impl Store {
    /// The stored learner state of `host`, if any.
    pub fn template_counts(&self, host: &str) -> Result<Option<Vec<u8>>, Error> {
        Ok(self
            .conn
            .prepare_cached("SELECT counts FROM templates WHERE host = ?1")?
            .query_row([host], |r| r.get(0))
            .optional()?)
    }

    /// Every host with a stored learner: (host, pages, template lines), most pages first.
    pub fn templates(&self) -> Result<Vec<(String, u64, u64)>, Error> {
        let mut stmt = self
            .conn
            .prepare("SELECT host, pages, lines FROM templates ORDER BY pages DESC, host")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get::<_, i64>(1)? as u64,
                r.get::<_, i64>(2)? as u64,
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// How [`Store::commit`] judged one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Stored as a new text.
    Stored,
    /// Stored, as a near-duplicate of the earlier record `of` (its `doc`).
    NearDuplicate {
        /// The earlier record's `doc`.
        of: String,
    },
    /// Same text as the stored record `of` (its `doc`): kept as a copy.
    Copy {
        /// The stored record's `doc`.
        of: String,
    },
    /// This very record was stored before.
    Already,
}

/// A record with the work of storing it that needs no database done ahead: its content
/// hash, near-duplicate signature, JSON, and the folded text for the full-text index.
///
/// Storing is serial (one writer thread), and in an ingest that thread was the
/// bottleneck: half of all CPU time, a seventh of it this work (folding the text twice, a
/// MinHash signature, JSON), which needs no database. `marsad ingest` prepares the
/// records in its worker pool instead, so that the writer only runs SQL;
/// [`Store::commit_prepared`] writes them.
pub struct Prepared {
    doc: Document,
    work: Work,
}

impl Prepared {
    /// Does the work for `doc` (any thread).
    pub fn new(doc: Document) -> Result<Prepared, Error> {
        let work = Work::of(&doc)?;
        Ok(Prepared { doc, work })
    }

    /// The record.
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The content hash of the record's folded text ([`crate::hash`]), which identifies
    /// it in any store: another engine (`marsad-store-pg`) stores the same key.
    pub fn content_hash(&self) -> &[u8; 32] {
        &self.work.hash
    }

    /// The near-duplicate signature, for texts long enough to have one.
    pub fn signature(&self) -> Option<&Signature> {
        self.work.sig.as_ref()
    }

    /// The record as JSON, as given (without a `duplicate_of` found at commit time).
    pub fn record_json(&self) -> &str {
        &self.work.record
    }

    /// The text's length in characters (the `chars` column).
    pub fn chars(&self) -> i64 {
        self.work.chars
    }

    /// Each event's JSON and status, in the record's order.
    pub fn event_json(&self) -> &[(String, String)] {
        &self.work.events
    }

    /// The full-text columns: folded title, folded text, clitic-stripped words
    /// ([`crate::search::index_columns`]).
    pub fn index_columns(&self) -> &[String; 3] {
        &self.work.fts
    }
}

/// What [`Prepared`] computes ahead for one record.
struct Work {
    hash: [u8; 32],
    sig: Option<Signature>,
    /// The record as JSON, as given (a near-duplicate found at commit time is serialized
    /// again with its `duplicate_of`).
    record: String,
    chars: i64,
    /// The `documents_fts` columns ([`index_columns`]).
    fts: [String; 3],
    /// Each event's JSON and status, in order.
    events: Vec<(String, String)>,
}

impl Work {
    fn of(d: &Document) -> Result<Work, Error> {
        // The text is folded once, for both the content hash and the index.
        let text = folded(&d.text);
        let hash = content_hash_folded(&text, &d.doc);
        let title = d.title.as_deref().map(folded).unwrap_or_default();
        let mut events = Vec::with_capacity(d.events.len());
        for ev in &d.events {
            let status = serde_json::to_value(ev.status)?;
            events.push((
                serde_json::to_string(ev)?,
                status.as_str().unwrap_or_default().to_string(),
            ));
        }
        Ok(Work {
            hash,
            sig: Signature::of(&d.text),
            record: serde_json::to_string(d)?,
            chars: d.text.chars().count() as i64,
            fts: index_columns(&title, &text),
            events,
        })
    }
}

impl Store {
    /// Stores `docs` in one transaction (see [`Store::commit`]).
    pub fn insert_batch(&mut self, docs: &[Document]) -> Result<BatchReport, Error> {
        self.commit(docs, &[]).map(|(r, _)| r)
    }

    /// Stores `docs` and records `progress` in one transaction. Returns the counts and
    /// each record's outcome, in order.
    pub fn commit(
        &mut self,
        docs: &[Document],
        progress: &[SourceProgress],
    ) -> Result<(BatchReport, Vec<Outcome>), Error> {
        self.commit_with(docs, progress, &[])
    }

    /// [`Store::commit`], also saving the site-template learners that the batch's pages
    /// updated. In the same transaction, so that a page killed before its commit is
    /// counted again on the re-run, and a committed one never twice.
    pub fn commit_with(
        &mut self,
        docs: &[Document],
        progress: &[SourceProgress],
        templates: &[HostTemplate],
    ) -> Result<(BatchReport, Vec<Outcome>), Error> {
        let work = docs.iter().map(Work::of).collect::<Result<Vec<_>, _>>()?;
        self.write(docs.iter().zip(&work), progress, templates)
    }

    /// [`Store::commit_with`] for records prepared ahead ([`Prepared::new`]), the same in
    /// every respect but where the preparing was done.
    pub fn commit_prepared(
        &mut self,
        docs: &[Prepared],
        progress: &[SourceProgress],
        templates: &[HostTemplate],
    ) -> Result<(BatchReport, Vec<Outcome>), Error> {
        self.write(docs.iter().map(|p| (&p.doc, &p.work)), progress, templates)
    }

    fn write<'a>(
        &mut self,
        docs: impl ExactSizeIterator<Item = (&'a Document, &'a Work)>,
        progress: &[SourceProgress],
        templates: &[HostTemplate],
    ) -> Result<(BatchReport, Vec<Outcome>), Error> {
        // The write lock first (IMMEDIATE): a transaction that reads and then writes
        // fails at once, not after `busy_timeout`, when another process (a second
        // ingest into the same store) wrote in between.
        let started = std::time::Instant::now();
        let tx = loop {
            match self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            {
                Ok(tx) => break tx,
                Err(e) if crate::is_busy(&e) && started.elapsed() < crate::BUSY_PATIENCE => {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                Err(e) => return Err(e.into()),
            }
        };
        {
            let mut save = tx.prepare_cached(
                "INSERT INTO templates (host, pages, lines, counts) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (host) DO UPDATE SET
                     pages = excluded.pages, lines = excluded.lines, counts = excluded.counts",
            )?;
            for t in templates {
                save.execute(params![
                    t.host,
                    t.pages as i64,
                    t.lines as i64,
                    &t.counts[..]
                ])?;
            }
        }
        let mut report = BatchReport::default();
        let mut outcomes = Vec::with_capacity(docs.len());
        // Rows for the full-text index, written last: FTS5 flushes the terms it holds in
        // memory to a new index segment whenever a statement opens a savepoint (any
        // statement with `RETURNING` or an upsert does), so interleaving its inserts with
        // the others would write one tiny segment per document and spend the batch
        // merging them. Written together, one batch makes one segment.
        let mut fts: Vec<(i64, &Work)> = Vec::new();
        for (d, w) in docs {
            let outcome = insert_doc(&tx, d, w, &mut fts)?;
            report.count(&outcome);
            outcomes.push(outcome);
        }
        for p in progress {
            crate::sources::save(&tx, p)?;
        }
        {
            let mut index = tx.prepare_cached(
                "INSERT INTO documents_fts (rowid, title, text, bare) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (id, w) in fts {
                let [title, text, bare] = &w.fts;
                index.execute(params![id, title, text, bare])?;
            }
        }
        tx.commit()?;
        Ok((report, outcomes))
    }
}

/// Fills `documents_fts` from every stored record: after a migration that made the index
/// anew (layout 4). Only the title and text are read from each record.
pub(crate) fn rebuild_fts(tx: &rusqlite::Connection) -> Result<(), Error> {
    #[derive(serde::Deserialize)]
    struct Texts {
        #[serde(default)]
        title: Option<String>,
        text: String,
    }
    let mut read = tx.prepare("SELECT id, record FROM documents")?;
    let mut index =
        tx.prepare("INSERT INTO documents_fts (rowid, title, text, bare) VALUES (?1, ?2, ?3, ?4)")?;
    let mut rows = read.query([])?;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let t: Texts = serde_json::from_str(&row.get::<_, String>(1)?)?;
        let title = t.title.as_deref().map(folded).unwrap_or_default();
        let [title, text, bare] = index_columns(&title, &folded(&t.text));
        index.execute(params![id, title, text, bare])?;
    }
    Ok(())
}

fn insert_doc<'w>(
    tx: &Transaction<'_>,
    d: &Document,
    w: &'w Work,
    fts: &mut Vec<(i64, &'w Work)>,
) -> Result<Outcome, Error> {
    let hash = &w.hash;
    if let Some(of) = stored_under(tx, hash)? {
        return copy_of(tx, d, of);
    }
    // Near-duplicates: only for a record that does not say already.
    let sig = &w.sig;
    let near = match (sig, &d.duplicate_of) {
        (Some(s), None) => near_duplicate(tx, s)?,
        _ => None,
    };
    let marked;
    let (d, record) = match &near {
        Some(of) => {
            marked = Document {
                duplicate_of: Some(of.clone()),
                ..d.clone()
            };
            (&marked, Cow::Owned(serde_json::to_string(&marked)?))
        }
        None => (d, Cow::Borrowed(w.record.as_str())),
    };
    let id: i64 = tx
        .prepare_cached(
            "INSERT INTO documents
                 (doc, url, outlet, published, title, lang, content_hash, duplicate_of, chars, record)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             RETURNING id",
        )?
        .query_row(
            params![
                d.doc,
                d.url,
                d.outlet,
                d.published,
                d.title,
                d.lang,
                &hash[..],
                d.duplicate_of,
                w.chars,
                &*record
            ],
            |r| r.get::<_, i64>(0),
        )?;
    if let Some(s) = sig {
        tx.prepare_cached("INSERT INTO signatures (document_id, sig) VALUES (?1, ?2)")?
            .execute(params![id, s.to_bytes()])?;
        let mut band = tx.prepare_cached(
            "INSERT OR IGNORE INTO bands (band, key, document_id) VALUES (?1, ?2, ?3)",
        )?;
        for (b, key) in s.bands() {
            band.execute(params![b as i64, key, id])?;
        }
    }
    fts.push((id, w));
    for e in &d.entities {
        insert_entity(tx, id, e)?;
    }
    let mut date = tx.prepare_cached(
        "INSERT INTO dates (document_id, char_start, char_end, text, value) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for m in &d.dates {
        date.execute(params![id, m.start as i64, m.end as i64, m.text, m.value])?;
    }
    for (ev, (json, status)) in d.events.iter().zip(&w.events) {
        insert_event(tx, id, d.published.as_deref(), ev, json, status)?;
    }
    Ok(match near {
        Some(of) => Outcome::NearDuplicate { of },
        None => Outcome::Stored,
    })
}

/// The id and `doc` of the stored record with this content hash.
fn stored_under(tx: &Transaction<'_>, hash: &[u8; 32]) -> Result<Option<(i64, String)>, Error> {
    Ok(tx
        .prepare_cached("SELECT id, doc FROM documents WHERE content_hash = ?1")?
        .query_row([&hash[..]], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// Candidates per band looked at, at most: a band key shared by very many documents
/// (a template page) must not make one insert read them all.
pub const CANDIDATES_PER_BAND: i64 = 32;

/// Candidates whose signatures are compared, at most: those sharing the most bands. A
/// true near-duplicate shares many (13 of 32 on average at similarity 0.8), while texts
/// cut from common templates share a band here and there; comparing only the best few
/// keeps an insert's cost flat however large the corpus grows.
pub const CANDIDATES_COMPARED: usize = 8;

/// The `doc` of the earliest stored text that `sig` nearly repeats (the first of its
/// chain, when that one is itself a near-duplicate), if any.
fn near_duplicate(tx: &Transaction<'_>, sig: &Signature) -> Result<Option<String>, Error> {
    let mut candidates: Vec<i64> = Vec::new();
    let mut find = tx.prepare_cached(
        "SELECT document_id FROM bands WHERE band = ?1 AND key = ?2 ORDER BY document_id LIMIT ?3",
    )?;
    for (b, key) in sig.bands() {
        let rows = find.query_map(params![b as i64, key, CANDIDATES_PER_BAND], |r| r.get(0))?;
        for id in rows {
            candidates.push(id?);
        }
    }
    let mut load = tx.prepare_cached("SELECT sig FROM signatures WHERE document_id = ?1")?;
    let mut best: Option<(f64, i64)> = None;
    for id in compared(candidates) {
        let bytes: Vec<u8> = load.query_row([id], |r| r.get(0))?;
        let Some(other) = Signature::from_bytes(&bytes) else {
            continue;
        };
        let s = sig.similarity(&other);
        if s >= THRESHOLD && best.is_none_or(|(b, _)| s > b) {
            best = Some((s, id));
        }
    }
    let Some((_, id)) = best else {
        return Ok(None);
    };
    let (doc, first): (String, Option<String>) = tx
        .prepare_cached("SELECT doc, duplicate_of FROM documents WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(Some(first.unwrap_or(doc)))
}

/// Of the candidates found under a signature's band keys (one id per shared band, in
/// any order), those whose signatures are compared, in order: most bands shared first,
/// earliest (smallest id) first among equals, at most [`CANDIDATES_COMPARED`]. Shared by
/// both engines, so that they pick the same original.
pub fn compared(mut candidates: Vec<i64>) -> Vec<i64> {
    candidates.sort_unstable();
    let mut ranked: Vec<(usize, i64)> = candidates
        .chunk_by(|a, b| a == b)
        .map(|run| (run.len(), run[0]))
        .collect();
    ranked.sort_unstable_by_key(|&(n, id)| (std::cmp::Reverse(n), id));
    ranked
        .into_iter()
        .take(CANDIDATES_COMPARED)
        .map(|(_, id)| id)
        .collect()
}

/// The record's text is stored already (as record `id`, `doc` `of`): under this `doc`
/// (a re-run), or under another (an exact copy, remembered in `copies`).
fn copy_of(tx: &Transaction<'_>, d: &Document, (id, of): (i64, String)) -> Result<Outcome, Error> {
    if of == d.doc {
        return Ok(Outcome::Already);
    }
    let added = tx
        .prepare_cached(
            "INSERT INTO copies (doc, document_id, url, outlet, published) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (doc) DO NOTHING",
        )?
        .execute(params![d.doc, id, d.url, d.outlet, d.published])?;
    Ok(if added == 0 {
        Outcome::Already
    } else {
        Outcome::Copy { of }
    })
}

fn insert_entity(tx: &Transaction<'_>, document_id: i64, e: &Entity) -> Result<(), Error> {
    let kind = crate::read::entity_type_code(e.kind);
    // `DO UPDATE` (a no-op) rather than `DO NOTHING`, so that `RETURNING` gives the id of
    // an entity seen before too.
    let entity_id: i64 = tx
        .prepare_cached(
            "INSERT INTO entities (key, type, country) VALUES (?1, ?2, ?3)
             ON CONFLICT (key, type) DO UPDATE SET country = coalesce(country, excluded.country)
             RETURNING id",
        )?
        .query_row(params![e.key, kind, e.country], |r| r.get(0))?;
    let mut m = tx.prepare_cached(
        "INSERT INTO mentions (document_id, entity_id, char_start, char_end, text, resolved_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for x in &e.mentions {
        let by = x.resolved.as_ref().map(|r| r.by.as_str());
        m.execute(params![
            document_id,
            entity_id,
            x.start as i64,
            x.end as i64,
            x.text,
            by
        ])?;
    }
    Ok(())
}

fn insert_event(
    tx: &Transaction<'_>,
    document_id: i64,
    published: Option<&str>,
    ev: &Event,
    json: &str,
    status: &str,
) -> Result<(), Error> {
    let event_id: i64 = tx
        .prepare_cached(
            "INSERT INTO events
                 (document_id, type, mode, date, place, status, attributed_to, confidence, evidence, record, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
             RETURNING id",
        )?
        .query_row(
            params![
                document_id,
                ev.kind,
                ev.mode,
                ev.date,
                ev.place.as_ref().map(|w| w.key.as_str()),
                status,
                ev.attributed_to,
                f64::from(ev.confidence),
                ev.evidence.text,
                json,
                ev.date.as_deref().or(published)
            ],
            |r| r.get(0),
        )?;
    let mut a = tx.prepare_cached(
        "INSERT INTO event_actors (event_id, key, country, role) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for actor in &ev.actors {
        let role = serde_json::to_value(actor.role)?;
        a.execute(params![
            event_id,
            actor.key,
            actor.country,
            role.as_str().unwrap_or_default()
        ])?;
    }
    Ok(())
}
