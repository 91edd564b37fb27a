/*
 * gen_hft.c - the hft generator: market-data messages arriving in
 * microbursts, a few microseconds of decision logic each, a small order
 * out. Latency-critical; every figure here is chosen, not measured.
 */
#include "workloads/generator.h"

enum { RATE, ON, OFF, MSG, CYCLES, CV, SYSCALLS, ORDER };

static const struct gen_param params[] = {
    [RATE] = {"rate_rps", 100000, 1, 1e8, false,
              "mean messages per second (chosen: a busy feed handler)"},
    [ON] = {"on_s", 0.001, 1e-6, 10, false,
            "mean length of a burst, s (chosen: millisecond-scale "
            "microbursts)"},
    [OFF] = {"off_s", 0.004, 1e-6, 100, false,
             "mean quiet time between bursts, s (chosen; the peak rate is "
             "rate_rps x (on_s + off_s) / on_s)"},
    [MSG] = {"msg_bytes", 64, 1, 9000, true,
             "bytes of an inbound market-data packet (chosen: one or two "
             "binary exchange messages)"},
    [CYCLES] = {"cycles", 10000, 0, 1e9, false,
                "mean cycles of decision logic per message (chosen: a few "
                "microseconds at 3 GHz)"},
    [CV] = {"cycles_cv", 0.3, 0, 10, false,
            "coefficient of variation of those cycles (chosen)"},
    [SYSCALLS] = {"syscalls", 2, 0, 1000, true,
                  "syscalls per message (chosen: one receive, one send; 0 "
                  "models kernel bypass)"},
    [ORDER] = {"order_bytes", 64, 1, 9000, true,
               "bytes of the outbound order (chosen: a binary order-entry "
               "message)"},
};

static void build(const double *v, struct workload *w)
{
    struct request_variant *rv = request_template_add(&w->request, "tick", 1);

    w->arrival = arrival_bursty(v[RATE], v[ON], v[OFF], 0);
    gen_io(rv, OP_NET_RX, dist_const(v[MSG]));
    gen_compute(rv, gen_lognormal(v[CYCLES], v[CV]), v[SYSCALLS], 0);
    gen_io(rv, OP_NET_TX, dist_const(v[ORDER]));
}

const struct generator_ops hft_generator = {
    .name = "hft",
    .summary = "market data in microbursts, microseconds of logic, small "
               "orders out",
    .source = "no public characterization of trading request shapes was at "
              "hand: small messages and microsecond budgets, all chosen",
    .params = params,
    .nparams = sizeof(params) / sizeof(params[0]),
    .build = build,
};
