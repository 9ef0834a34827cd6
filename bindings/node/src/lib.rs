//! The native part of the `scopewise` npm package.
//!
//! `index.js` wraps these functions into the public API (`precheck`, `Grant`, `lookup`,
//! `minimalScopes`, `ScopeDenied`, `lookupToken`, `UnknownToken`, `providers`); `index.d.ts`
//! types it. The hot path returns an endpoint's
//! index, which `index.js` turns into a cached, frozen object, so an allowed pre-check
//! creates no JavaScript object. Calls go straight to the Rust library, not through the C ABI.
//!
//! Every function takes the provider by name (an optional last argument, parsed by the
//! runtime's [`Provider`]) and answers from `provider.catalog()`, by capability: the endpoint
//! functions from an endpoints catalog, `lookupToken` from a groups catalog. Nothing here
//! names a provider.
// `deny`, not `forbid`: `#[napi]` expands to module-registration code marked
// `#[allow(unsafe_code)]` (napi-derive's, not ours), which `forbid` would reject.
#![deny(unsafe_code)]

use napi::{Error, Result, Status};
use napi_derive::napi;
use scopewise::{
    Access, Capability, Catalog, Denial as RsDenial, GrantedScopes, Provider, UnknownProvider,
    WrongCapability,
};

/// The provider named `name` (ASCII case ignored), or the default provider for none; the
/// runtime's message for a name it has no catalog for.
fn parse_provider(name: Option<&str>) -> Result<Provider> {
    match name {
        None => Ok(Provider::default()),
        Some(name) => name
            .parse()
            .map_err(|e: UnknownProvider| Error::new(Status::InvalidArg, e.to_string())),
    }
}

/// The runtime's [`WrongCapability`] and the function that answers instead.
fn wrong_capability(e: WrongCapability, instead: &str) -> Error {
    Error::new(Status::InvalidArg, format!("{e}; use {instead}"))
}

/// The endpoints catalog of the provider named `name` (none: the default provider).
fn endpoints_catalog(name: Option<&str>) -> Result<&'static Catalog> {
    parse_provider(name)?
        .endpoints()
        .map_err(|e| wrong_capability(e, "lookupToken"))
}

/// The groups catalog of the provider named `name`; none means the first provider whose
/// catalog holds groups.
fn groups_catalog(name: Option<&str>) -> Result<&'static scopewise::sfmc::Catalog> {
    let provider = match name {
        Some(name) => parse_provider(Some(name))?,
        None => Provider::first_with(Capability::Groups).ok_or_else(|| {
            Error::new(
                Status::GenericFailure,
                format!("no provider has {}", Capability::Groups.noun()),
            )
        })?,
    };
    provider.groups().map_err(|e| wrong_capability(e, "lookup"))
}

/// One endpoint of a provider's catalog.
#[napi(object)]
#[derive(Debug)]
pub struct Endpoint {
    /// The provider whose catalog holds it: `highlevel`.
    pub provider: String,
    /// Its index in the provider's catalog: the same endpoint, the same index.
    pub index: u32,
    /// `GET`, `POST`, `PUT`, `PATCH` or `DELETE`.
    pub method: String,
    /// The canonical template: `/contacts/{contactId}`.
    pub template: String,
    /// The scopes that grant it; any one is enough.
    pub scopes: Vec<String>,
    /// The token types that may call it: `sub-account`, `agency`.
    pub access: Vec<String>,
    /// The API `Version` header the reference gives, if any.
    pub version: Option<String>,
    /// The reference's title, if any.
    pub title: Option<String>,
    /// Whether a Private Integration token may call it.
    pub private_integration: bool,
    /// What it needs: `scopes` (one of `scopes`; none listed means undocumented, always
    /// denied), `token` (a token only: no source states a scope) or `none` (nothing at all).
    pub auth: String,
    /// The `Version` header values the vendor's OpenAPI specs accept; empty when unconstrained.
    pub versions: Vec<String>,
    /// Whether the vendor has deprecated it.
    pub deprecated: bool,
    /// For a deprecated endpoint, the call the vendor names instead, if any.
    pub replacement: Option<String>,
}

/// Why a request was denied, with endpoints as catalog indices.
#[napi(object)]
#[derive(Debug)]
pub struct Denial {
    /// `invalid-request`, `unknown-endpoint`, `wrong-token-type` or `missing-scope`.
    pub reason: String,
    /// The sentence for humans.
    pub message: String,
    /// For `missing-scope`: the scopes that would grant the request (any one).
    pub missing: Vec<String>,
    /// The endpoint the request calls, when known.
    pub endpoint: Option<u32>,
    /// For `wrong-token-type`: the token types the endpoint allows.
    pub allowed: Vec<String>,
    /// For `unknown-endpoint`: up to three look-alike endpoints, closest first.
    pub nearest: Vec<u32>,
}

/// The answer of `minimalScopes`.
#[napi(object)]
#[derive(Debug)]
pub struct MinimalScopes {
    /// The chosen scopes, sorted by name.
    pub scopes: Vec<String>,
    /// The OAuth `scope` parameter: the names separated by spaces.
    pub scope_string: String,
    /// Calls that matched no endpoint, in input order.
    pub unmatched: Vec<UnmatchedCall>,
    /// Webhook events the catalog does not know.
    pub unknown_webhooks: Vec<String>,
    /// Known calls and events for which no granting scope is known.
    pub ungrantable: Vec<String>,
    /// Whether every call and event is resolved and granted.
    pub complete: bool,
}

/// A call that matched no endpoint.
#[napi(object)]
#[derive(Debug)]
pub struct UnmatchedCall {
    /// The call as given.
    pub call: String,
    /// Why it matched nothing.
    pub reason: String,
}

fn token_type(token: &str) -> Result<Access> {
    match token {
        "sub-account" | "location" => Ok(Access::SubAccount),
        "agency" | "company" => Ok(Access::Agency),
        _ => Err(Error::new(
            Status::InvalidArg,
            format!("unknown token type {token:?}; expected 'sub-account' or 'agency'"),
        )),
    }
}

fn index(e: &scopewise::Endpoint) -> i32 {
    i32::try_from(e.index()).unwrap_or(i32::MAX)
}

/// The short name of the provider named `provider` (none: the default), if its catalog holds
/// endpoints; throws otherwise. `index.js` keys its endpoint objects by it.
#[napi]
pub fn endpoint_provider(provider: Option<String>) -> Result<String> {
    Ok(endpoints_catalog(provider.as_deref())?
        .provider()
        .to_owned())
}

/// The endpoint at `index` of the provider's catalog.
#[napi]
pub fn endpoint_at(index: u32, provider: Option<String>) -> Result<Endpoint> {
    let catalog = endpoints_catalog(provider.as_deref())?;
    let e = usize::try_from(index)
        .ok()
        .and_then(|i| catalog.endpoints().get(i))
        .ok_or_else(|| Error::new(Status::InvalidArg, format!("no endpoint {index}")))?;
    Ok(Endpoint {
        provider: catalog.provider().to_owned(),
        index,
        method: e.method().as_str().to_owned(),
        template: e.template().to_owned(),
        scopes: e.scopes().iter().map(|s| s.name().to_owned()).collect(),
        access: e.access().iter().map(|a| a.as_str().to_owned()).collect(),
        version: e.version().map(str::to_owned),
        title: e.title().map(str::to_owned),
        private_integration: e.private_integration(),
        auth: e.auth().as_str().to_owned(),
        versions: e.versions().iter().map(|v| (*v).to_owned()).collect(),
        deprecated: e.deprecated(),
        replacement: e.replacement().map(str::to_owned),
    })
}

/// The index of the endpoint `method` + `target` (template, path or URL) calls, or -1.
/// Throws when the method or target is malformed.
#[napi]
pub fn lookup_index(method: String, target: String, provider: Option<String>) -> Result<i32> {
    match endpoints_catalog(provider.as_deref())?.resolve(&method, &target) {
        Ok(e) => Ok(index(e)),
        Err(e) if e.is_not_found() => Ok(-1),
        Err(e) => Err(Error::new(Status::InvalidArg, e.to_string())),
    }
}

/// The endpoint's index if a token with `scopes` and type `token` may make the request,
/// else -1 (`denial` says why).
#[napi]
pub fn precheck_index(
    scopes: String,
    token: String,
    method: String,
    target: String,
    provider: Option<String>,
) -> Result<i32> {
    let catalog = endpoints_catalog(provider.as_deref())?;
    let granted = GrantedScopes::parse(catalog, &scopes);
    Ok(precheck_with(
        catalog,
        &granted,
        token_type(&token)?,
        &method,
        &target,
    ))
}

fn precheck_with(
    catalog: &Catalog,
    granted: &GrantedScopes,
    token: Access,
    method: &str,
    target: &str,
) -> i32 {
    catalog
        .precheck(granted, token, method, target)
        .map_or(-1, index)
}

/// Why `precheckIndex` denies the request (null if it is allowed).
#[napi]
pub fn denial(
    scopes: String,
    token: String,
    method: String,
    target: String,
    provider: Option<String>,
) -> Result<Option<Denial>> {
    let catalog = endpoints_catalog(provider.as_deref())?;
    let granted = GrantedScopes::parse(catalog, &scopes);
    Ok(denial_with(
        catalog,
        &granted,
        token_type(&token)?,
        &method,
        &target,
    ))
}

fn denial_with(
    catalog: &Catalog,
    granted: &GrantedScopes,
    token: Access,
    method: &str,
    target: &str,
) -> Option<Denial> {
    let denial = catalog.precheck(granted, token, method, target).err()?;
    let mut out = Denial {
        // The reason code comes from the runtime, for every kind of denial.
        reason: denial.code().to_owned(),
        message: denial.to_string(),
        missing: Vec::new(),
        endpoint: None,
        allowed: Vec::new(),
        nearest: Vec::new(),
    };
    let idx = |e: &scopewise::Endpoint| u32::try_from(e.index()).unwrap_or(u32::MAX);
    match denial {
        RsDenial::MissingScope {
            endpoint,
            needs_any_of,
        } => {
            out.missing = needs_any_of.iter().map(|s| s.name().to_owned()).collect();
            out.endpoint = Some(idx(endpoint));
        }
        RsDenial::WrongTokenType {
            endpoint, allowed, ..
        } => {
            out.allowed = allowed.iter().map(|a| a.as_str().to_owned()).collect();
            out.endpoint = Some(idx(endpoint));
        }
        RsDenial::UnknownEndpoint { .. } => {
            out.nearest = denial.nearest().into_iter().map(idx).collect();
        }
        _ => {}
    }
    Some(out)
}

/// A token's scopes and type, parsed once for many pre-checks.
#[napi]
#[derive(Debug)]
pub struct NativeGrant {
    catalog: &'static Catalog,
    granted: GrantedScopes,
    token: Access,
}

#[napi]
impl NativeGrant {
    /// Parses `scopes` (space-separated) for a token of type `token`, against the catalog of
    /// `provider` (none: the default).
    #[napi(constructor)]
    pub fn new(scopes: String, token: String, provider: Option<String>) -> Result<NativeGrant> {
        let catalog = endpoints_catalog(provider.as_deref())?;
        Ok(NativeGrant {
            catalog,
            granted: GrantedScopes::parse(catalog, &scopes),
            token: token_type(&token)?,
        })
    }

    /// The provider whose catalog the grant checks against.
    #[napi(getter)]
    pub fn provider(&self) -> String {
        self.catalog.provider().to_owned()
    }

    /// The granted scopes the catalog knows, in catalog order.
    #[napi(getter)]
    pub fn scopes(&self) -> Vec<String> {
        self.granted
            .scopes()
            .iter()
            .map(|s| s.name().to_owned())
            .collect()
    }

    /// The token type.
    #[napi(getter)]
    pub fn token(&self) -> String {
        self.token.as_str().to_owned()
    }

    /// As `precheckIndex`, with this grant.
    #[napi]
    pub fn precheck_index(&self, method: String, target: String) -> i32 {
        precheck_with(self.catalog, &self.granted, self.token, &method, &target)
    }

    /// As `denial`, with this grant.
    #[napi]
    pub fn denial(&self, method: String, target: String) -> Option<Denial> {
        denial_with(self.catalog, &self.granted, self.token, &method, &target)
    }
}

/// The smallest set of scopes that grants every call (`"METHOD target"`) and webhook event.
#[napi]
pub fn minimal_scopes(
    calls: Vec<String>,
    webhooks: Vec<String>,
    provider: Option<String>,
) -> Result<MinimalScopes> {
    let min = endpoints_catalog(provider.as_deref())?
        .minimal_scopes(&calls, &webhooks)
        .map_err(|e| Error::new(Status::GenericFailure, e.to_string()))?;
    Ok(MinimalScopes {
        scopes: min.scopes().iter().map(|s| s.name().to_owned()).collect(),
        scope_string: min.scope_string(),
        unmatched: min
            .unmatched()
            .iter()
            .map(|u| UnmatchedCall {
                call: u.call.clone(),
                reason: u.reason.clone(),
            })
            .collect(),
        unknown_webhooks: min.unknown_webhooks().to_vec(),
        ungrantable: min.ungrantable().to_vec(),
        complete: min.is_complete(),
    })
}

/// Which version of the HighLevel data this addon was built from (`providers()` has every
/// provider's).
#[napi]
pub fn catalog_fingerprint() -> String {
    scopewise::highlevel::CATALOG.fingerprint().to_owned()
}

/// A provider scopewise has a catalog for.
#[napi(object)]
#[derive(Debug)]
pub struct ProviderInfo {
    /// The short name the `provider` arguments take: `highlevel`.
    pub name: String,
    /// The name for people: `HighLevel (LeadConnector)`.
    pub title: String,
    /// `endpoints` (lookup, precheck, Grant, minimalScopes) or `groups` (lookupToken).
    pub capability: String,
    /// Which version of the provider's data this addon was built from.
    pub fingerprint: String,
}

/// Every provider, the default first.
#[napi]
pub fn providers() -> Vec<ProviderInfo> {
    Provider::ALL
        .into_iter()
        .map(|p| ProviderInfo {
            name: p.name().to_owned(),
            title: p.title().to_owned(),
            capability: p.capability().name().to_owned(),
            fingerprint: p.fingerprint().to_owned(),
        })
        .collect()
}

/// A token of a groups catalog (SFMC).
#[napi(object)]
#[derive(Debug)]
pub struct Token {
    /// The provider whose catalog holds it: `sfmc`.
    pub provider: String,
    /// The token as the OAuth `scope` parameter spells it: `email_read`.
    pub name: String,
    /// `documented`, or `undocumented-here` (it exists but the vendor's page omits it).
    pub status: String,
    /// The display name of its group (`Email`); none for a token outside every group.
    pub group: Option<String>,
    /// The level it grants in its group, lower case (`read`), if any.
    pub level: Option<String>,
    /// How the vendor's page names it: `Email Read`, if it does.
    pub display_name: Option<String>,
    /// For an undocumented-here token: why the page does not list it.
    pub reason: Option<String>,
}

/// The answer of `lookupToken`: the token, or why the name is none.
#[napi(object)]
#[derive(Debug)]
pub struct TokenLookup {
    /// The token, when the name is one exactly.
    pub token: Option<Token>,
    /// Otherwise, the sentence: ``unknown token `x`: `` and the runtime's explanation.
    pub message: Option<String>,
    /// Otherwise, the tokens probably meant, best first (possibly none).
    pub suggestions: Vec<String>,
}

/// The token `name` of a groups catalog (`provider`; none: the first provider with one), as
/// OAuth compares it, or the runtime's explanation of what the name is instead.
#[napi]
pub fn lookup_token(name: String, provider: Option<String>) -> Result<TokenLookup> {
    let catalog = groups_catalog(provider.as_deref())?;
    Ok(match catalog.explain_unknown(&name) {
        scopewise::sfmc::UnknownToken::Known(t) => TokenLookup {
            token: Some(Token {
                provider: catalog.provider().to_owned(),
                name: t.name().to_owned(),
                status: t.status().as_str().to_owned(),
                group: t.group().map(|g| g.name().to_owned()),
                level: t.level().map(|l| l.as_str().to_owned()),
                display_name: t.display_name().map(str::to_owned),
                reason: t.reason().map(str::to_owned),
            }),
            message: None,
            suggestions: Vec::new(),
        },
        other => TokenLookup {
            token: None,
            message: Some(format!("unknown token `{name}`: {other}")),
            suggestions: other
                .suggestions()
                .iter()
                .map(|t| t.name().to_owned())
                .collect(),
        },
    })
}
