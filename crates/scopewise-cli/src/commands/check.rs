//! `scopewise check`: the pre-check of one request against a token's scopes and type.

use clap::{Args, ValueEnum};
use scopewise::Catalog;
use scopewise_cli::escape::escape;
use serde_json::json;

use crate::endpoint_json::{access_list, endpoint_json};
use crate::outcome::Outcome;
use crate::output::{print, print_json};

#[derive(Debug, Clone, Copy, ValueEnum)]
enum TokenType {
    SubAccount,
    Agency,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum TokenKindArg {
    Oauth,
    PrivateIntegration,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The token's granted scopes: the space-separated `scope` string of the token response.
    #[arg(long)]
    scopes: String,
    /// The token's type.
    #[arg(long, value_enum, default_value_t = TokenType::SubAccount)]
    token: TokenType,
    /// Also check that the endpoint accepts this kind of token (per the API reference).
    #[arg(long, value_enum)]
    token_kind: Option<TokenKindArg>,
    /// Also check the `Version` header the request will send (per the API reference).
    #[arg(long, value_name = "VERSION")]
    version_header: Option<String>,
    /// Treat `%2F` and `%5C` in the path as data inside their segment instead of refusing
    /// them. Only when every server that routes the request keeps them encoded: a gateway
    /// that decodes them before routing would serve another endpoint (see SECURITY.md).
    #[arg(long)]
    allow_encoded_slashes: bool,
    /// HTTP method (any case).
    method: String,
    /// A concrete path (`/contacts/abc123?locationId=x`) or a full URL on the API host.
    target: String,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// Pre-checks the request against the token's scopes and type: 0 allowed, 1 denied.
pub fn run(args: &CheckArgs, catalog: &'static Catalog) -> Outcome {
    let token = match args.token {
        TokenType::SubAccount => scopewise::Access::SubAccount,
        TokenType::Agency => scopewise::Access::Agency,
    };
    let granted = scopewise::GrantedScopes::parse(catalog, &args.scopes);
    let options = scopewise::PrecheckOptions {
        token_kind: args.token_kind.map(|k| match k {
            TokenKindArg::Oauth => scopewise::TokenKind::OAuth,
            TokenKindArg::PrivateIntegration => scopewise::TokenKind::PrivateIntegration,
        }),
        version: args.version_header.as_deref(),
        encoded_slashes: match args.allow_encoded_slashes {
            true => scopewise::EncodedSlashes::Data,
            false => scopewise::EncodedSlashes::Reject,
        },
    };
    let verdict = catalog.precheck_with(&granted, token, &args.method, &args.target, &options);
    use scopewise::Denial;
    let reason = verdict.as_ref().err().map(Denial::code);
    let needs: Vec<&str> = match &verdict {
        Err(Denial::MissingScope { needs_any_of, .. }) => {
            needs_any_of.iter().map(|s| s.name()).collect()
        }
        _ => Vec::new(),
    };
    if args.json {
        let mut doc = json!({ "allowed": verdict.is_ok() });
        match &verdict {
            Ok(e) => doc["endpoint"] = endpoint_json(e),
            Err(denial) => {
                doc["reason"] = json!(reason);
                doc["message"] = json!(escape(&denial.to_string()));
                doc["needs_any_of"] = json!(needs);
                if let Denial::UnknownEndpoint { .. } = denial {
                    doc["nearest"] = json!(
                        denial
                            .nearest()
                            .iter()
                            .map(|e| format!("{} {}", e.method().as_str(), e.template()))
                            .collect::<Vec<_>>()
                    );
                }
                if let Denial::WrongTokenType { allowed, .. } = denial {
                    doc["allowed_tokens"] = json!(access_list(*allowed));
                }
            }
        }
        print_json(&doc);
    } else {
        match &verdict {
            Ok(e) if e.needs_no_scope() => print(&format!(
                "allowed: {} {} ({})\n",
                e.method().as_str(),
                e.template(),
                if e.auth() == scopewise::Auth::None {
                    "no token and no scope needed"
                } else {
                    "a token of this type; no source states a scope"
                }
            )),
            Ok(e) => print(&format!(
                "allowed: {} {} (granted by {})\n",
                e.method().as_str(),
                e.template(),
                e.scopes()
                    .iter()
                    .map(|s| s.name())
                    .filter(|n| granted.scopes().iter().any(|g| g.name() == *n))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            Err(denial) => print(&format!(
                "denied ({}): {}\n",
                reason.unwrap_or("denied"),
                escape(&denial.to_string())
            )),
        }
        if !granted.unknown().is_empty() {
            print(&format!(
                "note: the token's scope string has names the {} catalog does not know: {}\n",
                catalog.provider(),
                escape(&granted.unknown().join(", "))
            ));
        }
    }
    if verdict.is_ok() {
        Outcome::Ok
    } else {
        Outcome::Negative
    }
}
