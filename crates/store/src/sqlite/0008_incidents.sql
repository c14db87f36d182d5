-- The incident register: what went wrong, reported by anyone on the staff. The reporter's own
-- words may name a customer, so the summary is sealed under the incident's own data key (in
-- data_keys, owner kind 6); kind, status, times and the reporter's account name are plain, so
-- the register and the start page need no key. A severity assessment is six numbers in
-- quarters (ENISA's DPC, EI, the three losses, malicious intent). A personal-data breach keeps
-- its 72-hour clock plain (when the shop became aware, when the authority was told) and its
-- details sealed under the incident's key. A drill is a made-up incident to practise the
-- response: it never counts as a real breach.
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
    breach BLOB,
    drill INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX incidents_by_status ON incidents (status, reported_at);

-- Evidence of a breach's reach from the audit trail: for one account and a time window, the
-- customers it read or changed (their ids, 16 bytes each, nothing personal) and how many per
-- data category.
CREATE TABLE incident_impacts (
    incident_id BLOB NOT NULL,
    seq INTEGER NOT NULL,
    account TEXT NOT NULL,
    since INTEGER NOT NULL,
    until INTEGER NOT NULL,
    customers INTEGER NOT NULL,
    records_opened INTEGER NOT NULL,
    categories TEXT NOT NULL,
    customer_ids BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (incident_id, seq)
);

-- An incident's response steps from its kind's playbook (keys, nothing personal), each with
-- when it is due and who did it when.
CREATE TABLE incident_tasks (
    incident_id BLOB NOT NULL,
    seq INTEGER NOT NULL,
    step TEXT NOT NULL,
    due_at INTEGER NOT NULL,
    done_at INTEGER,
    done_by TEXT,
    PRIMARY KEY (incident_id, seq)
);
