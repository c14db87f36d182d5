//! The shop's settings kept in the vault, and the items of the owner's security desk, on SQLite.

use std::ops::DerefMut;

use rusqlite::{Connection, params};

use super::SqliteTx;
use uuid::Uuid;

use crate::tx::SettingTx;
use crate::{DeskItemRow, StoreError};

impl<C: DerefMut<Target = Connection>> SettingTx for SqliteTx<'_, C> {
    fn setting(&mut self, name: &str) -> Result<Option<(String, i64)>, StoreError> {
        Ok(self
            .query_rows("SELECT value, updated_at FROM shop_settings WHERE name = ?1", [name], |row| Ok((row.get(0)?, row.get(1)?)))?
            .pop())
    }

    fn set_setting(&mut self, name: &str, value: &str, updated_at: i64) -> Result<(), StoreError> {
        self.connection
            .prepare_cached(
                "INSERT INTO shop_settings (name, value, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            )?
            .execute(params![name, value, updated_at])?;
        Ok(())
    }

    fn setting_updated_at(&mut self, name: &str) -> Result<Option<i64>, StoreError> {
        Ok(self.query_rows("SELECT updated_at FROM shop_settings WHERE name = ?1", [name], |row| Ok(row.get(0)?))?.pop())
    }

    fn desk_items(&mut self, kind: &str) -> Result<Vec<DeskItemRow>, StoreError> {
        self.query_rows("SELECT kind, id, body, updated_at FROM desk_items WHERE kind = ?1 ORDER BY id", [kind], desk_item_from)
    }

    fn desk_item(&mut self, kind: &str, id: Uuid) -> Result<Option<DeskItemRow>, StoreError> {
        Ok(self
            .query_rows(
                "SELECT kind, id, body, updated_at FROM desk_items WHERE kind = ?1 AND id = ?2",
                params![kind, id.as_bytes()],
                desk_item_from,
            )?
            .pop())
    }

    fn put_desk_item(&mut self, row: &DeskItemRow, read_at: Option<i64>) -> Result<bool, StoreError> {
        let written = match read_at {
            None => self
                .connection
                .prepare_cached("INSERT INTO desk_items (kind, id, body, updated_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING")?
                .execute(params![row.kind, row.id.as_bytes(), row.body, row.updated_at])?,
            Some(read_at) => self
                .connection
                .prepare_cached("UPDATE desk_items SET body = ?3, updated_at = ?4 WHERE kind = ?1 AND id = ?2 AND updated_at = ?5")?
                .execute(params![row.kind, row.id.as_bytes(), row.body, row.updated_at, read_at])?,
        };
        Ok(written == 1)
    }

    fn lock_desk_items(&mut self) -> Result<(), StoreError> {
        Ok(())
    }

    fn delete_desk_item(&mut self, kind: &str, id: Uuid) -> Result<bool, StoreError> {
        let deleted =
            self.connection.prepare_cached("DELETE FROM desk_items WHERE kind = ?1 AND id = ?2")?.execute(params![kind, id.as_bytes()])?;
        Ok(deleted == 1)
    }
}

fn desk_item_from(row: &rusqlite::Row<'_>) -> Result<DeskItemRow, StoreError> {
    Ok(DeskItemRow { kind: row.get(0)?, id: super::uuid_from(row.get(1)?)?, body: row.get(2)?, updated_at: row.get(3)? })
}
