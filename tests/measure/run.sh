#!/bin/sh
# run.sh - the measurement commands as users run them: `virtsim compare`
# on a small run (table, files, HTML section, exit statuses, errors with
# file:line:col and nothing written), and `--params FILE` on run.
#
#   VIRTSIM=./virtsim sh tests/measure/run.sh
#
# Prints one line per check, then "N passed, M failed"; exits 1 on failure.

set -u

if [ -z "${VIRTSIM:-}" ]; then
    echo "run.sh: error: set VIRTSIM to the virtsim binary" >&2
    exit 2
fi
case $VIRTSIM in
*/*) ;;
*) VIRTSIM=./$VIRTSIM ;;
esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/virtsim-measure.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

passed=0
failed=0

pass() {
    passed=$((passed + 1))
    printf 'ok   %s\n' "$1"
}

fail() {
    failed=$((failed + 1))
    printf 'FAIL %s\n' "$1"
    shift
    for _line in "$@"; do
        printf '       %s\n' "$_line"
    done
}

# expect NAME STATUS ARGS...: runs virtsim, checks the exit status; output
# in $tmp/out and $tmp/err.
expect() {
    _name=$1
    _want=$2
    shift 2
    "$VIRTSIM" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
    _st=$?
    if [ "$_st" -eq "$_want" ]; then
        return 0
    fi
    fail "$_name" "virtsim $*" "exit status $_st, expected $_want" \
        "stderr: $(head -n 3 "$tmp/err")"
    return 1
}

# first_err NAME LINE: stderr's first line is LINE.
first_err() {
    _got=$(head -n 1 "$tmp/err")
    if [ "$_got" = "$2" ]; then
        pass "$1"
    else
        fail "$1" "expected: $2" "got:      $_got"
    fi
}

cat >"$tmp/s.json" <<'JSON'
{
  "name": "measure-test",
  "seed": 7,
  "duration_s": 0.1,
  "warmup_s": 0.02,
  "replications": 2,
  "instances": ["c5n.large"],
  "workload": {"generator": "microservices", "rate_rps": 4000},
  "sweep": {"workload.rate_rps": [4000, 8000]}
}
JSON

if ! expect "run the small scenario" 0 run "$tmp/s.json" -o "$tmp/r" \
        --quiet --no-charts; then
    echo "measure: $passed passed, $failed failed"
    exit 1
fi

# Measurements taken "from the simulation itself": the p99 of the first
# cell lies in its own interval; a tripled p99 does not.
p99=$(sed -n '/"p99"/{n;s/.*"mean": \([0-9.e+-]*\).*/\1/p;q}' \
    "$tmp/r/results.json")
p99x3=$(awk -v v="$p99" 'BEGIN { printf "%.6g", 3 * v }')
cat >"$tmp/m.csv" <<CSV
# measured in the lab
instance,generation,rate_rps,p99_us
c5n.large,actual,4000,$p99
c5n.large,nitro,8000,$p99x3
CSV

if expect "compare exits 0" 0 compare "$tmp/r/results.json" "$tmp/m.csv" \
        -o "$tmp/c"; then
    if grep -q '^c5n.large  nitro .*4000  p99 us .*within$' "$tmp/out" &&
        grep -q '^c5n.large  nitro .*8000  p99 us .*above$' "$tmp/out" &&
        grep -q '^1 of 2 measured figures lie within' "$tmp/out"; then
        pass "compare prints within for the simulated p99, above for 3x"
    else
        fail "compare prints within for the simulated p99, above for 3x" \
            "$(cat "$tmp/out")"
    fi
    if [ -s "$tmp/c/compare.json" ] && [ -s "$tmp/c/compare.csv" ] &&
        grep -q 'id="measurements"' "$tmp/c/index.html" &&
        [ -s "$tmp/c/charts/compare_latency.gp" ] &&
        [ -s "$tmp/c/charts/compare_sweep_p99.dat" ]; then
        pass "compare writes compare.json, .csv, its charts and the section"
    else
        fail "compare writes compare.json, .csv, its charts and the section" \
            "$(ls -R "$tmp/c" 2>&1)"
    fi
fi

# Bad measurements: exit 2, file:line:col, nothing written.
printf 'instance,p99_uss\nc5n.large,1\n' >"$tmp/bad1.csv"
if expect "compare: unknown column" 2 compare "$tmp/r/results.json" \
        "$tmp/bad1.csv" -o "$tmp/nothing"; then
    first_err "compare: unknown column names the near miss" \
        "$tmp/bad1.csv:1:10: error: unknown column 'p99_uss' (did you mean 'p99_us'?)"
fi
printf 'instance,rate_rps,p99_us\nc5n.large,4000,1\nm5.large,4000,1\n' \
    >"$tmp/bad2.csv"
if expect "compare: unmatched row" 2 compare "$tmp/r/results.json" \
        "$tmp/bad2.csv" -o "$tmp/nothing"; then
    first_err "compare: an unmatched row is named by its line" \
        "$tmp/bad2.csv:3:1: error: no simulated cell for 'm5.large': the results have no such instance"
fi
if [ -e "$tmp/nothing" ]; then
    fail "compare writes nothing on bad input"
else
    pass "compare writes nothing on bad input"
fi
if expect "compare: one argument" 2 compare "$tmp/r/results.json"; then
    first_err "compare: a missing file is a usage error" \
        "virtsim compare: error: missing the measurements file (MEASURED.csv)"
fi

# --params FILE: the values reach the run and its results.json.
printf '{"params": {"net.stack_rx_cycles": 90000}}\n' >"$tmp/p.json"
if expect "run --params" 0 run "$tmp/s.json" -o "$tmp/rp" --quiet \
        --no-charts --params "$tmp/p.json"; then
    p99p=$(sed -n '/"p99"/{n;s/.*"mean": \([0-9.e+-]*\).*/\1/p;q}' \
        "$tmp/rp/results.json")
    if grep -q '"net.stack_rx_cycles": 90000' "$tmp/rp/results.json" &&
        awk -v a="$p99p" -v b="$p99" 'BEGIN { exit !(a > b) }'; then
        pass "run --params records the values and they slow the stack"
    else
        fail "run --params records the values and they slow the stack" \
            "p99 $p99p with, $p99 without"
    fi
fi
printf '{"params": {"net.stack_rx_cycle": 9}}\n' >"$tmp/pb.json"
if expect "run --params: unknown parameter" 2 run "$tmp/s.json" \
        -o "$tmp/nothing" --params "$tmp/pb.json"; then
    first_err "run --params: unknown parameter at line:col" \
        "$tmp/pb.json:1:13: error: unknown parameter 'net.stack_rx_cycle' (did you mean 'net.stack_rx_cycles'?)"
fi
if expect "select --params: unknown parameter" 2 select "$tmp/s.json" \
        --slo 'p99<1ms' -o "$tmp/nothing" --params "$tmp/pb.json"; then
    first_err "select --params: unknown parameter at line:col" \
        "$tmp/pb.json:1:13: error: unknown parameter 'net.stack_rx_cycle' (did you mean 'net.stack_rx_cycles'?)"
fi
if [ -e "$tmp/nothing" ]; then
    fail "a bad params file writes nothing"
else
    pass "a bad params file writes nothing"
fi

# sensitivity: both ends of a range, tornado charts, flips; bad names.
cat >"$tmp/slo.json" <<'JSON'
{
  "name": "sens-test",
  "seed": 7,
  "duration_s": 0.05,
  "warmup_s": 0.01,
  "replications": 2,
  "instances": ["c5n.large"],
  "workload": {"generator": "microservices", "rate_rps": 3000},
  "slo": {"p99_us": 1000}
}
JSON
if expect "sensitivity exits 0" 0 sensitivity "$tmp/slo.json" \
        --params net.copy_cycles_per_byte,net.stack_rx_cycles=1000:4000 \
        -o "$tmp/sens"; then
    if grep -q '^  net.copy_cycles_per_byte .* ok/FAIL  flips$' "$tmp/out" &&
        grep -q '^  net.stack_rx_cycles  *1000  *4000 ' "$tmp/out" &&
        [ -s "$tmp/sens/sensitivity.json" ] &&
        [ -s "$tmp/sens/results.json" ] &&
        [ -s "$tmp/sens/charts/tornado_p99.gp" ] &&
        [ -s "$tmp/sens/charts/tornado_throughput.dat" ] &&
        grep -q 'id="sensitivity"' "$tmp/sens/index.html"; then
        pass "sensitivity prints the flip and writes tornado charts"
    else
        fail "sensitivity prints the flip and writes tornado charts" \
            "$(cat "$tmp/out")"
    fi
fi
if expect "sensitivity: unknown parameter" 2 sensitivity "$tmp/slo.json" \
        --params net.copy_cycles_per_bite -o "$tmp/nothing"; then
    first_err "sensitivity: unknown parameter names the near miss" \
        "virtsim sensitivity: error: unknown parameter 'net.copy_cycles_per_bite' (did you mean 'net.copy_cycles_per_byte'?)"
fi
if expect "sensitivity: no --params" 2 sensitivity "$tmp/slo.json"; then
    first_err "sensitivity: --params is required" \
        "virtsim sensitivity: error: --params is required: the parameters to vary (see 'virtsim modes --params')"
fi
if [ -e "$tmp/nothing" ]; then
    fail "sensitivity writes nothing on bad input"
else
    pass "sensitivity writes nothing on bad input"
fi

# select --robust: the verdicts at both ends of a range.
if expect "select --robust" 0 select "$tmp/slo.json" --slo 'p99<1ms' \
        --instances c5n.large --duration-s 0.3 --warmup-s 0.02 --no-prune \
        --robust net.copy_cycles_per_byte=0:100 -o "$tmp/sel" --quiet; then
    if grep -q '^  c5n.large  *nitro  *meets  *no  *net.copy_cycles_per_byte=100: ' "$tmp/out" &&
        grep -q '^0 of 1 simulated verdicts hold across the ranges$' "$tmp/out"; then
        pass "select --robust names the end where a verdict changes"
    else
        fail "select --robust names the end where a verdict changes" \
            "$(cat "$tmp/out")"
    fi
fi

# calibrate: fits, writes a params file run accepts; bad names exit 2.
if expect "calibrate exits 0" 0 calibrate "$tmp/s.json" "$tmp/m.csv" \
        --fit net.stack_rx_cycles=500:20000 -o "$tmp/fit.json" --max-iter 5; then
    if grep -q '^net.stack_rx_cycles  ' "$tmp/out" &&
        grep -q '^residuals .* over 2 figures: RMS' "$tmp/out" &&
        "$VIRTSIM" run "$tmp/s.json" --params "$tmp/fit.json" -o "$tmp/rf" \
            --quiet --no-charts >/dev/null 2>&1; then
        pass "calibrate writes a params file that run accepts"
    else
        fail "calibrate writes a params file that run accepts" \
            "$(cat "$tmp/out" "$tmp/err")"
    fi
fi
if expect "calibrate: unknown parameter" 2 calibrate "$tmp/s.json" \
        "$tmp/m.csv" --fit net.stack_rx -o "$tmp/nothing"; then
    first_err "calibrate: an unknown parameter is refused" \
        "virtsim calibrate: error: unknown parameter 'net.stack_rx'; see \`virtsim modes --params\`"
fi
if expect "calibrate: bad measurements" 2 calibrate "$tmp/s.json" \
        "$tmp/bad2.csv" --fit net.stack_rx_cycles -o "$tmp/nothing"; then
    first_err "calibrate: an unmatched row is named by its line" \
        "$tmp/bad2.csv:3:1: error: no simulated cell for 'm5.large': the results have no such instance"
fi
if [ -e "$tmp/nothing" ]; then
    fail "calibrate writes nothing on bad input"
else
    pass "calibrate writes nothing on bad input"
fi

# trace import: a fio v3 iolog and blkparse text the test writes; the
# trace it writes replays; a bad record exits 2 and writes nothing.
printf 'fio version 3 iolog\n0 f add\n10 f read 0 4096\n30 f write 0 8192\n' \
    >"$tmp/io.log"
if expect "trace import fio" 0 trace import "$tmp/io.log" --from fio \
        -o "$tmp/io.csv"; then
    if grep -q '^wrote .*: 2 requests over 2e-05 s, 1 disk_read (4096 bytes), 1 disk_write (8192 bytes); 1 records skipped$' "$tmp/out" &&
        "$VIRTSIM" trace check "$tmp/io.csv" >/dev/null 2>&1; then
        pass "trace import fio writes a trace that checks"
    else
        fail "trace import fio writes a trace that checks" "$(cat "$tmp/out")"
    fi
fi
printf '8,0 1 1 0.000000000 7 Q R 0 + 8 [x]\n8,0 1 2 0.00000x 7 Q W 0 + 8 [x]\n' \
    >"$tmp/blk.txt"
if expect "trace import blkparse: bad time" 2 trace import "$tmp/blk.txt" \
        --from blkparse -o "$tmp/nothing"; then
    first_err "trace import names the bad line" \
        "$tmp/blk.txt:2: error: time: expected SECONDS.NANOS, got '0.00000x'"
fi
if expect "trace import: unknown format" 2 trace import "$tmp/blk.txt" \
        --from blkprase -o "$tmp/nothing"; then
    first_err "trace import: unknown format has a did-you-mean" \
        "virtsim trace import: error: unknown input format 'blkprase' (did you mean 'blkparse'?)"
fi
if [ -e "$tmp/nothing" ]; then
    fail "trace import writes nothing on bad input"
else
    pass "trace import writes nothing on bad input"
fi

echo "measure: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
