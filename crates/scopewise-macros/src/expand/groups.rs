//! `include_catalog!("sfmc")`: a validated [`SfmcDataset`] as static Rust items.

use proc_macro2::{Literal, Span, TokenStream};
use quote::quote;
use scopewise_model::sfmc::FileDigest;
use scopewise_model::sfmc_vocabulary::{Level, SoapOperation, TokenStatus};

use super::{index_u16, indexed, option_str, path_literal, phf_map, refs};
use crate::load::groups::SfmcDataset;

/// The `scopewise::sfmc::Catalog` expression for a validated dataset. Deterministic: the same
/// dataset gives the same tokens (phf's generator is seeded with a constant).
pub fn generate(d: &SfmcDataset) -> TokenStream {
    let c = &d.catalog;
    let file = path_literal(&d.file);

    let groups = c.groups.iter().enumerate().map(|(i, g)| {
        let index = index_u16(i);
        let (name, prefix) = (&g.name, &g.prefix);
        let prefix_reason = option_str(g.prefix_reason.as_deref());
        let description = option_str(g.description.as_deref());
        let levels = g.levels.iter().map(|l| level(l.level));
        let documented = refs("TOKENS", &d.group_documented[i]);
        let undocumented = refs("TOKENS", &d.group_undocumented[i]);
        let (line, scopes_line) = (
            Literal::u32_unsuffixed(g.line),
            Literal::u32_unsuffixed(g.scopes_line),
        );
        quote! {
            ::scopewise::__private::sfmc::GroupParts {
                index: #index,
                name: #name,
                prefix: #prefix,
                prefix_reason: #prefix_reason,
                description: #description,
                levels: &[#(#levels),*],
                documented: #documented,
                undocumented: #undocumented,
                line: #line,
                scopes_line: #scopes_line,
            }.build()
        }
    });
    let tokens = c.tokens.iter().enumerate().map(|(i, t)| {
        let index = index_u16(i);
        let name = &t.token;
        let status = match t.status {
            TokenStatus::Documented => quote!(::scopewise::sfmc::TokenStatus::Documented),
            TokenStatus::UndocumentedHere => {
                quote!(::scopewise::sfmc::TokenStatus::UndocumentedHere)
            }
        };
        let group = match d.token_group[i] {
            Some(g) => {
                let g = Literal::usize_unsuffixed(g);
                quote!(::core::option::Option::Some(&GROUPS[#g]))
            }
            None => quote!(::core::option::Option::None),
        };
        let token_level = match t.level {
            Some(l) => {
                let l = level(l);
                quote!(::core::option::Option::Some(#l))
            }
            None => quote!(::core::option::Option::None),
        };
        // "Email Read": how the page would name the token, for people who type that.
        let display_name = d.token_group[i]
            .zip(t.level)
            .map(|(g, l)| format!("{} {}", c.groups[g].name, l.page_word()));
        let display_name = option_str(display_name.as_deref());
        let line = match t.line {
            Some(l) => {
                let l = Literal::u32_unsuffixed(l);
                quote!(::core::option::Option::Some(#l))
            }
            None => quote!(::core::option::Option::None),
        };
        let evidence = option_str(t.evidence.as_deref());
        let reason = option_str(t.reason.as_deref());
        quote! {
            ::scopewise::__private::sfmc::TokenParts {
                index: #index,
                name: #name,
                status: #status,
                group: #group,
                level: #token_level,
                display_name: #display_name,
                line: #line,
                evidence: #evidence,
                reason: #reason,
            }.build()
        }
    });
    let soap_objects = c.soap_objects.iter().enumerate().map(|(i, o)| {
        let index = index_u16(i);
        let (name, description) = (&o.object, &o.description);
        let operations = o.operations.iter().map(|&op| operation(op));
        let line = Literal::u32_unsuffixed(o.line);
        quote! {
            ::scopewise::__private::sfmc::SoapObjectParts {
                index: #index,
                name: #name,
                operations: &[#(#operations),*],
                description: #description,
                line: #line,
            }.build()
        }
    });
    let (n_groups, n_tokens, n_soap) = (
        Literal::usize_unsuffixed(c.groups.len()),
        Literal::usize_unsuffixed(c.tokens.len()),
        Literal::usize_unsuffixed(c.soap_objects.len()),
    );
    // Keys are unique (validated), so phf_codegen's duplicate-key panic cannot fire; entries
    // go in in table order for determinism.
    let token_names = phf_map(indexed(c.tokens.iter().map(|t| t.token.as_str())));
    let group_names = phf_map(indexed(c.groups.iter().map(|g| g.name.as_str())));
    let soap_names = phf_map(indexed(c.soap_objects.iter().map(|o| o.object.as_str())));
    let (provider, fingerprint) = (&c.provider, &c.fingerprint);
    let (source, mapping) = (source(&c.source), source(&c.mapping));

    quote! {{
        // Cargo rebuilds the tables whenever the dataset changes.
        const _: &[u8] = ::core::include_bytes!(#file);

        static GROUPS: [::scopewise::sfmc::Group; #n_groups] = [#(#groups),*];
        static TOKENS: [::scopewise::sfmc::Token; #n_tokens] = [#(#tokens),*];
        static SOAP_OBJECTS: [::scopewise::sfmc::SoapObject; #n_soap] = [#(#soap_objects),*];
        static TOKEN_NAMES: ::scopewise::__private::phf::Map<&'static str, u16> = #token_names;
        static GROUP_NAMES: ::scopewise::__private::phf::Map<&'static str, u16> = #group_names;
        static SOAP_NAMES: ::scopewise::__private::phf::Map<&'static str, u16> = #soap_names;

        ::scopewise::__private::sfmc::CatalogParts {
            provider: #provider,
            fingerprint: #fingerprint,
            source: #source,
            mapping: #mapping,
            groups: &GROUPS,
            tokens: &TOKENS,
            soap_objects: &SOAP_OBJECTS,
            token_names: &TOKEN_NAMES,
            group_names: &GROUP_NAMES,
            soap_names: &SOAP_NAMES,
        }.build()
    }}
}

fn level(l: Level) -> TokenStream {
    let variant = syn::Ident::new(l.page_word(), Span::call_site());
    quote!(::scopewise::sfmc::Level::#variant)
}

fn operation(op: SoapOperation) -> TokenStream {
    let variant = syn::Ident::new(op.as_str(), Span::call_site());
    quote!(::scopewise::sfmc::SoapOperation::#variant)
}

fn source(s: &FileDigest) -> TokenStream {
    let (path, sha256) = (&s.path, &s.sha256);
    let lines = Literal::u32_unsuffixed(s.lines);
    quote! {
        ::scopewise::sfmc::SourceFile { path: #path, sha256: #sha256, lines: #lines }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;

    /// The whole expansion of the small fixture, formatted, for review.
    #[test]
    fn expansion_of_the_sfmc_basic_fixture() {
        let dir = load::resolve_dir("crates/scopewise-macros/tests/fixtures/sfmc-basic");
        let expr = super::super::include_groups(&dir, "sfmc", Span::call_site());
        // The machine's checkout path is replaced before formatting, so that line breaks (and
        // the snapshot) do not depend on where the repository is.
        let root = load::workspace_root().to_string_lossy().into_owned();
        let item = quote!(static CATALOG: ::scopewise::sfmc::Catalog = #expr;)
            .to_string()
            .replace(&root, "$WORKSPACE");
        let file: syn::File = syn::parse_str(&item).expect("the expansion is a valid item");
        insta::assert_snapshot!(prettyplease::unparse(&file));
    }

    #[test]
    fn expansion_is_deterministic_and_tracks_the_file() {
        let dir = load::data_dir("sfmc");
        let file = dir.join("catalog.yaml");
        let bytes = std::fs::read(&file).unwrap();
        let a = generate(&crate::load::groups::parse(file.clone(), &bytes, "sfmc").unwrap())
            .to_string();
        let b = generate(&crate::load::groups::parse(file.clone(), &bytes, "sfmc").unwrap())
            .to_string();
        assert_eq!(a, b);
        assert!(a.contains("include_bytes !"), "{a}");
        assert!(a.contains(&*file.to_string_lossy()), "{a}");
        assert!(a.contains("display_name : :: core :: option :: Option :: Some (\"Journeys (Interactions) Execute\")"), "{a}");
        assert!(
            a.contains("static TOKENS : [:: scopewise :: sfmc :: Token ; 58]"),
            "{a}"
        );
    }
}
