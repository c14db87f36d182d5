//! Signing in: `GET/POST /login` (form fields `username`, `password`, `csrf`), the second factor,
//! first sign-in with an enrolment code, enrolling an authenticator, and signing out.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::{Markup, PreEscaped, html};
use serde::Deserialize;
use strongroom_app::{AppError, NewSession};
use strongroom_identity::{Password, SecretToken};
use zeroize::Zeroizing;

use super::i18n::{T, tr};
use super::{
    Form, PRE_COOKIE, PageError, SESSION_COOKIE, Session, client, cookie, csrf_field, form_error, page, set_cookie, stage_page, with_cookie,
};
use crate::ServerState;

pub fn routes() -> Router<Arc<ServerState>> {
    Router::new()
        .route("/login", get(login_page).post(login))
        .route("/login/second-factor", get(second_factor_page).post(second_factor))
        .route("/login/recovery", post(recovery))
        .route("/enrol", get(enrol_page).post(enrol))
        .route("/enrol/authenticator", get(authenticator_page))
        .route("/enrol/authenticator/start", post(authenticator_start))
        .route("/enrol/authenticator/confirm", post(authenticator_confirm))
        .route("/logout", post(logout))
}

/// The pre-session cookie's value (a new one if the browser has none) and its CSRF token.
fn pre_session(state: &ServerState, headers: &HeaderMap) -> (Zeroizing<String>, bool, String) {
    let (value, new) = match cookie(headers, PRE_COOKIE).filter(|value| value.len() == 43) {
        Some(value) => (value, false),
        None => (Zeroizing::new(SecretToken::generate().as_str().to_owned()), true),
    };
    let token = state.csrf_token(format!("pre:{}", value.as_str()).as_bytes());
    (value, new, token)
}

fn check_pre_csrf(state: &ServerState, headers: &HeaderMap, token: &str) -> Result<(), PageError> {
    let value = cookie(headers, PRE_COOKIE).ok_or(PageError::Csrf)?;
    if state.csrf_valid(format!("pre:{}", value.as_str()).as_bytes(), token) { Ok(()) } else { Err(PageError::Csrf) }
}

/// A sign-in page, with the pre-session cookie set if the browser had none.
fn pre_session_page(
    state: &ServerState,
    headers: &HeaderMap,
    status: StatusCode,
    render: impl FnOnce(&str) -> Markup,
    title: &str,
) -> Response {
    let (value, new, token) = pre_session(state, headers);
    let mut response = (status, page(title, None, render(&token))).into_response();
    if new {
        response.headers_mut().insert(header::SET_COOKIE, set_cookie(PRE_COOKIE, Some(&value)));
    }
    response
}

fn login_form(csrf: &str, error: Option<&str>) -> Markup {
    let l = super::language_of(None);
    html! {
        h1 { (tr(l, T::SignIn)) }
        (form_error(error))
        form method="post" action="/login" {
            (csrf_field(csrf))
            label for="username" { (tr(l, T::UserName)) }
            input #username type="text" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required autofocus;
            label for="password" { (tr(l, T::PasswordLabel)) }
            input #password type="password" name="password" autocomplete="current-password" required;
            button type="submit" { (tr(l, T::SignIn)) }
        }
        p { (tr(l, T::FirstTimeHere)) a href="/enrol" { (tr(l, T::SignInWithCode)) } }
    }
}

async fn login_page(State(state): State<Arc<ServerState>>, headers: HeaderMap) -> Response {
    let l = super::language_of(None);
    pre_session_page(&state, &headers, StatusCode::OK, |csrf| login_form(csrf, None), tr(l, T::SignIn))
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: Zeroizing<String>,
    #[serde(default)]
    csrf: String,
}

/// Starts the session's cookie and sends the browser to the next sign-in step.
fn begin(session: NewSession) -> Response {
    let mut response = Redirect::to(stage_page(session.stage)).into_response();
    response.headers_mut().insert(header::SET_COOKIE, set_cookie(SESSION_COOKIE, Some(session.token.as_str())));
    response
}

async fn login(
    State(state): State<Arc<ServerState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Result<Response, PageError> {
    let l = super::language_of(None);
    check_pre_csrf(&state, &headers, &form.csrf)?;
    let password = Password::new(&form.password);
    let username = form.username;
    let outcome = state.run_hashing(move |vault| vault.sign_in(&username, &password, &client(Some(peer)))).await?;
    match outcome {
        Ok(session) => Ok(begin(session)),
        Err(error @ AppError::SignInRefused) => {
            let message = super::app_message(l, &error);
            Ok(pre_session_page(&state, &headers, StatusCode::UNAUTHORIZED, |csrf| login_form(csrf, Some(&message)), tr(l, T::SignIn)))
        }
        Err(other) => Err(other.into()),
    }
}

fn second_factor_form(session: &Session, error: Option<&str>) -> Markup {
    let l = super::language_of(Some(session));
    html! {
        h1 { (tr(l, T::SecondStep)) }
        (form_error(error))
        form method="post" action="/login/second-factor" {
            (csrf_field(&session.csrf))
            label for="code" { (tr(l, T::CodeFromApp)) }
            input #code type="text" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}" required autofocus;
            button type="submit" { (tr(l, T::Continue)) }
        }
        div #passkey-sign-in-area {
            button #passkey-sign-in type="button" data-passkey="sign-in" data-csrf=(session.csrf) { (tr(l, T::UsePasskey)) }
            div #passkey-result aria-live="polite" {}
        }
        details {
            summary { (tr(l, T::LostPhone)) }
            form method="post" action="/login/recovery" {
                (csrf_field(&session.csrf))
                label for="recovery" { (tr(l, T::OneRecoveryCode)) }
                input #recovery type="text" name="code" autocomplete="off" autocapitalize="none" spellcheck="false" required;
                button type="submit" { (tr(l, T::UseRecoveryCode)) }
            }
            p { (tr(l, T::NoRecoveryCodes)) }
        }
    }
}

async fn second_factor_page(State(_state): State<Arc<ServerState>>, session: Session) -> Result<Response, PageError> {
    let l = super::language_of(Some(&session));
    if session.signed_in.stage() != strongroom_app::SessionStage::SecondFactor {
        return Ok(Redirect::to(stage_page(session.signed_in.stage())).into_response());
    }
    Ok(page(tr(l, T::SecondStep), None, second_factor_form(&session, None)).into_response())
}

#[derive(Deserialize)]
struct CodeForm {
    #[serde(default)]
    code: Zeroizing<String>,
    #[serde(default)]
    csrf: String,
}

async fn second_factor(State(state): State<Arc<ServerState>>, session: Session, Form(form): Form<CodeForm>) -> Result<Response, PageError> {
    let l = super::language_of(Some(&session));
    session.check_csrf(&state, &form.csrf)?;
    let (token, client) = (session.token.clone(), session.client.clone());
    let code = form.code.clone();
    match state.run(move |vault| vault.verify_totp(&token, &code, &client)).await {
        Ok(renewed) => Ok(begin(renewed)),
        Err(error @ AppError::SecondFactorRefused) => Ok((
            StatusCode::UNAUTHORIZED,
            page(tr(l, T::SecondStep), None, second_factor_form(&session, Some(&super::app_message(l, &error)))),
        )
            .into_response()),
        Err(other) => Err(other.into()),
    }
}

async fn recovery(State(state): State<Arc<ServerState>>, session: Session, Form(form): Form<CodeForm>) -> Result<Response, PageError> {
    let l = super::language_of(Some(&session));
    session.check_csrf(&state, &form.csrf)?;
    let (token, client) = (session.token.clone(), session.client.clone());
    let code = form.code.clone();
    match state.run(move |vault| vault.use_recovery_code(&token, &code, &client)).await {
        Ok((renewed, left)) => {
            let next = stage_page(renewed.stage);
            // Without the signed-in header: its sign-out form would carry the old session's token.
            let mut response = page(
                tr(l, T::RecoveryCodeUsed),
                None,
                html! {
                    h1 { (tr(l, T::RecoveryCodeUsed)) }
                    p { (tr(l, T::CodeUsedLeft)) strong { (left) } (tr(l, T::LeftSuffix)) }
                    @if left <= 3 { p.warning { (tr(l, T::SetUpAgainSoon)) } }
                    p { a.button href=(next) { (tr(l, T::Continue)) } }
                },
            )
            .into_response();
            response.headers_mut().insert(header::SET_COOKIE, set_cookie(SESSION_COOKIE, Some(renewed.token.as_str())));
            Ok(response)
        }
        Err(error @ AppError::SecondFactorRefused) => Ok((
            StatusCode::UNAUTHORIZED,
            page(tr(l, T::SecondStep), None, second_factor_form(&session, Some(&super::app_message(l, &error)))),
        )
            .into_response()),
        Err(other) => Err(other.into()),
    }
}

fn enrol_form(csrf: &str, error: Option<&str>) -> Markup {
    let l = super::language_of(None);
    html! {
        h1 { (tr(l, T::FirstSignIn)) }
        p { (tr(l, T::EnrolHint)) }
        (form_error(error))
        form method="post" action="/enrol" {
            (csrf_field(csrf))
            label for="username" { (tr(l, T::UserName)) }
            input #username type="text" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required autofocus;
            label for="code" { (tr(l, T::EnrolmentCode)) }
            input #code type="text" name="code" autocomplete="off" autocapitalize="none" spellcheck="false" required;
            label for="new-password" { (tr(l, T::NewPassword)) }
            input #new-password type="password" name="password" autocomplete="new-password" required data-strength=(csrf) data-strength-url="/enrol/strength";
            p #strength aria-live="polite" {}
            label for="again" { (tr(l, T::SamePasswordAgain)) }
            input #again type="password" name="again" autocomplete="new-password" required;
            button type="submit" { (tr(l, T::SetMyPassword)) }
        }
    }
}

async fn enrol_page(State(state): State<Arc<ServerState>>, headers: HeaderMap) -> Response {
    let l = super::language_of(None);
    pre_session_page(&state, &headers, StatusCode::OK, |csrf| enrol_form(csrf, None), tr(l, T::FirstSignIn))
}

#[derive(Deserialize)]
struct EnrolForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    code: Zeroizing<String>,
    #[serde(default)]
    password: Zeroizing<String>,
    #[serde(default)]
    again: Zeroizing<String>,
    #[serde(default)]
    csrf: String,
}

async fn enrol(
    State(state): State<Arc<ServerState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<EnrolForm>,
) -> Result<Response, PageError> {
    let l = super::language_of(None);
    check_pre_csrf(&state, &headers, &form.csrf)?;
    let refuse = |message: String| {
        pre_session_page(&state, &headers, StatusCode::BAD_REQUEST, |csrf| enrol_form(csrf, Some(&message)), tr(l, T::FirstSignIn))
    };
    if Password::new(&form.password).as_str() != Password::new(&form.again).as_str() {
        return Ok(refuse(tr(l, T::PasswordsDiffer).into()));
    }
    let (username, code, password) = (form.username, form.code, Password::new(&form.password));
    let outcome = state.run_hashing(move |vault| vault.enrol(&username, &code, &password, &client(Some(peer)))).await?;
    match outcome {
        Ok(session) => Ok(begin(session)),
        Err(error @ (AppError::EnrolmentRefused | AppError::PasswordRejected(_))) => Ok(refuse(super::app_message(l, &error))),
        Err(other) => Err(other.into()),
    }
}

async fn authenticator_page(session: Session) -> Result<Response, PageError> {
    let l = super::language_of(Some(&session));
    let forced = session.signed_in.stage() == strongroom_app::SessionStage::EnrolSecondFactor;
    if !forced && session.signed_in.stage() != strongroom_app::SessionStage::Ready {
        return Err(PageError::Stage(session.signed_in.stage()));
    }
    Ok(page(
        tr(l, T::Authenticator),
        Some(&session),
        html! {
            h1 { (tr(l, T::SetUpAuthenticator)) }
            @if forced {
                p { (tr(l, T::SecondStepWhy)) }
            } @else {
                p { (tr(l, T::ReplacesAuthenticator)) }
            }
            form method="post" action="/enrol/authenticator/start" {
                (csrf_field(&session.csrf))
                button type="submit" { (tr(l, T::ShowQrCode)) }
            }
            h2 { (tr(l, T::OrUsePasskey)) }
            p { (tr(l, T::PasskeyWorksToo)) }
            (super::passkeys::register_button(&session))
        },
    )
    .into_response())
}

/// The QR code of an `otpauth://` URI as an SVG drawing (rendered here, no script involved).
fn qr_svg(uri: &str) -> Result<String, PageError> {
    let code = qrcode::QrCode::new(uri.as_bytes()).map_err(|error| PageError::Internal(format!("QR code: {error}")))?;
    Ok(code.render::<qrcode::render::svg::Color<'_>>().min_dimensions(220, 220).quiet_zone(true).build())
}

fn confirm_form(session: &Session, svg: Option<&str>, key: Option<&str>, error: Option<&str>) -> Markup {
    let l = super::language_of(Some(session));
    html! {
        h1 { (tr(l, T::ScanTheCode)) }
        @if let (Some(svg), Some(key)) = (svg, key) {
            div.qr role="img" aria-label=(tr(l, T::QrCodeLabel)) { (PreEscaped(svg)) }
            p { (tr(l, T::OrTypeKey)) code.key { (key) } }
        }
        (form_error(error))
        form method="post" action="/enrol/authenticator/confirm" {
            (csrf_field(&session.csrf))
            label for="code" { (tr(l, T::CodeAppShows)) }
            input #code type="text" name="code" inputmode="numeric" autocomplete="one-time-code" required autofocus;
            button type="submit" { (tr(l, T::Confirm)) }
        }
    }
}

#[derive(Deserialize)]
struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

async fn authenticator_start(
    State(state): State<Arc<ServerState>>,
    session: Session,
    Form(form): Form<CsrfForm>,
) -> Result<Response, PageError> {
    let l = super::language_of(Some(&session));
    session.check_csrf(&state, &form.csrf)?;
    let token = session.token.clone();
    let enrolment = state.run(move |vault| vault.begin_totp_enrolment(&token)).await.map_err(|error| match error {
        AppError::StepUpRequired => PageError::StepUp("/enrol/authenticator".into()),
        other => other.into(),
    })?;
    let svg = qr_svg(&enrolment.uri)?;
    let key = enrolment.secret.base32();
    Ok(page(tr(l, T::Authenticator), Some(&session), confirm_form(&session, Some(&svg), Some(&key), None)).into_response())
}

async fn authenticator_confirm(
    State(state): State<Arc<ServerState>>,
    session: Session,
    Form(form): Form<CodeForm>,
) -> Result<Response, PageError> {
    let l = super::language_of(Some(&session));
    session.check_csrf(&state, &form.csrf)?;
    let (token, client, code) = (session.token.clone(), session.client.clone(), form.code.clone());
    match state.run(move |vault| vault.confirm_totp_enrolment(&token, &code, &client)).await {
        Ok((codes, renewed)) => Ok(with_cookie(
            page(
                tr(l, T::RecoveryCodes),
                None,
                html! {
                    h1 { (tr(l, T::YourRecoveryCodes)) }
                    p { (tr(l, T::RecoveryCodesHint)) }
                    ol.codes { @for code in &codes { li { code { (code.as_str()) } } } }
                    p { a.button href="/" { (tr(l, T::KeptThemSafely)) } }
                },
            )
            .into_response(),
            &renewed,
        )),
        Err(error @ AppError::SecondFactorRefused) => Ok((
            StatusCode::UNAUTHORIZED,
            page(
                tr(l, T::Authenticator),
                Some(&session),
                confirm_form(&session, None, None, Some(&format!("{}{}", super::app_message(l, &error), tr(l, T::StartAgainIfGone)))),
            ),
        )
            .into_response()),
        Err(other) => Err(other.into()),
    }
}

async fn logout(State(state): State<Arc<ServerState>>, session: Session, Form(form): Form<CsrfForm>) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    let (token, client) = (session.token.clone(), session.client.clone());
    state.run(move |vault| vault.sign_out(&token, &client)).await?;
    let mut response = Redirect::to("/login").into_response();
    response.headers_mut().insert(header::SET_COOKIE, set_cookie(SESSION_COOKIE, None));
    response.headers_mut().append(header::SET_COOKIE, set_cookie(super::customers::PURPOSE_COOKIE, None));
    Ok(response)
}
