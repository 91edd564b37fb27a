/*
 * sensitivity_report.c - tornado charts (one bar per parameter: the
 * effect of its low and high end on the first cell's p99 and throughput,
 * largest swing on top), sensitivity.json, and the baseline's page with a
 * Sensitivity section.
 */
#include "measure/sensitivity_report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "models/params.h"
#include "measure/json_file.h"
#include "reports/atomic.h"
#include "reports/chart_gp.h"
#include "reports/format.h"
#include "reports/html.h"
#include "base/strbuf.h"
#include "base/xalloc.h"

enum tornado_metric { T_P99, T_THROUGHPUT, T_COUNT };

struct tornado_ctx {
    const struct sensitivity *s;
    enum tornado_metric metric;
};

static double figure(const struct cell_result *c, enum tornado_metric m)
{
    return m == T_P99 ? c->lat_p99.mean : c->throughput_rps.mean;
}

/* Parameters in order of growing swing (gnuplot draws y = 0 at the foot). */
static void order_by_swing(const struct sensitivity *s, enum tornado_metric m,
                           size_t *order)
{
    double swing[SENS_MAX_PARAMS];
    size_t i, j;

    for (i = 0; i < s->nparams; i++) {
        swing[i] = fabs(figure(&s->high[i].cells[0], m) -
                        figure(&s->low[i].cells[0], m));
        if (!isfinite(swing[i]))
            swing[i] = 0;
        for (j = i; j > 0 && swing[order[j - 1]] > swing[i]; j--)
            order[j] = order[j - 1];
        order[j] = i;
    }
}

/*
 * Largest over smallest of the bars' ends (the baseline included), or 0
 * when one is not positive: past 100, the axis is logarithmic.
 */
static double span_ratio(const struct sensitivity *s, enum tornado_metric m,
                         double base)
{
    double lo = base, hi = base;
    size_t i;

    for (i = 0; i < s->nparams; i++) {
        double a = figure(&s->low[i].cells[0], m);
        double b = figure(&s->high[i].cells[0], m);

        lo = fmin(lo, fmin(a, b));
        hi = fmax(hi, fmax(a, b));
    }
    return lo > 0 && isfinite(hi) ? hi / lo : 0;
}

static int tornado_write(const void *vctx, const struct chart_out *out,
                         struct diag *dg)
{
    const struct tornado_ctx *tc = vctx;
    const struct sensitivity *s = tc->s;
    const struct cell_result *b = &s->base.cells[0];
    double base = figure(b, tc->metric);
    double slo = chart_gp_scenario_num(&s->base, "slo", "p99_us");
    size_t order[SENS_MAX_PARAMS], i;
    char label[CHART_LABEL_MAX], title[CHART_LABEL_MAX + 64];

    (void)dg;
    order_by_swing(s, tc->metric, order);
    chart_gp_dat_begin(out,
        "# One line per parameter, smallest swing first. Columns: y, the\n"
        "# figure with the parameter at its low end, at its high end, the\n"
        "# baseline, the low and high values, and the parameter's name.\n");
    for (i = 0; i < s->nparams; i++) {
        size_t k = order[i];
        const struct sens_param *p = &s->p[k];

        fprintf(out->dat, "%zu ", i);
        chart_gp_num(out->dat, figure(&s->low[k].cells[0], tc->metric));
        fputc(' ', out->dat);
        chart_gp_num(out->dat, figure(&s->high[k].cells[0], tc->metric));
        fputc(' ', out->dat);
        chart_gp_num(out->dat, base);
        fputc(' ', out->dat);
        chart_gp_num(out->dat, p->lo);
        fputc(' ', out->dat);
        chart_gp_num(out->dat, p->hi);
        fputc(' ', out->dat);
        chart_gp_dat_string(out->dat, param_info((enum param_id)p->id)->name,
                            64);
        fputc('\n', out->dat);
    }
    chart_gp_cell_label(b, CHART_LABEL_GENERATION | CHART_LABEL_POINT, label,
                        sizeof(label));
    snprintf(title, sizeof(title), "%s across parameter ranges: %s",
             tc->metric == T_P99 ? "p99" : "Throughput", label);
    chart_gp_begin(&s->base, out, title);
    fprintf(out->gp, "set xlabel '%s'\n"
            "set yrange [-0.7:%zu-0.3]\n"
            "set style fill solid 0.85 border -1\n"
            "set grid noytics\n"
            "set key bottom right inside\n", tc->metric == T_P99 ?
            "p99 latency (\xc2\xb5s)" : "throughput (requests/s)",
            s->nparams);
    if (span_ratio(s, tc->metric, base) >= 100)
        fputs("set logscale x 10\n", out->gp);
    if (tc->metric == T_P99 && isfinite(slo))
        fprintf(out->gp, "set arrow from %.6g, graph 0 to %.6g, graph 1 "
                "nohead dt 2 lw 1.5 lc rgb '#c00000'\n"
                "set label 'SLO' at %.6g, graph 1.02 center tc rgb '#c00000'"
                "\n", slo, slo, slo);
    if (isfinite(base))
        fprintf(out->gp, "set arrow from %.6g, graph 0 to %.6g, graph 1 "
                "nohead dt 2 lw 1.5 lc rgb '#404040'\n", base, base);
    fprintf(out->gp, "plot '%s.dat' using (($2+$4)/2):1:($2<$4?$2:$4):"
            "($2<$4?$4:$2):($1-0.35):($1):ytic(7) with boxxyerror "
            "lc rgb '#4a7fb5' title 'parameter at its low end', \\\n"
            "     '' using (($3+$4)/2):1:($3<$4?$3:$4):($3<$4?$4:$3):($1):"
            "($1+0.35) with boxxyerror lc rgb '#c0504d' "
            "title 'at its high end'\n", out->name);
    return 0;
}

struct section_ctx {
    const struct sensitivity *s;
    bool drawn[T_COUNT];
    bool written[T_COUNT];
    bool gnuplot_missing;
    enum chart_format format;
};

static const char *const tornado_names[T_COUNT] = {
    "tornado_p99", "tornado_throughput",
};

static void write_section(FILE *fp, const void *vctx)
{
    const struct section_ctx *sx = vctx;
    const struct sensitivity *s = sx->s;
    size_t c, i, t;

    fputs("<p>Each parameter at the low and at the high end of its range, "
          "every other number as in the scenario, with the same random "
          "streams.</p>\n<div class=\"wrap\"><table>\n<thead><tr>"
          "<th class=\"l\">cell</th><th class=\"l\">parameter</th>"
          "<th>low</th><th>high</th><th>p99 low</th><th>p99 high</th>"
          "<th>req/s low</th><th>req/s high</th><th class=\"l\">SLO</th>"
          "</tr></thead>\n<tbody>\n", fp);
    for (c = 0; c < s->base.ncells; c++) {
        char label[CHART_LABEL_MAX];

        chart_gp_cell_label(&s->base.cells[c], CHART_LABEL_GENERATION |
                            CHART_LABEL_POINT, label, sizeof(label));
        for (i = 0; i < s->nparams; i++) {
            const struct cell_result *lo = &s->low[i].cells[c];
            const struct cell_result *hi = &s->high[i].cells[c];
            bool flip = sensitivity_flips(s, i, c);

            fputs("<tr><td class=\"l\">", fp);
            html_escape(fp, label);
            fprintf(fp, "</td><td class=\"l\"><code>%s</code></td><td>%g</td>"
                    "<td>%g</td><td>%.4g</td><td>%.4g</td><td>%.0f</td>"
                    "<td>%.0f</td><td class=\"l%s\">%s</td></tr>\n",
                    param_info((enum param_id)s->p[i].id)->name, s->p[i].lo,
                    s->p[i].hi, lo->lat_p99.mean, hi->lat_p99.mean,
                    lo->throughput_rps.mean, hi->throughput_rps.mean,
                    flip ? " missed" : "", !s->base.cells[c].slo_checked ?
                    "&ndash;" : flip ? "flips" : "holds");
        }
    }
    fputs("</tbody></table></div>\n", fp);
    if (sx->gnuplot_missing)
        fputs("<p class=\"note\">gnuplot was not found: the tornado charts' "
              "data and scripts are in <code>charts/</code>.</p>\n", fp);
    for (t = 0; t < T_COUNT; t++) {
        if (!sx->written[t])
            continue;
        fprintf(fp, "<figure id=\"chart-%s\">\n<h3>%s of the first cell</h3>"
                "\n", tornado_names[t], t == T_P99 ? "p99" : "Throughput");
        if (sx->drawn[t])
            fprintf(fp, "<img src=\"charts/%s.%s\" alt=\"tornado\" "
                    "width=\"1000\" height=\"600\">\n", tornado_names[t],
                    chart_format_ext(sx->format));
        fprintf(fp, "<figcaption>One bar per parameter, the widest swing on "
                "top: blue from the baseline (dashed) to the figure at the "
                "parameter's low end, red to its high end. Data: <a href=\""
                "charts/%s.dat\">%s.dat</a>.</figcaption>\n</figure>\n",
                tornado_names[t], tornado_names[t]);
    }
}

static int write_json(const struct sensitivity *s, const char *dir,
                      struct diag *dg)
{
    json_t *root = sensitivity_to_json(s);
    char *path = xstrfmt("%s/sensitivity.json", dir);
    int rc = json_file_write(path, root, dg);

    free(path);
    json_decref(root);
    return rc;
}

int sensitivity_report_write(const struct sensitivity *s, const char *dir,
                             const struct chart_opts *o, struct diag *dg)
{
    char *charts_dir = xstrfmt("%s/charts", dir);
    struct section_ctx sx = {.s = s, .format = o ? o->format : CHART_PNG};
    struct html_section sec = {.id = "sensitivity", .title = "Sensitivity",
                               .write = write_section, .ctx = &sx};
    struct chart_set set;
    size_t t;
    int rc = 0;

    if (atomic_mkdir_p(charts_dir, dg) < 0) {
        free(charts_dir);
        return -1;
    }
    if (write_json(s, dir, dg) < 0 ||
        report_format_write_dir(&json_format, &s->base, dir, dg) < 0)
        rc = -1;
    if (chart_write_all(&s->base, charts_dir, o, &set, dg) < 0)
        rc = -1;
    for (t = 0; t < T_COUNT && s->base.ncells > 0; t++) {
        struct tornado_ctx tc = {.s = s, .metric = (enum tornado_metric)t};
        bool missing = false;

        if (chart_draw(charts_dir, tornado_names[t], o, tornado_write, &tc,
                       &sx.drawn[t], &missing, dg) < 0)
            rc = -1;
        else
            sx.written[t] = true;
        sx.gnuplot_missing |= missing;
    }
    if (html_write_with(&s->base, dir, &set, &sec, dg) < 0)
        rc = -1;
    free(charts_dir);
    return rc;
}
