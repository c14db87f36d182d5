//! The server's TLS identity and configuration.
//!
//! HTTPS is on by default, also on the shop's LAN: on first start without a certificate of the
//! shop's own, Strongroom makes a self-signed one for the names and addresses staff use to reach
//! the back-office PC, and prints its SHA-256 fingerprint so staff can check, once, that the
//! browser warning is about this certificate and no other. The private key is kept next to the
//! certificate in the data directory sealed with the shop's keys (owner-only, in an owner-only
//! directory), so a copy of the directory cannot impersonate the server; a shop with its own
//! certificate points Strongroom at that instead.

use std::fs::{self, DirBuilder, File, OpenOptions};
use std::io::{BufReader, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use aws_lc_rs::digest;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use time::{Duration, OffsetDateTime};

#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    #[error("cannot read or write {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path} is not a PEM certificate chain or private key")]
    Pem { path: PathBuf },
    #[error("cannot make a self-signed certificate: {0}")]
    Generate(String),
    #[error("the certificate and key do not make a TLS configuration: {0}")]
    Config(String),
    #[error("{path}: the sealed private key does not open with this vault's keys (delete it to make a new certificate)")]
    Sealed { path: PathBuf },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> TlsError + '_ {
    move |source| TlsError::Io { path: path.to_owned(), source }
}

/// A certificate chain, its private key, and the SHA-256 fingerprint of the leaf certificate.
pub struct TlsIdentity {
    cert_chain: Vec<CertificateDer<'static>>,
    key: PrivateKeyDer<'static>,
    fingerprint: String,
}

impl std::fmt::Debug for TlsIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TlsIdentity").field("fingerprint", &self.fingerprint).finish_non_exhaustive()
    }
}

/// A self-signed certificate is valid this long (the CA/Browser Forum's limit for public
/// certificates); it is renewed a month before, and staff check the new fingerprint.
const SELF_SIGNED_DAYS: i64 = 397;
const RENEW_AFTER_DAYS: i64 = SELF_SIGNED_DAYS - 30;

impl TlsIdentity {
    /// Reads a certificate chain and key in PEM form (the shop's own, or one made earlier).
    pub fn load(cert_path: &Path, key_path: &Path) -> Result<TlsIdentity, TlsError> {
        let pem = zeroize::Zeroizing::new(fs::read(key_path).map_err(io(key_path))?);
        TlsIdentity::from_pem(cert_path, &pem, key_path)
    }

    /// The identity in `dir` (`cert.pem`, and `key.sealed`, the private key sealed by `sealer`
    /// with the shop's keys), made self-signed for `names` (host names and IP addresses) when
    /// there is none yet or the one there is due for renewal. A plaintext `key.pem` an older
    /// version left is deleted and a new key and certificate made: copies of the data directory
    /// (backups) hold the old key in plaintext, so it must stop being the server's identity.
    /// The directory is made owner-only whatever the umask.
    pub fn load_or_create_self_signed(dir: &Path, names: &[String], sealer: &dyn KeySealer) -> Result<TlsIdentity, TlsError> {
        let (cert_path, sealed_path, plain_path) = (dir.join("cert.pem"), dir.join("key.sealed"), dir.join("key.pem"));
        DirBuilder::new().recursive(true).mode(0o700).create(dir).map_err(io(dir))?;
        // Explicitly: a directory made earlier under a lax umask (0777) is closed here too.
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700)).map_err(io(dir))?;
        if cert_path.exists() && sealed_path.exists() && !plain_path.exists() && !due_for_renewal(&cert_path)? {
            let sealed = fs::read(&sealed_path).map_err(io(&sealed_path))?;
            let pem = sealer.open_key(&sealed).map_err(|_| TlsError::Sealed { path: sealed_path.clone() })?;
            return TlsIdentity::from_pem(&cert_path, &pem, &sealed_path);
        }
        let mut params = rcgen::CertificateParams::new(names.to_vec()).map_err(|error| TlsError::Generate(error.to_string()))?;
        let now = OffsetDateTime::now_utc();
        params.not_before = now - Duration::days(1);
        params.not_after = now + Duration::days(SELF_SIGNED_DAYS);
        params.distinguished_name.push(rcgen::DnType::CommonName, "Strongroom (self-signed)");
        let key_pair = rcgen::KeyPair::generate().map_err(|error| TlsError::Generate(error.to_string()))?;
        let cert = params.self_signed(&key_pair).map_err(|error| TlsError::Generate(error.to_string()))?;
        // The key first, sealed and owner-only: a half-written pair is replaced on the next start.
        let pem = zeroize::Zeroizing::new(key_pair.serialize_pem().into_bytes());
        let sealed = sealer.seal_key(&pem).map_err(|_| TlsError::Sealed { path: sealed_path.clone() })?;
        write_file(&sealed_path, &sealed, 0o600)?;
        write_file(&cert_path, cert.pem().as_bytes(), 0o644)?;
        if plain_path.exists() {
            fs::remove_file(&plain_path).map_err(io(&plain_path))?;
        }
        TlsIdentity::from_pem(&cert_path, &pem, &sealed_path)
    }

    /// The certificate chain at `cert_path` with the private key given as PEM (read from `key_path`).
    fn from_pem(cert_path: &Path, key_pem: &[u8], key_path: &Path) -> Result<TlsIdentity, TlsError> {
        let cert_file = File::open(cert_path).map_err(io(cert_path))?;
        let cert_chain: Vec<CertificateDer<'static>> = CertificateDer::pem_reader_iter(BufReader::new(cert_file))
            .collect::<Result<_, _>>()
            .map_err(|_| TlsError::Pem { path: cert_path.to_owned() })?;
        let Some(leaf) = cert_chain.first() else { return Err(TlsError::Pem { path: cert_path.to_owned() }) };
        let fingerprint = fingerprint_of(leaf);
        let key = PrivateKeyDer::from_pem_slice(key_pem).map_err(|_| TlsError::Pem { path: key_path.to_owned() })?;
        Ok(TlsIdentity { cert_chain, key, fingerprint })
    }

    /// The SHA-256 fingerprint of the leaf certificate, as browsers show it (`AB:CD:…`).
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    pub fn leaf_certificate(&self) -> &CertificateDer<'static> {
        &self.cert_chain[0]
    }
}

/// Writes through a new temporary file and renames it into place, so a crash never leaves a
/// half-written key and nothing is written through an existing file or symlink. The mode is set
/// explicitly, whatever the umask.
fn write_file(path: &Path, bytes: &[u8], mode: u32) -> Result<(), TlsError> {
    let temporary = path.with_extension("tmp");
    let _ = fs::remove_file(&temporary);
    let mut file = OpenOptions::new().write(true).create_new(true).mode(0o600).open(&temporary).map_err(io(&temporary))?;
    file.write_all(bytes).and_then(|()| file.sync_all()).map_err(io(&temporary))?;
    file.set_permissions(fs::Permissions::from_mode(mode)).map_err(io(&temporary))?;
    fs::rename(&temporary, path).map_err(io(path))
}

/// Keeps the self-signed certificate's private key sealed at rest: a copied data directory must
/// not let anyone impersonate the shop's server on its network. The vault seals it with the
/// shop's keys.
pub trait KeySealer {
    fn seal_key(&self, pem: &[u8]) -> Result<Vec<u8>, String>;
    fn open_key(&self, sealed: &[u8]) -> Result<zeroize::Zeroizing<Vec<u8>>, String>;
}

/// The name the vault seals the TLS private key under.
const TLS_KEY_SECRET: &str = "tls_private_key";

impl KeySealer for strongroom_app::Vault {
    fn seal_key(&self, pem: &[u8]) -> Result<Vec<u8>, String> {
        self.seal_host_secret(TLS_KEY_SECRET, pem).map_err(|error| error.to_string())
    }

    fn open_key(&self, sealed: &[u8]) -> Result<zeroize::Zeroizing<Vec<u8>>, String> {
        self.open_host_secret(TLS_KEY_SECRET, sealed).map_err(|error| error.to_string())
    }
}

/// Whether the self-signed certificate at `path` is due for renewal. We made it, so its age on
/// disk is its age.
fn due_for_renewal(path: &Path) -> Result<bool, TlsError> {
    let modified = fs::metadata(path).and_then(|metadata| metadata.modified()).map_err(io(path))?;
    let age = modified.elapsed().unwrap_or_default();
    Ok(age >= std::time::Duration::from_secs((RENEW_AFTER_DAYS * 86_400) as u64))
}

fn fingerprint_of(cert: &CertificateDer<'_>) -> String {
    let hash = digest::digest(&digest::SHA256, cert.as_ref());
    hash.as_ref().iter().map(|byte| format!("{byte:02X}")).collect::<Vec<_>>().join(":")
}

/// The rustls configuration for every connection: TLS 1.3 and 1.2 only, AEAD cipher suites with
/// forward secrecy only (rustls offers nothing older), HTTP/2 and HTTP/1.1 by ALPN.
pub fn server_config(identity: &TlsIdentity) -> Result<Arc<rustls::ServerConfig>, TlsError> {
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_protocol_versions(&[&rustls::version::TLS13, &rustls::version::TLS12])
        .map_err(|error| TlsError::Config(error.to_string()))?
        .with_no_client_auth()
        .with_single_cert(identity.cert_chain.clone(), identity.key.clone_key())
        .map_err(|error| TlsError::Config(error.to_string()))?;
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}
