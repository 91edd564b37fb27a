#!/bin/sh
# tests/bad/run.sh - the bad-scenario corpus: each tests/bad/CASE/ holds
# input.json (or input.txt) and expected.err, the exact first line virtsim
# must print. Both `validate` and `run` must exit 2, print that line first,
# and `run` must write no output files.
#
# usage: VIRTSIM=/path/to/virtsim sh tests/bad/run.sh

set -u
here=$(cd "$(dirname "$0")" && pwd)
bin=${VIRTSIM:?set VIRTSIM to the virtsim binary}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

for dir in "$here"/*/; do
    name=$(basename "$dir")
    [ -f "$dir/expected.err" ] || continue
    want=$(head -n 1 "$dir/expected.err")
    ok=1
    for cmd in validate run; do
        out="$tmp/$name-$cmd"
        if [ "$cmd" = run ]; then
            (cd "$dir" && "$bin" run input.json -o "$out" --quiet) \
                >/dev/null 2>"$tmp/err"
        else
            (cd "$dir" && "$bin" validate input.json) >/dev/null 2>"$tmp/err"
        fi
        status=$?
        got=$(head -n 1 "$tmp/err")
        if [ "$status" -ne 2 ]; then
            echo "FAIL bad $name: $cmd exited $status, want 2"
            ok=0
        fi
        if [ "$got" != "$want" ]; then
            echo "FAIL bad $name: $cmd printed:"
            echo "    $got"
            echo "  want:"
            echo "    $want"
            ok=0
        fi
        if [ -e "$out" ]; then
            echo "FAIL bad $name: run wrote $out"
            ok=0
        fi
    done
    if [ "$ok" = 1 ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
    fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
