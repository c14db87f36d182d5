//! SQL text shared by both backends for the record tables (purchases, repairs, AML records):
//! their plaintext columns, then the sealed columns of their record kind in `Field::of` order.
//! Only the placeholder syntax differs (`?1` in SQLite, `$1` in PostgreSQL).

use strongroom_domain::{Field, RecordKind};

pub(crate) const PURCHASE_COLUMNS: &[&str] =
    &["id", "customer_id", "purchased_on", "total_minor", "currency", "paid_in_cash", "created_at"];
pub(crate) const REPAIR_COLUMNS: &[&str] =
    &["id", "customer_id", "kind", "status", "received_on", "promised_on", "created_at", "ticket", "previous_status", "moved_at"];
pub(crate) const SALE_CORRECTION_COLUMNS: &[&str] = &["id", "purchase_id", "customer_id", "kind", "amount_minor", "created_at"];
pub(crate) const AML_RECORD_COLUMNS: &[&str] = &["id", "customer_id", "transaction_date", "retention_ends", "created_at"];

/// The column list of a record table: plaintext columns, then sealed ones (each with `prefix`).
pub(crate) fn record_columns(plain: &[&str], kind: RecordKind, prefix: &str) -> String {
    plain
        .iter()
        .copied()
        .chain(Field::of(kind).map(|field| field.name()))
        .map(|column| format!("{prefix}{column}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `INSERT INTO table (…) VALUES (…)` with a placeholder per column.
pub(crate) fn insert_record(table: &str, plain: &[&str], kind: RecordKind, placeholder: fn(usize) -> String) -> String {
    let n_columns = plain.len() + Field::of(kind).count();
    let values = (1..=n_columns).map(placeholder).collect::<Vec<_>>().join(", ");
    format!("INSERT INTO {table} ({}) VALUES ({values})", record_columns(plain, kind, ""))
}

/// Gives a record to another customer with its fields sealed again (under that customer's key):
/// the customer is the first placeholder, the sealed columns follow, the record's id is last.
pub(crate) fn move_record(table: &str, kind: RecordKind, placeholder: fn(usize) -> String) -> String {
    let sealed: Vec<String> = Field::of(kind).enumerate().map(|(i, field)| format!("{} = {}", field.name(), placeholder(i + 2))).collect();
    let id = placeholder(sealed.len() + 2);
    format!("UPDATE {table} SET customer_id = {}, {} WHERE id = {id}", placeholder(1), sealed.join(", "))
}

/// The table of a kind of record a customer owns.
pub(crate) fn record_table(kind: RecordKind) -> Option<&'static str> {
    match kind {
        RecordKind::Purchase => Some("purchases"),
        RecordKind::SaleCorrection => Some("sale_corrections"),
        RecordKind::Repair => Some("repairs"),
        _ => None,
    }
}

/// `customers_by_all_indexes`: (index_id, value) of each entry as placeholders 1, 2, 3, 4, …,
/// then `after` (if any) and the limit.
pub(crate) fn select_by_all_indexes(n_entries: usize, with_after: bool, placeholder: fn(usize) -> String) -> String {
    let mut sql =
        format!("SELECT b0.customer_id FROM blind_index b0 WHERE b0.index_id = {} AND b0.value = {}", placeholder(1), placeholder(2));
    for n in 1..n_entries {
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM blind_index b{n} WHERE b{n}.index_id = {} AND b{n}.value = {} AND b{n}.customer_id = b0.customer_id)",
            placeholder(2 * n + 1),
            placeholder(2 * n + 2)
        ));
    }
    let mut next = 2 * n_entries + 1;
    if with_after {
        sql.push_str(&format!(" AND b0.customer_id > {}", placeholder(next)));
        next += 1;
    }
    sql.push_str(&format!(" ORDER BY b0.customer_id LIMIT {}", count_parameter(placeholder, next)));
    sql
}

/// A builder of a statement over blind-index entries ([`select_by_all_indexes`],
/// [`select_by_any_index`] or [`select_by_any_index_in_list`]): the number of entries, whether
/// an `after` follows them, and the backend's placeholders.
pub(crate) type EntriesStatement = fn(usize, bool, fn(usize) -> String) -> String;

/// `customers_by_any_index`: (index_id, value) of each entry as placeholders 1, 2, 3, 4, …,
/// then `after` (if any) and the limit. One arm per entry, each a range of the primary key, and
/// their union in id order, each customer once.
pub(crate) fn select_by_any_index(n_entries: usize, with_after: bool, placeholder: fn(usize) -> String) -> String {
    let after = if with_after { format!(" AND customer_id > {}", placeholder(2 * n_entries + 1)) } else { String::new() };
    let arms: Vec<String> = (0..n_entries)
        .map(|n| {
            format!(
                "SELECT customer_id FROM blind_index WHERE index_id = {} AND value = {}{after}",
                placeholder(2 * n + 1),
                placeholder(2 * n + 2)
            )
        })
        .collect();
    let limit = count_parameter(placeholder, 2 * n_entries + 1 + usize::from(with_after));
    format!("{} ORDER BY 1 LIMIT {limit}", arms.join(" UNION "))
}

/// [`select_by_any_index`] as PostgreSQL plans it best: one scan of the primary key for a list of
/// (index_id, value) pairs, 10–20 µs above one entry's query where the union costs 45–50 µs
/// (`pgbench`, 1.2 million entries). SQLite plans this shape as a scan of the whole table.
pub(crate) fn select_by_any_index_in_list(n_entries: usize, with_after: bool, placeholder: fn(usize) -> String) -> String {
    let pairs: Vec<String> = (0..n_entries).map(|n| format!("({}, {})", placeholder(2 * n + 1), placeholder(2 * n + 2))).collect();
    let after = if with_after { format!(" AND customer_id > {}", placeholder(2 * n_entries + 1)) } else { String::new() };
    let limit = count_parameter(placeholder, 2 * n_entries + 1 + usize::from(with_after));
    format!(
        "SELECT DISTINCT customer_id FROM blind_index WHERE (index_id, value) IN ({}){after} ORDER BY 1 LIMIT {limit}",
        pairs.join(", ")
    )
}

/// The `n`th parameter as a `LIMIT` or `OFFSET`: on SQLite `?n + 0`, since SQLite plans with a
/// bare one's value and so prepares the statement again at every new binding (see
/// `sqlite/mod.rs`); on PostgreSQL a bare `$n`, which `$n + 0` would type as a 4-byte integer.
fn count_parameter(placeholder: fn(usize) -> String, n: usize) -> String {
    let parameter = placeholder(n);
    if parameter.starts_with('?') { format!("{parameter} + 0") } else { parameter }
}

/// One row of `table` by its id (the first placeholder).
pub(crate) fn select_by_id(table: &str, plain: &[&str], kind: RecordKind, placeholder: fn(usize) -> String) -> String {
    format!("SELECT {} FROM {table} WHERE id = {}", record_columns(plain, kind, ""), placeholder(1))
}

/// Workshop jobs of one status (the first placeholder), soonest promised first and those without
/// a promised day last, skipping the second placeholder's count and at most the third's.
pub(crate) fn select_repairs_by_status(placeholder: fn(usize) -> String) -> String {
    format!(
        "SELECT {} FROM repairs WHERE status = {} ORDER BY promised_on IS NULL, promised_on, id LIMIT {} OFFSET {}",
        record_columns(REPAIR_COLUMNS, RecordKind::Repair, ""),
        placeholder(1),
        count_parameter(placeholder, 3),
        count_parameter(placeholder, 2)
    )
}

/// Workshop jobs of one status (the first placeholder) moved there at or after the second
/// placeholder's moment, the latest first, at most the third placeholder.
pub(crate) fn select_repairs_moved_since(placeholder: fn(usize) -> String) -> String {
    format!(
        "SELECT {} FROM repairs WHERE status = {} AND moved_at >= {} ORDER BY moved_at DESC, id LIMIT {}",
        record_columns(REPAIR_COLUMNS, RecordKind::Repair, ""),
        placeholder(1),
        placeholder(2),
        count_parameter(placeholder, 3)
    )
}

/// One job by its ticket code (the first placeholder).
pub(crate) fn select_repair_by_ticket(placeholder: fn(usize) -> String) -> String {
    format!("SELECT {} FROM repairs WHERE ticket = {}", record_columns(REPAIR_COLUMNS, RecordKind::Repair, ""), placeholder(1))
}

/// A move on the board: to the first placeholder from the third, remembering where it came from,
/// at the fourth placeholder's moment; the job is the second.
/// Sales over the identity-check threshold (the second placeholder, in the currency of the first)
/// that no identity check is linked to and that were not voided; only cash ones unless the third
/// is false. Latest first, limited by the fourth.
pub(crate) fn select_sales_needing_check(sqlite: bool) -> String {
    let columns = record_columns(PURCHASE_COLUMNS, RecordKind::Purchase, "p.");
    let (p, cash, limit) =
        if sqlite { ("?", "(p.paid_in_cash = 1 OR ?3 = 0)", "?4 + 0") } else { ("$", "(p.paid_in_cash OR NOT $3)", "$4") };
    format!(
        "SELECT {columns} FROM purchases p WHERE p.currency = {p}1 AND p.total_minor >= {p}2 AND {cash} \
         AND NOT EXISTS (SELECT 1 FROM aml_checked_sales c WHERE c.purchase_id = p.id) \
         AND NOT EXISTS (SELECT 1 FROM sale_corrections v WHERE v.purchase_id = p.id AND v.kind = 'void') \
         ORDER BY p.purchased_on DESC, p.id DESC LIMIT {limit}"
    )
}

pub(crate) const MOVE_REPAIR: [&str; 2] = [
    "UPDATE repairs SET status = ?1, previous_status = ?3, moved_at = ?4 WHERE id = ?2 AND status = ?3",
    "UPDATE repairs SET status = $1, previous_status = $3, moved_at = $4 WHERE id = $2 AND status = $3",
];

/// An undone move: back to the third placeholder from the first, only while the job is still
/// where that move put it; the job is the second, the moment the fourth.
pub(crate) const UNDO_REPAIR_MOVE: [&str; 2] = [
    "UPDATE repairs SET status = ?3, previous_status = NULL, moved_at = ?4 WHERE id = ?2 AND status = ?1 AND previous_status = ?3",
    "UPDATE repairs SET status = $3, previous_status = NULL, moved_at = $4 WHERE id = $2 AND status = $1 AND previous_status = $3",
];

/// The latest day each of `n` customers (placeholders 1 to n) bought something or brought
/// something in, from the tables asked for.
pub(crate) fn select_last_visits(n: usize, purchases: bool, repairs: bool, placeholder: fn(usize) -> String) -> String {
    let ids = (1..=n).map(placeholder).collect::<Vec<_>>().join(", ");
    let mut parts = Vec::new();
    if purchases {
        parts.push(format!("SELECT customer_id, purchased_on AS day FROM purchases WHERE customer_id IN ({ids})"));
    }
    if repairs {
        parts.push(format!("SELECT customer_id, received_on AS day FROM repairs WHERE customer_id IN ({ids})"));
    }
    format!("SELECT customer_id, MAX(day) FROM ({}) AS visits GROUP BY customer_id", parts.join(" UNION ALL "))
}

/// How many jobs there are of each status but collected.
pub(crate) const COUNT_OPEN_REPAIRS: &str = "SELECT status, COUNT(*) FROM repairs WHERE status <> 'collected' GROUP BY status";

/// Every row of `table` for one customer (the first placeholder), oldest first.
pub(crate) fn select_by_customer(table: &str, plain: &[&str], kind: RecordKind, placeholder: fn(usize) -> String) -> String {
    format!("SELECT {} FROM {table} WHERE customer_id = {} ORDER BY id", record_columns(plain, kind, ""), placeholder(1))
}

pub(crate) const STAFF_COLUMNS: &[&str] = &[
    "id",
    "username",
    "role",
    "disabled",
    "password_hash",
    "password_changed_at",
    "must_change_password",
    "enrolment_code_hash",
    "enrolment_expires_at",
    "totp_secret",
    "totp_pending",
    "totp_last_step",
    "passkeys",
    "failed_logins",
    "last_failed_at",
    "locked_at",
    "created_at",
    "language",
    "session_epoch",
    "row_mac",
];
pub(crate) const SESSION_COLUMNS: &[&str] =
    &["id_hash", "staff_id", "created_at", "last_seen_at", "second_factor_at", "step_up_at", "client_addr", "row_mac"];

pub(crate) const API_TOKEN_COLUMNS: &[&str] =
    &["id", "name", "token_hash", "role", "scopes", "created_by", "created_at", "expires_at", "revoked_at", "last_used_at", "row_mac"];

/// `INSERT INTO table (columns) VALUES (placeholders)`.
pub(crate) fn insert(table: &str, columns: &[&str], placeholder: fn(usize) -> String) -> String {
    let values = (1..=columns.len()).map(placeholder).collect::<Vec<_>>().join(", ");
    format!("INSERT INTO {table} ({}) VALUES ({values})", columns.join(", "))
}

/// `UPDATE table SET` every column but the first `WHERE` first = the first placeholder.
pub(crate) fn update_by_key(table: &str, columns: &[&str], placeholder: fn(usize) -> String) -> String {
    let sets = columns.iter().enumerate().skip(1).map(|(i, column)| format!("{column} = {}", placeholder(i + 1))).collect::<Vec<_>>();
    format!("UPDATE {table} SET {} WHERE {} = {}", sets.join(", "), columns[0], placeholder(1))
}

/// `SELECT columns FROM table` followed by `rest` (a WHERE or ORDER BY clause).
pub(crate) fn select(table: &str, columns: &[&str], rest: &str) -> String {
    format!("SELECT {} FROM {table} {rest}", columns.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_sqlite_parameters_plus_zero_and_bare_on_postgres() {
        let sqlite = |i: usize| format!("?{i}");
        let postgres = |i: usize| format!("${i}");
        for (sql, counts) in [
            (select_by_all_indexes(2, true, sqlite), ["LIMIT ?6 + 0"].as_slice()),
            (select_repairs_by_status(sqlite), &["LIMIT ?3 + 0 OFFSET ?2 + 0"]),
            (select_repairs_moved_since(sqlite), &["LIMIT ?3 + 0"]),
            (select_sales_needing_check(true), &["LIMIT ?4 + 0"]),
            (select_by_all_indexes(2, true, postgres), &["LIMIT $6"]),
            (select_repairs_by_status(postgres), &["LIMIT $3 OFFSET $2"]),
            (select_sales_needing_check(false), &["LIMIT $4"]),
        ] {
            for count in counts {
                assert!(sql.ends_with(count), "{sql}");
            }
        }
    }

    #[test]
    fn statements_name_plaintext_then_sealed_columns() {
        let insert = insert_record("purchases", PURCHASE_COLUMNS, RecordKind::Purchase, |i| format!("${i}"));
        assert_eq!(
            insert,
            "INSERT INTO purchases (id, customer_id, purchased_on, total_minor, currency, paid_in_cash, created_at, items, engraving, payment, note) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
        );
        let select = select_by_customer("repairs", REPAIR_COLUMNS, RecordKind::Repair, |i| format!("?{i}"));
        assert!(
            select.ends_with("ticket, previous_status, moved_at, item_description, condition, valuation, estimate, deposit FROM repairs WHERE customer_id = ?1 ORDER BY id"),
            "{select}"
        );
    }

    #[test]
    fn updates_set_every_column_but_the_key() {
        let update = update_by_key("sessions", SESSION_COLUMNS, |i| format!("${i}"));
        assert_eq!(
            update,
            "UPDATE sessions SET staff_id = $2, created_at = $3, last_seen_at = $4, second_factor_at = $5, step_up_at = $6, client_addr = $7, \
             row_mac = $8 WHERE id_hash = $1"
        );
    }
}
