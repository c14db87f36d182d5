//! Identity checks for high-value sales (AML): the form with the rule that asks for one, and
//! the records (owner and privacy officer, after a step-up).

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use maud::{Markup, html};
use serde::Deserialize;
use strongroom_app::{AppError, NewAmlRecord};
use strongroom_domain::{AmlRulePack, CustomerId, IdDocumentNumber, IdDocumentType, IssuingCountry, PurchaseId, ShortText, parse_date};

use super::{customer_id, stated_purpose};
use crate::ServerState;
use crate::web::i18n::{T, tr};
use crate::web::parts::{FieldErrors, Problems, Submitted, day, form_problem, input, iso_day, save, today};
use crate::web::{Form, PageError, Ready, Session, csrf_field, page};

/// This family's pages.
pub(super) fn routes() -> Router<Arc<ServerState>> {
    Router::new().route("/customers/{id}/aml", get(aml_records)).route("/customers/{id}/aml/new", get(aml_page).post(record_aml))
}

// ---------------------------------------------------------------------------------------------
// AML identity checks

#[derive(Deserialize, Default)]
struct AmlForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    document_type: String,
    #[serde(default)]
    document_number: String,
    #[serde(default)]
    document_country: String,
    #[serde(default)]
    transaction_reference: String,
    #[serde(default)]
    transaction_date: String,
    /// The sale the check is for, when it came from one (carried, not typed).
    #[serde(default)]
    sale: String,
}

#[derive(Deserialize)]
struct AmlQuery {
    sale: Option<String>,
    /// A reference to fill in; a sale's id here (as older links wrote it) names the sale.
    reference: Option<String>,
}

impl Submitted for AmlForm {
    fn values(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("document_type", &self.document_type),
            ("document_number", &self.document_number),
            ("document_country", &self.document_country),
            ("transaction_reference", &self.transaction_reference),
            ("transaction_date", &self.transaction_date),
        ]
    }
}

fn aml_form(session: &Session, id: CustomerId, form: &AmlForm, errors: &FieldErrors, rules: &AmlRulePack) -> Markup {
    let language = session.signed_in.language();
    html! {
        h1 { (tr(language, T::RecordIdCheck)) }
        p.notice { strong { (tr(language, T::RuleThatAsks)) " (" (rules.code) "): " } (rules.rule_in(language)) }
        (form_problem(errors))
        form method="post" action={ "/customers/" (id) "/aml/new" } novalidate {
            (csrf_field(&session.csrf))
            @if !form.sale.is_empty() { input type="hidden" name="sale" value=(form.sale); }
            label for="document_type" { (tr(language, T::DocumentType)) }
            select id="document_type" name="document_type" required aria-invalid=[errors.get("document_type").map(|_| "true")] {
                @for kind in IdDocumentType::ALL { option value=(kind.as_str()) selected[form.document_type == kind.as_str()] { (crate::web::parts::document_name(language, kind)) } }
            }
            @if let Some(message) = errors.get("document_type") { p.error role="alert" { (message) } }
            (input(language, T::DocumentNumber, "document_number", &form.document_number, errors, "text", true))
            (input(language, T::DocumentCountry, "document_country", &form.document_country, errors, "text", true))
            (input(language, T::TransactionReference, "transaction_reference", &form.transaction_reference, errors, "text", true))
            (input(language, T::TransactionDate, "transaction_date", &form.transaction_date, errors, "date", true))
            button type="submit" { (tr(language, T::Save)) }
        }
    }
}

async fn aml_page(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    Query(query): Query<AmlQuery>,
) -> Result<Response, PageError> {
    let id = customer_id(&id)?;
    let sale = query.sale.as_deref().or(query.reference.as_deref()).and_then(|text| PurchaseId::parse(text).ok());
    // A check for a sale is referenced by the sale's receipt number, which the customer's
    // receipt shows too.
    let transaction_reference = match sale {
        Some(sale) => sale.receipt_number(),
        None => query.reference.unwrap_or_default(),
    };
    let form = AmlForm {
        transaction_reference,
        transaction_date: iso_day(today()),
        sale: sale.map(|sale| sale.to_string()).unwrap_or_default(),
        ..AmlForm::default()
    };
    let content = aml_form(&session, id, &form, &FieldErrors::default(), &state.vault.settings().aml_rules);
    Ok(page(tr(session.signed_in.language(), T::RecordIdCheck), Some(&session), content).into_response())
}

async fn record_aml(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    Form(form): Form<AmlForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    let language = session.signed_in.language();
    let id = customer_id(&id)?;
    let refused = |errors: FieldErrors| {
        let content = aml_form(&session, id, &form, &errors, &state.vault.settings().aml_rules);
        (StatusCode::UNPROCESSABLE_ENTITY, page(tr(language, T::RecordIdCheck), Some(&session), content)).into_response()
    };
    // Every problem at once, each next to its field.
    let mut problems = Problems::default();
    let document_type = problems.take(IdDocumentType::parse(&form.document_type));
    let document_number = problems.take(IdDocumentNumber::parse(&form.document_number));
    let document_country = problems.take(IssuingCountry::parse(&form.document_country));
    let verified_by = problems.take(ShortText::parse("verified_by", session.signed_in.username()));
    let transaction_reference = problems.take(ShortText::parse("transaction_reference", &form.transaction_reference));
    let transaction_date = problems.take(parse_date("transaction_date", &form.transaction_date));
    // Only ever the id the sale's link put there; anything else is not a page of ours.
    let sale = match form.sale.as_str() {
        "" => None,
        text => Some(PurchaseId::parse(text).map_err(|_| PageError::NotFound)?),
    };
    let parsed = problems.finish(|| {
        Some(NewAmlRecord {
            customer_id: id,
            document_type: document_type?,
            document_number: document_number?,
            document_country: document_country?,
            verified_by: verified_by?,
            transaction_reference: transaction_reference?,
            transaction_date: transaction_date?,
            sale,
        })
    });
    let actor = session.signed_in.actor()?.clone();
    let saving = move |vault: &strongroom_app::Vault, new| vault.add_aml_record(&actor, new);
    save(&state, language, &form, parsed, saving, |_| format!("/customers/{id}?saved=identity"), refused).await
}

/// The identity records: the owner and the privacy officer only, after confirming it is them.
async fn aml_records(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    let id = customer_id(&id)?;
    let purpose = match stated_purpose(&state, &session, &headers, id) {
        Ok(purpose) => purpose,
        Err(ask) => return Ok(ask.into_response()),
    };
    let actor = session.signed_in.actor()?.clone();
    let records = match state.run(move |vault| vault.aml_records(&actor, id, Some(&purpose))).await {
        Ok(records) => records,
        Err(AppError::StepUpRequired) => return Err(PageError::StepUp(format!("/customers/{id}/aml"))),
        Err(AppError::Denied { .. }) => return Err(PageError::Denied(tr(language, T::IdRecordsRefused).to_owned())),
        Err(other) => return Err(other.into()),
    };
    let content = html! {
        h1 { (tr(language, T::IdRecords)) }
        @if records.is_empty() { p.muted { (tr(language, T::NoneYet)) } } @else {
            table {
                thead { tr { th { (tr(language, T::DocumentType)) } th { (tr(language, T::DocumentNumber)) } th { (tr(language, T::DocumentCountry)) }
                    th { (tr(language, T::TransactionReference)) } th { (tr(language, T::TransactionDate)) } th { (tr(language, T::KeptUntil)) } } }
                tbody {
                    @for record in &records {
                        tr {
                            td { (crate::web::parts::document_name(language, record.document_type)) }
                            td { (record.document_number.as_str()) }
                            td { (record.document_country.as_str()) }
                            td { (record.transaction_reference.as_str()) }
                            td { (day(language, record.transaction_date)) }
                            td { (day(language, record.retention_ends)) }
                        }
                    }
                }
            }
        }
        p { a href={ "/customers/" (id) } { (tr(language, T::Back)) } }
    };
    Ok(page(tr(language, T::IdRecords), Some(&session), content).into_response())
}
