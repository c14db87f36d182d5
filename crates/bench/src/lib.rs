//! Strongroom's benchmarks, load generators and synthetic shop data, kept out of the libraries a
//! shop runs (`app`, `server`). The `bench` and `demo` commands and `cargo xtask load` use them.
//!
//! - `synthetic`: believable customers from a seed, and CSV files of them.
//! - `audit`: the audit trail's figures on a vault made for the purpose.
//! - `baseline`: the plaintext baselines (an import and the reads) that protection is measured
//!   against, on a throwaway store.
//! - `pages`: the real server on loopback, driven over TLS: sign-ins, a page under a sign-in
//!   flood, the search page.
//! - `load`: `wrk` against the API, protected and plaintext, and the server's memory.
//!
//! What they need of `app` beyond its public use-cases is in `strongroom_app::measure`, which
//! reaches no shop's vault.

pub mod audit;
pub mod baseline;
pub mod load;
pub mod pages;
pub mod synthetic;

use std::time::Duration;

use strongroom_app::AppError;
use strongroom_store::StoreError;

/// Why a benchmark could not finish.
#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    #[error(transparent)]
    App(#[from] AppError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Domain(#[from] strongroom_domain::DomainError),
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// The benchmark's own data or run went wrong (a reader panicked, its own log does not
    /// verify): the figures would mean nothing.
    #[error("{0}")]
    Failed(String),
}

/// The `fraction` percentile of sorted timings, in seconds (0 for none): the one definition
/// every benchmark in the workspace reports with.
pub fn percentile(sorted: &[Duration], fraction: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() as f64 - 1.0) * fraction).round() as usize].as_secs_f64()
}
