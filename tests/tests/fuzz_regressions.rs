//! Replays the committed fuzz corpus (`fuzz/corpus/<target>/`) and crash reproducers
//! (`fuzz/regressions/<target>/`) through the fuzz targets' own oracles, on stable, so CI
//! checks every invariant the fuzzers check without a nightly toolchain. A reproducer added
//! to `fuzz/regressions/` is replayed from then on.

#[path = "../../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod oracles;

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every file of `fuzz/<dir>/<target>/`, sorted (none when the directory does not exist).
fn inputs(dir: &str, target: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(root().join("fuzz").join(dir).join(target)) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("a readable directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

fn replay(target: &str, oracle: fn(&[u8])) {
    let corpus = inputs("corpus", target);
    assert!(
        corpus.len() >= 3,
        "fuzz/corpus/{target}/ holds {} inputs; the seeds are missing",
        corpus.len()
    );
    for file in corpus.iter().chain(&inputs("regressions", target)) {
        let data = std::fs::read(file).expect("a readable corpus file");
        let outcome = std::panic::catch_unwind(|| oracle(&data));
        assert!(outcome.is_ok(), "{} fails its oracle", file.display());
    }
}

#[test]
fn match_request() {
    replay("match_request", oracles::check_match);
}

#[test]
fn precheck() {
    replay("precheck", oracles::check_precheck);
}

#[test]
fn table_ingest() {
    replay("table_ingest", oracles::check_table_ingest);
}

#[test]
fn manifest() {
    replay("manifest", oracles::check_manifest);
}

#[test]
fn har() {
    replay("har", oracles::check_har);
}

#[test]
fn scan_text() {
    replay("scan_text", oracles::check_scan_text);
}
