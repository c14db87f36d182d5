//! Fuzz target: values people type or import (`strongroom_domain::fuzzing::text_values`).

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| strongroom_domain::fuzzing::text_values(data));
