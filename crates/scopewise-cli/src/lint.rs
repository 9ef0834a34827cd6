//! The lint: what is wrong with the scopes an app requests, given what it calls.

use std::collections::{BTreeMap, BTreeSet};

use scopewise::{Access, AccessSet, Capability, Catalog, Endpoint, Scope, ScopeStatus, Webhook};
use serde::Serialize;

use crate::calls::{self, Call};
use crate::manifest::{AppAccess, Located, Location, Manifest, TokenKind};
use crate::resolve::{self, Resolution};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Fails the lint.
    Error,
    /// Fails the lint with `--deny warnings`.
    Warning,
    /// For the record.
    Info,
}

impl Severity {
    /// `error`, `warning`, `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
        }
    }
}

/// What a finding is about: stable codes, also the SARIF rule ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// A requested scope the provider does not have.
    UnknownScope,
    /// A call or webhook needs a scope the app does not request.
    MissingScope,
    /// A requested scope nothing the app does needs.
    UnusedScope,
    /// A scope from the legacy (v1) table, or one that no longer grants a call the app makes.
    LegacyScope,
    /// A call or scope not available to the app's token type.
    AccessMismatch,
    /// A call that matches no endpoint.
    UnknownEndpoint,
    /// A webhook event the provider does not have.
    UnknownWebhook,
    /// A call that is not `METHOD /path`, or whose target cannot be a request.
    InvalidCall,
    /// A call found by the source scan whose method the code does not say.
    UnknownMethod,
    /// A scope requested twice.
    DuplicateScope,
    /// A call to an endpoint the API reference documents but no scope table does.
    UndocumentedEndpointScope,
    /// A call to an endpoint that does not accept the app's kind of token.
    TokenKindMismatch,
    /// SFMC: a token whose group does not have that level (`ott_chat_messaging_write`).
    MissingLevel,
    /// SFMC: a real token the scope page does not document (`tags_read`).
    UndocumentedScope,
    /// SFMC: a SOAP operation every installed package may use, whatever its scopes.
    SoapNeedsNoScope,
    /// SFMC: a SOAP operation outside the always-allowed table.
    UnknownSoapOperation,
    /// A call recorded or written with `http://`: its token travels in clear text.
    CleartextCall,
    /// A call to an endpoint the vendor has deprecated.
    DeprecatedEndpoint,
    /// A call to an endpoint that needs a token whose scope no source states.
    ScopeNotStated,
    /// A webhook event the vendor documents without saying which scope it needs.
    WebhookScopeUnknown,
    /// A call to an endpoint that does not accept the `Version` header the manifest states.
    UnservedVersion,
    /// A requested scope that grants no API call or event (sign-in, refresh tokens).
    NoApiScope,
}

/// Which catalogs a rule can fire for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppliesTo {
    /// Every catalog.
    All,
    /// Catalogs of one capability only: REST endpoints, scopes and webhooks
    /// ([`Capability::Endpoints`]), or tokens of groups and SOAP operations
    /// ([`Capability::Groups`]).
    Only(Capability),
}

/// A lint rule: the one row every output (text, JSON, SARIF) and the README's table read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// The code findings carry.
    pub code: Code,
    /// The kebab-case name.
    pub name: &'static str,
    /// The severity of its findings.
    pub severity: Severity,
    /// Which catalogs it can fire for.
    pub applies_to: AppliesTo,
    /// One line on what the rule checks.
    pub description: &'static str,
}

/// Every rule, in documentation order, which is also the order of [`Code`]'s variants (a
/// test checks it), so a code finds its row by its discriminant.
pub const RULES: [Rule; 22] = [
    Rule {
        code: Code::UnknownScope,
        name: "unknown-scope",
        severity: Severity::Error,
        applies_to: AppliesTo::All,
        description: "A requested scope is not a scope of the provider.",
    },
    Rule {
        code: Code::MissingScope,
        name: "missing-scope",
        severity: Severity::Error,
        applies_to: AppliesTo::Only(Capability::Endpoints),
        description: "A call or webhook event needs a scope the app does not request.",
    },
    Rule {
        code: Code::UnusedScope,
        name: "unused-scope",
        severity: Severity::Warning,
        applies_to: AppliesTo::Only(Capability::Endpoints),
        description: "A requested scope is needed by nothing the app calls or subscribes to.",
    },
    Rule {
        code: Code::LegacyScope,
        name: "legacy-scope",
        severity: Severity::Warning,
        applies_to: AppliesTo::Only(Capability::Endpoints),
        description: "A scope from the legacy (v1) table, or one that no longer grants a call the app makes.",
    },
    Rule {
        code: Code::AccessMismatch,
        name: "access-mismatch",
        severity: Severity::Error,
        applies_to: AppliesTo::Only(Capability::Endpoints),
        description: "A call or scope is not available to the token type(s) the app uses.",
    },
    Rule {
        code: Code::UnknownEndpoint,
        name: "unknown-endpoint",
        severity: Severity::Warning,
        applies_to: AppliesTo::Only(Capability::Endpoints),
        description: "A call matches no endpoint of the provider.",
    },
    Rule {
        code: Code::UnknownWebhook,
        name: "unknown-webhook",
        severity: Severity::Warning,
        applies_to: AppliesTo::Only(Capability::Endpoints),
        description: "A webhook event is not one the provider sends.",
    },
    Rule {
        code: Code::InvalidCall,
        name: "invalid-call",
        severity: Severity::Error,
        applies_to: AppliesTo::All,
        description: "A call is not `METHOD /path`, or its target is not a valid request.",
    },
    Rule {
        code: Code::UnknownMethod,
        name: "unknown-method",
        severity: Severity::Warning,
        applies_to: AppliesTo::Only(Capability::Endpoints),
        description: "A call found in source code whose HTTP method the code does not say.",
    },
    Rule {
        code: Code::DuplicateScope,
        name: "duplicate-scope",
        severity: Severity::Warning,
        applies_to: AppliesTo::All,
        description: "A scope is requested more than once.",
    },
    Rule {
        code: Code::UndocumentedEndpointScope,
        name: "undocumented-endpoint-scope",
        severity: Severity::Warning,
        applies_to: AppliesTo::Only(Capability::Endpoints),
        description: "A call to an endpoint that the API reference documents but no scope table does: which scope it needs is unknown.",
    },
    Rule {
        code: Code::TokenKindMismatch,
        name: "token-kind-mismatch",
        severity: Severity::Error,
        applies_to: AppliesTo::Only(Capability::Endpoints),
        description: "A call to an endpoint that, per the API reference, does not accept the app's kind of token (OAuth or Private Integration Token).",
    },
    Rule {
        code: Code::MissingLevel,
        name: "missing-level",
        severity: Severity::Error,
        applies_to: AppliesTo::Only(Capability::Groups),
        description: "SFMC: a token whose group does not have that level.",
    },
    Rule {
        code: Code::UndocumentedScope,
        name: "undocumented-scope",
        severity: Severity::Info,
        applies_to: AppliesTo::Only(Capability::Groups),
        description: "SFMC: a real token that the installed-package scope page does not document.",
    },
    Rule {
        code: Code::SoapNeedsNoScope,
        name: "soap-needs-no-scope",
        severity: Severity::Info,
        applies_to: AppliesTo::Only(Capability::Groups),
        description: "SFMC: a SOAP operation every installed package may use, whatever its scopes.",
    },
    Rule {
        code: Code::UnknownSoapOperation,
        name: "unknown-soap-operation",
        severity: Severity::Warning,
        applies_to: AppliesTo::Only(Capability::Groups),
        description: "SFMC: a SOAP operation outside the table of operations every installed package may use.",
    },
    Rule {
        code: Code::CleartextCall,
        name: "cleartext-call",
        severity: Severity::Warning,
        applies_to: AppliesTo::Only(Capability::Endpoints),
        description: "A call to the API over http:// (in a HAR capture or the source): its token travels in clear text.",
    },
    Rule {
        code: Code::DeprecatedEndpoint,
        name: "deprecated-endpoint",
        severity: Severity::Warning,
        applies_to: AppliesTo::Only(Capability::Endpoints),
        description: "A call to an endpoint the vendor has deprecated; names the replacement when the spec does.",
    },
    Rule {
        code: Code::ScopeNotStated,
        name: "scope-not-stated",
        severity: Severity::Info,
        applies_to: AppliesTo::Only(Capability::Endpoints),
        description: "A call to an endpoint that needs a token, but whose scope no source states (the OpenAPI spec names a scheme and no scope).",
    },
    Rule {
        code: Code::WebhookScopeUnknown,
        name: "webhook-scope-unknown",
        severity: Severity::Info,
        applies_to: AppliesTo::Only(Capability::Endpoints),
        description: "A webhook event the vendor documents, but no source says which scope a subscription needs.",
    },
    Rule {
        code: Code::UnservedVersion,
        name: "unserved-version",
        severity: Severity::Error,
        applies_to: AppliesTo::Only(Capability::Endpoints),
        description: "A call to an endpoint that, per the OpenAPI specs, does not accept the `Version` header the manifest states.",
    },
    Rule {
        code: Code::NoApiScope,
        name: "no-api-scope",
        severity: Severity::Info,
        applies_to: AppliesTo::Only(Capability::Endpoints),
        description: "A requested scope that grants no API call or event (`offline_access`, `openid`): it is for the token itself, so no call can use it.",
    },
];

impl Code {
    /// Every code, in documentation order.
    pub const ALL: [Code; 22] = {
        let mut all = [Code::UnknownScope; 22];
        let mut i = 0;
        while i < RULES.len() {
            all[i] = RULES[i].code;
            i += 1;
        }
        all
    };

    /// This code's row of [`RULES`].
    pub fn rule(self) -> &'static Rule {
        &RULES[self as usize]
    }

    /// The kebab-case code.
    pub fn as_str(self) -> &'static str {
        self.rule().name
    }

    /// The severity findings of this code have.
    pub fn severity(self) -> Severity {
        self.rule().severity
    }

    /// One line on what the rule checks.
    pub fn description(self) -> &'static str {
        self.rule().description
    }
}

/// One thing the lint found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// What kind.
    pub code: Code,
    /// How serious.
    pub severity: Severity,
    /// What is wrong, in a sentence.
    pub message: String,
    /// The scope concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// The call concerned, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub call: Option<String>,
    /// Where in the manifest or source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// What to do.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
}

impl Serialize for Location {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Location", 3)?;
        st.serialize_field("file", &self.file)?;
        st.serialize_field("line", &self.line)?;
        st.serialize_field("column", &self.column)?;
        st.end()
    }
}

/// The lint's input beyond the manifest: calls from a HAR capture or a source scan.
#[derive(Debug, Clone, Default)]
pub struct ExtraCalls {
    /// Calls found outside the manifest.
    pub calls: Vec<Call>,
}

/// The lint's result.
#[derive(Debug, Clone)]
pub struct Report {
    /// Every finding, ordered by location then code.
    pub findings: Vec<Finding>,
    /// The scopes the app requests, as written.
    pub requested: Vec<String>,
    /// The smallest scope set that grants every resolved call and webhook (`None` if the
    /// exact search gave up).
    pub minimal: Option<Vec<&'static str>>,
    /// How many calls were linted (manifest and extra).
    pub calls: usize,
}

impl Report {
    /// Findings of a severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// Whether the minimal set differs from the requested one.
    pub fn minimal_differs(&self) -> bool {
        let requested: BTreeSet<&str> = self.requested.iter().map(String::as_str).collect();
        let Some(minimal) = &self.minimal else {
            return false;
        };
        requested != minimal.iter().copied().collect()
    }
}

/// A finding of `code`'s severity, with nothing but its message filled in.
pub(crate) fn finding(code: Code, message: String) -> Finding {
    Finding {
        code,
        severity: code.severity(),
        message,
        scope: None,
        call: None,
        location: None,
        suggestion: None,
    }
}

/// The access types an app's tokens have.
pub fn app_access(access: AppAccess) -> AccessSet {
    match access {
        AppAccess::SubAccount => AccessSet::EMPTY.with(Access::SubAccount),
        AppAccess::Agency => AccessSet::EMPTY.with(Access::Agency),
        AppAccess::Both => AccessSet::EMPTY
            .with(Access::SubAccount)
            .with(Access::Agency),
    }
}

/// Lints a manifest (and extra calls) against a catalog. `access` is the app's token types;
/// they are compared with what endpoints, scopes and events allow only when the catalog
/// distinguishes token types ([`Catalog::token_types`]).
pub fn lint(
    catalog: &'static Catalog,
    manifest: &Manifest,
    access: Option<AppAccess>,
    extra: &ExtraCalls,
) -> Report {
    let mut findings = Vec::new();
    let app = access
        .filter(|_| !catalog.token_types().is_empty())
        .map(app_access);
    let access_word = access.map_or("any", AppAccess::as_str);

    // 1. The requested scopes.
    let mut requested: BTreeMap<&str, &Located<String>> = BTreeMap::new();
    let mut known: Vec<(&'static Scope, &Located<String>)> = Vec::new();
    for located in &manifest.scopes {
        let name = located.value.as_str();
        if requested.insert(name, located).is_some() {
            let mut f = finding(
                Code::DuplicateScope,
                format!("`{name}` is requested more than once"),
            );
            f.scope = Some(name.to_owned());
            f.location = Some(located.location.clone());
            f.suggestion = Some("remove the repetition".into());
            findings.push(f);
            continue;
        }
        // The catalog also finds a scope by the other spellings the vendor used
        // (`adPublishing.readOnly`); a manifest must use the exact name.
        match catalog.scope(name).filter(|s| s.name() == name) {
            Some(scope) => {
                if scope.status() == ScopeStatus::LegacyOnly {
                    let mut f = finding(
                        Code::LegacyScope,
                        format!(
                            "`{name}` is only in the legacy (v1) scope table; the current table does not have it"
                        ),
                    );
                    f.scope = Some(name.to_owned());
                    f.location = Some(located.location.clone());
                    findings.push(f);
                }
                if app.is_some_and(|app| !intersects(scope.access(), app)) {
                    let mut f = finding(
                        Code::AccessMismatch,
                        format!(
                            "`{name}` is available to {} tokens only; the app uses {access_word} tokens",
                            scope.access()
                        ),
                    );
                    f.scope = Some(name.to_owned());
                    f.location = Some(located.location.clone());
                    findings.push(f);
                }
                known.push((scope, located));
            }
            None => {
                let mut f = finding(
                    Code::UnknownScope,
                    format!("`{name}` is not a {} scope", catalog.provider()),
                );
                f.scope = Some(name.to_owned());
                f.location = Some(located.location.clone());
                f.suggestion = resolve::suggest_scope(catalog, name);
                findings.push(f);
            }
        }
    }
    let granted: BTreeSet<&str> = known.iter().map(|(s, _)| s.name()).collect();

    // 2. The calls.
    let mut all_calls: Vec<Call> = Vec::new();
    for parsed in calls::from_strings(&manifest.calls) {
        match parsed {
            Ok(call) => all_calls.push(call),
            Err((item, e)) => {
                let mut f = finding(Code::InvalidCall, e.0);
                f.call = Some(item.value.clone());
                f.location = Some(item.location.clone());
                findings.push(f);
            }
        }
    }
    all_calls.extend(extra.calls.iter().cloned());

    let mut used: BTreeSet<&'static str> = BTreeSet::new();
    let mut needed_endpoints: Vec<&'static Endpoint> = Vec::new();
    for call in &all_calls {
        if call.cleartext {
            let mut f = finding(
                Code::CleartextCall,
                format!(
                    "`{}` goes to the API over http://: its token travels in clear text",
                    call.text
                ),
            );
            f.call = Some(call.text.clone());
            f.location = call.location.clone();
            f.suggestion = Some("call the API over https://".into());
            findings.push(f);
        }
        let Some(method) = call.method else {
            let mut f = finding(
                Code::UnknownMethod,
                format!(
                    "the code around `{}` does not say which HTTP method it uses",
                    call.target
                ),
            );
            f.call = Some(call.text.clone());
            f.location = call.location.clone();
            f.suggestion = Some("list the call in the manifest's `calls` with its method".into());
            findings.push(f);
            continue;
        };
        match resolve::resolve(catalog, method, &call.target) {
            Resolution::Endpoint(endpoint) => {
                needed_endpoints.push(endpoint);
                check_endpoint(
                    catalog,
                    endpoint,
                    call,
                    app,
                    manifest.token_kind,
                    manifest.version.as_ref().map(|v| v.value.as_str()),
                    access_word,
                    &requested,
                    &granted,
                    &mut used,
                    &mut findings,
                );
            }
            Resolution::Unknown { suggestions } => {
                let mut f = finding(
                    Code::UnknownEndpoint,
                    format!(
                        "`{} {}` matches no {} endpoint",
                        method.as_str(),
                        call.target,
                        catalog.provider()
                    ),
                );
                f.call = Some(call.text.clone());
                f.location = call.location.clone();
                if !suggestions.is_empty() {
                    f.suggestion = Some(format!("did you mean {}?", suggestions.join(", ")));
                }
                findings.push(f);
            }
            Resolution::Invalid(reason) => {
                let mut f = finding(Code::InvalidCall, format!("`{}`: {reason}", call.text));
                f.call = Some(call.text.clone());
                f.location = call.location.clone();
                findings.push(f);
            }
        }
    }

    // 3. The webhooks.
    let mut needed_webhooks: Vec<&'static Webhook> = Vec::new();
    for located in &manifest.webhooks {
        let event = located.value.as_str();
        let Some(webhook) = catalog.webhook(event) else {
            let mut f = finding(
                Code::UnknownWebhook,
                format!("`{event}` is not a {} webhook event", catalog.provider()),
            );
            f.location = Some(located.location.clone());
            f.suggestion = resolve::suggest_webhook(catalog, event);
            findings.push(f);
            continue;
        };
        needed_webhooks.push(webhook);
        // An event documented only by its page states no access: nothing to compare.
        if !webhook.access().is_empty() && app.is_some_and(|app| !intersects(webhook.access(), app))
        {
            let mut f = finding(
                Code::AccessMismatch,
                format!(
                    "`{event}` is sent to {} apps only; the app uses {access_word} tokens",
                    webhook.access()
                ),
            );
            f.location = Some(located.location.clone());
            findings.push(f);
        }
        let grants: Vec<&str> = webhook.scopes().iter().map(|s| s.name()).collect();
        if grants.is_empty() {
            let mut f = finding(
                Code::WebhookScopeUnknown,
                format!(
                    "`{event}` is a documented webhook event, but no source says which scope it needs"
                ),
            );
            f.location = Some(located.location.clone());
            findings.push(f);
            continue;
        }
        // Every requested scope that grants the event is needed by it: none is unused.
        let requested_grants: Vec<&&str> =
            grants.iter().filter(|g| granted.contains(**g)).collect();
        for g in &requested_grants {
            used.insert(catalog.scope(g).map_or("", Scope::name));
        }
        match requested_grants.first() {
            Some(_) => {}
            None => {
                let mut f = finding(
                    Code::MissingScope,
                    format!(
                        "the `{event}` webhook needs {}, which the app does not request",
                        any_of(&grants)
                    ),
                );
                f.scope = grants.first().map(|s| (*s).to_owned());
                f.location = Some(located.location.clone());
                f.suggestion = Some(format!("request {}", any_of(&grants)));
                findings.push(f);
            }
        }
    }

    // 4. Requested scopes nothing needs. A scope that grants no call or event at all
    // (`offline_access`) is for the token itself: said once, as information.
    for (scope, located) in &known {
        if scope.endpoints().is_empty() && scope.webhooks().is_empty() {
            let mut f = finding(
                Code::NoApiScope,
                format!(
                    "`{}` grants no API call or event: it is for the token itself (sign-in, refresh tokens)",
                    scope.name()
                ),
            );
            f.scope = Some(scope.name().to_owned());
            f.location = Some(located.location.clone());
            findings.push(f);
            continue;
        }
        if !used.contains(scope.name()) {
            let mut f = finding(
                Code::UnusedScope,
                format!(
                    "`{}` is requested, but nothing the app calls or subscribes to needs it",
                    scope.name()
                ),
            );
            f.scope = Some(scope.name().to_owned());
            f.location = Some(located.location.clone());
            f.suggestion = Some("remove it, or list the calls that need it".into());
            findings.push(f);
        }
    }

    // Endpoints whose scope is undocumented cannot be granted by any set, and those that need
    // no scope need none: leave them out.
    needed_endpoints.retain(|e| !e.scopes().is_empty());
    needed_webhooks.retain(|w| !w.scopes().is_empty());
    let minimal = resolve::minimal(catalog, &needed_endpoints, &needed_webhooks)
        .map(|m| m.scopes().iter().map(|s| s.name()).collect());
    findings
        .sort_by(|a, b| (&a.location, a.code, &a.message).cmp(&(&b.location, b.code, &b.message)));
    Report {
        findings,
        requested: manifest.scopes.iter().map(|s| s.value.clone()).collect(),
        minimal,
        calls: all_calls.len(),
    }
}

#[allow(clippy::too_many_arguments)]
fn check_endpoint(
    catalog: &'static Catalog,
    endpoint: &'static Endpoint,
    call: &Call,
    app: Option<AccessSet>,
    token_kind: TokenKind,
    version: Option<&str>,
    access_word: &str,
    requested: &BTreeMap<&str, &Located<String>>,
    granted: &BTreeSet<&str>,
    used: &mut BTreeSet<&'static str>,
    findings: &mut Vec<Finding>,
) {
    let display = format!("{} {}", endpoint.method().as_str(), endpoint.template());
    check_token_kind(
        endpoint,
        call,
        app.unwrap_or(AccessSet::EMPTY),
        token_kind,
        access_word,
        &display,
        findings,
    );
    if endpoint.deprecated() {
        let mut f = finding(
            Code::DeprecatedEndpoint,
            format!("`{display}` is deprecated"),
        );
        f.call = Some(call.text.clone());
        f.location = call.location.clone();
        f.suggestion = endpoint.replacement().map(|r| format!("use {r} instead"));
        findings.push(f);
    }
    if let Some(v) = version
        && !endpoint.versions().is_empty()
        && !endpoint.versions().contains(&v)
    {
        let mut f = finding(
            Code::UnservedVersion,
            format!(
                "`{display}` is not served under `Version: {v}`; it accepts {}",
                endpoint
                    .versions()
                    .iter()
                    .map(|v| format!("`{v}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
        f.call = Some(call.text.clone());
        f.location = call.location.clone();
        findings.push(f);
    }
    if endpoint.auth() == scopewise::Auth::None {
        // No token and no scope: nothing to check.
        return;
    }
    if !endpoint.scope_documented() {
        let mut f = finding(
            Code::UndocumentedEndpointScope,
            format!(
                "`{display}` is in the API reference (line {}), but no source says which scope it needs",
                endpoint.reference_line().unwrap_or_default()
            ),
        );
        f.call = Some(call.text.clone());
        f.location = call.location.clone();
        f.suggestion = Some("try it with a token that has only the scopes you request, and ask the vendor to document it".into());
        findings.push(f);
        return;
    }
    if app.is_some_and(|app| !intersects(endpoint.access(), app)) {
        let mut f = finding(
            Code::AccessMismatch,
            format!(
                "`{display}` accepts {} tokens only; the app uses {access_word} tokens",
                endpoint.access()
            ),
        );
        f.call = Some(call.text.clone());
        f.location = call.location.clone();
        findings.push(f);
    }
    if endpoint.auth() == scopewise::Auth::Token {
        let mut f = finding(
            Code::ScopeNotStated,
            format!("`{display}` needs a token; no source states which scope"),
        );
        f.call = Some(call.text.clone());
        f.location = call.location.clone();
        findings.push(f);
        return;
    }
    let grants: Vec<&'static str> = endpoint.scopes().iter().map(|s| s.name()).collect();
    // Every requested scope that grants the call is needed by it: none is unused.
    let mut any = false;
    for g in grants.iter().filter(|g| granted.contains(*g)) {
        used.insert(g);
        any = true;
    }
    if any {
        return;
    }
    let mut f = finding(
        Code::MissingScope,
        format!(
            "`{display}` needs {}, which the app does not request",
            any_of(&grants)
        ),
    );
    f.call = Some(call.text.clone());
    f.scope = grants.first().map(|s| (*s).to_owned());
    f.location = call.location.clone();
    f.suggestion = Some(format!("request {}", any_of(&grants)));
    findings.push(f);

    // A requested scope that granted this endpoint in the legacy table has been superseded.
    for rescope in catalog.legacy().changes.endpoints_rescoped {
        if rescope.item != display {
            continue;
        }
        for old in rescope.legacy {
            if let Some(located) = requested.get(old) {
                let mut f = finding(
                    Code::LegacyScope,
                    format!(
                        "`{old}` granted `{display}` in the legacy (v1) table, but no longer does; {} does now",
                        any_of(rescope.current)
                    ),
                );
                f.scope = Some((*old).to_owned());
                f.call = Some(call.text.clone());
                f.location = Some(located.location.clone());
                f.suggestion = Some(format!("request {} for this call", any_of(rescope.current)));
                findings.push(f);
            }
        }
    }
}

/// What the API reference says about the token kinds an endpoint accepts. Silent when the
/// reference says nothing (no page, or no token sentence on it).
fn check_token_kind(
    endpoint: &'static Endpoint,
    call: &Call,
    app: AccessSet,
    token_kind: TokenKind,
    access_word: &str,
    display: &str,
    findings: &mut Vec<Finding>,
) {
    let stated = endpoint
        .oauth_access()
        .union(endpoint.private_integration_access());
    if endpoint.reference_line().is_none() || stated.is_empty() {
        return;
    }
    let (accepted, kind) = match token_kind {
        TokenKind::OAuth => (endpoint.oauth_access(), "an OAuth access token"),
        TokenKind::PrivateIntegration => (
            endpoint.private_integration_access(),
            "a Private Integration Token",
        ),
    };
    if !intersects(accepted, app) {
        let mut f = finding(
            Code::TokenKindMismatch,
            format!(
                "`{display}` does not accept {kind} of the app's {access_word} level, per the API reference (line {})",
                endpoint.reference_line().unwrap_or_default()
            ),
        );
        f.call = Some(call.text.clone());
        f.location = call.location.clone();
        findings.push(f);
    }
}

fn intersects(a: AccessSet, b: AccessSet) -> bool {
    a.intersects(b)
}

/// `` `a` `` or `` one of `a`, `b` ``.
pub fn any_of(scopes: &[&str]) -> String {
    if scopes.is_empty() {
        return "a scope the table does not document".to_owned();
    }
    scopewise::wording::one_of(scopes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_finds_its_own_row() {
        for (i, rule) in RULES.iter().enumerate() {
            assert_eq!(rule.code as usize, i, "{}", rule.name);
            assert_eq!(rule.code.as_str(), rule.name);
        }
        let mut names: Vec<&str> = RULES.iter().map(|r| r.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), RULES.len());
    }

    /// The README's table of rules says what the table here says: every rule, its severity.
    #[test]
    fn the_readme_documents_every_rule() {
        let readme = include_str!("../../../README.md");
        for rule in &RULES {
            let severity = match rule.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "info",
            };
            let row = format!("| `{}` | {severity} |", rule.name);
            assert!(readme.contains(&row), "README.md lacks the row `{row}`");
            // An SFMC-only rule says so first in its description.
            let sfmc = rule.description.starts_with("SFMC: ");
            assert_eq!(
                sfmc,
                rule.applies_to == AppliesTo::Only(Capability::Groups),
                "{}",
                rule.name
            );
        }
    }

    /// Token types are compared only by a catalog that distinguishes them: the same
    /// sub-account app calling an agency-only endpoint is a finding against the basic
    /// fixture, and none against the same fixture without token types.
    #[test]
    fn token_types_are_compared_only_where_the_catalog_has_them() {
        static TYPED: Catalog = scopewise::include_catalog!(
            "highlevel",
            path = "crates/scopewise-macros/tests/fixtures/basic",
        );
        static ALIKE: Catalog = scopewise::include_catalog!(
            "highlevel",
            path = "crates/scopewise-macros/tests/fixtures/no-token-types",
        );
        let manifest = crate::manifest::parse(
            "app.yaml",
            "access: sub-account\nscopes: [locations.write]\ncalls: [POST /locations]\n",
        )
        .unwrap();
        let mismatches = |catalog: &'static Catalog, access| {
            lint(catalog, &manifest, access, &ExtraCalls::default())
                .findings
                .iter()
                .filter(|f| f.code == Code::AccessMismatch)
                .map(|f| f.message.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            mismatches(&TYPED, Some(AppAccess::SubAccount)),
            [
                "`locations.write` is available to agency tokens only; the app uses sub-account tokens",
                "`POST /locations` accepts agency tokens only; the app uses sub-account tokens",
            ]
        );
        assert_eq!(
            mismatches(&ALIKE, Some(AppAccess::SubAccount)),
            Vec::<String>::new()
        );
        assert_eq!(mismatches(&ALIKE, None), Vec::<String>::new());
    }
}
