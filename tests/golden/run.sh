#!/bin/sh
# tests/golden/run.sh - golden scenario tests: each tests/golden/NAME/ holds
# scenario.json and expected.json; `virtsim run` must reproduce expected.json
# byte for byte. With UPDATE=1 the expected files are rewritten instead
# (make golden-update), for review with git diff.
#
# usage: VIRTSIM=/path/to/virtsim sh tests/golden/run.sh

set -u
here=$(cd "$(dirname "$0")" && pwd)
bin=${VIRTSIM:?set VIRTSIM to the virtsim binary}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

for dir in "$here"/*/; do
    name=$(basename "$dir")
    [ -f "$dir/scenario.json" ] || continue
    out="$tmp/$name"
    if ! (cd "$dir" && "$bin" run scenario.json -o "$out" --format json \
              --quiet --jobs "${JOBS:-1}") >"$tmp/$name.log" 2>&1; then
        echo "FAIL golden $name: virtsim run failed:"
        sed 's/^/    /' "$tmp/$name.log"
        fail=$((fail + 1))
        continue
    fi
    if [ "${UPDATE:-0}" = 1 ]; then
        cp "$out/results.json" "$dir/expected.json"
        echo "updated golden $name"
        pass=$((pass + 1))
    elif cmp -s "$out/results.json" "$dir/expected.json"; then
        echo "ok   golden $name"
        pass=$((pass + 1))
    else
        echo "FAIL golden $name: results.json differs from expected.json:"
        diff "$dir/expected.json" "$out/results.json" | head -20 | sed 's/^/    /'
        fail=$((fail + 1))
    fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
