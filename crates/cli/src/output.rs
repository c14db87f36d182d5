//! What the CLI prints: JSON objects (with `--json`) and plain text. The JSON field names are the
//! API's field names too, so scripts written against one work against the other.

use serde::Serialize;
use strongroom_app::{CustomerRecord, CustomerSummary, ImportReport, KeyStatus};
use strongroom_domain::{AmlRecord, Customer, Purchase, Repair};
use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime};

fn date(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}

pub fn timestamp(at: OffsetDateTime) -> String {
    at.format(&Rfc3339).unwrap_or_default()
}

fn micros(at: i64) -> String {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(at) * 1000).map(timestamp).unwrap_or_default()
}

#[derive(Serialize)]
pub struct ConsentJson {
    pub channel: &'static str,
    pub granted: bool,
    pub wording_version: String,
    pub recorded_at: String,
}

#[derive(Serialize)]
pub struct CustomerJson {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub birth_date: Option<String>,
    pub partner: Option<String>,
    pub anniversary: Option<String>,
    pub ring_sizes: Option<String>,
    pub metal_allergies: Option<String>,
    pub style_notes: Option<String>,
    pub wish_list: Option<String>,
    pub preferred_associate: Option<String>,
    pub marketing_consent: Vec<ConsentJson>,
    pub notes: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

impl From<&Customer> for CustomerJson {
    fn from(c: &Customer) -> CustomerJson {
        let text = |value: Option<&str>| value.map(str::to_owned);
        CustomerJson {
            id: c.id.to_string(),
            name: c.name.to_string(),
            email: text(c.email.as_ref().map(|v| v.as_str())),
            phone: text(c.phone.as_ref().map(|v| v.as_str())),
            address: text(c.address.as_ref().map(|v| v.as_str())),
            birth_date: c.birth_date.map(date),
            partner: c.partner.map(|id| id.to_string()),
            anniversary: c.anniversary.map(date),
            ring_sizes: text(c.ring_sizes.as_ref().map(|v| v.as_str())),
            metal_allergies: text(c.metal_allergies.as_ref().map(|v| v.as_str())),
            style_notes: text(c.style_notes.as_ref().map(|v| v.as_str())),
            wish_list: text(c.wish_list.as_ref().map(|v| v.as_str())),
            preferred_associate: text(c.preferred_associate.as_ref().map(|v| v.as_str())),
            marketing_consent: c
                .marketing_consent
                .iter()
                .map(|consent| ConsentJson {
                    channel: consent.channel.as_str(),
                    granted: consent.granted,
                    wording_version: consent.wording_version.to_string(),
                    recorded_at: timestamp(consent.recorded_at),
                })
                .collect(),
            notes: text(c.notes.as_ref().map(|v| v.as_str())),
            created_at: timestamp(c.created_at),
            updated_at: timestamp(c.updated_at),
        }
    }
}

#[derive(Serialize)]
pub struct ItemJson {
    pub description: String,
    pub metal: Option<String>,
    pub stones: Option<String>,
    pub certificate_number: Option<String>,
}

#[derive(Serialize)]
pub struct PaymentJson {
    pub processor_token: String,
    pub brand: &'static str,
    pub last_four: String,
    pub expiry: Option<String>,
}

#[derive(Serialize)]
pub struct PurchaseJson {
    pub id: String,
    pub customer_id: String,
    pub purchased_on: String,
    pub items: Vec<ItemJson>,
    pub total: String,
    pub currency: String,
    pub paid_in_cash: bool,
    pub engraving: Option<String>,
    pub payment: Option<PaymentJson>,
}

impl From<&Purchase> for PurchaseJson {
    fn from(p: &Purchase) -> PurchaseJson {
        let text = |value: &Option<strongroom_domain::ShortText>| value.as_ref().map(|v| v.to_string());
        PurchaseJson {
            id: p.id.to_string(),
            customer_id: p.customer_id.to_string(),
            purchased_on: date(p.purchased_on),
            items: p
                .items
                .iter()
                .map(|item| ItemJson {
                    description: item.description.to_string(),
                    metal: text(&item.metal),
                    stones: text(&item.stones),
                    certificate_number: text(&item.certificate_number),
                })
                .collect(),
            total: format!("{}.{:02}", p.total.minor_units() / 100, p.total.minor_units() % 100),
            currency: p.total.currency().to_string(),
            paid_in_cash: p.paid_in_cash,
            engraving: p.engraving.as_ref().map(|v| v.to_string()),
            payment: p.payment.as_ref().map(|pay| PaymentJson {
                processor_token: pay.processor_token.as_str().to_owned(),
                brand: pay.brand.as_str(),
                last_four: pay.last_four.as_str().to_owned(),
                expiry: pay.expiry.map(|e| e.to_string()),
            }),
        }
    }
}

#[derive(Serialize)]
pub struct RepairJson {
    pub id: String,
    pub customer_id: String,
    pub kind: &'static str,
    pub status: &'static str,
    pub item_description: String,
    pub condition: Option<String>,
    pub valuation: Option<String>,
    pub received_on: String,
    pub promised_on: Option<String>,
}

impl From<&Repair> for RepairJson {
    fn from(r: &Repair) -> RepairJson {
        RepairJson {
            id: r.id.to_string(),
            customer_id: r.customer_id.to_string(),
            kind: r.kind.as_str(),
            status: r.status.as_str(),
            item_description: r.item_description.to_string(),
            condition: r.condition.as_ref().map(|v| v.to_string()),
            valuation: r.valuation.map(|v| v.to_string()),
            received_on: date(r.received_on),
            promised_on: r.promised_on.map(date),
        }
    }
}

#[derive(Serialize)]
pub struct AmlJson {
    pub id: String,
    pub customer_id: String,
    pub document_type: &'static str,
    pub document_number: String,
    pub document_country: String,
    pub verified_by: String,
    pub transaction_reference: String,
    pub transaction_date: String,
    pub retention_ends: String,
}

impl From<&AmlRecord> for AmlJson {
    fn from(a: &AmlRecord) -> AmlJson {
        AmlJson {
            id: a.id.to_string(),
            customer_id: a.customer_id.to_string(),
            document_type: a.document_type.as_str(),
            document_number: a.document_number.as_str().to_owned(),
            document_country: a.document_country.as_str().to_owned(),
            verified_by: a.verified_by.to_string(),
            transaction_reference: a.transaction_reference.to_string(),
            transaction_date: date(a.transaction_date),
            retention_ends: date(a.retention_ends),
        }
    }
}

/// `customer show`: the customer's fields at the top level, and the records the role may see.
#[derive(Serialize)]
pub struct CustomerRecordJson {
    #[serde(flatten)]
    pub customer: CustomerJson,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub purchases: Option<Vec<PurchaseJson>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repairs: Option<Vec<RepairJson>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aml_records: Option<Vec<AmlJson>>,
}

impl From<&CustomerRecord> for CustomerRecordJson {
    fn from(record: &CustomerRecord) -> CustomerRecordJson {
        CustomerRecordJson {
            customer: CustomerJson::from(&record.customer),
            purchases: record.purchases.as_ref().map(|all| all.iter().map(PurchaseJson::from).collect()),
            repairs: record.repairs.as_ref().map(|all| all.iter().map(RepairJson::from).collect()),
            aml_records: record.aml_records.as_ref().map(|all| all.iter().map(AmlJson::from).collect()),
        }
    }
}

#[derive(Serialize)]
pub struct SummaryJson {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl From<&CustomerSummary> for SummaryJson {
    fn from(s: &CustomerSummary) -> SummaryJson {
        SummaryJson {
            id: s.id.to_string(),
            name: s.name.to_string(),
            email: s.email.as_ref().map(|v| v.to_string()),
            phone: s.phone.as_ref().map(|v| v.to_string()),
        }
    }
}

#[derive(Serialize)]
pub struct RowErrorJson {
    pub line: u64,
    pub field: String,
    pub reason: String,
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
    pub unknown_columns: Vec<String>,
    pub delimiter: String,
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
            unknown_columns: r.unknown_columns.clone(),
            delimiter: r.delimiter.to_string(),
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
    if !report.unknown_columns.is_empty() {
        println!("ignored unknown columns: {}", report.unknown_columns.join(", "));
    }
    for error in &report.errors {
        println!("line {}: {}: {}", error.line, error.field, error.reason);
    }
    if report.errors_truncated {
        println!("(more errors not listed; fix these and run again)");
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
    pub versions: Vec<KeyVersionJson>,
    pub rotation_unfinished: bool,
}

impl From<&KeyStatus> for KeyStatusJson {
    fn from(s: &KeyStatus) -> KeyStatusJson {
        KeyStatusJson {
            protection: s.protection,
            aead: s.aead,
            blind_index_bits: s.blind_index_bits,
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
        println!("  purchases: {}", purchases.len());
        for p in purchases {
            let items: Vec<String> = p.items.iter().map(|i| i.description.to_string()).collect();
            println!("    {}  {}  {}{}", date(p.purchased_on), p.total, items.join(", "), if p.paid_in_cash { "  (cash)" } else { "" });
        }
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

pub fn print_aml_records(records: &[AmlRecord]) {
    println!("  AML identity records: {}", records.len());
    for a in records {
        println!(
            "    {}  {} {} ({}), checked by {}, for {}, kept until {}",
            date(a.transaction_date),
            a.document_type.as_str(),
            a.document_number.as_str(),
            a.document_country.as_str(),
            a.verified_by,
            a.transaction_reference,
            date(a.retention_ends)
        );
    }
}
