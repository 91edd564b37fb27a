/*
 * bench_engine.c - engine benchmarks for `make bench`: the classic hold
 * model (pending set of N events; pop the earliest, push one at now +
 * exp(mean)) through the engine loop, and an M/M/1 run through the queue
 * primitive. Prints figures and writes them as JSON; asserts nothing.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <gsl/gsl_errno.h>
#include <jansson.h>

#include "sim/qmodel.h"
#include "sim/rng.h"
#include "sim/sim.h"

struct hold {
    struct rng_stream rng;
    double mean_ps;
    uint64_t left;
};

static void hold_fire(struct sim *s, void *ctx, uint64_t arg)
{
    struct hold *h = ctx;

    if (h->left == 0) {
        sim_stop(s);
        return;
    }
    h->left--;
    sim_after(s, rng_exponential_ps(&h->rng, h->mean_ps), hold_fire, h, arg);
}

static double wall_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static long peak_rss_kib(void)
{
    struct rusage ru;

    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* Runs `holds` holds over a pending set of n; returns million holds/s. */
static double bench_hold(size_t n, uint64_t holds, json_t *out)
{
    struct sim s;
    struct hold h = {.mean_ps = 1e6, .left = holds};
    double t0, t1, mhs;
    size_t i;

    rng_stream_init(&h.rng, 1, 0, 0, 0);
    sim_init(&s);
    for (i = 0; i < n; i++)
        sim_at(&s, rng_exponential_ps(&h.rng, h.mean_ps), hold_fire, &h, 0);
    t0 = wall_now();
    sim_run(&s, SIM_TIME_MAX);
    t1 = wall_now();
    mhs = (double)holds / (t1 - t0) / 1e6;
    printf("  hold   N=%-8zu %9.2f M holds/s %8.1f ns/hold %5zu B/event"
           "  peak RSS %ld MiB\n", n, mhs, 1e3 / mhs, evq_bytes_per_event(),
           peak_rss_kib() / 1024);
    json_array_append_new(out, json_pack("{s:I, s:I, s:f, s:f, s:I, s:I}",
        "pending", (json_int_t)n, "holds", (json_int_t)holds,
        "mholds_per_s", mhs, "ns_per_hold", 1e3 / mhs,
        "bytes_per_event", (json_int_t)evq_bytes_per_event(),
        "peak_rss_kib", (json_int_t)peak_rss_kib()));
    sim_release(&s);
    rng_stream_release(&h.rng);
    return mhs;
}

static int bench_mm1(uint64_t customers, json_t *out)
{
    static struct qmodel_result res;
    const double mu = 1e5, lambda = 0.8e5;
    struct qmodel_params p = {
        .servers = 1, .arrival_rate_per_s = lambda, .service_mean_s = 1 / mu,
        .service = QMODEL_EXPONENTIAL, .customers = customers,
        .warmup = customers / 10, .seed = 1,
    };
    double t0, t1, meps, want = 1.0 / (mu - lambda);

    t0 = wall_now();
    if (qmodel_run(&p, &res) < 0)
        return -1;
    t1 = wall_now();
    meps = (double)res.events / (t1 - t0) / 1e6;
    printf("  M/M/1  rho=0.8 %llu customers: %.2f M events/s, %.2f s wall;"
           " mean response %.3f us vs 1/(mu-lambda) = %.3f us (%+.2f%%)\n",
           (unsigned long long)customers, meps, t1 - t0,
           res.response_s.mean * 1e6, want * 1e6,
           100 * (res.response_s.mean / want - 1));
    json_object_set_new(out, "mm1", json_pack("{s:I, s:I, s:f, s:f, s:f, s:f}",
        "customers", (json_int_t)customers, "events", (json_int_t)res.events,
        "mevents_per_s", meps, "wall_s", t1 - t0,
        "mean_response_us", res.response_s.mean * 1e6,
        "analytic_response_us", want * 1e6));
    return 0;
}

int main(int argc, char **argv)
{
    const char *json_path = NULL;
    json_t *root, *holds;
    int i, quick = 0;

    gsl_set_error_handler_off();
    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json") && i + 1 < argc)
            json_path = argv[++i];
        else if (!strcmp(argv[i], "--quick"))
            quick = 1;
        else {
            fprintf(stderr, "usage: bench_engine [--json FILE] [--quick]\n");
            return 2;
        }
    }
    root = json_object();
    holds = json_array();
    printf("virtsim engine benchmarks%s\n", quick ? " (quick)" : "");
    bench_hold(1000, quick ? 1000000 : 20000000, holds);
    bench_hold(100000, quick ? 1000000 : 20000000, holds);
    bench_hold(1000000, quick ? 1000000 : 10000000, holds);
    json_object_set_new(root, "hold", holds);
    if (bench_mm1(quick ? 1000000 : 10000000, root) < 0) {
        fprintf(stderr, "bench_engine: error: cannot allocate a random stream\n");
        return 1;
    }
    if (json_path && json_dump_file(root, json_path,
                                    JSON_INDENT(2) | JSON_SORT_KEYS) < 0) {
        fprintf(stderr, "bench_engine: error: cannot write '%s'\n", json_path);
        json_decref(root);
        return 1;
    }
    if (json_path)
        printf("wrote %s\n", json_path);
    json_decref(root);
    return 0;
}
