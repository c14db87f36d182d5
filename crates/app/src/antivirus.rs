//! Files from outside are scanned by ClamAV before a byte of them is read (issue 16): the web
//! import's upload now, device lists and evidence files as they come. The file is streamed to
//! `clamd` (its `INSTREAM` command, over its Unix socket or TCP); an infected file is refused
//! with the signature's name and recorded (`upload.infected`), and never parsed, kept or echoed.
//! When `clamd` cannot be reached (or cannot take the file) the upload is refused too, unless the
//! shop's `[antivirus] allow_unscanned_uploads` lets it in unscanned, which is recorded
//! (`upload.unscanned`) each time.
//!
//! Protocol: `zINSTREAM\0`, then chunks as `length (4 bytes, big-endian) ‖ bytes`, then a zero
//! length; clamd answers `stream: OK`, `stream: <signature> FOUND`, or `<reason> ERROR`, ended by
//! a NUL. Its `StreamMaxLength` (25 MB in Debian's clamd.conf) caps what it takes; its
//! `MaxFileSize` and `MaxScanSize` cap what it reads of that (beyond them it says OK unread, so
//! the three are raised together).
//!
//! clamd keeps what it is sent in a file of its `TemporaryDirectory` while it scans it: that is
//! the one place an upload is plaintext on disk, for the seconds of the scan (a tmpfs there
//! keeps it off the disk). It travels unencrypted, so clamd must be on this machine: a socket,
//! or a loopback address.

use std::fmt;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use strongroom_domain::{Actor, AuditAction, Outcome};

use crate::trail::draft::EventDraft;
use crate::{AppError, ImportSource, Vault};

/// Where `clamd` listens: Debian's socket by default.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClamdAddress {
    Socket(PathBuf),
    /// `host:port`, for a clamd on another machine or in a container.
    Tcp(String),
}

impl Default for ClamdAddress {
    fn default() -> Self {
        ClamdAddress::Socket(PathBuf::from("/run/clamav/clamd.ctl"))
    }
}

impl fmt::Display for ClamdAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClamdAddress::Socket(path) => write!(f, "{}", path.display()),
            ClamdAddress::Tcp(address) => f.write_str(address),
        }
    }
}

impl ClamdAddress {
    /// An absolute socket path, or `host:port` on this machine: what is scanned travels to clamd
    /// unencrypted, so another machine is not accepted.
    pub fn parse(text: &str) -> Result<ClamdAddress, String> {
        let text = text.trim();
        if text.starts_with('/') {
            return Ok(ClamdAddress::Socket(PathBuf::from(text)));
        }
        let shape = || format!("{text:?} is neither a socket path (/run/clamav/clamd.ctl) nor host:port (127.0.0.1:3310)");
        let (host, port) = text.rsplit_once(':').ok_or_else(shape)?;
        if host.is_empty() || !port.parse::<u16>().is_ok_and(|port| port > 0) {
            return Err(shape());
        }
        let loopback = host == "localhost" || host.trim_matches(['[', ']']).parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback());
        if !loopback {
            return Err(format!(
                "{text:?} is not on this machine; files go to clamd unencrypted, so use its socket or a loopback address (127.0.0.1:3310)"
            ));
        }
        Ok(ClamdAddress::Tcp(text.to_owned()))
    }

    /// A connection within `deadline` (a full listen queue or a silent host gives up then).
    fn connect(&self, deadline: Instant) -> std::io::Result<Connection> {
        let left = left_until(deadline)?;
        let socket = match self {
            ClamdAddress::Socket(path) => {
                let socket = socket2::Socket::new(socket2::Domain::UNIX, socket2::Type::STREAM, None)?;
                socket.connect_timeout(&socket2::SockAddr::unix(path)?, left)?;
                socket
            }
            ClamdAddress::Tcp(address) => {
                let mut last = std::io::Error::other(format!("{address} has no address"));
                let mut connected = None;
                for resolved in std::net::ToSocketAddrs::to_socket_addrs(address)? {
                    let socket = socket2::Socket::new(socket2::Domain::for_address(resolved), socket2::Type::STREAM, None)?;
                    match socket.connect_timeout(&resolved.into(), left_until(deadline)?) {
                        Ok(()) => {
                            connected = Some(socket);
                            break;
                        }
                        Err(error) => last = error,
                    }
                }
                connected.ok_or(last)?
            }
        };
        Ok(Connection { socket, deadline })
    }

    /// Whether clamd answers `PING` within a second.
    pub fn answers(&self) -> bool {
        let Ok(mut connection) = self.connect(Instant::now() + Duration::from_secs(1)) else { return false };
        connection.send(b"zPING\0").is_ok() && connection.reply().is_ok_and(|answer| answer == "PONG")
    }

    /// Streams `file` to clamd and reads its verdict, all within [`SCAN_TIMEOUT`].
    pub fn scan(&self, file: &mut dyn Read) -> Result<Verdict, ScanError> {
        let deadline = Instant::now() + SCAN_TIMEOUT;
        let mut connection = self.connect(deadline).map_err(|error| ScanError::Unreachable(format!("{self}: {error}")))?;
        match connection.stream(file) {
            // No end chunk went: clamd would wait for the rest, so nothing more is asked of it.
            Err(Streaming::Reading(error)) => Err(ScanError::Failed(format!("the file could not be read: {error}"))),
            // clamd stops reading at its size limit and says why: its answer tells more than a
            // broken pipe does, if it comes soon.
            Err(Streaming::Writing(error)) => {
                let _ = connection.socket.shutdown(std::net::Shutdown::Write);
                connection.deadline = deadline.min(Instant::now() + Duration::from_secs(5));
                match connection.reply() {
                    Ok(answer) => verdict(&answer),
                    Err(_) => Err(ScanError::Failed(format!("clamd at {self} stopped taking the file: {error}"))),
                }
            }
            Ok(()) => connection
                .reply()
                .map_err(|error| ScanError::Failed(format!("clamd at {self}: {error}")))
                .and_then(|answer| verdict(&answer)),
        }
    }
}

/// How long one scan may take, from connecting to the verdict: clamd's own limit is two minutes.
const SCAN_TIMEOUT: Duration = Duration::from_secs(150);
/// Bytes per `INSTREAM` chunk.
const CHUNK: usize = 64 * 1024;
/// The longest signature name taken from clamd's answer.
const MAX_SIGNATURE: usize = 200;

fn left_until(deadline: Instant) -> std::io::Result<Duration> {
    deadline
        .checked_duration_since(Instant::now())
        .filter(|left| !left.is_zero())
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::TimedOut, "clamd took too long"))
}

/// A connection to clamd whose every read and write ends by one deadline.
struct Connection {
    socket: socket2::Socket,
    deadline: Instant,
}

enum Streaming {
    Reading(std::io::Error),
    Writing(std::io::Error),
}

impl Connection {
    fn send(&mut self, mut bytes: &[u8]) -> std::io::Result<()> {
        while !bytes.is_empty() {
            self.socket.set_write_timeout(Some(left_until(self.deadline)?))?;
            match self.socket.write(bytes) {
                Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
                Ok(written) => bytes = &bytes[written..],
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
                Err(error) => return Err(error),
            }
        }
        Ok(())
    }

    fn stream(&mut self, file: &mut dyn Read) -> Result<(), Streaming> {
        self.send(b"zINSTREAM\0").map_err(Streaming::Writing)?;
        let mut buffer = zeroize::Zeroizing::new(vec![0u8; CHUNK]);
        loop {
            let read = match file.read(&mut buffer) {
                Ok(read) => read,
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(error) => return Err(Streaming::Reading(error)),
            };
            let length = u32::try_from(read).expect("a chunk is 64 KiB").to_be_bytes();
            self.send(&length).map_err(Streaming::Writing)?;
            if read == 0 {
                return Ok(());
            }
            self.send(&buffer[..read]).map_err(Streaming::Writing)?;
        }
    }

    /// clamd's answer up to its NUL (or the end of the connection), at most 1 KiB.
    fn reply(&mut self) -> std::io::Result<String> {
        let mut answer = Vec::new();
        let mut buffer = [0u8; 256];
        while answer.len() < 1024 && !answer.contains(&0) {
            self.socket.set_read_timeout(Some(left_until(self.deadline)?))?;
            match self.socket.read(&mut buffer) {
                Ok(0) if answer.is_empty() => return Err(std::io::Error::other("clamd closed the connection without an answer")),
                Ok(0) => break,
                Ok(read) => answer.extend_from_slice(&buffer[..read]),
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
                Err(error) => return Err(error),
            }
        }
        let end = answer.iter().position(|&byte| byte == 0).unwrap_or(answer.len());
        Ok(String::from_utf8_lossy(&answer[..end]).trim().to_owned())
    }
}

/// What clamd said of a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Clean,
    Infected { signature: String },
}

/// Why a file was not scanned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScanError {
    /// clamd is not running, or not where the settings say.
    Unreachable(String),
    /// Larger than clamd's `StreamMaxLength`.
    TooLarge,
    Failed(String),
}

impl ScanError {
    /// Why, in a few words, for the trail (without the advice the refusal gives).
    pub fn reason(&self) -> String {
        match self {
            ScanError::Unreachable(why) => format!("clamd cannot be reached ({why})"),
            ScanError::TooLarge => "larger than clamd's StreamMaxLength".to_owned(),
            ScanError::Failed(why) => why.clone(),
        }
    }
}

impl fmt::Display for ScanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScanError::Unreachable(why) => write!(
                f,
                "the virus scanner cannot be reached ({why}), and files are not taken unscanned: start it (systemctl start clamav-daemon) and try again"
            ),
            ScanError::TooLarge => f.write_str(
                "the file is larger than the virus scanner takes (StreamMaxLength in clamd.conf); raise that limit or split the file",
            ),
            ScanError::Failed(why) => write!(f, "the virus scanner could not scan the file: {why}"),
        }
    }
}

/// clamd's answer to `INSTREAM`, read.
fn verdict(answer: &str) -> Result<Verdict, ScanError> {
    let answer = answer.strip_prefix("stream: ").unwrap_or(answer);
    if answer == "OK" {
        return Ok(Verdict::Clean);
    }
    if let Some(signature) = answer.strip_suffix(" FOUND") {
        // Only what a signature name is made of, so the name can be shown and recorded as is
        // (without the `(hash:size)` that clamd's ExtendedDetectionInfo adds).
        let signature = signature.split_once('(').map_or(signature, |(name, _)| name);
        let signature: String = signature
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':' | '/' | '!' | '+'))
            .take(MAX_SIGNATURE)
            .collect();
        let signature = if signature.is_empty() { "an unnamed signature".to_owned() } else { signature };
        return Ok(Verdict::Infected { signature });
    }
    if answer.contains("size limit exceeded") {
        return Err(ScanError::TooLarge);
    }
    let why: String = answer.strip_suffix(" ERROR").unwrap_or(answer).chars().take(200).collect();
    Err(ScanError::Failed(format!("clamd answered {why:?}")))
}

/// The shop's antivirus settings (`[antivirus]` in strongroom.toml).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Antivirus {
    pub clamd: ClamdAddress,
    /// Take files unscanned while clamd cannot scan them (false by default): a file carrying
    /// malware is then read and imported, and only the trail says it was not scanned.
    pub allow_unscanned_uploads: bool,
}

/// A small upload held in memory (a device list, a table), to be scanned like any other.
#[derive(Debug)]
pub struct InMemory<'a>(pub &'a [u8]);

impl ImportSource for InMemory<'_> {
    fn open(&self) -> std::io::Result<Box<dyn Read + Send + '_>> {
        Ok(Box::new(self.0))
    }

    fn name(&self) -> String {
        "the upload".to_owned()
    }
}

/// What became of an upload's scan, when it may be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UploadScan {
    Clean,
    /// Not scanned, let in by `allow_unscanned_uploads` (recorded).
    Unscanned,
}

impl Vault {
    /// Sets the antivirus settings (from the shop's settings).
    pub fn set_antivirus(&mut self, antivirus: Antivirus) {
        self.antivirus = antivirus;
    }

    pub fn antivirus(&self) -> &Antivirus {
        &self.antivirus
    }

    /// Scans `upload` (`what`: "customer import", …) before anything reads it. An infected file
    /// is refused and recorded; one that cannot be scanned is refused, or let in and recorded
    /// when the shop allows unscanned uploads.
    pub fn scan_upload(&self, actor: &Actor, what: &str, upload: &dyn ImportSource) -> Result<UploadScan, AppError> {
        let scanned = upload
            .open()
            .map_err(|error| ScanError::Failed(format!("the file could not be read: {error}")))
            .and_then(|mut file| self.antivirus.clamd.scan(&mut file));
        let (event, outcome) = match scanned {
            Ok(Verdict::Clean) => return Ok(UploadScan::Clean),
            Ok(Verdict::Infected { signature }) => {
                let event = EventDraft::new(actor, AuditAction::UploadInfected).detail(format!("{what}: {signature}"));
                (event.finish(Outcome::Denied), Err(AppError::Infected { signature }))
            }
            Err(why) if self.antivirus.allow_unscanned_uploads => {
                let event =
                    EventDraft::new(actor, AuditAction::UploadUnscanned).detail(format!("{what}: taken unscanned: {}", why.reason()));
                (event.finish(Outcome::Allowed), Ok(UploadScan::Unscanned))
            }
            Err(why) => {
                let event = EventDraft::new(actor, AuditAction::UploadUnscanned).detail(format!("{what}: refused: {}", why.reason()));
                (event.finish(Outcome::Denied), Err(AppError::NotScanned(why.to_string())))
            }
        };
        let mut tx = self.store.begin()?;
        self.record(tx.as_mut(), &[event])?;
        tx.commit()?;
        outcome
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clamd_answers_are_read() {
        assert_eq!(verdict("stream: OK"), Ok(Verdict::Clean));
        assert_eq!(
            verdict("stream: Eicar-Test-Signature.UNOFFICIAL FOUND"),
            Ok(Verdict::Infected { signature: "Eicar-Test-Signature.UNOFFICIAL".into() })
        );
        assert_eq!(verdict("stream: <script>x</script> FOUND"), Ok(Verdict::Infected { signature: "scriptx/script".into() }));
        assert_eq!(
            verdict("stream: Win.Test.EICAR_HDB-1(44d88612fea8a8f36de82e1278abb02f:68) FOUND"),
            Ok(Verdict::Infected { signature: "Win.Test.EICAR_HDB-1".into() })
        );
        assert_eq!(verdict("stream:  FOUND"), Ok(Verdict::Infected { signature: "an unnamed signature".into() }));
        assert_eq!(verdict("INSTREAM size limit exceeded. ERROR"), Err(ScanError::TooLarge));
        assert!(matches!(verdict("stream: Can't allocate memory ERROR"), Err(ScanError::Failed(why)) if why.contains("allocate")));
        assert!(matches!(verdict(""), Err(ScanError::Failed(_))));
    }

    #[test]
    fn addresses_are_a_socket_path_or_host_and_port() {
        assert_eq!(ClamdAddress::parse("/run/clamav/clamd.ctl"), Ok(ClamdAddress::default()));
        assert_eq!(ClamdAddress::parse(" 127.0.0.1:3310 "), Ok(ClamdAddress::Tcp("127.0.0.1:3310".into())));
        assert_eq!(ClamdAddress::parse("[::1]:3310"), Ok(ClamdAddress::Tcp("[::1]:3310".into())));
        assert_eq!(ClamdAddress::parse("localhost:3310"), Ok(ClamdAddress::Tcp("localhost:3310".into())));
        assert!(ClamdAddress::parse("192.168.1.20:3310").unwrap_err().contains("not on this machine"));
        for wrong in ["clamd.ctl", "localhost", "localhost:0", ":3310", "host:99999", "", "clamav.example.com:3310"] {
            assert!(ClamdAddress::parse(wrong).is_err(), "{wrong}");
        }
    }

    #[test]
    fn a_scanner_that_is_not_there_is_unreachable() {
        let dir = tempfile::tempdir().unwrap();
        let nowhere = ClamdAddress::Socket(dir.path().join("clamd.ctl"));
        assert!(!nowhere.answers());
        assert!(matches!(nowhere.scan(&mut &b"name\n"[..]), Err(ScanError::Unreachable(_))));
    }
}
