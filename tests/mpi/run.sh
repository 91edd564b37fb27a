#!/bin/sh
# run.sh - virtsim-mpi under mpirun on this machine: a sweep over 3 ranks
# (--oversubscribe: more ranks than cores) gives the results.json and
# results.csv of `virtsim run --jobs 1` byte for byte; so does select; a
# shard run under MPI merges like any other; a run interrupted in one
# process resumes under MPI identically; a bad scenario is exit 2 on every
# rank. Run by `make test-mpi` (CI, after installing Open MPI).
#
#   VIRTSIM=./virtsim VIRTSIM_MPI=./virtsim-mpi sh tests/mpi/run.sh
#
# As root (CI), mpirun needs OMPI_ALLOW_RUN_AS_ROOT{,_CONFIRM}=1: set here.

set -u

if [ -z "${VIRTSIM:-}" ] || [ -z "${VIRTSIM_MPI:-}" ]; then
    echo "run.sh: error: set VIRTSIM and VIRTSIM_MPI" >&2
    exit 2
fi
if ! command -v mpirun >/dev/null 2>&1; then
    echo "run.sh: error: mpirun not found (apt-get install openmpi-bin)" >&2
    exit 2
fi
cd "$(dirname "$0")/../.." || exit 2
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
MPIRUN="mpirun --oversubscribe -np 3"
SW=tests/shard/sweep.json

LIB_NAME=mpi
. tests/shard/lib.sh

"$VIRTSIM" run $SW --jobs 1 -o "$tmp/one" --quiet --no-charts
$MPIRUN "$VIRTSIM_MPI" run $SW --mpi -o "$tmp/mpi" --no-charts \
    >"$tmp/out" 2>"$tmp/err"
status=$?
if [ "$status" -eq 0 ] && [ "$(grep -c '^results in ' "$tmp/err")" -eq 1 ]; then
    pass "mpirun -np 3 virtsim-mpi run: exit 0, output printed once"
else
    fail "mpirun -np 3 virtsim-mpi run: exit 0, output printed once" \
        "exit status $status" "$(head -n 3 "$tmp/err")"
fi
same "mpirun -np 3: results.json byte-identical to --jobs 1" \
    "$tmp/one/results.json" "$tmp/mpi/results.json"
same "mpirun -np 3: results.csv byte-identical to --jobs 1" \
    "$tmp/one/results.csv" "$tmp/mpi/results.csv"

"$VIRTSIM" select $SW --slo 'p99<500us' --families c5 --quiet \
    -o "$tmp/sel-one"
$MPIRUN "$VIRTSIM_MPI" select $SW --slo 'p99<500us' --families c5 --mpi \
    --quiet -o "$tmp/sel-mpi" >/dev/null 2>&1
same "mpirun -np 3 virtsim-mpi select: select.json byte-identical" \
    "$tmp/sel-one/select.json" "$tmp/sel-mpi/select.json"

for k in 1 2; do
    $MPIRUN "$VIRTSIM_MPI" run $SW --shard $k/2 --mpi -o "$tmp/sh" --quiet \
        >/dev/null 2>&1
done
"$VIRTSIM" merge "$tmp/sh" -o "$tmp/sh-merged" --quiet
same "shards run under mpirun merge byte-identical to --jobs 1" \
    "$tmp/one/results.json" "$tmp/sh-merged/results.json"

# A run interrupted in one process, resumed over 3 ranks.
SLOW=tests/shard/slow.json
"$VIRTSIM" run $SLOW -o "$tmp/slow-one" --quiet --no-charts
"$VIRTSIM" run $SLOW -o "$tmp/res" --quiet --no-charts 2>/dev/null &
pid=$!
n=0
while [ "$n" -lt 600 ]; do
    if [ -f "$tmp/res/cells.journal" ] &&
        [ "$(wc -l <"$tmp/res/cells.journal")" -ge 3 ]; then
        break
    fi
    sleep 0.02
    n=$((n + 1))
done
kill -s INT "$pid"
wait "$pid"
$MPIRUN "$VIRTSIM_MPI" run $SLOW --mpi --resume "$tmp/res" --quiet \
    --no-charts >/dev/null 2>&1
if [ ! -e "$tmp/res/cells.journal" ]; then
    pass "--resume under mpirun removes the journal"
else
    fail "--resume under mpirun removes the journal"
fi
same "a run interrupted, resumed under mpirun -np 3: byte-identical" \
    "$tmp/slow-one/results.json" "$tmp/res/results.json"

printf '{"name": "x", "instnces": []}\n' >"$tmp/bad.json"
$MPIRUN "$VIRTSIM_MPI" run "$tmp/bad.json" --mpi -o "$tmp/bad" \
    >"$tmp/out" 2>"$tmp/err"
status=$?
if [ "$status" -eq 2 ] && [ ! -e "$tmp/bad" ] &&
    grep -q "unknown key 'instnces'" "$tmp/err"; then
    pass "a bad scenario under mpirun: exit 2, the error, nothing written"
else
    fail "a bad scenario under mpirun: exit 2, the error, nothing written" \
        "exit status $status" "$(head -n 2 "$tmp/err")"
fi

done_tests
