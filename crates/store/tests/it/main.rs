//! The store contract: every test runs on SQLite, and on PostgreSQL too when
//! `STRONGROOM_TEST_PG_URL` is set (CI sets it). Each PostgreSQL run gets its own schema.

use std::sync::atomic::{AtomicU32, Ordering};

use strongroom_audit::{AuditEvent, MemoryTree, SubtreeSource, leaf_hash};
use strongroom_domain::{Field, RecordKind, Role};
use strongroom_store::{
    AmlRecordRow, ApiTokenRow, AuditFilter, Backend, BlindIndexEntry, CheckpointRow, CustomerRow, DataKeyRow, IdempotencyRow,
    ImportProgress, KeyProtection, KeyringMeta, MasterKeyRow, MasterKeyState, NewCustomerRows, OwnerKind, PgStore, PurchaseRow,
    RecordParts, RepairRow, SaleCorrectionRow, SealedFields, SecretRow, SessionRow, SqliteStore, StaffRow, Store,
};
use uuid::Uuid;

mod backup;
mod customers;
mod group;
mod tls;

/// A store on a fresh database, removed again when dropped.
struct TestStore {
    store: Box<dyn Store>,
    cleanup: Option<(String, String)>,
    _dir: Option<tempfile::TempDir>,
}

impl Drop for TestStore {
    fn drop(&mut self) {
        if let Some((url, schema)) = self.cleanup.take() {
            let _ = PgStore::drop_schema(&url, &schema);
        }
    }
}

fn test_stores() -> Vec<TestStore> {
    let dir = tempfile::tempdir().unwrap();
    let sqlite = SqliteStore::open(&dir.path().join("vault.sqlite")).unwrap();
    let mut stores = vec![TestStore { store: Box::new(sqlite), cleanup: None, _dir: Some(dir) }];
    if let Ok(url) = std::env::var("STRONGROOM_TEST_PG_URL") {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let schema = format!("store_it_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed));
        let store = PgStore::connect_in_schema(&url, Some(&schema)).expect("STRONGROOM_TEST_PG_URL is set but PostgreSQL is unreachable");
        stores.push(TestStore { store: Box::new(store), cleanup: Some((url, schema)), _dir: None });
    }
    stores
}

/// Runs `check` on every backend, naming the backend when it fails.
fn on_every_backend(check: impl Fn(&dyn Store)) {
    for test_store in test_stores() {
        let backend = test_store.store.backend();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(test_store.store.as_ref())));
        if let Err(panic) = outcome {
            eprintln!("failed on {}", backend.as_str());
            std::panic::resume_unwind(panic);
        }
    }
}

fn sealed_all(kind: RecordKind, salt: u8) -> SealedFields {
    let mut sealed = SealedFields::new();
    for (index, field) in Field::of(kind).enumerate() {
        sealed.set(field, vec![salt, index as u8, 0xAB, 0xCD]);
    }
    sealed
}

fn master_key(store: &dyn Store, version: u32) {
    let mut tx = store.begin().unwrap();
    tx.insert_master_key(&MasterKeyRow { version, wrapped: vec![version as u8; 60], state: MasterKeyState::Active, created_at: 1 })
        .unwrap();
    tx.commit().unwrap();
}

fn new_customer(id: Uuid, master_version: u32, index: Vec<BlindIndexEntry>) -> NewCustomerRows {
    NewCustomerRows {
        customer: CustomerRow { id, created_at: 10, updated_at: 10, restricted: false, sealed: sealed_all(RecordKind::Customer, 1) },
        data_key: DataKeyRow { owner_kind: OwnerKind::Customer, owner_id: id, data_key_version: 1, master_version, wrapped: vec![7; 61] },
        index,
    }
}

fn event(action: &str, target: Option<Uuid>) -> AuditEvent {
    AuditEvent {
        at_unix_micros: 1_700_000_000_000_000,
        actor_kind: "cli".into(),
        actor_name: "owner".into(),
        action: action.into(),
        target_kind: target.map(|_| "customer".into()),
        target_id: target.map(Uuid::into_bytes),
        categories: vec!["user.contact.email".into(), "user.name".into()],
        purpose: Some("sale".into()),
        client_addr: None,
        outcome: "allowed".into(),
        detail: None,
    }
}

#[test]
fn opening_twice_migrates_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.sqlite");
    drop(SqliteStore::open(&path).unwrap());
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.begin().unwrap().count_customers().unwrap(), 0);
    if let Ok(url) = std::env::var("STRONGROOM_TEST_PG_URL") {
        let schema = format!("store_it_twice_{}", std::process::id());
        drop(PgStore::connect_in_schema(&url, Some(&schema)).unwrap());
        let store = PgStore::connect_in_schema(&url, Some(&schema)).unwrap();
        assert_eq!(store.begin().unwrap().count_customers().unwrap(), 0);
        drop(store);
        PgStore::drop_schema(&url, &schema).unwrap();
    }
}

#[test]
fn the_sqlite_file_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.sqlite");
    let store = SqliteStore::open(&path).unwrap();
    master_key(&store, 1);
    for file in ["vault.sqlite", "vault.sqlite-wal"] {
        let mode = std::fs::metadata(dir.path().join(file)).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "{file} has mode {mode:o}");
    }
}

#[test]
fn keyring_meta_and_master_keys_round_trip() {
    on_every_backend(|store| {
        let mut tx = store.begin().unwrap();
        assert_eq!(tx.keyring_meta().unwrap(), None);
        let meta = KeyringMeta {
            protection: KeyProtection::Passphrase { kdf: "argon2id$v=19$m=8,t=1,p=1$00".into() },
            blind_index_bits: 16,
            demo: true,
            created_at: 42,
        };
        tx.insert_keyring_meta(&meta).unwrap();
        tx.insert_master_key(&MasterKeyRow { version: 1, wrapped: vec![1; 60], state: MasterKeyState::Previous, created_at: 1 }).unwrap();
        tx.insert_master_key(&MasterKeyRow { version: 2, wrapped: vec![2; 60], state: MasterKeyState::Active, created_at: 2 }).unwrap();
        tx.commit().unwrap();

        let mut tx = store.begin().unwrap();
        assert_eq!(tx.keyring_meta().unwrap(), Some(meta.clone()));
        assert!(tx.insert_keyring_meta(&meta).is_err(), "there is one keyring per vault");
        drop(tx);
        let mut tx = store.begin().unwrap();
        let versions: Vec<(u32, MasterKeyState)> = tx.master_keys().unwrap().iter().map(|k| (k.version, k.state)).collect();
        assert_eq!(versions, [(1, MasterKeyState::Previous), (2, MasterKeyState::Active)]);
        tx.set_master_key_state(2, MasterKeyState::Previous).unwrap();
        tx.delete_master_key(1).unwrap();
        let versions: Vec<(u32, MasterKeyState)> = tx.master_keys().unwrap().iter().map(|k| (k.version, k.state)).collect();
        assert_eq!(versions, [(2, MasterKeyState::Previous)]);
    });
}

#[test]
fn data_keys_are_rewrapped_counted_and_destroyed() {
    on_every_backend(|store| {
        master_key(store, 1);
        let ids: Vec<Uuid> = (0..4).map(|_| Uuid::now_v7()).collect();
        let mut tx = store.begin().unwrap();
        tx.insert_customers(&ids.iter().map(|id| new_customer(*id, 1, vec![])).collect::<Vec<_>>()).unwrap();
        tx.insert_master_key(&MasterKeyRow { version: 2, wrapped: vec![2; 60], state: MasterKeyState::Active, created_at: 2 }).unwrap();
        tx.commit().unwrap();

        let mut tx = store.begin().unwrap();
        let batch = tx.data_keys_older_than(2, 3).unwrap();
        assert_eq!(batch.len(), 3);
        let rewrapped: Vec<DataKeyRow> =
            batch.iter().map(|k| DataKeyRow { master_version: 2, wrapped: vec![8; 61], ..k.clone() }).collect();
        tx.update_data_key_wraps(&rewrapped).unwrap();
        assert_eq!(tx.data_key_counts().unwrap(), [(1, 1), (2, 3)]);
        assert_eq!(tx.data_keys_older_than(2, 10).unwrap().len(), 1);
        let key = tx.data_key(OwnerKind::Customer, rewrapped[0].owner_id).unwrap().unwrap();
        assert_eq!(key, rewrapped[0]);

        // A version still wrapping a data key cannot be deleted.
        assert!(tx.delete_master_key(1).is_err());
        drop(tx);

        let mut tx = store.begin().unwrap();
        // A re-wrap racing with a re-key of the same owner is refused, not silently lost.
        let stale = DataKeyRow { data_key_version: 9, ..rewrapped[0].clone() };
        assert!(tx.update_data_key_wraps(&[stale]).is_err());
        drop(tx);

        let mut tx = store.begin().unwrap();
        assert!(tx.destroy_data_key(OwnerKind::Customer, ids[0]).unwrap());
        assert!(!tx.destroy_data_key(OwnerKind::Customer, ids[0]).unwrap());
        assert_eq!(tx.data_key(OwnerKind::Customer, ids[0]).unwrap(), None);
        tx.commit().unwrap();
    });
}

#[test]
fn a_transaction_that_hid_an_error_of_the_database_does_not_report_a_commit() {
    on_every_backend(|store| {
        master_key(store, 1);
        let taken = Uuid::now_v7();
        let mut tx = store.begin().unwrap();
        tx.insert_customers(&[new_customer(taken, 1, vec![])]).unwrap();
        tx.commit().unwrap();
        let mut tx = store.begin().unwrap();
        tx.set_setting("before", "written", 1).unwrap();
        assert!(tx.insert_customers(&[new_customer(taken, 1, vec![])]).is_err(), "the id is taken");
        let committed = tx.commit();
        // SQLite fails the statement alone; PostgreSQL fails the transaction, and its COMMIT
        // would roll back without an error of its own.
        let kept = store.backend() == Backend::Sqlite;
        assert_eq!(committed.is_ok(), kept, "{committed:?}");
        assert_eq!(store.begin().unwrap().setting("before").unwrap().is_some(), kept);
    });
}

#[test]
fn a_store_dropped_on_an_async_worker_closes_without_a_panic() {
    // A server that shuts down drops its vault on a runtime's worker, where nothing may block.
    for test_store in test_stores() {
        let store = test_store.store.another_connection().unwrap();
        master_key(store.as_ref(), 1);
        let answered = store.run_grouped(Box::new(|tx| Ok(Box::new(tx.append_audit_events(&[event("grouped", None)])?))));
        assert!(answered.is_ok(), "{answered:?}");
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).build().unwrap();
        runtime.block_on(async move { tokio::spawn(async move { drop(store) }).await }).expect("the store is dropped without a panic");
        // The database is still there for the next connection.
        assert_eq!(test_store.store.begin().unwrap().audit_events(0, 10).unwrap().len(), 1);
    }
}

#[test]
fn purchases_repairs_and_aml_records_round_trip() {
    on_every_backend(|store| {
        master_key(store, 1);
        let customer = Uuid::now_v7();
        let purchase = PurchaseRow {
            id: Uuid::now_v7(),
            customer_id: customer,
            purchased_on: "2026-11-29".into(),
            total_minor: 1_250_000,
            currency: "EUR".into(),
            paid_in_cash: true,
            created_at: 5,
            sealed: sealed_all(RecordKind::Purchase, 2),
        };
        let repair = RepairRow {
            id: Uuid::now_v7(),
            customer_id: customer,
            kind: "repair".into(),
            status: "received".into(),
            received_on: "2026-12-01".into(),
            promised_on: Some("2026-12-06".into()),
            created_at: 6,
            ticket: "R-2611-001".into(),
            previous_status: None,
            moved_at: None,
            sealed: sealed_all(RecordKind::Repair, 3),
        };
        let aml_id = Uuid::now_v7();
        let aml = AmlRecordRow {
            id: aml_id,
            customer_id: customer,
            transaction_date: "2026-11-29".into(),
            retention_ends: "2031-11-29".into(),
            created_at: 7,
            sealed: sealed_all(RecordKind::AmlRecord, 4),
            data_key: DataKeyRow {
                owner_kind: OwnerKind::AmlRecord,
                owner_id: aml_id,
                data_key_version: 1,
                master_version: 1,
                wrapped: vec![3; 61],
            },
        };
        let refund = SaleCorrectionRow {
            id: Uuid::now_v7(),
            purchase_id: purchase.id,
            customer_id: customer,
            kind: "refund".into(),
            amount_minor: 50_000,
            created_at: 8,
            sealed: sealed_all(RecordKind::SaleCorrection, 5),
        };
        let mut tx = store.begin().unwrap();
        tx.insert_customers(&[new_customer(customer, 1, vec![])]).unwrap();
        tx.insert_purchase(&purchase).unwrap();
        tx.insert_sale_correction(&refund).unwrap();
        tx.insert_repair(&repair).unwrap();
        tx.insert_aml_record(&aml).unwrap();
        // A second customer's records are never part of the first one's.
        let other = Uuid::now_v7();
        tx.insert_customers(&[new_customer(other, 1, vec![])]).unwrap();
        tx.insert_purchase(&PurchaseRow { id: Uuid::now_v7(), customer_id: other, ..purchase.clone() }).unwrap();
        tx.commit().unwrap();

        let mut tx = store.begin().unwrap();
        assert_eq!(tx.purchases_of(customer).unwrap(), std::slice::from_ref(&purchase));
        assert_eq!(tx.repairs_of(customer).unwrap(), std::slice::from_ref(&repair));
        assert_eq!(tx.aml_records_of(customer).unwrap(), std::slice::from_ref(&aml));

        // The whole record in one call (PostgreSQL sends its reads at once): the same rows as
        // the calls for each part, and only the parts asked for.
        let every_part = RecordParts { purchases: true, repairs: true, aml_records: true };
        let record = tx.customer_record(customer, every_part).unwrap().unwrap();
        assert_eq!(Some(record.customer), tx.customer(customer).unwrap());
        assert_eq!(record.data_key, tx.data_key(OwnerKind::Customer, customer).unwrap());
        assert!(record.data_key.is_some());
        assert_eq!(record.purchases, Some((vec![purchase.clone()], vec![refund.clone()])));
        assert_eq!(record.repairs, Some(vec![repair.clone()]));
        assert_eq!(record.aml_records, Some(vec![aml.clone()]));
        for parts in [
            RecordParts { purchases: false, repairs: false, aml_records: false },
            RecordParts { purchases: false, repairs: true, aml_records: false },
            RecordParts { purchases: true, repairs: false, aml_records: true },
        ] {
            let record = tx.customer_record(customer, parts).unwrap().unwrap();
            assert_eq!(record.purchases.is_some(), parts.purchases, "{parts:?}");
            assert_eq!(record.repairs.is_some(), parts.repairs, "{parts:?}");
            assert_eq!(record.aml_records.is_some(), parts.aml_records, "{parts:?}");
            assert_eq!(record.repairs.map(|rows| rows.len()), parts.repairs.then_some(1));
            assert_eq!(record.aml_records.map(|rows| rows.len()), parts.aml_records.then_some(1));
        }
        let record = tx.customer_record(other, every_part).unwrap().unwrap();
        assert_eq!(
            (record.purchases.map(|(rows, corrections)| (rows.len(), corrections.len())), record.repairs),
            (Some((1, 0)), Some(vec![]))
        );
        assert_eq!(tx.customer_record(Uuid::now_v7(), every_part).unwrap(), None);
        assert!(tx.destroy_data_key(OwnerKind::Customer, customer).unwrap());
        assert_eq!(tx.customer_record(customer, every_part).unwrap().unwrap().data_key, None);
        drop(tx);
        let mut tx = store.begin().unwrap();
        assert_eq!(tx.purchases_of(Uuid::now_v7()).unwrap(), []);
        // The latest visit, from the tables the reader may see.
        let elsewhere = Uuid::now_v7();
        assert_eq!(tx.last_visits(&[customer, elsewhere], true, true).unwrap(), [(customer, "2026-12-01".to_owned())]);
        assert_eq!(tx.last_visits(&[customer], true, false).unwrap(), [(customer, "2026-11-29".to_owned())], "purchases only");
        assert_eq!(tx.last_visits(&[customer], false, false).unwrap(), []);
        assert_eq!(tx.last_visits(&[], true, true).unwrap(), []);
        // Records of a customer that does not exist are refused by the foreign key.
        assert!(tx.insert_purchase(&PurchaseRow { id: Uuid::now_v7(), customer_id: Uuid::now_v7(), ..purchase.clone() }).is_err());
    });
}

#[test]
fn sales_over_the_threshold_without_an_identity_check_are_found_by_plain_columns() {
    on_every_backend(|store| {
        master_key(store, 1);
        let customer = Uuid::now_v7();
        let sale = |day: &str, total_minor: i64, cash: bool| PurchaseRow {
            id: Uuid::now_v7(),
            customer_id: customer,
            purchased_on: day.into(),
            total_minor,
            currency: "EUR".into(),
            paid_in_cash: cash,
            created_at: 5,
            sealed: sealed_all(RecordKind::Purchase, 2),
        };
        let needs = sale("2026-12-01", 1_000_000, true);
        let below = sale("2026-12-02", 999_999, true);
        let card = sale("2026-12-03", 1_200_000, false);
        let voided = sale("2026-12-04", 1_100_000, true);
        let checked = sale("2026-12-05", 1_500_000, true);
        let aml_id = Uuid::now_v7();
        let aml = AmlRecordRow {
            id: aml_id,
            customer_id: customer,
            transaction_date: "2026-12-05".into(),
            retention_ends: "2031-12-05".into(),
            created_at: 7,
            sealed: sealed_all(RecordKind::AmlRecord, 4),
            data_key: DataKeyRow {
                owner_kind: OwnerKind::AmlRecord,
                owner_id: aml_id,
                data_key_version: 1,
                master_version: 1,
                wrapped: vec![3; 61],
            },
        };
        let mut tx = store.begin().unwrap();
        tx.insert_customers(&[new_customer(customer, 1, vec![])]).unwrap();
        for row in [&needs, &below, &card, &voided, &checked] {
            tx.insert_purchase(row).unwrap();
        }
        tx.insert_aml_record(&aml).unwrap();
        tx.link_checked_sale(checked.id, aml_id).unwrap();
        tx.link_checked_sale(checked.id, aml_id).unwrap();
        let void = SaleCorrectionRow {
            id: Uuid::now_v7(),
            purchase_id: voided.id,
            customer_id: customer,
            kind: "void".into(),
            amount_minor: voided.total_minor,
            created_at: 9,
            sealed: sealed_all(RecordKind::SaleCorrection, 5),
        };
        tx.insert_sale_correction(&void).unwrap();
        tx.commit().unwrap();

        let mut tx = store.begin().unwrap();
        let ids = |rows: Vec<PurchaseRow>| rows.into_iter().map(|row| row.id).collect::<Vec<_>>();
        assert_eq!(ids(tx.sales_needing_check("EUR", 1_000_000, true, 10).unwrap()), [needs.id]);
        assert_eq!(ids(tx.sales_needing_check("EUR", 1_000_000, false, 10).unwrap()), [card.id, needs.id], "card sales too, latest first");
        assert_eq!(ids(tx.sales_needing_check("EUR", 1_000_000, false, 1).unwrap()), [card.id]);
        assert!(tx.sales_needing_check("USD", 1, false, 10).unwrap().is_empty());
        assert!(tx.link_checked_sale(Uuid::now_v7(), aml_id).is_err(), "only a sale that exists");
    });
}

#[test]
fn a_sale_is_corrected_by_rows_of_its_own() {
    on_every_backend(|store| {
        master_key(store, 1);
        let customer = Uuid::now_v7();
        let purchase = PurchaseRow {
            id: Uuid::now_v7(),
            customer_id: customer,
            purchased_on: "2026-12-06".into(),
            total_minor: 125_000,
            currency: "EUR".into(),
            paid_in_cash: false,
            created_at: 5,
            sealed: sealed_all(RecordKind::Purchase, 2),
        };
        let refund = SaleCorrectionRow {
            id: Uuid::now_v7(),
            purchase_id: purchase.id,
            customer_id: customer,
            kind: "refund".into(),
            amount_minor: 25_000,
            created_at: 9,
            sealed: sealed_all(RecordKind::SaleCorrection, 5),
        };
        let mut tx = store.begin().unwrap();
        tx.insert_customers(&[new_customer(customer, 1, vec![])]).unwrap();
        tx.insert_purchase(&purchase).unwrap();
        tx.insert_sale_correction(&refund).unwrap();
        tx.commit().unwrap();

        let mut tx = store.begin().unwrap();
        assert_eq!(tx.purchase_for_update(purchase.id).unwrap(), Some(purchase.clone()));
        assert_eq!(tx.purchase_for_update(Uuid::now_v7()).unwrap(), None);
        assert_eq!(tx.sale_corrections_of(customer).unwrap(), std::slice::from_ref(&refund));
        assert_eq!(tx.sale_corrections_of(Uuid::now_v7()).unwrap(), []);
        drop(tx);
        // Only voids and refunds of something, of a sale that exists.
        for wrong in [
            SaleCorrectionRow { id: Uuid::now_v7(), kind: "discount".into(), ..refund.clone() },
            SaleCorrectionRow { id: Uuid::now_v7(), amount_minor: 0, ..refund.clone() },
            SaleCorrectionRow { id: Uuid::now_v7(), purchase_id: Uuid::now_v7(), ..refund.clone() },
        ] {
            let mut tx = store.begin().unwrap();
            assert!(tx.insert_sale_correction(&wrong).is_err(), "{wrong:?}");
        }
    });
}

#[test]
fn workshop_jobs_change_status_and_are_listed_by_status_soonest_first() {
    on_every_backend(|store| {
        let customer = Uuid::now_v7();
        master_key(store, 1);
        let mut number = 0;
        let mut job = |promised_on: Option<&str>| {
            number += 1;
            RepairRow {
                id: Uuid::now_v7(),
                customer_id: customer,
                kind: "repair".into(),
                status: "received".into(),
                received_on: "2026-11-29".into(),
                promised_on: promised_on.map(str::to_owned),
                created_at: 6,
                ticket: format!("R-2611-{number:03}"),
                previous_status: None,
                moved_at: None,
                sealed: sealed_all(RecordKind::Repair, 3),
            }
        };
        let (late, soon, open_ended) = (job(Some("2026-12-20")), job(Some("2026-12-01")), job(None));
        let mut tx = store.begin().unwrap();
        tx.insert_customers(&[new_customer(customer, 1, vec![])]).unwrap();
        for row in [&late, &open_ended, &soon] {
            tx.insert_repair(row).unwrap();
        }
        tx.commit().unwrap();

        let mut tx = store.begin().unwrap();
        let ids = |rows: Vec<RepairRow>| rows.into_iter().map(|row| row.id).collect::<Vec<_>>();
        assert_eq!(ids(tx.repairs_with_status("received", 0, 10).unwrap()), [soon.id, late.id, open_ended.id]);
        assert_eq!(ids(tx.repairs_with_status("received", 0, 2).unwrap()), [soon.id, late.id]);
        assert_eq!(ids(tx.repairs_with_status("received", 2, 2).unwrap()), [open_ended.id], "the next page");
        assert_eq!(tx.open_repair_counts().unwrap(), [("received".to_owned(), 3)]);
        assert!(tx.set_repair_status(soon.id, "received", "at_bench", 1_000).unwrap());
        assert!(!tx.set_repair_status(soon.id, "received", "ready", 1_001).unwrap(), "moved meanwhile: not at that status any more");
        assert!(!tx.set_repair_status(Uuid::now_v7(), "received", "at_bench", 1_002).unwrap(), "no such job");
        tx.commit().unwrap();

        let mut tx = store.begin().unwrap();
        let moved = tx.repair(soon.id).unwrap().unwrap();
        assert_eq!((moved.status.as_str(), moved.previous_status.as_deref(), moved.moved_at), ("at_bench", Some("received"), Some(1_000)));
        assert_eq!(tx.repair(late.id).unwrap(), Some(late.clone()));
        assert_eq!(tx.repair(Uuid::now_v7()).unwrap(), None);
        assert_eq!(ids(tx.repairs_with_status("at_bench", 0, 10).unwrap()), [soon.id]);
        assert_eq!(ids(tx.repairs_with_status("received", 0, 10).unwrap()), [late.id, open_ended.id]);
        let mut counts = tx.open_repair_counts().unwrap();
        counts.sort();
        assert_eq!(counts, [("at_bench".to_owned(), 1), ("received".to_owned(), 2)]);

        // A move is undone once, and only while the job is where that move put it.
        assert!(!tx.undo_repair_status(soon.id, "at_bench", "ready", 1_100).unwrap(), "it did not come from there");
        assert!(tx.undo_repair_status(soon.id, "at_bench", "received", 1_100).unwrap());
        assert!(!tx.undo_repair_status(soon.id, "at_bench", "received", 1_101).unwrap(), "already undone");
        let undone = tx.repair(soon.id).unwrap().unwrap();
        assert_eq!((undone.status.as_str(), undone.previous_status, undone.moved_at), ("received", None, Some(1_100)));

        // Collected today: by when they moved, the latest first.
        assert!(tx.set_repair_status(late.id, "received", "collected", 2_000).unwrap());
        assert!(tx.set_repair_status(soon.id, "received", "collected", 3_000).unwrap());
        assert_eq!(ids(tx.repairs_moved_since("collected", 2_000, 10).unwrap()), [soon.id, late.id]);
        assert_eq!(ids(tx.repairs_moved_since("collected", 2_001, 10).unwrap()), [soon.id]);
        assert_eq!(tx.open_repair_counts().unwrap(), [("received".to_owned(), 1)], "collected jobs are not open");

        // Ticket codes: found exactly, unique, and numbered on from the highest of their prefix.
        assert_eq!(tx.repair_by_ticket("R-2611-003").unwrap().map(|row| row.id), Some(open_ended.id));
        assert_eq!(tx.repair_by_ticket("R-2611-009").unwrap(), None);
        assert_eq!(tx.next_ticket_number("R-2611-").unwrap(), 4);
        assert_eq!(tx.next_ticket_number("A-2611-").unwrap(), 1);
        assert!(tx.insert_repair(&RepairRow { id: Uuid::now_v7(), ..late.clone() }).is_err(), "a ticket code is given out once");
        drop(tx);
        let mut tx = store.begin().unwrap();
        tx.insert_repair(&RepairRow { id: Uuid::now_v7(), ticket: "R-2611-1000".into(), ..late.clone() }).unwrap();
        assert_eq!(tx.next_ticket_number("R-2611-").unwrap(), 1001, "numbers past 999 are read as numbers, not text");
    });
}

/// Migration 5 numbers the jobs a shop already has: per kind and month, in the order they were
/// taken in. The store is made at the latest schema with jobs in it, rewound to schema 4 (what
/// migrations 5 and on added dropped), and opened again.
#[test]
fn the_workshop_migration_gives_existing_jobs_their_ticket_codes() {
    let customer = Uuid::now_v7();
    let jobs: Vec<RepairRow> =
        [("repair", "2026-11-29", 3), ("repair", "2026-11-02", 5), ("appraisal", "2026-11-30", 4), ("repair", "2026-12-01", 1)]
            .into_iter()
            .enumerate()
            .map(|(n, (kind, received_on, created_at))| RepairRow {
                id: Uuid::now_v7(),
                customer_id: customer,
                kind: kind.into(),
                status: "received".into(),
                received_on: received_on.into(),
                promised_on: None,
                created_at,
                ticket: format!("X-{n}"),
                previous_status: None,
                moved_at: None,
                sealed: sealed_all(RecordKind::Repair, 3),
            })
            .collect();
    let fill = |store: &dyn Store| {
        master_key(store, 1);
        let mut tx = store.begin().unwrap();
        tx.insert_customers(&[new_customer(customer, 1, vec![])]).unwrap();
        for job in &jobs {
            tx.insert_repair(job).unwrap();
        }
        tx.commit().unwrap();
    };
    let rewind = "DELETE FROM schema_migrations WHERE version >= 5; DROP TABLE customer_search_entries; CREATE INDEX blind_index_by_customer ON blind_index (customer_id); DROP TABLE shop_secrets; DROP TABLE desk_items; DROP INDEX customers_erased; DROP INDEX purchases_held; ALTER TABLE customers DROP COLUMN restricted; ALTER TABLE customers DROP COLUMN erased_at; ALTER TABLE purchases DROP COLUMN held_until; ALTER TABLE aml_records DROP COLUMN holder_name; ALTER TABLE aml_records DROP COLUMN holder_birth_date; DROP TABLE customer_reviews; DROP TABLE privacy_requests; DROP TABLE shop_settings; DROP TABLE playbooks; DROP TABLE incident_letters; DROP TABLE mail_outbox; DROP TABLE mail_settings; DROP TABLE incident_tasks; DROP TABLE incident_impacts; DROP TABLE incidents; DROP INDEX audit_events_by_action; DROP TABLE aml_checked_sales; DROP TABLE sale_corrections; ALTER TABLE purchases DROP COLUMN note; DROP INDEX repairs_by_ticket; DROP INDEX repairs_by_move;
                  ALTER TABLE repairs DROP COLUMN ticket; ALTER TABLE repairs DROP COLUMN previous_status; ALTER TABLE repairs DROP COLUMN moved_at;
                  ALTER TABLE repairs DROP COLUMN estimate; ALTER TABLE repairs DROP COLUMN deposit; DROP TABLE upgrades;";
    let tickets = |store: &dyn Store| -> Vec<String> {
        let mut tx = store.begin().unwrap();
        jobs.iter().map(|job| tx.repair(job.id).unwrap().unwrap().ticket).collect()
    };
    // By kind and month, in the order the records were made (created_at): the repair recorded
    // first is 001 even though the other one's day is earlier.
    let expected = ["R-2611-001", "R-2611-002", "A-2611-001", "R-2612-001"].map(String::from);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.sqlite");
    fill(&SqliteStore::open(&path).unwrap());
    rusqlite::Connection::open(&path).unwrap().execute_batch(rewind).unwrap();
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(tickets(&store), expected);
    if let Ok(url) = std::env::var("STRONGROOM_TEST_PG_URL") {
        let schema = format!("store_it_tickets_{}", std::process::id());
        fill(&PgStore::connect_in_schema(&url, Some(&schema)).unwrap());
        let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
        client.batch_execute(&format!("SET search_path TO {schema}; {rewind}")).unwrap();
        let store = PgStore::connect_in_schema(&url, Some(&schema)).unwrap();
        let found = tickets(&store);
        drop(store);
        PgStore::drop_schema(&url, &schema).unwrap();
        assert_eq!(found, expected);
    }
}

#[test]
fn an_idempotency_key_is_claimed_once_per_sender_and_purged_by_age() {
    on_every_backend(|store| {
        let claim = |actor: &str, key: &str, digest: u8, at: i64| IdempotencyRow {
            actor: actor.into(),
            key: key.into(),
            request_digest: [digest; 32],
            result_id: None,
            created_at: at,
        };
        let created = Uuid::now_v7();
        let mut tx = store.begin().unwrap();
        assert_eq!(tx.claim_idempotency_key(&claim("api_token:pos", "k1", 1, 100)).unwrap(), None);
        tx.finish_idempotency_key("api_token:pos", "k1", created).unwrap();
        tx.commit().unwrap();

        let mut tx = store.begin().unwrap();
        let again = tx.claim_idempotency_key(&claim("api_token:pos", "k1", 2, 200)).unwrap().expect("already claimed");
        assert_eq!((again.request_digest, again.result_id, again.created_at), ([1; 32], Some(created), 100));
        // The same key from another sender is another claim.
        assert_eq!(tx.claim_idempotency_key(&claim("api_token:webshop", "k1", 1, 300)).unwrap(), None);
        tx.commit().unwrap();

        // A claim rolled back with its transaction leaves nothing behind.
        let mut tx = store.begin().unwrap();
        assert_eq!(tx.claim_idempotency_key(&claim("api_token:pos", "k2", 1, 300)).unwrap(), None);
        drop(tx);
        let mut tx = store.begin().unwrap();
        assert_eq!(tx.claim_idempotency_key(&claim("api_token:pos", "k2", 1, 300)).unwrap(), None);
        assert_eq!(tx.purge_idempotency_keys(250).unwrap(), 1);
        assert_eq!(tx.claim_idempotency_key(&claim("api_token:pos", "k1", 1, 400)).unwrap(), None, "purged keys are free again");
        tx.commit().unwrap();
    });
}

#[test]
fn audit_events_get_contiguous_sequence_numbers_and_round_trip() {
    on_every_backend(|store| {
        let target = Uuid::now_v7();
        let mut tx = store.begin().unwrap();
        assert_eq!(tx.append_audit_events(&[event("vault.init", None)]).unwrap(), 0);
        tx.commit().unwrap();

        let mut tx = store.begin().unwrap();
        let events = vec![event("customer.create", Some(target)), event("customer.read", Some(target))];
        assert_eq!(tx.append_audit_events(&events).unwrap(), 1);
        tx.commit().unwrap();

        // A rolled-back transaction leaves no event and no gap.
        let mut tx = store.begin().unwrap();
        tx.append_audit_events(&[event("customer.update", Some(target))]).unwrap();
        drop(tx);
        let mut tx = store.begin().unwrap();
        assert_eq!(tx.append_audit_events(&[event("customer.list", None)]).unwrap(), 3);

        let stored = tx.audit_events(0, 100).unwrap();
        let seqs: Vec<u64> = stored.iter().map(|(seq, _)| *seq).collect();
        assert_eq!(seqs, [0, 1, 2, 3]);
        assert_eq!(stored[1].1, events[0]);
        assert_eq!(stored[2].1, events[1]);
        assert_eq!(tx.audit_events(2, 1).unwrap().len(), 1);
        assert_eq!(tx.audit_frontier().unwrap().size(), 4);
    });
}

#[test]
fn a_dropped_transaction_writes_nothing() {
    on_every_backend(|store| {
        master_key(store, 1);
        let mut tx = store.begin().unwrap();
        tx.insert_customers(&[new_customer(Uuid::now_v7(), 1, vec![BlindIndexEntry { index_id: 1, value: 1 }])]).unwrap();
        drop(tx);
        let mut tx = store.begin().unwrap();
        assert_eq!(tx.count_customers().unwrap(), 0);
        assert_eq!(tx.customers_by_index(BlindIndexEntry { index_id: 1, value: 1 }).unwrap(), Vec::<Uuid>::new());
        assert_eq!(tx.data_key_counts().unwrap(), []);
    });
}

#[test]
fn import_progress_is_saved_and_updated() {
    on_every_backend(|store| {
        let digest = [5u8; 32];
        let mut tx = store.begin().unwrap();
        assert_eq!(tx.import_progress(&digest).unwrap(), None);
        let mut progress = ImportProgress {
            file_digest: digest,
            rows_total: 100,
            rows_done: 40,
            rows_imported: 37,
            rows_rejected: 3,
            rejects_bytes: 120,
            started_at: 1,
            finished_at: None,
        };
        assert!(tx.save_import_progress(&progress, None).unwrap());
        assert_eq!(tx.import_progress(&digest).unwrap().as_ref(), Some(&progress));
        // A second run of the same file that also began from nothing, or expects another
        // point, writes nothing: it would import the same rows again.
        let mut other = progress.clone();
        other.rows_done = 80;
        assert!(!tx.save_import_progress(&other, None).unwrap());
        assert!(!tx.save_import_progress(&other, Some(10)).unwrap());
        assert_eq!(tx.import_progress(&digest).unwrap().as_ref(), Some(&progress));
        progress.rows_done = 100;
        progress.rows_imported = 95;
        progress.rows_rejected = 5;
        progress.rejects_bytes = 200;
        progress.finished_at = Some(2);
        assert!(tx.save_import_progress(&progress, Some(40)).unwrap());
        tx.commit().unwrap();
        let mut tx = store.begin().unwrap();
        assert_eq!(tx.import_progress(&digest).unwrap(), Some(progress.clone()));
        // Finished: nothing moves it any more.
        assert!(!tx.save_import_progress(&progress, Some(100)).unwrap());
    });
}

#[test]
fn the_postgresql_suite_runs_when_ci_asks_for_it() {
    let backends: Vec<Backend> = test_stores().iter().map(|t| t.store.backend()).collect();
    let expected =
        if std::env::var("STRONGROOM_TEST_PG_URL").is_ok() { vec![Backend::Sqlite, Backend::Postgres] } else { vec![Backend::Sqlite] };
    assert_eq!(backends, expected);
    // CI sets both; a CI run without PostgreSQL would silently test half the contract.
    if std::env::var("CI").is_ok_and(|ci| ci == "true") {
        assert!(std::env::var("STRONGROOM_TEST_PG_URL").is_ok(), "CI must run the PostgreSQL suite");
    }
}

#[test]
fn the_merkle_tree_is_kept_beside_the_events_in_the_same_transaction() {
    on_every_backend(|store| {
        let events: Vec<AuditEvent> = (0..37).map(|n| event(&format!("customer.read.{n}"), Some(Uuid::now_v7()))).collect();
        // Appended in uneven batches, as the gate does (one event, or an import's thousands).
        let mut appended = 0;
        for batch in [1usize, 2, 7, 1, 16, 10] {
            let mut tx = store.begin().unwrap();
            assert_eq!(tx.append_audit_events(&events[appended..appended + batch]).unwrap(), appended as u64);
            tx.commit().unwrap();
            appended += batch;
        }
        // A rolled-back append leaves the tree as it was.
        let mut tx = store.begin().unwrap();
        tx.append_audit_events(&[event("rolled.back", None)]).unwrap();
        drop(tx);

        let expected = MemoryTree::from_leaves(events.iter().map(|e| leaf_hash(&e.encode())));
        let mut tx = store.begin().unwrap();
        let frontier = tx.audit_frontier().unwrap();
        assert_eq!(frontier.size(), 37);
        assert_eq!(frontier.root(), expected.root(37).unwrap());
        for level in 0..6u32 {
            let stored = tx.audit_subtrees(level, 0, 1000).unwrap();
            assert_eq!(stored.len() as u64, 37 >> level, "level {level}");
            for (index, hash) in stored {
                assert_eq!(hash, expected.perfect_subtree(level, index).unwrap(), "level {level} index {index}");
            }
        }
        assert_eq!(tx.audit_subtree(5, 0).unwrap(), Some(expected.perfect_subtree(5, 0).unwrap()));
        assert_eq!(tx.audit_subtree(5, 1).unwrap(), None, "the second 32-leaf subtree is not complete yet");
        assert_eq!(tx.audit_subtrees(0, 35, 10).unwrap().len(), 2);
    });
}

#[test]
fn an_event_removed_behind_the_gates_back_stops_further_appends() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.sqlite");
    let store = SqliteStore::open(&path).unwrap();
    let mut tx = store.begin().unwrap();
    tx.append_audit_events(&[event("a", None), event("b", None), event("c", None)]).unwrap();
    tx.commit().unwrap();
    rusqlite::Connection::open(&path).unwrap().execute("DELETE FROM audit_events WHERE seq = 2", []).unwrap();
    let mut tx = store.begin().unwrap();
    let error = tx.append_audit_events(&[event("d", None)]).unwrap_err();
    assert!(error.to_string().contains("holds 2 events but its Merkle tree covers 3"), "{error}");
}

#[test]
fn checkpoints_are_stored_in_size_order() {
    on_every_backend(|store| {
        let mut tx = store.begin().unwrap();
        for size in [8u64, 3, 20] {
            let checkpoint = CheckpointRow { size, root: [size as u8; 32], at_unix_micros: size as i64, note: format!("note {size}\n") };
            tx.insert_checkpoint(&checkpoint).unwrap();
        }
        tx.commit().unwrap();
        let mut tx = store.begin().unwrap();
        let sizes: Vec<u64> = tx.checkpoints().unwrap().iter().map(|c| c.size).collect();
        assert_eq!(sizes, [3, 8, 20]);
        assert_eq!(tx.checkpoints().unwrap()[0].note, "note 3\n");
    });
}

#[test]
fn audit_events_are_found_by_customer_actor_action_and_time() {
    on_every_backend(|store| {
        let (anna, bram) = (Uuid::now_v7(), Uuid::now_v7());
        let at = |actor: &str, action: &str, target: Uuid, micros: i64| AuditEvent {
            actor_name: actor.into(),
            at_unix_micros: micros,
            ..event(action, Some(target))
        };
        let events = vec![
            at("sales-1", "customer.read", anna, 100),
            at("sales-1", "customer.read", bram, 200),
            at("workshop-1", "customer.read", anna, 300),
            at("sales-1", "purchase.create", anna, 400),
            at("sales-1", "customer.read", anna, 500),
        ];
        let mut tx = store.begin().unwrap();
        tx.append_audit_events(&events).unwrap();
        let seqs = |tx: &mut dyn strongroom_store::Tx, filter: AuditFilter| -> Vec<u64> {
            tx.query_audit_events(&AuditFilter { limit: 100, ..filter }).unwrap().into_iter().map(|(seq, _)| seq).collect()
        };
        assert_eq!(seqs(tx.as_mut(), AuditFilter { target_id: Some(anna), ..AuditFilter::default() }), [0, 2, 3, 4]);
        assert_eq!(seqs(tx.as_mut(), AuditFilter { actor_name: Some("sales-1".into()), ..AuditFilter::default() }), [0, 1, 3, 4]);
        assert_eq!(seqs(tx.as_mut(), AuditFilter { action: Some("purchase.create".into()), ..AuditFilter::default() }), [3]);
        let window = AuditFilter { actor_name: Some("sales-1".into()), since: Some(200), until: Some(500), ..AuditFilter::default() };
        assert_eq!(seqs(tx.as_mut(), window), [1, 3], "since is inclusive, until exclusive");
        assert_eq!(seqs(tx.as_mut(), AuditFilter { after_seq: Some(2), ..AuditFilter::default() }), [3, 4]);
        let limited = tx.query_audit_events(&AuditFilter { target_id: Some(anna), limit: 2, ..AuditFilter::default() }).unwrap();
        assert_eq!(limited.len(), 2);
        assert_eq!(limited[1].1, events[2]);
        // The latest of a kind, and only those that ended a given way.
        let reads = AuditFilter { action: Some("customer.read".into()), newest_first: true, ..AuditFilter::default() };
        assert_eq!(seqs(tx.as_mut(), reads.clone()), [4, 2, 1, 0]);
        assert_eq!(seqs(tx.as_mut(), AuditFilter { outcome: Some("denied".into()), ..reads.clone() }), Vec::<u64>::new());
        assert_eq!(seqs(tx.as_mut(), AuditFilter { outcome: Some("allowed".into()), after_seq: Some(1), ..reads }), [4, 2]);
    });
}

#[test]
fn the_trail_is_counted_by_window_action_and_outcome() {
    on_every_backend(|store| {
        let at = |action: &str, outcome: &str, micros: i64| AuditEvent {
            at_unix_micros: micros,
            outcome: outcome.into(),
            ..event(action, None)
        };
        let events = vec![
            at("customer.read", "allowed", 99),
            at("customer.read", "allowed", 100),
            at("customer.read", "denied", 150),
            at("customer.read", "allowed", 199),
            at("staff.signin", "failed", 200),
            at("staff.signin", "failed", 300),
        ];
        let mut tx = store.begin().unwrap();
        tx.append_audit_events(&events).unwrap();
        let counts: Vec<(usize, String, String, u64)> = tx
            .audit_window_counts(&[100, 200, 300])
            .unwrap()
            .into_iter()
            .map(|count| (count.window, count.action, count.outcome, count.count))
            .collect();
        let expected = [(0, "customer.read", "allowed", 2), (0, "customer.read", "denied", 1), (1, "staff.signin", "failed", 1)];
        let expected: Vec<(usize, String, String, u64)> =
            expected.iter().map(|(window, action, outcome, count)| (*window, action.to_string(), outcome.to_string(), *count)).collect();
        assert_eq!(counts, expected, "before the first bound and at the last are left out; each window counted apart");
        assert!(tx.audit_window_counts(&[100]).is_err());
        assert!(tx.audit_window_counts(&[200, 100]).is_err());
    });
}

#[test]
fn the_shops_secrets_are_kept_changed_only_as_read_and_removed_with_their_key() {
    on_every_backend(|store| {
        master_key(store, 1);
        let row = |id: Uuid, created_at: i64| SecretRow {
            id,
            created_at,
            updated_at: created_at,
            info: vec![1, 2, 3],
            secret: vec![4, 5, 6],
            data_key: DataKeyRow {
                owner_kind: OwnerKind::ShopSecret,
                owner_id: id,
                data_key_version: 1,
                master_version: 1,
                wrapped: vec![9; 61],
            },
        };
        let (bank, wifi) = (Uuid::now_v7(), Uuid::now_v7());
        let mut tx = store.begin().unwrap();
        tx.insert_secret(&row(wifi, 20)).unwrap();
        tx.insert_secret(&row(bank, 10)).unwrap();
        tx.commit().unwrap();
        let mut tx = store.begin().unwrap();
        assert!(tx.insert_secret(&row(bank, 30)).is_err(), "an id once");
        drop(tx);
        let mut tx = store.begin().unwrap();
        let listed: Vec<Uuid> = tx.secrets(10).unwrap().into_iter().map(|row| row.id).collect();
        assert_eq!(listed, [bank, wifi], "the oldest first");
        assert_eq!(tx.secrets(1).unwrap().len(), 1);
        assert_eq!(tx.count_secrets().unwrap(), 2);
        let changed = SecretRow { info: vec![7], secret: vec![8], updated_at: 40, ..row(bank, 10) };
        assert!(tx.update_secret(&changed, 10).unwrap());
        assert!(!tx.update_secret(&SecretRow { updated_at: 50, ..changed.clone() }, 10).unwrap(), "changed since it was read");
        assert_eq!(tx.secret(bank).unwrap().unwrap(), changed);
        assert!(tx.delete_secret(bank).unwrap());
        assert!(tx.secret(bank).unwrap().is_none());
        assert!(tx.data_key(OwnerKind::ShopSecret, bank).unwrap().is_none(), "its key is gone with it");
        assert!(!tx.delete_secret(bank).unwrap());
        tx.commit().unwrap();
    });
}

#[test]
fn grouped_jobs_commit_together_and_a_failing_one_rolls_back_alone() {
    on_every_backend(|store| {
        let results = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..8u64)
                .map(|n| {
                    scope.spawn(move || {
                        let job: strongroom_store::GroupedJob = Box::new(move |tx| {
                            let first = tx.append_audit_events(&[event(&format!("grouped.{n}"), None)])?;
                            if n == 3 {
                                // A job that fails after writing: its event must not survive.
                                return Err(strongroom_store::StoreError::Conflict("job 3 fails".into()));
                            }
                            Ok(Box::new(first))
                        });
                        store.run_grouped(job).map(|value| *value.downcast::<u64>().unwrap())
                    })
                })
                .collect();
            let results: Vec<_> = workers.into_iter().map(|worker| worker.join().unwrap()).collect();
            assert!(results[3].is_err());
            assert_eq!(results.iter().filter(|result| result.is_ok()).count(), 7);
            results
        });
        let mut tx = store.begin().unwrap();
        let events = tx.audit_events(0, 100).unwrap();
        for (seq, event) in &events {
            let n: usize = event.action.trim_start_matches("grouped.").parse().unwrap();
            assert_eq!(results[n].as_ref().ok(), Some(seq), "the index a job was told is where its event is");
        }
        let mut actions: Vec<String> = events.iter().map(|(_, e)| e.action.clone()).collect();
        actions.sort();
        assert_eq!(actions, ["grouped.0", "grouped.1", "grouped.2", "grouped.4", "grouped.5", "grouped.6", "grouped.7"]);
        let seqs: Vec<u64> = events.iter().map(|(seq, _)| *seq).collect();
        assert_eq!(seqs, (0..7).collect::<Vec<_>>(), "the failed job left no gap");
        assert_eq!(tx.audit_frontier().unwrap().size(), 7);
    });
}

fn staff_row(username: &str, role: Role) -> StaffRow {
    StaffRow {
        id: Uuid::now_v7(),
        username: username.into(),
        role,
        disabled: false,
        password_hash: None,
        password_changed_at: None,
        must_change_password: false,
        enrolment_code_hash: Some(vec![7; 32]),
        enrolment_expires_at: Some(1_000),
        totp_secret: None,
        totp_pending: None,
        totp_last_step: None,
        passkeys: None,
        failed_logins: 0,
        last_failed_at: None,
        locked_at: None,
        created_at: 10,
        language: "nl".into(),
        session_epoch: 3,
        row_mac: Some(vec![5; 32]),
    }
}

#[test]
fn staff_accounts_round_trip_and_names_are_unique() {
    on_every_backend(|store| {
        let mut tx = store.begin().unwrap();
        let anna = staff_row("anna", Role::Sales);
        tx.insert_staff(&anna).unwrap();
        tx.insert_staff(&staff_row("bram", Role::Owner)).unwrap();
        assert_eq!(tx.staff_by_name("anna").unwrap().as_ref(), Some(&anna));
        assert_eq!(tx.staff(anna.id).unwrap().as_ref(), Some(&anna));
        assert_eq!(tx.staff_by_name("nobody").unwrap(), None);
        let mut changed = anna.clone();
        changed.role = Role::Manager;
        changed.password_hash = Some("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into());
        changed.totp_secret = Some(vec![1, 2, 3]);
        changed.totp_last_step = Some(59_000_000);
        changed.passkeys = Some("[]".into());
        changed.failed_logins = 4;
        changed.locked_at = Some(99);
        changed.must_change_password = true;
        changed.disabled = true;
        changed.row_mac = Some(vec![6; 32]);
        changed.session_epoch = 4;
        tx.update_staff(&changed).unwrap();
        assert_eq!(tx.staff(anna.id).unwrap(), Some(changed));
        let names: Vec<String> = tx.all_staff().unwrap().into_iter().map(|row| row.username).collect();
        assert_eq!(names, ["anna", "bram"]);
        tx.commit().unwrap();

        let mut tx = store.begin().unwrap();
        let taken = tx.insert_staff(&staff_row("anna", Role::Workshop)).unwrap_err();
        assert!(taken.to_string().contains("taken"), "{taken}");
    });
}

#[test]
fn a_recovery_code_is_used_once() {
    on_every_backend(|store| {
        let mut tx = store.begin().unwrap();
        let anna = staff_row("anna", Role::Sales);
        tx.insert_staff(&anna).unwrap();
        tx.replace_recovery_codes(anna.id, &[[1; 32], [2; 32], [3; 32]]).unwrap();
        assert_eq!(tx.unused_recovery_codes(anna.id).unwrap(), 3);
        assert!(tx.use_recovery_code(anna.id, &[2; 32], 50).unwrap());
        assert!(!tx.use_recovery_code(anna.id, &[2; 32], 51).unwrap(), "used twice");
        assert!(!tx.use_recovery_code(anna.id, &[9; 32], 52).unwrap(), "never issued");
        assert_eq!(tx.unused_recovery_codes(anna.id).unwrap(), 2);
        tx.replace_recovery_codes(anna.id, &[[4; 32]]).unwrap();
        assert!(!tx.use_recovery_code(anna.id, &[1; 32], 53).unwrap(), "replaced codes are gone");
        assert_eq!(tx.unused_recovery_codes(anna.id).unwrap(), 1);
        tx.commit().unwrap();
    });
}

#[test]
fn recovery_codes_are_rekeyed_in_place_keeping_whether_they_were_used() {
    on_every_backend(|store| {
        let mut tx = store.begin().unwrap();
        let anna = staff_row("anna", Role::Sales);
        tx.insert_staff(&anna).unwrap();
        tx.replace_recovery_codes(anna.id, &[[1; 32], [2; 32]]).unwrap();
        assert!(tx.use_recovery_code(anna.id, &[1; 32], 50).unwrap());
        let mut hashes = tx.recovery_code_hashes(anna.id).unwrap();
        hashes.sort();
        assert_eq!(hashes, [vec![1; 32], vec![2; 32]]);
        tx.rekey_recovery_code(anna.id, &[1; 32], &[11; 32]).unwrap();
        tx.rekey_recovery_code(anna.id, &[2; 32], &[12; 32]).unwrap();
        assert!(!tx.use_recovery_code(anna.id, &[11; 32], 60).unwrap(), "still used");
        assert!(!tx.use_recovery_code(anna.id, &[2; 32], 60).unwrap(), "the old hash is gone");
        assert!(tx.use_recovery_code(anna.id, &[12; 32], 60).unwrap());
        tx.commit().unwrap();
    });
}

#[test]
fn sessions_are_found_by_hash_changed_and_ended() {
    on_every_backend(|store| {
        let mut tx = store.begin().unwrap();
        let anna = staff_row("anna", Role::Sales);
        let bram = staff_row("bram", Role::Owner);
        tx.insert_staff(&anna).unwrap();
        tx.insert_staff(&bram).unwrap();
        let session = |hash: u8, staff: &StaffRow, created_at: i64| SessionRow {
            id_hash: [hash; 32],
            staff_id: staff.id,
            created_at,
            last_seen_at: created_at,
            second_factor_at: None,
            step_up_at: None,
            client_addr: Some("192.0.2.7".into()),
            row_mac: Some(vec![hash; 32]),
        };
        for row in [session(1, &anna, 100), session(2, &anna, 200), session(3, &anna, 300), session(4, &bram, 400)] {
            tx.insert_session(&row).unwrap();
        }
        let mut first = tx.session(&[1; 32]).unwrap().unwrap();
        first.last_seen_at = 150;
        first.second_factor_at = Some(120);
        first.step_up_at = Some(140);
        first.row_mac = Some(vec![42; 32]);
        tx.update_session(&first).unwrap();
        assert_eq!(tx.session(&[1; 32]).unwrap(), Some(first));
        assert_eq!(tx.session(&[9; 32]).unwrap(), None);
        let created: Vec<i64> = tx.sessions_of(anna.id).unwrap().iter().map(|row| row.created_at).collect();
        assert_eq!(created, [300, 200, 100], "newest first");
        let all: Vec<i64> = tx.all_sessions().unwrap().iter().map(|row| row.created_at).collect();
        assert_eq!(all, [100, 200, 300, 400], "every account's, oldest first");

        assert_eq!(tx.delete_sessions_of(anna.id, Some(&[2; 32])).unwrap(), 2, "all but the kept one");
        assert_eq!(tx.sessions_of(anna.id).unwrap().len(), 1);
        assert!(tx.delete_session(&[2; 32]).unwrap());
        assert!(!tx.delete_session(&[2; 32]).unwrap());
        assert_eq!(tx.delete_sessions_of(bram.id, None).unwrap(), 1);

        tx.insert_session(&session(5, &anna, 1_000)).unwrap();
        tx.insert_session(&session(6, &anna, 5_000)).unwrap();
        assert_eq!(tx.delete_expired_sessions(2_000, 0).unwrap(), 1, "idle too long");
        assert_eq!(tx.delete_expired_sessions(0, 6_000).unwrap(), 1, "begun too long ago");
        tx.commit().unwrap();
    });
}

#[test]
fn api_tokens_are_found_by_hash_and_revoked() {
    on_every_backend(|store| {
        let mut tx = store.begin().unwrap();
        let token = |n: u8, created_at: i64| ApiTokenRow {
            id: Uuid::now_v7(),
            name: format!("till-{n}"),
            token_hash: [n; 32],
            role: Role::Manager,
            scopes: "customers:read,purchases:write".into(),
            created_by: "owner".into(),
            created_at,
            expires_at: Some(9_000),
            revoked_at: None,
            last_used_at: None,
            row_mac: Some(vec![n; 32]),
        };
        let (first, second) = (token(1, 10), token(2, 20));
        tx.insert_api_token(&second).unwrap();
        tx.insert_api_token(&first).unwrap();
        assert_eq!(tx.api_token_by_hash(&[1; 32]).unwrap().as_ref(), Some(&first));
        assert_eq!(tx.api_token_by_hash(&[3; 32]).unwrap(), None);
        let mut revoked = second.clone();
        revoked.revoked_at = Some(30);
        revoked.last_used_at = Some(25);
        revoked.token_hash = [7; 32];
        revoked.row_mac = Some(vec![8; 32]);
        tx.update_api_token(&revoked).unwrap();
        assert_eq!(tx.api_token(second.id).unwrap(), Some(revoked));
        let names: Vec<String> = tx.api_tokens().unwrap().into_iter().map(|row| row.name).collect();
        assert_eq!(names, ["till-1", "till-2"], "oldest first");
        tx.commit().unwrap();
    });
}

#[test]
fn the_outbox_moves_a_message_only_from_the_state_it_is_in_and_holds_one_letter_per_customer_and_incident() {
    use strongroom_store::{MailMove, MailRow};
    on_every_backend(|store| {
        let (incident, customer) = (Uuid::now_v7(), Uuid::now_v7());
        let letter = |id: Uuid, at: i64| MailRow {
            id,
            kind: "letter".into(),
            incident_id: Some(incident),
            customer_id: Some(customer),
            sealed: vec![1, 2, 3],
            state: "queued".into(),
            attempts: 0,
            reason: None,
            queued_at: at,
            updated_at: at,
            sent_at: None,
        };
        let first = Uuid::now_v7();
        let alert = MailRow { kind: "alert".into(), customer_id: None, ..letter(Uuid::now_v7(), 20) };
        let mut tx = store.begin().unwrap();
        assert!(tx.mail_settings().unwrap().is_none());
        tx.set_mail_settings(b"sealed one", 1).unwrap();
        tx.set_mail_settings(b"sealed two", 2).unwrap();
        assert_eq!(tx.mail_settings().unwrap(), Some((b"sealed two".to_vec(), 2)));
        assert!(tx.setting("backup").unwrap().is_none());
        tx.set_setting("backup", "{\"time\":\"02:00\"}", 3).unwrap();
        tx.set_setting("backup", "{\"time\":\"03:30\"}", 4).unwrap();
        tx.set_setting("other", "1", 5).unwrap();
        assert_eq!(tx.setting("backup").unwrap(), Some(("{\"time\":\"03:30\"}".to_owned(), 4)));
        assert_eq!((tx.setting_updated_at("backup").unwrap(), tx.setting_updated_at("none").unwrap()), (Some(4), None));
        assert!(tx.insert_mail(&letter(first, 10)).unwrap());
        assert!(!tx.insert_mail(&letter(Uuid::now_v7(), 11)).unwrap(), "a second letter to the same customer about the same incident");
        assert!(tx.insert_mail(&alert).unwrap());
        assert!(tx.insert_mail(&MailRow { id: Uuid::now_v7(), ..alert.clone() }).unwrap(), "alerts are not per customer");
        tx.commit().unwrap();

        let mut tx = store.begin().unwrap();
        assert_eq!(tx.queued_mail(10).unwrap().iter().map(|row| row.queued_at).collect::<Vec<_>>(), [10, 20, 20]);
        let hand = MailMove { id: first, from: "queued", to: "handing", attempt: true, reason: None, at: 30, sent_at: None };
        assert!(tx.move_mail(&hand).unwrap());
        assert!(!tx.move_mail(&hand).unwrap(), "a second sender cannot take it too");
        let sent = MailMove { from: "handing", to: "sent", attempt: false, sent_at: Some(31), at: 31, ..hand };
        assert!(tx.move_mail(&sent).unwrap());
        let row = tx.mail(first).unwrap().unwrap();
        assert_eq!((row.state.as_str(), row.attempts, row.sent_at, row.updated_at), ("sent", 1, Some(31), 31));
        let refused =
            MailMove { id: alert.id, from: "queued", to: "queued", attempt: true, reason: Some(b"sealed 451"), at: 40, sent_at: None };
        assert!(tx.move_mail(&refused).unwrap());
        assert_eq!(tx.mail(alert.id).unwrap().unwrap().reason.as_deref(), Some(&b"sealed 451"[..]));
        assert_eq!(tx.mail_counts(None).unwrap(), [("queued".to_owned(), 2), ("sent".to_owned(), 1)]);
        assert_eq!(tx.mail_counts(Some(Uuid::now_v7())).unwrap(), []);
        assert_eq!(tx.outbox(Some(incident), false, 10).unwrap().len(), 3);
        assert_eq!(tx.outbox(None, false, 2).unwrap().len(), 2);
        assert!(tx.outbox(None, true, 10).unwrap().is_empty(), "nothing failed, handing or held");
        assert_eq!(tx.hold_mail(50).unwrap(), 2, "the two queued alerts; the sent letter stays sent");
        let held = tx.outbox(None, true, 10).unwrap();
        assert_eq!(held.iter().map(|row| (row.state.as_str(), row.updated_at)).collect::<Vec<_>>(), [("held", 50), ("held", 50)]);
        tx.commit().unwrap();
    });
}

#[test]
fn an_incidents_letters_are_kept_as_versions_in_order() {
    use strongroom_store::IncidentLetterRow;
    on_every_backend(|store| {
        let incident = Uuid::now_v7();
        let version = |seq: i64, sent_at: Option<i64>| IncidentLetterRow {
            incident_id: incident,
            seq,
            audience: "authority".into(),
            language: "nl".into(),
            saved_by: "olga".into(),
            saved_at: 100 + seq,
            sent_at,
            sealed: vec![seq as u8; 8],
        };
        let mut tx = store.begin().unwrap();
        tx.insert_incident_letter(&version(1, None)).unwrap();
        tx.insert_incident_letter(&version(2, Some(102))).unwrap();
        assert!(tx.insert_incident_letter(&version(2, None)).is_err(), "a version is never written over");
        drop(tx);
        let mut tx = store.begin().unwrap();
        tx.insert_incident_letter(&version(1, None)).unwrap();
        tx.insert_incident_letter(&version(2, Some(102))).unwrap();
        tx.commit().unwrap();
        let mut tx = store.begin().unwrap();
        assert_eq!(tx.incident_letters(incident).unwrap(), [version(1, None), version(2, Some(102))]);
        assert!(tx.incident_letters(Uuid::now_v7()).unwrap().is_empty());
    });
}

#[test]
fn requests_are_listed_pending_by_due_day_and_change_only_from_the_status_they_are_in() {
    use strongroom_store::RequestRow;
    on_every_backend(|store| {
        master_key(store, 1);
        let customer = Uuid::now_v7();
        let request = |due_on: &str, status: &str, closed_at: Option<i64>| {
            let id = Uuid::now_v7();
            RequestRow {
                id,
                customer_id: customer,
                kind: "access".into(),
                channel: "counter".into(),
                status: status.into(),
                received_on: "2026-11-01".into(),
                due_on: due_on.into(),
                opened_by: "pia".into(),
                opened_at: 10,
                updated_at: 10,
                identity_checked: false,
                closed_at,
                sealed: vec![1, 2, 3],
                data_key: DataKeyRow {
                    owner_kind: OwnerKind::Request,
                    owner_id: id,
                    data_key_version: 1,
                    master_version: 1,
                    wrapped: vec![7; 61],
                },
            }
        };
        let later = request("2026-12-20", "open", None);
        let sooner = request("2026-12-01", "extended", None);
        let closed_old = request("2026-11-15", "completed", Some(50));
        let closed_new = request("2026-11-20", "refused", Some(60));
        let elses = RequestRow { customer_id: Uuid::now_v7(), ..request("2026-12-10", "open", None) };
        let mut tx = store.begin().unwrap();
        for row in [&later, &sooner, &closed_old, &closed_new, &elses] {
            tx.insert_request(row).unwrap();
        }
        tx.commit().unwrap();
        let mut tx = store.begin().unwrap();
        let ids = |rows: Vec<RequestRow>| rows.into_iter().map(|row| row.id).collect::<Vec<_>>();
        assert_eq!(ids(tx.requests(false, Some(customer), 10).unwrap()), [sooner.id, later.id, closed_new.id, closed_old.id]);
        assert_eq!(ids(tx.requests(true, None, 10).unwrap()), [sooner.id, elses.id, later.id]);
        assert_eq!(tx.requests(false, None, 2).unwrap().len(), 2);
        assert_eq!(tx.request(later.id).unwrap().unwrap(), later);
        // A change applies only to the request as it was read: one made meanwhile (even one that
        // kept the status, as recording the identity check does) is not overwritten.
        let checked = RequestRow { identity_checked: true, sealed: vec![8], updated_at: 60, ..later.clone() };
        assert!(tx.update_request(&checked, 10).unwrap());
        let done = RequestRow { status: "completed".into(), closed_at: Some(70), sealed: vec![9], updated_at: 70, ..later.clone() };
        assert!(!tx.update_request(&done, 10).unwrap(), "read before the identity check was recorded");
        assert!(tx.update_request(&done, 60).unwrap());
        assert_eq!(tx.request(later.id).unwrap().unwrap(), done);
        assert!(!tx.update_request(&done, 60).unwrap(), "a second completion changes nothing");
        let other = Uuid::now_v7();
        assert_eq!(tx.move_requests(customer, other).unwrap(), 4, "a merge takes the requests along");
        assert_eq!(tx.requests(false, Some(other), 10).unwrap().len(), 4);
    });
}

#[test]
fn desk_items_are_kept_per_kind_and_replaced_only_as_they_were_read() {
    on_every_backend(|store| {
        let (first, second) = (Uuid::now_v7(), Uuid::now_v7());
        let item = |id: Uuid, body: &[u8], at: i64| strongroom_store::DeskItemRow {
            kind: "device".into(),
            id,
            body: body.to_vec(),
            updated_at: at,
        };
        let mut tx = store.begin().unwrap();
        assert!(tx.put_desk_item(&item(first, b"sealed one", 1), None).unwrap());
        assert!(!tx.put_desk_item(&item(first, b"sealed again", 2), None).unwrap(), "an id is inserted once");
        assert!(tx.put_desk_item(&item(second, b"sealed two", 3), None).unwrap());
        let risk = strongroom_store::DeskItemRow { kind: "risk".into(), ..item(first, b"a risk", 4) };
        assert!(tx.put_desk_item(&risk, None).unwrap(), "the same id under another kind");
        tx.commit().unwrap();

        let mut tx = store.begin().unwrap();
        assert_eq!(tx.desk_items("device").unwrap(), [item(first, b"sealed one", 1), item(second, b"sealed two", 3)]);
        assert!(!tx.put_desk_item(&item(first, b"stale", 5), Some(0)).unwrap(), "replaced only as it was read");
        assert!(tx.put_desk_item(&item(first, b"changed", 5), Some(1)).unwrap());
        assert_eq!(tx.desk_item("device", first).unwrap(), Some(item(first, b"changed", 5)));
        assert!(tx.delete_desk_item("device", second).unwrap());
        assert!(!tx.delete_desk_item("device", second).unwrap());
        assert_eq!(tx.desk_items("device").unwrap().len(), 1);
        assert_eq!(tx.desk_items("risk").unwrap(), [risk]);
        tx.commit().unwrap();
    });
}
