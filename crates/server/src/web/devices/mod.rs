//! The shop's devices (`/desk/devices`): every device with what is wrong with it, for the
//! owner and the external auditor; the owner adds one, changes one (only as it was read), removes
//! one, imports a CSV list and puts newer tables in use (`files.rs`, each file scanned by ClamAV
//! first). The words are in `words.rs`.

mod files;
mod words;

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::{Markup, html};
use serde::Deserialize;
use strongroom_app::AppError;
use strongroom_app::desk::{DeviceEntry, DeviceList};
use strongroom_domain::{Answer, Device, DeviceFlag, DeviceKind, DomainError, Language, Permission, Software};
use uuid::Uuid;

use self::words::{D, answer_name, d, filled, kind_name};
use super::form::Form;
use super::parts::{FieldErrors, Problems, Submitted, day, today};
use super::{PageError, Ready, Session, csrf_field, form_error, page};
use crate::ServerState;

pub fn routes() -> Router<Arc<ServerState>> {
    Router::new()
        .route("/desk/devices", get(list_page).post(add))
        .route("/desk/devices/{id}", get(edit_page).post(save))
        .route("/desk/devices/{id}/remove", post(remove))
        .merge(files::routes())
}

/// The page's title, for links to it.
pub fn title(language: Language) -> &'static str {
    d(language, D::Title)
}

/// The owner, and the external auditor, may look; only the owner changes.
fn may_read(session: &Session) -> Result<(), PageError> {
    crate::web::allowed_to(session, Permission::DeskRead, d(session.signed_in.language(), D::OnlyOwnerAndAuditor))
}

fn may_change(session: &Session) -> Result<(), PageError> {
    crate::web::allowed_to(session, Permission::SettingsManage, d(session.signed_in.language(), D::OnlyOwner))
}

/// A device's form as typed.
#[derive(Deserialize, Default, Clone)]
pub(super) struct DeviceForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    owner: String,
    #[serde(default)]
    os: String,
    #[serde(default)]
    os_version: String,
    #[serde(default)]
    disk_encryption: String,
    #[serde(default)]
    antivirus: String,
    #[serde(default)]
    firewall: String,
    #[serde(default)]
    automatic_updates: String,
    #[serde(default)]
    last_update: String,
    #[serde(default)]
    customer_data: Option<String>,
    #[serde(default)]
    programs: String,
    #[serde(default)]
    read_at: String,
}

impl Submitted for DeviceForm {
    fn values(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("name", self.name.as_str()),
            ("kind", self.kind.as_str()),
            ("owner", self.owner.as_str()),
            ("os", self.os.as_str()),
            ("os_version", self.os_version.as_str()),
            ("last_update", self.last_update.as_str()),
            ("programs", self.programs.as_str()),
        ]
    }
}

impl DeviceForm {
    fn of(device: &Device, read_at: i64) -> DeviceForm {
        DeviceForm {
            name: device.name.clone(),
            kind: device.kind.as_str().to_owned(),
            owner: device.owner.clone(),
            os: device.os.as_ref().map(|os| os.name.clone()).unwrap_or_default(),
            os_version: device.os.as_ref().map(|os| os.version.clone()).unwrap_or_default(),
            disk_encryption: device.disk_encryption.as_str().to_owned(),
            antivirus: device.antivirus.as_str().to_owned(),
            firewall: device.firewall.as_str().to_owned(),
            automatic_updates: device.automatic_updates.as_str().to_owned(),
            last_update: device.last_update.map(|day| day.to_string()).unwrap_or_default(),
            customer_data: device.customer_data.then(|| "on".to_owned()),
            programs: device
                .programs
                .iter()
                .map(
                    |program| {
                        if program.version.is_empty() { program.name.clone() } else { format!("{}@{}", program.name, program.version) }
                    },
                )
                .collect::<Vec<_>>()
                .join("\n"),
            read_at: read_at.to_string(),
            csrf: String::new(),
        }
    }

    /// Every field's problem at once.
    fn parse(&self) -> Result<Device, Vec<DomainError>> {
        let mut problems = Problems::default();
        let kind = problems.take(DeviceKind::parse("kind", &self.kind));
        let os = problems.take(match (self.os.trim(), self.os_version.trim()) {
            ("", "") => Ok(None),
            ("", _) => Err(DomainError::invalid("os", "a version needs the system's name")),
            (name, version) => Software::parse("os", name, version).map(Some),
        });
        let answer = |problems: &mut Problems, field: &'static str, text: &str| problems.take(Answer::parse(field, text));
        let disk_encryption = answer(&mut problems, "disk_encryption", &self.disk_encryption);
        let antivirus = answer(&mut problems, "antivirus", &self.antivirus);
        let firewall = answer(&mut problems, "firewall", &self.firewall);
        let automatic_updates = answer(&mut problems, "automatic_updates", &self.automatic_updates);
        let last_update =
            problems.take(super::parts::optional(&self.last_update, |text| strongroom_domain::parse_date("last_update", text)));
        let programs = problems.take(
            self.programs
                .lines()
                .filter(|line| !line.trim().is_empty())
                .map(|line| Software::parse_listed("programs", line))
                .collect::<Result<Vec<_>, _>>(),
        );
        let device = problems.finish(|| {
            Some(Device {
                name: self.name.clone(),
                kind: kind?,
                owner: self.owner.clone(),
                os: os?,
                disk_encryption: disk_encryption?,
                antivirus: antivirus?,
                firewall: firewall?,
                automatic_updates: automatic_updates?,
                last_update: last_update?,
                customer_data: self.customer_data.is_some(),
                programs: programs?,
            })
        })?;
        device.checked().map_err(|error| vec![error])
    }
}

/// A flag in the person's words.
fn flag_words(language: Language, flag: &DeviceFlag) -> String {
    match flag {
        DeviceFlag::EndOfLife { software, release, ended: Some(ended) } => {
            filled(language, D::FlagEndOfLife, &[software, release, &day(language, *ended)])
        }
        DeviceFlag::EndOfLife { software, release, ended: None } => filled(language, D::FlagEndOfLifeNoDate, &[software, release]),
        DeviceFlag::UpdatesOld { days } => filled(language, D::FlagUpdatesOld, &[&days.to_string()]),
        DeviceFlag::UpdatesUnknown => d(language, D::FlagUpdatesUnknown).to_owned(),
        DeviceFlag::CustomerDataUnencrypted { known: true } => d(language, D::FlagUnencrypted).to_owned(),
        DeviceFlag::CustomerDataUnencrypted { known: false } => d(language, D::FlagUnencryptedUnknown).to_owned(),
        DeviceFlag::Exploited { software, newest, count, ransomware } => {
            let mut text =
                filled(language, D::FlagExploited, &[software, &count.to_string(), &newest.cve, &newest.name, &day(language, newest.due)]);
            if *ransomware {
                text.push(' ');
                text.push_str(d(language, D::FlagRansomware));
            }
            text
        }
        DeviceFlag::NoAntivirus => d(language, D::FlagNoAntivirus).to_owned(),
        DeviceFlag::NoFirewall => d(language, D::FlagNoFirewall).to_owned(),
        DeviceFlag::NoAutomaticUpdates => d(language, D::FlagNoAutomaticUpdates).to_owned(),
    }
}

fn device_row(language: Language, entry: &DeviceEntry, editable: bool) -> Markup {
    let device = &entry.device;
    html! {
        tr {
            td {
                @if editable { a href={ "/desk/devices/" (entry.id) } { (device.name) } } @else { (device.name) }
                br; span.muted { (kind_name(language, device.kind)) @if !device.owner.is_empty() { " · " (device.owner) } }
            }
            td { (device.os.as_ref().map(Software::display).unwrap_or_default()) }
            td { (device.last_update.map(|when| day(language, when)).unwrap_or_else(|| d(language, D::NotRecorded).to_owned())) }
            td {
                @if entry.flags.is_empty() { (d(language, D::NothingFound)) }
                @else {
                    ul.flags { @for flag in &entry.flags { li class=(if flag.is_problem() { "problem" } else { "attention" }) { (flag_words(language, flag)) } } }
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

async fn list_page(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Query(notice): Query<Notice>,
) -> Result<Response, PageError> {
    may_read(&session)?;
    let notice = match notice.done.as_deref() {
        Some("added") => Some(D::Added),
        Some("saved") => Some(D::Saved),
        Some("removed") => Some(D::Removed),
        Some("imported") => Some(D::ImportedSome),
        Some("refreshed") => Some(D::TableInUse),
        _ => None,
    };
    render_list(
        &state,
        &session,
        notice.map(|word| d(session.signed_in.language(), word).to_owned()),
        &DeviceForm::default(),
        &FieldErrors::default(),
        None,
    )
    .await
}

/// The list, the add form (with `form` and its `errors`), the import form and the tables form;
/// `extra` is a report shown above them (an import's problems, a refreshed table).
pub(super) async fn render_list(
    state: &Arc<ServerState>,
    session: &Session,
    notice: Option<String>,
    form: &DeviceForm,
    errors: &FieldErrors,
    extra: Option<Markup>,
) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    let actor = session.signed_in.actor()?.clone();
    let list: DeviceList = state.run(move |vault| vault.devices(&actor, today())).await?;
    let editable = session.signed_in.role().allows(Permission::SettingsManage);
    let built_in = |yes: bool| if yes { format!(" {}", d(language, D::BuiltIn)) } else { String::new() };
    let judged = filled(
        language,
        D::JudgedBy,
        &[
            &format!("{}{}", day(language, list.eol_checked), built_in(list.eol_built_in)),
            &format!("{}{}", list.kev_version, built_in(list.kev_built_in)),
        ],
    );
    let content = html! {
        @if editable { p { a href="/desk/doctor" { (d(language, D::Doctor)) } } }
        h1 { (d(language, D::Title)) }
        @if let Some(notice) = notice { p.notice role="status" { (notice) } }
        @if let Some(extra) = extra { (extra) }
        p.muted { (d(language, D::Intro)) }
        p.muted { (judged) }
        @for note in &list.notes { p.warning { (crate::web::i18n::reason(language, note)) } }
        @if list.devices.is_empty() { p { (d(language, D::NoDevices)) } }
        @else {
            table.devices {
                thead { tr { th { (d(language, D::Device)) } th { (d(language, D::System)) } th { (d(language, D::LastUpdate)) } th { (d(language, D::WhatIsWrong)) } } }
                tbody { @for entry in &list.devices { (device_row(language, entry, editable)) } }
            }
        }
        @if editable {
            h2 { (d(language, D::AddTitle)) }
            (device_form(language, session, "/desk/devices", form, errors, D::Add))
            (files::forms(language, session))
        }
    };
    Ok(page(d(language, D::Title), Some(session), content).into_response())
}

/// A labelled choice (the desk's forms share it).
pub(crate) fn select(name: &'static str, label: &str, current: &str, options: &[(&str, String)]) -> Markup {
    html! {
        label for=(name) { (label) }
        select id=(name) name=(name) {
            @for (value, words) in options { option value=(value) selected[*value == current] { (words) } }
        }
    }
}

/// A labelled input with its error above it (the desk's forms share it).
pub(crate) fn text_input(name: &'static str, label: &str, value: &str, errors: &FieldErrors, kind: &str, required: bool) -> Markup {
    let error = errors.get(name);
    html! {
        label for=(name) { (label) }
        @if let Some(message) = error { p.error id={ (name) "-error" } role="alert" { (message) } }
        input type=(kind) id=(name) name=(name) value=(errors.shown(name, value)) required[required] aria-invalid=[error.map(|_| "true")];
    }
}

fn device_form(language: Language, session: &Session, action: &str, form: &DeviceForm, errors: &FieldErrors, button: D) -> Markup {
    let kinds: Vec<(&str, String)> = DeviceKind::ALL.iter().map(|kind| (kind.as_str(), kind_name(language, *kind).to_owned())).collect();
    let answers: Vec<(&str, String)> = [Answer::Unknown, Answer::Yes, Answer::No]
        .iter()
        .map(|answer| (answer.as_str(), answer_name(language, *answer).to_owned()))
        .collect();
    let answer = |name: &'static str, label: D, value: &str| {
        select(name, d(language, label), if value.is_empty() { "unknown" } else { value }, &answers)
    };
    html! {
        form method="post" action=(action) {
            (csrf_field(&session.csrf))
            input type="hidden" name="read_at" value=(form.read_at);
            (form_error(errors.get("form")))
            (text_input("name", d(language, D::Name), &form.name, errors, "text", true))
            @if let Some(message) = errors.get("kind") { p.error role="alert" { (message) } }
            (select("kind", d(language, D::Kind), &form.kind, &kinds))
            (text_input("owner", d(language, D::Owner), &form.owner, errors, "text", false))
            (text_input("os", d(language, D::Os), &form.os, errors, "text", false))
            (text_input("os_version", d(language, D::OsVersion), &form.os_version, errors, "text", false))
            (answer("disk_encryption", D::DiskEncryption, &form.disk_encryption))
            (answer("antivirus", D::Antivirus, &form.antivirus))
            (answer("firewall", D::Firewall, &form.firewall))
            (answer("automatic_updates", D::AutomaticUpdates, &form.automatic_updates))
            (text_input("last_update", d(language, D::LastUpdateDay), &form.last_update, errors, "date", false))
            label.check { input type="checkbox" name="customer_data" checked[form.customer_data.is_some()]; " " (d(language, D::CustomerData)) }
            label for="programs" { (d(language, D::Programs)) }
            p.muted { (d(language, D::ProgramsHint)) }
            @if let Some(message) = errors.get("programs") { p.error role="alert" { (message) } }
            textarea id="programs" name="programs" rows="4" aria-invalid=[errors.get("programs").map(|_| "true")] { (errors.shown("programs", &form.programs)) }
            button type="submit" { (d(language, button)) }
        }
    }
}

async fn add(State(state): State<Arc<ServerState>>, Ready(session): Ready, Form(form): Form<DeviceForm>) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    may_change(&session)?;
    let language = session.signed_in.language();
    let device = match form.parse() {
        Ok(device) => device,
        Err(problems) => {
            let errors = FieldErrors::from_domain(language, &problems, &form);
            return render_list(&state, &session, None, &form, &errors, None).await;
        }
    };
    let actor = session.signed_in.actor()?.clone();
    match state.run(move |vault| vault.add_device(&actor, device)).await {
        Ok(_) => Ok(Redirect::to("/desk/devices?done=added").into_response()),
        Err(AppError::Conflict(why)) => {
            let errors = FieldErrors::from_domain(language, &[DomainError::invalid("form", why)], &form);
            render_list(&state, &session, None, &form, &errors, None).await
        }
        Err(other) => Err(other.into()),
    }
}

fn device_id(text: &str) -> Result<Uuid, PageError> {
    Uuid::parse_str(text).map_err(|_| PageError::NotFound)
}

async fn edit_page(State(state): State<Arc<ServerState>>, Ready(session): Ready, Path(id): Path<String>) -> Result<Response, PageError> {
    may_change(&session)?;
    let id = device_id(&id)?;
    let actor = session.signed_in.actor()?.clone();
    let list = state.run(move |vault| vault.devices(&actor, today())).await?;
    let entry = list.devices.iter().find(|entry| entry.id == id).ok_or(PageError::NotFound)?;
    Ok(render_edit(&session, id, &DeviceForm::of(&entry.device, entry.updated_at), &FieldErrors::default()))
}

fn render_edit(session: &Session, id: Uuid, form: &DeviceForm, errors: &FieldErrors) -> Response {
    let language = session.signed_in.language();
    let content = html! {
        h1 { (d(language, D::EditTitle)) }
        (device_form(language, session, &format!("/desk/devices/{id}"), form, errors, D::Save))
        form method="post" action={ "/desk/devices/" (id) "/remove" } {
            (csrf_field(&session.csrf))
            input type="hidden" name="read_at" value=(form.read_at);
            button.danger type="submit" { (d(language, D::Remove)) }
        }
        p { a href="/desk/devices" { (d(language, D::Back)) } }
    };
    page(d(language, D::EditTitle), Some(session), content).into_response()
}

async fn save(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Path(id): Path<String>,
    Form(form): Form<DeviceForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    may_change(&session)?;
    let id = device_id(&id)?;
    let language = session.signed_in.language();
    let read_at: i64 = form.read_at.parse().map_err(|_| PageError::BadRequest("the form was not read from this page".into()))?;
    let device = match form.parse() {
        Ok(device) => device,
        Err(problems) => return Ok(render_edit(&session, id, &form, &FieldErrors::from_domain(language, &problems, &form))),
    };
    let actor = session.signed_in.actor()?.clone();
    match state.run(move |vault| vault.update_device(&actor, id, device, read_at)).await {
        Ok(()) => Ok(Redirect::to("/desk/devices?done=saved").into_response()),
        Err(AppError::Conflict(why)) => {
            Ok(render_edit(&session, id, &form, &FieldErrors::from_domain(language, &[DomainError::invalid("form", why)], &form)))
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
    let id = device_id(&id)?;
    let read_at = form.read_at()?;
    let actor = session.signed_in.actor()?.clone();
    state.run(move |vault| vault.delete_device(&actor, id, Some(read_at))).await?;
    Ok(Redirect::to("/desk/devices?done=removed").into_response())
}
