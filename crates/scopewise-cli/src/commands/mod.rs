//! The subcommands, one module each (its clap arguments and its `run`), and the one place
//! that picks a command's implementation for a provider.

pub mod check;
pub mod diff;
pub mod lint;
pub mod lookup;
pub mod minimal;
pub mod scopes;

use clap::{Subcommand, ValueEnum};
use scopewise::Catalog;

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Provider {
    Highlevel,
    Sfmc,
}

impl Provider {
    pub fn runtime(self) -> scopewise::Provider {
        match self {
            Provider::Highlevel => scopewise::Provider::HighLevel,
            Provider::Sfmc => scopewise::Provider::Sfmc,
        }
    }
}

/// Runs `command` for the provider given with `--provider` (HighLevel when none was).
pub fn run(command: Command, provider: Option<Provider>) -> Outcome {
    match (command, provider.unwrap_or(Provider::Highlevel)) {
        (Command::Lint(args), _) => lint::run(&args, provider),
        (Command::Scopes(args), Provider::Sfmc) => scopes::run_sfmc(&args),
        (Command::Scopes(args), Provider::Highlevel) => scopes::run(&args, catalog()),
        (Command::Check(args), Provider::Highlevel) => check::run(&args, catalog()),
        (Command::Lookup(args), Provider::Highlevel) => lookup::run(&args, catalog()),
        (Command::Minimal(args), Provider::Highlevel) => minimal::run(&args, catalog()),
        (Command::Diff(args), Provider::Highlevel) => diff::run(&args, catalog()),
        (command, Provider::Sfmc) => Outcome::BadInput(format!(
            "`{}` needs an endpoint catalog; sfmc has scope tokens and SOAP objects, no REST endpoint map (use `scopes` or `lint`)",
            command_name(&command)
        )),
    }
}

/// The endpoint catalog of HighLevel, the provider with REST endpoints.
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
