//! Fuzz target: an encoded audit event as a proof file carries it (`strongroom_audit::fuzzing::audit_event`).

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| strongroom_audit::fuzzing::audit_event(data));
