//! `data/xero/curated.yaml`: what the specs cannot say, each entry with its reason.

use serde::Deserialize;

use super::{CURATED_PATH, XeroError};

/// The curated file, parsed. Every entry states its reason; an entry without one is an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Curated {
    /// Why one security requirement listing several scopes means any one of them.
    pub any_of_reason: String,
    /// Its evidence.
    pub any_of_evidence: Vec<String>,
    /// Scopes no operation carries.
    pub known_scopes: Vec<KnownScope>,
    /// Specs that describe no operation an app calls.
    pub not_operations: Vec<NotOperations>,
}

/// A scope no operation carries, with why a token may have it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownScope {
    /// The scope.
    pub name: String,
    /// Why it exists.
    pub reason: String,
    /// Its line in the curated file.
    pub line: u32,
}

/// A spec read for no operation, with why.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotOperations {
    /// The spec's file name.
    pub file: String,
    /// Why.
    pub reason: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    any_of_within_requirement: AnyOf,
    known_scopes: Vec<Known>,
    not_operations: Vec<NotOperations>,
    legacy: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AnyOf {
    reason: String,
    evidence: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Known {
    name: String,
    reason: String,
}

impl Curated {
    /// Parses the curated file; a missing reason or evidence is an error naming the entry.
    pub fn parse(text: &str) -> Result<Self, XeroError> {
        let file: File = serde_yaml::from_str(text).map_err(|e| {
            let line = e.location().map(|l| l.line() as u32);
            XeroError::new(CURATED_PATH, line, e.to_string())
        })?;
        let blank =
            |what: &str| XeroError::new(CURATED_PATH, None, format!("{what} has no reason"));
        if file.any_of_within_requirement.reason.trim().is_empty() {
            return Err(blank("any_of_within_requirement"));
        }
        if file.any_of_within_requirement.evidence.is_empty() {
            return Err(XeroError::new(
                CURATED_PATH,
                None,
                "any_of_within_requirement has no evidence",
            ));
        }
        if file.legacy != "none" {
            return Err(XeroError::new(
                CURATED_PATH,
                None,
                format!(
                    "legacy: `{}`; Xero publishes no legacy table, write `none`",
                    file.legacy
                ),
            ));
        }
        let mut known_scopes = Vec::new();
        for k in file.known_scopes {
            if k.reason.trim().is_empty() {
                return Err(blank(&format!("known scope `{}`", k.name)));
            }
            let line = line_of(text, &format!("- name: {}", k.name));
            known_scopes.push(KnownScope {
                name: k.name,
                reason: k.reason,
                line,
            });
        }
        for n in &file.not_operations {
            if n.reason.trim().is_empty() {
                return Err(blank(&format!("not_operations `{}`", n.file)));
            }
        }
        Ok(Self {
            any_of_reason: file.any_of_within_requirement.reason,
            any_of_evidence: file.any_of_within_requirement.evidence,
            known_scopes,
            not_operations: file.not_operations,
        })
    }
}

/// The 1-based line whose trimmed text is `needle`, or 1.
fn line_of(text: &str, needle: &str) -> u32 {
    text.lines()
        .position(|l| l.trim() == needle)
        .map_or(1, |i| (i + 1) as u32)
}
