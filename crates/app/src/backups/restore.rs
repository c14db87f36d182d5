//! Restoring a backup into an empty database in one transaction, test-restoring one into a
//! temporary folder, and keeping erased customers erased across a restore.

use std::fs;
use std::path::Path;
use std::time::Instant;

use strongroom_domain::{Actor, AuditAction, Outcome, Permission, RecordKind};
use strongroom_store::{BACKUP_TABLES, Cell, Column, Store, StoreLocation, Tx};
use uuid::Uuid;

use super::check::{Counter, Problems, compare_with_manifest};
use super::format::{self, Erasure, Manifest, Opened};
use super::records::Record;
use super::{KeyFor, backups_in, erasures, from_source, open_file, read_manifest, unusable};
use crate::trail::draft::EventDraft;
use crate::{AppError, KeySource, Vault, VaultSettings};

/// Rows handed to the database at once by a restore.
const LOAD_BATCH: usize = 10_000;

/// A restore that finished.
#[derive(Debug, Clone)]
pub struct Restored {
    pub manifest: Manifest,
    pub rows: u64,
    pub seconds: f64,
}

/// Restores a backup into `target`, an empty database opened with
/// `strongroom_store::open_unmigrated`, in one transaction: the schema of the backup's day, its
/// rows, then the migrations since. A damaged backup, a wrong key or a target that already
/// holds a vault change nothing. The restored vault opens with the same key.
pub fn restore_backup(file: &Path, source: &KeySource, target: &dyn Store) -> Result<Restored, AppError> {
    restore_with(file, &from_source(source), target)
}

fn restore_with(file: &Path, key_for: KeyFor<'_>, target: &dyn Store) -> Result<Restored, AppError> {
    let started = Instant::now();
    let (header, header_bytes, key, input) = open_file(file, key_for)?;
    if header.schema_version > strongroom_store::schema_version() {
        return Err(unusable(format!(
            "{} holds a vault of database schema {} from a newer Strongroom (this one knows {}): restore it with the newer Strongroom",
            file.display(),
            header.schema_version,
            strongroom_store::schema_version()
        )));
    }
    let mut tx = target.begin()?;
    if tx.schema_version()? != 0 {
        return Err(unusable("the target database already holds a vault; restore into an empty one".to_owned()));
    }
    tx.migrate_to(header.schema_version)?;
    let indexes = tx.suspend_indexes()?;
    let mut reader = format::ChunkReader::new(input, header_bytes);
    let mut counter = Counter::default();
    let mut hashes = Vec::new();
    let mut batch: Vec<Vec<Cell>> = Vec::with_capacity(LOAD_BATCH);
    let mut table: Option<(String, Vec<Column>)> = None;
    let mut loaded = 0u64;
    let manifest = loop {
        let chunk = reader.next(&key).map_err(|problem| damaged(file, &problem.to_string()))?;
        let Some(chunk) = chunk else { return Err(damaged(file, "it has no manifest")) };
        match chunk.opened.map_err(|problem| damaged(file, &problem.to_string()))? {
            Opened::Manifest(manifest) => break *manifest,
            Opened::Rows(records) => {
                hashes.push(chunk.hash);
                let mut failed: Option<AppError> = None;
                counter
                    .read(&records, true, &mut |record| {
                        let step = match record {
                            Record::Table { name, columns } => {
                                table = Some((name, columns));
                                Ok(())
                            }
                            Record::Row(cells) => {
                                batch.push(cells);
                                if batch.len() >= LOAD_BATCH { load(tx.as_mut(), &table, &mut batch, &mut loaded) } else { Ok(()) }
                            }
                            Record::End { .. } => load(tx.as_mut(), &table, &mut batch, &mut loaded),
                        };
                        step.map_err(|error| {
                            let message = error.to_string();
                            failed = Some(error);
                            message
                        })
                    })
                    .map_err(|why| failed.take().unwrap_or_else(|| damaged(file, &why)))?;
            }
        }
    };
    let mut problems = Problems::default();
    compare_with_manifest(&manifest, &hashes, &counter, &mut problems);
    if !problems.is_empty() {
        return Err(damaged(file, &problems.finish().join("; ")));
    }
    tx.resume_indexes(&indexes)?;
    tx.migrate_to(strongroom_store::schema_version())?;
    // What waited to be sent when the backup was made may have gone since: a person decides.
    tx.hold_mail(crate::now_micros())?;
    tx.commit()?;
    Ok(Restored { manifest, rows: loaded, seconds: started.elapsed().as_secs_f64() })
}

fn damaged(file: &Path, why: &str) -> AppError {
    unusable(format!("{} is damaged, so nothing was restored: {why}", file.display()))
}

fn load(tx: &mut dyn Tx, table: &Option<(String, Vec<Column>)>, batch: &mut Vec<Vec<Cell>>, loaded: &mut u64) -> Result<(), AppError> {
    let Some((name, columns)) = table else { return Ok(()) };
    if !batch.is_empty() {
        tx.load_rows(name, columns, batch)?;
        *loaded += batch.len() as u64;
        batch.clear();
    }
    Ok(())
}

/// The customers erased in the backups of `file`'s folder made after it (their manifests read
/// with the same key): a restore of an older backup destroys their keys again, so an erasure
/// is not undone by going back to an older copy.
pub fn erasures_since(file: &Path, source: &KeySource) -> Result<Vec<Erasure>, AppError> {
    let key_for = from_source(source);
    let this = read_manifest(file, &key_for).ok_or_else(|| damaged(file, "its manifest cannot be read"))?;
    let mut found: Vec<Erasure> = Vec::new();
    let folder = file.parent().unwrap_or(Path::new("."));
    for other in backups_in(folder, usize::MAX) {
        if let Some(newer) = read_manifest(&other, &key_for).filter(|m| m.created_at_unix_micros > this.created_at_unix_micros) {
            for erasure in newer.erased {
                if !found.iter().any(|known| known.customer_id == erasure.customer_id) {
                    found.push(erasure);
                }
            }
        }
    }
    Ok(found)
}

impl Vault {
    /// This vault's erasure register: every customer whose key was destroyed, and when (ids
    /// and times from the trail, nothing personal), for a restore of an older copy to apply.
    pub fn erasure_register(&self, actor: &Actor) -> Result<Vec<Erasure>, AppError> {
        self.require(actor, Permission::BackupManage, AuditAction::AuditRead, None)?;
        let mut tx = self.store.begin_snapshot()?;
        erasures(tx.as_mut())
    }

    /// Destroys again the keys of customers erased after the backup this vault was restored
    /// from; returns those whose key was still there.
    /// Each is erased as the first erasure was: what the law still keeps stays, under keys of
    /// its own. Destroying keys is the owner's, after a step-up.
    pub fn reapply_erasures(&self, actor: &Actor, erasures: &[Erasure]) -> Result<Vec<strongroom_domain::CustomerId>, AppError> {
        if !erasures.is_empty() {
            self.require(actor, Permission::KeysManage, AuditAction::DataKeyDestroy, None)?;
            self.require_step_up(actor, AuditAction::DataKeyDestroy, None)?;
        }
        let mut reapplied = Vec::new();
        for erasure in erasures {
            let still_there = self.store.begin_snapshot()?.data_key(strongroom_store::OwnerKind::Customer, erasure.customer_id)?.is_some();
            if still_there {
                let id = strongroom_domain::CustomerId::from_uuid(erasure.customer_id);
                // A record that does not open for its holds is still erased: its key goes.
                match self.erase_again(actor, id, time::OffsetDateTime::now_utc().date()) {
                    Err(AppError::Corrupt(_) | AppError::Crypto(_)) => {
                        self.shred_customer_key(actor, id)?;
                    }
                    other => other?,
                }
                reapplied.push(id);
            }
        }
        Ok(reapplied)
    }

    /// Records in a vault just restored that it came from a backup, and which.
    pub fn record_restore(&self, actor: &Actor, file: &Path, manifest: &Manifest) -> Result<(), AppError> {
        self.require(actor, Permission::BackupManage, AuditAction::BackupRestore, None)?;
        let mut tx = self.store.begin()?;
        let made = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(manifest.created_at_unix_micros) * 1000)
            .map(|at| at.to_string())
            .unwrap_or_default();
        let event = EventDraft::new(actor, AuditAction::BackupRestore).target(RecordKind::Vault, Uuid::nil()).detail(format!(
            "from {} (made {made}, {} customers, {} audit events)",
            file.file_name().map(|name| name.to_string_lossy()).unwrap_or_default(),
            manifest.customers,
            manifest.audit_events
        ));
        self.record(tx.as_mut(), &[event.finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(())
    }
}

/// Restores `file` into a fresh SQLite database in a temporary folder and checks it as a real
/// restore would be checked: the vault opens with the key, its audit trail verifies, a sample of
/// customers opens, and every table holds what the manifest says. The folder is removed after.
pub fn restore_test(file: &Path, source: &KeySource, settings: VaultSettings) -> Result<Vec<String>, AppError> {
    restore_test_with(file, &from_source(source), &|store| Vault::open(store, source, settings))
}

pub(super) fn restore_test_with(
    file: &Path,
    key_for: KeyFor<'_>,
    open: &dyn Fn(Box<dyn Store>) -> Result<Vault, AppError>,
) -> Result<Vec<String>, AppError> {
    remove_stale_restore_tests();
    let dir = tempfile::Builder::new()
        .prefix(RESTORE_TEST_PREFIX)
        .tempdir()
        .map_err(|error| unusable(format!("cannot make a temporary folder to restore into: {error}")))?;
    let location = StoreLocation::Sqlite(dir.path().join("strongroom.sqlite"));
    let restored = restore_with(file, key_for, strongroom_store::open_unmigrated(&location)?.as_ref())?;
    let vault = open(strongroom_store::open(&location)?)?;
    let mut problems = Vec::new();
    let trail = vault.check_trail(restored.manifest.checkpoint.as_ref().map(|checkpoint| checkpoint.note.as_str()))?;
    if !trail.is_ok() {
        problems.push(format!(
            "the restored audit trail does not verify: {}",
            trail.problems.iter().map(|p| p.message.clone()).collect::<Vec<_>>().join("; ")
        ));
    }
    problems.extend(vault.open_sample(100)?);
    let mut tx = vault.store.begin_snapshot()?;
    for table in &restored.manifest.tables {
        let spec = BACKUP_TABLES.iter().find(|spec| spec.name == table.name);
        let Some(spec) = spec else { continue };
        let rows = tx.dump_table(spec.name, &spec.columns(), &mut |_| Ok(()))?;
        if rows != table.rows {
            problems.push(format!("the restored {} holds {rows} rows, the manifest {}", table.name, table.rows));
        }
    }
    Ok(problems)
}

/// The temporary folders restore tests restore into.
const RESTORE_TEST_PREFIX: &str = "strongroom-restore-test-";

/// Removes the temporary folders of restore tests that were killed (a drill that lost its
/// power, say) over an hour ago: they hold a sealed copy of the vault that nobody will use.
fn remove_stale_restore_tests() {
    let Ok(entries) = fs::read_dir(std::env::temp_dir()) else { return };
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for entry in entries.flatten() {
        let stale = entry.file_name().to_string_lossy().starts_with(RESTORE_TEST_PREFIX)
            && entry.metadata().and_then(|meta| meta.modified()).is_ok_and(|modified| modified < hour_ago);
        if stale {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

impl Vault {
    /// Opens up to `limit` customers' records (every sealed field), as a restore test does:
    /// the problems found, in words. Nothing is recorded; this runs on a throwaway copy.
    fn open_sample(&self, limit: usize) -> Result<Vec<String>, AppError> {
        let mut tx = self.store.begin_snapshot()?;
        let mut problems = Vec::new();
        for row in tx.customers_page(None, limit)? {
            let Some(key_row) = tx.data_key(strongroom_store::OwnerKind::Customer, row.id)? else { continue };
            let opened = self.keys.open_data_key(&key_row).and_then(|key| crate::customers::sealing::open_customer(&key, &row));
            if let Err(error) = opened {
                problems.push(format!("customer {} does not open: {error}", row.id));
            }
        }
        Ok(problems)
    }
}
