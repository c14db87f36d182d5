//! `strongroom backup settings`: where backups go, when `serve` makes the day's, and how many
//! each folder keeps, as the owner's backup page shows and changes them.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use strongroom_app::{BackupSettingsView, SettingsFrom, Vault};
use strongroom_domain::{Actor, BackupSettings, Retention, TimeOfDay};

use crate::output;

#[derive(Debug, Args)]
pub struct SettingsArgs {
    /// Add a backup folder (an absolute path: a USB disk, a NAS share, a cloud-synced folder).
    #[arg(long, value_name = "DIR")]
    add: Vec<String>,
    /// Stop backing up to a folder (its backups stay where they are).
    #[arg(long, value_name = "DIR")]
    remove: Vec<PathBuf>,
    /// When `serve` makes the day's backup, in the shop's time: HH:MM.
    #[arg(long, value_name = "HH:MM")]
    time: Option<String>,
    /// How many days' newest backups each folder keeps (1 or more).
    #[arg(long)]
    keep_daily: Option<u32>,
    /// How many weeks' newest backups each folder keeps.
    #[arg(long)]
    keep_weekly: Option<u32>,
    /// How many months' newest backups each folder keeps.
    #[arg(long)]
    keep_monthly: Option<u32>,
    #[arg(long)]
    json: bool,
}

impl SettingsArgs {
    fn changes_anything(&self) -> bool {
        !self.add.is_empty()
            || !self.remove.is_empty()
            || self.time.is_some()
            || self.keep_daily.is_some()
            || self.keep_weekly.is_some()
            || self.keep_monthly.is_some()
    }

    /// The settings in force with this command's changes applied, checked as the page checks them.
    fn applied_to(&self, current: &BackupSettings) -> Result<BackupSettings> {
        for gone in &self.remove {
            anyhow::ensure!(
                current.folders.iter().any(|folder| folder == gone),
                "{} is not a backup folder; the folders are: {}",
                gone.display(),
                shown_folders(current)
            );
        }
        let kept = current.folders.iter().filter(|folder| !self.remove.contains(folder)).map(|folder| folder.display().to_string());
        let folders: Vec<String> = kept.chain(self.add.iter().cloned()).collect();
        let time = match &self.time {
            Some(text) => TimeOfDay::parse("time", text)?,
            None => current.time,
        };
        let keep = Retention::new(
            self.keep_daily.unwrap_or(current.keep.daily),
            self.keep_weekly.unwrap_or(current.keep.weekly),
            self.keep_monthly.unwrap_or(current.keep.monthly),
        )?;
        let folders: Vec<&str> = folders.iter().map(String::as_str).collect();
        Ok(BackupSettings::new(&folders, time, keep)?)
    }
}

fn shown_folders(settings: &BackupSettings) -> String {
    if settings.folders.is_empty() {
        return "none yet".into();
    }
    settings.folders.iter().map(|folder| folder.display().to_string()).collect::<Vec<_>>().join(", ")
}

/// Shows the settings in force or, given changes, saves them in the vault (recorded).
pub fn run(vault: &Vault, args: &SettingsArgs, actor: &Actor) -> Result<()> {
    let mut view = vault.backup_settings(actor)?;
    if args.changes_anything() {
        let changed = args.applied_to(&view.settings)?;
        vault.set_backup_settings(actor, changed)?;
        view = vault.backup_settings(actor)?;
    }
    let warnings = warnings(&vault.backup_health(actor)?);
    if args.json {
        return output::json(&settings_json(&view, &warnings));
    }
    let settings = &view.settings;
    println!("folders: {}", shown_folders(settings));
    println!("daily backup at: {} (shop time)", settings.time);
    println!("each folder keeps: {} daily, {} weekly, {} monthly", settings.keep.daily, settings.keep.weekly, settings.keep.monthly);
    match view.from {
        SettingsFrom::Vault { updated_at } => println!("saved in the vault: {}", output::rfc3339(updated_at)),
        SettingsFrom::ConfigFile => println!("from [backup] in strongroom.toml (saving a change keeps them in the vault instead)"),
        SettingsFrom::Defaults => println!("no backup folder yet: add one with --add DIR"),
    }
    for warning in &warnings {
        eprintln!("warning: {warning}");
    }
    Ok(())
}

fn settings_json(view: &BackupSettingsView, warnings: &[String]) -> serde_json::Value {
    let settings = &view.settings;
    let (from, updated_at) = match view.from {
        SettingsFrom::Vault { updated_at } => ("vault", Some(output::rfc3339(updated_at))),
        SettingsFrom::ConfigFile => ("config_file", None),
        SettingsFrom::Defaults => ("defaults", None),
    };
    serde_json::json!({
        "folders": settings.folders,
        "time": settings.time.to_string(),
        "keep": { "daily": settings.keep.daily, "weekly": settings.keep.weekly, "monthly": settings.keep.monthly },
        "from": from,
        "updated_at": updated_at,
        "warnings": warnings,
    })
}

/// A folder that is not there now (a USB disk not plugged in), does not answer (a NAS that
/// hangs), or is on the data's own disk: as the backup page finds them.
fn warnings(health: &strongroom_app::BackupHealth) -> Vec<String> {
    health
        .folders
        .iter()
        .filter_map(|folder| {
            let shown = folder.dir.display();
            if !folder.answering {
                Some(format!("{shown} does not answer (a network drive that hangs?)"))
            } else if !folder.present {
                Some(format!("{shown} is not there now: plug in the disk, or create the folder, before the next backup"))
            } else if folder.same_disk {
                Some(format!(
                    "{shown} is on the same disk as the data: a dead disk or ransomware takes both; keep a copy on another disk or machine"
                ))
            } else {
                None
            }
        })
        .collect()
}
