//! What the handlers share: read-only connections to the store, the knowledge base (for
//! spellings the corpus does not use), and what is computed over the whole store (stories,
//! entity spellings, counts).
//!
//! # Caches that follow the store
//!
//! An ingest may run beside the server and add documents at any time. The store's
//! *generation* ([`marsad_store::Store::generation`]: the last document's row id; the
//! store only ever appends documents) is read at most once per [`State::refresh`] interval
//! (a lookup at the end of one index, on a request's own connection). A cache built for
//! an older generation is rebuilt **in the background**, on a thread with its own
//! connection, while requests go on being answered from the old value; the new value
//! replaces it when it is complete. Only the very first use of a cache (when nothing was
//! built yet) waits for it, and [`State::warm`] (called by `marsad serve` at start-up)
//! builds them before the first request does.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use std::time::{Duration, Instant};

use marsad_kb::Kb;
use marsad_schema::{Document, EntityType};
use marsad_store::{
    Counts, DayCount, EntitySummary, EventFacets, EventFilter, FacetLookup, PlaceCount, Reader,
    Store,
};
use marsad_stories::{Grouping, Story};

use crate::labels::Labels;
use crate::ApiError;

/// Idle connections kept for reuse: with tokio's blocking pool, as many requests as this
/// read the store at once without opening a connection (each keeps its own page cache).
const IDLE: usize = 16;

/// Connections open for requests at once, at most: a request beyond waits for one (each
/// connection may cache up to 32 MiB of pages; 100 concurrent exports took the server
/// from 82 MB to 2.8 GB before this bound). The background builds of the caches have
/// their own, one per cache.
pub const MAX_CONNECTIONS: usize = IDLE;

/// How often, at most, the store is asked whether it changed (see the module's notes).
pub const REFRESH: Duration = Duration::from_secs(2);

/// Filtered event counts kept per generation; past this many distinct filters the map is
/// emptied (a timeline paged through asks the same count on every page).
const COUNTS_KEPT: usize = 4096;

/// Whole answers kept per generation (a network or a story list with its counts is 40 to
/// 130 KB of JSON on the SaudiNewsNet month): at most about 70 MB.
const ANSWERS_KEPT: usize = 512;

/// The stories of the whole store, with an index from document to its stories.
pub struct Stories {
    /// Every story, numbered from 1 in order of first report.
    pub stories: Vec<Story>,
    /// Story positions (in `stories`) of each `doc`.
    pub by_doc: HashMap<String, Vec<usize>>,
    /// What ranking reads of each story (same positions): confidence, last report's day.
    pub facts: Vec<crate::rank::Facts>,
    /// Each story's filter values, interned, and the stories in every order.
    pub index: crate::index::StoryIndex,
}

/// One distinct spelling of an entity in the corpus, folded for matching.
pub struct Spelling {
    /// The entity's key.
    pub key: String,
    /// Its type.
    pub kind: EntityType,
    /// The spelling as written.
    pub text: String,
    /// The spelling folded.
    pub folded: String,
}

/// Opens a new connection to the store, of either engine: the desk reads through
/// [`Reader`] and never knows which ([`State::open`] for a SQLite file; `marsad serve`
/// gives one for a PostgreSQL URL).
pub type Opener = Arc<dyn Fn() -> Result<Box<dyn Reader>, marsad_store::Error> + Send + Sync>;

/// A cache's value and the generation it was computed for, shared with the thread that
/// rebuilds it.
type Slot<T> = Arc<RwLock<Option<(i64, Arc<T>)>>>;

/// Answers kept per request key for one generation of the store: what a filter costs is
/// paid once per filter and generation, not per request (a timeline paged through asks
/// the same count on every page; a home page or a shared link asks the same list). Past
/// `bound` keys the map is emptied: a bound, not an eviction policy.
pub struct Memo<K, V> {
    kept: Mutex<(i64, HashMap<K, Arc<V>>)>,
    bound: usize,
}

impl<K: std::hash::Hash + Eq + Clone, V> Memo<K, V> {
    fn new(bound: usize) -> Memo<K, V> {
        Memo {
            kept: Mutex::new((-1, HashMap::new())),
            bound,
        }
    }

    /// The value kept for `key` at `generation`, else `make()`'s (kept when the
    /// generation is still current).
    pub fn get_or(
        &self,
        generation: i64,
        key: &K,
        make: impl FnOnce() -> Result<V, ApiError>,
    ) -> Result<Arc<V>, ApiError> {
        {
            let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
            if kept.0 != generation {
                *kept = (generation, HashMap::new());
            }
            if let Some(v) = kept.1.get(key) {
                return Ok(Arc::clone(v));
            }
        }
        // Computed outside the lock: two requests for one new key may both compute it,
        // but no request waits on another's key.
        let v = Arc::new(make()?);
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        if kept.0 == generation {
            if kept.1.len() >= self.bound {
                kept.1.clear();
            }
            kept.1.insert(key.clone(), Arc::clone(&v));
        }
        Ok(v)
    }
}

/// How a cache's value is computed from the store (it may keep what it needs between
/// generations, as the stories' grouping does).
type Build<T> = Arc<dyn Fn(&mut dyn Reader) -> Result<T, ApiError> + Send + Sync>;

/// A value computed over the whole store, with the generation it was computed for.
struct Cache<T> {
    slot: Slot<T>,
    /// A background rebuild is running (at most one per cache).
    building: Arc<AtomicBool>,
    /// Held by the first, waited-for build, so that concurrent first requests build once.
    first: Mutex<()>,
    build: Build<T>,
}

impl<T: Send + Sync + 'static> Cache<T> {
    fn new(
        build: impl Fn(&mut dyn Reader) -> Result<T, ApiError> + Send + Sync + 'static,
    ) -> Cache<T> {
        Cache {
            slot: Arc::new(RwLock::new(None)),
            building: Arc::new(AtomicBool::new(false)),
            first: Mutex::new(()),
            build: Arc::new(build),
        }
    }

    fn current(&self) -> Option<(i64, Arc<T>)> {
        self.slot
            .read()
            .ok()
            .and_then(|s| s.as_ref().map(|(g, v)| (*g, Arc::clone(v))))
    }

    /// The value for generation `generation`: the cached one, rebuilt in the background
    /// when it is older (the old one is returned meanwhile), built here when there is none.
    fn get(
        &self,
        open: &Opener,
        store: &mut dyn Reader,
        generation: i64,
    ) -> Result<Arc<T>, ApiError> {
        Ok(self.get_built(open, store, generation)?.1)
    }

    /// [`Cache::get`], with the generation the value was built for.
    fn get_built(
        &self,
        open: &Opener,
        store: &mut dyn Reader,
        generation: i64,
    ) -> Result<(i64, Arc<T>), ApiError> {
        if let Some((built_for, v)) = self.current() {
            if built_for != generation {
                self.rebuild_in_background(open, generation);
            }
            return Ok((built_for, v));
        }
        let _first = self.first.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(current) = self.current() {
            return Ok(current);
        }
        let v = Arc::new((self.build)(store)?);
        if let Ok(mut slot) = self.slot.write() {
            *slot = Some((generation, Arc::clone(&v)));
        }
        Ok((generation, v))
    }

    fn rebuild_in_background(&self, open: &Opener, generation: i64) {
        if self.building.swap(true, Ordering::AcqRel) {
            return;
        }
        let (slot, building, build, open) = (
            Arc::clone(&self.slot),
            Arc::clone(&self.building),
            Arc::clone(&self.build),
            Arc::clone(open),
        );
        let spawned = std::thread::Builder::new()
            .name("marsad-refresh".into())
            .spawn(move || {
                // The generation is read again on this connection: the value built is at
                // least as new as the one that asked for it.
                let fresh = open()
                    .map_err(ApiError::from)
                    .and_then(|mut s| Ok((s.generation()?, build(&mut *s)?)));
                match fresh {
                    Ok((g, v)) => {
                        if let Ok(mut slot) = slot.write() {
                            *slot = Some((g.max(generation), Arc::new(v)));
                        }
                    }
                    // The old value stays; the next check past the interval tries again.
                    Err(e) => eprintln!("marsad: refreshing a cache failed: {}", e.message),
                }
                building.store(false, Ordering::Release);
            });
        if spawned.is_err() {
            self.building.store(false, Ordering::Release);
        }
    }
}

/// The store's generation as last read, and when.
struct Seen {
    at: Option<Instant>,
    generation: i64,
}

/// Shared state.
pub struct State {
    /// What is served, for messages (a file's path, a URL without its password).
    name: String,
    open: Opener,
    idle: Mutex<Vec<Box<dyn Reader>>>,
    /// One permit per connection a request may hold ([`MAX_CONNECTIONS`]).
    permits: Arc<tokio::sync::Semaphore>,
    kb: OnceLock<Option<Kb>>,
    labels: OnceLock<Labels>,
    refresh: Duration,
    seen: Mutex<Seen>,
    stories: Cache<Stories>,
    spellings: Cache<Vec<Spelling>>,
    counts: Cache<Counts>,
    /// Every entity with mentions, most documents first (the home page's list).
    entities: Cache<Vec<EntitySummary>>,
    event_counts: Memo<EventFilter, u64>,
    event_days: Memo<EventFilter, Vec<DayCount>>,
    event_places: Memo<EventFilter, Vec<PlaceCount>>,
    event_facets: Memo<EventFilter, EventFacets>,
    /// What the facets look up per event (one per generation: the key is `()`).
    facet_lookup: Memo<(), FacetLookup>,
    /// Whole answers of the heavier endpoints, by endpoint and query string (the network,
    /// filtered story lists with their counts, entity pages).
    answers: Memo<(&'static str, String), serde_json::Value>,
}

impl State {
    /// Opens the store at `db` read-only (and checks it is one).
    pub fn open(db: &Path) -> anyhow::Result<State> {
        if !db.is_file() {
            anyhow::bail!(
                "{}: no such database (make one with `marsad ingest`)",
                db.display()
            );
        }
        let path = db.to_path_buf();
        State::new(
            db.display().to_string(),
            Arc::new(move || Ok(Box::new(Store::open_read_only(&path)?) as Box<dyn Reader>)),
        )
    }

    /// The store that `open` connects to, read-only (one connection is opened here, so
    /// that a store that cannot be read is an error now, not at the first request).
    /// `name` says what it is in messages.
    pub fn new(name: String, open: Opener) -> anyhow::Result<State> {
        let first = open()?;
        Ok(State {
            name,
            open,
            idle: Mutex::new(vec![first]),
            permits: Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS)),
            kb: OnceLock::new(),
            labels: OnceLock::new(),
            refresh: REFRESH,
            seen: Mutex::new(Seen {
                at: None,
                generation: 0,
            }),
            stories: Cache::new(stories_builder()),
            spellings: Cache::new(build_spellings),
            counts: Cache::new(|s| Ok(s.counts()?)),
            entities: Cache::new(|s| Ok(s.entities(None, usize::MAX)?)),
            event_counts: Memo::new(COUNTS_KEPT),
            event_days: Memo::new(COUNTS_KEPT),
            event_places: Memo::new(COUNTS_KEPT),
            event_facets: Memo::new(COUNTS_KEPT),
            facet_lookup: Memo::new(1),
            answers: Memo::new(ANSWERS_KEPT),
        })
    }

    /// The same state, asking the store whether it changed at most every `every`
    /// (default [`REFRESH`]; tests use zero).
    pub fn refresh_every(mut self, every: Duration) -> State {
        self.refresh = every;
        self
    }

    /// Builds the knowledge base and the whole-store caches on a background thread, so
    /// that the first requests find them ready (`marsad serve` calls it at start-up).
    pub fn warm(self: &Arc<Self>) {
        let me = Arc::clone(self);
        let _ = std::thread::Builder::new()
            .name("marsad-warm".into())
            .spawn(move || {
                let _ = me.labels();
                let mut store = match (me.open)() {
                    Ok(s) => s,
                    Err(e) => return eprintln!("marsad: warming the caches: {e}"),
                };
                let s = &mut *store;
                let warmed = me
                    .counts(s)
                    .and_then(|_| me.spellings(s))
                    .and_then(|_| me.entities(s))
                    // The timeline as it first opens (its default filter keeps trusted
                    // events): its chart, its counts per filter value and its count walk
                    // every event.
                    .and_then(|_| me.days(s, &timeline_default()))
                    .and_then(|_| me.facets(s, &timeline_default()))
                    .and_then(|_| me.count_events(s, &timeline_default()))
                    .and_then(|_| me.stories(s));
                if let Err(e) = warmed {
                    eprintln!("marsad: warming the caches: {}", e.message);
                }
                me.give_back(store);
            });
    }

    /// Runs `f` with a connection on the blocking pool.
    pub async fn with<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&State, &mut dyn Reader) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let me = Arc::clone(self);
        let permit = self.lease().await?;
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let mut store = me.take()?;
            let out = f(&me, &mut *store);
            me.give_back(store);
            out
        })
        .await
        .map_err(|e| ApiError::internal(format!("the request failed: {e}")))?
    }

    /// The right to hold a connection: waits while [`MAX_CONNECTIONS`] are held. Keep
    /// it for as long as the connection from [`State::take`].
    pub async fn lease(&self) -> Result<tokio::sync::OwnedSemaphorePermit, ApiError> {
        Arc::clone(&self.permits)
            .acquire_owned()
            .await
            .map_err(|_| ApiError::internal("the connection pool is closed"))
    }

    /// An idle connection, else a new one.
    pub(crate) fn take(&self) -> Result<Box<dyn Reader>, ApiError> {
        match self.idle.lock().map(|mut v| v.pop()) {
            Ok(Some(s)) => Ok(s),
            _ => Ok((self.open)()?),
        }
    }

    /// What is served, for messages: the file's path or the URL (without a password).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Keeps a connection for the next request (up to [`IDLE`] of them).
    pub(crate) fn give_back(&self, store: Box<dyn Reader>) {
        if let Ok(mut idle) = self.idle.lock() {
            if idle.len() < IDLE {
                idle.push(store);
            }
        }
    }

    /// The store's generation, read again when the last reading is older than the
    /// refresh interval.
    pub fn generation(&self, store: &mut dyn Reader) -> Result<i64, ApiError> {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        if seen.at.is_none_or(|at| at.elapsed() >= self.refresh) {
            seen.generation = store.generation()?;
            seen.at = Some(Instant::now());
        }
        Ok(seen.generation)
    }

    /// The bundled knowledge base (loaded on first use; `None` if it does not load).
    pub fn kb(&self) -> Option<&Kb> {
        self.kb.get_or_init(|| Kb::load_bundled().ok()).as_ref()
    }

    /// The display names of the knowledge base's entries ([`crate::labels`]).
    pub fn labels(&self) -> &Labels {
        self.labels
            .get_or_init(|| self.kb().map(Labels::new).unwrap_or_default())
    }

    /// The stories of the whole store.
    pub fn stories(&self, store: &mut dyn Reader) -> Result<Arc<Stories>, ApiError> {
        let g = self.generation(store)?;
        self.stories.get(&self.open, store, g)
    }

    /// Every spelling of every entity in the store.
    pub fn spellings(&self, store: &mut dyn Reader) -> Result<Arc<Vec<Spelling>>, ApiError> {
        let g = self.generation(store)?;
        self.spellings.get(&self.open, store, g)
    }

    /// What the store holds (`count(*)` of every table: kept, not counted per request).
    pub fn counts(&self, store: &mut dyn Reader) -> Result<Counts, ApiError> {
        let g = self.generation(store)?;
        Ok(*self.counts.get(&self.open, store, g)?)
    }

    /// Every entity that has mentions, most documents first (kept per generation).
    pub fn entities(&self, store: &mut dyn Reader) -> Result<Arc<Vec<EntitySummary>>, ApiError> {
        let g = self.generation(store)?;
        self.entities.get(&self.open, store, g)
    }

    /// Events per day and type under `filter` ([`Store::event_days`]), counted once per
    /// filter and generation, as the counts are.
    pub fn days(
        &self,
        store: &mut dyn Reader,
        filter: &EventFilter,
    ) -> Result<Arc<Vec<DayCount>>, ApiError> {
        let g = self.generation(store)?;
        self.event_days
            .get_or(g, filter, || Ok(store.event_days(filter)?))
    }

    /// Events per place under `filter` ([`Store::event_places`]: the map), counted once
    /// per filter and generation, as the counts are.
    pub fn places(
        &self,
        store: &mut dyn Reader,
        filter: &EventFilter,
    ) -> Result<Arc<Vec<PlaceCount>>, ApiError> {
        let g = self.generation(store)?;
        self.event_places
            .get_or(g, filter, || Ok(store.event_places(filter)?))
    }

    /// Counts per value of the timeline's filters under `filter`
    /// ([`Store::event_facets`]), once per filter and generation, as the counts are.
    pub fn facets(
        &self,
        store: &mut dyn Reader,
        filter: &EventFilter,
    ) -> Result<Arc<EventFacets>, ApiError> {
        let g = self.generation(store)?;
        self.event_facets.get_or(g, filter, || {
            let look = self
                .facet_lookup
                .get_or(g, &(), || Ok(store.facet_lookup()?))?;
            Ok(store.event_facets(filter, &look)?)
        })
    }

    /// How many events pass `filter`, counted once per filter and generation.
    pub fn count_events(
        &self,
        store: &mut dyn Reader,
        filter: &EventFilter,
    ) -> Result<u64, ApiError> {
        let g = self.generation(store)?;
        Ok(*self
            .event_counts
            .get_or(g, filter, || Ok(store.count_events(filter)?))?)
    }

    /// The answer of `endpoint` to `query` (its parameters, in a canonical form), made
    /// from the stories by `make` once per generation of the stories. Keyed by the
    /// generation the stories were *built* for, not the store's: while newer stories are
    /// built in the background, an answer made from the old ones must not be kept as
    /// the newer generation's.
    pub fn answer(
        &self,
        store: &mut dyn Reader,
        endpoint: &'static str,
        query: String,
        make: impl FnOnce(&Stories, &mut dyn Reader) -> Result<serde_json::Value, ApiError>,
    ) -> Result<Arc<serde_json::Value>, ApiError> {
        let g = self.generation(store)?;
        let (built, stories) = self.stories.get_built(&self.open, store, g)?;
        self.answers
            .get_or(built, &(endpoint, query), || make(&stories, store))
    }
}

/// The stories' grouping, kept from one generation of the store to the next: the
/// documents an ingest adds join it ([`Grouping::add`]) instead of every report being
/// grouped again, with the same stories as grouping them all at once.
#[derive(Default)]
struct Grouped {
    grouping: Grouping,
    /// The row id of the last document read.
    read: i64,
    /// How many events were read: the store's count up to `read` when none was missed.
    events: u64,
}

impl Grouped {
    /// Reads the documents stored after the last one read and groups their events.
    fn read_new(&mut self, store: &mut dyn Reader) -> Result<(), ApiError> {
        // Stories read events and the document's name, outlet and dates: the texts,
        // entities and dates stay on disk, unread.
        let mut docs: Vec<Document> = Vec::new();
        let (mut read, mut events) = (self.read, 0);
        store.each_document_with_events(self.read, &mut |id, d| {
            read = read.max(id);
            events += d.events.len() as u64;
            docs.push(d);
            Ok(())
        })?;
        self.grouping.add(docs);
        self.read = read;
        self.events += events;
        Ok(())
    }
}

/// Builds the stories of the whole store, keeping the grouping for the next build.
fn stories_builder() -> impl Fn(&mut dyn Reader) -> Result<Stories, ApiError> + Send + Sync {
    let kept = Mutex::new(Grouped::default());
    move |store| {
        let mut kept = kept.lock().unwrap_or_else(|e| e.into_inner());
        kept.read_new(store)?;
        // Documents are numbered as they are inserted; with several PostgreSQL workers
        // one numbered before the last read may be committed after it, and a store may
        // be replaced by another. Either shows here: group everything again.
        if store.events_through(kept.read)? != kept.events {
            *kept = Grouped::default();
            kept.read_new(store)?;
        }
        Ok(stories_of(&kept.grouping))
    }
}

fn stories_of(grouping: &Grouping) -> Stories {
    let stories = grouping.stories();
    let facts = story_facts(&stories);
    let index = crate::index::StoryIndex::new(&stories, &facts);
    let mut by_doc: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, s) in stories.iter().enumerate() {
        for r in &s.reports {
            let v = by_doc.entry(r.doc.clone()).or_default();
            if v.last() != Some(&i) {
                v.push(i);
            }
        }
    }
    Stories {
        stories,
        by_doc,
        facts,
        index,
    }
}

/// Each story's confidence (the highest confidence of its reports) and the last day it
/// was reported (its documents' publication, else crawl day).
fn story_facts(stories: &[Story]) -> Vec<crate::rank::Facts> {
    stories
        .iter()
        .map(|s| {
            let mut f = crate::rank::Facts::default();
            for r in &s.reports {
                f.confidence = f.confidence.max(r.confidence);
                if let Some(day) = &r.day {
                    if f.reported.as_ref().is_none_or(|d| d < day) {
                        f.reported = Some(day.clone());
                    }
                }
            }
            f
        })
        .collect()
}

fn build_spellings(store: &mut dyn Reader) -> Result<Vec<Spelling>, ApiError> {
    Ok(store
        .entity_spellings()?
        .into_iter()
        .map(|(key, kind, text)| Spelling {
            folded: marsad_kb::fold_name(&text),
            key,
            kind,
            text,
        })
        .collect())
}

/// The timeline's filter when none is given: events of a trusted confidence. The API
/// answers an unfiltered timeline with it, and [`State::warm`] counts it before the first
/// request.
pub(crate) fn timeline_default() -> EventFilter {
    EventFilter {
        min_confidence: Some(trusted_hundredths()),
        ..Default::default()
    }
}

/// [`marsad_schema::TRUSTED_CONFIDENCE`] in hundredths, as event filters hold it.
pub(crate) fn trusted_hundredths() -> u8 {
    (marsad_schema::TRUSTED_CONFIDENCE * 100.0).round() as u8
}

#[cfg(test)]
mod pool_tests {
    use super::*;

    /// Issue 16: 100 concurrent exports opened 100 connections (2.8 GB). Past
    /// [`MAX_CONNECTIONS`], a request waits for one.
    #[tokio::test]
    async fn requests_past_the_limit_wait_for_a_connection() {
        let dir = std::env::temp_dir().join(format!("marsad-pool-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let db = dir.join("s.db");
        drop(Store::open(&db).unwrap());
        let state = Arc::new(State::open(&db).unwrap());
        let mut held = Vec::new();
        for _ in 0..MAX_CONNECTIONS {
            held.push(state.lease().await.unwrap());
        }
        let waiting = tokio::time::timeout(Duration::from_millis(100), state.with(|_, _| Ok(())));
        assert!(waiting.await.is_err(), "a request beyond the limit ran");
        held.pop();
        let served = tokio::time::timeout(Duration::from_secs(5), state.with(|_, _| Ok(())));
        assert!(served.await.is_ok());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
