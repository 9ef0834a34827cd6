//! The users' permission-scope vocabulary: the `Allowed values` of the `scopes` and
//! `scopesAssignedToOnly` fields of the Users pages.
//!
//! These are a sub-account user's permissions, a different namespace from OAuth scopes (the
//! vocabulary has `reporting/agent.readonly`, `triggers.write`, … that no OAuth table lists).
//! The lists span several screenshots, so sidebar blocks sit between their values; a value is
//! a line (bullet or not) made only of scope-shaped words, and a list ends at `Example: …`,
//! `Responses` or the next field declaration.

use std::collections::BTreeMap;

use super::{
    AnomalyKind, ReferenceAnomaly, ReferenceError, UserPermissionScope, UserScopeList, line_no,
};

/// How far below the field declaration its `Allowed values:` may be.
const ALLOWED_WINDOW: usize = 8;

/// How many lines a list (sidebars included) may span before it counts as unterminated.
const LIST_WINDOW: usize = 800;

/// The endings a value may have; anything else that is a prefix of one is a cut-off value.
const ACTIONS: [&str; 3] = ["readonly", "write", "read"];

pub(super) struct Vocabulary {
    pub scopes: Vec<UserPermissionScope>,
    pub lists: Vec<UserScopeList>,
    pub anomalies: Vec<ReferenceAnomaly>,
}

pub(super) fn parse(lines: &[&str], file: &str) -> Result<Vocabulary, ReferenceError> {
    let mut names: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut truncated: Vec<(u32, String)> = Vec::new();
    let mut anomalies = Vec::new();
    let mut lists = Vec::new();

    for (decl, line) in lines.iter().enumerate() {
        let Some(field) = scope_field(line) else {
            continue;
        };
        let Some(allowed) = (decl + 1..lines.len().min(decl + 1 + ALLOWED_WINDOW))
            .find(|&i| lines[i].contains("Allowed values:"))
        else {
            continue;
        };
        let mut values = 0u32;
        let mut noise = 0u32;
        let mut end = None;
        let window = lines.iter().enumerate().skip(allowed).take(LIST_WINDOW);
        for (i, &line) in window {
            let text = if i == allowed {
                line.split_once("Allowed values:")
                    .map_or("", |(_, after)| after)
            } else {
                line
            };
            let t = text.trim().trim_start_matches('-').trim();
            if t.is_empty() {
                continue;
            }
            if i > allowed
                && (t.starts_with("Example") || t.starts_with("Responses") || is_field_decl(t))
            {
                end = Some(i);
                break;
            }
            let words: Vec<&str> = t.split_whitespace().collect();
            if !words.iter().all(|w| is_scope_shaped(w)) {
                noise += 1;
                continue;
            }
            if words.len() > 1 {
                anomalies.push(ReferenceAnomaly {
                    line: line_no(i),
                    kind: AnomalyKind::UserScopesMerged { raw: t.to_owned() },
                });
            }
            for w in words {
                values += 1;
                if is_cut_off(w) {
                    truncated.push((line_no(i), w.to_owned()));
                } else {
                    names.entry(w.to_owned()).or_default().push(line_no(i));
                }
            }
        }
        let Some(end) = end else {
            return Err(ReferenceError::UnterminatedUserScopeList {
                file: file.into(),
                line: line_no(decl),
            });
        };
        lists.push(UserScopeList {
            field: field.into(),
            line: line_no(decl),
            end_line: line_no(end),
            values,
            noise_lines: noise,
        });
    }

    for (line, raw) in truncated {
        let mut completions = names.keys().filter(|n| n.starts_with(raw.as_str()));
        let completion = match (completions.next(), completions.next()) {
            (Some(one), None) => Some(one.clone()),
            _ => None,
        };
        anomalies.push(ReferenceAnomaly {
            line,
            kind: AnomalyKind::UserScopeTruncated { raw, completion },
        });
    }
    let scopes = names
        .into_iter()
        .map(|(name, lines)| UserPermissionScope { name, lines })
        .collect();
    Ok(Vocabulary {
        scopes,
        lists,
        anomalies,
    })
}

/// `scopes array[string]`, `scopes string`, `> permissions object` … `scopes string`,
/// `scopesAssignedToOnly array[string]`: the field, when `line` declares one.
fn scope_field(line: &str) -> Option<&'static str> {
    let t = line.trim().trim_start_matches(['-', '>', ' ']);
    let (name, ty) = t.split_once(' ')?;
    if !matches!(ty.trim(), "array[string]" | "string") {
        return None;
    }
    match name {
        "scopes" => Some("scopes"),
        "scopesAssignedToOnly" => Some("scopesAssignedToOnly"),
        _ => None,
    }
}

/// `name type …` with a schema type: the next field of the schema.
fn is_field_decl(t: &str) -> bool {
    let mut words = t.split_whitespace();
    let (Some(name), Some(ty)) = (words.next(), words.next()) else {
        return false;
    };
    let name = name.trim_end_matches('*');
    !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && ["string", "array", "object", "boolean", "number", "integer"]
            .iter()
            .any(|k| ty.starts_with(k))
}

/// `contacts.write`, `calendars/events.readonly`, `private-integration-location.write`.
fn is_scope_shaped(w: &str) -> bool {
    let Some((resource, action)) = w.rsplit_once('.') else {
        return false;
    };
    let word = |s: &str| {
        s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    };
    resource.split('/').all(word)
        && !action.is_empty()
        && action.chars().all(|c| c.is_ascii_alphabetic())
}

/// `conversations/message.readonl`, `users/team-management.r`: the capture cut the line.
fn is_cut_off(w: &str) -> bool {
    let action = w.rsplit_once('.').map_or("", |(_, a)| a);
    !ACTIONS.contains(&action) && ACTIONS.iter().any(|a| a.starts_with(action))
}
