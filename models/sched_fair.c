/*
 * sched_fair.c - a CFS-style fair share (Linux's scheduler for KVM vCPU
 * threads, kernel/sched/fair.c before EEVDF) as a sched policy: each
 * thread's virtual runtime grows by its core time x 1024 / weight; the
 * thread with the least runs; a slice is the period (sched_latency, or
 * nr_running x min_granularity when more run) shared by weight; a waking
 * thread's vruntime is lifted to min_vruntime - latency / 2
 * (GENTLE_FAIR_SLEEPERS) and it preempts a running thread ahead of it by
 * more than wakeup_granularity. One run queue over all cores.
 */
#include "models/sched.h"

#define NICE_0_WEIGHT 1024.0

/* The least vruntime of the running and runnable threads, never falling. */
static void update_min(struct sched *s)
{
    double m = -1;
    unsigned c;

    for (c = 0; c < s->ncores; c++)
        if (s->cores[c].cur && (m < 0 || s->cores[c].cur->vruntime < m))
            m = s->cores[c].cur->vruntime;
    if (s->rq.next != &s->rq && (m < 0 || s->rq.next->vruntime < m))
        m = s->rq.next->vruntime;
    if (m > s->min_vruntime)
        s->min_vruntime = m;
}

static bool fair_wake(struct sched *s, struct sched_thread *t)
{
    double floor_vr = s->min_vruntime - (double)s->p.latency_ps / 2;

    if (t->vruntime < floor_vr)
        t->vruntime = floor_vr;
    return true;
}

static void fair_charge(struct sched *s, struct sched_thread *t,
                        sim_time ran_ps)
{
    t->vruntime += (double)ran_ps * NICE_0_WEIGHT / t->weight;
    update_min(s);
}

static bool fair_before(const struct sched *s, const struct sched_thread *a,
                        const struct sched_thread *b)
{
    (void)s;
    return a->vruntime < b->vruntime;
}

/* sched_slice: the period shared by weight among those that compete. */
static sim_time fair_slice(const struct sched *s, const struct sched_thread *t)
{
    double wsum = t->weight, period, slice;
    unsigned n = 1, c;
    const struct sched_thread *x;

    for (c = 0; c < s->ncores; c++)
        if (s->cores[c].cur && s->cores[c].cur != t) {
            wsum += s->cores[c].cur->weight;
            n++;
        }
    for (x = s->rq.next; x != &s->rq; x = x->next) {
        wsum += x->weight;
        n++;
    }
    if (n <= s->ncores)
        return s->p.latency_ps;
    period = (double)s->p.latency_ps;
    if ((double)n / s->ncores * (double)s->p.min_granularity_ps > period)
        period = (double)n / s->ncores * (double)s->p.min_granularity_ps;
    slice = period * t->weight * s->ncores / wsum;
    if (slice < (double)s->p.min_granularity_ps)
        slice = (double)s->p.min_granularity_ps;
    return (sim_time)slice;
}

static bool fair_preempts(const struct sched *s, const struct sched_thread *w,
                          const struct sched_thread *r)
{
    double gran = (double)s->p.wakeup_granularity_ps * NICE_0_WEIGHT / w->weight;

    return r->vruntime - w->vruntime > gran;
}

const struct sched_policy_ops sched_fair_policy = {
    .name = "fair",
    .summary = "a CFS-style fair share (KVM vCPU threads under Linux)",
    .wake = fair_wake,
    .charge = fair_charge,
    .before = fair_before,
    .slice = fair_slice,
    .preempts = fair_preempts,
};
