/*
 * runner.h - running every cell of a scenario (instances x generations x
 * sweep points), in this process or in --jobs worker processes, with
 * progress on stderr and, optionally, a callback as each cell completes.
 * Results come out in scenario order whatever the number of jobs, so they
 * are byte-identical for the same seed.
 */
#ifndef VIRTSIM_RUNNER_H
#define VIRTSIM_RUNNER_H

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

struct runner_opts {
    unsigned jobs;              /* >= 1 */
    enum progress_mode progress;
    runner_cell_fn *on_cell;    /* optional; NULL: none */
    void *on_cell_ctx;
};

/*
 * Runs every cell into res (already initialized). Returns RUN_OK;
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

#endif
