//! Bodies of the fuzz targets in `fuzz/` for the values people type or import: emails, phone
//! numbers, names and other text, amounts, card details. `cargo fuzz` explores them; the test
//! in `app/tests/it/fuzz_corpus.rs` replays the checked-in corpus on every `cargo test`.
//!
//! Each body panics only when a property fails: parsing never panics, a parsed value parses
//! again to itself, and no accepted text holds a card number.

use crate::{
    CardExpiry, Country, Currency, EmailAddress, FreeText, IdempotencyKey, LastFour, Money, PersonName, PhoneE164, PostalAddress,
    contains_card_number, name_tokens,
};

/// One line of what a person typed or an import held.
pub fn text_values(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(email) = EmailAddress::parse(&text) {
        let again = EmailAddress::parse(email.as_str()).map(|email| email.as_str().to_owned());
        assert_eq!(again.as_deref(), Ok(email.as_str()), "an email parses again to itself");
    }
    for country in ["NL", "DE", "US"] {
        let country = Country::parse(country).expect("a known country");
        if let Ok(phone) = PhoneE164::parse(&text, country) {
            let again = PhoneE164::parse(phone.as_str(), country).map(|phone| phone.as_str().to_owned());
            assert_eq!(again.as_deref(), Ok(phone.as_str()), "a phone number parses again to itself");
            assert!(phone.as_str().starts_with('+') && phone.as_str()[1..].bytes().all(|b| b.is_ascii_digit()));
        }
    }
    if let Ok(name) = PersonName::parse("name", &text) {
        assert!(!contains_card_number(name.as_str()), "a name holding a card number was accepted");
        assert_eq!(PersonName::parse("name", name.as_str()).map(|again| again.as_str().to_owned()).as_deref(), Ok(name.as_str()));
    }
    let free_text = [
        FreeText::parse("notes", &text).map(|t| t.as_str().to_owned()),
        PostalAddress::parse("address", &text).map(|t| t.as_str().to_owned()),
    ];
    for value in free_text.into_iter().flatten() {
        assert!(!contains_card_number(&value), "free text holding a card number was accepted");
    }
    // The same text with a card number in it is refused, however it was written.
    for card in ["4111 1111 1111 1111", "4111-1111-1111-1111", "5500005555555559"] {
        let with_card = format!("{text} {card}");
        assert!(FreeText::parse("notes", &with_card).is_err(), "free text with a card number was accepted");
        assert!(PersonName::parse("name", &with_card).is_err(), "a name with a card number was accepted");
    }
    let tokens = name_tokens(&text);
    assert_eq!(name_tokens(&tokens.join(" ")), tokens, "name tokens are idempotent");
    if let Ok(money) = Money::parse("total", &text, Currency::EUR) {
        let spelled = format!("{}.{:02}", money.minor_units() / 100, money.minor_units() % 100);
        let again = Money::parse("total", &spelled, Currency::EUR).map(|again| again.minor_units());
        assert_eq!(again.ok(), Some(money.minor_units()), "an amount parses again from its own spelling");
    }
    let _ = (CardExpiry::parse(&text), LastFour::parse(&text), IdempotencyKey::parse(&text), Currency::parse(&text));
}
