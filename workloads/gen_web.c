/*
 * gen_web.c - the web generator: HTTP request/response served from the
 * page cache by an event-driven server. Syscall-heavy, heavy-tailed
 * response sizes (Crovella and Bestavros, "Self-Similarity in World Wide
 * Web Traffic", 1997, found web object sizes heavy-tailed); the figures
 * are chosen.
 */
#include "workloads/generator.h"

enum { RATE, REQ, RESP, RESP_CV, CYCLES, SYSCALLS, FAULTS };

static const struct gen_param params[] = {
    [RATE] = {"rate_rps", 5000, 1, 1e8, false,
              "requests per second (chosen)"},
    [REQ] = {"request_bytes", 512, 1, 1e6, true,
             "bytes of a request (chosen: a GET with typical headers)"},
    [RESP] = {"response_bytes", 16384, 1, 1e9, false,
              "mean bytes of a response (chosen)"},
    [RESP_CV] = {"response_cv", 2, 0, 50, false,
                 "cv of response sizes (chosen: heavy-tailed, as Crovella "
                 "and Bestavros found)"},
    [CYCLES] = {"cycles", 200000, 0, 1e10, false,
                "mean cycles per request, lognormal with cv 1 (chosen)"},
    [SYSCALLS] = {"syscalls", 20, 0, 10000, true,
                  "syscalls per request (chosen: epoll, accept, read, open, "
                  "fstat, sendfile or writev, close)"},
    [FAULTS] = {"page_faults", 2, 0, 10000, true,
                "page faults per request (chosen)"},
};

static void build(const double *v, struct workload *w)
{
    struct request_variant *rv = request_template_add(&w->request, "get", 1);

    w->arrival = arrival_poisson(v[RATE]);
    gen_io(rv, OP_NET_RX, dist_const(v[REQ]));
    gen_compute(rv, gen_lognormal(v[CYCLES], 1), v[SYSCALLS], v[FAULTS]);
    gen_io(rv, OP_NET_TX, gen_lognormal(v[RESP], v[RESP_CV]));
}

const struct generator_ops web_generator = {
    .name = "web",
    .summary = "HTTP request/response from the page cache: syscall-heavy",
    .source = "Crovella and Bestavros, Self-Similarity in World Wide Web "
              "Traffic, 1997 (heavy-tailed sizes); figures chosen",
    .params = params,
    .nparams = sizeof(params) / sizeof(params[0]),
    .build = build,
};
