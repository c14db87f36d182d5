-- The shop's settings that are kept in the vault rather than in strongroom.toml, so that the
-- owner changes them on a page: one JSON value per name (the backup plan: its folders, the
-- day's backup time, how many backups each folder keeps). Nothing personal and no secret is
-- kept here; secrets (the mail account) have sealed tables of their own.
CREATE TABLE shop_settings (
    name TEXT NOT NULL UNIQUE,
    value TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);
