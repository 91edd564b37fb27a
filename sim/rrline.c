/*
 * rrline.c - the weighted round-robin line: per-tenant FIFOs of bursts,
 * the backlogged tenants' head bursts served together in their weighted
 * shares, the state advanced in closed form between burst ends.
 *
 * Times inside are doubles in picoseconds (exact to well below 1 ps over
 * hours of simulated time); events are scheduled at whole picoseconds,
 * rounded up, and a burst whose end lies within half a picosecond of now
 * counts as across.
 */
#include "sim/rrline.h"

#include <assert.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

struct rrline_burst {
    struct rrline *l;
    unsigned tenant;
    double left;                /* frames still to cross */
    double frame_ps;
    double end_ps;              /* projected end (final once across) */
    double alone_end_ps;        /* its end had its tenant been alone */
    sim_time not_before;
    sim_time ev_time;
    event_id ev;
    bool across;
    rrline_done_fn *done;
    void *ctx;
    struct rrline_burst *next;  /* in its tenant's FIFO, or free */
};

#define ACROSS_SLACK_PS 0.5

void rrline_init(struct rrline *l, struct sim *s, unsigned tenants)
{
    unsigned i;

    assert(tenants >= 1);
    memset(l, 0, sizeof(*l));
    l->sim = s;
    l->ntenants = tenants;
    l->t = xcalloc(tenants, sizeof(*l->t));
    l->active = xcalloc(tenants, sizeof(*l->active));
    l->scr_left = xcalloc(tenants, sizeof(*l->scr_left));
    l->scr_cur = xcalloc(tenants, sizeof(*l->scr_cur));
    l->scr_act = xcalloc(tenants, sizeof(*l->scr_act));
    for (i = 0; i < tenants; i++)
        l->t[i].weight = 1;
    l->now_ps = (double)s->now;
    l->stats_since = s->now;
}

void rrline_release(struct rrline *l)
{
    size_t k;

    for (k = 0; k < l->nall; k++)
        free(l->all[k]);
    free(l->all);
    free(l->t);
    free(l->active);
    free(l->scr_left);
    free(l->scr_cur);
    free(l->scr_act);
    memset(l, 0, sizeof(*l));
}

void rrline_set_weight(struct rrline *l, unsigned tenant, double weight)
{
    assert(tenant < l->ntenants && weight > 0);
    l->t[tenant].weight = weight;
}

static struct rrline_burst *burst_get(struct rrline *l)
{
    struct rrline_burst *b = l->free_list;

    if (b) {
        l->free_list = b->next;
        return b;
    }
    b = xcalloc(1, sizeof(*b));
    if (l->nall == l->allcap) {
        l->allcap = l->allcap ? 2 * l->allcap : 16;
        l->all = xreallocarray(l->all, l->allcap, sizeof(*l->all));
    }
    l->all[l->nall++] = b;
    return b;
}

static void burst_put(struct rrline *l, struct rrline_burst *b)
{
    b->next = l->free_list;
    l->free_list = b;
}

/* D = sum of w_j t_j over the backlogged tenants' head bursts. */
static void update_round(struct rrline *l)
{
    double d = 0;
    unsigned k;

    if (l->nactive == 1) {
        const struct rrline_tenant *t = &l->t[l->active[0]];

        l->round_ps = t->weight * t->head->frame_ps;
        return;
    }
    for (k = 0; k < l->nactive; k++) {
        const struct rrline_tenant *t = &l->t[l->active[k]];

        d += t->weight * t->head->frame_ps;
    }
    l->round_ps = d;
}

/* Serves every backlogged head for dt picoseconds. */
static void serve(struct rrline *l, double dt)
{
    unsigned k;

    if (dt <= 0)
        return;
    for (k = 0; k < l->nactive; k++) {
        struct rrline_tenant *t = &l->t[l->active[k]];
        double f = dt * t->weight / l->round_ps;

        t->head->left -= f;
        t->frames_done += f;
    }
    l->busy_ps += dt;
}

/* The head burst of active[k] is across at now_ps. */
static void pop_head(struct rrline *l, unsigned k)
{
    struct rrline_tenant *t = &l->t[l->active[k]];
    struct rrline_burst *b = t->head;

    t->frames_done += b->left;
    b->left = 0;
    b->across = true;
    b->end_ps = l->now_ps;
    t->head = b->next;
    if (!t->head) {
        t->tail = NULL;
        l->active[k] = l->active[--l->nactive];
    }
    update_round(l);
}

/*
 * One tenant alone: its head's projected end is exact (nothing shares the
 * line), so bursts are taken across by their ends, without the shares.
 */
static void advance_alone(struct rrline *l, double to)
{
    while (l->nactive == 1) {
        struct rrline_tenant *t = &l->t[l->active[0]];
        struct rrline_burst *b = t->head;

        if (b->end_ps > to + ACROSS_SLACK_PS) {
            double dt = to - l->now_ps;

            if (dt > 0) {
                b->left -= dt / b->frame_ps;
                t->frames_done += dt / b->frame_ps;
                l->busy_ps += dt;
                l->now_ps = to;
            }
            return;
        }
        if (b->end_ps > l->now_ps) {
            l->busy_ps += b->end_ps - l->now_ps;
            l->now_ps = b->end_ps;
        }
        pop_head(l, 0);
    }
}

/* Moves the state forward to time `to`, taking bursts across as they end. */
static void advance(struct rrline *l, double to)
{
    while (l->nactive > 0) {
        double dt = INFINITY;
        unsigned k, arg = 0;

        if (l->nactive == 1) {
            advance_alone(l, to);
            if (l->nactive > 0)
                break;
            continue;
        }

        for (k = 0; k < l->nactive; k++) {
            const struct rrline_tenant *t = &l->t[l->active[k]];
            double x = t->head->left * l->round_ps / t->weight;

            if (x < dt) {
                dt = x;
                arg = k;
            }
        }
        if (l->now_ps + dt > to + ACROSS_SLACK_PS) {
            serve(l, to - l->now_ps);
            break;
        }
        serve(l, dt);
        l->now_ps += dt;
        pop_head(l, arg);
    }
    if (to > l->now_ps)
        l->now_ps = to;
}

/* (Re)schedules b's event at the later of its end and its not_before. */
static void fire(struct sim *s, void *ctx, uint64_t arg);

static void schedule(struct rrline *l, struct rrline_burst *b)
{
    sim_time now = l->sim->now;
    sim_time at = (sim_time)b->end_ps;

    if ((double)at < b->end_ps)
        at++;                   /* rounded up */
    if (at < b->not_before)
        at = b->not_before;
    if (at < now)
        at = now;
    if (b->ev != EVQ_NONE) {
        if (b->ev_time == at)
            return;
        sim_cancel(l->sim, b->ev);
        l->moved++;
    }
    b->ev_time = at;
    b->ev = sim_at(l->sim, at, fire, b, 0);
}

/*
 * Projects every pending burst's end from the current state and the work
 * submitted (the same closed form as advance, run to the end on copies),
 * moving the events whose times change.
 */
static void project(struct rrline *l)
{
    double *left = l->scr_left, time = l->now_ps;
    struct rrline_burst **cur = l->scr_cur;
    unsigned *act = l->scr_act, nact = l->nactive, k;

    for (k = 0; k < nact; k++) {
        unsigned i = l->active[k];

        act[k] = i;
        cur[i] = l->t[i].head;
        left[i] = cur[i]->left;
    }
    while (nact > 0) {
        double d = 0, dt = INFINITY;
        unsigned arg = 0, i;

        for (k = 0; k < nact; k++) {
            i = act[k];
            d += l->t[i].weight * cur[i]->frame_ps;
        }
        for (k = 0; k < nact; k++) {
            double x;

            i = act[k];
            x = left[i] * d / l->t[i].weight;
            if (x < dt) {
                dt = x;
                arg = k;
            }
        }
        time += dt;
        for (k = 0; k < nact; k++) {
            i = act[k];
            left[i] -= dt * l->t[i].weight / d;
        }
        i = act[arg];
        cur[i]->end_ps = time;
        schedule(l, cur[i]);
        cur[i] = cur[i]->next;
        if (cur[i])
            left[i] = cur[i]->left;
        else
            act[arg] = act[--nact];
    }
}

static void fire(struct sim *s, void *ctx, uint64_t arg)
{
    struct rrline_burst *b = ctx;
    struct rrline *l = b->l;
    rrline_done_fn *done = b->done;
    void *dctx = b->ctx;
    double others;

    (void)arg;
    advance(l, (double)s->now);
    while (!b->across) {
        /*
         * Rounding only (the event is at the projected end, rounded up,
         * and the state may have been advanced in other steps since):
         * take b, and any of its tenant's bursts before it, across now.
         */
        unsigned k;

        for (k = 0; k < l->nactive && l->active[k] != b->tenant; k++)
            ;
        assert(k < l->nactive);
        pop_head(l, k);
    }
    others = b->end_ps - b->alone_end_ps;
    burst_put(l, b);
    if (done)
        done(s, dctx, others > 0 ? (sim_time)llround(others) : 0);
}

void rrline_submit(struct rrline *l, unsigned tenant, double frames,
                   sim_time service_ps, sim_time not_before,
                   rrline_done_fn *done, void *ctx)
{
    struct rrline_tenant *t = &l->t[tenant];
    double now = (double)l->sim->now, service = (double)service_ps;
    struct rrline_burst *b, *prev;

    assert(tenant < l->ntenants && frames > 0 && service_ps > 0);
    advance(l, now);
    b = burst_get(l);
    b->l = l;
    b->tenant = tenant;
    b->left = frames;
    b->frame_ps = service / frames;
    b->not_before = not_before;
    b->ev = EVQ_NONE;
    b->across = false;
    b->done = done;
    b->ctx = ctx;
    b->next = NULL;
    t->alone_free_ps = (t->alone_free_ps > now ? t->alone_free_ps : now) + service;
    b->alone_end_ps = t->alone_free_ps;
    prev = t->tail;
    if (prev)
        prev->next = b;
    else {
        t->head = b;
        l->active[l->nactive++] = tenant;
    }
    t->tail = b;
    update_round(l);
    l->jobs++;
    if (l->nactive == 1) {
        /* Alone: a FCFS serial line; nothing else moves. */
        b->end_ps = (prev ? prev->end_ps : now) + service;
        schedule(l, b);
    } else {
        project(l);
    }
}

double rrline_utilization(struct rrline *l)
{
    sim_time span = l->sim->now - l->stats_since;

    advance(l, (double)l->sim->now);
    if (span == 0)
        return 0;
    return l->busy_ps / (double)span;
}

double rrline_frames_done(struct rrline *l, unsigned tenant)
{
    advance(l, (double)l->sim->now);
    return l->t[tenant].frames_done;
}

void rrline_reset_stats(struct rrline *l)
{
    unsigned i;

    advance(l, (double)l->sim->now);
    l->busy_ps = 0;
    l->stats_since = l->sim->now;
    l->jobs = 0;
    l->moved = 0;
    for (i = 0; i < l->ntenants; i++)
        l->t[i].frames_done = 0;
}
