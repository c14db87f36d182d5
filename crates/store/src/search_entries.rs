//! A customer's own search entries, listed in one row of their own (`customer_search_entries`):
//! six bytes each, the index id then the value, big-endian, in the index's order.
//!
//! The list finds a customer's entries in `blind_index` when their record changes or is erased
//! (each is deleted by its key, so an erasure removes every entry, even one made under an older
//! rule), and tells which customers a newer index has not reached. It replaces an index of
//! `blind_index` by customer, which cost an import a second copy of every entry (ADR 0003). It
//! says nothing `blind_index` does not: that table already pairs every value with its customer.

use uuid::Uuid;

use crate::{BlindIndexEntry, StoreError};

const ENTRY_BYTES: usize = 6;

/// Customers whose lists are read at a time when looking for those an index has not reached.
const SCAN_PAGE: usize = 2_000;

/// The list of `entries`, each once, in the index's order; `None` when there are none.
pub(crate) fn encode(entries: &[BlindIndexEntry]) -> Option<Vec<u8>> {
    let mut sorted = entries.to_vec();
    sorted.sort_unstable_by_key(|entry| (entry.index_id, entry.value));
    sorted.dedup();
    if sorted.is_empty() {
        return None;
    }
    Some(sorted.iter().flat_map(|entry| entry.index_id.to_be_bytes().into_iter().chain(entry.value.to_be_bytes())).collect())
}

/// The entries of a stored list (`None`: none).
pub(crate) fn decode(list: Option<&[u8]>) -> Result<Vec<BlindIndexEntry>, StoreError> {
    let Some(list) = list else { return Ok(Vec::new()) };
    if !list.len().is_multiple_of(ENTRY_BYTES) {
        return Err(StoreError::Corrupt(format!(
            "a customer's list of search entries is {} bytes, not a whole number of entries",
            list.len()
        )));
    }
    Ok(list
        .chunks_exact(ENTRY_BYTES)
        .map(|entry| BlindIndexEntry {
            index_id: u16::from_be_bytes([entry[0], entry[1]]),
            value: u32::from_be_bytes([entry[2], entry[3], entry[4], entry[5]]),
        })
        .collect())
}

/// A stored list with `more` entries added.
pub(crate) fn merged(list: Option<&[u8]>, more: &[BlindIndexEntry]) -> Result<Option<Vec<u8>>, StoreError> {
    let mut entries = decode(list)?;
    entries.extend_from_slice(more);
    Ok(encode(&entries))
}

/// The first `limit` customers after `after`, in id order, whose list has no entry of
/// `index_id`. `page(after, n)` reads the next `n` customers' ids and lists (`None`: no list)
/// in id order.
pub(crate) fn customers_without(
    index_id: u16,
    mut after: Option<Uuid>,
    limit: usize,
    mut page: impl FnMut(Option<Uuid>, usize) -> Result<Vec<(Uuid, Option<Vec<u8>>)>, StoreError>,
) -> Result<Vec<Uuid>, StoreError> {
    let mut found = Vec::new();
    while found.len() < limit {
        let lists = page(after, SCAN_PAGE)?;
        let Some((last, _)) = lists.last() else { break };
        after = Some(*last);
        for (id, list) in &lists {
            if !decode(list.as_deref())?.iter().any(|entry| entry.index_id == index_id) {
                found.push(*id);
                if found.len() == limit {
                    break;
                }
            }
        }
        if lists.len() < SCAN_PAGE {
            break;
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn entry() -> impl Strategy<Value = BlindIndexEntry> {
        (any::<u16>(), any::<u32>()).prop_map(|(index_id, value)| BlindIndexEntry { index_id, value })
    }

    proptest! {
        #[test]
        fn a_list_reads_back_as_its_entries_each_once_in_order(entries in proptest::collection::vec(entry(), 0..40)) {
            let list = encode(&entries);
            let mut expected = entries.clone();
            expected.sort_unstable_by_key(|entry| (entry.index_id, entry.value));
            expected.dedup();
            prop_assert_eq!(list.is_none(), entries.is_empty());
            prop_assert_eq!(decode(list.as_deref()).unwrap(), expected);
        }

        #[test]
        fn adding_entries_keeps_the_old_ones(old in proptest::collection::vec(entry(), 0..20), more in proptest::collection::vec(entry(), 0..20)) {
            let list = merged(encode(&old).as_deref(), &more).unwrap();
            let all: Vec<BlindIndexEntry> = old.iter().chain(&more).copied().collect();
            prop_assert_eq!(list, encode(&all));
        }

        #[test]
        fn a_list_of_any_other_length_is_damage(bytes in proptest::collection::vec(any::<u8>(), 1..60)) {
            prop_assume!(!bytes.len().is_multiple_of(ENTRY_BYTES));
            prop_assert!(matches!(decode(Some(&bytes)), Err(StoreError::Corrupt(_))));
        }
    }

    #[test]
    fn the_scan_pages_through_customers_until_it_has_enough() {
        let ids: Vec<Uuid> = (0..(SCAN_PAGE as u128 * 2 + 10)).map(Uuid::from_u128).collect();
        let reached = encode(&[BlindIndexEntry { index_id: 4, value: 1 }]);
        // Every customer has the index except every thousandth and the last few.
        let list = |n: usize| if n.is_multiple_of(1_000) || n >= SCAN_PAGE * 2 + 7 { None } else { reached.clone() };
        let mut pages = 0;
        let page = |after: Option<Uuid>, n: usize| {
            pages += 1;
            let start = after.map_or(0, |id| id.as_u128() as usize + 1);
            Ok(ids.iter().enumerate().skip(start).take(n).map(|(i, id)| (*id, list(i))).collect())
        };
        let found = customers_without(4, None, 3, page).unwrap();
        assert_eq!(found, [ids[0], ids[1_000], ids[2_000]]);
        assert_eq!(pages, 2, "it stopped when it had three");
        let rest = customers_without(4, Some(ids[2_000]), 10, |after, n| {
            let start = after.map_or(0, |id| id.as_u128() as usize + 1);
            Ok(ids.iter().enumerate().skip(start).take(n).map(|(i, id)| (*id, list(i))).collect())
        })
        .unwrap();
        assert_eq!(rest, [ids[3_000], ids[4_000], ids[4_007], ids[4_008], ids[4_009]]);
        assert_eq!(customers_without(3, None, 10, |_, _| Ok(Vec::new())).unwrap(), Vec::<Uuid>::new());
    }
}
