/*
 * select_slo.h - the service-level objective of `virtsim select`, as
 * users write it on the command line ("p99<200us,rps>=20000,cpu<=70%"),
 * and the CI-aware check of a cell against each of its terms: a term is
 * met, failed, or too close to call when its threshold lies inside the
 * measured 95% confidence interval.
 *
 * Plain values; nothing to free.
 */
#ifndef VIRTSIM_SELECT_SLO_H
#define VIRTSIM_SELECT_SLO_H

#include <stdbool.h>
#include <stddef.h>

#include "reports/results.h"
#include "base/diag.h"

/*
 * A workload with an offered rate must be kept up with: the implied term
 * "keep-up" wants a throughput of at least this fraction of the offered
 * rate (the rest allows for sampling noise and the requests still in
 * flight when the window closes).
 */
#define SELECT_KEEP_UP 0.95

/* What a term constrains. Latencies are upper bounds, rps a lower one. */
enum select_metric {
    SM_P50, SM_P90, SM_P99, SM_P999,    /* latency percentiles, us */
    SM_RPS,                             /* throughput, requests/s */
    SM_CPU,                             /* guest vCPU utilization, 0..1 */
    SM_DROPS,                           /* dropped / offered, 0..1 */
    SM_KEEP_UP,                         /* implied: throughput vs offered */
    SM_COUNT
};

/* A verdict, for a term and for a whole candidate. */
enum select_verdict {
    SELECT_MEETS, SELECT_CLOSE, SELECT_FAILS, SELECT_PRUNED
};

struct select_term {
    enum select_metric metric;
    double value;               /* us, req/s or a fraction */
    char text[48];              /* as written, blanks removed: "p99<200us" */
};

struct select_slo {
    size_t n;                   /* terms, in the order written */
    struct select_term t[SM_COUNT];
};

/*
 * Parses a comma-separated list of terms: p50, p90, p99 or p99.9 (also
 * p999) '<' or '<=' a time with a unit (us, ms, s); rps '>=' or '>' a
 * number (k and M suffixes allowed); cpu '<=' or '<' a fraction or a
 * percentage; drops '<=' or '<' a fraction or a percentage. '<' and '<='
 * mean the same (the metrics are continuous). Returns 0, or -1 with one
 * diag naming the offending term; messages start with "--slo: ".
 */
int select_slo_parse(const char *text, struct select_slo *out,
                     struct diag *dg);

/* The term on metric m, or NULL. */
const struct select_term *select_slo_find(const struct select_slo *s,
                                          enum select_metric m);

/* Name of a metric as users write it ("p99.9", "rps", ...). */
const char *select_metric_name(enum select_metric m);

/* Name of a verdict: "meets", "too close", "fails", "pruned". */
const char *select_verdict_name(enum select_verdict v);

/*
 * The measured value of metric m in cell c: mean and 95% CI half-width
 * over replications. The drop rate is summed over replications and has
 * no interval (ci95 0). SM_KEEP_UP measures the throughput.
 */
struct metric select_slo_measure(const struct cell_result *c,
                                 enum select_metric m);

/*
 * The verdict of term t on measurement m: for an upper bound, met when the
 * whole interval lies at or below it, failed when the whole interval lies
 * above it, else too close; the other way round for a lower bound. The
 * implied keep-up term is judged on the mean alone (see select_slo.c).
 */
enum select_verdict select_slo_judge(const struct select_term *t,
                                     struct metric m);

/*
 * Writes a measured value of metric m for people into buf: latencies as
 * "412 us", "3.2 ms" or "1.5 s", throughput as "19870 req/s", fractions
 * as percentages.
 */
void select_slo_format(enum select_metric m, double v, char *buf, size_t n);

/* Writes a latency in microseconds as "412 us", "3.2 ms" or "1.5 s". */
void select_slo_format_us(double us, char *buf, size_t n);

/* Writes "p99 < 200 us", "rps >= 20000", "cpu <= 70%" for term t. */
void select_slo_describe(const struct select_term *t, char *buf, size_t n);

#endif
