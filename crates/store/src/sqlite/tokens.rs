//! SQLite: aPI tokens and the idempotency keys of their creates.

use std::ops::DerefMut;

use rusqlite::{Connection, OptionalExtension, Row, params};
use uuid::Uuid;

use super::{SqliteTx, placeholder, uuid_from};
use crate::rows;
use crate::sql;
use crate::tx::TokenTx;
use crate::{ApiTokenRow, IdempotencyRow, StoreError};

impl<C: DerefMut<Target = Connection>> TokenTx for SqliteTx<'_, C> {
    fn insert_api_token(&mut self, row: &ApiTokenRow) -> Result<(), StoreError> {
        let statement = sql::insert("api_tokens", sql::API_TOKEN_COLUMNS, placeholder);
        self.connection.prepare_cached(&statement)?.execute(rusqlite::params_from_iter(api_token_params(row)))?;
        Ok(())
    }

    fn api_token_by_hash(&mut self, token_hash: &[u8; 32]) -> Result<Option<ApiTokenRow>, StoreError> {
        let statement = sql::select("api_tokens", sql::API_TOKEN_COLUMNS, "WHERE token_hash = ?1");
        Ok(self.query_rows(&statement, [token_hash.as_slice()], api_token_from)?.pop())
    }

    fn api_token(&mut self, id: Uuid) -> Result<Option<ApiTokenRow>, StoreError> {
        let statement = sql::select("api_tokens", sql::API_TOKEN_COLUMNS, "WHERE id = ?1");
        Ok(self.query_rows(&statement, [id.as_bytes().as_slice()], api_token_from)?.pop())
    }

    fn api_tokens(&mut self) -> Result<Vec<ApiTokenRow>, StoreError> {
        self.query_rows(&sql::select("api_tokens", sql::API_TOKEN_COLUMNS, "ORDER BY created_at, id"), [], api_token_from)
    }

    fn update_api_token(&mut self, row: &ApiTokenRow) -> Result<(), StoreError> {
        let statement = sql::update_by_key("api_tokens", sql::API_TOKEN_COLUMNS, placeholder);
        self.connection.prepare_cached(&statement)?.execute(rusqlite::params_from_iter(api_token_params(row)))?;
        Ok(())
    }

    fn claim_idempotency_key(&mut self, row: &IdempotencyRow) -> Result<Option<IdempotencyRow>, StoreError> {
        // Every transaction here is BEGIN IMMEDIATE, so nobody else claims between the two statements.
        let existing = self
            .connection
            .query_row(
                "SELECT request_digest, result_id, created_at FROM idempotency_keys WHERE actor = ?1 AND idem_key = ?2",
                params![row.actor, row.key],
                |found| Ok((found.get::<_, Vec<u8>>(0)?, found.get::<_, Option<Vec<u8>>>(1)?, found.get::<_, i64>(2)?)),
            )
            .optional()?;
        if let Some((digest, result_id, created_at)) = existing {
            return Ok(Some(IdempotencyRow {
                actor: row.actor.clone(),
                key: row.key.clone(),
                request_digest: rows::hash_from(&digest)?,
                result_id: result_id.map(uuid_from).transpose()?,
                created_at,
            }));
        }
        self.connection.execute(
            "INSERT INTO idempotency_keys (actor, idem_key, request_digest, result_id, created_at) VALUES (?1, ?2, ?3, NULL, ?4)",
            params![row.actor, row.key, row.request_digest.as_slice(), row.created_at],
        )?;
        Ok(None)
    }

    fn finish_idempotency_key(&mut self, actor: &str, key: &str, result_id: Uuid) -> Result<(), StoreError> {
        self.connection.execute(
            "UPDATE idempotency_keys SET result_id = ?1 WHERE actor = ?2 AND idem_key = ?3",
            params![result_id.as_bytes(), actor, key],
        )?;
        Ok(())
    }

    fn purge_idempotency_keys(&mut self, created_before: i64) -> Result<u64, StoreError> {
        Ok(self.connection.execute("DELETE FROM idempotency_keys WHERE created_at < ?1", [created_before])? as u64)
    }
}

fn api_token_params(row: &ApiTokenRow) -> Vec<Box<dyn rusqlite::ToSql + '_>> {
    vec![
        Box::new(row.id.as_bytes().as_slice()),
        Box::new(row.name.as_str()),
        Box::new(row.token_hash.as_slice()),
        Box::new(row.role.as_str()),
        Box::new(row.scopes.as_str()),
        Box::new(row.created_by.as_str()),
        Box::new(row.created_at),
        Box::new(row.expires_at),
        Box::new(row.revoked_at),
        Box::new(row.last_used_at),
        Box::new(row.row_mac.as_deref()),
    ]
}

fn api_token_from(row: &Row<'_>) -> Result<ApiTokenRow, StoreError> {
    Ok(ApiTokenRow {
        id: uuid_from(row.get(0)?)?,
        name: row.get(1)?,
        token_hash: rows::hash_from(&row.get::<_, Vec<u8>>(2)?)?,
        role: rows::role_from(&row.get::<_, String>(3)?)?,
        scopes: row.get(4)?,
        created_by: row.get(5)?,
        created_at: row.get(6)?,
        expires_at: row.get(7)?,
        revoked_at: row.get(8)?,
        last_used_at: row.get(9)?,
        row_mac: row.get(10)?,
    })
}
