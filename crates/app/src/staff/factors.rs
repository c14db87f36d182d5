//! Which second factors an account has, read from its row: an authenticator app (a TOTP
//! secret) and passkeys. Signing in, the passkey ceremonies and staff administration all ask;
//! it sits below them so none of them needs another.

use strongroom_store::StaffRow;

/// Whether an account has a passkey (so a second factor to give).
pub(crate) fn has_passkeys(row: &StaffRow) -> bool {
    row.passkeys.as_deref().is_some_and(|json| json != "[]")
}

/// Whether an account has any second factor to give.
pub(crate) fn has_second_factor(row: &StaffRow) -> bool {
    row.totp_secret.is_some() || has_passkeys(row)
}

/// Drops an account's passkeys (a second-factor reset, a repair).
pub(crate) fn clear_passkeys(row: &mut StaffRow) {
    row.passkeys = None;
}
