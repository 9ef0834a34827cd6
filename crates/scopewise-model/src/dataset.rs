//! The serde types of the committed dataset, `data/<provider>/catalog.yaml` and
//! `data/<provider>/legacy.yaml`.
//!
//! These files are written by `cargo xtask ingest` and read by the `scopewise-macros`
//! code generator. The enums shared with the runtime ([`Access`], [`ScopeStatus`]) are
//! defined outside this module, which needs the `serde` feature. Field names are a documented contract (see `data/README.md`); every
//! struct denies unknown fields, so a typo in a hand-edited file is an error, not a
//! silently ignored key.
//!
//! ```
//! use scopewise_model::access::Access;
//! use scopewise_model::dataset::{EndpointRecord, HttpMethod};
//!
//! let yaml = "
//! method: GET
//! path: /contacts/{contactId}
//! scopes: [contacts.readonly]
//! access: [sub-account]
//! provenance:
//!   - { source: current, line: 171, scope: contacts.readonly }
//! ";
//! let e: EndpointRecord = serde_yaml::from_str(yaml).unwrap();
//! assert_eq!(e.method, HttpMethod::Get);
//! assert_eq!(e.access, [Access::SubAccount]);
//! assert_eq!(e.key().unwrap(), "GET /contacts/{}");
//! ```

use serde::{Deserialize, Serialize};

use crate::access::Access;
use crate::scope_status::ScopeStatus;
use crate::template::{Template, TemplateError};

/// `data/<provider>/catalog.yaml`: the current scope table of one provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogFile {
    /// The provider's short name, e.g. `highlevel`; also the folder under `data/`.
    pub provider: String,
    /// The host the provider's REST API is served from; requests to any other host are refused.
    pub api_host: String,
    /// The types of token the provider distinguishes (HighLevel: `sub-account` and `agency`),
    /// in the order the runtime numbers them; every `access` list of the file names only
    /// these. Empty when the provider's tokens all work alike: then every `access` list is
    /// empty and a pre-check does not compare token types.
    pub token_types: Vec<Access>,
    /// A digest of every source file (SHA-256, first 16 hex digits): which data a build knows.
    pub fingerprint: String,
    /// The vendor documents the dataset was built from.
    pub sources: Vec<SourceRecord>,
    /// Every scope, sorted by name.
    pub scopes: Vec<ScopeRecord>,
    /// Every endpoint, sorted by path then method.
    pub endpoints: Vec<EndpointRecord>,
    /// Every webhook event, sorted by name.
    pub webhooks: Vec<WebhookRecord>,
    /// The users' permission-scope vocabulary (`scopes` of the Users API), sorted and distinct.
    ///
    /// A different namespace from OAuth scopes: these values are granted to a user inside the
    /// product, never requested by an app. Empty when the provider has no such vocabulary.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub user_permission_scopes: Vec<String>,
}

/// One vendor document under `data/sources/`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRecord {
    /// Short id used in provenance, e.g. `current`, `snapshot-2025-10-11`, `legacy-v1-es`.
    pub id: String,
    /// Path relative to the repository root.
    pub path: String,
    /// SHA-256 of the file's bytes, hex.
    pub sha256: String,
    /// How many scope-table rows were read from the file (header and delimiter rows not
    /// counted); 0 for a document that is not read as a scope table (the API reference).
    pub table_rows: u32,
    /// For an API reference: how many endpoint pages (request lines) the file has, repeats
    /// included. `None` for a scope table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<u32>,
}

/// An HTTP method the datasets use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum HttpMethod {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
}

impl HttpMethod {
    /// The upper-case name, as in a request line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Patch => "PATCH",
            Self::Delete => "DELETE",
        }
    }

    /// Parses an upper-case method name as the vendor tables write it.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "GET" => Self::Get,
            "POST" => Self::Post,
            "PUT" => Self::Put,
            "PATCH" => Self::Patch,
            "DELETE" => Self::Delete,
            _ => return None,
        })
    }

    /// `GET` reads; every other method may change something.
    pub fn is_read(self) -> bool {
        self == Self::Get
    }
}

/// A scope and what it grants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScopeRecord {
    /// The scope string as requested in the OAuth `scope` parameter.
    pub name: String,
    /// Current or legacy-only.
    pub status: ScopeStatus,
    /// Union of the access of everything it grants.
    pub access: Vec<Access>,
    /// The endpoints it grants, as `METHOD /canonical/{path}`, sorted.
    pub endpoints: Vec<String>,
    /// The webhook events it grants, sorted.
    pub webhooks: Vec<String>,
    /// Other spellings the sources use for this scope (`adPublishing.readOnly`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub spellings: Vec<String>,
    /// Where the sources name this scope.
    pub provenance: Vec<Provenance>,
}

/// An endpoint and the scopes that grant it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EndpointRecord {
    /// The HTTP method.
    pub method: HttpMethod,
    /// Canonical template: leading slash, no trailing slash, `{name}` parameters.
    pub path: String,
    /// Any one of these scopes grants the endpoint. Empty: the scope is **undocumented**
    /// (the endpoint is known only from the API reference, which names no scope); never a
    /// guess.
    pub scopes: Vec<String>,
    /// The token types that may call it: the scope table's access type when a table lists the
    /// endpoint (authoritative), otherwise the API reference's token types.
    pub access: Vec<Access>,
    /// Every source row that lists it, including the legacy table's; for an endpoint known only
    /// from the API reference, its page's request line.
    pub provenance: Vec<Provenance>,
    /// What the API reference's page for the endpoint says; `None` when it has no page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<ReferenceInfo>,
    /// What a call needs when [`scopes`](Self::scopes) is empty: [`Auth::Scopes`] (the
    /// default, omitted from the file) means the scope is undocumented.
    #[serde(default, skip_serializing_if = "Auth::is_scopes")]
    pub auth: Auth,
    /// What each OpenAPI spec that has the operation says (v2, then v3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub openapi: Vec<OpenApiInfo>,
}

/// What a call of an endpoint needs besides its [`EndpointRecord::scopes`].
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Auth {
    /// A token with one of the endpoint's scopes (no scope listed: the scope is undocumented).
    #[default]
    Scopes,
    /// No token and no scope (`POST /oauth/token`): the spec declares no security.
    None,
    /// A token of an accepted type; the sources state no scope (the spec names a security
    /// scheme with an empty scope list).
    Token,
}

impl Auth {
    /// The default, [`Auth::Scopes`].
    pub fn is_scopes(&self) -> bool {
        *self == Self::Scopes
    }
}

/// What one OpenAPI spec says about an operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenApiInfo {
    /// The spec's [`SourceRecord::id`] (`openapi-v2/contacts`).
    pub source: String,
    /// 1-based line of the operation's method key in the spec.
    pub line: u32,
    /// JSON pointer of the operation object.
    pub pointer: String,
    /// The path as the spec writes it.
    pub path: String,
    /// `operationId`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation_id: Option<String>,
    /// `summary`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The security requirements as written: a list of alternatives (any one suffices), each
    /// mapping scheme names to the scopes required. Empty: no security declared.
    pub security: Vec<std::collections::BTreeMap<String, Vec<String>>>,
    /// The token types the named schemes stand for (per `data/highlevel/openapi.yaml`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tokens: Vec<Access>,
    /// The token types whose Private Integration Token the schemes accept.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub private_integration: Vec<Access>,
    /// The `Version` header values the operation accepts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<String>,
    /// `x-version-added`: the API version that introduced the operation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_added: Option<String>,
    /// `deprecated: true`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    /// For a deprecated operation, the replacement its description names (`METHOD /path` or
    /// the text), if it names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replacement: Option<String>,
}

/// What the API reference's page for an endpoint says.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferenceInfo {
    /// 1-based line of the page's request line in the reference source.
    pub line: u32,
    /// The operation's name, e.g. `Create Opportunity`; `None` when the capture lost it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The required `Version` header value, e.g. `2021-07-28`; `None` when the page does not
    /// state it (or states conflicting values).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The token types whose OAuth access token the page accepts, sorted. Empty when the page
    /// does not say.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub oauth: Vec<Access>,
    /// The token types whose Private Integration Token the page accepts, sorted (a subset of
    /// `oauth`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub private_integration: Vec<Access>,
    /// The page carries a `Deprecated` badge.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
}

impl EndpointRecord {
    /// The parameter-blind lookup key, `GET /contacts/{}`.
    pub fn key(&self) -> Result<String, TemplateError> {
        Template::parse(&self.path)?.lookup_key(self.method.as_str())
    }

    /// `METHOD /path`, as scopes list their endpoints.
    pub fn display_name(&self) -> String {
        format!("{} {}", self.method.as_str(), self.path)
    }
}

/// A webhook event and the scopes that grant a subscription to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebhookRecord {
    /// The event name, e.g. `ContactCreate`.
    pub event: String,
    /// Any one of these scopes grants the event.
    pub scopes: Vec<String>,
    /// The token types that may subscribe.
    pub access: Vec<Access>,
    /// Every source row that lists it.
    pub provenance: Vec<Provenance>,
}

/// Where a record comes from: one row of one source file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// The source's [`SourceRecord::id`].
    pub source: String,
    /// 1-based line of the row in that file.
    pub line: u32,
    /// The scope that row attributes the item to, as the source wrote it (markdown unescaped).
    /// Empty (and omitted from the file) for an API reference page, which names no scope.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub scope: String,
    /// The id of the override in `overrides.yaml` that corrected this row, if one did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrected_by: Option<String>,
}

/// `data/<provider>/legacy.yaml`: the legacy (v1) table and how the current one differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegacyFile {
    /// The provider's short name.
    pub provider: String,
    /// The legacy source file.
    pub source: SourceRecord,
    /// The v1 table's scopes (status is `current` when the scope is still current).
    pub scopes: Vec<ScopeRecord>,
    /// The v1 table's endpoints.
    pub endpoints: Vec<EndpointRecord>,
    /// The v1 table's webhook events.
    pub webhooks: Vec<WebhookRecord>,
    /// What changed from v1 to the current table.
    pub changes: Changes,
}

impl LegacyFile {
    /// The legacy table of a provider that publishes none (a user's spec): no scopes,
    /// endpoints, webhooks or changes, and a source record that names no document.
    ///
    /// ```
    /// let none = scopewise_model::dataset::LegacyFile::none("spec");
    /// assert!(none.scopes.is_empty() && none.source.path.is_empty());
    /// ```
    pub fn none(provider: &str) -> Self {
        LegacyFile {
            provider: provider.to_owned(),
            source: SourceRecord {
                id: "none".into(),
                path: String::new(),
                sha256: String::new(),
                table_rows: 0,
                pages: None,
            },
            scopes: Vec::new(),
            endpoints: Vec::new(),
            webhooks: Vec::new(),
            changes: Changes::default(),
        }
    }
}

/// The differences between the legacy table and the current one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Changes {
    /// Scopes in the current table but not in v1.
    pub scopes_added: Vec<String>,
    /// Scopes in v1 but not in the current table.
    pub scopes_removed: Vec<String>,
    /// Endpoints (`METHOD /path`) in the current table but not in v1.
    pub endpoints_added: Vec<String>,
    /// Endpoints in v1 but not in the current table.
    pub endpoints_removed: Vec<String>,
    /// Endpoints in both whose granting scopes differ.
    pub endpoints_rescoped: Vec<Rescope>,
    /// Endpoints in both whose access differs.
    pub endpoints_access_changed: Vec<AccessChange>,
    /// Webhook events in the current table but not in v1.
    pub webhooks_added: Vec<String>,
    /// Webhook events in v1 but not in the current table.
    pub webhooks_removed: Vec<String>,
    /// Webhook events in both whose granting scopes differ.
    pub webhooks_rescoped: Vec<Rescope>,
}

/// An endpoint or webhook event whose scopes changed from v1 to current.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rescope {
    /// `METHOD /path` or the event name.
    pub item: String,
    /// The scopes v1 listed it under.
    pub legacy: Vec<String>,
    /// The scopes the current table lists it under.
    pub current: Vec<String>,
}

/// An endpoint whose access changed from v1 to current.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessChange {
    /// `METHOD /path`.
    pub item: String,
    /// The access v1 gave.
    pub legacy: Vec<Access>,
    /// The access the current table gives.
    pub current: Vec<Access>,
}
