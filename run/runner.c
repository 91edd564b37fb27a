/*
 * runner.c - the experiment loop: cells in scenario order, each run by
 * cell_run as a task of the worker pool (run/pool.c: here with --jobs 1,
 * else in forked workers). Cells are independent and seeded by their
 * coordinates, so which process runs a cell changes nothing in its result.
 */
#include "run/runner.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "run/cell.h"
#include "run/pool.h"
#include "base/xalloc.h"

struct progress {
    const struct runner_opts *o;
    int on;
    size_t total, done;
    uint64_t events;
    double sim_per_cell;        /* simulated seconds a cell runs */
    double t0;
};

static double wall(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

int runner_parse_progress(const char *v, enum progress_mode *out,
                          struct diag *dg)
{
    if (!strcmp(v, "auto"))
        *out = PROGRESS_AUTO;
    else if (!strcmp(v, "always"))
        *out = PROGRESS_ALWAYS;
    else if (!strcmp(v, "never"))
        *out = PROGRESS_NEVER;
    else
        return diag_set(dg, 0, 0, "--progress must be auto, always or never, "
                        "got '%s'", v);
    return 0;
}

size_t runner_cell_count(const struct scenario *sc)
{
    size_t gens = sc->ngenerations ? sc->ngenerations : 1;

    return sc->ninstances * gens * sc->npoints;
}

/* Cell i in scenario order: instance-major, then generation, then point. */
static void cell_at(const struct scenario *sc, size_t i, struct cell_spec *cs)
{
    size_t gens = sc->ngenerations ? sc->ngenerations : 1;

    cs->point = i % sc->npoints;
    i /= sc->npoints;
    cs->instance = i / gens;
    if (sc->ngenerations)
        cs->gen = sc->generations[i % gens];
    else
        cs->gen = generation_find(sc->instances[cs->instance].generation, NULL);
}

static void progress_cell(struct progress *p, const struct cell_result *c,
                          uint64_t events)
{
    double t = wall() - p->t0, eta;
    size_t d;

    p->done++;
    p->events += events;
    if (!p->on)
        return;
    eta = p->done ? t / p->done * (p->total - p->done) : 0;
    fprintf(stderr, "[%zu/%zu] %s %s", p->done, p->total, c->instance,
            c->generation);
    for (d = 0; d < c->npoint; d++)
        fprintf(stderr, " %s=%g", c->point[d].path, c->point[d].value);
    fprintf(stderr, ": %.0f req/s, p99 %.1f us  (simulated %.3g s in %.1f s, "
            "%.1f M events/s, ETA %.0f s)\n", c->throughput_rps.mean,
            c->lat_p99.mean, p->sim_per_cell * (double)p->done, t,
            t > 0 ? p->events / t / 1e6 : 0, eta);
}

/* A cell's result as it crosses the pool: plain values only. */
struct cell_rec {
    uint64_t events;
    struct cell_result cell;
};

static enum run_status cell_task(size_t i, void *rec, const void *ctx,
                                 volatile sig_atomic_t *stop, struct diag *dg)
{
    const struct scenario *sc = ctx;
    struct cell_rec *r = rec;
    struct cell_spec cs;

    cell_at(sc, i, &cs);
    return cell_run(sc, &cs, &r->cell, &r->events, stop, dg);
}

static void cell_done(size_t i, const void *rec, void *ctx)
{
    const struct cell_rec *r = rec;
    struct progress *p = ctx;

    (void)i;
    progress_cell(p, &r->cell, r->events);
    if (p->o->on_cell)
        p->o->on_cell(p->o->on_cell_ctx, p->done, p->total, &r->cell);
}

enum run_status runner_run(const struct scenario *sc,
                           const struct runner_opts *o, struct results *res,
                           volatile sig_atomic_t *stop, struct diag *dg)
{
    struct progress p;
    struct pool_opts po = {.jobs = o->jobs, .done = cell_done, .done_ctx = &p};
    struct cell_rec *recs;
    enum run_status rc;
    size_t i;

    memset(&p, 0, sizeof(p));
    p.o = o;
    p.total = runner_cell_count(sc);
    p.sim_per_cell = (sc->warmup_s + sc->duration_s) * sc->replications;
    p.t0 = wall();
    p.on = o->progress == PROGRESS_ALWAYS ||
           (o->progress == PROGRESS_AUTO && isatty(STDERR_FILENO));
    recs = xcalloc(p.total, sizeof(*recs));
    po.have = xcalloc(p.total, 1);
    rc = pool_run(p.total, &po, sizeof(*recs), cell_task, sc, recs, stop, dg);
    /* Completed cells in scenario order, up to the first one missing. */
    for (i = 0; i < p.total && po.have[i]; i++)
        results_add(res, &recs[i].cell);
    if (rc == RUN_STOPPED)
        res->partial = true;
    free(recs);
    free(po.have);
    if (p.on && rc == RUN_OK) {
        double t = wall() - p.t0;

        fprintf(stderr, "ran %zu cells: %.1f M events in %.2f s (%.1f M "
                "events/s)\n", p.total, p.events / 1e6, t,
                t > 0 ? p.events / t / 1e6 : 0);
    }
    return rc;
}
