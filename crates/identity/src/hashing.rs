//! Password hashes: Argon2id in PHC strings, at OWASP's parameters or stronger, rehashed at
//! sign-in when the shop's parameters change.

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, PasswordHasher as _, Version};

use crate::{Password, random_bytes};

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("Argon2id parameters below m=19 MiB, t=2, p=1 are refused: {0}")]
    WeakParameters(String),
    #[error("a stored password hash is not a valid PHC string: {0}")]
    Malformed(String),
    #[error("hashing failed: {0}")]
    Hashing(String),
}

/// What checking a password against a stored hash found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The password is right; if `needs_rehash`, store a new hash made with today's parameters.
    Match {
        needs_rehash: bool,
    },
    Mismatch,
}

/// Hashes and checks passwords with one set of Argon2id parameters.
#[derive(Debug, Clone)]
pub struct PasswordHasher {
    params: Params,
    dummy: OnceLock<String>,
}

impl PasswordHasher {
    /// OWASP's recommended minimum: 19 MiB, 2 passes, 1 lane (16–18 ms on this hardware).
    pub const DEFAULT_MEMORY_KIB: u32 = 19 * 1024;
    pub const DEFAULT_PASSES: u32 = 2;

    pub fn new(memory_kib: u32, passes: u32, lanes: u32) -> Result<PasswordHasher, HashError> {
        if memory_kib < Self::DEFAULT_MEMORY_KIB || passes < Self::DEFAULT_PASSES || lanes < 1 {
            return Err(HashError::WeakParameters(format!("m={memory_kib} KiB, t={passes}, p={lanes}")));
        }
        let params = Params::new(memory_kib, passes, lanes, None).map_err(|error| HashError::WeakParameters(error.to_string()))?;
        Ok(PasswordHasher { params, dummy: OnceLock::new() })
    }

    fn argon2(&self) -> Argon2<'static> {
        Argon2::new(Algorithm::Argon2id, Version::V0x13, self.params.clone())
    }

    /// A new PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`) with a random 128-bit salt.
    pub fn hash(&self, password: &Password) -> Result<String, HashError> {
        let salt = SaltString::encode_b64(&random_bytes::<16>()).map_err(|error| HashError::Hashing(error.to_string()))?;
        let hash =
            self.argon2().hash_password(password.as_str().as_bytes(), &salt).map_err(|error| HashError::Hashing(error.to_string()))?;
        Ok(hash.to_string())
    }

    /// Checks `password` against a stored PHC string, with the parameters written in it.
    pub fn verify(&self, stored: &str, password: &Password) -> Result<Verdict, HashError> {
        let parsed = PasswordHash::new(stored).map_err(|error| HashError::Malformed(error.to_string()))?;
        if parsed.algorithm != argon2::ARGON2ID_IDENT {
            return Err(HashError::Malformed(format!("algorithm {} is not argon2id", parsed.algorithm)));
        }
        let stored_params = Params::try_from(&parsed).map_err(|error| HashError::Malformed(error.to_string()))?;
        match Argon2::default().verify_password(password.as_str().as_bytes(), &parsed) {
            Ok(()) => Ok(Verdict::Match {
                needs_rehash: parsed.version != Some(Version::V0x13.into())
                    || stored_params.m_cost() != self.params.m_cost()
                    || stored_params.t_cost() != self.params.t_cost()
                    || stored_params.p_cost() != self.params.p_cost(),
            }),
            Err(argon2::password_hash::Error::Password) => Ok(Verdict::Mismatch),
            Err(error) => Err(HashError::Malformed(error.to_string())),
        }
    }

    /// Does the work of [`verify`](Self::verify) against a hash no password matches, so that a
    /// sign-in as an unknown or disabled user takes as long as one as a real user.
    pub fn verify_dummy(&self, password: &Password) {
        let dummy = self.dummy.get_or_init(|| {
            let random: String = data_encoding::BASE64URL_NOPAD.encode(&random_bytes::<24>());
            self.hash(&Password::new(&random)).unwrap_or_default()
        });
        let _ = self.verify(dummy, password);
    }
}

impl Default for PasswordHasher {
    fn default() -> Self {
        PasswordHasher::new(Self::DEFAULT_MEMORY_KIB, Self::DEFAULT_PASSES, 1).unwrap_or_else(|_| unreachable!("the defaults are valid"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_is_argon2id_at_owasp_parameters_and_checks_its_password() {
        let hasher = PasswordHasher::default();
        let stored = hasher.hash(&Password::new("tulpen in de regen")).unwrap();
        assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{stored}");
        assert_eq!(hasher.verify(&stored, &Password::new("tulpen in de regen")).unwrap(), Verdict::Match { needs_rehash: false });
        assert_eq!(hasher.verify(&stored, &Password::new("tulpen in de regen!")).unwrap(), Verdict::Mismatch);
        assert_ne!(stored, hasher.hash(&Password::new("tulpen in de regen")).unwrap(), "salted");
    }

    #[test]
    fn the_same_password_typed_in_another_unicode_form_matches() {
        let hasher = PasswordHasher::default();
        let stored = hasher.hash(&Password::new("Ame\u{301}lie's ring")).unwrap();
        assert_eq!(hasher.verify(&stored, &Password::new("Am\u{e9}lie's ring")).unwrap(), Verdict::Match { needs_rehash: false });
    }

    #[test]
    fn changed_parameters_ask_for_a_rehash() {
        let old = PasswordHasher::default().hash(&Password::new("a long passphrase here")).unwrap();
        let stronger = PasswordHasher::new(32 * 1024, 3, 1).unwrap();
        assert_eq!(stronger.verify(&old, &Password::new("a long passphrase here")).unwrap(), Verdict::Match { needs_rehash: true });
    }

    #[test]
    fn weak_parameters_and_foreign_hashes_are_refused() {
        assert!(matches!(PasswordHasher::new(4096, 2, 1), Err(HashError::WeakParameters(_))));
        assert!(matches!(PasswordHasher::new(19 * 1024, 1, 1), Err(HashError::WeakParameters(_))));
        let hasher = PasswordHasher::default();
        for stored in ["", "plaintext", "$2b$12$abcdefghijklmnopqrstuv", "$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"]
        {
            assert!(hasher.verify(stored, &Password::new("x")).is_err(), "{stored}");
        }
    }
}
