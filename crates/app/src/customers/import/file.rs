//! Reading the file: the byte scan that identifies it, a reader that checks every chunk
//! against that scan, the header's columns and one row into a `NewCustomer`.

use std::collections::HashMap;
use std::fs::File;
use std::hash::{Hash, Hasher};
use std::io::Read;
use std::path::Path;

use aws_lc_rs::digest;
use csv::ByteRecord;
use strongroom_domain::{CustomerText, DomainError, EmailAddress, NewCustomer};
use time::Date;

use super::IMPORT_COLUMNS;
use crate::{AppError, VaultSettings};

/// What the byte scan learned about the file.
pub(super) struct FileScan {
    pub(super) digest: [u8; 32],
    /// The SHA-256 of each [`CHUNK`] of the file in order, so the later passes check every
    /// chunk before parsing a byte of it.
    pub(super) chunks: Vec<[u8; 32]>,
    pub(super) delimiter: u8,
    pub(super) has_bom: bool,
    /// Not UTF-8 but Windows-1252 (what Excel and older tills on Windows export): every pass
    /// reads it transcoded to UTF-8, and the report says so.
    pub(super) windows_1252: bool,
}

/// Windows-1252's characters for the bytes 0x80 to 0x9F (the rest are Latin-1's); the five
/// bytes it leaves undefined map to the C1 controls of the same number, as WHATWG's decoder does.
const CP1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}', '\u{2C6}', '\u{2030}', '\u{160}',
    '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}', '\u{8F}', '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}',
    '\u{2014}', '\u{2DC}', '\u{2122}', '\u{161}', '\u{203A}', '\u{153}', '\u{9D}', '\u{17E}', '\u{178}',
];

/// Windows-1252 bytes as UTF-8 text.
pub(super) fn from_windows_1252(bytes: &[u8]) -> Vec<u8> {
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 8);
    for &byte in bytes {
        text.push(match byte {
            0x80..=0x9F => CP1252_HIGH[usize::from(byte - 0x80)],
            _ => char::from(byte),
        });
    }
    text.into_bytes()
}

/// Whether `bytes` (a chunk, after `carry` left over from the one before) is UTF-8 so far;
/// leaves in `carry` a sequence cut off at the chunk's end.
fn still_utf8(carry: &mut Vec<u8>, bytes: &[u8]) -> bool {
    let mut joined = std::mem::take(carry);
    joined.extend_from_slice(bytes);
    match std::str::from_utf8(&joined) {
        Ok(_) => true,
        Err(error) if error.error_len().is_none() => {
            *carry = joined[error.valid_up_to()..].to_vec();
            true
        }
        Err(_) => false,
    }
}

/// How much of the file each pass checks at a time.
pub(super) const CHUNK: usize = 1 << 16;

/// Reads the next [`CHUNK`] of `file` (less only at its end) into `buffer`; how many bytes.
pub(super) fn read_chunk(file: &mut dyn Read, buffer: &mut Vec<u8>) -> std::io::Result<usize> {
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

pub(super) fn sha256(bytes: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    out.copy_from_slice(digest::digest(&digest::SHA256, bytes).as_ref());
    out
}

pub(super) fn io_error(path: &Path, error: std::io::Error) -> AppError {
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

pub(super) fn source_error(source: &dyn ImportSource, error: std::io::Error) -> AppError {
    AppError::ImportFile(format!("{}: {error}", source.name()))
}

pub(super) fn scan_file(source: &dyn ImportSource) -> Result<FileScan, AppError> {
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
    let (mut utf8, mut carry) = (true, Vec::new());
    loop {
        let n = read_chunk(&mut file, &mut buffer).map_err(|error| source_error(source, error))?;
        if n == 0 {
            break;
        }
        utf8 = utf8 && still_utf8(&mut carry, &buffer[..n]);
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
    // A file that is not UTF-8 (or ends inside a character) is read as Windows-1252: every byte
    // is a character there, and it is what a Dutch or English Windows exports.
    let windows_1252 = !(has_bom || (utf8 && carry.is_empty()));
    Ok(FileScan { digest, chunks, delimiter: if semicolons > commas { b';' } else { b',' }, has_bom, windows_1252 })
}

pub(super) fn count_delimiters(line: &[u8]) -> (usize, usize) {
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
pub(super) type CsvReader<'s> = csv::Reader<Checked<'s>>;

pub(super) const CHANGED: &str = "the file changed while it was being imported";

/// A file being read for a pass, a [`CHUNK`] at a time, each checked against the scan's digest
/// of it before a byte of it is parsed: a file changed meanwhile (shorter, longer or edited in
/// place) stops the pass where the change begins, and no row of the new content is imported.
pub(super) struct Checked<'s> {
    pub(super) file: Box<dyn Read + Send + 's>,
    pub(super) expected: Vec<[u8; 32]>,
    pub(super) next: usize,
    pub(super) buffer: Vec<u8>,
    pub(super) at: usize,
    /// Bytes to leave out of the first chunk: a byte-order mark.
    pub(super) skip: usize,
    /// Each chunk, once checked, is transcoded from Windows-1252.
    pub(super) windows_1252: bool,
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
            if self.windows_1252 {
                self.buffer = from_windows_1252(&self.buffer);
            }
        }
        let n = out.len().min(self.buffer.len() - self.at);
        out[..n].copy_from_slice(&self.buffer[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// Ends a pass: the rest of the file is checked too (it must end where the scanned one did).
pub(super) fn same_file(reader: CsvReader<'_>) -> Result<(), AppError> {
    std::io::copy(&mut reader.into_inner(), &mut std::io::sink()).map_err(|_| AppError::ImportFile(CHANGED.into()))?;
    Ok(())
}

/// A CSV reader over the file, past any byte-order mark.
pub(super) fn open_csv<'s>(source: &'s dyn ImportSource, scan: &FileScan) -> Result<CsvReader<'s>, AppError> {
    let file = source.open().map_err(|error| source_error(source, error))?;
    let skip = if scan.has_bom { 3 } else { 0 };
    let checked = Checked {
        file,
        expected: scan.chunks.clone(),
        next: 0,
        buffer: Vec::with_capacity(CHUNK),
        at: 0,
        skip,
        windows_1252: scan.windows_1252,
    };
    Ok(csv::ReaderBuilder::new().delimiter(scan.delimiter).has_headers(true).flexible(false).from_reader(checked))
}

/// Where each known column is in the file.
#[derive(Debug, Default)]
pub(super) struct Columns {
    pub(super) positions: HashMap<&'static str, usize>,
    pub(super) unknown: Vec<String>,
    pub(super) n_columns: usize,
}

/// The other names a column goes by: the Dutch ones a Dutch export writes, and common spellings.
fn column_alias(name: &str) -> Option<&'static &'static str> {
    let column = match name.replace([' ', '_'], "-").as_str() {
        "naam" | "volledige-naam" | "full-name" => "name",
        "e-mail" | "e-mailadres" | "emailadres" | "email-address" | "mail" => "email",
        "telefoon" | "telefoonnummer" | "tel" | "mobiel" | "telephone" | "phone-number" => "phone",
        "adres" | "postal-address" => "address",
        "geboortedatum" | "date-of-birth" | "birthday" | "birth-date" => "birth_date",
        "notities" | "opmerkingen" | "notes" | "note" => "notes",
        _ => return None,
    };
    IMPORT_COLUMNS.iter().find(|known| **known == column)
}

pub(super) fn map_columns(header: &ByteRecord) -> Result<Columns, AppError> {
    let mut columns = Columns { n_columns: header.len(), ..Columns::default() };
    for (position, raw) in header.iter().enumerate() {
        let name = std::str::from_utf8(raw)
            .map_err(|_| AppError::ImportFile("line 1: the header is not valid UTF-8".into()))?
            .trim()
            .to_ascii_lowercase();
        match IMPORT_COLUMNS.iter().find(|known| **known == name).or_else(|| column_alias(&name)) {
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
pub(super) fn parse_row(
    record: &ByteRecord,
    columns: &Columns,
    settings: VaultSettings,
    today: Date,
) -> Result<NewCustomer, Vec<(String, String)>> {
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
    let text = CustomerText {
        name: name.as_deref(),
        email: email.as_deref(),
        phone: phone.as_deref(),
        address: address.as_deref(),
        birth_date: birth_date.as_deref(),
        notes: notes.as_deref(),
    };
    match text.parse(settings.default_country, today) {
        Ok(new) if problems.is_empty() => Ok(new),
        Ok(_) => Err(problems),
        Err(errors) => {
            problems.extend(errors.iter().map(|error| (error.field().to_owned(), error_reason(error))));
            Err(problems)
        }
    }
}

/// The reason part of a domain error, without the field name (the report has its own column).
pub(super) fn error_reason(error: &DomainError) -> String {
    let text = error.to_string();
    text.strip_prefix(&format!("{}: ", error.field())).map(str::to_owned).unwrap_or(text)
}

pub(super) fn email_hash(email: &EmailAddress) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    email.normalised().hash(&mut hasher);
    hasher.finish()
}
