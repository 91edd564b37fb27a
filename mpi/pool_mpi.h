/*
 * pool_mpi.h - the pool's tasks spread over Open MPI ranks, for
 * virtsim-mpi (built by `make mpi` only). Every rank runs the same
 * command; at each pool_run rank 0 hands tasks out one at a time as ranks
 * ask (computing tasks itself meanwhile), then broadcasts every record, so
 * that all ranks go on with the same results and only rank 0 writes.
 */
#ifndef VIRTSIM_POOL_MPI_H
#define VIRTSIM_POOL_MPI_H

#include "run/pool.h"

/* The backend; pool_mpi_start installs it. */
extern const struct pool_backend_ops pool_mpi_backend;

/*
 * MPI_Init_thread, then installs the backend. Returns this process's rank
 * (0 writes the outputs); exits with status 1 when MPI cannot start.
 */
int pool_mpi_start(int *argc, char ***argv);

/* MPI_Finalize. */
void pool_mpi_stop(void);

#endif
