//! `scopewise lint`: the findings of an app manifest, with the calls of HAR captures and
//! source trees, as text, JSON or SARIF.

use std::io::Write;

use clap::{Args, ValueEnum};
use scopewise_cli::escape::escape;
use scopewise_cli::{calls, input, lint, manifest, render, sfmc_lint};

use crate::outcome::Outcome;
use crate::output::{print, print_json};
use scopewise::{Catalog, Provider, ProviderCatalog};

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
pub struct LintArgs {
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

/// Lints the manifest (and the calls of its HAR captures and source trees) for the
/// manifest's provider, which `--provider`, when given, must match, or against an OpenAPI
/// spec: the manifest's `spec:` (relative to the manifest) or `--spec` (`spec_catalog`).
pub fn run(
    args: &LintArgs,
    provider: Option<Provider>,
    spec_catalog: Option<&'static Catalog>,
) -> Outcome {
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
    let parsed = match spec_catalog {
        Some(_) => manifest::parse_for_spec(&args.manifest, &text),
        None => manifest::parse(&args.manifest, &text),
    };
    let manifest = match parsed {
        Ok(m) => m,
        Err(e) => return Outcome::BadInput(e.to_string()),
    };
    if let Some(spec) = &manifest.spec {
        if spec_catalog.is_some() || provider.is_some() {
            return Outcome::BadInput(format!(
                "{}: the manifest names its spec; give neither --spec nor --provider",
                spec.location
            ));
        }
        let dir = path.parent().unwrap_or_else(|| std::path::Path::new("."));
        return match scopewise_cli::spec::load(&dir.join(&spec.value)) {
            Ok(catalog) => run_endpoints(args, catalog, &manifest, &text),
            Err(e) => Outcome::BadInput(format!("{}: {e}", spec.location)),
        };
    }
    if let Some(catalog) = spec_catalog {
        return run_endpoints(args, catalog, &manifest, &text);
    }
    if let Some(p) = provider.filter(|p| *p != manifest.provider.value) {
        return Outcome::BadInput(format!(
            "{}: the manifest is for `{}`, but --provider {p} was given",
            manifest.provider.location, manifest.provider.value,
        ));
    }
    match manifest.provider.value.catalog() {
        ProviderCatalog::Endpoints(catalog) => run_endpoints(args, catalog, &manifest, &text),
        ProviderCatalog::Groups(catalog) => run_groups(args, catalog, &manifest, &text),
    }
}

/// `lint` of a manifest for a provider of token groups: its SOAP operations and tokens.
fn run_groups(
    args: &LintArgs,
    catalog: &'static scopewise::sfmc::Catalog,
    manifest: &manifest::Manifest,
    text: &str,
) -> Outcome {
    if !args.har.is_empty() || !args.scan.is_empty() {
        return Outcome::BadInput(format!(
            "--har and --scan find REST calls; they do not apply to provider `{}`",
            catalog.provider()
        ));
    }
    let report = sfmc_lint::lint(catalog, manifest);
    let subject = render::Subject {
        manifest: &args.manifest,
        provider: catalog.provider(),
        dataset: catalog.fingerprint(),
        calls: render::Calls::SoapOperations,
        scopes_from: "scopes",
        notes: &[],
    };
    finish_lint(args, &report, &subject, text, &[])
}

/// `lint` of a manifest for a provider of REST endpoints, with the calls of its HAR
/// captures and source trees.
fn run_endpoints(
    args: &LintArgs,
    catalog: &'static Catalog,
    manifest: &manifest::Manifest,
    text: &str,
) -> Outcome {
    let access = manifest.access.as_ref().map(|a| a.value);
    if access.is_none() && !catalog.token_types().is_empty() {
        return Outcome::BadInput(format!("{}: missing field `access`", args.manifest));
    }
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

    let report = lint::lint(catalog, manifest, access, &extra);
    let subject = render::Subject {
        manifest: &args.manifest,
        provider: catalog.provider(),
        dataset: catalog.fingerprint(),
        calls: render::Calls::Rest {
            access: access.map(|a| a.as_str()),
        },
        scopes_from: match manifest.scopes_from {
            manifest::ScopesFrom::Field => "scopes",
            manifest::ScopesFrom::InstallUrl => "install_url",
        },
        notes: &all_notes,
    };
    finish_lint(args, &report, &subject, text, &notes)
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

#[cfg(test)]
mod tests {
    use clap::CommandFactory;
    use scopewise_cli::input::{MAX_HAR_BYTES, MAX_MANIFEST_BYTES, MAX_SOURCE_BYTES, human_size};

    #[test]
    fn the_help_states_the_caps_the_readers_enforce() {
        let mut cli = crate::Cli::command();
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
