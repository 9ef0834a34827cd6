//! Request lines: which lines open an endpoint page, and how their URL is cleaned.
//!
//! A request line is `METHOD <url>` where `METHOD` is one of the dataset's methods, exactly
//! upper-case, and `<url>` is a single whitespace-free token that starts (after any `` ` ``,
//! `<` or `*`) with `http`, `/` or `...` and contains a `/`. Lines with a tab are never request
//! lines: they are rows of the scope table the dump embeds. This rejects every sidebar entry,
//! including the two that start with a method (`GET all or email/sms templates GET`,
//! `DELETE an email/sms tem... DELETE`), and the `GEThttps://domain.com/me` example of the
//! external-authentication guide.

use scopewise_model::dataset::HttpMethod;
use scopewise_model::template::Template;

use super::{API_BASE_URL, API_HOST, Fix, PagePath};

/// A line that opens an endpoint page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestLine<'a> {
    /// The method.
    pub method: HttpMethod,
    /// The URL token as written.
    pub url: &'a str,
}

/// Reads `line` as a request line; `None` when it is anything else.
///
/// ```
/// use xtask::reference::request::request_line;
///
/// assert!(request_line("POST ...rvices.leadconnectorhq.com/conversations/messages/outbound").is_some());
/// assert!(request_line("GET all or email/sms templates GET").is_none());
/// ```
pub fn request_line(line: &str) -> Option<RequestLine<'_>> {
    if line.contains('\t') {
        return None;
    }
    let (method, url) = line.trim().split_once(' ')?;
    let method = HttpMethod::parse(method)?;
    let url = url.trim();
    if url.is_empty() || url.contains(char::is_whitespace) || !url.contains('/') {
        return None;
    }
    let bare = url.trim_start_matches(['`', '<', '*']);
    if !(bare.starts_with("http") || bare.starts_with('/') || bare.starts_with("...")) {
        return None;
    }
    Some(RequestLine { method, url })
}

/// What a request line's URL says once its noise is removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CleanUrl {
    /// The host as seen, if any is visible.
    pub host: Option<String>,
    /// The path, or the visible tail when the path itself is cut off.
    pub path: PagePath,
    /// The corrections applied, in order.
    pub fixes: Vec<Fix>,
}

/// Removes the capture's noise from a request line's URL, recording each correction.
pub(crate) fn clean_url(raw: &str) -> CleanUrl {
    let mut fixes = Vec::new();
    let mut s = raw.to_owned();
    if let Some(inner) = s
        .strip_prefix('`')
        .and_then(|r| r.strip_suffix('`'))
        .map(str::to_owned)
    {
        fixes.push(Fix::Backticks { raw: s.clone() });
        s = inner;
    }
    if let Some(inner) = s
        .strip_prefix('<')
        .and_then(|r| r.strip_suffix('>'))
        .map(str::to_owned)
    {
        fixes.push(Fix::AngleBrackets { raw: s.clone() });
        s = inner;
    }
    if s.contains("**") {
        fixes.push(Fix::Bold { raw: s.clone() });
        s = s.replace("**", "");
    }
    if let Some(inner) = s.strip_prefix("/http").map(|r| format!("http{r}")) {
        fixes.push(Fix::StrayLeadingSlash { raw: s.clone() });
        s = inner;
    }

    let (host, path_text) = if let Some(visible) = s.strip_prefix("...") {
        match split_cut_host(visible) {
            Some((fragment, path)) => {
                let visible_host = fragment.rsplit('/').next().unwrap_or(fragment).to_owned();
                fixes.push(Fix::HostCutOff {
                    visible_host: visible_host.clone(),
                });
                if !API_BASE_URL.ends_with(fragment) {
                    fixes.push(Fix::MisspelledHost {
                        seen: visible_host.clone(),
                    });
                }
                (Some(visible_host), path.to_owned())
            }
            None => {
                return CleanUrl {
                    host: None,
                    path: PagePath::Truncated {
                        visible_tail: visible.to_owned(),
                    },
                    fixes,
                };
            }
        }
    } else if let Some(after) = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
    {
        let (host, path) = match after.find('/') {
            Some(i) => (&after[..i], &after[i..]),
            None => (after, "/"),
        };
        if host != API_HOST {
            fixes.push(Fix::MisspelledHost { seen: host.into() });
        }
        (Some(host.to_owned()), path.to_owned())
    } else {
        (None, s.clone())
    };

    let path = match Template::parse(&path_text) {
        Ok(t) => PagePath::Exact {
            path: t.to_string(),
        },
        Err(e) => PagePath::Invalid {
            text: path_text,
            error: e.to_string(),
        },
    };
    CleanUrl { host, path, fixes }
}

/// Splits the visible part of a `...`-cut URL into host fragment and path when the host's end
/// (`.com/`) is visible: `rvices.leadconnectorhq.com/a/b` → (`rvices.leadconnectorhq.com`,
/// `/a/b`). No path of this API contains `.com`, so the first `.com/` ends the host.
fn split_cut_host(visible: &str) -> Option<(&str, &str)> {
    let end = visible.find(".com/")? + ".com".len();
    let fragment = &visible[..end];
    let host_like = fragment
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '/'));
    host_like.then(|| (fragment, &visible[end..]))
}
