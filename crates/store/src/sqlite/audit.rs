//! SQLite: the audit trail: its events, its Merkle tree and its signed checkpoints.

use std::ops::DerefMut;

use rusqlite::{Connection, OptionalExtension, params};
use strongroom_audit::{AuditEvent, Frontier, Hash};

use super::SqliteTx;
use crate::audit_log::{self, CheckpointRow};
use crate::tx::AuditTx;
use crate::{AuditFilter, AuditWindowCount, StoreError};

impl<C: DerefMut<Target = Connection>> AuditTx for SqliteTx<'_, C> {
    fn append_audit_events(&mut self, events: &[AuditEvent]) -> Result<u64, StoreError> {
        if let Some((pending, _)) = &mut self.pending {
            let first = pending.base + pending.events.len() as u64;
            pending.events.extend_from_slice(events);
            return Ok(first);
        }
        let frontier = self.audit_frontier()?;
        let n_events: i64 =
            self.connection.prepare_cached("SELECT COALESCE(MAX(seq) + 1, 0) FROM audit_events")?.query_row([], |row| row.get(0))?;
        let first = frontier.size();
        if n_events as u64 != first {
            return Err(audit_log::tree_mismatch(n_events as u64, first));
        }
        let mut statement = self.connection.prepare_cached(
            "INSERT INTO audit_events (seq, at_unix_micros, actor_kind, actor_name, action, target_kind, target_id, categories, purpose, client_addr, outcome, detail)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        for (offset, event) in events.iter().enumerate() {
            statement.execute(params![
                (first + offset as u64) as i64,
                event.at_unix_micros,
                event.actor_kind,
                event.actor_name,
                event.action,
                event.target_kind,
                event.target_id.map(|id| id.to_vec()),
                event.categories.join(","),
                event.purpose,
                event.client_addr,
                event.outcome,
                event.detail,
            ])?;
        }
        let extension = audit_log::extend(frontier, events);
        let mut statement = self.connection.prepare_cached("INSERT INTO audit_tree (level, idx, hash) VALUES (?1, ?2, ?3)")?;
        for (level, index, hash) in &extension.subtrees {
            statement.execute(params![level, *index as i64, hash.as_slice()])?;
        }
        self.connection
            .prepare_cached(
                "INSERT INTO audit_frontier (singleton, size, peaks) VALUES (1, ?1, ?2)
                 ON CONFLICT (singleton) DO UPDATE SET size = excluded.size, peaks = excluded.peaks",
            )?
            .execute(params![extension.frontier.size() as i64, audit_log::encode_peaks(&extension.frontier)])?;
        Ok(first)
    }

    fn audit_frontier(&mut self) -> Result<Frontier, StoreError> {
        self.outside_group()?;
        let stored = self
            .connection
            .prepare_cached("SELECT size, peaks FROM audit_frontier")?
            .query_row([], |row| Ok((row.get::<_, i64>(0)?, row.get::<_, Vec<u8>>(1)?)))
            .optional()?;
        match stored {
            Some((size, peaks)) => audit_log::decode_frontier(size, &peaks),
            None => Ok(Frontier::new()),
        }
    }

    fn audit_subtree(&mut self, level: u32, index: u64) -> Result<Option<Hash>, StoreError> {
        self.outside_group()?;
        let hash = self
            .connection
            .prepare_cached("SELECT hash FROM audit_tree WHERE level = ?1 AND idx = ?2")?
            .query_row(params![level, index as i64], |row| row.get::<_, Vec<u8>>(0))
            .optional()?;
        hash.map(|bytes| audit_log::hash_from(&bytes)).transpose()
    }

    fn audit_subtrees(&mut self, level: u32, from: u64, limit: usize) -> Result<Vec<(u64, Hash)>, StoreError> {
        self.outside_group()?;
        let mut statement =
            self.connection.prepare_cached("SELECT idx, hash FROM audit_tree WHERE level = ?1 AND idx >= ?2 ORDER BY idx LIMIT ?3 + 0")?;
        let rows =
            statement.query_map(params![level, from as i64, limit as i64], |row| Ok((row.get::<_, i64>(0)?, row.get::<_, Vec<u8>>(1)?)))?;
        rows.map(|row| {
            let (index, hash) = row?;
            Ok((index as u64, audit_log::hash_from(&hash)?))
        })
        .collect()
    }

    fn insert_checkpoint(&mut self, checkpoint: &CheckpointRow) -> Result<(), StoreError> {
        self.outside_group()?;
        self.connection.execute(
            "INSERT INTO audit_checkpoints (size, root, at_unix_micros, note) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (size) DO NOTHING",
            params![checkpoint.size as i64, checkpoint.root.as_slice(), checkpoint.at_unix_micros, checkpoint.note],
        )?;
        Ok(())
    }

    fn checkpoints(&mut self) -> Result<Vec<CheckpointRow>, StoreError> {
        self.outside_group()?;
        let mut statement =
            self.connection.prepare_cached("SELECT size, root, at_unix_micros, note FROM audit_checkpoints ORDER BY size")?;
        let rows = statement.query_map([], |row| Ok((row.get::<_, i64>(0)?, row.get::<_, Vec<u8>>(1)?, row.get(2)?, row.get(3)?)))?;
        rows.map(|row| {
            let (size, root, at_unix_micros, note) = row?;
            Ok(CheckpointRow { size: size as u64, root: audit_log::hash_from(&root)?, at_unix_micros, note })
        })
        .collect()
    }

    fn audit_events(&mut self, from: u64, limit: usize) -> Result<Vec<(u64, AuditEvent)>, StoreError> {
        self.outside_group()?;
        self.query_audit_events(&AuditFilter { after_seq: from.checked_sub(1), limit, ..AuditFilter::default() })
    }

    fn checkpoint_notes(&mut self) -> Result<Vec<Option<String>>, StoreError> {
        self.outside_group()?;
        let mut statement = self.connection.prepare_cached("SELECT note FROM audit_checkpoints ORDER BY size")?;
        // A note that is not text (a blob, or bytes that are not UTF-8) is one unreadable note.
        let rows = statement.query_map([], |row| Ok(row.get_ref(0)?.as_str().ok().map(str::to_owned)))?;
        rows.map(|note| Ok(note?)).collect()
    }

    fn stray_audit_events(&mut self) -> Result<u64, StoreError> {
        self.outside_group()?;
        let n: i64 = self.connection.query_row("SELECT COUNT(*) FROM audit_events WHERE seq < 0", [], |row| row.get(0))?;
        Ok(n as u64)
    }

    fn audit_event_seqs(&mut self, from: u64, limit: usize) -> Result<Vec<u64>, StoreError> {
        self.outside_group()?;
        let from = i64::try_from(from).unwrap_or(i64::MAX);
        let mut statement = self.connection.prepare_cached("SELECT seq FROM audit_events WHERE seq >= ?1 ORDER BY seq LIMIT ?2 + 0")?;
        let rows = statement.query_map(params![from, limit as i64], |row| row.get::<_, i64>(0))?;
        rows.map(|seq| Ok(seq? as u64)).collect()
    }

    fn audit_window_counts(&mut self, bounds: &[i64]) -> Result<Vec<AuditWindowCount>, StoreError> {
        self.outside_group()?;
        audit_log::check_bounds(bounds)?;
        let sql = audit_log::window_counts_sql(bounds.len(), |n| format!("?{n}"));
        let mut statement = self.connection.prepare(&sql)?;
        let rows = statement.query_map(rusqlite::params_from_iter(bounds.iter()), |row| {
            Ok(AuditWindowCount {
                window: row.get::<_, i64>(0)? as usize,
                action: row.get(1)?,
                outcome: row.get(2)?,
                count: row.get::<_, i64>(3)? as u64,
            })
        })?;
        rows.map(|row| Ok(row?)).collect()
    }

    fn query_audit_events(&mut self, filter: &AuditFilter) -> Result<Vec<(u64, AuditEvent)>, StoreError> {
        self.outside_group()?;
        // One lower bound on the sequence number, always: a row with a negative one is not part
        // of the log (only a hand edit makes one; PostgreSQL's column refuses them, and
        // `stray_audit_events` counts them). Two bounds would let SQLite seek by the wrong one.
        let from = match filter.after_seq {
            None => 0,
            Some(after) => match i64::try_from(after) {
                Ok(after) if after < i64::MAX => after + 1,
                // Past the largest sequence number a store can hold: nothing comes after it.
                _ => return Ok(Vec::new()),
            },
        };
        let mut sql = String::from(
            "SELECT seq, at_unix_micros, actor_kind, actor_name, action, target_kind, target_id, categories, purpose, client_addr, outcome, detail
             FROM audit_events WHERE 1 = 1",
        );
        let mut values: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
        let mut condition = |sql: &mut String, clause: &str, value: Box<dyn rusqlite::ToSql>| {
            values.push(value);
            sql.push_str(&format!(" AND {clause} ?{}", values.len()));
        };
        if let Some(target) = filter.target_id {
            condition(&mut sql, "target_id =", Box::new(target.as_bytes().to_vec()));
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
        condition(&mut sql, "seq >=", Box::new(from));
        values.push(Box::new(filter.limit as i64));
        let order = if filter.newest_first { "DESC" } else { "ASC" };
        sql.push_str(&format!(" ORDER BY seq {order} LIMIT ?{} + 0", values.len()));
        let mut statement = self.connection.prepare_cached(&sql)?;
        let rows = statement.query_map(rusqlite::params_from_iter(values.iter().map(|v| v.as_ref())), |row| {
            let target_id: Option<Vec<u8>> = row.get(6)?;
            let categories: String = row.get(7)?;
            Ok((
                row.get::<_, i64>(0)? as u64,
                target_id,
                AuditEvent {
                    at_unix_micros: row.get(1)?,
                    actor_kind: row.get(2)?,
                    actor_name: row.get(3)?,
                    action: row.get(4)?,
                    target_kind: row.get(5)?,
                    target_id: None,
                    categories: crate::rows::split_categories(&categories),
                    purpose: row.get(8)?,
                    client_addr: row.get(9)?,
                    outcome: row.get(10)?,
                    detail: row.get(11)?,
                },
            ))
        })?;
        rows.map(|row| {
            let (seq, target_id, mut event) = row?;
            event.target_id = target_id
                .map(|bytes| {
                    <[u8; 16]>::try_from(bytes.as_slice()).map_err(|_| StoreError::Corrupt("an audit target id is not 16 bytes".into()))
                })
                .transpose()?;
            Ok((seq, event))
        })
        .collect()
    }
}
