//! What every request passes, outermost first: the request log and security headers, then the
//! IP allow-list and per-IP rate limits, then the body size limit.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::extract::{ConnectInfo, DefaultBodyLimit, MatchedPath, Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};

use crate::ServerState;
use crate::crowd::Refusal;
use crate::limits::Class;

/// Sources are this server only: every script, style and image is embedded in the binary.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; \
                   form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

pub fn wrap(routes: Router<Arc<ServerState>>, state: Arc<ServerState>) -> Router {
    routes
        .layer(DefaultBodyLimit::max(state.options.max_body_bytes))
        .layer(middleware::from_fn_with_state(Arc::clone(&state), admit))
        .layer(middleware::from_fn(headers_and_log))
        .with_state(state)
}

/// Paths whose POSTs are sign-in attempts, limited per address on top of the account's own
/// delays and lockout.
fn is_sign_in_attempt(method: &Method, path: &str) -> bool {
    method == Method::POST
        && matches!(
            path,
            "/login"
                | "/login/second-factor"
                | "/login/recovery"
                | "/login/passkey/finish"
                | "/enrol"
                | "/enrol/authenticator/confirm"
                | "/account/passkeys/finish"
                | "/account/step-up"
                | "/account/password"
        )
}

async fn admit(State(state): State<Arc<ServerState>>, request: Request, next: Next) -> Response {
    let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(peer)| peer.ip());
    let Some(ip) = peer else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "no peer address").into_response();
    };
    if !state.options.allow.is_empty() && !state.options.allow.iter().any(|network| network.contains(&ip)) {
        state.crowd.refused(ip, Refusal::NotAllowed);
        return (StatusCode::FORBIDDEN, "This address may not use Strongroom. Ask the owner to add your network to the allow-list.")
            .into_response();
    }
    let class = if is_sign_in_attempt(request.method(), request.uri().path()) { Class::SignIn } else { Class::Any };
    let limited = !state.limiter.allow(ip, Class::Any) || (class == Class::SignIn && !state.limiter.allow(ip, Class::SignIn));
    if state.options.per_ip_limits && limited {
        state.crowd.refused(ip, Refusal::RateLimited);
        let mut response =
            (StatusCode::TOO_MANY_REQUESTS, "Too many requests from this address; wait a minute and try again.").into_response();
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
        return response;
    }
    next.run(request).await
}

async fn headers_and_log(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    // The route's pattern, never the raw path or query (which may hold a searched name).
    let route = request.extensions().get::<MatchedPath>().map_or_else(|| "(unmatched)".to_owned(), |path| path.as_str().to_owned());
    let cacheable = request.uri().path().starts_with("/assets/");
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let set = |headers: &mut axum::http::HeaderMap, name: HeaderName, value: &'static str| {
        headers.insert(name, HeaderValue::from_static(value));
    };
    set(headers, header::STRICT_TRANSPORT_SECURITY, "max-age=31536000");
    set(headers, header::CONTENT_SECURITY_POLICY, CSP);
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::REFERRER_POLICY, "no-referrer");
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    set(headers, HeaderName::from_static("cross-origin-opener-policy"), "same-origin");
    set(headers, HeaderName::from_static("cross-origin-resource-policy"), "same-origin");
    set(headers, HeaderName::from_static("permissions-policy"), "camera=(), microphone=(), geolocation=(), payment=()");
    set(headers, header::CACHE_CONTROL, if cacheable { "public, max-age=86400" } else { "no-store" });
    tracing::info!(%method, route, status = response.status().as_u16(), ms = started.elapsed().as_millis() as u64, "request");
    response
}
