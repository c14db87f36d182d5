//! Fuzz target: a device list, a feed, an end-of-life table or CISA's catalogue as the owner hands it over (`strongroom_app::fuzzing::desk_files`).

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| strongroom_app::fuzzing::desk_files(data));
