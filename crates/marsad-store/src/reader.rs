//! [`Reader`]: what every reader of a store asks of it — the desk (`marsad serve`), the
//! stories (`marsad stories --db`), the CLI's `search`, `entities`, `events`, `docs` and
//! `export` — answered alike by both engines: this crate's SQLite
//! [`Store`] and `marsad-store-pg`'s PostgreSQL store.
//!
//! # Why a trait, and why this shape
//!
//! The desk was written against the SQLite store; PostgreSQL was added for ingest at
//! scale, and a desk that cannot read what the workers store would send users back to
//! one machine. The queries differ (SQL dialects, full-text engines, collations), what
//! they answer must not: the same filters give the same events, counts, days, places and
//! facets in both engines, which the PostgreSQL store's tests check against SQLite on
//! the same corpus (`marsad-store-pg`'s `desk_tests`).
//!
//! Methods take `&mut self` because a PostgreSQL client needs it for every statement;
//! the SQLite store only needs `&self` and keeps its inherent methods for callers that
//! know the engine. The streaming readers take a `&mut dyn FnMut` rather than a generic
//! closure so that the trait is object-safe: the desk holds `Box<dyn Reader>` without
//! knowing which engine is behind it. Their callbacks stop a reading by returning an
//! error ([`Error::Other`] for a reason of the caller's own).
//!
//! One difference is allowed, and documented where it lies: search ranks hits by BM25
//! in SQLite and lists them latest stored first in PostgreSQL (the same documents, in
//! another order).

use marsad_schema::{Document, EntityType};

use crate::{
    Counterpart, Counts, DayCount, DocumentRow, EntitySummary, Error, EventFacets, EventFilter,
    FacetLookup, Hit, MonthCount, PlaceCount, Store, StoredEvent,
};

/// What the readers of a store ask of it (see the module's notes). Every method is
/// documented on the SQLite store's method of the same name; a `limit` is a count (0:
/// nothing; `usize::MAX`: all).
pub trait Reader: Send {
    /// [`Store::generation`]: the last stored document's id; larger means newer.
    fn generation(&mut self) -> Result<i64, Error>;
    /// [`Store::counts`]: how much the store holds.
    fn counts(&mut self) -> Result<Counts, Error>;
    /// [`Store::entities`]: entities by documents that mention them, most first.
    fn entities(
        &mut self,
        kind: Option<EntityType>,
        limit: usize,
    ) -> Result<Vec<EntitySummary>, Error>;
    /// [`Store::search`]: documents holding every word of `query`, best first.
    fn search(&mut self, query: &str, limit: usize) -> Result<Vec<Hit>, Error>;
    /// [`Store::events`]: events, latest first, of a confidence or more, of a type.
    fn events(
        &mut self,
        kind: Option<&str>,
        min_confidence: f32,
        limit: usize,
    ) -> Result<Vec<StoredEvent>, Error>;
    /// [`Store::documents`]: stored records in the order stored.
    fn documents(&mut self, limit: usize) -> Result<Vec<Document>, Error>;
    /// [`Store::each_document`]: every stored record, in the order stored, one at a time.
    fn each_document(
        &mut self,
        f: &mut dyn FnMut(Document) -> Result<(), Error>,
    ) -> Result<(), Error>;
    /// [`Store::each_event`]: every event, in the order stored, one at a time.
    fn each_event(
        &mut self,
        f: &mut dyn FnMut(StoredEvent) -> Result<(), Error>,
    ) -> Result<(), Error>;
    /// [`Store::entity`]: one entity by key, with its counts.
    fn entity(&mut self, key: &str) -> Result<Option<EntitySummary>, Error>;
    /// [`Store::entity_spellings`]: `(key, type, spelling)` of every mention's spelling.
    fn entity_spellings(&mut self) -> Result<Vec<(String, EntityType, String)>, Error>;
    /// [`Store::entity_documents`]: the documents that mention an entity, latest first.
    fn entity_documents(
        &mut self,
        key: &str,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<DocumentRow>, Error>;
    /// [`Store::counterparts`]: the actors that share events with an entity.
    fn counterparts(&mut self, key: &str, limit: usize) -> Result<Vec<Counterpart>, Error>;
    /// [`Store::entity_event_months`]: an entity's events per month.
    fn entity_event_months(&mut self, key: &str) -> Result<Vec<MonthCount>, Error>;
    /// [`Store::entity_document_months`]: the documents naming an entity per month.
    fn entity_document_months(&mut self, key: &str) -> Result<Vec<MonthCount>, Error>;
    /// [`Store::document`]: one stored record by `doc` (or an exact copy's `doc`).
    fn document(&mut self, doc: &str) -> Result<Option<Document>, Error>;
    /// [`Store::document_rows`]: documents without their text, in the order stored.
    fn document_rows(&mut self, limit: usize, offset: usize) -> Result<Vec<DocumentRow>, Error>;
    /// [`Store::search_page`]: search hits from `offset` on, best first.
    fn search_page(&mut self, query: &str, limit: usize, offset: usize) -> Result<Vec<Hit>, Error>;
    /// [`Store::search_docs`]: the `doc` of every document a search finds.
    fn search_docs(&mut self, query: &str, limit: usize) -> Result<Vec<String>, Error>;
    /// [`Store::each_event_filtered`]: events under a filter, latest first, one at a time.
    fn each_event_filtered(
        &mut self,
        filter: &EventFilter,
        limit: usize,
        offset: usize,
        f: &mut dyn FnMut(StoredEvent) -> Result<(), Error>,
    ) -> Result<(), Error>;
    /// [`Store::events_filtered`]: a page of events under a filter.
    fn events_filtered(
        &mut self,
        filter: &EventFilter,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<StoredEvent>, Error> {
        let mut out = Vec::new();
        self.each_event_filtered(filter, limit, offset, &mut |e| {
            out.push(e);
            Ok(())
        })?;
        Ok(out)
    }
    /// [`Store::count_events`]: how many events pass a filter.
    fn count_events(&mut self, filter: &EventFilter) -> Result<u64, Error>;
    /// [`Store::facet_lookup`]: each document's outlet, each event's actors' countries.
    fn facet_lookup(&mut self) -> Result<FacetLookup, Error>;
    /// [`Store::event_facets`]: counts per value of the timeline's filters.
    fn event_facets(
        &mut self,
        filter: &EventFilter,
        look: &FacetLookup,
    ) -> Result<EventFacets, Error>;
    /// [`Store::event_days`]: events per day and type under a filter.
    fn event_days(&mut self, filter: &EventFilter) -> Result<Vec<DayCount>, Error>;
    /// [`Store::event_places`]: events per place under a filter (the map).
    fn event_places(&mut self, filter: &EventFilter) -> Result<Vec<PlaceCount>, Error>;
    /// [`Store::each_document_with_events`]: what grouping events into stories reads,
    /// for the documents stored after row id `after` (0: all), each with its row id.
    fn each_document_with_events(
        &mut self,
        after: i64,
        f: &mut dyn FnMut(i64, Document) -> Result<(), Error>,
    ) -> Result<(), Error>;
    /// [`Store::events_through`]: how many events the documents up to row id `last` hold.
    fn events_through(&mut self, last: i64) -> Result<u64, Error>;
}

impl Reader for Store {
    fn generation(&mut self) -> Result<i64, Error> {
        Store::generation(self)
    }
    fn counts(&mut self) -> Result<Counts, Error> {
        Store::counts(self)
    }
    fn entities(
        &mut self,
        kind: Option<EntityType>,
        limit: usize,
    ) -> Result<Vec<EntitySummary>, Error> {
        Store::entities(self, kind, limit)
    }
    fn search(&mut self, query: &str, limit: usize) -> Result<Vec<Hit>, Error> {
        Store::search(self, query, limit)
    }
    fn events(
        &mut self,
        kind: Option<&str>,
        min_confidence: f32,
        limit: usize,
    ) -> Result<Vec<StoredEvent>, Error> {
        Store::events(self, kind, min_confidence, limit)
    }
    fn documents(&mut self, limit: usize) -> Result<Vec<Document>, Error> {
        Store::documents(self, limit)
    }
    fn each_document(
        &mut self,
        f: &mut dyn FnMut(Document) -> Result<(), Error>,
    ) -> Result<(), Error> {
        Store::each_document(self, f)
    }
    fn each_event(
        &mut self,
        f: &mut dyn FnMut(StoredEvent) -> Result<(), Error>,
    ) -> Result<(), Error> {
        Store::each_event(self, f)
    }
    fn entity(&mut self, key: &str) -> Result<Option<EntitySummary>, Error> {
        Store::entity(self, key)
    }
    fn entity_spellings(&mut self) -> Result<Vec<(String, EntityType, String)>, Error> {
        Store::entity_spellings(self)
    }
    fn entity_documents(
        &mut self,
        key: &str,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<DocumentRow>, Error> {
        Store::entity_documents(self, key, limit, offset)
    }
    fn counterparts(&mut self, key: &str, limit: usize) -> Result<Vec<Counterpart>, Error> {
        Store::counterparts(self, key, limit)
    }
    fn entity_event_months(&mut self, key: &str) -> Result<Vec<MonthCount>, Error> {
        Store::entity_event_months(self, key)
    }
    fn entity_document_months(&mut self, key: &str) -> Result<Vec<MonthCount>, Error> {
        Store::entity_document_months(self, key)
    }
    fn document(&mut self, doc: &str) -> Result<Option<Document>, Error> {
        Store::document(self, doc)
    }
    fn document_rows(&mut self, limit: usize, offset: usize) -> Result<Vec<DocumentRow>, Error> {
        Store::document_rows(self, limit, offset)
    }
    fn search_page(&mut self, query: &str, limit: usize, offset: usize) -> Result<Vec<Hit>, Error> {
        Store::search_page(self, query, limit, offset)
    }
    fn search_docs(&mut self, query: &str, limit: usize) -> Result<Vec<String>, Error> {
        Store::search_docs(self, query, limit)
    }
    fn each_event_filtered(
        &mut self,
        filter: &EventFilter,
        limit: usize,
        offset: usize,
        f: &mut dyn FnMut(StoredEvent) -> Result<(), Error>,
    ) -> Result<(), Error> {
        Store::each_event_filtered(self, filter, limit, offset, f)
    }
    fn count_events(&mut self, filter: &EventFilter) -> Result<u64, Error> {
        Store::count_events(self, filter)
    }
    fn facet_lookup(&mut self) -> Result<FacetLookup, Error> {
        Store::facet_lookup(self)
    }
    fn event_facets(
        &mut self,
        filter: &EventFilter,
        look: &FacetLookup,
    ) -> Result<EventFacets, Error> {
        Store::event_facets(self, filter, look)
    }
    fn event_days(&mut self, filter: &EventFilter) -> Result<Vec<DayCount>, Error> {
        Store::event_days(self, filter)
    }
    fn event_places(&mut self, filter: &EventFilter) -> Result<Vec<PlaceCount>, Error> {
        Store::event_places(self, filter)
    }
    fn each_document_with_events(
        &mut self,
        after: i64,
        f: &mut dyn FnMut(i64, Document) -> Result<(), Error>,
    ) -> Result<(), Error> {
        Store::each_document_with_events(self, after, f)
    }
    fn events_through(&mut self, last: i64) -> Result<u64, Error> {
        Store::events_through(self, last)
    }
}
