/*
 * sensitivity_report.h - the files of `virtsim sensitivity`: the table as
 * JSON, tornado charts (gnuplot, beside the run's own charts) and the
 * baseline's index.html with a Sensitivity section.
 */
#ifndef VIRTSIM_SENSITIVITY_REPORT_H
#define VIRTSIM_SENSITIVITY_REPORT_H

#include "measure/sensitivity.h"
#include "reports/chart.h"
#include "base/diag.h"

/*
 * Writes DIR/sensitivity.json, DIR/results.json (the baseline), the
 * baseline's charts, the tornado charts of its first cell
 * (charts/tornado_p99, charts/tornado_throughput) and DIR/index.html with
 * a Sensitivity section; DIR is created when missing. o may be NULL.
 * Returns 0, or -1 with a diag (a runtime failure).
 */
int sensitivity_report_write(const struct sensitivity *s, const char *dir,
                             const struct chart_opts *o, struct diag *dg);

#endif
