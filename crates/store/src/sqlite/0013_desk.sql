-- The owner's security desk (issue 16): the shop's devices now, its risks, audit findings and
-- self-assessment answers as they come. One row per item, its kind and id plain and the rest one
-- JSON value sealed by the app under the staff-secrets key, bound to its kind and id: a copied
-- database does not tell which of the shop's machines lack updates or encryption.
CREATE TABLE desk_items (
    kind TEXT NOT NULL,
    id BLOB NOT NULL,
    body BLOB NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (kind, id)
);
