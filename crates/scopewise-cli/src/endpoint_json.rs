//! An endpoint as JSON, the same document for `lookup --json` and `check --json`.

use serde_json::json;

/// The token types of an access set, by name.
pub fn access_list(set: scopewise::AccessSet) -> Vec<&'static str> {
    set.iter().map(|a| a.as_str()).collect()
}

/// Everything the catalog knows about the endpoint, as JSON.
pub fn endpoint_json(e: &scopewise::Endpoint) -> serde_json::Value {
    json!({
        "method": e.method().as_str(),
        "template": e.template(),
        "scopes": e.scopes().iter().map(|s| s.name()).collect::<Vec<_>>(),
        "scope_documented": e.scope_documented(),
        "access": access_list(e.access()),
        "webhooks": e.webhooks().iter().map(|w| w.event()).collect::<Vec<_>>(),
        "title": e.title(),
        "version": e.version(),
        "oauth_access": access_list(e.oauth_access()),
        "private_integration": access_list(e.private_integration_access()),
        "auth": e.auth().as_str(),
        "versions": e.versions(),
        "v3_only": e.v3_only(),
        "deprecated": e.deprecated(),
        "replacement": e.replacement(),
        "sources": e.provenance().iter().map(|p| json!({
            "source": p.source,
            "line": p.line,
            "scope": (!p.scope.is_empty()).then_some(p.scope),
        })).collect::<Vec<_>>(),
    })
}
