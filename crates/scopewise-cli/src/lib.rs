//! The `scopewise` command line, as a library: the binary (`main.rs`, and `commands/`, one
//! file per subcommand) is argument parsing and printing; everything it decides is here, so
//! benchmarks and tests call it directly.
//!
//! - [`manifest`]: `scopewise.yaml`, every value with its line and column;
//! - [`input`]: opening the files a user names (regular files only, size caps);
//! - [`escape`]: the escaping of everything copied from input into output;
//! - [`calls`]: the calls an app makes, from the manifest, a HAR capture or a source scan;
//! - [`lint`]: the findings;
//! - [`render`]: text, JSON and SARIF output;
//! - [`resolve`]: calls to endpoints, names to suggestions, minimal scope sets;
//! - [`sfmc_lint`]: the lint of a Salesforce Marketing Cloud manifest;
//! - [`spec`]: `--spec FILE`, a user's OpenAPI spec as a catalog.
#![deny(
    missing_docs,
    missing_debug_implementations,
    rustdoc::broken_intra_doc_links
)]

pub mod calls;
pub mod escape;
pub mod input;
pub mod lint;
pub mod manifest;
pub mod render;
pub mod resolve;
pub mod sfmc_lint;
pub mod spec;
