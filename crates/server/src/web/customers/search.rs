//! Finding a customer: the search box (through the blind indexes, posted so nothing searched for
//! lands in a URL) and its results.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use maud::{Markup, html};
use serde::Deserialize;
use strongroom_app::{AppError, CustomerQuery, WorkshopJob};
use strongroom_domain::{Customer, CustomerId, DomainError, EmailAddress, Language, Permission, PhoneE164, TicketCode};

use super::SEARCH_PAGE;
use crate::ServerState;
use crate::web::i18n::{T, tr};
use crate::web::parts::{self, status_name};
use crate::web::{Form, PageError, Ready, csrf_field, page};

/// This family's pages.
pub(super) fn routes() -> Router<Arc<ServerState>> {
    Router::new().route("/customers", get(search_page).post(search))
}

// ---------------------------------------------------------------------------------------------
// Search

#[derive(Deserialize, Default)]
struct SearchForm {
    #[serde(default)]
    q: String,
    #[serde(default)]
    csrf: String,
}

/// The search box of the start page and of this page. It posts: what is searched for (a name,
/// an email, a phone number) stays out of URLs, browser history and proxy logs.
pub fn search_form(language: Language, value: &str, csrf: &str) -> Markup {
    html! {
        form.search method="post" action="/customers" role="search" {
            (csrf_field(csrf))
            label for="q" { (tr(language, T::SearchLabel)) }
            div.row {
                input type="search" id="q" name="q" value=(value) autocomplete="off" required;
                button type="submit" { (tr(language, T::Search)) }
            }
            p.muted { (tr(language, T::SearchHint)) }
        }
    }
}

/// The customers found, with what tells two namesakes apart without opening a record: the town,
/// the year of birth and the last visit, beside the contact details the role may see. Each name
/// links where `href` says.
pub(super) fn found_table(
    language: Language,
    found: &[Customer],
    last_visits: &HashMap<CustomerId, time::Date>,
    href: impl Fn(&Customer) -> String,
) -> Markup {
    html! {
        table {
            thead { tr {
                th { (tr(language, T::Name)) } th { (tr(language, T::Town)) } th { (tr(language, T::Born)) }
                th { (tr(language, T::LastVisit)) } th { (tr(language, T::Email)) } th { (tr(language, T::Phone)) }
            } }
            tbody {
                @for customer in found {
                    tr {
                        td { a href=(href(customer)) { (customer.name.as_str()) } }
                        td { (customer.address.as_ref().and_then(|address| address.town()).unwrap_or("")) }
                        td { (customer.birth_date.map(|born| born.year().to_string()).unwrap_or_default()) }
                        td { (last_visits.get(&customer.id).map(|date| parts::day(language, *date)).unwrap_or_default()) }
                        td { (customer.email.as_ref().map(|e| e.as_str()).unwrap_or("")) }
                        td { (customer.phone.as_ref().map(|p| p.as_str()).unwrap_or("")) }
                    }
                }
            }
        }
    }
}

/// What was typed: an email address, a phone number, or words of a name.
pub(super) fn classify(text: &str, country: strongroom_domain::Country) -> Result<CustomerQuery, DomainError> {
    let text = text.trim();
    if text.contains('@') {
        return Ok(CustomerQuery::Email(EmailAddress::parse(text)?));
    }
    let digits = text.chars().filter(char::is_ascii_digit).count();
    if digits >= 6 && text.chars().all(|c| c.is_ascii_digit() || " +-()./".contains(c)) {
        return Ok(CustomerQuery::Phone(PhoneE164::parse(text, country)?));
    }
    Ok(CustomerQuery::Name(text.to_owned()))
}

async fn search_page(state: State<Arc<ServerState>>, ready: Ready) -> Result<Response, PageError> {
    search_results(state, ready, SearchForm::default()).await
}

async fn search(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Form(query): Form<SearchForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &query.csrf)?;
    search_results(State(state), Ready(session), query).await
}

async fn search_results(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    mut query: SearchForm,
) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    let actor = session.signed_in.actor()?.clone();
    let may_add = actor.may(Permission::CustomerWrite);
    let mut problem = None;
    let mut found: Option<Vec<Customer>> = None;
    let mut last_visits = HashMap::new();
    let mut job: Option<Option<WorkshopJob>> = None;
    let mut more = false;
    let ticket = TicketCode::parse(&query.q).ok().filter(|_| actor.may(Permission::RepairRead));
    if let Some(ticket) = ticket {
        // A ticket code finds its job (and whose it is).
        job = Some(state.run(move |vault| vault.find_job(&actor, &ticket)).await?);
    } else if strongroom_domain::contains_card_number(&query.q) {
        // Never searched for, never sent back.
        problem = Some(tr(language, T::CardNumberRefused).to_owned());
        query.q.clear();
    } else if !query.q.trim().is_empty() {
        match classify(&query.q, state.vault.settings().default_country) {
            Ok(search) => match state.run(move |vault| vault.find_customers_page(&actor, &search, None, None, SEARCH_PAGE)).await {
                Ok(page) => {
                    more = page.more;
                    found = Some(page.customers);
                    last_visits = page.last_visits;
                }
                Err(AppError::Invalid(error)) => problem = Some(crate::web::parts::domain_problem(language, &error)),
                Err(AppError::Denied { .. }) => problem = Some(tr(language, T::NotAllowed).to_owned()),
                Err(other) => return Err(other.into()),
            },
            Err(error) => problem = Some(crate::web::parts::domain_problem(language, &error)),
        }
    }
    let content = html! {
        h1 { (tr(language, T::Customers)) }
        (search_form(language, &query.q, &session.csrf))
        @if let Some(problem) = problem { p.error role="alert" { (problem) } }
        @if let Some(job) = &job {
            @match job {
                Some(job) => {
                    p role="status" {
                        strong.ticket { (job.repair.ticket) } " " (job.repair.item_description.as_str()) " · "
                        (status_name(language, job.repair.status)) " · "
                        a href={ "/customers/" (job.repair.customer_id) "?purpose=repair#job-" (job.repair.id) } { (job.customer_name.as_str()) }
                    }
                }
                None => { p role="status" { (tr(language, T::NoMatch)) } }
            }
        }
        @if let Some(found) = &found {
            @if found.is_empty() {
                p role="status" { (tr(language, T::NoMatch)) }
            } @else {
                p role="status" { (found.len()) @if more { "+" } " " (tr(language, T::Found)) }
                @if more { p.notice { (tr(language, T::MoreMatch)) } }
                (found_table(language, found, &last_visits, |customer| format!("/customers/{}", customer.id)))
            }
        }
        @if may_add { p { a.button href="/customers/new" { (tr(language, T::NewCustomer)) } } }
    };
    Ok(page(tr(language, T::Customers), Some(&session), content).into_response())
}
