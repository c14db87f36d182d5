//! Anti-money-laundering identity records for high-value sales, and how long they are kept.
//!
//! EU AMLR (Regulation (EU) 2024/1624) and the national laws before it require a dealer in
//! precious goods to identify the customer for occasional transactions of EUR 10,000 or more and
//! to keep the record five years; the US asks the same five years of a Form 8300 filer.

use std::fmt;

use time::Date;

use crate::{AmlRecordId, CustomerId, DomainError, ShortText, contains_card_number};

/// Years an identity record is kept after the transaction it was taken for.
pub const AML_RETENTION_YEARS: i32 = 5;

/// The last day an AML record must be kept: five years after the transaction date.
/// A record taken on 29 February is kept until 28 February five years on.
pub fn aml_retention_end(transaction_date: Date) -> Date {
    let year = transaction_date.year() + AML_RETENTION_YEARS;
    let month = transaction_date.month();
    let day = transaction_date.day().min(month.length(year));
    Date::from_calendar_date(year, month, day).unwrap_or(Date::MAX)
}

/// The identity documents a shop may accept.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum IdDocumentType {
    Passport,
    NationalIdCard,
    DrivingLicence,
    ResidencePermit,
}

impl IdDocumentType {
    pub const ALL: [IdDocumentType; 4] =
        [IdDocumentType::Passport, IdDocumentType::NationalIdCard, IdDocumentType::DrivingLicence, IdDocumentType::ResidencePermit];

    pub fn as_str(&self) -> &'static str {
        match self {
            IdDocumentType::Passport => "passport",
            IdDocumentType::NationalIdCard => "national_id_card",
            IdDocumentType::DrivingLicence => "driving_licence",
            IdDocumentType::ResidencePermit => "residence_permit",
        }
    }

    pub fn parse(input: &str) -> Result<IdDocumentType, DomainError> {
        match input.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "passport" => Ok(IdDocumentType::Passport),
            "national_id_card" | "id_card" => Ok(IdDocumentType::NationalIdCard),
            "driving_licence" | "driving_license" => Ok(IdDocumentType::DrivingLicence),
            "residence_permit" => Ok(IdDocumentType::ResidencePermit),
            _ => Err(DomainError::invalid("document_type", "must be passport, national-id-card, driving-licence or residence-permit")),
        }
    }
}

/// An identity document number: letters and digits, spaces dropped, upper-cased.
#[derive(Clone, PartialEq, Eq)]
pub struct IdDocumentNumber(String);

impl IdDocumentNumber {
    pub fn parse(input: &str) -> Result<IdDocumentNumber, DomainError> {
        let number: String = input.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
        if !(4..=30).contains(&number.len()) || !number.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(DomainError::invalid("document_number", "must be 4 to 30 letters and digits"));
        }
        if contains_card_number(&number) {
            return Err(DomainError::CardNumber { field: "document_number" });
        }
        Ok(IdDocumentNumber(number))
    }

    /// A number this vault sealed and has opened again, taken as it was written (see
    /// `PersonName::from_stored`). Never for input.
    pub fn from_stored(number: String) -> IdDocumentNumber {
        IdDocumentNumber(number)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for IdDocumentNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("IdDocumentNumber(<redacted>)")
    }
}

/// The ISO 3166-1 alpha-2 code of the country that issued an identity document. Any country's
/// documents are accepted, so this is only checked for shape, not against a list.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct IssuingCountry([u8; 2]);

impl IssuingCountry {
    pub fn parse(input: &str) -> Result<IssuingCountry, DomainError> {
        let code = input.trim().to_ascii_uppercase();
        match <[u8; 2]>::try_from(code.as_bytes()) {
            Ok(bytes) if bytes.iter().all(u8::is_ascii_uppercase) => Ok(IssuingCountry(bytes)),
            _ => Err(DomainError::invalid("document_country", "must be a two-letter country code such as NL")),
        }
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("??")
    }
}

/// An identity check taken for a high-value or cash sale.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct AmlRecord {
    pub id: AmlRecordId,
    pub customer_id: CustomerId,
    pub document_type: IdDocumentType,
    pub document_number: IdDocumentNumber,
    pub document_country: IssuingCountry,
    pub verified_by: ShortText,
    pub transaction_reference: ShortText,
    pub transaction_date: Date,
    pub retention_ends: Date,
    /// The person identified, copied from the customer's record when the check is recorded (or,
    /// for an older record, when the customer is erased), so the record still says who it was
    /// about for as long as the law keeps it.
    pub holder_name: Option<crate::PersonName>,
    pub holder_birth_date: Option<Date>,
}

#[cfg(test)]
mod tests {
    use time::Month;

    use super::*;

    fn date(year: i32, month: Month, day: u8) -> Date {
        Date::from_calendar_date(year, month, day).unwrap()
    }

    #[test]
    fn records_are_kept_five_years_after_the_transaction() {
        assert_eq!(aml_retention_end(date(2026, Month::March, 14)), date(2031, Month::March, 14));
        assert_eq!(aml_retention_end(date(2028, Month::February, 29)), date(2033, Month::February, 28));
    }

    #[test]
    fn document_numbers_are_compacted_and_checked() {
        assert_eq!(IdDocumentNumber::parse("nx 12 ab 345").unwrap().as_str(), "NX12AB345");
        assert!(IdDocumentNumber::parse("12").is_err());
        assert!(IdDocumentNumber::parse("NX-12").is_err());
        assert_eq!(IdDocumentNumber::parse("4111 1111 1111 1111").unwrap_err(), DomainError::CardNumber { field: "document_number" });
    }
}

/// When a sale needs the buyer's identity checked and recorded, per country: a threshold on
/// cash (or, for some, on any payment) and the rule it comes from. The shop picks its pack in
/// `strongroom.toml` (`aml_rules`, the shop's country by default). These are defaults to start
/// from: laws change, and a shop's adviser may ask for a lower threshold.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct AmlRulePack {
    /// ISO 3166-1 alpha-2, or "EU" for the Union-wide rule.
    pub code: &'static str,
    pub currency: crate::Currency,
    /// The check is needed at or above this amount (minor units) …
    pub threshold_minor: i64,
    /// … paid in cash (`true`), or paid in any way (`false`).
    pub cash_only: bool,
    /// Whether the threshold itself counts (≥) or only amounts above it (>).
    pub inclusive: bool,
    /// What the law asks, in one sentence, and where it says so …
    pub rule: &'static str,
    /// … and the same in Dutch.
    pub rule_nl: &'static str,
}

impl AmlRulePack {
    pub const ALL: [AmlRulePack; 7] = [
        AmlRulePack {
            code: "EU",
            currency: crate::Currency::EUR,
            threshold_minor: 1_000_000,
            cash_only: true,
            inclusive: true,
            rule: "A cash sale of EUR 10,000 or more needs the buyer identified and the record kept five years (the member state's law under Directive (EU) 2015/849; from 10 July 2027 the EU AMLR, Regulation (EU) 2024/1624).",
            rule_nl: "Een contante verkoop van EUR 10.000 of meer vraagt dat de koper wordt geïdentificeerd en dat het record vijf jaar wordt bewaard (de nationale wet onder Richtlijn (EU) 2015/849; vanaf 10 juli 2027 de EU AMLR, Verordening (EU) 2024/1624).",
        },
        AmlRulePack {
            code: "NL",
            currency: crate::Currency::EUR,
            threshold_minor: 1_000_000,
            cash_only: true,
            inclusive: true,
            rule: "A cash sale of EUR 10,000 or more needs the buyer identified and the record kept five years (Wwft art. 1a(4)(c) and 3; from 10 July 2027 also the EU AMLR).",
            rule_nl: "Een contante verkoop van EUR 10.000 of meer vraagt dat de koper wordt geïdentificeerd en dat het record vijf jaar wordt bewaard (Wwft art. 1a lid 4 onder c en art. 3; vanaf 10 juli 2027 ook de EU AMLR).",
        },
        AmlRulePack {
            code: "DE",
            currency: crate::Currency::EUR,
            threshold_minor: 200_000,
            cash_only: true,
            inclusive: true,
            rule: "A cash sale of precious metals of EUR 2,000 or more needs the buyer identified (GwG § 10(6a) Nr. 1 b); other goods from EUR 10,000.",
            rule_nl: "Een contante verkoop van edele metalen van EUR 2.000 of meer vraagt dat de koper wordt geïdentificeerd (GwG § 10 lid 6a nr. 1 b); andere goederen vanaf EUR 10.000.",
        },
        AmlRulePack {
            code: "BE",
            currency: crate::Currency::EUR,
            threshold_minor: 300_000,
            cash_only: true,
            inclusive: false,
            rule: "Cash above EUR 3,000 may not be accepted at all (law of 18 September 2017, art. 67); identify the buyer of any cash sale that comes near it.",
            rule_nl: "Contant geld boven EUR 3.000 mag helemaal niet worden aangenomen (wet van 18 september 2017, art. 67); identificeer de koper van elke contante verkoop die daar in de buurt komt.",
        },
        AmlRulePack {
            code: "FR",
            currency: crate::Currency::EUR,
            threshold_minor: 100_000,
            cash_only: true,
            inclusive: false,
            rule: "Cash above EUR 1,000 may not be accepted from a buyer resident in France, EUR 15,000 from one who is not (Code monétaire et financier L112-6); identify the buyer.",
            rule_nl: "Contant geld boven EUR 1.000 mag niet worden aangenomen van een koper die in Frankrijk woont, boven EUR 15.000 van een koper die daar niet woont (Code monétaire et financier L112-6); identificeer de koper.",
        },
        AmlRulePack {
            code: "GB",
            currency: crate::Currency::GBP,
            threshold_minor: 850_000,
            cash_only: true,
            inclusive: true,
            rule: "A cash sale of EUR 10,000 or more (about GBP 8,500: the regulations set it in euros) needs the buyer identified, the shop registered with HMRC as a high value dealer, and the record kept five years (Money Laundering Regulations 2017, reg. 14 and 40).",
            rule_nl: "Een contante verkoop van EUR 10.000 of meer (ongeveer GBP 8.500: de regels noemen het in euro) vraagt dat de koper wordt geïdentificeerd, dat de winkel bij HMRC is geregistreerd als high value dealer en dat het record vijf jaar wordt bewaard (Money Laundering Regulations 2017, reg. 14 en 40).",
        },
        AmlRulePack {
            code: "US",
            currency: crate::Currency::USD,
            threshold_minor: 1_000_000,
            cash_only: true,
            inclusive: false,
            rule: "Cash of more than USD 10,000 in one sale or related sales must be reported on IRS Form 8300 within 15 days (26 U.S.C. 6050I); keep a copy five years.",
            rule_nl: "Contant geld van meer dan USD 10.000 in één verkoop of samenhangende verkopen moet binnen 15 dagen worden gemeld op IRS-formulier 8300 (26 U.S.C. 6050I); bewaar een kopie vijf jaar.",
        },
    ];

    /// The rule's sentence in `language`.
    pub fn rule_in(&self, language: crate::Language) -> &'static str {
        match language {
            crate::Language::En => self.rule,
            crate::Language::Nl => self.rule_nl,
        }
    }

    /// The pack for a country code; a member state without its own pack gets the EU rule.
    pub fn for_code(code: &str) -> Result<AmlRulePack, DomainError> {
        let wanted = code.trim().to_ascii_uppercase();
        if let Some(pack) = AmlRulePack::ALL.into_iter().find(|pack| pack.code == wanted) {
            return Ok(pack);
        }
        if EU_MEMBERS.contains(&wanted.as_str()) {
            return Ok(AmlRulePack::ALL[0]);
        }
        let codes: Vec<&str> = AmlRulePack::ALL.iter().map(|pack| pack.code).collect();
        Err(DomainError::invalid("aml_rules", format!("must be one of {} (or another EU country, which uses EU)", codes.join(", "))))
    }

    /// Whether a sale of `total`, paid in cash or not, needs an identity check under this pack.
    pub fn requires_check(&self, total: crate::Money, paid_in_cash: bool) -> bool {
        if self.cash_only && !paid_in_cash {
            return false;
        }
        if total.currency() != self.currency {
            // A sale in another currency is judged by its amount alone: better one check too many.
            return total.minor_units() >= self.threshold_minor;
        }
        if self.inclusive { total.minor_units() >= self.threshold_minor } else { total.minor_units() > self.threshold_minor }
    }
}

const EU_MEMBERS: [&str; 27] = [
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT",
    "RO", "SK", "SI", "ES", "SE",
];

#[cfg(test)]
mod rule_pack_tests {
    use super::*;
    use crate::{Currency, Money};

    fn eur(amount: &str) -> Money {
        Money::parse("total", amount, Currency::EUR).unwrap()
    }

    #[test]
    fn each_country_checks_at_its_own_threshold() {
        let nl = AmlRulePack::for_code("nl").unwrap();
        assert!(nl.requires_check(eur("10000"), true));
        assert!(!nl.requires_check(eur("9999.99"), true));
        assert!(!nl.requires_check(eur("25000"), false), "card payments are not cash");
        let de = AmlRulePack::for_code("DE").unwrap();
        assert!(de.requires_check(eur("2000"), true));
        let be = AmlRulePack::for_code("BE").unwrap();
        assert!(!be.requires_check(eur("3000"), true) && be.requires_check(eur("3000.01"), true));
        let us = AmlRulePack::for_code("US").unwrap();
        let usd = |amount: &str| Money::parse("total", amount, Currency::USD).unwrap();
        assert!(!us.requires_check(usd("10000"), true) && us.requires_check(usd("10000.01"), true), "Form 8300: more than 10,000");
        assert_eq!(AmlRulePack::for_code("AT").unwrap().code, "EU");
        assert!(AmlRulePack::for_code("XX").is_err());
    }
}
