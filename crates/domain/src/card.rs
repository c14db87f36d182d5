//! The card-number guard: refuse any text that contains a payment card number (PAN).
//!
//! PCI DSS forbids a merchant to keep a full card number anywhere, and staff do paste them into
//! notes and engraving fields. Every free-text value passes through [`contains_card_number`]
//! when it is parsed, so a PAN can never reach storage, an import or a log.

use unicode_normalization::UnicodeNormalization;

/// Characters people put between digit groups of a card number: spaces of every kind (office
/// suites insert no-break and narrow no-break spaces), dashes, dots and slashes.
fn is_digit_separator(c: char) -> bool {
    (c.is_whitespace() && c != '\n' && c != '\r') || matches!(c, '-' | '.' | '/' | '_' | '\u{2010}'..='\u{2015}')
}

/// At most this many separator characters in a row still join two digit groups
/// ("4111 - 1111", "4111  1111").
const MAX_SEPARATOR_RUN: usize = 3;

/// Whether `text` contains a Luhn-valid run of 13 to 19 digits that could be a card number.
///
/// The text is NFKC-normalised first, so full-width digits count as digits. Digit groups may be
/// joined by up to three separator characters ("4111 1111 1111 1111", "4111.1111.1111.1111",
/// "4111 - 1111 - 1111 - 1111"). A run of 13–19 digits is checked whole; where groups are written,
/// every stretch of whole groups of 13–19 digits is checked too, since a card number can stand
/// beside other groups ("order 12 4111 1111 1111 1111 2027"); and any single group of more than
/// 19 digits is checked at every offset, as a PAN may be glued to other digits there. Checking
/// every offset of every run would refuse most ordinary 16-digit references (each window passes
/// Luhn one time in ten), so it is not done. Only numbers whose first digit is 1–6 count: ISO/IEC
/// 7812 gives 7, 8, 9 and 0 to issuers that are not card networks, which keeps most tracking and
/// order numbers from being refused.
pub fn contains_card_number(text: &str) -> bool {
    let normalised: String = text.nfkc().collect();
    let mut run = DigitRun::default();
    let mut separators = 0usize;
    for c in normalised.chars() {
        if c.is_ascii_digit() {
            if run.digits.is_empty() || separators > 0 {
                run.group_starts.push(run.digits.len());
            }
            run.digits.push(c as u8 - b'0');
            separators = 0;
        } else if is_digit_separator(c) && !run.digits.is_empty() && separators < MAX_SEPARATOR_RUN {
            separators += 1;
        } else {
            if run.contains_card_number() {
                return true;
            }
            run.clear();
            separators = 0;
        }
    }
    run.contains_card_number()
}

/// A run of digits joined by separators, with where each written group starts.
#[derive(Default)]
struct DigitRun {
    digits: Vec<u8>,
    group_starts: Vec<usize>,
}

impl DigitRun {
    fn clear(&mut self) {
        self.digits.clear();
        self.group_starts.clear();
    }

    fn is_card(&self, start: usize, end: usize) -> bool {
        (13..=19).contains(&(end - start)) && (1..=6).contains(&self.digits[start]) && luhn_valid(&self.digits[start..end])
    }

    /// Every offset of `start..end` (a group longer than a card number).
    fn any_window(&self, start: usize, end: usize) -> bool {
        (start..end).any(|from| (from + 13..=(from + 19).min(end)).any(|to| self.is_card(from, to)))
    }

    fn contains_card_number(&self) -> bool {
        let n_digits = self.digits.len();
        if n_digits < 13 {
            return false;
        }
        let group_ends: Vec<usize> = self.group_starts.iter().skip(1).copied().chain([n_digits]).collect();
        let whole_groups = self.group_starts.iter().any(|&start| group_ends.iter().any(|&end| end > start && self.is_card(start, end)));
        let inside_long_groups =
            self.group_starts.iter().zip(&group_ends).any(|(&start, &end)| end - start > 19 && self.any_window(start, end));
        whole_groups || inside_long_groups
    }
}

/// The Luhn (mod 10) check of ISO/IEC 7812-1 annex B.
fn luhn_valid(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(position, &digit)| {
            let digit = u32::from(digit);
            if position % 2 == 1 {
                let doubled = digit * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                digit
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Completes `prefix` with the Luhn check digit.
    fn with_check_digit(prefix: &[u8]) -> Vec<u8> {
        (0..10u8)
            .map(|check| {
                let mut digits = prefix.to_vec();
                digits.push(check);
                digits
            })
            .find(|digits| luhn_valid(digits))
            .expect("one of ten check digits is valid")
    }

    fn render(digits: &[u8], groups: &[usize], separator: &str) -> String {
        let mut out = String::new();
        for (index, digit) in digits.iter().enumerate() {
            if index > 0 && groups.contains(&index) {
                out.push_str(separator);
            }
            out.push(char::from(b'0' + digit));
        }
        out
    }

    #[test]
    fn finds_well_known_test_cards_in_any_grouping() {
        for text in [
            "4111111111111111",
            "visa 4111 1111 1111 1111 exp 12/27",
            "amex: 3782-822463-10005",
            "Paid with 5555 5555 5555 4444.",
            "ref4012888888881881x",
            "6011\u{a0}1111\u{a0}1111\u{a0}1117",
        ] {
            assert!(contains_card_number(text), "{text}");
        }
    }

    #[test]
    fn leaves_ordinary_jeweler_text_alone() {
        for text in [
            "GIA 2141438167, 1.01 ct, VS1",
            "call +31 6 1234 5678 after 5pm",
            "ring size 54, order 2024-11-29",
            "4111 1111 1111 1112",
            "Tracking 9400 1000 0000 0000 0000 00",
            "",
        ] {
            assert!(!contains_card_number(text), "{text}");
        }
    }

    #[test]
    fn a_card_beside_other_groups_or_glued_into_a_long_blob_is_found() {
        assert!(contains_card_number("order 12 4111 1111 1111 1111 2027"));
        assert!(contains_card_number("0000004012888888881881000000"));
    }

    #[test]
    fn the_ways_people_actually_write_card_numbers_are_found() {
        for text in [
            "4111 1111  1111 1111",
            "4111.1111.1111.1111",
            "4111 - 1111 - 1111 - 1111",
            "4111/1111/1111/1111",
            "4111\u{202f}1111\u{202f}1111\u{202f}1111",
            "\u{ff14}\u{ff11}\u{ff11}\u{ff11}\u{ff11}\u{ff11}\u{ff11}\u{ff11}\u{ff11}\u{ff11}\u{ff11}\u{ff11}\u{ff11}\u{ff11}\u{ff11}\u{ff11}",
            "order 12 00004111111111111111",
        ] {
            assert!(contains_card_number(text), "{text}");
        }
    }

    #[test]
    fn every_text_type_refuses_a_card_number_and_names_its_field() {
        use crate::{DomainError, EmailAddress, FreeText, IdDocumentNumber, PersonName, PostalAddress, ProcessorToken, ShortText};
        let card = "5555 5555 5555 4444";
        let refusals = [
            PersonName::parse("name", &format!("Anna {card}")).map(|_| ()),
            ShortText::parse("stones", card).map(|_| ()),
            FreeText::parse("engraving", card).map(|_| ()),
            PostalAddress::parse("address", card).map(|_| ()),
            EmailAddress::parse("5555555555554444@example.com").map(|_| ()),
            ProcessorToken::parse("5555555555554444").map(|_| ()),
            IdDocumentNumber::parse(card).map(|_| ()),
        ];
        for (refusal, field) in
            refusals.into_iter().zip(["name", "stones", "engraving", "address", "email", "processor_token", "document_number"])
        {
            assert_eq!(refusal, Err(DomainError::CardNumber { field }));
        }
    }

    #[test]
    fn four_separators_or_a_line_break_end_a_run() {
        assert!(!contains_card_number("4111 1111    1111 1111"));
        assert!(!contains_card_number("411111111\n1111111"));
    }

    proptest! {
        #[test]
        fn any_luhn_valid_card_is_found_however_it_is_dressed(
            first in 1u8..=6,
            rest in proptest::collection::vec(0u8..=9, 11..=17),
            grouping in proptest::collection::vec(1usize..19, 0..5),
            separator in prop_oneof![Just(""), Just(" "), Just("-")],
            before in "[a-zA-Z .,:]{0,20}",
            after in "[a-zA-Z .,:]{0,20}",
        ) {
            let mut prefix = vec![first];
            prefix.extend(rest);
            let card = with_check_digit(&prefix);
            let text = format!("{before}{}{after}", render(&card, &grouping, separator));
            prop_assert!(contains_card_number(&text), "{}", text);
        }

        #[test]
        fn short_digit_runs_are_never_cards(digits in "[0-9]{0,12}", words in "[a-z ]{0,30}") {
            let text = format!("{words}{digits}{words}");
            prop_assert!(!contains_card_number(&text));
        }

        #[test]
        fn the_guard_never_panics(text in "\\PC{0,200}") {
            let _ = contains_card_number(&text);
        }
    }
}
