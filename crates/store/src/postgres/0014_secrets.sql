-- The shop's own passwords (issue 17): the webshop's admin, supplier portals, the bank, the
-- alarm code. One row per entry: its id and times plain; what the list shows (the name, the
-- address, the user name, the notes, who it is shared with, how strong the password is) and the
-- password with its TOTP secret each one JSON value sealed under the entry's own data key
-- (data_keys, owner kind 9), bound to its id and column, so listing never opens a password.
CREATE TABLE shop_secrets (
    id UUID PRIMARY KEY,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    info BYTEA NOT NULL,
    secret BYTEA NOT NULL
);
