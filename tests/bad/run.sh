#!/bin/sh
# tests/bad/run.sh - the bad-input corpus. Each tests/bad/CASE/ holds
# expected.err, the exact first line virtsim must print on stderr, and
# either
#   input.json (or input.txt): a scenario; both `validate` and `run` must
#     exit 2 and print that line first, and `run` must write nothing; or
#   args: the command line, one argument per line, run in the case's
#     directory, with @OUT@ replaced by an output path that must not be
#     created, @FIFO@ by a FIFO and @BIG@ by a 65 MiB sparse file; its exit
#     status is in `status` (default 2); @FIFO@ and @BIG@ in expected.err
#     stand for those paths too.
# In both forms nothing may appear in the case's directory either.
#
# usage: VIRTSIM=/path/to/virtsim sh tests/bad/run.sh

set -u
here=$(cd "$(dirname "$0")" && pwd)
bin=${VIRTSIM:?set VIRTSIM to the virtsim binary}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkfifo "$tmp/fifo"
: > "$tmp/big"
# A sparse file past the 64 MiB input cap; no disk space taken.
dd if=/dev/null of="$tmp/big" bs=1 seek=68157440 2>/dev/null
pass=0
fail=0

# check NAME WHAT WANT_STATUS OUT: compares $status and $tmp/err.
check() {
    got=$(head -n 1 "$tmp/err")
    if [ "$status" -ne "$3" ]; then
        echo "FAIL bad $1: $2 exited $status, want $3"
        ok=0
    fi
    if [ "$got" != "$want" ]; then
        echo "FAIL bad $1: $2 printed:"
        echo "    $got"
        echo "  want:"
        echo "    $want"
        ok=0
    fi
    if [ -e "$4" ]; then
        echo "FAIL bad $1: $2 wrote $4"
        ok=0
    fi
}

for dir in "$here"/*/; do
    name=$(basename "$dir")
    [ -f "$dir/expected.err" ] || continue
    want=$(head -n 1 "$dir/expected.err" |
           sed -e "s|@FIFO@|$tmp/fifo|g" -e "s|@BIG@|$tmp/big|g")
    before=$(ls -A "$dir")
    ok=1
    if [ -f "$dir/args" ]; then
        out="$tmp/$name-out"
        want_status=2
        [ -f "$dir/status" ] && want_status=$(cat "$dir/status")
        set --
        while IFS= read -r a || [ -n "$a" ]; do
            case $a in
            @OUT@) a=$out ;;
            @FIFO@) a=$tmp/fifo ;;
            @BIG@) a=$tmp/big ;;
            esac
            set -- "$@" "$a"
        done < "$dir/args"
        (cd "$dir" && "$bin" "$@") >/dev/null 2>"$tmp/err" </dev/null
        status=$?
        check "$name" "'$*'" "$want_status" "$out"
    else
        for cmd in validate run; do
            out="$tmp/$name-$cmd"
            if [ "$cmd" = run ]; then
                (cd "$dir" && "$bin" run input.json -o "$out" --quiet) \
                    >/dev/null 2>"$tmp/err"
            else
                (cd "$dir" && "$bin" validate input.json) >/dev/null \
                    2>"$tmp/err"
            fi
            status=$?
            check "$name" "$cmd" 2 "$out"
        done
    fi
    if [ "$(ls -A "$dir")" != "$before" ]; then
        echo "FAIL bad $name: files appeared in the case's directory"
        ok=0
    fi
    if [ "$ok" = 1 ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
    fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
