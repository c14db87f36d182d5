//! SQLite: purchases, workshop jobs and AML identity records.

use std::ops::DerefMut;

use rusqlite::{Connection, Row, params};
use strongroom_domain::{Field, RecordKind};
use uuid::Uuid;

use super::{SqliteTx, bind_sealed, data_key_row, execute_boxed, placeholder, sealed_from, uuid_from};
use crate::sql;
use crate::tx::{KeyringTx, RecordTx};
use crate::{AmlRecordRow, OwnerKind, PurchaseRow, RepairRow, SaleCorrectionRow, SealedFields, StoreError};

impl<C: DerefMut<Target = Connection>> RecordTx for SqliteTx<'_, C> {
    fn insert_purchase(&mut self, row: &PurchaseRow) -> Result<(), StoreError> {
        let values: Vec<Box<dyn rusqlite::ToSql>> = vec![
            Box::new(row.id.as_bytes().to_vec()),
            Box::new(row.customer_id.as_bytes().to_vec()),
            Box::new(row.purchased_on.clone()),
            Box::new(row.total_minor),
            Box::new(row.currency.clone()),
            Box::new(row.paid_in_cash),
            Box::new(row.created_at),
        ];
        self.insert_record("purchases", sql::PURCHASE_COLUMNS, RecordKind::Purchase, values, &row.sealed)
    }

    fn purchases_of(&mut self, customer_id: Uuid) -> Result<Vec<PurchaseRow>, StoreError> {
        let sql = sql::select_by_customer("purchases", sql::PURCHASE_COLUMNS, RecordKind::Purchase, placeholder);
        self.query_rows(&sql, [customer_id.as_bytes()], purchase_from)
    }

    fn purchase_for_update(&mut self, id: Uuid) -> Result<Option<PurchaseRow>, StoreError> {
        // The transaction already holds SQLite's write lock (BEGIN IMMEDIATE).
        let sql = sql::select_by_id("purchases", sql::PURCHASE_COLUMNS, RecordKind::Purchase, placeholder);
        Ok(self.query_rows(&sql, [id.as_bytes()], purchase_from)?.pop())
    }

    fn insert_sale_correction(&mut self, row: &SaleCorrectionRow) -> Result<(), StoreError> {
        let values: Vec<Box<dyn rusqlite::ToSql>> = vec![
            Box::new(row.id.as_bytes().to_vec()),
            Box::new(row.purchase_id.as_bytes().to_vec()),
            Box::new(row.customer_id.as_bytes().to_vec()),
            Box::new(row.kind.clone()),
            Box::new(row.amount_minor),
            Box::new(row.created_at),
        ];
        self.insert_record("sale_corrections", sql::SALE_CORRECTION_COLUMNS, RecordKind::SaleCorrection, values, &row.sealed)
    }

    fn sale_corrections_of(&mut self, customer_id: Uuid) -> Result<Vec<SaleCorrectionRow>, StoreError> {
        let sql = sql::select_by_customer("sale_corrections", sql::SALE_CORRECTION_COLUMNS, RecordKind::SaleCorrection, placeholder);
        self.query_rows(&sql, [customer_id.as_bytes()], |row| {
            Ok(SaleCorrectionRow {
                id: uuid_from(row.get(0)?)?,
                purchase_id: uuid_from(row.get(1)?)?,
                customer_id: uuid_from(row.get(2)?)?,
                kind: row.get(3)?,
                amount_minor: row.get(4)?,
                created_at: row.get(5)?,
                sealed: sealed_from(row, RecordKind::SaleCorrection, 6)?,
            })
        })
    }

    fn move_record(&mut self, kind: RecordKind, id: Uuid, customer_id: Uuid, sealed: &SealedFields) -> Result<bool, StoreError> {
        let table =
            sql::record_table(kind).ok_or_else(|| StoreError::Conflict(format!("a {} is not moved between customers", kind.as_str())))?;
        let mut values: Vec<Box<dyn rusqlite::ToSql>> = vec![Box::new(customer_id.as_bytes().to_vec())];
        bind_sealed(&mut values, sealed, kind);
        values.push(Box::new(id.as_bytes().to_vec()));
        Ok(execute_boxed(&self.connection, &sql::move_record(table, kind, placeholder), &values)? == 1)
    }

    fn move_aml_record(&mut self, id: Uuid, customer_id: Uuid) -> Result<bool, StoreError> {
        Ok(self
            .connection
            .execute("UPDATE aml_records SET customer_id = ?1 WHERE id = ?2", params![customer_id.as_bytes(), id.as_bytes()])?
            == 1)
    }

    fn aml_records_past(&mut self, as_of: &str, limit: usize) -> Result<Vec<(Uuid, Uuid, String)>, StoreError> {
        self.query_rows(
            "SELECT a.id, a.customer_id, a.retention_ends FROM aml_records a
             JOIN data_keys k ON k.owner_kind = ?1 AND k.owner_id = a.id
             WHERE a.retention_ends < ?2 ORDER BY a.retention_ends, a.id LIMIT ?3 + 0",
            params![OwnerKind::AmlRecord.code(), as_of, limit as i64],
            |row| Ok((uuid_from(row.get(0)?)?, uuid_from(row.get(1)?)?, row.get(2)?)),
        )
    }

    fn shred_aml_record(&mut self, id: Uuid) -> Result<bool, StoreError> {
        let blank = Field::of(RecordKind::AmlRecord).map(|field| format!("{} = x''", field.name())).collect::<Vec<_>>().join(", ");
        self.connection.execute(&format!("UPDATE aml_records SET {blank} WHERE id = ?1"), params![id.as_bytes()])?;
        self.destroy_data_key(OwnerKind::AmlRecord, id)
    }

    fn link_checked_sale(&mut self, purchase_id: Uuid, aml_record_id: Uuid) -> Result<(), StoreError> {
        self.connection.execute(
            "INSERT INTO aml_checked_sales (purchase_id, aml_record_id) VALUES (?1, ?2) ON CONFLICT (purchase_id) DO NOTHING",
            params![purchase_id.as_bytes(), aml_record_id.as_bytes()],
        )?;
        Ok(())
    }

    fn sales_needing_check(
        &mut self,
        currency: &str,
        min_total_minor: i64,
        cash_only: bool,
        limit: usize,
    ) -> Result<Vec<PurchaseRow>, StoreError> {
        let sql = sql::select_sales_needing_check(true);
        self.query_rows(&sql, params![currency, min_total_minor, cash_only, limit as i64], purchase_from)
    }

    fn insert_repair(&mut self, row: &RepairRow) -> Result<(), StoreError> {
        let values: Vec<Box<dyn rusqlite::ToSql>> = vec![
            Box::new(row.id.as_bytes().to_vec()),
            Box::new(row.customer_id.as_bytes().to_vec()),
            Box::new(row.kind.clone()),
            Box::new(row.status.clone()),
            Box::new(row.received_on.clone()),
            Box::new(row.promised_on.clone()),
            Box::new(row.created_at),
            Box::new(row.ticket.clone()),
            Box::new(row.previous_status.clone()),
            Box::new(row.moved_at),
        ];
        self.insert_record("repairs", sql::REPAIR_COLUMNS, RecordKind::Repair, values, &row.sealed)
    }

    fn repairs_of(&mut self, customer_id: Uuid) -> Result<Vec<RepairRow>, StoreError> {
        let sql = sql::select_by_customer("repairs", sql::REPAIR_COLUMNS, RecordKind::Repair, placeholder);
        self.query_rows(&sql, [customer_id.as_bytes()], repair_from)
    }

    fn repair(&mut self, id: Uuid) -> Result<Option<RepairRow>, StoreError> {
        let sql = sql::select_by_id("repairs", sql::REPAIR_COLUMNS, RecordKind::Repair, placeholder);
        Ok(self.query_rows(&sql, [id.as_bytes()], repair_from)?.pop())
    }

    fn set_repair_status(&mut self, id: Uuid, from: &str, to: &str, at: i64) -> Result<bool, StoreError> {
        Ok(self.connection.execute(sql::MOVE_REPAIR[0], params![to, id.as_bytes(), from, at])? == 1)
    }

    fn undo_repair_status(&mut self, id: Uuid, current: &str, previous: &str, at: i64) -> Result<bool, StoreError> {
        Ok(self.connection.execute(sql::UNDO_REPAIR_MOVE[0], params![current, id.as_bytes(), previous, at])? == 1)
    }

    fn repairs_with_status(&mut self, status: &str, offset: usize, limit: usize) -> Result<Vec<RepairRow>, StoreError> {
        self.query_rows(&sql::select_repairs_by_status(placeholder), params![status, offset as i64, limit as i64], repair_from)
    }

    fn repairs_moved_since(&mut self, status: &str, since: i64, limit: usize) -> Result<Vec<RepairRow>, StoreError> {
        self.query_rows(&sql::select_repairs_moved_since(placeholder), params![status, since, limit as i64], repair_from)
    }

    fn open_repair_counts(&mut self) -> Result<Vec<(String, u64)>, StoreError> {
        self.query_rows(sql::COUNT_OPEN_REPAIRS, [], |row| Ok((row.get(0)?, row.get::<_, i64>(1)? as u64)))
    }

    fn last_visits(&mut self, customer_ids: &[Uuid], purchases: bool, repairs: bool) -> Result<Vec<(Uuid, String)>, StoreError> {
        if customer_ids.is_empty() || !(purchases || repairs) {
            return Ok(Vec::new());
        }
        let sql = sql::select_last_visits(customer_ids.len(), purchases, repairs, placeholder);
        let ids: Vec<Vec<u8>> = customer_ids.iter().map(|id| id.as_bytes().to_vec()).collect();
        self.query_rows(&sql, rusqlite::params_from_iter(ids), |row| Ok((uuid_from(row.get(0)?)?, row.get(1)?)))
    }

    fn repair_by_ticket(&mut self, ticket: &str) -> Result<Option<RepairRow>, StoreError> {
        Ok(self.query_rows(&sql::select_repair_by_ticket(placeholder), [ticket], repair_from)?.pop())
    }

    fn next_ticket_number(&mut self, prefix: &str) -> Result<u32, StoreError> {
        // Writers are serialised (BEGIN IMMEDIATE): no other transaction takes a number meanwhile.
        let highest: Option<i64> = self.connection.query_row(
            "SELECT MAX(CAST(substr(ticket, ?2) AS INTEGER)) FROM repairs WHERE ticket LIKE ?1 || '%'",
            params![prefix, prefix.len() as i64 + 1],
            |row| row.get(0),
        )?;
        Ok(u32::try_from(highest.unwrap_or(0)).unwrap_or(u32::MAX - 1) + 1)
    }

    fn insert_aml_record(&mut self, row: &AmlRecordRow) -> Result<(), StoreError> {
        let values: Vec<Box<dyn rusqlite::ToSql>> = vec![
            Box::new(row.id.as_bytes().to_vec()),
            Box::new(row.customer_id.as_bytes().to_vec()),
            Box::new(row.transaction_date.clone()),
            Box::new(row.retention_ends.clone()),
            Box::new(row.created_at),
        ];
        self.insert_record("aml_records", sql::AML_RECORD_COLUMNS, RecordKind::AmlRecord, values, &row.sealed)?;
        self.insert_data_key(&row.data_key)
    }

    fn aml_records_of(&mut self, customer_id: Uuid) -> Result<Vec<AmlRecordRow>, StoreError> {
        let sql = format!(
            "SELECT a.id, a.customer_id, a.transaction_date, a.retention_ends, a.created_at,
                    k.owner_kind, k.owner_id, k.data_key_version, k.master_version, k.wrapped, {}
             FROM aml_records a JOIN data_keys k ON k.owner_kind = ?2 AND k.owner_id = a.id
             WHERE a.customer_id = ?1 ORDER BY a.id",
            Field::of(RecordKind::AmlRecord).map(|f| format!("a.{}", f.name())).collect::<Vec<_>>().join(", ")
        );
        self.query_rows(&sql, params![customer_id.as_bytes(), OwnerKind::AmlRecord.code()], |row| {
            Ok(AmlRecordRow {
                id: uuid_from(row.get(0)?)?,
                customer_id: uuid_from(row.get(1)?)?,
                transaction_date: row.get(2)?,
                retention_ends: row.get(3)?,
                created_at: row.get(4)?,
                sealed: sealed_from(row, RecordKind::AmlRecord, 10)?,
                data_key: data_key_row((row.get(5)?, row.get(6)?, row.get(7)?, row.get(8)?, row.get(9)?))?,
            })
        })
    }
}

fn repair_from(row: &Row<'_>) -> Result<RepairRow, StoreError> {
    Ok(RepairRow {
        id: uuid_from(row.get(0)?)?,
        customer_id: uuid_from(row.get(1)?)?,
        kind: row.get(2)?,
        status: row.get(3)?,
        received_on: row.get(4)?,
        promised_on: row.get(5)?,
        created_at: row.get(6)?,
        ticket: row.get(7)?,
        previous_status: row.get(8)?,
        moved_at: row.get(9)?,
        sealed: sealed_from(row, RecordKind::Repair, 10)?,
    })
}

fn purchase_from(row: &Row<'_>) -> Result<PurchaseRow, StoreError> {
    Ok(PurchaseRow {
        id: uuid_from(row.get(0)?)?,
        customer_id: uuid_from(row.get(1)?)?,
        purchased_on: row.get(2)?,
        total_minor: row.get(3)?,
        currency: row.get(4)?,
        paid_in_cash: row.get(5)?,
        created_at: row.get(6)?,
        sealed: sealed_from(row, RecordKind::Purchase, 7)?,
    })
}
