//! `strongroom keys status|rotate|retire`: the vault's master key versions.

use std::io::{IsTerminal, Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Subcommand;
use strongroom_domain::Actor;

use crate::Cli;
use crate::open::open_vault;
use crate::output::{self, KeyStatusJson, progress_bar};

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Show the master key versions and how many data keys each wraps.
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Add a master key version and re-wrap every data key under it (resumable).
    Rotate {
        #[arg(long, default_value_t = 5_000, hide = true)]
        batch_size: usize,
        #[arg(long)]
        json: bool,
    },
    /// Delete old master key versions that no longer wrap any data key.
    Retire {
        #[arg(long)]
        json: bool,
    },
    /// Write the recovery kit: a page to print and keep in the safe, holding the shop key in
    /// checked groups of characters and a QR code (recorded in the audit trail). Print it, then
    /// delete the file.
    RecoveryKit {
        /// The HTML file to write (never overwritten).
        #[arg(long)]
        out: PathBuf,
        /// The kit's language: en or nl.
        #[arg(long, default_value = "en")]
        language: String,
    },
    /// Make the key file again from the groups typed from a recovery kit (read from the
    /// terminal or standard input); a typo is named by its group. Needs no vault.
    Recover {
        /// The key file to write (never overwritten); keep it off the data disk.
        #[arg(long)]
        out: PathBuf,
    },
}

pub fn run(cli: &Cli, command: &KeysCommand, actor: &Actor) -> Result<()> {
    if let KeysCommand::Recover { out } = command {
        return recover(out);
    }
    // Not while another process has the keys open (crate::lock says why).
    if matches!(command, KeysCommand::Rotate { .. } | KeysCommand::Retire { .. }) {
        crate::lock::hold(&cli.data_dir, crate::lock::Mode::Exclusive)?;
    }
    let mut vault = open_vault(cli)?;
    match command {
        KeysCommand::Status { json } => {
            let status = vault.keys_status(actor)?;
            let view = KeyStatusJson::from(&status);
            if *json {
                return output::json(&view);
            }
            println!(
                "protection: {}; sealing: {}; blind indexes: {} bits (email and phone: {} at this shop's size)",
                view.protection, view.aead, view.blind_index_bits, view.exact_lookup_bits
            );
            for version in &view.versions {
                println!(
                    "  master key v{}{}  created {}  wraps {} data keys",
                    version.version,
                    if version.active { " (active)" } else { "" },
                    version.created_at,
                    version.data_keys
                );
            }
            if view.rotation_unfinished {
                println!("a rotation is unfinished: run `strongroom keys rotate` to complete it");
            }
            Ok(())
        }
        KeysCommand::Rotate { batch_size, json } => {
            let bar = progress_bar(0, "re-wrapping data keys");
            let report = vault.rotate_master_key(actor, *batch_size, &mut |done, total| {
                bar.set_length(total);
                bar.set_position(done);
            });
            bar.finish_and_clear();
            let report = report?;
            if *json {
                return output::json(&serde_json::json!({
                    "active_version": report.active_version,
                    "rewrapped": report.rewrapped,
                    "resumed": report.resumed,
                }));
            }
            println!(
                "{}master key v{} now wraps every data key ({} re-wrapped; the data itself was not touched)",
                if report.resumed { "resumed an interrupted rotation: " } else { "" },
                report.active_version,
                report.rewrapped
            );
            println!("once backups made before today have expired, remove the old version with `strongroom keys retire`");
            Ok(())
        }
        KeysCommand::RecoveryKit { out, language } => {
            let language = strongroom_domain::Language::parse(language)?;
            // The file first: a kit is only made (and recorded) when it can be written.
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(out)
                .with_context(|| format!("cannot create {} (an existing file is never overwritten)", out.display()))?;
            let written = vault.recovery_kit(actor).map_err(anyhow::Error::from).and_then(|kit| {
                file.write_all(strongroom_server::recovery_kit_document(language, &kit).as_bytes())?;
                file.sync_all()?;
                Ok(kit)
            });
            let kit = written.inspect_err(|_| {
                let _ = std::fs::remove_file(out);
            })?;
            if kit.secret.is_some() {
                println!(
                    "{}: open it in a browser, print it, keep the paper in a safe, then delete the file (it holds the key)",
                    out.display()
                );
            } else {
                println!("{}: this vault opens with a passphrase, so the kit holds no secret; keep the passphrase safe", out.display());
            }
            Ok(())
        }
        KeysCommand::Recover { .. } => unreachable!("handled before the vault is opened"),
        KeysCommand::Retire { json } => {
            let retired = vault.retire_master_keys(actor)?;
            if *json {
                return output::json(&serde_json::json!({ "retired": retired }));
            }
            if retired.is_empty() {
                println!("no master key version can be retired (the active one, or versions still wrapping data keys)");
            } else {
                println!("retired master key versions {retired:?}; backups made while they were active can no longer be opened");
            }
            Ok(())
        }
    }
}

/// `keys recover`: the key file again from a kit's typed groups.
fn recover(out: &Path) -> Result<()> {
    if out.exists() {
        anyhow::bail!("{} already exists; a key file is never overwritten (it may be another vault's)", out.display());
    }
    let mut typed = zeroize::Zeroizing::new(String::new());
    if std::io::stdin().is_terminal() {
        eprintln!(
            "Type the {} groups from the recovery kit (spaces and dashes do not matter), then Enter:",
            strongroom_crypto::RECOVERY_GROUPS
        );
        std::io::stdin().read_line(&mut typed)?;
    } else {
        std::io::stdin().read_to_string(&mut typed)?;
    }
    let text = strongroom_app::recover_key_file(&typed).map_err(|problem| anyhow::anyhow!("the key was not made: {problem}"))?;
    crate::init::write_key_file(out, &text)?;
    println!(
        "{}: the key file is made again; check it opens the vault (strongroom --key-file {} keys status)",
        out.display(),
        out.display()
    );
    Ok(())
}
