//! The risk register's pages (`/desk/risks`): the 5×5 map, the register highest score first
//! with the reviews due, what Strongroom proposes and the catalogue with an add button each, a
//! form for the shop's own risk; one risk to change, mark reviewed today, or remove. The owner
//! changes it; the owner and the external auditor read it. Words in `words.rs`.

mod words;

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::{Markup, html};
use serde::Deserialize;
use strongroom_app::AppError;
use strongroom_app::desk::{RiskEntry, RiskRegister};
use strongroom_domain::{DomainError, Language, Permission, Risk, RiskLevel, Treatment, catalogue_risk, parse_rating};
use uuid::Uuid;

use self::words::{K, k, level_name, treatment_name};
use super::devices::{select, text_input};
use super::form::Form;
use super::parts::{FieldErrors, Problems, Submitted, day, today};
use super::{PageError, Ready, Session, csrf_field, form_error, page};
use crate::ServerState;

pub fn routes() -> Router<Arc<ServerState>> {
    Router::new()
        .route("/desk/risks", get(register_page).post(add_own))
        .route("/desk/risks/adopt", post(adopt))
        .route("/desk/risks/{id}", get(edit_page).post(save))
        .route("/desk/risks/{id}/remove", post(remove))
}

/// The page's title, for links to it.
pub fn title(language: Language) -> &'static str {
    k(language, K::Title)
}

fn may_read(session: &Session) -> Result<(), PageError> {
    crate::web::allowed_to(session, Permission::DeskRead, k(session.signed_in.language(), K::OnlyOwnerAndAuditor))
}

fn may_change(session: &Session) -> Result<(), PageError> {
    crate::web::allowed_to(session, Permission::SettingsManage, k(session.signed_in.language(), K::OnlyOwner))
}

fn level_class(level: RiskLevel) -> &'static str {
    match level {
        RiskLevel::Low => "risk-low",
        RiskLevel::Medium => "risk-medium",
        RiskLevel::High => "risk-high",
        RiskLevel::VeryHigh => "risk-very-high",
    }
}

/// The 5×5 map: impact up the side (5 at the top), likelihood along the bottom.
fn heat_map(language: Language, register: &RiskRegister) -> Markup {
    let map = register.heat_map();
    html! {
        table.heat-map {
            caption { (k(language, K::MapCaption)) }
            thead { tr { th scope="col" { (k(language, K::Impact)) " ↑ · " (k(language, K::Likelihood)) " →" } @for likelihood in 1..=5u8 { th scope="col" { (likelihood) } } } }
            tbody {
                @for impact in (1..=5u8).rev() {
                    tr {
                        th scope="row" { (impact) }
                        @for likelihood in 1..=5u8 {
                            @let count = map[usize::from(impact) - 1][usize::from(likelihood) - 1];
                            td class=(level_class(RiskLevel::of(impact * likelihood))) { @if count > 0 { strong { (count) } } }
                        }
                    }
                }
            }
        }
    }
}

fn risk_row(language: Language, entry: &RiskEntry) -> Markup {
    let risk = &entry.risk;
    html! {
        tr {
            td { a href={ "/desk/risks/" (entry.id) } { (risk.title) } br; span.muted { (risk.asset) } }
            td class=(level_class(risk.level())) { (risk.score()) " · " (level_name(language, risk.level())) }
            td { (treatment_name(language, risk.treatment)) }
            td { (risk.owner) }
            td { (day(language, risk.review_due())) @if entry.review_due { " " strong.overdue { (k(language, K::Due)) } } }
        }
    }
}

/// Catalogue or proposed risks with an add button each.
fn offered(language: Language, session: &Session, ids: &[&str]) -> Markup {
    html! {
        ul.offered {
            @for entry in ids.iter().filter_map(|id| catalogue_risk(id)) {
                @let risk = entry.risk(language, today());
                li {
                    strong { (risk.title) } " (" (risk.score()) " · " (level_name(language, risk.level())) ")"
                    br; span.muted { (risk.threat) }
                    form.inline method="post" action="/desk/risks/adopt" {
                        (csrf_field(&session.csrf))
                        input type="hidden" name="id" value=(entry.id);
                        button type="submit" { (k(language, K::AddThis)) }
                    }
                }
            }
        }
    }
}

#[derive(Deserialize, Default)]
struct Notice {
    #[serde(default)]
    done: Option<String>,
}

async fn register_page(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Query(notice): Query<Notice>,
) -> Result<Response, PageError> {
    may_read(&session)?;
    let notice = match notice.done.as_deref() {
        Some("added") => Some(K::Added),
        Some("saved") => Some(K::Saved),
        Some("removed") => Some(K::Removed),
        _ => None,
    };
    render_register(&state, &session, notice, &RiskForm::default(), &FieldErrors::default()).await
}

async fn render_register(
    state: &Arc<ServerState>,
    session: &Session,
    notice: Option<K>,
    form: &RiskForm,
    errors: &FieldErrors,
) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    let actor = session.signed_in.actor()?.clone();
    let register = state.run(move |vault| vault.risks(&actor, today())).await?;
    let editable = session.signed_in.role().allows(Permission::SettingsManage);
    let content = html! {
        h1 { (k(language, K::Title)) }
        @if let Some(notice) = notice { p.notice role="status" { (k(language, notice)) } }
        p.muted { (k(language, K::Intro)) }
        h2 { (k(language, K::MapTitle)) }
        (heat_map(language, &register))
        @if register.risks.is_empty() { p { (k(language, K::Empty)) } }
        @else {
            table.risks {
                thead { tr { th { (k(language, K::Risk)) } th { (k(language, K::Score)) } th { (k(language, K::Treatment)) } th { (k(language, K::Owner)) } th { (k(language, K::NextReview)) } } }
                tbody { @for entry in &register.risks { (risk_row(language, entry)) } }
            }
        }
        @if editable {
            @if !register.proposals.is_empty() {
                h2 { (k(language, K::ProposedTitle)) }
                p.muted { (k(language, K::ProposedIntro)) }
                (offered(language, session, &register.proposals))
            }
            @if !register.catalogue.is_empty() {
                h2 { (k(language, K::CatalogueTitle)) }
                p.muted { (k(language, K::CatalogueIntro)) }
                (offered(language, session, &register.catalogue))
            }
            h2 { (k(language, K::OwnTitle)) }
            (risk_form(language, session, "/desk/risks", form, errors, K::AddOwn, false))
        }
    };
    Ok(page(k(language, K::Title), Some(session), content).into_response())
}

/// A risk's form as typed.
#[derive(Deserialize, Default, Clone)]
struct RiskForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    asset: String,
    #[serde(default)]
    threat: String,
    #[serde(default)]
    likelihood: String,
    #[serde(default)]
    likelihood_reason: String,
    #[serde(default)]
    impact: String,
    #[serde(default)]
    impact_reason: String,
    #[serde(default)]
    treatment: String,
    #[serde(default)]
    measures: String,
    #[serde(default)]
    owner: String,
    #[serde(default)]
    read_at: String,
    #[serde(default)]
    reviewed: Option<String>,
}

impl Submitted for RiskForm {
    fn values(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("title", self.title.as_str()),
            ("asset", self.asset.as_str()),
            ("threat", self.threat.as_str()),
            ("likelihood", self.likelihood.as_str()),
            ("likelihood_reason", self.likelihood_reason.as_str()),
            ("impact", self.impact.as_str()),
            ("impact_reason", self.impact_reason.as_str()),
            ("treatment", self.treatment.as_str()),
            ("measures", self.measures.as_str()),
            ("owner", self.owner.as_str()),
        ]
    }
}

impl RiskForm {
    fn of(risk: &Risk, read_at: i64) -> RiskForm {
        RiskForm {
            title: risk.title.clone(),
            asset: risk.asset.clone(),
            threat: risk.threat.clone(),
            likelihood: risk.likelihood.to_string(),
            likelihood_reason: risk.likelihood_reason.clone(),
            impact: risk.impact.to_string(),
            impact_reason: risk.impact_reason.clone(),
            treatment: risk.treatment.as_str().to_owned(),
            measures: risk.measures.clone(),
            owner: risk.owner.clone(),
            read_at: read_at.to_string(),
            ..RiskForm::default()
        }
    }

    /// The risk typed (its source and review day from `kept`, or new), every problem at once.
    fn parse(&self, kept: Option<&Risk>) -> Result<Risk, Vec<DomainError>> {
        let mut problems = Problems::default();
        let likelihood = problems.take(parse_rating("likelihood", &self.likelihood));
        let impact = problems.take(parse_rating("impact", &self.impact));
        let treatment = problems.take(Treatment::parse("treatment", &self.treatment));
        let risk = problems.finish(|| {
            let reviewed_on = match kept {
                Some(kept) if self.reviewed.is_none() => kept.reviewed_on,
                _ => today(),
            };
            Some(Risk {
                source: kept.map(|kept| kept.source.clone()).unwrap_or_default(),
                title: self.title.clone(),
                asset: self.asset.clone(),
                threat: self.threat.clone(),
                likelihood: likelihood?,
                likelihood_reason: self.likelihood_reason.clone(),
                impact: impact?,
                impact_reason: self.impact_reason.clone(),
                treatment: treatment?,
                measures: self.measures.clone(),
                owner: self.owner.clone(),
                reviewed_on,
            })
        })?;
        risk.checked().map_err(|error| vec![error])
    }
}

fn area(name: &'static str, label: &str, value: &str, errors: &FieldErrors) -> Markup {
    html! {
        label for=(name) { (label) }
        @if let Some(message) = errors.get(name) { p.error role="alert" { (message) } }
        textarea id=(name) name=(name) rows="2" aria-invalid=[errors.get(name).map(|_| "true")] { (errors.shown(name, value)) }
    }
}

fn field_error(errors: &FieldErrors, name: &str) -> Markup {
    html! { @if let Some(message) = errors.get(name) { p.error role="alert" { (message) } } }
}

fn risk_form(
    language: Language,
    session: &Session,
    action: &str,
    form: &RiskForm,
    errors: &FieldErrors,
    button: K,
    existing: bool,
) -> Markup {
    let ratings: Vec<(&str, String)> = ["1", "2", "3", "4", "5"].iter().map(|rating| (*rating, (*rating).to_owned())).collect();
    let treatments: Vec<(&str, String)> =
        Treatment::ALL.iter().map(|treatment| (treatment.as_str(), treatment_name(language, *treatment).to_owned())).collect();
    let rating = |value: &str| if value.is_empty() { "3".to_owned() } else { value.to_owned() };
    html! {
        form method="post" action=(action) {
            (csrf_field(&session.csrf))
            input type="hidden" name="read_at" value=(form.read_at);
            (form_error(errors.get("form")))
            (text_input("title", k(language, K::RiskTitle), &form.title, errors, "text", true))
            (area("asset", k(language, K::Asset), &form.asset, errors))
            (area("threat", k(language, K::Threat), &form.threat, errors))
            p.muted { (k(language, K::Scale)) }
            (field_error(errors, "likelihood"))
            (select("likelihood", k(language, K::Likelihood), &rating(&form.likelihood), &ratings))
            (area("likelihood_reason", k(language, K::LikelihoodReason), &form.likelihood_reason, errors))
            (field_error(errors, "impact"))
            (select("impact", k(language, K::Impact), &rating(&form.impact), &ratings))
            (area("impact_reason", k(language, K::ImpactReason), &form.impact_reason, errors))
            (field_error(errors, "treatment"))
            (select("treatment", k(language, K::Treatment), if form.treatment.is_empty() { "reduce" } else { &form.treatment }, &treatments))
            (area("measures", k(language, K::Measures), &form.measures, errors))
            (text_input("owner", k(language, K::Owner), &form.owner, errors, "text", false))
            @if existing { label.check { input type="checkbox" name="reviewed" checked[form.reviewed.is_some()]; " " (k(language, K::ReviewedToday)) } }
            button type="submit" { (k(language, button)) }
        }
    }
}

async fn add_own(State(state): State<Arc<ServerState>>, Ready(session): Ready, Form(form): Form<RiskForm>) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    may_change(&session)?;
    let language = session.signed_in.language();
    let risk = match form.parse(None) {
        Ok(risk) => risk,
        Err(problems) => {
            return render_register(&state, &session, None, &form, &FieldErrors::from_domain(language, &problems, &form)).await;
        }
    };
    let actor = session.signed_in.actor()?.clone();
    state.run(move |vault| vault.add_risk(&actor, risk)).await?;
    Ok(Redirect::to("/desk/risks?done=added").into_response())
}

#[derive(Deserialize)]
struct AdoptForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    id: String,
}

async fn adopt(State(state): State<Arc<ServerState>>, Ready(session): Ready, Form(form): Form<AdoptForm>) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    may_change(&session)?;
    let (id, language) = (form.id.clone(), session.signed_in.language());
    let actor = session.signed_in.actor()?.clone();
    let added = state
        .run(move |vault| {
            let risk = vault.catalogue_risk_for(&id, language, today())?;
            vault.add_risk(&actor, risk)
        })
        .await;
    match added {
        Ok(id) => Ok(Redirect::to(&format!("/desk/risks/{id}")).into_response()),
        Err(AppError::NotFound(_)) => Err(PageError::NotFound),
        // Added meanwhile (a double click): the register shows it.
        Err(AppError::Conflict(why)) if why.contains("in the register already") => Ok(Redirect::to("/desk/risks").into_response()),
        Err(other) => Err(other.into()),
    }
}

fn risk_id(text: &str) -> Result<Uuid, PageError> {
    Uuid::parse_str(text).map_err(|_| PageError::NotFound)
}

async fn found(state: &Arc<ServerState>, session: &Session, id: Uuid) -> Result<RiskEntry, PageError> {
    let actor = session.signed_in.actor()?.clone();
    Ok(state.run(move |vault| vault.risk(&actor, id, today())).await?)
}

async fn edit_page(State(state): State<Arc<ServerState>>, Ready(session): Ready, Path(id): Path<String>) -> Result<Response, PageError> {
    may_read(&session)?;
    let entry = found(&state, &session, risk_id(&id)?).await?;
    if !session.signed_in.role().allows(Permission::SettingsManage) {
        return Ok(render_read_only(&session, &entry));
    }
    Ok(render_edit(&session, &entry, &RiskForm::of(&entry.risk, entry.updated_at), &FieldErrors::default()))
}

/// The whole risk, for the external auditor.
fn render_read_only(session: &Session, entry: &RiskEntry) -> Response {
    let language = session.signed_in.language();
    let risk = &entry.risk;
    let content = html! {
        h1 { (k(language, K::EditTitle)) ": " (risk.title) }
        dl {
            dt { (k(language, K::Asset)) } dd { (risk.asset) }
            dt { (k(language, K::Threat)) } dd { (risk.threat) }
            dt { (k(language, K::Likelihood)) } dd { (risk.likelihood) ": " (risk.likelihood_reason) }
            dt { (k(language, K::Impact)) } dd { (risk.impact) ": " (risk.impact_reason) }
            dt { (k(language, K::Score)) } dd { (risk.score()) " · " (level_name(language, risk.level())) }
            dt { (k(language, K::Treatment)) } dd { (treatment_name(language, risk.treatment)) }
            dt { (k(language, K::Measures)) } dd { (risk.measures) }
            dt { (k(language, K::Owner)) } dd { (risk.owner) }
            dt { (k(language, K::LastReviewed)) } dd { (day(language, risk.reviewed_on)) }
            dt { (k(language, K::NextReview)) } dd { (day(language, risk.review_due())) }
        }
        p { a href="/desk/risks" { (k(language, K::Back)) } }
    };
    page(k(language, K::EditTitle), Some(session), content).into_response()
}

fn render_edit(session: &Session, entry: &RiskEntry, form: &RiskForm, errors: &FieldErrors) -> Response {
    let language = session.signed_in.language();
    let risk = &entry.risk;
    let content = html! {
        h1 { (k(language, K::EditTitle)) ": " (risk.title) }
        p.muted {
            (k(language, K::Score)) " " (risk.score()) " · " (level_name(language, risk.level())) " · "
            (k(language, K::LastReviewed)) " " (day(language, risk.reviewed_on)) " · " (k(language, K::NextReview)) " " (day(language, risk.review_due()))
        }
        (risk_form(language, session, &format!("/desk/risks/{}", entry.id), form, errors, K::Save, true))
        form method="post" action={ "/desk/risks/" (entry.id) "/remove" } {
            (csrf_field(&session.csrf))
            input type="hidden" name="read_at" value=(form.read_at);
            button.danger type="submit" { (k(language, K::Remove)) }
        }
        p { a href="/desk/risks" { (k(language, K::Back)) } }
    };
    page(k(language, K::EditTitle), Some(session), content).into_response()
}

async fn save(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    Form(form): Form<RiskForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    may_change(&session)?;
    let entry = found(&state, &session, risk_id(&id)?).await?;
    let language = session.signed_in.language();
    let read_at: i64 = form.read_at.parse().map_err(|_| PageError::BadRequest("the form was not read from this page".into()))?;
    let risk = match form.parse(Some(&entry.risk)) {
        Ok(risk) => risk,
        Err(problems) => return Ok(render_edit(&session, &entry, &form, &FieldErrors::from_domain(language, &problems, &form))),
    };
    let actor = session.signed_in.actor()?.clone();
    let id = entry.id;
    let reviewed = form.reviewed.is_some();
    match state.run(move |vault| vault.update_risk(&actor, id, risk, read_at, reviewed)).await {
        Ok(()) => Ok(Redirect::to("/desk/risks?done=saved").into_response()),
        Err(AppError::Conflict(why)) => {
            // Shown as it is now, with its new version: saving again applies to what is seen.
            let now = found(&state, &session, id).await?;
            let fresh = RiskForm::of(&now.risk, now.updated_at);
            Ok(render_edit(&session, &now, &fresh, &FieldErrors::from_domain(language, &[DomainError::invalid("form", why)], &fresh)))
        }
        Err(other) => Err(other.into()),
    }
}

async fn remove(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    Form(form): Form<super::RemoveAsRead>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    may_change(&session)?;
    let id = risk_id(&id)?;
    let read_at = form.read_at()?;
    let actor = session.signed_in.actor()?.clone();
    state.run(move |vault| vault.delete_risk(&actor, id, Some(read_at))).await?;
    Ok(Redirect::to("/desk/risks?done=removed").into_response())
}
