//! The JSON API's door for integrations: `Authorization: Bearer <token>`. No token or a refused
//! one is a 401 with RFC 9457 problem details; the routes for customers, purchases and repairs
//! build on this (the web-app issue). `GET /api/v1/me` says who a token is.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::get;
use strongroom_app::AppError;
use strongroom_domain::{Actor, Scope};

use super::client;
use crate::ServerState;
use crate::limits::Class;

pub fn routes() -> Router<Arc<ServerState>> {
    Router::new().route("/api/v1/me", get(me))
}

/// An RFC 9457 problem: a status, a title and what to do.
#[derive(Debug)]
pub struct Problem {
    status: StatusCode,
    title: &'static str,
    detail: String,
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let body = serde_json::json!({
            "type": "about:blank",
            "title": self.title,
            "status": self.status.as_u16(),
            "detail": self.detail,
        });
        let mut response = (self.status, Json(body)).into_response();
        response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

impl From<AppError> for Problem {
    fn from(error: AppError) -> Problem {
        match error {
            AppError::NotSignedIn => Problem {
                status: StatusCode::UNAUTHORIZED,
                title: "Unauthorized",
                detail: "send a valid API token as `Authorization: Bearer <token>`".into(),
            },
            AppError::Denied { .. } => Problem { status: StatusCode::FORBIDDEN, title: "Forbidden", detail: error.to_string() },
            AppError::NotFound(_) => Problem { status: StatusCode::NOT_FOUND, title: "Not Found", detail: error.to_string() },
            other => {
                tracing::error!(detail = %other, "API request failed");
                Problem {
                    status: StatusCode::INTERNAL_SERVER_ERROR,
                    title: "Internal Server Error",
                    detail: "nothing was changed; try again".into(),
                }
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
        // Refused tokens count like failed sign-ins: an address that keeps guessing gets 429s
        // before its guesses reach the store (or the trail).
        let limited = state.options.per_ip_limits;
        if let Some(peer) = peer
            && limited
            && !state.limiter.has_left(peer.ip(), Class::SignIn)
        {
            return Err(Problem {
                status: StatusCode::TOO_MANY_REQUESTS,
                title: "Too Many Requests",
                detail: "too many refused tokens from this address; wait a minute".into(),
            });
        }
        let client = client(peer);
        match state.run(move |vault| vault.api_actor(&presented, &client)).await {
            Ok(actor) => Ok(ApiActor(actor)),
            Err(error) => {
                if let Some(peer) = peer {
                    state.limiter.allow(peer.ip(), Class::SignIn);
                }
                Err(error.into())
            }
        }
    }
}

async fn me(ApiActor(actor): ApiActor) -> Json<serde_json::Value> {
    let scopes: Vec<&str> =
        Scope::ALL.iter().filter(|scope| actor.scope.is_some_and(|set| set.contains(scope.permission()))).map(Scope::as_str).collect();
    Json(serde_json::json!({ "name": actor.name, "kind": actor.kind.as_str(), "scopes": scopes }))
}
