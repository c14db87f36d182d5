//! Amounts of money in minor units with their ISO 4217 currency; never floating point.

use std::fmt;

use crate::DomainError;

/// An ISO 4217 currency code the shop deals in.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency([u8; 3]);

impl Currency {
    pub const EUR: Currency = Currency(*b"EUR");
    pub const USD: Currency = Currency(*b"USD");

    pub fn parse(input: &str) -> Result<Currency, DomainError> {
        let code = input.trim().to_ascii_uppercase();
        match <[u8; 3]>::try_from(code.as_bytes()) {
            Ok(bytes) if bytes.iter().all(u8::is_ascii_uppercase) => Ok(Currency(bytes)),
            _ => Err(DomainError::invalid("currency", "must be a three-letter ISO 4217 code such as EUR")),
        }
    }

    pub fn as_str(&self) -> &str {
        // The bytes are ASCII upper-case letters by construction.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A non-negative amount in cents (minor units with two decimals, as EUR and USD use).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Money {
    minor_units: i64,
    currency: Currency,
}

impl Money {
    /// The largest amount accepted: a hundred million in major units, far above any jewel.
    const MAX_MINOR_UNITS: i64 = 10_000_000_000;

    pub fn from_minor_units(field: &'static str, minor_units: i64, currency: Currency) -> Result<Money, DomainError> {
        if !(0..=Money::MAX_MINOR_UNITS).contains(&minor_units) {
            return Err(DomainError::invalid(field, "must be between 0 and 100,000,000"));
        }
        Ok(Money { minor_units, currency })
    }

    /// Parses "1250", "1250.5" or "1250,50" (a decimal comma, as Dutch and German staff type).
    pub fn parse(field: &'static str, input: &str, currency: Currency) -> Result<Money, DomainError> {
        let invalid = || DomainError::invalid(field, "must be an amount such as 1250 or 1250.50");
        let text = input.trim().replace(',', ".");
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        if whole.is_empty() || whole.len() > 12 || fraction.len() > 2 {
            return Err(invalid());
        }
        if !whole.bytes().chain(fraction.bytes()).all(|b| b.is_ascii_digit()) {
            return Err(invalid());
        }
        let whole: i64 = whole.parse().map_err(|_| invalid())?;
        let cents: i64 = format!("{fraction:0<2}").parse().map_err(|_| invalid())?;
        Money::from_minor_units(field, whole * 100 + cents, currency)
    }

    pub fn minor_units(&self) -> i64 {
        self.minor_units
    }

    pub fn currency(&self) -> Currency {
        self.currency
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}.{:02}", self.currency, self.minor_units / 100, self.minor_units % 100)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn amounts_parse_with_a_decimal_point_or_comma() {
        assert_eq!(Money::parse("price", "1250", Currency::EUR).unwrap().minor_units(), 125_000);
        assert_eq!(Money::parse("price", "1250,5", Currency::EUR).unwrap().minor_units(), 125_050);
        assert_eq!(Money::parse("price", " 0.99 ", Currency::EUR).unwrap().to_string(), "EUR 0.99");
        for bad in ["", "-5", "1.234", "12a", "1e5", ".5", "1000000000000"] {
            assert!(Money::parse("price", bad, Currency::EUR).is_err(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn display_and_parse_round_trip(minor_units in 0i64..=10_000_000_000) {
            let money = Money::from_minor_units("price", minor_units, Currency::EUR).unwrap();
            let shown = money.to_string();
            let parsed = Money::parse("price", shown.trim_start_matches("EUR "), Currency::EUR).unwrap();
            prop_assert_eq!(parsed, money);
        }
    }
}
