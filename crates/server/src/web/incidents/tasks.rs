//! An incident's response steps on its page: start the playbook, see what is due by when, and
//! mark a step done.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;
use strongroom_app::Task;
use strongroom_domain::{IncidentId, Language, Step};

use super::super::parts::moment;
use super::super::{Form, PageError, Ready, Session, csrf_field};
use super::{W, w};
use crate::ServerState;

pub(super) fn step_words(language: Language, step: Step) -> &'static str {
    w(
        language,
        match step {
            Step::IsolateDevice => W::StepIsolateDevice,
            Step::ChangePasswords => W::StepChangePasswords,
            Step::EndSessions => W::StepEndSessions,
            Step::RemoteWipe => W::StepRemoteWipe,
            Step::CheckEncryption => W::StepCheckEncryption,
            Step::KeepRansomNote => W::StepKeepRansomNote,
            Step::CheckBackups => W::StepCheckBackups,
            Step::RestoreFromBackup => W::StepRestoreFromBackup,
            Step::ReportToPolice => W::StepReportToPolice,
            Step::AskDeletion => W::StepAskDeletion,
            Step::RecordWhatWasSent => W::StepRecordWhatWasSent,
            Step::VerifyRequester => W::StepVerifyRequester,
            Step::WarnStaff => W::StepWarnStaff,
            Step::CheckImpact => W::StepCheckImpact,
            Step::AssessBreach => W::StepAssessBreach,
            Step::DisableAccount => W::StepDisableAccount,
            Step::ListWhatWasTaken => W::StepListWhatWasTaken,
        },
    )
}

/// The steps, or (for those who work incidents) the button that starts them.
pub(super) fn tasks_section(language: Language, session: &Session, incident: IncidentId, tasks: &[Task], manages: bool) -> Markup {
    let now = time::OffsetDateTime::now_utc();
    html! {
        @if manages || !tasks.is_empty() {
            h2 { (w(language, W::StepsTitle)) }
            p.muted { (w(language, W::StepsIntro)) }
        }
        @if tasks.is_empty() {
            @if manages {
                form.inline method="post" action={ "/incidents/" (incident) "/playbook" } {
                    (csrf_field(&session.csrf))
                    button type="submit" { (w(language, W::StartPlaybook)) }
                }
            }
        } @else {
            ol.tasks {
                @for task in tasks {
                    li.done[task.done_at.is_some()].overdue[task.overdue(now)] {
                        (step_words(language, task.step)) " · "
                        @match (&task.done_at, &task.done_by) {
                            (Some(at), by) => { (w(language, W::DoneBy)) " " (by.as_deref().unwrap_or("?")) ", " (moment(language, *at)) }
                            (None, _) => {
                                (w(language, W::DueBy)) " " (moment(language, task.due_at))
                                @if task.overdue(now) { " " strong { (w(language, W::Overdue)) } }
                                @if manages {
                                    " "
                                    form.inline method="post" action={ "/incidents/" (incident) "/tasks/" (task.seq) "/done" } {
                                        (csrf_field(&session.csrf))
                                        button type="submit" { (w(language, W::MarkDone)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[derive(Deserialize)]
pub(super) struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

pub(super) async fn start_playbook(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    Form(form): Form<CsrfOnly>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    let id = IncidentId::parse(&id).map_err(|_| PageError::NotFound)?;
    let actor = session.signed_in.actor()?.clone();
    state.run(move |vault| vault.start_playbook(&actor, id)).await?;
    Ok(Redirect::to(&format!("/incidents/{id}")).into_response())
}

pub(super) async fn complete_task(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path((id, seq)): Path<(String, i64)>,
    Form(form): Form<CsrfOnly>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    let id = IncidentId::parse(&id).map_err(|_| PageError::NotFound)?;
    let actor = session.signed_in.actor()?.clone();
    state.run(move |vault| vault.complete_task(&actor, id, seq)).await?;
    Ok(Redirect::to(&format!("/incidents/{id}")).into_response())
}
