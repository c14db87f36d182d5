//! Backups that restore.
//!
//! A backup is one file holding every table of the vault (`strongroom_store::BACKUP_TABLES`)
//! read from one snapshot while the shop keeps working, compressed with zstd and sealed in
//! chunks under a key of its own derived from the shop key (`format.rs`). It is written under
//! a temporary name, synced, then renamed, so a backup that was killed half-way never looks like
//! one. [`check_backup`] reads a file through without restoring it and names every damaged,
//! reordered or missing chunk; [`restore_backup`] fills an empty database of either backend in
//! one transaction, so a restore that stops half-way leaves nothing behind.

pub mod format;
pub mod kit;
pub mod plan;

use std::fs::{self, File, OpenOptions};
use std::io::{BufReader, BufWriter};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::Instant;

use strongroom_audit::VerifierKey;
use strongroom_crypto::{BACKUP_SALT_LEN, BackupKey};
use strongroom_domain::{Actor, AuditAction, Outcome, Permission, RecordKind};
use strongroom_store::{AuditFilter, BACKUP_TABLES, Cell, Column, KeyProtection, Store, StoreLocation, Tx};
use uuid::Uuid;

use self::format::{ChunkProblem, Erasure, Header, HeaderProblem, Manifest, ManifestCheckpoint, Opened, Record, TableCount};
use crate::keyring::shop_key;
use crate::trail::draft::EventDraft;
use crate::{AppError, KeySource, Vault, VaultSettings, now_micros};

/// What a backup file's name ends with.
pub const BACKUP_EXTENSION: &str = "srbk";
/// Rows handed to the database at once by a restore.
const LOAD_BATCH: usize = 10_000;
/// Problems listed by a check; past this, only counted.
const MAX_PROBLEMS: usize = 20;

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

/// What reading a backup through found.
#[derive(Debug, Clone)]
pub struct BackupCheck {
    pub file: PathBuf,
    pub bytes: u64,
    pub chunks: u64,
    /// The manifest, when the file's end could be read.
    pub manifest: Option<Manifest>,
    /// Rows counted per table as read.
    pub tables: Vec<TableCount>,
    /// Everything found wrong, in plain words; empty when the backup is whole.
    pub problems: Vec<String>,
    pub seconds: f64,
}

impl BackupCheck {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty() && self.manifest.is_some()
    }
}

/// A restore that finished.
#[derive(Debug, Clone)]
pub struct Restored {
    pub manifest: Manifest,
    pub rows: u64,
    pub seconds: f64,
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
            .map_err(|error| unusable(format!("cannot write {}: {error}", partial.display())))?;
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
        let io_error = |error: std::io::Error| unusable(format!("cannot write {}: {error}", partial.display()));
        let mut writer = format::Writer::new(BufWriter::with_capacity(1 << 20, out), key, &header).map_err(io_error)?;
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
            .map_err(|error| unusable(format!("cannot write to the backup folder {}: {error}", dir.display())))?;
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
        unusable(format!("cannot finish the backup in {}: {error}", self.dir.display()))
    }
}

/// Reads a backup through without restoring it: every chunk opened at its place, the rows
/// decoded and counted, the counts and chunk hashes compared with the manifest, and the audit
/// checkpoint's signature checked. Damage is reported, not raised; a wrong key or a file that
/// is not a backup is an error.
pub fn check_backup(file: &Path, source: &KeySource) -> Result<BackupCheck, AppError> {
    check_with(file, &from_source(source))
}

fn check_with(file: &Path, key_for: KeyFor<'_>) -> Result<BackupCheck, AppError> {
    let started = Instant::now();
    let (_, header_bytes, key, input) = open_file(file, key_for)?;
    let mut reader = format::ChunkReader::new(input, header_bytes);
    let mut problems = Problems::default();
    let mut counter = Counter::default();
    let mut hashes = Vec::new();
    let mut manifest = None;
    let mut chunks = 0;
    loop {
        match reader.next(&key) {
            Ok(None) => break,
            Ok(Some(chunk)) => {
                chunks += 1;
                match chunk.opened {
                    Ok(Opened::Rows(records)) => {
                        hashes.push(chunk.hash);
                        if problems.is_empty()
                            && let Err(why) = counter.read(&records, false, &mut |_| Ok(()))
                        {
                            problems.push(ChunkProblem::Unreadable { index: chunk.index, why }.to_string());
                        }
                    }
                    Ok(Opened::Manifest(found)) => manifest = Some(*found),
                    Err(problem) => {
                        hashes.push(chunk.hash);
                        problems.push(problem.to_string());
                    }
                }
            }
            Err(problem) => {
                problems.push(problem.to_string());
                break;
            }
        }
    }
    if let Some(manifest) = &manifest {
        compare_with_manifest(manifest, &hashes, &counter, &mut problems);
    }
    Ok(BackupCheck {
        file: file.to_owned(),
        bytes: reader.bytes,
        chunks,
        manifest,
        tables: counter.tables,
        problems: problems.finish(),
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// What a manifest promises against what was read.
fn compare_with_manifest(manifest: &Manifest, hashes: &[String], counter: &Counter, problems: &mut Problems) {
    if manifest.chunks.len() != hashes.len() {
        problems.push(format!("the manifest lists {} chunks of rows but the file holds {}", manifest.chunks.len(), hashes.len()));
    } else if let Some(index) = manifest.chunks.iter().zip(hashes).position(|(listed, read)| listed != read) {
        problems.push(format!("chunk {index} differs from the one the manifest lists"));
    }
    if problems.is_empty() {
        if counter.open_table.is_some() {
            problems.push("the rows end inside a table".into());
        }
        if counter.tables != manifest.tables {
            problems.push(format!(
                "the rows read ({}) differ from the manifest's counts ({})",
                describe(&counter.tables),
                describe(&manifest.tables)
            ));
        }
    }
    match VerifierKey::parse(&manifest.log_verifier) {
        Err(error) => problems.push(format!("the audit trail's public key in the manifest cannot be read: {error}")),
        Ok(verifier) => {
            if let Some(checkpoint) = &manifest.checkpoint {
                match verifier.open_checkpoint(&checkpoint.note) {
                    Err(error) => problems.push(format!("the audit checkpoint's signature does not verify: {error}")),
                    Ok(opened) if opened.size != checkpoint.size || opened.size > manifest.audit_events => {
                        problems.push(format!(
                            "the audit checkpoint covers {} events but the backup holds {}",
                            opened.size, manifest.audit_events
                        ));
                    }
                    Ok(_) => {}
                }
            }
        }
    }
}

fn describe(tables: &[TableCount]) -> String {
    tables.iter().filter(|table| table.rows > 0).map(|table| format!("{} {}", table.name, table.rows)).collect::<Vec<_>>().join(", ")
}

/// The problems a check lists (the first [`MAX_PROBLEMS`], then a count).
#[derive(Default)]
struct Problems {
    listed: Vec<String>,
    more: usize,
}

impl Problems {
    fn push(&mut self, problem: String) {
        if self.listed.len() < MAX_PROBLEMS { self.listed.push(problem) } else { self.more += 1 }
    }

    fn is_empty(&self) -> bool {
        self.listed.is_empty()
    }

    fn finish(mut self) -> Vec<String> {
        if self.more > 0 {
            self.listed.push(format!("and {} more problems", self.more));
        }
        self.listed
    }
}

/// Follows the records, counting each table's rows and checking each table's stated count.
#[derive(Default)]
struct Counter {
    tables: Vec<TableCount>,
    open_table: Option<(String, Vec<Column>)>,
    columns: Vec<Column>,
    rows: u64,
}

impl Counter {
    /// Reads one chunk's records, handing each table start and row on to `each`.
    /// `keep_rows`: whether each row's cells are read into values (a restore) or only checked
    /// and counted (a check, several times faster).
    fn read(&mut self, records: &[u8], keep_rows: bool, each: &mut dyn FnMut(Record) -> Result<(), String>) -> Result<(), String> {
        let mut columns = std::mem::take(&mut self.columns);
        let result = format::decode_records(records, &mut columns, keep_rows, &mut |record| {
            match &record {
                Record::Table { name, columns } => {
                    if let Some((open, _)) = &self.open_table {
                        return Err(format!("table {name} starts before {open} ends"));
                    }
                    self.open_table = Some((name.clone(), columns.clone()));
                    self.rows = 0;
                }
                Record::Row(_) => self.rows += 1,
                Record::End { rows } => {
                    let (name, _) = self.open_table.take().ok_or("a table ends that never started")?;
                    if *rows != self.rows {
                        return Err(format!("{name} says it holds {rows} rows, but {} were read", self.rows));
                    }
                    self.tables.push(TableCount { name, rows: *rows });
                }
            }
            each(record)
        });
        self.columns = columns;
        result
    }
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
    let this = plan::read_manifest(file, &key_for).ok_or_else(|| damaged(file, "its manifest cannot be read"))?;
    let mut found: Vec<Erasure> = Vec::new();
    let folder = file.parent().unwrap_or(Path::new("."));
    for other in plan::backups_in(folder, usize::MAX) {
        if let Some(newer) = plan::read_manifest(&other, &key_for).filter(|m| m.created_at_unix_micros > this.created_at_unix_micros) {
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
    pub fn reapply_erasures(&self, actor: &Actor, erasures: &[Erasure]) -> Result<Vec<strongroom_domain::CustomerId>, AppError> {
        let mut reapplied = Vec::new();
        for erasure in erasures {
            let still_there = self.store.begin_snapshot()?.data_key(strongroom_store::OwnerKind::Customer, erasure.customer_id)?.is_some();
            if still_there {
                let id = strongroom_domain::CustomerId::from_uuid(erasure.customer_id);
                self.shred_customer_key(actor, id)?;
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

fn restore_test_with(
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
            let opened =
                self.keys.open_data_key(&key_row).and_then(|key| crate::customers::sealing::open_customer(&key, &row, self.settings));
            if let Err(error) = opened {
                problems.push(format!("customer {} does not open: {error}", row.id));
            }
        }
        Ok(problems)
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
