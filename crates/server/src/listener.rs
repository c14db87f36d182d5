//! Accepting connections: TLS per connection with a handshake timeout, plain HTTP on the same
//! port answered only with a redirect to HTTPS, and a graceful shutdown that lets requests in
//! flight finish.

use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::graceful::{GracefulShutdown, Watcher};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tower::ServiceExt;

use crate::crowd::{Crowd, Refusal};

/// The first byte and the whole TLS handshake must arrive within this: a stalled handshake holds
/// a slot no longer (it was 10 s for the first byte and 10 s more for the handshake).
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(5);
/// A request's head (and, on a kept-alive connection, the next one) must arrive within this.
const HEADER_TIMEOUT: Duration = Duration::from_secs(15);
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);
/// The longest a connection lives; browsers open a new one.
const MAX_CONNECTION_AGE: Duration = Duration::from_secs(600);
/// Connections over a cap that are answered "busy, try again" at once (each a TLS handshake
/// and a short response within [`BUSY_ANSWER_TIMEOUT`]); more than this are closed unanswered.
const BUSY_ANSWERS: usize = 16;
const BUSY_ANSWER_TIMEOUT: Duration = Duration::from_secs(2);
/// How often the refusals are logged, as one line.
const REFUSAL_SUMMARY_EVERY: Duration = Duration::from_secs(10);

/// How the listener admits connections.
#[derive(Debug, Clone)]
pub struct Listening {
    /// `None` serves plain HTTP (only for a TLS-terminating proxy in front).
    pub tls: Option<Arc<rustls::ServerConfig>>,
    /// Caps the connections one address (an IPv6 /64) may hold open.
    pub per_ip_limits: bool,
    /// Addresses off this list (when it is not empty) are closed at once.
    pub allow: Vec<ipnet::IpNet>,
    pub max_connections: usize,
    pub max_connections_per_address: usize,
    /// Of `max_connections`, how many only addresses of people signed in just now may take: a
    /// crowd of connections from elsewhere cannot leave the shop's own staff without a slot.
    pub kept_for_signed_in: usize,
    /// A connection with no request in flight and none begun for this long is closed (an
    /// HTTP/2 connection that only answers pings would otherwise hold its slot for its whole
    /// maximum age of ten minutes).
    pub idle_timeout: Duration,
    /// Where plain HTTP on the HTTPS port is sent.
    pub redirect: HttpsRedirect,
    /// Who signed in lately, and the refusals to summarise; shared with the routes.
    pub crowd: Arc<Crowd>,
}

impl Listening {
    /// The defaults: at most 1,024 connections, 64 per address, 256 of them kept for signed-in
    /// people; limits per address on.
    pub fn new(tls: Option<Arc<rustls::ServerConfig>>, crowd: Arc<Crowd>) -> Listening {
        Listening {
            tls,
            per_ip_limits: true,
            allow: Vec::new(),
            max_connections: 1024,
            max_connections_per_address: 64,
            kept_for_signed_in: 256,
            idle_timeout: Duration::from_secs(45),
            redirect: HttpsRedirect::default(),
            crowd,
        }
    }
}

/// Where a plain-HTTP request on the HTTPS port is sent: to the same host when it names one the
/// server answers to (its certificate's names), else to the shop's public address. Never to
/// whatever `Host` a request claims.
#[derive(Debug, Clone, Default)]
pub struct HttpsRedirect {
    /// `https://shop-pc.local:8443`.
    pub public_url: Option<String>,
    /// The names the server answers to (`localhost`, `shop-pc.local`, `192.168.1.10`).
    pub known_hosts: Vec<String>,
}

impl HttpsRedirect {
    /// The `Location` for a request whose `Host` is `host` (if any), arriving on `port`.
    fn location(&self, host: Option<&str>, port: u16) -> Option<String> {
        let named = host.and_then(|host| {
            let name = match host.rsplit_once(':') {
                Some((name, digits)) if !name.ends_with(':') && digits.bytes().all(|b| b.is_ascii_digit()) => name,
                _ => host,
            };
            let bare = name.trim_start_matches('[').trim_end_matches(']').to_ascii_lowercase();
            self.known_hosts.iter().any(|known| known.eq_ignore_ascii_case(&bare)).then(|| format!("https://{name}:{port}/"))
        });
        named.or_else(|| self.public_url.as_ref().map(|url| format!("{}/", url.trim_end_matches('/'))))
    }
}

/// Counts a connection against its address while it is open.
struct PerIp {
    open: Arc<Mutex<HashMap<IpAddr, usize>>>,
    ip: IpAddr,
}

impl Drop for PerIp {
    fn drop(&mut self) {
        let mut open = self.open.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(count) = open.get_mut(&self.ip) {
            *count -= 1;
            if *count == 0 {
                open.remove(&self.ip);
            }
        }
    }
}

/// Serves `app` on `listener` until `shutdown` completes, then waits up to ten seconds for open
/// connections. A connection over a cap is answered "busy, try again" (HTTP 503) at once where
/// that is cheap, never held; refusals are logged as one summary line every ten seconds.
pub async fn serve(
    listener: TcpListener,
    app: axum::Router,
    listening: Listening,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let graceful = GracefulShutdown::new();
    let slots = Arc::new(tokio::sync::Semaphore::new(listening.max_connections));
    let busy_answers = Arc::new(tokio::sync::Semaphore::new(BUSY_ANSWERS));
    let per_ip: Arc<Mutex<HashMap<IpAddr, usize>>> = Arc::default();
    let port = listener.local_addr()?.port();
    let acceptor = listening.tls.clone().map(tokio_rustls::TlsAcceptor::from);
    // Busy answers are HTTP/1.1 only, so their handshake offers no HTTP/2.
    let busy_acceptor = listening.tls.as_ref().map(|tls| {
        let mut config = (**tls).clone();
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        tokio_rustls::TlsAcceptor::from(Arc::new(config))
    });
    let redirect = Arc::new(listening.redirect.clone());
    let crowd = Arc::clone(&listening.crowd);
    let summaries = tokio::spawn(async move {
        loop {
            tokio::time::sleep(REFUSAL_SUMMARY_EVERY).await;
            if let Some(summary) = crowd.take_summary() {
                tracing::warn!("{summary} in the last {} s", REFUSAL_SUMMARY_EVERY.as_secs());
            }
        }
    });
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, peer) = match accepted {
                    Ok(accepted) => accepted,
                    Err(error) => {
                        // Out of file descriptors and the like: pause instead of spinning.
                        tracing::warn!(%error, "accept failed");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let ip = peer.ip();
                if !listening.allow.is_empty() && !listening.allow.iter().any(|network| network.contains(&ip.to_canonical())) {
                    listening.crowd.refused(ip, Refusal::NotAllowed);
                    continue; // off the allow-list: closed before TLS, holding nothing
                }
                let kept = if listening.crowd.is_signed_in(ip) { 0 } else { listening.kept_for_signed_in };
                let slot = (slots.available_permits() > kept).then(|| Arc::clone(&slots).try_acquire_owned().ok()).flatten();
                let Some(slot) = slot else {
                    listening.crowd.refused(ip, Refusal::TotalCap);
                    answer_busy(stream, busy_acceptor.clone(), &busy_answers);
                    continue;
                };
                let counted = {
                    let mut open = per_ip.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                    let count = open.entry(crate::limits::network_of(ip)).or_insert(0);
                    if listening.per_ip_limits && *count >= listening.max_connections_per_address {
                        None
                    } else {
                        *count += 1;
                        Some(PerIp { open: Arc::clone(&per_ip), ip: crate::limits::network_of(ip) })
                    }
                };
                let Some(counted) = counted else {
                    drop(slot);
                    listening.crowd.refused(ip, Refusal::PerAddressCap);
                    answer_busy(stream, busy_acceptor.clone(), &busy_answers);
                    continue;
                };
                let (app, acceptor, watcher, redirect) = (app.clone(), acceptor.clone(), graceful.watcher(), Arc::clone(&redirect));
                let idle_timeout = listening.idle_timeout;
                tokio::spawn(async move {
                    connection(stream, peer, app, acceptor, watcher, &redirect, port, idle_timeout).await;
                    drop((slot, counted));
                });
            }
            () = &mut shutdown => break,
        }
    }
    drop(listener);
    summaries.abort();
    if let Some(summary) = listening.crowd.take_summary() {
        tracing::warn!("{summary} before shutting down");
    }
    tracing::info!(open = graceful.count(), "shutting down");
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(SHUTDOWN_GRACE) => tracing::warn!("connections still open after the grace period were closed"),
    }
    Ok(())
}

/// Tells a connection over a cap to come back in a moment (HTTP 503 with `Retry-After`), after
/// a TLS handshake of at most two seconds, so a browser shows a page instead of a reset; only
/// [`BUSY_ANSWERS`] at a time, the rest are closed at once.
fn answer_busy(stream: TcpStream, acceptor: Option<tokio_rustls::TlsAcceptor>, answers: &Arc<tokio::sync::Semaphore>) {
    let Ok(permit) = Arc::clone(answers).try_acquire_owned() else {
        return;
    };
    tokio::spawn(async move {
        const BUSY: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\nContent-Type: text/plain; charset=utf-8\r\n\
                              Content-Length: 57\r\nConnection: close\r\n\r\nStrongroom is busy. Try again in a few seconds, please.\r\n";
        let _ = tokio::time::timeout(BUSY_ANSWER_TIMEOUT, async move {
            match acceptor {
                Some(acceptor) => {
                    if let Ok(tls) = acceptor.accept(stream).await {
                        answer(tls, BUSY).await;
                    }
                }
                None => answer(stream, BUSY).await,
            }
        })
        .await;
        drop(permit);
    });
}

/// Reads a request's head (8 KiB at most) before answering and closing: closing a socket with
/// unread bytes makes the kernel reset the connection, and the client would lose the answer.
async fn answer<S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin>(mut stream: S, response: &[u8]) {
    let mut head = Vec::with_capacity(1024);
    let mut buffer = [0u8; 1024];
    while head.len() < 8192 && !head.windows(4).any(|window| window == b"\r\n\r\n") {
        match stream.read(&mut buffer).await {
            Ok(0) | Err(_) => break,
            Ok(n) => head.extend_from_slice(&buffer[..n]),
        }
    }
    let _ = stream.write_all(response).await;
    let _ = stream.shutdown().await;
}

#[allow(clippy::too_many_arguments)]
async fn connection(
    stream: TcpStream,
    peer: SocketAddr,
    app: axum::Router,
    acceptor: Option<tokio_rustls::TlsAcceptor>,
    watcher: Watcher,
    redirect: &HttpsRedirect,
    port: u16,
    idle_timeout: Duration,
) {
    let _ = stream.set_nodelay(true);
    let Some(acceptor) = acceptor else {
        return http(TokioIo::new(stream), peer, app, watcher, false, idle_timeout).await;
    };
    let deadline = tokio::time::Instant::now() + HANDSHAKE_TIMEOUT;
    let mut first = [0u8; 1];
    match tokio::time::timeout_at(deadline, stream.peek(&mut first)).await {
        Ok(Ok(1)) if first[0] == 0x16 => {}
        Ok(Ok(1)) => return redirect_to_https(stream, redirect, port).await,
        _ => return,
    }
    match tokio::time::timeout_at(deadline, acceptor.accept(stream)).await {
        Ok(Ok(tls)) => {
            // The protocol was agreed in the handshake (ALPN), so hyper need not sniff the first
            // bytes for it, a read no timeout covers.
            let h2 = tls.get_ref().1.alpn_protocol() == Some(b"h2");
            http(TokioIo::new(tls), peer, app, watcher, h2, idle_timeout).await
        }
        Ok(Err(error)) => tracing::debug!(%error, "TLS handshake failed"),
        Err(_) => tracing::debug!("TLS handshake timed out"),
    }
}

/// When a connection last began or finished a request, and how many it has in flight.
#[derive(Debug)]
struct Activity {
    in_flight: std::sync::atomic::AtomicUsize,
    last: Mutex<tokio::time::Instant>,
}

impl Activity {
    fn touch(&self) {
        *self.last.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = tokio::time::Instant::now();
    }

    /// How long the connection has had nothing to do (zero while a request is in flight).
    fn idle_for(&self) -> Duration {
        if self.in_flight.load(std::sync::atomic::Ordering::SeqCst) > 0 {
            return Duration::ZERO;
        }
        self.last.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).elapsed()
    }
}

/// Counts a request in flight for as long as it lives.
struct InFlight(Arc<Activity>);

impl InFlight {
    fn begin(activity: &Arc<Activity>) -> InFlight {
        activity.in_flight.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        activity.touch();
        InFlight(Arc::clone(activity))
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.touch();
        self.0.in_flight.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    }
}

async fn http<I>(io: TokioIo<I>, peer: SocketAddr, app: axum::Router, watcher: Watcher, h2: bool, idle_timeout: Duration)
where
    I: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let activity = Arc::new(Activity { in_flight: Default::default(), last: Mutex::new(tokio::time::Instant::now()) });
    let counted = Arc::clone(&activity);
    let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
        request.extensions_mut().insert(ConnectInfo(peer));
        let in_flight = InFlight::begin(&counted);
        let response = app.clone().oneshot(request);
        async move {
            let response = response.await;
            drop(in_flight);
            response
        }
    });
    let mut builder = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
    builder = if h2 { builder.http2_only() } else { builder.http1_only() };
    // Without a timer hyper enforces no header timeout: a client trickling (or not sending) its
    // request would hold the connection forever.
    builder.http1().timer(TokioTimer::new()).header_read_timeout(HEADER_TIMEOUT);
    builder.http2().timer(TokioTimer::new()).keep_alive_interval(Duration::from_secs(30)).keep_alive_timeout(Duration::from_secs(10));
    let connection = watcher.watch(builder.serve_connection_with_upgrades(io, service).into_owned());
    let idle = async {
        loop {
            let idle_for = activity.idle_for();
            if idle_for >= idle_timeout {
                return;
            }
            tokio::time::sleep(idle_timeout - idle_for).await;
        }
    };
    tokio::select! {
        ended = connection => if let Err(error) = ended {
            tracing::debug!(%error, "connection ended with an error");
        },
        () = idle => tracing::debug!("closed a connection idle for {} s", idle_timeout.as_secs()),
        // However busy, a connection ends after this long; browsers open a new one.
        () = tokio::time::sleep(MAX_CONNECTION_AGE) => tracing::debug!("connection closed at its maximum age"),
    }
}

/// Answers a plain-HTTP request on the HTTPS port with a permanent redirect to HTTPS, to a host
/// the server answers to (see [`HttpsRedirect`]), at `/`: the path is not carried over, so no
/// link leaks into a plain request.
async fn redirect_to_https(mut stream: TcpStream, redirect: &HttpsRedirect, port: u16) {
    let mut head = Vec::with_capacity(1024);
    let mut buffer = [0u8; 1024];
    let read = tokio::time::timeout(HANDSHAKE_TIMEOUT, async {
        while head.len() < 8192 && !head.windows(4).any(|window| window == b"\r\n\r\n") {
            match stream.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(n) => head.extend_from_slice(&buffer[..n]),
            }
        }
    })
    .await;
    if read.is_err() {
        return;
    }
    let response = match redirect.location(host_of(&head).as_deref(), port) {
        Some(location) => {
            format!("HTTP/1.1 308 Permanent Redirect\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        }
        None => {
            "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 23\r\nConnection: close\r\n\r\nUse https:// to connect"
                .into()
        }
    };
    let _ = stream.write_all(response.as_bytes()).await;
    let _ = stream.shutdown().await;
}

/// The `Host` header of a request head, if it is a plain host name or address with a port.
fn host_of(head: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(head).ok()?;
    let host = text.lines().skip(1).find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.trim().eq_ignore_ascii_case("host").then(|| value.trim().to_owned())
    })?;
    let valid = !host.is_empty() && host.len() <= 255 && host.chars().all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c));
    valid.then_some(host)
}

#[cfg(test)]
mod tests {
    use super::{HttpsRedirect, host_of};

    #[test]
    fn plain_http_is_sent_only_to_a_host_the_server_answers_to() {
        let redirect = HttpsRedirect {
            public_url: Some("https://shop-pc.local:8443".into()),
            known_hosts: vec!["localhost".into(), "shop-pc.local".into(), "::1".into()],
        };
        assert_eq!(redirect.location(Some("localhost:8443"), 8443).as_deref(), Some("https://localhost:8443/"));
        assert_eq!(redirect.location(Some("SHOP-PC.local"), 8443).as_deref(), Some("https://SHOP-PC.local:8443/"));
        assert_eq!(redirect.location(Some("[::1]:8443"), 8443).as_deref(), Some("https://[::1]:8443/"));
        for claimed in [Some("evil.example"), Some("evil.example:8443"), None] {
            assert_eq!(redirect.location(claimed, 8443).as_deref(), Some("https://shop-pc.local:8443/"), "{claimed:?}");
        }
        assert_eq!(HttpsRedirect::default().location(Some("evil.example"), 8443), None, "no public address: a plain refusal");
    }

    #[test]
    fn only_plain_host_names_are_redirected_to() {
        assert_eq!(host_of(b"GET / HTTP/1.1\r\nHost: shop.local:8443\r\n\r\n").as_deref(), Some("shop.local:8443"));
        assert_eq!(host_of(b"GET / HTTP/1.1\r\nhost: [::1]:8443\r\n\r\n").as_deref(), Some("[::1]:8443"));
        assert_eq!(host_of(b"GET / HTTP/1.1\r\nHost: evil.example/phish\r\n\r\n"), None);
        assert_eq!(host_of(b"GET / HTTP/1.1\r\n\r\n"), None);
        assert_eq!(host_of(b"\xff\xfe"), None);
    }
}
