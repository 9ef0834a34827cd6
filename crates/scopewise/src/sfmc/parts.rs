//! Not public API: what `include_catalog!("sfmc")` and `scope!(sfmc: ..)` expand to,
//! re-exported as `scopewise::__private::sfmc`. It may change in any release.
// Hidden plumbing for generated code, documented by the types it builds.
#![allow(missing_docs)]

use super::{Catalog, Group, Level, SoapObject, SoapOperation, SourceFile, Token, TokenStatus};

/// The fields of a [`Group`].
#[derive(Debug)]
pub struct GroupParts {
    pub index: u16,
    pub name: &'static str,
    pub prefix: &'static str,
    pub prefix_reason: Option<&'static str>,
    pub description: Option<&'static str>,
    pub levels: &'static [Level],
    pub documented: &'static [&'static Token],
    pub undocumented: &'static [&'static Token],
    pub line: u32,
    pub scopes_line: u32,
}

impl GroupParts {
    pub const fn build(self) -> Group {
        Group { parts: self }
    }
}

/// The fields of a [`Token`].
#[derive(Debug)]
pub struct TokenParts {
    pub index: u16,
    pub name: &'static str,
    pub status: TokenStatus,
    pub group: Option<&'static Group>,
    pub level: Option<Level>,
    pub display_name: Option<&'static str>,
    pub line: Option<u32>,
    pub evidence: Option<&'static str>,
    pub reason: Option<&'static str>,
}

impl TokenParts {
    pub const fn build(self) -> Token {
        Token { parts: self }
    }
}

/// The fields of a [`SoapObject`].
#[derive(Debug)]
pub struct SoapObjectParts {
    pub index: u16,
    pub name: &'static str,
    pub operations: &'static [SoapOperation],
    pub description: &'static str,
    pub line: u32,
}

impl SoapObjectParts {
    pub const fn build(self) -> SoapObject {
        SoapObject { parts: self }
    }
}

/// The fields of a [`Catalog`].
#[derive(Debug)]
pub struct CatalogParts {
    pub provider: &'static str,
    pub fingerprint: &'static str,
    pub source: SourceFile,
    pub mapping: SourceFile,
    pub groups: &'static [Group],
    pub tokens: &'static [Token],
    pub soap_objects: &'static [SoapObject],
    pub token_names: &'static phf::Map<&'static str, u16>,
    pub group_names: &'static phf::Map<&'static str, u16>,
    pub soap_names: &'static phf::Map<&'static str, u16>,
}

impl CatalogParts {
    pub const fn build(self) -> Catalog {
        Catalog { parts: self }
    }
}

/// The token at `index`, which must be named `name`.
///
/// `scope!(sfmc: ..)` calls this in a `const` block with the index and name it found in the
/// YAML, so a catalog compiled from other data than the macro read fails the build instead of
/// naming the wrong token.
pub const fn token_checked(catalog: &'static Catalog, index: usize, name: &str) -> &'static Token {
    let tokens = catalog.tokens();
    if index >= tokens.len() || !crate::__private::str_eq(tokens[index].name(), name) {
        panic!("scopewise: the catalog differs from the dataset `scope!(sfmc: ..)` read; rebuild");
    }
    &tokens[index]
}
