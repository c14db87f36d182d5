//! PostgreSQL: purchases, workshop jobs and AML identity records.

use postgres::Row;
use postgres::types::ToSql;
use strongroom_domain::RecordKind;
use uuid::Uuid;

use super::{PgTx, data_key_from, placeholder, sealed_columns, sealed_from};
use crate::sql;
use crate::tx::RecordTx;
use crate::{AmlRecordRow, OwnerKind, PurchaseRow, RepairRow, StoreError};

impl RecordTx for PgTx<'_> {
    fn insert_purchase(&mut self, row: &PurchaseRow) -> Result<(), StoreError> {
        let plain: [&(dyn ToSql + Sync); 7] =
            [&row.id, &row.customer_id, &row.purchased_on, &row.total_minor, &row.currency, &row.paid_in_cash, &row.created_at];
        self.insert_record("purchases", sql::PURCHASE_COLUMNS, RecordKind::Purchase, &plain, &row.sealed)
    }

    fn purchases_of(&mut self, customer_id: Uuid) -> Result<Vec<PurchaseRow>, StoreError> {
        let sql = sql::select_by_customer("purchases", sql::PURCHASE_COLUMNS, RecordKind::Purchase, placeholder);
        self.connection
            .query(&sql, &[&customer_id])?
            .iter()
            .map(|row| {
                Ok(PurchaseRow {
                    id: row.try_get(0)?,
                    customer_id: row.try_get(1)?,
                    purchased_on: row.try_get(2)?,
                    total_minor: row.try_get(3)?,
                    currency: row.try_get(4)?,
                    paid_in_cash: row.try_get(5)?,
                    created_at: row.try_get(6)?,
                    sealed: sealed_from(row, RecordKind::Purchase, 7)?,
                })
            })
            .collect()
    }

    fn insert_repair(&mut self, row: &RepairRow) -> Result<(), StoreError> {
        let plain: [&(dyn ToSql + Sync); 7] =
            [&row.id, &row.customer_id, &row.kind, &row.status, &row.received_on, &row.promised_on, &row.created_at];
        self.insert_record("repairs", sql::REPAIR_COLUMNS, RecordKind::Repair, &plain, &row.sealed)
    }

    fn repairs_of(&mut self, customer_id: Uuid) -> Result<Vec<RepairRow>, StoreError> {
        let sql = sql::select_by_customer("repairs", sql::REPAIR_COLUMNS, RecordKind::Repair, placeholder);
        self.connection.query(&sql, &[&customer_id])?.iter().map(repair_from).collect()
    }

    fn repair(&mut self, id: Uuid) -> Result<Option<RepairRow>, StoreError> {
        let sql = sql::select_by_id("repairs", sql::REPAIR_COLUMNS, RecordKind::Repair, placeholder);
        self.connection.query(&sql, &[&id])?.first().map(repair_from).transpose()
    }

    fn set_repair_status(&mut self, id: Uuid, from: &str, to: &str) -> Result<bool, StoreError> {
        Ok(self.connection.execute("UPDATE repairs SET status = $1 WHERE id = $2 AND status = $3", &[&to, &id, &from])? == 1)
    }

    fn repairs_with_status(&mut self, status: &str, limit: usize) -> Result<Vec<RepairRow>, StoreError> {
        let sql = sql::select_repairs_by_status(placeholder);
        self.connection.query(&sql, &[&status, &(limit as i64)])?.iter().map(repair_from).collect()
    }

    fn insert_aml_record(&mut self, row: &AmlRecordRow) -> Result<(), StoreError> {
        let plain: [&(dyn ToSql + Sync); 5] = [&row.id, &row.customer_id, &row.transaction_date, &row.retention_ends, &row.created_at];
        self.insert_record("aml_records", sql::AML_RECORD_COLUMNS, RecordKind::AmlRecord, &plain, &row.sealed)?;
        self.insert_data_key_rows(std::slice::from_ref(&row.data_key))
    }

    fn aml_records_of(&mut self, customer_id: Uuid) -> Result<Vec<AmlRecordRow>, StoreError> {
        let sql = format!(
            "SELECT a.id, a.customer_id, a.transaction_date, a.retention_ends, a.created_at,
                    k.owner_kind, k.owner_id, k.data_key_version, k.master_version, k.wrapped, {}
             FROM aml_records a JOIN data_keys k ON k.owner_kind = $2 AND k.owner_id = a.id
             WHERE a.customer_id = $1 ORDER BY a.id",
            sealed_columns(RecordKind::AmlRecord, "a.")
        );
        self.connection
            .query(&sql, &[&customer_id, &OwnerKind::AmlRecord.code()])?
            .iter()
            .map(|row| {
                Ok(AmlRecordRow {
                    id: row.try_get(0)?,
                    customer_id: row.try_get(1)?,
                    transaction_date: row.try_get(2)?,
                    retention_ends: row.try_get(3)?,
                    created_at: row.try_get(4)?,
                    data_key: data_key_from(row, 5)?,
                    sealed: sealed_from(row, RecordKind::AmlRecord, 10)?,
                })
            })
            .collect()
    }
}

fn repair_from(row: &Row) -> Result<RepairRow, StoreError> {
    Ok(RepairRow {
        id: row.try_get(0)?,
        customer_id: row.try_get(1)?,
        kind: row.try_get(2)?,
        status: row.try_get(3)?,
        received_on: row.try_get(4)?,
        promised_on: row.try_get(5)?,
        created_at: row.try_get(6)?,
        sealed: sealed_from(row, RecordKind::Repair, 7)?,
    })
}
