-- Each customer's own search entries, listed in their row (issue 18, ADR 0003): six bytes each,
-- the index id then the value, big-endian. The list finds a customer's entries when their record
-- changes or is erased, each by its key, and replaces the index of `blind_index` by customer,
-- which cost every import a second copy of every entry. The foreign key stays; customer rows
-- are never deleted (an erasure leaves a tombstone), so its cascade never has to search.
ALTER TABLE customers ADD COLUMN search_entries BLOB;
UPDATE customers SET search_entries = (
    SELECT unhex(group_concat(printf('%04X%08X', b.index_id, b.value), '' ORDER BY b.index_id, b.value))
    FROM blind_index b
    WHERE b.customer_id = customers.id
);
DROP INDEX blind_index_by_customer;
