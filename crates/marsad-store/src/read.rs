//! Reading: the queries behind `marsad search`, `entities`, `events` and `docs`, each
//! returning schema types (records are stored whole as JSON, so what comes back is what
//! went in).

use marsad_schema::{Document, EntityType, Event};
use rusqlite::{params, OptionalExtension};

use crate::search;
use crate::{Error, Store};

/// A document found by [`Store::search`].
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The stored record.
    pub document: Document,
    /// The original text around the first match, the match in brackets.
    pub snippet: String,
}

/// An entity with how often the store mentions it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntitySummary {
    /// The entity's key (SCHEMA.md).
    pub key: String,
    /// Its type.
    pub kind: EntityType,
    /// Its country, when it has one.
    pub country: Option<String>,
    /// Stored documents that mention it.
    pub documents: u64,
    /// Mentions in all of them.
    pub mentions: u64,
}

/// An event with the document it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredEvent {
    /// The document's `doc`.
    pub doc: String,
    /// The event's place among its document's events, from 0: with `doc`, an id that
    /// stays the same whichever database the document was ingested into.
    pub n: u32,
    /// The document's canonical URL.
    pub url: Option<String>,
    /// The document's outlet.
    pub outlet: Option<String>,
    /// The document's language.
    pub lang: Option<String>,
    /// The document's publication date.
    pub published: Option<String>,
    /// The event, as the events stage wrote it.
    pub event: Event,
}

/// How much the store holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Stored texts.
    pub documents: u64,
    /// Stored texts marked as near-duplicates of an earlier one.
    pub near_duplicates: u64,
    /// Exact copies (other sources of a stored text).
    pub copies: u64,
    /// Distinct entities.
    pub entities: u64,
    /// Entity mentions.
    pub mentions: u64,
    /// Date mentions.
    pub dates: u64,
    /// Events.
    pub events: u64,
    /// Inputs read to the end.
    pub sources_complete: u64,
}

/// SCHEMA.md's code for an entity type (`PER`, `ORG`, `GPE`, `LOC`).
pub fn entity_type_code(kind: EntityType) -> &'static str {
    match kind {
        EntityType::Person => "PER",
        EntityType::Organization => "ORG",
        EntityType::Gpe => "GPE",
        EntityType::Location => "LOC",
    }
}

/// The entity type of a SCHEMA.md code.
pub fn entity_type_from_code(code: &str) -> Option<EntityType> {
    Some(match code {
        "PER" => EntityType::Person,
        "ORG" => EntityType::Organization,
        "GPE" => EntityType::Gpe,
        "LOC" => EntityType::Location,
        _ => return None,
    })
}

pub(crate) fn sql_limit(limit: usize) -> i64 {
    i64::try_from(limit).unwrap_or(i64::MAX)
}

impl Store {
    /// Documents whose folded title or text holds every word of `query` (folded, and
    /// as written or without its proclitics; see [`crate::search`]), best first.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>, Error> {
        let Some(expr) = search::fts_query(query) else {
            return Ok(Vec::new());
        };
        let terms = search::terms(query);
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.record FROM documents_fts f JOIN documents d ON d.id = f.rowid
             WHERE documents_fts MATCH ?1 ORDER BY f.rank LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![expr, sql_limit(limit)], |r| r.get::<_, String>(0))?;
        let mut hits = Vec::new();
        for record in rows {
            let document: Document = serde_json::from_str(&record?)?;
            let snippet = search::snippet(&document.text, &terms);
            hits.push(Hit { document, snippet });
        }
        Ok(hits)
    }

    /// Entities by the number of stored documents that mention them, most first;
    /// only those of type `kind` when given.
    pub fn entities(
        &self,
        kind: Option<EntityType>,
        limit: usize,
    ) -> Result<Vec<EntitySummary>, Error> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.key, e.type, e.country, count(DISTINCT m.document_id), count(*)
             FROM entities e JOIN mentions m ON m.entity_id = e.id
             WHERE ?1 IS NULL OR e.type = ?1
             GROUP BY e.id ORDER BY 4 DESC, 5 DESC, e.key LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![kind.map(entity_type_code), sql_limit(limit)], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (key, code, country, documents, mentions) = row?;
            let kind = entity_type_from_code(&code).ok_or_else(|| Error::Corrupt {
                what: format!("entity type {code:?} of {key:?}"),
            })?;
            out.push(EntitySummary {
                key,
                kind,
                country,
                documents: documents as u64,
                mentions: mentions as u64,
            });
        }
        Ok(out)
    }

    /// Events, latest first (undated last), of confidence `min_confidence` or more; only
    /// those of PLOVER type `kind` when given.
    pub fn events(
        &self,
        kind: Option<&str>,
        min_confidence: f32,
        limit: usize,
    ) -> Result<Vec<StoredEvent>, Error> {
        let mut out = Vec::new();
        self.each_event_where(
            "WHERE (?1 IS NULL OR e.type = ?1) AND e.confidence >= ?3
             ORDER BY e.date IS NULL, e.date DESC, e.id LIMIT ?2",
            params![kind, sql_limit(limit), at_least(min_confidence)],
            |e| {
                out.push(e);
                Ok::<(), Error>(())
            },
        )?;
        Ok(out)
    }

    /// Every event, in the order stored (document by document), one at a time: an export
    /// of millions holds one in memory. Stops at the first error `f` returns.
    pub fn each_event<E: From<Error>>(
        &self,
        f: impl FnMut(StoredEvent) -> Result<(), E>,
    ) -> Result<(), E> {
        self.each_event_where("ORDER BY e.id", params![], f)
    }

    pub(crate) fn each_event_where<E: From<Error>>(
        &self,
        tail: &str,
        params: &[&dyn rusqlite::ToSql],
        mut f: impl FnMut(StoredEvent) -> Result<(), E>,
    ) -> Result<(), E> {
        let sql = format!(
            "SELECT d.doc, d.url, d.outlet, d.lang, d.published, e.record,
                    row_number() OVER (PARTITION BY e.document_id ORDER BY e.id) - 1
             FROM events e JOIN documents d ON d.id = e.document_id {tail}"
        );
        let mut stmt = self.conn.prepare_cached(&sql).map_err(Error::from)?;
        let mut rows = stmt.query(params).map_err(Error::from)?;
        while let Some(r) = rows.next().map_err(Error::from)? {
            let record: String = r.get(5).map_err(Error::from)?;
            let event = StoredEvent {
                doc: r.get(0).map_err(Error::from)?,
                url: r.get(1).map_err(Error::from)?,
                outlet: r.get(2).map_err(Error::from)?,
                lang: r.get(3).map_err(Error::from)?,
                published: r.get(4).map_err(Error::from)?,
                n: r.get(6).map_err(Error::from)?,
                event: serde_json::from_str(&record).map_err(Error::from)?,
            };
            f(event)?;
        }
        Ok(())
    }

    /// Every stored record, in the order stored, one at a time (see
    /// [`Store::each_event`]).
    pub fn each_document<E: From<Error>>(
        &self,
        mut f: impl FnMut(Document) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT record FROM documents ORDER BY id")
            .map_err(Error::from)?;
        let mut rows = stmt.query([]).map_err(Error::from)?;
        while let Some(r) = rows.next().map_err(Error::from)? {
            let record: String = r.get(0).map_err(Error::from)?;
            f(serde_json::from_str(&record).map_err(Error::from)?)?;
        }
        Ok(())
    }

    /// Stored records in the order they were stored.
    pub fn documents(&self, limit: usize) -> Result<Vec<Document>, Error> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT record FROM documents ORDER BY id LIMIT ?1")?;
        let rows = stmt.query_map([sql_limit(limit)], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for record in rows {
            out.push(serde_json::from_str(&record?)?);
        }
        Ok(out)
    }

    /// The stored record whose `doc` is `doc`, or whose text an exact copy `doc` shares.
    pub fn document(&self, doc: &str) -> Result<Option<Document>, Error> {
        let record: Option<String> = self
            .conn
            .prepare_cached(
                "SELECT record FROM documents WHERE doc = ?1
                 UNION ALL
                 SELECT d.record FROM copies c JOIN documents d ON d.id = c.document_id WHERE c.doc = ?1
                 LIMIT 1",
            )?
            .query_row([doc], |r| r.get(0))
            .optional()?;
        record
            .map(|r| serde_json::from_str(&r).map_err(Error::from))
            .transpose()
    }

    /// How much the store holds.
    pub fn counts(&self) -> Result<Counts, Error> {
        let n = |sql: &str| -> Result<u64, Error> {
            Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64)
        };
        Ok(Counts {
            documents: n("SELECT count(*) FROM documents")?,
            near_duplicates: n("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL")?,
            copies: n("SELECT count(*) FROM copies")?,
            entities: n("SELECT count(*) FROM entities")?,
            mentions: n("SELECT count(*) FROM mentions")?,
            dates: n("SELECT count(*) FROM dates")?,
            events: n("SELECT count(*) FROM events")?,
            sources_complete: n("SELECT count(*) FROM sources WHERE complete")?,
        })
    }
}

/// A confidence threshold as the store compares it: events are stored as `f32` widened to
/// `f64` (0.7 is stored as 0.69999…), so the bound is taken half a hundredth lower.
pub fn at_least(min_confidence: f32) -> f64 {
    if min_confidence <= 0.0 {
        f64::NEG_INFINITY
    } else {
        f64::from(min_confidence) - 0.005
    }
}
