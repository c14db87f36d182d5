//! The PostgreSQL backend, for chains that run several Strongroom instances on one database.
//!
//! It uses the synchronous `postgres` client: `app` is synchronous (the server calls it from a
//! blocking thread pool), and bulk writes use one `INSERT … SELECT FROM UNNEST(…)` per batch so
//! that a 10,000-row import batch is one round trip, not 10,000. Each store has one connection
//! behind a mutex; statements are prepared once per connection.
//!
//! Known gap: the connection is made without TLS, so the database must be on the same host or
//! reached through an encrypted tunnel until TLS to PostgreSQL lands.

use std::any::Any;
use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use postgres::types::ToSql;
use postgres::{Client, NoTls, Row, Statement};
use strongroom_audit::{AuditEvent, Frontier, Hash};
use strongroom_domain::{Field, RecordKind};
use uuid::Uuid;

use crate::audit_log::{self, CheckpointRow};
use crate::rows::{self, split_categories};
use crate::sql;
use crate::{
    AmlRecordRow, ApiTokenRow, AuditFilter, Backend, BlindIndexEntry, CustomerRow, DataKeyRow, GroupedJob, IdempotencyRow, ImportProgress,
    KeyProtection, KeyringMeta, MasterKeyRow, MasterKeyState, NewCustomerRows, OwnerKind, PurchaseRow, RepairRow, SealedFields, SessionRow,
    StaffRow, Store, StoreError, Tx,
};

const MIGRATIONS: &[&str] =
    &[include_str!("0001_vault.sql"), include_str!("0002_staff.sql"), include_str!("0003_api.sql"), include_str!("0004_access_macs.sql")];

/// Serialises audit appends across instances, so sequence numbers stay contiguous.
const AUDIT_APPEND_LOCK: i64 = 0x5374_726f_6e67;

struct Connection {
    client: Client,
    statements: HashMap<String, Statement>,
}

impl Connection {
    fn statement(&mut self, sql: &str) -> Result<Statement, StoreError> {
        if let Some(statement) = self.statements.get(sql) {
            return Ok(statement.clone());
        }
        let statement = self.client.prepare(sql)?;
        self.statements.insert(sql.to_owned(), statement.clone());
        Ok(statement)
    }

    fn execute(&mut self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<u64, StoreError> {
        let statement = self.statement(sql)?;
        Ok(self.client.execute(&statement, params)?)
    }

    fn query(&mut self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Vec<Row>, StoreError> {
        let statement = self.statement(sql)?;
        Ok(self.client.query(&statement, params)?)
    }
}

/// A vault in a PostgreSQL database (or one schema of it).
pub struct PgStore {
    connection: Mutex<Connection>,
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
        let mut client = Client::connect(url, NoTls)?;
        if let Some(schema) = schema {
            if !schema.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') || schema.is_empty() {
                return Err(StoreError::Conflict("a schema name may hold only a-z, 0-9 and _".into()));
            }
            client.batch_execute(&format!("CREATE SCHEMA IF NOT EXISTS {schema}; SET search_path TO {schema}"))?;
        }
        migrate(&mut client)?;
        Ok(PgStore { connection: Mutex::new(Connection { client, statements: HashMap::new() }) })
    }
}

impl PgStore {
    /// Drops a schema made with [`PgStore::connect_in_schema`] and everything in it (for
    /// benchmarks and tests, which work in throwaway schemas).
    pub fn drop_schema(url: &str, schema: &str) -> Result<(), StoreError> {
        if schema.is_empty() || !schema.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
            return Err(StoreError::Conflict("a schema name may hold only a-z, 0-9 and _".into()));
        }
        let mut client = Client::connect(url, NoTls)?;
        client.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))?;
        Ok(())
    }
}

fn migrate(client: &mut Client) -> Result<(), StoreError> {
    let mut transaction = client.transaction()?;
    // Instances starting together must not both migrate.
    transaction.batch_execute(
        "SELECT pg_advisory_xact_lock(7477);
         CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY)",
    )?;
    let current: i64 = transaction.query_one("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", &[])?.get(0);
    let supported = MIGRATIONS.len() as i64;
    if current > supported {
        return Err(StoreError::SchemaTooNew { found: current, supported });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        transaction.batch_execute(sql)?;
        transaction.execute("INSERT INTO schema_migrations (version) VALUES ($1)", &[&(index as i64 + 1)])?;
    }
    transaction.commit()?;
    Ok(())
}

impl Store for PgStore {
    fn backend(&self) -> Backend {
        Backend::Postgres
    }

    fn purge_deleted(&self) -> Result<bool, StoreError> {
        // PostgreSQL keeps deleted tuples until VACUUM reclaims them; vacuum the key table so a
        // destroyed data key's page space is marked for reuse.
        let mut connection = self.connection.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        connection.client.batch_execute("VACUUM data_keys")?;
        Ok(true)
    }

    fn begin_snapshot(&self) -> Result<Box<dyn Tx + '_>, StoreError> {
        let mut connection = self.connection.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        connection.client.batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")?;
        Ok(Box::new(PgTx { connection, finished: false }))
    }

    fn run_grouped(&self, job: GroupedJob) -> Result<Box<dyn Any + Send>, StoreError> {
        // One connection per store: nothing to group with yet, so each job is its own
        // transaction. (PostgreSQL groups concurrent commits of several connections itself.)
        let mut tx = self.begin()?;
        let value = job(tx.as_mut())?;
        tx.commit()?;
        Ok(value)
    }

    fn begin(&self) -> Result<Box<dyn Tx + '_>, StoreError> {
        let mut connection = self.connection.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        connection.client.batch_execute("BEGIN")?;
        Ok(Box::new(PgTx { connection, finished: false }))
    }
}

struct PgTx<'a> {
    connection: MutexGuard<'a, Connection>,
    finished: bool,
}

impl Drop for PgTx<'_> {
    fn drop(&mut self) {
        if !self.finished {
            let _ = self.connection.client.batch_execute("ROLLBACK");
        }
    }
}

/// The columns of `sql::STAFF_COLUMNS`; the role's name and the counter as PostgreSQL types.
fn staff_params<'a>(row: &'a StaffRow, role: &'a &'static str, failed_logins: &'a i32) -> [&'a (dyn ToSql + Sync); 20] {
    [
        &row.id,
        &row.username,
        role,
        &row.disabled,
        &row.password_hash,
        &row.password_changed_at,
        &row.must_change_password,
        &row.enrolment_code_hash,
        &row.enrolment_expires_at,
        &row.totp_secret,
        &row.totp_pending,
        &row.totp_last_step,
        &row.passkeys,
        failed_logins,
        &row.last_failed_at,
        &row.locked_at,
        &row.created_at,
        &row.language,
        &row.session_epoch,
        &row.row_mac,
    ]
}

fn staff_from(row: &Row) -> Result<StaffRow, StoreError> {
    Ok(StaffRow {
        id: row.try_get(0)?,
        username: row.try_get(1)?,
        role: rows::role_from(row.try_get(2)?)?,
        disabled: row.try_get(3)?,
        password_hash: row.try_get(4)?,
        password_changed_at: row.try_get(5)?,
        must_change_password: row.try_get(6)?,
        enrolment_code_hash: row.try_get(7)?,
        enrolment_expires_at: row.try_get(8)?,
        totp_secret: row.try_get(9)?,
        totp_pending: row.try_get(10)?,
        totp_last_step: row.try_get(11)?,
        passkeys: row.try_get(12)?,
        failed_logins: row.try_get::<_, i32>(13)?.max(0) as u32,
        last_failed_at: row.try_get(14)?,
        locked_at: row.try_get(15)?,
        created_at: row.try_get(16)?,
        language: row.try_get(17)?,
        session_epoch: row.try_get(18)?,
        row_mac: row.try_get(19)?,
    })
}

/// The columns of `sql::API_TOKEN_COLUMNS`, the hash and role as PostgreSQL types.
fn api_token_params<'a>(row: &'a ApiTokenRow, hash: &'a &'a [u8], role: &'a &'static str) -> [&'a (dyn ToSql + Sync); 11] {
    [
        &row.id,
        &row.name,
        hash,
        role,
        &row.scopes,
        &row.created_by,
        &row.created_at,
        &row.expires_at,
        &row.revoked_at,
        &row.last_used_at,
        &row.row_mac,
    ]
}

fn api_token_from(row: &Row) -> Result<ApiTokenRow, StoreError> {
    Ok(ApiTokenRow {
        id: row.try_get(0)?,
        name: row.try_get(1)?,
        token_hash: rows::hash_from(row.try_get(2)?)?,
        role: rows::role_from(row.try_get(3)?)?,
        scopes: row.try_get(4)?,
        created_by: row.try_get(5)?,
        created_at: row.try_get(6)?,
        expires_at: row.try_get(7)?,
        revoked_at: row.try_get(8)?,
        last_used_at: row.try_get(9)?,
        row_mac: row.try_get(10)?,
    })
}

fn session_params<'a>(row: &'a SessionRow, id_hash: &'a &'a [u8]) -> [&'a (dyn ToSql + Sync); 8] {
    [id_hash, &row.staff_id, &row.created_at, &row.last_seen_at, &row.second_factor_at, &row.step_up_at, &row.client_addr, &row.row_mac]
}

fn session_from(row: &Row) -> Result<SessionRow, StoreError> {
    Ok(SessionRow {
        id_hash: rows::hash_from(row.try_get(0)?)?,
        staff_id: row.try_get(1)?,
        created_at: row.try_get(2)?,
        last_seen_at: row.try_get(3)?,
        second_factor_at: row.try_get(4)?,
        step_up_at: row.try_get(5)?,
        client_addr: row.try_get(6)?,
        row_mac: row.try_get(7)?,
    })
}

fn repair_from(row: &Row) -> Result<RepairRow, StoreError> {
    Ok(RepairRow {
        id: row.try_get(0)?,
        customer_id: row.try_get(1)?,
        kind: row.try_get(2)?,
        status: row.try_get(3)?,
        received_on: row.try_get(4)?,
        promised_on: row.try_get(5)?,
        created_at: row.try_get(6)?,
        sealed: sealed_from(row, RecordKind::Repair, 7)?,
    })
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

/// One `bytea[]` parameter per sealed column of `kind`, for an UNNEST insert of many rows.
fn sealed_arrays<'r>(kind: RecordKind, rows: impl Iterator<Item = &'r SealedFields> + Clone) -> Vec<Vec<Option<Vec<u8>>>> {
    Field::of(kind).map(|field| rows.clone().map(|sealed| sealed.get(field).map(<[u8]>::to_vec)).collect()).collect()
}

/// `$from::bytea[], $from+1::bytea[], …` for `n` sealed columns.
fn bytea_params(from: usize, n: usize) -> String {
    (from..from + n).map(|i| format!("${i}::bytea[]")).collect::<Vec<_>>().join(", ")
}

const DATA_KEY_COLUMNS: &str = "owner_kind, owner_id, data_key_version, master_version, wrapped";

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
        let sql = format!("SELECT id, created_at, updated_at, {} FROM customers {condition}", sealed_columns(RecordKind::Customer, ""));
        self.connection
            .query(&sql, params)?
            .iter()
            .map(|row| {
                Ok(CustomerRow {
                    id: row.try_get(0)?,
                    created_at: row.try_get(1)?,
                    updated_at: row.try_get(2)?,
                    sealed: sealed_from(row, RecordKind::Customer, 3)?,
                })
            })
            .collect()
    }
}

impl Tx for PgTx<'_> {
    fn commit(mut self: Box<Self>) -> Result<(), StoreError> {
        self.connection.client.batch_execute("COMMIT")?;
        self.finished = true;
        Ok(())
    }

    fn keyring_meta(&mut self) -> Result<Option<KeyringMeta>, StoreError> {
        let rows = self.connection.query("SELECT protection, kdf, blind_index_bits, demo, created_at FROM keyring_meta", &[])?;
        let Some(row) = rows.first() else { return Ok(None) };
        let protection = match (row.try_get::<_, &str>(0)?, row.try_get::<_, Option<String>>(1)?) {
            ("key_file", _) => KeyProtection::KeyFile,
            ("passphrase", Some(kdf)) => KeyProtection::Passphrase { kdf },
            _ => return Err(StoreError::Corrupt("keyring protection".into())),
        };
        Ok(Some(KeyringMeta {
            protection,
            blind_index_bits: u32_from(row.try_get(2)?, "blind index bits")?,
            demo: row.try_get(3)?,
            created_at: row.try_get(4)?,
        }))
    }

    fn insert_keyring_meta(&mut self, meta: &KeyringMeta) -> Result<(), StoreError> {
        let (protection, kdf) = match &meta.protection {
            KeyProtection::KeyFile => ("key_file", None),
            KeyProtection::Passphrase { kdf } => ("passphrase", Some(kdf.as_str())),
        };
        self.connection.execute(
            "INSERT INTO keyring_meta (singleton, protection, kdf, blind_index_bits, demo, created_at) VALUES (1, $1, $2, $3, $4, $5)",
            &[&protection, &kdf, &i64::from(meta.blind_index_bits), &meta.demo, &meta.created_at],
        )?;
        Ok(())
    }

    fn master_keys(&mut self) -> Result<Vec<MasterKeyRow>, StoreError> {
        self.connection
            .query("SELECT version, wrapped, state, created_at FROM master_keys ORDER BY version", &[])?
            .iter()
            .map(|row| {
                Ok(MasterKeyRow {
                    version: u32_from(row.try_get(0)?, "master key version")?,
                    wrapped: row.try_get(1)?,
                    state: MasterKeyState::parse(row.try_get(2)?)?,
                    created_at: row.try_get(3)?,
                })
            })
            .collect()
    }

    fn insert_master_key(&mut self, row: &MasterKeyRow) -> Result<(), StoreError> {
        self.connection.execute(
            "INSERT INTO master_keys (version, wrapped, state, created_at) VALUES ($1, $2, $3, $4)",
            &[&i64::from(row.version), &row.wrapped, &row.state.as_str(), &row.created_at],
        )?;
        Ok(())
    }

    fn set_master_key_state(&mut self, version: u32, state: MasterKeyState) -> Result<(), StoreError> {
        self.connection.execute("UPDATE master_keys SET state = $1 WHERE version = $2", &[&state.as_str(), &i64::from(version)])?;
        Ok(())
    }

    fn delete_master_key(&mut self, version: u32) -> Result<(), StoreError> {
        self.connection.execute("DELETE FROM master_keys WHERE version = $1", &[&i64::from(version)])?;
        Ok(())
    }

    fn insert_data_keys(&mut self, rows: &[DataKeyRow]) -> Result<(), StoreError> {
        self.insert_data_key_rows(rows)
    }

    fn data_key(&mut self, owner_kind: OwnerKind, owner_id: Uuid) -> Result<Option<DataKeyRow>, StoreError> {
        let sql = format!("SELECT {DATA_KEY_COLUMNS} FROM data_keys WHERE owner_kind = $1 AND owner_id = $2");
        let rows = self.connection.query(&sql, &[&owner_kind.code(), &owner_id])?;
        rows.first().map(|row| data_key_from(row, 0)).transpose()
    }

    fn data_keys_older_than(&mut self, master_version: u32, limit: usize) -> Result<Vec<DataKeyRow>, StoreError> {
        let sql = format!(
            "SELECT {DATA_KEY_COLUMNS} FROM data_keys WHERE master_version < $1 ORDER BY master_version, owner_kind, owner_id LIMIT $2"
        );
        self.connection.query(&sql, &[&i64::from(master_version), &(limit as i64)])?.iter().map(|row| data_key_from(row, 0)).collect()
    }

    fn update_data_key_wraps(&mut self, rows: &[DataKeyRow]) -> Result<(), StoreError> {
        if rows.is_empty() {
            return Ok(());
        }
        let kinds: Vec<i16> = rows.iter().map(|r| r.owner_kind.code()).collect();
        let ids: Vec<Uuid> = rows.iter().map(|r| r.owner_id).collect();
        let versions: Vec<i64> = rows.iter().map(|r| i64::from(r.data_key_version)).collect();
        let masters: Vec<i64> = rows.iter().map(|r| i64::from(r.master_version)).collect();
        let wrapped: Vec<&[u8]> = rows.iter().map(|r| r.wrapped.as_slice()).collect();
        let n = self.connection.execute(
            "UPDATE data_keys d SET master_version = u.master_version, wrapped = u.wrapped
             FROM UNNEST($1::smallint[], $2::uuid[], $3::bigint[], $4::bigint[], $5::bytea[])
                  AS u (owner_kind, owner_id, data_key_version, master_version, wrapped)
             WHERE d.owner_kind = u.owner_kind AND d.owner_id = u.owner_id AND d.data_key_version = u.data_key_version",
            &[&kinds, &ids, &versions, &masters, &wrapped],
        )?;
        if n != rows.len() as u64 {
            return Err(StoreError::Conflict("a data key changed during re-wrapping".into()));
        }
        Ok(())
    }

    fn data_key_counts(&mut self) -> Result<Vec<(u32, u64)>, StoreError> {
        self.connection
            .query("SELECT master_version, COUNT(*) FROM data_keys GROUP BY master_version ORDER BY master_version", &[])?
            .iter()
            .map(|row| Ok((u32_from(row.try_get(0)?, "master key version")?, row.try_get::<_, i64>(1)? as u64)))
            .collect()
    }

    fn destroy_data_key(&mut self, owner_kind: OwnerKind, owner_id: Uuid) -> Result<bool, StoreError> {
        let n =
            self.connection.execute("DELETE FROM data_keys WHERE owner_kind = $1 AND owner_id = $2", &[&owner_kind.code(), &owner_id])?;
        Ok(n == 1)
    }

    fn insert_customers(&mut self, rows: &[NewCustomerRows]) -> Result<(), StoreError> {
        if rows.is_empty() {
            return Ok(());
        }
        let n_sealed = Field::of(RecordKind::Customer).count();
        let sql = format!(
            "INSERT INTO customers (id, created_at, updated_at, {}) SELECT * FROM UNNEST($1::uuid[], $2::bigint[], $3::bigint[], {})",
            sealed_columns(RecordKind::Customer, ""),
            bytea_params(4, n_sealed)
        );
        let ids: Vec<Uuid> = rows.iter().map(|r| r.customer.id).collect();
        let created: Vec<i64> = rows.iter().map(|r| r.customer.created_at).collect();
        let updated: Vec<i64> = rows.iter().map(|r| r.customer.updated_at).collect();
        let sealed = sealed_arrays(RecordKind::Customer, rows.iter().map(|r| &r.customer.sealed));
        let mut params: Vec<&(dyn ToSql + Sync)> = vec![&ids, &created, &updated];
        params.extend(sealed.iter().map(|column| column as &(dyn ToSql + Sync)));
        self.connection.execute(&sql, &params)?;
        let keys: Vec<DataKeyRow> = rows.iter().map(|r| r.data_key.clone()).collect();
        self.insert_data_key_rows(&keys)?;
        let entries: Vec<(Uuid, BlindIndexEntry)> =
            rows.iter().flat_map(|r| r.index.iter().map(move |entry| (r.customer.id, *entry))).collect();
        self.insert_index_entries(&entries)
    }

    fn update_customer(&mut self, row: &CustomerRow, index: &[BlindIndexEntry]) -> Result<(), StoreError> {
        let assignments: Vec<String> =
            Field::of(RecordKind::Customer).enumerate().map(|(i, field)| format!("{} = ${}", field.name(), i + 3)).collect();
        let sql = format!("UPDATE customers SET updated_at = $2, {} WHERE id = $1", assignments.join(", "));
        let columns: Vec<Option<Vec<u8>>> = row.sealed.columns(RecordKind::Customer).into_iter().map(|c| c.map(<[u8]>::to_vec)).collect();
        let mut params: Vec<&(dyn ToSql + Sync)> = vec![&row.id, &row.updated_at];
        params.extend(columns.iter().map(|column| column as &(dyn ToSql + Sync)));
        if self.connection.execute(&sql, &params)? != 1 {
            return Err(StoreError::Conflict("the customer to update does not exist".into()));
        }
        self.delete_index_entries(row.id)?;
        let entries: Vec<(Uuid, BlindIndexEntry)> = index.iter().map(|entry| (row.id, *entry)).collect();
        self.insert_index_entries(&entries)
    }

    fn customer(&mut self, id: Uuid) -> Result<Option<CustomerRow>, StoreError> {
        Ok(self.customers_where("WHERE id = $1", &[&id])?.pop())
    }

    fn customers_page(&mut self, after: Option<Uuid>, limit: usize) -> Result<Vec<CustomerRow>, StoreError> {
        let after = after.unwrap_or(Uuid::nil());
        self.customers_where("WHERE id > $1 ORDER BY id LIMIT $2", &[&after, &(limit as i64)])
    }

    fn count_customers(&mut self) -> Result<u64, StoreError> {
        Ok(self.connection.query("SELECT COUNT(*) FROM customers", &[])?[0].try_get::<_, i64>(0)? as u64)
    }

    fn delete_index_entries(&mut self, customer_id: Uuid) -> Result<(), StoreError> {
        self.connection.execute("DELETE FROM blind_index WHERE customer_id = $1", &[&customer_id])?;
        Ok(())
    }

    fn customers_by_index(&mut self, entry: BlindIndexEntry) -> Result<Vec<Uuid>, StoreError> {
        self.connection
            .query(
                "SELECT customer_id FROM blind_index WHERE index_id = $1 AND value = $2",
                &[&(entry.index_id as i16), &(entry.value as i32)],
            )?
            .iter()
            .map(|row| Ok(row.try_get(0)?))
            .collect()
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
        let mut values: Vec<Box<dyn ToSql + Sync>> = Vec::with_capacity(2 * entries.len() + 2);
        for entry in entries {
            values.push(Box::new(entry.index_id as i16));
            values.push(Box::new(entry.value as i32));
        }
        if let Some(after) = after {
            values.push(Box::new(after));
        }
        values.push(Box::new(limit as i64));
        let statement = sql::select_by_all_indexes(entries.len(), after.is_some(), placeholder);
        let params: Vec<&(dyn ToSql + Sync)> = values.iter().map(|value| value.as_ref()).collect();
        self.connection.query(&statement, &params)?.iter().map(|row| Ok(row.try_get(0)?)).collect()
    }

    fn insert_purchase(&mut self, row: &PurchaseRow) -> Result<(), StoreError> {
        let plain: [&(dyn ToSql + Sync); 7] =
            [&row.id, &row.customer_id, &row.purchased_on, &row.total_minor, &row.currency, &row.paid_in_cash, &row.created_at];
        self.insert_record("purchases", sql::PURCHASE_COLUMNS, RecordKind::Purchase, &plain, &row.sealed)
    }
    fn purchases_of(&mut self, customer_id: Uuid) -> Result<Vec<PurchaseRow>, StoreError> {
        let sql = sql::select_by_customer("purchases", sql::PURCHASE_COLUMNS, RecordKind::Purchase, placeholder);
        self.connection
            .query(&sql, &[&customer_id])?
            .iter()
            .map(|row| {
                Ok(PurchaseRow {
                    id: row.try_get(0)?,
                    customer_id: row.try_get(1)?,
                    purchased_on: row.try_get(2)?,
                    total_minor: row.try_get(3)?,
                    currency: row.try_get(4)?,
                    paid_in_cash: row.try_get(5)?,
                    created_at: row.try_get(6)?,
                    sealed: sealed_from(row, RecordKind::Purchase, 7)?,
                })
            })
            .collect()
    }

    fn insert_repair(&mut self, row: &RepairRow) -> Result<(), StoreError> {
        let plain: [&(dyn ToSql + Sync); 7] =
            [&row.id, &row.customer_id, &row.kind, &row.status, &row.received_on, &row.promised_on, &row.created_at];
        self.insert_record("repairs", sql::REPAIR_COLUMNS, RecordKind::Repair, &plain, &row.sealed)
    }
    fn repairs_of(&mut self, customer_id: Uuid) -> Result<Vec<RepairRow>, StoreError> {
        let sql = sql::select_by_customer("repairs", sql::REPAIR_COLUMNS, RecordKind::Repair, placeholder);
        self.connection.query(&sql, &[&customer_id])?.iter().map(repair_from).collect()
    }
    fn repair(&mut self, id: Uuid) -> Result<Option<RepairRow>, StoreError> {
        let sql = sql::select_by_id("repairs", sql::REPAIR_COLUMNS, RecordKind::Repair, placeholder);
        self.connection.query(&sql, &[&id])?.first().map(repair_from).transpose()
    }
    fn set_repair_status(&mut self, id: Uuid, from: &str, to: &str) -> Result<bool, StoreError> {
        Ok(self.connection.execute("UPDATE repairs SET status = $1 WHERE id = $2 AND status = $3", &[&to, &id, &from])? == 1)
    }
    fn repairs_with_status(&mut self, status: &str, limit: usize) -> Result<Vec<RepairRow>, StoreError> {
        let sql = sql::select_repairs_by_status(placeholder);
        self.connection.query(&sql, &[&status, &(limit as i64)])?.iter().map(repair_from).collect()
    }

    fn insert_aml_record(&mut self, row: &AmlRecordRow) -> Result<(), StoreError> {
        let plain: [&(dyn ToSql + Sync); 5] = [&row.id, &row.customer_id, &row.transaction_date, &row.retention_ends, &row.created_at];
        self.insert_record("aml_records", sql::AML_RECORD_COLUMNS, RecordKind::AmlRecord, &plain, &row.sealed)?;
        self.insert_data_key_rows(std::slice::from_ref(&row.data_key))
    }
    fn aml_records_of(&mut self, customer_id: Uuid) -> Result<Vec<AmlRecordRow>, StoreError> {
        let sql = format!(
            "SELECT a.id, a.customer_id, a.transaction_date, a.retention_ends, a.created_at,
                    k.owner_kind, k.owner_id, k.data_key_version, k.master_version, k.wrapped, {}
             FROM aml_records a JOIN data_keys k ON k.owner_kind = $2 AND k.owner_id = a.id
             WHERE a.customer_id = $1 ORDER BY a.id",
            sealed_columns(RecordKind::AmlRecord, "a.")
        );
        self.connection
            .query(&sql, &[&customer_id, &OwnerKind::AmlRecord.code()])?
            .iter()
            .map(|row| {
                Ok(AmlRecordRow {
                    id: row.try_get(0)?,
                    customer_id: row.try_get(1)?,
                    transaction_date: row.try_get(2)?,
                    retention_ends: row.try_get(3)?,
                    created_at: row.try_get(4)?,
                    data_key: data_key_from(row, 5)?,
                    sealed: sealed_from(row, RecordKind::AmlRecord, 10)?,
                })
            })
            .collect()
    }

    fn append_audit_events(&mut self, events: &[AuditEvent]) -> Result<u64, StoreError> {
        // One appender at a time across every instance: the tree has one right edge.
        self.connection.query("SELECT pg_advisory_xact_lock($1)", &[&AUDIT_APPEND_LOCK])?;
        let frontier = self.audit_frontier()?;
        let n_events: i64 = self.connection.query("SELECT COALESCE(MAX(seq) + 1, 0) FROM audit_events", &[])?[0].try_get(0)?;
        let first = frontier.size();
        if n_events as u64 != first {
            return Err(audit_log::tree_mismatch(n_events as u64, first));
        }
        if events.is_empty() {
            return Ok(first);
        }
        let seqs: Vec<i64> = (0..events.len() as u64).map(|offset| (first + offset) as i64).collect();
        let at: Vec<i64> = events.iter().map(|e| e.at_unix_micros).collect();
        let actor_kinds: Vec<&str> = events.iter().map(|e| e.actor_kind.as_str()).collect();
        let actor_names: Vec<&str> = events.iter().map(|e| e.actor_name.as_str()).collect();
        let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
        let target_kinds: Vec<Option<&str>> = events.iter().map(|e| e.target_kind.as_deref()).collect();
        let target_ids: Vec<Option<Uuid>> = events.iter().map(|e| e.target_id.map(Uuid::from_bytes)).collect();
        let categories: Vec<String> = events.iter().map(|e| e.categories.join(",")).collect();
        let purposes: Vec<Option<&str>> = events.iter().map(|e| e.purpose.as_deref()).collect();
        let addrs: Vec<Option<&str>> = events.iter().map(|e| e.client_addr.as_deref()).collect();
        let outcomes: Vec<&str> = events.iter().map(|e| e.outcome.as_str()).collect();
        let details: Vec<Option<&str>> = events.iter().map(|e| e.detail.as_deref()).collect();
        self.connection.execute(
            "INSERT INTO audit_events (seq, at_unix_micros, actor_kind, actor_name, action, target_kind, target_id, categories, purpose, client_addr, outcome, detail)
             SELECT * FROM UNNEST($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])",
            &[&seqs, &at, &actor_kinds, &actor_names, &actions, &target_kinds, &target_ids, &categories, &purposes, &addrs, &outcomes, &details],
        )?;
        let extension = audit_log::extend(frontier, events);
        let levels: Vec<i16> = extension.subtrees.iter().map(|(level, _, _)| *level as i16).collect();
        let indexes: Vec<i64> = extension.subtrees.iter().map(|(_, index, _)| *index as i64).collect();
        let hashes: Vec<&[u8]> = extension.subtrees.iter().map(|(_, _, hash)| hash.as_slice()).collect();
        self.connection.execute(
            "INSERT INTO audit_tree (level, idx, hash) SELECT * FROM UNNEST($1::smallint[], $2::bigint[], $3::bytea[])",
            &[&levels, &indexes, &hashes],
        )?;
        self.connection.execute(
            "INSERT INTO audit_frontier (singleton, size, peaks) VALUES (1, $1, $2)
             ON CONFLICT (singleton) DO UPDATE SET size = EXCLUDED.size, peaks = EXCLUDED.peaks",
            &[&(extension.frontier.size() as i64), &audit_log::encode_peaks(&extension.frontier)],
        )?;
        Ok(first)
    }

    fn audit_frontier(&mut self) -> Result<Frontier, StoreError> {
        let rows = self.connection.query("SELECT size, peaks FROM audit_frontier", &[])?;
        match rows.first() {
            Some(row) => audit_log::decode_frontier(row.try_get(0)?, row.try_get(1)?),
            None => Ok(Frontier::new()),
        }
    }

    fn audit_subtree(&mut self, level: u32, index: u64) -> Result<Option<Hash>, StoreError> {
        let rows =
            self.connection.query("SELECT hash FROM audit_tree WHERE level = $1 AND idx = $2", &[&(level as i16), &(index as i64)])?;
        rows.first().map(|row| audit_log::hash_from(row.try_get(0)?)).transpose()
    }

    fn audit_subtrees(&mut self, level: u32, from: u64, limit: usize) -> Result<Vec<(u64, Hash)>, StoreError> {
        self.connection
            .query(
                "SELECT idx, hash FROM audit_tree WHERE level = $1 AND idx >= $2 ORDER BY idx LIMIT $3",
                &[&(level as i16), &(from as i64), &(limit as i64)],
            )?
            .iter()
            .map(|row| Ok((row.try_get::<_, i64>(0)? as u64, audit_log::hash_from(row.try_get(1)?)?)))
            .collect()
    }

    fn insert_checkpoint(&mut self, checkpoint: &CheckpointRow) -> Result<(), StoreError> {
        self.connection.execute(
            "INSERT INTO audit_checkpoints (size, root, at_unix_micros, note) VALUES ($1, $2, $3, $4) ON CONFLICT (size) DO NOTHING",
            &[&(checkpoint.size as i64), &checkpoint.root.as_slice(), &checkpoint.at_unix_micros, &checkpoint.note],
        )?;
        Ok(())
    }

    fn checkpoints(&mut self) -> Result<Vec<CheckpointRow>, StoreError> {
        self.connection
            .query("SELECT size, root, at_unix_micros, note FROM audit_checkpoints ORDER BY size", &[])?
            .iter()
            .map(|row| {
                Ok(CheckpointRow {
                    size: row.try_get::<_, i64>(0)? as u64,
                    root: audit_log::hash_from(row.try_get(1)?)?,
                    at_unix_micros: row.try_get(2)?,
                    note: row.try_get(3)?,
                })
            })
            .collect()
    }

    fn audit_events(&mut self, from: u64, limit: usize) -> Result<Vec<(u64, AuditEvent)>, StoreError> {
        self.query_audit_events(&AuditFilter { after_seq: from.checked_sub(1), limit, ..AuditFilter::default() })
    }

    fn checkpoint_notes(&mut self) -> Result<Vec<Option<String>>, StoreError> {
        Ok(self
            .connection
            .query("SELECT note FROM audit_checkpoints ORDER BY size", &[])?
            .iter()
            .map(|row| row.try_get::<_, String>(0).ok())
            .collect())
    }

    fn stray_audit_events(&mut self) -> Result<u64, StoreError> {
        // The column's CHECK (seq >= 0) refuses them; counted all the same, as SQLite does.
        Ok(self.connection.query("SELECT COUNT(*) FROM audit_events WHERE seq < 0", &[])?[0].try_get::<_, i64>(0)? as u64)
    }

    fn audit_event_seqs(&mut self, from: u64, limit: usize) -> Result<Vec<u64>, StoreError> {
        let from = i64::try_from(from).unwrap_or(i64::MAX);
        self.connection
            .query("SELECT seq FROM audit_events WHERE seq >= $1 ORDER BY seq LIMIT $2", &[&from, &(limit as i64)])?
            .iter()
            .map(|row| Ok(row.try_get::<_, i64>(0)? as u64))
            .collect()
    }

    fn query_audit_events(&mut self, filter: &AuditFilter) -> Result<Vec<(u64, AuditEvent)>, StoreError> {
        let mut sql = String::from(
            "SELECT seq, at_unix_micros, actor_kind, actor_name, action, target_kind, target_id, categories, purpose, client_addr, outcome, detail
             FROM audit_events WHERE TRUE",
        );
        let mut values: Vec<Box<dyn ToSql + Sync>> = Vec::new();
        let mut condition = |sql: &mut String, clause: &str, value: Box<dyn ToSql + Sync>| {
            values.push(value);
            sql.push_str(&format!(" AND {clause} ${}", values.len()));
        };
        if let Some(target) = filter.target_id {
            condition(&mut sql, "target_id =", Box::new(target));
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
        if let Some(after) = filter.after_seq {
            // Past the largest sequence number a store can hold: nothing comes after it.
            condition(&mut sql, "seq >", Box::new(i64::try_from(after).unwrap_or(i64::MAX)));
        }
        values.push(Box::new(filter.limit as i64));
        sql.push_str(&format!(" ORDER BY seq LIMIT ${}", values.len()));
        let params: Vec<&(dyn ToSql + Sync)> = values.iter().map(|value| value.as_ref()).collect();
        self.connection
            .query(&sql, &params)?
            .iter()
            .map(|row| {
                Ok((
                    row.try_get::<_, i64>(0)? as u64,
                    AuditEvent {
                        at_unix_micros: row.try_get(1)?,
                        actor_kind: row.try_get(2)?,
                        actor_name: row.try_get(3)?,
                        action: row.try_get(4)?,
                        target_kind: row.try_get(5)?,
                        target_id: row.try_get::<_, Option<Uuid>>(6)?.map(Uuid::into_bytes),
                        categories: split_categories(row.try_get(7)?),
                        purpose: row.try_get(8)?,
                        client_addr: row.try_get(9)?,
                        outcome: row.try_get(10)?,
                        detail: row.try_get(11)?,
                    },
                ))
            })
            .collect()
    }

    fn insert_staff(&mut self, row: &StaffRow) -> Result<(), StoreError> {
        let statement = sql::insert("staff", sql::STAFF_COLUMNS, placeholder);
        let failed_logins = i32::try_from(row.failed_logins).unwrap_or(i32::MAX);
        match self.connection.execute(&statement, &staff_params(row, &row.role.as_str(), &failed_logins)) {
            Err(StoreError::Postgres(error)) if error.code() == Some(&postgres::error::SqlState::UNIQUE_VIOLATION) => {
                Err(StoreError::Conflict("that user name is taken".into()))
            }
            other => other.map(|_| ()),
        }
    }

    fn update_staff(&mut self, row: &StaffRow) -> Result<(), StoreError> {
        let statement = sql::update_by_key("staff", sql::STAFF_COLUMNS, placeholder);
        let failed_logins = i32::try_from(row.failed_logins).unwrap_or(i32::MAX);
        self.connection.execute(&statement, &staff_params(row, &row.role.as_str(), &failed_logins))?;
        Ok(())
    }

    // Account and session rows are read FOR UPDATE: several Strongroom instances may share the
    // database, and a read-modify-write of a failure counter, a TOTP step or a lockout must not
    // lose a concurrent one (SQLite gets the same from BEGIN IMMEDIATE).
    fn staff(&mut self, id: Uuid) -> Result<Option<StaffRow>, StoreError> {
        let statement = sql::select("staff", sql::STAFF_COLUMNS, "WHERE id = $1 FOR UPDATE");
        self.connection.query(&statement, &[&id])?.first().map(staff_from).transpose()
    }

    fn staff_by_name(&mut self, username: &str) -> Result<Option<StaffRow>, StoreError> {
        let statement = sql::select("staff", sql::STAFF_COLUMNS, "WHERE username = $1 FOR UPDATE");
        self.connection.query(&statement, &[&username])?.first().map(staff_from).transpose()
    }

    fn all_staff(&mut self) -> Result<Vec<StaffRow>, StoreError> {
        self.connection.query(&sql::select("staff", sql::STAFF_COLUMNS, "ORDER BY username"), &[])?.iter().map(staff_from).collect()
    }

    fn replace_recovery_codes(&mut self, staff_id: Uuid, hashes: &[[u8; 32]]) -> Result<(), StoreError> {
        self.connection.execute("DELETE FROM staff_recovery_codes WHERE staff_id = $1", &[&staff_id])?;
        let hashes: Vec<&[u8]> = hashes.iter().map(|hash| hash.as_slice()).collect();
        self.connection.execute(
            "INSERT INTO staff_recovery_codes (staff_id, code_hash) SELECT $1, hash FROM UNNEST($2::BYTEA[]) AS hash",
            &[&staff_id, &hashes],
        )?;
        Ok(())
    }

    fn use_recovery_code(&mut self, staff_id: Uuid, hash: &[u8; 32], at: i64) -> Result<bool, StoreError> {
        let used = self.connection.execute(
            "UPDATE staff_recovery_codes SET used_at = $3 WHERE staff_id = $1 AND code_hash = $2 AND used_at IS NULL",
            &[&staff_id, &hash.as_slice(), &at],
        )?;
        Ok(used == 1)
    }

    fn recovery_code_hashes(&mut self, staff_id: Uuid) -> Result<Vec<Vec<u8>>, StoreError> {
        let rows = self.connection.query("SELECT code_hash FROM staff_recovery_codes WHERE staff_id = $1 FOR UPDATE", &[&staff_id])?;
        rows.iter().map(|row| Ok(row.try_get(0)?)).collect()
    }

    fn rekey_recovery_code(&mut self, staff_id: Uuid, old: &[u8], new: &[u8; 32]) -> Result<(), StoreError> {
        self.connection.execute(
            "UPDATE staff_recovery_codes SET code_hash = $3 WHERE staff_id = $1 AND code_hash = $2",
            &[&staff_id, &old, &new.as_slice()],
        )?;
        Ok(())
    }

    fn unused_recovery_codes(&mut self, staff_id: Uuid) -> Result<u32, StoreError> {
        let rows =
            self.connection.query("SELECT COUNT(*) FROM staff_recovery_codes WHERE staff_id = $1 AND used_at IS NULL", &[&staff_id])?;
        Ok(rows.first().map(|row| row.try_get::<_, i64>(0)).transpose()?.unwrap_or(0) as u32)
    }

    fn insert_session(&mut self, row: &SessionRow) -> Result<(), StoreError> {
        self.connection
            .execute(&sql::insert("sessions", sql::SESSION_COLUMNS, placeholder), &session_params(row, &row.id_hash.as_slice()))?;
        Ok(())
    }

    fn session(&mut self, id_hash: &[u8; 32]) -> Result<Option<SessionRow>, StoreError> {
        let statement = sql::select("sessions", sql::SESSION_COLUMNS, "WHERE id_hash = $1 FOR UPDATE");
        self.connection.query(&statement, &[&id_hash.as_slice()])?.first().map(session_from).transpose()
    }

    fn update_session(&mut self, row: &SessionRow) -> Result<(), StoreError> {
        self.connection
            .execute(&sql::update_by_key("sessions", sql::SESSION_COLUMNS, placeholder), &session_params(row, &row.id_hash.as_slice()))?;
        Ok(())
    }

    fn sessions_of(&mut self, staff_id: Uuid) -> Result<Vec<SessionRow>, StoreError> {
        let statement = sql::select("sessions", sql::SESSION_COLUMNS, "WHERE staff_id = $1 ORDER BY created_at DESC");
        self.connection.query(&statement, &[&staff_id])?.iter().map(session_from).collect()
    }

    fn all_sessions(&mut self) -> Result<Vec<SessionRow>, StoreError> {
        self.connection
            .query(&sql::select("sessions", sql::SESSION_COLUMNS, "ORDER BY created_at"), &[])?
            .iter()
            .map(session_from)
            .collect()
    }

    fn delete_session(&mut self, id_hash: &[u8; 32]) -> Result<bool, StoreError> {
        Ok(self.connection.execute("DELETE FROM sessions WHERE id_hash = $1", &[&id_hash.as_slice()])? == 1)
    }

    fn delete_sessions_of(&mut self, staff_id: Uuid, keep: Option<&[u8; 32]>) -> Result<u64, StoreError> {
        let keep: &[u8] = keep.map(|hash| hash.as_slice()).unwrap_or_default();
        self.connection.execute("DELETE FROM sessions WHERE staff_id = $1 AND id_hash <> $2", &[&staff_id, &keep])
    }

    fn delete_expired_sessions(&mut self, idle_before: i64, created_before: i64) -> Result<u64, StoreError> {
        self.connection.execute("DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2", &[&idle_before, &created_before])
    }

    fn insert_api_token(&mut self, row: &ApiTokenRow) -> Result<(), StoreError> {
        let statement = sql::insert("api_tokens", sql::API_TOKEN_COLUMNS, placeholder);
        self.connection.execute(&statement, &api_token_params(row, &row.token_hash.as_slice(), &row.role.as_str()))?;
        Ok(())
    }

    fn api_token_by_hash(&mut self, token_hash: &[u8; 32]) -> Result<Option<ApiTokenRow>, StoreError> {
        let statement = sql::select("api_tokens", sql::API_TOKEN_COLUMNS, "WHERE token_hash = $1 FOR UPDATE");
        self.connection.query(&statement, &[&token_hash.as_slice()])?.first().map(api_token_from).transpose()
    }

    fn api_token(&mut self, id: Uuid) -> Result<Option<ApiTokenRow>, StoreError> {
        let statement = sql::select("api_tokens", sql::API_TOKEN_COLUMNS, "WHERE id = $1 FOR UPDATE");
        self.connection.query(&statement, &[&id])?.first().map(api_token_from).transpose()
    }

    fn api_tokens(&mut self) -> Result<Vec<ApiTokenRow>, StoreError> {
        self.connection
            .query(&sql::select("api_tokens", sql::API_TOKEN_COLUMNS, "ORDER BY created_at, id"), &[])?
            .iter()
            .map(api_token_from)
            .collect()
    }

    fn update_api_token(&mut self, row: &ApiTokenRow) -> Result<(), StoreError> {
        let statement = sql::update_by_key("api_tokens", sql::API_TOKEN_COLUMNS, placeholder);
        self.connection.execute(&statement, &api_token_params(row, &row.token_hash.as_slice(), &row.role.as_str()))?;
        Ok(())
    }

    fn claim_idempotency_key(&mut self, row: &IdempotencyRow) -> Result<Option<IdempotencyRow>, StoreError> {
        // A conflicting claim by a transaction still running makes this insert wait for its end;
        // once it committed, the select (a new snapshot under READ COMMITTED) sees its row.
        let inserted = self.connection.execute(
            "INSERT INTO idempotency_keys (actor, idem_key, request_digest, result_id, created_at) VALUES ($1, $2, $3, NULL, $4)
             ON CONFLICT (actor, idem_key) DO NOTHING",
            &[&row.actor, &row.key, &row.request_digest.as_slice(), &row.created_at],
        )?;
        if inserted == 1 {
            return Ok(None);
        }
        let found = self.connection.query(
            "SELECT request_digest, result_id, created_at FROM idempotency_keys WHERE actor = $1 AND idem_key = $2",
            &[&row.actor, &row.key],
        )?;
        let found = found.first().ok_or_else(|| StoreError::Corrupt("an idempotency key vanished while claimed".into()))?;
        Ok(Some(IdempotencyRow {
            actor: row.actor.clone(),
            key: row.key.clone(),
            request_digest: rows::hash_from(found.try_get::<_, &[u8]>(0)?)?,
            result_id: found.try_get(1)?,
            created_at: found.try_get(2)?,
        }))
    }

    fn finish_idempotency_key(&mut self, actor: &str, key: &str, result_id: Uuid) -> Result<(), StoreError> {
        self.connection
            .execute("UPDATE idempotency_keys SET result_id = $1 WHERE actor = $2 AND idem_key = $3", &[&result_id, &actor, &key])?;
        Ok(())
    }

    fn purge_idempotency_keys(&mut self, created_before: i64) -> Result<u64, StoreError> {
        self.connection.execute("DELETE FROM idempotency_keys WHERE created_at < $1", &[&created_before])
    }

    fn import_progress(&mut self, file_digest: &[u8; 32]) -> Result<Option<ImportProgress>, StoreError> {
        let rows = self.connection.query(
            "SELECT rows_total, rows_done, rows_imported, rows_rejected, rejects_bytes, started_at, finished_at
             FROM import_runs WHERE file_digest = $1",
            &[&file_digest.as_slice()],
        )?;
        rows.first()
            .map(|row| {
                Ok(ImportProgress {
                    file_digest: *file_digest,
                    rows_total: row.try_get::<_, i64>(0)? as u64,
                    rows_done: row.try_get::<_, i64>(1)? as u64,
                    rows_imported: row.try_get::<_, i64>(2)? as u64,
                    rows_rejected: row.try_get::<_, i64>(3)? as u64,
                    rejects_bytes: row.try_get::<_, i64>(4)? as u64,
                    started_at: row.try_get(5)?,
                    finished_at: row.try_get(6)?,
                })
            })
            .transpose()
    }

    fn save_import_progress(&mut self, progress: &ImportProgress, expected_rows_done: Option<u64>) -> Result<bool, StoreError> {
        let common: [&(dyn ToSql + Sync); 8] = [
            &progress.file_digest.as_slice(),
            &(progress.rows_total as i64),
            &(progress.rows_done as i64),
            &(progress.rows_imported as i64),
            &(progress.rows_rejected as i64),
            &(progress.rejects_bytes as i64),
            &progress.started_at,
            &progress.finished_at,
        ];
        // A concurrent run's uncommitted insert or update makes this one wait for it, then find
        // the row changed: the conflict or the condition then writes nothing.
        let written = match expected_rows_done {
            None => self.connection.execute(
                "INSERT INTO import_runs (file_digest, rows_total, rows_done, rows_imported, rows_rejected, rejects_bytes, started_at, finished_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                 ON CONFLICT (file_digest) DO NOTHING",
                &common,
            )?,
            Some(expected) => {
                let expected = expected as i64;
                let mut values = common.to_vec();
                values.push(&expected);
                self.connection.execute(
                    "UPDATE import_runs SET rows_total = $2, rows_done = $3, rows_imported = $4, rows_rejected = $5, rejects_bytes = $6,
                         started_at = $7, finished_at = $8
                     WHERE file_digest = $1 AND rows_done = $9 AND finished_at IS NULL",
                    &values,
                )?
            }
        };
        Ok(written == 1)
    }
}
