/*
 * select_scale.h - the workload at a multiple of its load, for
 * --load-factor and the headroom search: a JSON workload with its arrival
 * rate scaled.
 */
#ifndef VIRTSIM_SELECT_SCALE_H
#define VIRTSIM_SELECT_SCALE_H

#include <jansson.h>

#include "base/diag.h"

/*
 * A copy of workload with its arrival rate multiplied by factor: an open
 * process's rate_rps (and a bursty one's off_rate_rps), a trace's speedup,
 * or a generator's rate_rps. A closed loop has no rate to scale: -1 with a
 * diag (unless factor is 1). Caller owns *out.
 */
int select_scale_workload(const json_t *workload, double factor,
                          json_t **out, struct diag *dg);

#endif
