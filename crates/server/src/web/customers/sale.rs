//! Recording a sale, with the identity check a cash sale over the threshold needs.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use maud::{Markup, html};
use serde::Deserialize;
use strongroom_app::NewPurchase;
use strongroom_domain::{
    AmlRulePack, CardBrand, CardExpiry, CustomerId, DomainError, FreeText, LastFour, Money, PaymentReference, ProcessorToken, PurchaseItem,
    ShortText,
};

use super::{customer_id, relabel};
use crate::ServerState;
use crate::web::i18n::{T, tr};
use crate::web::parts::{FieldErrors, Submitted, form_problem, input, optional, save, today};
use crate::web::{Form, PageError, Ready, Session, csrf_field, page};

/// This family's pages.
pub(super) fn routes() -> Router<Arc<ServerState>> {
    Router::new().route("/customers/{id}/purchases/new", get(purchase_page).post(record_purchase))
}

// ---------------------------------------------------------------------------------------------
// A sale

#[derive(Deserialize, Default)]
struct PurchaseForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    item: String,
    #[serde(default)]
    metal: String,
    #[serde(default)]
    stones: String,
    #[serde(default)]
    certificate: String,
    #[serde(default)]
    total: String,
    #[serde(default)]
    paid_in_cash: Option<String>,
    #[serde(default)]
    engraving: String,
    #[serde(default)]
    processor_token: String,
    #[serde(default)]
    card_brand: String,
    #[serde(default)]
    last_four: String,
    #[serde(default)]
    expiry: String,
}

impl Submitted for PurchaseForm {
    fn values(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("item", &self.item),
            ("metal", &self.metal),
            ("stones", &self.stones),
            ("certificate", &self.certificate),
            ("total", &self.total),
            ("engraving", &self.engraving),
            ("processor_token", &self.processor_token),
            ("card_brand", &self.card_brand),
            ("last_four", &self.last_four),
            ("expiry", &self.expiry),
        ]
    }
}

fn purchase_form(session: &Session, id: CustomerId, form: &PurchaseForm, errors: &FieldErrors, rules: &AmlRulePack) -> Markup {
    let language = session.signed_in.language();
    html! {
        h1 { (tr(language, T::RecordSale)) }
        (form_problem(errors))
        form method="post" action={ "/customers/" (id) "/purchases/new" } novalidate {
            (csrf_field(&session.csrf))
            fieldset {
                legend { (tr(language, T::Item)) }
                (input(language, T::Description, "item", &form.item, errors, "text", true))
                (input(language, T::Metal, "metal", &form.metal, errors, "text", false))
                (input(language, T::Stones, "stones", &form.stones, errors, "text", false))
                (input(language, T::Certificate, "certificate", &form.certificate, errors, "text", false))
            }
            (input(language, T::Total, "total", &form.total, errors, "text", true))
            label.check { input type="checkbox" name="paid_in_cash" value="yes" checked[form.paid_in_cash.is_some()]; " " (tr(language, T::PaidInCash)) }
            p.muted { (rules.rule) }
            (input(language, T::Engraving, "engraving", &form.engraving, errors, "text", false))
            fieldset {
                legend { (tr(language, T::CardPayment)) }
                p.muted { (tr(language, T::CardPaymentHint)) }
                (input(language, T::ProcessorToken, "processor_token", &form.processor_token, errors, "text", false))
                label for="card_brand" { (tr(language, T::CardBrand)) }
                select id="card_brand" name="card_brand" {
                    option value="" { "—" }
                    @for brand in CardBrand::ALL { option value=(brand.as_str()) selected[form.card_brand == brand.as_str()] { (brand.as_str()) } }
                }
                @if let Some(message) = errors.get("card_brand") { p.error role="alert" { (message) } }
                (input(language, T::LastFour, "last_four", &form.last_four, errors, "text", false))
                (input(language, T::Expiry, "expiry", &form.expiry, errors, "text", false))
            }
            button type="submit" { (tr(language, T::Save)) }
        }
    }
}

async fn purchase_page(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = customer_id(&id)?;
    let rules = state.vault.settings().aml_rules;
    let content = purchase_form(&session, id, &PurchaseForm::default(), &FieldErrors::default(), &rules);
    Ok(page(tr(session.signed_in.language(), T::RecordSale), Some(&session), content).into_response())
}

fn parse_purchase(form: &PurchaseForm, id: CustomerId, currency: strongroom_domain::Currency) -> Result<NewPurchase, DomainError> {
    let item = PurchaseItem {
        description: ShortText::parse("item", &form.item)?,
        metal: optional(&form.metal, |text| ShortText::parse("metal", text))?,
        stones: optional(&form.stones, |text| ShortText::parse("stones", text))?,
        certificate_number: optional(&form.certificate, |text| ShortText::parse("certificate", text))?,
    };
    let card = [&form.processor_token, &form.card_brand, &form.last_four].iter().any(|value| !value.trim().is_empty());
    let payment = if card {
        Some(PaymentReference {
            processor_token: ProcessorToken::parse(&form.processor_token)?,
            brand: CardBrand::parse(&form.card_brand)?,
            last_four: LastFour::parse(&form.last_four).map_err(|error| relabel(error, "last_four"))?,
            expiry: optional(&form.expiry, CardExpiry::parse).map_err(|error| relabel(error, "expiry"))?,
        })
    } else {
        None
    };
    Ok(NewPurchase {
        customer_id: id,
        purchased_on: today(),
        items: vec![item],
        total: Money::parse("total", &form.total, currency)?,
        paid_in_cash: form.paid_in_cash.is_some(),
        engraving: optional(&form.engraving, |text| FreeText::parse("engraving", text))?,
        payment,
    })
}

async fn record_purchase(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    Form(form): Form<PurchaseForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    let language = session.signed_in.language();
    let id = customer_id(&id)?;
    let settings = state.vault.settings();
    let refused = |errors: FieldErrors| {
        let content = purchase_form(&session, id, &form, &errors, &settings.aml_rules);
        (StatusCode::UNPROCESSABLE_ENTITY, page(tr(language, T::RecordSale), Some(&session), content)).into_response()
    };
    let parsed = parse_purchase(&form, id, settings.currency).map_err(|error| vec![error]);
    let needs_check = parsed.as_ref().is_ok_and(|new| settings.aml_rules.requires_check(new.total, new.paid_in_cash));
    let actor = session.signed_in.actor()?.clone();
    let saving = move |vault: &strongroom_app::Vault, new| vault.add_purchase(&actor, new);
    // The AML rule's check follows at once, with the sale as its reference.
    let saved = |purchase| if needs_check { format!("/customers/{id}/aml/new?reference={purchase}") } else { format!("/customers/{id}") };
    save(&state, language, &form, parsed, saving, saved, refused).await
}
