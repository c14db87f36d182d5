//! Strongroom's HTTPS server: the only crate that knows HTTP and HTML. It reaches personal data
//! and accounts only through `app` (the one gate); handlers parse, call a use-case on the
//! blocking pool and render.
//!
//! - `listener`: TCP accept loop, TLS (rustls) per connection, plain HTTP answered with a
//!   redirect to HTTPS on the same port, graceful shutdown.
//! - `guard`: what wraps every request: IP allow-list, per-IP rate limits, body size limit,
//!   security headers, request logs without personal data.
//! - `web`: sessions, CSRF, and the sign-in, account, staff-administration and settings pages.
//!
//! Its benchmarks and load generators live in `strongroom-bench`.

pub mod api;
mod crowd;
mod guard;
mod limits;
mod listener;
mod router;
mod state;
mod tls;
mod web;

use std::net::SocketAddr;

pub use crowd::Crowd;
pub use listener::{HttpsRedirect, Listening, serve};
pub use state::ServerState;

/// Deletes the import uploads earlier server processes left in the temporary directory (sealed
/// with keys gone with them, or plaintext from older versions); how many. `serve` calls it at start.
pub fn remove_stale_uploads() -> usize {
    web::remove_stale_uploads(&std::env::temp_dir())
}
pub use tls::{KeySealer, TlsError, TlsIdentity, server_config};

/// How the server runs, from the command line and settings.
#[derive(Debug, Clone)]
pub struct ServerOptions {
    pub listen: SocketAddr,
    /// Networks allowed to connect (for example the shop LAN); empty allows every address.
    pub allow: Vec<ipnet::IpNet>,
    /// Plain HTTP for a TLS-terminating reverse proxy in front (`--insecure-http`).
    pub insecure_http: bool,
    /// The largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Per-IP rate limits. Always on in `serve`; the benchmark turns them off to measure a
    /// flood from many addresses, which they would not stop.
    pub per_ip_limits: bool,
    /// Where the data directory, the key file and the TLS certificate are, for the doctor's
    /// page (the backup folders it reads from the vault).
    pub host: strongroom_app::desk::HostPaths,
}

impl Default for ServerOptions {
    fn default() -> Self {
        ServerOptions {
            listen: SocketAddr::from(([0, 0, 0, 0], 8443)),
            allow: Vec::new(),
            insecure_http: false,
            max_body_bytes: 64 * 1024,
            per_ip_limits: true,
            host: strongroom_app::desk::HostPaths::default(),
        }
    }
}

pub use router::router;

/// Wraps routes in the guards every page and API answer passes (limits, headers, the request
/// log): for the load benchmark's plaintext baseline, served exactly as the real routes are.
pub use guard::wrap as with_guards;

/// The name of the session cookie, for clients that sign in (the benchmarks).
pub use web::SESSION_COOKIE;

/// The shop's time zone for the pages ("today", the times they show); see `web::parts`.
pub use web::{
    CHECKPOINT_BEGIN, CHECKPOINT_END, audit_report_document, customer_export_document, recovery_kit_document, ropa_document, set_shop_zone,
    shop_local_input, shop_moment, shop_today, shop_today_start, shop_trail_windows,
};
