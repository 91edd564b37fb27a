/*
 * compare_report.h - the files `virtsim compare` writes into a report
 * directory: compare.json, compare.csv, the run's charts and the
 * comparison's (charts/compare_*), and index.html with a "Measurements"
 * section after the charts. Every file goes through a temp file and a
 * rename (reports/atomic.h).
 */
#ifndef VIRTSIM_COMPARE_REPORT_H
#define VIRTSIM_COMPARE_REPORT_H

#include "measure/compare.h"
#include "reports/chart.h"
#include "base/diag.h"

/*
 * Writes the comparison into dir (created when missing). results_file and
 * measured_file are recorded in compare.json. o may be NULL. Returns 0, or
 * -1 with a diag: a runtime failure (exit status 1).
 */
int compare_report_write(const struct compare *cmp, const char *dir,
                         const char *results_file, const char *measured_file,
                         const struct chart_opts *o, struct diag *dg);

#endif
