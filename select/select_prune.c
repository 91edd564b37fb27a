/*
 * select_prune.c - capacity arithmetic for `virtsim select`: plan a
 * workload's requests through the cost models (as the machine would) and
 * divide each resource's peak capacity by the demand per request. Reads
 * workloads, plans and parameters; simulates nothing.
 */
#include "select/select_prune.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "models/catalog.h"
#include "models/plan.h"
#include "sim/rng.h"
#include "base/xalloc.h"
#include "workloads/trace.h"
#include "workloads/workload.h"
#include "workloads/workload_json.h"

/* Stream entity for drawing requests: apart from any replica's (2g, 2g+1). */
#define ENTITY_DRAWS 0x5e1ec7u

static const struct {
    const char *key;
    const char *name;
} res_names[SR_COUNT] = {
    [SR_VCPU] = {"vcpu", "vCPU cycles"},
    [SR_BACKEND] = {"backend", "host backend CPU"},
    [SR_EMULATOR] = {"emulator", "device model"},
    [SR_CARD] = {"card", "offload card"},
    [SR_NIC_RX] = {"nic_rx", "host NIC line (in)"},
    [SR_NIC_TX] = {"nic_tx", "host NIC line (out)"},
    [SR_NET_IN] = {"net_in", "network bandwidth (in)"},
    [SR_NET_OUT] = {"net_out", "network bandwidth (out)"},
    [SR_PPS] = {"pps", "packets per second"},
    [SR_EBS_BYTES] = {"ebs_bytes", "EBS bandwidth"},
    [SR_EBS_IOPS] = {"ebs_iops", "EBS IOPS"},
    [SR_EBS_QUEUE] = {"ebs_queue", "EBS requests in flight"},
    [SR_NVME] = {"nvme", "local NVMe"},
};

const char *select_res_name(enum select_res r)
{
    return r < SR_COUNT ? res_names[r].name : "?";
}

const char *select_res_key(enum select_res r)
{
    return r < SR_COUNT ? res_names[r].key : "?";
}

int select_prune_offered(const json_t *workload, const char *base_dir,
                         double *rps, enum arrival_kind *kind, double *span_s,
                         struct diag *dg)
{
    struct workload w;
    double speedup;

    *rps = 0;
    *span_s = 0;
    if (workload_from_json(workload, "", base_dir, &w, dg) < 0)
        return -1;
    *kind = w.arrival.kind;
    if (w.arrival.kind == ARRIVAL_TRACE) {
        struct trace_summary sum;
        struct diag tdg;

        diag_init(&tdg, w.arrival.trace_file);
        if (trace_validate(w.arrival.trace_file, w.arrival.trace_format,
                           &sum, &tdg) < 0) {
            diag_merge(dg, &tdg);
            workload_release(&w);
            return -1;
        }
        speedup = w.arrival.speedup > 0 ? w.arrival.speedup : 1;
        *span_s = sim_time_to_sec(sum.last_ps) / speedup;
        if (sum.last_ps > 0)
            *rps = (double)sum.requests / *span_s;
    } else {
        *rps = workload_mean_rate(&w);
    }
    workload_release(&w);
    return 0;
}

/* Adds weight x the demands of op (planned into dl) to acc. */
static void account(const struct op *op, const struct demand_list *dl,
                    double weight, double *acc)
{
    size_t i;

    for (i = 0; i < dl->len; i++) {
        const struct demand *d = &dl->d[i];
        double a = weight * d->amount;
        int rx = op->kind == OP_NET_RX;

        switch (d->res) {
        case RES_VCPU:
            acc[SR_VCPU] += a;
            break;
        case RES_BACKEND:
            acc[SR_BACKEND] += a;
            break;
        case RES_EMULATOR:
            acc[SR_EMULATOR] += a;
            break;
        case RES_CARD:
            acc[SR_CARD] += a;
            break;
        case RES_NIC:
            /* The allowances take the wire bytes, as the NIC does. */
            acc[rx ? SR_NIC_RX : SR_NIC_TX] += a;
            acc[rx ? SR_NET_IN : SR_NET_OUT] += a;
            acc[SR_PPS] += weight * d->count;
            break;
        case RES_DISK:
            acc[SR_NVME] += a;
            break;
        case RES_STORAGE_NET:
            acc[SR_EBS_QUEUE] += a;
            acc[SR_EBS_IOPS] += weight * d->count;
            acc[SR_EBS_BYTES] += weight * op->bytes;
            break;
        case RES_IRQ:
        case RES_COUNT:
            break;
        }
    }
}

static void plan_into(struct planner *pl, struct demand_list *dl,
                      const struct op *op, double weight, double *acc)
{
    if (op->kind == OP_SLEEP)
        return;
    demand_list_clear(dl);
    planner_plan(pl, op, dl);
    account(op, dl, weight, acc);
}

/* The plan of the mean request: each variant's mean ops, by weight. */
static void plan_mean(struct planner *pl, struct demand_list *dl,
                      const struct request_template *t, double *acc)
{
    size_t v, i;

    for (v = 0; v < t->nvariants; v++) {
        const struct request_variant *rv = &t->variants[v];
        double share = t->total_weight > 0 ? rv->weight / t->total_weight : 0;

        for (i = 0; i < rv->nops; i++) {
            struct op op;

            op_template_mean(&rv->ops[i], &op);
            plan_into(pl, dl, &op, share, acc);
        }
    }
}

/* The mean plan of drawn requests. Returns 0 or -1 (a bad trace line). */
static int plan_draws(struct planner *pl, struct demand_list *dl,
                      struct workload *w, uint64_t seed, double *acc,
                      struct diag *dg)
{
    struct rng_stream arrivals, service;
    struct request *rq = xmalloc(sizeof(*rq));
    size_t n = 0, i, r;
    int rc = 0;

    if (rng_stream_init(&arrivals, seed, 0, 0, ENTITY_DRAWS) < 0 ||
        rng_stream_init(&service, seed, 0, 0, ENTITY_DRAWS + 1) < 0) {
        free(rq);
        return diag_set(dg, 0, 0, "cannot allocate a random stream");
    }
    for (r = 0; r < SELECT_PRUNE_DRAWS; r++) {
        sim_time gap;
        int got = workload_next(w, &arrivals, &service, &gap, rq, dg);

        if (got < 0) {
            rc = -1;
            break;
        }
        if (got == 0)
            break;
        for (i = 0; i < rq->nops; i++)
            plan_into(pl, dl, &rq->ops[i], 1, acc);
        n++;
    }
    for (i = 0; rc == 0 && i < SR_COUNT; i++)
        acc[i] = n ? acc[i] / (double)n : 0;
    rng_stream_release(&arrivals);
    rng_stream_release(&service);
    free(rq);
    return rc;
}

int select_prune_demand(const json_t *workload, const char *base_dir,
                        const struct generation *gen,
                        const struct param_set *p, uint64_t seed,
                        struct select_demand *out, struct diag *dg)
{
    double mean[SR_COUNT] = {0}, drawn[SR_COUNT] = {0};
    struct demand_list dl;
    struct planner pl;
    struct workload w;
    int rc = 0, i, has_mean;

    memset(out, 0, sizeof(*out));
    if (workload_from_json(workload, "", base_dir, &w, dg) < 0)
        return -1;
    if (planner_init(&pl, gen, p, dg) < 0) {
        planner_release(&pl);
        workload_release(&w);
        return -1;
    }
    demand_list_init(&dl);
    has_mean = w.trace == NULL;
    if (has_mean)
        plan_mean(&pl, &dl, &w.request, mean);
    rc = plan_draws(&pl, &dl, &w, seed, drawn, dg);
    for (i = 0; rc == 0 && i < SR_COUNT; i++)
        out->per_request[i] = has_mean && mean[i] < drawn[i] ? mean[i]
                                                             : drawn[i];
    demand_list_release(&dl);
    planner_release(&pl);
    workload_release(&w);
    return rc;
}

/* How many requests the local NVMe serves at once (as the machine sets it). */
static double nvme_servers(const struct instance_profile *ip,
                           const struct param_set *p)
{
    double c = ip->local_read_iops * param(p, P_DISK_LOCAL_SERVICE_US) * 1e-6;

    return c < 1 ? 1 : (double)lround(c);
}

/* An allowance's rate: none (INFINITY) without a baseline; else its
 * baseline when sustained or without burst, else its peak. */
static double allowance_rate(double base, double peak, bool sustained)
{
    if (!(base > 0))
        return INFINITY;
    if (sustained || !(peak > base))
        return base;
    return peak;
}

/* Whether the instance's vCPUs are held to their baseline share at zero
 * credits (standard mode), as credits_init decides it. */
static bool standard_credits(const struct instance_profile *ip,
                             const struct param_set *p)
{
    double u = param(p, P_CREDITS_UNLIMITED);

    if (!ip->burstable)
        return false;
    return u < 0 ? !ip->credits.unlimited : u == 0;
}

void select_prune_bound(const struct instance_profile *ip,
                        const struct param_set *p,
                        const struct select_demand *d, bool sustained,
                        struct select_bound *out)
{
    double cap[SR_COUNT], hz = catalog_work_hz(ip);
    bool net_burst = !sustained && param(p, P_EC2_NET_BURST_MINUTES) > 0;
    bool ebs_burst = !sustained && param(p, P_EC2_EBS_BURST_MINUTES) > 0;
    double pps = param(p, P_EC2_PPS_ALLOWANCE);
    int r;

    cap[SR_VCPU] = ip->vcpus * hz;
    if (sustained && standard_credits(ip, p))
        cap[SR_VCPU] *= ip->credits.baseline_per_vcpu;
    cap[SR_BACKEND] = param(p, P_HOST_BACKEND_THREADS) * hz;
    cap[SR_EMULATOR] = hz;
    cap[SR_CARD] = param(p, P_HOST_CARD_ENGINES) * 1e12;
    cap[SR_NIC_RX] = cap[SR_NIC_TX] = param(p, P_HOST_NIC_GBPS) * 1e9 / 8;
    cap[SR_NET_IN] = cap[SR_NET_OUT] =
        allowance_rate(ip->net_baseline_gbps, ip->net_burst_gbps,
                       !net_burst) * 1e9 / 8;
    cap[SR_PPS] = pps > 0 ? pps : INFINITY;
    cap[SR_EBS_BYTES] = allowance_rate(ip->ebs_baseline_mbps,
                                       ip->ebs_max_mbps, !ebs_burst) * 1e6 / 8;
    cap[SR_EBS_IOPS] = allowance_rate(ip->ebs_baseline_iops, ip->ebs_max_iops,
                                      !ebs_burst);
    cap[SR_EBS_QUEUE] = param(p, P_DISK_EBS_OUTSTANDING) * 1e12;
    cap[SR_NVME] = nvme_servers(ip, p) * 1e12;

    out->binding = SR_VCPU;
    out->max_rps = INFINITY;
    for (r = 0; r < SR_COUNT; r++) {
        double need = d->per_request[r];

        out->rps[r] = need > 0 ? cap[r] / need : INFINITY;
        if (out->rps[r] < out->max_rps) {
            out->max_rps = out->rps[r];
            out->binding = (enum select_res)r;
        }
    }
}

bool select_prune_decide(const struct select_bound *b, double required_rps)
{
    return required_rps > 0 && required_rps > SELECT_PRUNE_MARGIN * b->max_rps;
}
