//! Looking into backup folders without hanging on them. A NAS share that stopped answering
//! blocks every call into it, for minutes or until it comes back; a page that asked about it
//! would hang with it. The pages ask in a thread of their own and wait a moment at most; once a
//! look has been under way for longer than that, the folder is reported as not answering at
//! once, so a dead share holds only the threads begun in its first moment.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Looks under way: the folder, when the look was to have answered by, and whether it has ended.
type Look = (PathBuf, Instant, Arc<AtomicBool>);
static LOOKS: Mutex<Vec<Look>> = Mutex::new(Vec::new());

/// Marks a look ended however its thread ends (a panic in it included).
struct Ended(Arc<AtomicBool>);

impl Drop for Ended {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

/// `work` (which looks into `dir`) done in a thread of its own; `None` when it takes longer than
/// `limit`, or an earlier look into `dir` is past its own time and still under way (stuck).
pub(crate) fn within<T: Send + 'static>(dir: &Path, limit: Duration, work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    let ended = Arc::new(AtomicBool::new(false));
    {
        let mut looks = LOOKS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        looks.retain(|(_, _, ended)| !ended.load(Ordering::SeqCst));
        if looks.iter().any(|(folder, deadline, _)| folder == dir && Instant::now() > *deadline) {
            return None;
        }
        // Registered before the thread starts, so looks begun meanwhile see it.
        looks.push((dir.to_owned(), Instant::now() + limit, Arc::clone(&ended)));
    }
    let (sender, receiver) = mpsc::sync_channel(1);
    let guard = Ended(Arc::clone(&ended));
    let spawned = std::thread::Builder::new().name("backup folder".into()).spawn(move || {
        let _ended = guard;
        // The receiver may have stopped waiting: then the value is dropped.
        let _ = sender.send(work());
    });
    if spawned.is_err() {
        ended.store(true, Ordering::SeqCst);
        return None;
    }
    receiver.recv_timeout(limit).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_look_that_panics_does_not_leave_its_folder_marked_as_hanging() {
        let dir = PathBuf::from("/nas/probe-panic-test");
        assert_eq!(within(&dir, Duration::from_millis(500), || -> bool { panic!("a broken driver") }), None);
        std::thread::sleep(Duration::from_millis(600));
        assert_eq!(within(&dir, Duration::from_secs(5), || true), Some(true));
    }

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
