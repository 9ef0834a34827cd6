//! Compile-fail tests: what a user sees when a name or the dataset is wrong.
//!
//! Each `ui/*.rs` has a reviewed `ui/*.stderr`. After an intended change to a message, run
//! `TRYBUILD=overwrite cargo test -p scopewise --test ui` and review the diff.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
