/*
 * compare_report.c - compare.json, compare.csv and the HTML report of a
 * comparison: the run's page (reports/html.c) with a section of its own,
 * the table of differences and the comparison's charts.
 */
#include "measure/compare_report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "measure/compare_chart.h"
#include "measure/json_file.h"
#include "reports/atomic.h"
#include "reports/html.h"
#include "base/strbuf.h"
#include "base/xalloc.h"

struct section_ctx {
    const struct compare *cmp;
    const struct compare_chart_set *charts;
};

static void td_num(FILE *fp, double v)
{
    if (isfinite(v))
        fprintf(fp, "<td>%.4g</td>", v);
    else
        fputs("<td class=\"na\">&ndash;</td>", fp);
}

static void write_section(FILE *fp, const void *vctx)
{
    const struct section_ctx *sx = vctx;
    const struct compare *cmp = sx->cmp;
    const char *ext = chart_format_ext(sx->charts->format);
    size_t i;

    fprintf(fp, "<p>%zu of %zu measured figures lie within the simulated "
            "95%% confidence intervals.</p>\n<div class=\"wrap\"><table>\n"
            "<thead><tr><th class=\"l\">instance</th><th class=\"l\">"
            "generation</th><th>rate (req/s)</th><th class=\"l\">figure</th>"
            "<th>measured</th><th>simulated</th><th>&plusmn; 95%% CI</th>"
            "<th>diff %%</th><th class=\"l\">verdict</th></tr></thead>\n"
            "<tbody>\n", compare_count_within(cmp), cmp->n);
    for (i = 0; i < cmp->n; i++) {
        const struct compare_item *it = &cmp->items[i];
        const struct cell_result *c = &cmp->r->cells[it->cell];

        fputs("<tr><td class=\"l\">", fp);
        html_escape(fp, c->instance);
        fputs("</td><td class=\"l\">", fp);
        html_escape(fp, c->generation);
        fputs("</td>", fp);
        td_num(fp, compare_cell_rate(cmp->r, c));
        fprintf(fp, "<td class=\"l\">%s</td>",
                measured_metric_label(it->metric));
        td_num(fp, it->measured);
        td_num(fp, it->sim);
        td_num(fp, it->ci95);
        td_num(fp, it->rel_pct);
        fprintf(fp, "<td class=\"l %s\">%s</td></tr>\n",
                it->verdict == CMP_WITHIN ? "met" : "missed",
                compare_verdict_name(it->verdict));
    }
    fputs("</tbody></table></div>\n", fp);
    if (sx->charts->gnuplot_missing)
        fputs("<p class=\"note\">gnuplot was not found: the comparison "
              "charts' data and scripts are in <code>charts/</code>.</p>\n",
              fp);
    for (i = 0; i < sx->charts->n; i++) {
        const struct compare_chart_entry *e = &sx->charts->item[i];

        fprintf(fp, "<figure id=\"chart-%s\">\n<h3>%s</h3>\n", e->name,
                e->title);
        if (e->drawn)
            fprintf(fp, "<img src=\"charts/%s.%s\" alt=\"%s\" width=\"1000\""
                    " height=\"600\">\n", e->name, ext, e->title);
        fprintf(fp, "<figcaption>%s Data: <a href=\"charts/%s.dat\">%s.dat"
                "</a>, script: <a href=\"charts/%s.gp\">%s.gp</a>."
                "</figcaption>\n</figure>\n", e->caption, e->name, e->name,
                e->name, e->name);
    }
}

static int write_json(const struct compare *cmp, const char *dir,
                      const char *results_file, const char *measured_file,
                      struct diag *dg)
{
    json_t *root = compare_to_json(cmp, results_file, measured_file);
    char *path = xstrfmt("%s/compare.json", dir);
    int rc = json_file_write(path, root, dg);

    free(path);
    json_decref(root);
    return rc;
}

static int write_csv(const struct compare *cmp, const char *dir,
                     struct diag *dg)
{
    char *path = xstrfmt("%s/compare.csv", dir);
    struct atomic_file af;
    int rc = atomic_open(&af, path, dg);

    if (rc == 0) {
        compare_write_csv(cmp, af.fp);
        rc = atomic_commit(&af, false, dg);
    }
    free(path);
    return rc;
}

int compare_report_write(const struct compare *cmp, const char *dir,
                         const char *results_file, const char *measured_file,
                         const struct chart_opts *o, struct diag *dg)
{
    char *charts_dir = xstrfmt("%s/charts", dir);
    struct compare_chart_set cset;
    struct chart_set set;
    struct section_ctx sx = {.cmp = cmp, .charts = &cset};
    struct html_section sec = {.id = "measurements",
                               .title = "Measurements",
                               .write = write_section, .ctx = &sx};
    int rc = 0;

    if (atomic_mkdir_p(charts_dir, dg) < 0) {
        free(charts_dir);
        return -1;
    }
    if (write_json(cmp, dir, results_file, measured_file, dg) < 0 ||
        write_csv(cmp, dir, dg) < 0)
        rc = -1;
    if (chart_write_all(cmp->r, charts_dir, o, &set, dg) < 0)
        rc = -1;
    if (compare_chart_write_all(cmp, charts_dir, o, &cset, dg) < 0)
        rc = -1;
    if (html_write_with(cmp->r, dir, &set, &sec, dg) < 0)
        rc = -1;
    free(charts_dir);
    return rc;
}
