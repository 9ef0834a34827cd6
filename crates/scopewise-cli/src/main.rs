//! `scopewise`: which OAuth scope each API call needs, in CI and at the command line.
//!
//! Exit codes: 0 success (allowed, found, no error finding), 1 the answer is negative
//! (denied, not found, findings), 2 bad input (unreadable or invalid files, bad arguments).

use scopewise_cli::escape::escape;
use scopewise_cli::{calls, input, lint, manifest, render, resolve, sfmc_lint};
use std::io::Write;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use scopewise::{Catalog, Method};
use serde_json::json;

#[derive(Debug, Parser)]
#[command(
    name = "scopewise",
    version,
    about = "Which OAuth scope each API call needs: lint an app's scopes, pre-check requests, compute minimal scope sets."
)]
#[command(
    after_help = "Exit codes: 0 ok, 1 negative answer (findings, denied, not found), 2 bad input.\nThe dataset the binary was built with: `scopewise scopes --json | jq .dataset`."
)]
struct Cli {
    /// The API provider (for `lint`, the manifest's `provider:` decides; this must agree).
    #[arg(long, global = true, value_enum)]
    provider: Option<Provider>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Lint an app manifest (scopewise.yaml): unknown, missing, unused, legacy and wrong-token-type scopes.
    Lint(LintArgs),
    /// Pre-check a request against a token's granted scopes and type, as an SDK would before sending it.
    Check(CheckArgs),
    /// Look an endpoint up by template or concrete path/URL: its scopes, access and webhook events.
    Lookup(LookupArgs),
    /// The smallest scope set that grants the given calls and webhook events.
    Minimal(MinimalArgs),
    /// List the provider's scopes, or explain one.
    Scopes(ScopesArgs),
    /// What changed between the legacy (v1) scope table and the current one.
    Diff(DiffArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Provider {
    Highlevel,
    Sfmc,
}

impl Provider {
    fn runtime(self) -> scopewise::Provider {
        match self {
            Provider::Highlevel => scopewise::Provider::HighLevel,
            Provider::Sfmc => scopewise::Provider::Sfmc,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
    Sarif,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Deny {
    Warnings,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Files are read only if they are regular files (not FIFOs, devices or directories) within these sizes: the manifest 1 MiB, a HAR capture 256 MiB (read as a stream), a scanned source file 16 MiB (a larger one is skipped with a note). Every source file the scan skips gets a note on stderr, and in the JSON and SARIF output."
)]
struct LintArgs {
    /// The manifest (a regular file of at most 1 MiB).
    #[arg(default_value = "scopewise.yaml")]
    manifest: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Also fail (exit 1) on warnings.
    #[arg(long, value_enum)]
    deny: Option<Deny>,
    /// Also lint the API calls recorded in a HAR capture (requests to other hosts are ignored); at most 256 MiB.
    #[arg(long, value_name = "FILE")]
    har: Vec<String>,
    /// Also lint the API URLs found in the JS/TS/Python/PHP/Rust/Go files under DIR.
    #[arg(long, value_name = "DIR")]
    scan: Vec<String>,
}

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
struct CheckArgs {
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

#[derive(Debug, Args)]
struct LookupArgs {
    /// HTTP method (any case).
    method: String,
    /// A template (`/contacts/{contactId}`), a concrete path or a full URL.
    target: String,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
struct MinimalArgs {
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

#[derive(Debug, Args)]
struct ScopesArgs {
    /// A scope to explain; without it, every scope is listed.
    name: Option<String>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
struct DiffArgs {
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// The command's outcome: the exit code, decided once.
enum Outcome {
    Ok,
    Negative,
    BadInput(String),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // --help and --version: nothing of the arguments is echoed.
        Err(e) if !e.use_stderr() => e.exit(),
        // A usage error quotes the offending argument: escaped like any other input copied
        // to the output (line by line: the message's own line breaks stay), without style.
        Err(e) => {
            let text = e.render().to_string();
            let lines: Vec<_> = text.split('\n').map(escape).collect();
            let _ = write!(anstream::stderr(), "{}", lines.join("\n"));
            return ExitCode::from(2);
        }
    };
    let provider = cli.provider.unwrap_or(Provider::Highlevel);
    let outcome = match (cli.command, provider) {
        (Command::Lint(args), _) => run_lint(&args, cli.provider),
        (Command::Scopes(args), Provider::Sfmc) => run_sfmc_scopes(&args),
        (Command::Scopes(args), Provider::Highlevel) => run_scopes(&args, catalog()),
        (Command::Check(args), Provider::Highlevel) => run_check(&args, catalog()),
        (Command::Lookup(args), Provider::Highlevel) => run_lookup(&args, catalog()),
        (Command::Minimal(args), Provider::Highlevel) => run_minimal(&args, catalog()),
        (Command::Diff(args), Provider::Highlevel) => run_diff(&args, catalog()),
        (command, Provider::Sfmc) => Outcome::BadInput(format!(
            "`{}` needs an endpoint catalog; sfmc has scope tokens and SOAP objects, no REST endpoint map (use `scopes` or `lint`)",
            command_name(&command)
        )),
    };
    match outcome {
        Outcome::Ok => ExitCode::SUCCESS,
        Outcome::Negative => ExitCode::from(1),
        Outcome::BadInput(message) => {
            let style = anstyle::AnsiColor::Red.on_default().bold();
            let message = escape(&message);
            let _ = writeln!(anstream::stderr(), "{style}error{style:#}: {message}");
            ExitCode::from(2)
        }
    }
}

fn catalog() -> &'static Catalog {
    &scopewise::highlevel::CATALOG
}

fn command_name(command: &Command) -> &'static str {
    match command {
        Command::Lint(_) => "lint",
        Command::Check(_) => "check",
        Command::Lookup(_) => "lookup",
        Command::Minimal(_) => "minimal",
        Command::Scopes(_) => "scopes",
        Command::Diff(_) => "diff",
    }
}

fn print(text: &str) {
    let _ = write!(anstream::stdout(), "{text}");
}

fn print_json(value: &serde_json::Value) {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    print(&format!("{text}\n"));
}

fn run_lint(args: &LintArgs, provider: Option<Provider>) -> Outcome {
    let path = std::path::Path::new(&args.manifest);
    let text = match input::read_text(path, "manifest", input::MAX_MANIFEST_BYTES) {
        Ok(t) => t,
        Err(e) => return Outcome::BadInput(e.message),
    };
    // As the manifest parser reads it (and as an editor shows it): without a byte-order mark.
    let text = match text.strip_prefix(manifest::BOM) {
        Some(rest) => rest.to_owned(),
        None => text,
    };
    let manifest = match manifest::parse(&args.manifest, &text) {
        Ok(m) => m,
        Err(e) => return Outcome::BadInput(e.to_string()),
    };
    if let Some(p) = provider.filter(|p| p.runtime() != manifest.provider.value) {
        return Outcome::BadInput(format!(
            "{}: the manifest is for `{}`, but --provider {} was given",
            manifest.provider.location,
            manifest.provider.value,
            p.runtime()
        ));
    }
    if manifest.provider.value == scopewise::Provider::Sfmc {
        if !args.har.is_empty() || !args.scan.is_empty() {
            return Outcome::BadInput(
                "--har and --scan find REST calls; they do not apply to provider `sfmc`".into(),
            );
        }
        let report = sfmc_lint::lint(&scopewise::sfmc::CATALOG, &manifest);
        let subject = render::Subject {
            manifest: &args.manifest,
            provider: "sfmc",
            dataset: scopewise::sfmc::CATALOG.fingerprint(),
            access: "",
            scopes_from: "scopes",
            notes: &[],
        };
        return finish_lint(args, &report, &subject, &text, &[]);
    }
    let Some(access) = manifest.access.clone() else {
        return Outcome::BadInput(format!("{}: missing field `access`", args.manifest));
    };
    let catalog = catalog();
    let mut extra = lint::ExtraCalls::default();
    // Notes printed with a text report (what each reader found), and notes about files
    // skipped, which always go to stderr; both are in the JSON and SARIF output.
    let mut notes = Vec::new();
    let mut skipped = Vec::new();
    for har in &args.har {
        match calls::read_har_file(std::path::Path::new(har), catalog.api_host()) {
            Ok(found) => {
                notes.push(format!(
                    "{har}: {} API {} ({} {} to other hosts ignored)",
                    found.calls.len(),
                    if found.calls.len() == 1 {
                        "call"
                    } else {
                        "calls"
                    },
                    found.other_hosts,
                    if found.other_hosts == 1 {
                        "request"
                    } else {
                        "requests"
                    }
                ));
                extra.calls.extend(found.calls);
            }
            Err(e) => return Outcome::BadInput(e),
        }
    }
    for dir in &args.scan {
        match calls::scan(std::path::Path::new(dir), catalog.api_host()) {
            Ok(found) => {
                let mut note = format!(
                    "{dir}: {} API {} in {} source {}",
                    found.calls.len(),
                    if found.calls.len() == 1 {
                        "call"
                    } else {
                        "calls"
                    },
                    found.files,
                    if found.files == 1 { "file" } else { "files" }
                );
                if !found.skipped.is_empty() {
                    note.push_str(&format!(
                        "; {} skipped ({} unreadable)",
                        found.skipped.len(),
                        found.unreadable
                    ));
                }
                notes.push(note);
                skipped.extend(found.skipped);
                extra.calls.extend(found.calls);
            }
            Err(e) => return Outcome::BadInput(e),
        }
    }
    for note in &skipped {
        let _ = writeln!(anstream::stderr(), "note: {}", escape(note));
    }
    let all_notes: Vec<String> = notes.iter().chain(&skipped).cloned().collect();

    let report = lint::lint(catalog, &manifest, access.value, &extra);
    let subject = render::Subject {
        manifest: &args.manifest,
        provider: catalog.provider(),
        dataset: catalog.fingerprint(),
        access: access.value.as_str(),
        scopes_from: match manifest.scopes_from {
            manifest::ScopesFrom::Field => "scopes",
            manifest::ScopesFrom::InstallUrl => "install_url",
        },
        notes: &all_notes,
    };
    finish_lint(args, &report, &subject, &text, &notes)
}

/// Prints a lint report in the chosen format and decides the exit code.
fn finish_lint(
    args: &LintArgs,
    report: &lint::Report,
    subject: &render::Subject<'_>,
    text: &str,
    notes: &[String],
) -> Outcome {
    match args.format {
        Format::Text => {
            let mut sources = render::SourceCache::default();
            sources.insert(&args.manifest, text.to_owned());
            for note in notes {
                print(&format!("note: {}\n", escape(note)));
            }
            print(&render::text(report, subject, &mut sources));
        }
        Format::Json => print_json(&render::json(report, subject)),
        Format::Sarif => print_json(&render::sarif(report, subject)),
    }
    let errors = report.count(lint::Severity::Error);
    let warnings = report.count(lint::Severity::Warning);
    if errors > 0 || (args.deny == Some(Deny::Warnings) && warnings > 0) {
        Outcome::Negative
    } else {
        Outcome::Ok
    }
}

fn access_list(set: scopewise::AccessSet) -> Vec<&'static str> {
    set.iter().map(|a| a.as_str()).collect()
}

fn endpoint_json(e: &scopewise::Endpoint) -> serde_json::Value {
    json!({
        "method": e.method().as_str(),
        "template": e.template(),
        "scopes": e.scopes().iter().map(|s| s.name()).collect::<Vec<_>>(),
        "scope_documented": e.scope_documented(),
        "access": access_list(e.access()),
        "webhooks": e.webhooks().iter().map(|w| w.event()).collect::<Vec<_>>(),
        "title": e.title(),
        "version": e.version(),
        "oauth_access": access_list(e.oauth_access()),
        "private_integration": access_list(e.private_integration_access()),
        "auth": e.auth().as_str(),
        "versions": e.versions(),
        "v3_only": e.v3_only(),
        "deprecated": e.deprecated(),
        "replacement": e.replacement(),
        "sources": e.provenance().iter().map(|p| json!({
            "source": p.source,
            "line": p.line,
            "scope": (!p.scope.is_empty()).then_some(p.scope),
        })).collect::<Vec<_>>(),
    })
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

fn endpoint_text(e: &scopewise::Endpoint) -> String {
    let webhooks: Vec<&str> = e.webhooks().iter().map(|w| w.event()).collect();
    let mut out = format!("{} {}\n", e.method().as_str(), e.template());
    if let Some(title) = e.title() {
        out.push_str(&format!("  title:    {title}\n"));
    }
    out.push_str(&format!(
        "  scopes:   {}\n  access:   {}\n",
        scopes_text(e),
        e.access()
    ));
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

fn run_lookup(args: &LookupArgs, catalog: &'static Catalog) -> Outcome {
    let method = match Method::parse(&args.method) {
        Ok(m) => m,
        Err(e) => return Outcome::BadInput(e.to_string()),
    };
    match resolve::resolve(catalog, method, &args.target) {
        resolve::Resolution::Endpoint(e) => {
            if args.json {
                print_json(&endpoint_json(e));
            } else {
                print(&endpoint_text(e));
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

fn run_minimal(args: &MinimalArgs, catalog: &'static Catalog) -> Outcome {
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

fn run_check(args: &CheckArgs, catalog: &'static Catalog) -> Outcome {
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

fn run_scopes(args: &ScopesArgs, catalog: &'static Catalog) -> Outcome {
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
                    s.access().to_string(),
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
        scope.access()
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

fn run_sfmc_scopes(args: &ScopesArgs) -> Outcome {
    let catalog = &scopewise::sfmc::CATALOG;
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
            &json!({ "provider": "sfmc", "dataset": catalog.fingerprint(), "groups": groups, "tokens": tokens }),
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

fn run_diff(args: &DiffArgs, catalog: &'static Catalog) -> Outcome {
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

#[cfg(test)]
mod tests {
    use clap::CommandFactory;
    use scopewise_cli::input::{MAX_HAR_BYTES, MAX_MANIFEST_BYTES, MAX_SOURCE_BYTES, human_size};

    #[test]
    fn the_help_states_the_caps_the_readers_enforce() {
        let mut cli = super::Cli::command();
        let help = cli
            .find_subcommand_mut("lint")
            .expect("a lint command")
            .render_long_help()
            .to_string();
        for (what, cap) in [
            ("the manifest", MAX_MANIFEST_BYTES),
            ("a HAR capture", MAX_HAR_BYTES),
            ("a scanned source file", MAX_SOURCE_BYTES),
        ] {
            let stated = format!("{what} {}", human_size(cap));
            assert!(help.contains(&stated), "`{stated}` in\n{help}");
        }
    }
}
