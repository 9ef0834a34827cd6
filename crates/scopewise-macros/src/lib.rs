//! The procedural macros of [scopewise](https://docs.rs/scopewise): use them through that
//! crate, which re-exports them and owns every type they build.
//!
//! - `include_catalog!("highlevel")` compiles `data/highlevel/catalog.yaml` and `legacy.yaml`
//!   into a `scopewise::Catalog` value: static record tables and phf perfect-hash maps.
//! - `include_catalog!("sfmc")` compiles `data/sfmc/catalog.yaml` (Salesforce Marketing Cloud
//!   Engagement) into a `scopewise::sfmc::Catalog`: groups, tokens, SOAP objects and phf maps.
//! - `endpoint!(GET "/contacts/{contactId}")`, `scope!("contacts.readonly")` and
//!   `webhook!("ContactCreate")` check a name
//!   against the dataset while compiling and expand to a constant `&'static` reference.
//!
//! The dataset is found from this crate's own manifest directory (`../../data/<provider>/`),
//! never the caller's, so the macros work from any crate. The macros never panic: every
//! problem is a compile error pointing at the user's literal, and problems with the data name
//! the YAML file, the entry and the field.
#![deny(
    missing_docs,
    missing_debug_implementations,
    rustdoc::broken_intra_doc_links
)]

// The stages every macro goes through, in order: its arguments, the provider's data loaded
// and validated (the validation itself is scopewise_model::validate), the expansion.
mod args;
mod expand;
mod load;

use proc_macro::TokenStream;

/// Compiles a provider's dataset into a `scopewise::Catalog` expression.
///
/// `include_catalog!("highlevel")` reads `data/highlevel/`; `include_catalog!("highlevel",
/// path = "dir")` reads `dir/catalog.yaml` and `dir/legacy.yaml`, `dir` being relative to the
/// repository root or absolute. `include_catalog!("sfmc")` (optionally with `path`) reads
/// `data/sfmc/catalog.yaml` into a `scopewise::sfmc::Catalog` instead;
/// `include_catalog!(openapi = "spec.yaml")` compiles a user's OpenAPI spec (relative to the
/// invoking file). See `scopewise::include_catalog` for examples.
#[proc_macro]
pub fn include_catalog(input: TokenStream) -> TokenStream {
    expand::include_catalog(input.into()).into()
}

/// A compile-time checked `&'static scopewise::Endpoint`: `endpoint!(GET "/contacts/{id}")`,
/// optionally with a provider: `endpoint!(highlevel: GET "/contacts/{id}")`.
/// See `scopewise::endpoint` for examples.
#[proc_macro]
pub fn endpoint(input: TokenStream) -> TokenStream {
    expand::reference::endpoint(input.into()).into()
}

/// A compile-time checked `&'static scopewise::Webhook`: `webhook!("ContactCreate")`,
/// optionally with a provider: `webhook!(highlevel: "ContactCreate")`.
/// See `scopewise::webhook` for examples.
#[proc_macro]
pub fn webhook(input: TokenStream) -> TokenStream {
    expand::reference::webhook(input.into()).into()
}

/// A compile-time checked `&'static scopewise::Scope`: `scope!("contacts.readonly")`,
/// optionally with a provider: `scope!(highlevel: "contacts.readonly")`;
/// `scope!(sfmc: "email_read")` is a `&'static scopewise::sfmc::Token`.
/// See `scopewise::scope` for examples.
#[proc_macro]
pub fn scope(input: TokenStream) -> TokenStream {
    expand::reference::scope(input.into()).into()
}

/// Not public API: the endpoint keys of a provider as a generated `match` decision tree, for
/// the `lookup` benchmark's comparison with phf.
#[doc(hidden)]
#[proc_macro]
pub fn __endpoint_key_match(input: TokenStream) -> TokenStream {
    expand::key_match::endpoint_key_match(input.into()).into()
}
