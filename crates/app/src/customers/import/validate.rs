//! The validation pass (every row into domain values, duplicates found, problems counted) and
//! the stream of rows the import pass reads, each valid or with why it was refused.

use std::collections::HashMap;

use csv::ByteRecord;
use strongroom_domain::{EmailAddress, NewCustomer};
use time::{Date, OffsetDateTime};

use super::file::{Columns, FileScan, ImportSource, email_hash, map_columns, open_csv, parse_row, same_file};
use super::{ImportProgressEvent, ImportReport, MAX_COUNTED_KINDS, MAX_LISTED_ERRORS, ProblemCount, RowError};
use crate::{AppError, VaultSettings};

/// Looks an email up among the customers already in the store; returns the id of one that has it.
pub(super) type ExistingEmailLookup<'a> = dyn FnMut(&EmailAddress) -> Result<Option<String>, AppError> + 'a;

/// The outcome of the validation pass.
pub(super) struct Validation {
    pub(super) report: ImportReport,
    pub(super) invalid_rows: RowSet,
    /// The first line each email (by hash) stands on, so the import pass can say which line a
    /// rejected duplicate repeats without keeping a reason per rejected row.
    pub(super) emails_seen: HashMap<u64, u64>,
    pub(super) header: ByteRecord,
    pub(super) columns: Columns,
}

/// A set of row indexes, one bit per row of the file: what the validation pass found invalid.
/// It stays small whatever the file holds (a million rows: 125 KB).
#[derive(Debug, Default)]
pub(super) struct RowSet {
    pub(super) words: Vec<u64>,
    pub(super) len: u64,
}

impl RowSet {
    pub(super) fn insert(&mut self, row: u64) {
        let word = (row / 64) as usize;
        if word >= self.words.len() {
            self.words.resize(word + 1, 0);
        }
        let bit = 1u64 << (row % 64);
        if self.words[word] & bit == 0 {
            self.words[word] |= bit;
            self.len += 1;
        }
    }

    pub(super) fn contains(&self, row: u64) -> bool {
        self.words.get((row / 64) as usize).is_some_and(|word| word & (1u64 << (row % 64)) != 0)
    }

    pub(super) fn len(&self) -> u64 {
        self.len
    }

    pub(super) fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// The problems of a validation pass: the invalid rows, the first errors in full, and counts.
#[derive(Default)]
pub(super) struct Problems {
    pub(super) invalid_rows: RowSet,
    pub(super) counts: HashMap<(String, String), u64>,
}

impl Problems {
    /// Notes a problem of a row: the row is invalid, the problem counted, and listed while the
    /// list has room. `kind` is the reason as counted (the same for every duplicate of an email,
    /// whichever line it repeats).
    pub(super) fn record(&mut self, report: &mut ImportReport, row_index: u64, line: u64, field: &str, reason: &str, kind: &str) {
        self.invalid_rows.insert(row_index);
        let key = if self.counts.len() < MAX_COUNTED_KINDS || self.counts.contains_key(&(field.to_owned(), kind.to_owned())) {
            (field.to_owned(), kind.to_owned())
        } else {
            ("row".to_owned(), "other problems".to_owned())
        };
        *self.counts.entry(key).or_default() += 1;
        if report.errors.len() < MAX_LISTED_ERRORS {
            report.errors.push(RowError { line, field: field.to_owned(), reason: reason.to_owned() });
        } else {
            report.errors_truncated = true;
        }
    }

    pub(super) fn counted(&self) -> Vec<ProblemCount> {
        let mut counts: Vec<ProblemCount> = self
            .counts
            .iter()
            .map(|((field, reason), count)| ProblemCount { field: field.clone(), reason: reason.clone(), count: *count })
            .collect();
        counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| (&a.field, &a.reason).cmp(&(&b.field, &b.reason))));
        counts
    }
}

/// Why a row that cannot be read as CSV was refused.
pub(super) fn unreadable_reason(error: &csv::Error, columns: &Columns) -> String {
    match error.kind() {
        csv::ErrorKind::UnequalLengths { len, .. } => format!("has {len} fields where the header has {}", columns.n_columns),
        _ => "cannot be read as CSV".to_owned(),
    }
}

pub(super) const SAME_EMAIL_IN_FILE: &str = "has the same email as another row of the file; merge them by hand";
pub(super) const SAME_EMAIL_AS_CUSTOMER: &str = "has the same email as an existing customer; merge them by hand";

/// Validates every row from `resume_from` on; `existing_email` looks an email up in the store.
pub(super) fn validate_file(
    source: &dyn ImportSource,
    scan: &FileScan,
    resume_from: u64,
    settings: VaultSettings,
    mut existing_email: Option<&mut ExistingEmailLookup<'_>>,
    progress: &mut dyn FnMut(ImportProgressEvent),
) -> Result<Validation, AppError> {
    let today = OffsetDateTime::now_utc().date();
    let mut report = ImportReport {
        delimiter: char::from(scan.delimiter),
        windows_1252: scan.windows_1252,
        rows_already_imported: resume_from,
        ..ImportReport::default()
    };
    let mut reader = open_csv(source, scan)?;
    let header = reader.byte_headers().map_err(|error| AppError::ImportFile(format!("line 1: {error}")))?.clone();
    let columns = map_columns(&header)?;
    report.unknown_columns = columns.unknown.clone();
    let mut problems = Problems::default();
    let mut emails_seen: HashMap<u64, u64> = HashMap::new();
    let mut record = ByteRecord::new();
    let mut row_index: u64 = 0;
    loop {
        let line = reader.position().line();
        match reader.read_byte_record(&mut record) {
            Ok(false) => {
                same_file(reader)?;
                break;
            }
            Ok(true) => {}
            Err(error) => {
                if error.is_io_error() {
                    return Err(AppError::ImportFile(format!("line {line}: {error}")));
                }
                let line = error.position().map_or(line, |position| position.line());
                let reason = unreadable_reason(&error, &columns);
                problems.record(&mut report, row_index, line, "row", &reason, &reason);
                row_index += 1;
                continue;
            }
        }
        let line = record.position().map_or(line, |position| position.line());
        if row_index >= resume_from {
            match parse_row(&record, &columns, settings, today) {
                Err(row_problems) => {
                    for (field, reason) in row_problems {
                        problems.record(&mut report, row_index, line, &field, &reason, &reason);
                    }
                }
                Ok(customer) => {
                    if let Some(email) = &customer.email {
                        let first_line = *emails_seen.entry(email_hash(email)).or_insert(line);
                        let duplicate = if first_line != line {
                            Some((format!("has the same email as line {first_line}; merge them by hand"), SAME_EMAIL_IN_FILE))
                        } else {
                            match existing_email.as_mut() {
                                Some(lookup) => lookup(email)?.map(|id| {
                                    (format!("has the same email as existing customer {id}; merge them by hand"), SAME_EMAIL_AS_CUSTOMER)
                                }),
                                None => None,
                            }
                        };
                        if let Some((reason, kind)) = duplicate {
                            report.duplicate_emails += 1;
                            problems.record(&mut report, row_index, line, "email", &reason, kind);
                        }
                    }
                }
            }
        }
        row_index += 1;
        if row_index.is_multiple_of(10_000) {
            progress(ImportProgressEvent::Validating { rows_seen: row_index });
        }
    }
    progress(ImportProgressEvent::Validating { rows_seen: row_index });
    report.rows_total = row_index;
    report.rows_rejected = problems.invalid_rows.len();
    report.problem_counts = problems.counted();
    Ok(Validation { report, invalid_rows: problems.invalid_rows, emails_seen, header, columns })
}

/// One data row of the file, as the import pass sees it.
pub(super) enum ImportRow<'r> {
    Valid(NewCustomer),
    /// Refused by the validation pass; an unreadable row has no cells.
    Rejected {
        record: &'r ByteRecord,
        reason: String,
    },
}

/// Streams the rows from `resume_from` on to `on_row`, with the count of rows read so far.
pub(super) fn for_each_row(
    source: &dyn ImportSource,
    scan: &FileScan,
    validation: &Validation,
    resume_from: u64,
    settings: VaultSettings,
    on_row: &mut dyn FnMut(u64, ImportRow<'_>) -> Result<(), AppError>,
) -> Result<(), AppError> {
    let today = OffsetDateTime::now_utc().date();
    let mut reader = open_csv(source, scan)?;
    let mut record = ByteRecord::new();
    let empty = ByteRecord::new();
    let mut row_index: u64 = 0;
    loop {
        let line = reader.position().line();
        let unreadable = match reader.read_byte_record(&mut record) {
            Ok(false) => return same_file(reader),
            Ok(true) => None,
            Err(error) if error.is_io_error() => return Err(AppError::ImportFile(error.to_string())),
            Err(error) => Some(error),
        };
        let this_row = row_index;
        row_index += 1;
        if this_row < resume_from {
            continue;
        }
        if validation.invalid_rows.contains(this_row) {
            let reason = match &unreadable {
                Some(error) => unreadable_reason(error, &validation.columns),
                None => rejection_reason(validation, &record, record.position().map_or(line, |position| position.line()), settings, today),
            };
            let record = if unreadable.is_none() { &record } else { &empty };
            on_row(row_index, ImportRow::Rejected { record, reason })?;
            continue;
        }
        let new = parse_row(&record, &validation.columns, settings, today)
            .map_err(|_| AppError::ImportFile("the file changed while it was being imported".into()))?;
        on_row(row_index, ImportRow::Valid(new))?;
    }
}

/// Why the validation pass refused a readable row, found again: the listed errors of its line
/// when it has any, else its problems parsed anew, else the email it repeats. (The validation
/// pass keeps one bit per invalid row, not its reason, so memory stays flat however many rows
/// are invalid.)
pub(super) fn rejection_reason(validation: &Validation, record: &ByteRecord, line: u64, settings: VaultSettings, today: Date) -> String {
    let errors = &validation.report.errors;
    let first = errors.partition_point(|error| error.line < line);
    let listed: Vec<String> =
        errors[first..].iter().take_while(|error| error.line == line).map(|error| format!("{}: {}", error.field, error.reason)).collect();
    if !listed.is_empty() {
        return listed.join("; ");
    }
    match parse_row(record, &validation.columns, settings, today) {
        Err(problems) => problems.iter().map(|(field, reason)| format!("{field}: {reason}")).collect::<Vec<_>>().join("; "),
        Ok(customer) => {
            let first_line = customer.email.as_ref().and_then(|email| validation.emails_seen.get(&email_hash(email)).copied());
            match first_line {
                Some(first_line) if first_line != line => format!("email: has the same email as line {first_line}; merge them by hand"),
                _ => format!("email: {SAME_EMAIL_AS_CUSTOMER}"),
            }
        }
    }
}
