//! The customer pages: search (through the blind indexes), a customer's profile opened with a
//! purpose of access, create and edit, a sale, an AML identity check with the rule that asks for
//! it, a job intake, the identity records, and who accessed the customer. What each role sees
//! is decided in `app`; these pages show what comes back, and mask nothing themselves.

mod identity;
mod intake;
mod merge;
mod profile;
mod sale;
mod search;

pub(crate) use sale::sale_state;
pub use search::search_form;

use std::sync::Arc;

use super::i18n::{T, tr};
use super::{PageError, Session, cookie};
use crate::ServerState;
use axum::Router;
use axum::http::HeaderMap;
use axum::response::Redirect;
use strongroom_domain::{CustomerId, DomainError, Language, Purpose};

/// The most customers one search shows: beyond that, a longer name or an email finds them.
pub(super) const SEARCH_PAGE: usize = 50;

/// The purpose of access last chosen in this browser session, offered again on the next profile.
pub const PURPOSE_COOKIE: &str = "__Host-strongroom-purpose";

pub fn routes() -> Router<Arc<ServerState>> {
    Router::new()
        .merge(search::routes())
        .merge(profile::routes())
        .merge(sale::routes())
        .merge(identity::routes())
        .merge(intake::routes())
        .merge(merge::routes())
}

pub(super) fn customer_id(text: &str) -> Result<CustomerId, PageError> {
    CustomerId::parse(text).map_err(|_| PageError::NotFound)
}

/// The purpose this session stated for customer `id`, from its cookie. The cookie carries an HMAC
/// bound to the session and the customer: one left behind by someone who signed out on a shared
/// PC counts for nobody, and a purpose stated for one customer is asked again for the next (a
/// sale for Anna is no reason to open Bram).
pub(super) fn remembered_purpose(state: &ServerState, session: &Session, headers: &HeaderMap, id: CustomerId) -> Option<Purpose> {
    let text = cookie(headers, PURPOSE_COOKIE)?;
    let (label, tag) = text.split_once('~')?;
    state.csrf_valid(&purpose_context(session, label, id), tag).then(|| state.vault.purposes().parse(label).ok()).flatten()
}

/// The purpose for a page that reads the record (editing shows it first; identity documents are
/// read for a stated purpose only), or the way to the profile, which asks for one.
pub(super) fn stated_purpose(state: &ServerState, session: &Session, headers: &HeaderMap, id: CustomerId) -> Result<Purpose, Redirect> {
    remembered_purpose(state, session, headers, id).ok_or_else(|| Redirect::to(&format!("/customers/{id}")))
}

pub(super) fn purpose_context(session: &Session, label: &str, id: CustomerId) -> Vec<u8> {
    [b"purpose:".as_slice(), label.as_bytes(), b":", id.as_bytes(), b":", session.signed_in.session_hash().as_slice()].concat()
}

pub(super) fn purpose_cookie(state: &ServerState, session: &Session, purpose: &Purpose, id: CustomerId) -> String {
    format!("{}~{}", purpose.as_str(), state.csrf_token(&purpose_context(session, purpose.as_str(), id)))
}

/// A purpose's name in the person's language; the shop's own purposes are shown as written.
pub(crate) fn purpose_name(language: Language, label: &str) -> String {
    match label {
        "sale" => tr(language, T::PurposeSale).to_owned(),
        "repair" => tr(language, T::PurposeRepair).to_owned(),
        "customer_request" => tr(language, T::PurposeCustomerRequest).to_owned(),
        "compliance" => tr(language, T::PurposeCompliance).to_owned(),
        "aftercare" => tr(language, T::PurposeAftercare).to_owned(),
        "security_incident" => tr(language, T::PurposeSecurityIncident).to_owned(),
        "data_quality" => tr(language, T::PurposeDataQuality).to_owned(),
        "legal_claim" => tr(language, T::PurposeLegalClaim).to_owned(),
        other => other.replace('_', " "),
    }
}

/// Names the form field an error is about where the domain's name for it differs.
pub(super) fn relabel(error: DomainError, field: &'static str) -> DomainError {
    match error {
        DomainError::Invalid { reason, .. } => DomainError::Invalid { field, reason },
        DomainError::CardNumber { .. } => DomainError::CardNumber { field },
    }
}
