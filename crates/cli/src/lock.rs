//! The data directory's keys lock (`vault.lock`), between the processes that have the vault's
//! keys open and a key rotation or retirement.
//!
//! A vault keeps the master keys it opened in memory. A rotation or retirement by another
//! process under it would leave that process (a server, a long import) wrapping new customers'
//! data keys with the old master key version, or with one just deleted, and those customers'
//! data would then be lost for good. So every process that opens the keys holds this lock
//! shared, and `keys rotate` and `keys retire` hold it exclusively: each refuses while the other
//! is held. The operating system releases it with the process, however that ends. PostgreSQL
//! instances on other machines do not share it: stop them all before rotating.

use std::fs::{File, OpenOptions, TryLockError};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::sync::Mutex;

use anyhow::{Context, Result, bail};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mode {
    /// The vault's keys are open in this process.
    Shared,
    /// This process changes which master keys exist.
    Exclusive,
}

/// The lock this process holds, kept until it exits.
static HELD: Mutex<Option<(File, Mode)>> = Mutex::new(None);

/// Holds the keys lock of `data_dir` in `mode` (or a stronger one already held) for the rest of
/// this process.
pub fn hold(data_dir: &Path, mode: Mode) -> Result<()> {
    let mut held = HELD.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if held.as_ref().is_some_and(|(_, have)| *have >= mode) {
        return Ok(());
    }
    let file = match held.take() {
        Some((file, _)) => file,
        None => {
            let path = data_dir.join("vault.lock");
            OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .mode(0o600)
                .open(&path)
                .with_context(|| format!("cannot open {}", path.display()))?
        }
    };
    let taken = match mode {
        Mode::Shared => file.try_lock_shared(),
        Mode::Exclusive => file.try_lock(),
    };
    match taken {
        Ok(()) => {
            *held = Some((file, mode));
            Ok(())
        }
        Err(TryLockError::WouldBlock) => match mode {
            Mode::Shared => bail!("a key rotation or retirement is running on this data directory: wait for it to finish"),
            Mode::Exclusive => bail!(
                "another Strongroom process has this vault's keys open (a server, an import, …): stop it first. It keeps the keys it opened, and would go on wrapping new customers' keys with the old master key"
            ),
        },
        Err(TryLockError::Error(error)) => Err(error).context("cannot lock the data directory's vault.lock"),
    }
}
