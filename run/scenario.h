/*
 * scenario.h - a scenario file, loaded and checked as a whole before
 * anything runs: name, seed, duration, replications, instances (catalog
 * names or inline profiles), generations, workload, neighbors, parameter
 * overrides, sweep and SLO (CONTRACT.md). Every problem found is reported
 * at file:line:col, up to the diag cap.
 *
 * A scenario owns its instance array and its JSON; free it with
 * scenario_release. Workloads are built per sweep point by the runner
 * (scenario_point_json gives the JSON of one point).
 */
#ifndef VIRTSIM_SCENARIO_H
#define VIRTSIM_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "models/generation.h"
#include "models/instance.h"
#include "models/params.h"
#include "base/diag.h"

#define SCENARIO_MAX_SWEEP 8

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
    const char *file;           /* borrowed */
    char dir[512];              /* the file's directory, for relative paths */
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
    unsigned neighbors;
    struct param_set params;    /* defaults + "params" */
    size_t nsweep;
    struct sweep_dim sweep[SCENARIO_MAX_SWEEP];
    size_t npoints;             /* product of the sweep sizes (1 without) */
    struct slo slo;
    json_t *root;               /* owned: the file as parsed */
    json_t *effective;          /* owned: root with defaults filled in */
};

/*
 * Loads and checks `path`. Returns 0, or -1 with every problem in dg
 * (positions resolved to line:col where found). On -1, sc holds nothing
 * to free.
 */
int scenario_load(const char *path, struct scenario *sc, struct diag *dg);

/*
 * The same from len bytes of text: `name` stands for the file in diags and
 * names the scenario when it has no "name" (borrowed: it must outlive sc);
 * relative trace and sample files resolve against base_dir (NULL: ".").
 */
int scenario_load_text(const char *text, size_t len, const char *name,
                       const char *base_dir, struct scenario *sc,
                       struct diag *dg);

/*
 * Builds a scenario in memory, without a file (for `virtsim select`):
 * named `name`, over a copy of the workload object `workload` (not checked
 * here; relative trace files resolve against `dir`), with copies of the n
 * instances ips[0..n), each under its own generation. Everything else is
 * a file's default: seed 1, duration 1 s, warm-up 0.1 s, 5 replications,
 * default parameters, no neighbors, sweep or SLO; the caller may change
 * those plain fields (and generations) before running. Free it with
 * scenario_release.
 */
void scenario_init_memory(struct scenario *sc, const char *name,
                          const json_t *workload, const char *dir,
                          const struct instance_profile *ips, size_t n);

/* Frees what sc owns; sc is left zeroed. */
void scenario_release(struct scenario *sc);

/*
 * The values of sweep point `point` (< npoints), one per dimension, the
 * last dimension varying fastest.
 */
void scenario_point_values(const struct scenario *sc, size_t point,
                           double *values);

/*
 * A new JSON object: the scenario's workload (which = 0) or neighbors'
 * workload (which = 1) with sweep point `point` applied. Caller owns it.
 */
json_t *scenario_point_workload(const struct scenario *sc, size_t point,
                                int which);

/* The parameters of sweep point `point` (scenario params + swept ones). */
void scenario_point_params(const struct scenario *sc, size_t point,
                           struct param_set *out);

/* Neighbor count at sweep point `point`. */
unsigned scenario_point_neighbors(const struct scenario *sc, size_t point);

#endif
