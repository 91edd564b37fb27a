#!/bin/sh
# install-deps.sh - installs what virtsim needs to build, test and draw
# charts on Debian or Ubuntu: GSL, jansson, Check, pkg-config and gnuplot.
# Does nothing when they are all there already. Uses sudo when not root.
# Exit status: 0 when everything is present afterwards, 1 otherwise.
# With --mpi it also installs Open MPI (openmpi-bin libopenmpi-dev) for
# `make mpi` (virtsim-mpi); the default build needs no MPI.

set -u

PACKAGES="libgsl-dev libjansson-dev check pkg-config gnuplot-nox"
PC_MODULES="gsl jansson check"
MPI=0
if [ "${1:-}" = "--mpi" ]; then
    MPI=1
    PACKAGES="$PACKAGES openmpi-bin libopenmpi-dev"
fi

say() {
    printf 'install-deps: %s\n' "$*"
}

die() {
    printf 'install-deps: error: %s\n' "$*" >&2
    exit 1
}

# Lists what is missing, one word each; prints nothing when all is there.
missing() {
    if ! command -v pkg-config >/dev/null 2>&1; then
        printf 'pkg-config '
    else
        for m in $PC_MODULES; do
            pkg-config --exists "$m" 2>/dev/null || printf '%s ' "$m"
        done
    fi
    command -v gnuplot >/dev/null 2>&1 || printf 'gnuplot '
    if [ "$MPI" -eq 1 ]; then
        command -v mpicc >/dev/null 2>&1 || printf 'mpicc '
        command -v mpirun >/dev/null 2>&1 || printf 'mpirun '
    fi
}

# Prints a command, then runs it.
run() {
    say "+ $*"
    "$@"
}

todo=$(missing)
if [ -z "$todo" ]; then
    say "gsl, jansson, check, pkg-config and gnuplot are already installed;" \
        "nothing to do"
    exit 0
fi
say "missing: ${todo% }"

command -v apt-get >/dev/null 2>&1 ||
    die "apt-get not found; install $PACKAGES (or your system's" \
        "equivalents) with its package manager"

if [ "$(id -u)" -eq 0 ]; then
    SUDO=
elif command -v sudo >/dev/null 2>&1; then
    SUDO=sudo
else
    die "not root and sudo not found; run as root: apt-get install $PACKAGES"
fi

export DEBIAN_FRONTEND=noninteractive
# `env` carries DEBIAN_FRONTEND through sudo, which may reset the environment.
run $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update ||
    die "'apt-get update' failed (see above)"
# shellcheck disable=SC2086  # PACKAGES is a list of words
run $SUDO env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends $PACKAGES ||
    die "'apt-get install $PACKAGES' failed (see above)"

todo=$(missing)
[ -z "$todo" ] ||
    die "still missing after installing: ${todo% }"
say "installed: $PACKAGES"
