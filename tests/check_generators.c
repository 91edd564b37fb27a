/*
 * check_generators.c - the contract every workload generator must meet
 * (as check_models does for cost models): unique names, documented
 * parameters whose defaults lie in their ranges, a build from JSON with
 * defaults, valid requests drawn deterministically from a seed, open
 * processes at their stated rate, and a run through the engine (a
 * c-server queue standing for the machine) in which every request issued
 * completes and closed loops obey X = N / (R + Z).
 */
#include <math.h>
#include <string.h>

#include <jansson.h>

#include "sim/cqueue.h"
#include "sim/sim.h"
#include "tests/suites.h"
#include "workloads/generator.h"
#include "workloads/workload_json.h"

#define SEED 20261125

/* Builds generator i with its defaults through the JSON path. */
static void build(size_t i, struct workload *w)
{
    const struct generator_ops *g = generator_at(i);
    json_t *obj = json_pack("{s:s}", "generator", g->name);
    struct diag dg;

    diag_init(&dg, "gen");
    ck_assert_msg(workload_from_json(obj, "/workload", NULL, w, &dg) == 0,
                  "%s: %s", g->name, dg.count ? dg.e[0].msg : "");
    json_decref(obj);
}

START_TEST(test_contract)
{
    const struct generator_ops *g = generator_at(_i);
    size_t j, k;

    ck_assert_ptr_nonnull(g);
    ck_assert(g->name && g->name[0] && g->summary && g->summary[0]);
    ck_assert(g->source && g->source[0] && g->build);
    ck_assert_ptr_eq(generator_find(g->name), g);
    for (j = 0; j < generator_count(); j++)
        ck_assert(j == (size_t)_i || strcmp(generator_at(j)->name, g->name));
    ck_assert_uint_le(g->nparams, GENERATOR_MAX_PARAMS);
    for (j = 0; j < g->nparams; j++) {
        const struct gen_param *p = &g->params[j];

        ck_assert_msg(p->min <= p->def && p->def <= p->max,
                      "%s.%s: default %g outside [%g, %g]", g->name, p->name,
                      p->def, p->min, p->max);
        ck_assert(!p->integer || p->def == floor(p->def));
        ck_assert(p->doc && p->doc[0]);
        ck_assert_int_eq(generator_param_index(g, p->name), (int)j);
        for (k = 0; k < j; k++)
            ck_assert_str_ne(g->params[k].name, p->name);
        /* Parameter names must not shadow the keys of the object. */
        ck_assert_str_ne(p->name, "generator");
        ck_assert_str_ne(p->name, "arrival");
    }
}
END_TEST

/*
 * Whether op is valid; ck_assert in a hot loop is slow (it marks a point
 * per call), so the caller asserts once on the result.
 */
static int op_ok(const struct op *op)
{
    int f;

    if (op->kind >= OP_KIND_COUNT)
        return 0;
    for (f = 0; f < OP_FIELD_END; f++) {
        double x = op_get_field(op, f);

        if (!(isfinite(x) && x >= 0 && x <= op_field_info(f)->max))
            return 0;
        if (!op_field_applies(f, op->kind) && x != 0)
            return 0;
    }
    return 1;
}

START_TEST(test_draws)
{
    const struct generator_ops *g = generator_at(_i);
    struct rng_stream a1, s1, a2, s2;
    struct workload w1, w2;
    struct request r1, r2;
    sim_time g1, g2;
    size_t j;
    int k, bad = 0;

    build(_i, &w1);
    build(_i, &w2);
    ck_assert_str_eq(w1.name, g->name);
    rng_stream_init(&a1, SEED, 0, 0, 0);
    rng_stream_init(&s1, SEED, 0, 0, 1);
    rng_stream_init(&a2, SEED, 0, 0, 0);
    rng_stream_init(&s2, SEED, 0, 0, 1);
    for (k = 0; k < 2000; k++) {
        bad += workload_next(&w1, &a1, &s1, &g1, &r1, NULL) != 1;
        bad += workload_next(&w2, &a2, &s2, &g2, &r2, NULL) != 1;
        bad += r1.nops < 1 || g1 != g2 || r1.nops != r2.nops;
        bad += memcmp(r1.ops, r2.ops, r1.nops * sizeof(r1.ops[0])) != 0;
        for (j = 0; j < r1.nops; j++)
            bad += !op_ok(&r1.ops[j]);
    }
    ck_assert_msg(bad == 0, "%s: %d bad or irreproducible draws", g->name,
                  bad);
    rng_stream_release(&a1);
    rng_stream_release(&s1);
    rng_stream_release(&a2);
    rng_stream_release(&s2);
    workload_release(&w1);
    workload_release(&w2);
}
END_TEST

START_TEST(test_open_rate)
{
    const struct generator_ops *g = generator_at(_i);
    struct rng_stream a, s;
    struct workload w;
    struct request rq;
    sim_time t = 0;
    long k, n;
    double rate;

    build(_i, &w);
    if (!arrival_is_open(&w.arrival)) {
        ck_assert_double_eq(workload_mean_rate(&w), 0);
        workload_release(&w);
        return;
    }
    /* Bursts correlate arrivals: the MMPP needs many on/off cycles. */
    n = w.arrival.kind == ARRIVAL_BURSTY ? 2000000 : 200000;
    rng_stream_init(&a, SEED, 0, 0, 0);
    rng_stream_init(&s, SEED, 0, 0, 1);
    for (k = 0; k < n; k++) {
        sim_time gap = arrival_next_gap(&w.arrival, &a);

        t += gap;
    }
    rate = (double)n / sim_time_to_sec(t);
    ck_assert_msg(fabs(rate - workload_mean_rate(&w)) <
                  0.03 * workload_mean_rate(&w),
                  "%s seed %d: rate %.1f/s, want %.1f/s", g->name, SEED, rate,
                  workload_mean_rate(&w));
    (void)rq;
    rng_stream_release(&a);
    rng_stream_release(&s);
    workload_release(&w);
}
END_TEST

/* ---- through the engine ---- */

#define SERVERS 64
#define FREQ_HZ 3e9
#define NET_BPS 1.25e9          /* 10 Gb/s */
#define DISK_BPS 1e9
#define MAX_CLIENTS 64

struct run {
    struct sim sim;
    struct cqueue q;
    struct workload w;
    struct rng_stream arrivals, service;
    uint64_t issued, done, total;
    int bad;                    /* draws that failed */
    sim_time intended[MAX_CLIENTS];
    double response_s;
};

/* A stand-in for the machine: the time a request's ops take on a server. */
static sim_time service_time(const struct request *rq)
{
    double s = 0;
    size_t i;

    for (i = 0; i < rq->nops; i++) {
        const struct op *op = &rq->ops[i];

        s += op->cycles / FREQ_HZ;
        s += (op->syscalls + op->page_faults + op->pt_updates +
              op->privileged + op->count) * 1e-7;
        if (op->kind == OP_NET_RX || op->kind == OP_NET_TX)
            s += op->bytes / NET_BPS;
        if (op->kind == OP_DISK_READ || op->kind == OP_DISK_WRITE)
            s += op->bytes / DISK_BPS;
        s += sim_time_to_sec(op->sleep_ps);
    }
    return sim_time_from_sec(s) + 1;
}

static void open_arrival(struct sim *s, void *ctx, uint64_t service_ps);

static void open_done(struct sim *s, void *ctx, uint64_t arg, sim_time w,
                      sim_time sv)
{
    struct run *r = ctx;

    (void)s;
    (void)arg;
    r->done++;
    r->response_s += sim_time_to_sec(w + sv);
}

/*
 * Draws the next request and schedules its arrival; the draw's service
 * time rides in the event's argument.
 */
static void open_schedule(struct run *r)
{
    struct request rq;
    sim_time gap;

    r->bad += workload_next(&r->w, &r->arrivals, &r->service, &gap, &rq,
                            NULL) != 1;
    sim_after(&r->sim, gap, open_arrival, r, service_time(&rq));
}

static void open_arrival(struct sim *s, void *ctx, uint64_t service_ps)
{
    struct run *r = ctx;

    (void)s;
    cqueue_submit(&r->q, service_ps, open_done, r, 0);
    if (++r->issued < r->total)
        open_schedule(r);
}

static void closed_issue(struct sim *s, void *ctx, uint64_t client);

static void closed_next(struct run *r, uint64_t client)
{
    struct request rq;
    sim_time gap;

    r->bad += workload_next(&r->w, &r->arrivals, &r->service, &gap, &rq,
                            NULL) != 1;
    r->intended[client] = r->sim.now + gap;
    /* Service is drawn now; the client index rides in the argument. */
    sim_at(&r->sim, r->intended[client], closed_issue, r,
           client | (uint64_t)service_time(&rq) << 8);
}

static void closed_done(struct sim *s, void *ctx, uint64_t client,
                        sim_time w, sim_time sv)
{
    struct run *r = ctx;

    (void)w;
    (void)sv;
    r->done++;
    r->response_s += sim_time_to_sec(s->now - r->intended[client]);
    if (r->issued < r->total) {
        r->issued++;
        closed_next(r, client);
    }
}

static void closed_issue(struct sim *s, void *ctx, uint64_t arg)
{
    struct run *r = ctx;

    (void)s;
    cqueue_submit(&r->q, arg >> 8, closed_done, r, arg & 0xff);
}

START_TEST(test_engine_run)
{
    const struct generator_ops *g = generator_at(_i);
    static struct run r;
    unsigned c;

    memset(&r, 0, sizeof(r));
    build(_i, &r.w);
    rng_stream_init(&r.arrivals, SEED, 0, 0, 0);
    rng_stream_init(&r.service, SEED, 0, 0, 1);
    sim_init(&r.sim);
    cqueue_init(&r.q, &r.sim, SERVERS, 0);
    r.total = 20000;
    if (arrival_is_open(&r.w.arrival)) {
        open_schedule(&r);
    } else {
        ck_assert_uint_le(r.w.arrival.clients, MAX_CLIENTS);
        for (c = 0; c < r.w.arrival.clients; c++)
            closed_next(&r, c);
        r.issued = r.w.arrival.clients;
    }
    sim_run(&r.sim, SIM_TIME_MAX);
    ck_assert_int_eq(r.bad, 0);
    ck_assert_msg(r.done == r.total, "%s: %llu of %llu requests completed",
                  g->name, (unsigned long long)r.done,
                  (unsigned long long)r.total);
    if (!arrival_is_open(&r.w.arrival)) {
        /* Zero think time: X = N / R, measured over the whole run. */
        double x = (double)r.done / sim_time_to_sec(r.sim.now);
        double law = r.w.arrival.clients /
                     (r.response_s / (double)r.done +
                      dist_mean(&r.w.arrival.think_s));

        ck_assert_msg(fabs(x - law) < 0.02 * law,
                      "%s seed %d: X %.1f/s, N/(R+Z) %.1f/s", g->name, SEED, x,
                      law);
    }
    cqueue_release(&r.q);
    sim_release(&r.sim);
    rng_stream_release(&r.arrivals);
    rng_stream_release(&r.service);
    workload_release(&r.w);
}
END_TEST

START_TEST(test_lookups)
{
    char names[256];

    ck_assert_ptr_null(generator_find("nope"));
    ck_assert_ptr_null(generator_at(generator_count()));
    ck_assert_str_eq(generator_near_miss("oltpp"), "oltp");
    ck_assert_ptr_null(generator_near_miss("zzzzzzzz"));
    generator_names(names, sizeof(names));
    ck_assert_str_eq(names, "hft, kv, microservices, web, bigdata, oltp, "
                     "batch, storage, build, syscalls");
}
END_TEST

/* Draws past a field's limit are capped, even from an infinite tail. */
START_TEST(test_draws_capped)
{
    struct request_template t;
    struct request_variant *v;
    struct op_template *ot;
    struct rng_stream st;
    struct op op;
    int k, bad = 0;

    request_template_init(&t);
    v = request_template_add(&t, "huge", 1);
    ot = request_variant_add_op(v, OP_NET_TX);
    ot->amount[OP_FIELD_BYTES] = dist_pareto(0.01, 1);
    rng_stream_init(&st, SEED, 0, 0, 0);
    for (k = 0; k < 1000; k++) {
        op_template_draw(ot, &st, &op);
        bad += !(op.bytes >= 1 && op.bytes <= 1e12);
    }
    ck_assert_int_eq(bad, 0);
    rng_stream_release(&st);
    request_template_release(&t);
    ck_assert_uint_eq(t.nvariants, 0);
    ck_assert_ptr_null(t.variants);
}
END_TEST

/*
 * op_template_draw sets exactly the fields the table says apply to each
 * kind, draws them in field order from the stream (so a kind's draws do
 * not depend on how the code is laid out), caps them and rounds bytes and
 * cycles; a const field draws nothing.
 */
START_TEST(test_draw_follows_field_table)
{
    struct request_template t;
    struct request_variant *v;
    struct rng_stream st, ref;
    int k, f;

    request_template_init(&t);
    v = request_template_add(&t, NULL, 1);
    for (k = 0; k < OP_KIND_COUNT; k++) {
        struct op_template *ot = request_variant_add_op(v, (enum op_kind)k);
        struct op op;

        for (f = 0; f < OP_FIELD_END; f++)
            ot->amount[f] = dist_exponential(10 + f);
        rng_stream_init(&st, SEED, 0, 0, (uint64_t)k);
        rng_stream_init(&ref, SEED, 0, 0, (uint64_t)k);
        op_template_draw(ot, &st, &op);
        ck_assert_int_eq(op.kind, k);
        for (f = 0; f < OP_FIELD_END; f++) {
            double want = 0;

            if (op_field_applies(f, k)) {
                want = dist_sample(&ot->amount[f], &ref);
                if (f == OP_FIELD_BYTES || f == OP_FIELD_CYCLES)
                    want = nearbyint(want);
                if (f == OP_FIELD_SECONDS)
                    want = sim_time_to_sec(sim_time_from_sec(want));
            }
            ck_assert_msg(op_get_field(&op, f) == want,
                          "%s.%s: %g, want %g", op_kind_name(k),
                          op_field_info(f)->key, op_get_field(&op, f), want);
        }
        /* Both streams are at the same place: nothing else was drawn. */
        ck_assert_double_eq(rng_uniform_pos(&st), rng_uniform_pos(&ref));
        /* Const amounts: set where they apply, capped, no draw. */
        for (f = 0; f < OP_FIELD_END; f++)
            ot->amount[f] = dist_const(2.5e13);
        op_template_draw(ot, &st, &op);
        for (f = 0; f < OP_FIELD_END; f++) {
            double want = op_field_applies(f, k) ? op_field_info(f)->max : 0;

            if (f == OP_FIELD_SECONDS && want > 0)
                want = sim_time_to_sec(sim_time_from_sec(want));
            ck_assert_double_eq(op_get_field(&op, f), want);
        }
        ck_assert_double_eq(rng_uniform_pos(&st), rng_uniform_pos(&ref));
        rng_stream_release(&st);
        rng_stream_release(&ref);
    }
    request_template_release(&t);
}
END_TEST

/* A template is fixed only with one variant and constant amounts. */
START_TEST(test_template_fixed)
{
    struct request_template t;
    struct request_variant *rv;

    request_template_init(&t);
    ck_assert(request_template_is_fixed(&t));           /* no variants */
    rv = request_template_add(&t, "a", 1);
    gen_io(rv, OP_NET_RX, dist_const(1460));
    gen_compute(rv, dist_const(5000), 2, 0);
    ck_assert(request_template_is_fixed(&t));
    gen_io(rv, OP_NET_TX, dist_exponential(100));
    ck_assert(!request_template_is_fixed(&t));
    request_template_release(&t);

    request_template_init(&t);
    gen_io(request_template_add(&t, "a", 1), OP_NET_RX, dist_const(64));
    gen_io(request_template_add(&t, "b", 1), OP_NET_RX, dist_const(64));
    ck_assert(!request_template_is_fixed(&t));          /* a pick is a draw */
    request_template_release(&t);
}
END_TEST

Suite *generators_suite(void)
{
    Suite *s = suite_create("generators");
    TCase *tc = tcase_create("contract");
    int n = (int)generator_count();

    tcase_add_loop_test(tc, test_contract, 0, n);
    tcase_add_loop_test(tc, test_draws, 0, n);
    tcase_add_loop_test(tc, test_open_rate, 0, n);
    tcase_add_loop_test(tc, test_engine_run, 0, n);
    tcase_add_test(tc, test_lookups);
    tcase_add_test(tc, test_draws_capped);
    tcase_add_test(tc, test_draw_follows_field_table);
    tcase_add_test(tc, test_template_fixed);
    suite_add_tcase(s, tc);
    return s;
}
