//! PostgreSQL: the keyring: master keys and the data keys they wrap.

use std::sync::LazyLock;

use uuid::Uuid;

use super::{PgTx, data_key_from, u32_from};
use crate::tx::KeyringTx;
use crate::{DataKeyRow, KeyProtection, KeyringMeta, MasterKeyRow, MasterKeyState, OwnerKind, StoreError};

impl KeyringTx for PgTx<'_> {
    fn keyring_meta(&mut self) -> Result<Option<KeyringMeta>, StoreError> {
        let rows = self.connection.query("SELECT protection, kdf, blind_index_bits, demo, created_at FROM keyring_meta", &[])?;
        let Some(row) = rows.first() else { return Ok(None) };
        let protection = match (row.try_get::<_, &str>(0)?, row.try_get::<_, Option<String>>(1)?) {
            ("key_file", _) => KeyProtection::KeyFile,
            ("passphrase", Some(kdf)) => KeyProtection::Passphrase { kdf },
            _ => return Err(StoreError::Corrupt("keyring protection".into())),
        };
        Ok(Some(KeyringMeta {
            protection,
            blind_index_bits: u32_from(row.try_get(2)?, "blind index bits")?,
            demo: row.try_get(3)?,
            created_at: row.try_get(4)?,
        }))
    }

    fn insert_keyring_meta(&mut self, meta: &KeyringMeta) -> Result<(), StoreError> {
        let (protection, kdf) = match &meta.protection {
            KeyProtection::KeyFile => ("key_file", None),
            KeyProtection::Passphrase { kdf } => ("passphrase", Some(kdf.as_str())),
        };
        self.connection.execute(
            "INSERT INTO keyring_meta (singleton, protection, kdf, blind_index_bits, demo, created_at) VALUES (1, $1, $2, $3, $4, $5)",
            &[&protection, &kdf, &i64::from(meta.blind_index_bits), &meta.demo, &meta.created_at],
        )?;
        Ok(())
    }

    fn master_keys(&mut self) -> Result<Vec<MasterKeyRow>, StoreError> {
        self.connection
            .query("SELECT version, wrapped, state, created_at FROM master_keys ORDER BY version", &[])?
            .iter()
            .map(|row| {
                Ok(MasterKeyRow {
                    version: u32_from(row.try_get(0)?, "master key version")?,
                    wrapped: row.try_get(1)?,
                    state: MasterKeyState::parse(row.try_get(2)?)?,
                    created_at: row.try_get(3)?,
                })
            })
            .collect()
    }

    fn insert_master_key(&mut self, row: &MasterKeyRow) -> Result<(), StoreError> {
        self.connection.execute(
            "INSERT INTO master_keys (version, wrapped, state, created_at) VALUES ($1, $2, $3, $4)",
            &[&i64::from(row.version), &row.wrapped, &row.state.as_str(), &row.created_at],
        )?;
        Ok(())
    }

    fn set_master_key_state(&mut self, version: u32, state: MasterKeyState) -> Result<(), StoreError> {
        self.connection.execute("UPDATE master_keys SET state = $1 WHERE version = $2", &[&state.as_str(), &i64::from(version)])?;
        Ok(())
    }

    fn delete_master_key(&mut self, version: u32) -> Result<(), StoreError> {
        self.connection.execute("DELETE FROM master_keys WHERE version = $1", &[&i64::from(version)])?;
        Ok(())
    }

    fn insert_data_keys(&mut self, rows: &[DataKeyRow]) -> Result<(), StoreError> {
        self.insert_data_key_rows(rows)
    }

    fn data_key(&mut self, owner_kind: OwnerKind, owner_id: Uuid) -> Result<Option<DataKeyRow>, StoreError> {
        let rows = self.connection.query(&DATA_KEY_OF, &[&owner_kind.code(), &owner_id])?;
        rows.first().map(|row| data_key_from(row, 0)).transpose()
    }

    fn data_keys_older_than(&mut self, master_version: u32, limit: usize) -> Result<Vec<DataKeyRow>, StoreError> {
        let sql = format!(
            "SELECT {DATA_KEY_COLUMNS} FROM data_keys WHERE master_version < $1 ORDER BY master_version, owner_kind, owner_id LIMIT $2"
        );
        self.connection.query(&sql, &[&i64::from(master_version), &(limit as i64)])?.iter().map(|row| data_key_from(row, 0)).collect()
    }

    fn update_data_key_wraps(&mut self, rows: &[DataKeyRow]) -> Result<(), StoreError> {
        if rows.is_empty() {
            return Ok(());
        }
        let kinds: Vec<i16> = rows.iter().map(|r| r.owner_kind.code()).collect();
        let ids: Vec<Uuid> = rows.iter().map(|r| r.owner_id).collect();
        let versions: Vec<i64> = rows.iter().map(|r| i64::from(r.data_key_version)).collect();
        let masters: Vec<i64> = rows.iter().map(|r| i64::from(r.master_version)).collect();
        let wrapped: Vec<&[u8]> = rows.iter().map(|r| r.wrapped.as_slice()).collect();
        let n = self.connection.execute(
            "UPDATE data_keys d SET master_version = u.master_version, wrapped = u.wrapped
             FROM UNNEST($1::smallint[], $2::uuid[], $3::bigint[], $4::bigint[], $5::bytea[])
                  AS u (owner_kind, owner_id, data_key_version, master_version, wrapped)
             WHERE d.owner_kind = u.owner_kind AND d.owner_id = u.owner_id AND d.data_key_version = u.data_key_version",
            &[&kinds, &ids, &versions, &masters, &wrapped],
        )?;
        if n != rows.len() as u64 {
            return Err(StoreError::Conflict("a data key changed during re-wrapping".into()));
        }
        Ok(())
    }

    fn data_key_counts(&mut self) -> Result<Vec<(u32, u64)>, StoreError> {
        self.connection
            .query("SELECT master_version, COUNT(*) FROM data_keys GROUP BY master_version ORDER BY master_version", &[])?
            .iter()
            .map(|row| Ok((u32_from(row.try_get(0)?, "master key version")?, row.try_get::<_, i64>(1)? as u64)))
            .collect()
    }

    fn upgrade_done(&mut self, name: &str) -> Result<bool, StoreError> {
        Ok(!self.connection.query("SELECT 1 FROM upgrades WHERE name = $1", &[&name])?.is_empty())
    }

    fn mark_upgrade_done(&mut self, name: &str, at: i64) -> Result<(), StoreError> {
        self.connection.execute("INSERT INTO upgrades (name, done_at) VALUES ($1, $2) ON CONFLICT DO NOTHING", &[&name, &at])?;
        Ok(())
    }

    fn destroy_data_key(&mut self, owner_kind: OwnerKind, owner_id: Uuid) -> Result<bool, StoreError> {
        let n =
            self.connection.execute("DELETE FROM data_keys WHERE owner_kind = $1 AND owner_id = $2", &[&owner_kind.code(), &owner_id])?;
        Ok(n == 1)
    }
}

const DATA_KEY_COLUMNS: &str = "owner_kind, owner_id, data_key_version, master_version, wrapped";

/// The data key's columns in the order `data_key_from` reads them, each after `prefix` (a
/// table's alias and its dot, in a join).
pub(super) fn data_key_columns(prefix: &str) -> String {
    DATA_KEY_COLUMNS.split(", ").map(|column| format!("{prefix}{column}")).collect::<Vec<_>>().join(", ")
}

/// One owner's data key (`$1`: the owner's kind, `$2`: its id).
static DATA_KEY_OF: LazyLock<String> =
    LazyLock::new(|| format!("SELECT {DATA_KEY_COLUMNS} FROM data_keys WHERE owner_kind = $1 AND owner_id = $2"));
