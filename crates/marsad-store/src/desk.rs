//! The queries behind the web desk (`marsad serve`): pages of documents and search hits,
//! events under filters, one entity's documents, counterparts and months, and a
//! read-only way to open the store.

use std::collections::HashMap;

use marsad_schema::{Document, EntityType};
use rusqlite::{params, params_from_iter, Connection, OpenFlags, OptionalExtension};

use crate::read::sql_limit;
use crate::{entity_type_from_code, schema, search, EntitySummary, Error, Hit, Store, StoredEvent};

/// A stored document without its text: what a list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRow {
    /// The document's `doc`.
    pub doc: String,
    /// Its title.
    pub title: Option<String>,
    /// Its outlet.
    pub outlet: Option<String>,
    /// Its publication date.
    pub published: Option<String>,
    /// Its canonical URL.
    pub url: Option<String>,
    /// Its language.
    pub lang: Option<String>,
    /// Characters of text.
    pub chars: u64,
    /// The document it nearly repeats.
    pub duplicate_of: Option<String>,
}

/// Which events [`Store::events_filtered`] returns; every field set narrows the set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct EventFilter {
    /// An actor (entity key) that takes part.
    pub actor: Option<String>,
    /// A second actor that takes part too (an actor pair).
    pub with: Option<String>,
    /// An actor's country (ISO alpha-3).
    pub country: Option<String>,
    /// PLOVER type.
    pub kind: Option<String>,
    /// Mode.
    pub mode: Option<String>,
    /// Status (`occurred`, `planned`, `claimed`, `denied`).
    pub status: Option<String>,
    /// The event's date (else its document's publication date) is on or after this
    /// (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub from: Option<String>,
    /// … and on or before this (a prefix: `2023-09` includes the whole month).
    pub to: Option<String>,
    /// The document's outlet.
    pub outlet: Option<String>,
    /// Words the event's document holds (folded full-text search).
    pub q: Option<String>,
    /// Only events of this confidence or more, in hundredths (70 for 0.70; see
    /// [`marsad_schema::TRUSTED_CONFIDENCE`]).
    pub min_confidence: Option<u8>,
    /// An actor's sector (`GOV`, `MIL`, `REB`, …: an actor named by description).
    pub sector: Option<String>,
    /// Where the event happened (the place's key, a country's ISO alpha-3).
    pub place: Option<String>,
}

/// Events of one type on one day (`YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayCount {
    /// The day.
    pub day: String,
    /// PLOVER type.
    pub kind: String,
    /// Events.
    pub count: u64,
}

/// How many events each value of a facet leaves under a filter (the timeline's filter
/// selects), most first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventFacets {
    /// PLOVER types.
    pub kind: Vec<(String, u64)>,
    /// Modes.
    pub mode: Vec<(String, u64)>,
    /// Statuses.
    pub status: Vec<(String, u64)>,
    /// Actors' countries (ISO alpha-3): events with an actor of that country.
    pub country: Vec<(String, u64)>,
    /// Outlets.
    pub outlet: Vec<(String, u64)>,
    /// Places (the event's `where` key).
    pub place: Vec<(String, u64)>,
}

/// Each document's outlet and each event's actors' countries, as
/// [`Store::event_facets`] reads them (values interned in `values`).
#[derive(Debug, Default)]
pub struct FacetLookup {
    outlet: HashMap<i64, u32>,
    countries: HashMap<i64, Vec<u32>>,
    values: Vec<String>,
    names: HashMap<String, u32>,
}

impl FacetLookup {
    fn intern(&mut self, v: String) -> u32 {
        let values = &mut self.values;
        *self.names.entry(v).or_insert_with_key(|v| {
            values.push(v.clone());
            values.len() as u32 - 1
        })
    }

    /// Records that document `document_id` (its row id) is from `outlet`.
    pub fn add_outlet(&mut self, document_id: i64, outlet: String) {
        let v = self.intern(outlet);
        self.outlet.insert(document_id, v);
    }

    /// Records that event `event_id` (its row id) has an actor of `country` (once per
    /// event and country).
    pub fn add_country(&mut self, event_id: i64, country: String) {
        let v = self.intern(country);
        let list = self.countries.entry(event_id).or_default();
        if !list.contains(&v) {
            list.push(v);
        }
    }
}

/// Counts of [`EventFacets`] being made, one event at a time: how either engine's walk
/// over the filtered events turns into the timeline's counts per filter value.
pub struct FacetTally<'a> {
    look: &'a FacetLookup,
    kind: HashMap<String, u64>,
    mode: HashMap<String, u64>,
    status: HashMap<String, u64>,
    place: HashMap<String, u64>,
    outlet: HashMap<u32, u64>,
    country: HashMap<u32, u64>,
}

impl<'a> FacetTally<'a> {
    /// No event counted yet; outlets and countries are found in `look`.
    pub fn new(look: &'a FacetLookup) -> FacetTally<'a> {
        FacetTally {
            look,
            kind: HashMap::new(),
            mode: HashMap::new(),
            status: HashMap::new(),
            place: HashMap::new(),
            outlet: HashMap::new(),
            country: HashMap::new(),
        }
    }

    /// Counts one event: its row id, type, mode, status, place and document's row id.
    pub fn add(
        &mut self,
        event_id: i64,
        [kind, mode, status, place]: [Option<&str>; 4],
        document_id: i64,
    ) {
        let bump = |m: &mut HashMap<String, u64>, v: Option<&str>| {
            if let Some(t) = v {
                match m.get_mut(t) {
                    Some(n) => *n += 1,
                    None => {
                        m.insert(t.to_string(), 1);
                    }
                }
            }
        };
        bump(&mut self.kind, kind);
        bump(&mut self.mode, mode);
        bump(&mut self.status, status);
        bump(&mut self.place, place);
        if let Some(o) = self.look.outlet.get(&document_id) {
            *self.outlet.entry(*o).or_default() += 1;
        }
        for c in self.look.countries.get(&event_id).into_iter().flatten() {
            *self.country.entry(*c).or_default() += 1;
        }
    }

    /// The counts, most first (then by value), the facets of many values cut to
    /// [`FACET_VALUES`].
    pub fn finish(self) -> EventFacets {
        type Counts = HashMap<String, u64>;
        let look = self.look;
        let named = |m: HashMap<u32, u64>| -> Counts {
            m.into_iter()
                .map(|(k, n)| (look.values[k as usize].clone(), n))
                .collect()
        };
        let ranked = |m: Counts, limit: usize| -> Vec<(String, u64)> {
            let mut v: Vec<(String, u64)> = m.into_iter().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            v.truncate(limit);
            v
        };
        EventFacets {
            kind: ranked(self.kind, usize::MAX),
            mode: ranked(self.mode, usize::MAX),
            status: ranked(self.status, usize::MAX),
            place: ranked(self.place, FACET_VALUES),
            country: ranked(named(self.country), FACET_VALUES),
            outlet: ranked(named(self.outlet), FACET_VALUES),
        }
    }
}

/// The map's rows from `(place key, events, the latest event's where object as JSON)`
/// per place, as either engine groups them: each place with its `where` (the key alone
/// when the record's is missing or another place's), most events first, then by key,
/// events without a place last.
pub fn place_counts(
    rows: impl IntoIterator<Item = (Option<String>, u64, Option<String>)>,
) -> Vec<PlaceCount> {
    let mut out: Vec<PlaceCount> = rows
        .into_iter()
        .map(|(key, count, json)| PlaceCount {
            place: key.map(|key| {
                json.and_then(|j| serde_json::from_str::<marsad_schema::Where>(&j).ok())
                    .filter(|w| w.key == key)
                    .unwrap_or_else(|| marsad_schema::Where::key(key))
            }),
            count,
        })
        .collect();
    out.sort_by(|a, b| {
        (a.place.is_none(), std::cmp::Reverse(a.count))
            .cmp(&(b.place.is_none(), std::cmp::Reverse(b.count)))
            .then_with(|| {
                let key = |p: &PlaceCount| p.place.as_ref().map(|w| w.key.clone());
                key(a).cmp(&key(b))
            })
    });
    out
}

/// Events at one place under a filter (the desk's map).
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceCount {
    /// Where they happened, as the latest of them records it (`None`: events without a
    /// place).
    pub place: Option<marsad_schema::Where>,
    /// Events.
    pub count: u64,
}

/// A count per month (`YYYY-MM`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthCount {
    /// The month.
    pub month: String,
    /// How many.
    pub count: u64,
}

/// An entity that shares events with another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counterpart {
    /// Its key.
    pub key: String,
    /// Its country.
    pub country: Option<String>,
    /// Events they share.
    pub events: u64,
}

/// The most values a facet of many values (countries, outlets, places) counts.
pub const FACET_VALUES: usize = 60;

/// Settings for a read-only connection (no WAL switch: that would write).
const READ_ONLY_PRAGMAS: &str = "
PRAGMA query_only = ON;
PRAGMA busy_timeout = 10000;
PRAGMA cache_size = -32768;
";

/// What an engine writes its own way in an event filter's SQL ([`event_clauses`]); the
/// other clauses are plain SQL that both engines read alike.
pub struct Dialect {
    /// The placeholder of the `n`-th value, from 1 (`?1` in SQLite, `$1` in PostgreSQL).
    pub param: fn(usize) -> String,
    /// Events of a confidence of at least `?` (the value is given as text).
    pub confidence: &'static str,
    /// Events with an actor of sector `?` (every `?` is the same value).
    pub sector: &'static str,
    /// Events whose document matches `?`, a full-text expression of [`Dialect::words`].
    pub matching: &'static str,
    /// The full-text expression of a query's words (`None`: it has no word, and no
    /// event matches).
    pub words: fn(&str) -> Option<String>,
}

/// SQLite's [`Dialect`].
const SQLITE: Dialect = Dialect {
    param: |n| format!("?{n}"),
    confidence: "e.confidence >= CAST(? AS REAL)",
    // Sectors are in the record only (an actor named by description has no key): the
    // set is read from the records' actors, once per query. `instr` on the compact JSON
    // passes over the records without the sector before any is parsed.
    sector: "e.id IN (SELECT x.id FROM events x, json_each(x.record, '$.actors') j
                      WHERE instr(x.record, '\"sector\":' || json_quote(?)) > 0
                        AND json_extract(j.value, '$.sector') = ?)",
    matching: "e.document_id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)",
    words: search::fts_query,
};

/// An event filter as SQL over `events e`, in an engine's [`Dialect`]: its clauses (to be
/// joined with `AND`; none when nothing is filtered) and their values, in the order of
/// their placeholders. Every value is text.
pub fn event_clauses(f: &EventFilter, d: &Dialect) -> (Vec<String>, Vec<String>) {
    let mut clauses = Vec::new();
    let mut values = Vec::new();
    let mut push = |clause: &str, value: &str| {
        values.push(value.to_string());
        clauses.push(clause.replace('?', &(d.param)(values.len())));
    };
    // `IN (…)` rather than a correlated `EXISTS`: the planner can then start from the
    // key's event ids (a covering index, [`schema::DESK_INDEXES`]) instead of testing
    // every event in the store.
    let actor = "e.id IN (SELECT a.event_id FROM event_actors a WHERE a.key = ?)";
    if let Some(v) = &f.actor {
        push(actor, v);
    }
    if let Some(v) = &f.with {
        push(actor, v);
    }
    if let Some(v) = &f.country {
        push(
            "e.id IN (SELECT a.event_id FROM event_actors a WHERE a.country = ?)",
            v,
        );
    }
    if let Some(v) = &f.kind {
        push("e.type = ?", v);
    }
    if let Some(v) = &f.mode {
        push("e.mode = ?", v);
    }
    if let Some(v) = &f.status {
        push("e.status = ?", v);
    }
    if let Some(v) = f.min_confidence.filter(|&v| v > 0) {
        let bound = crate::read::at_least(f32::from(v) / 100.0);
        push(d.confidence, &bound.to_string());
    }
    // `e.at` is the event's date, else its document's publication date (schema v2).
    if let Some(v) = &f.from {
        push("e.at >= ?", v);
    }
    if let Some(v) = &f.to {
        // A prefix compare: `to=2023-09` keeps every day of September. Dates are ASCII
        // digits and `-T:/W`, all below `~` in byte order (both engines compare dates
        // so): `at <= to || '~'` is `at`'s first `len(to)` characters at most `to`, and
        // a range of the index on `at`.
        push("e.at <= ? || '~'", v);
    }
    if let Some(v) = &f.outlet {
        push(
            "e.document_id IN (SELECT d.id FROM documents d WHERE d.outlet = ?)",
            v,
        );
    }
    if let Some(v) = &f.place {
        push("e.place = ?", v);
    }
    if let Some(v) = &f.sector {
        push(d.sector, v);
    }
    if let Some(q) = &f.q {
        match (d.words)(q) {
            Some(expr) => push(d.matching, &expr),
            None => clauses.push("1 = 0".to_string()),
        }
    }
    (clauses, values)
}

/// The SQL of an event filter over `events e` in SQLite: its index and `WHERE` clause,
/// and its values.
fn event_where(f: &EventFilter) -> Result<(String, Vec<String>), Error> {
    let (clauses, values) = event_clauses(f, &SQLITE);
    // Every filter is a column of `events_at` or a set of ids to look up (schema v2), so
    // the walk down the timeline index never reads an event's row. Named, not left to
    // the planner: without statistics it prefers starting from an id list or the type
    // index and sorting all they give (hundreds of milliseconds for one actor on a
    // 100,000-document store) to walking the index in order and stopping after a page.
    let sql = if clauses.is_empty() {
        "INDEXED BY events_at".to_string()
    } else {
        format!("INDEXED BY events_at WHERE {}", clauses.join(" AND "))
    };
    Ok((sql, values))
}

impl Store {
    /// A read-only connection with the desk's settings, and the store's layout version;
    /// `immutable`: without locks or `-shm` (see [`Store::open_read_only`]).
    fn connect_read_only(
        path: &std::path::Path,
        immutable: bool,
    ) -> Result<(Connection, i64), rusqlite::Error> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = if immutable {
            // A URI: the path's own `?`, `#` and `%` escaped.
            let mut uri = String::from("file:");
            for c in path.to_string_lossy().chars() {
                match c {
                    '?' | '#' | '%' => uri.push_str(&format!("%{:02X}", c as u32)),
                    c => uri.push(c),
                }
            }
            uri.push_str("?immutable=1");
            Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)?
        } else {
            Connection::open_with_flags(path, flags)?
        };
        conn.execute_batch(READ_ONLY_PRAGMAS)?;
        conn.set_prepared_statement_cache_capacity(64);
        let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        Ok((conn, found))
    }

    /// Opens the database for a reader of the CLI: for writing when it can (an older
    /// layout is brought up to date, as [`Store::open`] does), else read-only (a store in
    /// a folder or file the user cannot write). The database must exist.
    pub fn open_for_reading(path: impl AsRef<std::path::Path>) -> Result<Store, Error> {
        let path = path.as_ref();
        match Store::open(path) {
            Ok(s) => Ok(s),
            Err(first @ Error::Open { .. }) => Store::open_read_only(path).map_err(|_| first),
            Err(e) => Err(e),
        }
    }

    /// Opens an existing database for reading only: nothing is created or changed, and a
    /// file that is not a Marsad store of this layout is refused.
    ///
    /// A store in WAL mode needs its `-shm` file, which SQLite creates beside the
    /// database: in a folder the user cannot write (a store on a read-only mount, or
    /// someone else's), that fails. Then the store is opened `immutable` (no locks, no
    /// `-shm`): nobody can be writing it, since a writer needs the same folder.
    pub fn open_read_only(path: impl AsRef<std::path::Path>) -> Result<Store, Error> {
        let path = path.as_ref();
        let open = |err| Error::Open {
            path: path.to_path_buf(),
            err,
        };
        let (conn, found) = match Store::connect_read_only(path, false) {
            Ok(c) => c,
            // Only for want of the `-shm` (not when busy: a writer may be at work).
            Err(first)
                if matches!(
                    first.sqlite_error_code(),
                    Some(rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly)
                ) =>
            {
                Store::connect_read_only(path, true).map_err(|_| open(first))?
            }
            Err(first) => return Err(open(first)),
        };
        if (1..schema::VERSION).contains(&found) {
            // Reading cannot update it (the queries need what later versions add).
            return Err(Error::Outdated {
                path: path.to_path_buf(),
                found,
                current: schema::VERSION,
            });
        }
        if found != schema::VERSION {
            return Err(Error::Version {
                found,
                supported: schema::VERSION,
            });
        }
        Ok(Store { conn })
    }

    /// Search hits from `offset` on (see [`Store::search`]).
    pub fn search_page(&self, query: &str, limit: usize, offset: usize) -> Result<Vec<Hit>, Error> {
        let Some(expr) = search::fts_query(query) else {
            return Ok(Vec::new());
        };
        let terms = search::terms(query);
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.record FROM documents_fts f JOIN documents d ON d.id = f.rowid
             WHERE documents_fts MATCH ?1 ORDER BY f.rank LIMIT ?2 OFFSET ?3",
        )?;
        let rows = stmt.query_map(params![expr, sql_limit(limit), sql_limit(offset)], |r| {
            r.get::<_, String>(0)
        })?;
        let mut hits = Vec::new();
        for record in rows {
            let document: Document = serde_json::from_str(&record?)?;
            let snippet = search::snippet(&document.text, &terms);
            hits.push(Hit { document, snippet });
        }
        Ok(hits)
    }

    /// The `doc` of every document the query finds (at most `limit`).
    pub fn search_docs(&self, query: &str, limit: usize) -> Result<Vec<String>, Error> {
        let Some(expr) = search::fts_query(query) else {
            return Ok(Vec::new());
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.doc FROM documents_fts f JOIN documents d ON d.id = f.rowid
             WHERE documents_fts MATCH ?1 LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![expr, sql_limit(limit)], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Documents without their text, in the order stored, from `offset` on.
    pub fn document_rows(&self, limit: usize, offset: usize) -> Result<Vec<DocumentRow>, Error> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT doc, title, outlet, published, url, lang, chars, duplicate_of
             FROM documents ORDER BY id LIMIT ?1 OFFSET ?2",
        )?;
        let rows = stmt.query_map(params![sql_limit(limit), sql_limit(offset)], document_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Events under a filter, latest first (undated last), from `offset` on.
    pub fn events_filtered(
        &self,
        filter: &EventFilter,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<StoredEvent>, Error> {
        let mut out = Vec::new();
        self.each_event_filtered(filter, limit, offset, |e| {
            out.push(e);
            Ok::<(), Error>(())
        })?;
        Ok(out)
    }

    /// [`Store::events_filtered`] one event at a time (an export holds one in memory).
    ///
    /// The page is chosen first, by event id, in a subquery that walks the timeline index
    /// (see `event_where`); records are read, and each event's place among its
    /// document's events (`n`) counted, for the rows of the page only. `CROSS JOIN` keeps
    /// that order of work: left to itself, SQLite's planner walked all the events' rows
    /// in timeline order and looked each up in the page (seconds on 133,000 events). A
    /// window function over the filtered set would number every event that passes the
    /// filter before the limit applies.
    pub fn each_event_filtered<E: From<Error>>(
        &self,
        filter: &EventFilter,
        limit: usize,
        offset: usize,
        mut f: impl FnMut(StoredEvent) -> Result<(), E>,
    ) -> Result<(), E> {
        let (sql, mut values) = event_where(filter)?;
        let n = values.len();
        values.push(sql_limit(limit).to_string());
        values.push(sql_limit(offset).to_string());
        // Latest first, undated (NULL) last: the order of the index on `at`.
        let order = "ORDER BY e.at DESC, e.id";
        let sql = format!(
            "SELECT d.doc, d.url, d.outlet, d.lang, d.published, e.record,
                    (SELECT count(*) FROM events x WHERE x.document_id = e.document_id AND x.id < e.id)
             FROM (SELECT e.id FROM events e {sql} {order}
                   LIMIT CAST(?{} AS INTEGER) OFFSET CAST(?{} AS INTEGER)) page
             CROSS JOIN events e ON e.id = page.id CROSS JOIN documents d ON d.id = e.document_id
             {order}",
            n + 1,
            n + 2
        );
        let mut stmt = self.conn.prepare_cached(&sql).map_err(Error::from)?;
        let mut rows = stmt
            .query(params_from_iter(values.iter()))
            .map_err(Error::from)?;
        while let Some(r) = rows.next().map_err(Error::from)? {
            let record: String = r.get(5).map_err(Error::from)?;
            f(StoredEvent {
                doc: r.get(0).map_err(Error::from)?,
                url: r.get(1).map_err(Error::from)?,
                outlet: r.get(2).map_err(Error::from)?,
                lang: r.get(3).map_err(Error::from)?,
                published: r.get(4).map_err(Error::from)?,
                n: r.get(6).map_err(Error::from)?,
                event: serde_json::from_str(&record).map_err(Error::from)?,
            })?;
        }
        Ok(())
    }

    /// Every document stored after row id `after` (0: every one) that has events, in the
    /// order stored, with its row id, as a [`Document`] with its `doc`, `url`, `lang`,
    /// `title`, `outlet`, `published`, `crawled`, `duplicate_of` and `events` (no text,
    /// entities or dates): what grouping events into stories reads, all of it or what a
    /// later ingest added ([`Store::generation`] is the last row id). Read from the events
    /// table and the documents' columns; the record is read only for the crawl time of a
    /// page without a publication date (the anchor of its dates).
    pub fn each_document_with_events<E: From<Error>>(
        &self,
        after: i64,
        mut f: impl FnMut(i64, Document) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT e.document_id, d.doc, d.url, d.lang, d.title, d.outlet, d.published,
                        d.duplicate_of, e.record,
                        CASE WHEN d.published IS NULL THEN json_extract(d.record, '$.crawled') END
                 FROM events e JOIN documents d ON d.id = e.document_id
                 WHERE e.document_id > ?1
                 ORDER BY e.document_id, e.id",
            )
            .map_err(Error::from)?;
        let mut rows = stmt.query([after]).map_err(Error::from)?;
        let mut current: Option<(i64, Document)> = None;
        while let Some(r) = rows.next().map_err(Error::from)? {
            let id: i64 = r.get(0).map_err(Error::from)?;
            if current.as_ref().is_none_or(|(at, _)| *at != id) {
                if let Some((at, d)) = current.take() {
                    f(at, d)?;
                }
                let mut d =
                    Document::new(r.get::<_, String>(1).map_err(Error::from)?, String::new());
                d.url = r.get(2).map_err(Error::from)?;
                d.lang = r.get(3).map_err(Error::from)?;
                d.title = r.get(4).map_err(Error::from)?;
                d.outlet = r.get(5).map_err(Error::from)?;
                d.published = r.get(6).map_err(Error::from)?;
                d.duplicate_of = r.get(7).map_err(Error::from)?;
                // The crawl time anchors a report's dates when the page has no publication
                // date (stories read it through `Document::anchor_day`); it is only in
                // the record.
                d.crawled = r.get(9).map_err(Error::from)?;
                current = Some((id, d));
            }
            let record: String = r.get(8).map_err(Error::from)?;
            if let Some((_, d)) = current.as_mut() {
                d.events
                    .push(serde_json::from_str(&record).map_err(Error::from)?);
            }
        }
        if let Some((at, d)) = current {
            f(at, d)?;
        }
        Ok(())
    }

    /// How many events the documents up to row id `last` hold: what a reader that has
    /// read them all ([`Store::each_document_with_events`]) holds. One walk of an index.
    pub fn events_through(&self, last: i64) -> Result<u64, Error> {
        let n: i64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM events WHERE document_id <= ?1")?
            .query_row([last], |r| r.get(0))?;
        Ok(n as u64)
    }

    /// The store's generation: the row id of the last stored document (0 when empty).
    /// Documents are only ever appended (an ingest never rewrites or deletes one), so a
    /// larger value means new documents, entities, events — and a reader's caches over
    /// the whole store are out of date. One step to the end of the table's B-tree.
    pub fn generation(&self) -> Result<i64, Error> {
        Ok(self
            .conn
            .prepare_cached("SELECT coalesce(max(id), 0) FROM documents")?
            .query_row([], |r| r.get(0))?)
    }

    /// How many events pass a filter.
    pub fn count_events(&self, filter: &EventFilter) -> Result<u64, Error> {
        let (sql, values) = event_where(filter)?;
        let n: i64 = self.conn.query_row(
            &format!("SELECT count(*) FROM events e {sql}"),
            params_from_iter(values.iter()),
            |r| r.get(0),
        )?;
        Ok(n as u64)
    }

    /// What [`Store::event_facets`] looks up for every event it counts: each document's
    /// outlet and each event's actors' countries, read from their covering indexes
    /// (`documents_outlet`, `event_actors_country_event`) without touching a row. A
    /// reader keeps it for a generation of the store ([`Store::generation`]).
    pub fn facet_lookup(&self) -> Result<FacetLookup, Error> {
        let mut look = FacetLookup::default();
        let mut stmt = self.conn.prepare(
            "SELECT id, outlet FROM documents INDEXED BY documents_outlet WHERE outlet IS NOT NULL",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            look.add_outlet(r.get(0)?, r.get(1)?);
        }
        let mut stmt = self.conn.prepare(
            "SELECT DISTINCT event_id, country FROM event_actors INDEXED BY event_actors_country_event
             WHERE country IS NOT NULL",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            look.add_country(r.get(0)?, r.get(1)?);
        }
        Ok(look)
    }

    /// Counts per value of the timeline's facets under a filter ([`EventFacets`]): each
    /// select of the timeline's form shows how many events its values leave. One walk of
    /// the timeline index over the filtered events (type, mode, status, place and
    /// document are its columns); outlets and countries from `look`. Countries, outlets
    /// and places keep their [`FACET_VALUES`] most frequent values (a select of 2,000
    /// places helps no one; the text box takes any).
    pub fn event_facets(
        &self,
        filter: &EventFilter,
        look: &FacetLookup,
    ) -> Result<EventFacets, Error> {
        let (sql, values) = event_where(filter)?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT e.id, e.type, e.mode, e.status, e.place, e.document_id FROM events e {sql}"
        ))?;
        let mut rows = stmt.query(params_from_iter(values.iter()))?;
        let mut tally = FacetTally::new(look);
        fn text(v: rusqlite::types::ValueRef<'_>) -> Option<&str> {
            match v {
                rusqlite::types::ValueRef::Text(t) => std::str::from_utf8(t).ok(),
                _ => None,
            }
        }
        while let Some(r) = rows.next()? {
            tally.add(
                r.get(0)?,
                [
                    text(r.get_ref(1)?),
                    text(r.get_ref(2)?),
                    text(r.get_ref(3)?),
                    text(r.get_ref(4)?),
                ],
                r.get(5)?,
            );
        }
        Ok(tally.finish())
    }

    /// Events per day and type under a filter, in order of day (events whose date, else
    /// their document's publication date, gives a day): the timeline's chart.
    pub fn event_days(&self, filter: &EventFilter) -> Result<Vec<DayCount>, Error> {
        let (sql, values) = event_where(filter)?;
        let day = "length(e.at) >= 10";
        let sql = if sql.contains(" WHERE ") {
            format!("{sql} AND {day}")
        } else {
            format!("{sql} WHERE {day}")
        };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT substr(e.at, 1, 10) d, e.type, count(*) FROM events e {sql}
             GROUP BY d, e.type ORDER BY d, e.type"
        ))?;
        let rows = stmt.query_map(params_from_iter(values.iter()), |r| {
            Ok(DayCount {
                day: r.get(0)?,
                kind: r.get(1)?,
                count: r.get::<_, i64>(2)? as u64,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Events per place under a filter, most first (then by key; events without a place
    /// last): the desk's map. The counts sum to [`Store::count_events`] of the filter.
    ///
    /// Grouped on the `place` column (the key); each place's `where` object is then read
    /// from one record, its latest event's, so the records of the other events are never
    /// parsed. Records written before the gazetteer hold the key alone: their place comes
    /// back without country or coordinates.
    pub fn event_places(&self, filter: &EventFilter) -> Result<Vec<PlaceCount>, Error> {
        let (sql, values) = event_where(filter)?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT p.place, p.n, CASE WHEN p.place IS NOT NULL THEN x.record -> '$.where' END
             FROM (SELECT e.place place, count(*) n, max(e.id) last FROM events e {sql}
                   GROUP BY e.place) p
             CROSS JOIN events x ON x.id = p.last"
        ))?;
        let rows = stmt.query_map(params_from_iter(values.iter()), |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?;
        let rows = rows.collect::<Result<Vec<_>, _>>()?;
        Ok(place_counts(
            rows.into_iter().map(|(k, n, j)| (k, n as u64, j)),
        ))
    }

    /// One entity by key, with its counts; `None` when the store does not know it. A key
    /// stored with two types gives the first type in byte order.
    pub fn entity(&self, key: &str) -> Result<Option<EntitySummary>, Error> {
        let row = self
            .conn
            .prepare_cached(
                "SELECT e.key, e.type, e.country,
                        (SELECT count(DISTINCT m.document_id) FROM mentions m WHERE m.entity_id = e.id),
                        (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id)
                 FROM entities e WHERE e.key = ?1 ORDER BY e.type LIMIT 1",
            )?
            .query_row([key], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, i64>(4)?,
                ))
            })
            .optional()?;
        row.map(|(key, code, country, documents, mentions)| {
            let kind = entity_type_from_code(&code).ok_or_else(|| Error::Corrupt {
                what: format!("entity type {code:?} of {key:?}"),
            })?;
            Ok(EntitySummary {
                key,
                kind,
                country,
                documents: documents as u64,
                mentions: mentions as u64,
            })
        })
        .transpose()
    }

    /// Every entity with every distinct spelling the stored texts give it, for a search
    /// by any spelling: `(key, type, spelling)`, in that order (a search keeps the first
    /// spelling that matches: the order is the answer's, in either engine).
    pub fn entity_spellings(&self) -> Result<Vec<(String, EntityType, String)>, Error> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT e.key, e.type, m.text FROM entities e
             JOIN mentions m ON m.entity_id = e.id ORDER BY 1, 2, 3",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (key, code, text) = row?;
            if let Some(kind) = entity_type_from_code(&code) {
                out.push((key, kind, text));
            }
        }
        Ok(out)
    }

    /// The documents that mention an entity, latest first, from `offset` on.
    pub fn entity_documents(
        &self,
        key: &str,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<DocumentRow>, Error> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.doc, d.title, d.outlet, d.published, d.url, d.lang, d.chars, d.duplicate_of
             FROM documents d WHERE d.id IN (
                SELECT m.document_id FROM mentions m JOIN entities e ON e.id = m.entity_id
                WHERE e.key = ?1)
             ORDER BY d.published IS NULL, d.published DESC, d.id LIMIT ?2 OFFSET ?3",
        )?;
        let rows = stmt.query_map(
            params![key, sql_limit(limit), sql_limit(offset)],
            document_row,
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The actors that share events with an entity, most events first.
    pub fn counterparts(&self, key: &str, limit: usize) -> Result<Vec<Counterpart>, Error> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT b.key, max(b.country), count(DISTINCT a.event_id) FROM event_actors a
             JOIN event_actors b ON b.event_id = a.event_id AND b.key IS NOT NULL AND b.key <> a.key
             WHERE a.key = ?1 GROUP BY b.key ORDER BY 3 DESC, 1 LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![key, sql_limit(limit)], |r| {
            Ok(Counterpart {
                key: r.get(0)?,
                country: r.get(1)?,
                events: r.get::<_, i64>(2)? as u64,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// An entity's events per month (the event's date, else its document's), in order.
    /// `e.at` holds that date (schema v3): no join with the documents.
    pub fn entity_event_months(&self, key: &str) -> Result<Vec<MonthCount>, Error> {
        self.months(
            "SELECT substr(e.at, 1, 7) m, count(DISTINCT e.id)
             FROM event_actors a JOIN events e ON e.id = a.event_id
             WHERE a.key = ?1 AND length(e.at) >= 7
             GROUP BY m ORDER BY m",
            key,
        )
    }

    /// The documents that mention an entity per month of publication, in order.
    pub fn entity_document_months(&self, key: &str) -> Result<Vec<MonthCount>, Error> {
        self.months(
            "SELECT substr(d.published, 1, 7) m, count(DISTINCT d.id)
             FROM documents d JOIN mentions mm ON mm.document_id = d.id
             JOIN entities e ON e.id = mm.entity_id
             WHERE e.key = ?1 AND length(d.published) >= 7
             GROUP BY m ORDER BY m",
            key,
        )
    }

    fn months(&self, sql: &str, key: &str) -> Result<Vec<MonthCount>, Error> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map([key], |r| {
            Ok(MonthCount {
                month: r.get(0)?,
                count: r.get::<_, i64>(1)? as u64,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// A [`DocumentRow`] from the columns `doc, title, outlet, published, url, lang, chars,
/// duplicate_of`, in that order.
fn document_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<DocumentRow> {
    Ok(DocumentRow {
        doc: r.get(0)?,
        title: r.get(1)?,
        outlet: r.get(2)?,
        published: r.get(3)?,
        url: r.get(4)?,
        lang: r.get(5)?,
        chars: r.get::<_, i64>(6)? as u64,
        duplicate_of: r.get(7)?,
    })
}
