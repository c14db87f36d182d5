//! The workshop board: every open job in its column (received, at the bench, ready for
//! collection), soonest promised first and late ones marked, a page at a time when a column is
//! long, and what was collected today. A job moves one step with one button, from here or from its
//! customer's page; a wrong move is undone with the button the notice after it offers.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::{Markup, html};
use serde::Deserialize;
use strongroom_app::{BoardColumn, BoardQuery, WorkshopJob};
use strongroom_domain::{JobStatus, Language, Permission, Repair, RepairId};

use super::i18n::{T, tr};
use super::parts::{day, status_name, today, today_start};
use super::{Form, PageError, Ready, csrf_field, page};
use crate::ServerState;

/// Jobs per column and page.
const PAGE_SIZE: usize = 25;

pub fn routes() -> Router<Arc<ServerState>> {
    Router::new()
        .route("/workshop", get(board))
        .route("/workshop/{id}/status", post(move_job))
        .route("/workshop/{id}/undo", post(undo_move))
}

/// The board's address: the page of each open column, and the job just moved (for its notice).
#[derive(Deserialize, Default)]
struct BoardAt {
    #[serde(default)]
    received: usize,
    #[serde(default)]
    at_bench: usize,
    #[serde(default)]
    ready: usize,
    moved: Option<String>,
}

impl BoardAt {
    fn href(&self, status: JobStatus, page: usize) -> String {
        let mut pages = [self.received, self.at_bench, self.ready];
        match status {
            JobStatus::Received => pages[0] = page,
            JobStatus::AtBench => pages[1] = page,
            JobStatus::Ready => pages[2] = page,
            JobStatus::Collected => {}
        }
        format!("/workshop?received={}&at_bench={}&ready={}", pages[0], pages[1], pages[2])
    }
}

async fn board(State(state): State<Arc<ServerState>>, Ready(session): Ready, Query(at): Query<BoardAt>) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    let actor = session.signed_in.actor()?.clone();
    let may_move = actor.may(Permission::RepairWrite);
    let query = BoardQuery { page_size: PAGE_SIZE, pages: [at.received, at.at_bench, at.ready], collected_since: today_start() };
    let board = state.run(move |vault| vault.workshop_board(&actor, &query)).await?;
    let moved = at.moved.as_deref().and_then(|id| RepairId::parse(id).ok());
    let just_moved = moved.and_then(|id| board.columns.iter().flat_map(|column| &column.jobs).find(|job| job.repair.id == id));
    let today = today();
    let content = html! {
        h1 { (tr(language, T::WorkshopBoard)) }
        @if let Some(job) = just_moved {
            div.notice role="status" {
                p { strong { (job.repair.ticket) } " " (tr(language, T::MovedTo)) " " (status_name(language, job.repair.status)) "." }
                @if may_move { (undo_form(&session.csrf, language, &job.repair, "board")) }
            }
        }
        div.board {
            @for column in &board.columns {
                (board_column(language, &session.csrf, column, &at, may_move, today))
            }
        }
    };
    Ok(page(tr(language, T::WorkshopBoard), Some(&session), content).into_response())
}

fn board_column(language: Language, csrf: &str, column: &BoardColumn, at: &BoardAt, may_move: bool, today: time::Date) -> Markup {
    let status = column.status;
    let heading = if status == JobStatus::Collected { tr(language, T::CollectedToday) } else { status_name(language, status) };
    let pages = (column.total as usize).div_ceil(PAGE_SIZE).max(1);
    html! {
        section.column aria-labelledby={ "column-" (status.as_str()) } {
            h2 id={ "column-" (status.as_str()) } { (heading) " " span.count { "(" (column.total) ")" } }
            @if column.jobs.is_empty() { p.muted { (tr(language, T::NoneYet)) } }
            @for job in &column.jobs {
                (job_card(language, csrf, job, may_move && status != JobStatus::Collected, today, "board"))
            }
            @if pages > 1 {
                nav.pages aria-label=(heading) {
                    @if column.page > 0 { a href=(at.href(status, column.page - 1)) { "← " (tr(language, T::EarlierPage)) } }
                    span.muted { " " (column.page + 1) " / " (pages) " " }
                    @if column.page + 1 < pages { a href=(at.href(status, column.page + 1)) { (tr(language, T::LaterPage)) " →" } }
                }
            }
        }
    }
}

/// A job as the board and its customer's page show it: ticket, item, whose, when promised (late
/// ones marked), and the button that moves it one step.
pub(crate) fn job_card(language: Language, csrf: &str, job: &WorkshopJob, may_move: bool, today: time::Date, back: &str) -> Markup {
    let repair = &job.repair;
    let late = repair.is_late(today);
    html! {
        article.job.late[late] id={ "job-" (repair.id) } {
            p { strong.ticket { (repair.ticket) } " " (repair.item_description.as_str()) }
            p { a href={ "/customers/" (repair.customer_id) } { (job.customer_name.as_str()) } }
            @if let Some(promised) = repair.promised_on {
                p.muted.overdue[late] {
                    (tr(language, T::Promised)) ": " (day(promised))
                    @if late { " · " strong { (tr(language, T::Late)) } }
                }
            }
            @if may_move { (move_form(csrf, language, repair.id, repair.status, back)) }
        }
    }
}

/// The button that moves a job one step on; `back` says which page to return to.
pub(crate) fn move_form(csrf: &str, language: Language, id: RepairId, status: JobStatus, back: &str) -> Markup {
    html! {
        @if let Some(next) = status.next() {
            form.inline method="post" action={ "/workshop/" (id) "/status" } {
                (csrf_field(csrf))
                input type="hidden" name="status" value=(next.as_str());
                input type="hidden" name="back" value=(back);
                button type="submit" { "→ " (status_name(language, next)) }
            }
        }
    }
}

/// The button that undoes a job's last move.
pub(crate) fn undo_form(csrf: &str, language: Language, repair: &Repair, back: &str) -> Markup {
    html! {
        @if let Some(previous) = repair.previous_status {
            form.inline method="post" action={ "/workshop/" (repair.id) "/undo" } {
                (csrf_field(csrf))
                input type="hidden" name="back" value=(back);
                button.secondary type="submit" { (tr(language, T::UndoMove)) " (← " (status_name(language, previous)) ")" }
            }
        }
    }
}

#[derive(Deserialize)]
struct MoveForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    status: String,
    /// `profile` to go back to the customer's page; the board otherwise.
    #[serde(default)]
    back: String,
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
    let moved = state.run(move |vault| vault.set_repair_status(&actor, id, status)).await?;
    Ok(Redirect::to(&after_change(&form.back, id, moved.map(|job| job.customer_id))).into_response())
}

#[derive(Deserialize)]
struct UndoForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    back: String,
}

async fn undo_move(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    Form(form): Form<UndoForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    let id = RepairId::parse(&id).map_err(|_| PageError::NotFound)?;
    let actor = session.signed_in.actor()?.clone();
    let undone = state.run(move |vault| vault.undo_repair_move(&actor, id)).await?;
    let to = after_change(&form.back, id, undone.map(|job| job.customer_id));
    // After an undo the notice would offer to undo again: go back without it.
    Ok(Redirect::to(to.split_once("?moved=").map_or(to.as_str(), |(page, _)| page)).into_response())
}

/// Where a move or undo returns to: the customer's page (at the job) or the board (with the
/// notice for the job).
fn after_change(back: &str, id: RepairId, customer: Option<strongroom_domain::CustomerId>) -> String {
    match (back, customer) {
        ("profile", Some(customer)) => format!("/customers/{customer}#job-{id}"),
        _ => format!("/workshop?moved={id}"),
    }
}
