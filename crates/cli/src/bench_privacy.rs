//! The benchmark's privacy figures: how long a customer's complete data takes to put together
//! for their access request (the case: 500 sales and workshop jobs), in the vault the
//! benchmark imported, so its indexes and trail are a real shop's size.

use std::time::Instant;

use anyhow::Result;
use strongroom_app::{NewPurchase, NewRepair, Vault};
use strongroom_domain::{
    Actor, Currency, FreeText, JobKind, Language, Money, NewCustomer, NewRequest, PersonName, PurchaseItem, RequestChannel, RequestKind,
    ShortText,
};

/// Sales and workshop jobs of the exported customer, half each.
pub const EXPORT_RECORDS: usize = 500;

/// Times to put a customer's data together, median of `runs`: the gate's read and its record,
/// the JSON file and the readable copy, in milliseconds.
pub fn export_ms(vault: &Vault, currency: Currency, runs: usize) -> Result<f64> {
    let actor = Actor::system("bench");
    let name = PersonName::parse("name", "Wilhelmina Export")?;
    let customer = vault.add_customer(&actor, NewCustomer::named(name))?.id;
    let today = time::OffsetDateTime::now_utc().date();
    for n in 0..EXPORT_RECORDS / 2 {
        let item = PurchaseItem {
            description: ShortText::parse("item", &format!("Ring {n}"))?,
            metal: Some(ShortText::parse("metal", "18k gold")?),
            stones: None,
            certificate_number: None,
            price: None,
        };
        let sale = NewPurchase {
            customer_id: customer,
            purchased_on: today,
            items: vec![item],
            total: Money::parse("total", "450", currency)?,
            paid_in_cash: false,
            engraving: None,
            payment: None,
            note: None,
        };
        vault.add_purchase(&actor, sale)?;
        let job = NewRepair {
            customer_id: customer,
            kind: JobKind::Repair,
            item_description: FreeText::parse("item", &format!("Clasp of necklace {n}"))?,
            condition: None,
            valuation: None,
            estimate: None,
            deposit: None,
            received_on: today,
            promised_on: None,
        };
        vault.add_repair(&actor, job)?;
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
