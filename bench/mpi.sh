#!/bin/sh
# mpi.sh - the distribution benchmark of `make bench` (when mpicc is
# there): a 256-cell sweep (one instance at 256 rates) run by
# `virtsim run --jobs 1`, `--jobs 2` and `mpirun -np 2 virtsim-mpi`; prints
# each wall time, the speed-ups (target: >= 1.85 at 2 ranks on an idle
# machine; --bind-to none, as the cores are shared), checks that the three
# results.json are byte-identical, and prints the per-task distribution
# cost virtsim-mpi measures (VIRTSIM_MPI_STATS).
#
#   VIRTSIM=./virtsim VIRTSIM_MPI=./virtsim-mpi sh bench/mpi.sh

set -u
: "${VIRTSIM:?set VIRTSIM}" "${VIRTSIM_MPI:?set VIRTSIM_MPI}"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1

tmp=$(mktemp -d "${TMPDIR:-/tmp}/virtsim-bench-mpi.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

rates=$(awk 'BEGIN { for (i = 0; i < 256; i++)
                         printf "%s%d", i ? ", " : "", 1000 + 100 * i }')
cat >"$tmp/sweep.json" <<EOS
{
  "name": "bench-mpi",
  "seed": 3,
  "duration_s": 0.5,
  "warmup_s": 0.05,
  "replications": 2,
  "instances": ["c5.large"],
  "generations": ["nitro"],
  "workload": {
    "arrival": {"process": "poisson", "rate_rps": 1000},
    "request": [
      {"op": "net_rx", "bytes": 512},
      {"op": "compute", "cycles": {"dist": "exponential", "mean": 50000}},
      {"op": "net_tx", "bytes": 1024}
    ]
  },
  "sweep": {"workload.arrival.rate_rps": [$rates]}
}
EOS

now() {
    date +%s.%N
}

# timed NAME CMD...: runs CMD, prints and keeps its wall time in $t_NAME.
timed() {
    _name=$1
    shift
    _t0=$(now)
    "$@" >"$tmp/$_name.out" 2>"$tmp/$_name.err" || {
        echo "mpi.sh: error: $* failed:" >&2
        head -n 5 "$tmp/$_name.err" >&2
        exit 1
    }
    _t=$(awk -v a="$_t0" -v b="$(now)" 'BEGIN { print b - a }')
    eval "t_$_name=\$_t"
    printf '  %-28s %8.2f s\n' "$_name" "$_t"
}

echo "distribution: 256 cells, load average $(cut -d' ' -f1-3 /proc/loadavg)"
timed jobs1 "$VIRTSIM" run "$tmp/sweep.json" --jobs 1 -o "$tmp/j1" \
    --quiet --no-charts
timed jobs2 "$VIRTSIM" run "$tmp/sweep.json" --jobs 2 -o "$tmp/j2" \
    --quiet --no-charts
timed mpi2 env VIRTSIM_MPI_STATS=1 mpirun --oversubscribe --bind-to none -np 2 \
    "$VIRTSIM_MPI" run "$tmp/sweep.json" --mpi -o "$tmp/m2" --quiet \
    --no-charts
printf '  speed-up --jobs 2:           %8.2f\n' \
    "$(awk -v a="$t_jobs1" -v b="$t_jobs2" 'BEGIN { print a / b }')"
printf '  speed-up mpirun -np 2:       %8.2f  (target >= 1.85, idle machine)\n' \
    "$(awk -v a="$t_jobs1" -v b="$t_mpi2" 'BEGIN { print a / b }')"
grep '^virtsim-mpi:' "$tmp/mpi2.err" | sed 's/^/  /'
if cmp -s "$tmp/j1/results.json" "$tmp/j2/results.json" &&
    cmp -s "$tmp/j1/results.json" "$tmp/m2/results.json"; then
    echo "  results.json: byte-identical (--jobs 1, --jobs 2, mpirun -np 2)"
else
    echo "mpi.sh: error: the results differ" >&2
    exit 1
fi
