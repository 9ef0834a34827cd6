//! `scopewise diff`: what changed between the legacy (v1) scope table and the current one.

use clap::Args;
use scopewise::Catalog;
use serde_json::json;

use crate::outcome::Outcome;
use crate::output::{print, print_json};

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// Prints what changed between the legacy (v1) table and the current one.
pub fn run(args: &DiffArgs, catalog: &'static Catalog) -> Outcome {
    let c = &catalog.legacy().changes;
    if args.json {
        print_json(&json!({
            "scopes_added": c.scopes_added,
            "scopes_removed": c.scopes_removed,
            "endpoints_added": c.endpoints_added,
            "endpoints_removed": c.endpoints_removed,
            "endpoints_rescoped": c.endpoints_rescoped.iter().map(|r| json!({ "endpoint": r.item, "legacy": r.legacy, "current": r.current })).collect::<Vec<_>>(),
            "endpoints_access_changed": c.endpoints_access_changed.iter().map(|r| json!({ "endpoint": r.item, "legacy": r.legacy.iter().map(|a| a.as_str()).collect::<Vec<_>>(), "current": r.current.iter().map(|a| a.as_str()).collect::<Vec<_>>() })).collect::<Vec<_>>(),
            "webhooks_added": c.webhooks_added,
            "webhooks_removed": c.webhooks_removed,
            "webhooks_rescoped": c.webhooks_rescoped.iter().map(|r| json!({ "event": r.item, "legacy": r.legacy, "current": r.current })).collect::<Vec<_>>(),
        }));
        return Outcome::Ok;
    }
    let mut out = String::from("legacy (v1) → current\n");
    let list = |out: &mut String, title: &str, items: &[&str]| {
        out.push_str(&format!("\n{title} ({}):\n", items.len()));
        for i in items {
            out.push_str(&format!("  {i}\n"));
        }
    };
    list(&mut out, "scopes added", c.scopes_added);
    list(&mut out, "scopes removed", c.scopes_removed);
    out.push_str(&format!(
        "\nendpoints that moved to another scope ({}):\n",
        c.endpoints_rescoped.len()
    ));
    for r in c.endpoints_rescoped {
        out.push_str(&format!(
            "  {}: {} → {}\n",
            r.item,
            r.legacy.join(", "),
            r.current.join(", ")
        ));
    }
    out.push_str(&format!(
        "\nendpoints whose access changed ({}):\n",
        c.endpoints_access_changed.len()
    ));
    for r in c.endpoints_access_changed {
        out.push_str(&format!("  {}: {} → {}\n", r.item, r.legacy, r.current));
    }
    list(&mut out, "endpoints added", c.endpoints_added);
    list(&mut out, "endpoints removed", c.endpoints_removed);
    list(&mut out, "webhook events added", c.webhooks_added);
    list(&mut out, "webhook events removed", c.webhooks_removed);
    print(&out);
    Outcome::Ok
}
