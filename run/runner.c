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

void runner_cell_at(const struct scenario *sc, size_t i, struct cell_spec *cs)
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

/* What the pool's tasks read: the scenario and pool index -> task index. */
struct task_ctx {
    const struct scenario *sc;
    const size_t *task;
};

static enum run_status cell_task(size_t i, void *rec, const void *ctx,
                                 volatile sig_atomic_t *stop, struct diag *dg)
{
    const struct task_ctx *tc = ctx;
    struct cell_rec *r = rec;
    struct cell_spec cs;

    runner_cell_at(tc->sc, tc->task[i], &cs);
    return cell_run(tc->sc, &cs, &r->cell, &r->events, stop, dg);
}

struct done_ctx {
    struct progress p;
    const size_t *task;
};

static void cell_done(size_t i, const void *rec, void *ctx)
{
    const struct cell_rec *r = rec;
    struct done_ctx *d = ctx;
    const struct runner_opts *o = d->p.o;

    progress_cell(&d->p, &r->cell, r->events);
    if (o->on_task)
        o->on_task(o->on_task_ctx, d->task[i], &r->cell);
    if (o->on_cell)
        o->on_cell(o->on_cell_ctx, d->p.done, d->p.total, &r->cell);
}

/* Task i is among those asked for (all without o->only). */
static int wanted(const struct runner_opts *o, size_t i)
{
    return !o->only || o->only[i];
}

static int given(const struct runner_opts *o, size_t i)
{
    return o->given && o->given[i];
}

enum run_status runner_run(const struct scenario *sc,
                           const struct runner_opts *o, struct results *res,
                           volatile sig_atomic_t *stop, struct diag *dg)
{
    struct done_ctx d;
    struct progress *pr = &d.p;
    struct pool_opts po = {.jobs = o->jobs, .done = cell_done, .done_ctx = &d};
    struct task_ctx tc = {.sc = sc};
    size_t ncells = runner_cell_count(sc), i, j, m = 0;
    struct cell_rec *recs;
    size_t *task;
    enum run_status rc;

    memset(&d, 0, sizeof(d));
    task = xcalloc(ncells ? ncells : 1, sizeof(*task));
    for (i = 0; i < ncells; i++)
        if (wanted(o, i) && !given(o, i))
            task[m++] = i;
    d.task = tc.task = task;
    pr->o = o;
    pr->total = m;
    pr->sim_per_cell = (sc->warmup_s + sc->duration_s) * sc->replications;
    pr->t0 = wall();
    pr->on = o->progress == PROGRESS_ALWAYS ||
             (o->progress == PROGRESS_AUTO && isatty(STDERR_FILENO));
    recs = xcalloc(m ? m : 1, sizeof(*recs));
    po.have = xcalloc(m ? m : 1, 1);
    rc = pool_run(m, &po, sizeof(*recs), cell_task, &tc, recs, stop, dg);
    /*
     * The cells asked for in scenario order, given or run, up to the first
     * one missing (j walks the run ones, which are in the same order).
     */
    for (i = 0, j = 0; i < ncells; i++) {
        if (!wanted(o, i))
            continue;
        if (given(o, i)) {
            results_add(res, &o->given_cells[i]);
            continue;
        }
        if (!po.have[j])
            break;
        results_add(res, &recs[j++].cell);
    }
    if (rc == RUN_STOPPED)
        res->partial = true;
    free(recs);
    free(po.have);
    free(task);
    if (pr->on && rc == RUN_OK) {
        double t = wall() - pr->t0;

        fprintf(stderr, "ran %zu cells: %.1f M events in %.2f s (%.1f M "
                "events/s)\n", pr->total, pr->events / 1e6, t,
                t > 0 ? pr->events / t / 1e6 : 0);
    }
    return rc;
}
