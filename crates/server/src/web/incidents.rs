//! "Report a problem" (every role, from the menu) and the incident register (the owner and the
//! privacy officer work it; the external auditor reads it). The pages' words are in this
//! module's own small catalogue (`words.rs`), English and Dutch, each an exhaustive `match`.

mod breach;
mod sending;
mod severity;
mod tasks;
mod words;

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::{Markup, html};
use serde::Deserialize;
use strongroom_app::TimelineEntry;
use strongroom_domain::{
    DomainError, FreeText, Incident, IncidentId, IncidentKind, IncidentStatus, Language, NewIncident, Permission, Severity, SeverityBand,
};

pub(super) use self::breach::breach_banner;
pub(super) use self::words::{W, w};
use super::parts::{FieldErrors, Submitted, moment, shop_local_moment};
use super::{Form, PageError, Ready, Session, csrf_field, form_error, page};
use crate::ServerState;

pub fn routes() -> Router<Arc<ServerState>> {
    Router::new()
        .route("/report", get(report_page).post(report))
        .route("/report/sent", get(sent_page))
        .route("/incidents", get(register_page))
        .route("/incidents/{id}", get(incident_page))
        .route("/incidents/{id}/status", post(severity::set_status))
        .route("/incidents/{id}/severity", post(severity::assess))
        .route("/incidents/{id}/breach", post(breach::record_breach))
        .route("/incidents/{id}/impact", post(breach::ask_impact))
        .route("/incidents/{id}/letter", get(letter_page))
        .route("/incidents/{id}/letters/send", post(sending::send_letters))
        .route("/incidents/{id}/letters/save", post(sending::keep_letter))
        .route("/incidents/{id}/playbook", post(tasks::start_playbook))
        .route("/incidents/{id}/tasks/{seq}/done", post(tasks::complete_task))
        .route("/incidents/{id}/tasks", post(tasks::add_task))
        .route("/incidents/playbooks", get(tasks::playbooks_page))
        .route("/incidents/playbooks/{kind}", post(tasks::change_playbook))
}

pub(super) fn kind_label(language: Language, kind: IncidentKind) -> &'static str {
    w(
        language,
        match kind {
            IncidentKind::Phishing => W::KindPhishing,
            IncidentKind::LostDevice => W::KindLostDevice,
            IncidentKind::Ransomware => W::KindRansomware,
            IncidentKind::WrongRecipient => W::KindWrongRecipient,
            IncidentKind::SuspiciousRequest => W::KindSuspiciousRequest,
            IncidentKind::Insider => W::KindInsider,
            IncidentKind::StolenStock => W::KindStolenStock,
            IncidentKind::Other => W::KindOther,
        },
    )
}

/// What to do right now, for each kind: the first minutes matter most.
fn right_now(language: Language, kind: IncidentKind) -> &'static str {
    w(
        language,
        match kind {
            IncidentKind::Phishing => W::NowPhishing,
            IncidentKind::LostDevice => W::NowLostDevice,
            IncidentKind::Ransomware => W::NowRansomware,
            IncidentKind::WrongRecipient => W::NowWrongRecipient,
            IncidentKind::SuspiciousRequest => W::NowSuspiciousRequest,
            IncidentKind::Insider => W::NowInsider,
            IncidentKind::StolenStock => W::NowStolenStock,
            IncidentKind::Other => W::NowOther,
        },
    )
}

pub(super) fn status_label(language: Language, status: IncidentStatus) -> &'static str {
    w(
        language,
        match status {
            IncidentStatus::New => W::StatusNew,
            IncidentStatus::Investigating => W::StatusInvestigating,
            IncidentStatus::Contained => W::StatusContained,
            IncidentStatus::Closed => W::StatusClosed,
        },
    )
}

fn band_label(language: Language, band: SeverityBand) -> &'static str {
    w(
        language,
        match band {
            SeverityBand::Low => W::BandLow,
            SeverityBand::Medium => W::BandMedium,
            SeverityBand::High => W::BandHigh,
            SeverityBand::VeryHigh => W::BandVeryHigh,
        },
    )
}

/// A score as the person's language writes it: `3.00`, `3,00`.
fn score(language: Language, severity: &Severity) -> String {
    let text = format!("{:.2}", severity.score());
    match language {
        Language::En => text,
        Language::Nl => text.replace('.', ","),
    }
}

#[derive(Deserialize, Default)]
struct ReportForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    occurred_at: String,
    /// `yes` for a drill (only those who work incidents see the box).
    #[serde(default)]
    drill: String,
}

impl Submitted for ReportForm {
    fn values(&self) -> Vec<(&'static str, &str)> {
        vec![("kind", self.kind.as_str()), ("summary", self.summary.as_str()), ("occurred at", self.occurred_at.as_str())]
    }
}

fn report_form(language: Language, session: &Session, form: &ReportForm, errors: &FieldErrors) -> Markup {
    let summary_error = errors.get("summary");
    let when_error = errors.get("occurred at");
    html! {
        h1 { (w(language, W::ReportTitle)) }
        p { (w(language, W::ReportIntro)) }
        form.report method="post" action="/report" {
            (csrf_field(&session.csrf))
            fieldset {
                legend { (w(language, W::WhatHappened)) }
                @if let Some(message) = errors.get("kind") { p.error role="alert" { (message) } }
                @for kind in IncidentKind::ALL {
                    label.choice {
                        input type="radio" name="kind" value=(kind.as_str()) required checked[form.kind == kind.as_str()];
                        " " (kind_label(language, kind))
                    }
                }
            }
            label for="summary" { (w(language, W::InYourWords)) }
            p.muted { (w(language, W::InYourWordsHint)) }
            textarea id="summary" name="summary" rows="4" required aria-invalid=[summary_error.map(|_| "true")] { (errors.shown("summary", &form.summary)) }
            @if let Some(message) = summary_error { p.error role="alert" { (message) } }
            label for="occurred_at" { (w(language, W::WhenHappened)) " " span.muted { (w(language, W::WhenHint)) } }
            input type="datetime-local" id="occurred_at" name="occurred_at" value=(errors.shown("occurred at", &form.occurred_at)) aria-invalid=[when_error.map(|_| "true")];
            @if let Some(message) = when_error { p.error role="alert" { (message) } }
            @if session.signed_in.role().allows(Permission::IncidentManage) {
                label.choice { input type="checkbox" name="drill" value="yes" checked[form.drill == "yes"]; " " (w(language, W::DrillLabel)) }
            }
            button type="submit" { (w(language, W::SendReport)) }
        }
    }
}

#[derive(Deserialize, Default)]
struct ReportQuery {
    #[serde(default)]
    drill: String,
}

async fn report_page(Ready(session): Ready, Query(query): Query<ReportQuery>) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    let form = ReportForm { drill: if query.drill == "1" { "yes".into() } else { String::new() }, ..ReportForm::default() };
    let content = report_form(language, &session, &form, &FieldErrors::default());
    Ok(page(w(language, W::ReportTitle), Some(&session), content).into_response())
}

/// The report as the domain's values: every problem at once, by field.
fn parse_report(form: &ReportForm) -> Result<NewIncident, Vec<DomainError>> {
    let kind = IncidentKind::parse(&form.kind);
    let summary = FreeText::parse("summary", form.summary.trim());
    let occurred_at = match form.occurred_at.trim() {
        "" => Ok(None),
        text => shop_local_moment(text).map(Some).ok_or_else(|| DomainError::invalid("occurred at", "is not a date and time")),
    };
    match (kind, summary, occurred_at) {
        (Ok(kind), Ok(summary), Ok(occurred_at)) => NewIncident::new(kind, summary, occurred_at, time::OffsetDateTime::now_utc())
            .map(|new| if form.drill == "yes" { new.as_drill() } else { new })
            .map_err(|error| vec![error]),
        (kind, summary, occurred_at) => Err([kind.err(), summary.err(), occurred_at.err()].into_iter().flatten().collect()),
    }
}

async fn report(State(state): State<Arc<ServerState>>, Ready(session): Ready, Form(form): Form<ReportForm>) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    let language = session.signed_in.language();
    let new = match parse_report(&form) {
        Ok(new) => new,
        Err(problems) => {
            let errors = FieldErrors::from_domain(language, &problems, &form);
            let content = html! { (form_error(Some(w(language, W::FixBelow)))) (report_form(language, &session, &form, &errors)) };
            return Ok(page(w(language, W::ReportTitle), Some(&session), content).into_response());
        }
    };
    let kind = new.kind;
    let actor = session.signed_in.actor()?.clone();
    state.run(move |vault| vault.report_incident(&actor, new)).await?;
    Ok(Redirect::to(&format!("/report/sent?kind={}", kind.as_str())).into_response())
}

#[derive(Deserialize, Default)]
struct Sent {
    #[serde(default)]
    kind: String,
}

async fn sent_page(Ready(session): Ready, Query(sent): Query<Sent>) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    let kind = IncidentKind::parse(&sent.kind).unwrap_or(IncidentKind::Other);
    let content = html! {
        h1 { (w(language, W::SentTitle)) }
        p.notice role="status" { (w(language, W::SentThanks)) }
        section.attention {
            h2 { (w(language, W::RightNow)) }
            p { (right_now(language, kind)) }
        }
        p { a href="/" { (w(language, W::BackToWork)) } }
    };
    Ok(page(w(language, W::SentTitle), Some(&session), content).into_response())
}

fn severity_cell(language: Language, incident: &Incident) -> Markup {
    html! {
        @match &incident.severity {
            Some(severity) => { (band_label(language, severity.band())) " (" (score(language, severity)) ")" }
            None => span.muted { (w(language, W::NotAssessed)) },
        }
    }
}

async fn register_page(State(state): State<Arc<ServerState>>, Ready(session): Ready) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    let actor = session.signed_in.actor()?.clone();
    let incidents = state.run(move |vault| vault.incidents(&actor, false)).await?;
    let content = html! {
        h1 { (w(language, W::RegisterTitle)) }
        p.muted { (w(language, W::RegisterIntro)) }
        @if incidents.is_empty() {
            p { (w(language, W::NoIncidents)) }
        } @else {
            table.incidents {
                thead { tr {
                    th { (w(language, W::Reported)) } th { (w(language, W::Kind)) } th { (w(language, W::Status)) }
                    th { (w(language, W::ReportedBy)) } th { (w(language, W::Severity)) }
                } }
                tbody {
                    @for incident in &incidents {
                        tr.open[incident.status.is_open()] {
                            td { a href={ "/incidents/" (incident.id) } { (moment(language, incident.reported_at)) } }
                            td { (kind_label(language, incident.kind)) @if incident.drill { " · " strong { (w(language, W::DrillTag)) } } }
                            td { (status_label(language, incident.status)) }
                            td { (incident.reported_by) }
                            td { (severity_cell(language, incident)) }
                        }
                    }
                }
            }
        }
    };
    Ok(page(w(language, W::RegisterTitle), Some(&session), content).into_response())
}

fn timeline_table(language: Language, timeline: &[TimelineEntry]) -> Markup {
    html! {
        h2 { (w(language, W::Timeline)) }
        table.timeline {
            thead { tr { th { (w(language, W::When)) } th { (w(language, W::Who)) } th { (w(language, W::WhatWasDone)) } } }
            tbody {
                @for entry in timeline {
                    tr {
                        td { (moment(language, entry.at)) }
                        td { (entry.actor) }
                        td { (timeline_action(language, &entry.action)) @if let Some(detail) = &entry.detail { ": " (timeline_detail(language, &entry.action, detail)) } }
                    }
                }
            }
        }
    }
}

fn timeline_action(language: Language, action: &str) -> &str {
    match action {
        "incident.report" => w(language, W::ActionReported),
        "incident.read" => w(language, W::ActionRead),
        "incident.update" => w(language, W::ActionStatus),
        "incident.assess" => w(language, W::ActionAssessed),
        "incident.breach" => w(language, W::ActionBreach),
        "incident.impact" => w(language, W::ActionImpact),
        "incident.task" => w(language, W::ActionTask),
        "incident.letter" => w(language, W::ActionLetter),
        "mail.send" => w(language, W::ActionMailed),
        other => other,
    }
}

/// A step's detail as the trail keeps it (English, for the CLI and the auditor's export) in the
/// person's language: the kind reported, the statuses moved between, the band assessed.
fn timeline_detail(language: Language, action: &str, detail: &str) -> String {
    let status = |text: &str| IncidentStatus::parse(text).map(|status| status_label(language, status)).unwrap_or("?");
    match action {
        "incident.report" => {
            IncidentKind::parse(detail).map(|kind| kind_label(language, kind).to_owned()).unwrap_or_else(|_| detail.to_owned())
        }
        "incident.update" => match detail.strip_prefix("status ").and_then(|rest| rest.split_once(" to ")) {
            Some((from, to)) => format!("{} → {}", status(from), status(to)),
            None => detail.to_owned(),
        },
        "incident.assess" => match detail.strip_prefix("score ").and_then(|rest| rest.split_once(", ")) {
            Some((score, band)) => {
                let band = [SeverityBand::Low, SeverityBand::Medium, SeverityBand::High, SeverityBand::VeryHigh]
                    .into_iter()
                    .find(|known| known.as_str() == band)
                    .map_or("?", |band| band_label(language, band));
                let score = if language == Language::Nl { score.replace('.', ",") } else { score.to_owned() };
                format!("{band} ({score})")
            }
            None => detail.to_owned(),
        },
        // "aware 2026-12-06T09:04:00Z, deadline 2026-12-09T09:04:00Z[, notified …]": the moments in the shop's time.
        "incident.breach" => detail
            .split(", ")
            .map(|part| match part.split_once(' ') {
                Some((label, at)) => match time::OffsetDateTime::parse(at, &time::format_description::well_known::Rfc3339) {
                    Ok(at) => {
                        let label = match label {
                            "aware" => w(language, W::BecameAware),
                            "deadline" => w(language, W::Deadline),
                            "notified" => w(language, W::NotifiedAt),
                            other => other,
                        };
                        format!("{label} {}", moment(language, at))
                    }
                    Err(_) => part.to_owned(),
                },
                None => part.to_owned(),
            })
            .collect::<Vec<_>>()
            .join(", "),
        // "playbook phishing: 5 steps", "done: change-passwords"
        "incident.task" => match (detail.strip_prefix("done: ").and_then(strongroom_domain::Step::parse), detail.strip_prefix("playbook "))
        {
            (Some(step), _) => tasks::step_words(language, step).to_owned(),
            (None, Some(rest)) => match rest.split([' ', ':']).next().map(IncidentKind::parse) {
                Some(Ok(kind)) => format!("{}: {}", w(language, W::StepsTitle), kind_label(language, kind)),
                _ => detail.to_owned(),
            },
            _ => detail.to_owned(),
        },
        // "sam: 35 customers, 12 records opened"
        "incident.impact" => match detail.rsplit_once(": ").and_then(|(account, counts)| Some((account, counts.split_once(", ")?))) {
            Some((account, (customers, opened))) => format!(
                "{account}: {} {}, {} {}",
                customers.split(' ').next().unwrap_or(""),
                w(language, W::ImpactCustomers),
                opened.split(' ').next().unwrap_or(""),
                w(language, W::ImpactOpened)
            ),
            None => detail.to_owned(),
        },
        _ => detail.to_owned(),
    }
}

async fn incident_page(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = IncidentId::parse(&id).map_err(|_| PageError::NotFound)?;
    render_incident(&state, &session, id, None).await
}

/// How long a drill took: from its start until its last response step was done, once all are.
fn drill_time(incident: &Incident, tasks: &[strongroom_app::Task]) -> Option<String> {
    if tasks.is_empty() || tasks.iter().any(|task| task.done_at.is_none()) {
        return None;
    }
    let last = tasks.iter().filter_map(|task| task.done_at).max()?;
    let minutes = (last - incident.reported_at).whole_minutes().max(0);
    Some(format!("{}:{:02}", minutes / 60, minutes % 60))
}

/// One incident's page; `breach_retry` is a refused breach form to show again with its reason.
async fn render_incident(
    state: &Arc<ServerState>,
    session: &Session,
    id: IncidentId,
    breach_retry: Option<(breach::BreachForm, String)>,
) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    let actor = session.signed_in.actor()?.clone();
    let manages = actor.may(Permission::IncidentManage);
    let (file, outbox) = state
        .run(move |vault| {
            let file = vault.incident(&actor, id)?;
            let outbox =
                if actor.may(Permission::IncidentManage) { vault.outbox(&actor, Some(id))? } else { strongroom_app::Outbox::default() };
            Ok::<_, strongroom_app::AppError>((file, outbox))
        })
        .await?;
    let (incident, timeline) = (&file.incident, &file.timeline);
    let content = html! {
        p { a href="/incidents" { (w(language, W::RegisterTitle)) } }
        h1 { (kind_label(language, incident.kind)) }
        @if incident.drill {
            p.notice { (w(language, W::DrillNote)) @if let Some(took) = drill_time(incident, &file.tasks) { " " (w(language, W::DrillTook)) " " (took) "." } }
        }
        dl {
            dt { (w(language, W::Status)) } dd { (status_label(language, incident.status)) }
            dt { (w(language, W::Reported)) } dd { (moment(language, incident.reported_at)) " · " (incident.reported_by) }
            @if let Some(at) = incident.occurred_at { dt { (w(language, W::WhenHappenedShort)) } dd { (moment(language, at)) } }
            dt { (w(language, W::Severity)) } dd { (severity_cell(language, incident)) }
            dt { (w(language, W::Outcome)) } dd { (breach::outcome_label(language, incident.outcome())) }
        }
        @if let Some(breach) = &incident.breach { (breach::breach_lines(language, breach)) }
        @if let Some(severity) = &incident.severity { p.notice { (severity::proposal(language, severity.band())) } }
        h2 { (w(language, W::InYourWords)) }
        p.summary { (incident.summary.as_str()) }
        (tasks::tasks_section(language, session, id, &file.tasks, manages))
        @if manages {
            (severity::manage_forms(language, session, incident, &file.impacts))
            @match &breach_retry {
                Some((form, error)) => (breach::breach_form(language, session, id, form, Some(error))),
                None => (breach::breach_form(language, session, id, &breach::BreachForm::of_record(incident.breach.as_ref()), None)),
            }
        }
        (breach::impact_section(language, session, incident, &file.impacts, manages))
        @if manages {
            h2 { (w(language, W::LettersTitle)) }
            ul.letters {
                @for (to, label) in [("authority", W::LetterAuthority), ("customers", W::LetterCustomers), ("staff", W::LetterStaff)] {
                    li { a href={ "/incidents/" (incident.id) "/letter?to=" (to) } { (w(language, label)) } }
                }
            }
            (sending::letters_outbox(language, session, id, &outbox))
        }
        (sending::kept_letters(language, id, &file.letters, manages))
        (timeline_table(language, timeline))
    };
    Ok(page(w(language, W::RegisterTitle), Some(session), content).into_response())
}

#[derive(Deserialize, Default)]
struct LetterQuery {
    #[serde(default)]
    to: String,
    #[serde(default)]
    lang: String,
    /// A kept version to show instead of the latest.
    #[serde(default)]
    version: Option<i64>,
}

/// The letter in a text box to read, change and keep (each keep a new version, or one marked
/// sent), in its language with a link to the other one; the customers' letter also sends, one
/// e-mail per customer.
fn letter_view(
    language: Language,
    session: &Session,
    id: IncidentId,
    audience: strongroom_app::Audience,
    authority: &strongroom_app::Authority,
    draft: &sending::Draft,
) -> Markup {
    let other = match draft.lang {
        Language::En => Language::Nl,
        Language::Nl => Language::En,
    };
    html! {
        p { a href={ "/incidents/" (id) } { (w(language, W::RegisterTitle)) } }
        h1 { (w(language, match audience {
            strongroom_app::Audience::Authority => W::LetterAuthority,
            strongroom_app::Audience::Customers => W::LetterCustomers,
            strongroom_app::Audience::Staff => W::LetterStaff,
        })) }
        p.muted { (w(language, W::LettersIntro)) }
        @if audience == strongroom_app::Audience::Authority {
            p { a href=(authority.web) rel="noopener noreferrer" { (authority.name) } }
        }
        @if let Some(kept) = &draft.kept { p.notice { (sending::version_line(language, kept)) } }
        form.letter method="post" action={ "/incidents/" (id) "/letters/save" } {
            (csrf_field(&session.csrf))
            input type="hidden" name="to" value=(audience.as_str());
            input type="hidden" name="lang" value=(draft.lang.as_str());
            @if let Some(error) = &draft.error { p.error role="alert" { (error) } }
            label for="subject" { (w(language, W::LetterSubject)) }
            input type="text" id="subject" name="subject" value=(draft.subject);
            label for="letter" { (w(language, W::LetterBody)) }
            textarea.letter id="letter" name="letter" rows="24" { (draft.body) }
            p.muted { (w(language, W::KeepHint)) }
            button.keep type="submit" name="sent" value="no" { (w(language, W::KeepVersion)) }
            @if audience != strongroom_app::Audience::Customers {
                " " button.keep-sent type="submit" name="sent" value="yes" { (w(language, W::KeepAsSent)) }
            }
            @if audience == strongroom_app::Audience::Customers {
                p.muted { (w(language, W::SendLettersHint)) }
                button.send type="submit" formaction={ "/incidents/" (id) "/letters/send" } { (w(language, W::SendLetters)) }
            }
        }
        p { a href={ "/incidents/" (id) "/letter?to=" (audience.as_str()) "&lang=" (other.as_str()) } { (w(language, if other == Language::Nl { W::LetterInDutch } else { W::LetterInEnglish })) } }
    }
}

/// A letter: the version asked for, or the latest kept for its audience and language, or a new
/// draft from the breach record.
async fn letter_page(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    Query(query): Query<LetterQuery>,
) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    let id = IncidentId::parse(&id).map_err(|_| PageError::NotFound)?;
    let to = query.to.clone();
    let wanted_language = Language::parse(&query.lang).unwrap_or(language);
    let actor = session.signed_in.actor()?.clone();
    let version = query.version;
    let (audience, authority, draft) = state
        .run(move |vault| {
            let file = vault.incident(&actor, id)?;
            let kept = match version {
                Some(version) => Some(version),
                None => {
                    let audience = strongroom_app::Audience::parse(&to)?;
                    file.letters
                        .iter()
                        .rev()
                        .find(|kept| kept.audience == audience && kept.language == wanted_language)
                        .map(|kept| kept.version)
                }
            };
            if let Some(version) = kept {
                let saved = vault.incident_letter_version(&actor, id, version)?;
                let authority = strongroom_app::supervisory_authority(vault.settings().default_country.code());
                let lang = saved.version.language;
                let draft =
                    sending::Draft { subject: saved.subject, body: saved.body, lang, error: None, kept: Some(saved.version.clone()) };
                return Ok::<_, strongroom_app::AppError>((saved.version.audience, authority, draft));
            }
            let audience = strongroom_app::Audience::parse(&to)?;
            let letter = vault.incident_letter(&actor, id, audience, wanted_language, &|at| moment(wanted_language, at))?;
            let draft = sending::Draft { subject: letter.subject, body: letter.body, lang: wanted_language, error: None, kept: None };
            Ok((audience, letter.authority, draft))
        })
        .await?;
    let content = letter_view(language, &session, id, audience, &authority, &draft);
    Ok(page(w(language, W::LettersTitle), Some(&session), content).into_response())
}
