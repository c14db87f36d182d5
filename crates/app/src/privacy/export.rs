//! A customer's complete data for an access or portability request (GDPR Art. 15 and 20): the
//! record with every sale, workshop job and identity record (unless withheld with a legal
//! reason), and what Art. 15 asks beside the data, read from the trail: who had it (by role,
//! integration or the shop's mail server), for which purposes, and where it came from. One
//! transaction reads it all and records the disclosure; the readable copy is drawn by the pages.

use std::collections::BTreeMap;

use serde_json::{Value, json};
use strongroom_domain::{
    Actor, AuditAction, DataCategory, FreeText, Outcome, Permission, RecordKind, RequestId, RequestKind, RequestStatus, Role,
};
use strongroom_store::OwnerKind;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::requests::Request;
use crate::customers::sealing::{categories_of, open_aml_record, open_customer, open_purchase, open_repair, present_categories};
use crate::trail::draft::EventDraft;
use crate::{AppError, CustomerRecord, Vault, from_micros_lenient};

/// The format of the JSON file, for the system that reads it.
pub const EXPORT_FORMAT: &str = "strongroom-customer-export/1";

/// Who had a customer's data.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum RecipientKind {
    /// Staff in this role.
    Staff(Role),
    /// The owner at the shop's own computer.
    ShopComputer,
    /// A connected system (the till, the webshop), by its token's name.
    Integration(String),
    /// The shop's mail provider, which carried a letter to the customer.
    MailServer,
}

/// One recipient and how often and when it had the data.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Recipient {
    pub kind: RecipientKind,
    pub times: u64,
    pub last: OffsetDateTime,
}

/// Where a customer's data came from.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Source {
    /// Written down at the shop, from what the customer told.
    RecordedAtShop,
    /// Received from a connected system (the webshop, the till), by its token's name.
    Integration(String),
    /// Taken over from the shop's earlier system (a file import).
    Imported,
}

/// A customer's complete data and what Art. 15 asks beside it.
#[derive(Clone, Debug)]
pub struct CustomerExport {
    pub request: Request,
    pub made_at: OffsetDateTime,
    pub shop: String,
    pub record: CustomerRecord,
    /// Whether the identity records were left out (the reason stays with the request and is
    /// never in the customer's copy: telling it could be the tip-off the law forbids).
    pub aml_withheld: bool,
    pub recipients: Vec<Recipient>,
    /// The purposes the record was opened for, and how often.
    pub purposes: Vec<(String, u64)>,
    pub categories: Vec<DataCategory>,
    pub source: Source,
    /// Where the person may complain: the shop's country's supervisory authority.
    pub authority: crate::Authority,
    /// At most how many days a backup keeps the data after it changes or is erased (the backup
    /// settings' keeping, when a folder gets a backup every day).
    pub backup_days: u32,
    /// The person's requests to the shop (this one among them), from their plain columns.
    pub requests: Vec<Request>,
}

fn rfc3339(at: OffsetDateTime) -> String {
    at.format(&Rfc3339).unwrap_or_default()
}

fn amount(money: strongroom_domain::Money) -> Value {
    let minor = money.minor_units();
    json!({ "amount": format!("{}.{:02}", minor / 100, minor % 100), "currency": money.currency().to_string() })
}

impl CustomerExport {
    /// The machine-readable file (Art. 20): every field by name, amounts as text with two
    /// decimals and their currency, dates as `YYYY-MM-DD` and moments as RFC 3339. Identity
    /// records that were withheld are simply absent.
    pub fn to_json(&self) -> Value {
        let mut value = json!({
            "format": EXPORT_FORMAT,
            "made_at": rfc3339(self.made_at),
            "shop": self.shop,
            "request": { "id": self.request.id.to_string(), "kind": self.request.kind.as_str(), "received": self.request.received.to_string() },
            "customer": customer_json(&self.record.customer),
            "purchases": self.record.purchases.iter().flatten().map(purchase_json).collect::<Vec<_>>(),
            "workshop_jobs": self.record.repairs.iter().flatten().map(|job| json!({
                "id": job.id.to_string(),
                "ticket": job.ticket.to_string(),
                "kind": job.kind.as_str(),
                "status": job.status.as_str(),
                "item": job.item_description.as_str(),
                "condition": job.condition.as_ref().map(|v| v.as_str()),
                "valuation": job.valuation.map(amount),
                "estimate": job.estimate.map(amount),
                "deposit": job.deposit.map(amount),
                "received_on": job.received_on.to_string(),
                "promised_on": job.promised_on.map(|date| date.to_string()),
            })).collect::<Vec<_>>(),
            "identity_records": self.record.aml_records.iter().flatten().map(|record| json!({
                "document_type": record.document_type.as_str(),
                "document_number": record.document_number.as_str(),
                "document_country": record.document_country.as_str(),
                "verified_by": record.verified_by.as_str(),
                "transaction_reference": record.transaction_reference.as_str(),
                "transaction_date": record.transaction_date.to_string(),
                "kept_until": record.retention_ends.to_string(),
            })).collect::<Vec<_>>(),
            "categories": self.categories.iter().map(DataCategory::as_str).collect::<Vec<_>>(),
            "requests": self.requests.iter().map(|request| json!({
                "kind": request.kind.as_str(),
                "received": request.received.to_string(),
                "status": request.status.as_str(),
                "due": request.due.to_string(),
            })).collect::<Vec<_>>(),
            "purposes": self.purposes.iter().map(|(purpose, times)| json!({ "purpose": purpose, "times": times })).collect::<Vec<_>>(),
            "recipients": self.recipients.iter().map(|recipient| json!({
                "recipient": match &recipient.kind {
                    RecipientKind::Staff(role) => format!("staff: {}", role.as_str()),
                    RecipientKind::ShopComputer => "the shop's own computer".to_owned(),
                    RecipientKind::Integration(name) => format!("connected system: {name}"),
                    RecipientKind::MailServer => "the shop's mail provider".to_owned(),
                },
                "times": recipient.times,
                "last": rfc3339(recipient.last),
            })).collect::<Vec<_>>(),
            "source": match &self.source {
                Source::RecordedAtShop => "recorded at the shop".to_owned(),
                Source::Integration(name) => format!("received from a connected system: {name}"),
                Source::Imported => "imported from the shop's earlier system".to_owned(),
            },
        });
        if self.aml_withheld
            && let Some(object) = value.as_object_mut()
        {
            object.remove("identity_records");
        }
        value
    }
}

/// The customer's own fields, by name.
fn customer_json(customer: &strongroom_domain::Customer) -> Value {
    let text = |value: Option<&str>| value.map(str::to_owned);
    json!({
        "id": customer.id.to_string(),
        "name": customer.name.as_str(),
        "email": text(customer.email.as_ref().map(|v| v.as_str())),
        "phone": text(customer.phone.as_ref().map(|v| v.as_str())),
        "address": text(customer.address.as_ref().map(|v| v.as_str())),
        "birth_date": customer.birth_date.map(|date| date.to_string()),
        "partner": customer.partner.map(|id| id.to_string()),
        "anniversary": customer.anniversary.map(|date| date.to_string()),
        "ring_sizes": text(customer.ring_sizes.as_ref().map(|v| v.as_str())),
        "metal_allergies": text(customer.metal_allergies.as_ref().map(|v| v.as_str())),
        "style_notes": text(customer.style_notes.as_ref().map(|v| v.as_str())),
        "wish_list": text(customer.wish_list.as_ref().map(|v| v.as_str())),
        "preferred_associate": text(customer.preferred_associate.as_ref().map(|v| v.as_str())),
        "notes": text(customer.notes.as_ref().map(|v| v.as_str())),
        "marketing_consent": customer.marketing_consent.iter().map(|consent| json!({
            "channel": consent.channel.as_str(),
            "granted": consent.granted,
            "wording_version": consent.wording_version.as_str(),
            "recorded_at": rfc3339(consent.recorded_at),
        })).collect::<Vec<_>>(),
        "created_at": rfc3339(customer.created_at),
        "updated_at": rfc3339(customer.updated_at),
    })
}

fn purchase_json(sale: &strongroom_domain::Purchase) -> Value {
    json!({
        "id": sale.id.to_string(),
        "receipt": sale.id.receipt_number(),
        "purchased_on": sale.purchased_on.to_string(),
        "items": sale.items.iter().map(|item| json!({
            "description": item.description.as_str(),
            "metal": item.metal.as_ref().map(|v| v.as_str()),
            "stones": item.stones.as_ref().map(|v| v.as_str()),
            "certificate_number": item.certificate_number.as_ref().map(|v| v.as_str()),
            "price": item.price.map(amount),
        })).collect::<Vec<_>>(),
        "total": amount(sale.total),
        "paid_in_cash": sale.paid_in_cash,
        "engraving": sale.engraving.as_ref().map(|v| v.as_str()),
        "payment": sale.payment.as_ref().map(|payment| json!({
            "processor_token": payment.processor_token.as_str(),
            "brand": payment.brand.as_str(),
            "last_four": payment.last_four.as_str(),
            "expiry": payment.expiry.map(|expiry| expiry.to_string()),
        })),
        "note": sale.note.as_ref().map(|v| v.as_str()),
        "state": sale.state().as_str(),
        "refunded": strongroom_domain::Money::from_minor_units("refunded", sale.refunded(), sale.total.currency()).ok().map(amount),
        "corrections": sale.corrections.iter().map(|correction| json!({
            "kind": correction.kind.as_str(),
            "amount": amount(correction.amount),
            "reason": correction.reason.as_str(),
            "at": rfc3339(correction.at),
        })).collect::<Vec<_>>(),
    })
}

/// Who had the data, for which purposes, and where it came from, from the trail's events about
/// the customer; `roles` names each staff account's role.
/// Events about the identity records are left out when those were withheld, so that neither the
/// purposes nor the recipients give them away.
fn from_trail(
    events: &[(u64, strongroom_audit::AuditEvent)],
    roles: &BTreeMap<String, Role>,
    aml_withheld: bool,
) -> (Vec<Recipient>, Vec<(String, u64)>, Source) {
    let mut recipients: Vec<Recipient> = Vec::new();
    let mut purposes: BTreeMap<String, u64> = BTreeMap::new();
    let mut source = Source::Imported;
    let about_aml = |event: &strongroom_audit::AuditEvent| {
        event.action.starts_with("aml.") || event.categories.iter().any(|category| category.starts_with("user.government_id"))
    };
    let shown = |event: &&(u64, strongroom_audit::AuditEvent)| {
        event.1.outcome == Outcome::Allowed.as_str() && !(aml_withheld && about_aml(&event.1))
    };
    for (_, event) in events.iter().filter(shown) {
        if event.action == AuditAction::CustomerCreate.as_str() {
            source = match event.actor_kind.as_str() {
                "api_token" => Source::Integration(event.actor_name.clone()),
                _ => Source::RecordedAtShop,
            };
        }
        if let Some(purpose) = &event.purpose {
            *purposes.entry(purpose.clone()).or_default() += 1;
        }
        // A letter handed to the mail provider, whoever ran the sender (serve, or the CLI).
        let kind = match event.actor_kind.as_str() {
            _ if event.action == AuditAction::MailSend.as_str() => Some(RecipientKind::MailServer),
            "staff" => roles.get(&event.actor_name).map(|role| RecipientKind::Staff(*role)),
            "cli" => Some(RecipientKind::ShopComputer),
            "api_token" => Some(RecipientKind::Integration(event.actor_name.clone())),
            _ => None,
        };
        let Some(kind) = kind else { continue };
        let at = from_micros_lenient(event.at_unix_micros);
        match recipients.iter_mut().find(|recipient| recipient.kind == kind) {
            Some(recipient) => {
                recipient.times += 1;
                recipient.last = recipient.last.max(at);
            }
            None => recipients.push(Recipient { kind, times: 1, last: at }),
        }
    }
    (recipients, purposes.into_iter().collect(), source)
}

/// Whether a request may give the customer their data: an access or portability request, not
/// refused, its identity check recorded. Else what the trail says and the error.
fn exportable(request: &Request) -> Result<(), (&'static str, AppError)> {
    if !matches!(request.kind, RequestKind::Access | RequestKind::Portability) {
        let error = AppError::Conflict("only an access or portability request gives the customer their data".into());
        return Err(("not an access or portability request", error));
    }
    if request.status == RequestStatus::Refused {
        return Err(("refused", AppError::Conflict("this request was refused; it gives no data".into())));
    }
    if request.identity_check.is_none() {
        let error =
            AppError::Conflict("record how the person's identity was checked first: nothing is disclosed or changed before it is".into());
        return Err(("identity not checked", error));
    }
    Ok(())
}

impl Vault {
    /// The customer's complete data for an access or portability request, once the person's
    /// identity was checked. The identity records are left out when `withhold_aml` gives the
    /// legal reason (kept with the request). Needs a fresh step-up: it discloses everything.
    /// Recorded as a disclosure to the customer (`request.export`, purpose `customer_request`).
    pub fn export_request(&self, actor: &Actor, id: RequestId, withhold_aml: Option<FreeText>) -> Result<CustomerExport, AppError> {
        let target = Some((RecordKind::Request, id.as_uuid()));
        self.require(actor, Permission::PrivacyRequests, AuditAction::RequestExport, target)?;
        self.require_step_up(actor, AuditAction::RequestExport, target)?;
        let mut tx = self.store.begin()?;
        let Some(row) = tx.request(id.as_uuid())? else { return Err(AppError::NotFound("request")) };
        let mut request = self.opened_request(&row)?;
        let draft = EventDraft::new(actor, AuditAction::RequestExport).target(RecordKind::Request, id.as_uuid());
        if let Err((detail, error)) = exportable(&request) {
            return Err(self.fail(tx, draft, detail, error));
        }
        let customer = request.customer.as_uuid();
        let Some(customer_row) = tx.customer(customer)? else {
            return Err(self.fail(tx, draft, "no such customer", AppError::NotFound("customer")));
        };
        let Some(key_row) = tx.data_key(OwnerKind::Customer, customer)? else {
            return Err(self.fail(tx, draft, "the customer's key was destroyed", AppError::Shredded));
        };
        let purchases = tx.purchases_of(customer)?;
        let corrections = tx.sale_corrections_of(customer)?;
        let repairs = tx.repairs_of(customer)?;
        let aml_rows = if withhold_aml.is_some() { None } else { Some(tx.aml_records_of(customer)?) };
        let events = crate::trail::queries::events_about(tx.as_mut(), customer)?;
        let requests = tx
            .requests(false, Some(customer), super::REQUEST_LIST_LIMIT)?
            .iter()
            .map(super::requests::listed_request)
            .collect::<Result<Vec<_>, _>>()?;
        let roles: BTreeMap<String, Role> = self
            .all_staff_checked(tx.as_mut())?
            .into_iter()
            .filter(|staff| staff.intact)
            .map(|staff| (staff.row.username.clone(), staff.row.role))
            .collect();
        let categories =
            categories_held(&customer_row, &purchases, &corrections, &repairs, aml_rows.as_ref().is_some_and(|rows| !rows.is_empty()));
        // The request keeps why the last copy left the identity records out (none: it did not).
        let withheld = withhold_aml.map(|reason| reason.as_str().to_owned());
        if request.aml_withheld != withheld {
            request.aml_withheld = withheld.clone();
            self.reseal_request(tx.as_mut(), &row, &request)?;
        }
        let disclosure = EventDraft::new(actor, AuditAction::RequestExport)
            .target(RecordKind::Customer, customer)
            .purpose(Some("customer_request"))
            .categories(categories.iter().copied())
            .detail(format!(
                "to the customer, for request {}{}",
                id.as_uuid(),
                if withheld.is_some() { "; identity records withheld" } else { "" }
            ));
        self.record(tx.as_mut(), &[disclosure.finish(Outcome::Allowed), draft.detail("exported").finish(Outcome::Allowed)])?;
        tx.commit()?;
        let key = self.keys.open_data_key(&key_row)?;
        let record = CustomerRecord {
            customer: open_customer(&key, &customer_row)?,
            purchases: Some(purchases.iter().map(|p| open_purchase(&key, p, &corrections)).collect::<Result<_, _>>()?),
            repairs: Some(repairs.iter().map(|r| open_repair(&key, r)).collect::<Result<_, _>>()?),
            aml_records: aml_rows
                .map(|rows| rows.iter().map(|a| open_aml_record(&self.keys.open_data_key(&a.data_key)?, a)).collect::<Result<_, _>>())
                .transpose()?,
        };
        let (recipients, purposes, source) = from_trail(&events, &roles, withheld.is_some());
        Ok(CustomerExport {
            request,
            made_at: OffsetDateTime::now_utc(),
            shop: self.shop_name().to_owned(),
            record,
            aml_withheld: withheld.is_some(),
            recipients,
            purposes,
            categories,
            source,
            authority: crate::supervisory_authority(self.settings().default_country.code()),
            backup_days: self.backup_settings_in_force()?.keep.longest_days(),
            requests,
        })
    }
}

/// The data categories a customer's rows hold (identity records' when `with_aml`), sorted once each.
fn categories_held(
    customer: &strongroom_store::CustomerRow,
    purchases: &[strongroom_store::PurchaseRow],
    corrections: &[strongroom_store::SaleCorrectionRow],
    repairs: &[strongroom_store::RepairRow],
    with_aml: bool,
) -> Vec<DataCategory> {
    let sealed = std::iter::once(&customer.sealed)
        .chain(purchases.iter().map(|p| &p.sealed))
        .chain(corrections.iter().map(|c| &c.sealed))
        .chain(repairs.iter().map(|r| &r.sealed));
    let mut categories: Vec<DataCategory> = sealed.flat_map(present_categories).collect();
    if with_aml {
        categories.extend(categories_of(RecordKind::AmlRecord));
    }
    categories.sort();
    categories.dedup();
    categories
}
