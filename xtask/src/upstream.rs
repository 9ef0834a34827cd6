//! `cargo xtask sources [--check]`: the vendor documents in `data/sources/` against the
//! originals in `../shared/` (`seeds/`, and the machine-readable specs of `upstream/`).
//!
//! Each [`Source`] declares which upstream folders it copies
//! ([`UpstreamCopy`]); this module holds the one rule for all of them, so that a new provider
//! adds a line to its source module, not a step to CI:
//! - every upstream file of a declared folder (with the declared ending) has a byte-identical
//!   copy under `data/sources/<provider>/<into>/`, and every copy there has its upstream file;
//! - every file of `seeds/` has a byte-identical copy somewhere under `data/sources/`.
//!
//! Without `--check`, missing or different copies are written (never deleted: a copy without
//! an upstream file is reported, and a person decides).

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use crate::source::Source;

/// One folder of `../shared/upstream/` that a provider copies into `data/sources/<provider>/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UpstreamCopy {
    /// The folder, relative to `../shared/upstream/`: `highlevel-api-docs/apps`.
    pub from: &'static str,
    /// Where its copies live, relative to `data/sources/<provider>/`: `openapi-v2`.
    pub into: &'static str,
    /// The ending of the files copied: `.json`. Other files of the folder are not copies.
    pub ending: &'static str,
}

/// What is wrong with one copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The upstream file has no copy.
    Missing { copy: PathBuf, original: PathBuf },
    /// The copy's bytes differ from the upstream file's.
    Differs { copy: PathBuf, original: PathBuf },
    /// A copy in a declared folder has no upstream file.
    Orphan { copy: PathBuf, expected: PathBuf },
    /// A declared upstream folder has no file with the declared ending.
    EmptyFolder {
        folder: PathBuf,
        ending: &'static str,
    },
    /// A seed has no byte-identical copy under `data/sources/`.
    SeedMissing { seed: PathBuf },
    /// A file or folder could not be read.
    Unreadable { path: PathBuf, error: String },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Missing { copy, original } => write!(
                f,
                "{} is missing (copy of {})",
                copy.display(),
                original.display()
            ),
            Problem::Differs { copy, original } => {
                write!(f, "{} differs from {}", copy.display(), original.display())
            }
            Problem::Orphan { copy, expected } => write!(
                f,
                "{} has no upstream file {}",
                copy.display(),
                expected.display()
            ),
            Problem::EmptyFolder { folder, ending } => {
                write!(f, "no `*{ending}` file in {}", folder.display())
            }
            Problem::SeedMissing { seed } => write!(
                f,
                "{} has no byte-identical copy under data/sources/",
                seed.display()
            ),
            Problem::Unreadable { path, error } => {
                write!(f, "{}: cannot read: {error}", path.display())
            }
        }
    }
}

/// What a run found and did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    /// Copies compared and found identical.
    pub identical: usize,
    /// Copies written (without `--check`).
    pub written: Vec<PathBuf>,
    /// What is still wrong.
    pub problems: Vec<Problem>,
}

/// Compares (or, when `write`, brings up to date) every declared copy of every source, and
/// checks the seeds. `root` is the repository, `shared` the folder with `seeds/` and
/// `upstream/`. Paths in the report are as joined from these two.
pub fn sync(root: &Path, shared: &Path, sources: &[&dyn Source], write: bool) -> Report {
    let mut report = Report::default();
    for source in sources {
        for copy in source.upstream() {
            let from = shared.join("upstream").join(copy.from);
            let into = root
                .join("data/sources")
                .join(source.provider())
                .join(copy.into);
            sync_folder(&from, &into, copy.ending, write, &mut report);
        }
    }
    check_seeds(
        &shared.join("seeds"),
        &root.join("data/sources"),
        &mut report,
    );
    report
}

fn sync_folder(from: &Path, into: &Path, ending: &'static str, write: bool, report: &mut Report) {
    let originals = match files_ending(from, ending) {
        Ok(files) => files,
        Err(problem) => return report.problems.push(problem),
    };
    if originals.is_empty() {
        report.problems.push(Problem::EmptyFolder {
            folder: from.to_path_buf(),
            ending,
        });
    }
    for name in &originals {
        let (original, copy) = (from.join(name), into.join(name));
        let want = match fs::read(&original) {
            Ok(bytes) => bytes,
            Err(e) => {
                report.problems.push(unreadable(&original, &e));
                continue;
            }
        };
        let have = fs::read(&copy).ok();
        if have.as_deref() == Some(&want[..]) {
            report.identical += 1;
            continue;
        }
        if write {
            match fs::create_dir_all(into).and_then(|()| fs::write(&copy, &want)) {
                Ok(()) => report.written.push(copy),
                Err(e) => report.problems.push(unreadable(&copy, &e)),
            }
        } else if have.is_some() {
            report.problems.push(Problem::Differs { copy, original });
        } else {
            report.problems.push(Problem::Missing { copy, original });
        }
    }
    // A copy folder that does not exist yet has no orphans.
    if let Ok(copies) = files_ending(into, ending) {
        for name in copies.iter().filter(|n| !originals.contains(n)) {
            report.problems.push(Problem::Orphan {
                copy: into.join(name),
                expected: from.join(name),
            });
        }
    }
}

fn check_seeds(seeds: &Path, sources: &Path, report: &mut Report) {
    let seed_names = match files_ending(seeds, "") {
        Ok(names) => names,
        Err(problem) => return report.problems.push(problem),
    };
    let mut copies = Vec::new();
    collect_files(sources, &mut copies);
    for name in seed_names {
        let seed = seeds.join(&name);
        let want = match fs::read(&seed) {
            Ok(bytes) => bytes,
            Err(e) => {
                report.problems.push(unreadable(&seed, &e));
                continue;
            }
        };
        let found = copies
            .iter()
            .filter(|c| c.file_name().is_some_and(|n| n == name.as_str()))
            .any(|c| fs::read(c).is_ok_and(|have| have == want));
        if found {
            report.identical += 1;
        } else {
            report.problems.push(Problem::SeedMissing { seed });
        }
    }
}

/// The names of the regular files directly in `dir` ending in `ending`, sorted.
fn files_ending(dir: &Path, ending: &str) -> Result<Vec<String>, Problem> {
    let entries = fs::read_dir(dir).map_err(|e| unreadable(dir, &e))?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| unreadable(dir, &e))?;
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        if let Some(name) = entry.file_name().to_str().filter(|n| n.ends_with(ending)) {
            names.push(name.to_owned());
        }
    }
    names.sort();
    Ok(names)
}

/// Every regular file under `dir`, recursively (unreadable folders are skipped: a seed's copy
/// that cannot be read is reported as missing).
fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        match entry.file_type() {
            Ok(t) if t.is_dir() => collect_files(&entry.path(), out),
            Ok(t) if t.is_file() => out.push(entry.path()),
            _ => {}
        }
    }
}

fn unreadable(path: &Path, e: &std::io::Error) -> Problem {
    Problem::Unreadable {
        path: path.to_path_buf(),
        error: e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{Error, Generated};

    /// A provider that only declares copies.
    struct Fake(&'static [UpstreamCopy]);

    impl Source for Fake {
        fn provider(&self) -> &'static str {
            "fake"
        }
        fn curated(&self) -> &'static [&'static str] {
            &[]
        }
        fn upstream(&self) -> &'static [UpstreamCopy] {
            self.0
        }
        fn generate(&self, _: &Path) -> Result<Generated, Error> {
            Err(Error::new("fake", "not used"))
        }
    }

    const SPECS: &[UpstreamCopy] = &[UpstreamCopy {
        from: "vendor/specs",
        into: "specs",
        ending: ".yaml",
    }];

    /// A scratch repository and shared folder under the target directory.
    fn scratch(name: &str) -> (PathBuf, PathBuf) {
        let base =
            std::env::temp_dir().join(format!("scopewise-upstream-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&base);
        let (root, shared) = (base.join("repo"), base.join("shared"));
        fs::create_dir_all(shared.join("upstream/vendor/specs")).unwrap();
        fs::create_dir_all(shared.join("seeds")).unwrap();
        fs::create_dir_all(root.join("data/sources/fake/specs")).unwrap();
        fs::write(shared.join("upstream/vendor/specs/a.yaml"), "a: 1\n").unwrap();
        fs::write(shared.join("upstream/vendor/specs/notes.txt"), "not a spec").unwrap();
        fs::write(shared.join("seeds/table.md"), "| x |\n").unwrap();
        fs::write(root.join("data/sources/fake/table.md"), "| x |\n").unwrap();
        (root, shared)
    }

    fn messages(report: &Report) -> Vec<String> {
        report.problems.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_missing_copy_is_reported_then_written() {
        let (root, shared) = scratch("missing");
        let check = sync(&root, &shared, &[&Fake(SPECS)], false);
        assert_eq!(check.problems.len(), 1, "{:?}", messages(&check));
        assert!(
            matches!(&check.problems[0], Problem::Missing { copy, .. } if copy.ends_with("specs/a.yaml"))
        );
        assert_eq!(check.identical, 1, "the seed");

        let update = sync(&root, &shared, &[&Fake(SPECS)], true);
        assert_eq!(update.written.len(), 1);
        assert_eq!(
            fs::read(root.join("data/sources/fake/specs/a.yaml")).unwrap(),
            b"a: 1\n"
        );
        let again = sync(&root, &shared, &[&Fake(SPECS)], false);
        assert_eq!(again.problems, []);
        assert_eq!(again.identical, 2);
    }

    #[test]
    fn a_changed_copy_and_an_orphan_are_reported() {
        let (root, shared) = scratch("changed");
        fs::write(root.join("data/sources/fake/specs/a.yaml"), "a: 2\n").unwrap();
        fs::write(root.join("data/sources/fake/specs/gone.yaml"), "b: 1\n").unwrap();
        let report = sync(&root, &shared, &[&Fake(SPECS)], false);
        let text = messages(&report).join("\n");
        assert!(text.contains("specs/a.yaml differs from"), "{text}");
        assert!(
            text.contains("specs/gone.yaml has no upstream file"),
            "{text}"
        );
        assert_eq!(report.problems.len(), 2, "{text}");
    }

    #[test]
    fn a_seed_without_an_identical_copy_is_reported() {
        let (root, shared) = scratch("seed");
        fs::write(root.join("data/sources/fake/table.md"), "| y |\n").unwrap();
        let report = sync(&root, &shared, &[], false);
        assert_eq!(
            messages(&report),
            [format!(
                "{} has no byte-identical copy under data/sources/",
                shared.join("seeds/table.md").display()
            )]
        );
    }

    #[test]
    fn a_declared_folder_without_files_is_an_error() {
        let (root, shared) = scratch("empty");
        const NONE: &[UpstreamCopy] = &[UpstreamCopy {
            from: "vendor/specs",
            into: "specs",
            ending: ".json",
        }];
        let report = sync(&root, &shared, &[&Fake(NONE)], false);
        assert_eq!(
            messages(&report),
            [format!(
                "no `*.json` file in {}",
                shared.join("upstream/vendor/specs").display()
            )]
        );
    }
}
