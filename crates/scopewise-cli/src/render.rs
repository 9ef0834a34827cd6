//! Lint output: text for people, JSON for tools, SARIF for code scanning.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use serde_json::json;

use crate::escape::{escape, escaped_width};
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
    /// What the manifest lists as the app's calls.
    pub calls: Calls<'a>,
    /// `scopes` or `install_url`: where the requested scopes were read.
    pub scopes_from: &'a str,
    /// What the readers of HAR captures and source trees said: the calls they found, and
    /// every file they skipped and why.
    pub notes: &'a [String],
}

/// What a manifest lists as the app's calls, by the kind of catalog it is checked against.
#[derive(Debug, Clone, Copy)]
pub enum Calls<'a> {
    /// REST calls, made with these token types (`sub-account`, `agency`, `both`) when the
    /// provider distinguishes any.
    Rest {
        /// The app's token types.
        access: Option<&'a str>,
    },
    /// SOAP operations on objects, which need no token type.
    SoapOperations,
}

/// The report with everything that was copied from input escaped (see [`crate::escape`]):
/// every output format starts from this.
fn escaped(report: &Report) -> Report {
    let owned = |s: &str| escape(s).into_owned();
    let findings = report
        .findings
        .iter()
        .map(|f| Finding {
            code: f.code,
            severity: f.severity,
            message: owned(&f.message),
            scope: f.scope.as_deref().map(owned),
            call: f.call.as_deref().map(owned),
            location: f.location.as_ref().map(|l| crate::manifest::Location {
                file: owned(&l.file),
                line: l.line,
                column: l.column,
            }),
            suggestion: f.suggestion.as_deref().map(owned),
        })
        .collect();
    Report {
        findings,
        requested: report.requested.iter().map(|s| owned(s)).collect(),
        minimal: report.minimal.clone(),
        calls: report.calls,
    }
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
    /// Each file's text and the byte offsets where its lines start (`None`: not readable).
    files: BTreeMap<String, Option<(String, Vec<usize>)>>,
}

/// Lines longer than this (bytes) are not quoted: a minified file's one line would be
/// printed again for each finding on it.
pub const MAX_QUOTED_LINE: usize = 1024;

impl SourceCache {
    /// Registers a file whose text is already in memory.
    pub fn insert(&mut self, file: &str, text: String) {
        let starts = line_starts(&text);
        self.files.insert(file.to_owned(), Some((text, starts)));
    }

    /// Line `line` (1-based) of `file`, without its line ending; read through the same
    /// checks as any input (a regular file, at most [`crate::input::MAX_SOURCE_BYTES`]).
    fn line(&mut self, file: &str, line: u32) -> Option<&str> {
        let entry = self.files.entry(file.to_owned()).or_insert_with(|| {
            let text = crate::input::read_text(
                std::path::Path::new(file),
                "file",
                crate::input::MAX_SOURCE_BYTES,
            )
            .ok()?;
            let starts = line_starts(&text);
            Some((text, starts))
        });
        let (text, starts) = entry.as_ref()?;
        let start = *starts.get((line as usize).checked_sub(1)?)?;
        let end = starts.get(line as usize).copied().unwrap_or(text.len());
        let line = &text[start..end];
        let line = line.strip_suffix('\n').unwrap_or(line);
        Some(line.strip_suffix('\r').unwrap_or(line))
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .filter(|&i| i < text.len() || i == 0)
        .collect()
}

/// Text output. Styles are ANSI codes; the caller's stream strips them when it is not a
/// terminal (or NO_COLOR is set).
pub fn text(report: &Report, subject: &Subject<'_>, sources: &mut SourceCache) -> String {
    let shown = &escaped(report);
    let manifest = escape(subject.manifest);
    let mut out = String::new();
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        for (f, given) in shown.findings.iter().zip(&report.findings) {
            if f.severity == severity {
                let file = given.location.as_ref().map(|l| l.file.as_str());
                diagnostic(&mut out, f, file, sources);
            }
        }
    }
    let report = shown;
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
    let (calls, context) = match subject.calls {
        Calls::Rest {
            access: Some(access),
        } => (
            plural(report.calls, "call", "calls"),
            format!("access {access}"),
        ),
        Calls::Rest { access: None } => (
            plural(report.calls, "call", "calls"),
            format!("provider {}", subject.provider),
        ),
        Calls::SoapOperations => (
            plural(report.calls, "SOAP operation", "SOAP operations"),
            format!("provider {}", subject.provider),
        ),
    };
    let _ = writeln!(
        out,
        "{verdict}{}{verdict:#}: {e} {}, {w} {}, {i} info in {} ({} {}, {} {calls}, {context})",
        if e > 0 { "failed" } else { "ok" },
        plural(e, "error", "errors"),
        plural(w, "warning", "warnings"),
        manifest,
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

/// One finding (escaped), quoting the line of `file` (its name as given) it points at.
fn diagnostic(out: &mut String, f: &Finding, file: Option<&str>, sources: &mut SourceCache) {
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
        let quoted = file
            .and_then(|file| sources.line(file, loc.line))
            .filter(|line| line.len() <= MAX_QUOTED_LINE);
        if let Some(line) = quoted {
            let number = loc.line.to_string();
            let pad = " ".repeat(number.len());
            let start = (loc.column as usize).saturating_sub(1);
            let split = line
                .char_indices()
                .nth(start)
                .map_or(line.len(), |(i, _)| i);
            let (head, rest) = line.split_at(split);
            // Scope and call are escaped in the finding: compare them escaped.
            let marked = [f.scope.as_deref(), f.call.as_deref()]
                .into_iter()
                .flatten()
                .find(|w| escape(rest).starts_with(w))
                .map_or_else(
                    || {
                        rest.split(|c: char| {
                            c.is_whitespace() || matches!(c, '"' | '\'' | '`' | ',')
                        })
                        .next()
                        .map_or(0, escaped_width)
                    },
                    |w| w.chars().count(),
                );
            let _ = writeln!(out, "  {BLUE}{pad} |{BLUE:#}");
            let _ = writeln!(out, "  {BLUE}{number} |{BLUE:#} {}", escape(line));
            let _ = writeln!(
                out,
                "  {BLUE}{pad} |{BLUE:#} {}{style}{}{style:#}",
                " ".repeat(escaped_width(head)),
                "^".repeat(marked.max(1))
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
    let report = &escaped(report);
    let notes: Vec<_> = subject.notes.iter().map(|n| escape(n)).collect();
    json!({
        "manifest": escape(subject.manifest),
        "provider": subject.provider,
        "dataset": subject.dataset,
        "access": match subject.calls {
            Calls::Rest { access } => access.unwrap_or(""),
            Calls::SoapOperations => "",
        },
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
        "notes": notes,
    })
}

/// SARIF 2.1.0, as GitHub code scanning reads it: one rule per code, results located at
/// the manifest or source line.
pub fn sarif(report: &Report, subject: &Subject<'_>) -> serde_json::Value {
    let report = &escaped(report);
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
                    file: escape(subject.manifest).into_owned(),
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
            // What the readers noted (calls found, files skipped): tool notifications.
            "invocations": [{
                "executionSuccessful": true,
                "toolExecutionNotifications": subject.notes.iter().map(|n| json!({
                    "level": "note",
                    "message": { "text": escape(n) },
                })).collect::<Vec<_>>(),
            }],
            "properties": { "provider": subject.provider, "dataset": subject.dataset },
        }]
    })
}
