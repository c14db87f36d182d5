//! The benchmark's privacy figures, in the vault the benchmark imported, so its indexes and
//! trail are a real shop's size: how long a customer's complete data takes to put together for
//! their access request (the case: 500 sales and workshop jobs), and how long an erasure
//! with the law's holds takes, its purge of the database's log included, beside a bare
//! crypto-shred (key and search entries destroyed, purged) as its baseline.

use std::time::Instant;

use anyhow::Result;
use serde::Serialize;
use strongroom_app::{NewPurchase, NewRepair, Vault};
use strongroom_domain::{
    Actor, Currency, CustomerId, FreeText, JobKind, JobStatus, Language, Money, NewCustomer, NewRequest, PersonName, PurchaseItem,
    RequestChannel, RequestKind, ShortText,
};

/// Sales and workshop jobs of the exported customer, half each.
pub const EXPORT_RECORDS: usize = 500;

/// Sales of each erased customer: half past the tax term (deleted), half within it (kept).
pub const ERASED_SALES: usize = 20;

/// The privacy figures of a run (medians, in milliseconds).
#[derive(Debug, Default, Serialize)]
pub struct PrivacyFigures {
    /// A customer's complete data for their access request: the gate's read and its record,
    /// the JSON file and the readable copy; median of 5.
    pub privacy_export_ms: f64,
    /// Erasing a customer with [`ERASED_SALES`] sales and a collected job from their request:
    /// holds sealed again, the rest deleted, the reply, the events, and the purge; median of 5.
    pub privacy_erasure_ms: f64,
    /// The baseline: destroying a customer's key and search entries, recorded and purged.
    pub privacy_shred_ms: f64,
    pub privacy_erasure_vs_shred: f64,
}

/// The privacy figures, measured in `vault`.
pub fn figures(vault: &Vault, currency: Currency) -> Result<PrivacyFigures> {
    let export = export_ms(vault, currency, 5)?;
    let (erasure, shred) = erasure_ms(vault, currency, 5)?;
    Ok(PrivacyFigures {
        privacy_export_ms: export,
        privacy_erasure_ms: erasure,
        privacy_shred_ms: shred,
        privacy_erasure_vs_shred: if shred > 0.0 { erasure / shred } else { 0.0 },
    })
}

pub fn print(figures: &PrivacyFigures) {
    println!(
        "  a customer's data for an access request ({EXPORT_RECORDS} sales and jobs, JSON and readable copy): {:.1} ms",
        figures.privacy_export_ms
    );
    println!(
        "  an erasure with the law's holds ({ERASED_SALES} sales, a job; purge included): {:.1} ms, {:.2}x a bare crypto-shred ({:.1} ms)",
        figures.privacy_erasure_ms, figures.privacy_erasure_vs_shred, figures.privacy_shred_ms
    );
}

/// A customer with [`ERASED_SALES`] sales (half older than any tax term) and a collected job.
fn customer_to_erase(vault: &Vault, actor: &Actor, currency: Currency, n: usize) -> Result<CustomerId> {
    let name = PersonName::parse("name", &format!("Erika Erasure {n}"))?;
    let customer = vault.add_customer(actor, NewCustomer::named(name))?.id;
    let today = time::OffsetDateTime::now_utc().date();
    for sale in 0..ERASED_SALES {
        let purchased_on = if sale % 2 == 0 { today } else { today - time::Duration::days(20 * 366) };
        vault.add_purchase(actor, sale_of(customer, purchased_on, sale, currency)?)?;
    }
    let job = vault.add_repair(actor, job_of(customer, today, n)?)?;
    vault.set_repair_status(actor, job.id, JobStatus::Collected)?;
    Ok(customer)
}

/// Median times of erasing `runs` customers from their requests, and of shredding `runs`
/// others' keys, in milliseconds.
fn erasure_ms(vault: &Vault, currency: Currency, runs: usize) -> Result<(f64, f64)> {
    let actor = Actor::system("bench");
    let today = time::OffsetDateTime::now_utc().date();
    let mut erasures = Vec::with_capacity(runs);
    let mut shreds = Vec::with_capacity(runs);
    for n in 0..runs {
        let customer = customer_to_erase(vault, &actor, currency, n)?;
        let check = FreeText::parse("identity_check", "Passport seen at the counter")?;
        let asked = NewRequest::new(RequestKind::Erasure, RequestChannel::Letter, today, Some(check), today)?;
        let request = vault.open_request(&actor, customer, asked)?.id;
        let started = Instant::now();
        let (_, erased) = vault.complete_erasure(&actor, request, today, Language::En)?;
        erasures.push(started.elapsed());
        anyhow::ensure!(erased.plan.sales_kept == ERASED_SALES / 2 && erased.purged, "the erasure kept the wrong sales or did not purge");
        let other = customer_to_erase(vault, &actor, currency, runs + n)?;
        let started = Instant::now();
        vault.shred_customer_key(&actor, other)?;
        shreds.push(started.elapsed());
    }
    erasures.sort();
    shreds.sort();
    Ok((erasures[runs / 2].as_secs_f64() * 1e3, shreds[runs / 2].as_secs_f64() * 1e3))
}

fn sale_of(customer: CustomerId, purchased_on: time::Date, n: usize, currency: Currency) -> Result<NewPurchase> {
    let item = PurchaseItem {
        description: ShortText::parse("item", &format!("Ring {n}"))?,
        metal: Some(ShortText::parse("metal", "18k gold")?),
        stones: None,
        certificate_number: None,
        price: None,
    };
    Ok(NewPurchase {
        customer_id: customer,
        purchased_on,
        items: vec![item],
        total: Money::parse("total", "450", currency)?,
        paid_in_cash: false,
        engraving: None,
        payment: None,
        note: None,
    })
}

fn job_of(customer: CustomerId, received_on: time::Date, n: usize) -> Result<NewRepair> {
    Ok(NewRepair {
        customer_id: customer,
        kind: JobKind::Repair,
        item_description: FreeText::parse("item", &format!("Clasp of necklace {n}"))?,
        condition: None,
        valuation: None,
        estimate: None,
        deposit: None,
        received_on,
        promised_on: None,
    })
}

/// Times to put a customer's data together, median of `runs`: the gate's read and its record,
/// the JSON file and the readable copy, in milliseconds.
fn export_ms(vault: &Vault, currency: Currency, runs: usize) -> Result<f64> {
    let actor = Actor::system("bench");
    let name = PersonName::parse("name", "Wilhelmina Export")?;
    let customer = vault.add_customer(&actor, NewCustomer::named(name))?.id;
    let today = time::OffsetDateTime::now_utc().date();
    for n in 0..EXPORT_RECORDS / 2 {
        vault.add_purchase(&actor, sale_of(customer, today, n, currency)?)?;
        vault.add_repair(&actor, job_of(customer, today, n)?)?;
    }
    let check = FreeText::parse("identity_check", "Passport seen at the counter")?;
    let asked = NewRequest::new(RequestKind::Access, RequestChannel::Counter, today, Some(check), today)?;
    let request = vault.open_request(&actor, customer, asked)?.id;
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        let export = vault.export_request(&actor, request, None)?;
        let json = serde_json::to_string(&export.to_json())?;
        let readable = strongroom_server::customer_export_document(Language::En, &export);
        anyhow::ensure!(export.record.purchases.as_ref().map_or(0, Vec::len) == EXPORT_RECORDS / 2, "the export missed sales");
        anyhow::ensure!(!json.is_empty() && !readable.is_empty());
        times.push(started.elapsed());
    }
    times.sort();
    Ok(times[times.len() / 2].as_secs_f64() * 1e3)
}
