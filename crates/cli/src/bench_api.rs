//! `bench`'s JSON API load: whole customer records under `wrk` against the imported vault and
//! its plaintext baseline, and on PostgreSQL the same load on an SQLite vault in the same run.

use anyhow::Result;
use strongroom_app::{ImportOptions, InitOptions, KeySource, Vault, VaultSettings};
use strongroom_bench::baseline::PlaintextCustomers;
use strongroom_bench::load::ApiLoad;
use strongroom_crypto::ShopKey;
use strongroom_domain::{Actor, Scope};
use strongroom_store::SqliteStore;

/// The JSON API under `wrk`: the imported vault behind a `customers:read` token, then the
/// plaintext baseline of the same rows.
/// `connections` at once for `seconds` each.
pub(crate) fn api_load(
    vault: std::sync::Arc<Vault>,
    baseline: std::sync::Arc<PlaintextCustomers>,
    connections: usize,
    seconds: u64,
) -> Result<ApiLoad> {
    let owner = Actor::cli("bench");
    let token = vault.create_api_token(&owner, "load", &[Scope::CustomersRead], Some(1))?.value();
    let vault_ids: Vec<_> = vault.list_customers(&owner, None, 1000)?.iter().map(|summary| summary.id).collect();
    let baseline_ids = baseline.ids(1000)?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let figures =
        runtime.block_on(strongroom_bench::load::api_load(vault, baseline, token, vault_ids, baseline_ids, connections, seconds))?;
    for (name, run) in [("protected", figures.protected), ("plaintext", figures.plaintext)] {
        anyhow::ensure!(run.non_2xx == 0, "the {name} API load got {} answers that were not 2xx", run.non_2xx);
    }
    Ok(figures)
}

/// The protected half of [`api_load`] on an SQLite vault of the same customers, for a bench
/// on PostgreSQL: whole records per second. The vault is made in `dir` from `csv`.
pub(crate) fn api_load_on_sqlite(
    dir: &std::path::Path,
    csv: &std::path::Path,
    settings: VaultSettings,
    connections: usize,
    seconds: u64,
) -> Result<f64> {
    let store = Box::new(SqliteStore::open(&dir.join("api_sqlite.sqlite"))?);
    let (_, key) = ShopKey::generate_key_file()?;
    let owner = Actor::cli("bench");
    let vault = Vault::init(store, &KeySource::KeyFile(key), InitOptions::default(), settings, &owner)?;
    vault.import_customers(&owner, csv, &ImportOptions::default(), &mut |_| {})?;
    let token = vault.create_api_token(&owner, "load", &[Scope::CustomersRead], Some(1))?.value();
    let ids: Vec<_> = vault.list_customers(&owner, None, 1000)?.iter().map(|summary| summary.id).collect();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let run = runtime.block_on(strongroom_bench::load::protected_load(std::sync::Arc::new(vault), token, ids, connections, seconds))?;
    anyhow::ensure!(run.non_2xx == 0, "the API load on SQLite got {} answers that were not 2xx", run.non_2xx);
    Ok(run.requests_per_s)
}
