//! Writing: one transaction per batch, holding the records, the unit's progress and the
//! site templates the batch updated, so that a worker killed at any instant leaves the
//! database before the batch or after it, never half-way.
//!
//! Each record goes through the SQLite store's steps, in the same order and with the same
//! rules (`marsad_store::write`): an exact copy of a stored text is kept in `copies`; a
//! record of the same `doc` again is recognized as already stored; a near-duplicate
//! (LSH band keys, then MinHash similarity over the best candidates,
//! [`marsad_store::compared`]) is stored with its `duplicate_of`. The statements are
//! written to take few round trips (arrays through `unnest`), since every one crosses the
//! network.

use std::collections::HashMap;

use marsad_dedup::{Signature, THRESHOLD};
use marsad_schema::{Document, Entity};
use marsad_store::{BatchReport, HostTemplate, Outcome, Prepared, CANDIDATES_PER_BAND};
use postgres::types::ToSql;
use postgres::{Row, Statement, Transaction};

use crate::{Context, Error, PgStore};

/// The transaction-scoped advisory lock every batch takes before it writes: commits take
/// turns (see the crate's documentation for why).
pub const WRITE_LOCK: i64 = 0x6d61_7273_6164_0002;

/// How far a unit's committed batches reach, written with the batch.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitProgress {
    /// The unit.
    pub unit: i64,
    /// The claim this worker holds ([`crate::Claim::claim`]): the fence.
    pub claim: i64,
    /// Its input, for messages.
    pub path: String,
    /// The byte offset to resume from.
    pub offset: u64,
    /// Records after `offset` already done.
    pub skip: u64,
    /// Whether the unit is read to its end (it is then done).
    pub complete: bool,
    /// Records this batch read from the unit (counted in `units.records`).
    pub records: u64,
    /// The lease, renewed from now, in seconds.
    pub lease_secs: f64,
}

impl PgStore {
    /// Stores `docs`, records `progress` and saves `templates` in one transaction, after
    /// checking that the unit is still this worker's ([`Error::LeaseLost`] when not:
    /// nothing is written). Returns the counts and each record's outcome, in order.
    pub fn commit(
        &mut self,
        docs: &[Prepared],
        progress: Option<&UnitProgress>,
        templates: &[HostTemplate],
    ) -> Result<(BatchReport, Vec<Outcome>), Error> {
        // A connection that searched writes with the planner as it is by default.
        self.plan_for(false)?;
        let PgStore {
            client, statements, ..
        } = self;
        let mut tx = Tx {
            tx: client.transaction().at("starting a batch")?,
            statements,
        };
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])
            .at("waiting for the write turn")?;
        if let Some(p) = progress {
            save_progress(&mut tx, p)?;
        }
        let mut hosts: Vec<&HostTemplate> = templates.iter().collect();
        hosts.sort_by(|a, b| a.host.cmp(&b.host));
        for t in hosts {
            tx.execute(
                "INSERT INTO templates (host, pages, lines, counts) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (host) DO UPDATE SET
                     pages = excluded.pages, lines = excluded.lines, counts = excluded.counts",
                &[&t.host, &(t.pages as i64), &(t.lines as i64), &t.counts],
            )
            .at("saving a site template")?;
        }
        let mut report = BatchReport::default();
        let mut outcomes = Vec::with_capacity(docs.len());
        for p in docs {
            let outcome = insert_doc(&mut tx, p)?;
            report.count(&outcome);
            outcomes.push(outcome);
        }
        tx.tx.commit().at("committing a batch")?;
        Ok((report, outcomes))
    }

    /// The stored learner state of `host`, if any.
    pub fn template_counts(&mut self, host: &str) -> Result<Option<Vec<u8>>, Error> {
        Ok(self
            .client
            .query_opt("SELECT counts FROM templates WHERE host = $1", &[&host])
            .at("reading a site template")?
            .map(|r| r.get(0)))
    }
}

/// A batch's transaction with the connection's prepared statements: each statement is
/// parsed and planned by the server once per connection, not once per row (the server's
/// CPU per document is what bounds the commit stream).
struct Tx<'c, 's> {
    tx: Transaction<'c>,
    statements: &'s mut HashMap<&'static str, Statement>,
}

type Params<'p> = &'p [&'p (dyn ToSql + Sync)];

impl Tx<'_, '_> {
    fn prepared(&mut self, sql: &'static str) -> Result<Statement, postgres::Error> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        let s = self.tx.prepare(sql)?;
        self.statements.insert(sql, s.clone());
        Ok(s)
    }

    fn execute(&mut self, sql: &'static str, params: Params<'_>) -> Result<u64, postgres::Error> {
        let s = self.prepared(sql)?;
        self.tx.execute(&s, params)
    }

    fn query(
        &mut self,
        sql: &'static str,
        params: Params<'_>,
    ) -> Result<Vec<Row>, postgres::Error> {
        let s = self.prepared(sql)?;
        self.tx.query(&s, params)
    }

    fn query_opt(
        &mut self,
        sql: &'static str,
        params: Params<'_>,
    ) -> Result<Option<Row>, postgres::Error> {
        let s = self.prepared(sql)?;
        self.tx.query_opt(&s, params)
    }

    fn query_one(&mut self, sql: &'static str, params: Params<'_>) -> Result<Row, postgres::Error> {
        let s = self.prepared(sql)?;
        self.tx.query_one(&s, params)
    }
}

/// The fence and the progress: the unit must still be claimed by this claim.
fn save_progress(tx: &mut Tx<'_, '_>, p: &UnitProgress) -> Result<(), Error> {
    let n = tx
        .execute(
            "UPDATE units SET resume_offset = $3, resume_skip = $4, records = records + $5,
                 state = CASE WHEN $6 THEN 'done' ELSE state END,
                 lease_until = CASE WHEN $6 THEN NULL ELSE now() + make_interval(secs => $7) END
             WHERE id = $1 AND claim = $2 AND state = 'running'",
            &[
                &p.unit,
                &p.claim,
                &(p.offset as i64),
                &(p.skip as i64),
                &(p.records as i64),
                &p.complete,
                &p.lease_secs,
            ],
        )
        .at("recording a unit's progress")?;
    if n == 0 {
        return Err(Error::LeaseLost {
            unit: p.unit,
            path: p.path.clone(),
        });
    }
    Ok(())
}

fn insert_doc(tx: &mut Tx<'_, '_>, p: &Prepared) -> Result<Outcome, Error> {
    let d = p.document();
    let hash = &p.content_hash()[..];
    if let Some(of) = stored_under(tx, hash)? {
        return copy_of(tx, d, of);
    }
    let sig = p.signature();
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
            (&marked, serde_json::to_string(&marked)?)
        }
        None => (d, p.record_json().to_string()),
    };
    let row = tx
        .query_opt(
            "INSERT INTO documents
                 (doc, url, outlet, published, title, lang, content_hash, duplicate_of, chars, record,
                  search)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, array_to_tsvector($11::text[]))
             ON CONFLICT (content_hash) DO NOTHING
             RETURNING id",
            &[
                &d.doc,
                &d.url,
                &d.outlet,
                &d.published,
                &d.title,
                &d.lang,
                &hash,
                &d.duplicate_of,
                &p.chars(),
                &record,
                &marsad_store::search::index_lexemes(p.index_columns()),
            ],
        )
        .at("storing a document")?;
    let Some(row) = row else {
        // Only possible if a commit outside the write lock stored the text meanwhile.
        let of = stored_under(tx, hash)?.ok_or_else(|| Error::Corrupt {
            what: format!("content hash of {:?} both present and absent", d.doc),
        })?;
        return copy_of(tx, d, of);
    };
    let id: i64 = row.get(0);
    if let Some(s) = sig {
        insert_signature(tx, id, s)?;
    }
    insert_entities(tx, id, &d.entities)?;
    insert_dates(tx, id, d)?;
    insert_events(tx, id, d, p.event_json())?;
    Ok(match near {
        Some(of) => Outcome::NearDuplicate { of },
        None => Outcome::Stored,
    })
}

/// The id and `doc` of the stored record with this content hash.
fn stored_under(tx: &mut Tx<'_, '_>, hash: &[u8]) -> Result<Option<(i64, String)>, Error> {
    Ok(tx
        .query_opt(
            "SELECT id, doc FROM documents WHERE content_hash = $1",
            &[&hash],
        )
        .at("looking up a content hash")?
        .map(|r| (r.get(0), r.get(1))))
}

/// The record's text is stored already: under this `doc` (a re-run) or under another (an
/// exact copy, remembered in `copies`).
fn copy_of(tx: &mut Tx<'_, '_>, d: &Document, (id, of): (i64, String)) -> Result<Outcome, Error> {
    if of == d.doc {
        return Ok(Outcome::Already);
    }
    let added = tx
        .execute(
            "INSERT INTO copies (doc, document_id, url, outlet, published) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (doc) DO NOTHING",
            &[&d.doc, &id, &d.url, &d.outlet, &d.published],
        )
        .at("storing an exact copy")?;
    Ok(if added == 0 {
        Outcome::Already
    } else {
        Outcome::Copy { of }
    })
}

fn band_arrays(sig: &Signature) -> (Vec<i32>, Vec<i64>) {
    sig.bands().map(|(b, key)| (b as i32, key)).unzip()
}

/// The `doc` of the earliest stored text that `sig` nearly repeats (the first of its
/// chain), by the SQLite store's rule, in two round trips.
fn near_duplicate(tx: &mut Tx<'_, '_>, sig: &Signature) -> Result<Option<String>, Error> {
    let (bands, keys) = band_arrays(sig);
    let candidates: Vec<i64> = tx
        .query(
            "SELECT x.document_id
             FROM unnest($1::integer[], $2::bigint[]) AS b(band, key)
             CROSS JOIN LATERAL (
                 SELECT document_id FROM bands
                 WHERE band = b.band AND key = b.key ORDER BY document_id LIMIT $3
             ) x",
            &[&bands, &keys, &CANDIDATES_PER_BAND],
        )
        .at("looking up band keys")?
        .iter()
        .map(|r| r.get(0))
        .collect();
    let compared = marsad_store::compared(candidates);
    if compared.is_empty() {
        return Ok(None);
    }
    let sigs: HashMap<i64, Vec<u8>> = tx
        .query(
            "SELECT document_id, sig FROM signatures WHERE document_id = ANY($1)",
            &[&compared],
        )
        .at("reading signatures")?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let mut best: Option<(f64, i64)> = None;
    for id in compared {
        let Some(other) = sigs.get(&id).and_then(|b| Signature::from_bytes(b)) else {
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
    let row = tx
        .query_one(
            "SELECT doc, duplicate_of FROM documents WHERE id = $1",
            &[&id],
        )
        .at("reading a near-duplicate's original")?;
    let (doc, first): (String, Option<String>) = (row.get(0), row.get(1));
    Ok(Some(first.unwrap_or(doc)))
}

fn insert_signature(tx: &mut Tx<'_, '_>, id: i64, sig: &Signature) -> Result<(), Error> {
    tx.execute(
        "INSERT INTO signatures (document_id, sig) VALUES ($1, $2)",
        &[&id, &sig.to_bytes()],
    )
    .at("storing a signature")?;
    let (bands, keys) = band_arrays(sig);
    tx.execute(
        "INSERT INTO bands (band, key, document_id)
         SELECT band, key, $3 FROM unnest($1::integer[], $2::bigint[]) AS b(band, key)
         ON CONFLICT DO NOTHING",
        &[&bands, &keys, &id],
    )
    .at("storing band keys")?;
    Ok(())
}

/// Entities (one upsert each, in the record's order, as SQLite does) and all their
/// mentions in one statement.
fn insert_entities(tx: &mut Tx<'_, '_>, id: i64, entities: &[Entity]) -> Result<(), Error> {
    let mut ids = Vec::new();
    let mut starts = Vec::new();
    let mut ends = Vec::new();
    let mut texts: Vec<&str> = Vec::new();
    let mut by: Vec<Option<&str>> = Vec::new();
    for e in entities {
        let kind = marsad_store::entity_type_code(e.kind);
        let entity_id: i64 = tx
            .query_one(
                "INSERT INTO entities (key, type, country) VALUES ($1, $2, $3)
                 ON CONFLICT (key, type) DO UPDATE
                     SET country = coalesce(entities.country, excluded.country)
                 RETURNING id",
                &[&e.key, &kind, &e.country],
            )
            .at("storing an entity")?
            .get(0);
        for m in &e.mentions {
            ids.push(entity_id);
            starts.push(m.start as i64);
            ends.push(m.end as i64);
            texts.push(&m.text);
            by.push(m.resolved.as_ref().map(|r| r.by.as_str()));
        }
    }
    if ids.is_empty() {
        return Ok(());
    }
    tx.execute(
        "INSERT INTO mentions (document_id, entity_id, char_start, char_end, text, resolved_by)
         SELECT $1, * FROM unnest($2::bigint[], $3::bigint[], $4::bigint[], $5::text[], $6::text[])",
        &[&id, &ids, &starts, &ends, &texts, &by],
    )
    .at("storing mentions")?;
    Ok(())
}

fn insert_dates(tx: &mut Tx<'_, '_>, id: i64, d: &Document) -> Result<(), Error> {
    if d.dates.is_empty() {
        return Ok(());
    }
    let starts: Vec<i64> = d.dates.iter().map(|m| m.start as i64).collect();
    let ends: Vec<i64> = d.dates.iter().map(|m| m.end as i64).collect();
    let texts: Vec<&str> = d.dates.iter().map(|m| m.text.as_str()).collect();
    let values: Vec<&str> = d.dates.iter().map(|m| m.value.as_str()).collect();
    tx.execute(
        "INSERT INTO dates (document_id, char_start, char_end, text, value)
         SELECT $1, * FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[])",
        &[&id, &starts, &ends, &texts, &values],
    )
    .at("storing dates")?;
    Ok(())
}

fn insert_events(
    tx: &mut Tx<'_, '_>,
    id: i64,
    d: &Document,
    json: &[(String, String)],
) -> Result<(), Error> {
    for (ev, (record, status)) in d.events.iter().zip(json) {
        let at = ev.date.as_deref().or(d.published.as_deref());
        let event_id: i64 = tx
            .query_one(
                "INSERT INTO events
                     (document_id, type, mode, date, place, status, attributed_to, confidence,
                      evidence, record, at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                 RETURNING id",
                &[
                    &id,
                    &ev.kind,
                    &ev.mode,
                    &ev.date,
                    &ev.place.as_ref().map(|w| w.key.as_str()),
                    status,
                    &ev.attributed_to,
                    &f64::from(ev.confidence),
                    &ev.evidence.text,
                    record,
                    &at,
                ],
            )
            .at("storing an event")?
            .get(0);
        if ev.actors.is_empty() {
            continue;
        }
        let mut keys = Vec::new();
        let mut countries = Vec::new();
        let mut roles = Vec::new();
        for a in &ev.actors {
            keys.push(a.key.as_deref());
            countries.push(a.country.as_deref());
            let role = serde_json::to_value(a.role)?;
            roles.push(role.as_str().unwrap_or_default().to_string());
        }
        tx.execute(
            "INSERT INTO event_actors (event_id, key, country, role)
             SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])",
            &[&event_id, &keys, &countries, &roles],
        )
        .at("storing event actors")?;
    }
    Ok(())
}
