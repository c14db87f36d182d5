//! The data directory's lock between a running server and a key rotation.
//!
//! `serve` keeps the keyring it opened in memory. A rotation or retirement by another process
//! under it would leave the server wrapping new customers' data keys with the old master key
//! version, or with one just deleted, and those customers' data would then be lost for good. So
//! both take this lock (`vault.lock` in the data directory) and each refuses while the other
//! holds it. PostgreSQL instances on other machines do not share it: stop them all first.

use std::fs::{File, OpenOptions};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use anyhow::{Context, Result, bail};

/// Held for as long as it lives; the operating system releases it with the process, however
/// the process ends.
#[derive(Debug)]
pub struct DataDirLock {
    _file: File,
}

/// Who wants the lock, for the message when someone else holds it.
#[derive(Debug, Clone, Copy)]
pub enum Holder {
    Server,
    KeyChange,
}

pub fn take(data_dir: &Path, holder: Holder) -> Result<DataDirLock> {
    let path = data_dir.join("vault.lock");
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(0o600)
        .open(&path)
        .with_context(|| format!("cannot open {}", path.display()))?;
    match file.try_lock() {
        Ok(()) => Ok(DataDirLock { _file: file }),
        Err(std::fs::TryLockError::WouldBlock) => match holder {
            Holder::Server => bail!(
                "another Strongroom process holds this data directory (a key rotation or retirement, or another server): wait for it to finish"
            ),
            Holder::KeyChange => bail!(
                "a server (`strongroom serve`) or another key change is running on this data directory: stop it first. A running server keeps the keys it opened and would go on wrapping new customers' keys with the old master key"
            ),
        },
        Err(std::fs::TryLockError::Error(error)) => Err(error).with_context(|| format!("cannot lock {}", path.display())),
    }
}
