//! Visiting the shop's own website the way a browser does, to read what the doctor judges: whether
//! its certificate is trusted, for this name and for how long; whether it still accepts TLS 1.0
//! or 1.1; whether it sends HSTS; and what plain `http://` does. Nothing secret is ever sent: the
//! certificate is judged by rustls with this machine's roots, but the visit goes on when it fails
//! so the other answers can still be read. TLS 1.0 and 1.1 are asked for with a hand-made
//! ClientHello (rustls speaks neither), and only the server's first answer is read. Every
//! connection has a deadline; the four visits run side by side.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::{ClientConfig, WebPkiServerVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, RootCertStore, SignatureScheme};

/// How long connecting may take, and then each read or write.
const CONNECT: Duration = Duration::from_secs(5);
const IO: Duration = Duration::from_secs(10);
/// The most of a response's head that is read.
const HEAD_BYTES: usize = 32 * 1024;

/// Where the website is: its host name (or address) and the ports of HTTPS and plain HTTP.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Website {
    pub host: String,
    pub https_port: u16,
    pub http_port: u16,
}

/// Reads an address as the owner types it: `https://www.shop.nl/`, `www.shop.nl` or
/// `shop.nl:8443`. Plain HTTP and 443 are looked for on the same host.
pub fn parse_website(text: &str) -> Result<Website, String> {
    let text = text.trim();
    let lower = text.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")).unwrap_or(&lower);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.is_empty() || authority.contains('@') || rest.contains("://") {
        return Err(format!("{text:?} is not a website's address (like www.shop.nl)"));
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) if !host.ends_with(':') && !port.contains(']') => {
            let port = port.parse::<u16>().ok().filter(|port| *port > 0).ok_or_else(|| format!("{port:?} is not a port"))?;
            (host, port)
        }
        _ => (authority, 443),
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let ip = host.parse::<std::net::IpAddr>().is_ok();
    let name_like = host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    if !ip && !name_like {
        return Err(format!("{host:?} is not a host name (like www.shop.nl)"));
    }
    Ok(Website { host: host.to_owned(), https_port: port, http_port: 80 })
}

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

/// What plain HTTP did with a visit to `/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlainHttp {
    /// Sent on to this address.
    Redirect(String),
    /// Nothing listens.
    NotServed,
    /// Answered with this status and no redirect.
    Served(u16),
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
    pub certificate_problem: Option<CertificateProblem>,
    /// Days until the server's certificate expires (negative: expired).
    pub certificate_days_left: Option<i64>,
    /// The TLS version the visit used ("TLS 1.3").
    pub version: Option<&'static str>,
    /// The versions below 1.2 the server accepted; `None` when that could not be told.
    pub legacy_versions: Option<Vec<&'static str>>,
    /// HSTS's max-age in seconds; `Some(None)`: no header; `None`: no answer was read.
    pub hsts_max_age: Option<Option<u64>>,
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

fn connect(host: &str, port: u16) -> std::io::Result<TcpStream> {
    let mut last = std::io::Error::new(std::io::ErrorKind::NotFound, format!("{host} has no address"));
    let addresses: Vec<SocketAddr> = (host, port).to_socket_addrs()?.collect();
    for address in addresses {
        match TcpStream::connect_timeout(&address, CONNECT) {
            Ok(stream) => {
                stream.set_read_timeout(Some(IO))?;
                stream.set_write_timeout(Some(IO))?;
                return Ok(stream);
            }
            Err(error) => last = error,
        }
    }
    Err(last)
}

/// Reads a response's head (up to the blank line, or [`HEAD_BYTES`]).
fn read_head(stream: &mut impl Read) -> std::io::Result<String> {
    let mut head = Vec::new();
    let mut buffer = [0u8; 4096];
    while !head.windows(4).any(|window| window == b"\r\n\r\n") && head.len() < HEAD_BYTES {
        match stream.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => head.extend_from_slice(&buffer[..read]),
            // A server that closes without close_notify has still said what it said.
            Err(error) if !head.is_empty() && error.kind() == std::io::ErrorKind::UnexpectedEof => break,
            Err(error) => return Err(error),
        }
    }
    let end = head.windows(4).position(|window| window == b"\r\n\r\n").unwrap_or(head.len());
    Ok(String::from_utf8_lossy(&head[..end]).into_owned())
}

/// The status and the headers (names lower-cased) of a response's head.
pub fn parse_head(head: &str) -> Option<(u16, Vec<(String, String)>)> {
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        .collect();
    Some((status, headers))
}

/// The max-age of a `Strict-Transport-Security` value.
pub fn hsts_max_age(value: &str) -> Option<u64> {
    value.split(';').find_map(|part| {
        let (name, age) = part.split_once('=')?;
        name.trim().eq_ignore_ascii_case("max-age").then(|| age.trim().trim_matches('"').parse().ok())?
    })
}

fn request(host: &str) -> String {
    format!("GET / HTTP/1.1\r\nHost: {host}\r\nUser-Agent: Strongroom doctor\r\nAccept: */*\r\nConnection: close\r\n\r\n")
}

struct Visit {
    unreachable: Option<String>,
    problem: Option<CertificateProblem>,
    days_left: Option<i64>,
    version: Option<&'static str>,
    hsts: Option<Option<u64>>,
}

fn visit_https(site: &Website, roots: Arc<RootCertStore>) -> Visit {
    let mut visit = Visit { unreachable: None, problem: None, days_left: None, version: None, hsts: None };
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
        let socket = connect(&site.host, site.https_port).map_err(|error| error.to_string())?;
        let mut tls = rustls::StreamOwned::new(connection, socket);
        while tls.conn.is_handshaking() {
            tls.conn.complete_io(&mut tls.sock).map_err(|error| error.to_string())?;
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
        if tls.write_all(request(&site.host).as_bytes()).is_ok() {
            visit.hsts = read_head(&mut tls).ok().and_then(|head| parse_head(&head)).map(|(_, headers)| {
                headers.iter().find(|(name, _)| name == "strict-transport-security").and_then(|(_, value)| hsts_max_age(value))
            });
        }
        Ok(())
    })();
    visit.unreachable = result.err();
    visit
}

/// A ClientHello offering only `version` (0x0301 TLS 1.0, 0x0302 TLS 1.1), with the CBC suites
/// servers of that age speak.
fn legacy_hello(host: &str, version: u16) -> Vec<u8> {
    let mut body = Vec::new();
    body.extend(version.to_be_bytes());
    let mut random = [0x5a_u8; 32];
    let _ = strongroom_crypto::random_bytes(&mut random);
    body.extend(random);
    body.push(0); // no session id
    let suites: [u16; 8] = [0xc014, 0xc013, 0xc00a, 0xc009, 0x0039, 0x0033, 0x0035, 0x002f];
    body.extend(((suites.len() * 2) as u16).to_be_bytes());
    suites.iter().for_each(|suite| body.extend(suite.to_be_bytes()));
    body.extend([1, 0]); // compression: none
    let mut extensions = Vec::new();
    let mut extension = |kind: u16, data: &[u8]| {
        extensions.extend(kind.to_be_bytes());
        extensions.extend((data.len() as u16).to_be_bytes());
        extensions.extend(data);
    };
    if host.parse::<std::net::IpAddr>().is_err() && host.len() < 256 {
        let mut sni = Vec::new();
        sni.extend(((host.len() + 3) as u16).to_be_bytes());
        sni.push(0);
        sni.extend((host.len() as u16).to_be_bytes());
        sni.extend(host.as_bytes());
        extension(0x0000, &sni);
    }
    extension(0x000a, &[0, 6, 0x00, 0x17, 0x00, 0x18, 0x00, 0x1d]); // secp256r1, secp384r1, x25519
    extension(0x000b, &[1, 0]); // uncompressed points
    extension(0xff01, &[0]); // secure renegotiation, empty
    body.extend((extensions.len() as u16).to_be_bytes());
    body.extend(extensions);
    let mut handshake = vec![1];
    handshake.extend(&(body.len() as u32).to_be_bytes()[1..]);
    handshake.extend(body);
    let mut record = vec![0x16, 0x03, 0x01];
    record.extend((handshake.len() as u16).to_be_bytes());
    record.extend(handshake);
    record
}

/// Whether a server's first bytes after a ClientHello for `version` accept it: a ServerHello of
/// that version or older is a yes; an alert, a close or a newer ServerHello a no.
pub fn accepts_legacy(answer: &[u8], version: u16) -> Option<bool> {
    match answer {
        // A handshake record: ServerHello (2), 3 bytes of length, then the server's version.
        [0x16, 0x03, _, _, _, 2, _, _, _, major, minor, ..] => Some(u16::from_be_bytes([*major, *minor]) <= version),
        [0x16, ..] if answer.len() < 11 => None,
        [] | [0x15, ..] => Some(false),
        _ => Some(false),
    }
}

fn visit_legacy(site: &Website, version: u16) -> Option<bool> {
    let mut socket = connect(&site.host, site.https_port).ok()?;
    socket.write_all(&legacy_hello(&site.host, version)).ok()?;
    let mut answer = Vec::new();
    let mut buffer = [0u8; 512];
    while answer.len() < 11 {
        match socket.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => answer.extend_from_slice(&buffer[..read]),
            Err(error) if error.kind() == std::io::ErrorKind::ConnectionReset => break,
            Err(_) => return None,
        }
    }
    accepts_legacy(&answer, version)
}

fn visit_plain(site: &Website) -> PlainHttp {
    let mut socket = match connect(&site.host, site.http_port) {
        Ok(socket) => socket,
        Err(error) if error.kind() == std::io::ErrorKind::ConnectionRefused => return PlainHttp::NotServed,
        Err(error) => return PlainHttp::Unknown(error.to_string()),
    };
    if let Err(error) = socket.write_all(request(&site.host).as_bytes()) {
        return PlainHttp::Unknown(error.to_string());
    }
    match read_head(&mut socket).map(|head| parse_head(&head)) {
        Ok(Some((status, headers))) => match headers.into_iter().find(|(name, _)| name == "location") {
            Some((_, to)) if (300..400).contains(&status) => PlainHttp::Redirect(to),
            _ => PlainHttp::Served(status),
        },
        Ok(None) => PlainHttp::Unknown("the answer was not HTTP".into()),
        Err(error) => PlainHttp::Unknown(error.to_string()),
    }
}

/// Visits `site`, trusting `roots`.
pub fn probe_with(site: &Website, roots: RootCertStore) -> WebsiteFacts {
    let roots = Arc::new(roots);
    let (visit, tls10, tls11, plain) = std::thread::scope(|scope| {
        let https = scope.spawn(|| visit_https(site, roots));
        let tls10 = scope.spawn(|| visit_legacy(site, 0x0301));
        let tls11 = scope.spawn(|| visit_legacy(site, 0x0302));
        let plain = visit_plain(site);
        let failed = || Visit { unreachable: Some("the visit failed".into()), problem: None, days_left: None, version: None, hsts: None };
        (https.join().unwrap_or_else(|_| failed()), tls10.join().ok().flatten(), tls11.join().ok().flatten(), plain)
    });
    let legacy_versions = match (tls10, tls11) {
        (Some(ten), Some(eleven)) => {
            Some([(ten, "TLS 1.0"), (eleven, "TLS 1.1")].into_iter().filter(|(accepted, _)| *accepted).map(|(_, name)| name).collect())
        }
        _ => None,
    };
    let address =
        if site.https_port == 443 { format!("https://{}", site.host) } else { format!("https://{}:{}", site.host, site.https_port) };
    WebsiteFacts {
        address,
        unreachable: visit.unreachable,
        certificate_problem: visit.problem,
        certificate_days_left: visit.days_left,
        version: visit.version,
        legacy_versions,
        hsts_max_age: visit.hsts,
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

    #[test]
    fn addresses_are_read_as_typed() {
        let site = |text| parse_website(text).map(|site| (site.host, site.https_port));
        assert_eq!(site("https://www.Juwelier.nl/winkel?x=1"), Ok(("www.juwelier.nl".into(), 443)));
        assert_eq!(site(" juwelier.nl "), Ok(("juwelier.nl".into(), 443)));
        assert_eq!(site("http://shop.example:8443"), Ok(("shop.example".into(), 8443)));
        assert_eq!(site("127.0.0.1:9443"), Ok(("127.0.0.1".into(), 9443)));
        assert_eq!(site("[::1]:9443"), Ok(("::1".into(), 9443)));
        assert!(site("").is_err());
        assert!(site("user@shop.nl").is_err());
        assert!(site("shop .nl").is_err());
        assert!(site("shop.nl:0").is_err());
        assert!(site("shop.nl:99999").is_err());
        assert!(site("ftp://shop.nl").is_err());
    }

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

    /// Answers one plain HTTP request with `answer`.
    fn serve_plain(answer: &'static str) -> u16 {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            let (mut stream, _) = listener.accept().unwrap();
            let _ = read_head(&mut stream);
            let _ = stream.write_all(answer.as_bytes());
        });
        port
    }

    /// A port nothing listens on.
    fn closed_port() -> u16 {
        TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
    }

    #[test]
    fn a_trusted_site_with_hsts_and_a_redirect_reads_whole() {
        let (roots, config) = shop_site();
        let https_port = serve_tls(config, Some("max-age=31536000; includeSubDomains"), 3);
        let http_port = serve_plain("HTTP/1.1 301 Moved Permanently\r\nLocation: https://localhost/\r\nContent-Length: 0\r\n\r\n");
        let facts = probe_with(&Website { host: "localhost".into(), https_port, http_port }, roots);
        assert_eq!(facts.unreachable, None);
        assert_eq!(facts.certificate_problem, None);
        assert!(matches!(facts.certificate_days_left, Some(58..=60)), "{:?}", facts.certificate_days_left);
        assert_eq!(facts.version, Some("TLS 1.3"));
        // rustls refuses TLS 1.0 and 1.1 with an alert: the hand-made hellos read that as a no.
        assert_eq!(facts.legacy_versions, Some(Vec::new()));
        assert_eq!(facts.hsts_max_age, Some(Some(31_536_000)));
        assert_eq!(facts.plain_http, PlainHttp::Redirect("https://localhost/".into()));
    }

    #[test]
    fn an_untrusted_certificate_no_hsts_and_plain_pages_are_found() {
        let (_, config) = shop_site();
        let https_port = serve_tls(config, None, 3);
        let http_port = serve_plain("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi");
        let facts = probe_with(&Website { host: "localhost".into(), https_port, http_port }, RootCertStore::empty());
        assert_eq!(facts.unreachable, None);
        assert_eq!(facts.certificate_problem, Some(CertificateProblem::Untrusted));
        assert_eq!(facts.hsts_max_age, Some(None));
        assert_eq!(facts.plain_http, PlainHttp::Served(200));
        let nothing =
            probe_with(&Website { host: "127.0.0.1".into(), https_port: closed_port(), http_port: closed_port() }, RootCertStore::empty());
        assert!(nothing.unreachable.is_some());
        assert_eq!(nothing.plain_http, PlainHttp::NotServed);
    }

    #[test]
    fn a_server_answering_an_old_hello_is_caught() {
        // What an old server sends back: a ServerHello for TLS 1.0.
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            let (mut stream, _) = listener.accept().unwrap();
            let mut hello = [0u8; 5];
            stream.read_exact(&mut hello).unwrap();
            assert_eq!(hello[0], 0x16, "a handshake record");
            let _ = stream.write_all(&[0x16, 0x03, 0x01, 0x00, 0x2a, 0x02, 0x00, 0x00, 0x26, 0x03, 0x01, 0x11]);
        });
        let site = Website { host: "localhost".into(), https_port: port, http_port: 80 };
        assert_eq!(visit_legacy(&site, 0x0301), Some(true));
        assert_eq!(accepts_legacy(&[0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x46], 0x0302), Some(false));
        assert_eq!(accepts_legacy(&[], 0x0302), Some(false));
        // A server that answers an old hello with a newer version does not speak the old one.
        assert_eq!(accepts_legacy(&[0x16, 0x03, 0x03, 0x00, 0x2a, 0x02, 0x00, 0x00, 0x26, 0x03, 0x03], 0x0302), Some(false));
        assert_eq!(hsts_max_age("max-age=\"600\"; preload"), Some(600));
        assert_eq!(hsts_max_age("includeSubDomains"), None);
    }
}
