//! `scopewise scopes`: the provider's scopes (HighLevel) or scope tokens (SFMC), or one explained.

use clap::Args;
use scopewise::Catalog;
use scopewise_cli::escape::escape;
use scopewise_cli::resolve;
use serde_json::json;

use crate::outcome::Outcome;
use crate::output::{print, print_json};

#[derive(Debug, Args)]
pub struct ScopesArgs {
    /// A scope to explain; without it, every scope is listed.
    name: Option<String>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// The token types in `access`, or `any token` where the catalog has no token types (an
/// empty set there does not mean that no token may use it).
fn access_text(catalog: &Catalog, access: scopewise::AccessSet) -> String {
    if catalog.token_types().is_empty() {
        "any token".to_owned()
    } else {
        access.to_string()
    }
}

/// Lists the catalog's scopes, or explains the one named.
pub fn run(args: &ScopesArgs, catalog: &'static Catalog) -> Outcome {
    let Some(name) = &args.name else {
        if args.json {
            let scopes: Vec<_> = catalog
                .scopes()
                .iter()
                .map(|s| json!({ "name": s.name(), "status": s.status().as_str(), "access": s.access().iter().map(|a| a.as_str()).collect::<Vec<_>>(), "endpoints": s.endpoints().len(), "webhooks": s.webhooks().len() }))
                .collect();
            print_json(
                &json!({ "provider": catalog.provider(), "dataset": catalog.fingerprint(), "scopes": scopes }),
            );
        } else {
            for s in catalog.scopes() {
                print(&format!(
                    "{:<48} {:<7} {:<20} {:>3} endpoints {:>2} webhooks\n",
                    s.name(),
                    s.status().as_str(),
                    access_text(catalog, s.access()),
                    s.endpoints().len(),
                    s.webhooks().len()
                ));
            }
        }
        return Outcome::Ok;
    };
    let Some(scope) = catalog.scope(name) else {
        let hint = resolve::suggest_scope(catalog, name).unwrap_or_default();
        print(&format!(
            "`{}` is not a {} scope. {}\n",
            escape(name),
            catalog.provider(),
            escape(&hint)
        ));
        return Outcome::Negative;
    };
    let moved: Vec<_> = catalog
        .legacy()
        .changes
        .endpoints_rescoped
        .iter()
        .filter(|r| r.legacy.contains(&scope.name()))
        .collect();
    if args.json {
        print_json(&json!({
            "name": scope.name(),
            "status": scope.status().as_str(),
            "access": scope.access().iter().map(|a| a.as_str()).collect::<Vec<_>>(),
            "endpoints": scope.endpoints().iter().map(|e| format!("{} {}", e.method().as_str(), e.template())).collect::<Vec<_>>(),
            "webhooks": scope.webhooks().iter().map(|w| w.event()).collect::<Vec<_>>(),
            "spellings": scope.spellings(),
            "no_longer_grants": moved.iter().map(|r| json!({ "endpoint": r.item, "now_granted_by": r.current })).collect::<Vec<_>>(),
        }));
        return Outcome::Ok;
    }
    let mut out = format!(
        "{}\n  status: {}\n  access: {}\n",
        scope.name(),
        scope.status().as_str(),
        access_text(catalog, scope.access())
    );
    if !scope.spellings().is_empty() {
        out.push_str(&format!(
            "  also written: {}\n",
            scope.spellings().join(", ")
        ));
    }
    out.push_str(&format!("  endpoints ({}):\n", scope.endpoints().len()));
    for e in scope.endpoints() {
        out.push_str(&format!("    {} {}\n", e.method().as_str(), e.template()));
    }
    if !scope.webhooks().is_empty() {
        out.push_str("  webhook events:\n");
        for w in scope.webhooks() {
            out.push_str(&format!("    {}\n", w.event()));
        }
    }
    for r in moved {
        out.push_str(&format!(
            "  no longer grants {} (it did in the legacy v1 table); now: {}\n",
            r.item,
            r.current.join(", ")
        ));
    }
    print(&out);
    Outcome::Ok
}

/// Lists a catalog's groups and scope tokens, or explains the token named.
pub fn run_groups(args: &ScopesArgs, catalog: &'static scopewise::sfmc::Catalog) -> Outcome {
    let token_json = |t: &scopewise::sfmc::Token| {
        json!({
            "token": t.name(),
            "status": t.status().as_str(),
            "group": t.group().map(|g| g.name()),
            "level": t.level().map(|l| l.as_str()),
            "reason": t.reason(),
        })
    };
    if let Some(name) = &args.name {
        let explained = catalog.explain_unknown(name);
        return match explained {
            scopewise::sfmc::UnknownToken::Known(t) => {
                if args.json {
                    print_json(&token_json(t));
                } else {
                    let mut out = format!("{}\n  status: {}\n", t.name(), t.status().as_str());
                    if let (Some(g), Some(l)) = (t.group(), t.level()) {
                        out.push_str(&format!("  group:  {} ({})\n", g.name(), l.as_str()));
                        if let Some(d) = g.description() {
                            out.push_str(&format!("  about:  {d}\n"));
                        }
                    }
                    if let Some(r) = t.reason() {
                        out.push_str(&format!("  why undocumented here: {r}\n"));
                    }
                    print(&out);
                }
                Outcome::Ok
            }
            other => {
                print(&format!("{}\n", escape(&other.to_string())));
                Outcome::Negative
            }
        };
    }
    if args.json {
        let groups: Vec<_> = catalog
            .groups()
            .iter()
            .map(|g| {
                json!({
                    "group": g.name(),
                    "prefix": g.prefix(),
                    "levels": g.levels().iter().map(|l| l.as_str()).collect::<Vec<_>>(),
                    "tokens": g.tokens().iter().map(|t| t.name()).collect::<Vec<_>>(),
                })
            })
            .collect();
        let tokens: Vec<_> = catalog.tokens().iter().map(token_json).collect();
        print_json(
            &json!({ "provider": catalog.provider(), "dataset": catalog.fingerprint(), "groups": groups, "tokens": tokens }),
        );
        return Outcome::Ok;
    }
    let mut out = String::new();
    for g in catalog.groups() {
        let tokens: Vec<&str> = g.tokens().iter().map(|t| t.name()).collect();
        out.push_str(&format!("{:<26} {}\n", g.name(), tokens.join(" ")));
    }
    let undocumented: Vec<&str> = catalog
        .tokens()
        .iter()
        .filter(|t| !t.is_documented())
        .map(|t| t.name())
        .collect();
    out.push_str(&format!(
        "\nreal but undocumented on the scope page: {}\n",
        undocumented.join(" ")
    ));
    print(&out);
    Outcome::Ok
}
