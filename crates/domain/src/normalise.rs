//! Email addresses and name tokens: the values blind indexes are computed over.
//!
//! A blind index only finds what was normalised the same way on the way in and on the way out,
//! so these functions are the single definition of "the same email" and "the same name".

use std::fmt;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::{DomainError, contains_card_number};

const FIELD_EMAIL: &str = "email";

/// An email address that passed a pragmatic syntax check (RFC 5321 limits, a dotted domain).
///
/// The address is kept as typed (trimmed); [`EmailAddress::normalised`] is the lookup form.
#[derive(Clone, PartialEq, Eq)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(input: &str) -> Result<EmailAddress, DomainError> {
        let address = input.trim();
        let invalid = |reason: &str| DomainError::invalid(FIELD_EMAIL, reason);
        if address.is_empty() {
            return Err(invalid("must not be empty"));
        }
        // RFC 5321 4.5.3.1: a path is at most 256 octets, so an address at most 254.
        if address.len() > 254 {
            return Err(invalid("is longer than 254 bytes"));
        }
        let Some((local, domain)) = address.rsplit_once('@') else {
            return Err(invalid("is not an email address (no @)"));
        };
        if local.is_empty() || local.len() > 64 {
            return Err(invalid("the part before @ must be 1 to 64 bytes"));
        }
        let local_ok = local.chars().all(|c| !c.is_whitespace() && !c.is_control() && !"()<>[]\\,;:@\"".contains(c));
        if !local_ok || local.starts_with('.') || local.ends_with('.') || local.contains("..") {
            return Err(invalid("the part before @ contains characters an address cannot have"));
        }
        let labels: Vec<&str> = domain.split('.').collect();
        if labels.len() < 2 {
            return Err(invalid("the domain after @ needs a dot, as in example.com"));
        }
        let label_ok = |label: &str| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        };
        if !labels.iter().all(|label| label_ok(label)) {
            return Err(invalid("the domain after @ is not a valid domain name"));
        }
        if labels.last().is_some_and(|tld| tld.chars().all(|c| c.is_ascii_digit())) {
            return Err(invalid("the domain after @ is not a valid domain name"));
        }
        if contains_card_number(address) {
            return Err(DomainError::CardNumber { field: FIELD_EMAIL });
        }
        Ok(EmailAddress(address.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The lookup form: trimmed and lower-cased as a whole. Mail servers may treat the local
    /// part case-sensitively, but no shop has two customers who differ only in case.
    pub fn normalised(&self) -> String {
        self.0.to_lowercase()
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("EmailAddress(<redacted>)")
    }
}

/// Folds letters that Unicode decomposition leaves alone to their usual ASCII spelling,
/// so "Straße" finds "Strasse" and "Søren" finds "Soren".
fn fold_letter(c: char, out: &mut String) {
    match c {
        'ß' => out.push_str("ss"),
        'æ' => out.push_str("ae"),
        'œ' => out.push_str("oe"),
        'ø' => out.push('o'),
        'đ' | 'ð' => out.push('d'),
        'ł' => out.push('l'),
        'þ' => out.push_str("th"),
        'ı' => out.push('i'),
        other => out.push(other),
    }
}

/// The search tokens of a name: Unicode-normalised (NFKD), accents removed, case-folded,
/// split at anything that is not a letter or digit, without duplicates, in first-seen order.
///
/// "Zoë van der Berg-Çelik" gives `zoe`, `van`, `der`, `berg`, `celik`.
pub fn name_tokens(name: &str) -> Vec<String> {
    let mut folded = String::with_capacity(name.len());
    for c in name.nfkd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase) {
        fold_letter(c, &mut folded);
    }
    let mut tokens: Vec<String> = Vec::new();
    for token in folded.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()) {
        if !tokens.iter().any(|seen| seen == token) {
            tokens.push(token.to_owned());
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn email_lookup_form_is_trimmed_and_lower_cased() {
        let email = EmailAddress::parse("  Anna.Jansen@Example.NL ").unwrap();
        assert_eq!(email.as_str(), "Anna.Jansen@Example.NL");
        assert_eq!(email.normalised(), "anna.jansen@example.nl");
    }

    #[test]
    fn malformed_emails_are_refused_with_a_reason() {
        for bad in [
            "",
            "anna",
            "anna@",
            "@example.nl",
            "anna@example",
            "an na@example.nl",
            "anna@exa_mple.nl",
            "anna..j@example.nl",
            "anna@-example.nl",
            "anna@example.123",
        ] {
            let error = EmailAddress::parse(bad).unwrap_err();
            assert_eq!(error.field(), "email", "{bad}");
        }
        assert!(EmailAddress::parse("jürgen@müller.de").is_ok());
        assert!(EmailAddress::parse("o'brien+rings@example.co.uk").is_ok());
    }

    #[test]
    fn name_tokens_fold_accents_case_and_special_letters() {
        assert_eq!(name_tokens("Zoë van der Berg-Çelik"), ["zoe", "van", "der", "berg", "celik"]);
        assert_eq!(name_tokens("STRAẞE Straße"), ["strasse"]);
        assert_eq!(name_tokens("Søren Łukasz Ærø"), ["soren", "lukasz", "aero"]);
        assert_eq!(name_tokens("ＡＮＮＡ"), ["anna"]);
        assert_eq!(name_tokens(" - "), Vec::<String>::new());
    }

    proptest! {
        #[test]
        fn name_tokens_are_idempotent(name in "\\PC{0,60}") {
            let once = name_tokens(&name);
            let again = name_tokens(&once.join(" "));
            prop_assert_eq!(once, again);
        }

        #[test]
        fn name_tokens_ignore_case_and_surrounding_space(name in "[a-zA-ZéèöüçñÉÖ ]{0,40}") {
            prop_assert_eq!(name_tokens(&name), name_tokens(&format!("  {} ", name.to_uppercase())));
        }

        #[test]
        fn name_tokens_are_case_folded_letters_and_digits(name in "\\PC{0,60}") {
            for token in name_tokens(&name) {
                prop_assert!(!token.is_empty());
                prop_assert!(token.chars().all(char::is_alphanumeric));
                prop_assert_eq!(token.to_lowercase(), token.clone());
            }
        }

        #[test]
        fn parsed_emails_normalise_idempotently(
            local in "[a-zA-Z0-9._+-]{1,20}", domain in "[a-zA-Z0-9]{1,10}", tld in "[a-zA-Z]{2,6}"
        ) {
            let input = format!("{local}@{domain}.{tld}");
            if let Ok(email) = EmailAddress::parse(&input) {
                let again = EmailAddress::parse(&email.normalised()).unwrap();
                prop_assert_eq!(again.normalised(), email.normalised());
            }
        }
    }
}
