/*
 * gen_storage.c - the storage generator: sequential large reads and
 * writes kept at a fixed queue depth (a closed loop with no think time),
 * as a streaming or backup job does. The I/O size follows how EBS counts
 * SSD-volume I/O; the rest is chosen.
 */
#include "workloads/generator.h"

enum { DEPTH, IO, WRITES, CYCLES };

static const struct gen_param params[] = {
    [DEPTH] = {"queue_depth", 8, 1, 4096, true,
               "outstanding I/Os (chosen)"},
    [IO] = {"io_bytes", 262144, 512, 1e9, true,
            "bytes per I/O: 256 KiB, the unit in which EBS counts I/O on SSD "
            "volumes (AWS EBS CloudWatch metrics documentation)"},
    [WRITES] = {"write_fraction", 0.3, 0, 1, false,
                "fraction of I/Os that are writes (chosen)"},
    [CYCLES] = {"cycles", 20000, 0, 1e9, false,
                "cycles to submit and complete one I/O (chosen)"},
};

static void build(const double *v, struct workload *w)
{
    struct request_variant *rv;

    w->arrival = arrival_closed((unsigned)v[DEPTH], dist_const(0));
    if (v[WRITES] < 1) {
        rv = request_template_add(&w->request, "read", 1 - v[WRITES]);
        gen_compute(rv, dist_const(v[CYCLES]), 1, 0);
        gen_io(rv, OP_DISK_READ, dist_const(v[IO]));
    }
    if (v[WRITES] > 0) {
        rv = request_template_add(&w->request, "write", v[WRITES]);
        gen_compute(rv, dist_const(v[CYCLES]), 1, 0);
        gen_io(rv, OP_DISK_WRITE, dist_const(v[IO]));
    }
}

const struct generator_ops storage_generator = {
    .name = "storage",
    .summary = "sequential large reads and writes at a fixed queue depth",
    .source = "AWS EBS documentation (256 KiB I/O accounting unit); the rest "
              "chosen",
    .params = params,
    .nparams = sizeof(params) / sizeof(params[0]),
    .build = build,
};
