/*
 * chart_cost.c - the "cost" chart: cost per million requests against p99
 * latency, one marker per cell in its generation's color (hollow when the
 * cell misses its SLO), the Pareto front of cells no other beats on both,
 * and the SLO's p99 target as a vertical line.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "reports/chart.h"
#include "reports/chart_gp.h"
#include "base/xalloc.h"

static bool plottable(const struct cell_result *c)
{
    return isfinite(c->lat_p99.mean) && c->lat_p99.mean > 0 &&
           isfinite(c->usd_per_million) && c->usd_per_million > 0;
}

static bool cost_applies(const struct results *r)
{
    size_t i;

    for (i = 0; i < r->ncells; i++)
        if (plottable(&r->cells[i]))
            return true;
    return false;
}

/* True when some other plottable cell is as good on both and better on one. */
static bool dominated(const struct results *r, size_t i)
{
    const struct cell_result *a = &r->cells[i];
    size_t j;

    for (j = 0; j < r->ncells; j++) {
        const struct cell_result *b = &r->cells[j];

        if (j == i || !plottable(b))
            continue;
        if (b->lat_p99.mean <= a->lat_p99.mean &&
            b->usd_per_million <= a->usd_per_million &&
            (b->lat_p99.mean < a->lat_p99.mean ||
             b->usd_per_million < a->usd_per_million))
            return true;
    }
    return false;
}

/* The generations of plottable cells, in order of first appearance. */
static size_t plotted_generations(const struct results *r,
                                  const char **gens, size_t max)
{
    size_t i, n = 0;

    for (i = 0; i < r->ncells; i++)
        if (plottable(&r->cells[i]) &&
            chart_gp_index(gens, n, r->cells[i].generation) < 0 && n < max)
            gens[n++] = r->cells[i].generation;
    return n;
}

/* Writes the Pareto front, sorted by p99, as the last block. */
static void write_front(const struct results *r, FILE *dat)
{
    size_t *front = xcalloc(r->ncells, sizeof(*front));
    size_t i, j, n = 0;

    for (i = 0; i < r->ncells; i++) {
        if (!plottable(&r->cells[i]) || dominated(r, i))
            continue;
        for (j = n; j > 0 && r->cells[front[j - 1]].lat_p99.mean >
                             r->cells[i].lat_p99.mean; j--)
            front[j] = front[j - 1];
        front[j] = i;
        n++;
    }
    fputs("\n\n\"Pareto front (cheapest for its p99)\"\n", dat);
    for (j = 0; j < n; j++) {
        chart_gp_num(dat, r->cells[front[j]].lat_p99.mean);
        fputc(' ', dat);
        chart_gp_num(dat, r->cells[front[j]].usd_per_million);
        fputc('\n', dat);
    }
    free(front);
}

static int cost_write(const struct results *r, const struct chart_out *out,
                      struct diag *dg)
{
    const char *gens[CHART_NAMES_MAX];
    size_t ngens = plotted_generations(r, gens, CHART_NAMES_MAX);
    unsigned what = chart_gp_has_sweep(r) ? CHART_LABEL_POINT : 0;
    double slo = chart_gp_scenario_num(r, "slo", "p99_us");
    double xmin = INFINITY, xmax = 0, ymin = INFINITY, ymax = 0;
    char label[CHART_LABEL_MAX];
    bool any_missed = false;
    size_t g, i;

    (void)dg;
    chart_gp_dat_begin(out,
        "# One block per generation, blocks separated by two blank lines;\n"
        "# a block's first line is its label. Columns: p99 latency\n"
        "# (microseconds), USD per million requests, point type (7: meets\n"
        "# the SLO or none set, 6: misses it), label. The last block is the\n"
        "# Pareto front: p99, USD per million requests.\n");
    for (g = 0; g < ngens; g++) {
        if (g > 0)
            fputs("\n\n", out->dat);
        chart_gp_dat_string(out->dat, gens[g], RESULT_NAME_MAX);
        fputc('\n', out->dat);
        for (i = 0; i < r->ncells; i++) {
            const struct cell_result *c = &r->cells[i];
            bool missed = c->slo_checked && !c->slo_met;

            if (!plottable(c) ||
                strncmp(c->generation, gens[g], RESULT_NAME_MAX) != 0)
                continue;
            chart_gp_num(out->dat, c->lat_p99.mean);
            fputc(' ', out->dat);
            chart_gp_num(out->dat, c->usd_per_million);
            fprintf(out->dat, " %d ", missed ? 6 : 7);
            chart_gp_cell_label(c, what, label, sizeof(label));
            chart_gp_dat_string(out->dat, label, sizeof(label));
            fputc('\n', out->dat);
            any_missed |= missed;
            xmin = fmin(xmin, c->lat_p99.mean);
            xmax = fmax(xmax, c->lat_p99.mean);
            ymin = fmin(ymin, c->usd_per_million);
            ymax = fmax(ymax, c->usd_per_million);
        }
    }
    write_front(r, out->dat);

    chart_gp_begin(r, out, "Cost against p99 latency");
    fputs("set xlabel 'p99 latency (\xc2\xb5s)'\n"
          "set ylabel 'cost (USD per million requests)'\n"
          "set autoscale fix\n"
          "set offsets graph 0.08, graph 0.08, graph 0.12, graph 0.08\n",
          out->gp);
    if (isfinite(slo)) {
        xmin = fmin(xmin, slo);
        xmax = fmax(xmax, slo);
    }
    if (xmax / xmin >= 20)
        fputs("set logscale x 10\n", out->gp);
    if (ymax / ymin >= 20)
        fputs("set logscale y 10\n", out->gp);
    if (isfinite(slo)) {
        fprintf(out->gp, "set arrow from first %.6g, graph 0 to first "
                "%.6g, graph 1 nohead front lc rgb '#c00000' dt 2 lw 1.5\n",
                slo, slo);
        fprintf(out->gp, "set label 'SLO: p99 at most %.10g \xc2\xb5s' at "
                "first %.6g, graph 0.96 offset 0.6,0 front "
                "tc rgb '#c00000'\n", slo, slo);
    }
    fputs("plot ", out->gp);
    /* Filled markers carry the key entry; hollow ones (misses) do not. */
    for (g = 0; g < ngens; g++)
        fprintf(out->gp, "%s'cost.dat' index %zu using 1:($3 == 7 ? $2 : "
                "NaN) with points pt 7 ps 1.8 lc rgb '%s' "
                "title columnheader(1), \\\n"
                "     'cost.dat' index %zu using 1:($3 == 6 ? $2 : NaN) "
                "with points pt 6 ps 1.8 lw 2 lc rgb '%s' notitle, \\\n"
                "     'cost.dat' index %zu using 1:2:4 with labels "
                "offset 0,1.1 font ',8' notitle", g ? ", \\\n     " : "",
                g, chart_gp_color(gens[g]), g, chart_gp_color(gens[g]), g);
    fprintf(out->gp, ", \\\n     'cost.dat' index %zu using 1:2 with steps "
            "dt 2 lw 1.5 lc rgb '#303030' title columnheader(1)", ngens);
    if (any_missed)
        fputs(", \\\n     NaN with points pt 6 ps 1.8 lw 2 "
              "lc rgb '#404040' title 'hollow: misses the SLO'", out->gp);
    fputc('\n', out->gp);
    return 0;
}

const struct chart_ops cost_chart = {
    .name = "cost",
    .title = "Cost against p99 latency",
    .caption = "Each marker is a cell: further left is faster, lower is "
               "cheaper. The dashed staircase joins the cells no other "
               "beats on both; hollow markers miss the SLO.",
    .applies = cost_applies,
    .write = cost_write,
};
