-- Strongroom SQLite schema, migration 5: the workshop board and finding people (issue 12).
-- Every job gets a ticket code (R-2412-037: kind, year and month taken in, number in that month),
-- the jobs already there numbered in the order they were taken in; a move keeps the status it
-- came from, so a wrong move can be undone, and when it happened, so the board can show what was
-- collected today. A job taken in may carry a price estimate and a deposit, sealed like its other
-- fields.

ALTER TABLE repairs ADD COLUMN ticket TEXT;
ALTER TABLE repairs ADD COLUMN previous_status TEXT;
ALTER TABLE repairs ADD COLUMN estimate BLOB;
ALTER TABLE repairs ADD COLUMN deposit BLOB;
ALTER TABLE repairs ADD COLUMN moved_at INTEGER;

UPDATE repairs SET ticket = (
    SELECT numbered.letter || '-' || substr(numbered.received_on, 3, 2) || substr(numbered.received_on, 6, 2) || '-'
           || printf('%03d', numbered.n)
    FROM (
        SELECT id, received_on,
               CASE kind WHEN 'repair' THEN 'R' WHEN 'appraisal' THEN 'A' ELSE 'O' END AS letter,
               ROW_NUMBER() OVER (PARTITION BY kind, substr(received_on, 1, 7) ORDER BY created_at, id) AS n
        FROM repairs
    ) AS numbered
    WHERE numbered.id = repairs.id
);

CREATE UNIQUE INDEX repairs_by_ticket ON repairs (ticket);
CREATE INDEX repairs_by_move ON repairs (status, moved_at);

-- One-time upgrades of what is stored that need the vault's keys (so no migration can do them),
-- each recorded once done: the name-prefix search index for customers stored before it.
CREATE TABLE upgrades (
    name TEXT PRIMARY KEY,
    done_at INTEGER NOT NULL
);
