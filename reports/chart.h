/*
 * chart.h - comparison charts as plug-ins: an ops struct per chart kind
 * (reports/chart_NAME.c), one registry, and the entry point that writes
 * DIR/charts/NAME.{dat,gp,png|svg} for every chart with something to show
 * and runs gnuplot when it is installed. reports/html.h writes the page
 * that shows them.
 *
 * Charts only read struct results. Scenario text (instance names, the
 * scenario name) goes into the .dat files as data, never into a script
 * except through chart_gp_quote (reports/chart_gp.h).
 */
#ifndef VIRTSIM_CHART_H
#define VIRTSIM_CHART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "reports/results.h"
#include "base/diag.h"

#define CHART_MAX 16                /* registered chart kinds, at most */

enum chart_format { CHART_PNG, CHART_SVG };

/* How to draw. A zeroed struct means PNG, notes on stderr, gnuplot on $PATH. */
struct chart_opts {
    enum chart_format format;
    bool quiet;                 /* no note when gnuplot is missing */
    const char *search_path;    /* where to look for gnuplot; NULL: $PATH */
    FILE *note_fp;              /* where the note goes; NULL: stderr */
    const char *note_dir;       /* the charts directory the note names;
                                   NULL: the one written (which may be a
                                   temporary one, reports/outset.h) */
};

/* The two files a chart writer fills. */
struct chart_out {
    const char *name;           /* the chart's file stem: "latency" */
    enum chart_format format;   /* of the image the script draws */
    FILE *dat;                  /* NAME.dat: the numbers and the names */
    FILE *gp;                   /* NAME.gp: the script, no user text */
};

struct chart_ops {
    const char *name;           /* file stem: charts/NAME.dat, NAME.gp, ... */
    const char *title;          /* heading in index.html */
    const char *caption;        /* one or two sentences: how to read it */
    /* True when r has something to show; false skips the chart. */
    bool (*applies)(const struct results *r);
    /*
     * Writes the data file and the script. I/O errors are the caller's to
     * detect (it checks both streams), so a writer need not check each
     * fprintf. Returns 0, or -1 with a diag.
     */
    int (*write)(const struct results *r, const struct chart_out *out,
                 struct diag *dg);
};

/* What chart_write_all did, chart by chart, for the HTML page. */
struct chart_entry {
    const struct chart_ops *ops;
    bool drawn;                 /* the image exists and is current */
};

struct chart_set {
    enum chart_format format;
    const char *dir;            /* where the charts are (borrowed) */
    bool gnuplot_missing;       /* data and scripts only */
    size_t n;                   /* charts written, registry order */
    struct chart_entry item[CHART_MAX];
};

/* The chart kinds, each defined in its reports/chart_NAME.c. */
extern const struct chart_ops throughput_chart;
extern const struct chart_ops latency_chart;
extern const struct chart_ops cpu_chart;
extern const struct chart_ops sweep_p99_chart;
extern const struct chart_ops sweep_throughput_chart;
extern const struct chart_ops cost_chart;
extern const struct chart_ops credits_chart;

/* Number of registered chart kinds, and the i-th (NULL past the end). */
size_t chart_count(void);
const struct chart_ops *chart_at(size_t i);

/*
 * Parses a --chart-format value ("png" or "svg") into *out. Returns 0, or
 * -1 with "unknown chart format 'x'; valid: png, svg" in dg.
 */
int chart_parse_format(const char *name, enum chart_format *out,
                       struct diag *dg);

/* File extension of a format, without the dot: "png", "svg". */
const char *chart_format_ext(enum chart_format f);

/*
 * Writes every applicable chart's NAME.dat and NAME.gp into charts_dir
 * (which must exist), atomically, then draws each with gnuplot into
 * NAME.png or NAME.svg. Files of charts that do not apply and images of
 * charts not drawn are removed, so the directory matches r. Without
 * gnuplot, prints one note (unless o->quiet) and succeeds. Fills *set.
 * Returns 0, or -1 with a diag per failure (a file that could not be
 * written, a script gnuplot failed on, named): a runtime failure. The
 * other charts are still written when one fails.
 */
int chart_write_all(const struct results *r, const char *charts_dir,
                    const struct chart_opts *o, struct chart_set *set,
                    struct diag *dg);

/*
 * A chart outside the registry (e.g. measure/'s, which draw more than
 * struct results holds): writes its data and script from ctx.
 */
typedef int chart_write_fn(const void *ctx, const struct chart_out *out,
                           struct diag *dg);

/*
 * Writes charts_dir/NAME.dat and NAME.gp atomically through write, then
 * draws NAME.png or NAME.svg with gnuplot when it is found (o may be
 * NULL). Sets *drawn, and *gnuplot_missing when gnuplot was not found
 * (no note is printed: the caller says so once). Returns 0, or -1 with a
 * diag: a runtime failure.
 */
int chart_draw(const char *charts_dir, const char *name,
               const struct chart_opts *o, chart_write_fn *write,
               const void *ctx, bool *drawn, bool *gnuplot_missing,
               struct diag *dg);

#endif
