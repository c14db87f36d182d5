//! PostgreSQL: staff accounts and their recovery codes.

use tokio_postgres::Row;
use tokio_postgres::types::ToSql;
use uuid::Uuid;

use super::{PgTx, placeholder};
use crate::rows;
use crate::sql;
use crate::tx::StaffTx;
use crate::{StaffRow, StoreError};

impl StaffTx for PgTx<'_> {
    fn insert_staff(&mut self, row: &StaffRow) -> Result<(), StoreError> {
        let statement = sql::insert("staff", sql::STAFF_COLUMNS, placeholder);
        let failed_logins = i32::try_from(row.failed_logins).unwrap_or(i32::MAX);
        match self.connection.execute(&statement, &staff_params(row, &row.role.as_str(), &failed_logins)) {
            Err(StoreError::Postgres(error)) if error.code() == Some(&tokio_postgres::error::SqlState::UNIQUE_VIOLATION) => {
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
