//! Checkpoints of the audit log in the C2SP formats, so that tools outside Strongroom can read
//! and check them: a `tlog-checkpoint` body (origin, tree size, root hash, extension lines)
//! inside a `signed-note` with an Ed25519 signature (c2sp.org/signed-note, signature type 0x01).
//!
//! The owner keeps a checkpoint somewhere else (a USB stick, a mail to themselves, the
//! accountant): whoever later rewrites the log, even from scratch with a fresh tree, cannot make
//! it agree with that copy, because only the shop's key signs checkpoints.

use aws_lc_rs::digest;
use aws_lc_rs::signature::{ED25519, UnparsedPublicKey};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use crate::Hash;

/// The signature type byte of Ed25519 in a signed note.
const ED25519_TYPE: u8 = 0x01;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckpointError {
    #[error("not a signed note: {0}")]
    Malformed(&'static str),
    #[error("not a checkpoint: {0}")]
    NotCheckpoint(&'static str),
    /// A signature by this key's name and id is there and does not verify: the note was
    /// altered after signing (or forged), so it says nothing either way.
    #[error("the signature by {0} does not verify: the note was altered after it was signed")]
    BadSignature(String),
    /// No signature by this key at all: the note is another key's.
    #[error("the note carries no signature by {0}")]
    NotSignedBy(String),
    #[error("not a verifier key: {0}")]
    BadKey(&'static str),
}

/// A tree head: which log, how many events, their root, and extension lines (such as the time).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    pub origin: String,
    pub size: u64,
    pub root: Hash,
    pub extensions: Vec<String>,
}

impl Checkpoint {
    /// The checkpoint's text, which the note's signature covers.
    pub fn body(&self) -> String {
        let mut text = format!("{}\n{}\n{}\n", self.origin, self.size, STANDARD.encode(self.root));
        for line in &self.extensions {
            text.push_str(line);
            text.push('\n');
        }
        text
    }

    /// Parses a checkpoint's text (strictly: canonical size, 32-byte root, no empty lines).
    pub fn parse(text: &str) -> Result<Checkpoint, CheckpointError> {
        let bad = CheckpointError::NotCheckpoint;
        let body = text.strip_suffix('\n').ok_or(bad("the text does not end in a newline"))?;
        let mut lines = body.split('\n');
        let origin = lines.next().filter(|line| !line.is_empty()).ok_or(bad("no origin line"))?;
        let size = lines.next().ok_or(bad("no tree size line"))?;
        if size.is_empty() || !size.bytes().all(|b| b.is_ascii_digit()) || (size.len() > 1 && size.starts_with('0')) {
            return Err(bad("the tree size is not a decimal number"));
        }
        let size: u64 = size.parse().map_err(|_| bad("the tree size is out of range"))?;
        let root = STANDARD.decode(lines.next().ok_or(bad("no root hash line"))?).map_err(|_| bad("the root hash is not base64"))?;
        let root: Hash = root.try_into().map_err(|_| bad("the root hash is not 32 bytes"))?;
        let extensions: Vec<String> = lines.map(str::to_owned).collect();
        if extensions.iter().any(String::is_empty) {
            return Err(bad("an extension line is empty"));
        }
        Ok(Checkpoint { origin: origin.to_owned(), size, root, extensions })
    }
}

/// The public half of a note-signing key, in the `name+keyid+base64(type‖key)` text form that
/// note verifiers use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifierKey {
    name: String,
    key_id: [u8; 4],
    public_key: [u8; 32],
}

fn key_id(name: &str, public_key: &[u8; 32]) -> [u8; 4] {
    let mut context = digest::Context::new(&digest::SHA256);
    context.update(name.as_bytes());
    context.update(&[b'\n', ED25519_TYPE]);
    context.update(public_key);
    let hash = context.finish();
    [hash.as_ref()[0], hash.as_ref()[1], hash.as_ref()[2], hash.as_ref()[3]]
}

fn check_key_name(name: &str) -> Result<(), CheckpointError> {
    if name.is_empty() || name.chars().any(|c| c.is_whitespace() || c == '+' || c.is_control()) {
        return Err(CheckpointError::BadKey("a key name must be non-empty, without spaces or +"));
    }
    Ok(())
}

impl VerifierKey {
    pub fn new(name: &str, public_key: [u8; 32]) -> Result<VerifierKey, CheckpointError> {
        check_key_name(name)?;
        Ok(VerifierKey { name: name.to_owned(), key_id: key_id(name, &public_key), public_key })
    }

    pub fn parse(text: &str) -> Result<VerifierKey, CheckpointError> {
        let mut parts = text.trim().splitn(3, '+');
        let (Some(name), Some(id), Some(key)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(CheckpointError::BadKey("expected name+keyid+key"));
        };
        let key = STANDARD.decode(key).map_err(|_| CheckpointError::BadKey("the key is not base64"))?;
        let (&key_type, public_key) = key.split_first().ok_or(CheckpointError::BadKey("the key is empty"))?;
        if key_type != ED25519_TYPE {
            return Err(CheckpointError::BadKey("only Ed25519 keys are supported"));
        }
        let public_key: [u8; 32] = public_key.try_into().map_err(|_| CheckpointError::BadKey("an Ed25519 key is 32 bytes"))?;
        let verifier = VerifierKey::new(name, public_key)?;
        if id.len() != 8 || hex(&verifier.key_id) != id.to_ascii_lowercase() {
            return Err(CheckpointError::BadKey("the key id does not match the key"));
        }
        Ok(verifier)
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// Verifies a signed note and returns its text if one of its signatures is this key's.
    pub fn open<'n>(&self, note: &'n str) -> Result<&'n str, CheckpointError> {
        let malformed = CheckpointError::Malformed;
        if note.chars().any(|c| c.is_control() && c != '\n') {
            return Err(malformed("it holds control characters"));
        }
        let split = note.rfind("\n\n").ok_or(malformed("no blank line before the signatures"))?;
        let (text, signatures) = (&note[..split + 1], &note[split + 2..]);
        let signatures = signatures.strip_suffix('\n').ok_or(malformed("the last signature line does not end in a newline"))?;
        let mut verified = false;
        for line in signatures.split('\n') {
            let rest = line.strip_prefix("\u{2014} ").ok_or(malformed("a signature line does not start with an em dash"))?;
            let (name, signature) = rest.split_once(' ').ok_or(malformed("a signature line has no signature"))?;
            let signature = STANDARD.decode(signature).map_err(|_| malformed("a signature is not base64"))?;
            if name != self.name || signature.len() < 4 || signature[..4] != self.key_id {
                continue; // Another key's signature: ignored, as the signed-note spec says.
            }
            let public = UnparsedPublicKey::new(&ED25519, self.public_key);
            if public.verify(text.as_bytes(), &signature[4..]).is_err() {
                return Err(CheckpointError::BadSignature(self.name.clone()));
            }
            verified = true;
        }
        if verified { Ok(text) } else { Err(CheckpointError::NotSignedBy(self.name.clone())) }
    }

    /// Verifies a signed checkpoint and parses it.
    pub fn open_checkpoint(&self, note: &str) -> Result<Checkpoint, CheckpointError> {
        Checkpoint::parse(self.open(note)?)
    }
}

impl std::fmt::Display for VerifierKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut key = vec![ED25519_TYPE];
        key.extend_from_slice(&self.public_key);
        write!(f, "{}+{}+{}", self.name, hex(&self.key_id), STANDARD.encode(key))
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Signs `text` (which must end in a newline) as a note: `sign` makes the Ed25519 signature.
pub fn sign_note(text: &str, key: &VerifierKey, sign: impl FnOnce(&[u8]) -> [u8; 64]) -> String {
    debug_assert!(text.ends_with('\n'));
    let mut signature = key.key_id.to_vec();
    signature.extend_from_slice(&sign(text.as_bytes()));
    format!("{text}\n\u{2014} {} {}\n", key.name, STANDARD.encode(signature))
}

#[cfg(test)]
mod tests {
    use aws_lc_rs::rand::SystemRandom;
    use aws_lc_rs::signature::{Ed25519KeyPair, KeyPair};
    use proptest::prelude::*;

    use super::*;

    fn signer() -> (Ed25519KeyPair, VerifierKey) {
        let pkcs8 = Ed25519KeyPair::generate_pkcs8(&SystemRandom::new()).unwrap();
        let pair = Ed25519KeyPair::from_pkcs8(pkcs8.as_ref()).unwrap();
        let public: [u8; 32] = pair.public_key().as_ref().try_into().unwrap();
        (pair, VerifierKey::new("strongroom.example/audit", public).unwrap())
    }

    fn sign(pair: &Ed25519KeyPair, text: &str, key: &VerifierKey) -> String {
        sign_note(text, key, |message| pair.sign(message).as_ref().try_into().unwrap())
    }

    fn checkpoint() -> Checkpoint {
        Checkpoint {
            origin: "strongroom.example/audit".into(),
            size: 1234,
            root: [7; 32],
            extensions: vec!["time 2026-11-29T12:00:00Z".into()],
        }
    }

    #[test]
    fn a_signed_checkpoint_opens_with_its_key_only() {
        let (pair, key) = signer();
        let note = sign(&pair, &checkpoint().body(), &key);
        assert!(note.starts_with("strongroom.example/audit\n1234\nBwcHBwcH"));
        assert!(note.contains("\n\n\u{2014} strongroom.example/audit "));
        assert_eq!(key.open_checkpoint(&note).unwrap(), checkpoint());
        let (_, other) = signer();
        assert!(matches!(other.open_checkpoint(&note), Err(CheckpointError::NotSignedBy(_))));
        // This key's signature over other text: altered, not another key's.
        let altered = note.replacen("1234", "1235", 1);
        assert!(matches!(key.open_checkpoint(&altered), Err(CheckpointError::BadSignature(_))));
    }

    #[test]
    fn verifier_keys_round_trip_through_their_text_form() {
        let (_, key) = signer();
        let text = key.to_string();
        assert!(text.starts_with("strongroom.example/audit+"));
        assert_eq!(VerifierKey::parse(&text).unwrap(), key);
        let tampered = text.replacen("+", "+0", 1);
        assert!(VerifierKey::parse(&tampered).is_err());
        assert!(VerifierKey::new("has space", [0; 32]).is_err());
    }

    #[test]
    fn malformed_checkpoints_are_refused() {
        for bad in
            ["", "origin\n", "origin\n12\n", "origin\n012\nAAAA\n", "origin\n-1\nAAAA\n", "origin\n1\nnot base64!\n", "origin\n1\nAAAA\n"]
        {
            assert!(Checkpoint::parse(bad).is_err(), "{bad:?}");
        }
        let with_empty_extension = format!("{}\n", checkpoint().body());
        assert!(Checkpoint::parse(&with_empty_extension).is_err());
    }

    #[test]
    fn a_note_with_control_characters_or_no_signature_is_refused() {
        let (pair, key) = signer();
        let note = sign(&pair, &checkpoint().body(), &key);
        assert!(key.open(&note.replace("1234", "12\r4")).is_err());
        assert!(key.open(&checkpoint().body()).is_err());
        assert!(key.open(note.trim_end()).is_err());
    }

    proptest! {
        #[test]
        fn any_changed_byte_of_a_signed_checkpoint_is_caught(position in any::<prop::sample::Index>(), bit in 0u8..8) {
            let (pair, key) = signer();
            let note = sign(&pair, &checkpoint().body(), &key);
            let mut bytes = note.clone().into_bytes();
            let at = position.index(bytes.len());
            bytes[at] ^= 1 << bit;
            if let Ok(changed) = String::from_utf8(bytes) {
                // Either it no longer opens, or (a flip that only touched the signature line's
                // ignored parts) it still reads as exactly the same checkpoint.
                if let Ok(opened) = key.open_checkpoint(&changed) {
                    prop_assert_eq!(opened, checkpoint());
                }
            }
        }
    }
}
