-- The incident register: what went wrong, reported by anyone on the staff. The reporter's own
-- words may name a customer, so the summary is sealed under the incident's own data key (in
-- data_keys, owner kind 6); kind, status, times and the reporter's account name are plain, so
-- the register and the start page need no key. A severity assessment is six numbers in
-- quarters (ENISA's DPC, EI, the three losses, malicious intent). A personal-data breach keeps
-- its 72-hour clock plain (when the shop became aware, when the authority was told) and its
-- details sealed under the incident's key.
CREATE TABLE incidents (
    id BLOB NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    reported_by TEXT NOT NULL,
    reported_at INTEGER NOT NULL,
    occurred_at INTEGER,
    updated_at INTEGER NOT NULL,
    severity BLOB,
    summary BLOB NOT NULL,
    became_aware_at INTEGER,
    notified_at INTEGER,
    breach BLOB
);
CREATE INDEX incidents_by_status ON incidents (status, reported_at);
