//! The pages: what every page shares (cookies, the session, CSRF, errors, the layout) and the
//! routes. Everything personal is decided in `app`; this module turns forms into calls and
//! results into HTML.

mod account;
pub mod customers;
pub mod i18n;
mod import;
mod passkeys;
mod signin;
mod staff;
mod workshop;

pub use import::ImportJobs;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use maud::{DOCTYPE, Markup, html};
use strongroom_app::{AppError, ClientInfo, SessionStage, SignedIn};
use strongroom_domain::Permission;
use zeroize::Zeroizing;

use self::i18n::{T, tr};
use crate::ServerState;
use crate::state::Busy;

/// The session cookie: `__Host-` makes browsers insist on Secure, no Domain and Path=/.
pub const SESSION_COOKIE: &str = "__Host-strongroom";
/// A random value set before sign-in, which the sign-in forms' CSRF tokens are bound to.
pub const PRE_COOKIE: &str = "__Host-strongroom-pre";

pub fn routes() -> Router<Arc<ServerState>> {
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route(
            "/assets/app.css",
            get(|| async { ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], include_str!("../../assets/app.css")) }),
        )
        .route(
            "/assets/app.js",
            get(|| async { ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], include_str!("../../assets/app.js")) }),
        )
        .merge(signin::routes())
        .merge(account::routes())
        .merge(staff::routes())
        .merge(customers::routes())
        .merge(workshop::routes())
        .merge(import::routes())
        .merge(crate::api::routes())
        .merge(passkeys::routes())
        .fallback(|| async { PageError::NotFound })
}

/// The value of one cookie of a request.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<Zeroizing<String>> {
    headers.get_all(header::COOKIE).iter().filter_map(|value| value.to_str().ok()).flat_map(|value| value.split(';')).find_map(|pair| {
        let (key, value) = pair.trim().split_once('=')?;
        (key == name).then(|| Zeroizing::new(value.to_owned()))
    })
}

/// A `Set-Cookie` value: Secure, HttpOnly, SameSite=Strict, whole site; `None` deletes it.
pub fn set_cookie(name: &str, value: Option<&str>) -> HeaderValue {
    let text = match value {
        Some(value) => format!("{name}={value}; Path=/; Secure; HttpOnly; SameSite=Strict"),
        None => format!("{name}=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0"),
    };
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static("invalid=; Max-Age=0"))
}

/// Where a request came from, for the audit trail.
pub fn client(parts_or_peer: Option<SocketAddr>) -> ClientInfo {
    ClientInfo { addr: parts_or_peer.map(|peer| peer.ip().to_string()) }
}

/// The signed-in session of a request, at whatever stage of signing in.
#[derive(Debug)]
pub struct Session {
    pub token: Zeroizing<String>,
    pub signed_in: SignedIn,
    /// The CSRF token every form of this session carries.
    pub csrf: String,
    pub client: ClientInfo,
}

impl FromRequestParts<Arc<ServerState>> for Session {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &Arc<ServerState>) -> Result<Session, PageError> {
        let token = cookie(&parts.headers, SESSION_COOKIE).ok_or(PageError::NotSignedIn)?;
        let lookup = token.clone();
        let signed_in = state.run(move |vault| vault.session(&lookup)).await?;
        let csrf = state.csrf_token(signed_in.session_hash());
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(peer)| *peer);
        Ok(Session { token, signed_in, csrf, client: client(peer) })
    }
}

impl Session {
    /// Refuses a state-changing request whose form does not carry this session's CSRF token.
    pub fn check_csrf(&self, state: &ServerState, token: &str) -> Result<(), PageError> {
        if state.csrf_valid(self.signed_in.session_hash(), token) { Ok(()) } else { Err(PageError::Csrf) }
    }
}

/// A session that has done every sign-in step: only these reach the shop's pages.
#[derive(Debug)]
pub struct Ready(pub Session);

impl FromRequestParts<Arc<ServerState>> for Ready {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &Arc<ServerState>) -> Result<Ready, PageError> {
        let session = Session::from_request_parts(parts, state).await?;
        match session.signed_in.stage() {
            SessionStage::Ready => Ok(Ready(session)),
            stage => Err(PageError::Stage(stage)),
        }
    }
}

/// Where a session at `stage` goes next.
pub fn stage_page(stage: SessionStage) -> &'static str {
    match stage {
        SessionStage::SecondFactor => "/login/second-factor",
        SessionStage::EnrolSecondFactor => "/enrol/authenticator",
        SessionStage::ChangePassword => "/account/password",
        SessionStage::Ready => "/",
    }
}

/// What a page can fail with, and the response each gets.
#[derive(Debug)]
pub enum PageError {
    NotSignedIn,
    Stage(SessionStage),
    StepUp(&'static str),
    Denied(String),
    NotFound,
    BadRequest(String),
    Csrf,
    Busy,
    Internal(String),
}

impl From<AppError> for PageError {
    fn from(error: AppError) -> PageError {
        match error {
            AppError::NotSignedIn => PageError::NotSignedIn,
            AppError::SignInIncomplete(stage) => PageError::Stage(stage),
            AppError::StepUpRequired => PageError::StepUp("/"),
            AppError::Denied { .. } => PageError::Denied(error.to_string()),
            AppError::NotFound(_) => PageError::NotFound,
            AppError::Invalid(_)
            | AppError::PasswordRejected(_)
            | AppError::Conflict(_)
            | AppError::SignInRefused
            | AppError::EnrolmentRefused
            | AppError::SecondFactorRefused
            | AppError::WrongPassword => PageError::BadRequest(error.to_string()),
            other => PageError::Internal(other.to_string()),
        }
    }
}

impl From<Busy> for PageError {
    fn from(_: Busy) -> PageError {
        PageError::Busy
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        match self {
            PageError::NotSignedIn => {
                let mut response = Redirect::to("/login").into_response();
                response.headers_mut().insert(header::SET_COOKIE, set_cookie(SESSION_COOKIE, None));
                response
            }
            PageError::Stage(stage) => Redirect::to(stage_page(stage)).into_response(),
            PageError::StepUp(next) => Redirect::to(&format!("/account/step-up?next={next}")).into_response(),
            PageError::Denied(message) => message_page(StatusCode::FORBIDDEN, "Not allowed", &message),
            PageError::NotFound => message_page(StatusCode::NOT_FOUND, "Not found", "There is nothing at this address."),
            PageError::BadRequest(message) => message_page(StatusCode::BAD_REQUEST, "That did not work", &message),
            PageError::Csrf => message_page(
                StatusCode::FORBIDDEN,
                "The form has expired",
                "Go back, reload the page and try again. (Forms only work from this Strongroom's own pages.)",
            ),
            PageError::Busy => {
                let mut response =
                    message_page(StatusCode::SERVICE_UNAVAILABLE, "Busy", "Many people are signing in at once; try again in a moment.");
                response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("2"));
                response
            }
            PageError::Internal(detail) => {
                // The detail names what failed (a store or key problem), never personal data.
                tracing::error!(detail, "request failed");
                message_page(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Something went wrong",
                    "Nothing was changed. Try again; if it keeps happening, tell the owner.",
                )
            }
        }
    }
}

fn message_page(status: StatusCode, title: &str, message: &str) -> Response {
    (status, page(title, None, html! { h1 { (title) } p { (message) } p { a href="/" { "Back to the start" } } })).into_response()
}

/// The page around every page's content: no inline script or style (the CSP forbids both).
pub fn page(title: &str, session: Option<&Session>, content: Markup) -> Html<String> {
    let language = session.map(|session| session.signed_in.language()).unwrap_or_default();
    let role = session.map(|session| session.signed_in.role());
    let allows = |permission: Permission| role.is_some_and(|role| role.allows(permission));
    let ready = session.is_some_and(|session| session.signed_in.stage() == SessionStage::Ready);
    let markup = html! {
        (DOCTYPE)
        html lang=(language.as_str()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · Strongroom" }
                link rel="stylesheet" href="/assets/app.css";
                script src="/assets/app.js" defer {}
            }
            body {
                header {
                    a.brand href="/" { "Strongroom" }
                    @if ready {
                        nav.main aria-label=(tr(language, T::MainMenu)) {
                            @if allows(Permission::CustomerRead) { a href="/customers" { (tr(language, T::Customers)) } }
                            @if allows(Permission::RepairRead) { a href="/workshop" { (tr(language, T::WorkshopBoard)) } }
                            @if allows(Permission::CustomerImport) { a href="/import" { (tr(language, T::Import)) } }
                        }
                    }
                    @if let Some(session) = session {
                        span.who { (session.signed_in.username()) " · " (session.signed_in.role().as_str().replace('_', " ")) }
                        form.inline method="post" action="/logout" {
                            input type="hidden" name="csrf" value=(session.csrf);
                            button type="submit" { (tr(language, T::SignOut)) }
                        }
                    }
                }
                main { (content) }
            }
        }
    };
    Html(markup.into_string())
}

/// An audit event's time for people: UTC, to the minute.
pub fn when(at_unix_micros: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(at_unix_micros) * 1000)
        .map(|at| format!("{:04}-{:02}-{:02} {:02}:{:02} UTC", at.year(), u8::from(at.month()), at.day(), at.hour(), at.minute()))
        .unwrap_or_default()
}

/// A form's hidden CSRF field.
pub fn csrf_field(token: &str) -> Markup {
    html! { input type="hidden" name="csrf" value=(token); }
}

/// An error message shown next to a form, announced to screen readers.
pub fn form_error(message: Option<&str>) -> Markup {
    html! {
        @if let Some(message) = message {
            p.error role="alert" { (message) }
        }
    }
}

/// Only a plain local path is a place to go next: a `/` and then letters, digits, `/ _ . -`
/// (never `//host`, `https://…`, or a tab or backslash a browser would read as one).
pub fn local_path(next: Option<&str>) -> &str {
    let plain = |path: &str| path.bytes().all(|b| b.is_ascii_alphanumeric() || b"/_.-".contains(&b));
    match next {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && path.len() < 200 && plain(path) => path,
        _ => "/",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_read_by_exact_name() {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_static("a=1; __Host-strongroom=abc; __Host-strongroom-pre=xyz"));
        assert_eq!(cookie(&headers, SESSION_COOKIE).as_deref().map(String::as_str), Some("abc"));
        assert_eq!(cookie(&headers, PRE_COOKIE).as_deref().map(String::as_str), Some("xyz"));
        assert!(cookie(&headers, "__Host").is_none());
    }

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(local_path(Some("/staff")), "/staff");
        for outside in
            ["//evil.example", "https://evil.example", "/\\evil.example", "staff", "/\t/evil.example", "/\n/evil.example", "/%2F/evil"]
        {
            assert_eq!(local_path(Some(outside)), "/", "{outside}");
        }
    }
}
