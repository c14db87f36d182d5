//! Taking in a repair, an appraisal or a custom order.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use maud::{Markup, html};
use serde::Deserialize;
use strongroom_app::NewRepair;
use strongroom_domain::{CustomerId, FreeText, JobKind, Money, parse_date};

use super::customer_id;
use crate::ServerState;
use crate::web::i18n::{T, tr};
use crate::web::parts::{FieldErrors, Problems, Submitted, form_problem, input, optional, save, today};
use crate::web::{Form, PageError, Ready, Session, csrf_field, page};

/// This family's pages.
pub(super) fn routes() -> Router<Arc<ServerState>> {
    Router::new().route("/customers/{id}/repairs/new", get(repair_page).post(take_in))
}

// ---------------------------------------------------------------------------------------------
// A job intake

#[derive(Deserialize, Default)]
struct RepairForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    item_description: String,
    #[serde(default)]
    condition: String,
    #[serde(default)]
    valuation: String,
    #[serde(default)]
    estimate: String,
    #[serde(default)]
    deposit: String,
    #[serde(default)]
    promised_on: String,
}

impl Submitted for RepairForm {
    fn values(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("kind", &self.kind),
            ("item_description", &self.item_description),
            ("condition", &self.condition),
            ("valuation", &self.valuation),
            ("estimate", &self.estimate),
            ("deposit", &self.deposit),
            ("promised_on", &self.promised_on),
        ]
    }
}

fn repair_form(session: &Session, id: CustomerId, form: &RepairForm, errors: &FieldErrors) -> Markup {
    let language = session.signed_in.language();
    html! {
        h1 { (tr(language, T::TakeInJob)) }
        (form_problem(errors))
        form method="post" action={ "/customers/" (id) "/repairs/new" } novalidate {
            (csrf_field(&session.csrf))
            label for="kind" { (tr(language, T::JobKind)) }
            select id="kind" name="kind" {
                @for (kind, label) in [(JobKind::Repair, T::KindRepair), (JobKind::Appraisal, T::KindAppraisal), (JobKind::CustomOrder, T::KindCustomOrder)] {
                    option value=(kind.as_str()) selected[form.kind == kind.as_str()] { (tr(language, label)) }
                }
            }
            (input(language, T::Item, "item_description", &form.item_description, errors, "text", true))
            (input(language, T::Condition, "condition", &form.condition, errors, "text", false))
            (input(language, T::Valuation, "valuation", &form.valuation, errors, "text", false))
            (input(language, T::Estimate, "estimate", &form.estimate, errors, "text", false))
            (input(language, T::Deposit, "deposit", &form.deposit, errors, "text", false))
            (input(language, T::Promised, "promised_on", &form.promised_on, errors, "date", false))
            button type="submit" { (tr(language, T::Save)) }
        }
    }
}

async fn repair_page(Ready(session): Ready, Path(id): Path<String>) -> Result<Response, PageError> {
    let id = customer_id(&id)?;
    let content = repair_form(&session, id, &RepairForm::default(), &FieldErrors::default());
    Ok(page(tr(session.signed_in.language(), T::TakeInJob), Some(&session), content).into_response())
}

async fn take_in(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    Form(form): Form<RepairForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    let language = session.signed_in.language();
    let id = customer_id(&id)?;
    let currency = state.vault.settings().currency;
    let refused = |errors: FieldErrors| {
        let content = repair_form(&session, id, &form, &errors);
        (StatusCode::UNPROCESSABLE_ENTITY, page(tr(language, T::TakeInJob), Some(&session), content)).into_response()
    };
    let mut problems = Problems::default();
    let kind = problems.take(JobKind::parse(&form.kind));
    let item_description = problems.take(FreeText::parse("item_description", &form.item_description));
    let condition = problems.take(optional(&form.condition, |text| FreeText::parse("condition", text)));
    let money = |field: &'static str, text: &str| optional(text, |text| Money::parse_local(field, text, currency, language));
    let valuation = problems.take(money("valuation", &form.valuation));
    let estimate = problems.take(money("estimate", &form.estimate));
    let deposit = problems.take(money("deposit", &form.deposit));
    let promised_on = problems.take(optional(&form.promised_on, |text| parse_date("promised_on", text)));
    let parsed = problems.finish(|| {
        Some(NewRepair {
            customer_id: id,
            kind: kind?,
            item_description: item_description?,
            condition: condition?,
            valuation: valuation?,
            estimate: estimate?,
            deposit: deposit?,
            received_on: today(),
            promised_on: promised_on?,
        })
    });
    let actor = session.signed_in.actor()?.clone();
    let saving = move |vault: &strongroom_app::Vault, new| vault.add_repair(&actor, new);
    // Back at the customer's page, at the new job, whose row offers its ticket to print.
    save(&state, language, &form, parsed, saving, |taken| format!("/customers/{id}?saved=job#job-{}", taken.id), refused).await
}
