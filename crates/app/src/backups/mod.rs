//! Backups that restore.
//!
//! A backup is one file holding every table of the vault (`strongroom_store::BACKUP_TABLES`)
//! read from one snapshot while the shop keeps working, compressed with zstd and sealed in
//! chunks under a key of its own derived from the shop key (`format.rs`). It is written under
//! a temporary name, synced, then renamed, so a backup that was killed half-way never looks like
//! one. [`check_backup`] reads a file through without restoring it and names every damaged,
//! reordered or missing chunk; [`restore_backup`] fills an empty database of either backend in
//! one transaction, so a restore that stops half-way leaves nothing behind.

mod check;
pub mod format;
pub mod kit;
pub mod plan;
mod probe;
mod records;
mod restore;
pub mod settings;

pub use check::{BackupCheck, check_backup};
pub use restore::{Restored, erasures_since, restore_backup, restore_test};

use std::fs::{self, File, OpenOptions};
use std::io::{BufReader, BufWriter};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::Instant;

use strongroom_crypto::{BACKUP_SALT_LEN, BackupKey};
use strongroom_domain::{Actor, AuditAction, Outcome, Permission, RecordKind};
use strongroom_store::{AuditFilter, BACKUP_TABLES, KeyProtection, Tx};
use uuid::Uuid;

use self::format::{Erasure, Header, HeaderProblem, Manifest, ManifestCheckpoint, TableCount};
use crate::keyring::shop_key;
use crate::trail::draft::EventDraft;
use crate::{AppError, KeySource, Vault, now_micros};

/// What a backup file's name ends with.
pub const BACKUP_EXTENSION: &str = "srbk";

/// A backup just written.
#[derive(Debug, Clone)]
pub struct BackupMade {
    pub file: PathBuf,
    pub bytes: u64,
    pub customers: u64,
    pub audit_events: u64,
    pub tables: Vec<TableCount>,
    pub erased: usize,
    pub seconds: f64,
}

/// An operating system's error in plain words (which the pages show in Dutch too); the
/// system's own text, in English, only for what has no plainer name here.
pub(crate) fn disk_words(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let words = match error.kind() {
        ErrorKind::StorageFull => "the disk is full",
        ErrorKind::QuotaExceeded => "the disk's quota is used up",
        ErrorKind::ReadOnlyFilesystem => "the disk is read-only",
        ErrorKind::PermissionDenied => "Strongroom may not write there (permission denied)",
        ErrorKind::NotFound => "it is not there",
        ErrorKind::TimedOut => "the disk did not answer in time",
        ErrorKind::StaleNetworkFileHandle => "the network drive went away",
        _ if error.raw_os_error() == Some(5) => "the disk could not be read or written (an input/output error)",
        _ => return error.to_string(),
    };
    words.to_owned()
}

/// How long a backup or drill waits for a folder to say it is there before giving up on it.
pub(crate) const FOLDER_ANSWER: std::time::Duration = std::time::Duration::from_secs(10);

/// Whether `dir` answers at all within [`FOLDER_ANSWER`] (a NAS share that hangs does not):
/// asked before a backup or drill goes into it, so one dead share never stops the others.
pub(crate) fn answers(dir: &Path) -> bool {
    let owned = dir.to_owned();
    probe::within(dir, FOLDER_ANSWER, move || {
        let _ = fs::metadata(owned);
    })
    .is_some()
}

/// Why a backup cannot be used at all (as opposed to damage found inside it).
fn unusable(why: impl Into<String>) -> AppError {
    AppError::BackupUnusable(why.into())
}

fn header_problem(file: &Path, problem: HeaderProblem) -> AppError {
    match problem {
        HeaderProblem::NotABackup => unusable(format!("{} is not a Strongroom backup", file.display())),
        HeaderProblem::NewerFormat(version) => unusable(format!(
            "{} was written in backup format {version} by a newer Strongroom; this one reads format {} and older: restore it with the newer Strongroom",
            file.display(),
            format::FORMAT_VERSION
        )),
        HeaderProblem::Damaged(why) => unusable(format!("{} is damaged at its start: {why}", file.display())),
    }
}

/// Makes a backup file's key from its key protection and salt.
type KeyFor<'a> = &'a dyn Fn(&KeyProtection, &[u8; BACKUP_SALT_LEN]) -> Result<BackupKey, AppError>;

/// A backup file's key from what the shop gave (a key file or a passphrase).
fn from_source(source: &KeySource) -> impl Fn(&KeyProtection, &[u8; BACKUP_SALT_LEN]) -> Result<BackupKey, AppError> + '_ {
    move |protection, salt| Ok(shop_key(protection, source)?.backup_key(salt)?)
}

/// Opens a backup file: its header, and its key (a wrong key is told apart from a damaged file
/// by the header's key check).
fn open_file(file: &Path, key_for: KeyFor<'_>) -> Result<(Header, Vec<u8>, BackupKey, BufReader<File>), AppError> {
    let mut input =
        BufReader::with_capacity(1 << 20, File::open(file).map_err(|error| unusable(format!("cannot open {}: {error}", file.display())))?);
    let (header, header_bytes) = format::read_header(&mut input).map_err(|problem| header_problem(file, problem))?;
    let protection = match (header.protection.as_str(), &header.kdf) {
        ("key_file", None) => KeyProtection::KeyFile,
        ("passphrase", Some(kdf)) => KeyProtection::Passphrase { kdf: kdf.clone() },
        _ => return Err(header_problem(file, HeaderProblem::Damaged("its header names no known key protection".into()))),
    };
    let salt = header.salt().ok_or_else(|| header_problem(file, HeaderProblem::Damaged("its salt".into())))?;
    let key = key_for(&protection, &salt)?;
    if !header.key_check().is_some_and(|check| key.matches(&check)) {
        return Err(AppError::WrongKey);
    }
    Ok((header, header_bytes, key, input))
}

/// The backups in `dir`, newest first (their names sort by time), at most `limit`.
pub(crate) fn backups_in(dir: &Path, limit: usize) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| {
            let name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
            name.starts_with("strongroom-") && name.ends_with(&format!(".{BACKUP_EXTENSION}"))
        })
        .collect();
    files.sort();
    files.reverse();
    files.truncate(limit);
    files
}

/// A backup's manifest, or `None` when it cannot be read with this key.
pub(crate) fn read_manifest(file: &Path, key_for: KeyFor<'_>) -> Option<Manifest> {
    let mut input = std::io::BufReader::new(File::open(file).ok()?);
    let (header, header_bytes) = format::read_header(&mut input).ok()?;
    let protection = match header.kdf.clone() {
        None => strongroom_store::KeyProtection::KeyFile,
        Some(kdf) => strongroom_store::KeyProtection::Passphrase { kdf },
    };
    let key = key_for(&protection, &header.salt()?).ok()?;
    if !header.key_check().is_some_and(|check| key.matches(&check)) {
        return None;
    }
    format::read_manifest(input, &header_bytes, &key)
}

impl Vault {
    /// Writes a backup of the whole vault into the folder `to`, while the shop keeps working:
    /// the tables are read from one snapshot on a connection of their own. `settings` is the
    /// shop's settings file, kept in the backup so a restore brings the shop back as it was.
    pub fn create_backup(&self, actor: &Actor, to: &Path, settings: Option<String>) -> Result<BackupMade, AppError> {
        self.require(actor, Permission::BackupManage, AuditAction::BackupCreate, None)?;
        let started = Instant::now();
        let made = self.write_backup(to, settings, started);
        let mut tx = self.store.begin()?;
        let event = match &made {
            Ok(made) => EventDraft::new(actor, AuditAction::BackupCreate)
                .detail(format!(
                    "{} ({} bytes, {} customers, {} audit events)",
                    made.file.file_name().map(|name| name.to_string_lossy()).unwrap_or_default(),
                    made.bytes,
                    made.customers,
                    made.audit_events
                ))
                .finish(Outcome::Allowed),
            Err(error) => EventDraft::new(actor, AuditAction::BackupCreate).detail(format!("failed: {error}")).finish(Outcome::Failed),
        };
        self.record(tx.as_mut(), &[event])?;
        tx.commit()?;
        made
    }

    fn write_backup(&self, to: &Path, settings: Option<String>, started: Instant) -> Result<BackupMade, AppError> {
        if !answers(to) {
            return Err(unusable(format!("the backup folder {} does not answer (a network drive that hangs?)", to.display())));
        }
        let destination = Destination::lock(to)?;
        let now = now_micros();
        let (partial, file) = destination.names(now);
        let written = self.write_backup_file(&partial, settings, now);
        match written {
            Ok((bytes, manifest)) => {
                fs::rename(&partial, &file).map_err(|error| destination.failed(&partial, error))?;
                File::open(to).and_then(|dir| dir.sync_all()).map_err(|error| destination.failed(&file, error))?;
                Ok(BackupMade {
                    file,
                    bytes,
                    customers: manifest.customers,
                    audit_events: manifest.audit_events,
                    erased: manifest.erased.len(),
                    tables: manifest.tables,
                    seconds: started.elapsed().as_secs_f64(),
                })
            }
            Err(error) => {
                let _ = fs::remove_file(&partial);
                Err(error)
            }
        }
    }

    fn write_backup_file(&self, partial: &Path, settings: Option<String>, now: i64) -> Result<(u64, Manifest), AppError> {
        let out = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(partial)
            .map_err(|error| unusable(format!("cannot write {}: {}", partial.display(), disk_words(&error))))?;
        let reader = self.store.another_connection()?;
        let mut tx = reader.begin_snapshot()?;
        let protection = tx.keyring_meta()?.ok_or(AppError::NotInitialised)?.protection;
        let (protection, kdf) = match protection {
            KeyProtection::KeyFile => ("key_file", None),
            KeyProtection::Passphrase { kdf } => ("passphrase", Some(kdf)),
        };
        let mut salt = [0u8; BACKUP_SALT_LEN];
        strongroom_crypto::random_bytes(&mut salt)?;
        let key = self.keys.shop_key.backup_key(&salt)?;
        let schema_version = tx.schema_version()?;
        let header = Header {
            salt: format::hex(&salt),
            key_check: format::hex(&key.key_check()),
            protection: protection.to_owned(),
            kdf,
            schema_version,
        };
        let io_error = |error: std::io::Error| unusable(format!("cannot write {}: {}", partial.display(), disk_words(&error)));
        let mut writer = format::Writer::new(BufWriter::with_capacity(1 << 20, out), key, &header).map_err(io_error)?;
        let tables = dump_tables(tx.as_mut(), &mut writer, &io_error)?;
        let checkpoint =
            tx.checkpoints()?.into_iter().max_by_key(|row| row.size).map(|row| ManifestCheckpoint { size: row.size, note: row.note });
        let erased = erasures(tx.as_mut())?;
        drop(tx);
        let count = |name: &str| tables.iter().find(|table| table.name == name).map_or(0, |table| table.rows);
        let manifest = Manifest {
            format: format::FORMAT_VERSION,
            strongroom: env!("CARGO_PKG_VERSION").to_owned(),
            created_at_unix_micros: now,
            shop: self.shop_name().to_owned(),
            backend: self.store.backend().as_str().to_owned(),
            schema_version,
            customers: count("customers"),
            audit_events: count("audit_events"),
            tables: tables.clone(),
            checkpoint,
            log_verifier: self.audit_verifier_key(),
            erased,
            settings,
            chunks: Vec::new(),
        };
        let (out, bytes) = writer.finish(manifest.clone()).map_err(io_error)?;
        let file = out.into_inner().map_err(|error| io_error(error.into_error()))?;
        file.sync_all().map_err(io_error)?;
        Ok((bytes, manifest))
    }
}

/// Writes every table of [`BACKUP_TABLES`] as `tx` sees it; returns each one's row count. A
/// write that fails (a full disk) is told as itself, not as the store's error.
fn dump_tables<W: std::io::Write>(
    tx: &mut dyn Tx,
    writer: &mut format::Writer<W>,
    io_error: &dyn Fn(std::io::Error) -> AppError,
) -> Result<Vec<TableCount>, AppError> {
    let mut tables = Vec::with_capacity(BACKUP_TABLES.len());
    for table in BACKUP_TABLES {
        let columns = table.columns();
        writer.table(table.name, &columns).map_err(io_error)?;
        let mut failed = None;
        let rows = tx.dump_table(table.name, &columns, &mut |row| {
            writer.row(&row).map_err(|error| {
                let message = error.to_string();
                failed = Some(error);
                strongroom_store::StoreError::Conflict(message)
            })
        });
        if let Some(error) = failed {
            return Err(io_error(error));
        }
        let rows = rows?;
        writer.table_end(rows).map_err(io_error)?;
        tables.push(TableCount { name: table.name.to_owned(), rows });
    }
    Ok(tables)
}

/// The customers whose keys were destroyed, and when, from the trail (ids and dates only).
fn erasures(tx: &mut dyn Tx) -> Result<Vec<Erasure>, AppError> {
    let mut found = Vec::new();
    let mut after_seq = None;
    loop {
        let filter = AuditFilter {
            action: Some(AuditAction::DataKeyDestroy.as_str().to_owned()),
            outcome: Some(Outcome::Allowed.as_str().to_owned()),
            after_seq,
            limit: 1000,
            ..AuditFilter::default()
        };
        let page = tx.query_audit_events(&filter)?;
        let Some((last, _)) = page.last() else { break };
        after_seq = Some(*last);
        for (_, event) in &page {
            if event.target_kind.as_deref() == Some(RecordKind::Customer.as_str())
                && let Some(id) = event.target_id
                && !found.iter().any(|known: &Erasure| known.customer_id.as_bytes() == &id)
            {
                found.push(Erasure { customer_id: Uuid::from_bytes(id), erased_at: event.at_unix_micros });
            }
        }
    }
    Ok(found)
}

/// A folder backups are written to, locked while one is written there.
struct Destination {
    dir: PathBuf,
    _lock: File,
}

impl Destination {
    /// Locks the folder for this backup (the operating system releases the lock however the
    /// process ends) and removes what killed earlier runs left: temporary files, never a backup.
    fn lock(dir: &Path) -> Result<Destination, AppError> {
        if !dir.is_dir() {
            return Err(unusable(format!(
                "the backup folder {} does not exist: plug in the disk, or create the folder, and try again",
                dir.display()
            )));
        }
        let lock_path = dir.join(".strongroom-backup.lock");
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .mode(0o600)
            .open(&lock_path)
            .map_err(|error| unusable(format!("cannot write to the backup folder {}: {}", dir.display(), disk_words(&error))))?;
        lock.try_lock()
            .map_err(|_| unusable(format!("another backup is being written to {} right now; wait for it to finish", dir.display())))?;
        if let Ok(entries) = fs::read_dir(dir) {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.starts_with(".strongroom-") && name.ends_with(".partial") {
                    let _ = fs::remove_file(entry.path());
                }
            }
        }
        Ok(Destination { dir: dir.to_owned(), _lock: lock })
    }

    /// The temporary name and the final name of a backup made at `now`.
    fn names(&self, now: i64) -> (PathBuf, PathBuf) {
        let stamp = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(now) * 1000)
            .map(|at| {
                format!("{:04}{:02}{:02}-{:02}{:02}{:02}Z", at.year(), u8::from(at.month()), at.day(), at.hour(), at.minute(), at.second())
            })
            .unwrap_or_else(|_| now.to_string());
        let mut name = format!("strongroom-{stamp}.{BACKUP_EXTENSION}");
        let mut n = 2;
        while self.dir.join(&name).exists() {
            name = format!("strongroom-{stamp}-{n}.{BACKUP_EXTENSION}");
            n += 1;
        }
        (self.dir.join(format!(".{name}.partial")), self.dir.join(name))
    }

    fn failed(&self, path: &Path, error: std::io::Error) -> AppError {
        let _ = fs::remove_file(path);
        unusable(format!("cannot finish the backup in {}: {}", self.dir.display(), disk_words(&error)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backup_is_named_by_its_time_and_never_overwrites_another() {
        let dir = tempfile::tempdir().unwrap();
        let destination = Destination::lock(dir.path()).unwrap();
        let at = 1_796_551_200_000_000; // 2026-12-06 10:00:00 UTC
        let (partial, file) = destination.names(at);
        assert_eq!(file.file_name().unwrap(), "strongroom-20261206-100000Z.srbk");
        assert_eq!(partial.file_name().unwrap(), ".strongroom-20261206-100000Z.srbk.partial");
        fs::write(&file, b"x").unwrap();
        assert_eq!(destination.names(at).1.file_name().unwrap(), "strongroom-20261206-100000Z-2.srbk");
        assert!(Destination::lock(dir.path()).is_err(), "one backup at a time per folder");
    }
}
