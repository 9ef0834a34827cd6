#![no_main]
//! See `scopewise_fuzz::check_har` for the input format and the invariants.

libfuzzer_sys::fuzz_target!(|data: &[u8]| scopewise_fuzz::check_har(data));
