/*
 * sched_credit.c - Xen's credit scheduler (credit1) as a sched policy,
 * after xen/common/sched_credit.c (xen-project/xen@0053127890eb):
 * - every 10 ms tick (CSCHED_TICKS_PER_TSLICE 3 per 30 ms slice) the
 *   running vCPU burns CSCHED_CREDITS_PER_MSEC 10 credits per ms run,
 *   loses a wake-up BOOST, and joins the accounting list;
 * - every 30 ms (CSCHED_DEFAULT_TSLICE_MS) csched_acct shares
 *   10 x 30 credits per core among the active vCPUs' domains in proportion
 *   to weight x active vCPUs (CSCHED_DEFAULT_WEIGHT 256), up to what a
 *   domain can burn (all its active vCPUs for a slice) or its cap; a vCPU
 *   with credits < 0 is OVER, else UNDER; a capped domain's vCPU below
 *   -its cap share is parked until its credits turn positive; credits are
 *   bounded below by -300, and a vCPU above +300 leaves the list with
 *   half its credits;
 * - a vCPU waking while UNDER is BOOSTed and preempts a running vCPU of
 *   lower priority (csched_vcpu_wake, __runq_tickle);
 * - the run queue is ordered BOOST, UNDER, OVER, FIFO within each
 *   (__runq_insert); a vCPU runs for a 30 ms slice.
 * Modeled as one run queue over all cores (Xen keeps one per core and
 * idle cores steal work); no ratelimit, no soft affinity.
 */
#include "models/sched.h"

#include <math.h>

#define PRI_BOOST 0
#define PRI_UNDER (-1)
#define PRI_OVER  (-2)

static double credits_per_tslice(const struct sched *s)
{
    return s->p.credits_per_ms * (double)s->p.tslice_ps / SIM_PS_PER_MS;
}

static bool credit_wake(struct sched *s, struct sched_thread *t)
{
    (void)s;
    if (t->capped_out)
        return false;
    if (t->pri == PRI_UNDER)
        t->pri = PRI_BOOST;
    return true;
}

static void credit_charge(struct sched *s, struct sched_thread *t,
                          sim_time ran_ps)
{
    t->credit -= s->p.credits_per_ms * (double)ran_ps / SIM_PS_PER_MS;
}

static bool credit_before(const struct sched *s, const struct sched_thread *a,
                          const struct sched_thread *b)
{
    (void)s;
    return a->pri > b->pri;
}

static sim_time credit_slice(const struct sched *s,
                             const struct sched_thread *t)
{
    (void)t;
    return s->p.tslice_ps;
}

static bool credit_preempts(const struct sched *s,
                            const struct sched_thread *w,
                            const struct sched_thread *r)
{
    (void)s;
    return w->pri > r->pri;
}

static void tick(struct sim *sim, void *ctx, uint64_t arg);
static void acct(struct sim *sim, void *ctx, uint64_t arg);

static sim_time tick_ps(const struct sched *s)
{
    return s->p.tslice_ps / (s->p.ticks_per_tslice ? s->p.ticks_per_tslice : 1);
}

static void credit_start(struct sched *s)
{
    unsigned i;

    for (i = 0; i < s->nthreads; i++)
        s->t[i].pri = PRI_UNDER;
    sim_after(s->sim, tick_ps(s), tick, s, 0);
    sim_after(s->sim, s->p.tslice_ps, acct, s, 0);
}

/* csched_tick -> csched_vcpu_acct, for every core's running vCPU. */
static void tick(struct sim *sim, void *ctx, uint64_t arg)
{
    struct sched *s = ctx;
    unsigned c;

    (void)arg;
    for (c = 0; c < s->ncores; c++) {
        struct sched_thread *t = s->cores[c].cur;

        if (!t)
            continue;
        if (t->pri == PRI_BOOST)
            t->pri = PRI_UNDER;
        sched_account(s, t);
        t->active = true;
    }
    sim_after(sim, tick_ps(s), tick, s, 0);
}

/* Parks t (its domain spent past its cap) or lets it run again. */
static void set_capped(struct sched *s, struct sched_thread *t, bool out)
{
    if (t->capped_out == out)
        return;
    t->capped_out = out;
    if (out)
        sched_deschedule(s, t, SCHED_PARKED);
    else
        sched_make_runnable(s, t);
}

/* csched_acct: credits shared by weight, caps, priorities, parking. */
static void acct(struct sim *sim, void *ctx, uint64_t arg)
{
    struct sched *s = ctx;
    double per_slice = credits_per_tslice(s);
    double total = per_slice * s->ncores, weight_total = 0, weight_left;
    double balance = 0;
    double *prev_balance = s->pol;
    unsigned g, i;

    (void)arg;
    for (g = 0; g < s->ngroups; g++)
        for (i = s->g[g].first; i < s->g[g].first + s->g[g].count; i++)
            if (s->t[i].active)
                weight_total += s->t[i].weight;
    if (*prev_balance < 0)
        total -= *prev_balance;
    weight_left = weight_total;
    for (g = 0; g < s->ngroups && weight_total > 0; g++) {
        const struct sched_group *gr = &s->g[g];
        double w = 0, peak, fair, cap_share = 0;
        unsigned nactive = 0;

        for (i = gr->first; i < gr->first + gr->count; i++)
            if (s->t[i].active) {
                nactive++;
                w += s->t[i].weight;
            }
        if (!nactive)
            continue;
        weight_left -= w;
        peak = nactive * per_slice;
        if (*prev_balance < 0)
            peak += -*prev_balance * w / weight_total;
        if (gr->cap_cores > 0) {
            double cap = gr->cap_cores * per_slice;

            if (cap < peak)
                peak = cap;
            cap_share = cap / nactive;
        }
        fair = total * w / weight_total;
        if (fair >= peak) {
            /* Give the other domains a chance at what this one cannot use. */
            if (weight_left > 0)
                total += (fair - peak) * weight_total / weight_left;
            fair = peak;
        }
        fair /= nactive;
        for (i = gr->first; i < gr->first + gr->count; i++) {
            struct sched_thread *t = &s->t[i];

            if (!t->active)
                continue;
            sched_account(s, t);
            t->credit += fair;
            if (t->credit < 0) {
                t->pri = PRI_OVER;
                if (cap_share > 0 && t->credit < -cap_share)
                    set_capped(s, t, true);
                if (t->credit < -per_slice)
                    t->credit = -per_slice;
            } else {
                t->pri = PRI_UNDER;
                set_capped(s, t, false);
                if (t->credit > per_slice) {
                    t->active = false;
                    t->credit /= 2;
                }
            }
            balance += t->credit;
        }
    }
    *prev_balance = balance;
    sched_resort(s);
    sim_after(sim, s->p.tslice_ps, acct, s, 0);
}

const struct sched_policy_ops sched_credit_policy = {
    .name = "credit",
    .summary = "Xen's credit scheduler: weights, caps, 30 ms slices, boost on wake",
    .state_size = sizeof(double),       /* the system-wide credit balance */
    .start = credit_start,
    .wake = credit_wake,
    .charge = credit_charge,
    .before = credit_before,
    .slice = credit_slice,
    .preempts = credit_preempts,
};
