//! `/api/v1/customers`: search and pages, one customer's record (with a purpose of access), create
//! and change. Each handler parses its input into domain values, then makes one gate call.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Json, Response};
use serde::Deserialize;
use strongroom_app::CustomerQuery;
use strongroom_domain::{CustomerId, DomainError, EmailAddress, PhoneE164};
use time::OffsetDateTime;

use super::json::{CreatedJson, CustomerJson, CustomerPageJson, CustomerPatchJson, CustomerRecordJson, NewCustomerJson, SummaryJson};
use super::{ApiActor, ApiId, ApiJson, ApiQuery, Problem, Refusals, created, once};
use crate::ServerState;

/// The most a page holds, and what it holds when `limit` is left out.
pub(super) const MAX_PAGE: usize = 1000;
pub(super) const DEFAULT_PAGE: usize = 100;

/// A search or a page of the list: in the query string of `GET /api/v1/customers`, or as the
/// JSON body of `POST /api/v1/customers/search`, which keeps the searched-for values out of
/// URLs (and so out of proxies' access logs).
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = CustomerSearch)]
#[allow(missing_debug_implementations)] // search values are personal data
pub struct ListQuery {
    /// Exact email address.
    email: Option<String>,
    /// Phone number; without a country code the shop's country.
    phone: Option<String>,
    /// Words of the name, in any order.
    name: Option<String>,
    /// Purpose of the search, kept in the audit trail.
    purpose: Option<String>,
    /// The `next_after` of the previous page.
    #[schema(format = Uuid)]
    after: Option<String>,
    /// Page size, 100 when left out.
    #[schema(minimum = 1, maximum = 1000)]
    limit: Option<u32>,
}

pub(super) fn page_limit(limit: Option<u32>) -> Result<usize, DomainError> {
    match limit.map(|n| n as usize) {
        None => Ok(DEFAULT_PAGE),
        Some(n) if (1..=MAX_PAGE).contains(&n) => Ok(n),
        Some(_) => Err(DomainError::invalid("limit", "must be 1 to 1000")),
    }
}

/// Customers in creation order, a page at a time; or, with `email`, `phone` or `name`, the
/// customers that match exactly (through the blind indexes; a name matches when every word of
/// it is a word of the customer's name), a page at a time as well.
#[utoipa::path(get, path = "/api/v1/customers", tag = "customers",
    params(
        ("email" = Option<String>, Query, description = "exact email address"),
        ("phone" = Option<String>, Query, description = "phone number; without a country code the shop's country"),
        ("name" = Option<String>, Query, description = "words of the name, in any order"),
        ("purpose" = Option<String>, Query, description = "purpose of the search, kept in the audit trail"),
        ("after" = Option<String>, Query, format = Uuid, description = "the `next_after` of the previous page"),
        ("limit" = Option<u32>, Query, minimum = 1, maximum = 1000, description = "page size, 100 when left out"),
    ),
    responses(
        (status = 200, body = CustomerPageJson),
        Refusals,
    ))]
pub async fn list(
    State(state): State<Arc<ServerState>>,
    ApiActor(actor): ApiActor,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> Result<Json<CustomerPageJson>, Problem> {
    page_of(&state, actor, query).await
}

/// The same as `GET /api/v1/customers`, with the search in the body: what is searched for
/// (an email, a phone number, a name) stays out of URLs, and so out of access logs.
#[utoipa::path(post, path = "/api/v1/customers/search", tag = "customers",
    request_body = ListQuery,
    responses(
        (status = 200, body = CustomerPageJson),
        Refusals,
    ))]
pub async fn search(
    State(state): State<Arc<ServerState>>,
    ApiActor(actor): ApiActor,
    body: ApiJson<ListQuery>,
) -> Result<Json<CustomerPageJson>, Problem> {
    page_of(&state, actor, body.value).await
}

async fn page_of(state: &Arc<ServerState>, actor: strongroom_domain::Actor, query: ListQuery) -> Result<Json<CustomerPageJson>, Problem> {
    let country = state.vault.settings().default_country;
    let purpose = query.purpose.as_deref().map(|text| state.vault.purposes().parse(text)).transpose()?;
    let search = match (&query.email, &query.phone, &query.name) {
        (Some(email), None, None) => Some(CustomerQuery::Email(EmailAddress::parse(email)?)),
        (None, Some(phone), None) => Some(CustomerQuery::Phone(PhoneE164::parse(phone, country)?)),
        (None, None, Some(name)) => Some(CustomerQuery::Name(name.clone())),
        (None, None, None) => None,
        _ => return Err(DomainError::invalid("query", "search by one of email, phone or name").into()),
    };
    let limit = page_limit(query.limit)?;
    let after = query.after.as_deref().map(|text| super::strict_id("after", text).map(CustomerId::from_uuid)).transpose()?;
    if let Some(search) = search {
        let found = state.run(move |vault| vault.find_customers_page(&actor, &search, purpose.as_ref(), after, limit)).await?;
        let next_after = if found.more { found.customers.last().map(|customer| customer.id.to_string()) } else { None };
        let items = found
            .customers
            .iter()
            .map(|customer| SummaryJson {
                id: customer.id.to_string(),
                name: customer.name.to_string(),
                email: customer.email.as_ref().map(ToString::to_string),
                phone: customer.phone.as_ref().map(ToString::to_string),
            })
            .collect();
        return Ok(Json(CustomerPageJson { items, next_after }));
    }
    let page = state.run(move |vault| vault.list_customers_page(&actor, after, limit)).await?;
    let next_after = page.next_after.map(|id| id.to_string());
    Ok(Json(CustomerPageJson { items: page.customers.iter().map(SummaryJson::from).collect(), next_after }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_debug_implementations)] // search values are personal data
pub struct ShowQuery {
    purpose: Option<String>,
}

/// One customer's record, as far as the token's role and scopes may see it. Reading a full
/// record needs a purpose of access from the shop's list (GDPR Art. 5(1)(b)), kept in the trail.
#[utoipa::path(get, path = "/api/v1/customers/{id}", tag = "customers",
    params(
        ("id" = String, Path, format = Uuid, description = "customer id"),
        ("purpose" = String, Query, min_length = 1, description = "why the record is read: sale, repair, customer_request, compliance, … (the shop's list)"),
    ),
    responses(
        (status = 200, body = CustomerRecordJson),
        Refusals,
    ))]
pub async fn show(
    State(state): State<Arc<ServerState>>,
    ApiActor(actor): ApiActor,
    ApiId(id): ApiId,
    ApiQuery(query): ApiQuery<ShowQuery>,
) -> Result<Json<CustomerRecordJson>, Problem> {
    // Left out, it is refused like an unknown one, with the shop's list in the message.
    let purpose = state.vault.purposes().parse(query.purpose.as_deref().unwrap_or(""))?;
    let id = CustomerId::from_uuid(id);
    // A token's read waits for the disk as a future, holding no thread (see `show_customer_queued`).
    let record = match state.vault.show_customer_queued(&actor, id, &purpose) {
        Some(pending) => {
            let answered = pending.await;
            if let Some(size) = answered.checkpoint_due {
                state.run(move |vault| vault.checkpoint_if_due(size)).await?;
            }
            answered.value?
        }
        None => state.run(move |vault| vault.show_customer(&actor, id, &purpose)).await?,
    };
    Ok(Json(CustomerRecordJson::from(&record)))
}

/// Adds a customer. Send an `Idempotency-Key` so a retry after a timeout cannot add them twice.
#[utoipa::path(post, path = "/api/v1/customers", tag = "customers",
    request_body = NewCustomerJson,
    params(("Idempotency-Key" = Option<String>, Header, min_length = 1, max_length = 255, pattern = "^[!-~]+$", description = "1 to 255 visible ASCII characters, new for each new customer")),
    responses(
        (status = 201, body = CreatedJson, headers(("Location" = String), ("Idempotent-Replayed" = Option<String>))),
        Refusals,
    ))]
pub async fn create(
    State(state): State<Arc<ServerState>>,
    ApiActor(actor): ApiActor,
    method: Method,
    headers: HeaderMap,
    body: ApiJson<NewCustomerJson>,
) -> Result<Response, Problem> {
    let once = once(&headers, &method, "/api/v1/customers", &body.raw)?;
    let new = body.value.parse(state.vault.settings(), OffsetDateTime::now_utc().date())?;
    // A token that may not read customers is not told who else has the email: the field is
    // left out for it, rather than an empty list that would read as "nobody".
    let told = actor.may(strongroom_domain::Permission::CustomerRead);
    let added = state.run(move |vault| vault.add_customer_once(&actor, new, once.as_ref())).await?;
    let id = added.value.id;
    let same_email = told.then(|| added.value.same_email.iter().map(ToString::to_string).collect());
    Ok(created(format!("/api/v1/customers/{id}"), added.replayed, CreatedJson { id: id.to_string(), same_email, ticket: None }))
}

/// Changes a customer (JSON merge patch, RFC 7396) and answers the whole changed customer, to a
/// token that may read customers.
#[utoipa::path(patch, path = "/api/v1/customers/{id}", tag = "customers",
    params(("id" = String, Path, format = Uuid, description = "customer id")),
    request_body(content = CustomerPatchJson, content_type = "application/merge-patch+json"),
    responses(
        (status = 200, body = CustomerJson),
        (status = 204, description = "changed; the token may not read customers (`customers:read`), so the record does not come back"),
        Refusals,
    ))]
pub async fn edit(
    State(state): State<Arc<ServerState>>,
    ApiActor(actor): ApiActor,
    ApiId(id): ApiId,
    body: ApiJson<CustomerPatchJson>,
) -> Result<Response, Problem> {
    let now = OffsetDateTime::now_utc();
    let patch = body.value.parse(state.vault.settings(), now.date(), now)?;
    let id = CustomerId::from_uuid(id);
    // A token that may write customers but not read them learns nothing more than that it worked.
    match state.run(move |vault| vault.edit_customer(&actor, id, patch)).await? {
        Some(customer) => Ok(Json(CustomerJson::from(&customer)).into_response()),
        None => Ok(StatusCode::NO_CONTENT.into_response()),
    }
}
