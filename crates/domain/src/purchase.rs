//! Purchases: what a customer bought, for how much, engraved how, and paid how.
//!
//! For cards only what PCI DSS 4.0.1 (3.3, 3.4) lets a merchant keep exists as a type: the
//! processor's token, the brand, the last four digits and the expiry. There is no type that can
//! hold a full card number or a security code, and every text runs the card-number guard.

use std::fmt;

use time::Date;

use crate::{CustomerId, DomainError, FreeText, Money, PurchaseId, ShortText, contains_card_number};

/// One piece in a sale.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct PurchaseItem {
    pub description: ShortText,
    pub metal: Option<ShortText>,
    pub stones: Option<ShortText>,
    /// A grading report number such as a GIA certificate; it identifies one stone, and so its owner.
    pub certificate_number: Option<ShortText>,
}

/// Card brands as printed on receipts.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CardBrand {
    Visa,
    Mastercard,
    Maestro,
    Amex,
    Discover,
    Jcb,
    UnionPay,
    Other,
}

impl CardBrand {
    pub const ALL: [CardBrand; 8] = [
        CardBrand::Visa,
        CardBrand::Mastercard,
        CardBrand::Maestro,
        CardBrand::Amex,
        CardBrand::Discover,
        CardBrand::Jcb,
        CardBrand::UnionPay,
        CardBrand::Other,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            CardBrand::Visa => "visa",
            CardBrand::Mastercard => "mastercard",
            CardBrand::Maestro => "maestro",
            CardBrand::Amex => "amex",
            CardBrand::Discover => "discover",
            CardBrand::Jcb => "jcb",
            CardBrand::UnionPay => "unionpay",
            CardBrand::Other => "other",
        }
    }

    pub fn parse(input: &str) -> Result<CardBrand, DomainError> {
        let wanted = input.trim().to_ascii_lowercase().replace([' ', '-'], "");
        CardBrand::ALL.into_iter().find(|brand| brand.as_str() == wanted).ok_or_else(|| {
            DomainError::invalid("card_brand", "must be one of visa, mastercard, maestro, amex, discover, jcb, unionpay, other")
        })
    }
}

/// The payment processor's token for a card: an opaque reference, never the card number.
#[derive(Clone, PartialEq, Eq)]
pub struct ProcessorToken(String);

impl ProcessorToken {
    pub fn parse(input: &str) -> Result<ProcessorToken, DomainError> {
        const FIELD: &str = "processor_token";
        let token = input.trim();
        if token.is_empty() || token.len() > 128 {
            return Err(DomainError::invalid(FIELD, "must be 1 to 128 characters"));
        }
        if !token.bytes().all(|b| b.is_ascii_alphanumeric() || b"_-:.".contains(&b)) {
            return Err(DomainError::invalid(FIELD, "may hold only letters, digits and _ - : ."));
        }
        // A "token" that is really a card number is the commonest way a PAN gets stored.
        if contains_card_number(token) {
            return Err(DomainError::CardNumber { field: FIELD });
        }
        Ok(ProcessorToken(token.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ProcessorToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ProcessorToken(<redacted>)")
    }
}

/// The last four digits of a card, the most PCI DSS 3.4.1 allows to be shown.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct LastFour([u8; 4]);

impl LastFour {
    pub fn parse(input: &str) -> Result<LastFour, DomainError> {
        match <[u8; 4]>::try_from(input.trim().as_bytes()) {
            Ok(digits) if digits.iter().all(u8::is_ascii_digit) => Ok(LastFour(digits)),
            _ => Err(DomainError::invalid("card_last_four", "must be exactly four digits")),
        }
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("????")
    }
}

/// A card's expiry month, written MM/YY.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct CardExpiry {
    month: u8,
    year: u16,
}

impl CardExpiry {
    pub fn parse(input: &str) -> Result<CardExpiry, DomainError> {
        let invalid = || DomainError::invalid("card_expiry", "must be written MM/YY");
        let (month, year) = input.trim().split_once('/').ok_or_else(invalid)?;
        if month.len() != 2 || year.len() != 2 {
            return Err(invalid());
        }
        let month: u8 = month.parse().map_err(|_| invalid())?;
        let year: u16 = year.parse().map_err(|_| invalid())?;
        if !(1..=12).contains(&month) {
            return Err(DomainError::invalid("card_expiry", "month must be 01 to 12"));
        }
        Ok(CardExpiry { month, year: 2000 + year })
    }

    pub fn month(&self) -> u8 {
        self.month
    }

    pub fn year(&self) -> u16 {
        self.year
    }
}

impl fmt::Display for CardExpiry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}/{:02}", self.month, self.year % 100)
    }
}

/// How a purchase was paid by card: what the merchant may keep, nothing more.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct PaymentReference {
    pub processor_token: ProcessorToken,
    pub brand: CardBrand,
    pub last_four: LastFour,
    pub expiry: Option<CardExpiry>,
}

/// A sale to a customer.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Purchase {
    pub id: PurchaseId,
    pub customer_id: CustomerId,
    pub purchased_on: Date,
    pub items: Vec<PurchaseItem>,
    pub total: Money,
    pub paid_in_cash: bool,
    pub engraving: Option<FreeText>,
    pub payment: Option<PaymentReference>,
}

impl Purchase {
    /// A purchase must name at least one item.
    pub fn check_items(items: &[PurchaseItem]) -> Result<(), DomainError> {
        if items.is_empty() {
            return Err(DomainError::invalid("items", "a purchase needs at least one item"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_number_posing_as_a_token_is_refused() {
        let error = ProcessorToken::parse("4111111111111111").unwrap_err();
        assert_eq!(error, DomainError::CardNumber { field: "processor_token" });
        assert!(ProcessorToken::parse("tok_1NaXk2Lz8q").is_ok());
    }

    #[test]
    fn only_the_last_four_and_the_expiry_are_kept() {
        assert_eq!(LastFour::parse("4242").unwrap().as_str(), "4242");
        for bad in ["424", "42424", "42a4"] {
            assert!(LastFour::parse(bad).is_err());
        }
        assert_eq!(CardExpiry::parse("07/29").unwrap().to_string(), "07/29");
        assert!(CardExpiry::parse("13/29").is_err());
        assert!(CardExpiry::parse("7/2029").is_err());
    }

    #[test]
    fn brands_parse_loosely() {
        assert_eq!(CardBrand::parse("Master-Card").unwrap(), CardBrand::Mastercard);
        assert!(CardBrand::parse("paypal").is_err());
    }
}
