//! The security training's pages: `/training` (the person's lessons to take, what they did, the
//! whole course), `/training/{id}` (a lesson to read with its quiz; the answers are scored by
//! the vault, and the page shows each wrong one with its explanation), `/training/overview`
//! (everyone's training and the completion chart, for the owner, the privacy officer and the
//! auditor), and the start page's reminder. Each quiz form carries a one-time id, so a double
//! click is counted once.

mod drills;
mod manage;
mod words;

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use maud::{Markup, html};
use strongroom_app::training::{MonthCompletion, PersonTraining, QuizResult, TrainingLesson, TrainingOverview};
use strongroom_domain::{Language, Permission};
use uuid::Uuid;

use self::words::state_words;
pub(crate) use self::words::{Y, y};
use super::form::Form;
use super::parts::{fill, role_name, today};
use super::{PageError, Ready, Session, csrf_field, page};
use crate::ServerState;

pub fn routes() -> Router<Arc<ServerState>> {
    Router::new()
        .route("/training", get(list_page))
        .route("/training/overview", get(overview_page))
        .route("/training/{id}", get(lesson_page).post(answer))
        .merge(manage::routes())
        .merge(drills::routes())
}

fn may_read(session: &Session) -> Result<(), PageError> {
    let role = session.signed_in.role();
    if role.allows(Permission::TrainingTake) || role.allows(Permission::TrainingOverview) {
        Ok(())
    } else {
        Err(PageError::Denied(y(session.signed_in.language(), Y::OnlyStaff).to_owned()))
    }
}

/// A lesson's page text: paragraphs, and points in a row as one list.
fn body(paragraphs: &[String]) -> Markup {
    let mut blocks: Vec<(bool, Vec<&str>)> = Vec::new();
    for paragraph in paragraphs {
        match paragraph.strip_prefix("- ") {
            Some(point) => match blocks.last_mut() {
                Some((true, points)) => points.push(point),
                _ => blocks.push((true, vec![point])),
            },
            None => blocks.push((false, vec![paragraph.as_str()])),
        }
    }
    html! {
        @for (list, texts) in &blocks {
            @if *list { ul { @for point in texts { li { (point) } } } }
            @else { @for text in texts { p { (text) } } }
        }
    }
}

fn lesson_line(language: Language, lesson: &TrainingLesson) -> Markup {
    html! {
        a href={ "/training/" (lesson.id) } { (lesson.title) }
        " · " span.muted { (fill(y(language, Y::Questions), &[&lesson.questions.len().to_string()])) }
        @if lesson.basics { " · " span.badge { (y(language, Y::Basics)) } }
        br; span.muted { (lesson.summary) }
    }
}

async fn list_page(State(state): State<Arc<ServerState>>, Ready(session): Ready) -> Result<Response, PageError> {
    may_read(&session)?;
    let language = session.signed_in.language();
    let actor = session.signed_in.actor()?.clone();
    let takes = session.signed_in.role().allows(Permission::TrainingTake);
    let (lessons, mine) = state
        .run(move |vault| {
            let lessons = vault.training_lessons(&actor, language.as_str())?;
            let mine = if takes { Some(vault.my_training(&actor, language.as_str(), today())?) } else { None };
            Ok::<_, strongroom_app::AppError>((lessons, mine))
        })
        .await?;
    let content = html! {
        h1 { (y(language, Y::Title)) }
        p.muted { (y(language, Y::Intro)) }
        @if session.signed_in.role().allows(Permission::TrainingOverview) {
            p { a href="/training/overview" { (y(language, Y::Overview)) } }
        }
        @if let Some(mine) = &mine {
            h2 { (y(language, Y::ToTake)) }
            @if mine.to_take().next().is_none() { p { (y(language, Y::NothingToTake)) } }
            @else {
                ul.lessons {
                    @for lesson in mine.to_take() {
                        li class=(if lesson.overdue() { "attention" } else { "" }) {
                            a href={ "/training/" (lesson.lesson) } { (lesson.title) } " · " (state_words(language, &lesson.state))
                        }
                    }
                }
            }
            @let done: Vec<_> = mine.lessons.iter().filter(|lesson| lesson.done()).collect();
            @if !done.is_empty() {
                h2 { (y(language, Y::Done)) }
                ul.lessons {
                    @for lesson in done {
                        li {
                            a href={ "/training/" (lesson.lesson) } { (lesson.title) } " · " (state_words(language, &lesson.state))
                            @if let Some((right, total)) = lesson.best { " · " (right) "/" (total) }
                        }
                    }
                }
            }
        } @else {
            p.muted { (y(language, Y::ReadOnly)) }
        }
        h2 { (y(language, Y::AllLessons)) }
        ol.lessons { @for lesson in lessons.iter().filter(|lesson| !lesson.removed()) { li { (lesson_line(language, lesson)) } } }
    };
    Ok(page(y(language, Y::Title), Some(&session), content).into_response())
}

fn quiz_form(language: Language, session: &Session, lesson: &TrainingLesson) -> Markup {
    html! {
        h2 id="quiz" { (y(language, Y::QuizTitle)) }
        p.muted { (fill(y(language, Y::QuizIntro), &[&lesson.pass_percent.to_string()])) }
        form.quiz method="post" action={ "/training/" (lesson.id) } {
            (csrf_field(&session.csrf))
            input type="hidden" name="form" value=(Uuid::now_v7());
            @for (n, question) in lesson.questions.iter().enumerate() {
                fieldset.question {
                    legend { (n + 1) ". " (question.ask) }
                    @for (choice, option) in question.options.iter().enumerate() {
                        @let id = format!("q{n}-{choice}");
                        div.choice {
                            input type="radio" id=(id) name={ "q" (n) } value=(choice) required;
                            label for=(id) { (option) }
                        }
                    }
                }
            }
            button type="submit" { (y(language, Y::Send)) }
        }
    }
}

async fn lesson_page(State(state): State<Arc<ServerState>>, Ready(session): Ready, Path(id): Path<String>) -> Result<Response, PageError> {
    may_read(&session)?;
    let language = session.signed_in.language();
    let actor = session.signed_in.actor()?.clone();
    let lesson = state.run(move |vault| vault.training_lesson(&actor, &id, language.as_str())).await?;
    let takes = session.signed_in.role().allows(Permission::TrainingTake);
    let content = html! {
        p { a href="/training" { (y(language, Y::Back)) } }
        h1 { (lesson.title) }
        p.lead { (lesson.summary) }
        (body(&lesson.body))
        @if takes { (quiz_form(language, &session, &lesson)) } @else { p.muted { (y(language, Y::ReadOnly)) } }
    };
    Ok(page(&lesson.title, Some(&session), content).into_response())
}

/// The answers as sent: `q0`, `q1`, … each the index of the chosen option.
fn answers_of(form: &HashMap<String, String>, questions: usize) -> Result<Vec<Option<usize>>, PageError> {
    (0..questions)
        .map(|n| match form.get(&format!("q{n}")).map(|value| value.trim()) {
            None | Some("") => Ok(None),
            Some(value) => value.parse().map(Some).map_err(|_| PageError::BadRequest("the quiz's answers could not be read".into())),
        })
        .collect()
}

fn result_view(language: Language, lesson: &TrainingLesson, result: &QuizResult) -> Markup {
    let (score, answers) = (&result.score, &result.answers);
    let counts = [score.correct.to_string(), score.total.to_string()];
    let counts = [counts[0].as_str(), counts[1].as_str()];
    html! {
        @if result.repeated { p.notice role="status" { (y(language, Y::AlreadyCounted)) } }
        @if score.passed {
            p.notice.passed role="status" { (fill(y(language, Y::Passed), &counts)) }
        } @else {
            p.warning role="status" { (fill(y(language, Y::NotPassed), &counts)) " " (fill(y(language, Y::PassMark), &[&lesson.pass_percent.to_string()])) }
        }
        @if !score.wrong.is_empty() {
            h2 { (y(language, Y::Wrong)) }
            @for n in &score.wrong {
                @if let Some(question) = lesson.questions.get(*n) {
                    section.explained {
                        h3 { (n + 1) ". " (question.ask) }
                        p { (y(language, Y::YourAnswer)) " "
                            (answers.get(*n).copied().flatten().and_then(|given| question.options.get(given)).map_or(y(language, Y::NoAnswer), String::as_str)) }
                        p { (y(language, Y::RightAnswer)) " " strong { (question.options.get(question.right).map_or("", String::as_str)) } }
                        p { (question.why) }
                    }
                }
            }
        }
        p {
            @if !score.passed { a href={ "/training/" (lesson.id) "#quiz" } { (y(language, Y::TryAgain)) } " · " }
            a href="/training" { (y(language, Y::Back)) }
        }
    }
}

async fn answer(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, form.get("csrf").map_or("", String::as_str))?;
    let language = session.signed_in.language();
    super::allowed_to(&session, Permission::TrainingTake, y(language, Y::OnlyStaff))?;
    let once = form.get("form").and_then(|text| Uuid::parse_str(text).ok());
    let once = once.ok_or_else(|| PageError::BadRequest("the form was not read from this page".into()))?;
    let actor = session.signed_in.actor()?.clone();
    let (lesson, result) = state
        .run(move |vault| {
            let lesson = vault.training_lesson(&actor, &id, language.as_str())?;
            let answers = answers_of(&form, lesson.questions.len());
            let Ok(answers) = answers else { return Ok(Err(())) };
            let result = vault.answer_quiz(&actor, &lesson.id, once, &answers, today())?;
            Ok::<_, strongroom_app::AppError>(Ok((lesson, result)))
        })
        .await?
        .map_err(|()| PageError::BadRequest("the quiz's answers could not be read".into()))?;
    let content = html! {
        h1 { (lesson.title) }
        (result_view(language, &lesson, &result))
    };
    Ok(page(&lesson.title, Some(&session), content).into_response())
}

/// Completion by month as bars, 0 to 100% up the side; a month nobody had a lesson in shows
/// no bar.
fn completion_chart(language: Language, months: &[MonthCompletion]) -> Markup {
    let (width, height, bar) = (360.0_f64, 120.0_f64, 24.0_f64);
    let step = (width - 20.0) / months.len().max(1) as f64;
    html! {
        svg.completion xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 " (width) " " (height + 18.0) } role="img" aria-label=(y(language, Y::ChartLabel)) {
            title { (y(language, Y::ChartLabel)) }
            line x1="10" y1=(height) x2=(width - 10.0) y2=(height) stroke="#c8c8d0" {}
            line x1="10" y1="10" x2=(width - 10.0) y2="10" stroke="#e4e4ea" {}
            line x1="10" y1=(10.0 + (height - 10.0) * 0.2) x2=(width - 10.0) y2=(10.0 + (height - 10.0) * 0.2) stroke="#9ccc9f" stroke-dasharray="4 3" {}
            @for (n, month) in months.iter().enumerate() {
                // The month under way is still in progress: its lessons are due at its end.
                @let current = n + 1 == months.len();
                @let x = 10.0 + step * n as f64 + (step - bar) / 2.0;
                @if let Some(percent) = month.percent() {
                    @let tall = (height - 10.0) * f64::from(percent) / 100.0;
                    rect.month x=(format!("{x:.1}")) y=(format!("{:.1}", height - tall)) width=(bar) height=(format!("{tall:.1}"))
                        fill=(if current { "#0b4f8a" } else if percent >= 80 { "#2e7d32" } else if percent >= 50 { "#b26a00" } else { "#b3261e" }) {
                        title { (month_label(language, month.month)) ": " (percent) "% (" (month.done) "/" (month.assigned) ")" }
                    }
                    text x=(format!("{:.1}", x + bar / 2.0)) y=(format!("{:.1}", height - tall - 3.0)) font-size="10" text-anchor="middle" fill="#333" { (percent) "%" }
                }
                text x=(format!("{:.1}", x + bar / 2.0)) y=(height + 14.0) font-size="10" text-anchor="middle" fill="#555" { (month_label(language, month.month)) }
            }
        }
    }
}

fn month_label(language: Language, month: time::Date) -> String {
    const EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    const NL: [&str; 12] = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];
    let names = if language == Language::Nl { NL } else { EN };
    names[usize::from(u8::from(month.month())) - 1].to_owned()
}

fn person_row(language: Language, person: &PersonTraining) -> Markup {
    html! {
        tr class=(if person.escalated() > 0 { "problem" } else if person.overdue() > 0 { "attention" } else { "ok" }) {
            td { (person.name) }
            td { (role_name(language, person.role)) }
            td { (person.completed()) " / " (person.assigned()) }
            td { @if let Some(score) = person.score() { (score) "%" } @else { "–" } }
            td { (person.attempts) }
            td {
                (person.overdue())
                @if person.escalated() > 0 { " · " strong { (person.escalated()) " " (y(language, Y::ToOwner)) } }
            }
            td { (person.sessions) }
        }
    }
}

/// Everyone's training as the overview shows it.
fn overview_view(language: Language, overview: &TrainingOverview, owner_part: Option<Markup>) -> Markup {
    html! {
        h1 { (y(language, Y::OverviewTitle)) }
        p.muted { (y(language, Y::OverviewIntro)) " " (fill(y(language, Y::Began), &[&super::parts::day(language, overview.started_on)])) }
        h2 { (y(language, Y::Chart)) }
        (completion_chart(language, &overview.months))
        @if overview.people.is_empty() { p { (y(language, Y::NoPeople)) } }
        @else {
            table.training {
                thead { tr {
                    th { (y(language, Y::Person)) } th { (y(language, Y::Role)) } th { (y(language, Y::Completed)) }
                    th { (y(language, Y::Score)) } th { (y(language, Y::Attempts)) } th { (y(language, Y::Overdue)) }
                    th { (y(language, Y::Sessions)) }
                } }
                tbody { @for person in &overview.people { (person_row(language, person)) } }
            }
        }
        @if let Some(owner_part) = owner_part { (owner_part) }
        p { a href="/training/drills" { (y(language, Y::DrillsTitle)) } " · " a href="/training" { (y(language, Y::Back)) } }
    }
}

async fn overview_page(State(state): State<Arc<ServerState>>, Ready(session): Ready) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    super::allowed_to(&session, Permission::TrainingOverview, y(language, Y::OnlyOverview))?;
    render_overview(&state, &session, manage::Manage::default()).await
}

/// Everyone's training, with the owner's part (the shop's own lessons, the sessions, their
/// forms as typed and a problem with one: 422).
async fn render_overview(state: &Arc<ServerState>, session: &Session, mut manage: manage::Manage) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    let actor = session.signed_in.actor()?.clone();
    let owner = session.signed_in.role().allows(Permission::SettingsManage);
    let (overview, own, sessions, addresses) = state
        .run(move |vault| {
            let overview = vault.training_overview(&actor, language.as_str(), today())?;
            let (own, sessions, addresses) = if owner {
                (vault.own_lessons(&actor)?, vault.training_sessions(&actor)?, vault.staff_mail_addresses(&actor)?)
            } else {
                Default::default()
            };
            Ok::<_, strongroom_app::AppError>((overview, own, sessions, addresses))
        })
        .await?;
    (manage.own, manage.sessions, manage.addresses) = (own, sessions, addresses);
    manage.required = state.run(|vault| vault.training_required()).await.unwrap_or(false);
    let owner_part = owner.then(|| manage::section(language, session, &overview, &manage));
    let mut response = page(y(language, Y::OverviewTitle), Some(session), overview_view(language, &overview, owner_part)).into_response();
    if manage.problem.is_some() {
        *response.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(response)
}

/// The start page's reminder: the person's lessons to take; for the owner, who is far behind.
pub fn start_section(language: Language, mine: Option<&PersonTraining>, behind: &[String]) -> Markup {
    let to_take: Vec<_> = mine.map(|mine| mine.to_take().collect()).unwrap_or_default();
    let overdue = to_take.iter().filter(|lesson| lesson.overdue()).count();
    html! {
        @if let Some(next) = to_take.first() {
            section.training.attention[overdue > 0] {
                h2 { (y(language, Y::StartTitle)) }
                p {
                    (fill(y(language, Y::StartDue), &[&to_take.len().to_string(), &super::parts::day(language, next.due)]))
                    @if overdue > 0 { " " strong { (fill(y(language, Y::StartOverdue), &[&overdue.to_string()])) } }
                }
                p { a href={ "/training/" (next.lesson) } { (next.title) } " · " a href="/training" { (y(language, Y::StartOpen)) } }
            }
        }
        @if !behind.is_empty() {
            section.training.attention {
                h2 { (y(language, Y::StartBehind)) }
                p { (behind.join(", ")) ". " a href="/training/overview" { (y(language, Y::StartOverview)) } }
            }
        }
    }
}
