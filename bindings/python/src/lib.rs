//! The native part of the `scopewise` Python package (`scopewise._scopewise`).
//!
//! The Python API is `scopewise/__init__.py`, which re-exports this module; the types are in
//! `scopewise/__init__.pyi`. Calls go straight to the Rust library, not through the C ABI.
//!
//! Every function takes the provider by name (`provider=`, parsed by the runtime's
//! [`Provider`]) and answers from `provider.catalog()`, by capability: the endpoint functions
//! from an endpoints catalog, `lookup_token` from a groups catalog. Nothing here names a
//! provider.
#![forbid(unsafe_code)]

use core::hash::{Hash, Hasher};

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use scopewise::{
    Access, Capability, Catalog, Denial, Endpoint as RsEndpoint, GrantedScopes, Provider,
    UnknownProvider, WrongCapability,
};

create_exception!(
    scopewise,
    ScopeDenied,
    PyException,
    "The token may not make the request; `.reason`, `.missing`, `.endpoint`, `.allowed`, `.nearest` say why."
);

create_exception!(
    scopewise,
    UnknownToken,
    PyValueError,
    "A token the catalog does not know; the message explains it and `.suggestions` lists the tokens meant."
);

/// The provider named `name` (ASCII case ignored), or the default provider for None; a
/// ValueError with the runtime's message for a name it has no catalog for.
fn parse_provider(name: Option<&str>) -> PyResult<Provider> {
    match name {
        None => Ok(Provider::default()),
        Some(name) => name
            .parse()
            .map_err(|e: UnknownProvider| PyValueError::new_err(e.to_string())),
    }
}

/// The runtime's [`WrongCapability`] and the function that answers instead.
fn wrong_capability(e: WrongCapability, instead: &str) -> PyErr {
    PyValueError::new_err(format!("{e}; use {instead}"))
}

/// The endpoints catalog of the provider named `name` (None: the default provider).
fn endpoints_catalog(name: Option<&str>) -> PyResult<&'static Catalog> {
    parse_provider(name)?
        .endpoints()
        .map_err(|e| wrong_capability(e, "lookup_token"))
}

/// The groups catalog of the provider named `name`; None means the first provider whose
/// catalog holds groups.
fn groups_catalog(name: Option<&str>) -> PyResult<&'static scopewise::sfmc::Catalog> {
    let provider = match name {
        Some(name) => parse_provider(Some(name))?,
        None => Provider::first_with(Capability::Groups).ok_or_else(|| {
            PyValueError::new_err(format!("no provider has {}", Capability::Groups.noun()))
        })?,
    };
    provider.groups().map_err(|e| wrong_capability(e, "lookup"))
}

/// One endpoint of a provider's catalog. Immutable; equal when it is the same endpoint of
/// the same catalog.
#[pyclass(module = "scopewise", frozen, eq, hash)]
#[derive(Debug, Clone, Copy)]
pub struct Endpoint {
    catalog: &'static Catalog,
    index: usize,
}

impl PartialEq for Endpoint {
    fn eq(&self, other: &Self) -> bool {
        core::ptr::eq(self.catalog, other.catalog) && self.index == other.index
    }
}

impl Eq for Endpoint {}

impl Hash for Endpoint {
    fn hash<H: Hasher>(&self, state: &mut H) {
        core::ptr::hash(self.catalog, state);
        self.index.hash(state);
    }
}

impl Endpoint {
    fn new(catalog: &'static Catalog, e: &RsEndpoint) -> Endpoint {
        Endpoint {
            catalog,
            index: e.index(),
        }
    }

    fn get(&self) -> &'static RsEndpoint {
        &self.catalog.endpoints()[self.index]
    }
}

#[pymethods]
impl Endpoint {
    /// The provider whose catalog holds it: `highlevel`.
    #[getter]
    fn provider(&self) -> &'static str {
        self.catalog.provider()
    }

    /// `GET`, `POST`, `PUT`, `PATCH` or `DELETE`.
    #[getter]
    fn method(&self) -> &'static str {
        self.get().method().as_str()
    }

    /// The canonical template: `/contacts/{contactId}`.
    #[getter]
    fn template(&self) -> &'static str {
        self.get().template()
    }

    /// The scopes that grant the endpoint; any one is enough.
    #[getter]
    fn scopes(&self) -> Vec<&'static str> {
        self.get().scopes().iter().map(|s| s.name()).collect()
    }

    /// The token types that may call it: `sub-account`, `agency`.
    #[getter]
    fn access(&self) -> Vec<&'static str> {
        self.get().access().iter().map(Access::as_str).collect()
    }

    /// The API version header the reference gives, or None.
    #[getter]
    fn version(&self) -> Option<&'static str> {
        self.get().version()
    }

    /// The reference's title, or None.
    #[getter]
    fn title(&self) -> Option<&'static str> {
        self.get().title()
    }

    /// Whether a Private Integration token may call it.
    #[getter]
    fn private_integration(&self) -> bool {
        self.get().private_integration()
    }

    /// What it needs: `scopes` (one of `scopes`; none listed means undocumented, always
    /// denied), `token` (a token only: no source states a scope) or `none` (nothing at all,
    /// as `POST /oauth/token`).
    #[getter]
    fn auth(&self) -> &'static str {
        self.get().auth().as_str()
    }

    /// The `Version` header values the vendor's OpenAPI specs accept (`2021-07-28`, `v3`);
    /// empty when they do not constrain it.
    #[getter]
    fn versions(&self) -> Vec<&'static str> {
        self.get().versions().to_vec()
    }

    /// Whether the vendor has deprecated it.
    #[getter]
    fn deprecated(&self) -> bool {
        self.get().deprecated()
    }

    /// For a deprecated endpoint, the call the vendor names instead, or None.
    #[getter]
    fn replacement(&self) -> Option<&'static str> {
        self.get().replacement()
    }

    fn __repr__(&self) -> String {
        format!("<Endpoint {}>", self.get())
    }

    fn __str__(&self) -> String {
        self.get().to_string()
    }
}

/// The answer of `minimal_scopes`.
#[pyclass(module = "scopewise", frozen, get_all)]
#[derive(Debug)]
pub struct MinimalScopes {
    /// The chosen scopes, sorted by name.
    scopes: Vec<&'static str>,
    /// The OAuth `scope` parameter: the names separated by spaces.
    scope_string: String,
    /// Calls that matched no endpoint, as (call, reason), in input order.
    unmatched: Vec<(String, String)>,
    /// Webhook events the catalog does not know.
    unknown_webhooks: Vec<String>,
    /// Known calls and events for which no granting scope is known.
    ungrantable: Vec<String>,
}

#[pymethods]
impl MinimalScopes {
    /// Whether every call and event was resolved and is granted by `scopes`.
    #[getter]
    fn is_complete(&self) -> bool {
        self.unmatched.is_empty() && self.unknown_webhooks.is_empty() && self.ungrantable.is_empty()
    }

    fn __str__(&self) -> String {
        self.scope_string.clone()
    }

    fn __repr__(&self) -> String {
        format!("<MinimalScopes {:?}>", self.scope_string)
    }
}

/// A token of a groups catalog (SFMC): its name, group, level and status.
#[pyclass(module = "scopewise", frozen, get_all)]
#[derive(Debug)]
pub struct Token {
    /// The provider whose catalog holds it: `sfmc`.
    provider: &'static str,
    /// The token as the OAuth `scope` parameter spells it: `email_read`.
    name: &'static str,
    /// `documented`, or `undocumented-here` (it exists but the vendor's page omits it).
    status: &'static str,
    /// The display name of its group (`Email`), or None for a token outside every group.
    group: Option<&'static str>,
    /// The level it grants in its group, lower case (`read`), or None.
    level: Option<&'static str>,
    /// How the vendor's page names it: `Email Read`, or None.
    display_name: Option<&'static str>,
    /// For an undocumented-here token: why the page does not list it.
    reason: Option<&'static str>,
}

#[pymethods]
impl Token {
    fn __str__(&self) -> &'static str {
        self.name
    }

    fn __repr__(&self) -> String {
        format!("<Token {}>", self.name)
    }
}

/// What a provider is: its name, title, capability and the fingerprint of its data.
#[pyclass(module = "scopewise", frozen, get_all)]
#[derive(Debug)]
pub struct ProviderInfo {
    /// The short name the `provider=` arguments take: `highlevel`.
    name: &'static str,
    /// The name for people: `HighLevel (LeadConnector)`.
    title: &'static str,
    /// `endpoints` (lookup, precheck, Grant, minimal_scopes) or `groups` (lookup_token).
    capability: &'static str,
    /// Which version of the provider's data this module was built from.
    fingerprint: &'static str,
}

#[pymethods]
impl ProviderInfo {
    fn __repr__(&self) -> String {
        format!("<ProviderInfo {} {}>", self.name, self.capability)
    }
}

/// Every provider the module has a catalog for, the default first.
#[pyfunction]
fn providers() -> Vec<ProviderInfo> {
    Provider::ALL
        .into_iter()
        .map(|p| ProviderInfo {
            name: p.name(),
            title: p.title(),
            capability: p.capability().name(),
            fingerprint: p.fingerprint(),
        })
        .collect()
}

/// The token `name` of a groups catalog (`provider`; None: the first provider with one), as
/// OAuth compares it. Raises UnknownToken with the runtime's explanation otherwise.
#[pyfunction]
#[pyo3(signature = (name, provider = None))]
fn lookup_token(py: Python<'_>, name: &str, provider: Option<&str>) -> PyResult<Token> {
    let catalog = groups_catalog(provider)?;
    let explained = match catalog.explain_unknown(name) {
        scopewise::sfmc::UnknownToken::Known(t) => {
            return Ok(Token {
                provider: catalog.provider(),
                name: t.name(),
                status: t.status().as_str(),
                group: t.group().map(|g| g.name()),
                level: t.level().map(|l| l.as_str()),
                display_name: t.display_name(),
                reason: t.reason(),
            });
        }
        other => other,
    };
    let err = UnknownToken::new_err(format!("unknown token `{name}`: {explained}"));
    let suggestions: Vec<&str> = explained.suggestions().iter().map(|t| t.name()).collect();
    err.value(py).setattr("suggestions", suggestions)?;
    Err(err)
}

fn token_type(token: &str) -> PyResult<Access> {
    match token {
        "sub-account" | "location" => Ok(Access::SubAccount),
        "agency" | "company" => Ok(Access::Agency),
        _ => Err(PyValueError::new_err(format!(
            "unknown token type {token:?}; expected 'sub-account' or 'agency'"
        ))),
    }
}

/// The endpoint `method` + `target` (a template, a concrete path or a URL), or None when no
/// endpoint matches. Raises ValueError when the method or target is malformed.
/// `provider`: a provider's name (None: `highlevel`) whose catalog holds REST endpoints.
#[pyfunction]
#[pyo3(signature = (method, target, *, provider = None))]
fn lookup(method: &str, target: &str, provider: Option<&str>) -> PyResult<Option<Endpoint>> {
    let catalog = endpoints_catalog(provider)?;
    match catalog.resolve(method, target) {
        Ok(e) => Ok(Some(Endpoint::new(catalog, e))),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(PyValueError::new_err(e.to_string())),
    }
}

/// A parsed scope string, to pre-check many requests without parsing it each time.
/// `provider`: a provider's name (None: `highlevel`) whose catalog holds REST endpoints.
#[pyclass(module = "scopewise", frozen)]
#[derive(Debug)]
pub struct Grant {
    catalog: &'static Catalog,
    granted: GrantedScopes,
    token: Access,
}

#[pymethods]
impl Grant {
    #[new]
    #[pyo3(signature = (scopes, token = "sub-account", *, provider = None))]
    fn new(scopes: &str, token: &str, provider: Option<&str>) -> PyResult<Grant> {
        let catalog = endpoints_catalog(provider)?;
        Ok(Grant {
            catalog,
            granted: GrantedScopes::parse(catalog, scopes),
            token: token_type(token)?,
        })
    }

    /// The provider whose catalog the grant checks against: `highlevel`.
    #[getter]
    fn provider(&self) -> &'static str {
        self.catalog.provider()
    }

    /// The granted scopes the catalog knows, in catalog order.
    #[getter]
    fn scopes(&self) -> Vec<&'static str> {
        self.granted.scopes().iter().map(|s| s.name()).collect()
    }

    /// The granted names the catalog does not know.
    #[getter]
    fn unknown(&self) -> Vec<String> {
        self.granted.unknown().to_vec()
    }

    /// The token type: `sub-account` or `agency`.
    #[getter]
    fn token(&self) -> &'static str {
        self.token.as_str()
    }

    /// Like `scopewise.precheck`, with this grant's scopes and token type.
    fn precheck(&self, py: Python<'_>, method: &str, target: &str) -> PyResult<Endpoint> {
        check(py, self.catalog, &self.granted, self.token, method, target)
    }

    fn __repr__(&self) -> String {
        let names: Vec<&str> = self.granted.scopes().iter().map(|s| s.name()).collect();
        format!("<Grant {:?} {}>", names.join(" "), self.token.as_str())
    }
}

fn check(
    py: Python<'_>,
    catalog: &'static Catalog,
    granted: &GrantedScopes,
    token: Access,
    method: &str,
    target: &str,
) -> PyResult<Endpoint> {
    match catalog.precheck(granted, token, method, target) {
        Ok(e) => Ok(Endpoint::new(catalog, e)),
        Err(denial) => Err(denied(py, catalog, &denial)),
    }
}

/// The `ScopeDenied` exception for `denial` (from `catalog`), with its attributes set.
fn denied(py: Python<'_>, catalog: &'static Catalog, denial: &Denial) -> PyErr {
    // The reason code comes from the runtime, for every kind of denial.
    let reason = denial.code();
    let (missing, endpoint, allowed, nearest) = match denial {
        Denial::MissingScope {
            endpoint,
            needs_any_of,
        } => (
            needs_any_of.iter().map(|s| s.name()).collect(),
            Some(Endpoint::new(catalog, endpoint)),
            Vec::new(),
            Vec::new(),
        ),
        Denial::WrongTokenType {
            endpoint, allowed, ..
        } => (
            Vec::new(),
            Some(Endpoint::new(catalog, endpoint)),
            allowed.iter().map(Access::as_str).collect(),
            Vec::new(),
        ),
        Denial::UnknownEndpoint { .. } => (
            Vec::new(),
            None,
            Vec::new(),
            denial
                .nearest()
                .into_iter()
                .map(|e| Endpoint::new(catalog, e))
                .collect(),
        ),
        _ => (Vec::new(), None, Vec::new(), Vec::new()),
    };
    let err = ScopeDenied::new_err(denial.to_string());
    let value = err.value(py);
    let set = || -> PyResult<()> {
        value.setattr("reason", reason)?;
        value.setattr("missing", missing)?;
        value.setattr("endpoint", endpoint)?;
        value.setattr("allowed", allowed)?;
        value.setattr("nearest", nearest)?;
        value.setattr("message", denial.to_string())?;
        Ok(())
    };
    match set() {
        Ok(()) => err,
        Err(e) => e,
    }
}

/// Pre-checks a request: returns its Endpoint when a token with `scopes` (the token
/// response's space-separated `scope` string) and type `token` may make it, else raises
/// ScopeDenied. Unknown endpoints and malformed requests are denied too.
/// `provider`: a provider's name (None: `highlevel`) whose catalog holds REST endpoints.
#[pyfunction]
#[pyo3(signature = (scopes, method, target, token = "sub-account", *, provider = None))]
fn precheck(
    py: Python<'_>,
    scopes: &str,
    method: &str,
    target: &str,
    token: &str,
    provider: Option<&str>,
) -> PyResult<Endpoint> {
    let catalog = endpoints_catalog(provider)?;
    let token = token_type(token)?;
    let granted = GrantedScopes::parse(catalog, scopes);
    check(py, catalog, &granted, token, method, target)
}

/// The smallest set of scopes that grants every call (`"METHOD target"`) and webhook event.
/// `provider`: a provider's name (None: `highlevel`) whose catalog holds REST endpoints.
#[pyfunction]
#[pyo3(signature = (calls, webhooks = Vec::new(), *, provider = None))]
fn minimal_scopes(
    calls: Vec<String>,
    webhooks: Vec<String>,
    provider: Option<&str>,
) -> PyResult<MinimalScopes> {
    let min = endpoints_catalog(provider)?
        .minimal_scopes(&calls, &webhooks)
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    Ok(MinimalScopes {
        scopes: min.scopes().iter().map(|s| s.name()).collect(),
        scope_string: min.scope_string(),
        unmatched: min
            .unmatched()
            .iter()
            .map(|u| (u.call.clone(), u.reason.clone()))
            .collect(),
        unknown_webhooks: min.unknown_webhooks().to_vec(),
        ungrantable: min.ungrantable().to_vec(),
    })
}

/// The native module.
#[pymodule]
fn _scopewise(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("ScopeDenied", m.py().get_type::<ScopeDenied>())?;
    m.add("UnknownToken", m.py().get_type::<UnknownToken>())?;
    // HighLevel's, as before the bindings took a provider; `providers()` has every one's.
    m.add(
        "CATALOG_FINGERPRINT",
        scopewise::highlevel::CATALOG.fingerprint(),
    )?;
    m.add_class::<Endpoint>()?;
    m.add_class::<Token>()?;
    m.add_class::<ProviderInfo>()?;
    m.add_class::<Grant>()?;
    m.add_class::<MinimalScopes>()?;
    m.add_function(wrap_pyfunction!(lookup, m)?)?;
    m.add_function(wrap_pyfunction!(precheck, m)?)?;
    m.add_function(wrap_pyfunction!(minimal_scopes, m)?)?;
    m.add_function(wrap_pyfunction!(lookup_token, m)?)?;
    m.add_function(wrap_pyfunction!(providers, m)?)?;
    Ok(())
}
