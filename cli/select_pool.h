/*
 * select_pool.h - running `virtsim select`'s independent simulations
 * (diagnosis replications, headroom probes) in --jobs worker processes,
 * as the scenario runner does for cells: worker k takes tasks k, k + jobs,
 * ... and sends back fixed-size records through a pipe. Each task's result
 * depends on its inputs only, so the records are the same whatever jobs is.
 */
#ifndef VIRTSIM_SELECT_POOL_H
#define VIRTSIM_SELECT_POOL_H

#include <stddef.h>

#include "sim/diag.h"

/*
 * One task: fills rec (rec_size bytes, zeroed beforehand) with task i's
 * result; ctx is the caller's, read-only. Returns 0, -1 with a diag on an
 * input error, or 1 when *stop was raised. rec must hold plain values
 * (no pointers): it crosses a pipe.
 */
typedef int select_task_fn(size_t i, void *rec, const void *ctx,
                           volatile int *stop, struct diag *dg);

/*
 * Runs tasks 0..n-1 into recs[0..n) (n records of rec_size bytes), in this
 * process when jobs <= 1, else in min(jobs, n) workers. Returns 0; -1 with
 * the task's diag on an input error; 1 when *stop was raised; 2 with a diag
 * when a worker could not be started or died.
 */
int select_pool_run(size_t n, unsigned jobs, size_t rec_size,
                    select_task_fn *fn, const void *ctx, void *recs,
                    volatile int *stop, struct diag *dg);

#endif
