/*
 * chart_credits.c - the "credits" chart, for burstable instances: when, in
 * simulated time, each cell ran out of CPU credits and was throttled, as a
 * bar in its generation's color against the length of the run. The
 * results hold only that moment, not the balance over time.
 */
#include <math.h>
#include <string.h>

#include "reports/chart.h"
#include "reports/chart_gp.h"

static bool throttled(const struct cell_result *c)
{
    return isfinite(c->throttled_at_s) && c->throttled_at_s >= 0;
}

static bool credits_applies(const struct results *r)
{
    size_t i;

    for (i = 0; i < r->ncells; i++)
        if (throttled(&r->cells[i]))
            return true;
    return false;
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
    .caption = "For each burstable cell that ran out of CPU credits, the "
               "simulated time at which it was first throttled to its "
               "baseline; cells that never ran out are not shown. A curve "
               "of the balance over time needs a time series the results "
               "do not carry yet.",
    .applies = credits_applies,
    .write = credits_write,
};
