//! The dataset contract of scopewise: endpoint templates and the serde types of the YAML
//! dataset under `data/<provider>/`.
//!
//! ```
//! use scopewise_model::template::Template;
//!
//! let t = Template::parse("/contacts/:contactId").unwrap();
//! assert_eq!(t.to_string(), "/contacts/{contactId}");
//! ```
//!
//! The crate has one job: to be the single definition of what the data means, shared by the
//! `xtask` ingest that writes it, the `scopewise-macros` generator that compiles it, and the
//! `scopewise` runtime that normalizes queries the same way.
#![deny(
    missing_docs,
    missing_debug_implementations,
    rustdoc::broken_intra_doc_links
)]

pub mod access;
#[cfg(feature = "serde")]
pub mod dataset;
pub mod providers;
pub mod route_table;
pub mod scope_status;
#[cfg(feature = "serde")]
pub mod sfmc;
pub mod sfmc_vocabulary;
pub mod suggest;
pub mod template;
#[cfg(feature = "serde")]
pub mod validate;
pub mod wording;
pub mod words;
