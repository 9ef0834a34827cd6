//! The expansion of `include_catalog!` for a provider of REST endpoints: a validated
//! [`Dataset`] as static Rust items.

use proc_macro2::{Literal, Span, TokenStream};
use quote::{ToTokens, quote};
use scopewise_model::access::Access;
use scopewise_model::dataset::{Auth, HttpMethod, Provenance, SourceRecord};
use scopewise_model::route_table::{self, RouteNode, RouteSlot};
use scopewise_model::scope_status::ScopeStatus;

use super::{index_u16, option_str, path_literal, phf_map, refs};
use crate::load::endpoints::Dataset;

/// The catalog expression for a validated dataset. Deterministic: the same dataset gives the
/// same tokens (phf's generator is seeded with a constant).
pub fn generate(d: &Dataset) -> TokenStream {
    let c = &d.catalog;
    let catalog_file = path_literal(&d.catalog_file);
    let legacy_file = path_literal(&d.legacy_file);

    let endpoints = c.endpoints.iter().enumerate().map(|(i, e)| {
        let index = index_u16(i);
        let method = method(e.method);
        let template = &e.path;
        let key = &d.endpoint_keys[i];
        let scopes = refs("SCOPES", &d.endpoint_scopes[i]);
        let access = access(&e.access);
        let webhooks = refs("WEBHOOKS", &d.endpoint_webhooks[i]);
        let provenance = provenance(&e.provenance);
        let reference = e.reference.as_ref();
        let title = option_str(reference.and_then(|r| r.title.as_deref()));
        let version = option_str(reference.and_then(|r| r.version.as_deref()));
        let oauth_access = self::access(reference.map_or(&[][..], |r| &r.oauth));
        let private_integration_access =
            self::access(reference.map_or(&[][..], |r| &r.private_integration));
        let reference_line = match reference {
            Some(r) => {
                let line = Literal::u32_unsuffixed(r.line);
                quote!(::core::option::Option::Some(#line))
            }
            None => quote!(::core::option::Option::None),
        };
        let deprecated =
            reference.is_some_and(|r| r.deprecated) || e.openapi.iter().any(|o| o.deprecated);
        let auth = match e.auth {
            Auth::Scopes => quote!(::scopewise::Auth::Scopes),
            Auth::None => quote!(::scopewise::Auth::None),
            Auth::Token => quote!(::scopewise::Auth::Token),
        };
        // A spec that lists the operation without a `Version` header does not constrain it.
        let versions: std::collections::BTreeSet<&str> =
            if e.openapi.iter().any(|o| o.versions.is_empty()) {
                Default::default()
            } else {
                e.openapi
                    .iter()
                    .flat_map(|o| o.versions.iter().map(String::as_str))
                    .collect()
            };
        let versions = versions.into_iter();
        let v3_only = !e.openapi.is_empty()
            && e.openapi.iter().all(|o| {
                o.version_added.as_deref() == Some("v3") || o.source.starts_with("openapi-v3/")
            })
            && !e
                .provenance
                .iter()
                .any(|p| !p.source.starts_with("openapi-"));
        let replacement = option_str(e.openapi.iter().find_map(|o| o.replacement.as_deref()));
        quote! {
            ::scopewise::Endpoint::__new(::scopewise::__private::EndpointParts {
                index: #index,
                method: #method,
                template: #template,
                key: #key,
                scopes: #scopes,
                access: #access,
                webhooks: #webhooks,
                provenance: #provenance,
                title: #title,
                version: #version,
                oauth_access: #oauth_access,
                private_integration_access: #private_integration_access,
                reference_line: #reference_line,
                deprecated: #deprecated,
                auth: #auth,
                versions: &[#(#versions),*],
                v3_only: #v3_only,
                replacement: #replacement,
            })
        }
    });
    let scopes = c.scopes.iter().enumerate().map(|(i, s)| {
        let index = index_u16(i);
        let name = &s.name;
        let status = match s.status {
            ScopeStatus::Current => quote!(::scopewise::ScopeStatus::Current),
            ScopeStatus::LegacyOnly => quote!(::scopewise::ScopeStatus::LegacyOnly),
            ScopeStatus::OpenapiOnly => quote!(::scopewise::ScopeStatus::OpenapiOnly),
        };
        let access = access(&s.access);
        let endpoints = refs("ENDPOINTS", &d.scope_endpoints[i]);
        let webhooks = refs("WEBHOOKS", &d.scope_webhooks[i]);
        let spellings = &s.spellings;
        let provenance = provenance(&s.provenance);
        quote! {
            ::scopewise::Scope::__new(::scopewise::__private::ScopeParts {
                index: #index,
                name: #name,
                status: #status,
                access: #access,
                endpoints: ::scopewise::__private::Links::Static(#endpoints),
                webhooks: ::scopewise::__private::Links::Static(#webhooks),
                spellings: &[#(#spellings),*],
                provenance: #provenance,
            })
        }
    });
    let webhooks = c.webhooks.iter().enumerate().map(|(i, w)| {
        let index = index_u16(i);
        let event = &w.event;
        let scopes = refs("SCOPES", &d.webhook_scopes[i]);
        let access = access(&w.access);
        let provenance = provenance(&w.provenance);
        quote! {
            ::scopewise::Webhook::__new(::scopewise::__private::WebhookParts {
                index: #index,
                event: #event,
                scopes: #scopes,
                access: #access,
                provenance: #provenance,
            })
        }
    });
    let sources = c.sources.iter().map(source);
    let (n_endpoints, n_scopes, n_webhooks, n_sources) = (
        Literal::usize_unsuffixed(c.endpoints.len()),
        Literal::usize_unsuffixed(c.scopes.len()),
        Literal::usize_unsuffixed(c.webhooks.len()),
        Literal::usize_unsuffixed(c.sources.len()),
    );

    // Maps are built from the validated indexes, whose keys are unique, so phf_codegen's
    // duplicate-key panic cannot fire. Entries are added in table order for determinism.
    let endpoint_keys = phf_map(
        d.endpoint_keys
            .iter()
            .enumerate()
            .map(|(i, k)| (k.as_str(), i)),
    );
    let mut scope_names: Vec<(&str, usize)> = d
        .scope_index
        .iter()
        .map(|(k, &v)| (k.as_str(), v))
        .collect();
    scope_names.sort_unstable_by(|a, b| (a.1, a.0).cmp(&(b.1, b.0)));
    let scope_names = phf_map(scope_names.into_iter());
    let webhook_events = phf_map(
        c.webhooks
            .iter()
            .enumerate()
            .map(|(i, w)| (w.event.as_str(), i)),
    );

    let legacy = legacy(d);
    let routes = match route_tables(d) {
        Ok(routes) => routes,
        Err(error) => return error,
    };
    let (provider, api_host, fingerprint) = (&c.provider, &c.api_host, &c.fingerprint);
    let user_permission_scopes = &c.user_permission_scopes;
    let token_types = access(&c.token_types);

    quote! {{
        // Cargo rebuilds the tables whenever the dataset changes.
        const _: &[u8] = ::core::include_bytes!(#catalog_file);
        const _: &[u8] = ::core::include_bytes!(#legacy_file);

        static ENDPOINTS: [::scopewise::Endpoint; #n_endpoints] = [#(#endpoints),*];
        static SCOPES: [::scopewise::Scope; #n_scopes] = [#(#scopes),*];
        static WEBHOOKS: [::scopewise::Webhook; #n_webhooks] = [#(#webhooks),*];
        static SOURCES: [::scopewise::Source; #n_sources] = [#(#sources),*];
        static ENDPOINT_KEYS: ::scopewise::__private::phf::Map<&'static str, u16> = #endpoint_keys;
        static SCOPE_NAMES: ::scopewise::__private::phf::Map<&'static str, u16> = #scope_names;
        static WEBHOOK_EVENTS: ::scopewise::__private::phf::Map<&'static str, u16> = #webhook_events;
        #routes

        ::scopewise::Catalog::__new(::scopewise::__private::CatalogParts {
            provider: #provider,
            api_host: #api_host,
            token_types: #token_types,
            fingerprint: #fingerprint,
            sources: &SOURCES,
            endpoints: &ENDPOINTS,
            scopes: &SCOPES,
            webhooks: &WEBHOOKS,
            endpoint_keys: &ENDPOINT_KEYS,
            scope_names: &SCOPE_NAMES,
            webhook_events: &WEBHOOK_EVENTS,
            legacy: #legacy,
            user_permission_scopes: &[#(#user_permission_scopes),*],
            router: ::scopewise::Router::__new(
                &ENDPOINTS,
                #provider,
                #api_host,
                &ROUTE_NODES,
                &ROUTE_SLOTS,
                &ROUTE_TEXTS,
            ),
        })
    }}
}

/// The router's tables (`ROUTE_NODES`, `ROUTE_SLOTS`, `ROUTE_TEXTS`), built here so that
/// nothing is built at run time; a template the router cannot follow is a compile error that
/// names it.
fn route_tables(d: &Dataset) -> Result<TokenStream, TokenStream> {
    let endpoints = &d.catalog.endpoints;
    let routes = endpoints
        .iter()
        .map(|e| (e.method.as_str(), e.path.as_str()));
    // The dataset's validation built the same table, so this cannot fail; were it to, the
    // error is still a compile error, never a panic.
    let table = route_table::build(routes).map_err(|error| {
        let e = &endpoints[error.index()];
        let message = format!(
            "{}: endpoint `{} {}` cannot be routed: {error}",
            d.catalog_file.display(),
            e.method.as_str(),
            e.path
        );
        syn::Error::new(Span::call_site(), message).into_compile_error()
    })?;
    let n_nodes = table.nodes.len();
    let n_slots = table.slots.len();
    let nodes = table.nodes.iter().map(|n| {
        let RouteNode {
            endpoint,
            param,
            table,
            bits,
            probes,
            seed,
            prefix,
        } = *n;
        let (endpoint, param, seed, prefix) = (
            index_or_none(endpoint),
            index_or_none(param),
            hex(seed),
            hex(prefix),
        );
        quote! {
            ::scopewise::__private::RouteNode {
                endpoint: #endpoint, param: #param, table: #table, bits: #bits,
                probes: #probes, seed: #seed, prefix: #prefix,
            }
        }
    });
    let slots = table.slots.iter().map(|s| {
        let RouteSlot {
            lo,
            lo_mask,
            hi,
            len,
            child,
        } = *s;
        let (lo, lo_mask, hi, child) = (hex(lo), hex(lo_mask), hex(hi), index_or_none(child));
        quote! {
            ::scopewise::__private::RouteSlot {
                lo: #lo, lo_mask: #lo_mask, hi: #hi, len: #len, child: #child,
            }
        }
    });
    let texts = &table.texts;
    Ok(quote! {
        static ROUTE_NODES: [::scopewise::__private::RouteNode; #n_nodes] = [#(#nodes),*];
        static ROUTE_SLOTS: [::scopewise::__private::RouteSlot; #n_slots] = [#(#slots),*];
        static ROUTE_TEXTS: [&str; #n_slots] = [#(#texts),*];
    })
}

/// A node or endpoint index of the route tables, with `NONE` by name.
fn index_or_none(i: u32) -> TokenStream {
    if i == route_table::NONE {
        quote!(::scopewise::__private::ROUTE_NONE)
    } else {
        Literal::u32_unsuffixed(i).into_token_stream()
    }
}

/// A 64-bit word of the route tables in hex, so an expansion reads as bytes.
fn hex(word: u64) -> TokenStream {
    syn::LitInt::new(&format!("0x{word:016x}"), Span::call_site()).into_token_stream()
}

fn legacy(d: &Dataset) -> TokenStream {
    let l = &d.legacy;
    let source = source(&l.source);
    let scopes = l.scopes.iter().map(|s| {
        let name = &s.name;
        let status = match s.status {
            ScopeStatus::Current => quote!(::scopewise::ScopeStatus::Current),
            ScopeStatus::LegacyOnly => quote!(::scopewise::ScopeStatus::LegacyOnly),
            ScopeStatus::OpenapiOnly => quote!(::scopewise::ScopeStatus::OpenapiOnly),
        };
        let access = access(&s.access);
        let (endpoints, webhooks) = (&s.endpoints, &s.webhooks);
        quote! {
            ::scopewise::LegacyScope {
                name: #name,
                status: #status,
                access: #access,
                endpoints: &[#(#endpoints),*],
                webhooks: &[#(#webhooks),*],
            }
        }
    });
    let ch = &l.changes;
    let (scopes_added, scopes_removed) = (&ch.scopes_added, &ch.scopes_removed);
    let (endpoints_added, endpoints_removed) = (&ch.endpoints_added, &ch.endpoints_removed);
    let (webhooks_added, webhooks_removed) = (&ch.webhooks_added, &ch.webhooks_removed);
    let rescope = |r: &scopewise_model::dataset::Rescope| {
        let (item, legacy, current) = (&r.item, &r.legacy, &r.current);
        quote! {
            ::scopewise::Rescope { item: #item, legacy: &[#(#legacy),*], current: &[#(#current),*] }
        }
    };
    let endpoints_rescoped = ch.endpoints_rescoped.iter().map(rescope);
    let webhooks_rescoped = ch.webhooks_rescoped.iter().map(rescope);
    let access_changed = ch.endpoints_access_changed.iter().map(|a| {
        let item = &a.item;
        let (legacy, current) = (access(&a.legacy), access(&a.current));
        quote! {
            ::scopewise::AccessChange { item: #item, legacy: #legacy, current: #current }
        }
    });
    quote! {
        ::scopewise::Legacy {
            source: #source,
            scopes: &[#(#scopes),*],
            changes: ::scopewise::Changes {
                scopes_added: &[#(#scopes_added),*],
                scopes_removed: &[#(#scopes_removed),*],
                endpoints_added: &[#(#endpoints_added),*],
                endpoints_removed: &[#(#endpoints_removed),*],
                endpoints_rescoped: &[#(#endpoints_rescoped),*],
                endpoints_access_changed: &[#(#access_changed),*],
                webhooks_added: &[#(#webhooks_added),*],
                webhooks_removed: &[#(#webhooks_removed),*],
                webhooks_rescoped: &[#(#webhooks_rescoped),*],
            },
        }
    }
}

fn method(m: HttpMethod) -> TokenStream {
    match m {
        HttpMethod::Get => quote!(::scopewise::Method::Get),
        HttpMethod::Post => quote!(::scopewise::Method::Post),
        HttpMethod::Put => quote!(::scopewise::Method::Put),
        HttpMethod::Patch => quote!(::scopewise::Method::Patch),
        HttpMethod::Delete => quote!(::scopewise::Method::Delete),
    }
}

fn access(set: &[Access]) -> TokenStream {
    let members = set.iter().map(|a| match a {
        Access::SubAccount => quote!(.with(::scopewise::Access::SubAccount)),
        Access::Agency => quote!(.with(::scopewise::Access::Agency)),
    });
    quote!(::scopewise::AccessSet::EMPTY #(#members)*)
}

fn provenance(rows: &[Provenance]) -> TokenStream {
    let rows = rows.iter().map(|p| {
        let (source, scope) = (&p.source, &p.scope);
        let line = Literal::u32_unsuffixed(p.line);
        let corrected_by = match &p.corrected_by {
            Some(id) => quote!(::core::option::Option::Some(#id)),
            None => quote!(::core::option::Option::None),
        };
        quote! {
            ::scopewise::Provenance { source: #source, line: #line, scope: #scope, corrected_by: #corrected_by }
        }
    });
    quote!(&[#(#rows),*])
}

fn source(s: &SourceRecord) -> TokenStream {
    let (id, path, sha256) = (&s.id, &s.path, &s.sha256);
    let table_rows = Literal::u32_unsuffixed(s.table_rows);
    quote! {
        ::scopewise::Source { id: #id, path: #path, sha256: #sha256, table_rows: #table_rows }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expand::include_catalog;
    use crate::load;

    fn expand(input: TokenStream) -> String {
        let expr = include_catalog(input);
        // The machine's checkout path is replaced before formatting, so that line breaks (and
        // the snapshot) do not depend on where the repository is.
        let root = load::workspace_root().to_string_lossy().into_owned();
        let item = quote!(static CATALOG: ::scopewise::Catalog = #expr;)
            .to_string()
            .replace(&root, "$WORKSPACE");
        let file: syn::File = syn::parse_str(&item).expect("the expansion is a valid item");
        prettyplease::unparse(&file)
    }

    #[test]
    fn expansion_of_the_basic_fixture() {
        let code = expand(quote!(
            "highlevel",
            path = "crates/scopewise-macros/tests/fixtures/basic"
        ));
        insta::assert_snapshot!(code);
    }

    #[test]
    fn expansion_is_deterministic() {
        let input = quote!(
            "highlevel",
            path = "crates/scopewise-macros/tests/fixtures/basic"
        );
        let first = include_catalog(input.clone()).to_string();
        // Bypass the cache: parse the files again.
        let dir = load::resolve_dir("crates/scopewise-macros/tests/fixtures/basic");
        let (c, l) = (dir.join("catalog.yaml"), dir.join("legacy.yaml"));
        let fresh = load::endpoints::parse(
            c.clone(),
            &std::fs::read(&c).unwrap(),
            l.clone(),
            &std::fs::read(&l).unwrap(),
            "highlevel",
        )
        .unwrap();
        assert_eq!(generate(&fresh).to_string(), first);
    }

    #[test]
    fn bad_arguments_are_compile_errors() {
        for (input, message) in [
            (quote!(42), "expected string literal"),
            (
                quote!("highlevel", dir = "x"),
                "unknown argument `dir`; expected `path =",
            ),
            (quote!("highlevel", path = "x" extra), "unexpected tokens"),
        ] {
            let out = include_catalog(input).to_string();
            assert!(out.contains("compile_error"), "{out}");
            assert!(out.contains(message), "{message} not in {out}");
        }
    }

    #[test]
    fn an_empty_table_gets_an_empty_map() {
        let tokens = phf_map(std::iter::empty()).to_string();
        assert!(tokens.contains("disps : & []"), "{tokens}");
        assert!(tokens.contains("entries : & []"), "{tokens}");
    }

    #[test]
    fn a_malformed_dataset_still_expands_to_a_value() {
        let out = include_catalog(quote!(
            "highlevel",
            path = "crates/scopewise-macros/tests/fixtures/no-such-dir"
        ));
        let text = out.to_string();
        assert!(text.contains("compile_error"), "{text}");
        assert!(
            text.contains("no-such-dir/catalog.yaml: cannot read"),
            "{text}"
        );
        assert!(text.contains("panic"), "{text}");
    }
}
