#!/usr/bin/env bash
# CI for the Python and Node.js bindings (bindings/). The C ABI (crates/scopewise-ffi: its C
# test program and header check) is a root workspace member, tested by `cargo test --workspace`.
# Needs python3 (with venv), node, npm and a Rust toolchain; installs the rest from PyPI and
# npm. The two native modules are one cargo workspace (bindings/Cargo.toml, one Cargo.lock,
# target dir bindings/target); maturin and napi build with different flags, so each compiles
# scopewise in release (~1 min each on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

step() { printf '\n==> %s\n' "$*"; SECONDS=0; }
done_step() { printf '    (%ss)\n' "$SECONDS"; }

for tool in cargo python3 node npm cc; do
  command -v "$tool" >/dev/null || { echo "error: $tool is not installed; the bindings need Rust, Python 3.9+, Node.js 18+ with npm, and a C compiler" >&2; exit 1; }
done

venv="${SCOPEWISE_VENV:-bindings/target/venv}"
step "python: venv with pytest and requests, then pip install ./bindings/python (maturin, pyo3)"
python3 -m venv "$venv"
venv="$(cd "$venv" && pwd)"
"$venv/bin/pip" install --quiet --disable-pip-version-check pytest requests
# Exactly what the README tells users: pip fetches maturin into an isolated build env.
"$venv/bin/pip" install --quiet --disable-pip-version-check ./bindings/python
done_step

step "python: pytest, and the requests example"
(cd bindings/python && "$venv/bin/python" -m pytest -q -p no:cacheprovider)
"$venv/bin/python" bindings/python/examples/requests_hook.py
done_step

# `npm install`, not `npm ci`: npm 11 leaves the per-platform optional packages of
# @napi-rs/lzma (a dependency of @napi-rs/cli) out of the lock file and then `npm ci` refuses
# it as out of sync. `npm install` still installs the locked versions, and its `prepare`
# script builds the addon, as it does for users.
step "node: npm install (prepare: napi build --release with @napi-rs/cli)"
(cd bindings/node && npm install --no-audit --no-fund)
done_step

step "node: npm test (node --test, tsc on the type declarations, the axios example)"
(cd bindings/node && npm test)
done_step

step "bindings: cargo fmt --check and clippy -D warnings"
cargo fmt --manifest-path bindings/Cargo.toml --all --check
# `--release --target <host>` as maturin builds: clippy then reuses its proc-macros and build
# scripts (about 20 s less on 2 cores).
host="$(rustc -vV | sed -n 's/^host: //p')"
PYO3_PYTHON="$venv/bin/python" cargo clippy --manifest-path bindings/Cargo.toml --workspace --all-targets --release --target "$host" -- -D warnings
done_step
