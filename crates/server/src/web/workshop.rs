//! The workshop board: open jobs by status (received, at the bench, ready), soonest promised
//! first, each moved forward with one button. Collected jobs leave the board.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::html;
use serde::Deserialize;
use strongroom_domain::{JobStatus, RepairId};

use super::i18n::{T, tr};
use super::parts::{day, status_name};
use super::{Form, PageError, Ready, csrf_field, page};
use crate::ServerState;

pub fn routes() -> Router<Arc<ServerState>> {
    Router::new().route("/workshop", get(board)).route("/workshop/{id}/status", post(move_job))
}

fn next_status(status: JobStatus) -> Option<JobStatus> {
    match status {
        JobStatus::Received => Some(JobStatus::AtBench),
        JobStatus::AtBench => Some(JobStatus::Ready),
        JobStatus::Ready => Some(JobStatus::Collected),
        JobStatus::Collected => None,
    }
}

async fn board(State(state): State<Arc<ServerState>>, Ready(session): Ready) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    let actor = session.signed_in.actor()?.clone();
    let may_move = actor.may(strongroom_domain::Permission::RepairWrite);
    let jobs = state.run(move |vault| vault.workshop_board(&actor, 100, None)).await?;
    let today = time::OffsetDateTime::now_utc().date();
    let content = html! {
        h1 { (tr(language, T::WorkshopBoard)) }
        div.board {
            @for status in [JobStatus::Received, JobStatus::AtBench, JobStatus::Ready] {
                section.column aria-labelledby={ "column-" (status.as_str()) } {
                    h2 id={ "column-" (status.as_str()) } { (status_name(language, status)) }
                    @for job in jobs.iter().filter(|job| job.repair.status == status) {
                        article.job {
                            p { strong { (job.repair.item_description.as_str()) } }
                            p { a href={ "/customers/" (job.repair.customer_id) } { (job.customer_name.as_str()) } }
                            @if let Some(promised) = job.repair.promised_on {
                                p.muted.overdue[promised < today] { (tr(language, T::Promised)) ": " (day(promised)) }
                            }
                            @if may_move { @if let Some(next) = next_status(status) {
                                form method="post" action={ "/workshop/" (job.repair.id) "/status" } {
                                    (csrf_field(&session.csrf))
                                    input type="hidden" name="status" value=(next.as_str());
                                    button type="submit" { "→ " (status_name(language, next)) }
                                }
                            } }
                        }
                    }
                }
            }
        }
    };
    Ok(page(tr(language, T::WorkshopBoard), Some(&session), content).into_response())
}

#[derive(Deserialize)]
struct MoveForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    status: String,
}

async fn move_job(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    Form(form): Form<MoveForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    let id = RepairId::parse(&id).map_err(|_| PageError::NotFound)?;
    let status = JobStatus::parse(&form.status).map_err(|error| PageError::BadRequest(error.to_string()))?;
    let actor = session.signed_in.actor()?.clone();
    state.run(move |vault| vault.set_repair_status(&actor, id, status)).await?;
    Ok(Redirect::to("/workshop").into_response())
}
