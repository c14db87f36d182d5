//! Bodies of the fuzz targets in `fuzz/` for what this crate parses from outside: signed notes
//! and checkpoints (a witness file, a proof file), encoded events (inside a proof file) and
//! proofs with sizes and hashes an outsider chose. `cargo fuzz` explores them; the module
//! `app/tests/it/fuzz_corpus.rs` replays the checked-in corpus on every `cargo test`.
//!
//! Each body panics only when a property fails: parsing never panics, and what parses comes
//! out the same when written back.

use aws_lc_rs::signature::{Ed25519KeyPair, KeyPair};

use crate::{
    AuditEvent, Checkpoint, Hash, MemoryTree, VerifierKey, consistency_proof, inclusion_proof, leaf_hash, sign_note, verify_consistency,
    verify_inclusion,
};

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

/// Proofs, real and chosen: a tree of up to 300 leaves drawn from the input gives inclusion and
/// consistency proofs that hold, and the same proofs with one bit changed or one hash left out
/// (as the input says) do not; proofs with sizes and hashes the input chose never panic.
pub fn merkle_proofs(data: &[u8]) {
    let byte = |at: usize| data.get(at).copied().unwrap_or(0);
    let number = |at: usize| data.get(at..at + 8).map_or(0, |bytes| u64::from_be_bytes(bytes.try_into().expect("8 bytes")));

    // Chosen by the input: whatever the numbers, nothing panics.
    let hashes: Vec<Hash> = data.get(16..).unwrap_or_default().chunks_exact(32).map(|chunk| chunk.try_into().expect("32 bytes")).collect();
    let (leaf, root) = (hashes.first().copied().unwrap_or_default(), hashes.last().copied().unwrap_or_default());
    let path = hashes.get(1..hashes.len().saturating_sub(1)).unwrap_or_default();
    let _ = verify_inclusion(&leaf, number(0), number(8), path, &root);
    let _ = verify_consistency(number(0), number(8), &leaf, &root, path);

    // Real: a tree whose leaves are the input's bytes, one leaf each.
    let size = u64::from(byte(0)) + u64::from(byte(1)) % 45 + 1;
    let leaves: Vec<Hash> = (0..size).map(|n| leaf_hash(&[byte(2 + n as usize), n as u8])).collect();
    let tree = MemoryTree::from_leaves(leaves.iter().copied());
    let index = u64::from(byte(2)) % size;
    let old_size = u64::from(byte(3)) % size + 1;
    let root = tree.root(size).expect("the whole tree");
    let old_root = tree.root(old_size).expect("a prefix");
    let inclusion = inclusion_proof(&tree, index, size).expect("a proof of a leaf in the tree");
    let consistency = consistency_proof(&tree, old_size, size).expect("a proof of a prefix");
    assert_eq!(verify_inclusion(&leaves[index as usize], index, size, &inclusion, &root), Ok(()));
    assert_eq!(verify_consistency(old_size, size, &old_root, &root, &consistency), Ok(()));

    // One change, as the input picks it, and neither holds any more.
    let bit = |hash: &mut Hash| hash[usize::from(byte(4)) % 32] ^= 1 << (byte(5) % 8);
    let mut leaf = leaves[index as usize];
    bit(&mut leaf);
    assert!(verify_inclusion(&leaf, index, size, &inclusion, &root).is_err(), "a changed leaf was proved");
    if !inclusion.is_empty() {
        let mut changed = inclusion.clone();
        bit(&mut changed[usize::from(byte(6)) % inclusion.len()]);
        assert!(verify_inclusion(&leaves[index as usize], index, size, &changed, &root).is_err(), "a changed path held");
        assert!(verify_inclusion(&leaves[index as usize], index, size, &inclusion[1..], &root).is_err(), "a short path held");
    }
    let mut changed_root = root;
    bit(&mut changed_root);
    assert!(verify_consistency(old_size, size, &old_root, &changed_root, &consistency).is_err(), "a changed root held");
    if !consistency.is_empty() {
        let mut changed = consistency.clone();
        bit(&mut changed[usize::from(byte(7)) % consistency.len()]);
        assert!(verify_consistency(old_size, size, &old_root, &root, &changed).is_err(), "a changed consistency proof held");
    }
}
