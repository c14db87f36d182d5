//! PostgreSQL: aPI tokens and the idempotency keys of their creates.

use tokio_postgres::Row;
use tokio_postgres::types::ToSql;
use uuid::Uuid;

use super::{PgTx, placeholder};
use crate::rows;
use crate::sql;
use crate::tx::TokenTx;
use crate::{ApiTokenRow, IdempotencyRow, StoreError};

impl TokenTx for PgTx<'_> {
    fn insert_api_token(&mut self, row: &ApiTokenRow) -> Result<(), StoreError> {
        let statement = sql::insert("api_tokens", sql::API_TOKEN_COLUMNS, placeholder);
        self.connection.execute(&statement, &api_token_params(row, &row.token_hash.as_slice(), &row.role.as_str()))?;
        Ok(())
    }

    fn api_token_by_hash(&mut self, token_hash: &[u8; 32]) -> Result<Option<ApiTokenRow>, StoreError> {
        let statement = sql::select("api_tokens", sql::API_TOKEN_COLUMNS, "WHERE token_hash = $1 FOR UPDATE");
        self.connection.query(&statement, &[&token_hash.as_slice()])?.first().map(api_token_from).transpose()
    }

    fn api_token(&mut self, id: Uuid) -> Result<Option<ApiTokenRow>, StoreError> {
        let statement = sql::select("api_tokens", sql::API_TOKEN_COLUMNS, "WHERE id = $1 FOR UPDATE");
        self.connection.query(&statement, &[&id])?.first().map(api_token_from).transpose()
    }

    fn api_tokens(&mut self) -> Result<Vec<ApiTokenRow>, StoreError> {
        self.connection
            .query(&sql::select("api_tokens", sql::API_TOKEN_COLUMNS, "ORDER BY created_at, id"), &[])?
            .iter()
            .map(api_token_from)
            .collect()
    }

    fn update_api_token(&mut self, row: &ApiTokenRow) -> Result<(), StoreError> {
        let statement = sql::update_by_key("api_tokens", sql::API_TOKEN_COLUMNS, placeholder);
        self.connection.execute(&statement, &api_token_params(row, &row.token_hash.as_slice(), &row.role.as_str()))?;
        Ok(())
    }

    fn claim_idempotency_key(&mut self, row: &IdempotencyRow) -> Result<Option<IdempotencyRow>, StoreError> {
        // A conflicting claim by a transaction still running makes this insert wait for its end;
        // once it committed, the select (a new snapshot under READ COMMITTED) sees its row.
        let inserted = self.connection.execute(
            "INSERT INTO idempotency_keys (actor, idem_key, request_digest, result_id, created_at) VALUES ($1, $2, $3, NULL, $4)
             ON CONFLICT (actor, idem_key) DO NOTHING",
            &[&row.actor, &row.key, &row.request_digest.as_slice(), &row.created_at],
        )?;
        if inserted == 1 {
            return Ok(None);
        }
        let found = self.connection.query(
            "SELECT request_digest, result_id, created_at FROM idempotency_keys WHERE actor = $1 AND idem_key = $2",
            &[&row.actor, &row.key],
        )?;
        let found = found.first().ok_or_else(|| StoreError::Corrupt("an idempotency key vanished while claimed".into()))?;
        Ok(Some(IdempotencyRow {
            actor: row.actor.clone(),
            key: row.key.clone(),
            request_digest: rows::hash_from(found.try_get::<_, &[u8]>(0)?)?,
            result_id: found.try_get(1)?,
            created_at: found.try_get(2)?,
        }))
    }

    fn finish_idempotency_key(&mut self, actor: &str, key: &str, result_id: Uuid) -> Result<(), StoreError> {
        self.connection
            .execute("UPDATE idempotency_keys SET result_id = $1 WHERE actor = $2 AND idem_key = $3", &[&result_id, &actor, &key])?;
        Ok(())
    }

    fn purge_idempotency_keys(&mut self, created_before: i64) -> Result<u64, StoreError> {
        self.connection.execute("DELETE FROM idempotency_keys WHERE created_at < $1", &[&created_before])
    }
}

/// The columns of `sql::API_TOKEN_COLUMNS`, the hash and role as PostgreSQL types.
fn api_token_params<'a>(row: &'a ApiTokenRow, hash: &'a &'a [u8], role: &'a &'static str) -> [&'a (dyn ToSql + Sync); 11] {
    [
        &row.id,
        &row.name,
        hash,
        role,
        &row.scopes,
        &row.created_by,
        &row.created_at,
        &row.expires_at,
        &row.revoked_at,
        &row.last_used_at,
        &row.row_mac,
    ]
}

fn api_token_from(row: &Row) -> Result<ApiTokenRow, StoreError> {
    Ok(ApiTokenRow {
        id: row.try_get(0)?,
        name: row.try_get(1)?,
        token_hash: rows::hash_from(row.try_get(2)?)?,
        role: rows::role_from(row.try_get(3)?)?,
        scopes: row.try_get(4)?,
        created_by: row.try_get(5)?,
        created_at: row.try_get(6)?,
        expires_at: row.try_get(7)?,
        revoked_at: row.try_get(8)?,
        last_used_at: row.try_get(9)?,
        row_mac: row.try_get(10)?,
    })
}
