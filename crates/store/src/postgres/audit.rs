//! PostgreSQL: the audit trail: its events, its Merkle tree and its signed checkpoints.

use strongroom_audit::{AuditEvent, Frontier, Hash};
use tokio_postgres::Row;
use tokio_postgres::types::ToSql;
use uuid::Uuid;

use super::PgTx;
use crate::audit_log::{self, CheckpointRow};
use crate::rows::split_categories;
use crate::tx::AuditTx;
use crate::{AuditFilter, AuditWindowCount, StoreError};

impl AuditTx for PgTx<'_> {
    fn append_audit_events(&mut self, events: &[AuditEvent]) -> Result<u64, StoreError> {
        if let Some((pending, _)) = &mut self.pending {
            let first = pending.base + pending.events.len() as u64;
            pending.events.extend_from_slice(events);
            return Ok(first);
        }
        let frontier = self.locked_frontier()?;
        let first = frontier.size();
        self.append_after(frontier, events)?;
        Ok(first)
    }

    fn audit_frontier(&mut self) -> Result<Frontier, StoreError> {
        self.outside_group()?;
        let rows = self.connection.query("SELECT size, peaks FROM audit_frontier", &[])?;
        match rows.first() {
            Some(row) => audit_log::decode_frontier(row.try_get(0)?, row.try_get(1)?),
            None => Ok(Frontier::new()),
        }
    }

    fn audit_subtree(&mut self, level: u32, index: u64) -> Result<Option<Hash>, StoreError> {
        self.outside_group()?;
        let rows =
            self.connection.query("SELECT hash FROM audit_tree WHERE level = $1 AND idx = $2", &[&(level as i16), &(index as i64)])?;
        rows.first().map(|row| audit_log::hash_from(row.try_get(0)?)).transpose()
    }

    fn audit_subtrees(&mut self, level: u32, from: u64, limit: usize) -> Result<Vec<(u64, Hash)>, StoreError> {
        self.outside_group()?;
        self.connection
            .query(
                "SELECT idx, hash FROM audit_tree WHERE level = $1 AND idx >= $2 ORDER BY idx LIMIT $3",
                &[&(level as i16), &(from as i64), &(limit as i64)],
            )?
            .iter()
            .map(|row| Ok((row.try_get::<_, i64>(0)? as u64, audit_log::hash_from(row.try_get(1)?)?)))
            .collect()
    }

    fn insert_checkpoint(&mut self, checkpoint: &CheckpointRow) -> Result<(), StoreError> {
        self.outside_group()?;
        self.connection.execute(
            "INSERT INTO audit_checkpoints (size, root, at_unix_micros, note) VALUES ($1, $2, $3, $4) ON CONFLICT (size) DO NOTHING",
            &[&(checkpoint.size as i64), &checkpoint.root.as_slice(), &checkpoint.at_unix_micros, &checkpoint.note],
        )?;
        Ok(())
    }

    fn checkpoints(&mut self) -> Result<Vec<CheckpointRow>, StoreError> {
        self.outside_group()?;
        self.connection
            .query("SELECT size, root, at_unix_micros, note FROM audit_checkpoints ORDER BY size", &[])?
            .iter()
            .map(|row| {
                Ok(CheckpointRow {
                    size: row.try_get::<_, i64>(0)? as u64,
                    root: audit_log::hash_from(row.try_get(1)?)?,
                    at_unix_micros: row.try_get(2)?,
                    note: row.try_get(3)?,
                })
            })
            .collect()
    }

    fn audit_events(&mut self, from: u64, limit: usize) -> Result<Vec<(u64, AuditEvent)>, StoreError> {
        self.outside_group()?;
        self.query_audit_events(&AuditFilter { after_seq: from.checked_sub(1), limit, ..AuditFilter::default() })
    }

    fn checkpoint_notes(&mut self) -> Result<Vec<Option<String>>, StoreError> {
        self.outside_group()?;
        Ok(self
            .connection
            .query("SELECT note FROM audit_checkpoints ORDER BY size", &[])?
            .iter()
            .map(|row| row.try_get::<_, String>(0).ok())
            .collect())
    }

    fn stray_audit_events(&mut self) -> Result<u64, StoreError> {
        self.outside_group()?;
        // The column's CHECK (seq >= 0) refuses them; counted all the same, as SQLite does.
        Ok(self.connection.query("SELECT COUNT(*) FROM audit_events WHERE seq < 0", &[])?[0].try_get::<_, i64>(0)? as u64)
    }

    fn audit_event_seqs(&mut self, from: u64, limit: usize) -> Result<Vec<u64>, StoreError> {
        self.outside_group()?;
        let from = i64::try_from(from).unwrap_or(i64::MAX);
        self.connection
            .query("SELECT seq FROM audit_events WHERE seq >= $1 ORDER BY seq LIMIT $2", &[&from, &(limit as i64)])?
            .iter()
            .map(|row| Ok(row.try_get::<_, i64>(0)? as u64))
            .collect()
    }

    fn audit_window_counts(&mut self, bounds: &[i64]) -> Result<Vec<AuditWindowCount>, StoreError> {
        self.outside_group()?;
        audit_log::check_bounds(bounds)?;
        let sql = audit_log::window_counts_sql(bounds.len(), |n| format!("${n}::BIGINT"));
        let params: Vec<&(dyn ToSql + Sync)> = bounds.iter().map(|bound| bound as &(dyn ToSql + Sync)).collect();
        self.connection
            .query(&sql, &params)?
            .iter()
            .map(|row| {
                Ok(AuditWindowCount {
                    window: row.try_get::<_, i32>(0)? as usize,
                    action: row.try_get(1)?,
                    outcome: row.try_get(2)?,
                    count: row.try_get::<_, i64>(3)? as u64,
                })
            })
            .collect()
    }

    fn query_audit_events(&mut self, filter: &AuditFilter) -> Result<Vec<(u64, AuditEvent)>, StoreError> {
        self.outside_group()?;
        let mut sql = String::from(
            "SELECT seq, at_unix_micros, actor_kind, actor_name, action, target_kind, target_id, categories, purpose, client_addr, outcome, detail
             FROM audit_events WHERE TRUE",
        );
        let mut values: Vec<Box<dyn ToSql + Sync>> = Vec::new();
        let mut condition = |sql: &mut String, clause: &str, value: Box<dyn ToSql + Sync>| {
            values.push(value);
            sql.push_str(&format!(" AND {clause} ${}", values.len()));
        };
        if let Some(target) = filter.target_id {
            condition(&mut sql, "target_id =", Box::new(target));
        }
        if let Some(actor) = &filter.actor_name {
            condition(&mut sql, "actor_name =", Box::new(actor.clone()));
        }
        if let Some(action) = &filter.action {
            condition(&mut sql, "action =", Box::new(action.clone()));
        }
        if let Some(outcome) = &filter.outcome {
            condition(&mut sql, "outcome =", Box::new(outcome.clone()));
        }
        if let Some(since) = filter.since {
            condition(&mut sql, "at_unix_micros >=", Box::new(since));
        }
        if let Some(until) = filter.until {
            condition(&mut sql, "at_unix_micros <", Box::new(until));
        }
        if let Some(after) = filter.after_seq {
            // Past the largest sequence number a store can hold: nothing comes after it.
            condition(&mut sql, "seq >", Box::new(i64::try_from(after).unwrap_or(i64::MAX)));
        }
        values.push(Box::new(filter.limit as i64));
        let order = if filter.newest_first { "DESC" } else { "ASC" };
        sql.push_str(&format!(" ORDER BY seq {order} LIMIT ${}", values.len()));
        let params: Vec<&(dyn ToSql + Sync)> = values.iter().map(|value| value.as_ref()).collect();
        self.connection
            .query(&sql, &params)?
            .iter()
            .map(|row| {
                Ok((
                    row.try_get::<_, i64>(0)? as u64,
                    AuditEvent {
                        at_unix_micros: row.try_get(1)?,
                        actor_kind: row.try_get(2)?,
                        actor_name: row.try_get(3)?,
                        action: row.try_get(4)?,
                        target_kind: row.try_get(5)?,
                        target_id: row.try_get::<_, Option<Uuid>>(6)?.map(Uuid::into_bytes),
                        categories: split_categories(row.try_get(7)?),
                        purpose: row.try_get(8)?,
                        client_addr: row.try_get(9)?,
                        outcome: row.try_get(10)?,
                        detail: row.try_get(11)?,
                    },
                ))
            })
            .collect()
    }
}

impl PgTx<'_> {
    /// Takes the trail's lock, one appender at a time across every instance until this
    /// transaction ends (the tree has one right edge; taken again by the same transaction, it is
    /// already held), and reads the tree's frontier under it: one round trip.
    pub(super) fn locked_frontier(&mut self) -> Result<Frontier, StoreError> {
        Ok(self.locked_frontier_and(&[])?.0)
    }

    /// [`PgTx::locked_frontier`], with `more` statements sent after it in the same round trip,
    /// and their answers.
    pub(super) fn locked_frontier_and(&mut self, more: &[(&str, &[&(dyn ToSql + Sync)])]) -> Result<(Frontier, Vec<Vec<Row>>), StoreError> {
        self.outside_group()?;
        let mut statements: Vec<(&str, &[&(dyn ToSql + Sync)])> =
            vec![("SELECT pg_advisory_xact_lock($1)", &[&AUDIT_APPEND_LOCK]), ("SELECT size, peaks FROM audit_frontier", &[])];
        statements.extend_from_slice(more);
        let mut answers = self.connection.query_all(&statements)?;
        let rest = answers.split_off(2.min(answers.len()));
        let frontier = match answers.last().and_then(|rows| rows.first()) {
            Some(row) => audit_log::decode_frontier(row.try_get(0)?, row.try_get(1)?)?,
            None => Frontier::new(),
        };
        Ok((frontier, rest))
    }

    /// Appends `events` after `frontier`, read under the trail's lock this transaction holds
    /// ([`PgTx::locked_frontier`]): the events, the tree's new nodes and its new frontier, sent
    /// together, one round trip. The events table must end where the tree does, or nothing is
    /// appended (the transaction is to be rolled back).
    pub(super) fn append_after(&mut self, frontier: Frontier, events: &[AuditEvent]) -> Result<(), StoreError> {
        let first = frontier.size();
        let seqs: Vec<i64> = (0..events.len() as u64).map(|offset| (first + offset) as i64).collect();
        let at: Vec<i64> = events.iter().map(|e| e.at_unix_micros).collect();
        let actor_kinds: Vec<&str> = events.iter().map(|e| e.actor_kind.as_str()).collect();
        let actor_names: Vec<&str> = events.iter().map(|e| e.actor_name.as_str()).collect();
        let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
        let target_kinds: Vec<Option<&str>> = events.iter().map(|e| e.target_kind.as_deref()).collect();
        let target_ids: Vec<Option<Uuid>> = events.iter().map(|e| e.target_id.map(Uuid::from_bytes)).collect();
        let categories: Vec<String> = events.iter().map(|e| e.categories.join(",")).collect();
        let purposes: Vec<Option<&str>> = events.iter().map(|e| e.purpose.as_deref()).collect();
        let addrs: Vec<Option<&str>> = events.iter().map(|e| e.client_addr.as_deref()).collect();
        let outcomes: Vec<&str> = events.iter().map(|e| e.outcome.as_str()).collect();
        let details: Vec<Option<&str>> = events.iter().map(|e| e.detail.as_deref()).collect();
        let extension = audit_log::extend(frontier, events);
        let levels: Vec<i16> = extension.subtrees.iter().map(|(level, _, _)| *level as i16).collect();
        let indexes: Vec<i64> = extension.subtrees.iter().map(|(_, index, _)| *index as i64).collect();
        let hashes: Vec<&[u8]> = extension.subtrees.iter().map(|(_, _, hash)| hash.as_slice()).collect();
        let size = extension.frontier.size() as i64;
        let peaks = audit_log::encode_peaks(&extension.frontier);
        let event_columns: [&(dyn ToSql + Sync); 12] = [
            &seqs,
            &at,
            &actor_kinds,
            &actor_names,
            &actions,
            &target_kinds,
            &target_ids,
            &categories,
            &purposes,
            &addrs,
            &outcomes,
            &details,
        ];
        let tree_columns: [&(dyn ToSql + Sync); 3] = [&levels, &indexes, &hashes];
        let new_frontier: [&(dyn ToSql + Sync); 2] = [&size, &peaks];
        // The count is sent first, so PostgreSQL reads it before the inserts.
        let mut statements: Vec<(&str, &[&(dyn ToSql + Sync)])> = vec![("SELECT COALESCE(MAX(seq) + 1, 0) FROM audit_events", &[])];
        if !events.is_empty() {
            statements.extend([
                (
                    "INSERT INTO audit_events (seq, at_unix_micros, actor_kind, actor_name, action, target_kind, target_id, categories, purpose, client_addr, outcome, detail)
                     SELECT * FROM UNNEST($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])",
                    &event_columns[..],
                ),
                ("INSERT INTO audit_tree (level, idx, hash) SELECT * FROM UNNEST($1::smallint[], $2::bigint[], $3::bytea[])", &tree_columns),
                (
                    "INSERT INTO audit_frontier (singleton, size, peaks) VALUES (1, $1, $2)
                     ON CONFLICT (singleton) DO UPDATE SET size = EXCLUDED.size, peaks = EXCLUDED.peaks",
                    &new_frontier,
                ),
            ]);
        }
        // The count is checked first: rows added behind the store's back make the inserts fail
        // too, and the mismatch is what the owner must hear of.
        let mut answers = self.connection.query_each(&statements)?.into_iter();
        let counted = answers.next().ok_or_else(|| StoreError::Corrupt("no count of the audit events".into()))??;
        let n_events: i64 = counted.first().ok_or_else(|| StoreError::Corrupt("no count of the audit events".into()))?.try_get(0)?;
        if n_events as u64 != first {
            return Err(audit_log::tree_mismatch(n_events as u64, first));
        }
        answers.try_for_each(|answer| answer.map(drop))
    }
}

/// Serialises audit appends across instances, so sequence numbers stay contiguous.
const AUDIT_APPEND_LOCK: i64 = 0x5374_726f_6e67;
