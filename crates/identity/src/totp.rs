//! Time-based one-time passwords (RFC 6238 over RFC 4226): HMAC-SHA-1, 6 digits, 30-second
//! steps, one step of clock drift either way; what every authenticator app speaks.

use std::fmt;

use aws_lc_rs::{constant_time, hmac};
use zeroize::Zeroizing;

use crate::random_bytes;

pub const TOTP_DIGITS: u32 = 6;
pub const TOTP_STEP_SECONDS: i64 = 30;

/// A person's TOTP secret (160 bits, as RFC 4226 recommends). Stored sealed; shown once at
/// enrolment, as a QR code and as base32 text.
#[derive(Clone)]
pub struct TotpSecret(Zeroizing<Vec<u8>>);

impl TotpSecret {
    pub fn generate() -> TotpSecret {
        TotpSecret(Zeroizing::new(random_bytes::<20>().to_vec()))
    }

    pub fn from_bytes(bytes: &[u8]) -> TotpSecret {
        TotpSecret(Zeroizing::new(bytes.to_vec()))
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The secret as authenticator apps take it typed in: base32 without padding.
    pub fn base32(&self) -> String {
        data_encoding::BASE32_NOPAD.encode(&self.0)
    }

    /// The `otpauth://` URI a QR code carries (Google Authenticator's key URI format).
    pub fn otpauth_uri(&self, issuer: &str, account: &str) -> String {
        let issuer = percent_encode(issuer);
        format!(
            "otpauth://totp/{issuer}:{}?secret={}&issuer={issuer}&algorithm=SHA1&digits={TOTP_DIGITS}&period={TOTP_STEP_SECONDS}",
            percent_encode(account),
            self.base32()
        )
    }

    /// The RFC 4226 code for `counter`, with `digits` digits.
    fn hotp(&self, counter: u64, digits: u32) -> u32 {
        let key = hmac::Key::new(hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY, &self.0);
        let tag = hmac::sign(&key, &counter.to_be_bytes());
        let mac = tag.as_ref();
        let offset = (mac[mac.len() - 1] & 0x0f) as usize;
        let binary = u32::from_be_bytes([mac[offset] & 0x7f, mac[offset + 1], mac[offset + 2], mac[offset + 3]]);
        binary % 10u32.pow(digits)
    }

    /// The code shown at `unix_seconds`, zero-padded to six digits.
    pub fn code_at(&self, unix_seconds: i64) -> String {
        format!("{:06}", self.hotp(step_of(unix_seconds), TOTP_DIGITS))
    }

    /// Checks a typed code at `unix_seconds`, allowing one step of drift either way. A code is
    /// accepted once: steps at or before `last_used_step` are refused (a replayed or shoulder-
    /// surfed code). Returns the step that matched, to be stored as the new `last_used_step`.
    pub fn verify(&self, typed: &str, unix_seconds: i64, last_used_step: Option<u64>) -> Option<u64> {
        let digits: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.len() != TOTP_DIGITS as usize || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let now = step_of(unix_seconds);
        let mut matched = None;
        for step in [now.saturating_sub(1), now, now + 1] {
            let expected = format!("{:06}", self.hotp(step, TOTP_DIGITS));
            // Compare every candidate in constant time, and do not stop at the first match.
            if constant_time::verify_slices_are_equal(expected.as_bytes(), digits.as_bytes()).is_ok()
                && last_used_step.is_none_or(|last| step > last)
            {
                matched = matched.or(Some(step));
            }
        }
        matched
    }
}

impl fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TotpSecret(…)")
    }
}

fn step_of(unix_seconds: i64) -> u64 {
    u64::try_from(unix_seconds.div_euclid(TOTP_STEP_SECONDS)).unwrap_or(0)
}

fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-._~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238's SHA-1 secret: the ASCII digits "12345678901234567890".
    fn rfc_secret() -> TotpSecret {
        TotpSecret::from_bytes(b"12345678901234567890")
    }

    #[test]
    fn rfc_4226_hotp_vectors() {
        let expected = [755224, 287082, 359152, 969429, 338314, 254676, 287922, 162583, 399871, 520489];
        for (counter, code) in expected.into_iter().enumerate() {
            assert_eq!(rfc_secret().hotp(counter as u64, 6), code, "counter {counter}");
        }
    }

    #[test]
    fn rfc_6238_totp_vectors_for_sha1() {
        let vectors = [
            (59, 94287082),
            (1111111109, 7081804),
            (1111111111, 14050471),
            (1234567890, 89005924),
            (2000000000, 69279037),
            (20000000000, 65353130),
        ];
        for (time, code) in vectors {
            assert_eq!(rfc_secret().hotp(step_of(time), 8), code, "time {time}");
            assert_eq!(rfc_secret().code_at(time), format!("{:06}", code % 1_000_000));
        }
    }

    #[test]
    fn a_code_is_accepted_within_one_step_of_drift_and_only_once() {
        let secret = TotpSecret::generate();
        let now = 1_800_000_015;
        let code = secret.code_at(now);
        let step = secret.verify(&code, now, None).expect("the current code");
        assert_eq!(secret.verify(&code, now + 30, None), Some(step), "a step late");
        assert_eq!(secret.verify(&code, now - 30, None), Some(step), "a step early");
        assert_eq!(secret.verify(&code, now + 61, None), None, "two steps late");
        assert_eq!(secret.verify(&code, now, Some(step)), None, "replayed");
        assert_eq!(secret.verify(&secret.code_at(now + 30), now + 30, Some(step)), Some(step + 1), "the next code");
        assert_eq!(secret.verify(&format!("{} {}", &code[..3], &code[3..]), now, None), Some(step), "spaces are fine");
        for typed in ["", "12345", "1234567", "abcdef", "１２３４５６"] {
            assert_eq!(secret.verify(typed, now, None), None, "{typed}");
        }
    }

    #[test]
    fn the_enrolment_uri_names_the_shop_and_person() {
        let uri = rfc_secret().otpauth_uri("Van Dijk Juweliers", "marieke");
        assert_eq!(
            uri,
            "otpauth://totp/Van%20Dijk%20Juweliers:marieke?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Van%20Dijk%20Juweliers&algorithm=SHA1&digits=6&period=30"
        );
    }
}
