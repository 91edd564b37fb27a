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
    if head -n 1 "$tmp/out" | grep -Eq '^virtsim [0-9]+\.[0-9]+\.[0-9]+$' &&
        sed -n 2p "$tmp/out" | grep -Eq '^commit ([0-9a-f]{12}(-dirty)?|unknown)$' &&
        sed -n 3p "$tmp/out" | grep -Eq '^GSL [0-9.]+ \(built with [0-9.]+\), jansson [0-9.]+ \(built with [0-9.]+\)$' &&
        [ "$(wc -l <"$tmp/out")" -eq 3 ] && [ ! -s "$tmp/err" ]; then
        pass "--version prints 'virtsim X.Y.Z', the commit and GSL's and jansson's versions"
    else
        fail "--version prints 'virtsim X.Y.Z', the commit and GSL's and jansson's versions" \
            "got: $(cat "$tmp/out")"
    fi
fi

# ---- completion: generated from the command table ----
if check "completion bash" 0 completion bash; then
    if command -v bash >/dev/null 2>&1; then
        cp "$tmp/out" "$tmp/comp.bash"
        _got=$(bash -c '. "$1"
            COMP_WORDS=(virtsim run --jo); COMP_CWORD=2; _virtsim
            printf "%s|" "${COMPREPLY[*]}"
            COMP_WORDS=(virtsim sel); COMP_CWORD=1; _virtsim
            printf "%s|" "${COMPREPLY[*]}"
            COMP_WORDS=(virtsim trace ""); COMP_CWORD=2; _virtsim
            printf "%s" "${COMPREPLY[*]}"' sh "$tmp/comp.bash" 2>&1)
        if [ "$_got" = "--jobs|select|gen check" ]; then
            pass "bash completion completes commands, options and subcommands"
        else
            fail "bash completion completes commands, options and subcommands" \
                "got: $_got"
        fi
    else
        fail "bash completion: bash is needed to test it"
    fi
fi
if check "completion zsh" 0 completion zsh; then
    if head -n 1 "$tmp/out" | grep -q '^#compdef virtsim$' &&
        grep -q "^    'select:cheapest instances" "$tmp/out" &&
        grep -q '^    (run) opts=(.* --jobs .*)' "$tmp/out"; then
        pass "zsh completion lists commands with summaries and options"
    else
        fail "zsh completion lists commands with summaries and options"
    fi
fi
if check "completion fish exits 2" 2 completion fish; then
    first_err_is "completion fish" "virtsim completion: error: unknown shell 'fish'; valid: bash, zsh"
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

# ---- instances: the catalog ----
if check "instances exits 0" 0 instances; then
    cp "$tmp/out" "$tmp/instances"
    if grep -Eq '^c5n\.large +2 ' "$tmp/instances" &&
        grep -Eq '^t2\.micro ' "$tmp/instances" &&
        grep -Eq '^i3en\.metal ' "$tmp/instances"; then
        pass "instances lists the catalog"
    else
        fail "instances lists the catalog" "$(head -n 5 "$tmp/instances")"
    fi
    if grep -q 'GiB' "$tmp/instances" && grep -q 'GHz' "$tmp/instances" &&
        grep -q 'Gb/s' "$tmp/instances" && grep -q 'Mb/s' "$tmp/instances" &&
        grep -q 'USD/hour' "$tmp/instances"; then
        pass "instances names its units in the header"
    else
        fail "instances names its units in the header" \
            "$(head -n 2 "$tmp/instances")"
    fi
    if awk 'length > 100 { bad = 1 } END { exit bad }' "$tmp/instances"; then
        pass "instances fits in 100 columns"
    else
        fail "instances fits in 100 columns" \
            "$(awk 'length > 100' "$tmp/instances" | head -n 1)"
    fi
    if grep -Eq '^t3\.large .* nitro .* yes$' "$tmp/instances" &&
        grep -Eq '^m5\.large .* nitro +[0-9.]+$' "$tmp/instances"; then
        pass "instances marks burstable types"
    else
        fail "instances marks burstable types" \
            "$(grep -E '^(t3|m5)\.large ' "$tmp/instances")"
    fi
fi
if check "instances again exits 0" 0 instances; then
    if cmp -s "$tmp/out" "$tmp/instances"; then
        pass "instances prints the same table every time"
    else
        fail "instances prints the same table every time"
    fi
fi
if check "instances --family c5n exits 0" 0 instances --family c5n; then
    # Data rows: from the third line to the first empty one.
    rows=$(awk 'NR > 2 && /^$/ { exit } NR > 2' "$tmp/out")
    if [ "$(printf '%s\n' "$rows" | wc -l)" -eq 7 ] &&
        ! printf '%s\n' "$rows" | grep -Evq '^c5n\.'; then
        pass "instances --family c5n lists only the 7 c5n rows"
    else
        fail "instances --family c5n lists only the 7 c5n rows" "$rows"
    fi
fi
if check "instances --json exits 0" 0 instances --json; then
    cp "$tmp/out" "$tmp/instances.json"
    if [ "$(head -c 1 "$tmp/instances.json")" = "[" ] &&
        grep -q '^    "name": "c5n.large",$' "$tmp/instances.json" &&
        grep -q '^    "clock_source": "unverified' "$tmp/instances.json"
    then
        pass "instances --json prints an array of profiles"
    else
        fail "instances --json prints an array of profiles" \
            "$(head -n 5 "$tmp/instances.json")"
    fi
    if [ "$(grep -c '^    "name": ' "$tmp/instances.json")" -eq 481 ] &&
        [ "$(grep -c '^    "credits": {$' "$tmp/instances.json")" -eq 8 ]
    then
        pass "instances --json: 481 profiles, credit rules for the 8 burstable"
    else
        fail "instances --json: 481 profiles, credit rules for the 8 burstable"
    fi
    if [ "$(grep -c '^    "usd_per_hour": null,$' "$tmp/instances.json")" \
        -eq 316 ]; then
        pass "instances --json: null price for the 316 unpriced profiles"
    else
        fail "instances --json: null price for the 316 unpriced profiles"
    fi
    if command -v python3 >/dev/null 2>&1; then
        if python3 -m json.tool "$tmp/instances.json" >/dev/null 2>&1; then
            pass "instances --json is valid JSON (python3 -m json.tool)"
        else
            fail "instances --json is valid JSON (python3 -m json.tool)"
        fi
    fi
fi
if check "instances --json --family t3 exits 0" 0 instances --json \
    --family=t3; then
    if [ "$(grep -c '^    "name": "t3\.' "$tmp/out")" -eq 4 ] &&
        [ "$(grep -c '^    "name": ' "$tmp/out")" -eq 4 ]; then
        pass "instances --json --family=t3 prints only the 4 t3 profiles"
    else
        fail "instances --json --family=t3 prints only the 4 t3 profiles"
    fi
fi

if check "instances --format json exits 0" 0 instances --format json; then
    if cmp -s "$tmp/out" "$tmp/instances.json"; then
        pass "instances --format json prints what --json prints"
    else
        fail "instances --format json prints what --json prints"
    fi
fi
if check "instances --format csv exits 0" 0 instances --format csv; then
    if [ "$(head -n 1 "$tmp/out" | cut -d, -f1-3)" = "name,family,vcpus" ] &&
        [ "$(wc -l <"$tmp/out")" -eq 482 ] &&
        grep -q '^c6gn\.16xlarge,c6gn,64,128,' "$tmp/out" &&
        grep -q '^m5\.large,.*,0\.096,false$' "$tmp/out" &&
        grep -q '^m6i\.large,.*,C,,false$' "$tmp/out"; then
        pass "instances --format csv: a header and 481 rows, empty unknown prices"
    else
        fail "instances --format csv: a header and 481 rows, empty unknown prices" \
            "$(head -n 2 "$tmp/out")"
    fi
fi
if check "instances filters exit 0" 0 instances --format csv --arch arm64 \
    --min-vcpus 64 --min-memory 128 --min-gbps 25 --hypervisor nitro; then
    want="c6g.16xlarge c6gd.16xlarge c6gn.16xlarge c7g.16xlarge i4g.16xlarge im4gn.16xlarge m6g.16xlarge m6gd.16xlarge m7g.16xlarge r6g.16xlarge r6gd.16xlarge r7g.16xlarge x2gd.16xlarge"
    got=$(tail -n +2 "$tmp/out" | cut -d, -f1 | sort | tr '\n' ' ')
    if [ "$got" = "$want " ]; then
        pass "instances filters combine (arm64, >= 64 vCPUs, 128 GiB, 25 Gb/s, nitro)"
    else
        fail "instances filters combine (arm64, >= 64 vCPUs, 128 GiB, 25 Gb/s, nitro)" \
            "$got"
    fi
fi
if check "instances --generation metal exits 0" 0 instances --format csv \
    --generation metal --hypervisor metal; then
    if [ "$(tail -n +2 "$tmp/out" | wc -l)" -eq 43 ] &&
        ! tail -n +2 "$tmp/out" | cut -d, -f1 | grep -vq '\.metal$'; then
        pass "instances --generation metal: the 43 bare-metal types"
    else
        fail "instances --generation metal: the 43 bare-metal types"
    fi
fi
if check "instances --hypervisor xen exits 0" 0 instances --hypervisor xen; then
    if grep -q '^c4\.8xlarge ' "$tmp/out" && grep -q '^i3\.large ' "$tmp/out" &&
        ! grep -q '^m5\.' "$tmp/out" && ! grep -q ' nitro ' "$tmp/out"; then
        pass "instances --hypervisor xen lists only Xen types"
    else
        fail "instances --hypervisor xen lists only Xen types"
    fi
fi
if check "instances with no match exits 0" 0 instances --min-vcpus 100000; then
    if grep -q '^(no instance type matches)$' "$tmp/out"; then
        pass "instances says when no type matches"
    else
        fail "instances says when no type matches" "$(head -n 3 "$tmp/out")"
    fi
fi

# ---- bad instances arguments: exit 2, no stdout, exact first line ----
while IFS='|' read -r args want; do
    # shellcheck disable=SC2086  # args is a list of words
    if check "instances $args exits 2" 2 instances $args; then
        if [ -s "$tmp/out" ]; then
            fail "instances $args prints nothing on stdout" \
                "$(head -n 1 "$tmp/out")"
        else
            first_err_is "instances $args" "virtsim instances: error: $want"
        fi
    fi
done <<'EOF_BAD'
--family c5x|unknown family 'c5x' (did you mean 'c5n'?)
--family zz|unknown family 'zz'
--family|--family needs a value
--family=|--family needs a value
--json=yes|--json takes no value, got 'yes'
--famly c5n|unknown option '--famly' (did you mean '--family'?)
--format xml|--format must be one of table, json, csv, got 'xml'
--format|--format needs a value
--min-vcpus x|--min-vcpus must be a number, got 'x'
--min-memory -1|--min-memory must be >= 0, got -1
--arch sparc|--arch must be one of x86_64, arm64, got 'sparc'
--hypervisor kvm|--hypervisor must be one of nitro, xen, metal, got 'kvm'
--generation=|--generation needs a value
--min-gpbs 10|unknown option '--min-gpbs' (did you mean '--min-gbps'?)
c5n|unexpected argument 'c5n'
EOF_BAD

# ---- workloads: the generators ----
if check "workloads exits 0" 0 workloads; then
    cp "$tmp/out" "$tmp/workloads"
    missing=
    for g in hft kv microservices web bigdata oltp batch storage; do
        grep -q "^$g: " "$tmp/workloads" || missing="$missing $g"
    done
    if [ -z "$missing" ]; then
        pass "workloads lists every generator"
    else
        fail "workloads lists every generator" "missing:$missing"
    fi
    if grep -Eq '^  rate_rps +20000  ' "$tmp/workloads" &&
        grep -q '^  source: ' "$tmp/workloads" &&
        grep -q 'arrival processes:' "$tmp/workloads"; then
        pass "workloads shows parameters, defaults and sources"
    else
        fail "workloads shows parameters, defaults and sources"
    fi
fi
if check "workloads oltp exits 0" 0 workloads oltp; then
    if grep -q '^oltp: ' "$tmp/out" && ! grep -q '^web: ' "$tmp/out" &&
        grep -q 'new_order (45%)' "$tmp/out"; then
        pass "workloads oltp shows only oltp, with its mix"
    else
        fail "workloads oltp shows only oltp, with its mix" \
            "$(head -n 3 "$tmp/out")"
    fi
fi
while IFS='|' read -r args want; do
    # shellcheck disable=SC2086  # args is a list of words
    if check "workloads $args exits 2" 2 workloads $args; then
        first_err_is "workloads $args" "virtsim workloads: error: $want"
    fi
done <<'EOF_BAD'
webb|unknown generator 'webb' (did you mean 'web'?)
mainframe|unknown generator 'mainframe'; valid: hft, kv, microservices, web, bigdata, oltp, batch, storage, build, syscalls
web kv|unexpected argument 'kv'
--jsn|unknown option '--jsn' (did you mean '--json'?)
--bogus|unknown option '--bogus'
--format xml|--format must be one of table, json, got 'xml'
EOF_BAD
if check "workloads --json" 0 workloads oltp --json; then
    if [ "$(head -c 1 "$tmp/out")" = "{" ] && [ ! -s "$tmp/err" ] &&
        grep -q '"name": "oltp"' "$tmp/out" &&
        ! grep -q '"name": "web"' "$tmp/out" &&
        grep -q '"default": ' "$tmp/out"; then
        pass "workloads NAME --json prints that generator's parameters as JSON"
    else
        fail "workloads NAME --json prints that generator's parameters as JSON"
    fi
fi
if check "explain --json" 0 explain --instance c4.large --op net_rx:1500 --json; then
    if [ "$(head -c 1 "$tmp/out")" = "{" ] && [ ! -s "$tmp/err" ] &&
        grep -q '"model": "pv"' "$tmp/out" &&
        grep -q '"under_generation": {' "$tmp/out" &&
        grep -q '"relative_to_native": 1.0' "$tmp/out"; then
        pass "explain --json prints every plan, the generation's and the summary"
    else
        fail "explain --json prints every plan, the generation's and the summary"
    fi
fi
if check "modes --json" 0 modes --json; then
    if [ "$(head -c 1 "$tmp/out")" = "{" ] &&
        grep -q '"cost_models": \[' "$tmp/out" &&
        grep -q '"name": "xen-pvhvm"' "$tmp/out"; then
        pass "modes --json lists cost models and generations as JSON"
    else
        fail "modes --json lists cost models and generations as JSON"
    fi
fi
if check "modes --params --format json" 0 modes --params --format json; then
    if grep -q '"name": "hvm.vmexit_cycles"' "$tmp/out" &&
        grep -q '"status": "' "$tmp/out"; then
        pass "modes --params --format json lists the parameters as JSON"
    else
        fail "modes --params --format json lists the parameters as JSON"
    fi
fi

# ---- trace gen and trace check ----
printf '{"generator": "kv", "rate_rps": 20000}\n' >"$tmp/kv.json"
printf '{"name": "s", "workload": {"arrival": {"process": "poisson", "rate_rps": 1000}, "request": [{"op": "sleep", "seconds": 0.001}]}}\n' \
    >"$tmp/scenario.json"
printf '{"generator": "batch"}\n' >"$tmp/closed.json"
printf '{"arrival": {"process": "poisson", "rate_rps": -5}, "request": [{"op": "net_rx", "bytes": 512}]}\n' \
    >"$tmp/bad.json"
if check "trace gen exits 0" 0 trace gen "$tmp/kv.json" -n 1000 \
    -o "$tmp/kv.csv"; then
    if [ "$(head -n 1 "$tmp/kv.csv")" = \
        "time_s,request,op,cycles,syscalls,page_faults,pt_updates,privileged,ctx_switches,bytes,count,sleep_s" ] &&
        [ "$(wc -l <"$tmp/kv.csv")" -eq 3001 ] &&
        grep -q "^wrote 1000 requests (3000 ops) spanning " "$tmp/out"; then
        pass "trace gen writes a CSV trace with a header, one op per line"
    else
        fail "trace gen writes a CSV trace with a header, one op per line" \
            "$(head -n 2 "$tmp/kv.csv")" "$(cat "$tmp/out")"
    fi
    if ls -a "$tmp" | grep -q '^\.kv\.csv\.'; then
        fail "trace gen leaves no temp file behind"
    else
        pass "trace gen leaves no temp file behind"
    fi
fi
if check "trace gen again exits 0" 0 trace gen "$tmp/kv.json" -n 1000 \
    -o "$tmp/kv2.csv"; then
    if cmp -s "$tmp/kv.csv" "$tmp/kv2.csv"; then
        pass "trace gen writes the same trace for the same seed"
    else
        fail "trace gen writes the same trace for the same seed"
    fi
fi
if check "trace gen --seed 7 exits 0" 0 trace gen "$tmp/kv.json" -n 1000 \
    -o "$tmp/kv3.csv" --seed 7; then
    if cmp -s "$tmp/kv.csv" "$tmp/kv3.csv"; then
        fail "trace gen's trace changes with the seed"
    else
        pass "trace gen's trace changes with the seed"
    fi
fi
if check "trace check of a generated trace exits 0" 0 trace check \
    "$tmp/kv.csv"; then
    if grep -q ": 1000 requests, 3000 ops, arrivals from " "$tmp/out"; then
        pass "trace check reads back every request"
    else
        fail "trace check reads back every request" "$(cat "$tmp/out")"
    fi
fi
# A trace as input converts it: CSV -> JSON Lines -> CSV is the identity.
printf '{"arrival": {"process": "trace", "file": "kv.csv"}}\n' \
    >"$tmp/replay.json"
printf '{"arrival": {"process": "trace", "file": "kv.jsonl"}}\n' \
    >"$tmp/replay2.json"
if check "trace gen converts a trace to jsonl" 0 trace gen "$tmp/replay.json" \
    -n 1000 -o "$tmp/kv.jsonl" &&
    check "trace gen converts it back to csv" 0 trace gen \
        "$tmp/replay2.json" -n 5000 -o "$tmp/kv4.csv"; then
    if [ "$(wc -l <"$tmp/kv.jsonl")" -eq 1000 ] &&
        cmp -s "$tmp/kv.csv" "$tmp/kv4.csv"; then
        pass "csv -> jsonl -> csv gives back the same trace"
    else
        fail "csv -> jsonl -> csv gives back the same trace" \
            "$(diff "$tmp/kv.csv" "$tmp/kv4.csv" | head -n 4)"
    fi
fi
if check "trace gen from a scenario file exits 0" 0 trace gen \
    "$tmp/scenario.json" -n 10 -o "$tmp/s.csv" --format jsonl; then
    if head -n 1 "$tmp/s.csv" | grep -q '^{"time_s": '; then
        pass "trace gen takes a scenario's workload and --format"
    else
        fail "trace gen takes a scenario's workload and --format" \
            "$(head -n 1 "$tmp/s.csv")"
    fi
fi
if check "trace gen of a closed workload exits 2" 2 trace gen \
    "$tmp/closed.json" -n 10 -o "$tmp/closed.csv"; then
    if [ ! -e "$tmp/closed.csv" ]; then
        first_err_is "trace gen of a closed workload" \
            "$tmp/closed.json: error: a closed workload has no arrival times of its own (they depend on response times); give it an open arrival process to write a trace"
    else
        fail "trace gen of a closed workload writes nothing"
    fi
fi
if check "trace gen of a bad workload exits 2" 2 trace gen "$tmp/bad.json" \
    -n 10 -o "$tmp/bad.csv"; then
    if [ ! -e "$tmp/bad.csv" ]; then
        first_err_is "trace gen of a bad workload" \
            "$tmp/bad.json: /arrival/rate_rps: error: 'rate_rps' must be > 0, got -5"
    else
        fail "trace gen of a bad workload writes nothing"
    fi
fi
# A failure half-way leaves the previous file as it was.
printf 'old\n' >"$tmp/keep.csv"
printf '{"arrival": {"process": "trace", "file": "%s"}}\n' \
    "$PWD/tests/data/traces/many-errors.csv" >"$tmp/badtrace.json"
if check "trace gen stops at a bad trace line" 2 trace gen \
    "$tmp/badtrace.json" -n 10 -o "$tmp/keep.csv"; then
    if [ "$(cat "$tmp/keep.csv")" = old ]; then
        first_err_is "trace gen names the bad line" \
            "$PWD/tests/data/traces/many-errors.csv:3: error: column 'bytes': expected a number, got 'x'"
    else
        fail "trace gen keeps the previous file on failure"
    fi
fi
if check "trace gen into a missing directory exits 1" 1 trace gen \
    "$tmp/kv.json" -n 10 -o "$tmp/no/such/dir/x.csv"; then
    first_err_is "trace gen into a missing directory" \
        "virtsim trace gen: error: cannot create a temporary file for '$tmp/no/such/dir/x.csv': No such file or directory"
fi
if check "trace check of a bad trace exits 2" 2 trace check \
    tests/data/traces/many-errors.csv; then
    if [ "$(wc -l <"$tmp/err")" -eq 3 ]; then
        first_err_is "trace check reports every bad line" \
            "tests/data/traces/many-errors.csv:3: error: column 'bytes': expected a number, got 'x'"
    else
        fail "trace check reports every bad line" "$(cat "$tmp/err")"
    fi
fi
while IFS='|' read -r args want; do
    # shellcheck disable=SC2086  # args is a list of words
    if check "trace $args exits 2" 2 trace $args; then
        if [ -s "$tmp/out" ]; then
            fail "trace $args prints nothing on stdout"
        else
            first_err_is "trace $args" "$want"
        fi
    fi
done <<'EOF_BAD'
|virtsim trace: error: missing subcommand: gen, check or import
gne|virtsim trace: error: unknown subcommand 'gne' (did you mean 'gen'?)
gen|virtsim trace gen: error: missing WORKLOAD.json
gen w.json -o x.csv|virtsim trace gen: error: -n is required
gen w.json -n 5|virtsim trace gen: error: -o is required
gen w.json -n 0 -o x.csv|virtsim trace gen: error: -n must be between 1 and 1000000000, got 0
gen w.json -n 5x -o x.csv|virtsim trace gen: error: -n must be a non-negative integer, got '5x'
gen w.json -n 5 -o x.csv --format tsv|virtsim trace gen: error: --format must be csv or jsonl, got 'tsv'
gen w.json -n 5 -o x.csv --sed 3|virtsim trace gen: error: unknown option '--sed' (did you mean '--seed'?)
gen w.json v.json|virtsim trace gen: error: unexpected argument 'v.json'
check|virtsim trace check: error: missing TRACE
check tests/data/traces/none.csv|tests/data/traces/none.csv: error: cannot open trace: No such file or directory
EOF_BAD

# ---- modes, explain, run, validate ----

if check "modes" 0 modes; then
    if grep -q '^  hvm ' "$tmp/out" && grep -q '^  nitro ' "$tmp/out" &&
        grep -q '^  metal ' "$tmp/out"; then
        pass "modes lists cost models and generations"
    else
        fail "modes lists cost models and generations" "$(head -n 5 "$tmp/out")"
    fi
fi
if check "modes --params" 0 modes --params; then
    if grep -q '^hvm.vmexit_cycles  *2000 cycles  *V' "$tmp/out" &&
        grep -q 'SplitX' "$tmp/out"; then
        pass "modes --params shows values, status and sources"
    else
        fail "modes --params shows values, status and sources"
    fi
fi
if check "explain" 0 explain --instance c4.large --op net_rx:1500; then
    if grep -q '^under generation xen-sriov-net' "$tmp/out" &&
        grep -q '^  emulation .*x ' "$tmp/out" &&
        grep -q 'dom0: physical driver' "$tmp/out"; then
        pass "explain plans the op under every model and the generation"
    else
        fail "explain plans the op under every model and the generation"
    fi
fi
if check "explain --param" 0 explain --instance m5.large --op irq \
    --param hvm.posted_interrupts=0 --generation nitro; then
    if grep -q 'VM exit: EOI write' "$tmp/out"; then
        pass "explain --param turns posted interrupts off"
    else
        fail "explain --param turns posted interrupts off"
    fi
fi
while IFS='|' read -r args want; do
    # shellcheck disable=SC2086  # args is a list of words
    if check "explain $args exits 2" 2 explain $args; then
        first_err_is "explain $args" "$want"
    fi
done <<'EOF_BAD'
--op net_rx|virtsim explain: error: --instance is required
--instance c5n.larg --op net_rx|virtsim explain: error: unknown instance 'c5n.larg' (did you mean 'c5n.large'?)
--instance c5n.large --op net_recv|virtsim explain: error: unknown op 'net_recv' (did you mean 'net_rx'?)
--instance c5n.large --op sleep|virtsim explain: error: unknown op 'sleep'; valid: compute, net_rx, net_tx, disk_read, disk_write, irq, timer
--instance c5n.large --op net_rx:-5|virtsim explain: error: --op size must be >= 0, got -5
--instance c5n.large --op net_rx --generation nitr0|virtsim explain: error: unknown generation 'nitr0' (did you mean 'nitro'?)
--instance c5n.large --op net_rx --param hvm.vmexit_cycles=-1|virtsim explain: error: parameter 'hvm.vmexit_cycles' must be in [0, 1e+07] cycles, got -1
EOF_BAD

if check "validate a workload file" 0 validate scenarios/select-microservices.json; then
    if grep -q '^scenarios/select-microservices.json: ok: a workload, for virtsim select$' "$tmp/out"; then
        pass "validate checks a workload file (as select takes) as a workload"
    else
        fail "validate checks a workload file (as select takes) as a workload" "$(cat "$tmp/out")"
    fi
fi
if check "validate -q by name" 0 validate -q mm1 scenarios/hft.json; then
    if [ ! -s "$tmp/out" ]; then
        pass "validate -q takes shipped scenario names and prints nothing when fine"
    else
        fail "validate -q takes shipped scenario names and prints nothing when fine"
    fi
fi
if check "validate a shipped scenario" 0 validate scenarios/quickstart.json; then
    pass "validate scenarios/quickstart.json"
fi
if check "run mm1" 0 run tests/golden/mm1/scenario.json -o "$tmp/mm1" \
    --format table,csv,json --progress never; then
    if [ -f "$tmp/mm1/results.json" ] && [ -f "$tmp/mm1/results.csv" ] &&
        grep -q '^lab-1cpu  metal ' "$tmp/out"; then
        pass "run prints the table and writes results.json and results.csv"
    else
        fail "run prints the table and writes results.json and results.csv"
    fi
    ls -a "$tmp/mm1" >"$tmp/ls"
    if grep -q '^\.results' "$tmp/ls"; then
        fail "run leaves no temporary files" "$(cat "$tmp/ls")"
    else
        pass "run leaves no temporary files"
    fi
fi
if check "run --jobs 2" 0 run tests/golden/mm1/scenario.json -o "$tmp/mm1j" \
    --format json --jobs 2 --quiet; then
    if cmp -s "$tmp/mm1/results.json" "$tmp/mm1j/results.json"; then
        pass "run --jobs 2 writes the same results.json as --jobs 1"
    else
        fail "run --jobs 2 writes the same results.json as --jobs 1"
    fi
fi
if check "run --chart-format svg" 0 run tests/golden/mm1/scenario.json \
    -o "$tmp/mm1svg" --format json --chart-format svg --quiet; then
    if [ -f "$tmp/mm1svg/index.html" ] && [ -f "$tmp/mm1svg/charts/latency.gp" ] &&
        grep -q "set terminal svg" "$tmp/mm1svg/charts/latency.gp"; then
        pass "run --chart-format svg writes svg chart scripts and index.html"
    else
        fail "run --chart-format svg writes svg chart scripts and index.html"
    fi
fi
if check "run --no-charts" 0 run tests/golden/mm1/scenario.json \
    -o "$tmp/mm1nc" --format json --no-charts --quiet; then
    if [ -f "$tmp/mm1nc/index.html" ] && [ ! -e "$tmp/mm1nc/charts" ]; then
        pass "run --no-charts writes index.html and no charts"
    else
        fail "run --no-charts writes index.html and no charts"
    fi
fi
if check "run --seed" 0 run tests/golden/mm1/scenario.json -o "$tmp/mm1s" \
    --format json --seed 8 --quiet; then
    if cmp -s "$tmp/mm1/results.json" "$tmp/mm1s/results.json"; then
        fail "run --seed changes the results"
    elif grep -q '"seed": 8,' "$tmp/mm1s/results.json"; then
        pass "run --seed changes the results and is recorded"
    else
        fail "run --seed is recorded in the effective scenario"
    fi
fi
# ---- stdout as an output: the document and nothing else ----
if check "run -o -" 0 run tests/golden/mm1/scenario.json -o - --progress never; then
    if cmp -s "$tmp/out" "$tmp/mm1/results.json" && [ ! -e ./- ]; then
        pass "run -o - prints results.json on stdout and writes no files"
    else
        fail "run -o - prints results.json on stdout and writes no files"
    fi
fi
if check "run --json" 0 run tests/golden/mm1/scenario.json -o "$tmp/mm1o" \
    --json --progress never; then
    if cmp -s "$tmp/out" "$tmp/mm1/results.json" &&
        cmp -s "$tmp/mm1o/results.json" "$tmp/mm1/results.json" &&
        grep -q "^results in $tmp/mm1o/" "$tmp/err"; then
        pass "run --json: the document on stdout, the files, messages on stderr"
    else
        fail "run --json: the document on stdout, the files, messages on stderr" \
            "$(head -n 3 "$tmp/out")"
    fi
fi
if check "run --csv -o -" 0 run tests/golden/mm1/scenario.json -o - --format csv \
    -q; then
    if cmp -s "$tmp/out" "$tmp/mm1/results.csv"; then
        pass "run --format csv -o - prints results.csv"
    else
        fail "run --format csv -o - prints results.csv"
    fi
fi
if check "run -qj2 -o-" 0 run -qj2 -o- -- tests/golden/mm1/scenario.json; then
    if cmp -s "$tmp/out" "$tmp/mm1/results.json"; then
        pass "run takes bundled short options and --"
    else
        fail "run takes bundled short options and --"
    fi
fi
if check "run --param" 0 run tests/golden/mm1/scenario.json -o - \
    --param hvm.vmexit_cycles=1700 -q; then
    if grep -q '"hvm.vmexit_cycles": 1700' "$tmp/out"; then
        pass "run --param is applied and recorded in the effective scenario"
    else
        fail "run --param is applied and recorded in the effective scenario"
    fi
fi
_here=$(pwd)
_abs=$(cd "$(dirname "$VIRTSIM")" && pwd)/$(basename "$VIRTSIM")
if (cd "$tmp" && "$_abs" run mm1 -o - -q >"$tmp/out" 2>"$tmp/err"); then
    if grep -q '"name": "mm1"' "$tmp/out"; then
        pass "run NAME finds a shipped scenario from another directory"
    else
        fail "run NAME finds a shipped scenario from another directory"
    fi
else
    fail "run NAME finds a shipped scenario from another directory" \
        "$(head -n 2 "$tmp/err")"
fi
cd "$_here" || exit 1

while IFS='|' read -r args want; do
    # shellcheck disable=SC2086  # args is a list of words
    if check "run $args exits 2" 2 run $args; then
        first_err_is "run $args" "$want"
    fi
done <<'EOF_BAD'
|virtsim run: error: no scenario file given
scenarios/mm1.json --jobs 0|virtsim run: error: --jobs must be in [1, 256], got 0
scenarios/mm1.json --progress sometimes|virtsim run: error: --progress must be auto, always or never, got 'sometimes'
scenarios/mm1.json --format html|virtsim run: error: --format must be one of table, json, csv, got 'html'
scenarios/mm1.json --jbos 2|virtsim run: error: unknown option '--jbos' (did you mean '--jobs'?)
scenarios/mm1.json --bogus|virtsim run: error: unknown option '--bogus'
scenarios/mm1.json --quiet=yes|virtsim run: error: --quiet takes no value, got 'yes'
scenarios/mm1.json --param nosuch.param=1|virtsim run: error: unknown parameter 'nosuch.param'; see `virtsim modes --params`
scenarios/mm1.json --param hvm.vmexit_cycles|virtsim run: error: --param needs NAME=VALUE, got 'hvm.vmexit_cycles'
scenarios/mm1.json -j|virtsim run: error: -j (--jobs) needs a value
tests/data/none.json|tests/data/none.json: error: cannot open: No such file or directory
EOF_BAD

# An interrupted run keeps what it finished: exit 130, "partial": true.
# SIGTERM also with worker processes, which the runner must stop.
for sig in INT TERM; do
    _jobs=1
    [ "$sig" = TERM ] && _jobs=2
    "$VIRTSIM" run tests/data/long.json -o "$tmp/int$sig" --quiet \
        --format json --jobs "$_jobs" </dev/null >/dev/null 2>"$tmp/err" &
    _pid=$!
    sleep 1
    kill -s "$sig" "$_pid"
    wait "$_pid"
    status=$?
    if [ "$status" -eq 130 ] && grep -q '"partial": true' "$tmp/int$sig/results.json" &&
        grep -q '^virtsim run: interrupted: writing the' "$tmp/err"; then
        pass "run --jobs $_jobs stopped by SIG$sig writes partial results, exits 130"
    else
        fail "run --jobs $_jobs stopped by SIG$sig writes partial results, exits 130" \
            "exit status $status" "$(head -n 2 "$tmp/err")"
    fi
    if ls -a "$tmp/int$sig" | grep -q '^\.'"results"; then
        fail "an interrupted run leaves no temporary files"
    fi
done

# An interrupted re-run never replaces results: its partial set goes beside.
mkdir -p "$tmp/rerun"
echo complete > "$tmp/rerun/results.json"
"$VIRTSIM" run tests/data/long.json -o "$tmp/rerun" --quiet --format json \
    </dev/null >/dev/null 2>"$tmp/err" &
_pid=$!
sleep 1
kill -s INT "$_pid"
wait "$_pid"
status=$?
if [ "$status" -eq 130 ] && [ "$(cat "$tmp/rerun/results.json")" = complete ] &&
    grep -q '"partial": true' "$tmp/rerun.partial/results.json"; then
    pass "an interrupted re-run keeps the results and writes DIR.partial"
else
    fail "an interrupted re-run keeps the results and writes DIR.partial" \
        "exit status $status" "$(head -n 2 "$tmp/err")"
fi

# What a command prints must reach stdout: a full device is a failure.
if [ -w /dev/full ]; then
    "$VIRTSIM" validate scenarios/mm1.json >/dev/full 2>"$tmp/err"
    status=$?
    if [ "$status" -eq 1 ] && grep -q '^virtsim: error: cannot write to stdout' "$tmp/err"; then
        pass "validate > /dev/full exits 1"
    else
        fail "validate > /dev/full exits 1" "exit status $status" \
            "$(head -n 1 "$tmp/err")"
    fi
fi

# ---- select: an SLO, candidates, verdicts and reasons ----
while IFS='|' read -r args want; do
    # shellcheck disable=SC2086  # args is a list of words
    if check "select $args exits 2" 2 select $args; then
        if [ -s "$tmp/out" ]; then
            fail "select $args prints nothing on stdout" \
                "$(head -n 1 "$tmp/out")"
        else
            first_err_is "select $args" "$want"
        fi
    fi
done <<'EOF_BAD'
|virtsim select: error: no workload file given
scenarios/select-microservices.json|virtsim select: error: --slo is required, e.g. --slo 'p99<200us,rps>=20000'
scenarios/select-microservices.json --slo p98<1ms|virtsim select: error: --slo: unknown metric 'p98' in 'p98<1ms' (did you mean 'p99'?)
scenarios/select-microservices.json --slo p99<200|virtsim select: error: --slo: 'p99<200': give a unit: us, ms or s
scenarios/select-microservices.json --slo rps<=5|virtsim select: error: --slo: 'rps<=5': rps takes a lower bound (rps>=VALUE)
scenarios/select-microservices.json --slo p99<1ms,cpu<=150%|virtsim select: error: --slo: 'cpu<=150%': cpu must be in (0, 1] or (0%, 100%]
scenarios/select-microservices.json --slo p99<1ms --replications 1|virtsim select: error: --replications must be in [2, 1000] (a verdict needs a confidence interval), got 1
scenarios/select-microservices.json --slo p99<1ms --load-factor 0|virtsim select: error: --load-factor must be in (0, 10000], got 0
scenarios/select-microservices.json --slo p99<1ms --generation nitr0|virtsim select: error: unknown generation 'nitr0' (did you mean 'nitro'?)
scenarios/select-microservices.json --slo p99<1ms --families c5x|virtsim select: error: --families: unknown family 'c5x' (did you mean 'c5n'?)
scenarios/select-microservices.json --slo p99<1ms --instances m5.lrage|virtsim select: error: unknown instance 'm5.lrage' (did you mean 'm5.large'?)
scenarios/select-microservices.json --slo p99<1ms --families c5n --max-usd-hour 0.01|virtsim select: error: no candidate instance left: none of --families costs at most 0.01 USD/hour
scenarios/select-microservices.json --sol p99<1ms|virtsim select: error: unknown option '--sol' (did you mean '--slo'?)
scenarios/select-microservices.json --slo p99<1ms --param nosuch=1|virtsim select: error: unknown parameter 'nosuch'; see `virtsim modes --params`
scenarios/select-microservices.json --slo p99<1ms --format xml|virtsim select: error: --format must be one of table, json, csv, got 'xml'
tests/data/none.json --slo p99<1ms|tests/data/none.json: error: cannot open: No such file or directory
EOF_BAD
if check "select of a bad workload exits 2" 2 select "$tmp/bad.json" \
    --slo 'p99<1ms'; then
    first_err_is "select of a bad workload names its line and column" \
        "$tmp/bad.json:1:36: error: 'rate_rps' must be > 0, got -5"
fi
if check "select --load-factor of a closed workload exits 2" 2 select \
    "$tmp/closed.json" --slo 'p99<1s' --load-factor 2; then
    first_err_is "select --load-factor of a closed workload" \
        "virtsim select: error: --load-factor: the workload is a closed loop of clients, whose rate follows response times; there is no rate to scale (change its number of clients instead)"
fi

# 20,000 requests/s of 1 M cycles: c5.large and c5.xlarge cannot carry
# them (pruned by vCPU cycles), c5.2xlarge (8 vCPUs, $0.34/h) and
# c5.4xlarge can; the 2xlarge is the cheaper.
printf '{"arrival": {"process": "poisson", "rate_rps": 20000}, "request": [{"op": "compute", "cycles": 1000000}]}\n' \
    >"$tmp/cpu.json"
if check "a small select run" 0 select "$tmp/cpu.json" --slo 'p99<5ms' \
    --families c5 --max-usd-hour 0.7 --duration-s 0.05 --replications 2 \
    -o "$tmp/sel" --progress never; then
    if grep -Eq '^  1 c5\.2xlarge +nitro +meets ' "$tmp/out" &&
        grep -Eq '^  2 c5\.4xlarge +nitro +meets ' "$tmp/out" &&
        grep -q '^2 pruned by capacity bounds (2 vCPU cycles); 2 simulated: 2 meet' \
            "$tmp/out" &&
        grep -q '^cheapest that meets the SLO: c5\.2xlarge (nitro)' "$tmp/out"
    then
        pass "select picks c5.2xlarge and prunes the smaller c5s"
    else
        fail "select picks c5.2xlarge and prunes the smaller c5s" \
            "$(head -n 12 "$tmp/out")"
    fi
    if awk 'length > 100 { bad = 1 } END { exit bad }' "$tmp/out"; then
        pass "select's table fits in 100 columns"
    else
        fail "select's table fits in 100 columns" \
            "$(awk 'length > 100' "$tmp/out" | head -n 1)"
    fi
    if [ -f "$tmp/sel/select.json" ] && [ -f "$tmp/sel/select.csv" ] &&
        grep -q '"cheapest": "c5.2xlarge"' "$tmp/sel/select.json" &&
        [ "$(wc -l <"$tmp/sel/select.csv")" -eq 5 ]; then
        pass "select writes select.json and select.csv"
    else
        fail "select writes select.json and select.csv" "$(ls -a "$tmp/sel")"
    fi
    if [ -f "$tmp/sel/charts/cost.gp" ] && [ -f "$tmp/sel/index.html" ] &&
        grep -q "SLO: p99 at most 5000" "$tmp/sel/charts/cost.gp"; then
        pass "select draws the cost-p99 chart with the SLO, and index.html"
    else
        fail "select draws the cost-p99 chart with the SLO, and index.html" \
            "$(ls -a "$tmp/sel" "$tmp/sel/charts" 2>&1 | tr '\n' ' ')"
    fi
    if ls -a "$tmp/sel" | grep -q '^\.select'; then
        fail "select leaves no temporary files"
    else
        pass "select leaves no temporary files"
    fi
fi
if check "select -o -" 0 select "$tmp/cpu.json" --slo 'p99<5ms' \
    --families c5 --max-usd-hour 0.7 --duration-s 0.05 --replications 2 \
    -o - -j2 --progress never; then
    if cmp -s "$tmp/out" "$tmp/sel/select.json" && [ ! -e ./- ]; then
        pass "select -o - prints select.json on stdout and writes no files"
    else
        fail "select -o - prints select.json on stdout and writes no files"
    fi
fi
if check "select --csv" 0 select "$tmp/cpu.json" --slo 'p99<5ms' \
    --families c5 --max-usd-hour 0.7 --duration-s 0.05 --replications 2 \
    -o "$tmp/sel3" --csv --progress never; then
    if cmp -s "$tmp/out" "$tmp/sel/select.csv" &&
        grep -q "^results in $tmp/sel3/" "$tmp/err"; then
        pass "select --csv prints select.csv on stdout, messages on stderr"
    else
        fail "select --csv prints select.csv on stdout, messages on stderr"
    fi
fi
if check "select --jobs 2" 0 select "$tmp/cpu.json" --slo 'p99<5ms' \
    --families c5 --max-usd-hour 0.7 --duration-s 0.05 --replications 2 \
    -o "$tmp/sel2" --jobs 2 --quiet; then
    if cmp -s "$tmp/sel/select.json" "$tmp/sel2/select.json" &&
        [ ! -s "$tmp/out" ]; then
        pass "select --jobs 2 writes the same select.json, --quiet nothing"
    else
        fail "select --jobs 2 writes the same select.json, --quiet nothing"
    fi
fi
# An unpriced type (no price source: usd_per_hour 0) costs n/a, not 0: it
# ranks after the priced one and is never the cheapest.
if check "select with an unpriced candidate" 0 select "$tmp/cpu.json" \
    --slo 'p99<5ms' --instances c6i.2xlarge,c5.2xlarge --duration-s 0.05 \
    --replications 2 -o "$tmp/sel4" --progress never; then
    if grep -Eq '^  2 c6i\.2xlarge +nitro +meets +n/a +- ' "$tmp/out" &&
        grep -q '^cheapest that meets the SLO: c5\.2xlarge (nitro)' "$tmp/out" &&
        grep -q '"usd_per_hour": null' "$tmp/sel4/select.json" &&
        grep -q '^2,c6i\.2xlarge,nitro,meets,,,' "$tmp/sel4/select.csv"; then
        pass "select prints n/a (JSON null, CSV empty) for an unpriced type"
    else
        fail "select prints n/a (JSON null, CSV empty) for an unpriced type" \
            "$(sed -n 7,9p "$tmp/out")"
    fi
fi
if check "select takes a scenario's workload" 0 select scenarios/quickstart.json \
    --slo 'p99<2ms' --instances c5n.large --duration-s 0.05 -o "$tmp/sel3" \
    --progress never; then
    first_err_is "select says it uses only the scenario's workload" \
        "virtsim select: note: using the \"workload\" of scenario scenarios/quickstart.json; its other keys (instances, params, sweep, slo, ...) are not used"
fi
"$VIRTSIM" select scenarios/select-microservices.json --slo 'p99<1ms' \
    -o "$tmp/selint" --progress never </dev/null >/dev/null 2>"$tmp/err" &
_pid=$!
sleep 1
kill -s INT "$_pid"
wait "$_pid"
status=$?
if [ "$status" -eq 130 ] && [ ! -e "$tmp/selint/select.json" ] &&
    grep -q '^virtsim select: interrupted; nothing written$' "$tmp/err"; then
    pass "select stopped by SIGINT writes nothing and exits 130"
else
    fail "select stopped by SIGINT writes nothing and exits 130" \
        "exit status $status" "$(head -n 2 "$tmp/err")"
fi

printf '%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
