//! The desk's queries on PostgreSQL: [`marsad_store::Reader`] for [`PgStore`], so that
//! `marsad serve` and `marsad stories` read what the workers store, with the answers the
//! SQLite store gives (`desk_tests` compares both on one corpus, query by query).
//!
//! Each query is the SQLite store's (`marsad_store`'s `desk.rs`) in PostgreSQL's dialect:
//! `$n` parameters (all given as text and cast where a number is meant, so that a filter
//! is one list of strings, as in SQLite); `jsonb_array_elements` and `strpos` for the
//! sector filter where SQLite has `json_each` and `instr`; the `tsvector` column for the
//! words of `q`; `NULLS LAST` where SQLite puts NULL last in a descending order by
//! itself. Orders compare bytes, as SQLite does: the columns sorted on are `COLLATE "C"`
//! (layout version 3, [`crate::schema`]), whatever the database's own collation.
//!
//! SQLite needs `INDEXED BY` and `CROSS JOIN` to walk the timeline in order; PostgreSQL's
//! planner has statistics and is left to choose.

use marsad_schema::{Document, EntityType};
use marsad_store::{
    Counterpart, Counts, DayCount, Dialect, DocumentRow, EntitySummary, EventFacets, EventFilter,
    FacetLookup, FacetTally, Hit, MonthCount, PlaceCount, Reader, StoredEvent,
};
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::ToSql;

use crate::{Context, Error, PgStore};

impl From<Error> for marsad_store::Error {
    fn from(e: Error) -> marsad_store::Error {
        marsad_store::Error::Other(Box::new(e))
    }
}

/// PostgreSQL's [`Dialect`] of the desk's event filters.
const POSTGRES: Dialect = Dialect {
    param: |n| format!("${n}"),
    confidence: "e.confidence >= ?::text::float8",
    // Sectors are in the record only (see the SQLite store): `strpos` on the compact JSON
    // skips the records without the sector before any is parsed.
    sector:
        "e.id IN (SELECT x.id FROM events x, jsonb_array_elements(x.record::jsonb -> 'actors') j
                      WHERE strpos(x.record, '\"sector\":' || to_json(?::text)::text) > 0
                        AND j ->> 'sector' = ?)",
    matching: "e.document_id IN (SELECT d.id FROM documents d WHERE d.search @@ ?::text::tsquery)",
    words: marsad_store::search::tsquery,
};

/// An event filter as SQL over `events e`: its `WHERE` clause (empty when nothing is
/// filtered) and its values, `$1` on.
fn event_where(f: &EventFilter) -> (String, Vec<String>) {
    let (clauses, values) = marsad_store::event_clauses(f, &POSTGRES);
    let sql = if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    };
    (sql, values)
}

/// `values` as the parameters of `query_raw`.
fn params(values: &[String]) -> impl ExactSizeIterator<Item = &(dyn ToSql + Sync)> {
    values.iter().map(|v| v as &(dyn ToSql + Sync))
}

/// A `LIMIT` or `OFFSET` as the SQLite store gives it (a count, never "all").
fn count(n: usize) -> String {
    i64::try_from(n).unwrap_or(i64::MAX).to_string()
}

/// The timeline's order: latest first, undated last (SQLite's `ORDER BY e.at DESC, e.id`).
const TIMELINE: &str = "ORDER BY e.at DESC NULLS LAST, e.id";

/// The columns of a [`DocumentRow`], in [`document_row`]'s order.
const DOCUMENT_ROW: &str =
    "d.doc, d.title, d.outlet, d.published, d.url, d.lang, d.chars, d.duplicate_of";

fn document_row(r: &postgres::Row) -> DocumentRow {
    DocumentRow {
        doc: r.get(0),
        title: r.get(1),
        outlet: r.get(2),
        published: r.get(3),
        url: r.get(4),
        lang: r.get(5),
        chars: r.get::<_, i64>(6) as u64,
        duplicate_of: r.get(7),
    }
}

fn entity_kind(key: &str, code: &str) -> Result<EntityType, Error> {
    marsad_store::entity_type_from_code(code).ok_or_else(|| Error::Corrupt {
        what: format!("entity type {code:?} of {key:?}"),
    })
}

impl PgStore {
    fn months(&mut self, sql: &str, key: &str) -> Result<Vec<MonthCount>, Error> {
        let rows = self.sql(false)?.query(sql, &[&key]).at("counting months")?;
        Ok(rows
            .iter()
            .map(|r| MonthCount {
                month: r.get(0),
                count: r.get::<_, i64>(1) as u64,
            })
            .collect())
    }
}

impl Reader for PgStore {
    fn generation(&mut self) -> Result<i64, marsad_store::Error> {
        let r = self
            .sql(false)?
            .query_one("SELECT coalesce(max(id), 0)::bigint FROM documents", &[])
            .at("reading the store's generation")?;
        Ok(r.get(0))
    }

    fn counts(&mut self) -> Result<Counts, marsad_store::Error> {
        Ok(PgStore::counts(self)?)
    }

    fn entities(
        &mut self,
        kind: Option<EntityType>,
        limit: usize,
    ) -> Result<Vec<EntitySummary>, marsad_store::Error> {
        // `entities`' own `limit` 0 means all; the reader's is a count, as in SQLite.
        if limit == 0 {
            return Ok(Vec::new());
        }
        Ok(PgStore::entities(self, kind, limit)?)
    }

    fn search(&mut self, query: &str, limit: usize) -> Result<Vec<Hit>, marsad_store::Error> {
        if limit == 0 {
            return Ok(Vec::new());
        }
        Ok(PgStore::search(self, query, limit)?)
    }

    fn events(
        &mut self,
        kind: Option<&str>,
        min_confidence: f32,
        limit: usize,
    ) -> Result<Vec<StoredEvent>, marsad_store::Error> {
        if limit == 0 {
            return Ok(Vec::new());
        }
        Ok(PgStore::events(self, kind, min_confidence, limit)?)
    }

    fn documents(&mut self, limit: usize) -> Result<Vec<Document>, marsad_store::Error> {
        if limit == 0 {
            return Ok(Vec::new());
        }
        Ok(PgStore::documents(self, limit)?)
    }

    fn each_document(
        &mut self,
        f: &mut dyn FnMut(Document) -> Result<(), marsad_store::Error>,
    ) -> Result<(), marsad_store::Error> {
        PgStore::each_document(self, f)
    }

    fn each_event(
        &mut self,
        f: &mut dyn FnMut(StoredEvent) -> Result<(), marsad_store::Error>,
    ) -> Result<(), marsad_store::Error> {
        PgStore::each_event(self, f)
    }

    fn entity(&mut self, key: &str) -> Result<Option<EntitySummary>, marsad_store::Error> {
        let row = self
            .sql(false)?
            .query_opt(
                "SELECT e.key, e.type, e.country,
                        (SELECT count(DISTINCT m.document_id) FROM mentions m WHERE m.entity_id = e.id),
                        (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id)
                 FROM entities e WHERE e.key = $1 ORDER BY e.type COLLATE \"C\" LIMIT 1",
                &[&key],
            )
            .at("reading an entity")?;
        let Some(r) = row else { return Ok(None) };
        let key: String = r.get(0);
        let kind = entity_kind(&key, r.get(1))?;
        Ok(Some(EntitySummary {
            kind,
            country: r.get(2),
            documents: r.get::<_, i64>(3) as u64,
            mentions: r.get::<_, i64>(4) as u64,
            key,
        }))
    }

    fn entity_spellings(
        &mut self,
    ) -> Result<Vec<(String, EntityType, String)>, marsad_store::Error> {
        let rows = self
            .sql(false)?
            .query(
                "SELECT DISTINCT e.key, e.type COLLATE \"C\", m.text COLLATE \"C\" FROM entities e
                 JOIN mentions m ON m.entity_id = e.id ORDER BY 1, 2, 3",
                &[],
            )
            .at("reading the entities' spellings")?;
        Ok(rows
            .iter()
            .filter_map(|r| {
                let kind = marsad_store::entity_type_from_code(r.get(1))?;
                Some((r.get(0), kind, r.get(2)))
            })
            .collect())
    }

    fn entity_documents(
        &mut self,
        key: &str,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<DocumentRow>, marsad_store::Error> {
        let rows = self
            .sql(false)?
            .query(
                &format!(
                    "SELECT {DOCUMENT_ROW} FROM documents d WHERE d.id IN (
                        SELECT m.document_id FROM mentions m JOIN entities e ON e.id = m.entity_id
                        WHERE e.key = $1)
                     ORDER BY d.published IS NULL, d.published DESC, d.id
                     LIMIT $2::text::bigint OFFSET $3::text::bigint"
                ),
                &[&key, &count(limit), &count(offset)],
            )
            .at("reading an entity's documents")?;
        Ok(rows.iter().map(document_row).collect())
    }

    fn counterparts(
        &mut self,
        key: &str,
        limit: usize,
    ) -> Result<Vec<Counterpart>, marsad_store::Error> {
        let rows = self
            .sql(false)?
            .query(
                "SELECT b.key, max(b.country COLLATE \"C\"), count(DISTINCT a.event_id)
                 FROM event_actors a
                 JOIN event_actors b ON b.event_id = a.event_id AND b.key IS NOT NULL AND b.key <> a.key
                 WHERE a.key = $1 GROUP BY b.key ORDER BY 3 DESC, 1 LIMIT $2::text::bigint",
                &[&key, &count(limit)],
            )
            .at("reading an entity's counterparts")?;
        Ok(rows
            .iter()
            .map(|r| Counterpart {
                key: r.get(0),
                country: r.get(1),
                events: r.get::<_, i64>(2) as u64,
            })
            .collect())
    }

    fn entity_event_months(&mut self, key: &str) -> Result<Vec<MonthCount>, marsad_store::Error> {
        Ok(self.months(
            "SELECT substr(e.at, 1, 7) m, count(DISTINCT e.id)
             FROM event_actors a JOIN events e ON e.id = a.event_id
             WHERE a.key = $1 AND length(e.at) >= 7
             GROUP BY m ORDER BY m",
            key,
        )?)
    }

    fn entity_document_months(
        &mut self,
        key: &str,
    ) -> Result<Vec<MonthCount>, marsad_store::Error> {
        Ok(self.months(
            "SELECT substr(d.published, 1, 7) m, count(DISTINCT d.id)
             FROM documents d JOIN mentions mm ON mm.document_id = d.id
             JOIN entities e ON e.id = mm.entity_id
             WHERE e.key = $1 AND length(d.published) >= 7
             GROUP BY m ORDER BY m",
            key,
        )?)
    }

    fn document(&mut self, doc: &str) -> Result<Option<Document>, marsad_store::Error> {
        let row = self
            .sql(false)?
            .query_opt(
                "SELECT record FROM (
                    SELECT record, 0 AS copy, id FROM documents WHERE doc = $1
                    UNION ALL
                    SELECT d.record, 1, d.id FROM copies c JOIN documents d ON d.id = c.document_id
                    WHERE c.doc = $1) x
                 ORDER BY copy, id LIMIT 1",
                &[&doc],
            )
            .at("reading a document")?;
        Ok(row
            .map(|r| serde_json::from_str(r.get::<_, &str>(0)))
            .transpose()?)
    }

    fn document_rows(
        &mut self,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<DocumentRow>, marsad_store::Error> {
        let rows = self
            .sql(false)?
            .query(
                &format!(
                    "SELECT {DOCUMENT_ROW} FROM documents d ORDER BY d.id
                     LIMIT $1::text::bigint OFFSET $2::text::bigint"
                ),
                &[&count(limit), &count(offset)],
            )
            .at("reading documents")?;
        Ok(rows.iter().map(document_row).collect())
    }

    /// The latest stored first (see [`PgStore::search`]), where SQLite ranks by BM25:
    /// the same documents, in another order.
    fn search_page(
        &mut self,
        query: &str,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<Hit>, marsad_store::Error> {
        if limit == 0 {
            return Ok(Vec::new());
        }
        Ok(self.search_from(query, limit, offset)?)
    }

    fn search_docs(
        &mut self,
        query: &str,
        limit: usize,
    ) -> Result<Vec<String>, marsad_store::Error> {
        let Some(q) = marsad_store::search::tsquery(query) else {
            return Ok(Vec::new());
        };
        let rows = self
            .sql(true)?
            .query(
                "SELECT doc FROM documents WHERE search @@ $1::text::tsquery
                 ORDER BY id LIMIT $2::text::bigint",
                &[&q, &count(limit)],
            )
            .at("searching")?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    /// The page is chosen first, by event id, in a subquery; records are read, and each
    /// event's place among its document's events (`n`) counted, for its rows only.
    fn each_event_filtered(
        &mut self,
        filter: &EventFilter,
        limit: usize,
        offset: usize,
        f: &mut dyn FnMut(StoredEvent) -> Result<(), marsad_store::Error>,
    ) -> Result<(), marsad_store::Error> {
        let (sql, mut values) = event_where(filter);
        let n = values.len();
        values.push(count(limit));
        values.push(count(offset));
        let sql = format!(
            "SELECT d.doc, d.url, d.outlet, d.lang, d.published, e.record,
                    (SELECT count(*) FROM events x WHERE x.document_id = e.document_id AND x.id < e.id)
             FROM (SELECT e.id FROM events e {sql} {TIMELINE}
                   LIMIT ${}::text::bigint OFFSET ${}::text::bigint) page
             JOIN events e ON e.id = page.id JOIN documents d ON d.id = e.document_id
             {TIMELINE}",
            n + 1,
            n + 2
        );
        let mut rows = self
            .sql(filter.q.is_some())?
            .query_raw(&sql, params(&values))
            .at("reading events")?;
        while let Some(r) = rows.next().at("reading events")? {
            f(crate::read::stored_event(&r)?)?;
        }
        Ok(())
    }

    fn count_events(&mut self, filter: &EventFilter) -> Result<u64, marsad_store::Error> {
        let (sql, values) = event_where(filter);
        let mut rows = self
            .sql(filter.q.is_some())?
            .query_raw(
                &format!("SELECT count(*) FROM events e {sql}"),
                params(&values),
            )
            .at("counting events")?;
        let n: i64 = match rows.next().at("counting events")? {
            Some(r) => r.get(0),
            None => 0,
        };
        Ok(n as u64)
    }

    fn facet_lookup(&mut self) -> Result<FacetLookup, marsad_store::Error> {
        let mut look = FacetLookup::default();
        let mut rows = self
            .sql(false)?
            .query_raw(
                "SELECT id, outlet FROM documents WHERE outlet IS NOT NULL",
                params(&[]),
            )
            .at("reading outlets")?;
        while let Some(r) = rows.next().at("reading outlets")? {
            look.add_outlet(r.get(0), r.get(1));
        }
        drop(rows);
        let mut rows = self
            .sql(false)?
            .query_raw(
                "SELECT DISTINCT event_id, country FROM event_actors WHERE country IS NOT NULL",
                params(&[]),
            )
            .at("reading actors' countries")?;
        while let Some(r) = rows.next().at("reading actors' countries")? {
            look.add_country(r.get(0), r.get(1));
        }
        Ok(look)
    }

    fn event_facets(
        &mut self,
        filter: &EventFilter,
        look: &FacetLookup,
    ) -> Result<EventFacets, marsad_store::Error> {
        let (sql, values) = event_where(filter);
        let mut rows = self
            .sql(filter.q.is_some())?
            .query_raw(
                &format!(
                    "SELECT e.id, e.type, e.mode, e.status, e.place, e.document_id FROM events e {sql}"
                ),
                params(&values),
            )
            .at("counting the timeline's facets")?;
        let mut tally = FacetTally::new(look);
        while let Some(r) = rows.next().at("counting the timeline's facets")? {
            tally.add(r.get(0), [r.get(1), r.get(2), r.get(3), r.get(4)], r.get(5));
        }
        Ok(tally.finish())
    }

    fn event_days(&mut self, filter: &EventFilter) -> Result<Vec<DayCount>, marsad_store::Error> {
        let (sql, values) = event_where(filter);
        let day = "length(e.at) >= 10";
        let sql = if sql.is_empty() {
            format!("WHERE {day}")
        } else {
            format!("{sql} AND {day}")
        };
        let mut rows = self
            .sql(filter.q.is_some())?
            .query_raw(
                &format!(
                    "SELECT substr(e.at, 1, 10) d, e.type, count(*) FROM events e {sql}
                     GROUP BY d, e.type ORDER BY d, e.type COLLATE \"C\""
                ),
                params(&values),
            )
            .at("counting events per day")?;
        let mut out = Vec::new();
        while let Some(r) = rows.next().at("counting events per day")? {
            out.push(DayCount {
                day: r.get(0),
                kind: r.get(1),
                count: r.get::<_, i64>(2) as u64,
            });
        }
        Ok(out)
    }

    fn event_places(
        &mut self,
        filter: &EventFilter,
    ) -> Result<Vec<PlaceCount>, marsad_store::Error> {
        let (sql, values) = event_where(filter);
        let mut rows = self
            .sql(filter.q.is_some())?
            .query_raw(
                &format!(
                    "SELECT p.place, p.n, CASE WHEN p.place IS NOT NULL THEN (x.record::json -> 'where')::text END
                     FROM (SELECT e.place place, count(*) n, max(e.id) last FROM events e {sql}
                           GROUP BY e.place) p
                     JOIN events x ON x.id = p.last"
                ),
                params(&values),
            )
            .at("counting events per place")?;
        let mut found = Vec::new();
        while let Some(r) = rows.next().at("counting events per place")? {
            found.push((r.get(0), r.get::<_, i64>(1) as u64, r.get(2)));
        }
        Ok(marsad_store::place_counts(found))
    }

    fn each_document_with_events(
        &mut self,
        after: i64,
        f: &mut dyn FnMut(i64, Document) -> Result<(), marsad_store::Error>,
    ) -> Result<(), marsad_store::Error> {
        let mut rows = self
            .sql(false)?
            .query_raw(
                "SELECT e.document_id, d.doc, d.url, d.lang, d.title, d.outlet, d.published,
                        d.duplicate_of, e.record,
                        CASE WHEN d.published IS NULL THEN d.record::json ->> 'crawled' END
                 FROM events e JOIN documents d ON d.id = e.document_id
                 WHERE e.document_id > $1::text::bigint
                 ORDER BY e.document_id, e.id",
                params(&[after.to_string()]),
            )
            .at("reading the documents with events")?;
        let mut current: Option<(i64, Document)> = None;
        while let Some(r) = rows.next().at("reading the documents with events")? {
            let id: i64 = r.get(0);
            if current.as_ref().is_none_or(|(at, _)| *at != id) {
                if let Some((at, d)) = current.take() {
                    f(at, d)?;
                }
                let mut d = Document::new(r.get::<_, String>(1), String::new());
                d.url = r.get(2);
                d.lang = r.get(3);
                d.title = r.get(4);
                d.outlet = r.get(5);
                d.published = r.get(6);
                d.duplicate_of = r.get(7);
                d.crawled = r.get(9);
                current = Some((id, d));
            }
            if let Some((_, d)) = current.as_mut() {
                d.events.push(serde_json::from_str(r.get::<_, &str>(8))?);
            }
        }
        if let Some((at, d)) = current {
            f(at, d)?;
        }
        Ok(())
    }

    /// Documents are numbered as they are inserted but several workers commit in any
    /// order, so a reader that read up to `last` may have missed a document numbered
    /// before it that was committed after: this count tells it.
    fn events_through(&mut self, last: i64) -> Result<u64, marsad_store::Error> {
        let r = self
            .sql(false)?
            .query_one(
                "SELECT count(*)::bigint FROM events WHERE document_id <= $1",
                &[&last],
            )
            .at("counting the events read")?;
        Ok(r.get::<_, i64>(0) as u64)
    }
}
