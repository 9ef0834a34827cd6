//! The calls an app makes, from wherever they are written: `METHOD /path` strings (manifest,
//! command line, `--calls` file), a HAR capture, or a scan of the app's source code.

use std::path::Path;

use scopewise::Method;

use crate::manifest::{Located, Location};

/// One call the app makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// The call as the user wrote it (or as it was reconstructed from a HAR or source file).
    pub text: String,
    /// The method, when known.
    pub method: Option<Method>,
    /// The template or concrete path/URL.
    pub target: String,
    /// Where it was found.
    pub location: Option<Location>,
}

/// A call string that is not `METHOD /path`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallSyntaxError(pub String);

/// Parses `"METHOD /path"` (method case-insensitive; the target may be a template, a
/// concrete path or a full URL).
pub fn parse_call(text: &str) -> Result<(Method, String), CallSyntaxError> {
    let text = text.trim();
    let Some((method, target)) = text.split_once(char::is_whitespace) else {
        return Err(CallSyntaxError(format!(
            "`{text}` is not a call: expected `METHOD /path`, e.g. `GET /contacts/{{contactId}}`"
        )));
    };
    let method = Method::parse(method).map_err(|e| CallSyntaxError(format!("`{text}`: {e}")))?;
    let target = target.trim();
    if target.contains(char::is_whitespace) {
        return Err(CallSyntaxError(format!(
            "`{text}`: expected one path after the method, found spaces in `{target}`"
        )));
    }
    Ok((method, target.to_owned()))
}

/// The calls of a manifest or of the command line. Unparseable ones come back as errors
/// alongside, so every call is either linted or reported.
pub fn from_strings(
    items: &[Located<String>],
) -> Vec<Result<Call, (Located<String>, CallSyntaxError)>> {
    items
        .iter()
        .map(|item| match parse_call(&item.value) {
            Ok((method, target)) => Ok(Call {
                text: item.value.clone(),
                method: Some(method),
                target,
                location: Some(item.location.clone()),
            }),
            Err(e) => Err((item.clone(), e)),
        })
        .collect()
}

/// A `--calls` file: one call per line; blank lines and `#` comments are skipped.
pub fn read_calls_file(file: &str, text: &str) -> Vec<Located<String>> {
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let content = line.split('#').next().unwrap_or_default();
            let trimmed = content.trim();
            (!trimmed.is_empty()).then(|| Located {
                value: trimmed.to_owned(),
                location: Location {
                    file: file.to_owned(),
                    line: i as u32 + 1,
                    column: (content.len() - content.trim_start().len()) as u32 + 1,
                },
            })
        })
        .collect()
}

/// What a HAR file gave.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HarCalls {
    /// The requests to the API host.
    pub calls: Vec<Call>,
    /// Entries to other hosts, which are not the provider's API and are ignored.
    pub other_hosts: usize,
}

/// Reads the requests of a HAR (HTTP Archive 1.2) capture that go to `api_host`.
pub fn read_har(file: &str, text: &str, api_host: &str) -> Result<HarCalls, String> {
    let har: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| format!("{file}:{}:{}: not valid JSON: {e}", e.line(), e.column()))?;
    let entries = har
        .pointer("/log/entries")
        .and_then(serde_json::Value::as_array)
        .ok_or_else(|| format!("{file}: not a HAR file: no `log.entries` array"))?;
    let mut out = HarCalls::default();
    let mut search_from = 0;
    // The line number and line start of `search_from`, advanced with it: counting from the
    // text's start for each entry was quadratic in the capture's size.
    let (mut line, mut line_start) = (1u32, 0usize);
    for (i, entry) in entries.iter().enumerate() {
        let field = |name: &str| {
            entry
                .pointer(&format!("/request/{name}"))
                .and_then(serde_json::Value::as_str)
                .ok_or_else(|| {
                    format!("{file}: log.entries[{i}].request.{name} is missing or not a string")
                })
        };
        let (method, url) = (field("method")?, field("url")?);
        let Some(path) = strip_api_host(url, api_host) else {
            out.other_hosts += 1;
            continue;
        };
        // JSON has no positions once parsed: find the URL's line in the text, in order.
        let needle = serde_json::to_string(url).unwrap_or_default();
        let location = text[search_from..].find(&needle).map(|offset| {
            let at = search_from + offset;
            let skipped = &text[search_from..at];
            line += skipped.matches('\n').count() as u32;
            if let Some(n) = skipped.rfind('\n') {
                line_start = search_from + n + 1;
            }
            // The needle is a JSON string: it holds no raw newline, so the line is unchanged.
            search_from = at + needle.len();
            // +1 to step over the opening quote: point at the URL itself.
            let column = (at - line_start) as u32 + 2;
            Location {
                file: file.to_owned(),
                line,
                column,
            }
        });
        out.calls.push(Call {
            text: format!("{method} {url}"),
            method: Method::parse(method).ok(),
            target: path.to_owned(),
            location,
        });
    }
    Ok(out)
}

/// `https://HOST/path?q` → `/path?q` when HOST is the API host (case-insensitive).
fn strip_api_host<'a>(url: &'a str, api_host: &str) -> Option<&'a str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    rest[..end]
        .eq_ignore_ascii_case(api_host)
        .then(|| &rest[end..])
}

/// File endings the source scan reads.
pub const SCANNED_EXTENSIONS: [&str; 10] = [
    "js", "mjs", "cjs", "jsx", "ts", "tsx", "py", "php", "rs", "go",
];
const SKIPPED_DIRS: [&str; 9] = [
    ".git",
    "node_modules",
    "target",
    "vendor",
    "dist",
    "build",
    "__pycache__",
    ".venv",
    "venv",
];

/// What a source scan found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScanResult {
    /// The calls, with their method when the code around the URL says it.
    pub calls: Vec<Call>,
    /// Files read.
    pub files: usize,
}

/// Finds URL literals for `api_host` in the source files under `dir`.
///
/// A literal is the quoted string (`'`, `"` or `` ` ``) that contains the host. Template
/// placeholders (`${id}`, `{id}`, `{$id}`, `$id`, `%s`, `%d`) become parameters, and a literal
/// ending in `/` that is concatenated (`+ id`, `. $id`) gets one more parameter segment. The
/// method comes from the code around the literal: `.get(`/`.post(`/... before it on the line,
/// or `method: 'POST'` within the next lines; a bare `fetch(` is a GET. When the code does not
/// say, the call has no method and the lint reports it.
pub fn scan(dir: &Path, api_host: &str) -> Result<ScanResult, String> {
    let mut files = Vec::new();
    collect_files(dir, &mut files)?;
    files.sort();
    let mut out = ScanResult::default();
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue; // not UTF-8: not source code we can read
        };
        out.files += 1;
        let display = path.display().to_string();
        out.calls.extend(scan_text(&display, &text, api_host));
    }
    Ok(out)
}

fn collect_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: cannot read directory: {e}", dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", dir.display()))?;
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if !SKIPPED_DIRS.contains(&name.as_ref()) {
                collect_files(&path, out)?;
            }
        } else if kind.is_file()
            && path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| SCANNED_EXTENSIONS.contains(&e))
        {
            out.push(path);
        }
    }
    Ok(())
}

/// Scans one file's text.
pub fn scan_text(file: &str, text: &str, api_host: &str) -> Vec<Call> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let mut from = 0;
        // The last quote before `scanned`, and the characters before `counted`, advanced as
        // the host is found further along the line (both only move forward): searching back
        // from each occurrence to the line's start was quadratic on long, minified lines.
        let (mut scanned, mut last_quote) = (0, None);
        let (mut counted, mut chars) = (0, 0u32);
        while let Some(offset) = line[from..].find(api_host) {
            let host_at = from + offset;
            from = host_at + api_host.len();
            if let Some((i, c)) = line[scanned..host_at]
                .char_indices()
                .rev()
                .find(|(_, c)| matches!(c, '\'' | '"' | '`'))
            {
                last_quote = Some((scanned + i, c));
            }
            scanned = host_at;
            let Some((quote_at, quote)) = last_quote else {
                continue;
            };
            let literal_end = line[from..].find(quote).map_or(line.len(), |i| from + i);
            let literal = &line[quote_at + 1..literal_end];
            from = literal_end.max(from);
            let Some(path) = strip_api_host(literal, api_host) else {
                continue;
            };
            let path = path.split(['?', '#']).next().unwrap_or_default();
            if path.is_empty() || path == "/" {
                continue; // a base URL, not a call
            }
            let after = line.get(literal_end + 1..).unwrap_or_default().trim_start();
            let concatenated =
                after.starts_with('+') || after.starts_with(". ") || after.starts_with(".$");
            let template = to_template(path, concatenated);
            // When the URL is the first thing on its line, the call that takes it may open
            // at the end of the line above (`requests.get(\n    "https://..."`).
            let prefix = &line[..quote_at];
            let bare = prefix
                .trim()
                .trim_end_matches(['f', 'r', 'b', 'u', 'F', 'R', 'B', 'U'])
                .is_empty();
            let before = match index.checked_sub(1).map(|i| lines[i].trim_end()) {
                Some(above) if bare && above.ends_with('(') => above,
                _ => prefix,
            };
            // Options (`{ method: 'POST' }`) may follow on the next lines, unless the call
            // closes right after the URL.
            let rest = line.get(literal_end + 1..).unwrap_or_default();
            let closes = match (rest.find(')'), rest.find('{')) {
                (Some(close), Some(open)) => close < open,
                (Some(_), None) => true,
                _ => false,
            };
            let mut following = vec![rest];
            if !closes {
                following.extend(&lines[index + 1..lines.len().min(index + 4)]);
            }
            let method = method_near(before, &following);
            out.push(Call {
                text: format!("{} {template}", method.map_or("?", Method::as_str)),
                method,
                target: template,
                location: Some(Location {
                    file: file.to_owned(),
                    line: index as u32 + 1,
                    column: {
                        chars += line[counted..quote_at].chars().count() as u32;
                        counted = quote_at;
                        chars + 2
                    },
                }),
            });
        }
    }
    out
}

/// Turns placeholder segments into `{param}` ones.
fn to_template(path: &str, concatenated: bool) -> String {
    let mut segments: Vec<String> = Vec::new();
    let mut n = 0;
    let param = |n: &mut usize| {
        *n += 1;
        format!("{{param{n}}}")
    };
    let body = path.trim_start_matches('/');
    for segment in body.split('/') {
        let placeholder = segment.contains('{')
            || segment.contains('$')
            || segment.contains("%s")
            || segment.contains("%d");
        segments.push(if placeholder {
            param(&mut n)
        } else {
            segment.to_owned()
        });
    }
    if concatenated && path.ends_with('/') {
        if let Some(last) = segments.last_mut() {
            if last.is_empty() {
                *last = param(&mut n);
            }
        }
    }
    format!("/{}", segments.join("/"))
}

fn method_near(before: &str, following: &[&str]) -> Option<Method> {
    let lower = before.to_ascii_lowercase();
    // `client.post(`, `requests.delete(`, `Http::put(`, `->patch(`: the last call before the URL.
    let called = ["get", "post", "put", "patch", "delete"]
        .iter()
        .filter_map(|m| {
            [".", "::", "->"]
                .iter()
                .filter_map(|sep| lower.rfind(&format!("{sep}{m}(")))
                .max()
                .map(|at| (at, *m))
        })
        .max_by_key(|(at, _)| *at);
    if let Some((_, m)) = called {
        return Method::parse(m).ok();
    }
    for line in following {
        let lower = line.to_ascii_lowercase();
        if let Some(at) = lower.find("method") {
            let rest = &lower[at + "method".len()..];
            for m in ["get", "post", "put", "patch", "delete"] {
                if rest.contains(&format!("'{m}'")) || rest.contains(&format!("\"{m}\"")) {
                    return Method::parse(m).ok();
                }
            }
        }
    }
    // fetch() without a method option is a GET (the Fetch standard's default).
    lower.contains("fetch(").then_some(Method::Get)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOST: &str = "services.leadconnectorhq.com";

    #[test]
    fn call_strings() {
        assert_eq!(
            parse_call("get /contacts/{id}").unwrap(),
            (Method::Get, "/contacts/{id}".into())
        );
        assert_eq!(
            parse_call("FETCH /contacts").unwrap_err().0,
            "`FETCH /contacts`: unknown HTTP method `FETCH`; expected one of GET, POST, PUT, PATCH, DELETE"
        );
        assert!(
            parse_call("/contacts")
                .unwrap_err()
                .0
                .starts_with("`/contacts` is not a call")
        );
    }

    #[test]
    fn calls_file_skips_comments_and_keeps_lines() {
        let calls = read_calls_file(
            "c.txt",
            "# calls\nGET /contacts\n\n  POST /contacts # create\n",
        );
        let got: Vec<_> = calls
            .iter()
            .map(|c| (c.value.as_str(), c.location.line, c.location.column))
            .collect();
        assert_eq!(got, [("GET /contacts", 2, 1), ("POST /contacts", 4, 3)]);
    }

    #[test]
    fn har_keeps_api_requests_and_counts_the_rest() {
        let har = r#"{"log": {"entries": [
  {"request": {"method": "GET", "url": "https://services.leadconnectorhq.com/contacts/abc?locationId=1"}},
  {"request": {"method": "GET", "url": "https://cdn.example.com/app.js"}},
  {"request": {"method": "post", "url": "https://SERVICES.leadconnectorhq.com/contacts/"}}
]}}"#;
        let got = read_har("a.har", har, HOST).unwrap();
        assert_eq!(got.other_hosts, 1);
        let calls: Vec<_> = got
            .calls
            .iter()
            .map(|c| {
                (
                    c.method,
                    c.target.as_str(),
                    c.location.as_ref().unwrap().line,
                )
            })
            .collect();
        assert_eq!(
            calls,
            [
                (Some(Method::Get), "/contacts/abc?locationId=1", 2),
                (Some(Method::Post), "/contacts/", 4)
            ]
        );
        // The column points at the URL, past its opening quote.
        assert_eq!(got.calls[0].location.as_ref().unwrap().column, 41);
        assert!(
            read_har("a.har", "{", HOST)
                .unwrap_err()
                .starts_with("a.har:1:1: not valid JSON")
        );
        assert_eq!(
            read_har("a.har", "{}", HOST).unwrap_err(),
            "a.har: not a HAR file: no `log.entries` array"
        );
    }

    #[test]
    fn scan_finds_literals_methods_and_placeholders() {
        let js = "const r = await axios.get(`https://services.leadconnectorhq.com/contacts/${id}/tasks`);\n\
                  await fetch('https://services.leadconnectorhq.com/opportunities/search?q=1');\n\
                  await fetch(\"https://services.leadconnectorhq.com/contacts/\", {\n  method: 'POST',\n});\n\
                  const BASE = 'https://services.leadconnectorhq.com';\n\
                  const u = 'https://services.leadconnectorhq.com/users/' + userId;\n";
        let calls = scan_text("app.js", js, HOST);
        let got: Vec<_> = calls
            .iter()
            .map(|c| (c.text.as_str(), c.location.as_ref().unwrap().line))
            .collect();
        assert_eq!(
            got,
            [
                ("GET /contacts/{param1}/tasks", 1),
                ("GET /opportunities/search", 2),
                ("POST /contacts/", 3),
                ("? /users/{param1}", 7),
            ]
        );
        assert_eq!(calls[0].location.as_ref().unwrap().column, 28);

        let py = "r = requests.delete(f\"https://services.leadconnectorhq.com/contacts/{contact_id}\")\n\
                  return requests.get(\n    \"https://services.leadconnectorhq.com/opportunities/pipelines\",\n)\n";
        let got: Vec<_> = scan_text("a.py", py, HOST)
            .into_iter()
            .map(|c| c.text)
            .collect();
        assert_eq!(
            got,
            ["DELETE /contacts/{param1}", "GET /opportunities/pipelines"]
        );
        let php =
            "$r = $client->put(\"https://services.leadconnectorhq.com/contacts/{$id}\", $body);\n";
        assert_eq!(
            scan_text("a.php", php, HOST)[0].text,
            "PUT /contacts/{param1}"
        );
    }
}
