//! The JSON API under `/api/v1`, for the POS, the webshop and other integrations.
//!
//! - The door: `Authorization: Bearer <token>` ([`ApiActor`]); no token or a refused one is a 401,
//!   a token whose scopes lack the permission a 403 (decided by the gate, which records it).
//! - Errors are RFC 9457 problem details ([`Problem`]); a value that fails its domain rule is a
//!   422 naming the field, malformed JSON a 400, an unknown field a 422. Nothing echoes a
//!   rejected value (it may be a card number).
//! - Creates take an optional `Idempotency-Key` (draft-ietf-httpapi-idempotency-key-header).
//! - Lists are pages: `limit` and `after`, answered with `next_after`.
//! - `/api/openapi.json` is generated from this code (utoipa) and checked in as
//!   `docs/openapi.json`; a test fails when the two differ.

// The JSON shapes hold personal data; they have no `Debug` so they cannot end up in a log line.
mod customers;
#[allow(missing_debug_implementations)]
pub mod json;
mod records;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::{any, get, patch};
use serde::Serialize;
use serde::de::DeserializeOwned;
use strongroom_app::{AppError, Once};
use strongroom_domain::{Actor, DomainError, IdempotencyKey, Scope};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};

use crate::ServerState;
use crate::limits::Class;
use crate::state::client;

pub fn routes() -> Router<Arc<ServerState>> {
    Router::new()
        .route("/api/openapi.json", get(openapi_document))
        .route("/api/v1/me", get(me))
        .route("/api/v1/customers", get(customers::list).post(customers::create))
        .route("/api/v1/customers/search", axum::routing::post(customers::search))
        .route("/api/v1/customers/{id}", get(customers::show).patch(customers::edit))
        .route("/api/v1/customers/{id}/purchases", get(records::purchases).post(records::create_purchase))
        .route("/api/v1/customers/{id}/repairs", axum::routing::post(records::create_repair))
        .route("/api/v1/repairs/{id}", patch(records::set_status))
        .route("/api/{*rest}", any(|| async { Problem::new(StatusCode::NOT_FOUND, "no such API endpoint; see /api/openapi.json") }))
        .layer(axum::middleware::from_fn(localize_problems))
}

/// A problem's title in Dutch, for a client that asks for Dutch (`Accept-Language: nl`).
fn dutch_title(title: &str) -> Option<&'static str> {
    Some(match title {
        "Bad Request" => "Ongeldig verzoek",
        "Unauthorized" => "Niet aangemeld",
        "Forbidden" => "Niet toegestaan",
        "Not Found" => "Niet gevonden",
        "Method Not Allowed" => "Methode niet toegestaan",
        "Conflict" => "Conflict",
        "Payload Too Large" => "Te groot",
        "Unsupported Media Type" => "Niet-ondersteund formaat",
        "Unprocessable Entity" => "Ongeldige gegevens",
        "Too Many Requests" => "Te veel verzoeken",
        "Internal Server Error" => "Interne fout",
        "Service Unavailable" => "Tijdelijk niet beschikbaar",
        _ => return None,
    })
}

/// Problems (RFC 9457) with their title in the client's language, as far as it sends
/// `Accept-Language` and Strongroom has it; the detail stays as the API documents it.
async fn localize_problems(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let language = crate::state::accepted_language(request.headers());
    let mut response = next.run(request).await;
    let problem = response.headers().get(header::CONTENT_TYPE).is_some_and(|value| value.as_bytes() == b"application/problem+json");
    if !problem {
        return response;
    }
    response.headers_mut().insert(header::VARY, HeaderValue::from_static("Accept-Language"));
    if language == strongroom_domain::Language::En {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 1 << 20).await else {
        return Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "nothing was changed; try again").into_response();
    };
    let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
        return Response::from_parts(parts, axum::body::Body::from(bytes));
    };
    if let Some(title) = value.get("title").and_then(serde_json::Value::as_str).and_then(dutch_title) {
        value["title"] = title.into();
        parts.headers.insert(header::CONTENT_LANGUAGE, HeaderValue::from_static("nl"));
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, axum::body::Body::from(serde_json::to_vec(&value).unwrap_or_default()))
}

/// The OpenAPI 3.1 document of this API.
#[derive(Debug, OpenApi)]
#[openapi(
    info(title = "Strongroom API", description = "Customers, purchases and workshop jobs of one jeweler, for the shop's POS and webshop."),
    paths(
        me,
        customers::list,
        customers::search,
        customers::create,
        customers::show,
        customers::edit,
        records::purchases,
        records::create_purchase,
        records::create_repair,
        records::set_status
    ),
    components(schemas(Problem, FieldProblem)),
    modifiers(&BearerToken),
    security(("bearer" = []))
)]
pub struct ApiDoc;

struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let scheme =
            HttpBuilder::new().scheme(HttpAuthScheme::Bearer).description(Some("an API token from `strongroom token create`")).build();
        components.add_security_scheme("bearer", SecurityScheme::Http(scheme));
    }
}

/// The document as served and as checked in.
pub fn openapi_json() -> String {
    let mut text = ApiDoc::openapi().to_pretty_json().expect("the OpenAPI document serialises");
    text.push('\n');
    text
}

async fn openapi_document() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], openapi_json()).into_response()
}

/// The refusals every endpoint may answer with, as problem details.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code, missing_debug_implementations)] // only its OpenAPI description is used
pub enum Refusals {
    /// Malformed JSON, query parameters or `Idempotency-Key`.
    #[response(status = 400, content_type = "application/problem+json")]
    BadRequest(Problem),
    /// No API token, or one that is unknown, expired or revoked.
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(Problem),
    /// The token's scopes do not include what this needs.
    #[response(status = 403, content_type = "application/problem+json")]
    Forbidden(Problem),
    /// No such record (a token without the scope gets 403 before any record is looked up).
    #[response(status = 404, content_type = "application/problem+json")]
    NotFound(Problem),
    /// Someone else changed the record meanwhile (a job moved on the board); look again.
    #[response(status = 409, content_type = "application/problem+json")]
    Conflict(Problem),
    /// The body is not `application/json`.
    #[response(status = 415, content_type = "application/problem+json")]
    UnsupportedMediaType(Problem),
    /// A value breaks its rule; `errors` names the fields.
    #[response(status = 422, content_type = "application/problem+json")]
    UnprocessableContent(Problem),
    /// Too many refused tokens from this address.
    #[response(status = 429, content_type = "application/problem+json")]
    TooManyRequests(Problem),
}

/// One field that failed its rule.
#[derive(Debug, Serialize, ToSchema)]
pub struct FieldProblem {
    pub field: String,
    pub detail: String,
}

/// An RFC 9457 problem: the status, a title, what to do, and for invalid input the fields.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    #[schema(example = "about:blank")]
    pub kind: &'static str,
    pub title: String,
    pub status: u16,
    pub detail: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
}

impl Problem {
    pub fn new(status: StatusCode, detail: impl Into<String>) -> Problem {
        Problem {
            kind: "about:blank",
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail: detail.into(),
            errors: Vec::new(),
        }
    }

    fn invalid(error: &DomainError) -> Problem {
        let mut problem = Problem::new(StatusCode::UNPROCESSABLE_ENTITY, error.to_string());
        problem.errors.push(FieldProblem { field: error.field().to_owned(), detail: error.to_string() });
        problem
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, Json(&self)).into_response();
        response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

impl From<DomainError> for Problem {
    fn from(error: DomainError) -> Problem {
        Problem::invalid(&error)
    }
}

/// Every problem of a body at once: each in `errors`, the first in `detail`.
impl From<Vec<DomainError>> for Problem {
    fn from(errors: Vec<DomainError>) -> Problem {
        let Some(first) = errors.first() else { return Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "the request is not valid") };
        let mut problem = Problem::invalid(first);
        if errors.len() > 1 {
            problem.detail = format!("{first} (and {} more problems, listed in errors)", errors.len() - 1);
        }
        problem.errors.extend(errors[1..].iter().map(|error| FieldProblem { field: error.field().to_owned(), detail: error.to_string() }));
        problem
    }
}

impl From<AppError> for Problem {
    fn from(error: AppError) -> Problem {
        match error {
            AppError::NotSignedIn => Problem::new(StatusCode::UNAUTHORIZED, "send a valid API token as `Authorization: Bearer <token>`"),
            AppError::Denied { .. } | AppError::StepUpRequired | AppError::Tampered(_) | AppError::Restricted => {
                Problem::new(StatusCode::FORBIDDEN, error.to_string())
            }
            // An erased customer looks like a missing one: the API does not say who was erased.
            AppError::NotFound(what) => Problem::new(StatusCode::NOT_FOUND, format!("no {what} with that id")),
            AppError::Shredded => Problem::new(StatusCode::NOT_FOUND, "no customer with that id"),
            AppError::Invalid(domain) => Problem::invalid(&domain),
            AppError::IdempotencyKeyReused => Problem::new(StatusCode::UNPROCESSABLE_ENTITY, error.to_string()),
            AppError::Conflict(detail) => Problem::new(StatusCode::CONFLICT, detail),
            other => {
                tracing::error!(detail = %other, "API request failed");
                Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "nothing was changed; try again")
            }
        }
    }
}

/// The actor of an API request's bearer token.
#[derive(Debug)]
pub struct ApiActor(pub Actor);

impl FromRequestParts<Arc<ServerState>> for ApiActor {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &Arc<ServerState>) -> Result<ApiActor, Problem> {
        let presented = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .map(|token| zeroize::Zeroizing::new(token.trim().to_owned()))
            .ok_or(Problem::from(AppError::NotSignedIn))?;
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(peer)| *peer);
        // Refused tokens have a bucket per address: one that keeps guessing gets 429s before its
        // guesses reach the store (or the trail). A token that worked lately still gets through
        // (and through every check), so a flood of bad tokens does not stop the shop's till.
        let digest = {
            let mut digest = [0u8; 32];
            digest.copy_from_slice(aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, presented.as_bytes()).as_ref());
            digest
        };
        if let Some(peer) = peer
            && state.options.per_ip_limits
            && !state.limiter.has_left(peer.ip(), Class::Token)
            && !state.crowd.token_worked_lately(&digest)
        {
            return Err(Problem::new(StatusCode::TOO_MANY_REQUESTS, "too many refused tokens from this address; wait a minute"));
        }
        // A token that passed every check within the last second needs no store visit (and no
        // trip to the blocking pool); otherwise, or after that, the vault checks it again.
        let checked = match state.vault.cached_api_actor(&presented) {
            Some(actor) => Ok(actor),
            None => {
                let client = client(peer);
                state.run(move |vault| vault.api_actor(&presented, &client)).await
            }
        };
        match checked {
            Ok(actor) => {
                state.crowd.token_worked(digest);
                if let Some(peer) = peer {
                    state.crowd.signed_in_from(peer.ip());
                }
                Ok(ApiActor(actor))
            }
            Err(error) => {
                // A token refused now (revoked: the case revocation is for) is slowed down at once.
                state.crowd.token_refused(&digest);
                if let Some(peer) = peer {
                    state.limiter.allow(peer.ip(), Class::Token);
                }
                Err(error.into())
            }
        }
    }
}

/// A JSON body, parsed into `T` (which refuses unknown fields), with its bytes kept for the
/// idempotency digest. Wrong media type: 415; not JSON: 400; not the schema: 422.
pub struct ApiJson<T> {
    pub value: T,
    pub raw: Bytes,
}

impl<T> std::fmt::Debug for ApiJson<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ApiJson(<{} bytes>)", self.raw.len())
    }
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = Problem;

    async fn from_request(request: Request, state: &S) -> Result<ApiJson<T>, Problem> {
        let media_type = request.headers().get(header::CONTENT_TYPE).and_then(|value| value.to_str().ok()).unwrap_or("");
        let essence = media_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        if essence != "application/json" && essence != "application/merge-patch+json" {
            return Err(Problem::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "send the body as application/json"));
        }
        let raw = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| Problem::new(rejection.status(), "the request body could not be read (is it too large?)"))?;
        match serde_json::from_slice::<T>(&raw) {
            Ok(value) => Ok(ApiJson { value, raw }),
            Err(error) => Err(body_problem(&error)),
        }
    }
}

/// Says what is wrong with a body without repeating any value from it.
fn body_problem(error: &serde_json::Error) -> Problem {
    use serde_json::error::Category;
    let at = format!("line {} column {}", error.line(), error.column());
    match error.classify() {
        Category::Syntax | Category::Eof | Category::Io => {
            Problem::new(StatusCode::BAD_REQUEST, format!("the body is not valid JSON ({at})"))
        }
        Category::Data => {
            let message = error.to_string();
            // serde names fields in these messages, never values.
            let named = ["unknown field", "missing field"].iter().any(|start| message.starts_with(start));
            let detail = if named {
                message.split(" at line").next().unwrap_or(&message).to_owned()
            } else {
                format!("a value has the wrong type or shape ({at}); see /api/openapi.json")
            };
            Problem::new(StatusCode::UNPROCESSABLE_ENTITY, detail)
        }
    }
}

/// Query parameters, refused with a problem (400) when they do not parse.
pub struct ApiQuery<T>(pub T);

impl<T> std::fmt::Debug for ApiQuery<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ApiQuery(<redacted>)")
    }
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<ApiQuery<T>, Problem> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(value)) => Ok(ApiQuery(value)),
            Err(_) => Err(Problem::new(StatusCode::BAD_REQUEST, "the query parameters do not match this endpoint; see /api/openapi.json")),
        }
    }
}

/// A record id from the path. One that is not an id is a 404, like an id that does not exist.
#[derive(Debug)]
pub struct ApiId(pub uuid::Uuid);

impl<S: Send + Sync> FromRequestParts<S> for ApiId {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<ApiId, Problem> {
        let not_found = || Problem::new(StatusCode::NOT_FOUND, "no record with that id");
        let Path(text) = Path::<String>::from_request_parts(parts, state).await.map_err(|_| not_found())?;
        uuid::Uuid::try_parse(&text).map(ApiId).map_err(|_| not_found())
    }
}

/// An id in a query parameter, in the one form the OpenAPI document allows (RFC 4122 hyphenated).
pub(crate) fn strict_id(field: &'static str, text: &str) -> Result<uuid::Uuid, DomainError> {
    let shaped = text.len() == 36
        && text.bytes().enumerate().all(|(n, b)| if [8, 13, 18, 23].contains(&n) { b == b'-' } else { b.is_ascii_hexdigit() });
    uuid::Uuid::try_parse(text)
        .ok()
        .filter(|_| shaped)
        .ok_or_else(|| DomainError::invalid(field, "is not an id (a UUID such as 0192f5e4-7b1a-7c3e-9d2f-3a4b5c6d7e8f)"))
}

/// The `Idempotency-Key` of a create, if sent, bound to the request it came with.
fn once(headers: &HeaderMap, method: &Method, path: &str, body: &[u8]) -> Result<Option<Once>, Problem> {
    let Some(value) = headers.get("idempotency-key") else { return Ok(None) };
    // A malformed key is a malformed request (400), however it is malformed.
    let malformed = |error: DomainError| {
        let mut problem = Problem::invalid(&error);
        problem.status = StatusCode::BAD_REQUEST.as_u16();
        problem.title = "Bad Request".into();
        problem
    };
    let text = value.to_str().map_err(|_| malformed(DomainError::invalid("Idempotency-Key", "must be visible ASCII")))?;
    // The draft sends the key as a structured-header string ("…"); the quotes may be left off.
    // The length is checked as sent, as the OpenAPI document says.
    let unquoted = if text.len() <= IdempotencyKey::MAX_LEN { text.trim_matches('"') } else { text };
    let key = IdempotencyKey::parse(unquoted).map_err(malformed)?;
    let mut request = Vec::with_capacity(method.as_str().len() + path.len() + body.len() + 2);
    request.extend_from_slice(method.as_str().as_bytes());
    request.push(0);
    request.extend_from_slice(path.as_bytes());
    request.push(0);
    request.extend_from_slice(body);
    Ok(Some(Once { key, request }))
}

/// A 201 with the new record's address; a replayed create says so in `Idempotent-Replayed`.
fn created(location: String, replayed: bool, body: json::CreatedJson) -> Response {
    let mut response = (StatusCode::CREATED, Json(body)).into_response();
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    if replayed {
        response.headers_mut().insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    response
}

/// Who a token is and what it may do.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeJson {
    pub name: String,
    pub kind: &'static str,
    pub scopes: Vec<&'static str>,
}

#[utoipa::path(get, path = "/api/v1/me", tag = "tokens",
    responses((status = 200, body = MeJson), Refusals))]
async fn me(ApiActor(actor): ApiActor) -> Json<MeJson> {
    let scopes: Vec<&'static str> =
        Scope::ALL.iter().filter(|scope| actor.scope.is_some_and(|set| set.contains(scope.permission()))).map(Scope::as_str).collect();
    Json(MeJson { name: actor.name, kind: actor.kind.as_str(), scopes })
}
