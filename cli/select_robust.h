/*
 * select_robust.h - `virtsim select --robust P1,P2,...`: the selection run
 * again with each named parameter at each end of its range, and which
 * candidates' verdicts hold across all of those runs.
 */
#ifndef VIRTSIM_SELECT_ROBUST_H
#define VIRTSIM_SELECT_ROBUST_H

#include <signal.h>
#include <stdio.h>

#include "measure/param_list.h"
#include "select/select.h"
#include "base/diag.h"

#define SELECT_ROBUST_MAX 8

/*
 * Runs the selection of cfg once with each of p[0..n) at its low end and
 * once at its high end (2 n runs), and prints to fp, for every candidate
 * base simulated, its verdict in base and whether it holds in every run,
 * naming the first parameter end at which it does not. Returns RUN_OK or
 * the first other status of select_run, with its diag.
 */
enum run_status select_robust(const struct select_config *cfg,
                              const struct select_report *base,
                              const struct sens_param *p, size_t n,
                              volatile sig_atomic_t *stop, FILE *fp,
                              struct diag *dg);

#endif
