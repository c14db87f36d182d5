//! SQLite: customers and their blind indexes.

use std::ops::DerefMut;

use rusqlite::{Connection, OptionalExtension, params};
use strongroom_domain::{Field, RecordKind};
use uuid::Uuid;

use super::{SqliteTx, bind_sealed, execute_boxed, placeholder, placeholders, sealed_columns, uuid_from};
use crate::tx::CustomerTx;
use crate::{BlindIndexEntry, CustomerRow, NewCustomerRows, StoreError};
use crate::{search_entries, sql};

impl<C: DerefMut<Target = Connection>> CustomerTx for SqliteTx<'_, C> {
    fn insert_customers(&mut self, rows: &[NewCustomerRows]) -> Result<(), StoreError> {
        let n_sealed = Field::of(RecordKind::Customer).count();
        let sql = format!(
            "INSERT INTO customers (id, created_at, updated_at, {}) VALUES (?1, ?2, ?3, {})",
            sealed_columns(RecordKind::Customer),
            placeholders(4, n_sealed)
        );
        let mut insert = self.connection.prepare_cached(&sql)?;
        for row in rows {
            let customer = &row.customer;
            // Each value bound where it lies: an import's writer copied every sealed field.
            let id = customer.id.as_bytes().as_slice();
            let sealed = customer.sealed.columns(RecordKind::Customer);
            let mut values: Vec<&dyn rusqlite::ToSql> = vec![&id, &customer.created_at, &customer.updated_at];
            values.extend(sealed.iter().map(|column| column as &dyn rusqlite::ToSql));
            insert.execute(values.as_slice())?;
            self.insert_data_key(&row.data_key)?;
            set_list(&self.connection, customer.id, search_entries::encode(&row.index))?;
        }
        // The search entries go in last and in the index's order: their values are HMACs, so in
        // the customers' order each would land on a random page of an index much larger than the
        // page cache, while sorted, consecutive entries share a path and usually a page.
        let mut entries: Vec<(BlindIndexEntry, Uuid)> =
            rows.iter().flat_map(|row| row.index.iter().map(|entry| (*entry, row.customer.id))).collect();
        entries.sort_unstable_by_key(|(entry, id)| (entry.index_id, entry.value, *id));
        self.insert_index_entries(&entries)
    }

    fn update_customer(&mut self, row: &CustomerRow, index: &[BlindIndexEntry]) -> Result<(), StoreError> {
        let assignments: Vec<String> =
            Field::of(RecordKind::Customer).enumerate().map(|(i, field)| format!("{} = ?{}", field.name(), i + 3)).collect();
        let sql = format!("UPDATE customers SET updated_at = ?2, {} WHERE id = ?1", assignments.join(", "));
        let mut values: Vec<Box<dyn rusqlite::ToSql>> = vec![Box::new(row.id.as_bytes().to_vec()), Box::new(row.updated_at)];
        bind_sealed(&mut values, &row.sealed, RecordKind::Customer);
        if execute_boxed(&self.connection, &sql, &values)? != 1 {
            return Err(StoreError::Conflict("the customer to update does not exist".into()));
        }
        // The old entries go, found by the list, and the new list takes its place.
        delete_listed_entries(&self.connection, row.id)?;
        set_list(&self.connection, row.id, search_entries::encode(index))?;
        self.insert_index_entries(&index.iter().map(|entry| (*entry, row.id)).collect::<Vec<_>>())
    }

    fn customer(&mut self, id: Uuid) -> Result<Option<CustomerRow>, StoreError> {
        Ok(self.customers_where("WHERE id = ?1", &[&id.as_bytes().as_slice()])?.pop())
    }

    fn customers_page(&mut self, after: Option<Uuid>, limit: usize) -> Result<Vec<CustomerRow>, StoreError> {
        let after = after.map(|id| id.as_bytes().to_vec()).unwrap_or_default();
        self.customers_where("WHERE id > ?1 ORDER BY id LIMIT ?2 + 0", &[&after, &(limit as i64)])
    }

    fn count_customers(&mut self) -> Result<u64, StoreError> {
        Ok(self.connection.query_row(
            "SELECT (SELECT COUNT(*) FROM customers) - (SELECT COUNT(*) FROM customers WHERE erased_at IS NOT NULL)",
            [],
            |row| row.get::<_, i64>(0),
        )? as u64)
    }

    fn customers_without_index(&mut self, index_id: u16, after: Option<Uuid>, limit: usize) -> Result<Vec<CustomerRow>, StoreError> {
        let connection = &self.connection;
        let ids = search_entries::customers_without(index_id, after, limit, |after, n| {
            let after = after.map(|id| id.as_bytes().to_vec()).unwrap_or_default();
            let mut statement = connection.prepare_cached(
                "SELECT c.id, l.entries FROM customers c LEFT JOIN customer_search_entries l ON l.customer_id = c.id \
                 WHERE c.id > ?1 ORDER BY c.id LIMIT ?2 + 0",
            )?;
            let lists = statement.query_map(params![after, n as i64], |row| Ok((row.get::<_, Vec<u8>>(0)?, row.get(1)?)))?;
            lists.map(|list| list.map_err(StoreError::from).and_then(|(id, list)| Ok((uuid_from(id)?, list)))).collect()
        })?;
        let mut rows = Vec::with_capacity(ids.len());
        for id in ids {
            rows.extend(self.customer(id)?);
        }
        Ok(rows)
    }

    fn add_index_entries(&mut self, customer_id: Uuid, entries: &[BlindIndexEntry]) -> Result<(), StoreError> {
        let list = search_entries::merged(listed_entries(&self.connection, customer_id)?.as_deref(), entries)?;
        set_list(&self.connection, customer_id, list)?;
        self.insert_index_entries(&entries.iter().map(|entry| (*entry, customer_id)).collect::<Vec<_>>())
    }

    fn delete_index_entries(&mut self, customer_id: Uuid) -> Result<(), StoreError> {
        delete_listed_entries(&self.connection, customer_id)?;
        set_list(&self.connection, customer_id, None)
    }

    fn customers_by_index(&mut self, entry: BlindIndexEntry) -> Result<Vec<Uuid>, StoreError> {
        let mut statement = self.connection.prepare_cached("SELECT customer_id FROM blind_index WHERE index_id = ?1 AND value = ?2")?;
        let ids = statement.query_map(params![entry.index_id, entry.value], |row| row.get::<_, Vec<u8>>(0))?;
        ids.map(|id| uuid_from(id?)).collect()
    }

    fn customers_by_all_indexes(
        &mut self,
        entries: &[BlindIndexEntry],
        after: Option<Uuid>,
        limit: usize,
    ) -> Result<Vec<Uuid>, StoreError> {
        self.customers_by_entries(sql::select_by_all_indexes, entries, after, limit)
    }

    fn customers_by_any_index(&mut self, entries: &[BlindIndexEntry], after: Option<Uuid>, limit: usize) -> Result<Vec<Uuid>, StoreError> {
        self.customers_by_entries(sql::select_by_any_index, entries, after, limit)
    }
}

impl<C: DerefMut<Target = Connection>> SqliteTx<'_, C> {
    /// The customer ids of `statement` (`sql::select_by_all_indexes` or `…_any_index`) for
    /// `entries`, in id order after `after`, at most `limit`; none for no entries.
    fn customers_by_entries(
        &mut self,
        statement: sql::EntriesStatement,
        entries: &[BlindIndexEntry],
        after: Option<Uuid>,
        limit: usize,
    ) -> Result<Vec<Uuid>, StoreError> {
        if entries.is_empty() {
            return Ok(Vec::new());
        }
        let mut values: Vec<Box<dyn rusqlite::ToSql>> = Vec::with_capacity(2 * entries.len() + 2);
        for entry in entries {
            values.push(Box::new(entry.index_id));
            values.push(Box::new(entry.value));
        }
        if let Some(after) = after {
            values.push(Box::new(after.as_bytes().to_vec()));
        }
        values.push(Box::new(limit as i64));
        let statement = statement(entries.len(), after.is_some(), placeholder);
        self.query_rows(&statement, rusqlite::params_from_iter(values), |row| uuid_from(row.get(0)?))
    }
}

/// A customer's list of their own search entries (`None`: no entries, or no such customer).
fn listed_entries(connection: &Connection, customer_id: Uuid) -> Result<Option<Vec<u8>>, StoreError> {
    let mut statement = connection.prepare_cached("SELECT entries FROM customer_search_entries WHERE customer_id = ?1")?;
    Ok(statement.query_row([customer_id.as_bytes()], |row| row.get::<_, Vec<u8>>(0)).optional()?)
}

/// Writes a customer's list (`None`: they have no entries, and no list row).
fn set_list(connection: &Connection, customer_id: Uuid, list: Option<Vec<u8>>) -> Result<(), StoreError> {
    match list {
        Some(list) => connection
            .prepare_cached(
                "INSERT INTO customer_search_entries (customer_id, entries) VALUES (?1, ?2) \
                 ON CONFLICT (customer_id) DO UPDATE SET entries = excluded.entries",
            )?
            .execute(params![customer_id.as_bytes(), list])?,
        None => {
            connection.prepare_cached("DELETE FROM customer_search_entries WHERE customer_id = ?1")?.execute([customer_id.as_bytes()])?
        }
    };
    Ok(())
}

/// Deletes the entries a customer's list names, each by its key; the list itself is left.
fn delete_listed_entries(connection: &Connection, customer_id: Uuid) -> Result<(), StoreError> {
    let entries = search_entries::decode(listed_entries(connection, customer_id)?.as_deref())?;
    let mut delete = connection.prepare_cached("DELETE FROM blind_index WHERE index_id = ?1 AND value = ?2 AND customer_id = ?3")?;
    for entry in entries {
        delete.execute(params![entry.index_id, entry.value, customer_id.as_bytes()])?;
    }
    Ok(())
}
