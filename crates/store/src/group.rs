//! Group commit (ADR 0001): grouped jobs, the audited reads, queue for a writer thread of the
//! store's own. It runs each batch of queued jobs in one transaction, every job in its own
//! savepoint (the backend's [`Batches::run_batch`]), and hands the committed batch to a second
//! thread, the syncer. The syncer makes every batch committed before it began durable at once
//! ([`Batches::sync`]: one fsync of SQLite's log; nothing on PostgreSQL, whose COMMIT waits for
//! its own log), then answers their callers. So the next batch runs while the previous one is
//! made durable, and no caller holds a thread while it waits: a synchronous caller
//! ([`Store::run_grouped`](crate::Store::run_grouped)) waits on a channel, an async one on
//! whatever its reply completes (the server's API read: a future, so no thread of the blocking
//! pool is taken and woken per request).
//!
//! The threads start with the first grouped job and end when the store is dropped, after every
//! job queued by then has been run and answered.

use std::sync::{Arc, Condvar, Mutex, MutexGuard, mpsc};
use std::thread::JoinHandle;

use strongroom_audit::AuditEvent;

use crate::{GroupedJob, GroupedReply, RecordRead, StoreError};

/// The writer runs a batch while the one before is being synced, but not further ahead: the
/// jobs that arrive meanwhile wait to share the batch after, so the log is written in fewer,
/// fuller commits (each commit writes the trail's newest pages again). Measured under the API
/// load (64 connections): batches of 13 to 16 reads, against 10 to 12 with no limit, and a few
/// percent less CPU per read.
const MAX_UNSYNCED: usize = 2;

/// What a grouped job hands back to its caller.
pub(crate) type JobResult = Result<Box<dyn std::any::Any + Send>, StoreError>;

/// Audit events of a batch's jobs, appended together when the batch commits.
pub(crate) struct PendingAudit {
    /// The tree size when the batch began: the index of the first pending event.
    pub(crate) base: u64,
    pub(crate) events: Vec<AuditEvent>,
}

impl PendingAudit {
    /// Appends the batch's events through `append` (which answers the index of the first),
    /// checking they landed where the jobs were told they would.
    pub(crate) fn append_with(&self, append: impl FnOnce(&[AuditEvent]) -> Result<u64, StoreError>) -> Result<(), StoreError> {
        if self.events.is_empty() {
            return Ok(());
        }
        let first = append(&self.events)?;
        if first != self.base {
            return Err(StoreError::Conflict(format!("the audit trail grew from {} to {first} during a grouped commit", self.base)));
        }
        Ok(())
    }
}

/// A backend's part of group commit.
pub(crate) trait Batches: Send + Sync + 'static {
    /// Runs `jobs` in one transaction, each in its own savepoint (a failing job rolls back
    /// alone), their audit events appended together at the end, and commits.
    fn run_batch(&self, jobs: Vec<Queued>) -> Batch;

    /// Makes every batch committed before the call durable.
    fn sync(&self) -> Result<(), StoreError>;
}

/// The queue of grouped jobs, shared by the store's callers and its writer thread.
#[derive(Default)]
pub(crate) struct Group {
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
pub(crate) struct Queued {
    pub(crate) job: GroupedJob,
    /// The whole-record read the job begins with, if its caller said so
    /// ([`Store::submit_grouped_reading`](crate::Store::submit_grouped_reading)).
    pub(crate) reads: Option<RecordRead>,
    pub(crate) reply: GroupedReply,
}

/// A batch the writer ran: each job's result with its reply, and whether the commit succeeded.
/// The results are handed out only once the commit is durable.
pub(crate) struct Batch {
    pub(crate) ran: Vec<(GroupedReply, JobResult)>,
    pub(crate) committed: Result<(), StoreError>,
}

impl Batch {
    /// A batch whose transaction did not start: each job answered with why.
    pub(crate) fn not_run(jobs: Vec<Queued>, error: StoreError) -> Batch {
        let ran = jobs
            .into_iter()
            .map(|queued| (queued.reply, Err(StoreError::Conflict(format!("the shared transaction did not start: {error}")))))
            .collect();
        Batch { ran, committed: Err(error) }
    }
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

impl Group {
    /// Queues `job` for the writer thread, starting the threads (named after `backend`, for the
    /// batches `make` gives) with the first job. Threads that cannot start answer at once.
    pub(crate) fn submit_to(self: &Arc<Self>, backend: &str, make: impl FnOnce() -> Arc<dyn Batches>, queued: Queued) {
        match self.start(backend, make) {
            Ok(()) => self.submit(queued),
            Err(error) => (queued.reply)(Err(error)),
        }
    }

    /// Queues a job for the running writer thread.
    fn submit(&self, queued: Queued) {
        let wake = {
            let mut queue = self.lock();
            if queue.stopped {
                drop(queue);
                (queued.reply)(Err(StoreError::Conflict(
                    "the database's writer thread stopped after a failure: restart Strongroom".into(),
                )));
                return;
            }
            queue.jobs.push(queued);
            let wake = queue.writer_waiting && queue.unsynced < MAX_UNSYNCED;
            queue.writer_waiting &= !wake;
            wake
        };
        // Only a waiting writer needs the (system) call; a busy one takes the job with its next
        // batch.
        if wake {
            self.more.notify_one();
        }
    }

    /// Starts the writer and syncer threads (named after `backend`) for the batches `make`
    /// gives, unless they run already.
    fn start(self: &Arc<Self>, backend: &str, make: impl FnOnce() -> Arc<dyn Batches>) -> Result<(), StoreError> {
        let mut threads = self.threads.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if threads.is_some() {
            return Ok(());
        }
        let batches = make();
        let (committed, to_sync) = mpsc::channel();
        let (group, syncing) = (Arc::clone(self), Arc::clone(&batches));
        let syncer =
            std::thread::Builder::new().name(format!("{backend}-sync")).spawn(move || sync_batches(syncing.as_ref(), &to_sync, &group))?;
        let group = Arc::clone(self);
        let writer = match std::thread::Builder::new()
            .name(format!("{backend}-writer"))
            .spawn(move || write_batches(batches.as_ref(), &group, &committed))
        {
            Ok(writer) => writer,
            Err(error) => {
                // The syncer ends with the writer's end of its channel; it marks the queue
                // stopped as it goes, which a later start may undo.
                let _ = syncer.join();
                self.lock().stopped = false;
                return Err(error.into());
            }
        };
        *threads = Some([writer, syncer]);
        Ok(())
    }

    /// Ends the threads once everything queued has been answered.
    pub(crate) fn stop(&self) {
        let Some(threads) = self.threads.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).take() else {
            return;
        };
        self.lock().closing = true;
        self.more.notify_all();
        // A job or reply that owned the last handle on the store would drop it on one of these
        // threads, which can wait for neither itself nor its partner (the syncer waits for the
        // writer); they end on their own once this returns. (`Store::submit_grouped` says not to.)
        let current = std::thread::current().id();
        if threads.iter().any(|thread| thread.thread().id() == current) {
            return;
        }
        for thread in threads {
            // A thread that panicked has answered its callers already (see `Stopped`).
            let _ = thread.join();
        }
    }
}

/// The writer thread: runs whatever is queued as one batch, hands it to the syncer, repeats.
fn write_batches(batches: &dyn Batches, group: &Group, committed: &mpsc::Sender<Batch>) {
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
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| batches.run_batch(jobs))) {
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

/// The syncer thread: every batch committed before it began made durable at once, then the
/// answers.
fn sync_batches(backend: &dyn Batches, to_sync: &mpsc::Receiver<Batch>, group: &Group) {
    let _stopped = Stopped(group);
    while let Ok(first) = to_sync.recv() {
        let mut batches = vec![first];
        batches.extend(to_sync.try_iter());
        let synced = batches.len();
        let durable = if batches.iter().any(|batch| batch.committed.is_ok()) { backend.sync() } else { Ok(()) };
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
