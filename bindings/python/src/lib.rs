//! The native part of the `scopewise` Python package (`scopewise._scopewise`).
//!
//! The Python API is `scopewise/__init__.py`, which re-exports this module; the types are in
//! `scopewise/__init__.pyi`. Calls go straight to the Rust library, not through the C ABI.
#![forbid(unsafe_code)]

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use scopewise::highlevel::CATALOG;
use scopewise::{Access, Denial, Endpoint as RsEndpoint, GrantedScopes};

create_exception!(
    scopewise,
    ScopeDenied,
    PyException,
    "The token may not make the request; `.reason`, `.missing`, `.endpoint`, `.allowed`, `.nearest` say why."
);

/// One endpoint of the HighLevel catalog. Immutable; equal when it is the same endpoint.
#[pyclass(module = "scopewise", frozen, eq, hash)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Endpoint {
    index: usize,
}

impl Endpoint {
    fn new(e: &RsEndpoint) -> Endpoint {
        Endpoint { index: e.index() }
    }

    fn get(&self) -> &'static RsEndpoint {
        &CATALOG.endpoints()[self.index]
    }
}

#[pymethods]
impl Endpoint {
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
#[pyfunction]
fn lookup(method: &str, target: &str) -> PyResult<Option<Endpoint>> {
    match CATALOG.resolve(method, target) {
        Ok(e) => Ok(Some(Endpoint::new(e))),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(PyValueError::new_err(e.to_string())),
    }
}

/// A parsed scope string, to pre-check many requests without parsing it each time.
#[pyclass(module = "scopewise", frozen)]
#[derive(Debug)]
pub struct Grant {
    granted: GrantedScopes,
    token: Access,
}

#[pymethods]
impl Grant {
    #[new]
    #[pyo3(signature = (scopes, token = "sub-account"))]
    fn new(scopes: &str, token: &str) -> PyResult<Grant> {
        Ok(Grant {
            granted: GrantedScopes::parse(&CATALOG, scopes),
            token: token_type(token)?,
        })
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
        check(py, &self.granted, self.token, method, target)
    }

    fn __repr__(&self) -> String {
        let names: Vec<&str> = self.granted.scopes().iter().map(|s| s.name()).collect();
        format!("<Grant {:?} {}>", names.join(" "), self.token.as_str())
    }
}

fn check(
    py: Python<'_>,
    granted: &GrantedScopes,
    token: Access,
    method: &str,
    target: &str,
) -> PyResult<Endpoint> {
    match CATALOG.precheck(granted, token, method, target) {
        Ok(e) => Ok(Endpoint::new(e)),
        Err(denial) => Err(denied(py, &denial)),
    }
}

/// The `ScopeDenied` exception for `denial`, with its attributes set.
fn denied(py: Python<'_>, denial: &Denial) -> PyErr {
    // The reason code comes from the runtime, for every kind of denial.
    let reason = denial.code();
    let (missing, endpoint, allowed, nearest) = match denial {
        Denial::MissingScope {
            endpoint,
            needs_any_of,
        } => (
            needs_any_of.iter().map(|s| s.name()).collect(),
            Some(Endpoint::new(endpoint)),
            Vec::new(),
            Vec::new(),
        ),
        Denial::WrongTokenType {
            endpoint, allowed, ..
        } => (
            Vec::new(),
            Some(Endpoint::new(endpoint)),
            allowed.iter().map(Access::as_str).collect(),
            Vec::new(),
        ),
        Denial::UnknownEndpoint { .. } => (
            Vec::new(),
            None,
            Vec::new(),
            denial.nearest().into_iter().map(Endpoint::new).collect(),
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
#[pyfunction]
#[pyo3(signature = (scopes, method, target, token = "sub-account"))]
fn precheck(
    py: Python<'_>,
    scopes: &str,
    method: &str,
    target: &str,
    token: &str,
) -> PyResult<Endpoint> {
    let token = token_type(token)?;
    let granted = GrantedScopes::parse(&CATALOG, scopes);
    check(py, &granted, token, method, target)
}

/// The smallest set of scopes that grants every call (`"METHOD target"`) and webhook event.
#[pyfunction]
#[pyo3(signature = (calls, webhooks = Vec::new()))]
fn minimal_scopes(calls: Vec<String>, webhooks: Vec<String>) -> PyResult<MinimalScopes> {
    let min = CATALOG
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
    m.add("CATALOG_FINGERPRINT", CATALOG.fingerprint())?;
    m.add_class::<Endpoint>()?;
    m.add_class::<Grant>()?;
    m.add_class::<MinimalScopes>()?;
    m.add_function(wrap_pyfunction!(lookup, m)?)?;
    m.add_function(wrap_pyfunction!(precheck, m)?)?;
    m.add_function(wrap_pyfunction!(minimal_scopes, m)?)?;
    Ok(())
}
