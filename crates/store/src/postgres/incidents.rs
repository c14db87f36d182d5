//! The incident register on PostgreSQL.

use tokio_postgres::Row;
use uuid::Uuid;

use super::{PgTx, data_key_from};
use crate::tx::IncidentTx;
use crate::{IncidentImpactRow, IncidentLetterRow, IncidentRow, IncidentTaskRow, OwnerKind, PlaybookRow, StoreError};

const COLUMNS: &str = "i.id, i.kind, i.status, i.reported_by, i.reported_at, i.occurred_at, i.updated_at, i.severity, i.summary,
    i.became_aware_at, i.notified_at, i.breach, i.drill, k.owner_kind, k.owner_id, k.data_key_version, k.master_version, k.wrapped";
const FROM: &str = "FROM incidents i JOIN data_keys k ON k.owner_kind = $1 AND k.owner_id = i.id";

impl IncidentTx for PgTx<'_> {
    fn insert_incident(&mut self, row: &IncidentRow) -> Result<(), StoreError> {
        self.connection.execute(
            "INSERT INTO incidents (id, kind, status, reported_by, reported_at, occurred_at, updated_at, severity, summary,
                 became_aware_at, notified_at, breach, drill)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
            &[
                &row.id,
                &row.kind,
                &row.status,
                &row.reported_by,
                &row.reported_at,
                &row.occurred_at,
                &row.updated_at,
                &row.severity,
                &row.summary,
                &row.became_aware_at,
                &row.notified_at,
                &row.breach,
                &row.drill,
            ],
        )?;
        self.insert_data_key_rows(std::slice::from_ref(&row.data_key))
    }

    fn incident(&mut self, id: Uuid) -> Result<Option<IncidentRow>, StoreError> {
        let sql = format!("SELECT {COLUMNS} {FROM} WHERE i.id = $2");
        self.connection.query(&sql, &[&OwnerKind::Incident.code(), &id])?.iter().map(incident_from).next().transpose()
    }

    fn incidents(&mut self, open_only: bool, limit: usize) -> Result<Vec<IncidentRow>, StoreError> {
        let only = if open_only { "WHERE i.status <> 'closed'" } else { "" };
        let sql = format!("SELECT {COLUMNS} {FROM} {only} ORDER BY i.reported_at DESC, i.id DESC LIMIT $2");
        self.connection.query(&sql, &[&OwnerKind::Incident.code(), &(limit as i64)])?.iter().map(incident_from).collect()
    }

    fn update_incident(&mut self, id: Uuid, status: &str, severity: Option<&[u8]>, updated_at: i64) -> Result<bool, StoreError> {
        let changed = self.connection.execute(
            "UPDATE incidents SET status = $2, severity = $3, updated_at = $4 WHERE id = $1",
            &[&id, &status, &severity, &updated_at],
        )?;
        Ok(changed == 1)
    }

    fn insert_incident_tasks(&mut self, rows: &[IncidentTaskRow]) -> Result<(), StoreError> {
        for row in rows {
            self.connection.execute(
                "INSERT INTO incident_tasks (incident_id, seq, step, due_at, done_at, done_by, text) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                &[&row.incident_id, &row.seq, &row.step, &row.due_at, &row.done_at, &row.done_by, &row.text],
            )?;
        }
        Ok(())
    }

    fn incident_tasks(&mut self, incident_id: Uuid) -> Result<Vec<IncidentTaskRow>, StoreError> {
        self.connection
            .query(
                "SELECT incident_id, seq, step, due_at, done_at, done_by, text FROM incident_tasks WHERE incident_id = $1 ORDER BY seq",
                &[&incident_id],
            )?
            .iter()
            .map(|row| {
                Ok(IncidentTaskRow {
                    incident_id: row.try_get(0)?,
                    seq: row.try_get(1)?,
                    step: row.try_get(2)?,
                    due_at: row.try_get(3)?,
                    done_at: row.try_get(4)?,
                    done_by: row.try_get(5)?,
                    text: row.try_get(6)?,
                })
            })
            .collect()
    }

    fn complete_incident_task(&mut self, incident_id: Uuid, seq: i64, done_at: i64, done_by: &str) -> Result<bool, StoreError> {
        let changed = self.connection.execute(
            "UPDATE incident_tasks SET done_at = $3, done_by = $4 WHERE incident_id = $1 AND seq = $2 AND done_at IS NULL",
            &[&incident_id, &seq, &done_at, &done_by],
        )?;
        Ok(changed == 1)
    }

    fn insert_incident_impact(&mut self, row: &IncidentImpactRow) -> Result<(), StoreError> {
        self.connection.execute(
            "INSERT INTO incident_impacts (incident_id, seq, account, since, until, customers, records_opened, categories, customer_ids, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            &[
                &row.incident_id,
                &row.seq,
                &row.account,
                &row.since,
                &row.until,
                &row.customers,
                &row.records_opened,
                &row.categories,
                &row.customer_ids,
                &row.created_at,
            ],
        )?;
        Ok(())
    }

    fn playbook(&mut self, kind: &str) -> Result<Vec<PlaybookRow>, StoreError> {
        let rows = self.connection.query("SELECT kind, seq, step, text, hours FROM playbooks WHERE kind = $1 ORDER BY seq", &[&kind])?;
        Ok(rows
            .iter()
            .map(|row| PlaybookRow { kind: row.get(0), seq: row.get(1), step: row.get(2), text: row.get(3), hours: row.get(4) })
            .collect())
    }

    fn set_playbook(&mut self, kind: &str, rows: &[PlaybookRow]) -> Result<(), StoreError> {
        self.connection.execute("DELETE FROM playbooks WHERE kind = $1", &[&kind])?;
        for row in rows {
            self.connection.execute(
                "INSERT INTO playbooks (kind, seq, step, text, hours) VALUES ($1, $2, $3, $4, $5)",
                &[&kind, &row.seq, &row.step, &row.text, &row.hours],
            )?;
        }
        Ok(())
    }

    fn insert_incident_letter(&mut self, row: &IncidentLetterRow) -> Result<(), StoreError> {
        self.connection.execute(
            "INSERT INTO incident_letters (incident_id, seq, audience, language, saved_by, saved_at, sent_at, sealed)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            &[&row.incident_id, &row.seq, &row.audience, &row.language, &row.saved_by, &row.saved_at, &row.sent_at, &row.sealed],
        )?;
        Ok(())
    }

    fn incident_letters(&mut self, incident_id: Uuid) -> Result<Vec<IncidentLetterRow>, StoreError> {
        let rows = self.connection.query(
            "SELECT incident_id, seq, audience, language, saved_by, saved_at, sent_at, sealed FROM incident_letters
             WHERE incident_id = $1 ORDER BY seq",
            &[&incident_id],
        )?;
        Ok(rows
            .iter()
            .map(|row| IncidentLetterRow {
                incident_id: row.get(0),
                seq: row.get(1),
                audience: row.get(2),
                language: row.get(3),
                saved_by: row.get(4),
                saved_at: row.get(5),
                sent_at: row.get(6),
                sealed: row.get(7),
            })
            .collect())
    }

    fn incident_impacts(&mut self, incident_id: Uuid) -> Result<Vec<IncidentImpactRow>, StoreError> {
        self.connection
            .query(
                "SELECT incident_id, seq, account, since, until, customers, records_opened, categories, customer_ids, created_at
                 FROM incident_impacts WHERE incident_id = $1 ORDER BY seq",
                &[&incident_id],
            )?
            .iter()
            .map(|row| {
                Ok(IncidentImpactRow {
                    incident_id: row.try_get(0)?,
                    seq: row.try_get(1)?,
                    account: row.try_get(2)?,
                    since: row.try_get(3)?,
                    until: row.try_get(4)?,
                    customers: row.try_get(5)?,
                    records_opened: row.try_get(6)?,
                    categories: row.try_get(7)?,
                    customer_ids: row.try_get(8)?,
                    created_at: row.try_get(9)?,
                })
            })
            .collect()
    }

    fn set_incident_breach(
        &mut self,
        id: Uuid,
        became_aware_at: i64,
        notified_at: Option<i64>,
        breach: &[u8],
        updated_at: i64,
    ) -> Result<bool, StoreError> {
        let changed = self.connection.execute(
            "UPDATE incidents SET became_aware_at = $2, notified_at = $3, breach = $4, updated_at = $5 WHERE id = $1",
            &[&id, &became_aware_at, &notified_at, &breach, &updated_at],
        )?;
        Ok(changed == 1)
    }
}

fn incident_from(row: &Row) -> Result<IncidentRow, StoreError> {
    Ok(IncidentRow {
        id: row.try_get(0)?,
        kind: row.try_get(1)?,
        status: row.try_get(2)?,
        reported_by: row.try_get(3)?,
        reported_at: row.try_get(4)?,
        occurred_at: row.try_get(5)?,
        updated_at: row.try_get(6)?,
        severity: row.try_get(7)?,
        summary: row.try_get(8)?,
        became_aware_at: row.try_get(9)?,
        notified_at: row.try_get(10)?,
        breach: row.try_get(11)?,
        drill: row.try_get(12)?,
        data_key: data_key_from(row, 13)?,
    })
}
