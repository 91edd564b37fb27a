/*
 * runner.h - running every cell of a scenario (instances x generations x
 * sweep points), in this process or in --jobs worker processes, with
 * progress on stderr. Results come out in scenario order whatever the
 * number of jobs, so they are byte-identical for the same seed.
 */
#ifndef VIRTSIM_RUNNER_H
#define VIRTSIM_RUNNER_H

#include "run/scenario.h"
#include "reports/results.h"
#include "base/diag.h"

enum progress_mode { PROGRESS_AUTO, PROGRESS_ALWAYS, PROGRESS_NEVER };

/*
 * Called in the calling process as each cell completes (in no set order
 * across workers): done of total cells, and the cell's result (borrowed).
 */
typedef void runner_cell_fn(void *ctx, size_t done, size_t total,
                            const struct cell_result *c);

struct runner_opts {
    unsigned jobs;              /* >= 1 */
    enum progress_mode progress;
    runner_cell_fn *on_cell;    /* optional */
    void *on_cell_ctx;
};

/*
 * Runs every cell into res (already initialized). Returns 0; -1 with a
 * diag on an input error found while running (a bad trace line); 1 when
 * *stop was raised: res then holds the cells completed, and is marked
 * partial; 2 on a runtime failure (a worker died), with a diag.
 */
int runner_run(const struct scenario *sc, const struct runner_opts *o,
               struct results *res, volatile int *stop, struct diag *dg);

/*
 * Parses --progress's value (auto, always, never) into *out. Returns 0, or
 * -1 with a diag.
 */
int runner_parse_progress(const char *v, enum progress_mode *out,
                          struct diag *dg);

/* Number of cells of a scenario. */
size_t runner_cell_count(const struct scenario *sc);

#endif
