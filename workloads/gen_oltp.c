/*
 * gen_oltp.c - the oltp generator: TPC-C's five transactions in the
 * benchmark's mix (45% New-Order, 43% Payment, 4% each of Order-Status,
 * Delivery and Stock-Level), each a query in, CPU, random page reads on
 * buffer-pool misses, a log write on commit, a result out. The mix is
 * TPC-C's; the per-transaction costs are chosen, relative to New-Order.
 */
#include <math.h>

#include "workloads/generator.h"

enum { RATE, PAGE, READS, CYCLES, LOG, QUERY, RESULT, SYSCALLS };

static const struct gen_param params[] = {
    [RATE] = {"rate_rps", 1000, 1, 1e7, false,
              "transactions per second (chosen)"},
    [PAGE] = {"page_bytes", 8192, 512, 1048576, true,
              "bytes of a database page: PostgreSQL's default block size "
              "(InnoDB's is 16384)"},
    [READS] = {"page_reads", 2, 0, 16, true,
               "page reads (buffer-pool misses) per New-Order (chosen)"},
    [CYCLES] = {"cycles", 1000000, 0, 1e11, false,
                "mean cycles of a New-Order, lognormal with cv 0.5 (chosen)"},
    [LOG] = {"log_bytes", 4096, 0, 1e8, false,
             "bytes of the log write at commit (chosen: one page of log)"},
    [QUERY] = {"query_bytes", 512, 1, 1e8, true,
               "bytes of a transaction's request (chosen)"},
    [RESULT] = {"result_bytes", 1024, 1, 1e9, true,
                "bytes of a transaction's reply (chosen)"},
    [SYSCALLS] = {"syscalls", 20, 0, 10000, true,
                  "syscalls per New-Order (chosen)"},
};

/*
 * TPC-C's transactions: weights from its mix, costs relative to New-Order
 * (chosen: Delivery handles ten orders, Stock-Level scans recent order
 * lines, Payment and Order-Status touch a few rows).
 */
static const struct txn {
    const char *name;
    double weight;
    double cpu, reads;
    int writes;                 /* commits a log record */
} txns[] = {
    {"new_order", 45, 1.0, 1.0, 1},
    {"payment", 43, 0.3, 0.5, 1},
    {"order_status", 4, 0.3, 0.5, 0},
    {"delivery", 4, 3.0, 2.0, 1},
    {"stock_level", 4, 2.0, 2.0, 0},
};

static void build(const double *v, struct workload *w)
{
    size_t i;

    w->arrival = arrival_poisson(v[RATE]);
    for (i = 0; i < sizeof(txns) / sizeof(txns[0]); i++) {
        const struct txn *t = &txns[i];
        struct request_variant *rv;
        int k, reads = (int)ceil(t->reads * v[READS]);

        rv = request_template_add(&w->request, t->name, t->weight);
        gen_io(rv, OP_NET_RX, dist_const(v[QUERY]));
        gen_compute(rv, gen_lognormal(v[CYCLES] * t->cpu, 0.5),
                    ceil(v[SYSCALLS] * t->cpu), 0);
        for (k = 0; k < reads; k++)
            gen_io(rv, OP_DISK_READ, dist_const(v[PAGE]));
        if (t->writes && v[LOG] > 0)
            gen_io(rv, OP_DISK_WRITE, dist_const(v[LOG]));
        gen_io(rv, OP_NET_TX, dist_const(v[RESULT]));
    }
}

const struct generator_ops oltp_generator = {
    .name = "oltp",
    .summary = "TPC-C's transaction mix: small random page reads, log "
               "writes, round trips",
    .source = "TPC Benchmark C (transactions and their mix); per-transaction "
              "costs chosen",
    .params = params,
    .nparams = sizeof(params) / sizeof(params[0]),
    .build = build,
};
