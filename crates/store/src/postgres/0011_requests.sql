-- Customers' requests under the GDPR (access, erasure, ...). The customer's id, the kind, the
-- channel, the status and the dates (YYYY-MM-DD, the shop's calendar) are plain, so the
-- register and the start page's deadlines need no key, nor does whether the person's identity
-- was checked (the register shows it without opening anything). What was written about it (how the
-- person's identity was checked, why it was extended, the reply) is one JSON value sealed under
-- the request's own data key (data_keys, owner kind 7): it outlives an erasure of the customer,
-- so the shop can show it handled the request.
CREATE TABLE privacy_requests (
    id UUID PRIMARY KEY,
    customer_id UUID NOT NULL,
    kind TEXT NOT NULL,
    channel TEXT NOT NULL,
    status TEXT NOT NULL,
    received_on TEXT NOT NULL,
    due_on TEXT NOT NULL,
    opened_by TEXT NOT NULL,
    opened_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    identity_checked BOOLEAN NOT NULL DEFAULT FALSE,
    closed_at BIGINT,
    sealed BYTEA NOT NULL
);
CREATE INDEX privacy_requests_by_due ON privacy_requests (status, due_on);
CREATE INDEX privacy_requests_by_customer ON privacy_requests (customer_id);
