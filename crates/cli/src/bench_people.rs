//! The benchmark's figures for the people part of the programme, in the vault the benchmark
//! imported: the shop's password vault with 500 entries, each shared with a role, and how long
//! its gate calls take (p50 and p99 of 100 runs): the list a member of staff sees (every entry
//! opened for its words and flags, never a password) and one password copied (recorded). Issue
//! 17 asks the list with 500 entries under 50 ms p99.

use anyhow::Result;
use serde::Serialize;
use strongroom_app::Vault;
use strongroom_app::secrets::{NewSecret, Reveal, generate_password};
use strongroom_domain::{Actor, Role, SecretInfo, SecretText, Share};

use crate::bench_desk::{RUNS, timed};

const ENTRIES: usize = 500;

/// p50 and p99 of the vault's calls, in milliseconds.
#[derive(Debug, Default, Serialize)]
pub struct PeopleFigures {
    pub vault_list_p50_ms: f64,
    pub vault_list_p99_ms: f64,
    pub vault_copy_p50_ms: f64,
    pub vault_copy_p99_ms: f64,
}

/// The people figures, measured in `vault` after filling its password vault.
pub fn figures(vault: &Vault) -> Result<PeopleFigures> {
    let owner = Actor::cli("owner");
    let manager = Actor::staff("bench-manager", Role::Manager, true);
    let today = strongroom_server::shop_today();
    let mut first = None;
    for n in 0..ENTRIES {
        let share = Share::parse(if n % 2 == 0 { "role:manager=view" } else { "role:manager" })?;
        let info =
            SecretInfo::parse(&format!("Supplier portal {n}"), &format!("https://supplier{n}.example/login"), "shop", "", vec![share])?;
        let password = SecretText::parse("password", &generate_password(20, true)?)?;
        let id = vault.add_secret(&owner, NewSecret { info, password, totp: None }, today)?;
        first.get_or_insert(id);
    }
    let first = first.ok_or_else(|| anyhow::anyhow!("no entry was added"))?;
    let (vault_list_p50_ms, vault_list_p99_ms) = timed(|| {
        let listed = vault.secrets(&manager, today)?;
        anyhow::ensure!(listed.len() == ENTRIES, "the manager sees {} of {ENTRIES}", listed.len());
        Ok(())
    })?;
    let (vault_copy_p50_ms, vault_copy_p99_ms) = timed(|| Ok(vault.reveal_secret(&manager, first, Reveal::Copy).map(drop)?))?;
    Ok(PeopleFigures { vault_list_p50_ms, vault_list_p99_ms, vault_copy_p50_ms, vault_copy_p99_ms })
}

pub fn print(figures: &PeopleFigures) {
    println!("  the password vault, with {ENTRIES} entries (p50 / p99 of {RUNS}):");
    for (what, p50, p99) in [
        ("a manager's list", figures.vault_list_p50_ms, figures.vault_list_p99_ms),
        ("one password copied", figures.vault_copy_p50_ms, figures.vault_copy_p99_ms),
    ] {
        println!("    {what:<30} {p50:>7.1} ms / {p99:>7.1} ms");
    }
}
