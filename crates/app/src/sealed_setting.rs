//! Values the vault keeps in `shop_settings` as one JSON value each, sealed under the
//! staff-secrets key and bound to their name, kept as hex (the desk's feeds, answers and score
//! history, the sign-in policy saved on the page): read and written one way.

use serde::Serialize;
use serde::de::DeserializeOwned;
use strongroom_store::Tx;

use crate::backups::settings::{hex, unhex};
use crate::{AppError, Vault, now_micros};

impl Vault {
    /// The value kept under `name`, read in `tx`; the type's default when none is.
    pub(crate) fn read_sealed_setting<T: DeserializeOwned + Default>(&self, tx: &mut dyn Tx, name: &str) -> Result<T, AppError> {
        let Some((sealed, _)) = tx.setting(name)? else { return Ok(T::default()) };
        let bytes = unhex(&sealed).ok_or_else(|| AppError::corrupt(format!("{name} is not hex")))?;
        let json = self.open_host_secret(name, &bytes)?;
        serde_json::from_slice(&json).map_err(|error| AppError::corrupt(format!("{name} does not read: {error}")))
    }

    /// [`Vault::read_sealed_setting`] in a transaction of its own.
    pub(crate) fn sealed_setting<T: DeserializeOwned + Default>(&self, name: &str) -> Result<T, AppError> {
        let mut tx = self.store.begin()?;
        let value = self.read_sealed_setting(tx.as_mut(), name)?;
        tx.commit()?;
        Ok(value)
    }

    /// Keeps `value` under `name` in `tx`, sealed.
    pub(crate) fn write_sealed_setting<T: Serialize>(&self, tx: &mut dyn Tx, name: &str, value: &T) -> Result<(), AppError> {
        let json = serde_json::to_vec(value).map_err(|error| AppError::corrupt(error.to_string()))?;
        tx.set_setting(name, &hex(&self.seal_host_secret(name, &json)?), now_micros())?;
        Ok(())
    }
}
