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

const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);
/// A request's head (and, on a kept-alive connection, the next one) must arrive within this.
const HEADER_TIMEOUT: Duration = Duration::from_secs(15);
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);
/// Open connections at most, and from one address at most (unless per-IP limits are off).
const MAX_CONNECTIONS: usize = 1024;
const MAX_CONNECTIONS_PER_IP: usize = 64;
/// The longest a connection lives (an idle HTTP/2 connection would otherwise hold a slot).
const MAX_CONNECTION_AGE: Duration = Duration::from_secs(600);

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
/// connections. `tls: None` serves plain HTTP (only for a TLS-terminating proxy in front).
/// `per_ip_limits` caps the connections one address (an IPv6 /64) may hold open; addresses off
/// `allow` (when it is not empty) are closed at once.
pub async fn serve(
    listener: TcpListener,
    app: axum::Router,
    tls: Option<Arc<rustls::ServerConfig>>,
    per_ip_limits: bool,
    allow: Vec<ipnet::IpNet>,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let graceful = GracefulShutdown::new();
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    let per_ip: Arc<Mutex<HashMap<IpAddr, usize>>> = Arc::default();
    let acceptor = tls.map(tokio_rustls::TlsAcceptor::from);
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
                if !allow.is_empty() && !allow.iter().any(|network| network.contains(&peer.ip().to_canonical())) {
                    continue; // off the allow-list: closed before TLS, holding nothing
                }
                let Ok(slot) = Arc::clone(&slots).try_acquire_owned() else {
                    tracing::warn!("refused a connection: {MAX_CONNECTIONS} are open");
                    continue;
                };
                let counted = {
                    let mut open = per_ip.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                    let count = open.entry(crate::limits::network_of(peer.ip())).or_insert(0);
                    if per_ip_limits && *count >= MAX_CONNECTIONS_PER_IP {
                        None
                    } else {
                        *count += 1;
                        Some(PerIp { open: Arc::clone(&per_ip), ip: crate::limits::network_of(peer.ip()) })
                    }
                };
                let Some(counted) = counted else {
                    tracing::warn!(ip = %peer.ip(), "refused a connection: too many open from this address");
                    continue;
                };
                let (app, acceptor, watcher) = (app.clone(), acceptor.clone(), graceful.watcher());
                tokio::spawn(async move {
                    connection(stream, peer, app, acceptor, watcher).await;
                    drop((slot, counted));
                });
            }
            () = &mut shutdown => break,
        }
    }
    drop(listener);
    tracing::info!(open = graceful.count(), "shutting down");
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(SHUTDOWN_GRACE) => tracing::warn!("connections still open after the grace period were closed"),
    }
    Ok(())
}

async fn connection(stream: TcpStream, peer: SocketAddr, app: axum::Router, acceptor: Option<tokio_rustls::TlsAcceptor>, watcher: Watcher) {
    let _ = stream.set_nodelay(true);
    let Some(acceptor) = acceptor else {
        return http(TokioIo::new(stream), peer, app, watcher, false).await;
    };
    let mut first = [0u8; 1];
    match tokio::time::timeout(HANDSHAKE_TIMEOUT, stream.peek(&mut first)).await {
        Ok(Ok(1)) if first[0] == 0x16 => {}
        Ok(Ok(1)) => return redirect_to_https(stream).await,
        _ => return,
    }
    match tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await {
        Ok(Ok(tls)) => {
            // The protocol was agreed in the handshake (ALPN), so hyper need not sniff the first
            // bytes for it, a read no timeout covers.
            let h2 = tls.get_ref().1.alpn_protocol() == Some(b"h2");
            http(TokioIo::new(tls), peer, app, watcher, h2).await
        }
        Ok(Err(error)) => tracing::debug!(%error, "TLS handshake failed"),
        Err(_) => tracing::debug!("TLS handshake timed out"),
    }
}

async fn http<I>(io: TokioIo<I>, peer: SocketAddr, app: axum::Router, watcher: Watcher, h2: bool)
where
    I: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
        request.extensions_mut().insert(ConnectInfo(peer));
        app.clone().oneshot(request)
    });
    let mut builder = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
    builder = if h2 { builder.http2_only() } else { builder.http1_only() };
    // Without a timer hyper enforces no header timeout: a client trickling (or not sending) its
    // request would hold the connection forever.
    builder.http1().timer(TokioTimer::new()).header_read_timeout(HEADER_TIMEOUT);
    builder.http2().timer(TokioTimer::new()).keep_alive_interval(Duration::from_secs(30)).keep_alive_timeout(Duration::from_secs(10));
    let connection = builder.serve_connection_with_upgrades(io, service);
    // However busy or idle, a connection ends after this long; browsers open a new one.
    match tokio::time::timeout(MAX_CONNECTION_AGE, watcher.watch(connection.into_owned())).await {
        Ok(Err(error)) => tracing::debug!(%error, "connection ended with an error"),
        Ok(Ok(())) => {}
        Err(_) => tracing::debug!("connection closed at its maximum age"),
    }
}

/// Answers a plain-HTTP request on the HTTPS port with a permanent redirect to the same host
/// over HTTPS (to `/`: the path is not carried over, so no link leaks into a plain request).
async fn redirect_to_https(mut stream: TcpStream) {
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
    let response = match host_of(&head) {
        Some(host) => {
            format!("HTTP/1.1 308 Permanent Redirect\r\nLocation: https://{host}/\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
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
    use super::host_of;

    #[test]
    fn only_plain_host_names_are_redirected_to() {
        assert_eq!(host_of(b"GET / HTTP/1.1\r\nHost: shop.local:8443\r\n\r\n").as_deref(), Some("shop.local:8443"));
        assert_eq!(host_of(b"GET / HTTP/1.1\r\nhost: [::1]:8443\r\n\r\n").as_deref(), Some("[::1]:8443"));
        assert_eq!(host_of(b"GET / HTTP/1.1\r\nHost: evil.example/phish\r\n\r\n"), None);
        assert_eq!(host_of(b"GET / HTTP/1.1\r\n\r\n"), None);
        assert_eq!(host_of(b"\xff\xfe"), None);
    }
}
