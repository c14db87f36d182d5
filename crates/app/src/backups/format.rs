//! The backup file, byte by byte.
//!
//! ```text
//! "SRBACKUP" ‖ format (u16) ‖ header length (u32) ‖ header (JSON, plain)
//! then chunks, each: length (u32) ‖ sealed chunk
//! ```
//! The header says only what opening the file needs: the file's salt, the key check, and how
//! the shop key is given (a key file, or a passphrase with its Argon2id parameters, which are not
//! secret). Every chunk is sealed under the file's key ([`strongroom_crypto::BackupKey`]) with
//! the whole header as associated data, so the header cannot be changed either. A chunk opens
//! to one kind byte and its body: rows (a zstd frame of records, `records.rs`) or, last of all,
//! the manifest (JSON). All numbers are big-endian.

use std::io::{self, Read, Seek, SeekFrom, Write};

use serde::{Deserialize, Serialize};
use strongroom_crypto::{BACKUP_SALT_LEN, BackupKey, CHUNK_OVERHEAD};
use strongroom_store::{Cell, Column};
use uuid::Uuid;
use zeroize::Zeroizing;

use super::records;

pub(crate) const MAGIC: &[u8; 8] = b"SRBACKUP";
/// The format this build writes and reads.
pub const FORMAT_VERSION: u16 = 1;
/// A chunk's rows are sealed once they pass this many bytes.
const CHUNK_TARGET: usize = 4 << 20;
/// No chunk is larger than this: a length field above it is damage.
pub(crate) const MAX_CHUNK: usize = 64 << 20;
const MAX_HEADER: usize = 64 << 10;

const KIND_ROWS: u8 = 0;
const KIND_MANIFEST: u8 = 1;

/// The plain header: what opening the file needs, nothing about the shop's data.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// The file's random salt, hex.
    pub salt: String,
    /// The file key's check value, hex.
    pub key_check: String,
    /// "key_file" or "passphrase".
    pub protection: String,
    /// The passphrase's Argon2id parameters and salt, when the shop key comes from one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kdf: Option<String>,
    /// The database schema the rows were read from: a restore builds that schema first.
    pub schema_version: u32,
}

impl Header {
    pub(crate) fn salt(&self) -> Option<[u8; BACKUP_SALT_LEN]> {
        hex_decode(&self.salt)?.try_into().ok()
    }

    pub(crate) fn key_check(&self) -> Option<Vec<u8>> {
        hex_decode(&self.key_check)
    }
}

/// How many rows of a table a backup holds.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct TableCount {
    pub name: String,
    pub rows: u64,
}

/// A customer whose key was destroyed, and when: a restore of an older backup destroys it again.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Erasure {
    pub customer_id: Uuid,
    /// Microseconds since the epoch.
    pub erased_at: i64,
}

/// The latest signed checkpoint of the audit trail when the backup was made.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct ManifestCheckpoint {
    pub size: u64,
    pub note: String,
}

/// The last chunk: what the backup holds, to be checked against what is read.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Manifest {
    pub format: u16,
    /// The Strongroom version that wrote it.
    pub strongroom: String,
    pub created_at_unix_micros: i64,
    pub shop: String,
    /// "sqlite" or "postgres": where the vault was.
    pub backend: String,
    pub schema_version: u32,
    pub tables: Vec<TableCount>,
    pub customers: u64,
    pub audit_events: u64,
    pub checkpoint: Option<ManifestCheckpoint>,
    /// The public key that checks the trail's checkpoints (signed-note verifier form).
    pub log_verifier: String,
    pub erased: Vec<Erasure>,
    /// The shop's settings file (`strongroom.toml`, which never holds a secret), if given.
    pub settings: Option<String>,
    /// SHA-256 of every sealed rows chunk, in order, hex.
    pub chunks: Vec<String>,
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

fn hex_decode(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
}

/// The bytes a file starts with: magic, format, and the header. Chunks are bound to exactly these.
pub(crate) fn header_bytes(header: &Header) -> Vec<u8> {
    let json = serde_json::to_vec(header).unwrap_or_default();
    let mut bytes = Vec::with_capacity(14 + json.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&FORMAT_VERSION.to_be_bytes());
    bytes.extend_from_slice(&(json.len() as u32).to_be_bytes());
    bytes.extend_from_slice(&json);
    bytes
}

/// Why a file's start cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderProblem {
    NotABackup,
    NewerFormat(u16),
    Damaged(String),
}

/// Reads the start of a file: its header and the exact bytes the chunks are bound to.
pub(crate) fn read_header(input: &mut impl Read) -> Result<(Header, Vec<u8>), HeaderProblem> {
    let mut start = [0u8; 14];
    input.read_exact(&mut start).map_err(|_| HeaderProblem::NotABackup)?;
    if &start[..8] != MAGIC {
        return Err(HeaderProblem::NotABackup);
    }
    let format = u16::from_be_bytes([start[8], start[9]]);
    if format > FORMAT_VERSION {
        return Err(HeaderProblem::NewerFormat(format));
    }
    if format == 0 {
        return Err(HeaderProblem::Damaged("its format number is 0".into()));
    }
    let length = u32::from_be_bytes([start[10], start[11], start[12], start[13]]) as usize;
    if length > MAX_HEADER {
        return Err(HeaderProblem::Damaged("its header's length is damaged".into()));
    }
    let mut json = vec![0u8; length];
    input.read_exact(&mut json).map_err(|_| HeaderProblem::Damaged("it ends inside its header".into()))?;
    let header: Header =
        serde_json::from_slice(&json).map_err(|error| HeaderProblem::Damaged(format!("its header cannot be read: {error}")))?;
    let mut bytes = start.to_vec();
    bytes.extend_from_slice(&json);
    Ok((header, bytes))
}

/// Writes a backup: rows in, sealed chunks out.
pub(crate) struct Writer<W: Write> {
    out: W,
    key: BackupKey,
    header: Vec<u8>,
    next_index: u64,
    records: Vec<u8>,
    compressor: zstd::bulk::Compressor<'static>,
    chunk_hashes: Vec<String>,
    bytes: u64,
}

impl<W: Write> Writer<W> {
    pub(crate) fn new(mut out: W, key: BackupKey, header: &Header) -> io::Result<Writer<W>> {
        let header = header_bytes(header);
        out.write_all(&header)?;
        let compressor = zstd::bulk::Compressor::new(3)?;
        let bytes = header.len() as u64;
        Ok(Writer {
            out,
            key,
            header,
            next_index: 0,
            records: Vec::with_capacity(CHUNK_TARGET + 4096),
            compressor,
            chunk_hashes: Vec::new(),
            bytes,
        })
    }

    pub(crate) fn table(&mut self, name: &str, columns: &[Column]) -> io::Result<()> {
        records::encode_table(&mut self.records, name, columns);
        self.maybe_flush()
    }

    pub(crate) fn row(&mut self, cells: &[Cell]) -> io::Result<()> {
        records::encode_row(&mut self.records, cells);
        self.maybe_flush()
    }

    pub(crate) fn table_end(&mut self, rows: u64) -> io::Result<()> {
        records::encode_end(&mut self.records, rows);
        self.maybe_flush()
    }

    fn maybe_flush(&mut self) -> io::Result<()> {
        if self.records.len() >= CHUNK_TARGET { self.flush_rows() } else { Ok(()) }
    }

    fn flush_rows(&mut self) -> io::Result<()> {
        if self.records.is_empty() {
            return Ok(());
        }
        let compressed = self.compressor.compress(&self.records)?;
        self.records.clear();
        let mut body = Vec::with_capacity(1 + compressed.len() + CHUNK_OVERHEAD);
        body.push(KIND_ROWS);
        body.extend_from_slice(&compressed);
        let sealed = self.seal(body, false)?;
        self.chunk_hashes.push(hex(strongroom_crypto::sha256(&sealed).as_ref()));
        self.write_chunk(&sealed)
    }

    fn seal(&mut self, body: Vec<u8>, last: bool) -> io::Result<Vec<u8>> {
        let sealed = self.key.seal_chunk(&self.header, self.next_index, last, body).map_err(io::Error::other)?;
        self.next_index += 1;
        Ok(sealed)
    }

    fn write_chunk(&mut self, sealed: &[u8]) -> io::Result<()> {
        self.out.write_all(&(sealed.len() as u32).to_be_bytes())?;
        self.out.write_all(sealed)?;
        self.bytes += 4 + sealed.len() as u64;
        Ok(())
    }

    /// Seals the rows still pending, then the manifest (given the chunks' hashes) as the last
    /// chunk. Returns the output and how many bytes were written.
    pub(crate) fn finish(mut self, mut manifest: Manifest) -> io::Result<(W, u64)> {
        self.flush_rows()?;
        manifest.chunks = std::mem::take(&mut self.chunk_hashes);
        let mut body = vec![KIND_MANIFEST];
        body.extend_from_slice(&serde_json::to_vec(&manifest).map_err(io::Error::other)?);
        let sealed = self.seal(body, true)?;
        self.write_chunk(&sealed)?;
        self.out.flush()?;
        Ok((self.out, self.bytes))
    }
}

/// What a chunk held once opened.
pub(crate) enum Opened {
    /// Decompressed records.
    Rows(Zeroizing<Vec<u8>>),
    Manifest(Box<Manifest>),
}

/// What went wrong with one chunk (or the file after it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChunkProblem {
    /// It does not open at its place: altered (or from another file).
    Damaged { index: u64 },
    /// It opens, but only at another place: chunks were reordered.
    OutOfPlace { index: u64, belongs_at: u64 },
    /// The file ends inside this chunk or before the last chunk: it was cut off.
    CutOff { after: u64 },
    /// A chunk's length field cannot be right; nothing after it can be read.
    BadLength { index: u64 },
    /// The chunk opens but its contents cannot be read.
    Unreadable { index: u64, why: String },
    /// Bytes follow the last chunk.
    TrailingBytes,
}

impl std::fmt::Display for ChunkProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChunkProblem::Damaged { index } => write!(f, "chunk {index} is damaged: it does not open with this key at its place"),
            ChunkProblem::OutOfPlace { index, belongs_at } => {
                write!(f, "chunk {index} is out of place: it was written as chunk {belongs_at} (the chunks were reordered)")
            }
            ChunkProblem::CutOff { after } => {
                write!(f, "the file is cut off after chunk {after}: its end, with the manifest, is missing")
            }
            ChunkProblem::BadLength { index } => write!(f, "chunk {index}'s length is damaged; nothing after it can be read"),
            ChunkProblem::Unreadable { index, why } => write!(f, "chunk {index} opens but cannot be read: {why}"),
            ChunkProblem::TrailingBytes => write!(f, "there are bytes after the last chunk"),
        }
    }
}

/// Reads the chunks of a file after its header, one at a time.
pub(crate) struct ChunkReader<R: Read> {
    input: R,
    header: Vec<u8>,
    next_index: u64,
    finished: bool,
    /// How many bytes were read (header included), for throughput figures.
    pub(crate) bytes: u64,
}

/// One chunk as read: its place, its sealed bytes' hash, and what it opened to (or why not).
pub(crate) struct ReadChunk {
    pub(crate) index: u64,
    pub(crate) hash: String,
    pub(crate) opened: Result<Opened, ChunkProblem>,
}

impl<R: Read> ChunkReader<R> {
    pub(crate) fn new(input: R, header: Vec<u8>) -> ChunkReader<R> {
        let bytes = header.len() as u64;
        ChunkReader { input, header, next_index: 0, finished: false, bytes }
    }

    /// The next chunk; `Ok(None)` after the last one. An `Err` ends the reading (the framing is
    /// lost or the file ends early).
    pub(crate) fn next(&mut self, key: &BackupKey) -> Result<Option<ReadChunk>, ChunkProblem> {
        if self.finished {
            return Ok(None);
        }
        let index = self.next_index;
        let mut length = [0u8; 4];
        match read_full(&mut self.input, &mut length) {
            Ok(0) => return Err(ChunkProblem::CutOff { after: index.saturating_sub(1) }),
            Ok(4) => {}
            _ => return Err(ChunkProblem::CutOff { after: index.saturating_sub(1) }),
        }
        let length = u32::from_be_bytes(length) as usize;
        if !(CHUNK_OVERHEAD + 1..=MAX_CHUNK).contains(&length) {
            return Err(ChunkProblem::BadLength { index });
        }
        let mut sealed = vec![0u8; length];
        if read_full(&mut self.input, &mut sealed).ok() != Some(length) {
            return Err(ChunkProblem::CutOff { after: index.saturating_sub(1) });
        }
        self.bytes += 4 + length as u64;
        self.next_index += 1;
        let hash = hex(strongroom_crypto::sha256(&sealed).as_ref());
        let opened = match key.open_chunk(&self.header, index, false, &sealed) {
            Ok(body) => open_body(index, body, false),
            Err(_) => match key.open_chunk(&self.header, index, true, &sealed) {
                Ok(body) => {
                    self.finished = true;
                    let mut rest = [0u8; 1];
                    if read_full(&mut self.input, &mut rest).ok() == Some(1) {
                        return Err(ChunkProblem::TrailingBytes);
                    }
                    open_body(index, body, true)
                }
                Err(_) => Err(self.misplaced(key, index, &sealed)),
            },
        };
        Ok(Some(ReadChunk { index, hash, opened }))
    }

    /// A chunk that does not open at its place: does it open at a nearby one?
    fn misplaced(&self, key: &BackupKey, index: u64, sealed: &[u8]) -> ChunkProblem {
        let nearby = index.saturating_sub(16)..index + 16;
        for place in nearby.filter(|place| *place != index) {
            for last in [false, true] {
                if key.open_chunk(&self.header, place, last, sealed).is_ok() {
                    return ChunkProblem::OutOfPlace { index, belongs_at: place };
                }
            }
        }
        ChunkProblem::Damaged { index }
    }
}

/// A file's manifest, read by skipping its rows chunks (their lengths only), as a listing of
/// backups needs it; `None` when the file's framing or last chunk is damaged.
pub(crate) fn read_manifest(mut input: impl Read + Seek, header: &[u8], key: &BackupKey) -> Option<Manifest> {
    let end = input.seek(SeekFrom::End(0)).ok()?;
    let mut at = input.seek(SeekFrom::Start(header.len() as u64)).ok()?;
    let mut index = 0u64;
    loop {
        let mut length = [0u8; 4];
        input.read_exact(&mut length).ok()?;
        let length = u32::from_be_bytes(length) as usize;
        if !(CHUNK_OVERHEAD + 1..=MAX_CHUNK).contains(&length) {
            return None;
        }
        at += 4 + length as u64;
        if at == end {
            let mut sealed = vec![0u8; length];
            input.read_exact(&mut sealed).ok()?;
            let body = key.open_chunk(header, index, true, &sealed).ok()?;
            return match open_body(index, body, true).ok()? {
                Opened::Manifest(manifest) => Some(*manifest),
                Opened::Rows(_) => None,
            };
        }
        input.seek(SeekFrom::Start(at)).ok()?;
        index += 1;
    }
}

fn open_body(index: u64, body: Zeroizing<Vec<u8>>, last: bool) -> Result<Opened, ChunkProblem> {
    let unreadable = |why: String| ChunkProblem::Unreadable { index, why };
    match (body.first(), last) {
        (Some(&KIND_ROWS), false) => {
            let records =
                zstd::stream::decode_all(&body[1..]).map_err(|error| unreadable(format!("its rows do not decompress: {error}")))?;
            Ok(Opened::Rows(Zeroizing::new(records)))
        }
        (Some(&KIND_MANIFEST), true) => {
            let manifest = serde_json::from_slice(&body[1..]).map_err(|error| unreadable(format!("its manifest: {error}")))?;
            Ok(Opened::Manifest(Box::new(manifest)))
        }
        _ => Err(unreadable("it is neither rows nor the manifest where it stands".into())),
    }
}

fn read_full(input: &mut impl Read, buffer: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match input.read(&mut buffer[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    Ok(filled)
}
