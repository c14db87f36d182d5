//! The import pass on two threads: the calling thread reads, validates and seals the rows of
//! the next batch while a writer thread stores the batch before it (its customers, search
//! entries, audit events and the import's progress, in one transaction, as before). On a
//! 2-core machine the sealing (a data key, six sealed fields and the search entries' HMACs per
//! customer) and the CSV no longer wait for the database, nor it for them.
//!
//! At most one batch is being written while the next is sealed: the hand-over waits for the
//! writer to be free, so memory holds two batches at most. A batch's progress row expects the
//! one before it, so a batch is only ever stored after the batch before it, and the writer
//! stops at its first failure; what was committed until then stays, and the run says so.

use std::sync::mpsc;

use strongroom_domain::{Actor, AuditAction, NewCustomer, Outcome, RecordKind};
use strongroom_store::{ImportProgress, NewCustomerRows};
use time::OffsetDateTime;
use uuid::Uuid;

use super::Progress;
use crate::customers::sealing::present_categories;
use crate::customers::{customer_from, new_customer_rows};
use crate::trail::draft::EventDraft;
use crate::{AppError, AuditEvent, Vault};

/// A batch sealed on the calling thread, with what its commit records.
pub(super) struct SealedBatch {
    rows: Vec<NewCustomerRows>,
    events: Vec<AuditEvent>,
    progress: ImportProgress,
    /// The stored progress this batch expects to find (another run of the file moving it
    /// meanwhile stops this one).
    expected_rows_done: Option<u64>,
    /// The run's progress once this batch is committed.
    done: Progress,
}

/// The writer's answer for a batch (its progress once committed, or the failure that stopped
/// it), with the batch itself. The batch is freed on the calling thread, which sealed it: glibc
/// frees another thread's allocations under that thread's arena lock, and the writer freeing
/// its 25,000 customers (each a dozen buffers) and their events was a tenth of its time, the
/// thread an import waits on (`perf`, a million rows). Memory still holds two batches at most:
/// the calling thread frees the batch before it seals the next.
type Answer = (Result<Progress, AppError>, SealedBatch);

/// The hand-over to the writer thread, and its answers: the progress of each batch committed,
/// or the failure that stopped it.
pub(super) struct Pipeline<'scope> {
    writer: Option<std::thread::ScopedJoinHandle<'scope, ()>>,
    to_write: Option<mpsc::SyncSender<SealedBatch>>,
    written: mpsc::Receiver<Answer>,
    /// Batches the writer took, and answers it gave: fewer answers once it is gone means it
    /// ended without one (a panic).
    handed: u64,
    answered: u64,
}

impl<'scope> Pipeline<'scope> {
    /// Starts the writer on `scope`, storing batches for `actor` in `vault`.
    pub(super) fn start(scope: &'scope std::thread::Scope<'scope, '_>, vault: &'scope Vault, actor: &'scope Actor) -> Pipeline<'scope> {
        // No room in the channel: a hand-over waits until the writer has finished the batch
        // before.
        let (to_write, writes) = mpsc::sync_channel::<SealedBatch>(0);
        let (wrote, written) = mpsc::channel();
        let writer = scope.spawn(move || {
            for batch in writes {
                let stored = vault.write_import_batch(actor, &batch).map(|()| batch.done);
                let failed = stored.is_err();
                // The batch goes back with the answer, to be freed by the thread that sealed it
                // (see `Answer`).
                if wrote.send((stored, batch)).is_err() || failed {
                    break;
                }
            }
        });
        Pipeline { writer: Some(writer), to_write: Some(to_write), written, handed: 0, answered: 0 }
    }

    /// Hands `batch` to the writer, once it has finished the one before; `on_done` hears of
    /// each batch committed meanwhile. The writer's failure, if it stopped, is the answer.
    pub(super) fn write(&mut self, batch: SealedBatch, on_done: &mut dyn FnMut(Progress)) -> Result<(), AppError> {
        self.take_answers(on_done)?;
        let handed = self.to_write.as_ref().map(|to_write| to_write.send(batch).is_ok()).unwrap_or(false);
        if !handed {
            // The writer stopped: its answer says why.
            return self.finish(on_done);
        }
        self.handed += 1;
        self.take_answers(on_done)
    }

    /// Waits for the writer to store what it was handed; `on_done` hears of each batch.
    pub(super) fn finish(&mut self, on_done: &mut dyn FnMut(Progress)) -> Result<(), AppError> {
        self.to_write = None;
        while let Ok((answer, stored)) = self.written.recv() {
            drop(stored);
            self.answered += 1;
            on_done(answer?);
        }
        // Joined here, a writer that panicked is this run's error, reported with the rows
        // committed before it, not a panic of the whole import.
        let panicked = self.writer.take().is_some_and(|writer| writer.join().is_err());
        if panicked || self.answered < self.handed {
            return Err(AppError::Store(strongroom_store::StoreError::Conflict(
                "the import's writer stopped unexpectedly before storing every batch it was given".into(),
            )));
        }
        Ok(())
    }

    fn take_answers(&mut self, on_done: &mut dyn FnMut(Progress)) -> Result<(), AppError> {
        while let Ok((answer, stored)) = self.written.try_recv() {
            drop(stored);
            self.answered += 1;
            on_done(answer?);
        }
        Ok(())
    }
}

impl Vault {
    /// Seals one batch of the import, each customer with their audit event; the store is not
    /// touched. `done` is the run's progress once it is committed.
    pub(super) fn seal_import_batch(
        &self,
        actor: &Actor,
        batch: &mut Vec<NewCustomer>,
        progress: ImportProgress,
        expected_rows_done: Option<u64>,
        done: Progress,
    ) -> Result<SealedBatch, AppError> {
        let now = OffsetDateTime::now_utc();
        let mut rows = Vec::with_capacity(batch.len());
        let mut events = Vec::with_capacity(batch.len());
        for new in batch.drain(..) {
            let customer = customer_from(new, Uuid::now_v7(), now);
            let customer_rows = new_customer_rows(&self.keys, &customer)?;
            events.push(
                EventDraft::new(actor, AuditAction::CustomerImport)
                    .target(RecordKind::Customer, customer_rows.customer.id)
                    .categories(present_categories(&customer_rows.customer.sealed))
                    .finish(Outcome::Allowed),
            );
            rows.push(customer_rows);
        }
        Ok(SealedBatch { rows, events, progress, expected_rows_done, done })
    }

    /// Stores a sealed batch in one transaction: its customers, their audit events and the
    /// import's progress. Another run of the same file having moved the progress on stops this
    /// one, without this batch, and the stop is recorded.
    fn write_import_batch(&self, actor: &Actor, batch: &SealedBatch) -> Result<(), AppError> {
        let SealedBatch { rows, events, progress, expected_rows_done, done } = batch;
        let mut tx = self.store.begin()?;
        tx.insert_customers(rows)?;
        self.record(tx.as_mut(), events)?;
        if !tx.save_import_progress(progress, *expected_rows_done)? {
            // This batch is rolled back; the stop itself is recorded.
            drop(tx);
            let mut tx = self.store.begin()?;
            let batch_len = rows.len() as u64;
            let event = EventDraft::new(actor, AuditAction::CustomerImport)
                .detail(format!("stopped after {} rows: another run of the same file moved on meanwhile", done.rows_imported - batch_len));
            self.record(tx.as_mut(), &[event.finish(Outcome::Failed)])?;
            tx.commit()?;
            return Err(AppError::Conflict(
                "another import of this same file is running, or ran meanwhile: this run stopped without importing this batch; \
                 run the import again once the other has finished, and it resumes where that one ended"
                    .into(),
            ));
        }
        tx.commit()?;
        Ok(())
    }
}
