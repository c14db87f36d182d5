//! The customer pages: search (through the blind indexes), a customer's profile opened with a
//! purpose of access, create and edit, a sale, an AML identity check with the rule that asks for
//! it, a job intake, the identity records, and who accessed the customer. What each role sees
//! is decided in `app`; these pages show what comes back, and mask nothing themselves.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use maud::{Markup, html};
use serde::Deserialize;
use strongroom_app::{AppError, CustomerQuery, CustomerRecord, NewAmlRecord, NewPurchase, NewRepair};
use strongroom_domain::{
    AmlRulePack, CardBrand, CardExpiry, Customer, CustomerId, CustomerPatch, DomainError, EmailAddress, FreeText, IdDocumentNumber,
    IdDocumentType, IssuingCountry, JobKind, Language, LastFour, Money, NewCustomer, PaymentReference, Permission, PersonName, PhoneE164,
    PostalAddress, ProcessorToken, PurchaseItem, Purpose, ShortText, contains_card_number, parse_birth_date, parse_date,
};
use time::OffsetDateTime;

use super::i18n::{T, tr};
use super::parts::{day, status_name};
use super::{Form, PageError, Ready, Session, cookie, csrf_field, page, set_cookie};
use crate::ServerState;

/// The most customers one search shows: beyond that, a longer name or an email finds them.
const SEARCH_PAGE: usize = 50;

/// The purpose of access last chosen in this browser session, offered again on the next profile.
pub const PURPOSE_COOKIE: &str = "__Host-strongroom-purpose";

pub fn routes() -> Router<Arc<ServerState>> {
    Router::new()
        .route("/customers", get(search_page).post(search))
        .route("/customers/new", get(new_page).post(create))
        .route("/customers/{id}", get(profile))
        .route("/customers/{id}/edit", get(edit_page).post(edit))
        .route("/customers/{id}/purchases/new", get(purchase_page).post(record_purchase))
        .route("/customers/{id}/aml", get(aml_records))
        .route("/customers/{id}/aml/new", get(aml_page).post(record_aml))
        .route("/customers/{id}/repairs/new", get(repair_page).post(take_in))
        .route("/customers/{id}/access", get(access))
}

/// Form values that failed their rules, by form field, with what to do; and the fields whose
/// value is not shown again (a card number is never sent back, not even to who typed it).
#[derive(Debug, Default)]
pub struct FieldErrors(Vec<(&'static str, String)>, Vec<&'static str>);

impl FieldErrors {
    fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(field, _)| *field == name).map(|(_, message)| message.as_str())
    }

    fn shown<'a>(&self, name: &str, value: &'a str) -> &'a str {
        if self.1.contains(&name) { "" } else { value }
    }

    /// The error of a domain rule, put next to the form field it is about; a card number gets
    /// the guard's message in the person's language, saying what to record instead. Every field
    /// of the form that holds a card number is emptied and says so, not only the one the rules
    /// stopped at: a form sent back must never carry a card number (issue 11).
    fn from_domain(language: Language, error: &DomainError, form: &impl Submitted) -> FieldErrors {
        let values = form.values();
        let card_message = || tr(language, T::CardNumberRefused).to_owned();
        let message = match error {
            DomainError::CardNumber { .. } => card_message(),
            DomainError::Invalid { reason, .. } => reason.clone(),
        };
        let field = values.iter().map(|(name, _)| *name).find(|name| *name == error.field()).unwrap_or("form");
        let mut errors = FieldErrors(vec![(field, message)], Vec::new());
        for (name, value) in values {
            let holds_card = if name == "phone" { PhoneE164::holds_card_number(value) } else { contains_card_number(value) };
            if holds_card || (name == field && matches!(error, DomainError::CardNumber { .. })) {
                errors.1.push(name);
                if errors.get(name).is_none() {
                    errors.0.push((name, card_message()));
                }
            }
        }
        errors
    }
}

/// A submitted form: each field's name (as the domain's errors name it) and what was typed in it.
trait Submitted {
    fn values(&self) -> Vec<(&'static str, &str)>;
}

/// A labelled input with its error next to it (announced, and tied to the input for screen readers).
fn input(language: Language, label: T, name: &str, value: &str, errors: &FieldErrors, kind: &str, required: bool) -> Markup {
    let error = errors.get(name);
    let error_id = format!("{name}-error");
    html! {
        label for=(name) { (tr(language, label)) @if !required { " " span.muted { (tr(language, T::Optional)) } } }
        input type=(kind) id=(name) name=(name) value=(errors.shown(name, value)) required[required]
            aria-invalid=[error.map(|_| "true")] aria-describedby=[error.map(|_| error_id.as_str())];
        @if let Some(message) = error { p.error id=(error_id) role="alert" { (message) } }
    }
}

fn textarea(language: Language, label: T, name: &str, value: &str, errors: &FieldErrors) -> Markup {
    let error = errors.get(name);
    let error_id = format!("{name}-error");
    html! {
        label for=(name) { (tr(language, label)) " " span.muted { (tr(language, T::Optional)) } }
        textarea id=(name) name=(name) rows="3" aria-invalid=[error.map(|_| "true")] aria-describedby=[error.map(|_| error_id.as_str())] { (errors.shown(name, value)) }
        @if let Some(message) = error { p.error id=(error_id) role="alert" { (message) } }
    }
}

fn form_problem(errors: &FieldErrors) -> Markup {
    html! { @if let Some(message) = errors.get("form") { p.error role="alert" { (message) } } }
}

/// What every form of these pages does with a submission: the values parsed into domain types
/// (`parsed`), then one gate call (`saving`). A value the rules refuse, here or in the gate,
/// shows the form again (`refused`) with the error next to its field; a saved one goes where
/// `saved` says.
async fn save<N: Send + 'static, S: Send + 'static>(
    state: &Arc<ServerState>,
    language: Language,
    form: &impl Submitted,
    parsed: Result<N, DomainError>,
    saving: impl FnOnce(&strongroom_app::Vault, N) -> Result<S, AppError> + Send + 'static,
    saved: impl FnOnce(S) -> String,
    refused: impl FnOnce(FieldErrors) -> Response,
) -> Result<Response, PageError> {
    let new = match parsed {
        Ok(new) => new,
        Err(error) => return Ok(refused(FieldErrors::from_domain(language, &error, form))),
    };
    match state.run(move |vault| saving(vault, new)).await {
        Ok(done) => Ok(Redirect::to(&saved(done)).into_response()),
        Err(AppError::Invalid(error)) => Ok(refused(FieldErrors::from_domain(language, &error, form))),
        Err(other) => Err(other.into()),
    }
}

fn customer_id(text: &str) -> Result<CustomerId, PageError> {
    CustomerId::parse(text).map_err(|_| PageError::NotFound)
}

fn optional<T>(text: &str, parse: impl FnOnce(&str) -> Result<T, DomainError>) -> Result<Option<T>, DomainError> {
    let text = text.trim();
    if text.is_empty() { Ok(None) } else { parse(text).map(Some) }
}

fn today() -> time::Date {
    OffsetDateTime::now_utc().date()
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

/// What was typed: an email address, a phone number, or words of a name.
fn classify(text: &str, country: strongroom_domain::Country) -> Result<CustomerQuery, DomainError> {
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
    let mut more = false;
    if strongroom_domain::contains_card_number(&query.q) {
        // Never searched for, never sent back.
        problem = Some(tr(language, T::CardNumberRefused).to_owned());
        query.q.clear();
    } else if !query.q.trim().is_empty() {
        match classify(&query.q, state.vault.settings().default_country) {
            Ok(search) => match state.run(move |vault| vault.find_customers_page(&actor, &search, None, None, SEARCH_PAGE)).await {
                Ok(page) => {
                    more = page.more;
                    found = Some(page.customers);
                }
                Err(AppError::Invalid(error)) => problem = Some(error.to_string()),
                Err(AppError::Denied { .. }) => problem = Some(tr(language, T::NotAllowed).to_owned()),
                Err(other) => return Err(other.into()),
            },
            Err(error) => problem = Some(error.to_string()),
        }
    }
    let content = html! {
        h1 { (tr(language, T::Customers)) }
        (search_form(language, &query.q, &session.csrf))
        @if let Some(problem) = problem { p.error role="alert" { (problem) } }
        @if let Some(found) = &found {
            @if found.is_empty() {
                p role="status" { (tr(language, T::NoMatch)) }
            } @else {
                p role="status" { (found.len()) @if more { "+" } " " (tr(language, T::Found)) }
                @if more { p.notice { (tr(language, T::MoreMatch)) } }
                table {
                    thead { tr { th { (tr(language, T::Name)) } th { (tr(language, T::Email)) } th { (tr(language, T::Phone)) } } }
                    tbody {
                        @for customer in found {
                            tr {
                                td { a href={ "/customers/" (customer.id) } { (customer.name.as_str()) } }
                                td { (customer.email.as_ref().map(|e| e.as_str()).unwrap_or("")) }
                                td { (customer.phone.as_ref().map(|p| p.as_str()).unwrap_or("")) }
                            }
                        }
                    }
                }
            }
        }
        @if may_add { p { a.button href="/customers/new" { (tr(language, T::NewCustomer)) } } }
    };
    Ok(page(tr(language, T::Customers), Some(&session), content).into_response())
}

// ---------------------------------------------------------------------------------------------
// Create and edit

#[derive(Deserialize, Default)]
struct CustomerForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    birth_date: String,
    #[serde(default)]
    ring_sizes: String,
    #[serde(default)]
    notes: String,
}

impl Submitted for CustomerForm {
    fn values(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("name", &self.name),
            ("email", &self.email),
            ("phone", &self.phone),
            ("address", &self.address),
            ("birth_date", &self.birth_date),
            ("ring_sizes", &self.ring_sizes),
            ("notes", &self.notes),
        ]
    }
}

fn customer_form(session: &Session, action: &str, form: &CustomerForm, errors: &FieldErrors, editing: bool) -> Markup {
    let language = session.signed_in.language();
    html! {
        (form_problem(errors))
        form method="post" action=(action) novalidate {
            (csrf_field(&session.csrf))
            (input(language, T::Name, "name", &form.name, errors, "text", true))
            (input(language, T::Email, "email", &form.email, errors, "email", false))
            (input(language, T::Phone, "phone", &form.phone, errors, "tel", false))
            (input(language, T::Address, "address", &form.address, errors, "text", false))
            (input(language, T::BirthDate, "birth_date", &form.birth_date, errors, "date", false))
            @if editing { (input(language, T::RingSizes, "ring_sizes", &form.ring_sizes, errors, "text", false)) }
            (textarea(language, T::Notes, "notes", &form.notes, errors))
            button type="submit" { (tr(language, T::Save)) }
        }
    }
}

async fn new_page(Ready(session): Ready) -> Response {
    let language = session.signed_in.language();
    let content = html! {
        h1 { (tr(language, T::NewCustomer)) }
        (customer_form(&session, "/customers/new", &CustomerForm::default(), &FieldErrors::default(), false))
    };
    page(tr(language, T::NewCustomer), Some(&session), content).into_response()
}

fn parse_new_customer(form: &CustomerForm, country: strongroom_domain::Country) -> Result<NewCustomer, DomainError> {
    Ok(NewCustomer {
        name: PersonName::parse("name", &form.name)?,
        email: optional(&form.email, EmailAddress::parse).map_err(|error| relabel(error, "email"))?,
        phone: optional(&form.phone, |text| PhoneE164::parse(text, country)).map_err(|error| relabel(error, "phone"))?,
        address: optional(&form.address, |text| PostalAddress::parse("address", text))?,
        birth_date: optional(&form.birth_date, |text| parse_birth_date(text, today())).map_err(|error| relabel(error, "birth_date"))?,
        notes: optional(&form.notes, |text| FreeText::parse("notes", text))?,
    })
}

/// Names the form field an error is about where the domain's name for it differs.
fn relabel(error: DomainError, field: &'static str) -> DomainError {
    match error {
        DomainError::Invalid { reason, .. } => DomainError::Invalid { field, reason },
        DomainError::CardNumber { .. } => DomainError::CardNumber { field },
    }
}

async fn create(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Form(form): Form<CustomerForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    let language = session.signed_in.language();
    let actor = session.signed_in.actor()?.clone();
    let refused = |errors: FieldErrors| {
        let content = html! { h1 { (tr(language, T::NewCustomer)) } (customer_form(&session, "/customers/new", &form, &errors, false)) };
        (StatusCode::UNPROCESSABLE_ENTITY, page(tr(language, T::NewCustomer), Some(&session), content)).into_response()
    };
    let parsed = parse_new_customer(&form, state.vault.settings().default_country);
    let saving = move |vault: &strongroom_app::Vault, new| vault.add_customer(&actor, new);
    save(&state, language, &form, parsed, saving, |added| format!("/customers/{}", added.id), refused).await
}

/// The purpose this session last stated, from its cookie. The cookie carries an HMAC bound to
/// the session, so one left behind by someone who signed out on a shared PC counts for nobody.
fn remembered_purpose(state: &ServerState, session: &Session, headers: &HeaderMap) -> Option<Purpose> {
    let text = cookie(headers, PURPOSE_COOKIE)?;
    let (label, tag) = text.split_once('~')?;
    state.csrf_valid(&purpose_context(session, label), tag).then(|| state.vault.purposes().parse(label).ok()).flatten()
}

/// The purpose for a page that reads the record (editing shows it first; identity documents are
/// read for a stated purpose only), or the way to the profile, which asks for one.
fn stated_purpose(state: &ServerState, session: &Session, headers: &HeaderMap, id: CustomerId) -> Result<Purpose, Redirect> {
    remembered_purpose(state, session, headers).ok_or_else(|| Redirect::to(&format!("/customers/{id}")))
}

fn purpose_context(session: &Session, label: &str) -> Vec<u8> {
    [b"purpose:".as_slice(), label.as_bytes(), b":", session.signed_in.session_hash().as_slice()].concat()
}

fn purpose_cookie(state: &ServerState, session: &Session, purpose: &Purpose) -> String {
    format!("{}~{}", purpose.as_str(), state.csrf_token(&purpose_context(session, purpose.as_str())))
}

async fn edit_page(
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
    if !actor.may(Permission::CustomerWrite) {
        return Err(PageError::Denied(tr(language, T::NotAllowed).to_owned()));
    }
    let record = state.run(move |vault| vault.show_customer(&actor, id, &purpose)).await?;
    let customer = &record.customer;
    let text = |value: Option<&str>| value.unwrap_or("").to_owned();
    let form = CustomerForm {
        csrf: String::new(),
        name: customer.name.as_str().to_owned(),
        email: text(customer.email.as_ref().map(|v| v.as_str())),
        phone: text(customer.phone.as_ref().map(|v| v.as_str())),
        address: text(customer.address.as_ref().map(|v| v.as_str())),
        birth_date: customer.birth_date.map(day).unwrap_or_default(),
        ring_sizes: text(customer.ring_sizes.as_ref().map(|v| v.as_str())),
        notes: text(customer.notes.as_ref().map(|v| v.as_str())),
    };
    let content = html! {
        h1 { (tr(language, T::EditCustomer)) }
        (customer_form(&session, &format!("/customers/{id}/edit"), &form, &FieldErrors::default(), true))
    };
    Ok(page(tr(language, T::EditCustomer), Some(&session), content).into_response())
}

fn parse_patch(form: &CustomerForm, country: strongroom_domain::Country) -> Result<CustomerPatch, DomainError> {
    // Every field of the form is sent: an emptied field clears the value.
    Ok(CustomerPatch {
        name: Some(PersonName::parse("name", &form.name)?),
        email: Some(optional(&form.email, EmailAddress::parse).map_err(|error| relabel(error, "email"))?),
        phone: Some(optional(&form.phone, |text| PhoneE164::parse(text, country)).map_err(|error| relabel(error, "phone"))?),
        address: Some(optional(&form.address, |text| PostalAddress::parse("address", text))?),
        birth_date: Some(optional(&form.birth_date, |text| parse_birth_date(text, today())).map_err(|error| relabel(error, "birth_date"))?),
        ring_sizes: Some(optional(&form.ring_sizes, |text| ShortText::parse("ring_sizes", text))?),
        notes: Some(optional(&form.notes, |text| FreeText::parse("notes", text))?),
        ..CustomerPatch::default()
    })
}

async fn edit(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    Form(form): Form<CustomerForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    let language = session.signed_in.language();
    let id = customer_id(&id)?;
    let actor = session.signed_in.actor()?.clone();
    let action = format!("/customers/{id}/edit");
    let refused = |errors: FieldErrors| {
        let content = html! { h1 { (tr(language, T::EditCustomer)) } (customer_form(&session, &action, &form, &errors, true)) };
        (StatusCode::UNPROCESSABLE_ENTITY, page(tr(language, T::EditCustomer), Some(&session), content)).into_response()
    };
    let parsed = parse_patch(&form, state.vault.settings().default_country);
    let saving = move |vault: &strongroom_app::Vault, patch| vault.edit_customer(&actor, id, patch);
    save(&state, language, &form, parsed, saving, |_| format!("/customers/{id}"), refused).await
}

// ---------------------------------------------------------------------------------------------
// The profile

#[derive(Deserialize)]
struct ProfileQuery {
    purpose: Option<String>,
}

async fn profile(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    Query(query): Query<ProfileQuery>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    let id = customer_id(&id)?;
    let purpose = match query.purpose {
        Some(text) => state.vault.purposes().parse(&text).ok(),
        None => remembered_purpose(&state, &session, &headers),
    };
    let Some(purpose) = purpose else {
        // GDPR Art. 5(1)(b): a full record is opened for a stated purpose, kept in the trail.
        let labels = state.vault.purposes().labels().to_vec();
        let content = html! {
            h1 { (tr(language, T::WhyOpen)) }
            p { (tr(language, T::WhyOpenHint)) }
            ul.purposes {
                @for label in &labels {
                    li { a.button href={ "/customers/" (id) "?purpose=" (label) } { (purpose_name(language, label)) } }
                }
            }
        };
        return Ok(page(tr(language, T::WhyOpen), Some(&session), content).into_response());
    };
    let actor = session.signed_in.actor()?.clone();
    let shown_purpose = purpose.clone();
    let record = state.run(move |vault| vault.show_customer(&actor, id, &purpose)).await?;
    let mut response =
        page(record.customer.name.as_str(), Some(&session), profile_content(&session, &record, &shown_purpose)).into_response();
    response.headers_mut().append(header::SET_COOKIE, set_cookie(PURPOSE_COOKIE, Some(&purpose_cookie(&state, &session, &shown_purpose))));
    Ok(response)
}

/// A purpose's name in the person's language; the shop's own purposes are shown as written.
fn purpose_name(language: Language, label: &str) -> String {
    match label {
        "sale" => tr(language, T::PurposeSale).to_owned(),
        "repair" => tr(language, T::PurposeRepair).to_owned(),
        "customer_request" => tr(language, T::PurposeCustomerRequest).to_owned(),
        "compliance" => tr(language, T::PurposeCompliance).to_owned(),
        other => other.replace('_', " "),
    }
}

fn profile_content(session: &Session, record: &CustomerRecord, purpose: &Purpose) -> Markup {
    let language = session.signed_in.language();
    let role = session.signed_in.role();
    let customer = &record.customer;
    let id = customer.id;
    let row = |label: T, value: Option<String>| {
        html! { @if let Some(value) = value { dt { (tr(language, label)) } dd { (value) } } }
    };
    html! {
        h1 { (customer.name.as_str()) }
        p.muted { (tr(language, T::OpenedFor)) " " strong { (purpose_name(language, purpose.as_str())) } " · "
            a href={ "/customers/" (id) "?purpose=" } { (tr(language, T::OtherPurpose)) } }
        nav.actions aria-label=(tr(language, T::Actions)) {
            @if role.allows(Permission::CustomerWrite) { a.button href={ "/customers/" (id) "/edit" } { (tr(language, T::Edit)) } }
            @if role.allows(Permission::PurchaseWrite) { a.button href={ "/customers/" (id) "/purchases/new" } { (tr(language, T::RecordSale)) } }
            @if role.allows(Permission::RepairWrite) { a.button href={ "/customers/" (id) "/repairs/new" } { (tr(language, T::TakeInJob)) } }
            @if role.allows(Permission::AmlWrite) { a.button href={ "/customers/" (id) "/aml/new" } { (tr(language, T::RecordIdCheck)) } }
            @if role.allows(Permission::AuditRead) { a.button href={ "/customers/" (id) "/access" } { (tr(language, T::WhoAccessed)) } }
        }
        section {
            h2 { (tr(language, T::Contact)) }
            dl {
                (row(T::Email, customer.email.as_ref().map(ToString::to_string)))
                (row(T::Phone, customer.phone.as_ref().map(ToString::to_string)))
                (row(T::Address, customer.address.as_ref().map(ToString::to_string)))
                (row(T::BirthDate, customer.birth_date.map(day)))
                (row(T::Anniversary, customer.anniversary.map(day)))
                (row(T::RingSizes, customer.ring_sizes.as_ref().map(ToString::to_string)))
                (row(T::MetalAllergies, customer.metal_allergies.as_ref().map(ToString::to_string)))
                (row(T::StyleNotes, customer.style_notes.as_ref().map(ToString::to_string)))
                (row(T::WishList, customer.wish_list.as_ref().map(ToString::to_string)))
                (row(T::Notes, customer.notes.as_ref().map(ToString::to_string)))
            }
        }
        @if let Some(purchases) = &record.purchases {
            section {
                h2 { (tr(language, T::Purchases)) }
                @if purchases.is_empty() { p.muted { (tr(language, T::NoneYet)) } } @else {
                    table {
                        thead { tr { th { (tr(language, T::Date)) } th { (tr(language, T::Items)) } th { (tr(language, T::Total)) } th { (tr(language, T::Payment)) } } }
                        tbody {
                            @for purchase in purchases {
                                tr {
                                    td { (day(purchase.purchased_on)) }
                                    td { (purchase.items.iter().map(|item| item.description.to_string()).collect::<Vec<_>>().join(", "))
                                        @if let Some(engraving) = &purchase.engraving { br; span.muted { (tr(language, T::Engraving)) ": " (engraving.as_str()) } } }
                                    td { (purchase.total.to_string()) }
                                    // Card brand and last four only; the processor's token stays off the page.
                                    td { @if purchase.paid_in_cash { (tr(language, T::Cash)) }
                                         @else if let Some(payment) = &purchase.payment { (payment.brand.as_str().to_uppercase()) " •••• " (payment.last_four.as_str()) } }
                                }
                            }
                        }
                    }
                }
            }
        }
        @if let Some(repairs) = &record.repairs {
            section {
                h2 { (tr(language, T::Jobs)) }
                @if repairs.is_empty() { p.muted { (tr(language, T::NoneYet)) } } @else {
                    table {
                        thead { tr { th { (tr(language, T::Received)) } th { (tr(language, T::Item)) } th { (tr(language, T::Status)) } th { (tr(language, T::Promised)) } } }
                        tbody {
                            @for repair in repairs {
                                tr {
                                    td { (day(repair.received_on)) }
                                    td { (repair.item_description.as_str()) }
                                    td { (status_name(language, repair.status)) }
                                    td { (repair.promised_on.map(day).unwrap_or_default()) }
                                }
                            }
                        }
                    }
                }
            }
        }
        @if role.allows(Permission::AmlRead) {
            section {
                h2 { (tr(language, T::IdRecords)) }
                p { a href={ "/customers/" (id) "/aml" } { (tr(language, T::ShowIdRecords)) } " " span.muted { (tr(language, T::NeedsStepUp)) } }
            }
        }
    }
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
    let parsed = parse_purchase(&form, id, settings.currency);
    let needs_check = parsed.as_ref().is_ok_and(|new| settings.aml_rules.requires_check(new.total, new.paid_in_cash));
    let actor = session.signed_in.actor()?.clone();
    let saving = move |vault: &strongroom_app::Vault, new| vault.add_purchase(&actor, new);
    // The AML rule's check follows at once, with the sale as its reference.
    let saved = |purchase| if needs_check { format!("/customers/{id}/aml/new?reference={purchase}") } else { format!("/customers/{id}") };
    save(&state, language, &form, parsed, saving, saved, refused).await
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
}

#[derive(Deserialize)]
struct AmlQuery {
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
        p.notice { strong { (tr(language, T::RuleThatAsks)) " (" (rules.code) "): " } (rules.rule) }
        (form_problem(errors))
        form method="post" action={ "/customers/" (id) "/aml/new" } novalidate {
            (csrf_field(&session.csrf))
            label for="document_type" { (tr(language, T::DocumentType)) }
            select id="document_type" name="document_type" required {
                @for kind in IdDocumentType::ALL { option value=(kind.as_str()) selected[form.document_type == kind.as_str()] { (kind.as_str().replace('_', " ")) } }
            }
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
    let form = AmlForm { transaction_reference: query.reference.unwrap_or_default(), transaction_date: day(today()), ..AmlForm::default() };
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
    let parsed = (|| {
        Ok::<_, DomainError>(NewAmlRecord {
            customer_id: id,
            document_type: IdDocumentType::parse(&form.document_type)?,
            document_number: IdDocumentNumber::parse(&form.document_number)?,
            document_country: IssuingCountry::parse(&form.document_country)?,
            verified_by: ShortText::parse("verified_by", session.signed_in.username())?,
            transaction_reference: ShortText::parse("transaction_reference", &form.transaction_reference)?,
            transaction_date: parse_date("transaction_date", &form.transaction_date)?,
        })
    })();
    let actor = session.signed_in.actor()?.clone();
    let saving = move |vault: &strongroom_app::Vault, new| vault.add_aml_record(&actor, new);
    save(&state, language, &form, parsed, saving, |_| format!("/customers/{id}"), refused).await
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
                            td { (record.document_type.as_str().replace('_', " ")) }
                            td { (record.document_number.as_str()) }
                            td { (record.document_country.as_str()) }
                            td { (record.transaction_reference.as_str()) }
                            td { (day(record.transaction_date)) }
                            td { (day(record.retention_ends)) }
                        }
                    }
                }
            }
        }
        p { a href={ "/customers/" (id) } { (tr(language, T::Back)) } }
    };
    Ok(page(tr(language, T::IdRecords), Some(&session), content).into_response())
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
    promised_on: String,
}

impl Submitted for RepairForm {
    fn values(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("kind", &self.kind),
            ("item_description", &self.item_description),
            ("condition", &self.condition),
            ("valuation", &self.valuation),
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
    let parsed = (|| {
        Ok::<_, DomainError>(NewRepair {
            customer_id: id,
            kind: JobKind::parse(&form.kind)?,
            item_description: FreeText::parse("item_description", &form.item_description)?,
            condition: optional(&form.condition, |text| FreeText::parse("condition", text))?,
            valuation: optional(&form.valuation, |text| Money::parse("valuation", text, currency))?,
            received_on: today(),
            promised_on: optional(&form.promised_on, |text| parse_date("promised_on", text))?,
        })
    })();
    let actor = session.signed_in.actor()?.clone();
    let saving = move |vault: &strongroom_app::Vault, new| vault.add_repair(&actor, new);
    save(&state, language, &form, parsed, saving, |_| format!("/customers/{id}"), refused).await
}

// ---------------------------------------------------------------------------------------------
// Who accessed this customer

async fn access(State(state): State<Arc<ServerState>>, Ready(session): Ready, Path(id): Path<String>) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    let id = customer_id(&id)?;
    let actor = session.signed_in.actor()?.clone();
    let events = state.run(move |vault| vault.who_accessed(&actor, id)).await?;
    let content = html! {
        h1 { (tr(language, T::WhoAccessed)) }
        p.muted { (tr(language, T::WhoAccessedHint)) }
        table {
            thead { tr { th { (tr(language, T::When)) } th { (tr(language, T::Who)) } th { (tr(language, T::What)) } th { (tr(language, T::Why)) } th { (tr(language, T::DataSeen)) } th { (tr(language, T::Outcome)) } } }
            tbody {
                @for (_, event) in events.iter().rev() {
                    tr {
                        td { (super::when(event.at_unix_micros)) }
                        td { (event.actor_name) }
                        td { (event.action) }
                        td { (event.purpose.as_deref().map(|p| purpose_name(language, p)).unwrap_or_default()) }
                        td { (event.categories.join(", ")) }
                        td { (event.outcome) }
                    }
                }
            }
        }
        p { a href={ "/customers/" (id) } { (tr(language, T::Back)) } }
    };
    Ok(page(tr(language, T::WhoAccessed), Some(&session), content).into_response())
}
