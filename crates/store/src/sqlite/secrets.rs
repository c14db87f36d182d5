//! The shop's password vault on SQLite.

use std::ops::DerefMut;

use rusqlite::{Connection, Row, params};
use uuid::Uuid;

use super::{SqliteTx, data_key_row, uuid_from};
use crate::tx::{KeyringTx, SecretTx};
use crate::{OwnerKind, SecretRow, StoreError};

const COLUMNS: &str =
    "s.id, s.created_at, s.updated_at, s.info, s.secret, k.owner_kind, k.owner_id, k.data_key_version, k.master_version, k.wrapped";
const FROM: &str = "FROM shop_secrets s JOIN data_keys k ON k.owner_kind = ?1 AND k.owner_id = s.id";

impl<C: DerefMut<Target = Connection>> SecretTx for SqliteTx<'_, C> {
    fn insert_secret(&mut self, row: &SecretRow) -> Result<(), StoreError> {
        self.connection
            .prepare_cached("INSERT INTO shop_secrets (id, created_at, updated_at, info, secret) VALUES (?1, ?2, ?3, ?4, ?5)")?
            .execute(params![row.id.as_bytes(), row.created_at, row.updated_at, row.info, row.secret])?;
        self.insert_data_key(&row.data_key)
    }

    fn secret(&mut self, id: Uuid) -> Result<Option<SecretRow>, StoreError> {
        let sql = format!("SELECT {COLUMNS} {FROM} WHERE s.id = ?2");
        Ok(self.query_rows(&sql, params![OwnerKind::ShopSecret.code(), id.as_bytes()], secret_from)?.pop())
    }

    fn secrets(&mut self, limit: usize) -> Result<Vec<SecretRow>, StoreError> {
        let sql = format!("SELECT {COLUMNS} {FROM} ORDER BY s.created_at, s.id LIMIT ?2 + 0");
        self.query_rows(&sql, params![OwnerKind::ShopSecret.code(), limit as i64], secret_from)
    }

    fn count_secrets(&mut self) -> Result<u64, StoreError> {
        let n: i64 = self.connection.query_row("SELECT COUNT(*) FROM shop_secrets", [], |row| row.get(0))?;
        Ok(n as u64)
    }

    fn update_secret(&mut self, row: &SecretRow, read_at: i64) -> Result<bool, StoreError> {
        let changed = self
            .connection
            .prepare_cached("UPDATE shop_secrets SET info = ?2, secret = ?3, updated_at = ?4 WHERE id = ?1 AND updated_at = ?5")?
            .execute(params![row.id.as_bytes(), row.info, row.secret, row.updated_at, read_at])?;
        Ok(changed == 1)
    }

    fn delete_secret(&mut self, id: Uuid) -> Result<bool, StoreError> {
        let deleted = self.connection.prepare_cached("DELETE FROM shop_secrets WHERE id = ?1")?.execute(params![id.as_bytes()])?;
        self.destroy_data_key(OwnerKind::ShopSecret, id)?;
        Ok(deleted == 1)
    }
}

fn secret_from(row: &Row<'_>) -> Result<SecretRow, StoreError> {
    Ok(SecretRow {
        id: uuid_from(row.get(0)?)?,
        created_at: row.get(1)?,
        updated_at: row.get(2)?,
        info: row.get(3)?,
        secret: row.get(4)?,
        data_key: data_key_row((row.get(5)?, row.get(6)?, row.get(7)?, row.get(8)?, row.get(9)?))?,
    })
}
