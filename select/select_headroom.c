/*
 * select_headroom.c - the headroom search: rounds of probes, one per
 * candidate still searching, each a cell run at a scaled arrival rate and
 * judged against the SLO (the implied keep-up term scaled with the rate).
 */
#include "select/select_headroom.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "run/cell.h"
#include "run/pool.h"
#include "select/select_rank.h"
#include "select/select_scale.h"
#include "base/xalloc.h"

/* Bisection stops once the bracket is this tight (hi / lo). */
#define TIGHT 1.01

struct hunt {
    struct select_candidate *c;
    double lo, hi;              /* factors of the offered rate: lo met the
                                 * SLO; hi did not (0: none found yet) */
    double next;                /* factor of the next probe */
    int done;
};

struct probe {
    const struct instance_profile *ip;
    const struct generation *gen;
    double factor;
};

struct probe_ctx {
    const struct scenario *base;
    const json_t *workload;
    const struct probe *p;
};

static enum run_status probe_task(size_t i, void *rec, const void *ctx,
                                  volatile sig_atomic_t *stop, struct diag *dg)
{
    const struct probe_ctx *pc = ctx;
    const struct probe *p = &pc->p[i];
    const struct scenario *b = pc->base;
    struct cell_spec cs = {0, p->gen, 0};
    struct scenario sc;
    uint64_t events;
    enum run_status rc;
    json_t *w;

    if (select_scale_workload(pc->workload, p->factor, &w, dg) < 0)
        return RUN_INPUT_ERROR;
    rc = scenario_init_memory(&sc, b->name, w, b->dir, p->ip, 1, dg) < 0
             ? RUN_INPUT_ERROR : RUN_OK;
    json_decref(w);
    if (rc != RUN_OK)
        return rc;
    sc.seed = b->seed;
    sc.duration_s = b->duration_s;
    sc.warmup_s = b->warmup_s;
    sc.replications = b->replications;
    sc.params = b->params;
    rc = cell_run(&sc, &cs, rec, &events, stop, dg);
    scenario_release(&sc);
    return rc;
}

/* The SLO at `factor` times the load: the user's terms, and keeping up
 * with the scaled rate. */
static void terms_at(const struct select_report *rep, double factor,
                     struct select_slo *out)
{
    struct select_term *t;

    *out = rep->cfg.slo;
    t = &out->t[out->n++];
    t->metric = SM_KEEP_UP;
    t->value = SELECT_KEEP_UP * rep->offered_rps * factor;
    snprintf(t->text, sizeof(t->text), "keep-up");
}

/* The first probe: just past where the capacity bound says it must fail. */
static double first_guess(const struct select_report *rep,
                          const struct select_candidate *c)
{
    double f = SELECT_PRUNE_MARGIN * c->bound.max_rps /
               (SELECT_KEEP_UP * rep->offered_rps);

    if (!isfinite(f) || f < 1.1)
        f = isfinite(f) ? 1.1 : 2;
    return f < SELECT_HEADROOM_MAX_FACTOR ? f : SELECT_HEADROOM_MAX_FACTOR;
}

static void advance(struct hunt *h, int met, unsigned steps)
{
    if (met)
        h->lo = h->next;
    else
        h->hi = h->next;
    h->c->headroom_runs++;
    if (h->c->headroom_runs >= steps) {
        h->done = 1;
    } else if (h->hi == 0) {
        if (h->lo >= SELECT_HEADROOM_MAX_FACTOR)
            h->done = 1;
        h->next = fmin(2 * h->lo, SELECT_HEADROOM_MAX_FACTOR);
    } else {
        if (h->hi / h->lo <= TIGHT)
            h->done = 1;
        h->next = sqrt(h->lo * h->hi);
    }
}

static int closed_or_unknown(struct select_report *rep)
{
    if (rep->arrival == ARRIVAL_CLOSED)
        snprintf(rep->headroom_note, sizeof(rep->headroom_note),
                 "no headroom search: a closed loop of clients has no "
                 "arrival rate to raise");
    else if (rep->offered_rps <= 0)
        snprintf(rep->headroom_note, sizeof(rep->headroom_note),
                 "no headroom search: the workload's rate is unknown");
    return rep->headroom_note[0] != '\0';
}

enum run_status select_headroom(struct select_report *rep,
                                const struct scenario *base,
                                volatile sig_atomic_t *stop, struct diag *dg)
{
    const struct select_config *cfg = &rep->cfg;
    struct pool_opts po = {.jobs = cfg->jobs};
    struct hunt *h = xcalloc(rep->ncandidates + 1, sizeof(*h));
    struct probe *p = xcalloc(rep->ncandidates + 1, sizeof(*p));
    size_t *of = xcalloc(rep->ncandidates + 1, sizeof(*of));
    struct cell_result *cells;
    struct probe_ctx pc = {base, rep->workload, p};
    enum run_status rc = RUN_OK;
    size_t i, nh = 0, np;

    if (closed_or_unknown(rep))
        goto out;
    for (i = 0; i < rep->ncandidates; i++) {
        struct select_candidate *c = &rep->c[i];

        if (c->verdict != SELECT_MEETS)
            continue;
        h[nh].c = c;
        h[nh].lo = 1;
        h[nh].next = first_guess(rep, c);
        nh++;
    }
    cells = xcalloc(nh + 1, sizeof(*cells));
    for (;;) {
        for (i = np = 0; i < nh; i++) {
            if (h[i].done)
                continue;
            p[np].ip = &h[i].c->ip;
            p[np].gen = h[i].c->gen;
            p[np].factor = h[i].next;
            of[np++] = i;
        }
        if (np == 0)
            break;
        rc = pool_run(np, &po, sizeof(*cells), probe_task, &pc, cells, stop,
                      dg);
        if (rc != RUN_OK)
            break;
        for (i = 0; i < np; i++) {
            struct select_slo terms;

            terms_at(rep, p[i].factor, &terms);
            advance(&h[of[i]],
                    select_rank_verdict(&cells[i], &terms, NULL) ==
                        SELECT_MEETS,
                    cfg->headroom_steps);
        }
    }
    for (i = 0; rc == RUN_OK && i < nh; i++) {
        struct select_candidate *c = h[i].c;

        c->headroom_done = true;
        c->headroom_rps = h[i].lo * rep->offered_rps;
        c->headroom_upper_rps = h[i].hi * rep->offered_rps;
    }
    free(cells);
out:
    free(h);
    free(p);
    free(of);
    return rc;
}
