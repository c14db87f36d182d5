//! The shop's backup settings: the folders every backup goes to, the time of the day's backup,
//! and how many backups each folder keeps. Checked here; writing backups is the app's.

use std::path::{Component, Path, PathBuf};

use crate::DomainError;

/// At most this many backup folders (each backup is written to every one of them in turn).
pub const MAX_BACKUP_FOLDERS: usize = 5;

/// How many backups a folder keeps: the newest of each of the last `daily` days, `weekly`
/// weeks and `monthly` months (and always the newest of all).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    pub daily: u32,
    pub weekly: u32,
    pub monthly: u32,
}

impl Default for Retention {
    fn default() -> Retention {
        Retention { daily: 7, weekly: 4, monthly: 12 }
    }
}

/// The most each count may be: two years of days, five years of weeks, twenty of months.
pub const RETENTION_MAX: Retention = Retention { daily: 731, weekly: 261, monthly: 240 };

impl Retention {
    /// At most how many days old the oldest backup a folder keeps can be (a month counted as
    /// 31 days): how long an erased customer can survive in the backups.
    pub fn longest_days(&self) -> u32 {
        self.daily.max(self.weekly * 7).max(self.monthly * 31)
    }

    /// From what was typed for each count.
    pub fn parse(daily: &str, weekly: &str, monthly: &str) -> Result<Retention, DomainError> {
        // A count that is no whole number is out of every bound.
        let number = |text: &str| text.trim().parse::<u32>().unwrap_or(u32::MAX);
        Retention::new(number(daily), number(weekly), number(monthly))
    }

    /// The counts checked against their bounds: at least one day, at most [`RETENTION_MAX`].
    pub fn new(daily: u32, weekly: u32, monthly: u32) -> Result<Retention, DomainError> {
        let count = |field: &'static str, count: u32, least: u32, most: u32| {
            Some(count)
                .filter(|count| (least..=most).contains(count))
                .ok_or_else(|| DomainError::invalid(field, format!("must be a whole number from {least} to {most}")))
        };
        Ok(Retention {
            daily: count("keep_daily", daily, 1, RETENTION_MAX.daily)?,
            weekly: count("keep_weekly", weekly, 0, RETENTION_MAX.weekly)?,
            monthly: count("keep_monthly", monthly, 0, RETENTION_MAX.monthly)?,
        })
    }
}

/// A time of day in the shop's time, to the minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeOfDay {
    pub hour: u8,
    pub minute: u8,
}

impl TimeOfDay {
    /// `HH:MM`, 00:00 to 23:59 (`2:00` reads as 02:00).
    pub fn parse(field: &'static str, input: &str) -> Result<TimeOfDay, DomainError> {
        let digits = |text: &str, lengths: std::ops::RangeInclusive<usize>| {
            (lengths.contains(&text.len()) && text.bytes().all(|byte| byte.is_ascii_digit())).then(|| text.parse::<u8>().ok()).flatten()
        };
        let parsed = input.trim().split_once(':').and_then(|(hour, minute)| {
            let hour = digits(hour, 1..=2).filter(|hour| *hour < 24)?;
            let minute = digits(minute, 2..=2).filter(|minute| *minute < 60)?;
            Some(TimeOfDay { hour, minute })
        });
        parsed.ok_or_else(|| DomainError::invalid(field, "is not a time of day as HH:MM (02:00)"))
    }
}

impl std::fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

/// Where backups go, when, and for how long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupSettings {
    /// Absolute folders: a USB disk, a NAS share, a cloud-synced folder.
    pub folders: Vec<PathBuf>,
    /// When the server makes the day's backup.
    pub time: TimeOfDay,
    pub keep: Retention,
}

impl Default for BackupSettings {
    fn default() -> BackupSettings {
        BackupSettings { folders: Vec::new(), time: TimeOfDay { hour: 2, minute: 0 }, keep: Retention::default() }
    }
}

impl BackupSettings {
    /// Checks each folder (absolute, one line, no `..`, no repeats, at most
    /// [`MAX_BACKUP_FOLDERS`]); the time and keeping are typed already.
    pub fn new(folders: &[&str], time: TimeOfDay, keep: Retention) -> Result<BackupSettings, DomainError> {
        Ok(BackupSettings { folders: BackupSettings::folders(folders)?, time, keep })
    }

    /// The folders checked as [`BackupSettings::new`] checks them (blank lines skipped).
    pub fn folders(folders: &[&str]) -> Result<Vec<PathBuf>, DomainError> {
        let invalid = |reason: String| DomainError::invalid("folders", reason);
        let mut checked: Vec<PathBuf> = Vec::new();
        for folder in folders.iter().map(|folder| folder.trim()).filter(|folder| !folder.is_empty()) {
            if folder.chars().any(char::is_control) || folder.len() > 1024 {
                return Err(invalid(format!("{} is not a folder on one line of at most 1024 characters", shown(folder))));
            }
            let path = Path::new(folder);
            if !path.is_absolute() {
                return Err(invalid(format!("{folder} is not a whole path from the top, as in /media/usb-backup")));
            }
            if path.components().any(|part| part == Component::ParentDir) {
                return Err(invalid(format!("{folder} goes up with ..; give the folder's own path")));
            }
            let path: PathBuf = path.components().collect();
            if checked.contains(&path) {
                return Err(invalid(format!("{folder} is listed twice")));
            }
            checked.push(path);
        }
        if checked.len() > MAX_BACKUP_FOLDERS {
            return Err(invalid(format!("at most {MAX_BACKUP_FOLDERS} folders")));
        }
        Ok(checked)
    }
}

/// A refused folder as the reason shows it: its first 60 characters, control characters as `?`.
fn shown(folder: &str) -> String {
    folder.chars().take(60).map(|c| if c.is_control() { '?' } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two_am() -> TimeOfDay {
        TimeOfDay { hour: 2, minute: 0 }
    }

    #[test]
    fn folders_are_whole_paths_each_once_and_blank_lines_are_skipped() {
        let settings = BackupSettings::new(&["/media/usb/", "", "  /mnt/nas/strongroom "], two_am(), Retention::default()).unwrap();
        assert_eq!(settings.folders, [PathBuf::from("/media/usb"), PathBuf::from("/mnt/nas/strongroom")]);
        let reason = |folders: &[&str]| match BackupSettings::new(folders, two_am(), Retention::default()) {
            Err(DomainError::Invalid { field: "folders", reason }) => reason,
            other => panic!("{other:?}"),
        };
        assert_eq!(reason(&["usb"]), "usb is not a whole path from the top, as in /media/usb-backup");
        assert_eq!(reason(&["/media/usb/../../etc"]), "/media/usb/../../etc goes up with ..; give the folder's own path");
        assert_eq!(reason(&["/media/usb", "/media//usb/"]), "/media//usb/ is listed twice");
        assert_eq!(reason(&["/a", "/b", "/c", "/d", "/e", "/f"]), "at most 5 folders");
        assert!(reason(&["/media/usb\u{7}"]).starts_with("/media/usb? is not a folder on one line"));
        assert!(BackupSettings::new(&[], two_am(), Retention::default()).unwrap().folders.is_empty(), "none: no backups yet");
    }

    #[test]
    fn the_time_is_hours_and_minutes_and_the_keeping_has_bounds() {
        assert_eq!(TimeOfDay::parse("time", "2:00").unwrap(), two_am());
        assert_eq!(TimeOfDay::parse("time", " 23:59 ").unwrap().to_string(), "23:59");
        for wrong in ["24:00", "12:60", "12", "12:5", "noon", "-1:00", "", "+2:00", "12:+5", "002:00", "2:000"] {
            assert!(TimeOfDay::parse("time", wrong).is_err(), "{wrong}");
        }
        assert_eq!(Retention::parse("7", "4", "12").unwrap(), Retention::default());
        assert_eq!(Retention::parse("1", "0", "0").unwrap(), Retention { daily: 1, weekly: 0, monthly: 0 });
        let error = Retention::parse("0", "4", "12").unwrap_err();
        assert_eq!(error.to_string(), "keep_daily: must be a whole number from 1 to 731");
        assert!(Retention::parse("7", "4", "241").is_err() && Retention::parse("7", "four", "12").is_err());
        assert_eq!(Retention::default().longest_days(), 372, "a year of months");
        assert_eq!(Retention { daily: 30, weekly: 2, monthly: 0 }.longest_days(), 30);
    }
}
