-- Strongroom SQLite schema, migration 4: rows that grant access carry a MAC.
-- Secrets that open doors (session ids, API tokens, enrolment and recovery codes) are now stored
-- as HMAC-SHA-256 under a key from the vault's keyring instead of plain SHA-256, and rows that
-- grant privilege carry an HMAC over their security fields and id (issue 11): a row written or
-- changed without the shop key matches nothing and fails its check. The `app` gate re-keys the
-- existing tokens and codes the first time it opens the vault with its key (their SHA-256 can be
-- re-keyed without knowing them); sessions simply end here.

ALTER TABLE staff ADD COLUMN row_mac BLOB;
-- How many times all the account's sessions were ended; under the session rows' MACs.
ALTER TABLE staff ADD COLUMN session_epoch INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN row_mac BLOB;
ALTER TABLE api_tokens ADD COLUMN row_mac BLOB;
DELETE FROM sessions;

-- Idempotency keys are now kept per token id, not per token name (a new token reusing a revoked
-- one's name must not get its answers); keys kept under names would never match again.
DELETE FROM idempotency_keys;
