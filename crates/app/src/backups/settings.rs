//! The backup settings the owner keeps on the backup page (or with `strongroom backup
//! settings`): the folders, the day's backup time and the keeping. Kept in the vault as one
//! value sealed under the staff-secrets key, so they travel with its backups and a value
//! changed in the database without the key (keeping 1/0/0, to have every older backup deleted)
//! does not open; `[backup]` in strongroom.toml is read only until they are first saved.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use strongroom_domain::{Actor, AuditAction, BackupSettings, Outcome, Permission, Retention, TimeOfDay};
use strongroom_store::Tx;

use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, now_micros};

/// The name the settings are kept under in the vault.
const SETTING_NAME: &str = "backup";
/// What their seal is bound to.
const SEALED_NAME: &str = "backup_settings";

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

pub(crate) fn unhex(text: &str) -> Option<Vec<u8>> {
    text.len().is_multiple_of(2).then_some(())?;
    (0..text.len()).step_by(2).map(|at| u8::from_str_radix(text.get(at..at + 2)?, 16).ok()).collect()
}

/// Where the backup settings in force come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingsFrom {
    /// Saved on the backup page or with the CLI, at that moment.
    Vault { updated_at: time::OffsetDateTime },
    /// `[backup]` in strongroom.toml (nothing saved in the vault yet).
    ConfigFile,
    /// Nothing set anywhere: no folders, so no backups yet.
    Defaults,
}

/// The backup settings in force and where they come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupSettingsView {
    pub settings: BackupSettings,
    pub from: SettingsFrom,
}

/// The settings as the vault keeps them (read back through the domain's checks).
#[derive(Serialize, Deserialize)]
struct Stored {
    folders: Vec<String>,
    time: String,
    keep_daily: u32,
    keep_weekly: u32,
    keep_monthly: u32,
}

impl Stored {
    fn of(settings: &BackupSettings) -> Stored {
        Stored {
            folders: settings.folders.iter().map(|folder| folder.display().to_string()).collect(),
            time: settings.time.to_string(),
            keep_daily: settings.keep.daily,
            keep_weekly: settings.keep.weekly,
            keep_monthly: settings.keep.monthly,
        }
    }

    fn settings(&self) -> Result<BackupSettings, AppError> {
        let folders: Vec<&str> = self.folders.iter().map(String::as_str).collect();
        let keep = Retention::new(self.keep_daily, self.keep_weekly, self.keep_monthly)?;
        Ok(BackupSettings::new(&folders, TimeOfDay::parse("time", &self.time)?, keep)?)
    }
}

/// What changed, for the trail: the folders and keeping in full (paths, nothing personal).
fn describe(settings: &BackupSettings) -> String {
    let folders: Vec<String> = settings.folders.iter().map(|folder| folder.display().to_string()).collect();
    format!(
        "{} folder(s): {}; daily at {}; keeps {} daily, {} weekly, {} monthly",
        folders.len(),
        if folders.is_empty() { "none".to_owned() } else { folders.join(", ") },
        settings.time,
        settings.keep.daily,
        settings.keep.weekly,
        settings.keep.monthly
    )
}

impl Vault {
    /// The settings in force: saved in the vault, else strongroom.toml's, else none.
    pub(crate) fn settings_in(&self, tx: &mut dyn Tx) -> Result<BackupSettingsView, AppError> {
        if let Some((sealed, at)) = tx.setting(SETTING_NAME)? {
            let sealed = unhex(&sealed).ok_or_else(|| AppError::corrupt("the backup settings are not sealed"))?;
            let json = self.open_host_secret(SEALED_NAME, &sealed)?;
            let stored: Stored = serde_json::from_slice(&json).map_err(|error| AppError::corrupt(format!("backup settings: {error}")))?;
            return Ok(BackupSettingsView {
                settings: stored.settings()?,
                from: SettingsFrom::Vault { updated_at: crate::from_micros_lenient(at) },
            });
        }
        Ok(match &self.backup_plan.configured {
            Some(settings) => BackupSettingsView { settings: settings.clone(), from: SettingsFrom::ConfigFile },
            None => BackupSettingsView { settings: BackupSettings::default(), from: SettingsFrom::Defaults },
        })
    }

    /// The settings in force, for the server's schedule (no person asks: nothing recorded).
    pub fn backup_settings_in_force(&self) -> Result<BackupSettings, AppError> {
        let mut tx = self.store.begin_snapshot()?;
        Ok(self.settings_in(tx.as_mut())?.settings)
    }

    /// The settings in force and where they come from (the owner's).
    pub fn backup_settings(&self, actor: &Actor) -> Result<BackupSettingsView, AppError> {
        self.require(actor, Permission::BackupManage, AuditAction::AuditRead, None)?;
        let mut tx = self.store.begin_snapshot()?;
        self.settings_in(tx.as_mut())
    }

    /// Saves the backup settings in the vault (from then on strongroom.toml's `[backup]` is
    /// no longer read). A folder inside the data directory is refused: it would be lost with
    /// the data. Needs a fresh step-up: whoever sets the folders decides where every backup of
    /// the shop goes, and which of them are deleted. Recorded with the settings.
    pub fn set_backup_settings(&self, actor: &Actor, settings: BackupSettings) -> Result<(), AppError> {
        self.require(actor, Permission::BackupManage, AuditAction::BackupSettings, None)?;
        self.require_step_up(actor, AuditAction::BackupSettings, None)?;
        // The fields are public: checked again as the domain checks what was typed.
        let folders: Vec<String> = settings.folders.iter().map(|folder| folder.display().to_string()).collect();
        let folders: Vec<&str> = folders.iter().map(String::as_str).collect();
        let keep = Retention::new(settings.keep.daily, settings.keep.weekly, settings.keep.monthly)?;
        let settings = BackupSettings::new(&folders, settings.time, keep)?;
        if let Some(data_dir) = &self.backup_plan.data_dir
            && let Some(inside) = settings.folders.iter().find(|folder| inside_data(folder, data_dir))
        {
            return Err(AppError::Conflict(format!(
                "{} is inside the data directory: a backup there is lost with the data; choose another disk",
                inside.display()
            )));
        }
        let json = serde_json::to_vec(&Stored::of(&settings)).map_err(|error| AppError::corrupt(error.to_string()))?;
        let sealed = hex(&self.seal_host_secret(SEALED_NAME, &json)?);
        let mut tx = self.store.begin()?;
        tx.set_setting(SETTING_NAME, &sealed, now_micros())?;
        let event = EventDraft::new(actor, AuditAction::BackupSettings).detail(describe(&settings)).finish(Outcome::Allowed);
        self.record(tx.as_mut(), &[event])?;
        tx.commit()?;
        Ok(())
    }
}

/// Whether `folder` is the data directory or inside it (by path, and by the real path where both
/// exist, so a link does not hide it).
fn inside_data(folder: &Path, data_dir: &Path) -> bool {
    let real = |path: &Path| -> PathBuf { std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned()) };
    folder.starts_with(data_dir) || real(folder).starts_with(real(data_dir))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_settings_read_back_as_they_were_saved_and_describe_themselves() {
        let settings = BackupSettings::new(
            &["/media/usb", "/mnt/nas"],
            TimeOfDay { hour: 3, minute: 30 },
            Retention { daily: 14, weekly: 8, monthly: 24 },
        )
        .unwrap();
        let json = serde_json::to_string(&Stored::of(&settings)).unwrap();
        let back: Stored = serde_json::from_str(&json).unwrap();
        assert_eq!(back.settings().unwrap(), settings);
        assert_eq!(describe(&settings), "2 folder(s): /media/usb, /mnt/nas; daily at 03:30; keeps 14 daily, 8 weekly, 24 monthly");
        let dir = tempfile::tempdir().unwrap();
        assert!(inside_data(&dir.path().join("backups"), dir.path()) && inside_data(dir.path(), dir.path()));
        assert!(!inside_data(Path::new("/media/usb"), dir.path()));
        assert_eq!(unhex(&hex(&[0, 15, 255])), Some(vec![0, 15, 255]));
        assert_eq!(unhex("0g"), None);
        assert_eq!(unhex("abc"), None);
    }
}
