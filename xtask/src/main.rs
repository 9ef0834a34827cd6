//! `cargo xtask <command>`: see `cargo xtask help`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use xtask::highlevel;

const HELP: &str = "\
cargo xtask <command>

Commands:
  ingest           Parse the vendor documents in data/sources/ and write the dataset in data/.
  ingest --check   Regenerate in memory and fail if the committed files differ (used by CI).
  help             Show this text.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["ingest"] => run_ingest(false),
        ["ingest", "--check"] => run_ingest(true),
        ["help" | "--help" | "-h"] | [] => {
            print!("{HELP}");
            ExitCode::SUCCESS
        }
        other => {
            eprintln!("error: unknown arguments {other:?}\n\n{HELP}");
            ExitCode::from(2)
        }
    }
}

/// The repository root: the parent of this crate's folder.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

fn run_ingest(check: bool) -> ExitCode {
    let root = root();
    let result = highlevel::Inputs::read(&root)
        .and_then(|inputs| highlevel::ingest(&inputs))
        .and_then(|ingest| Ok((highlevel::outputs(&ingest)?, ingest)));
    let (mut files, ingest) = match result {
        Ok(ok) => ok,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    print_summary(&ingest);
    // Read back as the macros will: a dataset that would not compile is never written.
    let mut invalid = xtask::validation::highlevel(&files);
    match xtask::sfmc::outputs(&root) {
        Ok(sfmc) => {
            invalid.extend(xtask::validation::sfmc(&sfmc));
            files.extend(sfmc);
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    }
    if !invalid.is_empty() {
        for e in &invalid {
            eprintln!("error: {e}");
        }
        return ExitCode::FAILURE;
    }

    let mut stale = Vec::new();
    for (path, content) in &files {
        let full = root.join(path);
        let on_disk = std::fs::read_to_string(&full).unwrap_or_default();
        if on_disk == *content {
            continue;
        }
        if check {
            stale.push(format!("  {path}: {}", first_difference(&on_disk, content)));
        } else {
            if let Some(dir) = full.parent() {
                if let Err(e) = std::fs::create_dir_all(dir) {
                    eprintln!("error: {}: {e}", dir.display());
                    return ExitCode::FAILURE;
                }
            }
            if let Err(e) = std::fs::write(&full, content) {
                eprintln!("error: {path}: cannot write: {e}");
                return ExitCode::FAILURE;
            }
            println!("wrote {path}");
        }
    }
    if !stale.is_empty() {
        eprintln!(
            "error: the committed dataset is stale; run `cargo xtask ingest` and commit:\n{}",
            stale.join("\n")
        );
        return ExitCode::FAILURE;
    }
    if check {
        println!("dataset is up to date ({} files checked)", files.len());
    }
    ExitCode::SUCCESS
}

fn first_difference(old: &str, new: &str) -> String {
    if old.is_empty() {
        return "missing".into();
    }
    let (old_lines, new_lines) = (old.lines().count(), new.lines().count());
    match old.lines().zip(new.lines()).position(|(a, b)| a != b) {
        Some(i) => format!(
            "first difference at line {}: committed `{}`, generated `{}` ({old_lines} vs {new_lines} lines)",
            i + 1,
            old.lines().nth(i).unwrap_or_default(),
            new.lines().nth(i).unwrap_or_default()
        ),
        None => format!("{old_lines} committed lines vs {new_lines} generated"),
    }
}

fn print_summary(ingest: &highlevel::Ingest) {
    let c = &ingest.catalog;
    let l = &ingest.legacy;
    println!(
        "highlevel: current {} endpoints, {} scopes, {} webhook events; legacy v1 {} endpoints, {} scopes, {} webhook events",
        c.endpoints.len(),
        c.scopes.len(),
        c.webhooks.len(),
        l.endpoints.len(),
        l.scopes.len(),
        l.webhooks.len()
    );
    for a in &ingest.accounting {
        println!(
            "  {:<13} {:>3} table rows = {:>3} used + {} not used",
            a.source, a.rows, a.used, a.rejected
        );
    }
    println!("  api-reference {}", ingest.reference.summary());
    for a in &ingest.openapi {
        println!("  openapi-{}    {}", a.version, a.summary());
    }
    println!("  webhook-events {}", ingest.webhook_pages.summary());
    let o = &ingest.older_edition;
    println!(
        "  oauth/Scopes.md {} rows = {} agreeing with the dataset + {} differing",
        o.rows, o.agreeing, o.differing
    );
    let t = &ingest.translation;
    println!(
        "  translation   English legacy table {} rows, Spanish copy {} rows: {} rows alike, {} differences",
        t.english_rows,
        t.spanish_rows,
        t.same,
        t.anomalies.len()
    );
    let mut counts = std::collections::BTreeMap::new();
    for a in &ingest.anomalies {
        *counts.entry(a.kind).or_insert(0) += 1;
    }
    let list: Vec<String> = counts.iter().map(|(k, n)| format!("{k} {n}")).collect();
    println!(
        "  anomalies {}: {}",
        ingest.anomalies.len(),
        list.join(", ")
    );
}
