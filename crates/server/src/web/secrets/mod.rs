//! The shop's password vault (`/secrets`), for everyone it shares passwords with: the entries
//! shared with the person, what each lets them do and what should be changed; a copy button
//! that puts a password on the clipboard without showing it (the script fetches it as JSON with
//! the CSRF token in a header), a show button for those who may see it, and for those who add or
//! manage entries the forms to add, change and remove one. Every password shown or copied is
//! recorded by the vault against its entry.

mod import;
mod words;

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Json, Redirect, Response};
use axum::routing::{get, post};
use maud::{Markup, html};
use serde::Deserialize;
use strongroom_app::AppError;
use strongroom_app::secrets::{NewSecret, Reveal, SecretChange, SecretEntry, generate_passphrase, generate_password};
use strongroom_domain::{DomainError, Language, Permission, Role, SecretInfo, SecretText, Share, ShareLevel, Sharee, parse_totp_secret};
use uuid::Uuid;

use self::words::{SHARE_ROLES, flag_text, level_name};
pub(crate) use self::words::{Z, z};
use super::form::Form;
use super::parts::{day, today};
use super::{PageError, Ready, Session, csrf_field, page};
use crate::ServerState;

pub fn routes() -> Router<Arc<ServerState>> {
    Router::new()
        .route("/secrets", get(list_page).post(add))
        .route("/secrets/{id}", get(edit_page).post(save))
        .route("/secrets/{id}/remove", post(remove))
        .route("/secrets/{id}/show", post(show))
        .route("/secrets/{id}/copy", post(copy))
        .route("/secrets/left/{name}", get(left_page))
        .merge(import::routes())
}

fn may_use(session: &Session) -> Result<(), PageError> {
    super::allowed_to(session, Permission::SecretUse, z(session.signed_in.language(), Z::OnlyShared))
}

fn entry_id(text: &str) -> Result<Uuid, PageError> {
    Uuid::parse_str(text).map_err(|_| PageError::NotFound)
}

/// The add and change form, as typed.
#[derive(Deserialize, Default)]
struct SecretForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    url: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    totp: String,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    share_manager: String,
    #[serde(default)]
    share_sales: String,
    #[serde(default)]
    share_workshop: String,
    #[serde(default)]
    share_privacy_officer: String,
    #[serde(default)]
    people: String,
    #[serde(default)]
    read_at: String,
}

impl SecretForm {
    fn of(entry: &SecretEntry) -> SecretForm {
        let level = |role: Role| {
            entry
                .info
                .shares
                .iter()
                .find(|share| share.with == Sharee::Role(role))
                .map_or(String::new(), |share| share.level.as_str().to_owned())
        };
        let people: Vec<String> = entry
            .info
            .shares
            .iter()
            .filter_map(|share| match &share.with {
                Sharee::Person(name) => Some(format!("{}={}", name.as_str(), share.level.as_str())),
                Sharee::Role(_) => None,
            })
            .collect();
        SecretForm {
            name: entry.info.name.to_string(),
            url: entry.info.url.clone().unwrap_or_default(),
            username: entry.info.username.clone(),
            notes: entry.info.notes.as_ref().map(ToString::to_string).unwrap_or_default(),
            share_manager: level(Role::Manager),
            share_sales: level(Role::Sales),
            share_workshop: level(Role::Workshop),
            share_privacy_officer: level(Role::PrivacyOfficer),
            people: people.join("\n"),
            read_at: entry.updated_at.to_string(),
            ..SecretForm::default()
        }
    }

    fn role_level(&self, role: Role) -> &str {
        match role {
            Role::Manager => &self.share_manager,
            Role::Sales => &self.share_sales,
            Role::Workshop => &self.share_workshop,
            _ => &self.share_privacy_officer,
        }
    }

    /// The entry's words and shares, every problem named.
    fn info(&self) -> Result<SecretInfo, Vec<DomainError>> {
        let mut problems = Vec::new();
        let mut shares = Vec::new();
        for role in SHARE_ROLES {
            match self.role_level(role).trim() {
                "" => {}
                level => match ShareLevel::parse(level) {
                    Ok(level) => shares.push(Share { with: Sharee::Role(role), level }),
                    Err(problem) => problems.push(problem),
                },
            }
        }
        for line in self.people.lines().map(str::trim).filter(|line| !line.is_empty()) {
            match Share::parse(&format!("person:{line}")) {
                Ok(share) => shares.push(share),
                Err(problem) => problems.push(problem),
            }
        }
        match SecretInfo::parse(&self.name, &self.url, &self.username, &self.notes, shares) {
            Ok(info) if problems.is_empty() => Ok(info),
            Ok(_) => Err(problems),
            Err(problem) => {
                problems.push(problem);
                Err(problems)
            }
        }
    }

    fn totp(&self) -> Result<Option<zeroize::Zeroizing<Vec<u8>>>, DomainError> {
        if self.totp.trim().is_empty() { Ok(None) } else { parse_totp_secret(&self.totp).map(|bytes| Some(zeroize::Zeroizing::new(bytes))) }
    }
}

fn problems_text(language: Language, problems: &[DomainError]) -> String {
    problems
        .iter()
        .map(|problem| match problem {
            DomainError::Invalid { field, reason } => format!("{field}: {}", super::i18n::reason(language, reason)),
            other => other.to_string(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn entry_row(language: Language, session: &Session, entry: &SecretEntry) -> Markup {
    html! {
        tr class=(if entry.flags.is_empty() { "ok" } else { "attention" }) {
            td {
                strong { (entry.info.name) }
                @if let Some(url) = &entry.info.url { br; a href=(url) rel="noopener noreferrer" target="_blank" { (url) } }
            }
            td { (entry.info.username) }
            td { (level_name(language, entry.level)) }
            td { (day(language, entry.changed_on)) }
            td { @for flag in &entry.flags { (flag_text(language, flag)) br; } }
            td {
                button.copy type="button" data-copy={ "/secrets/" (entry.id) "/copy" } data-csrf=(session.csrf) data-done=(z(language, Z::Copied))
                    data-failed=(z(language, Z::NeedsScript)) { (z(language, Z::Copy)) }
                @if entry.level >= ShareLevel::View {
                    form.inline method="post" action={ "/secrets/" (entry.id) "/show" } {
                        (csrf_field(&session.csrf))
                        button.secondary type="submit" { (z(language, Z::Show)) }
                    }
                }
                @if entry.level == ShareLevel::Manage { " " a href={ "/secrets/" (entry.id) } { (z(language, Z::Edit)) } }
                span.copied role="status" {}
            }
        }
    }
}

/// The fields of the add and change forms.
fn fields(language: Language, form: &SecretForm, adding: bool) -> Markup {
    let suggestion = generate_password(20, true).map(|password| password.to_string()).unwrap_or_default();
    let phrase = generate_passphrase(6).map(|phrase| phrase.to_string()).unwrap_or_default();
    html! {
        label for="name" { (z(language, Z::Name)) }
        input id="name" name="name" type="text" required value=(form.name);
        label for="url" { (z(language, Z::Address)) }
        input id="url" name="url" type="url" placeholder="https://" value=(form.url);
        label for="username" { (z(language, Z::Username)) }
        input id="username" name="username" type="text" autocomplete="off" value=(form.username);
        label for="password" { (z(language, if adding { Z::Password } else { Z::KeepPassword })) }
        input id="password" name="password" type="password" autocomplete="new-password" required[adding];
        p.muted { (z(language, Z::Suggestion)) " " code { (suggestion) } " " (z(language, Z::OrPassphrase)) " " code { (phrase) } }
        label for="totp" { (z(language, Z::Totp)) }
        input id="totp" name="totp" type="password" autocomplete="off";
        label for="notes" { (z(language, Z::Notes)) }
        textarea id="notes" name="notes" rows="2" { (form.notes) }
        fieldset {
            legend { (z(language, Z::SharesTitle)) }
            p.muted { (z(language, Z::SharesHint)) }
            @for role in SHARE_ROLES {
                @let name = format!("share_{}", role.as_str());
                label for=(name) { (super::parts::role_name(language, role)) }
                select id=(name) name=(name) {
                    option value="" selected[form.role_level(role).is_empty()] { (z(language, Z::NotShared)) }
                    @for level in ShareLevel::ALL {
                        option value=(level.as_str()) selected[form.role_level(role) == level.as_str()] { (level_name(language, level)) }
                    }
                }
            }
            label for="people" { (z(language, Z::People)) }
            p.muted { (z(language, Z::PeopleHint)) }
            textarea id="people" name="people" rows="2" { (form.people) }
        }
    }
}

/// What the page says after an import.
#[derive(Deserialize, Default)]
struct ImportedNotice {
    imported: Option<usize>,
    left: Option<usize>,
}

async fn list_page(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    axum::extract::Query(notice): axum::extract::Query<ImportedNotice>,
) -> Result<Response, PageError> {
    may_use(&session)?;
    let language = session.signed_in.language();
    let fill = super::parts::fill;
    let report = notice.imported.map(|imported| {
        html! {
            p.notice role="status" {
                (fill(z(language, Z::Imported), &[&imported.to_string()]))
                @if let Some(left) = notice.left.filter(|left| *left > 0) { " " (fill(z(language, Z::LeftOut), &[&left.to_string()])) }
            }
        }
    });
    match report {
        Some(report) => render(&state, &session, &SecretForm::default(), None, Some(report)).await.map(|mut response| {
            *response.status_mut() = axum::http::StatusCode::OK;
            response
        }),
        None => render_list(&state, &session, &SecretForm::default(), None).await,
    }
}

/// The list with a report above the import form (an import refused row by row).
async fn render_list_with(state: &Arc<ServerState>, session: &Session, report: Option<Markup>) -> Result<Response, PageError> {
    render(state, session, &SecretForm::default(), None, report).await
}

async fn render_list(
    state: &Arc<ServerState>,
    session: &Session,
    form: &SecretForm,
    problem: Option<String>,
) -> Result<Response, PageError> {
    render(state, session, form, problem, None).await
}

async fn render(
    state: &Arc<ServerState>,
    session: &Session,
    form: &SecretForm,
    problem: Option<String>,
    report: Option<Markup>,
) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    let actor = session.signed_in.actor()?.clone();
    let entries = state.run(move |vault| vault.secrets(&actor, today())).await?;
    let adds = session.signed_in.role().allows(Permission::SecretManage);
    let content = html! {
        h1 { (z(language, Z::Title)) }
        p.muted { (z(language, Z::Intro)) }
        @if entries.is_empty() { p { (z(language, Z::NoEntries)) } }
        @else {
            table.secrets {
                thead { tr {
                    th { (z(language, Z::Name)) } th { (z(language, Z::Username)) } th { (z(language, Z::Access)) }
                    th { (z(language, Z::Changed)) } th { (z(language, Z::Flags)) } th {}
                } }
                tbody { @for entry in &entries { (entry_row(language, session, entry)) } }
            }
        }
        @if adds {
            h2 id="add" { (z(language, Z::AddTitle)) }
            @if let Some(problem) = &problem { p.error role="alert" { (problem) } }
            form method="post" action="/secrets" {
                (csrf_field(&session.csrf))
                (fields(language, form, true))
                button type="submit" { (z(language, Z::Add)) }
            }
            @if let Some(report) = &report { (report) }
            (import::form(language, session))
        }
        @if session.signed_in.role().allows(Permission::SettingsManage) { (import::export_form(language, session)) }
    };
    let mut response = page(z(language, Z::Title), Some(session), content).into_response();
    if problem.is_some() || report.is_some() {
        *response.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(response)
}

async fn add(State(state): State<Arc<ServerState>>, Ready(session): Ready, Form(form): Form<SecretForm>) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    let language = session.signed_in.language();
    super::allowed_to(&session, Permission::SecretManage, z(language, Z::OnlyShared))?;
    let checked = form.info().and_then(|info| {
        let password = SecretText::parse("password", &form.password).map_err(|problem| vec![problem])?;
        let totp = form.totp().map_err(|problem| vec![problem])?;
        Ok(NewSecret { info, password, totp })
    });
    let new = match checked {
        Ok(new) => new,
        Err(problems) => return render_list(&state, &session, &form, Some(problems_text(language, &problems))).await,
    };
    let actor = session.signed_in.actor()?.clone();
    match state.run(move |vault| vault.add_secret(&actor, new, today())).await {
        Ok(_) => Ok(Redirect::to("/secrets").into_response()),
        Err(AppError::Conflict(why)) => render_list(&state, &session, &form, Some(super::i18n::reason(language, &why).into_owned())).await,
        Err(other) => Err(other.into()),
    }
}

/// The entry `id` as `session` sees it, if it is shared with them.
async fn entry_for(state: &Arc<ServerState>, session: &Session, id: Uuid) -> Result<SecretEntry, PageError> {
    let actor = session.signed_in.actor()?.clone();
    let entries = state.run(move |vault| vault.secrets(&actor, today())).await?;
    entries.into_iter().find(|entry| entry.id == id).ok_or(PageError::NotFound)
}

async fn edit_page(State(state): State<Arc<ServerState>>, Ready(session): Ready, Path(id): Path<String>) -> Result<Response, PageError> {
    may_use(&session)?;
    let entry = entry_for(&state, &session, entry_id(&id)?).await?;
    // The page holds the notes and the shares: for those who manage the entry only.
    if entry.level != ShareLevel::Manage {
        return Err(PageError::NotFound);
    }
    // The owner sees who took the password out, below the form.
    let below = if session.signed_in.role().allows(Permission::SettingsManage) {
        let actor = session.signed_in.actor()?.clone();
        let id = entry.id;
        let looks = state.run(move |vault| vault.secret_looks(&actor, id)).await?;
        Some(looks_table(session.signed_in.language(), &looks))
    } else {
        None
    };
    Ok(render_edit_with(&session, &entry, &SecretForm::of(&entry), None, below))
}

fn looks_table(language: Language, looks: &[strongroom_app::secrets::SecretLook]) -> Markup {
    html! {
        h2 { (z(language, Z::LooksTitle)) }
        @if looks.is_empty() { p { (z(language, Z::NoLooks)) } }
        @else {
            table {
                thead { tr { th { (z(language, Z::When)) } th { (z(language, Z::Who)) } th { (z(language, Z::How)) } } }
                tbody {
                    @for look in looks {
                        tr class=(if look.allowed { "" } else { "problem" }) {
                            td { (super::parts::moment(language, look.at)) } td { (look.who) } td { (look_words(language, &look.how)) }
                        }
                    }
                }
            }
        }
    }
}

/// `shown`, `copied` or `needs view` in the person's words.
fn look_words(language: Language, how: &str) -> String {
    match (language, how) {
        (Language::Nl, "shown") => "getoond".into(),
        (Language::Nl, "copied") => "gekopieerd".into(),
        (Language::Nl, refused) => match refused.strip_prefix("needs ").and_then(|level| ShareLevel::parse(level).ok()) {
            Some(level) => format!("geweigerd: mag niet {}", level_name(language, level)),
            None => refused.to_owned(),
        },
        (Language::En, refused) => match refused.strip_prefix("needs ").and_then(|level| ShareLevel::parse(level).ok()) {
            Some(level) => format!("refused: may not {}", level_name(language, level)),
            None => refused.to_owned(),
        },
    }
}

fn render_edit(session: &Session, entry: &SecretEntry, form: &SecretForm, problem: Option<String>) -> Response {
    render_edit_with(session, entry, form, problem, None)
}

fn render_edit_with(session: &Session, entry: &SecretEntry, form: &SecretForm, problem: Option<String>, below: Option<Markup>) -> Response {
    let language = session.signed_in.language();
    let content = html! {
        h1 { (z(language, Z::EditTitle)) ": " (entry.info.name) }
        @if let Some(problem) = &problem { p.error role="alert" { (problem) } }
        form method="post" action={ "/secrets/" (entry.id) } {
            (csrf_field(&session.csrf))
            input type="hidden" name="read_at" value=(form.read_at);
            (fields(language, form, false))
            button type="submit" { (z(language, Z::Save)) }
        }
        form method="post" action={ "/secrets/" (entry.id) "/remove" } {
            (csrf_field(&session.csrf))
            input type="hidden" name="read_at" value=(form.read_at);
            button.danger type="submit" { (z(language, Z::Remove)) }
        }
        @if let Some(below) = below { (below) }
        p { a href="/secrets" { (z(language, Z::Back)) } }
    };
    let mut response = page(z(language, Z::EditTitle), Some(session), content).into_response();
    if problem.is_some() {
        *response.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    response
}

async fn save(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    Form(form): Form<SecretForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    may_use(&session)?;
    let id = entry_id(&id)?;
    let language = session.signed_in.language();
    let entry = entry_for(&state, &session, id).await?;
    let read_at: i64 = form.read_at.parse().map_err(|_| PageError::BadRequest("the form was not read from this page".into()))?;
    let checked = form.info().and_then(|info| {
        let password = match form.password.as_str() {
            "" => None,
            typed => Some(SecretText::parse("password", typed).map_err(|problem| vec![problem])?),
        };
        let totp = form.totp().map_err(|problem| vec![problem])?.map(Some);
        Ok(SecretChange { info, password, totp })
    });
    let change = match checked {
        Ok(change) => change,
        Err(problems) => return Ok(render_edit(&session, &entry, &form, Some(problems_text(language, &problems)))),
    };
    let actor = session.signed_in.actor()?.clone();
    match state.run(move |vault| vault.update_secret(&actor, id, change, read_at, today())).await {
        Ok(()) => Ok(Redirect::to("/secrets").into_response()),
        Err(AppError::Conflict(why)) => Ok(render_edit(&session, &entry, &form, Some(super::i18n::reason(language, &why).into_owned()))),
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
    may_use(&session)?;
    let id = entry_id(&id)?;
    let read_at = form.read_at()?;
    let actor = session.signed_in.actor()?.clone();
    state.run(move |vault| vault.delete_secret(&actor, id, Some(read_at))).await?;
    Ok(Redirect::to("/secrets").into_response())
}

/// Shows one password (to those who may see it), recorded.
async fn show(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    Form(form): Form<super::CsrfOnly>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    may_use(&session)?;
    let id = entry_id(&id)?;
    let language = session.signed_in.language();
    let actor = session.signed_in.actor()?.clone();
    let revealed = match state.run(move |vault| vault.reveal_secret(&actor, id, Reveal::Show)).await {
        Err(AppError::StepUpRequired) => return Err(PageError::StepUp("/secrets".into())),
        other => other?,
    };
    let content = html! {
        h1 { (z(language, Z::ShownTitle)) }
        p { code.secret { (*revealed.password) } }
        @if let Some(code) = &revealed.totp_code { p { (z(language, Z::TotpCode)) ": " code { (code) } } }
        p.muted { (z(language, Z::ShownNote)) }
        p { a href="/secrets" { (z(language, Z::Back)) } }
    };
    Ok(page(z(language, Z::ShownTitle), Some(&session), content).into_response())
}

/// A password for the copy button's script (the CSRF token in `X-CSRF-Token`), never shown;
/// recorded as copied.
async fn copy(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let token = headers.get("x-csrf-token").and_then(|value| value.to_str().ok()).unwrap_or_default();
    session.check_csrf(&state, token)?;
    may_use(&session)?;
    let id = entry_id(&id)?;
    let actor = session.signed_in.actor()?.clone();
    let revealed = state.run(move |vault| vault.reveal_secret(&actor, id, Reveal::Copy)).await?;
    Ok(Json(serde_json::json!({ "password": *revealed.password, "totp_code": revealed.totp_code })).into_response())
}

/// What to change when someone has left: the entries shared with them or seen by them (the
/// owner's page, where disabling an account leads).
async fn left_page(State(state): State<Arc<ServerState>>, Ready(session): Ready, Path(name): Path<String>) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    super::allowed_to(&session, Permission::SettingsManage, z(language, Z::OnlyShared))?;
    let name = strongroom_domain::StaffName::parse(&name).map_err(|_| PageError::NotFound)?;
    let actor = session.signed_in.actor()?.clone();
    let person = name.as_str().to_owned();
    let entries = state.run(move |vault| vault.secrets_of_person(&actor, &person, today())).await?;
    let fill = super::parts::fill;
    let title = fill(z(language, Z::LeftTitle), &[name.as_str()]);
    let content = html! {
        h1 { (title) }
        @if entries.is_empty() { p { (fill(z(language, Z::LeftNone), &[name.as_str()])) } }
        @else {
            p { (fill(z(language, Z::LeftIntro), &[name.as_str()])) }
            ul { @for entry in &entries { li { a href={ "/secrets/" (entry.id) } { (entry.info.name) } @if !entry.info.username.is_empty() { " · " (entry.info.username) } } } }
        }
        p { a href="/staff" { (z(language, Z::BackToStaff)) } }
    };
    Ok(page(&title, Some(&session), content).into_response())
}
