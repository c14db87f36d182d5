//! Text values with limits: names, short labels, addresses and free-text notes.
//!
//! Every constructor trims, refuses control characters, enforces a length limit (counted in
//! characters, so a Dutch or Polish name is not cut short by its accents) and runs the
//! card-number guard. The rejected text is never echoed in the error.

use std::fmt;

use crate::{DomainError, contains_card_number};

/// Checks shared by every text type. `multi_line` allows newlines and tabs.
pub(crate) fn parse_text(field: &'static str, input: &str, max_chars: usize, multi_line: bool) -> Result<String, DomainError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(DomainError::invalid(field, "must not be empty"));
    }
    let n_chars = trimmed.chars().count();
    if n_chars > max_chars {
        return Err(DomainError::invalid(field, format!("is {n_chars} characters long; at most {max_chars} are allowed")));
    }
    let allowed_control = |c: char| multi_line && matches!(c, '\n' | '\t' | '\r');
    if trimmed.chars().any(|c| c.is_control() && !allowed_control(c)) {
        let what = if multi_line { "control characters" } else { "line breaks or control characters" };
        return Err(DomainError::invalid(field, format!("must not contain {what}")));
    }
    if contains_card_number(trimmed) {
        return Err(DomainError::CardNumber { field });
    }
    Ok(trimmed.to_owned())
}

macro_rules! text_type {
    ($(#[$doc:meta])* $name:ident, max_chars = $max:expr, multi_line = $multi:expr) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq)]
        pub struct $name(String);

        impl $name {
            pub const MAX_CHARS: usize = $max;

            pub fn parse(field: &'static str, input: &str) -> Result<$name, DomainError> {
                parse_text(field, input, $max, $multi).map($name)
            }

            /// A value this vault sealed and has opened again, taken as it was written: the
            /// seal's tag (bound to the record and field) proves it is the text that passed
            /// [`Self::parse`] then. A rule added to `parse` later applies to text typed from then
            /// on, and does not make a stored record unreadable. Never for input.
            pub fn from_stored(text: String) -> $name {
                $name(text)
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        // Personal data: Debug shows only the length, so a stray `{:?}` in a log leaks nothing.
        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}(<{} chars>)", stringify!($name), self.0.chars().count())
            }
        }
    };
}

text_type!(
    /// A person's name as they want it written: any script, one line, up to 200 characters.
    PersonName, max_chars = 200, multi_line = false
);
text_type!(
    /// A short one-line label: a ring size, a metal, a transaction reference.
    ShortText, max_chars = 200, multi_line = false
);
text_type!(
    /// A postal address; lines may be separated by newlines.
    PostalAddress, max_chars = 500, multi_line = true
);
text_type!(
    /// Free text written by staff: notes, engraving, intake descriptions.
    FreeText, max_chars = 4000, multi_line = true
);

impl PostalAddress {
    /// The town, as far as an address written the usual European way says it: its last part
    /// (after the last comma or line break) without the postal code before it. "Kneuterdijk 20,
    /// 2514 EN Den Haag" gives "Den Haag"; "10 Downing Street, London SW1A 2AA" gives "London".
    /// For telling two namesakes apart in a list, never for posting anything.
    pub fn town(&self) -> Option<&str> {
        let last = self.as_str().rsplit([',', '\n']).map(str::trim).find(|part| !part.is_empty())?;
        // Each word with where it starts in `last`.
        let words: Vec<(usize, &str)> =
            last.split_whitespace().map(|word| (word.as_ptr() as usize - last.as_ptr() as usize, word)).collect();
        let has_digit = |at: usize| words[at].1.chars().any(|c| c.is_ascii_digit());
        let is_suffix = |at: usize| words[at].1.len() == 2 && words[at].1.chars().all(|c| c.is_ascii_uppercase());
        // A postal code before the town (NL "2514 EN", DE "10117", FR "75001")…
        let mut start = 0;
        while start < words.len() && has_digit(start) {
            start += 1;
            if start < words.len() && is_suffix(start) {
                start += 1;
            }
        }
        // …or after it (UK "SW1A 2AA").
        let end = (start..words.len()).find(|&at| has_digit(at)).unwrap_or(words.len());
        if start >= end {
            return None;
        }
        let (first, last_word) = (words[start], words[end - 1]);
        Some(&last[first.0..last_word.0 + last_word.1.len()])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_town_is_read_from_the_end_of_an_address() {
        let town = |address: &str| PostalAddress::parse("address", address).unwrap().town().map(str::to_owned);
        assert_eq!(town("Kneuterdijk 20, 2514 EN Den Haag").as_deref(), Some("Den Haag"));
        assert_eq!(town("Prinsengracht 263\n1016 GV Amsterdam").as_deref(), Some("Amsterdam"));
        assert_eq!(town("Unter den Linden 1, 10117 Berlin").as_deref(), Some("Berlin"));
        assert_eq!(town("10 Downing Street, London SW1A 2AA").as_deref(), Some("London"));
        assert_eq!(town("Utrecht").as_deref(), Some("Utrecht"));
        assert_eq!(town("Kalverstraat 1, 1012 NX").as_deref(), None);
    }

    #[test]
    fn names_in_any_script_are_kept_as_written() {
        for name in ["Zoë van der Berg-Çelik", "Łukasz Żółkiewski", "山田 花子", "O'Brien"] {
            assert_eq!(PersonName::parse("name", &format!("  {name} ")).unwrap().as_str(), name);
        }
    }

    #[test]
    fn limits_are_counted_in_characters_and_the_value_is_not_echoed() {
        let long = "é".repeat(201);
        let error = PersonName::parse("name", &long).unwrap_err();
        assert_eq!(error.to_string(), "name: is 201 characters long; at most 200 are allowed");
        assert!(PersonName::parse("name", &"é".repeat(200)).is_ok());
    }

    #[test]
    fn one_line_types_refuse_line_breaks_and_notes_accept_them() {
        assert!(PersonName::parse("name", "Anna\nJansen").is_err());
        assert!(FreeText::parse("notes", "line one\nline two").is_ok());
        assert!(FreeText::parse("notes", "bell\u{7}").is_err());
        assert!(PersonName::parse("name", "   ").is_err());
    }

    #[test]
    fn card_numbers_are_refused_with_the_field_named_and_the_number_withheld() {
        let error = FreeText::parse("engraving", "For Anna 4111 1111 1111 1111").unwrap_err();
        assert_eq!(error, DomainError::CardNumber { field: "engraving" });
        assert!(!error.to_string().contains("4111"));
        assert!(error.to_string().contains("last four digits"));
    }

    #[test]
    fn debug_output_hides_the_value() {
        let name = PersonName::parse("name", "Anna Jansen").unwrap();
        assert_eq!(format!("{name:?}"), "PersonName(<11 chars>)");
    }
}
