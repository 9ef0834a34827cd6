//! `scopewise.yaml`: what an app requests and calls, with the place of every value.
//!
//! Read with marked-yaml so that every scope, call and webhook keeps its line and column:
//! findings point at the manifest like compiler diagnostics. The schema is small and checked
//! by hand, which gives better errors than a derive: an unknown key names the keys that exist
//! and the closest one, a wrong type says what was expected, every error has a position.

use std::fmt;

use marked_yaml::{LoaderOptions, Node, Span};
use scopewise::Capability;
pub use scopewise::{Provider, TokenKind};

/// A place in a file, 1-based.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// The file, as given on the command line.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (characters).
    pub column: u32,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// A value and where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where.
    pub location: Location,
}

/// The token types an app uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppAccess {
    /// Sub-account (location) tokens only.
    SubAccount,
    /// Agency (company) tokens only.
    Agency,
    /// Both.
    Both,
}

impl AppAccess {
    /// The manifest spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SubAccount => "sub-account",
            Self::Agency => "agency",
            Self::Both => "both",
        }
    }
}

/// Where the requested scopes came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopesFrom {
    /// The `scopes` field.
    Field,
    /// The `scope=` parameter of `install_url`.
    InstallUrl,
}

/// A parsed manifest.
#[derive(Debug, Clone)]
pub struct Manifest {
    /// The provider (`highlevel` when absent).
    pub provider: Located<Provider>,
    /// The token types the app uses (HighLevel: required; SFMC: not applicable).
    pub access: Option<Located<AppAccess>>,
    /// How it authenticates (`oauth` when absent).
    pub token_kind: TokenKind,
    /// The requested scopes, in order, each where it is written.
    pub scopes: Vec<Located<String>>,
    /// Which field the scopes came from.
    pub scopes_from: ScopesFrom,
    /// The calls the app makes, as written (`METHOD /path`).
    pub calls: Vec<Located<String>>,
    /// The webhook events the app subscribes to.
    pub webhooks: Vec<Located<String>>,
    /// SFMC: the SOAP operations the app uses, as `Object.Operation`.
    pub soap: Vec<Located<String>>,
    /// The `Version` header the app sends (`2021-07-28`, `v3`), if the manifest states it.
    pub version: Option<Located<String>>,
    /// The app's own OpenAPI spec, instead of a provider: the path as written, relative to
    /// the manifest's directory.
    pub spec: Option<Located<String>>,
}

/// Why a manifest cannot be used; always located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestError {
    /// Where.
    pub location: Location,
    /// What is wrong and what was expected.
    pub message: String,
}

impl fmt::Display for ManifestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

impl std::error::Error for ManifestError {}

const FIELDS: [&str; 10] = [
    "provider",
    "spec",
    "access",
    "token_kind",
    "scopes",
    "install_url",
    "calls",
    "webhooks",
    "soap",
    "version",
];

/// Fields that apply only to a provider of one [`Capability`]: REST calls and their token
/// types, or SOAP operations.
const ENDPOINTS_ONLY: [&str; 6] = [
    "access",
    "token_kind",
    "install_url",
    "calls",
    "webhooks",
    "version",
];
const GROUPS_ONLY: [&str; 1] = ["soap"];

/// The deepest nesting of lists and mappings a manifest may have. A manifest needs two
/// levels (the fields, and a list in one); the YAML loader recurses once per level, so a
/// file of `- - - …` 50 000 deep overflowed the stack before this cap.
pub const MAX_NESTING: usize = 64;

/// The byte-order mark some editors write at the start of a UTF-8 file.
pub const BOM: char = '\u{feff}';

/// Parses `text`, read from `file`.
///
/// A leading byte-order mark is skipped. The text is refused, with the location of the
/// problem, when it holds a NUL character (YAML readers stop there: the rest of the file
/// would be silently ignored), a second YAML document (ignored likewise) or nests lists
/// and mappings deeper than [`MAX_NESTING`].
pub fn parse(file: &str, text: &str) -> Result<Manifest, ManifestError> {
    parse_for(file, text, false)
}

/// [`parse`] for a manifest checked against a spec given on the command line (`--spec`):
/// its fields are a spec manifest's, and it may not name a provider or a spec itself.
pub fn parse_for_spec(file: &str, text: &str) -> Result<Manifest, ManifestError> {
    parse_for(file, text, true)
}

fn parse_for(file: &str, text: &str, external_spec: bool) -> Result<Manifest, ManifestError> {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let at = |span: &Span| locate(file, span);
    let fail = |location: Location, message: String| ManifestError { location, message };
    let start = Location {
        file: file.to_owned(),
        line: 1,
        column: 1,
    };
    if let Some(nul) = text.find('\0') {
        let (line, column) = line_column(text, nul);
        return Err(fail(
            Location {
                file: file.to_owned(),
                line,
                column,
            },
            "a NUL character: a manifest is text, and a YAML reader would stop here and ignore the rest of the file".into(),
        ));
    }
    check_nesting(file, text)?;

    let options = LoaderOptions::default()
        .error_on_duplicate_keys(true)
        .prevent_coercion(true);
    let root = marked_yaml::parse_yaml_with_options(0, text, options).map_err(|e| {
        let (line, column, message) = load_error(&e);
        fail(
            Location {
                file: file.to_owned(),
                line,
                column,
            },
            message,
        )
    })?;
    let Node::Mapping(map) = &root else {
        return Err(fail(
            start,
            "expected a mapping of fields (provider, access, scopes, calls, ...)".into(),
        ));
    };

    let mut provider = None;
    let mut access = None;
    let mut token_kind = TokenKind::OAuth;
    let mut scopes = None;
    let mut install_url = None;
    let mut version = None;
    let mut calls = Vec::new();
    let mut webhooks = Vec::new();
    let mut soap = Vec::new();
    let mut spec: Option<Located<String>> = None;
    let mut seen: Vec<(String, Location)> = Vec::new();

    for (key, value) in map.iter() {
        let key_location = at(key.span());
        seen.push((key.as_str().to_owned(), key_location.clone()));
        match key.as_str() {
            "spec" => spec = Some(scalar(file, "spec", value)?),
            "provider" => {
                let v = scalar(file, "provider", value)?;
                let p = match v.value.parse::<Provider>() {
                    Ok(p) => p,
                    Err(unknown) => return Err(fail(v.location, unknown.to_string())),
                };
                provider = Some(Located {
                    value: p,
                    location: v.location,
                });
            }
            "access" => {
                let v = scalar(file, "access", value)?;
                let parsed = match v.value.as_str() {
                    "sub-account" => AppAccess::SubAccount,
                    "agency" => AppAccess::Agency,
                    "both" => AppAccess::Both,
                    other => {
                        return Err(fail(
                            v.location,
                            format!(
                                "`access: {other}` is not a token type; expected sub-account, agency or both"
                            ),
                        ));
                    }
                };
                access = Some(Located {
                    value: parsed,
                    location: v.location,
                });
            }
            "token_kind" => {
                let v = scalar(file, "token_kind", value)?;
                token_kind = match v.value.as_str() {
                    "oauth" => TokenKind::OAuth,
                    "private-integration" => TokenKind::PrivateIntegration,
                    other => {
                        return Err(fail(
                            v.location,
                            format!(
                                "`token_kind: {other}` is not a token kind; expected oauth or private-integration"
                            ),
                        ));
                    }
                };
            }
            "scopes" => {
                scopes = Some(match value {
                    Node::Scalar(s) => split_words(file, text, s.as_str(), s.span()),
                    Node::Sequence(_) => list(file, "scopes", value)?,
                    Node::Mapping(m) => {
                        return Err(fail(
                            at(m.span()),
                            "`scopes` must be a list or one space-separated string".into(),
                        ));
                    }
                });
            }
            "install_url" => install_url = Some(scalar(file, "install_url", value)?),
            "calls" => calls = list(file, "calls", value)?,
            "webhooks" => webhooks = list(file, "webhooks", value)?,
            "soap" => soap = list(file, "soap", value)?,
            "version" => version = Some(scalar(file, "version", value)?),
            other => {
                let hint = scopewise::suggest::rank(FIELDS.iter().map(|f| (*f, [*f])), other, 1)
                    .pop()
                    .map(|f| format!(" (did you mean `{f}`?)"))
                    .unwrap_or_default();
                return Err(fail(
                    key_location,
                    format!(
                        "unknown field `{other}`{hint}; expected one of {}",
                        FIELDS.join(", ")
                    ),
                ));
            }
        }
    }

    if external_spec
        && let Some(named) = provider
            .as_ref()
            .map(|p| p.location.clone())
            .or(spec.as_ref().map(|s| s.location.clone()))
    {
        return Err(fail(
            named,
            "the manifest names its catalog, but --spec was given: drop one".into(),
        ));
    }
    let spec_given = external_spec || spec.is_some();
    if let (Some(_), Some(s)) = (&provider, &spec) {
        return Err(fail(
            s.location.clone(),
            "give either `provider` or `spec`, not both: a manifest is checked against one catalog"
                .into(),
        ));
    }
    let provider = provider.unwrap_or(Located {
        value: Provider::default(),
        location: start.clone(),
    });
    // A spec's catalog maps REST endpoints and declares no token types.
    let capability = match spec_given {
        true => Capability::Endpoints,
        false => provider.value.capability(),
    };
    let not_for = match capability {
        Capability::Endpoints => &GROUPS_ONLY[..],
        Capability::Groups => &ENDPOINTS_ONLY[..],
    };
    if let Some((key, location)) = seen.iter().find(|(k, _)| not_for.contains(&k.as_str())) {
        return Err(fail(
            location.clone(),
            match spec_given {
                true => format!("`{key}` does not apply to a manifest checked against a spec"),
                false => format!("`{key}` does not apply to provider `{}`", provider.value),
            },
        ));
    }
    // Token types matter where the provider distinguishes them (HighLevel's sub-account and
    // agency tokens).
    let has_token_types = !spec_given
        && provider
            .value
            .endpoints()
            .is_ok_and(|catalog| !catalog.token_types().is_empty());
    if has_token_types && access.is_none() {
        return Err(fail(
            start.clone(),
            "missing field `access`: the token type(s) the app uses (sub-account, agency or both)"
                .into(),
        ));
    }
    let (scopes, scopes_from) = match (scopes, install_url) {
        (Some(_), Some(url)) => {
            return Err(fail(
                url.location,
                "give either `scopes` or `install_url`, not both: they could disagree".into(),
            ));
        }
        (Some(s), None) => (s, ScopesFrom::Field),
        (None, Some(url)) => (scopes_of_install_url(&url)?, ScopesFrom::InstallUrl),
        (None, None) => {
            return Err(fail(
                start,
                "missing field `scopes` (or `install_url`): the scopes the app requests".into(),
            ));
        }
    };
    Ok(Manifest {
        provider,
        access,
        token_kind,
        scopes,
        scopes_from,
        calls,
        webhooks,
        soap,
        version,
        spec,
    })
}

/// The 1-based line and column (characters) of byte offset `at` of `text`.
fn line_column(text: &str, at: usize) -> (u32, u32) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line as u32, before[line_start..].chars().count() as u32 + 1)
}

/// Refuses nesting deeper than [`MAX_NESTING`], before the recursive loader sees it: the
/// event parser underneath it is iterative, so counting its start and end events costs
/// one pass and no stack. Also refuses a second document (`---`, or text after `...`),
/// which the loader would drop. Syntax errors are left to the loader, which reports them.
fn check_nesting(file: &str, text: &str) -> Result<(), ManifestError> {
    use yaml_rust2::parser::{Event, Parser};
    let mut parser = Parser::new_from_str(text);
    let mut depth = 0usize;
    let mut documents = 0usize;
    loop {
        match parser.next_token() {
            // The loader reads the first document and drops the others: never silently.
            Ok((Event::DocumentStart, mark)) => {
                documents += 1;
                if documents > 1 {
                    return Err(ManifestError {
                        location: Location {
                            file: file.to_owned(),
                            line: mark.line() as u32,
                            column: mark.col() as u32 + 1,
                        },
                        message: "a second YAML document: a manifest is one document, and the rest of the file would be ignored".into(),
                    });
                }
            }
            Ok((Event::SequenceStart(..) | Event::MappingStart(..), mark)) => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(ManifestError {
                        location: Location {
                            file: file.to_owned(),
                            line: mark.line() as u32,
                            column: mark.col() as u32 + 1,
                        },
                        message: format!(
                            "lists and mappings nested more than {MAX_NESTING} deep; a manifest needs two levels"
                        ),
                    });
                }
            }
            Ok((Event::SequenceEnd | Event::MappingEnd, _)) => depth = depth.saturating_sub(1),
            // The scanner gives up on flow collections ([[[…, {a: {a: …) deeper than its
            // own limit before the parser has reported the levels: the same refusal.
            Err(e) if e.info() == "recursion limit exceeded" => {
                return Err(ManifestError {
                    location: Location {
                        file: file.to_owned(),
                        line: e.marker().line() as u32,
                        column: e.marker().col() as u32 + 1,
                    },
                    message: format!(
                        "lists and mappings nested more than {MAX_NESTING} deep; a manifest needs two levels"
                    ),
                });
            }
            Ok((Event::StreamEnd, _)) | Err(_) => return Ok(()),
            Ok(_) => {}
        }
    }
}

fn locate(file: &str, span: &Span) -> Location {
    let (line, column) = span
        .start()
        .map_or((1, 1), |m| (m.line() as u32, m.column() as u32));
    Location {
        file: file.to_owned(),
        line,
        column,
    }
}

fn load_error(e: &marked_yaml::LoadError) -> (u32, u32, String) {
    use marked_yaml::LoadError as E;
    let mark = |m: &marked_yaml::Marker| (m.line() as u32, m.column() as u32);
    let (position, message) = match e {
        E::TopLevelMustBeMapping(m) => (
            mark(m),
            "expected a mapping of fields (provider, access, scopes, calls, ...)".to_owned(),
        ),
        E::UnexpectedAnchor(m) | E::UnexpectedTag(m) => (
            mark(m),
            "YAML anchors and tags are not supported here".to_owned(),
        ),
        E::MappingKeyMustBeScalar(m) => (mark(m), "a key must be a plain name".to_owned()),
        E::DuplicateKey(inner) => {
            let key = &inner.key;
            let at = key.span().start().map_or((1, 1), mark);
            (at, format!("the field `{}` is given twice", key.as_str()))
        }
        E::ScanError(m, err) => (mark(m), format!("invalid YAML: {}", err.info())),
        other => ((1, 1), format!("invalid YAML: {other}")),
    };
    (position.0, position.1, message)
}

fn scalar(file: &str, field: &str, node: &Node) -> Result<Located<String>, ManifestError> {
    match node {
        Node::Scalar(s) => Ok(Located {
            value: s.as_str().to_owned(),
            location: locate(file, s.span()),
        }),
        other => Err(ManifestError {
            location: locate(file, other.span()),
            message: format!("`{field}` must be a single value, not a {}", kind(other)),
        }),
    }
}

fn list(file: &str, field: &str, node: &Node) -> Result<Vec<Located<String>>, ManifestError> {
    let Node::Sequence(seq) = node else {
        return Err(ManifestError {
            location: locate(file, node.span()),
            message: format!("`{field}` must be a list, not a {}", kind(node)),
        });
    };
    seq.iter()
        .map(|item| match item {
            Node::Scalar(_) => scalar(file, field, item),
            other => Err(ManifestError {
                location: locate(file, other.span()),
                message: format!(
                    "each item of `{field}` must be a single value, not a {}",
                    kind(other)
                ),
            }),
        })
        .collect()
}

fn kind(node: &Node) -> &'static str {
    match node {
        Node::Scalar(_) => "single value",
        Node::Sequence(_) => "list",
        Node::Mapping(_) => "mapping",
    }
}

/// Splits a space-separated scalar into words, each located where it is written, also
/// across the lines of a folded (`>-`) or multi-line scalar.
///
/// One pass: a cursor (byte offset, line, column) moves forward from the value's start to
/// each word in turn, so 100 000 words cost what one long word does. Counting each word's
/// line from the start of the file was quadratic (17.6 s for 50 000 words). A word not
/// written verbatim (a quoted scalar's escapes) gets the value's location, and so do the
/// words after it: searching on from there could only find them further off.
fn split_words(file: &str, text: &str, value: &str, span: &Span) -> Vec<Located<String>> {
    let start = locate(file, span);
    // Byte offset of the value's start, from its 1-based line and (character) column.
    let line_start: usize = text
        .split_inclusive('\n')
        .take(start.line as usize - 1)
        .map(str::len)
        .sum();
    let column_bytes: usize = text[line_start..]
        .chars()
        .take(start.column as usize - 1)
        .map(char::len_utf8)
        .sum();
    let mut cursor = Cursor {
        at: line_start + column_bytes,
        line: start.line,
        column: start.column,
    };
    let mut lost = false;
    value
        .split_whitespace()
        .map(|word| {
            let found = if lost {
                None
            } else {
                text.get(cursor.at..).and_then(|rest| rest.find(word))
            };
            let location = match found {
                Some(offset) => {
                    cursor.advance(text, cursor.at + offset);
                    let here = Location {
                        file: file.to_owned(),
                        line: cursor.line,
                        column: cursor.column,
                    };
                    cursor.advance(text, cursor.at + word.len());
                    here
                }
                None => {
                    lost = true;
                    start.clone()
                }
            };
            Located {
                value: word.to_owned(),
                location,
            }
        })
        .collect()
}

/// A position in a text that only moves forward.
struct Cursor {
    /// Byte offset.
    at: usize,
    /// 1-based line of `at`.
    line: u32,
    /// 1-based column (characters) of `at`.
    column: u32,
}

impl Cursor {
    /// Moves to byte offset `to` (not before `at`, on a character boundary).
    fn advance(&mut self, text: &str, to: usize) {
        for c in text[self.at..to].chars() {
            if c == '\n' {
                self.line += 1;
                self.column = 1;
            } else {
                self.column += 1;
            }
        }
        self.at = to;
    }
}

/// The scopes in the `scope=` query parameter of an install URL.
fn scopes_of_install_url(url: &Located<String>) -> Result<Vec<Located<String>>, ManifestError> {
    let query = url
        .value
        .split_once('?')
        .map(|(_, q)| q.split('#').next().unwrap_or(q));
    let scope = query.and_then(|q| {
        form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "scope")
            .map(|(_, v)| v.into_owned())
    });
    let Some(scope) = scope else {
        return Err(ManifestError {
            location: url.location.clone(),
            message: "`install_url` has no `scope=` query parameter".into(),
        });
    };
    Ok(scope
        .split_whitespace()
        .map(|s| Located {
            value: s.to_owned(),
            location: url.location.clone(),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse("app.yaml", text).unwrap_err().to_string()
    }

    #[test]
    fn scopes_as_string_or_list_are_located_word_by_word() {
        let m = parse(
            "app.yaml",
            "access: sub-account\nscopes: contacts.readonly  contacts.write\ncalls:\n  - GET /contacts/{contactId}\nwebhooks: [ContactCreate]\n",
        )
        .unwrap();
        let scopes: Vec<_> = m
            .scopes
            .iter()
            .map(|s| (s.value.as_str(), s.location.line, s.location.column))
            .collect();
        assert_eq!(
            scopes,
            [("contacts.readonly", 2, 9), ("contacts.write", 2, 28)]
        );
        assert_eq!(m.calls[0].value, "GET /contacts/{contactId}");
        assert_eq!(
            (m.calls[0].location.line, m.calls[0].location.column),
            (4, 5)
        );
        assert_eq!(m.webhooks[0].location.column, 12);
        assert_eq!(m.provider.value, Provider::HighLevel);
        assert_eq!(m.access.unwrap().value, AppAccess::SubAccount);

        let m = parse(
            "app.yaml",
            "access: both\nscopes: >-\n  users.readonly\n    users.write\n",
        )
        .unwrap();
        let scopes: Vec<_> = m
            .scopes
            .iter()
            .map(|s| (s.value.as_str(), s.location.line, s.location.column))
            .collect();
        assert_eq!(scopes, [("users.readonly", 3, 3), ("users.write", 4, 5)]);

        let m = parse("app.yaml", "access: both\nscopes:\n  - 'users.readonly'\n").unwrap();
        assert_eq!(m.scopes[0].value, "users.readonly");
        assert_eq!(m.scopes[0].location.line, 3);
    }

    #[test]
    fn install_url_scopes_are_decoded() {
        let m = parse(
            "app.yaml",
            "access: agency\ninstall_url: https://marketplace.gohighlevel.com/oauth/chooselocation?response_type=code&scope=locations.readonly%20users.write+oauth.write&client_id=x\n",
        )
        .unwrap();
        let names: Vec<_> = m.scopes.iter().map(|s| s.value.as_str()).collect();
        assert_eq!(names, ["locations.readonly", "users.write", "oauth.write"]);
        assert_eq!(m.scopes_from, ScopesFrom::InstallUrl);
        assert_eq!(m.scopes[0].location.line, 2);
    }

    #[test]
    fn bad_manifests_give_located_errors() {
        assert_eq!(
            err("access: sub-account\nscopez: contacts.readonly\n"),
            "app.yaml:2:1: unknown field `scopez` (did you mean `scopes`?); expected one of provider, spec, access, token_kind, scopes, install_url, calls, webhooks, soap, version"
        );
        assert_eq!(
            err("access: sub-account\nscopes: [a\n"),
            "app.yaml:3:1: invalid YAML: while parsing a flow sequence, expected ',' or ']'"
        );
        assert_eq!(
            err("access: sub-account\nscopes: a\ncalls: GET /x\n"),
            "app.yaml:3:8: `calls` must be a list, not a single value"
        );
        assert_eq!(
            err("access: sub-account\nscopes: a\ncalls:\n  - {GET: /x}\n"),
            "app.yaml:4:5: each item of `calls` must be a single value, not a mapping"
        );
        assert_eq!(
            err("access: location\nscopes: a\n"),
            "app.yaml:1:9: `access: location` is not a token type; expected sub-account, agency or both"
        );
        assert_eq!(
            err("scopes: a\n"),
            "app.yaml:1:1: missing field `access`: the token type(s) the app uses (sub-account, agency or both)"
        );
        assert_eq!(
            err("access: agency\nscopes: a\nscopes: b\n"),
            "app.yaml:3:1: the field `scopes` is given twice"
        );
        assert_eq!(
            err("- a\n"),
            "app.yaml:1:1: expected a mapping of fields (provider, access, scopes, calls, ...)"
        );
        assert_eq!(
            err("access: agency\nscopes: a\ninstall_url: https://x/?scope=b\n"),
            "app.yaml:3:14: give either `scopes` or `install_url`, not both: they could disagree"
        );
        assert_eq!(
            err("access: agency\ninstall_url: https://x/?client_id=b\n"),
            "app.yaml:2:14: `install_url` has no `scope=` query parameter"
        );
        assert_eq!(
            err("provider: salesforce\naccess: agency\nscopes: a\n"),
            "app.yaml:1:11: unknown provider `salesforce`; scopewise has `highlevel`, `sfmc` or `xero`"
        );
        assert_eq!(
            err("provider: sfmc\naccess: agency\nscopes: email_read\n"),
            "app.yaml:2:1: `access` does not apply to provider `sfmc`"
        );
        assert_eq!(
            err("access: agency\nscopes: a\nsoap: [Program.Retrieve]\n"),
            "app.yaml:3:1: `soap` does not apply to provider `highlevel`"
        );
    }

    #[test]
    fn hostile_manifests_are_refused_with_their_location() {
        // Nesting: refused at the first level past the cap, whatever the depth.
        let deep = format!(
            "access: both\nscopes: a\ncalls:\n{}x\n",
            "- ".repeat(50_000)
        );
        assert_eq!(
            err(&deep),
            "app.yaml:4:127: lists and mappings nested more than 64 deep; a manifest needs two levels"
        );
        let mut mappings = String::from("access: both\nscopes: a\ncalls:\n");
        for i in 0..10_000 {
            mappings.push_str(&format!("{}k:\n", "  ".repeat(i + 1)));
        }
        assert_eq!(
            err(&mappings),
            "app.yaml:67:130: lists and mappings nested more than 64 deep; a manifest needs two levels"
        );
        // 64 levels are still parsed (and refused for their shape, not their depth).
        let ok_depth = format!("access: both\nscopes: a\ncalls:\n{}x\n", "- ".repeat(63));
        assert_eq!(
            err(&ok_depth),
            "app.yaml:4:3: each item of `calls` must be a single value, not a list"
        );
        // NUL: never a silent end of the file.
        assert_eq!(
            err("access: both\nscopes: a\0\nbogus: 1\n"),
            "app.yaml:2:10: a NUL character: a manifest is text, and a YAML reader would stop here and ignore the rest of the file"
        );
        // A second document would be dropped: refused where it starts.
        assert_eq!(
            err("access: both\nscopes: a\n---\nbogus: 1\n"),
            "app.yaml:3:1: a second YAML document: a manifest is one document, and the rest of the file would be ignored"
        );
        assert_eq!(
            err("access: both\nscopes: a\n...\nbogus: 1\n"),
            "app.yaml:4:6: a second YAML document: a manifest is one document, and the rest of the file would be ignored"
        );
        assert!(parse("app.yaml", "---\naccess: both\nscopes: a\n...\n").is_ok());
        // A byte-order mark is not part of the first field's name.
        let m = parse(
            "app.yaml",
            "\u{feff}access: both\nscopes: contacts.readonly\n",
        )
        .unwrap();
        assert_eq!(m.access.unwrap().location.column, 9);
        assert_eq!(m.scopes[0].location.column, 9);
    }

    #[test]
    fn words_not_written_verbatim_keep_the_value_location() {
        let m = parse("app.yaml", "access: both\nscopes: \"a\\x62 c\"\n").unwrap();
        let got: Vec<_> = m
            .scopes
            .iter()
            .map(|s| (s.value.as_str(), s.location.line, s.location.column))
            .collect();
        assert_eq!(got, [("ab", 2, 9), ("c", 2, 9)]);
    }
}
