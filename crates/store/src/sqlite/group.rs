//! Group commit on SQLite (ADR 0001): grouped jobs, the audited reads, queue for a writer
//! thread of the store's own. It runs each batch of queued jobs in one transaction, every job in
//! its own savepoint, and hands the committed batch to a second thread, the syncer. The syncer
//! makes the log durable with one fsync for every batch committed before that fsync began, then
//! answers their callers. So the next batch runs while the previous one's fsync is in flight,
//! and no caller holds a thread while it waits: a synchronous caller
//! ([`Store::run_grouped`](crate::Store::run_grouped)) waits on a channel, an async one on
//! whatever its reply completes (the server's API read: a future, so no thread of the blocking
//! pool is taken and woken per request).
//!
//! The threads start with the first grouped job and end when the store is dropped, after every
//! job queued by then has been run and answered.

use std::sync::{Arc, Condvar, Mutex, MutexGuard, mpsc};
use std::thread::JoinHandle;

use rusqlite::Connection;

use super::{PendingAudit, SqliteStore, SqliteTx, lock_connection, run, sync_wal};
use crate::tx::AuditTx;
use crate::{GroupedJob, GroupedReply, StoreError};

/// The writer runs a batch while the one before is being synced, but not further ahead: the
/// jobs that arrive meanwhile wait to share the batch after, so the log is written in fewer,
/// fuller commits (each commit writes the trail's newest pages again). Measured under the API
/// load (64 connections): batches of 13 to 16 reads, against 10 to 12 with no limit, and a few
/// percent less CPU per read.
const MAX_UNSYNCED: usize = 2;

/// What a grouped job hands back to its caller.
type JobResult = Result<Box<dyn std::any::Any + Send>, StoreError>;

/// The queue of grouped jobs, shared by the store's callers and its writer thread.
#[derive(Default)]
pub(super) struct Group {
    queue: Mutex<Queue>,
    /// Signalled when the queue gets a job while the writer waits, or when the store closes.
    more: Condvar,
    threads: Mutex<Option<[JoinHandle<()>; 2]>>,
}

#[derive(Default)]
struct Queue {
    jobs: Vec<Queued>,
    /// Batches committed and not yet answered (being synced, or waiting for the next fsync).
    unsynced: usize,
    /// The writer waits for `more` (so a new job must signal it).
    writer_waiting: bool,
    /// The store is being dropped: the writer runs what is queued and ends.
    closing: bool,
    /// A group thread ended by a failure (a panic): jobs are refused at once.
    stopped: bool,
}

/// A job waiting for the next batch, and where its result goes.
struct Queued {
    job: GroupedJob,
    reply: GroupedReply,
}

/// A batch the writer ran: each job's result with its reply, and whether the commit succeeded.
/// The results are handed out only once the commit is durable.
struct Batch {
    ran: Vec<(GroupedReply, JobResult)>,
    committed: Result<(), StoreError>,
}

impl std::fmt::Debug for Group {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let queue = self.lock();
        write!(f, "Group({} queued, closing: {})", queue.jobs.len(), queue.closing)
    }
}

impl Group {
    fn lock(&self) -> MutexGuard<'_, Queue> {
        self.queue.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl SqliteStore {
    /// Queues `job` for the writer thread (started by the caller).
    pub(super) fn submit(&self, job: GroupedJob, reply: GroupedReply) {
        let wake = {
            let mut queue = self.group.lock();
            if queue.stopped {
                drop(queue);
                reply(Err(StoreError::Conflict("the database's writer thread stopped after a failure: restart Strongroom".into())));
                return;
            }
            queue.jobs.push(Queued { job, reply });
            let wake = queue.writer_waiting && queue.unsynced < MAX_UNSYNCED;
            queue.writer_waiting &= !wake;
            wake
        };
        // Only a waiting writer needs the (system) call; a busy one takes the job with its next
        // batch.
        if wake {
            self.group.more.notify_one();
        }
    }

    /// Starts the writer and syncer threads, unless they run already.
    pub(super) fn start_group_threads(&self) -> Result<(), StoreError> {
        let mut threads = self.group.threads.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if threads.is_some() {
            return Ok(());
        }
        let path = self.path.to_str().map(str::to_owned);
        let (committed, to_sync) = mpsc::channel();
        let group = Arc::clone(&self.group);
        let syncer =
            std::thread::Builder::new().name("sqlite-sync".into()).spawn(move || sync_batches(path.as_deref(), &to_sync, &group))?;
        let (connection, group) = (Arc::clone(&self.connection), Arc::clone(&self.group));
        let writer =
            std::thread::Builder::new().name("sqlite-writer".into()).spawn(move || write_batches(&connection, &group, &committed))?;
        *threads = Some([writer, syncer]);
        Ok(())
    }

    /// Ends the threads once everything queued has been answered.
    pub(super) fn stop_group_threads(&self) {
        let Some(threads) = self.group.threads.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).take() else {
            return;
        };
        self.group.lock().closing = true;
        self.group.more.notify_all();
        for thread in threads {
            // A job or reply that owned the last handle on the store would drop it on one of
            // these threads, which cannot wait for itself; it ends once this returns.
            if thread.thread().id() == std::thread::current().id() {
                continue;
            }
            // A thread that panicked has answered its callers already (see `Stopped`).
            let _ = thread.join();
        }
    }
}

/// The writer thread: runs whatever is queued as one batch, hands it to the syncer, repeats.
fn write_batches(connection: &Mutex<Connection>, group: &Group, committed: &mpsc::Sender<Batch>) {
    let _stopped = Stopped(group);
    loop {
        let jobs = {
            let mut queue = group.lock();
            while !queue.closing && !queue.stopped && (queue.jobs.is_empty() || queue.unsynced >= MAX_UNSYNCED) {
                queue.writer_waiting = true;
                queue = group.more.wait(queue).unwrap_or_else(|poisoned| poisoned.into_inner());
                queue.writer_waiting = false;
            }
            if queue.stopped || queue.jobs.is_empty() {
                return; // the syncer failed, or closing with nothing left
            }
            queue.unsynced += 1;
            std::mem::take(&mut queue.jobs)
        };
        // A panic outside the jobs' own guard (in the batch's append or commit) rolls the batch
        // back and drops its replies, so its callers hear of it; the writer goes on.
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run_batch(connection, jobs))) {
            Ok(batch) => {
                if committed.send(batch).is_err() {
                    return; // the syncer is gone: `Stopped` refuses what comes
                }
            }
            Err(_) => group.lock().unsynced -= 1,
        }
    }
}

/// Ends the queue when a group thread ends other than by the store's drop (a panic, or its
/// partner gone): the jobs queued are dropped, which tells their callers, and later ones are
/// refused at once, rather than waiting for a thread that is not there.
struct Stopped<'g>(&'g Group);

impl Drop for Stopped<'_> {
    fn drop(&mut self) {
        let dropped = {
            let mut queue = self.0.lock();
            if queue.closing {
                return;
            }
            queue.stopped = true;
            std::mem::take(&mut queue.jobs)
        };
        drop(dropped);
        self.0.more.notify_all();
    }
}

/// The syncer thread: one fsync for every batch committed before it began, then the answers.
fn sync_batches(path: Option<&str>, to_sync: &mpsc::Receiver<Batch>, group: &Group) {
    let _stopped = Stopped(group);
    while let Ok(first) = to_sync.recv() {
        let mut batches = vec![first];
        batches.extend(to_sync.try_iter());
        let synced = batches.len();
        let durable = if batches.iter().any(|batch| batch.committed.is_ok()) { sync_wal(path) } else { Ok(()) };
        let durable = durable.map_err(|error| error.to_string());
        for Batch { ran, committed } in batches {
            let failed = match (&committed, &durable) {
                (Err(error), _) => Some(error.to_string()),
                (Ok(()), Err(error)) => Some(error.clone()),
                (Ok(()), Ok(())) => None,
            };
            for (reply, result) in ran {
                let result = match &failed {
                    None => result,
                    Some(error) => Err(StoreError::Conflict(format!("the shared commit failed: {error}"))),
                };
                // A reply that panics is its caller's loss alone.
                let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| reply(result)));
            }
        }
        let wake = {
            let mut queue = group.lock();
            queue.unsynced -= synced;
            let wake = queue.writer_waiting && !queue.jobs.is_empty();
            queue.writer_waiting &= !wake;
            wake
        };
        if wake {
            group.more.notify_one();
        }
    }
}

/// Runs a batch of jobs in one transaction, each in its own savepoint: a failing job rolls
/// back alone. The jobs' audit events are appended together at the end (one extension of the
/// tree), and one commit makes all of them visible together; the caller makes it durable.
fn run_batch(connection: &Mutex<Connection>, jobs: Vec<Queued>) -> Batch {
    let mut connection = lock_connection(connection);
    let not_run = |jobs: Vec<Queued>, error: StoreError| Batch {
        ran: jobs
            .into_iter()
            .map(|queued| (queued.reply, Err(StoreError::Conflict("the shared transaction did not start".into()))))
            .collect(),
        committed: Err(error),
    };
    if let Err(error) = run(&connection, "BEGIN IMMEDIATE") {
        return not_run(jobs, error);
    }
    let mut top = SqliteTx::top_level(&mut *connection);
    let mut pending = match top.audit_frontier() {
        Ok(frontier) => PendingAudit { base: frontier.size(), events: Vec::new() },
        Err(error) => return not_run(jobs, error),
    };
    let mut ran = Vec::with_capacity(jobs.len());
    for Queued { job, reply } in jobs {
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
    let appended = if pending.events.is_empty() {
        Ok(())
    } else {
        top.append_audit_events(&pending.events).and_then(|first| {
            if first == pending.base {
                Ok(())
            } else {
                Err(StoreError::Conflict(format!("the audit trail grew from {} to {first} during a grouped commit", pending.base)))
            }
        })
    };
    Batch { ran, committed: appended.and_then(|()| top.commit_without_sync()) }
}
