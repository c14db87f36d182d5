//! Sending the customers' letter: the drafted text, changed by the owner, queued one e-mail per
//! customer in the breach's evidence; what was queued, and the incident's outbox with what a
//! person may do about a refused or unconfirmed letter.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use serde::Deserialize;
use strongroom_app::{AppError, LettersQueued, OutboxEntry};
use strongroom_domain::{FreeText, IncidentId, Language, ShortText};

use super::super::mail::outbox_section;
use super::super::{Form, PageError, Ready, Session, app_message, page};
use super::{W, letter_view, w};
use crate::ServerState;

/// A letter on its way to the page: its text, its language, and why it was refused.
#[derive(Debug)]
pub(super) struct Draft {
    pub(super) subject: String,
    pub(super) body: String,
    pub(super) lang: Language,
    pub(super) error: Option<String>,
}

#[derive(Deserialize)]
pub(super) struct SendForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    lang: String,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    letter: String,
}

pub(super) async fn send_letters(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    Form(form): Form<SendForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    let language = session.signed_in.language();
    let id = IncidentId::parse(&id).map_err(|_| PageError::NotFound)?;
    let actor = session.signed_in.actor()?.clone();
    let parsed = ShortText::parse("subject", &form.subject).and_then(|subject| Ok((subject, FreeText::parse("letter", &form.letter)?)));
    let queued = match parsed {
        Ok((subject, body)) => state.run(move |vault| vault.queue_customer_letters(&actor, id, &subject, &body)).await,
        Err(error) => Err(AppError::Invalid(error)),
    };
    let queued = match queued {
        Ok(queued) => queued,
        Err(error @ (AppError::Conflict(_) | AppError::Invalid(_))) => {
            // Shown again with the reason; a card number in the text is never sent back.
            let card = matches!(error, AppError::Invalid(strongroom_domain::DomainError::CardNumber { .. }));
            let draft = Draft {
                subject: if card { String::new() } else { form.subject.clone() },
                body: if card { String::new() } else { form.letter.clone() },
                lang: Language::parse(&form.lang).unwrap_or(language),
                error: Some(app_message(language, &error)),
            };
            let authority = strongroom_app::supervisory_authority("");
            let content = letter_view(language, &session, id, strongroom_app::Audience::Customers, &authority, &draft);
            return Ok(page(w(language, W::LettersTitle), Some(&session), content).into_response());
        }
        Err(other) => return Err(other.into()),
    };
    let actor = session.signed_in.actor()?.clone();
    let (configured, outbox) = state
        .run(move |vault| {
            Ok::<_, AppError>((vault.mail_settings(&actor).map(|config| config.is_some()).unwrap_or(true), vault.outbox(&actor, Some(id))?))
        })
        .await?;
    let content = html! {
        p { a href={ "/incidents/" (id) } { (w(language, W::RegisterTitle)) } }
        (queued_lines(language, &queued))
        @if !configured { p.attention { (w(language, W::MailNotSetUp)) } }
        (letters_outbox(language, &session, id, &outbox))
    };
    Ok(page(w(language, W::LettersQueuedTitle), Some(&session), content).into_response())
}

fn queued_lines(language: Language, queued: &LettersQueued) -> Markup {
    html! {
        h1 { (w(language, W::LettersQueuedTitle)) }
        dl.letters-queued {
            dt { (w(language, W::LettersQueued)) } dd { (queued.queued) }
            dt { (w(language, W::LettersAlready)) } dd { (queued.already) }
            @if queued.erased > 0 { dt { (w(language, W::LettersErased)) } dd { (queued.erased) } }
        }
        @if !queued.without_address.is_empty() {
            h2 { (w(language, W::LettersWithoutAddress)) ": " (queued.without_address.len()) }
            ul {
                @for customer in &queued.without_address {
                    li { a href={ "/customers/" (customer) } { (customer) } }
                }
            }
        }
        p.muted { (w(language, W::LettersGoSoon)) }
    }
}

/// The incident's letters in the outbox, for its page.
pub(super) fn letters_outbox(language: Language, session: &Session, id: IncidentId, outbox: &[OutboxEntry]) -> Markup {
    html! {
        @if !outbox.is_empty() {
            (outbox_section(language, session, outbox, &format!("/incidents/{id}")))
        }
    }
}
