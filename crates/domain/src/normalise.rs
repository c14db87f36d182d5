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

    /// An address this vault sealed and has opened again, taken as it was written (see
    /// `PersonName::from_stored`). Never for input.
    pub fn from_stored(address: String) -> EmailAddress {
        EmailAddress(address)
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

/// The shortest start of a name word that is indexed: one letter would match nearly everyone.
pub const NAME_PREFIX_MIN: usize = 2;
/// The longest: a longer start is found through this one and checked after decryption, so the
/// index does not spell out long words.
pub const NAME_PREFIX_MAX: usize = 6;

/// The starts of a name token that are indexed, in characters: from [`NAME_PREFIX_MIN`] up to
/// [`NAME_PREFIX_MAX`] or the whole token. "martinez" gives `ma`, `mar`, `mart`, `marti`,
/// `martin`; "de" gives `de`.
pub fn name_prefixes(token: &str) -> Vec<&str> {
    let ends: Vec<usize> = token.char_indices().map(|(at, c)| at + c.len_utf8()).collect();
    (NAME_PREFIX_MIN..=ends.len().min(NAME_PREFIX_MAX)).map(|n| &token[..ends[n - 1]]).collect()
}

/// The indexed start a searched word is looked up by (`None` for a word shorter than
/// [`NAME_PREFIX_MIN`]): the word itself, or its first [`NAME_PREFIX_MAX`] characters.
pub fn search_prefix(word: &str) -> Option<&str> {
    name_prefixes(word).pop()
}

/// Whether a name matches a search: every searched word starts a word of the name ("mart"
/// finds Martinez, "de vrie" finds de Vries).
pub fn name_matches(name_tokens: &[String], searched: &[String]) -> bool {
    searched.iter().all(|word| name_tokens.iter().any(|token| token.starts_with(word.as_str())))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn name_prefixes_run_from_two_to_six_characters() {
        assert_eq!(name_prefixes("martinez"), ["ma", "mar", "mart", "marti", "martin"]);
        assert_eq!(name_prefixes("de"), ["de"]);
        assert!(name_prefixes("a").is_empty());
        assert_eq!(name_prefixes("çelikö"), ["çe", "çel", "çeli", "çelik", "çelikö"], "by character, not byte");
        assert_eq!(search_prefix("martinez"), Some("martin"));
        assert_eq!(search_prefix("mar"), Some("mar"));
        assert_eq!(search_prefix("m"), None);
    }

    #[test]
    fn a_search_matches_the_starts_of_the_name_words() {
        let name = name_tokens("Sofia Martínez de Vries");
        let search = |text: &str| name_matches(&name, &name_tokens(text));
        assert!(search("Mart") && search("de vrie") && search("VRIES sof") && search("s m"));
        assert!(!search("artinez") && !search("de vriesje") && !search("martin luther"));
    }

    proptest! {
        #[test]
        fn every_token_matches_its_own_prefixes(name in "\\PC{0,40}") {
            let tokens = name_tokens(&name);
            for token in &tokens {
                for prefix in name_prefixes(token) {
                    prop_assert!(name_matches(&tokens, &[prefix.to_owned()]));
                    prop_assert!(token.starts_with(prefix));
                }
                if let Some(looked_up) = search_prefix(token) {
                    prop_assert!(name_prefixes(token).contains(&looked_up), "a searched word's prefix is always indexed");
                }
            }
        }
    }

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
