-- The shop's settings that are kept in the vault rather than in strongroom.toml, so that the
-- owner changes them on a page: one value per name (the backup plan: its folders, the day's
-- backup time, how many backups each folder keeps), sealed by the app under the staff-secrets
-- key and kept as hex, so that a value changed in the database without the key does not open.
CREATE TABLE shop_settings (
    name TEXT NOT NULL UNIQUE,
    value TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);
