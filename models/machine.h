/*
 * machine.h - the modeled host and its guests as resources with queues,
 * executing the demands that cost models plan. Guest vCPUs share one run
 * queue per guest; the backend threads (dom0, vhost), the physical NIC, the
 * offload card and the EBS path are shared by every guest on the host;
 * each guest has its own device-model thread, local NVMe and EC2
 * allowances (network in/out, PPS, EBS bandwidth and IOPS), and burstable
 * instances their CPU credits. Queueing at these resources is what makes
 * latency tails and throughput caps; nothing here writes them down.
 *
 * The NIC's wire and the offload card are hardware: they serve the
 * guests' virtual functions in weighted round robin per frame
 * (sim/rrline.h); the software backends serve in NAPI-sized turns.
 *
 * Guest 0 is the one measured; guests 1.. are noisy neighbors. A machine
 * borrows its engine; it owns everything else (free with machine_release).
 */
#ifndef VIRTSIM_MACHINE_H
#define VIRTSIM_MACHINE_H

#include <stdint.h>

#include "models/allowance.h"
#include "models/credits.h"
#include "models/demand.h"
#include "models/generation.h"
#include "models/instance.h"
#include "models/napi.h"
#include "models/params.h"
#include "models/plan.h"
#include "models/sched.h"
#include "sim/cqueue.h"
#include "sim/delayline.h"
#include "base/diag.h"
#include "base/op.h"
#include "sim/rrline.h"
#include "sim/sim.h"

struct machine_exec;

/*
 * The host's physical cores when tenants share them (machine_set_host).
 * Without one, every vCPU and backend thread has a core of its own.
 */
struct host_spec {
    unsigned cores;                         /* >= 1 */
    const struct sched_policy_ops *policy;  /* who runs: credit, fair */
    bool backend_shared;    /* dom0 / vhost threads run on the same cores */
};

/* Called when an op has gone through all its demands (at s->now). */
typedef void machine_done_fn(struct sim *s, void *ctx);

/* What one guest did, since the start or the last machine_reset_stats. */
struct guest_stats {
    double cpu_ps[CAT_COUNT];   /* CPU work by category (offload: card time) */
    double vcpu_work_ps;        /* work done on the vCPUs (throttling excluded) */
    uint64_t net_rx_bytes, net_tx_bytes;    /* payload */
    double net_packets;         /* wire frames, both directions */
    uint64_t disk_ios, disk_bytes;
    uint64_t ops_done;
    uint64_t net_ops;           /* ops across the NIC's wire */
    double hw_wait_ps;          /* their time behind other guests' frames
                                   on the wire and the offload card */
};

struct machine_guest {
    struct cqueue vcpus;        /* one run queue, vcpus servers */
    struct cqueue emulator;     /* the device-model thread */
    struct cqueue nvme;         /* local instance store */
    struct allowance net_in, net_out, pps, ebs_bytes, ebs_iops;
    struct delay_line rx_wait, tx_wait, ebs_wait;   /* ops waiting for tokens */
    struct credits credits;
    struct napi napi;           /* its network queues' interrupts */
    unsigned card_next;         /* engine offset of its next card op */
    struct guest_stats st;
    unsigned vgroup;            /* its vCPUs' group on a shared host */
};

struct machine {
    struct sim *sim;                    /* borrowed */
    struct instance_profile ip;         /* every guest is of this type */
    struct planner planner;
    double hz;                          /* CPU clock, cycles per second */
    sim_time tick_ps;                   /* timer tick period; 0: no ticks */
    struct cqueue backend, ebs;
    struct rrline *card;                /* the offload card's engines */
    unsigned ncard;
    struct rrline nic_rx, nic_tx;       /* the host NIC's wire, each way */
    unsigned nguests;
    struct machine_guest *g;
    struct machine_exec *free_list;     /* recycled op executions */
    struct machine_exec **all;          /* every execution allocated */
    size_t nall, allcap;
    sim_time stats_since;
    struct sched *host;                 /* owned; NULL: a core per thread */
    bool backend_shared;
    unsigned backend_group;
};

/*
 * Builds a host of `guests` (>= 1) guests of instance ip under generation
 * gen with parameters p (copied). Returns 0, or -1 with diags when the
 * parameters or the instance do not allow it (e.g. local disk requested on
 * an instance without one).
 */
int machine_init(struct machine *m, struct sim *s,
                 const struct instance_profile *ip, const struct generation *gen,
                 const struct param_set *p, unsigned guests, struct diag *dg);

/*
 * Puts every guest's vCPUs (and, with backend_shared, the backend
 * threads) on h->cores physical cores under h->policy: a vCPU makes
 * progress only while it holds a core, and the time it waits for one is
 * steal. Right after machine_init, before anything runs.
 */
void machine_set_host(struct machine *m, const struct host_spec *h);

/* Guest g's vCPUs: busy fraction of their capacity, and the fraction of
 * it they spent runnable without a core (0 without a shared host). */
double machine_vcpu_utilization(const struct machine *m, unsigned g);
double machine_vcpu_steal(const struct machine *m, unsigned g);

/* Busy fraction of the backend threads. */
double machine_backend_utilization(const struct machine *m);

/* Frees everything; pending executions are forgotten. */
void machine_release(struct machine *m);

/*
 * Runs op on guest `guest`: plans it and moves it through its demands in
 * order, then calls done(ctx) (done may be NULL).
 */
void machine_run_op(struct machine *m, unsigned guest, const struct op *op,
                    machine_done_fn *done, void *ctx);

/*
 * Starts the guests' timer ticks (guest.hz on each busy vCPU). Ticks run
 * forever: bound the run with sim_run's time limit.
 */
void machine_start_ticks(struct machine *m);

/* Starts a new accounting period now (end of warm-up). */
void machine_reset_stats(struct machine *m);

/* Seconds since the accounting period started. */
double machine_stats_seconds(const struct machine *m);

/*
 * Busy fractions of the shared hardware since the period started: the
 * wire each way (rx nonzero: receive) and the offload card (the mean
 * over its engines).
 */
double machine_nic_utilization(struct machine *m, int rx);
double machine_card_utilization(struct machine *m);

#endif
