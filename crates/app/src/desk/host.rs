//! The facts the doctor reads from the machine Strongroom runs on: file modes and disks, disk
//! encryption, the firewall, updates, the clock, free space, the TLS certificate and ClamAV. Each
//! is read where Linux keeps it (Debian's places first); what cannot be read is `None`, and the
//! doctor says it could not tell rather than guess.

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Where Strongroom's files are.
#[derive(Clone, Debug, Default)]
pub struct HostPaths {
    pub data_dir: PathBuf,
    /// The shop key file, when the vault is unlocked with one (not a passphrase).
    pub key_file: Option<PathBuf>,
    pub backup_dirs: Vec<PathBuf>,
    /// The server's TLS certificate (PEM), if there is one.
    pub tls_cert: Option<PathBuf>,
}

/// What the doctor found on the machine.
#[derive(Clone, Debug, Default)]
pub struct HostFacts {
    pub data_dir_mode: Option<u32>,
    pub key_file_mode: Option<u32>,
    pub key_file_inside_data_dir: bool,
    /// Backup folders on the same disk as the key file.
    pub key_file_beside_backups: Vec<PathBuf>,
    /// Whether the data directory's disk is encrypted (dm-crypt/LUKS); `None` when unknown.
    pub disk_encrypted: Option<bool>,
    /// The firewall found on, by name (`ufw`, `firewalld`, `nftables`); `None` when none found.
    pub firewall: Option<String>,
    /// Days since the package lists were last refreshed, and whether unattended upgrades are on.
    pub updates_refreshed_days: Option<u64>,
    pub automatic_updates: Option<bool>,
    pub clock_synchronised: Option<bool>,
    /// Free space on the data directory's disk: bytes free and the share free.
    pub free_bytes: Option<u64>,
    pub free_share: Option<f64>,
    /// Days until the TLS certificate expires (negative: expired).
    pub certificate_days_left: Option<i64>,
    pub clamd_running: bool,
    /// Days since ClamAV's signatures were last updated.
    pub signatures_days: Option<u64>,
}

fn days_since(time: SystemTime) -> Option<u64> {
    SystemTime::now().duration_since(time).ok().map(|age| age.as_secs() / 86_400)
}

fn mode_of(path: &Path) -> Option<u32> {
    fs::metadata(path).ok().map(|meta| meta.permissions().mode() & 0o777)
}

fn device_of(path: &Path) -> Option<u64> {
    fs::metadata(path).ok().map(|meta| meta.dev())
}

/// Whether the block device holding `path` is a dm-crypt mapping (LUKS), from sysfs.
fn encrypted(path: &Path) -> Option<bool> {
    let dev = device_of(path)?;
    let (major, minor) = (rustix::fs::major(dev), rustix::fs::minor(dev));
    let block = fs::canonicalize(format!("/sys/dev/block/{major}:{minor}")).ok()?;
    // The device itself, or one it is built on (a partition inside a LUKS container).
    let mut candidates = vec![block.clone()];
    if let Ok(slaves) = fs::read_dir(block.join("slaves")) {
        candidates.extend(slaves.flatten().map(|entry| entry.path()));
    }
    let crypt = |dir: &PathBuf| fs::read_to_string(dir.join("dm/uuid")).is_ok_and(|uuid| uuid.starts_with("CRYPT-"));
    // A disk sysfs knows and no dm-crypt under it: not encrypted. (An overlay or network disk,
    // as in a container, has no entry there: `None`, could not tell.)
    Some(candidates.iter().any(crypt))
}

fn firewall() -> Option<String> {
    let ufw = fs::read_to_string("/etc/ufw/ufw.conf").is_ok_and(|conf| conf.lines().any(|line| line.trim() == "ENABLED=yes"));
    if ufw {
        return Some("ufw".into());
    }
    if Path::new("/run/firewalld").exists() {
        return Some("firewalld".into());
    }
    let nft = fs::read_to_string("/etc/nftables.conf").is_ok_and(|conf| conf.contains("hook input") && conf.contains("policy drop"));
    nft.then(|| "nftables".into())
}

fn automatic_updates() -> Option<bool> {
    let conf = fs::read_to_string("/etc/apt/apt.conf.d/20auto-upgrades").ok()?;
    Some(conf.lines().any(|line| line.contains("Unattended-Upgrade") && line.contains("\"1\"")))
}

fn clock_synchronised() -> Option<bool> {
    if Path::new("/run/systemd/timesync/synchronized").exists() {
        return Some(true);
    }
    if Path::new("/run/chrony").exists() || Path::new("/run/chronyd.pid").exists() {
        return Some(true);
    }
    Path::new("/run/systemd/system").exists().then_some(false)
}

fn free_space(path: &Path) -> (Option<u64>, Option<f64>) {
    match rustix::fs::statvfs(path) {
        Ok(stat) if stat.f_blocks > 0 => {
            let free = stat.f_bavail.saturating_mul(stat.f_frsize);
            (Some(free), Some(stat.f_bavail as f64 / stat.f_blocks as f64))
        }
        _ => (None, None),
    }
}

/// Days until the first certificate in the PEM file expires.
pub fn certificate_days_left(pem: &[u8]) -> Option<i64> {
    let (_, pem) = x509_parser::pem::parse_x509_pem(pem).ok()?;
    let cert = pem.parse_x509().ok()?;
    let not_after = cert.validity().not_after.timestamp();
    Some((not_after - time::OffsetDateTime::now_utc().unix_timestamp()).div_euclid(86_400))
}

fn signatures_days() -> Option<u64> {
    let entries = fs::read_dir("/var/lib/clamav").ok()?;
    entries
        .flatten()
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "cvd" || ext == "cld" || ext == "hdb" || ext == "cud"))
        .filter_map(|entry| entry.metadata().and_then(|meta| meta.modified()).ok())
        .max()
        .and_then(days_since)
}

impl HostFacts {
    /// Reads the facts for Strongroom's files at `paths`.
    pub fn probe(paths: &HostPaths) -> HostFacts {
        let key_device = paths.key_file.as_deref().and_then(device_of);
        let key_file_inside_data_dir = paths.key_file.as_deref().is_some_and(|key| {
            let (key, data) = (
                fs::canonicalize(key).unwrap_or_else(|_| key.to_owned()),
                fs::canonicalize(&paths.data_dir).unwrap_or_else(|_| paths.data_dir.clone()),
            );
            key.starts_with(data)
        });
        let beside = paths.backup_dirs.iter().filter(|dir| key_device.is_some() && device_of(dir) == key_device).cloned().collect();
        let (free_bytes, free_share) = free_space(&paths.data_dir);
        let lists = fs::metadata("/var/lib/apt/lists").and_then(|meta| meta.modified()).ok();
        let stamp = fs::metadata("/var/lib/apt/periodic/update-success-stamp").and_then(|meta| meta.modified()).ok();
        HostFacts {
            data_dir_mode: mode_of(&paths.data_dir),
            key_file_mode: paths.key_file.as_deref().and_then(mode_of),
            key_file_inside_data_dir,
            key_file_beside_backups: beside,
            disk_encrypted: encrypted(&paths.data_dir),
            firewall: firewall(),
            updates_refreshed_days: stamp.or(lists).and_then(days_since),
            automatic_updates: automatic_updates(),
            clock_synchronised: clock_synchronised(),
            free_bytes,
            free_share,
            certificate_days_left: paths
                .tls_cert
                .as_deref()
                .and_then(|path| fs::read(path).ok())
                .and_then(|pem| certificate_days_left(&pem)),
            clamd_running: Path::new("/run/clamav/clamd.ctl").exists(),
            signatures_days: signatures_days(),
        }
    }
}
