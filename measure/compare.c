/*
 * compare.c - matching measured rows to simulated cells and the figure by
 * figure differences, as a table, CSV and JSON. Reads results and the
 * instance catalog (for what "actual" means); runs nothing.
 */
#include "measure/compare.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "models/catalog.h"
#include "reports/chart_gp.h"
#include "base/strbuf.h"
#include "base/xalloc.h"

const char *compare_verdict_name(enum compare_verdict v)
{
    switch (v) {
    case CMP_WITHIN: return "within";
    case CMP_ABOVE: return "above";
    case CMP_BELOW: return "below";
    }
    return "?";
}

/* The number at scenario.workload[.arrival].rate_rps, or NaN. */
static double scenario_rate(const struct results *r)
{
    const json_t *w = r->scenario ? json_object_get(r->scenario, "workload")
                                  : NULL;
    const json_t *v = w ? json_object_get(w, "rate_rps") : NULL;

    if (!v && w && json_object_get(w, "arrival"))
        v = json_object_get(json_object_get(w, "arrival"), "rate_rps");
    return json_is_number(v) ? json_number_value(v) : NAN;
}

double compare_cell_rate(const struct results *r,
                         const struct cell_result *c)
{
    size_t i;

    for (i = 0; i < c->npoint && i < RESULT_MAX_POINT; i++)
        if (strcmp(chart_gp_path_short(c->point[i].path), "rate_rps") == 0)
            return c->point[i].value;
    return scenario_rate(r);
}

static bool same_rate(double a, double b)
{
    return fabs(a - b) <= 1e-6 * fmax(fabs(a), fabs(b)) + 1e-9;
}

/* The generation "actual" stands for: the catalog's, or NULL (any). */
static const char *actual_generation(const char *instance)
{
    const struct instance_profile *ip = catalog_find(instance, NULL);

    return ip ? ip->generation : NULL;
}

static bool row_matches(const struct results *r, const struct measured_row *row,
                        const struct cell_result *c)
{
    if (strcmp(c->instance, row->instance) != 0)
        return false;
    if (strcmp(row->generation, "actual") == 0) {
        const char *g = actual_generation(row->instance);

        if (g && strcmp(c->generation, g) != 0)
            return false;
    } else if (strcmp(c->generation, row->generation) != 0) {
        return false;
    }
    if (isnan(row->rate_rps))
        return true;
    return same_rate(compare_cell_rate(r, c), row->rate_rps);
}

/* What the results hold for row's instance, for a message. */
static void describe_cells(const struct results *r, const char *instance,
                           struct strbuf *sb)
{
    size_t i, shown = 0;

    for (i = 0; i < r->ncells; i++) {
        const struct cell_result *c = &r->cells[i];
        double rate;

        if (strcmp(c->instance, instance) != 0)
            continue;
        if (shown == 4) {
            strbuf_addstr(sb, ", ...");
            break;
        }
        rate = compare_cell_rate(r, c);
        strbuf_addf(sb, "%s%s", shown ? ", " : "", c->generation);
        if (isfinite(rate))
            strbuf_addf(sb, " at %g req/s", rate);
        shown++;
    }
}

static int match_row(const struct results *r, const struct measured_row *row,
                     size_t *cell, struct diag *dg)
{
    struct strbuf sb = STRBUF_INIT;
    size_t i, n = 0;
    char at[64] = "";

    for (i = 0; i < r->ncells; i++) {
        if (!row_matches(r, row, &r->cells[i]))
            continue;
        if (n++ == 0)
            *cell = i;
    }
    if (n == 1)
        return 0;
    if (!isnan(row->rate_rps))
        snprintf(at, sizeof(at), " at %g req/s", row->rate_rps);
    if (n > 1) {
        diag_set(dg, row->line, 1, "'%s' (%s)%s matches %zu simulated cells; "
                 "add a 'generation' or 'rate_rps' column to tell them apart",
                 row->instance, row->generation, at, n);
    } else {
        describe_cells(r, row->instance, &sb);
        if (sb.len)
            diag_set(dg, row->line, 1, "no simulated cell for '%s' (%s)%s; "
                     "the results have %s", row->instance, row->generation,
                     at, sb.buf);
        else
            diag_set(dg, row->line, 1, "no simulated cell for '%s': the "
                     "results have no such instance", row->instance);
    }
    strbuf_release(&sb);
    return -1;
}

static void add_item(struct compare *cmp, const struct compare_item *it)
{
    if (cmp->n == cmp->cap) {
        cmp->cap = cmp->cap ? 2 * cmp->cap : 32;
        cmp->items = xrealloc(cmp->items, cmp->cap * sizeof(*cmp->items));
    }
    cmp->items[cmp->n++] = *it;
}

int compare_build(struct compare *cmp, const struct results *r,
                  const struct measured_set *m, struct diag *dg)
{
    size_t i;
    int k, rc = 0;

    memset(cmp, 0, sizeof(*cmp));
    cmp->r = r;
    cmp->m = m;
    cmp->row_cell = xcalloc(m->n ? m->n : 1, sizeof(*cmp->row_cell));
    for (i = 0; i < m->n; i++)
        if (match_row(r, &m->rows[i], &cmp->row_cell[i], dg) < 0)
            rc = -1;
    if (rc < 0) {
        compare_release(cmp);
        return -1;
    }
    for (i = 0; i < m->n; i++) {
        const struct cell_result *c = &r->cells[cmp->row_cell[i]];

        for (k = 0; k < MM_COUNT; k++) {
            struct compare_item it = {.row = i, .cell = cmp->row_cell[i],
                                      .metric = (enum measured_metric)k};

            it.measured = m->rows[i].v[k];
            if (isnan(it.measured))
                continue;
            it.sim = measured_cell_value(c, it.metric, &it.ci95);
            it.diff = it.measured - it.sim;
            it.rel_pct = it.sim != 0 ? 100 * it.diff / it.sim : NAN;
            if (fabs(it.diff) <= it.ci95)
                it.verdict = CMP_WITHIN;
            else
                it.verdict = it.diff > 0 ? CMP_ABOVE : CMP_BELOW;
            add_item(cmp, &it);
        }
    }
    return 0;
}

void compare_release(struct compare *cmp)
{
    free(cmp->row_cell);
    free(cmp->items);
    memset(cmp, 0, sizeof(*cmp));
}

size_t compare_count_within(const struct compare *cmp)
{
    size_t i, n = 0;

    for (i = 0; i < cmp->n; i++)
        n += cmp->items[i].verdict == CMP_WITHIN;
    return n;
}

/* "%.4g" of v, or "-" for NaN, into buf. */
static const char *fmt_num(char *buf, size_t size, double v)
{
    if (!isfinite(v))
        snprintf(buf, size, "-");
    else if (fabs(v) >= 1e4)
        snprintf(buf, size, "%.0f", v);
    else
        snprintf(buf, size, "%.4g", v);
    return buf;
}

void compare_print_table(const struct compare *cmp, FILE *fp)
{
    size_t i, wi = 8, wg = 10;
    char a[32], b[32], c[32], d[32], e[32];

    for (i = 0; i < cmp->n; i++) {
        const struct cell_result *cl = &cmp->r->cells[cmp->items[i].cell];

        if (strlen(cl->instance) > wi)
            wi = strlen(cl->instance);
        if (strlen(cl->generation) > wg)
            wg = strlen(cl->generation);
    }
    fprintf(fp, "%-*s  %-*s  %9s  %-8s  %10s  %10s  %9s  %8s  %s\n", (int)wi,
            "instance", (int)wg, "generation", "rate", "figure", "measured",
            "simulated", "+-95% CI", "diff %", "verdict");
    for (i = 0; i < cmp->n; i++) {
        const struct compare_item *it = &cmp->items[i];
        const struct cell_result *cl = &cmp->r->cells[it->cell];

        fprintf(fp, "%-*s  %-*s  %9s  %-8s  %10s  %10s  %9s  %8s  %s\n",
                (int)wi, cl->instance, (int)wg, cl->generation,
                fmt_num(a, sizeof(a), compare_cell_rate(cmp->r, cl)),
                measured_metric_label(it->metric),
                fmt_num(b, sizeof(b), it->measured),
                fmt_num(c, sizeof(c), it->sim),
                fmt_num(d, sizeof(d), it->ci95),
                isfinite(it->rel_pct) ?
                    (snprintf(e, sizeof(e), "%+.1f", it->rel_pct), e) : "-",
                compare_verdict_name(it->verdict));
    }
    fprintf(fp, "\n%zu of %zu measured figures lie within the simulated "
            "95%% intervals\n", compare_count_within(cmp), cmp->n);
}

static void csv_num(FILE *fp, double v)
{
    if (isfinite(v))
        fprintf(fp, "%.10g", v);
}

void compare_write_csv(const struct compare *cmp, FILE *fp)
{
    size_t i;

    fputs("line,instance,generation,rate_rps,figure,measured,simulated,"
          "ci95,diff,diff_pct,verdict\n", fp);
    for (i = 0; i < cmp->n; i++) {
        const struct compare_item *it = &cmp->items[i];
        const struct cell_result *cl = &cmp->r->cells[it->cell];

        fprintf(fp, "%d,%s,%s,", cmp->m->rows[it->row].line, cl->instance,
                cl->generation);
        csv_num(fp, compare_cell_rate(cmp->r, cl));
        fprintf(fp, ",%s,", measured_metric_name(it->metric));
        csv_num(fp, it->measured);
        fputc(',', fp);
        csv_num(fp, it->sim);
        fputc(',', fp);
        csv_num(fp, it->ci95);
        fputc(',', fp);
        csv_num(fp, it->diff);
        fputc(',', fp);
        csv_num(fp, it->rel_pct);
        fprintf(fp, ",%s\n", compare_verdict_name(it->verdict));
    }
}

/* A finite number, or null. */
static json_t *jnum(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

json_t *compare_to_json(const struct compare *cmp, const char *results_file,
                        const char *measured_file)
{
    json_t *root = json_object(), *items = json_array();
    size_t i;

    json_object_set_new(root, "results", results_file ?
                        json_string(results_file) : json_null());
    json_object_set_new(root, "measured", measured_file ?
                        json_string(measured_file) : json_null());
    json_object_set_new(root, "summary", json_pack("{s:I,s:I}",
                        "figures", (json_int_t)cmp->n, "within_ci95",
                        (json_int_t)compare_count_within(cmp)));
    for (i = 0; i < cmp->n; i++) {
        const struct compare_item *it = &cmp->items[i];
        const struct cell_result *cl = &cmp->r->cells[it->cell];
        json_t *o = json_object();

        json_object_set_new(o, "line",
                            json_integer(cmp->m->rows[it->row].line));
        json_object_set_new(o, "instance", json_string(cl->instance));
        json_object_set_new(o, "generation", json_string(cl->generation));
        json_object_set_new(o, "rate_rps",
                            jnum(compare_cell_rate(cmp->r, cl)));
        json_object_set_new(o, "figure",
                            json_string(measured_metric_name(it->metric)));
        json_object_set_new(o, "measured", jnum(it->measured));
        json_object_set_new(o, "simulated", json_pack("{s:o,s:o}", "mean",
                            jnum(it->sim), "ci95", jnum(it->ci95)));
        json_object_set_new(o, "diff", jnum(it->diff));
        json_object_set_new(o, "diff_pct", jnum(it->rel_pct));
        json_object_set_new(o, "verdict",
                            json_string(compare_verdict_name(it->verdict)));
        json_array_append_new(items, o);
    }
    json_object_set_new(root, "items", items);
    return root;
}
