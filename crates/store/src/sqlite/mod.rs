//! The SQLite backend: the embedded default, one database file in the data directory.
//!
//! One connection behind a mutex: SQLite has one writer at a time anyway, and every use-case
//! writes its audit event. The file is created owner-only (0600) before SQLite opens it; SQLite
//! gives its WAL and shared-memory files the same mode. `secure_delete` makes SQLite overwrite
//! deleted content, so a destroyed data key does not linger in free pages of the file.

use std::any::Any;
use std::fs::OpenOptions;
use std::ops::DerefMut;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::sync::{Mutex, MutexGuard, mpsc};

use rusqlite::{Connection, OptionalExtension, Row, params};
use strongroom_audit::{AuditEvent, Frontier, Hash};
use strongroom_domain::{Field, RecordKind};
use uuid::Uuid;

use crate::audit_log::{self, CheckpointRow};
use crate::rows;
use crate::sql;
use crate::{
    AmlRecordRow, ApiTokenRow, AuditFilter, Backend, BlindIndexEntry, CustomerRow, DataKeyRow, GroupedJob, IdempotencyRow, ImportProgress,
    KeyProtection, KeyringMeta, MasterKeyRow, MasterKeyState, NewCustomerRows, OwnerKind, PurchaseRow, RepairRow, SealedFields, SessionRow,
    StaffRow, Store, StoreError, Tx,
};

const MIGRATIONS: &[&str] =
    &[include_str!("0001_vault.sql"), include_str!("0002_staff.sql"), include_str!("0003_api.sql"), include_str!("0004_access_macs.sql")];

/// A vault database in one SQLite file.
#[derive(Debug)]
pub struct SqliteStore {
    connection: Mutex<Connection>,
    group: Mutex<GroupState>,
}

impl SqliteStore {
    /// Opens the database at `path`, creating it owner-only if missing, and migrates it.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        if !path.exists() {
            OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)?;
        }
        let mut connection = Connection::open(path)?;
        // WAL: readers never block the writer, and a crash never corrupts the file.
        connection.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = FULL;
             PRAGMA foreign_keys = ON;
             PRAGMA secure_delete = ON;
             PRAGMA busy_timeout = 5000;
             PRAGMA cache_size = -32768;",
        )?;
        migrate(&mut connection)?;
        // From here on every commit that wrote is made durable by `sync_wal`, the fsync that
        // synchronous=FULL would make inside COMMIT, so that a committed operation and its audit
        // event survive a power cut too. Doing it ourselves lets a group commit run the next
        // batch while the previous one's fsync is in flight. (NORMAL still syncs the WAL before
        // every checkpoint into the main file, and the main file after it.)
        connection.execute_batch("PRAGMA synchronous = NORMAL;")?;
        sync_directory(path)?;
        Ok(SqliteStore { connection: Mutex::new(connection), group: Mutex::default() })
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves an open transaction that Drop rolled back.
        self.connection.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Makes everything committed to the database at `path` durable: fsyncs its write-ahead log
/// (or the main file, when there is no log).
fn sync_wal(path: Option<&str>) -> Result<(), StoreError> {
    let Some(path) = path.filter(|path| !path.is_empty()) else {
        return Ok(()); // in memory: nothing to make durable
    };
    match std::fs::File::open(format!("{path}-wal")) {
        Ok(wal) => wal.sync_data()?,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => std::fs::File::open(path)?.sync_data()?,
        Err(error) => return Err(error.into()),
    }
    Ok(())
}

/// Makes the creation of the database file and its log durable.
fn sync_directory(path: &Path) -> Result<(), StoreError> {
    let directory = path.parent().filter(|parent| !parent.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::File::open(directory)?.sync_all()?;
    Ok(())
}

fn migrate(connection: &mut Connection) -> Result<(), StoreError> {
    let transaction = connection.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    transaction.execute_batch("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)")?;
    let current: i64 = transaction.query_row("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", [], |row| row.get(0))?;
    let supported = MIGRATIONS.len() as i64;
    if current > supported {
        return Err(StoreError::SchemaTooNew { found: current, supported });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        transaction.execute_batch(sql)?;
        transaction.execute("INSERT INTO schema_migrations (version) VALUES (?1)", [index as i64 + 1])?;
    }
    transaction.commit()?;
    Ok(())
}

impl Store for SqliteStore {
    fn backend(&self) -> Backend {
        Backend::Sqlite
    }

    fn purge_deleted(&self) -> Result<bool, StoreError> {
        // After a crypto-shred this leaves no copy of the destroyed key in the WAL. The pragma
        // waits (the busy timeout) for readers of older snapshots, then says whether it could
        // not finish: its first column.
        let busy: i64 = self.lock().query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |row| row.get(0))?;
        Ok(busy == 0)
    }

    fn begin_snapshot(&self) -> Result<Box<dyn Tx + '_>, StoreError> {
        let connection = self.lock();
        // A deferred transaction in WAL mode reads one snapshot from its first read on, while
        // other processes go on writing.
        connection.execute_batch("BEGIN DEFERRED")?;
        Ok(Box::new(SqliteTx::top_level(connection)))
    }

    fn begin(&self) -> Result<Box<dyn Tx + '_>, StoreError> {
        let connection = self.lock();
        // IMMEDIATE takes the write lock now, so a transaction never fails half-way on upgrade.
        connection.execute_batch("BEGIN IMMEDIATE")?;
        Ok(Box::new(SqliteTx::top_level(connection)))
    }

    fn run_grouped(&self, job: GroupedJob) -> JobResult {
        let (reply, turn) = mpsc::channel();
        let (own_id, lead) = {
            let mut group = self.group.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            let id = group.next_id;
            group.next_id += 1;
            group.queue.push(Queued { id, job, reply });
            (id, !std::mem::replace(&mut group.leading, true))
        };
        if !lead {
            // Woken once: with this job's result, or to lead the next batch (which holds it).
            match turn.recv() {
                Ok(Turn::Done(result)) => return result,
                Ok(Turn::Lead) => {}
                Err(_) => return Err(StoreError::Conflict("the group commit's leader went away".into())),
            }
        }
        let batch = std::mem::take(&mut self.group.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).queue);
        let (results, committed) = self.run_batch(batch);
        {
            // Hand the lead to the first job queued meanwhile, so its batch runs during our fsync.
            let mut group = self.group.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            match group.queue.first() {
                Some(next) => {
                    let _ = next.reply.send(Turn::Lead);
                }
                None => group.leading = false,
            }
        }
        let durable = committed.and_then(|path| sync_wal(path.as_deref()));
        let mut own = Err(StoreError::Conflict("a grouped job was lost".into()));
        for (id, reply, result) in results {
            let result = match &durable {
                Ok(()) => result,
                Err(error) => Err(StoreError::Conflict(format!("the shared commit failed: {error}"))),
            };
            if id == own_id {
                own = result;
            } else {
                let _ = reply.send(Turn::Done(result));
            }
        }
        own
    }
}

/// What a grouped job hands back to its caller.
type JobResult = Result<Box<dyn Any + Send>, StoreError>;

/// A job that ran in a batch: its id, where to tell its caller, and what it returned (handed
/// out only if the batch's commit is durable).
type Ran = (u64, mpsc::Sender<Turn>, JobResult);

/// A job waiting for the next batch, and where to tell its caller.
struct Queued {
    id: u64,
    job: GroupedJob,
    reply: mpsc::Sender<Turn>,
}

/// What a waiting caller of `run_grouped` is woken with.
enum Turn {
    /// Run the queued batch (which holds your job).
    Lead,
    Done(JobResult),
}

/// Jobs waiting for the next shared transaction, and whether a caller is leading one.
#[derive(Default)]
struct GroupState {
    queue: Vec<Queued>,
    leading: bool,
    next_id: u64,
}

impl std::fmt::Debug for GroupState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "GroupState({} queued, leading: {})", self.queue.len(), self.leading)
    }
}

impl SqliteStore {
    /// Runs a batch of jobs in one transaction, each in its own savepoint: a failing job rolls
    /// back alone. The jobs' audit events are appended together at the end (one extension of
    /// the tree), and one commit makes all of them visible together. Returns each job's result
    /// and, if the commit succeeded, the path whose log the caller must fsync before handing
    /// any result out; the connection is free again by then, so the next batch runs meanwhile.
    fn run_batch(&self, batch: Vec<Queued>) -> (Vec<Ran>, Result<Option<String>, StoreError>) {
        let not_run =
            |queued: Queued| -> Ran { (queued.id, queued.reply, Err(StoreError::Conflict("the shared transaction did not start".into()))) };
        let mut connection = self.lock();
        let mut results = Vec::with_capacity(batch.len());
        if let Err(error) = connection.execute_batch("BEGIN IMMEDIATE") {
            results.extend(batch.into_iter().map(not_run));
            return (results, Err(error.into()));
        }
        let mut top = SqliteTx::top_level(&mut *connection);
        let mut pending = match top.audit_frontier() {
            Ok(frontier) => PendingAudit { base: frontier.size(), events: Vec::new() },
            Err(error) => {
                results.extend(batch.into_iter().map(not_run));
                return (results, Err(error));
            }
        };
        for Queued { id, job, reply } in batch {
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| -> JobResult {
                top.connection.execute_batch("SAVEPOINT grouped_job")?;
                let mark = pending.events.len();
                let mut tx = SqliteTx {
                    connection: &mut *top.connection,
                    finished: false,
                    pending: Some((&mut pending, mark)),
                    changes_at_begin: 0,
                };
                let value = job(&mut tx)?;
                Box::new(tx).commit()?;
                Ok(value)
            }))
            .unwrap_or_else(|_| Err(StoreError::Conflict("a grouped job panicked; its work was rolled back".into())));
            results.push((id, reply, outcome));
        }
        let appended = if pending.events.is_empty() {
            Ok(())
        } else {
            top.append_audit_events(&pending.events).and_then(|first| {
                if first == pending.base {
                    Ok(())
                } else {
                    Err(StoreError::Conflict(format!("the audit trail grew from {} to {first} during a grouped commit", pending.base)))
                }
            })
        };
        let committed = appended.and_then(|()| top.commit_without_sync());
        let path = connection.path().map(str::to_owned);
        (results, committed.map(|()| path))
    }
}

/// Audit events of a batch's jobs, appended together when the batch commits.
struct PendingAudit {
    /// The tree size when the batch began: the index of the first pending event.
    base: u64,
    events: Vec<AuditEvent>,
}

/// A transaction: the top-level one (`begin`), or one job's savepoint inside a shared one.
struct SqliteTx<'p, C: DerefMut<Target = Connection>> {
    connection: C,
    finished: bool,
    /// In a grouped job: the batch's pending audit events, and how many there were when this
    /// job began (its own are cut off again if it rolls back).
    pending: Option<(&'p mut PendingAudit, usize)>,
    /// `total_changes` when a top-level transaction began: whether its commit needs an fsync.
    changes_at_begin: u64,
}

impl<C: DerefMut<Target = Connection>> SqliteTx<'static, C> {
    fn top_level(connection: C) -> Self {
        let changes_at_begin = connection.total_changes();
        SqliteTx { connection, finished: false, pending: None, changes_at_begin }
    }
}

impl<C: DerefMut<Target = Connection>> SqliteTx<'_, C> {
    /// Commits a top-level transaction without waiting for the disk (the caller syncs).
    fn commit_without_sync(mut self) -> Result<(), StoreError> {
        self.connection.execute_batch("COMMIT")?;
        self.finished = true;
        Ok(())
    }

    /// The audit trail's stored state is behind a grouped job's pending events, so it is not
    /// read or signed inside one.
    fn outside_group(&self) -> Result<(), StoreError> {
        match self.pending {
            None => Ok(()),
            Some(_) => Err(StoreError::Conflict("the audit trail's state is not readable inside a grouped job".into())),
        }
    }
}

impl<C: DerefMut<Target = Connection>> Drop for SqliteTx<'_, C> {
    fn drop(&mut self) {
        if !self.finished {
            // Nothing to report to: the caller is already unwinding from an error or a panic.
            let undo = match &mut self.pending {
                Some((pending, mark)) => {
                    pending.events.truncate(*mark);
                    "ROLLBACK TO grouped_job; RELEASE grouped_job"
                }
                None => "ROLLBACK",
            };
            let _ = self.connection.execute_batch(undo);
        }
    }
}

fn sealed_columns(kind: RecordKind) -> String {
    Field::of(kind).map(|field| field.name()).collect::<Vec<_>>().join(", ")
}

fn repair_from(row: &Row<'_>) -> Result<RepairRow, StoreError> {
    Ok(RepairRow {
        id: uuid_from(row.get(0)?)?,
        customer_id: uuid_from(row.get(1)?)?,
        kind: row.get(2)?,
        status: row.get(3)?,
        received_on: row.get(4)?,
        promised_on: row.get(5)?,
        created_at: row.get(6)?,
        sealed: sealed_from(row, RecordKind::Repair, 7)?,
    })
}

fn placeholder(index: usize) -> String {
    format!("?{index}")
}

fn placeholders(from: usize, n: usize) -> String {
    (from..from + n).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ")
}

fn staff_params(row: &StaffRow) -> Vec<Box<dyn rusqlite::ToSql + '_>> {
    vec![
        Box::new(row.id.as_bytes().as_slice()),
        Box::new(row.username.as_str()),
        Box::new(row.role.as_str()),
        Box::new(row.disabled),
        Box::new(row.password_hash.as_deref()),
        Box::new(row.password_changed_at),
        Box::new(row.must_change_password),
        Box::new(row.enrolment_code_hash.as_deref()),
        Box::new(row.enrolment_expires_at),
        Box::new(row.totp_secret.as_deref()),
        Box::new(row.totp_pending.as_deref()),
        Box::new(row.totp_last_step),
        Box::new(row.passkeys.as_deref()),
        Box::new(row.failed_logins),
        Box::new(row.last_failed_at),
        Box::new(row.locked_at),
        Box::new(row.created_at),
        Box::new(row.language.as_str()),
        Box::new(row.session_epoch),
        Box::new(row.row_mac.as_deref()),
    ]
}

fn staff_from(row: &Row<'_>) -> Result<StaffRow, StoreError> {
    Ok(StaffRow {
        id: uuid_from(row.get(0)?)?,
        username: row.get(1)?,
        role: rows::role_from(&row.get::<_, String>(2)?)?,
        disabled: row.get(3)?,
        password_hash: row.get(4)?,
        password_changed_at: row.get(5)?,
        must_change_password: row.get(6)?,
        enrolment_code_hash: row.get(7)?,
        enrolment_expires_at: row.get(8)?,
        totp_secret: row.get(9)?,
        totp_pending: row.get(10)?,
        totp_last_step: row.get(11)?,
        passkeys: row.get(12)?,
        failed_logins: row.get(13)?,
        last_failed_at: row.get(14)?,
        locked_at: row.get(15)?,
        created_at: row.get(16)?,
        language: row.get(17)?,
        session_epoch: row.get(18)?,
        row_mac: row.get(19)?,
    })
}

fn api_token_params(row: &ApiTokenRow) -> Vec<Box<dyn rusqlite::ToSql + '_>> {
    vec![
        Box::new(row.id.as_bytes().as_slice()),
        Box::new(row.name.as_str()),
        Box::new(row.token_hash.as_slice()),
        Box::new(row.role.as_str()),
        Box::new(row.scopes.as_str()),
        Box::new(row.created_by.as_str()),
        Box::new(row.created_at),
        Box::new(row.expires_at),
        Box::new(row.revoked_at),
        Box::new(row.last_used_at),
        Box::new(row.row_mac.as_deref()),
    ]
}

fn api_token_from(row: &Row<'_>) -> Result<ApiTokenRow, StoreError> {
    Ok(ApiTokenRow {
        id: uuid_from(row.get(0)?)?,
        name: row.get(1)?,
        token_hash: rows::hash_from(&row.get::<_, Vec<u8>>(2)?)?,
        role: rows::role_from(&row.get::<_, String>(3)?)?,
        scopes: row.get(4)?,
        created_by: row.get(5)?,
        created_at: row.get(6)?,
        expires_at: row.get(7)?,
        revoked_at: row.get(8)?,
        last_used_at: row.get(9)?,
        row_mac: row.get(10)?,
    })
}

fn session_params(row: &SessionRow) -> Vec<Box<dyn rusqlite::ToSql + '_>> {
    vec![
        Box::new(row.id_hash.as_slice()),
        Box::new(row.staff_id.as_bytes().as_slice()),
        Box::new(row.created_at),
        Box::new(row.last_seen_at),
        Box::new(row.second_factor_at),
        Box::new(row.step_up_at),
        Box::new(row.client_addr.as_deref()),
        Box::new(row.row_mac.as_deref()),
    ]
}

fn session_from(row: &Row<'_>) -> Result<SessionRow, StoreError> {
    Ok(SessionRow {
        id_hash: rows::hash_from(&row.get::<_, Vec<u8>>(0)?)?,
        staff_id: uuid_from(row.get(1)?)?,
        created_at: row.get(2)?,
        last_seen_at: row.get(3)?,
        second_factor_at: row.get(4)?,
        step_up_at: row.get(5)?,
        client_addr: row.get(6)?,
        row_mac: row.get(7)?,
    })
}

impl<C: DerefMut<Target = Connection>> SqliteTx<'_, C> {
    /// Every row a statement returns, each read by `from`.
    fn query_rows<T>(
        &mut self,
        statement: &str,
        params: impl rusqlite::Params,
        from: impl Fn(&Row<'_>) -> Result<T, StoreError>,
    ) -> Result<Vec<T>, StoreError> {
        let mut statement = self.connection.prepare_cached(statement)?;
        let mut rows = statement.query(params)?;
        let mut found = Vec::new();
        while let Some(row) = rows.next()? {
            found.push(from(row)?);
        }
        Ok(found)
    }
}

fn uuid_from(bytes: Vec<u8>) -> Result<Uuid, StoreError> {
    Uuid::from_slice(&bytes).map_err(|_| StoreError::Corrupt("an id is not 16 bytes".into()))
}

/// Reads the sealed columns of `kind` starting at column `first`.
fn sealed_from(row: &Row<'_>, kind: RecordKind, first: usize) -> rusqlite::Result<SealedFields> {
    let n = Field::of(kind).count();
    let columns = (first..first + n).map(|index| row.get::<_, Option<Vec<u8>>>(index)).collect::<Result<Vec<_>, _>>()?;
    Ok(SealedFields::from_columns(kind, columns))
}

fn bind_sealed(values: &mut Vec<Box<dyn rusqlite::ToSql>>, sealed: &SealedFields, kind: RecordKind) {
    for column in sealed.columns(kind) {
        values.push(Box::new(column.map(<[u8]>::to_vec)));
    }
}

fn execute_boxed(connection: &Connection, sql: &str, values: &[Box<dyn rusqlite::ToSql>]) -> Result<usize, StoreError> {
    let mut statement = connection.prepare_cached(sql)?;
    Ok(statement.execute(rusqlite::params_from_iter(values.iter().map(|v| v.as_ref())))?)
}

impl<C: DerefMut<Target = Connection>> SqliteTx<'_, C> {
    fn insert_data_key(&self, row: &DataKeyRow) -> Result<(), StoreError> {
        self.connection
            .prepare_cached(
                "INSERT INTO data_keys (owner_kind, owner_id, data_key_version, master_version, wrapped) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![row.owner_kind.code(), row.owner_id.as_bytes(), row.data_key_version, row.master_version, row.wrapped])?;
        Ok(())
    }

    /// Inserts a purchase, repair or AML record: its plaintext `values`, then its sealed fields.
    fn insert_record(
        &self,
        table: &str,
        plain: &[&str],
        kind: RecordKind,
        mut values: Vec<Box<dyn rusqlite::ToSql>>,
        sealed: &SealedFields,
    ) -> Result<(), StoreError> {
        bind_sealed(&mut values, sealed, kind);
        execute_boxed(&self.connection, &sql::insert_record(table, plain, kind, placeholder), &values)?;
        Ok(())
    }

    fn insert_index_entries(&self, customer_id: Uuid, index: &[BlindIndexEntry]) -> Result<(), StoreError> {
        let mut statement =
            self.connection.prepare_cached("INSERT OR IGNORE INTO blind_index (index_id, value, customer_id) VALUES (?1, ?2, ?3)")?;
        for entry in index {
            statement.execute(params![entry.index_id, entry.value, customer_id.as_bytes()])?;
        }
        Ok(())
    }

    fn customers_where(&self, condition: &str, values: &[&dyn rusqlite::ToSql]) -> Result<Vec<CustomerRow>, StoreError> {
        let sql = format!("SELECT id, created_at, updated_at, {} FROM customers {condition}", sealed_columns(RecordKind::Customer));
        let mut statement = self.connection.prepare_cached(&sql)?;
        let rows = statement.query_map(values, |row| {
            Ok((row.get::<_, Vec<u8>>(0)?, row.get(1)?, row.get(2)?, sealed_from(row, RecordKind::Customer, 3)?))
        })?;
        rows.map(|row| {
            let (id, created_at, updated_at, sealed) = row?;
            Ok(CustomerRow { id: uuid_from(id)?, created_at, updated_at, sealed })
        })
        .collect()
    }
}

/// A data key row's columns as SQLite returns them: owner kind, owner id, versions, wrapped key.
type DataKeyColumns = (i64, Vec<u8>, u32, u32, Vec<u8>);

fn data_key_from(row: &Row<'_>) -> rusqlite::Result<DataKeyColumns> {
    Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?))
}

fn data_key_row(parts: DataKeyColumns) -> Result<DataKeyRow, StoreError> {
    let (owner_kind, owner_id, data_key_version, master_version, wrapped) = parts;
    Ok(DataKeyRow {
        owner_kind: OwnerKind::from_code(owner_kind)?,
        owner_id: uuid_from(owner_id)?,
        data_key_version,
        master_version,
        wrapped,
    })
}

impl<C: DerefMut<Target = Connection>> Tx for SqliteTx<'_, C> {
    fn commit(mut self: Box<Self>) -> Result<(), StoreError> {
        if self.pending.is_some() {
            self.connection.execute_batch("RELEASE grouped_job")?;
            self.finished = true;
            return Ok(());
        }
        let wrote = self.connection.total_changes() != self.changes_at_begin;
        self.connection.execute_batch("COMMIT")?;
        self.finished = true;
        if wrote {
            sync_wal(self.connection.path())?;
        }
        Ok(())
    }

    fn keyring_meta(&mut self) -> Result<Option<KeyringMeta>, StoreError> {
        let row = self
            .connection
            .query_row("SELECT protection, kdf, blind_index_bits, demo, created_at FROM keyring_meta", [], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, Option<String>>(1)?, row.get(2)?, row.get(3)?, row.get(4)?))
            })
            .optional()?;
        row.map(|(protection, kdf, blind_index_bits, demo, created_at)| {
            let protection = match (protection.as_str(), kdf) {
                ("key_file", _) => KeyProtection::KeyFile,
                ("passphrase", Some(kdf)) => KeyProtection::Passphrase { kdf },
                _ => return Err(StoreError::Corrupt("keyring protection".into())),
            };
            Ok(KeyringMeta { protection, blind_index_bits, demo, created_at })
        })
        .transpose()
    }

    fn insert_keyring_meta(&mut self, meta: &KeyringMeta) -> Result<(), StoreError> {
        let (protection, kdf) = match &meta.protection {
            KeyProtection::KeyFile => ("key_file", None),
            KeyProtection::Passphrase { kdf } => ("passphrase", Some(kdf.as_str())),
        };
        self.connection.execute(
            "INSERT INTO keyring_meta (singleton, protection, kdf, blind_index_bits, demo, created_at) VALUES (1, ?1, ?2, ?3, ?4, ?5)",
            params![protection, kdf, meta.blind_index_bits, meta.demo, meta.created_at],
        )?;
        Ok(())
    }

    fn master_keys(&mut self) -> Result<Vec<MasterKeyRow>, StoreError> {
        let mut statement =
            self.connection.prepare_cached("SELECT version, wrapped, state, created_at FROM master_keys ORDER BY version")?;
        let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get::<_, String>(2)?, row.get(3)?)))?;
        rows.map(|row| {
            let (version, wrapped, state, created_at) = row?;
            Ok(MasterKeyRow { version, wrapped, state: MasterKeyState::parse(&state)?, created_at })
        })
        .collect()
    }

    fn insert_master_key(&mut self, row: &MasterKeyRow) -> Result<(), StoreError> {
        self.connection.execute(
            "INSERT INTO master_keys (version, wrapped, state, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![row.version, row.wrapped, row.state.as_str(), row.created_at],
        )?;
        Ok(())
    }

    fn set_master_key_state(&mut self, version: u32, state: MasterKeyState) -> Result<(), StoreError> {
        self.connection.execute("UPDATE master_keys SET state = ?1 WHERE version = ?2", params![state.as_str(), version])?;
        Ok(())
    }

    fn delete_master_key(&mut self, version: u32) -> Result<(), StoreError> {
        self.connection.execute("DELETE FROM master_keys WHERE version = ?1", [version])?;
        Ok(())
    }

    fn insert_data_keys(&mut self, rows: &[DataKeyRow]) -> Result<(), StoreError> {
        rows.iter().try_for_each(|row| self.insert_data_key(row))
    }

    fn data_key(&mut self, owner_kind: OwnerKind, owner_id: Uuid) -> Result<Option<DataKeyRow>, StoreError> {
        let row = self
            .connection
            .prepare_cached(
                "SELECT owner_kind, owner_id, data_key_version, master_version, wrapped FROM data_keys WHERE owner_kind = ?1 AND owner_id = ?2",
            )?
            .query_row(params![owner_kind.code(), owner_id.as_bytes()], data_key_from)
            .optional()?;
        row.map(data_key_row).transpose()
    }

    fn data_keys_older_than(&mut self, master_version: u32, limit: usize) -> Result<Vec<DataKeyRow>, StoreError> {
        let mut statement = self.connection.prepare_cached(
            "SELECT owner_kind, owner_id, data_key_version, master_version, wrapped FROM data_keys
             WHERE master_version < ?1 ORDER BY master_version, owner_kind, owner_id LIMIT ?2",
        )?;
        let rows = statement.query_map(params![master_version, limit as i64], data_key_from)?;
        rows.map(|row| data_key_row(row?)).collect()
    }

    fn update_data_key_wraps(&mut self, rows: &[DataKeyRow]) -> Result<(), StoreError> {
        let mut statement = self.connection.prepare_cached(
            "UPDATE data_keys SET master_version = ?1, wrapped = ?2 WHERE owner_kind = ?3 AND owner_id = ?4 AND data_key_version = ?5",
        )?;
        for row in rows {
            let n = statement.execute(params![
                row.master_version,
                row.wrapped,
                row.owner_kind.code(),
                row.owner_id.as_bytes(),
                row.data_key_version
            ])?;
            if n != 1 {
                return Err(StoreError::Conflict(format!("the data key of a {} changed during re-wrapping", row.owner_kind.as_str())));
            }
        }
        Ok(())
    }

    fn data_key_counts(&mut self) -> Result<Vec<(u32, u64)>, StoreError> {
        let mut statement = self
            .connection
            .prepare_cached("SELECT master_version, COUNT(*) FROM data_keys GROUP BY master_version ORDER BY master_version")?;
        let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get::<_, i64>(1)? as u64)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn destroy_data_key(&mut self, owner_kind: OwnerKind, owner_id: Uuid) -> Result<bool, StoreError> {
        let n = self
            .connection
            .execute("DELETE FROM data_keys WHERE owner_kind = ?1 AND owner_id = ?2", params![owner_kind.code(), owner_id.as_bytes()])?;
        Ok(n == 1)
    }

    fn insert_customers(&mut self, rows: &[NewCustomerRows]) -> Result<(), StoreError> {
        let n_sealed = Field::of(RecordKind::Customer).count();
        let sql = format!(
            "INSERT INTO customers (id, created_at, updated_at, {}) VALUES (?1, ?2, ?3, {})",
            sealed_columns(RecordKind::Customer),
            placeholders(4, n_sealed)
        );
        for row in rows {
            let customer = &row.customer;
            let mut values: Vec<Box<dyn rusqlite::ToSql>> =
                vec![Box::new(customer.id.as_bytes().to_vec()), Box::new(customer.created_at), Box::new(customer.updated_at)];
            bind_sealed(&mut values, &customer.sealed, RecordKind::Customer);
            execute_boxed(&self.connection, &sql, &values)?;
            self.insert_data_key(&row.data_key)?;
            self.insert_index_entries(customer.id, &row.index)?;
        }
        Ok(())
    }

    fn update_customer(&mut self, row: &CustomerRow, index: &[BlindIndexEntry]) -> Result<(), StoreError> {
        let assignments: Vec<String> =
            Field::of(RecordKind::Customer).enumerate().map(|(i, field)| format!("{} = ?{}", field.name(), i + 3)).collect();
        let sql = format!("UPDATE customers SET updated_at = ?2, {} WHERE id = ?1", assignments.join(", "));
        let mut values: Vec<Box<dyn rusqlite::ToSql>> = vec![Box::new(row.id.as_bytes().to_vec()), Box::new(row.updated_at)];
        bind_sealed(&mut values, &row.sealed, RecordKind::Customer);
        if execute_boxed(&self.connection, &sql, &values)? != 1 {
            return Err(StoreError::Conflict("the customer to update does not exist".into()));
        }
        self.delete_index_entries(row.id)?;
        self.insert_index_entries(row.id, index)
    }

    fn customer(&mut self, id: Uuid) -> Result<Option<CustomerRow>, StoreError> {
        Ok(self.customers_where("WHERE id = ?1", &[&id.as_bytes().as_slice()])?.pop())
    }

    fn customers_page(&mut self, after: Option<Uuid>, limit: usize) -> Result<Vec<CustomerRow>, StoreError> {
        let after = after.map(|id| id.as_bytes().to_vec()).unwrap_or_default();
        self.customers_where("WHERE id > ?1 ORDER BY id LIMIT ?2", &[&after, &(limit as i64)])
    }

    fn count_customers(&mut self) -> Result<u64, StoreError> {
        Ok(self.connection.query_row("SELECT COUNT(*) FROM customers", [], |row| row.get::<_, i64>(0))? as u64)
    }

    fn delete_index_entries(&mut self, customer_id: Uuid) -> Result<(), StoreError> {
        self.connection.prepare_cached("DELETE FROM blind_index WHERE customer_id = ?1")?.execute([customer_id.as_bytes()])?;
        Ok(())
    }

    fn customers_by_index(&mut self, entry: BlindIndexEntry) -> Result<Vec<Uuid>, StoreError> {
        let mut statement = self.connection.prepare_cached("SELECT customer_id FROM blind_index WHERE index_id = ?1 AND value = ?2")?;
        let ids = statement.query_map(params![entry.index_id, entry.value], |row| row.get::<_, Vec<u8>>(0))?;
        ids.map(|id| uuid_from(id?)).collect()
    }

    fn customers_by_all_indexes(
        &mut self,
        entries: &[BlindIndexEntry],
        after: Option<Uuid>,
        limit: usize,
    ) -> Result<Vec<Uuid>, StoreError> {
        if entries.is_empty() {
            return Ok(Vec::new());
        }
        let mut values: Vec<Box<dyn rusqlite::ToSql>> = Vec::with_capacity(2 * entries.len() + 2);
        for entry in entries {
            values.push(Box::new(entry.index_id));
            values.push(Box::new(entry.value));
        }
        if let Some(after) = after {
            values.push(Box::new(after.as_bytes().to_vec()));
        }
        values.push(Box::new(limit as i64));
        let statement = sql::select_by_all_indexes(entries.len(), after.is_some(), placeholder);
        self.query_rows(&statement, rusqlite::params_from_iter(values), |row| uuid_from(row.get(0)?))
    }

    fn insert_purchase(&mut self, row: &PurchaseRow) -> Result<(), StoreError> {
        let values: Vec<Box<dyn rusqlite::ToSql>> = vec![
            Box::new(row.id.as_bytes().to_vec()),
            Box::new(row.customer_id.as_bytes().to_vec()),
            Box::new(row.purchased_on.clone()),
            Box::new(row.total_minor),
            Box::new(row.currency.clone()),
            Box::new(row.paid_in_cash),
            Box::new(row.created_at),
        ];
        self.insert_record("purchases", sql::PURCHASE_COLUMNS, RecordKind::Purchase, values, &row.sealed)
    }
    fn purchases_of(&mut self, customer_id: Uuid) -> Result<Vec<PurchaseRow>, StoreError> {
        let sql = sql::select_by_customer("purchases", sql::PURCHASE_COLUMNS, RecordKind::Purchase, placeholder);
        self.query_rows(&sql, [customer_id.as_bytes()], |row| {
            Ok(PurchaseRow {
                id: uuid_from(row.get(0)?)?,
                customer_id: uuid_from(row.get(1)?)?,
                purchased_on: row.get(2)?,
                total_minor: row.get(3)?,
                currency: row.get(4)?,
                paid_in_cash: row.get(5)?,
                created_at: row.get(6)?,
                sealed: sealed_from(row, RecordKind::Purchase, 7)?,
            })
        })
    }

    fn insert_repair(&mut self, row: &RepairRow) -> Result<(), StoreError> {
        let values: Vec<Box<dyn rusqlite::ToSql>> = vec![
            Box::new(row.id.as_bytes().to_vec()),
            Box::new(row.customer_id.as_bytes().to_vec()),
            Box::new(row.kind.clone()),
            Box::new(row.status.clone()),
            Box::new(row.received_on.clone()),
            Box::new(row.promised_on.clone()),
            Box::new(row.created_at),
        ];
        self.insert_record("repairs", sql::REPAIR_COLUMNS, RecordKind::Repair, values, &row.sealed)
    }
    fn repairs_of(&mut self, customer_id: Uuid) -> Result<Vec<RepairRow>, StoreError> {
        let sql = sql::select_by_customer("repairs", sql::REPAIR_COLUMNS, RecordKind::Repair, placeholder);
        self.query_rows(&sql, [customer_id.as_bytes()], repair_from)
    }
    fn repair(&mut self, id: Uuid) -> Result<Option<RepairRow>, StoreError> {
        let sql = sql::select_by_id("repairs", sql::REPAIR_COLUMNS, RecordKind::Repair, placeholder);
        Ok(self.query_rows(&sql, [id.as_bytes()], repair_from)?.pop())
    }
    fn set_repair_status(&mut self, id: Uuid, from: &str, to: &str) -> Result<bool, StoreError> {
        let sql = "UPDATE repairs SET status = ?1 WHERE id = ?2 AND status = ?3";
        Ok(self.connection.execute(sql, params![to, id.as_bytes(), from])? == 1)
    }
    fn repairs_with_status(&mut self, status: &str, limit: usize) -> Result<Vec<RepairRow>, StoreError> {
        self.query_rows(&sql::select_repairs_by_status(placeholder), params![status, limit as i64], repair_from)
    }

    fn insert_aml_record(&mut self, row: &AmlRecordRow) -> Result<(), StoreError> {
        let values: Vec<Box<dyn rusqlite::ToSql>> = vec![
            Box::new(row.id.as_bytes().to_vec()),
            Box::new(row.customer_id.as_bytes().to_vec()),
            Box::new(row.transaction_date.clone()),
            Box::new(row.retention_ends.clone()),
            Box::new(row.created_at),
        ];
        self.insert_record("aml_records", sql::AML_RECORD_COLUMNS, RecordKind::AmlRecord, values, &row.sealed)?;
        self.insert_data_key(&row.data_key)
    }
    fn aml_records_of(&mut self, customer_id: Uuid) -> Result<Vec<AmlRecordRow>, StoreError> {
        let sql = format!(
            "SELECT a.id, a.customer_id, a.transaction_date, a.retention_ends, a.created_at,
                    k.owner_kind, k.owner_id, k.data_key_version, k.master_version, k.wrapped, {}
             FROM aml_records a JOIN data_keys k ON k.owner_kind = ?2 AND k.owner_id = a.id
             WHERE a.customer_id = ?1 ORDER BY a.id",
            Field::of(RecordKind::AmlRecord).map(|f| format!("a.{}", f.name())).collect::<Vec<_>>().join(", ")
        );
        self.query_rows(&sql, params![customer_id.as_bytes(), OwnerKind::AmlRecord.code()], |row| {
            Ok(AmlRecordRow {
                id: uuid_from(row.get(0)?)?,
                customer_id: uuid_from(row.get(1)?)?,
                transaction_date: row.get(2)?,
                retention_ends: row.get(3)?,
                created_at: row.get(4)?,
                sealed: sealed_from(row, RecordKind::AmlRecord, 10)?,
                data_key: data_key_row((row.get(5)?, row.get(6)?, row.get(7)?, row.get(8)?, row.get(9)?))?,
            })
        })
    }

    fn append_audit_events(&mut self, events: &[AuditEvent]) -> Result<u64, StoreError> {
        if let Some((pending, _)) = &mut self.pending {
            let first = pending.base + pending.events.len() as u64;
            pending.events.extend_from_slice(events);
            return Ok(first);
        }
        let frontier = self.audit_frontier()?;
        let n_events: i64 = self.connection.query_row("SELECT COALESCE(MAX(seq) + 1, 0) FROM audit_events", [], |row| row.get(0))?;
        let first = frontier.size();
        if n_events as u64 != first {
            return Err(audit_log::tree_mismatch(n_events as u64, first));
        }
        let mut statement = self.connection.prepare_cached(
            "INSERT INTO audit_events (seq, at_unix_micros, actor_kind, actor_name, action, target_kind, target_id, categories, purpose, client_addr, outcome, detail)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        for (offset, event) in events.iter().enumerate() {
            statement.execute(params![
                (first + offset as u64) as i64,
                event.at_unix_micros,
                event.actor_kind,
                event.actor_name,
                event.action,
                event.target_kind,
                event.target_id.map(|id| id.to_vec()),
                event.categories.join(","),
                event.purpose,
                event.client_addr,
                event.outcome,
                event.detail,
            ])?;
        }
        let extension = audit_log::extend(frontier, events);
        let mut statement = self.connection.prepare_cached("INSERT INTO audit_tree (level, idx, hash) VALUES (?1, ?2, ?3)")?;
        for (level, index, hash) in &extension.subtrees {
            statement.execute(params![level, *index as i64, hash.as_slice()])?;
        }
        self.connection
            .prepare_cached(
                "INSERT INTO audit_frontier (singleton, size, peaks) VALUES (1, ?1, ?2)
                 ON CONFLICT (singleton) DO UPDATE SET size = excluded.size, peaks = excluded.peaks",
            )?
            .execute(params![extension.frontier.size() as i64, audit_log::encode_peaks(&extension.frontier)])?;
        Ok(first)
    }

    fn audit_frontier(&mut self) -> Result<Frontier, StoreError> {
        self.outside_group()?;
        let stored = self
            .connection
            .prepare_cached("SELECT size, peaks FROM audit_frontier")?
            .query_row([], |row| Ok((row.get::<_, i64>(0)?, row.get::<_, Vec<u8>>(1)?)))
            .optional()?;
        match stored {
            Some((size, peaks)) => audit_log::decode_frontier(size, &peaks),
            None => Ok(Frontier::new()),
        }
    }

    fn audit_subtree(&mut self, level: u32, index: u64) -> Result<Option<Hash>, StoreError> {
        self.outside_group()?;
        let hash = self
            .connection
            .prepare_cached("SELECT hash FROM audit_tree WHERE level = ?1 AND idx = ?2")?
            .query_row(params![level, index as i64], |row| row.get::<_, Vec<u8>>(0))
            .optional()?;
        hash.map(|bytes| audit_log::hash_from(&bytes)).transpose()
    }

    fn audit_subtrees(&mut self, level: u32, from: u64, limit: usize) -> Result<Vec<(u64, Hash)>, StoreError> {
        self.outside_group()?;
        let mut statement =
            self.connection.prepare_cached("SELECT idx, hash FROM audit_tree WHERE level = ?1 AND idx >= ?2 ORDER BY idx LIMIT ?3")?;
        let rows =
            statement.query_map(params![level, from as i64, limit as i64], |row| Ok((row.get::<_, i64>(0)?, row.get::<_, Vec<u8>>(1)?)))?;
        rows.map(|row| {
            let (index, hash) = row?;
            Ok((index as u64, audit_log::hash_from(&hash)?))
        })
        .collect()
    }

    fn insert_checkpoint(&mut self, checkpoint: &CheckpointRow) -> Result<(), StoreError> {
        self.outside_group()?;
        self.connection.execute(
            "INSERT INTO audit_checkpoints (size, root, at_unix_micros, note) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (size) DO NOTHING",
            params![checkpoint.size as i64, checkpoint.root.as_slice(), checkpoint.at_unix_micros, checkpoint.note],
        )?;
        Ok(())
    }

    fn checkpoints(&mut self) -> Result<Vec<CheckpointRow>, StoreError> {
        self.outside_group()?;
        let mut statement =
            self.connection.prepare_cached("SELECT size, root, at_unix_micros, note FROM audit_checkpoints ORDER BY size")?;
        let rows = statement.query_map([], |row| Ok((row.get::<_, i64>(0)?, row.get::<_, Vec<u8>>(1)?, row.get(2)?, row.get(3)?)))?;
        rows.map(|row| {
            let (size, root, at_unix_micros, note) = row?;
            Ok(CheckpointRow { size: size as u64, root: audit_log::hash_from(&root)?, at_unix_micros, note })
        })
        .collect()
    }

    fn audit_events(&mut self, from: u64, limit: usize) -> Result<Vec<(u64, AuditEvent)>, StoreError> {
        self.outside_group()?;
        self.query_audit_events(&AuditFilter { after_seq: from.checked_sub(1), limit, ..AuditFilter::default() })
    }

    fn checkpoint_notes(&mut self) -> Result<Vec<Option<String>>, StoreError> {
        self.outside_group()?;
        let mut statement = self.connection.prepare_cached("SELECT note FROM audit_checkpoints ORDER BY size")?;
        // A note that is not text (a blob, or bytes that are not UTF-8) is one unreadable note.
        let rows = statement.query_map([], |row| Ok(row.get_ref(0)?.as_str().ok().map(str::to_owned)))?;
        rows.map(|note| Ok(note?)).collect()
    }

    fn stray_audit_events(&mut self) -> Result<u64, StoreError> {
        self.outside_group()?;
        let n: i64 = self.connection.query_row("SELECT COUNT(*) FROM audit_events WHERE seq < 0", [], |row| row.get(0))?;
        Ok(n as u64)
    }

    fn audit_event_seqs(&mut self, from: u64, limit: usize) -> Result<Vec<u64>, StoreError> {
        self.outside_group()?;
        let from = i64::try_from(from).unwrap_or(i64::MAX);
        let mut statement = self.connection.prepare_cached("SELECT seq FROM audit_events WHERE seq >= ?1 ORDER BY seq LIMIT ?2")?;
        let rows = statement.query_map(params![from, limit as i64], |row| row.get::<_, i64>(0))?;
        rows.map(|seq| Ok(seq? as u64)).collect()
    }

    fn query_audit_events(&mut self, filter: &AuditFilter) -> Result<Vec<(u64, AuditEvent)>, StoreError> {
        self.outside_group()?;
        // One lower bound on the sequence number, always: a row with a negative one is not part
        // of the log (only a hand edit makes one; PostgreSQL's column refuses them, and
        // `stray_audit_events` counts them). Two bounds would let SQLite seek by the wrong one.
        let from = match filter.after_seq {
            None => 0,
            Some(after) => match i64::try_from(after) {
                Ok(after) if after < i64::MAX => after + 1,
                // Past the largest sequence number a store can hold: nothing comes after it.
                _ => return Ok(Vec::new()),
            },
        };
        let mut sql = String::from(
            "SELECT seq, at_unix_micros, actor_kind, actor_name, action, target_kind, target_id, categories, purpose, client_addr, outcome, detail
             FROM audit_events WHERE 1 = 1",
        );
        let mut values: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
        let mut condition = |sql: &mut String, clause: &str, value: Box<dyn rusqlite::ToSql>| {
            values.push(value);
            sql.push_str(&format!(" AND {clause} ?{}", values.len()));
        };
        if let Some(target) = filter.target_id {
            condition(&mut sql, "target_id =", Box::new(target.as_bytes().to_vec()));
        }
        if let Some(actor) = &filter.actor_name {
            condition(&mut sql, "actor_name =", Box::new(actor.clone()));
        }
        if let Some(action) = &filter.action {
            condition(&mut sql, "action =", Box::new(action.clone()));
        }
        if let Some(since) = filter.since {
            condition(&mut sql, "at_unix_micros >=", Box::new(since));
        }
        if let Some(until) = filter.until {
            condition(&mut sql, "at_unix_micros <", Box::new(until));
        }
        condition(&mut sql, "seq >=", Box::new(from));
        values.push(Box::new(filter.limit as i64));
        sql.push_str(&format!(" ORDER BY seq LIMIT ?{}", values.len()));
        let mut statement = self.connection.prepare_cached(&sql)?;
        let rows = statement.query_map(rusqlite::params_from_iter(values.iter().map(|v| v.as_ref())), |row| {
            let target_id: Option<Vec<u8>> = row.get(6)?;
            let categories: String = row.get(7)?;
            Ok((
                row.get::<_, i64>(0)? as u64,
                target_id,
                AuditEvent {
                    at_unix_micros: row.get(1)?,
                    actor_kind: row.get(2)?,
                    actor_name: row.get(3)?,
                    action: row.get(4)?,
                    target_kind: row.get(5)?,
                    target_id: None,
                    categories: crate::rows::split_categories(&categories),
                    purpose: row.get(8)?,
                    client_addr: row.get(9)?,
                    outcome: row.get(10)?,
                    detail: row.get(11)?,
                },
            ))
        })?;
        rows.map(|row| {
            let (seq, target_id, mut event) = row?;
            event.target_id = target_id
                .map(|bytes| {
                    <[u8; 16]>::try_from(bytes.as_slice()).map_err(|_| StoreError::Corrupt("an audit target id is not 16 bytes".into()))
                })
                .transpose()?;
            Ok((seq, event))
        })
        .collect()
    }

    fn insert_staff(&mut self, row: &StaffRow) -> Result<(), StoreError> {
        let statement = sql::insert("staff", sql::STAFF_COLUMNS, placeholder);
        match self.connection.prepare_cached(&statement)?.execute(rusqlite::params_from_iter(staff_params(row))) {
            Err(rusqlite::Error::SqliteFailure(error, _)) if error.code == rusqlite::ErrorCode::ConstraintViolation => {
                Err(StoreError::Conflict("that user name is taken".into()))
            }
            other => other.map(|_| ()).map_err(StoreError::from),
        }
    }

    fn update_staff(&mut self, row: &StaffRow) -> Result<(), StoreError> {
        let statement = sql::update_by_key("staff", sql::STAFF_COLUMNS, placeholder);
        self.connection.prepare_cached(&statement)?.execute(rusqlite::params_from_iter(staff_params(row)))?;
        Ok(())
    }

    fn staff(&mut self, id: Uuid) -> Result<Option<StaffRow>, StoreError> {
        let statement = sql::select("staff", sql::STAFF_COLUMNS, "WHERE id = ?1");
        Ok(self.query_rows(&statement, [id.as_bytes().as_slice()], staff_from)?.pop())
    }

    fn staff_by_name(&mut self, username: &str) -> Result<Option<StaffRow>, StoreError> {
        let statement = sql::select("staff", sql::STAFF_COLUMNS, "WHERE username = ?1");
        Ok(self.query_rows(&statement, [username], staff_from)?.pop())
    }

    fn all_staff(&mut self) -> Result<Vec<StaffRow>, StoreError> {
        self.query_rows(&sql::select("staff", sql::STAFF_COLUMNS, "ORDER BY username"), [], staff_from)
    }

    fn replace_recovery_codes(&mut self, staff_id: Uuid, hashes: &[[u8; 32]]) -> Result<(), StoreError> {
        self.connection.execute("DELETE FROM staff_recovery_codes WHERE staff_id = ?1", [staff_id.as_bytes().as_slice()])?;
        let mut statement = self.connection.prepare_cached("INSERT INTO staff_recovery_codes (staff_id, code_hash) VALUES (?1, ?2)")?;
        for hash in hashes {
            statement.execute(params![staff_id.as_bytes().as_slice(), hash.as_slice()])?;
        }
        Ok(())
    }

    fn use_recovery_code(&mut self, staff_id: Uuid, hash: &[u8; 32], at: i64) -> Result<bool, StoreError> {
        let used = self
            .connection
            .prepare_cached("UPDATE staff_recovery_codes SET used_at = ?3 WHERE staff_id = ?1 AND code_hash = ?2 AND used_at IS NULL")?
            .execute(params![staff_id.as_bytes().as_slice(), hash.as_slice(), at])?;
        Ok(used == 1)
    }

    fn recovery_code_hashes(&mut self, staff_id: Uuid) -> Result<Vec<Vec<u8>>, StoreError> {
        let mut statement = self.connection.prepare_cached("SELECT code_hash FROM staff_recovery_codes WHERE staff_id = ?1")?;
        let hashes = statement.query_map([staff_id.as_bytes().as_slice()], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(hashes)
    }

    fn rekey_recovery_code(&mut self, staff_id: Uuid, old: &[u8], new: &[u8; 32]) -> Result<(), StoreError> {
        self.connection
            .prepare_cached("UPDATE staff_recovery_codes SET code_hash = ?3 WHERE staff_id = ?1 AND code_hash = ?2")?
            .execute(params![staff_id.as_bytes().as_slice(), old, new.as_slice()])?;
        Ok(())
    }

    fn unused_recovery_codes(&mut self, staff_id: Uuid) -> Result<u32, StoreError> {
        let count: i64 = self.connection.query_row(
            "SELECT COUNT(*) FROM staff_recovery_codes WHERE staff_id = ?1 AND used_at IS NULL",
            [staff_id.as_bytes().as_slice()],
            |row| row.get(0),
        )?;
        Ok(count as u32)
    }

    fn insert_session(&mut self, row: &SessionRow) -> Result<(), StoreError> {
        let statement = sql::insert("sessions", sql::SESSION_COLUMNS, placeholder);
        self.connection.prepare_cached(&statement)?.execute(rusqlite::params_from_iter(session_params(row)))?;
        Ok(())
    }

    fn session(&mut self, id_hash: &[u8; 32]) -> Result<Option<SessionRow>, StoreError> {
        let statement = sql::select("sessions", sql::SESSION_COLUMNS, "WHERE id_hash = ?1");
        Ok(self.query_rows(&statement, [id_hash.as_slice()], session_from)?.pop())
    }

    fn update_session(&mut self, row: &SessionRow) -> Result<(), StoreError> {
        let statement = sql::update_by_key("sessions", sql::SESSION_COLUMNS, placeholder);
        self.connection.prepare_cached(&statement)?.execute(rusqlite::params_from_iter(session_params(row)))?;
        Ok(())
    }

    fn sessions_of(&mut self, staff_id: Uuid) -> Result<Vec<SessionRow>, StoreError> {
        let statement = sql::select("sessions", sql::SESSION_COLUMNS, "WHERE staff_id = ?1 ORDER BY created_at DESC");
        self.query_rows(&statement, [staff_id.as_bytes().as_slice()], session_from)
    }

    fn all_sessions(&mut self) -> Result<Vec<SessionRow>, StoreError> {
        self.query_rows(&sql::select("sessions", sql::SESSION_COLUMNS, "ORDER BY created_at"), [], session_from)
    }

    fn delete_session(&mut self, id_hash: &[u8; 32]) -> Result<bool, StoreError> {
        Ok(self.connection.execute("DELETE FROM sessions WHERE id_hash = ?1", [id_hash.as_slice()])? == 1)
    }

    fn delete_sessions_of(&mut self, staff_id: Uuid, keep: Option<&[u8; 32]>) -> Result<u64, StoreError> {
        let keep = keep.map(|hash| hash.as_slice()).unwrap_or_default();
        let ended = self
            .connection
            .execute("DELETE FROM sessions WHERE staff_id = ?1 AND id_hash != ?2", params![staff_id.as_bytes().as_slice(), keep])?;
        Ok(ended as u64)
    }

    fn delete_expired_sessions(&mut self, idle_before: i64, created_before: i64) -> Result<u64, StoreError> {
        let ended = self
            .connection
            .execute("DELETE FROM sessions WHERE last_seen_at < ?1 OR created_at < ?2", params![idle_before, created_before])?;
        Ok(ended as u64)
    }

    fn insert_api_token(&mut self, row: &ApiTokenRow) -> Result<(), StoreError> {
        let statement = sql::insert("api_tokens", sql::API_TOKEN_COLUMNS, placeholder);
        self.connection.prepare_cached(&statement)?.execute(rusqlite::params_from_iter(api_token_params(row)))?;
        Ok(())
    }

    fn api_token_by_hash(&mut self, token_hash: &[u8; 32]) -> Result<Option<ApiTokenRow>, StoreError> {
        let statement = sql::select("api_tokens", sql::API_TOKEN_COLUMNS, "WHERE token_hash = ?1");
        Ok(self.query_rows(&statement, [token_hash.as_slice()], api_token_from)?.pop())
    }

    fn api_token(&mut self, id: Uuid) -> Result<Option<ApiTokenRow>, StoreError> {
        let statement = sql::select("api_tokens", sql::API_TOKEN_COLUMNS, "WHERE id = ?1");
        Ok(self.query_rows(&statement, [id.as_bytes().as_slice()], api_token_from)?.pop())
    }

    fn api_tokens(&mut self) -> Result<Vec<ApiTokenRow>, StoreError> {
        self.query_rows(&sql::select("api_tokens", sql::API_TOKEN_COLUMNS, "ORDER BY created_at, id"), [], api_token_from)
    }

    fn update_api_token(&mut self, row: &ApiTokenRow) -> Result<(), StoreError> {
        let statement = sql::update_by_key("api_tokens", sql::API_TOKEN_COLUMNS, placeholder);
        self.connection.prepare_cached(&statement)?.execute(rusqlite::params_from_iter(api_token_params(row)))?;
        Ok(())
    }

    fn claim_idempotency_key(&mut self, row: &IdempotencyRow) -> Result<Option<IdempotencyRow>, StoreError> {
        // Every transaction here is BEGIN IMMEDIATE, so nobody else claims between the two statements.
        let existing = self
            .connection
            .query_row(
                "SELECT request_digest, result_id, created_at FROM idempotency_keys WHERE actor = ?1 AND idem_key = ?2",
                params![row.actor, row.key],
                |found| Ok((found.get::<_, Vec<u8>>(0)?, found.get::<_, Option<Vec<u8>>>(1)?, found.get::<_, i64>(2)?)),
            )
            .optional()?;
        if let Some((digest, result_id, created_at)) = existing {
            return Ok(Some(IdempotencyRow {
                actor: row.actor.clone(),
                key: row.key.clone(),
                request_digest: rows::hash_from(&digest)?,
                result_id: result_id.map(uuid_from).transpose()?,
                created_at,
            }));
        }
        self.connection.execute(
            "INSERT INTO idempotency_keys (actor, idem_key, request_digest, result_id, created_at) VALUES (?1, ?2, ?3, NULL, ?4)",
            params![row.actor, row.key, row.request_digest.as_slice(), row.created_at],
        )?;
        Ok(None)
    }

    fn finish_idempotency_key(&mut self, actor: &str, key: &str, result_id: Uuid) -> Result<(), StoreError> {
        self.connection.execute(
            "UPDATE idempotency_keys SET result_id = ?1 WHERE actor = ?2 AND idem_key = ?3",
            params![result_id.as_bytes(), actor, key],
        )?;
        Ok(())
    }

    fn purge_idempotency_keys(&mut self, created_before: i64) -> Result<u64, StoreError> {
        Ok(self.connection.execute("DELETE FROM idempotency_keys WHERE created_at < ?1", [created_before])? as u64)
    }

    fn import_progress(&mut self, file_digest: &[u8; 32]) -> Result<Option<ImportProgress>, StoreError> {
        Ok(self
            .connection
            .query_row(
                "SELECT rows_total, rows_done, rows_imported, rows_rejected, rejects_bytes, started_at, finished_at
                 FROM import_runs WHERE file_digest = ?1",
                [file_digest.as_slice()],
                |row| {
                    Ok(ImportProgress {
                        file_digest: *file_digest,
                        rows_total: row.get::<_, i64>(0)? as u64,
                        rows_done: row.get::<_, i64>(1)? as u64,
                        rows_imported: row.get::<_, i64>(2)? as u64,
                        rows_rejected: row.get::<_, i64>(3)? as u64,
                        rejects_bytes: row.get::<_, i64>(4)? as u64,
                        started_at: row.get(5)?,
                        finished_at: row.get(6)?,
                    })
                },
            )
            .optional()?)
    }

    fn save_import_progress(&mut self, progress: &ImportProgress, expected_rows_done: Option<u64>) -> Result<bool, StoreError> {
        let values = params![
            progress.file_digest.as_slice(),
            progress.rows_total as i64,
            progress.rows_done as i64,
            progress.rows_imported as i64,
            progress.rows_rejected as i64,
            progress.rejects_bytes as i64,
            progress.started_at,
            progress.finished_at,
            expected_rows_done.map(|done| done as i64),
        ];
        // One writer at a time: the condition is checked and the row written without a gap.
        let written = match expected_rows_done {
            None => self.connection.execute(
                "INSERT INTO import_runs (file_digest, rows_total, rows_done, rows_imported, rows_rejected, rejects_bytes, started_at, finished_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (file_digest) DO NOTHING",
                &values[..8],
            )?,
            Some(_) => self.connection.execute(
                "UPDATE import_runs SET rows_total = ?2, rows_done = ?3, rows_imported = ?4, rows_rejected = ?5, rejects_bytes = ?6,
                     started_at = ?7, finished_at = ?8
                 WHERE file_digest = ?1 AND rows_done = ?9 AND finished_at IS NULL",
                values,
            )?,
        };
        Ok(written == 1)
    }
}
