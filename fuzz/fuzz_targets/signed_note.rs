//! Fuzz target: signed notes, checkpoints and verifier keys from outside (`strongroom_audit::fuzzing::signed_note`).

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| strongroom_audit::fuzzing::signed_note(data));
