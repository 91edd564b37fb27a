/*
 * gen_microservices.c - the microservices generator: a mid-tier RPC that
 * fans out to leaf services and merges their replies. Many small
 * messages per request, so packets per second dominate. Sizes follow
 * Seemakhupt et al., "A Cloud-Scale Characterization of Remote Procedure
 * Calls" (SOSP 2023); the rest is chosen.
 */
#include "workloads/generator.h"

enum { RATE, FANOUT, RPC, RPC_CV, CYCLES, MERGE, SPM };

static const struct gen_param params[] = {
    [RATE] = {"rate_rps", 20000, 1, 1e8, false,
              "requests per second (chosen)"},
    [FANOUT] = {"fanout", 4, 0, 30, true,
                "leaf RPCs per request (chosen; Seemakhupt et al. 2023 "
                "report a median of 13 descendants per RPC, counting every "
                "level of the call tree)"},
    [RPC] = {"rpc_bytes", 1536, 1, 1e8, false,
             "mean bytes of each RPC message: the median RPC size of about "
             "1.5 KB reported by Seemakhupt et al. 2023"},
    [RPC_CV] = {"rpc_cv", 1, 0, 20, false,
                "cv of message sizes (chosen; the fleet's sizes are far more "
                "skewed, with a p99 request near 196 KB)"},
    [CYCLES] = {"cycles", 50000, 0, 1e10, false,
                "mean handler cycles before the fan-out, exponential "
                "(chosen)"},
    [MERGE] = {"merge_cycles", 20000, 0, 1e10, false,
               "mean cycles to merge the replies, exponential (chosen)"},
    [SPM] = {"syscalls_per_msg", 2, 0, 100, true,
             "syscalls per message sent or received (chosen: a wake-up plus "
             "a read or a write)"},
};

static struct dist expo_or_zero(double mean)
{
    return mean > 0 ? dist_exponential(mean) : dist_const(0);
}

static void build(const double *v, struct workload *w)
{
    struct request_variant *rv = request_template_add(&w->request, "rpc", 1);
    int i, fanout = (int)v[FANOUT];

    w->arrival = arrival_poisson(v[RATE]);
    gen_io(rv, OP_NET_RX, gen_lognormal(v[RPC], v[RPC_CV]));
    gen_compute(rv, expo_or_zero(v[CYCLES]), v[SPM], 0);
    for (i = 0; i < fanout; i++) {
        gen_io(rv, OP_NET_TX, gen_lognormal(v[RPC], v[RPC_CV]));
        gen_io(rv, OP_NET_RX, gen_lognormal(v[RPC], v[RPC_CV]));
    }
    gen_compute(rv, expo_or_zero(v[MERGE]), v[SPM] * (2 * fanout + 1), 0);
    gen_io(rv, OP_NET_TX, gen_lognormal(v[RPC], v[RPC_CV]));
}

const struct generator_ops microservices_generator = {
    .name = "microservices",
    .summary = "mid-tier RPCs fanning out to leaves: small messages, many "
               "packets",
    .source = "Seemakhupt et al., A Cloud-Scale Characterization of Remote "
              "Procedure Calls, SOSP 2023 (sizes, fan-out); the rest chosen",
    .params = params,
    .nparams = sizeof(params) / sizeof(params[0]),
    .build = build,
};
