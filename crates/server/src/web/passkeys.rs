//! Passkeys and security keys: JSON endpoints the page's script calls around
//! `navigator.credentials` (the CSRF token travels in the `X-CSRF-Token` header), and the
//! account page that lists them.

use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::{get, post};
use maud::html;
use serde::Deserialize;
use strongroom_app::AppError;

use super::i18n::{T, tr};
use super::{PageError, Session, csrf_field, page, stage_page, with_cookie};
use crate::ServerState;

pub fn routes() -> Router<Arc<ServerState>> {
    Router::new()
        .route("/account/passkeys", get(passkeys_page))
        .route("/account/passkeys/remove", post(remove_passkey))
        .route("/account/passkeys/start", post(register_start))
        .route("/account/passkeys/finish", post(register_finish))
        .route("/login/passkey/start", post(sign_in_start))
        .route("/login/passkey/finish", post(sign_in_finish))
}

/// An error the script shows next to its button.
fn script_error(status: StatusCode, message: String) -> Response {
    (status, Json(serde_json::json!({ "error": message }))).into_response()
}

fn answer(outcome: Result<serde_json::Value, AppError>) -> Response {
    match outcome {
        Ok(value) => Json(value).into_response(),
        Err(AppError::StepUpRequired) => {
            (StatusCode::FORBIDDEN, Json(serde_json::json!({ "error": "confirm your password first", "step_up": true }))).into_response()
        }
        Err(error @ (AppError::SecondFactorRefused | AppError::Conflict(_) | AppError::Invalid(_) | AppError::SignInIncomplete(_))) => {
            script_error(StatusCode::BAD_REQUEST, error.to_string())
        }
        Err(AppError::NotSignedIn) => script_error(StatusCode::UNAUTHORIZED, "sign in again".into()),
        Err(other) => {
            tracing::error!(detail = %other, "passkey request failed");
            script_error(StatusCode::INTERNAL_SERVER_ERROR, "something went wrong; nothing was changed".into())
        }
    }
}

fn csrf_header(headers: &HeaderMap) -> &str {
    headers.get("x-csrf-token").and_then(|value| value.to_str().ok()).unwrap_or_default()
}

async fn passkeys_page(State(state): State<Arc<ServerState>>, session: Session) -> Result<Response, PageError> {
    passkeys_list(&state, &session, None, StatusCode::OK).await
}

/// The person's passkeys, each with its dates and a button that removes it, and the button that
/// adds one.
async fn passkeys_list(
    state: &Arc<ServerState>,
    session: &Session,
    problem: Option<String>,
    status: StatusCode,
) -> Result<Response, PageError> {
    let l = super::language_of(Some(session));
    let token = session.token.clone();
    let keys = state.run(move |vault| vault.my_passkeys(&token)).await?;
    let content = html! {
        h1 { (tr(l, T::PasskeysAndKeys)) }
        p { (tr(l, T::PasskeyHint)) }
        @if let Some(problem) = problem { p.error role="alert" { (problem) } }
        @if keys.is_empty() { p { (tr(l, T::NoneYetYou)) } } @else {
            table.passkeys {
                thead { tr { th { (tr(l, T::Name)) } th { (tr(l, T::Added)) } th { (tr(l, T::LastUsed)) } th { (tr(l, T::Actions)) } } }
                tbody {
                    @for key in &keys {
                        tr {
                            td { (key.name) }
                            td { (super::parts::moment(l, key.added_at)) }
                            td { (key.last_used_at.map(|at| super::parts::moment(l, at)).unwrap_or_else(|| tr(l, T::NeverUsed).to_owned())) }
                            td {
                                form.inline method="post" action="/account/passkeys/remove" {
                                    (super::csrf_field(&session.csrf))
                                    input type="hidden" name="id" value=(key.id);
                                    button.secondary type="submit" aria-label={ (tr(l, T::RemovePasskey)) " " (key.name) } { (tr(l, T::RemovePasskey)) }
                                }
                            }
                        }
                    }
                }
            }
        }
        (register_button(session))
    };
    Ok((status, page(tr(l, T::Passkeys), Some(session), content)).into_response())
}

#[derive(serde::Deserialize, Default)]
struct RemoveForm {
    #[serde(default)]
    id: String,
    #[serde(default)]
    csrf: String,
}

/// Removes one passkey: after confirming the password, never the last second factor.
async fn remove_passkey(
    State(state): State<Arc<ServerState>>,
    session: Session,
    super::Form(form): super::Form<RemoveForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    let l = super::language_of(Some(&session));
    let id: i64 = form.id.trim().parse().map_err(|_| PageError::NotFound)?;
    let token = session.token.clone();
    let client = session.client.clone();
    match state.run(move |vault| vault.remove_my_passkey(&token, id, &client)).await {
        Ok(()) => Ok(axum::response::Redirect::to("/account/passkeys").into_response()),
        Err(AppError::StepUpRequired) => Err(PageError::StepUp("/account/passkeys".into())),
        Err(AppError::Conflict(_)) => {
            passkeys_list(&state, &session, Some(tr(l, T::LastSecondFactor).to_owned()), StatusCode::CONFLICT).await
        }
        Err(other) => Err(other.into()),
    }
}

/// The "add a passkey" control; the script does the ceremony and shows the outcome.
pub fn register_button(session: &Session) -> maud::Markup {
    let l = super::language_of(Some(session));
    html! {
        form #passkey-register data-passkey="register" data-csrf=(session.csrf) {
            (csrf_field(&session.csrf))
            label for="passkey-name" { (tr(l, T::PasskeyName)) }
            input #passkey-name type="text" name="name" maxlength="80" value="passkey";
            button type="submit" { (tr(l, T::AddPasskeyOrKey)) }
        }
        div #passkey-result aria-live="polite" {}
    }
}

async fn register_start(State(state): State<Arc<ServerState>>, session: Session, headers: HeaderMap) -> Result<Response, PageError> {
    session.check_csrf(&state, csrf_header(&headers))?;
    let token = session.token.clone();
    Ok(answer(state.run(move |vault| vault.begin_passkey_registration(&token)).await))
}

#[derive(Deserialize)]
struct Finish {
    credential: serde_json::Value,
    #[serde(default)]
    name: String,
}

async fn register_finish(
    State(state): State<Arc<ServerState>>,
    session: Session,
    headers: HeaderMap,
    Json(finish): Json<Finish>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, csrf_header(&headers))?;
    let (token, client) = (session.token.clone(), session.client.clone());
    let credential = finish.credential.to_string();
    let outcome = state.run(move |vault| vault.finish_passkey_registration(&token, &credential, &finish.name, &client)).await;
    Ok(match outcome {
        Ok((codes, renewed)) => {
            let codes = codes.map(|codes| codes.iter().map(|code| code.as_str().to_owned()).collect::<Vec<_>>());
            with_cookie(answer(Ok(serde_json::json!({ "next": "/", "recovery_codes": codes }))), &renewed)
        }
        Err(error) => answer(Err(error)),
    })
}

async fn sign_in_start(State(state): State<Arc<ServerState>>, session: Session, headers: HeaderMap) -> Result<Response, PageError> {
    session.check_csrf(&state, csrf_header(&headers))?;
    let token = session.token.clone();
    Ok(answer(state.run(move |vault| vault.begin_passkey_sign_in(&token)).await))
}

#[derive(Deserialize)]
struct SignInFinish {
    credential: serde_json::Value,
}

async fn sign_in_finish(
    State(state): State<Arc<ServerState>>,
    session: Session,
    headers: HeaderMap,
    Json(finish): Json<SignInFinish>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, csrf_header(&headers))?;
    let (token, client) = (session.token.clone(), session.client.clone());
    let credential = finish.credential.to_string();
    let outcome = state.run(move |vault| vault.finish_passkey_sign_in(&token, &credential, &client)).await;
    Ok(match outcome {
        Ok(renewed) => with_cookie(answer(Ok(serde_json::json!({ "next": stage_page(renewed.stage) }))), &renewed),
        Err(error) => answer(Err(error)),
    })
}
