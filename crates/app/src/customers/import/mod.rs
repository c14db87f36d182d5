//! Importing customers from the CSV export of a shop's old POS.
//!
//! Three streaming passes over the file, so memory stays bounded whatever its size:
//! 1. a byte scan: SHA-256 of the file (its identity for resuming), the delimiter (comma or
//!    semicolon, from the header line) and quote balance (an unclosed quote is reported with the
//!    line it opens on, instead of silently swallowing the rest of the file into one field);
//! 2. validation of every row into domain values, with in-file and in-store duplicate emails;
//!    with any invalid row and no `skip_invalid`, nothing is imported and the report says why;
//! 3. the import, in batches of `batch_size` rows. Each batch is one transaction holding the
//!    customers, their audit events and the import's progress, so a kill -9 loses nothing
//!    committed and the next run of the same file resumes after the last committed batch. A
//!    writer thread stores each batch while the next is read and sealed (`pipeline.rs`).

mod file;
mod fuzz;
mod pipeline;
mod rejects;
mod validate;

use std::path::{Path, PathBuf};

use strongroom_domain::{Actor, AuditAction, EmailAddress, NewCustomer, Outcome, Permission, RecordKind};
use uuid::Uuid;

use self::file::{FileScan, scan_file};
pub use self::file::{ImportFile, ImportSource};
pub use self::fuzz::fuzz_csv_import;
use self::pipeline::Pipeline;
use self::rejects::RejectsWriter;
pub(crate) use self::rejects::inert_in_spreadsheets;
use self::validate::{ImportRow, Validation, for_each_row, validate_file};
use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, now_micros};

/// The columns an import understands, matched case-insensitively.
pub const IMPORT_COLUMNS: [&str; 6] = ["name", "email", "phone", "address", "birth_date", "notes"];

/// At most this many row errors are listed in a report; the counts stay exact. Past them, memory
/// does not grow with the number of invalid rows: an invalid row costs one bit (issue 11).
const MAX_LISTED_ERRORS: usize = 500;

/// At most this many kinds of problem (a field and a reason) are counted apart; the rest are
/// counted together as "other problems".
const MAX_COUNTED_KINDS: usize = 64;

#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Import the valid rows and write the invalid ones to `rejects_path`.
    pub skip_invalid: bool,
    pub rejects_path: Option<PathBuf>,
    /// Rows per transaction.
    pub batch_size: usize,
}

impl ImportOptions {
    /// Rows per transaction unless told otherwise. Each batch rewrites the search index's pages
    /// its entries land on, and at a shop's size those are most of them, so fewer, larger
    /// batches write much less (a million rows: 36.1–36.4 s at 25,000 against 41.1–41.3 s at
    /// 10,000; 40,000 no faster). What it costs: memory, two batches sealed at a time (a peak of
    /// 132 MB against 76 MB; 192 MB at 40,000), and the store's writer held for one batch's
    /// commit, about a second at a million customers against half that, during which the shop's
    /// other writes wait.
    pub const DEFAULT_BATCH_SIZE: usize = 25_000;
}

impl Default for ImportOptions {
    fn default() -> ImportOptions {
        ImportOptions { skip_invalid: false, rejects_path: None, batch_size: ImportOptions::DEFAULT_BATCH_SIZE }
    }
}

/// Progress for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportProgressEvent {
    Validating { rows_seen: u64 },
    Importing { rows_done: u64, rows_total: u64 },
}

/// One problem with one row: the line it starts on, the column, and why. Never the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub field: String,
    pub reason: String,
}

/// How many times one kind of problem (a field and a reason, never a value) was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProblemCount {
    pub field: String,
    pub reason: String,
    pub count: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub rows_total: u64,
    pub rows_imported: u64,
    pub rows_rejected: u64,
    /// Rows committed by an earlier, interrupted run of the same file.
    pub rows_already_imported: u64,
    pub duplicate_emails: u64,
    pub errors: Vec<RowError>,
    /// More errors than [`MAX_LISTED_ERRORS`] were found; only the first are listed.
    pub errors_truncated: bool,
    /// Every problem found, counted by field and reason, most frequent first.
    pub problem_counts: Vec<ProblemCount>,
    pub unknown_columns: Vec<String>,
    pub delimiter: char,
    /// The file was not UTF-8 and was read as Windows-1252 (converted, nothing lost).
    pub windows_1252: bool,
    pub rejects_file: Option<PathBuf>,
}
/// What each committed batch records about the import, so a later run can resume it.
#[derive(Debug, Clone, Copy, Default)]
struct Progress {
    rows_done: u64,
    rows_imported: u64,
    rows_rejected: u64,
    rejects_bytes: u64,
}

/// The rejects file of a run that imports the valid rows: reopened where an earlier run of the
/// file left it, or new when this run finds invalid rows.
fn open_rejects(
    options: &ImportOptions,
    scan: &FileScan,
    validation: &Validation,
    previous: Progress,
) -> Result<Option<RejectsWriter>, AppError> {
    Ok(match &options.rejects_path {
        Some(rejects_path) if options.skip_invalid && previous.rows_done > 0 && previous.rejects_bytes > 0 => {
            Some(RejectsWriter::reopen(rejects_path, previous.rejects_bytes, scan.delimiter)?)
        }
        Some(rejects_path) if options.skip_invalid && !validation.invalid_rows.is_empty() => {
            Some(RejectsWriter::create(rejects_path, &validation.header, scan.delimiter)?)
        }
        _ => None,
    })
}

/// The import pass under way: rows gathered into batches, each committed with its audit events
/// and the import's progress.
struct ImportRun<'a> {
    vault: &'a Vault,
    actor: &'a Actor,
    scan: &'a FileScan,
    rows_total: u64,
    /// The valid rows this run imports, for the progress shown.
    rows_to_import: u64,
    started_at: i64,
    batch_size: usize,
    batch: Vec<NewCustomer>,
    /// Where earlier runs of the file stopped.
    previous: Progress,
    done: Progress,
    /// Rows imported and committed so far (earlier runs included), for a run that stops.
    committed: u64,
    /// The stored progress the next batch expects to find.
    expected_rows_done: Option<u64>,
    rejects: Option<RejectsWriter>,
    progress: &'a mut dyn FnMut(ImportProgressEvent),
    /// The writer thread storing the sealed batches.
    pipeline: Pipeline<'a>,
}

impl ImportRun<'_> {
    /// One row of the file (`rows_read` rows read so far): a valid one joins the batch, a
    /// rejected one goes to the rejects file.
    fn take(&mut self, rows_read: u64, row: ImportRow<'_>) -> Result<(), AppError> {
        match row {
            ImportRow::Rejected { record, reason } => {
                self.done.rows_rejected += 1;
                if let Some(rejects) = self.rejects.as_mut() {
                    rejects.write(record, &reason)?;
                }
            }
            ImportRow::Valid(new) => self.batch.push(new),
        }
        self.done.rows_done = rows_read;
        if self.batch.len() >= self.batch_size {
            self.commit(false)?;
        }
        Ok(())
    }

    /// The last batch, with the import marked finished, and the writer done with every batch.
    fn finish(&mut self) -> Result<(), AppError> {
        self.done.rows_done = self.rows_total;
        self.commit(true)?;
        self.wait_for_writer()
    }

    /// Seals the batch gathered and hands it to the writer thread.
    fn commit(&mut self, finished: bool) -> Result<(), AppError> {
        if let Some(rejects) = self.rejects.as_mut() {
            self.done.rejects_bytes = rejects.sync()?;
        }
        self.done.rows_imported += self.batch.len() as u64;
        let progress = strongroom_store::ImportProgress {
            file_digest: self.scan.digest,
            rows_total: self.rows_total,
            rows_done: self.done.rows_done,
            rows_imported: self.done.rows_imported,
            rows_rejected: self.done.rows_rejected,
            rejects_bytes: self.done.rejects_bytes,
            started_at: self.started_at,
            finished_at: finished.then(now_micros),
        };
        let sealed = self.vault.seal_import_batch(self.actor, &mut self.batch, progress, self.expected_rows_done, self.done)?;
        self.expected_rows_done = Some(self.done.rows_done);
        self.pipeline.write(sealed, &mut on_committed(&mut self.committed, &mut *self.progress, self.previous, self.rows_to_import))
    }

    /// Waits until the writer has stored (or failed) every batch handed to it: so a run that
    /// stops knows what was committed.
    fn wait_for_writer(&mut self) -> Result<(), AppError> {
        self.pipeline.finish(&mut on_committed(&mut self.committed, &mut *self.progress, self.previous, self.rows_to_import))
    }
}

/// What a run does as its writer reports a batch committed: counts the rows committed (earlier
/// runs' included) and shows this run's share of them.
fn on_committed<'r>(
    committed: &'r mut u64,
    progress: &'r mut dyn FnMut(ImportProgressEvent),
    previous: Progress,
    rows_to_import: u64,
) -> impl FnMut(Progress) + 'r {
    move |done| {
        *committed = done.rows_imported;
        progress(ImportProgressEvent::Importing { rows_done: done.rows_imported - previous.rows_imported, rows_total: rows_to_import });
    }
}

impl Vault {
    /// Refuses, and records, an actor who may not import: for a handler that would otherwise
    /// read a whole upload before the import's own check.
    pub fn may_import(&self, actor: &Actor) -> Result<(), AppError> {
        self.require(actor, Permission::CustomerImport, AuditAction::CustomerImport, None)
    }

    /// Imports customers from a CSV file; see the module documentation for the guarantees.
    pub fn import_customers(
        &self,
        actor: &Actor,
        path: &Path,
        options: &ImportOptions,
        progress: &mut dyn FnMut(ImportProgressEvent),
    ) -> Result<ImportReport, AppError> {
        self.import_customers_from(actor, &ImportFile(path), options, progress)
    }

    /// [`Vault::import_customers`] from any source (the web page's sealed upload).
    pub fn import_customers_from(
        &self,
        actor: &Actor,
        source: &dyn ImportSource,
        options: &ImportOptions,
        progress: &mut dyn FnMut(ImportProgressEvent),
    ) -> Result<ImportReport, AppError> {
        self.require(actor, Permission::CustomerImport, AuditAction::CustomerImport, None)?;
        let scan = scan_file(source)?;
        let (previous, expected_rows_done) = self.import_resume_point(&scan)?;
        // Validate everything before writing anything.
        let (validation, customers_before) = self.validate_import(actor, source, &scan, previous.rows_done, progress)?;
        self.no_other_run_since(&scan, expected_rows_done)?;
        let mut report = validation.report.clone();
        report.rows_already_imported = previous.rows_imported;
        if !validation.invalid_rows.is_empty() && !options.skip_invalid {
            self.record_import(actor, Outcome::Failed, format!("refused: {} of {} rows invalid", report.rows_rejected, report.rows_total))?;
            return Err(AppError::ImportRejected(Box::new(report)));
        }
        let rejects = open_rejects(options, &scan, &validation, previous)?;
        report.rejects_file = rejects.as_ref().map(|writer| writer.path.clone());
        let rows_to_import = report.rows_total.saturating_sub(previous.rows_done).saturating_sub(report.rows_rejected);
        self.widen_exact_indexes_for(customers_before, rows_to_import);
        let (outcome, committed, done) = std::thread::scope(|scope| {
            let mut run = ImportRun {
                vault: self,
                actor,
                scan: &scan,
                rows_total: report.rows_total,
                rows_to_import,
                started_at: now_micros(),
                batch_size: options.batch_size.max(1),
                batch: Vec::new(),
                previous,
                done: previous,
                committed: previous.rows_imported,
                expected_rows_done,
                rejects,
                progress,
                pipeline: Pipeline::start(scope, self, actor),
            };
            let outcome =
                for_each_row(source, &scan, &validation, previous.rows_done, self.settings, &mut |rows_read, row| run.take(rows_read, row))
                    .and_then(|()| run.finish())
                    // Stopped here: what the writer was handed is stored (or failed) first, so
                    // the count of rows committed is true. A failure of the writer is the cause
                    // to report (a conflict with another run, recorded already, or the store's).
                    .map_err(|error| run.wait_for_writer().err().unwrap_or(error));
            (outcome, run.committed, run.done)
        });
        if let Err(error) = outcome {
            return Err(self.import_stopped(actor, error, committed - previous.rows_imported));
        }
        report.rows_imported = done.rows_imported - previous.rows_imported;
        report.rows_rejected = done.rows_rejected;
        self.record_import(
            actor,
            Outcome::Allowed,
            format!(
                "imported {} rows, rejected {}, {} imported by an earlier run",
                report.rows_imported, report.rows_rejected, report.rows_already_imported
            ),
        )?;
        Ok(report)
    }

    /// Where an earlier run of the same file stopped (nothing done if none did), and the stored
    /// progress this run expects at its first batch: another run of the same file moving it
    /// meanwhile stops this one before it imports a row twice. A file imported completely before
    /// is refused.
    fn import_resume_point(&self, scan: &FileScan) -> Result<(Progress, Option<u64>), AppError> {
        let stored = {
            let mut tx = self.store.begin()?;
            let previous = tx.import_progress(&scan.digest)?;
            tx.commit()?;
            previous
        };
        let expected_rows_done = stored.as_ref().map(|previous| previous.rows_done);
        let previous = match stored {
            Some(previous) if previous.finished_at.is_some() => {
                return Err(AppError::ImportFile(format!(
                    "this file was imported completely before ({} rows imported, {} rejected); nothing was done",
                    previous.rows_imported, previous.rows_rejected
                )));
            }
            Some(previous) => Progress {
                rows_done: previous.rows_done,
                rows_imported: previous.rows_imported,
                rows_rejected: previous.rows_rejected,
                rejects_bytes: previous.rejects_bytes,
            },
            None => Progress::default(),
        };
        Ok((previous, expected_rows_done))
    }

    /// The validation pass over the rows from `resume_from` on. Emails are checked against the
    /// store only when it holds customers; each existing customer a duplicate points at is a
    /// disclosure (the report names them), recorded like any other find before the report that
    /// shows it is handed out.
    fn validate_import(
        &self,
        actor: &Actor,
        source: &dyn ImportSource,
        scan: &FileScan,
        resume_from: u64,
        progress: &mut dyn FnMut(ImportProgressEvent),
    ) -> Result<(Validation, u64), AppError> {
        let customers = {
            let mut tx = self.store.begin_snapshot()?;
            let n = tx.count_customers()?;
            tx.commit()?;
            n
        };
        if customers == 0 {
            return Ok((validate_file(source, scan, resume_from, self.settings, None, progress)?, customers));
        }
        let mut matched: Vec<Uuid> = Vec::new();
        // Each lookup reads in a snapshot of its own, closed before the pass goes on, so the
        // store is never held while the file is read (on SQLite that would stall every other
        // request of the server while a big file is checked).
        let mut existing = |email: &EmailAddress| -> Result<Option<String>, AppError> {
            let mut tx = self.store.begin_snapshot()?;
            let found = self.customers_with_email(tx.as_mut(), email)?;
            tx.commit()?;
            matched.extend(found.iter().map(|customer| customer.id.as_uuid()));
            Ok(found.first().map(|customer| customer.id.to_string()))
        };
        let validation = validate_file(source, scan, resume_from, self.settings, Some(&mut existing), progress)?;
        if !matched.is_empty() {
            let mut tx = self.store.begin()?;
            let events: Vec<_> = matched
                .iter()
                .map(|id| {
                    EventDraft::new(actor, AuditAction::CustomerFind)
                        .target(RecordKind::Customer, *id)
                        .categories([strongroom_domain::Field::CustomerEmail.category()])
                        .detail("same email as a row of an import")
                        .finish(Outcome::Allowed)
                })
                .collect();
            self.record(tx.as_mut(), &events)?;
            tx.commit()?;
        }
        Ok((validation, customers))
    }

    /// Another run of this file that moved on while this one validated would make this run's
    /// lookups see its rows as duplicates: say what happened instead.
    fn no_other_run_since(&self, scan: &FileScan, expected_rows_done: Option<u64>) -> Result<(), AppError> {
        let now_stored = {
            let mut tx = self.store.begin_snapshot()?;
            let stored = tx.import_progress(&scan.digest)?;
            tx.commit()?;
            stored.map(|stored| stored.rows_done)
        };
        if now_stored != expected_rows_done {
            return Err(AppError::Conflict(
                "another import of this same file ran while this one was checking it: nothing was imported by this run; run it again \
                 once the other has finished, and it resumes where that one ended"
                    .into(),
            ));
        }
        Ok(())
    }

    /// Records the import's outcome as a whole.
    fn record_import(&self, actor: &Actor, outcome: Outcome, detail: String) -> Result<(), AppError> {
        let mut tx = self.store.begin()?;
        self.record(tx.as_mut(), &[EventDraft::new(actor, AuditAction::CustomerImport).detail(detail).finish(outcome)])?;
        tx.commit()?;
        Ok(())
    }

    /// The error a run that stopped part-way answers with, the stop recorded: the batches
    /// committed before the failure stay, so it says how many.
    fn import_stopped(&self, actor: &Actor, error: AppError, imported_now: u64) -> AppError {
        // Another run of the file moved on: that stop is recorded and explained already.
        if matches!(error, AppError::Conflict(_)) {
            return error;
        }
        let detail = format!("stopped after {imported_now} rows of this run were imported: {error}");
        if let Err(record_error) = self.record_import(actor, Outcome::Failed, detail) {
            return record_error;
        }
        if imported_now == 0 {
            return error;
        }
        let why = match &error {
            AppError::ImportFile(why) => why.clone(),
            other => other.to_string(),
        };
        AppError::ImportFile(format!(
            "the import stopped after {imported_now} rows were imported, and those stay imported ({why}); running the same, \
             unchanged file again imports the rest"
        ))
    }
}

/// Every valid row of the file at `path` as the import would store it (its scan and validation
/// pass, then its row stream), to `on_row`: what the benchmark's plaintext baseline stores
/// instead, so the two imports differ only by the protection.
pub(crate) fn valid_rows(
    path: &Path,
    settings: crate::VaultSettings,
    on_row: &mut dyn FnMut(NewCustomer) -> Result<(), AppError>,
) -> Result<(), AppError> {
    let source = ImportFile(path);
    let scan = scan_file(&source)?;
    let validation = validate_file(&source, &scan, 0, settings, None, &mut |_| {})?;
    for_each_row(&source, &scan, &validation, 0, settings, &mut |_, row| match row {
        ImportRow::Valid(new) => on_row(new),
        ImportRow::Rejected { .. } => Ok(()),
    })
}
