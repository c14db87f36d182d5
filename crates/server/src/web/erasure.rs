//! Completing an erasure or a restriction request, for the privacy officer and the owner:
//! `/privacy/requests/{id}/erase` shows what erasing the customer deletes and what the law
//! keeps, until when and why, before the button (after the password again: nothing brings the
//! data back); `…/restrict` restricts the record; `…/lift` lifts a restriction. The reply to the
//! person is written in the language chosen on the form. Its words are in `erasure_words.rs`.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::{Markup, html};
use serde::Deserialize;
use strongroom_app::{AppError, ErasurePlan, restriction_reply};
use strongroom_domain::{FreeText, Language, RequestId};

use super::erasure_words::{E, e, reply_language};
use super::parts::{day, today};
use super::requests::{R, r, require_handler};
use super::{Form, PageError, Ready, Session, app_message, csrf_field, form_error, page};
use crate::ServerState;

pub fn routes() -> Router<Arc<ServerState>> {
    Router::new()
        .route("/privacy/requests/{id}/erase", get(erase_page).post(erase))
        .route("/privacy/requests/{id}/restrict", post(restrict))
        .route("/privacy/requests/{id}/lift", post(lift))
}

fn plan_view(language: Language, session: &Session, id: RequestId, plan: &ErasurePlan, error: Option<&str>) -> Markup {
    html! {
        h1 { (e(language, E::Title)) }
        (form_error(error))
        p { (e(language, E::Intro)) }
        h2 { (e(language, E::Deleted)) }
        ul {
            li { (e(language, E::DeletedLine)) " " (plan.jobs_deleted) }
            li { (e(language, E::SalesDeleted)) " " (plan.sales_deleted) }
            li { (e(language, E::AmlDeleted)) " " (plan.aml_deleted) }
        }
        h2 { (e(language, E::Kept)) }
        @if plan.sales_kept == 0 && plan.aml_kept == 0 {
            p { (e(language, E::NothingKept)) }
        } @else {
            ul {
                @if let Some(until) = plan.sales_kept_until.filter(|_| plan.sales_kept > 0) {
                    li { (plan.sales_kept) " " (e(language, E::SalesKept)) " " (day(language, until)) " (" (super::ropa_words::tax_source(language, plan.tax.source)) ")" }
                }
                @if let Some(until) = plan.aml_kept_until.filter(|_| plan.aml_kept > 0) {
                    li { (plan.aml_kept) " " (e(language, E::AmlKept)) " " (day(language, until)) }
                }
            }
        }
        @if plan.jobs_open > 0 {
            p.error { (e(language, E::JobsOpen)) }
        } @else {
            form method="post" action={ "/privacy/requests/" (id) "/erase" } {
                (csrf_field(&session.csrf))
                (reply_language(language, language))
                label { input type="checkbox" name="understood" value="yes" required; " " (e(language, E::Understood)) }
                button.danger type="submit" { (e(language, E::Erase)) }
            }
        }
        p { a href={ "/privacy/requests/" (id) } { (r(language, R::Back)) } }
    }
}

async fn show_plan(state: &Arc<ServerState>, session: &Session, id: RequestId, error: Option<&str>) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    let actor = session.signed_in.actor()?.clone();
    let plan = state.run(move |vault| vault.erasure_plan(&actor, id, today())).await?;
    Ok(page(e(language, E::Title), Some(session), plan_view(language, session, id, &plan, error)).into_response())
}

async fn erase_page(State(state): State<Arc<ServerState>>, Ready(session): Ready, Path(id): Path<String>) -> Result<Response, PageError> {
    require_handler(&session)?;
    let id = RequestId::parse(&id).map_err(|_| PageError::NotFound)?;
    // The password again first, so the plan is read and the button pressed by someone who proved it is them.
    if !session.signed_in.actor()?.stepped_up {
        return Err(PageError::StepUp(format!("/privacy/requests/{id}/erase")));
    }
    show_plan(&state, &session, id, None).await
}

#[derive(Deserialize)]
struct CompleteForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    understood: String,
}

async fn erase(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    Form(form): Form<CompleteForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    require_handler(&session)?;
    let language = session.signed_in.language();
    let id = RequestId::parse(&id).map_err(|_| PageError::NotFound)?;
    if form.understood != "yes" {
        return show_plan(&state, &session, id, Some(e(language, E::Understood))).await;
    }
    let reply_in = Language::parse(&form.language).unwrap_or(language);
    let actor = session.signed_in.actor()?.clone();
    match state.run(move |vault| vault.complete_erasure(&actor, id, today(), reply_in)).await {
        Ok(_) => Ok(Redirect::to(&format!("/privacy/requests/{id}")).into_response()),
        Err(AppError::StepUpRequired) => Err(PageError::StepUp(format!("/privacy/requests/{id}/erase"))),
        Err(error @ (AppError::Invalid(_) | AppError::Conflict(_))) => {
            show_plan(&state, &session, id, Some(&app_message(language, &error))).await
        }
        Err(other) => Err(other.into()),
    }
}

async fn restrict(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    Form(form): Form<CompleteForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    require_handler(&session)?;
    let language = session.signed_in.language();
    let id = RequestId::parse(&id).map_err(|_| PageError::NotFound)?;
    let reply_in = Language::parse(&form.language).unwrap_or(language);
    let actor = session.signed_in.actor()?.clone();
    let done = state
        .run(move |vault| {
            let reply = FreeText::parse("reply", restriction_reply(reply_in))?;
            vault.complete_restriction(&actor, id, reply)
        })
        .await;
    super::requests::after_change(&state, &session, id, done.map(drop), None).await
}

#[derive(Deserialize)]
struct LiftForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    reason: String,
}

async fn lift(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    Form(form): Form<LiftForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    require_handler(&session)?;
    let id = RequestId::parse(&id).map_err(|_| PageError::NotFound)?;
    let actor = session.signed_in.actor()?.clone();
    let reason = form.reason.clone();
    let done = state.run(move |vault| vault.lift_restriction(&actor, id, FreeText::parse("reason", &reason)?).map(drop)).await;
    if let Err(AppError::StepUpRequired) = done {
        return Err(PageError::StepUp(format!("/privacy/requests/{id}")));
    }
    super::requests::after_change(&state, &session, id, done, Some(("lift", form.reason.as_str()))).await
}
