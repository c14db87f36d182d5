//! The write-ahead log's checkpoints, on a thread and a connection of their own.
//!
//! SQLite's automatic checkpoint runs inside the commit that pushes the log past 1,000 pages:
//! it copies the log into the database file and fsyncs both while the store's one connection
//! is held, so every reader and writer queued behind it waits, and the API's slowest answers
//! were those that met one. Here a thread asks for a passive checkpoint (which never waits for
//! the writer, and which the writer never waits for) every tenth of a second after something
//! was committed. A passive checkpoint under steady writing may never catch the log's end, and
//! the log is only restarted from its beginning once it has; so when the log passes
//! [`MOST_FRAMES`] the thread truncates it, which waits for the writer between transactions.
//! The connection's own automatic checkpoint stays on at [`FALLBACK_PAGES`], in case this
//! thread falls behind or stops.

use std::path::Path;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::Connection;

use crate::StoreError;

/// How often the thread looks for new commits.
const EVERY: Duration = Duration::from_millis(100);

/// Log frames (pages, 4 KiB each) past which the log is truncated: 16 MiB.
const MOST_FRAMES: i64 = 4_000;

/// The main connection's automatic checkpoint, a safety net behind this thread: 40 MiB.
pub(super) const FALLBACK_PAGES: i64 = 10_000;

/// The running checkpointer; dropping it stops the thread (after a checkpoint in progress).
#[derive(Debug)]
pub(super) struct Checkpointer {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
    /// Held while a checkpoint runs, here or by [`crate::Store::purge_deleted`]: two at once
    /// would make one of them fail busy.
    pub(super) running: Arc<Mutex<()>>,
}

impl Checkpointer {
    /// Opens a second connection to the database at `path` and starts the thread.
    pub(super) fn start(path: &Path) -> Result<Checkpointer, StoreError> {
        let connection = Connection::open(path)?;
        // FULL: the log is synced before it is copied and the file after (NORMAL does the same
        // for checkpoints; FULL says so).
        connection.execute_batch("PRAGMA busy_timeout = 5000; PRAGMA synchronous = FULL;")?;
        let running = Arc::new(Mutex::new(()));
        let (stop, stopped) = mpsc::channel::<()>();
        let held = Arc::clone(&running);
        let thread = std::thread::Builder::new()
            .name("sqlite-checkpoint".into())
            .spawn(move || {
                let mut seen = None;
                // A message or the sender dropped: stop.
                while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(EVERY) {
                    // Errors are left for the next round (and the automatic fallback).
                    let _ = checkpoint_if_changed(&connection, &held, &mut seen);
                }
            })
            .map_err(StoreError::Io)?;
        Ok(Checkpointer { stop: Some(stop), thread: Some(thread), running })
    }
}

/// One round: a passive checkpoint if another connection committed since the last round, and
/// the log truncated if it has grown past [`MOST_FRAMES`].
fn checkpoint_if_changed(connection: &Connection, running: &Mutex<()>, seen: &mut Option<i64>) -> Result<(), StoreError> {
    // Changes whenever another connection commits (and only then).
    let version: i64 = connection.query_row("PRAGMA data_version", [], |row| row.get(0))?;
    if *seen == Some(version) {
        return Ok(());
    }
    *seen = Some(version);
    let _running = running.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let frames: i64 = connection.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |row| row.get(1))?;
    if frames > MOST_FRAMES {
        connection.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |row| row.get::<_, i64>(0))?;
    }
    Ok(())
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
