-- Each customer's own search entries, listed in their row (issue 18, ADR 0003): six bytes each,
-- the index id then the value, big-endian (the value as the unsigned number it is; the column
-- holds it as a signed integer). The list finds a customer's entries when their record changes
-- or is erased, each by its key, and replaces the index of `blind_index` by customer, which cost
-- every import a second copy of every entry. The foreign key stays; customer rows are never
-- deleted (an erasure leaves a tombstone), so its cascade never has to search.
ALTER TABLE customers ADD COLUMN search_entries BYTEA;
UPDATE customers c SET search_entries = (
    SELECT decode(
        string_agg(lpad(to_hex(b.index_id::integer), 4, '0') || lpad(to_hex(b.value), 8, '0'), ''
                   ORDER BY b.index_id, b.value::bigint & 4294967295),
        'hex')
    FROM blind_index b
    WHERE b.customer_id = c.id
);
DROP INDEX blind_index_by_customer;
