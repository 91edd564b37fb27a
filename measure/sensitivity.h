/*
 * sensitivity.h - how much a scenario's answers depend on chosen model
 * numbers: the scenario run once as it is, then once with each named
 * parameter at the low end and once at the high end of its documented
 * range (models/params.def, or a range given with the name), every other
 * number as it was. For each cell and parameter: p99 and throughput at
 * each end, and whether the SLO verdict flips.
 *
 * A sensitivity owns its result sets; free it with sensitivity_release.
 */
#ifndef VIRTSIM_SENSITIVITY_H
#define VIRTSIM_SENSITIVITY_H

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

#include "measure/param_list.h"
#include "run/runner.h"
#include "run/scenario.h"
#include "reports/results.h"
#include "base/diag.h"

#define SENS_MAX_PARAMS 16

struct sensitivity {
    size_t nparams;
    struct sens_param p[SENS_MAX_PARAMS];
    struct results base;                    /* the scenario as it is */
    struct results low[SENS_MAX_PARAMS];    /* parameter i at lo */
    struct results high[SENS_MAX_PARAMS];   /* parameter i at hi */
};

/*
 * Parses "NAME,NAME=LO:HI,..." into s->p: each a known parameter (with a
 * did-you-mean), at most once, not swept by sc; without LO:HI, its
 * documented range; a given range must lie inside it, LO < HI. Returns 0,
 * or -1 with diags.
 */
int sensitivity_parse(struct sensitivity *s, const char *list,
                      const struct scenario *sc, struct diag *dg);

/*
 * Runs the baseline and both ends of every parameter (1 + 2 n runs of
 * every cell), restoring sc's parameters afterwards. Returns RUN_OK, or
 * the first other status of runner_run with its diag (s then holds what
 * was run; release it either way).
 */
enum run_status sensitivity_run(struct sensitivity *s, struct scenario *sc,
                                const struct runner_opts *ro,
                                volatile sig_atomic_t *stop, struct diag *dg);

/* Frees the result sets; the parameters stay. */
void sensitivity_release(struct sensitivity *s);

/*
 * True when cell's SLO verdict at either end of parameter i differs from
 * the baseline's (false when the scenario has no SLO).
 */
bool sensitivity_flips(const struct sensitivity *s, size_t i, size_t cell);

/* The table: per cell and parameter, p99 and req/s at each end, flips. */
void sensitivity_print_table(const struct sensitivity *s, FILE *fp);

/* The same as JSON (a new reference). */
json_t *sensitivity_to_json(const struct sensitivity *s);

#endif
