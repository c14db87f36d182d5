-- Strongroom SQLite schema, migration 6: sales that can be corrected (issue 12).
-- A sale may carry a note for the shop (sealed like its other fields), and is corrected, never
-- changed or deleted: a void or a refund is a row of its own, with the amount it took off the
-- sale in the clear (the till needs no keys to add it up) and its reason sealed with the
-- customer's data key, so erasing the customer erases the reason with the sale. An identity check
-- recorded for a sale is linked to it (ids only), so the start page can list the cash sales over
-- the threshold still missing theirs without opening any record.

ALTER TABLE purchases ADD COLUMN note BLOB;

CREATE TABLE sale_corrections (
    id BLOB NOT NULL UNIQUE,
    purchase_id BLOB NOT NULL REFERENCES purchases (id),
    customer_id BLOB NOT NULL REFERENCES customers (id),
    kind TEXT NOT NULL CHECK (kind IN ('void', 'refund')),
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    created_at INTEGER NOT NULL,
    reason BLOB NOT NULL
);
CREATE INDEX sale_corrections_by_customer ON sale_corrections (customer_id);
CREATE INDEX sale_corrections_by_purchase ON sale_corrections (purchase_id);

CREATE TABLE aml_checked_sales (
    purchase_id BLOB NOT NULL PRIMARY KEY REFERENCES purchases (id),
    aml_record_id BLOB NOT NULL REFERENCES aml_records (id)
);
