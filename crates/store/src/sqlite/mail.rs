//! The mail settings and the outbox on SQLite.

use std::ops::DerefMut;

use rusqlite::{Connection, Row, params};
use uuid::Uuid;

use super::{SqliteTx, uuid_from};
use crate::tx::{MailMove, MailTx};
use crate::{MailRow, StoreError};

const COLUMNS: &str = "id, kind, incident_id, customer_id, sealed, state, attempts, reason, queued_at, updated_at, sent_at";

impl<C: DerefMut<Target = Connection>> MailTx for SqliteTx<'_, C> {
    fn mail_settings(&mut self) -> Result<Option<(Vec<u8>, i64)>, StoreError> {
        Ok(self
            .query_rows("SELECT sealed, updated_at FROM mail_settings WHERE singleton = 1", [], |row| Ok((row.get(0)?, row.get(1)?)))?
            .pop())
    }

    fn set_mail_settings(&mut self, sealed: &[u8], updated_at: i64) -> Result<(), StoreError> {
        self.connection
            .prepare_cached(
                "INSERT INTO mail_settings (singleton, sealed, updated_at) VALUES (1, ?1, ?2)
                 ON CONFLICT (singleton) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at",
            )?
            .execute(params![sealed, updated_at])?;
        Ok(())
    }

    fn insert_mail(&mut self, row: &MailRow) -> Result<bool, StoreError> {
        let inserted = self
            .connection
            .prepare_cached(&format!(
                "INSERT INTO mail_outbox ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT DO NOTHING"
            ))?
            .execute(params![
                row.id.as_bytes(),
                row.kind,
                row.incident_id.as_ref().map(Uuid::as_bytes),
                row.customer_id.as_ref().map(Uuid::as_bytes),
                row.sealed,
                row.state,
                row.attempts,
                row.reason,
                row.queued_at,
                row.updated_at,
                row.sent_at
            ])?;
        Ok(inserted == 1)
    }

    fn mail(&mut self, id: Uuid) -> Result<Option<MailRow>, StoreError> {
        Ok(self.query_rows(&format!("SELECT {COLUMNS} FROM mail_outbox WHERE id = ?1"), params![id.as_bytes()], mail_from)?.pop())
    }

    fn queued_mail(&mut self, limit: usize) -> Result<Vec<MailRow>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM mail_outbox WHERE state = 'queued' ORDER BY queued_at, id LIMIT ?1 + 0");
        self.query_rows(&sql, params![limit as i64], mail_from)
    }

    fn outbox(&mut self, incident_id: Option<Uuid>, attention_only: bool, limit: usize) -> Result<Vec<MailRow>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM mail_outbox WHERE (?1 IS NULL OR incident_id = ?1)
               AND (?3 = 0 OR state IN ('failed', 'handing', 'held'))
             ORDER BY queued_at DESC, id DESC LIMIT ?2 + 0"
        );
        self.query_rows(&sql, params![incident_id.as_ref().map(Uuid::as_bytes), limit as i64, attention_only], mail_from)
    }

    fn hold_mail(&mut self, at: i64) -> Result<u64, StoreError> {
        let held = self
            .connection
            .prepare_cached("UPDATE mail_outbox SET state = 'held', updated_at = ?1 WHERE state IN ('queued', 'handing')")?
            .execute(params![at])?;
        Ok(held as u64)
    }

    fn mail_counts(&mut self, incident_id: Option<Uuid>) -> Result<Vec<(String, i64)>, StoreError> {
        self.query_rows(
            "SELECT state, COUNT(*) FROM mail_outbox WHERE ?1 IS NULL OR incident_id = ?1 GROUP BY state ORDER BY state",
            params![incident_id.as_ref().map(Uuid::as_bytes)],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
    }

    fn move_mail(&mut self, change: &MailMove<'_>) -> Result<bool, StoreError> {
        let moved = self
            .connection
            .prepare_cached(
                "UPDATE mail_outbox SET state = ?3, attempts = attempts + ?4, reason = ?5, updated_at = ?6, sent_at = COALESCE(?7, sent_at)
                 WHERE id = ?1 AND state = ?2",
            )?
            .execute(params![
                change.id.as_bytes(),
                change.from,
                change.to,
                i64::from(change.attempt),
                change.reason,
                change.at,
                change.sent_at
            ])?;
        Ok(moved == 1)
    }
}

fn mail_from(row: &Row<'_>) -> Result<MailRow, StoreError> {
    let optional_id = |bytes: Option<Vec<u8>>| bytes.map(uuid_from).transpose();
    Ok(MailRow {
        id: uuid_from(row.get(0)?)?,
        kind: row.get(1)?,
        incident_id: optional_id(row.get(2)?)?,
        customer_id: optional_id(row.get(3)?)?,
        sealed: row.get(4)?,
        state: row.get(5)?,
        attempts: row.get(6)?,
        reason: row.get(7)?,
        queued_at: row.get(8)?,
        updated_at: row.get(9)?,
        sent_at: row.get(10)?,
    })
}
