/*
 * chart_cpu.c - the "cpu" chart: CPU time by category as stacked bars,
 * one bar per cell, so the overhead (VM exits, translation, device
 * emulation, backend, offload) shows above the guest's own work, with the
 * overhead percentage written on top of each bar.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "reports/chart.h"
#include "reports/chart_gp.h"

/* Key titles; fixed text, so they may sit in the script. */
static const char *const cpu_titles[RCPU_COUNT] = {
    [RCPU_GUEST_USER] = "guest user",
    [RCPU_GUEST_KERNEL] = "guest kernel",
    [RCPU_VMEXIT] = "VM exits",
    [RCPU_TRANSLATION] = "binary translation",
    [RCPU_DEVICE_EMULATION] = "device emulation",
    [RCPU_BACKEND] = "backend (dom0, host drivers)",
    [RCPU_OFFLOAD] = "offload (card hardware, no host CPU)",
};

static double cell_total(const struct cell_result *c)
{
    double sum = 0;
    int k;

    for (k = 0; k < RCPU_COUNT; k++)
        if (isfinite(c->cpu_seconds[k]) && c->cpu_seconds[k] > 0)
            sum += c->cpu_seconds[k];
    return sum;
}

static bool cpu_applies(const struct results *r)
{
    size_t i;

    for (i = 0; i < r->ncells; i++)
        if (cell_total(&r->cells[i]) > 0)
            return true;
    return false;
}

static int cpu_write(const struct results *r, const struct chart_out *out,
                     struct diag *dg)
{
    unsigned what = CHART_LABEL_GENERATION |
                    (chart_gp_has_sweep(r) ? CHART_LABEL_POINT : 0);
    char label[CHART_LABEL_MAX], pct[32];
    double top = 0;
    size_t i, longest = 0;
    int k;

    (void)dg;
    chart_gp_dat_begin(out,
        "# One row per cell: its label, then CPU-seconds per simulated\n"
        "# second in each category (guest_user guest_kernel vmexit\n"
        "# translation device_emulation backend offload), their total and\n"
        "# the overhead as text.\n");
    for (i = 0; i < r->ncells; i++) {
        const struct cell_result *c = &r->cells[i];
        double total = cell_total(c), ov = c->overhead_pct.mean;

        chart_gp_cell_label(c, what, label, sizeof(label));
        if (strlen(label) > longest)
            longest = strlen(label);
        chart_gp_dat_string(out->dat, label, sizeof(label));
        for (k = 0; k < RCPU_COUNT; k++) {
            fputc(' ', out->dat);
            chart_gp_num(out->dat, isfinite(c->cpu_seconds[k]) &&
                                   c->cpu_seconds[k] > 0
                                   ? c->cpu_seconds[k] : 0);
        }
        fputc(' ', out->dat);
        chart_gp_num(out->dat, total);
        if (isfinite(ov))
            snprintf(pct, sizeof(pct), "%+.0f%%", ov);
        else
            pct[0] = '\0';
        fprintf(out->dat, " \"%s\"\n", pct);
        if (total > top)
            top = total;
    }

    chart_gp_begin(r, out, "Where the CPU time goes");
    fprintf(out->gp, "set style data histograms\n"
            "set style histogram rowstacked\n"
            "set style fill solid 0.9 border rgb '#404040'\n"
            "set boxwidth 0.7 relative\n"
            "set grid noxtics ytics\n"
            "set yrange [0:%.6g]\n"
            "set ylabel 'CPU time (CPU-seconds per simulated second)'\n"
            "set xlabel 'cell (instance / generation); on top: CPU "
            "overhead over the guest''s own work'\n", top * 1.12);
    if (r->ncells * (longest + 2) > 80)
        fputs("set xtics rotate by -25 left\n", out->gp);
    fputs("plot ", out->gp);
    for (k = 0; k < RCPU_COUNT; k++)
        fprintf(out->gp, "%s'cpu.dat' using %d%s title '%s' lc rgb '%s'%s",
                k ? ", \\\n     " : "", k + 2, k ? "" : ":xticlabels(1)",
                cpu_titles[k], chart_gp_cpu_color(k),
                k == RCPU_OFFLOAD ? " fs pattern 4 border rgb '#404040'"
                                  : "");
    fprintf(out->gp, ", \\\n     'cpu.dat' using 0:%d:%d with labels "
            "offset 0,0.8 notitle\n", RCPU_COUNT + 2, RCPU_COUNT + 3);
    return 0;
}

const struct chart_ops cpu_chart = {
    .name = "cpu",
    .title = "CPU time by category",
    .caption = "Host and guest CPU time per simulated second, stacked by "
               "category: the two blue parts are what the workload would "
               "cost on bare metal, everything above is virtualization "
               "overhead; offload (hatched) runs on the card, not on a "
               "host CPU.",
    .applies = cpu_applies,
    .write = cpu_write,
};
