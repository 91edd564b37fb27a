/*
 * table.c - the "table" format: the terminal summary, one row per cell,
 * at most TABLE_WIDTH columns wide. Names are cut with an ellipsis rather
 * than breaking the layout; confidence intervals show only where they fit,
 * else a footnote points at results.json. Reads struct results only.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "reports/format.h"
#include "reports/text.h"
#include "base/xalloc.h"

#define TABLE_WIDTH 100
#define GAP         2           /* spaces between columns */
#define TEXT_MAX    192         /* bytes of one cell's text */

enum col_id {
    COL_INSTANCE, COL_GENERATION, COL_SWEEP, COL_RPS, COL_P50, COL_P99,
    COL_OVERHEAD, COL_VCPU, COL_USD, COL_SLO, NCOL
};

struct column {
    const char *header;
    int right;                  /* right-aligned (numbers) */
    size_t min;                 /* narrowest it may be cut to; 0: never cut */
    int shown;
    size_t width;
};

static const struct column column_init[NCOL] = {
    [COL_INSTANCE] = { "instance", 0, 8, 1, 0 },
    [COL_GENERATION] = { "generation", 0, 8, 1, 0 },
    [COL_SWEEP] = { "sweep", 1, 6, 0, 0 },
    [COL_RPS] = { "req/s", 1, 0, 1, 0 },
    [COL_P50] = { "p50 us", 1, 0, 1, 0 },
    [COL_P99] = { "p99 us", 1, 0, 1, 0 },
    [COL_OVERHEAD] = { "CPU ovh %", 1, 0, 1, 0 },
    [COL_VCPU] = { "vCPU %", 1, 0, 1, 0 },
    [COL_USD] = { "$/M req", 1, 0, 1, 0 },
    [COL_SLO] = { "SLO", 0, 0, 1, 0 },
};

struct table {
    struct column col[NCOL];
    char sweep_header[64];
    size_t nrows;
    char (*text)[NCOL][TEXT_MAX];   /* nrows rows of cell text */
    int ci_shown;                   /* some "±" is in the table */
    int ci_exists;                  /* some metric has a CI > 0 */
};

/*
 * Compact numbers: about four significant digits, never wider than 8.
 * Returns the decimals used for |v|, or -1 when it takes %g.
 */
static int decimals(double a)
{
    if (a >= 1e7)
        return -1;
    if (a >= 100 || a == 0)
        return 0;
    return a >= 10 ? 1 : 2;
}

static void fmt_num(char *buf, size_t size, double v)
{
    int d = decimals(fabs(v));

    if (!isfinite(v))
        snprintf(buf, size, "-");
    else if (d < 0)
        snprintf(buf, size, "%.3g", v);
    else
        snprintf(buf, size, "%.*f", d, v);
}

/* Dollars: small amounts keep three significant digits (0.00133). */
static void fmt_usd(char *buf, size_t size, double v)
{
    if (!isfinite(v))
        snprintf(buf, size, "-");
    else if (v == 0)
        snprintf(buf, size, "0");
    else if (fabs(v) < 10 || fabs(v) >= 1e7)
        snprintf(buf, size, "%.3g", v);
    else
        snprintf(buf, size, "%.2f", v);
}

/* "mean" or, with with_ci and a CI to show, "mean±ci". */
static int fmt_metric(char *buf, size_t size, const struct metric *m,
                      int with_ci)
{
    char mean[32], ci[32];

    fmt_num(mean, sizeof(mean), m->mean);
    if (!with_ci || !(m->ci95 > 0) || !isfinite(m->ci95) ||
        !isfinite(m->mean)) {
        snprintf(buf, size, "%s", mean);
        return 0;
    }
    /* The CI to the mean's last digit: "140±7", not "140±6.50". */
    if (decimals(fabs(m->mean)) < 0)
        snprintf(ci, sizeof(ci), "%.2g", m->ci95);
    else
        snprintf(ci, sizeof(ci), "%.*f", decimals(fabs(m->mean)), m->ci95);
    snprintf(buf, size, "%s\xc2\xb1%s", mean, ci);
    return 1;
}

static int has_ci(const struct metric *m)
{
    return m->ci95 > 0 && isfinite(m->ci95);
}

/* The swept values of c in the order of paths, joined by ", ". */
static void fmt_sweep(char *buf, size_t size, const struct cell_result *c,
                      const char *const *paths, size_t npaths)
{
    size_t i, n = 0;
    char v[32];
    int k;

    buf[0] = '\0';
    for (i = 0; i < npaths && n < size; i++) {
        k = report_point_find(c, paths[i]);
        if (k < 0 || !isfinite(c->point[k].value))
            snprintf(v, sizeof(v), "-");
        else
            snprintf(v, sizeof(v), "%.10g", c->point[k].value);
        n += (size_t)snprintf(buf + n, size - n, "%s%s", i ? ", " : "", v);
    }
}

/* Header of the sweep column: the last part of a single swept path. */
static void sweep_header(char *buf, size_t size, const char *const *paths,
                         size_t npaths)
{
    const char *dot;

    if (npaths != 1) {
        snprintf(buf, size, "sweep");
        return;
    }
    dot = strrchr(paths[0], '.');
    text_fit(buf, size, dot && dot[1] ? dot + 1 : paths[0], 24);
}

/* Fills t's text and natural widths; with_ci puts "±ci" where there is one. */
static void fill(struct table *t, const struct results *r,
                 const char *const *paths, size_t npaths, int with_ci)
{
    size_t i, j;

    memcpy(t->col, column_init, sizeof(t->col));
    t->col[COL_SWEEP].shown = npaths > 0;
    t->col[COL_SWEEP].header = t->sweep_header;
    t->ci_shown = 0;
    t->ci_exists = 0;
    for (i = 0; i < r->ncells; i++) {
        const struct cell_result *c = &r->cells[i];
        char (*row)[TEXT_MAX] = t->text[i];

        text_fit(row[COL_INSTANCE], TEXT_MAX, c->instance, SIZE_MAX);
        text_fit(row[COL_GENERATION], TEXT_MAX, c->generation, SIZE_MAX);
        fmt_sweep(row[COL_SWEEP], TEXT_MAX, c, paths, npaths);
        t->ci_shown |= fmt_metric(row[COL_RPS], TEXT_MAX, &c->throughput_rps,
                                  with_ci);
        fmt_metric(row[COL_P50], TEXT_MAX, &c->lat_p50, 0);
        t->ci_shown |= fmt_metric(row[COL_P99], TEXT_MAX, &c->lat_p99,
                                  with_ci);
        fmt_num(row[COL_OVERHEAD], TEXT_MAX, c->overhead_pct.mean);
        fmt_num(row[COL_VCPU], TEXT_MAX, c->util_vcpu.mean * 100);
        fmt_usd(row[COL_USD], TEXT_MAX, c->usd_per_million);
        snprintf(row[COL_SLO], TEXT_MAX, "%s",
                 !c->slo_checked ? "-" : c->slo_met ? "ok" : "FAIL");
        t->ci_exists |= has_ci(&c->throughput_rps) || has_ci(&c->lat_mean) ||
                        has_ci(&c->lat_p50) || has_ci(&c->lat_p99) ||
                        has_ci(&c->overhead_pct);
    }
    for (j = 0; j < NCOL; j++) {
        struct column *col = &t->col[j];

        col->width = text_width(col->header);
        for (i = 0; i < r->ncells; i++)
            if (text_width(t->text[i][j]) > col->width)
                col->width = text_width(t->text[i][j]);
    }
    /* A long multi-value sweep is cut before it can crowd the table. */
    if (t->col[COL_SWEEP].width > 20)
        t->col[COL_SWEEP].width = 20;
}

static size_t total_width(const struct table *t)
{
    size_t w = 0, n = 0, j;

    for (j = 0; j < NCOL; j++) {
        if (!t->col[j].shown)
            continue;
        w += t->col[j].width;
        n++;
    }
    return n ? w + GAP * (n - 1) : 0;
}

/* Narrows the widest cuttable column, one column at a time, until it fits. */
static void shrink(struct table *t)
{
    while (total_width(t) > TABLE_WIDTH) {
        struct column *widest = NULL;
        size_t j;

        for (j = 0; j < NCOL; j++) {
            struct column *col = &t->col[j];

            if (col->shown && col->min && col->width > col->min &&
                (!widest || col->width > widest->width))
                widest = col;
        }
        if (!widest)
            break;
        widest->width--;
    }
}

/* One line of columns: texts[j] for each shown column j. */
static void print_line(FILE *fp, const struct table *t,
                       const char *const texts[NCOL])
{
    char fitted[TEXT_MAX];
    size_t j, last = 0, pad, w;
    int first = 1;

    for (j = 0; j < NCOL; j++)
        if (t->col[j].shown)
            last = j;
    for (j = 0; j < NCOL; j++) {
        const struct column *col = &t->col[j];

        if (!col->shown)
            continue;
        if (!first)
            fprintf(fp, "%*s", GAP, "");
        first = 0;
        text_fit(fitted, sizeof(fitted), texts[j], col->width);
        w = text_width(fitted);
        pad = col->width > w ? col->width - w : 0;
        if (col->right)
            fprintf(fp, "%*s%s", (int)pad, "", fitted);
        else if (j == last)
            fputs(fitted, fp);      /* no trailing blanks */
        else
            fprintf(fp, "%s%*s", fitted, (int)pad, "");
    }
    fputc('\n', fp);
}

static void print_rule(FILE *fp, const struct table *t)
{
    size_t j, k;
    int first = 1;

    for (j = 0; j < NCOL; j++) {
        if (!t->col[j].shown)
            continue;
        if (!first)
            fprintf(fp, "%*s", GAP, "");
        first = 0;
        for (k = 0; k < t->col[j].width; k++)
            fputc('-', fp);
    }
    fputc('\n', fp);
}

/* A footnote line, cut to the table's width. */
static void note(FILE *fp, const char *text)
{
    char fitted[512];

    text_fit(fitted, sizeof(fitted), text, TABLE_WIDTH);
    fprintf(fp, "%s\n", fitted);
}

static void print_notes(FILE *fp, const struct table *t,
                        const struct results *r, const char *const *paths,
                        size_t npaths)
{
    char buf[1024];
    size_t i, j, n;

    if (npaths) {
        n = (size_t)snprintf(buf, sizeof(buf), "%s:", t->sweep_header);
        for (i = 0; i < npaths && n < sizeof(buf); i++)
            n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s %s",
                                  i ? "," : "", paths[i]);
        note(fp, buf);
    }
    if (t->ci_shown)
        note(fp, "\xc2\xb1 is the half-width of the 95% confidence interval "
             "over replications; all CIs are in results.json");
    else if (t->ci_exists)
        note(fp, "95% confidence intervals over replications are in "
             "results.json and results.csv");
    for (i = 0, n = 0; i < r->ncells; i++) {
        const struct cell_result *c = &r->cells[i];
        size_t len;

        if (!c->slo_checked || c->slo_met)
            continue;
        if (n++ == 0)
            note(fp, "SLO failures:");
        len = (size_t)snprintf(buf, sizeof(buf), "  %s %s%s%s:",
                               t->text[i][COL_INSTANCE],
                               t->text[i][COL_GENERATION],
                               c->npoint ? " @ " : "",
                               c->npoint ? t->text[i][COL_SWEEP] : "");
        for (j = 0; j < c->nfailed && j < RESULT_MAX_FAILED &&
                    len < sizeof(buf); j++)
            len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s %.*s",
                                    j ? ";" : "", (int)sizeof(c->failed[j]),
                                    c->failed[j]);
        note(fp, buf);
    }
    if (r->partial)
        note(fp, "PARTIAL RESULTS: the run was interrupted; cells that did "
             "not finish are missing");
}

static int table_write(const struct results *r, FILE *fp, struct diag *dg)
{
    struct table t;
    const char **paths;
    const char *texts[NCOL];
    size_t npaths, i, j;

    (void)dg;
    memset(&t, 0, sizeof(t));
    npaths = report_point_paths(r, &paths);
    sweep_header(t.sweep_header, sizeof(t.sweep_header), paths, npaths);
    t.nrows = r->ncells;
    t.text = xcalloc(t.nrows ? t.nrows : 1, sizeof(*t.text));
    /* With CIs if the table still fits with its names whole. */
    fill(&t, r, paths, npaths, 1);
    if (!t.ci_shown || total_width(&t) > TABLE_WIDTH) {
        fill(&t, r, paths, npaths, 0);
        shrink(&t);
    }
    for (j = 0; j < NCOL; j++)
        texts[j] = t.col[j].header;
    print_line(fp, &t, texts);
    print_rule(fp, &t);
    for (i = 0; i < t.nrows; i++) {
        for (j = 0; j < NCOL; j++)
            texts[j] = t.text[i][j];
        print_line(fp, &t, texts);
    }
    if (t.nrows == 0)
        note(fp, "(no cells)");
    print_notes(fp, &t, r, paths, npaths);
    free(t.text);
    free(paths);
    return 0;
}

const struct report_format_ops table_format = {
    .name = "table",
    .summary = "a summary table on the terminal, one row per cell",
    .file_name = NULL,
    .write = table_write,
};
