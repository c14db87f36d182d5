//! Strongroom's HTTPS server. So far: the TLS identity the shop's browsers will see and the rustls
//! configuration every connection gets. The axum router, sign-in and pages build on this (the
//! identity and web app issues); this crate will be the only one that knows HTTP and HTML, and it
//! reaches personal data only through `app`.

mod tls;

pub use tls::{TlsError, TlsIdentity, server_config};
