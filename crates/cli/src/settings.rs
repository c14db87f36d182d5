//! The CLI's settings, built once: defaults, then `strongroom.toml` in the data directory, then
//! `STRONGROOM_…` environment variables and flags (clap reads those), validated into [`Settings`].

use std::fs::{self, DirBuilder, File, OpenOptions};
use std::io::{IsTerminal, Read, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};
use strongroom_app::{KeySource, SecurityPolicy, ShopContact, VaultSettings};
use strongroom_crypto::Passphrase;
use strongroom_domain::{Country, Currency, Purposes};
use strongroom_store::StoreLocation;
use zeroize::Zeroizing;

use crate::KeyError;

pub const CONFIG_FILE: &str = "strongroom.toml";
pub const SQLITE_FILE: &str = "strongroom.sqlite";
/// Left in a data directory while a restore fills it: a vault does not open while it is there,
/// and the next restore into the directory clears what the unfinished one left.
pub const RESTORE_MARKER: &str = ".restore-unfinished";

/// `strongroom.toml`: written by `init`, never holding a secret.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// "sqlite" or "postgres"; the PostgreSQL URL (which may hold a password) is never stored
    /// here but passed with --database-url or STRONGROOM_DATABASE_URL.
    pub backend: String,
    /// ISO 3166 code of the shop's country: national phone numbers are read as this country's.
    pub default_country: String,
    pub currency: String,
    /// A signed checkpoint of the audit log after this many events (default 1000) …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checkpoint_every_events: Option<u64>,
    /// … or this many minutes, whichever comes first (default 60).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checkpoint_every_minutes: Option<u64>,
    /// The shop's own purposes of access, beside the standard ones (sale, repair, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra_purposes: Option<Vec<String>>,
    /// The shop's name: staff passwords may not be built from it; authenticator apps show it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shop_name: Option<String>,
    /// The shop's address and phone number, printed on the customer's copy of a job ticket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shop_address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shop_phone: Option<String>,
    /// The shop's time zone as an IANA name ("Europe/Amsterdam"): what "today" is on the pages
    /// (late jobs, collected today) and the zone their times are shown in. Default: this
    /// machine's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// Whose anti-money-laundering rules decide when a sale needs the buyer's identity recorded:
    /// NL, DE, BE, FR, GB, US or EU (default: the shop's country, or EU). A higher threshold than the
    /// law's means sales that needed a check go without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aml_rules: Option<String>,
    /// Years an erased customer's sales are kept for the tax authority after the end of the
    /// year of the sale (the shop's country's term when absent: NL 7, DE 8, BE and FR 10, UK 6,
    /// US 7). Shorter than the law's term means records the tax authority may ask for are gone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_retention_years: Option<u8>,
    /// After how many years without a sale, a job or a change a customer goes on the privacy
    /// officer's review list (1 to 20; 7 when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_after_years: Option<u8>,
    /// The sign-in policy; every setting left out keeps its secure default (see SECURITY.md for
    /// what relaxing each one costs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security: Option<SecurityConfig>,
    /// `[server]`: who may connect to `strongroom serve`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server: Option<ServerConfig>,
    /// `[backup]`: where backups go, and when `serve` makes the day's. Read until the owner
    /// saves backup settings on the backup page (then kept in the vault, and this is ignored).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup: Option<BackupConfig>,
    /// `[antivirus]`: where ClamAV's clamd listens, and whether files may come in unscanned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub antivirus: Option<AntivirusConfig>,
}

/// `[antivirus]` in `strongroom.toml`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AntivirusConfig {
    /// clamd's socket path or host:port (default "/run/clamav/clamd.ctl", Debian's).
    pub clamd: Option<String>,
    /// Take uploaded files unscanned while clamd cannot scan them (default false). A file
    /// carrying malware is then read and imported; only the audit trail says it was not scanned.
    pub allow_unscanned_uploads: Option<bool>,
}

/// `[backup]` in `strongroom.toml`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BackupConfig {
    /// Folders every backup goes to, as absolute paths: a USB disk, a NAS share, a
    /// cloud-synced folder. Best on another disk than the data, and one away from the shop.
    pub destinations: Option<Vec<String>>,
    /// When `serve` makes the day's backup, in the shop's time, "HH:MM" (default "02:00"); a
    /// PC that is off then makes it as soon as `serve` runs again.
    pub time: Option<String>,
    /// How many backups each folder keeps: the newest of each of the last days (default 7),
    /// weeks (4) and months (12). Older ones are deleted after a good backup. An erased
    /// customer stays in backups until they are deleted, so longer keeping costs privacy.
    pub keep_daily: Option<u32>,
    pub keep_weekly: Option<u32>,
    pub keep_monthly: Option<u32>,
}

/// `[server]` in `strongroom.toml`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerConfig {
    /// Networks allowed to connect, e.g. ["192.168.1.0/24"]; empty or absent allows any.
    pub allow: Option<Vec<String>>,
}

/// `[security]` in `strongroom.toml`: the fields of `strongroom_app::SecurityPolicy`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecurityConfig {
    pub require_second_factor: Option<bool>,
    pub idle_timeout_minutes: Option<u32>,
    pub session_hours: Option<u32>,
    pub password_reminder_days: Option<u32>,
    pub force_change_without_second_factor_days: Option<u32>,
    pub enrolment_code_hours: Option<u32>,
    pub lockout_after_failures: Option<u32>,
    pub step_up_minutes: Option<u32>,
}

impl SecurityConfig {
    fn policy(&self) -> Result<SecurityPolicy> {
        let defaults = SecurityPolicy::default();
        let policy = SecurityPolicy {
            require_second_factor: self.require_second_factor.unwrap_or(defaults.require_second_factor),
            idle_timeout_minutes: self.idle_timeout_minutes.unwrap_or(defaults.idle_timeout_minutes),
            session_hours: self.session_hours.unwrap_or(defaults.session_hours),
            password_reminder_days: self.password_reminder_days.unwrap_or(defaults.password_reminder_days),
            force_change_without_second_factor_days: self.force_change_without_second_factor_days,
            enrolment_code_hours: self.enrolment_code_hours.unwrap_or(defaults.enrolment_code_hours),
            lockout_after_failures: self.lockout_after_failures.unwrap_or(defaults.lockout_after_failures),
            step_up_minutes: self.step_up_minutes.unwrap_or(defaults.step_up_minutes),
        };
        policy.validate().map_err(|problem| anyhow::anyhow!("[security] in {CONFIG_FILE}: {problem}"))?;
        Ok(policy)
    }
}

/// Everything a command needs to open the vault.
#[derive(Debug, Clone)]
pub struct Settings {
    pub location: StoreLocation,
    pub purposes: Purposes,
    pub vault: VaultSettings,
    pub shop_name: String,
    pub shop_contact: ShopContact,
    /// Networks allowed to connect to the server (empty: any).
    pub allow: Vec<ipnet::IpNet>,
    /// The shop's time zone (`None`: this machine's).
    pub time_zone: Option<String>,
    /// `[backup]`: where backups go, when and for how long, until the owner saves settings
    /// of their own in the vault (the backup page, `strongroom backup settings`).
    pub backup: Option<strongroom_domain::BackupSettings>,
    /// `[antivirus]`: how uploads are scanned.
    pub antivirus: strongroom_app::antivirus::Antivirus,
}

impl Settings {
    /// Reads the settings of an initialised data directory.
    pub fn load(data_dir: &Path, database_url: Option<&str>) -> Result<Settings> {
        let config_path = data_dir.join(CONFIG_FILE);
        if !config_path.exists() {
            bail!(KeyError::NoVault(data_dir.to_owned()));
        }
        warn_if_exposed(data_dir, true);
        let text = fs::read_to_string(&config_path).with_context(|| format!("cannot read {}", config_path.display()))?;
        let config: ConfigFile = toml::from_str(&text).with_context(|| format!("{} is not valid", config_path.display()))?;
        Settings::from_config(data_dir, &config, database_url)
    }

    pub fn from_config(data_dir: &Path, config: &ConfigFile, database_url: Option<&str>) -> Result<Settings> {
        let location = match (config.backend.as_str(), database_url) {
            ("sqlite", _) => StoreLocation::Sqlite(data_dir.join(SQLITE_FILE)),
            ("postgres", Some(url)) => StoreLocation::Postgres { url: url.to_owned() },
            ("postgres", None) => bail!("this vault is on PostgreSQL: give --database-url or set STRONGROOM_DATABASE_URL"),
            (other, _) => bail!("unknown backend {other:?} in {CONFIG_FILE}; expected sqlite or postgres"),
        };
        let default_country = Country::parse(&config.default_country)?;
        let currency = Currency::parse(&config.currency)?;
        let mut vault = VaultSettings::new(default_country, currency);
        if let Some(events) = config.checkpoint_every_events {
            anyhow::ensure!(events >= 1, "checkpoint_every_events must be at least 1");
            vault.checkpoint_every_events = events;
        }
        if let Some(minutes) = config.checkpoint_every_minutes {
            vault.checkpoint_every_minutes = minutes;
        }
        vault.security = config.security.clone().unwrap_or_default().policy()?;
        if let Some(code) = &config.aml_rules {
            vault.aml_rules = strongroom_domain::AmlRulePack::for_code(code)?;
        }
        vault.tax_retention = strongroom_domain::TaxRetention::for_country(default_country.code(), config.tax_retention_years)?;
        if let Some(years) = config.review_after_years {
            anyhow::ensure!((1..=20).contains(&years), "review_after_years must be 1 to 20");
            vault.review_after_years = years;
        }
        let purposes = Purposes::with_extra(config.extra_purposes.as_deref().unwrap_or_default())?;
        let allow = config
            .server
            .as_ref()
            .and_then(|server| server.allow.as_ref())
            .map(|networks| networks.iter().map(|network| parse_network(network)).collect::<Result<Vec<_>>>())
            .transpose()
            .with_context(|| format!("[server] allow in {CONFIG_FILE}"))?
            .unwrap_or_default();
        let shop_contact = ShopContact { address: config.shop_address.clone(), phone: config.shop_phone.clone() };
        Ok(Settings {
            location,
            vault,
            purposes,
            shop_name: config.shop_name.clone().unwrap_or_default(),
            shop_contact,
            allow,
            time_zone: config.time_zone.clone(),
            backup: backup_settings(config),
            antivirus: antivirus_settings(config)?,
        })
    }
}

/// `[antivirus]`, checked; the defaults without one.
fn antivirus_settings(config: &ConfigFile) -> Result<strongroom_app::antivirus::Antivirus> {
    use strongroom_app::antivirus::{Antivirus, ClamdAddress};
    let Some(antivirus) = &config.antivirus else { return Ok(Antivirus::default()) };
    let clamd = match &antivirus.clamd {
        Some(text) => ClamdAddress::parse(text).map_err(|why| anyhow::anyhow!("[antivirus] clamd in {CONFIG_FILE}: {why}"))?,
        None => ClamdAddress::default(),
    };
    Ok(Antivirus { clamd, allow_unscanned_uploads: antivirus.allow_unscanned_uploads.unwrap_or(false) })
}

/// `[backup]`, checked as the backup page checks what the owner types; `None` without one. A
/// value the checks refuse (written by an older Strongroom, or by hand) never stops a command
/// (a restore least of all): it is left out or brought within bounds, with a warning, and the
/// owner saves settings of their own on the backup page.
fn backup_settings(config: &ConfigFile) -> Option<strongroom_domain::BackupSettings> {
    use strongroom_domain::{BackupSettings, RETENTION_MAX, Retention, TimeOfDay};
    let backup = config.backup.as_ref()?;
    let warn = |what: String| eprintln!("warning: [backup] in {CONFIG_FILE}: {what}");
    let default = BackupSettings::default();
    let time = match backup.time.as_deref().map(|text| TimeOfDay::parse("time", text)) {
        None => default.time,
        Some(Ok(time)) => time,
        Some(Err(error)) => {
            warn(format!("{error}; the backup is made at {}", default.time));
            default.time
        }
    };
    let count = |given: Option<u32>, least: u32, most: u32, fallback: u32, name: &str| {
        let wanted = given.unwrap_or(fallback);
        let kept = wanted.clamp(least, most);
        if kept != wanted {
            warn(format!("keep_{name} = {wanted} is out of bounds; {kept} is used"));
        }
        kept
    };
    let defaults = Retention::default();
    let keep = Retention {
        daily: count(backup.keep_daily, 1, RETENTION_MAX.daily, defaults.daily, "daily"),
        weekly: count(backup.keep_weekly, 0, RETENTION_MAX.weekly, defaults.weekly, "weekly"),
        monthly: count(backup.keep_monthly, 0, RETENTION_MAX.monthly, defaults.monthly, "monthly"),
    };
    // Each folder on its own, so one refused folder leaves the others in use.
    let mut folders: Vec<String> = Vec::new();
    for folder in backup.destinations.iter().flatten() {
        let mut with: Vec<&str> = folders.iter().map(String::as_str).collect();
        with.push(folder);
        match BackupSettings::folders(&with) {
            Ok(_) => folders.push(folder.clone()),
            Err(error) => warn(format!("{error}; that folder is left out")),
        }
    }
    let folders: Vec<&str> = folders.iter().map(String::as_str).collect();
    BackupSettings::new(&folders, time, keep).ok()
}

/// Creates the data directory owner-only, or checks an existing one holds no vault yet.
pub fn create_data_dir(data_dir: &Path) -> Result<()> {
    if data_dir.join(CONFIG_FILE).exists() {
        bail!("{} already holds a vault; nothing was changed", data_dir.display());
    }
    if !data_dir.exists() {
        DirBuilder::new().recursive(true).mode(0o700).create(data_dir).with_context(|| format!("cannot create {}", data_dir.display()))?;
    }
    Ok(())
}

pub fn write_config(data_dir: &Path, config: &ConfigFile) -> Result<()> {
    let text = format!("# Written by `strongroom init`. Holds no secrets.\n{}", toml::to_string(config)?);
    let path = data_dir.join(CONFIG_FILE);
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    file.write_all(text.as_bytes())?;
    Ok(())
}

/// Warns when a data directory or key file is open to other users, naming the fix.
pub fn warn_if_exposed(path: &Path, is_dir: bool) {
    let Ok(metadata) = fs::metadata(path) else { return };
    let mode = metadata.permissions().mode();
    if mode & 0o077 != 0 {
        let (what, fix) = if is_dir { ("data directory", "chmod 700") } else { ("key file", "chmod 600") };
        eprintln!(
            "warning: the {what} {} can be read by other users of this computer (mode {:o}); fix it with: {fix} {}",
            path.display(),
            mode & 0o777,
            path.display()
        );
    }
}

/// Where the key comes from, as given on the command line or in the environment.
#[derive(Debug, Clone, Default)]
pub struct KeyArgs {
    pub key_file: Option<PathBuf>,
    pub passphrase_file: Option<PathBuf>,
}

fn read_secret_file(path: &Path) -> Result<Zeroizing<String>> {
    let mut text = Zeroizing::new(String::new());
    File::open(path).and_then(|mut file| file.read_to_string(&mut text)).map_err(|error| {
        if error.kind() == std::io::ErrorKind::InvalidData {
            // A photo, a database or a zip picked by mistake: say what it is not.
            KeyError::Unreadable(path.to_owned(), "this is not a Strongroom key file (it is not text)".into())
        } else {
            KeyError::Unreadable(path.to_owned(), error.to_string())
        }
    })?;
    Ok(text)
}

impl KeyArgs {
    /// The key source for opening an existing vault.
    pub fn source(&self) -> Result<KeySource> {
        if let Some(path) = &self.key_file {
            warn_if_exposed(path, false);
            return Ok(KeySource::KeyFile(read_secret_file(path)?));
        }
        if let Some(path) = &self.passphrase_file {
            warn_if_exposed(path, false);
            let text = read_secret_file(path)?;
            return Ok(KeySource::Passphrase(Passphrase::new(text.lines().next().unwrap_or(""))));
        }
        if std::io::stdin().is_terminal() {
            let typed = Zeroizing::new(rpassword::prompt_password("Vault passphrase: ")?);
            return Ok(KeySource::Passphrase(Passphrase::new(&typed)));
        }
        bail!(KeyError::Missing)
    }

    /// A new passphrase for `init`: from the passphrase file, or typed twice at the prompt.
    pub fn new_passphrase(&self) -> Result<Passphrase> {
        if let Some(path) = &self.passphrase_file {
            let text = read_secret_file(path)?;
            return Ok(Passphrase::new(text.lines().next().unwrap_or("")));
        }
        if !std::io::stdin().is_terminal() {
            bail!(KeyError::Missing);
        }
        eprintln!(
            "Choose a passphrase of at least {} characters. Without it nobody, you included, can read the data.",
            Passphrase::MIN_CHARS
        );
        let first = Zeroizing::new(rpassword::prompt_password("New vault passphrase: ")?);
        let second = Zeroizing::new(rpassword::prompt_password("Type it again: ")?);
        if *first != *second {
            bail!(KeyError::Mismatch);
        }
        Ok(Passphrase::new(&first))
    }
}

/// Refuses a key file path inside the data directory: the key must not travel with the data.
pub fn check_key_file_location(key_file: &Path, data_dir: &Path) -> Result<PathBuf> {
    let absolute = |path: &Path| -> Result<PathBuf> {
        let path = if path.is_absolute() { path.to_owned() } else { std::env::current_dir()?.join(path) };
        // Resolve what exists (symlinks included) so "data/../data/key" is caught too.
        let mut existing = path.clone();
        let mut rest = Vec::new();
        while !existing.exists() {
            match (existing.parent(), existing.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_owned());
                    existing = parent.to_owned();
                }
                _ => break,
            }
        }
        let mut resolved = existing.canonicalize().unwrap_or(existing);
        for part in rest.iter().rev() {
            resolved.push(part);
        }
        Ok(resolved)
    };
    let key_file = absolute(key_file)?;
    let data_dir = absolute(data_dir)?;
    if key_file.starts_with(&data_dir) {
        bail!(KeyError::KeyInsideDataDir(key_file));
    }
    Ok(key_file)
}

/// A network of the allow-list (`192.168.1.0/24`), or one address.
pub fn parse_network(text: &str) -> Result<ipnet::IpNet> {
    let text = text.trim();
    if let Ok(network) = text.parse::<ipnet::IpNet>() {
        return Ok(network);
    }
    match text.parse::<std::net::IpAddr>() {
        Ok(address) => Ok(ipnet::IpNet::from(address)),
        Err(_) => bail!("{text:?} is not a network (192.168.1.0/24) or an address"),
    }
}
