//! The shop's settings kept in the vault, and the items of the owner's security desk, on PostgreSQL.

use super::PgTx;
use uuid::Uuid;

use crate::tx::SettingTx;
use crate::{DeskItemRow, StoreError};

/// The advisory lock key that serialises adding desk items (see `SettingTx::lock_desk_items`).
const DESK_LOCK: i64 = 0x5354_524f_4445_534b;

impl SettingTx for PgTx<'_> {
    fn setting(&mut self, name: &str) -> Result<Option<(String, i64)>, StoreError> {
        let rows = self.connection.query("SELECT value, updated_at FROM shop_settings WHERE name = $1", &[&name])?;
        Ok(rows.first().map(|row| (row.get(0), row.get(1))))
    }

    fn set_setting(&mut self, name: &str, value: &str, updated_at: i64) -> Result<(), StoreError> {
        self.connection.execute(
            "INSERT INTO shop_settings (name, value, updated_at) VALUES ($1, $2, $3)
             ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at",
            &[&name, &value, &updated_at],
        )?;
        Ok(())
    }

    fn setting_updated_at(&mut self, name: &str) -> Result<Option<i64>, StoreError> {
        let rows = self.connection.query("SELECT updated_at FROM shop_settings WHERE name = $1", &[&name])?;
        Ok(rows.first().map(|row| row.get(0)))
    }

    fn desk_items(&mut self, kind: &str) -> Result<Vec<DeskItemRow>, StoreError> {
        let rows = self.connection.query("SELECT kind, id, body, updated_at FROM desk_items WHERE kind = $1 ORDER BY id", &[&kind])?;
        rows.iter().map(desk_item_from).collect()
    }

    fn desk_item(&mut self, kind: &str, id: Uuid) -> Result<Option<DeskItemRow>, StoreError> {
        let rows = self
            .connection
            .query("SELECT kind, id, body, updated_at FROM desk_items WHERE kind = $1 AND id = $2 FOR UPDATE", &[&kind, &id])?;
        rows.iter().map(desk_item_from).next().transpose()
    }

    fn put_desk_item(&mut self, row: &DeskItemRow, read_at: Option<i64>) -> Result<bool, StoreError> {
        let written = match read_at {
            None => self.connection.execute(
                "INSERT INTO desk_items (kind, id, body, updated_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                &[&row.kind, &row.id, &row.body, &row.updated_at],
            )?,
            Some(read_at) => self.connection.execute(
                "UPDATE desk_items SET body = $3, updated_at = $4 WHERE kind = $1 AND id = $2 AND updated_at = $5",
                &[&row.kind, &row.id, &row.body, &row.updated_at, &read_at],
            )?,
        };
        Ok(written == 1)
    }

    fn lock_desk_items(&mut self) -> Result<(), StoreError> {
        self.connection.query("SELECT pg_advisory_xact_lock($1)", &[&DESK_LOCK])?;
        Ok(())
    }

    fn delete_desk_item(&mut self, kind: &str, id: Uuid) -> Result<bool, StoreError> {
        Ok(self.connection.execute("DELETE FROM desk_items WHERE kind = $1 AND id = $2", &[&kind, &id])? == 1)
    }
}

fn desk_item_from(row: &tokio_postgres::Row) -> Result<DeskItemRow, StoreError> {
    Ok(DeskItemRow { kind: row.try_get(0)?, id: row.try_get(1)?, body: row.try_get(2)?, updated_at: row.try_get(3)? })
}
