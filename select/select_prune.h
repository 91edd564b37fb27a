/*
 * select_prune.h - capacity bounds for `virtsim select`, without
 * simulating: a workload's mean demand per request on each modeled
 * resource (its ops planned under a generation), and the highest request
 * rate each resource of an instance could carry even at its peak. A
 * candidate whose bound lies well below the rate the SLO needs is pruned.
 *
 * Plain values; nothing to free.
 */
#ifndef VIRTSIM_SELECT_PRUNE_H
#define VIRTSIM_SELECT_PRUNE_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "models/generation.h"
#include "models/instance.h"
#include "models/params.h"
#include "base/diag.h"
#include "workloads/arrival.h"

/*
 * A candidate is pruned only when the rate needed is more than this many
 * times its bound: the bound comes from mean demands (which a run's
 * requests may undershoot), so a margin keeps a candidate the simulation
 * could pass from ever being dropped.
 */
#define SELECT_PRUNE_MARGIN 1.25

/* Requests drawn to average the demand of (2% error for cv 1). */
#define SELECT_PRUNE_DRAWS 2000

/* The resources a bound is computed for. */
enum select_res {
    SR_VCPU,            /* guest vCPUs: cycles */
    SR_BACKEND,         /* host backend threads (dom0, vhost): cycles */
    SR_EMULATOR,        /* the guest's device-model thread: cycles */
    SR_CARD,            /* offload card engines: picoseconds */
    SR_NIC_RX,          /* host NIC line, inbound: wire bytes */
    SR_NIC_TX,          /* host NIC line, outbound: wire bytes */
    SR_NET_IN,          /* EC2 network allowance, inbound: wire bytes */
    SR_NET_OUT,         /* EC2 network allowance, outbound: wire bytes */
    SR_PPS,             /* EC2 PPS allowance: packets */
    SR_EBS_BYTES,       /* EBS bandwidth allowance: bytes */
    SR_EBS_IOPS,        /* EBS IOPS allowance: requests */
    SR_EBS_QUEUE,       /* EBS requests in flight: picoseconds */
    SR_NVME,            /* local NVMe: picoseconds */
    SR_COUNT
};

/* Mean amount a request puts on each resource, in its unit. */
struct select_demand {
    double per_request[SR_COUNT];
};

struct select_bound {
    double rps[SR_COUNT];       /* rate each resource allows; INFINITY when
                                 * unused or unlimited */
    enum select_res binding;    /* the resource with the smallest */
    double max_rps;             /* rps[binding]; INFINITY when none binds */
};

/* Name of a resource for people ("vCPU cycles") and as a key ("vcpu"). */
const char *select_res_name(enum select_res r);
const char *select_res_key(enum select_res r);

/*
 * The workload's mean offered rate in requests per second into *rps:
 * the open arrival process's rate, or for a trace its requests over its
 * span times its speed-up; 0 for a closed loop. Its arrival kind goes to
 * *kind, and a trace's span in seconds, replayed, to *span_s (0 for
 * other workloads). Builds (so checks) the workload; returns 0, or -1
 * with diags.
 */
int select_prune_offered(const json_t *workload, const char *base_dir,
                         double *rps, enum arrival_kind *kind, double *span_s,
                         struct diag *dg);

/*
 * The mean demand per request of the workload under generation gen with
 * parameters p: for each resource, the smaller of the plan of the mean
 * request (its ops' mean amounts; not for traces) and the mean plan of
 * SELECT_PRUNE_DRAWS requests drawn from streams of `seed` (a trace's
 * first requests). Timer ticks are left out, so demand is not overstated.
 * Returns 0, or -1 with diags.
 */
int select_prune_demand(const json_t *workload, const char *base_dir,
                        const struct generation *gen,
                        const struct param_set *p, uint64_t seed,
                        struct select_demand *out, struct diag *dg);

/*
 * The rate each resource of instance ip allows for demand d: capacity
 * (vCPUs x clock, backend threads x clock, the network allowance's burst
 * or, when `sustained`, its baseline, ...) over demand per request.
 */
void select_prune_bound(const struct instance_profile *ip,
                        const struct param_set *p,
                        const struct select_demand *d, bool sustained,
                        struct select_bound *out);

/* True when a candidate bounded by b cannot carry required_rps. */
bool select_prune_decide(const struct select_bound *b, double required_rps);

#endif
