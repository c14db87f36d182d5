//! `strongroom keys status|rotate|retire`: the vault's master key versions.

use anyhow::Result;
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
}

pub fn run(cli: &Cli, command: &KeysCommand, actor: &Actor) -> Result<()> {
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
            println!("protection: {}; sealing: {}; blind indexes: {} bits", view.protection, view.aead, view.blind_index_bits);
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
