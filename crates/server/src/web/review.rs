//! The review list for the privacy officer and the owner (`/privacy/review`): customers with
//! nothing for years, each to erase (after the password again, keeping what the law requires)
//! or to keep for a year with a reason. Words in `ropa_words.rs`.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::html;
use serde::Deserialize;
use strongroom_app::AppError;
use strongroom_domain::{CustomerId, FreeText};

use super::parts::{day, today};
use super::requests::require_handler;
use super::ropa_words::{P, p};
use super::{CsrfOnly, Form, PageError, Ready, app_message, csrf_field, form_error, page};
use crate::ServerState;

pub fn routes() -> Router<Arc<ServerState>> {
    Router::new()
        .route("/privacy/review", get(review_page))
        .route("/privacy/review/{id}/keep", post(keep))
        .route("/privacy/review/{id}/erase", post(erase))
}

#[derive(Deserialize, Default)]
struct Done {
    #[serde(default)]
    done: Option<String>,
}

async fn review_page(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Query(done): Query<Done>,
) -> Result<Response, PageError> {
    require_handler(&session)?;
    show(&state, &session, None, done.done.is_some()).await
}

/// The list, with what went wrong or that a decision was saved.
async fn show(state: &Arc<ServerState>, session: &super::Session, error: Option<&str>, done: bool) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    let actor = session.signed_in.actor()?.clone();
    let years = state.vault.settings().review_after_years;
    let list = state.run(move |vault| vault.review_list(&actor, today())).await?;
    let content = html! {
        h1 { (p(language, P::ReviewTitle)) }
        (form_error(error))
        @if done { p.notice role="status" { (p(language, P::ReviewDone)) } }
        p.muted { (p(language, P::ReviewIntro)) " " (years) }
        @if list.is_empty() { p { (p(language, P::ReviewNone)) } }
        @for inactive in &list {
            article.review {
                h2 { (inactive.name.as_str()) }
                p.muted {
                    (p(language, P::LastVisit)) " "
                    @match inactive.last_visit { Some(last) => (day(language, last)), None => (p(language, P::Never)) }
                }
                form method="post" action={ "/privacy/review/" (inactive.customer) "/keep" } {
                    (csrf_field(&session.csrf))
                    label for={ "reason-" (inactive.customer) } { (p(language, P::KeepReason)) }
                    input id={ "reason-" (inactive.customer) } name="reason" required;
                    div.actions {
                        button type="submit" { (p(language, P::Keep)) }
                        button.danger type="submit" formaction={ "/privacy/review/" (inactive.customer) "/erase" } formnovalidate { (p(language, P::EraseNow)) }
                    }
                }
            }
        }
        p { a href="/privacy/requests" { (p(language, P::BackToRequests)) } }
    };
    Ok(page(p(language, P::ReviewTitle), Some(session), content).into_response())
}

#[derive(Deserialize)]
struct KeepForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    reason: String,
}

async fn keep(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    Form(form): Form<KeepForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    require_handler(&session)?;
    let id = CustomerId::parse(&id).map_err(|_| PageError::NotFound)?;
    let actor = session.signed_in.actor()?.clone();
    let reason = form.reason.clone();
    match state.run(move |vault| vault.keep_customer(&actor, id, FreeText::parse("reason", &reason)?, today())).await {
        Ok(_) => Ok(Redirect::to("/privacy/review?done=kept").into_response()),
        Err(error @ (AppError::Invalid(_) | AppError::Conflict(_) | AppError::Restricted)) => {
            show(&state, &session, Some(&app_message(session.signed_in.language(), &error)), false).await
        }
        Err(other) => Err(other.into()),
    }
}

async fn erase(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    Form(form): Form<CsrfOnly>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    require_handler(&session)?;
    let id = CustomerId::parse(&id).map_err(|_| PageError::NotFound)?;
    let actor = session.signed_in.actor()?.clone();
    match state.run(move |vault| vault.erase_inactive(&actor, id, today())).await {
        Ok(_) => Ok(Redirect::to("/privacy/review?done=erased").into_response()),
        Err(AppError::StepUpRequired) => Err(PageError::StepUp("/privacy/review".into())),
        Err(error @ (AppError::Invalid(_) | AppError::Conflict(_) | AppError::Restricted)) => {
            show(&state, &session, Some(&app_message(session.signed_in.language(), &error)), false).await
        }
        Err(other) => Err(other.into()),
    }
}
