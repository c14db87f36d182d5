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
