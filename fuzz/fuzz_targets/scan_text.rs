#![no_main]
//! See `scopewise_fuzz::check_scan_text` for the input format and the invariants.

libfuzzer_sys::fuzz_target!(|data: &[u8]| scopewise_fuzz::check_scan_text(data));
