//! The gate's behaviour, end to end on a real store: every test runs on SQLite, and the ones
//! marked `on_every_backend` on PostgreSQL too when `STRONGROOM_TEST_PG_URL` is set.

mod at_rest;
mod audit;
mod backups;
mod desk;
mod erasure;
mod forged;
mod fuzz_corpus;
mod gate;
mod import;
mod incidents;
mod keys;
mod records;
mod secrets;
mod signin;
mod support;
mod tokens;
mod training;
