//! Reading a backup through without restoring it: every chunk opened at its place, the rows
//! counted, and the counts, chunk hashes and audit checkpoint compared with the manifest.

use std::path::{Path, PathBuf};
use std::time::Instant;

use strongroom_audit::VerifierKey;
use strongroom_store::Column;

use super::format::{self, ChunkProblem, Manifest, Opened, TableCount};
use super::records::{self, Record};
use super::{KeyFor, from_source, open_file};
use crate::{AppError, KeySource};

/// Problems listed by a check; past this, only counted.
const MAX_PROBLEMS: usize = 20;

/// What reading a backup through found.
#[derive(Debug, Clone)]
pub struct BackupCheck {
    pub file: PathBuf,
    pub bytes: u64,
    pub chunks: u64,
    /// The manifest, when the file's end could be read.
    pub manifest: Option<Manifest>,
    /// Rows counted per table as read.
    pub tables: Vec<TableCount>,
    /// Everything found wrong, in plain words; empty when the backup is whole.
    pub problems: Vec<String>,
    pub seconds: f64,
}

impl BackupCheck {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty() && self.manifest.is_some()
    }
}

/// Reads a backup through without restoring it: every chunk opened at its place, the rows
/// decoded and counted, the counts and chunk hashes compared with the manifest, and the audit
/// checkpoint's signature checked. Damage is reported, not raised; a wrong key or a file that
/// is not a backup is an error.
pub fn check_backup(file: &Path, source: &KeySource) -> Result<BackupCheck, AppError> {
    check_with(file, &from_source(source))
}

pub(super) fn check_with(file: &Path, key_for: KeyFor<'_>) -> Result<BackupCheck, AppError> {
    let started = Instant::now();
    let (_, header_bytes, key, input) = open_file(file, key_for)?;
    let mut reader = format::ChunkReader::new(input, header_bytes);
    let mut problems = Problems::default();
    let mut counter = Counter::default();
    let mut hashes = Vec::new();
    let mut manifest = None;
    let mut chunks = 0;
    loop {
        match reader.next(&key) {
            Ok(None) => break,
            Ok(Some(chunk)) => {
                chunks += 1;
                match chunk.opened {
                    Ok(Opened::Rows(records)) => {
                        hashes.push(chunk.hash);
                        if problems.is_empty()
                            && let Err(why) = counter.read(&records, false, &mut |_| Ok(()))
                        {
                            problems.push(ChunkProblem::Unreadable { index: chunk.index, why }.to_string());
                        }
                    }
                    Ok(Opened::Manifest(found)) => manifest = Some(*found),
                    Err(problem) => {
                        hashes.push(chunk.hash);
                        problems.push(problem.to_string());
                    }
                }
            }
            Err(problem) => {
                problems.push(problem.to_string());
                break;
            }
        }
    }
    if let Some(manifest) = &manifest {
        compare_with_manifest(manifest, &hashes, &counter, &mut problems);
    }
    Ok(BackupCheck {
        file: file.to_owned(),
        bytes: reader.bytes,
        chunks,
        manifest,
        tables: counter.tables,
        problems: problems.finish(),
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// What a manifest promises against what was read.
pub(super) fn compare_with_manifest(manifest: &Manifest, hashes: &[String], counter: &Counter, problems: &mut Problems) {
    if manifest.chunks.len() != hashes.len() {
        problems.push(format!("the manifest lists {} chunks of rows but the file holds {}", manifest.chunks.len(), hashes.len()));
    } else if let Some(index) = manifest.chunks.iter().zip(hashes).position(|(listed, read)| listed != read) {
        problems.push(format!("chunk {index} differs from the one the manifest lists"));
    }
    if problems.is_empty() {
        if counter.open_table.is_some() {
            problems.push("the rows end inside a table".into());
        }
        if counter.tables != manifest.tables {
            problems.push(format!(
                "the rows read ({}) differ from the manifest's counts ({})",
                describe(&counter.tables),
                describe(&manifest.tables)
            ));
        }
    }
    match VerifierKey::parse(&manifest.log_verifier) {
        Err(error) => problems.push(format!("the audit trail's public key in the manifest cannot be read: {error}")),
        Ok(verifier) => {
            if let Some(checkpoint) = &manifest.checkpoint {
                match verifier.open_checkpoint(&checkpoint.note) {
                    Err(error) => problems.push(format!("the audit checkpoint's signature does not verify: {error}")),
                    Ok(opened) if opened.size != checkpoint.size || opened.size > manifest.audit_events => {
                        problems.push(format!(
                            "the audit checkpoint covers {} events but the backup holds {}",
                            opened.size, manifest.audit_events
                        ));
                    }
                    Ok(_) => {}
                }
            }
        }
    }
}

fn describe(tables: &[TableCount]) -> String {
    tables.iter().filter(|table| table.rows > 0).map(|table| format!("{} {}", table.name, table.rows)).collect::<Vec<_>>().join(", ")
}

/// The problems a check lists (the first [`MAX_PROBLEMS`], then a count).
#[derive(Default)]
pub(super) struct Problems {
    listed: Vec<String>,
    more: usize,
}

impl Problems {
    pub(super) fn push(&mut self, problem: String) {
        if self.listed.len() < MAX_PROBLEMS { self.listed.push(problem) } else { self.more += 1 }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.listed.is_empty()
    }

    pub(super) fn finish(mut self) -> Vec<String> {
        if self.more > 0 {
            self.listed.push(format!("and {} more problems", self.more));
        }
        self.listed
    }
}

/// Follows the records, counting each table's rows and checking each table's stated count.
#[derive(Default)]
pub(super) struct Counter {
    tables: Vec<TableCount>,
    open_table: Option<(String, Vec<Column>)>,
    columns: Vec<Column>,
    rows: u64,
}

impl Counter {
    /// Reads one chunk's records, handing each table start and row on to `each`.
    /// `keep_rows`: whether each row's cells are read into values (a restore) or only checked
    /// and counted (a check, several times faster).
    pub(super) fn read(
        &mut self,
        records: &[u8],
        keep_rows: bool,
        each: &mut dyn FnMut(Record) -> Result<(), String>,
    ) -> Result<(), String> {
        let mut columns = std::mem::take(&mut self.columns);
        let result = records::decode_records(records, &mut columns, keep_rows, &mut |record| {
            match &record {
                Record::Table { name, columns } => {
                    if let Some((open, _)) = &self.open_table {
                        return Err(format!("table {name} starts before {open} ends"));
                    }
                    self.open_table = Some((name.clone(), columns.clone()));
                    self.rows = 0;
                }
                Record::Row(_) => self.rows += 1,
                Record::End { rows } => {
                    let (name, _) = self.open_table.take().ok_or("a table ends that never started")?;
                    if *rows != self.rows {
                        return Err(format!("{name} says it holds {rows} rows, but {} were read", self.rows));
                    }
                    self.tables.push(TableCount { name, rows: *rows });
                }
            }
            each(record)
        });
        self.columns = columns;
        result
    }
}
