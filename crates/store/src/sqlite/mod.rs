//! The SQLite backend: the embedded default, one database file in the data directory.
//!
//! One connection behind a mutex: SQLite has one writer at a time anyway, and every use-case
//! writes its audit event. The file is created owner-only (0600) before SQLite opens it; SQLite
//! gives its WAL and shared-memory files the same mode. `secure_delete` makes SQLite overwrite
//! deleted content, so a destroyed data key does not linger in free pages of the file.
//!
//! A `LIMIT` takes its parameter as `LIMIT ?n + 0`, never a bare `LIMIT ?n`: SQLite (3.50)
//! plans with a bare one's value, which marks the statement to be prepared again at every new
//! binding, a fifth of an API read's CPU when the token check pages the trail. The test
//! `no_bare_limit_parameters` keeps it so in this folder; the SQL both backends share
//! (`sql.rs`) writes its counts through `count_parameter`, bare on PostgreSQL, which would type
//! `$n + 0` as a 4-byte integer and refuse the 8-byte value bound to it.

mod audit;
mod backup;
mod checkpoints;
mod customers;
mod erasure;
mod group;
mod imports;
mod incidents;
mod keyring;
mod mail;
mod records;
mod requests;
mod secrets;
mod sessions;
mod settings;
mod staff;
mod tokens;

use std::fs::OpenOptions;
use std::ops::DerefMut;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::sync::{Arc, LazyLock, Mutex, MutexGuard};

use rusqlite::{Connection, Row, params};
use strongroom_domain::{Field, RecordKind};
use uuid::Uuid;

use crate::group::PendingAudit;
use crate::sql;
use crate::{
    Backend, BlindIndexEntry, CustomerRow, DataKeyRow, GroupedJob, GroupedReply, OwnerKind, RecordRead, SealedFields, Store, StoreError, Tx,
};

const MIGRATIONS: &[&str] = &[
    include_str!("0001_vault.sql"),
    include_str!("0002_staff.sql"),
    include_str!("0003_api.sql"),
    include_str!("0004_access_macs.sql"),
    include_str!("0005_workshop.sql"),
    include_str!("0006_sales.sql"),
    include_str!("0007_audit_by_action.sql"),
    include_str!("0008_incidents.sql"),
    include_str!("0009_mail.sql"),
    include_str!("0010_settings.sql"),
    include_str!("0011_requests.sql"),
    include_str!("0012_erasure.sql"),
    include_str!("0013_desk.sql"),
    include_str!("0014_secrets.sql"),
    include_str!("0015_search_entries.sql"),
    include_str!("0016_exact_widths.sql"),
    include_str!("0017_index_without_foreign_key.sql"),
];

/// The schema version this build migrates to.
pub(crate) const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// A vault database in one SQLite file.
#[derive(Debug)]
pub struct SqliteStore {
    path: std::path::PathBuf,
    connection: Arc<Mutex<Connection>>,
    /// Grouped jobs waiting for the writer thread (`crate::group`).
    group: Arc<crate::group::Group>,
    /// Held during a checkpoint by the group's checkpoint thread (`checkpoints.rs`) or by
    /// [`Store::purge_deleted`]: the second of two at once would fail busy.
    checkpointing: Arc<Mutex<()>>,
}

impl Drop for SqliteStore {
    fn drop(&mut self) {
        self.group.stop();
    }
}

impl SqliteStore {
    /// Opens the database at `path`, creating it owner-only if missing, and migrates it.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        let store = SqliteStore::connect(path)?;
        {
            let mut connection = store.lock();
            migrate(&mut connection)?;
            // From here on every commit that wrote is made durable by `sync_wal`, the fsync that
            // synchronous=FULL would make inside COMMIT, so that a committed operation and its
            // audit event survive a power cut too. Doing it ourselves lets a group commit run the
            // next batch while the previous one's fsync is in flight. (NORMAL still syncs the WAL
            // before every checkpoint into the main file, and the main file after it.)
            // SQLite's automatic checkpoint runs inside the commit that crosses its limit and
            // holds that caller up for its copy and fsync of the main file: every 10,000 pages of
            // log (40 MB) instead of SQLite's 1,000. The exact lookup's p99 at 20,000 customers
            // (5,000 lookups, two runs each, alternating) was 575–767 µs against 745–1,117 µs.
            // While grouped jobs keep the store busy, a thread of the group copies the log a
            // little at a time beside the writer (`checkpoints.rs`), so the automatic one finds
            // little left and mostly restarts the log. Erasures still empty the log at once
            // (`purge_deleted`).
            connection.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 10000;")?;
        }
        Ok(store)
    }

    /// Opens (or creates, owner-only) the database at `path` without migrating it: a restore
    /// builds the schema inside its own transaction. Commits are synchronous=FULL.
    pub fn open_unmigrated(path: &Path) -> Result<SqliteStore, StoreError> {
        // A restore fills an empty file in one transaction. With a rollback journal that
        // journal holds only the pages the file had before (none), and every page is written
        // once, into the file; in WAL mode each would be written twice, to the log and then
        // checkpointed into the file. The next ordinary open turns WAL on again.
        SqliteStore::connect_with(path, "DELETE")
    }

    fn connect(path: &Path) -> Result<SqliteStore, StoreError> {
        SqliteStore::connect_with(path, "WAL")
    }

    fn connect_with(path: &Path, journal_mode: &str) -> Result<SqliteStore, StoreError> {
        if !path.exists() {
            OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)?;
        }
        let connection = Connection::open(path)?;
        // WAL: readers never block the writer, and a crash never corrupts the file.
        // An 8 MiB page cache, not more: while the file is under 1 GiB, a commit that balanced a
        // B-tree walks every page in the cache (the balance renumbers pages through page
        // 262,145, and the commit's trim of the cache to the file's size then cannot skip to
        // the end): 13% of the writer thread under the API load with 32 MiB (`perf`). The
        // operating system caches the file anyway. Measured against 32 MiB (2026-12-07,
        // alternating): API reads at 100,000 customers 15,600–15,800 requests/s against 14,400
        // and p99 7.9–8.0 ms against 8.7–8.8 ms; at 1,000,000 customers the import 45.5–45.7 s
        // against 47.0–51.4 s at a peak of 93–94 MB against 152, exact lookups' p99
        // 0.87–0.94 ms against 1.05–1.23 ms, and a restore 33.8–38.6 s against 37.2–43.7 s;
        // the pages at 100,000 customers within the noise.
        connection.execute_batch(&format!(
            "PRAGMA journal_mode = {journal_mode};
             PRAGMA synchronous = FULL;
             PRAGMA foreign_keys = ON;
             PRAGMA secure_delete = ON;
             PRAGMA busy_timeout = 5000;
             PRAGMA cache_size = -8192;"
        ))?;
        // Every statement of a use-case stays prepared; the default 16 made a grouped read,
        // with the token check, the record, its sales, jobs and the trail's frontier and tree,
        // parse some of them again at every request.
        connection.set_prepared_statement_cache_capacity(256);
        sync_directory(path)?;
        Ok(SqliteStore {
            path: path.to_owned(),
            connection: Arc::new(Mutex::new(connection)),
            group: Arc::default(),
            checkpointing: Arc::default(),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        lock_connection(&self.connection)
    }
}

fn lock_connection(connection: &Mutex<Connection>) -> MutexGuard<'_, Connection> {
    // A panic while holding the lock leaves an open transaction that Drop rolled back.
    connection.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
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

/// Runs one statement without parameters or rows (a transaction's BEGIN, SAVEPOINT, RELEASE or
/// COMMIT) through the statement cache: `execute_batch` would parse it again at every use,
/// several times per grouped read.
fn run(connection: &Connection, statement: &str) -> Result<(), StoreError> {
    connection.prepare_cached(statement)?.execute([])?;
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
    migrate_steps(&transaction, SCHEMA_VERSION)?;
    transaction.commit()?;
    Ok(())
}

/// Applies the migrations after the database's version up to `up_to`, in the caller's
/// transaction. A database newer than this build, or a version it does not know, is refused.
fn migrate_steps(connection: &Connection, up_to: u32) -> Result<(), StoreError> {
    connection.execute_batch("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)")?;
    let current: i64 = connection.query_row("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", [], |row| row.get(0))?;
    let supported = i64::from(SCHEMA_VERSION);
    if current > supported || i64::from(up_to) > supported {
        return Err(StoreError::SchemaTooNew { found: current.max(i64::from(up_to)), supported });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().take(up_to as usize).skip(current as usize) {
        connection.execute_batch(sql)?;
        connection.execute("INSERT INTO schema_migrations (version) VALUES (?1)", [index as i64 + 1])?;
    }
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
        let _checkpointing = self.checkpointing.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let busy: i64 = self.lock().query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |row| row.get(0))?;
        Ok(busy == 0)
    }

    fn another_connection(&self) -> Result<Box<dyn Store>, StoreError> {
        Ok(Box::new(SqliteStore::connect(&self.path)?))
    }

    fn begin_snapshot(&self) -> Result<Box<dyn Tx + '_>, StoreError> {
        let connection = self.lock();
        // A deferred transaction in WAL mode reads one snapshot from its first read on, while
        // other processes go on writing.
        run(&connection, "BEGIN DEFERRED")?;
        Ok(Box::new(SqliteTx::top_level(connection)))
    }

    fn begin(&self) -> Result<Box<dyn Tx + '_>, StoreError> {
        let connection = self.lock();
        // IMMEDIATE takes the write lock now, so a transaction never fails half-way on upgrade.
        run(&connection, "BEGIN IMMEDIATE")?;
        Ok(Box::new(SqliteTx::top_level(connection)))
    }

    fn submit_grouped_reading(&self, reads: Option<RecordRead>, job: GroupedJob, reply: GroupedReply) {
        let batches = || {
            Arc::new(group::SqliteBatches::new(Arc::clone(&self.connection), &self.path, Arc::clone(&self.checkpointing)))
                as Arc<dyn crate::group::Batches>
        };
        self.group.submit_to("sqlite", batches, crate::group::Queued { job, reads, reply });
    }
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
        run(&self.connection, "COMMIT")?;
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
            let undo: &[&str] = match &mut self.pending {
                Some((pending, mark)) => {
                    pending.events.truncate(*mark);
                    &["ROLLBACK TO grouped_job", "RELEASE grouped_job"]
                }
                None => &["ROLLBACK"],
            };
            for statement in undo {
                let _ = run(&self.connection, statement);
            }
        }
    }
}

fn sealed_columns(kind: RecordKind) -> String {
    Field::of(kind).map(|field| field.name()).collect::<Vec<_>>().join(", ")
}

fn placeholder(index: usize) -> String {
    format!("?{index}")
}

fn placeholders(from: usize, n: usize) -> String {
    (from..from + n).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ")
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

    /// Inserts search entries, each with its customer, in the order given.
    fn insert_index_entries(&self, entries: &[(BlindIndexEntry, Uuid)]) -> Result<(), StoreError> {
        let mut statement =
            self.connection.prepare_cached("INSERT OR IGNORE INTO blind_index (index_id, value, customer_id) VALUES (?1, ?2, ?3)")?;
        for (entry, customer_id) in entries {
            statement.execute(params![entry.index_id, entry.value, customer_id.as_bytes()])?;
        }
        Ok(())
    }

    fn customers_where(&self, condition: &str, values: &[&dyn rusqlite::ToSql]) -> Result<Vec<CustomerRow>, StoreError> {
        let sql =
            format!("SELECT id, created_at, updated_at, restricted, {} FROM customers {condition}", sealed_columns(RecordKind::Customer));
        let mut statement = self.connection.prepare_cached(&sql)?;
        let rows = statement.query_map(values, |row| {
            Ok((row.get::<_, Vec<u8>>(0)?, row.get(1)?, row.get(2)?, row.get(3)?, sealed_from(row, RecordKind::Customer, 4)?))
        })?;
        rows.map(|row| {
            let (id, created_at, updated_at, restricted, sealed) = row?;
            Ok(CustomerRow { id: uuid_from(id)?, created_at, updated_at, restricted, sealed })
        })
        .collect()
    }
}

/// A data key row's columns as SQLite returns them: owner kind, owner id, versions, wrapped key.
type DataKeyColumns = (i64, Vec<u8>, u32, u32, Vec<u8>);

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
    /// One statement per customer, their row joined with their key, where each took two.
    fn customers_with_keys(&mut self, ids: &[Uuid]) -> Result<Vec<(CustomerRow, Option<DataKeyRow>)>, StoreError> {
        static CUSTOMER_WITH_KEY: LazyLock<String> = LazyLock::new(|| {
            format!(
                "SELECT c.id, c.created_at, c.updated_at, c.restricted, {}, k.owner_kind, k.owner_id, k.data_key_version, k.master_version,
                 k.wrapped FROM customers c LEFT JOIN data_keys k ON k.owner_kind = ?2 AND k.owner_id = c.id WHERE c.id = ?1",
                sealed_columns(RecordKind::Customer)
            )
        });
        let mut statement = self.connection.prepare_cached(&CUSTOMER_WITH_KEY)?;
        let key_at = 4 + Field::of(RecordKind::Customer).count();
        let mut found = Vec::with_capacity(ids.len());
        for id in ids {
            let mut rows = statement.query(params![id.as_bytes(), OwnerKind::Customer.code()])?;
            let Some(row) = rows.next()? else { continue };
            // The key's columns follow the customer's, empty when the key was destroyed.
            let key: Option<DataKeyColumns> = match row.get::<_, Option<i64>>(key_at)? {
                Some(kind) => Some((kind, row.get(key_at + 1)?, row.get(key_at + 2)?, row.get(key_at + 3)?, row.get(key_at + 4)?)),
                None => None,
            };
            let customer = CustomerRow {
                id: uuid_from(row.get::<_, Vec<u8>>(0)?)?,
                created_at: row.get(1)?,
                updated_at: row.get(2)?,
                restricted: row.get(3)?,
                sealed: sealed_from(row, RecordKind::Customer, 4)?,
            };
            found.push((customer, key.map(data_key_row).transpose()?));
        }
        Ok(found)
    }

    fn commit(mut self: Box<Self>) -> Result<(), StoreError> {
        if self.pending.is_some() {
            run(&self.connection, "RELEASE grouped_job")?;
            self.finished = true;
            return Ok(());
        }
        let wrote = self.connection.total_changes() != self.changes_at_begin;
        run(&self.connection, "COMMIT")?;
        self.finished = true;
        if wrote {
            sync_wal(self.connection.path())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    /// See the module's documentation: a bare `LIMIT ?n` is prepared again at every use.
    #[test]
    fn no_bare_limit_parameters() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/sqlite");
        let bare = bare_limits(&folder);
        assert!(bare.is_empty(), "write `LIMIT ?n + 0`: {bare:?}");
    }

    /// The lines of the folder's Rust files with a `LIMIT ?` not followed by `n + 0`.
    fn bare_limits(folder: &std::path::Path) -> Vec<String> {
        let mut bare = Vec::new();
        for entry in std::fs::read_dir(folder).expect("the SQLite backend's folder") {
            let path = entry.expect("a folder entry").path();
            if path.extension().is_none_or(|extension| extension != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("a source file");
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            for (number, line) in code.lines().enumerate().filter(|(_, line)| !line.trim_start().starts_with("//")) {
                for (at, _) in line.match_indices("LIMIT ?") {
                    let rest = line[at + "LIMIT ?".len()..].trim_start_matches(|c: char| c.is_ascii_digit() || c == '{' || c == '}');
                    if !rest.starts_with(" + 0") {
                        bare.push(format!("{}:{}", path.display(), number + 1));
                    }
                }
            }
        }
        bare
    }
}
