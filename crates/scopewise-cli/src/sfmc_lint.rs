//! The lint for a Salesforce Marketing Cloud Engagement manifest: the installed package's
//! scope tokens and the SOAP operations the app uses.

use std::collections::BTreeSet;

use scopewise::sfmc::{Catalog, SoapOperation, UnknownToken};

use crate::lint::{Code, Report, finding};
use crate::manifest::Manifest;

/// Lints an SFMC manifest's `scopes` and `soap` against the SFMC catalog.
pub fn lint(catalog: &'static Catalog, manifest: &Manifest) -> Report {
    let mut findings = Vec::new();
    let mut seen = BTreeSet::new();
    for located in &manifest.scopes {
        let name = located.value.as_str();
        let mut f = |code: Code, message: String, suggestion: Option<String>| {
            let mut f = finding(code, message);
            f.scope = Some(name.to_owned());
            f.location = Some(located.location.clone());
            f.suggestion = suggestion;
            findings.push(f);
        };
        if !seen.insert(name) {
            f(
                Code::DuplicateScope,
                format!("`{name}` is requested more than once"),
                Some("remove the repetition".into()),
            );
            continue;
        }
        let unknown = catalog.explain_unknown(name);
        match &unknown {
            UnknownToken::Known(token) if token.is_documented() => {}
            UnknownToken::Known(token) => f(
                Code::UndocumentedScope,
                format!(
                    "`{name}` is a real token that the installed-package scope page does not document: {}",
                    token.reason().unwrap_or("no reason recorded")
                ),
                token.evidence().map(|e| format!("evidence: {e}")),
            ),
            UnknownToken::Spelling(token) => f(
                Code::UnknownScope,
                format!("`{name}` is not a token: the `scope` string uses token names"),
                Some(format!("use `{}`", token.name())),
            ),
            UnknownToken::MissingLevel { group, .. } => {
                let tokens: Vec<&str> = group.tokens().iter().map(|t| t.name()).collect();
                // The runtime's explanation, as the other edges give it.
                f(
                    Code::MissingLevel,
                    format!("`{name}`: {unknown}"),
                    Some(format!("one of {}", tokens.join(", "))),
                );
            }
            UnknownToken::UnknownLevel { group, suffix } => {
                let tokens: Vec<&str> = group.tokens().iter().map(|t| t.name()).collect();
                f(
                    Code::MissingLevel,
                    format!(
                        "`{name}`: `{suffix}` is not a level of the {} group",
                        group.name()
                    ),
                    Some(format!("one of {}", tokens.join(", "))),
                );
            }
            // `UnknownToken` may grow; whatever it is, it is not a token the app may request.
            other => {
                let suggestions = other.suggestions();
                let names: Vec<String> = suggestions
                    .iter()
                    .map(|t| format!("`{}`", t.name()))
                    .collect();
                f(
                    Code::UnknownScope,
                    format!("`{name}` is not an {} token", catalog.provider()),
                    (!names.is_empty()).then(|| format!("did you mean {}?", names.join(", "))),
                );
            }
        }
    }

    for located in &manifest.soap {
        let entry = located.value.as_str();
        let mut f = finding(Code::SoapNeedsNoScope, String::new());
        f.call = Some(entry.to_owned());
        f.location = Some(located.location.clone());
        let Some((object, operation)) = entry.split_once(['.', ' ']) else {
            f.code = Code::InvalidCall;
            f.severity = Code::InvalidCall.severity();
            f.message = format!(
                "`{entry}` is not a SOAP operation: expected `Object.Operation`, e.g. `Program.Retrieve`"
            );
            findings.push(f);
            continue;
        };
        let operation = operation.trim();
        match (catalog.soap_object(object), SoapOperation::parse(operation)) {
            (Some(o), Some(op)) if o.supports(op) => {
                f.message = format!(
                    "`{}.{}` needs no scope: every installed package may use it ({})",
                    o.name(),
                    op.as_str(),
                    o.description()
                );
            }
            (Some(o), _) => {
                let ops: Vec<&str> = o.operations().iter().map(|op| op.as_str()).collect();
                f.code = Code::UnknownSoapOperation;
                f.severity = f.code.severity();
                f.message = format!(
                    "`{entry}`: installed packages may use {} only for {}; `{operation}` may need a scope the page does not map",
                    o.name(),
                    ops.join(", ")
                );
            }
            (None, _) => {
                f.code = Code::UnknownSoapOperation;
                f.severity = f.code.severity();
                f.message = format!(
                    "`{object}` is not among the SOAP objects every installed package may use; it may need a scope the page does not map"
                );
            }
        }
        findings.push(f);
    }

    findings
        .sort_by(|a, b| (&a.location, a.code, &a.message).cmp(&(&b.location, b.code, &b.message)));
    Report {
        findings,
        requested: manifest.scopes.iter().map(|s| s.value.clone()).collect(),
        minimal: None,
        calls: manifest.soap.len(),
    }
}
