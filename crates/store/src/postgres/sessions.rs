//! PostgreSQL: sign-in sessions.

use tokio_postgres::Row;
use tokio_postgres::types::ToSql;
use uuid::Uuid;

use super::{PgTx, placeholder};
use crate::rows;
use crate::sql;
use crate::tx::SessionTx;
use crate::{SessionRow, StoreError};

impl SessionTx for PgTx<'_> {
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
