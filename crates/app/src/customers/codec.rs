//! How structured values are written as the plaintext of a sealed field, and read back.
//!
//! The format is deliberately small and line-based: one record per line, parts separated by
//! tabs. Every part is a domain value whose type forbids tabs and line breaks (one-line text,
//! enum names, numbers), so no escaping is needed. Decoding checks the shape (the parts, the
//! numbers, the enum names) and reports a value that does not decode as damage; the text parts
//! are taken as they were written, like every sealed text field (see `sealing.rs`).

use strongroom_domain::{
    CardBrand, CardExpiry, ConsentChannel, Currency, LastFour, MarketingConsent, Money, PaymentReference, ProcessorToken, PurchaseItem,
    ShortText, parse_date,
};
use time::{Date, OffsetDateTime};

use crate::AppError;

const SEPARATOR: char = '\t';

fn text(bytes: &[u8]) -> Result<&str, AppError> {
    std::str::from_utf8(bytes).map_err(|_| AppError::corrupt("a sealed value is not UTF-8"))
}

fn damaged(what: &str) -> AppError {
    AppError::corrupt(format!("a sealed {what} does not parse"))
}

pub(crate) fn encode_date(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}

pub(crate) fn decode_date(bytes: &[u8]) -> Result<Date, AppError> {
    parse_date("date", text(bytes)?).map_err(|_| damaged("date"))
}

pub(crate) fn encode_money(money: Money) -> String {
    format!("{}{SEPARATOR}{}", money.minor_units(), money.currency())
}

pub(crate) fn decode_money(bytes: &[u8]) -> Result<Money, AppError> {
    let (minor, currency) = text(bytes)?.split_once(SEPARATOR).ok_or_else(|| damaged("amount"))?;
    let minor: i64 = minor.parse().map_err(|_| damaged("amount"))?;
    let currency = Currency::parse(currency).map_err(|_| damaged("amount"))?;
    Money::from_minor_units("amount", minor, currency).map_err(|_| damaged("amount"))
}

fn short(part: &str, what: &str) -> Result<ShortText, AppError> {
    if part.is_empty() { Err(damaged(what)) } else { Ok(ShortText::from_stored(part.to_owned())) }
}

fn optional_short(part: &str, what: &str) -> Result<Option<ShortText>, AppError> {
    if part.is_empty() { Ok(None) } else { short(part, what).map(Some) }
}

fn optional_str(value: &Option<ShortText>) -> &str {
    value.as_ref().map_or("", ShortText::as_str)
}

pub(crate) fn encode_consents(consents: &[MarketingConsent]) -> String {
    consents
        .iter()
        .map(|consent| {
            format!(
                "{}{SEPARATOR}{}{SEPARATOR}{}{SEPARATOR}{}",
                consent.channel.as_str(),
                u8::from(consent.granted),
                consent.wording_version.as_str(),
                consent.recorded_at.unix_timestamp_nanos() / 1000,
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub(crate) fn decode_consents(bytes: &[u8]) -> Result<Vec<MarketingConsent>, AppError> {
    let what = "marketing consent";
    text(bytes)?
        .lines()
        .map(|line| {
            let parts: Vec<&str> = line.split(SEPARATOR).collect();
            let [channel, granted, wording, at] = parts.as_slice() else { return Err(damaged(what)) };
            let micros: i128 = at.parse().map_err(|_| damaged(what))?;
            Ok(MarketingConsent {
                channel: ConsentChannel::parse(channel).map_err(|_| damaged(what))?,
                granted: match *granted {
                    "1" => true,
                    "0" => false,
                    _ => return Err(damaged(what)),
                },
                wording_version: short(wording, what)?,
                recorded_at: OffsetDateTime::from_unix_timestamp_nanos(micros * 1000).map_err(|_| damaged(what))?,
            })
        })
        .collect()
}

/// One line per item: description, metal, stones, certificate and price in minor units (in the
/// sale's currency), separated by tabs; lines sealed before items had prices have four parts.
pub(crate) fn encode_items(items: &[PurchaseItem]) -> String {
    items
        .iter()
        .map(|item| {
            format!(
                "{}{SEPARATOR}{}{SEPARATOR}{}{SEPARATOR}{}{SEPARATOR}{}",
                item.description.as_str(),
                optional_str(&item.metal),
                optional_str(&item.stones),
                optional_str(&item.certificate_number),
                item.price.map(|price| price.minor_units().to_string()).unwrap_or_default(),
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub(crate) fn decode_items(bytes: &[u8], currency: Currency) -> Result<Vec<PurchaseItem>, AppError> {
    let what = "purchase item";
    text(bytes)?
        .lines()
        .map(|line| {
            let parts: Vec<&str> = line.split(SEPARATOR).collect();
            let (description, metal, stones, certificate, price) = match parts.as_slice() {
                [description, metal, stones, certificate] => (description, metal, stones, certificate, ""),
                [description, metal, stones, certificate, price] => (description, metal, stones, certificate, *price),
                _ => return Err(damaged(what)),
            };
            let price = if price.is_empty() {
                None
            } else {
                let minor: i64 = price.parse().map_err(|_| damaged(what))?;
                Some(Money::from_minor_units("price", minor, currency).map_err(|_| damaged(what))?)
            };
            Ok(PurchaseItem {
                description: short(description, what)?,
                metal: optional_short(metal, what)?,
                stones: optional_short(stones, what)?,
                certificate_number: optional_short(certificate, what)?,
                price,
            })
        })
        .collect()
}

pub(crate) fn encode_payment(payment: &PaymentReference) -> String {
    format!(
        "{}{SEPARATOR}{}{SEPARATOR}{}{SEPARATOR}{}",
        payment.processor_token.as_str(),
        payment.brand.as_str(),
        payment.last_four.as_str(),
        payment.expiry.map(|expiry| expiry.to_string()).unwrap_or_default(),
    )
}

pub(crate) fn decode_payment(bytes: &[u8]) -> Result<PaymentReference, AppError> {
    let what = "payment reference";
    let parts: Vec<&str> = text(bytes)?.split(SEPARATOR).collect();
    let [token, brand, last_four, expiry] = parts.as_slice() else { return Err(damaged(what)) };
    Ok(PaymentReference {
        processor_token: ProcessorToken::parse(token).map_err(|_| damaged(what))?,
        brand: CardBrand::parse(brand).map_err(|_| damaged(what))?,
        last_four: LastFour::parse(last_four).map_err(|_| damaged(what))?,
        expiry: if expiry.is_empty() { None } else { Some(CardExpiry::parse(expiry).map_err(|_| damaged(what))?) },
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn short_text() -> impl Strategy<Value = ShortText> {
        "[a-zA-Z0-9ëü.,' -]{0,30}[a-zA-Z]".prop_map(|text| ShortText::parse("t", &text).unwrap())
    }

    fn item() -> impl Strategy<Value = PurchaseItem> {
        let price =
            proptest::option::of((0i64..10_000_000_000).prop_map(|minor| Money::from_minor_units("price", minor, Currency::EUR).unwrap()));
        (short_text(), proptest::option::of(short_text()), proptest::option::of(short_text()), proptest::option::of(short_text()), price)
            .prop_map(|(description, metal, stones, certificate_number, price)| PurchaseItem {
                description,
                metal,
                stones,
                certificate_number,
                price,
            })
    }

    fn consent() -> impl Strategy<Value = MarketingConsent> {
        (0usize..4, any::<bool>(), short_text(), 0i64..4_000_000_000_000_000).prop_map(|(channel, granted, wording, micros)| {
            MarketingConsent {
                channel: ConsentChannel::ALL[channel],
                granted,
                wording_version: wording,
                recorded_at: OffsetDateTime::from_unix_timestamp_nanos(i128::from(micros) * 1000).unwrap(),
            }
        })
    }

    proptest! {
        #[test]
        fn items_round_trip(items in proptest::collection::vec(item(), 1..6)) {
            prop_assert_eq!(decode_items(encode_items(&items).as_bytes(), Currency::EUR).unwrap(), items);
        }

        #[test]
        fn consents_round_trip(consents in proptest::collection::vec(consent(), 0..4)) {
            prop_assert_eq!(decode_consents(encode_consents(&consents).as_bytes()).unwrap(), consents);
        }

        #[test]
        fn money_round_trips(minor in 0i64..10_000_000_000) {
            let money = Money::from_minor_units("m", minor, Currency::EUR).unwrap();
            prop_assert_eq!(decode_money(encode_money(money).as_bytes()).unwrap(), money);
        }

        #[test]
        fn decoding_garbage_is_an_error_not_a_panic(bytes in proptest::collection::vec(any::<u8>(), 0..80)) {
            let _ = decode_items(&bytes, Currency::EUR);
            let _ = decode_consents(&bytes);
            let _ = decode_payment(&bytes);
            let _ = decode_money(&bytes);
            let _ = decode_date(&bytes);
        }
    }

    #[test]
    fn items_sealed_before_they_had_prices_still_open() {
        let items = decode_items("Ring\t18k gold\t\tGIA 123\nChain\t\t\t".as_bytes(), Currency::EUR).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].certificate_number.as_ref().map(ShortText::as_str), Some("GIA 123"));
        assert!(items.iter().all(|item| item.price.is_none()));
    }

    #[test]
    fn payments_round_trip_with_and_without_expiry() {
        for expiry in [None, Some(CardExpiry::parse("09/28").unwrap())] {
            let payment = PaymentReference {
                processor_token: ProcessorToken::parse("tok_abc123").unwrap(),
                brand: CardBrand::Visa,
                last_four: LastFour::parse("4242").unwrap(),
                expiry,
            };
            assert_eq!(decode_payment(encode_payment(&payment).as_bytes()).unwrap(), payment);
        }
    }
}
