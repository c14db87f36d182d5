#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| strongroom_app::fuzzing::csv_import(data));
