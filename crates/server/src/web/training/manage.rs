//! The owner's part of everyone's training (`/training/overview`): writing a lesson of the
//! shop's own with its quiz, recording the monthly in-person session and who attended, and
//! removing either (as it was read). Each form checks its CSRF token first; a form with
//! problems comes back with what was typed and every problem named.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use maud::{Markup, html};
use serde::Deserialize;
use strongroom_app::training::{OwnLessonEntry, SessionEntry, TrainingOverview};
use strongroom_domain::{DomainError, Language, OwnLesson, Permission, ShortText};
use uuid::Uuid;

use super::words::{Y, y};
use crate::ServerState;
use crate::web::form::Form;
use crate::web::parts::{day, iso_day, today};
use crate::web::{PageError, Ready, RemoveAsRead, Session, csrf_field};

pub fn routes() -> Router<Arc<ServerState>> {
    Router::new()
        .route("/training/own", post(add_lesson))
        .route("/training/own/{id}/remove", post(remove_lesson))
        .route("/training/sessions", post(add_session))
        .route("/training/sessions/{id}/remove", post(remove_session))
        .route("/training/addresses", post(save_addresses))
        .route("/training/required", post(save_required))
}

/// The lesson form as typed.
#[derive(Deserialize, Default)]
pub(super) struct LessonForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    month: String,
    #[serde(default)]
    pass_percent: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    quiz: String,
}

/// What the owner's part of the page shows: the lists, the forms as typed and a problem.
#[derive(Default)]
pub(super) struct Manage {
    pub(super) own: Vec<OwnLessonEntry>,
    pub(super) sessions: Vec<SessionEntry>,
    /// Each account's reminder address, by user name.
    pub(super) addresses: Vec<(String, String)>,
    /// Whether the training is required before customer data.
    pub(super) required: bool,
    pub(super) lesson_form: LessonForm,
    pub(super) problem: Option<String>,
}

fn problems_text(language: Language, problems: &[DomainError]) -> String {
    problems.iter().map(|problem| crate::web::parts::domain_problem(language, problem)).collect::<Vec<_>>().join("; ")
}

fn month_name(language: Language, month: u8) -> &'static str {
    const EN: [&str; 12] =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    const NL: [&str; 12] =
        ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];
    let names = if language == Language::Nl { NL } else { EN };
    names[usize::from(month.clamp(1, 12)) - 1]
}

fn remove_button(session: &Session, action: String, updated_at: i64, language: Language) -> Markup {
    html! {
        form.inline method="post" action=(action) {
            (csrf_field(&session.csrf))
            input type="hidden" name="read_at" value=(updated_at);
            button.secondary type="submit" { (y(language, Y::Remove)) }
        }
    }
}

/// The owner's part of everyone's training.
pub(super) fn section(language: Language, session: &Session, overview: &TrainingOverview, manage: &Manage) -> Markup {
    let form = &manage.lesson_form;
    html! {
        h2 id="own" { (y(language, Y::OwnTitle)) }
        p.muted { (y(language, Y::OwnIntro)) }
        @if !manage.own.is_empty() {
            ul.lessons {
                @for entry in &manage.own {
                    li {
                        a href={ "/training/" (entry.lesson_id()) } { (entry.lesson.title) } " · " (month_name(language, entry.lesson.month))
                        " · " span.muted { (entry.added_by) ", " (day(language, entry.added_on)) } " "
                        (remove_button(session, format!("/training/own/{}/remove", entry.id), entry.updated_at, language))
                    }
                }
            }
        }
        @if let Some(problem) = &manage.problem { p.error role="alert" { (problem) } }
        form method="post" action="/training/own" {
            (csrf_field(&session.csrf))
            label for="title" { (y(language, Y::LessonTitle)) }
            input id="title" name="title" type="text" required value=(form.title);
            label for="summary" { (y(language, Y::LessonSummary)) }
            input id="summary" name="summary" type="text" required value=(form.summary);
            label for="month" { (y(language, Y::LessonMonth)) }
            select id="month" name="month" {
                @for month in 1..=12_u8 {
                    option value=(month) selected[form.month == month.to_string()] { (month_name(language, month)) }
                }
            }
            label for="pass_percent" { (y(language, Y::LessonPassMark)) }
            input id="pass_percent" name="pass_percent" type="number" min="50" max="100" value=(if form.pass_percent.is_empty() { "80" } else { &form.pass_percent });
            label for="body" { (y(language, Y::LessonBody)) }
            textarea id="body" name="body" rows="8" required { (form.body) }
            label for="quiz" { (y(language, Y::LessonQuiz)) }
            p.muted { (y(language, Y::LessonQuizHint)) }
            pre.example { (y(language, Y::LessonQuizExample)) }
            textarea id="quiz" name="quiz" rows="12" required { (form.quiz) }
            button type="submit" { (y(language, Y::LessonAdd)) }
        }
        (settings_part(language, session, overview, manage))
    }
}

/// The owner's settings of the training: the requirement, where reminders go, the sessions.
fn settings_part(language: Language, session: &Session, overview: &TrainingOverview, manage: &Manage) -> Markup {
    html! {
        h2 id="required" { (y(language, Y::RequiredTitle)) }
        form method="post" action="/training/required" {
            (csrf_field(&session.csrf))
            label.check { input type="checkbox" name="required" value="yes" checked[manage.required]; " " (y(language, Y::RequiredLabel)) }
            p.muted { (y(language, Y::RequiredCost)) }
            button type="submit" { (y(language, Y::RequiredSave)) }
        }
        h2 id="reminders" { (y(language, Y::RemindersTitle)) }
        p.muted { (y(language, Y::RemindersIntro)) }
        form method="post" action="/training/addresses" {
            (csrf_field(&session.csrf))
            @for person in &overview.people {
                @let address = manage.addresses.iter().find(|(name, _)| *name == person.name).map_or("", |(_, address)| address.as_str());
                label for={ "mail-" (person.name) } { (person.name) }
                input type="email" id={ "mail-" (person.name) } name={ "mail:" (person.name) } value=(address);
            }
            button type="submit" { (y(language, Y::RemindersSave)) }
        }
        h2 id="sessions" { (y(language, Y::SessionsTitle)) }
        p.muted { (y(language, Y::SessionsIntro)) }
        @if !manage.sessions.is_empty() {
            ul.sessions {
                @for entry in &manage.sessions {
                    li {
                        strong { (day(language, entry.on)) } " · " (entry.topic) " · " (entry.present.join(", ")) " "
                        (remove_button(session, format!("/training/sessions/{}/remove", entry.id), entry.updated_at, language))
                    }
                }
            }
        }
        form method="post" action="/training/sessions" {
            (csrf_field(&session.csrf))
            label for="on" { (y(language, Y::SessionDay)) }
            input id="on" name="on" type="date" required value=(iso_day(today()));
            label for="topic" { (y(language, Y::SessionTopic)) }
            input id="topic" name="topic" type="text" required;
            fieldset {
                legend { (y(language, Y::SessionPresent)) }
                @for person in &overview.people {
                    div.choice {
                        input type="checkbox" id={ "present-" (person.name) } name={ "present:" (person.name) } value="yes";
                        label for={ "present-" (person.name) } { (person.name) }
                    }
                }
            }
            button type="submit" { (y(language, Y::SessionAdd)) }
        }
    }
}

/// A form of the owner's part, read as fields: its CSRF token checked first, then the role.
fn owner_form(state: &ServerState, session: &Session, form: &HashMap<String, String>) -> Result<(), PageError> {
    session.check_csrf(state, form.get("csrf").map_or("", String::as_str))?;
    owner_only(session)
}

fn owner_only(session: &Session) -> Result<(), PageError> {
    crate::web::allowed_to(session, Permission::SettingsManage, y(session.signed_in.language(), Y::OnlyOwner))
}

fn item_id(text: &str) -> Result<Uuid, PageError> {
    Uuid::parse_str(text).map_err(|_| PageError::NotFound)
}

async fn add_lesson(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Form(form): Form<LessonForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    owner_only(&session)?;
    let language = session.signed_in.language();
    let lesson = match OwnLesson::parse(&form.title, &form.summary, &form.body, &form.quiz, &form.month, &form.pass_percent) {
        Ok(lesson) => lesson,
        Err(problems) => {
            let problem = problems_text(language, &problems);
            return super::render_overview(&state, &session, Manage { lesson_form: form, problem: Some(problem), ..Manage::default() })
                .await;
        }
    };
    let actor = session.signed_in.actor()?.clone();
    match state.run(move |vault| vault.add_own_lesson(&actor, lesson, today())).await {
        Ok(_) => Ok(Redirect::to("/training/overview#own").into_response()),
        Err(strongroom_app::AppError::Conflict(reason)) => {
            let problem = crate::web::i18n::reason(language, &reason).into_owned();
            super::render_overview(&state, &session, Manage { lesson_form: form, problem: Some(problem), ..Manage::default() }).await
        }
        Err(error) => Err(error.into()),
    }
}

/// What a remove button removes.
#[derive(Clone, Copy)]
enum Removal {
    Lesson,
    Session,
}

async fn remove(state: Arc<ServerState>, session: Session, id: String, form: RemoveAsRead, what: Removal) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    owner_only(&session)?;
    let (id, read_at) = (item_id(&id)?, form.read_at()?);
    let actor = session.signed_in.actor()?.clone();
    state
        .run(move |vault| match what {
            Removal::Lesson => vault.remove_own_lesson(&actor, id, Some(read_at), today()),
            Removal::Session => vault.remove_training_session(&actor, id, Some(read_at)),
        })
        .await?;
    let anchor = match what {
        Removal::Lesson => "own",
        Removal::Session => "sessions",
    };
    Ok(Redirect::to(&format!("/training/overview#{anchor}")).into_response())
}

async fn remove_lesson(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    Form(form): Form<RemoveAsRead>,
) -> Result<Response, PageError> {
    remove(state, session, id, form, Removal::Lesson).await
}

async fn save_addresses(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    owner_form(&state, &session, &form)?;
    let language = session.signed_in.language();
    let mut wanted = Vec::new();
    let mut problems = Vec::new();
    for (key, value) in &form {
        let Some(name) = key.strip_prefix("mail:") else { continue };
        let name = match strongroom_domain::StaffName::parse(name) {
            Ok(name) => name,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        match value.trim() {
            "" => wanted.push((name, None)),
            text => match strongroom_domain::EmailAddress::parse(text) {
                Ok(address) => wanted.push((name, Some(address))),
                Err(problem) => problems.push(problem),
            },
        }
    }
    if !problems.is_empty() {
        let problem = problems_text(language, &problems);
        return super::render_overview(&state, &session, Manage { problem: Some(problem), ..Manage::default() }).await;
    }
    let actor = session.signed_in.actor()?.clone();
    state
        .run(move |vault| {
            let had = vault.staff_mail_addresses(&actor)?;
            for (name, address) in wanted {
                let before = had.iter().find(|(had, _)| had == name.as_str()).map(|(_, address)| address.as_str());
                if before != address.as_ref().map(strongroom_domain::EmailAddress::as_str) {
                    vault.set_staff_mail(&actor, &name, address.as_ref())?;
                }
            }
            Ok::<_, strongroom_app::AppError>(())
        })
        .await?;
    Ok(Redirect::to("/training/overview#reminders").into_response())
}

async fn save_required(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    owner_form(&state, &session, &form)?;
    let required = form.get("required").is_some_and(|value| value == "yes");
    let actor = session.signed_in.actor()?.clone();
    match state.run(move |vault| vault.set_training_required(&actor, required, today())).await {
        Ok(()) => Ok(Redirect::to("/training/overview#required").into_response()),
        Err(strongroom_app::AppError::StepUpRequired) => Err(PageError::StepUp("/training/overview".into())),
        Err(error) => Err(error.into()),
    }
}

async fn add_session(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    owner_form(&state, &session, &form)?;
    let field = |name: &str| form.get(name).map_or("", String::as_str);
    let on = strongroom_domain::parse_date("on", field("on"));
    let topic = ShortText::parse("topic", field("topic"));
    let present: Vec<String> = form.keys().filter_map(|key| key.strip_prefix("present:")).map(str::to_owned).collect();
    let (on, topic) = match (on, topic) {
        (Ok(on), Ok(topic)) => (on, topic),
        (on, topic) => {
            let problems: Vec<DomainError> = [on.err(), topic.err()].into_iter().flatten().collect();
            let problem = problems_text(session.signed_in.language(), &problems);
            return super::render_overview(&state, &session, Manage { problem: Some(problem), ..Manage::default() }).await;
        }
    };
    let actor = session.signed_in.actor()?.clone();
    state.run(move |vault| vault.record_training_session(&actor, on, &topic, &present, today())).await?;
    Ok(Redirect::to("/training/overview#sessions").into_response())
}

async fn remove_session(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    Form(form): Form<RemoveAsRead>,
) -> Result<Response, PageError> {
    remove(state, session, id, form, Removal::Session).await
}
