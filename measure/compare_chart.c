/*
 * compare_chart.c - measured points over simulated curves: the latency
 * percentile spectrum of each measured cell with the measured p50, p99
 * and p99.9 on it, and p99 and throughput across the offered rate.
 * Names go into the .dat files as data, never into a script.
 */
#include "measure/compare_chart.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "reports/chart_gp.h"
#include "base/xalloc.h"

/* More cells than this on one chart are not drawn. */
#define MAX_SERIES 12

/* The quantile a latency metric stands for, or -1. */
static double metric_q(enum measured_metric k)
{
    switch (k) {
    case MM_P50: return 0.5;
    case MM_P99: return 0.99;
    case MM_P999: return 0.999;
    default: return -1;
    }
}

/* The distinct matched cells, in row order, at most max. */
static size_t matched_cells(const struct compare *cmp, size_t *cells,
                            size_t max)
{
    size_t i, j, n = 0;

    for (i = 0; i < cmp->m->n && n < max; i++) {
        for (j = 0; j < n; j++)
            if (cells[j] == cmp->row_cell[i])
                break;
        if (j == n)
            cells[n++] = cmp->row_cell[i];
    }
    return n;
}

/* True when some item of cell `cell` is a latency percentile. */
static bool has_latency(const struct compare *cmp, size_t cell)
{
    size_t i;

    for (i = 0; i < cmp->n; i++)
        if (cmp->items[i].cell == cell && metric_q(cmp->items[i].metric) > 0)
            return true;
    return false;
}

static int latency_write(const void *ctx, const struct chart_out *out,
                         struct diag *dg)
{
    const struct compare *cmp = ctx;
    size_t cells[MAX_SERIES], n = matched_cells(cmp, cells, MAX_SERIES);
    char label[CHART_LABEL_MAX];
    size_t i, k, block = 0;

    (void)dg;
    chart_gp_dat_begin(out,
        "# Per measured cell, two blocks (separated by two blank lines):\n"
        "# the simulated spectrum, then the measured percentiles; each\n"
        "# block's first line is its label. Columns: quantile q, 1/(1-q)\n"
        "# (the x axis), latency (microseconds).\n");
    chart_gp_begin(cmp->r, out, "Measured percentiles over the simulated "
                   "spectrum");
    fputs("set logscale x 10\nset logscale y 10\n"
          "set xlabel 'percentile (log scale of 1/(1-q))'\n"
          "set ylabel 'latency (\xc2\xb5s, log scale)'\n"
          "set xtics ('50%%' 2, '90%%' 10, '99%%' 100, '99.9%%' 1000, "
          "'99.99%%' 10000)\nset xrange [1:10000]\nplot ", out->gp);
    for (i = 0; i < n; i++) {
        const struct cell_result *c = &cmp->r->cells[cells[i]];
        const char *color = chart_gp_color(c->generation);

        if (!has_latency(cmp, cells[i]))
            continue;
        chart_gp_cell_label(c, CHART_LABEL_GENERATION |
                            (chart_gp_has_sweep(cmp->r) ?
                             CHART_LABEL_POINT : 0), label, sizeof(label));
        fputs(block ? "\n\n" : "", out->dat);
        chart_gp_dat_string(out->dat, label, sizeof(label));
        fputc('\n', out->dat);
        for (k = 0; k < RESULT_SPECTRUM; k++) {
            double q = c->spectrum_q[k], us = c->spectrum_us[k];

            if (!(q >= 0 && q < 1 && isfinite(us) && us > 0))
                continue;
            fprintf(out->dat, "%.6g %.6g %.6g\n", q, 1 / (1 - q), us);
        }
        fputs("\n\n", out->dat);
        fputs("measured\n", out->dat);
        for (k = 0; k < cmp->n; k++) {
            const struct compare_item *it = &cmp->items[k];
            double q = metric_q(it->metric);

            if (it->cell != cells[i] || q < 0 || !(it->measured > 0))
                continue;
            fprintf(out->dat, "%.6g %.6g %.6g\n", q, 1 / (1 - q),
                    it->measured);
        }
        fprintf(out->gp, "%s'%s.dat' index %zu using 2:3 with lines lw 2 "
                "lc rgb '%s' title columnheader(1), \\\n     '%s.dat' index "
                "%zu using 2:3 with points pt 6 ps 2.2 lw 2 lc rgb '%s' "
                "title 'measured'", block ? ", \\\n     " : "", out->name,
                block, color, out->name, block + 1, color);
        block += 2;
    }
    fputc('\n', out->gp);
    return 0;
}

static bool latency_applies(const struct compare *cmp)
{
    size_t cells[MAX_SERIES], n = matched_cells(cmp, cells, MAX_SERIES), i;

    for (i = 0; i < n; i++)
        if (has_latency(cmp, cells[i]))
            return true;
    return false;
}

/* A sweep chart: one metric against the offered rate. */
struct sweep_ctx {
    const struct compare *cmp;
    enum measured_metric metric;
};

/* The distinct (instance, generation) of measured rows giving metric. */
static size_t sweep_series(const struct compare *cmp,
                           enum measured_metric metric, size_t *cells,
                           size_t max)
{
    size_t i, j, n = 0;

    for (i = 0; i < cmp->n && n < max; i++) {
        const struct cell_result *c = &cmp->r->cells[cmp->items[i].cell];

        if (cmp->items[i].metric != metric ||
            isnan(compare_cell_rate(cmp->r, c)))
            continue;
        for (j = 0; j < n; j++) {
            const struct cell_result *d = &cmp->r->cells[cells[j]];

            if (!strcmp(c->instance, d->instance) &&
                !strcmp(c->generation, d->generation))
                break;
        }
        if (j == n)
            cells[n++] = cmp->items[i].cell;
    }
    return n;
}

static bool same_series(const struct cell_result *a,
                        const struct cell_result *b)
{
    return !strcmp(a->instance, b->instance) &&
           !strcmp(a->generation, b->generation);
}

static int by_rate(const void *pa, const void *pb)
{
    const double *a = pa, *b = pb;

    return (a[0] > b[0]) - (a[0] < b[0]);
}

static int sweep_write(const void *vctx, const struct chart_out *out,
                       struct diag *dg)
{
    const struct sweep_ctx *sx = vctx;
    const struct compare *cmp = sx->cmp;
    const struct results *r = cmp->r;
    size_t series[MAX_SERIES];
    size_t ns = sweep_series(cmp, sx->metric, series, MAX_SERIES);
    double *pts = xmalloc((r->ncells ? r->ncells : 1) * 3 * sizeof(*pts));
    char label[CHART_LABEL_MAX];
    size_t s, i, np;

    (void)dg;
    chart_gp_dat_begin(out,
        "# Per series (instance / generation), two blocks: the simulated\n"
        "# cells (offered rate, mean, 95% CI half-width), then the\n"
        "# measured points (offered rate, value).\n");
    chart_gp_begin(r, out, sx->metric == MM_P99 ?
                   "Measured p99 over the simulated sweep" :
                   "Measured throughput over the simulated sweep");
    fprintf(out->gp, "set xlabel 'offered rate (requests/s)'\n"
            "set ylabel '%s'\nset yrange [0:*]\n"
            "set offsets graph 0.05, graph 0.05, graph 0.1, 0\nplot ",
            sx->metric == MM_P99 ? "p99 latency (\xc2\xb5s), mean and 95% CI"
                                 : "throughput (requests/s), mean and 95% CI");
    for (s = 0; s < ns; s++) {
        const struct cell_result *c0 = &r->cells[series[s]];
        const char *color = chart_gp_color(c0->generation);

        chart_gp_cell_label(c0, CHART_LABEL_GENERATION, label, sizeof(label));
        fputs(s ? "\n\n" : "", out->dat);
        chart_gp_dat_string(out->dat, label, sizeof(label));
        fputc('\n', out->dat);
        for (i = 0, np = 0; i < r->ncells; i++) {
            const struct cell_result *c = &r->cells[i];
            double rate = compare_cell_rate(r, c);

            if (!same_series(c, c0) || isnan(rate))
                continue;
            pts[3 * np] = rate;
            pts[3 * np + 1] = measured_cell_value(c, sx->metric,
                                                  &pts[3 * np + 2]);
            np++;
        }
        qsort(pts, np, 3 * sizeof(*pts), by_rate);
        for (i = 0; i < np; i++)
            fprintf(out->dat, "%.6g %.6g %.6g\n", pts[3 * i], pts[3 * i + 1],
                    pts[3 * i + 2]);
        fputs("\n\nmeasured\n", out->dat);
        for (i = 0; i < cmp->n; i++) {
            const struct compare_item *it = &cmp->items[i];
            const struct cell_result *c = &r->cells[it->cell];

            if (it->metric == sx->metric && same_series(c, c0))
                fprintf(out->dat, "%.6g %.6g\n", compare_cell_rate(r, c),
                        it->measured);
        }
        fprintf(out->gp, "%s'%s.dat' index %zu using 1:2:3 with "
                "yerrorlines lw 2 lc rgb '%s' title columnheader(1), \\\n"
                "     '%s.dat' index %zu using 1:2 with points pt 6 ps 2.2 "
                "lw 2 lc rgb '%s' title 'measured'", s ? ", \\\n     " : "",
                out->name, 2 * s, color, out->name, 2 * s + 1, color);
    }
    fputc('\n', out->gp);
    free(pts);
    return 0;
}

/* At least two distinct measured rates of metric for one series. */
static bool sweep_applies(const struct compare *cmp,
                          enum measured_metric metric)
{
    size_t i, j;

    for (i = 0; i < cmp->n; i++) {
        const struct compare_item *a = &cmp->items[i];
        const struct cell_result *ca = &cmp->r->cells[a->cell];

        if (a->metric != metric || isnan(compare_cell_rate(cmp->r, ca)))
            continue;
        for (j = i + 1; j < cmp->n; j++) {
            const struct compare_item *b = &cmp->items[j];
            const struct cell_result *cb = &cmp->r->cells[b->cell];

            if (b->metric == metric && same_series(ca, cb) &&
                compare_cell_rate(cmp->r, cb) !=
                    compare_cell_rate(cmp->r, ca))
                return true;
        }
    }
    return false;
}

int compare_chart_write_all(const struct compare *cmp, const char *charts_dir,
                            const struct chart_opts *o,
                            struct compare_chart_set *set, struct diag *dg)
{
    struct sweep_ctx p99 = {.cmp = cmp, .metric = MM_P99};
    struct sweep_ctx rps = {.cmp = cmp, .metric = MM_THROUGHPUT};
    static const struct compare_chart_entry entries[COMPARE_CHARTS] = {
        {"compare_latency", "Measured percentiles over the simulated "
         "spectrum", "Each line is a measured cell's simulated latency at "
         "every percentile; the open circles are the measured p50, p99 and "
         "p99.9, in the line's color.", false},
        {"compare_sweep_p99", "Measured p99 across the offered rate",
         "Simulated p99 with its 95% interval at each offered rate, and the "
         "measured p99 as open circles.", false},
        {"compare_sweep_throughput", "Measured throughput across the "
         "offered rate", "Simulated throughput with its 95% interval, and "
         "the measured throughput as open circles.", false},
    };
    chart_write_fn *writers[COMPARE_CHARTS] = {
        latency_write, sweep_write, sweep_write,
    };
    const void *ctxs[COMPARE_CHARTS] = {cmp, &p99, &rps};
    bool applies[COMPARE_CHARTS];
    size_t i;
    int rc = 0;

    memset(set, 0, sizeof(*set));
    set->format = o ? o->format : CHART_PNG;
    applies[0] = latency_applies(cmp);
    applies[1] = sweep_applies(cmp, MM_P99);
    applies[2] = sweep_applies(cmp, MM_THROUGHPUT);
    for (i = 0; i < COMPARE_CHARTS; i++) {
        struct compare_chart_entry e = entries[i];
        bool missing = false;

        if (!applies[i])
            continue;
        if (chart_draw(charts_dir, e.name, o, writers[i], ctxs[i], &e.drawn,
                       &missing, dg) < 0)
            rc = -1;
        set->gnuplot_missing |= missing;
        set->item[set->n++] = e;
    }
    return rc;
}
