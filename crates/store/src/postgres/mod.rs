//! The PostgreSQL backend, for chains that run several Strongroom instances on one database.
//!
//! `app` is synchronous (the server calls it from a blocking thread pool, grouped jobs run on
//! the store's writer thread: `group.rs`), so each call here waits for its answer; the client
//! underneath is the asynchronous `tokio-postgres`, driven by the waiting thread, so that a read
//! of several parts sends them all at once (`Connection::query_all`, the whole-record read). Bulk
//! writes use one `INSERT … SELECT FROM UNNEST(…)` per batch so that a 10,000-row import batch is
//! one round trip, not 10,000. Each store has one connection behind a mutex; statements are
//! prepared once per connection.
//!
//! The connection uses TLS as the URL's `sslmode` says (`tls.rs`): `verify-full` with
//! `sslrootcert` for a database on another machine.

mod audit;
mod backup;
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
mod tls;
mod tokens;

use std::cell::Cell;
use std::collections::HashMap;
use std::future::Future;
use std::ops::{Deref, DerefMut};
use std::sync::{Arc, LazyLock, Mutex, MutexGuard};

use strongroom_domain::{Field, RecordKind};
use tokio_postgres::types::ToSql;
use tokio_postgres::{Client, Row, Statement};
use uuid::Uuid;

use crate::group::PendingAudit;
use crate::sql;
use crate::{
    Backend, BlindIndexEntry, CustomerRecordRows, CustomerRow, DataKeyRow, GroupedJob, GroupedReply, OwnerKind, RecordParts, RecordRead,
    SealedFields, Store, StoreError, Tx,
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

/// The schema version this build migrates to (the same as SQLite's: a test checks).
pub(crate) const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// One connection to PostgreSQL: the asynchronous client, driven on a runtime of its own by the
/// thread that holds the connection (as the synchronous `postgres` crate does), so that several
/// statements can be sent before the first answer is read: one round trip, not one each
/// ([`Connection::query_all`], and a grouped job's savepoint sent ahead of its first statement).
struct Connection {
    /// `None` only while it is dropped.
    link: Option<Link>,
    statements: HashMap<String, Statement>,
    /// A statement to send in front of the next call, in the same round trip.
    ahead: Cell<Option<Ahead>>,
    /// Why the last statement sent ahead failed, when it was recovered from (`Ahead::recover`).
    ahead_failed: Cell<Option<StoreError>>,
    /// How many calls went to the server: a batch tells by it whether a job sent anything.
    calls: Cell<u64>,
}

/// A statement sent ahead of the next call: a grouped job's `SAVEPOINT`, with the `RELEASE` of
/// the job before it (`group.rs`).
#[derive(Clone, Copy)]
struct Ahead {
    statement: &'static str,
    /// What to run when the statement fails (the job before hid an error of the database, so
    /// the transaction refused everything after it, the call too): then the failure is kept for
    /// [`Connection::ahead_failed`] and the call is sent again on its own. `None`: the
    /// statement's failure is the call's.
    recover: Option<&'static str>,
}

struct Link {
    client: Client,
    /// Drives the connection's socket while a call waits on it.
    runtime: tokio::runtime::Runtime,
    /// The connection's own task: it reads and writes the socket for the client.
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Connection {
    fn drop(&mut self) {
        let Some(Link { client, runtime, task }) = self.link.take() else {
            return;
        };
        // Without a client, the connection's task says goodbye to PostgreSQL (Terminate) and ends.
        drop(client);
        if tokio::runtime::Handle::try_current().is_ok() {
            // Dropped on an async worker (a server shutting down), where nothing may block: the
            // socket is closed without the goodbye, and PostgreSQL ends the session all the same.
            runtime.shutdown_background();
        } else {
            let _ = runtime.block_on(task);
        }
    }
}

impl Connection {
    fn new(client: Client, runtime: tokio::runtime::Runtime, task: tokio::task::JoinHandle<()>) -> Connection {
        Connection {
            link: Some(Link { client, runtime, task }),
            statements: HashMap::new(),
            ahead: Cell::new(None),
            ahead_failed: Cell::new(None),
            calls: Cell::new(0),
        }
    }

    fn link(&self) -> &Link {
        self.link.as_ref().unwrap_or_else(|| unreachable!("a connection's link is taken only when it is dropped"))
    }

    /// Runs one call of the client to its end, with the statement ahead of it, if any, sent
    /// first in the same round trip. `call` makes the call: it is made again if the statement
    /// ahead failed and was recovered from.
    fn wait<T, F: Future<Output = Result<T, tokio_postgres::Error>>>(&self, call: impl Fn() -> F) -> Result<T, StoreError> {
        let link = self.link();
        self.calls.set(self.calls.get() + 1);
        if let Some(ahead) = self.ahead.take() {
            // Both are sent before either answer is read, in this order.
            let (sent, answer) = link.runtime.block_on(futures_util::future::join(link.client.batch_execute(ahead.statement), call()));
            match (sent, ahead.recover) {
                (Ok(()), _) => return Ok(answer?),
                (Err(error), None) => return Err(error.into()),
                (Err(error), Some(recover)) => {
                    link.runtime.block_on(link.client.batch_execute(recover))?;
                    self.ahead_failed.set(Some(error.into()));
                }
            }
        }
        Ok(link.runtime.block_on(call())?)
    }

    /// Sends `ahead` in front of the next call.
    fn send_ahead(&self, ahead: Ahead) {
        self.ahead.set(Some(ahead));
    }

    /// Takes back the statement ahead, unsent: true if there was one (no call went since).
    fn cancel_ahead(&self) -> bool {
        self.ahead.take().is_some()
    }

    /// How many calls went to the server so far.
    fn calls(&self) -> u64 {
        self.calls.get()
    }

    /// Sends the statement ahead now, if it is still waiting for a call.
    fn flush_ahead(&self) -> Result<(), StoreError> {
        self.wait(|| std::future::ready(Ok(())))
    }

    /// The failure of a statement sent ahead that was recovered from, once.
    fn ahead_failed(&self) -> Option<StoreError> {
        self.ahead_failed.take()
    }

    fn statement(&mut self, sql: &str) -> Result<Statement, StoreError> {
        if let Some(statement) = self.statements.get(sql) {
            return Ok(statement.clone());
        }
        // A transaction that refuses everything refuses a PREPARE too: what is ahead goes first.
        self.flush_ahead()?;
        let client = &self.link().client;
        let statement = self.wait(|| client.prepare(sql))?;
        self.statements.insert(sql.to_owned(), statement.clone());
        Ok(statement)
    }

    fn execute(&mut self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<u64, StoreError> {
        let statement = self.statement(sql)?;
        let client = &self.link().client;
        self.wait(|| client.execute(&statement, params))
    }

    fn query(&mut self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Vec<Row>, StoreError> {
        let statement = self.statement(sql)?;
        let client = &self.link().client;
        self.wait(|| client.query(&statement, params))
    }

    /// Several queries sent together, their rows answered in the same order: one round trip to
    /// the server for all of them (once each statement is prepared on this connection). The
    /// first failure is the answer.
    fn query_all(&mut self, queries: &[(&str, &[&(dyn ToSql + Sync)])]) -> Result<Vec<Vec<Row>>, StoreError> {
        self.query_each(queries)?.into_iter().collect()
    }

    /// [`Connection::query_all`] with each statement's own answer, so that a later statement's
    /// failure does not hide an earlier one's rows.
    fn query_each(&mut self, queries: &[(&str, &[&(dyn ToSql + Sync)])]) -> Result<Vec<Result<Vec<Row>, StoreError>>, StoreError> {
        let statements = queries.iter().map(|(sql, _)| self.statement(sql)).collect::<Result<Vec<_>, _>>()?;
        let client = &self.link().client;
        // Each query is sent when it is first polled, in order, before any answer is read.
        let answers = self.wait(|| async {
            Ok(futures_util::future::join_all(
                statements.iter().zip(queries).map(|(statement, (_, params))| client.query(statement, params)),
            )
            .await)
        })?;
        Ok(answers.into_iter().map(|answer| answer.map_err(StoreError::from)).collect())
    }

    /// Statements without parameters, in the simple protocol (several may be given at once).
    fn batch_execute(&mut self, sql: &str) -> Result<(), StoreError> {
        let client = &self.link().client;
        self.wait(|| client.batch_execute(sql))
    }
}

/// A vault in a PostgreSQL database (or one schema of it).
pub struct PgStore {
    connection: Arc<Mutex<Connection>>,
    /// Grouped jobs waiting for the writer thread (`crate::group`).
    group: Arc<crate::group::Group>,
    /// Where it connected, for [`Store::another_connection`] (the URL may hold a password: it
    /// is never printed).
    url: String,
    schema: Option<String>,
}

impl Drop for PgStore {
    fn drop(&mut self) {
        self.group.stop();
    }
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PgStore")
    }
}

impl PgStore {
    /// Connects with a `postgres://` URL and migrates the schema in the default search path.
    pub fn connect(url: &str) -> Result<PgStore, StoreError> {
        PgStore::connect_in_schema(url, None)
    }

    /// Connects and keeps the vault in `schema` (created if missing): several shops, or several
    /// test runs, can share one database this way.
    pub fn connect_in_schema(url: &str, schema: Option<&str>) -> Result<PgStore, StoreError> {
        let store = PgStore::connect_unmigrated(url, schema)?;
        migrate(&mut store.connection.lock().unwrap_or_else(|poisoned| poisoned.into_inner()))?;
        Ok(store)
    }

    /// Connects (in `schema`, created if missing) without migrating: a restore builds the
    /// schema inside its own transaction.
    pub fn connect_unmigrated(url: &str, schema: Option<&str>) -> Result<PgStore, StoreError> {
        let mut connection = tls::PgTarget::parse(url)?.connect()?;
        if let Some(schema) = schema {
            if !schema.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') || schema.is_empty() {
                return Err(StoreError::Conflict("a schema name may hold only a-z, 0-9 and _".into()));
            }
            connection.batch_execute(&format!("CREATE SCHEMA IF NOT EXISTS {schema}; SET search_path TO {schema}"))?;
        }
        Ok(PgStore {
            connection: Arc::new(Mutex::new(connection)),
            group: Arc::default(),
            url: url.to_owned(),
            schema: schema.map(str::to_owned),
        })
    }
}

impl PgStore {
    /// Drops a schema made with [`PgStore::connect_in_schema`] and everything in it (for
    /// benchmarks and tests, which work in throwaway schemas).
    pub fn drop_schema(url: &str, schema: &str) -> Result<(), StoreError> {
        if schema.is_empty() || !schema.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
            return Err(StoreError::Conflict("a schema name may hold only a-z, 0-9 and _".into()));
        }
        tls::PgTarget::parse(url)?.connect()?.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))?;
        Ok(())
    }
}

fn migrate(connection: &mut Connection) -> Result<(), StoreError> {
    // Instances starting together must not both migrate.
    connection.batch_execute("BEGIN; SELECT pg_advisory_xact_lock(7477)")?;
    let migrated = migrate_steps(connection, SCHEMA_VERSION).and_then(|()| connection.batch_execute("COMMIT"));
    if migrated.is_err() {
        let _ = connection.batch_execute("ROLLBACK");
    }
    migrated
}

/// Applies the migrations after the database's version up to `up_to`, in the caller's
/// transaction. A database newer than this build, or a version it does not know, is refused.
fn migrate_steps(connection: &mut Connection, up_to: u32) -> Result<(), StoreError> {
    connection.batch_execute("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY)")?;
    let current: i64 = connection.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", &[])?[0].try_get(0)?;
    let supported = MIGRATIONS.len() as i64;
    if current > supported || i64::from(up_to) > supported {
        return Err(StoreError::SchemaTooNew { found: current.max(i64::from(up_to)), supported });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().take(up_to as usize).skip(current as usize) {
        connection.batch_execute(sql)?;
        connection.execute("INSERT INTO schema_migrations (version) VALUES ($1)", &[&(index as i64 + 1)])?;
    }
    Ok(())
}

impl Store for PgStore {
    fn backend(&self) -> Backend {
        Backend::Postgres
    }

    fn purge_deleted(&self) -> Result<bool, StoreError> {
        // PostgreSQL keeps deleted tuples until VACUUM reclaims them; vacuum the key table and
        // the customers' so a destroyed data key's and an erased row's space is marked for
        // reuse. VACUUM does not overwrite that space, and the server's own write-ahead log
        // keeps its copies until it recycles them: the limit an erasure's reply states.
        let mut connection = self.connection.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        connection.batch_execute("VACUUM data_keys, customers")?;
        Ok(true)
    }

    fn another_connection(&self) -> Result<Box<dyn Store>, StoreError> {
        Ok(Box::new(PgStore::connect_unmigrated(&self.url, self.schema.as_deref())?))
    }

    fn begin_snapshot(&self) -> Result<Box<dyn Tx + '_>, StoreError> {
        let mut connection = self.connection.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        connection.batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")?;
        Ok(Box::new(PgTx::top_level(Held::Locked(connection))))
    }

    fn submit_grouped_reading(&self, reads: Option<RecordRead>, job: GroupedJob, reply: GroupedReply) {
        let batches = || Arc::new(group::PgBatches { connection: Arc::clone(&self.connection) }) as Arc<dyn crate::group::Batches>;
        self.group.submit_to("postgres", batches, crate::group::Queued { job, reads, reply });
    }

    fn begin(&self) -> Result<Box<dyn Tx + '_>, StoreError> {
        let mut connection = self.connection.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        connection.batch_execute("BEGIN")?;
        Ok(Box::new(PgTx::top_level(Held::Locked(connection))))
    }
}

/// The connection a transaction works on: the store's, locked for it, or a grouped batch's.
enum Held<'a> {
    Locked(MutexGuard<'a, Connection>),
    Borrowed(&'a mut Connection),
}

impl Deref for Held<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        match self {
            Held::Locked(guard) => guard,
            Held::Borrowed(connection) => connection,
        }
    }
}

impl DerefMut for Held<'_> {
    fn deref_mut(&mut self) -> &mut Connection {
        match self {
            Held::Locked(guard) => guard,
            Held::Borrowed(connection) => connection,
        }
    }
}

/// A transaction: a top-level one (`begin`), or one job's savepoint inside a grouped batch.
struct PgTx<'a> {
    connection: Held<'a>,
    finished: bool,
    /// In a grouped job: the batch's pending audit events, and how many there were when this
    /// job began (its own are cut off again if it rolls back).
    pending: Option<(&'a mut PendingAudit, usize)>,
    /// In a grouped job: the whole record it said it begins by reading, read at the batch's start.
    prefetched: Option<Prefetched>,
}

/// A record read at a batch's start for a job.
struct Prefetched {
    read: RecordRead,
    /// `None`: there is no such customer.
    record: Option<CustomerRecordRows>,
    /// The connection's calls when the job began: once it sent one, the record may have changed.
    calls: u64,
}

impl<'a> PgTx<'a> {
    fn top_level(connection: Held<'a>) -> PgTx<'a> {
        PgTx { connection, finished: false, pending: None, prefetched: None }
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

impl Drop for PgTx<'_> {
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
            // With its savepoint (or BEGIN) still unsent, nothing reached the database.
            if !self.connection.cancel_ahead() {
                let _ = self.connection.batch_execute(undo);
            }
        }
    }
}

fn placeholder(index: usize) -> String {
    format!("${index}")
}

fn sealed_columns(kind: RecordKind, prefix: &str) -> String {
    Field::of(kind).map(|field| format!("{prefix}{}", field.name())).collect::<Vec<_>>().join(", ")
}

fn sealed_from(row: &Row, kind: RecordKind, first: usize) -> Result<SealedFields, StoreError> {
    let n = Field::of(kind).count();
    let columns = (first..first + n).map(|index| row.try_get::<_, Option<Vec<u8>>>(index)).collect::<Result<Vec<_>, _>>()?;
    Ok(SealedFields::from_columns(kind, columns))
}

fn u32_from(value: i64, what: &str) -> Result<u32, StoreError> {
    u32::try_from(value).map_err(|_| StoreError::Corrupt(format!("{what} out of range")))
}

fn data_key_from(row: &Row, first: usize) -> Result<DataKeyRow, StoreError> {
    Ok(DataKeyRow {
        owner_kind: OwnerKind::from_code(i64::from(row.try_get::<_, i16>(first)?))?,
        owner_id: row.try_get(first + 1)?,
        data_key_version: u32_from(row.try_get(first + 2)?, "data key version")?,
        master_version: u32_from(row.try_get(first + 3)?, "master key version")?,
        wrapped: row.try_get(first + 4)?,
    })
}

impl PgTx<'_> {
    fn insert_data_key_rows(&mut self, rows: &[DataKeyRow]) -> Result<(), StoreError> {
        if rows.is_empty() {
            return Ok(());
        }
        let kinds: Vec<i16> = rows.iter().map(|r| r.owner_kind.code()).collect();
        let ids: Vec<Uuid> = rows.iter().map(|r| r.owner_id).collect();
        let versions: Vec<i64> = rows.iter().map(|r| i64::from(r.data_key_version)).collect();
        let masters: Vec<i64> = rows.iter().map(|r| i64::from(r.master_version)).collect();
        let wrapped: Vec<&[u8]> = rows.iter().map(|r| r.wrapped.as_slice()).collect();
        self.connection.execute(
            "INSERT INTO data_keys (owner_kind, owner_id, data_key_version, master_version, wrapped)
             SELECT * FROM UNNEST($1::smallint[], $2::uuid[], $3::bigint[], $4::bigint[], $5::bytea[])",
            &[&kinds, &ids, &versions, &masters, &wrapped],
        )?;
        Ok(())
    }

    /// Inserts a purchase, repair or AML record: its plaintext values, then its sealed fields.
    fn insert_record(
        &mut self,
        table: &str,
        columns: &[&str],
        kind: RecordKind,
        plain: &[&(dyn ToSql + Sync)],
        sealed: &SealedFields,
    ) -> Result<(), StoreError> {
        let sealed: Vec<Option<Vec<u8>>> = sealed.columns(kind).into_iter().map(|column| column.map(<[u8]>::to_vec)).collect();
        let mut params: Vec<&(dyn ToSql + Sync)> = plain.to_vec();
        params.extend(sealed.iter().map(|column| column as &(dyn ToSql + Sync)));
        self.connection.execute(&sql::insert_record(table, columns, kind, placeholder), &params)?;
        Ok(())
    }

    fn insert_index_entries(&mut self, entries: &[(Uuid, BlindIndexEntry)]) -> Result<(), StoreError> {
        if entries.is_empty() {
            return Ok(());
        }
        let index_ids: Vec<i16> = entries.iter().map(|(_, e)| e.index_id as i16).collect();
        let values: Vec<i32> = entries.iter().map(|(_, e)| e.value as i32).collect();
        let customers: Vec<Uuid> = entries.iter().map(|(id, _)| *id).collect();
        self.connection.execute(
            "INSERT INTO blind_index (index_id, value, customer_id)
             SELECT * FROM UNNEST($1::smallint[], $2::integer[], $3::uuid[]) ON CONFLICT DO NOTHING",
            &[&index_ids, &values, &customers],
        )?;
        Ok(())
    }

    fn customers_where(&mut self, condition: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Vec<CustomerRow>, StoreError> {
        self.connection.query(&customers_where(condition), params)?.iter().map(customer_from).collect()
    }
}

fn customers_where(condition: &str) -> String {
    format!("SELECT id, created_at, updated_at, restricted, {} FROM customers {condition}", sealed_columns(RecordKind::Customer, ""))
}

/// One customer's row (`$1`: the id).
static CUSTOMER_BY_ID: LazyLock<String> = LazyLock::new(|| customers_where("WHERE id = $1"));

fn customer_from(row: &Row) -> Result<CustomerRow, StoreError> {
    Ok(CustomerRow {
        id: row.try_get(0)?,
        created_at: row.try_get(1)?,
        updated_at: row.try_get(2)?,
        restricted: row.try_get(3)?,
        sealed: sealed_from(row, RecordKind::Customer, 4)?,
    })
}

impl Tx for PgTx<'_> {
    fn customers_with_keys(&mut self, ids: &[Uuid]) -> Result<Vec<(CustomerRow, Option<DataKeyRow>)>, StoreError> {
        self.customers_with_keys_at_once(ids)
    }

    fn customers_page_with_keys(
        &mut self,
        after: Option<Uuid>,
        limit: usize,
    ) -> Result<Vec<(CustomerRow, Option<DataKeyRow>)>, StoreError> {
        self.customers_page_with_keys_at_once(after, limit)
    }

    fn customer_record(&mut self, id: Uuid, parts: RecordParts) -> Result<Option<CustomerRecordRows>, StoreError> {
        match self.prefetched.take() {
            Some(Prefetched { read, record, calls })
                if read == (RecordRead { customer: id, parts }) && calls == self.connection.calls() =>
            {
                Ok(record)
            }
            _ => self.customer_record_at_once(id, parts),
        }
    }

    fn commit(mut self: Box<Self>) -> Result<(), StoreError> {
        // A grouped job's savepoint is released by its batch, together with the next job's
        // SAVEPOINT: one round trip less per job.
        if self.pending.is_none() {
            // PostgreSQL answers COMMIT in a transaction that failed (a caller that hid an error)
            // with a rollback, not an error: the SELECT in front fails there instead, and the
            // caller hears of it.
            self.connection.batch_execute("SELECT 1; COMMIT")?;
        }
        self.finished = true;
        Ok(())
    }
}
