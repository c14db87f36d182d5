-- The shop's outgoing mail. The settings (server, account, sender, who gets the alerts, and the
-- account's password) are one value sealed under the staff-secrets key: nothing of them is
-- readable in the file. The outbox holds each message until the mail server has taken it: its
-- recipient, subject and text sealed (a customer's letter under that customer's own data key,
-- so an erasure also erases the letter still waiting; everything else under the staff-secrets
-- key), its state plain. States: queued, handing (the server has said "go ahead" for the text
-- and is being given it: after a crash such a message is not sent again, since the server may
-- have taken it), sent, failed (refused for good), cancelled. A customer gets at most one
-- letter per incident.
CREATE TABLE mail_settings (
    singleton BIGINT PRIMARY KEY CHECK (singleton = 1),
    sealed BYTEA NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE mail_outbox (
    id UUID PRIMARY KEY,
    kind TEXT NOT NULL,
    incident_id UUID,
    customer_id UUID,
    sealed BYTEA NOT NULL,
    state TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    reason BYTEA,
    queued_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    sent_at BIGINT
);
CREATE UNIQUE INDEX mail_outbox_one_letter ON mail_outbox (incident_id, customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX mail_outbox_by_state ON mail_outbox (state, queued_at);

-- An incident's letters as the owner saved or sent them, each save a new version: whom it is
-- for, its language, who saved it and when, and when it went (for the authority, each sent
-- version is a notification phase, Art. 33(4)); subject and text sealed under the incident's
-- own data key.
CREATE TABLE incident_letters (
    incident_id UUID NOT NULL,
    seq BIGINT NOT NULL,
    audience TEXT NOT NULL,
    language TEXT NOT NULL,
    saved_by TEXT NOT NULL,
    saved_at BIGINT NOT NULL,
    sent_at BIGINT,
    sealed BYTEA NOT NULL,
    PRIMARY KEY (incident_id, seq)
);

-- The shop's own response steps: a step of an incident's tasks or of a kind's playbook is a
-- built-in one (its key) or the shop's own ('own', its words sealed: under the incident's key
-- for a task, under the staff-secrets key for a playbook). A kind with rows here has the shop's
-- playbook; one without has the built-in one.
ALTER TABLE incident_tasks ADD COLUMN text BYTEA;
CREATE TABLE playbooks (
    kind TEXT NOT NULL,
    seq BIGINT NOT NULL,
    step TEXT NOT NULL,
    text BYTEA,
    hours BIGINT NOT NULL,
    PRIMARY KEY (kind, seq)
);
