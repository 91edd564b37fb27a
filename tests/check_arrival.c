/*
 * check_arrival.c - tests for workloads/arrival.c and workload_next
 * (whole, or split into workload_next_arrival and workload_draw):
 * the rates of the open processes (Poisson, constant with exact long-run
 * rounding, bursty MMPP with its burstiness), and a closed loop run
 * through the engine with a c-server queue, checked against the
 * interactive response-time law X = N / (R + Z) and exact mean-value
 * analysis. Fixed seeds, printed on failure.
 */
#include <math.h>
#include <string.h>

#include <jansson.h>

#include "sim/cqueue.h"
#include "sim/sim.h"
#include "tests/suites.h"
#include "workloads/workload_json.h"

#define SEED 20261125

/* Mean gap in seconds of n draws. */
static double mean_gap_s(struct arrival *a, struct rng_stream *st, long n)
{
    sim_time total = 0;
    long i;

    for (i = 0; i < n; i++)
        total += arrival_next_gap(a, st);
    return sim_time_to_sec(total) / (double)n;
}

START_TEST(test_poisson_rate)
{
    struct arrival a = arrival_poisson(40000);
    struct rng_stream st;
    double g;

    rng_stream_init(&st, SEED, 0, 0, 0);
    g = mean_gap_s(&a, &st, 200000);
    ck_assert_msg(fabs(1 / g - 40000) < 0.01 * 40000,
                  "seed %u: poisson rate %.1f, want 40000", st.seed, 1 / g);
    ck_assert_double_eq(arrival_mean_rate(&a), 40000);
    ck_assert(arrival_is_open(&a));
    rng_stream_release(&st);
    arrival_release(&a);
}
END_TEST

/* 30000/s is 33333333.33 ps apart: whole picoseconds, exact on average. */
START_TEST(test_constant_exact)
{
    struct arrival a = arrival_constant(30000);
    sim_time t = 0;
    int i;

    for (i = 0; i < 3; i++) {
        sim_time g = arrival_next_gap(&a, NULL);

        ck_assert(g == 33333333 || g == 33333334);
        t += g;
    }
    ck_assert_uint_eq(t, 100000000);
    for (i = 0; i < 29997; i++)
        t += arrival_next_gap(&a, NULL);
    ck_assert_uint_eq(t, SIM_PS_PER_S);
    arrival_reset(&a);
    ck_assert_double_eq(a.carry_ps, 0);
}
END_TEST

START_TEST(test_bursty)
{
    struct arrival a = arrival_bursty(100000, 1e-4, 4e-4, 0);
    struct rng_stream st;
    const long n = 1000000;
    const sim_time window = SIM_PS_PER_MS / 10;
    double mean = 0, m2 = 0, g;
    sim_time t = 0, edge = window;
    long i, count = 0, windows = 0;

    ck_assert_double_eq_tol(a.on_rate_rps, 500000, 1e-6);
    rng_stream_init(&st, SEED, 0, 0, 1);
    for (i = 0; i < n; i++) {
        t += arrival_next_gap(&a, &st);
        while (t >= edge) {
            double d = (double)count - mean;

            windows++;
            mean += d / (double)windows;
            m2 += d * ((double)count - mean);
            count = 0;
            edge += window;
        }
        count++;
    }
    g = sim_time_to_sec(t) / (double)n;
    ck_assert_msg(fabs(1 / g - 100000) < 0.03 * 100000,
                  "seed %u: bursty rate %.1f, want 100000", st.seed, 1 / g);
    /* Counts per 100 us window: Poisson would give variance = mean. */
    ck_assert_msg(m2 / (double)(windows - 1) > 3 * mean,
                  "seed %u: index of dispersion %.2f, want > 3", st.seed,
                  m2 / (double)(windows - 1) / mean);
    rng_stream_release(&st);
    arrival_release(&a);
}
END_TEST

START_TEST(test_names)
{
    int k;

    for (k = 0; k < ARRIVAL_KIND_COUNT; k++)
        ck_assert_int_eq(arrival_kind_from_name(arrival_kind_name(k)), k);
    ck_assert_int_eq(arrival_kind_from_name("uniform"), -1);
}
END_TEST

/* ---- a closed loop through the engine ---- */

#define CLIENTS 5
#define FREQ_HZ 3e9

struct loop {
    struct sim sim;
    struct cqueue q;
    struct workload w;
    struct rng_stream arrivals, service;
    struct request rq;
    sim_time intended[CLIENTS];
    sim_time service_ps[CLIENTS];       /* of each client's next request */
    uint64_t done, warmup, total;
    int bad;                    /* draws that failed */
    sim_time measure_from;
    double response_s;          /* sum over measured requests */
};

static void issue(struct sim *s, void *ctx, uint64_t client);

/* The time a request's compute ops take at FREQ_HZ. */
static sim_time request_cycles_ps(const struct request *rq)
{
    double cycles = 0;
    size_t i;

    for (i = 0; i < rq->nops; i++)
        cycles += rq->ops[i].cycles;
    return sim_time_from_cycles(cycles, FREQ_HZ);
}

static void schedule_next(struct loop *l, uint64_t client)
{
    sim_time gap;

    l->bad += workload_next(&l->w, &l->arrivals, &l->service, &gap, &l->rq,
                            NULL) != 1;
    /* The next request is intended at completion + think time. */
    l->intended[client] = l->sim.now + gap;
    l->service_ps[client] = request_cycles_ps(&l->rq);
    sim_at(&l->sim, l->intended[client], issue, l, client);
}

static void on_done(struct sim *s, void *ctx, uint64_t client,
                    sim_time wait_ps, sim_time service_ps)
{
    struct loop *l = ctx;

    (void)wait_ps;
    (void)service_ps;
    l->done++;
    if (l->done == l->warmup)
        l->measure_from = s->now;
    else if (l->done > l->warmup)
        l->response_s += sim_time_to_sec(s->now - l->intended[client]);
    if (l->done == l->total) {
        sim_stop(s);
        return;
    }
    schedule_next(l, client);
}

static void issue(struct sim *s, void *ctx, uint64_t client)
{
    struct loop *l = ctx;

    (void)s;
    /* The request was drawn when it was scheduled. */
    cqueue_submit(&l->q, l->service_ps[client], on_done, l, client);
}

/* Exact MVA of N clients, think time Z, one exponential server S. */
static double mva_throughput(unsigned n, double s, double z)
{
    double q = 0, x = 0;
    unsigned k;

    for (k = 1; k <= n; k++) {
        double r = s * (1 + q);

        x = k / (r + z);
        q = x * r;
    }
    return x;
}

START_TEST(test_closed_loop_law)
{
    static const char *json =
        "{\"arrival\": {\"process\": \"closed\", \"clients\": 5,"
        "  \"think_s\": {\"dist\": \"exponential\", \"mean\": 0.001}},"
        " \"request\": [{\"op\": \"compute\","
        "  \"cycles\": {\"dist\": \"exponential\", \"mean\": 750000}}]}";
    static struct loop l;
    const double z = 0.001, s = 750000 / FREQ_HZ;
    double x, r, law, mva;
    struct diag dg;
    json_t *obj;
    unsigned c;

    memset(&l, 0, sizeof(l));
    obj = json_loads(json, 0, NULL);
    diag_init(&dg, "test");
    ck_assert_int_eq(workload_from_json(obj, "/workload", NULL, &l.w, &dg), 0);
    json_decref(obj);
    ck_assert_uint_eq(l.w.arrival.clients, CLIENTS);
    ck_assert_double_eq(workload_mean_rate(&l.w), 0);
    rng_stream_init(&l.arrivals, SEED, 0, 0, 0);
    rng_stream_init(&l.service, SEED, 0, 0, 1);
    sim_init(&l.sim);
    cqueue_init(&l.q, &l.sim, 1, 0);
    l.warmup = 2000;
    l.total = 100000;
    /* Each client starts one think time after time 0. */
    for (c = 0; c < CLIENTS; c++)
        schedule_next(&l, c);
    sim_run(&l.sim, SIM_TIME_MAX);
    ck_assert_int_eq(l.bad, 0);
    ck_assert_uint_eq(l.done, l.total);
    x = (double)(l.total - l.warmup) / sim_time_to_sec(l.sim.now -
                                                        l.measure_from);
    r = l.response_s / (double)(l.total - l.warmup);
    law = CLIENTS / (r + z);
    mva = mva_throughput(CLIENTS, s, z);
    ck_assert_msg(fabs(x - law) < 0.02 * law,
                  "seed %d: X %.1f/s, N/(R+Z) %.1f/s (R %.4g s)", SEED, x, law,
                  r);
    ck_assert_msg(fabs(x - mva) < 0.03 * mva,
                  "seed %d: X %.1f/s, exact MVA %.1f/s", SEED, x, mva);
    cqueue_release(&l.q);
    sim_release(&l.sim);
    rng_stream_release(&l.arrivals);
    rng_stream_release(&l.service);
    workload_release(&l.w);
}
END_TEST

static void load(const char *json, struct workload *w)
{
    json_t *obj = json_loads(json, 0, NULL);
    struct diag dg;

    diag_init(&dg, "test");
    ck_assert_msg(workload_from_json(obj, "/workload", ".", w, &dg) == 0,
                  "%s", dg.count ? dg.e[0].msg : "");
    json_decref(obj);
}

/*
 * workload_next is workload_next_arrival then workload_draw: the same
 * streams give the same gaps and ops, split or not; the arrival alone
 * leaves a drawn request's contents alone, and brings a trace's.
 */
START_TEST(test_arrival_then_draw)
{
    struct rng_stream a1, s1, a2, s2;
    struct workload w1, w2, wt;
    struct request r1, r2;
    sim_time g1, g2;
    int k, bad = 0;

    load("{\"generator\": \"oltp\"}", &w1);
    load("{\"generator\": \"oltp\"}", &w2);
    ck_assert(!workload_is_trace(&w1));
    rng_stream_init(&a1, SEED, 0, 0, 0);
    rng_stream_init(&s1, SEED, 0, 0, 1);
    rng_stream_init(&a2, SEED, 0, 0, 0);
    rng_stream_init(&s2, SEED, 0, 0, 1);
    for (k = 0; k < 5000; k++) {
        bad += workload_next(&w1, &a1, &s1, &g1, &r1, NULL) != 1;
        r2.nops = 77;
        bad += workload_next_arrival(&w2, &a2, &g2, &r2, NULL) != 1;
        bad += r2.nops != 77;
        r2.nops = workload_draw(&w2, &s2, r2.ops, WORKLOAD_MAX_OPS);
        bad += g1 != g2 || r1.nops != r2.nops ||
               memcmp(r1.ops, r2.ops, r1.nops * sizeof(r1.ops[0])) != 0;
    }
    ck_assert_int_eq(bad, 0);
    load("{\"arrival\": {\"process\": \"trace\", "
         "\"file\": \"tests/data/traces/good.csv\"}}", &wt);
    ck_assert(workload_is_trace(&wt));
    ck_assert_int_eq(workload_next_arrival(&wt, NULL, &g1, &r1, NULL), 1);
    ck_assert_uint_eq(g1, sim_time_from_sec(0.001));
    ck_assert_uint_eq(r1.nops, 3);
    ck_assert_double_eq(r1.ops[2].bytes, 1500);
    rng_stream_release(&a1);
    rng_stream_release(&s1);
    rng_stream_release(&a2);
    rng_stream_release(&s2);
    workload_release(&w1);
    workload_release(&w2);
    workload_release(&wt);
}
END_TEST

Suite *arrival_suite(void)
{
    Suite *s = suite_create("arrival");
    TCase *tc = tcase_create("open");

    tcase_add_test(tc, test_poisson_rate);
    tcase_add_test(tc, test_constant_exact);
    tcase_add_test(tc, test_bursty);
    tcase_add_test(tc, test_names);
    suite_add_tcase(s, tc);
    tc = tcase_create("closed");
    tcase_add_test(tc, test_closed_loop_law);
    suite_add_tcase(s, tc);
    tc = tcase_create("split");
    tcase_add_test(tc, test_arrival_then_draw);
    suite_add_tcase(s, tc);
    return s;
}
