//! What the CLI prints: JSON objects (with `--json`) and plain text. The JSON field names are the
//! API's field names too, so scripts written against one work against the other.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;
use strongroom_app::{CustomerRecord, ImportReport, KeyStatus};
use strongroom_domain::{AmlRecord, Customer, Purchase, SaleState};
pub use strongroom_server::api::json::{AmlJson, CustomerJson, CustomerRecordJson, PurchaseJson, SummaryJson, date, timestamp};
use time::OffsetDateTime;

fn micros(at: i64) -> String {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(at) * 1000).map(timestamp).unwrap_or_default()
}

#[derive(Serialize)]
pub struct RowErrorJson {
    pub line: u64,
    pub field: String,
    pub reason: String,
}

#[derive(Serialize)]
pub struct ProblemCountJson {
    pub field: String,
    pub reason: String,
    pub count: u64,
}

#[derive(Serialize)]
pub struct ImportReportJson {
    pub rows_total: u64,
    pub rows_imported: u64,
    pub rows_rejected: u64,
    pub rows_already_imported: u64,
    pub duplicate_emails: u64,
    pub errors: Vec<RowErrorJson>,
    pub errors_truncated: bool,
    /// Every problem, counted by field and reason, most frequent first.
    pub problem_counts: Vec<ProblemCountJson>,
    pub unknown_columns: Vec<String>,
    pub delimiter: String,
    /// "utf-8", or "windows-1252" for a file that was converted from it.
    pub encoding: &'static str,
    pub rejects_file: Option<String>,
}

impl From<&ImportReport> for ImportReportJson {
    fn from(r: &ImportReport) -> ImportReportJson {
        ImportReportJson {
            rows_total: r.rows_total,
            rows_imported: r.rows_imported,
            rows_rejected: r.rows_rejected,
            rows_already_imported: r.rows_already_imported,
            duplicate_emails: r.duplicate_emails,
            errors: r.errors.iter().map(|e| RowErrorJson { line: e.line, field: e.field.clone(), reason: e.reason.clone() }).collect(),
            errors_truncated: r.errors_truncated,
            problem_counts: r
                .problem_counts
                .iter()
                .map(|c| ProblemCountJson { field: c.field.clone(), reason: c.reason.clone(), count: c.count })
                .collect(),
            unknown_columns: r.unknown_columns.clone(),
            delimiter: r.delimiter.to_string(),
            encoding: if r.windows_1252 { "windows-1252" } else { "utf-8" },
            rejects_file: r.rejects_file.as_ref().map(|p| p.display().to_string()),
        }
    }
}

pub fn print_import_report(report: &ImportReport) {
    println!(
        "{} rows read ({}-separated): {} imported, {} rejected{}",
        report.rows_total,
        if report.delimiter == ';' { "semicolon" } else { "comma" },
        report.rows_imported,
        report.rows_rejected,
        if report.rows_already_imported > 0 {
            format!(", {} imported by an earlier interrupted run", report.rows_already_imported)
        } else {
            String::new()
        },
    );
    if report.windows_1252 {
        println!("the file is not UTF-8: it was read as Windows-1252 (as Excel on Windows saves it) and converted");
    }
    if !report.unknown_columns.is_empty() {
        println!("ignored unknown columns: {}", report.unknown_columns.join(", "));
    }
    for error in &report.errors {
        println!("line {}: {}: {}", error.line, error.field, error.reason);
    }
    if report.errors_truncated {
        println!("(more errors not listed; fix these and run again). All problems, by column and reason:");
        for count in &report.problem_counts {
            println!("  {:>9} × {}: {}", count.count, count.field, count.reason);
        }
    }
}

#[derive(Serialize)]
pub struct KeyVersionJson {
    pub version: u32,
    pub active: bool,
    pub created_at: String,
    pub data_keys: u64,
}

#[derive(Serialize)]
pub struct KeyStatusJson {
    pub protection: &'static str,
    pub aead: &'static str,
    pub blind_index_bits: u32,
    pub exact_lookup_bits: u32,
    pub versions: Vec<KeyVersionJson>,
    pub rotation_unfinished: bool,
}

impl From<&KeyStatus> for KeyStatusJson {
    fn from(s: &KeyStatus) -> KeyStatusJson {
        KeyStatusJson {
            protection: s.protection,
            aead: s.aead,
            blind_index_bits: s.blind_index_bits,
            exact_lookup_bits: s.exact_lookup_bits,
            versions: s
                .versions
                .iter()
                .map(|v| KeyVersionJson {
                    version: v.version,
                    active: v.active,
                    created_at: micros(v.created_at_micros),
                    data_keys: v.data_keys,
                })
                .collect(),
            rotation_unfinished: s.versions.iter().any(|v| !v.active && v.data_keys > 0),
        }
    }
}

/// Prints a value as pretty JSON on stdout.
/// A moment as the JSON and the CLI's lines give it: RFC 3339, UTC.
pub fn rfc3339(at: OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

pub fn json<T: Serialize>(value: &T) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

pub fn print_customer(c: &Customer) {
    let json = CustomerJson::from(c);
    println!("{}  {}", json.id, json.name);
    let line = |label: &str, value: &Option<String>| {
        if let Some(value) = value {
            println!("  {label:<20} {}", value.replace('\n', "\n                       "));
        }
    };
    line("email", &json.email);
    line("phone", &json.phone);
    line("address", &json.address);
    line("birth date", &json.birth_date);
    line("partner", &json.partner);
    line("anniversary", &json.anniversary);
    line("ring sizes", &json.ring_sizes);
    line("metal allergies", &json.metal_allergies);
    line("style notes", &json.style_notes);
    line("wish list", &json.wish_list);
    line("preferred associate", &json.preferred_associate);
    for consent in &json.marketing_consent {
        println!(
            "  {:<20} {} (wording {}, recorded {})",
            format!("consent by {}", consent.channel),
            if consent.granted { "yes" } else { "no" },
            consent.wording_version,
            consent.recorded_at
        );
    }
    line("notes", &json.notes);
}

pub fn print_record(record: &CustomerRecord) {
    print_customer(&record.customer);
    if let Some(purchases) = &record.purchases {
        print_purchases(purchases);
    }
    if let Some(repairs) = &record.repairs {
        println!("  workshop jobs: {}", repairs.len());
        for r in repairs {
            println!("    {}  {} {}  {}", date(r.received_on), r.kind.as_str(), r.status.as_str(), r.item_description);
        }
    }
    if let Some(aml) = &record.aml_records {
        print_aml_records(aml);
    }
}

pub fn print_purchases(purchases: &[Purchase]) {
    println!("  purchases: {}", purchases.len());
    for p in purchases {
        let items: Vec<String> = p.items.iter().map(|i| i.description.to_string()).collect();
        let state = match p.state() {
            SaleState::Standing => String::new(),
            state => format!("  [{}]", state.as_str()),
        };
        println!(
            "    {}  {}  {}  {}{}{state}",
            date(p.purchased_on),
            p.id,
            p.total,
            items.join(", "),
            if p.paid_in_cash { "  (cash)" } else { "" }
        );
        for c in &p.corrections {
            println!("      {} {} {}: {}", timestamp(c.at), c.kind.as_str(), c.amount, c.reason);
        }
    }
}

pub fn print_aml_records(records: &[AmlRecord]) {
    println!("  AML identity records: {}", records.len());
    for a in records {
        println!(
            "    {}  {}: {} {} ({}), checked by {}, for {}, kept until {}",
            date(a.transaction_date),
            a.holder_name.as_ref().map_or("-", |name| name.as_str()),
            a.document_type.as_str(),
            a.document_number.as_str(),
            a.document_country.as_str(),
            a.verified_by,
            a.transaction_reference,
            date(a.retention_ends)
        );
    }
}

/// A progress bar on the terminal (hidden when standard error is not one).
pub fn progress_bar(total: u64, what: &str) -> ProgressBar {
    let bar = if std::io::stderr().is_terminal() { ProgressBar::new(total) } else { ProgressBar::hidden() };
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({per_sec}, {eta} left)")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_message(what.to_owned());
    bar
}
