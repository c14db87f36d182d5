//! What the server's test targets share: a vault on a fresh SQLite file and the real server
//! started on a loopback port with a self-signed certificate.

#![allow(dead_code)] // each test target uses a part of this

pub mod clamd;

use std::net::SocketAddr;
use std::sync::Arc;

use strongroom_app::{ClientInfo, InitOptions, KeySource, SessionStage, Vault, VaultSettings};
use strongroom_domain::{Actor, Country, Currency, Role, StaffName};
use strongroom_identity::{Password, TotpSecret};
use strongroom_server::{ServerOptions, ServerState, TlsIdentity};

pub const PASSWORD: &str = "regen op het dak van de kerk";

/// A running server and what a test needs to talk to it.
pub struct Running {
    pub address: SocketAddr,
    pub client_config: Arc<rustls::ClientConfig>,
    pub vault: Arc<Vault>,
    pub dir: tempfile::TempDir,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

pub async fn start(options: ServerOptions) -> Running {
    start_with(options, settings()).await
}

/// A Dutch shop's settings.
pub fn settings() -> VaultSettings {
    VaultSettings::new(Country::parse("NL").unwrap(), Currency::EUR)
}

pub async fn start_with(options: ServerOptions, settings: VaultSettings) -> Running {
    start_tuned(options, settings, |_| {}).await
}

/// [`start_with`], with the listener's limits changed by `tune` (smaller caps, to reach them in a test).
pub async fn start_tuned(options: ServerOptions, settings: VaultSettings, tune: impl FnOnce(&mut strongroom_server::Listening)) -> Running {
    start_made(options, settings, tune, |_, _| {}).await
}

/// A server whose uploads are scanned as `antivirus` says.
pub async fn start_scanning(options: ServerOptions, antivirus: strongroom_app::antivirus::Antivirus) -> Running {
    start_made(options, settings(), |_| {}, |vault, _| vault.set_antivirus(antivirus)).await
}

/// A server whose shop backs up into the folder `backups` of its temporary directory.
pub async fn start_with_backups(options: ServerOptions) -> Running {
    start_made(
        options,
        settings(),
        |_| {},
        |vault, dir| {
            let folder = dir.join("backups");
            std::fs::create_dir_all(&folder).unwrap();
            vault.set_backup_plan(strongroom_app::BackupPlan {
                configured: Some(strongroom_domain::BackupSettings { folders: vec![folder], ..Default::default() }),
                settings_file: Some("backend = \"sqlite\"\ndefault_country = \"NL\"\ncurrency = \"EUR\"\n".into()),
                data_dir: Some(dir.to_owned()),
            });
        },
    )
    .await
}

/// [`start_tuned`], with the vault prepared by `prepare` (given the server's directory) first.
async fn start_made(
    options: ServerOptions,
    settings: VaultSettings,
    tune: impl FnOnce(&mut strongroom_server::Listening),
    prepare: impl FnOnce(&mut Vault, &std::path::Path),
) -> Running {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = strongroom_store::SqliteStore::open(&dir.path().join("vault.sqlite")).unwrap();
    let (_, key) = strongroom_crypto::ShopKey::generate_key_file().unwrap();
    let mut vault = Vault::init(Box::new(store), &KeySource::KeyFile(key), InitOptions::default(), settings, &Actor::cli("owner")).unwrap();
    // Browsers reach the test server as https://localhost:PORT, so passkeys are bound to that.
    vault.set_web_origin(&format!("https://localhost:{}", address.port())).unwrap();
    vault.set_shop_name("Juwelier Van Dijk");
    vault.set_shop_contact(strongroom_app::ShopContact {
        address: Some("Kalverstraat 12, Amsterdam".into()),
        phone: Some("020 555 0101".into()),
    });
    prepare(&mut vault, dir.path());
    let vault = Arc::new(vault);
    let identity =
        TlsIdentity::load_or_create_self_signed(&dir.path().join("tls"), &["localhost".into(), "127.0.0.1".into()], vault.as_ref())
            .unwrap();
    let mut roots = rustls::RootCertStore::empty();
    roots.add(identity.leaf_certificate().clone()).unwrap();
    let client_config = Arc::new(
        rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::aws_lc_rs::default_provider()))
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_root_certificates(roots)
            .with_no_client_auth(),
    );
    let state = Arc::new(ServerState::new(Arc::clone(&vault), options));
    let (shutdown, stop) = tokio::sync::oneshot::channel::<()>();
    let tls = strongroom_server::server_config(&identity).unwrap();
    let mut listening = state.listening(Some(tls));
    listening.redirect.known_hosts = vec!["localhost".into(), "127.0.0.1".into()];
    listening.redirect.public_url = Some(format!("https://localhost:{}", address.port()));
    tune(&mut listening);
    tokio::spawn(strongroom_server::serve(listener, strongroom_server::router(state), listening, async {
        let _ = stop.await;
    }));
    Running { address, client_config, vault, dir, _shutdown: shutdown }
}

/// A sales person who has enrolled an authenticator; returns its secret and recovery codes.
pub fn enrolled_sales(vault: &Vault, username: &str) -> (TotpSecret, Vec<strongroom_identity::HumanCode>) {
    enrolled(vault, username, Role::Sales)
}

/// Someone in `role` (one that sees customers) who has enrolled an authenticator.
pub fn enrolled(vault: &Vault, username: &str, role: Role) -> (TotpSecret, Vec<strongroom_identity::HumanCode>) {
    let code = vault.add_staff(&Actor::cli("owner"), &StaffName::parse(username).unwrap(), role, None).unwrap().code.unwrap();
    let client = ClientInfo::default();
    let session = vault.enrol(username, code.as_str(), &Password::new(PASSWORD), &client).unwrap();
    assert_eq!(session.stage, SessionStage::EnrolSecondFactor);
    let enrolment = vault.begin_totp_enrolment(session.token.as_str()).unwrap();
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let (codes, _) = vault.confirm_totp_enrolment(session.token.as_str(), &enrolment.secret.code_at(now), &client).unwrap();
    (enrolment.secret, codes)
}

/// An HTTP response as a test sees it.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
    }

    /// The value of the first hidden `csrf` field of the page.
    pub fn csrf(&self) -> String {
        let start = self.body.find("name=\"csrf\" value=\"").expect("a CSRF field") + "name=\"csrf\" value=\"".len();
        self.body[start..].split('"').next().unwrap().to_owned()
    }
}

/// One HTTP/1.1 request over a fresh TLS connection to the server.
pub async fn exchange(server: &Running, method: &str, path: &str, headers: &[(&str, String)], body: &[u8]) -> Response {
    try_exchange(server, method, path, headers, body).await.expect("a TLS connection and an HTTP response")
}

/// [`exchange`], or `None` when the connection or the handshake fails or no response comes.
pub async fn try_exchange(server: &Running, method: &str, path: &str, headers: &[(&str, String)], body: &[u8]) -> Option<Response> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let connector = tokio_rustls::TlsConnector::from(Arc::clone(&server.client_config));
    let tcp = tokio::net::TcpStream::connect(server.address).await.ok()?;
    let mut tls = connector.connect(rustls::pki_types::ServerName::try_from("localhost").unwrap(), tcp).await.ok()?;
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    tls.write_all(head.as_bytes()).await.ok()?;
    tls.write_all(body).await.ok()?;
    let mut raw = Vec::new();
    let _ = tls.read_to_end(&mut raw).await;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n")?;
    let mut lines = head.lines();
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers =
        lines.filter_map(|line| line.split_once(':')).map(|(name, value)| (name.trim().to_owned(), value.trim().to_owned())).collect();
    Some(Response { status, headers, body: body.to_owned() })
}

/// An outside program a test drives (sslscan, schemathesis), if installed. CI installs them, so
/// there a missing one fails the test instead of skipping it.
pub fn outside_tool(program: &'static str) -> Option<&'static str> {
    let found = std::process::Command::new(program).arg("--version").output().is_ok_and(|output| output.status.success());
    if !found && std::env::var("CI").as_deref() == Ok("true") {
        panic!("CI must install {program} (.ci/run does)");
    }
    found.then_some(program)
}
