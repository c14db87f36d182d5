//! SQLite: erasure with legal holds and restriction.

use std::ops::DerefMut;

use rusqlite::{Connection, params};
use strongroom_domain::{Field, RecordKind};
use uuid::Uuid;

use super::{SqliteTx, uuid_from};
use crate::tx::{ErasureTx, KeyringTx};
use crate::{DataKeyRow, OwnerKind, StoreError};

/// A customer with nothing since `?1` (changed) and `?2` (sales, jobs), and no decision to keep
/// them lasting to `?3`.
const INACTIVE: &str = "c.erased_at IS NULL AND c.restricted = 0 AND c.updated_at < ?1
    AND NOT EXISTS (SELECT 1 FROM purchases p WHERE p.customer_id = c.id AND p.purchased_on >= ?2)
    AND NOT EXISTS (SELECT 1 FROM repairs r WHERE r.customer_id = c.id AND r.received_on >= ?2)
    AND NOT EXISTS (SELECT 1 FROM customer_reviews v WHERE v.customer_id = c.id AND v.keep_until >= ?3)";

/// The customer's sales that are not held, as a sub-select on placeholder 1.
const UNHELD: &str = "SELECT id FROM purchases WHERE customer_id = ?1 AND held_until IS NULL";

impl<C: DerefMut<Target = Connection>> ErasureTx for SqliteTx<'_, C> {
    fn set_customer_restricted(&mut self, id: Uuid, restricted: bool) -> Result<bool, StoreError> {
        let sql = "UPDATE customers SET restricted = ?1 WHERE id = ?2 AND erased_at IS NULL";
        Ok(self.connection.execute(sql, params![restricted, id.as_bytes()])? == 1)
    }

    fn customer_erased_at(&mut self, id: Uuid) -> Result<Option<i64>, StoreError> {
        let sql = "SELECT erased_at FROM customers WHERE id = ?1";
        Ok(self.query_rows(sql, params![id.as_bytes()], |row| Ok(row.get::<_, Option<i64>>(0)?))?.pop().flatten())
    }

    fn erase_customer_row(&mut self, id: Uuid, at: i64) -> Result<bool, StoreError> {
        // The name column may not be NULL: an empty value stands in for it.
        let blank = Field::of(RecordKind::Customer)
            .map(|field| if field == Field::CustomerName { "name = x''".to_owned() } else { format!("{} = NULL", field.name()) })
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!("UPDATE customers SET {blank}, restricted = 0, erased_at = ?1 WHERE id = ?2");
        self.connection.execute("DELETE FROM customer_reviews WHERE customer_id = ?1", params![id.as_bytes()])?;
        Ok(self.connection.execute(&sql, params![at, id.as_bytes()])? == 1)
    }

    fn hold_purchase(&mut self, id: Uuid, until: &str, key: &DataKeyRow) -> Result<bool, StoreError> {
        let held = self.connection.execute("UPDATE purchases SET held_until = ?1 WHERE id = ?2", params![until, id.as_bytes()])? == 1;
        if held {
            self.insert_data_key(key)?;
        }
        Ok(held)
    }

    fn delete_unheld_records(&mut self, customer_id: Uuid) -> Result<(u64, u64), StoreError> {
        let id = params![customer_id.as_bytes()];
        self.connection.execute(&format!("DELETE FROM aml_checked_sales WHERE purchase_id IN ({UNHELD})"), id)?;
        self.connection.execute(&format!("DELETE FROM sale_corrections WHERE purchase_id IN ({UNHELD})"), id)?;
        let sales = self.connection.execute("DELETE FROM purchases WHERE customer_id = ?1 AND held_until IS NULL", id)?;
        let jobs = self.connection.execute("DELETE FROM repairs WHERE customer_id = ?1", id)?;
        Ok((sales as u64, jobs as u64))
    }

    fn held_purchases_of(&mut self, customer_id: Uuid) -> Result<Vec<(Uuid, String)>, StoreError> {
        let sql = "SELECT id, held_until FROM purchases WHERE customer_id = ?1 AND held_until IS NOT NULL ORDER BY id";
        self.query_rows(sql, params![customer_id.as_bytes()], |row| Ok((uuid_from(row.get(0)?)?, row.get(1)?)))
    }

    fn held_purchases_past(&mut self, as_of: &str, limit: usize) -> Result<Vec<(Uuid, Uuid, String)>, StoreError> {
        let sql = "SELECT id, customer_id, held_until FROM purchases
                   WHERE held_until IS NOT NULL AND held_until < ?1 ORDER BY held_until, id LIMIT ?2 + 0";
        self.query_rows(sql, params![as_of, limit as i64], |row| Ok((uuid_from(row.get(0)?)?, uuid_from(row.get(1)?)?, row.get(2)?)))
    }

    fn set_aml_holder(&mut self, id: Uuid, sealed: &crate::SealedFields) -> Result<bool, StoreError> {
        let (name, birth) = (sealed.get(Field::AmlHolderName), sealed.get(Field::AmlHolderBirthDate));
        let sql = "UPDATE aml_records SET holder_name = ?1, holder_birth_date = ?2 WHERE id = ?3";
        Ok(self.connection.execute(sql, params![name, birth, id.as_bytes()])? == 1)
    }

    fn inactive_customers(&mut self, changed_before: i64, since: &str, today: &str, limit: usize) -> Result<Vec<Uuid>, StoreError> {
        let sql = format!("SELECT c.id FROM customers c WHERE {INACTIVE} ORDER BY c.id LIMIT ?4 + 0");
        self.query_rows(&sql, params![changed_before, since, today, limit as i64], |row| uuid_from(row.get(0)?))
    }

    fn customer_inactive(&mut self, id: Uuid, changed_before: i64, since: &str, today: &str) -> Result<bool, StoreError> {
        let sql = format!("SELECT c.id FROM customers c WHERE c.id = ?4 AND {INACTIVE}");
        Ok(!self.query_rows(&sql, params![changed_before, since, today, id.as_bytes()], |row| uuid_from(row.get(0)?))?.is_empty())
    }

    fn keep_customer(&mut self, id: Uuid, until: &str, by: &str, at: i64, reason: &[u8]) -> Result<(), StoreError> {
        self.connection.execute(
            "INSERT INTO customer_reviews (customer_id, keep_until, decided_by, decided_at, reason) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (customer_id) DO UPDATE SET keep_until = excluded.keep_until, decided_by = excluded.decided_by,
                 decided_at = excluded.decided_at, reason = excluded.reason",
            params![id.as_bytes(), until, by, at, reason],
        )?;
        Ok(())
    }

    fn delete_held_purchase(&mut self, id: Uuid) -> Result<bool, StoreError> {
        let id_param = params![id.as_bytes()];
        self.connection.execute("DELETE FROM aml_checked_sales WHERE purchase_id = ?1", id_param)?;
        self.connection.execute("DELETE FROM sale_corrections WHERE purchase_id = ?1", id_param)?;
        let deleted = self.connection.execute("DELETE FROM purchases WHERE id = ?1 AND held_until IS NOT NULL", id_param)? == 1;
        self.destroy_data_key(OwnerKind::SaleHold, id)?;
        Ok(deleted)
    }
}
