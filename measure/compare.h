/*
 * compare.h - measurements beside the simulation: each measured row
 * matched to its simulated cell (instance, generation, offered rate), and
 * for every figure it gives, the difference from the simulated mean and
 * whether the measurement lies inside the simulated 95% interval.
 *
 * A compare borrows the results and the measurements it was built from
 * (they must outlive it) and owns its items; free it with compare_release.
 */
#ifndef VIRTSIM_COMPARE_H
#define VIRTSIM_COMPARE_H

#include <stdio.h>

#include <jansson.h>

#include "measure/measured.h"
#include "reports/results.h"
#include "base/diag.h"

enum compare_verdict {
    CMP_WITHIN,                 /* |measured - mean| <= ci95 */
    CMP_ABOVE,                  /* measured above the interval */
    CMP_BELOW
};

struct compare_item {
    size_t row;                 /* index into the measured set */
    size_t cell;                /* index into the results' cells */
    enum measured_metric metric;
    double measured;
    double sim, ci95;           /* simulated mean and CI half-width */
    double diff;                /* measured - sim */
    double rel_pct;             /* diff / sim, %; NaN when sim is 0 */
    enum compare_verdict verdict;
};

struct compare {
    const struct results *r;
    const struct measured_set *m;
    size_t *row_cell;           /* owned: the cell of each measured row */
    size_t n, cap;
    struct compare_item *items;
};

/* "within", "above" or "below". */
const char *compare_verdict_name(enum compare_verdict v);

/*
 * The offered rate of cell c: its swept coordinate named *.rate_rps, else
 * the scenario's workload rate_rps (or workload.arrival.rate_rps), else
 * NaN.
 */
double compare_cell_rate(const struct results *r,
                         const struct cell_result *c);

/*
 * Matches every measured row to exactly one cell of r: same instance;
 * same generation, or for "actual" the instance's catalog generation
 * (any, for an instance not in the catalog); same offered rate when the
 * row gives one. A row that matches no cell, or several, is an error at
 * its line naming what the results hold. Returns 0, or -1 with the
 * problems in dg (whose file should be the measurements') and cmp
 * released.
 */
int compare_build(struct compare *cmp, const struct results *r,
                  const struct measured_set *m, struct diag *dg);

/* Frees the items; cmp is left zeroed. */
void compare_release(struct compare *cmp);

/* How many items fall within the simulated intervals. */
size_t compare_count_within(const struct compare *cmp);

/* The table `virtsim compare` prints, one line per compared figure. */
void compare_print_table(const struct compare *cmp, FILE *fp);

/* The same as CSV, with a header line. */
void compare_write_csv(const struct compare *cmp, FILE *fp);

/*
 * The comparison as JSON: {"results": ..., "measured": ..., "summary":
 * {...}, "items": [...]}. Returns a new reference; names are borrowed
 * from the caller for the two file fields (may be NULL).
 */
json_t *compare_to_json(const struct compare *cmp, const char *results_file,
                        const char *measured_file);

#endif
