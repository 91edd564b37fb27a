#!/bin/sh
# run.sh - tests of a run spread over processes as users run it: --shard
# K/N and merge give the results.json and results.csv of one run, byte for
# byte; --list; resume after SIGINT and after SIGKILL gives the same bytes
# again; bad shard specs, shards of another scenario or seed, a missing,
# repeated or interrupted shard, a journal of another run: exit 2, a clear
# first line, nothing written.
#
#   VIRTSIM=./virtsim sh tests/shard/run.sh
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
cd "$(dirname "$0")/../.." || exit 2
SW=tests/shard/sweep.json
SLOW=tests/shard/slow.json

LIB_NAME=shard
. tests/shard/lib.sh

# refused NAME FIRST_LINE_PREFIX MUST_NOT_EXIST ARGS...: exit 2, stderr's
# first line starts with the prefix, and the path was not created.
refused() {
    _name=$1
    _want=$2
    _path=$3
    shift 3
    vs "$@"
    _got=$(head -n 1 "$tmp/err")
    case $_got in
    "$_want"*)
        if [ "$status" -eq 2 ] && [ ! -e "$_path" ]; then
            pass "$_name"
        else
            fail "$_name" "virtsim $*" "exit status $status (want 2)" \
                "$_path exists: $(ls "$_path" 2>&1 | head -n 1)"
        fi ;;
    *)
        fail "$_name" "virtsim $*" "expected: $_want..." "got:      $_got" ;;
    esac
}

# --- shards and merge --------------------------------------------------
vs run $SW -o "$tmp/one" --quiet --no-charts
[ "$status" -eq 0 ] || fail "the whole run" "exit status $status"
ok=1
for k in 1 2 3; do
    vs run $SW --shard $k/3 -o "$tmp/shards" --quiet
    [ "$status" -eq 0 ] || ok=0
done
if [ $ok -eq 1 ] && [ -f "$tmp/shards/shard-2-of-3.json" ] &&
    [ ! -e "$tmp/shards/results.json" ] &&
    [ ! -e "$tmp/shards/shard-2-of-3.journal" ]; then
    pass "run --shard K/3 writes DIR/shard-K-of-3.json only"
else
    fail "run --shard K/3 writes DIR/shard-K-of-3.json only" \
        "$(ls "$tmp/shards" 2>&1)"
fi
vs merge "$tmp/shards" -o "$tmp/merged" --quiet
[ "$status" -eq 0 ] || fail "merge" "exit status $status" "$(cat "$tmp/err")"
same "merging 3 shards: results.json byte-identical to one run" \
    "$tmp/one/results.json" "$tmp/merged/results.json"
same "merging 3 shards: results.csv byte-identical to one run" \
    "$tmp/one/results.csv" "$tmp/merged/results.csv"

# Shards in directories of their own, run with --jobs 2, named as files.
for k in 1 2; do
    "$VIRTSIM" run $SW --shard $k/2 --jobs 2 -o "$tmp/two-$k" --quiet
done
vs merge "$tmp/two-2/shard-2-of-2.json" "$tmp/two-1" -o "$tmp/merged2" \
    --quiet
same "merging 2 shards from two directories (--jobs 2)" \
    "$tmp/one/results.json" "$tmp/merged2/results.json"

# --list: every task once over the shards, in scenario order.
vs run $SW --list
cut -f1 "$tmp/out" >"$tmp/list-all"
: >"$tmp/list-shards"
for k in 1 2 3; do
    "$VIRTSIM" run $SW --list --shard $k/3 | cut -f1 >>"$tmp/list-shards"
done
sort -n "$tmp/list-shards" >"$tmp/list-sorted"
if [ "$(wc -l <"$tmp/list-all")" -eq 12 ] &&
    [ "$(seq 0 11)" = "$(cat "$tmp/list-all")" ] &&
    cmp -s "$tmp/list-all" "$tmp/list-sorted" &&
    [ "$(sed -n 2p "$tmp/out")" = "$(printf '1\tc5n.large\txen-pv\tworkload.arrival.rate_rps=5000')" ]; then
    pass "--list prints the 12 tasks; the 3 shards' lists cover them once"
else
    fail "--list prints the 12 tasks; the 3 shards' lists cover them once" \
        "$(head -n 3 "$tmp/out")"
fi

# --- bad input: exit 2, nothing written ---------------------------------
refused "--shard 0/2 is refused" \
    "virtsim run: error: --shard must be K/N with 1 <= K <= N, got '0/2'" \
    "$tmp/bad1" run $SW --shard 0/2 -o "$tmp/bad1"
refused "--shard 3/2 is refused" \
    "virtsim run: error: --shard must be K/N with 1 <= K <= N, got '3/2'" \
    "$tmp/bad2" run $SW --shard 3/2 -o "$tmp/bad2"
refused "--shard 2 is refused" \
    "virtsim run: error: --shard must be K/N" \
    "$tmp/bad3" run $SW --shard 2 -o "$tmp/bad3"
refused "--shrd has a did-you-mean" \
    "virtsim run: error: unknown option '--shrd' (did you mean '--shard'?)" \
    "$tmp/bad4" run $SW --shrd 1/2 -o "$tmp/bad4"
refused "--resume DIR with another -o is refused" \
    "virtsim run: error: --resume '$tmp/r' continues the run in that directory" \
    "$tmp/bad5" run $SW --resume "$tmp/r" -o "$tmp/bad5"

"$VIRTSIM" run $SW --shard 2/3 --seed 99 -o "$tmp/seed" --quiet
refused "merging shards of different seeds is refused" \
    "virtsim merge: error: '$tmp/seed/shard-2-of-3.json' is of a different seed than" \
    "$tmp/m1" merge "$tmp/shards/shard-1-of-3.json" "$tmp/seed" \
    "$tmp/shards/shard-3-of-3.json" -o "$tmp/m1"
sed 's/"shard-sweep"/"other-sweep"/' $SW >"$tmp/other.json"
"$VIRTSIM" run "$tmp/other.json" --shard 3/3 -o "$tmp/other" --quiet
refused "merging shards of different scenarios is refused" \
    "virtsim merge: error: '$tmp/other/shard-3-of-3.json' is of a different scenario than" \
    "$tmp/m2" merge "$tmp/shards/shard-1-of-3.json" \
    "$tmp/shards/shard-2-of-3.json" "$tmp/other" -o "$tmp/m2"
refused "a missing shard is refused" \
    "virtsim merge: error: shard 2 of 3 is missing" \
    "$tmp/m3" merge "$tmp/shards/shard-1-of-3.json" \
    "$tmp/shards/shard-3-of-3.json" -o "$tmp/m3"
refused "a shard given twice is refused" \
    "virtsim merge: error: shard 1 of 3 given twice" \
    "$tmp/m4" merge "$tmp/shards" "$tmp/shards/shard-1-of-3.json" -o "$tmp/m4"
refused "shards of different N are refused" \
    "virtsim merge: error: '$tmp/two-1/shard-1-of-2.json' is shard 1 of 2" \
    "$tmp/m5" merge "$tmp/shards" "$tmp/two-1" -o "$tmp/m5"
mkdir -p "$tmp/empty"
refused "a directory without shards is refused" \
    "virtsim merge: error: '$tmp/empty' holds no shard files" \
    "$tmp/m6" merge "$tmp/empty" -o "$tmp/m6"

# --- resume ------------------------------------------------------------
"$VIRTSIM" run $SLOW -o "$tmp/slow-one" --quiet --no-charts

# interrupt CMD...: starts virtsim, signals it with $sig once its journal
# ($journal) holds two cells, waits; status in $status.
interrupt() {
    "$VIRTSIM" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null &
    _pid=$!
    _n=0
    while [ "$_n" -lt 600 ]; do
        if [ -f "$journal" ] && [ "$(wc -l <"$journal")" -ge 3 ]; then
            break
        fi
        sleep 0.02
        _n=$((_n + 1))
    done
    kill -s "$sig" "$_pid"
    wait "$_pid" 2>/dev/null
    status=$?
}

journal="$tmp/int/cells.journal"
sig=INT
interrupt run $SLOW -o "$tmp/int" --no-charts --jobs 2 --progress never
if [ "$status" -eq 130 ] && [ -f "$journal" ] &&
    grep -q '"partial": true' "$tmp/int/results.json" &&
    grep -q "^virtsim run: to finish it: virtsim run $SLOW --resume $tmp/int$" \
        "$tmp/err"; then
    pass "SIGINT: exit 130, partial results, the journal kept, a hint"
else
    fail "SIGINT: exit 130, partial results, the journal kept, a hint" \
        "exit status $status" "$(head -n 3 "$tmp/err")"
fi
vs run $SLOW --resume "$tmp/int" --quiet --no-charts --jobs 2
if [ "$status" -eq 0 ] && [ ! -e "$journal" ]; then
    pass "--resume after SIGINT completes and removes the journal"
else
    fail "--resume after SIGINT completes and removes the journal" \
        "exit status $status" "$(head -n 2 "$tmp/err")"
fi
same "--resume after SIGINT: results.json byte-identical to one run" \
    "$tmp/slow-one/results.json" "$tmp/int/results.json"
same "--resume after SIGINT: results.csv byte-identical to one run" \
    "$tmp/slow-one/results.csv" "$tmp/int/results.csv"

journal="$tmp/kill/shard-1-of-2.journal"
sig=KILL
interrupt run $SLOW --shard 1/2 -o "$tmp/kill" --quiet
# A write cut short by the crash: half a line at the end is dropped.
printf '{"task": 4, "cell": {"inst' >>"$journal"
vs run $SLOW --shard 1/2 --resume "$tmp/kill" --quiet
"$VIRTSIM" run $SLOW --shard 2/2 -o "$tmp/kill" --quiet
vs merge "$tmp/kill" -o "$tmp/kill-merged" --quiet
same "a shard resumed after SIGKILL merges byte-identical to one run" \
    "$tmp/slow-one/results.json" "$tmp/kill-merged/results.json"

refused "--resume without a journal is refused" \
    "$tmp/one/cells.journal: error: nothing to resume" "$tmp/one/results.json.x" \
    run $SW --resume "$tmp/one" --quiet

journal="$tmp/int2/cells.journal"
sig=INT
interrupt run $SLOW -o "$tmp/int2" --quiet
refused "--resume with another seed is refused" \
    "$journal:1: error: the journal is of a different seed" \
    "$tmp/int2/results.csv.x" run $SLOW --seed 3 --resume "$tmp/int2" --quiet
refused "--resume with another --shard is refused" \
    "$tmp/int2/shard-1-of-2.journal: error: nothing to resume" \
    "$tmp/int2/results.csv.x" run $SLOW --shard 1/2 --resume "$tmp/int2" \
    --quiet
sed -i '2s/.*/{"task": 0, "cell": [/' "$journal"
refused "a journal corrupt before its last line is refused at its line" \
    "$journal:2:" "$tmp/int2/results.csv.x" run $SLOW --resume "$tmp/int2" \
    --quiet

done_tests
