//! PostgreSQL's part of group commit (`crate::group`): a batch runs in one transaction on the
//! store's connection, each job that sends a statement in its own savepoint, with the audit trail's lock taken at its
//! start so the trail's size stays what it was (another instance appends before or after the
//! batch, never inside it). PostgreSQL's COMMIT waits for its own log, so the batch is durable
//! when it returns and the syncer has nothing to add.
//!
//! Before, each grouped job was a transaction of its own on the one connection: BEGIN, the
//! reads, the trail's lock, frontier and three inserts, COMMIT, one round trip each, for every
//! read. Now the trail's part and the commit are paid once per batch, and a job's own statements
//! are one round trip for a whole-record read: its SAVEPOINT (with the RELEASE of the job before)
//! is sent ahead of its first statement (`Connection::wait`), and the record's reads are sent
//! together (`Connection::query_all`).

use std::sync::{Arc, Mutex, MutexGuard};

use strongroom_audit::Frontier;
use tokio_postgres::types::ToSql;

use super::records::RecordQuery;
use super::{Ahead, Connection, Held, PgTx, Prefetched};
use crate::group::{Batch, Batches, JobResult, PendingAudit, Queued};
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
    // or the role's setting says. Sent ahead of the trail's lock and frontier, and the records
    // the jobs said they begin by reading: the batch's start is one round trip.
    connection.send_ahead(Ahead { statement: "BEGIN; SET LOCAL synchronous_commit = on", recover: None });
    let mut top = PgTx::top_level(Held::Borrowed(connection));
    let reads: Vec<Option<RecordQuery>> = jobs.iter().map(|queued| queued.reads.map(RecordQuery::new)).collect();
    let (frontier, records) = match read_at_start(&mut top, &reads) {
        Ok(started) => started,
        Err(error) => return Batch::not_run(jobs, error),
    };
    // A job is answered from the records read at the start only while no job before it sent a
    // statement of its own, which might have changed them.
    let quiet = top.connection.calls();
    let mut pending = PendingAudit { base: frontier.size(), events: Vec::new() };
    let mut ran: Vec<(GroupedReply, JobResult)> = Vec::with_capacity(jobs.len());
    // The job whose savepoint is still open, released by the SAVEPOINT statement of the next job
    // that sends anything, ahead of that job's first statement in the same round trip.
    let mut open: Option<Open> = None;
    for (Queued { job, reply, .. }, record) in jobs.into_iter().zip(records) {
        let mark = pending.events.len();
        let calls = top.connection.calls();
        top.connection.send_ahead(if open.is_some() { NEXT_SAVEPOINT } else { SAVEPOINT });
        let prefetched = record.filter(|_| calls == quiet).map(|record| Prefetched { calls, ..record });
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| -> JobResult {
            let connection = Held::Borrowed(&mut top.connection);
            let mut tx = PgTx { connection, finished: false, pending: Some((&mut pending, mark)), prefetched };
            let value = job(&mut tx)?;
            crate::Tx::commit(Box::new(tx))?;
            Ok(value)
        }))
        .unwrap_or_else(|_| Err(StoreError::Conflict("a grouped job panicked; its work was rolled back".into())));
        // A job that sent nothing needs no savepoint: its SAVEPOINT is taken back unsent.
        top.connection.cancel_ahead();
        let sent = top.connection.calls() != calls;
        if let Some(error) = top.connection.ahead_failed() {
            // The RELEASE of the open savepoint failed: its job hid an error of the database
            // from its caller. It was rolled back to its savepoint (its rows), its events are
            // kept as failed (later jobs were told their numbers already), and it is answered
            // with the failure, so it fails alone and the batch goes on.
            if let Some(open) = open.take() {
                ran[open.index].1 = Err(rolled_back(&mut pending, open, &error));
            }
        }
        if sent {
            // Its SAVEPOINT released the one open before; a job that failed rolled back and
            // released its own.
            open = outcome.is_ok().then_some(Open { index: ran.len(), from: mark, to: pending.events.len() });
        }
        ran.push((reply, outcome));
    }
    let released = match open {
        Some(open) => release(&mut top, open, &mut ran, &mut pending),
        None => Ok(()),
    };
    // The trail's lock was held since the batch's frontier was read: the events go after it.
    let appended = released.and_then(|()| match pending.events.is_empty() {
        true => Ok(()),
        false => top.append_after(frontier, &pending.events),
    });
    Batch { ran, committed: appended.and_then(|()| crate::Tx::commit(Box::new(top))) }
}

/// The job whose savepoint is open: its entry in the batch's answers, and its pending events.
#[derive(Clone, Copy)]
struct Open {
    index: usize,
    from: usize,
    to: usize,
}

/// Takes the trail's lock and reads its frontier, and the records the jobs said they begin by
/// reading (`reads`, one per job): one round trip.
fn read_at_start(top: &mut PgTx<'_>, reads: &[Option<RecordQuery>]) -> Result<(Frontier, Vec<Option<Prefetched>>), StoreError> {
    let statements: Vec<_> = reads.iter().flatten().flat_map(RecordQuery::statements).collect();
    let more: Vec<(&str, &[&(dyn ToSql + Sync)])> = statements.iter().map(|(sql, params)| (*sql, params.as_slice())).collect();
    let (frontier, answers) = top.locked_frontier_and(&more)?;
    let mut answers = answers.into_iter();
    // A record whose rows do not decode is left to its job, which reads it again and meets the
    // error alone.
    let records = reads
        .iter()
        .map(|read| {
            let query = read.as_ref()?;
            Some(Prefetched { read: query.read, record: query.record_from(&mut answers).ok()?, calls: 0 })
        })
        .collect();
    Ok((frontier, records))
}

/// The first job's savepoint.
const SAVEPOINT: Ahead = Ahead { statement: "SAVEPOINT grouped_job", recover: None };

/// A later job's savepoint, releasing the one open (its job succeeded). If the release fails,
/// that job is rolled back to its savepoint and a new one opened for this job.
const NEXT_SAVEPOINT: Ahead = Ahead {
    statement: "RELEASE grouped_job; SAVEPOINT grouped_job",
    recover: Some("ROLLBACK TO grouped_job; RELEASE grouped_job; SAVEPOINT grouped_job"),
};

/// What a job that hid an error of the database is answered, once rolled back: its events (in
/// the batch's pending ones) stay where they are, marked failed, with nothing read or written.
fn rolled_back(pending: &mut PendingAudit, Open { from, to, .. }: Open, error: &StoreError) -> StoreError {
    for event in &mut pending.events[from..to] {
        event.outcome = "failed".into();
        event.categories.clear();
        event.detail = Some("the database refused the work; it was rolled back".into());
    }
    StoreError::Conflict(format!("the job's work failed in the database and was rolled back: {error}"))
}

/// Releases the savepoint open at the batch's end (its job succeeded). If that job hid an
/// error of the database from its caller, the transaction refuses the release: the job is
/// rolled back (its rows; its events kept as failed) and answered with the failure instead,
/// and the batch is committed without its work.
fn release(top: &mut PgTx<'_>, open: Open, ran: &mut [(GroupedReply, JobResult)], pending: &mut PendingAudit) -> Result<(), StoreError> {
    let Err(error) = top.connection.batch_execute("RELEASE grouped_job") else {
        return Ok(());
    };
    top.connection.batch_execute("ROLLBACK TO grouped_job; RELEASE grouped_job")?;
    ran[open.index].1 = Err(rolled_back(pending, open, &error));
    Ok(())
}
