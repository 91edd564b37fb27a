/*
 * html.c - index.html: the scenario summary, the results table, the SLO
 * verdicts and the charts on one self-contained page (inline CSS, the
 * images embedded as data: URIs, no network fetch). Reads results and the chart
 * set only; every user string is escaped. html_report_write draws the
 * charts first (reports/chart.h), then writes the page that shows them.
 */
#include "reports/html.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "reports/atomic.h"
#include "reports/chart_gp.h"
#include "reports/text.h"
#include "base/strbuf.h"
#include "base/xalloc.h"

static const char page_style[] =
    "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,"
    "sans-serif;color:#1f2328;margin:0 auto;max-width:1080px;"
    "padding:1rem 1.5rem 3rem}\n"
    "h1{font-size:1.6rem;margin:.6rem 0 .2rem}\n"
    "h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #d0d7de;"
    "padding-bottom:.2rem}\n"
    "h3{font-size:1.05rem;margin:1.6rem 0 .4rem}\n"
    ".sub{color:#59636e;margin:0 0 .8rem}\n"
    "nav a{margin-right:1rem}\n"
    "dl{display:grid;grid-template-columns:max-content 1fr;"
    "gap:.25rem 1.2rem;margin:0}\n"
    "dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}\n"
    "code{font:13px ui-monospace,SFMono-Regular,Menlo,Consolas,"
    "monospace;background:#f3f4f6;padding:0 .2rem;border-radius:3px}\n"
    ".wrap{overflow-x:auto}\n"
    "table{border-collapse:collapse;font-size:14px;width:100%}\n"
    "th,td{padding:.3rem .55rem;border-bottom:1px solid #e1e4e8;"
    "text-align:right;white-space:nowrap}\n"
    "th{background:#f6f8fa;position:sticky;top:0}\n"
    "th.l,td.l{text-align:left}\n"
    "tbody tr:hover{background:#f6f8fa}\n"
    ".ci{color:#59636e;font-size:12px}\n"
    ".sw{display:inline-block;width:.75em;height:.75em;border-radius:2px;"
    "margin-right:.35em}\n"
    ".met{color:#1a7f37;font-weight:600}.missed{color:#cf222e;"
    "font-weight:600}.na{color:#8c959f}\n"
    ".note{background:#fff8c5;border-left:4px solid #d4a72c;"
    "padding:.5rem .8rem;margin:1rem 0}\n"
    "figure{margin:0 0 1.5rem}\n"
    "figure img{max-width:100%;height:auto;border:1px solid #e1e4e8}\n"
    "figcaption{color:#3d444d;max-width:60rem}\n"
    "ul.slo li{margin:.2rem 0}\n"
    "footer{margin-top:2.5rem;color:#59636e;font-size:13px}\n";

/*
 * Sets data-images="LOADED/TOTAL" on <body> once the page has loaded, so
 * a headless browser test can tell that every chart image was found.
 */
static const char page_script[] =
    "window.addEventListener('load', function () {\n"
    "  var imgs = document.images, ok = 0, i;\n"
    "  for (i = 0; i < imgs.length; i++)\n"
    "    if (imgs[i].complete && imgs[i].naturalWidth > 0) ok++;\n"
    "  document.body.setAttribute('data-images', ok + '/' + imgs.length);\n"
    "});\n";

/* Writes buf (valid UTF-8), escaped for HTML text and attributes. */
static void esc_chunk(FILE *fp, const char *buf)
{
    const unsigned char *p;

    for (p = (const unsigned char *)buf; *p; p++) {
        switch (*p) {
        case '&': fputs("&amp;", fp); break;
        case '<': fputs("&lt;", fp); break;
        case '>': fputs("&gt;", fp); break;
        case '"': fputs("&quot;", fp); break;
        case '\'': fputs("&#39;", fp); break;
        default:
            fputc(*p < 0x20 || *p == 0x7f ? '?' : *p, fp);
        }
    }
}

/*
 * Writes at most len bytes of s (up to a NUL), made valid UTF-8 and
 * escaped. Goes by chunks that end between characters: an invalid byte
 * becomes one '?', so each chunk consumes as many bytes as it writes.
 */
static void esc_n(FILE *fp, const char *s, size_t len)
{
    char buf[512];
    size_t n;

    len = strnlen(s, len);
    while (len > 0) {
        n = text_utf8_copy(buf, sizeof(buf), s, len);
        if (n == 0)
            break;
        esc_chunk(fp, buf);
        s += n;
        len -= n;
    }
}

static void esc(FILE *fp, const char *s)
{
    esc_n(fp, s, strlen(s));
}

/* A number for people: digits in proportion to its size; "-" for NaN. */
static void num(FILE *fp, double v)
{
    double a = fabs(v);

    if (!isfinite(v))
        fputs("<span class=\"na\">&ndash;</span>", fp);
    else if (a >= 1000)
        fprintf(fp, "%.0f", v);
    else if (a >= 100)
        fprintf(fp, "%.1f", v);
    else if (a >= 1)
        fprintf(fp, "%.2f", v);
    else
        fprintf(fp, "%.3g", v);
}

/* A metric as "mean ± ci" in a table cell. */
static void metric_td(FILE *fp, const struct metric *m)
{
    fputs("<td>", fp);
    num(fp, m->mean);
    if (isfinite(m->mean) && isfinite(m->ci95) && m->ci95 > 0) {
        fputs(" <span class=\"ci\">&plusmn;&nbsp;", fp);
        num(fp, m->ci95);
        fputs("</span>", fp);
    }
    fputs("</td>", fp);
}

/* A JSON value for the summary: strings and numbers bare, the rest as
 * compact JSON. */
static void json_value(FILE *fp, const json_t *v)
{
    char *s;

    if (json_is_string(v)) {
        esc(fp, json_string_value(v));
        return;
    }
    if (json_is_integer(v)) {
        fprintf(fp, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return;
    }
    if (json_is_real(v)) {
        fprintf(fp, "%.12g", json_real_value(v));
        return;
    }
    s = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY |
                      JSON_REAL_PRECISION(12));
    fputs("<code>", fp);
    if (s) {
        esc(fp, s);
        free(s);
    }
    fputs("</code>", fp);
}

/* One <dt>/<dd> pair from scenario key `key`, when it is there. */
static void summary_item(FILE *fp, const json_t *sc, const char *key,
                         const char *title)
{
    const json_t *v = json_object_get(sc, key);

    if (!v || json_is_null(v))
        return;
    fprintf(fp, "<dt>%s</dt><dd>", title);
    json_value(fp, v);
    fputs("</dd>\n", fp);
}

/* The instances: catalog names, or inline profiles by their name. */
static void summary_instances(FILE *fp, const struct results *r)
{
    const json_t *arr = json_object_get(r->scenario, "instances");
    const char *names[CHART_NAMES_MAX];
    size_t i, n;

    fputs("<dt>instances</dt><dd>", fp);
    if (json_is_array(arr)) {
        for (i = 0; i < json_array_size(arr); i++) {
            const json_t *e = json_array_get(arr, i);

            if (i)
                fputs(", ", fp);
            if (json_is_object(e) &&
                json_is_string(json_object_get(e, "name")))
                esc(fp, json_string_value(json_object_get(e, "name")));
            else
                json_value(fp, e);
        }
    } else {
        n = chart_gp_instances(r, names, CHART_NAMES_MAX);
        for (i = 0; i < n; i++) {
            fputs(i ? ", " : "", fp);
            esc_n(fp, names[i], RESULT_NAME_MAX);
        }
    }
    fputs("</dd>\n", fp);
}

static void summary_generations(FILE *fp, const struct results *r)
{
    const char *names[CHART_NAMES_MAX];
    size_t i, n = chart_gp_generations(r, names, CHART_NAMES_MAX);

    fputs("<dt>generations</dt><dd>", fp);
    for (i = 0; i < n; i++) {
        fprintf(fp, "%s<span class=\"sw\" style=\"background:%s\"></span>",
                i ? ", " : "", chart_gp_color(names[i]));
        esc_n(fp, names[i], RESULT_NAME_MAX);
    }
    if (!json_object_get(r->scenario, "generations"))
        fputs(" (each instance's own, from the catalog)", fp);
    fputs("</dd>\n", fp);
}

static void write_summary(FILE *fp, const struct results *r)
{
    const json_t *sc = r->scenario;

    fputs("<section id=\"scenario\">\n<h2>Scenario</h2>\n<dl>\n", fp);
    fputs("<dt>name</dt><dd>", fp);
    esc_n(fp, r->name, sizeof(r->name));
    fputs("</dd>\n", fp);
    summary_item(fp, sc, "seed", "seed");
    summary_item(fp, sc, "duration_s", "duration (s)");
    summary_item(fp, sc, "warmup_s", "warm-up (s)");
    summary_item(fp, sc, "replications", "replications");
    summary_instances(fp, r);
    summary_generations(fp, r);
    summary_item(fp, sc, "workload", "workload");
    summary_item(fp, sc, "neighbors", "neighbors");
    summary_item(fp, sc, "params", "parameters");
    summary_item(fp, sc, "sweep", "sweep");
    summary_item(fp, sc, "slo", "SLO");
    fprintf(fp, "<dt>cells</dt><dd>%zu (instance &times; generation "
            "&times; sweep point)</dd>\n</dl>\n</section>\n", r->ncells);
}

static void point_td(FILE *fp, const struct cell_result *c)
{
    size_t i;

    fputs("<td class=\"l\">", fp);
    for (i = 0; i < c->npoint && i < RESULT_MAX_POINT; i++) {
        if (i)
            fputs(", ", fp);
        esc(fp, chart_gp_path_short(c->point[i].path));
        fprintf(fp, "=%g", c->point[i].value);
    }
    fputs("</td>", fp);
}

static void verdict_td(FILE *fp, const struct cell_result *c)
{
    if (!c->slo_checked)
        fputs("<td class=\"l na\">no SLO</td>", fp);
    else if (c->slo_met)
        fputs("<td class=\"l met\">meets</td>", fp);
    else
        fputs("<td class=\"l missed\">misses</td>", fp);
}

static void write_table(FILE *fp, const struct results *r)
{
    bool sweep = chart_gp_has_sweep(r);
    size_t i;

    fputs("<section id=\"results\">\n<h2>Results</h2>\n"
          "<p>One row per cell; &plusmn; is the half-width of the 95% "
          "confidence interval over replications. Overhead is host CPU "
          "time beyond the guest's own work, relative to it.</p>\n"
          "<div class=\"wrap\"><table id=\"cells\">\n<thead><tr>"
          "<th class=\"l\">instance</th><th class=\"l\">generation</th>",
          fp);
    if (sweep)
        fputs("<th class=\"l\">point</th>", fp);
    fputs("<th>throughput (req/s)</th><th>p50 (&micro;s)</th>"
          "<th>p99 (&micro;s)</th><th>CPU overhead (%)</th>"
          "<th>USD per M req</th><th class=\"l\">SLO</th></tr></thead>\n"
          "<tbody>\n", fp);
    for (i = 0; i < r->ncells; i++) {
        const struct cell_result *c = &r->cells[i];

        fputs("<tr class=\"cell\"><td class=\"l\">", fp);
        esc_n(fp, c->instance, sizeof(c->instance));
        fprintf(fp, "</td><td class=\"l\"><span class=\"sw\" "
                "style=\"background:%s\"></span>",
                chart_gp_color(c->generation));
        esc_n(fp, c->generation, sizeof(c->generation));
        fputs("</td>", fp);
        if (sweep)
            point_td(fp, c);
        metric_td(fp, &c->throughput_rps);
        metric_td(fp, &c->lat_p50);
        metric_td(fp, &c->lat_p99);
        metric_td(fp, &c->overhead_pct);
        fputs("<td>", fp);
        num(fp, c->usd_per_million);
        fputs("</td>", fp);
        verdict_td(fp, c);
        fputs("</tr>\n", fp);
    }
    fputs("</tbody>\n</table></div>\n</section>\n", fp);
}

static void cell_name(FILE *fp, const struct cell_result *c)
{
    char label[CHART_LABEL_MAX];

    chart_gp_cell_label(c, CHART_LABEL_GENERATION | CHART_LABEL_POINT,
                        label, sizeof(label));
    esc(fp, label);
}

static void write_slo(FILE *fp, const struct results *r)
{
    size_t i, k, checked = 0, met = 0;

    for (i = 0; i < r->ncells; i++) {
        checked += r->cells[i].slo_checked;
        met += r->cells[i].slo_checked && r->cells[i].slo_met;
    }
    fputs("<section id=\"slo\">\n<h2>SLO verdicts</h2>\n", fp);
    if (checked == 0) {
        fputs("<p>The scenario sets no SLO: add <code>\"slo\": "
              "{\"p99_us\": 200, \"min_rps\": 15000}</code> to check "
              "cells against targets.</p>\n</section>\n", fp);
        return;
    }
    fputs("<p>Targets: ", fp);
    json_value(fp, json_object_get(r->scenario, "slo"));
    fprintf(fp, ". <strong>%zu of %zu</strong> cells meet them.</p>\n"
            "<ul class=\"slo\">\n", met, checked);
    for (i = 0; i < r->ncells; i++) {
        const struct cell_result *c = &r->cells[i];

        if (!c->slo_checked)
            continue;
        fputs("<li>", fp);
        cell_name(fp, c);
        if (c->slo_met) {
            fputs(": <span class=\"met\">meets</span></li>\n", fp);
            continue;
        }
        fputs(": <span class=\"missed\">misses</span>", fp);
        for (k = 0; k < c->nfailed && k < RESULT_MAX_FAILED; k++) {
            fputs(k ? "; " : " &mdash; ", fp);
            esc_n(fp, c->failed[k], sizeof(c->failed[k]));
        }
        fputs("</li>\n", fp);
    }
    fputs("</ul>\n</section>\n", fp);
}

/* Writes `len` bytes of buf to fp in base64 (RFC 4648, with padding). */
static void base64(FILE *fp, const unsigned char *buf, size_t len)
{
    static const char digits[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t i;

    for (i = 0; i + 2 < len; i += 3) {
        unsigned long v = (unsigned long)buf[i] << 16 |
                          (unsigned long)buf[i + 1] << 8 | buf[i + 2];

        fputc(digits[v >> 18 & 63], fp);
        fputc(digits[v >> 12 & 63], fp);
        fputc(digits[v >> 6 & 63], fp);
        fputc(digits[v & 63], fp);
    }
    if (i < len) {
        unsigned long v = (unsigned long)buf[i] << 16 |
                          (i + 1 < len ? (unsigned long)buf[i + 1] << 8 : 0);

        fputc(digits[v >> 18 & 63], fp);
        fputc(digits[v >> 12 & 63], fp);
        fputc(i + 1 < len ? digits[v >> 6 & 63] : '=', fp);
        fputc('=', fp);
    }
}

/*
 * The chart's image, embedded as a data: URI so that index.html is one
 * file to send; linked from charts/ when the image cannot be read.
 */
static void write_image(FILE *fp, const struct chart_set *set,
                        const struct chart_ops *c, const char *ext)
{
    char *path = set->dir ? xstrfmt("%s/%s.%s", set->dir, c->name, ext)
                          : NULL;
    FILE *img = path ? fopen(path, "rb") : NULL;
    unsigned char *buf = NULL;
    size_t len = 0, cap = 0, got;

    while (img) {
        if (len + 65536 > cap) {
            cap = cap ? 2 * cap : 262144;
            buf = xrealloc(buf, cap);
        }
        got = fread(buf + len, 1, cap - len, img);
        len += got;
        if (got == 0)
            break;
    }
    if (img && !ferror(img) && len > 0) {
        fprintf(fp, "<img src=\"data:image/%s;base64,",
                strcmp(ext, "svg") == 0 ? "svg+xml" : ext);
        base64(fp, buf, len);
        fprintf(fp, "\" alt=\"%s\" width=\"1000\" height=\"600\">\n",
                c->title);
    } else {
        fprintf(fp, "<img src=\"charts/%s.%s\" alt=\"%s\" width=\"1000\" "
                "height=\"600\">\n", c->name, ext, c->title);
    }
    if (img)
        fclose(img);
    free(buf);
    free(path);
}

static void write_charts(FILE *fp, const struct chart_set *set)
{
    const char *ext = chart_format_ext(set->format);
    size_t i;

    fputs("<section id=\"charts\">\n<h2>Charts</h2>\n", fp);
    if (set->n == 0)
        fputs("<p>No chart has anything to show for these results.</p>\n",
              fp);
    if (set->gnuplot_missing)
        fputs("<p class=\"note\">gnuplot was not found, so the charts are "
              "not drawn. Their data and scripts are in "
              "<code>charts/</code>: install gnuplot and run "
              "<code>virtsim chart results.json</code>, or "
              "<code>gnuplot NAME.gp</code> there.</p>\n", fp);
    for (i = 0; i < set->n; i++) {
        const struct chart_ops *c = set->item[i].ops;

        fprintf(fp, "<figure id=\"chart-%s\">\n<h3>%s</h3>\n", c->name,
                c->title);
        if (set->item[i].drawn)
            write_image(fp, set, c, ext);
        else if (!set->gnuplot_missing)
            fprintf(fp, "<p class=\"note\">Not drawn: gnuplot failed on "
                    "<code>charts/%s.gp</code>.</p>\n", c->name);
        fprintf(fp, "<figcaption>%s Data: <a href=\"charts/%s.dat\">"
                "%s.dat</a>, script: <a href=\"charts/%s.gp\">%s.gp</a>."
                "</figcaption>\n</figure>\n", c->caption, c->name, c->name,
                c->name, c->name);
    }
    fputs("</section>\n", fp);
}

void html_escape(FILE *fp, const char *s)
{
    esc(fp, s);
}

static void write_page(const struct results *r, const struct chart_set *charts,
                       const struct html_section *extra, FILE *fp)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
          "<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, "
          "initial-scale=1\">\n<title>virtsim: ", fp);
    esc_n(fp, r->name, sizeof(r->name));
    fprintf(fp, "</title>\n<style>\n%s</style>\n<script>\n%s</script>\n"
            "</head>\n<body data-images=\"pending\">\n<h1>virtsim report: ",
            page_style, page_script);
    esc_n(fp, r->name, sizeof(r->name));
    fputs("</h1>\n<p class=\"sub\">", fp);
    fprintf(fp, "%zu cells", r->ncells);
    if (r->version[0]) {
        fputs(" &middot; virtsim ", fp);
        esc_n(fp, r->version, sizeof(r->version));
    }
    fputs("</p>\n<nav><a href=\"#scenario\">Scenario</a>"
          "<a href=\"#results\">Results</a><a href=\"#slo\">SLO</a>", fp);
    if (charts)
        fputs("<a href=\"#charts\">Charts</a>", fp);
    if (extra)
        fprintf(fp, "<a href=\"#%s\">%s</a>", extra->id, extra->title);
    fputs("</nav>\n", fp);
    if (r->partial)
        fputs("<p class=\"note\"><strong>Partial results:</strong> the run "
              "was interrupted, so some cells are missing.</p>\n", fp);
    write_summary(fp, r);
    write_table(fp, r);
    write_slo(fp, r);
    if (charts)
        write_charts(fp, charts);
    if (extra) {
        fprintf(fp, "<section id=\"%s\">\n<h2>%s</h2>\n", extra->id,
                extra->title);
        extra->write(fp, extra->ctx);
        fputs("</section>\n", fp);
    }
    fputs("<footer>Written by virtsim. The charts' data and gnuplot "
          "scripts are in <code>charts/</code>; edit a script and run "
          "<code>gnuplot NAME.gp</code> there to redraw it.</footer>\n"
          "</body>\n</html>\n", fp);
}

void html_write_page(const struct results *r, const struct chart_set *charts,
                     FILE *fp)
{
    write_page(r, charts, NULL, fp);
}

int html_write_with(const struct results *r, const char *dir,
                    const struct chart_set *charts,
                    const struct html_section *extra, struct diag *dg)
{
    struct atomic_file af;
    char *path = xstrfmt("%s/index.html", dir);
    int rc;

    rc = atomic_open(&af, path, dg);
    if (rc == 0) {
        write_page(r, charts, extra, af.fp);
        rc = atomic_commit(&af, false, dg);
    }
    free(path);
    return rc;
}

int html_write(const struct results *r, const char *dir,
               const struct chart_set *charts, struct diag *dg)
{
    return html_write_with(r, dir, charts, NULL, dg);
}

int html_report_write(const struct results *r, const char *dir,
                      const struct chart_opts *o, struct diag *dg)
{
    char *charts_dir = xstrfmt("%s/charts", dir);
    struct chart_set set;
    int rc = 0;

    if (atomic_mkdir_p(charts_dir, dg) < 0) {
        free(charts_dir);
        return -1;
    }
    if (chart_write_all(r, charts_dir, o, &set, dg) < 0)
        rc = -1;
    if (html_write(r, dir, &set, dg) < 0)
        rc = -1;
    free(charts_dir);
    return rc;
}
