//! Strongroom's storage: the only crate that knows SQL.
//!
//! The store holds sealed bytes, blind-index numbers, wrapped keys and audit events. It never
//! sees a plaintext personal value or an unwrapped key: sealing happens in `app` with `crypto`
//! before a row reaches this crate. Two backends implement one [`Store`] trait and pass one
//! contract test suite: SQLite (the embedded default, one file in the data directory) and
//! PostgreSQL (for chains running several instances).
//!
//! All work happens inside a [`Tx`]: the `app` gate does its operation and appends its audit
//! event in the same transaction, and dropping a `Tx` without committing rolls it back.

mod audit_log;
mod backup;
mod error;
mod group;
mod postgres;
mod rows;
mod search_entries;
mod sql;
mod sqlite;
mod tx;

pub use audit_log::CheckpointRow;
pub use backup::{BACKUP_TABLES, Cell, Column, ColumnType, NOT_BACKED_UP, SchemaTables, TableSpec, is_plain_name};
pub use error::StoreError;
pub use postgres::PgStore;
pub use rows::{
    AmlRecordRow, ApiTokenRow, AuditFilter, AuditWindowCount, BlindIndexEntry, CustomerRecordRows, CustomerRow, DataKeyRow, DeskItemRow,
    IdempotencyRow, ImportProgress, IncidentImpactRow, IncidentLetterRow, IncidentRow, IncidentTaskRow, KeyProtection, KeyringMeta,
    MailRow, MasterKeyRow, MasterKeyState, NewCustomerRows, OwnerKind, PlaybookRow, PurchaseRow, RecordParts, RepairRow, RequestRow,
    SaleCorrectionRow, SealedFields, SecretRow, SessionRow, StaffRow,
};
pub use sqlite::SqliteStore;
pub use tx::{
    AuditTx, BackupTx, CustomerTx, ErasureTx, ImportTx, IncidentTx, KeyringTx, MailMove, MailTx, RecordTx, RequestTx, SecretTx, SessionTx,
    SettingTx, StaffTx, TokenTx, Tx,
};

use std::any::Any;

/// A unit of work for [`Store::run_grouped`]; what it returns is handed back to its caller.
pub type GroupedJob = Box<dyn FnOnce(&mut dyn Tx) -> Result<Box<dyn Any + Send>, StoreError> + Send>;

/// Where [`Store::submit_grouped`] hands a job's result, once its shared commit is durable.
pub type GroupedReply = Box<dyn FnOnce(Result<Box<dyn Any + Send>, StoreError>) + Send>;

/// A whole-record read a grouped job begins with: [`Tx::customer_record`]`(customer, parts)`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct RecordRead {
    pub customer: uuid::Uuid,
    pub parts: RecordParts,
}

/// Which database a store runs on.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn as_str(&self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// A database holding one shop's vault.
pub trait Store: Send + Sync {
    fn backend(&self) -> Backend;

    /// Makes deleted rows physically unrecoverable where the backend can: SQLite moves the WAL
    /// into the (secure-deleting) main file and truncates it; PostgreSQL vacuums the key table.
    /// `false` when it could not finish now: on SQLite, another connection (another process)
    /// kept reading an older snapshot past the busy timeout, so the log keeps its copy until a
    /// later checkpoint.
    fn purge_deleted(&self) -> Result<bool, StoreError>;

    /// Starts a read-only transaction that sees one snapshot of the database throughout, for
    /// long reads (verifying the audit trail) while other instances keep appending.
    fn begin_snapshot(&self) -> Result<Box<dyn Tx + '_>, StoreError>;

    /// Starts a read-write transaction. Every use-case writes (at least its audit event), so
    /// there are no read-only transactions.
    fn begin(&self) -> Result<Box<dyn Tx + '_>, StoreError>;

    /// Runs `job` in a transaction shared with other callers' jobs, each in its own savepoint,
    /// and returns its result once the shared commit is durable: group commit, so that many
    /// audited reads share one fsync. A job that fails rolls back alone.
    fn run_grouped(&self, job: GroupedJob) -> Result<Box<dyn Any + Send>, StoreError> {
        self.run_grouped_reading(None, job)
    }

    /// [`Store::run_grouped`] with the whole-record read `job` begins with, if any
    /// ([`Store::submit_grouped_reading`]).
    fn run_grouped_reading(&self, reads: Option<RecordRead>, job: GroupedJob) -> Result<Box<dyn Any + Send>, StoreError> {
        let (answer, answered) = std::sync::mpsc::sync_channel(1);
        self.submit_grouped_reading(reads, job, Box::new(move |result| drop(answer.send(result))));
        answered.recv().unwrap_or_else(|_| Err(StoreError::Conflict("the store's writer thread went away".into())))
    }

    /// [`Store::run_grouped`] without waiting: queues `job` for the next shared transaction and
    /// returns at once; `reply` is called with what the job returned once that transaction is
    /// durable, on the store's writer or syncer thread (so it should only hand the result on; it
    /// is called at once, on the caller's thread, with an error when the store cannot run jobs).
    /// A grouped job must not own the store, nor take row locks (on PostgreSQL the batch holds
    /// the trail's lock from its start, so a row lock would invert the order other transactions
    /// take them in).
    fn submit_grouped(&self, job: GroupedJob, reply: GroupedReply) {
        self.submit_grouped_reading(None, job, reply);
    }

    /// [`Store::submit_grouped`] for a job that begins with `reads`, a whole-record read
    /// ([`Tx::customer_record`]). PostgreSQL reads the records of every such job of a batch at
    /// the batch's start, in one round trip, and the job's call is answered from them, unless
    /// a job before it in the batch sent a statement of its own (which might have changed
    /// them). SQLite's reads are calls in the same process, and it reads when the job asks.
    fn submit_grouped_reading(&self, reads: Option<RecordRead>, job: GroupedJob, reply: GroupedReply);

    /// Another connection to the same database, for a long read (a backup) that must not hold
    /// up the work of this one.
    fn another_connection(&self) -> Result<Box<dyn Store>, StoreError>;
}

/// Where a vault's database is.
#[derive(Clone, PartialEq, Eq)]
pub enum StoreLocation {
    Sqlite(std::path::PathBuf),
    Postgres { url: String },
}

impl std::fmt::Debug for StoreLocation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreLocation::Sqlite(path) => write!(f, "Sqlite({})", path.display()),
            // The URL may hold a password.
            StoreLocation::Postgres { .. } => f.write_str("Postgres(<url>)"),
        }
    }
}

/// Opens (and migrates) the store at `location`.
pub fn open(location: &StoreLocation) -> Result<Box<dyn Store>, StoreError> {
    Ok(match location {
        StoreLocation::Sqlite(path) => Box::new(SqliteStore::open(path)?),
        StoreLocation::Postgres { url } => Box::new(PgStore::connect(url)?),
    })
}

/// The schema version this Strongroom migrates databases to (the same on both backends).
pub fn schema_version() -> u32 {
    sqlite::SCHEMA_VERSION
}

/// Connects to the database at `location` without creating or migrating anything: for a
/// restore, which checks that it is empty and builds the schema inside its one transaction.
pub fn open_unmigrated(location: &StoreLocation) -> Result<Box<dyn Store>, StoreError> {
    Ok(match location {
        StoreLocation::Sqlite(path) => Box::new(SqliteStore::open_unmigrated(path)?),
        StoreLocation::Postgres { url } => Box::new(PgStore::connect_unmigrated(url, None)?),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn both_backends_migrate_to_the_same_schema_version() {
        assert_eq!(super::sqlite::SCHEMA_VERSION, super::postgres::SCHEMA_VERSION);
    }
}
