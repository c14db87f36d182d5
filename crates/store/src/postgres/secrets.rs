//! The shop's password vault on PostgreSQL.

use tokio_postgres::Row;
use uuid::Uuid;

use super::{PgTx, data_key_from};
use crate::tx::{KeyringTx, SecretTx};
use crate::{OwnerKind, SecretRow, StoreError};

const COLUMNS: &str =
    "s.id, s.created_at, s.updated_at, s.info, s.secret, k.owner_kind, k.owner_id, k.data_key_version, k.master_version, k.wrapped";
const FROM: &str = "FROM shop_secrets s JOIN data_keys k ON k.owner_kind = $1 AND k.owner_id = s.id";

impl SecretTx for PgTx<'_> {
    fn insert_secret(&mut self, row: &SecretRow) -> Result<(), StoreError> {
        self.connection.execute(
            "INSERT INTO shop_secrets (id, created_at, updated_at, info, secret) VALUES ($1, $2, $3, $4, $5)",
            &[&row.id, &row.created_at, &row.updated_at, &row.info, &row.secret],
        )?;
        self.insert_data_key_rows(std::slice::from_ref(&row.data_key))
    }

    fn secret(&mut self, id: Uuid) -> Result<Option<SecretRow>, StoreError> {
        let sql = format!("SELECT {COLUMNS} {FROM} WHERE s.id = $2 FOR UPDATE OF s");
        self.connection.query(&sql, &[&OwnerKind::ShopSecret.code(), &id])?.iter().map(secret_from).next().transpose()
    }

    fn secrets(&mut self, limit: usize) -> Result<Vec<SecretRow>, StoreError> {
        let sql = format!("SELECT {COLUMNS} {FROM} ORDER BY s.created_at, s.id LIMIT $2");
        self.connection.query(&sql, &[&OwnerKind::ShopSecret.code(), &(limit as i64)])?.iter().map(secret_from).collect()
    }

    fn count_secrets(&mut self) -> Result<u64, StoreError> {
        Ok(self.connection.query("SELECT COUNT(*) FROM shop_secrets", &[])?[0].try_get::<_, i64>(0)? as u64)
    }

    fn update_secret(&mut self, row: &SecretRow, read_at: i64) -> Result<bool, StoreError> {
        let changed = self.connection.execute(
            "UPDATE shop_secrets SET info = $2, secret = $3, updated_at = $4 WHERE id = $1 AND updated_at = $5",
            &[&row.id, &row.info, &row.secret, &row.updated_at, &read_at],
        )?;
        Ok(changed == 1)
    }

    fn delete_secret(&mut self, id: Uuid) -> Result<bool, StoreError> {
        let deleted = self.connection.execute("DELETE FROM shop_secrets WHERE id = $1", &[&id])?;
        self.destroy_data_key(OwnerKind::ShopSecret, id)?;
        Ok(deleted == 1)
    }
}

fn secret_from(row: &Row) -> Result<SecretRow, StoreError> {
    Ok(SecretRow {
        id: row.try_get(0)?,
        created_at: row.try_get(1)?,
        updated_at: row.try_get(2)?,
        info: row.try_get(3)?,
        secret: row.try_get(4)?,
        data_key: data_key_from(row, 5)?,
    })
}
