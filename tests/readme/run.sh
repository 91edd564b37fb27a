#!/bin/sh
# run.sh - every command README.md shows runs as written: the lines after
# "$ " in its ```console blocks and the lines of its ```sh blocks (with a
# trailing "\" continued, and a trailing "  # comment" dropped), run in
# order by sh in a scratch copy of what they read (the program, the
# scenarios, the traces, the manual), each expected to exit 0.
#
#   VIRTSIM=./virtsim sh tests/readme/run.sh      (from the repository root)
#
# Not run, and why: `make ...` (the Makefile's own targets: make test would
# recurse, the others are run by make test and CI themselves; `make run`
# is its recipe, `virtsim run scenarios/quickstart.json`, run first here),
# `cc ...` and `LD_LIBRARY_PATH=... ./embed` (the embedding, which
# tests/embed/run.sh runs against an installed copy). Prints one line per
# command, then "N passed, M failed"; exits 1 on failure.

set -u
cd "$(dirname "$0")/../.." || exit 2
bin=${VIRTSIM:?set VIRTSIM to the virtsim binary}
case $bin in
/*) ;;
*) bin=$(pwd)/$bin ;;
esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/virtsim-readme.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# The scratch tree: what the commands read, and the program as ./virtsim.
mkdir -p "$tmp/tree/workloads" "$tmp/tree/doc"
cp -R scenarios "$tmp/tree/scenarios"
cp -R workloads/traces "$tmp/tree/workloads/traces"
cp doc/virtsim.1 "$tmp/tree/doc/"
cp "$bin" "$tmp/tree/virtsim"

# The commands, one per line, in README order.
awk '
    /^```console/ { mode = "console"; next }
    /^```sh/      { mode = "sh"; next }
    /^```/        { mode = ""; next }
    mode == ""    { next }
    {
        line = $0
        if (cont != "") {
            sub(/^ +/, "", line)
            cmd = cmd " " line
        } else if (mode == "console") {
            if (line !~ /^\$ /)
                next
            cmd = substr(line, 3)
        } else {
            cmd = line
        }
        if (cmd ~ /\\$/) {
            sub(/ *\\$/, "", cmd)
            cont = "yes"
            next
        }
        cont = ""
        sub(/  +# .*$/, "", cmd)
        if (cmd !~ /^ *$/ && cmd !~ /^ *#/)
            print cmd
    }
' README.md >"$tmp/commands"

passed=0
failed=0
skipped=0
limit=300       # seconds a command may take
have_timeout=
command -v timeout >/dev/null 2>&1 && have_timeout=yes

run() {
    if [ -n "$have_timeout" ]; then
        (cd "$tmp/tree" && timeout "$limit" sh -c "$1") \
            >"$tmp/out" 2>"$tmp/err" </dev/null
    else
        (cd "$tmp/tree" && sh -c "$1") >"$tmp/out" 2>"$tmp/err" </dev/null
    fi
}

# What `make run` runs, so that the commands after it find its results.
run "./virtsim run scenarios/quickstart.json --progress never" || {
    echo "FAIL make run's recipe: ./virtsim run scenarios/quickstart.json"
    sed 's/^/       /' "$tmp/err" | head -5
    exit 1
}

while IFS= read -r cmd; do
    case $cmd in
    make\ * | make | cc\ * | LD_LIBRARY_PATH=*)
        skipped=$((skipped + 1))
        echo "skip $cmd"
        continue
        ;;
    *gnuplot*)
        if ! command -v gnuplot >/dev/null 2>&1; then
            skipped=$((skipped + 1))
            echo "skip $cmd (no gnuplot)"
            continue
        fi
        ;;
    *man\ *)
        if ! command -v man >/dev/null 2>&1; then
            skipped=$((skipped + 1))
            echo "skip $cmd (no man)"
            continue
        fi
        ;;
    esac
    if run "$cmd"; then
        passed=$((passed + 1))
        echo "ok   $cmd"
    else
        failed=$((failed + 1))
        echo "FAIL $cmd"
        sed 's/^/       /' "$tmp/err" | head -5
    fi
done <"$tmp/commands"

echo "readme: $passed passed, $failed failed ($skipped not run: see the header)"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
