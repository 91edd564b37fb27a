/*
 * select_report.h - the data of an instance selection: its configuration,
 * its candidates and the report select_run fills. Only types: select.c
 * runs a selection, and the modules it calls (rank, reason, headroom,
 * files, table) read and fill these without depending on select.c.
 *
 * A select_report owns its candidates and its workload JSON; free it with
 * select_report_release (select.h). The config's pointers are borrowed.
 */
#ifndef VIRTSIM_SELECT_REPORT_H
#define VIRTSIM_SELECT_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "run/runner.h"
#include "select/select_prune.h"
#include "select/select_usage.h"
#include "select/select_slo.h"
#include "models/generation.h"
#include "models/instance.h"
#include "models/params.h"
#include "reports/results.h"
#include "base/diag.h"
#include "workloads/arrival.h"

#define SELECT_REASON_MAX 384

struct select_config {
    const json_t *workload;         /* the workload object */
    const char *base_dir;           /* for relative trace files; NULL: "." */
    const char *name;               /* names the run; NULL: "select" */
    struct select_slo slo;
    const char *families;           /* "c5n,m5,t3"; NULL: every family */
    const char *instances;          /* "m5.large,c5.xlarge"; NULL: catalog */
    double max_usd_hour;            /* 0: no limit */
    const struct generation *gen;   /* NULL: each instance's own */
    double duration_s, warmup_s;
    unsigned replications;          /* >= 2: verdicts need an interval */
    uint64_t seed;
    unsigned jobs;
    double load_factor;             /* scales the workload's rate */
    bool headroom;
    unsigned headroom_steps;        /* simulations per candidate */
    bool sustained;                 /* no bursts, no initial CPU credits */
    bool no_prune;                  /* simulate every candidate */
    struct param_set params;        /* model parameters */
    enum progress_mode progress;
};

struct select_candidate {
    struct instance_profile ip;
    const struct generation *gen;
    size_t order;                   /* position among the candidates */
    struct select_bound bound;      /* capacity arithmetic */
    enum select_verdict verdict;
    enum select_verdict term_verdict[SM_COUNT]; /* per term of the report */
    bool simulated;
    struct cell_result cell;        /* when simulated */
    bool has_usage;
    struct select_usage usage;      /* the diagnosis replication */
    char reason_key[16];            /* binding resource: "vcpu", "credits",
                                     * "none", ... ("" when not simulated) */
    char reason[SELECT_REASON_MAX]; /* why it fails, or caveats if it meets */
    double usd_per_hour;            /* price plus any credit surplus */
    size_t rank;                    /* 1.. among those that meet; else 0 */
    bool headroom_done;
    double headroom_rps;            /* highest rate found to meet */
    double headroom_upper_rps;      /* lowest found not to; 0: none found */
    unsigned headroom_runs;
};

struct select_report {
    struct select_config cfg;       /* as given; pointers borrowed */
    struct param_set params;        /* as run (--sustained applied) */
    json_t *workload;               /* owned: as run, load factor applied */
    enum arrival_kind arrival;
    double offered_rps;             /* mean offered rate; 0 when unknown */
    struct select_slo terms;        /* the SLO, plus the implied keep-up */
    double needed_rps;              /* what pruning tests against; 0: none */
    size_t ncandidates;
    struct select_candidate *c;     /* owned; ranked once select_run returns */
    size_t npruned, pruned_by[SR_COUNT];
    size_t nsimulated, nmeets, nclose, nfails;
    char headroom_note[160];        /* why no headroom was sought, or "" */
    char note[200];                 /* a caveat about the runs, or "" */
};

#endif
