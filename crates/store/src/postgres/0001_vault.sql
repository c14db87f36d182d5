-- Strongroom PostgreSQL schema, migration 1: the encrypted vault and its audit trail.
-- Every BYTEA column named after a personal field holds an AES-256-GCM-SIV ciphertext sealed in
-- `app`; the store never holds plaintext personal data. Times are microseconds since the epoch.

CREATE TABLE keyring_meta (
    singleton SMALLINT PRIMARY KEY CHECK (singleton = 1),
    protection TEXT NOT NULL CHECK (protection IN ('key_file', 'passphrase')),
    kdf TEXT,
    blind_index_bits BIGINT NOT NULL,
    demo BOOLEAN NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE master_keys (
    version BIGINT PRIMARY KEY,
    wrapped BYTEA NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('active', 'previous')),
    created_at BIGINT NOT NULL
);

CREATE TABLE data_keys (
    owner_kind SMALLINT NOT NULL,
    owner_id UUID NOT NULL,
    data_key_version BIGINT NOT NULL,
    master_version BIGINT NOT NULL REFERENCES master_keys (version),
    wrapped BYTEA NOT NULL,
    PRIMARY KEY (owner_kind, owner_id)
);
CREATE INDEX data_keys_by_master_version ON data_keys (master_version);

CREATE TABLE customers (
    id UUID PRIMARY KEY,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    name BYTEA NOT NULL,
    email BYTEA,
    phone BYTEA,
    address BYTEA,
    birth_date BYTEA,
    partner BYTEA,
    anniversary BYTEA,
    ring_sizes BYTEA,
    metal_allergies BYTEA,
    style_notes BYTEA,
    wish_list BYTEA,
    preferred_associate BYTEA,
    marketing_consent BYTEA,
    notes BYTEA
);

CREATE TABLE blind_index (
    index_id SMALLINT NOT NULL,
    value INTEGER NOT NULL,
    customer_id UUID NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    PRIMARY KEY (index_id, value, customer_id)
);
CREATE INDEX blind_index_by_customer ON blind_index (customer_id);

CREATE TABLE purchases (
    id UUID PRIMARY KEY,
    customer_id UUID NOT NULL REFERENCES customers (id),
    purchased_on TEXT NOT NULL,
    total_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    paid_in_cash BOOLEAN NOT NULL,
    created_at BIGINT NOT NULL,
    items BYTEA NOT NULL,
    engraving BYTEA,
    payment BYTEA
);
CREATE INDEX purchases_by_customer ON purchases (customer_id);

CREATE TABLE repairs (
    id UUID PRIMARY KEY,
    customer_id UUID NOT NULL REFERENCES customers (id),
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    received_on TEXT NOT NULL,
    promised_on TEXT,
    created_at BIGINT NOT NULL,
    item_description BYTEA NOT NULL,
    condition BYTEA,
    valuation BYTEA
);
CREATE INDEX repairs_by_customer ON repairs (customer_id);

CREATE TABLE aml_records (
    id UUID PRIMARY KEY,
    customer_id UUID NOT NULL REFERENCES customers (id),
    transaction_date TEXT NOT NULL,
    retention_ends TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    document_type BYTEA NOT NULL,
    document_number BYTEA NOT NULL,
    document_country BYTEA NOT NULL,
    verified_by BYTEA NOT NULL,
    transaction_reference BYTEA NOT NULL
);
CREATE INDEX aml_records_by_customer ON aml_records (customer_id);

-- Append-only: sequence numbers are contiguous from 0 (the Merkle log's leaf indexes).
CREATE TABLE audit_events (
    seq BIGINT PRIMARY KEY CHECK (seq >= 0),
    at_unix_micros BIGINT NOT NULL,
    actor_kind TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    action TEXT NOT NULL,
    target_kind TEXT,
    target_id UUID,
    categories TEXT NOT NULL,
    purpose TEXT,
    client_addr TEXT,
    outcome TEXT NOT NULL,
    detail TEXT
);
-- "Who accessed this customer" and "what did this person touch": the breach-analysis queries.
CREATE INDEX audit_events_by_target ON audit_events (target_id, seq);
CREATE INDEX audit_events_by_actor ON audit_events (actor_name, at_unix_micros);

CREATE TABLE import_runs (
    file_digest BYTEA PRIMARY KEY,
    rows_total BIGINT NOT NULL,
    rows_done BIGINT NOT NULL,
    rows_imported BIGINT NOT NULL,
    rows_rejected BIGINT NOT NULL,
    rejects_bytes BIGINT NOT NULL,
    started_at BIGINT NOT NULL,
    finished_at BIGINT
);

-- The audit trail as an RFC 6962 Merkle tree, written in the same transaction as each event.
-- The hashes are unkeyed: whoever rewrites events can rewrite them too, so it is the signed
-- checkpoints (and the copies the owner keeps elsewhere) that make a rewrite detectable.

-- The root of every perfect subtree: level 0 is each event's leaf hash, level L index I covers
-- events I * 2^L .. (I + 1) * 2^L. Inclusion and consistency proofs are read from here.
CREATE TABLE audit_tree (
    level SMALLINT NOT NULL,
    idx BIGINT NOT NULL,
    hash BYTEA NOT NULL,
    PRIMARY KEY (level, idx)
);

-- The right edge of the tree: how many events it holds, and its peaks (32 bytes each).
CREATE TABLE audit_frontier (
    singleton SMALLINT PRIMARY KEY CHECK (singleton = 1),
    size BIGINT NOT NULL,
    peaks BYTEA NOT NULL
);

-- Signed checkpoints (C2SP tlog-checkpoint signed notes) of the tree at a size.
CREATE TABLE audit_checkpoints (
    size BIGINT PRIMARY KEY,
    root BYTEA NOT NULL,
    at_unix_micros BIGINT NOT NULL,
    note TEXT NOT NULL
);
