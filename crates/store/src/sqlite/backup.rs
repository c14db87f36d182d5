//! SQLite: every table read as typed cells for a backup, and an empty database filled by a
//! restore.

use std::ops::DerefMut;

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, ToSql};
use uuid::Uuid;

use super::{SqliteTx, migrate_steps};
use crate::StoreError;
use crate::backup::{Cell, Column, ColumnType, SchemaTables, check_load, column_list, select_sql};
use crate::tx::BackupTx;

impl ToSql for Cell {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Cell::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Cell::Int(value) => ToSqlOutput::Borrowed(ValueRef::Integer(*value)),
            Cell::Bool(value) => ToSqlOutput::Borrowed(ValueRef::Integer(i64::from(*value))),
            Cell::Text(text) => ToSqlOutput::Borrowed(ValueRef::Text(text.as_bytes())),
            Cell::Bytes(bytes) => ToSqlOutput::Borrowed(ValueRef::Blob(bytes)),
            Cell::Uuid(id) => ToSqlOutput::Borrowed(ValueRef::Blob(id.as_bytes())),
        })
    }
}

/// A stored value as the cell its column's type says it is; anything else is damage.
fn cell(table: &str, column: &Column, value: ValueRef<'_>) -> Result<Cell, StoreError> {
    let wrong = || StoreError::Corrupt(format!("{table}.{} holds a value of the wrong kind", column.name));
    Ok(match (column.kind, value) {
        (_, ValueRef::Null) => Cell::Null,
        (ColumnType::Int, ValueRef::Integer(value)) => Cell::Int(value),
        (ColumnType::Bool, ValueRef::Integer(value)) => Cell::Bool(value != 0),
        (ColumnType::Text, ValueRef::Text(text)) => Cell::Text(String::from_utf8(text.to_vec()).map_err(|_| wrong())?),
        (ColumnType::Bytes, ValueRef::Blob(bytes)) => Cell::Bytes(bytes.to_vec()),
        (ColumnType::Uuid, ValueRef::Blob(bytes)) => Cell::Uuid(Uuid::from_slice(bytes).map_err(|_| wrong())?),
        _ => return Err(wrong()),
    })
}

impl<C: DerefMut<Target = Connection>> BackupTx for SqliteTx<'_, C> {
    fn schema_version(&mut self) -> Result<u32, StoreError> {
        let exists: bool = self.connection.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations')",
            [],
            |row| row.get(0),
        )?;
        if !exists {
            return Ok(0);
        }
        let version: i64 = self.connection.query_row("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", [], |row| row.get(0))?;
        u32::try_from(version).map_err(|_| StoreError::Corrupt("the schema version is out of range".into()))
    }

    fn migrate_to(&mut self, version: u32) -> Result<(), StoreError> {
        migrate_steps(&self.connection, version)
    }

    fn dump_table(
        &mut self,
        table: &str,
        columns: &[Column],
        row: &mut dyn FnMut(Vec<Cell>) -> Result<(), StoreError>,
    ) -> Result<u64, StoreError> {
        check_load(table, columns, &[])?;
        let key = key_order(&self.connection, table)?;
        let mut statement = self.connection.prepare(&select_sql(table, columns, &key))?;
        let mut rows = statement.query([])?;
        let mut count = 0;
        while let Some(stored) = rows.next()? {
            let cells =
                columns.iter().enumerate().map(|(index, column)| cell(table, column, stored.get_ref(index)?)).collect::<Result<_, _>>()?;
            row(cells)?;
            count += 1;
        }
        Ok(count)
    }

    fn load_rows(&mut self, table: &str, columns: &[Column], rows: &[Vec<Cell>]) -> Result<(), StoreError> {
        check_load(table, columns, rows)?;
        let placeholders = (1..=columns.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
        let sql = format!("INSERT INTO {table} ({}) VALUES ({placeholders})", column_list(columns));
        let mut statement = self.connection.prepare_cached(&sql)?;
        for row in rows {
            statement.execute(rusqlite::params_from_iter(row.iter()))?;
        }
        Ok(())
    }

    fn suspend_indexes(&mut self) -> Result<Vec<String>, StoreError> {
        let indexes = self.query_rows("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL", [], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })?;
        for (name, _) in &indexes {
            self.connection.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
        }
        Ok(indexes.into_iter().map(|(_, sql)| sql).collect())
    }

    fn resume_indexes(&mut self, statements: &[String]) -> Result<(), StoreError> {
        for statement in statements {
            self.connection.execute_batch(statement)?;
        }
        Ok(())
    }

    fn table_columns(&mut self) -> Result<SchemaTables, StoreError> {
        let tables =
            self.query_rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", [], |row| Ok(row.get::<_, String>(0)?))?;
        let mut found = Vec::new();
        for table in tables {
            let columns = self.query_rows("SELECT name, type FROM pragma_table_info(?1) ORDER BY cid", [&table], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
            })?;
            found.push((table, columns));
        }
        Ok(found)
    }
}

/// The order a dump reads `table` in: its primary key when the table has no rowid, else the
/// rowid (the order its rows were inserted in).
fn key_order(connection: &Connection, table: &str) -> Result<Vec<String>, StoreError> {
    let without_rowid: bool =
        connection.query_row("SELECT wr FROM pragma_table_list WHERE schema = 'main' AND name = ?1", [table], |row| row.get(0))?;
    if !without_rowid {
        return Ok(vec!["rowid".to_owned()]);
    }
    let mut statement = connection.prepare("SELECT name FROM pragma_table_info(?1) WHERE pk > 0 ORDER BY pk")?;
    let names = statement.query_map([table], |row| row.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
    Ok(names)
}
