/*
 * html.h - DIR/index.html: one self-contained page (inline CSS, images
 * referenced relatively as charts/NAME.png) with the scenario summary, the
 * results table, the charts and the SLO verdicts. Reads results only.
 */
#ifndef VIRTSIM_HTML_H
#define VIRTSIM_HTML_H

#include <stdio.h>

#include "reports/chart.h"
#include "reports/results.h"
#include "base/diag.h"

/*
 * Writes the page to fp. charts says which charts exist and which were
 * drawn (NULL: no charts section). Every user string is HTML-escaped.
 * I/O errors are left in fp's error flag for the caller to check.
 */
void html_write_page(const struct results *r, const struct chart_set *charts,
                     FILE *fp);

/*
 * Writes DIR/index.html atomically (reports/atomic.h). DIR must exist.
 * Returns 0, or -1 with a diag naming the file.
 */
int html_write(const struct results *r, const char *dir,
               const struct chart_set *charts, struct diag *dg);

/*
 * The report `virtsim run`, `chart` and `select` write: creates
 * DIR/charts/, writes the charts there (chart_write_all), then
 * DIR/index.html showing them. o may be NULL for the defaults. Returns 0,
 * or -1 with a diag: a runtime failure (exit status 1); whatever could be
 * written is.
 */
int html_report_write(const struct results *r, const char *dir,
                      const struct chart_opts *o, struct diag *dg);

#endif
