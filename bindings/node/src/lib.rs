//! The native part of the `scopewise` npm package.
//!
//! `index.js` wraps these functions into the public API (`precheck`, `Grant`, `lookup`,
//! `minimalScopes`, `ScopeDenied`); `index.d.ts` types it. The hot path returns an endpoint's
//! index, which `index.js` turns into a cached, frozen object, so an allowed pre-check
//! creates no JavaScript object. Calls go straight to the Rust library, not through the C ABI.
// `deny`, not `forbid`: `#[napi]` expands to module-registration code marked
// `#[allow(unsafe_code)]` (napi-derive's, not ours), which `forbid` would reject.
#![deny(unsafe_code)]

use napi::{Error, Result, Status};
use napi_derive::napi;
use scopewise::highlevel::CATALOG;
use scopewise::{Access, Denial as RsDenial, GrantedScopes};

/// One endpoint of the HighLevel catalog.
#[napi(object)]
#[derive(Debug)]
pub struct Endpoint {
    /// Its index in the catalog: the same endpoint, the same index.
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

/// The endpoint at `index` of the catalog.
#[napi]
pub fn endpoint_at(index: u32) -> Result<Endpoint> {
    let e = usize::try_from(index)
        .ok()
        .and_then(|i| CATALOG.endpoints().get(i))
        .ok_or_else(|| Error::new(Status::InvalidArg, format!("no endpoint {index}")))?;
    Ok(Endpoint {
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
pub fn lookup_index(method: String, target: String) -> Result<i32> {
    match CATALOG.resolve(&method, &target) {
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
) -> Result<i32> {
    let granted = GrantedScopes::parse(&CATALOG, &scopes);
    Ok(precheck_with(
        &granted,
        token_type(&token)?,
        &method,
        &target,
    ))
}

fn precheck_with(granted: &GrantedScopes, token: Access, method: &str, target: &str) -> i32 {
    CATALOG
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
) -> Result<Option<Denial>> {
    let granted = GrantedScopes::parse(&CATALOG, &scopes);
    Ok(denial_with(&granted, token_type(&token)?, &method, &target))
}

fn denial_with(
    granted: &GrantedScopes,
    token: Access,
    method: &str,
    target: &str,
) -> Option<Denial> {
    let denial = CATALOG.precheck(granted, token, method, target).err()?;
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
    granted: GrantedScopes,
    token: Access,
}

#[napi]
impl NativeGrant {
    /// Parses `scopes` (space-separated) for a token of type `token`.
    #[napi(constructor)]
    pub fn new(scopes: String, token: String) -> Result<NativeGrant> {
        Ok(NativeGrant {
            granted: GrantedScopes::parse(&CATALOG, &scopes),
            token: token_type(&token)?,
        })
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
        precheck_with(&self.granted, self.token, &method, &target)
    }

    /// As `denial`, with this grant.
    #[napi]
    pub fn denial(&self, method: String, target: String) -> Option<Denial> {
        denial_with(&self.granted, self.token, &method, &target)
    }
}

/// The smallest set of scopes that grants every call (`"METHOD target"`) and webhook event.
#[napi]
pub fn minimal_scopes(calls: Vec<String>, webhooks: Vec<String>) -> Result<MinimalScopes> {
    let min = CATALOG
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

/// Which version of the HighLevel data this addon was built from.
#[napi]
pub fn catalog_fingerprint() -> String {
    CATALOG.fingerprint().to_owned()
}
