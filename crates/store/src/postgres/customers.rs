//! PostgreSQL: customers and their blind indexes.

use strongroom_domain::{Field, RecordKind};
use tokio_postgres::types::ToSql;
use uuid::Uuid;

use super::{CUSTOMER_BY_ID, PgTx, customer_from, placeholder, sealed_columns};
use crate::tx::CustomerTx;
use crate::{BlindIndexEntry, CustomerRow, DataKeyRow, NewCustomerRows, SealedFields, StoreError};
use crate::{search_entries, sql};

/// Customers inserted per statement. A statement's parameters copy its rows twice (the arrays,
/// then the message to the server), so an import's batch of 25,000 goes a few thousand at a
/// time: a peak of 185 MB at a million customers in one statement a batch.
const INSERT_CHUNK: usize = 5_000;

impl CustomerTx for PgTx<'_> {
    fn insert_customers(&mut self, rows: &[NewCustomerRows]) -> Result<(), StoreError> {
        for chunk in rows.chunks(INSERT_CHUNK) {
            self.insert_customer_chunk(chunk)?;
        }
        Ok(())
    }

    fn update_customer(&mut self, row: &CustomerRow, index: &[BlindIndexEntry]) -> Result<(), StoreError> {
        let assignments: Vec<String> =
            Field::of(RecordKind::Customer).enumerate().map(|(i, field)| format!("{} = ${}", field.name(), i + 3)).collect();
        let sql = format!("UPDATE customers SET updated_at = $2, {} WHERE id = $1", assignments.join(", "));
        let columns: Vec<Option<Vec<u8>>> = row.sealed.columns(RecordKind::Customer).into_iter().map(|c| c.map(<[u8]>::to_vec)).collect();
        let mut params: Vec<&(dyn ToSql + Sync)> = vec![&row.id, &row.updated_at];
        params.extend(columns.iter().map(|column| column as &(dyn ToSql + Sync)));
        if self.connection.execute(&sql, &params)? != 1 {
            return Err(StoreError::Conflict("the customer to update does not exist".into()));
        }
        // The old entries go, found by the list, and the new list takes its place.
        let old = self.listed_entries(row.id)?;
        self.delete_entries(row.id, &old)?;
        self.set_list(row.id, search_entries::encode(index))?;
        let entries: Vec<(Uuid, BlindIndexEntry)> = index.iter().map(|entry| (row.id, *entry)).collect();
        self.insert_index_entries(&entries)
    }

    fn customer(&mut self, id: Uuid) -> Result<Option<CustomerRow>, StoreError> {
        self.connection.query(&CUSTOMER_BY_ID, &[&id])?.first().map(customer_from).transpose()
    }

    fn customers_page(&mut self, after: Option<Uuid>, limit: usize) -> Result<Vec<CustomerRow>, StoreError> {
        let after = after.unwrap_or(Uuid::nil());
        self.customers_where("WHERE id > $1 ORDER BY id LIMIT $2", &[&after, &(limit as i64)])
    }

    fn count_customers(&mut self) -> Result<u64, StoreError> {
        Ok(self
            .connection
            .query("SELECT (SELECT COUNT(*) FROM customers) - (SELECT COUNT(*) FROM customers WHERE erased_at IS NOT NULL)", &[])?[0]
            .try_get::<_, i64>(0)? as u64)
    }

    fn customers_without_index(&mut self, index_id: u16, after: Option<Uuid>, limit: usize) -> Result<Vec<CustomerRow>, StoreError> {
        let connection = &mut self.connection;
        let ids = search_entries::customers_without(index_id, after, limit, |after, n| {
            let lists = connection.query(
                "SELECT c.id, l.entries FROM customers c LEFT JOIN customer_search_entries l ON l.customer_id = c.id \
                 WHERE c.id > $1 ORDER BY c.id LIMIT $2",
                &[&after.unwrap_or(Uuid::nil()), &(n as i64)],
            )?;
            lists.iter().map(|row| Ok((row.try_get(0)?, row.try_get(1)?))).collect()
        })?;
        self.customers_where("WHERE id = ANY($1) ORDER BY id", &[&ids])
    }

    fn add_index_entries(&mut self, customer_id: Uuid, entries: &[BlindIndexEntry]) -> Result<(), StoreError> {
        let listed = self.listed_entries(customer_id)?;
        self.set_list(customer_id, search_entries::encode(&[listed.as_slice(), entries].concat()))?;
        let entries: Vec<(Uuid, BlindIndexEntry)> = entries.iter().map(|entry| (customer_id, *entry)).collect();
        self.insert_index_entries(&entries)
    }

    fn delete_index_entries(&mut self, customer_id: Uuid) -> Result<(), StoreError> {
        let listed = self.listed_entries(customer_id)?;
        self.delete_entries(customer_id, &listed)?;
        self.set_list(customer_id, None)
    }

    fn customers_by_index(&mut self, entry: BlindIndexEntry) -> Result<Vec<Uuid>, StoreError> {
        self.connection
            .query(
                "SELECT customer_id FROM blind_index WHERE index_id = $1 AND value = $2",
                &[&(entry.index_id as i16), &(entry.value as i32)],
            )?
            .iter()
            .map(|row| Ok(row.try_get(0)?))
            .collect()
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
        self.customers_by_entries(sql::select_by_any_index_in_list, entries, after, limit)
    }
}

impl PgTx<'_> {
    /// [`CustomerTx::insert_customers`] for a few thousand rows: one statement per table.
    fn insert_customer_chunk(&mut self, rows: &[NewCustomerRows]) -> Result<(), StoreError> {
        let n_sealed = Field::of(RecordKind::Customer).count();
        let sql = format!(
            "INSERT INTO customers (id, created_at, updated_at, {}) SELECT * FROM UNNEST($1::uuid[], $2::bigint[], $3::bigint[], {})",
            sealed_columns(RecordKind::Customer, ""),
            bytea_params(4, n_sealed)
        );
        let ids: Vec<Uuid> = rows.iter().map(|r| r.customer.id).collect();
        let created: Vec<i64> = rows.iter().map(|r| r.customer.created_at).collect();
        let updated: Vec<i64> = rows.iter().map(|r| r.customer.updated_at).collect();
        let sealed = sealed_arrays(RecordKind::Customer, rows.iter().map(|r| &r.customer.sealed));
        let mut params: Vec<&(dyn ToSql + Sync)> = vec![&ids, &created, &updated];
        params.extend(sealed.iter().map(|column| column as &(dyn ToSql + Sync)));
        self.connection.execute(&sql, &params)?;
        let keys: Vec<DataKeyRow> = rows.iter().map(|r| r.data_key.clone()).collect();
        self.insert_data_key_rows(&keys)?;
        let (listed, lists): (Vec<Uuid>, Vec<Vec<u8>>) =
            rows.iter().filter_map(|r| search_entries::encode(&r.index).map(|list| (r.customer.id, list))).unzip();
        if !listed.is_empty() {
            self.connection.execute(
                "INSERT INTO customer_search_entries (customer_id, entries) SELECT * FROM UNNEST($1::uuid[], $2::bytea[])",
                &[&listed, &lists],
            )?;
        }
        let entries: Vec<(Uuid, BlindIndexEntry)> =
            rows.iter().flat_map(|r| r.index.iter().map(move |entry| (r.customer.id, *entry))).collect();
        self.insert_index_entries(&entries)
    }

    /// The customer ids of `statement` (`sql::select_by_all_indexes` or `…_any_index_in_list`) for
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
        let mut values: Vec<Box<dyn ToSql + Sync>> = Vec::with_capacity(2 * entries.len() + 2);
        for entry in entries {
            values.push(Box::new(entry.index_id as i16));
            values.push(Box::new(entry.value as i32));
        }
        if let Some(after) = after {
            values.push(Box::new(after));
        }
        values.push(Box::new(limit as i64));
        let statement = statement(entries.len(), after.is_some(), placeholder);
        let params: Vec<&(dyn ToSql + Sync)> = values.iter().map(|value| value.as_ref()).collect();
        self.connection.query(&statement, &params)?.iter().map(|row| Ok(row.try_get(0)?)).collect()
    }

    /// The entries a customer's list names, the customer's row locked until the transaction
    /// ends (their list may have no row to lock yet): a concurrent change on another instance
    /// waits, and cannot add an entry the list misses.
    fn listed_entries(&mut self, customer_id: Uuid) -> Result<Vec<BlindIndexEntry>, StoreError> {
        let rows = self.connection.query(
            "SELECT l.entries FROM customers c LEFT JOIN customer_search_entries l ON l.customer_id = c.id \
             WHERE c.id = $1 FOR UPDATE OF c",
            &[&customer_id],
        )?;
        let list: Option<Vec<u8>> = match rows.first() {
            Some(row) => row.try_get(0)?,
            None => None,
        };
        search_entries::decode(list.as_deref())
    }

    /// Writes a customer's list (`None`: they have no entries, and no list row).
    fn set_list(&mut self, customer_id: Uuid, list: Option<Vec<u8>>) -> Result<(), StoreError> {
        match list {
            Some(list) => self.connection.execute(
                "INSERT INTO customer_search_entries (customer_id, entries) VALUES ($1, $2) \
                 ON CONFLICT (customer_id) DO UPDATE SET entries = excluded.entries",
                &[&customer_id, &list],
            )?,
            None => self.connection.execute("DELETE FROM customer_search_entries WHERE customer_id = $1", &[&customer_id])?,
        };
        Ok(())
    }

    /// Deletes a customer's `entries`, each by its key, in one statement.
    fn delete_entries(&mut self, customer_id: Uuid, entries: &[BlindIndexEntry]) -> Result<(), StoreError> {
        if entries.is_empty() {
            return Ok(());
        }
        let index_ids: Vec<i16> = entries.iter().map(|entry| entry.index_id as i16).collect();
        let values: Vec<i32> = entries.iter().map(|entry| entry.value as i32).collect();
        self.connection.execute(
            "DELETE FROM blind_index b USING UNNEST($2::smallint[], $3::integer[]) AS e (index_id, value) \
             WHERE b.customer_id = $1 AND b.index_id = e.index_id AND b.value = e.value",
            &[&customer_id, &index_ids, &values],
        )?;
        Ok(())
    }
}

/// One `bytea[]` parameter per sealed column of `kind`, for an UNNEST insert of many rows.
fn sealed_arrays<'r>(kind: RecordKind, rows: impl Iterator<Item = &'r SealedFields> + Clone) -> Vec<Vec<Option<Vec<u8>>>> {
    Field::of(kind).map(|field| rows.clone().map(|sealed| sealed.get(field).map(<[u8]>::to_vec)).collect()).collect()
}

/// `$from::bytea[], $from+1::bytea[], …` for `n` sealed columns.
fn bytea_params(from: usize, n: usize) -> String {
    (from..from + n).map(|i| format!("${i}::bytea[]")).collect::<Vec<_>>().join(", ")
}
