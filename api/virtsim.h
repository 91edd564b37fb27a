/*
 * virtsim.h - the public C API of libvirtsim: load a scenario (a file or
 * a string), run it with options and a progress callback, read the
 * results, write them in any report format, and run an instance selection.
 * The `virtsim` program is one user of this library; examples/embed.c is
 * another.
 *
 * Everything is behind opaque handles; this header includes only the C
 * library's. Functions return an enum virtsim_status whose values are the
 * program's exit statuses; on failure, *err (when err is not NULL) gets a
 * message of one or more compiler-style lines ("file:line:col: error:
 * ..."), to be freed with virtsim_free. Handles are freed with their
 * _free function; freeing NULL does nothing.
 *
 * Build against it with `pkg-config --cflags --libs virtsim`.
 */
#ifndef VIRTSIM_H
#define VIRTSIM_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The API's version: grows by addition; a reader of version N works on N+1. */
#define VIRTSIM_API_VERSION 1

/* Results of every call, as the program's exit statuses. */
enum virtsim_status {
    VIRTSIM_OK = 0,
    VIRTSIM_FAILED = 1,         /* a runtime failure (I/O, a worker died) */
    VIRTSIM_INPUT_ERROR = 2,    /* a bad scenario, trace, option or name */
    VIRTSIM_STOPPED = 130       /* *stop was raised: results are partial */
};

struct virtsim_scenario;
struct virtsim_results;
struct virtsim_selection;

/* The library's version ("0.1.0"). */
const char *virtsim_version(void);

/* Frees a message (or anything else the API documents as caller-freed). */
void virtsim_free(void *p);

/* ---- scenarios -------------------------------------------------------- */

/*
 * Loads and checks the scenario file at path (CONTRACT.md): every problem
 * is reported at file:line:col. *out is NULL on failure.
 */
enum virtsim_status virtsim_scenario_load_file(const char *path,
                                               struct virtsim_scenario **out,
                                               char **err);

/*
 * The same from a string of len bytes. `name` stands for the file in
 * messages (and names the run when the scenario has no "name"); relative
 * trace files resolve against base_dir (NULL: the current directory).
 */
enum virtsim_status virtsim_scenario_load_string(const char *json, size_t len,
                                                 const char *name,
                                                 const char *base_dir,
                                                 struct virtsim_scenario **out,
                                                 char **err);

/* The scenario's name and its number of cells (instances x generations x
 * sweep points). */
const char *virtsim_scenario_name(const struct virtsim_scenario *sc);
size_t virtsim_scenario_cells(const struct virtsim_scenario *sc);

/* Overrides the scenario's seed (as `virtsim run --seed`). */
void virtsim_scenario_set_seed(struct virtsim_scenario *sc, uint64_t seed);

void virtsim_scenario_free(struct virtsim_scenario *sc);

/* ---- running ---------------------------------------------------------- */

/* What a progress callback is told as each cell completes. */
struct virtsim_progress {
    size_t done, total;         /* cells */
    const char *instance;       /* the cell just completed (borrowed) */
    const char *generation;
    double throughput_rps;
    double p99_us;
};

typedef void virtsim_progress_fn(void *ctx, const struct virtsim_progress *p);

struct virtsim_run_options {
    unsigned jobs;              /* worker processes; 0 or 1: this process */
    virtsim_progress_fn *progress;      /* optional; called in this process */
    void *progress_ctx;
    volatile sig_atomic_t *stop;        /* optional: raise to stop early */
};

/* jobs 1, no progress, no stop flag. */
void virtsim_run_options_init(struct virtsim_run_options *o);

/*
 * Runs every cell of sc. On VIRTSIM_OK or VIRTSIM_STOPPED *out holds the
 * results (partial when stopped); the same scenario and seed give the
 * same results whatever jobs is. o may be NULL (the defaults).
 */
enum virtsim_status virtsim_run(const struct virtsim_scenario *sc,
                                const struct virtsim_run_options *o,
                                struct virtsim_results **out, char **err);

/* ---- results ---------------------------------------------------------- */

/* One cell's key figures; strings are borrowed from the results. */
struct virtsim_cell {
    const char *instance;
    const char *generation;
    unsigned replications;
    uint64_t completed, dropped;
    /* Means over replications and 95% confidence half-widths. */
    double throughput_rps, throughput_rps_ci95;
    double latency_mean_us, latency_mean_us_ci95;
    double p50_us, p50_us_ci95;
    double p99_us, p99_us_ci95;
    double p999_us, p999_us_ci95;
    double cpu_overhead_pct, cpu_overhead_pct_ci95;
    double vcpu_utilization;    /* 0..1 */
    double usd_per_hour, usd_per_million;
    int slo_checked, slo_met;   /* 0 or 1 */
};

/* Reads a results.json (as `virtsim chart` does). */
enum virtsim_status virtsim_results_read_file(const char *path,
                                              struct virtsim_results **out,
                                              char **err);

/* Number of cells; whether the run was interrupted. */
size_t virtsim_results_cells(const struct virtsim_results *r);
int virtsim_results_partial(const struct virtsim_results *r);

/* Fills *out with cell i (< virtsim_results_cells). Returns VIRTSIM_OK, or
 * VIRTSIM_INPUT_ERROR when i is out of range. */
enum virtsim_status virtsim_results_cell(const struct virtsim_results *r,
                                         size_t i, struct virtsim_cell *out);

/*
 * Writes r in report format `format` ("json", "csv" or "table") to path,
 * atomically (a temporary file renamed over it); path NULL or "-" writes
 * to standard output.
 */
enum virtsim_status virtsim_results_write(const struct virtsim_results *r,
                                          const char *format, const char *path,
                                          char **err);

void virtsim_results_free(struct virtsim_results *r);

/* ---- instance selection ----------------------------------------------- */

struct virtsim_select_options {
    const char *slo;            /* required: "p99<500us,rps>=38000" */
    const char *families;       /* "c5n,m5,t3"; NULL: every family */
    const char *instances;      /* "m5.large,c5.xlarge"; NULL: the catalog */
    double max_usd_hour;        /* 0: no limit */
    int sustained;              /* judge at baselines: no bursts, no credits */
    double duration_s;          /* 0: the default (1 s) */
    unsigned replications;      /* 0: the default (3) */
    uint64_t seed;              /* 0: the default (1) */
    unsigned jobs;              /* worker processes; 0 or 1: this process */
    volatile sig_atomic_t *stop;        /* optional */
};

/* One candidate; strings are borrowed from the selection. */
struct virtsim_candidate {
    const char *instance;
    const char *generation;
    const char *verdict;        /* "meets", "too close", "fails", "pruned" */
    size_t rank;                /* 1.. among those that meet; else 0 */
    int simulated;
    double usd_per_hour;
    double throughput_rps, p99_us, p99_us_ci95;     /* when simulated */
    const char *reason;         /* why it fails, or caveats if it meets */
};

void virtsim_select_options_init(struct virtsim_select_options *o);

/*
 * Selects the instances that meet o->slo for a workload given as JSON
 * text (a workload object, or a scenario with a "workload"; `name` stands
 * for the file in messages; relative trace files resolve against
 * base_dir). Candidates come ranked: those that meet first, cheapest
 * first.
 */
enum virtsim_status virtsim_select(const char *workload_json, size_t len,
                                   const char *name, const char *base_dir,
                                   const struct virtsim_select_options *o,
                                   struct virtsim_selection **out, char **err);

size_t virtsim_selection_count(const struct virtsim_selection *s);
enum virtsim_status virtsim_selection_candidate(
    const struct virtsim_selection *s, size_t i, struct virtsim_candidate *out);

void virtsim_selection_free(struct virtsim_selection *s);

#ifdef __cplusplus
}
#endif

#endif
