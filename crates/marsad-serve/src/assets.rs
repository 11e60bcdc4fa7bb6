//! The web UI: plain HTML, CSS and JavaScript files under `assets/`, embedded in the
//! binary with `include_str!`. They are served from a fixed map of names: a request for
//! anything else (`/../Cargo.toml`, `/assets/%2e%2e/x`) is a 404, and nothing is ever read
//! from the file system.

use std::sync::Arc;

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::{ApiError, State};

/// The embedded files: name (under `/assets/`), content type, content.
pub const FILES: &[(&str, &str, &str)] = &[
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_str!("../assets/app.js"),
    ),
    (
        "app.css",
        "text/css; charset=utf-8",
        include_str!("../assets/app.css"),
    ),
    (
        "cytoscape.min.js",
        "text/javascript; charset=utf-8",
        include_str!("../assets/cytoscape.min.js"),
    ),
];

/// The one HTML page (every UI view is a `#/…` route inside it).
pub const INDEX: &str = include_str!("../assets/index.html");

/// The routes of the UI.
pub fn routes() -> Router<Arc<State>> {
    Router::new()
        .route("/", get(index))
        .route("/index.html", get(index))
        .route("/assets/{name}", get(asset))
}

async fn index() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        INDEX,
    )
        .into_response()
}

async fn asset(Path(name): Path<String>) -> Response {
    match FILES.iter().find(|(n, _, _)| *n == name) {
        Some((_, kind, body)) => (
            [
                (header::CONTENT_TYPE, *kind),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            *body,
        )
            .into_response(),
        None => ApiError::not_found("no such asset").into_response(),
    }
}
