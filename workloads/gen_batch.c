/*
 * gen_batch.c - the batch generator: workers crunching through chunks of
 * CPU-bound work with few syscalls, each starting its next chunk as soon
 * as the last is done (a closed loop with no think time). Figures chosen.
 */
#include "workloads/generator.h"

enum { WORKERS, CYCLES, CV, SYSCALLS, FAULTS };

static const struct gen_param params[] = {
    [WORKERS] = {"workers", 2, 1, 100000, true,
                 "concurrent workers (chosen: one per vCPU of a 2-vCPU "
                 "instance)"},
    [CYCLES] = {"cycles", 3e8, 1, 1e13, false,
                "mean cycles per chunk (chosen: 100 ms at 3 GHz)"},
    [CV] = {"cycles_cv", 0.2, 0, 10, false,
            "cv of the cycles per chunk, lognormal (chosen)"},
    [SYSCALLS] = {"syscalls", 10, 0, 1e6, true,
                  "syscalls per chunk (chosen: few)"},
    [FAULTS] = {"page_faults", 50, 0, 1e6, true,
                "page faults per chunk (chosen: fresh memory touched)"},
};

static void build(const double *v, struct workload *w)
{
    struct request_variant *rv = request_template_add(&w->request, "chunk",
                                                      1);

    w->arrival = arrival_closed((unsigned)v[WORKERS], dist_const(0));
    gen_compute(rv, gen_lognormal(v[CYCLES], v[CV]), v[SYSCALLS], v[FAULTS]);
}

const struct generator_ops batch_generator = {
    .name = "batch",
    .summary = "CPU-bound chunks with few syscalls, back to back",
    .source = "no published per-chunk figures at hand: all chosen",
    .params = params,
    .nparams = sizeof(params) / sizeof(params[0]),
    .build = build,
};
