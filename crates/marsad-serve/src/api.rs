//! The JSON API under `/api` (documented in `assets/openapi.json`).
//!
//! Every list takes `limit` (default [`DEFAULT_LIMIT`], cut to [`MAX_LIMIT`]) and
//! `offset`, and answers `{"limit", "offset", "total"?, "items": [...]}`. Unknown query
//! parameters are refused (400), so a misspelt filter never silently returns everything.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use axum::extract::{FromRequestParts, Path, Query};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use marsad_kb::Kb;
use marsad_schema::{Document, EntityType, EVENT_MODES, EVENT_TYPES};
use marsad_store::{
    entity_type_code, entity_type_from_code, DocumentRow, EventFilter, StoredEvent,
};
use marsad_stories::Story;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::highlight;
use crate::state::{State, Stories};
use crate::{ApiError, DEFAULT_LIMIT, MAX_LIMIT};

type S = axum::extract::State<Arc<State>>;
type ApiResult = Result<Response, ApiError>;

/// The largest `offset` accepted.
const MAX_OFFSET: usize = 1_000_000;

/// The OpenAPI document, as written by hand.
pub const OPENAPI: &str = include_str!("../assets/openapi.json");

pub fn routes() -> Router<Arc<State>> {
    Router::new()
        .route("/openapi.json", get(openapi))
        .route("/stats", get(stats))
        .route("/documents", get(documents))
        .route("/documents/{id}", get(document))
        .route("/search", get(search))
        .route("/entities", get(entities))
        .route("/entities/{key}", get(entity))
        .route("/events", get(events))
        .route("/events/export", get(export_events))
        .route("/stories", get(stories))
        .route("/stories/{n}", get(story))
        .route("/network", get(network))
        .fallback(|| async { ApiError::not_found("no such endpoint") })
}

/// Query parameters, with a JSON 400 when they do not parse.
struct Params<T>(T);

impl<T: DeserializeOwned + Send, St: Send + Sync> FromRequestParts<St> for Params<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &St) -> Result<Self, ApiError> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(v)) => Ok(Params(v)),
            Err(e) => Err(ApiError::bad_request(e.body_text())),
        }
    }
}

fn ok(v: Value) -> ApiResult {
    Ok(Json(v).into_response())
}

fn page(limit: Option<usize>, offset: Option<usize>) -> Result<(usize, usize), ApiError> {
    let limit = limit.unwrap_or(DEFAULT_LIMIT);
    if limit == 0 {
        return Err(ApiError::bad_request("limit must be at least 1"));
    }
    let offset = offset.unwrap_or(0);
    if offset > MAX_OFFSET {
        return Err(ApiError::bad_request(format!(
            "offset must be at most {MAX_OFFSET}"
        )));
    }
    Ok((limit.min(MAX_LIMIT), offset))
}

fn listing(limit: usize, offset: usize, total: Option<u64>, items: Vec<Value>) -> ApiResult {
    let mut v = json!({ "limit": limit, "offset": offset, "items": items });
    if let Some(t) = total {
        v["total"] = json!(t);
    }
    ok(v)
}

/// A non-empty, trimmed parameter, or `None`.
fn given(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

fn check_date(name: &str, v: &Option<String>) -> Result<(), ApiError> {
    let Some(v) = v else { return Ok(()) };
    let b = v.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let fine = match b.len() {
        4 => digits(0..4),
        7 => digits(0..4) && b[4] == b'-' && digits(5..7),
        10 => digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10),
        _ => false,
    };
    if fine {
        Ok(())
    } else {
        Err(ApiError::bad_request(format!(
            "{name} must be a date: YYYY, YYYY-MM or YYYY-MM-DD (got {v:?})"
        )))
    }
}

/// An enumerated value: one of `values`, else 400 naming them.
fn check_one_of(name: &str, v: &Option<String>, values: &[&str]) -> Result<(), ApiError> {
    match v {
        Some(s) if !values.contains(&s.as_str()) => Err(ApiError::bad_request(format!(
            "{name} must be one of {} (got {s:?})",
            values.join(", ")
        ))),
        _ => Ok(()),
    }
}

fn check_word(name: &str, v: &Option<String>, ok: fn(char) -> bool) -> Result<(), ApiError> {
    match v {
        Some(s) if !s.chars().all(ok) || s.len() > 40 => Err(ApiError::bad_request(format!(
            "{name} {s:?} is not a valid value"
        ))),
        _ => Ok(()),
    }
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

async fn stats(state: S) -> ApiResult {
    let c = state.0.with(|st, s| st.counts(s)).await?;
    ok(json!({
        "documents": c.documents,
        "near_duplicates": c.near_duplicates,
        "copies": c.copies,
        "entities": c.entities,
        "mentions": c.mentions,
        "events": c.events,
    }))
}

fn row_json(r: &DocumentRow) -> Value {
    json!({
        "doc": r.doc, "title": r.title, "outlet": r.outlet, "published": r.published,
        "url": r.url, "lang": r.lang, "chars": r.chars, "duplicate_of": r.duplicate_of,
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PageParams {
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn documents(state: S, Params(p): Params<PageParams>) -> ApiResult {
    let (limit, offset) = page(p.limit, p.offset)?;
    let (rows, total) = state
        .0
        .with(move |st, s| Ok((s.document_rows(limit, offset)?, st.counts(s)?.documents)))
        .await?;
    listing(
        limit,
        offset,
        Some(total),
        rows.iter().map(row_json).collect(),
    )
}

async fn document(state: S, Path(id): Path<String>) -> ApiResult {
    let id2 = id.clone();
    let doc = state.0.with(move |_, s| Ok(s.document(&id2)?)).await?;
    match doc {
        Some(d) => Ok(Json(d).into_response()),
        None => Err(ApiError::not_found(format!("no document {id:?}"))),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SearchParams {
    q: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn search(state: S, Params(p): Params<SearchParams>) -> ApiResult {
    let (limit, offset) = page(p.limit, p.offset)?;
    let Some(q) = given(p.q) else {
        return Err(ApiError::bad_request("q (the words to find) is required"));
    };
    if q.chars().count() > 200 {
        return Err(ApiError::bad_request("q is longer than 200 characters"));
    }
    let terms = marsad_store::search::terms(&q);
    if terms.is_empty() {
        return Err(ApiError::bad_request("q has no word to search for"));
    }
    let hits = state
        .0
        .with(move |_, s| Ok(s.search_page(&q, limit, offset)?))
        .await?;
    let items = hits
        .iter()
        .map(|h| {
            let d = &h.document;
            let pieces = highlight::snippet(&d.text, &terms);
            json!({
                "doc": d.doc, "title": d.title, "outlet": d.outlet, "published": d.published,
                "url": d.url, "duplicate_of": d.duplicate_of,
                "snippet": pieces.iter().map(|p| p.text.as_str()).collect::<String>(),
                "highlights": pieces,
            })
        })
        .collect();
    listing(limit, offset, None, items)
}

/// An entity's Arabic name from the knowledge base, when it knows one.
fn ar_name(kb: Option<&Kb>, key: &str) -> Option<String> {
    let kb = kb?;
    let names = if let Some(p) = kb.person(key) {
        &p.ar
    } else if let Some(c) = kb.country(key) {
        &c.ar
    } else if let Some(p) = kb.place(key) {
        &p.ar
    } else if let Some(o) = kb.org(key) {
        &o.ar
    } else {
        return None;
    };
    names.first().cloned()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntitiesParams {
    q: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn entities(state: S, Params(p): Params<EntitiesParams>) -> ApiResult {
    let (limit, offset) = page(p.limit, p.offset)?;
    let kind = match given(p.kind) {
        None => None,
        Some(code) => Some(entity_type_from_code(&code).ok_or_else(|| {
            ApiError::bad_request(format!("type must be PER, ORG, GPE or LOC (got {code:?})"))
        })?),
    };
    let q = given(p.q);
    if q.as_ref().is_some_and(|q| q.chars().count() > 100) {
        return Err(ApiError::bad_request("q is longer than 100 characters"));
    }
    let (found, total) = state
        .0
        .with(move |st, s| {
            let Some(q) = q else {
                let all = s.entities(kind, offset + limit)?;
                return Ok((all.into_iter().skip(offset).collect::<Vec<_>>(), None));
            };
            let keys = matching_keys(st, s, &q, kind)?;
            let mut found = Vec::new();
            for (key, via) in keys {
                if let Some(e) = s.entity(&key)? {
                    found.push((e, via));
                }
            }
            found.sort_by(|a, b| {
                b.0.documents
                    .cmp(&a.0.documents)
                    .then(a.0.key.cmp(&b.0.key))
            });
            let total = found.len() as u64;
            Ok((
                found
                    .into_iter()
                    .skip(offset)
                    .take(limit)
                    .map(|(e, _)| e)
                    .collect(),
                Some(total),
            ))
        })
        .await?;
    let kb = state.0.kb();
    let items = found
        .iter()
        .map(|e| {
            json!({
                "key": e.key, "type": entity_type_code(e.kind), "country": e.country,
                "name_ar": ar_name(kb, &e.key),
                "documents": e.documents, "mentions": e.mentions,
            })
        })
        .collect();
    listing(limit, offset, total, items)
}

/// The keys of entities one of whose spellings (in the corpus or the knowledge base)
/// holds `q`, folded; or whose key does, ignoring case.
fn matching_keys(
    st: &State,
    s: &marsad_store::Store,
    q: &str,
    kind: Option<EntityType>,
) -> Result<BTreeMap<String, String>, ApiError> {
    let folded = marsad_kb::fold_name(q);
    let lower = q.to_lowercase();
    let mut keys = BTreeMap::new();
    if folded.is_empty() {
        return Ok(keys);
    }
    for sp in st.spellings(s)?.iter() {
        if kind.is_some_and(|k| k != sp.kind) {
            continue;
        }
        if sp.folded.contains(&folded) || sp.key.to_lowercase().contains(&lower) {
            keys.entry(sp.key.clone())
                .or_insert_with(|| sp.text.clone());
        }
    }
    if let Some(kb) = st.kb() {
        for (alias, cands) in kb.aliases() {
            if alias.contains(&folded) {
                for c in cands {
                    keys.entry(kb.key(c.id).to_string())
                        .or_insert_with(|| alias.to_string());
                }
            }
        }
    }
    Ok(keys)
}

async fn entity(state: S, Path(key): Path<String>) -> ApiResult {
    let k = key.clone();
    let v = state
        .0
        .with(move |st, s| {
            let Some(e) = s.entity(&k)? else {
                return Ok(None);
            };
            let filter = EventFilter {
                actor: Some(k.clone()),
                ..Default::default()
            };
            let mut names: Vec<String> = st
                .spellings(s)?
                .iter()
                .filter(|sp| sp.key == k)
                .map(|sp| sp.text.clone())
                .collect();
            names.sort();
            names.dedup();
            names.truncate(30);
            let offices: Vec<Value> = st
                .kb()
                .and_then(|kb| kb.person(&k))
                .map(|p| {
                    p.terms
                        .iter()
                        .map(|t| {
                            json!({
                                "office": t.office, "country": t.country,
                                "start": t.start.to_string(),
                                "end": t.end.map(|d| d.to_string()),
                            })
                        })
                        .collect()
                })
                .unwrap_or_default();
            let stories = st.stories(s)?;
            let story_count = stories
                .stories
                .iter()
                .filter(|x| x.actors.iter().any(|a| a.key.as_deref() == Some(&k)))
                .count();
            Ok(Some(json!({
                "key": e.key,
                "type": entity_type_code(e.kind),
                "country": e.country,
                "name_ar": ar_name(st.kb(), &e.key),
                "documents": e.documents,
                "mentions": e.mentions,
                "names": names,
                "offices": offices,
                "events": st.count_events(s, &filter)?,
                "stories": story_count,
                "counterparts": s.counterparts(&k, 30)?.iter().map(|c| json!({
                    "key": c.key, "country": c.country, "events": c.events,
                    "name_ar": ar_name(st.kb(), &c.key),
                })).collect::<Vec<_>>(),
                "events_by_month": s.entity_event_months(&k)?.iter().map(|m| json!({
                    "month": m.month, "count": m.count,
                })).collect::<Vec<_>>(),
                "documents_by_month": s.entity_document_months(&k)?.iter().map(|m| json!({
                    "month": m.month, "count": m.count,
                })).collect::<Vec<_>>(),
                "recent_documents": s.entity_documents(&k, 20, 0)?.iter().map(row_json).collect::<Vec<_>>(),
                "recent_events": s.events_filtered(&filter, 20, 0)?.iter().map(event_json).collect::<Vec<_>>(),
            })))
        })
        .await?;
    match v {
        Some(v) => ok(v),
        None => Err(ApiError::not_found(format!("no entity {key:?}"))),
    }
}

fn event_json(e: &StoredEvent) -> Value {
    let mut v = serde_json::to_value(&e.event).unwrap_or(Value::Null);
    if let Value::Object(m) = &mut v {
        m.insert("id".into(), json!(format!("{}#{}", e.doc, e.n)));
        m.insert("doc".into(), json!(e.doc));
        m.insert("n".into(), json!(e.n));
        m.insert("url".into(), json!(e.url));
        m.insert("outlet".into(), json!(e.outlet));
        m.insert("published".into(), json!(e.published));
    }
    v
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EventsParams {
    actor: Option<String>,
    with: Option<String>,
    country: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    mode: Option<String>,
    status: Option<String>,
    from: Option<String>,
    to: Option<String>,
    outlet: Option<String>,
    q: Option<String>,
    /// Events of this confidence or more (0 to 1); by default
    /// [`marsad_schema::TRUSTED_CONFIDENCE`], `0` for all.
    min_confidence: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
    /// `csv` or `jsonl`: only for the export.
    format: Option<String>,
}

/// The filters of `/api/events` (and its export), checked.
fn event_filter(p: EventsParams) -> Result<EventFilter, ApiError> {
    let f = EventFilter {
        actor: given(p.actor),
        with: given(p.with),
        country: given(p.country).map(|c| c.to_uppercase()),
        kind: given(p.kind).map(|c| c.to_uppercase()),
        mode: given(p.mode).map(|m| m.to_lowercase()),
        status: given(p.status),
        from: given(p.from),
        to: given(p.to),
        outlet: given(p.outlet),
        q: given(p.q),
        min_confidence: Some(min_confidence(p.min_confidence)?),
    };
    check_date("from", &f.from)?;
    check_date("to", &f.to)?;
    check_one_of("type", &f.kind, EVENT_TYPES)?;
    check_word("country", &f.country, |c| c.is_ascii_uppercase())?;
    check_one_of("mode", &f.mode, EVENT_MODES)?;
    if let Some(s) = &f.status {
        if !["occurred", "planned", "claimed", "denied"].contains(&s.as_str()) {
            return Err(ApiError::bad_request(format!(
                "status must be occurred, planned, claimed or denied (got {s:?})"
            )));
        }
    }
    if let (Some(a), Some(b)) = (&f.from, &f.to) {
        if a.as_str() > b.as_str() {
            return Err(ApiError::bad_request("from is after to"));
        }
    }
    Ok(f)
}

/// `min_confidence` in hundredths: the trusted threshold when absent or empty.
fn min_confidence(given_value: Option<String>) -> Result<u8, ApiError> {
    let Some(v) = given(given_value) else {
        return Ok((marsad_schema::TRUSTED_CONFIDENCE * 100.0).round() as u8);
    };
    match v.parse::<f32>() {
        Ok(p) if (0.0..=1.0).contains(&p) => Ok((p * 100.0).round() as u8),
        _ => Err(ApiError::bad_request(format!(
            "min_confidence must be a number from 0 to 1 (got {v:?})"
        ))),
    }
}

async fn events(state: S, Params(mut p): Params<EventsParams>) -> ApiResult {
    if p.format.is_some() {
        return Err(ApiError::bad_request(
            "format is a parameter of /api/events/export",
        ));
    }
    let (limit, offset) = page(p.limit.take(), p.offset.take())?;
    let f = event_filter(p)?;
    let f2 = f.clone();
    // The page and the count on two connections at once: a filter's first count walks
    // the whole timeline index (later ones are kept), and the page need not wait for it.
    let (items, total) = tokio::try_join!(
        state
            .0
            .with(move |_, s| Ok(s.events_filtered(&f, limit, offset)?)),
        state.0.with(move |st, s| st.count_events(s, &f2)),
    )?;
    listing(
        limit,
        offset,
        Some(total),
        items.iter().map(event_json).collect(),
    )
}

/// The most events one export holds: the whole filtered timeline up to this, in one
/// download (a larger set is a job for `marsad export --events` on the database).
pub const EXPORT_MAX: usize = 100_000;

/// The columns of a CSV export, as the timeline shows an event.
const EXPORT_COLUMNS: [&str; 11] = [
    "id",
    "date",
    "published",
    "type",
    "mode",
    "status",
    "actors",
    "outlet",
    "attributed_to",
    "evidence",
    "url",
];

/// One CSV row, guarded (see [`marsad_text::csv`]).
fn csv_row(out: &mut String, cells: &[&str]) {
    marsad_text::csv::row(out, cells);
}

fn event_csv(out: &mut String, e: &StoredEvent) {
    let ev = &e.event;
    let actors: Vec<&str> = ev
        .actors
        .iter()
        .filter_map(|a| a.key.as_deref().or(a.country.as_deref()))
        .collect();
    let id = format!("{}#{}", e.doc, e.n);
    let status = serde_json::to_value(ev.status).unwrap_or(Value::Null);
    let actors = actors.join("; ");
    csv_row(
        out,
        &[
            id.as_str(),
            ev.date.as_deref().unwrap_or(""),
            e.published.as_deref().unwrap_or(""),
            ev.kind.as_str(),
            ev.mode.as_deref().unwrap_or(""),
            status.as_str().unwrap_or(""),
            actors.as_str(),
            e.outlet.as_deref().unwrap_or(""),
            ev.attributed_to.as_deref().unwrap_or(""),
            ev.evidence.text.as_str(),
            e.url.as_deref().unwrap_or(""),
        ],
    );
}

/// The whole filtered timeline as a download: CSV (the timeline's columns) or JSON Lines
/// (each event as `/api/events` gives it), latest first, at most [`EXPORT_MAX`] events
/// (or `limit`). Streamed: rows are read from the store on the blocking pool and sent as
/// they come, in chunks, so an export of a hundred thousand events never sits in memory.
/// `X-Marsad-Total` says how many events pass the filter, `X-Marsad-Exported` how many
/// the file holds.
async fn export_events(state: S, Params(mut p): Params<EventsParams>) -> ApiResult {
    let csv = match p.format.take().as_deref().map(str::trim) {
        None | Some("" | "csv") => true,
        Some("jsonl") => false,
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "format must be csv or jsonl (got {other:?})"
            )))
        }
    };
    if p.offset.take().is_some() {
        return Err(ApiError::bad_request(
            "an export starts at the first event: no offset",
        ));
    }
    let cap = match p.limit.take() {
        Some(0) => return Err(ApiError::bad_request("limit must be at least 1")),
        Some(n) => n.min(EXPORT_MAX),
        None => EXPORT_MAX,
    };
    let f = event_filter(p)?;
    let f2 = f.clone();
    let total = state.0.with(move |st, s| st.count_events(s, &f2)).await?;
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<String, std::io::Error>>(8);
    let me = Arc::clone(&state.0);
    // The export holds its connection while the client reads: it waits its turn.
    let permit = me.lease().await?;
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let store = match me.take() {
            Ok(s) => s,
            Err(e) => {
                let _ = tx.blocking_send(Err(std::io::Error::other(e.message)));
                return;
            }
        };
        let mut chunk = String::new();
        if csv {
            csv_row(&mut chunk, &EXPORT_COLUMNS);
        }
        let done = store.each_event_filtered(&f, cap, 0, |e| {
            if csv {
                event_csv(&mut chunk, &e);
            } else {
                chunk.push_str(&event_json(&e).to_string());
                chunk.push('\n');
            }
            if chunk.len() >= 64 * 1024 {
                // The client went away: stop reading.
                tx.blocking_send(Ok(std::mem::take(&mut chunk)))
                    .map_err(|_| ApiError::internal("the export's client is gone"))?;
            }
            Ok::<(), ApiError>(())
        });
        let last = match done {
            Ok(()) => Ok(chunk),
            // Too late for a status code: the body is cut short, which a client sees
            // as a failed download rather than a complete file.
            Err(e) => Err(std::io::Error::other(e.message)),
        };
        let _ = tx.blocking_send(last);
        me.give_back(store);
    });
    let stream = Chunks(rx);
    let (kind, name) = if csv {
        ("text/csv; charset=utf-8", "events.csv")
    } else {
        ("application/x-ndjson", "events.jsonl")
    };
    let exported = (total as usize).min(cap);
    Ok((
        [
            (header::CONTENT_TYPE, kind.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (
                header::HeaderName::from_static("x-marsad-total"),
                total.to_string(),
            ),
            (
                header::HeaderName::from_static("x-marsad-exported"),
                exported.to_string(),
            ),
        ],
        axum::body::Body::from_stream(stream),
    )
        .into_response())
}

/// The receiving end of the export's channel, as the response body's stream of chunks.
struct Chunks(tokio::sync::mpsc::Receiver<Result<String, std::io::Error>>);

impl futures_core::Stream for Chunks {
    type Item = Result<String, std::io::Error>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        self.0.poll_recv(cx)
    }
}

fn story_summary(s: &Story) -> Value {
    json!({
        "story": s.story, "type": s.kind, "mode": s.mode, "actors": s.actors,
        "date": s.date, "status": s.status, "where": s.place,
        "articles": s.articles, "outlets": s.outlets, "reports": s.reports.len(),
        "evidence": s.reports.first().map(|r| r.evidence.text.clone()),
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StoriesParams {
    q: Option<String>,
    actor: Option<String>,
    with: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn stories(state: S, Params(p): Params<StoriesParams>) -> ApiResult {
    let (limit, offset) = page(p.limit, p.offset)?;
    let (q, actor, with, kind) = (given(p.q), given(p.actor), given(p.with), given(p.kind));
    check_one_of(
        "type",
        &kind.as_ref().map(|k| k.to_uppercase()),
        EVENT_TYPES,
    )?;
    let (items, total) = state
        .0
        .with(move |st, s| {
            let all: Arc<Stories> = st.stories(s)?;
            let mut wanted: Option<HashSet<usize>> = None;
            if let Some(q) = &q {
                let mut set = HashSet::new();
                for doc in s.search_docs(q, 100_000)? {
                    if let Some(v) = all.by_doc.get(&doc) {
                        set.extend(v.iter().copied());
                    }
                }
                // A story is found by any spelling of its actors, and of the people and
                // places its documents name (كاراباخ finds the reports of «قره باغ»).
                let keys = matching_keys(st, s, q, None)?;
                for key in keys.keys().take(20) {
                    for row in s.entity_documents(key, 100_000, 0)? {
                        if let Some(v) = all.by_doc.get(&row.doc) {
                            set.extend(v.iter().copied());
                        }
                    }
                }
                for (i, story) in all.stories.iter().enumerate() {
                    if story
                        .actors
                        .iter()
                        .any(|a| a.key.as_ref().is_some_and(|k| keys.contains_key(k)))
                    {
                        set.insert(i);
                    }
                }
                wanted = Some(set);
            }
            let picked: Vec<&Story> = all
                .stories
                .iter()
                .enumerate()
                .filter(|(i, _)| wanted.as_ref().is_none_or(|w| w.contains(i)))
                .map(|(_, s)| s)
                .filter(|s| {
                    actor
                        .as_ref()
                        .is_none_or(|a| s.actors.iter().any(|x| x.key.as_ref() == Some(a)))
                })
                .filter(|s| {
                    with.as_ref()
                        .is_none_or(|a| s.actors.iter().any(|x| x.key.as_ref() == Some(a)))
                })
                .filter(|s| kind.as_ref().is_none_or(|k| s.kind.eq_ignore_ascii_case(k)))
                .collect();
            let total = picked.len() as u64;
            let items: Vec<Value> = picked
                .into_iter()
                .skip(offset)
                .take(limit)
                .map(story_summary)
                .collect();
            Ok((items, total))
        })
        .await?;
    listing(limit, offset, Some(total), items)
}

async fn story(state: S, Path(n): Path<String>) -> ApiResult {
    let Ok(n) = n.parse::<usize>() else {
        return Err(ApiError::bad_request(format!(
            "a story is a number from 1 (got {n:?})"
        )));
    };
    let v = state
        .0
        .with(move |st, s| {
            let all = st.stories(s)?;
            let Some(story) = n.checked_sub(1).and_then(|i| all.stories.get(i)) else {
                return Ok(None);
            };
            let mut docs: HashMap<String, Option<Document>> = HashMap::new();
            let mut reports = Vec::new();
            for r in &story.reports {
                if !docs.contains_key(&r.doc) {
                    docs.insert(r.doc.clone(), s.document(&r.doc)?);
                }
                let d = docs[&r.doc].as_ref();
                let mut v = serde_json::to_value(r).unwrap_or(Value::Null);
                if let Value::Object(m) = &mut v {
                    m.insert("title".into(), json!(d.and_then(|d| d.title.clone())));
                    m.insert("url".into(), json!(d.and_then(|d| d.url.clone())));
                    m.insert("text".into(), json!(d.map(|d| d.text.clone())));
                }
                reports.push(v);
            }
            let mut v = story_summary(story);
            v["reports"] = Value::Array(reports);
            v["actor_names"] = json!(story
                .actors
                .iter()
                .map(|a| a.key.as_ref().and_then(|k| ar_name(st.kb(), k)))
                .collect::<Vec<_>>());
            Ok(Some(v))
        })
        .await?;
    match v {
        Some(v) => ok(v),
        None => Err(ApiError {
            status: StatusCode::NOT_FOUND,
            message: format!("no story {n}"),
        }),
    }
}

/// An edge being counted: stories, stories by type, story numbers (the first 50).
type Edge = (usize, BTreeMap<String, usize>, Vec<usize>);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NetworkParams {
    min: Option<usize>,
    #[serde(rename = "type")]
    kind: Option<String>,
}

async fn network(state: S, Params(p): Params<NetworkParams>) -> ApiResult {
    let min = p.min.unwrap_or(1).max(1);
    let kind = given(p.kind);
    let v = state
        .0
        .with(move |st, s| {
            let all = st.stories(s)?;
            // Edge weight: stories in which both actors take part.
            let mut edges: BTreeMap<(String, String), Edge> = BTreeMap::new();
            let mut nodes: BTreeMap<String, usize> = BTreeMap::new();
            for story in &all.stories {
                if kind.as_ref().is_some_and(|k| !story.kind.eq_ignore_ascii_case(k)) {
                    continue;
                }
                let mut keys: Vec<&str> = story.actors.iter().filter_map(|a| a.key.as_deref()).collect();
                keys.sort_unstable();
                keys.dedup();
                for k in &keys {
                    *nodes.entry(k.to_string()).or_default() += 1;
                }
                for (i, a) in keys.iter().enumerate() {
                    for b in &keys[i + 1..] {
                        let e = edges.entry((a.to_string(), b.to_string())).or_default();
                        e.0 += 1;
                        *e.1.entry(story.kind.clone()).or_default() += 1;
                        if e.2.len() < 50 {
                            e.2.push(story.story);
                        }
                    }
                }
            }
            let edges: Vec<Value> = edges
                .into_iter()
                .filter(|(_, e)| e.0 >= min)
                .map(|((a, b), (w, types, ids))| {
                    json!({ "source": a, "target": b, "stories": w, "types": types, "story_ids": ids })
                })
                .collect();
            let used: HashSet<&str> = edges
                .iter()
                .flat_map(|e| [e["source"].as_str(), e["target"].as_str()])
                .flatten()
                .collect();
            let nodes: Vec<Value> = nodes
                .iter()
                .filter(|(k, _)| used.contains(k.as_str()))
                .map(|(k, n)| json!({ "key": k, "stories": n, "name_ar": ar_name(st.kb(), k) }))
                .collect();
            Ok(json!({ "nodes": nodes, "edges": edges }))
        })
        .await?;
    ok(v)
}
