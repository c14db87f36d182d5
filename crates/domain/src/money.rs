//! Amounts of money in minor units with their ISO 4217 currency; never floating point.

use std::fmt;

use crate::{DomainError, Language};

/// An ISO 4217 currency code the shop deals in.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency([u8; 3]);

impl Currency {
    pub const EUR: Currency = Currency(*b"EUR");
    pub const USD: Currency = Currency(*b"USD");
    pub const GBP: Currency = Currency(*b"GBP");

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

    /// The sign a shop writes before an amount, where the currency has one everybody reads.
    pub fn symbol(&self) -> Option<&'static str> {
        match &self.0 {
            b"EUR" => Some("€"),
            b"USD" => Some("$"),
            b"GBP" => Some("£"),
            _ => None,
        }
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

    /// Parses an amount as staff type it in `language`: `1.250,00`, `€ 1250`, `1250,-` in
    /// Dutch; `1,250.00`, `€1,250` in English. The currency's sign or code may stand before or
    /// after it. A separator followed by one or two digits is always the decimal one (so
    /// `1250,5` is read the same in both); one followed by three digits groups thousands when
    /// the language groups with it (`1.250` is 1250 in Dutch) and is refused otherwise rather
    /// than guessed (`1.250` in English, `1,250` in Dutch).
    pub fn parse_local(field: &'static str, input: &str, currency: Currency, language: Language) -> Result<Money, DomainError> {
        let invalid = || match language {
            Language::En => DomainError::invalid(field, "must be an amount such as 1250, 1,250.00 or € 1250"),
            Language::Nl => DomainError::invalid(field, "must be an amount such as 1250, 1.250,00 or € 1250"),
        };
        let mut text: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        for mark in [currency.symbol().unwrap_or(""), currency.as_str()] {
            if mark.is_empty() {
                continue;
            }
            if let Some(rest) = text.strip_prefix(mark) {
                text = rest.to_owned();
            } else if let Some(rest) = text.strip_suffix(mark) {
                text = rest.to_owned();
            }
        }
        // "1250,-" and "1250.-": a whole amount, as Dutch price tags write it.
        for dash in [",-", ".-", ",\u{2013}", ".\u{2013}"] {
            if let Some(rest) = text.strip_suffix(dash) {
                text = rest.to_owned();
                break;
            }
        }
        let grouping = match language {
            Language::En => ',',
            Language::Nl => '.',
        };
        let last_separator = text.rfind([',', '.']);
        let (whole, fraction) = match last_separator {
            Some(at) => {
                let separator = text[at..].chars().next().unwrap_or(',');
                let after = &text[at + 1..];
                let groups_before = text[..at].contains(separator);
                if (1..=2).contains(&after.len()) && !groups_before {
                    (text[..at].to_owned(), after.to_owned())
                } else if separator == grouping || groups_before && after.len() == 3 {
                    (text.clone(), String::new())
                } else {
                    return Err(invalid());
                }
            }
            None => (text.clone(), String::new()),
        };
        let digits = ungroup(&whole).ok_or_else(invalid)?;
        Money::parse(field, format!("{digits}.{fraction}").trim_end_matches('.'), currency).map_err(|error| match error {
            DomainError::Invalid { ref reason, .. } if reason.starts_with("must be between") => error,
            _ => invalid(),
        })
    }

    /// The amount as `language` writes it: `€ 1.250,00` in Dutch, `€1,250.00` in English (a
    /// currency without a sign everybody reads keeps its code: `CHF 1'250.00` is not guessed).
    pub fn local(&self, language: Language) -> String {
        let (grouping, decimal) = match language {
            Language::En => (',', '.'),
            Language::Nl => ('.', ','),
        };
        let whole = (self.minor_units / 100).to_string();
        let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
        for (i, digit) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i).is_multiple_of(3) {
                grouped.push(grouping);
            }
            grouped.push(digit);
        }
        let number = format!("{grouped}{decimal}{:02}", self.minor_units % 100);
        match (self.currency.symbol(), language) {
            (Some(symbol), Language::En) => format!("{symbol}{number}"),
            (Some(symbol), Language::Nl) => format!("{symbol}\u{a0}{number}"),
            (None, _) => format!("{}\u{a0}{number}", self.currency),
        }
    }
}

/// The digits of a whole amount with its thousands separators taken out, when they group by
/// three (`1.250.000`, `1,250`); `None` when they do not (`12.50.0`) or mix (`1.250,000`).
fn ungroup(whole: &str) -> Option<String> {
    let separator = whole.chars().find(|c| *c == ',' || *c == '.');
    let Some(separator) = separator else { return Some(whole.to_owned()) };
    let groups: Vec<&str> = whole.split(separator).collect();
    let first_ok = (1..=3).contains(&groups[0].len());
    let rest_ok = groups[1..].iter().all(|group| group.len() == 3);
    (first_ok && rest_ok).then(|| groups.concat())
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

    #[test]
    fn amounts_typed_the_dutch_way_parse() {
        let nl = |text: &str| Money::parse_local("total", text, Currency::EUR, Language::Nl).map(|money| money.minor_units());
        assert_eq!(nl("1.250,00"), Ok(125_000));
        assert_eq!(nl("€ 1250"), Ok(125_000));
        assert_eq!(nl("€1.250"), Ok(125_000));
        assert_eq!(nl("1250,-"), Ok(125_000));
        assert_eq!(nl("1.250.000,5"), Ok(125_000_050));
        assert_eq!(nl("12,5"), Ok(1_250));
        assert_eq!(nl("0,99 EUR"), Ok(99));
        assert_eq!(nl("1\u{a0}250,00"), Ok(125_000));
        // A comma before three digits is not a Dutch thousands separator, and "1.25" could be
        // either: the first is refused, the second (two digits) is read as decimals.
        assert!(nl("1,250").is_err());
        assert_eq!(nl("1.25"), Ok(125));
        for bad in ["", "€", "1.2.3", "12.50.0", "1.250,000", "-5", "1e5", "$ 12", "1.250,00,00"] {
            assert!(nl(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn amounts_typed_the_english_way_parse() {
        let en = |text: &str| Money::parse_local("total", text, Currency::EUR, Language::En).map(|money| money.minor_units());
        assert_eq!(en("1,250.00"), Ok(125_000));
        assert_eq!(en("€1,250"), Ok(125_000));
        assert_eq!(en("€ 1250"), Ok(125_000));
        assert_eq!(en("1250.5"), Ok(125_050));
        assert_eq!(en("1,250,000"), Ok(125_000_000));
        assert_eq!(en("EUR 85"), Ok(8_500));
        assert!(en("1.250").is_err(), "a point before three digits is not an English thousands separator");
        let usd = Money::parse_local("total", "$1,250.99", Currency::USD, Language::En).unwrap();
        assert_eq!(usd.minor_units(), 125_099);
        assert!(Money::parse_local("total", "€ 5", Currency::USD, Language::En).is_err(), "another currency's sign");
    }

    #[test]
    fn amounts_are_shown_the_local_way() {
        let money = |minor: i64, currency| Money::from_minor_units("total", minor, currency).unwrap();
        assert_eq!(money(125_000, Currency::EUR).local(Language::Nl), "€\u{a0}1.250,00");
        assert_eq!(money(125_000, Currency::EUR).local(Language::En), "€1,250.00");
        assert_eq!(money(99, Currency::EUR).local(Language::Nl), "€\u{a0}0,99");
        assert_eq!(money(123_456_789, Currency::USD).local(Language::En), "$1,234,567.89");
        let swiss = money(100_000, Currency::parse("CHF").unwrap());
        assert_eq!(swiss.local(Language::Nl), "CHF\u{a0}1.000,00");
    }

    proptest! {
        #[test]
        fn local_amounts_parse_back_to_themselves(minor_units in 0i64..=10_000_000_000, dutch: bool) {
            let language = if dutch { Language::Nl } else { Language::En };
            let money = Money::from_minor_units("price", minor_units, Currency::EUR).unwrap();
            let parsed = Money::parse_local("price", &money.local(language), Currency::EUR, language).unwrap();
            prop_assert_eq!(parsed, money);
        }

        #[test]
        fn display_and_parse_round_trip(minor_units in 0i64..=10_000_000_000) {
            let money = Money::from_minor_units("price", minor_units, Currency::EUR).unwrap();
            let shown = money.to_string();
            let parsed = Money::parse("price", shown.trim_start_matches("EUR "), Currency::EUR).unwrap();
            prop_assert_eq!(parsed, money);
        }
    }
}
