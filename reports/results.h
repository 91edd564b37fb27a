/*
 * results.h - what a scenario run produced, as reports read it: one cell per
 * (instance, generation, sweep point), each metric a mean with the
 * half-width of its 95% confidence interval over replications. The runner
 * fills it; the writers (JSON, CSV, table, charts) only read it.
 *
 * A results struct owns its cells and its scenario JSON; free it with
 * results_release.
 */
#ifndef VIRTSIM_RESULTS_H
#define VIRTSIM_RESULTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "base/category.h"
#include "base/op.h"

#define RESULT_NAME_MAX   48
#define RESULT_MAX_POINT  8         /* swept dimensions */
#define RESULT_MAX_FAILED 8         /* SLO failures listed per cell */
#define RESULT_SPECTRUM   24        /* latency quantiles kept for CDF charts */
#define RESULT_SERIES     48        /* samples of burstable credits over time */

/*
 * CPU time categories: base/category.h's, up to CAT_DEVICE (not CPU, not
 * reported). Named here for the cells' arrays; results.c asserts the match.
 */
enum result_cpu {
    RCPU_GUEST_USER = CAT_GUEST_USER,
    RCPU_GUEST_KERNEL = CAT_GUEST_KERNEL,
    RCPU_VMEXIT = CAT_VMEXIT,
    RCPU_TRANSLATION = CAT_TRANSLATION,
    RCPU_DEVICE_EMULATION = CAT_DEVICE_EMULATION,
    RCPU_BACKEND = CAT_BACKEND,
    RCPU_OFFLOAD = CAT_OFFLOAD,
    RCPU_COUNT = CAT_DEVICE
};

/* Paths of an operation: base/op.h's. */
enum result_path {
    RPATH_CPU = PATH_CPU,
    RPATH_NET = PATH_NET,
    RPATH_STORAGE = PATH_STORAGE,
    RPATH_IRQ = PATH_IRQ,
    RPATH_COUNT = PATH_COUNT
};

/* A metric over replications: mean and 95% CI half-width (0 with one). */
struct metric {
    double mean;
    double ci95;
};

struct point_coord {
    char path[64];              /* swept dotted path: "workload.arrival.rate_rps" */
    double value;
};

/* Neighbour groups a cell reports, at most. */
#define RESULT_MAX_GROUPS 8

struct cell_result {
    char instance[RESULT_NAME_MAX];
    char generation[RESULT_NAME_MAX];
    char paths[RPATH_COUNT][16];        /* cost model per path */
    size_t npoint;
    struct point_coord point[RESULT_MAX_POINT];
    unsigned replications;

    uint64_t completed, dropped;        /* summed over replications */
    struct metric throughput_rps;
    /* latency in microseconds */
    struct metric lat_mean, lat_p50, lat_p90, lat_p99, lat_p999, lat_max;
    struct metric overhead_pct;
    double cpu_seconds[RCPU_COUNT];     /* per simulated second, mean over reps */
    struct metric util_vcpu;            /* guest vCPUs busy fraction */
    struct metric util_host;            /* host CPU busy: vCPUs + backend + emulator, per pCPU */
    bool host_shared;                   /* vCPUs scheduled on shared cores */
    struct metric steal_pct;            /* with host_shared: % of vCPU time
                                         * runnable without a core */
    struct metric net_gbps, net_pps, storage_iops, storage_mbps;
    double usd_per_hour;
    double usd_per_million;             /* at the measured throughput */
    double credits_surplus_usd_per_hour;/* unlimited burstable surplus charge */
    double throttled_at_s;              /* first credit throttle; < 0 when none */
    /*
     * Shared host hardware: per network op of guest 0, the time its frames
     * waited behind other guests' frames on the NIC's wire and the offload
     * card (microseconds); the busy fractions of the wire each way, the
     * card and the software backend; and the host CPU all guests cost
     * beyond their own work (vmexit, translation, device emulation,
     * backend), in CPU-seconds per second.
     */
    struct metric hw_wait_us;
    struct metric util_nic_rx, util_nic_tx, util_card, util_backend;
    struct metric host_overhead_cpu;

    /*
     * With a stated working set: it, the instance's memory, the fraction
     * of the working set resident, and the pages read back from swap per
     * second (major faults).
     */
    /*
     * The neighbour groups beside the measured guest (each over all its
     * guests), and every tenant's throughput together.
     */
    size_t ngroups;
    struct group_result {
        char name[32];
        unsigned count;
        uint64_t completed, dropped;
        struct metric throughput_rps, lat_p50, lat_p99, lat_p999;
    } groups[RESULT_MAX_GROUPS];
    struct metric tenants_throughput_rps;

    bool memory_stated;
    double working_set_gib, memory_gib, resident_fraction;
    struct metric major_faults_per_s;

    bool slo_checked;
    bool slo_met;
    size_t nfailed;
    char failed[RESULT_MAX_FAILED][96]; /* "p99 312.5 us > 200 us" */

    /*
     * Burstable instances, replication 0: at each sample time, the credit
     * balance and the share of the vCPUs' capacity delivered since the
     * previous sample (below 1 while throttled). nseries is 0 otherwise.
     */
    size_t nseries;
    double series_t_s[RESULT_SERIES];
    double series_credits[RESULT_SERIES];
    double series_vcpu[RESULT_SERIES];

    /* Merged latency distribution for CDF charts: (quantile, microseconds). */
    double spectrum_q[RESULT_SPECTRUM];
    double spectrum_us[RESULT_SPECTRUM];
};

struct results {
    char version[32];                   /* virtsim's */
    char name[RESULT_NAME_MAX];         /* scenario name */
    json_t *scenario;                   /* owned: the effective scenario */
    bool partial;                       /* interrupted: some cells missing */
    size_t ncells, cap;
    struct cell_result *cells;
};

/* Name of a CPU category ("guest_user", ...) and of a path ("cpu", ...). */
const char *result_cpu_name(enum result_cpu c);
const char *result_path_name(enum result_path p);

/* An empty results set for scenario `name`; takes a reference to scenario. */
void results_init(struct results *r, const char *name, json_t *scenario);

/* Appends a copy of cell. */
void results_add(struct results *r, const struct cell_result *cell);

/* Frees cells and drops the scenario reference; r is left zeroed. */
void results_release(struct results *r);

#endif
