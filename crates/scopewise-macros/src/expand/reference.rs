//! `endpoint!` and `scope!`: names in source code, checked against the dataset while compiling.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use scopewise_model::providers::Capability;
use scopewise_model::suggest::{self, MAX_SUGGESTIONS};
use scopewise_model::template::{Template, canonical_method};

use crate::args::{EndpointArgs, ProviderArg, ScopeArgs};
use crate::load::{
    self,
    endpoints::{self, Dataset},
};

/// The endpoints dataset of the provider `provider` names, or why there is none.
fn load(provider: &ProviderArg) -> syn::Result<std::sync::Arc<Dataset>> {
    if let Some(spec) = &provider.spec {
        let path = load::spec::resolve(&spec.path.value());
        return load::spec::load(&path).map_err(|errors| {
            let first = errors.first().map(ToString::to_string).unwrap_or_default();
            syn::Error::new(
                spec.path.span(),
                format!("the spec is invalid, so nothing can be checked against it: {first}"),
            )
        });
    }
    let name = provider.info.name;
    if provider.info.capability != Capability::Endpoints {
        // Its scopes grant levels of groups, not REST endpoints or webhook events.
        return Err(syn::Error::new(
            provider.span,
            format!(
                "the {name} catalog has no endpoints or webhook events; check one of its \
                 tokens with `scope!({name}: \"token\")`"
            ),
        ));
    }
    endpoints::load(&load::data_dir(name), name).map_err(|errors| {
        let first = errors.first().map(ToString::to_string).unwrap_or_default();
        syn::Error::new(
            provider.span,
            format!("the {name} dataset is invalid, so nothing can be checked against it: {first}"),
        )
    })
}

/// The static the expansion refers into: the provider's, or the user's spec catalog.
fn catalog_of(provider: &ProviderArg) -> TokenStream {
    match &provider.spec {
        Some(spec) => {
            let path = &spec.catalog;
            quote!(#path)
        }
        None => super::catalog_static(provider.info),
    }
}

pub fn endpoint(input: TokenStream) -> TokenStream {
    syn::parse2::<EndpointArgs>(input)
        .and_then(|args| {
            let dataset = load(&args.provider)?;
            resolve_endpoint(&args, &dataset)
        })
        .unwrap_or_else(syn::Error::into_compile_error)
}

pub fn scope(input: TokenStream) -> TokenStream {
    syn::parse2::<ScopeArgs>(input)
        .and_then(|args| {
            if args.provider.info.capability == Capability::Groups {
                return super::group_reference::scope(&args.provider, &args.name);
            }
            let dataset = load(&args.provider)?;
            resolve_scope(&args, &dataset)
        })
        .unwrap_or_else(syn::Error::into_compile_error)
}

pub fn webhook(input: TokenStream) -> TokenStream {
    syn::parse2::<ScopeArgs>(input)
        .and_then(|args| {
            let dataset = load(&args.provider)?;
            resolve_webhook(&args, &dataset)
        })
        .unwrap_or_else(syn::Error::into_compile_error)
}

fn resolve_endpoint(args: &EndpointArgs, d: &Dataset) -> syn::Result<TokenStream> {
    let method_name = args.method.to_string();
    let method = canonical_method(&method_name).ok_or_else(|| {
        syn::Error::new(
            args.method.span(),
            format!(
                "unknown HTTP method `{method_name}`; expected one of GET, POST, PUT, PATCH, DELETE"
            ),
        )
    })?;
    let raw = args.template.value();
    let template = Template::parse(&raw).map_err(|e| {
        syn::Error::new(
            args.template.span(),
            format!("invalid endpoint template: {e}"),
        )
    })?;
    let shape = template.shape();
    let key = format!("{method} {shape}");
    let Some(&index) = d.key_index.get(&key) else {
        let message = format!(
            "unknown endpoint `{method} {template}` in the {} catalog{}",
            d.catalog.provider,
            did_you_mean(&endpoint_suggestions(d, method, &shape, &key)),
        );
        return Err(syn::Error::new(args.template.span(), message));
    };
    let catalog = catalog_of(&args.provider);
    let index = Literal::usize_unsuffixed(index);
    Ok(quote! {
        const { ::scopewise::__private::endpoint_checked(&#catalog, #index, #key) }
    })
}

fn resolve_scope(args: &ScopeArgs, d: &Dataset) -> syn::Result<TokenStream> {
    let name = args.name.value();
    let Some(&index) = d.scope_index.get(&name) else {
        let message = format!(
            "unknown scope `{name}` in the {} catalog{}",
            d.catalog.provider,
            did_you_mean(&scope_suggestions(d, &name)),
        );
        return Err(syn::Error::new(args.name.span(), message));
    };
    let catalog = catalog_of(&args.provider);
    let canonical = &d.catalog.scopes[index].name;
    let index = Literal::usize_unsuffixed(index);
    Ok(quote! {
        const { ::scopewise::__private::scope_checked(&#catalog, #index, #canonical) }
    })
}

fn resolve_webhook(args: &ScopeArgs, d: &Dataset) -> syn::Result<TokenStream> {
    let event = args.name.value();
    let Some(&index) = d.webhook_index.get(&event) else {
        let events = d
            .catalog
            .webhooks
            .iter()
            .map(|w| (w.event.clone(), [w.event.as_str()]));
        let suggestions: Vec<String> = suggest::rank(events, &event, MAX_SUGGESTIONS);
        let message = format!(
            "unknown webhook event `{event}` in the {} catalog{}",
            d.catalog.provider,
            did_you_mean(&suggestions),
        );
        return Err(syn::Error::new(args.name.span(), message));
    };
    let catalog = catalog_of(&args.provider);
    let index = Literal::usize_unsuffixed(index);
    Ok(quote! {
        const { ::scopewise::__private::webhook_checked(&#catalog, #index, #event) }
    })
}

/// Endpoints with the same shape under another method first, then the most similar keys.
fn endpoint_suggestions(d: &Dataset, method: &str, shape: &str, key: &str) -> Vec<String> {
    let same_shape = d
        .endpoint_keys
        .iter()
        .enumerate()
        .filter(|(_, k)| {
            k.split_once(' ')
                .is_some_and(|(m, s)| s == shape && m != method)
        })
        .map(|(i, _)| (1.0, i));
    let mut similar: Vec<(f64, usize)> = d
        .endpoint_keys
        .iter()
        .enumerate()
        .filter(|(_, k)| k.split_once(' ').is_some_and(|(_, s)| s != shape))
        .map(|(i, k)| (strsim::normalized_damerau_levenshtein(key, k), i))
        .filter(|&(score, _)| score >= 0.6)
        .collect();
    similar.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    same_shape
        .chain(similar)
        .take(MAX_SUGGESTIONS)
        .map(|(_, i)| d.catalog.endpoints[i].display_name())
        .collect()
}

/// The most similar scope names; a scope is found by its name or any of its spellings.
fn scope_suggestions(d: &Dataset, name: &str) -> Vec<String> {
    let scopes = d.catalog.scopes.iter().map(|s| {
        let names = std::iter::once(s.name.as_str()).chain(s.spellings.iter().map(String::as_str));
        (s.name.clone(), names)
    });
    suggest::rank(scopes, name, MAX_SUGGESTIONS)
}

fn did_you_mean(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!(
            "; did you mean {}?",
            quoted_list(suggestions.iter().map(String::as_str))
        )
    }
}

/// `` `a` ``, `` `a` or `b` ``, `` `a`, `b` or `c` ``.
fn quoted_list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let items: Vec<String> = items.map(|s| format!("`{s}`")).collect();
    let items: Vec<&str> = items.iter().map(String::as_str).collect();
    scopewise_model::wording::or_list(&items)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn basic() -> std::sync::Arc<Dataset> {
        endpoints::load(
            &load::resolve_dir("crates/scopewise-macros/tests/fixtures/basic"),
            "highlevel",
        )
        .unwrap()
    }

    fn endpoint_error(input: TokenStream) -> String {
        let args: EndpointArgs = syn::parse2(input).unwrap();
        resolve_endpoint(&args, &basic()).unwrap_err().to_string()
    }

    #[test]
    fn known_endpoints_resolve_to_checked_constants() {
        let args: EndpointArgs = syn::parse2(quote!(get "/contacts/:id/tasks/")).unwrap();
        let out = resolve_endpoint(&args, &basic()).unwrap().to_string();
        // Index 4 of the fixture's endpoints, checked against its key in a const block.
        let expected = "const { :: scopewise :: __private :: endpoint_checked \
                        (& :: scopewise :: catalogs :: highlevel :: CATALOG , 4 , \"GET /contacts/{}/tasks\") }";
        assert_eq!(out, expected);
    }

    #[test]
    fn unknown_endpoints_suggest_close_ones() {
        assert_eq!(
            endpoint_error(quote!(GET "/contact/{contactId}")),
            "unknown endpoint `GET /contact/{contactId}` in the highlevel catalog; did you mean \
             `GET /contacts/{contactId}`, `GET /contacts/{contactId}/tasks` or `GET /calendars/{calendarId}`?"
        );
        assert_eq!(
            endpoint_error(quote!(DELETE "/locations")),
            "unknown endpoint `DELETE /locations` in the highlevel catalog; did you mean `POST /locations`?"
        );
        assert_eq!(
            endpoint_error(quote!(GET "/zzzzzzzzzzzzzzzzzzzzzzzzzzz")),
            "unknown endpoint `GET /zzzzzzzzzzzzzzzzzzzzzzzzzzz` in the highlevel catalog"
        );
    }

    #[test]
    fn bad_methods_and_templates_are_explained() {
        assert_eq!(
            endpoint_error(quote!(FETCH "/contacts")),
            "unknown HTTP method `FETCH`; expected one of GET, POST, PUT, PATCH, DELETE"
        );
        assert_eq!(
            endpoint_error(quote!(GET "contacts")),
            "invalid endpoint template: the path does not start with `/`"
        );
    }

    #[test]
    fn scopes_resolve_by_name_and_spelling() {
        let d = basic();
        for name in ["contacts.readonly", "contacts.readOnly"] {
            let args: ScopeArgs = syn::parse2(quote!(#name)).unwrap();
            let out = resolve_scope(&args, &d).unwrap().to_string();
            assert!(out.contains("scope_checked"), "{out}");
            assert!(out.contains("\"contacts.readonly\""), "{out}");
        }
        let args: ScopeArgs = syn::parse2(quote!("contact.readonly")).unwrap();
        assert_eq!(
            resolve_scope(&args, &d).unwrap_err().to_string(),
            "unknown scope `contact.readonly` in the highlevel catalog; did you mean \
             `contacts.readonly` or `contacts.write`?"
        );
    }

    #[test]
    fn webhooks_resolve_by_event() {
        let d = basic();
        let args: ScopeArgs = syn::parse2(quote!("ContactCreate")).unwrap();
        let out = resolve_webhook(&args, &d).unwrap().to_string();
        assert!(
            out.contains("webhook_checked") && out.contains(", 1 ,"),
            "{out}"
        );
        let args: ScopeArgs = syn::parse2(quote!("ContactCreated")).unwrap();
        assert_eq!(
            resolve_webhook(&args, &d).unwrap_err().to_string(),
            "unknown webhook event `ContactCreated` in the highlevel catalog; did you mean \
             `ContactCreate` or `ContactDelete`?"
        );
    }

    #[test]
    fn provider_prefix() {
        let args: ScopeArgs = syn::parse2(quote!(highlevel: "x")).unwrap();
        assert_eq!(args.provider.info.name, "highlevel");
        let err = syn::parse2::<ScopeArgs>(quote!(salesforce: "x"))
            .err()
            .unwrap();
        assert_eq!(
            err.to_string(),
            "unknown provider `salesforce`; scopewise has `highlevel`, `sfmc` or `xero`"
        );
    }

    #[test]
    fn quoted_lists_read_naturally() {
        assert_eq!(quoted_list(["a"].into_iter()), "`a`");
        assert_eq!(quoted_list(["a", "b"].into_iter()), "`a` or `b`");
        assert_eq!(quoted_list(["a", "b", "c"].into_iter()), "`a`, `b` or `c`");
    }
}
