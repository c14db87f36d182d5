//! SQLite: sign-in sessions.

use std::ops::DerefMut;

use rusqlite::{Connection, Row, params};
use uuid::Uuid;

use super::{SqliteTx, placeholder, uuid_from};
use crate::rows;
use crate::sql;
use crate::tx::SessionTx;
use crate::{SessionRow, StoreError};

impl<C: DerefMut<Target = Connection>> SessionTx for SqliteTx<'_, C> {
    fn insert_session(&mut self, row: &SessionRow) -> Result<(), StoreError> {
        let statement = sql::insert("sessions", sql::SESSION_COLUMNS, placeholder);
        self.connection.prepare_cached(&statement)?.execute(rusqlite::params_from_iter(session_params(row)))?;
        Ok(())
    }

    fn session(&mut self, id_hash: &[u8; 32]) -> Result<Option<SessionRow>, StoreError> {
        let statement = sql::select("sessions", sql::SESSION_COLUMNS, "WHERE id_hash = ?1");
        Ok(self.query_rows(&statement, [id_hash.as_slice()], session_from)?.pop())
    }

    fn update_session(&mut self, row: &SessionRow) -> Result<(), StoreError> {
        let statement = sql::update_by_key("sessions", sql::SESSION_COLUMNS, placeholder);
        self.connection.prepare_cached(&statement)?.execute(rusqlite::params_from_iter(session_params(row)))?;
        Ok(())
    }

    fn sessions_of(&mut self, staff_id: Uuid) -> Result<Vec<SessionRow>, StoreError> {
        let statement = sql::select("sessions", sql::SESSION_COLUMNS, "WHERE staff_id = ?1 ORDER BY created_at DESC");
        self.query_rows(&statement, [staff_id.as_bytes().as_slice()], session_from)
    }

    fn all_sessions(&mut self) -> Result<Vec<SessionRow>, StoreError> {
        self.query_rows(&sql::select("sessions", sql::SESSION_COLUMNS, "ORDER BY created_at"), [], session_from)
    }

    fn delete_session(&mut self, id_hash: &[u8; 32]) -> Result<bool, StoreError> {
        Ok(self.connection.execute("DELETE FROM sessions WHERE id_hash = ?1", [id_hash.as_slice()])? == 1)
    }

    fn delete_sessions_of(&mut self, staff_id: Uuid, keep: Option<&[u8; 32]>) -> Result<u64, StoreError> {
        let keep = keep.map(|hash| hash.as_slice()).unwrap_or_default();
        let ended = self
            .connection
            .execute("DELETE FROM sessions WHERE staff_id = ?1 AND id_hash != ?2", params![staff_id.as_bytes().as_slice(), keep])?;
        Ok(ended as u64)
    }

    fn delete_expired_sessions(&mut self, idle_before: i64, created_before: i64) -> Result<u64, StoreError> {
        let ended = self
            .connection
            .execute("DELETE FROM sessions WHERE last_seen_at < ?1 OR created_at < ?2", params![idle_before, created_before])?;
        Ok(ended as u64)
    }
}

fn session_params(row: &SessionRow) -> Vec<Box<dyn rusqlite::ToSql + '_>> {
    vec![
        Box::new(row.id_hash.as_slice()),
        Box::new(row.staff_id.as_bytes().as_slice()),
        Box::new(row.created_at),
        Box::new(row.last_seen_at),
        Box::new(row.second_factor_at),
        Box::new(row.step_up_at),
        Box::new(row.client_addr.as_deref()),
        Box::new(row.row_mac.as_deref()),
    ]
}

fn session_from(row: &Row<'_>) -> Result<SessionRow, StoreError> {
    Ok(SessionRow {
        id_hash: rows::hash_from(&row.get::<_, Vec<u8>>(0)?)?,
        staff_id: uuid_from(row.get(1)?)?,
        created_at: row.get(2)?,
        last_seen_at: row.get(3)?,
        second_factor_at: row.get(4)?,
        step_up_at: row.get(5)?,
        client_addr: row.get(6)?,
        row_mac: row.get(7)?,
    })
}
