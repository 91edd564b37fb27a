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
 * A section another module adds to the page, after the charts (the
 * measurements `virtsim compare` sets beside the simulation): its anchor
 * and heading (plain text, no markup), and a writer for its body, which
 * must escape user text with html_escape.
 */
struct html_section {
    const char *id;
    const char *title;
    void (*write)(FILE *fp, const void *ctx);
    const void *ctx;
};

/* As html_write, with the section extra (NULL: none) and a link to it. */
int html_write_with(const struct results *r, const char *dir,
                    const struct chart_set *charts,
                    const struct html_section *extra, struct diag *dg);

/* Writes s (UTF-8, invalid bytes become '?') escaped for HTML. */
void html_escape(FILE *fp, const char *s);

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
