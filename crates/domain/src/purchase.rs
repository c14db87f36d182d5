//! Purchases: what a customer bought, for how much, engraved how, and paid how.
//!
//! For cards only what PCI DSS 4.0.1 (3.3, 3.4) lets a merchant keep exists as a type: the
//! processor's token, the brand, the last four digits and the expiry. There is no type that can
//! hold a full card number or a security code, and every text runs the card-number guard.

use std::fmt;

use time::Date;

use crate::{CorrectionId, CustomerId, DomainError, FreeText, Money, PurchaseId, ShortText, contains_card_number};

/// One piece in a sale.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct PurchaseItem {
    pub description: ShortText,
    pub metal: Option<ShortText>,
    pub stones: Option<ShortText>,
    /// A grading report number such as a GIA certificate; it identifies one stone, and so its owner.
    pub certificate_number: Option<ShortText>,
    /// What this piece cost, when the sale prices its pieces one by one.
    pub price: Option<Money>,
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
    /// A note on the sale for the shop (not printed on the receipt).
    pub note: Option<FreeText>,
    /// Voids and refunds, oldest first. A sale is never changed or deleted; it is corrected.
    pub corrections: Vec<SaleCorrection>,
}

/// The most pieces one sale holds.
pub const MAX_ITEMS: usize = 50;

impl PurchaseId {
    /// The number printed on the receipt and used as an identity check's reference: the last
    /// twelve hex digits of the id (its random part), grouped in fours. Twelve digits at most,
    /// so the card guard (13 digits and up) never mistakes it for a card number, which the whole
    /// id, with its longer runs of digits, sometimes is.
    pub fn receipt_number(self) -> String {
        let hex = self.as_uuid().simple().to_string().to_uppercase();
        let tail = &hex[hex.len() - 12..];
        format!("{}-{}-{}", &tail[..4], &tail[4..8], &tail[8..])
    }
}

impl Purchase {
    /// A purchase names at least one item (and at most [`MAX_ITEMS`]); where pieces are priced,
    /// they cannot add up to more than the total, and when every piece is priced they add up to it.
    pub fn check_items(items: &[PurchaseItem], total: Money) -> Result<(), DomainError> {
        if items.is_empty() {
            return Err(DomainError::invalid("items", "a purchase needs at least one item"));
        }
        if items.len() > MAX_ITEMS {
            return Err(DomainError::invalid("items", format!("a purchase holds at most {MAX_ITEMS} items")));
        }
        if items.iter().any(|item| item.price.is_some_and(|price| price.currency() != total.currency())) {
            return Err(DomainError::invalid("items", "every price must be in the sale's currency"));
        }
        let priced: i64 = items.iter().filter_map(|item| item.price).map(|price| price.minor_units()).sum();
        let all_priced = items.iter().all(|item| item.price.is_some());
        if priced > total.minor_units() || all_priced && priced != total.minor_units() {
            let sum = Money::from_minor_units("total", priced, total.currency())?;
            return Err(DomainError::invalid("total", format!("the items' prices add up to {sum}, not {total}")));
        }
        Ok(())
    }

    /// How much has been refunded (a void counts as the whole total).
    pub fn refunded(&self) -> i64 {
        self.corrections.iter().map(|correction| correction.amount.minor_units()).sum()
    }

    /// Where the sale stands after its corrections.
    pub fn state(&self) -> SaleState {
        if self.corrections.iter().any(|correction| correction.kind == CorrectionKind::Void) {
            SaleState::Void
        } else if self.corrections.is_empty() {
            SaleState::Standing
        } else if self.refunded() >= self.total.minor_units() {
            SaleState::Refunded
        } else {
            SaleState::PartlyRefunded
        }
    }

    /// The amount a correction of `kind` takes off the sale, or why it cannot be made: a void
    /// undoes a sale that was recorded by mistake (the whole total, and only while nothing was
    /// refunded); a refund gives back part or all of what is left. `amount` is the refund's.
    pub fn correction_amount(&self, kind: CorrectionKind, amount: Option<Money>) -> Result<Money, DomainError> {
        let left = self.total.minor_units() - self.refunded();
        match (self.state(), kind) {
            (SaleState::Void, _) => Err(DomainError::invalid("kind", "this sale is already void")),
            (SaleState::Refunded, _) => Err(DomainError::invalid("kind", "this sale is already refunded in full")),
            (SaleState::PartlyRefunded, CorrectionKind::Void) => {
                Err(DomainError::invalid("kind", "part of this sale was refunded: refund the rest instead of voiding it"))
            }
            (SaleState::Standing, CorrectionKind::Void) => Ok(self.total),
            (_, CorrectionKind::Refund) => {
                let amount = amount.ok_or_else(|| DomainError::invalid("amount", "say how much is refunded"))?;
                if amount.currency() != self.total.currency() {
                    return Err(DomainError::invalid("amount", "must be in the sale's currency"));
                }
                if amount.minor_units() == 0 {
                    return Err(DomainError::invalid("amount", "must be more than zero"));
                }
                if amount.minor_units() > left {
                    let left = Money::from_minor_units("amount", left, self.total.currency())?;
                    return Err(DomainError::invalid("amount", format!("at most {left} is left to refund")));
                }
                Ok(amount)
            }
        }
    }
}

/// How a sale was put right.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CorrectionKind {
    /// The sale did not happen (recorded by mistake, or cancelled at the counter).
    Void,
    /// Money given back, for all or part of the sale.
    Refund,
}

impl CorrectionKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            CorrectionKind::Void => "void",
            CorrectionKind::Refund => "refund",
        }
    }

    pub fn parse(input: &str) -> Result<CorrectionKind, DomainError> {
        match input.trim().to_ascii_lowercase().as_str() {
            "void" => Ok(CorrectionKind::Void),
            "refund" => Ok(CorrectionKind::Refund),
            _ => Err(DomainError::invalid("kind", "must be void or refund")),
        }
    }
}

/// A void or refund of a sale, with the reason the staff member gave.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct SaleCorrection {
    pub id: CorrectionId,
    pub purchase_id: PurchaseId,
    pub kind: CorrectionKind,
    /// What it took off the sale: the whole total for a void.
    pub amount: Money,
    pub reason: FreeText,
    /// When it was recorded.
    pub at: time::OffsetDateTime,
}

/// Where a sale stands.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SaleState {
    Standing,
    PartlyRefunded,
    Refunded,
    Void,
}

impl SaleState {
    pub fn as_str(&self) -> &'static str {
        match self {
            SaleState::Standing => "standing",
            SaleState::PartlyRefunded => "partly_refunded",
            SaleState::Refunded => "refunded",
            SaleState::Void => "void",
        }
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
    fn a_sales_receipt_number_never_looks_like_a_card_although_its_id_can() {
        // A real shape: the id's last groups all digits, 16 in a row with one hyphen, Luhn-valid.
        let id = PurchaseId::from_uuid(uuid::Uuid::parse_str("0193a8f2-5c1d-7e2b-4111-111111111111").unwrap());
        assert!(ShortText::parse("reference", &id.to_string()).is_err(), "the whole id trips the card guard");
        assert_eq!(id.receipt_number(), "1111-1111-1111");
        assert!(ShortText::parse("reference", &id.receipt_number()).is_ok());
    }

    proptest::proptest! {
        #[test]
        fn every_receipt_number_passes_the_card_guard(bits in proptest::prelude::any::<u128>()) {
            let number = PurchaseId::from_uuid(uuid::Uuid::from_u128(bits)).receipt_number();
            proptest::prop_assert!(ShortText::parse("reference", &number).is_ok(), "{}", number);
        }
    }

    fn euros(amount: &str) -> Money {
        Money::parse("total", amount, crate::Currency::EUR).unwrap()
    }

    fn item(price: Option<&str>) -> PurchaseItem {
        PurchaseItem {
            description: ShortText::parse("item", "Ring").unwrap(),
            metal: None,
            stones: None,
            certificate_number: None,
            price: price.map(euros),
        }
    }

    fn sale(total: &str) -> Purchase {
        Purchase {
            id: PurchaseId::from_uuid(uuid::Uuid::nil()),
            customer_id: CustomerId::from_uuid(uuid::Uuid::nil()),
            purchased_on: Date::from_calendar_date(2026, time::Month::December, 6).unwrap(),
            items: vec![item(None)],
            total: euros(total),
            paid_in_cash: false,
            engraving: None,
            payment: None,
            note: None,
            corrections: Vec::new(),
        }
    }

    fn corrected(mut purchase: Purchase, kind: CorrectionKind, amount: &str) -> Purchase {
        purchase.corrections.push(SaleCorrection {
            id: CorrectionId::from_uuid(uuid::Uuid::nil()),
            purchase_id: purchase.id,
            kind,
            amount: euros(amount),
            reason: FreeText::parse("reason", "customer changed their mind").unwrap(),
            at: time::OffsetDateTime::UNIX_EPOCH,
        });
        purchase
    }

    #[test]
    fn priced_items_add_up_to_the_total() {
        assert!(Purchase::check_items(&[item(Some("100")), item(Some("50"))], euros("150")).is_ok());
        assert!(Purchase::check_items(&[item(Some("100")), item(None)], euros("150")).is_ok(), "one unpriced piece takes the rest");
        assert!(Purchase::check_items(&[item(Some("100")), item(Some("50"))], euros("140")).is_err());
        assert!(Purchase::check_items(&[item(Some("200")), item(None)], euros("150")).is_err());
        assert!(Purchase::check_items(&[], euros("150")).is_err());
        assert!(Purchase::check_items(&vec![item(None); MAX_ITEMS + 1], euros("150")).is_err());
    }

    #[test]
    fn a_sale_is_voided_whole_or_refunded_up_to_what_is_left() {
        let standing = sale("1250");
        assert_eq!(standing.state(), SaleState::Standing);
        assert_eq!(standing.correction_amount(CorrectionKind::Void, None), Ok(euros("1250")));
        assert!(standing.correction_amount(CorrectionKind::Refund, None).is_err(), "a refund says how much");
        assert!(standing.correction_amount(CorrectionKind::Refund, Some(euros("0"))).is_err());
        assert!(standing.correction_amount(CorrectionKind::Refund, Some(euros("1250.01"))).is_err());

        let partly = corrected(sale("1250"), CorrectionKind::Refund, "250");
        assert_eq!(partly.state(), SaleState::PartlyRefunded);
        assert!(partly.correction_amount(CorrectionKind::Void, None).is_err(), "a partly refunded sale is not voided");
        assert_eq!(partly.correction_amount(CorrectionKind::Refund, Some(euros("1000"))), Ok(euros("1000")));
        assert!(partly.correction_amount(CorrectionKind::Refund, Some(euros("1000.01"))).is_err());

        let refunded = corrected(partly, CorrectionKind::Refund, "1000");
        assert_eq!(refunded.state(), SaleState::Refunded);
        assert!(refunded.correction_amount(CorrectionKind::Refund, Some(euros("1"))).is_err());

        let void = corrected(sale("1250"), CorrectionKind::Void, "1250");
        assert_eq!(void.state(), SaleState::Void);
        assert!(void.correction_amount(CorrectionKind::Void, None).is_err());
        assert!(void.correction_amount(CorrectionKind::Refund, Some(euros("1"))).is_err());
    }

    #[test]
    fn brands_parse_loosely() {
        assert_eq!(CardBrand::parse("Master-Card").unwrap(), CardBrand::Mastercard);
        assert!(CardBrand::parse("paypal").is_err());
    }
}
