//! The subcommands, one module each (its clap arguments and its `run`), and the one place
//! that picks a command's implementation for a provider.

pub mod check;
pub mod diff;
pub mod lint;
pub mod lookup;
pub mod minimal;
pub mod scopes;

use clap::Subcommand;
use clap::builder::TypedValueParser;
use scopewise::{Provider, ProviderCatalog};

use crate::outcome::Outcome;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint an app manifest (scopewise.yaml): unknown, missing, unused, legacy and wrong-token-type scopes.
    Lint(lint::LintArgs),
    /// Pre-check a request against a token's granted scopes and type, as an SDK would before sending it.
    Check(check::CheckArgs),
    /// Look an endpoint up by template or concrete path/URL: its scopes, access and webhook events.
    Lookup(lookup::LookupArgs),
    /// The smallest scope set that grants the given calls and webhook events.
    Minimal(minimal::MinimalArgs),
    /// List the provider's scopes, or explain one.
    Scopes(scopes::ScopesArgs),
    /// What changed between the legacy (v1) scope table and the current one.
    Diff(diff::DiffArgs),
}

/// `--provider`: parsed by the runtime, with the runtime's list as the possible values.
pub fn provider_parser() -> impl TypedValueParser<Value = Provider> {
    clap::builder::PossibleValuesParser::new(Provider::ALL.map(Provider::name))
        .try_map(|name| name.parse::<Provider>())
}

/// Runs `command` for the provider given with `--provider` (the default provider when none
/// was), by what the provider's catalog holds: the one place that decides which commands a
/// kind of catalog answers.
pub fn run(command: Command, provider: Option<Provider>) -> Outcome {
    let chosen = provider.unwrap_or_default();
    match (command, chosen.catalog()) {
        // The manifest names its provider; `--provider`, when given, must agree.
        (Command::Lint(args), _) => lint::run(&args, provider, None),
        (Command::Scopes(args), ProviderCatalog::Groups(c)) => scopes::run_groups(&args, c),
        (Command::Scopes(args), ProviderCatalog::Endpoints(c)) => scopes::run(&args, c),
        (Command::Check(args), ProviderCatalog::Endpoints(c)) => check::run(&args, c),
        (Command::Lookup(args), ProviderCatalog::Endpoints(c)) => lookup::run(&args, c),
        (Command::Minimal(args), ProviderCatalog::Endpoints(c)) => minimal::run(&args, c),
        (Command::Diff(args), ProviderCatalog::Endpoints(c)) => diff::run(&args, c),
        (command, ProviderCatalog::Groups(_)) => Outcome::BadInput(format!(
            "`{}` needs an endpoint catalog; {chosen} has {}, no REST endpoint map (use `scopes` or `lint`)",
            command_name(&command),
            chosen.capability().noun(),
        )),
    }
}

/// Runs `command` against a catalog built from a user's spec (`--spec FILE`).
pub fn run_spec(command: Command, catalog: &'static scopewise::Catalog) -> Outcome {
    match command {
        Command::Scopes(args) => scopes::run(&args, catalog),
        Command::Check(args) => check::run(&args, catalog),
        Command::Lookup(args) => lookup::run(&args, catalog),
        Command::Minimal(args) => minimal::run(&args, catalog),
        Command::Diff(args) => diff::run(&args, catalog),
        Command::Lint(args) => lint::run(&args, None, Some(catalog)),
    }
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
