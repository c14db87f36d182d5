//! `strongroom bench`: measures this machine, in one run, the encrypted path against a plaintext
//! baseline of the same rows in the same kind of store, like `cryptsetup benchmark`.
//!
//! Everything happens in a temporary directory (or a temporary PostgreSQL schema) holding
//! synthetic customers only, and is deleted afterwards.

use std::time::Instant;

use anyhow::{Context, Result};
use clap::Args;
use serde::Serialize;
use strongroom_app::{ClientInfo, CustomerQuery, ImportOptions, InitOptions, KeySource, NewRepair, Vault, VaultSettings};
use strongroom_bench::baseline::{PlaintextCustomers, plaintext_baseline_import};
use strongroom_bench::load::ApiLoad;
use strongroom_bench::pages::LoginBench;
use strongroom_bench::percentile;
use strongroom_bench::synthetic::{self, Rng};
use strongroom_crypto::ShopKey;
use strongroom_domain::{Actor, Country, Currency, EmailAddress, FreeText, JobKind, PhoneE164, Role, StaffName};
use strongroom_identity::Password;
use strongroom_store::{PgStore, SqliteStore, Store};

use crate::Cli;

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// How many synthetic customers to import and search.
    #[arg(long, default_value_t = 100_000)]
    pub customers: u64,
    /// How many exact lookups of each kind to time.
    #[arg(long, default_value_t = 2_000)]
    pub lookups: u64,
    /// How many events the audit-trail benchmark's log holds (0 skips it).
    #[arg(long, default_value_t = 1_000_000)]
    pub audit_events: u64,
    /// How many clients read customers at once in the audited-read comparison.
    #[arg(long, default_value_t = 8)]
    pub readers: u64,
    /// How many connections flood the sign-in page with wrong passwords (0 skips the
    /// sign-in benchmark).
    #[arg(long, default_value_t = 500)]
    pub login_flood: usize,
    /// How many searches of each kind (by email or phone, and by full name) to time through the
    /// search page over HTTPS (0 skips it).
    #[arg(long, default_value_t = 200)]
    pub search_pages: u64,
    /// Open jobs taken in before the workshop board and the start page are timed (with
    /// `--search-pages` above 0).
    #[arg(long, default_value_t = 1000)]
    pub board_jobs: u64,
    /// Seconds of `wrk` load on the JSON API, against the imported customers and against a
    /// plaintext baseline of the same endpoint (0 skips it; needs `wrk` installed).
    #[arg(long, default_value_t = 0)]
    pub api_seconds: u64,
    /// Connections `wrk` keeps open in the API load.
    #[arg(long, default_value_t = 64)]
    pub api_connections: usize,
    /// Rows of a CSV file where every row is invalid, validated (and refused) first, to show
    /// that an import's memory does not grow with its invalid rows (0 skips it).
    #[arg(long, default_value_t = 0)]
    pub invalid_rows: u64,
    /// Give the imported customers the demo shop's history (a sale for four in ten, some with
    /// an AML record, a workshop job for one in eight) before the backup is measured, as a
    /// shop's vault holds them. Slow: about two minutes per 300,000 customers.
    #[arg(long)]
    pub records: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Serialize)]
pub struct BenchReport {
    pub backend: &'static str,
    pub customers: u64,
    pub import_rows_per_s: f64,
    pub plaintext_import_rows_per_s: f64,
    pub encrypted_vs_plaintext: f64,
    pub import_s: f64,
    pub plaintext_import_s: f64,
    /// The `sqlite3` shell's `.import` of the same CSV into a plain table with two indexes, the
    /// machine's floor (`None` without a `sqlite3` command), and this import's speed against it.
    pub sqlite3_import_s: Option<f64>,
    pub import_vs_sqlite3: Option<f64>,
    /// The process's peak memory through the import (the plaintext baseline's import included).
    pub import_peak_rss_mb: f64,
    pub lookup_email_p50_us: f64,
    pub lookup_email_p99_us: f64,
    pub lookup_phone_p50_us: f64,
    pub lookup_phone_p99_us: f64,
    pub lookups: u64,
    /// The disk's own flush (a 4 KiB write and `fdatasync`, as many as `lookups`), timed in the
    /// same run: no durable lookup can answer faster.
    pub disk_flush_p50_us: f64,
    pub disk_flush_p99_us: f64,
    pub audit_events: u64,
    pub audit_append_per_s: f64,
    pub audited_reads_per_s: f64,
    pub unaudited_reads_per_s: f64,
    pub audited_read_vs_unaudited: f64,
    pub audit_verify_s: f64,
    /// Present when the log held exactly 1,000,000 events.
    pub audit_verify_1m_s: Option<f64>,
    pub inclusion_proof_us: f64,
    pub inclusion_proof_p99_us: f64,
    pub accessed_by_query_ms: f64,
    pub accessed_by_events_in_window: u64,
    /// An incident's impact for one account over one day, and over a window reaching about
    /// 10,000 customers (read from the trail, counted per category, kept as evidence).
    pub incident_impact_day_ms: f64,
    pub incident_impact_wide_ms: f64,
    pub incident_impact_wide_customers: u64,
    /// Sign-ins per second over HTTPS at the default Argon2id parameters (four clients).
    pub login_per_s: f64,
    /// Requests per second of a cheap signed-in page, alone …
    pub health_rps: f64,
    /// … and while `login_flood_connections` post wrong passwords to the sign-in page.
    pub health_rps_during_login_flood: f64,
    pub health_during_flood_vs_alone: f64,
    pub login_flood_connections: usize,
    pub login_flood_attempts_per_s: f64,
    /// The search page (a search posted to `/customers`, signed in, over HTTPS on one keep-alive connection,
    /// timed at the client): by email or phone …
    pub search_page_exact_p50_ms: f64,
    pub search_page_exact_p99_ms: f64,
    /// … and by a full name, which matches every customer with both words in their name.
    pub search_page_name_p50_ms: f64,
    pub search_page_name_p99_ms: f64,
    /// … and by the start of each word of a name (three letters each), as a hurried search is typed.
    pub search_page_prefix_p50_ms: f64,
    pub search_page_prefix_p99_ms: f64,
    /// The workshop board (`/workshop`) with `board_jobs` open jobs, and the start page (`/`),
    /// the same way.
    pub board_jobs: u64,
    pub board_p50_ms: f64,
    pub board_p99_ms: f64,
    pub start_page_p50_ms: f64,
    pub start_page_p99_ms: f64,
    /// Whole customer records per second over the JSON API (token check, decryption and an
    /// audit event on disk each), with a real HTTP client (`wrk`) over TLS on loopback …
    pub api_reads_per_s: f64,
    pub api_reads_p50_ms: f64,
    pub api_reads_p99_ms: f64,
    /// … and the same endpoint served from a plaintext store without keys, checks or events.
    pub plaintext_api_reads_per_s: f64,
    pub plaintext_api_reads_p99_ms: f64,
    pub api_protected_vs_plaintext: f64,
    /// On PostgreSQL: the same protected load on an SQLite vault of the same customers, in the
    /// same run, and PostgreSQL's figure against it (0 on SQLite).
    pub api_reads_on_sqlite_per_s: f64,
    pub api_postgres_vs_sqlite: f64,
    /// The bench process's resident memory (it holds the server) during the protected load.
    pub api_rss_under_load_mb: f64,
    pub api_connections: usize,
    /// An import of `invalid_rows` rows, every one invalid: how long its validation took, and the
    /// most memory the process held while it ran (its peak counted from just before).
    pub invalid_rows: u64,
    pub invalid_rows_s: f64,
    pub invalid_rows_peak_rss_mb: f64,
    pub invalid_rows_rss_before_mb: f64,
    /// A backup of the imported vault: seconds to write it, its bytes per customer and against
    /// the database it came from, seconds to restore it into an empty database, and how fast
    /// `backup verify` reads it.
    pub backup_s: f64,
    pub restore_s: f64,
    pub backup_bytes_per_customer: f64,
    pub backup_vs_database: f64,
    pub backup_verify_mb_per_s: f64,
    /// The backup's, read-through's and restore's own peak memory (VmHWM reset just before),
    /// and what the process held before them (the imported vault, the plaintext baseline).
    pub backup_peak_rss_mb: f64,
    pub backup_rss_before_mb: f64,
    /// A customer's data for their access request, and an erasure beside a bare crypto-shred.
    #[serde(flatten)]
    pub privacy: crate::bench_privacy::PrivacyFigures,
    /// The security desk's pages with 50 devices, 100 risks and a year of scores.
    #[serde(flatten)]
    pub desk: crate::bench_desk::DeskFigures,
    /// The password vault with 500 entries.
    #[serde(flatten)]
    pub people: crate::bench_people::PeopleFigures,
    /// Sales and workshop jobs the customers had when the backup was measured (`--records`).
    pub records: u64,
    /// The same, when the run was of 1,000,000 customers (the figure).
    pub backup_1m_s: Option<f64>,
    pub restore_1m_s: Option<f64>,
    pub peak_rss_mb: f64,
}

const SEED: u64 = 0xBE9C;
/// Customer reads timed each way in the audited-read comparison.
const READS: u64 = 40_000;

/// A throwaway store: a SQLite file in the temporary directory, or a schema on PostgreSQL.
fn scratch_store(dir: &std::path::Path, name: &str, database_url: Option<&str>) -> Result<(Box<dyn Store>, Option<String>)> {
    match database_url {
        None => Ok((Box::new(SqliteStore::open(&dir.join(format!("{name}.sqlite")))?), None)),
        Some(url) => {
            let schema = format!("strongroom_bench_{name}_{}", std::process::id());
            Ok((Box::new(PgStore::connect_in_schema(url, Some(&schema))?), Some(schema)))
        }
    }
}

fn drop_schema(database_url: Option<&str>, schema: Option<String>) {
    if let (Some(url), Some(schema)) = (database_url, schema) {
        // Best effort: a schema left behind holds synthetic data only.
        let _ = PgStore::drop_schema(url, &schema);
    }
}

pub fn run(cli: &Cli, args: &BenchArgs) -> Result<()> {
    let report = measure(args, cli.database_url.as_deref())?;
    if args.json {
        return crate::output::json(&report);
    }
    println!("{} customers on {}:", report.customers, report.backend);
    println!(
        "  import: {:.0} rows/s encrypted, {:.0} rows/s plaintext baseline ({:.2}x)",
        report.import_rows_per_s, report.plaintext_import_rows_per_s, report.encrypted_vs_plaintext
    );
    if let (Some(floor), Some(ratio)) = (report.sqlite3_import_s, report.import_vs_sqlite3) {
        println!(
            "  import: {:.1} s against sqlite3 .import of the same CSV into a plain table with two indexes: {floor:.1} s ({ratio:.2}x); peak memory {:.0} MiB",
            report.import_s, report.import_peak_rss_mb
        );
    }
    println!("  exact lookup by email: p50 {:.0} µs, p99 {:.0} µs", report.lookup_email_p50_us, report.lookup_email_p99_us);
    println!("  exact lookup by phone: p50 {:.0} µs, p99 {:.0} µs", report.lookup_phone_p50_us, report.lookup_phone_p99_us);
    println!(
        "  the disk's own flush (a 4 KiB write and fdatasync), under every durable answer: p50 {:.0} µs, p99 {:.0} µs",
        report.disk_flush_p50_us, report.disk_flush_p99_us
    );
    if report.audit_events > 0 {
        println!(
            "  audit trail of {} events: append {:.0} events/s, verify {:.2} s, inclusion proof p50 {:.0} µs, accessed-by {:.1} ms",
            report.audit_events, report.audit_append_per_s, report.audit_verify_s, report.inclusion_proof_us, report.accessed_by_query_ms
        );
        println!(
            "  an incident's impact from the trail: one account, one day {:.1} ms; {} customers {:.0} ms",
            report.incident_impact_day_ms, report.incident_impact_wide_customers, report.incident_impact_wide_ms
        );
        println!(
            "  customer reads: {:.0}/s audited, {:.0}/s without the audit event ({:.2}x)",
            report.audited_reads_per_s, report.unaudited_reads_per_s, report.audited_read_vs_unaudited
        );
    }
    if report.login_flood_connections > 0 {
        println!(
            "  sign-in: {:.0} sign-ins/s; a signed-in page serves {:.0} requests/s alone, {:.0} while {} connections flood the sign-in page ({:.2}x)",
            report.login_per_s,
            report.health_rps,
            report.health_rps_during_login_flood,
            report.login_flood_connections,
            report.health_during_flood_vs_alone
        );
    }
    if report.search_page_exact_p50_ms > 0.0 {
        println!(
            "  search page over HTTPS: by email or phone p50 {:.1} ms, p99 {:.1} ms; by full name p50 {:.1} ms, p99 {:.1} ms; by the start of each word p50 {:.1} ms, p99 {:.1} ms",
            report.search_page_exact_p50_ms,
            report.search_page_exact_p99_ms,
            report.search_page_name_p50_ms,
            report.search_page_name_p99_ms,
            report.search_page_prefix_p50_ms,
            report.search_page_prefix_p99_ms
        );
        println!(
            "  workshop board with {} open jobs p50 {:.1} ms, p99 {:.1} ms; start page p50 {:.1} ms, p99 {:.1} ms",
            report.board_jobs, report.board_p50_ms, report.board_p99_ms, report.start_page_p50_ms, report.start_page_p99_ms
        );
    }
    if report.api_connections > 0 {
        println!(
            "  JSON API, whole customer records with wrk ({} connections): {:.0}/s (p99 {:.1} ms), plaintext baseline {:.0}/s (p99 {:.1} ms), {:.2}x; {:.0} MiB resident under load",
            report.api_connections,
            report.api_reads_per_s,
            report.api_reads_p99_ms,
            report.plaintext_api_reads_per_s,
            report.plaintext_api_reads_p99_ms,
            report.api_protected_vs_plaintext,
            report.api_rss_under_load_mb
        );
        if report.api_reads_on_sqlite_per_s > 0.0 {
            println!(
                "  the same load on SQLite in this run: {:.0}/s; PostgreSQL {:.2}x of it",
                report.api_reads_on_sqlite_per_s, report.api_postgres_vs_sqlite
            );
        }
    }
    if report.invalid_rows > 0 {
        println!(
            "  an import of {} invalid rows: refused after {:.1} s; peak memory {:.0} MiB (from {:.0} MiB before it)",
            report.invalid_rows, report.invalid_rows_s, report.invalid_rows_peak_rss_mb, report.invalid_rows_rss_before_mb
        );
    }
    if report.records > 0 {
        println!("  the customers were given {} sales and workshop jobs before the backup", report.records);
    }
    println!(
        "  backup: written in {:.1} s ({:.0} bytes per customer, {:.2}x the database), read through at {:.0} MB/s, restored in {:.1} s",
        report.backup_s, report.backup_bytes_per_customer, report.backup_vs_database, report.backup_verify_mb_per_s, report.restore_s
    );
    println!(
        "  backup, read-through and restore: peak memory {:.0} MiB (from {:.0} MiB before them)",
        report.backup_peak_rss_mb, report.backup_rss_before_mb
    );
    crate::bench_privacy::print(&report.privacy);
    crate::bench_desk::print(&report.desk);
    crate::bench_people::print(&report.people);
    println!("  peak memory of the whole run: {:.0} MiB", report.peak_rss_mb);
    Ok(())
}

#[derive(Debug, Default)]
struct InvalidRows {
    seconds: f64,
    peak_rss_mb: f64,
    rss_before_mb: f64,
}

/// Validates (and so refuses) a file of `n` rows that all lack a name, each a different
/// problem's worth of text, and measures the process's peak memory from just before.
fn invalid_rows(dir: &std::path::Path, database_url: Option<&str>, n: u64) -> Result<InvalidRows> {
    use std::io::Write;
    let path = dir.join("invalid.csv");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path)?);
    writeln!(file, "name,email,phone")?;
    for row in 0..n {
        // No name, and a phone number that is no number: two problems per row.
        writeln!(file, ",r{row}@example.com,call me {row}")?;
    }
    file.flush()?;
    drop(file);
    let (store, schema) = scratch_store(dir, "invalid", database_url)?;
    let settings = VaultSettings::new(Country::parse("NL")?, Currency::EUR);
    let (_, key_text) = ShopKey::generate_key_file()?;
    let actor = Actor::system("bench");
    let vault = Vault::init(store, &KeySource::KeyFile(key_text), InitOptions::default(), settings, &actor)?;
    let rss_before_mb = strongroom_bench::load::resident_mb_of(None, false);
    // Linux: writing 5 to clear_refs resets this process's peak (VmHWM) to what it holds now.
    std::fs::write("/proc/self/clear_refs", "5").context("cannot reset the peak memory figure (/proc/self/clear_refs)")?;
    let started = Instant::now();
    let refused = vault.import_customers(&actor, &path, &ImportOptions::default(), &mut |_| {});
    let seconds = started.elapsed().as_secs_f64();
    let peak_rss_mb = strongroom_bench::load::resident_mb_of(None, true);
    match refused {
        Err(strongroom_app::AppError::ImportRejected(report)) => {
            anyhow::ensure!(report.rows_rejected == n, "{} of {n} invalid rows were found", report.rows_rejected)
        }
        other => anyhow::bail!("an import of invalid rows was not refused: {other:?}"),
    }
    drop(vault);
    drop_schema(database_url, schema);
    std::fs::remove_file(&path)?;
    Ok(InvalidRows { seconds, peak_rss_mb, rss_before_mb })
}

pub fn measure(args: &BenchArgs, database_url: Option<&str>) -> Result<BenchReport> {
    let (n_customers, n_lookups, n_audit_events) = (args.customers, args.lookups, args.audit_events);
    let dir = tempfile::tempdir().context("cannot create a temporary directory")?;
    // First, while the process holds little else.
    let invalid = if args.invalid_rows > 0 { invalid_rows(dir.path(), database_url, args.invalid_rows)? } else { InvalidRows::default() };
    let csv_path = dir.path().join("customers.csv");
    let mut csv_file = std::fs::File::create(&csv_path)?;
    synthetic::write_customers_csv(&mut csv_file, SEED, n_customers)?;
    drop(csv_file);
    // The floor first: `sqlite3`'s own import of the same file (which also puts it in the page cache).
    let sqlite3_import_s = strongroom_bench::baseline::sqlite3_shell_import(&csv_path, dir.path())?;
    let settings = VaultSettings::new(Country::parse("NL")?, Currency::EUR);
    let actor = Actor::system("bench");

    // The plaintext baseline first, so the page cache holds the CSV for both runs alike.
    let (baseline_store, baseline_schema) = scratch_store(dir.path(), "plaintext", database_url)?;
    let started = Instant::now();
    let baseline_rows = plaintext_baseline_import(baseline_store.as_ref(), &csv_path, settings, ImportOptions::default().batch_size)?;
    let plaintext_import_s = started.elapsed().as_secs_f64();
    // Kept for the API load's baseline, if that runs.
    let baseline = std::sync::Arc::new(PlaintextCustomers::new(baseline_store));

    let (store, schema) = scratch_store(dir.path(), "vault", database_url)?;
    let backend = store.backend().as_str();
    let (_, key_text) = ShopKey::generate_key_file()?;
    let key = KeySource::KeyFile(key_text.clone());
    let vault = Vault::init(store, &KeySource::KeyFile(key_text), InitOptions::default(), settings, &actor)?;
    let started = Instant::now();
    let report = vault.import_customers(&actor, &csv_path, &ImportOptions::default(), &mut |_| {})?;
    let import_s = started.elapsed().as_secs_f64();
    let import_peak_rss_mb = strongroom_bench::load::resident_mb_of(None, true);

    let flushes = strongroom_bench::baseline::disk_flushes(dir.path(), n_lookups as usize)?;
    let mut rng = Rng::new(SEED);
    let mut email_times = Vec::with_capacity(n_lookups as usize);
    let mut phone_times = Vec::with_capacity(n_lookups as usize);
    let mut found = 0u64;
    while email_times.len() < n_lookups as usize || phone_times.len() < n_lookups as usize {
        let customer = synthetic::customer(SEED, rng.below(n_customers.max(1)));
        if !customer.email.is_empty() && email_times.len() < n_lookups as usize {
            let query = CustomerQuery::Email(EmailAddress::parse(&customer.email)?);
            let started = Instant::now();
            found += vault.find_customers(&actor, &query, None)?.len() as u64;
            email_times.push(started.elapsed());
        }
        if !customer.phone.is_empty() && phone_times.len() < n_lookups as usize {
            let query = CustomerQuery::Phone(PhoneE164::parse(&customer.phone, settings.default_country)?);
            let started = Instant::now();
            vault.find_customers(&actor, &query, None)?;
            phone_times.push(started.elapsed());
        }
    }
    anyhow::ensure!(found >= n_lookups, "an email lookup missed a customer it imported");
    email_times.sort();
    phone_times.sort();
    let records = if args.records { crate::demo::add_history(&vault, &actor)? } else { 0 };
    let backup = backup_figures(&vault, &key, dir.path(), database_url, report.rows_imported)?;
    let privacy = crate::bench_privacy::figures(&vault, settings.currency)?;
    let desk = crate::bench_desk::figures(&vault)?;
    let people = crate::bench_people::figures(&vault)?;
    let vault = std::sync::Arc::new(vault);
    let pages =
        if args.search_pages > 0 { page_times(&vault, n_customers, args.search_pages, args.board_jobs)? } else { PageTimes::default() };
    let api = if args.api_seconds > 0 {
        crate::bench_api::api_load(vault, std::sync::Arc::clone(&baseline), args.api_connections, args.api_seconds)?
    } else {
        ApiLoad::default()
    };
    let api_on_sqlite = match (args.api_seconds > 0, database_url) {
        (true, Some(_)) => crate::bench_api::api_load_on_sqlite(dir.path(), &csv_path, settings, args.api_connections, args.api_seconds)?,
        _ => 0.0,
    };
    drop(baseline);
    drop_schema(database_url, baseline_schema);
    drop_schema(database_url, schema);

    let audit = if n_audit_events > 0 {
        let (store, schema) = scratch_store(dir.path(), "audit", database_url)?;
        let figures = strongroom_bench::audit::audit_bench(store, settings, n_audit_events, READS, args.readers)?;
        drop_schema(database_url, schema);
        figures
    } else {
        strongroom_bench::audit::AuditBench::default()
    };

    let login =
        if args.login_flood > 0 { login_bench(dir.path(), database_url, settings, args.login_flood)? } else { LoginBench::default() };

    let import_rows_per_s = report.rows_imported as f64 / import_s;
    let plaintext_import_rows_per_s = baseline_rows as f64 / plaintext_import_s;
    Ok(BenchReport {
        backend,
        customers: report.rows_imported,
        import_rows_per_s,
        plaintext_import_rows_per_s,
        encrypted_vs_plaintext: import_rows_per_s / plaintext_import_rows_per_s,
        import_s,
        plaintext_import_s,
        sqlite3_import_s,
        import_vs_sqlite3: sqlite3_import_s.map(|floor| floor / import_s),
        import_peak_rss_mb,
        lookup_email_p50_us: percentile(&email_times, 0.50) * 1e6,
        lookup_email_p99_us: percentile(&email_times, 0.99) * 1e6,
        lookup_phone_p50_us: percentile(&phone_times, 0.50) * 1e6,
        lookup_phone_p99_us: percentile(&phone_times, 0.99) * 1e6,
        lookups: n_lookups,
        disk_flush_p50_us: percentile(&flushes, 0.50) * 1e6,
        disk_flush_p99_us: percentile(&flushes, 0.99) * 1e6,
        audit_events: audit.events,
        audit_append_per_s: audit.append_per_s,
        audited_reads_per_s: audit.audited_reads_per_s,
        unaudited_reads_per_s: audit.unaudited_reads_per_s,
        audited_read_vs_unaudited: if audit.unaudited_reads_per_s > 0.0 {
            audit.audited_reads_per_s / audit.unaudited_reads_per_s
        } else {
            0.0
        },
        audit_verify_s: audit.verify_s,
        audit_verify_1m_s: (audit.events == 1_000_000).then_some(audit.verify_s),
        inclusion_proof_us: audit.inclusion_proof_p50_us,
        inclusion_proof_p99_us: audit.inclusion_proof_p99_us,
        accessed_by_query_ms: audit.accessed_by_p50_ms,
        accessed_by_events_in_window: audit.accessed_by_events_in_window,
        incident_impact_day_ms: audit.impact_day_p50_ms,
        incident_impact_wide_ms: audit.impact_wide_ms,
        incident_impact_wide_customers: audit.impact_wide_customers,
        login_per_s: login.login_per_s,
        health_rps: login.health_rps,
        health_rps_during_login_flood: login.health_rps_during_login_flood,
        health_during_flood_vs_alone: if login.health_rps > 0.0 { login.health_rps_during_login_flood / login.health_rps } else { 0.0 },
        login_flood_connections: login.flood_connections,
        login_flood_attempts_per_s: login.flood_attempts_per_s,
        search_page_exact_p50_ms: pages.exact.0,
        search_page_exact_p99_ms: pages.exact.1,
        search_page_name_p50_ms: pages.name.0,
        search_page_name_p99_ms: pages.name.1,
        search_page_prefix_p50_ms: pages.prefix.0,
        search_page_prefix_p99_ms: pages.prefix.1,
        board_jobs: pages.board_jobs,
        board_p50_ms: pages.board.0,
        board_p99_ms: pages.board.1,
        start_page_p50_ms: pages.start.0,
        start_page_p99_ms: pages.start.1,
        api_reads_per_s: api.protected.requests_per_s,
        api_reads_p50_ms: api.protected.p50_ms,
        api_reads_p99_ms: api.protected.p99_ms,
        api_reads_on_sqlite_per_s: api_on_sqlite,
        api_postgres_vs_sqlite: if api_on_sqlite > 0.0 { api.protected.requests_per_s / api_on_sqlite } else { 0.0 },
        plaintext_api_reads_per_s: api.plaintext.requests_per_s,
        plaintext_api_reads_p99_ms: api.plaintext.p99_ms,
        api_protected_vs_plaintext: if api.plaintext.requests_per_s > 0.0 {
            api.protected.requests_per_s / api.plaintext.requests_per_s
        } else {
            0.0
        },
        api_rss_under_load_mb: api.rss_under_load_mb,
        api_connections: api.connections,
        invalid_rows: args.invalid_rows,
        invalid_rows_s: invalid.seconds,
        invalid_rows_peak_rss_mb: invalid.peak_rss_mb,
        invalid_rows_rss_before_mb: invalid.rss_before_mb,
        backup_s: backup.backup_s,
        restore_s: backup.restore_s,
        backup_bytes_per_customer: backup.bytes as f64 / (report.rows_imported.max(1)) as f64,
        backup_vs_database: if backup.database_bytes > 0 { backup.bytes as f64 / backup.database_bytes as f64 } else { 0.0 },
        backup_verify_mb_per_s: backup.verify_mb_per_s,
        backup_peak_rss_mb: backup.peak_rss_mb,
        backup_rss_before_mb: backup.rss_before_mb,
        privacy,
        desk,
        people,
        records,
        backup_1m_s: (report.rows_imported == 1_000_000).then_some(backup.backup_s),
        restore_1m_s: (report.rows_imported == 1_000_000).then_some(backup.restore_s),
        // The most this process has held so far (VmHWM).
        peak_rss_mb: strongroom_bench::load::resident_mb_of(None, true).max(backup.run_peak_before_mb),
    })
}

#[derive(Debug, Default)]
struct BackupFigures {
    backup_s: f64,
    restore_s: f64,
    bytes: u64,
    /// The SQLite file and its log (0 on PostgreSQL, where the files are the server's).
    database_bytes: u64,
    verify_mb_per_s: f64,
    /// The most memory the process held while backing up, reading through and restoring, and
    /// what it held just before.
    peak_rss_mb: f64,
    rss_before_mb: f64,
    /// The whole run's peak before the backup.
    run_peak_before_mb: f64,
}

/// Backs the imported vault up, reads the backup through, and restores it into an empty
/// database of the same backend.
fn backup_figures(
    vault: &Vault,
    key: &KeySource,
    dir: &std::path::Path,
    database_url: Option<&str>,
    customers: u64,
) -> Result<BackupFigures> {
    let actor = Actor::system("bench");
    let folder = dir.join("backups");
    std::fs::create_dir_all(&folder)?;
    // The backup's and the restore's own peak, apart from what the import held before them.
    let rss_before_mb = strongroom_bench::load::resident_mb_of(None, false);
    // The whole run's peak so far, which the reset below forgets.
    let run_peak_before_mb = strongroom_bench::load::resident_mb_of(None, true);
    std::fs::write("/proc/self/clear_refs", "5").context("cannot reset the peak memory figure (/proc/self/clear_refs)")?;
    let made = vault.create_backup(&actor, &folder, None)?;
    anyhow::ensure!(made.customers == customers, "the backup holds {} of {customers} customers", made.customers);
    let check = strongroom_app::check_backup(&made.file, key)?;
    anyhow::ensure!(check.is_ok(), "the backup does not read through: {:?}", check.problems);
    let database_bytes =
        ["vault.sqlite", "vault.sqlite-wal"].iter().filter_map(|name| std::fs::metadata(dir.join(name)).ok()).map(|meta| meta.len()).sum();
    let (target, schema): (Box<dyn Store>, Option<String>) = match database_url {
        None => (Box::new(SqliteStore::open_unmigrated(&dir.join("restored.sqlite"))?), None),
        Some(url) => {
            let schema = format!("strongroom_bench_restored_{}", std::process::id());
            (Box::new(PgStore::connect_unmigrated(url, Some(&schema))?), Some(schema))
        }
    };
    let started = Instant::now();
    strongroom_app::restore_backup(&made.file, key, target.as_ref())?;
    let restore_s = started.elapsed().as_secs_f64();
    let peak_rss_mb = strongroom_bench::load::resident_mb_of(None, true);
    drop(target);
    drop_schema(database_url, schema);
    Ok(BackupFigures {
        backup_s: made.seconds,
        restore_s,
        bytes: made.bytes,
        database_bytes,
        verify_mb_per_s: check.bytes as f64 / 1e6 / check.seconds.max(1e-9),
        peak_rss_mb,
        rss_before_mb,
        run_peak_before_mb,
    })
}

/// 50th and 99th percentiles of a page's time, in milliseconds.
type Percentiles = (f64, f64);

#[derive(Debug, Default)]
struct PageTimes {
    exact: Percentiles,
    name: Percentiles,
    prefix: Percentiles,
    board_jobs: u64,
    board: Percentiles,
    start: Percentiles,
}

/// The daily pages at this many customers, as a manager signed in with a second factor sees
/// them: `n` searches by email or phone, `n` by full name and `n` by the first three letters
/// of each word of a name, each for a customer that was imported; then `board_jobs` open jobs
/// taken in for customers found by email, and the workshop board and the start page `n`
/// times each.
fn page_times(vault: &std::sync::Arc<Vault>, n_customers: u64, n: u64, board_jobs: u64) -> Result<PageTimes> {
    let owner = Actor::cli("bench");
    let name = StaffName::parse("bench-manager")?;
    let code = vault.add_staff(&owner, &name, Role::Manager, None)?.code.context("an enrolment code")?;
    let client = ClientInfo::default();
    let session = vault.enrol(name.as_str(), code.as_str(), &Password::new("bench password of many words"), &client)?;
    let enrolment = vault.begin_totp_enrolment(session.token.as_str())?;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let (_, ready) = vault.confirm_totp_enrolment(session.token.as_str(), &enrolment.secret.code_at(now), &client)?;
    let mut rng = Rng::new(SEED ^ 0x5EA2C4);
    let (mut exact, mut names, mut prefixes) = (Vec::new(), Vec::new(), Vec::new());
    while exact.len() < n as usize || names.len() < n as usize {
        let customer = synthetic::customer(SEED, rng.below(n_customers.max(1)));
        let value = if rng.chance(50) { customer.email } else { customer.phone };
        if !value.is_empty() && exact.len() < n as usize {
            exact.push(value);
        }
        if names.len() < n as usize {
            let start: Vec<String> = customer.name.split_whitespace().map(|word| word.chars().take(3).collect()).collect();
            prefixes.push(start.join(" "));
            names.push(customer.name);
        }
    }
    let taken_in = take_in_jobs(vault, n_customers, board_jobs)?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let token = ready.token.as_str().to_owned();
    let search =
        |queries: &[String]| runtime.block_on(strongroom_bench::pages::search_page_bench(std::sync::Arc::clone(vault), &token, queries));
    let page = |path: &str| runtime.block_on(strongroom_bench::pages::page_bench(std::sync::Arc::clone(vault), &token, path, n as usize));
    Ok(PageTimes {
        exact: search(&exact)?,
        name: search(&names)?,
        prefix: search(&prefixes)?,
        board_jobs: taken_in,
        board: page("/workshop")?,
        start: page("/")?,
    })
}

/// Takes in `jobs` repairs for customers found by their email (some received long enough ago
/// to be late), and returns how many were taken in.
fn take_in_jobs(vault: &Vault, n_customers: u64, jobs: u64) -> Result<u64> {
    let actor = Actor::system("bench");
    let today = time::OffsetDateTime::now_utc().date();
    let mut rng = Rng::new(SEED ^ 0x0B0A2D);
    let mut taken_in = 0;
    while taken_in < jobs {
        let customer = synthetic::customer(SEED, rng.below(n_customers.max(1)));
        if customer.email.is_empty() {
            continue;
        }
        let query = CustomerQuery::Email(EmailAddress::parse(&customer.email)?);
        let Some(found) = vault.find_customers(&actor, &query, None)?.into_iter().next() else { continue };
        let received_on = today - time::Duration::days(rng.below(30) as i64);
        vault.add_repair(
            &actor,
            NewRepair {
                customer_id: found.id,
                kind: JobKind::Repair,
                item_description: FreeText::parse("item_description", "Gold ring, resize to 54")?,
                condition: None,
                valuation: None,
                estimate: None,
                deposit: None,
                received_on,
                promised_on: Some(received_on + time::Duration::days(14)),
            },
        )?;
        taken_in += 1;
    }
    Ok(taken_in)
}

/// The sign-in benchmark on a fresh vault: an auditor account (no second factor to give) signs
/// in over HTTPS, then the flood.
fn login_bench(dir: &std::path::Path, database_url: Option<&str>, settings: VaultSettings, flood: usize) -> Result<LoginBench> {
    let (store, schema) = scratch_store(dir, "login", database_url)?;
    let (_, key) = ShopKey::generate_key_file()?;
    let vault = Vault::init(store, &KeySource::KeyFile(key), InitOptions::default(), settings, &Actor::system("bench"))?;
    let password = "bench password of many words";
    let name = StaffName::parse("bench-login")?;
    let code = vault.add_staff(&Actor::system("bench"), &name, Role::ExternalAuditor, None)?.code.context("an enrolment code")?;
    let session = vault.enrol(name.as_str(), code.as_str(), &Password::new(password), &ClientInfo::default())?;
    let token = session.token.as_str().to_owned();
    let vault = std::sync::Arc::new(vault);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let figures = runtime.block_on(strongroom_bench::pages::login_bench(vault, name.as_str(), password, &token, flood))?;
    drop_schema(database_url, schema);
    Ok(figures)
}
