//! The audit workspace (`/desk/audit`), the external auditor's page and the owner's: the
//! calendar (an internal review each quarter, an external audit each year), the audits held,
//! the read-only views an auditor needs (risks, self-assessment, devices, incidents, the record
//! of processing), the findings (the auditor writes them; the owner resolves each with a note),
//! and the audit report to print or save as a PDF (`/desk/audit/report`), which carries a
//! checkpoint of the audit trail signed for it. None of it shows a customer's data.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::{Markup, html};
use serde::Deserialize;
use strongroom_app::AppError;
use strongroom_app::desk::{AuditDesk, AuditReport};
use strongroom_domain::{AuditHeld, AuditKind, DomainError, Finding, FindingSeverity, Language, Permission};

use super::audit_words::{A, a, filled, kind_name, severity_name};
use super::form::Form;
use super::parts::{day, printable_document, today};
use super::{PageError, Ready, Session, csrf_field, page};
use crate::ServerState;

/// Marks the checkpoint in a report, so `audit verify --against REPORT` finds it.
pub const CHECKPOINT_BEGIN: &str = "-----BEGIN STRONGROOM CHECKPOINT-----";
pub const CHECKPOINT_END: &str = "-----END STRONGROOM CHECKPOINT-----";

pub fn routes() -> Router<Arc<ServerState>> {
    Router::new()
        .route("/desk/audit", get(workspace))
        .route("/desk/audit/findings", post(add_finding))
        .route("/desk/audit/findings/{id}/resolve", post(resolve))
        .route("/desk/audit/held", post(held))
        .route("/desk/audit/report", get(report).post(fresh_report))
        .route("/desk/audit/requests", get(requests))
        .route("/desk/audit/trail", get(super::trail_stats::trail_page))
}

/// The page's title, for links to it.
pub fn title(language: Language) -> &'static str {
    a(language, A::Title)
}

/// The start page's part: for the owner, how many findings wait; for the external auditor, the
/// workspace and what it holds.
pub fn start_section(language: Language, open_findings: usize, auditor: bool) -> Markup {
    html! {
        @if auditor {
            section.audit-workspace {
                h2 { (a(language, A::Title)) }
                p { (a(language, A::Intro)) }
                p { a.button href="/desk/audit" { (a(language, A::Title)) } }
            }
        }
        @if open_findings > 0 {
            section.attention.findings {
                h2 { (a(language, A::StartFindings)) ": " (open_findings) }
                p { a href="/desk/audit" { (a(language, A::Title)) } }
            }
        }
    }
}

fn may_read(session: &Session) -> Result<(), PageError> {
    crate::web::allowed_to(session, Permission::DeskRead, a(session.signed_in.language(), A::OnlyOwnerAndAuditor))
}

fn calendar(language: Language, desk: &AuditDesk) -> Markup {
    let today = today();
    let due = |when: time::Date| html! { (day(language, when)) @if when <= today { " " strong.overdue { (a(language, A::Due)) } } };
    html! {
        dl.calendar {
            dt { (a(language, A::NextInternal)) } dd { (due(desk.next_internal)) }
            dt { (a(language, A::NextExternal)) } dd { (due(desk.next_external)) }
        }
    }
}

fn findings_table(language: Language, session: &Session, desk: &AuditDesk) -> Markup {
    let owner = session.signed_in.role().allows(Permission::SettingsManage);
    html! {
        @if desk.findings.is_empty() { p { (a(language, A::NoFindings)) } }
        @for entry in &desk.findings {
            @let finding = &entry.finding;
            article.finding.resolved[finding.resolved.is_some()] {
                h3 { (finding.title) " (" (severity_name(language, finding.severity)) ", "
                    (if finding.resolved.is_some() { a(language, A::Resolved) } else { a(language, A::Open) }) ")" }
                p.muted { (finding.raised_by) ", " (day(language, finding.raised_on)) }
                p { (finding.detail) }
                @if !finding.recommendation.is_empty() { p { strong { (a(language, A::Recommendation)) ": " } (finding.recommendation) } }
                @if let Some((on, note)) = &finding.resolved { p { strong { (a(language, A::Resolved)) " " (day(language, *on)) ": " } (note) } }
                @else if owner {
                    form method="post" action={ "/desk/audit/findings/" (entry.id) "/resolve" } {
                        (csrf_field(&session.csrf))
                        input type="hidden" name="read_at" value=(entry.updated_at);
                        label for={ "note-" (entry.id) } { (a(language, A::ResolveNote)) }
                        textarea id={ "note-" (entry.id) } name="note" rows="2" required {}
                        button type="submit" { (a(language, A::Resolve)) }
                    }
                }
            }
        }
    }
}

fn forms(language: Language, session: &Session) -> Markup {
    let role = session.signed_in.role();
    html! {
        @if role.allows(Permission::DeskFindings) {
            h2 { (a(language, A::AddFinding)) }
            form method="post" action="/desk/audit/findings" {
                (csrf_field(&session.csrf))
                label for="title" { (a(language, A::FindingTitle)) }
                input type="text" id="title" name="title" required;
                label for="severity" { (a(language, A::Severity)) }
                select id="severity" name="severity" {
                    @for severity in FindingSeverity::ALL { option value=(severity.as_str()) { (severity_name(language, severity)) } }
                }
                label for="detail" { (a(language, A::Detail)) }
                textarea id="detail" name="detail" rows="3" required {}
                label for="recommendation" { (a(language, A::Recommendation)) }
                textarea id="recommendation" name="recommendation" rows="2" {}
                button type="submit" { (a(language, A::Add)) }
            }
            h2 { (a(language, A::RecordAudit)) }
            form method="post" action="/desk/audit/held" {
                (csrf_field(&session.csrf))
                label for="kind" { (a(language, A::Kind)) }
                select id="kind" name="kind" {
                    @if role.allows(Permission::SettingsManage) { option value="internal" { (kind_name(language, AuditKind::Internal)) } }
                    option value="external" { (kind_name(language, AuditKind::External)) }
                }
                label for="held_on" { (a(language, A::HeldOn)) }
                input type="date" id="held_on" name="held_on" required;
                label for="by" { (a(language, A::By)) }
                input type="text" id="by" name="by" required;
                label for="scope" { (a(language, A::Scope)) }
                textarea id="scope" name="scope" rows="2" {}
                button type="submit" { (a(language, A::Record)) }
            }
        }
    }
}

async fn workspace(State(state): State<Arc<ServerState>>, Ready(session): Ready) -> Result<Response, PageError> {
    may_read(&session)?;
    render(&state, &session, None).await
}

async fn render(state: &Arc<ServerState>, session: &Session, problem: Option<String>) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    let actor = session.signed_in.actor()?.clone();
    let desk = state.run(move |vault| vault.audit_desk(&actor, today())).await?;
    let content = html! {
        h1 { (a(language, A::Title)) }
        @if let Some(problem) = problem { p.error role="alert" { (problem) } }
        p.muted { (a(language, A::Intro)) }
        h2 { (a(language, A::Calendar)) }
        (calendar(language, &desk))
        h2 { (a(language, A::Held)) }
        @if desk.held.is_empty() { p { (a(language, A::NoneHeld)) } }
        ul { @for audit in &desk.held { li { (day(language, audit.held_on)) " · " (kind_name(language, audit.kind)) " · " (audit.by) @if !audit.scope.is_empty() { br; span.muted { (audit.scope) } } } } }
        h2 { (a(language, A::Views)) }
        ul.views {
            li { a href="/desk/risks" { (super::risks::title(language)) } }
            li { a href="/desk/assessment" { (super::assessment::title(language)) } }
            li { a href="/desk/devices" { (super::devices::title(language)) } }
            li { a href="/desk/doctor" { (super::desk::title(language)) } }
            li { a href="/incidents" { (super::incidents::w(language, super::incidents::W::MenuIncidents)) } }
            li { a href="/privacy/records" { (super::ropa_words::p(language, super::ropa_words::P::Title)) } }
            li { a href="/desk/audit/requests" { (a(language, A::Requests)) } }
            li { a href="/desk/audit/trail" { (super::trail_stats::s(language, super::trail_stats::S::Title)) } }
            li { a href="/desk/audit/report" { (a(language, A::Report)) } }
        }
        form method="post" action="/desk/audit/report" {
            (csrf_field(&session.csrf))
            button type="submit" { (a(language, A::FreshReport)) }
        }
        h2 { (a(language, A::Findings)) }
        (findings_table(language, session, &desk))
        (forms(language, session))
    };
    Ok(page(a(language, A::Title), Some(session), content).into_response())
}

/// A refusal of the rules in the person's words, shown above the workspace.
async fn refused(state: &Arc<ServerState>, session: &Session, error: AppError) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    let message = match &error {
        AppError::Invalid(DomainError::Invalid { field, reason }) => format!("{field}: {}", super::i18n::reason(language, reason)),
        AppError::Conflict(why) => super::i18n::reason(language, why).into_owned(),
        _ => return Err(error.into()),
    };
    let mut response = render(state, session, Some(message)).await?;
    *response.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    Ok(response)
}

#[derive(Deserialize)]
struct FindingForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    severity: String,
    #[serde(default)]
    detail: String,
    #[serde(default)]
    recommendation: String,
}

async fn add_finding(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Form(form): Form<FindingForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    let actor = session.signed_in.actor()?.clone();
    let added = state
        .run(move |vault| {
            let finding = Finding {
                title: form.title,
                severity: FindingSeverity::parse("severity", &form.severity)?,
                detail: form.detail,
                recommendation: form.recommendation,
                raised_by: String::new(),
                raised_on: today(),
                resolved: None,
            };
            vault.add_finding(&actor, finding)
        })
        .await;
    match added {
        Ok(_) => Ok(Redirect::to("/desk/audit").into_response()),
        Err(error) => refused(&state, &session, error).await,
    }
}

#[derive(Deserialize)]
struct ResolveForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    read_at: String,
}

async fn resolve(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    Form(form): Form<ResolveForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    let id = uuid::Uuid::parse_str(&id).map_err(|_| PageError::NotFound)?;
    let read_at: i64 = form.read_at.parse().map_err(|_| PageError::BadRequest("the form was not read from this page".into()))?;
    let actor = session.signed_in.actor()?.clone();
    match state.run(move |vault| vault.resolve_finding(&actor, id, &form.note, today(), read_at)).await {
        Ok(()) => Ok(Redirect::to("/desk/audit").into_response()),
        Err(error) => refused(&state, &session, error).await,
    }
}

#[derive(Deserialize)]
struct HeldForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    held_on: String,
    #[serde(default)]
    by: String,
    #[serde(default)]
    scope: String,
}

async fn held(State(state): State<Arc<ServerState>>, Ready(session): Ready, Form(form): Form<HeldForm>) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    let actor = session.signed_in.actor()?.clone();
    let recorded = state
        .run(move |vault| {
            let audit = AuditHeld {
                kind: AuditKind::parse("kind", &form.kind)?,
                held_on: strongroom_domain::parse_date("held_on", &form.held_on)?,
                by: form.by,
                scope: form.scope,
            };
            vault.record_audit(&actor, audit, today())
        })
        .await;
    match recorded {
        Ok(_) => Ok(Redirect::to("/desk/audit").into_response()),
        Err(error) => refused(&state, &session, error).await,
    }
}

/// The request register without personal data, for the external auditor and the owner.
async fn requests(State(state): State<Arc<ServerState>>, Ready(session): Ready) -> Result<Response, PageError> {
    may_read(&session)?;
    let language = session.signed_in.language();
    let actor = session.signed_in.actor()?.clone();
    let lines = state.run(move |vault| vault.request_register_lines(&actor)).await?;
    let content = html! {
        h1 { (a(language, A::Requests)) }
        p.muted { (a(language, A::RequestsIntro)) }
        @if lines.is_empty() { p { (a(language, A::NoRequests)) } }
        @else {
            table {
                thead { tr { th { (a(language, A::Kind2)) } th { (a(language, A::Channel)) } th { (a(language, A::Status)) } th { (a(language, A::Received)) } th { (a(language, A::Due2)) } th { (a(language, A::IdentityChecked)) } } }
                tbody {
                    @for line in &lines {
                        tr {
                            td { (super::requests::kind_name(language, line.kind)) } td { (super::requests::channel_name(language, line.channel)) }
                            td { (super::requests::status_name(language, line.status)) }
                            td { (day(language, line.received_on)) } td { (day(language, line.due_on)) } td { @if line.identity_checked { "✓" } @else { "—" } }
                        }
                    }
                }
            }
        }
        p { a href="/desk/audit" { (a(language, A::Title)) } }
    };
    Ok(page(a(language, A::Requests), Some(&session), content).into_response())
}

async fn report(State(state): State<Arc<ServerState>>, Ready(session): Ready) -> Result<Response, PageError> {
    may_read(&session)?;
    let language = session.signed_in.language();
    let actor = session.signed_in.actor()?.clone();
    let report = state.run(move |vault| vault.audit_report(&actor, today(), false)).await?;
    Ok(Html(audit_report_document(language, &report)).into_response())
}

/// A report made now: the trail checked whole and a checkpoint signed for it; then shown.
async fn fresh_report(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Form(form): Form<super::CsrfOnly>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    may_read(&session)?;
    let actor = session.signed_in.actor()?.clone();
    state.run(move |vault| vault.audit_report(&actor, today(), true)).await?;
    Ok(Redirect::to("/desk/audit/report").into_response())
}

/// The audit report as a file of its own (the page, and `strongroom report audit --out`).
pub fn audit_report_document(language: Language, report: &AuditReport) -> String {
    let levels = report.risks_by_level.map(|count| count.to_string());
    let body = html! {
        h1 { (a(language, A::ReportTitle)) @if !report.shop_name.is_empty() { " · " (report.shop_name) } }
        p.muted { (filled(language, A::MadeOn, &[&day(language, report.made_on), &report.made_by])) }
        p { (a(language, A::Intro)) }
        h2 { (a(language, A::Score)) ": " (report.score) " / 100" }
        table { tbody { @for (control, score) in &report.controls { tr { td { (control.name(language)) } td { (score) } } } } }
        @if !report.open_questions.is_empty() {
            h3 { (a(language, A::OpenQuestions)) }
            ul { @for id in &report.open_questions { @if let Some(question) = strongroom_domain::question(id) { li { (question.text(language)) } } } }
        }
        h2 { (a(language, A::Risks)) }
        p { (filled(language, A::RisksLine, &[&levels[3], &levels[2], &levels[1], &levels[0], &report.risks_overdue.to_string()])) }
        h2 { (a(language, A::Devices)) }
        p { (filled(language, A::DevicesLine, &[&report.devices.to_string(), &report.devices_with_problems.to_string()])) }
        h2 { (a(language, A::Incidents)) }
        p { (filled(language, A::IncidentsLine, &[&report.incidents_open.to_string(), &report.incidents_total.to_string()])) }
        h2 { (a(language, A::Calendar)) }
        (calendar(language, &report.desk))
        h2 { (a(language, A::Held)) }
        ul { @for audit in &report.desk.held { li { (day(language, audit.held_on)) " · " (kind_name(language, audit.kind)) " · " (audit.by) } } }
        h2 { (a(language, A::Findings)) }
        @for entry in &report.desk.findings {
            @let finding = &entry.finding;
            h3 { (finding.title) " (" (severity_name(language, finding.severity)) ")" }
            p { (finding.detail) }
            @if let Some((on, note)) = &finding.resolved { p { strong { (a(language, A::Resolved)) " " (day(language, *on)) ": " } (note) } }
        }
        h2 { (a(language, A::Trail)) }
        p { (filled(language, if report.trail_ok { A::TrailWhole } else { A::TrailDamaged }, &[&report.trail_events.to_string()])) }
        h2 { (a(language, A::Checkpoint)) }
        p.muted { (a(language, A::CheckpointHint)) }
        @if report.checkpoint.is_empty() { p { (a(language, A::NoCheckpoint)) } }
        @else { pre.checkpoint { (CHECKPOINT_BEGIN) "\n" (report.checkpoint) (CHECKPOINT_END) "\n" } }
    };
    printable_document(language, a(language, A::ReportTitle), body)
}
