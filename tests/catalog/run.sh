#!/bin/sh
# tests/catalog/run.sh - the catalog is what its generator makes of its
# data: runs scripts/gen-catalog.py on data/instances.json into a scratch
# file and compares it byte for byte with models/catalog.def (twice, so a
# generator whose output changes from run to run fails too), then checks
# that every INSTANCE(...) entry is preceded by its source comment.
# Skipped, with a note, when python3 is absent (the build never needs it).
#
#   sh tests/catalog/run.sh        (from the repository root; make test)

set -u
PYTHON=${PYTHON:-python3}
if ! command -v "$PYTHON" >/dev/null 2>&1; then
    echo "catalog: skipped (no $PYTHON to run scripts/gen-catalog.py)"
    exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/virtsim-catalog.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
fails=0

for n in 1 2; do
    if ! "$PYTHON" scripts/gen-catalog.py -q -o "$tmp/catalog.def" \
        2>"$tmp/err"; then
        echo "FAIL catalog: gen-catalog.py failed: $(head -n 1 "$tmp/err")"
        exit 1
    fi
    if cmp -s "$tmp/catalog.def" models/catalog.def; then
        echo "ok   catalog: regenerating gives models/catalog.def (run $n)"
    else
        echo "FAIL catalog: models/catalog.def differs from what" \
             "data/instances.json gives (run 'make catalog'; run $n)"
        diff models/catalog.def "$tmp/catalog.def" | head -n 10
        fails=$((fails + 1))
    fi
done

# Each entry: a comment closing on the line before "INSTANCE(", naming at
# least the hardware source and the clock's.
if awk '
    /^INSTANCE\($/ {
        n++
        if (prev != " */" || comment !~ /vCPU/ || comment !~ /clock/)
            bad = bad " " n
        comment = ""
    }
    /^\/\*/ { comment = "" }
    { comment = comment $0; prev = $0 }
    END { if (bad != "") { print "entries without sources:" bad; exit 1 } }
' models/catalog.def >"$tmp/src"; then
    echo "ok   catalog: every entry of models/catalog.def cites its sources"
else
    echo "FAIL catalog: $(cat "$tmp/src")"
    fails=$((fails + 1))
fi

[ "$fails" -eq 0 ]
