//! `cargo xtask <command>`: see `cargo xtask help`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use xtask::source::{GeneratedFile, SOURCES};

const HELP: &str = "\
cargo xtask <command>

Commands:
  ingest           Parse the vendor documents in data/sources/ and write the dataset in data/.
  ingest --check   Regenerate in memory and fail if the committed files differ (used by CI).
  sources [--check] [--shared DIR]
                   Compare the vendor documents in data/sources/ with the originals in DIR
                   (default: ../shared beside the repository): seeds/ and the upstream/
                   folders each provider declares. Without --check, copy what is missing or
                   different; with it, fail instead (used by CI).
  help             Show this text.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["ingest"] => run_ingest(false),
        ["ingest", "--check"] => run_ingest(true),
        ["sources", rest @ ..] => run_sources(rest),
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
    let mut files = Vec::new();
    let mut invalid = Vec::new();
    for source in SOURCES {
        match source.generate(&root) {
            Ok(generated) => {
                print!("{}", generated.summary);
                // Read back as the macros will: a dataset that would not compile is never
                // written.
                invalid.extend(xtask::validation::generated(
                    source.provider(),
                    &generated.files,
                ));
                files.extend(generated.files);
            }
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    if !invalid.is_empty() {
        for e in &invalid {
            eprintln!("error: {e}");
        }
        return ExitCode::FAILURE;
    }

    let mut stale = Vec::new();
    for GeneratedFile { path, contents } in &files {
        let full = root.join(path);
        let on_disk = std::fs::read_to_string(&full).unwrap_or_default();
        if on_disk == *contents {
            continue;
        }
        if check {
            stale.push(format!(
                "  {path}: {}",
                first_difference(&on_disk, contents)
            ));
        } else {
            if let Some(dir) = full.parent()
                && let Err(e) = std::fs::create_dir_all(dir)
            {
                eprintln!("error: {}: {e}", dir.display());
                return ExitCode::FAILURE;
            }
            if let Err(e) = std::fs::write(&full, contents) {
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

fn run_sources(args: &[&str]) -> ExitCode {
    let root = root();
    let mut check = false;
    let mut shared = root.join("../shared");
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match *arg {
            "--check" => check = true,
            "--shared" => match rest.next() {
                Some(dir) => shared = PathBuf::from(dir),
                None => {
                    eprintln!("error: --shared needs a directory\n\n{HELP}");
                    return ExitCode::from(2);
                }
            },
            other => {
                eprintln!("error: unknown argument `{other}` for `sources`\n\n{HELP}");
                return ExitCode::from(2);
            }
        }
    }
    if !shared.is_dir() {
        eprintln!(
            "error: {} is not a directory; give the folder holding seeds/ and upstream/ with --shared",
            shared.display()
        );
        return ExitCode::FAILURE;
    }
    let report = xtask::upstream::sync(&root, &shared, SOURCES, !check);
    for path in &report.written {
        println!("wrote {}", path.display());
    }
    for problem in &report.problems {
        eprintln!("error: {problem}");
    }
    if !report.problems.is_empty() {
        if check {
            eprintln!("run `cargo xtask sources` to copy what is missing or different");
        }
        return ExitCode::FAILURE;
    }
    println!(
        "sources are byte-for-byte copies of {} ({} files identical{})",
        shared.display(),
        report.identical,
        if report.written.is_empty() {
            String::new()
        } else {
            format!(", {} written", report.written.len())
        }
    );
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
