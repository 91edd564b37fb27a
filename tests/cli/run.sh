#!/bin/sh
# run.sh - tests of the `virtsim` program as users run it: version, help,
# every command's --help, exit statuses, exact first lines of error
# messages, a small demo run, and deterministic output for a fixed seed.
#
#   VIRTSIM=./virtsim sh tests/cli/run.sh
#
# Prints one line per check, then "N passed, M failed"; exits 1 on failure.

set -u
set -f          # argument lists below are split on spaces, never globbed

if [ -z "${VIRTSIM:-}" ]; then
    echo "run.sh: error: set VIRTSIM to the virtsim binary" >&2
    exit 2
fi
# A bare name ("virtsim", as make passes it) means the file here, not PATH.
case $VIRTSIM in
*/*) ;;
*) VIRTSIM=./$VIRTSIM ;;
esac
if [ ! -x "$VIRTSIM" ]; then
    echo "run.sh: error: '$VIRTSIM' is not an executable file" >&2
    exit 2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/virtsim-cli.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

passed=0
failed=0
status=0

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

# vs ARGS...: runs virtsim; stdout in $tmp/out, stderr in $tmp/err,
# exit status in $status.
vs() {
    "$VIRTSIM" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
    status=$?
}

# check NAME WANT_STATUS ARGS...: runs virtsim and checks its exit status.
# Returns 0 when it matched (nothing counted yet), else counts a failure.
# (sh has no local variables: helpers' names start with an underscore.)
check() {
    _name=$1
    _want=$2
    shift 2
    vs "$@"
    if [ "$status" -ne "$_want" ]; then
        fail "$_name" "virtsim $*" "exit status $status, expected $_want" \
            "stderr: $(head -n 3 "$tmp/err")"
        return 1
    fi
    return 0
}

# first_err_is NAME LINE: counts a pass when stderr's first line is LINE.
first_err_is() {
    _got=$(head -n 1 "$tmp/err")
    if [ "$_got" = "$2" ]; then
        pass "$1"
    else
        fail "$1" "expected: $2" "got:      $_got"
    fi
}

# ---- --version ----
if check "--version" 0 --version; then
    if grep -Eq '^virtsim [0-9]+\.[0-9]+\.[0-9]+$' "$tmp/out" &&
        [ "$(wc -l <"$tmp/out")" -eq 1 ] && [ ! -s "$tmp/err" ]; then
        pass "--version prints 'virtsim X.Y.Z'"
    else
        fail "--version prints 'virtsim X.Y.Z'" "got: $(cat "$tmp/out")"
    fi
fi

# ---- help ----
if check "help" 0 help; then
    cp "$tmp/out" "$tmp/help"
    if grep -q '^usage: virtsim' "$tmp/help" &&
        grep -Eq '^  help +[a-z]' "$tmp/help" &&
        grep -Eq '^  demo +[a-z]' "$tmp/help"; then
        pass "help lists the commands"
    else
        fail "help lists the commands" "$(cat "$tmp/help")"
    fi
fi
if check "--help" 0 --help; then
    if cmp -s "$tmp/out" "$tmp/help"; then
        pass "--help prints what help prints"
    else
        fail "--help prints what help prints"
    fi
fi
if check "no command exits 2" 2; then
    if grep -q '^usage: virtsim' "$tmp/err" && [ ! -s "$tmp/out" ]; then
        pass "no command prints the usage on stderr and exits 2"
    else
        fail "no command prints the usage on stderr and exits 2"
    fi
fi

# ---- every command listed by help has --help and help COMMAND ----
commands=$(sed -n '/^commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p' \
    "$tmp/help" 2>/dev/null)
if [ -z "$commands" ]; then
    fail "help's command list can be read"
fi
for c in $commands; do
    if check "$c --help" 0 "$c" --help; then
        if grep -q "^usage: virtsim $c" "$tmp/out"; then
            pass "$c --help exits 0 with its usage"
        else
            fail "$c --help exits 0 with its usage" "$(head -n 1 "$tmp/out")"
        fi
    fi
    cp "$tmp/out" "$tmp/usage"
    if check "help $c" 0 help "$c"; then
        if cmp -s "$tmp/out" "$tmp/usage"; then
            pass "help $c prints what $c --help prints"
        else
            fail "help $c prints what $c --help prints"
        fi
    fi
done

# ---- unknown commands and options ----
if check "unknown command exits 2" 2 dmeo; then
    first_err_is "unknown command suggests the nearest" \
        "virtsim: error: unknown command 'dmeo' (did you mean 'demo'?)"
fi
if check "unknown command without a near miss exits 2" 2 xyzzy; then
    first_err_is "unknown command without a near miss" \
        "virtsim: error: unknown command 'xyzzy'"
fi
if check "help of an unknown command exits 2" 2 help dmeo; then
    first_err_is "help of an unknown command suggests the nearest" \
        "virtsim help: error: unknown command 'dmeo' (did you mean 'demo'?)"
fi
if check "unknown global option exits 2" 2 --frobnicate; then
    first_err_is "unknown global option" \
        "virtsim: error: unknown option '--frobnicate'"
fi

# ---- bad demo arguments: exit 2, nothing on stdout, exact first line ----
while IFS='|' read -r args want; do
    # shellcheck disable=SC2086  # args is a list of words
    if check "demo $args exits 2" 2 demo $args; then
        if [ -s "$tmp/out" ]; then
            fail "demo $args prints nothing on stdout" "$(head -n 1 "$tmp/out")"
        else
            first_err_is "demo $args" "virtsim demo: error: $want"
        fi
    fi
done <<'EOF_BAD'
--rho 1.5|--rho must be in (0, 1), got 1.5
--rho 0|--rho must be in (0, 1), got 0
--rho abc|--rho must be a number, got 'abc'
--rho 0.5x|--rho must be a number, got '0.5x'
--rho inf|--rho must be a finite number, got 'inf'
--rho nan|--rho must be a finite number, got 'nan'
--rho|--rho needs a value
--rho=|--rho must be a number, got ''
--servers 0|--servers must be between 1 and 100000, got 0
--servers -1|--servers must be a non-negative integer, got '-1'
--servers 1.5|--servers must be a non-negative integer, got '1.5'
--customers 5|--customers must be between 100 and 1000000000, got 5
--customers 12x|--customers must be a non-negative integer, got '12x'
--seed -3|--seed must be a non-negative integer, got '-3'
--seed 99999999999999999999|--seed is out of range (at most 18446744073709551615), got '99999999999999999999'
--service-us 0|--service-us must be in (0, 1e+06], got 0
--service-us -2|--service-us must be in (0, 1e+06], got -2
--rhoo 0.5|unknown option '--rhoo' (did you mean '--rho'?)
--frobnicate|unknown option '--frobnicate'
extra|unexpected argument 'extra'
--rho 2 --servers 0|--rho must be in (0, 1), got 2
EOF_BAD

# ---- a small demo run ----
small="--customers 20000"
# shellcheck disable=SC2086
if check "demo $small exits 0" 0 demo $small; then
    cp "$tmp/out" "$tmp/demo1"
    if grep -Eq '^metric +simulated +95% CI \+/- +analytic +in CI$' \
        "$tmp/demo1"; then
        pass "demo prints the analytic column"
    else
        fail "demo prints the analytic column" "$(cat "$tmp/demo1")"
    fi
    # M/M/1, rho 0.8, 10 us: W = rho / (mu - lambda) = 40 us, T = 50 us.
    if grep -Eq '^mean wait \(us\) .* 40\.000 ' "$tmp/demo1" &&
        grep -Eq '^mean response \(us\) .* 50\.000 ' "$tmp/demo1" &&
        grep -Eq '^utilization .* 0\.8000 ' "$tmp/demo1"; then
        pass "demo's analytic values are M/M/1's"
    else
        fail "demo's analytic values are M/M/1's" "$(cat "$tmp/demo1")"
    fi
    if grep -q 'events/s' "$tmp/err" && ! grep -q 'events/s' "$tmp/demo1"
    then
        pass "demo prints engine speed on stderr only"
    else
        fail "demo prints engine speed on stderr only"
    fi
fi
# shellcheck disable=SC2086
if check "demo $small again exits 0" 0 demo $small; then
    if cmp -s "$tmp/out" "$tmp/demo1"; then
        pass "demo's stdout is the same for the same seed"
    else
        fail "demo's stdout is the same for the same seed" \
            "$(diff "$tmp/demo1" "$tmp/out" | head -n 5)"
    fi
fi
# shellcheck disable=SC2086
if check "demo $small --seed 7 exits 0" 0 demo $small --seed 7; then
    if cmp -s "$tmp/out" "$tmp/demo1"; then
        fail "demo's output changes with the seed"
    else
        pass "demo's output changes with the seed"
    fi
fi
if check "demo --servers=4 --rho=0.5 exits 0" 0 demo --servers=4 --rho=0.5 \
    --customers=5000; then
    if grep -q '^M/M/4 queue: rho 0.5,' "$tmp/out"; then
        pass "demo takes --name=VALUE options and c > 1"
    else
        fail "demo takes --name=VALUE options and c > 1" \
            "$(head -n 1 "$tmp/out")"
    fi
fi

printf '%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
