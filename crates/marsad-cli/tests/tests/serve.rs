//! `marsad serve`'s API, driven in-process (`tower::ServiceExt::oneshot`, no network) on a
//! store ingested by the binary from `../shared/corpus/seeds` and a hostile page of our
//! own (`tests/desk/xss.jsonl`: `<script>`, `onerror=`, `javascript:` in its text, title,
//! outlet, doc and URL). Skipped (with a note) when `../shared` is absent, unless `CI` is
//! set.

use std::path::PathBuf;
use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

use crate::shared_corpus::shared;
use crate::util::{run_marsad, s, workspace_root};

/// The test store, ingested once for the whole test binary.
fn db() -> Option<&'static PathBuf> {
    static DB: OnceLock<Option<PathBuf>> = OnceLock::new();
    DB.get_or_init(|| {
        let shared = shared()?;
        let dir = std::env::temp_dir().join(format!("marsad-test-{}-serve", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let db = dir.join("desk.db");
        let seeds = shared.join("corpus/seeds");
        let meta = seeds.join("meta.tsv");
        let xss = workspace_root().join("tests/desk/xss.jsonl");
        for args in [
            vec![
                "ingest",
                s(&seeds),
                "--meta",
                s(&meta),
                "--db",
                s(&db),
                "--quiet",
            ],
            vec!["ingest", s(&xss), "--db", s(&db), "--quiet"],
        ] {
            let run = run_marsad(&dir, &args, None);
            run.assert_code(0);
        }
        Some(db)
    })
    .as_ref()
}

/// GET `uri` on a fresh router over the test store: status, content type and body.
async fn get_raw(uri: &str) -> (StatusCode, String, Vec<u8>) {
    let app = marsad_serve::router(db().unwrap()).expect("the router");
    let res = app
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let kind = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    (status, kind, body)
}

/// GET `uri` and read the JSON answer (every API answer is JSON, errors included).
async fn get(uri: &str) -> (StatusCode, Value) {
    let (status, kind, body) = get_raw(uri).await;
    assert!(kind.starts_with("application/json"), "{uri}: {kind}");
    let v: Value = serde_json::from_slice(&body)
        .unwrap_or_else(|e| panic!("{uri}: not JSON ({e}): {}", String::from_utf8_lossy(&body)));
    (status, v)
}

async fn ok(uri: &str) -> Value {
    let (status, v) = get(uri).await;
    assert_eq!(status, StatusCode::OK, "{uri}: {v}");
    v
}

/// Asserts a JSON error with `status` whose message contains `says`.
async fn fails(uri: &str, status: StatusCode, says: &str) {
    let (got, v) = get(uri).await;
    assert_eq!(got, status, "{uri}: {v}");
    let msg = v["error"].as_str().unwrap_or_else(|| panic!("{uri}: {v}"));
    assert!(msg.contains(says), "{uri}: {msg:?} does not say {says:?}");
}

fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn items(v: &Value) -> &Vec<Value> {
    v["items"].as_array().expect("items")
}

const KARABAKH: [&str; 3] = ["قرة باغ", "قره باغ", "كاراباخ"];

#[tokio::test]
async fn documents_page_and_read_back_by_id() {
    if db().is_none() {
        return;
    }
    let v = ok("/api/documents?limit=2").await;
    assert_eq!(v["total"], 6);
    assert_eq!(items(&v).len(), 2);
    let v2 = ok("/api/documents?limit=2&offset=2").await;
    assert_ne!(items(&v)[0]["doc"], items(&v2)[0]["doc"]);
    let all = ok("/api/documents?limit=100000").await;
    assert_eq!(all["limit"], marsad_serve::MAX_LIMIT, "limit is capped");
    assert_eq!(items(&all).len(), 6);
    let doc = items(&v)[0]["doc"].as_str().unwrap().to_string();
    let rec = ok(&format!("/api/documents/{}", enc(&doc))).await;
    assert_eq!(rec["doc"], doc.as_str());
    assert!(rec["text"].as_str().unwrap().len() > 100);
    assert!(
        rec["entities"].as_array().unwrap().len() > 3,
        "the SCHEMA.md record"
    );
    fails(
        "/api/documents/no-such-doc",
        StatusCode::NOT_FOUND,
        "no document",
    )
    .await;
    fails("/api/documents?limit=0", StatusCode::BAD_REQUEST, "limit").await;
    fails("/api/documents?limit=x", StatusCode::BAD_REQUEST, "limit").await;
    fails(
        "/api/documents?offset=-1",
        StatusCode::BAD_REQUEST,
        "offset",
    )
    .await;
    fails(
        "/api/documents?offset=99999999",
        StatusCode::BAD_REQUEST,
        "offset",
    )
    .await;
    fails(
        "/api/documents?colour=red",
        StatusCode::BAD_REQUEST,
        "colour",
    )
    .await;
    let stats = ok("/api/stats").await;
    assert_eq!(stats["documents"], 6);
}

#[tokio::test]
async fn search_is_folded_and_highlighted() {
    if db().is_none() {
        return;
    }
    for q in ["قرة باغ", "قره باغ"] {
        let v = ok(&format!("/api/search?q={}", enc(q))).await;
        let hits = items(&v);
        assert!(hits.len() >= 4, "{q}: {v}");
        for h in hits {
            let marked: Vec<&str> = h["highlights"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|p| p["hit"] == true)
                .map(|p| p["text"].as_str().unwrap())
                .collect();
            assert!(
                marked.iter().any(|m| m.starts_with("قر")),
                "{q}: {marked:?}"
            );
        }
    }
    let one = ok(&format!(
        "/api/search?q={}&limit=1&offset=1",
        enc("قرة باغ")
    ))
    .await;
    assert_eq!(items(&one).len(), 1);
    fails("/api/search", StatusCode::BAD_REQUEST, "q").await;
    fails("/api/search?q=%20", StatusCode::BAD_REQUEST, "q").await;
    fails("/api/search?q=%3F%21", StatusCode::BAD_REQUEST, "no word").await;
    fails(
        &format!("/api/search?q={}", "a".repeat(300)),
        StatusCode::BAD_REQUEST,
        "longer",
    )
    .await;
    // FTS5 syntax is searched as words, never an error.
    ok("/api/search?q=NEAR%28%22x%22%20*%29").await;
}

#[tokio::test]
async fn entities_are_found_by_any_spelling() {
    if db().is_none() {
        return;
    }
    for q in KARABAKH.iter().chain(&["Karabakh"]) {
        let v = ok(&format!("/api/entities?q={}", enc(q))).await;
        assert!(
            items(&v).iter().any(|e| e["key"] == "Nagorno-Karabakh"),
            "{q}: {v}"
        );
    }
    let putin = ok(&format!("/api/entities?q={}&type=PER", enc("بوتين"))).await;
    assert_eq!(items(&putin)[0]["key"], "Vladimir Putin");
    let top = ok("/api/entities?limit=3").await;
    assert_eq!(items(&top).len(), 3);
    fails("/api/entities?type=XYZ", StatusCode::BAD_REQUEST, "type").await;

    let e = ok(&format!("/api/entities/{}", enc("Vladimir Putin"))).await;
    assert_eq!(e["type"], "PER");
    assert!(e["events"].as_u64().unwrap() >= 5, "{e}");
    let counterparts = e["counterparts"].as_array().unwrap();
    assert!(counterparts.iter().any(|c| c["key"] == "Ilham Aliyev"));
    assert!(!e["events_by_month"].as_array().unwrap().is_empty());
    assert!(
        e["offices"].as_array().unwrap().len() >= 2,
        "{}",
        e["offices"]
    );
    assert!(e["names"].as_array().unwrap().iter().any(|n| n == "بوتين"));
    fails("/api/entities/Atlantis", StatusCode::NOT_FOUND, "no entity").await;
}

#[tokio::test]
async fn events_filter_and_page() {
    if db().is_none() {
        return;
    }
    let all = ok("/api/events?limit=200&min_confidence=0").await;
    let total = all["total"].as_u64().unwrap();
    assert!(total >= 20, "{total}");
    // By default the trusted events only (marsad_schema::TRUSTED_CONFIDENCE).
    let trusted = ok("/api/events?limit=200").await;
    assert!(trusted["total"].as_u64().unwrap() < total);
    for e in items(&trusted) {
        assert!(e["confidence"].as_f64().unwrap() >= 0.695, "{e}");
    }
    fails(
        "/api/events?min_confidence=2",
        StatusCode::BAD_REQUEST,
        "min_confidence",
    )
    .await;
    assert_eq!(items(&all).len() as u64, total);
    let dates: Vec<String> = items(&all)
        .iter()
        .map(|e| {
            e["date"]
                .as_str()
                .or(e["published"].as_str())
                .unwrap_or("")
                .to_string()
        })
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "latest first");
    for e in items(&all) {
        assert!(e["id"].as_str().unwrap().contains('#'));
        assert!(!e["evidence"]["text"].as_str().unwrap().is_empty());
    }
    let pair = ok("/api/events?actor=Vladimir%20Putin&with=Ilham%20Aliyev&limit=200").await;
    assert!(pair["total"].as_u64().unwrap() >= 2);
    for e in items(&pair) {
        let keys: Vec<&str> = e["actors"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|a| a["key"].as_str())
            .collect();
        assert!(keys.contains(&"Vladimir Putin") && keys.contains(&"Ilham Aliyev"));
    }
    let consult = ok("/api/events?type=consult&mode=phone&status=occurred&limit=200").await;
    assert!(consult["total"].as_u64().unwrap() >= 1);
    for e in items(&consult) {
        assert_eq!(
            (e["type"].as_str(), e["mode"].as_str()),
            (Some("CONSULT"), Some("phone"))
        );
    }
    let sept = ok("/api/events?from=2023-09&to=2023-09&limit=200").await;
    for e in items(&sept) {
        let d = e["date"].as_str().or(e["published"].as_str()).unwrap();
        assert!(d.starts_with("2023-09"), "{d}");
    }
    let text = ok(&format!("/api/events?q={}&limit=200", enc("قرة باغ"))).await;
    assert!(text["total"].as_u64().unwrap() >= 1);
    let by_country = ok("/api/events?country=irn&limit=200").await;
    assert!(by_country["total"].as_u64().unwrap() >= 1);
    let none = ok("/api/events?outlet=nobody").await;
    assert_eq!(none["total"], 0);
    let paged = ok("/api/events?limit=2&offset=1&min_confidence=0").await;
    assert_eq!(items(&paged)[0]["id"], items(&all)[1]["id"]);
    fails(
        "/api/events?from=2023-13-99x",
        StatusCode::BAD_REQUEST,
        "from",
    )
    .await;
    fails("/api/events?to=yesterday", StatusCode::BAD_REQUEST, "to").await;
    fails(
        "/api/events?from=2024&to=2023",
        StatusCode::BAD_REQUEST,
        "after",
    )
    .await;
    fails(
        "/api/events?status=maybe",
        StatusCode::BAD_REQUEST,
        "status",
    )
    .await;
    fails("/api/events?type=a;drop", StatusCode::BAD_REQUEST, "type").await;
    // Issue 16: an unknown enumerated value is a 400, not an empty 200.
    for url in [
        "/api/events?type=NOPE",
        "/api/events/export?type=NOPE",
        "/api/stories?type=NOPE",
    ] {
        fails(url, StatusCode::BAD_REQUEST, "type").await;
    }
    fails("/api/events?mode=nope", StatusCode::BAD_REQUEST, "mode").await;
    fails("/api/events?status=NOPE", StatusCode::BAD_REQUEST, "status").await;
    fails("/api/events?actors=x", StatusCode::BAD_REQUEST, "actors").await;
}

#[tokio::test]
async fn stories_are_found_by_any_spelling_with_their_evidence() {
    if db().is_none() {
        return;
    }
    let all = ok("/api/stories?limit=200").await;
    assert!(all["total"].as_u64().unwrap() >= 10);
    for q in KARABAKH {
        let v = ok(&format!("/api/stories?q={}", enc(q))).await;
        assert!(v["total"].as_u64().unwrap() >= 3, "{q}: {v}");
    }
    // The Putin–Raisi call, opened with its evidence in the cleaned text.
    let raisi = ok("/api/stories?actor=Ebrahim%20Raisi").await;
    let n = items(&raisi)[0]["story"].as_u64().unwrap();
    let story = ok(&format!("/api/stories/{n}")).await;
    assert_eq!(story["type"], "CONSULT");
    assert_eq!(story["mode"], "phone");
    for r in story["reports"].as_array().unwrap() {
        let text: Vec<char> = r["text"].as_str().unwrap().chars().collect();
        let (a, b) = (
            r["evidence"]["start"].as_u64().unwrap() as usize,
            r["evidence"]["end"].as_u64().unwrap() as usize,
        );
        let span: String = text[a..b].iter().collect();
        assert_eq!(span, r["evidence"]["text"].as_str().unwrap());
        assert!(span.contains("رئيسي"), "{span}");
    }
    fails("/api/stories/0", StatusCode::NOT_FOUND, "no story").await;
    fails("/api/stories/99999", StatusCode::NOT_FOUND, "no story").await;
    fails("/api/stories/abc", StatusCode::BAD_REQUEST, "number").await;
    fails("/api/stories?limit=-3", StatusCode::BAD_REQUEST, "limit").await;
    let net = ok("/api/network").await;
    let edge = net["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["source"] == "Ilham Aliyev" && e["target"] == "Vladimir Putin")
        .expect("Putin–Aliyev");
    assert!(edge["stories"].as_u64().unwrap() >= 2, "{edge}");
    let pair = ok("/api/stories?actor=Vladimir%20Putin&with=Ilham%20Aliyev&limit=200").await;
    assert_eq!(
        pair["total"], edge["stories"],
        "an edge's weight is its stories"
    );
    fails("/api/network?min=x", StatusCode::BAD_REQUEST, "min").await;
    // Issue 20: labels, ranking, counts per filter value, a bounded network, the chart.
    let putin = net["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["key"] == "Vladimir Putin")
        .expect("Putin in the network");
    assert_eq!(putin["label_ar"], "فلاديمير بوتين");
    assert_eq!(putin["label_en"], "Vladimir Putin");
    let l = ok("/api/labels?key=Ebrahim%20Raisi").await;
    assert_eq!(
        (l["label_ar"].as_str(), l["known"].as_bool()),
        (Some("إبراهيم رئيسي"), Some(true))
    );
    let actor = &items(&raisi)[0]["actors"][0];
    assert!(
        actor["label_ar"].as_str().is_some_and(|s| !s.is_empty()),
        "{actor}"
    );
    let ranked = ok("/api/stories?limit=200&facets=1").await;
    assert_eq!(ranked["sort"], "rank");
    assert_eq!(ranked["total"], all["total"]);
    let types = ranked["facets"]["type"].as_array().unwrap();
    let consult = types.iter().find(|t| t["value"] == "CONSULT").unwrap();
    let only = ok("/api/stories?type=CONSULT&limit=1").await;
    assert_eq!(only["total"], consult["count"]);
    for sort in ["recent", "articles", "first"] {
        let v = ok(&format!("/api/stories?sort={sort}&limit=200")).await;
        assert_eq!(v["total"], all["total"], "{sort}");
    }
    fails("/api/stories?sort=loud", StatusCode::BAD_REQUEST, "sort").await;
    fails(
        "/api/stories?status=maybe",
        StatusCode::BAD_REQUEST,
        "status",
    )
    .await;
    fails("/api/stories?from=July", StatusCode::BAD_REQUEST, "from").await;
    let top = ok("/api/network?top=1").await;
    assert!(top["nodes"].as_array().unwrap().len() <= 1);
    let more = ok("/api/network?top=1&expand=Ilham%20Aliyev").await;
    assert!(more["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["key"] == "Vladimir Putin"));
    let days = ok("/api/events/days?actor=Vladimir%20Putin").await;
    let n: u64 = days["types"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["count"].as_u64().unwrap())
        .sum();
    assert!(n >= 1, "{days}");
    fails(
        "/api/events/days?limit=3",
        StatusCode::BAD_REQUEST,
        "filters",
    )
    .await;
    fails(
        "/api/events?sector=M%3BL",
        StatusCode::BAD_REQUEST,
        "sector",
    )
    .await;
}

/// The timeline's counts per filter value are the timeline's: under each filter, every
/// value's count is `/api/events`' total with that value added (a type, a mode, a status,
/// an actor's country, an outlet, a place), and types and statuses add up to the total.
#[tokio::test]
async fn the_timeline_counts_what_each_filter_value_leaves() {
    if db().is_none() {
        return;
    }
    for filter in [
        String::new(),
        "min_confidence=0".to_string(),
        format!("actor={}", enc("Vladimir Putin")),
        "country=AZE&min_confidence=0".to_string(),
        "from=2099".to_string(),
    ] {
        let facets = ok(&format!("/api/events/facets?{filter}")).await;
        let total = ok(&format!("/api/events?limit=1&{filter}")).await["total"]
            .as_u64()
            .unwrap();
        for (facet, param) in [
            ("type", "type"),
            ("mode", "mode"),
            ("status", "status"),
            ("country", "country"),
            ("outlet", "outlet"),
            ("place", "place"),
        ] {
            let values = facets[facet]
                .as_array()
                .unwrap_or_else(|| panic!("{facets}"));
            // (A facet the filter already sets counts within its value: not a query of
            // the timeline, which takes one value a filter.)
            let set = filter
                .split('&')
                .any(|f| f.starts_with(&format!("{param}=")));
            for v in values.iter().filter(|_| !set) {
                let value = v["value"].as_str().unwrap();
                let n = ok(&format!(
                    "/api/events?limit=1&{filter}&{param}={}",
                    enc(value)
                ))
                .await;
                assert_eq!(v["count"], n["total"], "{filter}: {facet}={value}");
                if matches!(facet, "country" | "place") {
                    assert!(v["label_ar"].is_string(), "{v}");
                }
            }
            if matches!(facet, "type" | "status") {
                let sum: u64 = values.iter().map(|v| v["count"].as_u64().unwrap()).sum();
                assert_eq!(sum, total, "{filter}: {facet}");
            }
        }
        if filter.is_empty() {
            assert!(total > 0 && !facets["country"].as_array().unwrap().is_empty());
        }
    }
    fails(
        "/api/events/facets?limit=3",
        StatusCode::BAD_REQUEST,
        "filters",
    )
    .await;
    fails(
        "/api/events/facets?type=PARTY",
        StatusCode::BAD_REQUEST,
        "type",
    )
    .await;
}

/// The map's counts are the timeline's: for each filter, `total` is `/api/events`' total,
/// the places and the events without one add up to it, every place's count is the
/// timeline's with `place=` that key, and each country counts the events of its places.
#[tokio::test]
async fn the_map_counts_what_the_timeline_counts() {
    if db().is_none() {
        return;
    }
    let putin_aliyev = format!(
        "actor={}&with={}",
        enc("Vladimir Putin"),
        enc("Ilham Aliyev")
    );
    for filter in [
        String::new(),
        "min_confidence=0".to_string(),
        putin_aliyev.clone(),
        "type=ASSAULT&min_confidence=0".to_string(),
        format!("q={}&min_confidence=0", enc("باكو")),
        "from=2099".to_string(),
    ] {
        let map = ok(&format!("/api/map?{filter}")).await;
        let timeline = ok(&format!("/api/events?limit=1&{filter}")).await;
        assert_eq!(map["total"], timeline["total"], "{filter}: {map}");
        let places = map["places"].as_array().unwrap();
        let placed: u64 = places.iter().map(|p| p["count"].as_u64().unwrap()).sum();
        assert_eq!(map["placed"].as_u64(), Some(placed), "{filter}");
        assert_eq!(
            placed + map["unplaced"].as_u64().unwrap(),
            map["total"].as_u64().unwrap(),
            "{filter}"
        );
        for p in places {
            let key = p["key"].as_str().unwrap();
            let at = ok(&format!("/api/events?limit=1&{filter}&place={}", enc(key))).await;
            assert_eq!(p["count"], at["total"], "{filter}: {key}");
            assert!(p["label_ar"].is_string(), "{p}");
        }
        for c in map["countries"].as_array().unwrap() {
            let in_it: u64 = places
                .iter()
                .filter(|p| p["country"] == c["key"])
                .map(|p| p["count"].as_u64().unwrap())
                .sum();
            assert_eq!(c["count"].as_u64(), Some(in_it), "{filter}: {c}");
        }
    }
    // Baku holds the Putin–Aliyev events placed there, with its coordinates.
    let map = ok(&format!("/api/map?{putin_aliyev}")).await;
    let baku = map["places"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["key"] == "Baku")
        .unwrap_or_else(|| panic!("no Baku: {map}"));
    assert_eq!(baku["country"], "AZE");
    assert_eq!(baku["precision"], "city");
    assert!(
        (baku["lat"].as_f64().unwrap() - 40.38).abs() < 0.1,
        "{baku}"
    );
    assert!(baku["count"].as_u64().unwrap() >= 1);
    let aze = map["countries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"] == "AZE")
        .unwrap_or_else(|| panic!("no AZE: {map}"));
    assert!(aze["count"].as_u64() >= baku["count"].as_u64());
    fails("/api/map?limit=3", StatusCode::BAD_REQUEST, "filters").await;
    fails("/api/map?type=PARTY", StatusCode::BAD_REQUEST, "type").await;
    fails("/api/map?status=maybe", StatusCode::BAD_REQUEST, "status").await;
    fails("/api/map?zoom=3", StatusCode::BAD_REQUEST, "zoom").await;
}

#[tokio::test]
async fn openapi_documents_every_endpoint() {
    if db().is_none() {
        return;
    }
    let doc = ok("/api/openapi.json").await;
    assert_eq!(doc["openapi"].as_str().unwrap().chars().next(), Some('3'));
    let paths = doc["paths"].as_object().unwrap();
    for p in [
        "/api/openapi.json",
        "/api/stats",
        "/api/documents",
        "/api/documents/{id}",
        "/api/search",
        "/api/entities",
        "/api/entities/{key}",
        "/api/events",
        "/api/stories",
        "/api/stories/{n}",
        "/api/network",
        "/api/events/days",
        "/api/events/facets",
        "/api/map",
        "/api/labels",
        "/api/events/export",
    ] {
        assert!(paths.contains_key(p), "{p} is not documented");
    }
    fails("/api/nothing", StatusCode::NOT_FOUND, "no such endpoint").await;
}

#[tokio::test]
async fn assets_are_a_fixed_map() {
    if db().is_none() {
        return;
    }
    let (status, kind, body) = get_raw("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(kind.starts_with("text/html"));
    let html = String::from_utf8(body).unwrap();
    assert!(html.contains("dir=\"rtl\"") && html.contains("lang=\"ar\""));
    for name in [
        "app.js",
        "app.css",
        "cytoscape.min.js",
        "map.js",
        "topojson-client.min.js",
        "countries-50m.json",
        "country-codes.json",
    ] {
        let (status, _, body) = get_raw(&format!("/assets/{name}")).await;
        assert_eq!(status, StatusCode::OK, "{name}");
        assert!(!body.is_empty());
    }
    // The map's outlines are keyed by ISO numeric codes, its counts by alpha-3.
    let (_, _, codes) = get_raw("/assets/country-codes.json").await;
    let codes: Value = serde_json::from_slice(&codes).unwrap();
    assert_eq!(codes["codes"]["031"], "AZE");
    for bad in [
        "/assets/..%2FCargo.toml",
        "/assets/../Cargo.toml",
        "/assets/%2e%2e/%2e%2e/Cargo.toml",
        "/assets/",
        "/assets/app.js/x",
        "/../../etc/passwd",
        "/Cargo.toml",
        "/src/lib.rs",
    ] {
        let (status, _, _) = get_raw(bad).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{bad}");
    }
}

#[tokio::test]
async fn a_hostile_page_is_data_and_the_ui_never_makes_markup_of_it() {
    if db().is_none() {
        return;
    }
    let v = ok(&format!("/api/search?q={}", enc("مواصلة الاتصالات"))).await;
    let hit = &items(&v)[0];
    let doc = hit["doc"].as_str().unwrap();
    assert!(doc.starts_with("xss-<img"), "{doc}");
    let rec = ok(&format!("/api/documents/{}", enc(doc))).await;
    let text = rec["text"].as_str().unwrap();
    assert!(
        text.contains("<script>window.__xss=4</script>"),
        "kept as data: {text}"
    );
    assert!(rec["outlet"].as_str().unwrap().contains("onmouseover"));
    // The story of the call carries it too, as JSON strings.
    let st = ok("/api/stories?q=%D9%85%D9%88%D8%A7%D8%B5%D9%84%D8%A9").await;
    assert!(st["total"].as_u64().unwrap() >= 1, "{st}");

    // The page forbids inline script and handlers: even markup that slipped through
    // would not run.
    let app = marsad_serve::router(db().unwrap()).unwrap();
    let res = app
        .oneshot(Request::get("/").body(Body::empty()).unwrap())
        .await
        .unwrap();
    let csp = res.headers()["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"));
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");

    // The UI's scripts (ours: the vendored ones are not read) insert data with
    // textContent only: no HTML parsing sink at all.
    let (_, _, js) = get_raw("/assets/app.js").await;
    let (_, _, map_js) = get_raw("/assets/map.js").await;
    let map_js = String::from_utf8(map_js).unwrap();
    let js = String::from_utf8(js).unwrap();
    for sink in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "new Function",
        "setAttribute('on",
        "srcdoc",
    ] {
        assert!(!js.contains(sink), "app.js uses {sink}");
        assert!(!map_js.contains(sink), "map.js uses {sink}");
    }
    assert!(js.contains("textContent"));
    let (_, _, html) = get_raw("/").await;
    let html = String::from_utf8(html).unwrap();
    assert!(!html.contains("<script>"), "no inline script in index.html");
    let handler = html.split(" on").skip(1).any(|rest| {
        let name: String = rest.chars().take_while(char::is_ascii_lowercase).collect();
        !name.is_empty() && rest[name.len()..].starts_with('=')
    });
    assert!(!handler, "no inline handler in index.html");
}

#[tokio::test]
async fn the_api_only_reads_and_limits_bodies() {
    if db().is_none() {
        return;
    }
    let app = marsad_serve::router(db().unwrap()).unwrap();
    let res = app
        .clone()
        .oneshot(
            Request::post("/api/documents")
                .body(Body::from("{}"))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    let body = res.into_body().collect().await.unwrap().to_bytes();
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert!(v["error"].as_str().unwrap().contains("method"), "{v}");
    let big = vec![b'x'; marsad_serve::MAX_BODY + 1];
    let res = app
        .oneshot(
            Request::get("/api/stats")
                .header("content-length", big.len())
                .body(Body::from(big))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let body = res.into_body().collect().await.unwrap().to_bytes();
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert!(v["error"].is_string(), "{v}");
}

/// GET `uri` on an app that lives across requests (the caches under test are its).
async fn get_on(app: &axum::Router, uri: &str) -> Value {
    let res = app
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK, "{uri}");
    let body = res.into_body().collect().await.unwrap().to_bytes();
    serde_json::from_slice(&body).unwrap()
}

#[tokio::test]
async fn a_running_server_sees_documents_ingested_after_it_started() {
    // Our own files only (no ../shared): a store with the hostile page, then the
    // multi-outlet call ingested into it while the app runs, in two batches: the second
    // has reports of the first's day and later ones, so its stories join the first's.
    let dir = std::env::temp_dir().join(format!("marsad-test-{}-refresh", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("desk.db");
    let root = workspace_root();
    let xss = root.join("tests/desk/xss.jsonl");
    let lines: Vec<String> =
        std::fs::read_to_string(root.join("tests/stories/one-call-many-outlets.jsonl"))
            .unwrap()
            .lines()
            .map(|l| format!("{l}\n"))
            .collect();
    let (call, more) = (dir.join("call.jsonl"), dir.join("more.jsonl"));
    std::fs::write(&call, [0, 1, 3].map(|i| lines[i].as_str()).concat()).unwrap();
    std::fs::write(
        &more,
        [2, 4, 5, 6, 7, 8].map(|i| lines[i].as_str()).concat(),
    )
    .unwrap();
    run_marsad(&dir, &["ingest", s(&xss), "--db", s(&db), "--quiet"], None).assert_code(0);

    let state = marsad_serve::State::open(&db)
        .unwrap()
        .refresh_every(std::time::Duration::ZERO);
    let app = marsad_serve::app(std::sync::Arc::new(state));
    let docs_before = get_on(&app, "/api/stats").await["documents"]
        .as_u64()
        .unwrap();
    let stories_before = get_on(&app, "/api/stories").await["total"]
        .as_u64()
        .unwrap();
    // Erdoğan is named by the call's reports, not by the hostile page.
    let erdogan = format!("/api/entities?q={}", enc("أردوغان"));
    let found = |v: &Value| items(v).iter().any(|e| e["key"] == "Recep Tayyip Erdoğan");
    assert!(!found(&get_on(&app, &erdogan).await));

    run_marsad(&dir, &["ingest", s(&call), "--db", s(&db), "--quiet"], None).assert_code(0);

    // The caches are rebuilt in the background and the old value served meanwhile: ask
    // until the new one is in (seconds at most on this little store).
    let start = std::time::Instant::now();
    loop {
        let docs = get_on(&app, "/api/stats").await["documents"]
            .as_u64()
            .unwrap();
        let stories = get_on(&app, "/api/stories").await["total"]
            .as_u64()
            .unwrap();
        let erdogan_found = found(&get_on(&app, &erdogan).await);
        if docs > docs_before && stories > stories_before && erdogan_found {
            break;
        }
        assert!(
            start.elapsed() < std::time::Duration::from_secs(30),
            "still old after 30 s: {docs} documents, {stories} stories, Erdoğan found: {erdogan_found}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let call = get_on(
        &app,
        &format!("/api/stories?actor={}", enc("Recep Tayyip Erdoğan")),
    )
    .await;
    assert!(call["total"].as_u64().unwrap() >= 1, "{call}");

    // The second batch joins the stories the desk keeps (issue 22: without grouping
    // every report again), and they are the stories of grouping the whole store at once.
    run_marsad(&dir, &["ingest", s(&more), "--db", s(&db), "--quiet"], None).assert_code(0);
    let whole = run_marsad(&dir, &["stories", "--db", s(&db)], None);
    whole.assert_code(0);
    let want: Vec<Value> = whole
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let reports = |v: &Value| -> Vec<(String, u64)> {
        v["reports"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let doc = r["doc"].as_str().unwrap().to_string();
                (doc, r["evidence"]["start"].as_u64().unwrap())
            })
            .collect()
    };
    let start = std::time::Instant::now();
    while get_on(&app, "/api/stories").await["total"].as_u64() != Some(want.len() as u64) {
        assert!(start.elapsed() < std::time::Duration::from_secs(30));
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let joined = want.iter().map(|w| reports(w).len()).max().unwrap();
    assert!(joined >= 4, "the call's reports make one story: {want:?}");
    for (n, w) in want.iter().enumerate() {
        let got = get_on(&app, &format!("/api/stories/{}", n + 1)).await;
        assert_eq!(reports(&got), reports(w), "story {}", n + 1);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn the_export_holds_the_whole_filtered_timeline() {
    if db().is_none() {
        return;
    }
    let all = ok("/api/events?limit=1").await;
    let total = all["total"].as_u64().unwrap() as usize;
    assert!(total > 1);
    let (status, kind, body) = get_raw("/api/events/export?format=csv").await;
    assert_eq!(status, StatusCode::OK);
    assert!(kind.starts_with("text/csv"), "{kind}");
    let csv = String::from_utf8(body).unwrap();
    let rows: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(
        rows[0],
        "id,date,published,type,mode,status,actors,outlet,attributed_to,evidence,url"
    );
    assert_eq!(rows.len() - 1, total, "every event, not one page");
    // The same order as the timeline: its first event first.
    let first_id = all["items"][0]["id"].as_str().unwrap();
    assert!(rows[1].starts_with(first_id) || rows[1].starts_with(&format!("\"{first_id}")));

    let pair = "actor=Vladimir%20Putin&with=Ilham%20Aliyev";
    let want = ok(&format!("/api/events?{pair}&limit=200")).await;
    let (status, kind, body) = get_raw(&format!("/api/events/export?format=jsonl&{pair}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(kind.starts_with("application/x-ndjson"), "{kind}");
    let lines: Vec<Value> = String::from_utf8(body)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        &lines,
        items(&want),
        "the JSON Lines are the timeline's events"
    );

    let (_, _, body) = get_raw("/api/events/export?format=jsonl&limit=3").await;
    assert_eq!(String::from_utf8(body).unwrap().lines().count(), 3);
    fails(
        "/api/events/export?format=xml",
        StatusCode::BAD_REQUEST,
        "format",
    )
    .await;
    fails(
        "/api/events/export?offset=50",
        StatusCode::BAD_REQUEST,
        "offset",
    )
    .await;
    fails(
        "/api/events/export?status=maybe",
        StatusCode::BAD_REQUEST,
        "status",
    )
    .await;
    fails("/api/events?format=csv", StatusCode::BAD_REQUEST, "export").await;
}
