//! The analyst's desk: `marsad serve`, a read-only JSON API over the store and a web UI
//! embedded in the binary.
//!
//! * [`router`] builds the whole application (API, OpenAPI document, UI assets) over a
//!   database file; tests drive it in-process with `tower::ServiceExt::oneshot`.
//! * [`run`] binds an address (127.0.0.1 by default in the CLI) and serves it until
//!   Ctrl-C.
//!
//! Every request reads the store on tokio's blocking pool, through a pool of read-only
//! SQLite connections ([`state`]): the server never writes, and an ingest may run beside
//! it; what is computed over the whole store follows the ingest (rebuilt in the
//! background when documents are added). Requests have a body size limit ([`MAX_BODY`]) and a time limit
//! ([`TIMEOUT`]); errors are JSON `{"error": "..."}` with their status code. The UI is a
//! fixed map of embedded files ([`assets`]): a path not in the map is a 404, so no path
//! can reach the file system.
#![deny(missing_docs)]

use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

mod api;
pub mod assets;
mod error;
mod highlight;
mod index;
pub mod labels;
pub mod rank;
pub mod state;

pub use error::ApiError;
pub use state::State;

/// The largest request body accepted (the API only reads: requests carry none).
pub const MAX_BODY: usize = 16 * 1024;

/// How long a request may take before it is answered 408.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// The most rows one page of a list holds; a larger `limit` is cut to this.
pub const MAX_LIMIT: usize = 200;

/// The page size when `limit` is not given.
pub const DEFAULT_LIMIT: usize = 20;

/// The application over the store at `db` (opened read-only; it must exist).
pub fn router(db: &Path) -> anyhow::Result<Router> {
    let state = Arc::new(State::open(db)?);
    Ok(app(state))
}

/// The application over an opened [`State`].
pub fn app(state: Arc<State>) -> Router {
    Router::new()
        .nest("/api", api::routes())
        .merge(assets::routes())
        .fallback(|| async { ApiError::not_found("no such page") })
        .with_state(state)
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
            ),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(RequestBodyLimitLayer::new(MAX_BODY))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            TIMEOUT,
        ))
        .layer(axum::middleware::map_response(json_errors))
}

/// Errors made outside the handlers (405 for a method other than GET, 408 from the
/// timeout, 413 from the body limit) come without a JSON body: give them one, so every
/// error a client sees is `{"error": "..."}`.
async fn json_errors(res: Response) -> Response {
    let status = res.status();
    let is_json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return res;
    }
    let (mut parts, _) = res.into_parts();
    let message = status.canonical_reason().unwrap_or("error").to_lowercase();
    let body = serde_json::json!({ "error": message }).to_string();
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(body))
}

/// Serves a store on `addr` until Ctrl-C (or SIGTERM): a SQLite file's
/// ([`State::open`]) or any [`marsad_store::Reader`]'s ([`State::new`]: `marsad serve`
/// gives PostgreSQL's).
pub fn run(state: State, addr: SocketAddr) -> anyhow::Result<()> {
    let state = Arc::new(state);
    // Stories, spellings and counts are built while the server starts listening, not by
    // the first user's request.
    state.warm();
    let state_name = state.name().to_string();
    let app = app(state).layer(axum::middleware::from_fn_with_state(addr.ip(), check_host));
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| anyhow::anyhow!("cannot listen on {addr}: {e}"))?;
        let local = listener.local_addr()?;
        eprintln!("marsad: serving {} on http://{local}/", state_name);
        if !local.ip().is_loopback() {
            eprintln!("marsad: warning: {local} is reachable from other machines");
        }
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown())
            .await?;
        Ok(())
    })
}

/// Whether a request naming `host` (its `Host` header) may be answered by a server bound
/// to `bound`. A web page can make a browser send requests to the desk under a name of
/// its own that it resolves to 127.0.0.1 (DNS rebinding); such a request carries that
/// name. So the names answered are `localhost` and IP literals: loopback ones, the bound
/// address, or any when the server listens on every address (`0.0.0.0`, `::`), whose
/// own names are not known. A request without a `Host` (not a browser's) is answered.
pub fn host_allowed(host: Option<&str>, bound: IpAddr) -> bool {
    let Some(host) = host else { return true };
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(h, _)| h),
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    if name == "localhost" {
        return true;
    }
    match name.parse::<IpAddr>() {
        Ok(ip) => ip.is_loopback() || ip == bound || bound.is_unspecified(),
        Err(_) => false,
    }
}

/// Answers 421 to a request whose `Host` the server does not answer (see
/// [`host_allowed`]).
async fn check_host(
    axum::extract::State(bound): axum::extract::State<IpAddr>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .map(|h| h.to_str().unwrap_or("\u{fffd}"));
    if host_allowed(host, bound) {
        return next.run(req).await;
    }
    ApiError {
        status: StatusCode::MISDIRECTED_REQUEST,
        message: format!(
            "this desk answers to localhost and {bound}, not to the host {:?}",
            host.unwrap_or_default()
        ),
    }
    .into_response()
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

#[cfg(test)]
mod tests {
    use super::host_allowed;
    use std::net::IpAddr;

    #[test]
    fn only_local_names_and_the_bound_address_are_answered() {
        let local: IpAddr = "127.0.0.1".parse().unwrap();
        let lan: IpAddr = "192.0.2.7".parse().unwrap();
        let any: IpAddr = "0.0.0.0".parse().unwrap();
        for host in [
            "localhost:8080",
            "LOCALHOST",
            "127.0.0.1:8080",
            "[::1]:8080",
            "127.0.0.2",
        ] {
            assert!(host_allowed(Some(host), local), "{host}");
        }
        assert!(host_allowed(None, local));
        for host in [
            "evil.example:8080",
            "evil.example",
            "192.0.2.7:8080",
            "localhost.evil.example",
            "",
        ] {
            assert!(!host_allowed(Some(host), local), "{host}");
        }
        assert!(host_allowed(Some("192.0.2.7:8080"), lan));
        assert!(!host_allowed(Some("192.0.2.8:8080"), lan));
        assert!(host_allowed(Some("192.0.2.8:8080"), any));
        assert!(!host_allowed(Some("rebind.example:8080"), any));
    }
}
