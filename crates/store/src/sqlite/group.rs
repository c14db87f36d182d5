//! SQLite's part of group commit (`crate::group`): a batch runs in one `BEGIN IMMEDIATE`
//! transaction, committed without waiting for the disk; the syncer's one fsync of the log then
//! makes every batch committed before it durable.

use std::sync::{Arc, Mutex};

use rusqlite::Connection;

use super::checkpoints::Checkpoints;
use super::{SqliteTx, lock_connection, run, sync_wal};
use crate::StoreError;
use crate::group::{Batch, Batches, JobResult, PendingAudit, Queued};
use crate::tx::AuditTx;

/// The store's connection and its file, for the group's threads, and the thread that
/// checkpoints the log beside them.
pub(super) struct SqliteBatches {
    /// Dropped first (its thread joined), so that the store's connection, when this holds the
    /// last handle on it, is the last to close and empties the log as it does.
    checkpoints: Option<Checkpoints>,
    connection: Arc<Mutex<Connection>>,
    path: Option<String>,
}

impl SqliteBatches {
    /// `checkpointing` is the store's lock around a checkpoint (see [`Checkpoints::start`]).
    pub(super) fn new(connection: Arc<Mutex<Connection>>, path: &std::path::Path, checkpointing: Arc<Mutex<()>>) -> SqliteBatches {
        let path = path.to_str().filter(|path| !path.is_empty()).map(str::to_owned);
        // An in-memory database has no log; one whose thread cannot start is checkpointed by
        // SQLite alone, inside its commits.
        let checkpoints = path.as_ref().and_then(|path| Checkpoints::start(std::path::Path::new(path), checkpointing).ok());
        SqliteBatches { checkpoints, connection, path }
    }
}

impl Batches for SqliteBatches {
    fn run_batch(&self, jobs: Vec<Queued>) -> Batch {
        run_batch(&self.connection, jobs)
    }

    fn sync(&self) -> Result<(), StoreError> {
        sync_wal(self.path.as_deref())?;
        if let Some(checkpoints) = &self.checkpoints {
            checkpoints.synced();
        }
        Ok(())
    }
}

/// Runs a batch of jobs in one transaction, each in its own savepoint: a failing job rolls
/// back alone. The jobs' audit events are appended together at the end (one extension of the
/// tree), and one commit makes all of them visible together; the caller makes it durable.
fn run_batch(connection: &Mutex<Connection>, jobs: Vec<Queued>) -> Batch {
    let mut connection = lock_connection(connection);
    if let Err(error) = run(&connection, "BEGIN IMMEDIATE") {
        return Batch::not_run(jobs, error);
    }
    let mut top = SqliteTx::top_level(&mut *connection);
    let mut pending = match top.audit_frontier() {
        Ok(frontier) => PendingAudit { base: frontier.size(), events: Vec::new() },
        Err(error) => return Batch::not_run(jobs, error),
    };
    let mut ran = Vec::with_capacity(jobs.len());
    for Queued { job, reply, .. } in jobs {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| -> JobResult {
            run(top.connection, "SAVEPOINT grouped_job")?;
            let mark = pending.events.len();
            let mut tx =
                SqliteTx { connection: &mut *top.connection, finished: false, pending: Some((&mut pending, mark)), changes_at_begin: 0 };
            let value = job(&mut tx)?;
            crate::Tx::commit(Box::new(tx))?;
            Ok(value)
        }))
        .unwrap_or_else(|_| Err(StoreError::Conflict("a grouped job panicked; its work was rolled back".into())));
        ran.push((reply, outcome));
    }
    let appended = pending.append_with(|events| top.append_audit_events(events));
    Batch { ran, committed: appended.and_then(|()| top.commit_without_sync()) }
}
