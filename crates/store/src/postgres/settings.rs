//! The shop's settings kept in the vault, on PostgreSQL.

use super::PgTx;
use crate::StoreError;
use crate::tx::SettingTx;

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
}
