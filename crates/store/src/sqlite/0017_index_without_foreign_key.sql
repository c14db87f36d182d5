-- The blind index without its foreign key (issue 18, ADR 0003). Every entry an import wrote
-- looked its customer up in the index of customer ids, eleven lookups per customer (a million-row
-- import: median 33.5 s against 39.4 s in ten pairs, alternating; less in later runs). Entries still
-- belong to customers who exist: the store writes a customer's entries only together with their
-- list in `customer_search_entries`, whose foreign key checks the customer once. The cascade
-- never ran: customer rows are never deleted (an erasure leaves a tombstone). SQLite cannot drop
-- a constraint, so the table is made again, in its key's order.
CREATE TABLE blind_index_new (
    index_id INTEGER NOT NULL,
    value INTEGER NOT NULL,
    customer_id BLOB NOT NULL,
    PRIMARY KEY (index_id, value, customer_id)
) WITHOUT ROWID;
INSERT INTO blind_index_new (index_id, value, customer_id)
    SELECT index_id, value, customer_id FROM blind_index ORDER BY index_id, value, customer_id;
DROP TABLE blind_index;
ALTER TABLE blind_index_new RENAME TO blind_index;
