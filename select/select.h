/*
 * select.h - `virtsim select`, the instance-selection what-if: which
 * catalog instances meet an SLO for a workload, ranked by cost, and why the
 * others do not. Candidates that capacity arithmetic rules out are pruned
 * without simulating (select_prune.h); the rest run as the cells of an
 * in-memory scenario through the scenario runner, so their figures are
 * those `virtsim run` gives; a diagnosis replication of each names the
 * resource that binds (select_reason.h); those that meet may be pushed to
 * find their headroom (select_headroom.h).
 *
 * The config, candidate and report types are in select_report.h, below
 * every module of the selection, so that none of them includes this one.
 * A select_report owns its candidates and its workload JSON; free it with
 * select_report_release. The config's pointers are borrowed.
 */
#ifndef VIRTSIM_SELECT_H
#define VIRTSIM_SELECT_H

#include "run/status.h"
#include "select/select_report.h"
#include "base/diag.h"

/* Defaults: 1 s runs after 0.1 s of warm-up, 3 replications, seed 1,
 * 1 job, load factor 1, 8 headroom steps, default parameters. */
void select_config_init(struct select_config *c);

/*
 * Runs the selection into *rep. Returns RUN_OK; RUN_INPUT_ERROR with
 * diags on an input error (bad workload, unknown family or instance, no
 * candidate left); RUN_STOPPED when *stop was raised (rep then holds what
 * was done); RUN_FAILED on a runtime failure, with a diag. Either way,
 * release rep afterwards.
 */
enum run_status select_run(const struct select_config *cfg,
                           struct select_report *rep,
                           volatile sig_atomic_t *stop, struct diag *dg);

/* Frees what rep owns; rep is left zeroed. */
void select_report_release(struct select_report *rep);

#endif
