//! The shop's backup plan: the folders backups go to, a backup to each of them, what each folder
//! holds, and the restore drill that proves the newest backup of each one restores.

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use strongroom_domain::{Actor, AuditAction, BackupSettings, Outcome, Permission, Retention};
use strongroom_store::{AuditFilter, Tx};

use super::check::check_with;
use super::format::Manifest;
use super::restore::restore_test_with;
use super::{BACKUP_EXTENSION, BackupMade, KeyFor, backups_in, read_manifest, unusable};
use crate::trail::draft::EventDraft;
use crate::{AppError, Vault};

/// When a backup's file name says it was made: `strongroom-YYYYMMDD-HHMMSSZ[-n].srbk`.
fn made_on(name: &str) -> Option<time::Date> {
    if !name.ends_with(&format!(".{BACKUP_EXTENSION}")) {
        return None;
    }
    let stamp = name.strip_prefix("strongroom-")?.get(..8)?;
    let year = stamp.get(..4)?.parse().ok()?;
    let month = time::Month::try_from(stamp.get(4..6)?.parse::<u8>().ok()?).ok()?;
    time::Date::from_calendar_date(year, month, stamp.get(6..8)?.parse().ok()?).ok()
}

/// The moment a backup's file name says it was made (UTC), in microseconds since the epoch.
fn made_at(name: &str) -> Option<i64> {
    let date = made_on(name)?;
    let clock = name.strip_prefix("strongroom-")?.get(9..15)?;
    let part = |range: std::ops::Range<usize>| clock.get(range)?.parse::<u8>().ok();
    let time = time::Time::from_hms(part(0..2)?, part(2..4)?, part(4..6)?).ok()?;
    Some((date.with_time(time).assume_utc().unix_timestamp_nanos() / 1000) as i64)
}

/// One backup folder as the start page shows it: there or not, and its newest backup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderHealth {
    pub dir: PathBuf,
    pub present: bool,
    /// False when looking into it took too long (a NAS share that stopped answering).
    pub answering: bool,
    /// On the same disk as the data: a dead disk or ransomware takes both.
    pub same_disk: bool,
    /// When its newest backup was made (from its name).
    pub newest_at_unix_micros: Option<i64>,
}

/// How long a page waits for a folder to say whether it is there and what it holds.
const FOLDER_LOOK: std::time::Duration = std::time::Duration::from_secs(2);
/// How long the backup page waits for a folder's list of backups and their manifests.
const FOLDER_READ: std::time::Duration = std::time::Duration::from_secs(10);

/// A look into `dir` (on the disk `data_disk` the data is on) that gives up after [`FOLDER_LOOK`].
fn look_into(dir: &Path, data_disk: Option<u64>) -> FolderHealth {
    let owned = dir.to_owned();
    let looked = super::probe::within(dir, FOLDER_LOOK, move || {
        let meta = fs::metadata(&owned).ok().filter(|meta| meta.is_dir());
        let newest = backups_in(&owned, 1).first().and_then(|file| file.file_name()).and_then(|name| made_at(&name.to_string_lossy()));
        (meta.is_some(), meta.is_some_and(|meta| Some(meta.dev()) == data_disk), newest)
    });
    let (present, same_disk, newest_at_unix_micros) = looked.unwrap_or((false, false, None));
    FolderHealth { dir: dir.to_owned(), present, answering: looked.is_some(), same_disk, newest_at_unix_micros }
}

/// The period a day falls in (its day, ISO week or month), as a comparable pair.
type Period = fn(time::Date) -> (i32, u32);

/// Which of a folder's backups (their file names) `keep` no longer keeps. Names that do not
/// read as Strongroom's own backups are never in it.
pub fn expired(names: &[String], keep: Retention) -> Vec<String> {
    let mut dated: Vec<(&String, time::Date)> = names.iter().filter_map(|name| Some((name, made_on(name)?))).collect();
    dated.sort_by(|a, b| b.0.cmp(a.0));
    let mut kept = vec![false; dated.len()];
    if !kept.is_empty() {
        kept[0] = true;
    }
    let periods: [(u32, Period); 3] = [
        (keep.daily, |date| (date.year(), date.ordinal().into())),
        (keep.weekly, |date| {
            let (year, week, _) = date.to_iso_week_date();
            (year, week.into())
        }),
        (keep.monthly, |date| (date.year(), u8::from(date.month()).into())),
    ];
    for (count, period) in periods {
        let mut seen = Vec::new();
        for (index, (_, date)) in dated.iter().enumerate() {
            let this = period(*date);
            if seen.len() as u32 >= count {
                break;
            }
            if !seen.contains(&this) {
                seen.push(this);
                kept[index] = true;
            }
        }
    }
    dated.iter().zip(kept).filter(|(_, kept)| !kept).map(|((name, _), _)| (*name).clone()).collect()
}

/// What the vault knows of the shop's backups from outside it: strongroom.toml's `[backup]`
/// (read until the owner saves settings of their own, `settings.rs`), the settings file
/// itself, and the data directory.
#[derive(Debug, Clone, Default)]
pub struct BackupPlan {
    /// `[backup]` in strongroom.toml, if it has one.
    pub configured: Option<BackupSettings>,
    /// The shop's settings file, kept in every backup.
    pub settings_file: Option<String>,
    /// The data directory, to warn about a folder on the same disk.
    pub data_dir: Option<PathBuf>,
}

/// A backup file found in a folder.
#[derive(Debug, Clone)]
pub struct BackupFile {
    pub file: PathBuf,
    pub bytes: u64,
    /// `None` when it cannot be read with this shop's key (damaged, or another shop's).
    pub manifest: Option<Manifest>,
}

/// One backup folder: whether it is there, whether it shares the data's disk, its backups (newest first).
#[derive(Debug, Clone)]
pub struct DestinationStatus {
    pub dir: PathBuf,
    pub present: bool,
    /// False when it did not answer in time (a NAS share that hangs).
    pub answering: bool,
    pub same_disk: bool,
    pub backups: Vec<BackupFile>,
}

/// An event of the trail as the backup pages show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrailMark {
    pub at_unix_micros: i64,
    pub ok: bool,
    pub detail: String,
}

/// What the owner's backup page shows.
#[derive(Debug, Clone)]
pub struct BackupOverview {
    pub destinations: Vec<DestinationStatus>,
    pub health: BackupHealth,
}

/// What the start page needs: whether backups are set up, the last good one, the last drill.
#[derive(Debug, Clone, Default)]
pub struct BackupHealth {
    pub destinations_set: bool,
    /// Each folder and its newest backup (names only are read: cheap enough for every start page).
    pub folders: Vec<FolderHealth>,
    pub last_good: Option<TrailMark>,
    pub last_failed: Option<TrailMark>,
    pub last_drill: Option<TrailMark>,
}

/// Hours without a good backup after which the owner is warned.
pub const BACKUP_OVERDUE_HOURS: i64 = 26;

impl BackupHealth {
    /// Whether the owner should be warned: no good backup in [`BACKUP_OVERDUE_HOURS`].
    pub fn overdue(&self, now_unix_micros: i64) -> bool {
        self.last_good.as_ref().is_none_or(|good| now_unix_micros - good.at_unix_micros > BACKUP_OVERDUE_HOURS * 3_600_000_000)
    }
}

/// Days between restore drills.
pub const DRILL_EVERY_DAYS: i64 = 30;
const HOUR_MICROS: i64 = 3_600_000_000;

impl BackupHealth {
    /// Whether the day's backup is due at `now`, the day's backup time being `scheduled`
    /// (today, in the shop's time): backups are set up, that time has come, nothing good was
    /// made since, and the last failed try (a disk not plugged in) was over an hour ago.
    pub fn backup_due(&self, now: i64, scheduled: i64) -> bool {
        self.destinations_set
            && now >= scheduled
            && self.last_good.as_ref().is_none_or(|good| good.at_unix_micros < scheduled)
            && self.last_failed.as_ref().is_none_or(|failed| now - failed.at_unix_micros >= HOUR_MICROS)
    }

    /// Whether a restore drill is due: a good backup exists and the last drill (good or not)
    /// is [`DRILL_EVERY_DAYS`] old, or there was none.
    pub fn drill_due(&self, now: i64) -> bool {
        self.last_good.is_some()
            && self.last_drill.as_ref().is_none_or(|drill| now - drill.at_unix_micros >= DRILL_EVERY_DAYS * 24 * HOUR_MICROS)
    }
}

/// A backup folder and how its backup went.
pub type FolderOutcome = (PathBuf, Result<BackupMade, AppError>);

/// The result of a drill in one folder.
#[derive(Debug, Clone)]
pub struct Drilled {
    pub dir: PathBuf,
    /// The backup restored (`None`: the folder holds none, or is missing).
    pub file: Option<PathBuf>,
    pub problems: Vec<String>,
}

/// The newest event of one action (that ended as `outcome`, when given), through the trail's
/// index by action.
fn latest(tx: &mut dyn Tx, action: AuditAction, outcome: Option<Outcome>) -> Result<Option<TrailMark>, AppError> {
    let filter = AuditFilter {
        action: Some(action.as_str().to_owned()),
        outcome: outcome.map(|outcome| outcome.as_str().to_owned()),
        newest_first: true,
        limit: 1,
        ..AuditFilter::default()
    };
    Ok(tx.query_audit_events(&filter)?.into_iter().next().map(|(_, event)| TrailMark {
        at_unix_micros: event.at_unix_micros,
        ok: event.outcome == Outcome::Allowed.as_str(),
        detail: event.detail.unwrap_or_default(),
    }))
}

impl Vault {
    pub fn set_backup_plan(&mut self, plan: BackupPlan) {
        self.backup_plan = plan;
    }

    pub fn backup_plan(&self) -> &BackupPlan {
        &self.backup_plan
    }

    /// This vault's backup key maker: backups made with its shop key open with it.
    fn own_key(
        &self,
    ) -> impl Fn(
        &strongroom_store::KeyProtection,
        &[u8; strongroom_crypto::BACKUP_SALT_LEN],
    ) -> Result<strongroom_crypto::BackupKey, AppError>
    + '_ {
        move |_, salt| Ok(self.keys.shop_key.backup_key(salt)?)
    }

    /// A backup into every folder of the plan; each folder's outcome apart (a USB disk that is
    /// not plugged in does not stop the others).
    pub fn backup_now(&self, actor: &Actor) -> Result<Vec<FolderOutcome>, AppError> {
        self.require(actor, Permission::BackupManage, AuditAction::BackupCreate, None)?;
        let plan = self.backup_settings_in_force()?;
        if plan.folders.is_empty() {
            return Err(unusable("no backup folder is set: add one in the backup settings"));
        }
        let settings = self.backup_plan.settings_file.clone();
        let mut outcomes = Vec::new();
        for dir in &plan.folders {
            let made = self.create_backup(actor, dir, settings.clone());
            if made.is_ok() {
                self.prune(actor, dir, plan.keep)?;
            }
            outcomes.push((dir.clone(), made));
        }
        Ok(outcomes)
    }

    /// After a good backup into `dir`: deletes the backups there the retention no longer keeps,
    /// by name, and records each.
    fn prune(&self, actor: &Actor, dir: &Path, keep: Retention) -> Result<(), AppError> {
        let names: Vec<String> = backups_in(dir, usize::MAX)
            .iter()
            .filter_map(|path| path.file_name().map(|name| name.to_string_lossy().into_owned()))
            .collect();
        let gone = expired(&names, keep);
        if gone.is_empty() {
            return Ok(());
        }
        let mut deleted = Vec::new();
        for name in &gone {
            if fs::remove_file(dir.join(name)).is_ok() {
                deleted.push(name.as_str());
            }
        }
        let mut tx = self.store.begin()?;
        let detail = format!("{} past their keeping in {}: {}", deleted.len(), dir.display(), deleted.join(", "));
        self.record(tx.as_mut(), &[EventDraft::new(actor, AuditAction::BackupPrune).detail(detail).finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(())
    }

    /// Whether backups are set up, the last good one and the last drill, from the trail.
    pub fn backup_health(&self, actor: &Actor) -> Result<BackupHealth, AppError> {
        self.require(actor, Permission::BackupManage, AuditAction::AuditRead, None)?;
        let mut tx = self.store.begin_snapshot()?;
        let plan = self.settings_in(tx.as_mut())?.settings;
        let data_disk = self.data_disk();
        let folders = plan.folders.iter().map(|dir| look_into(dir, data_disk)).collect();
        Ok(BackupHealth {
            destinations_set: !plan.folders.is_empty(),
            folders,
            last_good: latest(tx.as_mut(), AuditAction::BackupCreate, Some(Outcome::Allowed))?,
            last_failed: latest(tx.as_mut(), AuditAction::BackupCreate, Some(Outcome::Failed))?,
            last_drill: latest(tx.as_mut(), AuditAction::BackupDrill, None)?,
        })
    }

    /// The disk the data directory is on, if known.
    pub(crate) fn data_disk(&self) -> Option<u64> {
        let dir = self.backup_plan.data_dir.as_deref()?;
        let owned = dir.to_owned();
        super::probe::within(dir, FOLDER_LOOK, move || fs::metadata(owned).ok().map(|meta| meta.dev())).flatten()
    }

    /// Every folder of the plan with its backups (the newest 30, each manifest read); a folder
    /// that does not answer within [`FOLDER_READ`] is shown as not answering.
    pub fn backup_overview(&self, actor: &Actor) -> Result<BackupOverview, AppError> {
        let health = self.backup_health(actor)?;
        let destinations = health
            .folders
            .iter()
            .map(|folder| {
                let (dir, key) = (folder.dir.clone(), self.shop_key_copy());
                let backups = folder.answering.then(|| {
                    super::probe::within(&folder.dir, FOLDER_READ, move || {
                        let key_for = move |_: &strongroom_store::KeyProtection, salt: &[u8; strongroom_crypto::BACKUP_SALT_LEN]| {
                            Ok(key.backup_key(salt)?)
                        };
                        backups_in(&dir, 30)
                            .into_iter()
                            .map(|file| {
                                let bytes = fs::metadata(&file).map(|meta| meta.len()).unwrap_or(0);
                                let manifest = read_manifest(&file, &key_for);
                                BackupFile { file, bytes, manifest }
                            })
                            .collect::<Vec<_>>()
                    })
                });
                DestinationStatus {
                    dir: folder.dir.clone(),
                    present: folder.present,
                    answering: folder.answering && backups.as_ref().is_some_and(Option::is_some),
                    same_disk: folder.same_disk,
                    backups: backups.flatten().unwrap_or_default(),
                }
            })
            .collect();
        Ok(BackupOverview { destinations, health })
    }

    /// The restore drill: the newest backup of each folder is read through, restored into a
    /// temporary place and checked there (its trail verifies, its records open, its tables hold
    /// what its manifest says). Each folder's result is an event in the trail.
    pub fn backup_drill(&self, actor: &Actor) -> Result<Vec<Drilled>, AppError> {
        self.require(actor, Permission::BackupManage, AuditAction::BackupDrill, None)?;
        let key_for = self.own_key();
        let open = |store| Vault::open_as(store, |_| Ok(self.shop_key_copy()), self.settings);
        let mut results = Vec::new();
        for dir in &self.backup_settings_in_force()?.folders {
            let answering = super::answers(dir);
            let newest = if answering { backups_in(dir, 1).into_iter().next() } else { None };
            let problems = match &newest {
                None if !answering => vec![format!("the backup folder {} does not answer (a network drive that hangs?)", dir.display())],
                None if !dir.is_dir() => vec![format!("the folder {} is not there (is the disk plugged in?)", dir.display())],
                None => vec![format!("the folder {} holds no backup", dir.display())],
                Some(file) => drill_one(file, &key_for, &open),
            };
            let outcome = if problems.is_empty() { Outcome::Allowed } else { Outcome::Failed };
            let detail = match (&newest, problems.is_empty()) {
                (Some(file), true) => format!("{} restored and checked", file.display()),
                (Some(file), false) => format!("{}: {}", file.display(), problems.join("; ")),
                (None, _) => problems.join("; "),
            };
            let mut tx = self.store.begin()?;
            self.record(tx.as_mut(), &[EventDraft::new(actor, AuditAction::BackupDrill).detail(detail).finish(outcome)])?;
            tx.commit()?;
            results.push(Drilled { dir: dir.clone(), file: newest, problems });
        }
        Ok(results)
    }
}

fn drill_one(file: &Path, key_for: KeyFor<'_>, open: &dyn Fn(Box<dyn strongroom_store::Store>) -> Result<Vault, AppError>) -> Vec<String> {
    match check_with(file, key_for) {
        Err(error) => vec![error.to_string()],
        Ok(check) if !check.is_ok() => check.problems,
        Ok(_) => restore_test_with(file, key_for, open).unwrap_or_else(|error| vec![error.to_string()]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: i64 = HOUR_MICROS;

    fn mark(at: i64, ok: bool) -> Option<TrailMark> {
        Some(TrailMark { at_unix_micros: at, ok, detail: String::new() })
    }

    #[test]
    fn the_days_backup_is_due_once_its_time_has_come_and_a_failed_try_is_retried_hourly() {
        let scheduled = 1000 * H;
        let health = BackupHealth { destinations_set: true, last_good: mark(scheduled - 20 * H, true), ..BackupHealth::default() };
        assert!(!health.backup_due(scheduled - H, scheduled), "not before its time");
        assert!(health.backup_due(scheduled + 5 * H, scheduled), "the PC was off at night: as soon as serve runs");
        let done = BackupHealth { last_good: mark(scheduled + H, true), ..health.clone() };
        assert!(!done.backup_due(scheduled + 2 * H, scheduled), "once a day");
        let failed = BackupHealth { last_failed: mark(scheduled + 10, false), ..health.clone() };
        assert!(!failed.backup_due(scheduled + H / 2, scheduled) && failed.backup_due(scheduled + 2 * H, scheduled));
        assert!(!BackupHealth { destinations_set: false, ..health }.backup_due(scheduled + H, scheduled), "nowhere to write");
    }

    fn names(days: &[&str]) -> Vec<String> {
        days.iter().map(|day| format!("strongroom-{day}-020000Z.srbk")).collect()
    }

    #[test]
    fn a_folder_keeps_the_newest_of_each_day_week_and_month_and_never_others_files() {
        // 60 days of backups, two on the newest day.
        let start = time::Date::from_calendar_date(2026, time::Month::October, 8).unwrap();
        let mut all: Vec<String> = (0..60)
            .map(|offset| {
                let day = start + time::Duration::days(offset);
                format!("strongroom-{:04}{:02}{:02}-020000Z.srbk", day.year(), u8::from(day.month()), day.day())
            })
            .collect();
        all.push("strongroom-20261206-140000Z.srbk".into());
        all.push("holiday-photos.srbk".into());
        all.push("strongroom-notes.txt".into());
        let gone = expired(&all, Retention::default());
        let kept: Vec<&String> = all.iter().filter(|name| !gone.contains(name)).collect();
        assert!(kept.contains(&&"strongroom-20261206-140000Z.srbk".to_owned()), "the newest of all");
        assert!(!kept.contains(&&"strongroom-20261206-020000Z.srbk".to_owned()), "the same day's older one goes");
        // 7 days (6 Dec back to 30 Nov), the newest of 4 ISO weeks (adds 29, 22 and 15 Nov), of
        // 12 months (adds 31 Oct; there are no older months).
        let kept_days: Vec<&str> = kept.iter().filter(|name| name.starts_with("strongroom-2026")).map(|name| &name[11..19]).collect();
        let mut expected = [
            "20261206", "20261205", "20261204", "20261203", "20261202", "20261201", "20261130", "20261129", "20261122", "20261115",
            "20261031",
        ];
        expected.reverse();
        assert_eq!(kept_days, expected);
        assert!(kept.contains(&&"holiday-photos.srbk".to_owned()) && kept.contains(&&"strongroom-notes.txt".to_owned()));
        assert!(gone.iter().all(|name| name.starts_with("strongroom-2026")), "only its own backups: {gone:?}");
        assert!(expired(&names(&["20261206"]), Retention { daily: 0, weekly: 0, monthly: 0 }).is_empty(), "the newest always stays");
    }

    #[test]
    fn a_backups_name_says_when_it_was_made() {
        assert_eq!(made_at("strongroom-20261206-020000Z.srbk"), Some(1_796_522_400_000_000));
        assert_eq!(made_at("strongroom-20261206-020000Z-2.srbk"), Some(1_796_522_400_000_000));
        assert_eq!(made_at("strongroom-20261206-250000Z.srbk"), None);
        assert_eq!(made_at("strongroom-20261206.srbk"), None);
    }

    #[test]
    fn a_drill_is_due_monthly_once_there_is_a_backup_and_the_owner_is_warned_after_26_hours() {
        let now = 10_000 * H;
        assert!(!BackupHealth::default().drill_due(now), "nothing to drill yet");
        let backed_up = BackupHealth { last_good: mark(now - H, true), ..BackupHealth::default() };
        assert!(backed_up.drill_due(now));
        assert!(!BackupHealth { last_drill: mark(now - 29 * 24 * H, true), ..backed_up.clone() }.drill_due(now));
        assert!(BackupHealth { last_drill: mark(now - 30 * 24 * H, false), ..backed_up.clone() }.drill_due(now));
        assert!(!backed_up.overdue(now) && BackupHealth::default().overdue(now));
        assert!(BackupHealth { last_good: mark(now - 27 * H, true), ..backed_up }.overdue(now));
    }
}
