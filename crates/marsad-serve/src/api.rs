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
use marsad_schema::{Actor, Document, EntityType, EVENT_MODES, EVENT_TYPES};
use marsad_store::{
    entity_type_code, entity_type_from_code, DocumentRow, EventFilter, StoredEvent,
};
use marsad_stories::Story;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::highlight;
use crate::index::{self, StoryIndex};
use crate::labels::Labels;
use crate::rank::{self, StorySort};
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
        .route("/events/days", get(event_days))
        .route("/events/facets", get(event_facets))
        .route("/map", get(map))
        .route("/labels", get(label))
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
    let Some(d) = doc else {
        return Err(ApiError::not_found(format!("no document {id:?}")));
    };
    let labels = state.0.labels();
    let mut v = serde_json::to_value(&d).unwrap_or(Value::Null);
    if let Some(Value::Array(es)) = v.get_mut("entities") {
        for (e, ent) in es.iter_mut().zip(&d.entities) {
            put_label(labels, e, &ent.key);
        }
    }
    if let Some(Value::Array(es)) = v.get_mut("events") {
        for (e, ev) in es.iter_mut().zip(&d.events) {
            label_event(labels, e, ev);
        }
    }
    ok(v)
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

/// Adds `label_ar` and `label_en` of `key` ([`crate::labels`]) to the object `v`.
fn put_label(labels: &Labels, v: &mut Value, key: &str) {
    let l = labels.get(key);
    if let Value::Object(m) = v {
        m.insert("label_ar".into(), json!(l.ar));
        m.insert("label_en".into(), json!(l.en));
    }
}

/// An entity reference as the API gives it: its key with its labels.
fn labelled(labels: &Labels, key: &str) -> Value {
    let mut v = json!({ "key": key });
    put_label(labels, &mut v, key);
    v
}

/// An actor with its labels: a known entity's; an actor named by description, its words
/// as written in Arabic and its country's English name (with its sector) in English; an
/// actor known only by its country, the country's.
fn actor_json(labels: &Labels, a: &Actor) -> Value {
    let mut v = serde_json::to_value(a).unwrap_or(Value::Null);
    if let Some(key) = &a.key {
        put_label(labels, &mut v, key);
        return v;
    }
    let country = a.country.as_deref().map(|c| labels.get(c));
    let (ar, en) = match (&a.text, country) {
        (Some(text), Some(c)) => (
            text.clone(),
            match &a.sector {
                Some(sector) => format!("{} ({sector})", c.en),
                None => c.en,
            },
        ),
        (Some(text), None) => (text.clone(), text.clone()),
        (None, Some(c)) => (c.ar, c.en),
        (None, None) => ("?".to_string(), "?".to_string()),
    };
    if let Value::Object(m) = &mut v {
        m.insert("label_ar".into(), json!(ar));
        m.insert("label_en".into(), json!(en));
    }
    v
}

fn actors_json(labels: &Labels, actors: &[Actor]) -> Value {
    Value::Array(actors.iter().map(|a| actor_json(labels, a)).collect())
}

/// Labels an event's actors, its place and the body it is attributed to, in place.
fn label_event(labels: &Labels, v: &mut Value, ev: &marsad_schema::Event) {
    let Value::Object(m) = v else { return };
    m.insert("actors".into(), actors_json(labels, &ev.actors));
    if let (Some(w), Some(place)) = (m.get_mut("where"), &ev.place) {
        put_label(labels, w, &place.key);
    }
    if let Some(by) = &ev.attributed_to {
        m.insert("attributed_label".into(), labelled(labels, by));
    }
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
                let all = st.entities(s)?;
                let page = all
                    .iter()
                    .filter(|e| kind.is_none_or(|k| k == e.kind))
                    .skip(offset)
                    .take(limit)
                    .cloned()
                    .collect::<Vec<_>>();
                return Ok((page, None));
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
    let labels = state.0.labels();
    let items = found
        .iter()
        .map(|e| {
            let mut v = json!({
                "key": e.key, "type": entity_type_code(e.kind), "country": e.country,
                "documents": e.documents, "mentions": e.mentions,
            });
            put_label(labels, &mut v, &e.key);
            v
        })
        .collect();
    listing(limit, offset, total, items)
}

/// The keys of entities one of whose spellings (in the corpus or the knowledge base)
/// holds `q`, folded; or whose key does, ignoring case.
fn matching_keys(
    st: &State,
    s: &mut dyn marsad_store::Reader,
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
    // Kept per generation: an entity page runs seven queries over the entity's events
    // and mentions (0.7 s at p99 for the most named, under load, before).
    let v = state
        .0
        .with(move |st, s| st.answer(s, "entity", k.clone(), |all, s| entity_json(st, s, all, &k)))
        .await?;
    match &*v {
        Value::Null => Err(ApiError::not_found(format!("no entity {key:?}"))),
        v => Ok(Json(v).into_response()),
    }
}

/// An entity's page (`Value::Null` when the store does not know it).
fn entity_json(
    st: &State,
    s: &mut dyn marsad_store::Reader,
    all: &Stories,
    k: &str,
) -> Result<Value, ApiError> {
    let Some(e) = s.entity(k)? else {
        return Ok(Value::Null);
    };
    let filter = EventFilter {
        actor: Some(k.to_string()),
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
        .and_then(|kb| kb.person(k))
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
    let story_count = all
        .index
        .id(index::ACTOR, k)
        .map_or(0, |id| all.index.total(index::ACTOR, id));
    let labels = st.labels();
    let mut v = json!({
        "key": e.key,
        "type": entity_type_code(e.kind),
        "country": e.country.as_deref().map(|c| labelled(labels, c)),
        "documents": e.documents,
        "mentions": e.mentions,
        "names": names,
        "offices": offices,
        "events": st.count_events(s, &filter)?,
        "stories": story_count,
        "counterparts": s.counterparts(k, 30)?.iter().map(|c| {
            let mut v = json!({ "key": c.key, "country": c.country, "events": c.events });
            put_label(labels, &mut v, &c.key);
            v
        }).collect::<Vec<_>>(),
        "activity": days_json(&st.days(s, &filter)?),
        "events_by_month": s.entity_event_months(k)?.iter().map(|m| json!({
            "month": m.month, "count": m.count,
        })).collect::<Vec<_>>(),
        "documents_by_month": s.entity_document_months(k)?.iter().map(|m| json!({
            "month": m.month, "count": m.count,
        })).collect::<Vec<_>>(),
        "recent_documents": s.entity_documents(k, 20, 0)?.iter().map(row_json).collect::<Vec<_>>(),
        "recent_events": s.events_filtered(&filter, 20, 0)?.iter().map(|e| event_json(labels, e)).collect::<Vec<_>>(),
    });
    put_label(labels, &mut v, &e.key);
    Ok(v)
}

fn event_json(labels: &Labels, e: &StoredEvent) -> Value {
    let mut v = serde_json::to_value(&e.event).unwrap_or(Value::Null);
    label_event(labels, &mut v, &e.event);
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
    sector: Option<String>,
    place: Option<String>,
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
        sector: given(p.sector).map(|c| c.to_uppercase()),
        place: given(p.place),
    };
    check_word("sector", &f.sector, |c| c.is_ascii_uppercase())?;
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
        return Ok(crate::state::trusted_hundredths());
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
    let labels = state.0.labels();
    listing(
        limit,
        offset,
        Some(total),
        items.iter().map(|e| event_json(labels, e)).collect(),
    )
}

/// Events per day by type: `{"days": [{"day", "counts": {TYPE: n}}], "types": {TYPE: n}}`
/// (days in order; `types` the totals, most first).
fn days_json(rows: &[marsad_store::DayCount]) -> Value {
    let mut days: Vec<(String, serde_json::Map<String, Value>)> = Vec::new();
    let mut types: HashMap<&str, u64> = HashMap::new();
    for r in rows {
        if days.last().is_none_or(|(d, _)| *d != r.day) {
            days.push((r.day.clone(), serde_json::Map::new()));
        }
        if let Some((_, m)) = days.last_mut() {
            m.insert(r.kind.clone(), json!(r.count));
        }
        *types.entry(&r.kind).or_default() += r.count;
    }
    let mut types: Vec<(&str, u64)> = types.into_iter().collect();
    types.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    json!({
        "days": days.into_iter().map(|(day, counts)| json!({ "day": day, "counts": counts })).collect::<Vec<_>>(),
        "types": types.into_iter().map(|(k, n)| json!({ "value": k, "count": n })).collect::<Vec<_>>(),
    })
}

/// The timeline's filters of a view that is not a page of it (the chart, the counts, the
/// map): a limit, an offset or a format is a 400 naming `what`.
fn filters_only(mut p: EventsParams, what: &str) -> Result<EventFilter, ApiError> {
    if p.format.is_some() || p.limit.take().is_some() || p.offset.take().is_some() {
        return Err(ApiError::bad_request(format!(
            "{what} takes the timeline's filters only (no limit, offset or format)"
        )));
    }
    event_filter(p)
}

/// The timeline's chart: events per day by type under `/api/events`' filters.
async fn event_days(state: S, Params(p): Params<EventsParams>) -> ApiResult {
    let f = filters_only(p, "the chart")?;
    let rows = state.0.with(move |st, s| st.days(s, &f)).await?;
    ok(days_json(&rows))
}

/// What each value of the timeline's filters leaves under its current filters:
/// `{"type": [{"value", "count"}], "mode", "status", "country", "outlet", "place"}`, most
/// first, countries and places with their labels (the stories' `facets=1`, for events).
async fn event_facets(state: S, Params(p): Params<EventsParams>) -> ApiResult {
    let f = filters_only(p, "the counts")?;
    let counts = state.0.with(move |st, s| st.facets(s, &f)).await?;
    let labels = state.0.labels();
    let facet = |values: &[(String, u64)], keyed: bool| -> Value {
        values
            .iter()
            .map(|(value, count)| {
                let mut x = json!({ "value": value, "count": count });
                if keyed {
                    put_label(labels, &mut x, value);
                }
                x
            })
            .collect()
    };
    ok(json!({
        "type": facet(&counts.kind, false),
        "mode": facet(&counts.mode, false),
        "status": facet(&counts.status, false),
        "country": facet(&counts.country, true),
        "outlet": facet(&counts.outlet, false),
        "place": facet(&counts.place, true),
    }))
}

/// The map: the events under `/api/events`' filters grouped by where they happened.
///
/// `{"total", "placed", "unplaced", "places": [...], "countries": [...]}`: `total` is the
/// timeline's count for the same filters (`placed + unplaced`); each place is the event's
/// `where` (`key`, `name`, `country`, `admin1`, `lat`, `lon`, `precision`, labels) with
/// its `count`, most first; each country (ISO alpha-3) counts the events whose place lies
/// in it (the country itself, or a city, division or region the gazetteer puts there).
/// A place without coordinates (a country, a region) is still a place: the UI draws it at
/// its country.
async fn map(state: S, Params(p): Params<EventsParams>) -> ApiResult {
    let f = filters_only(p, "the map")?;
    let rows = state.0.with(move |st, s| st.places(s, &f)).await?;
    ok(map_json(state.0.labels(), &rows))
}

fn map_json(labels: &Labels, rows: &[marsad_store::PlaceCount]) -> Value {
    let mut places = Vec::new();
    let mut countries: BTreeMap<&str, u64> = BTreeMap::new();
    let (mut placed, mut unplaced) = (0, 0);
    for r in rows {
        let Some(w) = &r.place else {
            unplaced += r.count;
            continue;
        };
        placed += r.count;
        if let Some(c) = &w.country {
            *countries.entry(c).or_default() += r.count;
        }
        let mut v = serde_json::to_value(w).unwrap_or(Value::Null);
        put_label(labels, &mut v, &w.key);
        v["count"] = json!(r.count);
        places.push(v);
    }
    let mut countries: Vec<(&str, u64)> = countries.into_iter().collect();
    countries.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    json!({
        "total": placed + unplaced,
        "placed": placed,
        "unplaced": unplaced,
        "places": places,
        "countries": countries.into_iter().map(|(k, n)| {
            let mut v = labelled(labels, k);
            v["count"] = json!(n);
            v
        }).collect::<Vec<_>>(),
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LabelParams {
    key: Option<String>,
}

/// One entity's display names (`crate::labels`), for clients that hold a key only.
async fn label(state: S, Params(p): Params<LabelParams>) -> ApiResult {
    let Some(key) = given(p.key) else {
        return Err(ApiError::bad_request("key is required"));
    };
    let labels = state.0.labels();
    let mut v = labelled(labels, &key);
    v["known"] = json!(labels.knows(&key));
    ok(v)
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
        let mut store = match me.take() {
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
        let done = store.each_event_filtered(&f, cap, 0, &mut |e| {
            if csv {
                event_csv(&mut chunk, &e);
            } else {
                chunk.push_str(&event_json(me.labels(), &e).to_string());
                chunk.push('\n');
            }
            if chunk.len() >= 64 * 1024 {
                // The client went away: stop reading.
                tx.blocking_send(Ok(std::mem::take(&mut chunk)))
                    .map_err(|_| {
                        marsad_store::Error::Other("the export's client is gone".into())
                    })?;
            }
            Ok(())
        });
        let last = match done {
            Ok(()) => Ok(chunk),
            // Too late for a status code: the body is cut short, which a client sees
            // as a failed download rather than a complete file.
            Err(e) => Err(std::io::Error::other(e.to_string())),
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

fn story_summary(labels: &Labels, s: &Story, facts: &rank::Facts) -> Value {
    json!({
        "story": s.story, "type": s.kind, "mode": s.mode, "actors": actors_json(labels, &s.actors),
        "date": s.date, "status": s.status, "where": s.place,
        "where_label": s.place.as_deref().map(|k| labelled(labels, k)),
        "articles": s.articles, "outlets": s.outlets, "reports": s.reports.len(),
        "confidence": (f64::from(facts.confidence) * 100.0).round() / 100.0,
        "reported": facts.reported,
        "evidence": s.reports.first().map(|r| r.evidence.text.clone()),
    })
}

/// The filters a story list and the network share (all optional; every one given must
/// hold), written as a struct literal with `..Default::default()` and checked by
/// [`StoryFilter::checked`]. Values are checked as `/api/events` checks them.
#[derive(Debug, Default, Clone)]
struct StoryFilter {
    actor: Option<String>,
    with: Option<String>,
    kind: Option<String>,
    mode: Option<String>,
    status: Option<String>,
    country: Option<String>,
    sector: Option<String>,
    place: Option<String>,
    outlet: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

/// The values of `status`.
const STATUSES: &[&str] = &["occurred", "planned", "claimed", "denied"];

impl StoryFilter {
    /// The filter with its values trimmed (empty ones dropped) and in canonical case,
    /// or a 400 naming the first bad one.
    fn checked(self) -> Result<StoryFilter, ApiError> {
        let f = StoryFilter {
            actor: given(self.actor),
            with: given(self.with),
            kind: given(self.kind).map(|k| k.to_uppercase()),
            mode: given(self.mode).map(|m| m.to_lowercase()),
            status: given(self.status).map(|m| m.to_lowercase()),
            country: given(self.country).map(|c| c.to_uppercase()),
            sector: given(self.sector).map(|c| c.to_uppercase()),
            place: given(self.place),
            outlet: given(self.outlet),
            from: given(self.from),
            to: given(self.to),
        };
        check_one_of("type", &f.kind, EVENT_TYPES)?;
        check_one_of("mode", &f.mode, EVENT_MODES)?;
        check_one_of("status", &f.status, STATUSES)?;
        check_word("country", &f.country, |c| c.is_ascii_uppercase())?;
        check_word("sector", &f.sector, |c| c.is_ascii_uppercase())?;
        check_date("from", &f.from)?;
        check_date("to", &f.to)?;
        if let (Some(a), Some(b)) = (&f.from, &f.to) {
            if a.as_str() > b.as_str() {
                return Err(ApiError::bad_request("from is after to"));
            }
        }
        Ok(f)
    }

    /// The `(facet, value)` pairs a story must have, as ids of `ix`; `None` when a value
    /// no story has is asked for (nothing passes).
    fn pairs(&self, ix: &StoryIndex) -> Option<Vec<index::Pair>> {
        let wanted = [
            (index::ACTOR, &self.actor),
            (index::ACTOR, &self.with),
            (index::TYPE, &self.kind),
            (index::MODE, &self.mode),
            (index::STATUS, &self.status),
            (index::COUNTRY, &self.country),
            (index::SECTOR, &self.sector),
            (index::PLACE, &self.place),
            (index::OUTLET, &self.outlet),
        ];
        let mut pairs = Vec::new();
        for (facet, v) in wanted {
            if let Some(v) = v {
                pairs.push((facet, ix.id(facet, v)?));
            }
        }
        Some(pairs)
    }

    /// Whether the story's date is within `from` and `to` (a story without a date is
    /// not, when either is given).
    fn dated_within(&self, s: &Story) -> bool {
        self.from
            .as_ref()
            .is_none_or(|f| s.date.as_deref().is_some_and(|d| d >= f.as_str()))
            && self.to.as_ref().is_none_or(|t| {
                s.date
                    .as_deref()
                    .is_some_and(|d| d.get(..t.len()).unwrap_or(d) <= t.as_str())
            })
    }

    /// Whether the filter narrows anything.
    fn is_empty(&self) -> bool {
        self.actor.is_none()
            && self.with.is_none()
            && self.kind.is_none()
            && self.mode.is_none()
            && self.status.is_none()
            && self.country.is_none()
            && self.sector.is_none()
            && self.place.is_none()
            && self.outlet.is_none()
            && self.from.is_none()
            && self.to.is_none()
    }

    /// The positions of the stories that pass, in `order`.
    fn select(&self, all: &Stories, order: &[usize]) -> Vec<usize> {
        let Some(pairs) = self.pairs(&all.index) else {
            return Vec::new();
        };
        order
            .iter()
            .copied()
            .filter(|&i| all.index.has_all(i, &pairs) && self.dated_within(&all.stories[i]))
            .collect()
    }
}

/// How many of the stories at `picked` take each value of each filter, the most frequent
/// first (at most 30 values a filter): what a filter would leave. `all`: every story is
/// picked.
fn facets(labels: &Labels, ix: &StoryIndex, picked: &[usize], all: bool) -> Value {
    let mut out = serde_json::Map::new();
    for (facet, values) in ix.facet_counts(picked, all, 30) {
        if facet == index::GROUP {
            continue; // the network's nodes, not a filter
        }
        let keyed = matches!(facet, index::ACTOR | index::COUNTRY | index::PLACE);
        let values = values
            .into_iter()
            .map(|(value, count)| {
                let mut x = json!({ "value": value, "count": count });
                if keyed {
                    put_label(labels, &mut x, value);
                } else if facet == index::SECTOR {
                    let l = labels.sector(value);
                    x["label_ar"] = json!(l.ar);
                    x["label_en"] = json!(l.en);
                }
                x
            })
            .collect();
        out.insert(
            index::FACETS[facet as usize].to_string(),
            Value::Array(values),
        );
    }
    Value::Object(out)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StoriesParams {
    q: Option<String>,
    actor: Option<String>,
    with: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    mode: Option<String>,
    status: Option<String>,
    country: Option<String>,
    sector: Option<String>,
    place: Option<String>,
    outlet: Option<String>,
    from: Option<String>,
    to: Option<String>,
    /// `rank` (default), `recent`, `articles`, `first` ([`crate::rank`]).
    sort: Option<String>,
    /// `1`: add the counts per filter value of the whole filtered set.
    facets: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

/// The story positions a text query finds: the stories of the documents holding its
/// words, of the documents naming an entity one of whose spellings holds them, and the
/// stories with such an entity as an actor.
fn stories_found(
    st: &State,
    s: &mut dyn marsad_store::Reader,
    all: &Stories,
    q: &str,
) -> Result<HashSet<usize>, ApiError> {
    let mut set = HashSet::new();
    for doc in s.search_docs(q, 100_000)? {
        if let Some(v) = all.by_doc.get(&doc) {
            set.extend(v.iter().copied());
        }
    }
    // A story is found by any spelling of its actors, and of the people and places its
    // documents name (كاراباخ finds the reports of «قره باغ»).
    let keys = matching_keys(st, s, q, None)?;
    for key in keys.keys().take(20) {
        for row in s.entity_documents(key, 100_000, 0)? {
            if let Some(v) = all.by_doc.get(&row.doc) {
                set.extend(v.iter().copied());
            }
        }
    }
    for key in keys.keys() {
        let Some(id) = all.index.id(index::ACTOR, key) else {
            continue;
        };
        set.extend((0..all.stories.len()).filter(|&i| all.index.has_all(i, &[(index::ACTOR, id)])));
    }
    Ok(set)
}

async fn stories(state: S, Params(p): Params<StoriesParams>) -> ApiResult {
    let (limit, offset) = page(p.limit, p.offset)?;
    let q = given(p.q);
    let sort_name = given(p.sort).unwrap_or_else(|| "rank".into());
    let Some(sort) = StorySort::parse(&sort_name) else {
        return Err(ApiError::bad_request(format!(
            "sort must be one of {} (got {sort_name:?})",
            StorySort::NAMES.join(", ")
        )));
    };
    let with_facets = match given(p.facets).as_deref() {
        None | Some("0") => false,
        Some("1") => true,
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "facets must be 0 or 1 (got {other:?})"
            )))
        }
    };
    let filter = StoryFilter {
        actor: p.actor,
        with: p.with,
        kind: p.kind,
        mode: p.mode,
        status: p.status,
        country: p.country,
        sector: p.sector,
        place: p.place,
        outlet: p.outlet,
        from: p.from,
        to: p.to,
    }
    .checked()?;
    let key = format!("{filter:?} {q:?} {sort_name} {limit} {offset} {with_facets}");
    let v = state
        .0
        .with(move |st, s| {
            st.answer(s, "stories", key, |all, s| {
                let found = q
                    .as_deref()
                    .map(|q| stories_found(st, s, all, q))
                    .transpose()?;
                let mut picked = filter.select(all, all.index.order(sort));
                if let Some(found) = &found {
                    picked.retain(|i| found.contains(i));
                }
                let labels = st.labels();
                let items: Vec<Value> = picked
                    .iter()
                    .skip(offset)
                    .take(limit)
                    .map(|&i| story_summary(labels, &all.stories[i], &all.facts[i]))
                    .collect();
                let mut v = json!({
                    "limit": limit, "offset": offset, "total": picked.len(), "sort": sort_name,
                    "items": items,
                });
                if with_facets {
                    let everything = found.is_none() && filter.is_empty();
                    v["facets"] = facets(labels, &all.index, &picked, everything);
                }
                Ok(v)
            })
        })
        .await?;
    Ok(Json(&*v).into_response())
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
            let Some(i) = n.checked_sub(1).filter(|&i| i < all.stories.len()) else {
                return Ok(None);
            };
            let story = &all.stories[i];
            let labels = st.labels();
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
                    if let Some(by) = &r.attributed_to {
                        m.insert("attributed_label".into(), labelled(labels, by));
                    }
                }
                reports.push(v);
            }
            let mut v = story_summary(labels, story, &all.facts[i]);
            v["reports"] = Value::Array(reports);
            v["actor_names"] = json!(story
                .actors
                .iter()
                .map(|a| a.key.as_ref().map(|k| labels.get(k).ar))
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

/// The actors the network shows by default: the most present under the filters.
pub const NETWORK_TOP: usize = 30;

/// The most ties drawn, the strongest first (the rest are counted in `total_edges`).
pub const NETWORK_EDGES: usize = 120;

/// The most actors the network shows at once.
pub const NETWORK_MAX: usize = 200;

/// The neighbours of an expanded actor added to the network, the strongest ties first.
pub const NETWORK_EXPAND: usize = 12;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NetworkParams {
    min: Option<usize>,
    /// How many actors, the most present first (default [`NETWORK_TOP`]).
    top: Option<usize>,
    /// Actors (`|`-separated keys) whose ties are shown too, whatever their rank.
    expand: Option<String>,
    actor: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    mode: Option<String>,
    status: Option<String>,
    country: Option<String>,
    sector: Option<String>,
    place: Option<String>,
    outlet: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

/// An edge being counted: stories, stories per type (by value id), story numbers (the
/// first 50).
#[derive(Default)]
struct Edge {
    stories: usize,
    types: Vec<(u32, usize)>,
    ids: Vec<usize>,
}

/// Who acts with whom, as much as a browser lays out at once: the `top` actors by stories
/// under the filters, the ties among them of at least `min` stories, and, for each actor in
/// `expand`, its [`NETWORK_EXPAND`] strongest ties (progressive reveal). `total_nodes` and
/// `total_edges` say how large the whole network is.
async fn network(state: S, Params(p): Params<NetworkParams>) -> ApiResult {
    let min = p.min.unwrap_or(1).max(1);
    let top = p.top.unwrap_or(NETWORK_TOP).clamp(1, NETWORK_MAX);
    let expand: Vec<String> = given(p.expand)
        .map(|e| {
            e.split('|')
                .map(|k| k.trim().to_string())
                .filter(|k| !k.is_empty())
                .collect()
        })
        .unwrap_or_default();
    if expand.len() > 20 {
        return Err(ApiError::bad_request("expand names at most 20 actors"));
    }
    let filter = StoryFilter {
        actor: p.actor,
        kind: p.kind,
        mode: p.mode,
        status: p.status,
        country: p.country,
        sector: p.sector,
        place: p.place,
        outlet: p.outlet,
        from: p.from,
        to: p.to,
        ..Default::default()
    }
    .checked()?;
    let key = format!("{filter:?} {min} {top} {expand:?}");
    let v = state
        .0
        .with(move |st, s| {
            st.answer(s, "network", key, |all, _| {
                Ok(network_graph(st.labels(), all, &filter, min, top, &expand))
            })
        })
        .await?;
    Ok(Json(&*v).into_response())
}

/// A node of the network: an actor's id in the index's `actor` facet, or a group's in its
/// `group` facet with this bit set.
const GROUP_NODE: u32 = 1 << 31;

/// The key of node `id` ([`GROUP_NODE`]).
fn node_key(ix: &StoryIndex, id: u32) -> &str {
    if id & GROUP_NODE != 0 {
        ix.value(index::GROUP, id & !GROUP_NODE)
    } else {
        ix.value(index::ACTOR, id)
    }
}

/// The node of `key`: an actor's, else a group's (`group:MIL:YEM`, or a country whose
/// officials only are described: [`index::group_key`]).
fn node_id(ix: &StoryIndex, key: &str) -> Option<u32> {
    let actor = index::group_parts(key)
        .is_none()
        .then(|| ix.id(index::ACTOR, key));
    actor
        .flatten()
        .or_else(|| ix.id(index::GROUP, key).map(|id| id | GROUP_NODE))
}

/// Every tie among the stories `filter` keeps (edge weight: the stories in which both
/// take part), and the stories of each node: the actors by key, and the actors named by
/// description aggregated by sector and country (groups, [`index::group_key`]), by their
/// nodes' ids ([`GROUP_NODE`]).
fn ties(all: &Stories, filter: &StoryFilter) -> (HashMap<(u32, u32), Edge>, HashMap<u32, usize>) {
    let ix = &all.index;
    let mut edges: HashMap<(u32, u32), Edge> = HashMap::new();
    let mut nodes: HashMap<u32, usize> = HashMap::new();
    let Some(wanted) = filter.pairs(ix) else {
        return (edges, nodes);
    };
    // Each group's node: a country's key is the country's actor node when it has one.
    let group_node: Vec<u32> = (0..ix.len(index::GROUP) as u32)
        .map(|g| node_id(ix, ix.value(index::GROUP, g)).unwrap_or(g | GROUP_NODE))
        .collect();
    let mut keys: Vec<u32> = Vec::new();
    for (i, story) in all.stories.iter().enumerate() {
        if !ix.has_all(i, &wanted) || !filter.dated_within(story) {
            continue;
        }
        keys.clear();
        let mut kind = 0;
        for &(f, id) in ix.pairs(i) {
            match f {
                index::ACTOR => keys.push(id),
                index::GROUP => keys.push(group_node[id as usize]),
                index::TYPE => kind = id,
                _ => {}
            }
        }
        keys.sort_unstable();
        keys.dedup();
        for k in &keys {
            *nodes.entry(*k).or_default() += 1;
        }
        for (n, &a) in keys.iter().enumerate() {
            for &b in &keys[n + 1..] {
                let e = edges.entry((a, b)).or_default();
                e.stories += 1;
                match e.types.iter_mut().find(|(t, _)| *t == kind) {
                    Some((_, c)) => *c += 1,
                    None => e.types.push((kind, 1)),
                }
                if e.ids.len() < 50 {
                    e.ids.push(story.story);
                }
            }
        }
    }
    (edges, nodes)
}

/// The network's answer (see [`network`]).
fn network_graph(
    labels: &Labels,
    all: &Stories,
    filter: &StoryFilter,
    min: usize,
    top: usize,
    expand: &[String],
) -> Value {
    let ix = &all.index;
    let name = |id: u32| node_key(ix, id);
    let (edges, nodes) = ties(all, filter);
    let (total_nodes, total_edges) = (nodes.len(), edges.len());
    // Each actor's ties of `min` stories or more (what a click on it may reveal); the
    // most present actors are those with one.
    let mut degree: HashMap<u32, usize> = HashMap::new();
    for (&(a, b), e) in &edges {
        if e.stories >= min {
            *degree.entry(a).or_default() += 1;
            *degree.entry(b).or_default() += 1;
        }
    }
    let by_presence =
        |a: &(u32, usize), b: &(u32, usize)| b.1.cmp(&a.1).then(name(a.0).cmp(name(b.0)));
    let mut ranked: Vec<(u32, usize)> = nodes
        .iter()
        .filter(|(k, _)| degree.contains_key(*k))
        .map(|(k, n)| (*k, *n))
        .collect();
    ranked.sort_by(by_presence);
    let mut shown: HashSet<u32> = ranked.iter().take(top).map(|(k, _)| *k).collect();
    for key in expand {
        let Some(id) = node_id(ix, key).filter(|id| nodes.contains_key(id)) else {
            continue;
        };
        let mut near: Vec<(u32, usize)> = edges
            .iter()
            .filter(|(_, e)| e.stories >= min)
            .filter_map(|(&(a, b), e)| match (a == id, b == id) {
                (true, _) => Some((b, e.stories)),
                (_, true) => Some((a, e.stories)),
                _ => None,
            })
            .collect();
        near.sort_by(by_presence);
        shown.insert(id);
        shown.extend(near.iter().take(NETWORK_EXPAND).map(|(k, _)| *k));
    }
    // Source and target in the order of their keys, as the edges' ties are broken.
    let ends = |a: u32, b: u32| {
        if name(a) <= name(b) {
            (name(a), name(b))
        } else {
            (name(b), name(a))
        }
    };
    let mut picked: Vec<((&str, &str), &Edge)> = edges
        .iter()
        .filter(|(&(a, b), e)| e.stories >= min && shown.contains(&a) && shown.contains(&b))
        .map(|(&(a, b), e)| (ends(a, b), e))
        .collect();
    picked.sort_by(|x, y| y.1.stories.cmp(&x.1.stories).then(x.0.cmp(&y.0)));
    picked.truncate(NETWORK_EDGES);
    let edges: Vec<Value> = picked
        .into_iter()
        .map(|((a, b), e)| {
            let types: BTreeMap<&str, usize> =
                e.types.iter().map(|&(t, n)| (ix.value(index::TYPE, t), n)).collect();
            json!({ "source": a, "target": b, "stories": e.stories, "types": types, "story_ids": e.ids })
        })
        .collect();
    let mut shown: Vec<(u32, usize)> = shown.into_iter().map(|k| (k, nodes[&k])).collect();
    shown.sort_by(by_presence);
    let nodes: Vec<Value> = shown
        .iter()
        .map(|&(k, n)| {
            let mut v = json!({ "key": name(k), "stories": n, "ties": degree.get(&k).copied().unwrap_or(0) });
            put_label(labels, &mut v, name(k));
            v
        })
        .collect();
    json!({
        "nodes": nodes, "edges": edges,
        "total_nodes": total_nodes, "total_edges": total_edges,
        "top": top, "min": min,
    })
}
