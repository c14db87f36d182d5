//! A shop key derived from a passphrase with Argon2id (RFC 9106), for shops without a key file.

use std::fmt;

use argon2::{Algorithm, Argon2, Block, Params, Version};
use unicode_normalization::UnicodeNormalization;
use zeroize::Zeroizing;

use crate::{CryptoError, ShopKey, random_bytes};

/// A passphrase, NFKC-normalised (as NIST SP 800-63B asks of passwords) so the same words typed
/// on another keyboard or operating system give the same key.
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    /// Shorter passphrases are refused: this one secret guards every customer record.
    pub const MIN_CHARS: usize = 15;

    pub fn new(typed: &str) -> Passphrase {
        let normalised: String = typed.trim_end_matches(['\r', '\n']).nfkc().collect();
        Passphrase(Zeroizing::new(normalised))
    }

    /// Checks the length rule for a new passphrase (an existing one is accepted as it is).
    pub fn check_new(&self) -> Result<(), CryptoError> {
        if self.0.chars().count() < Passphrase::MIN_CHARS {
            return Err(CryptoError::PassphraseTooShort { min: Passphrase::MIN_CHARS });
        }
        Ok(())
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(<secret>)")
    }
}

/// Argon2id parameters and salt, stored with the keyring so the same key can be derived again.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct KdfParams {
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
    pub salt: [u8; 16],
}

impl KdfParams {
    /// 64 MiB, 3 passes, 1 lane: above RFC 9106's second recommended option and OWASP's
    /// minimum (19 MiB, t=2), at about a tenth of a second per unlock on a shop PC.
    pub fn generate() -> Result<KdfParams, CryptoError> {
        let mut salt = [0u8; 16];
        random_bytes(&mut salt)?;
        Ok(KdfParams { memory_kib: 64 * 1024, iterations: 3, parallelism: 1, salt })
    }

    /// The PHC-like text form stored in the keyring: `argon2id$v=19$m=65536,t=3,p=1$<salt hex>`.
    pub fn encode(&self) -> String {
        let salt: String = self.salt.iter().map(|b| format!("{b:02x}")).collect();
        format!("argon2id$v=19$m={},t={},p={}${salt}", self.memory_kib, self.iterations, self.parallelism)
    }

    pub fn decode(text: &str) -> Result<KdfParams, CryptoError> {
        let bad = |what: &str| CryptoError::KdfParams(what.to_owned());
        let parts: Vec<&str> = text.split('$').collect();
        let [algorithm, version, costs, salt] = parts.as_slice() else {
            return Err(bad("expected four $-separated parts"));
        };
        if *algorithm != "argon2id" || *version != "v=19" {
            return Err(bad("only argon2id version 19 is supported"));
        }
        let mut memory_kib = None;
        let mut iterations = None;
        let mut parallelism = None;
        for cost in costs.split(',') {
            let (name, value) = cost.split_once('=').ok_or_else(|| bad("malformed cost"))?;
            let value: u32 = value.parse().map_err(|_| bad("malformed cost"))?;
            match name {
                "m" => memory_kib = Some(value),
                "t" => iterations = Some(value),
                "p" => parallelism = Some(value),
                _ => return Err(bad("unknown cost")),
            }
        }
        if salt.len() != 32 || !salt.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad("the salt must be 32 hexadecimal digits"));
        }
        let mut salt_bytes = [0u8; 16];
        for (index, byte) in salt_bytes.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&salt[index * 2..index * 2 + 2], 16).map_err(|_| bad("bad salt"))?;
        }
        match (memory_kib, iterations, parallelism) {
            (Some(memory_kib), Some(iterations), Some(parallelism)) => {
                Ok(KdfParams { memory_kib, iterations, parallelism, salt: salt_bytes })
            }
            _ => Err(bad("m, t and p are all required")),
        }
    }
}

impl ShopKey {
    /// Derives the shop key from a passphrase. This takes about a tenth of a second by design.
    pub fn from_passphrase(passphrase: &Passphrase, params: &KdfParams) -> Result<ShopKey, CryptoError> {
        let argon2_params = Params::new(params.memory_kib, params.iterations, params.parallelism, Some(32))
            .map_err(|error| CryptoError::KdfParams(error.to_string()))?;
        let block_count = argon2_params.block_count();
        let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, argon2_params);
        let mut key = Zeroizing::new([0u8; 32]);
        // The working memory holds values derived from the passphrase: wipe it after use.
        let mut blocks = Zeroizing::new(vec![Block::default(); block_count]);
        argon2
            .hash_password_into_with_memory(passphrase.0.as_bytes(), &params.salt, key.as_mut(), blocks.as_mut_slice())
            .map_err(|error| CryptoError::KdfParams(error.to_string()))?;
        Ok(ShopKey::from_bytes(&key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MasterKey;

    fn cheap_params() -> KdfParams {
        KdfParams { memory_kib: 1024, iterations: 1, parallelism: 1, salt: [7; 16] }
    }

    #[test]
    fn the_same_passphrase_opens_and_another_does_not() {
        let params = cheap_params();
        let key = ShopKey::from_passphrase(&Passphrase::new("correct horse battery staple"), &params).unwrap();
        let wrapped = key.wrap_master_key(&MasterKey::generate(1).unwrap()).unwrap();
        let again = ShopKey::from_passphrase(&Passphrase::new("correct horse battery staple\n"), &params).unwrap();
        assert!(again.unwrap_master_key(1, &wrapped).is_ok());
        let wrong = ShopKey::from_passphrase(&Passphrase::new("correct horse battery stapler"), &params).unwrap();
        assert!(matches!(wrong.unwrap_master_key(1, &wrapped), Err(CryptoError::WrongKey)));
    }

    #[test]
    fn compatibility_forms_of_a_character_give_the_same_key() {
        let params = cheap_params();
        // "ﬁ" (U+FB01) is NFKC "fi"; a full-width space is a space.
        let typed = ShopKey::from_passphrase(&Passphrase::new("ﬁve golden rings\u{3000}and more"), &params).unwrap();
        let plain = ShopKey::from_passphrase(&Passphrase::new("five golden rings and more"), &params).unwrap();
        let wrapped = typed.wrap_master_key(&MasterKey::generate(1).unwrap()).unwrap();
        assert!(plain.unwrap_master_key(1, &wrapped).is_ok());
    }

    #[test]
    fn params_round_trip_and_malformed_ones_are_refused() {
        let params = KdfParams::generate().unwrap();
        assert_eq!(KdfParams::decode(&params.encode()).unwrap(), params);
        for bad in [
            "",
            "argon2i$v=19$m=1,t=1,p=1$00",
            "argon2id$v=19$m=1,t=1$00112233445566778899aabbccddeeff",
            "argon2id$v=19$m=1,t=1,p=1$zz112233445566778899aabbccddeeff",
        ] {
            assert!(KdfParams::decode(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn new_passphrases_must_be_long() {
        assert!(Passphrase::new("short one").check_new().is_err());
        assert!(Passphrase::new("four rings, two earrings").check_new().is_ok());
    }
}
