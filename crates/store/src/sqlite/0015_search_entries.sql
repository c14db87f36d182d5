-- Each customer's own search entries, listed in one row of their own (issue 18, ADR 0003): six
-- bytes each, the index id then the value, big-endian. The list finds a customer's entries when
-- their record changes or is erased, each by its key, and replaces the index of `blind_index` by
-- customer, which cost every import a second copy of every entry. It is not a column of
-- `customers`: a fifth more bytes in the row every read opens made the API's reads slower. The
-- foreign key of `blind_index` stays; customer rows are never deleted (an erasure leaves a
-- tombstone), so its cascade never has to search.
CREATE TABLE customer_search_entries (
    customer_id BLOB PRIMARY KEY REFERENCES customers (id),
    entries BLOB NOT NULL
) WITHOUT ROWID;
INSERT INTO customer_search_entries (customer_id, entries)
    SELECT customer_id, unhex(group_concat(printf('%04X%08X', index_id, value), '' ORDER BY index_id, value))
    FROM blind_index
    GROUP BY customer_id
    ORDER BY customer_id;
DROP INDEX blind_index_by_customer;
