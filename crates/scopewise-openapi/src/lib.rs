//! A generic OpenAPI 3.0 reader: the operations of a spec and what they require to be called.
//!
//! Parsing is the `openapiv3` crate's typed model (through `serde_json`); this module only
//! picks, per operation, what an OAuth scope dataset needs and where it was read:
//!
//! - method, path, `operationId`, `summary`, `description` and `deprecated`;
//! - the security requirements **in their structure**: a list of alternatives (any one
//!   suffices, OR), each naming schemes and the scopes of each scheme, all required (AND) per
//!   the OpenAPI specification. An operation without `security` inherits the document's; an
//!   empty list means no authentication. Whether a provider means any-of inside one
//!   requirement is the provider's business, not this reader's;
//! - the values each header parameter accepts (its schema's `enum`, else its `default`), so a
//!   provider can read a `Version` header, and the operation's extensions (`x-version-added`);
//! - the security schemes the document declares (type and description).
//!
//! Nothing here knows a vendor. Every operation carries its [`SourceLocation`]: the file and
//! the JSON pointer of the operation object (`/paths/~1contacts~1upsert/post`).
#![deny(
    missing_docs,
    missing_debug_implementations,
    rustdoc::broken_intra_doc_links
)]

use std::collections::BTreeMap;
use std::fmt;

use openapiv3::{
    OpenAPI, Parameter, ParameterSchemaOrContent, PathItem, ReferenceOr, Schema, SchemaKind,
    SecurityScheme, Type,
};
use serde::Deserialize;

/// A spec that could not be read, with the file and the place in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenApiError {
    /// The file, as given to [`read_spec`].
    pub file: String,
    /// Where in the file: `line L, column C` of a syntax or type error, or a JSON pointer.
    pub at: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for OpenApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.file, self.at, self.message)
    }
}

impl std::error::Error for OpenApiError {}

/// Where an operation is in its spec.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourceLocation {
    /// The file, as given to [`read_spec`].
    pub file: String,
    /// RFC 6901 JSON pointer of the operation object, e.g. `/paths/~1contacts~1{id}/get`.
    pub pointer: String,
}

impl fmt::Display for SourceLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.file, self.pointer)
    }
}

/// One alternative of an operation's security: every scheme it names, each with the scopes
/// it requires. Per OpenAPI all of them are required together (AND).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Requirement {
    /// `(scheme name, scopes)`, in the document's order.
    pub schemes: Vec<(String, Vec<String>)>,
}

impl Requirement {
    /// An empty requirement (`{}`): this alternative needs no authentication.
    pub fn is_anonymous(&self) -> bool {
        self.schemes.is_empty()
    }
}

/// Where an operation's security requirements come from.
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
    pub fn needs_no_auth(&self) -> bool {
        self.alternatives.is_empty() || self.alternatives.iter().any(Requirement::is_anonymous)
    }
}

/// A security scheme the document declares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemeInfo {
    /// `http bearer`, `oauth2`, `apiKey header`, `openIdConnect`...
    pub kind: String,
    /// The scheme's description, if any.
    pub description: Option<String>,
}

/// One operation of a spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operation {
    /// Upper-case HTTP method.
    pub method: String,
    /// The path as the spec writes it (`/contacts/{contactId}`).
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
    pub fn header(&self, name: &str) -> Option<&[String]> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_slice())
    }
}

/// A parsed spec.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The file, as given to [`read_spec`].
    pub file: String,
    /// `info.title`.
    pub title: String,
    /// `info.description`.
    pub description: Option<String>,
    /// `servers[].url`.
    pub servers: Vec<String>,
    /// The declared security schemes by name.
    pub schemes: BTreeMap<String, SchemeInfo>,
    /// Every operation, in the document's order.
    pub operations: Vec<Operation>,
    /// Parts of the document the typed model rejects and the reader left out, with why.
    pub diagnostics: Vec<Diagnostic>,
}

/// A part of a spec that is not valid OpenAPI 3.0 and was left out (the rest is read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// JSON pointer of the part.
    pub pointer: String,
    /// Why the typed model rejects it.
    pub message: String,
    /// What the reader did.
    pub action: &'static str,
}

/// Reads the spec `text` (JSON) named `file`.
pub fn read_spec(file: &str, text: &str) -> Result<Spec, OpenApiError> {
    let err = |at: String, message: String| OpenApiError {
        file: file.to_owned(),
        at,
        message,
    };
    let mut value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        err(
            format!("line {}, column {}", e.line(), e.column()),
            format!("not JSON: {e}"),
        )
    })?;
    let mut diagnostics = Vec::new();
    let api = match OpenAPI::deserialize(&value) {
        Ok(api) => api,
        Err(whole) => {
            // Find the parts the typed model rejects, report and drop them, and try again.
            drop_invalid_parts(&mut value, &mut diagnostics);
            OpenAPI::deserialize(&value).map_err(|e| {
                let first = if diagnostics.is_empty() {
                    whole.to_string()
                } else {
                    e.to_string()
                };
                err(
                    "document".into(),
                    format!("not an OpenAPI 3.0 document: {first}"),
                )
            })?
        }
    };
    if !api.openapi.starts_with("3.0") {
        return Err(err(
            "/openapi".into(),
            format!("version `{}`: only OpenAPI 3.0 is read", api.openapi),
        ));
    }
    let components = api.components.as_ref();
    let mut schemes = BTreeMap::new();
    if let Some(c) = components {
        for (name, s) in &c.security_schemes {
            let ReferenceOr::Item(s) = s else {
                return Err(err(
                    format!("/components/securitySchemes/{}", escape(name)),
                    "a `$ref` security scheme is not supported".into(),
                ));
            };
            let (kind, description) = match s {
                SecurityScheme::APIKey {
                    location,
                    description,
                    ..
                } => (format!("apiKey {location:?}").to_lowercase(), description),
                SecurityScheme::HTTP {
                    scheme,
                    description,
                    ..
                } => (format!("http {}", scheme.to_lowercase()), description),
                SecurityScheme::OAuth2 { description, .. } => ("oauth2".to_owned(), description),
                SecurityScheme::OpenIDConnect { description, .. } => {
                    ("openIdConnect".to_owned(), description)
                }
            };
            schemes.insert(
                name.clone(),
                SchemeInfo {
                    kind,
                    description: description.clone(),
                },
            );
        }
    }

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
            let (requirements, origin) = match (&op.security, &api.security) {
                (Some(s), _) => (s.as_slice(), SecurityOrigin::Operation),
                (None, Some(s)) => (s.as_slice(), SecurityOrigin::Document),
                (None, None) => (&[][..], SecurityOrigin::Absent),
            };
            let alternatives = requirements
                .iter()
                .map(|r| Requirement {
                    schemes: r.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
                })
                .collect::<Vec<_>>();
            for (i, r) in alternatives.iter().enumerate() {
                for (scheme, _) in &r.schemes {
                    if !schemes.contains_key(scheme) {
                        return Err(err(
                            format!("{pointer}/security/{i}"),
                            format!(
                                "names the security scheme `{scheme}`, which components.securitySchemes does not declare"
                            ),
                        ));
                    }
                }
            }
            let extensions = op
                .extensions
                .iter()
                .filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_owned())))
                .collect();
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
                headers,
                extensions,
                location: SourceLocation {
                    file: file.to_owned(),
                    pointer,
                },
            });
        }
    }
    Ok(Spec {
        diagnostics,
        file: file.to_owned(),
        title: api.info.title.clone(),
        description: api.info.description.clone(),
        servers: api.servers.iter().map(|s| s.url.clone()).collect(),
        schemes,
        operations,
    })
}

/// Each parameter (of a path item or an operation) and each response header that `openapiv3`
/// does not accept is removed from `value` and reported: one invalid query parameter or
/// response header must not hide the operation's security. Only those two kinds of parts are
/// visited, and each is checked by the typed model.
fn drop_invalid_parts(value: &mut serde_json::Value, out: &mut Vec<Diagnostic>) {
    let Some(paths) = value.get_mut("paths").and_then(|p| p.as_object_mut()) else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        for (key, node) in item.iter_mut() {
            if key == "parameters" {
                let pointer = format!("/paths/{}/parameters", escape(path));
                retain_valid::<Parameter>(node, &pointer, "parameter left out", out);
                continue;
            }
            let pointer = format!("/paths/{}/{}", escape(path), escape(key));
            if let Some(list) = node.get_mut("parameters") {
                let pointer = format!("{pointer}/parameters");
                retain_valid::<Parameter>(list, &pointer, "parameter left out", out);
            }
            let Some(responses) = node.get_mut("responses").and_then(|r| r.as_object_mut()) else {
                continue;
            };
            for (status, response) in responses.iter_mut() {
                if let Some(headers) = response.get_mut("headers") {
                    let pointer = format!("{pointer}/responses/{}/headers", escape(status));
                    retain_valid::<openapiv3::Header>(
                        headers,
                        &pointer,
                        "response header left out",
                        out,
                    );
                }
            }
        }
    }
}

/// Keeps the elements of the array or object `node` that deserialize as `ReferenceOr<T>`;
/// reports each other one at `pointer/<index or key>`.
fn retain_valid<T: serde::de::DeserializeOwned>(
    node: &mut serde_json::Value,
    pointer: &str,
    action: &'static str,
    out: &mut Vec<Diagnostic>,
) {
    let mut check = |at: String, v: &serde_json::Value| match ReferenceOr::<T>::deserialize(v) {
        Ok(_) => true,
        Err(e) => {
            out.push(Diagnostic {
                pointer: format!("{pointer}/{at}"),
                message: e.to_string(),
                action,
            });
            false
        }
    };
    match node {
        serde_json::Value::Array(list) => {
            let mut i = 0;
            list.retain(|v| {
                i += 1;
                check((i - 1).to_string(), v)
            });
        }
        serde_json::Value::Object(map) => map.retain(|k, v| check(escape(k), v)),
        _ => {}
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

/// RFC 6901 escaping of one reference token.
pub fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests;
