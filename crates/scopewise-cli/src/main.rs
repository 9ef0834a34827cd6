//! `scopewise`: which OAuth scope each API call needs, in CI and at the command line.
//!
//! Exit codes: 0 success (allowed, found, no error finding), 1 the answer is negative
//! (denied, not found, findings), 2 bad input (unreadable or invalid files, bad arguments).
//!
//! This file holds the global flags and the exit code; each subcommand is a module of
//! [`commands`].

mod commands;
mod endpoint_json;
mod outcome;
mod output;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use scopewise_cli::escape::escape;

use commands::Command;

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
    #[arg(long, global = true, value_parser = commands::provider_parser())]
    provider: Option<scopewise::Provider>,
    /// Check against your own OpenAPI 3.0/3.1 spec (JSON or YAML) instead of a bundled
    /// provider: its operations' OAuth scopes, on the host of its first server.
    #[arg(long, global = true, value_name = "FILE", conflicts_with = "provider")]
    spec: Option<std::path::PathBuf>,
    #[command(subcommand)]
    command: Command,
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
    if let Some(path) = &cli.spec {
        return match scopewise_cli::spec::load(path) {
            Ok(catalog) => commands::run_spec(cli.command, catalog),
            Err(message) => outcome::Outcome::BadInput(message),
        }
        .exit_code();
    }
    commands::run(cli.command, cli.provider).exit_code()
}
