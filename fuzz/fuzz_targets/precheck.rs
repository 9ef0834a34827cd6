#![no_main]
//! See `scopewise_fuzz::check_precheck` for the input format and the invariants.

libfuzzer_sys::fuzz_target!(|data: &[u8]| scopewise_fuzz::check_precheck(data));
