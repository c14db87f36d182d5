//! What a backup reads and a restore writes: the tables that make up a vault, row by row, as
//! typed cells that are the same on both backends, so a backup of one restores into the other.
//!
//! The list of tables and their columns is data ([`BACKUP_TABLES`]), checked against both
//! backends' schemas by the contract tests: a migration that adds a column without adding it
//! here fails them. A backup carries the columns it was written with, so a restore loads an older
//! backup into the schema of its day and migrates it forward from there.

use uuid::Uuid;

/// The kind of value a column holds, as a backup writes it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ColumnType {
    Int,
    Bool,
    Text,
    Bytes,
    Uuid,
}

impl ColumnType {
    pub const ALL: [ColumnType; 5] = [ColumnType::Int, ColumnType::Bool, ColumnType::Text, ColumnType::Bytes, ColumnType::Uuid];

    /// Its code in a backup file; fixed forever.
    pub fn code(self) -> u8 {
        match self {
            ColumnType::Int => 1,
            ColumnType::Bool => 2,
            ColumnType::Text => 3,
            ColumnType::Bytes => 4,
            ColumnType::Uuid => 5,
        }
    }

    pub fn from_code(code: u8) -> Option<ColumnType> {
        ColumnType::ALL.into_iter().find(|kind| kind.code() == code)
    }
}

/// One value of a row.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Cell {
    Null,
    Int(i64),
    Bool(bool),
    Text(String),
    Bytes(Vec<u8>),
    Uuid(Uuid),
}

impl Cell {
    /// Whether this value may stand in a column of type `kind` (any column may be NULL; the
    /// database refuses a NULL where its schema does not allow one).
    pub fn fits(&self, kind: ColumnType) -> bool {
        matches!(
            (self, kind),
            (Cell::Null, _)
                | (Cell::Int(_), ColumnType::Int)
                | (Cell::Bool(_), ColumnType::Bool)
                | (Cell::Text(_), ColumnType::Text)
                | (Cell::Bytes(_), ColumnType::Bytes)
                | (Cell::Uuid(_), ColumnType::Uuid)
        )
    }
}

/// A column of a table as a backup holds it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Column {
    pub name: String,
    pub kind: ColumnType,
}

/// Every table of a database with its columns and their declared types.
pub type SchemaTables = Vec<(String, Vec<(String, String)>)>;

/// A table a backup holds and its columns.
#[derive(Debug)]
pub struct TableSpec {
    pub name: &'static str,
    pub columns: &'static [(&'static str, ColumnType)],
}

impl TableSpec {
    pub fn columns(&self) -> Vec<Column> {
        self.columns.iter().map(|(name, kind)| Column { name: (*name).to_owned(), kind: *kind }).collect()
    }
}

use ColumnType::{Bool, Bytes, Int, Text, Uuid as Id};

/// The tables a backup holds, parents before the tables whose rows point at them, so a restore
/// loads them in this order with every foreign key checked.
pub const BACKUP_TABLES: &[TableSpec] = &[
    TableSpec {
        name: "keyring_meta",
        columns: &[("singleton", Int), ("protection", Text), ("kdf", Text), ("blind_index_bits", Int), ("demo", Bool), ("created_at", Int)],
    },
    TableSpec { name: "master_keys", columns: &[("version", Int), ("wrapped", Bytes), ("state", Text), ("created_at", Int)] },
    TableSpec {
        name: "data_keys",
        columns: &[("owner_kind", Int), ("owner_id", Id), ("data_key_version", Int), ("master_version", Int), ("wrapped", Bytes)],
    },
    TableSpec {
        name: "customers",
        columns: &[
            ("id", Id),
            ("created_at", Int),
            ("updated_at", Int),
            ("name", Bytes),
            ("email", Bytes),
            ("phone", Bytes),
            ("address", Bytes),
            ("birth_date", Bytes),
            ("partner", Bytes),
            ("anniversary", Bytes),
            ("ring_sizes", Bytes),
            ("metal_allergies", Bytes),
            ("style_notes", Bytes),
            ("wish_list", Bytes),
            ("preferred_associate", Bytes),
            ("marketing_consent", Bytes),
            ("notes", Bytes),
            ("restricted", Bool),
            ("erased_at", Int),
        ],
    },
    TableSpec { name: "customer_search_entries", columns: &[("customer_id", Id), ("entries", Bytes)] },
    TableSpec { name: "blind_index", columns: &[("index_id", Int), ("value", Int), ("customer_id", Id)] },
    TableSpec {
        name: "purchases",
        columns: &[
            ("id", Id),
            ("customer_id", Id),
            ("purchased_on", Text),
            ("total_minor", Int),
            ("currency", Text),
            ("paid_in_cash", Bool),
            ("created_at", Int),
            ("items", Bytes),
            ("engraving", Bytes),
            ("payment", Bytes),
            ("note", Bytes),
            ("held_until", Text),
        ],
    },
    TableSpec {
        name: "sale_corrections",
        columns: &[
            ("id", Id),
            ("purchase_id", Id),
            ("customer_id", Id),
            ("kind", Text),
            ("amount_minor", Int),
            ("created_at", Int),
            ("reason", Bytes),
        ],
    },
    TableSpec {
        name: "repairs",
        columns: &[
            ("id", Id),
            ("customer_id", Id),
            ("kind", Text),
            ("status", Text),
            ("received_on", Text),
            ("promised_on", Text),
            ("created_at", Int),
            ("item_description", Bytes),
            ("condition", Bytes),
            ("valuation", Bytes),
            ("ticket", Text),
            ("previous_status", Text),
            ("estimate", Bytes),
            ("deposit", Bytes),
            ("moved_at", Int),
        ],
    },
    TableSpec {
        name: "aml_records",
        columns: &[
            ("id", Id),
            ("customer_id", Id),
            ("transaction_date", Text),
            ("retention_ends", Text),
            ("created_at", Int),
            ("document_type", Bytes),
            ("document_number", Bytes),
            ("document_country", Bytes),
            ("verified_by", Bytes),
            ("transaction_reference", Bytes),
            ("holder_name", Bytes),
            ("holder_birth_date", Bytes),
        ],
    },
    TableSpec { name: "aml_checked_sales", columns: &[("purchase_id", Id), ("aml_record_id", Id)] },
    TableSpec {
        name: "customer_reviews",
        columns: &[("customer_id", Id), ("keep_until", Text), ("decided_by", Text), ("decided_at", Int), ("reason", Bytes)],
    },
    TableSpec {
        name: "audit_events",
        columns: &[
            ("seq", Int),
            ("at_unix_micros", Int),
            ("actor_kind", Text),
            ("actor_name", Text),
            ("action", Text),
            ("target_kind", Text),
            ("target_id", Id),
            ("categories", Text),
            ("purpose", Text),
            ("client_addr", Text),
            ("outcome", Text),
            ("detail", Text),
        ],
    },
    TableSpec { name: "audit_tree", columns: &[("level", Int), ("idx", Int), ("hash", Bytes)] },
    TableSpec { name: "audit_frontier", columns: &[("singleton", Int), ("size", Int), ("peaks", Bytes)] },
    TableSpec { name: "audit_checkpoints", columns: &[("size", Int), ("root", Bytes), ("at_unix_micros", Int), ("note", Text)] },
    TableSpec {
        name: "staff",
        columns: &[
            ("id", Id),
            ("username", Text),
            ("role", Text),
            ("disabled", Bool),
            ("password_hash", Text),
            ("password_changed_at", Int),
            ("must_change_password", Bool),
            ("enrolment_code_hash", Bytes),
            ("enrolment_expires_at", Int),
            ("totp_secret", Bytes),
            ("totp_pending", Bytes),
            ("passkeys", Text),
            ("totp_last_step", Int),
            ("failed_logins", Int),
            ("last_failed_at", Int),
            ("locked_at", Int),
            ("created_at", Int),
            ("language", Text),
            ("row_mac", Bytes),
            ("session_epoch", Int),
        ],
    },
    TableSpec { name: "staff_recovery_codes", columns: &[("staff_id", Id), ("code_hash", Bytes), ("used_at", Int)] },
    TableSpec {
        name: "api_tokens",
        columns: &[
            ("id", Id),
            ("name", Text),
            ("token_hash", Bytes),
            ("role", Text),
            ("scopes", Text),
            ("created_by", Text),
            ("created_at", Int),
            ("expires_at", Int),
            ("revoked_at", Int),
            ("last_used_at", Int),
            ("row_mac", Bytes),
        ],
    },
    TableSpec {
        name: "import_runs",
        columns: &[
            ("file_digest", Bytes),
            ("rows_total", Int),
            ("rows_done", Int),
            ("rows_imported", Int),
            ("rows_rejected", Int),
            ("rejects_bytes", Int),
            ("started_at", Int),
            ("finished_at", Int),
        ],
    },
    TableSpec { name: "upgrades", columns: &[("name", Text), ("done_at", Int)] },
    TableSpec {
        name: "incidents",
        columns: &[
            ("id", Id),
            ("kind", Text),
            ("status", Text),
            ("reported_by", Text),
            ("reported_at", Int),
            ("occurred_at", Int),
            ("updated_at", Int),
            ("severity", Bytes),
            ("summary", Bytes),
            ("became_aware_at", Int),
            ("notified_at", Int),
            ("breach", Bytes),
            ("drill", Bool),
        ],
    },
    TableSpec {
        name: "incident_tasks",
        columns: &[
            ("incident_id", Id),
            ("seq", Int),
            ("step", Text),
            ("due_at", Int),
            ("done_at", Int),
            ("done_by", Text),
            ("text", Bytes),
        ],
    },
    TableSpec {
        name: "incident_impacts",
        columns: &[
            ("incident_id", Id),
            ("seq", Int),
            ("account", Text),
            ("since", Int),
            ("until", Int),
            ("customers", Int),
            ("records_opened", Int),
            ("categories", Text),
            ("customer_ids", Bytes),
            ("created_at", Int),
        ],
    },
    TableSpec {
        name: "incident_letters",
        columns: &[
            ("incident_id", Id),
            ("seq", Int),
            ("audience", Text),
            ("language", Text),
            ("saved_by", Text),
            ("saved_at", Int),
            ("sent_at", Int),
            ("sealed", Bytes),
        ],
    },
    TableSpec { name: "playbooks", columns: &[("kind", Text), ("seq", Int), ("step", Text), ("text", Bytes), ("hours", Int)] },
    TableSpec {
        name: "privacy_requests",
        columns: &[
            ("id", Id),
            ("customer_id", Id),
            ("kind", Text),
            ("channel", Text),
            ("status", Text),
            ("received_on", Text),
            ("due_on", Text),
            ("opened_by", Text),
            ("opened_at", Int),
            ("updated_at", Int),
            ("identity_checked", Bool),
            ("closed_at", Int),
            ("sealed", Bytes),
        ],
    },
    TableSpec { name: "shop_settings", columns: &[("name", Text), ("value", Text), ("updated_at", Int)] },
    TableSpec { name: "desk_items", columns: &[("kind", Text), ("id", Id), ("body", Bytes), ("updated_at", Int)] },
    TableSpec {
        name: "shop_secrets",
        columns: &[("id", Id), ("created_at", Int), ("updated_at", Int), ("info", Bytes), ("secret", Bytes)],
    },
    TableSpec { name: "mail_settings", columns: &[("singleton", Int), ("sealed", Bytes), ("updated_at", Int)] },
    TableSpec {
        name: "mail_outbox",
        columns: &[
            ("id", Id),
            ("kind", Text),
            ("incident_id", Id),
            ("customer_id", Id),
            ("sealed", Bytes),
            ("state", Text),
            ("attempts", Int),
            ("reason", Bytes),
            ("queued_at", Int),
            ("updated_at", Int),
            ("sent_at", Int),
        ],
    },
];

/// The tables a backup leaves out, and why; the contract tests check that every table of the
/// schema is in one list or the other.
pub const NOT_BACKED_UP: &[(&str, &str)] = &[
    ("sessions", "sign-ins end with the machine they were on: a restored vault starts with nobody signed in"),
    ("idempotency_keys", "kept a day, for an API client's retry; a restored vault answers a retry as a new request"),
    ("schema_migrations", "a backup names its schema version; a restore migrates from it"),
];

/// A table or column name from a backup file, checked before it is put into SQL: lower-case
/// letters, digits and `_`, starting with a letter, at most 63 bytes (PostgreSQL's limit).
pub fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 63
        && name.as_bytes()[0].is_ascii_lowercase()
        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// The SELECT that reads a table's columns in the order of `key` (its primary key, or
/// SQLite's rowid): a restore then appends to every table's b-tree instead of inserting at
/// random places, which is what makes it fast. (Without the order SQLite may read a table
/// through a smaller covering index, in that index's order.)
pub(crate) fn select_sql(table: &str, columns: &[Column], key: &[String]) -> String {
    let names = columns.iter().map(|column| column.name.as_str()).collect::<Vec<_>>().join(", ");
    let key = key.iter().filter(|name| is_plain_name(name) || name.as_str() == "rowid").cloned().collect::<Vec<_>>();
    if key.is_empty() { format!("SELECT {names} FROM {table}") } else { format!("SELECT {names} FROM {table} ORDER BY {}", key.join(", ")) }
}

/// The column list of an INSERT or COPY into `table`.
pub(crate) fn column_list(columns: &[Column]) -> String {
    columns.iter().map(|column| column.name.as_str()).collect::<Vec<_>>().join(", ")
}

/// Refuses names that are not plain and rows that do not fit their columns, before any SQL.
pub(crate) fn check_load(table: &str, columns: &[Column], rows: &[Vec<Cell>]) -> Result<(), crate::StoreError> {
    if !is_plain_name(table) || columns.is_empty() || columns.iter().any(|column| !is_plain_name(&column.name)) {
        return Err(crate::StoreError::Conflict(format!("a backup names a table or column that is not a plain name: {table:?}")));
    }
    for row in rows {
        if row.len() != columns.len() || row.iter().zip(columns).any(|(cell, column)| !cell.fits(column.kind)) {
            return Err(crate::StoreError::Corrupt(format!("a row of {table} in the backup does not fit its columns")));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_codes_round_trip_and_names_are_plain() {
        for kind in ColumnType::ALL {
            assert_eq!(ColumnType::from_code(kind.code()), Some(kind));
        }
        assert_eq!(ColumnType::from_code(0), None);
        for table in BACKUP_TABLES {
            assert!(is_plain_name(table.name));
            assert!(table.columns.iter().all(|(name, _)| is_plain_name(name)), "{}", table.name);
        }
        for bad in ["", "1x", "Customers", "x; DROP TABLE staff", "x y", "é"] {
            assert!(!is_plain_name(bad), "{bad}");
        }
    }
}
