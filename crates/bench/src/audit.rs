//! Benchmarks of the audit trail, run on a vault made for the purpose on a fresh store
//! (`BenchVault`: a store that already holds a vault is refused), so nothing here can write
//! synthetic events into a shop's real trail.

use std::time::Instant;

use strongroom_app::VaultSettings;
use strongroom_app::measure::{self, BenchVault};
use strongroom_audit::AuditEvent;
use strongroom_domain::{Actor, AuditAction, Field, NewCustomer, PersonName, Purposes, RecordKind, Role};
use strongroom_store::Store;
use uuid::Uuid;

use crate::synthetic::Rng;
use crate::{BenchError, percentile};

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
    /// An incident's impact for one account over one day (read from the trail, counted per
    /// category and attached as evidence), median of 20 days.
    pub impact_day_p50_ms: f64,
    /// The same over a window in which the account reached about 10,000 customers.
    pub impact_wide_ms: f64,
    pub impact_wide_customers: u64,
}

const STAFF: u64 = 20;
const DAYS: i64 = 30;

/// Fills a new vault on `store` with `n_events` synthetic events (20 staff members over 30 days)
/// and measures append, verify, proofs, `accessed_by` and audited against unaudited reads.
pub fn audit_bench(
    store: Box<dyn Store>,
    settings: VaultSettings,
    n_events: u64,
    n_reads: u64,
    readers: u64,
) -> Result<AuditBench, BenchError> {
    let bench = BenchVault::create(store, settings)?;
    let vault = bench.vault();
    let system = Actor::system("bench");
    let mut figures = AuditBench { events: n_events, reads: n_reads, ..AuditBench::default() };

    // Bulk append, as an import writes its events.
    let mut rng = Rng::new(0xA0D1);
    let start_micros = measure::now_micros() - DAYS * 86_400_000_000;
    let step = (DAYS * 86_400_000_000) / n_events.max(1) as i64;
    let started = Instant::now();
    let mut appended = 0u64;
    while appended < n_events {
        let batch = (n_events - appended).min(10_000);
        let events: Vec<AuditEvent> = (0..batch)
            .map(|offset| {
                let n = appended + offset;
                let actor = Actor::staff(&format!("staff-{}", rng.below(STAFF)), Role::Sales, false);
                let mut event = measure::event(
                    &actor,
                    AuditAction::CustomerRead,
                    (RecordKind::Customer, Uuid::from_u64_pair(n, rng.next_u64())),
                    [Field::CustomerName.category(), Field::CustomerEmail.category()],
                    Some("sale"),
                );
                event.at_unix_micros = start_micros + n as i64 * step;
                event
            })
            .collect();
        bench.append_events(&events)?;
        appended += batch;
    }
    figures.append_per_s = n_events as f64 / started.elapsed().as_secs_f64();

    let started = Instant::now();
    let report = vault.verify_audit_log(&system, None)?;
    figures.verify_s = started.elapsed().as_secs_f64();
    if !report.is_ok() {
        return Err(BenchError::Failed(format!("the benchmark's own log does not verify: {:?}", report.problems.first())));
    }

    let size = bench.trail_size()?;
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
            .map_err(|_| BenchError::Failed("bench time".into()))?;
        let started = Instant::now();
        let answer = vault.accessed_by(&system, "staff-7", since, since + time::Duration::days(1))?;
        accessed_by_times.push(started.elapsed());
        figures.accessed_by_events_in_window = answer.events;
    }
    accessed_by_times.sort();
    figures.accessed_by_p50_ms = percentile(&accessed_by_times, 0.5) * 1e3;

    // The same question asked for an incident: counted per data category and kept with it.
    let summary = strongroom_domain::FreeText::parse("summary", "staff-7's password was phished")?;
    let now = time::OffsetDateTime::now_utc();
    let report = strongroom_domain::NewIncident::new(strongroom_domain::IncidentKind::Phishing, summary, None, now)?;
    let incident = vault.report_incident(&system, report)?;
    let at = |micros: i64| {
        time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(micros) * 1000).map_err(|_| BenchError::Failed("bench time".into()))
    };
    let mut impact_times = Vec::with_capacity(20);
    for day in 0..20 {
        let since = at(start_micros + day * 86_400_000_000)?;
        let started = Instant::now();
        vault.incident_impact(&system, incident, "staff-7", since, since + time::Duration::days(1))?;
        impact_times.push(started.elapsed());
    }
    impact_times.sort();
    figures.impact_day_p50_ms = percentile(&impact_times, 0.5) * 1e3;
    // staff-7 reads about n_events / STAFF / DAYS customers a day: a window of about 10,000.
    let per_day = (n_events / STAFF).max(1) as f64 / DAYS as f64;
    let window_micros = ((10_000.0 / per_day) * 86_400_000_000.0).min((DAYS * 86_400_000_000) as f64) as i64;
    let started = Instant::now();
    let wide = vault.incident_impact(&system, incident, "staff-7", at(start_micros)?, at(start_micros + window_micros)?)?;
    figures.impact_wide_ms = started.elapsed().as_secs_f64() * 1e3;
    figures.impact_wide_customers = wide.customers;

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
    let run = |audited: bool| -> Result<f64, BenchError> {
        let started = Instant::now();
        std::thread::scope(|scope| {
            let readers: Vec<_> = (0..readers)
                .map(|reader| {
                    let (bench, ids, purpose, system) = (&bench, &ids, &purpose, &system);
                    scope.spawn(move || -> Result<(), BenchError> {
                        for n in 0..per_reader {
                            let id = ids[((reader * per_reader + n) % 100) as usize];
                            if audited {
                                bench.vault().show_customer(system, id, purpose)?;
                            } else {
                                bench.read_customer_unaudited(id)?;
                            }
                        }
                        Ok(())
                    })
                })
                .collect();
            readers.into_iter().try_for_each(|reader| reader.join().unwrap_or_else(|_| Err(BenchError::Failed("a reader panicked".into()))))
        })?;
        Ok((per_reader * readers) as f64 / started.elapsed().as_secs_f64())
    };
    figures.audited_reads_per_s = run(true)?;
    figures.unaudited_reads_per_s = run(false)?;
    Ok(figures)
}
