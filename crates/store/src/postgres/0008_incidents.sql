-- The incident register: what went wrong, reported by anyone on the staff. The reporter's own
-- words may name a customer, so the summary is sealed under the incident's own data key (in
-- data_keys, owner kind 6); kind, status, times and the reporter's account name are plain, so
-- the register and the start page need no key. A severity assessment is six numbers in
-- quarters (ENISA's DPC, EI, the three losses, malicious intent). A personal-data breach keeps
-- its 72-hour clock plain (when the shop became aware, when the authority was told) and its
-- details sealed under the incident's key. A drill is a made-up incident to practise the
-- response: it never counts as a real breach.
CREATE TABLE incidents (
    id UUID PRIMARY KEY,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    reported_by TEXT NOT NULL,
    reported_at BIGINT NOT NULL,
    occurred_at BIGINT,
    updated_at BIGINT NOT NULL,
    severity BYTEA,
    summary BYTEA NOT NULL,
    became_aware_at BIGINT,
    notified_at BIGINT,
    breach BYTEA,
    drill BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX incidents_by_status ON incidents (status, reported_at);

-- Evidence of a breach's reach from the audit trail: for one account and a time window, the
-- customers it read or changed (their ids, 16 bytes each, nothing personal) and how many per
-- data category.
CREATE TABLE incident_impacts (
    incident_id UUID NOT NULL,
    seq BIGINT NOT NULL,
    account TEXT NOT NULL,
    since BIGINT NOT NULL,
    until BIGINT NOT NULL,
    customers BIGINT NOT NULL,
    records_opened BIGINT NOT NULL,
    categories TEXT NOT NULL,
    customer_ids BYTEA NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (incident_id, seq)
);

-- An incident's response steps from its kind's playbook (keys, nothing personal), each with
-- when it is due and who did it when.
CREATE TABLE incident_tasks (
    incident_id UUID NOT NULL,
    seq BIGINT NOT NULL,
    step TEXT NOT NULL,
    due_at BIGINT NOT NULL,
    done_at BIGINT,
    done_by TEXT,
    PRIMARY KEY (incident_id, seq)
);
