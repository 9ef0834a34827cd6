//! The SFMC schema: `data/sfmc/catalog.yaml`.

use std::collections::HashMap;

use super::{DataError, Errors};
use crate::sfmc::SfmcCatalogFile;
use crate::sfmc_vocabulary::TokenStatus;
use crate::words;

/// A validated SFMC `catalog.yaml` with every cross reference resolved to an index.
#[derive(Debug, Clone)]
pub struct ResolvedSfmcCatalog {
    /// The file, as read.
    pub catalog: SfmcCatalogFile,
    /// Token name → index into `catalog.tokens`.
    pub token_index: HashMap<String, usize>,
    /// Per group: the tokens of its documented levels, in the page's order.
    pub group_documented: Vec<Vec<usize>>,
    /// Per group: its undocumented-here tokens, in token order.
    pub group_undocumented: Vec<Vec<usize>>,
    /// Per token: its group, if it has one.
    pub token_group: Vec<Option<usize>>,
}

/// Validates the SFMC catalog; `file` is the name the errors show. Every problem found is
/// reported.
///
/// Checked: no table exceeds [`MAX_RECORDS`](super::MAX_RECORDS); group names, prefixes,
/// tokens and SOAP objects are unique, and no two groups read as the same words (the
/// runtime's display-name lookups would be ambiguous); prefixes are lower snake case; every
/// group level names a documented token `<prefix>_<level>` of that group; every token's group
/// exists and its name follows the group's prefix and its level; documented tokens have a
/// group, level and line, undocumented-here tokens evidence and a reason; SOAP objects list
/// operations, each once.
pub fn sfmc_catalog(
    catalog: SfmcCatalogFile,
    file: &str,
) -> Result<ResolvedSfmcCatalog, Vec<DataError>> {
    let mut v = Errors::new(file);
    v.table_sizes([
        ("groups", catalog.groups.len()),
        ("tokens", catalog.tokens.len()),
        ("soap_objects", catalog.soap_objects.len()),
    ]);

    let group_index = unique(
        &mut v,
        catalog
            .groups
            .iter()
            .map(|g| (g.name.as_str(), g.name.as_str())),
        "groups",
        "name",
        "group",
    );
    let token_index = unique(
        &mut v,
        catalog
            .tokens
            .iter()
            .map(|t| (t.token.as_str(), t.token.as_str())),
        "tokens",
        "token",
        "token",
    );
    unique(
        &mut v,
        catalog
            .soap_objects
            .iter()
            .map(|o| (o.object.as_str(), o.object.as_str())),
        "soap_objects",
        "object",
        "SOAP object",
    );
    unique(
        &mut v,
        catalog
            .groups
            .iter()
            .map(|g| (g.name.as_str(), g.prefix.as_str())),
        "groups",
        "prefix",
        "prefix",
    );

    // The runtime's `Catalog::find_group` and `token_for_display` read a group from any of
    // these forms; two groups sharing one would make the answer depend on table order.
    let mut forms: HashMap<String, (usize, &str)> = HashMap::new();
    for (i, g) in catalog.groups.iter().enumerate() {
        for (field, form) in group_forms(&g.name, &g.prefix) {
            match forms.get(&form) {
                // Two equal prefixes are already reported as duplicates.
                Some(&(j, other)) if j != i && !(field == "prefix" && other == "prefix") => {
                    v.at(
                        format!("groups[{i}] ({})", g.name),
                        field,
                        format!(
                            "reads as `{form}`, which already names groups[{j}] ({}); \
                             display-name lookups would be ambiguous",
                            catalog.groups[j].name
                        ),
                    );
                }
                Some(_) => {}
                None => {
                    forms.insert(form, (i, field));
                }
            }
        }
    }

    let mut group_documented = Vec::with_capacity(catalog.groups.len());
    for (i, g) in catalog.groups.iter().enumerate() {
        let entry = format!("groups[{i}] ({})", g.name);
        if !is_snake_case(&g.prefix) {
            v.at(
                entry.clone(),
                "prefix",
                format!("`{}` is not lower snake case", g.prefix),
            );
        }
        if g.levels.is_empty() {
            v.at(
                entry.clone(),
                "levels",
                "is empty; a group has at least one level",
            );
        }
        let mut documented = Vec::with_capacity(g.levels.len());
        for (k, l) in g.levels.iter().enumerate() {
            if g.levels[..k].iter().any(|earlier| earlier.level == l.level) {
                v.at(
                    entry.clone(),
                    &format!("levels[{k}].level"),
                    format!("level `{}` is listed twice", l.level.as_str()),
                );
            }
            let expected = format!("{}_{}", g.prefix, l.level.as_str());
            if l.token != expected {
                v.at(
                    entry.clone(),
                    &format!("levels[{k}].token"),
                    format!("is `{}`; prefix and level give `{expected}`", l.token),
                );
            }
            match token_index.get(&l.token) {
                None => v.at(
                    entry.clone(),
                    &format!("levels[{k}].token"),
                    format!("unknown token `{}`; it is not in `tokens`", l.token),
                ),
                Some(&t) => {
                    let token = &catalog.tokens[t];
                    if token.status != TokenStatus::Documented {
                        v.at(
                            entry.clone(),
                            &format!("levels[{k}].token"),
                            format!(
                                "`{}` is a documented level, but tokens[{t}] says `undocumented-here`",
                                l.token
                            ),
                        );
                    }
                    documented.push(t);
                }
            }
        }
        group_documented.push(documented);
    }

    let mut token_group = Vec::with_capacity(catalog.tokens.len());
    let mut group_undocumented = vec![Vec::new(); catalog.groups.len()];
    for (i, t) in catalog.tokens.iter().enumerate() {
        let entry = format!("tokens[{i}] ({})", t.token);
        let group = match &t.group {
            None => None,
            Some(name) => {
                let found = group_index.get(name).copied();
                if found.is_none() {
                    v.at(
                        entry.clone(),
                        "group",
                        format!("unknown group `{name}`; it is not in `groups`"),
                    );
                }
                found
            }
        };
        token_group.push(group);
        if t.level.is_some() && t.group.is_none() {
            v.at(
                entry.clone(),
                "group",
                "is missing; a token with a level has a group",
            );
        }
        if let (Some(g), Some(level)) = (group, t.level) {
            let expected = format!("{}_{}", catalog.groups[g].prefix, level.as_str());
            if t.token != expected {
                v.at(
                    entry.clone(),
                    "token",
                    format!(
                        "group `{}` and level `{}` give `{expected}`",
                        catalog.groups[g].name,
                        level.as_str()
                    ),
                );
            }
        }
        let listed = group.is_some_and(|g| group_documented[g].contains(&i));
        match t.status {
            TokenStatus::Documented => {
                for (field, missing) in [
                    ("group", t.group.is_none()),
                    ("level", t.level.is_none()),
                    ("line", t.line.is_none()),
                ] {
                    if missing {
                        v.at(
                            entry.clone(),
                            field,
                            "is missing; every documented token has one",
                        );
                    }
                }
                if let (Some(g), false) = (group, listed) {
                    v.at(
                        entry.clone(),
                        "status",
                        format!(
                            "is `documented`, but group `{}` does not list the token in `levels`",
                            catalog.groups[g].name
                        ),
                    );
                }
            }
            TokenStatus::UndocumentedHere => {
                for (field, missing) in [
                    ("evidence", t.evidence.is_none()),
                    ("reason", t.reason.is_none()),
                ] {
                    if missing {
                        v.at(
                            entry.clone(),
                            field,
                            "is missing; every undocumented-here token has one",
                        );
                    }
                }
                if let Some(g) = group
                    && !listed
                {
                    group_undocumented[g].push(i);
                }
            }
        }
    }

    for (i, o) in catalog.soap_objects.iter().enumerate() {
        let entry = format!("soap_objects[{i}] ({})", o.object);
        if o.operations.is_empty() {
            v.at(entry.clone(), "operations", "is empty");
        }
        for (k, op) in o.operations.iter().enumerate() {
            if o.operations[..k].contains(op) {
                v.at(
                    entry.clone(),
                    &format!("operations[{k}]"),
                    format!("`{}` is listed twice", op.as_str()),
                );
            }
        }
    }

    if !v.errors.is_empty() {
        return Err(v.errors);
    }
    Ok(ResolvedSfmcCatalog {
        catalog,
        token_index,
        group_documented,
        group_undocumented,
        token_group,
    })
}

/// Key → first index; every later duplicate is an error at its own entry, which is named by
/// the first member of each pair.
fn unique<'n>(
    v: &mut Errors<'_>,
    names: impl Iterator<Item = (&'n str, &'n str)>,
    table: &str,
    field: &str,
    what: &str,
) -> HashMap<String, usize> {
    let mut index = HashMap::new();
    for (i, (entry, name)) in names.enumerate() {
        if let Some(&j) = index.get(name) {
            v.at(
                format!("{table}[{i}] ({entry})"),
                field,
                format!("duplicate {what} `{name}`; {table}[{j}] has it too"),
            );
        } else {
            index.insert(name.to_owned(), i);
        }
    }
    index
}

/// The forms a group is found by ([`words::group_forms`], as the runtime reads them), each
/// as lower-case words, with the field it comes from; empty forms left out.
fn group_forms(name: &str, prefix: &str) -> Vec<(&'static str, String)> {
    let [whole, outside, inside, prefix] = words::group_forms(name, prefix);
    [
        ("name", whole),
        ("name", outside),
        ("name", inside),
        ("prefix", prefix),
    ]
    .into_iter()
    .filter_map(|(field, form)| Some((field, words::normalized(form?, ' '))))
    .filter(|(_, form)| !form.is_empty())
    .collect()
}

fn is_snake_case(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('_')
        && !s.ends_with('_')
        && !s.contains("__")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "t/catalog.yaml";

    /// The committed dataset, `data/sfmc/catalog.yaml`.
    fn real() -> String {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/sfmc/catalog.yaml");
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    fn validate(yaml: &str) -> Result<ResolvedSfmcCatalog, Vec<String>> {
        let catalog: SfmcCatalogFile = serde_yaml::from_str(yaml).unwrap();
        sfmc_catalog(catalog, FILE)
            .map_err(|errors| errors.iter().map(ToString::to_string).collect())
    }

    fn group(d: &ResolvedSfmcCatalog, name: &str) -> usize {
        d.catalog
            .groups
            .iter()
            .position(|g| g.name == name)
            .unwrap()
    }

    #[test]
    fn the_committed_dataset_resolves_every_reference() {
        let d = validate(&real()).unwrap();
        assert_eq!(d.catalog.groups.len(), 24);
        assert_eq!(d.catalog.tokens.len(), 58);
        assert_eq!(d.catalog.soap_objects.len(), 21);
        let tags = group(&d, "Tags");
        let names = |ix: &[usize]| -> Vec<&str> {
            ix.iter()
                .map(|&t| d.catalog.tokens[t].token.as_str())
                .collect()
        };
        assert_eq!(names(&d.group_documented[tags]), ["tags_write"]);
        assert_eq!(names(&d.group_undocumented[tags]), ["tags_read"]);
        assert_eq!(d.token_group[d.token_index["offline"]], None);
        assert_eq!(
            d.token_group[d.token_index["accounts_read"]],
            Some(group(&d, "Organizations"))
        );
        let email = group(&d, "Email");
        assert_eq!(
            names(&d.group_documented[email]),
            ["email_read", "email_write", "email_send"]
        );
    }

    #[test]
    fn every_semantic_problem_is_reported_with_entry_and_field() {
        let yaml = real()
            // A group level whose token does not follow the prefix.
            .replacen("    token: email_send\n", "    token: email_sent\n", 1)
            // Two groups with one prefix.
            .replacen(
                "- name: Push\n  prefix: push\n",
                "- name: Push\n  prefix: sms\n",
                1,
            )
            // A documented token that names no group.
            .replacen(
                "- token: calendar_read\n  status: documented\n  group: Calendar\n",
                "- token: calendar_read\n  status: documented\n  group: Calendars\n",
                1,
            );
        let errors = validate(&yaml).unwrap_err();
        let file = FILE;
        let expected = [
            format!(
                "{file}: groups[3] (SMS): field `prefix`: duplicate prefix `sms`; groups[2] has it too"
            ),
            format!(
                "{file}: groups[3] (SMS): field `name`: reads as `sms`, which already names groups[2] (Push); display-name lookups would be ambiguous"
            ),
            format!(
                "{file}: groups[0] (Email): field `levels[2].token`: is `email_sent`; prefix and level give `email_send`"
            ),
            format!(
                "{file}: groups[0] (Email): field `levels[2].token`: unknown token `email_sent`; it is not in `tokens`"
            ),
            format!(
                "{file}: groups[2] (Push): field `levels[0].token`: is `push_read`; prefix and level give `sms_read`"
            ),
            format!(
                "{file}: groups[2] (Push): field `levels[1].token`: is `push_write`; prefix and level give `sms_write`"
            ),
            format!(
                "{file}: groups[2] (Push): field `levels[2].token`: is `push_send`; prefix and level give `sms_send`"
            ),
            format!(
                "{file}: tokens[9] (calendar_read): field `group`: unknown group `Calendars`; it is not in `groups`"
            ),
            format!(
                "{file}: tokens[18] (email_send): field `status`: is `documented`, but group `Email` does not list the token in `levels`"
            ),
            format!(
                "{file}: tokens[34] (push_read): field `token`: group `Push` and level `read` give `sms_read`"
            ),
            format!(
                "{file}: tokens[35] (push_send): field `token`: group `Push` and level `send` give `sms_send`"
            ),
            format!(
                "{file}: tokens[36] (push_write): field `token`: group `Push` and level `write` give `sms_write`"
            ),
        ];
        assert_eq!(errors, expected);
    }

    #[test]
    fn group_names_that_read_alike_are_rejected() {
        // `Tags (Email)` would be read from "Email" too.
        let yaml = real().replacen("- name: Tags\n", "- name: Tags (Email)\n", 1);
        let errors = validate(&yaml).unwrap_err();
        assert!(
            errors.iter().any(|e| e.ends_with("groups[18] (Tags (Email)): field `name`: reads as `email`, which already names groups[0] (Email); display-name lookups would be ambiguous")),
            "{errors:#?}"
        );
        let yaml = real().replacen("- name: Tags\n", "- name: Lists & Subscribers\n", 1);
        let errors = validate(&yaml).unwrap_err();
        assert!(
            errors.iter().any(|e| e.contains("groups[18] (Lists & Subscribers): field `name`: reads as `lists and subscribers`, which already names groups[11] (Lists and Subscribers)")),
            "{errors:#?}"
        );
    }

    #[test]
    fn an_undocumented_token_needs_evidence_and_reason() {
        let yaml = real().replacen(
            "  reason: It is an access-type flag, not a group capability with a level, and the page lists only groups.\n",
            "",
            1,
        );
        assert_eq!(
            validate(&yaml).unwrap_err(),
            [
                "t/catalog.yaml: tokens[29] (offline): field `reason`: is missing; every undocumented-here token has one"
            ]
        );
    }

    #[test]
    fn prefixes_are_snake_case_and_soap_operations_listed_once() {
        let yaml = real()
            .replacen(
                "- name: Tags\n  prefix: tags\n",
                "- name: Tags\n  prefix: Tags\n",
                1,
            )
            .replacen(
                "  operations:\n  - Retrieve\n",
                "  operations:\n  - Retrieve\n  - Retrieve\n",
                1,
            );
        let errors = validate(&yaml).unwrap_err();
        assert!(
            errors.iter().any(|e| e
                .ends_with("groups[18] (Tags): field `prefix`: `Tags` is not lower snake case")),
            "{errors:#?}"
        );
        assert!(
            errors.iter().any(|e| e.contains(
                "soap_objects[0] (AccountTrackingAggregate): field `operations[1]`: `Retrieve` is listed twice"
            )),
            "{errors:#?}"
        );
    }

    #[test]
    fn snake_case_is_strict() {
        assert!(is_snake_case("list_and_subscribers"));
        assert!(is_snake_case("ott2"));
        for bad in ["", "_a", "a_", "a__b", "A", "a-b"] {
            assert!(!is_snake_case(bad), "{bad}");
        }
    }
}
