-- Erasure with legal holds and restriction (GDPR Art. 17, 18).
-- `restricted`: the person asked that their record only be stored (Art. 18); it then opens only
-- for a legal claim. `erased_at`: when the customer was erased; the row stays as a tombstone
-- (id and dates, its sealed columns emptied, its key destroyed), so the identity records and
-- sales the law still requires keep the id they were recorded under, and the trail's events
-- keep their target.
ALTER TABLE customers ADD COLUMN restricted BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE customers ADD COLUMN erased_at BIGINT;
-- Customers are counted without the erased ones: this index finds those at once.
CREATE INDEX customers_erased ON customers (erased_at) WHERE erased_at IS NOT NULL;
-- Customers whose key was destroyed before this migration were erased then: marked so.
UPDATE customers SET erased_at = updated_at
WHERE NOT EXISTS (SELECT 1 FROM data_keys k WHERE k.owner_kind = 1 AND k.owner_id = customers.id);

-- A sale of an erased customer kept for the tax authority: `held_until` is the last day it is
-- kept (YYYY-MM-DD); its items and payment reference are sealed again under a key of its own
-- (data_keys, owner kind 8), its engraving and note dropped. NULL for every other sale.
ALTER TABLE purchases ADD COLUMN held_until TEXT;
CREATE INDEX purchases_held ON purchases (held_until) WHERE held_until IS NOT NULL;

-- The person an identity record is about (name, date of birth when known), sealed under the
-- record's own key like its other fields, so it still says who it was about after the
-- customer's erasure, for as long as the law keeps it.
ALTER TABLE aml_records ADD COLUMN holder_name BYTEA;
ALTER TABLE aml_records ADD COLUMN holder_birth_date BYTEA;

-- Customers kept after a review of those with nothing for years: until when (YYYY-MM-DD), who
-- decided and when, plain; the reason sealed under the customer's own key (an erasure erases it).
CREATE TABLE customer_reviews (
    customer_id UUID PRIMARY KEY,
    keep_until TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    decided_at BIGINT NOT NULL,
    reason BYTEA NOT NULL
);
