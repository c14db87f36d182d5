//! Fuzz target: an uploaded CSV file through both passes of an import (`strongroom_app::fuzzing::csv_import`).

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| strongroom_app::fuzzing::csv_import(data));
