//! The pages: what every page shares (cookies, the session, CSRF, errors, the layout) and the
//! routes. Everything personal is decided in `app`; this module turns forms into calls and
//! results into HTML.

mod account;
mod assessment;
mod audit_words;
mod audits;
mod backup_settings;
mod backups;
pub use audits::{CHECKPOINT_BEGIN, CHECKPOINT_END, audit_report_document};
pub use backups::recovery_kit_document;
pub use export::customer_export_document;
pub use ropa::ropa_document;
pub mod customers;
mod desk;
mod devices;
mod erasure;
mod erasure_words;
mod evidence;
mod export;
mod file_form;
mod form;
pub mod i18n;
mod import;
mod incidents;
mod mail;
mod news;
mod notice;
mod parts;
mod requests;
mod review;
mod risks;
mod ropa;
mod ropa_words;

pub use parts::{
    moment as shop_moment, set_shop_zone, shop_local_input, today as shop_today, today_start as shop_today_start,
    trail_windows as shop_trail_windows,
};
mod passkeys;
mod secrets;
mod security_settings;
mod signin;
mod staff;
mod trail_stats;
mod training;
mod upload;
mod workshop;

pub use form::Form;
pub use upload::remove_stale_uploads;

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
use strongroom_domain::{Language, Permission};
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
        .merge(backups::routes())
        .merge(backup_settings::routes())
        .merge(requests::routes())
        .merge(export::routes())
        .merge(erasure::routes())
        .merge(ropa::routes())
        .merge(review::routes())
        .merge(notice::routes())
        .merge(desk::routes())
        .merge(devices::routes())
        .merge(risks::routes())
        .merge(assessment::routes())
        .merge(audits::routes())
        .merge(news::routes())
        .merge(secrets::routes())
        .merge(training::routes())
        .merge(customers::routes())
        .merge(workshop::routes())
        .merge(import::routes())
        .merge(incidents::routes())
        .merge(mail::routes())
        .merge(passkeys::routes())
        .fallback(|| async { PageError::NotFound })
        .layer(axum::middleware::from_fn(localize))
}

/// Cookie of the language last chosen in this browser, so pages shown before sign-in and error
/// pages (which have no session to ask) speak it too. Not a secret.
pub const LANGUAGE_COOKIE: &str = "__Host-strongroom-lang";

tokio::task_local! {
    /// The language of the request being served, for pages that have no session to ask.
    static LANGUAGE: Language;
}

/// A page without a session in `language` (a drill's teaching page, in the person's language
/// whatever the browser prefers).
pub(crate) fn page_in(language: Language, title: &str, content: Markup) -> Html<String> {
    LANGUAGE.sync_scope(language, || page(title, None, content))
}

/// The language of pages without a session: the browser's last choice, else its preference.
async fn localize(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let headers = request.headers();
    let chosen = cookie(headers, LANGUAGE_COOKIE).and_then(|text| Language::parse(&text).ok());
    // The first language the browser names that we have; English otherwise.
    let preferred = || crate::state::accepted_language(headers);
    let language = chosen.unwrap_or_else(preferred);
    LANGUAGE.scope(language, next.run(request)).await
}

/// The language for a page: the signed-in person's choice, else the browser's.
pub fn language_of(session: Option<&Session>) -> Language {
    session.map(|session| session.signed_in.language()).unwrap_or_else(|| LANGUAGE.try_with(|language| *language).unwrap_or_default())
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

/// Sets the cookie of a session that was just begun or given a new id.
pub fn with_cookie(mut response: Response, session: &strongroom_app::NewSession) -> Response {
    response.headers_mut().insert(header::SET_COOKIE, set_cookie(SESSION_COOKIE, Some(session.token.as_str())));
    response
}

pub use crate::state::client;

/// The signed-in session of a request, at whatever stage of signing in.
#[derive(Debug)]
pub struct Session {
    pub token: Zeroizing<String>,
    pub signed_in: SignedIn,
    /// The CSRF token every form of this session carries.
    pub csrf: String,
    pub client: ClientInfo,
    /// For those who work incidents: the breaches whose authority is not told yet, for the
    /// countdown at the top of every page.
    pub breach_clocks: Vec<strongroom_app::BreachClock>,
}

impl FromRequestParts<Arc<ServerState>> for Session {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &Arc<ServerState>) -> Result<Session, PageError> {
        let token = cookie(&parts.headers, SESSION_COOKIE).ok_or(PageError::NotSignedIn)?;
        let lookup = token.clone();
        let (signed_in, breach_clocks) = state
            .run(move |vault| {
                let signed_in = vault.session(&lookup)?;
                // The countdown is a reminder: a failure to read it costs the banner, not the page.
                let clocks = match signed_in.actor() {
                    Ok(actor) => vault.breach_clocks(actor).unwrap_or_else(|error| {
                        tracing::warn!(%error, "the breach countdown could not be read");
                        Vec::new()
                    }),
                    Err(_) => Vec::new(),
                };
                Ok::<_, AppError>((signed_in, clocks))
            })
            .await?;
        let csrf = state.csrf_token(signed_in.session_hash());
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(peer)| *peer);
        Ok(Session { token, signed_in, csrf, client: client(peer), breach_clocks })
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
            SessionStage::Ready => {
                // Someone fully signed in works from this address: it keeps a connection slot
                // however many others crowd the door.
                if let Some(ConnectInfo(peer)) = parts.extensions.get::<ConnectInfo<SocketAddr>>() {
                    state.crowd.signed_in_from(peer.ip());
                }
                Ok(Ready(session))
            }
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
    StepUp(String),
    Denied(String),
    NotFound,
    BadRequest(String),
    Csrf,
    Busy,
    /// A part the request needs (the virus scanner) cannot do its work now: 503, with why.
    Unavailable(String),
    Internal(String),
}

impl From<AppError> for PageError {
    fn from(error: AppError) -> PageError {
        match error {
            AppError::NotSignedIn => PageError::NotSignedIn,
            AppError::SignInIncomplete(stage) => PageError::Stage(stage),
            AppError::StepUpRequired => PageError::StepUp("/".into()),
            AppError::Denied { .. } | AppError::Tampered(_) => PageError::Denied(error.to_string()),
            AppError::Restricted | AppError::TrainingOverdue => PageError::Denied(app_message(language_of(None), &error)),
            // An erased customer looks like a missing one.
            AppError::NotFound(_) | AppError::Shredded => PageError::NotFound,
            AppError::Invalid(_)
            | AppError::PasswordRejected(_)
            | AppError::Conflict(_)
            | AppError::SignInRefused
            | AppError::EnrolmentRefused
            | AppError::SecondFactorRefused
            | AppError::WrongPassword
            | AppError::BackupUnusable(_)
            | AppError::Infected { .. } => PageError::BadRequest(app_message(language_of(None), &error)),
            AppError::NotScanned(_) => PageError::Unavailable(app_message(language_of(None), &error)),
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
        let l = language_of(None);
        match self {
            PageError::NotSignedIn => {
                let mut response = Redirect::to("/login").into_response();
                response.headers_mut().insert(header::SET_COOKIE, set_cookie(SESSION_COOKIE, None));
                response
            }
            PageError::Stage(stage) => Redirect::to(stage_page(stage)).into_response(),
            PageError::StepUp(next) => Redirect::to(&format!("/account/step-up?next={next}")).into_response(),
            PageError::Denied(message) => message_page(StatusCode::FORBIDDEN, tr(l, T::TitleNotAllowed), &message),
            PageError::NotFound => message_page(StatusCode::NOT_FOUND, tr(l, T::TitleNotFound), tr(l, T::NothingHere)),
            PageError::BadRequest(message) => message_page(StatusCode::BAD_REQUEST, tr(l, T::TitleDidNotWork), &message),
            PageError::Csrf => message_page(StatusCode::FORBIDDEN, tr(l, T::TitleFormExpired), tr(l, T::FormExpired)),
            PageError::Busy => {
                let mut response = message_page(StatusCode::SERVICE_UNAVAILABLE, tr(l, T::TitleBusy), tr(l, T::Busy));
                response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("2"));
                response
            }
            PageError::Unavailable(message) => message_page(StatusCode::SERVICE_UNAVAILABLE, tr(l, T::TitleDidNotWork), &message),
            PageError::Internal(detail) => {
                // The detail names what failed (a store or key problem), never personal data.
                tracing::error!(detail, "request failed");
                message_page(StatusCode::INTERNAL_SERVER_ERROR, tr(l, T::TitleWentWrong), tr(l, T::WentWrong))
            }
        }
    }
}

fn message_page(status: StatusCode, title: &str, message: &str) -> Response {
    let back = tr(language_of(None), T::BackToStart);
    (status, page(title, None, html! { h1 { (title) } p { (message) } p { a href="/" { (back) } } })).into_response()
}

/// The page around every page's content: no inline script or style (the CSP forbids both).
pub fn page(title: &str, session: Option<&Session>, content: Markup) -> Html<String> {
    let language = language_of(session);
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
            // The script's few words, from the catalogue (no inline script: the CSP forbids it).
            body data-t-strength=(tr(language, T::JsStrength))
                data-t-words=(format!("{}|{}|{}|{}|{}", tr(language, T::JsVeryWeak), tr(language, T::JsWeak), tr(language, T::JsFair), tr(language, T::JsStrong), tr(language, T::JsVeryStrong)))
                data-t-recovery=(tr(language, T::JsRecoveryIntro)) data-t-kept=(tr(language, T::KeptThemSafely))
                data-t-not-added=(tr(language, T::JsPasskeyNotAdded)) data-t-failed=(tr(language, T::JsDidNotWork))
                data-t-unsupported=(tr(language, T::JsNoPasskeySupport)) {
                header {
                    a.brand href="/" { "Strongroom" }
                    @if ready {
                        nav.main aria-label=(tr(language, T::MainMenu)) {
                            @if allows(Permission::CustomerRead) { a href="/customers" { (tr(language, T::Customers)) } }
                            @if allows(Permission::RepairRead) { a href="/workshop" { (tr(language, T::WorkshopBoard)) } }
                            @if allows(Permission::CustomerImport) { a href="/import" { (tr(language, T::Import)) } }
                            @if allows(Permission::StaffManage) { a href="/staff" { (tr(language, T::StaffMenu)) } }
                            @if allows(Permission::BackupManage) { a href="/backups" { (tr(language, T::BackupsMenu)) } }
                            @if allows(Permission::SettingsManage) { a href="/settings/security" { (tr(language, T::SettingsMenu)) } }
                            @if allows(Permission::PrivacyRequests) { a href="/privacy/requests" { (requests::r(language, requests::R::Menu)) } }
                            // Those who handle requests reach it from the requests page; the auditor from here.
                            @if allows(Permission::AuditRead) && !allows(Permission::PrivacyRequests) { a href="/privacy/records" { (ropa_words::p(language, ropa_words::P::Menu)) } }
                            @if allows(Permission::SecretUse) { a href="/secrets" { (secrets::z(language, secrets::Z::Menu)) } }
                            @if allows(Permission::TrainingTake) || allows(Permission::TrainingOverview) { a href="/training" { (training::y(language, training::Y::Menu)) } }
                            @if allows(Permission::IncidentRead) { a href="/incidents" { (incidents::w(language, incidents::W::MenuIncidents)) } }
                            @if allows(Permission::IncidentReport) { a.report href="/report" { (incidents::w(language, incidents::W::MenuReport)) } }
                        }
                    }
                    @if let Some(session) = session {
                        span.who { (session.signed_in.username()) " · " (parts::role_name(language, session.signed_in.role())) }
                        form.inline method="post" action="/logout" {
                            input type="hidden" name="csrf" value=(session.csrf);
                            button type="submit" { (tr(language, T::SignOut)) }
                        }
                    }
                }
                @if let Some(session) = session.filter(|session| !session.breach_clocks.is_empty()) {
                    (incidents::breach_banner(language, &session.breach_clocks))
                }
                main { (content) }
            }
        }
    };
    Html(markup.into_string())
}

/// What a refusal from the gate says, in `language` where the catalogue has it (the sign-in
/// refusals, which staff see most); other messages come from the rules in English.
pub fn app_message(language: Language, error: &AppError) -> String {
    let key = match error {
        AppError::SignInRefused => T::SignInRefused,
        AppError::EnrolmentRefused => T::EnrolmentRefused,
        AppError::SecondFactorRefused => T::SecondFactorRefused,
        AppError::WrongPassword => T::WrongPassword,
        AppError::StepUpRequired => T::StepUpRequired,
        AppError::Invalid(strongroom_domain::DomainError::CardNumber { .. }) => T::CardNumberRefused,
        AppError::PasswordRejected(_) => return i18n::password_text(language, &error.to_string()),
        AppError::Invalid(strongroom_domain::DomainError::Invalid { reason, .. }) => return i18n::reason(language, reason).into_owned(),
        AppError::BackupUnusable(why) | AppError::Conflict(why) => return i18n::reason(language, why).into_owned(),
        AppError::Restricted | AppError::TrainingOverdue | AppError::Infected { .. } | AppError::NotScanned(_) => {
            return i18n::reason(language, &error.to_string()).into_owned();
        }
        other => return other.to_string(),
    };
    tr(language, key).to_owned()
}

/// An audit event's time for people: UTC, to the minute.
pub fn when(language: Language, at_unix_micros: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(at_unix_micros) * 1000)
        .map(|at| parts::moment(language, at))
        .unwrap_or_default()
}

/// A page's role check: `permission`, or refused saying `refusal` (in the person's language).
pub(crate) fn allowed_to(session: &Session, permission: Permission, refusal: &str) -> Result<(), PageError> {
    if session.signed_in.role().allows(permission) { Ok(()) } else { Err(PageError::Denied(refusal.to_owned())) }
}

/// A remove button's form: its CSRF token, and when what it removes was read (its
/// `updated_at` then), so a change made meanwhile is not removed unseen.
#[derive(serde::Deserialize)]
pub struct RemoveAsRead {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub read_at: String,
}

impl RemoveAsRead {
    pub fn read_at(&self) -> Result<i64, PageError> {
        self.read_at.parse().map_err(|_| PageError::BadRequest("the form was not read from this page".into()))
    }
}

/// A form that carries nothing but its CSRF token: a button.
#[derive(serde::Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    pub csrf: String,
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
