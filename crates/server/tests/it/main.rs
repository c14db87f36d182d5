//! The server, tested over real loopback connections: the TLS identity and configuration with
//! raw handshakes here, the pages and guards with HTTP over TLS in `web`.

mod api;
#[path = "../common/mod.rs"]
mod common;
mod desk;
mod secrets;
mod training;
mod uploads;
mod web;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::fs::PermissionsExt;
use std::sync::Arc;
use std::thread;

use rustls::pki_types::{CertificateDer, ServerName};
use rustls::{ClientConfig, ClientConnection, ProtocolVersion, RootCertStore, ServerConnection};
use strongroom_server::{KeySealer, TlsIdentity, server_config};

fn names() -> Vec<String> {
    vec!["localhost".into(), "shop-pc.local".into(), "127.0.0.1".into()]
}

/// Seals the private key as a vault would, with a key of this test's own.
struct TestSealer(strongroom_crypto::EphemeralKey);

impl TestSealer {
    fn new() -> TestSealer {
        TestSealer(strongroom_crypto::EphemeralKey::generate().unwrap())
    }
}

impl KeySealer for TestSealer {
    fn seal_key(&self, pem: &[u8]) -> Result<Vec<u8>, String> {
        self.0.seal_chunk(0, true, pem).map_err(|error| error.to_string())
    }

    fn open_key(&self, sealed: &[u8]) -> Result<zeroize::Zeroizing<Vec<u8>>, String> {
        self.0.open_chunk(0, true, sealed).map_err(|error| error.to_string())
    }
}

fn client_config(trusted: &CertificateDer<'static>, versions: &[&'static rustls::SupportedProtocolVersion]) -> Arc<ClientConfig> {
    let mut roots = RootCertStore::empty();
    roots.add(trusted.clone()).unwrap();
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    Arc::new(
        ClientConfig::builder_with_provider(provider)
            .with_protocol_versions(versions)
            .unwrap()
            .with_root_certificates(roots)
            .with_no_client_auth(),
    )
}

/// Serves one connection that answers "ping!" with "pong!"; returns what the client saw.
fn exchange(identity: &TlsIdentity, client: Arc<ClientConfig>, server_name: &str) -> Result<(ProtocolVersion, Vec<u8>), rustls::Error> {
    let config = server_config(identity).unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let server = thread::spawn(move || {
        let (mut tcp, _) = listener.accept().unwrap();
        let mut connection = ServerConnection::new(config).unwrap();
        let mut tls = rustls::Stream::new(&mut connection, &mut tcp);
        let mut ping = [0u8; 5];
        if tls.read_exact(&mut ping).is_ok() && &ping == b"ping!" {
            let _ = tls.write_all(b"pong!");
            let _ = tls.flush();
        }
    });
    let mut tcp = TcpStream::connect(address).unwrap();
    let mut connection = ClientConnection::new(client, ServerName::try_from(server_name.to_owned()).unwrap()).unwrap();
    let outcome = (|| {
        let mut tls = rustls::Stream::new(&mut connection, &mut tcp);
        tls.write_all(b"ping!").map_err(unwrap_tls_error)?;
        let mut pong = vec![0u8; 5];
        tls.read_exact(&mut pong).map_err(unwrap_tls_error)?;
        Ok(pong)
    })();
    drop(tcp);
    server.join().unwrap();
    outcome.map(|pong| (connection.protocol_version().unwrap(), pong))
}

fn unwrap_tls_error(error: std::io::Error) -> rustls::Error {
    match error.into_inner().map(|inner| inner.downcast::<rustls::Error>()) {
        Some(Ok(tls)) => *tls,
        _ => rustls::Error::General("connection failed".into()),
    }
}

#[test]
fn a_browser_that_trusts_the_certificate_talks_tls_1_3_to_every_name_on_it() {
    let (dir, sealer) = (tempfile::tempdir().unwrap(), TestSealer::new());
    let identity = TlsIdentity::load_or_create_self_signed(dir.path(), &names(), &sealer).unwrap();
    for name in ["localhost", "shop-pc.local", "127.0.0.1"] {
        let client = client_config(identity.leaf_certificate(), &[&rustls::version::TLS13, &rustls::version::TLS12]);
        let (version, pong) = exchange(&identity, client, name).unwrap();
        assert_eq!((version, pong.as_slice()), (ProtocolVersion::TLSv1_3, &b"pong!"[..]), "{name}");
    }
    // TLS 1.2 is still accepted, for older tills and tablets.
    let client = client_config(identity.leaf_certificate(), &[&rustls::version::TLS12]);
    assert_eq!(exchange(&identity, client, "localhost").unwrap().0, ProtocolVersion::TLSv1_2);
}

#[test]
fn a_name_not_on_the_certificate_or_another_certificate_is_refused() {
    let (dir, sealer) = (tempfile::tempdir().unwrap(), TestSealer::new());
    let identity = TlsIdentity::load_or_create_self_signed(dir.path(), &names(), &sealer).unwrap();
    let client = client_config(identity.leaf_certificate(), &[&rustls::version::TLS13]);
    assert!(exchange(&identity, client, "attacker.example").is_err());
    // A machine-in-the-middle with its own self-signed certificate is not the one staff checked.
    let other_dir = tempfile::tempdir().unwrap();
    let impostor = TlsIdentity::load_or_create_self_signed(other_dir.path(), &names(), &sealer).unwrap();
    assert_ne!(impostor.fingerprint(), identity.fingerprint());
    let client = client_config(identity.leaf_certificate(), &[&rustls::version::TLS13]);
    assert!(exchange(&impostor, client, "localhost").is_err());
}

#[test]
fn the_identity_is_made_once_kept_and_its_key_is_owner_only() {
    let (dir, sealer) = (tempfile::tempdir().unwrap(), TestSealer::new());
    let first = TlsIdentity::load_or_create_self_signed(dir.path(), &names(), &sealer).unwrap();
    let again = TlsIdentity::load_or_create_self_signed(dir.path(), &names(), &sealer).unwrap();
    assert_eq!(first.fingerprint(), again.fingerprint());
    let fingerprint = first.fingerprint();
    assert_eq!(fingerprint.len(), 32 * 3 - 1, "{fingerprint}");
    assert!(fingerprint.split(':').all(|pair| pair.len() == 2 && pair.bytes().all(|b| b.is_ascii_hexdigit())), "{fingerprint}");
    let mode = std::fs::metadata(dir.path().join("key.sealed")).unwrap().permissions().mode();
    assert_eq!(mode & 0o077, 0, "key.sealed has mode {mode:o}");
    assert!(!dir.path().join("key.pem").exists(), "no plaintext key");
    let sealed = std::fs::read(dir.path().join("key.sealed")).unwrap();
    assert!(!String::from_utf8_lossy(&sealed).contains("PRIVATE KEY"), "the key is sealed");
    // Another vault's keys do not open it.
    let stranger = TlsIdentity::load_or_create_self_signed(dir.path(), &names(), &TestSealer::new());
    assert!(stranger.is_err_and(|error| error.to_string().contains("does not open")));
    assert!(TlsIdentity::load(&dir.path().join("cert.pem"), &dir.path().join("nothing.pem")).is_err());
    std::fs::write(dir.path().join("garbage.pem"), "not a certificate").unwrap();
    assert!(TlsIdentity::load(&dir.path().join("garbage.pem"), &dir.path().join("cert.pem")).is_err());
}

#[test]
fn the_tls_directory_is_owner_only_whatever_the_umask_made_it() {
    let (dir, sealer) = (tempfile::tempdir().unwrap(), TestSealer::new());
    let tls = dir.path().join("tls");
    // As a directory made under umask 000 is.
    std::fs::create_dir(&tls).unwrap();
    std::fs::set_permissions(&tls, std::fs::Permissions::from_mode(0o777)).unwrap();
    TlsIdentity::load_or_create_self_signed(&tls, &names(), &sealer).unwrap();
    assert_eq!(std::fs::metadata(&tls).unwrap().permissions().mode() & 0o777, 0o700);
    assert_eq!(std::fs::metadata(tls.join("key.sealed")).unwrap().permissions().mode() & 0o777, 0o600);
    assert_eq!(std::fs::metadata(tls.join("cert.pem")).unwrap().permissions().mode() & 0o777, 0o644);
}

#[test]
fn a_plaintext_key_an_older_version_left_is_replaced_by_a_new_sealed_one() {
    let (dir, sealer) = (tempfile::tempdir().unwrap(), TestSealer::new());
    let first = TlsIdentity::load_or_create_self_signed(dir.path(), &names(), &sealer).unwrap();
    // What an older version kept: the key as PEM.
    let pem = sealer.open_key(&std::fs::read(dir.path().join("key.sealed")).unwrap()).unwrap();
    std::fs::remove_file(dir.path().join("key.sealed")).unwrap();
    std::fs::write(dir.path().join("key.pem"), pem.as_slice()).unwrap();
    let again = TlsIdentity::load_or_create_self_signed(dir.path(), &names(), &sealer).unwrap();
    // Backups hold the old key in plaintext: it must stop being the server's identity.
    assert_ne!(again.fingerprint(), first.fingerprint(), "a new certificate");
    assert!(!dir.path().join("key.pem").exists() && dir.path().join("key.sealed").exists());
}
