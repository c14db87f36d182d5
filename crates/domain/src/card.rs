//! The card-number guard: refuse any text that contains a payment card number (PAN).
//!
//! PCI DSS forbids a merchant to keep a full card number anywhere, and staff do paste them into
//! notes and engraving fields. Every free-text value passes through [`contains_card_number`]
//! when it is parsed, so a PAN can never reach storage, an import or a log.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The first code point (the digit zero) of every block of ten Unicode decimal digits
/// (General_Category Nd, Unicode 15.0): each block holds 0 to 9 in order. Generated from the
/// Unicode Character Database; a test checks the blocks do not overlap.
const DECIMAL_DIGIT_ZEROS: [u32; 68] = [
    0x0030, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20,
    0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0,
    0xAA50, 0xABF0, 0xFF10, 0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650, 0x116C0, 0x11730,
    0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x11F50, 0x16A60, 0x16AC0, 0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140,
    0x1E2F0, 0x1E4F0, 0x1E950, 0x1FBF0,
];

/// Characters that show nothing, as inclusive ranges: the format characters (General_Category
/// Cf: zero-width space and joiner, word joiner, soft hyphen, byte-order mark, …) and the other
/// default-ignorable code points (Hangul fillers, variation selectors, tags; Unicode 15.0).
/// They change nothing a person sees, so the guard reads text without them.
const INVISIBLE_CHARACTERS: [(u32, u32); 25] = [
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
];

/// The value of a decimal digit of any script (Arabic-Indic ٤, Devanagari ४, …), or `None`.
pub(crate) fn decimal_digit_value(c: char) -> Option<u8> {
    if c.is_ascii_digit() {
        return Some(c as u8 - b'0');
    }
    let code = u32::from(c);
    let at = DECIMAL_DIGIT_ZEROS.partition_point(|&zero| zero <= code);
    let zero = DECIMAL_DIGIT_ZEROS[at.checked_sub(1)?];
    (code - zero < 10).then_some((code - zero) as u8)
}

/// Whether `c` is invisible in the text a person reads: a format or other default-ignorable
/// character, or a combining mark (which only decorates the character before it).
fn is_invisible(c: char) -> bool {
    let code = u32::from(c);
    INVISIBLE_CHARACTERS.iter().any(|&(first, last)| (first..=last).contains(&code)) || is_combining_mark(c)
}

/// Characters people put between the digit groups of one card number: spaces of every kind but
/// line breaks (office suites insert no-break and narrow no-break spaces), dashes, dots, slashes
/// and underscores.
fn is_card_separator(c: char) -> bool {
    (c.is_whitespace() && c != '\n' && c != '\r') || matches!(c, '-' | '.' | '/' | '_' | '\u{2010}'..='\u{2015}')
}

/// At most this many card separators in a row join two groups in any grouping ("4111 - 1111").
const MAX_CARD_SEPARATOR_RUN: usize = 3;

/// At most this many characters that are neither letters nor digits in a row still join two
/// digit groups: line breaks, commas, colons, plus and minus signs, long gaps of spaces
/// ("4111,1111,1111,1111", "4111\n1111…", "4111    1111…"). Letters always end a run.
const MAX_SEPARATOR_RUN: usize = 8;

/// Whether `text` contains a Luhn-valid run of 13 to 19 digits that could be a card number.
///
/// The text is read as a person sees it: NFKC-normalised (full-width and circled digits become
/// digits), invisible characters and combining marks left out (a zero-width space or a soft hyphen
/// between digits hides nothing), and every decimal digit of any script read by its value.
///
/// Digit groups joined by card separators (up to three spaces, dashes, dots or slashes) are
/// checked in any grouping: a run of 13–19 digits is checked whole, and every stretch of whole
/// groups of 13–19 digits too, since a card number can stand beside other groups ("order 12
/// 4111 1111 1111 1111 2027"); any single group of more than 19 digits is checked at every
/// offset, as a PAN may be glued to other digits there. Groups joined by other marks (commas,
/// colons, plus or minus signs, line breaks, longer gaps: up to [`MAX_SEPARATOR_RUN`]) also
/// separate different numbers in a note ("06 12345678, 12-01-2026"), so a stretch that crosses
/// one counts only when its groups are shaped like a written card number: groups of four with a
/// shorter or equal last one (4-4-4-4, 4-4-4-4-3, 4-4-4-1), 4-6-5 or 4-6-4, or one digit at a
/// time. Checking every offset of every run would refuse most ordinary 16-digit references (each
/// window passes Luhn one time in ten), so it is not done. Only numbers whose first digit is 1–6
/// count: ISO/IEC 7812 gives 7, 8, 9 and 0 to issuers that are not card networks, which keeps
/// most tracking and order numbers from being refused.
pub fn contains_card_number(text: &str) -> bool {
    let mut run = DigitRun::default();
    // The separators since the last digit: how many, and whether all were card separators.
    let mut separators = 0usize;
    let mut card_like = true;
    for c in text.nfkc() {
        if let Some(digit) = decimal_digit_value(c) {
            if run.digits.is_empty() || separators > 0 {
                let loose = separators > 0 && !(card_like && separators <= MAX_CARD_SEPARATOR_RUN);
                run.group_starts.push(run.digits.len());
                run.loose_before.push(loose);
            }
            run.digits.push(digit);
            separators = 0;
            card_like = true;
        } else if is_invisible(c) {
            continue;
        } else if !c.is_alphanumeric() && !run.digits.is_empty() && separators < MAX_SEPARATOR_RUN {
            separators += 1;
            card_like &= is_card_separator(c);
        } else {
            if run.contains_card_number() {
                return true;
            }
            run.clear();
            separators = 0;
            card_like = true;
        }
    }
    run.contains_card_number()
}

/// A run of digits joined by separators, with where each written group starts and whether the
/// separators before it were other marks than a card's.
#[derive(Default)]
struct DigitRun {
    digits: Vec<u8>,
    group_starts: Vec<usize>,
    loose_before: Vec<bool>,
}

/// Whether digit groups of these lengths are written the way card numbers are.
fn shaped_like_a_card(lengths: &[usize]) -> bool {
    match lengths {
        [] => false,
        _ if lengths.iter().all(|&length| length == 1) => true,
        [4, 6, 5] | [4, 6, 4] => true,
        [groups @ .., last] => groups.iter().all(|&length| length == 4) && (1..=4).contains(last),
    }
}

impl DigitRun {
    fn clear(&mut self) {
        self.digits.clear();
        self.group_starts.clear();
        self.loose_before.clear();
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
        let n_groups = self.group_starts.len();
        // Groups first..=last as one number, if its separators allow that reading.
        let stretch = |first: usize, last: usize| {
            let (start, end) = (self.group_starts[first], group_ends[last]);
            if !self.is_card(start, end) {
                return false;
            }
            let crosses_loose = self.loose_before[first + 1..=last].iter().any(|&loose| loose);
            let lengths: Vec<usize> = (first..=last).map(|group| group_ends[group] - self.group_starts[group]).collect();
            !crosses_loose || shaped_like_a_card(&lengths)
        };
        // Stretches longer than a card number are not one: each first group looks ahead only that
        // far, so the work grows with the run, not with its square.
        let whole_groups = (0..n_groups).any(|first| {
            (first..n_groups).take_while(|&last| group_ends[last] - self.group_starts[first] <= 19).any(|last| stretch(first, last))
        });
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
    fn every_spelling_the_attack_review_found_is_seen() {
        let visa = "4111111111111111";
        let spelled = |separator: &str| visa.chars().map(String::from).collect::<Vec<_>>().join(separator);
        // Invisible characters between every digit.
        for invisible in [
            "\u{200b}",
            "\u{200d}",
            "\u{200c}",
            "\u{2060}",
            "\u{ad}",
            "\u{feff}",
            "\u{61c}",
            "\u{301}",
            "\u{3164}",
            "\u{ffa0}",
            "\u{fe0f}",
            "\u{e0041}",
        ] {
            assert!(contains_card_number(&spelled(invisible)), "{invisible:?}");
        }
        // Separators between groups of four.
        for separator in ["\u{2212}", ",", ":", "+", "    ", "\n", "\r\n", " \n  ", ", ", "*", "#", "|", "\t"] {
            let text = format!("4111{separator}1111{separator}1111{separator}1111");
            assert!(contains_card_number(&text), "{separator:?}");
        }
        // Digits of other scripts, by their value.
        for zero in [0x0660u32, 0x06F0, 0x0966, 0x09E6, 0x0E50, 0xFF10, 0x1D7CE] {
            let text: String = visa.bytes().map(|b| char::from_u32(zero + u32::from(b - b'0')).unwrap()).collect();
            assert!(contains_card_number(&text), "digits from U+{zero:04X}");
        }
        // Mixed scripts in one number.
        assert!(contains_card_number("4111 \u{0661}\u{0661}\u{0661}\u{0661} 1111 1111"));
    }

    #[test]
    fn a_long_run_of_tiny_groups_is_read_in_one_pass() {
        // 100,000 one-digit groups (a 200 KB field): every pair of groups would be 5 billion
        // stretches; a stretch longer than a card number is never one, so each group looks 19 ahead.
        for separator in [":", ",", " "] {
            let text = vec!["1"; 100_000].join(separator);
            let started = std::time::Instant::now();
            assert!(!contains_card_number(&text));
            assert!(started.elapsed() < std::time::Duration::from_secs(5), "{separator:?}: {:?}", started.elapsed());
        }
    }

    #[test]
    fn letters_and_long_gaps_still_end_a_run() {
        assert!(!contains_card_number("4111 1111 and 1111 1111"));
        assert!(!contains_card_number("4111 1111          1111 1111"), "ten spaces: another number");
        assert!(!contains_card_number("size 4111\u{200b}x1111 1111 1111"));
    }

    #[test]
    fn the_digit_tables_are_sound() {
        for pair in DECIMAL_DIGIT_ZEROS.windows(2) {
            assert!(pair[1] >= pair[0] + 10, "blocks of ten do not overlap: {pair:x?}");
        }
        for pair in INVISIBLE_CHARACTERS.windows(2) {
            assert!(pair[0].0 <= pair[0].1 && pair[0].1 < pair[1].0, "{pair:x?}");
        }
        assert_eq!(decimal_digit_value('7'), Some(7));
        assert_eq!(decimal_digit_value('\u{0669}'), Some(9), "Arabic-Indic nine");
        assert_eq!(decimal_digit_value('\u{096A}'), Some(4), "Devanagari four");
        assert_eq!(decimal_digit_value('a'), None);
        assert_eq!(decimal_digit_value('\u{0670}'), None, "just past a block");
        assert_eq!(decimal_digit_value('\u{2F}'), None);
    }

    proptest! {
        #[test]
        fn any_luhn_valid_card_is_found_however_it_is_dressed(
            first in 1u8..=6,
            rest in proptest::collection::vec(0u8..=9, 11..=17),
            grouping in proptest::collection::vec(1usize..19, 0..5),
            separator in prop_oneof![Just(""), Just(" "), Just("-"), Just("\u{200b}"), Just(" / ")],
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
        fn a_card_written_in_groups_of_four_is_found_whatever_marks_join_them(
            first in 1u8..=6,
            rest in proptest::collection::vec(0u8..=9, 14),
            separator in prop_oneof![Just(","), Just(", "), Just(":"), Just("+"), Just("\u{2212}"), Just("\n"), Just("    "), Just(" ;\t")],
        ) {
            let mut prefix = vec![first];
            prefix.extend(rest);
            let card = with_check_digit(&prefix);
            let text = render(&card, &[4, 8, 12], separator);
            prop_assert!(contains_card_number(&text), "{}", text);
            let one_by_one = render(&card, &(1..16).collect::<Vec<_>>(), separator);
            prop_assert!(contains_card_number(&one_by_one), "{}", one_by_one);
        }

        #[test]
        fn numbers_listed_in_a_note_are_not_taken_for_a_card(
            mobile in "[1-9][0-9]{7}",
            other in "[1-9][0-9]{7}",
            day in 1u8..=28,
            month in 1u8..=12,
            joint in prop_oneof![Just(", "), Just("\n"), Just("; "), Just(" + ")],
        ) {
            let two_mobiles = format!("06 {mobile}{joint}06 {other}");
            prop_assert!(!contains_card_number(&two_mobiles), "{}", two_mobiles);
            let mobile_and_date = format!("06 {mobile}{joint}{day:02}-{month:02}-2026");
            prop_assert!(!contains_card_number(&mobile_and_date), "{}", mobile_and_date);
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
