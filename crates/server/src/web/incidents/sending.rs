//! Sending the customers' letter: the drafted text, changed by the owner, queued one e-mail per
//! customer in the breach's evidence; what was queued, and the incident's outbox with what a
//! person may do about a refused or unconfirmed letter.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;
use strongroom_app::{AppError, LetterVersion, LettersQueued, Outbox};
use strongroom_domain::{FreeText, IncidentId, Language, ShortText};

use super::super::mail::outbox_section;
use super::super::parts::moment;
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
    /// The kept version shown, if it is one.
    pub(super) kept: Option<LetterVersion>,
}

/// "Version 2, kept by olga, 6 dec 2026 10:15; sent 6 dec 2026 10:15."
pub(super) fn version_line(language: Language, kept: &LetterVersion) -> String {
    let mut line = format!(
        "{} {}, {} {}, {}",
        w(language, W::Version),
        kept.version,
        w(language, W::KeptBy),
        kept.saved_by,
        moment(language, kept.saved_at)
    );
    if let Some(sent) = kept.sent_at {
        line.push_str(&format!("; {} {}", w(language, W::SentOn), moment(language, sent)));
    }
    line
}

/// The letters kept with the incident, and the notification's phases among them.
pub(super) fn kept_letters(language: Language, id: IncidentId, letters: &[LetterVersion], manages: bool) -> Markup {
    let phases: Vec<&LetterVersion> =
        letters.iter().filter(|kept| kept.audience == strongroom_app::Audience::Authority && kept.sent_at.is_some()).collect();
    html! {
        @if !phases.is_empty() {
            h2 { (w(language, W::PhasesTitle)) }
            ol.phases {
                @for phase in &phases {
                    li { (version_line(language, phase)) }
                }
            }
        }
        @if !letters.is_empty() {
            h2 { (w(language, W::KeptTitle)) }
            ul.kept-letters {
                @for kept in letters.iter().rev() {
                    li {
                        @let label = w(language, match kept.audience {
                            strongroom_app::Audience::Authority => W::LetterAuthority,
                            strongroom_app::Audience::Customers => W::LetterCustomers,
                            strongroom_app::Audience::Staff => W::LetterStaff,
                        });
                        @if manages {
                            a href={ "/incidents/" (id) "/letter?version=" (kept.version) } { (label) }
                        } @else {
                            (label)
                        }
                        " (" (kept.language.as_str()) ") · " (version_line(language, kept))
                    }
                }
            }
        }
    }
}

#[derive(Deserialize)]
pub(super) struct KeepForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    lang: String,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    letter: String,
    #[serde(default)]
    sent: String,
}

impl KeepForm {
    fn parse(&self) -> Result<(ShortText, FreeText), strongroom_domain::DomainError> {
        Ok((ShortText::parse("subject", &self.subject)?, FreeText::parse("letter", &self.letter)?))
    }
}

/// Keeps the letter as it is in the box, as a new version; back to it, or to the form with why not.
pub(super) async fn keep_letter(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    Form(form): Form<KeepForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    let language = session.signed_in.language();
    let id = IncidentId::parse(&id).map_err(|_| PageError::NotFound)?;
    let audience = strongroom_app::Audience::parse(&form.to).map_err(AppError::from)?;
    let letter_language = Language::parse(&form.lang).unwrap_or(language);
    let actor = session.signed_in.actor()?.clone();
    let parsed = form.parse();
    let sent = form.sent == "yes";
    let kept = match parsed {
        Ok((subject, body)) => {
            let letter = strongroom_app::LetterToKeep { audience, language: letter_language, subject, body, sent };
            state.run(move |vault| vault.save_incident_letter(&actor, id, &letter)).await
        }
        Err(error) => Err(AppError::Invalid(error)),
    };
    match kept {
        Ok(version) => Ok(Redirect::to(&format!("/incidents/{id}/letter?version={version}")).into_response()),
        Err(error @ (AppError::Conflict(_) | AppError::Invalid(_))) => Ok(refused_letter(&state, &session, id, audience, &form, &error)),
        Err(other) => Err(other.into()),
    }
}

/// The letter's form again with why it was refused; a card number in it is never sent back.
fn refused_letter(
    state: &ServerState,
    session: &Session,
    id: IncidentId,
    audience: strongroom_app::Audience,
    form: &KeepForm,
    error: &AppError,
) -> Response {
    let language = session.signed_in.language();
    let card = strongroom_domain::contains_card_number(&form.subject) || strongroom_domain::contains_card_number(&form.letter);
    let draft = Draft {
        subject: if card { String::new() } else { form.subject.clone() },
        body: if card { String::new() } else { form.letter.clone() },
        lang: Language::parse(&form.lang).unwrap_or(language),
        error: Some(app_message(language, error)),
        kept: None,
    };
    let authority = strongroom_app::supervisory_authority(state.vault.settings().default_country.code());
    let content = letter_view(language, session, id, audience, &authority, &draft);
    page(w(language, W::LettersTitle), Some(session), content).into_response()
}

pub(super) async fn send_letters(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    Form(form): Form<KeepForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    let language = session.signed_in.language();
    let id = IncidentId::parse(&id).map_err(|_| PageError::NotFound)?;
    let actor = session.signed_in.actor()?.clone();
    let parsed = form.parse();
    let letter_language = Language::parse(&form.lang).unwrap_or(language);
    let queued = match parsed {
        Ok((subject, body)) => state.run(move |vault| vault.queue_customer_letters(&actor, id, letter_language, &subject, &body)).await,
        Err(error) => Err(AppError::Invalid(error)),
    };
    let queued = match queued {
        Ok(queued) => queued,
        Err(error @ (AppError::Conflict(_) | AppError::Invalid(_))) => {
            let customers = strongroom_app::Audience::Customers;
            return Ok(refused_letter(&state, &session, id, customers, &form, &error));
        }
        Err(other) => return Err(other.into()),
    };
    let actor = session.signed_in.actor()?.clone();
    let (configured, outbox) =
        state.run(move |vault| Ok::<_, AppError>((vault.mail_configured()?, vault.outbox(&actor, Some(id))?))).await?;
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
pub(super) fn letters_outbox(language: Language, session: &Session, id: IncidentId, outbox: &Outbox) -> Markup {
    html! {
        @if !outbox.counts.is_empty() {
            (outbox_section(language, session, outbox, &format!("/incidents/{id}")))
        }
    }
}
