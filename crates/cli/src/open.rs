//! Opening the vault for a command: the key it was given, the settings, the keys lock, and
//! who is acting (the operating-system account).

use std::path::Path;

use anyhow::Result;
use strongroom_app::{KeySource, Vault};

use crate::Cli;
use crate::settings::Settings;

/// The OS user running the CLI, recorded as the actor in the audit trail: the account of the
/// process's real uid (from /etc/passwd), not `$USER`, which any caller can set; `uid-N` where the
/// uid has no account name.
pub fn os_user() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let uid = status.lines().find_map(|line| line.strip_prefix("Uid:")).and_then(|rest| rest.split_whitespace().next()).map(str::to_owned);
    let Some(uid) = uid else {
        return std::env::var("USER").unwrap_or_else(|_| "unknown".to_owned());
    };
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    passwd
        .lines()
        .filter_map(|line| {
            let mut fields = line.split(':');
            let name = fields.next()?;
            let uid_field = fields.nth(1)?;
            (uid_field == uid).then(|| name.to_owned())
        })
        .next()
        .unwrap_or_else(|| format!("uid-{uid}"))
}

pub fn open_vault(cli: &Cli) -> Result<Vault> {
    let settings = Settings::load(&cli.data_dir, cli.database_url.as_deref())?;
    let source = cli.key.args().source()?;
    open_with(&cli.data_dir, &settings, &source)
}

/// Opens the vault of `data_dir`, holding its keys lock shared until this process exits: no
/// key rotation under the keys it opens (`crate::lock`).
pub fn open_with(data_dir: &Path, settings: &Settings, source: &KeySource) -> Result<Vault> {
    if data_dir.join(crate::settings::RESTORE_MARKER).exists() {
        anyhow::bail!(
            "a restore into {} did not finish, so it holds no whole vault: run `strongroom backup restore FILE --data-dir {}` again",
            data_dir.display(),
            data_dir.display()
        );
    }
    crate::lock::hold(data_dir, crate::lock::Mode::Shared)?;
    let store = strongroom_store::open(&settings.location)?;
    let mut vault = Vault::open(store, source, settings.vault)?;
    vault.set_purposes(settings.purposes.clone());
    vault.set_shop_name(&settings.shop_name);
    vault.set_antivirus(settings.antivirus.clone());
    vault.set_shop_contact(settings.shop_contact.clone());
    vault.set_backup_plan(strongroom_app::BackupPlan {
        configured: settings.backup.clone(),
        settings_file: std::fs::read_to_string(data_dir.join(crate::settings::CONFIG_FILE)).ok(),
        data_dir: Some(data_dir.to_owned()),
    });
    Ok(vault)
}
