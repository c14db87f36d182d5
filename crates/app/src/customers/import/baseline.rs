//! The benchmark's plaintext baseline of an import.

use std::hash::{Hash, Hasher};
use std::path::Path;

use strongroom_domain::{Actor, AuditAction, Outcome, RecordKind};
use strongroom_store::Store;
use time::OffsetDateTime;
use uuid::Uuid;

use super::file::{ImportFile, scan_file};
use super::validate::{ImportRow, for_each_row, validate_file};
use crate::customers::customer_from;
use crate::customers::sealing::present_categories;
use crate::trail::draft::EventDraft;
use crate::{AppError, VaultSettings, now_micros};

/// The benchmark's baseline: the same import (scan, validation pass, batched writes of the same
/// rows, index entries and audit events through the same store) with the cryptography left
/// out: fields are stored as plaintext bytes and index values are an unkeyed hash. It runs only
/// on a throwaway store of synthetic data that `bench` creates, never on a vault.
pub fn plaintext_baseline_import(store: &dyn Store, path: &Path, settings: VaultSettings, batch_size: usize) -> Result<u64, AppError> {
    let source = ImportFile(path);
    let scan = scan_file(&source)?;
    let validation = validate_file(&source, &scan, 0, settings, None, &mut |_| {})?;
    {
        let mut tx = store.begin()?;
        if tx.master_keys()?.is_empty() {
            let row = strongroom_store::MasterKeyRow {
                version: 1,
                wrapped: vec![0; 61],
                state: strongroom_store::MasterKeyState::Active,
                created_at: 0,
            };
            tx.insert_master_key(&row)?;
        }
        tx.commit()?;
    }
    let plain_index = |index_id: u16, value: &str| {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        value.hash(&mut hasher);
        strongroom_store::BlindIndexEntry { index_id, value: (hasher.finish() >> 48) as u32 }
    };
    let actor = Actor::system("bench");
    let mut batch: Vec<strongroom_store::NewCustomerRows> = Vec::with_capacity(batch_size);
    let mut events = Vec::with_capacity(batch_size);
    let mut imported = 0u64;
    let mut flush =
        |batch: &mut Vec<strongroom_store::NewCustomerRows>, events: &mut Vec<strongroom_audit::AuditEvent>| -> Result<(), AppError> {
            let mut tx = store.begin()?;
            tx.insert_customers(batch)?;
            tx.append_audit_events(events)?;
            tx.commit()?;
            imported += batch.len() as u64;
            batch.clear();
            events.clear();
            Ok(())
        };
    for_each_row(&source, &scan, &validation, 0, settings, &mut |_, row| {
        let ImportRow::Valid(new) = row else { return Ok(()) };
        let customer = customer_from(new, Uuid::now_v7(), OffsetDateTime::now_utc());
        let id = customer.id.as_uuid();
        let mut sealed = strongroom_store::SealedFields::new();
        sealed.set(strongroom_domain::Field::CustomerName, customer.name.as_str().as_bytes().to_vec());
        let mut index = vec![];
        if let Some(email) = &customer.email {
            sealed.set(strongroom_domain::Field::CustomerEmail, email.as_str().as_bytes().to_vec());
            index.push(plain_index(crate::keyring::INDEX_EMAIL, &email.normalised()));
        }
        if let Some(phone) = &customer.phone {
            sealed.set(strongroom_domain::Field::CustomerPhone, phone.as_str().as_bytes().to_vec());
            index.push(plain_index(crate::keyring::INDEX_PHONE, phone.as_str()));
        }
        if let Some(address) = &customer.address {
            sealed.set(strongroom_domain::Field::CustomerAddress, address.as_str().as_bytes().to_vec());
        }
        if let Some(birth_date) = customer.birth_date {
            sealed.set(strongroom_domain::Field::CustomerBirthDate, crate::customers::codec::encode_date(birth_date).into_bytes());
        }
        if let Some(notes) = &customer.notes {
            sealed.set(strongroom_domain::Field::CustomerNotes, notes.as_str().as_bytes().to_vec());
        }
        for token in strongroom_domain::name_tokens(customer.name.as_str()) {
            index.push(plain_index(crate::keyring::INDEX_NAME_TOKEN, &token));
        }
        events.push(
            EventDraft::new(&actor, AuditAction::CustomerImport)
                .target(RecordKind::Customer, id)
                .categories(present_categories(&sealed))
                .finish(Outcome::Allowed),
        );
        let now = now_micros();
        batch.push(strongroom_store::NewCustomerRows {
            customer: strongroom_store::CustomerRow { id, created_at: now, updated_at: now, sealed },
            data_key: strongroom_store::DataKeyRow {
                owner_kind: strongroom_store::OwnerKind::Customer,
                owner_id: id,
                data_key_version: 1,
                master_version: 1,
                wrapped: vec![0; 61],
            },
            index,
        });
        if batch.len() >= batch_size {
            flush(&mut batch, &mut events)?;
        }
        Ok(())
    })?;
    flush(&mut batch, &mut events)?;
    Ok(imported)
}
