/*
 * virtsim.c - the public API (api/virtsim.h) over the library: opaque
 * handles around run/'s scenario and runner, reports/' results and
 * formats, and select/'s selection. Diags become message strings here;
 * nothing prints.
 */
#include "api/virtsim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/diag.h"
#include "base/version.h"
#include "base/xalloc.h"
#include "reports/atomic.h"
#include "reports/format.h"
#include "reports/json_in.h"
#include "reports/results.h"
#include "run/runner.h"
#include "run/scenario.h"
#include "run/status.h"
#include "select/select.h"
#include "select/select_slo.h"

struct virtsim_scenario {
    struct scenario sc;
    char *file;                 /* what sc.file borrows */
};

struct virtsim_results {
    struct results r;
};

struct virtsim_selection {
    struct select_report rep;
    json_t *doc;                /* the parsed workload document */
    char *name, *dir;           /* what the report's config borrows */
};

/* The stop flag of callers that pass none: never raised. */
static volatile sig_atomic_t never_stop;

const char *virtsim_version(void)
{
    return VIRTSIM_VERSION;
}

void virtsim_free(void *p)
{
    free(p);
}

/* dg's lines as one string into *err (when err is wanted). */
static enum virtsim_status fail(const struct diag *dg, enum virtsim_status st,
                                char **err)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp;

    if (!err)
        return st;
    fp = open_memstream(&buf, &len);
    if (fp) {
        diag_print(dg, fp);
        fclose(fp);
    }
    *err = buf ? buf : xstrdup("virtsim: error: (no message)\n");
    return st;
}

static void clear_err(char **err)
{
    if (err)
        *err = NULL;
}

/* ---- scenarios ---- */

/*
 * Loads a scenario named `file` (a path, or the name a string stands
 * under) from text when text is not NULL, else from the file itself.
 */
static enum virtsim_status load(const char *file, const char *text,
                                size_t len, const char *base_dir,
                                struct virtsim_scenario **out, char **err)
{
    struct virtsim_scenario *v = xcalloc(1, sizeof(*v));
    struct diag dg;
    int rc;

    clear_err(err);
    *out = NULL;
    v->file = xstrdup(file);
    diag_init(&dg, v->file);
    rc = text ? scenario_load_text(text, len, v->file, base_dir, &v->sc, &dg)
              : scenario_load(v->file, &v->sc, &dg);
    if (rc < 0) {
        fail(&dg, VIRTSIM_INPUT_ERROR, err);
        free(v->file);
        free(v);
        return VIRTSIM_INPUT_ERROR;
    }
    *out = v;
    return VIRTSIM_OK;
}

enum virtsim_status virtsim_scenario_load_file(const char *path,
                                               struct virtsim_scenario **out,
                                               char **err)
{
    return load(path, NULL, 0, NULL, out, err);
}

enum virtsim_status virtsim_scenario_load_string(const char *json, size_t len,
                                                 const char *name,
                                                 const char *base_dir,
                                                 struct virtsim_scenario **out,
                                                 char **err)
{
    return load(name && *name ? name : "scenario", json ? json : "", len,
                base_dir, out, err);
}

const char *virtsim_scenario_name(const struct virtsim_scenario *sc)
{
    return sc->sc.name;
}

size_t virtsim_scenario_cells(const struct virtsim_scenario *sc)
{
    return runner_cell_count(&sc->sc);
}

void virtsim_scenario_set_seed(struct virtsim_scenario *sc, uint64_t seed)
{
    sc->sc.seed = seed;
    json_object_set_new(sc->sc.effective, "seed",
                        json_integer((json_int_t)seed));
}

void virtsim_scenario_free(struct virtsim_scenario *sc)
{
    if (!sc)
        return;
    scenario_release(&sc->sc);
    free(sc->file);
    free(sc);
}

/* ---- running ---- */

void virtsim_run_options_init(struct virtsim_run_options *o)
{
    memset(o, 0, sizeof(*o));
    o->jobs = 1;
}

struct progress_relay {
    virtsim_progress_fn *fn;
    void *ctx;
};

static void relay_cell(void *ctx, size_t done, size_t total,
                       const struct cell_result *c)
{
    const struct progress_relay *pr = ctx;
    struct virtsim_progress p = {
        .done = done, .total = total,
        .instance = c->instance, .generation = c->generation,
        .throughput_rps = c->throughput_rps.mean, .p99_us = c->lat_p99.mean,
    };

    pr->fn(pr->ctx, &p);
}

static enum virtsim_status from_run(enum run_status rc)
{
    switch (rc) {
    case RUN_OK:
        return VIRTSIM_OK;
    case RUN_INPUT_ERROR:
        return VIRTSIM_INPUT_ERROR;
    case RUN_STOPPED:
        return VIRTSIM_STOPPED;
    case RUN_FAILED:
        break;
    }
    return VIRTSIM_FAILED;
}

enum virtsim_status virtsim_run(const struct virtsim_scenario *sc,
                                const struct virtsim_run_options *o,
                                struct virtsim_results **out, char **err)
{
    struct virtsim_run_options def;
    struct progress_relay pr;
    struct runner_opts ro = {0};
    struct virtsim_results *v;
    struct diag dg;
    enum run_status rc;

    clear_err(err);
    *out = NULL;
    if (!o) {
        virtsim_run_options_init(&def);
        o = &def;
    }
    v = xcalloc(1, sizeof(*v));
    results_init(&v->r, sc->sc.name, sc->sc.effective);
    snprintf(v->r.version, sizeof(v->r.version), "%s", VIRTSIM_VERSION);
    ro.jobs = o->jobs ? o->jobs : 1;
    ro.progress = PROGRESS_NEVER;
    if (o->progress) {
        pr.fn = o->progress;
        pr.ctx = o->progress_ctx;
        ro.on_cell = relay_cell;
        ro.on_cell_ctx = &pr;
    }
    diag_init(&dg, sc->sc.file);
    rc = runner_run(&sc->sc, &ro, &v->r, o->stop ? o->stop : &never_stop,
                    &dg);
    if (rc != RUN_OK && rc != RUN_STOPPED) {
        results_release(&v->r);
        free(v);
        return fail(&dg, from_run(rc), err);
    }
    *out = v;
    return from_run(rc);
}

/* ---- results ---- */

enum virtsim_status virtsim_results_read_file(const char *path,
                                              struct virtsim_results **out,
                                              char **err)
{
    struct virtsim_results *v = xcalloc(1, sizeof(*v));
    struct diag dg;

    clear_err(err);
    *out = NULL;
    diag_init(&dg, path);
    if (json_in_read_file(&v->r, path, &dg) < 0) {
        free(v);
        return fail(&dg, VIRTSIM_INPUT_ERROR, err);
    }
    *out = v;
    return VIRTSIM_OK;
}

size_t virtsim_results_cells(const struct virtsim_results *r)
{
    return r->r.ncells;
}

int virtsim_results_partial(const struct virtsim_results *r)
{
    return r->r.partial;
}

enum virtsim_status virtsim_results_cell(const struct virtsim_results *r,
                                         size_t i, struct virtsim_cell *out)
{
    const struct cell_result *c;

    memset(out, 0, sizeof(*out));
    if (i >= r->r.ncells)
        return VIRTSIM_INPUT_ERROR;
    c = &r->r.cells[i];
    out->instance = c->instance;
    out->generation = c->generation;
    out->replications = c->replications;
    out->completed = c->completed;
    out->dropped = c->dropped;
    out->throughput_rps = c->throughput_rps.mean;
    out->throughput_rps_ci95 = c->throughput_rps.ci95;
    out->latency_mean_us = c->lat_mean.mean;
    out->latency_mean_us_ci95 = c->lat_mean.ci95;
    out->p50_us = c->lat_p50.mean;
    out->p50_us_ci95 = c->lat_p50.ci95;
    out->p99_us = c->lat_p99.mean;
    out->p99_us_ci95 = c->lat_p99.ci95;
    out->p999_us = c->lat_p999.mean;
    out->p999_us_ci95 = c->lat_p999.ci95;
    out->cpu_overhead_pct = c->overhead_pct.mean;
    out->cpu_overhead_pct_ci95 = c->overhead_pct.ci95;
    out->vcpu_utilization = c->util_vcpu.mean;
    out->usd_per_hour = c->usd_per_hour;
    out->usd_per_million = c->usd_per_million;
    out->slo_checked = c->slo_checked;
    out->slo_met = c->slo_met;
    return VIRTSIM_OK;
}

enum virtsim_status virtsim_results_write(const struct virtsim_results *r,
                                          const char *format, const char *path,
                                          char **err)
{
    const struct report_format_ops *f;
    struct atomic_file af;
    struct diag dg;

    clear_err(err);
    diag_init(&dg, path && strcmp(path, "-") ? path : "virtsim");
    f = report_format_find(format ? format : "", &dg);
    if (!f)
        return fail(&dg, VIRTSIM_INPUT_ERROR, err);
    if (!path || !strcmp(path, "-")) {
        if (report_format_print(f, &r->r, stdout, "standard output", &dg) < 0)
            return fail(&dg, VIRTSIM_FAILED, err);
        return VIRTSIM_OK;
    }
    if (atomic_open(&af, path, &dg) < 0)
        return fail(&dg, VIRTSIM_FAILED, err);
    if (f->write(&r->r, af.fp, &dg) < 0) {
        atomic_abort(&af);
        return fail(&dg, VIRTSIM_FAILED, err);
    }
    if (atomic_commit(&af, true, &dg) < 0)
        return fail(&dg, VIRTSIM_FAILED, err);
    return VIRTSIM_OK;
}

void virtsim_results_free(struct virtsim_results *r)
{
    if (!r)
        return;
    results_release(&r->r);
    free(r);
}

/* ---- instance selection ---- */

void virtsim_select_options_init(struct virtsim_select_options *o)
{
    memset(o, 0, sizeof(*o));
}

/*
 * The workload object of doc: doc itself, or its "workload" when doc is a
 * scenario (as `virtsim select` reads its file).
 */
static const json_t *workload_of(const json_t *doc)
{
    if (json_is_object(doc) && json_object_get(doc, "workload") &&
        !json_object_get(doc, "arrival") && !json_object_get(doc, "generator"))
        return json_object_get(doc, "workload");
    return doc;
}

enum virtsim_status virtsim_select(const char *workload_json, size_t len,
                                   const char *name, const char *base_dir,
                                   const struct virtsim_select_options *o,
                                   struct virtsim_selection **out, char **err)
{
    struct virtsim_selection *v;
    struct select_config cfg;
    json_error_t jerr;
    struct diag dg;
    enum run_status rc;

    clear_err(err);
    *out = NULL;
    v = xcalloc(1, sizeof(*v));
    v->name = xstrdup(name && *name ? name : "workload");
    v->dir = xstrdup(base_dir && *base_dir ? base_dir : ".");
    diag_init(&dg, v->name);
    v->doc = json_loadb(workload_json, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!v->doc) {
        diag_set(&dg, jerr.line, jerr.column, "%s", jerr.text);
        goto input_error;
    }
    select_config_init(&cfg);
    cfg.workload = workload_of(v->doc);
    cfg.base_dir = v->dir;
    cfg.name = v->name;
    if (!o || !o->slo) {
        diag_set(&dg, 0, 0, "a selection needs an SLO ('p99<500us,...')");
        goto input_error;
    }
    if (select_slo_parse(o->slo, &cfg.slo, &dg) < 0)
        goto input_error;
    cfg.families = o->families;
    cfg.instances = o->instances;
    cfg.max_usd_hour = o->max_usd_hour;
    cfg.sustained = o->sustained != 0;
    if (o->duration_s > 0)
        cfg.duration_s = o->duration_s;
    if (o->replications)
        cfg.replications = o->replications;
    if (o->seed)
        cfg.seed = o->seed;
    cfg.jobs = o->jobs ? o->jobs : 1;
    cfg.progress = PROGRESS_NEVER;
    rc = select_run(&cfg, &v->rep, o->stop ? o->stop : &never_stop, &dg);
    if (rc != RUN_OK && rc != RUN_STOPPED) {
        enum virtsim_status st = fail(&dg, from_run(rc), err);

        virtsim_selection_free(v);
        return st;
    }
    *out = v;
    return from_run(rc);

input_error:
    fail(&dg, VIRTSIM_INPUT_ERROR, err);
    virtsim_selection_free(v);
    return VIRTSIM_INPUT_ERROR;
}

size_t virtsim_selection_count(const struct virtsim_selection *s)
{
    return s->rep.ncandidates;
}

enum virtsim_status virtsim_selection_candidate(
    const struct virtsim_selection *s, size_t i, struct virtsim_candidate *out)
{
    const struct select_candidate *c;

    memset(out, 0, sizeof(*out));
    if (i >= s->rep.ncandidates)
        return VIRTSIM_INPUT_ERROR;
    c = &s->rep.c[i];
    out->instance = c->ip.name;
    out->generation = c->gen ? c->gen->name : "";
    out->verdict = select_verdict_name(c->verdict);
    out->rank = c->rank;
    out->simulated = c->simulated;
    out->usd_per_hour = c->usd_per_hour;
    if (c->simulated) {
        out->throughput_rps = c->cell.throughput_rps.mean;
        out->p99_us = c->cell.lat_p99.mean;
        out->p99_us_ci95 = c->cell.lat_p99.ci95;
    }
    out->reason = c->reason;
    return VIRTSIM_OK;
}

void virtsim_selection_free(struct virtsim_selection *s)
{
    if (!s)
        return;
    select_report_release(&s->rep);
    json_decref(s->doc);
    free(s->name);
    free(s->dir);
    free(s);
}
