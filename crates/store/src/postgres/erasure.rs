//! PostgreSQL: erasure with legal holds and restriction.

use strongroom_domain::{Field, RecordKind};
use uuid::Uuid;

use super::PgTx;
use crate::tx::{ErasureTx, KeyringTx};
use crate::{DataKeyRow, OwnerKind, StoreError};

/// A customer with nothing since `$1` (changed) and `$2` (sales, jobs), and no decision to keep
/// them lasting to `$3`.
const INACTIVE: &str = "c.erased_at IS NULL AND NOT c.restricted AND c.updated_at < $1
    AND NOT EXISTS (SELECT 1 FROM purchases p WHERE p.customer_id = c.id AND p.purchased_on >= $2)
    AND NOT EXISTS (SELECT 1 FROM repairs r WHERE r.customer_id = c.id AND r.received_on >= $2)
    AND NOT EXISTS (SELECT 1 FROM customer_reviews v WHERE v.customer_id = c.id AND v.keep_until >= $3)";

/// The customer's sales that are not held, as a sub-select on placeholder 1.
const UNHELD: &str = "SELECT id FROM purchases WHERE customer_id = $1 AND held_until IS NULL";

impl ErasureTx for PgTx<'_> {
    fn set_customer_restricted(&mut self, id: Uuid, restricted: bool) -> Result<bool, StoreError> {
        let sql = "UPDATE customers SET restricted = $1 WHERE id = $2 AND erased_at IS NULL";
        Ok(self.connection.execute(sql, &[&restricted, &id])? == 1)
    }

    fn customer_erased_at(&mut self, id: Uuid) -> Result<Option<i64>, StoreError> {
        let rows = self.connection.query("SELECT erased_at FROM customers WHERE id = $1", &[&id])?;
        Ok(rows.first().map(|row| row.try_get::<_, Option<i64>>(0)).transpose()?.flatten())
    }

    fn erase_customer_row(&mut self, id: Uuid, at: i64) -> Result<bool, StoreError> {
        // The name column may not be NULL: an empty value stands in for it.
        let blank = Field::of(RecordKind::Customer)
            .map(|field| if field == Field::CustomerName { "name = ''::bytea".to_owned() } else { format!("{} = NULL", field.name()) })
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!("UPDATE customers SET {blank}, restricted = FALSE, erased_at = $1 WHERE id = $2");
        self.connection.execute("DELETE FROM customer_reviews WHERE customer_id = $1", &[&id])?;
        Ok(self.connection.execute(&sql, &[&at, &id])? == 1)
    }

    fn hold_purchase(&mut self, id: Uuid, until: &str, key: &DataKeyRow) -> Result<bool, StoreError> {
        let held = self.connection.execute("UPDATE purchases SET held_until = $1 WHERE id = $2", &[&until, &id])? == 1;
        if held {
            self.insert_data_keys(std::slice::from_ref(key))?;
        }
        Ok(held)
    }

    fn delete_unheld_records(&mut self, customer_id: Uuid) -> Result<(u64, u64), StoreError> {
        self.connection.execute(&format!("DELETE FROM aml_checked_sales WHERE purchase_id IN ({UNHELD})"), &[&customer_id])?;
        self.connection.execute(&format!("DELETE FROM sale_corrections WHERE purchase_id IN ({UNHELD})"), &[&customer_id])?;
        let sales = self.connection.execute("DELETE FROM purchases WHERE customer_id = $1 AND held_until IS NULL", &[&customer_id])?;
        let jobs = self.connection.execute("DELETE FROM repairs WHERE customer_id = $1", &[&customer_id])?;
        Ok((sales, jobs))
    }

    fn held_purchases_of(&mut self, customer_id: Uuid) -> Result<Vec<(Uuid, String)>, StoreError> {
        let sql = "SELECT id, held_until FROM purchases WHERE customer_id = $1 AND held_until IS NOT NULL ORDER BY id";
        self.connection.query(sql, &[&customer_id])?.iter().map(|row| Ok((row.try_get(0)?, row.try_get(1)?))).collect()
    }

    fn held_purchases_past(&mut self, as_of: &str, limit: usize) -> Result<Vec<(Uuid, Uuid, String)>, StoreError> {
        let sql = "SELECT id, customer_id, held_until FROM purchases
                   WHERE held_until IS NOT NULL AND held_until < $1 ORDER BY held_until, id LIMIT $2";
        let rows = self.connection.query(sql, &[&as_of, &(limit as i64)])?;
        rows.iter().map(|row| Ok((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?))).collect()
    }

    fn set_aml_holder(&mut self, id: Uuid, sealed: &crate::SealedFields) -> Result<bool, StoreError> {
        let (name, birth) = (sealed.get(Field::AmlHolderName), sealed.get(Field::AmlHolderBirthDate));
        let sql = "UPDATE aml_records SET holder_name = $1, holder_birth_date = $2 WHERE id = $3";
        Ok(self.connection.execute(sql, &[&name, &birth, &id])? == 1)
    }

    fn inactive_customers(&mut self, changed_before: i64, since: &str, today: &str, limit: usize) -> Result<Vec<Uuid>, StoreError> {
        let sql = format!("SELECT c.id FROM customers c WHERE {INACTIVE} ORDER BY c.id LIMIT $4");
        self.connection.query(&sql, &[&changed_before, &since, &today, &(limit as i64)])?.iter().map(|row| Ok(row.try_get(0)?)).collect()
    }

    fn customer_inactive(&mut self, id: Uuid, changed_before: i64, since: &str, today: &str) -> Result<bool, StoreError> {
        let sql = format!("SELECT c.id FROM customers c WHERE c.id = $4 AND {INACTIVE}");
        Ok(!self.connection.query(&sql, &[&changed_before, &since, &today, &id])?.is_empty())
    }

    fn keep_customer(&mut self, id: Uuid, until: &str, by: &str, at: i64, reason: &[u8]) -> Result<(), StoreError> {
        self.connection.execute(
            "INSERT INTO customer_reviews (customer_id, keep_until, decided_by, decided_at, reason) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (customer_id) DO UPDATE SET keep_until = excluded.keep_until, decided_by = excluded.decided_by,
                 decided_at = excluded.decided_at, reason = excluded.reason",
            &[&id, &until, &by, &at, &reason],
        )?;
        Ok(())
    }

    fn delete_held_purchase(&mut self, id: Uuid) -> Result<bool, StoreError> {
        self.connection.execute("DELETE FROM aml_checked_sales WHERE purchase_id = $1", &[&id])?;
        self.connection.execute("DELETE FROM sale_corrections WHERE purchase_id = $1", &[&id])?;
        let deleted = self.connection.execute("DELETE FROM purchases WHERE id = $1 AND held_until IS NOT NULL", &[&id])? == 1;
        self.destroy_data_key(OwnerKind::SaleHold, id)?;
        Ok(deleted)
    }
}
