//! SQLite: customers and their blind indexes.

use std::ops::DerefMut;

use rusqlite::{Connection, params};
use strongroom_domain::{Field, RecordKind};
use uuid::Uuid;

use super::{SqliteTx, bind_sealed, execute_boxed, placeholder, placeholders, sealed_columns, uuid_from};
use crate::sql;
use crate::tx::CustomerTx;
use crate::{BlindIndexEntry, CustomerRow, NewCustomerRows, StoreError};

impl<C: DerefMut<Target = Connection>> CustomerTx for SqliteTx<'_, C> {
    fn insert_customers(&mut self, rows: &[NewCustomerRows]) -> Result<(), StoreError> {
        let n_sealed = Field::of(RecordKind::Customer).count();
        let sql = format!(
            "INSERT INTO customers (id, created_at, updated_at, {}) VALUES (?1, ?2, ?3, {})",
            sealed_columns(RecordKind::Customer),
            placeholders(4, n_sealed)
        );
        for row in rows {
            let customer = &row.customer;
            let mut values: Vec<Box<dyn rusqlite::ToSql>> =
                vec![Box::new(customer.id.as_bytes().to_vec()), Box::new(customer.created_at), Box::new(customer.updated_at)];
            bind_sealed(&mut values, &customer.sealed, RecordKind::Customer);
            execute_boxed(&self.connection, &sql, &values)?;
            self.insert_data_key(&row.data_key)?;
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
        self.delete_index_entries(row.id)?;
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
        let after = after.map(|id| id.as_bytes().to_vec()).unwrap_or_default();
        self.customers_where(
            "WHERE id > ?1 AND NOT EXISTS (SELECT 1 FROM blind_index b WHERE b.customer_id = customers.id AND b.index_id = ?2) \
             ORDER BY id LIMIT ?3 + 0",
            &[&after, &index_id, &(limit as i64)],
        )
    }

    fn add_index_entries(&mut self, customer_id: Uuid, entries: &[BlindIndexEntry]) -> Result<(), StoreError> {
        self.insert_index_entries(&entries.iter().map(|entry| (*entry, customer_id)).collect::<Vec<_>>())
    }

    fn delete_index_entries(&mut self, customer_id: Uuid) -> Result<(), StoreError> {
        self.connection.prepare_cached("DELETE FROM blind_index WHERE customer_id = ?1")?.execute([customer_id.as_bytes()])?;
        Ok(())
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
        let statement = sql::select_by_all_indexes(entries.len(), after.is_some(), placeholder);
        self.query_rows(&statement, rusqlite::params_from_iter(values), |row| uuid_from(row.get(0)?))
    }
}
