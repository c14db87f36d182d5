-- Strongroom PostgreSQL schema, migration 3: what the JSON API and the workshop board need.

-- Idempotency-Key (draft-ietf-httpapi-idempotency-key-header): a create sent again with the
-- same key by the same integration returns the first result instead of recording a sale twice.
-- The request is kept only as a keyed digest (HMAC-SHA-256 under a vault key), so the table
-- holds no personal data; rows are purged after a day.
CREATE TABLE idempotency_keys (
    actor TEXT NOT NULL,
    idem_key TEXT NOT NULL,
    request_digest BYTEA NOT NULL,
    -- The record the first request created.
    result_id UUID,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (actor, idem_key)
);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);

-- The workshop board lists open jobs by status, soonest promised first.
CREATE INDEX repairs_by_status ON repairs (status, promised_on);

-- The language each person's pages are shown in (en or nl), chosen on their account page.
ALTER TABLE staff ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
