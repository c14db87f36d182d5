//! The one route table: the guards every request passes, around the pages and the JSON API,
//! mounted side by side, each with its own answer for what it does not have (a page saying so,
//! or an RFC 9457 problem under `/api/`). Pages and API never reach into each other; what
//! both need lives in `state`.

use std::sync::Arc;

use axum::Router;

use crate::{ServerState, api, guard, web};

/// The application: every route, wrapped in the guards every request passes.
pub fn router(state: Arc<ServerState>) -> Router {
    // The pages (their fallback is the "nothing here" page) and the API (its catch-all under
    // `/api/` answers a problem): siblings, so neither's fallback or layers reach the other.
    let routes = Router::new().merge(web::routes()).merge(api::routes());
    guard::wrap(routes, state)
}
