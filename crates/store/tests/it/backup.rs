//! The tables a backup reads and a restore writes, on both backends and across them.

use strongroom_store::{BACKUP_TABLES, BlindIndexEntry, Cell, ColumnType, KeyProtection, KeyringMeta, NOT_BACKED_UP, Store};
use uuid::Uuid;

use super::*;

/// Every row of every backed-up table, as a backup reads them.
fn dump(store: &dyn Store) -> Vec<(&'static str, Vec<Vec<Cell>>)> {
    let mut tx = store.begin_snapshot().unwrap();
    BACKUP_TABLES
        .iter()
        .map(|table| {
            let mut rows = Vec::new();
            let count = tx
                .dump_table(table.name, &table.columns(), &mut |row| {
                    rows.push(row);
                    Ok(())
                })
                .unwrap();
            assert_eq!(count as usize, rows.len());
            rows.sort_by_key(|row| format!("{row:?}"));
            (table.name, rows)
        })
        .collect()
}

/// An empty database of each backend, unmigrated.
fn empty_targets() -> Vec<TestStore> {
    let dir = tempfile::tempdir().unwrap();
    let sqlite = SqliteStore::open_unmigrated(&dir.path().join("restored.sqlite")).unwrap();
    let mut targets = vec![TestStore { store: Box::new(sqlite), cleanup: None, _dir: Some(dir) }];
    if let Ok(url) = std::env::var("STRONGROOM_TEST_PG_URL") {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let schema = format!("store_restore_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed));
        let store = PgStore::connect_unmigrated(&url, Some(&schema)).unwrap();
        targets.push(TestStore { store: Box::new(store), cleanup: Some((url, schema)), _dir: None });
    }
    targets
}

fn fill(store: &dyn Store) {
    let mut tx = store.begin().unwrap();
    tx.insert_keyring_meta(&KeyringMeta { protection: KeyProtection::KeyFile, blind_index_bits: 16, demo: true, created_at: 42 }).unwrap();
    tx.commit().unwrap();
    master_key(store, 1);
    let mut tx = store.begin().unwrap();
    let index = vec![BlindIndexEntry { index_id: 1, value: 65_535 }, BlindIndexEntry { index_id: 4, value: 0 }];
    let rows: Vec<NewCustomerRows> = (0..3).map(|_| new_customer(Uuid::now_v7(), 1, index.clone())).collect();
    tx.insert_customers(&rows).unwrap();
    tx.append_audit_events(&[event("customer.create", Some(rows[0].customer.id)), event("audit.read", None)]).unwrap();
    tx.commit().unwrap();
}

#[test]
fn every_table_of_the_schema_is_backed_up_or_left_out_for_a_reason_with_its_columns_typed() {
    on_every_backend(|store| {
        let backend = store.backend();
        let mut tx = store.begin().unwrap();
        for (table, columns) in tx.table_columns().unwrap() {
            if NOT_BACKED_UP.iter().any(|(name, _)| *name == table) {
                continue;
            }
            let spec = BACKUP_TABLES.iter().find(|spec| spec.name == table).unwrap_or_else(|| panic!("{table} is in neither list"));
            let mut stored: Vec<&str> = columns.iter().map(|(name, _)| name.as_str()).collect();
            let mut listed: Vec<&str> = spec.columns.iter().map(|(name, _)| *name).collect();
            stored.sort_unstable();
            listed.sort_unstable();
            assert_eq!(stored, listed, "{table}'s columns");
            for (name, declared) in &columns {
                let kind = spec.columns.iter().find(|(listed, _)| listed == name).unwrap().1;
                let fits = match (backend, kind) {
                    (Backend::Sqlite, ColumnType::Int | ColumnType::Bool) => declared == "INTEGER",
                    (Backend::Sqlite, ColumnType::Bytes | ColumnType::Uuid) => declared == "BLOB",
                    (Backend::Sqlite, ColumnType::Text) => declared == "TEXT",
                    (Backend::Postgres, ColumnType::Int) => ["bigint", "integer", "smallint"].contains(&declared.as_str()),
                    (Backend::Postgres, ColumnType::Bool) => declared == "boolean",
                    (Backend::Postgres, ColumnType::Bytes) => declared == "bytea",
                    (Backend::Postgres, ColumnType::Uuid) => declared == "uuid",
                    (Backend::Postgres, ColumnType::Text) => declared == "text",
                };
                assert!(fits, "{table}.{name} is {declared} but listed as {kind:?}");
            }
        }
        for (name, _) in NOT_BACKED_UP {
            assert!(tx.table_columns().unwrap().iter().any(|(table, _)| table == name), "{name} is left out but does not exist");
        }
    });
}

#[test]
fn a_vault_restores_into_an_empty_database_of_either_backend_cell_for_cell() {
    on_every_backend(|source| {
        fill(source);
        let before = dump(source);
        assert!(before.iter().any(|(table, rows)| *table == "blind_index" && rows.len() == 6), "{before:?}");
        for target in empty_targets() {
            let target = &target.store;
            let mut tx = target.begin().unwrap();
            assert_eq!(tx.schema_version().unwrap(), 0, "empty");
            tx.migrate_to(strongroom_store::schema_version()).unwrap();
            for (table, rows) in &before {
                let spec = BACKUP_TABLES.iter().find(|spec| spec.name == *table).unwrap();
                tx.load_rows(table, &spec.columns(), rows).unwrap();
            }
            tx.commit().unwrap();
            assert_eq!(dump(target.as_ref()), before, "{} into {}", source.backend().as_str(), target.backend().as_str());
            assert_eq!(target.begin().unwrap().schema_version().unwrap(), strongroom_store::schema_version());
        }
    });
}

/// Migration 15 lists each customer's entries in a row of their own, from the index of its
/// day: a backup written before it restores, is migrated forward, and holds what a vault of
/// today would.
#[test]
fn a_backup_from_before_the_lists_of_search_entries_gets_them_from_its_index() {
    on_every_backend(|source| {
        fill(source);
        let before = dump(source);
        let lists = before.iter().find(|(table, _)| *table == "customer_search_entries").map(|(_, rows)| rows.clone()).unwrap();
        assert_eq!(lists.len(), 3, "{lists:?}");
        assert!(lists.iter().all(|row| matches!(&row[1], Cell::Bytes(list) if list.len() == 12)), "{lists:?}");
        for target in empty_targets() {
            let target = &target.store;
            let mut tx = target.begin().unwrap();
            tx.migrate_to(14).unwrap();
            for (table, rows) in before.iter().filter(|(table, _)| *table != "customer_search_entries") {
                let spec = BACKUP_TABLES.iter().find(|spec| spec.name == *table).unwrap();
                tx.load_rows(table, &spec.columns(), rows).unwrap();
            }
            tx.migrate_to(strongroom_store::schema_version()).unwrap();
            tx.commit().unwrap();
            assert_eq!(dump(target.as_ref()), before, "{} into {}", source.backend().as_str(), target.backend().as_str());
        }
    });
}

#[test]
fn a_restore_that_stops_half_way_leaves_an_empty_database() {
    on_every_backend(|source| {
        fill(source);
        let before = dump(source);
        for target in empty_targets() {
            let target = &target.store;
            let mut tx = target.begin().unwrap();
            tx.migrate_to(strongroom_store::schema_version()).unwrap();
            let (table, rows) = &before[0];
            tx.load_rows(table, &BACKUP_TABLES[0].columns(), rows).unwrap();
            drop(tx);
            assert_eq!(target.begin().unwrap().schema_version().unwrap(), 0, "the schema went with the rows");
        }
    });
}

#[test]
fn rows_that_do_not_fit_and_names_that_are_not_plain_are_refused_before_any_sql() {
    on_every_backend(|store| {
        let spec = &BACKUP_TABLES[0];
        let mut tx = store.begin().unwrap();
        let wrong_kind = vec![vec![Cell::Text("one".into()); spec.columns.len()]];
        assert!(tx.load_rows(spec.name, &spec.columns(), &wrong_kind).is_err());
        let short = vec![vec![Cell::Null]];
        assert!(tx.load_rows(spec.name, &spec.columns(), &short).is_err());
        let mut columns = spec.columns();
        columns[0].name = "singleton) VALUES (1); DROP TABLE staff; --".into();
        assert!(tx.load_rows(spec.name, &columns, &[]).is_err());
        assert!(tx.dump_table("staff; DROP TABLE staff", &spec.columns(), &mut |_| Ok(())).is_err());
    });
}

#[test]
fn a_restore_drops_the_secondary_indexes_and_makes_the_same_ones_again() {
    on_every_backend(|store| {
        let mut tx = store.begin().unwrap();
        let mut first = tx.suspend_indexes().unwrap();
        assert!(first.len() >= 8, "{first:?}");
        assert!(tx.suspend_indexes().unwrap().is_empty(), "all of them went");
        tx.resume_indexes(&first).unwrap();
        let mut second = tx.suspend_indexes().unwrap();
        first.sort();
        second.sort();
        assert_eq!(first, second);
    });
}

#[test]
fn a_dump_reads_every_table_in_its_key_order_so_that_a_restore_appends() {
    on_every_backend(|store| {
        fill(store);
        let mut tx = store.begin_snapshot().unwrap();
        let spec = BACKUP_TABLES.iter().find(|spec| spec.name == "blind_index").unwrap();
        // (index_id, value, customer_id): the primary key, not the customer's index.
        let columns: Vec<&str> = spec.columns.iter().map(|(name, _)| *name).collect();
        assert_eq!(columns[..2], ["index_id", "value"]);
        let mut rows = Vec::new();
        tx.dump_table(spec.name, &spec.columns(), &mut |row| {
            rows.push(row);
            Ok(())
        })
        .unwrap();
        let key = |row: &Vec<Cell>| match (&row[0], &row[1], &row[2]) {
            (Cell::Int(index), Cell::Int(value), Cell::Uuid(customer)) => (*index, *value, *customer),
            other => panic!("{other:?}"),
        };
        assert!(rows.windows(2).all(|pair| key(&pair[0]) <= key(&pair[1])), "{rows:?}");
        assert_eq!(rows.len(), 6);
    });
}
