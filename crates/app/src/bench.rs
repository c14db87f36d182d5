//! Benchmarks of the audit trail, run on a vault this module creates itself on a fresh store (a
//! store that already holds a vault is refused by `Vault::init`), so nothing here can write
//! synthetic events into a shop's real trail.

use std::time::{Duration, Instant};

use strongroom_audit::AuditEvent;
use strongroom_domain::{Actor, AuditAction, CustomerId, NewCustomer, Outcome, PersonName, Purposes, RecordKind, Role};
use strongroom_store::{OwnerKind, Store};
use uuid::Uuid;

use crate::customers::sealing::open_customer;
use crate::synthetic::Rng;
use crate::trail::draft::EventDraft;
use crate::{AppError, InitOptions, KeySource, Vault, VaultSettings};

/// The figures of one audit benchmark run.
#[derive(Debug, Clone, Default)]
pub struct AuditBench {
    pub events: u64,
    /// Events per second appended in batches of 10,000, tree and checkpoints included.
    pub append_per_s: f64,
    pub reads: u64,
    pub audited_reads_per_s: f64,
    pub unaudited_reads_per_s: f64,
    pub verify_s: f64,
    pub inclusion_proof_p50_us: f64,
    pub inclusion_proof_p99_us: f64,
    pub accessed_by_p50_ms: f64,
    pub accessed_by_events_in_window: u64,
}

const STAFF: u64 = 20;
const DAYS: i64 = 30;

/// The `fraction` percentile of sorted timings, in seconds (0 for none): the one definition
/// every benchmark in the workspace reports with.
pub fn percentile(sorted: &[Duration], fraction: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() as f64 - 1.0) * fraction).round() as usize].as_secs_f64()
}

/// Fills a new vault on `store` with `n_events` synthetic events (20 staff members over 30 days)
/// and measures append, verify, proofs, `accessed_by` and audited against unaudited reads.
pub fn audit_bench(
    store: Box<dyn Store>,
    settings: VaultSettings,
    n_events: u64,
    n_reads: u64,
    readers: u64,
) -> Result<AuditBench, AppError> {
    let (_, key) = strongroom_crypto::ShopKey::generate_key_file()?;
    let system = Actor::system("bench");
    let vault = Vault::init(store, &KeySource::KeyFile(key), InitOptions::default(), settings, &system)?;
    let mut figures = AuditBench { events: n_events, reads: n_reads, ..AuditBench::default() };

    // Bulk append, as an import writes its events.
    let mut rng = Rng::new(0xA0D1);
    let start_micros = crate::now_micros() - DAYS * 86_400_000_000;
    let step = (DAYS * 86_400_000_000) / n_events.max(1) as i64;
    let started = Instant::now();
    let mut appended = 0u64;
    while appended < n_events {
        let batch = (n_events - appended).min(10_000);
        let events: Vec<AuditEvent> = (0..batch)
            .map(|offset| {
                let n = appended + offset;
                let actor = Actor::staff(&format!("staff-{}", rng.below(STAFF)), Role::Sales, false);
                let mut event = EventDraft::new(&actor, AuditAction::CustomerRead)
                    .target(RecordKind::Customer, Uuid::from_u64_pair(n, rng.next_u64()))
                    .categories([strongroom_domain::Field::CustomerName.category(), strongroom_domain::Field::CustomerEmail.category()])
                    .purpose(Some("sale"))
                    .finish(Outcome::Allowed);
                event.at_unix_micros = start_micros + n as i64 * step;
                event
            })
            .collect();
        let mut tx = vault.store.begin()?;
        vault.record(tx.as_mut(), &events)?;
        tx.commit()?;
        appended += batch;
    }
    figures.append_per_s = n_events as f64 / started.elapsed().as_secs_f64();

    let started = Instant::now();
    let report = vault.verify_audit_log(&system, None)?;
    figures.verify_s = started.elapsed().as_secs_f64();
    if !report.is_ok() {
        return Err(AppError::corrupt(format!("the benchmark's own log does not verify: {:?}", report.problems.first())));
    }

    let size = vault.store.begin()?.audit_frontier()?.size();
    let mut proof_times = Vec::with_capacity(200);
    for _ in 0..200 {
        let index = rng.below(size - 1);
        let started = Instant::now();
        vault.prove_inclusion(&system, index, None)?;
        proof_times.push(started.elapsed());
    }
    proof_times.sort();
    figures.inclusion_proof_p50_us = percentile(&proof_times, 0.5) * 1e6;
    figures.inclusion_proof_p99_us = percentile(&proof_times, 0.99) * 1e6;

    let mut accessed_by_times = Vec::with_capacity(20);
    for day in 0..20 {
        let since = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(start_micros + day * 86_400_000_000) * 1000)
            .map_err(|_| AppError::corrupt("bench time"))?;
        let started = Instant::now();
        let answer = vault.accessed_by(&system, "staff-7", since, since + time::Duration::days(1))?;
        accessed_by_times.push(started.elapsed());
        figures.accessed_by_events_in_window = answer.events;
    }
    accessed_by_times.sort();
    figures.accessed_by_p50_ms = percentile(&accessed_by_times, 0.5) * 1e3;

    // The same customer reads with and without their audit event, by `readers` clients at once
    // (a shop's counter PCs and tablets, the POS), as throughput is what the audit may cost.
    let mut ids = Vec::new();
    for n in 0..100 {
        let name = PersonName::parse("name", &format!("Customer {n}"))?;
        ids.push(vault.add_customer(&system, NewCustomer::named(name))?.id);
    }
    let purpose = Purposes::standard().parse("sale")?;
    let readers = readers.max(1);
    let per_reader = n_reads.div_ceil(readers);
    let run = |audited: bool| -> Result<f64, AppError> {
        let started = Instant::now();
        std::thread::scope(|scope| {
            let readers: Vec<_> = (0..readers)
                .map(|reader| {
                    let (vault, ids, purpose, system) = (&vault, &ids, &purpose, &system);
                    scope.spawn(move || -> Result<(), AppError> {
                        for n in 0..per_reader {
                            let id = ids[((reader * per_reader + n) % 100) as usize];
                            if audited {
                                vault.show_customer(system, id, purpose)?;
                            } else {
                                vault.read_customer_unaudited(id)?;
                            }
                        }
                        Ok(())
                    })
                })
                .collect();
            readers.into_iter().try_for_each(|reader| reader.join().unwrap_or_else(|_| Err(AppError::corrupt("a reader panicked"))))
        })?;
        Ok((per_reader * readers) as f64 / started.elapsed().as_secs_f64())
    };
    figures.audited_reads_per_s = run(true)?;
    figures.unaudited_reads_per_s = run(false)?;
    Ok(figures)
}

impl Vault {
    /// The work of `show_customer` without the permission check and the audit event: the
    /// baseline the audit's cost is measured against. Private to this benchmark module.
    fn read_customer_unaudited(&self, id: CustomerId) -> Result<(), AppError> {
        let mut tx = self.store.begin_snapshot()?;
        let row = tx.customer(id.as_uuid())?.ok_or(AppError::NotFound("customer"))?;
        let key_row = tx.data_key(OwnerKind::Customer, row.id)?.ok_or(AppError::Shredded)?;
        let key = self.keys.open_data_key(&key_row)?;
        let customer = open_customer(&key, &row, self.settings)?;
        std::hint::black_box(customer);
        tx.purchases_of(row.id)?;
        tx.repairs_of(row.id)?;
        tx.aml_records_of(row.id)?;
        tx.commit()?;
        Ok(())
    }
}

/// The API load benchmark's baseline: customers stored in plaintext by
/// [`crate::plaintext_baseline_import`] on a throwaway store of synthetic data, read back by id
/// with the same parsing as a sealed read but no keys, no permission check and no audit event.
/// The server serves them on the same endpoint shape so the cost of protection is a ratio.
pub struct PlaintextCustomers {
    store: Box<dyn Store>,
    settings: VaultSettings,
}

impl std::fmt::Debug for PlaintextCustomers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PlaintextCustomers")
    }
}

impl PlaintextCustomers {
    /// A store filled by `plaintext_baseline_import`, and nothing else.
    pub fn new(store: Box<dyn Store>, settings: VaultSettings) -> PlaintextCustomers {
        PlaintextCustomers { store, settings }
    }

    /// Up to `limit` customer ids, for the load generator to ask for.
    pub fn ids(&self, limit: usize) -> Result<Vec<CustomerId>, AppError> {
        let mut tx = self.store.begin_snapshot()?;
        let rows = tx.customers_page(None, limit)?;
        tx.commit()?;
        Ok(rows.iter().map(|row| CustomerId::from_uuid(row.id)).collect())
    }

    pub fn customer(&self, id: CustomerId) -> Result<Option<strongroom_domain::Customer>, AppError> {
        use strongroom_domain::{EmailAddress, Field, FreeText, PhoneE164, PostalAddress};
        let mut tx = self.store.begin_snapshot()?;
        let Some(row) = tx.customer(id.as_uuid())? else { return Ok(None) };
        tx.commit()?;
        let text = |field: Field| row.sealed.get(field).map(|bytes| String::from_utf8_lossy(bytes).into_owned());
        let invalid = |_| AppError::corrupt("a baseline field does not parse");
        let mut customer = crate::customers::customer_from(
            NewCustomer {
                name: PersonName::parse("name", &text(Field::CustomerName).unwrap_or_default()).map_err(invalid)?,
                email: text(Field::CustomerEmail).map(|email| EmailAddress::parse(&email)).transpose().map_err(invalid)?,
                phone: text(Field::CustomerPhone)
                    .map(|phone| PhoneE164::parse(&phone, self.settings.default_country))
                    .transpose()
                    .map_err(invalid)?,
                address: text(Field::CustomerAddress)
                    .map(|address| PostalAddress::parse("address", &address))
                    .transpose()
                    .map_err(invalid)?,
                birth_date: text(Field::CustomerBirthDate)
                    .map(|day| crate::customers::codec::decode_date(day.as_bytes()))
                    .transpose()
                    .map_err(|_| AppError::corrupt("a baseline date"))?,
                notes: text(Field::CustomerNotes).map(|notes| FreeText::parse("notes", &notes)).transpose().map_err(invalid)?,
            },
            row.id,
            crate::from_micros(row.created_at)?,
        );
        customer.updated_at = crate::from_micros(row.updated_at)?;
        Ok(Some(customer))
    }
}
