//! A customer's purchases and workshop jobs: record a sale, list a customer's sales, take in a
//! job, move a job on the board.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Json, Response};
use serde::Deserialize;
use strongroom_app::TakenIn;
use strongroom_domain::{CustomerId, RepairId};
use time::OffsetDateTime;

use super::customers::page_limit;
use super::json::{CreatedJson, NewPurchaseJson, NewRepairJson, PurchaseJson, PurchasePageJson, RepairJson, RepairStatusJson};
use super::{ApiActor, ApiId, ApiJson, ApiQuery, Problem, Refusals, created, once};
use crate::ServerState;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_debug_implementations)] // search values are personal data
pub struct PurchasesQuery {
    purpose: Option<String>,
    after: Option<String>,
    limit: Option<u32>,
}

/// A customer's purchases, oldest first, a page at a time.
#[utoipa::path(get, path = "/api/v1/customers/{id}/purchases", tag = "purchases",
    params(
        ("id" = String, Path, format = Uuid, description = "customer id"),
        ("purpose" = Option<String>, Query, description = "why they are read, kept in the audit trail"),
        ("after" = Option<String>, Query, format = Uuid, description = "the `next_after` of the previous page"),
        ("limit" = Option<u32>, Query, minimum = 1, maximum = 1000, description = "page size, 100 when left out"),
    ),
    responses(
        (status = 200, body = PurchasePageJson),
        Refusals,
    ))]
pub async fn purchases(
    State(state): State<Arc<ServerState>>,
    ApiActor(actor): ApiActor,
    ApiId(id): ApiId,
    ApiQuery(query): ApiQuery<PurchasesQuery>,
) -> Result<Json<PurchasePageJson>, Problem> {
    let purpose = query.purpose.as_deref().map(|text| state.vault.purposes().parse(text)).transpose()?;
    let after = query.after.as_deref().map(|text| super::strict_id("after", text)).transpose()?;
    let limit = page_limit(query.limit)?;
    let customer_id = CustomerId::from_uuid(id);
    let all = state.run(move |vault| vault.purchases(&actor, customer_id, purpose.as_ref())).await?;
    // A customer has tens of purchases, not thousands: they are read whole and paged here.
    let rest: Vec<_> = all.iter().filter(|purchase| after.is_none_or(|after| purchase.id.as_uuid() > after)).collect();
    let page: Vec<PurchaseJson> = rest.iter().take(limit).map(|purchase| PurchaseJson::from(*purchase)).collect();
    let next_after = if rest.len() > limit { page.last().map(|purchase| purchase.id.clone()) } else { None };
    Ok(Json(PurchasePageJson { items: page, next_after }))
}

/// Records a sale for the customer. A POS should send an `Idempotency-Key` so a retry after a
/// timeout cannot record the sale twice. Card numbers are refused anywhere in the body.
#[utoipa::path(post, path = "/api/v1/customers/{id}/purchases", tag = "purchases",
    request_body = NewPurchaseJson,
    params(
        ("id" = String, Path, format = Uuid, description = "customer id"),
        ("Idempotency-Key" = Option<String>, Header, min_length = 1, max_length = 255, pattern = "^[!-~]+$", description = "1 to 255 visible ASCII characters, new for each new sale"),
    ),
    responses(
        (status = 201, body = CreatedJson, headers(("Location" = String), ("Idempotent-Replayed" = Option<String>))),
        Refusals,
    ))]
pub async fn create_purchase(
    State(state): State<Arc<ServerState>>,
    ApiActor(actor): ApiActor,
    ApiId(id): ApiId,
    method: Method,
    headers: HeaderMap,
    body: ApiJson<NewPurchaseJson>,
) -> Result<Response, Problem> {
    let once = once(&headers, &method, &format!("/api/v1/customers/{id}/purchases"), &body.raw)?;
    let customer_id = CustomerId::from_uuid(id);
    let new = body.value.parse(customer_id, state.vault.settings(), OffsetDateTime::now_utc().date())?;
    let purchase = state.run(move |vault| vault.add_purchase_once(&actor, new, once.as_ref())).await?;
    let location = format!("/api/v1/customers/{customer_id}/purchases");
    Ok(created(location, purchase.replayed, CreatedJson { id: purchase.value.to_string(), same_email: None, ticket: None }))
}

/// Takes in a repair, appraisal or custom order for the customer.
#[utoipa::path(post, path = "/api/v1/customers/{id}/repairs", tag = "repairs",
    request_body = NewRepairJson,
    params(
        ("id" = String, Path, format = Uuid, description = "customer id"),
        ("Idempotency-Key" = Option<String>, Header, min_length = 1, max_length = 255, pattern = "^[!-~]+$", description = "1 to 255 visible ASCII characters, new for each new job"),
    ),
    responses(
        (status = 201, body = CreatedJson, headers(("Location" = String), ("Idempotent-Replayed" = Option<String>))),
        Refusals,
    ))]
pub async fn create_repair(
    State(state): State<Arc<ServerState>>,
    ApiActor(actor): ApiActor,
    ApiId(id): ApiId,
    method: Method,
    headers: HeaderMap,
    body: ApiJson<NewRepairJson>,
) -> Result<Response, Problem> {
    let once = once(&headers, &method, &format!("/api/v1/customers/{id}/repairs"), &body.raw)?;
    let customer_id = CustomerId::from_uuid(id);
    let new = body.value.parse(customer_id, state.vault.settings(), OffsetDateTime::now_utc().date())?;
    let job = state.run(move |vault| vault.add_repair_once(&actor, new, once.as_ref())).await?;
    let TakenIn { id, ticket } = job.value;
    Ok(created(
        format!("/api/v1/repairs/{id}"),
        job.replayed,
        CreatedJson { id: id.to_string(), same_email: None, ticket: Some(ticket.to_string()) },
    ))
}

/// Moves a job on the workshop board: received, at_bench, ready, collected; forward only.
#[utoipa::path(patch, path = "/api/v1/repairs/{id}", tag = "repairs",
    request_body = RepairStatusJson,
    params(("id" = String, Path, format = Uuid, description = "job id")),
    responses(
        (status = 200, body = RepairJson),
        (status = 204, description = "moved; the token may not read jobs (`repairs:read`), so the job does not come back"),
        Refusals,
    ))]
pub async fn set_status(
    State(state): State<Arc<ServerState>>,
    ApiActor(actor): ApiActor,
    ApiId(id): ApiId,
    body: ApiJson<RepairStatusJson>,
) -> Result<Response, Problem> {
    let status = body.value.parse()?;
    let repair_id = RepairId::from_uuid(id);
    // A token that may move jobs but not read them learns nothing more than that it worked.
    match state.run(move |vault| vault.set_repair_status(&actor, repair_id, status)).await? {
        Some(repair) => Ok(Json(RepairJson::from(&repair)).into_response()),
        None => Ok(StatusCode::NO_CONTENT.into_response()),
    }
}
