//! Customers, their data keys and their search entries: written, read, listed and found.

use super::*;

#[test]
fn customers_round_trip_every_sealed_field() {
    on_every_backend(|store| {
        master_key(store, 1);
        let ids: Vec<Uuid> = (0..3).map(|_| Uuid::now_v7()).collect();
        let mut tx = store.begin().unwrap();
        let rows: Vec<NewCustomerRows> = ids.iter().map(|id| new_customer(*id, 1, vec![])).collect();
        tx.insert_customers(&rows).unwrap();
        tx.commit().unwrap();

        let mut tx = store.begin().unwrap();
        assert_eq!(tx.count_customers().unwrap(), 3);
        let read = tx.customer(ids[1]).unwrap().unwrap();
        assert_eq!(read, rows[1].customer);
        for field in Field::of(RecordKind::Customer) {
            assert!(read.sealed.get(field).is_some(), "{} has no column", field.name());
        }
        assert_eq!(tx.customer(Uuid::now_v7()).unwrap(), None);
        let first_page = tx.customers_page(None, 2).unwrap();
        assert_eq!(first_page.iter().map(|c| c.id).collect::<Vec<_>>(), &ids[..2]);
        let next_page = tx.customers_page(Some(ids[1]), 2).unwrap();
        assert_eq!(next_page.iter().map(|c| c.id).collect::<Vec<_>>(), &ids[2..]);
    });
}

#[test]
fn updates_replace_sealed_fields_and_blind_index_entries() {
    on_every_backend(|store| {
        master_key(store, 1);
        let id = Uuid::now_v7();
        let email = BlindIndexEntry { index_id: 1, value: 0xBEEF };
        let old_name = BlindIndexEntry { index_id: 3, value: 17 };
        let new_name = BlindIndexEntry { index_id: 3, value: 99 };
        let mut tx = store.begin().unwrap();
        // A duplicate entry (two name tokens colliding) is stored once.
        tx.insert_customers(&[new_customer(id, 1, vec![email, old_name, old_name])]).unwrap();
        assert_eq!(tx.customers_by_index(email).unwrap(), [id]);
        assert_eq!(tx.customers_by_index(old_name).unwrap(), [id]);

        let mut sealed = SealedFields::new();
        sealed.set(Field::CustomerName, vec![9, 9, 9]);
        let updated = CustomerRow { id, created_at: 10, updated_at: 20, restricted: false, sealed };
        tx.update_customer(&updated, &[email, new_name]).unwrap();
        assert_eq!(tx.customer(id).unwrap().unwrap(), updated, "fields left out of the update are cleared");
        assert_eq!(tx.customers_by_index(old_name).unwrap(), Vec::<Uuid>::new());
        assert_eq!(tx.customers_by_index(new_name).unwrap(), [id]);

        let missing = CustomerRow { id: Uuid::now_v7(), ..updated };
        assert!(tx.update_customer(&missing, &[]).is_err());
    });
}

#[test]
fn a_customers_own_entries_all_go_when_their_record_is_erased_and_no_one_elses() {
    on_every_backend(|store| {
        master_key(store, 1);
        let (anna, bram) = (Uuid::now_v7(), Uuid::now_v7());
        // Values over 2^31 too: PostgreSQL holds them as negative integers.
        let shared = BlindIndexEntry { index_id: 1, value: u32::MAX };
        let own = BlindIndexEntry { index_id: 3, value: 1 << 31 };
        let later = BlindIndexEntry { index_id: 4, value: 7 };
        let mut tx = store.begin().unwrap();
        tx.insert_customers(&[new_customer(anna, 1, vec![shared, own]), new_customer(bram, 1, vec![shared, later])]).unwrap();
        tx.add_index_entries(anna, &[later, own]).unwrap();
        let mut found = tx.customers_by_index(later).unwrap();
        found.sort();
        assert_eq!(found, [anna, bram]);

        tx.delete_index_entries(anna).unwrap();
        for entry in [shared, own, later] {
            assert!(!tx.customers_by_index(entry).unwrap().contains(&anna), "{entry:?} is gone");
        }
        assert_eq!(tx.customers_by_index(shared).unwrap(), [bram], "another customer's same entry stays");
        assert_eq!(tx.customers_by_index(later).unwrap(), [bram]);
        let missing: Vec<Uuid> = tx.customers_without_index(4, None, 10).unwrap().into_iter().map(|row| row.id).collect();
        assert_eq!(missing, [anna], "an erased customer has no entries of any index");
        tx.delete_index_entries(anna).unwrap();
        tx.delete_index_entries(Uuid::now_v7()).unwrap();

        // New entries after an erasure are listed again, and an edit replaces them.
        tx.add_index_entries(anna, &[own]).unwrap();
        let row = tx.customer(anna).unwrap().unwrap();
        tx.update_customer(&row, &[later]).unwrap();
        assert_eq!(tx.customers_by_index(own).unwrap(), Vec::<Uuid>::new());
        let mut found = tx.customers_by_index(later).unwrap();
        found.sort();
        assert_eq!(found, [anna, bram]);
        tx.commit().unwrap();
    });
}

#[test]
fn blind_index_lookups_return_every_candidate() {
    on_every_backend(|store| {
        master_key(store, 1);
        let shared = BlindIndexEntry { index_id: 2, value: 4242 };
        let ids: Vec<Uuid> = (0..5).map(|_| Uuid::now_v7()).collect();
        let mut tx = store.begin().unwrap();
        let rows: Vec<NewCustomerRows> = ids
            .iter()
            .enumerate()
            .map(|(n, id)| new_customer(*id, 1, vec![if n % 2 == 0 { shared } else { BlindIndexEntry { index_id: 2, value: n as u32 } }]))
            .collect();
        tx.insert_customers(&rows).unwrap();
        let mut found = tx.customers_by_index(shared).unwrap();
        found.sort();
        assert_eq!(found, [ids[0], ids[2], ids[4]]);
        // The same value in another index is another entry.
        assert_eq!(tx.customers_by_index(BlindIndexEntry { index_id: 1, value: 4242 }).unwrap(), Vec::<Uuid>::new());
    });
}

#[test]
fn candidates_under_every_entry_come_in_id_order_a_page_at_a_time() {
    on_every_backend(|store| {
        master_key(store, 1);
        let (anna, jansen, visser) = (
            BlindIndexEntry { index_id: 3, value: 1 },
            BlindIndexEntry { index_id: 3, value: 2 },
            BlindIndexEntry { index_id: 3, value: 3 },
        );
        let ids: Vec<Uuid> = (0..6).map(|_| Uuid::now_v7()).collect();
        // Customers 0, 2, 4 are "anna jansen", 1 and 5 "anna visser", 3 "jansen" alone.
        let tokens = [vec![anna, jansen], vec![anna, visser], vec![anna, jansen], vec![jansen], vec![anna, jansen], vec![anna, visser]];
        let rows: Vec<NewCustomerRows> = ids.iter().zip(tokens).map(|(id, index)| new_customer(*id, 1, index)).collect();
        let mut tx = store.begin().unwrap();
        tx.insert_customers(&rows).unwrap();
        assert_eq!(tx.customers_by_all_indexes(&[anna, jansen], None, 10).unwrap(), [ids[0], ids[2], ids[4]]);
        assert_eq!(tx.customers_by_all_indexes(&[jansen, anna], None, 2).unwrap(), [ids[0], ids[2]], "at most the limit");
        assert_eq!(tx.customers_by_all_indexes(&[anna, jansen], Some(ids[2]), 10).unwrap(), [ids[4]], "after a page");
        assert_eq!(tx.customers_by_all_indexes(&[jansen], None, 10).unwrap(), [ids[0], ids[2], ids[3], ids[4]]);
        assert_eq!(tx.customers_by_all_indexes(&[visser, jansen], None, 10).unwrap(), Vec::<Uuid>::new());
        assert_eq!(tx.customers_by_all_indexes(&[], None, 10).unwrap(), Vec::<Uuid>::new());
    });
}

#[test]
fn candidates_under_any_entry_come_once_each_in_id_order_a_page_at_a_time() {
    on_every_backend(|store| {
        master_key(store, 1);
        // One email stored at two widths (index ids 1 and 513), and another value of id 1.
        let (narrow, wide, other) = (
            BlindIndexEntry { index_id: 1, value: 40_000 },
            BlindIndexEntry { index_id: 513, value: 160_001 },
            BlindIndexEntry { index_id: 1, value: 7 },
        );
        let ids: Vec<Uuid> = (0..5).map(|_| Uuid::now_v7()).collect();
        // Customer 2 has both (never in practice: shows each comes once); 4 has neither.
        let index = [vec![narrow], vec![wide], vec![narrow, wide], vec![wide], vec![other]];
        let rows: Vec<NewCustomerRows> = ids.iter().zip(index).map(|(id, index)| new_customer(*id, 1, index)).collect();
        let mut tx = store.begin().unwrap();
        tx.insert_customers(&rows).unwrap();
        assert_eq!(tx.customers_by_any_index(&[narrow, wide], None, 10).unwrap(), ids[..4]);
        assert_eq!(tx.customers_by_any_index(&[wide, narrow], None, 3).unwrap(), ids[..3], "at most the limit");
        assert_eq!(tx.customers_by_any_index(&[narrow, wide], Some(ids[1]), 10).unwrap(), ids[2..4], "after a page");
        assert_eq!(tx.customers_by_any_index(&[narrow], None, 10).unwrap(), [ids[0], ids[2]]);
        let absent = BlindIndexEntry { index_id: 257, value: 80_000 };
        assert_eq!(tx.customers_by_any_index(&[absent, other], None, 10).unwrap(), [ids[4]]);
        assert_eq!(tx.customers_by_any_index(&[absent], None, 10).unwrap(), Vec::<Uuid>::new());
        assert_eq!(tx.customers_by_any_index(&[], None, 10).unwrap(), Vec::<Uuid>::new());
    });
}

#[test]
fn customers_are_read_with_their_keys_in_id_order_as_one_by_one() {
    on_every_backend(|store| {
        master_key(store, 1);
        // In id order: a customer, an id with no customer, one whose key is destroyed, and one
        // who restricted their record.
        let ids: Vec<Uuid> = (0..4).map(|_| Uuid::now_v7()).collect();
        let stored = [ids[0], ids[2], ids[3]];
        let rows: Vec<NewCustomerRows> = stored.iter().map(|id| new_customer(*id, 1, Vec::new())).collect();
        let mut tx = store.begin().unwrap();
        tx.insert_customers(&rows).unwrap();
        assert!(tx.destroy_data_key(OwnerKind::Customer, ids[2]).unwrap());
        assert!(tx.set_customer_restricted(ids[3], true).unwrap());
        let one_by_one: Vec<(CustomerRow, Option<DataKeyRow>)> =
            stored.iter().map(|id| (tx.customer(*id).unwrap().unwrap(), tx.data_key(OwnerKind::Customer, *id).unwrap())).collect();
        let together = tx.customers_with_keys(&ids).unwrap();
        assert_eq!(together, one_by_one, "the same rows and keys as read one by one, the missing one left out");
        assert_eq!(together[0].1.as_ref().map(|key| key.owner_id), Some(ids[0]));
        assert_eq!(together[1].1, None, "a destroyed key reads as none");
        assert!(together[2].0.restricted);
        assert_eq!(tx.customers_with_keys(&ids[1..2]).unwrap(), Vec::new());
        assert_eq!(tx.customers_with_keys(&[]).unwrap(), Vec::new());
        // A list's pages read the same, a page at a time.
        assert_eq!(tx.customers_page_with_keys(None, 10).unwrap(), one_by_one);
        assert_eq!(tx.customers_page_with_keys(None, 2).unwrap(), one_by_one[..2]);
        assert_eq!(tx.customers_page_with_keys(Some(ids[2]), 10).unwrap(), one_by_one[2..]);
    });
}

#[test]
fn an_import_sized_insert_stores_every_customer_with_their_key_and_entries() {
    on_every_backend(|store| {
        master_key(store, 1);
        // More than PostgreSQL sends in one statement (5,000), across two chunk boundaries.
        let n = 10_001;
        let ids: Vec<Uuid> = (0..n).map(|_| Uuid::now_v7()).collect();
        let entry = |i: usize| BlindIndexEntry { index_id: 1, value: i as u32 };
        let rows: Vec<NewCustomerRows> = ids.iter().enumerate().map(|(i, id)| new_customer(*id, 1, vec![entry(i)])).collect();
        let mut tx = store.begin().unwrap();
        tx.insert_customers(&rows).unwrap();
        assert_eq!(tx.count_customers().unwrap(), n as u64);
        for i in [0, 4_999, 5_000, 10_000] {
            assert_eq!(tx.customers_by_index(entry(i)).unwrap(), [ids[i]], "row {i}");
            let read = tx.customers_with_keys(&[ids[i]]).unwrap();
            assert_eq!(read, [(rows[i].customer.clone(), Some(rows[i].data_key.clone()))], "row {i}");
        }
    });
}

#[test]
fn customers_a_newer_index_has_not_reached_are_found_and_given_entries() {
    on_every_backend(|store| {
        master_key(store, 1);
        let (old, new) = (BlindIndexEntry { index_id: 3, value: 1 }, BlindIndexEntry { index_id: 4, value: 7 });
        let ids: Vec<Uuid> = (0..4).map(|_| Uuid::now_v7()).collect();
        let rows: Vec<NewCustomerRows> =
            ids.iter().enumerate().map(|(n, id)| new_customer(*id, 1, if n == 1 { vec![old, new] } else { vec![old] })).collect();
        let mut tx = store.begin().unwrap();
        tx.insert_customers(&rows).unwrap();
        let missing = |tx: &mut dyn strongroom_store::Tx, after: Option<Uuid>, limit| -> Vec<Uuid> {
            tx.customers_without_index(4, after, limit).unwrap().into_iter().map(|row| row.id).collect()
        };
        assert_eq!(missing(tx.as_mut(), None, 10), [ids[0], ids[2], ids[3]]);
        assert_eq!(missing(tx.as_mut(), None, 2), [ids[0], ids[2]], "a batch at a time");
        assert_eq!(missing(tx.as_mut(), Some(ids[2]), 10), [ids[3]], "after the last batch");
        tx.add_index_entries(ids[0], &[new, new, BlindIndexEntry { index_id: 4, value: 8 }]).unwrap();
        tx.add_index_entries(ids[1], &[new]).unwrap();
        assert_eq!(missing(tx.as_mut(), None, 10), [ids[2], ids[3]]);
        let mut found = tx.customers_by_index(new).unwrap();
        found.sort();
        assert_eq!(found, [ids[0], ids[1]], "an entry already there is kept once");
        // The one-time upgrade that does this is recorded once done.
        assert!(!tx.upgrade_done("name_prefix_index").unwrap());
        tx.mark_upgrade_done("name_prefix_index", 5).unwrap();
        tx.mark_upgrade_done("name_prefix_index", 6).unwrap();
        assert!(tx.upgrade_done("name_prefix_index").unwrap() && !tx.upgrade_done("other").unwrap());
    });
}

#[test]
fn entries_are_written_only_for_a_customer_who_exists() {
    // The blind index has no foreign key of its own (migration 17): a customer's list of entries,
    // written with them, checks the customer once.
    on_every_backend(|store| {
        master_key(store, 1);
        let entry = BlindIndexEntry { index_id: 4, value: 99 };
        let mut tx = store.begin().unwrap();
        assert!(tx.add_index_entries(Uuid::now_v7(), &[entry]).is_err(), "no such customer");
        drop(tx);
        let mut tx = store.begin().unwrap();
        assert_eq!(tx.customers_by_index(entry).unwrap(), Vec::<Uuid>::new(), "nothing was written");
        let id = Uuid::now_v7();
        tx.insert_customers(&[new_customer(id, 1, vec![entry])]).unwrap();
        tx.add_index_entries(id, &[BlindIndexEntry { index_id: 4, value: 100 }]).unwrap();
        assert_eq!(tx.customers_by_index(entry).unwrap(), [id]);
    });
}

#[test]
fn the_migration_that_drops_the_index_foreign_key_keeps_every_entry() {
    let ids: Vec<Uuid> = (0..4).map(|_| Uuid::now_v7()).collect();
    let entry = |n: usize| BlindIndexEntry { index_id: 4 + (n % 2) as u16, value: if n < 2 { u32::MAX } else { n as u32 } };
    let fill = |store: &dyn Store| {
        master_key(store, 1);
        let mut tx = store.begin().unwrap();
        let rows: Vec<NewCustomerRows> = ids.iter().enumerate().map(|(n, id)| new_customer(*id, 1, vec![entry(n), entry(n + 1)])).collect();
        tx.insert_customers(&rows).unwrap();
        tx.commit().unwrap();
    };
    let found = |store: &dyn Store| -> Vec<Vec<Uuid>> {
        let mut tx = store.begin().unwrap();
        (0..5).map(|n| tx.customers_by_any_index(&[entry(n)], None, 10).unwrap()).collect()
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.sqlite");
    let store = SqliteStore::open(&path).unwrap();
    fill(&store);
    let expected = found(&store);
    assert_eq!(expected[4], [ids[3]]);
    drop(store);
    // Back to version 16: the table as it was, with its foreign key.
    let connection = rusqlite::Connection::open(&path).unwrap();
    connection
        .execute_batch(
            "DELETE FROM schema_migrations WHERE version >= 17;
             CREATE TABLE old (index_id INTEGER NOT NULL, value INTEGER NOT NULL,
                 customer_id BLOB NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
                 PRIMARY KEY (index_id, value, customer_id)) WITHOUT ROWID;
             INSERT INTO old SELECT * FROM blind_index; DROP TABLE blind_index; ALTER TABLE old RENAME TO blind_index;",
        )
        .unwrap();
    let keys = |connection: &rusqlite::Connection| -> i64 {
        connection.query_row("SELECT COUNT(*) FROM pragma_foreign_key_list('blind_index')", [], |row| row.get(0)).unwrap()
    };
    assert_eq!(keys(&connection), 1);
    drop(connection);
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(found(&store), expected);
    assert_eq!(keys(&rusqlite::Connection::open(&path).unwrap()), 0);
    if let Ok(url) = std::env::var("STRONGROOM_TEST_PG_URL") {
        let schema = format!("store_it_index_key_{}", std::process::id());
        fill(&PgStore::connect_in_schema(&url, Some(&schema)).unwrap());
        let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
        client
            .batch_execute(&format!(
                "SET search_path TO {schema}; DELETE FROM schema_migrations WHERE version >= 17;
                 ALTER TABLE blind_index ADD FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE;"
            ))
            .unwrap();
        let keys = |client: &mut postgres::Client| -> i64 {
            let query = "SELECT COUNT(*) FROM pg_constraint WHERE conrelid = to_regclass($1) AND contype = 'f'";
            client.query_one(query, &[&format!("{schema}.blind_index")]).unwrap().get(0)
        };
        assert_eq!(keys(&mut client), 1);
        let store = PgStore::connect_in_schema(&url, Some(&schema)).unwrap();
        let (entries, left) = (found(&store), keys(&mut client));
        drop(store);
        PgStore::drop_schema(&url, &schema).unwrap();
        assert_eq!((entries, left), (expected, 0));
    }
}
