//! A web upload kept on disk only sealed, for the length of its import (issue 11): each 64 KiB
//! of it is sealed with a key that lives only in this process's memory before it is written,
//! so no plaintext reaches the disk, and a file left behind by a killed process (`kill -9`, a
//! power cut) is unreadable. Files left by a process that is gone are deleted when the next
//! one starts.
//!
//! Layout: chunks, each `length (4 bytes, big-endian) ‖ last (1 byte) ‖ sealed chunk`, the
//! chunk's number and whether it is the last bound into its seal, so chunks cannot be
//! reordered, dropped or cut off unnoticed.

use std::fs::{File, OpenOptions};
use std::io::{BufReader, Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use strongroom_app::ImportSource;
use strongroom_crypto::EphemeralKey;
use zeroize::Zeroizing;

/// Plaintext bytes per sealed chunk.
const CHUNK: usize = 64 * 1024;
/// What upload files are called: `strongroom-upload-<process id>-<id>.sealed`.
const PREFIX: &str = "strongroom-upload-";
const SUFFIX: &str = ".sealed";
/// What the plaintext uploads of versions before this one were called.
const OLD_PREFIX: &str = "strongroom-import-";

/// An upload being written, then read by the import's passes; its file is deleted when dropped.
pub struct SealedUpload {
    path: PathBuf,
    key: EphemeralKey,
    file: Option<File>,
    pending: Zeroizing<Vec<u8>>,
    chunks: u64,
}

impl std::fmt::Debug for SealedUpload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SealedUpload({})", self.path.display())
    }
}

impl SealedUpload {
    /// A new, empty upload in `dir` (the system's temporary directory), created owner-only and
    /// never through an existing file or link.
    pub fn create(dir: &Path, id: uuid::Uuid) -> std::io::Result<SealedUpload> {
        let path = dir.join(format!("{PREFIX}{}-{id}{SUFFIX}", std::process::id()));
        let file = OpenOptions::new().write(true).create_new(true).mode(0o600).open(&path)?;
        let key = EphemeralKey::generate().map_err(std::io::Error::other)?;
        Ok(SealedUpload { path, key, file: Some(file), pending: Zeroizing::new(Vec::with_capacity(CHUNK)), chunks: 0 })
    }

    /// Adds bytes of the upload as they arrive.
    pub fn write(&mut self, mut bytes: &[u8]) -> std::io::Result<()> {
        while !bytes.is_empty() {
            let take = (CHUNK - self.pending.len()).min(bytes.len());
            self.pending.extend_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
            if self.pending.len() == CHUNK {
                self.seal_pending(false)?;
            }
        }
        Ok(())
    }

    /// Seals what is left as the last chunk and syncs the file; it is ready to be read.
    pub fn finish(&mut self) -> std::io::Result<()> {
        self.seal_pending(true)?;
        if let Some(file) = self.file.take() {
            file.sync_data()?;
        }
        Ok(())
    }

    fn seal_pending(&mut self, last: bool) -> std::io::Result<()> {
        let file = self.file.as_mut().ok_or_else(|| std::io::Error::other("the upload is finished"))?;
        let sealed = self.key.seal_chunk(self.chunks, last, &self.pending).map_err(std::io::Error::other)?;
        let length = u32::try_from(sealed.len()).map_err(std::io::Error::other)?;
        file.write_all(&length.to_be_bytes())?;
        file.write_all(&[u8::from(last)])?;
        file.write_all(&sealed)?;
        self.pending.clear();
        self.chunks += 1;
        Ok(())
    }
}

impl Drop for SealedUpload {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

impl ImportSource for SealedUpload {
    fn open(&self) -> std::io::Result<Box<dyn Read + Send + '_>> {
        let file = BufReader::new(File::open(&self.path)?);
        Ok(Box::new(Opened { file, key: &self.key, next: 0, chunk: Zeroizing::new(Vec::new()), at: 0, ended: false }))
    }

    fn name(&self) -> String {
        "the uploaded file".to_owned()
    }
}

/// Reads an upload back, opening one chunk at a time.
struct Opened<'a> {
    file: BufReader<File>,
    key: &'a EphemeralKey,
    next: u64,
    chunk: Zeroizing<Vec<u8>>,
    at: usize,
    ended: bool,
}

impl Read for Opened<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.at == self.chunk.len() {
            if self.ended {
                return Ok(0);
            }
            let mut head = [0u8; 5];
            self.file.read_exact(&mut head).map_err(|_| std::io::Error::other("the upload's file was cut short"))?;
            let length = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
            let last = head[4] == 1;
            if length > CHUNK + 64 {
                return Err(std::io::Error::other("the upload's file is damaged"));
            }
            let mut sealed = vec![0u8; length];
            self.file.read_exact(&mut sealed).map_err(|_| std::io::Error::other("the upload's file was cut short"))?;
            self.chunk = self
                .key
                .open_chunk(self.next, last, &sealed)
                .map_err(|_| std::io::Error::other("the upload's file was changed on disk"))?;
            self.next += 1;
            self.at = 0;
            self.ended = last;
        }
        let n = out.len().min(self.chunk.len() - self.at);
        out[..n].copy_from_slice(&self.chunk[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// Deletes what earlier processes left in `dir`: sealed uploads of processes that are gone (no
/// one can read them any more), and the plaintext uploads older versions wrote there. How many.
pub fn remove_stale_uploads(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let stale = if let Some(rest) = name.strip_prefix(PREFIX).filter(|_| name.ends_with(SUFFIX)) {
            // A process that is gone left it: its key went with it.
            rest.split('-').next().and_then(|pid| pid.parse::<u32>().ok()).is_some_and(|pid| !Path::new(&format!("/proc/{pid}")).exists())
        } else {
            name.starts_with(OLD_PREFIX) && name.ends_with(".csv")
        };
        // Only plain files of our own naming; a link or a directory is not ours to follow.
        let plain_file = entry.file_type().is_ok_and(|kind| kind.is_file());
        if stale && plain_file && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upload_of(dir: &Path, bytes: &[u8]) -> SealedUpload {
        let mut upload = SealedUpload::create(dir, uuid::Uuid::now_v7()).unwrap();
        // In pieces of odd sizes, as a network delivers them.
        for piece in bytes.chunks(7_777) {
            upload.write(piece).unwrap();
        }
        upload.finish().unwrap();
        upload
    }

    fn read_back(upload: &SealedUpload) -> std::io::Result<Vec<u8>> {
        let mut out = Vec::new();
        upload.open()?.read_to_end(&mut out)?;
        Ok(out)
    }

    #[test]
    fn an_upload_reads_back_whole_and_leaves_no_plaintext_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let csv: Vec<u8> = (0..20_000).flat_map(|n| format!("Anna Jansen {n},anna{n}@example.com\n").into_bytes()).collect();
        let upload = upload_of(dir.path(), &csv);
        let on_disk = std::fs::read(&upload.path).unwrap();
        assert!(!on_disk.windows(11).any(|window| window == b"Anna Jansen"), "plaintext on disk");
        assert_eq!(read_back(&upload).unwrap(), csv);
        assert_eq!(read_back(&upload).unwrap(), csv, "every pass reads it again");
        let path = upload.path.clone();
        drop(upload);
        assert!(!path.exists(), "deleted with the upload");
        assert!(read_back(&upload_of(dir.path(), b"")).unwrap().is_empty());
    }

    #[test]
    fn a_changed_or_cut_upload_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let csv = vec![b'x'; 3 * CHUNK + 10];
        let upload = upload_of(dir.path(), &csv);
        let original = std::fs::read(&upload.path).unwrap();
        let mut flipped = original.clone();
        flipped[CHUNK + 100] ^= 1;
        std::fs::write(&upload.path, &flipped).unwrap();
        assert!(read_back(&upload).is_err(), "a flipped byte");
        let one_chunk = 5 + usize::try_from(u32::from_be_bytes(original[..4].try_into().unwrap())).unwrap();
        std::fs::write(&upload.path, &original[..original.len() - 1]).unwrap();
        assert!(read_back(&upload).is_err(), "cut inside the last chunk");
        std::fs::write(&upload.path, &original[..3 * one_chunk]).unwrap();
        assert!(read_back(&upload).is_err(), "cut at a chunk boundary, before the last");
        let swapped = [&original[one_chunk..2 * one_chunk], &original[..one_chunk], &original[2 * one_chunk..]].concat();
        std::fs::write(&upload.path, swapped).unwrap();
        assert!(read_back(&upload).is_err(), "chunks reordered");
    }

    #[test]
    fn what_a_gone_process_or_an_older_version_left_is_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join(format!("{PREFIX}999999999-x{SUFFIX}"));
        let old = dir.path().join(format!("{OLD_PREFIX}0192.csv"));
        let someone_elses = dir.path().join("notes.csv");
        for path in [&gone, &old, &someone_elses] {
            std::fs::write(path, b"x").unwrap();
        }
        let live = upload_of(dir.path(), b"name\nAnna\n");
        assert_eq!(remove_stale_uploads(dir.path()), 2);
        assert!(!gone.exists() && !old.exists());
        assert!(someone_elses.exists() && live.path.exists(), "a running process's upload and other files stay");
    }
}
