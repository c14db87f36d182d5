//! PostgreSQL: every table read as typed cells for a backup, and an empty database filled by a
//! restore (with binary COPY, one round trip per batch).

use std::error::Error;

use futures_util::StreamExt;
use tokio_postgres::binary_copy::BinaryCopyInWriter;
use tokio_postgres::types::{FromSql, IsNull, ToSql, Type, to_sql_checked};
use uuid::Uuid;

use super::{PgTx, migrate_steps};
use crate::StoreError;
use crate::backup::{Cell, Column, SchemaTables, check_load, column_list, select_sql};
use crate::tx::BackupTx;

type BoxError = Box<dyn Error + Sync + Send>;

impl ToSql for Cell {
    fn to_sql(&self, ty: &Type, out: &mut tokio_postgres::types::private::BytesMut) -> Result<IsNull, BoxError> {
        match self {
            Cell::Null => Ok(IsNull::Yes),
            Cell::Int(value) => match *ty {
                Type::INT2 => i16::try_from(*value)?.to_sql(ty, out),
                Type::INT4 => i32::try_from(*value)?.to_sql(ty, out),
                _ => value.to_sql(ty, out),
            },
            Cell::Bool(value) => value.to_sql(ty, out),
            Cell::Text(text) => text.as_str().to_sql(ty, out),
            Cell::Bytes(bytes) => bytes.as_slice().to_sql(ty, out),
            Cell::Uuid(id) => id.to_sql(ty, out),
        }
    }

    fn accepts(ty: &Type) -> bool {
        [Type::INT2, Type::INT4, Type::INT8, Type::BOOL, Type::TEXT, Type::VARCHAR, Type::BYTEA, Type::UUID].contains(ty)
    }

    to_sql_checked!();
}

impl<'a> FromSql<'a> for Cell {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<Cell, BoxError> {
        Ok(match *ty {
            Type::INT2 => Cell::Int(i64::from(i16::from_sql(ty, raw)?)),
            Type::INT4 => Cell::Int(i64::from(i32::from_sql(ty, raw)?)),
            Type::INT8 => Cell::Int(i64::from_sql(ty, raw)?),
            Type::BOOL => Cell::Bool(bool::from_sql(ty, raw)?),
            Type::BYTEA => Cell::Bytes(Vec::<u8>::from_sql(ty, raw)?),
            Type::UUID => Cell::Uuid(Uuid::from_sql(ty, raw)?),
            _ => Cell::Text(String::from_sql(ty, raw)?),
        })
    }

    fn from_sql_null(_: &Type) -> Result<Cell, BoxError> {
        Ok(Cell::Null)
    }

    fn accepts(ty: &Type) -> bool {
        <Cell as ToSql>::accepts(ty)
    }
}

impl BackupTx for PgTx<'_> {
    fn schema_version(&mut self) -> Result<u32, StoreError> {
        let exists: bool = self.connection.query("SELECT to_regclass('schema_migrations') IS NOT NULL", &[])?[0].try_get(0)?;
        if !exists {
            return Ok(0);
        }
        let version: i64 = self.connection.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", &[])?[0].try_get(0)?;
        u32::try_from(version).map_err(|_| StoreError::Corrupt("the schema version is out of range".into()))
    }

    fn migrate_to(&mut self, version: u32) -> Result<(), StoreError> {
        migrate_steps(&mut self.connection, version)
    }

    fn dump_table(
        &mut self,
        table: &str,
        columns: &[Column],
        row: &mut dyn FnMut(Vec<Cell>) -> Result<(), StoreError>,
    ) -> Result<u64, StoreError> {
        check_load(table, columns, &[])?;
        // The primary key's columns in order: a restore then appends to every b-tree.
        let key = self
            .connection
            .query(
                "SELECT a.attname::text FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                 WHERE i.indrelid = $1::text::regclass AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)",
                &[&table],
            )?
            .iter()
            .map(|row| row.get::<_, String>(0))
            .collect::<Vec<_>>();
        let statement = self.connection.statement(&select_sql(table, columns, &key))?;
        let link = self.connection.link();
        // Streamed: a table of a million rows is never in memory at once.
        let mut rows = std::pin::pin!(link.runtime.block_on(link.client.query_raw(&statement, std::iter::empty::<&(dyn ToSql + Sync)>()))?);
        let mut count = 0;
        while let Some(stored) = link.runtime.block_on(rows.next()).transpose()? {
            let mut cells = Vec::with_capacity(columns.len());
            for (index, column) in columns.iter().enumerate() {
                let value: Cell = stored.try_get(index)?;
                if !value.fits(column.kind) {
                    return Err(StoreError::Corrupt(format!("{table}.{} holds a value of the wrong kind", column.name)));
                }
                cells.push(value);
            }
            row(cells)?;
            count += 1;
        }
        Ok(count)
    }

    fn load_rows(&mut self, table: &str, columns: &[Column], rows: &[Vec<Cell>]) -> Result<(), StoreError> {
        check_load(table, columns, rows)?;
        if rows.is_empty() {
            return Ok(());
        }
        let names = column_list(columns);
        // The column types as the database has them (smallint, bigint, …), for binary COPY.
        let types: Vec<Type> = self
            .connection
            .statement(&format!("SELECT {names} FROM {table} LIMIT 0"))?
            .columns()
            .iter()
            .map(|c| c.type_().clone())
            .collect();
        let client = &self.connection.link().client;
        self.connection.wait(|| async {
            let sink = client.copy_in(&format!("COPY {table} ({names}) FROM STDIN BINARY")).await?;
            let mut writer = std::pin::pin!(BinaryCopyInWriter::new(sink, &types));
            for row in rows {
                let values: Vec<&(dyn ToSql + Sync)> = row.iter().map(|cell| cell as &(dyn ToSql + Sync)).collect();
                writer.as_mut().write(&values).await?;
            }
            writer.finish().await
        })?;
        Ok(())
    }

    fn suspend_indexes(&mut self) -> Result<Vec<String>, StoreError> {
        // Not those behind a primary key or a unique constraint: they belong to their table.
        let rows = self.connection.query(
            "SELECT indexname::text, indexdef FROM pg_indexes WHERE schemaname = current_schema()
             AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE connamespace = current_schema()::regnamespace)",
            &[],
        )?;
        let mut statements = Vec::with_capacity(rows.len());
        for row in rows {
            let (name, definition): (String, String) = (row.try_get(0)?, row.try_get(1)?);
            self.connection.batch_execute(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
            statements.push(definition);
        }
        Ok(statements)
    }

    fn resume_indexes(&mut self, statements: &[String]) -> Result<(), StoreError> {
        for statement in statements {
            self.connection.batch_execute(statement)?;
        }
        Ok(())
    }

    fn table_columns(&mut self) -> Result<SchemaTables, StoreError> {
        let rows = self.connection.query(
            "SELECT c.table_name::text, c.column_name::text, c.data_type::text FROM information_schema.columns c
             JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
             WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
             ORDER BY c.table_name, c.ordinal_position",
            &[],
        )?;
        let mut found: SchemaTables = Vec::new();
        for row in rows {
            let (table, column, kind): (String, String, String) = (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
            match found.last_mut() {
                Some((last, columns)) if *last == table => columns.push((column, kind)),
                _ => found.push((table, vec![(column, kind)])),
            }
        }
        Ok(found)
    }
}
