/*
 * sched.c - the mechanism of sched.h: groups' lines of jobs, threads that
 * hold a core while they run, one decision event per busy core (the
 * running job's end or its slice's end, whichever is first), preemption
 * on wake, and run and steal time. Who runs next is the policy's call.
 */
#include "models/sched.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "sim/ring.h"

static const struct sched_policy_ops *const policies[] = {
    &sched_credit_policy, &sched_fair_policy,
};
#define NPOLICIES (sizeof(policies) / sizeof(policies[0]))

const struct sched_policy_ops *sched_policy_find(const char *name,
                                                 struct diag *dg)
{
    const char *names[NPOLICIES];
    size_t i;

    for (i = 0; i < NPOLICIES; i++) {
        if (!strcmp(policies[i]->name, name))
            return policies[i];
        names[i] = policies[i]->name;
    }
    if (dg)
        diag_unknown(dg, "scheduler", name, names, NPOLICIES, NULL);
    return NULL;
}

void sched_params_from(struct sched_params *out, const struct param_set *p,
                       unsigned ncores)
{
    double scale = 1 + floor(log2(ncores < 8 ? (ncores ? ncores : 1) : 8));
    double ms = (double)SIM_PS_PER_MS;

    out->tslice_ps = (sim_time)(param(p, P_HOST_CREDIT_TSLICE_MS) * ms);
    out->ticks_per_tslice = (unsigned)param(p, P_HOST_CREDIT_TICKS);
    out->credits_per_ms = 10;   /* CSCHED_CREDITS_PER_MSEC: Xen's unit */
    out->latency_ps = (sim_time)(param(p, P_HOST_FAIR_LATENCY_MS) * scale * ms);
    out->min_granularity_ps =
        (sim_time)(param(p, P_HOST_FAIR_MIN_GRANULARITY_MS) * scale * ms);
    out->wakeup_granularity_ps =
        (sim_time)(param(p, P_HOST_FAIR_WAKEUP_GRANULARITY_MS) * scale * ms);
}

void sched_params_defaults(struct sched_params *out, unsigned ncores)
{
    struct param_set p;

    param_set_defaults(&p);
    sched_params_from(out, &p, ncores);
}

/* ---- accounting ---- */

/* Time since `since`, counted from the start of the accounting period. */
static sim_time elapsed(const struct sched *s, sim_time since)
{
    sim_time from = since > s->stats_since ? since : s->stats_since;

    return s->sim->now > from ? s->sim->now - from : 0;
}

static void busy_change(struct sched *s, int delta)
{
    s->busy_ps += (sim_time)s->busy_cores * elapsed(s, s->last_change);
    s->last_change = s->sim->now;
    s->busy_cores = (unsigned)((int)s->busy_cores + delta);
}

/* Leaves the current state: a runnable or parked thread's wait is steal. */
static void set_state(struct sched *s, struct sched_thread *t,
                      enum sched_state to)
{
    if (t->state == SCHED_RUNNABLE || t->state == SCHED_PARKED)
        t->steal_ps += elapsed(s, t->since);
    t->state = to;
    t->since = s->sim->now;
}

/* ---- the run queue: best first, FIFO among equals ---- */

static void rq_insert(struct sched *s, struct sched_thread *t)
{
    struct sched_thread *x = s->rq.next;

    while (x != &s->rq && !s->ops->before(s, t, x))
        x = x->next;
    t->next = x;
    t->prev = x->prev;
    x->prev->next = t;
    x->prev = t;
}

static void rq_remove(struct sched_thread *t)
{
    t->prev->next = t->next;
    t->next->prev = t->prev;
    t->prev = t->next = NULL;
}

void sched_resort(struct sched *s)
{
    struct sched_thread *x = s->rq.next, *next;

    s->rq.next = s->rq.prev = &s->rq;
    for (; x != &s->rq; x = next) {
        next = x->next;
        rq_insert(s, x);
    }
}

/* ---- cores ---- */

static void core_event(struct sim *sim, void *ctx, uint64_t arg);

/* Sets core c's next decision: its job's end or its slice's end. */
static void core_arm(struct sched *s, unsigned c)
{
    struct sched_core *core = &s->cores[c];
    struct sched_thread *t = core->cur;
    sim_time end = sim_time_add(t->on_core_since, t->left_ps);

    if (t->slice_end < end)
        end = t->slice_end;
    if (core->ev_set)
        sim_cancel(s->sim, core->ev);
    core->ev = sim_at(s->sim, end, core_event, s, c);
    core->ev_set = true;
}

static void run_on(struct sched *s, unsigned c, struct sched_thread *t)
{
    set_state(s, t, SCHED_RUNNING);
    t->core = c;
    t->on_core_since = s->sim->now;
    t->slice_end = sim_time_add(s->sim->now, s->ops->slice(s, t));
    if (!s->cores[c].cur)
        busy_change(s, +1);
    s->cores[c].cur = t;
    core_arm(s, c);
}

/* Charges t for its time on its core up to now. */
static void charge(struct sched *s, struct sched_thread *t)
{
    sim_time ran = s->sim->now - t->on_core_since;

    if (ran > t->left_ps)
        ran = t->left_ps;
    t->left_ps -= ran;
    t->run_ps += elapsed(s, t->on_core_since);
    t->on_core_since = s->sim->now;
    s->ops->charge(s, t, ran);
}

void sched_account(struct sched *s, struct sched_thread *t)
{
    if (t->state == SCHED_RUNNING)
        charge(s, t);
}

/* Core c gives up its thread (no decision pending any more). */
static void core_free(struct sched *s, unsigned c)
{
    if (s->cores[c].ev_set) {
        sim_cancel(s->sim, s->cores[c].ev);
        s->cores[c].ev_set = false;
    }
    s->cores[c].cur = NULL;
    busy_change(s, -1);
}

/* Idle core c takes the best runnable thread, if there is one. */
static void dispatch(struct sched *s, unsigned c)
{
    struct sched_thread *t = s->rq.next;

    if (t == &s->rq)
        return;
    rq_remove(t);
    run_on(s, c, t);
}

/* The next job of t's group, if any, into t. */
static bool take_job(struct sched *s, struct sched_thread *t)
{
    struct sched_group *g = &s->g[t->group];

    if (!g->len)
        return false;
    t->job = g->wait[g->head];
    g->head = (g->head + 1) & (g->cap - 1);
    g->len--;
    t->left_ps = t->job.service_ps;
    t->started = s->sim->now;
    return true;
}

static void core_event(struct sim *sim, void *ctx, uint64_t arg)
{
    struct sched *s = ctx;
    unsigned c = (unsigned)arg;
    struct sched_thread *t = s->cores[c].cur;
    struct cqueue_job done;
    sim_time wait;

    (void)sim;
    s->cores[c].ev_set = false;
    charge(s, t);
    if (t->left_ps > 0) {
        /* The slice ended: round robin among the best, else go on. */
        struct sched_thread *head = s->rq.next;

        if (head != &s->rq && !s->ops->before(s, t, head)) {
            set_state(s, t, SCHED_RUNNABLE);
            rq_insert(s, t);
            core_free(s, c);
            dispatch(s, c);
            return;
        }
        t->slice_end = sim_time_add(s->sim->now, s->ops->slice(s, t));
        core_arm(s, c);
        return;
    }
    /* The job is done: the thread takes the next one, then the callback. */
    done = t->job;
    wait = t->started - done.arrival;
    if (take_job(s, t)) {
        core_arm(s, c);
    } else {
        set_state(s, t, SCHED_IDLE);
        core_free(s, c);
        dispatch(s, c);
    }
    if (done.done)
        done.done(s->sim, done.ctx, done.arg, wait, done.service_ps);
}

/* ---- waking, preempting, parking ---- */

/* The running thread that runs after every other running one, if any. */
static int worst_core(const struct sched *s)
{
    int w = -1;
    unsigned c;

    for (c = 0; c < s->ncores; c++) {
        const struct sched_thread *r = s->cores[c].cur;

        if (!r)
            return (int)c;
        if (w < 0 || s->ops->before(s, s->cores[w].cur, r))
            w = (int)c;
    }
    return w;
}

/* t (runnable, not queued) gets an idle core, another's core, or queues. */
static void place(struct sched *s, struct sched_thread *t)
{
    int c = worst_core(s);
    unsigned k;

    if (c >= 0 && !s->cores[c].cur) {
        run_on(s, (unsigned)c, t);
        return;
    }
    /* Compare with the running threads as they are now (update_curr). */
    for (k = 0; k < s->ncores; k++)
        charge(s, s->cores[k].cur);
    c = worst_core(s);
    if (c >= 0 && s->ops->preempts(s, t, s->cores[c].cur)) {
        struct sched_thread *r = s->cores[c].cur;

        set_state(s, r, SCHED_RUNNABLE);
        rq_insert(s, r);
        core_free(s, (unsigned)c);
        run_on(s, (unsigned)c, t);
        return;
    }
    rq_insert(s, t);
}

void sched_deschedule(struct sched *s, struct sched_thread *t,
                      enum sched_state to)
{
    if (t->state == SCHED_RUNNING) {
        unsigned c = t->core;

        charge(s, t);
        set_state(s, t, to);
        if (to == SCHED_RUNNABLE)
            rq_insert(s, t);
        core_free(s, c);
        dispatch(s, c);
        return;
    }
    if (t->state == SCHED_RUNNABLE && to == SCHED_PARKED) {
        rq_remove(t);
        set_state(s, t, to);
    }
}

void sched_make_runnable(struct sched *s, struct sched_thread *t)
{
    if (t->state != SCHED_PARKED)
        return;
    set_state(s, t, SCHED_RUNNABLE);
    place(s, t);
}

void sched_submit(struct sched *s, unsigned gi, sim_time service_ps,
                  sched_done_fn *done, void *ctx, uint64_t arg)
{
    struct sched_group *g = &s->g[gi];
    struct cqueue_job job = {.arrival = s->sim->now, .service_ps = service_ps,
                            .done = done, .ctx = ctx, .arg = arg};
    unsigned i;

    for (i = g->first; i < g->first + g->count; i++) {
        struct sched_thread *t = &s->t[i];

        if (t->state != SCHED_IDLE)
            continue;
        t->job = job;
        t->left_ps = service_ps;
        t->started = s->sim->now;
        if (s->ops->wake(s, t)) {
            set_state(s, t, SCHED_RUNNABLE);
            place(s, t);
        } else {
            set_state(s, t, SCHED_PARKED);
        }
        return;
    }
    if (g->len == g->cap)
        g->wait = ring_grow(g->wait, sizeof(*g->wait), g->len, &g->head,
                            &g->cap);
    g->wait[(g->head + g->len) & (g->cap - 1)] = job;
    g->len++;
}

/* ---- set-up and accounting ---- */

void sched_init(struct sched *s, struct sim *sim, unsigned ncores,
                const struct sched_policy_ops *ops,
                const struct sched_params *p)
{
    memset(s, 0, sizeof(*s));
    s->sim = sim;
    s->ops = ops;
    if (p)
        s->p = *p;
    else
        sched_params_defaults(&s->p, ncores);
    s->ncores = ncores;
    s->cores = xcalloc(ncores, sizeof(*s->cores));
    s->rq.next = s->rq.prev = &s->rq;
    s->pol = ops->state_size ? xcalloc(1, ops->state_size) : NULL;
    s->stats_since = s->last_change = sim->now;
}

unsigned sched_add_group(struct sched *s, unsigned count, double weight,
                         double cap)
{
    struct sched_group *g;
    unsigned i;

    s->g = xreallocarray(s->g, s->ngroups + 1, sizeof(*s->g));
    g = &s->g[s->ngroups];
    memset(g, 0, sizeof(*g));
    g->first = s->nthreads;
    g->count = count;
    g->cap_cores = cap;
    s->t = xreallocarray(s->t, s->nthreads + count, sizeof(*s->t));
    for (i = 0; i < count; i++) {
        struct sched_thread *t = &s->t[s->nthreads + i];

        memset(t, 0, sizeof(*t));
        t->group = s->ngroups;
        t->weight = weight;
        t->state = SCHED_IDLE;
        t->since = s->sim->now;
    }
    s->nthreads += count;
    return s->ngroups++;
}

void sched_start(struct sched *s)
{
    if (s->ops->start)
        s->ops->start(s);
}

void sched_release(struct sched *s)
{
    unsigned i;

    for (i = 0; i < s->ngroups; i++)
        free(s->g[i].wait);
    free(s->g);
    free(s->t);
    free(s->cores);
    free(s->pol);
    memset(s, 0, sizeof(*s));
}

sim_time sched_run_ps(const struct sched *s, unsigned i)
{
    const struct sched_thread *t = &s->t[i];

    if (t->state == SCHED_RUNNING)
        return t->run_ps + elapsed(s, t->on_core_since);
    return t->run_ps;
}

sim_time sched_steal_ps(const struct sched *s, unsigned i)
{
    const struct sched_thread *t = &s->t[i];

    if (t->state == SCHED_RUNNABLE || t->state == SCHED_PARKED)
        return t->steal_ps + elapsed(s, t->since);
    return t->steal_ps;
}

double sched_utilization(const struct sched *s)
{
    sim_time span = s->sim->now - s->stats_since;
    sim_time busy = s->busy_ps +
                    (sim_time)s->busy_cores * elapsed(s, s->last_change);

    return span ? (double)busy / ((double)span * s->ncores) : 0;
}

void sched_reset_stats(struct sched *s)
{
    unsigned i;

    s->busy_ps = 0;
    s->last_change = s->stats_since = s->sim->now;
    for (i = 0; i < s->nthreads; i++)
        s->t[i].run_ps = s->t[i].steal_ps = 0;
}
