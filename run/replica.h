/*
 * replica.h - one replication of one cell: an engine, a machine of 1 +
 * neighbors guests, the workloads driving them (open arrivals, closed
 * clients or a trace), and the measurements of guest 0 over the window
 * [warm-up, warm-up + duration). Latency runs from a request's intended
 * arrival time, so queueing before service counts (no coordinated omission).
 */
#ifndef VIRTSIM_REPLICA_H
#define VIRTSIM_REPLICA_H

#include <stddef.h>
#include <stdint.h>

#include "models/generation.h"
#include "models/instance.h"
#include "models/machine.h"
#include "models/params.h"
#include "reports/results.h"
#include "base/diag.h"
#include "sim/hist.h"
#include "base/op.h"
#include "workloads/workload.h"
#include "run/status.h"

/*
 * Called when a request is admitted, with its guest, its number in the
 * guest's sequence of requests (dropped ones count) and its ops (borrowed
 * for the call).
 */
typedef void replica_admit_fn(void *ctx, unsigned guest, uint64_t index,
                              const struct op *ops, size_t nops);

/* Neighbour groups a replication may hold, at most. */
#define REPLICA_MAX_GROUPS 8

/* What one neighbour group did in the window, over all its guests. */
struct replica_group {
    uint64_t completed, dropped;
    double throughput_rps;
    struct hist latency;                /* picoseconds */
};

/* What a replication needs to know. Everything is borrowed. */
struct replica_spec {
    const struct instance_profile *ip;
    const struct generation *gen;
    const struct param_set *params;
    /* Templates, never drawn from: each guest runs on a copy of its own. */
    const struct workload *workload;
    const struct workload *neighbor_workload;   /* NULL without neighbors */
    unsigned neighbors;
    /*
     * Neighbour groups, guests 1.. in order, each group's count guests
     * running its own workload; when ngroups > 0 they replace the two
     * fields above.
     */
    size_t ngroups;
    unsigned group_count[REPLICA_MAX_GROUPS];
    const struct workload *group_workload[REPLICA_MAX_GROUPS];
    const struct host_spec *host;       /* shared cores; NULL: dedicated */
    uint64_t seed, point, rep;          /* stream coordinates */
    double warmup_s, duration_s;
    int collect_batches;                /* record batch means for MSER-5 */
    int collect_usage;                  /* sample allowances (see below) */
    replica_admit_fn *admitted;         /* optional (tests); NULL: none */
    void *admitted_ctx;
};

/* Guest 0's EC2 allowances, in this order in replica_result. */
enum replica_allowance {
    RALLOW_NET_IN, RALLOW_NET_OUT, RALLOW_PPS, RALLOW_EBS_BYTES,
    RALLOW_EBS_IOPS, RALLOW_COUNT
};

struct replica_result {
    uint64_t completed, dropped;        /* departures, drops in the window */
    uint64_t measured;                  /* completed and also arrived in it */
    double throughput_rps;
    struct hist latency;                /* picoseconds, completed requests */
    double lat_mean_us;
    double cpu_s[RCPU_COUNT];           /* per simulated second */
    double overhead_pct;
    double util_vcpu, util_host;
    double steal_pct;                   /* vCPU capacity spent waiting for a core */
    double net_gbps, net_pps, storage_iops, storage_mbps;
    double throttled_at_s;              /* < 0 when never */
    /* Burstable guests: credits and delivered vCPU share over time. */
    size_t nseries;
    double series_t_s[RESULT_SERIES];
    double series_credits[RESULT_SERIES];
    double series_vcpu[RESULT_SERIES];
    double surplus_credits;
    uint64_t events;
    /* Busy fraction of the other queues: the host's shared backend, card,
     * NIC lines and EBS path, and guest 0's emulator and local NVMe. */
    double util_backend, util_card, util_nic_rx, util_nic_tx, util_ebs;
    double util_emulator, util_nvme;
    double hw_wait_us;          /* per net op of guest 0, behind other guests */
    double host_overhead_cpu;   /* all guests, CPU-s/s beyond their own work */
    double major_faults_per_s;  /* guest 0's pages read back from swap */
    size_t ngroups;             /* the spec's neighbour groups */
    struct replica_group *groups;       /* owned; ngroups */
    /*
     * With collect_usage only: every millisecond of the window, whether
     * each allowance held guest 0's traffic back at its baseline (the
     * sustained bucket in debt) or at its peak, as fractions of the
     * samples; the sustained buckets' levels and the credit balance at the
     * window's start and end (their drain rate says how long a burst
     * lasts); and the latencies of requests that arrived after the first
     * credit throttle (owned; NULL unless collect_usage).
     */
    double held_base[RALLOW_COUNT], held_peak[RALLOW_COUNT];
    double level_start[RALLOW_COUNT], level_end[RALLOW_COUNT];
    double credits_start, credits_end;
    struct hist *latency_throttled;
    /* MSER-5 input: means of consecutive batches of 5 latencies (us), and
     * the time each batch completed; owned, NULL unless collect_batches. */
    double *batch_us, *batch_end_s;
    size_t nbatches;
};

/*
 * Runs one replication into *out. Returns RUN_OK, or RUN_INPUT_ERROR with
 * a diag when the machine cannot be set up, a trace cannot be reopened or
 * a trace line is bad, or RUN_STOPPED when the stop flag was raised (out
 * is then incomplete).
 */
enum run_status replica_run(const struct replica_spec *spec,
                            struct replica_result *out,
                            volatile sig_atomic_t *stop, struct diag *dg);

/* Frees the batch arrays and the throttled-latency histogram. */
void replica_result_release(struct replica_result *r);

/*
 * MSER-5 truncation: the index d (<= n/2) of batch means x[0..n) that
 * minimizes the variance of the remaining mean; 0 for fewer than 10 batches.
 */
size_t replica_mser(const double *x, size_t n);

/*
 * The probability that a page a request touches is not resident: 0 when
 * the working set fits in the instance's memory less the guest OS's
 * share (mem.os_reserve_gib), else 1 - available / working set.
 */
double replica_miss_probability(const struct instance_profile *ip,
                                const struct workload_memory *mem,
                                const struct param_set *p);

#endif
