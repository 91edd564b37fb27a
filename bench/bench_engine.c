/*
 * bench_engine.c - engine benchmarks: the classic hold model (a pending set
 * of N events; pop the earliest, push one at now + Exp(mean), the draw
 * included) through the engine loop, and M/M/1 through the queue primitive
 * (sim/qmodel.c). Each case runs in its own process, best of o->reps.
 */
#include <stdio.h>
#include <string.h>

#include "bench/bench.h"
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

struct hold_case {
    size_t pending;
    uint64_t holds;
};

/* value[0]: seconds to build the pending set (not part of the figure). */
static void hold_child(const void *arg, struct bench_out *out)
{
    const struct hold_case *hc = arg;
    struct hold h = {.mean_ps = 1e6, .left = hc->holds};
    struct sim s;
    double t0;
    size_t i;

    if (rng_stream_init(&h.rng, 1, 0, 0, 0) < 0) {
        out->failed = 1;
        snprintf(out->msg, sizeof(out->msg), "cannot allocate a random stream");
        return;
    }
    sim_init(&s);
    t0 = bench_wall();
    for (i = 0; i < hc->pending; i++)
        sim_at(&s, rng_exponential_ps(&h.rng, h.mean_ps), hold_fire, &h, 0);
    out->value[0] = bench_wall() - t0;
    t0 = bench_wall();
    sim_run(&s, SIM_TIME_MAX);
    out->wall_s = bench_wall() - t0;
    out->events = s.events;
    out->count = hc->holds;
    out->sim_s = sim_time_to_sec(s.now);
    sim_release(&s);
    rng_stream_release(&h.rng);
}

/* Best of reps: the smallest wall time, the largest peak RSS. */
static int best_of(int reps, bench_fn *fn, const void *arg,
                   struct bench_out *best, long *rss_kib)
{
    struct bench_out out;
    long rss;
    int k;

    *rss_kib = 0;
    for (k = 0; k < reps; k++) {
        if (bench_child(fn, arg, &out, &rss) < 0) {
            *best = out;
            return -1;
        }
        if (k == 0 || out.wall_s < best->wall_s)
            *best = out;
        if (rss > *rss_kib)
            *rss_kib = rss;
    }
    return 0;
}

static void bench_holds(const struct bench_opts *o)
{
    static const struct {
        size_t pending;
        const char *label;
        double target;          /* million holds/s (issue 8) */
    } cases[] = {
        {1000, "hold N=1e3", 20}, {100000, "hold N=1e5", 12},
        {1000000, "hold N=1e6", 4},
    };
    long rss[3] = {0, 0, 0};
    size_t i;

    for (i = 0; i < 3; i++) {
        struct hold_case hc = {cases[i].pending, o->quick ? 1000000 : 10000000};
        struct bench_out out;
        double mhs;

        printf("  %s: %llu holds...\n", cases[i].label,
               (unsigned long long)hc.holds);
        fflush(stdout);
        if (best_of(o->reps, hold_child, &hc, &out, &rss[i]) < 0) {
            bench_note(cases[i].label, "failed: %s", out.msg);
            continue;
        }
        mhs = (double)out.count / out.wall_s / 1e6;
        bench_figure(cases[i].label, "holds per second", mhs, "M/s",
                     GOAL_AT_LEAST, cases[i].target);
        bench_figure(cases[i].label, "time per hold", 1e3 / mhs, "ns",
                     GOAL_NONE, 0);
        bench_figure(cases[i].label, "bytes per pending event (struct)",
                     (double)evq_bytes_per_event(), "B", GOAL_NONE, 0);
        bench_figure(cases[i].label, "peak RSS", (double)rss[i] / 1024, "MiB",
                     GOAL_NONE, 0);
    }
    /*
     * What a pending event really costs, allocator slack and array growth
     * included: the RSS between the largest and smallest pending sets.
     */
    if (rss[2] > rss[0])
        bench_figure("hold N=1e6", "bytes per pending event (RSS)",
                     (double)(rss[2] - rss[0]) * 1024 / (1000000 - 1000), "B",
                     GOAL_NONE, 0);
}

struct mm1_case {
    uint64_t customers;
};

/* value[0]: mean response, value[1]: 1/(mu - lambda), both seconds. */
static void mm1_child(const void *arg, struct bench_out *out)
{
    static struct qmodel_result res;
    const struct mm1_case *mc = arg;
    const double mu = 1e5, lambda = 0.8e5;
    struct qmodel_params p = {
        .servers = 1, .arrival_rate_per_s = lambda, .service_mean_s = 1 / mu,
        .service = QMODEL_EXPONENTIAL, .customers = mc->customers,
        .warmup = mc->customers / 10, .seed = 1,
    };
    double t0 = bench_wall();

    if (qmodel_run(&p, &res) < 0) {
        out->failed = 1;
        snprintf(out->msg, sizeof(out->msg), "cannot allocate a random stream");
        return;
    }
    out->wall_s = bench_wall() - t0;
    out->events = res.events;
    out->count = mc->customers;
    out->sim_s = res.sim_seconds;
    out->value[0] = res.response_s.mean;
    out->value[1] = 1 / (mu - lambda);
}

static void bench_mm1(const struct bench_opts *o)
{
    const char *g = "M/M/1 rho=0.8 (sim/qmodel)";
    struct mm1_case mc = {o->quick ? 1000000 : 10000000};
    struct bench_out out;
    long rss;

    printf("  M/M/1: %llu customers...\n", (unsigned long long)mc.customers);
    fflush(stdout);
    if (best_of(o->reps, mm1_child, &mc, &out, &rss) < 0) {
        bench_note(g, "failed: %s", out.msg);
        return;
    }
    bench_figure(g, "events per second", (double)out.events / out.wall_s / 1e6,
                 "M/s", GOAL_AT_LEAST, 25);
    bench_figure(g, "customers", (double)out.count, "", GOAL_NONE, 0);
    bench_figure(g, "wall", out.wall_s, "s", GOAL_NONE, 0);
    bench_figure(g, "mean response", out.value[0] * 1e6, "us", GOAL_NONE, 0);
    bench_figure(g, "1/(mu - lambda)", out.value[1] * 1e6, "us", GOAL_NONE, 0);
    bench_figure(g, "relative error", 100 * (out.value[0] / out.value[1] - 1),
                 "%", GOAL_NONE, 0);
    bench_figure(g, "peak RSS", (double)rss / 1024, "MiB", GOAL_NONE, 0);
}

void bench_engine_run(const struct bench_opts *o)
{
    bench_holds(o);
    bench_mm1(o);
}
