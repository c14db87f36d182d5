//! The owner's backup settings page (`/backups/settings`): the folders every backup goes to,
//! the time of the day's backup, and how many backups each folder keeps, with what keeping
//! costs. Kept in the vault (`strongroom backup settings` shows and changes the same). Its
//! words are in this file's own catalogue, English and Dutch, each an exhaustive `match`.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use maud::{Markup, html};
use serde::Deserialize;
use strongroom_app::{AppError, BackupHealth, BackupSettingsView, SettingsFrom};
use strongroom_domain::{BackupSettings, DomainError, Language, MAX_BACKUP_FOLDERS, Permission, Retention, TimeOfDay};

use super::parts::{FieldErrors, Submitted, moment};
use super::{Form, PageError, Ready, Session, csrf_field, form_error, page};
use crate::ServerState;

pub fn routes() -> Router<Arc<ServerState>> {
    Router::new().route("/backups/settings", get(settings_page).post(save_settings))
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum B {
    Title,
    Intro,
    FromConfigFile,
    SavedAt,
    Folders,
    FoldersHint,
    Time,
    TimeHint,
    KeepDaily,
    KeepWeekly,
    KeepMonthly,
    KeepCost,
    StepUpHint,
    Save,
    Saved,
    NotThere,
    SameDisk,
    NotAnswering,
    Back,
}

fn b(language: Language, word: B) -> &'static str {
    match language {
        Language::En => en(word),
        Language::Nl => nl(word),
    }
}

fn en(word: B) -> &'static str {
    match word {
        B::Title => "Backup settings",
        B::Intro => {
            "Every backup goes to each folder below: a USB disk, a NAS share or a folder a cloud service synchronises. Best on another disk than the data, and one of them away from the shop."
        }
        B::FromConfigFile => {
            "These settings come from [backup] in strongroom.toml. Once you save them here they are kept in the vault, and strongroom.toml's are no longer read."
        }
        B::SavedAt => "Last saved:",
        B::Folders => "Backup folders, one per line",
        B::FoldersHint => {
            "A whole path, as in /media/usb-backup. A folder that is not there when a backup runs (the USB disk not plugged in) is reported, and the others still get their backup."
        }
        B::Time => "The daily backup at (shop time)",
        B::TimeHint => "A computer that is off then makes the day's backup as soon as Strongroom runs again.",
        B::KeepDaily => "Keep the newest backup of each of the last … days",
        B::KeepWeekly => "… weeks",
        B::KeepMonthly => "… months",
        B::KeepCost => {
            "Older backups are deleted after a good backup; only Strongroom's own files, never others. An erased customer stays in the older backups until they are deleted (a restore erases them again): with these numbers, for about {} days when a folder gets a backup every day; longer in a folder that gets one less often, and in a folder taken off this list, whose backups stay until you delete them. Keeping longer costs privacy; keeping fewer leaves fewer moments to go back to."
        }
        B::StepUpHint => "Saving asks for your password again: these settings decide where every copy of the shop's data goes.",
        B::Save => "Save",
        B::Saved => "The backup settings are saved.",
        B::NotThere => "is not there now: plug in the disk, or create the folder, before the next backup.",
        B::SameDisk => "is on the same disk as the data: a dead disk or ransomware takes both.",
        B::NotAnswering => "does not answer: a network drive that hangs?",
        B::Back => "Back to the backups",
    }
}

fn nl(word: B) -> &'static str {
    match word {
        B::Title => "Back-upinstellingen",
        B::Intro => {
            "Elke back-up gaat naar elke map hieronder: een USB-schijf, een NAS-share of een map die een clouddienst synchroniseert. Het liefst op een andere schijf dan de gegevens, en één ervan buiten de winkel."
        }
        B::FromConfigFile => {
            "Deze instellingen komen uit [backup] in strongroom.toml. Zodra u ze hier bewaart, staan ze in de kluis en wordt strongroom.toml daarvoor niet meer gelezen."
        }
        B::SavedAt => "Laatst bewaard:",
        B::Folders => "Back-upmappen, één per regel",
        B::FoldersHint => {
            "Een volledig pad, zoals /media/usb-backup. Een map die er bij een back-up niet is (de USB-schijf niet aangesloten) wordt gemeld; de andere krijgen hun back-up gewoon."
        }
        B::Time => "De dagelijkse back-up om (winkeltijd)",
        B::TimeHint => "Een computer die dan uit staat, maakt de back-up van de dag zodra Strongroom weer draait.",
        B::KeepDaily => "Bewaar de nieuwste back-up van elk van de laatste … dagen",
        B::KeepWeekly => "… weken",
        B::KeepMonthly => "… maanden",
        B::KeepCost => {
            "Oudere back-ups worden na een goede back-up gewist; alleen de eigen bestanden van Strongroom, nooit andere. Een gewiste klant blijft in de oudere back-ups tot die gewist zijn (bij terugzetten wordt hij opnieuw gewist): met deze getallen ongeveer {} dagen als een map elke dag een back-up krijgt; langer in een map die er minder vaak een krijgt, en in een map die van deze lijst af is, want die back-ups blijven staan tot u ze wist. Langer bewaren kost privacy; korter bewaren laat minder momenten om naar terug te gaan."
        }
        B::StepUpHint => {
            "Bij het bewaren vraagt Strongroom uw wachtwoord opnieuw: deze instellingen bepalen waar elke kopie van de gegevens van de winkel heen gaat."
        }
        B::Save => "Bewaren",
        B::Saved => "De back-upinstellingen zijn bewaard.",
        B::NotThere => "is er nu niet: sluit de schijf aan of maak de map vóór de volgende back-up.",
        B::SameDisk => "staat op dezelfde schijf als de gegevens: een kapotte schijf of ransomware neemt beide mee.",
        B::NotAnswering => "antwoordt niet: een netwerkschijf die hangt?",
        B::Back => "Terug naar de back-ups",
    }
}

#[derive(Deserialize, Default, Clone)]
struct SettingsForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    folders: String,
    #[serde(default)]
    time: String,
    #[serde(default)]
    keep_daily: String,
    #[serde(default)]
    keep_weekly: String,
    #[serde(default)]
    keep_monthly: String,
}

impl Submitted for SettingsForm {
    fn values(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("folders", self.folders.as_str()),
            ("time", self.time.as_str()),
            ("keep_daily", self.keep_daily.as_str()),
            ("keep_weekly", self.keep_weekly.as_str()),
            ("keep_monthly", self.keep_monthly.as_str()),
        ]
    }
}

impl SettingsForm {
    fn of(settings: &BackupSettings) -> SettingsForm {
        SettingsForm {
            folders: settings.folders.iter().map(|folder| folder.display().to_string()).collect::<Vec<_>>().join("\n"),
            time: settings.time.to_string(),
            keep_daily: settings.keep.daily.to_string(),
            keep_weekly: settings.keep.weekly.to_string(),
            keep_monthly: settings.keep.monthly.to_string(),
            ..SettingsForm::default()
        }
    }

    /// Every field's refusal at once, so the owner fixes them in one go.
    fn parse(&self) -> Result<BackupSettings, Vec<DomainError>> {
        let time = TimeOfDay::parse("time", &self.time);
        let keep = Retention::parse(&self.keep_daily, &self.keep_weekly, &self.keep_monthly);
        let folders: Vec<&str> = self.folders.lines().collect();
        let folders = BackupSettings::folders(&folders);
        match (folders, time, keep) {
            (Ok(folders), Ok(time), Ok(keep)) => Ok(BackupSettings { folders, time, keep }),
            (folders, time, keep) => Err([folders.err(), time.err(), keep.err()].into_iter().flatten().collect()),
        }
    }
}

fn require_backup_manager(session: &Session) -> Result<(), PageError> {
    if session.signed_in.role().allows(Permission::BackupManage) {
        Ok(())
    } else {
        Err(PageError::Denied(format!("{} may not change the backup settings", session.signed_in.role())))
    }
}

#[derive(Deserialize, Default)]
struct Notice {
    #[serde(default)]
    saved: Option<String>,
}

async fn settings_page(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Query(notice): Query<Notice>,
) -> Result<Response, PageError> {
    require_backup_manager(&session)?;
    render(&state, &session, None, &FieldErrors::default(), notice.saved.is_some()).await
}

async fn render(
    state: &Arc<ServerState>,
    session: &Session,
    form: Option<SettingsForm>,
    errors: &FieldErrors,
    saved: bool,
) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    let actor = session.signed_in.actor()?.clone();
    let (view, health) = state.run(move |vault| Ok::<_, AppError>((vault.backup_settings(&actor)?, vault.backup_health(&actor)?))).await?;
    let form = form.unwrap_or_else(|| SettingsForm::of(&view.settings));
    let content = settings_form(language, session, &view, &health, &form, errors, saved);
    Ok(page(b(language, B::Title), Some(session), content).into_response())
}

fn settings_form(
    language: Language,
    session: &Session,
    view: &BackupSettingsView,
    health: &BackupHealth,
    form: &SettingsForm,
    errors: &FieldErrors,
    saved: bool,
) -> Markup {
    let number = |name: &'static str, label: B, value: &str| {
        html! {
            label for=(name) { (b(language, label)) }
            @if let Some(error) = errors.get(name) { p.error id={ (name) "-error" } { (error) } }
            input type="number" id=(name) name=(name) min=(if name == "keep_daily" { "1" } else { "0" }) value=(errors.shown(name, value)) aria-invalid=[errors.get(name).map(|_| "true")];
        }
    };
    let shown_keep = form.parse().map(|settings| settings.keep).unwrap_or(view.settings.keep);
    html! {
        h1 { (b(language, B::Title)) }
        @if saved { p.notice role="status" { (b(language, B::Saved)) } }
        p.muted { (b(language, B::Intro)) }
        @match view.from {
            SettingsFrom::ConfigFile => p.attention { (b(language, B::FromConfigFile)) },
            SettingsFrom::Vault { updated_at } => p.muted { (b(language, B::SavedAt)) " " (moment(language, updated_at)) },
            SettingsFrom::Defaults => {},
        }
        (folder_warnings(language, health))
        form method="post" action="/backups/settings" {
            (csrf_field(&session.csrf))
            (form_error(errors.get("form")))
            label for="folders" { (b(language, B::Folders)) " (" (MAX_BACKUP_FOLDERS) " max.)" }
            p.muted { (b(language, B::FoldersHint)) }
            @if let Some(error) = errors.get("folders") { p.error id="folders-error" { (error) } }
            textarea id="folders" name="folders" rows="4" aria-invalid=[errors.get("folders").map(|_| "true")] { (form.folders) }
            label for="time" { (b(language, B::Time)) }
            p.muted { (b(language, B::TimeHint)) }
            @if let Some(error) = errors.get("time") { p.error id="time-error" { (error) } }
            input type="time" id="time" name="time" value=(form.time) aria-invalid=[errors.get("time").map(|_| "true")];
            (number("keep_daily", B::KeepDaily, &form.keep_daily))
            (number("keep_weekly", B::KeepWeekly, &form.keep_weekly))
            (number("keep_monthly", B::KeepMonthly, &form.keep_monthly))
            p.muted { (b(language, B::KeepCost).replace("{}", &shown_keep.longest_days().to_string())) }
            p.muted { (b(language, B::StepUpHint)) }
            button type="submit" { (b(language, B::Save)) }
        }
        p { a href="/backups" { (b(language, B::Back)) } }
    }
}

/// What is wrong with the folders in force right now: not there, on the data's disk, hanging.
fn folder_warnings(language: Language, health: &BackupHealth) -> Markup {
    html! {
        @for folder in &health.folders {
            @let problem = if !folder.answering { Some(B::NotAnswering) } else if !folder.present { Some(B::NotThere) } else if folder.same_disk { Some(B::SameDisk) } else { None };
            @if let Some(problem) = problem {
                p.warning { code { (folder.dir.display()) } " " (b(language, problem)) }
            }
        }
    }
}

async fn save_settings(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Form(form): Form<SettingsForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    require_backup_manager(&session)?;
    let language = session.signed_in.language();
    let settings = match form.parse() {
        Ok(settings) => settings,
        Err(errors) => {
            return render(&state, &session, Some(form.clone()), &FieldErrors::from_domain(language, &errors, &form), false).await;
        }
    };
    let actor = session.signed_in.actor()?.clone();
    match state.run(move |vault| vault.set_backup_settings(&actor, settings)).await {
        Ok(()) => Ok(Redirect::to("/backups/settings?saved=1").into_response()),
        Err(AppError::StepUpRequired) => Err(PageError::StepUp("/backups/settings".into())),
        Err(AppError::Conflict(why)) => {
            let errors = FieldErrors::from_domain(language, &[DomainError::invalid("folders", why)], &form);
            render(&state, &session, Some(form), &errors, false).await
        }
        Err(AppError::Invalid(error)) => {
            let errors = FieldErrors::from_domain(language, &[error], &form);
            render(&state, &session, Some(form), &errors, false).await
        }
        Err(other) => Err(other.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_refused_is_named_at_once() {
        let form = SettingsForm {
            folders: "/media/usb".into(),
            time: "25:00".into(),
            keep_daily: "0".into(),
            keep_weekly: "4".into(),
            keep_monthly: "12".into(),
            ..SettingsForm::default()
        };
        let fields: Vec<&str> = form.parse().unwrap_err().iter().map(DomainError::field).collect();
        assert_eq!(fields, ["time", "keep_daily"]);
        let all_wrong = SettingsForm { folders: "usb".into(), ..form.clone() };
        assert_eq!(all_wrong.parse().unwrap_err().iter().map(DomainError::field).collect::<Vec<_>>(), ["folders", "time", "keep_daily"]);
        let good = SettingsForm { time: "03:15".into(), keep_daily: "7".into(), ..form };
        assert_eq!(good.parse().unwrap().time, TimeOfDay { hour: 3, minute: 15 });
    }
}
