//! An incident's response steps on its page: start the playbook, see what is due by when, and
//! mark a step done.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;
use strongroom_app::{AppError, PlaybookChange, Task, TaskStep};
use strongroom_domain::{IncidentId, IncidentKind, Language, Permission, ShortText, Step};

use super::super::parts::moment;
use super::super::{Form, PageError, Ready, Session, csrf_field, page};
use super::{W, kind_label, w};
use crate::ServerState;
use crate::web::CsrfOnly;

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

/// A task's words: a built-in step's in the person's language, or the shop's own.
pub(super) fn task_words(language: Language, step: &TaskStep) -> &str {
    match step {
        TaskStep::Builtin(step) => step_words(language, *step),
        TaskStep::Own(words) => words.as_str(),
    }
}

/// The steps, or (for those who work incidents) the button that starts them.
pub(super) fn tasks_section(language: Language, session: &Session, incident: IncidentId, tasks: &[Task], manages: bool) -> Markup {
    let now = time::OffsetDateTime::now_utc();
    html! {
        @if manages || !tasks.is_empty() {
            h2 { (w(language, W::StepsTitle)) }
            p.muted { (w(language, W::StepsIntro)) }
        }
        @if manages && !tasks.iter().any(|task| matches!(task.step, TaskStep::Builtin(_))) {
            form.inline method="post" action={ "/incidents/" (incident) "/playbook" } {
                (csrf_field(&session.csrf))
                button type="submit" { (w(language, W::StartPlaybook)) }
            }
        }
        @if !tasks.is_empty() {
            ol.tasks {
                @for task in tasks {
                    li.done[task.done_at.is_some()].overdue[task.overdue(now)] {
                        (task_words(language, &task.step)) " · "
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
        @if manages {
            form.add-step method="post" action={ "/incidents/" (incident) "/tasks" } {
                (csrf_field(&session.csrf))
                label for="step-text" { (w(language, W::AddStep)) }
                input type="text" id="step-text" name="text" maxlength="200" required;
                label for="step-hours" { (w(language, W::DueInHours)) }
                input type="number" id="step-hours" name="hours" min="0" max="720" value="24";
                button type="submit" { (w(language, W::AddStepButton)) }
            }
            p { a href="/incidents/playbooks" { (w(language, W::PlaybooksTitle)) } }
        }
    }
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

#[derive(Deserialize)]
pub(super) struct StepForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    hours: String,
    /// For a playbook: `add`, `remove` (with `position`) or `reset`.
    #[serde(default)]
    change: String,
    #[serde(default)]
    position: String,
    /// The key of the step at `position` when the page was shown.
    #[serde(default)]
    step: String,
}

impl StepForm {
    fn step(&self) -> Result<(ShortText, i64), AppError> {
        let text = ShortText::parse("step", &self.text)?;
        let hours = self
            .hours
            .trim()
            .parse::<i64>()
            .map_err(|_| AppError::Conflict(format!("a step is due 0 to {} hours after the start", strongroom_app::MAX_STEP_HOURS)))?;
        Ok((text, hours))
    }
}

pub(super) async fn add_task(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    Form(form): Form<StepForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    let id = IncidentId::parse(&id).map_err(|_| PageError::NotFound)?;
    let (text, hours) = form.step()?;
    let actor = session.signed_in.actor()?.clone();
    state.run(move |vault| vault.add_task(&actor, id, &text, hours)).await?;
    Ok(Redirect::to(&format!("/incidents/{id}")).into_response())
}

/// Every kind's playbook as the shop runs it: leave out a built-in step, add the shop's own,
/// or go back to the built-in steps.
pub(super) async fn playbooks_page(State(state): State<Arc<ServerState>>, Ready(session): Ready) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    let actor = session.signed_in.actor()?.clone();
    let playbooks = state.run(move |vault| vault.playbooks(&actor)).await?;
    let content = html! {
        p { a href="/incidents" { (w(language, W::RegisterTitle)) } }
        h1 { (w(language, W::PlaybooksTitle)) }
        p.muted { (w(language, W::PlaybooksIntro)) }
        @for playbook in &playbooks {
            section.playbook id=(playbook.kind.as_str()) {
                h2 { (kind_label(language, playbook.kind)) }
                p.muted { (w(language, if playbook.own { W::PlaybookOwn } else { W::PlaybookBuiltin })) }
                ol {
                    @for (position, step) in playbook.steps.iter().enumerate() {
                        li {
                            (task_words(language, &step.step)) " · " (step.hours) " " (w(language, W::HoursAfterStart))
                            @if step.step != TaskStep::Builtin(Step::AssessBreach) {
                                " "
                                form.inline method="post" action={ "/incidents/playbooks/" (playbook.kind.as_str()) } {
                                    (csrf_field(&session.csrf))
                                    input type="hidden" name="change" value="remove";
                                    input type="hidden" name="position" value=(position);
                                    input type="hidden" name="step" value=(step.step.key());
                                    button type="submit" { (w(language, W::LeaveOut)) }
                                }
                            }
                        }
                    }
                }
                form.add-step method="post" action={ "/incidents/playbooks/" (playbook.kind.as_str()) } {
                    (csrf_field(&session.csrf))
                    input type="hidden" name="change" value="add";
                    label for={ "text-" (playbook.kind.as_str()) } { (w(language, W::AddStep)) }
                    input type="text" id={ "text-" (playbook.kind.as_str()) } name="text" maxlength="200" required;
                    label for={ "hours-" (playbook.kind.as_str()) } { (w(language, W::DueInHours)) }
                    input type="number" id={ "hours-" (playbook.kind.as_str()) } name="hours" min="0" max="720" value="24";
                    button type="submit" { (w(language, W::AddStepButton)) }
                }
                @if playbook.own {
                    form.inline method="post" action={ "/incidents/playbooks/" (playbook.kind.as_str()) } {
                        (csrf_field(&session.csrf))
                        input type="hidden" name="change" value="reset";
                        button type="submit" { (w(language, W::ResetPlaybook)) }
                    }
                }
            }
        }
    };
    Ok(page(w(language, W::PlaybooksTitle), Some(&session), content).into_response())
}

pub(super) async fn change_playbook(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(kind): Path<String>,
    Form(form): Form<StepForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    if !session.signed_in.role().allows(Permission::IncidentManage) {
        return Err(PageError::Denied(format!("{} may not change the playbooks", session.signed_in.role())));
    }
    let kind = IncidentKind::parse(&kind).map_err(|_| PageError::NotFound)?;
    let change = match form.change.as_str() {
        "add" => {
            let (text, hours) = form.step()?;
            PlaybookChange::Add { text, hours }
        }
        "remove" => PlaybookChange::Remove(form.position.trim().parse().map_err(|_| PageError::NotFound)?, Some(form.step.clone())),
        "reset" => PlaybookChange::Reset,
        _ => return Err(PageError::NotFound),
    };
    let actor = session.signed_in.actor()?.clone();
    state.run(move |vault| vault.change_playbook(&actor, kind, change)).await?;
    Ok(Redirect::to(&format!("/incidents/playbooks#{}", kind.as_str())).into_response())
}
