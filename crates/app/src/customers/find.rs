//! Finding customers: an exact lookup by email or phone, a search by the starts of the name's
//! words, and the same-email check of a new customer. Each walks the blind index's candidates a
//! batch at a time, reads them with their data keys, and keeps those whose decrypted value
//! matches; only the customers returned are disclosed, and so recorded.

use strongroom_domain::{
    Actor, AuditAction, Customer, CustomerId, EmailAddress, Field, NAME_PREFIX_MIN, Outcome, Permission, Purpose, RecordKind, name_matches,
    name_tokens, search_prefix,
};
use strongroom_store::{BlindIndexEntry, Tx};
use uuid::Uuid;

use super::exact::exact_lookup_entries;
use super::{CustomerQuery, FIND_LIMIT, FoundCustomers, customer_categories, mask_for};
use crate::keyring::{INDEX_EMAIL, INDEX_NAME_PREFIX, INDEX_PHONE};
use crate::trail::draft::EventDraft;
use crate::{AppError, Vault};

/// Which candidates a lookup reads: those under all of the entries (the words of a name), or
/// under any (an email or phone number at each width its entry may have).
#[derive(Clone, Copy)]
enum Under<'a> {
    All(&'a [BlindIndexEntry]),
    Any(&'a [BlindIndexEntry]),
}

impl Vault {
    /// Customers whose email matches exactly (after normalisation), decrypted to drop false positives.
    pub(crate) fn customers_with_email(&self, tx: &mut dyn Tx, email: &EmailAddress) -> Result<Vec<Customer>, AppError> {
        let entries = exact_lookup_entries(&self.keys.email_index, INDEX_EMAIL, email.normalised().as_bytes());
        let wanted = email.normalised();
        let matches = |customer: &Customer| customer.email.as_ref().is_some_and(|e| e.normalised() == wanted);
        Ok(self.candidates(tx, Under::Any(&entries), matches, None, FIND_LIMIT)?.customers)
    }

    /// The matches of `query` in id order after `after`, at most `limit`, and whether there are
    /// more: its blind-index entries, and what a decrypted candidate must hold to match.
    fn matches_of(
        &self,
        tx: &mut dyn Tx,
        query: &CustomerQuery,
        after: Option<CustomerId>,
        limit: usize,
    ) -> Result<FoundCustomers, AppError> {
        Ok(match query {
            CustomerQuery::Email(email) => {
                let entries = exact_lookup_entries(&self.keys.email_index, INDEX_EMAIL, email.normalised().as_bytes());
                let wanted = email.normalised();
                let matches = |customer: &Customer| customer.email.as_ref().is_some_and(|e| e.normalised() == wanted);
                self.candidates(tx, Under::Any(&entries), matches, after, limit)?
            }
            CustomerQuery::Phone(phone) => {
                let entries = exact_lookup_entries(&self.keys.phone_index, INDEX_PHONE, phone.as_str().as_bytes());
                self.candidates(tx, Under::Any(&entries), |customer| customer.phone.as_ref() == Some(phone), after, limit)?
            }
            CustomerQuery::Name(name) => {
                // Each word typed is the start of a word of the name ("mart" finds Martinez). The
                // longest words are looked up first: they narrow the candidates most.
                let mut words = name_tokens(name);
                words.sort_by_key(|word| std::cmp::Reverse(word.chars().count()));
                let mut entries: Vec<BlindIndexEntry> = Vec::new();
                for prefix in words.iter().filter_map(|word| search_prefix(word)) {
                    let entry =
                        BlindIndexEntry { index_id: INDEX_NAME_PREFIX, value: self.keys.name_prefix_index.compute(prefix.as_bytes()) };
                    if !entries.contains(&entry) {
                        entries.push(entry);
                    }
                }
                if entries.is_empty() {
                    let why = format!("give at least {NAME_PREFIX_MIN} letters of a word of the name");
                    return Err(strongroom_domain::DomainError::invalid("name", why).into());
                }
                let matches = |customer: &Customer| name_matches(&name_tokens(customer.name.as_str()), &words);
                self.candidates(tx, Under::All(&entries), matches, after, limit)?
            }
        })
    }

    /// The customers found under all of `entries` that `matches` accepts (blind-index values
    /// coincide, so each candidate is decrypted and checked), in id order after `after`: at most
    /// `limit`, and whether there are more. Candidates come a batch at a time, so a common name
    /// costs about what one page shows, not every namesake in the shop.
    fn candidates(
        &self,
        tx: &mut dyn Tx,
        under: Under<'_>,
        matches: impl Fn(&Customer) -> bool,
        after: Option<CustomerId>,
        limit: usize,
    ) -> Result<FoundCustomers, AppError> {
        const BATCH: usize = 64;
        let mut customers = Vec::new();
        let mut cursor = after.map(|id| id.as_uuid());
        loop {
            let batch = match under {
                Under::All(entries) => tx.customers_by_all_indexes(entries, cursor, BATCH)?,
                Under::Any(entries) => tx.customers_by_any_index(entries, cursor, BATCH)?,
            };
            // The candidates' rows and keys are read a few at a time (one statement each time,
            // one round trip on PostgreSQL), never many more than the page still needs.
            let mut unread = batch.as_slice();
            while !unread.is_empty() {
                let (now, later) = unread.split_at(unread.len().min(limit + 1 - customers.len()));
                unread = later;
                for (row, key_row) in tx.customers_with_keys(now)? {
                    if let Some(customer) = self.open_unrestricted_with_key(&row, key_row.as_ref())?
                        && matches(&customer)
                    {
                        if customers.len() == limit {
                            return Ok(FoundCustomers { customers, more: true, last_visits: Default::default() });
                        }
                        customers.push(customer);
                    }
                }
            }
            if batch.len() < BATCH {
                return Ok(FoundCustomers { customers, more: false, last_visits: Default::default() });
            }
            cursor = batch.last().copied();
        }
    }

    /// Exact lookup through a blind index, at most [`FIND_LIMIT`] customers. Each customer
    /// returned is an audited disclosure.
    pub fn find_customers(&self, actor: &Actor, query: &CustomerQuery, purpose: Option<&Purpose>) -> Result<Vec<Customer>, AppError> {
        Ok(self.find_customers_page(actor, query, purpose, None, FIND_LIMIT)?.customers)
    }

    /// A page of a lookup: the matches in id order after `after`, at most `limit`, and whether
    /// there are more. Only the customers returned are disclosed, and so recorded.
    pub fn find_customers_page(
        &self,
        actor: &Actor,
        query: &CustomerQuery,
        purpose: Option<&Purpose>,
        after: Option<CustomerId>,
        limit: usize,
    ) -> Result<FoundCustomers, AppError> {
        let purpose = purpose.map(Purpose::as_str);
        let limit = limit.clamp(1, FIND_LIMIT);
        self.require(actor, Permission::CustomerRead, AuditAction::CustomerFind, None)?;
        // Looking a customer up by a field tells who has that value: a role may only search by
        // the fields it sees (the workshop: name and phone, not email).
        let field = match query {
            CustomerQuery::Email(_) => Field::CustomerEmail,
            CustomerQuery::Phone(_) => Field::CustomerPhone,
            CustomerQuery::Name(_) => Field::CustomerName,
        };
        if !actor.role.sees_customer_field(field) {
            let mut tx = self.store.begin()?;
            let event = EventDraft::new(actor, AuditAction::CustomerFind).detail(format!("search by {} refused", field.name()));
            self.record(tx.as_mut(), &[event.finish(Outcome::Denied)])?;
            tx.commit()?;
            return Err(AppError::Denied {
                role: actor.role.as_str(),
                what: "search by a field this role does not see",
                permission: Permission::CustomerRead,
            });
        }
        let mut tx = self.store.begin()?;
        let found = self.matches_of(tx.as_mut(), query, after, limit)?;
        let FoundCustomers { customers: mut found, more, .. } = found;
        for customer in &mut found {
            mask_for(actor.role, customer);
        }
        let ids: Vec<Uuid> = found.iter().map(|customer| customer.id.as_uuid()).collect();
        let mut last_visits = std::collections::HashMap::new();
        for (id, day) in tx.last_visits(&ids, actor.may(Permission::PurchaseRead), actor.may(Permission::RepairRead))? {
            last_visits.insert(CustomerId::from_uuid(id), crate::customers::codec::decode_date(day.as_bytes())?);
        }
        let events: Vec<_> = if found.is_empty() {
            vec![EventDraft::new(actor, AuditAction::CustomerFind).purpose(purpose).detail("no match").finish(Outcome::Allowed)]
        } else {
            found
                .iter()
                .map(|customer| {
                    EventDraft::new(actor, AuditAction::CustomerFind)
                        .target(RecordKind::Customer, customer.id.as_uuid())
                        .categories(customer_categories(customer))
                        .purpose(purpose)
                        .finish(Outcome::Allowed)
                })
                .collect()
        };
        self.record(tx.as_mut(), &events)?;
        tx.commit()?;
        Ok(FoundCustomers { customers: found, more, last_visits })
    }
}

#[cfg(test)]
mod tests {
    use strongroom_domain::{CustomerPatch, NewCustomer, PersonName};

    use super::*;
    use crate::customers::{index_entries, test_vault};

    #[test]
    fn blind_index_coincidences_are_filtered_out_after_decryption() {
        let dir = tempfile::tempdir().unwrap();
        let (vault, owner) = test_vault(dir.path());
        let anna = NewCustomer {
            email: Some(EmailAddress::parse("anna@example.com").unwrap()),
            ..NewCustomer::named(PersonName::parse("name", "Anna").unwrap())
        };
        let anna_id = vault.add_customer(&owner, anna).unwrap().id;

        // Another address whose 16-bit index value is Anna's: about one in 65,536 is.
        let target = vault.keys.email_index.compute(b"anna@example.com");
        let colliding =
            (0u32..).map(|n| format!("x{n}@example.com")).find(|email| vault.keys.email_index.compute(email.as_bytes()) == target).unwrap();
        let entry = BlindIndexEntry { index_id: INDEX_EMAIL, value: target };
        let mut tx = vault.store.begin().unwrap();
        assert_eq!(tx.customers_by_index(entry).unwrap(), [anna_id.as_uuid()], "the index alone cannot tell them apart");
        drop(tx);
        let query = CustomerQuery::Email(EmailAddress::parse(&colliding).unwrap());
        assert!(vault.find_customers(&owner, &query, None).unwrap().is_empty());
    }

    #[test]
    fn names_are_found_by_the_starts_of_their_words_alone_and_older_whole_word_entries_go_at_the_next_write() {
        use crate::keyring::INDEX_NAME_TOKEN;
        let dir = tempfile::tempdir().unwrap();
        let (vault, owner) = test_vault(dir.path());
        let id = vault.add_customer(&owner, NewCustomer::named(PersonName::parse("name", "Mila de Vries").unwrap())).unwrap().id;
        let old_word = BlindIndexEntry { index_id: INDEX_NAME_TOKEN, value: 7 };
        let starts = |tx: &mut dyn Tx| -> Vec<&str> {
            let prefix =
                |word: &str| BlindIndexEntry { index_id: INDEX_NAME_PREFIX, value: vault.keys.name_prefix_index.compute(word.as_bytes()) };
            ["mi", "mila", "de", "vri", "vries"]
                .into_iter()
                .filter(|word| tx.customers_by_index(prefix(word)).unwrap() == [id.as_uuid()])
                .collect()
        };
        let mut tx = vault.store.begin().unwrap();
        let (row, key) = tx.customers_with_keys(&[id.as_uuid()]).unwrap().remove(0);
        let customer = vault.open_with_key(&row, key.as_ref()).unwrap().unwrap();
        let entries = index_entries(&vault.keys, &customer);
        assert!(entries.iter().all(|entry| entry.index_id == INDEX_NAME_PREFIX), "no whole-word entry is written: {entries:?}");
        assert_eq!(starts(tx.as_mut()).len(), 5, "every start of every word");
        // A customer an older version stored has a whole-word entry too (its value is made up).
        tx.add_index_entries(id.as_uuid(), &[old_word]).unwrap();
        tx.commit().unwrap();
        let name = |text: &str| CustomerQuery::Name(text.into());
        for typed in ["mila", "de vri", "Vries", "MI"] {
            assert_eq!(vault.find_customers(&owner, &name(typed), None).unwrap().len(), 1, "{typed}");
        }
        let patch = CustomerPatch {
            notes: Some(Some(strongroom_domain::FreeText::parse("notes", "ring resized").unwrap())),
            ..CustomerPatch::default()
        };
        vault.edit_customer(&owner, id, patch).unwrap();
        let mut tx = vault.store.begin().unwrap();
        assert!(tx.customers_by_index(old_word).unwrap().is_empty(), "the whole-word entry went with the edit");
        assert_eq!(starts(tx.as_mut()).len(), 5, "the starts stay");
    }
}
