//! A generic OpenAPI reader: the operations of a spec and what they require to be called.
//!
//! ```
//! use scopewise_openapi::{SchemeType, read_spec};
//!
//! let spec = read_spec("petstore.yaml", r#"
//! openapi: 3.0.3
//! info: { title: Pets, version: "1" }
//! servers: [{ url: "https://api.example.test/v1" }]
//! security: [{ oauth: [pets.read] }]
//! components:
//!   securitySchemes:
//!     oauth:
//!       type: oauth2
//!       flows:
//!         clientCredentials:
//!           tokenUrl: https://auth.example.test/token
//!           scopes: { pets.read: Read pets, pets.write: Write pets }
//! paths:
//!   /pets/{id}:
//!     get: { responses: {} }
//!     delete:
//!       security: [{ oauth: [pets.write, pets.read] }]
//!       responses: {}
//! "#)?;
//!
//! assert_eq!(spec.servers[0].host.as_deref(), Some("api.example.test"));
//! assert_eq!(spec.servers[0].base_path, "/v1");
//! assert_eq!(spec.schemes["oauth"].scheme_type, SchemeType::OAuth2);
//! let [get, delete] = spec.operations.as_slice() else { panic!() };
//! // Inherited from the document: one alternative, one scheme, one scope.
//! assert_eq!(get.security.alternatives[0].schemes[0].1, ["pets.read"]);
//! // Its own: both scopes are required together.
//! assert_eq!(delete.security.alternatives[0].schemes[0].1, ["pets.write", "pets.read"]);
//! assert_eq!(delete.location.pointer, "/paths/~1pets~1{id}/delete");
//! assert_eq!(delete.location.line, Some(17));
//! # Ok::<(), scopewise_openapi::OpenApiError>(())
//! ```
//!
//! # Usage
//!
//! [`read_spec`] takes the text of an OpenAPI 3.0 or 3.1 document, JSON or YAML (told apart by
//! content: [`Format::detect`]; [`read_spec_as`] takes the format). It returns a [`Spec`]:
//!
//! - each operation's method, path, `operationId`, `summary`, `description`, `deprecated`;
//! - its security requirements **in their structure**: a list of alternatives (any one
//!   suffices, OR), each naming schemes and the scopes of each scheme, all required (AND) per
//!   the OpenAPI specification. An operation without `security` inherits the document's; an
//!   empty list means no authentication. Whether a provider means any-of inside one
//!   requirement is the provider's business, not this reader's;
//! - the values each header parameter accepts (its schema's `enum`, else its `default`), with
//!   path-level parameters merged under the operation's, and the operation's string
//!   extensions (`x-version-added`);
//! - the servers it is served from (the operation's, else its path item's, else the
//!   document's), each as a host and a base path with variables replaced by their defaults;
//! - the security schemes the document declares, with their type and, for OAuth 2, every
//!   scope their flows declare, attached to an operation or not ([`Spec::declared_scopes`]).
//!
//! Nothing here knows a vendor. Every operation carries its [`SourceLocation`]: the file, the
//! JSON pointer of the operation object (`/paths/~1contacts~1upsert/post`) and, when a line
//! scan finds it, the line of its method key.
//!
//! Operations come in the byte order of their paths (then `get`, `put`, `post`, `delete`,
//! `options`, `head`, `patch`, `trace`), not the document's: the document is read into a
//! `serde_json` map, which sorts its keys.
//!
//! # OpenAPI versions
//!
//! - **3.0.x** is read with the `openapiv3` crate's typed model.
//! - **3.1.x** is read through the same model, which is enough for what this crate reads
//!   (paths, operations, parameters, security, servers): `webhooks` are left out with a
//!   [`Diagnostic`] (they are calls the API makes, not endpoints), `mutualTLS` security
//!   schemes are read, and `$ref`s with sibling keys keep their reference. The model does not
//!   know 3.1's JSON Schema forms (`type: [string, "null"]`, numeric `exclusiveMinimum`,
//!   ...): a parameter or response header using one is left out with a [`Diagnostic`], as is
//!   a request body, a response or a component schema; such a form anywhere else is a
//!   located error, never a guess.
//! - **Swagger 2.0** is refused: no maintained crate reads it (see [`read_spec`]).
//!
//! # Performance
//!
//! One parse into a `serde_json::Value`, one typed deserialization (a second only for
//! documents with parts the model rejects, each part checked once), one linear line scan.
//!
//! # Untrusted input
//!
//! A spec may come from anyone. The reader refuses input over [`MAX_SPEC_BYTES`], stops at
//! [`MAX_NESTING`] levels of arrays and objects (a clean error, not a stack overflow),
//! expands YAML aliases only up to `yaml_serde`'s repetition limit, and never fetches
//! anything (`$ref`s outside the document are errors). Server URLs with dot segments,
//! percent-encoding, user information, a query or a fragment are refused. Every error names
//! the file and the place: `line L, column C` for syntax, a JSON pointer for structure.
#![deny(
    missing_docs,
    missing_debug_implementations,
    rustdoc::broken_intra_doc_links
)]

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use openapiv3::{
    OpenAPI, Parameter, ParameterSchemaOrContent, PathItem, ReferenceOr, Schema, SchemaKind,
    SecurityScheme, Type,
};
use serde::Deserialize;

pub mod catalog;
mod input;
mod lines;
mod repair;
mod servers;

pub use input::{Format, MAX_NESTING, MAX_SPEC_BYTES};
pub use servers::Server;

/// A spec that could not be read, with the file and the place in it.
///
/// ```
/// let e = scopewise_openapi::read_spec("bad.yaml", "openapi: [3.0\ninfo: {}").unwrap_err();
/// assert_eq!(e.file, "bad.yaml");
/// assert_eq!(e.at, "line 2, column 5");
/// assert!(e.to_string().starts_with("bad.yaml: line 2, column 5: not YAML: "));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenApiError {
    /// The file, as given to [`read_spec`].
    pub file: String,
    /// Where in the file: `line L, column C` of a syntax error, a JSON pointer (`/openapi`,
    /// `/paths/~1a/get/security/0`), or `document` when no smaller part can be named.
    pub at: String,
    /// What is wrong, and what was expected.
    pub message: String,
}

impl OpenApiError {
    fn new(file: &str, at: impl Into<String>, message: impl Into<String>) -> Self {
        OpenApiError {
            file: file.to_owned(),
            at: at.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for OpenApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.file, self.at, self.message)
    }
}

impl std::error::Error for OpenApiError {}

/// Where an operation is in its spec.
///
/// ```
/// use scopewise_openapi::SourceLocation;
///
/// let at = SourceLocation { file: "s.json".into(), pointer: "/paths/~1a/get".into(), line: Some(7) };
/// assert_eq!(at.to_string(), "s.json#/paths/~1a/get");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourceLocation {
    /// The file, as given to [`read_spec`].
    pub file: String,
    /// RFC 6901 JSON pointer of the operation object, e.g. `/paths/~1contacts~1{id}/get`.
    pub pointer: String,
    /// The 1-based line of the operation's method key, found by a line scan of the text:
    /// `None` when the key does not open a line (minified JSON, YAML flow style). For
    /// messages only.
    pub line: Option<u32>,
}

impl fmt::Display for SourceLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.file, self.pointer)
    }
}

/// One alternative of an operation's security: every scheme it names, each with the scopes
/// it requires. Per OpenAPI all of them are required together (AND).
///
/// ```
/// use scopewise_openapi::Requirement;
///
/// let both = Requirement { schemes: vec![("oauth".into(), vec!["a".into(), "b".into()])] };
/// assert!(!both.is_anonymous());
/// assert!(Requirement { schemes: vec![] }.is_anonymous());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Requirement {
    /// `(scheme name, scopes)`, in the document's order.
    pub schemes: Vec<(String, Vec<String>)>,
}

impl Requirement {
    /// An empty requirement (`{}`): this alternative needs no authentication.
    ///
    /// ```
    /// assert!(scopewise_openapi::Requirement { schemes: vec![] }.is_anonymous());
    /// ```
    pub fn is_anonymous(&self) -> bool {
        self.schemes.is_empty()
    }
}

/// Where an operation's security requirements come from.
///
/// ```
/// use scopewise_openapi::{SecurityOrigin, read_spec};
///
/// let spec = read_spec("s.yaml", "openapi: 3.0.0\ninfo: {title: T, version: '1'}\npaths: {/a: {get: {responses: {}}}}").unwrap();
/// assert_eq!(spec.operations[0].security.origin, SecurityOrigin::Absent);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SecurityOrigin {
    /// The operation's own `security`.
    Operation,
    /// The operation has none; the document's top-level `security` applies.
    Document,
    /// Neither the operation nor the document states any: no authentication is declared.
    Absent,
}

/// An operation's security: a list of alternatives (OR).
///
/// ```
/// use scopewise_openapi::{Security, SecurityOrigin};
///
/// let none = Security { alternatives: vec![], origin: SecurityOrigin::Operation };
/// assert!(none.needs_no_auth()); // `security: []`
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Security {
    /// The alternatives, in the document's order. Empty: no authentication required.
    pub alternatives: Vec<Requirement>,
    /// Where they were read.
    pub origin: SecurityOrigin,
}

impl Security {
    /// No alternative, or an anonymous alternative: the operation can be called without
    /// credentials.
    ///
    /// ```
    /// use scopewise_openapi::{Requirement, Security, SecurityOrigin};
    ///
    /// let optional = Security {
    ///     alternatives: vec![
    ///         Requirement { schemes: vec![("oauth".into(), vec!["a".into()])] },
    ///         Requirement { schemes: vec![] },
    ///     ],
    ///     origin: SecurityOrigin::Document,
    /// };
    /// assert!(optional.needs_no_auth());
    /// ```
    pub fn needs_no_auth(&self) -> bool {
        self.alternatives.is_empty() || self.alternatives.iter().any(Requirement::is_anonymous)
    }
}

/// The type of a security scheme (`components.securitySchemes.*.type`).
///
/// ```
/// use scopewise_openapi::SchemeType;
///
/// assert!(SchemeType::OAuth2.has_scopes() && SchemeType::OpenIdConnect.has_scopes());
/// assert!(!SchemeType::ApiKey.has_scopes());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SchemeType {
    /// `apiKey`: a key in a header, query parameter or cookie.
    ApiKey,
    /// `http`: an `Authorization` scheme (`bearer`, `basic`, ...).
    Http,
    /// `oauth2`: its flows declare scopes.
    OAuth2,
    /// `openIdConnect`: its scopes are in the discovery document, not in the spec.
    OpenIdConnect,
    /// `mutualTLS` (OpenAPI 3.1).
    MutualTls,
}

impl SchemeType {
    /// Whether a requirement naming such a scheme lists scopes (OAuth 2, OpenID Connect);
    /// for the others, OpenAPI 3.0 says the list is empty and 3.1 calls it roles.
    ///
    /// ```
    /// assert!(!scopewise_openapi::SchemeType::Http.has_scopes());
    /// ```
    pub fn has_scopes(self) -> bool {
        matches!(self, SchemeType::OAuth2 | SchemeType::OpenIdConnect)
    }
}

/// A security scheme the document declares.
///
/// ```
/// use scopewise_openapi::{SchemeType, read_spec};
///
/// let spec = read_spec("s.yaml", r#"
/// openapi: 3.0.0
/// info: { title: T, version: "1" }
/// paths: {}
/// components:
///   securitySchemes:
///     key: { type: apiKey, in: header, name: X-Key }
///     oidc: { type: openIdConnect, openIdConnectUrl: "https://id.example.test/.well-known/openid-configuration" }
/// "#).unwrap();
/// assert_eq!(spec.schemes["key"].kind, "apikey header");
/// assert_eq!(spec.schemes["oidc"].scheme_type, SchemeType::OpenIdConnect);
/// assert!(spec.schemes["oidc"].scopes.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemeInfo {
    /// `http bearer`, `oauth2`, `apikey header`, `openIdConnect`, `mutualTLS`...
    pub kind: String,
    /// The scheme's type.
    pub scheme_type: SchemeType,
    /// The scheme's description, if any.
    pub description: Option<String>,
    /// OAuth 2: every scope its flows declare, with its description (the union of the flows;
    /// the first description wins). Empty for the other types.
    pub scopes: BTreeMap<String, String>,
}

/// One operation of a spec.
///
/// ```
/// let spec = scopewise_openapi::read_spec("s.yaml", r#"
/// openapi: 3.0.0
/// info: { title: T, version: "1" }
/// paths:
///   /a:
///     parameters: [{ name: Api-Version, in: header, schema: { type: string, enum: ["1", "2"] } }]
///     get: { operationId: getA, responses: {} }
/// "#).unwrap();
/// let op = &spec.operations[0];
/// assert_eq!((op.method.as_str(), op.path.as_str()), ("GET", "/a"));
/// assert_eq!(op.header("api-version"), Some(&["1".to_owned(), "2".to_owned()][..]));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operation {
    /// Upper-case HTTP method.
    pub method: String,
    /// The path as the spec writes it (`/contacts/{contactId}`), without the server's base path.
    pub path: String,
    /// `operationId`.
    pub operation_id: Option<String>,
    /// `summary`.
    pub summary: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// The security requirements (the operation's, else the document's).
    pub security: Security,
    /// The servers it is served from: the operation's `servers`, else its path item's, else
    /// the document's (empty when none is declared, which OpenAPI reads as `/`).
    pub servers: Vec<Server>,
    /// Header parameters (path-level and operation-level, the latter winning) by name as
    /// written, with the values each accepts: its schema's `enum`, else its `default`; empty
    /// when the schema allows any value.
    pub headers: BTreeMap<String, Vec<String>>,
    /// The operation's `x-...` extensions whose value is a string (`x-version-added`).
    pub extensions: BTreeMap<String, String>,
    /// Where it is.
    pub location: SourceLocation,
}

impl Operation {
    /// The values the header `name` (ASCII case-insensitive) accepts; `None` when the
    /// operation declares no such header.
    ///
    /// ```
    /// let spec = scopewise_openapi::read_spec("s.yaml", r#"
    /// openapi: 3.0.0
    /// info: { title: T, version: "1" }
    /// paths: { /a: { get: { responses: {}, parameters: [{ name: V, in: header, schema: { type: string, default: "2" } }] } } }
    /// "#).unwrap();
    /// assert_eq!(spec.operations[0].header("v"), Some(&["2".to_owned()][..]));
    /// assert_eq!(spec.operations[0].header("w"), None);
    /// ```
    pub fn header(&self, name: &str) -> Option<&[String]> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_slice())
    }
}

/// A parsed spec.
///
/// ```
/// let spec = scopewise_openapi::read_spec("s.json", r#"{"openapi": "3.1.0",
///   "info": {"title": "T", "version": "1", "description": "D"}, "paths": {}}"#).unwrap();
/// assert_eq!(spec.version, "3.1.0");
/// assert_eq!(spec.title, "T");
/// assert!(spec.operations.is_empty());
/// ```
#[derive(Debug, Clone)]
pub struct Spec {
    /// The file, as given to [`read_spec`].
    pub file: String,
    /// The `openapi` version (`3.0.3`, `3.1.0`).
    pub version: String,
    /// `info.title`.
    pub title: String,
    /// `info.description`.
    pub description: Option<String>,
    /// The document's `servers` (empty when none is declared, which OpenAPI reads as `/`).
    pub servers: Vec<Server>,
    /// The document's top-level `security` (what an operation without its own inherits).
    pub security: Vec<Requirement>,
    /// The declared security schemes by name.
    pub schemes: BTreeMap<String, SchemeInfo>,
    /// Every operation, in the byte order of their paths.
    pub operations: Vec<Operation>,
    /// Parts of the document the typed model rejects and the reader left out, with why.
    pub diagnostics: Vec<Diagnostic>,
}

impl Spec {
    /// Every `(scheme, scope)` the document's OAuth 2 flows declare, whether or not an
    /// operation requires it (`openid`, `offline_access`...).
    ///
    /// ```
    /// let spec = scopewise_openapi::read_spec("s.yaml", r#"
    /// openapi: 3.0.0
    /// info: { title: T, version: "1" }
    /// paths: {}
    /// components:
    ///   securitySchemes:
    ///     oauth: { type: oauth2, flows: { implicit: { authorizationUrl: "https://a.test", scopes: { openid: "", offline_access: "" } } } }
    /// "#).unwrap();
    /// let declared: Vec<_> = spec.declared_scopes().collect();
    /// assert_eq!(declared, [("oauth", "offline_access"), ("oauth", "openid")]);
    /// ```
    pub fn declared_scopes(&self) -> impl Iterator<Item = (&str, &str)> {
        self.schemes
            .iter()
            .flat_map(|(name, s)| s.scopes.keys().map(move |k| (name.as_str(), k.as_str())))
    }

    /// Every scope the spec names: declared by a scheme or required by an operation.
    /// Empty when the spec says nothing about scopes (a caller that needs scopes can refuse
    /// such a spec).
    ///
    /// ```
    /// let spec = scopewise_openapi::read_spec("s.yaml", r#"
    /// openapi: 3.0.0
    /// info: { title: T, version: "1" }
    /// security: [{ oidc: [profile] }]
    /// paths: {}
    /// components: { securitySchemes: { oidc: { type: openIdConnect, openIdConnectUrl: "https://a.test" } } }
    /// "#).unwrap();
    /// assert_eq!(spec.scopes().into_iter().collect::<Vec<_>>(), ["profile"]);
    /// ```
    pub fn scopes(&self) -> BTreeSet<&str> {
        let mut out: BTreeSet<&str> = self.declared_scopes().map(|(_, s)| s).collect();
        for r in self
            .operations
            .iter()
            .flat_map(|o| &o.security.alternatives)
        {
            for (_, scopes) in &r.schemes {
                out.extend(scopes.iter().map(String::as_str));
            }
        }
        for (_, scopes) in self.security.iter().flat_map(|r| &r.schemes) {
            out.extend(scopes.iter().map(String::as_str));
        }
        out
    }
}

/// A part of a spec that the typed model rejects and that was left out (the rest is read).
///
/// ```
/// let spec = scopewise_openapi::read_spec("s.yaml", r#"
/// openapi: 3.0.0
/// info: { title: T, version: "1" }
/// paths: { /a: { get: { responses: {}, parameters: [{ name: q, in: nowhere }] } } }
/// "#).unwrap();
/// assert_eq!(spec.diagnostics[0].pointer, "/paths/~1a/get/parameters/0");
/// assert_eq!(spec.diagnostics[0].action, "parameter left out");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// JSON pointer of the part.
    pub pointer: String,
    /// Why the typed model rejects it.
    pub message: String,
    /// What the reader did.
    pub action: &'static str,
}

/// Reads the spec `text` named `file` (the name is only used in errors and locations), in
/// the format [`Format::detect`] gives.
///
/// Refused, each with a located [`OpenApiError`]: a syntax error (`line L, column C`), input
/// over [`MAX_SPEC_BYTES`] or nested deeper than [`MAX_NESTING`], a version other than 3.0.x
/// or 3.1.x (`/openapi`), a Swagger 2.0 document (`/swagger`: no well-kept Rust crate reads
/// 2.0, so it must be converted first), a part the typed model rejects where it cannot be
/// left out (its JSON pointer), a server variable without a default, and a requirement
/// naming an undeclared scheme.
///
/// ```
/// use scopewise_openapi::read_spec;
///
/// let e = read_spec("old.yaml", "swagger: '2.0'\ninfo: {title: T, version: '1'}\npaths: {}").unwrap_err();
/// assert_eq!(e.at, "/swagger");
/// assert!(e.message.contains("convert it to OpenAPI 3"));
///
/// let e = read_spec("t.yaml", "openapi: 3.0.0\ninfo: {title: T, version: '1'}\npaths: {/a: {get: {responses: {}, security: {}}}}").unwrap_err();
/// assert_eq!(e.at, "/paths/~1a/get");
/// ```
pub fn read_spec(file: &str, text: &str) -> Result<Spec, OpenApiError> {
    read_spec_as(file, text, Format::detect(text))
}

/// Reads the spec `text` named `file` as `format`; otherwise as [`read_spec`].
///
/// ```
/// use scopewise_openapi::{Format, read_spec_as};
///
/// // JSON is YAML too: read as YAML, it gives the same spec.
/// let json = r#"{"openapi": "3.0.0", "info": {"title": "T", "version": "1"}, "paths": {}}"#;
/// assert_eq!(read_spec_as("s.json", json, Format::Yaml).unwrap().title, "T");
/// let e = read_spec_as("s.yaml", "openapi: 3.0.0", Format::Json).unwrap_err();
/// assert_eq!(e.at, "line 1, column 1");
/// ```
pub fn read_spec_as(file: &str, text: &str, format: Format) -> Result<Spec, OpenApiError> {
    let err = |at: String, message: String| OpenApiError::new(file, at, message);
    let mut value = input::parse(file, text, format)?;
    let version = check_version(&value).map_err(|(at, m)| err(at, m))?;
    let is_31 = version.starts_with("3.1");
    let mut diagnostics = Vec::new();

    // 3.1: `webhooks` are not endpoints; `mutualTLS` schemes are unknown to the 3.0 model.
    let mut mutual_tls = BTreeMap::new();
    if is_31 {
        // `paths` is optional in 3.1 (a webhooks-only API); the 3.0 model requires it.
        if let Some(doc) = value.as_object_mut() {
            doc.entry("paths")
                .or_insert_with(|| serde_json::Value::Object(serde_json::Map::new()));
        }
        if value.get("webhooks").is_some() {
            diagnostics.push(Diagnostic {
                pointer: "/webhooks".into(),
                message: "webhooks are requests the API sends, not operations a client calls"
                    .into(),
                action: "webhooks left out",
            });
        }
        if let Some(schemes) = value
            .pointer_mut("/components/securitySchemes")
            .and_then(|s| s.as_object_mut())
        {
            schemes.retain(|name, s| {
                if s.get("type").and_then(|t| t.as_str()) != Some("mutualTLS") {
                    return true;
                }
                let description = s.get("description").and_then(|d| d.as_str());
                mutual_tls.insert(
                    name.clone(),
                    SchemeInfo {
                        kind: "mutualTLS".into(),
                        scheme_type: SchemeType::MutualTls,
                        description: description.map(str::to_owned),
                        scopes: BTreeMap::new(),
                    },
                );
                false
            });
        }
    }

    let api = match OpenAPI::deserialize(&value) {
        Ok(api) => api,
        Err(_) => {
            // Find the parts the typed model rejects, report and drop them, and try again.
            repair::drop_invalid_parts(&mut value, &mut diagnostics);
            match OpenAPI::deserialize(&value) {
                Ok(api) => api,
                Err(_) => {
                    repair::drop_invalid_bodies(&mut value, &mut diagnostics);
                    OpenAPI::deserialize(&value).map_err(|e| {
                        let (at, why) = repair::locate(&value)
                            .unwrap_or_else(|| (String::new(), e.to_string()));
                        let at = if at.is_empty() { "document".into() } else { at };
                        let hint = if is_31 {
                            " (OpenAPI 3.1 is read through a 3.0 model: 3.1-only JSON Schema forms such as `type: [..]` lists are read only where they can be left out)"
                        } else {
                            ""
                        };
                        err(at, format!("not a valid OpenAPI {version} document: {why}{hint}"))
                    })?
                }
            }
        }
    };
    let components = api.components.as_ref();
    let mut schemes = mutual_tls;
    if let Some(c) = components {
        for (name, s) in &c.security_schemes {
            let ReferenceOr::Item(s) = s else {
                return Err(err(
                    format!("/components/securitySchemes/{}", escape(name)),
                    "a `$ref` security scheme is not supported".into(),
                ));
            };
            schemes.insert(name.clone(), scheme_info(s));
        }
    }
    let servers_at = |list: &[openapiv3::Server], at: &str| {
        list.iter()
            .enumerate()
            .map(|(i, s)| servers::server(s, format!("{at}/servers/{i}")))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|(at, m)| err(at, m))
    };
    let document_servers = servers_at(&api.servers, "")?;
    let document_security: Vec<Requirement> =
        api.security.iter().flatten().map(requirement).collect();
    for (i, r) in document_security.iter().enumerate() {
        check_schemes(r, &schemes).map_err(|m| err(format!("/security/{i}"), m))?;
    }
    let lines = lines::operation_lines(text);

    let mut operations = Vec::new();
    for (path, item) in api.paths.iter() {
        let path_pointer = format!("/paths/{}", escape(path));
        let item: &PathItem = match item {
            ReferenceOr::Item(item) => item,
            ReferenceOr::Reference { reference } => {
                return Err(err(
                    path_pointer,
                    format!("a path item `$ref` ({reference}) is not supported"),
                ));
            }
        };
        let path_servers = servers_at(&item.servers, &path_pointer)?;
        let mut path_headers = BTreeMap::new();
        for (i, p) in item.parameters.iter().enumerate() {
            let at = format!("{path_pointer}/parameters/{i}");
            collect_header(&api, p, &mut path_headers).map_err(|m| err(at, m))?;
        }
        for (method, op) in item.iter() {
            let pointer = format!("{path_pointer}/{method}");
            let mut headers = path_headers.clone();
            for (i, p) in op.parameters.iter().enumerate() {
                let at = format!("{pointer}/parameters/{i}");
                collect_header(&api, p, &mut headers).map_err(|m| err(at, m))?;
            }
            let (alternatives, origin) = match &op.security {
                Some(s) => (
                    s.iter().map(requirement).collect(),
                    SecurityOrigin::Operation,
                ),
                None if api.security.is_some() => {
                    (document_security.clone(), SecurityOrigin::Document)
                }
                None => (Vec::new(), SecurityOrigin::Absent),
            };
            for (i, r) in alternatives.iter().enumerate() {
                check_schemes(r, &schemes)
                    .map_err(|m| err(format!("{pointer}/security/{i}"), m))?;
            }
            let op_servers = servers_at(&op.servers, &pointer)?;
            let servers = [op_servers, path_servers.clone(), document_servers.clone()]
                .into_iter()
                .find(|s| !s.is_empty())
                .unwrap_or_default();
            let extensions = op
                .extensions
                .iter()
                .filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_owned())))
                .collect();
            let line = METHOD_NAMES
                .iter()
                .find(|m| **m == method)
                .and_then(|m| lines.get(&(path.clone(), *m)).copied());
            operations.push(Operation {
                method: method.to_uppercase(),
                path: path.clone(),
                operation_id: op.operation_id.clone(),
                summary: op.summary.clone(),
                description: op.description.clone(),
                deprecated: op.deprecated,
                security: Security {
                    alternatives,
                    origin,
                },
                servers,
                headers,
                extensions,
                location: SourceLocation {
                    file: file.to_owned(),
                    pointer,
                    line,
                },
            });
        }
    }
    Ok(Spec {
        diagnostics,
        file: file.to_owned(),
        version,
        title: api.info.title.clone(),
        description: api.info.description.clone(),
        servers: document_servers,
        security: document_security,
        schemes,
        operations,
    })
}

const METHOD_NAMES: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The `openapi` version, if it is 3.0.x or 3.1.x; Swagger 2.0 and others are refused.
fn check_version(value: &serde_json::Value) -> Result<String, (String, String)> {
    let Some(doc) = value.as_object() else {
        return Err((
            "document".into(),
            "expected an OpenAPI document (an object with `openapi`, `info` and `paths`)".into(),
        ));
    };
    if doc.contains_key("swagger") && !doc.contains_key("openapi") {
        return Err((
            "/swagger".into(),
            "Swagger 2.0 is not supported: convert it to OpenAPI 3 (e.g. with swagger2openapi)"
                .into(),
        ));
    }
    match doc.get("openapi") {
        None => Err((
            "/openapi".into(),
            "missing: expected `openapi: 3.0.x` or `openapi: 3.1.x`".into(),
        )),
        Some(serde_json::Value::String(v)) => {
            let minor = v.strip_prefix("3.0").or_else(|| v.strip_prefix("3.1"));
            if minor.is_some_and(|rest| rest.is_empty() || rest.starts_with('.')) {
                Ok(v.clone())
            } else {
                Err((
                    "/openapi".into(),
                    format!("version `{v}`: only OpenAPI 3.0.x and 3.1.x are read"),
                ))
            }
        }
        Some(other) => Err((
            "/openapi".into(),
            format!("expected a string such as \"3.0.3\", found `{other}` (quote it in YAML)"),
        )),
    }
}

/// A security requirement object, in the document's order.
fn requirement(r: &openapiv3::SecurityRequirement) -> Requirement {
    Requirement {
        schemes: r.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
    }
}

/// Every scheme `r` names must be declared.
fn check_schemes(r: &Requirement, schemes: &BTreeMap<String, SchemeInfo>) -> Result<(), String> {
    match r.schemes.iter().find(|(s, _)| !schemes.contains_key(s)) {
        Some((scheme, _)) => Err(format!(
            "names the security scheme `{scheme}`, which components.securitySchemes does not declare"
        )),
        None => Ok(()),
    }
}

/// What a declared scheme is, and the scopes its OAuth 2 flows declare.
fn scheme_info(s: &SecurityScheme) -> SchemeInfo {
    let (kind, scheme_type, description) = match s {
        SecurityScheme::APIKey {
            location,
            description,
            ..
        } => (
            format!("apiKey {location:?}").to_lowercase(),
            SchemeType::ApiKey,
            description,
        ),
        SecurityScheme::HTTP {
            scheme,
            description,
            ..
        } => (
            format!("http {}", scheme.to_lowercase()),
            SchemeType::Http,
            description,
        ),
        SecurityScheme::OAuth2 { description, .. } => {
            ("oauth2".to_owned(), SchemeType::OAuth2, description)
        }
        SecurityScheme::OpenIDConnect { description, .. } => (
            "openIdConnect".to_owned(),
            SchemeType::OpenIdConnect,
            description,
        ),
    };
    let mut scopes = BTreeMap::new();
    if let SecurityScheme::OAuth2 { flows, .. } = s {
        let lists = [
            flows.implicit.as_ref().map(|f| &f.scopes),
            flows.password.as_ref().map(|f| &f.scopes),
            flows.client_credentials.as_ref().map(|f| &f.scopes),
            flows.authorization_code.as_ref().map(|f| &f.scopes),
        ];
        for (k, v) in lists.into_iter().flatten().flatten() {
            scopes.entry(k.clone()).or_insert_with(|| v.clone());
        }
    }
    SchemeInfo {
        kind,
        scheme_type,
        description: description.clone(),
        scopes,
    }
}

/// Adds the header parameter `p` (resolving a `#/components/parameters/` reference) and the
/// values its schema accepts to `out`; other parameters are ignored.
fn collect_header(
    api: &OpenAPI,
    p: &ReferenceOr<Parameter>,
    out: &mut BTreeMap<String, Vec<String>>,
) -> Result<(), String> {
    let p = match p {
        ReferenceOr::Item(p) => p,
        ReferenceOr::Reference { reference } => {
            let name = reference
                .strip_prefix("#/components/parameters/")
                .ok_or_else(|| format!("unsupported parameter `$ref` {reference}"))?;
            match api.components.as_ref().and_then(|c| c.parameters.get(name)) {
                Some(ReferenceOr::Item(p)) => p,
                _ => {
                    return Err(format!(
                        "`$ref` {reference} does not resolve to a parameter"
                    ));
                }
            }
        }
    };
    let Parameter::Header { parameter_data, .. } = p else {
        return Ok(());
    };
    let values = match &parameter_data.format {
        ParameterSchemaOrContent::Schema(schema) => match schema {
            ReferenceOr::Item(s) => schema_values(s),
            ReferenceOr::Reference { reference } => {
                let name = reference
                    .strip_prefix("#/components/schemas/")
                    .ok_or_else(|| format!("unsupported schema `$ref` {reference}"))?;
                match api.components.as_ref().and_then(|c| c.schemas.get(name)) {
                    Some(ReferenceOr::Item(s)) => schema_values(s),
                    _ => return Err(format!("`$ref` {reference} does not resolve to a schema")),
                }
            }
        },
        ParameterSchemaOrContent::Content(_) => Vec::new(),
    };
    out.insert(parameter_data.name.clone(), values);
    Ok(())
}

/// The string values a schema accepts: its `enum`, else its `default`; empty if any.
fn schema_values(s: &Schema) -> Vec<String> {
    if let SchemaKind::Type(Type::String(t)) = &s.schema_kind {
        let values: Vec<String> = t.enumeration.iter().flatten().cloned().collect();
        if !values.is_empty() {
            return values;
        }
    }
    match &s.schema_data.default {
        Some(serde_json::Value::String(v)) => vec![v.clone()],
        _ => Vec::new(),
    }
}

// The README's example runs as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

/// RFC 6901 escaping of one reference token.
///
/// ```
/// assert_eq!(scopewise_openapi::escape("/a~b/{id}"), "~1a~0b~1{id}");
/// ```
pub fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests;
