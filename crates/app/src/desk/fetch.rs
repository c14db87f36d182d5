//! Fetching a public file the owner names by its address: a newer end-of-life table, CISA's
//! catalogue, and the shop's news feeds as they come. HTTPS only, checked against this machine's
//! root certificates with rustls (our aws-lc-rs provider), never downgraded by a redirect; plain
//! HTTP only from this machine itself (a local mirror, the tests' server). Bounded in size and
//! time, so an address that never answers or answers forever does not hold a thread.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

/// How long one fetch may take, from connecting to the last byte.
const TIMEOUT: Duration = Duration::from_secs(30);

/// Whether `url` is one Strongroom fetches: `https://…`, or `http://` to this machine.
pub fn allowed(url: &str) -> Result<(), String> {
    let url = url.trim();
    if url.starts_with("https://") {
        return Ok(());
    }
    let Some(rest) = url.strip_prefix("http://") else {
        return Err(format!("{url:?} is not a web address (https://…)"));
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if port.chars().all(|c| c.is_ascii_digit()) => host,
        _ => authority,
    };
    let loopback = host == "localhost" || host.trim_matches(['[', ']']).parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback());
    if loopback { Ok(()) } else { Err(format!("{url:?} is not encrypted: use its https:// address")) }
}

fn roots() -> Arc<Vec<ureq::tls::Certificate<'static>>> {
    static ROOTS: OnceLock<Arc<Vec<ureq::tls::Certificate<'static>>>> = OnceLock::new();
    Arc::clone(ROOTS.get_or_init(|| {
        let found = rustls_native_certs::load_native_certs();
        Arc::new(found.certs.iter().map(|der| ureq::tls::Certificate::from_der(der.as_ref()).to_owned()).collect())
    }))
}

/// The body at `url`, at most `max_bytes`; what went wrong, in words, otherwise.
pub fn fetch(url: &str, max_bytes: usize) -> Result<Vec<u8>, String> {
    let url = url.trim();
    allowed(url)?;
    let tls = ureq::tls::TlsConfig::builder()
        .root_certs(ureq::tls::RootCerts::Specific(roots()))
        .unversioned_rustls_crypto_provider(Arc::new(rustls::crypto::aws_lc_rs::default_provider()))
        .build();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .tls_config(tls)
        .https_only(url.starts_with("https://"))
        .timeout_global(Some(TIMEOUT))
        // Plain HTTP is for this machine only: it may not send the fetch on elsewhere.
        .max_redirects(if url.starts_with("https://") { 5 } else { 0 })
        .http_status_as_error(false)
        .user_agent("Strongroom")
        .build()
        .into();
    let mut response = agent.get(url).call().map_err(|error| format!("{url} could not be fetched: {error}"))?;
    let status = response.status();
    if !status.is_success() {
        return Err(format!("{url} answered {status}"));
    }
    response
        .body_mut()
        .with_config()
        .limit(max_bytes as u64)
        .read_to_vec()
        .map_err(|error| format!("{url} could not be read whole (at most {} MB): {error}", max_bytes / (1024 * 1024)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_encrypted_addresses_or_this_machine() {
        assert!(allowed("https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json").is_ok());
        assert!(allowed("http://127.0.0.1:8080/kev.json").is_ok());
        assert!(allowed("http://localhost/feed.xml").is_ok());
        assert!(allowed("http://[::1]:81/x").is_ok());
        assert!(allowed("http://example.com/kev.json").unwrap_err().contains("not encrypted"));
        assert!(allowed("http://127.0.0.1.example.com/x").is_err());
        assert!(allowed("ftp://example.com/x").is_err());
        assert!(allowed("/etc/passwd").is_err());
    }

    #[test]
    fn a_local_server_is_fetched_within_the_limit() {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        let server = std::thread::spawn(move || {
            for body in ["hello", "a body longer than the limit"] {
                let (mut stream, _) = listener.accept().unwrap();
                let mut request = [0u8; 1024];
                let _ = stream.read(&mut request).unwrap();
                write!(stream, "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len()).unwrap();
            }
        });
        assert_eq!(fetch(&format!("http://{address}/feed"), 16).unwrap(), b"hello");
        assert!(fetch(&format!("http://{address}/feed"), 16).unwrap_err().contains("could not be read whole"));
        server.join().unwrap();
    }
}
