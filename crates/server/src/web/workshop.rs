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
use strongroom_domain::{JobKind, JobStatus, Language, Permission, Repair, RepairId};

use super::i18n::{T, tr};
use super::parts::{amount, day, status_name, today, today_start};
use super::{Form, PageError, Ready, csrf_field, page};
use crate::ServerState;

/// Jobs per column and page.
const PAGE_SIZE: usize = 25;

pub fn routes() -> Router<Arc<ServerState>> {
    Router::new()
        .route("/workshop", get(board))
        .route("/workshop/{id}/status", post(move_job))
        .route("/workshop/{id}/undo", post(undo_move))
        .route("/workshop/{id}/ticket", get(ticket))
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
            p { a href={ "/customers/" (repair.customer_id) "?purpose=repair#job-" (repair.id) } { (job.customer_name.as_str()) } }
            @if let Some(promised) = repair.promised_on {
                p.muted.overdue[late] {
                    (tr(language, T::Promised)) ": " (day(language, promised))
                    @if late { " · " strong { (tr(language, T::Late)) } }
                }
            }
            @if may_move { (move_form(csrf, language, repair.id, repair.status, back)) }
            @if repair.status == JobStatus::Received { p.muted { a href={ "/workshop/" (repair.id) "/ticket" } { (tr(language, T::PrintTicket)) } } }
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

/// Which copy of a ticket, on which paper.
#[derive(Deserialize, Default)]
struct TicketAt {
    /// `customer` for the copy the customer takes home (with the shop's details); the shop's copy
    /// (which stays with the item) otherwise.
    #[serde(default)]
    copy: String,
    /// `receipt` for an 80 mm till roll; an A6 envelope otherwise.
    #[serde(default)]
    paper: String,
}

/// A job's ticket, to print: its code, the item and its condition, when it was taken in and
/// promised, the estimate and the deposit. The shop's copy names the customer (the item must go
/// back to them); the customer's copy carries the shop's details instead and nothing about the
/// customer. No address, phone or email of the customer is ever on it.
async fn ticket(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    Query(at): Query<TicketAt>,
) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    let id = RepairId::parse(&id).map_err(|_| PageError::NotFound)?;
    let actor = session.signed_in.actor()?.clone();
    let job = state.run(move |vault| vault.job_ticket(&actor, id)).await?;
    let repair = &job.repair;
    let customer_copy = at.copy == "customer";
    let paper = if at.paper == "receipt" { "receipt" } else { "a6" };
    let href = |copy: &str, paper: &str| format!("/workshop/{id}/ticket?copy={copy}&paper={paper}");
    let copy_name = if customer_copy { "customer" } else { "shop" };
    let (shop_name, contact) = (state.vault.shop_name(), state.vault.shop_contact());
    let row = |label: T, value: Option<String>| html! { @if let Some(value) = value { dt { (tr(language, label)) } dd { (value) } } };
    let kind = match repair.kind {
        JobKind::Repair => T::KindRepair,
        JobKind::Appraisal => T::KindAppraisal,
        JobKind::CustomOrder => T::KindCustomOrder,
    };
    let content = html! {
        div.no-print {
            h1 { (tr(language, T::PrintTicket)) " " (repair.ticket) }
            nav.print-choices aria-label=(tr(language, T::PrintTicket)) {
                a aria-current=[(!customer_copy).then_some("page")] href=(href("shop", paper)) { (tr(language, T::ShopCopy)) }
                a aria-current=[customer_copy.then_some("page")] href=(href("customer", paper)) { (tr(language, T::CustomerCopy)) }
                a aria-current=[(paper == "a6").then_some("page")] href=(href(copy_name, "a6")) { (tr(language, T::EnvelopeA6)) }
                a aria-current=[(paper == "receipt").then_some("page")] href=(href(copy_name, "receipt")) { (tr(language, T::Receipt80)) }
                button type="button" data-print { (tr(language, T::Print)) }
            }
            p { a href={ "/customers/" (repair.customer_id) "?purpose=repair#job-" (repair.id) } { (tr(language, T::Back)) } }
        }
        article class={ "ticket-print " (paper) } {
            @if customer_copy {
                div.shop {
                    strong { (if shop_name.is_empty() { "Strongroom" } else { shop_name }) }
                    @if let Some(address) = &contact.address { br; (address) }
                    @if let Some(phone) = &contact.phone { br; (phone) }
                }
            }
            p.muted { (tr(language, kind)) }
            p.code { strong.ticket { (repair.ticket) } }
            dl {
                (row(T::Item, Some(repair.item_description.to_string())))
                (row(T::Condition, repair.condition.as_ref().map(ToString::to_string)))
                (row(T::TakenInOn, Some(day(language, repair.received_on))))
                (row(T::Promised, repair.promised_on.map(|d| day(language, d))))
                (row(T::Estimate, repair.estimate.map(|money| amount(language, money))))
                (row(T::Deposit, repair.deposit.map(|money| amount(language, money))))
                @if !customer_copy { (row(T::Name, Some(job.customer_name.to_string()))) }
            }
            @if customer_copy { p { (tr(language, T::BringThisTicket)) } }
        }
    };
    Ok(page(&format!("{} {}", tr(language, T::Ticket), repair.ticket), Some(&session), content).into_response())
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
