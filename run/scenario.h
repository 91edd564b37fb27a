/*
 * scenario.h - a scenario file, loaded and checked as a whole before
 * anything runs: name, seed, duration, replications, instances (catalog
 * names or inline profiles), generations, workload, neighbors, parameter
 * overrides, sweep and SLO (CONTRACT.md). Every problem found is reported
 * at file:line:col, up to the diag cap.
 *
 * Each sweep point's workloads are built once, when the scenario is
 * loaded (typed, from the JSON with the point's values applied), and are
 * templates: a replication runs on a copy of its own (workload_copy), so
 * the JSON is parsed once per run. scenario_point gives everything a point
 * needs.
 *
 * A scenario owns its instance array, its JSON and its point workloads;
 * free it with scenario_release.
 */
#ifndef VIRTSIM_SCENARIO_H
#define VIRTSIM_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "models/generation.h"
#include "models/instance.h"
#include "models/machine.h"
#include "models/params.h"
#include "base/diag.h"
#include "workloads/workload.h"

#define SCENARIO_MAX_SWEEP 8

/* Neighbour groups a scenario may list, at most. */
#define SCENARIO_MAX_GROUPS 8

/* Guests beside ours that share a workload. */
struct neighbor_group {
    char name[32];
    unsigned count;
};

struct sweep_dim {
    const char *path;           /* dotted, borrowed from the JSON */
    size_t n;
    double *values;             /* owned */
};

struct slo {
    double p50_us, p90_us, p99_us, p999_us;  /* 0: not set */
    double min_rps;
    double max_vcpu_util;       /* fraction; 0: not set */
    double max_drop_rate;       /* fraction; < 0: not set */
    bool set;
};

struct scenario {
    const char *file;           /* borrowed: the path, or the text's name */
    char *dir;                  /* owned: the file's directory, for
                                 * relative paths */
    char name[48];              /* "name", or the file's base name */
    uint64_t seed;
    double duration_s;
    double warmup_s;
    bool warmup_auto;           /* MSER-5 */
    unsigned replications;
    size_t ninstances;
    struct instance_profile *instances;    /* owned */
    size_t ngenerations;        /* 0: each instance under its own */
    const struct generation *generations[16];
    struct scenario_generation *custom;     /* owned: the inline ones */
    size_t ncustom;
    unsigned neighbors;         /* all groups' guests */
    size_t ngroups;             /* neighbour groups (old form: 1) */
    struct neighbor_group groups[SCENARIO_MAX_GROUPS];
    bool groups_listed;         /* "neighbors" is a list of groups */
    struct param_set params;    /* defaults + "params" */
    size_t nsweep;
    struct sweep_dim sweep[SCENARIO_MAX_SWEEP];
    size_t npoints;             /* product of the sweep sizes (1 without) */
    struct slo slo;
    bool host_set;              /* "host": guests share physical cores */
    struct host_spec host;
    json_t *root;               /* owned: the file as parsed */
    json_t *effective;          /* owned: root with defaults filled in */
    /* Owned, nworkloads each (npoints as loaded; a caller may lower
     * npoints later): the points' workloads (templates, with no trace
     * file open), and the neighbors' (NULL without neighbors). */
    size_t nworkloads;
    struct workload *workloads;
    struct workload *neighbor_workloads;    /* ngroups x nworkloads,
                                               group-major */
};

/* A generation the scenario defines (an object in "generations"). */
struct scenario_generation {
    struct generation g;        /* its strings point into the fields below */
    char name[32];
    char title[96];
    char model[PATH_COUNT][24];
    struct param_set params;
};

/* One sweep point, as a cell runs it. The workloads are borrowed. */
struct scenario_point {
    double values[SCENARIO_MAX_SWEEP];  /* one per dimension of the sweep */
    struct param_set params;            /* scenario params + swept ones */
    unsigned neighbors;                 /* guests beside guest 0 */
    const struct workload *workload;    /* guest 0's template */
    const struct workload *neighbor_workload;   /* NULL without neighbors */
    /* The neighbour groups (group 0 is neighbors/neighbor_workload). */
    size_t ngroups;
    unsigned group_count[SCENARIO_MAX_GROUPS];
    const struct workload *group_workload[SCENARIO_MAX_GROUPS];
};

/*
 * Loads and checks `path`. Returns 0, or -1 with every problem in dg
 * (positions resolved to line:col where found). On -1, sc holds nothing
 * to free.
 */
int scenario_load(const char *path, struct scenario *sc, struct diag *dg);

/*
 * Loads and checks the scenario text text[0..len) (need not end in a
 * NUL) as scenario_load loads a file's: the same checks, the same
 * messages at line:col of the text. `name` stands for the file: it is
 * the diags' file (dg->file is set to it; borrowed, it must outlive sc
 * and dg) and gives the default scenario name; relative trace and sample
 * files resolve against base_dir (NULL or "": the current directory).
 * Returns as scenario_load.
 */
int scenario_load_text(const char *text, size_t len, const char *name,
                       const char *base_dir, struct scenario *sc,
                       struct diag *dg);

/*
 * Builds a scenario in memory, without a file (for `virtsim select`):
 * named `name`, over a copy of the workload object `workload` (built here,
 * its trace not read through; relative trace files resolve against `dir`),
 * with copies of the n instances ips[0..n), each under its own generation.
 * Everything else is a file's default: seed 1, duration 1 s, warm-up
 * 0.1 s, 5 replications, default parameters, no neighbors, sweep or SLO;
 * the caller may change those plain fields (and generations) before
 * running. Returns 0, or -1 with the workload's problems in dg and sc
 * holding nothing to free. Free it with scenario_release.
 */
int scenario_init_memory(struct scenario *sc, const char *name,
                         const json_t *workload, const char *dir,
                         const struct instance_profile *ips, size_t n,
                         struct diag *dg);

/* Frees what sc owns; sc is left zeroed. */
void scenario_release(struct scenario *sc);

/*
 * Sweep point i (< npoints) into *pt: its values (the last dimension
 * varying fastest), parameters, neighbor count and workloads (borrowed
 * from sc, valid until scenario_release).
 */
void scenario_point(const struct scenario *sc, size_t i,
                    struct scenario_point *pt);

/*
 * As scenario_point, for a cell under generation gen: its own parameter
 * overrides (a scenario-defined generation's) apply over the scenario's
 * params and under the swept ones.
 */
void scenario_point_under(const struct scenario *sc, size_t i,
                          const struct generation *gen,
                          struct scenario_point *pt);

#endif
