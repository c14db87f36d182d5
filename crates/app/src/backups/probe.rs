//! Looking into backup folders without hanging on them. A NAS share that stopped answering
//! blocks every call into it, for minutes or until it comes back; a page that asked about it
//! would hang with it. The pages ask in a thread of their own and wait a moment at most; while
//! such a thread is still stuck, the folder is reported as not answering at once, so a dead
//! share never holds more than one thread.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Folders whose look took too long, each with whether that look has ended since.
static STUCK: Mutex<Vec<(PathBuf, Arc<AtomicBool>)>> = Mutex::new(Vec::new());

/// `work` (which looks into `dir`) done in a thread of its own; `None` when it takes longer than
/// `limit`, or an earlier look into `dir` is still stuck.
pub(crate) fn within<T: Send + 'static>(dir: &Path, limit: Duration, work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    {
        let mut stuck = STUCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        stuck.retain(|(_, ended)| !ended.load(Ordering::SeqCst));
        if stuck.iter().any(|(folder, _)| folder == dir) {
            return None;
        }
    }
    let ended = Arc::new(AtomicBool::new(false));
    let (sender, receiver) = mpsc::sync_channel(1);
    let flag = Arc::clone(&ended);
    std::thread::Builder::new()
        .name("backup folder".into())
        .spawn(move || {
            // The receiver may have stopped waiting: then the value is dropped.
            let _ = sender.send(work());
            flag.store(true, Ordering::SeqCst);
        })
        .ok()?;
    match receiver.recv_timeout(limit) {
        Ok(value) => Some(value),
        Err(_) => {
            STUCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push((dir.to_owned(), ended));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_that_does_not_answer_is_waited_for_once_then_skipped_until_it_answers() {
        let dir = PathBuf::from("/nas/probe-test");
        let (release, hung) = mpsc::channel::<()>();
        let started = std::time::Instant::now();
        let first = within(&dir, Duration::from_millis(100), move || hung.recv().is_ok());
        assert_eq!(first, None, "the page does not wait for a share that hangs");
        assert!(started.elapsed() < Duration::from_secs(2));
        let again = std::time::Instant::now();
        assert_eq!(within(&dir, Duration::from_secs(5), || true), None, "no second thread on the same dead share");
        assert!(again.elapsed() < Duration::from_millis(50), "and no second wait");
        assert_eq!(within(Path::new("/media/usb-probe-test"), Duration::from_secs(5), || 7), Some(7), "other folders answer");
        release.send(()).unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while within(&dir, Duration::from_secs(5), || true).is_none() {
            assert!(std::time::Instant::now() < deadline, "the share answers again once its look ended");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}
