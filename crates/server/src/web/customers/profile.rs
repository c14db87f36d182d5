//! A customer's own pages: the profile opened with a purpose of access, a new customer, editing
//! one, and who accessed them.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use maud::{Markup, html};
use serde::Deserialize;
use strongroom_app::{CustomerQuery, CustomerRecord, FoundCustomers};
use strongroom_domain::{
    CustomerPatch, CustomerText, DomainError, EmailAddress, FreeText, NewCustomer, Permission, PersonName, PhoneE164, PostalAddress,
    Purpose, SaleState, ShortText, parse_birth_date,
};

use super::sale::{correct_href, correction_line, receipt_href, sale_state};
use super::{PURPOSE_COOKIE, customer_id, purpose_cookie, purpose_name, relabel, remembered_purpose, stated_purpose};
use crate::ServerState;
use crate::web::i18n::{T, tr};
use crate::web::parts::{
    FieldErrors, Problems, Submitted, amount, day, form_problem, input, iso_day, optional, save, status_name, textarea, today,
};
use crate::web::workshop::{move_form, undo_form};
use crate::web::{Form, PageError, Ready, Session, csrf_field, page, set_cookie};

/// This family's pages.
pub(super) fn routes() -> Router<Arc<ServerState>> {
    Router::new()
        .route("/customers/new", get(new_page).post(create))
        .route("/customers/{id}", get(profile))
        .route("/customers/{id}/edit", get(edit_page).post(edit))
        .route("/customers/{id}/access", get(access))
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
    /// Set once the person has seen the customers with the same email or phone and still wants
    /// a new record.
    #[serde(default)]
    confirmed_new: String,
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
            @if form.confirmed_new.is_empty() {
                button type="submit" { (tr(language, T::Save)) }
            } @else {
                input type="hidden" name="confirmed_new" value="yes";
                button type="submit" { (tr(language, T::SaveAsNew)) }
            }
        }
    }
}

/// Customers who already have the email address or phone number of a new one, found through the
/// blind indexes (each find recorded), so the counter opens them instead of adding the person
/// twice. Empty for a person who may not read customers.
async fn same_contact(state: &Arc<ServerState>, session: &Session, new: &NewCustomer) -> Result<FoundCustomers, PageError> {
    let mut queries = Vec::new();
    if let Some(email) = &new.email {
        queries.push(CustomerQuery::Email(email.clone()));
    }
    if let Some(phone) = &new.phone {
        queries.push(CustomerQuery::Phone(phone.clone()));
    }
    let actor = session.signed_in.actor()?.clone();
    if queries.is_empty() || !actor.may(Permission::CustomerRead) {
        return Ok(FoundCustomers::default());
    }
    let found = state
        .run(move |vault| {
            let mut all = FoundCustomers::default();
            for query in &queries {
                let page = vault.find_customers_page(&actor, query, None, None, 10)?;
                for customer in page.customers {
                    if !all.customers.iter().any(|seen| seen.id == customer.id) {
                        all.customers.push(customer);
                    }
                }
                all.last_visits.extend(page.last_visits);
            }
            Ok::<_, strongroom_app::AppError>(all)
        })
        .await?;
    Ok(found)
}

async fn new_page(Ready(session): Ready) -> Response {
    let language = session.signed_in.language();
    let content = html! {
        h1 { (tr(language, T::NewCustomer)) }
        (customer_form(&session, "/customers/new", &CustomerForm::default(), &FieldErrors::default(), false))
    };
    page(tr(language, T::NewCustomer), Some(&session), content).into_response()
}

fn parse_new_customer(form: &CustomerForm, country: strongroom_domain::Country) -> Result<NewCustomer, Vec<DomainError>> {
    let text = CustomerText {
        name: Some(&form.name),
        email: Some(&form.email),
        phone: Some(&form.phone),
        address: Some(&form.address),
        birth_date: Some(&form.birth_date),
        notes: Some(&form.notes),
    };
    text.parse(country, today())
}

async fn create(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Form(form): Form<CustomerForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    let language = session.signed_in.language();
    let actor = session.signed_in.actor()?.clone();
    let mut form = form;
    let parsed = parse_new_customer(&form, state.vault.settings().default_country);
    // Someone with this email or phone already? Say so before adding them twice.
    if let Ok(new) = &parsed
        && form.confirmed_new.is_empty()
    {
        let found = same_contact(&state, &session, new).await?;
        if !found.customers.is_empty() {
            form.confirmed_new = "yes".into();
            let content = html! {
                h1 { (tr(language, T::NewCustomer)) }
                section.attention role="status" {
                    h2 { (tr(language, T::PossibleDuplicates)) }
                    p { (tr(language, T::PossibleDuplicatesHint)) }
                    (super::search::found_table(language, &found.customers, &found.last_visits, |customer| format!("/customers/{}", customer.id)))
                }
                (customer_form(&session, "/customers/new", &form, &FieldErrors::default(), false))
            };
            return Ok((StatusCode::CONFLICT, page(tr(language, T::NewCustomer), Some(&session), content)).into_response());
        }
    }
    let refused = |errors: FieldErrors| {
        let content = html! { h1 { (tr(language, T::NewCustomer)) } (customer_form(&session, "/customers/new", &form, &errors, false)) };
        (StatusCode::UNPROCESSABLE_ENTITY, page(tr(language, T::NewCustomer), Some(&session), content)).into_response()
    };
    let saving = move |vault: &strongroom_app::Vault, new| vault.add_customer(&actor, new);
    save(&state, language, &form, parsed, saving, |added| format!("/customers/{}?saved=customer", added.id), refused).await
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
        birth_date: customer.birth_date.map(iso_day).unwrap_or_default(),
        ring_sizes: text(customer.ring_sizes.as_ref().map(|v| v.as_str())),
        notes: text(customer.notes.as_ref().map(|v| v.as_str())),
        confirmed_new: String::new(),
    };
    let content = html! {
        h1 { (tr(language, T::EditCustomer)) }
        (customer_form(&session, &format!("/customers/{id}/edit"), &form, &FieldErrors::default(), true))
    };
    Ok(page(tr(language, T::EditCustomer), Some(&session), content).into_response())
}

/// Every problem of the edit form at once, each next to its field.
fn parse_patch(form: &CustomerForm, country: strongroom_domain::Country) -> Result<CustomerPatch, Vec<DomainError>> {
    // Every field of the form is sent: an emptied field clears the value.
    let mut problems = Problems::default();
    let name = problems.take(PersonName::parse("name", &form.name));
    let email = problems.take(optional(&form.email, EmailAddress::parse).map_err(|error| relabel(error, "email")));
    let phone = problems.take(optional(&form.phone, |text| PhoneE164::parse(text, country)).map_err(|error| relabel(error, "phone")));
    let address = problems.take(optional(&form.address, |text| PostalAddress::parse("address", text)));
    let birth_date =
        problems.take(optional(&form.birth_date, |text| parse_birth_date(text, today())).map_err(|error| relabel(error, "birth_date")));
    let ring_sizes = problems.take(optional(&form.ring_sizes, |text| ShortText::parse("ring_sizes", text)));
    let notes = problems.take(optional(&form.notes, |text| FreeText::parse("notes", text)));
    problems.finish(|| {
        Some(CustomerPatch {
            name: Some(name?),
            email: Some(email?),
            phone: Some(phone?),
            address: Some(address?),
            birth_date: Some(birth_date?),
            ring_sizes: Some(ring_sizes?),
            notes: Some(notes?),
            ..CustomerPatch::default()
        })
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
    save(&state, language, &form, parsed, saving, |_| format!("/customers/{id}?saved=customer"), refused).await
}

// ---------------------------------------------------------------------------------------------
// The profile

#[derive(Deserialize)]
struct ProfileQuery {
    purpose: Option<String>,
    /// What was just saved, for the confirmation at the top: `sale`, `correction`, `customer`, `job`.
    saved: Option<String>,
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
        None => remembered_purpose(&state, &session, &headers, id),
    };
    let Some(purpose) = purpose else {
        // GDPR Art. 5(1)(b): a full record is opened for a stated purpose, kept in the trail.
        let labels = state.vault.purposes().labels().to_vec();
        let content = html! {
            @if let Some(saved) = saved_notice(query.saved.as_deref()) { p.notice role="status" { (tr(language, saved)) } }
            h1 { (tr(language, T::WhyOpen)) }
            p { (tr(language, T::WhyOpenHint)) }
            ul.purposes {
                @for label in &labels {
                    li { a.button href={ "/customers/" (id) "?purpose=" (label) @if let Some(saved) = &query.saved { "&saved=" (saved) } } { (purpose_name(language, label)) } }
                }
            }
        };
        return Ok(page(tr(language, T::WhyOpen), Some(&session), content).into_response());
    };
    let actor = session.signed_in.actor()?.clone();
    let shown_purpose = purpose.clone();
    let record = state.run(move |vault| vault.show_customer(&actor, id, &purpose)).await?;
    let mut response =
        page(record.customer.name.as_str(), Some(&session), profile_content(&session, &record, &shown_purpose, query.saved.as_deref()))
            .into_response();
    response
        .headers_mut()
        .append(header::SET_COOKIE, set_cookie(PURPOSE_COOKIE, Some(&purpose_cookie(&state, &session, &shown_purpose, id))));
    Ok(response)
}

/// A customer's purchases: the pieces with their prices, the total and how it was paid, every
/// void or refund, and the receipt (and, for the owner and managers, the correction) of each.
fn purchases_section(language: strongroom_domain::Language, purchases: &[strongroom_domain::Purchase], may_correct: bool) -> Markup {
    html! {
        section {
            h2 { (tr(language, T::Purchases)) }
            @if purchases.is_empty() { p.muted { (tr(language, T::NoneYet)) } } @else {
                table {
                    thead { tr {
                        th { (tr(language, T::Date)) } th { (tr(language, T::Items)) } th { (tr(language, T::Total)) }
                        th { (tr(language, T::Payment)) } th { (tr(language, T::Actions)) }
                    } }
                    tbody {
                        @for purchase in purchases {
                            @let state = sale_state(language, purchase);
                            tr id={ "sale-" (purchase.id) } class=[state.as_ref().map(|_| "corrected")] {
                                td { (day(language, purchase.purchased_on)) }
                                td {
                                    @for (n, item) in purchase.items.iter().enumerate() {
                                        @if n > 0 { br; }
                                        (item.description.as_str())
                                        @if let Some(price) = item.price { " " span.muted { (amount(language, price)) } }
                                    }
                                    @if let Some(engraving) = &purchase.engraving { br; span.muted { (tr(language, T::Engraving)) ": " (engraving.as_str()) } }
                                    @if let Some(note) = &purchase.note { br; span.muted { (tr(language, T::Notes)) ": " (note.as_str()) } }
                                    @for correction in &purchase.corrections { br; span.correction { (correction_line(language, correction)) } }
                                }
                                td { (amount(language, purchase.total)) @if let Some(state) = &state { br; strong.state { (state) } } }
                                // Card brand and last four only; the processor's token stays off the page.
                                td { @if purchase.paid_in_cash { (tr(language, T::Cash)) }
                                     @else if let Some(payment) = &purchase.payment { (payment.brand.as_str().to_uppercase()) " •••• " (payment.last_four.as_str()) } }
                                td {
                                    a href=(receipt_href(purchase)) { (tr(language, T::Receipt)) }
                                    @if may_correct && matches!(purchase.state(), SaleState::Standing | SaleState::PartlyRefunded) {
                                        br; a href=(correct_href(purchase)) { (tr(language, T::VoidOrRefund)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The confirmation after a save, by what was saved (`?saved=` on the profile's address).
fn saved_notice(saved: Option<&str>) -> Option<T> {
    match saved {
        Some("sale") => Some(T::SavedSale),
        Some("correction") => Some(T::SavedCorrection),
        Some("customer") => Some(T::SavedCustomer),
        Some("job") => Some(T::SavedJob),
        Some("identity") => Some(T::SavedIdCheck),
        Some("merge") => Some(T::SavedMerge),
        _ => None,
    }
}

fn profile_content(session: &Session, record: &CustomerRecord, purpose: &Purpose, saved: Option<&str>) -> Markup {
    let language = session.signed_in.language();
    let role = session.signed_in.role();
    let customer = &record.customer;
    let id = customer.id;
    let row = |label: T, value: Option<String>| {
        html! { @if let Some(value) = value { dt { (tr(language, label)) } dd { (value) } } }
    };
    let may_move = role.allows(Permission::RepairWrite);
    let may_correct = role.allows(Permission::PurchaseCorrect);
    let today = today();
    let saved = saved_notice(saved);
    html! {
        @if let Some(saved) = saved { p.notice role="status" { (tr(language, saved)) } }
        h1 { (customer.name.as_str()) }
        p.muted { (tr(language, T::OpenedFor)) " " strong { (purpose_name(language, purpose.as_str())) } " · "
            a href={ "/customers/" (id) "?purpose=" } { (tr(language, T::OtherPurpose)) } }
        nav.actions aria-label=(tr(language, T::Actions)) {
            @if role.allows(Permission::CustomerWrite) { a.button href={ "/customers/" (id) "/edit" } { (tr(language, T::Edit)) } }
            @if role.allows(Permission::PurchaseWrite) { a.button href={ "/customers/" (id) "/purchases/new" } { (tr(language, T::RecordSale)) } }
            @if role.allows(Permission::RepairWrite) { a.button href={ "/customers/" (id) "/repairs/new" } { (tr(language, T::TakeInJob)) } }
            @if role.allows(Permission::AmlWrite) { a.button href={ "/customers/" (id) "/aml/new" } { (tr(language, T::RecordIdCheck)) } }
            @if role.allows(Permission::AuditRead) { a.button href={ "/customers/" (id) "/access" } { (tr(language, T::WhoAccessed)) } }
            @if role.allows(Permission::CustomerMerge) { a.button href={ "/customers/" (id) "/merge" } { (tr(language, T::MergeDuplicate)) } }
            @if role.allows(Permission::PrivacyRequests) {
                a.button href={ "/privacy/requests/new?customer=" (id) } { (crate::web::requests::r(language, crate::web::requests::R::RecordFromCustomer)) }
            }
        }
        section {
            h2 { (tr(language, T::Contact)) }
            dl {
                (row(T::Email, customer.email.as_ref().map(ToString::to_string)))
                (row(T::Phone, customer.phone.as_ref().map(ToString::to_string)))
                (row(T::Address, customer.address.as_ref().map(ToString::to_string)))
                (row(T::BirthDate, customer.birth_date.map(|d| day(language, d))))
                (row(T::Anniversary, customer.anniversary.map(|d| day(language, d))))
                (row(T::RingSizes, customer.ring_sizes.as_ref().map(ToString::to_string)))
                (row(T::MetalAllergies, customer.metal_allergies.as_ref().map(ToString::to_string)))
                (row(T::StyleNotes, customer.style_notes.as_ref().map(ToString::to_string)))
                (row(T::WishList, customer.wish_list.as_ref().map(ToString::to_string)))
                (row(T::Notes, customer.notes.as_ref().map(ToString::to_string)))
            }
        }
        @if let Some(purchases) = &record.purchases { (purchases_section(language, purchases, may_correct)) }
        @if let Some(repairs) = &record.repairs {
            section {
                h2 { (tr(language, T::Jobs)) }
                @if repairs.is_empty() { p.muted { (tr(language, T::NoneYet)) } } @else {
                    table {
                        thead { tr {
                            th { (tr(language, T::Ticket)) } th { (tr(language, T::Received)) } th { (tr(language, T::Item)) }
                            th { (tr(language, T::Status)) } th { (tr(language, T::Promised)) }
                            @if may_move { th { (tr(language, T::Actions)) } }
                        } }
                        tbody {
                            @for repair in repairs {
                                tr id={ "job-" (repair.id) } {
                                    td {
                                        strong.ticket { (repair.ticket) } br;
                                        a href={ "/workshop/" (repair.id) "/ticket" } { (tr(language, T::PrintTicket)) }
                                    }
                                    td { (day(language, repair.received_on)) }
                                    td { (repair.item_description.as_str()) }
                                    td { (status_name(language, repair.status)) }
                                    td.overdue[repair.is_late(today)] {
                                        (repair.promised_on.map(|d| day(language, d)).unwrap_or_default())
                                        @if repair.is_late(today) { " · " (tr(language, T::Late)) }
                                    }
                                    @if may_move { td {
                                        (move_form(&session.csrf, language, repair.id, repair.status, "profile"))
                                        (undo_form(&session.csrf, language, repair, "profile"))
                                    } }
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
// Who accessed this customer

/// Which events of the trail the page shows, and from where.
#[derive(Deserialize, Default)]
struct AccessQuery {
    /// `opened` (records opened or changed), `listed` (names seen in searches and lists), or all.
    #[serde(default)]
    show: String,
    /// Events before this sequence number (the next page back in time).
    before: Option<u64>,
}

/// Events per page of "who accessed this customer".
const ACCESS_PAGE: usize = 50;

async fn access(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    Query(query): Query<AccessQuery>,
) -> Result<Response, PageError> {
    use crate::web::parts::{action_words, category_words, only_listed};
    let language = session.signed_in.language();
    let id = customer_id(&id)?;
    let actor = session.signed_in.actor()?.clone();
    let events = state.run(move |vault| vault.who_accessed(&actor, id)).await?;
    // Opening a record and seeing a name in a list are told apart: one disclosed the record, the
    // other a name among others.
    let opened = events.iter().filter(|(_, event)| !only_listed(&event.action)).count();
    let listed = events.len() - opened;
    let shown: Vec<_> = events
        .iter()
        .rev()
        .filter(|(seq, _)| query.before.is_none_or(|before| *seq < before))
        .filter(|(_, event)| match query.show.as_str() {
            "opened" => !only_listed(&event.action),
            "listed" => only_listed(&event.action),
            _ => true,
        })
        .take(ACCESS_PAGE + 1)
        .collect();
    let more = shown.len() > ACCESS_PAGE;
    let shown = &shown[..shown.len().min(ACCESS_PAGE)];
    let outcome = |outcome: &str| match outcome {
        "allowed" => tr(language, T::OutcomeAllowed).to_owned(),
        "denied" => tr(language, T::OutcomeDenied).to_owned(),
        "failed" => tr(language, T::OutcomeFailed).to_owned(),
        other => other.to_owned(),
    };
    let filter = |show: &str, label: T| {
        html! { a aria-current=[(query.show == show).then_some("page")] href={ "/customers/" (id) "/access?show=" (show) } { (tr(language, label)) } }
    };
    let content = html! {
        h1 { (tr(language, T::WhoAccessed)) }
        p.muted { (tr(language, T::WhoAccessedHint)) }
        p { strong { (opened) } " " (tr(language, T::OpenedCount)) " · " strong { (listed) } " " (tr(language, T::ListedCount)) }
        nav.print-choices aria-label=(tr(language, T::WhoAccessed)) {
            (filter("", T::ShowAll)) (filter("opened", T::ShowOpened)) (filter("listed", T::ShowListed))
        }
        table {
            thead { tr { th { (tr(language, T::When)) } th { (tr(language, T::Who)) } th { (tr(language, T::What)) } th { (tr(language, T::Why)) } th { (tr(language, T::DataSeen)) } th { (tr(language, T::Outcome)) } } }
            tbody {
                @for (_, event) in shown {
                    tr {
                        td { (crate::web::when(language, event.at_unix_micros)) }
                        td { (event.actor_name) }
                        td { (action_words(language, &event.action)) }
                        td { (event.purpose.as_deref().map(|p| purpose_name(language, p)).unwrap_or_default()) }
                        td { (category_words(language, &event.categories)) }
                        td { (outcome(&event.outcome)) }
                    }
                }
            }
        }
        @if more {
            @if let Some((last, _)) = shown.last() {
                p { a href={ "/customers/" (id) "/access?show=" (query.show) "&before=" (last) } { (tr(language, T::EarlierEvents)) } }
            }
        }
        p { a href={ "/customers/" (id) } { (tr(language, T::Back)) } }
    };
    Ok(page(tr(language, T::WhoAccessed), Some(&session), content).into_response())
}
