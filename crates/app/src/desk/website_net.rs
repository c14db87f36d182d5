//! The website visit's connections: every read and write held to one deadline (so a site
//! that answers a byte at a time cannot hold `serve`'s housekeeping), the name looked up once
//! within it, errors in plain words, and an HTTP response's head read and taken apart.

use std::io::{ErrorKind, Read, Write};
use std::net::{IpAddr, SocketAddr, TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

/// The most one connection attempt, and then one read or write, may take.
const CONNECT: Duration = Duration::from_secs(3);
const IO: Duration = Duration::from_secs(5);
/// The most of a response's head that is read.
const HEAD_BYTES: usize = 32 * 1024;

/// The moment the whole visit must be over by.
#[derive(Clone, Copy, Debug)]
pub(super) struct Deadline(pub(super) Instant);

impl Deadline {
    /// The time one step may take: at most `step`, and never past the deadline.
    fn left(self, step: Duration) -> std::io::Result<Duration> {
        let left = self.0.saturating_duration_since(Instant::now()).min(step);
        if left.is_zero() { Err(std::io::Error::new(ErrorKind::TimedOut, "no answer in time")) } else { Ok(left) }
    }
}

/// A connection whose every read and write is held to the deadline.
pub(super) struct Timed {
    stream: TcpStream,
    deadline: Deadline,
}

impl Read for Timed {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        self.stream.set_read_timeout(Some(self.deadline.left(IO)?))?;
        self.stream.read(buffer)
    }
}

impl Write for Timed {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.stream.set_write_timeout(Some(self.deadline.left(IO)?))?;
        self.stream.write(bytes)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.stream.flush()
    }
}

/// An error in plain words.
pub(super) fn words(error: &std::io::Error) -> String {
    match error.kind() {
        ErrorKind::TimedOut | ErrorKind::WouldBlock => "no answer in time".into(),
        ErrorKind::ConnectionRefused => "the connection was refused".into(),
        ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted | ErrorKind::UnexpectedEof => "the connection was broken off".into(),
        _ => error.to_string(),
    }
}

/// The host's addresses, looked up once, within the deadline (the system's resolver has none
/// of its own).
pub(super) fn resolve(host: &str, deadline: Deadline) -> Result<Vec<IpAddr>, String> {
    if let Ok(ip) = host.parse::<IpAddr>() {
        return Ok(vec![ip]);
    }
    let (sender, receiver) = std::sync::mpsc::channel();
    let name = host.to_owned();
    std::thread::spawn(move || {
        let _ = sender.send((name.as_str(), 0).to_socket_addrs().map(|found| found.map(|address| address.ip()).collect::<Vec<_>>()));
    });
    match receiver.recv_timeout(deadline.left(CONNECT).map_err(|error| words(&error))?) {
        Ok(Ok(found)) if !found.is_empty() => Ok(found),
        Ok(_) => Err(format!("the name {host} was not found")),
        Err(_) => Err(format!("the name {host} was not found in time")),
    }
}

pub(super) fn connect(addresses: &[IpAddr], port: u16, deadline: Deadline) -> std::io::Result<Timed> {
    let mut last = std::io::Error::new(ErrorKind::NotFound, "no address");
    for ip in addresses {
        match TcpStream::connect_timeout(&SocketAddr::new(*ip, port), deadline.left(CONNECT)?) {
            Ok(stream) => return Ok(Timed { stream, deadline }),
            Err(error) => last = error,
        }
    }
    Err(last)
}

/// Reads a response's head (up to the blank line, or [`HEAD_BYTES`]).
pub(super) fn read_head(stream: &mut impl Read) -> std::io::Result<String> {
    let mut head = Vec::new();
    let mut buffer = [0u8; 4096];
    let mut end = None;
    while end.is_none() && head.len() < HEAD_BYTES {
        let from = head.len().saturating_sub(3);
        match stream.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => head.extend_from_slice(&buffer[..read]),
            // A server that closes without close_notify has still said what it said.
            Err(error) if !head.is_empty() && error.kind() == ErrorKind::UnexpectedEof => break,
            Err(error) => return Err(error),
        }
        end = head[from..].windows(4).position(|window| window == b"\r\n\r\n").map(|at| from + at);
    }
    Ok(String::from_utf8_lossy(&head[..end.unwrap_or(head.len())]).into_owned())
}

/// The status and the headers (names lower-cased) of a response's head.
pub(super) fn parse_head(head: &str) -> Option<(u16, Vec<(String, String)>)> {
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

pub(super) fn request(authority: &str, path: &str) -> String {
    format!("GET {path} HTTP/1.1\r\nHost: {authority}\r\nUser-Agent: Strongroom doctor\r\nAccept: */*\r\nConnection: close\r\n\r\n")
}

/// At most `n` characters of what a server said, for a sentence.
pub(super) fn cut(text: &str, n: usize) -> String {
    if text.chars().count() <= n { text.to_owned() } else { text.chars().take(n).chain(['…']).collect() }
}
