//! From specs to a scopewise dataset: the operations of one or more [`Spec`]s as the
//! endpoints and scopes of a `catalog.yaml` ([`CatalogFile`]), by one rule for every API.
//!
//! - An endpoint's template is its server's base path and the operation's path
//!   (`/api.xro/2.0` + `/Invoices`); every server must be on the one host the catalog serves.
//! - Security alternatives are alternatives: a token with the scopes of any one grants the
//!   call. Within one requirement the OpenAPI rule is that every scope is required
//!   ([`Reading::AllOfWithinRequirement`]); a catalog holds "any one of these scopes", so such
//!   a requirement with several scopes is refused, naming the operation. A provider that
//!   means any one of them states so ([`Reading::AnyOfWithinRequirement`]), and every
//!   operation read that way is listed ([`CatalogBuilder::any_of`]).
//! - `security: []` (or an empty requirement among the alternatives) needs nothing
//!   (`auth: none`); a requirement with no scope needs a token but no scope (`auth: token`).
//! - An operation described more than once (several specs under one base path, or one spec
//!   under two parameter names) is one endpoint when every description agrees on what it
//!   needs, and an error naming both descriptions when they do not.
//! - The scopes the security schemes declare are scopes of the catalog even when no
//!   operation carries them.
//!
//! ```
//! use scopewise_openapi::catalog::{CatalogBuilder, Reading};
//!
//! let spec = scopewise_openapi::read_spec("pets.yaml", r#"
//! openapi: 3.0.0
//! info: { title: Pets, version: "1" }
//! servers: [{ url: "https://api.pets.test/v1" }]
//! security: [{ oauth: [pets.read] }]
//! paths:
//!   /pets: { get: { responses: { "200": { description: ok } } } }
//!   /health: { get: { security: [], responses: { "200": { description: ok } } } }
//! components:
//!   securitySchemes:
//!     oauth: { type: oauth2, flows: { clientCredentials: { tokenUrl: "https://a.test", scopes: { pets.read: "", pets.write: "" } } } }
//! "#).unwrap();
//! let mut builder = CatalogBuilder::new("api.pets.test", Reading::AllOfWithinRequirement);
//! builder.add(&spec, "", "pets.yaml", None).unwrap();
//! let catalog = builder.finish("pets");
//! assert_eq!(catalog.endpoints.len(), 2);
//! assert_eq!(catalog.endpoints[1].path, "/v1/pets");
//! assert_eq!(catalog.endpoints[1].scopes, ["pets.read"]);
//! let names: Vec<_> = catalog.scopes.iter().map(|s| s.name.as_str()).collect();
//! assert_eq!(names, ["pets.read", "pets.write"]);
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use scopewise_model::dataset::{
    Auth, CatalogFile, EndpointRecord, HttpMethod, OpenApiInfo, Provenance, ScopeRecord,
    SourceRecord,
};
use scopewise_model::scope_status::ScopeStatus;
use scopewise_model::template::Template;

use crate::{Operation, Spec};

/// How one security requirement that lists several scopes is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// The OpenAPI rule: every scope of the requirement is required together. A catalog
    /// cannot hold that yet, so such a requirement is refused.
    AllOfWithinRequirement,
    /// The provider's stated meaning: any one of them grants the call (Xero lists
    /// `accounting.transactions` and `accounting.transactions.read` together).
    AnyOfWithinRequirement,
}

/// Why a spec cannot become part of a catalog: the spec, where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogError {
    /// The spec, as given to [`CatalogBuilder::add`].
    pub file: String,
    /// The 1-based line, when one is to blame.
    pub line: Option<u32>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for CatalogError {}

/// One endpoint as it is being built, with every description of it.
#[derive(Debug, Clone)]
struct Described {
    method: HttpMethod,
    template: String,
    scopes: Vec<String>,
    auth: Auth,
    provenance: Vec<Provenance>,
    openapi: Vec<OpenApiInfo>,
    /// The spec id of each description.
    specs: Vec<String>,
}

impl Described {
    /// Another description of the same endpoint, which agrees on what it needs.
    fn absorb(&mut self, other: Described) {
        self.provenance.extend(other.provenance);
        self.openapi.extend(other.openapi);
        self.specs.extend(other.specs);
    }
}

/// Builds a catalog from specs, one [`add`](Self::add) per spec.
#[derive(Debug, Clone)]
pub struct CatalogBuilder {
    host: String,
    reading: Reading,
    described: BTreeMap<String, Described>,
    declared: BTreeMap<String, Provenance>,
    sources: Vec<SourceRecord>,
    any_of: Vec<(String, Vec<String>)>,
    other_methods: Vec<String>,
    operations: Vec<(String, String, usize)>,
}

impl CatalogBuilder {
    /// A builder for a catalog served from `host`, reading requirements by `reading`.
    ///
    /// ```
    /// use scopewise_openapi::catalog::{CatalogBuilder, Reading};
    /// let builder = CatalogBuilder::new("api.xero.com", Reading::AnyOfWithinRequirement);
    /// assert!(builder.any_of().is_empty());
    /// ```
    pub fn new(host: &str, reading: Reading) -> Self {
        Self {
            host: host.to_owned(),
            reading,
            described: BTreeMap::new(),
            declared: BTreeMap::new(),
            sources: Vec::new(),
            any_of: Vec::new(),
            other_methods: Vec::new(),
            operations: Vec::new(),
        }
    }

    /// Adds every operation of `spec`, read from `text`, the file `id` (its provenance)
    /// whose bytes have the SHA-256 `sha256` (when the caller has one; otherwise a 64-bit
    /// digest of `text` stands in). On an error nothing of this spec is kept.
    pub fn add(
        &mut self,
        spec: &Spec,
        text: &str,
        id: &str,
        sha256: Option<&str>,
    ) -> Result<(), CatalogError> {
        let fail = |line, message: String| CatalogError {
            file: id.to_owned(),
            line,
            message,
        };
        // Nothing of this spec is kept until all of it is read: its new endpoints, and its
        // further descriptions of endpoints earlier specs described.
        let mut fresh: BTreeMap<String, Described> = BTreeMap::new();
        let mut merges: Vec<(String, Described)> = Vec::new();
        let mut any_of = Vec::new();
        let mut other_methods = Vec::new();
        let mut count = 0;
        for op in &spec.operations {
            let server = op.servers.first().or(spec.servers.first());
            let base = match server {
                Some(s)
                    if s.host.as_deref() == Some(self.host.as_str())
                        && s.url.starts_with("https://") =>
                {
                    s.base_path.trim_end_matches('/').to_owned()
                }
                Some(s) => {
                    return Err(fail(
                        None,
                        format!("server `{}` is not on https://{}", s.url, self.host),
                    ));
                }
                None => {
                    return Err(fail(
                        None,
                        "no server: the host and base path are unknown".into(),
                    ));
                }
            };
            let Some(method) = HttpMethod::parse(&op.method) else {
                other_methods.push(format!("{} {base}{} ({id})", op.method, op.path));
                continue;
            };
            count += 1;
            let d = self.describe(id, &base, method, op, &mut any_of)?;
            let key = format!(
                "{} {}",
                method.as_str(),
                Template::parse(&d.template).map_or_else(|_| d.template.clone(), |t| t.shape())
            );
            let first = match self.described.get(&key) {
                Some(earlier) => Some(earlier),
                None => fresh.get(&key),
            };
            match first {
                None => {
                    fresh.insert(key, d);
                }
                Some(first) if first.scopes == d.scopes && first.auth == d.auth => {
                    if self.described.contains_key(&key) {
                        merges.push((key, d));
                    } else if let Some(first) = fresh.get_mut(&key) {
                        first.absorb(d);
                    }
                }
                Some(first) => {
                    return Err(fail(
                        d.provenance.first().map(|p| p.line),
                        format!(
                            "`{} {}` needs {:?} ({:?}) here but {:?} ({:?}) in {}; the descriptions disagree and no reading is chosen",
                            method.as_str(),
                            d.template,
                            d.scopes,
                            d.auth,
                            first.scopes,
                            first.auth,
                            first.specs.join(", ")
                        ),
                    ));
                }
            }
        }
        for (key, d) in merges {
            if let Some(first) = self.described.get_mut(&key) {
                first.absorb(d);
            }
        }
        self.described.extend(fresh);
        self.any_of.extend(any_of);
        self.other_methods.extend(other_methods);
        for (scope, line) in declared_scopes(spec, text) {
            self.declared.entry(scope).or_insert(Provenance {
                source: id.to_owned(),
                line,
                scope: String::new(),
                corrected_by: None,
            });
        }
        self.sources.push(SourceRecord {
            id: id.to_owned(),
            path: String::new(),
            sha256: sha256.map_or_else(|| fingerprint([text].into_iter()), str::to_owned),
            table_rows: 0,
            pages: None,
        });
        let base = spec
            .servers
            .first()
            .map(|s| s.base_path.clone())
            .unwrap_or_default();
        self.operations.push((id.to_owned(), base, count));
        Ok(())
    }

    fn describe(
        &self,
        id: &str,
        base: &str,
        method: HttpMethod,
        op: &Operation,
        any_of: &mut Vec<(String, Vec<String>)>,
    ) -> Result<Described, CatalogError> {
        let line = op.location.line.unwrap_or(1);
        let joined = format!("{base}{}", op.path);
        let template = Template::parse(&joined)
            .map_err(|e| CatalogError {
                file: id.to_owned(),
                line: Some(line),
                message: format!("`{joined}` is not a template: {e}"),
            })?
            .to_string();
        let mut scopes = BTreeSet::new();
        for requirement in &op.security.alternatives {
            let listed: Vec<String> = requirement
                .schemes
                .iter()
                .flat_map(|(_, s)| s.iter().cloned())
                .collect();
            if listed.len() > 1 {
                let display = format!("{} {template}", method.as_str());
                match self.reading {
                    Reading::AnyOfWithinRequirement => any_of.push((display, listed.clone())),
                    Reading::AllOfWithinRequirement => {
                        return Err(CatalogError {
                            file: id.to_owned(),
                            line: Some(line),
                            message: format!(
                                "`{display}` requires all of {listed:?} together (one security requirement); scopewise catalogs hold endpoints granted by any one scope, so this spec cannot be read yet"
                            ),
                        });
                    }
                }
            }
            scopes.extend(listed);
        }
        let auth = if op.security.needs_no_auth() {
            Auth::None
        } else if scopes.is_empty() {
            Auth::Token
        } else {
            Auth::Scopes
        };
        let security = op
            .security
            .alternatives
            .iter()
            .map(|r| r.schemes.iter().cloned().collect())
            .collect();
        Ok(Described {
            method,
            template,
            scopes: if auth == Auth::None {
                Vec::new()
            } else {
                scopes.into_iter().collect()
            },
            auth,
            provenance: vec![Provenance {
                source: id.to_owned(),
                line,
                scope: String::new(),
                corrected_by: None,
            }],
            openapi: vec![OpenApiInfo {
                source: id.to_owned(),
                line,
                pointer: op.location.pointer.clone(),
                path: op.path.clone(),
                operation_id: op.operation_id.clone(),
                summary: op.summary.clone(),
                security,
                tokens: Vec::new(),
                private_integration: Vec::new(),
                versions: Vec::new(),
                version_added: None,
                deprecated: op.deprecated,
                replacement: None,
            }],
            specs: vec![id.to_owned()],
        })
    }

    /// Adds a scope no operation carries (a provider's `offline_access`), with where it is
    /// stated.
    pub fn add_known_scope(&mut self, name: &str, provenance: Provenance) {
        self.declared.entry(name.to_owned()).or_insert(provenance);
    }

    /// The operations read under [`Reading::AnyOfWithinRequirement`]:
    /// (`METHOD /template`, the scopes of its requirement).
    pub fn any_of(&self) -> &[(String, Vec<String>)] {
        &self.any_of
    }

    /// Operations with a method no catalog holds (`HEAD`, `OPTIONS`, `TRACE`), left out.
    pub fn other_methods(&self) -> &[String] {
        &self.other_methods
    }

    /// Per spec added: (id, base path of its first server, operations read).
    pub fn operations(&self) -> &[(String, String, usize)] {
        &self.operations
    }

    /// Endpoints described more than once, alike: (`METHOD /template`, the spec of each
    /// description).
    pub fn shared(&self) -> Vec<(String, Vec<String>)> {
        self.described
            .values()
            .filter(|d| d.specs.len() > 1)
            .map(|d| {
                (
                    format!("{} {}", d.method.as_str(), d.template),
                    d.specs.clone(),
                )
            })
            .collect()
    }

    /// The catalog of `provider`: endpoints by template then method, scopes by name, no
    /// token types, no webhooks. Its `fingerprint` digests the sources' digests in order;
    /// each source's `path` is empty (the caller knows where it read them).
    pub fn finish(self, provider: &str) -> CatalogFile {
        let mut endpoints: Vec<Described> = self.described.into_values().collect();
        endpoints.sort_by(|a, b| (&a.template, a.method).cmp(&(&b.template, b.method)));
        let mut scope_endpoints: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut scope_provenance: BTreeMap<String, Provenance> = BTreeMap::new();
        for e in &endpoints {
            for s in &e.scopes {
                scope_endpoints.entry(s.clone()).or_default().push(format!(
                    "{} {}",
                    e.method.as_str(),
                    e.template
                ));
                if let Some(p) = e.provenance.first() {
                    scope_provenance.entry(s.clone()).or_insert(Provenance {
                        scope: s.clone(),
                        ..p.clone()
                    });
                }
            }
        }
        for (name, provenance) in self.declared {
            scope_endpoints.entry(name.clone()).or_default();
            scope_provenance.entry(name).or_insert(provenance);
        }
        let scopes = scope_endpoints
            .into_iter()
            .map(|(name, endpoints)| ScopeRecord {
                provenance: scope_provenance.remove(&name).into_iter().collect(),
                name,
                status: ScopeStatus::Current,
                access: Vec::new(),
                endpoints,
                webhooks: Vec::new(),
                spellings: Vec::new(),
            })
            .collect();
        let fingerprint = fingerprint(self.sources.iter().map(|s| s.sha256.as_str()));
        CatalogFile {
            provider: provider.to_owned(),
            api_host: self.host,
            token_types: Vec::new(),
            fingerprint,
            sources: self.sources,
            scopes,
            endpoints: endpoints
                .into_iter()
                .map(|d| EndpointRecord {
                    method: d.method,
                    path: d.template,
                    scopes: d.scopes,
                    access: Vec::new(),
                    provenance: d.provenance,
                    reference: None,
                    auth: d.auth,
                    openapi: d.openapi,
                })
                .collect(),
            webhooks: Vec::new(),
            user_permission_scopes: Vec::new(),
        }
    }
}

/// A user's spec as the catalog `provider`, by the OpenAPI rule
/// ([`Reading::AllOfWithinRequirement`]), on the host of its first server that has one:
/// what `scopewise --spec` and `include_catalog!(openapi = ..)` both build. `file` names the
/// spec in provenance and errors. A spec that names no scope, or has no server with a host,
/// is an error: there would be nothing to check, or no request could match.
///
/// ```
/// let text = "openapi: 3.0.0\ninfo: { title: t, version: '1' }\nservers: [{ url: 'https://api.a.test/v1' }]\nsecurity: [{ o: [read] }]\npaths:\n  /x: { get: { responses: { '200': { description: ok } } } }\ncomponents: { securitySchemes: { o: { type: oauth2, flows: { implicit: { authorizationUrl: 'https://a.test', scopes: { read: '' } } } } } }\n";
/// let spec = scopewise_openapi::read_spec("a.yaml", text).unwrap();
/// let catalog = scopewise_openapi::catalog::from_spec(&spec, text, "a.yaml", "spec").unwrap();
/// assert_eq!(catalog.endpoints[0].path, "/v1/x");
/// ```
pub fn from_spec(
    spec: &Spec,
    text: &str,
    file: &str,
    provider: &str,
) -> Result<CatalogFile, CatalogError> {
    let fail = |message: &str| CatalogError {
        file: file.to_owned(),
        line: None,
        message: message.to_owned(),
    };
    if spec.scopes().is_empty() {
        return Err(fail(
            "the spec names no OAuth scope (no security scheme declares one and no operation requires one): there is nothing to check",
        ));
    }
    let host = spec
        .servers
        .iter()
        .find_map(|s| s.host.clone())
        .ok_or_else(|| {
            fail("no server with a host (`servers: [{url: https://api.example.com/v1}]`): requests cannot be matched")
        })?;
    let mut builder = CatalogBuilder::new(&host, Reading::AllOfWithinRequirement);
    builder.add(spec, text, file, None)?;
    Ok(builder.finish(provider))
}

/// The scopes the spec's security schemes declare, each with the line of its key after the
/// `securitySchemes:` line (1 where it cannot be found: JSON on one line, flow style).
fn declared_scopes(spec: &Spec, text: &str) -> Vec<(String, u32)> {
    let mut lines: BTreeMap<&str, u32> = spec.declared_scopes().map(|(_, s)| (s, 0)).collect();
    let schemes_at = text
        .lines()
        .position(|l| {
            let t = l.trim();
            t == "securitySchemes:" || t.starts_with("\"securitySchemes\"")
        })
        .unwrap_or(0);
    // One pass over the lines after `securitySchemes:`: the first line whose key is a
    // declared scope is that scope's line. A key is quoted (`"read:org":`, `'read:org':`)
    // or ends at `: ` or at a `:` ending the line, so scopes may hold colons.
    for (i, l) in text.lines().enumerate().skip(schemes_at) {
        let t = l.trim_start().trim_start_matches("- ");
        let key = match t.chars().next() {
            Some(q @ ('"' | '\'')) => t[1..].split_once(q).map(|(k, _)| k),
            _ => t
                .split_once(": ")
                .map(|(k, _)| k)
                .or_else(|| t.trim_end().strip_suffix(':')),
        };
        let Some(key) = key else {
            continue;
        };
        if let Some(line) = lines.get_mut(key)
            && *line == 0
        {
            *line = u32::try_from(i + 1).unwrap_or(u32::MAX);
        }
    }
    lines
        .into_iter()
        .map(|(scope, line)| (scope.to_owned(), line.max(1)))
        .collect()
}

/// 16 hex digits of a stable 64-bit FNV-1a over the digests, in order: which data a catalog
/// was built from.
fn fingerprint<'a>(digests: impl Iterator<Item = &'a str>) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for d in digests {
        for b in d.bytes().chain([b'\n']) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A spec of our own: OAuth 2 scopes, `security: []`, a per-operation override, a base
    /// path from a server variable, path-level parameters, and an all-of requirement.
    const PETS: &str = r#"openapi: 3.0.3
info: { title: Pets, version: "1" }
servers:
  - url: https://api.pets.test/{version}
    variables: { version: { default: v2 } }
security:
  - oauth: [pets.read]
paths:
  /pets/{petId}:
    parameters:
      - { name: petId, in: path, required: true, schema: { type: string } }
    get:
      responses: { "200": { description: ok } }
    delete:
      security:
        - oauth: [pets.write]
        - oauth: [pets.admin]
      responses: { "204": { description: gone } }
  /health:
    get:
      security: []
      responses: { "200": { description: ok } }
  /me:
    get:
      security:
        - oauth: []
      responses: { "200": { description: ok } }
  /pets/{petId}/owner:
    put:
      security:
        - oauth: [pets.write, owners.write]
      responses: { "200": { description: ok } }
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        clientCredentials:
          tokenUrl: https://auth.pets.test/token
          scopes: { pets.read: read, pets.write: write, pets.admin: admin, owners.write: owners }
"#;

    fn spec(text: &str) -> Spec {
        crate::read_spec("pets.yaml", text).unwrap()
    }

    #[test]
    fn the_openapi_rule_refuses_an_all_of_requirement_it_cannot_hold() {
        let mut b = CatalogBuilder::new("api.pets.test", Reading::AllOfWithinRequirement);
        let err = b.add(&spec(PETS), PETS, "pets.yaml", None).unwrap_err();
        assert_eq!(err.line, Some(29), "the line of `put:`");
        assert_eq!(
            err.message,
            "`PUT /v2/pets/{petId}/owner` requires all of [\"pets.write\", \"owners.write\"] together (one security requirement); scopewise catalogs hold endpoints granted by any one scope, so this spec cannot be read yet"
        );
        // Nothing of the refused spec is kept.
        assert_eq!(b.finish("pets").endpoints.len(), 0);
    }

    #[test]
    fn every_form_of_security_becomes_what_the_endpoint_needs() {
        let mut b = CatalogBuilder::new("api.pets.test", Reading::AnyOfWithinRequirement);
        b.add(&spec(PETS), PETS, "pets.yaml", None).unwrap();
        assert_eq!(b.any_of().len(), 1);
        let c = b.finish("pets");
        let find = |method: HttpMethod, path: &str| {
            c.endpoints
                .iter()
                .find(|e| e.method == method && e.path == path)
                .unwrap_or_else(|| panic!("{path}"))
        };
        let get = find(HttpMethod::Get, "/v2/pets/{petId}");
        assert_eq!(
            (get.auth, get.scopes.clone()),
            (Auth::Scopes, vec!["pets.read".to_owned()])
        );
        let delete = find(HttpMethod::Delete, "/v2/pets/{petId}");
        assert_eq!(
            delete.scopes,
            ["pets.admin", "pets.write"],
            "alternatives: either"
        );
        let health = find(HttpMethod::Get, "/v2/health");
        assert_eq!((health.auth, health.scopes.len()), (Auth::None, 0));
        let me = find(HttpMethod::Get, "/v2/me");
        assert_eq!((me.auth, me.scopes.len()), (Auth::Token, 0));
        assert_eq!(c.api_host, "api.pets.test");
        assert!(c.token_types.is_empty());
    }

    #[test]
    fn a_declared_scope_is_located_even_with_a_colon_in_its_name() {
        let text = PETS.replacen(
            "          scopes: { pets.read: read, pets.write: write, pets.admin: admin, owners.write: owners }\n",
            "          scopes:\n            pets.read: read\n            pets.write: write\n            pets.admin: admin\n            owners.write: owners\n            \"read:org\": organisations\n",
            1,
        );
        let mut b = CatalogBuilder::new("api.pets.test", Reading::AnyOfWithinRequirement);
        b.add(&spec(&text), &text, "pets.yaml", None).unwrap();
        let c = b.finish("pets");
        let org = c.scopes.iter().find(|s| s.name == "read:org").unwrap();
        let line = text
            .lines()
            .position(|l| l.contains("\"read:org\""))
            .unwrap()
            + 1;
        assert_eq!(org.provenance[0].line as usize, line);
        assert!(org.endpoints.is_empty());
    }

    #[test]
    fn disagreeing_descriptions_and_other_hosts_are_errors() {
        let mut b = CatalogBuilder::new("api.pets.test", Reading::AnyOfWithinRequirement);
        b.add(&spec(PETS), PETS, "a.yaml", None).unwrap();
        let other = PETS
            .replacen("        - oauth: [pets.read]\n", "", 0)
            .replacen("  - oauth: [pets.read]\n", "  - oauth: [pets.admin]\n", 1);
        let err = b.add(&spec(&other), &other, "b.yaml", None).unwrap_err();
        assert!(err.message.contains("the descriptions disagree"), "{err}");
        assert!(err.message.contains("in a.yaml"), "{err}");

        let mut b = CatalogBuilder::new("api.elsewhere.test", Reading::AnyOfWithinRequirement);
        let err = b.add(&spec(PETS), PETS, "pets.yaml", None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "pets.yaml: server `https://api.pets.test/{version}` is not on https://api.elsewhere.test"
        );
    }
}
