//! The plaintext baselines protection is measured against: the same import and the same reads
//! with the cryptography, the permission checks and the audit events left out. They run only on
//! a throwaway store of synthetic data that `bench` creates, never on a vault.

use std::hash::{Hash, Hasher};
use std::path::Path;

use strongroom_app::measure;
use strongroom_app::{AppError, VaultSettings};

use crate::BenchError;
use strongroom_domain::{Actor, AuditAction, CustomerId, NewCustomer, PersonName, RecordKind};
use strongroom_store::Store;
use time::OffsetDateTime;
use uuid::Uuid;

/// The benchmark's baseline: the same import (scan, validation pass, batched writes of the same
/// rows, index entries and audit events through the same store) with the cryptography left
/// out: fields are stored as plaintext bytes and index values are an unkeyed hash. It runs only
/// on a throwaway store of synthetic data that `bench` creates, never on a vault.
pub fn plaintext_baseline_import(store: &dyn Store, path: &Path, settings: VaultSettings, batch_size: usize) -> Result<u64, BenchError> {
    {
        let mut tx = store.begin()?;
        if tx.master_keys()?.is_empty() {
            let row = strongroom_store::MasterKeyRow {
                version: 1,
                wrapped: vec![0; 61],
                state: strongroom_store::MasterKeyState::Active,
                created_at: 0,
            };
            tx.insert_master_key(&row)?;
        }
        tx.commit()?;
    }
    let plain_index = |index_id: u16, value: &str| {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        value.hash(&mut hasher);
        strongroom_store::BlindIndexEntry { index_id, value: (hasher.finish() >> 48) as u32 }
    };
    let actor = Actor::system("bench");
    let mut batch: Vec<strongroom_store::NewCustomerRows> = Vec::with_capacity(batch_size);
    let mut events = Vec::with_capacity(batch_size);
    let mut imported = 0u64;
    let mut flush =
        |batch: &mut Vec<strongroom_store::NewCustomerRows>, events: &mut Vec<strongroom_audit::AuditEvent>| -> Result<(), AppError> {
            let mut tx = store.begin()?;
            tx.insert_customers(batch)?;
            tx.append_audit_events(events)?;
            tx.commit()?;
            imported += batch.len() as u64;
            batch.clear();
            events.clear();
            Ok(())
        };
    measure::import_valid_rows(path, settings, &mut |new| {
        let customer = measure::customer_from(new, Uuid::now_v7(), OffsetDateTime::now_utc());
        let id = customer.id.as_uuid();
        let mut sealed = strongroom_store::SealedFields::new();
        sealed.set(strongroom_domain::Field::CustomerName, customer.name.as_str().as_bytes().to_vec());
        let mut index = vec![];
        if let Some(email) = &customer.email {
            sealed.set(strongroom_domain::Field::CustomerEmail, email.as_str().as_bytes().to_vec());
            index.push(plain_index(measure::INDEX_EMAIL, &email.normalised()));
        }
        if let Some(phone) = &customer.phone {
            sealed.set(strongroom_domain::Field::CustomerPhone, phone.as_str().as_bytes().to_vec());
            index.push(plain_index(measure::INDEX_PHONE, phone.as_str()));
        }
        if let Some(address) = &customer.address {
            sealed.set(strongroom_domain::Field::CustomerAddress, address.as_str().as_bytes().to_vec());
        }
        if let Some(birth_date) = customer.birth_date {
            sealed.set(strongroom_domain::Field::CustomerBirthDate, measure::encode_date(birth_date).into_bytes());
        }
        if let Some(notes) = &customer.notes {
            sealed.set(strongroom_domain::Field::CustomerNotes, notes.as_str().as_bytes().to_vec());
        }
        // The name's entries as the vault writes them: the starts of each word, each once.
        for token in strongroom_domain::name_tokens(customer.name.as_str()) {
            for prefix in strongroom_domain::name_prefixes(&token) {
                let entry = plain_index(measure::INDEX_NAME_PREFIX, prefix);
                if !index.contains(&entry) {
                    index.push(entry);
                }
            }
        }
        events.push(measure::event(
            &actor,
            AuditAction::CustomerImport,
            (RecordKind::Customer, id),
            measure::present_categories(&sealed),
            None,
        ));
        let now = measure::now_micros();
        batch.push(strongroom_store::NewCustomerRows {
            customer: strongroom_store::CustomerRow { id, created_at: now, updated_at: now, restricted: false, sealed },
            data_key: strongroom_store::DataKeyRow {
                owner_kind: strongroom_store::OwnerKind::Customer,
                owner_id: id,
                data_key_version: 1,
                master_version: 1,
                wrapped: vec![0; 61],
            },
            index,
        });
        if batch.len() >= batch_size {
            flush(&mut batch, &mut events)?;
        }
        Ok(())
    })?;
    flush(&mut batch, &mut events)?;
    Ok(imported)
}

/// The API load benchmark's baseline: customers stored in plaintext by
/// [`plaintext_baseline_import`] on a throwaway store of synthetic data, read back by id
/// and taken as written as a sealed read is, but with no keys, no permission check and no audit
/// event.
/// The server serves them on the same endpoint shape so the cost of protection is a ratio.
pub struct PlaintextCustomers {
    store: Box<dyn Store>,
}

impl std::fmt::Debug for PlaintextCustomers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PlaintextCustomers")
    }
}

impl PlaintextCustomers {
    /// A store filled by `plaintext_baseline_import`, and nothing else.
    pub fn new(store: Box<dyn Store>) -> PlaintextCustomers {
        PlaintextCustomers { store }
    }

    /// Up to `limit` customer ids, for the load generator to ask for.
    pub fn ids(&self, limit: usize) -> Result<Vec<CustomerId>, BenchError> {
        let mut tx = self.store.begin_snapshot()?;
        let rows = tx.customers_page(None, limit)?;
        tx.commit()?;
        Ok(rows.iter().map(|row| CustomerId::from_uuid(row.id)).collect())
    }

    pub fn customer(&self, id: CustomerId) -> Result<Option<strongroom_domain::Customer>, BenchError> {
        use strongroom_domain::{EmailAddress, Field, FreeText, PhoneE164, PostalAddress};
        let mut tx = self.store.begin_snapshot()?;
        let Some(row) = tx.customer(id.as_uuid())? else { return Ok(None) };
        tx.commit()?;
        let text = |field: Field| row.sealed.get(field).map(|bytes| String::from_utf8_lossy(bytes).into_owned());
        // Taken as written, as the vault opens its sealed fields (`sealing.rs`).
        let mut customer = measure::customer_from(
            NewCustomer {
                name: PersonName::from_stored(text(Field::CustomerName).unwrap_or_default()),
                email: text(Field::CustomerEmail).map(EmailAddress::from_stored),
                phone: text(Field::CustomerPhone).map(PhoneE164::from_stored),
                address: text(Field::CustomerAddress).map(PostalAddress::from_stored),
                birth_date: text(Field::CustomerBirthDate)
                    .map(|day| measure::decode_date(day.as_bytes()))
                    .transpose()
                    .map_err(|_| BenchError::Failed("a baseline date".into()))?,
                notes: text(Field::CustomerNotes).map(FreeText::from_stored),
            },
            row.id,
            measure::from_micros(row.created_at)?,
        );
        customer.updated_at = measure::from_micros(row.updated_at)?;
        Ok(Some(customer))
    }
}

/// The machine's floor for an import: the `sqlite3` shell's own `.import` of the same CSV into
/// a plain table of its six columns with two indexes (email and phone), in one database file
/// under `dir`, with the shell's defaults (a rollback journal, `synchronous=FULL`). Seconds, or
/// `None` when there is no `sqlite3` on the machine (Debian: `apt-get install sqlite3`).
pub fn sqlite3_shell_import(csv: &Path, dir: &Path) -> std::io::Result<Option<f64>> {
    let found = std::process::Command::new("sqlite3").arg("--version").output();
    if !found.is_ok_and(|output| output.status.success()) {
        return Ok(None);
    }
    let database = dir.join("sqlite3-import.sqlite");
    let _ = std::fs::remove_file(&database);
    let csv = csv.to_str().ok_or_else(|| std::io::Error::other("the CSV's path is not UTF-8"))?;
    if csv.contains(['"', '\n']) {
        return Err(std::io::Error::other("the CSV's path holds a quote or a line break"));
    }
    let script = format!(
        "CREATE TABLE customers (name TEXT, email TEXT, phone TEXT, address TEXT, birth_date TEXT, notes TEXT);\n\
         CREATE INDEX customers_email ON customers (email);\n\
         CREATE INDEX customers_phone ON customers (phone);\n\
         .import --csv --skip 1 \"{csv}\" customers\n"
    );
    let started = std::time::Instant::now();
    let mut child = std::process::Command::new("sqlite3")
        .arg("-bail")
        .arg(&database)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()?;
    std::io::Write::write_all(child.stdin.as_mut().ok_or_else(|| std::io::Error::other("no stdin"))?, script.as_bytes())?;
    let output = child.wait_with_output()?;
    let seconds = started.elapsed().as_secs_f64();
    let _ = std::fs::remove_file(&database);
    if !output.status.success() || !output.stderr.is_empty() {
        return Err(std::io::Error::other(format!("sqlite3 .import failed: {}", String::from_utf8_lossy(&output.stderr))));
    }
    Ok(Some(seconds))
}

/// The disk's own flush, the floor under every durable answer: `n` writes of one 4 KiB page to a
/// file in `dir` (the vault's file system; on PostgreSQL, the bench's temporary directory, which
/// is this machine's disk but not necessarily the server's), each followed by `fdatasync`. Each
/// one's time, sorted.
pub fn disk_flushes(dir: &Path, n: usize) -> std::io::Result<Vec<std::time::Duration>> {
    use std::os::unix::fs::FileExt;
    let path = dir.join("flush-floor.bin");
    let file = std::fs::OpenOptions::new().create(true).truncate(true).read(true).write(true).open(&path)?;
    let page = [0x5au8; 4096];
    // The pages exist and are on disk before the timing starts: a flush that also grows the
    // file writes its size too, which a log reusing its file does not.
    for i in 0..64 {
        file.write_all_at(&page, i * 4096)?;
    }
    file.sync_all()?;
    let mut times = Vec::with_capacity(n);
    for i in 0..n {
        let started = std::time::Instant::now();
        file.write_all_at(&page, (i % 64) as u64 * 4096)?;
        file.sync_data()?;
        times.push(started.elapsed());
    }
    drop(file);
    std::fs::remove_file(&path)?;
    times.sort();
    Ok(times)
}
