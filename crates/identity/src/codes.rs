//! Random secrets: session ids and API tokens (256 bits), and codes people type (enrolment
//! codes, recovery codes; at least 80 bits). They are stored only as keyed digests under a vault
//! key (the `app` crate's `access_rows.rs`), never as they are nor as a plain hash: a plain hash
//! of a secret of one's own choosing is what a database writer could insert.

use std::fmt;

use zeroize::Zeroizing;

/// How many recovery codes a person gets at a time.
pub const RECOVERY_CODES: usize = 10;

/// `N` bytes from the operating system's random generator.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    // aws-lc's generator fails only if the OS cannot give randomness; nothing is safe then.
    aws_lc_rs::rand::fill(&mut bytes).unwrap_or_else(|_| panic!("the operating system gave no randomness"));
    bytes
}

/// A 256-bit secret for machines (session cookies, API tokens), URL-safe base64 without padding.
#[derive(Clone)]
pub struct SecretToken(Zeroizing<String>);

impl SecretToken {
    pub fn generate() -> SecretToken {
        SecretToken(Zeroizing::new(data_encoding::BASE64URL_NOPAD.encode(&random_bytes::<32>())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SecretToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretToken(…)")
    }
}

/// The letters of a code people type: RFC 4648 base32 in lower case, which has no 0, 1, 8 or 9
/// to mistake for o, l, b or g.
const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";

/// A code a person reads and types: groups of four base32 letters (`abcd-efgh-…`), 20 bits per
/// group. Recovery codes have 4 groups (80 bits), enrolment codes 6 (120 bits).
#[derive(Clone)]
pub struct HumanCode(Zeroizing<String>);

impl HumanCode {
    pub const RECOVERY_GROUPS: usize = 4;
    pub const ENROLMENT_GROUPS: usize = 6;

    pub fn generate(groups: usize) -> HumanCode {
        let mut code = String::with_capacity(groups * 5);
        for group in 0..groups {
            if group > 0 {
                code.push('-');
            }
            let random = random_bytes::<4>();
            let bits = u32::from_le_bytes(random);
            for letter in 0..4 {
                code.push(ALPHABET[((bits >> (5 * letter)) & 31) as usize] as char);
            }
        }
        HumanCode(Zeroizing::new(code))
    }

    /// Reads a code as typed: case, spaces and dashes do not matter, and 0 and 1 are read as the
    /// o and l they were surely meant to be. `None` if it cannot be a code of `groups` groups.
    pub fn parse(typed: &str, groups: usize) -> Option<HumanCode> {
        let letters: String = typed
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| match c.to_ascii_lowercase() {
                '0' => 'o',
                '1' => 'l',
                other => other,
            })
            .collect();
        if letters.len() != groups * 4 || !letters.bytes().all(|b| ALPHABET.contains(&b)) {
            return None;
        }
        let chunks: Vec<&str> = (0..groups).map(|group| &letters[group * 4..group * 4 + 4]).collect();
        Some(HumanCode(Zeroizing::new(chunks.join("-"))))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for HumanCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("HumanCode(…)")
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn tokens_are_256_bits_and_distinct() {
        let (a, b) = (SecretToken::generate(), SecretToken::generate());
        assert_eq!(data_encoding::BASE64URL_NOPAD.decode(a.as_str().as_bytes()).unwrap().len(), 32);
        assert_ne!(a.as_str(), b.as_str());
        assert_eq!(format!("{a:?}"), "SecretToken(…)");
    }

    #[test]
    fn recovery_codes_carry_80_bits_in_four_groups() {
        let code = HumanCode::generate(HumanCode::RECOVERY_GROUPS);
        assert_eq!(code.as_str().len(), 19);
        assert_eq!(code.as_str().split('-').count(), 4);
        // 16 letters of 5 bits each.
        assert!(code.as_str().bytes().filter(|b| *b != b'-').all(|b| ALPHABET.contains(&b)));
    }

    #[test]
    fn codes_are_read_forgivingly_but_not_wrongly() {
        let code = HumanCode::parse("abcd-efgh-ijkl-mnop", 4).unwrap();
        for typed in ["ABCD EFGH IJKL MNOP", "abcdefghijklmnop", " abcd-efgh-ijk1-mnop "] {
            assert_eq!(HumanCode::parse(typed, 4).unwrap().as_str(), code.as_str(), "{typed}");
        }
        for typed in ["abcd-efgh-ijkl", "abcd-efgh-ijkl-mnop-qrst", "abcd-efgh-ijkl-mno9", "", "abcd-efgh-ijkl-mnoé"] {
            assert!(HumanCode::parse(typed, 4).is_none(), "{typed}");
        }
    }

    proptest! {
        #[test]
        fn every_generated_code_parses_back_to_itself(groups in 1usize..8) {
            let code = HumanCode::generate(groups);
            let parsed = HumanCode::parse(code.as_str(), groups).unwrap();
            prop_assert_eq!(parsed.as_str(), code.as_str());
        }

        #[test]
        fn parsing_any_text_never_panics(typed in "\\PC{0,40}") {
            let _ = HumanCode::parse(&typed, 4);
        }
    }
}
