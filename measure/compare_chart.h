/*
 * compare_chart.h - the charts of `virtsim compare`: measured points drawn
 * over the simulation, in charts/compare_NAME.{dat,gp,png|svg} beside the
 * run's own charts (reports/chart.h's chart_draw does the files).
 */
#ifndef VIRTSIM_COMPARE_CHART_H
#define VIRTSIM_COMPARE_CHART_H

#include <stdbool.h>
#include <stddef.h>

#include "measure/compare.h"
#include "reports/chart.h"
#include "base/diag.h"

#define COMPARE_CHARTS 3

/* What was drawn, for the HTML section. */
struct compare_chart_entry {
    const char *name;           /* file stem: "compare_latency" */
    const char *title;
    const char *caption;
    bool drawn;
};

struct compare_chart_set {
    enum chart_format format;
    bool gnuplot_missing;
    size_t n;
    struct compare_chart_entry item[COMPARE_CHARTS];
};

/*
 * Writes the comparison charts that have something to show into
 * charts_dir (which must exist): the latency spectrum of each measured
 * cell with its measured percentiles, and p99 and throughput against the
 * offered rate with the measured points, when rates were measured at two
 * or more values. Fills *set. Returns 0, or -1 with a diag (a runtime
 * failure); the other charts are still written.
 */
int compare_chart_write_all(const struct compare *cmp, const char *charts_dir,
                            const struct chart_opts *o,
                            struct compare_chart_set *set, struct diag *dg);

#endif
