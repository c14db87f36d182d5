//! `strongroom backup create|verify|restore`: backups that restore.

use std::fs::{self, DirBuilder, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::Subcommand;
use strongroom_app::{BackupCheck, KeySource, Manifest, VaultSettings, check_backup, restore_backup, restore_test};
use strongroom_domain::Actor;
use strongroom_store::StoreLocation;

use crate::Cli;
use crate::open::open_vault;
use crate::output;
use crate::settings::{CONFIG_FILE, ConfigFile, RESTORE_MARKER, SQLITE_FILE, Settings};

#[derive(Debug, Subcommand)]
pub enum BackupCommand {
    /// Write an encrypted backup of the whole vault (the server may keep running), to every
    /// backup folder (`backup settings`), or to --to.
    Create {
        /// The folder to write it to instead: a USB disk, a NAS share, a cloud-synced folder.
        #[arg(long)]
        to: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Show where backups go, when `serve` makes the day's and how many each folder keeps; with
    /// flags, change them (kept in the vault, as the backup page does; recorded).
    Settings(crate::backup_settings::SettingsArgs),
    /// The restore drill: the newest backup of each backup folder is restored into a temporary
    /// place and checked; the result is recorded in the audit trail. Exit 1 if any fails.
    Drill {
        #[arg(long)]
        json: bool,
    },
    /// Read a backup through without restoring it: every chunk, the manifest, the audit
    /// checkpoint's signature. Exit 1 names what is damaged.
    Verify {
        file: PathBuf,
        /// Also restore it into a temporary folder and check the result: the audit trail
        /// verifies, a sample of customers opens, every table holds what the manifest says.
        #[arg(long)]
        restore_test: bool,
        #[arg(long)]
        json: bool,
    },
    /// Restore a backup into an empty data directory (--data-dir), or into an empty PostgreSQL
    /// database (--database-url). It opens with the same key file or passphrase.
    Restore {
        file: PathBuf,
        /// The data directory of the vault as it is now, if it still opens (with the same key):
        /// customers erased there are erased in the restored vault too. Erasures in newer
        /// backups beside FILE are applied in any case.
        #[arg(long)]
        erasures_from: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(cli: &Cli, command: &BackupCommand, actor: &Actor) -> Result<()> {
    match command {
        BackupCommand::Create { to, json } => create(cli, to.as_deref(), *json, actor),
        BackupCommand::Drill { json } => drill(cli, *json, actor),
        BackupCommand::Settings(args) => crate::backup_settings::run(&open_vault(cli)?, args, actor),
        BackupCommand::Verify { file, restore_test, json } => verify(cli, file, *restore_test, *json),
        BackupCommand::Restore { file, erasures_from, json } => restore(cli, file, erasures_from.as_deref(), *json, actor),
    }
}

fn create(cli: &Cli, to: Option<&Path>, json: bool, actor: &Actor) -> Result<()> {
    let vault = open_vault(cli)?;
    let outcomes = match to {
        Some(to) => vec![(to.to_owned(), vault.create_backup(actor, to, vault.backup_plan().settings_file.clone()))],
        None => vault.backup_now(actor)?,
    };
    let mut made_any = None;
    let mut folders = Vec::new();
    let mut failures = Vec::new();
    for (folder, outcome) in outcomes {
        let same_disk = same_disk(&cli.data_dir, &folder);
        match outcome {
            Ok(made) => {
                if same_disk && !json {
                    eprintln!("warning: {}", same_disk_warning(&folder));
                }
                folders
                    .push(serde_json::json!({ "folder": folder, "file": made.file, "bytes": made.bytes, "same_disk_as_data": same_disk }));
                made_any.get_or_insert(made);
            }
            Err(error) => {
                folders.push(serde_json::json!({ "folder": folder, "error": error.to_string() }));
                failures.push(format!("{}: {error}", folder.display()));
            }
        }
    }
    let Some(made) = made_any else { bail!("no backup was written: {}", failures.join("; ")) };
    if json {
        let warnings: Vec<String> = folders
            .iter()
            .filter(|folder| folder["same_disk_as_data"] == true)
            .map(|folder| same_disk_warning(Path::new(folder["folder"].as_str().unwrap_or_default())))
            .collect();
        output::json(&serde_json::json!({
            "file": made.file,
            "bytes": made.bytes,
            "customers": made.customers,
            "audit_events": made.audit_events,
            "erased": made.erased,
            "seconds": made.seconds,
            "folders": folders,
            "warnings": warnings,
        }))?;
    } else {
        for folder in &folders {
            if let Some(file) = folder["file"].as_str() {
                println!("{file}");
            }
        }
        eprintln!(
            "backup written: {} customers, {} audit events, {:.1} MB in {:.1} s, sealed with a key from the shop key (a copy of it alone is useless)",
            made.customers,
            made.audit_events,
            made.bytes as f64 / 1e6,
            made.seconds
        );
    }
    if failures.is_empty() { Ok(()) } else { bail!("the backup could not be written to every folder: {}", failures.join("; ")) }
}

fn same_disk(data_dir: &Path, folder: &Path) -> bool {
    matches!((fs::metadata(data_dir), fs::metadata(folder)), (Ok(data), Ok(destination)) if data.dev() == destination.dev())
}

fn same_disk_warning(folder: &Path) -> String {
    format!(
        "{} is on the same disk as the data: a dead disk or ransomware takes both; keep a copy on another disk or machine",
        folder.display()
    )
}

fn drill(cli: &Cli, json: bool, actor: &Actor) -> Result<()> {
    let vault = open_vault(cli)?;
    let drilled = vault.backup_drill(actor)?;
    anyhow::ensure!(!drilled.is_empty(), "no backup folder is set: add one with `strongroom backup settings --add DIR`");
    let failed = drilled.iter().filter(|one| !one.problems.is_empty()).count();
    if json {
        output::json(&serde_json::json!(
            drilled
                .iter()
                .map(|one| serde_json::json!({ "folder": one.dir, "file": one.file, "ok": one.problems.is_empty(), "problems": one.problems }))
                .collect::<Vec<_>>()
        ))?;
    } else {
        for one in &drilled {
            match (&one.file, one.problems.is_empty()) {
                (Some(file), true) => {
                    println!("ok: {} restored into a temporary folder; its trail verifies and its records open", file.display())
                }
                _ => eprintln!("problem in {}: {}", one.dir.display(), one.problems.join("; ")),
            }
        }
    }
    if failed == 0 { Ok(()) } else { bail!("the restore drill failed in {failed} of {} backup folders", drilled.len()) }
}

/// The shop's settings as a backup holds them, read as a settings file would be.
fn settings_of(manifest: &Manifest) -> Result<ConfigFile> {
    let text = manifest.settings.as_deref().context("the backup holds no settings file")?;
    toml::from_str(text).context("the settings file in the backup cannot be read")
}

fn vault_settings(manifest: &Manifest) -> VaultSettings {
    settings_of(manifest)
        .and_then(|config| Settings::from_config(Path::new("."), &ConfigFile { backend: "sqlite".into(), ..config }, None))
        .map(|settings| settings.vault)
        .unwrap_or_else(|_| VaultSettings::new(strongroom_domain::Country::parse("NL").expect("NL"), strongroom_domain::Currency::EUR))
}

fn verify(cli: &Cli, file: &Path, deep: bool, json: bool) -> Result<()> {
    let source = cli.key.args().source()?;
    let check = check_backup(file, &source)?;
    let mut problems = check.problems.clone();
    let restore_tested = deep && check.is_ok();
    if restore_tested && let Some(manifest) = &check.manifest {
        problems.extend(restore_test(file, &source, vault_settings(manifest))?);
    }
    let megabytes_per_second = check.bytes as f64 / 1e6 / check.seconds.max(1e-9);
    if json {
        output::json(&check_json(&check, &problems, restore_tested, megabytes_per_second))?;
    } else if problems.is_empty() {
        let manifest = check.manifest.as_ref().expect("a whole backup has its manifest");
        println!(
            "ok: {} chunks, {} customers, {} audit events, the audit checkpoint's signature holds{} ({:.0} MB/s)",
            check.chunks,
            manifest.customers,
            manifest.audit_events,
            if restore_tested { "; restored into a temporary folder, the trail verifies and the records open" } else { "" },
            megabytes_per_second
        );
    } else {
        for problem in &problems {
            eprintln!("problem: {problem}");
        }
    }
    if problems.is_empty() { Ok(()) } else { bail!("{} is not a backup to rely on: {}", file.display(), problems.join("; ")) }
}

fn check_json(check: &BackupCheck, problems: &[String], restore_tested: bool, megabytes_per_second: f64) -> serde_json::Value {
    let manifest = check.manifest.as_ref();
    serde_json::json!({
        "file": check.file,
        "ok": problems.is_empty(),
        "bytes": check.bytes,
        "chunks": check.chunks,
        "customers": manifest.map(|m| m.customers),
        "audit_events": manifest.map(|m| m.audit_events),
        "created_at_unix_micros": manifest.map(|m| m.created_at_unix_micros),
        "erased": manifest.map(|m| m.erased.len()),
        "tables": check.tables.iter().map(|t| (t.name.clone(), serde_json::json!(t.rows))).collect::<serde_json::Map<_, _>>(),
        "restore_tested": restore_tested,
        "megabytes_per_second": megabytes_per_second,
        "problems": problems,
    })
}

/// Whether `dir` is empty but for what an unfinished restore left (which is then cleared).
fn prepare_target(dir: &Path) -> Result<()> {
    if !dir.exists() {
        DirBuilder::new().recursive(true).mode(0o700).create(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        return Ok(());
    }
    let names: Vec<String> = fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .map(|entry| entry.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<Result<_, _>>()?;
    if names.is_empty() {
        return Ok(());
    }
    let ours = [
        RESTORE_MARKER,
        CONFIG_FILE,
        SQLITE_FILE,
        "strongroom.sqlite-wal",
        "strongroom.sqlite-shm",
        "strongroom.sqlite-journal",
        "vault.lock",
    ];
    if names.iter().any(|name| name == RESTORE_MARKER) && names.iter().all(|name| ours.contains(&name.as_str())) {
        // A restore that was killed: its files go, and this one starts over.
        for name in names.iter().filter(|name| name.as_str() != RESTORE_MARKER) {
            fs::remove_file(dir.join(name)).with_context(|| format!("cannot clear the unfinished restore's {name}"))?;
        }
        return Ok(());
    }
    bail!("{} is not empty: a backup is restored only into an empty folder, so nothing there is overwritten", dir.display())
}

/// The erasure register of the vault in `current` (`--erasures-from`): it must open with the key.
fn current_erasures(cli: &Cli, current: Option<&Path>, source: &KeySource, actor: &Actor) -> Result<Vec<strongroom_app::Erasure>> {
    let Some(current) = current else { return Ok(Vec::new()) };
    let settings = Settings::load(current, cli.database_url.as_deref())
        .with_context(|| format!("the vault in {} (--erasures-from) cannot be read", current.display()))?;
    let vault = crate::open::open_with(current, &settings, source)
        .with_context(|| format!("the vault in {} (--erasures-from) does not open", current.display()))?;
    Ok(vault.erasure_register(actor)?)
}

/// The restored vault's settings file: the backup's, with the backend it was restored to.
fn write_restored_settings(dir: &Path, file: &Path, config: &ConfigFile) -> Result<()> {
    let text = format!(
        "# Restored by `strongroom backup restore` from {}. Holds no secrets.\n{}",
        file.file_name().map(|name| name.to_string_lossy()).unwrap_or_default(),
        toml::to_string(config)?
    );
    let mut settings_file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(dir.join(CONFIG_FILE))
        .context("cannot write the settings")?;
    settings_file.write_all(text.as_bytes())?;
    settings_file.sync_all()?;
    Ok(())
}

fn restore(cli: &Cli, file: &Path, erasures_from: Option<&Path>, json: bool, actor: &Actor) -> Result<()> {
    let source: KeySource = cli.key.args().source()?;
    // The current vault's erasures, read first: if it does not open, nothing is restored.
    let current_erasures = current_erasures(cli, erasures_from, &source, actor)?;
    // Read it through first: a damaged backup or a wrong key leaves the target untouched.
    let check = check_backup(file, &source)?;
    if !check.is_ok() {
        bail!("{} is damaged, so nothing was restored: {}", file.display(), check.problems.join("; "));
    }
    let manifest = check.manifest.expect("a whole backup has its manifest");
    let mut config = settings_of(&manifest)?;
    let dir = &cli.data_dir;
    prepare_target(dir)?;
    let marker = dir.join(RESTORE_MARKER);
    OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(&marker)?;
    let location = match &cli.database_url {
        Some(url) => StoreLocation::Postgres { url: url.clone() },
        None => StoreLocation::Sqlite(dir.join(SQLITE_FILE)),
    };
    config.backend = if cli.database_url.is_some() { "postgres" } else { "sqlite" }.into();
    let restored = restore_backup(file, &source, strongroom_store::open_unmigrated(&location)?.as_ref())?;
    write_restored_settings(dir, file, &config)?;
    fs::remove_file(&marker)?;
    fs::File::open(dir).and_then(|d| d.sync_all())?;

    // The restored vault opens with the same key; its trail verifies; the restore is recorded.
    let vault = open_vault(cli)?;
    vault.record_restore(actor, file, &manifest)?;
    // Customers erased after this backup was made (in the newer backups beside it, or in the
    // current vault) stay erased.
    let mut erasures = strongroom_app::erasures_since(file, &source)?;
    erasures.extend(current_erasures);
    let reapplied = vault.reapply_erasures(actor, &erasures)?;
    let against = manifest.checkpoint.as_ref().map(|checkpoint| checkpoint.note.as_str());
    let trail = vault.verify_audit_log(actor, against)?;
    if !trail.is_ok() {
        bail!(
            "the restored audit trail does not verify: {}",
            trail.problems.iter().map(|p| p.message.clone()).collect::<Vec<_>>().join("; ")
        );
    }
    if json {
        return output::json(&serde_json::json!({
            "data_dir": dir,
            "backend": vault.backend(),
            "customers": manifest.customers,
            "audit_events": manifest.audit_events,
            "rows": restored.rows,
            "seconds": restored.seconds,
            "audit_verified": true,
            "erasures_reapplied": reapplied.iter().map(ToString::to_string).collect::<Vec<_>>(),
        }));
    }
    println!(
        "restored into {}: {} customers, {} audit events, {} rows in {:.1} s; the audit trail verifies against the backup's checkpoint",
        dir.display(),
        manifest.customers,
        manifest.audit_events,
        restored.rows,
        restored.seconds
    );
    if !reapplied.is_empty() {
        println!(
            "{} customers erased after this backup was made were erased again (newer backups beside it, or the current vault, say so)",
            reapplied.len()
        );
    }
    Ok(())
}
