//! Anomalies: every flaw found in a source row, and what the ingest did about it.

use std::fmt;

/// What is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AnomalyKind {
    /// Empty cells were collapsed, so the row's cells sit left of their columns.
    ShiftedCells,
    /// A path without its leading `/`.
    MissingLeadingSlash,
    /// White space inside a path (`/appointments /:eventId`).
    SpaceInPath,
    /// A path with a trailing `/` where the others have none.
    TrailingSlash,
    /// A markdown escape (`\_`) in a cell.
    MarkdownEscape,
    /// An HTML entity typo (`&nbsb;`) in a cell that is meant to be blank.
    EntityTypo,
    /// An access type spelled in Spanish (`Sub-cuenta`) or by its old name (`Company`).
    AccessSpelling,
    /// A row with no access type.
    MissingAccess,
    /// The last row of a copy that was cut off.
    TruncatedRow,
    /// Page text right after the table, without pipes, which GFM reads as table rows.
    TextInTable,
    /// The same scope and item listed on several rows of one source.
    DuplicateRow,
    /// A scope listed with no endpoint and no webhook event.
    ScopeWithoutItems,
    /// A scope whose level is `.read` where almost all scopes say `.readonly`.
    ReadSuffix,
    /// A scope name whose case differs from the convention (`adPublishing.readOnly`).
    ScopeNameCase,
    /// A POST/PUT/PATCH/DELETE endpoint under a read-only scope.
    WriteMethodUnderReadScope,
    /// A GET endpoint under a write scope.
    ReadMethodUnderWriteScope,
    /// An endpoint whose path family differs from the rest of its scope's endpoints.
    OutOfFamily,
    /// The rows of one scope give different access types.
    AccessVariesWithinScope,
    /// The current copy and the 2025-10-11 copy disagree about an item both list.
    SourceDisagreement,
    /// An item the 2025-10-11 copy lists before the current copy's cut-off point, but the
    /// current copy does not.
    MissingFromCurrent,
    /// One endpoint written with different parameter names.
    ParamNameMismatch,
    /// One endpoint or event listed under several scopes.
    ListedUnderSeveralScopes,
    // The API reference (`reference_merge`): its anomalies are at the page's line.
    /// An endpoint page of the API reference that no scope table lists.
    ReferenceOnlyEndpoint,
    /// The API reference's token types differ from the scope table's access type.
    ReferenceAccessConflict,
    /// A reference-only path that a table path spells differently (case, singular/plural, an extra parameter segment).
    ReferencePathSpelling,
    /// A reference page naming the parameters of a table endpoint differently.
    ReferenceParamName,
    /// A truncated reference path completed from the one table endpoint it can be.
    ReferencePathRecovered,
    /// A truncated reference path that several table endpoints end with.
    ReferencePathAmbiguous,
    /// A truncated reference path that no table endpoint ends with.
    ReferencePathUnresolved,
    /// A reference path that is not a valid template.
    ReferenceInvalidPath,
    /// A reference page repeated, or a second page for one endpoint.
    ReferenceDuplicatePage,
    /// A reference request line with a misspelled host.
    ReferenceMisspelledHost,
    /// A reference page without a title.
    ReferenceTitleMissing,
    /// A reference page without its token-type sentence.
    ReferenceTokenSentenceMissing,
    /// A reference token sentence that does not read as expected.
    ReferenceTokenSentenceUnreadable,
    /// Two token sentences of one page that disagree.
    ReferenceTokenConflict,
    /// A reference page that never states its Version header.
    ReferenceVersionMissing,
    /// A reference page stating different Version values.
    ReferenceVersionConflict,
    /// The reference dump ends with a copy of the scope table.
    ReferenceEmbeddedScopeTable,
    /// A user-permission scope value cut off by the capture.
    ReferenceUserScopeTruncated,
    /// Several user-permission scope values on one line.
    ReferenceUserScopesMerged,
    // The OpenAPI specs (`openapi_merge`): their anomalies are at the operation's line.
    /// An OpenAPI operation whose scopes differ from the scope table's.
    OpenapiScopeConflict,
    /// An OpenAPI operation declaring no security for an endpoint another source says needs a
    /// token or a scope (or the reverse).
    OpenapiAuthConflict,
    /// The v2 and v3 specs say different things about one operation's scopes or security.
    OpenapiVersionConflict,
    /// An OpenAPI operation's token types differ from the scope table's access type.
    OpenapiAccessConflict,
    /// A part of a spec that is not valid OpenAPI 3.0 and was left out.
    OpenapiInvalidPart,
    /// A spec operation that could not be merged (method or path not usable).
    OpenapiNotMerged,
    /// A spec whose description mentions a route prefix no path or server shows.
    OpenapiRoutePrefix,
    /// A spec operation naming the parameters of a known endpoint differently.
    OpenapiParamName,
    /// A scope only the specs name that a table scope spells differently.
    OpenapiScopeSpelling,
    /// A webhook event a table lists that has no page under `webhook-events/`.
    WebhookWithoutPage,
    /// A row of the English legacy table that the Spanish copy renders differently.
    TranslationDifference,
    /// A row of the older edition of the scope table that the dataset answers otherwise.
    OlderEditionDifference,
}

impl AnomalyKind {
    /// Every kind, in report order.
    pub const ALL: [Self; 53] = [
        Self::ShiftedCells,
        Self::MissingLeadingSlash,
        Self::SpaceInPath,
        Self::TrailingSlash,
        Self::MarkdownEscape,
        Self::EntityTypo,
        Self::AccessSpelling,
        Self::MissingAccess,
        Self::TruncatedRow,
        Self::TextInTable,
        Self::DuplicateRow,
        Self::ScopeWithoutItems,
        Self::ReadSuffix,
        Self::ScopeNameCase,
        Self::WriteMethodUnderReadScope,
        Self::ReadMethodUnderWriteScope,
        Self::OutOfFamily,
        Self::AccessVariesWithinScope,
        Self::SourceDisagreement,
        Self::MissingFromCurrent,
        Self::ParamNameMismatch,
        Self::ListedUnderSeveralScopes,
        Self::ReferenceOnlyEndpoint,
        Self::ReferenceAccessConflict,
        Self::ReferencePathSpelling,
        Self::ReferenceParamName,
        Self::ReferencePathRecovered,
        Self::ReferencePathAmbiguous,
        Self::ReferencePathUnresolved,
        Self::ReferenceInvalidPath,
        Self::ReferenceDuplicatePage,
        Self::ReferenceMisspelledHost,
        Self::ReferenceTitleMissing,
        Self::ReferenceTokenSentenceMissing,
        Self::ReferenceTokenSentenceUnreadable,
        Self::ReferenceTokenConflict,
        Self::ReferenceVersionMissing,
        Self::ReferenceVersionConflict,
        Self::ReferenceEmbeddedScopeTable,
        Self::ReferenceUserScopeTruncated,
        Self::ReferenceUserScopesMerged,
        Self::OpenapiScopeConflict,
        Self::OpenapiAuthConflict,
        Self::OpenapiVersionConflict,
        Self::OpenapiAccessConflict,
        Self::OpenapiInvalidPart,
        Self::OpenapiNotMerged,
        Self::OpenapiRoutePrefix,
        Self::OpenapiParamName,
        Self::OpenapiScopeSpelling,
        Self::WebhookWithoutPage,
        Self::TranslationDifference,
        Self::OlderEditionDifference,
    ];

    /// The kebab-case code used in the report and in `overrides.yaml`.
    pub fn code(self) -> &'static str {
        match self {
            Self::ShiftedCells => "shifted-cells",
            Self::MissingLeadingSlash => "missing-leading-slash",
            Self::SpaceInPath => "space-in-path",
            Self::TrailingSlash => "trailing-slash",
            Self::MarkdownEscape => "markdown-escape",
            Self::EntityTypo => "entity-typo",
            Self::AccessSpelling => "access-spelling",
            Self::MissingAccess => "missing-access",
            Self::TruncatedRow => "truncated-row",
            Self::TextInTable => "text-in-table",
            Self::DuplicateRow => "duplicate-row",
            Self::ScopeWithoutItems => "scope-without-items",
            Self::ReadSuffix => "read-suffix",
            Self::ScopeNameCase => "scope-name-case",
            Self::WriteMethodUnderReadScope => "write-method-under-read-scope",
            Self::ReadMethodUnderWriteScope => "read-method-under-write-scope",
            Self::OutOfFamily => "out-of-family",
            Self::AccessVariesWithinScope => "access-varies-within-scope",
            Self::SourceDisagreement => "source-disagreement",
            Self::MissingFromCurrent => "missing-from-current",
            Self::ParamNameMismatch => "param-name-mismatch",
            Self::ListedUnderSeveralScopes => "listed-under-several-scopes",
            Self::ReferenceOnlyEndpoint => "reference-only-endpoint",
            Self::ReferenceAccessConflict => "reference-access-conflict",
            Self::ReferencePathSpelling => "reference-path-spelling",
            Self::ReferenceParamName => "reference-param-name",
            Self::ReferencePathRecovered => "reference-path-recovered",
            Self::ReferencePathAmbiguous => "reference-path-ambiguous",
            Self::ReferencePathUnresolved => "reference-path-unresolved",
            Self::ReferenceInvalidPath => "reference-invalid-path",
            Self::ReferenceDuplicatePage => "reference-duplicate-page",
            Self::ReferenceMisspelledHost => "reference-misspelled-host",
            Self::ReferenceTitleMissing => "reference-title-missing",
            Self::ReferenceTokenSentenceMissing => "reference-token-sentence-missing",
            Self::ReferenceTokenSentenceUnreadable => "reference-token-sentence-unreadable",
            Self::ReferenceTokenConflict => "reference-token-conflict",
            Self::ReferenceVersionMissing => "reference-version-missing",
            Self::ReferenceVersionConflict => "reference-version-conflict",
            Self::ReferenceEmbeddedScopeTable => "reference-embedded-scope-table",
            Self::ReferenceUserScopeTruncated => "reference-user-scope-truncated",
            Self::ReferenceUserScopesMerged => "reference-user-scopes-merged",
            Self::OpenapiScopeConflict => "openapi-scope-conflict",
            Self::OpenapiAuthConflict => "openapi-auth-conflict",
            Self::OpenapiVersionConflict => "openapi-version-conflict",
            Self::OpenapiAccessConflict => "openapi-access-conflict",
            Self::OpenapiInvalidPart => "openapi-invalid-part",
            Self::OpenapiNotMerged => "openapi-not-merged",
            Self::OpenapiRoutePrefix => "openapi-route-prefix",
            Self::OpenapiParamName => "openapi-param-name",
            Self::WebhookWithoutPage => "webhook-without-page",
            Self::OpenapiScopeSpelling => "openapi-scope-spelling",
            Self::TranslationDifference => "translation-difference",
            Self::OlderEditionDifference => "older-edition-difference",
        }
    }

    /// One sentence on what the kind means, for the report.
    pub fn description(self) -> &'static str {
        match self {
            Self::ShiftedCells => {
                "empty cells were collapsed, so cells sit left of their column; cells are read by content"
            }
            Self::MissingLeadingSlash => "a path without its leading `/`",
            Self::SpaceInPath => "white space inside a path",
            Self::TrailingSlash => "a trailing `/` (canonical paths have none)",
            Self::MarkdownEscape => "a markdown escape such as `\\_` in a cell",
            Self::EntityTypo => "an HTML entity typo in a cell meant to be blank",
            Self::AccessSpelling => "an access type spelled in Spanish or by its v1 name",
            Self::MissingAccess => "a row without an access type",
            Self::TruncatedRow => "a row cut off by the end of a truncated copy",
            Self::TextInTable => {
                "page text right after the table, with no blank line, which GFM reads as a table row"
            }
            Self::DuplicateRow => "the same scope and item on several rows of one source",
            Self::ScopeWithoutItems => "a scope listed without any endpoint or webhook event",
            Self::ReadSuffix => "a scope ending in `.read` where the convention is `.readonly`",
            Self::ScopeNameCase => "a scope name in unconventional case",
            Self::WriteMethodUnderReadScope => {
                "a POST/PUT/PATCH/DELETE endpoint under a read-only scope"
            }
            Self::ReadMethodUnderWriteScope => "a GET endpoint under a write scope",
            Self::OutOfFamily => {
                "an endpoint from another resource family than the rest of its scope"
            }
            Self::AccessVariesWithinScope => "rows of one scope give different access types",
            Self::SourceDisagreement => "the current and 2025-10-11 copies disagree about an item",
            Self::MissingFromCurrent => {
                "an item of the 2025-10-11 copy, before the current copy's cut-off, missing from the current copy"
            }
            Self::ParamNameMismatch => "one endpoint written with different parameter names",
            Self::ListedUnderSeveralScopes => "one endpoint or event listed under several scopes",
            Self::ReferenceOnlyEndpoint => {
                "an endpoint the API reference documents but no scope table lists; added with an undocumented scope"
            }
            Self::ReferenceAccessConflict => {
                "the API reference's token types differ from the scope table's access type; the table stays authoritative for `access`"
            }
            Self::ReferencePathSpelling => {
                "a reference path that a table path of the same method spells differently (case, singular/plural, one extra parameter segment); recorded, not merged"
            }
            Self::ReferenceParamName => {
                "a reference page naming a table endpoint's parameters differently; the table's names are canonical"
            }
            Self::ReferencePathRecovered => {
                "a reference path cut off by the capture, completed from the only table endpoint whose path ends with the visible part"
            }
            Self::ReferencePathAmbiguous => {
                "a reference path cut off by the capture that several table endpoints end with; not merged, never guessed"
            }
            Self::ReferencePathUnresolved => {
                "a reference path cut off by the capture that no table endpoint ends with; not merged, never guessed"
            }
            Self::ReferenceInvalidPath => {
                "a reference path that is not a valid template; not merged"
            }
            Self::ReferenceDuplicatePage => {
                "a repeated reference page, or a second page for an endpoint that already has one; counted, not merged again"
            }
            Self::ReferenceMisspelledHost => {
                "a reference request line whose host is misspelled; the path is taken as written"
            }
            Self::ReferenceTitleMissing => "a reference page whose title the capture lost",
            Self::ReferenceTokenSentenceMissing => {
                "a reference page without its `Use the Access Token generated with user type as ...` sentence: token types unknown"
            }
            Self::ReferenceTokenSentenceUnreadable => {
                "a reference token sentence that does not read as expected; ignored"
            }
            Self::ReferenceTokenConflict => {
                "two token sentences of one reference page disagree about a Private Integration Token"
            }
            Self::ReferenceVersionMissing => {
                "a reference page that never states its `Version` header value"
            }
            Self::ReferenceVersionConflict => {
                "a reference page stating different `Version` values; none is chosen"
            }
            Self::ReferenceEmbeddedScopeTable => {
                "the reference dump ends with a copy of the scope table, whose rows are not endpoint pages"
            }
            Self::ReferenceUserScopeTruncated => {
                "a users' permission-scope value cut off by the capture"
            }
            Self::ReferenceUserScopesMerged => "several users' permission-scope values on one line",
            Self::OpenapiScopeConflict => {
                "an OpenAPI operation's scopes differ from the scope table's; a reviewed decision in overrides.yaml settles it"
            }
            Self::OpenapiAuthConflict => {
                "an OpenAPI operation declares no security where another source says a token or scope is needed (or the reverse); a reviewed decision settles it"
            }
            Self::OpenapiVersionConflict => {
                "the v2 and v3 specs disagree about an operation's scopes or security; a reviewed decision settles it"
            }
            Self::OpenapiAccessConflict => {
                "an OpenAPI operation's token types (its security schemes) differ from the scope table's access type; the table stays authoritative for `access`"
            }
            Self::OpenapiInvalidPart => {
                "a part of a spec that is not valid OpenAPI 3.0 (checked with the openapiv3 crate); left out, the rest of the spec is read"
            }
            Self::OpenapiNotMerged => {
                "a spec operation whose method or path cannot be used; not merged"
            }
            Self::OpenapiRoutePrefix => {
                "a spec's description mentions a route prefix that no path or server of the spec shows; no route is invented"
            }
            Self::OlderEditionDifference => {
                "a row of the older edition of the scope table (docs/oauth/Scopes.md) that attributes its item to another scope than the dataset, or lists an item no newer source has; reported only"
            }
            Self::TranslationDifference => {
                "a row of the English legacy table (the original) that the Spanish copy, row for row, renders differently; reported only"
            }
            Self::OpenapiScopeSpelling => {
                "a scope only the OpenAPI specs name that looks like a table scope spelled otherwise (`/` for `.`, `.read` for `.readonly`); kept as the spec writes it, since it is the string the API checks"
            }
            Self::WebhookWithoutPage => {
                "a webhook event a scope table lists that has no page among the webhook event pages; kept"
            }
            Self::OpenapiParamName => {
                "a spec operation naming a known endpoint's parameters differently; the first source's names are canonical"
            }
        }
    }

    /// Kinds that change what a scope grants: they must be answered by an override
    /// (or a documented rule) before the dataset is written.
    pub fn needs_review(self) -> bool {
        matches!(
            self,
            Self::WriteMethodUnderReadScope
                | Self::ReadMethodUnderWriteScope
                | Self::OutOfFamily
                | Self::ScopeNameCase
                | Self::MissingAccess
        )
    }
}

impl fmt::Display for AnomalyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// What the ingest did about an anomaly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// Fixed by a syntactic rule; the meaning is unchanged.
    Normalized(String),
    /// Checked by a documented rule and kept as written.
    Reviewed(String),
    /// Kept as written, reported for the record.
    Kept(String),
    /// Merged into another row's record.
    Merged(String),
    /// Filled in from other rows of the same scope.
    Inherited(String),
    /// The row is not used.
    Rejected(String),
    /// An entry of `overrides.yaml` answered it.
    Override {
        /// The override's id.
        id: String,
        /// What it did.
        action: String,
    },
    /// Needs an override; the ingest fails until one is written.
    Unresolved {
        /// The most likely correction the evidence supports, if any.
        proposal: Option<String>,
    },
}

impl fmt::Display for Resolution {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Normalized(s) => write!(f, "normalized: {s}"),
            Self::Reviewed(s) => write!(f, "reviewed, kept: {s}"),
            Self::Kept(s) => write!(f, "kept: {s}"),
            Self::Merged(s) => write!(f, "merged: {s}"),
            Self::Inherited(s) => write!(f, "inherited: {s}"),
            Self::Rejected(s) => write!(f, "row not used: {s}"),
            Self::Override { id, action } => write!(f, "override `{id}`: {action}"),
            Self::Unresolved { proposal } => match proposal {
                Some(p) => write!(f, "UNRESOLVED (proposed: {p})"),
                None => f.write_str("UNRESOLVED (no candidate found)"),
            },
        }
    }
}

/// One flaw of one source row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anomaly {
    /// The source's id.
    pub source: &'static str,
    /// 1-based line of the row.
    pub line: u32,
    /// What is wrong.
    pub kind: AnomalyKind,
    /// The particulars, naming the cell or item.
    pub detail: String,
    /// What was done.
    pub resolution: Resolution,
}
