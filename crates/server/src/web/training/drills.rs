//! The phishing drills' pages: `/training/drills` (the drills and their results for who sees
//! everyone's training; the owner's form to start one, for staff with a reminder address) and
//! `/drill/{token}`, the public teaching page a practice mail's link leads to. It needs no
//! sign-in (the mail is opened anywhere), records the first click, and asks for nothing.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use maud::{Markup, html};
use strongroom_app::MailState;
use strongroom_app::training::{DrillEntry, DrillLanding};
use strongroom_domain::{DRILL_TEMPLATES, Language, Permission};

use super::words::{Y, y};
use crate::ServerState;
use crate::web::form::Form;
use crate::web::parts::moment;
use crate::web::{PageError, Ready, Session, csrf_field, page, page_in};

pub fn routes() -> Router<Arc<ServerState>> {
    Router::new().route("/training/drills", get(drills_page).post(start)).route("/drill/{token}", get(landing).post(opened))
}

fn mail_words(language: Language, state: Option<MailState>) -> &'static str {
    match state {
        Some(MailState::Sent) => y(language, Y::DrillSent),
        Some(MailState::Failed) | Some(MailState::Cancelled) => y(language, Y::DrillRefused),
        Some(MailState::Queued) | Some(MailState::Handing) | Some(MailState::Held) => y(language, Y::DrillWaiting),
        None => "–",
    }
}

fn drill_table(language: Language, drill: &DrillEntry) -> Markup {
    html! {
        section.drill {
            h3 { (drill.template.name.get(language.as_str())) " · " (moment(language, drill.started_at)) " · " (drill.started_by) }
            table.drill {
                thead { tr {
                    th { (y(language, Y::Person)) } th { (y(language, Y::DrillMail)) } th { (y(language, Y::DrillClicked)) }
                    th { (y(language, Y::DrillReported)) }
                } }
                tbody {
                    @for target in &drill.targets {
                        tr class=(if target.clicked_at.is_some() { "attention" } else if target.reported_at.is_some() { "ok" } else { "" }) {
                            td { (target.person) }
                            td { (mail_words(language, target.mail)) }
                            td { @if let Some(at) = target.clicked_at { (moment(language, at)) } @else { "–" } }
                            td { @if let Some(at) = target.reported_at { (moment(language, at)) } @else { "–" } }
                        }
                    }
                }
            }
        }
    }
}

fn start_form(language: Language, session: &Session, addresses: &[(String, String)]) -> Markup {
    html! {
        h2 { (y(language, Y::DrillStart)) }
        p.muted { (y(language, Y::DrillIntro)) }
        @if addresses.is_empty() { p { (y(language, Y::DrillNoAddresses)) " " a href="/training/overview#reminders" { (y(language, Y::RemindersTitle)) } } }
        @else {
            form method="post" action="/training/drills" {
                (csrf_field(&session.csrf))
                label for="template" { (y(language, Y::DrillTemplate)) }
                select id="template" name="template" {
                    @for template in DRILL_TEMPLATES { option value=(template.id) { (template.name.get(language.as_str())) } }
                }
                fieldset {
                    legend { (y(language, Y::DrillTo)) }
                    @for (name, _) in addresses {
                        div.choice {
                            input type="checkbox" id={ "to-" (name) } name={ "to:" (name) } value="yes";
                            label for={ "to-" (name) } { (name) }
                        }
                    }
                }
                button type="submit" { (y(language, Y::DrillSend)) }
            }
        }
    }
}

async fn drills_page(State(state): State<Arc<ServerState>>, Ready(session): Ready) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    crate::web::allowed_to(&session, Permission::TrainingOverview, y(language, Y::OnlyOverview))?;
    let actor = session.signed_in.actor()?.clone();
    let owner = session.signed_in.role().allows(Permission::SettingsManage);
    let (drills, addresses) = state
        .run(move |vault| {
            let addresses = if owner { vault.staff_mail_addresses(&actor)? } else { Vec::new() };
            Ok::<_, strongroom_app::AppError>((vault.drills(&actor)?, addresses))
        })
        .await?;
    let content = html! {
        p { a href="/training/overview" { (y(language, Y::Back)) } }
        h1 { (y(language, Y::DrillsTitle)) }
        @if owner { (start_form(language, &session, &addresses)) }
        h2 { (y(language, Y::DrillResults)) }
        @if drills.is_empty() { p { (y(language, Y::DrillNone)) } }
        @for drill in &drills { (drill_table(language, drill)) }
    };
    Ok(page(y(language, Y::DrillsTitle), Some(&session), content).into_response())
}

async fn start(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    headers: HeaderMap,
    uri: axum::http::Uri,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, form.get("csrf").map_or("", String::as_str))?;
    let language = session.signed_in.language();
    crate::web::allowed_to(&session, Permission::SettingsManage, y(language, Y::OnlyOwner))?;
    // The address staff open Strongroom at: the one the owner is using now (HTTP/2 names it in
    // the request's authority, HTTP/1.1 in its Host header).
    let host = uri
        .authority()
        .map(|authority| authority.as_str().to_owned())
        .or_else(|| headers.get(axum::http::header::HOST).and_then(|value| value.to_str().ok()).map(str::to_owned))
        .unwrap_or_default();
    if host.is_empty() || host.contains(['/', '@', ' ']) {
        return Err(PageError::BadRequest("the request named no host".into()));
    }
    let template = form.get("template").cloned().unwrap_or_default();
    let people: Vec<String> = form.keys().filter_map(|key| key.strip_prefix("to:")).map(str::to_owned).collect();
    let actor = session.signed_in.actor()?.clone();
    state.run(move |vault| vault.start_drill(&actor, &template, &people, &format!("https://{host}"))).await?;
    Ok(Redirect::to("/training/drills").into_response())
}

fn landing_view(landing: &DrillLanding, token: &str) -> Markup {
    let language = landing.language;
    let code = language.as_str();
    html! {
        h1 { (y(language, Y::LandingTitle)) }
        p.notice { (y(language, Y::LandingIntro)) }
        h2 { (y(language, Y::LandingClues)) }
        p.muted { "“" (landing.template.subject.get(code)) "”" }
        ul { @for clue in landing.template.clues { li { (clue.get(code)) } } }
        h2 { (y(language, Y::LandingNext)) }
        p { (y(language, Y::LandingAdvice)) }
        // The page's script records the opening with this form's address.
        form data-drill-seen="" method="post" action={ "/drill/" (token) } {}
    }
}

/// The teaching page (public: the link comes by mail). An unknown link is a plain 404.
async fn landing(State(state): State<Arc<ServerState>>, Path(token): Path<String>) -> Result<Response, PageError> {
    let looked_up = token.clone();
    let landing = state.run(move |vault| vault.drill_landing(&looked_up)).await?.ok_or(PageError::NotFound)?;
    Ok(page_in(landing.language, y(landing.language, Y::LandingTitle), landing_view(&landing, &token)).into_response())
}

/// The page was opened in a browser (its script's request): the first time is recorded.
async fn opened(State(state): State<Arc<ServerState>>, Path(token): Path<String>) -> Result<Response, PageError> {
    if state.run(move |vault| vault.drill_opened(&token)).await? {
        Ok(axum::http::StatusCode::NO_CONTENT.into_response())
    } else {
        Err(PageError::NotFound)
    }
}
