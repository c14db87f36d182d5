-- Strongroom SQLite schema, migration 1: the encrypted vault and its audit trail.
-- Every BLOB column named after a personal field holds an AES-256-GCM-SIV ciphertext sealed in
-- `app`; the store never holds plaintext personal data. Times are microseconds since the epoch.

CREATE TABLE keyring_meta (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    protection TEXT NOT NULL CHECK (protection IN ('key_file', 'passphrase')),
    kdf TEXT,
    blind_index_bits INTEGER NOT NULL,
    demo INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE master_keys (
    version INTEGER PRIMARY KEY,
    wrapped BLOB NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('active', 'previous')),
    created_at INTEGER NOT NULL
);

CREATE TABLE data_keys (
    owner_kind INTEGER NOT NULL,
    owner_id BLOB NOT NULL,
    data_key_version INTEGER NOT NULL,
    master_version INTEGER NOT NULL REFERENCES master_keys (version),
    wrapped BLOB NOT NULL,
    PRIMARY KEY (owner_kind, owner_id)
) WITHOUT ROWID;
CREATE INDEX data_keys_by_master_version ON data_keys (master_version);

CREATE TABLE customers (
    id BLOB NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    name BLOB NOT NULL,
    email BLOB,
    phone BLOB,
    address BLOB,
    birth_date BLOB,
    partner BLOB,
    anniversary BLOB,
    ring_sizes BLOB,
    metal_allergies BLOB,
    style_notes BLOB,
    wish_list BLOB,
    preferred_associate BLOB,
    marketing_consent BLOB,
    notes BLOB
);

CREATE TABLE blind_index (
    index_id INTEGER NOT NULL,
    value INTEGER NOT NULL,
    customer_id BLOB NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    PRIMARY KEY (index_id, value, customer_id)
) WITHOUT ROWID;
CREATE INDEX blind_index_by_customer ON blind_index (customer_id);

CREATE TABLE purchases (
    id BLOB NOT NULL UNIQUE,
    customer_id BLOB NOT NULL REFERENCES customers (id),
    purchased_on TEXT NOT NULL,
    total_minor INTEGER NOT NULL,
    currency TEXT NOT NULL,
    paid_in_cash INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    items BLOB NOT NULL,
    engraving BLOB,
    payment BLOB
);
CREATE INDEX purchases_by_customer ON purchases (customer_id);

CREATE TABLE repairs (
    id BLOB NOT NULL UNIQUE,
    customer_id BLOB NOT NULL REFERENCES customers (id),
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    received_on TEXT NOT NULL,
    promised_on TEXT,
    created_at INTEGER NOT NULL,
    item_description BLOB NOT NULL,
    condition BLOB,
    valuation BLOB
);
CREATE INDEX repairs_by_customer ON repairs (customer_id);

CREATE TABLE aml_records (
    id BLOB NOT NULL UNIQUE,
    customer_id BLOB NOT NULL REFERENCES customers (id),
    transaction_date TEXT NOT NULL,
    retention_ends TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    document_type BLOB NOT NULL,
    document_number BLOB NOT NULL,
    document_country BLOB NOT NULL,
    verified_by BLOB NOT NULL,
    transaction_reference BLOB NOT NULL
);
CREATE INDEX aml_records_by_customer ON aml_records (customer_id);

-- Append-only: sequence numbers are contiguous from 0 (the Merkle log's leaf indexes).
CREATE TABLE audit_events (
    seq INTEGER PRIMARY KEY,
    at_unix_micros INTEGER NOT NULL,
    actor_kind TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    action TEXT NOT NULL,
    target_kind TEXT,
    target_id BLOB,
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
    file_digest BLOB PRIMARY KEY,
    rows_total INTEGER NOT NULL,
    rows_done INTEGER NOT NULL,
    rows_imported INTEGER NOT NULL,
    rows_rejected INTEGER NOT NULL,
    rejects_bytes INTEGER NOT NULL,
    started_at INTEGER NOT NULL,
    finished_at INTEGER
);

-- The audit trail as an RFC 6962 Merkle tree, written in the same transaction as each event.
-- The hashes are unkeyed: whoever rewrites events can rewrite them too, so it is the signed
-- checkpoints (and the copies the owner keeps elsewhere) that make a rewrite detectable.

-- The root of every perfect subtree: level 0 is each event's leaf hash, level L index I covers
-- events I * 2^L .. (I + 1) * 2^L. Inclusion and consistency proofs are read from here.
CREATE TABLE audit_tree (
    level INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    hash BLOB NOT NULL,
    PRIMARY KEY (level, idx)
) WITHOUT ROWID;

-- The right edge of the tree: how many events it holds, and its peaks (32 bytes each).
CREATE TABLE audit_frontier (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    size INTEGER NOT NULL,
    peaks BLOB NOT NULL
);

-- Signed checkpoints (C2SP tlog-checkpoint signed notes) of the tree at a size.
CREATE TABLE audit_checkpoints (
    size INTEGER PRIMARY KEY,
    root BLOB NOT NULL,
    at_unix_micros INTEGER NOT NULL,
    note TEXT NOT NULL
);
