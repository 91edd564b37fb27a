/*
 * cell.h - one cell of a scenario (an instance, a generation, a sweep
 * point): its replications run and combined into a cell_result, means with
 * 95% confidence intervals over replications, checked against the SLO.
 */
#ifndef VIRTSIM_CELL_H
#define VIRTSIM_CELL_H

#include <stddef.h>
#include <stdint.h>

#include "run/scenario.h"
#include "reports/results.h"
#include "base/diag.h"
#include "run/status.h"

struct cell_spec {
    size_t instance;                    /* index into the scenario's */
    const struct generation *gen;
    size_t point;
};

/*
 * Runs the cell's replications into *out; *events gets the engine events
 * run. Returns RUN_OK, RUN_INPUT_ERROR with a diag on an input error found
 * while running (a bad trace line), or RUN_STOPPED when *stop was raised.
 */
enum run_status cell_run(const struct scenario *sc, const struct cell_spec *cs,
                         struct cell_result *out, uint64_t *events,
                         volatile sig_atomic_t *stop, struct diag *dg);

#endif
