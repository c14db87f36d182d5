//! Phone numbers in E.164 form (ITU-T E.164: "+", country code, at most 15 digits in all).
//!
//! Staff type numbers the way the customer said them ("06-12345678", "0049 30 1234567",
//! "(555) 010-4477"); the shop's default country decides what a national number means.
//! The stored and indexed form is always E.164, so "+31612345678" and "06 12 34 56 78" entered
//! in a Dutch shop are the same number for lookup.

use std::fmt;

use crate::{DomainError, contains_card_number};

const FIELD_PHONE: &str = "phone";

/// A country the shop can be in, with what its phone numbers need.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Country {
    code: &'static str,
    calling_code: &'static str,
    /// The national trunk prefix dropped in international form ("0" in most of Europe).
    trunk_prefix: Option<char>,
    /// National significant number length range (without trunk prefix), from the ITU-T
    /// national numbering plans; used to catch a digit too many or too few.
    national_digits: (usize, usize),
    name: &'static str,
}

const COUNTRIES: &[Country] = &[
    Country { code: "NL", calling_code: "31", trunk_prefix: Some('0'), national_digits: (9, 9), name: "Netherlands" },
    Country { code: "BE", calling_code: "32", trunk_prefix: Some('0'), national_digits: (8, 9), name: "Belgium" },
    Country { code: "DE", calling_code: "49", trunk_prefix: Some('0'), national_digits: (6, 13), name: "Germany" },
    Country { code: "FR", calling_code: "33", trunk_prefix: Some('0'), national_digits: (9, 9), name: "France" },
    Country { code: "LU", calling_code: "352", trunk_prefix: None, national_digits: (4, 11), name: "Luxembourg" },
    Country { code: "GB", calling_code: "44", trunk_prefix: Some('0'), national_digits: (9, 10), name: "United Kingdom" },
    Country { code: "IE", calling_code: "353", trunk_prefix: Some('0'), national_digits: (7, 9), name: "Ireland" },
    Country { code: "AT", calling_code: "43", trunk_prefix: Some('0'), national_digits: (4, 13), name: "Austria" },
    Country { code: "CH", calling_code: "41", trunk_prefix: Some('0'), national_digits: (9, 9), name: "Switzerland" },
    Country { code: "DK", calling_code: "45", trunk_prefix: None, national_digits: (8, 8), name: "Denmark" },
    Country { code: "SE", calling_code: "46", trunk_prefix: Some('0'), national_digits: (7, 13), name: "Sweden" },
    Country { code: "NO", calling_code: "47", trunk_prefix: None, national_digits: (8, 8), name: "Norway" },
    Country { code: "FI", calling_code: "358", trunk_prefix: Some('0'), national_digits: (5, 12), name: "Finland" },
    Country { code: "ES", calling_code: "34", trunk_prefix: None, national_digits: (9, 9), name: "Spain" },
    Country { code: "IT", calling_code: "39", trunk_prefix: None, national_digits: (6, 11), name: "Italy" },
    Country { code: "PT", calling_code: "351", trunk_prefix: None, national_digits: (9, 9), name: "Portugal" },
    Country { code: "PL", calling_code: "48", trunk_prefix: None, national_digits: (9, 9), name: "Poland" },
    Country { code: "US", calling_code: "1", trunk_prefix: Some('1'), national_digits: (10, 10), name: "United States" },
    Country { code: "CA", calling_code: "1", trunk_prefix: Some('1'), national_digits: (10, 10), name: "Canada" },
];

impl Country {
    /// Parses an ISO 3166-1 alpha-2 code of a country Strongroom knows the numbering plan of.
    pub fn parse(code: &str) -> Result<Country, DomainError> {
        let wanted = code.trim().to_ascii_uppercase();
        COUNTRIES.iter().copied().find(|country| country.code == wanted).ok_or_else(|| {
            let known: Vec<&str> = COUNTRIES.iter().map(|country| country.code).collect();
            DomainError::invalid("country", format!("unknown country code; known: {}", known.join(", ")))
        })
    }

    pub fn code(&self) -> &'static str {
        self.code
    }

    pub fn name(&self) -> &'static str {
        self.name
    }

    pub fn all() -> &'static [Country] {
        COUNTRIES
    }
}

impl fmt::Debug for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Country({})", self.code)
    }
}

/// A phone number in E.164 form, such as `+31612345678`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PhoneE164(String);

impl PhoneE164 {
    /// A number this vault sealed and has opened again, taken as it was written (see
    /// `PersonName::from_stored`): it was put in E.164 form then, whatever the shop's country
    /// is now. Never for input.
    pub fn from_stored(number: String) -> PhoneE164 {
        PhoneE164(number)
    }

    /// Parses a number as typed; a number without "+" or "00" is national to `default_country`.
    pub fn parse(input: &str, default_country: Country) -> Result<PhoneE164, DomainError> {
        let invalid = |reason: &str| DomainError::invalid(FIELD_PHONE, reason);
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(invalid("must not be empty"));
        }
        if PhoneE164::holds_card_number(trimmed) {
            return Err(DomainError::CardNumber { field: FIELD_PHONE });
        }
        let (international, rest) = match trimmed.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, trimmed),
        };
        // "+31 (0)6 1234 5678": the bracketed trunk prefix is dialled only from inside the country.
        let without_trunk_hint;
        let rest = if international || rest.starts_with("00") {
            without_trunk_hint = rest.replacen("(0)", "", 1);
            without_trunk_hint.as_str()
        } else {
            rest
        };
        let mut digits = String::with_capacity(rest.len());
        for c in rest.chars() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '-' | '.' | '(' | ')' | '/' | '\u{a0}' => {}
                _ => return Err(invalid("may hold only digits, spaces, dashes, dots, brackets and a leading +")),
            }
        }
        let e164_digits = if international {
            digits
        } else if let Some(after_prefix) = digits.strip_prefix("00") {
            // "00" is the international call prefix in Europe and most of the world.
            after_prefix.to_owned()
        } else if default_country.calling_code == "1" && digits.len() == 11 && digits.starts_with('1') {
            // North America writes "1 555 010 4477" for a long-distance call.
            digits
        } else {
            let national = match default_country.trunk_prefix {
                Some(prefix) if default_country.calling_code != "1" => digits.strip_prefix(prefix).unwrap_or(&digits),
                _ => &digits,
            };
            let (min, max) = default_country.national_digits;
            if national.len() < min || national.len() > max {
                return Err(invalid(&format!(
                    "a {} number has {} digits after the trunk prefix",
                    default_country.name,
                    if min == max { min.to_string() } else { format!("{min} to {max}") },
                )));
            }
            format!("{}{national}", default_country.calling_code)
        };
        if e164_digits.starts_with('0') {
            return Err(invalid("a country calling code never starts with 0"));
        }
        // E.164: at most 15 digits; no country's numbers are shorter than 7 in all.
        if !(7..=15).contains(&e164_digits.len()) {
            return Err(invalid("an international number has 7 to 15 digits"));
        }
        if let Some(country) = COUNTRIES.iter().find(|c| c.calling_code != "1" && e164_digits.starts_with(c.calling_code)) {
            let national_len = e164_digits.len() - country.calling_code.len();
            let (min, max) = country.national_digits;
            if national_len < min || national_len > max {
                return Err(invalid(&format!("has the wrong number of digits for a {} number", country.name)));
            }
        }
        Ok(PhoneE164(format!("+{e164_digits}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether what was typed into a phone field is a card number rather than a phone number.
    ///
    /// A number written nationally is at most 13 digits and, where it is that long (Germany,
    /// Austria, Sweden), begins with the trunk prefix 0, which no card number does: so a card
    /// number typed there is always refused, and a real national number almost never is (only one
    /// typed without its trunk prefix, 13 digits long, that happens to pass the Luhn check). A number
    /// written in international form ("+", which nobody puts before a card number) is taken as a
    /// phone number up to E.164's 15 digits: German, Austrian, Swedish, Argentinian and Brazilian
    /// mobile numbers are 13 digits in that form with a card network's first digit, and one in ten
    /// passes the Luhn check, so the guard would refuse about one in twenty of them. Beyond 15 digits
    /// it cannot be a phone number, and a card number there is named as one.
    pub fn holds_card_number(typed: &str) -> bool {
        if !typed.starts_with('+') {
            return contains_card_number(typed);
        }
        let n_digits = typed.chars().filter(|c| crate::card::decimal_digit_value(*c).is_some()).count();
        n_digits > 15 && contains_card_number(typed)
    }
}

impl fmt::Display for PhoneE164 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for PhoneE164 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PhoneE164(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn nl() -> Country {
        Country::parse("nl").unwrap()
    }

    #[test]
    fn the_ways_people_write_a_dutch_mobile_number_are_one_number() {
        for typed in [
            "06-12345678",
            "06 12 34 56 78",
            "+31 6 12345678",
            "0031612345678",
            "(06) 1234 5678",
            "+31 (0)6 12345678",
            "0031 (0)6-12345678",
        ] {
            assert_eq!(PhoneE164::parse(typed, nl()).unwrap().as_str(), "+31612345678", "{typed}");
        }
    }

    #[test]
    fn the_default_country_decides_national_numbers() {
        let de = Country::parse("DE").unwrap();
        assert_eq!(PhoneE164::parse("030 1234567", de).unwrap().as_str(), "+49301234567");
        let us = Country::parse("US").unwrap();
        assert_eq!(PhoneE164::parse("(555) 010-4477", us).unwrap().as_str(), "+15550104477");
        assert_eq!(PhoneE164::parse("1 555 010 4477", us).unwrap().as_str(), "+15550104477");
        // An international number is the same whatever the shop's country.
        assert_eq!(PhoneE164::parse("+44 20 7946 0958", us).unwrap().as_str(), "+442079460958");
        assert_eq!(PhoneE164::parse("+44 (0)20 7946 0958", us).unwrap().as_str(), "+442079460958");
    }

    #[test]
    fn impossible_numbers_are_refused() {
        for bad in ["", "06-1234567", "06-123456789", "call me", "+0123456789", "+1234567890123456", "06 1234 567x"] {
            let error = PhoneE164::parse(bad, nl()).unwrap_err();
            assert_eq!(error.field(), "phone", "{bad}");
        }
    }

    #[test]
    fn a_card_number_in_the_phone_field_is_named_as_one() {
        let de = Country::parse("DE").unwrap();
        // A 13-digit Visa test number would pass as a German national number.
        for typed in ["4222222222222", "4222 2222 22222", "378282246310005", "+4111 1111 1111 1111", "4111\u{200b}1111111111111111"] {
            assert_eq!(PhoneE164::parse(typed, de), Err(DomainError::CardNumber { field: "phone" }), "{typed}");
        }
        // Real numbers: national ones start with the trunk prefix; international ones keep their +.
        for typed in ["0151 12345678", "+49 151 12345678", "+49 1511 2345678", "0049 151 12345678"] {
            assert!(PhoneE164::parse(typed, de).is_ok(), "{typed}");
        }
    }

    #[test]
    fn unknown_countries_list_the_known_ones() {
        let error = Country::parse("XX").unwrap_err();
        assert!(error.to_string().contains("NL"), "{error}");
    }

    proptest! {
        #[test]
        fn parsing_is_idempotent_on_the_e164_form(typed in "[+0-9 ()-]{0,24}") {
            if let Ok(phone) = PhoneE164::parse(&typed, nl()) {
                let again = PhoneE164::parse(phone.as_str(), nl()).unwrap();
                prop_assert_eq!(again, phone);
            }
        }

        #[test]
        fn separators_never_change_the_number(digits in "[1-9][0-9]{8}", cuts in proptest::collection::vec(0usize..9, 0..4)) {
            let mut typed = format!("0{digits}");
            for cut in cuts {
                typed.insert(cut.min(typed.len()), ' ');
            }
            let phone = PhoneE164::parse(&typed, nl()).unwrap();
            prop_assert_eq!(phone.as_str(), format!("+31{digits}"));
        }

        #[test]
        fn e164_form_is_plus_and_7_to_15_digits(typed in "\\PC{0,30}") {
            if let Ok(phone) = PhoneE164::parse(&typed, nl()) {
                let digits = &phone.as_str()[1..];
                prop_assert!(phone.as_str().starts_with('+'));
                prop_assert!((7..=15).contains(&digits.len()));
                prop_assert!(digits.bytes().all(|b| b.is_ascii_digit()));
            }
        }
    }
}
