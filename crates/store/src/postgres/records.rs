//! PostgreSQL: purchases, workshop jobs and AML identity records.

use std::sync::LazyLock;

use strongroom_domain::{Field, RecordKind};
use tokio_postgres::Row;
use tokio_postgres::types::ToSql;
use uuid::Uuid;

use super::keyring::data_key_columns;
use super::{PgTx, customer_from, data_key_from, placeholder, sealed_columns, sealed_from};
use crate::sql;
use crate::tx::{KeyringTx, RecordTx};
use crate::{
    AmlRecordRow, CustomerRecordRows, CustomerRow, DataKeyRow, OwnerKind, PurchaseRow, RecordParts, RecordRead, RepairRow,
    SaleCorrectionRow, SealedFields, StoreError,
};

/// Serialises the numbering of ticket codes across instances.
const TICKET_LOCK: i64 = 0x5469_636b_6574;

impl RecordTx for PgTx<'_> {
    fn insert_purchase(&mut self, row: &PurchaseRow) -> Result<(), StoreError> {
        let plain: [&(dyn ToSql + Sync); 7] =
            [&row.id, &row.customer_id, &row.purchased_on, &row.total_minor, &row.currency, &row.paid_in_cash, &row.created_at];
        self.insert_record("purchases", sql::PURCHASE_COLUMNS, RecordKind::Purchase, &plain, &row.sealed)
    }

    fn purchases_of(&mut self, customer_id: Uuid) -> Result<Vec<PurchaseRow>, StoreError> {
        self.connection.query(&PURCHASES_OF, &[&customer_id])?.iter().map(purchase_from).collect()
    }

    fn purchase_for_update(&mut self, id: Uuid) -> Result<Option<PurchaseRow>, StoreError> {
        let sql = format!("{} FOR UPDATE", sql::select_by_id("purchases", sql::PURCHASE_COLUMNS, RecordKind::Purchase, placeholder));
        self.connection.query(&sql, &[&id])?.first().map(purchase_from).transpose()
    }

    fn insert_sale_correction(&mut self, row: &SaleCorrectionRow) -> Result<(), StoreError> {
        let plain: [&(dyn ToSql + Sync); 6] = [&row.id, &row.purchase_id, &row.customer_id, &row.kind, &row.amount_minor, &row.created_at];
        self.insert_record("sale_corrections", sql::SALE_CORRECTION_COLUMNS, RecordKind::SaleCorrection, &plain, &row.sealed)
    }

    fn sale_corrections_of(&mut self, customer_id: Uuid) -> Result<Vec<SaleCorrectionRow>, StoreError> {
        self.connection.query(&SALE_CORRECTIONS_OF, &[&customer_id])?.iter().map(sale_correction_from).collect()
    }

    fn move_record(&mut self, kind: RecordKind, id: Uuid, customer_id: Uuid, sealed: &SealedFields) -> Result<bool, StoreError> {
        let table =
            sql::record_table(kind).ok_or_else(|| StoreError::Conflict(format!("a {} is not moved between customers", kind.as_str())))?;
        let sealed: Vec<Option<Vec<u8>>> = sealed.columns(kind).into_iter().map(|column| column.map(<[u8]>::to_vec)).collect();
        let mut params: Vec<&(dyn ToSql + Sync)> = vec![&customer_id];
        params.extend(sealed.iter().map(|column| column as &(dyn ToSql + Sync)));
        params.push(&id);
        Ok(self.connection.execute(&sql::move_record(table, kind, placeholder), &params)? == 1)
    }

    fn move_aml_record(&mut self, id: Uuid, customer_id: Uuid) -> Result<bool, StoreError> {
        Ok(self.connection.execute("UPDATE aml_records SET customer_id = $1 WHERE id = $2", &[&customer_id, &id])? == 1)
    }

    fn aml_records_past(&mut self, as_of: &str, limit: usize) -> Result<Vec<(Uuid, Uuid, String)>, StoreError> {
        let rows = self.connection.query(
            "SELECT a.id, a.customer_id, a.retention_ends FROM aml_records a
             JOIN data_keys k ON k.owner_kind = $1 AND k.owner_id = a.id
             WHERE a.retention_ends < $2 ORDER BY a.retention_ends, a.id LIMIT $3",
            &[&OwnerKind::AmlRecord.code(), &as_of, &(limit as i64)],
        )?;
        rows.iter().map(|row| Ok((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?))).collect()
    }

    fn shred_aml_record(&mut self, id: Uuid) -> Result<bool, StoreError> {
        let blank = Field::of(RecordKind::AmlRecord).map(|field| format!("{} = ''::bytea", field.name())).collect::<Vec<_>>().join(", ");
        self.connection.execute(&format!("UPDATE aml_records SET {blank} WHERE id = $1"), &[&id])?;
        self.destroy_data_key(OwnerKind::AmlRecord, id)
    }

    fn link_checked_sale(&mut self, purchase_id: Uuid, aml_record_id: Uuid) -> Result<(), StoreError> {
        self.connection.execute(
            "INSERT INTO aml_checked_sales (purchase_id, aml_record_id) VALUES ($1, $2) ON CONFLICT (purchase_id) DO NOTHING",
            &[&purchase_id, &aml_record_id],
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
        let sql = sql::select_sales_needing_check(false);
        self.connection.query(&sql, &[&currency, &min_total_minor, &cash_only, &(limit as i64)])?.iter().map(purchase_from).collect()
    }

    fn insert_repair(&mut self, row: &RepairRow) -> Result<(), StoreError> {
        let plain: [&(dyn ToSql + Sync); 10] = [
            &row.id,
            &row.customer_id,
            &row.kind,
            &row.status,
            &row.received_on,
            &row.promised_on,
            &row.created_at,
            &row.ticket,
            &row.previous_status,
            &row.moved_at,
        ];
        self.insert_record("repairs", sql::REPAIR_COLUMNS, RecordKind::Repair, &plain, &row.sealed)
    }

    fn repairs_of(&mut self, customer_id: Uuid) -> Result<Vec<RepairRow>, StoreError> {
        self.connection.query(&REPAIRS_OF, &[&customer_id])?.iter().map(repair_from).collect()
    }

    fn repair(&mut self, id: Uuid) -> Result<Option<RepairRow>, StoreError> {
        let sql = sql::select_by_id("repairs", sql::REPAIR_COLUMNS, RecordKind::Repair, placeholder);
        self.connection.query(&sql, &[&id])?.first().map(repair_from).transpose()
    }

    fn set_repair_status(&mut self, id: Uuid, from: &str, to: &str, at: i64) -> Result<bool, StoreError> {
        Ok(self.connection.execute(sql::MOVE_REPAIR[1], &[&to, &id, &from, &at])? == 1)
    }

    fn undo_repair_status(&mut self, id: Uuid, current: &str, previous: &str, at: i64) -> Result<bool, StoreError> {
        Ok(self.connection.execute(sql::UNDO_REPAIR_MOVE[1], &[&current, &id, &previous, &at])? == 1)
    }

    fn repairs_with_status(&mut self, status: &str, offset: usize, limit: usize) -> Result<Vec<RepairRow>, StoreError> {
        let sql = sql::select_repairs_by_status(placeholder);
        self.connection.query(&sql, &[&status, &(offset as i64), &(limit as i64)])?.iter().map(repair_from).collect()
    }

    fn repairs_moved_since(&mut self, status: &str, since: i64, limit: usize) -> Result<Vec<RepairRow>, StoreError> {
        let sql = sql::select_repairs_moved_since(placeholder);
        self.connection.query(&sql, &[&status, &since, &(limit as i64)])?.iter().map(repair_from).collect()
    }

    fn open_repair_counts(&mut self) -> Result<Vec<(String, u64)>, StoreError> {
        self.connection
            .query(sql::COUNT_OPEN_REPAIRS, &[])?
            .iter()
            .map(|row| Ok((row.try_get(0)?, row.try_get::<_, i64>(1)? as u64)))
            .collect()
    }

    fn last_visits(&mut self, customer_ids: &[Uuid], purchases: bool, repairs: bool) -> Result<Vec<(Uuid, String)>, StoreError> {
        if customer_ids.is_empty() || !(purchases || repairs) {
            return Ok(Vec::new());
        }
        let sql = sql::select_last_visits(customer_ids.len(), purchases, repairs, placeholder);
        let params: Vec<&(dyn ToSql + Sync)> = customer_ids.iter().map(|id| id as &(dyn ToSql + Sync)).collect();
        self.connection.query(&sql, &params)?.iter().map(|row| Ok((row.try_get(0)?, row.try_get(1)?))).collect()
    }

    fn repair_by_ticket(&mut self, ticket: &str) -> Result<Option<RepairRow>, StoreError> {
        let sql = sql::select_repair_by_ticket(placeholder);
        self.connection.query(&sql, &[&ticket])?.first().map(repair_from).transpose()
    }

    fn next_ticket_number(&mut self, prefix: &str) -> Result<u32, StoreError> {
        // Instances share the database: one takes numbers at a time, until its transaction ends.
        self.connection.query("SELECT pg_advisory_xact_lock($1)", &[&TICKET_LOCK])?;
        let rows = self.connection.query(
            "SELECT MAX(CAST(substr(ticket, $2) AS INTEGER)) FROM repairs WHERE ticket LIKE $1 || '%'",
            &[&prefix, &(prefix.len() as i32 + 1)],
        )?;
        let highest: Option<i32> = rows[0].try_get(0)?;
        Ok(u32::try_from(highest.unwrap_or(0)).unwrap_or(u32::MAX - 1) + 1)
    }

    fn insert_aml_record(&mut self, row: &AmlRecordRow) -> Result<(), StoreError> {
        let plain: [&(dyn ToSql + Sync); 5] = [&row.id, &row.customer_id, &row.transaction_date, &row.retention_ends, &row.created_at];
        self.insert_record("aml_records", sql::AML_RECORD_COLUMNS, RecordKind::AmlRecord, &plain, &row.sealed)?;
        self.insert_data_key_rows(std::slice::from_ref(&row.data_key))
    }

    fn aml_records_of(&mut self, customer_id: Uuid) -> Result<Vec<AmlRecordRow>, StoreError> {
        self.connection.query(&AML_RECORDS_OF, &[&customer_id, &OwnerKind::AmlRecord.code()])?.iter().map(aml_record_from).collect()
    }
}

/// A customer's row and their data key, if it still exists (`$1`: the customer, `$2`: the
/// customer owner kind): one statement where a whole-record read would take two.
static CUSTOMER_WITH_KEY: LazyLock<String> = LazyLock::new(|| customers_with_keys_where("c.id = $1"));

/// Customers' rows and their data keys, in id order (`$1`: the customers, `$2`: the customer
/// owner kind).
static CUSTOMERS_WITH_KEYS: LazyLock<String> = LazyLock::new(|| customers_with_keys_where("c.id = ANY($1) ORDER BY c.id"));

/// A page of customers and their data keys, in id order (`$1`: after this id, `$2`: the
/// customer owner kind, `$3`: at most this many).
static CUSTOMERS_PAGE_WITH_KEYS: LazyLock<String> = LazyLock::new(|| customers_with_keys_where("c.id > $1 ORDER BY c.id LIMIT $3"));

fn customers_with_keys_where(condition: &str) -> String {
    format!(
        "SELECT c.id, c.created_at, c.updated_at, c.restricted, {}, {} FROM customers c
         LEFT JOIN data_keys k ON k.owner_kind = $2 AND k.owner_id = c.id WHERE {condition}",
        sealed_columns(RecordKind::Customer, "c."),
        data_key_columns("k.")
    )
}

/// A row of the three statements above: the key's columns follow the customer's, empty when
/// the key was destroyed.
fn customer_with_key_from(row: &Row) -> Result<(CustomerRow, Option<DataKeyRow>), StoreError> {
    let key_at = 4 + Field::of(RecordKind::Customer).count();
    let data_key = row.try_get::<_, Option<i16>>(key_at)?.map(|_| data_key_from(row, key_at)).transpose()?;
    Ok((customer_from(row)?, data_key))
}

/// A customer's purchases, voids and refunds, workshop jobs (each `$1`: the customer) and AML
/// identity records with their keys (`$2`: the keys' owner kind).
static PURCHASES_OF: LazyLock<String> =
    LazyLock::new(|| sql::select_by_customer("purchases", sql::PURCHASE_COLUMNS, RecordKind::Purchase, placeholder));
static SALE_CORRECTIONS_OF: LazyLock<String> =
    LazyLock::new(|| sql::select_by_customer("sale_corrections", sql::SALE_CORRECTION_COLUMNS, RecordKind::SaleCorrection, placeholder));
static REPAIRS_OF: LazyLock<String> =
    LazyLock::new(|| sql::select_by_customer("repairs", sql::REPAIR_COLUMNS, RecordKind::Repair, placeholder));
static AML_RECORDS_OF: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT a.id, a.customer_id, a.transaction_date, a.retention_ends, a.created_at, {}, {}
         FROM aml_records a JOIN data_keys k ON k.owner_kind = $2 AND k.owner_id = a.id
         WHERE a.customer_id = $1 ORDER BY a.id",
        data_key_columns("k."),
        sealed_columns(RecordKind::AmlRecord, "a.")
    )
});

impl PgTx<'_> {
    /// [`crate::Tx::customers_with_keys`] in one statement.
    pub(super) fn customers_with_keys_at_once(&mut self, ids: &[Uuid]) -> Result<Vec<(CustomerRow, Option<DataKeyRow>)>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        self.connection.query(&CUSTOMERS_WITH_KEYS, &[&ids, &OwnerKind::Customer.code()])?.iter().map(customer_with_key_from).collect()
    }

    /// [`crate::Tx::customers_page_with_keys`] in one statement.
    pub(super) fn customers_page_with_keys_at_once(
        &mut self,
        after: Option<Uuid>,
        limit: usize,
    ) -> Result<Vec<(CustomerRow, Option<DataKeyRow>)>, StoreError> {
        let after = after.unwrap_or(Uuid::nil());
        let rows = self.connection.query(&CUSTOMERS_PAGE_WITH_KEYS, &[&after, &OwnerKind::Customer.code(), &(limit as i64)])?;
        rows.iter().map(customer_with_key_from).collect()
    }

    /// [`crate::Tx::customer_record`] in one round trip: every read is sent before the first
    /// answer is read (where one read after another cost a round trip each, about 120 µs on a
    /// local server: most of a grouped read's time on the writer thread).
    pub(super) fn customer_record_at_once(&mut self, id: Uuid, parts: RecordParts) -> Result<Option<CustomerRecordRows>, StoreError> {
        let read = RecordQuery::new(RecordRead { customer: id, parts });
        let statements = read.statements();
        let queries: Vec<(&str, &[&(dyn ToSql + Sync)])> = statements.iter().map(|(sql, params)| (*sql, params.as_slice())).collect();
        read.record_from(&mut self.connection.query_all(&queries)?.into_iter())
    }
}

/// A whole-record read's statements and what they answer.
pub(super) struct RecordQuery {
    pub(super) read: RecordRead,
    customer_kind: i16,
    aml_kind: i16,
}

impl RecordQuery {
    pub(super) fn new(read: RecordRead) -> RecordQuery {
        RecordQuery { read, customer_kind: OwnerKind::Customer.code(), aml_kind: OwnerKind::AmlRecord.code() }
    }

    /// The statements, in the order [`RecordQuery::record_from`] reads their answers.
    pub(super) fn statements(&self) -> Vec<(&'static str, Vec<&(dyn ToSql + Sync)>)> {
        let id: &(dyn ToSql + Sync) = &self.read.customer;
        let mut statements = vec![(CUSTOMER_WITH_KEY.as_str(), vec![id, &self.customer_kind])];
        if self.read.parts.purchases {
            statements.extend([(PURCHASES_OF.as_str(), vec![id]), (SALE_CORRECTIONS_OF.as_str(), vec![id])]);
        }
        if self.read.parts.repairs {
            statements.push((REPAIRS_OF.as_str(), vec![id]));
        }
        if self.read.parts.aml_records {
            statements.push((AML_RECORDS_OF.as_str(), vec![id, &self.aml_kind]));
        }
        statements
    }

    /// The record from the statements' answers, taken from `answers`: exactly as many as there
    /// are statements, whether the customer exists or their rows do not decode, so that a batch's
    /// answers stay in step.
    pub(super) fn record_from(&self, answers: &mut impl Iterator<Item = Vec<Row>>) -> Result<Option<CustomerRecordRows>, StoreError> {
        let parts = self.read.parts;
        let count = self.statements().len();
        let mut taken = answers.take(count).collect::<Vec<_>>().into_iter();
        if taken.len() != count {
            return Err(StoreError::Corrupt("a part of a record read went unanswered".into()));
        }
        let mut next = || taken.next().unwrap_or_default();
        let (customer, data_key) = match next().first().map(customer_with_key_from).transpose()? {
            Some((customer, data_key)) => (Some(customer), data_key),
            None => (None, None),
        };
        let purchases =
            if parts.purchases { Some((rows_of(next(), purchase_from)?, rows_of(next(), sale_correction_from)?)) } else { None };
        let repairs = if parts.repairs { Some(rows_of(next(), repair_from)?) } else { None };
        let aml_records = if parts.aml_records { Some(rows_of(next(), aml_record_from)?) } else { None };
        Ok(customer.map(|customer| CustomerRecordRows { customer, data_key, purchases, repairs, aml_records }))
    }
}

fn rows_of<T>(rows: Vec<Row>, from: fn(&Row) -> Result<T, StoreError>) -> Result<Vec<T>, StoreError> {
    rows.iter().map(from).collect()
}

fn sale_correction_from(row: &Row) -> Result<SaleCorrectionRow, StoreError> {
    Ok(SaleCorrectionRow {
        id: row.try_get(0)?,
        purchase_id: row.try_get(1)?,
        customer_id: row.try_get(2)?,
        kind: row.try_get(3)?,
        amount_minor: row.try_get(4)?,
        created_at: row.try_get(5)?,
        sealed: sealed_from(row, RecordKind::SaleCorrection, 6)?,
    })
}

fn aml_record_from(row: &Row) -> Result<AmlRecordRow, StoreError> {
    Ok(AmlRecordRow {
        id: row.try_get(0)?,
        customer_id: row.try_get(1)?,
        transaction_date: row.try_get(2)?,
        retention_ends: row.try_get(3)?,
        created_at: row.try_get(4)?,
        data_key: data_key_from(row, 5)?,
        sealed: sealed_from(row, RecordKind::AmlRecord, 10)?,
    })
}

fn purchase_from(row: &Row) -> Result<PurchaseRow, StoreError> {
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
        ticket: row.try_get(7)?,
        previous_status: row.try_get(8)?,
        moved_at: row.try_get(9)?,
        sealed: sealed_from(row, RecordKind::Repair, 10)?,
    })
}
