/*
 * chart_throughput.c - the "throughput" chart: grouped bars, one group per
 * instance (and sweep point), one bar per generation in its color, with
 * the 95% confidence interval as an error bar and the SLO's minimum rate.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "reports/chart.h"
#include "reports/chart_gp.h"
#include "base/xalloc.h"

/* A row: the first cell of its (instance, point) pair. */
static bool same_row(const struct cell_result *a, const struct cell_result *b)
{
    return strncmp(a->instance, b->instance, sizeof(a->instance)) == 0 &&
           chart_gp_same_point(a, b);
}

/* Fills rows with the index of each row's first cell; returns how many. */
static size_t list_rows(const struct results *r, size_t *rows)
{
    size_t i, j, n = 0;

    for (i = 0; i < r->ncells; i++) {
        for (j = 0; j < n && !same_row(&r->cells[rows[j]], &r->cells[i]); j++)
            ;
        if (j == n)
            rows[n++] = i;
    }
    return n;
}

/* The first cell in row `row` under generation gen, or NULL. */
static const struct cell_result *find_cell(const struct results *r,
                                           const struct cell_result *row,
                                           const char *gen)
{
    size_t i;

    for (i = 0; i < r->ncells; i++)
        if (same_row(row, &r->cells[i]) &&
            strncmp(r->cells[i].generation, gen, RESULT_NAME_MAX) == 0)
            return &r->cells[i];
    return NULL;
}

static bool throughput_applies(const struct results *r)
{
    size_t i;

    for (i = 0; i < r->ncells; i++)
        if (isfinite(r->cells[i].throughput_rps.mean))
            return true;
    return false;
}

/* How many generations row `row` has a cell under (bars in its group). */
static size_t row_bars(const struct results *r, const struct cell_result *row,
                       const char **gens, size_t ngens)
{
    size_t g, k = 0;

    for (g = 0; g < ngens; g++)
        k += find_cell(r, row, gens[g]) != NULL;
    return k;
}

/*
 * x of the bar of generation gens[gen] in group `row` centered on x = i:
 * the group's bars side by side, in generation order, width bw each.
 */
static double bar_x(const struct results *r, const struct cell_result *row,
                    size_t i, const char **gens, size_t ngens, size_t gen,
                    double bw)
{
    size_t k = row_bars(r, row, gens, ngens), g, j = 0;

    for (g = 0; g < gen; g++)
        j += find_cell(r, row, gens[g]) != NULL;
    return (double)i + ((double)j - (double)(k - 1) / 2) * bw;
}

static int throughput_write(const struct results *r,
                            const struct chart_out *out, struct diag *dg)
{
    const char *gens[CHART_NAMES_MAX];
    size_t *rows = xcalloc(r->ncells ? r->ncells : 1, sizeof(*rows));
    size_t nrows = list_rows(r, rows);
    size_t ngens = chart_gp_generations(r, gens, CHART_NAMES_MAX);
    unsigned what = chart_gp_has_sweep(r) ? CHART_LABEL_POINT : 0;
    double min_rps = chart_gp_scenario_num(r, "slo", "min_rps");
    size_t i, g, longest = 0, maxk = 1;
    char label[CHART_LABEL_MAX];
    double bw;

    (void)dg;
    for (i = 0; i < nrows; i++) {
        size_t k = row_bars(r, &r->cells[rows[i]], gens, ngens);

        if (k > maxk)
            maxk = k;
    }
    bw = 0.8 / (double)maxk < 0.4 ? 0.8 / (double)maxk : 0.4;
    chart_gp_dat_begin(out,
        "# One block per generation, blocks separated by two blank lines;\n"
        "# a block's first line is its label. Columns: x (group i at x = i,\n"
        "# its bars side by side), mean throughput (requests/s), half-width\n"
        "# of its 95% confidence interval. The last block: x of each group\n"
        "# and its label (instance, and sweep point).\n");
    for (g = 0; g < ngens; g++) {
        if (g > 0)
            fputs("\n\n", out->dat);
        chart_gp_dat_string(out->dat, gens[g], RESULT_NAME_MAX);
        fputc('\n', out->dat);
        for (i = 0; i < nrows; i++) {
            const struct cell_result *row = &r->cells[rows[i]];
            const struct cell_result *c = find_cell(r, row, gens[g]);

            if (!c)
                continue;
            chart_gp_num(out->dat, bar_x(r, row, i, gens, ngens, g, bw));
            fputc(' ', out->dat);
            chart_gp_num(out->dat, c->throughput_rps.mean);
            fputc(' ', out->dat);
            chart_gp_num(out->dat, isfinite(c->throughput_rps.ci95)
                                   ? c->throughput_rps.ci95 : 0);
            fputc('\n', out->dat);
        }
    }
    fputs("\n\n\"groups\"\n", out->dat);
    for (i = 0; i < nrows; i++) {
        chart_gp_cell_label(&r->cells[rows[i]], what, label, sizeof(label));
        if (strlen(label) > longest)
            longest = strlen(label);
        fprintf(out->dat, "%zu ", i);
        chart_gp_dat_string(out->dat, label, sizeof(label));
        fputc('\n', out->dat);
    }

    chart_gp_begin(r, out, "Throughput by instance and generation");
    fprintf(out->gp, "set style fill solid 0.85 border -1\n"
            "set boxwidth %.6g absolute\n"
            "set grid noxtics ytics\n"
            "set xrange [-0.6:%zu.6]\n"
            "set yrange [0:*]\n"
            "set format y '%%.0f'\n"
            "set xtics scale 0\n"
            "set ylabel 'throughput (requests/s), mean and 95%% CI'\n"
            "set xlabel 'instance'\n", bw * 0.92, nrows - 1);
    if (nrows * (longest + 2) > 80)
        fputs("set xtics rotate by -25 left\n", out->gp);
    fputs("plot ", out->gp);
    for (g = 0; g < ngens; g++)
        fprintf(out->gp, "%s'throughput.dat' index %zu using 1:2:3 with "
                "boxerrorbars lc rgb '%s' title columnheader(1)",
                g ? ", \\\n     " : "", g, chart_gp_color(gens[g]));
    if (isfinite(min_rps))
        fprintf(out->gp, ", \\\n     %.6g with lines dt 2 lw 1.5 "
                "lc rgb '#c00000' title 'SLO: at least %.10g requests/s'",
                min_rps, min_rps);
    fprintf(out->gp, ", \\\n     'throughput.dat' index %zu using "
            "1:(NaN):xticlabels(2) notitle\n", ngens);
    free(rows);
    return 0;
}

const struct chart_ops throughput_chart = {
    .name = "throughput",
    .title = "Throughput",
    .caption = "Requests completed per second, one bar per generation in "
               "its color; the whiskers are 95% confidence intervals over "
               "replications.",
    .applies = throughput_applies,
    .write = throughput_write,
};
