//! SQLite: staff accounts and their recovery codes.

use std::ops::DerefMut;

use rusqlite::{Connection, Row, params};
use uuid::Uuid;

use super::{SqliteTx, placeholder, uuid_from};
use crate::rows;
use crate::sql;
use crate::tx::StaffTx;
use crate::{StaffRow, StoreError};

impl<C: DerefMut<Target = Connection>> StaffTx for SqliteTx<'_, C> {
    fn insert_staff(&mut self, row: &StaffRow) -> Result<(), StoreError> {
        let statement = sql::insert("staff", sql::STAFF_COLUMNS, placeholder);
        match self.connection.prepare_cached(&statement)?.execute(rusqlite::params_from_iter(staff_params(row))) {
            Err(rusqlite::Error::SqliteFailure(error, _)) if error.code == rusqlite::ErrorCode::ConstraintViolation => {
                Err(StoreError::Conflict("that user name is taken".into()))
            }
            other => other.map(|_| ()).map_err(StoreError::from),
        }
    }

    fn update_staff(&mut self, row: &StaffRow) -> Result<(), StoreError> {
        let statement = sql::update_by_key("staff", sql::STAFF_COLUMNS, placeholder);
        self.connection.prepare_cached(&statement)?.execute(rusqlite::params_from_iter(staff_params(row)))?;
        Ok(())
    }

    fn staff(&mut self, id: Uuid) -> Result<Option<StaffRow>, StoreError> {
        let statement = sql::select("staff", sql::STAFF_COLUMNS, "WHERE id = ?1");
        Ok(self.query_rows(&statement, [id.as_bytes().as_slice()], staff_from)?.pop())
    }

    fn staff_by_name(&mut self, username: &str) -> Result<Option<StaffRow>, StoreError> {
        let statement = sql::select("staff", sql::STAFF_COLUMNS, "WHERE username = ?1");
        Ok(self.query_rows(&statement, [username], staff_from)?.pop())
    }

    fn all_staff(&mut self) -> Result<Vec<StaffRow>, StoreError> {
        self.query_rows(&sql::select("staff", sql::STAFF_COLUMNS, "ORDER BY username"), [], staff_from)
    }

    fn replace_recovery_codes(&mut self, staff_id: Uuid, hashes: &[[u8; 32]]) -> Result<(), StoreError> {
        self.connection.execute("DELETE FROM staff_recovery_codes WHERE staff_id = ?1", [staff_id.as_bytes().as_slice()])?;
        let mut statement = self.connection.prepare_cached("INSERT INTO staff_recovery_codes (staff_id, code_hash) VALUES (?1, ?2)")?;
        for hash in hashes {
            statement.execute(params![staff_id.as_bytes().as_slice(), hash.as_slice()])?;
        }
        Ok(())
    }

    fn use_recovery_code(&mut self, staff_id: Uuid, hash: &[u8; 32], at: i64) -> Result<bool, StoreError> {
        let used = self
            .connection
            .prepare_cached("UPDATE staff_recovery_codes SET used_at = ?3 WHERE staff_id = ?1 AND code_hash = ?2 AND used_at IS NULL")?
            .execute(params![staff_id.as_bytes().as_slice(), hash.as_slice(), at])?;
        Ok(used == 1)
    }

    fn recovery_code_hashes(&mut self, staff_id: Uuid) -> Result<Vec<Vec<u8>>, StoreError> {
        let mut statement = self.connection.prepare_cached("SELECT code_hash FROM staff_recovery_codes WHERE staff_id = ?1")?;
        let hashes = statement.query_map([staff_id.as_bytes().as_slice()], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(hashes)
    }

    fn rekey_recovery_code(&mut self, staff_id: Uuid, old: &[u8], new: &[u8; 32]) -> Result<(), StoreError> {
        self.connection
            .prepare_cached("UPDATE staff_recovery_codes SET code_hash = ?3 WHERE staff_id = ?1 AND code_hash = ?2")?
            .execute(params![staff_id.as_bytes().as_slice(), old, new.as_slice()])?;
        Ok(())
    }

    fn unused_recovery_codes(&mut self, staff_id: Uuid) -> Result<u32, StoreError> {
        let count: i64 = self.connection.query_row(
            "SELECT COUNT(*) FROM staff_recovery_codes WHERE staff_id = ?1 AND used_at IS NULL",
            [staff_id.as_bytes().as_slice()],
            |row| row.get(0),
        )?;
        Ok(count as u32)
    }
}

fn staff_params(row: &StaffRow) -> Vec<Box<dyn rusqlite::ToSql + '_>> {
    vec![
        Box::new(row.id.as_bytes().as_slice()),
        Box::new(row.username.as_str()),
        Box::new(row.role.as_str()),
        Box::new(row.disabled),
        Box::new(row.password_hash.as_deref()),
        Box::new(row.password_changed_at),
        Box::new(row.must_change_password),
        Box::new(row.enrolment_code_hash.as_deref()),
        Box::new(row.enrolment_expires_at),
        Box::new(row.totp_secret.as_deref()),
        Box::new(row.totp_pending.as_deref()),
        Box::new(row.totp_last_step),
        Box::new(row.passkeys.as_deref()),
        Box::new(row.failed_logins),
        Box::new(row.last_failed_at),
        Box::new(row.locked_at),
        Box::new(row.created_at),
        Box::new(row.language.as_str()),
        Box::new(row.session_epoch),
        Box::new(row.row_mac.as_deref()),
    ]
}

fn staff_from(row: &Row<'_>) -> Result<StaffRow, StoreError> {
    Ok(StaffRow {
        id: uuid_from(row.get(0)?)?,
        username: row.get(1)?,
        role: rows::role_from(&row.get::<_, String>(2)?)?,
        disabled: row.get(3)?,
        password_hash: row.get(4)?,
        password_changed_at: row.get(5)?,
        must_change_password: row.get(6)?,
        enrolment_code_hash: row.get(7)?,
        enrolment_expires_at: row.get(8)?,
        totp_secret: row.get(9)?,
        totp_pending: row.get(10)?,
        totp_last_step: row.get(11)?,
        passkeys: row.get(12)?,
        failed_logins: row.get(13)?,
        last_failed_at: row.get(14)?,
        locked_at: row.get(15)?,
        created_at: row.get(16)?,
        language: row.get(17)?,
        session_epoch: row.get(18)?,
        row_mac: row.get(19)?,
    })
}
