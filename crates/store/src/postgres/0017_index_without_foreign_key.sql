-- The blind index without its foreign key (issue 18, ADR 0003): every entry an import wrote had
-- its customer looked up. Entries still belong to customers who exist: the store writes a
-- customer's entries only together with their list in `customer_search_entries`, whose foreign
-- key checks the customer once. The cascade never ran: customer rows are never deleted (an
-- erasure leaves a tombstone). The constraint has the name PostgreSQL gave it in migration 1.
ALTER TABLE blind_index DROP CONSTRAINT IF EXISTS blind_index_customer_id_fkey;
