//! Test fixtures: fresh vaults on fresh stores, actors, and small builders.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use strongroom_app::{InitOptions, KeySource, Vault, VaultSettings};
use strongroom_crypto::ShopKey;
use strongroom_domain::{Actor, Country, Currency, EmailAddress, FreeText, NewCustomer, PersonName, PhoneE164, Role};
use strongroom_store::{PgStore, SqliteStore, Store, StoreLocation};
use zeroize::Zeroizing;

pub fn settings() -> VaultSettings {
    VaultSettings::new(Country::parse("NL").unwrap(), Currency::EUR)
}

pub fn owner() -> Actor {
    Actor::cli("owner")
}

pub fn staff(role: Role) -> Actor {
    Actor::staff(&format!("{}-1", role.as_str()), role, true)
}

/// A vault on a fresh database, with what is needed to reopen or inspect it.
pub struct TestVault {
    pub vault: Vault,
    pub key: Zeroizing<String>,
    pub location: StoreLocation,
    pub dir: tempfile::TempDir,
    pub pg_schema: Option<String>,
}

impl TestVault {
    pub fn reopen(&self) -> Vault {
        Vault::open(open_location(&self.location, self.pg_schema.as_deref()), &KeySource::KeyFile(self.key.clone()), settings()).unwrap()
    }

    pub fn sqlite_path(&self) -> Option<PathBuf> {
        match &self.location {
            StoreLocation::Sqlite(path) => Some(path.clone()),
            StoreLocation::Postgres { .. } => None,
        }
    }
}

impl Drop for TestVault {
    fn drop(&mut self) {
        if let (StoreLocation::Postgres { url }, Some(schema)) = (&self.location, &self.pg_schema) {
            let _ = PgStore::drop_schema(url, schema);
        }
    }
}

/// The vault's database as a second connection sees it: what someone who can write to the
/// database, but does not hold the shop key, can do.
pub fn raw_store(test_vault: &TestVault) -> Box<dyn Store> {
    open_location(&test_vault.location, test_vault.pg_schema.as_deref())
}

fn open_location(location: &StoreLocation, schema: Option<&str>) -> Box<dyn Store> {
    match location {
        StoreLocation::Sqlite(path) => Box::new(SqliteStore::open(path).unwrap()),
        StoreLocation::Postgres { url } => Box::new(PgStore::connect_in_schema(url, schema).unwrap()),
    }
}

pub fn sqlite_vault() -> TestVault {
    let dir = tempfile::tempdir().unwrap();
    let location = StoreLocation::Sqlite(dir.path().join("vault.sqlite"));
    new_vault(dir, location, None)
}

/// A SQLite vault with other settings (a stricter or looser sign-in policy, say).
pub fn sqlite_vault_with(settings: VaultSettings) -> TestVault {
    let dir = tempfile::tempdir().unwrap();
    let location = StoreLocation::Sqlite(dir.path().join("vault.sqlite"));
    new_vault_with(dir, location, None, settings)
}

fn new_vault(dir: tempfile::TempDir, location: StoreLocation, pg_schema: Option<String>) -> TestVault {
    new_vault_with(dir, location, pg_schema, settings())
}

fn new_vault_with(dir: tempfile::TempDir, location: StoreLocation, pg_schema: Option<String>, settings: VaultSettings) -> TestVault {
    new_vault_made(dir, location, pg_schema, settings, InitOptions::default())
}

fn new_vault_made(
    dir: tempfile::TempDir,
    location: StoreLocation,
    pg_schema: Option<String>,
    settings: VaultSettings,
    options: InitOptions,
) -> TestVault {
    let (_, key) = ShopKey::generate_key_file().unwrap();
    let store = open_location(&location, pg_schema.as_deref());
    let vault = Vault::init(store, &KeySource::KeyFile(key.clone()), options, settings, &owner()).unwrap();
    TestVault { vault, key, location, dir, pg_schema }
}

/// A vault per backend: SQLite always, PostgreSQL when `STRONGROOM_TEST_PG_URL` is set.
pub fn every_backend() -> Vec<TestVault> {
    every_backend_made(InitOptions::default())
}

/// [`every_backend`], each vault made with `options`.
pub fn every_backend_made(options: InitOptions) -> Vec<TestVault> {
    let dir = tempfile::tempdir().unwrap();
    let location = StoreLocation::Sqlite(dir.path().join("vault.sqlite"));
    let mut vaults = vec![new_vault_made(dir, location, None, settings(), options)];
    if let Ok(url) = std::env::var("STRONGROOM_TEST_PG_URL") {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let schema = format!("app_it_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed));
        vaults.push(new_vault_made(tempfile::tempdir().unwrap(), StoreLocation::Postgres { url }, Some(schema), settings(), options));
    }
    vaults
}

/// Runs `check` on a vault of every backend, naming the backend on failure.
pub fn on_every_backend(check: impl Fn(&TestVault)) {
    on_every_backend_made(InitOptions::default(), check);
}

/// [`on_every_backend`], each vault made with `options`.
pub fn on_every_backend_made(options: InitOptions, check: impl Fn(&TestVault)) {
    for test_vault in every_backend_made(options) {
        let backend = test_vault.vault.backend();
        if let Err(panic) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&test_vault))) {
            eprintln!("failed on {backend}");
            std::panic::resume_unwind(panic);
        }
    }
}

pub fn new_customer(name: &str, email: Option<&str>, phone: Option<&str>) -> NewCustomer {
    NewCustomer {
        name: PersonName::parse("name", name).unwrap(),
        email: email.map(|e| EmailAddress::parse(e).unwrap()),
        phone: phone.map(|p| PhoneE164::parse(p, settings().default_country).unwrap()),
        address: None,
        birth_date: None,
        notes: None,
    }
}

/// A purpose of access from the standard list.
pub fn purpose(label: &str) -> strongroom_domain::Purpose {
    strongroom_domain::Purposes::standard().parse(label).unwrap()
}

pub fn notes(text: &str) -> Option<FreeText> {
    Some(FreeText::parse("notes", text).unwrap())
}

/// Every audit event so far, in order (asking is itself recorded, after the answer).
pub fn events(vault: &Vault) -> Vec<(u64, strongroom_app::AuditEvent)> {
    vault.audit_log(&owner(), &strongroom_app::AuditQuery { limit: 10_000, ..strongroom_app::AuditQuery::default() }).unwrap()
}

/// The actions of every audit event so far, in order.
pub fn actions(vault: &Vault) -> Vec<(String, String)> {
    events(vault).into_iter().map(|(_, e)| (e.action, e.outcome)).collect()
}

/// Opens the SQLite file directly, as an attacker with the disk (or a curious DBA) would.
pub fn raw_sqlite(test_vault: &TestVault) -> rusqlite::Connection {
    rusqlite::Connection::open(test_vault.sqlite_path().expect("a SQLite vault")).unwrap()
}

/// Runs SQL on the vault's database directly, as someone with write access to it would.
pub fn raw_sql(t: &TestVault, sql: &str) {
    match &t.location {
        StoreLocation::Sqlite(path) => rusqlite::Connection::open(path).unwrap().execute_batch(sql).unwrap(),
        StoreLocation::Postgres { url } => {
            let mut client = postgres::Client::connect(url, postgres::NoTls).unwrap();
            client.batch_execute(&format!("SET search_path TO {}; {sql}", t.pg_schema.as_deref().unwrap())).unwrap();
        }
    }
}
