//! The last stage: validated data as tokens. `include_catalog!` becomes a static catalog
//! (`endpoints` or `groups`, by the provider's capability); `endpoint!`, `scope!` and
//! `webhook!` become constant references into one (`reference`, `group_reference`).
//!
//! Every expansion is deterministic: the same dataset gives the same tokens (phf's generator
//! is seeded with a constant).

pub mod endpoints;
pub mod group_reference;
pub mod groups;
pub mod key_match;
pub mod reference;

use std::path::Path;

use proc_macro2::{Literal, Span, TokenStream};
use quote::{ToTokens, quote};
use scopewise_model::providers::{self, Capability, ProviderInfo};
use syn::{Ident, LitStr};

use crate::args::CatalogArgs;
use crate::load::{self, DataError};

/// Where the generated code finds phf: through the runtime crate, so users need not depend
/// on phf themselves.
const PHF_PATH: &str = "::scopewise::__private::phf";

/// The whole of `include_catalog!`: arguments, the provider and its capability, load and
/// validate, expand; every failure a compile error.
pub fn include_catalog(input: TokenStream) -> TokenStream {
    let args: CatalogArgs = match syn::parse2(input) {
        Ok(args) => args,
        Err(err) => return err.into_compile_error(),
    };
    if let Some(spec) = &args.openapi {
        let path = load::spec::resolve(&spec.value());
        return match load::spec::load(&path) {
            Ok(dataset) => endpoints::generate(&dataset),
            Err(errors) => invalid_dataset(spec.span(), &errors),
        };
    }
    let provider = args.provider.value();
    let Some(info) = providers::find(&provider) else {
        let message = providers::unknown_provider_message(&provider);
        return syn::Error::new(args.provider.span(), message).into_compile_error();
    };
    let (dir, span) = match &args.path {
        Some(path) => (load::resolve_dir(&path.value()), path.span()),
        None => (load::data_dir(info.name), args.provider.span()),
    };
    match info.capability {
        Capability::Endpoints => match load::endpoints::load(&dir, info.name) {
            Ok(dataset) => endpoints::generate(&dataset),
            Err(errors) => invalid_dataset(span, &errors),
        },
        Capability::Groups => include_groups(&dir, info.name, span),
    }
}

/// `include_catalog!` of a provider of token groups.
fn include_groups(dir: &Path, provider: &str, span: Span) -> TokenStream {
    match load::groups::load(dir, provider) {
        Ok(dataset) => groups::generate(&dataset),
        Err(errors) => invalid_dataset(span, &errors),
    }
}

/// Every problem of a dataset as one compile error at `span`, in an expression that still
/// has the catalog's type, so the user sees these errors and not a cascade.
fn invalid_dataset(span: Span, errors: &[DataError]) -> TokenStream {
    let mut combined: Option<syn::Error> = None;
    for e in errors {
        let e = syn::Error::new(span, e);
        match &mut combined {
            Some(c) => c.combine(e),
            None => combined = Some(e),
        }
    }
    let error = combined.map(syn::Error::into_compile_error);
    quote! {{
        #error
        ::core::panic!("scopewise: the dataset is invalid")
    }}
}

/// The runtime static a provider's references point into:
/// `::scopewise::catalogs::<name>::CATALOG`, which the runtime generates for every provider.
fn catalog_static(info: &ProviderInfo) -> TokenStream {
    let module = Ident::new(info.name, Span::call_site());
    quote!(::scopewise::catalogs::#module::CATALOG)
}

/// A phf map from each key to its record's `u16` index.
fn phf_map<'a>(entries: impl Iterator<Item = (&'a str, usize)>) -> TokenStream {
    let mut map = phf_codegen::Map::<&str>::new();
    map.phf_path(PHF_PATH);
    for (key, index) in entries {
        map.entry(key, format!("{index}u16"));
    }
    map.build().into_token_stream()
}

/// Each key with its position: the entries of a map over a table in file order.
fn indexed<'a>(keys: impl Iterator<Item = &'a str>) -> impl Iterator<Item = (&'a str, usize)> {
    keys.enumerate().map(|(index, key)| (key, index))
}

/// Validation guarantees every table fits `u16`.
fn index_u16(i: usize) -> Literal {
    Literal::u16_suffixed(u16::try_from(i).unwrap_or(u16::MAX))
}

/// `&[&table[i], ...]`: references into a generated table.
fn refs(table: &str, indices: &[usize]) -> TokenStream {
    let table = syn::Ident::new(table, Span::call_site());
    let indices = indices.iter().map(|&i| Literal::usize_unsuffixed(i));
    quote!(&[#(&#table[#indices]),*])
}

/// `Some("..")` or `None`.
fn option_str(value: Option<&str>) -> TokenStream {
    match value {
        Some(s) => quote!(::core::option::Option::Some(#s)),
        None => quote!(::core::option::Option::None),
    }
}

/// A path as a string literal.
fn path_literal(path: &Path) -> LitStr {
    LitStr::new(&path.to_string_lossy(), Span::call_site())
}
