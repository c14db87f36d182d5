//! Fuzz target: inclusion and consistency proofs, real and chosen (`strongroom_audit::fuzzing::merkle_proofs`).

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| strongroom_audit::fuzzing::merkle_proofs(data));
