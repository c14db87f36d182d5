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
    /// The shop key file, or the passphrase file, the vault was opened with (none when the
    /// passphrase was typed).
    pub key_file: Option<PathBuf>,
    pub backup_dirs: Vec<PathBuf>,
    /// The server's TLS certificate (PEM), if there is one.
    pub tls_cert: Option<PathBuf>,
    /// Where ClamAV's `clamd` listens (the shop's `[antivirus]` setting).
    pub clamd: crate::antivirus::ClamdAddress,
}

/// What the doctor found on the machine.
#[derive(Clone, Debug, Default)]
pub struct HostFacts {
    pub data_dir_mode: Option<u32>,
    /// Whether a key or passphrase file was given to check (its mode `None` then means unreadable).
    pub key_file_given: bool,
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
    // The device and those it is built on, a few levels down (LVM inside LUKS).
    let mut candidates = vec![block.clone()];
    let mut level = vec![block];
    for _ in 0..4 {
        let below: Vec<PathBuf> = level
            .iter()
            .filter_map(|dir| fs::read_dir(dir.join("slaves")).ok())
            .flat_map(|entries| entries.flatten().map(|entry| entry.path()))
            .collect();
        candidates.extend(below.iter().cloned());
        level = below;
    }
    // Only encryption counts: dm-verity and dm-integrity are `CRYPT-` too.
    let crypt = |dir: &PathBuf| {
        fs::read_to_string(dir.join("dm/uuid"))
            .is_ok_and(|uuid| ["CRYPT-LUKS", "CRYPT-PLAIN", "CRYPT-BITLK", "CRYPT-TCRYPT"].iter().any(|kind| uuid.starts_with(kind)))
    };
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
    // nftables counts only when its service starts at boot and its input chain drops by default.
    let enabled = Path::new("/etc/systemd/system/sysinit.target.wants/nftables.service").exists()
        || Path::new("/etc/systemd/system/multi-user.target.wants/nftables.service").exists();
    let drops = fs::read_to_string("/etc/nftables.conf").is_ok_and(|conf| {
        conf.lines()
            .map(str::trim)
            .filter(|line| !line.starts_with('#'))
            .any(|line| line.contains("hook input") && line.contains("policy drop"))
    });
    (enabled && drops).then(|| "nftables".into())
}

fn automatic_updates() -> Option<bool> {
    let conf = fs::read_to_string("/etc/apt/apt.conf.d/20auto-upgrades").ok()?;
    let on = conf
        .lines()
        .map(str::trim)
        .filter(|line| !line.starts_with("//"))
        .any(|line| line.contains("Unattended-Upgrade") && line.contains("\"1\""));
    Some(on && Path::new("/usr/bin/unattended-upgrade").exists())
}

/// What systemd says of the clock now (files a stopped service left behind are not asked).
fn clock_synchronised() -> Option<bool> {
    let output = std::process::Command::new("timedatectl").args(["show", "--property=NTPSynchronized", "--value"]).output().ok()?;
    match String::from_utf8_lossy(&output.stdout).trim() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

/// The disk of each backup folder that answers within two seconds (a hanging network share is
/// left out rather than hang the doctor).
fn backup_devices(dirs: &[PathBuf]) -> Vec<(PathBuf, Option<u64>)> {
    dirs.iter()
        .map(|dir| {
            let (sender, receiver) = std::sync::mpsc::channel();
            let owned = dir.clone();
            std::thread::spawn(move || sender.send(device_of(&owned)));
            (dir.clone(), receiver.recv_timeout(std::time::Duration::from_secs(2)).ok().flatten())
        })
        .collect()
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
        let beside = backup_devices(&paths.backup_dirs)
            .into_iter()
            .filter(|(_, device)| key_device.is_some() && *device == key_device)
            .map(|(dir, _)| dir)
            .collect();
        let (free_bytes, free_share) = free_space(&paths.data_dir);
        let lists = fs::metadata("/var/lib/apt/lists").and_then(|meta| meta.modified()).ok();
        let stamp = fs::metadata("/var/lib/apt/periodic/update-success-stamp").and_then(|meta| meta.modified()).ok();
        HostFacts {
            data_dir_mode: mode_of(&paths.data_dir),
            key_file_given: paths.key_file.is_some(),
            key_file_mode: paths.key_file.as_deref().and_then(mode_of),
            key_file_inside_data_dir,
            key_file_beside_backups: beside,
            disk_encrypted: encrypted(&paths.data_dir),
            firewall: firewall(),
            updates_refreshed_days: stamp.max(lists).and_then(days_since),
            automatic_updates: automatic_updates(),
            clock_synchronised: clock_synchronised(),
            free_bytes,
            free_share,
            certificate_days_left: paths
                .tls_cert
                .as_deref()
                .and_then(|path| fs::read(path).ok())
                .and_then(|pem| certificate_days_left(&pem)),
            clamd_running: paths.clamd.answers(),
            signatures_days: signatures_days(),
        }
    }
}
