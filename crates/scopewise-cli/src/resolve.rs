//! From what a user wrote to catalog entries: calls to endpoints, names to suggestions.

use scopewise::{Call, Catalog, Endpoint, Method, MinimalScopes, RequestTarget, Webhook, suggest};

/// What a call resolves to.
#[derive(Debug, Clone)]
pub enum Resolution {
    /// The endpoint it calls.
    Endpoint(&'static Endpoint),
    /// No endpoint; the closest ones, as `METHOD /template`.
    Unknown {
        /// Up to three suggestions.
        suggestions: Vec<String>,
    },
    /// The target is not a valid request.
    Invalid(String),
}

/// Resolves a template (`/contacts/{id}`, `/contacts/:id`), a concrete path or a URL with
/// [`Catalog::resolve`], the rule every edge shares, and adds suggestions to a miss.
pub fn resolve(catalog: &'static Catalog, method: Method, target: &str) -> Resolution {
    match catalog.resolve(method.as_str(), target) {
        Ok(endpoint) => Resolution::Endpoint(endpoint),
        Err(e) if e.is_not_found() => Resolution::Unknown {
            suggestions: suggest_endpoints(catalog, method, target),
        },
        Err(e) => Resolution::Invalid(e.to_string()),
    }
}

/// The closest endpoints to `method target`, best first, as `METHOD /template`.
pub fn suggest_endpoints(catalog: &'static Catalog, method: Method, target: &str) -> Vec<String> {
    let path = RequestTarget::parse(target, catalog.api_host()).map_or(target, |t| t.path());
    catalog
        .nearest(method, path, 3)
        .into_iter()
        .map(|e| format!("{} {}", e.method().as_str(), e.template()))
        .collect()
}

/// A suggestion for an unknown scope name: a spelling the vendor used, a case slip, or the
/// closest name.
pub fn suggest_scope(catalog: &'static Catalog, name: &str) -> Option<String> {
    for scope in catalog.scopes() {
        if scope.spellings().contains(&name) {
            return Some(format!(
                "use `{}`: the vendor's table writes it `{name}`, but scope strings are compared exactly",
                scope.name()
            ));
        }
        if scope.name().eq_ignore_ascii_case(name) {
            return Some(format!(
                "use `{}`: scope names are case-sensitive",
                scope.name()
            ));
        }
    }
    let closest_scope = closest(catalog.scopes().iter().map(|s| s.name()), name);
    if catalog.user_permission_scopes().contains(&name) {
        let hint = closest_scope
            .map(|s| format!("; the closest OAuth scope is `{s}`"))
            .unwrap_or_default();
        return Some(format!(
            "`{name}` is a user permission (the `scopes` of a HighLevel user), a different namespace from OAuth scopes{hint}"
        ));
    }
    closest_scope.map(|s| format!("did you mean `{s}`?"))
}

/// A suggestion for an unknown webhook event.
pub fn suggest_webhook(catalog: &'static Catalog, event: &str) -> Option<String> {
    closest(catalog.webhooks().iter().map(Webhook::event), event)
        .map(|s| format!("did you mean `{s}`?"))
}

/// The name most like `wanted`, by the one ranking every suggestion uses.
fn closest<'a>(names: impl Iterator<Item = &'a str>, wanted: &str) -> Option<&'a str> {
    suggest::rank(names.map(|n| (n, [n])), wanted, 1).pop()
}

/// The smallest set of scopes that grants every endpoint and webhook, sorted; `None` when the
/// exact search gives up (it never does on the real catalogs, where each endpoint has one scope).
pub fn minimal(
    catalog: &'static Catalog,
    endpoints: &[&'static Endpoint],
    webhooks: &[&'static Webhook],
) -> Option<MinimalScopes> {
    let calls = endpoints
        .iter()
        .map(|e| Call::Parts(e.method(), e.template()));
    catalog
        .minimal_scopes(calls, webhooks.iter().map(|w| w.event()))
        .ok()
}
