/*
 * measured.h - a user's own measurements (MEASURED.csv), per cell: which
 * instance, under which generation (or "actual": the one it really runs
 * under), at which offered rate, and any of throughput, p50, p99, p99.9,
 * vCPU busy % and steal %. Read whole, checked row by row with
 * file:line:col errors.
 *
 * A measured_set owns its rows; free it with measured_release.
 */
#ifndef VIRTSIM_MEASURED_H
#define VIRTSIM_MEASURED_H

#include <stddef.h>
#include <stdio.h>

#include "reports/results.h"
#include "base/diag.h"

/* The figures a row may give, in column order of the reference header. */
enum measured_metric {
    MM_THROUGHPUT,              /* throughput_rps */
    MM_P50,                     /* p50_us */
    MM_P99,                     /* p99_us */
    MM_P999,                    /* p999_us */
    MM_CPU,                     /* cpu_pct: vCPUs busy, % */
    MM_STEAL,                   /* steal_pct */
    MM_COUNT
};

struct measured_row {
    int line;                           /* in the file, from 1 */
    char instance[RESULT_NAME_MAX];
    char generation[RESULT_NAME_MAX];   /* "actual": the instance's own */
    double rate_rps;                    /* offered; NaN when not given */
    double v[MM_COUNT];                 /* NaN: not measured */
};

struct measured_set {
    size_t n, cap;
    struct measured_row *rows;
};

/* The column name of a metric ("p99_us") and a label ("p99 (us)"). */
const char *measured_metric_name(enum measured_metric k);
const char *measured_metric_label(enum measured_metric k);

/*
 * The simulated figure of cell c for metric k, in the measured column's
 * unit, with its 95% CI half-width in *ci95.
 */
double measured_cell_value(const struct cell_result *c,
                           enum measured_metric k, double *ci95);

/*
 * Reads measurements from fp. The first line that is not blank or a
 * '#' comment is the header: 'instance' is required, 'generation' and
 * 'rate_rps' are optional, and at least one metric column must be there;
 * an unknown column is an error with a did-you-mean. Each row after it
 * has as many fields as the header; an empty field is "not measured".
 * Figures must be finite and >= 0. Every problem goes into dg at
 * line:col (up to its cap). Returns 0, or -1 with m released.
 */
int measured_read(struct measured_set *m, FILE *fp, struct diag *dg);

/* Opens path and reads it as measured_read does; dg's file should be path. */
int measured_read_file(struct measured_set *m, const char *path,
                       struct diag *dg);

/* Frees the rows; m is left zeroed. */
void measured_release(struct measured_set *m);

#endif
