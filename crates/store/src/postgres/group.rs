//! PostgreSQL's part of group commit (`crate::group`): a batch runs in one transaction on the
//! store's connection, each job in its own savepoint, with the audit trail's lock taken at its
//! start so the trail's size stays what it was (another instance appends before or after the
//! batch, never inside it). PostgreSQL's COMMIT waits for its own log, so the batch is durable
//! when it returns and the syncer has nothing to add.
//!
//! Before, each grouped job was a transaction of its own on the one connection: BEGIN, the
//! reads, the trail's lock, frontier and three inserts, COMMIT, one round trip each, for every
//! read. Now the trail's part and the commit are paid once per batch.

use std::sync::{Arc, Mutex, MutexGuard};

use super::{Connection, Held, PgStore, PgTx};
use crate::group::{Batch, Batches, JobResult, PendingAudit, Queued};
use crate::tx::AuditTx;
use crate::{GroupedJob, GroupedReply, StoreError};

/// The store's connection, for the group's threads.
struct PgBatches {
    connection: Arc<Mutex<Connection>>,
}

impl PgStore {
    /// Queues `job` for the store's writer thread, starting it with the first job.
    pub(super) fn submit(&self, job: GroupedJob, reply: GroupedReply) {
        match self.group.start("postgres", || Arc::new(PgBatches { connection: Arc::clone(&self.connection) })) {
            Ok(()) => self.group.submit(job, reply),
            // The system is out of threads: answer at once.
            Err(error) => reply(Err(error)),
        }
    }
}

impl Batches for PgBatches {
    fn run_batch(&self, jobs: Vec<Queued>) -> Batch {
        let mut connection = self.connection.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        run_batch(&mut connection, jobs)
    }

    fn sync(&self) -> Result<(), StoreError> {
        Ok(()) // each batch's COMMIT returned once PostgreSQL's log held it
    }
}

fn run_batch(connection: &mut MutexGuard<'_, Connection>, jobs: Vec<Queued>) -> Batch {
    if let Err(error) = connection.client.batch_execute("BEGIN") {
        return Batch::not_run(jobs, error.into());
    }
    let mut top = PgTx::top_level(Held::Borrowed(connection));
    let mut pending = match top.lock_trail().and_then(|()| top.audit_frontier()) {
        Ok(frontier) => PendingAudit { base: frontier.size(), events: Vec::new() },
        Err(error) => return Batch::not_run(jobs, error),
    };
    let mut ran = Vec::with_capacity(jobs.len());
    // The savepoint of the job before, still open when that job succeeded (a failed one is
    // rolled back and released by its transaction's drop).
    let mut open = false;
    for Queued { job, reply } in jobs {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| -> JobResult {
            let begin = if std::mem::take(&mut open) { "RELEASE grouped_job; SAVEPOINT grouped_job" } else { "SAVEPOINT grouped_job" };
            top.connection.client.batch_execute(begin)?;
            let mark = pending.events.len();
            let mut tx = PgTx { connection: Held::Borrowed(&mut top.connection), finished: false, pending: Some((&mut pending, mark)) };
            let value = job(&mut tx)?;
            crate::Tx::commit(Box::new(tx))?;
            open = true;
            Ok(value)
        }))
        .unwrap_or_else(|_| Err(StoreError::Conflict("a grouped job panicked; its work was rolled back".into())));
        ran.push((reply, outcome));
    }
    let released = if open { top.connection.client.batch_execute("RELEASE grouped_job").map_err(StoreError::from) } else { Ok(()) };
    let appended = released.and_then(|()| pending.append_with(|events| top.append_audit_events(events)));
    Batch { ran, committed: appended.and_then(|()| crate::Tx::commit(Box::new(top))) }
}
