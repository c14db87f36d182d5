//! The record of processing activities (GDPR Art. 30) and the data map, generated: the data
//! categories from the field table, who sees each from the roles, the purposes of access, the
//! keeping from the law's terms and the backup settings, and the security measures from the
//! settings in force; plus what only the shop knows, entered once (who to contact about privacy,
//! the other places customer data lives, the processors with their locations and contracts),
//! kept in the vault sealed under the staff-secrets key. The page, the JSON file, the printable
//! document and the privacy notice's draft are all made from one [`Ropa`].

use serde::{Deserialize, Serialize};
use strongroom_domain::{
    Actor, AuditAction, CountryLaw, DomainError, Field, Outcome, Permission, RecordKind, Role, STANDARD_PURPOSES, ShortText,
};

use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, now_micros};

/// The name the shop's own part is kept under in the vault, and what its seal is bound to.
const SETTING_NAME: &str = "ropa";
const SEALED_NAME: &str = "ropa_shop_part";

/// At most this many places and processors each.
pub const MAX_ENTRIES: usize = 30;

/// Another place customer data lives: the till, the webshop, e-mail, paper files, the accountant.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Place {
    pub name: String,
    /// What of the customers' data it holds.
    pub holds: String,
    /// How it is protected.
    pub protection: String,
}

/// A processor: a company that handles customer data for the shop.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Processor {
    pub name: String,
    /// What it does for the shop (payments, the webshop, mail).
    pub service: String,
    /// Where the data is (a country; outside the EEA needs a transfer safeguard).
    pub location: String,
    /// The processing agreement: its date or reference.
    pub contract: String,
}

/// What only the shop knows, entered once on the page (or `privacy ropa --set FILE`).
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
pub struct ShopPart {
    /// Who to contact about privacy (the owner, the privacy officer): name and how to reach them.
    #[serde(default)]
    pub contact: String,
    #[serde(default)]
    pub places: Vec<Place>,
    #[serde(default)]
    pub processors: Vec<Processor>,
    /// The version of the shop's data policy (this record), and the day the shop's adviser
    /// reviewed it (`YYYY-MM-DD`), as the shop keeps them.
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub reviewed_on: String,
}

impl ShopPart {
    /// Checks every value as a one-line text of at most 200 characters (a name required),
    /// without card numbers, and at most [`MAX_ENTRIES`] of each list.
    pub fn checked(self) -> Result<ShopPart, DomainError> {
        let line = |field: &'static str, value: &str| ShortText::parse(field, value).map(|text| text.as_str().to_owned());
        let optional = |field: &'static str, value: &str| if value.trim().is_empty() { Ok(String::new()) } else { line(field, value) };
        if self.places.len() > MAX_ENTRIES || self.processors.len() > MAX_ENTRIES {
            return Err(DomainError::invalid("places", "at most 30 places and 30 processors"));
        }
        let places = self
            .places
            .iter()
            .map(|place| {
                Ok(Place {
                    name: line("name", &place.name)?,
                    holds: optional("holds", &place.holds)?,
                    protection: optional("protection", &place.protection)?,
                })
            })
            .collect::<Result<_, DomainError>>()?;
        let processors = self
            .processors
            .iter()
            .map(|processor| {
                Ok(Processor {
                    name: line("name", &processor.name)?,
                    service: optional("service", &processor.service)?,
                    location: optional("location", &processor.location)?,
                    contract: optional("contract", &processor.contract)?,
                })
            })
            .collect::<Result<_, DomainError>>()?;
        let reviewed_on = self.reviewed_on.trim();
        if !reviewed_on.is_empty() {
            strongroom_domain::parse_date("reviewed_on", reviewed_on)?;
        }
        Ok(ShopPart {
            contact: optional("contact", &self.contact)?,
            places,
            processors,
            version: optional("version", &self.version)?,
            reviewed_on: reviewed_on.to_owned(),
        })
    }
}

/// One line of the data map: a field, what it is, its category, who sees it, how long it stays.
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
pub struct MappedField {
    pub record: &'static str,
    pub field: &'static str,
    pub description: &'static str,
    pub category: &'static str,
    /// A special category (GDPR Art. 9: health data).
    pub special: bool,
    pub roles: Vec<&'static str>,
    pub kept: String,
}

/// The record of processing activities.
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
pub struct Ropa {
    pub format: &'static str,
    pub generated_at: String,
    pub controller: String,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub country: &'static str,
    pub law: Option<LawSummary>,
    /// Purposes of access: label and meaning.
    pub purposes: Vec<(String, String)>,
    pub subjects: Vec<&'static str>,
    pub data_map: Vec<MappedField>,
    /// Who inside the shop may see customer data: each role and what it may do.
    pub roles: Vec<(&'static str, Vec<&'static str>)>,
    /// The sign-in settings in force; the pages write the security measures from them.
    pub policy: PolicySummary,
    pub backup_days: u32,
    /// The tax keeping of an erased customer's sales: years after the end of the year, and its source.
    pub tax_years: u8,
    pub tax_source: &'static str,
    /// Years without anything before a customer comes on the review list.
    pub review_after_years: u8,
    pub shop: ShopPart,
    /// When the shop's part was last saved (RFC 3339), if it was.
    pub shop_saved_at: Option<String>,
}

/// The sign-in settings the security measures name.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize)]
pub struct PolicySummary {
    pub second_factor_required: bool,
    pub idle_timeout_minutes: u32,
    pub session_hours: u32,
    pub lockout_after_failures: u32,
    pub step_up_minutes: u32,
}

/// The law lines the record names.
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
pub struct LawSummary {
    pub privacy_law: &'static str,
    pub national_act: &'static str,
    pub authority: &'static str,
    pub authority_web: &'static str,
    pub aml_law: &'static str,
    pub tax_years: u8,
    pub tax_source: &'static str,
}

/// What a purpose the shop added means, in the record.
pub const OWN_PURPOSE: &str = "the shop's own purpose";

/// What the marketing list's purpose means, in the record.
const MARKETING: &str = "contacting customers who consent, on the channels they chose (consent, Art. 6(1)(a))";

/// The JSON format's name.
pub const ROPA_FORMAT: &str = "strongroom-ropa/1";

fn roles_allowed(permission: Permission) -> Vec<&'static str> {
    Role::ALL.iter().filter(|role| role.allows(permission)).map(Role::as_str).collect()
}

/// Who sees `field` on a record they may open.
fn roles_seeing(field: Field) -> Vec<&'static str> {
    match field.record_kind() {
        RecordKind::Customer => Role::ALL.iter().filter(|role| role.sees_customer_field(field)).map(Role::as_str).collect(),
        RecordKind::Purchase | RecordKind::SaleCorrection => roles_allowed(Permission::PurchaseRead),
        RecordKind::Repair => roles_allowed(Permission::RepairRead),
        RecordKind::AmlRecord => roles_allowed(Permission::AmlRead),
        _ => Vec::new(),
    }
}

impl Vault {
    fn shop_part(&self, tx: &mut dyn strongroom_store::Tx) -> Result<(ShopPart, Option<i64>), AppError> {
        let Some((sealed, at)) = tx.setting(SETTING_NAME)? else { return Ok((ShopPart::default(), None)) };
        let sealed = crate::backups::settings::unhex(&sealed).ok_or_else(|| AppError::corrupt("the record of processing is not sealed"))?;
        let json = self.open_host_secret(SEALED_NAME, &sealed)?;
        let part = serde_json::from_slice(&json).map_err(|error| AppError::corrupt(format!("record of processing: {error}")))?;
        Ok((part, Some(at)))
    }

    /// The record of processing activities as of now, for the owner, the privacy officer and
    /// the external auditor (who read the shop's policies and evidence). Recorded.
    pub fn ropa(&self, actor: &Actor) -> Result<Ropa, AppError> {
        self.require(actor, Permission::AuditRead, AuditAction::AuditRead, None)?;
        let mut tx = self.store.begin()?;
        let (shop, saved) = self.shop_part(tx.as_mut())?;
        self.record(
            tx.as_mut(),
            &[EventDraft::new(actor, AuditAction::AuditRead).detail("record of processing").finish(Outcome::Allowed)],
        )?;
        tx.commit()?;
        let settings = self.settings();
        let tax = settings.tax_retention;
        let data_map = data_map(tax);
        let purposes = self.purposes_of_record();
        let country = settings.default_country.code();
        let law = CountryLaw::for_country(country).map(|law| LawSummary {
            privacy_law: law.privacy_law,
            national_act: law.national_act,
            authority: law.authority,
            authority_web: law.authority_web,
            aml_law: law.aml_law,
            tax_years: tax.years,
            tax_source: tax.source,
        });
        let roles = Role::ALL
            .iter()
            .map(|role| {
                (
                    role.as_str(),
                    Permission::ALL.iter().filter(|permission| role.allows(**permission)).map(|p| crate::permission_text(*p)).collect(),
                )
            })
            .collect();
        Ok(Ropa {
            format: ROPA_FORMAT,
            generated_at: time::OffsetDateTime::now_utc().format(&time::format_description::well_known::Rfc3339).unwrap_or_default(),
            controller: self.shop_name().to_owned(),
            address: self.shop_contact().address.clone(),
            phone: self.shop_contact().phone.clone(),
            country,
            law,
            purposes,
            subjects: vec!["customers (and the partners they name)", "the shop's staff (their accounts and what they did)"],
            data_map,
            roles,
            policy: PolicySummary {
                second_factor_required: settings.security.require_second_factor,
                idle_timeout_minutes: settings.security.idle_timeout_minutes,
                session_hours: settings.security.session_hours,
                lockout_after_failures: settings.security.lockout_after_failures,
                step_up_minutes: settings.security.step_up_minutes,
            },
            backup_days: self.backup_settings_in_force()?.keep.longest_days(),
            tax_years: tax.years,
            tax_source: tax.source,
            review_after_years: settings.review_after_years,
            shop,
            shop_saved_at: saved
                .map(|at| crate::from_micros_lenient(at).format(&time::format_description::well_known::Rfc3339).unwrap_or_default()),
        })
    }

    /// Saves what only the shop knows (the owner and the privacy officer), replacing what was
    /// saved; checked whole first, so a bad line changes nothing. Recorded.
    pub fn set_ropa_shop_part(&self, actor: &Actor, part: ShopPart) -> Result<(), AppError> {
        self.require(actor, Permission::PrivacyRequests, AuditAction::RopaUpdate, None)?;
        let part = part.checked()?;
        let json = serde_json::to_vec(&part).map_err(|error| AppError::corrupt(error.to_string()))?;
        let sealed = crate::backups::settings::hex(&self.seal_host_secret(SEALED_NAME, &json)?);
        let mut tx = self.store.begin()?;
        tx.set_setting(SETTING_NAME, &sealed, now_micros())?;
        let detail = format!("record of processing: {} other places, {} processors", part.places.len(), part.processors.len());
        self.record(tx.as_mut(), &[EventDraft::new(actor, AuditAction::RopaUpdate).detail(detail).finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(())
    }
}

/// Every field with its category, who sees it and how long it stays under `tax`'s term.
fn data_map(tax: strongroom_domain::TaxRetention) -> Vec<MappedField> {
    let kept = |kind: RecordKind| match kind {
        RecordKind::Customer => "until the customer is erased (at their request)".to_owned(),
        RecordKind::Purchase | RecordKind::SaleCorrection => format!(
            "with the customer; after an erasure, amounts, dates, items and payment references stay {} years after the end of the year of the sale ({})",
            tax.years, tax.source
        ),
        RecordKind::Repair => "with the customer; deleted with an erasure".to_owned(),
        RecordKind::AmlRecord => "five years after the transaction (anti-money-laundering law), then deleted by itself".to_owned(),
        _ => String::new(),
    };
    Field::ALL
        .iter()
        .map(|field| MappedField {
            record: field.record_kind().as_str(),
            field: field.name(),
            description: field.description(),
            category: field.category().as_str(),
            special: field.category().is_special_category(),
            roles: roles_seeing(*field),
            kept: kept(field.record_kind()),
        })
        .collect()
}

impl Vault {
    /// The purposes of access with what each means, marketing (the consent's), and the shop's own.
    fn purposes_of_record(&self) -> Vec<(String, String)> {
        let mut purposes: Vec<(String, String)> =
            STANDARD_PURPOSES.iter().map(|(label, meaning)| ((*label).to_owned(), (*meaning).to_owned())).collect();
        // Marketing is no purpose of a read: it is the consent's, for the marketing list.
        purposes.push(("marketing".to_owned(), MARKETING.to_owned()));
        for label in self.purposes().labels() {
            if !purposes.iter().any(|(known, _)| known == label) {
                purposes.push((label.clone(), OWN_PURPOSE.to_owned()));
            }
        }
        purposes
    }
}
