#!/bin/sh
# run.sh - runs each libFuzzer harness (make fuzz builds them into
# build-fuzz/) from its seed corpus in tests/fuzz/corpus/NAME, for
# FUZZ_SECONDS seconds each, or for FUZZ_RUNS inputs each with a fixed
# seed (what CI does: the same inputs on every machine). New inputs go to a
# scratch corpus, not the repository; a crash leaves its input in
# build-fuzz/crashes/ and the exit status is 1.
#
#   sh tests/fuzz/run.sh [NAME...]      (from the repository's root)

set -u
cd "$(dirname "$0")/../.." || exit 2
secs=${FUZZ_SECONDS:-60}
runs=${FUZZ_RUNS:-}
names=${*:-scenario trace results_in run import}
out=build-fuzz
mkdir -p "$out/crashes" || exit 1
status=0
for name in $names; do
    bin=$out/fuzz_$name
    if [ ! -x "$bin" ]; then
        echo "run.sh: error: '$bin' is not built (make fuzz)" >&2
        exit 2
    fi
    work=$(mktemp -d "${TMPDIR:-/tmp}/virtsim-corpus.XXXXXX") || exit 1
    if [ -n "$runs" ]; then
        limit="-runs=$runs"
        what="$runs inputs"
    else
        limit="-max_total_time=$secs"
        what="$secs s"
    fi
    printf 'fuzz %-8s %s ... ' "$name" "$what"
    if "$bin" -seed=1 "$limit" -max_len=16384 -timeout=20 -rss_limit_mb=2048 \
        -artifact_prefix="$out/crashes/$name-" -print_final_stats=1 \
        "$work" "tests/fuzz/corpus/$name" >"$out/$name.log" 2>&1; then
        echo "ok ($(sed -n 's/^stat::number_of_executed_units: *//p' \
            "$out/$name.log") inputs)"
    else
        echo "FAIL (see $out/$name.log)"
        grep -m 3 -E 'ERROR|runtime error|SUMMARY' "$out/$name.log" |
            sed 's/^/    /'
        status=1
    fi
    rm -rf "$work"
done
exit $status
