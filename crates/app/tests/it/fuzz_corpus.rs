//! Replays the fuzz corpus (`fuzz/corpus/<target>/`) through the fuzz targets' bodies, so that
//! every input the fuzzer kept, and every crash it found (added there once fixed), is checked
//! on every `cargo test`, on the stable toolchain.

use std::path::Path;

fn replay(target: &str, body: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus").join(target);
    let mut replayed = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|error| panic!("{}: {error}", dir.display())) {
        let path = entry.unwrap().path();
        let input = std::fs::read(&path).unwrap();
        if std::panic::catch_unwind(|| body(&input)).is_err() {
            panic!("the fuzz target {target} fails on {}", path.display());
        }
        replayed += 1;
    }
    assert!(replayed > 0, "an empty corpus tests nothing");
}

#[test]
fn signed_notes_and_keys() {
    replay("signed_note", strongroom_audit::fuzzing::signed_note);
}

#[test]
fn encoded_events() {
    replay("audit_event", strongroom_audit::fuzzing::audit_event);
}

#[test]
fn proofs_with_chosen_sizes_and_hashes() {
    replay("merkle_proofs", strongroom_audit::fuzzing::merkle_proofs);
}

#[test]
fn typed_and_imported_values() {
    replay("text_values", strongroom_domain::fuzzing::text_values);
}

#[test]
fn the_desks_files_from_outside() {
    replay("desk_files", strongroom_app::fuzzing::desk_files);
}

#[test]
fn uploaded_csv_files() {
    replay("csv_import", strongroom_app::fuzzing::csv_import);
}
