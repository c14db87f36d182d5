//! The rejects file: the refused rows as the shop gave them, with why, safe to open in a
//! spreadsheet.

use std::fs::{File, OpenOptions};
use std::io::{Seek, SeekFrom};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use csv::ByteRecord;
use strongroom_domain::contains_card_number;

use super::file::io_error;
use crate::AppError;

/// Writes rejected rows for the shop to fix: the original cells plus an `error` column, with any
/// cell holding a card number blanked (by the guard every field is parsed with), and any cell a
/// spreadsheet would run as a formula made inert. It holds personal data in plain text, so it is only ever
/// created new and owner-only (`O_EXCL`, which also refuses to follow a symlink), and it is
/// synced before each batch commits, so that the committed progress can record its length.
pub(super) struct RejectsWriter {
    pub(super) writer: csv::Writer<File>,
    pub(super) path: PathBuf,
}

/// A cell as a spreadsheet will only ever show it: one starting with `=`, `+`, `-`, `@`, a tab or
/// a carriage return is a formula to Excel and LibreOffice (which would run `=HYPERLINK(…)` and
/// the like when the shop opens the file), so it gets a leading apostrophe (OWASP, CSV
/// injection). The shop sees the cell as it was, less nothing.
pub(crate) fn inert_in_spreadsheets(cell: &[u8]) -> Vec<u8> {
    match cell.first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => [b"'".as_slice(), cell].concat(),
        _ => cell.to_vec(),
    }
}

impl RejectsWriter {
    /// A new rejects file; an existing file at `path` is refused rather than overwritten.
    pub(super) fn create(path: &Path, header: &ByteRecord, delimiter: u8) -> Result<RejectsWriter, AppError> {
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
    pub(super) fn reopen(path: &Path, committed_bytes: u64, delimiter: u8) -> Result<RejectsWriter, AppError> {
        let file = OpenOptions::new().write(true).custom_flags(O_NOFOLLOW).open(path).map_err(|error| io_error(path, error))?;
        file.set_permissions(std::fs::Permissions::from_mode(0o600)).map_err(|error| io_error(path, error))?;
        file.set_len(committed_bytes).map_err(|error| io_error(path, error))?;
        let mut file = file;
        file.seek(SeekFrom::End(0)).map_err(|error| io_error(path, error))?;
        Ok(RejectsWriter::wrap(file, path, delimiter))
    }

    pub(super) fn wrap(file: File, path: &Path, delimiter: u8) -> RejectsWriter {
        // Flexible: an unreadable row is written with no cells, only its error.
        let writer = csv::WriterBuilder::new().delimiter(delimiter).flexible(true).from_writer(file);
        RejectsWriter { writer, path: path.to_owned() }
    }

    pub(super) fn error(&self, error: impl std::fmt::Display) -> AppError {
        AppError::ImportFile(format!("{}: {error}", self.path.display()))
    }

    pub(super) fn write(&mut self, record: &ByteRecord, reason: &str) -> Result<(), AppError> {
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
    pub(super) fn sync(&mut self) -> Result<u64, AppError> {
        self.writer.flush().map_err(|error| self.error(error))?;
        let file = self.writer.get_ref();
        file.sync_data().map_err(|error| self.error(error))?;
        Ok(file.metadata().map_err(|error| self.error(error))?.len())
    }
}

/// `O_NOFOLLOW` on Linux: opening a path whose last part is a symlink fails.
pub(super) const O_NOFOLLOW: i32 = 0o400000;
