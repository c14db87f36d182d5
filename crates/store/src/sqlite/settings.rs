//! The shop's settings kept in the vault, on SQLite.

use std::ops::DerefMut;

use rusqlite::{Connection, params};

use super::SqliteTx;
use crate::StoreError;
use crate::tx::SettingTx;

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
}
