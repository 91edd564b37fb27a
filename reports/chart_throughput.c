/*
 * chart_throughput.c - the "throughput" chart: grouped bars, one group per
 * instance (and sweep point), one bar per generation in its color, with
 * the 95% confidence interval as an error bar, the rate offered to each
 * group (served against offered) and the SLO's minimum rate.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

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

/*
 * The rate offered to cell c, requests/s: its sweep point's
 * workload.*rate_rps, else the scenario workload's rate_rps (or its
 * arrival's); NaN when there is none (a closed loop, a trace, a
 * generator's default rate).
 */
static double offered_rps(const struct results *r,
                          const struct cell_result *c)
{
    const json_t *w = json_object_get(r->scenario, "workload");
    const json_t *v;
    size_t k;

    for (k = 0; k < c->npoint; k++) {
        const char *path = c->point[k].path;
        size_t n = strnlen(path, sizeof(c->point[k].path));

        if (strncmp(path, "workload.", 9) == 0 && n >= 8 &&
            strncmp(path + n - 8, "rate_rps", 8) == 0)
            return c->point[k].value;
    }
    v = json_object_get(w, "rate_rps");
    if (!v)
        v = json_object_get(json_object_get(w, "arrival"), "rate_rps");
    return json_is_number(v) && json_number_value(v) > 0
               ? json_number_value(v) : NAN;
}

/*
 * True when every cell with an offered rate serves it (its throughput
 * within 1% or its confidence interval) and at least one has a rate: the
 * bars are then all equal, and the chart says why.
 */
static bool all_keep_up(const struct results *r)
{
    size_t i, n = 0;

    for (i = 0; i < r->ncells; i++) {
        const struct cell_result *c = &r->cells[i];
        double off = offered_rps(r, c), tol;

        if (!isfinite(off) || !isfinite(c->throughput_rps.mean))
            continue;
        tol = fmax(0.01 * off, isfinite(c->throughput_rps.ci95)
                                   ? c->throughput_rps.ci95 : 0);
        if (fabs(c->throughput_rps.mean - off) > tol)
            return false;
        n++;
    }
    return n > 0;
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
    size_t i, g, longest = 0, maxk = 1, noffered = 0;
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
    /* The offered rate of each group, a black tick across its bars. */
    fputs("\n\n\"offered\"\n", out->dat);
    for (i = 0; i < nrows; i++) {
        const struct cell_result *row = &r->cells[rows[i]];
        double off = offered_rps(r, row);

        if (!isfinite(off))
            continue;
        noffered++;
        fprintf(out->dat, "%zu ", i);
        chart_gp_num(out->dat, off);
        fputc(' ', out->dat);
        chart_gp_num(out->dat, (double)row_bars(r, row, gens, ngens) * bw / 2);
        fputc('\n', out->dat);
    }
    if (noffered == 0)
        fputs("NaN NaN NaN\n", out->dat);
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
    if (all_keep_up(r))
        fputs("set xlabel \"instance\\n(every cell serves the rate offered "
              "to it: the bars differ only where capacity runs out)\"\n",
              out->gp);
    fputs("plot ", out->gp);
    for (g = 0; g < ngens; g++)
        fprintf(out->gp, "%s'throughput.dat' index %zu using 1:2:3 with "
                "boxerrorbars lc rgb '%s' title columnheader(1)",
                g ? ", \\\n     " : "", g, chart_gp_color(gens[g]));
    if (isfinite(min_rps))
        fprintf(out->gp, ", \\\n     %.6g with lines dt 2 lw 1.5 "
                "lc rgb '#c00000' title 'SLO: at least %.10g requests/s'",
                min_rps, min_rps);
    if (noffered > 0)
        fprintf(out->gp, ", \\\n     'throughput.dat' index %zu using "
                "1:2:3 with xerrorbars pt 0 lw 2.5 lc rgb '#000000' "
                "title 'offered rate'", ngens);
    fprintf(out->gp, ", \\\n     'throughput.dat' index %zu using "
            "1:(NaN):xticlabels(2) notitle\n", ngens + 1);
    free(rows);
    return 0;
}

const struct chart_ops throughput_chart = {
    .name = "throughput",
    .title = "Throughput",
    .caption = "Requests completed per second, one bar per generation in "
               "its color; the whiskers are 95% confidence intervals over "
               "replications. The black tick across a group is the rate "
               "offered to it (open workloads): a bar below it did not "
               "keep up.",
    .applies = throughput_applies,
    .write = throughput_write,
};
