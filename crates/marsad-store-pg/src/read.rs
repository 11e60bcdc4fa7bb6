//! Reading: what `marsad export`, `docs`, `events`, `search` and `entities` need, returning the SQLite store's
//! types (records are stored whole as JSON in both engines, so what comes back is what
//! went in). The `each_*` readers stream: rows come from the server as they are read,
//! one record in memory at a time.

use marsad_schema::Document;
use marsad_schema::EntityType;
use marsad_store::{Counts, EntitySummary, Hit, StoredEvent};
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::ToSql;

use crate::{Context, Error, PgStore};

/// The events query, with a tail (filter and order) of the caller's.
const EVENTS: &str = "SELECT d.doc, d.url, d.outlet, d.lang, d.published, e.record,
        (row_number() OVER (PARTITION BY e.document_id ORDER BY e.id) - 1)::bigint
     FROM events e JOIN documents d ON d.id = e.document_id";

impl PgStore {
    /// Every stored record, in the order stored, one at a time. Stops at the first error
    /// `f` returns.
    pub fn each_document<E: From<Error>>(
        &mut self,
        mut f: impl FnMut(Document) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut rows = self
            .sql(false)?
            .query_raw("SELECT record FROM documents ORDER BY id", no_params())
            .at("reading documents")?;
        while let Some(r) = rows.next().at("reading documents")? {
            let record: &str = r.get(0);
            f(serde_json::from_str(record).map_err(Error::from)?)?;
        }
        Ok(())
    }

    /// Stored records in the order they were stored, at most `limit` (0: all).
    pub fn documents(&mut self, limit: usize) -> Result<Vec<Document>, Error> {
        let rows = self
            .sql(false)?
            .query(
                "SELECT record FROM documents ORDER BY id LIMIT $1",
                &[&sql_limit(limit)],
            )
            .at("reading documents")?;
        rows.iter()
            .map(|r| serde_json::from_str(r.get::<_, &str>(0)).map_err(Error::from))
            .collect()
    }

    /// Documents holding every word of `query` (Arabic-folded, as written or without its
    /// proclitics: `marsad_store::search`), the latest stored first, at most `limit`
    /// (0: all), each with the snippet the SQLite store gives.
    ///
    /// Not ranked: the `tsvector` holds each word once, without positions or counts
    /// (what FTS5 indexes, no more), so `ts_rank` gave nearly every match the same
    /// score, and computing it read every match's vector (150 ms for a common word on
    /// the SaudiNewsNet month). SQLite ranks by BM25 from its index.
    pub fn search(&mut self, query: &str, limit: usize) -> Result<Vec<Hit>, Error> {
        self.search_from(query, limit, 0)
    }

    /// [`PgStore::search`] from the `offset`-th hit on.
    pub(crate) fn search_from(
        &mut self,
        query: &str,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<Hit>, Error> {
        let Some(q) = marsad_store::search::tsquery(query) else {
            return Ok(Vec::new());
        };
        let terms = marsad_store::search::terms(query);
        // The page's ids first (from the index), then the page's records only.
        let rows = self
            .sql(true)?
            .query(
                "SELECT record FROM documents WHERE id IN (
                    SELECT id FROM documents WHERE search @@ $1::text::tsquery
                    ORDER BY id DESC LIMIT $2 OFFSET $3)
                 ORDER BY id DESC",
                &[&q, &sql_limit(limit), &(offset as i64)],
            )
            .at("searching")?;
        rows.iter()
            .map(|r| {
                let document: Document = serde_json::from_str(r.get::<_, &str>(0))?;
                let snippet = marsad_store::search::snippet(&document.text, &terms);
                Ok(Hit { document, snippet })
            })
            .collect()
    }

    /// Entities by the number of documents that mention them, then of mentions, then key
    /// (byte order, as SQLite sorts it); only those of `kind` when given; at most `limit`
    /// (0: all). As `marsad_store::Store::entities`.
    pub fn entities(
        &mut self,
        kind: Option<EntityType>,
        limit: usize,
    ) -> Result<Vec<EntitySummary>, Error> {
        let code = kind.map(marsad_store::entity_type_code);
        let rows = self
            .sql(false)?
            .query(
                "SELECT e.key, e.type, e.country, count(DISTINCT m.document_id), count(*)
                 FROM entities e JOIN mentions m ON m.entity_id = e.id
                 WHERE $1::text IS NULL OR e.type = $1
                 GROUP BY e.id ORDER BY 4 DESC, 5 DESC, e.key COLLATE \"C\" LIMIT $2",
                &[&code, &sql_limit(limit)],
            )
            .at("counting entities")?;
        rows.iter()
            .map(|r| {
                let (key, code): (String, &str) = (r.get(0), r.get(1));
                let kind =
                    marsad_store::entity_type_from_code(code).ok_or_else(|| Error::Corrupt {
                        what: format!("entity type {code:?} of {key:?}"),
                    })?;
                Ok(EntitySummary {
                    key,
                    kind,
                    country: r.get(2),
                    documents: r.get::<_, i64>(3) as u64,
                    mentions: r.get::<_, i64>(4) as u64,
                })
            })
            .collect()
    }

    /// Every event, in the order stored (document by document), one at a time.
    pub fn each_event<E: From<Error>>(
        &mut self,
        f: impl FnMut(StoredEvent) -> Result<(), E>,
    ) -> Result<(), E> {
        self.each_event_where("ORDER BY e.id", &[], f)
    }

    /// Events, latest first (undated last), of confidence `min_confidence` or more; only
    /// those of PLOVER type `kind` when given (as `marsad_store::Store::events`).
    pub fn events(
        &mut self,
        kind: Option<&str>,
        min_confidence: f32,
        limit: usize,
    ) -> Result<Vec<StoredEvent>, Error> {
        let floor = if min_confidence <= 0.0 {
            f64::NEG_INFINITY
        } else {
            f64::from(min_confidence) - 0.005
        };
        let mut out = Vec::new();
        self.each_event_where(
            "WHERE ($1::text IS NULL OR e.type = $1) AND e.confidence >= $3
             ORDER BY e.date IS NULL, e.date COLLATE \"C\" DESC, e.id LIMIT $2",
            &[&kind, &sql_limit(limit), &floor],
            |e| {
                out.push(e);
                Ok::<(), Error>(())
            },
        )?;
        Ok(out)
    }

    fn each_event_where<E: From<Error>>(
        &mut self,
        tail: &str,
        params: &[&(dyn ToSql + Sync)],
        mut f: impl FnMut(StoredEvent) -> Result<(), E>,
    ) -> Result<(), E> {
        let sql = format!("{EVENTS} {tail}");
        let mut rows = self
            .sql(false)?
            .query_raw(&sql, params.iter().copied())
            .at("reading events")?;
        while let Some(r) = rows.next().at("reading events")? {
            f(stored_event(&r)?)?;
        }
        Ok(())
    }

    /// How much the store holds (`sources_complete`: units done).
    pub fn counts(&mut self) -> Result<Counts, Error> {
        let r = self
            .sql(false)?
            .query_one(
                "SELECT (SELECT count(*) FROM documents),
                        (SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL),
                        (SELECT count(*) FROM copies),
                        (SELECT count(*) FROM entities),
                        (SELECT count(*) FROM mentions),
                        (SELECT count(*) FROM dates),
                        (SELECT count(*) FROM events),
                        (SELECT count(*) FROM units WHERE state = 'done')",
                &[],
            )
            .at("counting rows")?;
        let n = |i: usize| r.get::<_, i64>(i) as u64;
        Ok(Counts {
            documents: n(0),
            near_duplicates: n(1),
            copies: n(2),
            entities: n(3),
            mentions: n(4),
            dates: n(5),
            events: n(6),
            sources_complete: n(7),
        })
    }
}

/// An event from a row of the columns `doc, url, outlet, lang, published, record, n` (the
/// event's place among its document's), as every events query of this crate reads them.
pub(crate) fn stored_event(r: &postgres::Row) -> Result<StoredEvent, Error> {
    let n: i64 = r.get(6);
    Ok(StoredEvent {
        doc: r.get(0),
        url: r.get(1),
        outlet: r.get(2),
        lang: r.get(3),
        published: r.get(4),
        n: u32::try_from(n).map_err(|_| Error::Corrupt {
            what: format!("event number {n}"),
        })?,
        event: serde_json::from_str(r.get::<_, &str>(5))?,
    })
}

/// A `LIMIT` value: 0 is "all" (`NULL` in PostgreSQL).
fn sql_limit(limit: usize) -> Option<i64> {
    (limit > 0).then(|| i64::try_from(limit).unwrap_or(i64::MAX))
}

fn no_params() -> std::iter::Empty<&'static (dyn ToSql + Sync)> {
    std::iter::empty()
}
