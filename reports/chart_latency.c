/*
 * chart_latency.c - the "latency" chart: each cell's latency percentile
 * spectrum on log axes (x: the percentile as 1/(1-q), so the tail gets
 * room; y: microseconds), colored by generation, dashed by instance.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "reports/chart.h"
#include "reports/chart_gp.h"
#include "reports/format.h"

/* More lines than this, with a sweep: only the largest swept value. */
#define MAX_LINES 12

/* Which cells are drawn: all, or those at one value of a swept path. */
struct focus {
    char path[64];              /* "" when every cell is drawn */
    double value;
};

/* Point types for sweep points, in order: filled circle, square, ... */
static const int point_types[] = {7, 5, 9, 11, 13, 15};
#define N_POINT_TYPES (sizeof(point_types) / sizeof(point_types[0]))

/* The spectrum points of c worth drawing: 0 <= q < 1 and latency > 0. */
static size_t valid_points(const struct cell_result *c, double *q,
                           double *us)
{
    size_t i, j, n = 0;

    for (i = 0; i < RESULT_SPECTRUM; i++) {
        double qi = c->spectrum_q[i], ui = c->spectrum_us[i];

        if (!(qi >= 0 && qi < 1 && isfinite(ui) && ui > 0))
            continue;
        /* Insertion by quantile: the writer keeps them sorted anyway. */
        for (j = n; j > 0 && q[j - 1] > qi; j--) {
            q[j] = q[j - 1];
            us[j] = us[j - 1];
        }
        q[j] = qi;
        us[j] = ui;
        n++;
    }
    return n;
}

/*
 * Past MAX_LINES lines a sweep makes the chart a tangle: keep the cells at
 * the largest value of the first swept path (the highest load, for a rate
 * sweep); the sweep charts show the rest.
 */
static void choose_focus(const struct results *r, struct focus *f)
{
    double q[RESULT_SPECTRUM], us[RESULT_SPECTRUM];
    const char **paths = NULL;
    size_t i, lines = 0;
    int k;

    f->path[0] = '\0';
    f->value = -INFINITY;
    for (i = 0; i < r->ncells; i++)
        lines += valid_points(&r->cells[i], q, us) >= 2;
    if (lines <= MAX_LINES || report_point_paths(r, &paths) == 0) {
        free(paths);
        return;
    }
    snprintf(f->path, sizeof(f->path), "%s", paths[0]);
    free(paths);
    for (i = 0; i < r->ncells; i++) {
        k = report_point_find(&r->cells[i], f->path);
        if (k >= 0 && r->cells[i].point[k].value > f->value &&
            valid_points(&r->cells[i], q, us) >= 2)
            f->value = r->cells[i].point[k].value;
    }
}

/* True when cell c is drawn: its spectrum has 2 points, it is in focus. */
static bool drawn(const struct cell_result *c, const struct focus *f,
                  double *q, double *us, size_t *n)
{
    int k;

    *n = valid_points(c, q, us);
    if (*n < 2)
        return false;
    if (!f->path[0])
        return true;
    k = report_point_find(c, f->path);
    return k >= 0 && c->point[k].value == f->value;
}

static bool latency_applies(const struct results *r)
{
    double q[RESULT_SPECTRUM], us[RESULT_SPECTRUM];
    size_t i;

    for (i = 0; i < r->ncells; i++)
        if (valid_points(&r->cells[i], q, us) >= 2)
            return true;
    return false;
}

/* Index of c's sweep point among the distinct points seen before it. */
static size_t point_index(const struct results *r, size_t cell)
{
    size_t i, j, n = 0;

    for (i = 0; i < cell; i++) {
        for (j = 0; j < i; j++)
            if (chart_gp_same_point(&r->cells[i], &r->cells[j]))
                break;
        if (j == i && chart_gp_same_point(&r->cells[i], &r->cells[cell]))
            return n;
        if (j == i)
            n++;
    }
    return n;
}

/* The percentile tics, up to the first decade past the largest quantile. */
static void write_xtics(FILE *gp, double max_q)
{
    static const char *const names[] = {
        "90%%", "99%%", "99.9%%", "99.99%%", "99.999%%", "99.9999%%",
    };
    double x = 10, top = (1 / (1 - max_q)) * (1 - 1e-9);
    size_t i = 0;

    fputs("set xtics ('50%%' 2", gp);
    for (;;) {
        fprintf(gp, ", '%s' %.0f", names[i], x);
        if (x >= top || i + 1 == sizeof(names) / sizeof(names[0]))
            break;
        x *= 10;
        i++;
    }
    fputs(")\n", gp);
    fprintf(gp, "set xrange [1:%.0f]\n", x);
}

static int latency_write(const struct results *r,
                         const struct chart_out *out, struct diag *dg)
{
    const char *insts[CHART_NAMES_MAX];
    size_t ninst = chart_gp_instances(r, insts, CHART_NAMES_MAX);
    unsigned what = CHART_LABEL_GENERATION |
                    (chart_gp_has_sweep(r) ? CHART_LABEL_POINT : 0);
    double q[RESULT_SPECTRUM], us[RESULT_SPECTRUM], max_q = 0.99;
    char label[CHART_LABEL_MAX], title[160];
    size_t i, k, n, block = 0, nblocks = 0;
    struct focus f;

    (void)dg;
    choose_focus(r, &f);
    chart_gp_dat_begin(out,
        "# One block per cell, blocks separated by two blank lines; a\n"
        "# block's first line is its label. Columns: quantile q,\n"
        "# 1/(1-q) (the x axis), latency (microseconds).\n");
    for (i = 0; i < r->ncells; i++) {
        const struct cell_result *c = &r->cells[i];

        if (!drawn(c, &f, q, us, &n))
            continue;
        chart_gp_cell_label(c, what, label, sizeof(label));
        if (nblocks++ > 0)
            fputs("\n\n", out->dat);
        chart_gp_dat_string(out->dat, label, sizeof(label));
        fputc('\n', out->dat);
        for (k = 0; k < n; k++) {
            chart_gp_num(out->dat, q[k]);
            fputc(' ', out->dat);
            chart_gp_num(out->dat, 1 / (1 - q[k]));
            fputc(' ', out->dat);
            chart_gp_num(out->dat, us[k]);
            fputc('\n', out->dat);
            if (q[k] > max_q)
                max_q = q[k];
        }
    }

    if (f.path[0])
        snprintf(title, sizeof(title), "Latency percentile spectrum at "
                 "%s=%g", chart_gp_path_short(f.path), f.value);
    else
        snprintf(title, sizeof(title), "Latency percentile spectrum");
    chart_gp_begin(r, out, title);
    fputs("set logscale x 10\n"
          "set logscale y 10\n"
          "set xlabel 'percentile (log scale of 1/(1-q): the tail gets "
          "room)'\n"
          "set ylabel 'latency (\xc2\xb5s, log scale)'\n", out->gp);
    write_xtics(out->gp, max_q);
    if (nblocks > 20)
        fputs("set key font ',8'\n", out->gp);
    fputs("plot ", out->gp);
    for (i = 0; i < r->ncells; i++) {
        const struct cell_result *c = &r->cells[i];
        int inst = chart_gp_index(insts, ninst, c->instance);

        if (!drawn(c, &f, q, us, &n))
            continue;
        fprintf(out->gp, "%s'latency.dat' index %zu using 2:3 with "
                "linespoints lw 2 ps 0.6 lc rgb '%s' dt %d pt %d "
                "title columnheader(1)", block ? ", \\\n     " : "", block,
                chart_gp_color(c->generation), inst < 0 ? 1 : inst % 5 + 1,
                point_types[point_index(r, i) % N_POINT_TYPES]);
        block++;
    }
    fputc('\n', out->gp);
    return 0;
}

const struct chart_ops latency_chart = {
    .name = "latency",
    .title = "Latency percentiles",
    .caption = "Each line is one cell's latency at every percentile, from "
               "the median to the far tail; both axes are logarithmic. "
               "Lower is better; a line that bends up early has a heavy "
               "tail. With many swept cells, only those at the largest "
               "swept value are drawn (see the title).",
    .applies = latency_applies,
    .write = latency_write,
};
