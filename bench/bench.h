/*
 * bench.h - what the benchmark files share: running one measured case in a
 * child process (so that each case's peak RSS is its own), the wall clock,
 * and the table of figures that `make bench` prints and writes as JSON.
 *
 * Benchmarks print figures; they assert nothing. Tests never time anything.
 */
#ifndef VIRTSIM_BENCH_H
#define VIRTSIM_BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

/* What a measured case reports back from its child process. */
struct bench_out {
    double wall_s;              /* of the measured part only */
    double sim_s;               /* simulated seconds covered */
    uint64_t events;            /* engine events run */
    uint64_t count;             /* holds, customers, requests, cells */
    double value[4];            /* case-specific figures */
    long peak_rss_kib;          /* the child's, filled by bench_child */
    int failed;                 /* nonzero: msg says why */
    char msg[240];
};

/* A case: fills *out; runs in a child process. */
typedef void bench_fn(const void *arg, struct bench_out *out);

/*
 * Runs fn(arg, out) in a forked child and copies its bench_out back;
 * *peak_rss_kib gets the child's peak resident set. Returns 0, or -1 when
 * the child failed or died (out->failed set, out->msg says why).
 */
int bench_child(bench_fn *fn, const void *arg, struct bench_out *out,
                long *peak_rss_kib);

/* Monotonic wall-clock seconds. */
double bench_wall(void);

/* How a figure compares with its target. */
enum bench_goal {
    GOAL_NONE,                  /* a figure without a target */
    GOAL_AT_LEAST,
    GOAL_AT_MOST,
};

/*
 * Records one figure of group `group` (a table section: "hold N=1e3"):
 * printed in the table with its target and written to the JSON.
 */
void bench_figure(const char *group, const char *name, double value,
                  const char *unit, enum bench_goal goal, double target);

/* Records a note printed under the group's figures and kept in the JSON. */
void bench_note(const char *group, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Options every case may read. */
struct bench_opts {
    bool quick;                 /* small sizes: a smoke test of the bench */
    int reps;                   /* repetitions of short cases; best kept */
    const char *tmpdir;         /* scratch directory (scenarios, trace) */
    const char *virtsim;        /* the program, for `virtsim trace gen` */
};

/* The engine cases (bench_engine.c): hold model and M/M/1. */
void bench_engine_run(const struct bench_opts *o);

/*
 * The full-scenario cases (bench_scenario.c): microservices, 100 Gb/s at
 * packet and batch granularity, a trace replay, and the --jobs sweep.
 */
void bench_scenario_run(const struct bench_opts *o);

#endif
