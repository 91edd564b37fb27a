/*
 * chart_sweep.c - the two sweep charts, "sweep_p99" and
 * "sweep_throughput": p99 latency and throughput against the first swept
 * value (the knee), one line per instance and generation (and per value of
 * any other swept path). Skipped when nothing was swept.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "reports/chart.h"
#include "reports/chart_gp.h"
#include "reports/format.h"
#include "base/xalloc.h"

static const int point_types[] = {7, 5, 9, 11, 13, 15};
#define N_POINT_TYPES (sizeof(point_types) / sizeof(point_types[0]))

/* The swept path on the x axis (the first one), copied into buf. */
static bool x_path(const struct results *r, char *buf, size_t size)
{
    const char **paths = NULL;
    size_t n = report_point_paths(r, &paths);

    if (n > 0)
        snprintf(buf, size, "%s", paths[0]);
    free(paths);
    return n > 0;
}

/* The value of path in c, or NaN when c has none. */
static double x_of(const struct cell_result *c, const char *path)
{
    int k = report_point_find(c, path);

    return k < 0 ? NAN : c->point[k].value;
}

/* Same line: instance, generation and every coordinate but path. */
static bool same_series(const struct cell_result *a,
                        const struct cell_result *b, const char *path)
{
    size_t i;
    int k;

    if (strncmp(a->instance, b->instance, sizeof(a->instance)) != 0 ||
        strncmp(a->generation, b->generation, sizeof(a->generation)) != 0)
        return false;
    for (i = 0; i < a->npoint && i < RESULT_MAX_POINT; i++) {
        if (strncmp(a->point[i].path, path, sizeof(a->point[i].path)) == 0)
            continue;
        k = report_point_find(b, a->point[i].path);
        if (k < 0 || b->point[k].value != a->point[i].value)
            return false;
    }
    return a->npoint == b->npoint;
}

/*
 * The lines: series[i] is the index of the line of cell i (-1 when it has
 * no x value); returns the number of lines. first[l] is line l's first
 * cell.
 */
static size_t list_series(const struct results *r, const char *path,
                          int *series, size_t *first)
{
    size_t i, l, n = 0;

    for (i = 0; i < r->ncells; i++) {
        series[i] = -1;
        if (!isfinite(x_of(&r->cells[i], path)))
            continue;
        for (l = 0; l < n; l++)
            if (same_series(&r->cells[first[l]], &r->cells[i], path))
                break;
        if (l == n)
            first[n++] = i;
        series[i] = (int)l;
    }
    return n;
}

static bool sweep_applies(const struct results *r)
{
    char path[sizeof(r->cells[0].point[0].path)];
    double x0 = NAN;
    size_t i;

    if (!x_path(r, path, sizeof(path)))
        return false;
    for (i = 0; i < r->ncells; i++) {
        double x = x_of(&r->cells[i], path);

        if (!isfinite(x))
            continue;
        if (isfinite(x0) && x != x0)
            return true;
        x0 = x;
    }
    return false;
}

/* Labels of lines carry the other swept coordinates, not the x one. */
static void series_label(const struct cell_result *c, const char *path,
                         char *buf, size_t size)
{
    struct cell_result tmp;
    size_t i, n = 0;

    tmp = *c;
    for (i = 0; i < c->npoint && i < RESULT_MAX_POINT; i++)
        if (strncmp(c->point[i].path, path, sizeof(c->point[i].path)) != 0)
            tmp.point[n++] = c->point[i];
    tmp.npoint = n;
    chart_gp_cell_label(&tmp, CHART_LABEL_GENERATION | CHART_LABEL_POINT,
                        buf, size);
}

struct sweep {
    char path[sizeof(((struct cell_result *)0)->point[0].path)];
    size_t nseries;
    double xmin, xmax, ymin, ymax;      /* of the finite, positive values */
};

static void widen(double v, double *lo, double *hi)
{
    if (!isfinite(v) || v <= 0)
        return;
    if (!(v >= *lo))
        *lo = v;
    if (!(v <= *hi))
        *hi = v;
}

/*
 * Writes the data file both sweep charts read (one block per line, sorted
 * by x) and fills sw, with y the p99 (p99 set) or the throughput.
 */
static void write_data(const struct results *r, const struct chart_out *out,
                       bool p99, struct sweep *sw)
{
    int *series = xcalloc(r->ncells ? r->ncells : 1, sizeof(*series));
    size_t *first = xcalloc(r->ncells ? r->ncells : 1, sizeof(*first));
    size_t *cells = xcalloc(r->ncells ? r->ncells : 1, sizeof(*cells));
    char label[CHART_LABEL_MAX];
    size_t l, i, j, n;

    x_path(r, sw->path, sizeof(sw->path));
    sw->nseries = list_series(r, sw->path, series, first);
    sw->xmin = sw->ymin = NAN;
    sw->xmax = sw->ymax = NAN;
    chart_gp_dat_begin(out,
        "# One block per line, blocks separated by two blank lines; a\n"
        "# block's first line is its label. Columns: swept value, p99\n"
        "# latency (microseconds) and its 95% CI, throughput (requests/s)\n"
        "# and its 95% CI.\n");
    for (l = 0; l < sw->nseries; l++) {
        n = 0;
        for (i = 0; i < r->ncells; i++) {
            double x;

            if (series[i] != (int)l)
                continue;
            x = x_of(&r->cells[i], sw->path);
            for (j = n; j > 0 && x_of(&r->cells[cells[j - 1]], sw->path) > x;
                 j--)
                cells[j] = cells[j - 1];
            cells[j] = i;
            n++;
        }
        series_label(&r->cells[first[l]], sw->path, label, sizeof(label));
        if (l > 0)
            fputs("\n\n", out->dat);
        chart_gp_dat_string(out->dat, label, sizeof(label));
        fputc('\n', out->dat);
        for (j = 0; j < n; j++) {
            const struct cell_result *c = &r->cells[cells[j]];
            double x = x_of(c, sw->path);

            chart_gp_num(out->dat, x);
            fputc(' ', out->dat);
            chart_gp_num(out->dat, c->lat_p99.mean);
            fputc(' ', out->dat);
            chart_gp_num(out->dat, isfinite(c->lat_p99.ci95)
                                   ? c->lat_p99.ci95 : 0);
            fputc(' ', out->dat);
            chart_gp_num(out->dat, c->throughput_rps.mean);
            fputc(' ', out->dat);
            chart_gp_num(out->dat, isfinite(c->throughput_rps.ci95)
                                   ? c->throughput_rps.ci95 : 0);
            fputc('\n', out->dat);
            widen(x, &sw->xmin, &sw->xmax);
            widen(p99 ? c->lat_p99.mean : c->throughput_rps.mean,
                  &sw->ymin, &sw->ymax);
        }
    }
    free(cells);
    free(first);
    free(series);
}

/* The x axis, the lines; `extra` goes at the end of the plot command. */
static void write_plot(const struct results *r, const struct chart_out *out,
                       const struct sweep *sw, int ycol, const char *extra)
{
    const char *insts[CHART_NAMES_MAX];
    size_t ninst = chart_gp_instances(r, insts, CHART_NAMES_MAX);
    int *series = xcalloc(r->ncells ? r->ncells : 1, sizeof(*series));
    size_t *first = xcalloc(r->ncells ? r->ncells : 1, sizeof(*first));
    char xlabel[160];
    size_t l;

    list_series(r, sw->path, series, first);
    snprintf(xlabel, sizeof(xlabel), "%s (swept)", sw->path);
    fputs("set xlabel ", out->gp);
    chart_gp_quote(out->gp, xlabel);
    fputc('\n', out->gp);
    if (isfinite(sw->xmin) && sw->xmin > 0 && sw->xmax / sw->xmin >= 50)
        fputs("set logscale x 10\n", out->gp);
    if (sw->nseries > 20)
        fputs("set key font ',8'\n", out->gp);
    fputs("plot ", out->gp);
    for (l = 0; l < sw->nseries; l++) {
        const struct cell_result *c = &r->cells[first[l]];
        int inst = chart_gp_index(insts, ninst, c->instance);

        fprintf(out->gp, "%s'%s.dat' index %zu using 1:%d:%d with "
                "yerrorlines lw 2 ps 1 lc rgb '%s' dt %d pt %d "
                "title columnheader(1)", l ? ", \\\n     " : "", out->name,
                l, ycol, ycol + 1, chart_gp_color(c->generation),
                inst < 0 ? 1 : inst % 5 + 1,
                point_types[l % N_POINT_TYPES]);
    }
    fprintf(out->gp, "%s\n", extra);
    free(first);
    free(series);
}

static int sweep_p99_write(const struct results *r,
                           const struct chart_out *out, struct diag *dg)
{
    double slo = chart_gp_scenario_num(r, "slo", "p99_us");
    char extra[160] = "";
    struct sweep sw;

    (void)dg;
    write_data(r, out, true, &sw);
    chart_gp_begin(r, out, "p99 latency across the sweep");
    fputs("set ylabel 'p99 latency (\xc2\xb5s), mean and 95% CI'\n",
          out->gp);
    if (isfinite(slo))
        widen(slo, &sw.ymin, &sw.ymax);
    if (isfinite(sw.ymin) && sw.ymax / sw.ymin >= 20)
        fputs("set logscale y 10\n", out->gp);
    else
        fputs("set yrange [0:*]\n", out->gp);
    if (isfinite(slo))
        snprintf(extra, sizeof(extra), ", \\\n     %.6g with lines dt 2 "
                 "lw 1.5 lc rgb '#c00000' title 'SLO: p99 at most %.10g "
                 "\xc2\xb5s'", slo, slo);
    write_plot(r, out, &sw, 2, extra);
    return 0;
}

static int sweep_throughput_write(const struct results *r,
                                  const struct chart_out *out,
                                  struct diag *dg)
{
    double min_rps = chart_gp_scenario_num(r, "slo", "min_rps");
    char extra[320] = "";
    struct sweep sw;
    bool offered;

    (void)dg;
    write_data(r, out, false, &sw);
    offered = strcmp(chart_gp_path_short(sw.path), "rate_rps") == 0;
    chart_gp_begin(r, out, "Throughput across the sweep");
    fputs("set ylabel 'throughput (requests/s), mean and 95% CI'\n"
          "set yrange [0:*]\n"
          "set format y '%.0f'\n", out->gp);
    /* Against the offered rate, the diagonal shows where delivery lags. */
    if (offered)
        snprintf(extra, sizeof(extra), ", \\\n     x with lines dt 3 "
                 "lw 1.5 lc rgb '#808080' title 'offered load'");
    if (isfinite(min_rps))
        snprintf(extra + strlen(extra), sizeof(extra) - strlen(extra),
                 ", \\\n     %.6g with lines dt 2 lw 1.5 lc rgb '#c00000' "
                 "title 'SLO: at least %.10g requests/s'", min_rps, min_rps);
    write_plot(r, out, &sw, 4, extra);
    return 0;
}

const struct chart_ops sweep_p99_chart = {
    .name = "sweep_p99",
    .title = "p99 latency across the sweep",
    .caption = "p99 latency at each swept value, one line per instance "
               "and generation: the knee, where latency takes off, is the "
               "capacity that matters; the dashed red line is the SLO.",
    .applies = sweep_applies,
    .write = sweep_p99_write,
};

const struct chart_ops sweep_throughput_chart = {
    .name = "sweep_throughput",
    .title = "Throughput across the sweep",
    .caption = "Delivered throughput at each swept value; when the rate is "
               "swept, the gray diagonal is the offered load, and a line "
               "falling below it has saturated.",
    .applies = sweep_applies,
    .write = sweep_throughput_write,
};
