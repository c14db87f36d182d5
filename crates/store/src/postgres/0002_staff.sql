-- Strongroom PostgreSQL schema, migration 2: staff accounts, their sign-in factors, sessions and API tokens.
-- Secrets are stored only as hashes (passwords: Argon2id PHC strings; codes and session ids:
-- SHA-256 of 80 to 256 random bits) or sealed (TOTP secrets, with the staff-secrets data key).

CREATE TABLE staff (
    id UUID PRIMARY KEY,
    -- Lower-cased and NFKC-normalised (domain::StaffName): one account per name however typed.
    username TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    -- NULL until the person has set a password with their enrolment code.
    password_hash TEXT,
    password_changed_at BIGINT,
    must_change_password BOOLEAN NOT NULL DEFAULT FALSE,
    enrolment_code_hash BYTEA,
    enrolment_expires_at BIGINT,
    -- AES-256-GCM-SIV under the staff-secrets key, AAD bound to (staff, column, id).
    totp_secret BYTEA,
    -- Shown at enrolment, active once the person has typed a code from it.
    totp_pending BYTEA,
    -- Passkeys and security keys (WebAuthn): a JSON list of public keys with their names and
    -- signature counters. Public keys are not secrets.
    passkeys TEXT,
    -- The replay store: a code of this 30-second step or an earlier one is refused.
    totp_last_step BIGINT,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    last_failed_at BIGINT,
    locked_at BIGINT,
    created_at BIGINT NOT NULL
);

CREATE TABLE staff_recovery_codes (
    staff_id UUID NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    code_hash BYTEA NOT NULL,
    used_at BIGINT,
    PRIMARY KEY (staff_id, code_hash)
);

CREATE TABLE sessions (
    -- SHA-256 of the cookie's 256-bit value: a stolen database holds no usable session.
    id_hash BYTEA PRIMARY KEY,
    staff_id UUID NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    second_factor_at BIGINT,
    step_up_at BIGINT,
    client_addr TEXT
);
CREATE INDEX sessions_by_staff ON sessions (staff_id);

-- API tokens for integrations (the till, the webshop): shown once, stored as SHA-256.
CREATE TABLE api_tokens (
    id UUID PRIMARY KEY,
    name TEXT NOT NULL,
    token_hash BYTEA NOT NULL UNIQUE,
    -- The creator's role when it was made; the token may do what both it and the scopes allow.
    role TEXT NOT NULL,
    scopes TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT,
    revoked_at BIGINT,
    last_used_at BIGINT
);
