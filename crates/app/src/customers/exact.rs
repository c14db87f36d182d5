//! The exact-lookup indexes (email and phone) and their width, which grows with the shop.
//!
//! A blind-index value keeps few bits so that it coincides with about R / 2^L others (R the
//! customers, L the bits) and the index alone cannot tell who shares a value; CipherSweet's rule
//! asks for at least two. At 16 bits a shop of a million has 15 customers per value, and an exact
//! lookup reads and decrypts every one: most of its time. So new entries of these two indexes
//! keep the most bits that still leave two coincidences at the shop's size
//! ([`exact_bits_for`]: 18 at a million), and each is stored under an index id that names its
//! width ([`stored_index_id`]). Entries written while the shop was smaller keep their narrower
//! width until the customer's record is next written; a lookup asks every width at once
//! (`customers_by_any_index`), so nothing is ever missed, whichever instance wrote the entry.
//!
//! Names are not widened: the starts of their words are shared by many people anyway.

use std::sync::atomic::{AtomicU32, Ordering};

use strongroom_crypto::{BLIND_INDEX_BITS, BlindIndexKey, MAX_BLIND_INDEX_BITS};
use strongroom_store::BlindIndexEntry;

use crate::Vault;

/// The width new exact-lookup entries of an open vault are written at: set from the number of
/// customers when the vault opens, and raised by an import before it writes.
#[derive(Debug)]
pub(crate) struct ExactWidth(AtomicU32);

impl Default for ExactWidth {
    fn default() -> ExactWidth {
        ExactWidth(AtomicU32::new(BLIND_INDEX_BITS))
    }
}

impl ExactWidth {
    pub(crate) fn bits(&self) -> u32 {
        self.0.load(Ordering::Relaxed)
    }

    /// The width for a shop of `customers`.
    pub(crate) fn set_for(&self, customers: u64) {
        self.0.store(exact_bits_for(customers), Ordering::Relaxed);
    }

    /// At least the width for a shop of `customers`: an import about to add that many.
    pub(crate) fn raise_for(&self, customers: u64) {
        self.0.fetch_max(exact_bits_for(customers), Ordering::Relaxed);
    }
}

impl Vault {
    /// Raises the width new email and phone entries are written at to what the shop needs once
    /// `adding` more customers join the `customers` there are (as the import's validation
    /// counted them): an import, before it writes its first row, so that a million imported
    /// customers are written at 18 bits from the first. If the import stops part-way, the rows it
    /// committed keep that width and the next open sets the width from the customers there are.
    pub(crate) fn widen_exact_indexes_for(&self, customers: u64, adding: u64) {
        self.keys.exact_width.raise_for(customers.saturating_add(adding));
    }
}

/// The most bits that leave a shop of `customers` at least two coincidences per value
/// (R / 2^L ≥ 2), within `BLIND_INDEX_BITS ..= MAX_BLIND_INDEX_BITS`: 16 up to 262,143
/// customers, 17 from 2^18, 18 from 2^19 (so at a million), 19 from 2^20, 20 from 2^21.
pub(crate) fn exact_bits_for(customers: u64) -> u32 {
    let whole_log2 = customers.max(1).ilog2();
    whole_log2.saturating_sub(1).clamp(BLIND_INDEX_BITS, MAX_BLIND_INDEX_BITS)
}

/// The id an entry of index `kind` kept at `bits` bits is stored under: `kind` itself at the
/// least width (as every entry was before widths grew), 256 more for each bit above it.
pub(crate) fn stored_index_id(kind: u16, bits: u32) -> u16 {
    let bits = bits.clamp(BLIND_INDEX_BITS, MAX_BLIND_INDEX_BITS);
    kind + 256 * (bits - BLIND_INDEX_BITS) as u16
}

/// The entry of `normalised` in index `kind` at the width new entries are written at.
pub(crate) fn exact_entry(key: &BlindIndexKey, kind: u16, normalised: &[u8], width: &ExactWidth) -> BlindIndexEntry {
    let bits = width.bits();
    BlindIndexEntry { index_id: stored_index_id(kind, bits), value: key.compute_bits(normalised, bits) }
}

/// The entries `normalised` may be stored under in index `kind`: one per width, for a lookup.
pub(crate) fn exact_lookup_entries(key: &BlindIndexKey, kind: u16, normalised: &[u8]) -> Vec<BlindIndexEntry> {
    let tag = key.tag(normalised);
    (BLIND_INDEX_BITS..=MAX_BLIND_INDEX_BITS)
        .map(|bits| BlindIndexEntry { index_id: stored_index_id(kind, bits), value: tag.truncated(bits) })
        .collect()
}

#[cfg(test)]
mod tests {
    use strongroom_domain::{CustomerPatch, EmailAddress, NewCustomer, PersonName, PhoneE164};

    use super::*;
    use crate::customers::{CustomerQuery, test_vault};
    use crate::keyring::{INDEX_EMAIL, INDEX_NAME_PREFIX, INDEX_NAME_TOKEN, INDEX_PHONE};

    #[test]
    fn customers_written_at_any_width_are_found_and_an_edit_writes_the_current_width() {
        let dir = tempfile::tempdir().unwrap();
        let (vault, owner) = test_vault(dir.path());
        assert_eq!(vault.keys.exact_width.bits(), BLIND_INDEX_BITS, "a small shop");
        let email = EmailAddress::parse("anna@example.com").unwrap();
        let phone = PhoneE164::parse("+31612345678", strongroom_domain::Country::parse("NL").unwrap()).unwrap();
        let person = |name: &str, phone: Option<PhoneE164>| NewCustomer {
            email: Some(email.clone()),
            phone,
            ..NewCustomer::named(PersonName::parse("name", name).unwrap())
        };
        let anna = vault.add_customer(&owner, person("Anna", Some(phone.clone()))).unwrap().id;

        // The shop is about to hold a million: new entries keep 18 bits.
        vault.keys.exact_width.raise_for(1_000_000);
        let added = vault.add_customer(&owner, person("Anna Visser", None)).unwrap();
        assert_eq!(added.same_email, [anna], "the same email at the narrower width is reported");
        let bram = added.id;

        let stored = |bits: u32, kind: u16, key: &BlindIndexKey, normalised: &[u8]| {
            let entry = BlindIndexEntry { index_id: stored_index_id(kind, bits), value: key.compute_bits(normalised, bits) };
            let mut tx = vault.store.begin().unwrap();
            let mut found = tx.customers_by_index(entry).unwrap();
            found.sort();
            found
        };
        let email_at = |bits| stored(bits, INDEX_EMAIL, &vault.keys.email_index, email.normalised().as_bytes());
        let phone_at = |bits| stored(bits, INDEX_PHONE, &vault.keys.phone_index, phone.as_str().as_bytes());
        assert_eq!(email_at(16), [anna.as_uuid()]);
        assert_eq!(email_at(18), [bram.as_uuid()]);
        assert_eq!(phone_at(16), [anna.as_uuid()]);
        let by_email = vault.find_customers(&owner, &CustomerQuery::Email(email.clone()), None).unwrap();
        assert_eq!(by_email.iter().map(|customer| customer.id).collect::<Vec<_>>(), [anna, bram], "both widths, in id order");
        let by_phone = vault.find_customers(&owner, &CustomerQuery::Phone(phone.clone()), None).unwrap();
        assert_eq!(by_phone.iter().map(|customer| customer.id).collect::<Vec<_>>(), [anna]);

        // Anna's record written again: all her entries at the width of the day, none left behind.
        let patch = CustomerPatch { name: Some(PersonName::parse("name", "Anna de Vries").unwrap()), ..CustomerPatch::default() };
        vault.edit_customer(&owner, anna, patch).unwrap();
        assert_eq!(email_at(16), Vec::<uuid::Uuid>::new());
        assert_eq!(email_at(18), [anna.as_uuid(), bram.as_uuid()]);
        assert_eq!((phone_at(16), phone_at(18)), (Vec::new(), vec![anna.as_uuid()]));
        let by_phone = vault.find_customers(&owner, &CustomerQuery::Phone(phone), None).unwrap();
        assert_eq!(by_phone.iter().map(|customer| customer.id).collect::<Vec<_>>(), [anna]);
        assert_eq!(vault.find_customers(&owner, &CustomerQuery::Email(email), None).unwrap().len(), 2);
    }

    #[test]
    fn an_import_widens_for_the_customers_there_are_and_those_it_adds_and_never_narrows() {
        let dir = tempfile::tempdir().unwrap();
        let (vault, owner) = test_vault(dir.path());
        for name in ["Anna", "Bram", "Cas"] {
            vault.add_customer(&owner, NewCustomer::named(PersonName::parse("name", name).unwrap())).unwrap();
        }
        // The import's validation counts the customers there are and hands the count on.
        let there = vault.store.begin_snapshot().unwrap().count_customers().unwrap();
        assert_eq!(there, 3);
        vault.widen_exact_indexes_for(there, (1 << 19) - 4);
        assert_eq!(vault.keys.exact_width.bits(), 17, "three customers and 2^19 - 4 more are one short of 2^19");
        vault.widen_exact_indexes_for(there, (1 << 19) - 3);
        assert_eq!(vault.keys.exact_width.bits(), 18, "with one more the shop reaches 2^19");
        vault.widen_exact_indexes_for(there, 10);
        assert_eq!(vault.keys.exact_width.bits(), 18, "a small import after a large one does not narrow");
    }

    #[test]
    fn the_width_keeps_two_coincidences_per_value_at_every_size() {
        assert_eq!(exact_bits_for(0), 16);
        assert_eq!(exact_bits_for(262_143), 16);
        assert_eq!(exact_bits_for(262_144), 17);
        assert_eq!(exact_bits_for(524_288), 18);
        assert_eq!(exact_bits_for(1_000_000), 18);
        assert_eq!(exact_bits_for(1_048_576), 19);
        assert_eq!(exact_bits_for(u64::MAX), 20);
        for customers in (0..40).map(|shift| 1u64 << shift).flat_map(|n| [n - 1, n, n + 1]) {
            let bits = exact_bits_for(customers);
            let coincidences = customers as f64 / f64::from(1u32 << bits);
            assert!(bits == BLIND_INDEX_BITS || coincidences >= 2.0, "{customers}: {bits} bits leave {coincidences}");
            assert!(bits == MAX_BLIND_INDEX_BITS || coincidences < 4.0, "{customers}: {bits} bits is narrower than needed");
        }
    }

    #[test]
    fn every_width_of_every_index_has_an_id_of_its_own() {
        let kinds = [INDEX_EMAIL, INDEX_PHONE, INDEX_NAME_TOKEN, INDEX_NAME_PREFIX];
        let mut ids: Vec<u16> = kinds.iter().flat_map(|kind| (0..=32).map(|bits| stored_index_id(*kind, bits))).collect();
        assert_eq!(stored_index_id(INDEX_EMAIL, BLIND_INDEX_BITS), INDEX_EMAIL, "the least width keeps the ids stored before");
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), kinds.len() * (MAX_BLIND_INDEX_BITS - BLIND_INDEX_BITS + 1) as usize);
    }
}
