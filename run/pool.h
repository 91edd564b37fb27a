/*
 * pool.h - running independent tasks (the runner's cells, select's
 * diagnosis replications and headroom probes) in --jobs worker processes:
 * each worker takes the next task not yet taken and sends back fixed-size
 * records through a pipe. Each task's result depends on its inputs only, so the
 * records are the same whatever jobs is.
 */
#ifndef VIRTSIM_POOL_H
#define VIRTSIM_POOL_H

#include <stddef.h>

#include "base/diag.h"
#include "run/status.h"

/*
 * One task: fills rec (rec_size bytes, zeroed beforehand) with task i's
 * result; ctx is the caller's, read-only. Returns RUN_OK, RUN_INPUT_ERROR
 * with a diag, or RUN_STOPPED when *stop was raised. rec must hold plain
 * values (no pointers): it crosses a pipe.
 */
typedef enum run_status pool_task_fn(size_t i, void *rec, const void *ctx,
                                     volatile sig_atomic_t *stop,
                                     struct diag *dg);

/*
 * Called in the calling process as each task's record arrives (in no set
 * order across workers), e.g. to show progress.
 */
typedef void pool_done_fn(size_t i, const void *rec, void *ctx);

struct pool_opts {
    unsigned jobs;              /* <= 1: run the tasks in this process */
    pool_done_fn *done;         /* optional */
    void *done_ctx;
    char *have;                 /* optional, n bytes: 1 for each task done */
};

/*
 * Runs tasks 0..n-1 into recs[0..n) (n records of rec_size bytes), in this
 * process when jobs <= 1, else in min(jobs, n) workers. Returns RUN_OK;
 * RUN_INPUT_ERROR with the task's diag; RUN_STOPPED when *stop was raised
 * (o->have tells which records are complete); RUN_FAILED with a diag when
 * a worker could not be started or died.
 */
enum run_status pool_run(size_t n, const struct pool_opts *o, size_t rec_size,
                         pool_task_fn *fn, const void *ctx, void *recs,
                         volatile sig_atomic_t *stop, struct diag *dg);

/*
 * Somewhere else to run a pool's tasks: the MPI ranks of virtsim-mpi
 * (mpi/pool_mpi.c, built by `make mpi`). A backend runs the same contract
 * as pool_run (every process of it calls pool_run with the same arguments,
 * and each returns the same records and status) and says whether this
 * process is the one that writes the outputs.
 */
struct pool_backend_ops {
    const char *name;           /* "mpi" */
    enum run_status (*run)(size_t n, const struct pool_opts *o,
                           size_t rec_size, pool_task_fn *fn,
                           const void *ctx, void *recs,
                           volatile sig_atomic_t *stop, struct diag *dg);
    int (*is_leader)(void);     /* 1: this process prints and writes */
    /* Sets p[0..n) everywhere to the leader's bytes (every process calls). */
    void (*share)(void *p, size_t n);
};

/*
 * Installs backend b for every later pool_run (NULL: the local pool, the
 * default). The program calls it once at start, before running anything.
 */
void pool_set_backend(const struct pool_backend_ops *b);

/* The installed backend, or NULL for the local pool. */
const struct pool_backend_ops *pool_backend(void);

/* 1 unless a backend says this process is not the one that writes. */
int pool_is_leader(void);

/*
 * With a backend, every process calls this at the same point and leaves
 * with the leader's p[0..n) (what only the leader read, such as a resume
 * journal); without one it does nothing.
 */
void pool_share(void *p, size_t n);

#endif
