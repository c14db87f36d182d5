//! SQLite: the keyring: master keys and the data keys they wrap.

use std::ops::DerefMut;

use rusqlite::{Connection, OptionalExtension, Row, params};
use uuid::Uuid;

use super::{DataKeyColumns, SqliteTx, data_key_row};
use crate::tx::KeyringTx;
use crate::{DataKeyRow, KeyProtection, KeyringMeta, MasterKeyRow, MasterKeyState, OwnerKind, StoreError};

impl<C: DerefMut<Target = Connection>> KeyringTx for SqliteTx<'_, C> {
    fn keyring_meta(&mut self) -> Result<Option<KeyringMeta>, StoreError> {
        let row = self
            .connection
            .query_row("SELECT protection, kdf, blind_index_bits, demo, created_at FROM keyring_meta", [], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, Option<String>>(1)?, row.get(2)?, row.get(3)?, row.get(4)?))
            })
            .optional()?;
        row.map(|(protection, kdf, blind_index_bits, demo, created_at)| {
            let protection = match (protection.as_str(), kdf) {
                ("key_file", _) => KeyProtection::KeyFile,
                ("passphrase", Some(kdf)) => KeyProtection::Passphrase { kdf },
                _ => return Err(StoreError::Corrupt("keyring protection".into())),
            };
            Ok(KeyringMeta { protection, blind_index_bits, demo, created_at })
        })
        .transpose()
    }

    fn insert_keyring_meta(&mut self, meta: &KeyringMeta) -> Result<(), StoreError> {
        let (protection, kdf) = match &meta.protection {
            KeyProtection::KeyFile => ("key_file", None),
            KeyProtection::Passphrase { kdf } => ("passphrase", Some(kdf.as_str())),
        };
        self.connection.execute(
            "INSERT INTO keyring_meta (singleton, protection, kdf, blind_index_bits, demo, created_at) VALUES (1, ?1, ?2, ?3, ?4, ?5)",
            params![protection, kdf, meta.blind_index_bits, meta.demo, meta.created_at],
        )?;
        Ok(())
    }

    fn master_keys(&mut self) -> Result<Vec<MasterKeyRow>, StoreError> {
        let mut statement =
            self.connection.prepare_cached("SELECT version, wrapped, state, created_at FROM master_keys ORDER BY version")?;
        let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get::<_, String>(2)?, row.get(3)?)))?;
        rows.map(|row| {
            let (version, wrapped, state, created_at) = row?;
            Ok(MasterKeyRow { version, wrapped, state: MasterKeyState::parse(&state)?, created_at })
        })
        .collect()
    }

    fn insert_master_key(&mut self, row: &MasterKeyRow) -> Result<(), StoreError> {
        self.connection.execute(
            "INSERT INTO master_keys (version, wrapped, state, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![row.version, row.wrapped, row.state.as_str(), row.created_at],
        )?;
        Ok(())
    }

    fn set_master_key_state(&mut self, version: u32, state: MasterKeyState) -> Result<(), StoreError> {
        self.connection.execute("UPDATE master_keys SET state = ?1 WHERE version = ?2", params![state.as_str(), version])?;
        Ok(())
    }

    fn delete_master_key(&mut self, version: u32) -> Result<(), StoreError> {
        self.connection.execute("DELETE FROM master_keys WHERE version = ?1", [version])?;
        Ok(())
    }

    fn insert_data_keys(&mut self, rows: &[DataKeyRow]) -> Result<(), StoreError> {
        rows.iter().try_for_each(|row| self.insert_data_key(row))
    }

    fn data_key(&mut self, owner_kind: OwnerKind, owner_id: Uuid) -> Result<Option<DataKeyRow>, StoreError> {
        let row = self
            .connection
            .prepare_cached(
                "SELECT owner_kind, owner_id, data_key_version, master_version, wrapped FROM data_keys WHERE owner_kind = ?1 AND owner_id = ?2",
            )?
            .query_row(params![owner_kind.code(), owner_id.as_bytes()], data_key_from)
            .optional()?;
        row.map(data_key_row).transpose()
    }

    fn data_keys_older_than(&mut self, master_version: u32, limit: usize) -> Result<Vec<DataKeyRow>, StoreError> {
        let mut statement = self.connection.prepare_cached(
            "SELECT owner_kind, owner_id, data_key_version, master_version, wrapped FROM data_keys
             WHERE master_version < ?1 ORDER BY master_version, owner_kind, owner_id LIMIT ?2 + 0",
        )?;
        let rows = statement.query_map(params![master_version, limit as i64], data_key_from)?;
        rows.map(|row| data_key_row(row?)).collect()
    }

    fn update_data_key_wraps(&mut self, rows: &[DataKeyRow]) -> Result<(), StoreError> {
        let mut statement = self.connection.prepare_cached(
            "UPDATE data_keys SET master_version = ?1, wrapped = ?2 WHERE owner_kind = ?3 AND owner_id = ?4 AND data_key_version = ?5",
        )?;
        for row in rows {
            let n = statement.execute(params![
                row.master_version,
                row.wrapped,
                row.owner_kind.code(),
                row.owner_id.as_bytes(),
                row.data_key_version
            ])?;
            if n != 1 {
                return Err(StoreError::Conflict(format!("the data key of a {} changed during re-wrapping", row.owner_kind.as_str())));
            }
        }
        Ok(())
    }

    fn data_key_counts(&mut self) -> Result<Vec<(u32, u64)>, StoreError> {
        let mut statement = self
            .connection
            .prepare_cached("SELECT master_version, COUNT(*) FROM data_keys GROUP BY master_version ORDER BY master_version")?;
        let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get::<_, i64>(1)? as u64)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn upgrade_done(&mut self, name: &str) -> Result<bool, StoreError> {
        Ok(self.connection.query_row("SELECT COUNT(*) FROM upgrades WHERE name = ?1", [name], |row| row.get::<_, i64>(0))? > 0)
    }

    fn mark_upgrade_done(&mut self, name: &str, at: i64) -> Result<(), StoreError> {
        self.connection.execute("INSERT OR IGNORE INTO upgrades (name, done_at) VALUES (?1, ?2)", params![name, at])?;
        Ok(())
    }

    fn destroy_data_key(&mut self, owner_kind: OwnerKind, owner_id: Uuid) -> Result<bool, StoreError> {
        let n = self
            .connection
            .execute("DELETE FROM data_keys WHERE owner_kind = ?1 AND owner_id = ?2", params![owner_kind.code(), owner_id.as_bytes()])?;
        Ok(n == 1)
    }
}

fn data_key_from(row: &Row<'_>) -> rusqlite::Result<DataKeyColumns> {
    Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?))
}
