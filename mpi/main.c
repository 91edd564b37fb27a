/*
 * main.c - the `virtsim-mpi` program: virtsim's commands with the pool's
 * tasks spread over the MPI ranks mpirun starts (mpi/pool_mpi.c). Every
 * rank runs the command line; ranks other than 0 print nothing and write
 * nothing, and take part only in `run` and `select`.
 */
#include <stdio.h>
#include <string.h>

#include "mpi/pool_mpi.h"

/* cli/main.c's main, compiled under this name for this program. */
int virtsim_cli_main(int argc, char **argv);

int main(int argc, char **argv)
{
    int rank = pool_mpi_start(&argc, &argv);
    int rc = 0;
    int distributed = argc > 1 && (!strcmp(argv[1], "run") ||
                                   !strcmp(argv[1], "select"));

    if (rank != 0) {
        /* The same messages as rank 0's, once is enough. */
        if (!freopen("/dev/null", "w", stdout) ||
            !freopen("/dev/null", "w", stderr))
            rc = 1;
    }
    if (rc == 0 && (rank == 0 || distributed))
        rc = virtsim_cli_main(argc, argv);
    pool_mpi_stop();
    return rc;
}
