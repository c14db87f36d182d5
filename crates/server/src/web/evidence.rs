//! The evidence files of the self-assessment's owner answers, on its page: the file's name and
//! size beside the answer (a link to read it for the owner and the external auditor), and for
//! the owner a form to attach one (replacing the one before) and a button to remove it. A file
//! is scanned by ClamAV and checked by its first bytes in the vault before it is kept; it is
//! sent back as an attachment with the type it was kept as, never shown in the page.

use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::{Markup, html};
use strongroom_app::AppError;
use strongroom_app::desk::{Assessed, MAX_EVIDENCE_BYTES};
use strongroom_domain::{Language, Permission, question};
use uuid::Uuid;

use super::file_form::read_form;
use super::form::Form;
use super::parts::today;
use super::{PageError, Ready, Session, csrf_field};
use crate::ServerState;

pub fn routes() -> Router<Arc<ServerState>> {
    Router::new()
        .route("/desk/assessment/{id}/evidence", post(attach).layer(DefaultBodyLimit::max(MAX_EVIDENCE_BYTES + 64 * 1024)))
        .route("/desk/assessment/{id}/evidence/remove", post(remove))
        .route("/desk/assessment/evidence/{file}", get(download))
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum V {
    EvidenceFile,
    Attach,
    RemoveFile,
    AttachHint,
    OnlyOwner,
    OnlyOwnerAndAuditor,
}

fn en(word: V) -> &'static str {
    match word {
        V::EvidenceFile => "Evidence file",
        V::Attach => "Attach",
        V::RemoveFile => "Remove the file",
        V::AttachHint => "A PDF, a PNG or JPEG picture or a text file, at most 4 MB; it is scanned for viruses and kept sealed.",
        V::OnlyOwner => "Only the owner attaches or removes evidence.",
        V::OnlyOwnerAndAuditor => "Only the owner and the external auditor read the evidence.",
    }
}

fn nl(word: V) -> &'static str {
    match word {
        V::EvidenceFile => "Bewijsstuk",
        V::Attach => "Toevoegen",
        V::RemoveFile => "Bestand verwijderen",
        V::AttachHint => {
            "Een pdf, een png- of jpeg-afbeelding of een tekstbestand, hoogstens 4 MB; het wordt op virussen gecontroleerd en versleuteld bewaard."
        }
        V::OnlyOwner => "Alleen de eigenaar voegt bewijsstukken toe of verwijdert ze.",
        V::OnlyOwnerAndAuditor => "Alleen de eigenaar en de externe auditor lezen de bewijsstukken.",
    }
}

fn s(language: Language, word: V) -> &'static str {
    match language {
        Language::En => en(word),
        Language::Nl => nl(word),
    }
}

/// The file beside an owner's answer, and the owner's forms.
pub fn part(language: Language, session: &Session, assessed: &Assessed, owner: bool) -> Markup {
    let id = assessed.question.id;
    html! {
        @if let Some(file) = &assessed.evidence_file {
            br;
            (s(language, V::EvidenceFile)) ": "
            a href={ "/desk/assessment/evidence/" (file.id) } { (file.name) }
            span.muted { " (" (file.bytes.div_ceil(1024)) " KB)" }
            @if owner {
                form.inline method="post" action={ "/desk/assessment/" (id) "/evidence/remove" } {
                    (csrf_field(&session.csrf))
                    button.secondary type="submit" { (s(language, V::RemoveFile)) }
                }
            }
        }
        @if owner && assessed.answered.is_some() {
            form method="post" action={ "/desk/assessment/" (id) "/evidence" } enctype="multipart/form-data" {
                (csrf_field(&session.csrf))
                label for={ "evidence-" (id) } { (s(language, V::EvidenceFile)) }
                input type="file" id={ "evidence-" (id) } name="file" accept=".pdf,.png,.jpg,.jpeg,.txt,application/pdf,image/png,image/jpeg,text/plain" required;
                button type="submit" { (s(language, V::Attach)) }
                span.muted { " " (s(language, V::AttachHint)) }
            }
        }
    }
}

fn may_attach(session: &Session) -> Result<(), PageError> {
    super::allowed_to(session, Permission::SettingsManage, s(session.signed_in.language(), V::OnlyOwner))
}

/// A refusal of the file in the person's words.
fn refused(session: &Session, error: AppError) -> PageError {
    match error {
        AppError::Conflict(why) => PageError::BadRequest(super::i18n::reason(session.signed_in.language(), &why).into_owned()),
        other => other.into(),
    }
}

async fn attach(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    form: Multipart,
) -> Result<Response, PageError> {
    let question = question(&id).ok_or(PageError::NotFound)?;
    let (_, file) = read_form(&state, &session, form, MAX_EVIDENCE_BYTES, may_attach).await?;
    let file =
        file.ok_or_else(|| PageError::BadRequest(super::i18n::tr(session.signed_in.language(), super::i18n::T::NoFile).to_owned()))?;
    let actor = session.signed_in.actor()?.clone();
    let attached = state.run(move |vault| vault.attach_evidence(&actor, question.id, &file.name, &file.bytes, today())).await;
    attached.map_err(|error| refused(&session, error))?;
    Ok(Redirect::to(&format!("/desk/assessment#q-{}", question.id)).into_response())
}

async fn remove(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    Form(form): Form<super::CsrfOnly>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    may_attach(&session)?;
    let question = question(&id).ok_or(PageError::NotFound)?;
    let actor = session.signed_in.actor()?.clone();
    state.run(move |vault| vault.remove_evidence(&actor, question.id)).await?;
    Ok(Redirect::to(&format!("/desk/assessment#q-{}", question.id)).into_response())
}

async fn download(State(state): State<Arc<ServerState>>, Ready(session): Ready, Path(file): Path<String>) -> Result<Response, PageError> {
    super::allowed_to(&session, Permission::DeskRead, s(session.signed_in.language(), V::OnlyOwnerAndAuditor))?;
    let file = Uuid::parse_str(&file).map_err(|_| PageError::NotFound)?;
    let actor = session.signed_in.actor()?.clone();
    let (evidence, bytes) = state.run(move |vault| vault.evidence_file(&actor, file, today())).await?;
    // The name is cleaned to plain characters when kept, so it cannot break out of the quotes.
    let disposition = format!("attachment; filename=\"{}\"", evidence.name);
    Ok(([(header::CONTENT_TYPE, evidence.content_type), (header::CONTENT_DISPOSITION, disposition)], bytes).into_response())
}
