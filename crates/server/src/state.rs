//! What every request shares, pages and API alike: the vault, the limit on concurrent password
//! hashing, the rate limiter, the key behind CSRF tokens, the crowd at the door, the web
//! imports under way, and where a request came from. The pages (`web`) and the API (`api`)
//! both build on this and never on each other.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use aws_lc_rs::hmac;
use strongroom_app::{ClientInfo, ImportReport, Vault};
use tokio::sync::Semaphore;
use uuid::Uuid;

use crate::ServerOptions;
use crate::limits::RateLimiter;

/// Requests allowed to wait for a password-hashing slot. Waiting costs a parked task and its
/// connection, no thread and no hashing memory; beyond this many a sign-in is answered "busy"
/// (after a pause, so a flooding client cannot turn quick refusals into a busy loop).
const MAX_HASHING_WAITERS: usize = 256;
/// How long a "busy" answer is held back.
const BUSY_PAUSE: std::time::Duration = std::time::Duration::from_secs(1);

#[derive(Debug)]
pub struct ServerState {
    pub vault: Arc<Vault>,
    pub options: ServerOptions,
    pub limiter: RateLimiter,
    hashing: Arc<Semaphore>,
    hashing_waiters: AtomicUsize,
    csrf_key: hmac::Key,
    /// CSV imports started from the web page: their progress and, once done, their report.
    pub imports: ImportJobs,
    /// Who signed in lately (their addresses keep connection slots) and the refusals to log.
    pub crowd: Arc<crate::Crowd>,
    /// The backup or restore drill started from the backup page, running or last finished.
    pub backup_job: Mutex<Option<BackupJob>>,
}

/// What the backup page's buttons start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackupJobKind {
    Backup,
    Drill,
}

/// A backup or restore drill started from the backup page: one at a time per server, run on
/// the blocking pool while the page follows it.
#[derive(Debug, Clone)]
pub struct BackupJob {
    pub kind: BackupJobKind,
    pub started_by: String,
    pub started_at: time::OffsetDateTime,
    /// When it ended and what went wrong (the app's words, one per folder; empty: all went well).
    pub finished: Option<(time::OffsetDateTime, Vec<String>)>,
}

/// Takes one off the count of waiting sign-ins when dropped.
struct Waiting<'a>(&'a AtomicUsize);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The server is at its limit of concurrent sign-ins; try again in a moment.
#[derive(Debug, Clone, Copy)]
pub struct Busy;

impl ServerState {
    /// The doctor's paths: the server's own, with the backup folders in force.
    pub fn host_paths(&self) -> strongroom_app::desk::HostPaths {
        let mut paths = self.options.host.clone();
        paths.backup_dirs = self.vault.backup_settings_in_force().map(|settings| settings.folders).unwrap_or_default();
        paths.clamd = self.vault.antivirus().clamd.clone();
        paths
    }

    pub fn new(vault: Arc<Vault>, options: ServerOptions) -> ServerState {
        // One core stays free of Argon2id, so pages keep loading while sign-ins flood in.
        let slots = std::thread::available_parallelism().map_or(1, |cores| usize::from(cores).saturating_sub(1).max(1));
        let mut key = [0u8; 32];
        // Without randomness nothing is safe; the identity crate panics the same way.
        aws_lc_rs::rand::fill(&mut key).unwrap_or_else(|_| panic!("the operating system gave no randomness"));
        ServerState {
            vault,
            options,
            limiter: RateLimiter::default(),
            hashing: Arc::new(Semaphore::new(slots)),
            hashing_waiters: AtomicUsize::new(0),
            csrf_key: hmac::Key::new(hmac::HMAC_SHA256, &key),
            imports: ImportJobs::default(),
            crowd: Arc::default(),
            backup_job: Mutex::default(),
        }
    }

    /// How the listener should admit connections for this server: its limits per address, its
    /// allow-list and its crowd; `tls: None` for plain HTTP behind a proxy.
    pub fn listening(&self, tls: Option<Arc<rustls::ServerConfig>>) -> crate::Listening {
        crate::Listening {
            per_ip_limits: self.options.per_ip_limits,
            allow: self.options.allow.clone(),
            ..crate::Listening::new(tls, Arc::clone(&self.crowd))
        }
    }

    /// Runs a use-case on the blocking pool (the vault's calls block on the database).
    pub async fn run<T: Send + 'static>(self: &Arc<Self>, work: impl FnOnce(&Vault) -> T + Send + 'static) -> T {
        let state = Arc::clone(self);
        match tokio::task::spawn_blocking(move || work(&state.vault)).await {
            Ok(value) => value,
            Err(error) => std::panic::resume_unwind(error.into_panic()),
        }
    }

    /// Runs a use-case that hashes a password (Argon2id, 19 MiB each) once one of the hashing
    /// slots (one per core but one) is free; beyond 256 waiting, refused as [`Busy`].
    pub async fn run_hashing<T: Send + 'static>(self: &Arc<Self>, work: impl FnOnce(&Vault) -> T + Send + 'static) -> Result<T, Busy> {
        if self.hashing_waiters.fetch_add(1, Ordering::SeqCst) >= MAX_HASHING_WAITERS {
            self.hashing_waiters.fetch_sub(1, Ordering::SeqCst);
            tokio::time::sleep(BUSY_PAUSE).await;
            return Err(Busy);
        }
        // Counted while waiting, however the wait ends (a client that goes away drops this
        // future mid-wait).
        let waiting = Waiting(&self.hashing_waiters);
        let permit = Arc::clone(&self.hashing).acquire_owned().await.map_err(|_| Busy)?;
        drop(waiting);
        // The slot travels with the hashing itself: a dropped request does not free it while
        // its Argon2id still runs on the blocking pool.
        let state = Arc::clone(self);
        match tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work(&state.vault)
        })
        .await
        {
            Ok(value) => Ok(value),
            Err(error) => std::panic::resume_unwind(error.into_panic()),
        }
    }

    /// The CSRF token of a context (a session's id hash, or a pre-session cookie's value).
    pub fn csrf_token(&self, context: &[u8]) -> String {
        let tag = hmac::sign(&self.csrf_key, context);
        tag.as_ref()[..16].iter().map(|byte| format!("{byte:02x}")).collect()
    }

    pub fn csrf_valid(&self, context: &[u8], token: &str) -> bool {
        let expected = self.csrf_token(context);
        aws_lc_rs::constant_time::verify_slices_are_equal(expected.as_bytes(), token.as_bytes()).is_ok()
    }
}

// CSV imports started from the web page, shared by the page that starts one and the one that
// follows it.

/// Where one import is.
#[derive(Debug, Clone)]
pub(crate) enum JobState {
    Validating { rows_seen: u64 },
    Importing { rows_done: u64, rows_total: u64 },
    Done(ImportReport),
    Refused(ImportReport),
    Failed(String),
}

pub(crate) struct Job {
    /// Only the person who started it sees it.
    pub(crate) started_by: String,
    pub(crate) state: JobState,
    /// A refused upload with valid rows in it, kept (sealed) so "import the valid rows" can
    /// follow without sending it again; dropped (and its file deleted) with the job.
    pub(crate) kept: Option<Arc<dyn strongroom_app::ImportSource>>,
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Job").field("started_by", &self.started_by).field("state", &self.state).field("kept", &self.kept.is_some()).finish()
    }
}

/// The imports of this server process.
#[derive(Debug, Default)]
pub struct ImportJobs(pub(crate) Mutex<HashMap<Uuid, Job>>);

impl ImportJobs {
    /// Takes the upload kept for `id`, if `username` started it and it is still there.
    pub(crate) fn take_kept(&self, id: Uuid, username: &str) -> Option<Arc<dyn strongroom_app::ImportSource>> {
        let mut jobs = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let job = jobs.get_mut(&id).filter(|job| job.started_by == username)?;
        job.kept.take()
    }

    pub(crate) fn keep(&self, id: Uuid, upload: Arc<dyn strongroom_app::ImportSource>) {
        if let Some(job) = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).get_mut(&id) {
            job.kept = Some(upload);
        }
    }

    pub(crate) fn set(&self, id: Uuid, state: JobState) {
        if let Some(job) = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).get_mut(&id) {
            job.state = state;
        }
    }
}

/// The first language a request's `Accept-Language` names that Strongroom has; English otherwise.
/// (Pages and API alike: neither may import the other.)
pub fn accepted_language(headers: &axum::http::HeaderMap) -> strongroom_domain::Language {
    let accepted = headers.get(axum::http::header::ACCEPT_LANGUAGE).and_then(|value| value.to_str().ok()).unwrap_or("");
    accepted
        .split(',')
        .filter(|part| !part.split(';').skip(1).any(|parameter| parameter.trim() == "q=0"))
        .filter_map(|part| part.split(';').next())
        .find_map(|tag| strongroom_domain::Language::parse(tag.trim().split('-').next().unwrap_or("")).ok())
        .unwrap_or_default()
}

/// Where a request came from, for the audit trail.
pub fn client(peer: Option<SocketAddr>) -> ClientInfo {
    ClientInfo { addr: peer.map(|peer| peer.ip().to_string()) }
}
