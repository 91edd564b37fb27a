/*
 * chart.c - the table of chart kinds and the driver that writes each
 * chart's data and script atomically, runs gnuplot on it when installed,
 * and keeps charts/ in step with the results. The page that shows them is
 * reports/html.c's, written after the charts (html_report_write).
 */
#include "reports/chart.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "reports/atomic.h"
#include "reports/gnuplot.h"
#include "base/strbuf.h"
#include "base/xalloc.h"

/* Table order is the order of the charts in index.html. */
static const struct chart_ops *const charts[] = {
    &throughput_chart,
    &latency_chart,
    &cpu_chart,
    &sweep_p99_chart,
    &sweep_throughput_chart,
    &cost_chart,
    &credits_chart,
};

#define N_CHARTS (sizeof(charts) / sizeof(charts[0]))

_Static_assert(N_CHARTS <= CHART_MAX, "raise CHART_MAX");

/* Where gnuplot is looked for when PATH is unset, as execvp does. */
#define DEFAULT_PATH "/bin:/usr/bin"

static const char *const format_exts[] = {
    [CHART_PNG] = "png",
    [CHART_SVG] = "svg",
};

#define N_FORMATS (sizeof(format_exts) / sizeof(format_exts[0]))

size_t chart_count(void)
{
    return N_CHARTS;
}

const struct chart_ops *chart_at(size_t i)
{
    return i < N_CHARTS ? charts[i] : NULL;
}

int chart_parse_format(const char *name, enum chart_format *out,
                       struct diag *dg)
{
    size_t i;

    for (i = 0; i < N_FORMATS; i++) {
        if (strcmp(name, format_exts[i]) == 0) {
            *out = (enum chart_format)i;
            return 0;
        }
    }
    return diag_set(dg, 0, 0, "unknown chart format '%s'; valid: png, svg",
                    name);
}

const char *chart_format_ext(enum chart_format f)
{
    return (unsigned)f < N_FORMATS ? format_exts[f] : "png";
}

/* "DIR/NAME.EXT", malloc'ed. */
static char *file_path(const char *dir, const char *name, const char *ext)
{
    return xstrfmt("%s/%s.%s", dir, name, ext);
}

/* Removes DIR/NAME.EXT if it is there; a missing file is fine. */
static int remove_file(const char *dir, const char *name, const char *ext,
                       struct diag *dg)
{
    char *p = file_path(dir, name, ext);
    int rc = 0;

    if (unlink(p) < 0 && errno != ENOENT)
        rc = diag_set(dg, 0, 0, "cannot remove stale '%s': %s", p,
                      strerror(errno));
    free(p);
    return rc;
}

/* Adapts a registered chart's writer to chart_write_fn. */
struct ops_ctx {
    const struct results *r;
    const struct chart_ops *c;
};

static int ops_write(const void *ctx, const struct chart_out *out,
                     struct diag *dg)
{
    const struct ops_ctx *oc = ctx;

    return oc->c->write(oc->r, out, dg);
}

/* Writes NAME.dat and NAME.gp in dir, each through a temp file. */
static int write_files(const char *dir, const char *name,
                       enum chart_format format, chart_write_fn *write,
                       const void *ctx, struct diag *dg)
{
    struct atomic_file dat, gp;
    struct chart_out out;
    char *dat_path = file_path(dir, name, "dat");
    char *gp_path = file_path(dir, name, "gp");
    int rc = -1;

    if (atomic_open(&dat, dat_path, dg) < 0)
        goto out_free;
    if (atomic_open(&gp, gp_path, dg) < 0)
        goto out_abort_dat;
    out.name = name;
    out.format = format;
    out.dat = dat.fp;
    out.gp = gp.fp;
    if (write(ctx, &out, dg) < 0)
        goto out_abort_gp;
    /* The script last: a script never refers to a data file not there. */
    if (atomic_commit(&dat, false, dg) < 0)
        goto out_abort_gp;
    if (atomic_commit(&gp, false, dg) < 0)
        goto out_free;
    rc = 0;
    goto out_free;

out_abort_gp:
    atomic_abort(&gp);
out_abort_dat:
    atomic_abort(&dat);
out_free:
    free(gp_path);
    free(dat_path);
    return rc;
}

/*
 * Writes one chart's files, draws it when gnuplot is given, and removes
 * images that no longer match the data. Sets *drawn.
 */
static int draw_one(const char *dir, const char *name,
                    enum chart_format format, const char *gnuplot,
                    chart_write_fn *write, const void *ctx, bool *drawn,
                    struct diag *dg)
{
    size_t f;
    int rc = 0;

    *drawn = false;
    if (write_files(dir, name, format, write, ctx, dg) < 0) {
        rc = -1;
    } else if (gnuplot) {
        char *script = xstrfmt("%s.gp", name);
        char *image = xstrfmt("%s.%s", name, chart_format_ext(format));

        if (gnuplot_run(gnuplot, dir, script, image, dg) == 0)
            *drawn = true;
        else
            rc = -1;
        free(image);
        free(script);
    }
    /* No stale image beside new data: other formats, or this one. */
    for (f = 0; f < N_FORMATS; f++)
        if ((f != (size_t)format || !*drawn) &&
            remove_file(dir, name, format_exts[f], dg) < 0)
            rc = -1;
    return rc;
}

/* gnuplot's path (caller frees) for o, or NULL when it is not found. */
static char *find_gnuplot(const struct chart_opts *o)
{
    const char *search = o->search_path ? o->search_path : getenv("PATH");

    return gnuplot_find(search ? search : DEFAULT_PATH);
}

int chart_draw(const char *charts_dir, const char *name,
               const struct chart_opts *o, chart_write_fn *write,
               const void *ctx, bool *drawn, bool *gnuplot_missing,
               struct diag *dg)
{
    static const struct chart_opts defaults;
    char *gnuplot;
    int rc;

    if (!o)
        o = &defaults;
    gnuplot = find_gnuplot(o);
    *gnuplot_missing = gnuplot == NULL;
    rc = draw_one(charts_dir, name, o->format, gnuplot, write, ctx, drawn,
                  dg);
    free(gnuplot);
    return rc;
}

/* Says once that the charts were not drawn, unless asked to be quiet. */
static void note_missing(const char *charts_dir, const struct chart_opts *o)
{
    size_t len = strlen(charts_dir);
    FILE *fp = o->note_fp ? o->note_fp : stderr;

    if (o->quiet)
        return;
    fprintf(fp, "virtsim: note: gnuplot not found; wrote chart data and "
            "scripts to %s%s (install gnuplot to draw them)\n", charts_dir,
            len && charts_dir[len - 1] == '/' ? "" : "/");
}

int chart_write_all(const struct results *r, const char *charts_dir,
                    const struct chart_opts *o, struct chart_set *set,
                    struct diag *dg)
{
    static const struct chart_opts defaults;
    char *gnuplot;
    size_t i, f;
    int rc = 0;

    if (!o)
        o = &defaults;
    memset(set, 0, sizeof(*set));
    set->format = o->format;
    set->dir = charts_dir;
    gnuplot = find_gnuplot(o);

    for (i = 0; i < N_CHARTS; i++) {
        const struct chart_ops *c = charts[i];
        struct chart_entry e = {.ops = c, .drawn = false};
        struct ops_ctx oc = {.r = r, .c = c};

        if (!c->applies(r)) {
            if (remove_file(charts_dir, c->name, "dat", dg) < 0 ||
                remove_file(charts_dir, c->name, "gp", dg) < 0)
                rc = -1;
            for (f = 0; f < N_FORMATS; f++)
                if (remove_file(charts_dir, c->name, format_exts[f], dg) < 0)
                    rc = -1;
            continue;
        }
        if (draw_one(charts_dir, c->name, o->format, gnuplot, ops_write, &oc,
                     &e.drawn, dg) < 0)
            rc = -1;
        set->item[set->n++] = e;
    }
    if (!gnuplot && set->n > 0) {
        set->gnuplot_missing = true;
        note_missing(o->note_dir ? o->note_dir : charts_dir, o);
    }
    free(gnuplot);
    return rc;
}
