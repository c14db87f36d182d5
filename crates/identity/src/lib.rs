//! Strongroom's sign-in rules, as pure functions with no storage: what a new password must be
//! (NIST SP 800-63B rev. 4, OWASP ASVS 5.0 V6), the vendored blocklist, Argon2id password
//! hashes, TOTP second factors (RFC 6238), recovery codes and the random secrets behind
//! sessions, enrolment codes and API tokens.
//!
//! The `app` gate stores what these produce and decides who may do what; the server only
//! carries requests to it.

mod blocklist;
mod codes;
mod hashing;
mod password;
mod totp;

pub use blocklist::{BLOCKLIST_LEN, is_blocklisted};
pub use codes::{HumanCode, RECOVERY_CODES, SecretToken, random_bytes};
pub use hashing::{HashError, PasswordHasher, Verdict};
pub use password::{
    MAX_CHARS, MIN_CHARS_PASSWORD_ONLY, MIN_CHARS_WITH_SECOND_FACTOR, MIN_SCORE, Password, PasswordContext, PasswordProblem, Strength,
    check_new_password, strength,
};
pub use totp::{TOTP_DIGITS, TOTP_STEP_SECONDS, TotpSecret};
