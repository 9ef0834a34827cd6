//! `cargo xtask`: the repository's automation, as a library so its parts are unit-tested.
//!
//! - [`highlevel`]: the HighLevel scope tables (current, 2025-10-11, legacy v1) → `data/highlevel/`.
//! - [`reference`](mod@reference): the HighLevel API reference dump (token types, Version header, titles).
//! - [`sfmc`]: the Salesforce Marketing Cloud Engagement scope page → `data/sfmc/`.
//! - [`xero`]: Xero's OpenAPI specs and a curated file → `data/xero/`.
//! - [`validation`]: the generated YAML read back and validated as the macros will.
//! - [`upstream`]: `cargo xtask sources`: the copies in `data/sources/` against `../shared/`.
//! - [`source`]: the [`Source`](source::Source) trait every provider's ingest implements,
//!   the registry of providers, and the header of every generated file.
#![deny(missing_debug_implementations)]

pub mod highlevel;
pub mod reference;
pub mod sfmc;
pub mod source;
pub mod upstream;
pub mod validation;
pub mod xero;
