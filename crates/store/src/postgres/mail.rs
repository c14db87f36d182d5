//! The mail settings and the outbox on PostgreSQL.

use tokio_postgres::Row;
use uuid::Uuid;

use super::PgTx;
use crate::tx::{MailMove, MailTx};
use crate::{MailRow, StoreError};

const COLUMNS: &str = "id, kind, incident_id, customer_id, sealed, state, attempts, reason, queued_at, updated_at, sent_at";

impl MailTx for PgTx<'_> {
    fn mail_settings(&mut self) -> Result<Option<(Vec<u8>, i64)>, StoreError> {
        let rows = self.connection.query("SELECT sealed, updated_at FROM mail_settings WHERE singleton = 1", &[])?;
        Ok(rows.first().map(|row| (row.get(0), row.get(1))))
    }

    fn set_mail_settings(&mut self, sealed: &[u8], updated_at: i64) -> Result<(), StoreError> {
        self.connection.execute(
            "INSERT INTO mail_settings (singleton, sealed, updated_at) VALUES (1, $1, $2)
             ON CONFLICT (singleton) DO UPDATE SET sealed = EXCLUDED.sealed, updated_at = EXCLUDED.updated_at",
            &[&sealed, &updated_at],
        )?;
        Ok(())
    }

    fn insert_mail(&mut self, row: &MailRow) -> Result<bool, StoreError> {
        let inserted = self.connection.execute(
            &format!("INSERT INTO mail_outbox ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING"),
            &[
                &row.id,
                &row.kind,
                &row.incident_id,
                &row.customer_id,
                &row.sealed,
                &row.state,
                &row.attempts,
                &row.reason,
                &row.queued_at,
                &row.updated_at,
                &row.sent_at,
            ],
        )?;
        Ok(inserted == 1)
    }

    fn mail(&mut self, id: Uuid) -> Result<Option<MailRow>, StoreError> {
        let rows = self.connection.query(&format!("SELECT {COLUMNS} FROM mail_outbox WHERE id = $1"), &[&id])?;
        Ok(rows.iter().map(mail_from).next())
    }

    fn queued_mail(&mut self, limit: usize) -> Result<Vec<MailRow>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM mail_outbox WHERE state = 'queued' ORDER BY queued_at, id LIMIT $1");
        Ok(self.connection.query(&sql, &[&(limit as i64)])?.iter().map(mail_from).collect())
    }

    fn outbox(&mut self, incident_id: Option<Uuid>, attention_only: bool, limit: usize) -> Result<Vec<MailRow>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM mail_outbox WHERE ($1::uuid IS NULL OR incident_id = $1)
               AND (NOT $3 OR state IN ('failed', 'handing', 'held'))
             ORDER BY queued_at DESC, id DESC LIMIT $2"
        );
        Ok(self.connection.query(&sql, &[&incident_id, &(limit as i64), &attention_only])?.iter().map(mail_from).collect())
    }

    fn hold_mail(&mut self, at: i64) -> Result<u64, StoreError> {
        let held = self
            .connection
            .execute("UPDATE mail_outbox SET state = 'held', updated_at = $1 WHERE state IN ('queued', 'handing')", &[&at])?;
        Ok(held)
    }

    fn mail_counts(&mut self, incident_id: Option<Uuid>) -> Result<Vec<(String, i64)>, StoreError> {
        let rows = self.connection.query(
            "SELECT state, COUNT(*) FROM mail_outbox WHERE $1::uuid IS NULL OR incident_id = $1 GROUP BY state ORDER BY state",
            &[&incident_id],
        )?;
        Ok(rows.iter().map(|row| (row.get(0), row.get(1))).collect())
    }

    fn move_mail(&mut self, change: &MailMove<'_>) -> Result<bool, StoreError> {
        let moved = self.connection.execute(
            "UPDATE mail_outbox SET state = $3, attempts = attempts + $4, reason = $5, updated_at = $6, sent_at = COALESCE($7, sent_at)
             WHERE id = $1 AND state = $2",
            &[&change.id, &change.from, &change.to, &i64::from(change.attempt), &change.reason, &change.at, &change.sent_at],
        )?;
        Ok(moved == 1)
    }
}

fn mail_from(row: &Row) -> MailRow {
    MailRow {
        id: row.get(0),
        kind: row.get(1),
        incident_id: row.get(2),
        customer_id: row.get(3),
        sealed: row.get(4),
        state: row.get(5),
        attempts: row.get(6),
        reason: row.get(7),
        queued_at: row.get(8),
        updated_at: row.get(9),
        sent_at: row.get(10),
    }
}
