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

use super::{Connection, Held, PgTx};
use crate::group::{Batch, Batches, JobResult, PendingAudit, Queued};
use crate::tx::AuditTx;
use crate::{GroupedReply, StoreError};

/// The store's connection, for the group's threads.
pub(super) struct PgBatches {
    pub(super) connection: Arc<Mutex<Connection>>,
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
    // The batch's answers rest on its COMMIT having waited for the log, whatever the server's
    // or the role's setting says.
    if let Err(error) = connection.client.batch_execute("BEGIN; SET LOCAL synchronous_commit = on") {
        return Batch::not_run(jobs, error.into());
    }
    let mut top = PgTx::top_level(Held::Borrowed(connection));
    let mut pending = match top.lock_trail().and_then(|()| top.audit_frontier()) {
        Ok(frontier) => PendingAudit { base: frontier.size(), events: Vec::new() },
        Err(error) => return Batch::not_run(jobs, error),
    };
    let mut ran: Vec<(GroupedReply, JobResult)> = Vec::with_capacity(jobs.len());
    // The job whose savepoint is still open (it succeeded), with its first pending event: it is
    // released together with the next job's SAVEPOINT, one round trip less per job.
    let mut open: Option<(usize, usize)> = None;
    for Queued { job, reply } in jobs {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| -> JobResult {
            let begin = match open.take() {
                Some(job_before) => release(&mut top, job_before, &mut ran, &mut pending, true),
                None => top.connection.client.batch_execute("SAVEPOINT grouped_job").map_err(StoreError::from),
            };
            begin?;
            let mark = pending.events.len();
            let mut tx = PgTx { connection: Held::Borrowed(&mut top.connection), finished: false, pending: Some((&mut pending, mark)) };
            let value = job(&mut tx)?;
            crate::Tx::commit(Box::new(tx))?;
            open = Some((ran.len(), mark));
            Ok(value)
        }))
        .unwrap_or_else(|_| Err(StoreError::Conflict("a grouped job panicked; its work was rolled back".into())));
        ran.push((reply, outcome));
    }
    let released = match open {
        Some(job_before) => release(&mut top, job_before, &mut ran, &mut pending, false),
        None => Ok(()),
    };
    let appended = released.and_then(|()| pending.append_with(|events| top.append_audit_events(events)));
    Batch { ran, committed: appended.and_then(|()| crate::Tx::commit(Box::new(top))) }
}

/// Releases the savepoint of the job that succeeded before (`ran`'s entry `index`, its events
/// from `mark` on), and opens the next job's when `and_savepoint`. A job that hid an error of the database from its caller
/// leaves the transaction aborted, and the release fails: that job is rolled back (its rows and
/// events) and answered with the failure instead, so it fails alone and the batch goes on.
fn release(
    top: &mut PgTx<'_>,
    (index, mark): (usize, usize),
    ran: &mut [(GroupedReply, JobResult)],
    pending: &mut PendingAudit,
    and_savepoint: bool,
) -> Result<(), StoreError> {
    let statement = if and_savepoint { "RELEASE grouped_job; SAVEPOINT grouped_job" } else { "RELEASE grouped_job" };
    let Err(error) = top.connection.client.batch_execute(statement) else {
        return Ok(());
    };
    top.connection.client.batch_execute("ROLLBACK TO grouped_job; RELEASE grouped_job")?;
    pending.events.truncate(mark);
    ran[index].1 = Err(StoreError::Conflict(format!("the job's work failed in the database and was rolled back: {error}")));
    if and_savepoint {
        top.connection.client.batch_execute("SAVEPOINT grouped_job")?;
    }
    Ok(())
}
