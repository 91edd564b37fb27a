/*
 * chart_credits.c - the "credits" chart, for burstable instances: the
 * credit balance and the share of the vCPUs actually delivered, over
 * simulated time, one pair of lines per cell. Results without the series
 * (written before it existed) get a bar per cell of when credits ran out.
 */
#include <math.h>
#include <string.h>

#include "reports/chart.h"
#include "reports/chart_gp.h"

static bool throttled(const struct cell_result *c)
{
    return isfinite(c->throttled_at_s) && c->throttled_at_s >= 0;
}

static bool any_series(const struct results *r)
{
    size_t i;

    for (i = 0; i < r->ncells; i++)
        if (r->cells[i].nseries > 0)
            return true;
    return false;
}

/*
 * True when some cell's credit balance moved by more than 0.1% of its
 * size (or of one credit): a balance that stays put (60.0000 to 60.0012
 * over the run) has nothing to show, and its axis would magnify noise.
 */
static bool any_balance_changed(const struct results *r)
{
    size_t i, k;

    for (i = 0; i < r->ncells; i++) {
        const struct cell_result *c = &r->cells[i];
        double lo = INFINITY, hi = -INFINITY;

        for (k = 0; k < c->nseries; k++) {
            if (!isfinite(c->series_credits[k]))
                continue;
            lo = fmin(lo, c->series_credits[k]);
            hi = fmax(hi, c->series_credits[k]);
        }
        if (hi > lo && hi - lo > 1e-3 * fmax(1, fmax(fabs(hi), fabs(lo))))
            return true;
    }
    return false;
}

static bool credits_applies(const struct results *r)
{
    size_t i;

    for (i = 0; i < r->ncells; i++)
        if (throttled(&r->cells[i]))
            return true;
    return any_balance_changed(r);
}

/* Balance (left axis, solid) and delivered vCPU share (right, dashed). */
static int series_write(const struct results *r, const struct chart_out *out)
{
    static const int point_types[] = {7, 5, 9, 11, 13, 4, 6, 8};
    unsigned what = CHART_LABEL_GENERATION |
                    (chart_gp_has_sweep(r) ? CHART_LABEL_POINT : 0);
    char label[CHART_LABEL_MAX];
    size_t i, k, block = 0;

    chart_gp_dat_begin(out,
        "# One block per burstable cell, blocks separated by two blank\n"
        "# lines; a block's first line is its label. Columns: simulated\n"
        "# time (s), credit balance (credits), vCPU capacity delivered\n"
        "# since the previous sample (%).\n");
    for (i = 0; i < r->ncells; i++) {
        const struct cell_result *c = &r->cells[i];

        if (c->nseries == 0)
            continue;
        chart_gp_cell_label(c, what, label, sizeof(label));
        if (block++ > 0)
            fputs("\n\n", out->dat);
        chart_gp_dat_string(out->dat, label, sizeof(label));
        fputc('\n', out->dat);
        for (k = 0; k < c->nseries && k < RESULT_SERIES; k++) {
            chart_gp_num(out->dat, c->series_t_s[k]);
            fputc(' ', out->dat);
            chart_gp_num(out->dat, c->series_credits[k]);
            fputc(' ', out->dat);
            chart_gp_num(out->dat, 100 * c->series_vcpu[k]);
            fputc('\n', out->dat);
        }
    }
    chart_gp_begin(r, out, "CPU credits and delivered CPU over time");
    fputs("set grid\n"
          "set xlabel 'simulated time (s)'\n"
          "set ylabel 'credit balance (credits; solid)'\n"
          "set y2label 'vCPU capacity delivered (%; dashed)'\n"
          "set y2range [0:105]\n"
          "set y2tics\n"
          "set ytics nomirror\n"
          "plot ", out->gp);
    block = 0;
    for (i = 0; i < r->ncells; i++) {
        const struct cell_result *c = &r->cells[i];
        int pt = point_types[block % (sizeof(point_types) /
                                      sizeof(point_types[0]))];

        if (c->nseries == 0)
            continue;
        fprintf(out->gp, "%s'credits.dat' index %zu using 1:2 with "
                "linespoints lw 2 ps 0.7 pt %d lc rgb '%s' "
                "title columnheader(1), \\\n     'credits.dat' index %zu "
                "using 1:3 axes x1y2 with linespoints dt 2 lw 1.5 ps 0.5 "
                "pt %d lc rgb '%s' notitle", block ? ", \\\n     " : "",
                block, pt, chart_gp_color(c->generation), block, pt,
                chart_gp_color(c->generation));
        block++;
    }
    fputc('\n', out->gp);
    return 0;
}

static int credits_write(const struct results *r,
                         const struct chart_out *out, struct diag *dg)
{
    unsigned what = CHART_LABEL_GENERATION |
                    (chart_gp_has_sweep(r) ? CHART_LABEL_POINT : 0);
    double duration = chart_gp_scenario_num(r, NULL, "duration_s");
    double top = 0, pad;
    char label[CHART_LABEL_MAX];
    size_t i, n = 0, longest = 0;

    (void)dg;
    if (any_series(r))
        return series_write(r, out);
    chart_gp_dat_begin(out,
        "# One row per cell that ran out of CPU credits: its label, the\n"
        "# simulated time it was first throttled (s), and its generation's\n"
        "# color as an integer 0xRRGGBB.\n");
    for (i = 0; i < r->ncells; i++) {
        const struct cell_result *c = &r->cells[i];

        if (!throttled(c))
            continue;
        chart_gp_cell_label(c, what, label, sizeof(label));
        if (strlen(label) > longest)
            longest = strlen(label);
        chart_gp_dat_string(out->dat, label, sizeof(label));
        fputc(' ', out->dat);
        chart_gp_num(out->dat, c->throttled_at_s);
        fprintf(out->dat, " %lu\n", chart_gp_color_value(c->generation));
        top = fmax(top, c->throttled_at_s);
        n++;
    }

    /* At least four bars' room, so that a lone bar is not a wall. */
    pad = n < 4 ? (double)(4 - n) / 2 : 0;
    chart_gp_begin(r, out, "When burstable instances ran out of CPU "
                   "credits");
    if (isfinite(duration))
        top = fmax(top, duration);
    fprintf(out->gp, "set style fill solid 0.85 border -1\n"
            "set boxwidth 0.6\n"
            "set grid noxtics ytics\n"
            "set xrange [%.6g:%.6g]\n"
            "set yrange [0:%.6g]\n"
            "set ylabel 'simulated time of the first throttle (s)'\n"
            "set xlabel 'cell (instance / generation)'\n",
            -0.5 - pad, (double)n - 0.5 + pad, top > 0 ? top * 1.1 : 1);
    if (n * (longest + 2) > 80)
        fputs("set xtics rotate by -25 left\n", out->gp);
    if (isfinite(duration)) {
        fprintf(out->gp, "set arrow from graph 0, first %.6g to graph 1, "
                "first %.6g nohead front lc rgb '#404040' dt 2 lw 1.5\n",
                duration, duration);
        fprintf(out->gp, "set label 'end of the run (%.10g s)' at "
                "graph 0.01, first %.6g offset 0,0.7 front\n", duration,
                duration);
    }
    fputs("plot 'credits.dat' using 0:2:3:xticlabels(1) with boxes "
          "lc rgb variable notitle\n", out->gp);
    return 0;
}

const struct chart_ops credits_chart = {
    .name = "credits",
    .title = "CPU credits of burstable instances",
    .caption = "For each burstable cell, its CPU credit balance (solid) and "
               "the share of its vCPUs' capacity it was given (dashed) over "
               "simulated time: in standard mode the balance runs down and "
               "the vCPUs are held to their baseline; in unlimited mode the "
               "balance goes negative (surplus, charged) instead.",
    .applies = credits_applies,
    .write = credits_write,
};
