//! TLS to PostgreSQL, with the URL's `sslmode` and `sslrootcert` meaning what they mean to
//! libpq (and so to `psql` with the same URL):
//!
//! | `sslmode` | encrypted | the server's certificate |
//! |---|---|---|
//! | `disable` | never | - |
//! | `prefer` (none given) | when the server offers TLS, else plain | not checked |
//! | `require` | always, or no connection | not checked: only against someone listening, not someone in the middle |
//! | `verify-ca` | always | signed by a trusted CA |
//! | `verify-full` | always | signed by a trusted CA and made out to the host connected to |
//!
//! The trusted CAs are `sslrootcert`'s PEM file, or the system's CA certificates when it is
//! absent or `system` (libpq's default is `~/.postgresql/root.crt` instead). As with libpq, an
//! `sslrootcert` without an `sslmode` means `verify-full`, and with `require` it means
//! `verify-ca`. The certificate must name the host in its subjectAltName, as browsers require:
//! unlike libpq, a certificate that names it only in its CN is refused, and so is a
//! self-signed certificate that is its own CA. The connection is rustls with the aws-lc-rs
//! provider, as the server's own HTTPS. `tokio-postgres` knows only the first three modes and
//! no `sslrootcert`, so both are taken out of the URL (or the `key=value` string) here and the
//! rest handed to it. Channel binding (SCRAM-SHA-256-PLUS) is not offered; and without a
//! checked certificate someone in the middle may ask for the password in clear, which
//! `tokio-postgres` gives, so only the `verify-` modes protect the password.

use std::str::FromStr;
use std::sync::Arc;

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::WebPkiSupportedAlgorithms;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio_postgres::config::SslMode;
use tokio_postgres::tls::{ChannelBinding, MakeTlsConnect, TlsConnect};

use crate::StoreError;

/// How far the connection checks the server (libpq's `sslmode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TlsMode {
    Disable,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

impl TlsMode {
    fn parse(text: &str) -> Result<TlsMode, StoreError> {
        Ok(match text {
            "disable" => TlsMode::Disable,
            // libpq's `allow` tries plain first; here it is taken as `prefer`, which tries TLS first.
            "allow" | "prefer" => TlsMode::Prefer,
            "require" => TlsMode::Require,
            "verify-ca" => TlsMode::VerifyCa,
            "verify-full" => TlsMode::VerifyFull,
            _ => {
                return Err(StoreError::Conflict(format!(
                    "the database URL's sslmode must be disable, prefer, require, verify-ca or verify-full, not {text:?}"
                )));
            }
        })
    }
}

/// A `postgres://` URL read: the client's settings, and how to make its TLS.
pub(crate) struct PgTarget {
    pub(crate) config: tokio_postgres::Config,
    pub(crate) mode: TlsMode,
    root_cert: Option<String>,
}

impl PgTarget {
    /// Reads `url`, taking out `sslmode` and `sslrootcert`. An unknown mode, or one that needs
    /// a CA with an unreadable `sslrootcert`, is refused before anything connects.
    pub(crate) fn parse(url: &str) -> Result<PgTarget, StoreError> {
        let mut mode = None;
        let mut root_cert = None;
        let mut take = |key: &str, value: String| -> Result<bool, StoreError> {
            match key {
                "sslmode" => mode = Some(TlsMode::parse(&value)?),
                "sslrootcert" => root_cert = Some(value),
                _ => return Ok(false),
            }
            Ok(true)
        };
        let rest = if url.contains("://") {
            let (base, query) = url.split_once('?').unwrap_or((url, ""));
            let mut kept = Vec::new();
            for pair in query.split('&').filter(|pair| !pair.is_empty()) {
                let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                if !take(key, percent_decoded(value)?)? {
                    kept.push(pair);
                }
            }
            if kept.is_empty() { base.to_owned() } else { format!("{base}?{}", kept.join("&")) }
        } else {
            // libpq's `key=value` form (values without spaces).
            let mut kept = Vec::new();
            for pair in url.split_whitespace() {
                let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                if !take(key.trim(), value.trim_matches('\'').to_owned())? {
                    kept.push(pair);
                }
            }
            kept.join(" ")
        };
        let mode = match (mode, &root_cert) {
            (None, Some(_)) => TlsMode::VerifyFull,
            (Some(TlsMode::Require), Some(_)) => TlsMode::VerifyCa,
            (mode, _) => mode.unwrap_or(TlsMode::Prefer),
        };
        let mut config = tokio_postgres::Config::from_str(&rest)?;
        config.ssl_mode(match mode {
            TlsMode::Disable => SslMode::Disable,
            TlsMode::Prefer => SslMode::Prefer,
            TlsMode::Require | TlsMode::VerifyCa | TlsMode::VerifyFull => SslMode::Require,
        });
        Ok(PgTarget { config, mode, root_cert })
    }

    /// Connects as the URL says.
    pub(super) fn connect(&self) -> Result<super::Connection, StoreError> {
        let connector = RustlsConnector { config: Arc::new(self.client_config()?) };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|error| StoreError::Conflict(format!("cannot start PostgreSQL's connection: {error}")))?;
        let (client, connection) = runtime.block_on(self.config.connect(connector)).map_err(|error| {
            // Before a session there are no rows, so the causes may be shown: what was wrong
            // with the certificate, the password or the address is what the owner needs.
            let mut text = format!("cannot connect to PostgreSQL: {error}");
            let mut cause = std::error::Error::source(&error);
            while let Some(inner) = cause {
                text.push_str(&format!(": {inner}"));
                cause = inner.source();
            }
            StoreError::Conflict(text)
        })?;
        // The task ends when the client is dropped or the connection breaks; the client's calls
        // then fail with the cause.
        let task = runtime.spawn(async move {
            let _ = connection.await;
        });
        Ok(super::Connection::new(client, runtime, task))
    }

    fn client_config(&self) -> Result<ClientConfig, StoreError> {
        let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let builder = ClientConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions()
            .map_err(|error| StoreError::Conflict(format!("TLS to the database: {error}")))?;
        let algorithms = provider.signature_verification_algorithms;
        let webpki = match self.mode {
            TlsMode::Disable | TlsMode::Prefer | TlsMode::Require => None,
            TlsMode::VerifyCa | TlsMode::VerifyFull => Some(
                WebPkiServerVerifier::builder_with_provider(Arc::new(self.roots()?), provider)
                    .build()
                    .map_err(|error| StoreError::Conflict(format!("TLS to the database: {error}")))?,
            ),
        };
        let verifier = Arc::new(PgVerifier { webpki, any_name: self.mode == TlsMode::VerifyCa, algorithms });
        Ok(builder.dangerous().with_custom_certificate_verifier(verifier).with_no_client_auth())
    }

    /// The CAs `sslrootcert` names, or the system's.
    fn roots(&self) -> Result<RootCertStore, StoreError> {
        let mut roots = RootCertStore::empty();
        match self.root_cert.as_deref() {
            None | Some("system") => {
                let found = rustls_native_certs::load_native_certs();
                roots.add_parsable_certificates(found.certs);
            }
            Some(path) => {
                let unreadable = |error: &dyn std::fmt::Display| StoreError::Conflict(format!("cannot read sslrootcert {path}: {error}"));
                let certificates = CertificateDer::pem_file_iter(path).map_err(|error| unreadable(&error))?;
                for certificate in certificates {
                    roots.add(certificate.map_err(|error| unreadable(&error))?).map_err(|error| unreadable(&error))?;
                }
            }
        }
        if roots.is_empty() {
            return Err(StoreError::Conflict("no CA certificate to check the database's against (sslrootcert)".into()));
        }
        Ok(roots)
    }
}

/// `%XX` escapes undone (a path in `sslrootcert` may hold them).
fn percent_decoded(value: &str) -> Result<String, StoreError> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = value.get(index + 1..index + 3).and_then(|hex| u8::from_str_radix(hex, 16).ok());
            let byte = hex.ok_or_else(|| StoreError::Conflict("a broken %-escape in the database URL".into()))?;
            out.push(byte);
            index += 3;
        } else {
            out.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(out).map_err(|_| StoreError::Conflict("the database URL is not UTF-8".into()))
}

/// How the server's certificate is judged: not at all (`require`, `prefer`, as libpq does), by
/// its chain to a trusted CA and its dates whatever name it is for (`verify-ca`), or by those
/// and the host's name (`verify-full`). The handshake's signatures are checked in every mode,
/// so the session is always with whoever holds the certificate's key.
#[derive(Debug)]
struct PgVerifier {
    /// `None`: the certificate is not judged.
    webpki: Option<Arc<WebPkiServerVerifier>>,
    any_name: bool,
    algorithms: WebPkiSupportedAlgorithms,
}

impl ServerCertVerifier for PgVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let Some(webpki) = &self.webpki else {
            return Ok(ServerCertVerified::assertion());
        };
        // webpki checks the chain before the name: a wrong name means the chain held.
        match webpki.verify_server_cert(end_entity, intermediates, server_name, ocsp, now) {
            Err(rustls::Error::InvalidCertificate(CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. }))
                if self.any_name =>
            {
                Ok(ServerCertVerified::assertion())
            }
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

/// `tokio-postgres`'s TLS over tokio-rustls.
#[derive(Clone)]
struct RustlsConnector {
    config: Arc<ClientConfig>,
}

impl<S: AsyncRead + AsyncWrite + Unpin + Send + 'static> MakeTlsConnect<S> for RustlsConnector {
    type Stream = RustlsStream<S>;
    type TlsConnect = RustlsConnect;
    type Error = rustls::Error;

    fn make_tls_connect(&mut self, host: &str) -> Result<RustlsConnect, rustls::Error> {
        // A Unix socket is asked for too (with no host), though no TLS goes over it.
        Ok(RustlsConnect { config: self.config.clone(), name: ServerName::try_from(host.to_owned()).ok() })
    }
}

struct RustlsConnect {
    config: Arc<ClientConfig>,
    /// `None`: not a name TLS can check (a Unix socket's empty host).
    name: Option<ServerName<'static>>,
}

impl<S: AsyncRead + AsyncWrite + Unpin + Send + 'static> TlsConnect<S> for RustlsConnect {
    type Stream = RustlsStream<S>;
    type Error = std::io::Error;
    type Future = std::pin::Pin<Box<dyn Future<Output = Result<RustlsStream<S>, std::io::Error>> + Send>>;

    fn connect(self, stream: S) -> Self::Future {
        let connector = tokio_rustls::TlsConnector::from(self.config);
        Box::pin(async move {
            let name = self.name.ok_or_else(|| std::io::Error::other("TLS to the database needs its host name"))?;
            Ok(RustlsStream(connector.connect(name, stream).await?))
        })
    }
}

struct RustlsStream<S>(tokio_rustls::client::TlsStream<S>);

impl<S: AsyncRead + AsyncWrite + Unpin> tokio_postgres::tls::TlsStream for RustlsStream<S> {
    fn channel_binding(&self) -> ChannelBinding {
        ChannelBinding::none()
    }
}

impl<S: AsyncRead + AsyncWrite + Unpin> AsyncRead for RustlsStream<S> {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        context: &mut std::task::Context<'_>,
        buffer: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.0).poll_read(context, buffer)
    }
}

impl<S: AsyncRead + AsyncWrite + Unpin> AsyncWrite for RustlsStream<S> {
    fn poll_write(
        mut self: std::pin::Pin<&mut Self>,
        context: &mut std::task::Context<'_>,
        buffer: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        std::pin::Pin::new(&mut self.0).poll_write(context, buffer)
    }

    fn poll_flush(mut self: std::pin::Pin<&mut Self>, context: &mut std::task::Context<'_>) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.0).poll_flush(context)
    }

    fn poll_shutdown(mut self: std::pin::Pin<&mut Self>, context: &mut std::task::Context<'_>) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.0).poll_shutdown(context)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_s_tls_settings_are_taken_out_and_read() {
        let target =
            PgTarget::parse("postgres://u:p@db.example:5432/shop?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem&application_name=sr")
                .unwrap();
        assert_eq!(target.mode, TlsMode::VerifyFull);
        assert_eq!(target.root_cert.as_deref(), Some("/etc/ca.pem"));
        assert_eq!(target.config.get_application_name(), Some("sr"));
        assert_eq!(target.config.get_ssl_mode(), SslMode::Require);
        assert_eq!(PgTarget::parse("postgres://u@localhost/shop").unwrap().mode, TlsMode::Prefer, "libpq's default");
        assert_eq!(PgTarget::parse("postgres://u@localhost/shop?sslmode=disable").unwrap().config.get_ssl_mode(), SslMode::Disable);
        // As libpq: a CA without a mode checks the certificate whole; with `require`, its CA.
        assert_eq!(PgTarget::parse("postgres://u@h/d?sslrootcert=/ca.pem").unwrap().mode, TlsMode::VerifyFull);
        assert_eq!(PgTarget::parse("postgres://u@h/d?sslmode=require&sslrootcert=/ca.pem").unwrap().mode, TlsMode::VerifyCa);
        // The key=value form keeps its mode too.
        let target = PgTarget::parse("host=db.example user=u dbname=d sslmode=verify-full sslrootcert='/etc/ca.pem'").unwrap();
        assert_eq!((target.mode, target.root_cert.as_deref()), (TlsMode::VerifyFull, Some("/etc/ca.pem")));
        assert_eq!(PgTarget::parse("host=/run/postgresql user=u sslmode=disable").unwrap().config.get_ssl_mode(), SslMode::Disable);
        for bad in ["postgres://u@h/d?sslmode=verify", "postgres://u@h/d?sslmode=", "postgres://u@h/d?sslrootcert=%zz"] {
            assert!(PgTarget::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_ca_file_that_cannot_be_read_is_refused_before_connecting() {
        let target = PgTarget::parse("postgres://u@localhost/d?sslmode=verify-full&sslrootcert=/nonexistent/ca.pem").unwrap();
        let refused = target.client_config().err().map(|error| error.to_string()).unwrap_or_default();
        assert!(refused.contains("sslrootcert"), "{refused}");
    }
}
