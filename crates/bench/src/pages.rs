//! The sign-in benchmark: the real server on loopback, driven over TLS by keep-alive clients of
//! its own. It measures sign-ins per second at the default Argon2id parameters, and how many
//! requests per second a cheap signed-in page (`/me`) serves alone and while hundreds of
//! wrong-password attempts hammer `/login` (per-IP limits off: a flood from many addresses).

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use rustls::pki_types::ServerName;
use strongroom_app::Vault;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use strongroom_server::{ServerOptions, ServerState, TlsIdentity};

/// What the benchmark measured.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoginBench {
    pub login_per_s: f64,
    pub health_rps: f64,
    pub health_rps_during_login_flood: f64,
    pub flood_connections: usize,
    pub flood_attempts_per_s: f64,
}

/// One keep-alive HTTP/1.1 connection over TLS.
struct Connection {
    tls: tokio_rustls::client::TlsStream<tokio::net::TcpStream>,
    buffer: Vec<u8>,
}

impl Connection {
    async fn open(address: SocketAddr, config: Arc<rustls::ClientConfig>) -> std::io::Result<Connection> {
        let tcp = tokio::net::TcpStream::connect(address).await?;
        tcp.set_nodelay(true)?;
        let name = ServerName::try_from("localhost").map_err(std::io::Error::other)?;
        let tls = tokio_rustls::TlsConnector::from(config).connect(name, tcp).await?;
        Ok(Connection { tls, buffer: Vec::with_capacity(8192) })
    }

    /// Sends a request and reads the whole response; returns the status, `Set-Cookie` values
    /// and body.
    async fn send(&mut self, request: &[u8]) -> std::io::Result<(u16, Vec<String>, String)> {
        self.tls.write_all(request).await?;
        loop {
            if let Some(end) = self.buffer.windows(4).position(|window| window == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&self.buffer[..end]).into_owned();
                let length: usize = head
                    .lines()
                    .find_map(|line| line.split_once(':').filter(|(name, _)| name.eq_ignore_ascii_case("content-length")))
                    .and_then(|(_, value)| value.trim().parse().ok())
                    .unwrap_or(0);
                while self.buffer.len() < end + 4 + length {
                    self.fill().await?;
                }
                let body = String::from_utf8_lossy(&self.buffer[end + 4..end + 4 + length]).into_owned();
                self.buffer.drain(..end + 4 + length);
                let status = head.split(' ').nth(1).and_then(|code| code.parse().ok()).unwrap_or(0);
                let cookies = head
                    .lines()
                    .filter_map(|line| line.split_once(':'))
                    .filter(|(name, _)| name.eq_ignore_ascii_case("set-cookie"))
                    .map(|(_, value)| value.trim().split(';').next().unwrap_or_default().to_owned())
                    .collect();
                return Ok((status, cookies, body));
            }
            self.fill().await?;
        }
    }

    async fn fill(&mut self) -> std::io::Result<()> {
        let mut chunk = [0u8; 8192];
        let n = self.tls.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        self.buffer.extend_from_slice(&chunk[..n]);
        Ok(())
    }
}

fn get(path: &str, cookie: &str) -> Vec<u8> {
    format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nCookie: {cookie}\r\n\r\n").into_bytes()
}

fn post_login(cookie: &str, username: &str, password: &str, csrf: &str) -> Vec<u8> {
    post_form("/login", cookie, &format!("username={username}&password={}&csrf={csrf}", password.replace(' ', "+")))
}

fn post_form(path: &str, cookie: &str, body: &str) -> Vec<u8> {
    format!(
        "POST {path} HTTP/1.1\r\nHost: localhost\r\nCookie: {cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// The value of a page's first hidden `csrf` field.
fn csrf_of(page: &str) -> String {
    let marker = "name=\"csrf\" value=\"";
    page.split_once(marker).and_then(|(_, rest)| rest.split('"').next()).unwrap_or_default().to_owned()
}

/// A connection that has fetched the sign-in page: its pre-session cookie and CSRF token.
async fn login_ready(address: SocketAddr, config: Arc<rustls::ClientConfig>) -> std::io::Result<(Connection, String, String)> {
    let mut connection = Connection::open(address, config).await?;
    let (_, cookies, body) = connection.send(&get("/login", "")).await?;
    let cookie = cookies.into_iter().next().unwrap_or_default();
    let csrf = csrf_of(&body);
    Ok((connection, cookie, csrf))
}

/// Requests per second of `/me` by `clients` keep-alive connections for `period`.
async fn health_rps(
    address: SocketAddr,
    config: &Arc<rustls::ClientConfig>,
    session_cookie: &str,
    clients: usize,
    period: Duration,
) -> std::io::Result<f64> {
    let served = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let mut connection = Connection::open(address, Arc::clone(config)).await?;
        let (served, stop, request) = (Arc::clone(&served), Arc::clone(&stop), get("/me", session_cookie));
        tasks.push(tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                match connection.send(&request).await {
                    Ok((200, _, _)) => {
                        served.fetch_add(1, Ordering::Relaxed);
                    }
                    _ => break,
                }
            }
        }));
    }
    let started = Instant::now();
    tokio::time::sleep(period).await;
    stop.store(true, Ordering::Relaxed);
    let elapsed = started.elapsed().as_secs_f64();
    let count = served.load(Ordering::Relaxed);
    for task in tasks {
        let _ = task.await;
    }
    Ok(count as f64 / elapsed)
}

/// The real server on a loopback port with a throwaway self-signed certificate, and a client
/// configuration that trusts it.
struct BenchServer {
    dir: std::path::PathBuf,
    config: Arc<rustls::ClientConfig>,
    address: SocketAddr,
    stop_server: tokio::sync::oneshot::Sender<()>,
    server: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl BenchServer {
    async fn start(vault: Arc<Vault>) -> std::io::Result<BenchServer> {
        // A directory of its own per server: its key is sealed with this vault's keys.
        let dir = std::env::temp_dir().join(format!("strongroom-bench-tls-{}-{}", std::process::id(), uuid::Uuid::now_v7()));
        let identity =
            TlsIdentity::load_or_create_self_signed(&dir, &["localhost".into()], vault.as_ref()).map_err(std::io::Error::other)?;
        let mut roots = rustls::RootCertStore::empty();
        roots.add(identity.leaf_certificate().clone()).map_err(std::io::Error::other)?;
        let config = Arc::new(
            rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::aws_lc_rs::default_provider()))
                .with_safe_default_protocol_versions()
                .map_err(std::io::Error::other)?
                .with_root_certificates(roots)
                .with_no_client_auth(),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let address = listener.local_addr()?;
        let options = ServerOptions { listen: address, per_ip_limits: false, ..ServerOptions::default() };
        let state = Arc::new(ServerState::new(vault, options));
        let (stop_server, stopped) = tokio::sync::oneshot::channel::<()>();
        let tls = strongroom_server::server_config(&identity).map_err(std::io::Error::other)?;
        let listening = state.listening(Some(tls));
        let server = tokio::spawn(strongroom_server::serve(listener, strongroom_server::router(state), listening, async {
            let _ = stopped.await;
        }));
        Ok(BenchServer { dir, config, address, stop_server, server })
    }

    async fn stop(self) {
        let _ = self.stop_server.send(());
        let _ = self.server.await;
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The search page's time: a search (`POST /customers`) for each query, one after another on one
/// keep-alive connection, timed at the client (so it includes TLS and loopback: an upper bound
/// of the server's time). `session` is the cookie value of a ready session of someone who may
/// read customers. Returns the 50th and 99th percentiles in milliseconds.
pub async fn search_page_bench(vault: Arc<Vault>, session: &str, queries: &[String]) -> std::io::Result<(f64, f64)> {
    let bench = BenchServer::start(vault).await?;
    let cookie = format!("{}={session}", strongroom_server::SESSION_COOKIE);
    let mut connection = Connection::open(bench.address, Arc::clone(&bench.config)).await?;
    let (_, _, page) = connection.send(&get("/customers", &cookie)).await?;
    let csrf = csrf_of(&page);
    let mut times = Vec::with_capacity(queries.len());
    for query in queries {
        let encoded: String =
            query
                .bytes()
                .map(|byte| {
                    if byte.is_ascii_alphanumeric() || b".-_".contains(&byte) { (byte as char).to_string() } else { format!("%{byte:02X}") }
                })
                .collect();
        let request = post_form("/customers", &cookie, &format!("q={encoded}&csrf={csrf}"));
        let started = Instant::now();
        let (status, _, body) = connection.send(&request).await?;
        times.push(started.elapsed());
        if status != 200 || !body.contains("found") {
            return Err(std::io::Error::other(format!("the search page answered {status} without a match")));
        }
    }
    bench.stop().await;
    times.sort();
    let ms = |fraction: f64| crate::percentile(&times, fraction) * 1000.0;
    Ok((ms(0.5), ms(0.99)))
}

/// A signed-in page's time: `n` requests for `path` one after another on one keep-alive
/// connection, timed at the client (TLS and loopback included). `session` is the cookie value of
/// a ready session allowed to see the page. Returns the 50th and 99th percentiles in milliseconds.
pub async fn page_bench(vault: Arc<Vault>, session: &str, path: &str, n: usize) -> std::io::Result<(f64, f64)> {
    let bench = BenchServer::start(vault).await?;
    let cookie = format!("{}={session}", strongroom_server::SESSION_COOKIE);
    let mut connection = Connection::open(bench.address, Arc::clone(&bench.config)).await?;
    let mut times = Vec::with_capacity(n);
    for _ in 0..n {
        let request = get(path, &cookie);
        let started = Instant::now();
        let (status, _, _) = connection.send(&request).await?;
        times.push(started.elapsed());
        if status != 200 {
            return Err(std::io::Error::other(format!("{path} answered {status}")));
        }
    }
    bench.stop().await;
    times.sort();
    let ms = |fraction: f64| crate::percentile(&times, fraction) * 1000.0;
    Ok((ms(0.5), ms(0.99)))
}

/// Runs the benchmark against `vault`, which must hold `username` with `password` and no second
/// factor to give (an external auditor), and the cookie value of a ready session (`session`).
pub async fn login_bench(vault: Arc<Vault>, username: &str, password: &str, session: &str, flood: usize) -> std::io::Result<LoginBench> {
    let bench = BenchServer::start(vault).await?;
    let (address, config) = (bench.address, Arc::clone(&bench.config));
    let session_cookie = format!("{}={session}", strongroom_server::SESSION_COOKIE);
    let mut figures = LoginBench { flood_connections: flood, ..LoginBench::default() };

    // Sign-ins per second: four clients signing in with the right password, back to back.
    let logins = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let mut tasks = Vec::new();
    for _ in 0..4 {
        let (mut connection, cookie, csrf) = login_ready(address, Arc::clone(&config)).await?;
        let request = post_login(&cookie, username, password, &csrf);
        let (logins, stop) = (Arc::clone(&logins), Arc::clone(&stop));
        tasks.push(tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                match connection.send(&request).await {
                    Ok((303, _, _)) => {
                        logins.fetch_add(1, Ordering::Relaxed);
                    }
                    _ => break,
                }
            }
        }));
    }
    let started = Instant::now();
    tokio::time::sleep(Duration::from_secs(3)).await;
    stop.store(true, Ordering::Relaxed);
    figures.login_per_s = logins.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64();
    for task in tasks {
        let _ = task.await;
    }

    figures.health_rps = health_rps(address, &config, &session_cookie, 4, Duration::from_secs(3)).await?;

    // The flood: `flood` connections posting wrong passwords for unknown and known names.
    let attempts = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let mut tasks = Vec::new();
    for n in 0..flood {
        let (attempts, stop, config) = (Arc::clone(&attempts), Arc::clone(&stop), Arc::clone(&config));
        let target = if n % 2 == 0 { username.to_owned() } else { format!("intruder{n}") };
        tasks.push(tokio::spawn(async move {
            let Ok((mut connection, cookie, csrf)) = login_ready(address, config).await else { return };
            let request = post_login(&cookie, &target, "guess guess guess", &csrf);
            while !stop.load(Ordering::Relaxed) {
                match connection.send(&request).await {
                    Ok(_) => {
                        attempts.fetch_add(1, Ordering::Relaxed);
                    }
                    Err(_) => break,
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let before = attempts.load(Ordering::Relaxed);
    let started = Instant::now();
    figures.health_rps_during_login_flood = health_rps(address, &config, &session_cookie, 4, Duration::from_secs(3)).await?;
    figures.flood_attempts_per_s = (attempts.load(Ordering::Relaxed) - before) as f64 / started.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    for task in tasks {
        task.abort();
    }
    bench.stop().await;
    Ok(figures)
}
