/*
 * sensitivity.c - one-at-a-time sensitivity of a scenario's cells to
 * model parameters across their documented ranges: the runs, the flips of
 * SLO verdicts, the table and the JSON.
 */
#include "measure/sensitivity.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "measure/param_list.h"
#include "models/params.h"
#include "base/strbuf.h"
#include "base/xalloc.h"

int sensitivity_parse(struct sensitivity *s, const char *list,
                      const struct scenario *sc, struct diag *dg)
{
    memset(s, 0, sizeof(*s));
    return param_list_parse(list, sc, s->p, SENS_MAX_PARAMS, &s->nparams, dg);
}

/* Runs sc into res (initialized here). */
static enum run_status run_once(struct scenario *sc,
                                const struct runner_opts *ro,
                                struct results *res,
                                volatile sig_atomic_t *stop, struct diag *dg)
{
    results_init(res, sc->name, sc->effective);
    return runner_run(sc, ro, res, stop, dg);
}

enum run_status sensitivity_run(struct sensitivity *s, struct scenario *sc,
                                const struct runner_opts *ro,
                                volatile sig_atomic_t *stop, struct diag *dg)
{
    struct param_set saved = sc->params;
    enum run_status st;
    size_t i;

    st = run_once(sc, ro, &s->base, stop, dg);
    for (i = 0; i < s->nparams && st == RUN_OK; i++) {
        sc->params.v[s->p[i].id] = s->p[i].lo;
        st = run_once(sc, ro, &s->low[i], stop, dg);
        if (st != RUN_OK)
            break;
        sc->params.v[s->p[i].id] = s->p[i].hi;
        st = run_once(sc, ro, &s->high[i], stop, dg);
        sc->params = saved;
    }
    sc->params = saved;
    return st;
}

void sensitivity_release(struct sensitivity *s)
{
    size_t i;

    results_release(&s->base);
    for (i = 0; i < SENS_MAX_PARAMS; i++) {
        results_release(&s->low[i]);
        results_release(&s->high[i]);
    }
}

bool sensitivity_flips(const struct sensitivity *s, size_t i, size_t cell)
{
    const struct cell_result *b = &s->base.cells[cell];

    if (!b->slo_checked || cell >= s->low[i].ncells ||
        cell >= s->high[i].ncells)
        return false;
    return s->low[i].cells[cell].slo_met != b->slo_met ||
           s->high[i].cells[cell].slo_met != b->slo_met;
}

static const char *verdict(const struct cell_result *c)
{
    return !c->slo_checked ? "-" : c->slo_met ? "ok" : "FAIL";
}

void sensitivity_print_table(const struct sensitivity *s, FILE *fp)
{
    size_t c, i, flips = 0;

    for (c = 0; c < s->base.ncells; c++) {
        const struct cell_result *b = &s->base.cells[c];
        char label[160];
        size_t k;

        snprintf(label, sizeof(label), "%s / %s", b->instance, b->generation);
        for (k = 0; k < b->npoint && k < RESULT_MAX_POINT; k++)
            snprintf(label + strlen(label), sizeof(label) - strlen(label),
                     " @ %s=%g", b->point[k].path, b->point[k].value);
        fprintf(fp, "%s%s: p99 %.4g us, %.0f req/s, SLO %s\n", c ? "\n" : "",
                label, b->lat_p99.mean, b->throughput_rps.mean, verdict(b));
        fprintf(fp, "  %-32s %12s %12s %10s %10s %10s %10s  %s\n",
                "parameter", "low", "high", "p99 lo", "p99 hi", "req/s lo",
                "req/s hi", "SLO lo/hi");
        for (i = 0; i < s->nparams; i++) {
            const struct cell_result *lo = &s->low[i].cells[c];
            const struct cell_result *hi = &s->high[i].cells[c];
            bool flip = sensitivity_flips(s, i, c);

            flips += flip;
            fprintf(fp, "  %-32s %12g %12g %10.4g %10.4g %10.0f %10.0f  "
                    "%s/%s%s\n", param_info((enum param_id)s->p[i].id)->name,
                    s->p[i].lo, s->p[i].hi, lo->lat_p99.mean,
                    hi->lat_p99.mean, lo->throughput_rps.mean,
                    hi->throughput_rps.mean, verdict(lo), verdict(hi),
                    flip ? "  flips" : "");
        }
    }
    fprintf(fp, "\n%zu parameter%s x %zu cell%s: %zu SLO verdict%s flip%s "
            "across the ranges\n", s->nparams, s->nparams == 1 ? "" : "s",
            s->base.ncells, s->base.ncells == 1 ? "" : "s", flips,
            flips == 1 ? "" : "s", flips == 1 ? "s" : "");
}

static json_t *end_json(const struct cell_result *c, double value)
{
    return json_pack("{s:f,s:f,s:f,s:o}", "value", value, "p99_us",
                     c->lat_p99.mean, "throughput_rps",
                     c->throughput_rps.mean, "slo_met",
                     c->slo_checked ? json_boolean(c->slo_met) : json_null());
}

json_t *sensitivity_to_json(const struct sensitivity *s)
{
    json_t *root = json_object(), *cells = json_array();
    size_t c, i;

    for (c = 0; c < s->base.ncells; c++) {
        const struct cell_result *b = &s->base.cells[c];
        json_t *cell = json_object(), *params = json_array();

        json_object_set_new(cell, "instance", json_string(b->instance));
        json_object_set_new(cell, "generation", json_string(b->generation));
        json_object_set_new(cell, "baseline", json_pack("{s:f,s:f,s:o}",
                            "p99_us", b->lat_p99.mean, "throughput_rps",
                            b->throughput_rps.mean, "slo_met",
                            b->slo_checked ? json_boolean(b->slo_met)
                                           : json_null()));
        for (i = 0; i < s->nparams; i++)
            json_array_append_new(params, json_pack("{s:s,s:o,s:o,s:b}",
                "name", param_info((enum param_id)s->p[i].id)->name,
                "low", end_json(&s->low[i].cells[c], s->p[i].lo),
                "high", end_json(&s->high[i].cells[c], s->p[i].hi),
                "slo_flips", sensitivity_flips(s, i, c)));
        json_object_set_new(cell, "params", params);
        json_array_append_new(cells, cell);
    }
    json_object_set_new(root, "scenario", json_string(s->base.name));
    json_object_set_new(root, "cells", cells);
    return root;
}
