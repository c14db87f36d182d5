//! `strongroom init`: a new vault, its keyring, and the key file or passphrase that opens it.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::Args;
use strongroom_app::{InitOptions, KeySource, Vault};
use strongroom_crypto::ShopKey;
use strongroom_domain::{Actor, Country, Currency};

use crate::output;
use crate::settings::{self, ConfigFile, Settings};
use crate::{Cli, KeyError};

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Protect the vault with a passphrase instead of a key file (typed, or --passphrase-file).
    #[arg(long)]
    pub passphrase: bool,
    /// The shop's country (ISO 3166 code): national phone numbers are read as this country's.
    #[arg(long, default_value = "NL")]
    pub country: String,
    /// The shop's currency (ISO 4217).
    #[arg(long, default_value = "EUR")]
    pub currency: String,
    /// The shop's name: staff passwords may not be built from it; authenticator apps show it.
    #[arg(long)]
    pub shop_name: Option<String>,
    /// The shop's address, printed on the customer's copy of a job ticket.
    #[arg(long)]
    pub shop_address: Option<String>,
    /// The shop's phone number, printed on the customer's copy of a job ticket.
    #[arg(long)]
    pub shop_phone: Option<String>,
    /// The shop's time zone, e.g. Europe/Amsterdam (default: this machine's).
    #[arg(long)]
    pub time_zone: Option<String>,
    /// A folder for the daily backup (repeat for several): a USB disk, a NAS share, a
    /// cloud-synced folder. Changed later on the backup page or with `backup settings`.
    #[arg(long = "backup-to")]
    pub backup_to: Vec<PathBuf>,
    #[arg(long)]
    pub json: bool,
}

pub fn run(cli: &Cli, args: &InitArgs, actor: &Actor) -> Result<()> {
    let config = ConfigFile {
        backend: if cli.database_url.is_some() { "postgres".into() } else { "sqlite".into() },
        default_country: Country::parse(&args.country)?.code().to_owned(),
        currency: Currency::parse(&args.currency)?.to_string(),
        checkpoint_every_events: None,
        checkpoint_every_minutes: None,
        extra_purposes: None,
        aml_rules: None,
        tax_retention_years: None,
        review_after_years: None,
        shop_name: given(args.shop_name.as_deref()),
        shop_address: given(args.shop_address.as_deref()),
        shop_phone: given(args.shop_phone.as_deref()),
        time_zone: given(args.time_zone.as_deref()),
        security: None,
        server: None,
        antivirus: None,
        backup: backup_config(&args.backup_to)?,
    };
    if cli.data_dir.join(settings::CONFIG_FILE).exists() {
        bail!("{} already holds a vault; nothing was changed", cli.data_dir.display());
    }
    if let Some(zone) = &config.time_zone {
        // Checked now, not at the first `serve`.
        strongroom_server::set_shop_zone(Some(zone)).map_err(anyhow::Error::msg)?;
    }
    let key_args = cli.key.args();
    let (source, created_key_file) = match (&key_args.key_file, args.passphrase) {
        (Some(_), true) => bail!("choose either --key-file or --passphrase, not both"),
        (Some(path), false) => {
            let path = settings::check_key_file_location(path, &cli.data_dir)?;
            if path.exists() {
                bail!("{} already exists; init never overwrites a key (it may be another vault's)", path.display());
            }
            let (_, text) = ShopKey::generate_key_file()?;
            write_key_file(&path, &text)?;
            (KeySource::KeyFile(text), Some(path))
        }
        (None, _) if key_args.passphrase_file.is_some() || args.passphrase => (KeySource::Passphrase(key_args.new_passphrase()?), None),
        (None, _) => bail!(KeyError::Missing),
    };
    let outcome = (|| -> Result<Vault> {
        settings::create_data_dir(&cli.data_dir)?;
        let settings = Settings::from_config(&cli.data_dir, &config, cli.database_url.as_deref())?;
        let store = strongroom_store::open(&settings.location)?;
        let vault = Vault::init(store, &source, InitOptions::default(), settings.vault, actor)?;
        settings::write_config(&cli.data_dir, &config)?;
        Ok(vault)
    })();
    let vault = match outcome {
        Ok(vault) => vault,
        Err(error) => {
            // The new key protects nothing: remove it so it is not mistaken for a vault's key.
            if let Some(path) = &created_key_file {
                let _ = std::fs::remove_file(path);
            }
            return Err(error);
        }
    };
    if args.json {
        return output::json(&serde_json::json!({
            "data_dir": cli.data_dir.display().to_string(),
            "backend": vault.backend(),
            "key_file": created_key_file.as_ref().map(|p| p.display().to_string()),
        }));
    }
    println!("Created a vault in {} ({}).", cli.data_dir.display(), vault.backend());
    match &created_key_file {
        Some(path) => {
            println!("The shop key is in {} (readable by you only).", path.display());
            println!("Without it nobody can read the data, you included: copy it to a USB stick kept in the safe.");
            println!("Never store it next to the data or its backups.");
        }
        None => println!("The vault is protected by your passphrase. Without it nobody can read the data, you included."),
    }
    println!("Next: strongroom customer add --name \"Anna de Vries\" --email anna@example.com");
    Ok(())
}

pub fn write_key_file(path: &std::path::Path, text: &str) -> Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("cannot create the key file {}", path.display()))?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    Ok(())
}

/// A setting typed on the command line, unless it is blank.
fn given(text: Option<&str>) -> Option<String> {
    text.map(str::trim).filter(|text| !text.is_empty()).map(str::to_owned)
}

/// `path` with each `..` taking off the part before it (by name, as the shell does).
fn without_parent_steps(path: &std::path::Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// `[backup]` from `--backup-to` folders, made absolute (`..` taken out: `../usb` from
/// `/home/shop` is `/home/usb`).
fn backup_config(folders: &[PathBuf]) -> Result<Option<settings::BackupConfig>> {
    if folders.is_empty() {
        return Ok(None);
    }
    let destinations = folders
        .iter()
        .map(|folder| std::path::absolute(folder).map(|path| without_parent_steps(&path).display().to_string()))
        .collect::<std::io::Result<Vec<_>>>()?;
    Ok(Some(settings::BackupConfig { destinations: Some(destinations), ..settings::BackupConfig::default() }))
}
