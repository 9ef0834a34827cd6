//! `scopewise minimal`: the smallest scope set for a list of calls and webhook events.

use clap::Args;
use scopewise::Catalog;
use scopewise_cli::escape::escape;
use scopewise_cli::{calls, input, manifest};
use serde_json::json;

use crate::outcome::Outcome;
use crate::output::{print, print_json};

#[derive(Debug, Args)]
pub struct MinimalArgs {
    /// Calls as `"METHOD /path"` (templates or concrete paths).
    calls: Vec<String>,
    /// A file of calls, one per line (`#` starts a comment); a regular file of at most 1 MiB.
    #[arg(long, value_name = "FILE")]
    calls_file: Option<String>,
    /// A webhook event the app subscribes to (repeatable).
    #[arg(long = "webhook", value_name = "EVENT")]
    webhooks: Vec<String>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// Prints the smallest scope set for the calls and webhooks; exit 1 when some are unmatched.
pub fn run(args: &MinimalArgs, catalog: &'static Catalog) -> Outcome {
    let mut items: Vec<manifest::Located<String>> = args
        .calls
        .iter()
        .map(|c| manifest::Located {
            value: c.clone(),
            location: manifest::Location {
                file: "<arguments>".into(),
                line: 1,
                column: 1,
            },
        })
        .collect();
    if let Some(file) = &args.calls_file {
        let path = std::path::Path::new(file);
        match input::read_text(path, "calls file", input::MAX_CALLS_FILE_BYTES) {
            Ok(text) => items.extend(calls::read_calls_file(file, &text)),
            Err(e) => return Outcome::BadInput(e.message),
        }
    }
    let mut parsed = Vec::new();
    for call in calls::from_strings(&items) {
        match call {
            Ok(call) => parsed.push(call),
            Err((item, e)) => {
                let location = if item.location.file == "<arguments>" {
                    String::new()
                } else {
                    format!("{}: ", item.location)
                };
                return Outcome::BadInput(format!("{location}{}", e.0));
            }
        }
    }
    let calls = parsed
        .iter()
        .filter_map(|c| Some(scopewise::Call::Parts(c.method?, c.target.as_str())));
    let minimal = match catalog.minimal_scopes(calls, &args.webhooks) {
        Ok(m) => m,
        Err(e) => return Outcome::BadInput(e.to_string()),
    };
    let unmatched: Vec<String> = minimal
        .unmatched()
        .iter()
        .map(|u| escape(&u.call).into_owned())
        .chain(
            minimal
                .unknown_webhooks()
                .iter()
                .map(|w| format!("webhook {}", escape(w))),
        )
        .collect();
    if args.json {
        let explain: Vec<_> = minimal
            .explain()
            .iter()
            .map(|u| {
                json!({
                    "scope": u.scope.name(),
                    "calls": u.calls.iter().map(|c| escape(&c.call)).collect::<Vec<_>>(),
                    "webhooks": u.webhooks.iter().map(|w| w.event()).collect::<Vec<_>>(),
                })
            })
            .collect();
        print_json(&json!({
            "scopes": minimal.scopes().iter().map(|s| s.name()).collect::<Vec<_>>(),
            "scope_string": minimal.scope_string(),
            "unmatched": unmatched,
            "ungrantable": minimal.ungrantable().iter().map(|g| escape(g)).collect::<Vec<_>>(),
            "explain": explain,
        }));
    } else {
        let mut out = format!("{}\n", minimal.scope_string());
        for u in minimal.explain() {
            out.push_str(&format!("  {}\n", u.scope.name()));
            for c in &u.calls {
                out.push_str(&format!(
                    "    {} ({} {})\n",
                    escape(&c.call),
                    c.endpoint.method().as_str(),
                    c.endpoint.template()
                ));
            }
            for w in &u.webhooks {
                out.push_str(&format!("    webhook {}\n", w.event()));
            }
        }
        for u in minimal.unmatched() {
            out.push_str(&format!(
                "unmatched: {}: {}\n",
                escape(&u.call),
                escape(&u.reason)
            ));
        }
        for w in minimal.unknown_webhooks() {
            out.push_str(&format!(
                "unmatched: webhook {}: not a {} webhook event\n",
                escape(w),
                catalog.provider()
            ));
        }
        for g in minimal.ungrantable() {
            out.push_str(&format!(
                "no scope grants: {} (its scope is undocumented)\n",
                escape(g)
            ));
        }
        print(&out);
    }
    if minimal.is_complete() {
        Outcome::Ok
    } else {
        Outcome::Negative
    }
}
