-- Strongroom SQLite schema, migration 2: staff accounts, their sign-in factors, sessions and API tokens.
-- Secrets are stored only as hashes (passwords: Argon2id PHC strings; codes and session ids:
-- SHA-256 of 80 to 256 random bits) or sealed (TOTP secrets, with the staff-secrets data key).

CREATE TABLE staff (
    id BLOB PRIMARY KEY,
    -- Lower-cased and NFKC-normalised (domain::StaffName): one account per name however typed.
    username TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    -- NULL until the person has set a password with their enrolment code.
    password_hash TEXT,
    password_changed_at INTEGER,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    enrolment_code_hash BLOB,
    enrolment_expires_at INTEGER,
    -- AES-256-GCM-SIV under the staff-secrets key, AAD bound to (staff, column, id).
    totp_secret BLOB,
    -- Shown at enrolment, active once the person has typed a code from it.
    totp_pending BLOB,
    -- Passkeys and security keys (WebAuthn): a JSON list of public keys with their names and
    -- signature counters. Public keys are not secrets.
    passkeys TEXT,
    -- The replay store: a code of this 30-second step or an earlier one is refused.
    totp_last_step INTEGER,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    last_failed_at INTEGER,
    locked_at INTEGER,
    created_at INTEGER NOT NULL
);

CREATE TABLE staff_recovery_codes (
    staff_id BLOB NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    code_hash BLOB NOT NULL,
    used_at INTEGER,
    PRIMARY KEY (staff_id, code_hash)
) WITHOUT ROWID;

CREATE TABLE sessions (
    -- SHA-256 of the cookie's 256-bit value: a stolen database holds no usable session.
    id_hash BLOB PRIMARY KEY,
    staff_id BLOB NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    second_factor_at INTEGER,
    step_up_at INTEGER,
    client_addr TEXT
) WITHOUT ROWID;
CREATE INDEX sessions_by_staff ON sessions (staff_id);

-- API tokens for integrations (the till, the webshop): shown once, stored as SHA-256.
CREATE TABLE api_tokens (
    id BLOB PRIMARY KEY,
    name TEXT NOT NULL,
    token_hash BLOB NOT NULL UNIQUE,
    -- The creator's role when it was made; the token may do what both it and the scopes allow.
    role TEXT NOT NULL,
    scopes TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER,
    revoked_at INTEGER,
    last_used_at INTEGER
);
