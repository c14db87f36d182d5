//! Blind indexes: truncated keyed hashes that let the store find a customer by an exact value
//! without holding the value.
//!
//! The design is CipherSweet's: one root key, and a key per index derived from it and the
//! index's (table, field, name). Each index value is HMAC-SHA-256 of the normalised value,
//! truncated to [`BLIND_INDEX_BITS`] bits. Truncation is the point: with R customers and L bits
//! each value collides with about R / 2^L others, so the index alone cannot tell whether two
//! customers share an email. Callers decrypt the candidates and drop the false positives.

use std::fmt;

use aws_lc_rs::{hkdf, hmac};

use crate::{CryptoError, DataKey};

/// Bits kept of each blind-index HMAC, at the least.
///
/// CipherSweet's rule of thumb asks for 2 ≤ R / 2^L < √R coincidences per value. At 16 bits a
/// shop of 131,072 customers or more meets the lower bound; below that the index leaks more
/// equality than the rule wants, which a small shop's attacker could equally learn from its
/// customer count. Past 262,144 customers 16 bits leave more candidates than the rule needs (15
/// per value at a million, each read and decrypted by an exact lookup), so the exact-lookup
/// indexes (email, phone) may keep more bits as the shop grows ([`BlindIndexKey::compute_bits`],
/// up to [`MAX_BLIND_INDEX_BITS`]), each entry stored under an index id that names its width.
/// This least width is fixed per vault: changing it means recomputing every index from the
/// plaintext.
pub const BLIND_INDEX_BITS: u32 = 16;

/// The most bits any blind-index value keeps: enough for a shop of 2,097,152 customers (2^21)
/// to keep the rule's two coincidences per value.
pub const MAX_BLIND_INDEX_BITS: u32 = 20;

/// The root key of all blind indexes, itself stored wrapped like a data key.
pub struct BlindIndexRoot(hkdf::Prk);

impl BlindIndexRoot {
    /// Derives the root from the data key that holds it (`KeyOwner { kind: "blind_index_root" }`).
    pub fn from_data_key(key: &DataKey) -> BlindIndexRoot {
        let salt = hkdf::Salt::new(hkdf::HKDF_SHA256, b"strongroom.blind-index.v1");
        BlindIndexRoot(salt.extract(key.bytes()))
    }

    /// The key of one index, bound to the table, the field and the index's name.
    pub fn index_key(&self, table: &str, field: &str, index_name: &str) -> Result<BlindIndexKey, CryptoError> {
        let info = [table.as_bytes(), b"\0", field.as_bytes(), b"\0", index_name.as_bytes()];
        let okm = self.0.expand(&info, hkdf::HKDF_SHA256).map_err(|_| CryptoError::Random)?;
        let mut key_bytes = zeroize::Zeroizing::new([0u8; 32]);
        okm.fill(key_bytes.as_mut()).map_err(|_| CryptoError::Random)?;
        Ok(BlindIndexKey(hmac::Key::new(hmac::HMAC_SHA256, key_bytes.as_ref())))
    }
}

impl fmt::Debug for BlindIndexRoot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BlindIndexRoot(<secret>)")
    }
}

/// The key of one blind index.
pub struct BlindIndexKey(hmac::Key);

impl BlindIndexKey {
    /// The index value of an already-normalised input, in `0 .. 2^BLIND_INDEX_BITS`.
    pub fn compute(&self, normalised: &[u8]) -> u32 {
        self.compute_bits(normalised, BLIND_INDEX_BITS)
    }

    /// The index value of an already-normalised input kept to `bits` bits (clamped to
    /// `BLIND_INDEX_BITS ..= MAX_BLIND_INDEX_BITS`), in `0 .. 2^bits`: the first bits of the same
    /// HMAC, so a wider value starts with the narrower one.
    pub fn compute_bits(&self, normalised: &[u8], bits: u32) -> u32 {
        self.tag(normalised).truncated(bits)
    }

    /// The first 32 bits of the HMAC, to truncate to several widths without computing it again.
    pub fn tag(&self, normalised: &[u8]) -> BlindTag {
        let tag = hmac::sign(&self.0, normalised);
        BlindTag(u32::from_be_bytes([tag.as_ref()[0], tag.as_ref()[1], tag.as_ref()[2], tag.as_ref()[3]]))
    }
}

/// The first 32 bits of a blind index's HMAC; only ever stored truncated.
#[derive(Clone, Copy)]
pub struct BlindTag(u32);

impl BlindTag {
    /// The value kept at `bits` bits (clamped to `BLIND_INDEX_BITS ..= MAX_BLIND_INDEX_BITS`).
    pub fn truncated(self, bits: u32) -> u32 {
        self.0 >> (32 - bits.clamp(BLIND_INDEX_BITS, MAX_BLIND_INDEX_BITS))
    }
}

impl fmt::Debug for BlindTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BlindTag(<secret>)")
    }
}

/// A keyed digest for telling whether two requests are the same (an API create sent again
/// with its `Idempotency-Key`) without keeping the request, which holds personal data. Unlike a
/// blind index it is full length: equality is the point, and the digests live one day only.
pub struct RequestDigestKey(hmac::Key);

impl RequestDigestKey {
    /// Derived from the blind-index root, bound to its use.
    pub fn from_root(root: &BlindIndexRoot) -> Result<RequestDigestKey, CryptoError> {
        let BlindIndexKey(key) = root.index_key("api", "request", "idempotency")?;
        Ok(RequestDigestKey(key))
    }

    /// The keyed fingerprint of the shop's vault passwords: equal for equal passwords, derived
    /// for that use alone.
    pub fn password_fingerprints(root: &BlindIndexRoot) -> Result<RequestDigestKey, CryptoError> {
        let BlindIndexKey(key) = root.index_key("shop_secrets", "password", "fingerprint")?;
        Ok(RequestDigestKey(key))
    }

    pub fn digest(&self, request: &[u8]) -> [u8; 32] {
        let tag = hmac::sign(&self.0, request);
        let mut digest = [0u8; 32];
        digest.copy_from_slice(tag.as_ref());
        digest
    }
}

impl fmt::Debug for RequestDigestKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RequestDigestKey(<secret>)")
    }
}

impl fmt::Debug for BlindIndexKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BlindIndexKey(<secret>)")
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    fn root() -> BlindIndexRoot {
        BlindIndexRoot::from_data_key(&DataKey::generate(1).unwrap())
    }

    #[test]
    fn the_same_value_gives_the_same_index_under_one_key() {
        let root = root();
        let key = root.index_key("customer", "email", "exact").unwrap();
        assert_eq!(key.compute(b"anna@example.nl"), key.compute(b"anna@example.nl"));
        assert!(key.compute(b"anna@example.nl") < (1 << BLIND_INDEX_BITS));
    }

    #[test]
    fn indexes_on_different_fields_and_vaults_are_unrelated() {
        let root = root();
        let email = root.index_key("customer", "email", "exact").unwrap();
        let phone = root.index_key("customer", "phone", "exact").unwrap();
        let other_vault = self::root().index_key("customer", "email", "exact").unwrap();
        let values: Vec<String> = (0..64).map(|n| format!("customer{n}@example.nl")).collect();
        let same_as_phone = values.iter().filter(|v| email.compute(v.as_bytes()) == phone.compute(v.as_bytes())).count();
        let same_as_other = values.iter().filter(|v| email.compute(v.as_bytes()) == other_vault.compute(v.as_bytes())).count();
        // Independent 16-bit values coincide about once in 65,536 tries.
        assert!(same_as_phone <= 1 && same_as_other <= 1);
    }

    #[test]
    fn values_spread_over_the_whole_range() {
        let key = root().index_key("customer", "email", "exact").unwrap();
        let distinct: HashSet<u32> = (0..4096).map(|n| key.compute(format!("{n}").as_bytes())).collect();
        // 4,096 draws from 65,536 buckets leave about 3,970 distinct values.
        assert!(distinct.len() > 3800, "{}", distinct.len());
    }

    #[test]
    fn a_wider_value_starts_with_the_narrower_one_and_stays_in_its_range() {
        let key = root().index_key("customer", "email", "exact").unwrap();
        for n in 0..256 {
            let input = format!("customer{n}@example.nl");
            assert_eq!(key.compute_bits(input.as_bytes(), BLIND_INDEX_BITS), key.compute(input.as_bytes()));
            for bits in BLIND_INDEX_BITS..=MAX_BLIND_INDEX_BITS {
                let value = key.compute_bits(input.as_bytes(), bits);
                assert!(value < 1 << bits);
                assert_eq!(value >> (bits - BLIND_INDEX_BITS), key.compute(input.as_bytes()));
            }
            // Out of range is clamped, never a value wider than the most a vault stores.
            assert_eq!(key.compute_bits(input.as_bytes(), 32), key.compute_bits(input.as_bytes(), MAX_BLIND_INDEX_BITS));
            assert_eq!(key.compute_bits(input.as_bytes(), 0), key.compute(input.as_bytes()));
        }
    }
}
