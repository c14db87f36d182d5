//! Visiting the shop's own website the way a browser does, to read what the doctor judges: whether
//! its certificate is trusted, for this name and for how long; whether it still accepts TLS 1.0
//! or 1.1 (`website_legacy.rs`); whether it sends HSTS; and what plain `http://` does. Nothing
//! secret is ever sent (a `GET /` with a Host header): the certificate is judged by rustls with
//! this machine's roots, but the visit goes on when it fails so the other answers can still be
//! read. The name is looked up once; the four visits run side by side, all within one deadline
//! that every read and write is held to, so a site that answers a byte at a time cannot hold
//! `serve`'s housekeeping.

use std::io::{ErrorKind, Read, Write};
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::{ClientConfig, WebPkiServerVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, RootCertStore, SignatureScheme};

pub use super::website_address::{Website, parse_website};
use super::website_legacy::{LegacyAnswer, legacy_hello, read_answer, version_name};
use super::website_net::{Deadline, connect, cut, hsts_max_age, parse_head, read_head, request, resolve, words};

/// The whole visit's time.
const VISIT: Duration = Duration::from_secs(10);
/// How many plain-HTTP redirects that stay on `http://` are followed.
const HOPS: usize = 3;

/// Why a certificate is not trusted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CertificateProblem {
    Untrusted,
    OtherName,
    Expired,
    NotYetValid,
    Revoked,
    Other(String),
}

/// What HSTS the site sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Hsts {
    /// No answer was read to look in.
    NotRead,
    Missing,
    /// A header without a max-age that reads.
    Unreadable(String),
    /// Its max-age, in seconds.
    MaxAge(u64),
}

/// What plain HTTP did with a visit to `/`, after following redirects that stay on `http://`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlainHttp {
    /// Sent on to this address (not `http://`).
    Redirect(String),
    /// Nothing listens.
    NotServed,
    /// Pages served: this 2xx status.
    Served(u16),
    /// Neither a page nor a way on: this status (a 4xx or 5xx), or redirects that never leave
    /// `http://` (the last 3xx).
    Answered(u16),
    /// What went wrong, in words.
    Unknown(String),
}

/// What the visits found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebsiteFacts {
    /// `https://host[:port]`, as shown.
    pub address: String,
    /// Why no TLS connection could be made, if none could.
    pub unreachable: Option<String>,
    /// This machine has no root certificates to judge a certificate by.
    pub no_roots: bool,
    pub certificate_problem: Option<CertificateProblem>,
    /// Days until the server's certificate expires (negative: expired); `None` when unread.
    pub certificate_days_left: Option<i64>,
    /// The TLS version the visit used ("TLS 1.3").
    pub version: Option<&'static str>,
    /// The versions below 1.2 the server accepted ("TLS 1.0"); `None` when that could not be told.
    pub legacy_versions: Option<Vec<&'static str>>,
    pub hsts: Hsts,
    pub plain_http: PlainHttp,
}

/// Judges the certificate with the real verifier, keeps its verdict, and lets the visit go on.
#[derive(Debug)]
struct Recording {
    /// The verifier over this machine's roots; none when it has none (nothing is trusted).
    inner: Option<Arc<WebPkiServerVerifier>>,
    signatures: rustls::crypto::WebPkiSupportedAlgorithms,
    verdict: Mutex<Option<CertificateProblem>>,
}

impl ServerCertVerifier for Recording {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let verdict = match &self.inner {
            Some(inner) => inner.verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now).map(|_| ()),
            None => Err(rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer)),
        };
        if let Err(error) = verdict {
            let problem = match error {
                rustls::Error::InvalidCertificate(problem) => match problem {
                    CertificateError::UnknownIssuer | CertificateError::BadSignature => CertificateProblem::Untrusted,
                    CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => CertificateProblem::OtherName,
                    CertificateError::Expired | CertificateError::ExpiredContext { .. } => CertificateProblem::Expired,
                    CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => CertificateProblem::NotYetValid,
                    CertificateError::Revoked => CertificateProblem::Revoked,
                    other => CertificateProblem::Other(format!("{other:?}")),
                },
                other => CertificateProblem::Other(other.to_string()),
            };
            *self.verdict.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(problem);
        }
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.signatures)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.signatures)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.signatures.supported_schemes()
    }
}

/// This machine's root certificates, as rustls holds them.
pub fn native_roots() -> RootCertStore {
    let mut roots = RootCertStore::empty();
    roots.add_parsable_certificates(rustls_native_certs::load_native_certs().certs);
    roots
}

struct Visit {
    unreachable: Option<String>,
    problem: Option<CertificateProblem>,
    days_left: Option<i64>,
    version: Option<&'static str>,
    hsts: Hsts,
}

fn visit_https(site: &Website, addresses: &[IpAddr], roots: Arc<RootCertStore>, deadline: Deadline) -> Visit {
    let mut visit = Visit { unreachable: None, problem: None, days_left: None, version: None, hsts: Hsts::NotRead };
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let result = (|| -> Result<(), String> {
        let inner = WebPkiServerVerifier::builder_with_provider(roots, Arc::clone(&provider)).build().ok();
        let signatures = provider.signature_verification_algorithms;
        let verifier = Arc::new(Recording { inner, signatures, verdict: Mutex::new(None) });
        let config = ClientConfig::builder_with_provider(provider)
            .with_protocol_versions(&[&rustls::version::TLS13, &rustls::version::TLS12])
            .map_err(|error| error.to_string())?
            .dangerous()
            .with_custom_certificate_verifier(Arc::clone(&verifier) as Arc<dyn ServerCertVerifier>)
            .with_no_client_auth();
        let name = ServerName::try_from(site.host.clone()).map_err(|_| format!("{:?} is not a host name", site.host))?;
        let connection = rustls::ClientConnection::new(Arc::new(config), name).map_err(|error| error.to_string())?;
        let socket = connect(addresses, site.https_port, deadline).map_err(|error| words(&error))?;
        let mut tls = rustls::StreamOwned::new(connection, socket);
        while tls.conn.is_handshaking() {
            tls.conn.complete_io(&mut tls.sock).map_err(|error| words(&error))?;
        }
        visit.problem = verifier.verdict.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).take();
        visit.version = tls.conn.protocol_version().map(|version| match version {
            rustls::ProtocolVersion::TLSv1_3 => "TLS 1.3",
            _ => "TLS 1.2",
        });
        visit.days_left = tls.conn.peer_certificates().and_then(|chain| chain.first()).and_then(|leaf| {
            let (_, cert) = x509_parser::parse_x509_certificate(leaf.as_ref()).ok()?;
            let not_after = cert.validity().not_after.timestamp();
            Some((not_after - time::OffsetDateTime::now_utc().unix_timestamp()).div_euclid(86_400))
        });
        // The certificate is read; what follows only tells whether HSTS is sent.
        if tls.write_all(request(&site.authority(site.https_port, 443), "/").as_bytes()).is_ok()
            && let Some((_, headers)) = read_head(&mut tls).ok().and_then(|head| parse_head(&head))
        {
            visit.hsts = match headers.iter().find(|(name, _)| name == "strict-transport-security") {
                None => Hsts::Missing,
                Some((_, value)) => hsts_max_age(value).map_or_else(|| Hsts::Unreadable(cut(value, 80)), Hsts::MaxAge),
            };
        }
        Ok(())
    })();
    visit.unreachable = result.err();
    visit
}

/// Whether the site goes on with a hello offering only `version`; `None` when it cannot be told.
fn visit_legacy(site: &Website, addresses: &[IpAddr], version: u16, deadline: Deadline) -> Option<LegacyAnswer> {
    let mut socket = connect(addresses, site.https_port, deadline).ok()?;
    socket.write_all(&legacy_hello(&site.host, version)).ok()?;
    let mut answer = Vec::new();
    let mut buffer = [0u8; 1024];
    while answer.len() < 16 * 1024 {
        match socket.read(&mut buffer) {
            Ok(0) => return Some(read_answer(&answer, version).unwrap_or(LegacyAnswer::Refused)),
            Ok(read) => answer.extend_from_slice(&buffer[..read]),
            // Broken off at the hello: a no.
            Err(error) if matches!(error.kind(), ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted) => {
                return Some(read_answer(&answer, version).unwrap_or(LegacyAnswer::Refused));
            }
            Err(_) => return read_answer(&answer, version),
        }
        if let Some(said) = read_answer(&answer, version) {
            return Some(said);
        }
    }
    None
}

/// Where a redirect from `from` to `location` leads, when it stays on plain HTTP.
fn next_hop(from: &Website, location: &str) -> Option<(Website, String)> {
    if let Some(path) = location.strip_prefix('/').filter(|path| !path.starts_with('/')) {
        return Some((from.clone(), format!("/{path}")));
    }
    let rest = location.get(..7).filter(|scheme| scheme.eq_ignore_ascii_case("http://")).map(|_| &location[7..])?;
    let (authority, path) = rest.find(['/', '?', '#']).map_or((rest, "/"), |at| (&rest[..at], &rest[at..]));
    let mut next = parse_website(authority).ok()?;
    next.http_port =
        if authority.contains("]:") || (!authority.starts_with('[') && authority.contains(':')) { next.https_port } else { 80 };
    Some((next, if path.starts_with('/') { path.to_owned() } else { format!("/{path}") }))
}

fn visit_plain(site: &Website, addresses: &[IpAddr], deadline: Deadline) -> PlainHttp {
    let (mut site, mut addresses, mut path) = (site.clone(), addresses.to_vec(), "/".to_owned());
    for hop in 0..=HOPS {
        let mut socket = match connect(&addresses, site.http_port, deadline) {
            Ok(socket) => socket,
            Err(error) if hop == 0 && error.kind() == ErrorKind::ConnectionRefused => return PlainHttp::NotServed,
            Err(error) => return PlainHttp::Unknown(words(&error)),
        };
        if let Err(error) = socket.write_all(request(&site.authority(site.http_port, 80), &path).as_bytes()) {
            return PlainHttp::Unknown(words(&error));
        }
        let (status, headers) = match read_head(&mut socket).map(|head| parse_head(&head)) {
            Ok(Some(answer)) => answer,
            Ok(None) => return PlainHttp::Unknown("the answer was not HTTP".into()),
            Err(error) => return PlainHttp::Unknown(words(&error)),
        };
        let location = headers.into_iter().find(|(name, _)| name == "location").map(|(_, to)| to);
        match (status, location) {
            (200..=299, _) => return PlainHttp::Served(status),
            (300..=399, Some(to)) => match next_hop(&site, &to) {
                Some((next, next_path)) if hop < HOPS => {
                    if next.host != site.host {
                        match resolve(&next.host, deadline) {
                            Ok(found) => addresses = found,
                            Err(why) => return PlainHttp::Unknown(why),
                        }
                    }
                    (site, path) = (next, next_path);
                }
                Some(_) => return PlainHttp::Answered(status),
                None => return PlainHttp::Redirect(cut(&to, 120)),
            },
            _ => return PlainHttp::Answered(status),
        }
    }
    PlainHttp::Unknown("too many redirects".into())
}

/// Visits `site`, trusting `roots`.
pub fn probe_with(site: &Website, roots: RootCertStore) -> WebsiteFacts {
    let deadline = Deadline(Instant::now() + VISIT);
    let no_roots = roots.is_empty();
    let address = format!("https://{}", site.shown());
    let addresses = match resolve(&site.host, deadline) {
        Ok(addresses) => addresses,
        Err(why) => {
            return WebsiteFacts {
                address,
                unreachable: Some(why.clone()),
                no_roots,
                certificate_problem: None,
                certificate_days_left: None,
                version: None,
                legacy_versions: None,
                hsts: Hsts::NotRead,
                plain_http: PlainHttp::Unknown(why),
            };
        }
    };
    let roots = Arc::new(roots);
    let addresses = addresses.as_slice();
    let (visit, legacy, plain) = std::thread::scope(|scope| {
        let https = scope.spawn(|| visit_https(site, addresses, roots, deadline));
        let old: Vec<_> = [0x0300, 0x0301, 0x0302]
            .into_iter()
            .map(|version| scope.spawn(move || visit_legacy(site, addresses, version, deadline)))
            .collect();
        let plain = visit_plain(site, addresses, deadline);
        let failed =
            || Visit { unreachable: Some("the visit failed".into()), problem: None, days_left: None, version: None, hsts: Hsts::NotRead };
        let legacy: Vec<Option<LegacyAnswer>> = old.into_iter().map(|visit| visit.join().ok().flatten()).collect();
        (https.join().unwrap_or_else(|_| failed()), legacy, plain)
    });
    let legacy_versions = legacy.into_iter().try_fold(Vec::new(), |mut accepted, answer| {
        if let LegacyAnswer::Accepted(version) = answer? {
            let name = version_name(version);
            if !accepted.contains(&name) {
                accepted.push(name);
            }
        }
        Some(accepted)
    });
    WebsiteFacts {
        address,
        unreachable: visit.unreachable,
        no_roots,
        certificate_problem: visit.problem,
        certificate_days_left: visit.days_left,
        version: visit.version,
        legacy_versions,
        hsts: visit.hsts,
        plain_http: plain,
    }
}

/// Visits `site`, trusting this machine's roots.
pub fn probe(site: &Website) -> WebsiteFacts {
    probe_with(site, native_roots())
}

#[cfg(test)]
mod tests {
    use std::net::TcpListener;

    use super::*;

    /// A CA and a certificate it signed for `localhost`: (the CA's roots, the server's config).
    fn shop_site() -> (RootCertStore, Arc<rustls::ServerConfig>) {
        let mut ca = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        ca.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        ca.key_usages = vec![rcgen::KeyUsagePurpose::KeyCertSign, rcgen::KeyUsagePurpose::CrlSign];
        let ca = rcgen::CertifiedIssuer::self_signed(ca, rcgen::KeyPair::generate().unwrap()).unwrap();
        let key = rcgen::KeyPair::generate().unwrap();
        let mut params = rcgen::CertificateParams::new(vec!["localhost".to_owned()]).unwrap();
        params.not_after = time::OffsetDateTime::now_utc() + time::Duration::days(60);
        let leaf = params.signed_by(&key, &ca).unwrap();
        let mut roots = RootCertStore::empty();
        roots.add(ca.der().clone()).unwrap();
        let config = rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::aws_lc_rs::default_provider()))
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(vec![leaf.der().clone()], rustls::pki_types::PrivateKeyDer::try_from(key.serialize_der()).unwrap())
            .unwrap();
        (roots, Arc::new(config))
    }

    /// Serves `connections` TLS connections, answering each request with `hsts` (if any).
    fn serve_tls(config: Arc<rustls::ServerConfig>, hsts: Option<&'static str>, connections: usize) -> u16 {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            for stream in listener.incoming().take(connections) {
                let config = Arc::clone(&config);
                std::thread::spawn(move || {
                    let mut tls = rustls::StreamOwned::new(rustls::ServerConnection::new(config).unwrap(), stream.unwrap());
                    if read_head(&mut tls).is_ok() {
                        let header = hsts.map(|value| format!("Strict-Transport-Security: {value}\r\n")).unwrap_or_default();
                        let _ = write!(tls, "HTTP/1.1 200 OK\r\n{header}Content-Length: 2\r\nConnection: close\r\n\r\nok");
                        tls.conn.send_close_notify();
                        let _ = tls.flush();
                    }
                });
            }
        });
        port
    }

    /// Answers plain HTTP requests with `answers`, one each, in turn.
    fn serve_plain(answers: Vec<&'static str>) -> u16 {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            for answer in answers {
                let (mut stream, _) = listener.accept().unwrap();
                let _ = read_head(&mut stream);
                let _ = stream.write_all(answer.as_bytes());
            }
        });
        port
    }

    /// A port nothing listens on.
    fn closed_port() -> u16 {
        TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
    }

    fn local(https_port: u16, http_port: u16) -> Website {
        Website { host: "localhost".into(), https_port, http_port }
    }

    #[test]
    fn a_trusted_site_with_hsts_and_a_redirect_reads_whole() {
        let (roots, config) = shop_site();
        let https_port = serve_tls(config, Some("max-age=31536000; includeSubDomains"), 4);
        // Sent on twice over plain HTTP (another path first), then to HTTPS.
        let http_port = serve_plain(vec![
            "HTTP/1.1 301 Moved Permanently\r\nLocation: /www\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 301 Moved Permanently\r\nLocation: https://localhost/\r\nContent-Length: 0\r\n\r\n",
        ]);
        let facts = probe_with(&local(https_port, http_port), roots);
        assert_eq!(facts.unreachable, None);
        assert_eq!(facts.certificate_problem, None);
        assert!(matches!(facts.certificate_days_left, Some(58..=60)), "{:?}", facts.certificate_days_left);
        assert_eq!(facts.version, Some("TLS 1.3"));
        assert_eq!(facts.legacy_versions, Some(Vec::new()));
        assert_eq!(facts.hsts, Hsts::MaxAge(31_536_000));
        assert_eq!(facts.plain_http, PlainHttp::Redirect("https://localhost/".into()));
    }

    /// The first alert rustls answers `hello` with.
    fn alert_for(hello: &[u8]) -> u8 {
        let (_, config) = shop_site();
        let port = serve_tls(config, None, 1);
        let mut socket = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        socket.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        socket.write_all(hello).unwrap();
        let mut answer = [0u8; 7];
        socket.read_exact(&mut answer).unwrap();
        assert_eq!((answer[0], answer[5]), (0x15, 2), "a fatal alert: {answer:?}");
        answer[6]
    }

    /// rustls reads the hand-made hello whole and then refuses what it offers (no TLS 1.2 and
    /// none of its suites: `handshake_failure`, 40); a hello framed wrong gets `decode_error`
    /// (50), so a broken encoding would be seen here.
    #[test]
    fn a_modern_server_reads_the_old_hello_and_refuses_what_it_offers() {
        let hello = legacy_hello("localhost", 0x0302);
        assert!(matches!(alert_for(&hello), 40 | 70), "refused for what it offers, not for its framing");
        let mut broken = hello.clone();
        let last = broken.len() - 1;
        broken[last - 1] = 2; // the renegotiation extension's length, one past the end
        assert_eq!(alert_for(&broken), 50, "decode_error");
    }

    #[test]
    fn an_untrusted_certificate_no_hsts_and_plain_pages_are_found() {
        let (_, config) = shop_site();
        let https_port = serve_tls(config, None, 4);
        let http_port = serve_plain(vec!["HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"]);
        let facts = probe_with(&local(https_port, http_port), RootCertStore::empty());
        assert_eq!(facts.unreachable, None);
        assert!(facts.no_roots);
        assert_eq!(facts.certificate_problem, Some(CertificateProblem::Untrusted));
        assert_eq!(facts.hsts, Hsts::Missing);
        assert_eq!(facts.plain_http, PlainHttp::Served(200));
        let nothing =
            probe_with(&Website { host: "127.0.0.1".into(), https_port: closed_port(), http_port: closed_port() }, RootCertStore::empty());
        assert_eq!(nothing.unreachable.as_deref(), Some("the connection was refused"));
        assert_eq!(nothing.plain_http, PlainHttp::NotServed);
        assert_eq!(nothing.legacy_versions, None, "not told");
    }

    #[test]
    fn a_server_answering_an_old_hello_is_caught() {
        // What an old server sends back: a ServerHello for TLS 1.0, after the whole hello.
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            let (mut stream, _) = listener.accept().unwrap();
            let mut header = [0u8; 5];
            stream.read_exact(&mut header).unwrap();
            let mut hello = vec![0u8; usize::from(u16::from_be_bytes([header[3], header[4]]))];
            stream.read_exact(&mut hello).unwrap();
            assert_eq!((header[0], hello[0]), (0x16, 1), "a ClientHello record");
            let _ = stream.write_all(&[0x16, 0x03, 0x01, 0x00, 0x08, 0x02, 0x00, 0x00, 0x26, 0x03, 0x01, 0x11, 0x22]);
        });
        let deadline = Deadline(Instant::now() + VISIT);
        let at = [IpAddr::from([127, 0, 0, 1])];
        assert_eq!(visit_legacy(&local(port, 80), &at, 0x0301, deadline), Some(LegacyAnswer::Accepted(0x0301)));
        assert_eq!(hsts_max_age("max-age=\"600\"; preload"), Some(600));
        assert_eq!(hsts_max_age("includeSubDomains"), None);
    }

    /// A server that answers a byte a second is cut off at the deadline, not after its 32 KB.
    #[test]
    fn a_dribbling_server_is_held_to_the_deadline() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            let (mut stream, _) = listener.accept().unwrap();
            for _ in 0..60 {
                if stream.write_all(b"H").is_err() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(500));
            }
        });
        let started = Instant::now();
        let deadline = Deadline(Instant::now() + Duration::from_secs(2));
        let answer = visit_plain(&local(closed_port(), port), &[IpAddr::from([127, 0, 0, 1])], deadline);
        assert_eq!(answer, PlainHttp::Unknown("no answer in time".into()));
        assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
    }
}
