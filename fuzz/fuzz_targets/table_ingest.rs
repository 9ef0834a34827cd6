#![no_main]
//! See `scopewise_fuzz::check_table_ingest` for the input format and the invariants.

libfuzzer_sys::fuzz_target!(|data: &[u8]| scopewise_fuzz::check_table_ingest(data));
