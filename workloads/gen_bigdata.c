/*
 * gen_bigdata.c - the bigdata generator: tasks that read a chunk of
 * input, transform it, and shuffle their output to peers, as a map stage
 * does. A closed loop with no think time: throughput-bound. Figures are
 * chosen; Hadoop's default HDFS block of 128 MiB is read in many chunks.
 */
#include "workloads/generator.h"

enum { TASKS, CHUNK, CPB, SHUFFLE };

static const struct gen_param params[] = {
    [TASKS] = {"tasks", 4, 1, 100000, true,
               "concurrent tasks, each issuing its next chunk as soon as "
               "the last is done (chosen)"},
    [CHUNK] = {"chunk_bytes", 1048576, 4096, 1e9, false,
               "bytes of input per chunk (chosen: a streaming read unit)"},
    [CPB] = {"cycles_per_byte", 4, 0, 1000, false,
             "cycles per input byte (chosen: a light parse and aggregate)"},
    [SHUFFLE] = {"shuffle_ratio", 1, 0, 100, false,
                 "bytes shuffled to and from peers per input byte (chosen)"},
};

static void build(const double *v, struct workload *w)
{
    struct request_variant *rv = request_template_add(&w->request, "chunk",
                                                      1);
    double out = v[CHUNK] * v[SHUFFLE];

    w->arrival = arrival_closed((unsigned)v[TASKS], dist_const(0));
    gen_io(rv, OP_DISK_READ, dist_const(v[CHUNK]));
    gen_compute(rv, dist_const(v[CHUNK] * v[CPB]), 4, 0);
    if (out > 0) {
        gen_io(rv, OP_NET_TX, dist_const(out));
        gen_io(rv, OP_NET_RX, dist_const(out));
        gen_io(rv, OP_DISK_WRITE, dist_const(out));
    }
}

const struct generator_ops bigdata_generator = {
    .name = "bigdata",
    .summary = "scan, transform and shuffle large chunks: throughput-bound",
    .source = "no published per-chunk figures at hand: a map stage's shape, "
              "figures chosen",
    .params = params,
    .nparams = sizeof(params) / sizeof(params[0]),
    .build = build,
};
