//! Lint output: text for people, JSON for tools, SARIF for code scanning.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use serde_json::json;

use crate::lint::{Code, Finding, Report, Severity};

/// What the report is about, for headers and JSON.
#[derive(Debug, Clone)]
pub struct Subject<'a> {
    /// The manifest's path as given.
    pub manifest: &'a str,
    /// The provider.
    pub provider: &'a str,
    /// The dataset fingerprint the binary was built with.
    pub dataset: &'a str,
    /// The app's token types.
    pub access: &'a str,
    /// `scopes` or `install_url`: where the requested scopes were read.
    pub scopes_from: &'a str,
}

const ERROR: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();
const INFO: Style = AnsiColor::Cyan.on_default().bold();
const BLUE: Style = AnsiColor::Blue.on_default().bold();
const BOLD: Style = Style::new().bold();
const GREEN: Style = AnsiColor::Green.on_default().bold();

fn severity_style(s: Severity) -> Style {
    match s {
        Severity::Error => ERROR,
        Severity::Warning => WARNING,
        Severity::Info => INFO,
    }
}

/// Reads the files findings point into, once each, to quote their lines.
#[derive(Debug, Default)]
pub struct SourceCache {
    files: BTreeMap<String, Option<String>>,
}

impl SourceCache {
    /// Registers a file whose text is already in memory.
    pub fn insert(&mut self, file: &str, text: String) {
        self.files.insert(file.to_owned(), Some(text));
    }

    fn line(&mut self, file: &str, line: u32) -> Option<String> {
        let text = self
            .files
            .entry(file.to_owned())
            .or_insert_with(|| std::fs::read_to_string(file).ok());
        text.as_deref()?
            .lines()
            .nth(line as usize - 1)
            .map(str::to_owned)
    }
}

/// Text output. Styles are ANSI codes; the caller's stream strips them when it is not a
/// terminal (or NO_COLOR is set).
pub fn text(report: &Report, subject: &Subject<'_>, sources: &mut SourceCache) -> String {
    let mut out = String::new();
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        for f in report.findings.iter().filter(|f| f.severity == severity) {
            diagnostic(&mut out, f, sources);
        }
    }
    let (e, w, i) = (
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info),
    );
    let verdict = if e > 0 {
        ERROR
    } else if w > 0 {
        WARNING
    } else {
        GREEN
    };
    // SFMC manifests list SOAP operations, not REST calls, and have no token type.
    let (calls, context) = if subject.access.is_empty() {
        ("SOAP operations", format!("provider {}", subject.provider))
    } else {
        ("calls", format!("access {}", subject.access))
    };
    let _ = writeln!(
        out,
        "{verdict}{}{verdict:#}: {e} {}, {w} {}, {i} info in {} ({} {}, {} {calls}, {context})",
        if e > 0 { "failed" } else { "ok" },
        plural(e, "error", "errors"),
        plural(w, "warning", "warnings"),
        subject.manifest,
        report.requested.len(),
        plural(report.requested.len(), "scope", "scopes"),
        report.calls,
    );
    if let Some(minimal) = report.minimal.as_ref().filter(|_| report.minimal_differs()) {
        let _ = writeln!(
            out,
            "{BOLD}minimal scopes{BOLD:#} for what the app calls and subscribes to:\n  {}",
            if minimal.is_empty() {
                "(none)".to_owned()
            } else {
                minimal.join(" ")
            }
        );
    }
    out
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

fn diagnostic(out: &mut String, f: &Finding, sources: &mut SourceCache) {
    let style = severity_style(f.severity);
    let _ = writeln!(
        out,
        "{style}{}[{}]{style:#}{BOLD}: {}{BOLD:#}",
        f.severity.as_str(),
        f.code.as_str(),
        f.message
    );
    if let Some(loc) = &f.location {
        let _ = writeln!(out, "  {BLUE}-->{BLUE:#} {loc}");
        if let Some(line) = sources.line(&loc.file, loc.line) {
            let number = loc.line.to_string();
            let pad = " ".repeat(number.len());
            let start = loc.column as usize - 1;
            let rest: String = line.chars().skip(start).collect();
            let width = [f.scope.as_deref(), f.call.as_deref()]
                .into_iter()
                .flatten()
                .find(|w| rest.starts_with(w))
                .map_or_else(
                    || {
                        rest.chars()
                            .take_while(|c| {
                                !c.is_whitespace() && !matches!(c, '"' | '\'' | '`' | ',')
                            })
                            .count()
                    },
                    |w| w.chars().count(),
                );
            let _ = writeln!(out, "  {BLUE}{pad} |{BLUE:#}");
            let _ = writeln!(out, "  {BLUE}{number} |{BLUE:#} {line}");
            let _ = writeln!(
                out,
                "  {BLUE}{pad} |{BLUE:#} {}{style}{}{style:#}",
                " ".repeat(start),
                "^".repeat(width.max(1))
            );
        }
    }
    if let Some(s) = &f.suggestion {
        let _ = writeln!(out, "  {BLUE}={BLUE:#} {BOLD}help{BOLD:#}: {s}");
    }
    out.push('\n');
}

/// The JSON document: stable, documented in the README.
pub fn json(report: &Report, subject: &Subject<'_>) -> serde_json::Value {
    json!({
        "manifest": subject.manifest,
        "provider": subject.provider,
        "dataset": subject.dataset,
        "access": subject.access,
        "scopes_from": subject.scopes_from,
        "requested_scopes": report.requested,
        "minimal_scopes": report.minimal,
        "summary": {
            "errors": report.count(Severity::Error),
            "warnings": report.count(Severity::Warning),
            "infos": report.count(Severity::Info),
            "calls": report.calls,
        },
        "findings": report.findings,
    })
}

/// SARIF 2.1.0, as GitHub code scanning reads it: one rule per code, results located at
/// the manifest or source line.
pub fn sarif(report: &Report, subject: &Subject<'_>) -> serde_json::Value {
    let level = |s: Severity| match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    };
    let rules: Vec<_> = Code::ALL
        .iter()
        .map(|c| {
            json!({
                "id": c.as_str(),
                "name": c.as_str(),
                "shortDescription": { "text": c.description() },
                "defaultConfiguration": { "level": level(c.severity()) },
            })
        })
        .collect();
    let results: Vec<_> = report
        .findings
        .iter()
        .map(|f| {
            let mut text = f.message.clone();
            if let Some(s) = &f.suggestion {
                text.push_str(&format!(" ({s})"));
            }
            let location = f
                .location
                .as_ref()
                .unwrap_or(&crate::manifest::Location {
                    file: subject.manifest.to_owned(),
                    line: 1,
                    column: 1,
                })
                .clone();
            json!({
                "ruleId": f.code.as_str(),
                "ruleIndex": Code::ALL.iter().position(|c| *c == f.code),
                "level": level(f.severity),
                "message": { "text": text },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": location.file.trim_start_matches("./") },
                        "region": { "startLine": location.line, "startColumn": location.column },
                    }
                }],
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "scopewise",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "results": results,
            "properties": { "provider": subject.provider, "dataset": subject.dataset },
        }]
    })
}
