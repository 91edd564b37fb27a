/*
 * gen_kv.c - the kv generator: a memcached-like key-value cache, GETs
 * and SETs of small keys and values, shaped after Facebook's ETC pool
 * (Atikoglu et al., "Workload Analysis of a Large-Scale Key-Value Store",
 * SIGMETRICS 2012).
 */
#include "workloads/generator.h"

/* Bytes of a request or response header in memcached's binary protocol. */
#define KV_HEADER_BYTES 24

enum { RATE, GET_RATIO, KEY, VALUE, VALUE_CV, CYCLES, SYSCALLS };

static const struct gen_param params[] = {
    [RATE] = {"rate_rps", 50000, 1, 1e8, false,
              "requests per second (chosen)"},
    [GET_RATIO] = {"get_ratio", 30, 0, 1e6, false,
                   "GETs per SET: 30:1 (Atikoglu et al. 2012)"},
    [KEY] = {"key_bytes", 36, 1, 250, true,
             "key size: the mean of the paper's GEV fit to ETC key sizes "
             "(mu 30.7984, sigma 8.20449, k 0.078688)"},
    [VALUE] = {"value_bytes", 329, 1, 1048576, false,
               "mean value size: the mean of the paper's generalized Pareto "
               "fit to ETC values (sigma 214.476, k 0.348238)"},
    [VALUE_CV] = {"value_cv", 1.8, 0, 20, false,
                  "cv of value sizes, that of the same fit (1.82); a "
                  "lognormal with this mean and cv stands in for it"},
    [CYCLES] = {"cycles", 6000, 0, 1e9, false,
                "mean cycles per request, lognormal with cv 0.5 (chosen: "
                "about 2 us at 3 GHz)"},
    [SYSCALLS] = {"syscalls", 2, 0, 1000, true,
                  "syscalls per request (chosen: one read, one send)"},
};

/* A lognormal size shifted by a fixed header, keeping its spread. */
static struct dist with_header(double mean, double cv, double header)
{
    return dist_lognormal(mean + header, cv * mean / (mean + header));
}

static void build(const double *v, struct workload *w)
{
    struct request_variant *rv;
    struct dist cycles = gen_lognormal(v[CYCLES], 0.5);

    w->arrival = arrival_poisson(v[RATE]);
    if (v[GET_RATIO] > 0) {
        rv = request_template_add(&w->request, "get", v[GET_RATIO]);
        gen_io(rv, OP_NET_RX, dist_const(v[KEY] + KV_HEADER_BYTES));
        gen_compute(rv, cycles, v[SYSCALLS], 0);
        gen_io(rv, OP_NET_TX,
               with_header(v[VALUE], v[VALUE_CV], KV_HEADER_BYTES));
    }
    rv = request_template_add(&w->request, "set", 1);
    gen_io(rv, OP_NET_RX,
           with_header(v[VALUE], v[VALUE_CV], v[KEY] + KV_HEADER_BYTES));
    gen_compute(rv, cycles, v[SYSCALLS], 0);
    gen_io(rv, OP_NET_TX, dist_const(KV_HEADER_BYTES));
}

const struct generator_ops kv_generator = {
    .name = "kv",
    .summary = "memcached-like cache: small GETs and SETs, 30 GETs per SET",
    .source = "Atikoglu et al., Workload Analysis of a Large-Scale Key-Value "
              "Store, SIGMETRICS 2012 (Facebook's ETC pool)",
    .params = params,
    .nparams = sizeof(params) / sizeof(params[0]),
    .build = build,
};
