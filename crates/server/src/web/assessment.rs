//! The self-assessment's page (`/desk/assessment`) for the owner and the external auditor: the
//! security score, a score per Cyber Essentials control, every question with its CIS v8 IG1
//! safeguard numbers and NCSC topic, answered by Strongroom from live evidence or by the owner
//! (a form each, with a note); and the owner's start-page panel: the score with its trend as an
//! SVG chart and the next steps, from the score last kept (nothing is assessed anew there).

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::{Markup, html};
use serde::Deserialize;
use strongroom_app::desk::{Assessed, LatestScore};
use strongroom_domain::{Answerer, CeControl, Language, NcscTopic, Permission, Standing, question};
use time::Date;

use super::form::Form;
use super::parts::{day, today};
use super::{PageError, Ready, Session, csrf_field, page};
use crate::ServerState;

pub fn routes() -> Router<Arc<ServerState>> {
    Router::new()
        .route("/desk/assessment", get(assessment_page))
        .route("/desk/assessment/{id}", post(answer))
        .merge(super::evidence::routes())
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum S {
    Title,
    Intro,
    Score,
    OutOf,
    Control,
    Answer,
    Evidence,
    Yes,
    No,
    Open,
    ByStrongroom,
    ByOwner,
    Note,
    Save,
    NextSteps,
    Trend,
    SeeAll,
    OnlyOwnerAndAuditor,
    OnlyOwner,
    Cis,
    Ncsc,
    AnsweredBy,
    Question,
    Beyond,
    NotChosen,
    KeptOn,
}

fn s(language: Language, word: S) -> &'static str {
    match language {
        Language::En => en(word),
        Language::Nl => nl(word),
    }
}

fn en(word: S) -> &'static str {
    match word {
        S::Title => "Self-assessment",
        S::Intro => {
            "The shop's security measured against Cyber Essentials' five controls, the CIS Controls v8 safeguards for small organisations (their numbers) and the NCSC's Small Business Guide. Strongroom answers what it can see itself; the owner answers the rest. The score weighs each answer by what a \"no\" would cost."
        }
        S::Score => "Security score",
        S::OutOf => "of 100",
        S::Control => "Control",
        S::Answer => "Answer",
        S::Evidence => "How it was found",
        S::Yes => "yes",
        S::No => "no",
        S::Open => "not answered",
        S::ByStrongroom => "Strongroom answers this from what it finds.",
        S::ByOwner => "The owner answers this.",
        S::Note => "Note (what shows it: a date, a document)",
        S::Save => "Save the answer",
        S::NextSteps => "What to do next",
        S::Trend => "The score over time",
        S::SeeAll => "The self-assessment",
        S::OnlyOwnerAndAuditor => "Only the owner and the external auditor see the self-assessment.",
        S::OnlyOwner => "Only the owner answers the self-assessment.",
        S::Cis => "CIS v8",
        S::Ncsc => "NCSC",
        S::AnsweredBy => "answered by",
        S::Question => "Question",
        S::Beyond => "Beyond Cyber Essentials",
        S::NotChosen => "choose",
        S::KeptOn => "as of",
    }
}

fn nl(word: S) -> &'static str {
    match word {
        S::Title => "Zelfbeoordeling",
        S::Intro => {
            "De beveiliging van de winkel gemeten aan de vijf maatregelen van Cyber Essentials, de CIS Controls v8 voor kleine organisaties (hun nummers) en de Small Business Guide van het NCSC. Strongroom beantwoordt wat het zelf kan zien; de eigenaar beantwoordt de rest. De score weegt elk antwoord naar wat een \"nee\" zou kosten."
        }
        S::Score => "Beveiligingsscore",
        S::OutOf => "van 100",
        S::Control => "Maatregel",
        S::Answer => "Antwoord",
        S::Evidence => "Hoe het is vastgesteld",
        S::Yes => "ja",
        S::No => "nee",
        S::Open => "niet beantwoord",
        S::ByStrongroom => "Strongroom beantwoordt dit uit wat het vindt.",
        S::ByOwner => "De eigenaar beantwoordt dit.",
        S::Note => "Toelichting (wat het aantoont: een datum, een document)",
        S::Save => "Antwoord opslaan",
        S::NextSteps => "Wat nu te doen",
        S::Trend => "De score door de tijd",
        S::SeeAll => "De zelfbeoordeling",
        S::OnlyOwnerAndAuditor => "Alleen de eigenaar en de externe auditor zien de zelfbeoordeling.",
        S::OnlyOwner => "Alleen de eigenaar beantwoordt de zelfbeoordeling.",
        S::Cis => "CIS v8",
        S::Ncsc => "NCSC",
        S::AnsweredBy => "beantwoord door",
        S::Question => "Vraag",
        S::Beyond => "Meer dan Cyber Essentials",
        S::NotChosen => "kies",
        S::KeptOn => "stand van",
    }
}

/// The page's title, for links to it.
pub fn title(language: Language) -> &'static str {
    s(language, S::Title)
}

fn topic_name(language: Language, topic: NcscTopic) -> &'static str {
    match (language, topic) {
        (Language::En, NcscTopic::Backups) => "backing up your data",
        (Language::En, NcscTopic::Malware) => "protecting from malware",
        (Language::En, NcscTopic::Phones) => "keeping phones and tablets safe",
        (Language::En, NcscTopic::Passwords) => "using passwords",
        (Language::En, NcscTopic::Phishing) => "avoiding phishing",
        (Language::Nl, NcscTopic::Backups) => "back-ups maken",
        (Language::Nl, NcscTopic::Malware) => "beschermen tegen malware",
        (Language::Nl, NcscTopic::Phones) => "telefoons en tablets veilig houden",
        (Language::Nl, NcscTopic::Passwords) => "wachtwoorden gebruiken",
        (Language::Nl, NcscTopic::Phishing) => "phishing vermijden",
    }
}

fn standing_word(language: Language, standing: Standing) -> &'static str {
    s(
        language,
        match standing {
            Standing::Yes => S::Yes,
            Standing::No => S::No,
            Standing::Open => S::Open,
        },
    )
}

/// The score's history as a line chart: the last year, 0 to 100 up the side.
pub fn trend_chart(language: Language, history: &[(Date, u8)]) -> Markup {
    let (width, height) = (320.0_f64, 90.0_f64);
    let Some(&(last_day, _)) = history.last() else { return html! {} };
    let first_day = history.iter().map(|(day, _)| *day).find(|day| (last_day - *day).whole_days() <= 365).unwrap_or(last_day);
    let span = (last_day - first_day).whole_days().max(1) as f64;
    let points: Vec<(f64, f64)> = history
        .iter()
        .filter(|(day, _)| *day >= first_day)
        .map(|(day, score)| {
            let x = 10.0 + (width - 20.0) * ((*day - first_day).whole_days() as f64 / span);
            let y = 5.0 + (height - 10.0) * (1.0 - f64::from(*score) / 100.0);
            (x, y)
        })
        .collect();
    let line: Vec<String> = points.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
    let (last_x, last_y) = points.last().copied().unwrap_or((10.0, height));
    let label = format!("{}: {} – {}", s(language, S::Trend), day(language, first_day), day(language, last_day));
    html! {
        svg.trend xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 " (width) " " (height) } role="img" aria-label=(label) {
            title { (label) }
            line x1="10" y1=(height - 5.0) x2=(width - 10.0) y2=(height - 5.0) stroke="#c8c8d0" {}
            line x1="10" y1="5" x2=(width - 10.0) y2="5" stroke="#e4e4ea" {}
            polyline points=(line.join(" ")) fill="none" stroke="#0b4f8a" stroke-width="2" {}
            circle cx=(format!("{last_x:.1}")) cy=(format!("{last_y:.1}")) r="3.5" fill="#0b4f8a" {}
        }
    }
}

/// The owner's start-page panel: the score, its trend, the three costliest next steps.
pub fn start_section(language: Language, latest: &LatestScore) -> Markup {
    html! {
        section.security-score {
            h2 { (s(language, S::Score)) ": " strong { (latest.score) } " " (s(language, S::OutOf)) }
            @if let Some((kept_on, _)) = latest.history.last() { p.muted { (s(language, S::KeptOn)) " " (day(language, *kept_on)) } }
            (trend_chart(language, &latest.history))
            @if !latest.next_steps.is_empty() {
                h3 { (s(language, S::NextSteps)) }
                ol.next-steps {
                    @for id in latest.next_steps.iter().take(3) {
                        @if let Some(question) = question(id) {
                            li { a href={ "/desk/assessment#q-" (id) } { (question.text(language)) } }
                        }
                    }
                }
            }
            p { a href="/desk/assessment" { (s(language, S::SeeAll)) } }
        }
    }
}

fn question_row(language: Language, session: &Session, assessed: &Assessed, owner: bool) -> Markup {
    let question = assessed.question;
    let evidence = match question.answerer {
        // Strongroom's evidence is the doctor's words or the assessment's own.
        Answerer::Strongroom => super::desk::words(language, &super::i18n::reason(language, &assessed.evidence)),
        Answerer::Owner => assessed.evidence.clone(),
    };
    html! {
        tr id={ "q-" (question.id) } class=(match assessed.standing { Standing::Yes => "ok", Standing::No => "problem", Standing::Open => "attention" }) {
            td {
                (question.text(language))
                br; span.muted {
                    @if !question.cis.is_empty() { (s(language, S::Cis)) " " (question.cis.join(", ")) " · " }
                    @if let Some(topic) = question.ncsc { (s(language, S::Ncsc)) ": " (topic_name(language, topic)) " · " }
                    (s(language, if question.answerer == Answerer::Owner { S::ByOwner } else { S::ByStrongroom }))
                }
            }
            td { strong { (standing_word(language, assessed.standing)) } }
            td {
                (evidence)
                @if let Some((by, on)) = &assessed.answered { br; span.muted { (s(language, S::AnsweredBy)) " " (by) ", " (day(language, *on)) } }
                @if question.answerer == Answerer::Owner && owner {
                    form method="post" action={ "/desk/assessment/" (question.id) } {
                        (csrf_field(&session.csrf))
                        select name="answer" aria-label=(s(language, S::Answer)) required {
                            option value="" selected[assessed.standing == Standing::Open] { "— " (s(language, S::NotChosen)) " —" }
                            option value="yes" selected[assessed.standing == Standing::Yes] { (s(language, S::Yes)) }
                            option value="no" selected[assessed.standing == Standing::No] { (s(language, S::No)) }
                        }
                        input type="text" name="note" value=(assessed.evidence) aria-label=(s(language, S::Note)) placeholder=(s(language, S::Note));
                        button type="submit" { (s(language, S::Save)) }
                    }
                }
                @if question.answerer == Answerer::Owner {
                    (super::evidence::part(language, session, assessed, owner))
                }
            }
        }
    }
}

async fn assessment_page(State(state): State<Arc<ServerState>>, Ready(session): Ready) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    if !session.signed_in.role().allows(Permission::DeskRead) {
        return Err(PageError::Denied(s(language, S::OnlyOwnerAndAuditor).to_owned()));
    }
    let actor = session.signed_in.actor()?.clone();
    let assessment = state.run(move |vault| vault.assessment(&actor, today())).await?;
    let owner = session.signed_in.role().allows(Permission::SettingsManage);
    let content = html! {
        h1 { (s(language, S::Title)) }
        p.muted { (s(language, S::Intro)) }
        p.score { (s(language, S::Score)) ": " strong { (assessment.score) } " " (s(language, S::OutOf)) }
        (trend_chart(language, &assessment.history))
        table.controls {
            thead { tr { th { (s(language, S::Control)) } th { (s(language, S::Score)) } } }
            tbody { @for (control, score) in &assessment.controls { tr { td { (control.name(language)) } td { (score) } } } }
        }
        @for control in CeControl::ALL.map(Some).into_iter().chain([None]) {
            h2 { (control.map_or(s(language, S::Beyond), |control| control.name(language))) }
            table.assessment {
                thead { tr { th { (s(language, S::Question)) } th { (s(language, S::Answer)) } th { (s(language, S::Evidence)) } } }
                tbody {
                    @for assessed in assessment.questions.iter().filter(|assessed| assessed.question.control == control) {
                        (question_row(language, &session, assessed, owner))
                    }
                }
            }
        }
    };
    Ok(page(s(language, S::Title), Some(&session), content).into_response())
}

#[derive(Deserialize)]
struct AnswerForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    answer: String,
    #[serde(default)]
    note: String,
}

async fn answer(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    Form(form): Form<AnswerForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    if !session.signed_in.role().allows(Permission::SettingsManage) {
        return Err(PageError::Denied(s(session.signed_in.language(), S::OnlyOwner).to_owned()));
    }
    let yes = match form.answer.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Err(PageError::BadRequest("answer: must be yes or no".into())),
    };
    let question = question(&id).ok_or(PageError::NotFound)?;
    let actor = session.signed_in.actor()?.clone();
    let target = format!("/desk/assessment#q-{}", question.id);
    state.run(move |vault| vault.answer_question(&actor, question.id, yes, &form.note, today())).await?;
    Ok(Redirect::to(&target).into_response())
}
