/*
 * gen_syscalls.c - the syscalls generator: a server whose requests are
 * dominated by system calls (small reads and writes, polling, timers)
 * rather than by its own code, as a proxy or a logging daemon is. It is
 * the workload on which 64-bit Xen PV pays for bouncing every syscall
 * through the hypervisor and hardware assistance pays nothing. Figures
 * chosen.
 */
#include "workloads/generator.h"

enum { RATE, CYCLES, SYSCALLS, MSG };

static const struct gen_param params[] = {
    [RATE] = {"rate_rps", 20000, 1, 1e8, false,
              "requests per second, Poisson (chosen)"},
    [CYCLES] = {"cycles", 20000, 1, 1e13, false,
                "mean user-mode cycles per request, exponential (chosen: "
                "little own work)"},
    [SYSCALLS] = {"syscalls", 200, 0, 1e7, true,
                  "syscalls per request: reads, writes, epoll_wait, "
                  "clock_gettime (chosen)"},
    [MSG] = {"message_bytes", 256, 1, 1e9, false,
             "bytes received and sent per request (chosen)"},
};

static void build(const double *v, struct workload *w)
{
    struct request_variant *rv = request_template_add(&w->request, "request",
                                                      1);

    w->arrival = arrival_poisson(v[RATE]);
    gen_io(rv, OP_NET_RX, dist_const(v[MSG]));
    gen_compute(rv, dist_exponential(v[CYCLES]), v[SYSCALLS], 0);
    gen_io(rv, OP_NET_TX, dist_const(v[MSG]));
}

const struct generator_ops syscalls_generator = {
    .name = "syscalls",
    .summary = "syscall-heavy server: ~200 small syscalls per request, little "
               "own work",
    .source = "no published per-request figures at hand: all chosen",
    .params = params,
    .nparams = sizeof(params) / sizeof(params[0]),
    .build = build,
};
