//! Bodies of the fuzz targets in `fuzz/` for what this crate parses from outside: signed notes
//! and checkpoints (a witness file, a proof file), encoded events (inside a proof file) and
//! proofs with sizes and hashes an outsider chose. `cargo fuzz` explores them; the module
//! `app/tests/it/fuzz_corpus.rs` replays the checked-in corpus on every `cargo test`.
//!
//! Each body panics only when a property fails: parsing never panics, and what parses comes
//! out the same when written back.

use aws_lc_rs::signature::{Ed25519KeyPair, KeyPair};

use crate::{AuditEvent, Checkpoint, Hash, VerifierKey, sign_note, verify_consistency, verify_inclusion};

/// RFC 8032's first Ed25519 test key: a fixed signer, so that fuzzed checkpoint texts can be
/// signed and the checkpoint parser reached behind a valid signature.
const SEED: [u8; 32] = [
    0x9d, 0x61, 0xb1, 0x9d, 0xef, 0xfd, 0x5a, 0x60, 0xba, 0x84, 0x4a, 0xf4, 0x92, 0xec, 0x2c, 0xc4, 0x44, 0x49, 0xc5, 0x69, 0x7b, 0x7b,
    0x69, 0x19, 0x70, 0x3b, 0xac, 0x03, 0x1c, 0xae, 0x7f, 0x60,
];

fn signer() -> (Ed25519KeyPair, VerifierKey) {
    let pair = Ed25519KeyPair::from_seed_unchecked(&SEED).expect("a valid seed");
    let public: [u8; 32] = pair.public_key().as_ref().try_into().expect("32 bytes");
    (pair, VerifierKey::new("fuzz.example/audit", public).expect("a valid name"))
}

/// A signed note or checkpoint file as someone hands it over; also a verifier key's text.
pub fn signed_note(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (pair, key) = signer();
    // The envelope: what opens is the text before the signatures.
    if let Ok(opened) = key.open(&text) {
        assert!(text.starts_with(opened) && opened.ends_with('\n'));
    }
    // The checkpoint parser behind a valid signature: what parses is written back the same.
    if text.ends_with('\n') && !text.chars().any(|c| c.is_control() && c != '\n') {
        let note = sign_note(&text, &key, |message| pair.sign(message).as_ref().try_into().expect("64 bytes"));
        let opened = key.open(&note).expect("our own signature opens");
        assert_eq!(opened, text);
        if let Ok(checkpoint) = key.open_checkpoint(&note) {
            assert_eq!(Checkpoint::parse(&checkpoint.body()), Ok(checkpoint.clone()));
            assert_eq!(checkpoint.body(), text, "a checkpoint text has one spelling");
        }
    }
    if let Ok(parsed) = VerifierKey::parse(&text) {
        assert_eq!(VerifierKey::parse(&parsed.to_string()).map(|key| key.to_string()), Ok(parsed.to_string()));
    }
}

/// An encoded event, as a proof file carries it: decoding is one-to-one with encoding.
pub fn audit_event(data: &[u8]) {
    if let Ok(event) = AuditEvent::decode(data) {
        assert_eq!(event.encode(), data, "an event has one encoding");
    }
}

/// Proof checks with sizes, indexes and hashes an outsider chose: they never panic, and a path
/// of the wrong length or for an index outside the tree never holds.
pub fn merkle_proofs(data: &[u8]) {
    let number = |at: usize| data.get(at..at + 8).map_or(0, |bytes| u64::from_be_bytes(bytes.try_into().expect("8 bytes")));
    let (first, second) = (number(0), number(8));
    let hashes: Vec<Hash> = data.get(16..).unwrap_or_default().chunks_exact(32).map(|chunk| chunk.try_into().expect("32 bytes")).collect();
    let (leaf, root) = (hashes.first().copied().unwrap_or_default(), hashes.last().copied().unwrap_or_default());
    let path = hashes.get(1..hashes.len().saturating_sub(1)).unwrap_or_default();
    let inclusion = verify_inclusion(&leaf, first, second, path, &root);
    if first >= second {
        assert!(inclusion.is_err(), "an index outside the tree was proved");
    }
    if path.len() > 64 {
        assert!(inclusion.is_err(), "a path longer than any tree's was accepted");
    }
    let consistency = verify_consistency(first, second, &leaf, &root, path);
    if first > second {
        assert!(consistency.is_err(), "a shrinking log was proved consistent");
    }
}
