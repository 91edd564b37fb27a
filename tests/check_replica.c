/*
 * check_replica.c - tests for the requests of run/replica.c: the contents
 * of a guest's request k are drawn when it is admitted, from a sub-stream
 * of its own, so they are the same whichever requests before it were
 * dropped (common random numbers across cells), for open and closed
 * arrivals and for a mix; a trace's requests keep their lines' ops.
 * Replications run from typed workload templates (built from JSON once)
 * and leave them as they were, so one template serves every replication.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "run/replica.h"
#include "models/catalog.h"
#include "models/generation.h"
#include "models/params.h"
#include "tests/suites.h"
#include "workloads/request.h"
#include "workloads/trace.h"
#include "workloads/workload.h"
#include "workloads/workload_json.h"

#define SEED 20261125
#define MAX_REQS 50000

/* What one run admitted for guest 0: a hash of each request's ops. */
struct seen {
    unsigned char *have;        /* per request index */
    uint64_t *hash;
    size_t admitted, twice, beyond;
    uint64_t dropped, completed;
};

/* FNV-1a over the kind and every field of each op. */
static uint64_t hash_ops(const struct op *ops, size_t nops)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    size_t i, b;
    int f;

    for (i = 0; i < nops; i++) {
        double v[OP_FIELD_END + 1];

        v[0] = ops[i].kind;
        for (f = 0; f < OP_FIELD_END; f++)
            v[f + 1] = op_get_field(&ops[i], f);
        for (b = 0; b < sizeof(v); b++) {
            h ^= ((const unsigned char *)v)[b];
            h *= UINT64_C(0x100000001b3);
        }
    }
    return h ^ nops;
}

static void on_admit(void *ctx, unsigned guest, uint64_t index,
                     const struct op *ops, size_t nops)
{
    struct seen *s = ctx;

    if (guest != 0)
        return;
    if (index >= MAX_REQS) {
        s->beyond++;
        return;
    }
    s->twice += s->have[index];
    s->have[index] = 1;
    s->hash[index] = hash_ops(ops, nops);
    s->admitted++;
}

/* Builds the template of `workload` (JSON), the one parse. */
static void build(const char *workload, struct workload *w)
{
    json_error_t err;
    json_t *j = json_loads(workload, 0, &err);
    struct diag dg;

    ck_assert_msg(j != NULL, "%s", err.text);
    diag_init(&dg, "check_replica");
    ck_assert_msg(workload_from_json(j, "/workload", ".", w, &dg) == 0,
                  "workload: %s", dg.count ? dg.e[0].msg : "?");
    json_decref(j);
}

/* Runs template wl on a c5n.large under Nitro for duration_s. */
static void run_template(const struct workload *wl, unsigned max_in_flight,
                         double duration_s, struct seen *s)
{
    struct param_set p;
    struct replica_spec spec;
    struct replica_result r;
    enum run_status rc;
    struct diag dg;

    memset(s, 0, sizeof(*s));
    s->have = calloc(MAX_REQS, sizeof(*s->have));
    s->hash = calloc(MAX_REQS, sizeof(*s->hash));
    diag_init(&dg, "check_replica");
    param_set_defaults(&p);
    p.v[P_GUEST_MAX_IN_FLIGHT] = max_in_flight;
    memset(&spec, 0, sizeof(spec));
    spec.ip = catalog_find("c5n.large", &dg);
    ck_assert_ptr_nonnull(spec.ip);
    spec.gen = generation_find(spec.ip->generation, &dg);
    ck_assert_ptr_nonnull(spec.gen);
    spec.params = &p;
    spec.workload = wl;
    spec.seed = SEED;
    spec.duration_s = duration_s;
    spec.admitted = on_admit;
    spec.admitted_ctx = s;
    rc = replica_run(&spec, &r, NULL, &dg);
    ck_assert_msg(rc == RUN_OK, "replica_run: %s",
                  dg.count ? dg.e[0].msg : "?");
    s->dropped = r.dropped;
    s->completed = r.completed;
    replica_result_release(&r);
}

/* Runs `workload` (JSON) as run_template does. */
static void run(const char *workload, unsigned max_in_flight,
                double duration_s, struct seen *s)
{
    struct workload w;

    build(workload, &w);
    run_template(&w, max_in_flight, duration_s, s);
    workload_release(&w);
}

static void seen_release(struct seen *s)
{
    free(s->have);
    free(s->hash);
    memset(s, 0, sizeof(*s));
}

static const struct {
    const char *workload;
    unsigned roomy, tight;      /* guest.max_in_flight of the two runs */
    double duration_s;
} cases[] = {
    /* Open: 200k/s overloads the instance; 12 ops, 10 lognormal sizes. */
    {"{\"generator\": \"microservices\", \"rate_rps\": 200000}",
     10000, 20, 0.02},
    /* A mix of five transactions: the variant is part of the contents. */
    {"{\"generator\": \"oltp\", \"rate_rps\": 40000}", 10000, 8, 0.05},
    /* Closed: 64 clients; with room for 16, the rest are dropped and
     * think again. */
    {"{\"arrival\": {\"process\": \"closed\", \"clients\": 64, "
     "\"think_s\": {\"dist\": \"exponential\", \"mean\": 0.0002}}, "
     "\"request\": [{\"op\": \"net_rx\", \"bytes\": {\"dist\": "
     "\"lognormal\", \"mean\": 2000, \"cv\": 1}}, {\"op\": \"compute\", "
     "\"cycles\": {\"dist\": \"exponential\", \"mean\": 200000}}]}",
     10000, 16, 0.04},
};

/*
 * The same request index has the same contents in a run that admits
 * nearly everything and in one that drops most requests: what is dropped
 * before a request does not shift its draws.
 */
START_TEST(test_contents_independent_of_drops)
{
    struct seen roomy, tight;
    size_t k, both = 0, differ = 0, distinct = 0;

    run(cases[_i].workload, cases[_i].roomy, cases[_i].duration_s, &roomy);
    run(cases[_i].workload, cases[_i].tight, cases[_i].duration_s, &tight);
    ck_assert_uint_eq(roomy.twice + tight.twice, 0);
    ck_assert_uint_eq(roomy.beyond + tight.beyond, 0);
    /* The tight run must really drop, or the test shows nothing. */
    ck_assert_msg(tight.dropped > roomy.dropped + 100,
                  "case %d: tight run dropped %llu, roomy %llu", _i,
                  (unsigned long long)tight.dropped,
                  (unsigned long long)roomy.dropped);
    for (k = 0; k < MAX_REQS; k++) {
        if (!(roomy.have[k] && tight.have[k]))
            continue;
        both++;
        differ += roomy.hash[k] != tight.hash[k];
        distinct += k > 0 && roomy.have[k - 1] &&
                    roomy.hash[k] != roomy.hash[k - 1];
    }
    ck_assert_msg(both > 100, "case %d: only %zu requests in both runs", _i,
                  both);
    ck_assert_msg(differ == 0, "case %d seed %d: %zu of %zu requests changed "
                  "contents when earlier ones were dropped", _i, SEED, differ,
                  both);
    /* The contents are drawn, not all alike. */
    ck_assert_msg(distinct > both / 2, "case %d: %zu distinct of %zu", _i,
                  distinct, both);
    seen_release(&roomy);
    seen_release(&tight);
}
END_TEST

/*
 * The same spec gives the same requests (and the same counts), run after
 * run from one template, as from a template built afresh: a replication
 * draws from a copy and leaves the template as it was.
 */
START_TEST(test_deterministic)
{
    struct seen a, b, c;
    struct workload w;

    build(cases[_i].workload, &w);
    run_template(&w, cases[_i].tight, cases[_i].duration_s, &a);
    run_template(&w, cases[_i].tight, cases[_i].duration_s, &b);
    run(cases[_i].workload, cases[_i].tight, cases[_i].duration_s, &c);
    workload_release(&w);
    ck_assert_uint_eq(a.admitted, c.admitted);
    ck_assert_uint_eq(a.completed, c.completed);
    ck_assert_int_eq(memcmp(a.hash, c.hash, MAX_REQS * sizeof(*a.hash)), 0);
    seen_release(&c);
    ck_assert_uint_eq(a.admitted, b.admitted);
    ck_assert_uint_eq(a.dropped, b.dropped);
    ck_assert_uint_eq(a.completed, b.completed);
    ck_assert_int_eq(memcmp(a.have, b.have, MAX_REQS), 0);
    ck_assert_int_eq(memcmp(a.hash, b.hash, MAX_REQS * sizeof(*a.hash)), 0);
    seen_release(&a);
    seen_release(&b);
}
END_TEST

/*
 * A trace's requests are admitted with the ops of their lines, in order,
 * in every replication run from one template: each copy reads the trace
 * from its start with a reader of its own.
 */
START_TEST(test_trace_contents)
{
    const char *path = "tests/data/traces/good.csv";
    struct request *rq = malloc(sizeof(*rq));
    struct trace_reader *tr;
    struct workload w;
    struct diag dg;
    struct seen s, again;
    sim_time at;
    size_t k;

    build("{\"arrival\": {\"process\": \"trace\", \"file\": "
          "\"tests/data/traces/good.csv\"}}", &w);
    run_template(&w, 10000, 0.01, &s);
    run_template(&w, 10000, 0.01, &again);
    workload_release(&w);
    ck_assert_uint_eq(s.admitted, 3);
    ck_assert_uint_eq(s.twice, 0);
    ck_assert_uint_eq(again.admitted, 3);
    ck_assert_int_eq(memcmp(s.hash, again.hash, 3 * sizeof(*s.hash)), 0);
    seen_release(&again);
    diag_init(&dg, path);
    tr = trace_open(path, NULL, &dg);
    ck_assert_ptr_nonnull(tr);
    for (k = 0; k < 3; k++) {
        ck_assert_int_eq(trace_next(tr, &at, rq, &dg), 1);
        ck_assert(s.have[k]);
        ck_assert_msg(s.hash[k] == hash_ops(rq->ops, rq->nops),
                      "request %zu: not the trace's ops", k);
    }
    trace_close(tr);
    free(rq);
    seen_release(&s);
}
END_TEST

/*
 * workload_copy: the copy owns everything (no pointer shared with the
 * template), draws what the template would, and a trace copy has a
 * reader of its own at the first request.
 */
START_TEST(test_copy_shares_nothing)
{
    struct workload w, c, t, tc;
    struct rng_stream a, b;
    struct op x[WORKLOAD_MAX_OPS], y[WORKLOAD_MAX_OPS];
    struct request *r1 = malloc(sizeof(*r1)), *r2 = malloc(sizeof(*r2));
    sim_time g1, g2;
    struct diag dg;
    size_t i, n;

    diag_init(&dg, "check_replica");
    build(cases[1].workload, &w);       /* a mix of five variants */
    ck_assert_int_eq(workload_copy(&c, &w, &dg), 0);
    ck_assert_str_eq(c.name, w.name);
    ck_assert_uint_eq(c.request.nvariants, w.request.nvariants);
    ck_assert_ptr_ne(c.request.variants, w.request.variants);
    for (i = 0; i < w.request.nvariants; i++)
        ck_assert_ptr_ne(c.request.variants[i].ops,
                         w.request.variants[i].ops);
    ck_assert_double_eq(c.request.total_weight, w.request.total_weight);
    ck_assert_int_eq(rng_stream_init(&a, SEED, 0, 0, 1), 0);
    ck_assert_int_eq(rng_stream_init(&b, SEED, 0, 0, 1), 0);
    for (i = 0; i < 100; i++) {
        n = workload_draw(&w, &a, x, WORKLOAD_MAX_OPS);
        ck_assert_uint_eq(workload_draw(&c, &b, y, WORKLOAD_MAX_OPS), n);
        ck_assert_int_eq(memcmp(x, y, n * sizeof(*x)), 0);
    }
    rng_stream_release(&a);
    rng_stream_release(&b);
    workload_release(&w);
    workload_release(&c);               /* nothing freed twice */

    build("{\"arrival\": {\"process\": \"trace\", \"file\": "
          "\"tests/data/traces/good.csv\"}}", &t);
    ck_assert_int_eq(trace_next(t.trace, &g1, r1, &dg), 1);
    ck_assert_int_eq(workload_copy(&tc, &t, &dg), 0);
    ck_assert_ptr_nonnull(tc.trace);
    ck_assert_ptr_ne(tc.trace, t.trace);
    ck_assert_ptr_ne(tc.arrival.trace_file, t.arrival.trace_file);
    ck_assert_int_eq(trace_next(tc.trace, &g2, r2, &dg), 1);
    ck_assert_uint_eq(g1, g2);          /* from the start, not after t */
    ck_assert_uint_eq(r1->nops, r2->nops);
    workload_release(&t);
    workload_release(&tc);
    free(r1);
    free(r2);
}
END_TEST

Suite *replica_suite(void)
{
    Suite *s = suite_create("replica");
    TCase *tc = tcase_create("requests");

    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_contents_independent_of_drops, 0,
                        (int)(sizeof(cases) / sizeof(cases[0])));
    tcase_add_loop_test(tc, test_deterministic, 0,
                        (int)(sizeof(cases) / sizeof(cases[0])));
    tcase_add_test(tc, test_copy_shares_nothing);
    tcase_add_test(tc, test_trace_contents);
    suite_add_tcase(s, tc);
    return s;
}
