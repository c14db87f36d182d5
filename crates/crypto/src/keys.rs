//! The key hierarchy: shop key → master key versions → data keys → sealed fields.

use std::fmt;

use zeroize::Zeroizing;

use crate::aead::{AeadKey, push_part};
use crate::{CryptoError, random_bytes};

const KEY_FILE_PREFIX: &str = "strongroom-shop-key-v1 ";

fn generate_key_bytes() -> Result<Zeroizing<[u8; 32]>, CryptoError> {
    let mut bytes = Zeroizing::new([0u8; 32]);
    random_bytes(bytes.as_mut())?;
    Ok(bytes)
}

/// The key the shop holds outside the data directory. It wraps master key versions, and the
/// keys of backups are derived from it (`backup.rs`), so a backup opens with it and nothing else.
pub struct ShopKey {
    aead: AeadKey,
    pub(crate) bytes: Zeroizing<[u8; 32]>,
}

impl ShopKey {
    /// A new random shop key and the text of its key file.
    pub fn generate_key_file() -> Result<(ShopKey, Zeroizing<String>), CryptoError> {
        let key = ShopKey::from_bytes(&*generate_key_bytes()?);
        let text = key.key_file_text();
        Ok((key, text))
    }

    /// The text of this key's key file (what `init` writes, and `keys recover` writes again).
    pub fn key_file_text(&self) -> Zeroizing<String> {
        let mut text = Zeroizing::new(String::with_capacity(512));
        text.push_str(
            "# Strongroom shop key. Anyone with this file and a copy of the data can read every\n\
             # customer record; without it nobody can, including you. Keep it off the data disk,\n\
             # readable only by the account that runs Strongroom, and keep a copy somewhere safe.\n",
        );
        text.push_str(KEY_FILE_PREFIX);
        // Straight into the zeroized buffer: no temporary string ever holds part of the key.
        const HEX: &[u8; 16] = b"0123456789abcdef";
        for byte in self.bytes.iter() {
            text.push(char::from(HEX[usize::from(byte >> 4)]));
            text.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
        text.push('\n');
        text
    }

    /// Reads a key file written by [`ShopKey::generate_key_file`]; comment lines are ignored.
    pub fn from_key_file(text: &str) -> Result<ShopKey, CryptoError> {
        let mut lines = text.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#'));
        let line = lines.next().ok_or(CryptoError::KeyFile("it holds no key line"))?;
        if lines.next().is_some() {
            return Err(CryptoError::KeyFile("it holds more than one key line"));
        }
        let hex =
            line.strip_prefix(KEY_FILE_PREFIX).ok_or(CryptoError::KeyFile("the key line does not start with strongroom-shop-key-v1"))?;
        if hex.len() != 64 {
            return Err(CryptoError::KeyFile("the key is not 64 hexadecimal digits"));
        }
        let mut bytes = Zeroizing::new([0u8; 32]);
        for (index, pair) in hex.as_bytes().chunks(2).enumerate() {
            let digit = |b: u8| (b as char).to_digit(16).ok_or(CryptoError::KeyFile("the key is not hexadecimal"));
            bytes[index] = (digit(pair[0])? * 16 + digit(pair[1])?) as u8;
        }
        Ok(ShopKey::from_bytes(&bytes))
    }

    /// A second copy of this key, for opening a restored copy of the vault it opened (a
    /// restore drill) without asking the shop for the key again.
    pub fn duplicate(&self) -> ShopKey {
        ShopKey::from_bytes(&self.bytes)
    }

    pub(crate) fn from_bytes(bytes: &[u8; 32]) -> ShopKey {
        ShopKey { aead: AeadKey::new(bytes), bytes: Zeroizing::new(*bytes) }
    }

    fn master_aad(version: u32) -> Vec<u8> {
        let mut aad = Vec::with_capacity(32);
        push_part(&mut aad, b"strongroom.master-key.v1");
        aad.extend_from_slice(&version.to_be_bytes());
        aad
    }

    pub fn wrap_master_key(&self, master_key: &MasterKey) -> Result<Vec<u8>, CryptoError> {
        self.aead.seal(&ShopKey::master_aad(master_key.version), master_key.bytes.as_ref())
    }

    /// Opens a wrapped master key; a wrong shop key is reported as [`CryptoError::WrongKey`].
    pub fn unwrap_master_key(&self, version: u32, wrapped: &[u8]) -> Result<MasterKey, CryptoError> {
        let plaintext = self.aead.open(&ShopKey::master_aad(version), wrapped).map_err(|_| CryptoError::WrongKey)?;
        let bytes: [u8; 32] = plaintext.as_slice().try_into().map_err(|_| CryptoError::WrongKey)?;
        let bytes = Zeroizing::new(bytes);
        Ok(MasterKey { version, aead: AeadKey::new(&bytes), bytes })
    }
}

impl fmt::Debug for ShopKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ShopKey(<secret>)")
    }
}

/// One version of the master key. It wraps data keys and never seals data itself.
pub struct MasterKey {
    version: u32,
    bytes: Zeroizing<[u8; 32]>,
    aead: AeadKey,
}

/// Who a data key belongs to, bound into its wrapping so a wrapped key cannot be moved to another
/// owner: `kind` names the record family ("customer", "aml_record", "blind_index_root").
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct KeyOwner<'a> {
    pub kind: &'a str,
    pub id: &'a [u8; 16],
}

/// A data key as stored: the master key version that wrapped it and the sealed key bytes.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct WrappedDataKey {
    pub master_version: u32,
    pub data_key_version: u32,
    pub ciphertext: Vec<u8>,
}

impl MasterKey {
    pub fn generate(version: u32) -> Result<MasterKey, CryptoError> {
        let bytes = generate_key_bytes()?;
        Ok(MasterKey { version, aead: AeadKey::new(&bytes), bytes })
    }

    pub fn version(&self) -> u32 {
        self.version
    }

    fn data_key_aad(owner: KeyOwner<'_>, data_key_version: u32, master_version: u32) -> Vec<u8> {
        let mut aad = Vec::with_capacity(64);
        push_part(&mut aad, b"strongroom.data-key.v1");
        push_part(&mut aad, owner.kind.as_bytes());
        aad.extend_from_slice(owner.id);
        aad.extend_from_slice(&data_key_version.to_be_bytes());
        aad.extend_from_slice(&master_version.to_be_bytes());
        aad
    }

    pub fn wrap_data_key(&self, owner: KeyOwner<'_>, data_key: &DataKey) -> Result<WrappedDataKey, CryptoError> {
        let aad = MasterKey::data_key_aad(owner, data_key.version, self.version);
        Ok(WrappedDataKey {
            master_version: self.version,
            data_key_version: data_key.version,
            ciphertext: self.aead.seal(&aad, data_key.bytes.as_ref())?,
        })
    }

    /// Opens a data key wrapped by this master key version for `owner`.
    pub fn unwrap_data_key(&self, owner: KeyOwner<'_>, wrapped: &WrappedDataKey) -> Result<DataKey, CryptoError> {
        if wrapped.master_version != self.version {
            return Err(CryptoError::CannotOpen);
        }
        let aad = MasterKey::data_key_aad(owner, wrapped.data_key_version, self.version);
        let plaintext = self.aead.open(&aad, &wrapped.ciphertext)?;
        let bytes: [u8; 32] = plaintext.as_slice().try_into().map_err(|_| CryptoError::CannotOpen)?;
        Ok(DataKey::from_bytes(Zeroizing::new(bytes), wrapped.data_key_version))
    }
}

impl fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MasterKey(version {}, <secret>)", self.version)
    }
}

/// What a sealed field is: bound into its associated data, so it opens in this place only.
#[derive(Clone, Copy, Debug)]
pub struct FieldAad<'a> {
    pub record_kind: &'a str,
    pub field: &'a str,
    pub record_id: &'a [u8; 16],
    pub data_key_version: u32,
}

impl FieldAad<'_> {
    fn encode(&self) -> Vec<u8> {
        let mut aad = Vec::with_capacity(80);
        push_part(&mut aad, b"strongroom.field.v1");
        push_part(&mut aad, self.record_kind.as_bytes());
        push_part(&mut aad, self.field.as_bytes());
        aad.extend_from_slice(self.record_id);
        aad.extend_from_slice(&self.data_key_version.to_be_bytes());
        aad
    }
}

/// A per-record data key. Its bytes live only in memory, zeroed on drop.
pub struct DataKey {
    version: u32,
    bytes: Zeroizing<[u8; 32]>,
    aead: AeadKey,
}

impl DataKey {
    /// A fresh random data key; `version` counts re-keyings of the same owner, starting at 1.
    pub fn generate(version: u32) -> Result<DataKey, CryptoError> {
        Ok(DataKey::from_bytes(generate_key_bytes()?, version))
    }

    fn from_bytes(bytes: Zeroizing<[u8; 32]>, version: u32) -> DataKey {
        DataKey { version, aead: AeadKey::new(&bytes), bytes }
    }

    pub fn version(&self) -> u32 {
        self.version
    }

    /// Seals one field. `aad.data_key_version` must be this key's version.
    pub fn seal(&self, aad: FieldAad<'_>, plaintext: &[u8]) -> Result<Vec<u8>, CryptoError> {
        debug_assert_eq!(aad.data_key_version, self.version);
        self.aead.seal(&aad.encode(), plaintext)
    }

    pub fn open(&self, aad: FieldAad<'_>, sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
        self.aead.open(&aad.encode(), sealed)
    }

    /// The raw bytes, for deriving the blind-index keys when this data key is the index root.
    pub(crate) fn bytes(&self) -> &[u8; 32] {
        &self.bytes
    }
}

impl fmt::Debug for DataKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DataKey(version {}, <secret>)", self.version)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const ANNA: [u8; 16] = [1; 16];
    const BOB: [u8; 16] = [2; 16];

    fn aad<'a>(field: &'a str, record_id: &'a [u8; 16]) -> FieldAad<'a> {
        FieldAad { record_kind: "customer", field, record_id, data_key_version: 1 }
    }

    #[test]
    fn key_files_round_trip_and_bad_ones_are_named() {
        let (key, text) = ShopKey::generate_key_file().unwrap();
        let master = MasterKey::generate(1).unwrap();
        let wrapped = key.wrap_master_key(&master).unwrap();
        let again = ShopKey::from_key_file(&text).unwrap();
        assert_eq!(again.unwrap_master_key(1, &wrapped).unwrap().version(), 1);

        assert!(matches!(ShopKey::from_key_file("# nothing\n"), Err(CryptoError::KeyFile(_))));
        assert!(matches!(ShopKey::from_key_file("strongroom-shop-key-v1 abcd"), Err(CryptoError::KeyFile(_))));
        let not_hex = format!("strongroom-shop-key-v1 {}", "zz".repeat(32));
        assert!(matches!(ShopKey::from_key_file(&not_hex), Err(CryptoError::KeyFile(_))));
    }

    #[test]
    fn a_wrong_shop_key_is_wrong_key_not_corruption() {
        let (right, _) = ShopKey::generate_key_file().unwrap();
        let (wrong, _) = ShopKey::generate_key_file().unwrap();
        let wrapped = right.wrap_master_key(&MasterKey::generate(3).unwrap()).unwrap();
        assert!(matches!(wrong.unwrap_master_key(3, &wrapped), Err(CryptoError::WrongKey)));
        // The version is bound too: a wrapped key relabelled as another version does not open.
        assert!(matches!(right.unwrap_master_key(4, &wrapped), Err(CryptoError::WrongKey)));
    }

    #[test]
    fn a_ciphertext_moved_to_another_field_or_row_does_not_open() {
        let key = DataKey::generate(1).unwrap();
        let sealed = key.seal(aad("email", &ANNA), b"anna@example.nl").unwrap();
        assert_eq!(key.open(aad("email", &ANNA), &sealed).unwrap().as_slice(), b"anna@example.nl");
        assert!(key.open(aad("phone", &ANNA), &sealed).is_err());
        assert!(key.open(aad("email", &BOB), &sealed).is_err());
        let other_kind = FieldAad { record_kind: "purchase", ..aad("email", &ANNA) };
        assert!(key.open(other_kind, &sealed).is_err());
        let other_version = FieldAad { data_key_version: 2, ..aad("email", &ANNA) };
        assert!(key.open(other_version, &sealed).is_err());
        let other_key = DataKey::generate(1).unwrap();
        assert!(other_key.open(aad("email", &ANNA), &sealed).is_err());
    }

    #[test]
    fn a_wrapped_data_key_opens_only_for_its_owner_and_master_version() {
        let master = MasterKey::generate(1).unwrap();
        let data_key = DataKey::generate(1).unwrap();
        let owner = KeyOwner { kind: "customer", id: &ANNA };
        let wrapped = master.wrap_data_key(owner, &data_key).unwrap();
        let opened = master.unwrap_data_key(owner, &wrapped).unwrap();
        let sealed = data_key.seal(aad("name", &ANNA), b"Anna").unwrap();
        assert_eq!(opened.open(aad("name", &ANNA), &sealed).unwrap().as_slice(), b"Anna");

        assert!(master.unwrap_data_key(KeyOwner { kind: "customer", id: &BOB }, &wrapped).is_err());
        assert!(master.unwrap_data_key(KeyOwner { kind: "aml_record", id: &ANNA }, &wrapped).is_err());
        let newer = MasterKey::generate(2).unwrap();
        assert!(newer.unwrap_data_key(owner, &wrapped).is_err());
    }

    #[test]
    fn rewrapping_under_a_new_master_version_keeps_the_data_readable() {
        let old = MasterKey::generate(1).unwrap();
        let new = MasterKey::generate(2).unwrap();
        let owner = KeyOwner { kind: "customer", id: &ANNA };
        let data_key = DataKey::generate(1).unwrap();
        let sealed = data_key.seal(aad("name", &ANNA), b"Anna").unwrap();
        let wrapped_old = old.wrap_data_key(owner, &data_key).unwrap();
        let rewrapped = new.wrap_data_key(owner, &old.unwrap_data_key(owner, &wrapped_old).unwrap()).unwrap();
        assert_eq!(rewrapped.master_version, 2);
        let opened = new.unwrap_data_key(owner, &rewrapped).unwrap();
        assert_eq!(opened.open(aad("name", &ANNA), &sealed).unwrap().as_slice(), b"Anna");
    }

    proptest! {
        #[test]
        fn sealing_round_trips(plaintext in proptest::collection::vec(any::<u8>(), 0..512), id in any::<[u8; 16]>()) {
            let key = DataKey::generate(1).unwrap();
            let sealed = key.seal(aad("notes", &id), &plaintext).unwrap();
            let opened = key.open(aad("notes", &id), &sealed).unwrap();
            prop_assert_eq!(opened.as_slice(), plaintext.as_slice());
        }

        #[test]
        fn any_flipped_bit_makes_a_sealed_value_unopenable(
            plaintext in proptest::collection::vec(any::<u8>(), 0..64), bit in any::<prop::sample::Index>()
        ) {
            let key = DataKey::generate(1).unwrap();
            let mut sealed = key.seal(aad("notes", &ANNA), &plaintext).unwrap();
            let bit = bit.index(sealed.len() * 8);
            sealed[bit / 8] ^= 1 << (bit % 8);
            prop_assert!(key.open(aad("notes", &ANNA), &sealed).is_err());
        }

        #[test]
        fn distinct_field_names_never_share_associated_data(a in "[a-z_]{1,12}", b in "[a-z_]{1,12}") {
            prop_assume!(a != b);
            let key = DataKey::generate(1).unwrap();
            let sealed = key.seal(aad(&a, &ANNA), b"x").unwrap();
            prop_assert!(key.open(aad(&b, &ANNA), &sealed).is_err());
        }
    }
}
