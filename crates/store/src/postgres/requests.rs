//! Customers' requests under the GDPR on PostgreSQL.

use tokio_postgres::Row;
use uuid::Uuid;

use super::{PgTx, data_key_from};
use crate::tx::RequestTx;
use crate::{OwnerKind, RequestRow, StoreError};

const COLUMNS: &str = "r.id, r.customer_id, r.kind, r.channel, r.status, r.received_on, r.due_on, r.opened_by, r.opened_at, r.updated_at,
    r.identity_checked, r.closed_at, r.sealed, k.owner_kind, k.owner_id, k.data_key_version, k.master_version, k.wrapped";
const FROM: &str = "FROM privacy_requests r JOIN data_keys k ON k.owner_kind = $1 AND k.owner_id = r.id";
/// Pending first (by due day), then the latest closed.
const ORDER: &str = "ORDER BY r.status IN ('completed', 'refused'), CASE WHEN r.status IN ('completed', 'refused') THEN -r.closed_at ELSE 0 END, r.due_on, r.id";

impl RequestTx for PgTx<'_> {
    fn insert_request(&mut self, row: &RequestRow) -> Result<(), StoreError> {
        self.connection.execute(
            "INSERT INTO privacy_requests (id, customer_id, kind, channel, status, received_on, due_on, opened_by, opened_at,
                 updated_at, identity_checked, closed_at, sealed)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
            &[
                &row.id,
                &row.customer_id,
                &row.kind,
                &row.channel,
                &row.status,
                &row.received_on,
                &row.due_on,
                &row.opened_by,
                &row.opened_at,
                &row.updated_at,
                &row.identity_checked,
                &row.closed_at,
                &row.sealed,
            ],
        )?;
        self.insert_data_key_rows(std::slice::from_ref(&row.data_key))
    }

    fn request(&mut self, id: Uuid) -> Result<Option<RequestRow>, StoreError> {
        let sql = format!("SELECT {COLUMNS} {FROM} WHERE r.id = $2 FOR UPDATE OF r");
        self.connection.query(&sql, &[&OwnerKind::Request.code(), &id])?.iter().map(request_from).next().transpose()
    }

    fn requests(&mut self, pending_only: bool, customer: Option<Uuid>, limit: usize) -> Result<Vec<RequestRow>, StoreError> {
        let pending = if pending_only { "AND r.status IN ('open', 'extended')" } else { "" };
        let sql = format!("SELECT {COLUMNS} {FROM} WHERE ($2::uuid IS NULL OR r.customer_id = $2) {pending} {ORDER} LIMIT $3");
        self.connection.query(&sql, &[&OwnerKind::Request.code(), &customer, &(limit as i64)])?.iter().map(request_from).collect()
    }

    fn update_request(&mut self, row: &RequestRow, read_at: i64) -> Result<bool, StoreError> {
        let changed = self.connection.execute(
            "UPDATE privacy_requests SET status = $2, due_on = $3, sealed = $4, updated_at = $5, closed_at = $6, identity_checked = $7
             WHERE id = $1 AND updated_at = $8",
            &[&row.id, &row.status, &row.due_on, &row.sealed, &row.updated_at, &row.closed_at, &row.identity_checked, &read_at],
        )?;
        Ok(changed == 1)
    }

    fn move_requests(&mut self, from: Uuid, to: Uuid) -> Result<u64, StoreError> {
        self.connection.execute("UPDATE privacy_requests SET customer_id = $2 WHERE customer_id = $1", &[&from, &to])
    }
}

fn request_from(row: &Row) -> Result<RequestRow, StoreError> {
    Ok(RequestRow {
        id: row.try_get(0)?,
        customer_id: row.try_get(1)?,
        kind: row.try_get(2)?,
        channel: row.try_get(3)?,
        status: row.try_get(4)?,
        received_on: row.try_get(5)?,
        due_on: row.try_get(6)?,
        opened_by: row.try_get(7)?,
        opened_at: row.try_get(8)?,
        updated_at: row.try_get(9)?,
        identity_checked: row.try_get(10)?,
        closed_at: row.try_get(11)?,
        sealed: row.try_get(12)?,
        data_key: data_key_from(row, 13)?,
    })
}
