/*
 * select_headroom.h - how much more load each candidate that meets the
 * SLO can take: the highest arrival rate at which it still meets it, found
 * by bisection on the rate (geometric, between a rate known to meet and
 * one known not to), a bounded number of simulations per candidate.
 */
#ifndef VIRTSIM_SELECT_HEADROOM_H
#define VIRTSIM_SELECT_HEADROOM_H

#include "run/scenario.h"
#include "run/status.h"
#include "select/select_report.h"
#include "base/diag.h"

/* The search stops here: a candidate meeting 100 times the load has room. */
#define SELECT_HEADROOM_MAX_FACTOR 100.0

/*
 * For every candidate of rep that meets, searches its headroom with
 * rep->cfg.headroom_steps simulations (cells run as in `base`, the
 * workload's rate scaled), all candidates' probes of a round in parallel
 * workers. The first probe goes just past the capacity bound, then the
 * rate doubles until the SLO is missed, then bisects. Too close to call
 * counts as not meeting. Sets the candidates' headroom fields, or
 * rep->headroom_note when the workload has no rate to scale. Returns as
 * pool_run.
 */
enum run_status select_headroom(struct select_report *rep,
                                const struct scenario *base,
                                volatile sig_atomic_t *stop, struct diag *dg);

#endif
