#!/usr/bin/env bash
# Runs every cargo-fuzz target (or the ones named) for SECONDS each, and prints libFuzzer's
# final stats line per target. Needs a nightly toolchain and cargo-fuzz
# (`cargo install cargo-fuzz`); CI does not run this, it replays the committed corpus and
# regressions on stable instead (`cargo test -p scopewise-tests --test fuzz_regressions`).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     # default: 60 s, every target
#   MERGE=1 scripts/fuzz.sh 120               # then fold new coverage into fuzz/corpus/
#
# New inputs go to $FUZZ_WORK/<target> (default target/fuzz-corpus), not to the committed
# corpus, which is only read. A crash stops that target's run, leaves the input in
# fuzz/artifacts/<target>/ and makes the script exit 1: minimize it
# (`cargo +nightly fuzz tmin <target> <file>`), copy it to fuzz/regressions/<target>/ and
# it is replayed by the regression test from then on.
set -euo pipefail

seconds=${1:-60}
shift || true
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root/fuzz"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo +nightly fuzz list)
fi
work=${FUZZ_WORK:-$root/target/fuzz-corpus}
status=0
summary=()
for t in "${targets[@]}"; do
    mkdir -p "$work/$t" "corpus/$t"
    case $t in
        match_request | precheck) max_len=10000 ;;
        *) max_len=20000 ;;
    esac
    log="$work/$t.log"
    echo "== $t: ${seconds}s" >&2
    if ! cargo +nightly fuzz run "$t" "$work/$t" "corpus/$t" -- \
        -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 2>"$log"; then
        status=1
        echo "!! $t failed; see $log and fuzz/artifacts/$t/" >&2
    fi
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
    summary+=("$t: $runs executions in ${seconds}s; $last")
    if [ "${MERGE:-0}" = 1 ]; then
        # Adds only inputs that bring new coverage; keep the committed corpus small (a few
        # hundred KB in all) by pruning what this adds before committing it.
        cargo +nightly fuzz run "$t" "corpus/$t" "$work/$t" -- -merge=1 -max_len="$max_len" \
            2>>"$log" >/dev/null || true
    fi
done
printf '%s\n' "${summary[@]}"
exit $status
