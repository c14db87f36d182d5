//! Recording a sale of one or more pieces (with the identity check a cash sale over the threshold
//! needs), its receipt, and putting it right afterwards: a void or a refund with its reason,
//! next to the sale, which itself never changes.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use maud::{Markup, html};
use serde::Deserialize;
use strongroom_app::{NewCorrection, NewPurchase};
use strongroom_domain::{
    AmlRulePack, CardBrand, CardExpiry, CorrectionKind, Currency, CustomerId, DomainError, FreeText, Language, LastFour, Money,
    PaymentReference, Permission, ProcessorToken, Purchase, PurchaseId, PurchaseItem, Purpose, SaleState, ShortText,
};

use super::{customer_id, relabel};
use crate::ServerState;
use crate::web::i18n::{T, tr};
use crate::web::parts::{FieldErrors, Problems, Submitted, amount, day, form_problem, input, moment, optional, save, textarea, today};
use crate::web::{Form, PageError, Ready, Session, csrf_field, page};

/// This family's pages.
pub(super) fn routes() -> Router<Arc<ServerState>> {
    Router::new()
        .route("/customers/{id}/purchases/new", get(purchase_page).post(record_purchase))
        .route("/customers/{id}/purchases/{purchase}/receipt", get(receipt))
        .route("/customers/{id}/purchases/{purchase}/correct", get(correction_page).post(correct))
}

// ---------------------------------------------------------------------------------------------
// A sale

/// The most pieces the page takes in one sale (the API takes up to the domain's limit).
const MAX_ROWS: usize = 12;
/// Rows the form shows at first.
const FIRST_ROWS: usize = 3;

/// The names of each item row's fields, made at compile time: a form field's name is what the
/// domain's errors are keyed by, so it must live as long as the program.
macro_rules! item_fields {
    ($($n:literal)*) => {
        [$([
            concat!("item", $n, "_description"),
            concat!("item", $n, "_metal"),
            concat!("item", $n, "_stones"),
            concat!("item", $n, "_certificate"),
            concat!("item", $n, "_price"),
        ],)*]
    };
}
const ITEM_FIELDS: [[&str; 5]; MAX_ROWS] = item_fields!(1 2 3 4 5 6 7 8 9 10 11 12);

#[derive(Default, Clone)]
struct ItemRow {
    description: String,
    metal: String,
    stones: String,
    certificate: String,
    price: String,
}

impl ItemRow {
    fn is_empty(&self) -> bool {
        [&self.description, &self.metal, &self.stones, &self.certificate, &self.price].iter().all(|value| value.trim().is_empty())
    }

    fn values(&self) -> [&str; 5] {
        [&self.description, &self.metal, &self.stones, &self.certificate, &self.price]
    }
}

#[derive(Default)]
struct PurchaseForm {
    csrf: String,
    rows: Vec<ItemRow>,
    total: String,
    paid_in_cash: bool,
    engraving: String,
    note: String,
    processor_token: String,
    card_brand: String,
    last_four: String,
    expiry: String,
    /// "Add another item" was pressed: show the form again with one more row, save nothing.
    more: bool,
}

impl PurchaseForm {
    fn new() -> PurchaseForm {
        PurchaseForm { rows: vec![ItemRow::default(); FIRST_ROWS], ..PurchaseForm::default() }
    }

    /// Reads the posted fields by name; the rows are as many as the form showed (`rows`).
    fn from_pairs(pairs: Vec<(String, String)>) -> PurchaseForm {
        let mut fields: HashMap<String, String> = HashMap::new();
        for (name, value) in pairs {
            fields.entry(name).or_insert(value);
        }
        let mut take = |name: &str| fields.remove(name).unwrap_or_default();
        let shown: usize = take("rows").trim().parse().unwrap_or(FIRST_ROWS).clamp(1, MAX_ROWS);
        let rows = ITEM_FIELDS[..shown]
            .iter()
            .map(|[description, metal, stones, certificate, price]| ItemRow {
                description: take(description),
                metal: take(metal),
                stones: take(stones),
                certificate: take(certificate),
                price: take(price),
            })
            .collect();
        PurchaseForm {
            csrf: take("csrf"),
            rows,
            total: take("total"),
            paid_in_cash: !take("paid_in_cash").is_empty(),
            engraving: take("engraving"),
            note: take("note"),
            processor_token: take("processor_token"),
            card_brand: take("card_brand"),
            last_four: take("last_four"),
            expiry: take("expiry"),
            more: !take("more").is_empty(),
        }
    }
}

impl Submitted for PurchaseForm {
    fn values(&self) -> Vec<(&'static str, &str)> {
        let mut values: Vec<(&'static str, &str)> =
            self.rows.iter().zip(ITEM_FIELDS).flat_map(|(row, names)| names.into_iter().zip(row.values())).collect();
        values.extend([
            ("items", ""),
            ("total", self.total.as_str()),
            ("engraving", &self.engraving),
            ("note", &self.note),
            ("processor_token", &self.processor_token),
            ("card_brand", &self.card_brand),
            ("last_four", &self.last_four),
            ("expiry", &self.expiry),
        ]);
        values
    }
}

fn purchase_form(session: &Session, id: CustomerId, form: &PurchaseForm, errors: &FieldErrors, rules: &AmlRulePack) -> Markup {
    let language = session.signed_in.language();
    let cell = |name: &'static str, value: &str, label: T| {
        let error = errors.get(name);
        let error_id = format!("{name}-error");
        html! {
            td {
                input type="text" id=(name) name=(name) value=(errors.shown(name, value)) aria-label=(tr(language, label))
                    aria-invalid=[error.map(|_| "true")] aria-describedby=[error.map(|_| error_id.as_str())];
                @if let Some(message) = error { p.error id=(error_id) role="alert" { (message) } }
            }
        }
    };
    html! {
        h1 { (tr(language, T::RecordSale)) }
        (form_problem(errors))
        form method="post" action={ "/customers/" (id) "/purchases/new" } novalidate {
            (csrf_field(&session.csrf))
            input type="hidden" name="rows" value=(form.rows.len());
            fieldset {
                legend { (tr(language, T::Items)) }
                p.muted { (tr(language, T::ItemsHint)) }
                @if let Some(message) = errors.get("items") { p.error role="alert" { (message) } }
                table.items {
                    thead { tr {
                        th { (tr(language, T::Description)) } th { (tr(language, T::Metal)) } th { (tr(language, T::Stones)) }
                        th { (tr(language, T::Certificate)) } th { (tr(language, T::Price)) }
                    } }
                    tbody {
                        @for (row, [description, metal, stones, certificate, price]) in form.rows.iter().zip(ITEM_FIELDS) {
                            tr {
                                (cell(description, &row.description, T::Description))
                                (cell(metal, &row.metal, T::Metal))
                                (cell(stones, &row.stones, T::Stones))
                                (cell(certificate, &row.certificate, T::Certificate))
                                (cell(price, &row.price, T::Price))
                            }
                        }
                    }
                }
                @if form.rows.len() < MAX_ROWS {
                    button.secondary type="submit" name="more" value="1" formnovalidate { (tr(language, T::AddItem)) }
                }
            }
            (input(language, T::Total, "total", &form.total, errors, "text", false))
            p.muted { (tr(language, T::TotalHint)) }
            label.check { input type="checkbox" name="paid_in_cash" value="yes" checked[form.paid_in_cash]; " " (tr(language, T::PaidInCash)) }
            p.muted { (rules.rule_in(language)) }
            (input(language, T::Engraving, "engraving", &form.engraving, errors, "text", false))
            (textarea(language, T::SaleNote, "note", &form.note, errors))
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
    let content = purchase_form(&session, id, &PurchaseForm::new(), &FieldErrors::default(), &rules);
    Ok(page(tr(session.signed_in.language(), T::RecordSale), Some(&session), content).into_response())
}

/// An amount as the person types it in their language (`1.250,00`, `€ 1250`).
fn local_money(field: &'static str, text: &str, currency: Currency, language: Language) -> Result<Option<Money>, DomainError> {
    optional(text, |text| Money::parse_local(field, text, currency, language))
}

/// Every problem of the form at once: each item row's next to its fields, then the rest.
fn parse_purchase(form: &PurchaseForm, id: CustomerId, currency: Currency, language: Language) -> Result<NewPurchase, Vec<DomainError>> {
    let mut problems = Problems::default();
    let mut items = Vec::new();
    for (row, [description, metal, stones, certificate, price]) in form.rows.iter().zip(ITEM_FIELDS) {
        if row.is_empty() {
            continue;
        }
        let item = (
            problems.take(ShortText::parse("item", &row.description).map_err(|error| relabel(error, description))),
            problems.take(optional(&row.metal, |text| ShortText::parse(metal, text))),
            problems.take(optional(&row.stones, |text| ShortText::parse(stones, text))),
            problems.take(optional(&row.certificate, |text| ShortText::parse(certificate, text))),
            problems.take(local_money(price, &row.price, currency, language)),
        );
        if let (Some(description), Some(metal), Some(stones), Some(certificate_number), Some(price)) = item {
            items.push(PurchaseItem { description, metal, stones, certificate_number, price });
        }
    }
    if form.rows.iter().all(ItemRow::is_empty) {
        problems.take::<()>(Err(DomainError::invalid(ITEM_FIELDS[0][0], "name at least one item")));
    }
    let typed_total = problems.take(local_money("total", &form.total, currency, language));
    // Left empty, the total is what the priced pieces add up to, when every piece has a price.
    let total = typed_total.map(|typed| match typed {
        Some(total) => Ok(total),
        None if !items.is_empty() && items.iter().all(|item| item.price.is_some()) => {
            Money::from_minor_units("total", items.iter().filter_map(|item| item.price).map(|price| price.minor_units()).sum(), currency)
        }
        None => Err(DomainError::invalid("total", "give the total, or a price for every item")),
    });
    let total = total.and_then(|total| problems.take(total));
    let card = [&form.processor_token, &form.card_brand, &form.last_four].iter().any(|value| !value.trim().is_empty());
    let payment = if card {
        let token = problems.take(ProcessorToken::parse(&form.processor_token));
        let brand = problems.take(CardBrand::parse(&form.card_brand));
        let last_four = problems.take(LastFour::parse(&form.last_four).map_err(|error| relabel(error, "last_four")));
        let expiry = problems.take(optional(&form.expiry, CardExpiry::parse).map_err(|error| relabel(error, "expiry")));
        match (token, brand, last_four, expiry) {
            (Some(processor_token), Some(brand), Some(last_four), Some(expiry)) => {
                Some(Some(PaymentReference { processor_token, brand, last_four, expiry }))
            }
            _ => None,
        }
    } else {
        Some(None)
    };
    let engraving = problems.take(optional(&form.engraving, |text| FreeText::parse("engraving", text)));
    let note = problems.take(optional(&form.note, |text| FreeText::parse("note", text)));
    if let Some(total) = total.filter(|_| !items.is_empty()) {
        problems.take(Purchase::check_items(&items, total));
    }
    problems.finish(|| {
        Some(NewPurchase {
            customer_id: id,
            purchased_on: today(),
            items,
            total: total?,
            paid_in_cash: form.paid_in_cash,
            engraving: engraving?,
            payment: payment?,
            note: note?,
        })
    })
}

async fn record_purchase(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let mut form = PurchaseForm::from_pairs(pairs);
    session.check_csrf(&state, &form.csrf)?;
    let language = session.signed_in.language();
    let id = customer_id(&id)?;
    let settings = state.vault.settings();
    if form.more {
        form.rows.push(ItemRow::default());
        let content = purchase_form(&session, id, &form, &FieldErrors::default(), &settings.aml_rules);
        return Ok(page(tr(language, T::RecordSale), Some(&session), content).into_response());
    }
    let refused = |errors: FieldErrors| {
        let content = purchase_form(&session, id, &form, &errors, &settings.aml_rules);
        (StatusCode::UNPROCESSABLE_ENTITY, page(tr(language, T::RecordSale), Some(&session), content)).into_response()
    };
    let parsed = parse_purchase(&form, id, settings.currency, language);
    let needs_check = parsed.as_ref().is_ok_and(|new| settings.aml_rules.requires_check(new.total, new.paid_in_cash));
    let actor = session.signed_in.actor()?.clone();
    let saving = move |vault: &strongroom_app::Vault, new| vault.add_purchase(&actor, new);
    // The AML rule's check follows at once, for this sale; otherwise back to
    // the customer, at the new sale, whose row offers its receipt.
    let saved = |purchase| {
        if needs_check { format!("/customers/{id}/aml/new?sale={purchase}") } else { format!("/customers/{id}?saved=sale#sale-{purchase}") }
    };
    save(&state, language, &form, parsed, saving, saved, refused).await
}

// ---------------------------------------------------------------------------------------------
// One sale, for its receipt and its corrections

/// The sale `purchase` of customer `id`, read for `purpose` (recorded with the customer's other
/// purchases, as every read of them is).
async fn one_sale(
    state: &Arc<ServerState>,
    session: &Session,
    id: CustomerId,
    purchase: &str,
    purpose: &str,
) -> Result<Purchase, PageError> {
    let purchase = PurchaseId::parse(purchase).map_err(|_| PageError::NotFound)?;
    let purpose: Purpose = state.vault.purposes().parse(purpose).map_err(|_| PageError::NotFound)?;
    let actor = session.signed_in.actor()?.clone();
    let purchases = state.run(move |vault| vault.purchases(&actor, id, Some(&purpose))).await?;
    purchases.into_iter().find(|sale| sale.id == purchase).ok_or(PageError::NotFound)
}

/// What a sale's state is called on the pages, with what was refunded when part of it was.
pub(crate) fn sale_state(language: Language, sale: &Purchase) -> Option<String> {
    let refunded = Money::from_minor_units("refunded", sale.refunded(), sale.total.currency()).ok()?;
    match sale.state() {
        SaleState::Standing => None,
        SaleState::Void => Some(tr(language, T::SaleVoid).to_owned()),
        SaleState::Refunded => Some(tr(language, T::SaleRefunded).to_owned()),
        SaleState::PartlyRefunded => Some(format!("{} {}", tr(language, T::SalePartlyRefunded), amount(language, refunded))),
    }
}

#[derive(Deserialize, Default)]
struct ReceiptAt {
    #[serde(default)]
    paper: String,
}

/// The receipt: the shop's details, the pieces with their prices, the total and how it was
/// paid (brand and last four only), and every void or refund. No customer name: a receipt is
/// the customer's own paper, and a lost one should not say whose it was.
async fn receipt(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path((id, purchase)): Path<(String, String)>,
    Query(at): Query<ReceiptAt>,
) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    let id = customer_id(&id)?;
    let sale = one_sale(&state, &session, id, &purchase, "sale").await?;
    let paper = if at.paper == "a6" { "a6" } else { "receipt" };
    let (shop_name, contact) = (state.vault.shop_name(), state.vault.shop_contact());
    let number = sale.id.receipt_number();
    let content = html! {
        div.no-print {
            h1 { (tr(language, T::Receipt)) " " (number) }
            nav.print-choices aria-label=(tr(language, T::Receipt)) {
                a aria-current=[(paper == "receipt").then_some("page")] href={ "/customers/" (id) "/purchases/" (sale.id) "/receipt?paper=receipt" } { (tr(language, T::Receipt80)) }
                a aria-current=[(paper == "a6").then_some("page")] href={ "/customers/" (id) "/purchases/" (sale.id) "/receipt?paper=a6" } { (tr(language, T::EnvelopeA6)) }
                button type="button" data-print { (tr(language, T::Print)) }
            }
            p { a href={ "/customers/" (id) "#sale-" (sale.id) } { (tr(language, T::Back)) } }
        }
        article class={ "ticket-print sale-receipt " (paper) } {
            div.shop {
                strong { (if shop_name.is_empty() { "Strongroom" } else { shop_name }) }
                @if let Some(address) = &contact.address { br; (address) }
                @if let Some(phone) = &contact.phone { br; (phone) }
            }
            p { (tr(language, T::Receipt)) " " strong.ticket { (number) } br; (day(language, sale.purchased_on)) }
            table.receipt-items {
                tbody {
                    @for item in &sale.items {
                        tr {
                            td {
                                (item.description.as_str())
                                @for detail in [&item.metal, &item.stones, &item.certificate_number].into_iter().flatten() { br; span.muted { (detail.as_str()) } }
                            }
                            td.amount { (item.price.map(|price| amount(language, price)).unwrap_or_default()) }
                        }
                    }
                }
                tfoot {
                    tr { th { (tr(language, T::Total)) } td.amount { strong { (amount(language, sale.total)) } } }
                }
            }
            @if let Some(engraving) = &sale.engraving { p { (tr(language, T::Engraving)) ": " (engraving.as_str()) } }
            @if sale.paid_in_cash {
                p { (tr(language, T::Payment)) ": " (tr(language, T::Cash)) }
            } @else if let Some(payment) = &sale.payment {
                p { (tr(language, T::Payment)) ": " (payment.brand.as_str().to_uppercase()) " •••• " (payment.last_four.as_str()) }
            }
            @for correction in &sale.corrections {
                p.correction {
                    strong { (tr(language, correction_name(correction.kind))) } " " (day(language, correction.at.date())) ": −" (amount(language, correction.amount))
                }
            }
        }
    };
    Ok(page(&format!("{} {number}", tr(language, T::Receipt)), Some(&session), content).into_response())
}

fn correction_name(kind: CorrectionKind) -> T {
    match kind {
        CorrectionKind::Void => T::Voided,
        CorrectionKind::Refund => T::Refunded,
    }
}

// ---------------------------------------------------------------------------------------------
// A void or a refund

#[derive(Deserialize, Default)]
struct CorrectionForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    reason: String,
}

impl Submitted for CorrectionForm {
    fn values(&self) -> Vec<(&'static str, &str)> {
        vec![("kind", &self.kind), ("amount", &self.amount), ("reason", &self.reason)]
    }
}

fn correction_form(session: &Session, sale: &Purchase, form: &CorrectionForm, errors: &FieldErrors) -> Markup {
    let language = session.signed_in.language();
    let left = Money::from_minor_units("amount", sale.total.minor_units() - sale.refunded(), sale.total.currency()).unwrap_or(sale.total);
    let may_void = sale.state() == SaleState::Standing;
    let kind = if form.kind.is_empty() { if may_void { "void" } else { "refund" } } else { form.kind.as_str() };
    html! {
        h1 { (tr(language, T::CorrectSale)) }
        p {
            (day(language, sale.purchased_on)) " · "
            (sale.items.iter().map(|item| item.description.to_string()).collect::<Vec<_>>().join(", ")) " · "
            strong { (amount(language, sale.total)) }
            @if let Some(state) = sale_state(language, sale) { " · " (state) }
        }
        p.muted { (tr(language, T::CorrectSaleHint)) }
        (form_problem(errors))
        form method="post" action={ "/customers/" (sale.customer_id) "/purchases/" (sale.id) "/correct" } novalidate {
            (csrf_field(&session.csrf))
            fieldset {
                legend { (tr(language, T::WhatHappened)) }
                @if may_void {
                    label.check { input type="radio" name="kind" value="void" checked[kind == "void"]; " " (tr(language, T::VoidSale)) }
                }
                label.check { input type="radio" name="kind" value="refund" checked[kind == "refund"]; " " (tr(language, T::RefundSale)) }
                @if let Some(message) = errors.get("kind") { p.error role="alert" { (message) } }
            }
            // Neither required nor optional: a refund needs it, a void takes none.
            label for="amount" { (tr(language, T::RefundAmount)) }
            input type="text" id="amount" name="amount" value=(errors.shown("amount", &form.amount))
                aria-invalid=[errors.get("amount").map(|_| "true")] aria-describedby=[errors.get("amount").map(|_| "amount-error")];
            @if let Some(message) = errors.get("amount") { p.error id="amount-error" role="alert" { (message) } }
            p.muted { (tr(language, T::LeftToRefund)) " " (amount(language, left)) }
            label for="reason" { (tr(language, T::Reason)) }
            textarea id="reason" name="reason" rows="3" required aria-invalid=[errors.get("reason").map(|_| "true")] { (errors.shown("reason", &form.reason)) }
            @if let Some(message) = errors.get("reason") { p.error role="alert" { (message) } }
            button type="submit" { (tr(language, T::Save)) }
        }
        p { a href={ "/customers/" (sale.customer_id) "#sale-" (sale.id) } { (tr(language, T::Back)) } }
    }
}

async fn correction_page(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path((id, purchase)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    if !session.signed_in.role().allows(Permission::PurchaseCorrect) {
        return Err(PageError::Denied(tr(language, T::NotAllowedToCorrect).to_owned()));
    }
    let id = customer_id(&id)?;
    let sale = one_sale(&state, &session, id, &purchase, "sale").await?;
    let content = correction_form(&session, &sale, &CorrectionForm::default(), &FieldErrors::default());
    Ok(page(tr(language, T::CorrectSale), Some(&session), content).into_response())
}

async fn correct(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path((id, purchase)): Path<(String, String)>,
    Form(form): Form<CorrectionForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    let language = session.signed_in.language();
    let id = customer_id(&id)?;
    let sale = one_sale(&state, &session, id, &purchase, "sale").await?;
    let mut problems = Problems::default();
    let kind = problems.take(CorrectionKind::parse(&form.kind));
    let amount = match kind {
        Some(CorrectionKind::Refund) => problems.take(local_money("amount", &form.amount, sale.total.currency(), language)).flatten(),
        _ => None,
    };
    let reason = problems.take(FreeText::parse("reason", &form.reason).map_err(|error| match error {
        DomainError::Invalid { .. } if form.reason.trim().is_empty() => DomainError::invalid("reason", "say why"),
        other => other,
    }));
    if let Some(kind) = kind {
        problems.take(sale.correction_amount(kind, amount));
    }
    let purchase_id = sale.id;
    let parsed = problems.finish(|| Some(NewCorrection { purchase_id, kind: kind?, amount, reason: reason? }));
    let refused = |errors: FieldErrors| {
        let content = correction_form(&session, &sale, &form, &errors);
        (StatusCode::UNPROCESSABLE_ENTITY, page(tr(language, T::CorrectSale), Some(&session), content)).into_response()
    };
    let actor = session.signed_in.actor()?.clone();
    let saving = move |vault: &strongroom_app::Vault, new| vault.correct_sale(&actor, new);
    save(&state, language, &form, parsed, saving, |_| format!("/customers/{id}?saved=correction#sale-{purchase_id}"), refused).await
}

/// Where the profile's purchases table sends a person who may correct a sale.
pub(super) fn correct_href(sale: &Purchase) -> String {
    format!("/customers/{}/purchases/{}/correct", sale.customer_id, sale.id)
}

/// The receipt's address.
pub(super) fn receipt_href(sale: &Purchase) -> String {
    format!("/customers/{}/purchases/{}/receipt", sale.customer_id, sale.id)
}

/// A moment of a correction as the profile shows it.
pub(super) fn correction_line(language: Language, correction: &strongroom_domain::SaleCorrection) -> String {
    format!(
        "{} {}: −{} ({})",
        tr(language, correction_name(correction.kind)),
        moment(language, correction.at),
        amount(language, correction.amount),
        correction.reason
    )
}
