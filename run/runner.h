/*
 * runner.h - running every cell of a scenario (instances x generations x
 * sweep points), in this process or in --jobs worker processes, with
 * progress on stderr and, optionally, a callback as each cell completes.
 * Results come out in scenario order whatever the number of jobs, so they
 * are byte-identical for the same seed.
 */
#ifndef VIRTSIM_RUNNER_H
#define VIRTSIM_RUNNER_H

#include "run/cell.h"
#include "run/scenario.h"
#include "reports/results.h"
#include "base/diag.h"
#include "run/status.h"

enum progress_mode { PROGRESS_AUTO, PROGRESS_ALWAYS, PROGRESS_NEVER };

/*
 * Called in the calling process as each cell completes (in no set order
 * with --jobs above 1): `done` cells of `total` so far, c the one just
 * done (borrowed for the call).
 */
typedef void runner_cell_fn(void *ctx, size_t done, size_t total,
                            const struct cell_result *c);

/*
 * Called in the calling process as each cell it ran completes, with the
 * cell's task index (its place in scenario order, see runner_cell_at);
 * c is borrowed for the call. The resume journal is written from here.
 */
typedef void runner_task_fn(void *ctx, size_t task,
                            const struct cell_result *c);

struct runner_opts {
    unsigned jobs;              /* >= 1 */
    enum progress_mode progress;
    runner_cell_fn *on_cell;    /* optional; NULL: none */
    void *on_cell_ctx;
    /*
     * Optional, runner_cell_count bytes each. only: run just the tasks
     * marked 1 (a shard; NULL: all). given: tasks marked 1 are done
     * already and are not run; their cells are given_cells[task] (resume).
     */
    const char *only;
    const char *given;
    const struct cell_result *given_cells;
    runner_task_fn *on_task;    /* optional */
    void *on_task_ctx;
};

/*
 * Runs every cell (or o->only's) into res (already initialized), in task
 * order, the given cells among them. Returns RUN_OK;
 * RUN_INPUT_ERROR with a diag on an input error found while running (a bad
 * trace line); RUN_STOPPED when *stop was raised: res then holds the cells
 * completed, and is marked partial; RUN_FAILED on a runtime failure (a
 * worker died), with a diag.
 */
enum run_status runner_run(const struct scenario *sc,
                           const struct runner_opts *o, struct results *res,
                           volatile sig_atomic_t *stop, struct diag *dg);

/*
 * Parses --progress's value (auto, always, never) into *out. Returns 0, or
 * -1 with a diag.
 */
int runner_parse_progress(const char *v, enum progress_mode *out,
                          struct diag *dg);

/* Number of cells of a scenario. */
size_t runner_cell_count(const struct scenario *sc);

/*
 * Cell i (< runner_cell_count) in scenario order, the task index shards,
 * --list and the journal use: instance-major, then generation, then sweep
 * point.
 */
void runner_cell_at(const struct scenario *sc, size_t i, struct cell_spec *cs);

#endif
