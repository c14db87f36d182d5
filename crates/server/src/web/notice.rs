//! The privacy notice (`/privacy/notice?lang=en|nl`): Strongroom's draft from the record of
//! processing, or the text the shop saved, in a box to change, with its version and the day the
//! shop's adviser reviewed it; saving is for the owner and the privacy officer, reading for the
//! external auditor too; a printable copy for the counter. Words in `ropa_words.rs`.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use maud::html;
use serde::Deserialize;
use strongroom_app::{AppError, Notice};
use strongroom_domain::{FreeText, Language, Permission, ShortText, parse_date};

use super::parts::today;
use super::ropa::{local_day, require_reader};
use super::ropa_words::{P, p};
use super::{Form, PageError, Ready, Session, app_message, csrf_field, form_error, page};
use crate::ServerState;

pub fn routes() -> Router<Arc<ServerState>> {
    Router::new().route("/privacy/notice", get(notice_page).post(save_notice)).route("/privacy/notice/print", get(print_notice))
}

#[derive(Deserialize, Default)]
struct Which {
    #[serde(default)]
    lang: String,
    /// Start again from Strongroom's draft.
    #[serde(default)]
    draft: Option<String>,
}

fn notice_view(language: Language, session: &Session, of: Language, notice: &Notice, error: Option<&str>) -> maud::Markup {
    let code = if of == Language::Nl { "nl" } else { "en" };
    let may_save = session.signed_in.role().allows(Permission::PrivacyRequests);
    html! {
        h1 { (p(language, P::NoticeTitle)) }
        (form_error(error))
        p.muted { (p(language, P::NoticeIntro)) }
        nav.actions {
            a.button href="/privacy/notice?lang=en" { (p(language, P::English)) }
            a.button href="/privacy/notice?lang=nl" { (p(language, P::Dutch)) }
            a.button href={ "/privacy/notice/print?lang=" (code) } { (p(language, P::Print)) }
            @if may_save && !notice.draft { a.button href={ "/privacy/notice?draft=1&lang=" (code) } { (p(language, P::StartAgain)) } }
        }
        @if notice.draft { p.warning { (p(language, P::IsDraft)) } } @else {
            p { (p(language, P::Version)) " " (notice.version) " · " (p(language, P::ReviewedOn)) " " (local_day(language, notice.reviewed_on.as_deref().unwrap_or(""))) }
        }
        @if may_save {
            form method="post" action={ "/privacy/notice?lang=" (code) } {
                (csrf_field(&session.csrf))
                label for="text" { (p(language, P::NoticeText)) }
                textarea id="text" name="text" rows="24" required { (notice.text) }
                label for="version" { (p(language, P::Version)) }
                input id="version" name="version" value=(notice.version) required;
                label for="reviewed_on" { (p(language, P::ReviewedOn)) }
                input id="reviewed_on" name="reviewed_on" type="date" value=(notice.reviewed_on.as_deref().unwrap_or(""));
                button type="submit" { (p(language, P::Save)) }
            }
        } @else {
            pre.notice-text { (notice.text) }
        }
    }
}

fn language_of(which: &Which, fallback: Language) -> Language {
    Language::parse(&which.lang).unwrap_or(fallback)
}

async fn notice_page(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Query(which): Query<Which>,
) -> Result<Response, PageError> {
    require_reader(&session)?;
    let language = session.signed_in.language();
    let of = language_of(&which, language);
    let actor = session.signed_in.actor()?.clone();
    let draft = which.draft.is_some();
    let notice =
        state.run(move |vault| if draft { vault.privacy_notice_draft(&actor, of) } else { vault.privacy_notice(&actor, of) }).await?;
    Ok(page(p(language, P::NoticeTitle), Some(&session), notice_view(language, &session, of, &notice, None)).into_response())
}

async fn print_notice(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Query(which): Query<Which>,
) -> Result<Response, PageError> {
    require_reader(&session)?;
    let of = language_of(&which, session.signed_in.language());
    let actor = session.signed_in.actor()?.clone();
    let notice = state.run(move |vault| vault.privacy_notice(&actor, of)).await?;
    let body = html! {
        @for paragraph in notice.text.split("\n\n") { p { (paragraph) } }
        @if !notice.draft { p.muted { (p(of, P::Version)) " " (notice.version) " · " (p(of, P::ReviewedOn)) " " (local_day(of, notice.reviewed_on.as_deref().unwrap_or(""))) } }
    };
    Ok(super::parts::printable_document(of, p(of, P::NoticeTitle), body).into_response())
}

#[derive(Deserialize)]
struct NoticeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    reviewed_on: String,
}

async fn save_notice(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Query(which): Query<Which>,
    Form(form): Form<NoticeForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    if !session.signed_in.role().allows(Permission::PrivacyRequests) {
        return Err(PageError::Denied(p(session.signed_in.language(), P::Denied).to_owned()));
    }
    let language = session.signed_in.language();
    let of = language_of(&which, language);
    let actor = session.signed_in.actor()?.clone();
    let (text, version, reviewed) = (form.text.clone(), form.version.clone(), form.reviewed_on.clone());
    let saved = state
        .run(move |vault| {
            let reviewed_on = Some(reviewed.trim()).filter(|day| !day.is_empty()).map(|day| parse_date("reviewed_on", day)).transpose()?;
            vault.save_privacy_notice(
                &actor,
                of,
                FreeText::parse("text", &text)?,
                ShortText::parse("version", &version)?,
                reviewed_on,
                today(),
            )
        })
        .await;
    match saved {
        Ok(()) => Ok(Redirect::to(&format!("/privacy/notice?lang={}", if of == Language::Nl { "nl" } else { "en" })).into_response()),
        Err(error @ AppError::Invalid(_)) => {
            let said = app_message(language, &error);
            let typed = Notice {
                language: String::new(),
                text: form.text,
                version: form.version,
                reviewed_on: Some(form.reviewed_on),
                draft: false,
            };
            Ok(page(p(language, P::NoticeTitle), Some(&session), notice_view(language, &session, of, &typed, Some(&said))).into_response())
        }
        Err(other) => Err(other.into()),
    }
}
