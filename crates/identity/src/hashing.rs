//! Password hashes: Argon2id in PHC strings, at OWASP's parameters or stronger, rehashed at
//! sign-in when the shop's parameters change.
//!
//! Argon2id's working memory (19 MiB a hash) is kept in a pool and reused, zeroed after each
//! use: allocating it afresh per sign-in let the allocator's heap grow by hundreds of megabytes
//! under a stream of sign-ins. At most as many buffers exist as hashes have ever run at once
//! (the server allows one per core but one).

use std::sync::{Mutex, OnceLock};

use argon2::password_hash::{Output, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use zeroize::Zeroize;

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
#[derive(Debug)]
pub struct PasswordHasher {
    params: Params,
    dummy: OnceLock<String>,
    /// Working memory for hashes at `params`, reused.
    pool: Mutex<Vec<Vec<Block>>>,
}

/// The hash length in PHC strings this hasher writes.
const OUTPUT_LEN: usize = 32;

impl PasswordHasher {
    /// OWASP's recommended minimum: 19 MiB, 2 passes, 1 lane (16–18 ms on this hardware).
    pub const DEFAULT_MEMORY_KIB: u32 = 19 * 1024;
    pub const DEFAULT_PASSES: u32 = 2;

    pub fn new(memory_kib: u32, passes: u32, lanes: u32) -> Result<PasswordHasher, HashError> {
        if memory_kib < Self::DEFAULT_MEMORY_KIB || passes < Self::DEFAULT_PASSES || lanes < 1 {
            return Err(HashError::WeakParameters(format!("m={memory_kib} KiB, t={passes}, p={lanes}")));
        }
        let params = Params::new(memory_kib, passes, lanes, None).map_err(|error| HashError::WeakParameters(error.to_string()))?;
        Ok(PasswordHasher { params, dummy: OnceLock::new(), pool: Mutex::new(Vec::new()) })
    }

    /// Runs Argon2id into `out`, in pooled memory when `params` are this hasher's own.
    fn compute(&self, params: &Params, version: Version, password: &[u8], salt: &[u8], out: &mut [u8]) -> Result<(), HashError> {
        let argon2 = Argon2::new(Algorithm::Argon2id, version, params.clone());
        let count = params.block_count();
        let pooled = count == self.params.block_count();
        let reused = if pooled { self.pool.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).pop() } else { None };
        let mut memory = reused.unwrap_or_else(|| vec![Block::default(); count]);
        let outcome = argon2.hash_password_into_with_memory(password, salt, out, &mut memory[..]);
        memory.iter_mut().for_each(Zeroize::zeroize);
        if pooled {
            self.pool.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push(memory);
        }
        outcome.map_err(|error| HashError::Hashing(error.to_string()))
    }

    /// A new PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`) with a random 128-bit salt.
    pub fn hash(&self, password: &Password) -> Result<String, HashError> {
        let salt = random_bytes::<16>();
        let mut out = [0u8; OUTPUT_LEN];
        self.compute(&self.params, Version::V0x13, password.as_str().as_bytes(), &salt, &mut out)?;
        let salt = SaltString::encode_b64(&salt).map_err(|error| HashError::Hashing(error.to_string()))?;
        let hash = Output::new(&out).map_err(|error| HashError::Hashing(error.to_string()))?;
        let p = &self.params;
        Ok(format!("$argon2id$v=19$m={},t={},p={}${}${hash}", p.m_cost(), p.t_cost(), p.p_cost(), salt.as_str()))
    }

    /// Checks `password` against a stored PHC string, with the parameters written in it.
    pub fn verify(&self, stored: &str, password: &Password) -> Result<Verdict, HashError> {
        let parsed = PasswordHash::new(stored).map_err(|error| HashError::Malformed(error.to_string()))?;
        if parsed.algorithm != argon2::ARGON2ID_IDENT {
            return Err(HashError::Malformed(format!("algorithm {} is not argon2id", parsed.algorithm)));
        }
        let stored_params = Params::try_from(&parsed).map_err(|error| HashError::Malformed(error.to_string()))?;
        let version =
            parsed.version.map_or(Ok(Version::V0x13), Version::try_from).map_err(|error| HashError::Malformed(error.to_string()))?;
        let expected = parsed.hash.ok_or_else(|| HashError::Malformed("no hash".into()))?;
        let mut salt = [0u8; 64];
        let salt = parsed
            .salt
            .ok_or_else(|| HashError::Malformed("no salt".into()))?
            .decode_b64(&mut salt)
            .map_err(|error| HashError::Malformed(error.to_string()))?;
        let mut out = vec![0u8; expected.len()];
        self.compute(&stored_params, version, password.as_str().as_bytes(), salt, &mut out)?;
        if aws_lc_rs::constant_time::verify_slices_are_equal(&out, expected.as_bytes()).is_err() {
            return Ok(Verdict::Mismatch);
        }
        Ok(Verdict::Match {
            needs_rehash: version != Version::V0x13
                || stored_params.m_cost() != self.params.m_cost()
                || stored_params.t_cost() != self.params.t_cost()
                || stored_params.p_cost() != self.params.p_cost(),
        })
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
    fn hashes_are_interchangeable_with_the_argon2_crates_own() {
        use argon2::password_hash::{PasswordHasher as _, PasswordVerifier as _};
        let hasher = PasswordHasher::default();
        let ours = hasher.hash(&Password::new("tulpen in de regen")).unwrap();
        assert!(Argon2::default().verify_password(b"tulpen in de regen", &PasswordHash::new(&ours).unwrap()).is_ok());
        let salt = SaltString::encode_b64(&[7u8; 16]).unwrap();
        let theirs = Argon2::default().hash_password(b"tulpen in de regen", &salt).unwrap().to_string();
        assert_eq!(hasher.verify(&theirs, &Password::new("tulpen in de regen")).unwrap(), Verdict::Match { needs_rehash: false });
        assert_eq!(hasher.verify(&theirs, &Password::new("tulpen in de zon")).unwrap(), Verdict::Mismatch);
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
