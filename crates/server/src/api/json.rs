//! The JSON shapes of customers and their records, shared by the API and the CLI's `--json`
//! output so that a script written against one works against the other. Domain types derive no
//! `Serialize` (STYLE.md): they are converted here, at the edge. The input shapes refuse unknown
//! fields, and every value is parsed into its domain type before anything is called.

use serde::{Deserialize, Deserializer, Serialize};
use strongroom_app::{CustomerRecord, CustomerSummary, NewPurchase, NewRepair, VaultSettings};
use strongroom_domain::{
    AmlRecord, CardBrand, CardExpiry, ConsentChannel, Customer, CustomerId, CustomerPatch, CustomerText, DomainError, EmailAddress,
    FreeText, JobKind, LastFour, MarketingConsent, Money, NewCustomer, PaymentReference, PersonName, PhoneE164, PostalAddress,
    ProcessorToken, Purchase, PurchaseItem, Repair, ShortText, parse_birth_date, parse_date,
};
use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime};
use utoipa::ToSchema;

pub fn date(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}

pub fn timestamp(at: OffsetDateTime) -> String {
    at.format(&Rfc3339).unwrap_or_default()
}

#[derive(Serialize, ToSchema)]
pub struct ConsentJson {
    pub channel: &'static str,
    pub granted: bool,
    pub wording_version: String,
    pub recorded_at: String,
}

#[derive(Serialize, ToSchema)]
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

#[derive(Serialize, ToSchema)]
pub struct ItemJson {
    pub description: String,
    pub metal: Option<String>,
    pub stones: Option<String>,
    pub certificate_number: Option<String>,
    /// What this piece cost, when the sale priced its pieces one by one.
    pub price: Option<String>,
}

/// A void or refund of a sale: the sale itself is never changed.
#[derive(Serialize, ToSchema)]
pub struct CorrectionJson {
    pub id: String,
    /// void or refund.
    pub kind: &'static str,
    /// What it took off the sale (the whole total for a void).
    pub amount: String,
    pub reason: String,
    /// RFC 3339.
    pub at: String,
}

#[derive(Serialize, ToSchema)]
pub struct PaymentJson {
    pub processor_token: String,
    pub brand: &'static str,
    pub last_four: String,
    pub expiry: Option<String>,
}

#[derive(Serialize, ToSchema)]
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
    pub note: Option<String>,
    /// standing, partly_refunded, refunded or void.
    pub state: &'static str,
    /// How much was given back (the whole total when void).
    pub refunded: String,
    pub corrections: Vec<CorrectionJson>,
}

/// An amount as the API writes and reads it: "1250.00".
fn amount(minor_units: i64) -> String {
    format!("{}.{:02}", minor_units / 100, minor_units % 100)
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
                    price: item.price.map(|price| amount(price.minor_units())),
                })
                .collect(),
            total: amount(p.total.minor_units()),
            currency: p.total.currency().to_string(),
            paid_in_cash: p.paid_in_cash,
            engraving: p.engraving.as_ref().map(|v| v.to_string()),
            payment: p.payment.as_ref().map(|pay| PaymentJson {
                processor_token: pay.processor_token.as_str().to_owned(),
                brand: pay.brand.as_str(),
                last_four: pay.last_four.as_str().to_owned(),
                expiry: pay.expiry.map(|e| e.to_string()),
            }),
            note: p.note.as_ref().map(|v| v.to_string()),
            state: p.state().as_str(),
            refunded: amount(p.refunded()),
            corrections: p
                .corrections
                .iter()
                .map(|c| CorrectionJson {
                    id: c.id.to_string(),
                    kind: c.kind.as_str(),
                    amount: amount(c.amount.minor_units()),
                    reason: c.reason.to_string(),
                    at: timestamp(c.at),
                })
                .collect(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct RepairJson {
    pub id: String,
    pub customer_id: String,
    /// The job's ticket code: its kind's letter, the year and month it was taken in, its number
    /// in that month.
    #[schema(example = "R-2412-037")]
    pub ticket: String,
    pub kind: &'static str,
    pub status: &'static str,
    pub item_description: String,
    pub condition: Option<String>,
    pub valuation: Option<String>,
    pub estimate: Option<String>,
    pub deposit: Option<String>,
    pub received_on: String,
    pub promised_on: Option<String>,
}

impl From<&Repair> for RepairJson {
    fn from(r: &Repair) -> RepairJson {
        RepairJson {
            id: r.id.to_string(),
            customer_id: r.customer_id.to_string(),
            ticket: r.ticket.to_string(),
            kind: r.kind.as_str(),
            status: r.status.as_str(),
            item_description: r.item_description.to_string(),
            condition: r.condition.as_ref().map(|v| v.to_string()),
            valuation: r.valuation.map(|v| v.to_string()),
            estimate: r.estimate.map(|v| v.to_string()),
            deposit: r.deposit.map(|v| v.to_string()),
            received_on: date(r.received_on),
            promised_on: r.promised_on.map(date),
        }
    }
}

#[derive(Serialize, ToSchema)]
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
    /// The person identified (kept with the record through an erasure of the customer).
    pub holder_name: Option<String>,
    pub holder_birth_date: Option<String>,
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
            holder_name: a.holder_name.as_ref().map(|name| name.as_str().to_owned()),
            holder_birth_date: a.holder_birth_date.map(date),
        }
    }
}

/// `customer show`: the customer's fields at the top level, and the records the role may see.
#[derive(Serialize, ToSchema)]
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

#[derive(Serialize, ToSchema)]
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

/// Names only the OpenAPI document uses: the values a field accepts.
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum JobKindName {
    Repair,
    Appraisal,
    CustomOrder,
}

#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum JobStatusName {
    Received,
    AtBench,
    Ready,
    Collected,
}

#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum ConsentChannelName {
    Email,
    Sms,
    Post,
    Phone,
}

#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum CardBrandName {
    Visa,
    Mastercard,
    Maestro,
    Amex,
    Discover,
    Jcb,
    Unionpay,
    Other,
}

/// What a create answers: the new record's id. A new customer also names existing customers
/// with the same email address (for staff to merge by hand; never merged silently), to a
/// token that may read customers; for one that may not, `same_email` is left out.
#[derive(Serialize, ToSchema)]
pub struct CreatedJson {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub same_email: Option<Vec<String>>,
    /// A workshop job's ticket code (`R-2412-037`), to write on its envelope.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ticket: Option<String>,
}

/// A page of a list: `next_after` is the `after` to send for the next page, absent on the last.
#[derive(Serialize, ToSchema)]
pub struct CustomerPageJson {
    pub items: Vec<SummaryJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_after: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct PurchasePageJson {
    pub items: Vec<PurchaseJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_after: Option<String>,
}

/// A new customer. Only the name is required; the rest is added later with a PATCH.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCustomerJson {
    /// Up to 200 characters once surrounding spaces are trimmed.
    #[schema(min_length = 1)]
    pub name: String,
    #[schema(min_length = 1, format = Email)]
    pub email: Option<String>,
    /// In any common notation; without a country code the shop's country is assumed.
    #[schema(min_length = 1)]
    pub phone: Option<String>,
    #[schema(min_length = 1)]
    pub address: Option<String>,
    /// YYYY-MM-DD.
    #[schema(format = Date)]
    pub birth_date: Option<String>,
    #[schema(min_length = 1)]
    pub notes: Option<String>,
}

impl NewCustomerJson {
    /// The customer, or every problem at once. JSON can leave a field out, so a field given
    /// blank is refused rather than taken as empty, and a date is written exactly; the rest is
    /// the one reading of a new customer every edge shares (`CustomerText`).
    pub fn parse(self, settings: VaultSettings, today: Date) -> Result<NewCustomer, Vec<DomainError>> {
        let given = [
            ("name", Some(self.name.as_str())),
            ("email", self.email.as_deref()),
            ("phone", self.phone.as_deref()),
            ("address", self.address.as_deref()),
            ("birth_date", self.birth_date.as_deref()),
            ("notes", self.notes.as_deref()),
        ];
        let mut problems: Vec<DomainError> = given
            .iter()
            .filter_map(|(field, text)| {
                text.filter(|text| text.trim().is_empty()).map(|_| DomainError::invalid(field, "must not be empty"))
            })
            .collect();
        if let Some(Err(error)) = self.birth_date.as_deref().filter(|day| !day.trim().is_empty()).map(|day| unspaced("birth_date", day)) {
            problems.push(error);
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let text = CustomerText {
            name: Some(&self.name),
            email: self.email.as_deref(),
            phone: self.phone.as_deref(),
            address: self.address.as_deref(),
            birth_date: self.birth_date.as_deref(),
            notes: self.notes.as_deref(),
        };
        text.parse(settings.default_country, today)
    }
}

/// A consent answer given now, with the version of the wording the customer agreed to.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsentChangeJson {
    /// email, sms, phone or post.
    #[schema(value_type = ConsentChannelName)]
    pub channel: String,
    pub granted: bool,
    #[schema(min_length = 1)]
    pub wording_version: String,
}

/// A change to a customer as a JSON merge patch (RFC 7396): a field left out stays as it is,
/// `null` clears it, a value replaces it. The name cannot be cleared.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct CustomerPatchJson {
    #[serde(default, deserialize_with = "present")]
    #[schema(required = false, value_type = String, min_length = 1)]
    pub name: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(format = Email, value_type = Option<String>)]
    pub email: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub address: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(format = Date, value_type = Option<String>)]
    pub birth_date: Option<Option<String>>,
    /// The id of the customer's partner, also a customer.
    #[serde(default, deserialize_with = "present")]
    #[schema(format = Uuid, value_type = Option<String>)]
    pub partner: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(format = Date, value_type = Option<String>)]
    pub anniversary: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub ring_sizes: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub metal_allergies: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub style_notes: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub wish_list: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub preferred_associate: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub notes: Option<Option<String>>,
    /// Consent answers to record (each replaces the earlier answer for its channel).
    #[serde(default)]
    pub marketing_consent: Vec<ConsentChangeJson>,
}

/// A field that is present, `null` included, is `Some`: merge-patch's "clear".
fn present<'de, T: Deserialize<'de>, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}

fn patched<T>(value: Option<Option<String>>, parse: impl FnOnce(&str) -> Result<T, DomainError>) -> Result<Option<Option<T>>, DomainError> {
    match value {
        None => Ok(None),
        Some(None) => Ok(Some(None)),
        Some(Some(text)) => parse(&text).map(|parsed| Some(Some(parsed))),
    }
}

impl CustomerPatchJson {
    pub fn parse(self, settings: VaultSettings, today: Date, now: OffsetDateTime) -> Result<CustomerPatch, DomainError> {
        let consent = self
            .marketing_consent
            .iter()
            .map(|answer| {
                Ok(MarketingConsent {
                    channel: named("channel", &answer.channel, ConsentChannel::parse, ConsentChannel::as_str)?,
                    granted: answer.granted,
                    wording_version: ShortText::parse("wording_version", &answer.wording_version)?,
                    recorded_at: now,
                })
            })
            .collect::<Result<Vec<_>, DomainError>>()?;
        let patch = CustomerPatch {
            name: match self.name {
                None => None,
                Some(None) => return Err(DomainError::invalid("name", "cannot be cleared; a customer always has a name")),
                Some(Some(name)) => Some(PersonName::parse("name", &name)?),
            },
            email: patched(self.email, EmailAddress::parse)?,
            phone: patched(self.phone, |phone| PhoneE164::parse(phone, settings.default_country))?,
            address: patched(self.address, |address| PostalAddress::parse("address", address))?,
            birth_date: patched(self.birth_date, |day| parse_birth_date(unspaced("birth_date", day)?, today))?,
            partner: patched(self.partner, |id| {
                CustomerId::parse(unspaced("partner", id)?).map_err(|_| DomainError::invalid("partner", "is not a customer id"))
            })?,
            anniversary: patched(self.anniversary, |day| parse_date("anniversary", unspaced("anniversary", day)?))?,
            ring_sizes: patched(self.ring_sizes, |text| ShortText::parse("ring_sizes", text))?,
            metal_allergies: patched(self.metal_allergies, |text| ShortText::parse("metal_allergies", text))?,
            style_notes: patched(self.style_notes, |text| FreeText::parse("style_notes", text))?,
            wish_list: patched(self.wish_list, |text| FreeText::parse("wish_list", text))?,
            preferred_associate: patched(self.preferred_associate, |text| ShortText::parse("preferred_associate", text))?,
            consent,
            notes: patched(self.notes, |text| FreeText::parse("notes", text))?,
        };
        if patch.is_empty() {
            return Err(DomainError::invalid("body", "nothing to change: give at least one field"));
        }
        Ok(patch)
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewItemJson {
    #[schema(min_length = 1)]
    pub description: String,
    #[schema(min_length = 1)]
    pub metal: Option<String>,
    #[schema(min_length = 1)]
    pub stones: Option<String>,
    #[schema(min_length = 1)]
    pub certificate_number: Option<String>,
    /// What this piece cost, such as "450.00"; when every piece is priced they add up to the total.
    pub price: Option<String>,
}

/// A card payment as the processor reports it: never the card number (PCI DSS 3.3/3.4).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPaymentJson {
    #[schema(min_length = 1)]
    pub processor_token: String,
    /// visa, mastercard, amex, maestro, …
    #[schema(value_type = CardBrandName)]
    pub brand: String,
    #[schema(pattern = "^[0-9]{4}$")]
    pub last_four: String,
    /// MM/YY.
    pub expiry: Option<String>,
}

/// A sale to record for the customer in the path.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPurchaseJson {
    /// YYYY-MM-DD; today when left out.
    #[schema(format = Date)]
    pub purchased_on: Option<String>,
    #[schema(min_items = 1)]
    pub items: Vec<NewItemJson>,
    /// In the shop's currency, such as "1250.00".
    pub total: String,
    #[serde(default)]
    pub paid_in_cash: bool,
    #[schema(min_length = 1)]
    pub engraving: Option<String>,
    pub payment: Option<NewPaymentJson>,
    /// A note for the shop, not printed on the receipt.
    #[schema(min_length = 1)]
    pub note: Option<String>,
}

fn optional_text<T>(value: Option<&str>, parse: impl FnOnce(&str) -> Result<T, DomainError>) -> Result<Option<T>, DomainError> {
    value.map(parse).transpose()
}

/// A value with a fixed form (a date, an amount, a code) exactly as the OpenAPI document
/// describes it: without spaces around it. The domain's parsers trim; the API does not, so what
/// the document calls invalid is refused.
fn unspaced<'a>(field: &'static str, text: &'a str) -> Result<&'a str, DomainError> {
    if text.trim() != text {
        return Err(DomainError::invalid(field, "must not start or end with spaces"));
    }
    Ok(text)
}

/// One of a list's names (a job's kind, a card brand) written exactly as the document lists it.
/// The domain's parser also takes other spellings (`REPAIR`, `custom-order`); the API takes
/// only the one its name gives back.
fn named<T>(
    field: &'static str,
    text: &str,
    parse: fn(&str) -> Result<T, DomainError>,
    name: fn(&T) -> &'static str,
) -> Result<T, DomainError> {
    let value = parse(text)?;
    if name(&value) != text {
        return Err(DomainError::invalid(field, format!("must be written {}", name(&value))));
    }
    Ok(value)
}

impl RepairStatusJson {
    pub fn parse(&self) -> Result<strongroom_domain::JobStatus, DomainError> {
        named("status", &self.status, strongroom_domain::JobStatus::parse, strongroom_domain::JobStatus::as_str)
    }
}

impl NewPurchaseJson {
    pub fn parse(self, customer_id: CustomerId, settings: VaultSettings, today: Date) -> Result<NewPurchase, DomainError> {
        let items = self
            .items
            .iter()
            .map(|item| {
                Ok(PurchaseItem {
                    description: ShortText::parse("item", &item.description)?,
                    metal: optional_text(item.metal.as_deref(), |text| ShortText::parse("metal", text))?,
                    stones: optional_text(item.stones.as_deref(), |text| ShortText::parse("stones", text))?,
                    certificate_number: optional_text(item.certificate_number.as_deref(), |text| ShortText::parse("certificate", text))?,
                    price: optional_text(item.price.as_deref(), |text| Money::parse("price", unspaced("price", text)?, settings.currency))?,
                })
            })
            .collect::<Result<Vec<_>, DomainError>>()?;
        let payment = self
            .payment
            .map(|payment| {
                Ok::<_, DomainError>(PaymentReference {
                    processor_token: ProcessorToken::parse(&payment.processor_token)?,
                    brand: named("brand", &payment.brand, CardBrand::parse, CardBrand::as_str)?,
                    last_four: LastFour::parse(unspaced("last_four", &payment.last_four)?)?,
                    expiry: optional_text(payment.expiry.as_deref(), |text| CardExpiry::parse(unspaced("expiry", text)?))?,
                })
            })
            .transpose()?;
        Ok(NewPurchase {
            customer_id,
            purchased_on: optional_text(self.purchased_on.as_deref(), |day| parse_date("purchased_on", unspaced("purchased_on", day)?))?
                .unwrap_or(today),
            items,
            total: Money::parse("total", unspaced("total", &self.total)?, settings.currency)?,
            paid_in_cash: self.paid_in_cash,
            engraving: optional_text(self.engraving.as_deref(), |text| FreeText::parse("engraving", text))?,
            payment,
            note: optional_text(self.note.as_deref(), |text| FreeText::parse("note", text))?,
        })
    }
}

/// A repair, appraisal or custom order taken in for the customer in the path.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRepairJson {
    /// repair, appraisal or custom_order.
    #[schema(value_type = JobKindName)]
    pub kind: String,
    #[schema(min_length = 1)]
    pub item_description: String,
    #[schema(min_length = 1)]
    pub condition: Option<String>,
    /// In the shop's currency.
    pub valuation: Option<String>,
    /// The price estimated at intake, in the shop's currency.
    pub estimate: Option<String>,
    /// What the customer paid on account at intake, in the shop's currency.
    pub deposit: Option<String>,
    /// YYYY-MM-DD; today when left out.
    #[schema(format = Date)]
    pub received_on: Option<String>,
    #[schema(format = Date)]
    pub promised_on: Option<String>,
}

impl NewRepairJson {
    pub fn parse(self, customer_id: CustomerId, settings: VaultSettings, today: Date) -> Result<NewRepair, DomainError> {
        Ok(NewRepair {
            customer_id,
            kind: named("kind", &self.kind, JobKind::parse, JobKind::as_str)?,
            item_description: FreeText::parse("item_description", &self.item_description)?,
            condition: optional_text(self.condition.as_deref(), |text| FreeText::parse("condition", text))?,
            valuation: optional_text(self.valuation.as_deref(), |text| {
                Money::parse("valuation", unspaced("valuation", text)?, settings.currency)
            })?,
            estimate: optional_text(self.estimate.as_deref(), |text| {
                Money::parse("estimate", unspaced("estimate", text)?, settings.currency)
            })?,
            deposit: optional_text(self.deposit.as_deref(), |text| Money::parse("deposit", unspaced("deposit", text)?, settings.currency))?,
            received_on: optional_text(self.received_on.as_deref(), |day| parse_date("received_on", unspaced("received_on", day)?))?
                .unwrap_or(today),
            promised_on: optional_text(self.promised_on.as_deref(), |day| parse_date("promised_on", unspaced("promised_on", day)?))?,
        })
    }
}

/// Moves a job on the workshop board; jobs move forward only.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RepairStatusJson {
    /// received, at_bench, ready or collected.
    #[schema(value_type = JobStatusName)]
    pub status: String,
}

#[cfg(test)]
mod tests {
    use strongroom_domain::{CardBrand, ConsentChannel, JobKind, JobStatus};

    /// The names the document lists for a field, as `openapi_json` publishes them.
    fn documented(schema: &str) -> Vec<String> {
        let document: serde_json::Value = serde_json::from_str(&crate::api::openapi_json()).expect("the document is JSON");
        let names = &document["components"]["schemas"][schema]["enum"];
        names.as_array().unwrap_or_else(|| panic!("{schema} lists no names")).iter().map(|name| name.as_str().unwrap().to_owned()).collect()
    }

    /// The `…Name` enums above only describe fields to the OpenAPI document; the domain owns the
    /// lists. Each documented name must parse, and where the domain enumerates its values, the
    /// two lists must be the same.
    #[test]
    fn the_documented_names_are_the_domains() {
        for name in documented("JobKindName") {
            assert_eq!(JobKind::parse(&name).map(|kind| kind.as_str()).ok(), Some(name.as_str()));
        }
        for name in documented("JobStatusName") {
            assert_eq!(JobStatus::parse(&name).map(|status| status.as_str()).ok(), Some(name.as_str()));
        }
        let channels: Vec<String> = ConsentChannel::ALL.iter().map(|channel| channel.as_str().to_owned()).collect();
        assert_eq!(documented("ConsentChannelName"), channels);
        let brands: Vec<String> = CardBrand::ALL.iter().map(|brand| brand.as_str().to_owned()).collect();
        assert_eq!(documented("CardBrandName"), brands);
    }
}
