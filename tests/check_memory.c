/*
 * check_memory.c - a working set larger than the instance's memory pays
 * major faults, and exactly then: the miss probability is the closed
 * form 1 - available / working set; major faults per second match rate x
 * pages x miss probability within a binomial confidence bound; each fault
 * is a swap read on the storage path, so storage IOPS equal the faults;
 * a fitting working set costs nothing; memory errors name their key.
 */
#include <math.h>
#include <string.h>

#include <jansson.h>

#include "models/catalog.h"
#include "models/generation.h"
#include "models/params.h"
#include "run/replica.h"
#include "tests/suites.h"
#include "workloads/workload_json.h"

static void build(const char *text, struct workload *w, struct diag *dg,
                  int want)
{
    json_error_t err;
    json_t *j = json_loads(text, 0, &err);

    ck_assert_msg(j != NULL, "%s", err.text);
    diag_init(dg, "check_memory");
    ck_assert_int_eq(workload_from_json(j, "/workload", ".", w, dg), want);
    json_decref(j);
}

/* One replication of `text` on instance `name` under its own generation. */
static void run_on(const char *name, const char *text,
                   struct replica_result *r, struct workload *w)
{
    struct param_set p;
    struct replica_spec spec;
    struct diag dg;

    build(text, w, &dg, 0);
    param_set_defaults(&p);
    memset(&spec, 0, sizeof(spec));
    spec.ip = catalog_find(name, &dg);
    ck_assert_ptr_nonnull(spec.ip);
    spec.gen = generation_find(spec.ip->generation, &dg);
    spec.params = &p;
    spec.workload = w;
    spec.seed = 77;
    spec.warmup_s = 0.05;
    spec.duration_s = 1;
    ck_assert_int_eq(replica_run(&spec, r, NULL, &dg), RUN_OK);
}

#define KV(ws) "{\"arrival\": {\"process\": \"poisson\", \"rate_rps\": 4000}, " \
    "\"request\": [{\"op\": \"compute\", \"cycles\": 20000}], " \
    "\"memory\": {\"working_set_gib\": " #ws ", \"pages_per_request\": 3}}"

START_TEST(test_miss_probability_closed_form)
{
    struct param_set p;
    struct diag dg;
    const struct instance_profile *m5 = catalog_find("m5.large", &dg);
    struct workload_memory mem = {12, 1};
    double avail;

    param_set_defaults(&p);
    ck_assert_ptr_nonnull(m5);
    avail = m5->memory_gib - param(&p, P_MEM_OS_RESERVE_GIB);
    ck_assert_double_eq_tol(replica_miss_probability(m5, &mem, &p),
                            1 - avail / 12, 1e-12);
    mem.working_set_gib = avail;            /* exactly fits */
    ck_assert_double_eq(replica_miss_probability(m5, &mem, &p), 0);
    mem.working_set_gib = 0;                /* not stated */
    ck_assert_double_eq(replica_miss_probability(m5, &mem, &p), 0);
}
END_TEST

START_TEST(test_faults_exactly_when_too_big)
{
    struct replica_result fit, big;
    struct workload w1, w2;
    struct param_set p;
    struct diag dg;
    const struct instance_profile *m5 = catalog_find("m5.large", &dg);
    struct workload_memory mem = {24, 3};
    double q, n, expect, sd;

    param_set_defaults(&p);
    run_on("m5.large", KV(4), &fit, &w1);
    run_on("m5.large", KV(24), &big, &w2);
    ck_assert_double_eq(fit.major_faults_per_s, 0);
    ck_assert_double_eq(fit.storage_iops, 0);
    q = replica_miss_probability(m5, &mem, &p);
    /* Requests arrive at 4000/s; each of 3 pages misses with prob. q. */
    n = big.completed * 3.0;
    expect = n * q;
    sd = sqrt(n * q * (1 - q));
    ck_assert_msg(fabs(big.major_faults_per_s - expect) < 4 * sd + 3 * 3,
                  "faults %g/s, expected %g +- %g", big.major_faults_per_s,
                  expect, 4 * sd);
    /* Faults count at admission, reads at completion: the window's edges. */
    ck_assert_double_eq_tol(big.storage_iops, big.major_faults_per_s,
                            0.01 * big.major_faults_per_s);
    /* Each fault waits for a swap read: the mean latency grows. */
    ck_assert(big.lat_mean_us > fit.lat_mean_us + 100);
    replica_result_release(&fit);
    replica_result_release(&big);
    workload_release(&w1);
    workload_release(&w2);
}
END_TEST

START_TEST(test_memory_errors)
{
    struct workload w;
    struct diag dg;

    build("{\"generator\": \"kv\", \"memory\": {\"working_set\": 3}}", &w, &dg,
          -1);
    ck_assert_str_eq(dg.e[0].msg, "unknown key 'working_set' (did you mean "
                     "'working_set_gib'?)");
    build("{\"generator\": \"kv\", \"memory\": {\"working_set_gib\": -1}}", &w,
          &dg, -1);
    ck_assert_ptr_nonnull(strstr(dg.e[0].msg, "working_set_gib"));
    build("{\"generator\": \"kv\", \"memory\": 5}", &w, &dg, -1);
    ck_assert_ptr_nonnull(strstr(dg.e[0].msg, "'memory' must be an object"));
}
END_TEST

Suite *memory_suite(void)
{
    Suite *s = suite_create("memory");
    TCase *tc = tcase_create("paging");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_miss_probability_closed_form);
    tcase_add_test(tc, test_faults_exactly_when_too_big);
    tcase_add_test(tc, test_memory_errors);
    suite_add_tcase(s, tc);
    return s;
}
