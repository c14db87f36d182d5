//! Customer use-cases: add, show, find, list, edit, and crypto-shredding a customer's key.

pub(crate) mod codec;
pub(crate) mod exact;
mod find;
pub(crate) mod import;
pub(crate) mod merge;
pub(crate) mod once;
pub(crate) mod records;
pub(crate) mod sealing;
pub(crate) mod show;
pub(crate) mod workshop;

use strongroom_domain::{
    Actor, AmlRecord, AuditAction, Customer, CustomerId, CustomerPatch, EmailAddress, Field, NewCustomer, Outcome, Permission, PersonName,
    PhoneE164, Purchase, RecordKind, Repair, Role, name_prefixes, name_tokens,
};
use strongroom_store::{BlindIndexEntry, CustomerRow, DataKeyRow, NewCustomerRows, OwnerKind, Tx};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::customers::exact::exact_entry;
use crate::customers::once::{Created, Once};
use crate::customers::sealing::{categories_of, open_customer, present_categories, seal_customer};
use crate::keyring::{INDEX_EMAIL, INDEX_NAME_PREFIX, INDEX_PHONE, NAME_PREFIX_UPGRADE, UnlockedKeyring};
use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, now_micros};

/// How to look a customer up. Each uses a blind index; candidates are decrypted and compared.
#[derive(Debug, Clone)]
pub enum CustomerQuery {
    Email(EmailAddress),
    Phone(PhoneE164),
    /// Every word typed (two letters or more) must start a word of the customer's name, in any
    /// order.
    Name(String),
}

/// A customer with the records the actor's role may see; `None` where the role may not.
#[derive(Debug, Clone)]
pub struct CustomerRecord {
    pub customer: Customer,
    pub purchases: Option<Vec<Purchase>>,
    pub repairs: Option<Vec<Repair>>,
    pub aml_records: Option<Vec<AmlRecord>>,
}

/// The most customers one lookup returns; a page of a lookup returns at most this many too.
pub const FIND_LIMIT: usize = 1000;

/// The one purpose a restricted record opens for (GDPR Art. 18(2)).
pub const LEGAL_CLAIM: &str = "legal_claim";

/// The trail's words for a refusal because the record is restricted.
pub(crate) const RESTRICTED: &str = "the record is restricted at the person's request (GDPR Art. 18)";

/// A page of a lookup's matches, and whether more match after the last one.
#[derive(Debug, Clone, Default)]
pub struct FoundCustomers {
    pub customers: Vec<Customer>,
    pub more: bool,
    /// The last day each customer found bought something or brought something in, as far as the
    /// searcher may see purchases and jobs: what tells two namesakes apart with the town and
    /// the birth year.
    pub last_visits: std::collections::HashMap<CustomerId, time::Date>,
}

/// A page of the customer list.
#[derive(Debug, Clone)]
pub struct CustomerPage {
    pub customers: Vec<CustomerSummary>,
    pub next_after: Option<CustomerId>,
}

/// One line of a customer list.
#[derive(Debug, Clone)]
pub struct CustomerSummary {
    pub id: CustomerId,
    pub name: PersonName,
    pub email: Option<EmailAddress>,
    pub phone: Option<PhoneE164>,
}

/// A new customer's id, and any existing customers with the same email address (reported so
/// staff can merge by hand; never merged silently).
#[derive(Debug, Clone)]
pub struct AddedCustomer {
    pub id: CustomerId,
    pub same_email: Vec<CustomerId>,
}

/// The blind-index entries of a customer: email and phone (at the vault's width for them) and
/// the starts of each word of the name, which a name search looks up. (Whole words are no
/// longer written: no search read them, and they told a reader of the database more precisely
/// who shares a name. About a sixth of an import's entries.)
pub(crate) fn index_entries(keys: &UnlockedKeyring, customer: &Customer) -> Vec<BlindIndexEntry> {
    let mut entries = Vec::with_capacity(16);
    if let Some(email) = &customer.email {
        entries.push(exact_entry(&keys.email_index, INDEX_EMAIL, email.normalised().as_bytes(), &keys.exact_width));
    }
    if let Some(phone) = &customer.phone {
        entries.push(exact_entry(&keys.phone_index, INDEX_PHONE, phone.as_str().as_bytes(), &keys.exact_width));
    }
    entries.extend(name_prefix_entries(keys, &name_tokens(customer.name.as_str())));
    entries
}

impl Vault {
    /// Gives customers stored before the name-prefix index their prefix entries, so that a
    /// search by the start of a name finds them too; run when the vault is opened, until done.
    /// Each batch is a transaction with its audit event (the system read those names, inside
    /// this process only); once every customer is reached the upgrade is recorded as done, and
    /// later opens cost one read.
    pub(crate) fn index_older_names(&self) -> Result<u64, AppError> {
        const BATCH: usize = 500;
        let done = {
            let mut tx = self.store.begin_snapshot()?;
            tx.upgrade_done(NAME_PREFIX_UPGRADE)?
        };
        if done {
            return Ok(0);
        }
        let system = Actor::system("strongroom");
        let mut cursor = None;
        let mut reached = 0u64;
        loop {
            let mut tx = self.store.begin()?;
            let rows = tx.customers_without_index(INDEX_NAME_PREFIX, cursor, BATCH)?;
            cursor = rows.last().map(|row| row.id);
            let mut batch = 0u64;
            for row in &rows {
                // An erased customer has no key, and no name to index.
                let Some(customer) = self.open_unrestricted(tx.as_mut(), row)? else { continue };
                let entries = name_prefix_entries(&self.keys, &name_tokens(customer.name.as_str()));
                if !entries.is_empty() {
                    tx.add_index_entries(row.id, &entries)?;
                    batch += 1;
                }
            }
            let last = rows.len() < BATCH;
            if batch > 0 || last {
                let detail = format!("name-prefix search entries added for {batch} customers{}", if last { "; done" } else { "" });
                let event = EventDraft::new(&system, AuditAction::CustomerReindex).categories([Field::CustomerName.category()]);
                self.record(tx.as_mut(), &[event.detail(detail).finish(Outcome::Allowed)])?;
            }
            if last {
                tx.mark_upgrade_done(NAME_PREFIX_UPGRADE, now_micros())?;
            }
            tx.commit()?;
            reached += batch;
            if last {
                return Ok(reached);
            }
        }
    }
}

/// The prefix-index entries of a name's tokens, each value once.
pub(crate) fn name_prefix_entries(keys: &UnlockedKeyring, tokens: &[String]) -> Vec<BlindIndexEntry> {
    let mut entries: Vec<BlindIndexEntry> = Vec::new();
    for prefix in tokens.iter().flat_map(|token| name_prefixes(token)) {
        let entry = BlindIndexEntry { index_id: INDEX_NAME_PREFIX, value: keys.name_prefix_index.compute(prefix.as_bytes()) };
        if !entries.contains(&entry) {
            entries.push(entry);
        }
    }
    entries
}

/// A new customer record from the fields of `new`, with fresh id and times.
pub(crate) fn customer_from(new: NewCustomer, id: Uuid, now: OffsetDateTime) -> Customer {
    Customer {
        id: CustomerId::from_uuid(id),
        name: new.name,
        email: new.email,
        phone: new.phone,
        address: new.address,
        birth_date: new.birth_date,
        partner: None,
        anniversary: None,
        ring_sizes: None,
        metal_allergies: None,
        style_notes: None,
        wish_list: None,
        preferred_associate: None,
        marketing_consent: Vec::new(),
        notes: new.notes,
        created_at: now,
        updated_at: now,
    }
}

/// Seals a new customer under a fresh data key, ready for `insert_customers`.
pub(crate) fn new_customer_rows(keys: &UnlockedKeyring, customer: &Customer) -> Result<NewCustomerRows, AppError> {
    let id = customer.id.as_uuid();
    let (data_key, data_key_row) = keys.new_data_key(OwnerKind::Customer, id)?;
    let micros = (customer.created_at.unix_timestamp_nanos() / 1000) as i64;
    Ok(NewCustomerRows {
        customer: CustomerRow {
            id,
            created_at: micros,
            updated_at: micros,
            restricted: false,
            sealed: seal_customer(&data_key, customer)?,
        },
        data_key: data_key_row,
        index: index_entries(keys, customer),
    })
}

impl Vault {
    /// Opens a customer row; `None` if its key was destroyed (crypto-shredded).
    pub(crate) fn open_row(&self, tx: &mut dyn Tx, row: &CustomerRow) -> Result<Option<Customer>, AppError> {
        let key_row = tx.data_key(OwnerKind::Customer, row.id)?;
        self.open_with_key(row, key_row.as_ref())
    }

    /// Opens a customer row with its data key's row as the store read them together; `None`
    /// if the key was destroyed.
    fn open_with_key(&self, row: &CustomerRow, key_row: Option<&DataKeyRow>) -> Result<Option<Customer>, AppError> {
        let Some(key_row) = key_row else { return Ok(None) };
        let key = self.keys.open_data_key(key_row)?;
        open_customer(&key, row).map(Some)
    }

    /// [`Vault::open_unrestricted`] for a row read with its data key.
    pub(crate) fn open_unrestricted_with_key(&self, row: &CustomerRow, key_row: Option<&DataKeyRow>) -> Result<Option<Customer>, AppError> {
        if row.restricted {
            return Ok(None);
        }
        self.open_with_key(row, key_row)
    }

    /// Opens a customer row for a search or a list: `None` if its key was destroyed, or if the
    /// person restricted their record (GDPR Art. 18: it is only stored, and a list or a search
    /// would show it).
    pub(crate) fn open_unrestricted(&self, tx: &mut dyn Tx, row: &CustomerRow) -> Result<Option<Customer>, AppError> {
        if row.restricted {
            return Ok(None);
        }
        self.open_row(tx, row)
    }

    pub fn add_customer(&self, actor: &Actor, new: NewCustomer) -> Result<AddedCustomer, AppError> {
        self.add_customer_once(actor, new, None).map(|created| created.value)
    }

    /// Adds a customer; with `once`, a repeat of the same request returns the first customer
    /// (and no same-email report, which the first answer gave).
    pub fn add_customer_once(&self, actor: &Actor, new: NewCustomer, once: Option<&Once>) -> Result<Created<AddedCustomer>, AppError> {
        self.require(actor, Permission::CustomerWrite, AuditAction::CustomerCreate, None)?;
        let customer = customer_from(new, Uuid::now_v7(), OffsetDateTime::now_utc());
        let rows = new_customer_rows(&self.keys, &customer)?;
        let mut tx = self.store.begin()?;
        if let Some(once) = once
            && let Some(first) = self.claim_once(tx.as_mut(), actor, once)?
        {
            self.record_replay(tx.as_mut(), actor, AuditAction::CustomerCreate, first, format!("customer {first}"))?;
            tx.commit()?;
            return Ok(Created { value: AddedCustomer { id: CustomerId::from_uuid(first), same_email: Vec::new() }, replayed: true });
        }
        // Who else has this email is a read: a caller who may only write is not told.
        let same_email: Vec<CustomerId> = match &customer.email {
            Some(email) if actor.may(Permission::CustomerRead) => {
                self.customers_with_email(tx.as_mut(), email)?.into_iter().map(|c| c.id).collect()
            }
            _ => Vec::new(),
        };
        let categories = present_categories(&rows.customer.sealed);
        tx.insert_customers(std::slice::from_ref(&rows))?;
        let mut events = vec![
            EventDraft::new(actor, AuditAction::CustomerCreate)
                .target(RecordKind::Customer, customer.id.as_uuid())
                .categories(categories)
                .finish(Outcome::Allowed),
        ];
        // Naming the existing customers with this email discloses that they have it.
        events.extend(same_email.iter().map(|id| {
            EventDraft::new(actor, AuditAction::CustomerFind)
                .target(RecordKind::Customer, id.as_uuid())
                .categories([Field::CustomerEmail.category()])
                .detail("same email as a new customer")
                .finish(Outcome::Allowed)
        }));
        self.finish_once(tx.as_mut(), actor, once, customer.id.as_uuid())?;
        self.record(tx.as_mut(), &events)?;
        tx.commit()?;
        Ok(Created::new(AddedCustomer { id: customer.id, same_email }))
    }

    /// A page of customers in creation order: id, name, email and phone.
    pub fn list_customers(&self, actor: &Actor, after: Option<CustomerId>, limit: usize) -> Result<Vec<CustomerSummary>, AppError> {
        Ok(self.list_customers_page(actor, after, limit)?.customers)
    }

    /// A page of customers and where the next page starts. The page may hold fewer than
    /// `limit` customers when some were erased; `next_after` still says whether more follow.
    pub fn list_customers_page(&self, actor: &Actor, after: Option<CustomerId>, limit: usize) -> Result<CustomerPage, AppError> {
        self.require(actor, Permission::CustomerRead, AuditAction::CustomerList, None)?;
        let limit = limit.clamp(1, 1000);
        let mut tx = self.store.begin()?;
        let rows = tx.customers_page_with_keys(after.map(|id| id.as_uuid()), limit)?;
        let next_after = if rows.len() == limit { rows.last().map(|(row, _)| CustomerId::from_uuid(row.id)) } else { None };
        let mut summaries = Vec::with_capacity(rows.len());
        let mut events = Vec::with_capacity(rows.len());
        for (row, key_row) in &rows {
            let Some(mut customer) = self.open_unrestricted_with_key(row, key_row.as_ref())? else { continue };
            mask_for(actor.role, &mut customer);
            let categories = [
                Some(Field::CustomerName),
                customer.email.as_ref().map(|_| Field::CustomerEmail),
                customer.phone.as_ref().map(|_| Field::CustomerPhone),
            ];
            events.push(
                EventDraft::new(actor, AuditAction::CustomerList)
                    .target(RecordKind::Customer, row.id)
                    .categories(categories.into_iter().flatten().map(|field| field.category()))
                    .finish(Outcome::Allowed),
            );
            summaries.push(CustomerSummary { id: customer.id, name: customer.name, email: customer.email, phone: customer.phone });
        }
        if events.is_empty() {
            events.push(EventDraft::new(actor, AuditAction::CustomerList).detail("empty page").finish(Outcome::Allowed));
        }
        self.record(tx.as_mut(), &events)?;
        tx.commit()?;
        Ok(CustomerPage { customers: summaries, next_after })
    }

    /// The customers this person opened in the last week (their own allowed `customer.read`
    /// events), most recent first, at most `limit`: the start page's way back to them. Their
    /// names are shown, so each is a recorded disclosure like a list's.
    pub fn my_recent_customers(&self, actor: &Actor, limit: usize) -> Result<Vec<CustomerSummary>, AppError> {
        self.require(actor, Permission::CustomerRead, AuditAction::CustomerList, None)?;
        let mut tx = self.store.begin()?;
        let week = 7 * 86_400_000_000;
        let mut filter = strongroom_store::AuditFilter {
            actor_name: Some(actor.name.clone()),
            action: Some(AuditAction::CustomerRead.as_str().to_owned()),
            since: Some(now_micros() - week),
            limit: 1000,
            ..strongroom_store::AuditFilter::default()
        };
        // Oldest first from the store; each customer keeps the index of its latest read, so a
        // heavy week costs one pass and a sort, not a search of the list per event.
        let mut latest: std::collections::HashMap<Uuid, u64> = std::collections::HashMap::new();
        loop {
            let page = tx.query_audit_events(&filter)?;
            for (seq, event) in &page {
                if event.actor_kind != actor.kind.as_str() || event.outcome != Outcome::Allowed.as_str() {
                    continue;
                }
                if let Some(id) = event.target_id.map(Uuid::from_bytes) {
                    latest.insert(id, *seq);
                }
            }
            if page.len() < filter.limit {
                break;
            }
            filter.after_seq = page.last().map(|(seq, _)| *seq);
        }
        let mut summaries = Vec::new();
        let mut events = Vec::new();
        let mut recent: Vec<(u64, Uuid)> = latest.into_iter().map(|(id, seq)| (seq, id)).collect();
        recent.sort_unstable_by(|a, b| b.cmp(a));
        // The latest `limit` are read together (one round trip on PostgreSQL); those that no
        // longer show (erased or restricted since) make room for the next ones.
        let mut read: std::collections::HashMap<Uuid, Option<(CustomerRow, Option<DataKeyRow>)>> = std::collections::HashMap::new();
        for (n, id) in recent.iter().map(|(_, id)| id).enumerate() {
            if summaries.len() == limit {
                break;
            }
            if !read.contains_key(id) {
                let mut next: Vec<Uuid> = recent[n..].iter().take(limit - summaries.len()).map(|(_, id)| *id).collect();
                next.sort_unstable();
                read.extend(next.iter().map(|id| (*id, None)));
                read.extend(tx.customers_with_keys(&next)?.into_iter().map(|(row, key)| (row.id, Some((row, key)))));
            }
            let Some(Some((row, key_row))) = read.get(id) else { continue };
            let Some(mut customer) = self.open_unrestricted_with_key(row, key_row.as_ref())? else { continue };
            mask_for(actor.role, &mut customer);
            events.push(
                EventDraft::new(actor, AuditAction::CustomerList)
                    .target(RecordKind::Customer, *id)
                    .categories([Field::CustomerName.category()])
                    .detail("recently opened")
                    .finish(Outcome::Allowed),
            );
            summaries.push(CustomerSummary { id: customer.id, name: customer.name, email: None, phone: None });
        }
        if events.is_empty() {
            events.push(EventDraft::new(actor, AuditAction::CustomerList).detail("recently opened: none").finish(Outcome::Allowed));
        }
        self.record(tx.as_mut(), &events)?;
        tx.commit()?;
        Ok(summaries)
    }

    /// Applies a change to a customer, re-sealing the record and rebuilding its blind indexes.
    /// The changed record comes back only to an actor who may read customers (a till's token
    /// that may only write gets `None`: writing must not be a way to read).
    pub fn edit_customer(&self, actor: &Actor, id: CustomerId, patch: CustomerPatch) -> Result<Option<Customer>, AppError> {
        let target = Some((RecordKind::Customer, id.as_uuid()));
        self.require(actor, Permission::CustomerWrite, AuditAction::CustomerUpdate, target)?;
        let mut tx = self.store.begin()?;
        let draft = EventDraft::new(actor, AuditAction::CustomerUpdate).target(RecordKind::Customer, id.as_uuid());
        let Some(row) = tx.customer(id.as_uuid())? else {
            return Err(self.fail(tx, draft, "no such customer", AppError::NotFound("customer")));
        };
        if row.restricted {
            return Err(self.fail(tx, draft, RESTRICTED, AppError::Restricted));
        }
        let Some(key_row) = tx.data_key(OwnerKind::Customer, row.id)? else {
            return Err(self.fail(tx, draft, "the customer's key was destroyed", AppError::Shredded));
        };
        let key = self.keys.open_data_key(&key_row)?;
        let before = open_customer(&key, &row)?;
        if let Some(Some(partner)) = patch.partner
            && partner != id
            && tx.customer(partner.as_uuid())?.is_none()
        {
            // The record being edited exists; the partner it names does not: bad input, not a missing record.
            let error = strongroom_domain::DomainError::invalid("partner", "no customer has that id");
            return Err(self.fail(tx, draft, "no such partner customer", error.into()));
        }
        let mut after = before.clone();
        patch.apply(&mut after, OffsetDateTime::now_utc())?;
        let sealed = seal_customer(&key, &after)?;
        let updated = CustomerRow { id: row.id, created_at: row.created_at, updated_at: now_micros(), restricted: row.restricted, sealed };
        tx.update_customer(&updated, &index_entries(&self.keys, &after))?;
        // The whole changed record goes back to a caller who may read it, so every category it
        // holds is disclosed, plus those of fields that were cleared; to one who may only write,
        // the categories of what it changed.
        let shown = actor.may(Permission::CustomerRead);
        let changed = changed_fields(&before, &after);
        let changed_names: Vec<&str> = changed.iter().map(|field| field.name()).collect();
        let mut event =
            draft.categories(changed.iter().map(|field| field.category())).detail(format!("changed: {}", changed_names.join(", ")));
        if shown {
            event = event.categories(present_categories(&updated.sealed));
        }
        self.record(tx.as_mut(), &[event.finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(shown.then_some(after))
    }

    /// Crypto-shredding: destroys a customer's data key and blind-index entries, so every field
    /// sealed with it (profile, purchases, repairs) is unreadable for good, in this database.
    /// Backups taken before still hold the key until they expire. The erasure workflow (legal
    /// holds, AML records under their own keys) builds on this.
    pub fn shred_customer_key(&self, actor: &Actor, id: CustomerId) -> Result<bool, AppError> {
        let target = Some((RecordKind::Customer, id.as_uuid()));
        self.require(actor, Permission::KeysManage, AuditAction::DataKeyDestroy, target)?;
        self.require_step_up(actor, AuditAction::DataKeyDestroy, target)?;
        let mut tx = self.store.begin()?;
        let destroyed = tx.destroy_data_key(OwnerKind::Customer, id.as_uuid())?;
        tx.delete_index_entries(id.as_uuid())?;
        tx.erase_customer_row(id.as_uuid(), now_micros())?;
        let event = EventDraft::new(actor, AuditAction::DataKeyDestroy)
            .target(RecordKind::Customer, id.as_uuid())
            .categories(categories_of(RecordKind::Customer))
            .detail(if destroyed { "customer data key destroyed" } else { "no key to destroy" });
        self.owe_purge(tx.as_mut(), &format!("customer {id}"))?;
        self.record(tx.as_mut(), &[event.finish(Outcome::Allowed)])?;
        tx.commit()?;
        self.purge_now(actor, Some(id))?;
        Ok(destroyed)
    }
}

/// Removes the fields `role` does not see (`Role::sees_customer_field`), so they never leave the gate.
pub(crate) fn mask_for(role: Role, customer: &mut Customer) {
    for field in Field::of(RecordKind::Customer).filter(|field| !role.sees_customer_field(*field)) {
        match field {
            Field::CustomerEmail => customer.email = None,
            Field::CustomerPhone => customer.phone = None,
            Field::CustomerAddress => customer.address = None,
            Field::CustomerBirthDate => customer.birth_date = None,
            Field::CustomerPartner => customer.partner = None,
            Field::CustomerAnniversary => customer.anniversary = None,
            Field::CustomerRingSizes => customer.ring_sizes = None,
            Field::CustomerMetalAllergies => customer.metal_allergies = None,
            Field::CustomerStyleNotes => customer.style_notes = None,
            Field::CustomerWishList => customer.wish_list = None,
            Field::CustomerPreferredAssociate => customer.preferred_associate = None,
            Field::CustomerMarketingConsent => customer.marketing_consent.clear(),
            Field::CustomerNotes => customer.notes = None,
            // The name is always shown to a role that may read customers at all.
            _ => {}
        }
    }
}

/// The categories of the fields a customer has filled in.
fn customer_categories(customer: &Customer) -> Vec<strongroom_domain::DataCategory> {
    Field::of(RecordKind::Customer).filter(|field| has_field(customer, *field)).map(|field| field.category()).collect()
}

fn has_field(customer: &Customer, field: Field) -> bool {
    match field {
        Field::CustomerName => true,
        Field::CustomerEmail => customer.email.is_some(),
        Field::CustomerPhone => customer.phone.is_some(),
        Field::CustomerAddress => customer.address.is_some(),
        Field::CustomerBirthDate => customer.birth_date.is_some(),
        Field::CustomerPartner => customer.partner.is_some(),
        Field::CustomerAnniversary => customer.anniversary.is_some(),
        Field::CustomerRingSizes => customer.ring_sizes.is_some(),
        Field::CustomerMetalAllergies => customer.metal_allergies.is_some(),
        Field::CustomerStyleNotes => customer.style_notes.is_some(),
        Field::CustomerWishList => customer.wish_list.is_some(),
        Field::CustomerPreferredAssociate => customer.preferred_associate.is_some(),
        Field::CustomerMarketingConsent => !customer.marketing_consent.is_empty(),
        Field::CustomerNotes => customer.notes.is_some(),
        _ => false,
    }
}

/// The fields whose value differs between two versions of a customer.
fn changed_fields(before: &Customer, after: &Customer) -> Vec<Field> {
    let differs = |field: Field| match field {
        Field::CustomerName => before.name != after.name,
        Field::CustomerEmail => before.email != after.email,
        Field::CustomerPhone => before.phone != after.phone,
        Field::CustomerAddress => before.address != after.address,
        Field::CustomerBirthDate => before.birth_date != after.birth_date,
        Field::CustomerPartner => before.partner != after.partner,
        Field::CustomerAnniversary => before.anniversary != after.anniversary,
        Field::CustomerRingSizes => before.ring_sizes != after.ring_sizes,
        Field::CustomerMetalAllergies => before.metal_allergies != after.metal_allergies,
        Field::CustomerStyleNotes => before.style_notes != after.style_notes,
        Field::CustomerWishList => before.wish_list != after.wish_list,
        Field::CustomerPreferredAssociate => before.preferred_associate != after.preferred_associate,
        Field::CustomerMarketingConsent => before.marketing_consent != after.marketing_consent,
        Field::CustomerNotes => before.notes != after.notes,
        _ => false,
    };
    Field::of(RecordKind::Customer).filter(|field| differs(*field)).collect()
}

/// A new vault on SQLite in `dir`, with its owner (for this crate's unit tests).
#[cfg(test)]
pub(crate) fn test_vault(dir: &std::path::Path) -> (Vault, Actor) {
    let store = strongroom_store::SqliteStore::open(&dir.join("vault.sqlite")).unwrap();
    let (_, key) = strongroom_crypto::ShopKey::generate_key_file().unwrap();
    let settings = crate::VaultSettings::new(strongroom_domain::Country::parse("NL").unwrap(), strongroom_domain::Currency::EUR);
    let owner = Actor::cli("owner");
    let vault = Vault::init(Box::new(store), &crate::KeySource::KeyFile(key), crate::InitOptions::default(), settings, &owner).unwrap();
    (vault, owner)
}
