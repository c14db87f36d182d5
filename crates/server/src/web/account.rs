//! The signed-in person's own pages: the start page, changing their password (with the live
//! strength meter), their sessions, and proving themselves again before a sensitive action.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Json, Redirect, Response};
use axum::routing::{get, post};
use maud::{Markup, html};
use serde::{Deserialize, Serialize};
use strongroom_app::{AppError, SessionStage, WorkshopJob};
use strongroom_domain::{Language, Permission};
use strongroom_identity::Password;
use zeroize::Zeroizing;

use super::i18n::{T, tr};
use super::{Form, PRE_COOKIE, PageError, Ready, Session, cookie, csrf_field, form_error, local_path, page, stage_page};
use crate::ServerState;

pub fn routes() -> Router<Arc<ServerState>> {
    Router::new()
        .route("/", get(home))
        .route("/me", get(me))
        .route("/account/password", get(password_page).post(change_password))
        .route("/account/password/strength", post(strength))
        .route("/enrol/strength", post(enrol_strength))
        .route("/account/sessions", get(sessions_page))
        .route("/account/sessions/end", post(end_session))
        .route("/account/step-up", get(step_up_page).post(step_up))
        .route("/account/language", post(set_language))
}

/// What the start page lists for one person: each list only as far as their role may see it.
#[derive(Default)]
struct Today {
    locked: Vec<String>,
    recent: Vec<strongroom_app::CustomerSummary>,
    to_call: Vec<WorkshopJob>,
    late: Vec<WorkshopJob>,
    due_today: Vec<WorkshopJob>,
    unchecked: Vec<strongroom_app::UncheckedSale>,
    /// For the owner: whether backups are made and drilled.
    backups: Option<strongroom_app::BackupHealth>,
    /// For those who work incidents: how many reports nobody has taken up yet.
    new_incidents: Option<u64>,
    /// For those who work incidents: whether a drill is due (none in the last 12 months).
    drill_due: bool,
    /// For those who handle customers' requests: those due within a week, and late ones.
    requests_due: Vec<strongroom_app::RequestDue>,
    /// For the owner: the security score as last kept, its trend and the next steps.
    security: Option<strongroom_app::desk::LatestScore>,
    /// For the owner: the news panel (the feeds' newest items and the month's tip).
    news: Option<strongroom_app::desk::News>,
    /// For the owner: audit findings not yet resolved.
    open_findings: usize,
    /// For the external auditor: the audit workspace's way in.
    auditor: bool,
    /// For everyone on the staff: their training, for its reminder.
    training: Option<strongroom_app::training::PersonTraining>,
    /// For the owner: who has a lesson far overdue.
    training_behind: Vec<String>,
    /// The shop requires the training before customer data and this person is far behind.
    training_blocked: bool,
}

impl Today {
    /// Gathered in one trip to the vault (each list recorded as the gate records it).
    async fn gather(state: &Arc<ServerState>, session: &Session) -> Result<Today, PageError> {
        let actor = session.signed_in.actor()?.clone();
        let role = actor.role;
        let today = super::parts::today();
        let actor_language = session.signed_in.language();
        let lists = state
            .run(move |vault| {
                let mut lists = Today { locked: vault.locked_accounts(&actor)?, ..Today::default() };
                // Far behind with a training the shop requires: no customer lists until it is taken.
                lists.training_blocked = vault.training_blocks(&actor);
                let sees_customers = !lists.training_blocked;
                if sees_customers && role.allows(Permission::CustomerRead) {
                    lists.recent = vault.my_recent_customers(&actor, 8)?;
                }
                if sees_customers && role.allows(Permission::RepairRead) {
                    lists.to_call = vault.jobs_to_call(&actor, START_LIST)?;
                    (lists.late, lists.due_today) =
                        vault.jobs_due(&actor, today, START_LIST)?.into_iter().partition(|job| job.repair.is_late(today));
                }
                // Those who record sales and their checks are the ones who can put a missing check right.
                if sees_customers && role.allows(Permission::PurchaseRead) && role.allows(Permission::AmlWrite) {
                    lists.unchecked = vault.sales_missing_check(&actor, START_LIST)?;
                }
                if role.allows(Permission::BackupManage) {
                    lists.backups = Some(vault.backup_health(&actor)?);
                }
                if role.allows(Permission::SettingsManage) {
                    // The start page opens whatever this says: a score that does not read is left out.
                    lists.security = vault.latest_assessment(&actor).ok().flatten();
                    lists.open_findings = vault.open_findings(&actor).unwrap_or(0);
                    lists.news = vault.news(&actor).ok();
                }
                lists.auditor = role.allows(Permission::DeskFindings) && !role.allows(Permission::SettingsManage);
                if role.allows(Permission::TrainingTake) && actor.kind == strongroom_domain::ActorKind::Staff {
                    // A training that does not read leaves its reminder out; the training page says why.
                    lists.training = vault.my_training(&actor, actor_language.as_str(), today).ok();
                }
                if role.allows(Permission::SettingsManage)
                    && let Ok(overview) = vault.training_overview(&actor, actor_language.as_str(), today)
                {
                    lists.training_behind =
                        overview.people.iter().filter(|person| person.escalated() > 0).map(|person| person.name.clone()).collect();
                }
                lists.new_incidents = vault.new_incident_count(&actor)?;
                lists.requests_due = vault.requests_due(&actor, today)?.unwrap_or_default();
                let year_ago = time::OffsetDateTime::now_utc() - time::Duration::days(365);
                lists.drill_due = vault.last_incident_drill(&actor)?.is_some_and(|last| last.is_none_or(|at| at < year_ago));
                Ok::<_, AppError>(lists)
            })
            .await?;
        Ok(lists)
    }

    fn nothing_to_do(&self) -> bool {
        self.to_call.is_empty()
            && self.late.is_empty()
            && self.due_today.is_empty()
            && self.unchecked.is_empty()
            && self.locked.is_empty()
            && self.new_incidents.unwrap_or(0) == 0
            && self.requests_due.is_empty()
    }
}

fn now_micros() -> i64 {
    (time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1000) as i64
}

/// A job as the start page lists it: ticket, item, and whose it is (opened for the repair).
fn job_line(job: &WorkshopJob) -> Markup {
    html! {
        strong.ticket { (job.repair.ticket) } " · " (job.repair.item_description.as_str()) " · "
        a href={ "/customers/" (job.repair.customer_id) "?purpose=repair#job-" (job.repair.id) } { (job.customer_name.as_str()) }
    }
}

/// The lists of what wants doing today; `rule` is the identity-check rule in the person's language.
fn today_lists(language: Language, role: strongroom_domain::Role, rule: &str, lists: &Today) -> Markup {
    use super::parts::{amount, day, status_name};
    html! {
        div.today {
            @if !lists.locked.is_empty() {
                section.attention {
                    h2 { (tr(language, T::LockedAccounts)) }
                    p { (lists.locked.join(", ")) ". " a href="/staff" { (tr(language, T::StaffAccounts)) } }
                }
            }
            @if let Some(count) = lists.new_incidents.filter(|count| *count > 0) {
                section.attention.incidents role="alert" {
                    h2 { (super::incidents::w(language, super::incidents::W::StartNewIncidents)) ": " (count) }
                    p { a href="/incidents" { (super::incidents::w(language, super::incidents::W::StartOpenRegister)) } }
                }
            }
            @if lists.training_blocked {
                p.warning role="alert" { (super::training::y(language, super::training::Y::Blocked)) " " a href="/training" { (super::training::y(language, super::training::Y::StartOpen)) } }
            }
            (super::training::start_section(language, lists.training.as_ref(), &lists.training_behind))
            (super::requests::start_section(language, &lists.requests_due))
            @if let Some(latest) = &lists.security { (super::assessment::start_section(language, latest)) }
            (super::audits::start_section(language, lists.open_findings, lists.auditor))
            @if role.allows(Permission::SettingsManage) { (super::news::start_section(language, lists.news.as_ref())) }
            @if lists.drill_due {
                section.drill {
                    h2 { (super::incidents::w(language, super::incidents::W::DrillSuggestTitle)) }
                    p { (super::incidents::w(language, super::incidents::W::DrillSuggest)) " "
                        a href="/report?drill=1" { (super::incidents::w(language, super::incidents::W::DrillStart)) } }
                }
            }
            @if let Some(health) = &lists.backups {
                section.attention[!health.destinations_set || health.overdue(now_micros())] {
                    h2 { (tr(language, T::BackupsTitle)) }
                    (super::backups::health_lines(language, health))
                    p { a href="/backups" { (tr(language, T::BackupsMenu)) } }
                }
            }
            @if !lists.unchecked.is_empty() {
                section.attention {
                    h2 { (tr(language, T::SalesMissingCheck)) }
                    p.muted { (rule) }
                    ul {
                        @for sale in &lists.unchecked {
                            li {
                                (day(language, sale.purchased_on)) " · " (amount(language, sale.total)) " · " (sale.customer_name.as_str()) " · "
                                a href={ "/customers/" (sale.customer_id) "/aml/new?sale=" (sale.purchase_id) } { (tr(language, T::RecordIdCheck)) }
                            }
                        }
                    }
                }
            }
            @if !lists.to_call.is_empty() {
                section {
                    h2 { (tr(language, T::ReadyToCall)) }
                    ul {
                        @for job in &lists.to_call {
                            li { (job_line(job)) @if let Some(phone) = &job.customer_phone { " · " a href={ "tel:" (phone) } { (phone) } } }
                        }
                    }
                }
            }
            @if !lists.late.is_empty() {
                section.attention {
                    h2 { (tr(language, T::LateJobs)) }
                    ul {
                        @for job in &lists.late {
                            li { (job_line(job)) " · " (tr(language, T::Promised)) " " (job.repair.promised_on.map(|d| day(language, d)).unwrap_or_default())
                                " · " (status_name(language, job.repair.status)) }
                        }
                    }
                }
            }
            @if !lists.due_today.is_empty() {
                section {
                    h2 { (tr(language, T::DueToday)) }
                    ul { @for job in &lists.due_today { li { (job_line(job)) " · " (status_name(language, job.repair.status)) } } }
                }
            }
            @if lists.nothing_to_do() && (role.allows(Permission::RepairRead) || role.allows(Permission::PurchaseRead)) {
                p.muted { (tr(language, T::NothingWaiting)) }
            }
        }
    }
}

/// The start page: per role, what wants doing today (`today_lists`); then the search box and
/// the customers this person opened lately. The admin pages are in the menu at the top, not here.
async fn home(State(state): State<Arc<ServerState>>, Ready(session): Ready) -> Result<Response, PageError> {
    let role = session.signed_in.role();
    let language = session.signed_in.language();
    let lists = Today::gather(&state, &session).await?;
    let rule = state.vault.settings().aml_rules.rule_in(language);
    Ok(page(
        tr(language, T::Start),
        Some(&session),
        html! {
            h1 { (tr(language, T::Hello)) ", " (session.signed_in.username()) }
            @if session.signed_in.password_reminder() {
                p.warning { (tr(language, T::PasswordOld)) " " a href="/account/password" { (tr(language, T::ChangeItNow)) } }
            }
            @if !session.signed_in.has_passkey() {
                p.notice { (tr(language, T::PasskeyReminder)) " " a href="/account/passkeys" { (tr(language, T::AddPasskey)) } }
            }
            @if role.allows(Permission::CustomerRead) { (super::customers::search_form(language, "", &session.csrf)) }
            (today_lists(language, role, rule, &lists))
            @if !lists.recent.is_empty() {
                section {
                    h2 { (tr(language, T::RecentlyOpened)) }
                    ul.recent { @for customer in &lists.recent { li { a href={ "/customers/" (customer.id) } { (customer.name.as_str()) } } } }
                }
            }
            h2 { (tr(language, T::MyAccount)) }
            ul.menu {
                li { a href="/account/password" { (tr(language, T::ChangeMyPassword)) } }
                li { a href="/account/sessions" { (tr(language, T::WhereSignedIn)) } }
                li { a href="/enrol/authenticator" { (tr(language, T::ReplaceAuthenticator)) } }
                li { a href="/account/passkeys" { (tr(language, T::MyPasskeys)) } }
            }
            form.inline method="post" action="/account/language" {
                (csrf_field(&session.csrf))
                label for="language" { (tr(language, T::LanguageLabel)) }
                select id="language" name="language" {
                    @for choice in Language::ALL { option value=(choice.as_str()) selected[choice == language] { (choice.name()) } }
                }
                button type="submit" { (tr(language, T::Save)) }
            }
        },
    )
    .into_response())
}

/// How many entries each of the start page's lists shows at most.
const START_LIST: usize = 20;

#[derive(Deserialize)]
struct LanguageForm {
    #[serde(default)]
    language: String,
    #[serde(default)]
    csrf: String,
}

async fn set_language(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Form(form): Form<LanguageForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    let language = Language::parse(&form.language).map_err(|error| PageError::BadRequest(error.to_string()))?;
    let token = session.token.clone();
    state.run(move |vault| vault.set_my_language(&token, language)).await?;
    let mut response = Redirect::to("/").into_response();
    // Remembered in this browser too, for the sign-in and error pages, which have no session.
    response.headers_mut().insert(axum::http::header::SET_COOKIE, super::set_cookie(super::LANGUAGE_COOKIE, Some(language.as_str())));
    Ok(response)
}

/// A cheap authenticated page (who am I), for monitoring and the load benchmark.
async fn me(Ready(session): Ready) -> Json<serde_json::Value> {
    Json(serde_json::json!({ "username": session.signed_in.username(), "role": session.signed_in.role().as_str() }))
}

fn password_form(session: &Session, error: Option<&str>) -> Markup {
    let l = super::language_of(Some(session));
    html! {
        h1 { (tr(l, T::ChangeMyPassword)) }
        @if session.signed_in.stage() == SessionStage::ChangePassword {
            p.warning { (tr(l, T::MustChangePassword)) }
        }
        p { (tr(l, T::PasswordHint)) }
        (form_error(error))
        form method="post" action="/account/password" {
            (csrf_field(&session.csrf))
            label for="current" { (tr(l, T::CurrentPassword)) }
            input #current type="password" name="current" autocomplete="current-password" required;
            label for="new-password" { (tr(l, T::NewPassword)) }
            input #new-password type="password" name="new" autocomplete="new-password" required data-strength=(session.csrf) data-strength-url="/account/password/strength";
            p #strength aria-live="polite" {}
            label for="again" { (tr(l, T::NewPasswordAgain)) }
            input #again type="password" name="again" autocomplete="new-password" required;
            button type="submit" { (tr(l, T::ChangePassword)) }
        }
        p.muted { (tr(l, T::OtherSessionsEnd)) }
    }
}

/// A session past its second factor (password changes are allowed before the rest is done).
fn past_second_factor(session: &Session) -> Result<(), PageError> {
    match session.signed_in.stage() {
        SessionStage::SecondFactor => Err(PageError::Stage(SessionStage::SecondFactor)),
        _ => Ok(()),
    }
}

async fn password_page(session: Session) -> Result<Response, PageError> {
    let l = super::language_of(Some(&session));
    past_second_factor(&session)?;
    Ok(page(tr(l, T::PasswordLabel), Some(&session), password_form(&session, None)).into_response())
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    current: Zeroizing<String>,
    #[serde(default)]
    new: Zeroizing<String>,
    #[serde(default)]
    again: Zeroizing<String>,
    #[serde(default)]
    csrf: String,
}

async fn change_password(
    State(state): State<Arc<ServerState>>,
    session: Session,
    Form(form): Form<PasswordForm>,
) -> Result<Response, PageError> {
    let l = super::language_of(Some(&session));
    session.check_csrf(&state, &form.csrf)?;
    past_second_factor(&session)?;
    let refuse = |message: &str| {
        (StatusCode::BAD_REQUEST, page(tr(l, T::PasswordLabel), Some(&session), password_form(&session, Some(message)))).into_response()
    };
    let (current, new) = (Password::new(&form.current), Password::new(&form.new));
    if new.as_str() != Password::new(&form.again).as_str() {
        return Ok(refuse(tr(l, T::NewPasswordsDiffer)));
    }
    let (token, client) = (session.token.clone(), session.client.clone());
    match state.run_hashing(move |vault| vault.change_password(&token, &current, &new, &client)).await? {
        Ok(()) => Ok(Redirect::to("/").into_response()),
        Err(error @ (AppError::WrongPassword | AppError::PasswordRejected(_) | AppError::Conflict(_))) => {
            Ok(refuse(&super::app_message(l, &error)))
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Deserialize)]
struct StrengthRequest {
    password: Zeroizing<String>,
    #[serde(default)]
    username: String,
}

#[derive(Serialize)]
struct StrengthAnswer {
    /// 0 (guessed at once) to 4.
    score: u8,
    acceptable: bool,
    /// What the policy says (length, blocklist, shop words, guessability), if it refuses.
    problem: Option<String>,
    warning: Option<String>,
    suggestions: Vec<String>,
}

fn csrf_header(headers: &HeaderMap) -> String {
    headers.get("x-csrf-token").and_then(|value| value.to_str().ok()).unwrap_or_default().to_owned()
}

async fn judge(
    state: &Arc<ServerState>,
    language: Language,
    username: String,
    role: Option<strongroom_domain::Role>,
    password: &str,
) -> Json<StrengthAnswer> {
    let password = Password::new(password);
    let (strength, problem) = state.run(move |vault| vault.judge_password(&username, role, &password)).await;
    let advice = |text: &str| super::i18n::password_text(language, text);
    Json(StrengthAnswer {
        score: strength.score,
        acceptable: problem.is_none(),
        problem: problem.map(|problem| advice(&problem.to_string())),
        warning: strength.warning.map(|warning| advice(&warning)),
        suggestions: strength.suggestions.iter().map(|suggestion| advice(suggestion)).collect(),
    })
}

/// The live meter while a signed-in person types a new password (JSON; CSRF token in a header).
async fn strength(
    State(state): State<Arc<ServerState>>,
    session: Session,
    headers: HeaderMap,
    Json(request): Json<StrengthRequest>,
) -> Result<Json<StrengthAnswer>, PageError> {
    session.check_csrf(&state, &csrf_header(&headers))?;
    past_second_factor(&session)?;
    let (username, role) = (session.signed_in.username().to_owned(), session.signed_in.role());
    Ok(judge(&state, session.signed_in.language(), username, Some(role), &request.password).await)
}

/// The live meter on the first-sign-in page, before there is a session.
async fn enrol_strength(
    State(state): State<Arc<ServerState>>,
    headers: HeaderMap,
    Json(request): Json<StrengthRequest>,
) -> Result<Json<StrengthAnswer>, PageError> {
    let pre = cookie(&headers, PRE_COOKIE).ok_or(PageError::Csrf)?;
    if !state.csrf_valid(format!("pre:{}", pre.as_str()).as_bytes(), &csrf_header(&headers)) {
        return Err(PageError::Csrf);
    }
    Ok(judge(&state, super::language_of(None), request.username.clone(), None, &request.password).await)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

async fn sessions_page(State(state): State<Arc<ServerState>>, Ready(session): Ready) -> Result<Response, PageError> {
    let l = super::language_of(Some(&session));
    let token = session.token.clone();
    let sessions = state.run(move |vault| vault.my_sessions(&token)).await?;
    Ok(page(
        tr(l, T::Sessions),
        Some(&session),
        html! {
            h1 { (tr(l, T::WhereSignedIn)) }
            table {
                thead { tr { th { (tr(l, T::SignedInAt)) } th { (tr(l, T::LastSeen)) } th { (tr(l, T::From)) } th {} } }
                tbody {
                    @for other in &sessions {
                        tr {
                            td { (super::parts::moment(l, other.created_at)) }
                            td { (super::parts::moment(l, other.last_seen_at)) }
                            td { (other.client_addr.as_deref().unwrap_or("?")) }
                            td {
                                @if other.current { (tr(l, T::ThisOne)) } @else {
                                    form.inline method="post" action="/account/sessions/end" {
                                        (csrf_field(&session.csrf))
                                        input type="hidden" name="session" value=(hex(&other.id_hash));
                                        button type="submit" { (tr(l, T::SignOutThere)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
    .into_response())
}

#[derive(Deserialize)]
struct EndSessionForm {
    #[serde(default)]
    session: String,
    #[serde(default)]
    csrf: String,
}

async fn end_session(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Form(form): Form<EndSessionForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    let mut id_hash = [0u8; 32];
    let hex = form.session.as_bytes();
    let bytes: Option<Vec<u8>> = (hex.len() == 64 && hex.iter().all(u8::is_ascii_hexdigit))
        .then(|| hex.chunks(2).map(|pair| std::str::from_utf8(pair).ok().and_then(|pair| u8::from_str_radix(pair, 16).ok())).collect())
        .flatten();
    id_hash.copy_from_slice(&bytes.ok_or(PageError::NotFound)?);
    let (token, client) = (session.token.clone(), session.client.clone());
    state.run(move |vault| vault.end_my_session(&token, &id_hash, &client)).await?;
    Ok(Redirect::to("/account/sessions").into_response())
}

#[derive(Deserialize)]
struct NextQuery {
    next: Option<String>,
}

fn step_up_form(session: &Session, next: &str, error: Option<&str>) -> Markup {
    let l = super::language_of(Some(session));
    html! {
        h1 { (tr(l, T::ConfirmItIsYou)) }
        p { (tr(l, T::StepUpHint)) }
        (form_error(error))
        form method="post" action="/account/step-up" {
            (csrf_field(&session.csrf))
            input type="hidden" name="next" value=(next);
            label for="password" { (tr(l, T::PasswordLabel)) }
            input #password type="password" name="password" autocomplete="current-password" required autofocus;
            button type="submit" { (tr(l, T::Confirm)) }
        }
    }
}

async fn step_up_page(Ready(session): Ready, Query(query): Query<NextQuery>) -> Response {
    let l = super::language_of(Some(&session));
    let next = local_path(query.next.as_deref()).to_owned();
    page(tr(l, T::Confirm), Some(&session), step_up_form(&session, &next, None)).into_response()
}

#[derive(Deserialize)]
struct StepUpForm {
    #[serde(default)]
    password: Zeroizing<String>,
    next: Option<String>,
    #[serde(default)]
    csrf: String,
}

async fn step_up(State(state): State<Arc<ServerState>>, session: Session, Form(form): Form<StepUpForm>) -> Result<Response, PageError> {
    let l = super::language_of(Some(&session));
    session.check_csrf(&state, &form.csrf)?;
    if session.signed_in.stage() != SessionStage::Ready {
        return Ok(Redirect::to(stage_page(session.signed_in.stage())).into_response());
    }
    let next = local_path(form.next.as_deref()).to_owned();
    let (token, client, password) = (session.token.clone(), session.client.clone(), Password::new(&form.password));
    match state.run_hashing(move |vault| vault.step_up(&token, &password, &client)).await? {
        Ok(()) => Ok(Redirect::to(&next).into_response()),
        Err(error @ AppError::WrongPassword) => Ok((
            StatusCode::UNAUTHORIZED,
            page(tr(l, T::Confirm), Some(&session), step_up_form(&session, &next, Some(&super::app_message(l, &error)))),
        )
            .into_response()),
        Err(other) => Err(other.into()),
    }
}
