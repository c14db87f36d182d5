//! Merging a duplicate into a customer's record (owner and manager): find the other record of the
//! same person, see both side by side with what will happen, confirm it is you, merge. The
//! duplicate's purchases, jobs and identity records move to the kept record, the fields it leaves
//! empty take the duplicate's, and the duplicate's key is destroyed (`app::merge_customers`).

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::{Markup, html};
use serde::Deserialize;
use strongroom_app::{AppError, CustomerRecord};
use strongroom_domain::{CustomerId, Language, Permission, Purpose};

use super::customer_id;
use super::search::{classify, found_table};
use crate::ServerState;
use crate::web::i18n::{T, tr};
use crate::web::parts::day;
use crate::web::{Form, PageError, Ready, Session, csrf_field, page};

/// This family's pages.
pub(super) fn routes() -> Router<Arc<ServerState>> {
    Router::new()
        .route("/customers/{id}/merge", get(merge_page))
        .route("/customers/{id}/merge/find", post(find_duplicate))
        .route("/customers/{id}/merge/{with}", get(confirm_page).post(merge))
}

/// Why records are opened here, as the trail records it: keeping them accurate (GDPR Art. 5(1)(d)).
const PURPOSE: &str = "data_quality";

#[derive(Deserialize, Default)]
struct FindForm {
    #[serde(default)]
    q: String,
    #[serde(default)]
    csrf: String,
}

#[derive(Deserialize, Default)]
struct MergeForm {
    #[serde(default)]
    csrf: String,
}

fn allowed(session: &Session) -> Result<(), PageError> {
    if session.signed_in.role().allows(Permission::CustomerMerge) {
        Ok(())
    } else {
        Err(PageError::Denied(tr(session.signed_in.language(), T::NotAllowedToMerge).to_owned()))
    }
}

fn find_form(language: Language, id: CustomerId, value: &str, csrf: &str) -> Markup {
    html! {
        form.search method="post" action={ "/customers/" (id) "/merge/find" } role="search" {
            (csrf_field(csrf))
            label for="q" { (tr(language, T::MergeFind)) }
            div.row {
                input type="search" id="q" name="q" value=(value) autocomplete="off" required;
                button type="submit" { (tr(language, T::Search)) }
            }
        }
    }
}

async fn merge_page(Ready(session): Ready, Path(id): Path<String>) -> Result<Response, PageError> {
    allowed(&session)?;
    let language = session.signed_in.language();
    let id = customer_id(&id)?;
    let content = html! {
        h1 { (tr(language, T::MergeTitle)) }
        p { (tr(language, T::MergeHint)) }
        (find_form(language, id, "", &session.csrf))
        p { a href={ "/customers/" (id) } { (tr(language, T::Back)) } }
    };
    Ok(page(tr(language, T::MergeTitle), Some(&session), content).into_response())
}

async fn confirm_page(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path((id, with)): Path<(String, String)>,
) -> Result<Response, PageError> {
    allowed(&session)?;
    let language = session.signed_in.language();
    let (id, with) = (customer_id(&id)?, customer_id(&with)?);
    let purpose: Purpose = state.vault.purposes().parse(PURPOSE).map_err(|error| PageError::Internal(error.to_string()))?;
    let actor = session.signed_in.actor()?.clone();
    let (kept, duplicate) = state
        .run(move |vault| Ok::<_, AppError>((vault.show_customer(&actor, id, &purpose)?, vault.show_customer(&actor, with, &purpose)?)))
        .await?;
    let content = confirmation(&session, &kept, &duplicate);
    Ok(page(tr(language, T::MergeConfirmTitle), Some(&session), content).into_response())
}

/// Both records side by side, what the merge does, and the button.
fn confirmation(session: &Session, kept: &CustomerRecord, duplicate: &CustomerRecord) -> Markup {
    let language = session.signed_in.language();
    let (a, b) = (&kept.customer, &duplicate.customer);
    let count = |record: &CustomerRecord| {
        format!(
            "{}: {} · {}: {}",
            tr(language, T::Purchases),
            record.purchases.as_ref().map_or(0, Vec::len),
            tr(language, T::Jobs),
            record.repairs.as_ref().map_or(0, Vec::len)
        )
    };
    let row = |label: T, left: Option<String>, right: Option<String>| {
        html! { tr { th { (tr(language, label)) } td { (left.unwrap_or_default()) } td { (right.unwrap_or_default()) } } }
    };
    html! {
        h1 { (tr(language, T::MergeConfirmTitle)) }
        table.merge {
            thead { tr { th {} th { (tr(language, T::KeptRecord)) } th { (tr(language, T::DuplicateRecord)) } } }
            tbody {
                (row(T::Name, Some(a.name.to_string()), Some(b.name.to_string())))
                (row(T::Email, a.email.as_ref().map(ToString::to_string), b.email.as_ref().map(ToString::to_string)))
                (row(T::Phone, a.phone.as_ref().map(ToString::to_string), b.phone.as_ref().map(ToString::to_string)))
                (row(T::Address, a.address.as_ref().map(ToString::to_string), b.address.as_ref().map(ToString::to_string)))
                (row(T::BirthDate, a.birth_date.map(|d| day(language, d)), b.birth_date.map(|d| day(language, d))))
                (row(T::Notes, a.notes.as_ref().map(ToString::to_string), b.notes.as_ref().map(ToString::to_string)))
                (row(T::Records, Some(count(kept)), Some(count(duplicate))))
            }
        }
        p { (tr(language, T::MergeWhat)) }
        p.warning { (tr(language, T::MergeFinal)) }
        form method="post" action={ "/customers/" (a.id) "/merge/" (b.id) } {
            (csrf_field(&session.csrf))
            button type="submit" { (tr(language, T::MergeButton)) }
        }
        p {
            a href={ "/customers/" (b.id) "/merge/" (a.id) } { (tr(language, T::KeepTheOther)) } " · "
            a href={ "/customers/" (a.id) } { (tr(language, T::Back)) }
        }
    }
}

async fn find_duplicate(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    Form(form): Form<FindForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    allowed(&session)?;
    let language = session.signed_in.language();
    let id = customer_id(&id)?;
    let mut problem = None;
    let mut found = None;
    if strongroom_domain::contains_card_number(&form.q) {
        problem = Some(tr(language, T::CardNumberRefused).to_owned());
    } else {
        match classify(&form.q, state.vault.settings().default_country) {
            Ok(search) => {
                let actor = session.signed_in.actor()?.clone();
                match state.run(move |vault| vault.find_customers_page(&actor, &search, None, None, super::SEARCH_PAGE)).await {
                    Ok(mut page) => {
                        page.customers.retain(|customer| customer.id != id);
                        found = Some(page);
                    }
                    Err(AppError::Invalid(error)) => problem = Some(crate::web::parts::domain_problem(language, &error)),
                    Err(other) => return Err(other.into()),
                }
            }
            Err(error) => problem = Some(crate::web::parts::domain_problem(language, &error)),
        }
    }
    let shown_q = if problem.is_some() && strongroom_domain::contains_card_number(&form.q) { "" } else { form.q.as_str() };
    let content = html! {
        h1 { (tr(language, T::MergeTitle)) }
        p { (tr(language, T::MergeHint)) }
        (find_form(language, id, shown_q, &session.csrf))
        @if let Some(problem) = problem { p.error role="alert" { (problem) } }
        @if let Some(found) = &found {
            @if found.customers.is_empty() {
                p role="status" { (tr(language, T::NoMatch)) }
            } @else {
                p.muted { (tr(language, T::MergeChoose)) }
                (found_table(language, &found.customers, &found.last_visits, |customer| format!("/customers/{id}/merge/{}", customer.id)))
            }
        }
        p { a href={ "/customers/" (id) } { (tr(language, T::Back)) } }
    };
    Ok(page(tr(language, T::MergeTitle), Some(&session), content).into_response())
}

async fn merge(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path((id, with)): Path<(String, String)>,
    Form(form): Form<MergeForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    allowed(&session)?;
    let (id, with) = (customer_id(&id)?, customer_id(&with)?);
    let actor = session.signed_in.actor()?.clone();
    match state.run(move |vault| vault.merge_customers(&actor, id, with)).await {
        Ok(_) => Ok(Redirect::to(&format!("/customers/{id}?saved=merge")).into_response()),
        // Confirming it is them brings the person back to the same confirmation.
        Err(AppError::StepUpRequired) => Err(PageError::StepUp(format!("/customers/{id}/merge/{with}"))),
        Err(other) => Err(other.into()),
    }
}
