//! PostgreSQL: the progress of imports, so an interrupted one resumes.

use tokio_postgres::types::ToSql;

use super::PgTx;
use crate::tx::ImportTx;
use crate::{ImportProgress, StoreError};

impl ImportTx for PgTx<'_> {
    fn import_progress(&mut self, file_digest: &[u8; 32]) -> Result<Option<ImportProgress>, StoreError> {
        let rows = self.connection.query(
            "SELECT rows_total, rows_done, rows_imported, rows_rejected, rejects_bytes, started_at, finished_at
             FROM import_runs WHERE file_digest = $1",
            &[&file_digest.as_slice()],
        )?;
        rows.first()
            .map(|row| {
                Ok(ImportProgress {
                    file_digest: *file_digest,
                    rows_total: row.try_get::<_, i64>(0)? as u64,
                    rows_done: row.try_get::<_, i64>(1)? as u64,
                    rows_imported: row.try_get::<_, i64>(2)? as u64,
                    rows_rejected: row.try_get::<_, i64>(3)? as u64,
                    rejects_bytes: row.try_get::<_, i64>(4)? as u64,
                    started_at: row.try_get(5)?,
                    finished_at: row.try_get(6)?,
                })
            })
            .transpose()
    }

    fn save_import_progress(&mut self, progress: &ImportProgress, expected_rows_done: Option<u64>) -> Result<bool, StoreError> {
        let common: [&(dyn ToSql + Sync); 8] = [
            &progress.file_digest.as_slice(),
            &(progress.rows_total as i64),
            &(progress.rows_done as i64),
            &(progress.rows_imported as i64),
            &(progress.rows_rejected as i64),
            &(progress.rejects_bytes as i64),
            &progress.started_at,
            &progress.finished_at,
        ];
        // A concurrent run's uncommitted insert or update makes this one wait for it, then find
        // the row changed: the conflict or the condition then writes nothing.
        let written = match expected_rows_done {
            None => self.connection.execute(
                "INSERT INTO import_runs (file_digest, rows_total, rows_done, rows_imported, rows_rejected, rejects_bytes, started_at, finished_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                 ON CONFLICT (file_digest) DO NOTHING",
                &common,
            )?,
            Some(expected) => {
                let expected = expected as i64;
                let mut values = common.to_vec();
                values.push(&expected);
                self.connection.execute(
                    "UPDATE import_runs SET rows_total = $2, rows_done = $3, rows_imported = $4, rows_rejected = $5, rejects_bytes = $6,
                         started_at = $7, finished_at = $8
                     WHERE file_digest = $1 AND rows_done = $9 AND finished_at IS NULL",
                    &values,
                )?
            }
        };
        Ok(written == 1)
    }
}
