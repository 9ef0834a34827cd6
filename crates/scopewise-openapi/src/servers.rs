//! Server URLs: variables substituted with their defaults, then split into host and base path.

/// A server an operation is served from: its URL as written and, after substituting each
/// `{variable}` with its `default`, the host and the base path that every operation path is
/// appended to.
///
/// ```
/// let spec = scopewise_openapi::read_spec("s.yaml", r#"
/// openapi: 3.0.3
/// info: { title: T, version: "1" }
/// servers:
///   - url: https://{region}.example.test:8443/api/{version}/
///     variables:
///       region: { default: eu }
///       version: { default: v2, enum: [v1, v2] }
///   - url: /relative
/// paths: {}
/// "#).unwrap();
/// let [abs, rel] = spec.servers.as_slice() else { panic!() };
/// assert_eq!(abs.host.as_deref(), Some("eu.example.test:8443"));
/// assert_eq!(abs.base_path, "/api/v2");
/// assert_eq!(abs.url, "https://{region}.example.test:8443/api/{version}/");
/// assert_eq!(rel.host, None);
/// assert_eq!(rel.base_path, "/relative");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Server {
    /// `url`, as the spec writes it.
    pub url: String,
    /// The authority of an absolute URL (host, and port when written), ASCII-lowercased;
    /// `None` for a relative URL (`/v1`), which is relative to wherever the spec is served.
    pub host: Option<String>,
    /// The path every operation path is appended to: empty for the root, else starting with
    /// `/` and without a trailing `/` (`/api.xro/2.0`).
    pub base_path: String,
    /// JSON pointer of the server object (`/servers/0`, `/paths/~1a/get/servers/1`).
    pub pointer: String,
}

/// Builds a [`Server`] from a typed server object at `pointer`; the error is `(pointer, what)`.
pub(crate) fn server(s: &openapiv3::Server, pointer: String) -> Result<Server, (String, String)> {
    let fail = |m: String| Err((format!("{pointer}/url"), m));
    // Substitute `{name}` with the variable's default, in one pass.
    let mut url = String::with_capacity(s.url.len());
    let mut rest = s.url.as_str();
    while let Some(open) = rest.find('{') {
        url.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            return fail(format!("`{}`: a `{{` without its `}}`", s.url));
        };
        let name = &rest[open + 1..open + close];
        match s.variables.as_ref().and_then(|v| v.get(name)) {
            Some(v) => url.push_str(&v.default),
            None => {
                return fail(format!(
                    "`{}`: the variable `{name}` has no entry (and so no default) in `variables`",
                    s.url
                ));
            }
        }
        rest = &rest[open + close + 1..];
    }
    url.push_str(rest);
    if url.contains(['{', '}']) {
        return fail(format!(
            "`{}`: a variable's default contains `{{` or `}}`",
            s.url
        ));
    }

    let (host, path) = match url.split_once("://") {
        Some((scheme, rest)) => {
            if scheme.is_empty()
                || !scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            {
                return fail(format!("`{url}`: not a URL scheme: `{scheme}`"));
            }
            let end = rest.find('/').unwrap_or(rest.len());
            let authority = &rest[..end];
            if authority.is_empty() || authority.contains('@') {
                return fail(format!(
                    "`{url}`: the host must be present and without user information"
                ));
            }
            (Some(authority.to_ascii_lowercase()), &rest[end..])
        }
        None if url.is_empty() || url.starts_with('/') => (None, url.as_str()),
        None => {
            return fail(format!(
                "`{url}`: a relative server URL must start with `/`"
            ));
        }
    };
    if path.contains(['?', '#']) {
        return fail(format!("`{url}`: a server URL has no query or fragment"));
    }
    if path.contains('%') {
        return fail(format!(
            "`{url}`: percent-encoding in a server path is not read (refused rather than guessed)"
        ));
    }
    let base_path = path.trim_end_matches('/');
    if base_path
        .split('/')
        .skip(1)
        .any(|seg| seg == "." || seg == ".." || seg.is_empty())
    {
        return fail(format!(
            "`{url}`: a server path with `.`, `..` or empty segments is refused"
        ));
    }
    Ok(Server {
        url: s.url.clone(),
        host,
        base_path: base_path.to_owned(),
        pointer,
    })
}
