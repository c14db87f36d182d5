//! The write-ahead log's checkpoints while grouped jobs keep the store busy: copied into the
//! database file a little at a time on a thread and a connection of their own, so the commit
//! that passes SQLite's automatic limit finds almost nothing left to copy.
//!
//! SQLite checkpoints automatically inside the commit that takes the log past
//! `wal_autocheckpoint` pages (10,000 here): it copies every page written since the last one into
//! the file and fsyncs the file, while the writer thread, and every read queued behind it, waits.
//! Under the API load at 64 connections those stalls were most of its p99: 15.6–16.0 ms with
//! them, 8.6–9.0 ms with no checkpoint at all, 7.0–8.0 ms with this thread (`bench
//! --api-seconds 10`, alternating runs, 2026-12-07; every 32 fsyncs instead of 4: 10.1–10.7 ms).
//! This thread asks for a passive checkpoint after every [`EVERY_SYNCS`] fsyncs of the group's
//! syncer. A passive checkpoint never waits for the writer and the writer never waits for it;
//! it copies the pages committed so far. It does not restart the log: SQLite restarts it from its
//! beginning only at a write that finds all of it copied, which under steady writing a
//! checkpoint beside the writer never sees. The automatic checkpoint stays on for that: it runs
//! between two of the writer's transactions and copies only what came after this thread's last
//! one, and the next transaction starts the log again. The log file is never truncated, so its
//! fsyncs never wait for the file system to record a new size.
//!
//! A checkpoint that fails is left for the next one, and for the automatic one behind it.

use std::path::Path;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;

use rusqlite::{Connection, OpenFlags};

/// The syncer's fsyncs (each making one or more batches durable) between two of this thread's
/// checkpoints.
const EVERY_SYNCS: u32 = 4;

/// The checkpoint thread, stopped (after a checkpoint in progress) when dropped.
pub(super) struct Checkpoints {
    state: Arc<(Mutex<State>, Condvar)>,
    thread: Option<JoinHandle<()>>,
}

#[derive(Default)]
struct State {
    /// The syncer's fsyncs since the last checkpoint began.
    synced: u32,
    closing: bool,
}

fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Checkpoints {
    /// Opens a connection of its own to the database at `path` and starts the thread, or says
    /// why it could not (the automatic checkpoints then do all of it, as without this thread).
    /// `running` is held during each checkpoint, as the store's full checkpoint holds it, so
    /// that neither finds the other's checkpoint in the way.
    pub(super) fn start(path: &Path, running: Arc<Mutex<()>>) -> Result<Checkpoints, crate::StoreError> {
        let connection = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        // FULL: the log is synced before it is copied and the file after it.
        connection.execute_batch("PRAGMA synchronous = FULL;")?;
        let state: Arc<(Mutex<State>, Condvar)> = Arc::default();
        let shared = Arc::clone(&state);
        let thread = std::thread::Builder::new().name("sqlite-checkpoint".into()).spawn(move || {
            let (state, more) = &*shared;
            loop {
                {
                    let mut waiting = lock(state);
                    while !waiting.closing && waiting.synced < EVERY_SYNCS {
                        waiting = more.wait(waiting).unwrap_or_else(|poisoned| poisoned.into_inner());
                    }
                    if waiting.closing {
                        return;
                    }
                    waiting.synced = 0;
                }
                let _running = running.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                // Errors (a busy lock, a full disk) are left for the next round and for the
                // automatic checkpoint.
                let _ = connection.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |row| row.get::<_, i64>(0));
            }
        })?;
        Ok(Checkpoints { state, thread: Some(thread) })
    }

    /// Called by the syncer after each of its fsyncs.
    pub(super) fn synced(&self) {
        let (state, more) = &*self.state;
        let wake = {
            let mut counted = lock(state);
            counted.synced = counted.synced.saturating_add(1);
            counted.synced == EVERY_SYNCS
        };
        if wake {
            more.notify_one();
        }
    }
}

impl Drop for Checkpoints {
    fn drop(&mut self) {
        lock(&self.state.0).closing = true;
        self.state.1.notify_one();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
