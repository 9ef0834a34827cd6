//! `scopewise lookup`: one endpoint, by template or concrete path, in words or as JSON.

use clap::Args;
use scopewise::{Catalog, Method};
use scopewise_cli::escape::escape;
use scopewise_cli::resolve;
use serde_json::json;

use crate::endpoint_json::endpoint_json;
use crate::outcome::Outcome;
use crate::output::{print, print_json};

#[derive(Debug, Args)]
pub struct LookupArgs {
    /// HTTP method (any case).
    method: String,
    /// A template (`/contacts/{contactId}`), a concrete path or a full URL.
    target: String,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// What the endpoint needs, in words, when it lists no scope.
fn scopes_text(e: &scopewise::Endpoint) -> String {
    match e.auth() {
        scopewise::Auth::None => {
            "none needed (the OpenAPI spec declares no security: no token, no scope)".to_owned()
        }
        scopewise::Auth::Token => {
            "not stated (a token is required; no source names a scope)".to_owned()
        }
        scopewise::Auth::Scopes if e.scopes().is_empty() => {
            "undocumented (only the API reference lists this endpoint, and names no scope)"
                .to_owned()
        }
        scopewise::Auth::Scopes => e
            .scopes()
            .iter()
            .map(|s| s.name())
            .collect::<Vec<_>>()
            .join(" | "),
    }
}

/// The text answer for `e`, an endpoint of `catalog`; the token types it allows are shown
/// where the catalog has token types.
fn endpoint_text(catalog: &Catalog, e: &scopewise::Endpoint) -> String {
    let webhooks: Vec<&str> = e.webhooks().iter().map(|w| w.event()).collect();
    let mut out = format!("{} {}\n", e.method().as_str(), e.template());
    if let Some(title) = e.title() {
        out.push_str(&format!("  title:    {title}\n"));
    }
    out.push_str(&format!("  scopes:   {}\n", scopes_text(e)));
    if !catalog.token_types().is_empty() {
        out.push_str(&format!("  access:   {}\n", e.access()));
    }
    if e.reference_line().is_some() {
        out.push_str(&format!(
            "  tokens:   OAuth {}; Private Integration Token {}\n  version:  {}\n",
            if e.oauth_access().is_empty() {
                "(not stated)".to_owned()
            } else {
                e.oauth_access().to_string()
            },
            if e.private_integration() {
                e.private_integration_access().to_string()
            } else {
                "not accepted".to_owned()
            },
            e.version().unwrap_or("(not stated)")
        ));
    }
    if !e.versions().is_empty() {
        out.push_str(&format!(
            "  versions: {}{}\n",
            e.versions().join(", "),
            if e.v3_only() { " (only under v3)" } else { "" }
        ));
    }
    if e.deprecated() {
        out.push_str(&format!(
            "  deprecated{}\n",
            e.replacement()
                .map(|r| format!(": use {r}"))
                .unwrap_or_default()
        ));
    }
    out.push_str(&format!(
        "  webhooks: {}\n",
        if webhooks.is_empty() {
            "(none)".to_owned()
        } else {
            webhooks.join(", ")
        }
    ));
    out.push_str("  sources:\n");
    for p in e.provenance() {
        out.push_str(&format!(
            "    {}:{}{}\n",
            p.source,
            p.line,
            if p.scope.is_empty() {
                String::new()
            } else {
                format!(" ({})", p.scope)
            }
        ));
    }
    out
}

/// Prints the endpoint the method and target resolve to, or the nearest ones (exit 1).
pub fn run(args: &LookupArgs, catalog: &'static Catalog) -> Outcome {
    let method = match Method::parse(&args.method) {
        Ok(m) => m,
        Err(e) => return Outcome::BadInput(e.to_string()),
    };
    match resolve::resolve(catalog, method, &args.target) {
        resolve::Resolution::Endpoint(e) => {
            if args.json {
                print_json(&endpoint_json(e));
            } else {
                print(&endpoint_text(catalog, e));
            }
            Outcome::Ok
        }
        resolve::Resolution::Unknown { suggestions } => {
            if args.json {
                print_json(&json!({ "error": "unknown-endpoint", "nearest": suggestions }));
            } else {
                print(&format!(
                    "no {} endpoint matches `{} {}`\n",
                    catalog.provider(),
                    method.as_str(),
                    escape(&args.target)
                ));
                for s in &suggestions {
                    print(&format!("  did you mean: {s}\n"));
                }
            }
            Outcome::Negative
        }
        resolve::Resolution::Invalid(reason) => Outcome::BadInput(reason),
    }
}
