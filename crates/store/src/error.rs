//! The store's one error type. Its messages may name tables but never hold row values.

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("postgres: {0}")]
    Postgres(#[from] tokio_postgres::Error),
    #[error("the database holds a value Strongroom cannot read: {0}")]
    Corrupt(String),
    #[error("the database schema is version {found}, newer than this Strongroom ({supported}); upgrade Strongroom")]
    SchemaTooNew { found: i64, supported: i64 },
    #[error("{0}")]
    Conflict(String),
    #[error("could not prepare the database file: {0}")]
    Io(#[from] std::io::Error),
}

impl StoreError {
    /// Whether a row was read but one of its values is not what its column should hold (a
    /// hand edit, usually): the caller may name that row instead of giving up on the rest.
    pub fn is_unreadable_value(&self) -> bool {
        match self {
            StoreError::Corrupt(_) => true,
            StoreError::Sqlite(error) => matches!(
                error,
                rusqlite::Error::InvalidColumnType(..)
                    | rusqlite::Error::FromSqlConversionFailure(..)
                    | rusqlite::Error::IntegralValueOutOfRange(..)
                    | rusqlite::Error::Utf8Error(..)
            ),
            _ => false,
        }
    }
}
