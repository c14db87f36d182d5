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
//!    committed and the next run of the same file resumes after the last committed batch.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::hash::{Hash, Hasher};
use std::io::{Read, Seek, SeekFrom};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use aws_lc_rs::digest;
use csv::ByteRecord;
use strongroom_domain::{
    Actor, AuditAction, DomainError, EmailAddress, FreeText, NewCustomer, Outcome, Permission, PersonName, PhoneE164, PostalAddress,
    RecordKind, contains_card_number, parse_birth_date,
};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use crate::customers::{customer_from, new_customer_rows};
use crate::trail::draft::EventDraft;
use strongroom_store::Store;

use crate::customers::sealing::present_categories;
use crate::{AppError, Vault, VaultSettings, now_micros};

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

impl Default for ImportOptions {
    fn default() -> ImportOptions {
        ImportOptions { skip_invalid: false, rejects_path: None, batch_size: 10_000 }
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
    pub rejects_file: Option<PathBuf>,
}

/// What the byte scan learned about the file.
struct FileScan {
    digest: [u8; 32],
    /// The SHA-256 of each [`CHUNK`] of the file in order, so the later passes check every
    /// chunk before parsing a byte of it.
    chunks: Vec<[u8; 32]>,
    delimiter: u8,
    has_bom: bool,
}

/// How much of the file each pass checks at a time.
const CHUNK: usize = 1 << 16;

/// Reads the next [`CHUNK`] of `file` (less only at its end) into `buffer`; how many bytes.
fn read_chunk(file: &mut dyn Read, buffer: &mut Vec<u8>) -> std::io::Result<usize> {
    buffer.resize(CHUNK, 0);
    let mut filled = 0;
    while filled < CHUNK {
        match file.read(&mut buffer[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    buffer.truncate(filled);
    Ok(filled)
}

fn sha256(bytes: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    out.copy_from_slice(digest::digest(&digest::SHA256, bytes).as_ref());
    out
}

fn io_error(path: &Path, error: std::io::Error) -> AppError {
    AppError::ImportFile(format!("{}: {error}", path.display()))
}

/// Where an import reads its file from. Each pass reads it again from the start.
pub trait ImportSource: Send + Sync {
    fn open(&self) -> std::io::Result<Box<dyn Read + Send + '_>>;
    /// How messages name it (a path, "the upload").
    fn name(&self) -> String;
}

/// A file on disk (the CLI's import).
#[derive(Debug)]
pub struct ImportFile<'a>(pub &'a Path);

impl ImportSource for ImportFile<'_> {
    fn open(&self) -> std::io::Result<Box<dyn Read + Send + '_>> {
        Ok(Box::new(File::open(self.0)?))
    }

    fn name(&self) -> String {
        self.0.display().to_string()
    }
}

fn source_error(source: &dyn ImportSource, error: std::io::Error) -> AppError {
    AppError::ImportFile(format!("{}: {error}", source.name()))
}

fn scan_file(source: &dyn ImportSource) -> Result<FileScan, AppError> {
    let mut file = source.open().map_err(|error| source_error(source, error))?;
    let mut context = digest::Context::new(&digest::SHA256);
    let mut buffer = Vec::with_capacity(CHUNK);
    let mut chunks = Vec::new();
    let mut first_line: Vec<u8> = Vec::new();
    let mut header_done = false;
    let mut in_quotes = false;
    let mut line: u64 = 1;
    let mut quote_opened_on: u64 = 0;
    let mut total: u64 = 0;
    loop {
        let n = read_chunk(&mut file, &mut buffer).map_err(|error| source_error(source, error))?;
        if n == 0 {
            break;
        }
        context.update(&buffer[..n]);
        chunks.push(sha256(&buffer[..n]));
        for &byte in &buffer[..n] {
            total += 1;
            if !header_done {
                if byte == b'\n' && !in_quotes {
                    header_done = true;
                } else {
                    first_line.push(byte);
                }
            }
            match byte {
                b'"' => {
                    in_quotes = !in_quotes;
                    if in_quotes {
                        quote_opened_on = line;
                    }
                }
                b'\n' => line += 1,
                _ => {}
            }
        }
    }
    if total == 0 {
        return Err(AppError::ImportFile("the file is empty; the first line must name the columns".into()));
    }
    if in_quotes {
        return Err(AppError::ImportFile(format!(
            "line {quote_opened_on}: a quoted field is never closed (unbalanced quotes); nothing was imported"
        )));
    }
    let has_bom = first_line.starts_with(b"\xEF\xBB\xBF");
    let (commas, semicolons) = count_delimiters(&first_line);
    let digest: [u8; 32] = context.finish().as_ref().try_into().map_err(|_| AppError::ImportFile("digest".into()))?;
    Ok(FileScan { digest, chunks, delimiter: if semicolons > commas { b';' } else { b',' }, has_bom })
}

fn count_delimiters(line: &[u8]) -> (usize, usize) {
    let mut in_quotes = false;
    let (mut commas, mut semicolons) = (0, 0);
    for &byte in line {
        match byte {
            b'"' => in_quotes = !in_quotes,
            b',' if !in_quotes => commas += 1,
            b';' if !in_quotes => semicolons += 1,
            _ => {}
        }
    }
    (commas, semicolons)
}

/// A pass's reader of the file, which checks each chunk before handing any of it on.
type CsvReader<'s> = csv::Reader<Checked<'s>>;

const CHANGED: &str = "the file changed while it was being imported";

/// A file being read for a pass, a [`CHUNK`] at a time, each checked against the scan's digest
/// of it before a byte of it is parsed: a file changed meanwhile (shorter, longer or edited in
/// place) stops the pass where the change begins, and no row of the new content is imported.
struct Checked<'s> {
    file: Box<dyn Read + Send + 's>,
    expected: Vec<[u8; 32]>,
    next: usize,
    buffer: Vec<u8>,
    at: usize,
    /// Bytes to leave out of the first chunk: a byte-order mark.
    skip: usize,
}

impl Read for Checked<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.at == self.buffer.len() {
            let n = read_chunk(&mut self.file, &mut self.buffer)?;
            self.at = 0;
            // The end must come where the scanned file ended; each chunk must be the one scanned.
            let as_scanned =
                if n == 0 { self.next == self.expected.len() } else { self.expected.get(self.next) == Some(&sha256(&self.buffer)) };
            if !as_scanned {
                self.buffer.clear();
                return Err(std::io::Error::other(CHANGED));
            }
            if n == 0 {
                return Ok(0);
            }
            self.next += 1;
            self.at = std::mem::take(&mut self.skip).min(n);
        }
        let n = out.len().min(self.buffer.len() - self.at);
        out[..n].copy_from_slice(&self.buffer[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// Ends a pass: the rest of the file is checked too (it must end where the scanned one did).
fn same_file(reader: CsvReader<'_>) -> Result<(), AppError> {
    std::io::copy(&mut reader.into_inner(), &mut std::io::sink()).map_err(|_| AppError::ImportFile(CHANGED.into()))?;
    Ok(())
}

/// A CSV reader over the file, past any byte-order mark.
fn open_csv<'s>(source: &'s dyn ImportSource, scan: &FileScan) -> Result<CsvReader<'s>, AppError> {
    let file = source.open().map_err(|error| source_error(source, error))?;
    let skip = if scan.has_bom { 3 } else { 0 };
    let checked = Checked { file, expected: scan.chunks.clone(), next: 0, buffer: Vec::with_capacity(CHUNK), at: 0, skip };
    Ok(csv::ReaderBuilder::new().delimiter(scan.delimiter).has_headers(true).flexible(false).from_reader(checked))
}

/// Where each known column is in the file.
#[derive(Debug, Default)]
struct Columns {
    positions: HashMap<&'static str, usize>,
    unknown: Vec<String>,
    n_columns: usize,
}

fn map_columns(header: &ByteRecord) -> Result<Columns, AppError> {
    let mut columns = Columns { n_columns: header.len(), ..Columns::default() };
    for (position, raw) in header.iter().enumerate() {
        let name = std::str::from_utf8(raw)
            .map_err(|_| AppError::ImportFile("line 1: the header is not valid UTF-8".into()))?
            .trim()
            .to_ascii_lowercase();
        match IMPORT_COLUMNS.iter().find(|known| **known == name) {
            Some(known) => {
                if columns.positions.insert(known, position).is_some() {
                    return Err(AppError::ImportFile(format!("line 1: the column {known:?} appears twice")));
                }
            }
            None => columns.unknown.push(name),
        }
    }
    if !columns.positions.contains_key("name") {
        return Err(AppError::ImportFile(format!(
            "line 1: the header has no name column; the columns Strongroom reads are {}",
            IMPORT_COLUMNS.join(", ")
        )));
    }
    Ok(columns)
}

/// Parses one data row into a new customer, collecting every problem in it.
fn parse_row(record: &ByteRecord, columns: &Columns, settings: VaultSettings, today: Date) -> Result<NewCustomer, Vec<(String, String)>> {
    let mut problems: Vec<(String, String)> = Vec::new();
    let mut cell = |column: &'static str| -> Option<String> {
        let position = *columns.positions.get(column)?;
        match std::str::from_utf8(record.get(position).unwrap_or_default()) {
            Ok(text) if text.trim().is_empty() => None,
            Ok(text) => Some(text.to_owned()),
            Err(_) => {
                problems.push((column.to_owned(), "is not valid UTF-8 text".to_owned()));
                None
            }
        }
    };
    let (name, email, phone, address, birth_date, notes) =
        (cell("name"), cell("email"), cell("phone"), cell("address"), cell("birth_date"), cell("notes"));
    let mut note = |error: DomainError| problems.push((error.field().to_owned(), error_reason(&error)));
    let name = match name {
        Some(name) => PersonName::parse("name", &name).map_err(&mut note).ok(),
        None => {
            note(DomainError::invalid("name", "is empty; every customer needs a name"));
            None
        }
    };
    let email = email.map(|email| EmailAddress::parse(&email).map_err(&mut note).ok()).unwrap_or(None);
    let phone = phone.map(|phone| PhoneE164::parse(&phone, settings.default_country).map_err(&mut note).ok()).unwrap_or(None);
    let address = address.map(|address| PostalAddress::parse("address", &address).map_err(&mut note).ok()).unwrap_or(None);
    let birth_date = birth_date.map(|date| parse_birth_date(&date, today).map_err(&mut note).ok()).unwrap_or(None);
    let notes = notes.map(|notes| FreeText::parse("notes", &notes).map_err(&mut note).ok()).unwrap_or(None);
    match name {
        Some(name) if problems.is_empty() => Ok(NewCustomer { name, email, phone, address, birth_date, notes }),
        _ => Err(problems),
    }
}

/// The reason part of a domain error, without the field name (the report has its own column).
fn error_reason(error: &DomainError) -> String {
    let text = error.to_string();
    text.strip_prefix(&format!("{}: ", error.field())).map(str::to_owned).unwrap_or(text)
}

fn email_hash(email: &EmailAddress) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    email.normalised().hash(&mut hasher);
    hasher.finish()
}

/// Writes rejected rows for the shop to fix: the original cells plus an `error` column, with any
/// cell holding a card number blanked (by the guard every field is parsed with), and any cell a
/// spreadsheet would run as a formula made inert. It holds personal data in plain text, so it is only ever
/// created new and owner-only (`O_EXCL`, which also refuses to follow a symlink), and it is
/// synced before each batch commits, so that the committed progress can record its length.
struct RejectsWriter {
    writer: csv::Writer<File>,
    path: PathBuf,
}

/// A cell as a spreadsheet will only ever show it: one starting with `=`, `+`, `-`, `@`, a tab or
/// a carriage return is a formula to Excel and LibreOffice (which would run `=HYPERLINK(…)` and
/// the like when the shop opens the file), so it gets a leading apostrophe (OWASP, CSV
/// injection). The shop sees the cell as it was, less nothing.
fn inert_in_spreadsheets(cell: &[u8]) -> Vec<u8> {
    match cell.first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => [b"'".as_slice(), cell].concat(),
        _ => cell.to_vec(),
    }
}

impl RejectsWriter {
    /// A new rejects file; an existing file at `path` is refused rather than overwritten.
    fn create(path: &Path, header: &ByteRecord, delimiter: u8) -> Result<RejectsWriter, AppError> {
        let file = OpenOptions::new().write(true).create_new(true).mode(0o600).open(path).map_err(|error| {
            if error.kind() == std::io::ErrorKind::AlreadyExists {
                AppError::ImportFile(format!(
                    "{} already exists; move it away or name another rejects file with --rejects (nothing was imported)",
                    path.display()
                ))
            } else {
                io_error(path, error)
            }
        })?;
        let mut writer = RejectsWriter::wrap(file, path, delimiter);
        let mut out: ByteRecord = header.iter().map(inert_in_spreadsheets).collect();
        out.push_field(b"error");
        writer.writer.write_byte_record(&out).map_err(|error| writer.error(error))?;
        Ok(writer)
    }

    /// The rejects file of an interrupted import, cut back to the length its last committed batch
    /// recorded (rows written after that commit are written again).
    fn reopen(path: &Path, committed_bytes: u64, delimiter: u8) -> Result<RejectsWriter, AppError> {
        let file = OpenOptions::new().write(true).custom_flags(O_NOFOLLOW).open(path).map_err(|error| io_error(path, error))?;
        file.set_permissions(std::fs::Permissions::from_mode(0o600)).map_err(|error| io_error(path, error))?;
        file.set_len(committed_bytes).map_err(|error| io_error(path, error))?;
        let mut file = file;
        file.seek(SeekFrom::End(0)).map_err(|error| io_error(path, error))?;
        Ok(RejectsWriter::wrap(file, path, delimiter))
    }

    fn wrap(file: File, path: &Path, delimiter: u8) -> RejectsWriter {
        // Flexible: an unreadable row is written with no cells, only its error.
        let writer = csv::WriterBuilder::new().delimiter(delimiter).flexible(true).from_writer(file);
        RejectsWriter { writer, path: path.to_owned() }
    }

    fn error(&self, error: impl std::fmt::Display) -> AppError {
        AppError::ImportFile(format!("{}: {error}", self.path.display()))
    }

    fn write(&mut self, record: &ByteRecord, reason: &str) -> Result<(), AppError> {
        let mut out = ByteRecord::new();
        for cell in record.iter() {
            let text = String::from_utf8_lossy(cell);
            if contains_card_number(&text) {
                out.push_field(b"[removed: card number]");
            } else {
                out.push_field(&inert_in_spreadsheets(cell));
            }
        }
        out.push_field(reason.as_bytes());
        self.writer.write_byte_record(&out).map_err(|error| self.error(error))
    }

    /// Flushes and syncs; returns the file's length, to be committed with the batch.
    fn sync(&mut self) -> Result<u64, AppError> {
        self.writer.flush().map_err(|error| self.error(error))?;
        let file = self.writer.get_ref();
        file.sync_data().map_err(|error| self.error(error))?;
        Ok(file.metadata().map_err(|error| self.error(error))?.len())
    }
}

/// `O_NOFOLLOW` on Linux: opening a path whose last part is a symlink fails.
const O_NOFOLLOW: i32 = 0o400000;

/// Looks an email up among the customers already in the store; returns the id of one that has it.
type ExistingEmailLookup<'a> = dyn FnMut(&EmailAddress) -> Result<Option<String>, AppError> + 'a;

/// The outcome of the validation pass.
struct Validation {
    report: ImportReport,
    invalid_rows: RowSet,
    /// The first line each email (by hash) stands on, so the import pass can say which line a
    /// rejected duplicate repeats without keeping a reason per rejected row.
    emails_seen: HashMap<u64, u64>,
    header: ByteRecord,
    columns: Columns,
}

/// A set of row indexes, one bit per row of the file: what the validation pass found invalid.
/// It stays small whatever the file holds (a million rows: 125 KB).
#[derive(Debug, Default)]
struct RowSet {
    words: Vec<u64>,
    len: u64,
}

impl RowSet {
    fn insert(&mut self, row: u64) {
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

    fn contains(&self, row: u64) -> bool {
        self.words.get((row / 64) as usize).is_some_and(|word| word & (1u64 << (row % 64)) != 0)
    }

    fn len(&self) -> u64 {
        self.len
    }

    fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// The problems of a validation pass: the invalid rows, the first errors in full, and counts.
#[derive(Default)]
struct Problems {
    invalid_rows: RowSet,
    counts: HashMap<(String, String), u64>,
}

impl Problems {
    /// Notes a problem of a row: the row is invalid, the problem counted, and listed while the
    /// list has room. `kind` is the reason as counted (the same for every duplicate of an email,
    /// whichever line it repeats).
    fn record(&mut self, report: &mut ImportReport, row_index: u64, line: u64, field: &str, reason: &str, kind: &str) {
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

    fn counted(&self) -> Vec<ProblemCount> {
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
fn unreadable_reason(error: &csv::Error, columns: &Columns) -> String {
    match error.kind() {
        csv::ErrorKind::UnequalLengths { len, .. } => format!("has {len} fields where the header has {}", columns.n_columns),
        _ => "cannot be read as CSV".to_owned(),
    }
}

const SAME_EMAIL_IN_FILE: &str = "has the same email as another row of the file; merge them by hand";
const SAME_EMAIL_AS_CUSTOMER: &str = "has the same email as an existing customer; merge them by hand";

/// Validates every row from `resume_from` on; `existing_email` looks an email up in the store.
fn validate_file(
    source: &dyn ImportSource,
    scan: &FileScan,
    resume_from: u64,
    settings: VaultSettings,
    mut existing_email: Option<&mut ExistingEmailLookup<'_>>,
    progress: &mut dyn FnMut(ImportProgressEvent),
) -> Result<Validation, AppError> {
    let today = OffsetDateTime::now_utc().date();
    let mut report = ImportReport { delimiter: char::from(scan.delimiter), rows_already_imported: resume_from, ..ImportReport::default() };
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
enum ImportRow<'r> {
    Valid(NewCustomer),
    /// Refused by the validation pass; an unreadable row has no cells.
    Rejected {
        record: &'r ByteRecord,
        reason: String,
    },
}

/// Streams the rows from `resume_from` on to `on_row`, with the count of rows read so far.
fn for_each_row(
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
fn rejection_reason(validation: &Validation, record: &ByteRecord, line: u64, settings: VaultSettings, today: Date) -> String {
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

/// What each committed batch records about the import, so a later run can resume it.
#[derive(Debug, Clone, Copy, Default)]
struct Progress {
    rows_done: u64,
    rows_imported: u64,
    rows_rejected: u64,
    rejects_bytes: u64,
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
        let stored = {
            let mut tx = self.store.begin()?;
            let previous = tx.import_progress(&scan.digest)?;
            tx.commit()?;
            previous
        };
        // Where this run expects the stored progress at each batch: another run of the same
        // file moving it meanwhile stops this one before it imports a row twice.
        let mut expected_rows_done = stored.as_ref().map(|previous| previous.rows_done);
        let previous = {
            let previous = stored;
            match previous {
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
            }
        };
        let resume_from = previous.rows_done;

        // Validate everything before writing anything. Emails are checked against the store only
        // when it holds customers; each existing customer a duplicate points at is a disclosure
        // (the report names them), recorded like any other find.
        let has_customers = {
            let mut tx = self.store.begin_snapshot()?;
            let n = tx.count_customers()?;
            tx.commit()?;
            n > 0
        };
        let mut matched: Vec<Uuid> = Vec::new();
        let validation = if has_customers {
            // Each lookup reads in a snapshot of its own, closed before the pass goes on, so the
            // store is never held while the file is read (on SQLite that would stall every other
            // request of the server while a big file is checked). What the lookups disclose is
            // recorded below, before the report that shows it is handed out.
            let mut existing = |email: &EmailAddress| -> Result<Option<String>, AppError> {
                let mut tx = self.store.begin_snapshot()?;
                let found = self.customers_with_email(tx.as_mut(), email)?;
                tx.commit()?;
                matched.extend(found.iter().map(|customer| customer.id.as_uuid()));
                Ok(found.first().map(|customer| customer.id.to_string()))
            };
            validate_file(source, &scan, resume_from, self.settings, Some(&mut existing), progress)?
        } else {
            validate_file(source, &scan, resume_from, self.settings, None, progress)?
        };
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
        // Another run of this file that moved on while this one validated would make this run's
        // lookups see its rows as duplicates: say what happened instead.
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
        let mut report = validation.report.clone();
        report.rows_already_imported = previous.rows_imported;
        if !validation.invalid_rows.is_empty() && !options.skip_invalid {
            let mut tx = self.store.begin()?;
            let event = EventDraft::new(actor, AuditAction::CustomerImport)
                .detail(format!("refused: {} of {} rows invalid", report.rows_rejected, report.rows_total));
            self.record(tx.as_mut(), &[event.finish(Outcome::Failed)])?;
            tx.commit()?;
            return Err(AppError::ImportRejected(Box::new(report)));
        }

        // Import in batches, each with its audit events and the import's progress.
        let mut rejects = match &options.rejects_path {
            Some(rejects_path) if options.skip_invalid && resume_from > 0 && previous.rejects_bytes > 0 => {
                Some(RejectsWriter::reopen(rejects_path, previous.rejects_bytes, scan.delimiter)?)
            }
            Some(rejects_path) if options.skip_invalid && !validation.invalid_rows.is_empty() => {
                Some(RejectsWriter::create(rejects_path, &validation.header, scan.delimiter)?)
            }
            _ => None,
        };
        report.rejects_file = rejects.as_ref().map(|writer| writer.path.clone());
        let started_at = now_micros();
        let batch_size = options.batch_size.max(1);
        let rows_to_import = report.rows_total.saturating_sub(resume_from).saturating_sub(report.rows_rejected);
        let mut batch = Vec::with_capacity(batch_size);
        let mut done = previous;
        // Rows imported and committed so far (earlier runs included), for a run that stops.
        let mut committed = previous.rows_imported;
        let mut commit = |batch: &mut Vec<NewCustomer>, done: &mut Progress, rejects: &mut Option<RejectsWriter>, finished: bool| {
            if let Some(rejects) = rejects.as_mut() {
                done.rejects_bytes = rejects.sync()?;
            }
            done.rows_imported += batch.len() as u64;
            self.commit_import_batch(actor, batch, &scan, report.rows_total, *done, started_at, finished, expected_rows_done)?;
            expected_rows_done = Some(done.rows_done);
            committed = done.rows_imported;
            progress(ImportProgressEvent::Importing { rows_done: done.rows_imported - previous.rows_imported, rows_total: rows_to_import });
            Ok::<(), AppError>(())
        };
        let outcome = for_each_row(source, &scan, &validation, resume_from, self.settings, &mut |rows_read, row| {
            match row {
                ImportRow::Rejected { record, reason } => {
                    done.rows_rejected += 1;
                    if let Some(rejects) = rejects.as_mut() {
                        rejects.write(record, &reason)?;
                    }
                }
                ImportRow::Valid(new) => batch.push(new),
            }
            done.rows_done = rows_read;
            if batch.len() >= batch_size {
                commit(&mut batch, &mut done, &mut rejects, false)?;
            }
            Ok(())
        })
        .and_then(|()| {
            done.rows_done = report.rows_total;
            commit(&mut batch, &mut done, &mut rejects, true)
        });
        match outcome {
            Ok(()) => {}
            // Another run of the file moved on: that stop is recorded and explained already.
            Err(error @ AppError::Conflict(_)) => return Err(error),
            Err(error) => {
                // The batches committed before the failure stay: say how many, and record it.
                let imported_now = committed - previous.rows_imported;
                let mut tx = self.store.begin()?;
                let event = EventDraft::new(actor, AuditAction::CustomerImport)
                    .detail(format!("stopped after {imported_now} rows of this run were imported: {error}"));
                self.record(tx.as_mut(), &[event.finish(Outcome::Failed)])?;
                tx.commit()?;
                if imported_now == 0 {
                    return Err(error);
                }
                let why = match &error {
                    AppError::ImportFile(why) => why.clone(),
                    other => other.to_string(),
                };
                return Err(AppError::ImportFile(format!(
                    "the import stopped after {imported_now} rows were imported, and those stay imported ({why}); running the \
                     same, unchanged file again imports the rest"
                )));
            }
        }
        report.rows_imported = done.rows_imported - previous.rows_imported;
        report.rows_rejected = done.rows_rejected;
        let mut tx = self.store.begin()?;
        let event = EventDraft::new(actor, AuditAction::CustomerImport).detail(format!(
            "imported {} rows, rejected {}, {} imported by an earlier run",
            report.rows_imported, report.rows_rejected, report.rows_already_imported
        ));
        self.record(tx.as_mut(), &[event.finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(report)
    }

    /// Seals and writes one batch, with one audit event per customer and the import's progress.
    #[allow(clippy::too_many_arguments)]
    fn commit_import_batch(
        &self,
        actor: &Actor,
        batch: &mut Vec<NewCustomer>,
        scan: &FileScan,
        rows_total: u64,
        done: Progress,
        started_at: i64,
        finished: bool,
        expected_rows_done: Option<u64>,
    ) -> Result<(), AppError> {
        let now = OffsetDateTime::now_utc();
        let batch_len = batch.len() as u64;
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
        let mut tx = self.store.begin()?;
        tx.insert_customers(&rows)?;
        self.record(tx.as_mut(), &events)?;
        let progress = strongroom_store::ImportProgress {
            file_digest: scan.digest,
            rows_total,
            rows_done: done.rows_done,
            rows_imported: done.rows_imported,
            rows_rejected: done.rows_rejected,
            rejects_bytes: done.rejects_bytes,
            started_at,
            finished_at: finished.then(now_micros),
        };
        if !tx.save_import_progress(&progress, expected_rows_done)? {
            // This batch is rolled back; the stop itself is recorded.
            drop(tx);
            let mut tx = self.store.begin()?;
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

/// The benchmark's baseline: the same import (scan, validation pass, batched writes of the same
/// rows, index entries and audit events through the same store) with the cryptography left
/// out: fields are stored as plaintext bytes and index values are an unkeyed hash. It runs only
/// on a throwaway store of synthetic data that `bench` creates, never on a vault.
pub fn plaintext_baseline_import(store: &dyn Store, path: &Path, settings: VaultSettings, batch_size: usize) -> Result<u64, AppError> {
    let source = ImportFile(path);
    let scan = scan_file(&source)?;
    let validation = validate_file(&source, &scan, 0, settings, None, &mut |_| {})?;
    {
        let mut tx = store.begin()?;
        if tx.master_keys()?.is_empty() {
            let row = strongroom_store::MasterKeyRow {
                version: 1,
                wrapped: vec![0; 61],
                state: strongroom_store::MasterKeyState::Active,
                created_at: 0,
            };
            tx.insert_master_key(&row)?;
        }
        tx.commit()?;
    }
    let plain_index = |index_id: u16, value: &str| {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        value.hash(&mut hasher);
        strongroom_store::BlindIndexEntry { index_id, value: (hasher.finish() >> 48) as u32 }
    };
    let actor = Actor::system("bench");
    let mut batch: Vec<strongroom_store::NewCustomerRows> = Vec::with_capacity(batch_size);
    let mut events = Vec::with_capacity(batch_size);
    let mut imported = 0u64;
    let mut flush =
        |batch: &mut Vec<strongroom_store::NewCustomerRows>, events: &mut Vec<strongroom_audit::AuditEvent>| -> Result<(), AppError> {
            let mut tx = store.begin()?;
            tx.insert_customers(batch)?;
            tx.append_audit_events(events)?;
            tx.commit()?;
            imported += batch.len() as u64;
            batch.clear();
            events.clear();
            Ok(())
        };
    for_each_row(&source, &scan, &validation, 0, settings, &mut |_, row| {
        let ImportRow::Valid(new) = row else { return Ok(()) };
        let customer = customer_from(new, Uuid::now_v7(), OffsetDateTime::now_utc());
        let id = customer.id.as_uuid();
        let mut sealed = strongroom_store::SealedFields::new();
        sealed.set(strongroom_domain::Field::CustomerName, customer.name.as_str().as_bytes().to_vec());
        let mut index = vec![];
        if let Some(email) = &customer.email {
            sealed.set(strongroom_domain::Field::CustomerEmail, email.as_str().as_bytes().to_vec());
            index.push(plain_index(crate::keyring::INDEX_EMAIL, &email.normalised()));
        }
        if let Some(phone) = &customer.phone {
            sealed.set(strongroom_domain::Field::CustomerPhone, phone.as_str().as_bytes().to_vec());
            index.push(plain_index(crate::keyring::INDEX_PHONE, phone.as_str()));
        }
        if let Some(address) = &customer.address {
            sealed.set(strongroom_domain::Field::CustomerAddress, address.as_str().as_bytes().to_vec());
        }
        if let Some(birth_date) = customer.birth_date {
            sealed.set(strongroom_domain::Field::CustomerBirthDate, crate::customers::codec::encode_date(birth_date).into_bytes());
        }
        if let Some(notes) = &customer.notes {
            sealed.set(strongroom_domain::Field::CustomerNotes, notes.as_str().as_bytes().to_vec());
        }
        for token in strongroom_domain::name_tokens(customer.name.as_str()) {
            index.push(plain_index(crate::keyring::INDEX_NAME_TOKEN, &token));
        }
        events.push(
            EventDraft::new(&actor, AuditAction::CustomerImport)
                .target(RecordKind::Customer, id)
                .categories(present_categories(&sealed))
                .finish(Outcome::Allowed),
        );
        let now = now_micros();
        batch.push(strongroom_store::NewCustomerRows {
            customer: strongroom_store::CustomerRow { id, created_at: now, updated_at: now, sealed },
            data_key: strongroom_store::DataKeyRow {
                owner_kind: strongroom_store::OwnerKind::Customer,
                owner_id: id,
                data_key_version: 1,
                master_version: 1,
                wrapped: vec![0; 61],
            },
            index,
        });
        if batch.len() >= batch_size {
            flush(&mut batch, &mut events)?;
        }
        Ok(())
    })?;
    flush(&mut batch, &mut events)?;
    Ok(imported)
}

/// The body of the `csv_import` fuzz target (`fuzz/`): an uploaded file through both passes of
/// an import, without a vault. Panics only when a property fails: nothing panics, the two
/// passes agree on every row, the counts add up, and no error repeats a long value of the file.
#[doc(hidden)]
pub fn fuzz_csv_import(data: &[u8]) {
    /// The upload as a file (the passes read files), removed again however the call ends.
    struct Scratch(std::path::PathBuf);
    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(&self.0);
        }
    }
    static CALLS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let scratch = Scratch(std::env::temp_dir().join(format!("strongroom-fuzz-import-{}-{call}.csv", std::process::id())));
    let path = scratch.0.as_path();
    std::fs::write(path, data).expect("a scratch file");
    let settings = VaultSettings::new(strongroom_domain::Country::parse("NL").expect("NL"), strongroom_domain::Currency::EUR);
    let source = ImportFile(path);
    let Ok(scan) = scan_file(&source) else { return };
    let Ok(validation) = validate_file(&source, &scan, 0, settings, None, &mut |_| {}) else { return };
    let report = &validation.report;
    assert_eq!(report.rows_rejected, validation.invalid_rows.len());
    assert!(report.rows_rejected <= report.rows_total);
    let (mut valid, mut rejected) = (0u64, 0u64);
    let mut values: Vec<String> = Vec::new();
    let outcome = for_each_row(&source, &scan, &validation, 0, settings, &mut |_, row| {
        match row {
            ImportRow::Valid(_) => valid += 1,
            ImportRow::Rejected { record, .. } => {
                rejected += 1;
                values.extend(record.iter().filter_map(|cell| std::str::from_utf8(cell).ok()).map(|cell| cell.trim().to_owned()));
            }
        }
        Ok(())
    });
    outcome.expect("the import pass reads what the validation pass read");
    assert_eq!((valid + rejected, rejected), (report.rows_total, report.rows_rejected), "the passes agree on every row");
    // A value shaped like an email, a phone or a card number never comes back in a message (the
    // messages' own words hold no eight digits, and no @ between two letters or digits).
    let email_like =
        |value: &str| value.as_bytes().windows(3).any(|w| w[1] == b'@' && w[0].is_ascii_alphanumeric() && w[2].is_ascii_alphanumeric());
    let personal = values.iter().filter(|value| email_like(value) || value.bytes().filter(u8::is_ascii_digit).count() >= 8);
    for value in personal {
        for error in &report.errors {
            assert!(
                !error.reason.contains(value.as_str()) && !error.field.contains(value.as_str()),
                "an error repeats a value of the file"
            );
        }
    }
}
