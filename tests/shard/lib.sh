# lib.sh - what tests/shard/run.sh and tests/mpi/run.sh share, sourced
# after cd to the repository root: a scratch directory $tmp removed at
# exit, pass/fail counting, byte comparison, and the closing tally (done).

tmp=$(mktemp -d "${TMPDIR:-/tmp}/virtsim-${LIB_NAME:-test}.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

passed=0
failed=0

pass() {
    passed=$((passed + 1))
    printf 'ok   %s\n' "$1"
}

# fail NAME [DETAIL...]
fail() {
    failed=$((failed + 1))
    printf 'FAIL %s\n' "$1"
    shift
    for _line in "$@"; do
        printf '       %s\n' "$_line"
    done
}

# vs ARGS...: runs $VIRTSIM; stdout in $tmp/out, stderr in $tmp/err,
# exit status in $status.
vs() {
    "$VIRTSIM" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
    status=$?
}

# same NAME A B: the two files are byte-identical.
same() {
    if cmp -s "$2" "$3"; then
        pass "$1"
    else
        fail "$1" "$2 and $3 differ" "$(cmp "$2" "$3" 2>&1 | head -n 1)"
    fi
}

# done_tests: prints the tally; the status is 1 when anything failed.
done_tests() {
    printf '%d passed, %d failed\n' "$passed" "$failed"
    [ "$failed" -eq 0 ]
}
