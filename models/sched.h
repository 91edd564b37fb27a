/*
 * sched.h - physical cores under a hypervisor's CPU scheduler: threads
 * (guest vCPUs, backend threads) that need a core to make progress, time
 * slices, preemption, and the time each thread is runnable but not
 * running (steal). The rules that choose who runs are a pluggable policy
 * (an ops struct, one file each: sched_credit.c for Xen's credit
 * scheduler, sched_fair.c for a CFS-style fair share); the mechanism here
 * is policy-free.
 *
 * Work arrives as jobs on a group of threads (a guest's vCPUs): the group
 * keeps one FIFO line, as a c-server queue does, and an idle thread of
 * the group takes the next job. A thread with a job is runnable; it makes
 * progress only while it holds a core, so a job's completion time depends
 * on everyone else on the host. With at least as many cores as threads
 * every thread always has a core and the group behaves as a cqueue.
 *
 * The cores are one pool: any idle core takes the best runnable thread
 * (real hypervisors keep per-core run queues and balance them; a pool is
 * the limit of perfect balancing). A sched borrows its engine; it owns
 * its threads, groups and the policy's state (free with sched_release).
 */
#ifndef VIRTSIM_SCHED_H
#define VIRTSIM_SCHED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "models/params.h"
#include "sim/cqueue.h"
#include "sim/sim.h"
#include "sim/time.h"

struct sched;
struct sched_thread;

/*
 * A job and its completion callback are a cqueue's (sim/cqueue.h): wait_ps
 * is the job's time in its group's line, service_ps the core time it
 * needed, and it completed at s->now.
 */
typedef cqueue_done_fn sched_done_fn;

enum sched_state {
    SCHED_IDLE,                 /* no job: blocked */
    SCHED_RUNNABLE,             /* a job, waiting for a core */
    SCHED_RUNNING,              /* on a core */
    SCHED_PARKED                /* a job, but held back by its cap */
};

struct sched_thread {
    unsigned group;
    double weight;              /* relative share (Xen: 256 by default) */
    enum sched_state state;
    sim_time since;             /* when the state last changed */
    /* The job in service (valid unless SCHED_IDLE). */
    struct cqueue_job job;
    sim_time left_ps;           /* core time the job still needs */
    sim_time started;           /* when the job left the group's line */
    /* While running: its core, and when it got it. */
    unsigned core;
    sim_time on_core_since;
    sim_time slice_end;
    /* Accounting since sched_reset_stats. */
    sim_time run_ps, steal_ps;
    /* The run queue (runnable threads), best first. */
    struct sched_thread *prev, *next;
    /* Policy state. */
    int pri;                    /* credit: boost / under / over */
    double credit;              /* credit: credits held */
    bool active;                /* credit: on the accounting list */
    bool capped_out;            /* credit: parked until credits return */
    double vruntime;            /* fair: weighted run time, ps */
};

struct sched_group {
    unsigned first, count;      /* its threads: first .. first + count - 1 */
    double cap_cores;           /* the group's cap; 0: none */
    struct cqueue_job *wait;    /* ring of waiting jobs (sim/ring.h) */
    size_t head, len, cap;
};

struct sched_core {
    struct sched_thread *cur;   /* NULL: idle */
    event_id ev;                /* the core's next decision */
    bool ev_set;
};

struct sched_policy_ops {
    const char *name;           /* "credit", "fair" */
    const char *summary;
    size_t state_size;
    /* Starts the policy's own timers (credit accounting). Optional. */
    void (*start)(struct sched *s);
    /* A thread woke (got a job while idle): adjust its priority. Returns
     * false when it must stay parked (its group is over its cap). */
    bool (*wake)(struct sched *s, struct sched_thread *t);
    /* A running thread used ran_ps of core time. */
    void (*charge)(struct sched *s, struct sched_thread *t, sim_time ran_ps);
    /* True when a should run before b (a strict order; ties: FIFO). */
    bool (*before)(const struct sched *s, const struct sched_thread *a,
                   const struct sched_thread *b);
    /* How long t may run now before the scheduler looks again. */
    sim_time (*slice)(const struct sched *s, const struct sched_thread *t);
    /* True when woken w should take running r's core at once. */
    bool (*preempts)(const struct sched *s, const struct sched_thread *w,
                     const struct sched_thread *r);
};

/* Numbers of the policies (defaults: sched_params_defaults). */
struct sched_params {
    /* Xen credit (xen/common/sched_credit.c): */
    sim_time tslice_ps;         /* CSCHED_DEFAULT_TSLICE_MS 30 */
    unsigned ticks_per_tslice;  /* CSCHED_TICKS_PER_TSLICE 3: a 10 ms tick */
    double credits_per_ms;      /* CSCHED_CREDITS_PER_MSEC 10 */
    /* CFS (kernel/sched/fair.c, before EEVDF): */
    sim_time latency_ps;        /* sysctl_sched_latency 6 ms x (1+log2 n) */
    sim_time min_granularity_ps;/* 0.75 ms x (1+log2 n) */
    sim_time wakeup_granularity_ps; /* 1 ms x (1+log2 n) */
};

struct sched {
    struct sim *sim;            /* borrowed */
    const struct sched_policy_ops *ops;
    void *pol;                  /* the policy's state */
    struct sched_params p;
    unsigned ncores;
    struct sched_core *cores;
    unsigned nthreads;
    struct sched_thread *t;
    unsigned ngroups;
    struct sched_group *g;
    struct sched_thread rq;     /* run queue head (a sentinel) */
    double min_vruntime;        /* fair */
    sim_time stats_since;
    sim_time busy_ps;           /* core-picoseconds busy, up to last_change */
    sim_time last_change;
    unsigned busy_cores;
};

/* The policies, and finding one by name (NULL and a diag on a miss). */
extern const struct sched_policy_ops sched_credit_policy;
extern const struct sched_policy_ops sched_fair_policy;
const struct sched_policy_ops *sched_policy_find(const char *name,
                                                 struct diag *dg);

/*
 * The policies' numbers from parameter set p (models/params.def:
 * host.credit_*, host.fair_*), the CFS ones scaled for ncores by
 * 1 + log2(min(ncores, 8)) as CFS scales them.
 */
void sched_params_from(struct sched_params *out, const struct param_set *p,
                       unsigned ncores);

/* The same from params.def's defaults. */
void sched_params_defaults(struct sched_params *out, unsigned ncores);

/*
 * A host of ncores cores under policy ops, with no threads yet. p NULL:
 * the defaults.
 */
void sched_init(struct sched *s, struct sim *sim, unsigned ncores,
                const struct sched_policy_ops *ops,
                const struct sched_params *p);

/*
 * Adds a group of `count` threads of weight `weight` (> 0) each; the
 * group together may use at most `cap` cores (Xen's domain cap / 100;
 * 0: no cap). Returns the group's index. Only before sched_start.
 */
unsigned sched_add_group(struct sched *s, unsigned count, double weight,
                         double cap);

/* Starts the policy's timers (after the last sched_add_group). */
void sched_start(struct sched *s);

/* Frees everything; pending jobs are forgotten. */
void sched_release(struct sched *s);

/*
 * Submits a job of service_ps core time to group g: an idle thread of the
 * group takes it at once (and wakes), else it waits in the group's line.
 */
void sched_submit(struct sched *s, unsigned g, sim_time service_ps,
                  sched_done_fn *done, void *ctx, uint64_t arg);

/* Core time thread i ran, and was runnable (or parked) without a core,
 * since the stats were reset, up to now. */
sim_time sched_run_ps(const struct sched *s, unsigned i);
sim_time sched_steal_ps(const struct sched *s, unsigned i);

/* Mean utilization of the cores (0..1) since the stats were reset. */
double sched_utilization(const struct sched *s);

/* Starts a new accounting period now. */
void sched_reset_stats(struct sched *s);

/* For policies: charges running t for its core time up to now. */
void sched_account(struct sched *s, struct sched_thread *t);

/* For policies: takes t off its core now (it stays runnable or parks). */
void sched_deschedule(struct sched *s, struct sched_thread *t,
                      enum sched_state to);

/* For policies: t may run again (after a park); finds it a core. */
void sched_make_runnable(struct sched *s, struct sched_thread *t);

/* For policies: the run queue's order changed; sorts it again. */
void sched_resort(struct sched *s);

#endif
