//! The first stage of every macro: its arguments, parsed into values. Nothing here reads a
//! file; a malformed argument is a compile error at the token the user wrote.

use proc_macro2::Span;
use scopewise_model::providers::{self, ProviderInfo};
use syn::parse::{Parse, ParseStream};
use syn::{Ident, LitStr, Token};

/// `"highlevel"` or `"highlevel", path = "dir"`; the name may also be an identifier
/// (`highlevel`), as the runtime's provider list writes it. Or `openapi = "spec.yaml"`: a
/// user's own spec.
pub struct CatalogArgs {
    /// The provider's name, as written.
    pub provider: LitStr,
    /// `path = "dir"`: another directory than `data/<provider>/`.
    pub path: Option<LitStr>,
    /// `openapi = "spec.yaml"`: the spec, relative to the invoking file.
    pub openapi: Option<LitStr>,
}

/// `openapi = "spec.yaml"`, if the input starts with it.
fn openapi_path(input: ParseStream<'_>) -> syn::Result<Option<LitStr>> {
    if input.peek(Ident) && input.peek2(Token![=]) {
        let fork = input.fork();
        let ident: Ident = fork.parse()?;
        if ident == "openapi" {
            input.parse::<Ident>()?;
            input.parse::<Token![=]>()?;
            return Ok(Some(input.parse()?));
        }
    }
    Ok(None)
}

impl Parse for CatalogArgs {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if let Some(spec) = openapi_path(input)? {
            input.parse::<Option<Token![,]>>()?;
            if !input.is_empty() {
                return Err(input.error("unexpected tokens after `openapi = \"spec.yaml\"`"));
            }
            return Ok(Self {
                provider: LitStr::new(crate::load::spec::PROVIDER, spec.span()),
                path: None,
                openapi: Some(spec),
            });
        }
        let provider = if input.peek(Ident) {
            let ident: Ident = input.parse()?;
            LitStr::new(&ident.to_string(), ident.span())
        } else {
            input.parse::<LitStr>()?
        };
        let mut path = None;
        if input.parse::<Option<Token![,]>>()?.is_some() && !input.is_empty() {
            let name: syn::Ident = input.parse()?;
            if name != "path" {
                return Err(syn::Error::new(
                    name.span(),
                    format!("unknown argument `{name}`; expected `path = \"dir\"`"),
                ));
            }
            input.parse::<Token![=]>()?;
            path = Some(input.parse()?);
            input.parse::<Option<Token![,]>>()?;
        }
        if !input.is_empty() {
            return Err(input.error(
                "unexpected tokens; expected `\"provider\"` or `\"provider\", path = \"dir\"`",
            ));
        }
        Ok(Self {
            provider,
            path,
            openapi: None,
        })
    }
}

/// An optional `provider:` prefix, or `openapi = "spec.yaml" in CATALOG:` for a catalog a
/// user compiled from their own spec.
pub struct ProviderArg {
    /// The provider named, or the default one.
    pub info: &'static ProviderInfo,
    /// The prefix's span, or the call site's when there is none.
    pub span: Span,
    /// A user's spec and the static that holds its catalog.
    pub spec: Option<SpecRef>,
}

/// `openapi = "spec.yaml" in CATALOG`: where a user's catalog comes from and where it is.
pub struct SpecRef {
    /// The spec, relative to the invoking file.
    pub path: LitStr,
    /// The static holding `include_catalog!(openapi = ..)` of that spec.
    pub catalog: syn::Path,
}

/// What a spec's catalog is, to the reference macros: REST endpoints.
pub static SPEC_INFO: ProviderInfo = ProviderInfo {
    name: crate::load::spec::PROVIDER,
    title: "an OpenAPI spec",
    capability: scopewise_model::providers::Capability::Endpoints,
};

impl ProviderArg {
    /// Reads `name:` if the input starts with it.
    pub fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if let Some(path) = openapi_path(input)? {
            input.parse::<Token![in]>().map_err(|e| {
                syn::Error::new(
                    e.span(),
                    "expected `in CATALOG:` after the spec: `scope!(openapi = \"spec.yaml\" in CATALOG: \"name\")`",
                )
            })?;
            let catalog: syn::Path = input.parse()?;
            input.parse::<Token![:]>()?;
            return Ok(Self {
                info: &SPEC_INFO,
                span: path.span(),
                spec: Some(SpecRef { path, catalog }),
            });
        }
        if input.peek(Ident) && input.peek2(Token![:]) && !input.peek2(Token![::]) {
            let ident: Ident = input.parse()?;
            input.parse::<Token![:]>()?;
            let name = ident.to_string();
            let info = providers::find(&name)
                .filter(|p| p.name == name)
                .ok_or_else(|| {
                    syn::Error::new(ident.span(), providers::unknown_provider_message(&name))
                })?;
            return Ok(Self {
                info,
                span: ident.span(),
                spec: None,
            });
        }
        Ok(Self {
            info: providers::default_provider(),
            span: Span::call_site(),
            spec: None,
        })
    }
}

/// `[provider:] METHOD "template"`.
pub struct EndpointArgs {
    pub provider: ProviderArg,
    pub method: Ident,
    pub template: LitStr,
}

impl Parse for EndpointArgs {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let provider = ProviderArg::parse(input)?;
        let method: Ident = input.parse().map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected an HTTP method: `endpoint!(GET \"/contacts/{contactId}\")`",
            )
        })?;
        let template: LitStr = input.parse()?;
        if !input.is_empty() {
            return Err(input.error("unexpected tokens after the template"));
        }
        Ok(Self {
            provider,
            method,
            template,
        })
    }
}

/// `[provider:] "name"`, for `scope!` and `webhook!`.
pub struct ScopeArgs {
    pub provider: ProviderArg,
    pub name: LitStr,
}

impl Parse for ScopeArgs {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let provider = ProviderArg::parse(input)?;
        let name: LitStr = input.parse()?;
        if !input.is_empty() {
            return Err(input.error("unexpected tokens after the scope name"));
        }
        Ok(Self { provider, name })
    }
}
