//! End-to-end tests live in `tests/tests/`. This library only compiles the repository
//! README's Rust examples as doc tests, so the README cannot drift from the API.
#![doc = include_str!("../../README.md")]
